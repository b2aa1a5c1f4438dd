"""Buurt: the log of a complex (#18 A) and Verbinden (#18 B)."""

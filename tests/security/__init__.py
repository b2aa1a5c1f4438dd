"""Attacker tests: each one plays the attacker against a claim in docs/."""

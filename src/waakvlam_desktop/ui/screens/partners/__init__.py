"""partners (Qt)."""

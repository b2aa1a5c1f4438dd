"""today (Qt)."""

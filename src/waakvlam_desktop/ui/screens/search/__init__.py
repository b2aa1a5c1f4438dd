"""search (Qt)."""

"""privacy (Qt)."""

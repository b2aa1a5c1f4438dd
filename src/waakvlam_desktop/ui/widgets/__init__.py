"""widgets (Qt)."""

"""overview (Qt)."""

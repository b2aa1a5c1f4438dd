"""screens (Qt)."""

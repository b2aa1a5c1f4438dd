"""settings (Qt)."""

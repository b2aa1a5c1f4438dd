"""access (Qt)."""

"""exports (Qt)."""

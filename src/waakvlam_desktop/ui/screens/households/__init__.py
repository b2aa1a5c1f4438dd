"""households (Qt)."""

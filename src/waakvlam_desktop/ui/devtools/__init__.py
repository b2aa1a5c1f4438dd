"""devtools (Qt)."""

"""household (Qt)."""

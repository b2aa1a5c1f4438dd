"""referrals (Qt)."""

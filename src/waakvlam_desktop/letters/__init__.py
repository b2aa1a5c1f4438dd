"""PDF documents (referral letters, consent forms, summaries): pure functions -> bytes."""

"""Domain types, rules and services. No Qt here, and no SQL strings."""

"""Privacy rules: BSN guard, audit chain, retention, inzage."""

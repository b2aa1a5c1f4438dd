"""The partner app's screens (``waakvlam-partner``); the core is ``partnerstore/``."""

"""The partner app's core (``waakvlam-partner``): its own encrypted store and what a
partner does with bundles and feedback. No Qt (the screens are in ``ui/partner/``).

A layer of its own between the faces and ``bundles``: it reuses the bundle reader, the
reply writer and the vault's key and database code, and nothing in the corporation's
schema (see docs/partner.md, "For ICT").
"""

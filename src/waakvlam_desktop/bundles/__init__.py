"""Partner export bundles: build, sign, encrypt (export side); decrypt, verify, open, import.

See docs/bundle-format.md. No Qt here.
"""

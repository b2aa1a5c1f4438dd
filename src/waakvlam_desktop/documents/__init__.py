"""PDF documents (referral letters, consent forms, summaries): pure functions -> bytes.

- ``referral_letter``, ``consent_form``, ``resident_letter``: ``render_*(LetterData) -> bytes``
- ``layout``: A4 page, letterhead, envelope window, footer, styles (see docs/letters.md)
- ``templates``: the wording as data (``resources/letters/*.json``), checked on load
- ``documents``: make a referral's documents from the vault (store, audit)
"""

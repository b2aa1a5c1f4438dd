"""Small builders used by several test modules."""

from __future__ import annotations

from pathlib import Path

from waakvlam_desktop.domain import households
from waakvlam_desktop.storage.vault import Vault


def add_household(vault: Vault, label: str = "fam. Jansen", number: int = 12) -> str:
    with vault.session() as s:
        addr = households.add_address(
            s,
            street="Kerkstraat",
            number=number,
            postcode="3511 AB",
            city="Utrecht",
            wijk="Binnenstad",
        )
        hh = households.add_household(s, addr.id, label)
        households.add_resident(s, hh.id, "Anna Jansen", birth_year=1950)
        return hh.id


def all_bytes(folder: Path) -> bytes:
    """Every byte of every file below ``folder``."""
    return b"".join(p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file())

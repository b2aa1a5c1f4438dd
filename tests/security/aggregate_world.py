"""The demo vault with small complexes added, as the subtraction attacks of issue #13 need.

300 demo households (seed 3), plus, inside the large wijk Overvecht, a 6-home complex
("Hofje Klein", one home at acuut), a 9-home complex ("Hofje Midden": one at acuut, two at
zorg, so the two smallest levels hold only 3 households) and a 1-home complex
("Kluswoning"), visited in July, August and September 2026 with signals and levels.
"""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path

from tests.conftest import PASSPHRASE
from waakvlam_desktop.clock import FixedClock
from waakvlam_desktop.domain import households
from waakvlam_desktop.domain.demo import fixed_demo_now, generate_demo
from waakvlam_desktop.domain.setup import initialise
from waakvlam_desktop.domain.types import ConcernLevel, VisitKind
from waakvlam_desktop.domain.visits import SignalInput, VisitInput, record_visit
from waakvlam_desktop.storage.vault import Vault

SMALL = "Hofje Klein"
MIDDLE = "Hofje Midden"
SINGLE = "Kluswoning"
_G, _A, _Z, _X = ConcernLevel.GEEN, ConcernLevel.AANDACHT, ConcernLevel.ZORG, ConcernLevel.ACUUT
# Per complex: its code and the level each home gets at its visits.
PLAN = {
    SMALL: ("C-KLEIN", [_X] + [_G] * 5),  # one of six at acuut
    MIDDLE: ("C-MIDDEN", [_X, _Z, _Z] + [_G] * 6),  # the two smallest levels add up to 3
    SINGLE: ("C-EEN", [_A]),
}


def build_demo_vault(folder: Path, households_count: int = 300) -> Vault:
    clock = FixedClock(fixed_demo_now())
    v = Vault.create(folder, PASSPHRASE, kdf_target_seconds=0, clock=clock)
    with v.session() as s:
        v.actor = initialise(s, organisation="Demo", staff_name="Demo").id
    generate_demo(v.session, households_count, seed=3)
    clock.set(datetime(2026, 6, 1, 9, 0, tzinfo=UTC))  # the small complexes are older
    homes: list[tuple[str, int, ConcernLevel]] = []  # household, number in complex, level
    with v.session() as s:
        for name, (code, levels) in PLAN.items():
            cpx = households.add_complex(s, name, code=code, wijk="Overvecht")
            for i, level in enumerate(levels):
                addr = households.add_address(
                    s,
                    street=f"{name}straat",
                    number=i + 1,
                    postcode="3533 AA",
                    city="Utrecht",
                    wijk="Overvecht",
                    complex_id=cpx.id,
                )
                hid = households.add_household(s, addr.id, f"fam. {name} {i}").id
                homes.append((hid, i, level))
    signal = [SignalInput("financien.huurachterstand", 2)]
    for month in (7, 8, 9):
        for n, (hid, i, level) in enumerate(homes):
            if (n + month) % 3 == 0 and i:  # not everyone every month
                continue
            when = datetime(2026, month, 1 + n, 10, 0, tzinfo=UTC)
            clock.set(when)  # levels are set when the visit is recorded
            with v.session() as s:
                record_visit(
                    s,
                    VisitInput(
                        household_id=hid,
                        kind=VisitKind.REGULIER,
                        visited_at=when,
                        signals=signal if i in (0, 2) else [],
                        concern_level=level,
                    ),
                )
    clock.set(fixed_demo_now())
    return v

"""The demo vault with small complexes added, as the subtraction attacks of issue #13 need.

300 demo households (seed 3), plus a 6-home complex ("Hofje Klein") inside the large wijk
Overvecht and a 1-home complex ("Kluswoning"), all visited in July, August and September
2026 with signals and concern levels: one of the six at acuut, the rest small.
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
SINGLE = "Kluswoning"


def build_demo_vault(folder: Path, households_count: int = 300) -> Vault:
    clock = FixedClock(fixed_demo_now())
    v = Vault.create(folder, PASSPHRASE, kdf_target_seconds=0, clock=clock)
    with v.session() as s:
        v.actor = initialise(s, organisation="Demo", staff_name="Demo").id
    generate_demo(v.session, households_count, seed=3)
    clock.set(datetime(2026, 6, 1, 9, 0, tzinfo=UTC))  # the small complexes are older
    with v.session() as s:
        small = households.add_complex(s, SMALL, code="C-KLEIN", wijk="Overvecht")
        single = households.add_complex(s, SINGLE, code="C-EEN", wijk="Overvecht")
        plan: list[tuple[str, str, int]] = [(small.id, SMALL, i) for i in range(6)]
        plan.append((single.id, SINGLE, 0))
        ids: list[tuple[str, int]] = []
        for cid, name, i in plan:
            addr = households.add_address(
                s,
                street=f"{name}straat",
                number=i + 1,
                postcode="3533 AA",
                city="Utrecht",
                wijk="Overvecht",
                complex_id=cid,
            )
            ids.append((households.add_household(s, addr.id, f"fam. {name} {i}").id, i))
    levels = [ConcernLevel.ACUUT] + [ConcernLevel.GEEN] * 5
    signal = [SignalInput("financien.huurachterstand", 2)]
    for month in (7, 8, 9):
        for n, (hid, i) in enumerate(ids):
            if (n + month) % 3 == 0 and i:  # not everyone every month
                continue
            when = datetime(2026, month, 10 + n, 10, 0, tzinfo=UTC)
            clock.set(when)  # levels are set when the visit is recorded
            with v.session() as s:
                record_visit(
                    s,
                    VisitInput(
                        household_id=hid,
                        kind=VisitKind.REGULIER,
                        visited_at=when,
                        signals=signal if n in (0, 2) else [],
                        concern_level=levels[n] if n < len(levels) else ConcernLevel.AANDACHT,
                    ),
                )
    clock.set(fixed_demo_now())
    return v

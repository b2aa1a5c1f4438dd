"""Casusoverleg benchmark: the agenda PDF of one participant, on a demo vault.

Timed from opening a session to having the PDF bytes: the participant's view (the
grondslag per household from ``domain/consent.py``, the signals of each household) plus
rendering with ``documents/meeting.py``. Agendas of 10 and 40 households. Goal: an agenda
well under a second (the GUI makes it on the worker either way). Run on its own:
``python -m bench.bench_meetings [HOUSEHOLDS]``; not part of ``make bench``'s curves.
"""

from __future__ import annotations

import io
import shutil
from datetime import timedelta
from typing import Any

from pypdf import PdfReader
from sqlalchemy import select

from bench import common
from bench.common import median, save, table, timed
from waakvlam_desktop.clock import FixedClock
from waakvlam_desktop.documents.meeting import render_meeting
from waakvlam_desktop.domain import meetings
from waakvlam_desktop.domain.demo import fixed_demo_now, generate_demo
from waakvlam_desktop.domain.setup import initialise
from waakvlam_desktop.storage.models import Household, Partner
from waakvlam_desktop.storage.vault import Vault

PASSPHRASE = "benchmark passphrase for waakvlam"
AGENDA_SIZES = (10, 40)


def run(households: int = 1000) -> dict[str, Any]:
    folder = common.WORK / "meetings"
    shutil.rmtree(folder, ignore_errors=True)
    folder.parent.mkdir(parents=True, exist_ok=True)
    vault = Vault.create(
        folder, PASSPHRASE, kdf_target_seconds=0, clock=FixedClock(fixed_demo_now())
    )
    with vault.session() as s:
        vault.actor = initialise(
            s, organisation="Woonstichting Voorbeeld", staff_name="A. de Vries"
        ).id
    generate_demo(vault.session, households, seed=1)
    figures: dict[str, Any] = {"households": households}
    day = fixed_demo_now().date() + timedelta(days=30)
    for n, size in enumerate(AGENDA_SIZES):
        with vault.session() as s:
            names = list(s.scalars(select(Partner.name).order_by(Partner.name).limit(2)))
            hids = list(s.scalars(select(Household.id).order_by(Household.id).limit(size)))
            mid = meetings.add_meeting(s, day + timedelta(days=n * 60), names).id
            for hid in hids:
                meetings.add_to_agenda(s, mid, hid)
        samples = []
        pages = 0
        for _ in range(max(common.REPEATS, 5)):
            with vault.session() as s:
                seconds, pdf = timed(
                    lambda s=s, mid=mid, who=names[0]: render_meeting(
                        meetings.participant_view(s, mid, who), meetings.AGENDA
                    )
                )
            samples.append(seconds * 1000)
            pages = len(PdfReader(io.BytesIO(pdf)).pages)
        figures[f"agenda_{size}_ms_p50"] = median(samples)
        figures[f"agenda_{size}_pages"] = pages
    vault.close()
    shutil.rmtree(folder, ignore_errors=True)
    save("meetings", figures)
    table(
        "meetings",
        figures,
        {f"agenda_{size}_ms_p50": "goal < 1000 ms (worker)" for size in AGENDA_SIZES},
    )
    return figures


if __name__ == "__main__":
    import sys

    run(int(sys.argv[1]) if len(sys.argv) > 1 else 1000)

"""Inzage: everything about one resident, as a readable PDF and JSON, atomically."""

from __future__ import annotations

import json
import subprocess
from datetime import timedelta
from pathlib import Path

import pytest
from pypdf import PdfReader
from sqlalchemy import select

from tests.helpers import add_case
from waakvlam_desktop.clock import FixedClock
from waakvlam_desktop.domain import households, referrals
from waakvlam_desktop.domain.consent import withdraw_consent
from waakvlam_desktop.domain.households import view_household
from waakvlam_desktop.domain.types import ReferralStatus
from waakvlam_desktop.errors import NotFoundError
from waakvlam_desktop.privacy.inzage import write_inzage
from waakvlam_desktop.storage import audit
from waakvlam_desktop.storage.models import AuditEvent
from waakvlam_desktop.storage.vault import Vault

MARKER = "Qzinzage3"


def test_inzage_holds_everything_and_who_saw_it(
    vault: Vault, tmp_path: Path, clock: FixedClock
) -> None:
    ids = add_case(vault, MARKER)
    with vault.session() as s:
        households.add_resident(s, ids["household"], "Huisgenoot Qzanders")
        referrals.change_status(s, ids["referral"], ReferralStatus.VERSTUURD)
    clock.advance(timedelta(days=2))
    with vault.session() as s:
        view_household(s, ids["household"])
        withdraw_consent(s, ids["referral"], note="wil het niet meer")
    out = tmp_path / "uitvoer"
    with vault.session() as s:
        result = write_inzage(s, ids["resident"], out)
    assert result.folder.parent == out and result.folder.name.startswith("inzage-")
    assert sorted(p.name for p in out.iterdir()) == [result.folder.name]  # no temp left
    assert (result.pdf.stat().st_mode & 0o077) == 0

    doc = json.loads(result.json.read_text(encoding="utf-8"))
    assert doc["resident"]["name"] == f"Bewoner {MARKER}"
    assert doc["resident"]["phone"] == f"06-{MARKER}"
    assert doc["household"]["other_residents"] == 1
    assert "Qzanders" not in result.json.read_text(encoding="utf-8")
    (visit,) = doc["visits"]
    assert MARKER in visit["notes"] and visit["resident_present"]
    assert visit["signals"][0]["remark"] == f"opmerking {MARKER}"
    assert doc["follow_ups"][0]["description"] == f"actie {MARKER}"
    (ref,) = doc["referrals"]
    assert ref["letter_context"] == f"context {MARKER}" and ref["letter_stored"]
    assert ref["consent_withdrawn_on"] == "2026-11-29"
    assert [h["to"] for h in ref["history"]] == ["concept", "verstuurd"]
    (receipt,) = doc["partners_that_received_data"]
    assert receipt["partner"] == "Wijkteam 40" and receipt["consent_withdrawn"]
    views = [a for a in doc["access_log"] if a["action"] == "view"]
    assert views and views[0]["staff"] == "A. de Vries" and views[0]["at"].startswith("2026-11-29")
    assert {"create", "update", "consent_withdrawn"} <= {a["action"] for a in doc["access_log"]}

    pdf = PdfReader(result.pdf)
    # The computer's clock stays out of the file: no creation date of its own (reportlab's
    # "invariant" date), the report is dated by the vault's clock in its text.
    assert pdf.metadata is not None and pdf.metadata.creation_date is not None
    assert pdf.metadata.creation_date.year == 2000
    text = "\n".join(page.extract_text() for page in pdf.pages)
    for expected in (
        f"Bewoner {MARKER}",
        f"Notitie {MARKER}",
        f"opmerking {MARKER}",
        "Wijkteam 40",
        "ingetrokken op 29-11-2026",
        "A. de Vries",
        "Autoriteit Persoonsgegevens",
    ):
        assert expected in text, expected
    assert "Qzanders" not in text
    png = subprocess.run(
        ["pdftoppm", "-png", "-r", "60", str(result.pdf), str(tmp_path / "p")],
        capture_output=True,
    )
    assert png.returncode == 0 and list(tmp_path.glob("p-*.png"))

    with vault.session() as s:
        events = list(s.scalars(select(AuditEvent).where(AuditEvent.action == "inzage")))
        assert [e.entity_id for e in events] == [ids["resident"]]
        assert MARKER not in events[0].detail
        second = write_inzage(s, ids["resident"], out)
    assert second.folder != result.folder and second.folder.name.endswith("-2")
    with vault.session() as s:
        assert [r.action for r in audit.audit_rows(s, action="inzage")] == ["inzage", "inzage"]


def test_unknown_resident(vault: Vault, tmp_path: Path) -> None:
    with vault.session() as s, pytest.raises(NotFoundError, match="bestaat niet"):
        write_inzage(s, "nope", tmp_path / "uit")
    assert not (tmp_path / "uit").exists()

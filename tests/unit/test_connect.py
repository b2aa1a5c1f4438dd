"""Verbinden (#18 B): offers with consent, suggestions nearby, introductions, withdrawal;
retention and inzage of what names a resident; Buurt notes past their own term."""

from __future__ import annotations

import json
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

import pytest
from pypdf import PdfReader
from sqlalchemy import func, select

from tests.conftest import PASSPHRASE
from waakvlam_desktop.clock import FixedClock
from waakvlam_desktop.domain import connect, households, neighbourhood
from waakvlam_desktop.domain.neighbourhood import EventInput
from waakvlam_desktop.domain.settings import save_setting
from waakvlam_desktop.domain.types import ConsentForm, VisitKind
from waakvlam_desktop.domain.visits import VisitInput, record_visit
from waakvlam_desktop.errors import ValidationError
from waakvlam_desktop.privacy.backup import create_backup, restore_backup
from waakvlam_desktop.privacy.inzage import write_inzage
from waakvlam_desktop.privacy.retention import close_household, run_retention
from waakvlam_desktop.storage.models import (
    AuditEvent,
    ConnectIntroduction,
    ConnectOffer,
    FollowUp,
    NeighbourhoodEvent,
)
from waakvlam_desktop.storage.vault import Vault

CONSENT = date(2026, 11, 20)


def _neighbours(vault: Vault) -> dict[str, str]:
    """Three residents in complex De Linde, one in the same street outside it, one far."""
    ids: dict[str, str] = {}
    with vault.session() as s:
        cpx = households.add_complex(s, "De Linde", code="C-LIN")
        ids["complex"] = cpx.id
        homes = [
            ("ann", "Lindelaan", 1, cpx.id),
            ("bob", "Lindelaan", 2, cpx.id),
            ("cor", "Lindelaan", 3, cpx.id),
            ("dirk", "Lindelaan", 40, None),  # same street, not in the complex
            ("eva", "Verreweg", 9, None),
        ]
        for name, street, number, complex_id in homes:
            addr = households.add_address(
                s,
                street=street,
                number=number,
                postcode="3511 AB",
                city="Utrecht",
                complex_id=complex_id,
            )
            hh = households.add_household(s, addr.id, f"fam. {name.title()}")
            ids[f"hh_{name}"] = hh.id
            ids[name] = households.add_resident(s, hh.id, f"{name.title()} Buur").id
    return ids


def _offer(vault: Vault, resident: str, kind: str, *, wish: bool = False) -> str:
    with vault.session() as s:
        return connect.add_offer(
            s,
            resident,
            kind,
            consent_date=CONSENT,
            direction=connect.WISH if wish else connect.OFFER,
            approach="Na vijven aanbellen.",
        )


def test_offer_suggest_introduce_then_withdraw(vault: Vault) -> None:
    ids = _neighbours(vault)
    _offer(vault, ids["ann"], "klusjes")
    _offer(vault, ids["bob"], "klusjes", wish=True)
    _offer(vault, ids["dirk"], "klusjes", wish=True)  # same street
    _offer(vault, ids["eva"], "klusjes", wish=True)  # too far
    _offer(vault, ids["cor"], "taal", wish=True)  # nobody offers taal
    with vault.session() as s:
        found = connect.suggestions(s, ids["complex"])
    assert [(g.offer.resident_id, g.wish.resident_id, g.where) for g in found] == [
        (ids["ann"], ids["bob"], "complex"),
        (ids["ann"], ids["dirk"], "straat"),
    ]
    with vault.session() as s:
        result = connect.introduce(
            s, ids["ann"], ids["bob"], on=date(2026, 11, 25), outcome="Klikte meteen."
        )
    with vault.session() as s:
        intro = s.get_one(ConnectIntroduction, result.id)
        assert (intro.kind, intro.introduced_on) == ("klusjes", date(2026, 11, 25))
        fu = s.get_one(FollowUp, result.follow_up_id)
        assert fu.household_id == ids["hh_ann"] and fu.due_on == date(2026, 12, 9)
        assert fu.description == "Navragen hoe de kennismaking ging (Klusjes)"
        # Introduced pairs are no longer suggested.
        assert [g.wish.resident_id for g in connect.suggestions(s, ids["complex"])] == [ids["dirk"]]
        assert {"connect_offer", "connect_introduction"} <= set(
            s.scalars(select(AuditEvent.entity).where(AuditEvent.action == "create"))
        )
    with vault.session() as s:
        assert connect.withdraw_consent(s, ids["ann"]) == 1
    with vault.session() as s:
        assert connect.offers_of(s, ids["ann"]) == []
        assert connect.suggestions(s) == []  # the suggestions went with the offer
        assert s.scalar(select(func.count()).select_from(ConnectOffer)) == 4
        deleted = s.scalars(
            select(AuditEvent.entity_id).where(
                AuditEvent.action == "delete", AuditEvent.entity == "connect_offer"
            )
        ).all()
        assert len(deleted) == 1
        # The introduction made stays: it happened (retention follows the households).
        assert len(connect.introductions_of(s, ids["bob"])) == 1


def test_refusals(vault: Vault, clock: FixedClock) -> None:
    ids = _neighbours(vault)
    with pytest.raises(ValidationError), vault.session() as s:
        connect.add_offer(s, ids["ann"], "dansen", consent_date=CONSENT)
    with pytest.raises(ValidationError), vault.session() as s:
        connect.add_offer(s, ids["ann"], "taal", consent_date=date(2030, 1, 1))
    with pytest.raises(ValidationError), vault.session() as s:
        connect.add_offer(s, ids["ann"], "taal", consent_date=CONSENT, approach="bsn 111222333")
    _offer(vault, ids["ann"], "taal")
    with pytest.raises(ValidationError), vault.session() as s:  # bob gave no consent
        connect.introduce(s, ids["ann"], ids["bob"])
    with vault.session() as s:
        assert s.scalar(select(func.count()).select_from(ConnectIntroduction)) == 0
        assert s.scalar(select(func.count()).select_from(ConnectOffer)) == 1


def test_how_it_went_is_recorded_later_and_followed_up(vault: Vault, tmp_path: Path) -> None:
    ids = _neighbours(vault)
    _offer(vault, ids["ann"], "gezelschap")
    _offer(vault, ids["bob"], "gezelschap", wish=True)
    with vault.session() as s:
        result = connect.introduce(s, ids["ann"], ids["bob"], on=date(2026, 11, 20))
    with vault.session() as s:
        row = connect.record_outcome(s, result.id, "Samen koffie gedronken.", on=date(2026, 11, 24))
    assert row.outcome == "2026-11-24: Samen koffie gedronken."
    with vault.session() as s:
        fu = s.get_one(FollowUp, result.follow_up_id)
        assert fu.status == "gedaan"  # the follow-up asked how it went: answered
        assert (
            s.scalar(
                select(AuditEvent.detail).where(
                    AuditEvent.action == "update",
                    AuditEvent.entity == "connect_introduction",
                    AuditEvent.entity_id == result.id,
                )
            )
            == "velden: outcome"
        )
        (view,) = connect.introductions_in(s, ids["complex"])
        assert (view.resident_name, view.follow_up_due) == ("Ann Buur", None)
    with vault.session() as s:  # a second line, and a next follow-up to ask again
        row = connect.record_outcome(
            s, result.id, "Ze zien elkaar wekelijks.", follow_up_due=date(2027, 1, 10)
        )
    assert row.outcome.splitlines() == [
        "2026-11-24: Samen koffie gedronken.",
        "2026-11-27: Ze zien elkaar wekelijks.",
    ]
    assert row.follow_up_id != result.follow_up_id
    with vault.session() as s:
        fu = s.get_one(FollowUp, row.follow_up_id)
        assert (fu.status, fu.due_on, fu.household_id) == ("open", date(2027, 1, 10), ids["hh_ann"])
        (view,) = connect.introductions_in(s, ids["complex"])
        assert view.follow_up_due == date(2027, 1, 10)
    for note, on in (("bsn 111222333", None), ("Te vroeg.", date(2026, 11, 19))):
        with pytest.raises(ValidationError), vault.session() as s:
            connect.record_outcome(s, result.id, note, on=on)
    with vault.session() as s:
        assert len(s.get_one(ConnectIntroduction, result.id).outcome.splitlines()) == 2
        doc = json.loads(write_inzage(s, ids["bob"], tmp_path / "uit").json.read_text("utf-8"))
    assert doc["introductions"][0]["outcome"].endswith("Ze zien elkaar wekelijks.")


def test_inzage_lists_offers_and_introductions(vault: Vault, tmp_path: Path) -> None:
    ids = _neighbours(vault)
    _offer(vault, ids["ann"], "gezelschap")
    _offer(vault, ids["bob"], "gezelschap", wish=True)
    with vault.session() as s:
        connect.introduce(s, ids["bob"], ids["ann"], outcome="Samen koffie gedronken.")
    with vault.session() as s:
        result = write_inzage(s, ids["ann"], tmp_path / "uit")
    doc = json.loads(result.json.read_text(encoding="utf-8"))
    assert [(o["kind"], o["direction"], o["consent_date"]) for o in doc["connect_offers"]] == [
        ("gezelschap", "aanbod", "2026-11-20")
    ]
    assert [i["outcome"] for i in doc["introductions"]] == ["Samen koffie gedronken."]
    assert "Bob Buur" not in result.json.read_text(encoding="utf-8")  # a third party
    pdf = "".join(page.extract_text() for page in PdfReader(result.pdf).pages)
    assert "Verbinden met buren" in pdf and "Samen koffie gedronken." in pdf


def test_retention_removes_what_names_an_anonymised_resident(
    vault: Vault, clock: FixedClock
) -> None:
    clock.set(datetime(2020, 5, 1, 10, 0, tzinfo=UTC))
    ids = _neighbours(vault)
    with vault.session() as s:
        connect.add_offer(s, ids["ann"], "vervoer", consent_date=date(2020, 5, 1))
        connect.add_offer(
            s, ids["bob"], "vervoer", consent_date=date(2020, 5, 1), direction=connect.WISH
        )
        connect.introduce(s, ids["ann"], ids["bob"], outcome="Rit naar de markt.")
        close_household(s, ids["hh_bob"])
    clock.set(datetime(2026, 11, 27, 10, 0, tzinfo=UTC))
    with vault.session() as s:  # ann's household stays active
        record_visit(s, VisitInput(ids["hh_ann"], VisitKind.INFORMEEL))
    result = run_retention(vault, date(2026, 11, 27))
    anonymised = {r.household_id for r in result.rows if r.anonymise}
    assert ids["hh_bob"] in anonymised and ids["hh_ann"] not in anonymised
    with vault.session() as s:
        assert set(s.scalars(select(ConnectOffer.resident_id))) == {ids["ann"]}
        assert s.scalar(select(func.count()).select_from(ConnectIntroduction)) == 0


def test_buurt_notes_have_a_term_of_their_own(vault: Vault) -> None:
    ids = _neighbours(vault)
    with vault.session() as s:
        save_setting(s, "neighbourhood_retention_months", 12)
        old = neighbourhood.add_event(
            s, EventInput(ids["complex"], "overlast", "Oude melding.", date(2025, 10, 1))
        )
        new = neighbourhood.add_event(
            s, EventInput(ids["complex"], "overlast", "Recente melding.", date(2026, 11, 1))
        )
    with pytest.raises(ValidationError), vault.session() as s:
        save_setting(s, "neighbourhood_retention_months", 0)
    result = run_retention(vault, date(2026, 11, 27))
    assert result.neighbourhood_notes == 1
    with vault.session() as s:
        assert s.get_one(NeighbourhoodEvent, old.event_id).note == ""
        assert s.get_one(NeighbourhoodEvent, new.event_id).note == "Recente melding."
        assert s.get_one(NeighbourhoodEvent, old.event_id).kind == "overlast"  # counts stay


def test_removing_a_resident_removes_their_offers_and_introductions(vault: Vault) -> None:
    ids = _neighbours(vault)
    _offer(vault, ids["ann"], "boodschappen")
    with vault.session() as s:
        connect.add_offer(
            s,
            ids["bob"],
            "boodschappen",
            consent_date=CONSENT,
            consent_form=ConsentForm.WRITTEN,
            direction=connect.WISH,
        )
        connect.introduce(s, ids["ann"], ids["bob"])
    with vault.session() as s:
        households.remove_resident(s, ids["bob"])
    with vault.session() as s:
        assert s.scalar(select(func.count()).select_from(ConnectIntroduction)) == 0
        assert s.scalars(select(ConnectOffer.resident_id)).all() == [ids["ann"]]


def test_a_withdrawal_sticks_when_an_older_backup_is_restored(
    vault: Vault, vault_dir: Path, tmp_path: Path, clock: FixedClock
) -> None:
    ids = _neighbours(vault)
    _offer(vault, ids["ann"], "klusjes")
    _offer(vault, ids["bob"], "klusjes", wish=True)
    backup = tmp_path / "voor.wvbackup"
    create_backup(vault, backup)
    clock.advance(timedelta(hours=1))
    with vault.session() as s:
        assert connect.withdraw_consent(s, ids["ann"]) == 1
    vault.close()
    result = restore_backup(backup, vault_dir, PASSPHRASE, replace=True)
    assert [(t.entity, t.what) for t in result.reapplied] == [("resident", "connect_withdrawn")]
    restored = Vault.open(vault_dir, PASSPHRASE)
    try:
        with restored.session() as s:
            assert set(s.scalars(select(ConnectOffer.resident_id))) == {ids["bob"]}
            assert connect.suggestions(s) == []
    finally:
        restored.close()

"""The hash-chained audit log."""

from __future__ import annotations

import pytest
from sqlalchemy import select, text
from sqlalchemy.exc import DatabaseError

from tests.helpers import add_household
from waakvlam_desktop.domain.search import search
from waakvlam_desktop.domain.types import VisitKind
from waakvlam_desktop.domain.visits import VisitInput, record_visit
from waakvlam_desktop.storage.audit import verify_chain
from waakvlam_desktop.storage.models import AuditEvent, Household
from waakvlam_desktop.storage.vault import Vault


def _events(vault: Vault) -> list[AuditEvent]:
    with vault.session() as s:
        return list(s.scalars(select(AuditEvent).order_by(AuditEvent.seq)))


def test_every_change_is_recorded_without_content(vault: Vault) -> None:
    hid = add_household(vault, label="fam. Geheimnaam")
    with vault.session() as s:
        record_visit(s, VisitInput(hid, VisitKind.REGULIER, notes="Vertrouwelijke notitie"))
    with vault.session() as s:
        s.get(Household, hid).label = "fam. Andere Naam"  # type: ignore[union-attr]
    events = _events(vault)
    actions = {(e.action, e.entity) for e in events}
    assert ("create", "household") in actions
    assert ("create", "visit") in actions
    assert ("update", "household") in actions
    update = [e for e in events if e.action == "update" and e.entity == "household"][-1]
    assert "label" in update.detail
    joined = " ".join(e.detail for e in events)
    assert "Geheimnaam" not in joined and "Vertrouwelijke" not in joined
    assert all(e.actor == vault.actor for e in events[-5:])
    with vault.session() as s:
        assert verify_chain(s).ok


def _raw(vault: Vault, *sql: str) -> None:
    assert vault.engine is not None
    with vault.engine.begin() as con:
        for statement in sql:
            con.execute(text(statement))


def test_chain_detects_row_changed_with_raw_sql(vault: Vault) -> None:
    add_household(vault)
    _raw(
        vault,
        "DROP TRIGGER audit_event_no_update",
        "UPDATE audit_event SET action = 'view' WHERE seq = 3",
    )
    with vault.session() as s:
        verdict = verify_chain(s)
    assert not verdict.ok
    assert verdict.first_bad_seq == 3
    assert "gewijzigd" in verdict.message()


def test_chain_detects_deleted_row(vault: Vault) -> None:
    add_household(vault)
    _raw(vault, "DROP TRIGGER audit_event_no_delete", "DELETE FROM audit_event WHERE seq = 2")
    with vault.session() as s:
        verdict = verify_chain(s)
    assert not verdict.ok and verdict.first_bad_seq == 2


def test_audit_rows_refuse_update_through_sql(vault: Vault) -> None:
    with pytest.raises(DatabaseError, match="append-only"):
        _raw(vault, "UPDATE audit_event SET detail = 'x' WHERE seq = 1")


def test_a_search_that_shows_notes_is_an_audit_event_without_the_query(vault: Vault) -> None:
    hid = add_household(vault)
    with vault.session() as s:
        record_visit(s, VisitInput(hid, VisitKind.REGULIER, notes="Zorgen om de huurachterstand"))
    with vault.session() as s:
        assert search(s, "huurachterstand")
        assert search(s, "onvindbaarwoord") == []  # nothing shown: nothing to record
    events = [e for e in _events(vault) if e.action == "search"]
    assert len(events) == 1
    assert events[0].detail == "treffers: 1; huishoudens: 1"
    assert "huur" not in " ".join(e.detail for e in _events(vault))

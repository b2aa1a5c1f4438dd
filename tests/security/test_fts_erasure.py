"""The external-content search index (0016), attacked: a word that was erased must be gone.

With ``content=`` FTS5 keeps only the index; a changed or deleted row leaves its tokens in
the index's pages (``search_index_data``) unless the old text is deleted from the index,
and even then a plain FTS5 index only adds a delete marker next to the old segment. For
every path that changes or removes a note or remark, the word must not be findable by
search, not be in the index's vocabulary, not be in the raw bytes of the shadow tables, and
the index must pass FTS5's integrity check.
"""

from __future__ import annotations

from datetime import date, datetime, timedelta
from pathlib import Path
from typing import Any

from sqlalchemy import text

from tests.bundle_helpers import World, build_world
from tests.conftest import PASSPHRASE
from tests.helpers import add_household
from waakvlam_desktop.bundles.export import export_bundle
from waakvlam_desktop.bundles.importer import import_handover
from waakvlam_desktop.bundles.reader import verify_bytes
from waakvlam_desktop.clock import FixedClock
from waakvlam_desktop.domain import tombstones
from waakvlam_desktop.domain.colleagues import add_colleague
from waakvlam_desktop.domain.exports import Period
from waakvlam_desktop.domain.search import search
from waakvlam_desktop.domain.setup import initialise
from waakvlam_desktop.domain.types import VisitKind
from waakvlam_desktop.domain.visits import SignalInput, VisitInput, amend_visit, record_visit
from waakvlam_desktop.privacy.retention import close_household, reapply_tombstones, run_retention
from waakvlam_desktop.storage.ids import stored_id
from waakvlam_desktop.storage.models import SignalObservation, Visit
from waakvlam_desktop.storage.vault import Vault

# Words no other text in these vaults starts like, so the index's prefix compression
# (a term shares its first bytes with the one before it) cannot hide their tails.
NOTE_WORD = "qqxnotawolkbreuk"
REMARK_WORD = "qqyremarkschimmelvlek"


def _visit(vault: Vault, hid: str) -> str:
    with vault.session() as s:
        return record_visit(
            s,
            VisitInput(
                hid,
                VisitKind.REGULIER,
                notes=f"Gesprek over de {NOTE_WORD} in de gang.",
                signals=[SignalInput("financien.huurachterstand", 2, f"zag {REMARK_WORD}")],
            ),
        ).visit_id


def _index_bytes(vault: Vault) -> bytes:
    """The raw content of the index's shadow tables, as stored."""
    assert vault.engine is not None
    out = []
    with vault.engine.connect() as con:
        for table in ("search_index_data", "search_index_idx"):
            for row in con.exec_driver_sql(f"SELECT * FROM {table}"):
                for value in row:
                    if isinstance(value, bytes):
                        out.append(value)
                    elif value is not None:
                        out.append(str(value).encode())
    return b"".join(out)


def _vocabulary(vault: Vault) -> set[str]:
    assert vault.engine is not None
    with vault.engine.connect() as con:
        con.exec_driver_sql(
            "CREATE VIRTUAL TABLE IF NOT EXISTS temp.search_vocab"
            " USING fts5vocab(main, search_index, row)"
        )
        return {r[0] for r in con.exec_driver_sql("SELECT term FROM temp.search_vocab")}


def _integrity(vault: Vault) -> None:
    with vault.session() as s:
        s.execute(text("INSERT INTO search_index(search_index, rank) VALUES('integrity-check', 1)"))


def assert_present(vault: Vault, *words: str) -> None:
    """The attack's premise: before the erasure the words are findable and indexed."""
    raw = _index_bytes(vault)
    with vault.session() as s:
        for word in words:
            assert search(s, word), word
            assert word in _vocabulary(vault)
            assert word[4:].encode() in raw


def assert_gone(vault: Vault, *words: str) -> None:
    _integrity(vault)
    raw = _index_bytes(vault)
    vocabulary = _vocabulary(vault)
    with vault.session() as s:
        for word in words:
            assert search(s, word) == [], word
            match = "SELECT count(*) FROM search_index WHERE search_index MATCH :w"
            assert s.scalar(text(match), {"w": f'"{word}"'}) == 0
            assert word not in vocabulary, word
            assert word[4:].encode() not in raw, f"{word} still in the index pages"


def test_an_edited_note_leaves_the_index(vault: Vault, clock: FixedClock) -> None:
    visit_id = _visit(vault, add_household(vault))
    assert_present(vault, NOTE_WORD)
    with vault.session() as s:
        amend_visit(s, visit_id, "Gesprek over de gang.")
    assert_gone(vault, NOTE_WORD)
    with vault.session() as s:
        assert search(s, "gang")  # the new text is indexed


def test_a_changed_remark_leaves_the_index(vault: Vault) -> None:
    _visit(vault, add_household(vault))
    assert_present(vault, REMARK_WORD)
    with vault.session() as s:
        for obs in s.query(SignalObservation).filter(SignalObservation.remark != ""):
            obs.remark = "zag niets"
    assert_gone(vault, REMARK_WORD)


def test_a_deleted_visit_leaves_the_index(vault: Vault) -> None:
    """No screen deletes a visit; raw SQL does (and the triggers must follow)."""
    visit_id = _visit(vault, add_household(vault))
    assert_present(vault, NOTE_WORD, REMARK_WORD)
    with vault.session() as s:
        referencing = s.execute(
            text(
                'SELECT m.name, f."from" FROM sqlite_master m, pragma_foreign_key_list(m.name) f'
                " WHERE m.type = 'table' AND f.\"table\" = 'visit'"
            )
        ).all()
        for table, column in referencing:
            s.execute(text(f"DELETE FROM {table} WHERE {column} = :v"), {"v": stored_id(visit_id)})
        s.execute(text("DELETE FROM visit WHERE id = :v"), {"v": stored_id(visit_id)})
    assert_gone(vault, NOTE_WORD, REMARK_WORD)


def test_retention_anonymising_a_household_leaves_the_index(
    vault: Vault, clock: FixedClock
) -> None:
    hid = add_household(vault)
    _visit(vault, hid)
    keep = add_household(vault, "fam. Blijft", 14)
    with vault.session() as s:
        record_visit(s, VisitInput(keep, VisitKind.REGULIER, notes="Blijft staan."))
    assert_present(vault, NOTE_WORD, REMARK_WORD)
    with vault.session() as s:
        close_household(s, hid, date(2026, 1, 10))
    clock.advance(timedelta(days=5 * 366))
    result = run_retention(vault, only=[hid])
    assert [r.household_id for r in result.rows] == [hid]
    assert_gone(vault, NOTE_WORD, REMARK_WORD)
    with vault.session() as s:
        assert search(s, "blijft")


def test_tombstones_reapplied_after_a_restore_leave_the_index(vault: Vault) -> None:
    """The erasure path of a restored backup (privacy/backup.py): a household erased after
    the backup was made is erased again from its tombstones."""
    hid = add_household(vault)
    _visit(vault, hid)
    assert_present(vault, NOTE_WORD, REMARK_WORD)
    stone = tombstones.TombstoneRow("household", hid, tombstones.ANONYMISED, datetime(2026, 12, 1))
    with vault.session() as s:
        assert reapply_tombstones(s, [stone])
    assert_gone(vault, NOTE_WORD, REMARK_WORD)


def _target(tmp_path: Path, clock: FixedClock, world: World) -> Vault:
    v = Vault.create(tmp_path / "colleague", PASSPHRASE, kdf_target_seconds=0, clock=clock)
    with v.session() as s:
        v.actor = initialise(s, organisation="Woonstichting Voorbeeld", staff_name="B. C").id
        add_colleague(s, "A. Bron", world.sender.public_key)
    return v


def _handover(world: World, folder: Path, period: str) -> Any:
    folder.mkdir()
    with world.vault.session() as s:
        path = export_bundle(s, world.partners["Collega"], Period.parse(period), folder).path
    return verify_bytes(path.read_bytes(), world.identity, world.sender)


def test_a_handover_that_changes_a_note_leaves_the_index(
    vault: Vault, tmp_path: Path, clock: FixedClock
) -> None:
    world = build_world(vault)
    hid = world.households["fam. Jansen"]
    visit_id = _visit(vault, hid)
    target = _target(tmp_path, clock, world)
    try:
        with target.session() as s:
            assert import_handover(
                s, _handover(world, tmp_path / "one", "2026-11"), confirm_partners=True
            ).applied
        assert_present(target, NOTE_WORD, REMARK_WORD)
        clock.advance(timedelta(hours=1))
        with vault.session() as s:
            amend_visit(s, visit_id, "Gesprek over de gang.")
            for obs in s.query(SignalObservation).filter(SignalObservation.visit_id == visit_id):
                obs.remark = "zag niets"
            assert s.get(Visit, visit_id) is not None
        second = _handover(world, tmp_path / "two", "2026-12")
        with target.session() as s:
            report = import_handover(s, second, confirm_partners=True)
        assert report.applied and report.updated["visit"] == 1
        assert_gone(target, NOTE_WORD, REMARK_WORD)
    finally:
        target.close()


def test_a_vault_from_before_secure_delete_is_cleaned_when_opened(
    vault: Vault, vault_dir: Path, clock: FixedClock
) -> None:
    """A vault upgraded to 0016 by a build without ``secure-delete``: what was edited then
    left its words in the index pages; the next open switches the option on and merges."""
    visit_id = _visit(vault, add_household(vault))
    with vault.session() as s:
        s.execute(text("INSERT INTO search_index(search_index, rank) VALUES('secure-delete', 0)"))
    with vault.session() as s:
        amend_visit(s, visit_id, "Gesprek over de gang.")
    assert NOTE_WORD[4:].encode() in _index_bytes(vault)  # the premise: it lingers
    vault.close()
    with Vault.open(vault_dir, PASSPHRASE, clock=clock) as again:
        assert_gone(again, NOTE_WORD)
        with again.session() as s:
            assert search(s, "gang")

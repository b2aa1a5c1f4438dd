"""Since 0021 only a text has a search row: no ``search_doc`` row and no entry in the
index for a visit without notes or a sign without a remark (#16: a smaller vault, a small
one after a full purge). The triggers are attacked on every path, also raw SQL; each step
is checked against FTS5's own integrity check and the index's per-row sizes."""

from __future__ import annotations

from pathlib import Path

from sqlalchemy import Connection, text

from tests.helpers import committed_engine, downgrade
from waakvlam_desktop.domain.households import add_address, add_household
from waakvlam_desktop.domain.search import search
from waakvlam_desktop.domain.types import VisitKind
from waakvlam_desktop.domain.visits import SignalInput, VisitInput, record_visit
from waakvlam_desktop.storage import fts
from waakvlam_desktop.storage.ids import stored_id
from waakvlam_desktop.storage.migrate import current_revision, upgrade
from waakvlam_desktop.storage.vault import Vault

_INTEGRITY = "INSERT INTO search_index (search_index, rank) VALUES ('integrity-check', 1)"


def _docs(con: Connection) -> dict[tuple[str, str], int]:
    """(source, text) -> rowid of every search row; the text read from its visit or sign."""
    rows = con.execute(text("SELECT doc, body FROM search_text ORDER BY doc")).all()
    sources = dict(con.execute(text("SELECT rowid, source FROM search_doc")).all())
    return {(sources[doc], body): doc for doc, body in rows}


def _sound(con: Connection) -> None:
    """The index holds exactly the rows' terms, a size for each row it maps and no other."""
    con.execute(text(_INTEGRITY))
    sizes = con.execute(text("SELECT count(*) FROM search_index_docsize")).scalar_one()
    docs = con.execute(text("SELECT count(*) FROM search_doc")).scalar_one()
    assert sizes == docs
    assert con.execute(text("SELECT count(*) FROM search_text WHERE body = ''")).scalar_one() == 0


def _found(vault: Vault, word: str) -> list[str]:
    with vault.session() as s:
        return [h.source for h in search(s, word)]


def test_only_texts_get_a_search_row_on_every_path(vault: Vault) -> None:
    with vault.session() as s:
        address = add_address(s, street="Proefstraat", number=1, postcode="1234 AB", city="Proef")
        hid = add_household(s, address.id, "fam. Proef").id
        quiet = record_visit(
            s,
            VisitInput(
                hid,
                VisitKind.REGULIER,
                signals=[SignalInput("sociaal.eenzaamheid", 1, "")],
            ),
        )
        spoken = record_visit(
            s,
            VisitInput(
                hid,
                VisitKind.REGULIER,
                notes="Schimmel in de badkamer.",
                signals=[SignalInput("financien.ongeopende_post", 2, "Stapel brieven")],
            ),
        )
        quiet_id, spoken_id = stored_id(quiet.visit_id), stored_id(spoken.visit_id)
    assert vault.engine is not None
    with vault.engine.begin() as con:
        # Recorded: the two texts have rows, the empty note and remark none.
        docs = _docs(con)
        assert set(docs) == {("visit", "Schimmel in de badkamer."), ("signal", "Stapel brieven")}
        _sound(con)
        newest = max(docs.values())

        # Notes written afterwards (raw SQL, as a correction or an import would): a row then,
        # after every other one (it sorts as new).
        con.execute(text("UPDATE visit SET notes = 'Kraan lekt.' WHERE id = :v"), {"v": quiet_id})
        docs = _docs(con)
        assert docs[("visit", "Kraan lekt.")] > newest
        _sound(con)

        # A changed text keeps its row; the old words leave the index.
        kept = docs[("visit", "Schimmel in de badkamer.")]
        con.execute(
            text("UPDATE visit SET notes = 'Schimmel verholpen.' WHERE id = :v"),
            {"v": spoken_id},
        )
        assert _docs(con)[("visit", "Schimmel verholpen.")] == kept
        _sound(con)

        # A remark emptied loses its row; an unchanged text is not touched.
        con.execute(text("UPDATE signal_observation SET remark = '' WHERE remark <> ''"))
        con.execute(text("UPDATE visit SET notes = notes"))
        assert set(_docs(con)) == {("visit", "Kraan lekt."), ("visit", "Schimmel verholpen.")}
        _sound(con)

        # A visit that takes another id keeps its text findable under the new id.
        moved = stored_id("0d0d0d0d-0000-4000-8000-000000000001")
        con.exec_driver_sql("PRAGMA defer_foreign_keys = ON")
        con.execute(text("UPDATE visit SET id = :new WHERE id = :v"), {"new": moved, "v": quiet_id})
        refs = dict(con.execute(text("SELECT ref_id, rowid FROM search_doc")).all())
        assert moved in refs and quiet_id not in refs
        _sound(con)
        con.execute(text("UPDATE visit SET id = :v WHERE id = :new"), {"new": moved, "v": quiet_id})

    assert _found(vault, "kraan") == ["visit"]
    assert _found(vault, "verholpen") == ["visit"]
    assert _found(vault, "badkamer") == []
    assert _found(vault, "brieven") == []

    # Deleted: the row and its words go (the sign first: it points at the visit).
    with vault.engine.begin() as con:
        con.execute(text("DELETE FROM signal_observation WHERE visit_id = :v"), {"v": spoken_id})
        con.execute(text("DELETE FROM visit_resident WHERE visit_id = :v"), {"v": spoken_id})
        con.execute(text("DELETE FROM concern_level_entry WHERE visit_id = :v"), {"v": spoken_id})
        con.execute(text("DELETE FROM visit WHERE id = :v"), {"v": spoken_id})
        assert set(_docs(con)) == {("visit", "Kraan lekt.")}
        _sound(con)
    assert _found(vault, "verholpen") == []


def test_the_upgrade_leaves_rows_for_texts_only_and_the_downgrade_brings_them_back(
    tmp_path: Path,
) -> None:
    """The committed vault of 0020 (a visit without notes among texts of every era): up to
    0021 its empty rows go, the texts stay findable by the index; down again every visit and
    sign has its row, as 0016's triggers keep them."""
    engine = committed_engine("0020", tmp_path / "vault")
    rows = (
        "SELECT (SELECT count(*) FROM visit) + (SELECT count(*) FROM signal_observation),"
        " (SELECT count(*) FROM visit WHERE notes <> '')"
        " + (SELECT count(*) FROM signal_observation WHERE remark <> '')"
    )
    try:
        with engine.connect() as con:
            every, texts = con.execute(text(rows)).one()
            assert texts < every
            assert con.execute(text("SELECT count(*) FROM search_doc")).scalar_one() == every
        upgrade(engine, "0021")
        with engine.connect() as con:
            assert con.execute(text("SELECT count(*) FROM search_doc")).scalar_one() == texts
            _sound(con)
            hit = "SELECT count(*) FROM search_index WHERE search_index MATCH 'buitenkraan'"
            assert con.execute(text(hit)).scalar_one() == 1
        downgrade(engine, "0020")
        assert current_revision(engine) == "0020"
        with engine.connect() as con:
            assert con.execute(text("SELECT count(*) FROM search_doc")).scalar_one() == every
            con.execute(text(_INTEGRITY))
            sizes = con.execute(text("SELECT count(*) FROM search_index_docsize")).scalar_one()
            assert sizes == every
            assert con.execute(text(hit)).scalar_one() == 1
    finally:
        engine.dispose()


def test_the_bulk_index_holds_rows_also_changed_inside_its_block(vault: Vault) -> None:
    """(review) ``fts.indexed_once``: a row inserted in the block and updated there too got
    its search row from the update trigger, and the bulk insert at the end failed on it."""
    with vault.session() as s:
        address = add_address(s, street="Proefstraat", number=2, postcode="1234 AB", city="Proef")
        hid = add_household(s, address.id, "fam. Bulk").id
        record_visit(s, VisitInput(hid, VisitKind.REGULIER, notes="Eerste bezoek."))
    copy = (
        "INSERT INTO visit (id, household_id, address_id, staff_id, visited_at, kind, notes,"
        " created_at, updated_at) SELECT ?, household_id, address_id, staff_id, visited_at,"
        " kind, ?, created_at, updated_at FROM visit LIMIT 1"
    )
    ids = [stored_id(f"0e0e0e0e-0000-4000-8000-00000000000{i}") for i in range(4)]
    with vault.session() as s:
        cursor = s.connection().connection.dbapi_connection.cursor()  # type: ignore[union-attr]
        with fts.indexed_once(cursor, "visit"):
            for rid, notes in zip(ids, ("", "Eerst dit.", "Blijft zo.", ""), strict=True):
                cursor.execute(copy, [rid, notes])
            cursor.execute("UPDATE visit SET notes = 'Later aangevuld.' WHERE id = ?", [ids[0]])
            cursor.execute("UPDATE visit SET notes = 'Toen dat.' WHERE id = ?", [ids[1]])
        cursor.close()
    assert vault.engine is not None
    with vault.engine.connect() as con:
        assert {body for (_source, body) in _docs(con)} == {
            "Eerste bezoek.",
            "Later aangevuld.",
            "Toen dat.",
            "Blijft zo.",
        }
        _sound(con)
    assert _found(vault, "aangevuld") == ["visit"]
    assert _found(vault, "dit") == []

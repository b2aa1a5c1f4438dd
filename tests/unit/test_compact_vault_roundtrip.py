"""Migrations 0016 and 0019 on a realistic vault: 500 demo households, down to 0015 and
up, twice, and back to the head.

Search finds the same rows with the same snippets at every revision, the index passes
FTS5's integrity check, the audit chain verifies with the same head (hex at 0015, bytes
at 0016), the inzage data of residents is the same (at the revisions whose ids the app
reads), and so is every row, ids as text (16 bytes at 0019, text before). The search
rows are read with ``fts.matches`` (no audit event): the app at 0016 cannot write an
event into a 0015 log.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import select, text

from tests.conftest import PASSPHRASE
from tests.helpers import downgrade
from waakvlam_desktop.clock import FixedClock
from waakvlam_desktop.domain.demo import fixed_demo_now, generate_demo
from waakvlam_desktop.domain.setup import initialise
from waakvlam_desktop.privacy.inzage import inzage_data
from waakvlam_desktop.storage import fts
from waakvlam_desktop.storage.audit import audit_head, verify_chain
from waakvlam_desktop.storage.ids import ID_COLUMNS_0019, id_text
from waakvlam_desktop.storage.migrate import (
    current_revision,
    head_revision,
    upgrade,
)
from waakvlam_desktop.storage.models import Resident
from waakvlam_desktop.storage.vault import Vault

WORDS = ("post", "buren", "huur", "zorg", "kind", "hulp", "gesprek", "deur")


def _state(vault: Vault) -> dict[str, Any]:
    assert vault.engine is not None
    revision = current_revision(vault.engine)
    with vault.session() as s:
        s.execute(text("INSERT INTO search_index(search_index, rank) VALUES('integrity-check', 1)"))
        hits = {
            w: [
                tuple(r)
                for r in fts.matches(
                    s, fts.match_expression(w) or "", limit=100_000, highlight=("[", "]")
                )
            ]
            for w in WORDS
        }
        residents = s.scalars(select(Resident.id).order_by(Resident.id).limit(5)).all()
        # The app's code reads ids as 16 bytes (0019): the inzage only at 0019 and later.
        inzage = (
            json.dumps({r: inzage_data(s, r) for r in residents}, sort_keys=True, default=str)
            if revision >= "0019"
            else None
        )
        if revision != "0015":  # 0016 and later store the hashes as bytes
            chain = verify_chain(s)
            assert chain.ok, chain.message()
            head = audit_head(s)
            last = (head.seq, head.hash)
        else:  # 0015 stores the hashes as hex text
            row = s.execute(text("SELECT seq, hash FROM audit_event ORDER BY seq DESC")).first()
            assert row is not None
            last = (row[0], row[1])
    return {
        "revision": revision,
        "hits": hits,
        "inzage": inzage,
        "head": last,
        "rows": _rows(vault, revision),
        "schema": _schema(vault),
    }


def _schema(vault: Vault) -> list[tuple[str, str, str]]:
    """Every table, index, view and trigger with its SQL (0019 drops and makes again the
    indexes of every table it rewrites)."""
    assert vault.engine is not None
    with vault.engine.connect() as con:
        return sorted(
            (str(t), str(n), str(q))
            for t, n, q in con.exec_driver_sql("SELECT type, name, sql FROM sqlite_master")
        )


def _rows(vault: Vault, revision: str) -> dict[str, list[tuple[Any, ...]]]:
    """Every row of the tables 0016-0019 leave in shape, ids as text (raw SQL, so the
    test sees what is stored, not what the models make of it). Every id is stored as
    16 bytes from 0019 on, as text before. A sign's ``visit_month`` (0020, derived from
    its visit) is left out: the revisions before it lack it; the test checks it at the
    head after the round trip."""
    stored_as = bytes if revision >= "0019" else str
    assert vault.engine is not None
    out: dict[str, list[tuple[Any, ...]]] = {}
    with vault.engine.connect() as con:
        for table, id_columns in ID_COLUMNS_0019.items():
            if table in ("audit_event", "search_doc", "visit_resident"):
                continue  # their shape changed in 0016 (the head's check covers the chain)
            result = con.exec_driver_sql(f"SELECT * FROM {table}")
            names = list(result.keys())
            rows = result.all()
            at = [i for i, n in enumerate(names) if n in id_columns]
            assert all(isinstance(r[i], stored_as) for r in rows for i in at if r[i] is not None)
            out[table] = sorted(
                tuple(
                    id_text(v) if n in id_columns else v
                    for n, v in zip(names, row, strict=True)
                    if n != "visit_month"
                )
                for row in rows
            )
    return out


@pytest.mark.slow
def test_demo_vault_down_and_up_keeps_search_audit_and_inzage(tmp_path: Path) -> None:
    clock = FixedClock(fixed_demo_now())
    vault = Vault.create(tmp_path / "demo", PASSPHRASE, kdf_target_seconds=0, clock=clock)
    try:
        with vault.session() as s:
            vault.actor = initialise(s, organisation="Woonstichting Demo", staff_name="A").id
        generate_demo(vault.session, 500, seed=3)
        assert vault.engine is not None
        at_head = _state(vault)
        assert at_head["revision"] == head_revision()
        assert sum(map(len, at_head["hits"].values())) > 1000  # the words are in the notes
        states = []
        assert sum(map(len, at_head["rows"].values())) > 10_000
        # (down from the head through 0019 and 0016, and at the end up to the head again)
        for revision in ("0018", "0015", "0016", "0015", "0018", head_revision()):
            if revision < str(current_revision(vault.engine)):
                downgrade(vault.engine, revision)
            else:
                upgrade(vault.engine, revision)
            state = _state(vault)
            assert state["revision"] == revision
            states.append(state)
        for state in states:
            assert state["hits"] == at_head["hits"]
            assert state["inzage"] in (None, at_head["inzage"])
            assert state["head"] == at_head["head"]
            assert state["rows"] == at_head["rows"]
        assert states[-1]["inzage"] == at_head["inzage"]
        assert states[-1]["schema"] == at_head["schema"]
        assert states[0]["schema"] == states[-2]["schema"]  # 0018, before and after
        with vault.engine.connect() as con:  # up again: 16 bytes, as written at the head
            kind = con.exec_driver_sql("SELECT DISTINCT typeof(id) FROM visit").all()
            wrong_months = con.exec_driver_sql(
                "SELECT count(*) FROM signal_observation o JOIN visit v ON v.id = o.visit_id"
                " WHERE o.visit_month IS NOT"
                " 100 * strftime('%Y', v.visited_at) + strftime('%m', v.visited_at)"
            ).scalar()
        assert kind == [("blob",)]
        assert wrong_months == 0  # every sign has its visit's month again (0020)
    finally:
        vault.close()

"""Alembic migrations: from an empty vault, and the file-name convention for heads."""

from __future__ import annotations

from pathlib import Path

from alembic.autogenerate import compare_metadata
from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory

from waakvlam_desktop.storage.migrate import (
    alembic_config,
    current_revision,
    head_revision,
    upgrade,
)
from waakvlam_desktop.storage.models import Base
from waakvlam_desktop.storage.vault import make_engine


def test_head_is_the_highest_file_prefix() -> None:
    script = ScriptDirectory.from_config(alembic_config())
    assert script.get_heads() == [head_revision()]
    for rev in script.walk_revisions():
        assert Path(rev.path).name.startswith(rev.revision + "_")


def test_upgrade_from_empty_matches_models(tmp_path: Path) -> None:
    engine = make_engine(tmp_path / "empty.db", b"\x01" * 32)
    assert current_revision(engine) is None
    upgrade(engine)
    assert current_revision(engine) == head_revision()
    with engine.connect() as con:
        diff = compare_metadata(MigrationContext.configure(con), Base.metadata)
        tables = {r[0] for r in con.exec_driver_sql("SELECT name FROM sqlite_master")}
    # The FTS5 tables are created by hand in the migration and have no model.
    unexpected = [
        d for d in diff if not (d[0] in ("remove_table", "remove_index") and "search_" in d[1].name)
    ]
    assert unexpected == []
    assert {"search_index", "search_doc", "audit_event", "visit"} <= tables
    engine.dispose()


def test_each_step_upgrades_from_the_previous_version(tmp_path: Path) -> None:
    """Walk the chain one revision at a time, as an older vault would."""
    script = ScriptDirectory.from_config(alembic_config())
    revisions = [r.revision for r in reversed(list(script.walk_revisions()))]
    engine = make_engine(tmp_path / "steps.db", b"\x02" * 32)
    for rev in revisions:
        upgrade(engine, rev)
        assert current_revision(engine) == rev
    engine.dispose()

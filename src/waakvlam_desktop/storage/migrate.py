"""Alembic, driven from code: the vault upgrades itself to the newest schema on open.

Revision ids are the four-digit prefixes of the files in ``migrations/versions`` and the
history is linear, so the head is known without importing Alembic (which costs ~150 ms
at every start). ``tests/unit/test_migrations.py`` holds that convention to account.
The ids have gaps (no 0003, 0004) that stay: ``migrations/versions/README.md`` says why,
and what a new migration needs (a committed test vault at its revision, among others).
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from sqlalchemy import Engine, text
from sqlalchemy.exc import OperationalError

MIGRATIONS_DIR = Path(__file__).with_name("migrations")


def alembic_config() -> Any:
    # Alembic costs ~150 ms to import: only an upgrade (and the tests) load it.
    from alembic.config import Config  # noqa: PLC0415

    cfg = Config()
    cfg.set_main_option("script_location", str(MIGRATIONS_DIR))
    return cfg


def head_revision() -> str:
    """The newest revision id: the highest ``NNNN`` prefix in migrations/versions."""
    prefixes = [
        p.name.split("_", 1)[0]
        for p in (MIGRATIONS_DIR / "versions").glob("[0-9][0-9][0-9][0-9]_*.py")
    ]
    return max(prefixes)


def current_revision(engine: Engine) -> str | None:
    with engine.connect() as con:
        try:
            return con.execute(text("SELECT version_num FROM alembic_version")).scalar()
        except OperationalError:
            return None  # empty vault: no alembic_version table yet


def upgrade(engine: Engine, revision: str = "head") -> None:
    # Alembic costs ~150 ms to import: only an upgrade loads it (see the module docstring).
    from alembic import command  # noqa: PLC0415

    cfg = alembic_config()
    with engine.begin() as con:
        cfg.attributes["connection"] = con
        command.upgrade(cfg, revision)

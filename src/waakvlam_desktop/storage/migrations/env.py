"""Alembic environment: runs on the connection the vault hands over (never a URL)."""

from __future__ import annotations

from alembic import context

from waakvlam_desktop.storage.models import Base

connection = context.config.attributes.get("connection")
if connection is None:  # pragma: no cover - only the vault drives migrations
    raise RuntimeError("Waakvlam migrations run through Vault.migrate(), not the alembic CLI.")

context.configure(
    connection=connection,
    target_metadata=Base.metadata,
    render_as_batch=True,
    compare_type=True,
)
with context.begin_transaction():
    context.run_migrations()

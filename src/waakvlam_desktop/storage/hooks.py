"""Session hooks: timestamps, authors and the audit trail for every change."""

from __future__ import annotations

from typing import Any

from sqlalchemy import event, inspect
from sqlalchemy.orm import Session, sessionmaker

from waakvlam_desktop.clock import utc_naive
from waakvlam_desktop.storage import audit
from waakvlam_desktop.storage.models import AuditEvent, Base, Record, Setting, new_id

# Fields whose change is not worth an audit line of its own. ``visit_month`` is derived
# from the visit by triggers (storage/signal_months.py): the app never edits it.
_QUIET_FIELDS = {"updated_at", "updated_by", "visit_month"}


def _household_of(obj: Any) -> str | None:
    if obj.__class__.__name__ == "Household":
        return str(obj.id)
    hid = getattr(obj, "household_id", None)
    return str(hid) if hid is not None else None


def _before_flush(session: Session, _ctx: Any, _instances: Any) -> None:
    if session.info.get("skip_audit"):
        return
    now = utc_naive(session.info["clock"].now())
    actor = session.info.get("actor")
    for obj in list(session.new):
        if isinstance(obj, Record):
            if obj.id is None:
                obj.id = new_id()
            obj.created_at = obj.created_at or now
            obj.updated_at = now
            obj.created_by = obj.created_by or actor
            obj.updated_by = actor
        if isinstance(obj, Setting):
            obj.updated_at = now
        if isinstance(obj, Base) and not isinstance(obj, AuditEvent):
            _audit(session, "create", obj, "")
    for obj in list(session.dirty):
        if not session.is_modified(obj, include_collections=False):
            continue
        state = inspect(obj)
        changed = sorted(
            attr.key
            for attr in state.attrs
            if attr.history.has_changes() and attr.key not in _QUIET_FIELDS
        )
        if isinstance(obj, Record):
            obj.updated_at = now
            obj.updated_by = actor
        if isinstance(obj, Setting):
            obj.updated_at = now
        if changed and not isinstance(obj, AuditEvent):
            _audit(session, "update", obj, "velden: " + ",".join(changed))
    for obj in list(session.deleted):
        if isinstance(obj, AuditEvent):
            raise RuntimeError("audit events cannot be deleted")
        _audit(session, "delete", obj, "")


def _audit(session: Session, action: str, obj: Any, detail: str) -> None:
    if not getattr(obj, "__audit__", True):
        return
    table = obj.__tablename__
    ident = inspect(obj).identity
    entity_id = getattr(obj, "id", None) or getattr(obj, "key", None)
    if entity_id is None and ident:
        entity_id = ":".join(str(p) for p in ident)
    audit.record(
        session,
        action,
        table,
        str(entity_id) if entity_id is not None else None,
        household_id=_household_of(obj),
        detail=detail,
    )


def _after_end(session: Session, *_: Any) -> None:
    audit.forget_pending_head(session)


def install_session_hooks(factory: sessionmaker[Session]) -> None:
    event.listen(factory, "before_flush", _before_flush)
    event.listen(factory, "after_commit", _after_end)
    event.listen(factory, "after_rollback", _after_end)

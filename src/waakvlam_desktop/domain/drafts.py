"""Drafts: what an editor holds before it is saved, kept encrypted in the vault."""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from waakvlam_desktop.domain import tombstones
from waakvlam_desktop.storage.models import Draft


@dataclass(frozen=True, slots=True)
class DraftView:
    id: str
    kind: str
    household_id: str | None  # None: a form about no household (a new partner)
    payload: dict[str, Any]
    updated_at: datetime


def save_draft(
    session: Session,
    kind: str,
    household_id: str | None,
    payload: dict[str, Any],
    draft_id: str | None,
) -> str:
    """Create or update a draft; returns its id."""
    if household_id is not None:
        tombstones.refuse_if_anonymised(session, household_id)
    encoded = json.dumps(payload, ensure_ascii=False, sort_keys=True)
    draft = session.get(Draft, draft_id) if draft_id else None
    if draft is None:
        draft = Draft(kind=kind, household_id=household_id, payload_json=encoded)
        if draft_id:
            draft.id = draft_id
        session.add(draft)
    elif draft.payload_json != encoded:
        draft.payload_json = encoded
    session.flush()
    return draft.id


VISIT = "visit"
REFERRAL = "referral"
PARTNER = "partner"


def drafts_for(
    session: Session, household_id: str | None = None, kind: str | None = None
) -> list[DraftView]:
    """Drafts, newest first; of one household and/or one kind ("visit", "referral")."""
    query = select(Draft).order_by(Draft.updated_at.desc())
    if household_id is not None:
        query = query.where(Draft.household_id == household_id)
    if kind is not None:
        query = query.where(Draft.kind == kind)
    return [
        DraftView(d.id, d.kind, d.household_id, json.loads(d.payload_json), d.updated_at)
        for d in session.scalars(query)
    ]


def discard_draft(session: Session, draft_id: str) -> None:
    draft = session.get(Draft, draft_id)
    if draft is not None:
        session.delete(draft)

"""Counts for `waakvlam stats` and dashboards. Aggregates in SQL, not Python loops."""

from __future__ import annotations

from typing import Any

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from waakvlam_desktop.domain.types import ConcernLevel, FollowUpStatus
from waakvlam_desktop.storage.models import (
    Address,
    AuditEvent,
    ChecklistItem,
    Complex,
    FollowUp,
    Household,
    Partner,
    Referral,
    Resident,
    SignalObservation,
    Visit,
)


def _count(session: Session, column: Any) -> int:
    return session.scalar(select(func.count(column))) or 0


def vault_stats(session: Session) -> dict[str, Any]:
    levels = dict(
        session.execute(
            select(Household.concern_level, func.count())  # from the index alone
            .select_from(Household)
            .group_by(Household.concern_level)
        ).all()
    )
    domains = dict(
        session.execute(
            select(ChecklistItem.domain, func.count(SignalObservation.id))
            .join(ChecklistItem, ChecklistItem.id == SignalObservation.item_id)
            .group_by(ChecklistItem.domain)
        ).all()
    )
    referrals = dict(
        session.execute(
            select(Referral.status, func.count(Referral.id)).group_by(Referral.status)
        ).all()
    )
    return {
        "complexes": _count(session, Complex.id),
        "addresses": _count(session, Address.id),
        "households": _count(session, Household.id),
        "residents": _count(session, Resident.id),
        "visits": _count(session, Visit.id),
        "signals": _count(session, SignalObservation.id),
        "follow_ups_open": session.scalar(
            select(func.count(FollowUp.id)).where(FollowUp.status == FollowUpStatus.OPEN.value)
        )
        or 0,
        "partners": _count(session, Partner.id),
        "referrals": _count(session, Referral.id),
        "audit_events": _count(session, AuditEvent.seq),
        "households_per_level": {lv.value: levels.get(lv.value, 0) for lv in ConcernLevel},
        "signals_per_domain": dict(sorted(domains.items())),
        "referrals_per_status": dict(sorted(referrals.items())),
    }

"""Counts for `waakvlam stats` and dashboards. Aggregates in SQL, not Python loops."""

from __future__ import annotations

from typing import Any

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from waakvlam_desktop.domain.types import ConcernLevel, FollowUpStatus
from waakvlam_desktop.storage.models import (
    Address,
    AnonymisedSigns,
    AnonymisedVisits,
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


def _sum(session: Session, column: Any) -> int:
    return session.scalar(select(func.sum(column))) or 0


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
    # Anonymised households' signs and visits are counts per month (0022).
    for domain, n in session.execute(
        select(AnonymisedSigns.domain, func.sum(AnonymisedSigns.signs)).group_by(
            AnonymisedSigns.domain
        )
    ):
        domains[domain] = domains.get(domain, 0) + n
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
        "visits": _count(session, Visit.id) + _sum(session, AnonymisedVisits.visits),
        "signals": _count(session, SignalObservation.id) + _sum(session, AnonymisedSigns.signs),
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

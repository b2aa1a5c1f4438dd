"""The one place that decides whether a household may be shared with a partner.

"Valid grondslag" for a partner on a date: the household has a referral to that partner
that carries a grondslag — the resident's consent with form and a date on or before that
day, or another grondslag with its explanation — and that referral is not cancelled.
Exports (``bundles/``) ask only :func:`grondslag_report` / :func:`households_with_grondslag`;
consent withdrawal belongs in :func:`exclusion_reason`, nowhere else.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from datetime import date

from sqlalchemy import select
from sqlalchemy.orm import Session

from waakvlam_desktop.domain.types import GrondslagKind, ReferralStatus
from waakvlam_desktop.storage.models import Referral

# Reasons a household is left out, as they appear (with counts only) in an export report.
CANCELLED = "geannuleerd"
NO_VALID_GRONDSLAG = "geen_geldige_grondslag"
CONSENT_WITHDRAWN = "toestemming_ingetrokken"

EXCLUSION_LABELS: dict[str, str] = {
    CANCELLED: "alle doorverwijzingen naar deze partner zijn geannuleerd",
    NO_VALID_GRONDSLAG: "geen bruikbare grondslag (toestemming zonder vorm of datum, of later"
    " gegeven, of een andere grondslag zonder uitleg)",
    CONSENT_WITHDRAWN: "de bewoner heeft de toestemming ingetrokken",
}


def exclusion_reason(
    *,
    status: str,
    grondslag: str | None,
    consent_form: str | None,
    consent_date: date | None,
    basis_text: str | None,
    on_date: date,
    consent_withdrawn: bool = False,
) -> str | None:
    """Why one referral does not give a grondslag on ``on_date``; ``None`` when it does.

    ``consent_withdrawn``: the resident withdrew consent for this partner on or before
    ``on_date`` (see :mod:`waakvlam_desktop.privacy.consent`); it only affects referrals
    that rest on consent.
    """
    if status == ReferralStatus.GEANNULEERD.value:
        return CANCELLED
    if grondslag == GrondslagKind.CONSENT.value:
        if not consent_form or consent_date is None or consent_date > on_date:
            return NO_VALID_GRONDSLAG
        if consent_withdrawn:
            return CONSENT_WITHDRAWN
        return None
    if grondslag == GrondslagKind.OTHER.value:
        return None if (basis_text or "").strip() else NO_VALID_GRONDSLAG
    return NO_VALID_GRONDSLAG


@dataclass(frozen=True, slots=True)
class GrondslagReport:
    """Households that may be shared with a partner, and how many may not (and why)."""

    valid: frozenset[str]
    valid_referrals: frozenset[str]
    excluded: dict[str, int] = field(default_factory=dict)

    @property
    def excluded_total(self) -> int:
        return sum(self.excluded.values())


def grondslag_report(session: Session, partner_id: str, on_date: date) -> GrondslagReport:
    """Valid households and referrals for ``partner_id`` on ``on_date``; exclusions counted.

    Only referrals created on or before ``on_date`` count. A household with at least one
    valid referral is valid; otherwise it is counted once, under the reason of its most
    recent referral.
    """
    rows = session.execute(
        select(
            Referral.id,
            Referral.household_id,
            Referral.status,
            Referral.grondslag,
            Referral.consent_form,
            Referral.consent_date,
            Referral.basis_text,
            Referral.created_at,
        )
        .where(Referral.partner_id == partner_id)
        .order_by(Referral.created_at)
    ).all()
    from waakvlam_desktop.privacy.consent import withdrawn_households

    withdrawn = withdrawn_households(session, partner_id, on=on_date)
    valid: set[str] = set()
    valid_refs: set[str] = set()
    last_reason: dict[str, str] = {}
    for rid, hid, status, kind, form, consent_on, basis, created in rows:
        if created is not None and created.date() > on_date:
            continue
        reason = exclusion_reason(
            status=status,
            grondslag=kind,
            consent_form=form,
            consent_date=consent_on,
            basis_text=basis,
            on_date=on_date,
            consent_withdrawn=hid in withdrawn,
        )
        if reason is None:
            valid.add(hid)
            valid_refs.add(rid)
        else:
            last_reason[hid] = reason
    excluded = Counter(r for hid, r in last_reason.items() if hid not in valid)
    return GrondslagReport(frozenset(valid), frozenset(valid_refs), dict(sorted(excluded.items())))


def households_with_grondslag(session: Session, partner_id: str, on_date: date) -> set[str]:
    """The ids of households that may be shared with ``partner_id`` on ``on_date``."""
    return set(grondslag_report(session, partner_id, on_date).valid)

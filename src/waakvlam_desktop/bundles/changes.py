"""What changed since the previous case bundle to the same partner.

A partner who gets a bundle every month wants to know what to do with it first: erase what
we asked them to erase, then look at the new households and referrals, the ones that were
closed and the ones whose stage changed. The previous bundle is known from the export
record (``export_household`` and ``export_referral`` keep what it carried and with which
status), so the comparison needs no copy of the old bundle.
"""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import select
from sqlalchemy.orm import Session

from waakvlam_desktop.bundles.collect import Content
from waakvlam_desktop.clock import to_local
from waakvlam_desktop.domain.types import DataProfile, ReferralStatus
from waakvlam_desktop.storage.models import (
    ErasureRequest,
    ExportHousehold,
    ExportRecord,
    ExportReferral,
)
from waakvlam_desktop.texts import QT_TRANSLATE_NOOP, Message

FINAL = {ReferralStatus.AFGESLOTEN.value, ReferralStatus.GEANNULEERD.value}

FIRST_BUNDLE = Message(
    "changes.first",
    QT_TRANSLATE_NOOP("Changes", "This is the first bundle to this partner."),
    context="Changes",
)
SINCE = Message(
    "changes.since",
    QT_TRANSLATE_NOOP("Changes", "Since bundle {sequence} of {date}:"),
    context="Changes",
)
ERASURES = Message(
    "changes.erasures",
    QT_TRANSLATE_NOOP(
        "Changes", "{n} erasure request(s): please delete what you received about them first."
    ),
    context="Changes",
)
NEW = Message(
    "changes.new",
    QT_TRANSLATE_NOOP("Changes", "{households} new household(s), {referrals} new referral(s)."),
    context="Changes",
)
CLOSED = Message(
    "changes.closed",
    QT_TRANSLATE_NOOP("Changes", "{n} referral(s) closed or cancelled."),
    context="Changes",
)
CHANGED = Message(
    "changes.changed",
    QT_TRANSLATE_NOOP("Changes", "{n} referral(s) moved to another stage."),
    context="Changes",
)
GONE_REFERRALS = Message(
    "changes.gone_referrals",
    QT_TRANSLATE_NOOP(
        "Changes",
        "{n} referral(s) no longer in this bundle: they may no longer be shared with you.",
    ),
    context="Changes",
)
RESHARED = Message(
    "changes.reshared",
    QT_TRANSLATE_NOOP(
        "Changes",
        "{n} household(s) with an erasure request are in this bundle again, with new"
        " consent: erase only the references in the erasure request.",
    ),
    context="Changes",
)
GONE = Message(
    "changes.gone",
    QT_TRANSLATE_NOOP("Changes", "{n} household(s) no longer in this bundle."),
    context="Changes",
)
NOTHING = Message(
    "changes.nothing",
    QT_TRANSLATE_NOOP("Changes", "Nothing changed."),
    context="Changes",
)


@dataclass(frozen=True, slots=True)
class BundleChanges:
    previous_sequence: int | None  # None: the first case bundle to this partner
    previous_date: str  # dd-mm-yyyy of the previous export, "" for the first
    erasure_requests: int = 0
    new_households: int = 0
    new_referrals: int = 0
    closed_referrals: int = 0
    changed_referrals: int = 0
    gone_referrals: int = 0
    gone_households: int = 0
    reshared_households: int = 0  # erasure requested and carried again (new consent)

    def lines(self, language: str | None = None, erasures: bool = True) -> tuple[str, ...]:
        """Plain sentences, erasure requests first, then new, closed and changed.

        ``erasures=False`` leaves the erasure requests out (the cover sheet has its own
        section for them, above this one)."""
        out: list[str] = []
        if self.previous_sequence is None:
            out.append(FIRST_BUNDLE.render(language))
        else:
            out.append(
                SINCE.render(language, sequence=self.previous_sequence, date=self.previous_date)
            )
        if erasures and self.erasure_requests:
            out.append(ERASURES.render(language, n=self.erasure_requests))
        if self.reshared_households:
            out.append(RESHARED.render(language, n=self.reshared_households))
        if self.previous_sequence is None:
            return tuple(out)
        if self.new_households or self.new_referrals:
            out.append(
                NEW.render(language, households=self.new_households, referrals=self.new_referrals)
            )
        if self.closed_referrals:
            out.append(CLOSED.render(language, n=self.closed_referrals))
        if self.changed_referrals:
            out.append(CHANGED.render(language, n=self.changed_referrals))
        if self.gone_referrals:
            out.append(GONE_REFERRALS.render(language, n=self.gone_referrals))
        if self.gone_households:
            out.append(GONE.render(language, n=self.gone_households))
        if len(out) == 1:
            out.append(NOTHING.render(language))
        return tuple(out)


def changes_since_previous(session: Session, partner_id: str, content: Content) -> BundleChanges:
    """Compare ``content`` (a case bundle being made) with the last case bundle to the partner."""
    previous = session.scalars(
        select(ExportRecord)
        .where(
            ExportRecord.partner_id == partner_id,
            ExportRecord.profile == DataProfile.CASE.value,
        )
        .order_by(ExportRecord.sequence.desc())
        .limit(1)
    ).first()
    erasures = len(content.erasure_ids)
    erased_households = set(
        session.scalars(
            select(ErasureRequest.household_id).where(ErasureRequest.id.in_(content.erasure_ids))
        )
    )
    reshared = len(erased_households & set(content.carried_households))
    if previous is None:
        return BundleChanges(None, "", erasure_requests=erasures, reshared_households=reshared)
    before_households = set(
        session.scalars(
            select(ExportHousehold.household_id).where(ExportHousehold.export_id == previous.id)
        )
    )
    before_referrals = {
        rid: status
        for rid, status in session.execute(
            select(ExportReferral.referral_id, ExportReferral.status).where(
                ExportReferral.export_id == previous.id
            )
        )
    }
    now_households = set(content.carried_households)
    new_refs = closed = changed = 0  # a referral counts once: new, closed or changed
    for rid, status in content.carried_referrals.items():
        before = before_referrals.get(rid)
        if before is None:
            new_refs += 1
        elif before != status and status in FINAL:
            closed += 1
        elif before != status:
            changed += 1
    return BundleChanges(
        previous_sequence=previous.sequence,
        previous_date=f"{to_local(previous.exported_at):%d-%m-%Y}",
        erasure_requests=erasures,
        new_households=len(now_households - before_households),
        new_referrals=new_refs,
        closed_referrals=closed,
        changed_referrals=changed,
        gone_referrals=len(before_referrals.keys() - content.carried_referrals.keys()),
        gone_households=len(before_households - now_households),
        reshared_households=reshared,
    )

"""What a partner does in ``waakvlam-partner``, on a session of the partner store.

Every function takes a session (one transaction) and returns plain data for the screens:
no ORM object leaves. The crypto is the bundle code's: :func:`bundles.reader.verify_trusted`
opens a bundle against the pinned keys, :func:`bundles.reply.make_replies` writes the replies.
The pinned keys and the opened bundles (the CLI's state file, ``bundles/partner_state.py``)
live here in the store, as one row (:class:`StoreState`).
"""

from __future__ import annotations

import json
import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, timedelta
from pathlib import Path
from typing import Any

import pyrage
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey
from sqlalchemy import delete, select
from sqlalchemy.orm import Session

from waakvlam_desktop.bundles import format as fmt
from waakvlam_desktop.bundles import reply as rp
from waakvlam_desktop.bundles.keys import (
    grouped,
    identity_recipient,
    partner_key_file_text,
    public_key_text,
    public_of,
    recipient_fingerprint,
)
from waakvlam_desktop.bundles.partner_state import (
    STATE_VERSION,
    PartnerState,
    TrustedKey,
    read_key_file,
)
from waakvlam_desktop.bundles.reader import OpenedBundle, remember, verify_trusted
from waakvlam_desktop.clock import local_today, utc_naive
from waakvlam_desktop.documents.workbook import Table, workbook_bytes
from waakvlam_desktop.domain.spreadsheet_csv import excel_csv
from waakvlam_desktop.domain.types import FeedbackStatus
from waakvlam_desktop.errors import BundleError, NotFoundError, UsageError, ValidationError
from waakvlam_desktop.fileio import write_atomic
from waakvlam_desktop.partnerstore.schema import (
    Bundle,
    ErasureRequest,
    Feedback,
    Household,
    Identity,
    Referral,
    Setting,
    Sighting,
)
from waakvlam_desktop.partnerstore.store import DB_NAME
from waakvlam_desktop.texts import QT_TRANSLATE_NOOP, Message

#: A referral is its sender's kenmerk: (sender key id, kenmerk). Two corporations may use
#: the same kenmerk (and the same pseudonym), so neither is ever used alone.
RefKey = tuple[str, str]
#: A household is its sender's pseudonym: (sender key id, pseudonym).
HouseholdKey = tuple[str, str]

STATE_SETTING = "bundle_state"
RETENTION_SETTING = "retention_days"
DEFAULT_RETENTION_DAYS = 365
MIN_RETENTION_DAYS = 30
MAX_RETENTION_DAYS = 3650
#: What ends the partner's part of a referral: retention counts from its date.
ENDING = {FeedbackStatus.CLOSED, FeedbackStatus.DECLINED, FeedbackStatus.NOT_REACHED}
#: A case conference's agenda (``bundles/meeting.py``): its ``summary_pdf`` is the agenda,
#: with names and signals. Retention drops it a set time after the meeting's day.
MEETING_PROFILE = "meeting"

HANDOVER_NOT_HERE = Message(
    "partner_app.handover",
    QT_TRANSLATE_NOOP(
        "Errors",
        "This is a handover bundle for a colleague at the corporation; it opens in Waakvlam"
        " Desktop, not in the partner app.",
    ),
)
NO_SUCH_REFERRAL = Message(
    "partner_app.no_referral",
    QT_TRANSLATE_NOOP("Errors", "Reference {kenmerk} is not (or no longer) in this app."),
)
NO_SUCH_ERASURE = Message(
    "partner_app.no_erasure", QT_TRANSLATE_NOOP("Errors", "This erasure request is gone.")
)
NOTHING_TO_REPLY = Message(
    "partner_app.nothing_to_reply",
    QT_TRANSLATE_NOOP(
        "Errors", "There is no new feedback to send: record a status for a referral first."
    ),
)
REPLY_NOT_WRITTEN = Message(
    "partner_app.reply_not_written",
    QT_TRANSLATE_NOOP(
        "Errors",
        "The reply file {path} could not be written (it exists, the disk is full, or there is"
        " no permission). Nothing counts as sent.",
    ),
)
EXPORT_NOT_WRITTEN = Message(
    "partner_app.export_not_written",
    QT_TRANSLATE_NOOP(
        "Errors", "The file {path} could not be written (it exists, or no permission)."
    ),
)
BAD_RETENTION = Message(
    "partner_app.bad_retention",
    QT_TRANSLATE_NOOP("Errors", "The retention period must be between {low} and {high} days."),
)


# ---- the store's own keys ---------------------------------------------------------------
@dataclass(frozen=True, slots=True)
class OwnKeys:
    """The two lines a partner gives the corporation, and their ids to read aloud."""

    age_recipient: str  # age1…: the corporation encrypts bundles to it
    age_key_id: str  # grouped fingerprint, as the bundle manifest lists recipients
    signing_public: str  # waakvlam-ed25519:…: the corporation pins it for replies
    signing_key_id: str  # grouped key id
    created_at: datetime


def _identity_row(session: Session) -> Identity | None:
    return session.scalar(select(Identity).order_by(Identity.id).limit(1))


def first_run(session: Session) -> OwnKeys:
    """Make the partner's age identity and Ed25519 signing key, once, inside the store."""
    row = _identity_row(session)
    if row is None:
        private = Ed25519PrivateKey.generate()
        row = Identity(
            id=1,
            age_identity=str(pyrage.x25519.Identity.generate()),
            signing_key=private.private_bytes_raw(),
            created_at=utc_naive(session.info["clock"].now()),
        )
        session.add(row)
        session.flush()
    return own_keys(session)


def _row(session: Session) -> Identity:
    row = _identity_row(session)
    if row is None:
        first_run(session)
        row = session.get_one(Identity, 1)
    return row


def age_identity(session: Session) -> Any:
    return pyrage.x25519.Identity.from_str(_row(session).age_identity)


def signing_key(session: Session) -> Ed25519PrivateKey:
    return Ed25519PrivateKey.from_private_bytes(_row(session).signing_key)


def own_keys(session: Session) -> OwnKeys:
    row = _row(session)
    recipient = identity_recipient(pyrage.x25519.Identity.from_str(row.age_identity))
    public = public_of(Ed25519PrivateKey.from_private_bytes(row.signing_key))
    return OwnKeys(
        age_recipient=recipient,
        age_key_id=grouped(recipient_fingerprint(recipient)),
        signing_public=public_key_text(public.public_key),
        signing_key_id=grouped(public.key_id),
        created_at=row.created_at,
    )


def signing_key_file_text(session: Session) -> str:
    """The public key file for the corporation (``partner edit --signing-key FILE``)."""
    return partner_key_file_text(public_of(signing_key(session)))


# ---- pinned keys and opened bundles: the CLI's state, kept in the store -------------------
class StoreState(PartnerState):
    """:class:`PartnerState` with its document in the store instead of a JSON file."""

    def __init__(self, session: Session, where: Path) -> None:
        super().__init__(where)
        self.session = session

    def load(self) -> dict[str, Any]:
        row = self.session.get(Setting, STATE_SETTING)
        if row is None:
            return {
                "version": STATE_VERSION,
                "trusted": {},
                "opened": {},
                "legacy_high_water": {},
                "audit_heads": {},
            }
        doc: dict[str, Any] = json.loads(row.value)
        return doc

    def save(self, doc: dict[str, Any]) -> None:
        value = json.dumps(doc, sort_keys=True, ensure_ascii=False)
        row = self.session.get(Setting, STATE_SETTING)
        if row is None:
            self.session.add(Setting(key=STATE_SETTING, value=value))
        else:
            row.value = value
        self.session.flush()


def state(session: Session) -> StoreState:
    # The path only words PartnerState's own refusals; the document is a row of the store.
    return StoreState(session, Path(DB_NAME))


@dataclass(frozen=True, slots=True)
class KeyFilePreview:
    """A corporation's public key file, before it is trusted: compare the key id first."""

    organisation: str
    key_id: str  # grouped
    public_key: str
    pinned_key_id: str  # grouped id of the key trusted now for that name, or ""


def preview_key_file(session: Session, path: Path) -> KeyFilePreview:
    kf = read_key_file(path)
    pinned = state(session).pinned_for(kf.organisation) if kf.organisation else None
    return KeyFilePreview(
        organisation=kf.organisation,
        key_id=grouped(kf.key.key_id),
        public_key=public_key_text(kf.key.public_key),
        pinned_key_id=pinned.fingerprint if pinned else "",
    )


def trust_key_file(
    session: Session, path: Path, organisation: str = "", *, replace: bool = False
) -> bool:
    """Pin the key in ``path`` (the CLI's ``bundle trust``, with the same refusals)."""
    kf = read_key_file(path)
    return state(session).trust(organisation or kf.organisation, kf.key, replace=replace)


@dataclass(frozen=True, slots=True)
class TrustedRow:
    organisation: str
    key_id: str
    trusted_at: str


def trusted(session: Session) -> list[TrustedRow]:
    rows: list[TrustedKey] = state(session).trusted()
    return [TrustedRow(t.organisation, t.fingerprint, t.trusted_at) for t in rows]


# ---- opening a bundle -------------------------------------------------------------------
@dataclass(frozen=True, slots=True)
class OpenReport:
    bundle_id: str
    organisation: str
    profile: str
    period: str
    sequence: int
    erasure_requests: int
    households: int
    referrals: int


# ---- a bundle's content, as the store keeps it --------------------------------------------
# A bundle is signed by a corporation the partner trusts, but what it says is still shown
# to people and kept: every field is read by its expected type (anything else counts as
# empty), cleaned of control and direction characters (U+202E turns a kenmerk around) and
# cut to a length. Content that is not Waakvlam's shape at all is refused as a whole.
_DROP = {"Cc", "Cf", "Co", "Cs", "Cn", "Zl", "Zp"}
MAX_LINE = 200
MAX_TEXT = 4000
MAX_ITEMS = 200  # signals, residents, references of one item


def _text(value: Any, limit: int = MAX_LINE, *, lines: bool = False) -> str:
    """``value`` as one clean line (or lines) of at most ``limit`` characters."""
    if isinstance(value, bool) or not isinstance(value, (str, int, float)):
        return ""
    raw = value if isinstance(value, str) else str(value)
    raw = raw[: limit * 4]
    keep = []
    for c in raw:
        if lines and c == "\n":
            keep.append(c)
        elif unicodedata.category(c) in _DROP:
            keep.append(" " if c in "\t\r\n\x0b\x0c\u2028\u2029" else "")
        else:
            keep.append(c)
    cleaned = "".join(keep)
    if lines:
        cleaned = "\n".join(" ".join(part.split()) for part in cleaned.split("\n")).strip()
    else:
        cleaned = " ".join(cleaned.split())
    return cleaned[:limit]


def _items(value: Any, limit: int = MAX_ITEMS) -> list[Any]:
    return value[:limit] if isinstance(value, list) else []


def _address_line(address: Any) -> str:
    if not isinstance(address, dict):
        return ""
    street = " ".join(
        _text(address.get(k), 100) for k in ("street", "number", "addition") if address.get(k)
    )
    place = " ".join(_text(address.get(k), 100) for k in ("postcode", "city") if address.get(k))
    return _text(", ".join(p for p in (street.strip(), place.strip()) if p), 300)


def _day(value: Any) -> date | None:
    try:
        return date.fromisoformat(value) if isinstance(value, str) and value else None
    except ValueError:
        return None


def _clean_residents(value: Any) -> list[dict[str, str]]:
    out = []
    for r in _items(value, 50):
        if isinstance(r, dict) and _text(r.get("name")):
            out.append(
                {
                    "name": _text(r.get("name")),
                    "phone": _text(r.get("phone"), 40),
                    "birth_year": _text(r.get("birth_year"), 4),
                }
            )
    return out


def _clean_signals(value: Any) -> list[dict[str, Any]]:
    out = []
    for sg in _items(value):
        if not isinstance(sg, dict):
            continue
        severity = sg.get("severity")
        out.append(
            {
                "code": _text(sg.get("code"), 60),
                "label_nl": _text(sg.get("label_nl")),
                "severity": severity if type(severity) is int and 1 <= severity <= 3 else 0,
                "observed_on": d.isoformat() if (d := _day(sg.get("observed_on"))) else "",
            }
        )
    return out


BAD_CONTENT = Message(
    "partner_app.bad_content",
    QT_TRANSLATE_NOOP(
        "Errors",
        "This bundle is signed by a corporation you trust, but its content is not what"
        " Waakvlam makes; nothing of it was opened. Tell the corporation.",
    ),
)


def _refuse_content() -> BundleError:
    return BundleError(BAD_CONTENT)


def _document(bundle: OpenedBundle) -> dict[str, Any]:
    """data.json as a dict, and every PDF member a PDF; else the bundle is refused."""
    for name, body in bundle.members.items():
        if name.endswith(".pdf") and not body.startswith(b"%PDF-"):
            raise _refuse_content()
    try:
        doc = json.loads(bundle.members[fmt.DATA].decode("utf-8"))
    except (UnicodeDecodeError, ValueError, RecursionError) as exc:
        raise _refuse_content() from exc
    if not isinstance(doc, dict):
        raise _refuse_content()
    return doc


def _list_of_dicts(doc: dict[str, Any], key: str) -> list[dict[str, Any]]:
    value = doc.get(key)
    if value is None:
        return []
    if not isinstance(value, list) or not all(isinstance(v, dict) for v in value):
        raise _refuse_content()
    return value


def _clean_aggregate(doc: dict[str, Any]) -> dict[str, Any]:
    threshold = doc.get("drempel")
    cells = []
    for cell in _list_of_dicts(doc, "cellen"):
        count = cell.get("huishoudens")
        cells.append(
            {
                "maat": _text(cell.get("maat"), 60),
                "gebied": _text(cell.get("gebied"), 100),
                "wijk": _text(cell.get("wijk"), 100),
                "categorie": _text(cell.get("categorie"), 100),
                "huishoudens": count if type(count) is int and 0 <= count < 10**9 else None,
                "onderdrukt": cell.get("onderdrukt") is True,
            }
        )
    return {
        "drempel": threshold if type(threshold) is int and 0 <= threshold < 10**6 else 0,
        "niveau": _text(doc.get("niveau"), 60),
        "cellen": cells,
    }


def open_bundle(session: Session, data: bytes) -> OpenReport:
    """Verify ``data`` against the pinned keys, refuse a repeat, and keep its content in
    the store. Nothing is written to disk but the (encrypted) store."""
    st = state(session)
    bundle = verify_trusted(data, age_identity(session), st)
    st.check_not_opened(bundle.state_key, bundle.bundle_id, bundle.sequence)
    if bundle.profile == "handover":
        raise BundleError(HANDOVER_NOT_HERE)
    report = _store(session, bundle)
    remember(st, bundle)
    return report


def _store(session: Session, bundle: OpenedBundle) -> OpenReport:
    m = bundle.manifest
    now = utc_naive(session.info["clock"].now())
    today = local_today(session.info["clock"])
    doc = _document(bundle)
    sender = str(m["sender"]["key_id"])
    row = Bundle(
        bundle_id=bundle.bundle_id,
        organisation=bundle.trusted_organisation,
        sender_key_id=sender,
        profile=bundle.profile,
        period=_text(m["period"]["label"], 40),
        sequence=bundle.sequence,
        created_at=_text(m.get("created_at"), 40),
        opened_at=now,
        manifest=bundle.manifest_bytes,
        summary_pdf=bundle.members.get(fmt.SUMMARY, b""),
        aggregate=json.dumps(_clean_aggregate(doc), ensure_ascii=False)
        if bundle.profile == "aggregate"
        else None,
    )
    session.add(row)
    session.flush()
    erasures = households = referrals = 0
    if bundle.profile != "case":
        return OpenReport(
            bundle.bundle_id, row.organisation, row.profile, row.period, row.sequence, 0, 0, 0
        )
    requests = _list_of_dicts(doc, "erasure_requests")
    found = _list_of_dicts(doc, "households")
    for hh in found:
        if not isinstance(hh.get("referrals", []), list) or not all(
            isinstance(r, dict) for r in hh.get("referrals", [])
        ):
            raise _refuse_content()
    for req in requests:
        references = [_text(r, 40) for r in _items(req.get("references"), 1000)]
        session.add(
            ErasureRequest(
                bundle_id=bundle.bundle_id,
                sender_key_id=sender,
                pseudonym=_text(req.get("pseudonym"), 64),
                references=",".join(r for r in references if r and "," not in r),
                requested_on=_day(req.get("requested_on")) or today,
                reason=_text(req.get("reason")),
                done_at=None,
            )
        )
        erasures += 1
    for hh in found:
        pseudonym = _text(hh.get("pseudonym"), 64)
        if not pseudonym:
            continue
        household = session.get(Household, (sender, pseudonym))
        if household is None:
            household = Household(sender_key_id=sender, pseudonym=pseudonym)
            session.add(household)
        household.label = _text(hh.get("label"))
        household.address = _address_line(hh.get("address"))
        household.residents = json.dumps(_clean_residents(hh.get("residents")), ensure_ascii=False)
        household.data = ""  # the raw JSON is not kept: only the cleaned fields above
        household.last_bundle_id = bundle.bundle_id
        households += 1
        session.flush()
        for ref in hh.get("referrals") or []:
            kenmerk = _text(ref.get("reference"), 40)
            if not kenmerk:
                continue
            referral = session.get(Referral, (sender, kenmerk))
            if referral is None:
                referral = Referral(sender_key_id=sender, kenmerk=kenmerk, closed_on=None)
                session.add(referral)
            referral.pseudonym = pseudonym
            referral.reason = _text(ref.get("reason"), MAX_TEXT, lines=True)
            referral.context = _text(ref.get("letter_context"), MAX_TEXT, lines=True)
            referral.signals = json.dumps(_clean_signals(ref.get("signals")), ensure_ascii=False)
            referral.sender_status = _text(ref.get("status"), 40)
            referral.final = ref.get("final") is True
            referral.feedback_due = _day(ref.get("feedback_due"))
            referral.letter = bundle.members.get(f"letters/{kenmerk}.pdf", referral.letter)
            referral.data = ""  # the raw JSON is not kept: only the cleaned fields above
            referral.last_bundle_id = bundle.bundle_id
            if referral.final and referral.closed_on is None:
                referral.closed_on = today
            session.add(
                Sighting(
                    bundle_id=bundle.bundle_id,
                    sender_key_id=sender,
                    pseudonym=pseudonym,
                    kenmerk=kenmerk,
                    sender_status=referral.sender_status,
                    final=referral.final,
                )
            )
            referrals += 1
    session.flush()
    return OpenReport(
        bundle.bundle_id,
        row.organisation,
        row.profile,
        row.period,
        row.sequence,
        erasures,
        households,
        referrals,
    )


# ---- the lists --------------------------------------------------------------------------
@dataclass(frozen=True, slots=True)
class ErasureRow:
    id: int
    pseudonym: str
    references: tuple[str, ...]
    requested_on: date
    reason: str
    organisation: str
    done_at: datetime | None
    removed: int


def erasure_requests(session: Session) -> list[ErasureRow]:
    """Open requests first (oldest first), then the ones already carried out."""
    rows = session.execute(
        select(ErasureRequest, Bundle.organisation).join(
            Bundle, Bundle.bundle_id == ErasureRequest.bundle_id
        )
    ).all()
    out = [
        ErasureRow(
            e.id,
            e.pseudonym,
            tuple(r for r in e.references.split(",") if r),
            e.requested_on,
            e.reason,
            org,
            e.done_at,
            e.removed,
        )
        for e, org in rows
    ]
    return sorted(out, key=lambda r: (r.done_at is not None, r.requested_on, r.id))


def open_erasure_count(session: Session) -> int:
    return sum(1 for r in erasure_requests(session) if r.done_at is None)


def _forget_referrals(session: Session, sender: str, kenmerken: Sequence[str]) -> int:
    """Delete one sender's referrals ``kenmerken`` with their feedback and history."""
    if not kenmerken:
        return 0
    found = list(
        session.scalars(
            select(Referral).where(
                Referral.sender_key_id == sender, Referral.kenmerk.in_(kenmerken)
            )
        )
    )
    session.execute(
        delete(Feedback).where(Feedback.sender_key_id == sender, Feedback.kenmerk.in_(kenmerken))
    )
    session.execute(
        delete(Sighting).where(Sighting.sender_key_id == sender, Sighting.kenmerk.in_(kenmerken))
    )
    for ref in found:
        session.delete(ref)
    session.flush()
    return len(found)


def _forget_orphan_households(session: Session) -> None:
    used = {(r.sender_key_id, r.pseudonym) for r in session.scalars(select(Referral))}
    for hh in list(session.scalars(select(Household))):
        if (hh.sender_key_id, hh.pseudonym) in used:
            continue
        session.execute(
            delete(Sighting).where(
                Sighting.sender_key_id == hh.sender_key_id, Sighting.pseudonym == hh.pseudonym
            )
        )
        session.delete(hh)
    session.flush()


def confirm_erasure(session: Session, request_id: int) -> int:
    """ "Verwijderd": delete what the store holds about the request (its kenmerken; all of
    the household's when it names none), then the household if nothing of it is left, and
    the agenda PDFs of that sender's case conferences held before the request."""
    req = session.get(ErasureRequest, request_id)
    if req is None:
        raise NotFoundError(NO_SUCH_ERASURE)
    if req.done_at is not None:
        return req.removed
    sender = req.sender_key_id
    kenmerken = [r for r in req.references.split(",") if r]
    if not kenmerken:
        kenmerken = list(
            session.scalars(
                select(Referral.kenmerk).where(
                    Referral.sender_key_id == sender, Referral.pseudonym == req.pseudonym
                )
            )
        )
    removed = _forget_referrals(session, sender, kenmerken)
    _forget_orphan_households(session)
    _blank_agendas(session, req)
    req.done_at = utc_naive(session.info["clock"].now())
    req.removed = removed
    session.flush()
    return removed


@dataclass(frozen=True, slots=True)
class SignalRow:
    label: str
    severity: int
    observed_on: str


@dataclass(frozen=True, slots=True)
class ReferralRow:
    sender_key_id: str
    kenmerk: str
    pseudonym: str
    household: str
    address: str
    residents: tuple[str, ...]
    reason: str
    context: str
    signals: tuple[SignalRow, ...]
    sender_status: str
    final: bool
    feedback_due: date | None
    status: FeedbackStatus | None  # the partner's latest recorded status
    status_day: date | None
    note: str
    unsent: bool  # recorded, not yet in a reply
    has_letter: bool
    organisation: str
    period: str

    @property
    def key(self) -> RefKey:
        return (self.sender_key_id, self.kenmerk)

    @property
    def household_key(self) -> HouseholdKey:
        return (self.sender_key_id, self.pseudonym)


def _signals(raw: str) -> tuple[SignalRow, ...]:
    out = []
    for sg in json.loads(raw or "[]"):
        if isinstance(sg, dict):
            out.append(
                SignalRow(
                    str(sg.get("label_nl") or sg.get("code") or ""),
                    int(sg.get("severity") or 0),
                    str(sg.get("observed_on") or ""),
                )
            )
    return tuple(out)


def _residents(raw: str) -> tuple[str, ...]:
    out = []
    for r in json.loads(raw or "[]"):
        if isinstance(r, dict) and r.get("name"):
            phone = f" ({r['phone']})" if r.get("phone") else ""
            out.append(f"{r['name']}{phone}")
    return tuple(out)


def _latest_feedback(session: Session) -> dict[RefKey, Feedback]:
    latest: dict[RefKey, Feedback] = {}
    for fb in session.scalars(select(Feedback).order_by(Feedback.day, Feedback.id)):
        latest[(fb.sender_key_id, fb.kenmerk)] = fb
    return latest


def referrals(session: Session) -> list[ReferralRow]:
    latest = _latest_feedback(session)
    unsent = {
        (fb.sender_key_id, fb.kenmerk)
        for fb in session.scalars(select(Feedback).where(Feedback.reply_id.is_(None)))
    }
    rows = session.execute(
        select(Referral, Household, Bundle)
        .join(
            Household,
            (Household.sender_key_id == Referral.sender_key_id)
            & (Household.pseudonym == Referral.pseudonym),
        )
        .join(Bundle, Bundle.bundle_id == Referral.last_bundle_id)
    ).all()
    out: list[ReferralRow] = []
    for ref, hh, b in rows:
        key = (ref.sender_key_id, ref.kenmerk)
        fb = latest.get(key)
        out.append(
            ReferralRow(
                sender_key_id=ref.sender_key_id,
                kenmerk=ref.kenmerk,
                pseudonym=ref.pseudonym,
                household=hh.label,
                address=hh.address,
                residents=_residents(hh.residents),
                reason=ref.reason,
                context=ref.context,
                signals=_signals(ref.signals),
                sender_status=ref.sender_status,
                final=ref.final,
                feedback_due=ref.feedback_due,
                status=FeedbackStatus(fb.status) if fb else None,
                status_day=fb.day if fb else None,
                note=fb.note if fb else "",
                unsent=key in unsent,
                has_letter=ref.letter is not None,
                organisation=b.organisation,
                period=b.period,
            )
        )
    return sorted(out, key=lambda r: (r.feedback_due or date.max, r.kenmerk, r.organisation))


@dataclass(frozen=True, slots=True)
class HistoryRow:
    """One line of a household's history: a bundle that carried it, or the partner's own
    feedback on one of its referrals."""

    when: str  # ISO date or bundle created_at
    kenmerk: str
    what: str  # "bundle" | "feedback"
    status: str
    detail: str  # the bundle's period, or the note
    sequence: int = 0  # the bundle's number


def household_history(session: Session, household: HouseholdKey) -> list[HistoryRow]:
    sender, pseudonym = household
    out: list[HistoryRow] = []
    for sg, b in session.execute(
        select(Sighting, Bundle)
        .join(Bundle, Bundle.bundle_id == Sighting.bundle_id)
        .where(Sighting.sender_key_id == sender, Sighting.pseudonym == pseudonym)
    ).all():
        out.append(
            HistoryRow(
                b.created_at[:10],
                sg.kenmerk,
                "bundle",
                sg.sender_status,
                b.period,
                b.sequence,
            )
        )
    kenmerken = select(Referral.kenmerk).where(
        Referral.sender_key_id == sender, Referral.pseudonym == pseudonym
    )
    for fb in session.scalars(
        select(Feedback).where(Feedback.sender_key_id == sender, Feedback.kenmerk.in_(kenmerken))
    ):
        out.append(HistoryRow(fb.day.isoformat(), fb.kenmerk, "feedback", fb.status, fb.note))
    return sorted(out, key=lambda h: (h.when, h.what, h.kenmerk))


def letter_pdf(session: Session, key: RefKey) -> bytes | None:
    ref = session.get(Referral, key)
    return None if ref is None else ref.letter


@dataclass(frozen=True, slots=True)
class BundleRow:
    bundle_id: str
    organisation: str
    profile: str
    period: str
    sequence: int
    opened_at: datetime


def bundles(session: Session) -> list[BundleRow]:
    return [
        BundleRow(b.bundle_id, b.organisation, b.profile, b.period, b.sequence, b.opened_at)
        for b in session.scalars(select(Bundle).order_by(Bundle.opened_at.desc()))
    ]


def summary_pdf(session: Session, bundle_id: str) -> bytes:
    row = session.get(Bundle, bundle_id)
    return b"" if row is None else row.summary_pdf


@dataclass(frozen=True, slots=True)
class AggregateTable:
    bundle_id: str
    organisation: str
    period: str
    threshold: int
    level: str
    measures: dict[str, list[dict[str, Any]]] = field(default_factory=dict)  # maat -> cells


def aggregate_tables(session: Session) -> list[AggregateTable]:
    out = []
    for b in session.scalars(
        select(Bundle).where(Bundle.profile == "aggregate").order_by(Bundle.opened_at.desc())
    ):
        doc = json.loads(b.aggregate or "{}")
        measures: dict[str, list[dict[str, Any]]] = {}
        for cell in doc.get("cellen") or []:
            if isinstance(cell, dict):
                measures.setdefault(str(cell.get("maat", "")), []).append(cell)
        out.append(
            AggregateTable(
                b.bundle_id,
                b.organisation,
                b.period,
                int(doc.get("drempel") or 0),
                str(doc.get("niveau") or ""),
                measures,
            )
        )
    return out


# ---- feedback ---------------------------------------------------------------------------
def record_feedback(
    session: Session, key: RefKey, status: FeedbackStatus, day: date, note: str = ""
) -> None:
    """A status with its date and note; checked as a reply item is (reason when declined,
    one plain line, no BSN, not in the future)."""
    sender, kenmerk = key
    ref = session.get(Referral, key)
    if ref is None:
        raise NotFoundError(NO_SUCH_REFERRAL, kenmerk=kenmerk)
    clean = note.strip()
    rp.check_item(rp.ReplyItem(kenmerk, status, day, clean), local_today(session.info["clock"]))
    session.add(
        Feedback(
            sender_key_id=sender,
            kenmerk=kenmerk,
            status=status.value,
            day=day,
            note=clean,
            recorded_at=utc_naive(session.info["clock"].now()),
            reply_id=None,
        )
    )
    if status in ENDING:
        ref.closed_on = day
    elif not ref.final:
        ref.closed_on = None
    session.flush()


@dataclass(frozen=True, slots=True)
class PendingReply:
    """Feedback not yet sent, for the newest bundle that carried those referrals."""

    bundle_id: str
    organisation: str
    period: str
    sequence: int
    kenmerken: tuple[str, ...]


def pending_replies(session: Session) -> list[PendingReply]:
    unsent = {
        (fb.sender_key_id, fb.kenmerk)
        for fb in session.scalars(select(Feedback).where(Feedback.reply_id.is_(None)))
    }
    by_bundle: dict[str, list[str]] = {}
    for key in unsent:
        ref = session.get(Referral, key)
        if ref is not None:
            by_bundle.setdefault(ref.last_bundle_id, []).append(ref.kenmerk)
    out = []
    for bundle_id, kenmerken in by_bundle.items():
        b = session.get_one(Bundle, bundle_id)
        out.append(
            PendingReply(bundle_id, b.organisation, b.period, b.sequence, tuple(sorted(kenmerken)))
        )
    return sorted(out, key=lambda p: (p.organisation, p.period, p.sequence))


def _slug(text: str, limit: int = 40) -> str:
    """Letters, digits and dashes only: a part of a file name, whatever the sender wrote."""
    out = "".join(c if c.isascii() and c.isalnum() else "-" for c in text.lower())
    return "-".join(p for p in out.split("-") if p)[:limit].strip("-")


def reply_file_name(pending: PendingReply) -> str:
    """``terugkoppeling-<corporation>-<period>-<number>.age``: one name per bundle
    answered, safe as a file name (the period is the sender's text)."""
    parts = [_slug(pending.organisation), _slug(pending.period, 20), str(pending.sequence)]
    return "-".join(["terugkoppeling", *(p for p in parts if p)]) + ".age"


def free_path(folder: Path, name: str) -> Path:
    """``folder/name``, or ``name`` with ``-2``, ``-3``… when that file exists."""
    path = folder / name
    stem, suffix = path.stem, path.suffix
    number = 2
    while path.exists():
        path = folder / f"{stem}-{number}{suffix}"
        number += 1
    return path


def _opened(session: Session, bundle_id: str, kenmerken: Sequence[str]) -> OpenedBundle:
    """The bundle as :func:`reply.make_replies` needs it: its signed manifest, and the
    kenmerken it carried (the rest of its data stays in the store's tables)."""
    b = session.get_one(Bundle, bundle_id)
    carried = list(session.scalars(select(Sighting.kenmerk).where(Sighting.bundle_id == bundle_id)))
    data = {"households": [{"referrals": [{"reference": k} for k in carried]}]}
    return OpenedBundle(
        manifest=json.loads(b.manifest),
        manifest_bytes=b.manifest,
        signature=b"",
        members={fmt.DATA: json.dumps(data).encode()},
        trusted_organisation=b.organisation,
    )


@dataclass(frozen=True, slots=True)
class ReplyWritten:
    #: The files written, in order: one, or more when the feedback is larger than one
    #: reply may be (``bundles/reply.py``, :func:`~waakvlam_desktop.bundles.reply.make_replies`).
    paths: tuple[str, ...]
    organisation: str
    items: int


def write_reply(
    session: Session, bundle_id: str, path: Path, now: datetime | None = None
) -> ReplyWritten:
    """ "Terugkoppeling maken": the newest unsent status of each referral the bundle
    carried, signed and encrypted by ``bundles/reply.py``, in one file at ``path``; when
    they are more than one reply may hold, in more files beside it (``-deel-2``,
    ``-deel-3``…). The feedback counts as sent only once every file is written: the
    statuses are marked in this transaction before the files are written, and when one
    cannot be written the ones written for it are removed and the transaction rolls
    back. (Should the store's commit itself fail after the files are written, the files
    stay and the statuses wait: a second reply with the same statuses changes nothing in
    the vault.)"""
    pending = next((p for p in pending_replies(session) if p.bundle_id == bundle_id), None)
    if pending is None:
        raise UsageError(NOTHING_TO_REPLY)
    sender = session.get_one(Bundle, bundle_id).sender_key_id
    unsent = (
        Feedback.reply_id.is_(None),
        Feedback.sender_key_id == sender,
        Feedback.kenmerk.in_(pending.kenmerken),
    )
    latest: dict[str, Feedback] = {}
    for fb in session.scalars(select(Feedback).where(*unsent).order_by(Feedback.day, Feedback.id)):
        latest[fb.kenmerk] = fb
    items = [
        rp.ReplyItem(k, FeedbackStatus(fb.status), fb.day, fb.note) for k, fb in latest.items()
    ]
    moment = now or session.info["clock"].now().astimezone(UTC)
    parts = rp.make_replies(
        _opened(session, bundle_id, pending.kenmerken), signing_key(session), items, now=moment
    )
    reply_of = {
        item.kenmerk: str(manifest["reply_id"]) for _data, manifest, part in parts for item in part
    }
    for fb in session.scalars(select(Feedback).where(*unsent)):
        fb.reply_id = reply_of[fb.kenmerk]
    session.flush()
    written: list[Path] = []
    for number, (data, _manifest, _items) in enumerate(parts, start=1):
        name = f"{path.stem}-deel-{number}{path.suffix}"
        target = path if number == 1 else free_path(path.parent, name)
        try:
            written.append(write_atomic(target, data))
        except OSError as exc:
            if not isinstance(exc, FileExistsError):
                written.append(target)  # renamed into place before a failed folder sync
            for done in written:
                done.unlink(missing_ok=True)
            raise UsageError(REPLY_NOT_WRITTEN, path=target) from exc
    return ReplyWritten(tuple(str(p) for p in written), pending.organisation, len(items))


# ---- retention --------------------------------------------------------------------------
def retention_days(session: Session) -> int:
    row = session.get(Setting, RETENTION_SETTING)
    try:
        return int(row.value) if row else DEFAULT_RETENTION_DAYS
    except ValueError:
        return DEFAULT_RETENTION_DAYS


def set_retention_days(session: Session, days: int) -> None:
    if not MIN_RETENTION_DAYS <= days <= MAX_RETENTION_DAYS:
        raise ValidationError(
            BAD_RETENTION, field="retention", low=MIN_RETENTION_DAYS, high=MAX_RETENTION_DAYS
        )
    row = session.get(Setting, RETENTION_SETTING)
    if row is None:
        session.add(Setting(key=RETENTION_SETTING, value=str(days)))
    else:
        row.value = str(days)
    session.flush()


def apply_retention(session: Session, today: date | None = None) -> int:
    """Delete the referrals closed more than the retention period ago (with their letters,
    feedback and history), then the households left without one, and drop the agenda PDF
    of a meeting bundle whose meeting day is that long ago (the bundle's row stays: no
    personal data, and the bundle list and replay checks name it). Runs at every unlock."""
    day = today or local_today(session.info["clock"])
    cutoff = day - timedelta(days=retention_days(session))
    expired: dict[str, list[str]] = {}
    for sender, kenmerk in session.execute(
        select(Referral.sender_key_id, Referral.kenmerk).where(
            Referral.closed_on.is_not(None), Referral.closed_on <= cutoff
        )
    ).all():
        expired.setdefault(sender, []).append(kenmerk)
    removed = sum(_forget_referrals(session, s, k) for s, k in expired.items())
    _forget_orphan_households(session)
    for b in session.scalars(
        select(Bundle).where(Bundle.profile == MEETING_PROFILE, Bundle.summary_pdf != b"")
    ):
        if meeting_day(b) <= cutoff:
            b.summary_pdf = b""
    session.flush()
    return removed


def meeting_day(bundle: Bundle) -> date:
    """The day of a meeting bundle's case conference: its period (``label`` = the day,
    ``docs/bundle-format.md``), or the day it was opened when that is not a date."""
    return _day(bundle.period) or bundle.opened_at.date()


def _blank_agendas(session: Session, req: ErasureRequest) -> None:
    """Drop the agenda PDF of every meeting bundle of the request's sender that was held
    before the request: opened into the store before the request's bundle, or numbered
    by the sender no later than it (an agenda takes the number of the partner's
    next export). An agenda cannot be cut, and it may name the household."""
    asked = session.get_one(Bundle, req.bundle_id)
    for b in session.scalars(
        select(Bundle).where(
            Bundle.sender_key_id == req.sender_key_id,
            Bundle.profile == MEETING_PROFILE,
            Bundle.summary_pdf != b"",
        )
    ):
        if b.opened_at < asked.opened_at or b.sequence <= asked.sequence:
            b.summary_pdf = b""


# ---- export (on explicit choice only: the file is not encrypted) -------------------------
REFERRAL_COLUMNS = (
    "kenmerk",
    "organisatie",
    "huishouden",
    "adres",
    "bewoners",
    "reden",
    "signalen",
    "status",
    "datum",
    "notitie",
    "terugkoppeling_voor",
)


def export_tables(session: Session) -> dict[str, Table]:
    rows = [
        [
            r.kenmerk,
            r.organisation,
            r.household,
            r.address,
            ", ".join(r.residents),
            r.reason,
            ", ".join(s.label for s in r.signals),
            r.status.value if r.status else "",
            r.status_day.isoformat() if r.status_day else "",
            r.note,
            r.feedback_due.isoformat() if r.feedback_due else "",
        ]
        for r in referrals(session)
    ]
    return {"referrals": (REFERRAL_COLUMNS, rows)}


def write_export(session: Session, path: Path, kind: str) -> int:
    """Write the referral list to ``path`` as ``csv`` or ``xlsx``; never overwrites."""
    tables = export_tables(session)
    if kind == "csv":
        header, rows = tables["referrals"]
        body = excel_csv(header, rows).encode("utf-8")
    else:
        body = workbook_bytes(tables, created=session.info["clock"].now())
    try:
        write_atomic(path, body)
    except OSError as exc:
        raise UsageError(EXPORT_NOT_WRITTEN, path=path) from exc
    return len(tables["referrals"][1])

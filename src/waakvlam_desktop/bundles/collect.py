"""What goes into a bundle, per data profile. SQLAlchemy Core selects, no ORM loads.

Each collector returns a :class:`Content`: the ``data.json`` document, the CSV tables, the
letters and the counts. Nothing here writes anywhere.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field, replace
from datetime import date, datetime
from typing import Any

from sqlalchemy import String, Table, Text, func, literal_column, select
from sqlalchemy.orm import Session

from waakvlam_desktop.clock import local_today, utc_text
from waakvlam_desktop.domain import tombstones
from waakvlam_desktop.domain.consent import (
    CLOSED,
    ERASED,
    erased_households,
    grondslag_report,
    household_pseudonym,
)
from waakvlam_desktop.domain.disclosure import Disclosure, load_disclosure
from waakvlam_desktop.domain.exports import Period, period_bounds_utc, period_months
from waakvlam_desktop.domain.spreadsheet_csv import FORMULA_STARTS, LEADING_BLANKS
from waakvlam_desktop.domain.types import ConcernLevel, DataProfile, PartnerType, ReferralStatus
from waakvlam_desktop.storage.batches import chunks
from waakvlam_desktop.storage.ids import RecordId, id_hex_sql, id_text_sql
from waakvlam_desktop.storage.models import (
    Address,
    AnonymisedLevels,
    AnonymisedSigns,
    AnonymisedVisits,
    ChecklistDomain,
    ChecklistItem,
    ChecklistTemplate,
    Complex,
    ConcernLevelEntry,
    ErasureRequest,
    ExportRecord,
    ExportReferral,
    FollowUp,
    Household,
    Partner,
    Referral,
    ReferralResident,
    ReferralSignal,
    ReferralStatusEvent,
    Resident,
    SignalObservation,
    StaffMember,
    Visit,
    VisitResident,
)

CancelCheck = Callable[[], None]

NO_COMPLEX = "(geen complex)"
NO_WIJK = "(onbekende wijk)"


@dataclass(slots=True)
class Content:
    profile: DataProfile
    data: dict[str, Any]
    tables: dict[str, tuple[list[str], list[Sequence[Any]]]]
    letters: dict[str, bytes] = field(default_factory=dict)
    counts: dict[str, int] = field(default_factory=dict)
    exclusions: dict[str, int] = field(default_factory=dict)
    serialised: list[SerialisedTable] = field(default_factory=list)  # handover only
    # Case only: what the export record keeps (household ids, referral id -> status carried,
    # the erasure requests that now go out).
    carried_households: list[str] = field(default_factory=list)
    carried_referrals: dict[str, str] = field(default_factory=dict)
    erasure_ids: list[str] = field(default_factory=list)


def pseudonym(secret: bytes, household_id: str) -> str:
    """HMAC-SHA256(partner secret, household UUID) as hex: stable per partner, differs between."""
    return household_pseudonym(secret, household_id)


def _iso(moment: datetime | None) -> str | None:
    return None if moment is None else utc_text(moment)


def _day(value: date | None) -> str | None:
    return None if value is None else value.isoformat()


def _noop() -> None:
    return None


# ---- case ----------------------------------------------------------------------------------
FINAL_STATUSES = frozenset({ReferralStatus.AFGESLOTEN.value, ReferralStatus.GEANNULEERD.value})
ERASURE_COLUMNS = ["pseudoniem", "kenmerk", "datum", "reden"]


@dataclass(slots=True)
class _Case:
    """What one case bundle will carry, decided before anything is read in detail."""

    referrals: dict[str, str] = field(default_factory=dict)  # referral id -> status carried
    households: set[str] = field(default_factory=set)
    exclusions: Counter[str] = field(default_factory=Counter)


def _delivered(session: Session, partner_id: str) -> dict[str, set[str]]:
    """Per referral: the statuses earlier bundles to this partner carried it with."""
    out: dict[str, set[str]] = {}
    for rid, status in session.execute(
        select(ExportReferral.referral_id, ExportReferral.status)
        .join(ExportRecord, ExportRecord.id == ExportReferral.export_id)
        .where(ExportRecord.partner_id == partner_id)
    ):
        out.setdefault(rid, set()).add(status)
    return out


def _choose_case(session: Session, partner: Partner, period: Period, today: date) -> _Case:
    """Open referrals with a grondslag judged today; a closed or cancelled one once more, as
    its final row, when this partner had it before; nothing of an anonymised household."""
    report = grondslag_report(session, partner.id, period.end, judged_on=today)
    loose = grondslag_report(session, partner.id, period.end, judged_on=today, ignore_status=True)
    erased = erased_households(session, partner.id)
    delivered = _delivered(session, partner.id)
    chosen = _Case()
    seen: set[str] = set()
    for rid, hid, status, created in session.execute(
        select(Referral.id, Referral.household_id, Referral.status, Referral.created_at).where(
            Referral.partner_id == partner.id
        )
    ):
        if created.date() > period.end:
            continue
        seen.add(hid)
        if hid in erased:
            continue
        if status in FINAL_STATUSES:
            before = delivered.get(rid, set())
            if rid in loose.valid_referrals and before and status not in before:
                chosen.referrals[rid] = status
                chosen.households.add(hid)
        elif rid in report.valid_referrals:
            chosen.referrals[rid] = status
            chosen.households.add(hid)
    chosen.exclusions.update(
        r for hid, r in report.reasons.items() if hid not in chosen.households and hid not in erased
    )
    for hid in seen - chosen.households:
        if hid in erased:
            chosen.exclusions[ERASED] += 1
        elif hid in report.valid:
            chosen.exclusions[CLOSED] += 1  # every referral to this partner has ended
    return chosen


def _pending_erasures(session: Session, partner_id: str) -> list[ErasureRequest]:
    return list(
        session.scalars(
            select(ErasureRequest)
            .where(ErasureRequest.partner_id == partner_id, ErasureRequest.export_id.is_(None))
            .order_by(ErasureRequest.requested_on, ErasureRequest.pseudonym)
        )
    )


def _pick(row: dict[str, Any], columns: list[str]) -> list[Any]:
    return [row[c] for c in columns]


def collect_case(
    session: Session,
    partner: Partner,
    period: Period,
    check: CancelCheck = _noop,
    today: date | None = None,
) -> Content:
    """A case bundle, as ``resources/disclosure/disclosure.json`` allows for this partner.

    Only the residents the referrals concern ("betrokken bewoners"), a phone number only
    where the resident agreed to be phoned, the concern level only where the spec says so,
    consent judged on ``today`` (the day of export), and the erasure requests waiting for
    this partner.
    """
    today = today or local_today(session.info["clock"])
    spec = load_disclosure()
    profile, ptype = DataProfile.CASE, partner.type
    share_level = spec.shares(profile, ptype, "households", "zorgniveau")
    share_history = spec.shares(profile, ptype, "referrals", "statusgeschiedenis")
    chosen = _choose_case(session, partner, period, today)
    secret = partner.pseudonym_secret
    households: dict[str, dict[str, Any]] = {}
    h_full: dict[str, dict[str, Any]] = {}
    for batch in chunks(sorted(chosen.households)):
        check()
        rows = session.execute(
            select(
                Household.id,
                Household.label,
                Household.concern_level,
                Address.street,
                Address.number,
                Address.addition,
                Address.postcode,
                Address.city,
                Address.wijk,
                Complex.name,
            )
            .join(Address, Address.id == Household.address_id)
            .outerjoin(Complex, Complex.id == Address.complex_id)
            .where(Household.id.in_(batch))
        ).all()
        for hid, label, level, street, number, addition, postcode, city, wijk, cname in rows:
            code = pseudonym(secret, hid)
            h_full[hid] = {
                "pseudoniem": code,
                "huishouden": label,
                "straat": street,
                "huisnummer": number,
                "toevoeging": addition,
                "postcode": postcode,
                "plaats": city,
                "wijk": wijk,
                "complex": cname or "",
                "zorgniveau": level,
            }
            doc: dict[str, Any] = {"pseudonym": code}
            if spec.shares(profile, ptype, "households", "huishouden"):
                doc["label"] = label
            if spec.shares(profile, ptype, "households", "adres"):
                doc["address"] = {
                    "street": street,
                    "number": number,
                    "addition": addition,
                    "postcode": postcode,
                    "city": city,
                }
            if spec.shares(profile, ptype, "households", "wijk"):
                doc["wijk"] = wijk
                doc["complex"] = cname
            if share_level:
                doc["concern_level"] = level
            doc["residents"] = []
            doc["referrals"] = []
            households[hid] = doc
    referrals, letters, concerned, may_call = _case_referrals(
        session, sorted(chosen.referrals), chosen.referrals, share_history, check
    )
    residents = _case_residents(session, concerned, may_call, spec, ptype, households, h_full)
    for hid, ref in referrals.values():
        households[hid]["referrals"].append(ref)
    ordered_ids = sorted(households, key=lambda h: households[h]["pseudonym"])
    ordered = [households[h] for h in ordered_ids]
    erasures = _pending_erasures(session, partner.id)
    return _case_content(
        spec, ptype, ordered_ids, ordered, h_full, residents, referrals, letters, erasures, chosen
    )


def _case_referrals(
    session: Session,
    ids: list[str],
    carried: dict[str, str],
    share_history: bool,
    check: CancelCheck,
) -> tuple[dict[str, tuple[str, dict[str, Any]]], dict[str, bytes], dict[str, set[str]], set[str]]:
    """The chosen referrals (ordered by creation), their letters, concerned residents per
    referral and the residents who may be phoned."""
    referrals: dict[str, tuple[str, dict[str, Any]]] = {}
    letters: dict[str, bytes] = {}
    concerned: dict[str, set[str]] = {}
    may_call: set[str] = set()
    callers: set[str] = set()
    for batch in chunks(ids):
        check()
        for row in session.execute(
            select(
                Referral.id,
                Referral.household_id,
                Referral.reference,
                Referral.created_at,
                Referral.reason,
                Referral.letter_context,
                Referral.grondslag,
                Referral.consent_form,
                Referral.consent_date,
                Referral.basis_text,
                Referral.feedback_due,
                Referral.letter_pdf,
                Referral.consent_may_call,
            )
            .where(Referral.id.in_(batch))
            .order_by(Referral.created_at)
        ):
            letter_name = None
            if row.letter_pdf:
                letter_name = f"letters/{row.reference}.pdf"
                letters[row.reference] = row.letter_pdf
            if row.consent_may_call:
                callers.add(row.id)
            referrals[row.id] = (
                row.household_id,
                {
                    "reference": row.reference,
                    "status": carried[row.id],
                    "final": carried[row.id] in FINAL_STATUSES,
                    "created_at": _iso(row.created_at),
                    "reason": row.reason,
                    "letter_context": row.letter_context,
                    "grondslag": row.grondslag,
                    "consent_form": row.consent_form,
                    "consent_date": _day(row.consent_date),
                    "basis_text": row.basis_text,
                    "feedback_due": _day(row.feedback_due),
                    "letter": letter_name,
                    "signals": [],
                    "status_history": [],
                },
            )
        for rid, resident_id in session.execute(
            select(ReferralResident.referral_id, ReferralResident.resident_id).where(
                ReferralResident.referral_id.in_(batch)
            )
        ):
            concerned.setdefault(rid, set()).add(resident_id)
            if rid in callers:
                may_call.add(resident_id)
        for rid, code, domain, label, severity, observed in session.execute(
            select(
                ReferralSignal.referral_id,
                ChecklistItem.code,
                ChecklistItem.domain,
                ChecklistItem.label_nl,
                SignalObservation.severity,
                Visit.visited_at,
            )
            .join(SignalObservation, SignalObservation.id == ReferralSignal.observation_id)
            .join(ChecklistItem, ChecklistItem.id == SignalObservation.item_id)
            .join(Visit, Visit.id == SignalObservation.visit_id)
            .where(ReferralSignal.referral_id.in_(batch))
            .order_by(ChecklistItem.position)
        ):
            referrals[rid][1]["signals"].append(
                {
                    "code": code,
                    "domain": domain,
                    "label_nl": label,
                    "severity": severity,
                    "observed_on": _day(observed.date()),
                }
            )
        if not share_history:
            continue
        for rid, from_status, to_status, at in session.execute(
            select(
                ReferralStatusEvent.referral_id,
                ReferralStatusEvent.from_status,
                ReferralStatusEvent.to_status,
                ReferralStatusEvent.at,
            )
            .where(ReferralStatusEvent.referral_id.in_(batch))
            .order_by(ReferralStatusEvent.at)
        ):
            referrals[rid][1]["status_history"].append(
                {"from": from_status, "to": to_status, "at": _iso(at)}
            )
    if not share_history:
        for _hid, ref in referrals.values():
            del ref["status_history"]
    return referrals, letters, concerned, may_call


def _case_residents(
    session: Session,
    concerned: dict[str, set[str]],
    may_call: set[str],
    spec: Disclosure,
    ptype: str,
    households: dict[str, dict[str, Any]],
    h_full: dict[str, dict[str, Any]],
) -> list[dict[str, Any]]:
    """Only the residents the referrals concern; a phone number only with consent to call."""
    wanted = sorted(set().union(*concerned.values())) if concerned else []
    share_year = spec.shares(DataProfile.CASE, ptype, "residents", "geboortejaar")
    share_phone = spec.shares(DataProfile.CASE, ptype, "residents", "telefoon")
    rows: list[dict[str, Any]] = []
    for batch in chunks(wanted):
        for rid, hid, name, birth_year, phone in session.execute(
            select(
                Resident.id,
                Resident.household_id,
                Resident.name,
                Resident.birth_year,
                Resident.phone,
            )
            .where(Resident.id.in_(batch))
            .order_by(Resident.name)
        ):
            if hid not in households:
                continue
            doc: dict[str, Any] = {"name": name}
            if share_year:
                doc["birth_year"] = birth_year
            callable_ = share_phone and rid in may_call and bool(phone)
            if callable_:
                doc["phone"] = phone
            households[hid]["residents"].append(doc)
            rows.append(
                {
                    "pseudoniem": h_full[hid]["pseudoniem"],
                    "naam": name,
                    "geboortejaar": birth_year or "",
                    "telefoon": phone if callable_ else "",
                    "_call": callable_,
                }
            )
    for doc in households.values():
        doc["residents"].sort(key=lambda r: r["name"])
    rows.sort(key=lambda r: (r["pseudoniem"], r["naam"]))
    return rows


def _case_content(
    spec: Disclosure,
    ptype: str,
    ordered_ids: list[str],
    ordered: list[dict[str, Any]],
    h_full: dict[str, dict[str, Any]],
    residents: list[dict[str, Any]],
    referrals: dict[str, tuple[str, dict[str, Any]]],
    letters: dict[str, bytes],
    erasures: list[ErasureRequest],
    chosen: _Case,
) -> Content:
    profile = DataProfile.CASE
    h_cols = spec.columns(profile, ptype, "households")
    anyone_callable = any(r["_call"] for r in residents)
    r_cols = spec.columns(profile, ptype, "residents", may_call=anyone_callable)
    ref_cols = spec.columns(profile, ptype, "referrals")
    sig_cols = spec.columns(profile, ptype, "referral_signals")
    h_rows: list[Sequence[Any]] = [_pick(h_full[hid], h_cols) for hid in ordered_ids]
    r_rows: list[Sequence[Any]] = [_pick(r, r_cols) for r in residents]
    ref_rows: list[Sequence[Any]] = []
    sig_rows: list[Sequence[Any]] = []
    for h in ordered:
        for ref in h["referrals"]:
            full = {
                "pseudoniem": h["pseudonym"],
                "kenmerk": ref["reference"],
                "status": ref["status"],
                "aangemaakt": ref["created_at"],
                "reden": ref["reason"],
                "context": ref["letter_context"],
                "grondslag": ref["grondslag"],
                "toestemming_vorm": ref["consent_form"] or "",
                "toestemming_datum": ref["consent_date"] or "",
                "andere_grondslag": ref["basis_text"],
                "terugkoppeling_voor": ref["feedback_due"] or "",
                "brief": ref["letter"] or "",
            }
            ref_rows.append(_pick(full, ref_cols))
            for sg in ref["signals"]:
                sig = {
                    "kenmerk": ref["reference"],
                    "code": sg["code"],
                    "domein": sg["domain"],
                    "signaal": sg["label_nl"],
                    "ernst": sg["severity"],
                    "waargenomen_op": sg["observed_on"],
                }
                sig_rows.append(_pick(sig, sig_cols))
    erasure_docs = [
        {
            "pseudonym": e.pseudonym,
            "references": [r for r in e.kenmerken.split(",") if r],
            "requested_on": e.requested_on.isoformat(),
            "reason": e.reason,
        }
        for e in erasures
    ]
    erasure_rows: list[Sequence[Any]] = [
        [d["pseudonym"], ", ".join(d["references"]), d["requested_on"], d["reason"]]
        for d in erasure_docs
    ]
    tables: dict[str, tuple[list[str], list[Sequence[Any]]]] = {
        # First, so a partner sees them before anything else.
        "verwijderverzoeken": (ERASURE_COLUMNS, erasure_rows),
        "households": (h_cols, h_rows),
        "residents": (r_cols, r_rows),
        "referrals": (ref_cols, ref_rows),
        "referral_signals": (sig_cols, sig_rows),
    }
    final = sum(1 for _hid, ref in referrals.values() if ref["final"])
    return Content(
        profile=profile,
        data={"erasure_requests": erasure_docs, "households": ordered},
        tables=tables,
        letters=letters,
        counts={
            "households": len(ordered),
            "residents": len(r_rows),
            "referrals": len(ref_rows),
            "final_referrals": final,
            "signals": len(sig_rows),
            "letters": len(letters),
            "erasure_requests": len(erasure_docs),
        },
        exclusions=dict(sorted(chosen.exclusions.items())),
        carried_households=ordered_ids,
        carried_referrals=dict(chosen.referrals),
        erasure_ids=[e.id for e in erasures],
    )


# ---- aggregate -----------------------------------------------------------------------------
# Codes and headers of the aggregate table (docs/bundle-format.md, "aggregate"). Every count
# is a number of distinct households, never of visits or signals.
AREA_LEVELS = ("wijk", "complex")
NO_COMPLEX_AREA = "(geen complex)"
M_HOUSEHOLDS = "huishoudens"  # known at the end of the period, per zorgniveau and in total
M_VISITED = "bezocht"  # visited in the period
M_SIGNAL = "signaal_in_domein"  # a signal in this domain noted in the period
M_REFERRED = "doorverwezen_naar"  # referred in the period to this kind of partner
TOTAL = "totaal"
ALL = "alle"
AGGREGATE_HEADER = [
    "niveau",
    "gebied",
    "wijk",
    "maat",
    "categorie",
    "huishoudens",
    "onderdrukt",
]


@dataclass(frozen=True, slots=True)
class AggregateCell:
    area: str
    wijk: str
    measure: str
    category: str
    households: int
    suppressed: bool = False


def _area_of(
    level: str, complex_id: str | None, complex_name: str | None, wijk: str
) -> tuple[str, str]:
    """(key, name) of a household's area at this level."""
    if level == "wijk":
        return wijk, wijk
    if complex_id is None:
        return f"rest:{wijk}", NO_COMPLEX_AREA
    return f"complex:{complex_id}", complex_name or complex_id


def protect(rows: list[list[AggregateCell]], min_cell: int) -> list[list[AggregateCell]]:
    """Primary and complementary suppression, row by row (docs/bundle-format.md).

    Each row is either one cell (a measure without a total: bezocht, signaal_in_domein,
    doorverwezen_naar) or a level row whose first cell is the total and the rest add up to
    it. Primary: a cell counting 1 to ``min_cell - 1`` households. Complementary, in a level
    row with a published total: further cells, smallest first, until at least two are
    suppressed and together they hold at least ``min_cell`` households, so each lies
    anywhere between 0 and that sum. A level row whose total is small is suppressed whole.
    """

    def small(c: AggregateCell) -> bool:
        return 0 < c.households < min_cell

    out: list[list[AggregateCell]] = []
    for row in rows:
        if len(row) == 1:
            out.append([replace(row[0], suppressed=small(row[0]))])
            continue
        total, parts = row[0], row[1:]
        if small(total):
            out.append(
                [replace(total, suppressed=True)]
                + [replace(c, suppressed=c.households > 0) for c in parts]
            )
            continue
        hidden = {i for i, c in enumerate(parts) if small(c)}
        if hidden:
            candidates = sorted(
                (i for i, c in enumerate(parts) if i not in hidden and c.households > 0),
                key=lambda i: (parts[i].households, i),
            )
            while len(hidden) < 2 or sum(parts[i].households for i in hidden) < min_cell:
                hidden.add(candidates.pop(0))  # the parts add up to a total >= min_cell
        out.append([total] + [replace(c, suppressed=i in hidden) for i, c in enumerate(parts)])
    return out


def _aggregate_row(level: str, c: AggregateCell) -> dict[str, Any]:
    """One cell as a CSV row: a suppressed count is empty and marked, never text."""
    return {
        "niveau": level,
        "gebied": c.area,
        "wijk": c.wijk,
        "maat": c.measure,
        "categorie": c.category,
        "huishoudens": "" if c.suppressed else c.households,
        "onderdrukt": "ja" if c.suppressed else "nee",
    }


def collect_aggregate(
    session: Session,
    partner: Partner,
    period: Period,
    min_cell: int,
    check: CancelCheck = _noop,
    level: str = "wijk",
) -> Content:
    """Counts of distinct households per area (one hierarchy level), protected together.

    The table's columns are those ``resources/disclosure/disclosure.json`` names for
    aggregate partners (the same header, ``AGGREGATE_HEADER``, unless an organisation
    adapted the file)."""
    if level not in AREA_LEVELS:
        raise ValueError(level)
    columns = load_disclosure().columns(DataProfile.AGGREGATE, partner.type, "aantallen")
    start, end = period_bounds_utc(period)
    area_of: dict[str, str] = {}  # household -> area key
    areas: dict[str, tuple[str, str]] = {}  # area key -> (name, wijk)
    known: set[str] = set()  # in the vault by the end of the period
    codes: dict[str, str] = {}
    for hid, cid, cname, ccode, a_wijk, c_wijk, created in session.execute(
        select(
            Household.id,
            Complex.id,
            Complex.name,
            Complex.code,
            Address.wijk,
            Complex.wijk,
            Household.created_at,
        )
        .join(Address, Address.id == Household.address_id)
        .outerjoin(Complex, Complex.id == Address.complex_id)
    ):
        wijk = a_wijk or c_wijk or NO_WIJK
        key, name = _area_of(level, cid, cname, wijk)
        area_of[hid] = key
        areas.setdefault(key, (name, wijk))
        codes[key] = ccode or (cid or "")[:8]
        if created < end:
            known.add(hid)
    # Two complexes of the same name in one wijk: the code tells them apart.
    seen = Counter(areas.values())
    for key, (name, wijk) in list(areas.items()):
        if seen[(name, wijk)] > 1:
            areas[key] = (f"{name} ({codes[key]})", wijk)
    check()
    level_of: dict[str, str] = {}
    for hid, lv in session.execute(
        select(ConcernLevelEntry.household_id, ConcernLevelEntry.level)
        .where(ConcernLevelEntry.set_at < end)
        # Two entries at one moment: the later written counts (as retention reads them).
        .order_by(ConcernLevelEntry.set_at, literal_column("concern_level_entry.rowid"))
    ):
        level_of[hid] = lv
    first, last = period_months(period)
    # An anonymised household's level at the end of each month it changed (0022).
    for hid, lv in session.execute(
        select(AnonymisedLevels.household_id, AnonymisedLevels.level)
        .where(AnonymisedLevels.month <= last)
        .order_by(AnonymisedLevels.month)
    ):
        level_of[hid] = lv
    visited = set(
        session.scalars(
            select(Visit.household_id)
            .where(Visit.visited_at >= start, Visit.visited_at < end)
            .distinct()
        )
    )
    # Anonymised households' visits and signs are counts per month (0022): the period's
    # months hold exactly the visits between its bounds.
    visited.update(
        session.scalars(
            select(AnonymisedVisits.household_id).where(AnonymisedVisits.month.between(first, last))
        )
    )
    check()
    with_signal = set(
        session.execute(
            select(SignalObservation.household_id, ChecklistItem.domain)
            .join(Visit, Visit.id == SignalObservation.visit_id)
            .join(ChecklistItem, ChecklistItem.id == SignalObservation.item_id)
            .where(Visit.visited_at >= start, Visit.visited_at < end)
            .distinct()
        ).all()
    )
    with_signal.update(
        session.execute(
            select(AnonymisedSigns.household_id, AnonymisedSigns.domain).where(
                AnonymisedSigns.month.between(first, last)
            )
        ).all()
    )
    referred = set(
        session.execute(
            select(Referral.household_id, Partner.type)
            .join(Partner, Partner.id == Referral.partner_id)
            .where(Referral.created_at >= start, Referral.created_at < end)
            .distinct()
        ).all()
    )
    ever_referred = set(
        session.scalars(select(Referral.household_id).where(Referral.created_at < end).distinct())
    )
    check()
    # Known at the end of the period: in the vault by then, or with a level, a visit or a
    # referral by then (records entered afterwards about earlier visits count too). So every
    # household counted in a flow is also in its area's total.
    ever_visited = set(
        session.scalars(select(Visit.household_id).where(Visit.visited_at < end).distinct())
    )
    ever_visited.update(
        session.scalars(select(AnonymisedVisits.household_id).where(AnonymisedVisits.month <= last))
    )
    known |= set(level_of) | ever_visited | ever_referred
    counts: Counter[tuple[str, str, str]] = Counter()
    for hid in known:
        area = area_of.get(hid)
        if area is None:
            continue
        counts[(area, M_HOUSEHOLDS, TOTAL)] += 1
        counts[(area, M_HOUSEHOLDS, level_of.get(hid, ConcernLevel.GEEN.value))] += 1
    for hid in visited:
        if hid in area_of:
            counts[(area_of[hid], M_VISITED, ALL)] += 1
    for hid, domain in with_signal:
        if hid in area_of:
            counts[(area_of[hid], M_SIGNAL, domain)] += 1
    for hid, ptype in referred:
        if hid in area_of:
            counts[(area_of[hid], M_REFERRED, ptype)] += 1
    domains = list(
        session.scalars(
            select(ChecklistDomain.code)
            .join(ChecklistTemplate, ChecklistTemplate.id == ChecklistDomain.template_id)
            .where(ChecklistTemplate.active)
            .order_by(ChecklistDomain.position)
        )
    )
    ordered = sorted(areas, key=lambda k: (areas[k][1], areas[k][0], k))
    rows: list[list[AggregateCell]] = []
    for key in ordered:
        name, wijk = areas[key]
        level_row = [(M_HOUSEHOLDS, TOTAL)] + [(M_HOUSEHOLDS, lv.value) for lv in ConcernLevel]
        singles = [(M_VISITED, ALL)]
        singles += [(M_SIGNAL, d) for d in domains]
        singles += [(M_REFERRED, t.value) for t in PartnerType]
        rows.append([AggregateCell(name, wijk, m, c, counts[(key, m, c)]) for m, c in level_row])
        rows.extend([AggregateCell(name, wijk, m, c, counts[(key, m, c)])] for m, c in singles)
    cells = [c for row in protect(rows, min_cell) for c in row]
    return Content(
        profile=DataProfile.AGGREGATE,
        data={
            "drempel": min_cell,
            "niveau": level,
            "cellen": [
                {
                    "niveau": level,
                    "gebied": c.area,
                    "wijk": c.wijk,
                    "maat": c.measure,
                    "categorie": c.category,
                    "huishoudens": None if c.suppressed else c.households,
                    "onderdrukt": c.suppressed,
                }
                for c in cells
            ],
        },
        tables={"aantallen": (columns, [_pick(_aggregate_row(level, c), columns) for c in cells])},
        counts={
            "areas": len(areas),
            "cells": len(cells),
            "suppressed_cells": sum(c.suppressed for c in cells),
        },
    )


# ---- handover ------------------------------------------------------------------------------
# Order matters: the importer inserts in this order (foreign keys).
HANDOVER_TABLES: tuple[Table, ...] = tuple(
    m.__table__  # type: ignore[misc]
    for m in (
        StaffMember,
        Complex,
        Address,
        Household,
        Resident,
        Visit,
        VisitResident,
        SignalObservation,
        ConcernLevelEntry,
        FollowUp,
        Partner,
        Referral,
        ReferralSignal,
        ReferralStatusEvent,
    )
)
# What a handover leaves out: anonymised households and all that is left of them (since
# 0023; their tombstone ``anonymised``), and the shared anonymous addresses (number 0).
# What is left of them is months and referrals for this vault's statistics, no case a
# colleague can take over; and their place was settled on this vault's homes
# (``privacy/retention.py`` ``_anonymous_places``), so it might single out one of the
# colleague's. A colleague's older copy of such a household is anonymised by their own
# retention. The conditions are on the row ``t``.
_ANONYMISED = (
    "SELECT entity_id FROM tombstone"
    f" WHERE entity = 'household' AND what = '{tombstones.ANONYMISED}'"
)
_ANONYMOUS_ADDRESS = f"t.street = '{tombstones.ANONYMOUS_STREET}' AND t.number = 0"
_OF_ANONYMISED = f"t.household_id NOT IN ({_ANONYMISED})"
_VISITS_OF_ANONYMISED = f"SELECT id FROM visit WHERE household_id IN ({_ANONYMISED})"
_REFERRALS_OF_ANONYMISED = f"SELECT id FROM referral WHERE household_id IN ({_ANONYMISED})"
HANDOVER_LEAVES_OUT: dict[str, str] = {
    "address": f"NOT ({_ANONYMOUS_ADDRESS})",
    "household": f"t.id NOT IN ({_ANONYMISED})",
    "resident": _OF_ANONYMISED,
    "visit": _OF_ANONYMISED,
    "visit_resident": f"t.visit_id NOT IN ({_VISITS_OF_ANONYMISED})",
    "signal_observation": _OF_ANONYMISED,
    "concern_level_entry": _OF_ANONYMISED,
    "follow_up": _OF_ANONYMISED,
    "referral": _OF_ANONYMISED,
    "referral_signal": f"t.referral_id NOT IN ({_REFERRALS_OF_ANONYMISED})",
    "referral_status_event": f"t.referral_id NOT IN ({_REFERRALS_OF_ANONYMISED})",
}
# signal_observation.visit_month: derived, the importing vault's triggers set it (0020); a
# bundle keeps the columns it had, so handovers between app versions still read.
_SKIP_COLUMNS = {
    ("referral", "letter_pdf"),
    ("signal_observation", "item_id"),
    ("signal_observation", "visit_month"),
}


@dataclass(frozen=True, slots=True)
class HandoverQuery:
    """How one handover table is read: column names, their SQL expressions, the FROM part."""

    columns: list[str]
    exprs: list[str]
    texty: list[bool]  # free-text columns: may need CSV quoting
    from_sql: str

    @property
    def select_sql(self) -> str:
        return f"SELECT {', '.join(self.exprs)}{self.from_sql}"

    def serialise_sql(self, with_csv: bool = True) -> str:
        """One row: the group_concat of JSON arrays and of CSV lines, and the row count.

        SQLite builds both strings in C (json_array escapes like JSON; text fields are always
        quoted and text that a spreadsheet would run as a formula gets the apostrophe, as
        ``domain.spreadsheet_csv`` does), so no Python object per value.
        """
        csv_fields = []
        for raw, texty in zip(self.exprs, self.texty, strict=True):
            if texty:
                expr = _sql_neutralised(raw)
                csv_fields.append(f"'\"' || replace(coalesce({expr}, ''), '\"', '\"\"') || '\"'")
            else:
                csv_fields.append(f"coalesce({raw}, '')")
        json_row = f"json_array({', '.join(self.exprs)})"
        csv_line = " || ';' || ".join(csv_fields)
        csv_sql = (
            f"CAST(group_concat({csv_line}, char(13) || char(10)) AS BLOB)" if with_csv else "NULL"
        )
        return (
            f"SELECT CAST(group_concat({json_row}, ',') AS BLOB), {csv_sql},"
            f" count(*){self.from_sql}"
        )


def _sql_neutralised(expr: str) -> str:
    """SQL for ``spreadsheet_csv.neutralise``: an apostrophe before text a sheet would run."""
    starts = ", ".join(f"char({ord(c)})" if c in "\t\r" else f"'{c}'" for c in FORMULA_STARTS)
    blanks = " || ".join(f"char({ord(c)})" for c in LEADING_BLANKS)
    first = f"substr(ltrim({expr}, {blanks}), 1, 1)"
    return f"(CASE WHEN {first} IN ({starts}) THEN '''' || {expr} ELSE {expr} END)"


def is_id_column(name: str) -> bool:
    """Whether a handover column holds an id (by its name: ``id``, ``…_id``, ``…_by``)."""
    return name == "id" or name.endswith(("_id", "_by"))


def anonymised_to_leave_out(session: Session) -> bool:
    """Whether the vault holds anything :data:`HANDOVER_LEAVES_OUT` names (otherwise the
    handover's queries skip the conditions, which cost a look-up per row)."""
    found = session.connection().exec_driver_sql(
        f"SELECT EXISTS ({_ANONYMISED})"
        f" OR EXISTS (SELECT 1 FROM address t WHERE {_ANONYMOUS_ADDRESS})"
    )
    return bool(found.scalar())


def _where_left_out(table: Table, leave_out: bool) -> str:
    """`` WHERE …`` for the rows of ``table`` a handover leaves out, or nothing."""
    condition = HANDOVER_LEAVES_OUT.get(table.name) if leave_out else None
    return f" WHERE {condition}" if condition else ""


def handover_query(table: Table, dashed_ids: bool = False, leave_out: bool = True) -> HandoverQuery:
    """The columns of one handover table as they travel (names come from the models).

    Each id travels as its 32 hex digits (format 2), or with ``dashed_ids`` as the dashed
    text of format 1. The rows are read through a subquery that turns each id into hex
    once (``storage/ids.py``); its ``LIMIT -1`` (no limit) keeps SQLite from merging it into
    the outer query, which would compute the hex again for each of the five parts of the
    id's dashed text.
    """
    names: list[str] = []
    exprs: list[str] = []
    texty: list[bool] = []
    inner = ["t.*"]
    for col in table.columns:
        if (table.name, col.name) in _SKIP_COLUMNS:
            continue
        names.append(col.name)
        if table.name == "partner" and col.name == "pseudonym_secret":
            exprs.append("lower(hex(t.pseudonym_secret))")
            texty.append(False)
        elif isinstance(col.type, RecordId):  # 16 bytes in the vault, text in the bundle
            inner.append(f"{id_hex_sql(f't.{col.name}')} AS _hex_{col.name}")
            hexed = f"t._hex_{col.name}"
            # An id the vault holds as text is never a canonical UUID (``stored_id``), and
            # no import takes it for one: format 1 writes it as it is, format 2 with a
            # leading "!", so that 32 hex digits held as text are not read as an id.
            exprs.append(
                id_text_sql(f"t.{col.name}", hexed=hexed)
                if dashed_ids
                else f"coalesce({hexed}, '!' || t.{col.name})"
            )
            texty.append(False)
        else:
            exprs.append(f"t.{col.name}")
            texty.append(isinstance(col.type, String | Text) and not is_id_column(col.name))
    join = ""
    if table.name == "signal_observation":
        names.append("item_code")
        inner.append("ci.code AS item_code")
        exprs.append("t.item_code")
        texty.append(True)
        join = " JOIN checklist_item ci ON ci.id = t.item_id"
    where = _where_left_out(table, leave_out)
    from_sql = f" FROM (SELECT {', '.join(inner)} FROM {table.name} t{join}{where} LIMIT -1) t"
    return HandoverQuery(names, exprs, texty, from_sql)


def handover_select(table: Table) -> tuple[list[str], str]:
    """Column names and a plain SELECT of one handover table."""
    query = handover_query(table)
    return query.columns, query.select_sql


def raw_rows(session: Session, sql: str) -> list[Sequence[Any]]:
    """Plain DB-API tuples in the session's transaction (no type processing: fastest)."""
    cursor = session.connection().connection.dbapi_connection.cursor()  # type: ignore[union-attr]
    try:
        cursor.execute(sql)
        return list(cursor.fetchall())
    finally:
        cursor.close()


@dataclass(frozen=True, slots=True)
class SerialisedTable:
    name: str
    columns: list[str]
    rows_json: bytes  # the JSON arrays of every row (UTF-8), comma-separated, no brackets
    csv: bytes | None  # complete CSV file (BOM, header, CRLF lines), when asked for
    count: int


# Handover bundles carry data.json only, no CSV copies: their reader is `bundle import`
# (which never writes plaintext to disk), raw tables with UUIDs are of no use in a
# spreadsheet, and the CSV copies would double the size and the time of export and open
# (docs/bundle-format.md). Set to True to add them; the format allows both.
HANDOVER_CSV = False


def collect_handover(
    session: Session,
    check: CancelCheck = _noop,
    with_csv: bool = HANDOVER_CSV,
    dashed_ids: bool = False,
) -> Content:
    """Everything, serialised by SQLite while it is read (see HandoverQuery.serialise_sql);
    ids as 32 hex digits (format 2), or dashed (format 1) with ``dashed_ids``."""
    serialised: list[SerialisedTable] = []
    leave_out = anonymised_to_leave_out(session)
    for table in HANDOVER_TABLES:
        check()
        query = handover_query(table, dashed_ids, leave_out)
        ((rows_json, csv_body, count),) = raw_rows(session, query.serialise_sql(with_csv))
        # UTF-8 bytes straight from SQLite (CAST AS BLOB): no decode/encode round trip.
        body = None
        if with_csv:
            body = b"\xef\xbb\xbf" + ";".join(query.columns).encode("ascii") + b"\r\n"
            if count:
                body += bytes(csv_body) + b"\r\n"
        serialised.append(
            SerialisedTable(table.name, query.columns, bytes(rows_json or b""), body, int(count))
        )
    letters = {
        ref: pdf
        for ref, pdf in raw_rows(
            session, "SELECT reference, letter_pdf FROM referral WHERE letter_pdf IS NOT NULL"
        )
    }
    counts = {t.name: t.count for t in serialised}
    counts["letters"] = len(letters)
    return Content(
        profile=DataProfile.HANDOVER,
        data={},
        tables={},
        letters=letters,
        counts=counts,
        serialised=serialised,
    )


def handover_counts(session: Session) -> dict[str, int]:
    """The counts of a handover bundle without reading the rows (for the preview)."""
    counts: dict[str, int] = {}
    leave_out = anonymised_to_leave_out(session)
    for table in HANDOVER_TABLES:
        sql = f"SELECT count(*) FROM {table.name} t{_where_left_out(table, leave_out)}"
        counts[table.name] = session.connection().exec_driver_sql(sql).scalar() or 0
    counts["letters"] = (
        session.scalar(select(func.count(Referral.id)).where(Referral.letter_pdf.is_not(None))) or 0
    )
    return counts

"""What goes into a bundle, per data profile. SQLAlchemy Core selects, no ORM loads.

Each collector returns a :class:`Content`: the ``data.json`` document, the CSV tables, the
letters and the counts. Nothing here writes anywhere.
"""

from __future__ import annotations

import hashlib
import hmac
from collections import Counter
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta
from typing import Any

from sqlalchemy import String, Table, Text, func, select
from sqlalchemy.orm import Session

from waakvlam_desktop.clock import utc_text
from waakvlam_desktop.domain.consent import grondslag_report
from waakvlam_desktop.domain.exports import Period
from waakvlam_desktop.domain.spreadsheet_csv import FORMULA_STARTS
from waakvlam_desktop.domain.types import ConcernLevel, DataProfile, PartnerType
from waakvlam_desktop.storage.batches import chunks
from waakvlam_desktop.storage.models import (
    Address,
    ChecklistDomain,
    ChecklistItem,
    ChecklistTemplate,
    Complex,
    ConcernLevelEntry,
    FollowUp,
    Household,
    Partner,
    Referral,
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


def pseudonym(secret: bytes, household_id: str) -> str:
    """HMAC-SHA256(partner secret, household UUID) as hex: stable per partner, differs between."""
    return hmac.new(secret, household_id.encode("utf-8"), hashlib.sha256).hexdigest()


def _iso(moment: datetime | None) -> str | None:
    return None if moment is None else utc_text(moment)


def _day(value: date | None) -> str | None:
    return None if value is None else value.isoformat()


def _period_bounds(period: Period) -> tuple[datetime, datetime]:
    """Stored timestamps are naive UTC; the period is taken as whole UTC days."""
    return datetime.combine(period.start, time()), datetime.combine(
        period.end + timedelta(days=1), time()
    )


def _noop() -> None:
    return None


# ---- case ----------------------------------------------------------------------------------
def collect_case(
    session: Session, partner: Partner, period: Period, check: CancelCheck = _noop
) -> Content:
    report = grondslag_report(session, partner.id, period.end)
    secret = partner.pseudonym_secret
    households: dict[str, dict[str, Any]] = {}
    pseudo: dict[str, str] = {}
    for batch in chunks(sorted(report.valid)):
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
            pseudo[hid] = pseudonym(secret, hid)
            households[hid] = {
                "pseudonym": pseudo[hid],
                "label": label,
                "address": {
                    "street": street,
                    "number": number,
                    "addition": addition,
                    "postcode": postcode,
                    "city": city,
                    "wijk": wijk,
                },
                "complex": cname,
                "concern_level": level,
                "residents": [],
                "referrals": [],
            }
    for batch in chunks(sorted(households)):
        for hid, name, birth_year, phone in session.execute(
            select(Resident.household_id, Resident.name, Resident.birth_year, Resident.phone)
            .where(Resident.household_id.in_(batch))
            .order_by(Resident.name)
        ):
            households[hid]["residents"].append(
                {"name": name, "birth_year": birth_year, "phone": phone}
            )
    referrals: dict[str, dict[str, Any]] = {}
    ref_household: dict[str, str] = {}
    letters: dict[str, bytes] = {}
    for batch in chunks(sorted(report.valid_referrals)):
        check()
        for row in session.execute(
            select(
                Referral.id,
                Referral.household_id,
                Referral.reference,
                Referral.status,
                Referral.created_at,
                Referral.reason,
                Referral.letter_context,
                Referral.grondslag,
                Referral.consent_form,
                Referral.consent_date,
                Referral.basis_text,
                Referral.feedback_due,
                Referral.letter_pdf,
            )
            .where(Referral.id.in_(batch))
            .order_by(Referral.created_at)
        ):
            letter_name = None
            if row.letter_pdf:
                letter_name = f"letters/{row.reference}.pdf"
                letters[row.reference] = row.letter_pdf
            referrals[row.id] = {
                "reference": row.reference,
                "status": row.status,
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
            }
            ref_household[row.id] = row.household_id
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
            referrals[rid]["signals"].append(
                {
                    "code": code,
                    "domain": domain,
                    "label_nl": label,
                    "severity": severity,
                    "observed_on": _day(observed.date()),
                }
            )
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
            referrals[rid]["status_history"].append(
                {"from": from_status, "to": to_status, "at": _iso(at)}
            )
    for rid, ref in referrals.items():
        households[ref_household[rid]]["referrals"].append(ref)
    ordered = sorted(households.values(), key=lambda h: h["pseudonym"])

    h_rows: list[Sequence[Any]] = []
    r_rows: list[Sequence[Any]] = []
    ref_rows: list[Sequence[Any]] = []
    sig_rows: list[Sequence[Any]] = []
    for h in ordered:
        a = h["address"]
        h_rows.append(
            [
                h["pseudonym"],
                h["label"],
                a["street"],
                a["number"],
                a["addition"],
                a["postcode"],
                a["city"],
                a["wijk"],
                h["complex"] or "",
                h["concern_level"],
            ]
        )
        for r in h["residents"]:
            r_rows.append([h["pseudonym"], r["name"], r["birth_year"] or "", r["phone"]])
        for ref in h["referrals"]:
            ref_rows.append(
                [
                    h["pseudonym"],
                    ref["reference"],
                    ref["status"],
                    ref["created_at"],
                    ref["reason"],
                    ref["letter_context"],
                    ref["grondslag"],
                    ref["consent_form"] or "",
                    ref["consent_date"] or "",
                    ref["basis_text"],
                    ref["feedback_due"] or "",
                    ref["letter"] or "",
                ]
            )
            for sg in ref["signals"]:
                sig_rows.append(
                    [
                        ref["reference"],
                        sg["code"],
                        sg["domain"],
                        sg["label_nl"],
                        sg["severity"],
                        sg["observed_on"],
                    ]
                )
    tables: dict[str, tuple[list[str], list[Sequence[Any]]]] = {
        "households": (
            [
                "pseudoniem",
                "huishouden",
                "straat",
                "huisnummer",
                "toevoeging",
                "postcode",
                "plaats",
                "wijk",
                "complex",
                "zorgniveau",
            ],
            h_rows,
        ),
        "residents": (["pseudoniem", "naam", "geboortejaar", "telefoon"], r_rows),
        "referrals": (
            [
                "pseudoniem",
                "kenmerk",
                "status",
                "aangemaakt",
                "reden",
                "context",
                "grondslag",
                "toestemming_vorm",
                "toestemming_datum",
                "andere_grondslag",
                "terugkoppeling_voor",
                "brief",
            ],
            ref_rows,
        ),
        "referral_signals": (
            ["kenmerk", "code", "domein", "signaal", "ernst", "waargenomen_op"],
            sig_rows,
        ),
    }
    return Content(
        profile=DataProfile.CASE,
        data={"households": ordered},
        tables=tables,
        letters=letters,
        counts={
            "households": len(ordered),
            "residents": len(r_rows),
            "referrals": len(ref_rows),
            "signals": len(sig_rows),
            "letters": len(letters),
        },
        exclusions=dict(report.excluded),
    )


# ---- aggregate -----------------------------------------------------------------------------
def collect_aggregate(
    session: Session, partner: Partner, period: Period, min_cell: int, check: CancelCheck = _noop
) -> Content:
    start, end = _period_bounds(period)
    groups: dict[str, tuple[str, str]] = {}
    created_before: set[str] = set()
    for hid, cname, a_wijk, c_wijk, created in session.execute(
        select(Household.id, Complex.name, Address.wijk, Complex.wijk, Household.created_at)
        .join(Address, Address.id == Household.address_id)
        .outerjoin(Complex, Complex.id == Address.complex_id)
    ):
        groups[hid] = (cname or NO_COMPLEX, a_wijk or c_wijk or NO_WIJK)
        if created < end:
            created_before.add(hid)
    check()
    counters: dict[tuple[str, str, str, str], int] = Counter()

    def add(hid: str, measure: str, category: str, n: int) -> None:
        group = groups.get(hid)
        if group is None:
            return
        counters[("complex", group[0], measure, category)] += n
        counters[("wijk", group[1], measure, category)] += n

    for hid, n in session.execute(
        select(Visit.household_id, func.count(Visit.id))
        .where(Visit.visited_at >= start, Visit.visited_at < end)
        .group_by(Visit.household_id)
    ):
        add(hid, "visits", "", n)
    check()
    level_of: dict[str, str] = {}
    for hid, level in session.execute(
        select(ConcernLevelEntry.household_id, ConcernLevelEntry.level)
        .where(ConcernLevelEntry.set_at < end)
        .order_by(ConcernLevelEntry.set_at)
    ):
        level_of[hid] = level
    for hid in groups:
        # Known at the end of the period: in the vault by then, or with a level by then
        # (records entered afterwards about earlier visits count too).
        if hid in created_before or hid in level_of:
            add(hid, "households_per_level", level_of.get(hid, ConcernLevel.GEEN.value), 1)
    check()
    for hid, domain, n in session.execute(
        select(SignalObservation.household_id, ChecklistItem.domain, func.count())
        .join(Visit, Visit.id == SignalObservation.visit_id)
        .join(ChecklistItem, ChecklistItem.id == SignalObservation.item_id)
        .where(Visit.visited_at >= start, Visit.visited_at < end)
        .group_by(SignalObservation.household_id, ChecklistItem.domain)
    ):
        add(hid, "signals_per_domain", domain, n)
    for hid, ptype, n in session.execute(
        select(Referral.household_id, Partner.type, func.count())
        .join(Partner, Partner.id == Referral.partner_id)
        .where(Referral.created_at >= start, Referral.created_at < end)
        .group_by(Referral.household_id, Partner.type)
    ):
        add(hid, "referrals_per_partner_type", ptype, n)
    check()
    domains = list(
        session.scalars(
            select(ChecklistDomain.code)
            .join(ChecklistTemplate, ChecklistTemplate.id == ChecklistDomain.template_id)
            .where(ChecklistTemplate.active)
            .order_by(ChecklistDomain.position)
        )
    )
    categories = {
        "visits": [""],
        "households_per_level": [lv.value for lv in ConcernLevel],
        "signals_per_domain": domains,
        "referrals_per_partner_type": [t.value for t in PartnerType],
    }
    suppressed_text = f"<{min_cell}"
    cells: list[dict[str, Any]] = []
    rows: list[Sequence[Any]] = []
    suppressed = 0
    for scope, names in (
        ("complex", sorted({g[0] for g in groups.values()})),
        ("wijk", sorted({g[1] for g in groups.values()})),
    ):
        for name in names:
            for measure, cats in categories.items():
                for category in cats:
                    n = counters.get((scope, name, measure, category), 0)
                    value: int | str = n if n >= min_cell else suppressed_text
                    suppressed += n < min_cell
                    cells.append(
                        {
                            "scope": scope,
                            "name": name,
                            "measure": measure,
                            "category": category,
                            "value": value,
                        }
                    )
                    rows.append([scope, name, measure, category, value])
    return Content(
        profile=DataProfile.AGGREGATE,
        data={"min_cell": min_cell, "suppressed_as": suppressed_text, "cells": cells},
        tables={"cells": (["scope", "naam", "maat", "categorie", "aantal"], rows)},
        counts={
            "complexes": len({g[0] for g in groups.values()}),
            "wijken": len({g[1] for g in groups.values()}),
            "cells": len(cells),
            "suppressed_cells": suppressed,
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
_SKIP_COLUMNS = {("referral", "letter_pdf"), ("signal_observation", "item_id")}


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

        SQLite builds both strings in C (json_array escapes like JSON; CSV fields are quoted
        only when they hold a quote, ';' or a line break, and text that a spreadsheet would
        run as a formula gets the apostrophe of ``domain.spreadsheet_csv``), so no Python
        object per value.
        """
        csv_fields = []
        for raw, texty in zip(self.exprs, self.texty, strict=True):
            if texty:
                expr = _sql_neutralised(raw)
                csv_fields.append(
                    f"CASE WHEN {expr} GLOB '*[\";\r\n]*'"
                    f" THEN '\"' || replace({expr}, '\"', '\"\"') || '\"'"
                    f" ELSE coalesce({expr}, '') END"
                )
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
    return f"(CASE WHEN substr({expr}, 1, 1) IN ({starts}) THEN '''' || {expr} ELSE {expr} END)"


def handover_query(table: Table) -> HandoverQuery:
    """The columns of one handover table as they travel (names come from the models)."""
    names: list[str] = []
    exprs: list[str] = []
    texty: list[bool] = []
    for col in table.columns:
        if (table.name, col.name) in _SKIP_COLUMNS:
            continue
        names.append(col.name)
        if table.name == "partner" and col.name == "pseudonym_secret":
            exprs.append("lower(hex(t.pseudonym_secret))")
            texty.append(False)
        else:
            exprs.append(f"t.{col.name}")
            is_id = col.name == "id" or col.name.endswith(("_id", "_by"))
            texty.append(isinstance(col.type, String | Text) and not is_id)
    from_sql = f" FROM {table.name} t"
    if table.name == "signal_observation":
        names.append("item_code")
        exprs.append("ci.code")
        texty.append(True)
        from_sql += " JOIN checklist_item ci ON ci.id = t.item_id"
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
    session: Session, check: CancelCheck = _noop, with_csv: bool = HANDOVER_CSV
) -> Content:
    """Everything, serialised by SQLite while it is read (see HandoverQuery.serialise_sql)."""
    serialised: list[SerialisedTable] = []
    for table in HANDOVER_TABLES:
        check()
        query = handover_query(table)
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
    for table in HANDOVER_TABLES:
        counts[table.name] = session.scalar(select(func.count()).select_from(table)) or 0
    counts["letters"] = (
        session.scalar(select(func.count(Referral.id)).where(Referral.letter_pdf.is_not(None))) or 0
    )
    return counts

"""The valid rows against the vault: what to insert and what to update, and the rows that
conflict (the same address twice, a VHE code that belongs to another address, a complex
number with two names). Reads the vault, writes nothing."""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from waakvlam_desktop.domain.address_import.validation import (
    CANCELLED,
    CHECK_EVERY,
    CancelCheck,
    Problems,
    Row,
)
from waakvlam_desktop.domain.types import HouseholdStatus
from waakvlam_desktop.errors import CancelledError
from waakvlam_desktop.storage.models import Address, Complex, Household, Resident
from waakvlam_desktop.texts import QT_TRANSLATE_NOOP, Message

COMPLEX_TWO_NAMES = Message(
    "address_import.complex_two_names",
    QT_TRANSLATE_NOOP(
        "Import", "Complex code {code} has the name '{name}' on line {line}; use one name."
    ),
    "Import",
)
VHE_TWICE = Message(
    "address_import.vhe_twice",
    QT_TRANSLATE_NOOP("Import", "VHE code {vhe_code} also appears on line {line}."),
    "Import",
)
ADDRESS_TWICE = Message(
    "address_import.address_twice",
    QT_TRANSLATE_NOOP("Import", "This address also appears on line {line}."),
    "Import",
)
ADDRESS_UNDER_OTHER_VHE = Message(
    "address_import.address_under_other_vhe",
    QT_TRANSLATE_NOOP(
        "Import",
        "This address is already in the vault under VHE code {other}. VHE code {vhe_code}"
        " belongs to another address.",
    ),
    "Import",
)
ADDRESS_WITHOUT_VHE = Message(
    "address_import.address_without_vhe",
    QT_TRANSLATE_NOOP(
        "Import",
        "This address is already in the vault without a VHE code. VHE code {vhe_code} belongs"
        " to another address.",
    ),
    "Import",
)
ADDRESS_HAS_VHE = Message(
    "address_import.address_has_vhe",
    QT_TRANSLATE_NOOP("Import", "This address is already in the vault with VHE code {vhe_code}."),
    "Import",
)
ADDRESS_AMBIGUOUS = Message(
    "address_import.address_ambiguous",
    QT_TRANSLATE_NOOP(
        "Import",
        "This address is in the vault more than once without a VHE code; link it by hand first.",
    ),
    "Import",
)
OTHER_HOUSEHOLD = Message(
    "address_import.other_household",
    QT_TRANSLATE_NOOP(
        "Import",
        "Another household already lives at this address; the new one has been added. Close"
        " the old household if its residents have moved.",
    ),
    "Import",
)


class _IdPool:
    """Random (version 4) UUID strings, made 1,024 at a time: ``uuid.uuid4()`` per row was
    a quarter of the import's time."""

    def __init__(self) -> None:
        self._pool: list[str] = []

    def __call__(self) -> str:
        if not self._pool:
            raw = os.urandom(16 * 1024).hex()
            self._pool = [
                f"{h[:8]}-{h[8:12]}-4{h[13:16]}-{'89ab'[int(h[16], 16) & 3]}{h[17:20]}-{h[20:]}"
                for h in (raw[i : i + 32] for i in range(0, len(raw), 32))
            ]
        return self._pool.pop()


_new_id = _IdPool()


@dataclass(slots=True)
class Plan:
    complexes_new: list[dict[str, Any]] = field(default_factory=list)
    complexes_update: list[dict[str, Any]] = field(default_factory=list)
    addresses_new: list[dict[str, Any]] = field(default_factory=list)
    addresses_update: list[dict[str, Any]] = field(default_factory=list)
    addresses_unchanged: int = 0
    households_new: list[dict[str, Any]] = field(default_factory=list)
    residents_new: list[dict[str, Any]] = field(default_factory=list)


@dataclass(slots=True)
class _ComplexRef:
    id: str
    name: str
    code: str | None
    wijk: str
    new: bool
    changed: set[str] = field(default_factory=set)


def _complexes(session: Session, rows: list[Row], problems: Problems, plan: Plan) -> dict[int, str]:
    """Resolve the complex of every row: line → complex id (planned or existing)."""
    by_code: dict[str, _ComplexRef] = {}
    by_name: dict[str, _ComplexRef] = {}
    for cid, name, code, wijk in session.execute(
        select(Complex.id, Complex.name, Complex.code, Complex.wijk).order_by(
            Complex.created_at, Complex.id
        )
    ):
        known = _ComplexRef(cid, name, code, wijk, new=False)
        if code:
            by_code[code] = known
        by_name.setdefault(name.casefold(), known)
    first_line: dict[str, int] = {}
    result: dict[int, str] = {}
    # Rows with a complex code first, so name-only rows find complexes the file creates.
    for row in sorted(rows, key=lambda r: (not r.complex_code, r.line)):
        if not row.complex_code and not row.complex_name:
            continue
        ref: _ComplexRef | None
        if row.complex_code:
            ref = by_code.get(row.complex_code)
            name = row.complex_name or (ref.name if ref else row.complex_code)
            if ref is None:
                ref = _ComplexRef(_new_id(), name, row.complex_code, row.wijk or "", new=True)
                by_code[row.complex_code] = ref
                by_name.setdefault(name.casefold(), ref)
                first_line[row.complex_code] = row.line
            elif row.complex_code in first_line:
                if row.complex_name and row.complex_name != ref.name:
                    problems.error(
                        row.line,
                        "complex_name",
                        COMPLEX_TWO_NAMES,
                        code=row.complex_code,
                        line=first_line[row.complex_code],
                        name=ref.name,
                    )
                    continue
            else:
                first_line[row.complex_code] = row.line
                if row.complex_name and row.complex_name != ref.name:
                    ref.name = row.complex_name
                    ref.changed.add("name")
        else:
            ref = by_name.get(row.complex_name.casefold())
            if ref is None:
                ref = _ComplexRef(_new_id(), row.complex_name, None, row.wijk or "", new=True)
                by_name[row.complex_name.casefold()] = ref
        if row.wijk and not ref.wijk:
            ref.wijk = row.wijk
            if not ref.new:
                ref.changed.add("wijk")
        result[row.line] = ref.id
    seen: set[str] = set()
    for ref in [*by_code.values(), *by_name.values()]:
        if ref.id in seen:
            continue
        seen.add(ref.id)
        if ref.new:
            plan.complexes_new.append(
                {"id": ref.id, "name": ref.name, "code": ref.code, "wijk": ref.wijk}
            )
        elif ref.changed:
            plan.complexes_update.append({"id": ref.id, "name": ref.name, "wijk": ref.wijk})
    return result


def plan_import(
    session: Session,
    rows: list[Row],
    mapped: set[str],
    problems: Problems,
    cancelled: CancelCheck | None,
) -> Plan:
    plan = Plan()
    complex_of = _complexes(session, rows, problems, plan)
    existing = session.execute(
        select(
            Address.id,
            Address.vhe_code,
            Address.street,
            Address.number,
            Address.addition,
            Address.postcode,
            Address.city,
            Address.wijk,
            Address.complex_id,
        )
    ).all()
    by_vhe = {a.vhe_code: a for a in existing if a.vhe_code}
    by_key: dict[tuple[str, int, str], list[Any]] = {}
    for a in existing:
        by_key.setdefault((a.postcode, a.number, a.addition.casefold()), []).append(a)
    households: dict[str, list[tuple[str, str]]] = {}
    residents: dict[str, set[str]] = {}
    if "household" in mapped or "residents" in mapped:
        for hid, aid, label in session.execute(
            select(Household.id, Household.address_id, Household.label).where(
                Household.status == HouseholdStatus.OPEN.value
            )
        ):
            households.setdefault(aid, []).append((hid, label))
        if "residents" in mapped:
            for hid, name in session.execute(select(Resident.household_id, Resident.name)):
                residents.setdefault(hid, set()).add(name.casefold())
    seen_vhe: dict[str, int] = {}
    seen_key: dict[tuple[str, int, str], int] = {}
    for i, row in enumerate(rows):
        if cancelled is not None and i % CHECK_EVERY == 0 and cancelled():
            raise CancelledError(CANCELLED)
        if row.vhe_code in seen_vhe:
            problems.error(
                row.line, "vhe_code", VHE_TWICE, vhe_code=row.vhe_code, line=seen_vhe[row.vhe_code]
            )
            continue
        seen_vhe[row.vhe_code] = row.line
        if row.key in seen_key:
            problems.error(row.line, "number", ADDRESS_TWICE, line=seen_key[row.key])
            continue
        seen_key[row.key] = row.line
        current = by_vhe.get(row.vhe_code)
        others = [a for a in by_key.get(row.key, []) if current is None or a.id != current.id]
        if current is not None and others:
            other = others[0]
            if other.vhe_code:
                problems.error(
                    row.line,
                    "vhe_code",
                    ADDRESS_UNDER_OTHER_VHE,
                    other=other.vhe_code,
                    vhe_code=row.vhe_code,
                )
            else:
                problems.error(row.line, "vhe_code", ADDRESS_WITHOUT_VHE, vhe_code=row.vhe_code)
            continue
        if current is None and others:
            with_code = [a for a in others if a.vhe_code]
            if with_code:
                problems.error(
                    row.line, "vhe_code", ADDRESS_HAS_VHE, vhe_code=with_code[0].vhe_code
                )
                continue
            if len(others) > 1:
                problems.error(row.line, "number", ADDRESS_AMBIGUOUS)
                continue
            current = others[0]  # an address typed in by hand: it gets this VHE code
        complex_id = complex_of.get(row.line)
        values: dict[str, Any] = {
            "vhe_code": row.vhe_code,
            "street": row.street,
            "number": row.number,
            "postcode": row.postcode,
            "city": row.city,
        }
        if row.addition is not None:
            values["addition"] = row.addition
        if row.wijk is not None:
            values["wijk"] = row.wijk
        if "complex_name" in mapped or "complex_code" in mapped:
            values["complex_id"] = complex_id
        if current is None:
            address_id = _new_id()
            plan.addresses_new.append(
                {"id": address_id, "addition": "", "wijk": "", "complex_id": None, **values}
            )
        else:
            address_id = current.id
            changed = {k: v for k, v in values.items() if getattr(current, k) != v}
            if changed:
                plan.addresses_update.append({"id": address_id, **changed})
            else:
                plan.addresses_unchanged += 1
        if row.household:
            _plan_household(row, address_id, households, residents, problems, plan)
    return plan


def _plan_household(
    row: Row,
    address_id: str,
    households: dict[str, list[tuple[str, str]]],
    residents: dict[str, set[str]],
    problems: Problems,
    plan: Plan,
) -> None:
    present = households.get(address_id, [])
    match = next(
        (hid for hid, label in present if label.casefold() == row.household.casefold()), None
    )
    if match is None and not row.household_named and len(present) == 1:
        match = present[0][0]  # only residents in the file: they belong to the one household
    if match is None:
        if present:
            problems.warn(row.line, "household", OTHER_HOUSEHOLD)
        match = _new_id()
        plan.households_new.append({"id": match, "address_id": address_id, "label": row.household})
        present.append((match, row.household))
        households[address_id] = present
    known = residents.setdefault(match, set())
    for name in row.residents:
        if name.casefold() not in known:
            known.add(name.casefold())
            plan.residents_new.append({"id": _new_id(), "household_id": match, "name": name})

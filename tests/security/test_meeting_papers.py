"""The case conference's papers read as an auditor: for every participant of a demo-like
vault and every household on the agenda, the agenda and the minutes PDF (read back with
pypdf) carry nothing that participant may not see.

Without a grondslag for the household (``households_with_grondslag`` on the meeting's
day): no household name, resident name, street and number, postcode, phone, visit note,
decision, nor an agreement the participant does not own, nor the household's bundle
pseudonym. With one: no visit note, no phone, no resident the valid referrals do not
concern, no signal those referrals do not carry. Never a BSN-like number."""

from __future__ import annotations

import io
import re
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta

import pytest
from pypdf import PdfReader
from sqlalchemy import select
from sqlalchemy.orm import Session

from tests.conftest import PASSPHRASE
from waakvlam_desktop.clock import FixedClock, local_today
from waakvlam_desktop.documents.meeting import render_meeting
from waakvlam_desktop.domain import households, meetings
from waakvlam_desktop.domain.consent import grondslag_report, household_pseudonym
from waakvlam_desktop.domain.demo import generate_demo
from waakvlam_desktop.domain.referrals import ReferralInput, create_referral
from waakvlam_desktop.domain.setup import initialise
from waakvlam_desktop.domain.types import ConsentForm, VisitKind
from waakvlam_desktop.domain.visits import SignalInput, VisitInput, record_visit
from waakvlam_desktop.storage.models import (
    Address,
    ChecklistItem,
    Household,
    Partner,
    ReferralResident,
    ReferralSignal,
    Resident,
    SignalObservation,
    Visit,
)
from waakvlam_desktop.storage.vault import Vault

PARTNERS = 3  # the demo's first three partners sit at the table
KINDS = (meetings.AGENDA, meetings.MINUTES)


@dataclass(frozen=True)
class Paper:
    partner: str
    kind: str
    text: str


@dataclass(frozen=True)
class Facts:
    """What the vault knows of one household on the agenda."""

    household_id: str
    label: str
    street: str
    postcode: str
    residents: tuple[str, ...]
    phones: tuple[str, ...]
    notes: tuple[str, ...]
    decision: str
    agreements: tuple[tuple[str | None, str], ...]  # (owner partner id or None, text)
    signal_labels: tuple[str, ...]


@dataclass(frozen=True)
class World:
    papers: dict[tuple[int, str], Paper]
    partner_ids: list[str]
    secrets: dict[str, bytes]
    facts: list[Facts]
    grondslag: dict[str, set[str]]  # partner id -> households
    concerned: dict[str, set[str]]  # partner id -> resident names its valid referrals concern
    linked: dict[str, set[str]]  # partner id -> signal labels its valid referrals carry


def _text(pdf: bytes) -> str:
    return "\n".join(p.extract_text() for p in PdfReader(io.BytesIO(pdf)).pages)


@pytest.fixture(scope="module")
def world(tmp_path_factory: pytest.TempPathFactory) -> Iterator[World]:
    clock = FixedClock(datetime(2026, 11, 27, 10, 0, tzinfo=UTC))
    vault = Vault.create(
        tmp_path_factory.mktemp("papers") / "vault", PASSPHRASE, kdf_target_seconds=0, clock=clock
    )
    with vault.session() as s:
        vault.actor = initialise(
            s,
            organisation="Woonstichting Voorbeeld",
            staff_name="A. de Vries",
            staff_role="wijkbeheerder",
        ).id
    generate_demo(vault.session, 80, seed=5)
    with vault.session() as s:
        today = local_today(clock)
        partner_rows = list(s.scalars(select(Partner).order_by(Partner.created_at)))[:PARTNERS]
        names = [p.name for p in partner_rows]
        pids = [p.id for p in partner_rows]
        # three more households, each with a visit note, two signals and a second resident
        extra = list(
            s.scalars(
                select(Household.id)
                .where(Household.status == "open")
                .order_by(Household.label, Household.id)
                .limit(3)
            )
        )
    for n, hid in enumerate(extra):
        with vault.session() as s:
            households.add_resident(s, hid, f"Qzverborgen Qzbewoner{n}", phone=f"06-1234567{n}")
            record_visit(
                s,
                VisitInput(
                    household_id=hid,
                    kind=VisitKind.REGULIER,
                    notes=f"Qznotitie {n}: de bewoner vertelde over zijn schulden.",
                    signals=[SignalInput("woning.vervuiling", 2), SignalInput("woning.geluid", 1)],
                ),
            )
    with vault.session() as s:
        # the first partner gets a referral with consent for the first extra household, with
        # one of its two signals and not the second resident
        first_resident = s.scalar(
            select(Resident.id)
            .where(Resident.household_id == extra[0], ~Resident.name.like("Qzverborgen%"))
            .order_by(Resident.name)
        )
        create_referral(
            s,
            ReferralInput(
                household_id=extra[0],
                partner_id=pids[0],
                reason="Zorgen om de woning",
                signal_codes=["woning.vervuiling"],
                concerns=[first_resident] if first_resident else [],
                consent_form=ConsentForm.VERBAL,
                consent_date=today,
            ),
        )
        held = today + timedelta(days=14)
        mid = meetings.add_meeting(s, held, names, place="Wijkhuis De Brug").id
        for hid in extra:
            meetings.add_to_agenda(s, mid, hid)
        agenda = [i.household_id for i in meetings.meeting_detail(s, mid).items]
        for n, hid in enumerate(agenda):
            for k, name in enumerate([*names, "A. de Vries"]):
                meetings.agree(s, mid, hid, name, f"Qzafspraak {n}-{k} van {name}")
            meetings.decide(s, mid, hid, f"Qzbesluit {n}: samen verder met de familie.")
        meeting_ids = [r.id for r in meetings.list_meetings(s)]
        papers: dict[tuple[int, str], Paper] = {}
        for i, pid in enumerate(pids):
            for kind in KINDS:
                text = "\n".join(
                    _text(render_meeting(meetings.participant_view(s, m, pid), kind))
                    for m in meeting_ids
                    if pid in {p for p, _n in meetings.meeting_detail(s, m).partners}
                )
                papers[(i, kind)] = Paper(names[i], kind, text)
        on_agenda = {
            i.household_id for m in meeting_ids for i in meetings.meeting_detail(s, m).items
        }
        facts = [_facts(s, hid) for hid in sorted(on_agenda)]
        grondslag: dict[str, set[str]] = {}
        concerned: dict[str, set[str]] = {}
        linked: dict[str, set[str]] = {}
        for pid in pids:
            report = grondslag_report(s, pid, held)
            grondslag[pid] = set(report.valid)
            concerned[pid] = set(
                s.scalars(
                    select(Resident.name)
                    .join(ReferralResident, ReferralResident.resident_id == Resident.id)
                    .where(ReferralResident.referral_id.in_(report.valid_referrals))
                )
            )
            linked[pid] = set(
                s.scalars(
                    select(ChecklistItem.label_nl)
                    .join(SignalObservation, SignalObservation.item_id == ChecklistItem.id)
                    .join(ReferralSignal, ReferralSignal.observation_id == SignalObservation.id)
                    .where(ReferralSignal.referral_id.in_(report.valid_referrals))
                )
            )
        secrets = {p.id: p.pseudonym_secret for p in partner_rows}
    vault.close()
    yield World(papers, pids, secrets, facts, grondslag, concerned, linked)


def _facts(s: Session, hid: str) -> Facts:
    hh = s.get(Household, hid)
    addr = s.get(Address, hh.address_id)
    residents = list(s.scalars(select(Resident).where(Resident.household_id == hid)))
    detail_items = meetings.meetings_of(s, hid)
    return Facts(
        household_id=hid,
        label=hh.label,
        street=f"{addr.street} {addr.number}",
        postcode=addr.postcode,
        residents=tuple(r.name for r in residents),
        phones=tuple(r.phone for r in residents if r.phone),
        notes=tuple(
            n for n in s.scalars(select(Visit.notes).where(Visit.household_id == hid)) if n
        ),
        decision=" ".join(m.decision for m in detail_items if m.decision),
        agreements=tuple(
            (a.owner_partner_id, a.description) for m in detail_items for a in m.agreements
        ),
        signal_labels=tuple(
            s.scalars(
                select(ChecklistItem.label_nl)
                .join(SignalObservation, SignalObservation.item_id == ChecklistItem.id)
                .where(SignalObservation.household_id == hid)
                .distinct()
            )
        ),
    )


def _shown_elsewhere(world: World, pid: str, needle: str, hid: str) -> bool:
    """The same words belong to another household this partner may see by name (the demo
    reuses surnames and streets): then their presence proves nothing."""
    for f in world.facts:
        if f.household_id == hid or f.household_id not in world.grondslag[pid]:
            continue
        if needle in (f.label, f.street, *f.residents):
            return True
    return False


@pytest.mark.parametrize("kind", KINDS)
@pytest.mark.parametrize("index", range(PARTNERS))
def test_no_participant_reads_what_it_may_not_see(world: World, index: int, kind: str) -> None:
    pid = world.partner_ids[index]
    paper = world.papers[(index, kind)]
    text = paper.text
    assert text, "this participant got no paper"
    flat = re.sub(r"\s+", " ", text)
    # A BSN may be written with dashes; the meeting codes (XXXX-XXXX-XXXX, random hex) are
    # taken out first, or a code that happens to start with nine digits reads as one.
    uncoded = re.sub(r"\b[0-9A-F]{4}-[0-9A-F]{4}-[0-9A-F]{4}\b", " ", flat)
    assert not re.search(r"(?<!\d)\d{9}(?!\d)", uncoded.replace("-", "")), "a BSN-like number"
    for f in world.facts:
        for note in f.notes:
            assert note[:20] not in flat, (paper.partner, kind, "visit note")
        for phone in f.phones:
            assert phone not in flat, (paper.partner, kind, "phone")
        assert f.postcode not in flat, (paper.partner, kind, "postcode")
        bundle_code = household_pseudonym(world.secrets[pid], f.household_id)[:12].upper()
        assert bundle_code[:4] + "-" + bundle_code[4:8] not in flat, "bundle pseudonym"
        if f.household_id in world.grondslag[pid]:
            for name in f.residents:
                if name not in world.concerned[pid]:
                    assert name not in flat, (paper.partner, kind, "resident not concerned")
            for label in f.signal_labels:
                if label not in world.linked[pid] and not any(
                    label in g.signal_labels
                    for g in world.facts
                    if g.household_id not in world.grondslag[pid]
                ):
                    assert label not in flat, (paper.partner, kind, "signal not referred")
            continue
        for needle in (f.label, f.street, *f.residents):
            if not _shown_elsewhere(world, pid, needle, f.household_id):
                assert needle not in flat, (paper.partner, kind, "identifying", needle)
        if f.decision:
            for part in f.decision.split("Qzbesluit")[1:]:
                assert "Qzbesluit" + part.split(":")[0] + ":" not in flat, "decision"
        for owner, agreement in f.agreements:
            if owner != pid:
                assert agreement not in flat, (paper.partner, kind, "someone else's agreement")


def test_the_attack_has_something_to_find(world: World) -> None:
    """The vault is a real mix: some households by name, some by code, for every partner
    the decisions and agreements of others exist (else the test above proves nothing)."""
    assert any(world.grondslag[p] for p in world.partner_ids)
    on_agenda = {f.household_id for f in world.facts}
    assert all(on_agenda - world.grondslag[p] for p in world.partner_ids)
    assert any(f.notes for f in world.facts) and any(f.decision for f in world.facts)
    first = world.papers[(0, meetings.MINUTES)].text
    assert "Qzafspraak" in first and "Qzbesluit" in first  # its own / identified ones

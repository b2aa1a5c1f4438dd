"""Attacks on "what leaves the vault is exactly what was agreed" (issue #13 B and C).

Every test builds real case bundles (real SQLCipher vault, real age, real Ed25519), opens
them as the partner would and searches every member (manifest, data.json, CSVs, letters,
cover sheet) for what must not be there.
"""

from __future__ import annotations

import csv
import io
import re
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

import pyrage
import pytest
from openpyxl import load_workbook
from pypdf import PdfReader
from sqlalchemy import update

from tests.bundle_helpers import world_partner
from waakvlam_desktop.bundles.collect import pseudonym
from waakvlam_desktop.bundles.export import export_bundle
from waakvlam_desktop.bundles.keys import org_public_key, parse_public_key
from waakvlam_desktop.bundles.reader import OpenedBundle, verify_bytes
from waakvlam_desktop.clock import FixedClock
from waakvlam_desktop.documents.consent_form import render_consent_form
from waakvlam_desktop.domain import households
from waakvlam_desktop.domain.consent import (
    CANCELLED,
    CLOSED,
    CONSENT_WITHDRAWN,
    ERASED,
    ErasureReason,
    partners_that_received_data,
    withdraw_consent,
)
from waakvlam_desktop.domain.exports import Period
from waakvlam_desktop.domain.letters import letter_data
from waakvlam_desktop.domain.partners import get_partner
from waakvlam_desktop.domain.referrals import ReferralInput, change_status, create_referral
from waakvlam_desktop.domain.types import (
    ConsentForm,
    PartnerType,
    ReferralStatus,
    VisitKind,
)
from waakvlam_desktop.domain.visits import SignalInput, VisitInput, record_visit
from waakvlam_desktop.errors import ValidationError
from waakvlam_desktop.privacy.inzage import inzage_data, write_inzage
from waakvlam_desktop.privacy.retention import purge_household, retention_review
from waakvlam_desktop.storage.models import ErasureRequest, Household
from waakvlam_desktop.storage.vault import Vault

NOV = Period.parse("2026-11")
OCT = Period.parse("2026-10")
PARENT, PARTNER_B, CHILD = "Ouder Qzouder", "Partner Qzpartner", "Kind Qzkind"
PHONES = {PARENT: "0612340001", PARTNER_B: "0612340002", CHILD: "0612340003"}


@dataclass
class Home:
    vault: Vault
    clock: FixedClock
    identity: pyrage.x25519.Identity
    household: str
    residents: dict[str, str]
    partners: dict[str, str] = field(default_factory=dict)
    folder: Path = Path()
    exported: int = 0

    def refer(self, partner: str, **kw: object) -> str:
        with self.vault.session() as s:
            ref = create_referral(
                s,
                ReferralInput(
                    household_id=self.household,
                    partner_id=self.partners[partner],
                    reason="Zorgen om de post",
                    signal_codes=["financien.ongeopende_post"],
                    consent_form=ConsentForm.WRITTEN,
                    consent_date=date(2026, 11, 10),
                    **kw,  # type: ignore[arg-type]
                ),
            )
            return ref.reference

    def export(self, partner: str, period: Period = NOV) -> OpenedBundle:
        self.exported += 1
        target = self.folder / f"{self.exported}.age"
        with self.vault.session() as s:
            export_bundle(s, self.partners[partner], period, target)
            sender = parse_public_key(org_public_key(s).file_text())
        return verify_bytes(target.read_bytes(), self.identity, sender)


@pytest.fixture
def home(vault: Vault, clock: FixedClock, tmp_path: Path) -> Home:
    identity = pyrage.x25519.Identity.generate()
    recipient = str(identity.to_public())
    with vault.session() as s:
        addr = households.add_address(
            s, street="Lindelaan", number=3, postcode="3533 AB", city="Utrecht", wijk="Overvecht"
        )
        hh = households.add_household(s, addr.id, "fam. Qzgezin")
        residents = {
            name: households.add_resident(s, hh.id, name, birth_year=year, phone=PHONES[name]).id
            for name, year in ((PARENT, 1980), (PARTNER_B, 1982), (CHILD, 2014))
        }
        home = Home(vault, clock, identity, hh.id, residents, folder=tmp_path)
        for name, ptype in (
            ("Wijkteam", PartnerType.WIJKTEAM),
            ("Veilig Thuis", PartnerType.VEILIG_THUIS),
            ("GGD", PartnerType.GGD),
        ):
            home.partners[name] = world_partner(s, name, ptype, [recipient])
    record_visit_at(vault, hh.id)
    with vault.session() as s:
        s.execute(update(Household).where(Household.id == hh.id).values(concern_level="acuut"))
    return home


def record_visit_at(vault: Vault, hid: str) -> None:
    with vault.session() as s:
        record_visit(
            s,
            VisitInput(
                household_id=hid,
                kind=VisitKind.REGULIER,
                visited_at=datetime(2026, 11, 10, 10, 0, tzinfo=UTC),
                signals=[SignalInput("financien.ongeopende_post", 2)],
            ),
        )


def _after_november(home: Home) -> None:
    home.clock.advance(timedelta(days=5))  # 2 December: November is complete


def everything(bundle: OpenedBundle) -> str:
    """Every member as text: the PDFs as their extracted text, the workbook as its cells
    (its sheets are compressed, so its raw bytes showed no name whatever it held)."""
    parts = [bundle.manifest_bytes.decode()]
    for name, raw in bundle.members.items():
        if name.endswith(".pdf"):
            parts.append("\n".join(p.extract_text() for p in PdfReader(io.BytesIO(raw)).pages))
        elif name.endswith(".xlsx"):
            book = load_workbook(io.BytesIO(raw), read_only=True)
            for sheet in book.worksheets:
                for row in sheet.iter_rows(values_only=True):
                    parts.append(";".join("" if v is None else str(v) for v in row))
        else:
            parts.append(raw.decode("utf-8-sig", errors="replace"))
    return "\n".join(parts)


# Random hex a bundle carries whatever it holds: ids, digests, pseudonyms, fingerprints and
# key ids, also grouped by four for reading aloud (the summary's "9ad7 40ed …").
RANDOM_HEX = re.compile(
    r"[0-9a-f]{8}(?:-[0-9a-f]{4}){3}-[0-9a-f]{12}|[0-9a-f]{16,}|[0-9a-f]{4}(?:\s+[0-9a-f]{4}){3,}"
)


def mentions(text: str, value: str) -> bool:
    """``value`` appears in ``text``; a number only as a number of its own, but also glued
    to a word ("Geboortejaar1980", as a PDF's text may come out). Four digits turn up in
    random hex (a SHA-256 digest of the manifest held "1980" in a CI run), which is left
    out for numbers."""
    if value.isdigit():
        return re.search(rf"(?<!\d){value}(?!\d)", RANDOM_HEX.sub(" ", text)) is not None
    return value in text


def test_mentions_skips_random_hex_but_finds_a_number_of_its_own() -> None:
    for noise in (
        '"sha256": "be34b9713f1980a1f1b4275cf20c94f301718be098a7be34b9713f1980a1f1b4"',
        "bundel 3f2a1c9e-1980-4abc-9def-0123456789ab",
        "Sleutel-id van de afzender:\n9ad7 40ed 1980 2cd1 77ab 0c3e",
    ):
        assert not mentions(noise, "1980"), noise
    for said in ("geboortejaar;1980\r\n", "Geboortejaar1980", '"birth_year": 1980,', "1980"):
        assert mentions(said, "1980"), said


def table(bundle: OpenedBundle, name: str) -> list[dict[str, str]]:
    text = bundle.members[f"csv/{name}.csv"].decode("utf-8-sig")
    return list(csv.DictReader(io.StringIO(text), delimiter=";"))


# ---- B: minimal by default -------------------------------------------------------------------
def test_a_case_bundle_carries_only_the_concerned_adult_without_phone_or_level(
    home: Home,
) -> None:
    home.refer("Wijkteam")  # no --concerns: the contact resident, the first adult
    _after_november(home)
    bundle = home.export("Wijkteam")
    text = everything(bundle)
    assert PARENT in text
    for absent in (PARTNER_B, CHILD, *PHONES.values(), "acuut", "1980", "2014"):
        assert not mentions(text, absent), absent
    (h,) = bundle.data()["households"]
    assert [r["name"] for r in h["residents"]] == [PARENT]
    assert "concern_level" not in h and "phone" not in h["residents"][0]
    assert "zorgniveau" not in table(bundle, "households")[0]
    assert list(table(bundle, "residents")[0]) == ["pseudoniem", "naam"]


def test_a_phone_number_travels_only_with_consent_to_be_called(home: Home) -> None:
    home.refer("Wijkteam", may_call=True)
    _after_november(home)
    bundle = home.export("Wijkteam")
    (row,) = table(bundle, "residents")
    assert row["telefoon"] == PHONES[PARENT]
    assert bundle.data()["households"][0]["residents"] == [
        {"name": PARENT, "phone": PHONES[PARENT]}
    ]
    text = everything(bundle)
    assert PHONES[PARTNER_B] not in text and PHONES[CHILD] not in text


def test_a_child_is_shared_only_when_the_referral_is_about_that_child(home: Home) -> None:
    home.refer("Wijkteam", concerns=[home.residents[CHILD]])
    _after_november(home)
    text = everything(home.export("Wijkteam"))
    assert CHILD in text and PARENT not in text and PARTNER_B not in text


def test_concerned_residents_must_live_in_the_household(home: Home, vault: Vault) -> None:
    with vault.session() as s:
        addr = households.add_address(
            s, street="Elders", number=1, postcode="3533 AC", city="Utrecht"
        )
        other = households.add_household(s, addr.id, "fam. Elders")
        stranger = households.add_resident(s, other.id, "Vreemde", birth_year=1970).id
    with pytest.raises(ValidationError, match="woont niet"):
        home.refer("Wijkteam", concerns=[stranger])


def test_concern_level_and_birth_year_only_where_the_spec_says(home: Home) -> None:
    home.refer("Veilig Thuis")
    home.refer("Wijkteam")
    _after_november(home)
    vt = home.export("Veilig Thuis")
    assert table(vt, "households")[0]["zorgniveau"] == "acuut"
    assert table(vt, "residents")[0]["geboortejaar"] == "1980"
    # What finds a birth year in one bundle (here, where it may go) ...
    assert mentions(everything(vt), "1980") and mentions(everything(vt), "acuut")
    wt = home.export("Wijkteam")
    # ... finds none in the other: not in a CSV, the data, the workbook or a PDF.
    assert not mentions(everything(wt), "1980") and not mentions(everything(wt), "acuut")
    assert "zorgniveau" not in table(wt, "households")[0]
    assert "geboortejaar" not in table(wt, "residents")[0]


def test_a_partner_sees_only_its_own_referrals_and_their_history(home: Home) -> None:
    mine = home.refer("Wijkteam")
    theirs = home.refer("GGD")
    with home.vault.session() as s:
        change_status(s, theirs, ReferralStatus.VERSTUURD, note="Qzggd-notitie")
    _after_november(home)
    text = everything(home.export("Wijkteam"))
    assert mine in text and theirs not in text and "GGD" not in text


# ---- C: cases end ----------------------------------------------------------------------------
def _close(home: Home, reference: str, final: ReferralStatus) -> None:
    with home.vault.session() as s:
        change_status(s, reference, ReferralStatus.VERSTUURD)
        change_status(s, reference, ReferralStatus.ONTVANGEN)
        change_status(s, reference, final)


@pytest.mark.parametrize("final", [ReferralStatus.AFGESLOTEN, ReferralStatus.GEANNULEERD])
def test_an_ended_referral_appears_once_as_its_final_row_then_never(
    home: Home, final: ReferralStatus
) -> None:
    reference = home.refer("Wijkteam")
    _after_november(home)
    first = home.export("Wijkteam")
    assert first.data()["households"][0]["referrals"][0]["final"] is False
    _close(home, reference, final)
    last = home.export("Wijkteam")
    (h,) = last.data()["households"]
    (ref,) = h["referrals"]
    assert (ref["reference"], ref["status"], ref["final"]) == (reference, final.value, True)
    assert table(last, "referrals")[0]["status"] == final.value
    assert last.manifest["counts"]["final_referrals"] == 1
    after = home.export("Wijkteam")
    assert after.data()["households"] == []
    assert "fam. Qzgezin" not in everything(after)
    reason = CLOSED if final is ReferralStatus.AFGESLOTEN else CANCELLED
    assert after.manifest["exclusions"] == {reason: 1}
    # An earlier period, exported later, does not bring it back either.
    assert home.export("Wijkteam", OCT).data()["households"] == []


def test_an_ended_referral_the_partner_never_had_never_travels(home: Home) -> None:
    reference = home.refer("Wijkteam")
    _close(home, reference, ReferralStatus.GEANNULEERD)
    _after_november(home)
    assert home.export("Wijkteam").data()["households"] == []


# ---- C: withdrawals travel -------------------------------------------------------------------
def test_after_a_withdrawal_no_period_carries_the_household_and_an_erasure_request_goes_once(
    home: Home,
) -> None:
    reference = home.refer("Wijkteam")
    _after_november(home)
    home.export("Wijkteam")
    with home.vault.session() as s:
        withdraw_consent(s, reference, note="wil het niet meer")
        secret = get_partner(s, home.partners["Wijkteam"]).pseudonym_secret
    # The same period again, and an earlier one: nothing about the household.
    for period in (NOV, OCT):
        bundle = home.export("Wijkteam", period)
        assert bundle.data()["households"] == []
        text = everything(bundle)
        assert PARENT not in text and "fam. Qzgezin" not in text and "Lindelaan" not in text
        if period is NOV:
            (request,) = bundle.data()["erasure_requests"]
            assert request == {
                "pseudonym": pseudonym(secret, home.household),
                "references": [reference],
                "requested_on": "2026-12-02",
                "reason": ErasureReason.WITHDRAWN,
            }
            assert table(bundle, "verwijderverzoeken") == [
                {
                    "pseudoniem": pseudonym(secret, home.household),
                    "kenmerk": reference,
                    "datum": "2026-12-02",
                    "reden": "toestemming ingetrokken",
                }
            ]
            assert bundle.manifest["exclusions"] == {CONSENT_WITHDRAWN: 1}
        else:
            assert bundle.data()["erasure_requests"] == []  # went out once, never again
    with home.vault.session() as s:
        (row,) = s.query(ErasureRequest).all()
        assert row.export_id is not None  # the vault knows it went out


def test_a_partner_that_never_received_the_household_gets_no_erasure_request(
    home: Home,
) -> None:
    reference = home.refer("Wijkteam")
    _after_november(home)
    with home.vault.session() as s:
        withdraw_consent(s, reference)
    assert home.export("Wijkteam").data()["erasure_requests"] == []


def test_retention_asks_every_partner_that_received_the_household_to_erase(home: Home) -> None:
    home.refer("Wijkteam")
    home.refer("GGD")
    _after_november(home)
    home.export("Wijkteam")
    home.export("GGD")
    home.clock.advance(timedelta(days=366 * 8))
    with home.vault.session() as s:
        (row,) = [r for r in retention_review(s) if r.household_id == home.household]
        assert row.anonymise
        purge_household(s, row)
    for partner in ("Wijkteam", "GGD", "Veilig Thuis"):
        bundle = home.export(partner)
        requests = bundle.data()["erasure_requests"]
        if partner == "Veilig Thuis":
            assert requests == []
            continue
        assert [r["reason"] for r in requests] == [ErasureReason.RETENTION]
        assert bundle.data()["households"] == []
        assert bundle.manifest["exclusions"] == {ERASED: 1}


# ---- C: per-household export records --------------------------------------------------------
def test_every_bundle_records_the_households_it_carried(home: Home) -> None:
    home.refer("Wijkteam")
    _after_november(home)
    with home.vault.session() as s:
        assert partners_that_received_data(s, home.household) == []
    home.export("Wijkteam")
    with home.vault.session() as s:
        (receipt,) = partners_that_received_data(s, home.household)
    assert receipt.partner_name == "Wijkteam"
    assert receipt.exported_on == (date(2026, 12, 2),)
    assert "export" in receipt.via
    # The inzage report of a resident names the bundle (AVG art. 15: the recipients).
    out = home.folder / "inzage"
    out.mkdir()
    with home.vault.session() as s:
        doc = inzage_data(s, home.residents[PARENT])
        result = write_inzage(s, home.residents[PARENT], out)
    (named,) = doc["partners_that_received_data"]
    assert named["partner"] == "Wijkteam" and named["bundles_on"] == ["2026-12-02"]
    pdf = " ".join(" ".join(p.extract_text().split()) for p in PdfReader(result.pdf).pages)
    assert "Wijkteam kreeg uw gegevens in een bundel op: 02-12-2026" in pdf


def test_the_consent_form_lists_exactly_the_concerned_residents_each_with_a_signature_line(
    home: Home,
) -> None:
    reference = home.refer("Wijkteam", concerns=[home.residents[PARENT], home.residents[CHILD]])
    with home.vault.session() as s:
        pdf = render_consent_form(letter_data(s, reference))
    text = " ".join("\n".join(p.extract_text() for p in PdfReader(io.BytesIO(pdf)).pages).split())
    assert f"Naam: {PARENT}" in text and f"Naam: {CHILD}" in text
    assert text.count("Handtekening bewoner") == 2
    assert PARTNER_B not in text

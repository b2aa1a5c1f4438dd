"""Referral letters, consent forms and resident letters: real PDFs from a real vault, read
back with pypdf and rendered with pdftoppm (in memory: stdin to stdout)."""

from __future__ import annotations

import io
import json
import os
import subprocess
from dataclasses import dataclass, replace
from datetime import date, timedelta
from importlib import resources
from pathlib import Path
from typing import Any

import pytest
from PIL import Image, ImageChops
from pypdf import PdfReader
from reportlab.pdfbase.pdfmetrics import stringWidth
from sqlalchemy import select

from tests.helpers import add_household
from waakvlam_desktop.clock import FixedClock
from waakvlam_desktop.documents import referral_documents as documents
from waakvlam_desktop.documents.fonts import register_fonts
from waakvlam_desktop.documents.layout import WINDOW
from waakvlam_desktop.documents.referral_letter import render_referral_letter
from waakvlam_desktop.documents.templates import load_templates, parse_templates
from waakvlam_desktop.domain import households, letters, partners, referrals
from waakvlam_desktop.domain.types import ConsentForm, PartnerType, ReferralStatus, VisitKind
from waakvlam_desktop.domain.visits import SignalInput, VisitInput, record_visit
from waakvlam_desktop.errors import LetterTemplateError, NotFoundError, ValidationError
from waakvlam_desktop.storage.models import AuditEvent, Organisation, Referral
from waakvlam_desktop.storage.vault import Vault

NOTE_MARKER = "NOTITIEMARKER7F3A"
REMARK_MARKER = "OPMERKINGMARKER91C"
CONTEXT = (
    "Mevrouw is overdag meestal thuis. Haar dochter Zoë helpt met de post;"
    " zij gaan samen naar het wĳkcentrum."
)
REFERENCE_PNG = Path(__file__).parent / "data" / "referral_letter_page1.png"
MM = 72 / 25.4


@dataclass(frozen=True)
class Case:
    household_id: str
    partner_id: str
    referral_id: str
    reference: str


def _organisation(vault: Vault) -> None:
    with vault.session() as s:
        org = s.scalars(select(Organisation)).one()
        org.address_line = "Postbus 1234"
        org.postcode = "3500 AB"
        org.city = "Utrecht"
        org.phone = "030-123 45 67"
        org.email = "info@voorbeeld.nl"


def _make_case(
    vault: Vault,
    *,
    partner_type: PartnerType = PartnerType.WIJKTEAM,
    context: str = CONTEXT,
    consent: bool = True,
    partner_name: str = "Sociaal Wijkteam Overvecht",
) -> Case:
    _organisation(vault)
    with vault.session() as s:
        addr = households.add_address(
            s, street="IJsselmeerstraat", number=4, addition="B", postcode="3533ab", city="Utrecht"
        )
        hh = households.add_household(s, addr.id, "mw. Öztürk")
        households.add_resident(s, hh.id, "Ayşe Öztürk", birth_year=1961)
        hid = hh.id
    with vault.session() as s:
        record_visit(
            s,
            VisitInput(
                household_id=hid,
                kind=VisitKind.REGULIER,
                notes=f"{NOTE_MARKER} Bewoner vertelt over schulden bij de energieleverancier.",
                signals=[
                    SignalInput("financien.ongeopende_post", 2, remark=REMARK_MARKER),
                    SignalInput("financien.huurachterstand", 3),
                    SignalInput("sociaal.eenzaamheid", 1, remark=REMARK_MARKER),
                    SignalInput("woning.vervuiling", 1),
                ],
            ),
        )
        partner = partners.add_partner(
            s,
            name=partner_name,
            type=partner_type,
            contact_name="Ingrid de Boer",
            address_line="Zamenhofdreef 10",
            postcode="3562 JT",
            city="Utrecht",
        )
        ref = referrals.create_referral(
            s,
            referrals.ReferralInput(
                household_id=hid,
                partner_id=partner.id,
                reason="Zorgen over geldzaken en eenzaamheid; mevrouw wil graag hulp bij de post.",
                letter_context=context,
                signal_codes=[
                    "sociaal.eenzaamheid",
                    "financien.ongeopende_post",
                    "financien.huurachterstand",
                ],
                consent_form=ConsentForm.VERBAL if consent else None,
                consent_date=date(2026, 11, 20) if consent else None,
                basis_text="" if consent else "Acuut gevaar: meldcode huiselijk geweld, stap 5.",
                feedback_due=date(2026, 12, 24),
            ),
        )
        return Case(hid, partner.id, ref.id, ref.reference)


@pytest.fixture
def case(vault: Vault) -> Case:
    return _make_case(vault)


def _text(pdf: bytes) -> str:
    reader = PdfReader(io.BytesIO(pdf))
    return " ".join(" ".join(page.extract_text().split()) for page in reader.pages)


def _pages(pdf: bytes) -> list[str]:
    return [" ".join(p.extract_text().split()) for p in PdfReader(io.BytesIO(pdf)).pages]


def _letter(vault: Vault, case: Case, language: str = "nl") -> bytes:
    with vault.session() as s:
        return documents.generate_referral_letter(s, case.referral_id, language)


# ---- what the letter says ----------------------------------------------------------------
def test_referral_letter_has_every_section_with_diacritics_intact(vault: Vault, case: Case) -> None:
    text = _text(_letter(vault, case))
    for expected in (
        "Woonstichting Voorbeeld",  # letterhead
        "Postbus 1234",
        "VERTROUWELIJK",
        "Sociaal Wijkteam Overvecht",  # window
        "t.a.v. Ingrid de Boer",
        "Zamenhofdreef 10",
        "3562 JT UTRECHT",
        "Utrecht, 27 november 2026",  # place and date
        f"Ons kenmerk {case.reference}",
        "Betreft: Doorverwijzing mw. Öztürk",
        "Geachte Ingrid de Boer,",
        "Ayşe Öztürk, IJsselmeerstraat 4-B, 3533 AB Utrecht",
        "sociaal wijkteam",  # the wijkteam body
        "Reden van de doorverwijzing",
        "mevrouw wil graag hulp bij de post",
        "Wat wij hebben gezien",
        "Financiën",
        "Sociaal netwerk",
        "(ernst: zorgelijk)",
        "(ernst: ernstig)",
        "Toelichting",
        "Haar dochter Zoë helpt",
        "wĳkcentrum",
        "Grondslag voor het delen van deze gegevens",
        "20 november 2026 mondeling toestemming",
        "Terugkoppeling",
        "uiterlijk 24 december 2026",
        f"ons kenmerk {case.reference} vermelden",
        "Met vriendelijke groet,",
        "A. de Vries",
        "wijkbeheerder, Woonstichting Voorbeeld",
    ):
        assert expected in text, expected
    # Signals are grouped by domain in checklist order (Financiën before Sociaal netwerk),
    # and only the selected ones: woning.vervuiling was observed but not chosen.
    assert text.index("Financiën") < text.index("Sociaal netwerk")
    assert "Woning" not in text
    # One page: no page numbers.
    assert "pagina" not in text


def test_no_raw_visit_notes_or_remarks_in_any_document(vault: Vault, case: Case) -> None:
    made = []
    with vault.session() as s:
        for language in ("nl", "en"):
            made.append(documents.generate_referral_letter(s, case.referral_id, language))
            made.append(documents.generate_consent_form(s, case.referral_id, language))
            made.append(documents.generate_resident_letter(s, case.referral_id, language))
    for pdf in made:
        text = _text(pdf)
        assert "Ayşe Öztürk" in text  # the check itself reads the text
        assert NOTE_MARKER not in text
        assert REMARK_MARKER not in text
        assert "energieleverancier" not in text


def test_other_grondslag_is_stated_and_refuses_a_resident_letter(vault: Vault) -> None:
    case = _make_case(vault, consent=False, partner_type=PartnerType.VEILIG_THUIS)
    text = _text(_letter(vault, case))
    assert "zonder toestemming van de bewoner" in text
    assert "Acuut gevaar: meldcode huiselijk geweld, stap 5." in text
    assert "Veilig Thuis" in text
    with vault.session() as s, pytest.raises(ValidationError, match="alleen bij een"):
        documents.generate_resident_letter(s, case.referral_id)


def test_english_letter(vault: Vault, case: Case) -> None:
    text = _text(_letter(vault, case, "en"))
    for expected in (
        "CONFIDENTIAL",
        "attn. Ingrid de Boer",
        "Our reference",
        "27 November 2026",
        "Dear Ingrid de Boer,",
        "Money",
        "Piles of unopened mail",  # the English checklist label
        "(severity: worrying)",
        "On 20 November 2026 the resident consented verbally",
        "Please let us know by 24 December 2026",
        "Kind regards,",
    ):
        assert expected.lower() in text.lower(), expected


@pytest.mark.parametrize("ptype", list(PartnerType))
def test_every_partner_type_gets_a_body(vault: Vault, ptype: PartnerType) -> None:
    case = _make_case(vault, partner_type=ptype, partner_name=f"Partner {ptype.value}")
    with vault.session() as s:
        data = letters.letter_data(s, case.referral_id)
    t = load_templates("nl")
    intro_start = t.texts[t.body_key(ptype, "intro")].split("{")[0].strip()
    text = _text(render_referral_letter(data))
    assert intro_start in text
    own = f"referral.bodies.{ptype.value}.intro" in t.texts
    expected_own = ptype.value in {
        "wijkteam",
        "ggd",
        "schuldhulpverlening",
        "maatschappelijk_werk",
        "veilig_thuis",
        "anders",
    }
    assert own == expected_own


def test_consent_form_names_partner_and_what_is_shared(vault: Vault, case: Case) -> None:
    with vault.session() as s:
        pdf = documents.generate_consent_form(s, case.referral_id)
    reader = PdfReader(io.BytesIO(pdf))
    assert reader.metadata is not None and reader.metadata.title == "Toestemmingsformulier"
    text = _text(pdf)
    for expected in (
        "Toestemming voor het delen van gegevens",
        "Sociaal Wijkteam Overvecht (het sociaal wijkteam)",
        "Ayşe Öztürk",
        "IJsselmeerstraat 4-B, 3533 AB Utrecht",
        "Stapels ongeopende post",
        "Eenzaamheid",
        "Haar dochter Zoë helpt",
        "De aantekeningen van onze huisbezoeken worden niet gedeeld.",
        "intrekken bij A. de Vries",
        "Handtekening bewoner",
        "Handtekening medewerker",
    ):
        assert expected.lower() in text.lower(), expected


def test_resident_letter(vault: Vault, case: Case) -> None:
    with vault.session() as s:
        pdf = documents.generate_resident_letter(s, case.referral_id)
    text = _text(pdf)
    for expected in (
        "Ayşe Öztürk IJsselmeerstraat 4-B 3533 AB UTRECHT",
        "Geachte Ayşe Öztürk,",
        "Uw doorverwijzing naar Sociaal Wijkteam Overvecht",
        "toestemming van 20 november 2026",
        "Uw contactpersoon bij Sociaal Wijkteam Overvecht is Ingrid de Boer.",
    ):
        assert expected in text, expected


# ---- metadata, storage, audit ------------------------------------------------------------
def test_metadata_is_neutral(vault: Vault, case: Case) -> None:
    pdf = _letter(vault, case)
    meta = PdfReader(io.BytesIO(pdf)).metadata
    assert meta is not None
    assert meta.title == "Verwijsbrief"
    assert meta.author == "Woonstichting Voorbeeld"
    values = " ".join(str(v) for v in meta.values())
    for personal in ("Öztürk", "Ayşe", "IJsselmeer", "Ingrid", case.reference):
        assert personal not in values
    assert "/" not in str(meta.get("/Creator")) + str(meta.get("/Producer"))
    # Both fonts are embedded (subset), none of the 14 standard fonts is used.
    assert pdf.count(b"/FontFile2") == 2
    assert b"/Helvetica" not in pdf


def test_same_data_gives_the_same_bytes(vault: Vault, case: Case) -> None:
    with vault.session() as s:
        data = letters.letter_data(s, case.referral_id)
    assert render_referral_letter(data) == render_referral_letter(data)


def test_letter_is_stored_regenerated_and_audited(vault: Vault, case: Case) -> None:
    first = _letter(vault, case)
    with vault.session() as s:
        assert letters.stored_letter(s, case.reference) == first
        ref = s.get(Referral, case.referral_id)
        assert ref is not None
        ref.letter_context = "Nieuwe toelichting voor de partner."
    second = _letter(vault, case)
    assert second != first
    assert "Nieuwe toelichting voor de partner." in _text(second)
    with vault.session() as s:
        assert letters.stored_letter(s, case.referral_id) == second
        letters.record_letter_printed(s, case.referral_id, copies=2)
        letters.record_letter_saved(s, case.referral_id, letters.LetterKind.CONSENT)
        events = list(
            s.scalars(
                select(AuditEvent)
                .where(AuditEvent.action.like("letter_%"))
                .order_by(AuditEvent.seq)
            )
        )
    assert [e.action for e in events] == [
        "letter_generated",
        "letter_generated",
        "letter_printed",
        "letter_saved",
    ]
    assert all(e.entity == "referral" and e.entity_id == case.referral_id for e in events)
    assert all(e.household_id == case.household_id for e in events)
    assert events[0].detail.startswith("soort: verwijsbrief; taal: nl")
    assert events[2].detail == "soort: verwijsbrief; exemplaren: 2"
    assert events[3].detail == "soort: toestemmingsformulier"
    for e in events:
        assert "Öztürk" not in e.detail and "Ingrid" not in e.detail


def test_a_letter_for_an_unknown_referral_is_refused(vault: Vault) -> None:
    with vault.session() as s, pytest.raises(NotFoundError, match="WV-2099-0001"):
        documents.generate_referral_letter(s, "WV-2099-0001")


# ---- layout --------------------------------------------------------------------------------
def _positioned_text(pdf: bytes, page: int = 0) -> list[tuple[str, float, float, float, bool]]:
    """(text, x mm from left, baseline mm from top, font size, bold) per text run."""
    reader = PdfReader(io.BytesIO(pdf))
    height = float(reader.pages[page].mediabox.height)
    runs: list[tuple[str, float, float, float, bool]] = []

    def visitor(text: str, cm: Any, tm: Any, font: Any, size: float) -> None:
        if not text.strip():
            return
        x = tm[4] * cm[0] + cm[4]
        y_pt = tm[5] * cm[3] + cm[5]
        scale = abs(tm[0] * cm[0]) or 1.0
        bold = "Bold" in str((font or {}).get("/BaseFont", ""))
        runs.append((text.strip(), x / MM, (height - y_pt) / MM, size * scale, bold))

    reader.pages[page].extract_text(visitor_text=visitor)
    return runs


def _assert_inside_window(runs: list[tuple[str, float, float, float, bool]]) -> None:
    fonts = register_fonts()
    for text, x, baseline, size, bold in runs:
        width = stringWidth(text, fonts.bold if bold else fonts.regular, size) / MM
        ascent = size * 0.76 / MM  # DejaVu Sans cap height is about 0.73 em
        descent = size * 0.24 / MM
        assert WINDOW.left <= x and x + width <= WINDOW.right, (text, x, width)
        assert WINDOW.top <= baseline - ascent and baseline + descent <= WINDOW.bottom, (
            text,
            baseline,
        )


def test_partner_address_block_lies_inside_the_envelope_window(vault: Vault, case: Case) -> None:
    runs = _positioned_text(_letter(vault, case))
    block = {
        "VERTROUWELIJK",
        "Sociaal Wijkteam Overvecht",
        "t.a.v. Ingrid de Boer",
        "Zamenhofdreef 10",
        "3562 JT  UTRECHT",
    }
    found = [r for r in runs if (r[0] in block or r[0].startswith("Retouradres")) and r[2] < 100]
    assert {r[0] for r in found} >= block
    assert any(r[0].startswith("Retouradres: Woonstichting Voorbeeld") for r in found)
    _assert_inside_window(found)
    # Address lines in the order the post expects, sharing one left edge.
    lines = [r for r in found if r[0] in block - {"VERTROUWELIJK"}]
    assert [r[0] for r in sorted(lines, key=lambda r: r[2])] == [
        "Sociaal Wijkteam Overvecht",
        "t.a.v. Ingrid de Boer",
        "Zamenhofdreef 10",
        "3562 JT  UTRECHT",
    ]
    assert len({round(r[1], 2) for r in lines}) == 1
    # Nothing else is printed in the window (the reference block sits to its right).
    others = [
        r
        for r in runs
        if r not in found
        and WINDOW.left <= r[1] <= WINDOW.right
        and WINDOW.top <= r[2] <= WINDOW.bottom
    ]
    assert others == []


def test_long_names_are_shrunk_to_stay_in_the_window(vault: Vault) -> None:
    case = _make_case(
        vault,
        partner_name="Stichting Maatschappelijke Dienstverlening en Welzijn Regio Utrecht-Oost",
        partner_type=PartnerType.MAATSCHAPPELIJK_WERK,
    )
    runs = _positioned_text(_letter(vault, case))
    found = [r for r in runs if r[0].startswith("Stichting Maatschappelijke") and r[2] < 100]
    assert len(found) == 1 and found[0][3] < 10
    _assert_inside_window(found)


def test_resident_address_block_lies_inside_the_window(vault: Vault, case: Case) -> None:
    with vault.session() as s:
        pdf = documents.generate_resident_letter(s, case.referral_id)
    runs = _positioned_text(pdf)
    block = {"Ayşe Öztürk", "IJsselmeerstraat 4-B", "3533 AB  UTRECHT"}
    found = [r for r in runs if r[0] in block and r[2] < 100]
    assert {r[0] for r in found} == block
    _assert_inside_window(found)


def test_long_context_flows_onto_page_two_with_page_numbers(vault: Vault) -> None:
    long_context = "\n\n".join(
        f"Alinea {i}: mevrouw vertelt over haar week, de buren en de post. "
        "Zij wil graag dat iemand meekijkt en staat open voor een gesprek." * 2
        for i in range(1, 13)
    )
    case = _make_case(vault, context=long_context)
    pdf = _letter(vault, case)
    pages = _pages(pdf)
    assert len(pages) == 2
    assert "pagina 1 van 2" in pages[0]
    assert "pagina 2 van 2" in pages[1]
    assert "Alinea 1:" in pages[0] and "Alinea 12:" in pages[1]
    # Page 2 carries the small running header, not the letterhead and window.
    assert f"Verwijsbrief {case.reference}" in pages[1]
    assert "t.a.v. Ingrid de Boer" not in pages[1]
    # The closing stays together with the signature.
    assert "Met vriendelijke groet, A. de Vries" in pages[1]


def test_logo_is_drawn_and_a_broken_logo_is_refused(vault: Vault, case: Case) -> None:
    buf = io.BytesIO()
    Image.new("RGB", (300, 100), (200, 60, 30)).save(buf, format="PNG")
    with vault.session() as s:
        data = letters.letter_data(s, case.referral_id)
    with_logo = replace(data, organisation=replace(data.organisation, logo_png=buf.getvalue()))
    pdf = render_referral_letter(with_logo)
    assert b"/Subtype /Image" in pdf
    broken = replace(data, organisation=replace(data.organisation, logo_png=b"not a png"))
    with pytest.raises(ValidationError, match="logo"):
        render_referral_letter(broken)


def _render_page1(pdf: bytes, dpi: int = 50) -> Image.Image:
    png = subprocess.run(
        ["pdftoppm", "-png", "-gray", "-r", str(dpi), "-f", "1", "-l", "1", "-singlefile", "-"],
        input=pdf,
        capture_output=True,
        check=True,
        timeout=60,
    ).stdout
    return Image.open(io.BytesIO(png)).convert("L")


def test_page_one_matches_the_reviewed_reference(vault: Vault, case: Case) -> None:
    image = _render_page1(_letter(vault, case))
    if os.environ.get("WAAKVLAM_UPDATE_REFERENCE"):
        REFERENCE_PNG.parent.mkdir(exist_ok=True)
        image.save(REFERENCE_PNG, optimize=True)
    reference = Image.open(REFERENCE_PNG).convert("L")
    assert image.size == reference.size
    diff = ImageChops.difference(image, reference)
    histogram = diff.histogram()
    changed = sum(histogram[64:])  # pixels that differ visibly
    mean = sum(i * n for i, n in enumerate(histogram)) / (image.size[0] * image.size[1])
    assert changed / (image.size[0] * image.size[1]) < 0.002, changed
    assert mean < 1.0, mean


def test_page_comparison_can_fail(vault: Vault, case: Case) -> None:
    """The tolerance above is tight enough to notice a moved address block."""
    with vault.session() as s:
        data = letters.letter_data(s, case.referral_id)
    moved = replace(data, recipient=replace(data.recipient, address_line="Postbus 99999"))
    image = _render_page1(render_referral_letter(moved))
    reference = Image.open(REFERENCE_PNG).convert("L")
    histogram = ImageChops.difference(image, reference).histogram()
    assert sum(histogram[64:]) > 0


# ---- templates ---------------------------------------------------------------------------
def _shipped_doc(language: str = "nl") -> dict[str, Any]:
    raw = resources.files("waakvlam_desktop.resources").joinpath(f"letters/{language}.json")
    doc: dict[str, Any] = json.loads(raw.read_text(encoding="utf-8"))
    return doc


def _parse(doc: dict[str, Any]) -> None:
    parse_templates(json.dumps(doc).encode(), "test.json")


def test_shipped_templates_cover_the_same_texts_in_both_languages() -> None:
    nl, en = load_templates("nl"), load_templates("en")
    assert set(nl.texts) == set(en.texts)
    assert nl.format_date(date(2026, 11, 28)) == "28 november 2026"
    assert en.format_date(date(2026, 3, 1)) == "1 March 2026"


@pytest.mark.parametrize(
    ("change", "message"),
    [
        (
            lambda d: d["referral"].__setitem__("closing", "Groet, {afzender}"),
            r"'referral.closing' gebruikt \{afzender\}; toegestaan: .*\{organisation\}",
        ),
        (lambda d: d["referral"].pop("closing"), "'referral.closing' ontbreekt"),
        (lambda d: d["referral"].__setitem__("closing", "Groet {"), "losse accolade"),
        (
            lambda d: d["referral"].__setitem__("closing", "{organisation!r}"),
            "ongeldige plaatsaanduiding",
        ),
        (lambda d: d["labels"].__setitem__("pagina", "x"), "onbekende tekst 'labels.pagina'"),
        (lambda d: d["referral"]["bodies"]["ggd"].pop("request"), "ontbreekt 'request'"),
        (lambda d: d.__setitem__("months", ["jan"]), "12 maandnamen"),
        (lambda d: d.__setitem__("format", 2), "onbekend formaat"),
        (lambda d: d["labels"].__setitem__("page", 3), "moet tekst zijn"),
    ],
)
def test_broken_templates_are_refused_on_load(change: Any, message: str) -> None:
    doc = _shipped_doc()
    change(doc)
    with pytest.raises(LetterTemplateError, match=message):
        _parse(doc)


def test_broken_json_is_refused() -> None:
    with pytest.raises(LetterTemplateError, match="geen geldige JSON"):
        parse_templates(b"{", "kapot.json")


def test_organisation_wording_overrides_the_shipped_file(
    vault: Vault, case: Case, vault_dir: Path
) -> None:
    doc = _shipped_doc()
    doc["referral"]["closing"] = "Met hartelijke groet namens {organisation},"
    folder = vault_dir / "letters"
    folder.mkdir()
    (folder / "nl.json").write_text(json.dumps(doc), encoding="utf-8")
    with vault.session() as s:
        pdf = documents.generate_referral_letter(s, case.referral_id, vault_folder=vault_dir)
    assert "Met hartelijke groet namens Woonstichting Voorbeeld," in _text(pdf)
    (folder / "nl.json").write_text('{"format": 1}', encoding="utf-8")
    with vault.session() as s, pytest.raises(LetterTemplateError, match="language"):
        documents.generate_referral_letter(s, case.referral_id, vault_folder=vault_dir)


# ---- lists for the GUI -------------------------------------------------------------------
def test_lists_and_waiting_for_feedback(vault: Vault, clock: FixedClock, case: Case) -> None:
    other = add_household(vault, "fam. Jansen", number=14)
    with vault.session() as s:
        rows = referrals.list_referrals(s)
        assert [r.reference for r in rows] == [case.reference]
        row = rows[0]
        assert row.household_label == "mw. Öztürk"
        assert row.address == "IJsselmeerstraat 4-B"
        assert row.partner_type is PartnerType.WIJKTEAM
        assert row.status is ReferralStatus.CONCEPT
        assert row.has_letter is False
        assert referrals.list_referrals(s, household_id=other) == []
        today = date(2026, 11, 27)
        # A concept is not waiting for anything yet.
        assert referrals.referrals_waiting_for_feedback(s, today) == []
        referrals.change_status(s, case.referral_id, ReferralStatus.VERSTUURD)
    _letter(vault, case)
    with vault.session() as s:
        assert referrals.list_referrals(s)[0].has_letter is True
        assert (
            referrals.list_referrals(s, status=ReferralStatus.VERSTUURD)[0].id == case.referral_id
        )
        waiting = referrals.referrals_waiting_for_feedback(s, date(2026, 11, 27))
        assert [(w.reference, w.days_overdue) for w in waiting] == [(case.reference, 0)]
        assert (
            referrals.referrals_waiting_for_feedback(s, date(2026, 11, 27), overdue_only=True) == []
        )
        late = date(2026, 12, 24) + timedelta(days=3)
        overdue = referrals.referrals_waiting_for_feedback(s, late, overdue_only=True)
        assert [(w.reference, w.days_overdue, w.partner_name) for w in overdue] == [
            (case.reference, 3, "Sociaal Wijkteam Overvecht")
        ]
        referrals.change_status(s, case.referral_id, ReferralStatus.ONTVANGEN)
        referrals.change_status(s, case.referral_id, ReferralStatus.AFGESLOTEN, note="Opgepakt")
        assert referrals.referrals_waiting_for_feedback(s, late) == []


def test_letter_data_is_plain(vault: Vault, case: Case) -> None:
    with vault.session() as s:
        data = letters.letter_data(s, case.reference, "en")
    # Usable after the session closed: no ORM object inside.
    assert data.household.residents == ("Ayşe Öztürk",)
    assert [g.label for g in data.signals] == ["Money", "Social network"]
    assert [s.code for s in data.signals[0].signals] == [
        "financien.huurachterstand",
        "financien.ongeopende_post",
    ]
    assert data.letter_date == date(2026, 11, 27)
    assert data.place == "Utrecht"
    with pytest.raises(AttributeError):
        data.reason = "x"  # type: ignore[misc]

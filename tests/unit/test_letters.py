"""Referral letters, consent forms and resident letters: real PDFs from a real vault, read
back with pypdf and rendered with pdftoppm (in memory: stdin to stdout)."""

from __future__ import annotations

import io
import json
import os
import subprocess
from dataclasses import dataclass, replace
from datetime import date, timedelta
from functools import cache
from importlib import resources
from pathlib import Path
from typing import Any

import pytest
from PIL import Image, ImageChops, ImageFont
from pypdf import PdfReader
from reportlab.pdfbase.pdfmetrics import stringWidth
from sqlalchemy import select

from tests.helpers import add_household
from waakvlam_desktop.clock import FixedClock
from waakvlam_desktop.documents import referral_documents as documents
from waakvlam_desktop.documents.consent_form import render_consent_form
from waakvlam_desktop.documents.envelopes import Box, geometry
from waakvlam_desktop.documents.fonts import register_fonts
from waakvlam_desktop.documents.layout import EXPOSED
from waakvlam_desktop.documents.referral_letter import render_referral_letter
from waakvlam_desktop.documents.templates import load_templates, parse_templates
from waakvlam_desktop.domain import households, letters, partners, referrals
from waakvlam_desktop.domain.names import NO_NAME, PersonName
from waakvlam_desktop.domain.settings import save_setting
from waakvlam_desktop.domain.types import (
    ConsentForm,
    PartnerType,
    ReferralStatus,
    Salutation,
    VisitKind,
)
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
REFERENCE_DIR = Path(__file__).parent / "data"
REFERENCE_PNG = REFERENCE_DIR / "referral_letter_page1.png"
MM = 72 / 25.4
INK_UNITS = 1000  # FreeType measures the ink of a text run at this size (points)
DE_BOER = PersonName(Salutation.MEVROUW, "I.", "de", "Boer")
OZTURK = PersonName(Salutation.MEVROUW, "A.", "", "Öztürk")


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
    contact: PersonName = DE_BOER,
    residents: tuple[tuple[str, PersonName], ...] = (("Ayşe Öztürk", OZTURK),),
    label: str = "mw. Öztürk",
) -> Case:
    _organisation(vault)
    with vault.session() as s:
        addr = households.add_address(
            s, street="IJsselmeerstraat", number=4, addition="B", postcode="3533ab", city="Utrecht"
        )
        hh = households.add_household(s, addr.id, label)
        concerned = [
            households.add_resident(s, hh.id, name, birth_year=1961, parts=parts).id
            for name, parts in residents
        ]
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
            contact=contact,
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
                concerns=concerned,  # the letter is about every resident made here
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
        "Woonstichting Voorbeeld, Postbus 1234, 3500 AB Utrecht",  # return line
        "Sociaal Wijkteam Overvecht",  # window
        "t.a.v. mevrouw I. de Boer",
        "Zamenhofdreef 10",
        "3562 JT UTRECHT",
        "Datum Utrecht, 27 november 2026",  # place (the organisation's) and date
        f"Ons kenmerk {case.reference}",
        "Contactpersoon A. de Vries 030-123 45 67 info@voorbeeld.nl",
        "Doorverwijzing mw. Öztürk",
        "Geachte mevrouw De Boer,",
        "Ayşe Öztürk, IJsselmeerstraat 4-B, 3533 AB Utrecht, en vragen u daarom om ondersteuning",
        "Wilt u contact opnemen met mevrouw Öztürk",  # one resident: by name, singular
        "Onze zorgen",
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
        "Op 20 november 2026 heeft mevrouw Öztürk mondeling toestemming gegeven",
        "Terugkoppeling",
        "uiterlijk 24 december 2026",
        f"Vermeld daarbij ons kenmerk {case.reference}.",
        "Met vriendelijke groet,",
        "A. de Vries",
        "wijkbeheerder, Woonstichting Voorbeeld",
    ):
        assert expected in text, expected
    # Signals are grouped by domain in checklist order (Financiën before Sociaal netwerk),
    # and only the selected ones: woning.vervuiling was observed but not chosen.
    assert text.index("Financiën") < text.index("Sociaal netwerk")
    assert "Woning" not in text
    # Never "verwijzen … door naar" the addressee, no "Betreft:" label.
    assert "verwijzen" not in text and "Betreft" not in text
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
        assert "Öztürk" in text  # the check itself reads the text
        assert NOTE_MARKER not in text
        assert REMARK_MARKER not in text
        assert "energieleverancier" not in text


def test_other_grondslag_is_stated_and_refuses_a_resident_letter(vault: Vault) -> None:
    case = _make_case(vault, consent=False, partner_type=PartnerType.VEILIG_THUIS)
    text = _text(_letter(vault, case))
    assert "zonder toestemming van mevrouw Öztürk" in text
    assert "Acuut gevaar: meldcode huiselijk geweld, stap 5." in text
    # Veilig Thuis gets a melding, not a referral.
    assert "Melding mw. Öztürk" in text and "Doorverwijzing" not in text
    assert "Daarom doen wij bij u een melding." in text
    assert PdfReader(io.BytesIO(_letter(vault, case))).metadata.title == "Melding"
    with vault.session() as s, pytest.raises(ValidationError, match="alleen bij een"):
        documents.generate_resident_letter(s, case.referral_id)


def test_an_organisation_may_greet_with_beste(vault: Vault, case: Case) -> None:
    with vault.session() as s:
        save_setting(s, "letter_greeting", "beste")
    assert "Beste mevrouw De Boer," in _text(_letter(vault, case))
    with vault.session() as s:
        pdf = documents.generate_resident_letter(s, case.referral_id)
    assert "Beste mevrouw Öztürk," in _text(pdf)
    with vault.session() as s, pytest.raises(ValidationError, match="geachte of beste"):
        save_setting(s, "letter_greeting", "hoi")


def test_no_letter_about_veilig_thuis_goes_to_the_home(vault: Vault) -> None:
    case = _make_case(vault, partner_type=PartnerType.VEILIG_THUIS)
    with vault.session() as s, pytest.raises(ValidationError, match="Veilig Thuis"):
        documents.generate_resident_letter(s, case.referral_id)


def test_english_letter(vault: Vault, case: Case) -> None:
    text = _text(_letter(vault, case, "en"))
    for expected in (
        "CONFIDENTIAL",
        "attn. Ms I. de Boer",
        "Our reference",
        "27 November 2026",
        "Dear Ms De Boer,",
        "Money",
        "Piles of unopened mail",  # the English checklist label
        "(severity: worrying)",
        "On 20 November 2026, Ms Öztürk gave consent verbally",
        "Would you let us know by 24 December 2026",
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
        "Mevrouw A. Öztürk IJsselmeerstraat 4-B 3533 AB UTRECHT",
        "Sociaal Wijkteam Overvecht neemt contact met u op",
        "Geachte mevrouw Öztürk,",
        "toestemming op 20 november 2026",
        # Exactly what the disclosure spec lets this partner's bundles carry (no phone:
        # the resident did not agree to be called) ...
        "alleen verteld wat wij met u hebben afgesproken: • een code voor uw huishouden"
        " (geen naam of nummer) • de naam van uw huishouden • uw adres",
        "• de reden van de doorverwijzing",
        # ... and what the concerns are about, in plain words per domain.
        "Onze zorgen gaan over: • zorgen over geld • zorgen over contact met anderen",
        "Bij Sociaal Wijkteam Overvecht is mevrouw I. de Boer uw contactpersoon.",
        "Bel dan A. de Vries: 030-123 45 67.",
    ):
        assert expected in text, expected
    assert "telefoonnummer" not in text
    # No checklist labels and no severity per sign.
    for label in ("ernst:", "(ernst", "Huurachterstand", "ongeopende post", "Eenzaamheid"):
        assert label not in text
    assert "Financiën" not in text
    assert "pagina" not in text


# ---- metadata, storage, audit ------------------------------------------------------------
def test_metadata_is_neutral(vault: Vault, case: Case) -> None:
    pdf = _letter(vault, case)
    meta = PdfReader(io.BytesIO(pdf)).metadata
    assert meta is not None
    assert meta.title == "Verwijsbrief"
    assert meta.author == "Woonstichting Voorbeeld"
    values = " ".join(str(v) for v in meta.values())
    for personal in ("Öztürk", "Ayşe", "IJsselmeer", "Boer", case.reference):
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
        assert "Öztürk" not in e.detail and "Boer" not in e.detail


def test_a_letter_for_an_unknown_referral_is_refused(vault: Vault) -> None:
    with vault.session() as s, pytest.raises(NotFoundError, match="WV-2099-0001"):
        documents.generate_referral_letter(s, "WV-2099-0001")


# ---- layout --------------------------------------------------------------------------------
Run = tuple[str, float, float, float, bool, float]


def _positioned_text(pdf: bytes, page: int = 0) -> list[Run]:
    """(text, x mm from left, baseline mm from top, font size, bold, horizontal scale) per
    text run; runs of spaces are read as one space."""
    reader = PdfReader(io.BytesIO(pdf))
    height = float(reader.pages[page].mediabox.height)
    runs: list[Run] = []

    def visitor(text: str, cm: Any, tm: Any, font: Any, size: float) -> None:
        if not text.strip():
            return
        x = tm[4] * cm[0] + cm[4]
        y_pt = tm[5] * cm[3] + cm[5]
        vertical = abs(tm[3] * cm[3]) or 1.0
        horizontal = abs(tm[0] * cm[0]) / vertical
        bold = "Bold" in str((font or {}).get("/BaseFont", ""))
        text = " ".join(text.split())
        runs.append((text, x / MM, (height - y_pt) / MM, size * vertical, bold, horizontal))

    reader.pages[page].extract_text(visitor_text=visitor)
    return runs


@cache
def _face(bold: bool) -> ImageFont.FreeTypeFont:
    name = "DejaVuSans-Bold.ttf" if bold else "DejaVuSans.ttf"
    with resources.as_file(
        resources.files("waakvlam_desktop.resources").joinpath("fonts", name)
    ) as path:
        return ImageFont.truetype(str(path), INK_UNITS)


def _box(run: Run) -> Box:
    """The ink box of a text run in mm, measured with FreeType on the embedded font: the
    dots of Ö and the cedilla of Ç count (the font's nominal ascent, 0.76 em, does not
    cover them)."""
    fonts = register_fonts()
    text, x, baseline, size, bold, horizontal = run
    left, top, right, bottom = _face(bold).getbbox(text, anchor="ls")
    scale = size / INK_UNITS / MM
    advance = stringWidth(text, fonts.bold if bold else fonts.regular, size) / MM
    x0 = x + min(0.0, left * scale) * horizontal
    x1 = x + max(advance, right * scale) * horizontal
    return Box(x0, baseline + top * scale, x1 - x0, (bottom - top) * scale)


def _overlaps(a: Box, b: Box) -> bool:
    return a.left < b.right and b.left < a.right and a.top < b.bottom and b.top < a.bottom


def _window_margins(pdf: bytes, block: list[str]) -> dict[str, float]:
    """Check page 1 of ``pdf`` in every envelope at every sheet position its play allows
    (0.5 mm apart, the extremes included): every line of ``block`` (in this order, top to
    bottom, one left edge) lies wholly inside the window, and no other text shows through.
    Returns the smallest distance from an address line to a window edge, per envelope."""
    runs = _positioned_text(pdf)
    g = geometry()
    shown = [r for r in runs if _overlaps(_box(r), EXPOSED)]
    assert [r[0] for r in sorted(shown, key=lambda r: r[2])] == block, shown
    assert len({round(r[1], 3) for r in shown}) == 1  # one left edge
    margins: dict[str, float] = {}
    for envelope in g.envelopes:
        positions = envelope.windows(g.sheet)
        side, vertical = envelope.play(g.sheet)
        assert {(r, d) for r, d, _w in positions} >= {
            (0.0, 0.0),
            (side, 0.0),
            (0.0, vertical),
            (side, vertical),
        }
        smallest = 1e9
        for right, down, window in positions:
            for run in shown:
                box = _box(run)
                gaps = (
                    box.left - window.left,
                    window.right - box.right,
                    box.top - window.top,
                    window.bottom - box.bottom,
                )
                assert min(gaps) >= 0, (envelope.code, right, down, run[0], gaps)
                smallest = min(smallest, *gaps)
            for run in runs:
                if run not in shown:
                    assert not _overlaps(_box(run), window), (envelope.code, run)
        margins[envelope.code] = round(smallest, 2)
    return margins


def test_the_envelopes_are_din_data() -> None:
    g = geometry()
    assert g.sheet.folds == (105.0, 210.0)
    assert g.address_field.box == Box(20, 45, 85, 45)
    codes = {e.code: e for e in g.envelopes}
    assert {"DL", "C5/6"} <= set(codes)
    for e in codes.values():  # DIN 680 windows
        assert (e.window_left, e.window_bottom, e.window_width, e.window_height) == (
            20,
            15,
            90,
            45,
        )
    assert codes["DL"].play(g.sheet) == (10, 5)
    assert codes["C5/6"].play(g.sheet) == (19, 9)


def test_partner_address_block_fits_every_envelope_at_every_position(
    vault: Vault, case: Case
) -> None:
    pdf = _letter(vault, case)
    margins = _window_margins(
        pdf,
        [
            "Woonstichting Voorbeeld, Postbus 1234, 3500 AB Utrecht",
            "VERTROUWELIJK",
            "Sociaal Wijkteam Overvecht",
            "t.a.v. mevrouw I. de Boer",
            "Zamenhofdreef 10",
            "3562 JT UTRECHT",
        ],
    )
    assert all(m > 0.5 for m in margins.values()), margins
    sizes = {r[0]: r[3] for r in _positioned_text(pdf)}
    assert sizes["Woonstichting Voorbeeld, Postbus 1234, 3500 AB Utrecht"] >= 6.5
    assert sizes["Zamenhofdreef 10"] >= 10 and sizes["t.a.v. mevrouw I. de Boer"] >= 10


def test_long_names_wrap_inside_the_window_at_full_size(vault: Vault) -> None:
    case = _make_case(
        vault,
        partner_name="Stichting Maatschappelijke Dienstverlening Utrecht-Oost",
        partner_type=PartnerType.MAATSCHAPPELIJK_WERK,
        contact=PersonName(Salutation.MEVROUW, "F.", "", "Öztürk-van der Heijden"),
    )
    pdf = _letter(vault, case)
    margins = _window_margins(
        pdf,
        [
            "Woonstichting Voorbeeld, Postbus 1234, 3500 AB Utrecht",
            "VERTROUWELIJK",
            "Stichting Maatschappelijke",
            "Dienstverlening Utrecht-Oost",
            "t.a.v. mevrouw F. Öztürk-van der",
            "Heijden",
            "Zamenhofdreef 10",
            "3562 JT UTRECHT",
        ],
    )
    assert all(m > 0.5 for m in margins.values()), margins
    for run in _positioned_text(pdf):
        if _overlaps(_box(run), EXPOSED) and run[0] != "VERTROUWELIJK":
            assert run[3] >= 6.5 and "…" not in run[0]


def test_an_address_longer_than_the_window_is_refused(vault: Vault) -> None:
    """Six address lines at most (DIN 5008); the letter is refused rather than cut."""
    case = _make_case(
        vault,
        partner_name="Stichting Maatschappelijke Dienstverlening en Welzijn Regio Utrecht-Oost",
        contact=PersonName(Salutation.MEVROUW, "F.", "", "Öztürk-van der Heijden"),
    )
    with pytest.raises(ValidationError, match="past niet in het venster"):
        _letter(vault, case)


def test_resident_address_block_fits_and_says_nothing_else(vault: Vault) -> None:
    case = _make_case(
        vault,
        residents=(
            ("Ayşe Çelik", PersonName(Salutation.MEVROUW, "A.", "", "Çelik")),
            ("Johannes IJzerman", NO_NAME),
        ),
        label="fam. Çelik-IJzerman",
    )
    for language, block in (
        ("nl", ["Mevrouw A. Çelik", "Johannes IJzerman"]),
        ("en", ["Ms A. Çelik", "Johannes IJzerman"]),
    ):
        with vault.session() as s:
            pdf = documents.generate_resident_letter(s, case.referral_id, language)
        margins = _window_margins(
            pdf,
            [
                "Woonstichting Voorbeeld, Postbus 1234, 3500 AB Utrecht",
                *block,
                "IJsselmeerstraat 4-B",
                "3533 AB UTRECHT",
            ],
        )
        assert all(m > 0.5 for m in margins.values()), margins
        # The window shows no partner and no marking; the letter to a home says
        # "vertrouwelijk" nowhere.
        text = _text(pdf)
        assert "CONFIDENTIAL" not in text.upper() and "VERTROUWELIJK" not in text.upper()


def test_reference_column_wraps_and_never_shrinks(vault: Vault, case: Case) -> None:
    with vault.session() as s:
        data = letters.letter_data(s, case.referral_id)
    long = replace(
        data,
        staff=replace(
            data.staff,
            email="j.vanijsselstein-de-bruijn@woningstichting-eemland-en-zoon.nl",
            phone="06-12 34 56 78",
        ),
    )
    runs = [r for r in _positioned_text(render_referral_letter(long)) if r[1] >= 124]
    column = [r for r in runs if 45 < r[2] < 100]
    values = [r for r in column if not r[4] and r[3] >= 8.5]
    assert values and all(r[3] >= 9 for r in values)
    assert not any("…" in r[0] for r in column)
    joined = "".join(r[0] for r in values)
    assert "j.vanijsselstein-de-bruijn@woningstichting-eemland-en-zoon.nl" in joined
    assert "06-12 34 56 78" in [r[0] for r in values]
    assert all(r[1] + _box(r).width <= 190.01 for r in column)


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
    assert "t.a.v. mevrouw I. de Boer" not in pages[1]
    # The closing stays together with the signature.
    assert "Met vriendelijke groet, A. de Vries" in pages[1]


def _paragraphs(n: int) -> str:
    return "\n\n".join(
        f"Alinea {i}: mevrouw vertelt over haar week, de buren en de post; zij wil graag dat"
        " iemand meekijkt."
        for i in range(1, n + 1)
    )


def _check_page_numbers(pages: list[str]) -> None:
    if len(pages) == 1:
        assert "pagina" not in pages[0]
    for i, page in enumerate(pages, 1):
        if len(pages) > 1:
            assert f"pagina {i} van {len(pages)}" in page


def test_the_end_of_a_letter_never_stands_alone(vault: Vault) -> None:
    """Whatever the length: the feedback request, closing, signature and privacy note share
    the last page, and no page holds only the note (a household of five residents)."""
    case = _make_case(
        vault,
        residents=tuple(
            (n, NO_NAME) for n in ("Kees Bakker", "Els Bakker", "Sem Bakker", "Noor Bakker", "Fien")
        ),
        label="fam. Bakker",
    )
    with vault.session() as s:
        data = letters.letter_data(s, case.referral_id)
    counts = set()
    for n in range(0, 16):
        pages = _pages(render_referral_letter(replace(data, context=_paragraphs(n))))
        counts.add(len(pages))
        last = pages[-1]
        for part in ("Terugkoppeling", "Met vriendelijke groet", "A. de Vries", "Deze brief bevat"):
            assert part in last, (n, part)
        assert "de bewoners" in last  # five residents: plural
        _check_page_numbers(pages)
    assert counts >= {1, 2}


def test_consent_form_keeps_what_is_agreed_with_the_signatures(vault: Vault) -> None:
    case = _make_case(vault)
    with vault.session() as s:
        data = letters.letter_data(s, case.referral_id)
    seen = set()
    for n in range(0, 40, 3):
        pages = _pages(render_consent_form(replace(data, context=_paragraphs(n))))
        signing = [p for p in pages if "Handtekening bewoner" in p]
        assert len(signing) == 1
        page = signing[0]
        assert "Ondertekening" in page and "Handtekening medewerker" in page
        if "Wat wordt gedeeld" in page:
            seen.add("together")
            assert "De aantekeningen van onze huisbezoeken worden niet gedeeld." in page
        else:  # what is agreed to is too long for one page: the signature page says whose
            seen.add("recap")
            assert f"Kenmerk {case.reference} · Ayşe Öztürk · IJsselmeerstraat 4-B" in page
        _check_page_numbers(pages)
    assert seen == {"together", "recap"}


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


@pytest.mark.parametrize(
    ("kind", "generate"),
    [
        ("referral_letter", documents.generate_referral_letter),
        ("resident_letter", documents.generate_resident_letter),
        ("consent_form", documents.generate_consent_form),
    ],
)
def test_page_one_matches_the_reviewed_reference(
    vault: Vault, case: Case, kind: str, generate: Any
) -> None:
    with vault.session() as s:
        image = _render_page1(generate(s, case.referral_id))
    path = REFERENCE_DIR / f"{kind}_page1.png"
    if os.environ.get("WAAKVLAM_UPDATE_REFERENCE"):
        path.parent.mkdir(exist_ok=True)
        image.save(path, optimize=True)
    reference = Image.open(path).convert("L")
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
    # Every domain of the shipped checklist has a plain phrase for the resident letter.
    for domain in ("woning", "financien", "gezondheid", "sociaal", "veiligheid", "zelfredzaamheid"):
        assert f"resident.domains.{domain}" in nl.texts
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
        (lambda d: d.__setitem__("format", 1), "onbekend formaat"),
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
    (folder / "nl.json").write_text('{"format": 2}', encoding="utf-8")
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
        assert referrals.referrals_waiting_for_feedback(s, date(2026, 11, 27), overdue=True) == []
        late = date(2026, 12, 24) + timedelta(days=3)
        overdue = referrals.referrals_waiting_for_feedback(s, late, overdue=True)
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

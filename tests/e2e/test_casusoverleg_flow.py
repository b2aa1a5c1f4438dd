"""The whole flow of #18 as a user runs it (real processes on a real vault, real PDFs read
back): an incident in a complex → an event with actions → two residents' offers → a
suggested and recorded introduction → a case conference with two partners, one without a
grondslag for a household (its agenda shows only the pseudonym) → agreements → the next
meeting's agenda still carries the unsolved household → solved → gone."""

from __future__ import annotations

import io
import json
import zipfile
from datetime import date, timedelta
from pathlib import Path

import pyrage
from pypdf import PdfReader

from tests.conftest import PASSPHRASE
from tests.e2e.conftest import Cli, one_line_error
from waakvlam_desktop.domain import households, partners
from waakvlam_desktop.domain.referrals import ReferralInput, create_referral
from waakvlam_desktop.domain.types import ConsentForm, PartnerType, VisitKind
from waakvlam_desktop.domain.visits import SignalInput, VisitInput, record_visit
from waakvlam_desktop.storage.vault import Vault

CONSENT = date.today() - timedelta(days=10)
FIRST = date.today() + timedelta(days=7)
SECOND = FIRST + timedelta(days=28)
THIRD = SECOND + timedelta(days=28)


def _setup(cli: Cli) -> dict[str, str]:
    """A complex with two households and a resident in each; the wijkteam has a referral
    with consent for the Bakkers, the GGD has nothing."""
    vault = Vault.open(cli.data_dir, PASSPHRASE)
    try:
        with vault.session() as s:
            cpx = households.add_complex(s, "De Linde", code="C-LIN", wijk="Noord")
            ids = {"complex": cpx.id}
            for number, key, label, name in (
                (1, "bakker", "fam. Qzbakker", "Jan Qzbakker"),
                (2, "smit", "mw. Qzsmit", "Els Qzsmit"),
            ):
                addr = households.add_address(
                    s,
                    street="Lindelaan",
                    number=number,
                    postcode="3511 AB",
                    city="Utrecht",
                    complex_id=cpx.id,
                )
                hh = households.add_household(s, addr.id, label)
                ids[key] = hh.id
                ids[f"res_{key}"] = households.add_resident(s, hh.id, name).id
            for key, name, ptype in (
                ("wijkteam", "Wijkteam Noord", PartnerType.WIJKTEAM),
                ("ggd", "GGD Regio", PartnerType.GGD),
            ):
                ids[key] = partners.add_partner(
                    s,
                    name=name,
                    type=ptype,
                    address_line="Postbus 1",
                    postcode="3500 AA",
                    city="Utrecht",
                ).id
            create_referral(
                s,
                ReferralInput(
                    household_id=ids["bakker"],
                    partner_id=ids["wijkteam"],
                    reason="Zorgen om de administratie",
                    consent_form=ConsentForm.VERBAL,
                    consent_date=CONSENT,
                ),
            )
        with vault.session() as s:
            record_visit(
                s,
                VisitInput(
                    ids["smit"], VisitKind.REGULIER, signals=[SignalInput("woning.vervuiling", 3)]
                ),
            )
    finally:
        vault.close()
    return ids


def _pdf_text(path: Path) -> str:
    return "\n".join(page.extract_text() for page in PdfReader(path).pages)


def test_from_incident_to_solved(cli: Cli, tmp_path: Path) -> None:
    ids = _setup(cli)
    # an incident in the complex, with a follow-up action
    event = cli.json(
        "neighbourhood",
        "event",
        "add",
        "--complex",
        "De Linde",
        "--kind",
        "incident",
        "--note",
        "Ambulance in het portiek; buren aangesproken.",
        "--partner",
        "Wijkteam Noord",
        "--action",
        "Buren uitnodigen voor koffie",
        "--due",
        FIRST.isoformat(),
    )
    assert isinstance(event, dict) and len(event["action_ids"]) == 1
    log = cli.json("neighbourhood", "log", "--complex", "De Linde")
    assert isinstance(log, dict) and len(log["open_actions"]) == 1
    # two residents' offers (one offers, one wishes), suggested, introduced
    for resident, extra in ((ids["res_bakker"], ()), (ids["res_smit"], ("--wish",))):
        cli.run(
            "connect",
            "offer",
            resident,
            "--kind",
            "klusjes",
            "--consent-date",
            CONSENT.isoformat(),
            *extra,
        )
    suggested = cli.json("connect", "suggest", "--complex", "De Linde")
    assert isinstance(suggested, list) and len(suggested) == 1
    assert suggested[0]["where"] == "complex"
    cli.run(
        "connect", "introduce", ids["res_bakker"], ids["res_smit"], "--outcome", "Lamp opgehangen"
    )
    assert cli.json("connect", "suggest", "--complex", "De Linde") == []

    # the case conference: two partners at the table, both households on the agenda
    meeting = cli.json(
        "meeting",
        "add",
        "--date",
        FIRST.isoformat(),
        "--partner",
        "Wijkteam Noord",
        "GGD Regio",
        "--place",
        "Wijkhuis De Brug",
    )
    assert isinstance(meeting, dict) and meeting["carried"] == []
    first = meeting["id"]
    for key in ("bakker", "smit"):
        cli.run("meeting", "agenda-add", first, "--household", ids[key])
    agenda_ggd, agenda_wt = tmp_path / "agenda-ggd.pdf", tmp_path / "agenda-wt.pdf"
    made = cli.json("meeting", "agenda", first, "--for", "GGD Regio", "--out", str(agenda_ggd))
    assert made == {
        "path": str(agenda_ggd),
        "partner": "GGD Regio",
        "households": 2,
        "pseudonymised": 2,
        "left_out": 0,
    }
    cli.run("meeting", "agenda", first, "--for", "Wijkteam Noord", "--out", str(agenda_wt))
    ggd_text, wt_text = _pdf_text(agenda_ggd), _pdf_text(agenda_wt)
    # the GGD has no grondslag for either household: pseudonyms only, never name or address
    for secret in ("Qzbakker", "Qzsmit", "Lindelaan"):
        assert secret not in ggd_text
    assert ggd_text.count("Huishouden ") >= 2 and "Agenda casusoverleg" in ggd_text
    # ... with the signals in words
    assert "Vervuiling / verwaarlozing van de woning (ernstig)" in ggd_text
    # the wijkteam has one for the Bakkers (name and address) and not for Smit
    assert "Qzbakker" in wt_text and "Lindelaan 1" in wt_text
    assert "Qzsmit" not in wt_text and "Lindelaan 2" not in wt_text

    # agreements during the meeting; Smit is solved, Bakker is not
    cli.run(
        "meeting",
        "agree",
        first,
        "--household",
        ids["bakker"],
        "--owner",
        "Wijkteam Noord",
        "--action",
        "Samen op huisbezoek",
        "--due",
        (FIRST + timedelta(days=14)).isoformat(),
    )
    cli.run(
        "meeting",
        "agree",
        FIRST.isoformat(),  # a meeting by its day
        "--household",
        ids["smit"],
        "--owner",
        "GGD Regio",
        "--action",
        "Qzgeheim: dochter bellen",
    )
    cli.run("meeting", "solved", first, "--household", ids["smit"])
    minutes_ggd = tmp_path / "verslag-ggd.pdf"
    cli.run("meeting", "minutes", first, "--for", "GGD Regio", "--out", str(minutes_ggd))
    text = _pdf_text(minutes_ggd)
    assert "Verslag casusoverleg" in text and "Opgelost op" in text
    assert "Qzgeheim" in text  # its own agreement, under the pseudonym
    assert "Samen op huisbezoek" not in text  # the wijkteam's, about a household it may not see
    assert "Qzbakker" not in text and "Qzsmit" not in text
    # the partner's open agreements are on Vandaag under feedback
    today = cli.run("today").stdout
    assert "Samen op huisbezoek" in today and "Wacht op Wijkteam Noord" in today

    # the next meeting still carries Bakker (not solved); Smit is gone
    second = cli.json("meeting", "add", "--date", SECOND.isoformat(), "--partner", "GGD Regio")
    assert isinstance(second, dict) and second["carried"] == [ids["bakker"]]
    agenda2 = tmp_path / "agenda-2.pdf"
    made2 = cli.json("meeting", "agenda", second["id"], "--for", "GGD Regio", "--out", str(agenda2))
    assert isinstance(made2, dict) and made2["households"] == 1
    assert "weer op de agenda" in _pdf_text(agenda2)
    cli.run("meeting", "solved", second["id"], "--household", ids["bakker"])
    third = cli.json("meeting", "add", "--date", THIRD.isoformat(), "--partner", "GGD Regio")
    assert isinstance(third, dict) and third["carried"] == []
    listed = cli.json("meeting", "list")
    assert isinstance(listed, list) and [m["households"] for m in listed] == [0, 1, 2]

    # refusals: one line, non-zero exit, nothing written
    one_line_error(
        cli.run(
            "meeting",
            "agenda",
            first,
            "--for",
            "Onbekend",
            "--out",
            str(tmp_path / "x.pdf"),
            ok=False,
        ),
        1,
    )
    one_line_error(
        cli.run("meeting", "solved", "2001-01-01", "--household", ids["smit"], ok=False), 1
    )
    one_line_error(
        cli.run(
            "meeting", "agenda", first, "--for", "GGD Regio", "--out", str(agenda_ggd), ok=False
        ),
        2,
        "--force",
    )
    assert not (tmp_path / "x.pdf").exists()
    # the agenda as a bundle needs the participant's key line (age recipient)
    one_line_error(
        cli.run(
            "meeting",
            "send",
            first,
            "--for",
            "GGD Regio",
            "--out",
            str(tmp_path / "x.age"),
            ok=False,
        ),
        1,
        "nog geen sleutel",
    )
    assert not (tmp_path / "x.age").exists()


def test_meeting_send_is_decrypted_by_the_partner_and_names_no_household(
    cli: Cli, tmp_path: Path
) -> None:
    """`waakvlam meeting send` end to end: the file opens with the partner's age identity;
    its data.json names no household (not even an id), its agenda shows the GGD (no
    grondslag) only codes, and it is not a case export: the export history stays empty."""
    ids = _setup(cli)
    identity = pyrage.x25519.Identity.generate()
    cli.run("partner", "edit", "GGD Regio", "--recipient", str(identity.to_public()))
    meeting = cli.json("meeting", "add", "--date", FIRST.isoformat(), "--partner", "GGD Regio")
    assert isinstance(meeting, dict)
    for key in ("bakker", "smit"):
        cli.run("meeting", "agenda-add", meeting["id"], "--household", ids[key])
    out = tmp_path / "ggd.age"
    cli.run("meeting", "send", meeting["id"], "--for", "GGD Regio", "--out", str(out))
    plain = pyrage.decrypt(out.read_bytes(), [identity])
    with zipfile.ZipFile(io.BytesIO(plain)) as zf:
        assert sorted(zf.namelist()) == [
            "data.json",
            "manifest.json",
            "manifest.sig",
            "summary.pdf",
        ]
        data_text = zf.read("data.json").decode("utf-8")
        agenda = "\n".join(
            p.extract_text() for p in PdfReader(io.BytesIO(zf.read("summary.pdf"))).pages
        )
    data = json.loads(data_text)
    assert data["profile"] == "meeting" and data["meeting"]["households"] == 2
    for secret in (
        "Qzbakker",
        "Qzsmit",
        "Lindelaan",
        ids["bakker"],
        ids["smit"],
        ids["res_bakker"],
        ids["res_smit"],
    ):
        assert secret not in data_text
        assert secret not in agenda
    assert "Agenda casusoverleg" in agenda and agenda.count("Huishouden ") >= 2
    # a meeting bundle is no case export: nothing in the export history
    assert cli.json("export", "--history") == []

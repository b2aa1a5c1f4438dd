"""`waakvlam neighbourhood` (#18 A) as a user runs it: real processes on a real vault."""

from __future__ import annotations

from sqlalchemy import func, select

from tests.conftest import PASSPHRASE
from tests.e2e.conftest import Cli, one_line_error
from waakvlam_desktop.domain import households, partners
from waakvlam_desktop.domain.types import PartnerType, VisitKind
from waakvlam_desktop.domain.visits import SignalInput, VisitInput, record_visit
from waakvlam_desktop.storage.models import NeighbourhoodEvent
from waakvlam_desktop.storage.vault import Vault


def _setup(cli: Cli) -> dict[str, str]:
    """A complex with two households (one with concern) and a partner, written in-process."""
    vault = Vault.open(cli.data_dir, PASSPHRASE)
    try:
        with vault.session() as s:
            cpx = households.add_complex(s, "De Linde", code="C-LIN", wijk="Noord")
            ids = {"complex": cpx.id}
            for number, label in ((1, "fam. Bakker"), (2, "mw. Smit")):
                addr = households.add_address(
                    s,
                    street="Lindelaan",
                    number=number,
                    postcode="3511 AB",
                    city="Utrecht",
                    complex_id=cpx.id,
                )
                ids[label] = households.add_household(s, addr.id, label).id
            partners.add_partner(s, name="Wijkteam Noord", type=PartnerType.WIJKTEAM)
        with vault.session() as s:
            record_visit(
                s,
                VisitInput(
                    ids["mw. Smit"],
                    VisitKind.REGULIER,
                    signals=[SignalInput("woning.vervuiling", 3)],
                ),
            )
    finally:
        vault.close()
    return ids


def _events(cli: Cli) -> int:
    vault = Vault.open(cli.data_dir, PASSPHRASE)
    try:
        with vault.session() as s:
            return s.scalar(select(func.count()).select_from(NeighbourhoodEvent)) or 0
    finally:
        vault.close()


def test_an_incident_logged_and_read_back(cli: Cli) -> None:
    ids = _setup(cli)
    added = cli.json(
        "neighbourhood",
        "event",
        "add",
        "--complex",
        "De Linde",
        "--kind",
        "incident",
        "--note",
        "Ambulance bij nummer 2; buren aangesproken.",
        "--date",
        "2026-11-20",
        "--signal",
        "buurt.onveilige_situatie=2",
        "--partner",
        "Wijkteam Noord",
        "--action",
        "Buren uitnodigen voor koffie",
        "--due",
        "2026-12-04",
    )
    assert isinstance(added, dict)
    assert added["complex_id"] == ids["complex"] and len(added["action_ids"]) == 1
    log = cli.json("neighbourhood", "log", "--complex", "C-LIN")
    assert isinstance(log, dict)
    assert set(log) == {"complex", "events", "open_actions", "households", "figures"}
    assert log["complex"] == {
        "id": ids["complex"],
        "name": "De Linde",
        "code": "C-LIN",
        "wijk": "Noord",
    }
    [event] = log["events"]
    assert event["id"] == added["event_id"] and event["occurred_on"] == "2026-11-20"
    assert (event["kind"], event["kind_nl"]) == ("incident", "Incident")
    assert event["partners"] == ["Wijkteam Noord"]
    assert event["signals"] == [
        {
            "code": "buurt.onveilige_situatie",
            "label_nl": "Onveilige situatie",
            "label_en": "Unsafe situation",
            "severity": 2,
        }
    ]
    assert [a["description"] for a in log["open_actions"]] == ["Buren uitnodigen voor koffie"]
    assert log["open_actions"][0]["due_on"] == "2026-12-04"
    assert [(h["label"], h["level"]) for h in log["households"]] == [
        ("mw. Smit", "zorg"),
        ("fam. Bakker", "geen"),
    ]
    text = cli.run("neighbourhood", "log", "--complex", "de linde").stdout
    assert "20-11-2026  Incident: Ambulance bij nummer 2" in text
    assert "Open acties:" in text and "zorg · Lindelaan 2 · mw. Smit" in text
    cli.run("neighbourhood", "done", log["open_actions"][0]["id"])
    assert cli.json("neighbourhood", "log", "--complex", "C-LIN")["open_actions"] == []  # type: ignore[index]


def test_refusals_are_one_sentence_and_write_nothing(cli: Cli) -> None:
    _setup(cli)
    base = ("neighbourhood", "event", "add", "--note", "Iets in het portiek.")
    one_line_error(
        cli.run(*base, "--complex", "Bestaat Niet", "--kind", "incident", ok=False),
        1,
        "Complex 'Bestaat Niet' bestaat niet",
    )
    one_line_error(
        cli.run(*base, "--complex", "De Linde", "--kind", "feestje", ok=False),
        1,
        "feestje",
    )
    one_line_error(
        cli.run(
            "neighbourhood",
            "event",
            "add",
            "--complex",
            "De Linde",
            "--kind",
            "incident",
            "--note",
            "bsn 111222333",
            ok=False,
        ),
        1,
        "BSN",
    )
    one_line_error(
        cli.run(
            *base, "--complex", "De Linde", "--kind", "incident", "--due", "2026-12-01", ok=False
        ),
        2,
        "--action",
    )
    assert _events(cli) == 0
    cli.run(
        "neighbourhood",
        "event",
        "add",
        "--complex",
        "De Linde",
        "--kind",
        "incident",
        "--note",
        "bsn 111222333",
        "--allow-bsn-like",
    )
    assert _events(cli) == 1


def test_connect_offer_suggest_introduce_withdraw(cli: Cli) -> None:
    vault = Vault.open(cli.data_dir, PASSPHRASE)
    try:
        with vault.session() as s:
            cpx = households.add_complex(s, "De Linde", code="C-LIN")
            residents = []
            for number, name in ((1, "Ann Buur"), (2, "Bob Buur")):
                addr = households.add_address(
                    s,
                    street="Lindelaan",
                    number=number,
                    postcode="3511 AB",
                    city="Utrecht",
                    complex_id=cpx.id,
                )
                hh = households.add_household(s, addr.id, f"fam. {name}")
                residents.append(households.add_resident(s, hh.id, name).id)
    finally:
        vault.close()
    ann, bob = residents
    cli.run("connect", "offer", ann, "--kind", "klusjes", "--consent-date", "2026-01-05")
    cli.run("connect", "offer", bob, "--kind", "klusjes", "--wish", "--consent-date", "2026-01-05")
    found = cli.json("connect", "suggest", "--complex", "De Linde")
    assert isinstance(found, list) and len(found) == 1
    assert (found[0]["kind"], found[0]["where"]) == ("klusjes", "complex")
    assert (found[0]["offer"]["resident_id"], found[0]["wish"]["resident_id"]) == (ann, bob)
    intro = cli.json("connect", "introduce", ann, bob, "--outcome", "Lamp opgehangen.")
    assert isinstance(intro, dict) and intro["follow_up_id"]
    assert cli.json("connect", "suggest", "--complex", "C-LIN") == []  # introduced
    # How it went, recorded later: a dated line, the follow-up done, a next one asked for.
    out = cli.run("connect", "outcome", intro["id"], "--note", "Tweede klus gedaan.")
    assert "Vastgelegd hoe het ging" in out.stderr
    later = cli.json(
        "connect",
        "outcome",
        intro["id"],
        "--note",
        "Nog steeds contact.",
        "--follow-up",
        "2027-01-04",
    )
    assert isinstance(later, dict) and later["follow_up_id"] != intro["follow_up_id"]
    assert later["outcome"].splitlines()[0] == "Lamp opgehangen."
    assert later["outcome"].splitlines()[2].endswith(": Nog steeds contact.")
    one_line_error(
        cli.run("connect", "outcome", intro["id"], "--note", "bsn 111222333", ok=False), 1, "BSN"
    )
    cli.run("connect", "offer", ann, "--kind", "taal", "--consent-date", "2026-01-05")
    cli.run("connect", "offer", bob, "--kind", "taal", "--wish", "--consent-date", "2026-01-05")
    assert len(cli.json("connect", "suggest", "--complex", "C-LIN")) == 0  # type: ignore[arg-type]
    out = cli.run("connect", "withdraw", ann)
    assert "2 aanbod/wens(en) verwijderd" in out.stderr
    assert "Geen suggesties" in cli.run("connect", "suggest", "--complex", "C-LIN").stdout
    one_line_error(
        cli.run(
            "connect", "offer", ann, "--kind", "dansen", "--consent-date", "2026-01-05", ok=False
        ),
        1,
        "dansen",
    )

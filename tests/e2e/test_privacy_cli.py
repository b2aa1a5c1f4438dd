"""Privacy commands as a user runs them: real processes, real files, real mounts."""

from __future__ import annotations

import json
import os
import subprocess
from datetime import UTC, datetime
from pathlib import Path

import pytest

from tests.conftest import PASSPHRASE
from tests.e2e.conftest import Cli, one_line_error
from tests.helpers import add_case, all_bytes
from tests.unit.test_faults import fill_disk, mount_small_disk
from waakvlam_desktop.clock import FixedClock
from waakvlam_desktop.domain import referrals
from waakvlam_desktop.domain.setup import default_staff
from waakvlam_desktop.domain.types import ReferralStatus
from waakvlam_desktop.privacy.retention import close_household
from waakvlam_desktop.storage.models import Setting
from waakvlam_desktop.storage.vault import Vault


def _open(cli: Cli, when: datetime | None = None) -> Vault:
    v = Vault.open(cli.data_dir, PASSPHRASE, clock=FixedClock(when) if when else None)
    with v.session() as s:
        staff = default_staff(s)
        v.actor = staff.id if staff else None
    return v


def test_retention_inzage_consent_and_audit(cli: Cli, tmp_path: Path) -> None:
    with _open(cli, datetime(2019, 3, 1, 10, 0, tzinfo=UTC)) as v:
        old = add_case(v, "Qzoud", number=1)
        with v.session() as s:
            close_household(s, old["household"])
    with _open(cli) as v:
        new = add_case(v, "Qznieuw", number=2)
        with v.session() as s:
            referrals.change_status(s, new["referral"], ReferralStatus.VERSTUURD)

    review = cli.json("retention", "review")
    assert isinstance(review, list) and [r["household_id"] for r in review] == [old["household"]]
    assert review[0]["anonymise"] and review[0]["residents"] == 1
    dry = cli.json("retention", "run", "--dry-run")
    assert isinstance(dry, dict) and dry["dry_run"] and dry["totals"]["households"] == 1
    done = cli.json("retention", "run")
    assert isinstance(done, dict) and done["vacuumed"] and done["totals"]["anonymised"] == 1
    assert cli.json("retention", "review") == []
    shown = cli.json("household", "show", old["household"])
    assert isinstance(shown, dict) and shown["label"] == "geanonimiseerd"
    # (0022) The visits are counts per month now: none is left to show.
    assert shown["residents"] == [] and shown["visits"] == []

    out = cli.json("inzage", new["resident"], "--out", str(tmp_path / "inzage"))
    assert isinstance(out, dict) and Path(out["pdf"]).read_bytes().startswith(b"%PDF")
    doc = json.loads(Path(out["json"]).read_text(encoding="utf-8"))
    assert doc["resident"]["name"] == "Bewoner Qznieuw"

    state = cli.json("consent", "withdraw", new["referral"], "--note", "telefonisch")
    assert isinstance(state, dict) and state["withdrawal_note"] == "telefonisch"
    partners = cli.json("consent", "partners", new["household"])
    assert isinstance(partners, list) and partners[0]["consent_withdrawn"] is True
    assert partners[0]["via"] == ["doorverwijzing"]
    events = cli.json("audit", "list", "--household", new["household"], "--action", "inzage")
    assert isinstance(events, list) and events[0]["staff_name"] == "A. de Vries"
    views = cli.json("audit", "list", "--action", "view", "--from", "2020-01-01")
    assert isinstance(views, list) and {e["household_id"] for e in views} == {old["household"]}
    assert "keten is heel" in cli.run("audit", "verify").stdout

    one_line_error(cli.run("consent", "withdraw", new["referral"], ok=False), 1, "al ingetrokken")
    one_line_error(cli.run("inzage", "nope", "--out", str(tmp_path), ok=False), 1, "bestaat niet")
    one_line_error(cli.run("retention", "review", "--date", "morgen", ok=False), 2, "JJJJ-MM-DD")
    closed = cli.json("household", "close", new["household"])
    assert isinstance(closed, dict) and closed["review_on"] > closed["closed_on"]


def test_backup_and_restore(cli: Cli, tmp_path: Path) -> None:
    with _open(cli) as v:
        add_case(v, "Qzbackup")
    out = tmp_path / "kluis.wvbackup"
    made = cli.json("backup", "--out", str(out))
    assert isinstance(made, dict) and made["file_bytes"] == out.stat().st_size
    assert b"Qzbackup" not in out.read_bytes()
    one_line_error(cli.run("backup", "--out", str(out), ok=False), 1, "bestaat al")

    target = tmp_path / "laptop" / "vault"
    one_line_error(
        cli.run(
            "restore",
            str(out),
            "--data-dir",
            str(target),
            ok=False,
            WAAKVLAM_PASSPHRASE="fout fout",
        ),
        1,
        "wachtwoord klopt niet",
    )
    damaged = tmp_path / "kapot.wvbackup"
    blob = bytearray(out.read_bytes())
    blob[-100] ^= 0xFF
    damaged.write_bytes(bytes(blob))
    one_line_error(
        cli.run("restore", str(damaged), "--data-dir", str(target), ok=False), 1, "beschadigd"
    )
    assert not target.exists()
    done = cli.json("restore", str(out), "--data-dir", str(target))
    assert isinstance(done, dict) and done["kept_aside"] is None
    one_line_error(
        cli.run("restore", str(out), "--data-dir", str(target), ok=False), 1, "--replace"
    )
    again = cli.json("restore", str(out), "--data-dir", str(target), "--replace")
    assert isinstance(again, dict) and Path(str(again["kept_aside"])).is_dir()
    restored = Cli(target)
    listed = restored.json("household", "list")
    assert isinstance(listed, list) and listed[0]["label"] == "fam. Qzbackupnaam"


def _scan(folders: list[Path], markers: list[str]) -> list[str]:
    found = []
    for folder in folders:
        for path in folder.rglob("*"):
            if path.is_file():
                data = path.read_bytes()
                found += [f"{path}: {m}" for m in markers if m.encode() in data]
    return found


def test_no_personal_data_in_logs_temp_cache_or_crash_reports(tmp_path: Path) -> None:
    dirs = {name: tmp_path / name for name in ("tmp", "state", "cache", "config", "home")}
    for d in dirs.values():
        d.mkdir()
    cli = Cli(
        tmp_path / "vault",
        TMPDIR=str(dirs["tmp"]),
        XDG_STATE_HOME=str(dirs["state"]),
        XDG_CACHE_HOME=str(dirs["cache"]),
        XDG_CONFIG_HOME=str(dirs["config"]),
        HOME=str(dirs["home"]),
    )
    markers = ["Qzlek", "Jansenlek", "0611223344", "lek@voorbeeld.nl"]
    cli.init(organisation="Qzlek Wonen", name="Qzlek Medewerker")
    hid = cli.run(
        "household",
        "add",
        "--label",
        "fam. Jansenlek",
        "--street",
        "Qzlekstraat",
        "--number",
        "3",
        "--postcode",
        "1234 AB",
        "--city",
        "Utrecht",
        "--resident",
        "Anna Jansenlek",
    ).stdout.strip()
    for note in ("Qzlek belt 0611223344", "mail lek@voorbeeld.nl", "Jansenlek somber"):
        cli.run(
            "visit",
            "add",
            "--household",
            hid,
            "--kind",
            "regulier",
            "--note",
            note,
            "--signal",
            "gezondheid.somber=2",
        )
    cli.run("search", "Jansenlek")
    cli.run("search", "Qzlek somber")
    cli.run("household", "show", hid)
    cli.run("household", "list")
    cli.run("stats")
    cli.run("retention", "review")
    cli.run("audit", "list")
    cli.run("backup", "--out", str(tmp_path / "b.wvbackup"))
    one_line_error(cli.run("household", "show", "Qzlek-onbekend", ok=False), 1, "bestaat niet")
    one_line_error(
        cli.run("visit", "add", "--household", hid, "--kind", "Qzlek", ok=False), 2, "soort"
    )
    # A crash on purpose: a setting the app cannot read, with personal data inside.
    with _open(cli) as v, v.session() as s:
        row = s.get(Setting, "language")
        assert row is not None
        row.value_json = '{"Qzlek Jansenlek 0611223344'
    crash = cli.run(
        "visit", "add", "--household", hid, "--kind", "regulier", "--note", "Qzlek", ok=False
    )
    assert crash.returncode == 70 and len(crash.stderr.strip().splitlines()) == 1
    assert "Foutrapport" in crash.stderr
    reports = list((dirs["state"] / "Waakvlam" / "log" / "crashes").glob("crash-*.txt"))
    assert len(reports) == 1 and "JSONDecodeError" in reports[0].read_text()
    log = (dirs["state"] / "Waakvlam" / "log" / "waakvlam.log").read_text(encoding="utf-8")
    assert "cli.start command=visit add" in log and "crash context=cli" in log

    control = tmp_path / "control"
    control.mkdir()
    (control / "f.txt").write_text("Jansenlek")
    assert _scan([control], markers) != []  # the scan itself can find a marker
    assert _scan(list(dirs.values()), markers) == []
    assert not any(m.encode() in all_bytes(cli.data_dir) for m in markers)
    assert not any(m.encode() in (tmp_path / "b.wvbackup").read_bytes() for m in markers)


def test_disk_full_is_one_sentence_and_nothing_is_lost(tmp_path: Path) -> None:
    mnt = tmp_path / "klein"
    why = mount_small_disk(mnt, "3m")
    if why is not None:
        pytest.skip(why)
    try:
        cli = Cli(mnt / "vault").init(organisation="W", name="A")
        hid = cli.run(
            "household",
            "add",
            "--label",
            "fam. Vol",
            "--street",
            "s",
            "--number",
            "1",
            "--postcode",
            "1234 AB",
            "--city",
            "U",
        ).stdout.strip()
        first = cli.run(
            "visit", "add", "--household", hid, "--kind", "regulier", "--note", "eerste"
        ).stdout.strip()
        reserve = mnt / "reserve.bin"
        reserve.write_bytes(b"\0" * 48 * 1024)  # room for the WAL index, not for a visit
        filler = fill_disk(mnt)
        reserve.unlink()
        proc = cli.run(
            "visit",
            "add",
            "--household",
            hid,
            "--kind",
            "regulier",
            "--note",
            "x" * 19_000,
            ok=False,
        )
        one_line_error(proc, 1, "schijf is vol")
        assert "Opslaan is mislukt" in proc.stderr and "niets gewijzigd" in proc.stderr
        filler.unlink()
        shown = cli.json("household", "show", hid)
        assert isinstance(shown, dict) and [v["id"] for v in shown["visits"]] == [first]
        assert "in orde" in cli.run("unlock-check").stdout
    finally:
        subprocess.run(["umount", "-l", str(mnt)], check=False)
        os.sync()

"""The bundle and export commands as users run them: real processes, real files."""

from __future__ import annotations

import json
from datetime import UTC, datetime, time, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest

from tests.conftest import PASSPHRASE
from tests.e2e.conftest import Cli, one_line_error
from waakvlam_desktop.bundles.export import default_file_name, export_bundle
from waakvlam_desktop.clock import FixedClock
from waakvlam_desktop.domain.exports import Period
from waakvlam_desktop.domain.partners import list_partners
from waakvlam_desktop.storage.vault import Vault


@pytest.fixture
def cli_env(tmp_path: Path) -> dict[str, str]:
    """The replay state of opened bundles stays in the test's folder."""
    return {"WAAKVLAM_BUNDLE_STATE": str(tmp_path / "state.json")}


def _setup(cli: Cli, tmp_path: Path, profile: str = "case") -> tuple[Path, Path, str]:
    key = tmp_path / "partner-key.txt"
    recipient = cli.run("bundle", "keygen", "--out", str(key)).stdout.strip()
    assert recipient.startswith("age1")
    cli.run(
        "partner",
        "add",
        "--name",
        "Wijkteam Noord",
        "--type",
        "wijkteam",
        "--recipient",
        recipient,
        "--profile",
        profile,
        "--schedule",
        "monthly",
    )
    pub = tmp_path / "org.pub"
    cli.run("org", "public-key", "--out", str(pub))
    assert "waakvlam-ed25519:" in pub.read_text()
    return key, pub, recipient


def test_keygen_refuses_to_overwrite(cli: Cli, tmp_path: Path) -> None:
    key = tmp_path / "k.txt"
    out = cli.json("bundle", "keygen", "--out", str(key))
    assert isinstance(out, dict) and out["recipient"].startswith("age1")
    assert len(out["fingerprint"]) == 32
    before = key.read_bytes()
    proc = cli.run("bundle", "keygen", "--out", str(key), ok=False)
    assert proc.returncode == 2 and "bestaat al" in proc.stderr
    assert key.read_bytes() == before


def test_public_key_json_is_stable(cli: Cli) -> None:
    first = cli.json("org", "public-key")
    second = cli.json("org", "public-key")
    assert first == second
    assert isinstance(first, dict)
    assert set(first) == {"key_id", "fingerprint", "public_key", "created_at", "organisation"}


def test_export_verify_open_and_refusals(cli: Cli, tmp_path: Path) -> None:
    key, pub, _recipient = _setup(cli, tmp_path)
    cli.run("demo", "--households", "30")
    preview = cli.json("export", "--partner", "Wijkteam Noord", "--period", "2026-10", "--preview")
    assert isinstance(preview, dict) and preview["ready"] is True
    bundle = tmp_path / "bundel.age"
    made = cli.json(
        "export", "--partner", "Wijkteam Noord", "--period", "2026-10", "--out", str(bundle)
    )
    assert isinstance(made, dict) and made["sequence"] == 1 and made["path"] == str(bundle)
    assert made["profile"] == "case"
    proc = cli.run("bundle", "verify", str(bundle), "--identity", str(key), ok=False)
    one_line_error(proc, 1, "vertrouw je nog geen sleutel")
    assert "waakvlam bundle trust" in proc.stderr
    trusted = cli.run("bundle", "trust", str(pub), "--yes")
    assert "vertrouwd" in trusted.stdout and "Sleutel-id:" in trusted.stderr
    verified = cli.json("bundle", "verify", str(bundle), "--identity", str(key))
    assert isinstance(verified, dict) and verified["bundle_id"] == made["bundle_id"]
    out = tmp_path / "ontvangen"
    # Refusals first: each one specific, exit 1, and nothing in the output folder.
    tampered = tmp_path / "tampered.age"
    data = bytearray(bundle.read_bytes())
    data[len(data) // 2] ^= 1
    tampered.write_bytes(bytes(data))
    other_key = tmp_path / "other.txt"
    cli.run("bundle", "keygen", "--out", str(other_key))
    stranger = tmp_path / "stranger.json"  # a state that trusts nobody
    truncated = tmp_path / "truncated.age"
    truncated.write_bytes(bundle.read_bytes()[:-100])
    state = str(tmp_path / "state.json")
    cases = [
        (tampered, key, state, "beschadigd"),
        (truncated, key, state, "beschadigd"),
        (bundle, other_key, state, "niet voor jouw sleutel"),
        (bundle, key, str(stranger), "vertrouw je nog geen sleutel"),
        (pub, key, state, "geen Waakvlam-bundel"),
    ]
    for path, ident, state_file, message in cases:
        proc = cli.run(
            "bundle",
            "open",
            str(path),
            "--identity",
            str(ident),
            "--state",
            state_file,
            "--out",
            str(out),
            ok=False,
        )
        one_line_error(proc, 1, message)
        assert not out.exists() or list(out.iterdir()) == []
    opened = cli.json("bundle", "open", str(bundle), "--identity", str(key), "--out", str(out))
    assert isinstance(opened, dict)
    folder = Path(opened["path"])
    assert folder.parent == out and (folder / "summary.pdf").exists()
    assert (folder / "csv" / "households.csv").read_bytes().startswith(b"\xef\xbb\xbf")
    proc = cli.run(
        "bundle", "open", str(bundle), "--identity", str(key), "--out", str(out), ok=False
    )
    assert proc.returncode == 1 and "al eerder geopend" in proc.stderr
    assert [p.name for p in out.iterdir()] == [folder.name]
    history = cli.json("export", "--history")
    assert isinstance(history, list) and history[0]["bundle_id"] == made["bundle_id"]


def test_due_exports_and_period_errors(cli: Cli, tmp_path: Path) -> None:
    _setup(cli, tmp_path)
    due = cli.json("export", "--list-due")
    assert isinstance(due, list) and [d["partner_name"] for d in due] == ["Wijkteam Noord"]
    out_dir = tmp_path / "due"
    out_dir.mkdir()
    done = cli.json("export", "--due", "--out-dir", str(out_dir))
    assert isinstance(done, dict) and len(done["exported"]) == 1 and done["skipped"] == []
    assert [p.name for p in out_dir.iterdir()] == [Path(done["exported"][0]["path"]).name]
    assert cli.json("export", "--list-due") == []
    again = cli.json("export", "--due", "--out-dir", str(out_dir))
    assert again == {"exported": [], "skipped": []}
    proc = cli.run(
        "export",
        "--partner",
        "Wijkteam Noord",
        "--period",
        "2026-13",
        "--out",
        str(tmp_path / "x.age"),
        ok=False,
    )
    assert proc.returncode == 2 and "Periode" in proc.stderr
    proc = cli.run(
        "export",
        "--partner",
        "Onbekend",
        "--period",
        "2026-10",
        "--out",
        str(tmp_path / "x.age"),
        ok=False,
    )
    assert proc.returncode == 1 and "bestaat niet" in proc.stderr
    assert not (tmp_path / "x.age").exists()


def test_due_exports_go_on_past_a_partner_that_fails(cli: Cli, tmp_path: Path) -> None:
    """Two partners due; the first one's bundle cannot be written (a file of its name is
    in the folder). The second is still exported, the first is named with the reason, the
    --json summary lists both, and the exit status is 1. Nothing is recorded for the
    first: it stays due."""
    _key, _pub, recipient = _setup(cli, tmp_path)
    cli.run(
        "partner",
        "add",
        "--name",
        "GGD Regio",
        "--type",
        "ggd",
        "--recipient",
        recipient,
        "--profile",
        "case",
        "--schedule",
        "monthly",
    )
    due = cli.json("export", "--list-due")
    assert isinstance(due, list) and len(due) == 2
    first = due[0]
    out_dir = tmp_path / "due"
    out_dir.mkdir()
    blocker = out_dir / default_file_name(first["partner_name"], Period.parse(first["period"]), 1)
    blocker.write_text("al hier", encoding="utf-8")

    proc = cli.run("export", "--due", "--out-dir", str(out_dir), "--json", ok=False)
    assert proc.returncode == 1, proc.stderr
    summary = json.loads(proc.stdout)
    assert [r["partner_name"] for r in summary["exported"]] == [due[1]["partner_name"]]
    assert summary["skipped"] == []
    (failed,) = summary["failed"]
    assert (
        failed["partner_name"] == first["partner_name"] and failed["code"] == "export.file_exists"
    )
    assert blocker.read_text(encoding="utf-8") == "al hier"
    still = cli.json("export", "--list-due")
    assert isinstance(still, list) and [d["partner_name"] for d in still] == [first["partner_name"]]

    # Without --json: one line on stderr names the partner; the exit status is 1 again.
    proc = cli.run("export", "--due", "--out-dir", str(out_dir), "--quiet", ok=False)
    line = one_line_error(proc, 1, first["partner_name"])
    assert "niet geëxporteerd" in line and "Traceback" not in proc.stderr


def test_handover_import_twice(cli: Cli, tmp_path: Path) -> None:
    key, pub, _recipient = _setup(cli, tmp_path, profile="handover")
    cli.run("demo", "--households", "20")
    bundle = tmp_path / "overdracht.age"
    cli.run("export", "--partner", "Wijkteam Noord", "--period", "2026-10", "--out", str(bundle))
    colleague = Cli(tmp_path / "colleague").init(name="B. Collega")
    # `--sender` is gone: the key comes from the vault's pinned colleagues.
    proc = colleague.run(
        "bundle", "import", str(bundle), "--identity", str(key), "--sender", str(pub), ok=False
    )
    assert proc.returncode == 2
    added = colleague.json("colleague", "add", "--name", "A. Bron", "--key", str(pub))
    assert isinstance(added, dict) and len(added["key_id"]) == 32
    # Partners are shown first and must be confirmed: nothing is written before.
    stats = colleague.json("stats")
    proc = colleague.run("bundle", "import", str(bundle), "--identity", str(key), ok=False)
    assert proc.returncode == 1 and "--confirm-partners" in proc.stderr
    assert colleague.json("stats") == stats
    args = ("bundle", "import", str(bundle), "--identity", str(key), "--confirm-partners")
    first = colleague.json(*args)
    assert isinstance(first, dict) and first["applied"] and first["added"]["household"] == 20
    stats = colleague.json("stats")
    second = colleague.json(*args)
    assert isinstance(second, dict)
    assert sum(second["added"].values()) == 0 and sum(second["updated"].values()) == 0
    assert second["conflicts"] == []
    after = colleague.json("stats")
    assert isinstance(stats, dict) and isinstance(after, dict)
    stats.pop("audit_events")
    after.pop("audit_events")
    assert after == stats


def test_colleague_add_list_remove_and_unpinned_import_refused(cli: Cli, tmp_path: Path) -> None:
    key, pub, _recipient = _setup(cli, tmp_path, profile="handover")
    cli.run("demo", "--households", "3")
    bundle = tmp_path / "overdracht.age"
    cli.run("export", "--partner", "Wijkteam Noord", "--period", "2026-10", "--out", str(bundle))
    colleague = Cli(tmp_path / "colleague").init(name="B. Collega")
    stats = colleague.json("stats")
    proc = colleague.run(
        "bundle", "import", str(bundle), "--identity", str(key), "--confirm-partners", ok=False
    )
    one_line_error(proc, 1, "geen collega")
    assert colleague.json("stats") == stats
    out = colleague.run("colleague", "add", "--name", "A. Bron", "--key", str(pub))
    fingerprint = out.stdout.strip()
    assert len(fingerprint.replace(" ", "")) == 32 and "telefonisch" in out.stderr
    listed = colleague.json("colleague", "list")
    assert isinstance(listed, list) and [c["name"] for c in listed] == ["A. Bron"]
    assert "A. Bron" in colleague.run("colleague", "list").stdout
    one_line_error(
        colleague.run("colleague", "add", "--name", "Ander", "--key", str(pub), ok=False),
        1,
        "A. Bron",
    )
    one_line_error(
        colleague.run(
            "colleague", "add", "--name", "Eigen", "--key", str(tmp_path / "x"), ok=False
        ),
        1,
    )
    colleague.run("colleague", "remove", "A. Bron")
    one_line_error(colleague.run("colleague", "remove", "A. Bron", ok=False), 1, "A. Bron")
    proc = colleague.run(
        "bundle", "import", str(bundle), "--identity", str(key), "--confirm-partners", ok=False
    )
    one_line_error(proc, 1, "geen collega")
    colleague.run("audit", "verify")


def test_referral_concerns_may_call_and_consent_partners(cli: Cli, tmp_path: Path) -> None:
    _setup(cli, tmp_path)
    hid = cli.run(
        "household",
        "add",
        "--label",
        "fam. Qzcli",
        "--street",
        "Lindelaan",
        "--number",
        "5",
        "--postcode",
        "3533AB",
        "--city",
        "Utrecht",
        "--resident",
        "Eerste Qzbewoner",
        "--resident",
        "Tweede Qzbewoner",
    ).stdout.strip()
    shown = cli.json("household", "show", hid)
    assert isinstance(shown, dict)
    ids = {r["name"]: r["id"] for r in shown["residents"]}
    base = (
        "referral",
        "add",
        "--household",
        hid,
        "--partner",
        "Wijkteam Noord",
        "--reason",
        "Zorgen",
        "--consent",
        "verbal",
        "--consent-date",
        "2026-11-01",
    )
    one_line_error(cli.run(*base, "--concerns", "geen-bewoner", ok=False), 1, "woont niet")
    made = cli.json(*base, "--concerns", ids["Tweede Qzbewoner"], "--may-call")
    assert isinstance(made, dict)
    assert made["concerns"] == [ids["Tweede Qzbewoner"]] and made["may_call"] is True
    default = cli.json(*base)
    assert isinstance(default, dict) and default["concerns"] == [ids["Eerste Qzbewoner"]]
    assert default["may_call"] is False

    assert cli.json("consent", "partners", hid) == []
    # The referrals were made today; the month they belong to is exported once it is over
    # (the export itself in-process, with the clock moved to the next month).
    today = datetime.now(UTC).date()
    month = Period.month(today.year, today.month)
    later = FixedClock(datetime.combine(month.end + timedelta(days=2), time(10), UTC))
    with Vault.open(cli.data_dir, PASSPHRASE, clock=later) as v, v.session() as s:
        (partner,) = [p for p in list_partners(s) if p.name == "Wijkteam Noord"]
        export_bundle(s, partner.id, month, tmp_path / "b.age")
    (receipt,) = cli.json("consent", "partners", hid)  # type: ignore[misc]
    assert receipt["partner_name"] == "Wijkteam Noord" and "export" in receipt["via"]
    assert len(receipt["exported_on"]) == 1
    assert "bundels op:" in cli.run("consent", "partners", hid).stdout


def test_export_period_refuses_unfinished_future_off_grid_and_overlap(
    cli: Cli, tmp_path: Path
) -> None:
    """One sentence, exit 1, nothing written: the real clock decides what is unfinished."""
    _setup(cli, tmp_path, profile="aggregate")
    today = datetime.now(ZoneInfo("Europe/Amsterdam")).date()
    running = f"{today:%Y-%m}"
    last = today.replace(day=1) - timedelta(days=1)
    out = tmp_path / "out.age"
    for period, words in (
        (running, "is nog niet voorbij"),
        (f"{today.year + 5}-Q4", "is nog niet begonnen"),
        (f"{today.year - 1}-Q1", "krijgt cijfers per maand"),
    ):
        for extra in (["--out", str(out)], ["--preview"]):
            proc = cli.run(
                "export", "--partner", "Wijkteam Noord", "--period", period, *extra, ok=False
            )
            one_line_error(proc, 1, words)
        assert not out.exists()
    cli.run("export", "--partner", "Wijkteam Noord", "--period", f"{last:%Y-%m}", "--out", str(out))
    proc = cli.run(
        "export", "--partner", "Wijkteam Noord", "--period", f"{last:%Y-%m}", "--preview", ok=False
    )
    one_line_error(proc, 1, f"overlapt met {last:%Y-%m}")

"""The loop closes, end to end (#17), with two data folders: the corporation's vault and
the partner app's store.

The corporation exports case bundles → the partner app (the real window, offscreen)
refuses a bundle before it trusts the corporation, trusts the key after comparing its id,
opens the bundles by drag and drop and Bestand > Openen, shows the erasure request first
and carries it out, records feedback and makes the reply file → the corporation reads it
in with ``waakvlam feedback import`` → Vandaag no longer lists the referral as waiting.
Afterwards every file under the test's home, temp and data folders is searched for the
bundle's content in plaintext. Real SQLCipher, age, Ed25519 and Qt; only the clock is fixed.
"""

from __future__ import annotations

import json
import os
import tempfile
from collections.abc import Callable, Iterator
from datetime import date
from pathlib import Path
from typing import Any

import pytest
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey
from PySide6.QtCore import QPoint, Qt
from PySide6.QtGui import QDropEvent
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot
from sqlalchemy import select

from tests.bundle_helpers import World, build_world
from tests.e2e.conftest import Cli
from tests.partner_helpers import (
    JANSEN,
    OZTURK,
    STORE_PASSPHRASE,
    address_to,
    corporation_key_file,
    export_to,
    org_key_file,
    other_identity_recipient,
    recraft,
    send_referrals,
    world_signer,
)
from tests.ui.conftest import TIMEOUT
from waakvlam_desktop.bundles import reply as rp
from waakvlam_desktop.bundles.meeting import send_meeting
from waakvlam_desktop.bundles.reader import NOT_ADDRESSED_TO_YOU, NOT_FOR_YOUR_KEY
from waakvlam_desktop.clock import FixedClock
from waakvlam_desktop.domain import meetings
from waakvlam_desktop.domain.consent import withdraw_consent
from waakvlam_desktop.domain.partners import get_partner, update_partner
from waakvlam_desktop.domain.settings import load_settings
from waakvlam_desktop.domain.today import today_overview
from waakvlam_desktop.domain.types import FeedbackStatus
from waakvlam_desktop.errors import WrongPassphraseError
from waakvlam_desktop.partnerstore import service
from waakvlam_desktop.partnerstore.store import STORE_IN_USE, PartnerStore
from waakvlam_desktop.storage.keys import WRONG_PASSPHRASE
from waakvlam_desktop.storage.models import Referral
from waakvlam_desktop.storage.vault import Vault
from waakvlam_desktop.ui import i18n, palette
from waakvlam_desktop.ui.partner.context import PartnerContext
from waakvlam_desktop.ui.partner.dialogs import FeedbackDialog
from waakvlam_desktop.ui.partner.window import ErasurePage, PartnerWindow
from waakvlam_desktop.ui.worker import Background

TODAY = date(2026, 11, 27)


@pytest.fixture
def folders(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> dict[str, Path]:
    """The test's own home and temp folders: whatever the app writes lands here."""
    made = {name: tmp_path / name for name in ("home", "tmp", "post")}
    for folder in made.values():
        folder.mkdir()
    monkeypatch.setenv("HOME", str(made["home"]))
    for var in ("XDG_CACHE_HOME", "XDG_CONFIG_HOME", "XDG_DATA_HOME", "XDG_STATE_HOME"):
        monkeypatch.setenv(var, str(made["home"] / var.lower()))
    monkeypatch.setenv("TMPDIR", str(made["tmp"]))
    monkeypatch.setattr(tempfile, "tempdir", str(made["tmp"]))
    return made


@pytest.fixture
def world(vault: Vault) -> World:
    world = build_world(vault)
    send_referrals(world)
    return world


@pytest.fixture
def window(
    qtbot: QtBot, tmp_path: Path, clock: FixedClock, folders: dict[str, Path]
) -> Iterator[PartnerWindow]:
    background = Background()
    ctx = PartnerContext(tmp_path / "partner", clock, background, "nl", 0)
    win = PartnerWindow(ctx)
    qtbot.addWidget(win)
    win.show()
    yield win
    ctx.close()
    background.wait_idle(30)


def _wait(qtbot: QtBot, win: PartnerWindow, condition: Callable[[], bool]) -> None:
    def check() -> None:
        win.ctx.background.wait_idle(30)
        assert condition()

    qtbot.waitUntil(check, timeout=TIMEOUT)


def _notice_says(win: PartnerWindow, text: str) -> Callable[[], bool]:
    return lambda: win.message.isVisible() and text in win.message.text()


def _drop(win: PartnerWindow, paths: list[Path]) -> None:
    mime = win.drop_data(paths)
    event = QDropEvent(
        QPoint(10, 10).toPointF(),
        Qt.DropAction.CopyAction,
        mime,
        Qt.MouseButton.LeftButton,
        Qt.KeyboardModifier.NoModifier,
    )
    win.dropEvent(event)


def _first_run(qtbot: QtBot, win: PartnerWindow) -> None:
    assert win.stack.currentWidget() is win.first_run
    win.first_run.passphrase.setText(STORE_PASSPHRASE)
    win.first_run.repeat.setText(STORE_PASSPHRASE)
    win.first_run.submit()
    _wait(qtbot, win, lambda: win.stack.currentWidget() is win.work)
    _wait(qtbot, win, lambda: win.work.keys.age_line.text().startswith("age1"))


def _scan(roots: list[Path], needles: list[str]) -> tuple[int, dict[str, list[str]]]:
    """Every file under ``roots``: which needles each holds in plaintext (UTF-8 or UTF-16)."""
    files, found = 0, {}
    for root in roots:
        for path in root.rglob("*"):
            if not path.is_file() or path.is_symlink():
                continue
            files += 1
            data = path.read_bytes()
            hits = [
                n for n in needles if n.encode("utf-8") in data or n.encode("utf-16-le") in data
            ]
            if hits:
                found[str(path)] = hits
    return files, found


def test_partner_app_closes_the_loop(
    qtbot: QtBot,
    window: PartnerWindow,
    world: World,
    tmp_path: Path,
    folders: dict[str, Path],
) -> None:
    win = window
    post = folders["post"]
    _first_run(qtbot, win)
    # The corporation enters the partner's age line and sends the first bundle.
    address_to(world, win.ctx.store)  # type: ignore[arg-type]
    first = export_to(world, post / "1")

    # Not trusted yet: refused, nothing stored; the window names its own menu, not the
    # command line of the reader's sentence.
    _drop(win, [first])
    _wait(qtbot, win, lambda: "Woonstichting Voorbeeld" in win.message.text())
    assert "Sleutel van een corporatie vertrouwen" in win.message.text()
    assert "waakvlam bundle trust" not in win.message.text()
    assert win.work.referrals.table.rowCount() == 0

    # Trust the key after comparing its id.
    key_file = corporation_key_file(world, post)
    win.trust_file(key_file)
    _wait(qtbot, win, lambda: win.trust_dialog is not None and win.trust_dialog.isVisible())
    dialog = win.trust_dialog
    assert dialog is not None
    assert dialog.key_id.text().replace(" ", "") == world.sender.key_id
    dialog.confirm.click()
    _wait(qtbot, win, lambda: win.work.keys.trusted.rowCount() == 1)

    # Drag and drop: opened into the store.
    _drop(win, [first])
    _wait(qtbot, win, lambda: win.work.referrals.table.rowCount() == 2)
    jansen, ozturk = world.referrals[JANSEN], world.referrals[OZTURK]
    shown = {r.kenmerk: r for r in win.work.referrals.rows}
    assert set(shown) == {jansen, ozturk}
    assert shown[jansen].address == "Lindelaan 1, 3533 AB Utrecht"
    assert "Stapels ongeopende post" in shown[jansen].signals[0].label

    # Wrong key: a bundle for another partner key is refused, nothing changes.
    with world.vault.session() as s:
        p = get_partner(s, world.partners["GGD"])
        update_partner(
            s,
            p.id,
            name=p.name,
            type=p.type,
            recipients=[other_identity_recipient()],
            profile=p.profile,
            schedule=p.schedule,
            address_line="Postbus 1",
            postcode="3500 AA",
            city="Utrecht",
        )
    not_ours = export_to(world, post / "ggd", partner="GGD")
    win.open_paths([not_ours])
    _wait(
        qtbot,
        win,
        lambda: (
            win.message.text() in (NOT_FOR_YOUR_KEY.render("nl"), NOT_ADDRESSED_TO_YOU.render("nl"))
        ),
    )
    assert win.work.referrals.table.rowCount() == 2

    # Jansen withdraws consent: the next bundle carries an erasure request, shown first.
    with world.vault.session() as s:
        jansen_id = s.scalar(select(Referral.id).where(Referral.reference == jansen))
        assert jansen_id is not None
        withdraw_consent(s, jansen_id, on=date(2026, 11, 25))
    assert win.work.erasures.note.text() == "Er zijn geen verwijderverzoeken."
    second = export_to(world, post / "2")
    win.open_paths([second])
    _wait(qtbot, win, lambda: win.work.erasures.table.rowCount() == 1)
    assert win.work.erasures.note.isHidden()  # a request: no "there are none" over it
    assert win.work.tabs.currentWidget() is win.work.erasures
    assert win.work.tabs.tabText(0) == "Verwijderverzoeken (1)"
    assert win.work.tabs.indexOf(win.work.erasures) == 0
    assert win.work.erasures.table.item(0, 2).text() == jansen  # type: ignore[union-attr]
    win.work.erasures.table.selectRow(0)
    assert win.work.erasures.done_button.isEnabled()
    win.work.erasures.done_button.click()
    _wait(qtbot, win, lambda: win.work.referrals.table.rowCount() == 1)
    assert "verwijderd op" in win.work.erasures.table.item(0, 4).text()  # type: ignore[union-attr]
    assert not win.work.erasures.done_button.isEnabled()

    # Feedback on Öztürk: the referral is closed by the partner.
    win.work.tabs.setCurrentWidget(win.work.referrals)
    win.work.referrals.table.selectRow(0)
    assert win.work.referrals.current().kenmerk == ozturk  # type: ignore[union-attr]
    win.work.referrals.record_status()
    fb = win.feedback_dialog
    assert isinstance(fb, FeedbackDialog) and fb.isVisible()
    fb.status.setCurrentIndex(fb.status.findData(FeedbackStatus.DECLINED.value))
    fb.save()  # declined without a reason: refused in the dialog
    _wait(qtbot, win, lambda: fb.message.isVisible() and fb.save_button.isEnabled())
    fb.status.setCurrentIndex(fb.status.findData(FeedbackStatus.CLOSED.value))
    fb.note.setText("Budgetcoach heeft het overgenomen")
    fb.save()
    _wait(qtbot, win, lambda: win.work.referrals.rows[0].status is FeedbackStatus.CLOSED)
    assert win.work.referrals.rows[0].unsent

    # Terugkoppeling maken: one reply file, where the user chose.
    reply = post / "terugkoppeling.age"
    win.choose_reply_path = lambda _name: str(reply)
    win.reply_dialog()
    _wait(qtbot, win, _notice_says(win, "terugkoppeling.age"))
    assert "terugkoppeling.age gemaakt in de map post:" in win.message.text()
    assert reply.read_bytes().startswith(b"age-encryption.org/v1")
    _wait(qtbot, win, lambda: not win.work.referrals.rows[0].unsent)

    # The corporation: pin the partner's signing key, read the reply in.
    cli = Cli(world.vault.paths.data_dir)
    signing = post / "partner-ondertekening.pub"
    win.work.keys.save_public_to(signing)
    _wait(qtbot, win, signing.exists)
    with world.vault.session() as s:
        ozturk_id = s.scalar(select(Referral.id).where(Referral.reference == ozturk))
    before = [i["referral_id"] for i in cli.json("today")]
    assert ozturk_id in before  # feedback overdue: first on Vandaag
    cli.run("partner", "edit", "Wijkteam", "--signing-key", str(signing))
    report = cli.json("feedback", "import", str(reply))
    assert [c["kenmerk"] for c in report["changes"]] == [ozturk]
    after = [i["referral_id"] for i in cli.json("today")]
    assert ozturk_id not in after
    with world.vault.session() as s:
        overview = today_overview(s, TODAY, load_settings(s))
    assert ozturk_id not in {w.id for w in overview.waiting}

    # Nothing of the bundle's content in plaintext, anywhere the test's processes wrote.
    win.lock()
    _wait(qtbot, win, lambda: win.ctx.store is None)
    needles = [
        "fam. Jansen",
        "Öztürk",
        "Bewoner fam. Jansen",
        "Lindelaan",
        "3533 AB",
        "Zorgen om de post",
        "Bewoner wil graag hulp",
        "Budgetcoach heeft",
    ]
    roots = [tmp_path / "partner", folders["home"], folders["tmp"], post, tmp_path]
    files, found = _scan(roots, needles)
    assert files > 10 and (tmp_path / "partner" / "partner.db").exists()
    assert found == {}, json.dumps(found, ensure_ascii=False)
    # The scan can fail: an explicit export (after the warning) is plaintext, and found.
    win.unlock.passphrase.setText(STORE_PASSPHRASE)
    win.unlock.submit()
    _wait(qtbot, win, lambda: win.stack.currentWidget() is win.work)
    win.export_to(folders["tmp"] / "lijst.csv", "csv")
    _wait(qtbot, win, (folders["tmp"] / "lijst.csv").exists)
    _files, exported = _scan([folders["tmp"]], needles)
    assert list(exported) == [str(folders["tmp"] / "lijst.csv")]
    assert os.environ["HOME"] == str(folders["home"])


def _in_store(qtbot: QtBot, win: PartnerWindow, work: Callable[[Any], Any]) -> Any:
    """Run ``work`` on the window's store, on its worker, and return its result."""
    box: list[Any] = []
    win.ctx.in_store(win, work, box.append, box.append, changes=True)
    _wait(qtbot, win, lambda: bool(box))
    if isinstance(box[0], BaseException):
        raise box[0]
    return box[0]


def _trusted_window(
    qtbot: QtBot, win: PartnerWindow, world: World, post: Path
) -> tuple[Path, Ed25519PrivateKey]:
    """First run, the corporation addresses the partner, the partner trusts its key and a
    second corporation's ("Woonbron Oost"); returns the first bundle and the second key."""
    _first_run(qtbot, win)
    store = win.ctx.store
    assert store is not None
    address_to(world, store)
    other = Ed25519PrivateKey.generate()
    for key in (
        corporation_key_file(world, post / "keys"),
        org_key_file(other, "Woonbron Oost", post / "keys"),
    ):
        _in_store(qtbot, win, lambda s, key=key: service.trust_key_file(s, key))
    return export_to(world, post / "1"), other


def test_feedback_for_every_bundle_one_file_each(
    qtbot: QtBot, window: PartnerWindow, world: World, folders: dict[str, Path]
) -> None:
    """Statuses recorded for referrals of two corporations: Terugkoppeling maken asks for a
    folder and makes one file per bundle, each for its own corporation; nothing waits."""
    win, post = window, folders["post"]
    first, other = _trusted_window(qtbot, win, world, post)
    store = win.ctx.store
    assert store is not None
    crafted = post / "woonbron.age"
    crafted.write_bytes(recraft(first.read_bytes(), store, other, organisation="Woonbron Oost"))
    win.open_paths([first, crafted])
    _wait(qtbot, win, lambda: len(win.work.referrals.rows) == 4)
    for row in win.work.referrals.rows:
        if row.kenmerk == world.referrals[OZTURK]:
            _in_store(
                qtbot,
                win,
                lambda s, key=row.key: service.record_feedback(
                    s, key, FeedbackStatus.STARTED, TODAY, "Intake gehad"
                ),
            )
    asked: list[list[str]] = []
    out = post / "replies"
    out.mkdir()
    (out / "terugkoppeling-woonbron-oost-2026-11-101.age").write_bytes(b"al hier")

    def folder(pending: list[service.PendingReply]) -> str:
        asked.append(sorted(p.organisation for p in pending))
        return str(out)

    win.choose_reply_folder = folder
    win.choose_reply_path = lambda _name: pytest.fail("one file per bundle, in a folder")
    win.reply_dialog()
    _wait(qtbot, win, lambda: "Woonstichting Voorbeeld" in win.message.text())
    assert asked == [["Woonbron Oost", "Woonstichting Voorbeeld"]]
    made = sorted(p.name for p in out.iterdir())
    assert len(made) == 3 and "terugkoppeling-woonbron-oost-2026-11-101-2.age" in made
    assert "Woonbron Oost" in win.message.text() and "Woonstichting Voorbeeld" in win.message.text()
    for name in made:
        if name != "terugkoppeling-woonbron-oost-2026-11-101.age":
            assert (out / name).read_bytes().startswith(b"age-encryption.org/v1")
    assert _in_store(qtbot, win, service.pending_replies) == []
    _wait(qtbot, win, lambda: not any(r.unsent for r in win.work.referrals.rows))


def test_feedback_larger_than_one_file_is_said_in_plain_words(
    qtbot: QtBot,
    window: PartnerWindow,
    world: World,
    folders: dict[str, Path],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """Feedback on more referrals than one reply may hold (the limit lowered to one here,
    for the vault's reader too): the window makes two files and says to send both."""
    win, post = window, folders["post"]
    first, _other = _trusted_window(qtbot, win, world, post)
    win.open_paths([first])
    _wait(qtbot, win, lambda: len(win.work.referrals.rows) == 2)
    for row in win.work.referrals.rows:
        _in_store(
            qtbot,
            win,
            lambda s, key=row.key: service.record_feedback(
                s, key, FeedbackStatus.STARTED, TODAY, "Intake gehad"
            ),
        )
    monkeypatch.setattr(rp, "MAX_ITEMS", 1)
    win.choose_reply_path = lambda _name: str(post / "terugkoppeling.age")
    win.reply_dialog()
    _wait(qtbot, win, _notice_says(win, "terugkoppeling-deel-2.age"))
    assert win.message.text() == (
        "De terugkoppeling is te groot voor één bestand. Daarom zijn er 2 bestanden gemaakt"
        " in de map post: terugkoppeling.age, terugkoppeling-deel-2.age. Stuur alle 2"
        " bestanden naar Woonstichting Voorbeeld; zonder één ervan mist er terugkoppeling."
        " Samen bevatten ze 2 doorverwijzing(en). De bestanden zijn versleuteld: alleen"
        " Woonstichting Voorbeeld kan ze openen."
    )
    assert _in_store(qtbot, win, service.pending_replies) == []
    assert win.message.toolTip() == f"Map: {post}"


def test_no_erasure_requests_is_said_and_the_explanation_reads_as_one(
    qtbot: QtBot, window: PartnerWindow
) -> None:
    """A review as a wijkteam worker: the empty Verwijderverzoeken tab opened with "De
    corporatie vraagt je alles te verwijderen wat je over deze huishoudens hebt", which read
    as if a request were there. Now the list says it is empty, and the text above it is a
    hint (in the hint colour) about what the tab is for."""
    win = window
    _first_run(qtbot, win)
    page = win.work.erasures
    win.work.tabs.setCurrentWidget(page)
    _wait(qtbot, win, lambda: page.note.isVisible())
    assert page.note.text() == "Er zijn geen verwijderverzoeken."
    assert page.table.rowCount() == 0
    # over the list's empty area, not a stray corner of it
    assert page.note.geometry() == page.table.viewport().geometry()
    assert page.note.geometry().height() > 100
    assert "deze huishoudens" not in page.intro.text()
    assert page.intro.text().startswith("Hier vraagt een corporatie je")
    assert palette.MUTED in page.intro.styleSheet()
    request = service.ErasureRow(
        1, "HH-1", ("WV-2026-0003",), TODAY, "toestemming ingetrokken", "Woonstichting", None, 0
    )
    page.show_rows([request])
    assert page.note.isHidden() and page.table.rowCount() == 1
    page.show_rows([])
    assert page.note.isVisible()
    app = QApplication.instance()
    assert app is not None
    i18n.install(app, "en")  # the autouse fixture switches back
    english = ErasurePage(win)
    qtbot.addWidget(english)
    english.show_rows([])
    assert english.note.text() == "There are no erasure requests."
    assert english.intro.text().startswith("Here a corporation asks you to delete everything")


def test_the_feedback_message_names_the_folder_of_the_file(
    qtbot: QtBot, window: PartnerWindow, world: World, folders: dict[str, Path]
) -> None:
    """A review as a wijkteam worker: after Terugkoppeling maken the message named the file
    but no folder, so where was it to send? It names the folder (its name: the user chose
    it); the whole path is in the message's tooltip, not in the sentence."""
    win, post = window, folders["post"]
    first, _other = _trusted_window(qtbot, win, world, post)
    win.open_paths([first])
    _wait(qtbot, win, lambda: len(win.work.referrals.rows) == 2)
    key = win.work.referrals.rows[0].key
    _in_store(
        qtbot,
        win,
        lambda s: service.record_feedback(s, key, FeedbackStatus.STARTED, TODAY, "Intake gehad"),
    )
    out = post / "Te versturen"
    out.mkdir()
    win.choose_reply_path = lambda _name: str(out / "terugkoppeling.age")
    win.reply_dialog()
    _wait(qtbot, win, _notice_says(win, "terugkoppeling.age"))
    assert win.message.text() == (
        "Terugkoppelbestand terugkoppeling.age gemaakt in de map Te versturen: 1"
        " doorverwijzing(en). Stuur het naar Woonstichting Voorbeeld; het is versleuteld,"
        " alleen zij kunnen het lezen."
    )
    assert str(post) not in win.message.text()
    assert win.message.toolTip() == f"Map: {out}"
    # The next message is about something else: the folder's tooltip goes with the old one.
    win.message.notice("Opgeslagen.")
    assert win.message.toolTip() == ""


def test_crafted_bundles_in_the_window(
    qtbot: QtBot, window: PartnerWindow, world: World, folders: dict[str, Path]
) -> None:
    """Bundles a trusted key signed over hostile content: a refusal is one Dutch sentence
    in the window, hostile words are shown as plain text, and the window keeps working."""
    win, post = window, folders["post"]
    real, _other = _trusted_window(qtbot, win, world, post)
    store = win.ctx.store
    assert store is not None
    signer = world_signer(world)
    broken = post / "kapot.age"
    broken.write_bytes(recraft(real.read_bytes(), store, signer, change_data=lambda d: [d]))
    not_pdf = post / "geen-pdf.age"
    not_pdf.write_bytes(
        recraft(real.read_bytes(), store, signer, members={"summary.pdf": b"<html>"})
    )
    for path in (broken, not_pdf):
        win.open_paths([path])
        _wait(qtbot, win, _notice_says(win, service.BAD_CONTENT.render("nl")))
        assert "\n" not in win.message.text()

    def hostile(doc: dict[str, Any]) -> None:
        ref = doc["households"][0]["referrals"][0]
        ref["reason"] = "<b>vet</b>\u202e" + "x" * 100_000
        ref["signals"] = [{"label_nl": "<img src=x>", "severity": "hoog"}]

    period = {"kind": "month", "label": "<a href='x'>2026-11</a>"}
    shown = post / "vreemd.age"
    shown.write_bytes(
        recraft(
            real.read_bytes(),
            store,
            signer,
            change_data=hostile,
            manifest_changes={"period": period},
        )
    )
    figures = post / "cijfers.age"
    aggregate = {
        "drempel": "tien",
        "niveau": "<h1>wijk</h1>",
        "cellen": [
            {"maat": "huishoudens", "gebied": "<i>Noord</i>", "huishoudens": 10**20},
            {"maat": "huishoudens", "gebied": "Zuid", "huishoudens": -5, "onderdrukt": "ja"},
            {"maat": "bezocht", "gebied": "x" * 5000, "huishoudens": 12},
        ],
    }
    figures.write_bytes(
        recraft(
            real.read_bytes(),
            store,
            signer,
            raw_data=json.dumps(aggregate).encode(),
            manifest_changes={"profile": "aggregate"},
        )
    )
    win.open_paths([shown])
    _wait(qtbot, win, _notice_says(win, "<a href='x'>2026-11</a>"))
    assert win.message.textFormat() is Qt.TextFormat.PlainText
    win.open_paths([figures])
    _wait(qtbot, win, lambda: win.work.figures.choice.count() == 1)
    win.work.tabs.setCurrentWidget(win.work.figures)
    assert win.work.figures.note.textFormat() is Qt.TextFormat.PlainText
    assert "<h1>wijk</h1>" in win.work.figures.note.text()
    assert not win.work.figures.grab().isNull()  # the tables and bars paint
    win.work.tabs.setCurrentWidget(win.work.referrals)
    for i in range(win.work.referrals.table.rowCount()):
        win.work.referrals.table.selectRow(i)
        detail = win.work.referrals.detail.text()
        assert "<b>vet</b>" not in detail and "<img" not in detail and "\u202e" not in detail
    assert not win.grab().isNull()
    assert len(win.work.referrals.rows) == 2


def test_wrong_passphrase_and_a_store_open_elsewhere_are_said_in_dutch(
    qtbot: QtBot, window: PartnerWindow, folders: dict[str, Path]
) -> None:
    win = window
    _first_run(qtbot, win)
    win.lock()
    _wait(qtbot, win, lambda: win.ctx.store is None)
    win.unlock.passphrase.setText("een heel ander wachtwoord hier")
    win.unlock.submit()
    _wait(qtbot, win, lambda: win.unlock.button.isEnabled() and win.unlock.message.isVisible())
    assert win.unlock.message.text() == WrongPassphraseError(WRONG_PASSPHRASE).render("nl")
    other = PartnerStore.open(win.ctx.data_dir, STORE_PASSPHRASE)  # another window has it
    try:
        win.unlock.passphrase.setText(STORE_PASSPHRASE)
        win.unlock.submit()
        _wait(qtbot, win, lambda: STORE_IN_USE.render("nl") in win.unlock.message.text())
        assert win.stack.currentWidget() is win.unlock
    finally:
        other.close()
    win.unlock.submit()
    _wait(qtbot, win, lambda: win.stack.currentWidget() is win.work)


def test_a_case_conference_agenda_in_the_bundles_tab(
    qtbot: QtBot, window: PartnerWindow, world: World, folders: dict[str, Path]
) -> None:
    """A meeting bundle (#18 C) opens into the store: listed under Bundels as the agenda of
    a case conference, "Agenda bekijken" shows its PDF from memory."""
    win = window
    post = folders["post"]
    _trusted_window(qtbot, win, world, post)
    with world.vault.session() as s:
        m = meetings.add_meeting(s, date(2026, 12, 3), ["Wijkteam"], place="Wijkhuis")
        meetings.add_to_agenda(s, m.id, world.households[JANSEN])
        send_meeting(s, m.id, "Wijkteam", post / "overleg.age")
    win.open_paths([post / "overleg.age"])
    _wait(qtbot, win, _notice_says(win, "Agenda van het casusoverleg op 2026-12-03"))
    page = win.work.bundles
    _wait(qtbot, win, lambda: page.table.rowCount() == 1)
    assert page.table.item(0, 2).text() == "agenda casusoverleg"  # type: ignore[union-attr]
    assert page.cover_button.text() == "Agenda bekijken"
    page.view_cover()
    _wait(qtbot, win, lambda: win.preview is not None and win.preview.isVisible())
    assert win.preview is not None
    assert win.preview.windowTitle() == "Agenda"
    assert win.preview.document.pageCount() >= 1
    win.preview.reject()

"""Plain words in the partner app too (#17, as #15 F for the main app): a walk over every
page, tab and dialog of the partner window, with a trusted corporation, an opened case
bundle with an erasure request, a figures bundle, a recorded status and reply files made,
reads each visible text and finds no age recipient, hash, fingerprint, file path or code.

The one allowed place: the two lines on Sleutels en instellingen that the partner gives
the corporation (Regel 1 is an ``age1…`` recipient, by nature); their "Voor ICT" tooltips
name age and Ed25519. The walk skips exactly those two lines and shows the check finds
them. Real SQLCipher on both sides, real age and Ed25519, the real window offscreen."""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from datetime import date
from pathlib import Path

import pytest
import shiboken6
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey
from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QWidget
from pytestqt.qtbot import QtBot
from sqlalchemy import select

from tests.bundle_helpers import World, build_world
from tests.partner_helpers import (
    JANSEN,
    OZTURK,
    STORE_PASSPHRASE,
    address_to,
    corporation_key_file,
    export_to,
    org_key_file,
    recraft,
    send_referrals,
)
from tests.ui.conftest import TIMEOUT
from tests.ui.plain_words import forbidden, offences, visible_texts
from waakvlam_desktop.bundles.export import export_bundle
from waakvlam_desktop.clock import FixedClock
from waakvlam_desktop.domain.consent import withdraw_consent
from waakvlam_desktop.domain.exports import Period
from waakvlam_desktop.domain.types import FeedbackStatus
from waakvlam_desktop.partnerstore import service
from waakvlam_desktop.storage.models import Referral
from waakvlam_desktop.storage.vault import Vault
from waakvlam_desktop.ui import i18n
from waakvlam_desktop.ui.partner.context import PartnerContext
from waakvlam_desktop.ui.partner.dialogs import FeedbackDialog, PdfPreview, TrustDialog
from waakvlam_desktop.ui.partner.window import PartnerWindow
from waakvlam_desktop.ui.widgets.common import Lang
from waakvlam_desktop.ui.worker import Background

Seen = dict[str, list[tuple[str, str]]]

# What a walk that really read the screens met, per language.
EXPECTED = {
    "nl": (
        "Welkom bij Waakvlam Partner",
        "Typ je wachtwoordzin",
        "Verwijderverzoeken (1)",
        "Doorverwijzingen (",
        "Terugkoppeling uiterlijk",
        "Geschiedenis van dit huishouden",
        "Bezocht in de periode",
        "Voorblad bekijken",
        "Code om voor te lezen",
        "Corporaties die je vertrouwt",
        "De code klopt",
        "Status vastleggen",
        "Afdrukken",
        "Stuur elk bestand naar de corporatie",
    ),
    "en": (
        "Welcome to Waakvlam Partner",
        "Type your passphrase",
        "Erasure requests (1)",
        "Referrals (",
        "Feedback due",
        "History of this household",
        "Visited in the period",
        "View cover sheet",
        "Code to read out",
        "Corporations you trust",
        "The code matches",
        "Record status",
        "Print",
        "Send each file to the corporation",
    ),
}


@pytest.fixture
def world(vault: Vault) -> World:
    world = build_world(vault)
    send_referrals(world)
    return world


@pytest.fixture(params=["nl", "en"])
def window(
    request: pytest.FixtureRequest, qtbot: QtBot, tmp_path: Path, clock: FixedClock
) -> Iterator[PartnerWindow]:
    language = str(request.param)
    app = QCoreApplication.instance()
    assert app is not None
    i18n.install(app, language)  # the autouse ``dutch`` fixture puts Dutch back afterwards
    Lang.current = language
    background = Background()
    ctx = PartnerContext(tmp_path / "partner", clock, background, language, 0)
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


def _settle(qtbot: QtBot, win: PartnerWindow) -> None:
    for _ in range(4):
        win.ctx.background.wait_idle(30)
        qtbot.wait(30)


def _in_store(qtbot: QtBot, win: PartnerWindow, work: Callable[[object], object]) -> None:
    box: list[object] = []
    win.ctx.in_store(win, work, box.append, box.append, changes=True)
    _wait(qtbot, win, lambda: bool(box))
    assert not isinstance(box[0], BaseException), box[0]


def _walk(qtbot: QtBot, win: PartnerWindow, world: World, post: Path) -> Seen:
    """Every page, tab and dialog, with data in each; returns what each one showed."""
    seen: Seen = {}
    lines = [win.work.keys.age_line, win.work.keys.sign_line]

    def read(where: str, root: QWidget | None = None) -> None:
        seen[where] = visible_texts(root or win, skip=lines)

    def notice(where: str) -> None:
        _settle(qtbot, win)
        assert win.message.isVisible(), where
        seen[f"{where} (melding)"] = [("InlineMessage", win.message.text())]

    # First run: the passphrase for the new store.
    read("Eerste start")
    win.first_run.passphrase.setText(STORE_PASSPHRASE)
    win.first_run.repeat.setText(STORE_PASSPHRASE)
    win.first_run.submit()
    _wait(qtbot, win, lambda: win.ctx.store is not None and win.work.keys.age_line.text() != "")
    read("Leeg")
    store = win.ctx.store
    assert store is not None

    # The corporation addresses the partner (a case and a figures partner), the partner
    # trusts it through the dialog, a second corporation's key by the service.
    address_to(world, store)
    address_to(world, store, partner="Gemeente")
    win.trust_file(corporation_key_file(world, post / "keys"))
    _wait(qtbot, win, lambda: win.trust_dialog is not None and win.trust_dialog.isVisible())
    dialog = win.trust_dialog
    assert isinstance(dialog, TrustDialog)
    read("Vertrouwen", dialog)
    dialog.confirm.click()
    notice("Vertrouwd")
    other = Ed25519PrivateKey.generate()
    oost = org_key_file(other, "Woonbron Oost", post / "keys")
    _in_store(qtbot, win, lambda s: service.trust_key_file(s, oost))
    # The same organisation with another key: the dialog says so, and is cancelled.
    changed = org_key_file(Ed25519PrivateKey.generate(), "Woonbron Oost", post / "changed")
    win.trust_file(changed)
    _wait(qtbot, win, lambda: win.trust_dialog is not dialog and win.trust_dialog is not None)
    replace = win.trust_dialog
    assert isinstance(replace, TrustDialog) and replace.warning.isVisible()
    read("Vertrouwen, andere sleutel", replace)
    replace.reject()

    # Bundles: a case bundle, a second one with an erasure request, a second
    # corporation's, and a figures bundle.
    first = export_to(world, post / "1")
    win.open_paths([first])
    _wait(qtbot, win, lambda: len(win.work.referrals.rows) == 2)
    notice("Bundel geopend")
    with world.vault.session() as s:
        jansen = s.scalar(select(Referral.id).where(Referral.reference == world.referrals[JANSEN]))
        assert jansen is not None
        withdraw_consent(s, jansen, on=date(2026, 11, 25))
    oost_bundle = post / "woonbron.age"
    oost_bundle.write_bytes(recraft(first.read_bytes(), store, other, organisation="Woonbron Oost"))
    (post / "cijfers").mkdir()
    with world.vault.session() as s:
        figures = export_bundle(
            s, world.partners["Gemeente"], Period.quarter(2026, 3), post / "cijfers"
        ).path
    win.open_paths([export_to(world, post / "2"), oost_bundle, figures])
    _wait(qtbot, win, lambda: win.work.figures.choice.count() == 1)
    _wait(qtbot, win, lambda: win.work.erasures.table.rowCount() == 1)
    notice("Cijfers geopend")

    # A status recorded in the dialog, another by the service; reply files in a folder.
    win.work.tabs.setCurrentWidget(win.work.referrals)
    ozturk = [r for r in win.work.referrals.rows if r.kenmerk == world.referrals[OZTURK]]
    assert len(ozturk) == 2
    win.work.referrals.table.selectRow(win.work.referrals.rows.index(ozturk[0]))
    win.work.referrals.record_status()
    feedback = win.feedback_dialog
    assert isinstance(feedback, FeedbackDialog) and feedback.isVisible()
    read("Status vastleggen", feedback)
    feedback.status.setCurrentIndex(feedback.status.findData(FeedbackStatus.STARTED.value))
    feedback.note.setText("Intake gehad")
    feedback.save()
    # Saved: the dialog closes and is deleted later (deleteLater on finished), so the wait
    # must not touch a deleted object.
    _wait(qtbot, win, lambda: not shiboken6.isValid(feedback) or not feedback.isVisible())
    key = ozturk[1].key
    _in_store(
        qtbot,
        win,
        lambda s: service.record_feedback(s, key, FeedbackStatus.CLOSED, date(2026, 11, 26), ""),
    )
    replies = post / "antwoorden"
    replies.mkdir()
    win.choose_reply_folder = lambda _pending: str(replies)
    win.reply_dialog()
    _wait(qtbot, win, lambda: len(list(replies.iterdir())) == 2)
    notice("Terugkoppeling gemaakt")
    win.export_to(post / "lijst.csv", "csv")
    _wait(qtbot, win, (post / "lijst.csv").exists)
    notice("Geexporteerd")

    # Every tab; on Doorverwijzingen every row (its detail and history), on Cijfers every
    # bundle, on Bundels the cover sheet (a letter shows in the same PdfPreview).
    win.message.clear_message()
    tabs = win.work.tabs
    for i in range(tabs.count()):
        tabs.setCurrentIndex(i)
        _settle(qtbot, win)
        read(tabs.tabText(i))
    tabs.setCurrentWidget(win.work.referrals)
    for i, row in enumerate(win.work.referrals.rows):
        win.work.referrals.table.selectRow(i)
        _settle(qtbot, win)
        read(f"Doorverwijzing {row.kenmerk} ({row.organisation})")
    tabs.setCurrentWidget(win.work.figures)
    for i in range(win.work.figures.choice.count()):
        win.work.figures.choice.setCurrentIndex(i)
        _settle(qtbot, win)
        read(f"Cijfers {i}")
    tabs.setCurrentWidget(win.work.bundles)
    win.work.bundles.view_cover()
    _wait(qtbot, win, lambda: isinstance(win.preview, PdfPreview) and win.preview.isVisible())
    assert win.preview is not None
    read("Voorblad", win.preview)
    win.preview.reject()

    # Locked: the unlock page.
    win.lock()
    _wait(qtbot, win, lambda: win.ctx.store is None)
    read("Ontgrendelen")
    return seen


def test_partner_screens_show_no_technical_details(
    qtbot: QtBot, window: PartnerWindow, world: World, tmp_path: Path
) -> None:
    win, post = window, tmp_path / "post"
    seen = _walk(qtbot, win, world, post)
    folders = [post, tmp_path]
    found = [
        o
        for where, texts in seen.items()
        for o in offences(texts, where, win.ctx.data_dir, folders)
        # In English "case" and "handover" are the plain words themselves (a partner type
        # reads "colleague (handover)"); the profile codes are checked in Dutch.
        if win.ctx.language == "nl" or " · profile code: " not in o
    ]
    assert found == [], "\n".join(found)
    # the walk really read the screens (a collector that reads nothing passes anything)
    assert len(seen) >= 20
    everything = " ".join(t for texts in seen.values() for _c, t in texts)
    for expected in EXPECTED[win.ctx.language]:
        assert expected in everything, expected
    assert "Woonbron Oost" in everything
    assert re.search(r"\d\d-\d\d-2026", everything), "dates as the GUI shows them"
    iso = [
        t
        for texts in seen.values()
        for _c, t in texts
        if re.search(r"(?<![\w-])\d{4}-\d\d-\d\d(?![\w-])", t)
    ]
    assert iso == [], "dates as dd-mm-jjjj, as everywhere in the GUI"


def test_the_lines_for_the_corporation_are_the_one_exception(
    qtbot: QtBot, window: PartnerWindow, tmp_path: Path
) -> None:
    """The two lines the walk skips are what the check would find: Regel 1 is the age
    recipient; nothing else on Sleutels en instellingen is."""
    win = window
    win.first_run.passphrase.setText(STORE_PASSPHRASE)
    win.first_run.repeat.setText(STORE_PASSPHRASE)
    win.first_run.submit()
    _wait(qtbot, win, lambda: win.work.keys.age_line.text().startswith("age1"))
    win.work.tabs.setCurrentWidget(win.work.keys)
    _settle(qtbot, win)
    keys = win.work.keys
    everything = offences(visible_texts(keys), "Sleutels", win.ctx.data_dir)
    assert everything and all(keys.age_line.text()[:60] in o for o in everything)
    assert {
        n for n, _p in forbidden(win.ctx.data_dir) if any(f" · {n}: " in o for o in everything)
    } == {"age recipient"}
    lines = [keys.age_line, keys.sign_line]
    assert offences(visible_texts(keys, skip=lines), "Sleutels", win.ctx.data_dir) == []

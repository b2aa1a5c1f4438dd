"""``waakvlam-desktop --screenshots DIR [--lang nl|en]``: a demo vault in a temp dir, every
main screen rendered offscreen at 1366x768, one PNG per screen."""

from __future__ import annotations

import json
import os
import shutil
import tempfile
import time
from collections.abc import Callable
from datetime import UTC, date, datetime
from pathlib import Path

import pyrage
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QWidget
from sqlalchemy import select

from waakvlam_desktop.clock import FixedClock
from waakvlam_desktop.domain.demo import fixed_demo_now, generate_demo
from waakvlam_desktop.domain.households import (
    add_address,
    add_household,
    add_resident,
    list_households,
)
from waakvlam_desktop.domain.partners import list_partners, update_partner
from waakvlam_desktop.domain.referrals import list_referrals
from waakvlam_desktop.domain.setup import initialise
from waakvlam_desktop.domain.staff import complex_choices, set_complexes
from waakvlam_desktop.domain.types import ReferralStatus, VisitKind
from waakvlam_desktop.domain.visits import SignalInput, VisitInput, record_visit
from waakvlam_desktop.fileio import write_atomic
from waakvlam_desktop.privacy.retention import close_household
from waakvlam_desktop.storage.models import Referral
from waakvlam_desktop.storage.vault import Vault
from waakvlam_desktop.ui import i18n
from waakvlam_desktop.ui.collector import collect_on_gui_thread
from waakvlam_desktop.ui.context import AppContext
from waakvlam_desktop.ui.main_window import (
    NAV_EXPORTS,
    NAV_HOUSEHOLDS,
    NAV_NEIGHBOURHOOD,
    NAV_OVERVIEW,
    NAV_PARTNERS,
    NAV_PRIVACY,
    NAV_REFERRALS,
    NAV_SEARCH,
    NAV_SETTINGS,
    MainWindow,
    Workspace,
)
from waakvlam_desktop.ui.screens.address_import.wizard import STEP_MAPPING, ImportWizard
from waakvlam_desktop.ui.screens.referrals.screen import LetterPreview, ReferralDialog
from waakvlam_desktop.ui.widgets.common import Lang
from waakvlam_desktop.ui.worker import Background

PASSPHRASE = "schermafbeeldingen maken"


def settle(app: QApplication, background: Background, rounds: int = 6) -> None:
    """Let background work finish and its results arrive on the GUI thread."""
    for _ in range(rounds):
        background.wait_idle(60)
        deadline = time.monotonic() + 0.05
        while time.monotonic() < deadline:
            app.processEvents()


def wait_for(
    app: QApplication, background: Background, condition: Callable[[], bool], timeout: float = 30
) -> None:
    deadline = time.monotonic() + timeout
    while not condition():
        if time.monotonic() > deadline:
            raise TimeoutError("screen did not become ready")
        settle(app, background, 1)


def add_expired_cases(vault: Vault, clock: FixedClock) -> None:
    """Three households whose case closed long ago, for the retention list."""
    now = clock.now()
    cases = (
        ("fam. Bakker", "Molenweg", 3, 2019, 3),
        ("fam. Yilmaz", "Molenweg", 17, 2020, 9),
        ("dhr. Visser", "Beukenlaan", 8, 2022, 6),
    )
    for label, street, number, year, month in cases:
        clock.set(datetime(year, month, 4, 10, 0, tzinfo=UTC))
        with vault.session() as s:
            addr = add_address(
                s, street=street, number=number, postcode="3531 KL", city="Utrecht", wijk="West"
            )
            hh = add_household(s, addr.id, label)
            add_resident(s, hh.id, f"Bewoner {label[5:]}", birth_year=1948)
            record_visit(
                s,
                VisitInput(
                    hh.id,
                    VisitKind.REGULIER,
                    notes="Gaat goed; geen zorgen meer.",
                    signals=[SignalInput("financien.huurachterstand", 1, "regeling loopt")],
                ),
            )
        clock.set(datetime(year, month, 20, 10, 0, tzinfo=UTC))
        with vault.session() as s:
            close_household(s, hh.id, date(year, month, 20))
    clock.set(now)


def shoot_partner_in_place(
    dialog: ReferralDialog, grab: Callable[[QWidget, str], None], language: str
) -> None:
    """Doorverwijzen with a partner template still to complete chosen, and the partner
    dialog it opens in place (#15 E)."""
    template = next((p for p in dialog.partners if p.missing), None)
    if template is None:
        return
    dialog.partner.setCurrentIndex(dialog.partner.findData(template.id))
    grab(dialog, "12b-doorverwijzen-aanvullen" if language == "nl" else "12b-refer-complete")
    dialog.complete_partner()
    partner_dialog = dialog.partner_dialog
    if partner_dialog is not None:
        grab(
            partner_dialog, "12c-partner-aanvullen" if language == "nl" else "12c-complete-partner"
        )
        partner_dialog.reject()


def make_screenshots(
    out_dir: Path,
    language: str = "nl",
    households: int = 300,
    size: tuple[int, int] | None = None,
) -> int:
    """``size`` is the window in logical pixels; None: as the app sizes it for the screen.
    Another screen: the offscreen platform's ``configfile`` (see docs/desktop.md), e.g. a
    1920x1080 screen at 200 % is ``QT_SCALE_FACTOR=2`` and offers 960x540."""
    _offscreen_screen()  # read when QApplication starts
    out_dir.mkdir(parents=True, exist_ok=True)
    app = QApplication.instance() or QApplication(["waakvlam-desktop"])
    collect_on_gui_thread(app)
    assert isinstance(app, QApplication)
    i18n.install(app, language)
    Lang.current = language
    clock = FixedClock(fixed_demo_now())
    tmp = Path(tempfile.mkdtemp(prefix="waakvlam-screens-"))
    written: list[Path] = []

    def grab(window: QWidget, name: str) -> None:
        settle(app, background)
        path = out_dir / f"{name}.png"
        window.grab().save(str(path))
        written.append(path)

    try:
        background = Background()
        ctx = AppContext(tmp / "vault", clock, background, language)
        window = MainWindow(ctx)
        _resize(window, size)
        window.show()
        grab(window, "01-eerste-start" if language == "nl" else "01-first-run")

        vault = Vault.create(tmp / "vault", PASSPHRASE, kdf_target_seconds=0, clock=clock)
        with vault.session() as s:
            staff = initialise(
                s,
                organisation="Woonstichting Voorbeeld",
                staff_name="Anouk de Vries",
                staff_role="wijkbeheerder",
                language=language,
                address_line="Postbus 1234",
                postcode="3500 AB",
                city="Utrecht",
                phone="030-123 45 67",
                email="info@voorbeeld.nl",
                staff_phone="06-12 34 56 78",
                staff_email="a.devries@voorbeeld.nl",
            )
            vault.actor = staff.id
        add_expired_cases(vault, clock)
        generate_demo(vault.session, households, seed=3)
        with vault.session() as s:
            shared = s.scalar(
                select(Referral.household_id).where(
                    Referral.status == ReferralStatus.VERSTUURD.value
                )
            )
        with vault.session() as s:
            # "Mijn complexen": the staff member looks after two complexes.
            choices = complex_choices(s, staff.id)
            set_complexes(s, staff.id, [c.id for c in choices[:2]])
            # An acute sign nobody followed up yet: first on Vandaag, as on a real day.
            acute_hid = next(
                r.id for r in list_households(s) if r.complex_name in {c.name for c in choices[:2]}
            )
            record_visit(
                s,
                VisitInput(
                    acute_hid,
                    VisitKind.SIGNAAL,
                    notes="Buurvrouw hoorde gisteravond geschreeuw; mevrouw heeft een blauwe plek.",
                    signals=[SignalInput("veiligheid.huiselijk_geweld", 3, "blauwe plek")],
                ),
            )
        with vault.session() as s:
            rows = list_households(s)
            referral_rows = list_referrals(s)
            first = next(p for p in list_partners(s) if p.complete)  # not a template
            update_partner(
                s,
                first.id,
                name=first.name,
                type=first.type,
                profile=first.profile,
                schedule=first.schedule,
                contact_name=first.contact_name,
                address_line=first.address_line,
                postcode=first.postcode,
                city=first.city,
                recipients=[str(pyrage.x25519.Identity.generate().to_public())],
            )
        vault.close()
        window.close()
        window.deleteLater()

        window = MainWindow(ctx)
        _resize(window, size)
        window.show()
        grab(window, "02-ontgrendelen" if language == "nl" else "02-unlock")
        window.unlock_page.passphrase.setText(PASSPHRASE)
        window.unlock_page.submit()
        try:
            wait_for(app, background, lambda: window.workspace is not None)
        except TimeoutError:
            raise TimeoutError(window.unlock_page.message.text()) from None
        ws = window.workspace
        assert ws is not None
        grab(window, "03-vandaag" if language == "nl" else "03-today")
        ws.nav.setCurrentRow(NAV_HOUSEHOLDS)
        grab(window, "04-huishoudens" if language == "nl" else "04-households")
        ws.nav.setCurrentRow(NAV_OVERVIEW)
        wait_for(app, background, lambda: ws.overview.complete)
        grab(window, "04b-overzicht" if language == "nl" else "04b-overview")
        bar = ws.overview.charts_area.verticalScrollBar()
        bar.setValue(bar.maximum())
        grab(window, "04b-overzicht-onder" if language == "nl" else "04b-overview-bottom")
        bar.setValue(0)
        _buurt_shots(app, background, ws, grab, language)
        _import_wizard_shot(app, background, ws, out_dir, language, written)
        busy = max(rows, key=lambda r: (r.concern_level.rank, r.residents))
        ws.open_household(busy.id)
        wait_for(app, background, lambda: ws.household.data is not None)
        grab(window, "05-huishouden" if language == "nl" else "05-household")
        ws.household.tabs.setCurrentIndex(1)
        grab(window, "06-signalen" if language == "nl" else "06-signals")
        ws.household.tabs.setCurrentIndex(0)
        ws.open_editor(busy.id, None)
        wait_for(app, background, lambda: ws.editor.data is not None)
        ws.editor.notes.setPlainText(
            "Mevrouw deed open na twee keer aanbellen. Stapels ongeopende post in de gang;"
            " zegt dat haar zoon niet meer langskomt. Kinderen van de buren maken zich zorgen."
        )
        ws.editor.rows["financien.ongeopende_post"].set_state(2, "brieven van de deurwaarder")
        ws.editor.rows["veiligheid.kinderen"].set_state(2, "")
        ws.editor.rows["financien.huurachterstand"].info.setChecked(True)  # guidance on request
        settle(app, background)  # the editor scrolls the acute sign's guidance into sight
        grab(window, "07-huisbezoek" if language == "nl" else "07-home-visit")
        ws.editor.discard()
        ws.nav.setCurrentRow(NAV_REFERRALS)
        grab(window, "11-doorverwijzingen" if language == "nl" else "11-referrals")
        referred = next(r for r in rows if r.id == referral_rows[0].household_id)
        ws.open_household(referred.id)
        wait_for(
            app,
            background,
            lambda: ws.household.data is not None and ws.household.data.detail.id == referred.id,
        )
        dialog = ReferralDialog(ctx, ws.household.data.detail, window)  # type: ignore[union-attr]
        dialog.reason.setText("Huurachterstand loopt op; bewoner wil hulp bij de post.")
        dialog.context.setPlainText("Mevrouw is overdag thuis en staat open voor contact.")
        dialog.consent.setChecked(True)
        if dialog.signs.count():
            dialog.signs.item(0).setCheckState(Qt.CheckState.Checked)
        dialog.show()
        grab(dialog, "12-doorverwijzen" if language == "nl" else "12-refer")
        shoot_partner_in_place(dialog, grab, language)
        dialog.close()
        preview = LetterPreview(ctx, referral_rows[0].id, window)
        preview.show()
        wait_for(app, background, lambda: preview.pdf is not None)
        grab(preview, "13-verwijsbrief" if language == "nl" else "13-referral-letter")
        preview.close()
        ws.nav.setCurrentRow(NAV_EXPORTS)
        wait_for(app, background, lambda: ws.exports.preview is not None)
        grab(window, "14-exports")
        ws.nav.setCurrentRow(NAV_SEARCH)
        ws.search.set_query("ongeopende post")
        grab(window, "08-zoeken" if language == "nl" else "08-search")
        ws.nav.setCurrentRow(NAV_PARTNERS)
        grab(window, "09-partners")
        ws.nav.setCurrentRow(NAV_SETTINGS)
        grab(window, "10-instellingen" if language == "nl" else "10-settings")
        ws.nav.setCurrentRow(NAV_PRIVACY)
        wait_for(app, background, lambda: ws.privacy.data is not None)
        grab(window, "15-privacy")
        ws.privacy.tabs.setCurrentIndex(1)
        ws.privacy.verify()
        wait_for(app, background, lambda: ws.privacy.verdict is not None)
        grab(window, "16-auditlog" if language == "nl" else "16-audit-log")
        ws.privacy.tabs.setCurrentIndex(2)
        grab(window, "17-back-up" if language == "nl" else "17-backup")
        ws.open_household(shared or busy.id)
        wait_for(app, background, lambda: ws.household.privacy.data is not None)
        ws.household.tabs.setCurrentWidget(ws.household.privacy)
        grab(window, "18-huishouden-privacy" if language == "nl" else "18-household-privacy")
        window.lock()
        settle(app, background)
        window.close()
    finally:
        shutil.rmtree(tmp, ignore_errors=True)
    for path in written:
        print(path)
    return 0


def _buurt_shots(
    app: QApplication,
    background: Background,
    ws: Workspace,
    grab: Callable[[QWidget, str], None],
    language: str,
) -> None:
    """Buurt: the screen of the staff member's first complex, and the event form."""
    ws.nav.setCurrentRow(NAV_NEIGHBOURHOOD)
    wait_for(app, background, lambda: ws.neighbourhood.data is not None)
    window = ws.window()
    grab(window, "04e-buurt" if language == "nl" else "04e-neighbourhood")
    event = ws.neighbourhood.event_dialog()
    if event is not None:
        event.note.setPlainText("Gesprek met bewoners over overlast bij de fietsenstalling.")
        event.show()
        grab(event, "04f-buurt-gebeurtenis" if language == "nl" else "04f-neighbourhood-event")
        event.close()
    # Casusoverleg: the coming meeting (what the tab opens on), with the households carried
    # over from the demo's meeting three weeks ago and their agreements still open.
    panel = ws.neighbourhood.meetings
    ws.neighbourhood.tabs.setCurrentWidget(panel)
    wait_for(app, background, lambda: panel.data is not None)
    grab(window, "04g-buurt-casusoverleg" if language == "nl" else "04g-case-conference")
    ws.neighbourhood.tabs.setCurrentIndex(0)


def _offscreen_screen(width: int = 1366, height: int = 768) -> None:
    """Offscreen, on a 1366x768 screen unless a screen was chosen (``configfile=``): the
    offscreen platform's own screen is 800x800, and the window sizes itself from it."""
    platform = os.environ.get("QT_QPA_PLATFORM", "offscreen")
    if platform != "offscreen" or QApplication.instance() is not None:
        return
    screen = {"name": "S", "x": 0, "y": 0, "width": width, "height": height}
    config = Path(tempfile.gettempdir()) / f"waakvlam-screen-{width}x{height}.json"
    write_atomic(config, json.dumps({"screens": [screen]}).encode(), overwrite=True)
    os.environ["QT_QPA_PLATFORM"] = f"offscreen:configfile={config}"


def _resize(window: QWidget, size: tuple[int, int] | None) -> None:
    if size is not None:
        window.resize(*size)


def _import_wizard_shot(
    app: QApplication,
    background: Background,
    ws: Workspace,
    out_dir: Path,
    language: str,
    written: list[Path],
) -> None:
    """The import wizard's column step, on the sample file from docs/ (when it is there)."""
    sample = Path(__file__).resolve().parents[4] / "docs" / "voorbeeld-adressen.csv"  # the repo
    if not sample.exists():
        return
    wizard = ImportWizard(ws.ctx, ws)
    wizard.show()
    wizard.path.setText(str(sample))
    wizard.next()
    wait_for(app, background, lambda: wizard.step == STEP_MAPPING)
    settle(app, background)
    path = out_dir / (
        "04c-adressen-inlezen.png" if language == "nl" else "04c-import-addresses.png"
    )
    wizard.grab().save(str(path))
    written.append(path)
    wizard.next()  # the check (a dry run): nothing is written
    wait_for(app, background, lambda: wizard.report is not None)
    settle(app, background)
    path = out_dir / ("04d-adressen-controle.png" if language == "nl" else "04d-import-check.png")
    wizard.grab().save(str(path))
    written.append(path)
    wizard.reject()
    wizard.deleteLater()

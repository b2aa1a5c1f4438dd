"""``waakvlam-partner --screenshots DIR [--lang nl|en]``: a corporation vault and a partner
store in a temp dir; the corporation sends two case bundles (the second with an erasure
request) and a bundle of figures; every partner screen rendered offscreen at 1366x768."""

from __future__ import annotations

import shutil
import tempfile
from datetime import date
from pathlib import Path

from PySide6.QtWidgets import QApplication, QWidget
from sqlalchemy import select

from waakvlam_desktop.bundles.export import export_bundle
from waakvlam_desktop.bundles.keys import org_public_key
from waakvlam_desktop.clock import FixedClock
from waakvlam_desktop.documents.referral_documents import generate_referral_letter
from waakvlam_desktop.domain.consent import withdraw_consent
from waakvlam_desktop.domain.demo import fixed_demo_now, generate_demo
from waakvlam_desktop.domain.exports import Period
from waakvlam_desktop.domain.households import add_address, add_household, add_resident
from waakvlam_desktop.domain.partners import add_partner
from waakvlam_desktop.domain.referrals import ReferralInput, change_status, create_referral
from waakvlam_desktop.domain.setup import initialise
from waakvlam_desktop.domain.types import (
    ConsentForm,
    DataProfile,
    FeedbackStatus,
    PartnerType,
    ReferralStatus,
    VisitKind,
)
from waakvlam_desktop.domain.visits import SignalInput, VisitInput, record_visit
from waakvlam_desktop.fileio import write_atomic
from waakvlam_desktop.partnerstore import service
from waakvlam_desktop.storage.models import Referral
from waakvlam_desktop.storage.vault import Vault
from waakvlam_desktop.ui import i18n
from waakvlam_desktop.ui.collector import collect_on_gui_thread
from waakvlam_desktop.ui.devtools.screenshots import settle, wait_for
from waakvlam_desktop.ui.partner.context import PartnerContext
from waakvlam_desktop.ui.partner.dialogs import FeedbackDialog
from waakvlam_desktop.ui.partner.window import PartnerWindow
from waakvlam_desktop.ui.worker import Background

VAULT_PASSPHRASE = "schermafbeeldingen maken"
STORE_PASSPHRASE = "wijkteam overvecht leest bundels"

HOUSEHOLDS = (
    ("fam. El Amrani", "Vlierstraat", 4, "Fatima El Amrani", "Zorgen om de post en de huur"),
    ("mw. De Boer", "Vlierstraat", 12, "Anna de Boer", "Vereenzaming na overlijden partner"),
    ("dhr. Kramer", "Lijsterbeslaan", 31, "Henk Kramer", "Woning raakt vervuild"),
)


def corporation_sends(tmp: Path, clock: FixedClock, recipient: str) -> tuple[Path, list[Path]]:
    """The corporation's side: its key file and three bundles to the partner."""
    vault = Vault.create(tmp / "vault", VAULT_PASSPHRASE, kdf_target_seconds=0, clock=clock)
    out = tmp / "post"
    out.mkdir()
    with vault.session() as s:
        staff = initialise(
            s,
            organisation="Woonstichting Voorbeeld",
            staff_name="Anouk de Vries",
            staff_role="wijkbeheerder",
            address_line="Postbus 1234",
            postcode="3500 AB",
            city="Utrecht",
        )
        vault.actor = staff.id
        wijkteam = add_partner(
            s,
            name="Buurtteam Overvecht",
            type=PartnerType.WIJKTEAM,
            recipients=[recipient],
            address_line="Postbus 9",
            postcode="3500 AA",
            city="Utrecht",
        ).id
        gemeente = add_partner(
            s,
            name="Gemeente Utrecht",
            type=PartnerType.GEMEENTE,
            recipients=[recipient],
            profile=DataProfile.AGGREGATE,
        ).id
        key_file = out / "woonstichting-voorbeeld.pub"
        write_atomic(key_file, org_public_key(s).file_text().encode("utf-8"))
    generate_demo(vault.session, 120, seed=3)
    references = []
    for label, street, number, name, reason in HOUSEHOLDS:
        with vault.session() as s:
            addr = add_address(
                s,
                street=street,
                number=number,
                postcode="3562 AB",
                city="Utrecht",
                wijk="Overvecht",
            )
            hh = add_household(s, addr.id, label)
            add_resident(s, hh.id, name, birth_year=1956)
            record_visit(
                s,
                VisitInput(
                    hh.id,
                    VisitKind.REGULIER,
                    notes="Huisbezoek.",
                    signals=[
                        SignalInput("financien.ongeopende_post", 2),
                        SignalInput("sociaal.eenzaamheid", 1),
                    ],
                ),
            )
        with vault.session() as s:
            ref = create_referral(
                s,
                ReferralInput(
                    household_id=hh.id,
                    partner_id=wijkteam,
                    reason=reason,
                    letter_context="Bewoner wil graag hulp en is thuis op dinsdag.",
                    signal_codes=["financien.ongeopende_post", "sociaal.eenzaamheid"],
                    consent_form=ConsentForm.WRITTEN,
                    consent_date=date(2026, 11, 10),
                    feedback_due=date(2026, 12, 11),
                ),
            )
            references.append(ref.reference)
            generate_referral_letter(s, ref.id)
            change_status(s, ref.reference, ReferralStatus.VERSTUURD)
    period = Period.parse("2026-11")
    bundles = []
    with vault.session() as s:
        bundles.append(export_bundle(s, wijkteam, period, out / "1").path)
    with vault.session() as s:
        ref_id = s.scalar(select(Referral.id).where(Referral.reference == references[2]))
        assert ref_id is not None
        withdraw_consent(s, ref_id, on=date(2026, 11, 25))
    with vault.session() as s:
        bundles.append(export_bundle(s, wijkteam, period, out / "2").path)
    with vault.session() as s:
        # Figures only for a period that is over.
        bundles.append(export_bundle(s, gemeente, Period.parse("2026-10"), out / "3").path)
    vault.close()
    return key_file, bundles


def make_partner_screenshots(out_dir: Path, language: str = "nl") -> int:
    app = QApplication.instance() or QApplication([])
    collect_on_gui_thread(app)
    assert isinstance(app, QApplication)
    i18n.install(app, language)
    out_dir.mkdir(parents=True, exist_ok=True)
    tmp = Path(tempfile.mkdtemp(prefix="waakvlam-partner-shots-"))
    clock = FixedClock(fixed_demo_now())
    nl = language == "nl"
    written: list[Path] = []

    def grab(widget: QWidget, name: str) -> None:
        settle(app, background)
        path = out_dir / f"{name}.png"
        widget.grab().save(str(path))
        written.append(path)

    try:
        background = Background()
        ctx = PartnerContext(tmp / "partner", clock, background, language, 0)
        window = PartnerWindow(ctx)
        window.resize(1366, 768)
        window.show()
        grab(window, "p01-eerste-start" if nl else "p01-first-run")
        window.first_run.passphrase.setText(STORE_PASSPHRASE)
        window.first_run.repeat.setText(STORE_PASSPHRASE)
        window.first_run.submit()
        wait_for(app, background, lambda: ctx.store is not None)
        store = ctx.store
        assert store is not None
        with store.session() as s:
            recipient = service.own_keys(s).age_recipient
        key_file, bundles = corporation_sends(tmp, FixedClock(fixed_demo_now()), recipient)
        window.work.tabs.setCurrentWidget(window.work.keys)
        grab(window, "p02-sleutels" if nl else "p02-keys")
        window.trust_file(key_file)
        wait_for(app, background, lambda: window.trust_dialog is not None)
        assert window.trust_dialog is not None
        grab(window.trust_dialog, "p03-vertrouwen" if nl else "p03-trust")
        window.trust_dialog.confirm.click()
        settle(app, background)
        window.lock()
        settle(app, background)
        grab(window, "p04-ontgrendelen" if nl else "p04-unlock")
        window.unlock.passphrase.setText(STORE_PASSPHRASE)
        window.unlock.submit()
        wait_for(app, background, lambda: ctx.store is not None)
        window.open_paths(bundles[:2])
        settle(app, background)
        window.open_paths(bundles[2:])
        settle(app, background)
        grab(window, "p05-verwijderverzoeken" if nl else "p05-erasure-requests")
        window.work.erasures.table.selectRow(0)
        window.work.erasures.confirm()
        settle(app, background)
        window.work.tabs.setCurrentWidget(window.work.referrals)
        window.work.referrals.table.selectRow(0)
        settle(app, background)
        grab(window, "p06-doorverwijzingen" if nl else "p06-referrals")
        window.work.referrals.record_status()
        dialog = window.feedback_dialog
        assert isinstance(dialog, FeedbackDialog)
        dialog.status.setCurrentIndex(dialog.status.findData(FeedbackStatus.STARTED.value))
        dialog.note.setText("Intakegesprek gehad; budgetcoach start volgende week.")
        grab(dialog, "p07-status")
        dialog.save()
        settle(app, background)
        window.choose_reply_path = lambda _name: str(tmp / "post" / "terugkoppeling.age")
        window.reply_dialog()
        settle(app, background)
        grab(window, "p08-terugkoppeling" if nl else "p08-feedback-made")
        window.work.referrals.view_letter()
        wait_for(app, background, lambda: window.preview is not None)
        assert window.preview is not None
        window.preview.resize(860, 740)
        grab(window.preview, "p09-brief" if nl else "p09-letter")
        window.preview.close()
        window.work.tabs.setCurrentWidget(window.work.figures)
        grab(window, "p10-cijfers" if nl else "p10-figures")
        window.work.tabs.setCurrentWidget(window.work.bundles)
        grab(window, "p11-bundels" if nl else "p11-bundles")
        window.close()
        settle(app, background)
    finally:
        shutil.rmtree(tmp, ignore_errors=True)
    for path in written:
        print(path)
    return 0

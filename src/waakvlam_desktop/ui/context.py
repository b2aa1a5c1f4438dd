"""The app's state between screens: the vault (only ever touched on the worker thread),
the unlocked profile (plain data) and the signals screens listen to, among them
``changed``: what a write operation (``ui/operations.py``) changed."""

from __future__ import annotations

import contextlib
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QObject, Signal

from waakvlam_desktop.clock import Clock, local_today
from waakvlam_desktop.errors import VaultError, WaakvlamError
from waakvlam_desktop.storage import remember
from waakvlam_desktop.storage.paths import VaultPaths
from waakvlam_desktop.texts import QT_TRANSLATE_NOOP, Message
from waakvlam_desktop.ui import preload
from waakvlam_desktop.ui.worker import Background, TaskContext, TaskHandle

if TYPE_CHECKING:
    # The vault code (SQLAlchemy, the models, the domain) is imported on the worker, in
    # the background while the unlock screen shows (ui/preload.py): not at start (#16).
    from waakvlam_desktop.domain.settings import Settings
    from waakvlam_desktop.domain.signals import ChecklistItemView
    from waakvlam_desktop.storage.keys import KeyHeader
    from waakvlam_desktop.storage.vault import Vault

UPGRADING = "upgrading the vault"  # the unlock task's progress label for it

NO_REMEMBERED_KEY = Message(
    "vault.no_remembered_key",
    QT_TRANSLATE_NOOP("Errors", "There is no remembered key on this computer."),
)


@dataclass(frozen=True, slots=True)
class Changes:
    """What a write operation changed, announced by :attr:`AppContext.changed` (Anki's
    ``OpChanges``): each screen refreshes when something it shows changed."""

    households: bool = False  # addresses, residents, visits, follow-ups, consent, levels
    referrals: bool = False  # referrals and their status
    drafts: bool = False  # draft visits
    partners: bool = False
    exports: bool = False  # the export history
    staff: bool = False
    backups: bool = False
    neighbourhood: bool = False  # complex events, their signals and actions (Buurt)
    household_id: str | None = None  # the one household changed; None: any or several

    def about_household(self, household_id: str | None) -> bool:
        """True when this changes what the page of ``household_id`` shows."""
        shown = self.households or self.referrals or self.drafts
        return shown and self.household_id in (None, household_id)


@dataclass(frozen=True, slots=True)
class Profile:
    """Who is working and with which settings: loaded once at unlock."""

    organisation: str
    staff_id: str | None
    staff_name: str
    settings: Settings
    checklist: tuple[ChecklistItemView, ...]


@dataclass(frozen=True, slots=True)
class NewVault:
    passphrase: str
    organisation: str
    staff_name: str
    staff_role: str
    language: str
    remember: bool
    kdf_target_seconds: float
    # The sender details of a letter; optional here, Instellingen fills them in later.
    address_line: str = ""
    postcode: str = ""
    city: str = ""
    phone: str = ""
    email: str = ""
    staff_phone: str = ""
    staff_email: str = ""


class AppContext(QObject):
    unlocked = Signal()
    about_to_lock = Signal()
    closing = Signal()  # after about_to_lock, before the close is queued: last vault work
    locked = Signal()
    changed = Signal(object)  # Changes, after a write operation succeeded
    profile_changed = Signal()

    def __init__(
        self, data_dir: Path, clock: Clock, background: Background, language: str = "nl"
    ) -> None:
        super().__init__()
        self.data_dir = Path(data_dir)
        self.clock = clock
        self.background = background
        self.language = language
        # The language asked for on the command line (--lang): wins over the vault's setting.
        self.language_override: str | None = None
        self._vault: Vault | None = None  # worker thread only
        self.profile: Profile | None = None

    # ---- state ---------------------------------------------------------------------------
    def vault_exists(self) -> bool:
        return VaultPaths(self.data_dir).header.exists()

    @property
    def is_unlocked(self) -> bool:
        return self.profile is not None

    def today(self) -> date:
        return local_today(self.clock)

    @property
    def settings(self) -> Settings:
        assert self.profile is not None
        return self.profile.settings

    def keyring_available(self) -> bool:
        return remember.backend_available()

    def _header(self) -> KeyHeader | None:
        """This vault's key header; None when there is none that can be read. Without the
        vault code (SQLAlchemy): the unlock screen asks this at start."""
        from waakvlam_desktop.storage.keys import KeyHeader  # noqa: PLC0415 - lazy: cryptography

        try:
            return KeyHeader.from_bytes(VaultPaths(self.data_dir).header.read_bytes())
        except (OSError, WaakvlamError):
            return None

    def _vault_id(self) -> str | None:
        header = self._header()
        return header.vault_id if header is not None else None

    def key_remembered(self) -> bool:
        """Is this vault's key in the OS keyring ("Onthouden op deze computer")?"""
        vault_id = self._vault_id()
        return vault_id is not None and remember.recall(vault_id) is not None

    def forget_key(self) -> None:
        """Switch "Onthouden op deze computer" off: the key leaves the OS keyring."""
        vault_id = self._vault_id()
        if vault_id is not None:
            remember.forget(vault_id)

    # ---- opening and closing (all vault work on the worker thread) ------------------------
    def _close_current(self) -> None:
        """Before opening again: this window's own vault lock must not refuse it."""
        if self._vault is not None:
            self._vault.close()
            self._vault = None

    def _load_profile(self, vault: Vault) -> Profile:
        from waakvlam_desktop.domain.settings import load_settings  # noqa: PLC0415 - lazy: ui/preload.py
        from waakvlam_desktop.domain.setup import default_staff, organisation  # noqa: PLC0415 - lazy: ui/preload.py
        from waakvlam_desktop.domain.signals import active_checklist  # noqa: PLC0415 - lazy: ui/preload.py

        with vault.session() as s:
            staff = default_staff(s)
            vault.actor = staff.id if staff else None
            org = organisation(s)
            return Profile(
                organisation=org.name if org else "",
                staff_id=staff.id if staff else None,
                staff_name=staff.name if staff else "",
                settings=load_settings(s),
                checklist=tuple(active_checklist(s)),
            )

    def _opened(self, vault: Vault) -> Profile:
        if self._vault is not None:
            self._vault.close()
        self._vault = vault
        try:
            return self._load_profile(vault)
        except BaseException:
            vault.close()
            self._vault = None
            raise

    def create_vault(
        self,
        params: NewVault,
        on_done: Callable[[Any], None],
        on_error: Callable[[BaseException], None],
    ) -> TaskHandle:
        def task(_ctx: TaskContext) -> Profile:
            preload.wait_vault_code()
            from waakvlam_desktop.domain.setup import initialise  # noqa: PLC0415 - lazy: ui/preload.py
            from waakvlam_desktop.storage.keys import unwrap_key  # noqa: PLC0415 - lazy: ui/preload.py
            from waakvlam_desktop.storage.vault import Vault  # noqa: PLC0415 - lazy: ui/preload.py

            self._close_current()
            vault = Vault.create(
                self.data_dir,
                params.passphrase,
                kdf_target_seconds=params.kdf_target_seconds,
                clock=self.clock,
                app=True,
                user_inputs=(params.organisation, params.staff_name),
            )
            with vault.session() as s:
                initialise(
                    s,
                    organisation=params.organisation,
                    staff_name=params.staff_name,
                    staff_role=params.staff_role,
                    language=params.language,
                    address_line=params.address_line,
                    postcode=params.postcode,
                    city=params.city,
                    phone=params.phone,
                    email=params.email,
                    staff_phone=params.staff_phone,
                    staff_email=params.staff_email,
                )
            if params.remember:
                key = unwrap_key(Vault.read_header(vault.paths), params.passphrase)
                remember.remember(vault.vault_id, key)
            return self._opened(vault)

        return self.background.run(task, lambda p: self._set_profile(p, on_done), on_error)

    def unlock(
        self,
        passphrase: str | None,
        on_done: Callable[[Any], None],
        on_error: Callable[[BaseException], None],
        remember_key: bool | None = None,
        on_upgrading: Callable[[], None] | None = None,
    ) -> TaskHandle:
        """With ``passphrase=None``, try the OS keyring only (raises when not remembered).

        ``remember_key`` (with a passphrase): True stores the key in the OS keyring, False
        removes it, None leaves the keyring as it is. ``on_upgrading`` is called on the
        GUI thread when the vault turns out to be of an older version and is upgraded
        first (a minute at 50,000 households).
        """

        def task(ctx: TaskContext) -> Profile:
            def upgrading() -> None:
                ctx.progress(0, 0, UPGRADING)

            self._close_current()
            if passphrase is None:
                # First the keyring (the vault code need not be loaded for that), so a key
                # that is not remembered does not wait for the preload.
                vault_id = self._vault_id()
                key = remember.recall(vault_id) if vault_id is not None else None
                if vault_id is None or key is None:
                    raise VaultError(NO_REMEMBERED_KEY)
                preload.wait_vault_code()
                from waakvlam_desktop.storage.vault import Vault  # noqa: PLC0415 - lazy: ui/preload.py

                vault = Vault.open_with_key(
                    self.data_dir,
                    key,
                    vault_id=vault_id,
                    clock=self.clock,
                    app=True,
                    on_upgrade=upgrading,
                )
            else:
                from waakvlam_desktop.storage.keys import Unwrapper  # noqa: PLC0415 - lazy: cryptography

                # The KDF while the vault code loads (Argon2 releases the interpreter lock):
                # Vault.open below finds the key derived. A wrong passphrase, or a header
                # that changes meanwhile, is found out there.
                preload.start_vault_code()  # when submitted before the first paint
                unwrap = Unwrapper()
                header = self._header()
                if header is not None:
                    with contextlib.suppress(WaakvlamError):
                        unwrap(header, passphrase)
                preload.wait_vault_code()
                from waakvlam_desktop.storage.vault import Vault  # noqa: PLC0415 - lazy: ui/preload.py

                vault = Vault.open(
                    self.data_dir,
                    passphrase,
                    clock=self.clock,
                    app=True,
                    unwrap=unwrap,
                    on_upgrade=upgrading,
                )
                if remember_key is False:
                    remember.forget(vault.vault_id)
                elif remember_key:
                    key = unwrap(Vault.read_header(vault.paths), passphrase)
                    remember.remember(vault.vault_id, key)
            return self._opened(vault)

        def progress(_done: int, _total: int, label: str) -> None:
            if label == UPGRADING and on_upgrading is not None:
                on_upgrading()

        return self.background.run(
            task, lambda p: self._set_profile(p, on_done), on_error, on_progress=progress
        )

    def _set_profile(self, profile: Profile, on_done: Callable[[Any], None]) -> None:
        self.profile = profile
        self.language = profile.settings.language
        on_done(profile)
        self.unlocked.emit()

    def reload_profile(self, on_done: Callable[[Any], None] | None = None) -> None:
        def task(_ctx: TaskContext) -> Profile:
            assert self._vault is not None
            return self._load_profile(self._vault)

        def done(profile: Profile) -> None:
            self.profile = profile
            self.profile_changed.emit()
            if on_done:
                on_done(profile)

        self.background.run(task, done)

    def lock(self) -> None:
        """Editors save their drafts on ``about_to_lock`` (queued first), then we close."""
        if self.profile is None:
            return
        self.about_to_lock.emit()
        # The drafts are queued; the scheduled team-folder backup goes after them, then
        # the vault closes (all on the worker, in this order).
        self.closing.emit()
        self.profile = None

        def task(_ctx: TaskContext) -> None:
            if self._vault is not None:
                self._vault.close()  # disposes every connection: the key goes with them
                self._vault = None

        self.background.run(task)
        self.locked.emit()

    # ---- work ----------------------------------------------------------------------------
    def open_vault(self) -> Vault:
        """The open vault, for an operation on the worker thread (never on the GUI thread)."""
        if self._vault is None or not self._vault.is_open:
            from waakvlam_desktop.storage.vault import VAULT_LOCKED  # noqa: PLC0415 - lazy: ui/preload.py

            raise VaultError(VAULT_LOCKED)
        return self._vault

    def announce(self, changes: Changes) -> None:
        """Tell the screens what a write changed (operations call this, on the GUI thread)."""
        self.changed.emit(changes)

"""Typed errors a user can cause.

Every exception here carries a :class:`~waakvlam_desktop.texts.Message` (a stable code and
an English source sentence, translated through the one catalog) and its parameters. The
CLI prints ``str(exc)`` — the sentence in the current language, Dutch by default — on one
line; the GUI renders it in the window's language with :meth:`WaakvlamError.render`.
Anything else escaping the core is a bug.
"""

from __future__ import annotations

from waakvlam_desktop.texts import Message


class WaakvlamError(Exception):
    """Base class: a problem the user can act on, as one complete sentence.

    Raised as ``WaakvlamError(MESSAGE, path=…)``: a :class:`Message` and its parameters,
    never a finished sentence (that could only be shown in the language it was made in).
    """

    exit_code = 1

    def __init__(self, message: Message, /, **params: object) -> None:
        self.message = message
        self.params = params
        super().__init__(self.render())

    @property
    def code(self) -> str:
        """The stable code of the message (``--json`` output and logs use it)."""
        return self.message.code

    def render(self, language: str | None = None) -> str:
        """The sentence in ``language`` (default: the current language)."""
        return self.message.render(language, **self.params)

    def __str__(self) -> str:
        return self.render()


class UsageError(WaakvlamError):
    """The command or its arguments are wrong (CLI exit 2)."""

    exit_code = 2


class VaultError(WaakvlamError):
    """Something about the vault as a whole."""


class VaultNotFoundError(VaultError):
    pass


class VaultExistsError(VaultError):
    pass


class WrongPassphraseError(VaultError):
    pass


class VaultDamagedError(VaultError):
    pass


class VaultBusyError(VaultError):
    """Another process has the vault open in a way that excludes this one."""


class WeakPassphraseError(WaakvlamError):
    pass


class ValidationError(WaakvlamError):
    """Input that cannot be stored as given. ``field`` names the input when known."""

    def __init__(self, message: Message, /, field: str | None = None, **params: object) -> None:
        super().__init__(message, **params)
        self.field = field


class BsnLikeError(ValidationError):
    """Free text contains something that looks like a BSN; the caller must confirm."""


class NotFoundError(WaakvlamError):
    pass


class TransitionError(WaakvlamError):
    """A status change that the workflow does not allow."""


class StorageWriteError(WaakvlamError):
    """A write failed (disk full, I/O error); the transaction was rolled back."""


class ImportFileError(WaakvlamError):
    """A file to import cannot be read at all (empty, not CSV, unknown encoding)."""


class ImportMappingError(UsageError):
    """A column mapping names a column or field that does not exist."""


class CancelledError(WaakvlamError):
    """The user cancelled a long operation; nothing was changed."""


class LetterTemplateError(ValidationError):
    """A letter template file (resources/letters/*.json or the organisation's copy) is wrong."""


class ConsentWithdrawnError(WaakvlamError):
    """The resident withdrew the consent this sharing would rest on."""


class BackupError(WaakvlamError):
    """A backup file that is not a Waakvlam backup, is damaged, or cannot be written."""


class ExportError(WaakvlamError):
    """An export cannot be made as asked (no recipient, bad period, …)."""


class ExportCancelledError(ExportError):
    """The user cancelled a running export; nothing was written."""


class BundleError(WaakvlamError):
    """A bundle cannot be opened or trusted. Each subclass is one specific reason."""


class NotABundleError(BundleError):
    pass


class BundleNotForYouError(BundleError):
    """The identity does not decrypt the bundle (or the age header was damaged)."""


class BundleDamagedError(BundleError):
    """Changed, cut off, extended, or members that do not match the manifest."""


class HandoverInvalidError(BundleError):
    """A value in a handover bundle fails validation; the message names table, row, field."""


class UnknownSenderError(BundleError):
    pass


class SenderNotTrustedError(UnknownSenderError):
    """No key is pinned (``bundle trust``) for the organisation the bundle names."""


class SenderKeyChangedError(UnknownSenderError):
    """The organisation has a pinned key, and the bundle was signed with another one."""


class BadSignatureError(BundleError):
    pass


class UnknownFormatError(BundleError):
    pass


class NotAddressedToYouError(BundleError):
    """The bundle decrypts, but the manifest does not list the own recipient fingerprint."""


class ReplayError(BundleError):
    pass


class KeyFileError(BundleError):
    """An identity or public-key file that cannot be read or parsed."""


class FeedbackRefusedError(BundleError):
    """A feedback reply that is not read in (recipient, signature, replay, partner, kenmerk);
    the message says which. Nothing was written."""


class RecoveryError(WaakvlamError):
    """The organisation recovery key: shares that do not fit, a backup without its wrap."""

"""The documents of a referral: ``waakvlam letter``, ``consent-form``, ``resident-letter``.

Apart from ``cli/referral.py`` so that only these three commands load reportlab.
"""

from __future__ import annotations

import argparse
from pathlib import Path

from waakvlam_desktop.cli.common import Arguments, data_dir, info, json_flag, open_vault, print_json
from waakvlam_desktop.errors import UsageError, WaakvlamError
from waakvlam_desktop.fileio import write_atomic
from waakvlam_desktop.texts import QT_TRANSLATE_NOOP, Message

REFERRAL_SAVED = Message(
    "cli.letter_referral_saved",
    QT_TRANSLATE_NOOP("Cli", "Referral letter {reference} saved in {path}."),
    context="Cli",
)
CONSENT_SAVED = Message(
    "cli.letter_consent_saved",
    QT_TRANSLATE_NOOP("Cli", "Consent form {reference} saved in {path}."),
    context="Cli",
)
RESIDENT_SAVED = Message(
    "cli.letter_resident_saved",
    QT_TRANSLATE_NOOP("Cli", "Letter to the resident {reference} saved in {path}."),
    context="Cli",
)

FILE_EXISTS = Message(
    "cli.letter_file_exists",
    QT_TRANSLATE_NOOP("Errors", "{path} already exists. Choose another name or use --force."),
)
FOLDER_MISSING = Message(
    "cli.letter_folder_missing",
    QT_TRANSLATE_NOOP("Errors", "The folder {folder} does not exist; nothing was saved."),
)
NOT_SAVED = Message(
    "cli.letter_not_saved",
    QT_TRANSLATE_NOOP("Errors", "{path} cannot be saved ({reason})."),
)
NOT_SAVED_WRITE_ERROR = Message(
    "cli.letter_not_saved_write_error",
    QT_TRANSLATE_NOOP("Errors", "{path} cannot be saved (write error)."),
)
OUT_IS_FOLDER = Message(
    "cli.letter_out_is_folder",
    QT_TRANSLATE_NOOP(
        "Errors", "--out {path} is a folder; give a file name, for example letter.pdf."
    ),
)


def _write_out(path: Path, pdf: bytes, force: bool) -> None:
    if path.exists() and not force:
        raise UsageError(FILE_EXISTS, path=path)
    if not path.parent.is_dir():
        raise WaakvlamError(FOLDER_MISSING, folder=path.parent)
    try:
        write_atomic(path, pdf, overwrite=True)
    except OSError as exc:
        if exc.strerror:
            raise WaakvlamError(NOT_SAVED, path=path, reason=exc.strerror) from None
        raise WaakvlamError(NOT_SAVED_WRITE_ERROR, path=path) from None


def _document(args: argparse.Namespace, kind: str, saved: Message) -> int:
    out = Path(args.out).expanduser()
    if out.is_dir():
        raise UsageError(OUT_IS_FOLDER, path=out)
    if out.exists() and not args.force:
        raise UsageError(FILE_EXISTS, path=out)
    from waakvlam_desktop.documents.referral_documents import GENERATORS  # noqa: PLC0415 - parsing stays light (cli/main.py)
    from waakvlam_desktop.domain.letters import check_language, record_letter_saved  # noqa: PLC0415 - parsing stays light (cli/main.py)
    from waakvlam_desktop.domain.referrals import get_referral  # noqa: PLC0415 - parsing stays light (cli/main.py)

    language = check_language(args.lang)
    with open_vault(args) as v, v.session() as s:
        pdf = GENERATORS[kind](s, args.referral_id, language, vault_folder=data_dir(args))
        ref = get_referral(s, args.referral_id)
        reference, ref_id = ref.reference, ref.id
        # Written inside the transaction: if writing fails, the audit events roll back too.
        _write_out(out, pdf, args.force)
        record_letter_saved(s, ref_id, kind)
    if args.json:
        print_json(
            {
                "referral_id": ref_id,
                "reference": reference,
                "kind": kind,
                "language": language,
                "path": str(out),
                "bytes": len(pdf),
            }
        )
    else:
        info(saved.render(reference=reference, path=out))
    return 0


def cmd_letter(args: argparse.Namespace) -> int:
    from waakvlam_desktop.domain.letters import LetterKind  # noqa: PLC0415 - parsing stays light (cli/main.py)

    return _document(args, LetterKind.REFERRAL, REFERRAL_SAVED)


def cmd_consent_form(args: argparse.Namespace) -> int:
    from waakvlam_desktop.domain.letters import LetterKind  # noqa: PLC0415 - parsing stays light (cli/main.py)

    return _document(args, LetterKind.CONSENT, CONSENT_SAVED)


def cmd_resident_letter(args: argparse.Namespace) -> int:
    from waakvlam_desktop.domain.letters import LetterKind  # noqa: PLC0415 - parsing stays light (cli/main.py)

    return _document(args, LetterKind.RESIDENT, RESIDENT_SAVED)


def _document_args(p: argparse.ArgumentParser) -> None:
    p.add_argument("referral_id", metavar="REFERRAL_ID", help="id of kenmerk (WV-2026-0001)")
    p.add_argument("--out", required=True, metavar="FILE.pdf", help="het PDF-bestand")
    p.add_argument("--lang", default="nl", choices=["nl", "en"], help="taal (standaard nl)")
    p.add_argument("--force", action="store_true", help="overschrijf een bestaand bestand")
    json_flag(p)


def _letter(p: argparse.ArgumentParser) -> None:
    p.set_defaults(func=cmd_letter)
    _document_args(p)


def _consent_form(p: argparse.ArgumentParser) -> None:
    p.set_defaults(func=cmd_consent_form)
    _document_args(p)


def _resident_letter(p: argparse.ArgumentParser) -> None:
    p.set_defaults(func=cmd_resident_letter)
    _document_args(p)


COMMANDS: dict[str, Arguments] = {
    "letter": _letter,
    "consent-form": _consent_form,
    "resident-letter": _resident_letter,
}

"""User-facing text has one mechanism: coded messages, rendered from the one catalog."""

from __future__ import annotations

import ast
import importlib
import pkgutil
import re
import subprocess
import sys
from pathlib import Path

import pytest

import waakvlam_desktop
from waakvlam_desktop import errors, texts
from waakvlam_desktop.domain import consent, overview, types
from waakvlam_desktop.domain.households import STREET
from waakvlam_desktop.domain.types import ConcernLevel
from waakvlam_desktop.domain.validation import REQUIRED
from waakvlam_desktop.errors import ValidationError, WaakvlamError, WrongPassphraseError
from waakvlam_desktop.privacy import retention
from waakvlam_desktop.storage import audit, audit_labels
from waakvlam_desktop.storage.vault import Vault
from waakvlam_desktop.texts import Message

PACKAGE = Path(waakvlam_desktop.__file__).parent
# A ``{name}`` placeholder; ``{{`` and ``}}`` are literal braces in str.format, not placeholders.
PLACEHOLDER = re.compile(r"(?<!\{)\{[a-z_]+(?::[^}]*)?\}(?!\})")

# Raise sites of user errors (WaakvlamError and its subclasses) that still pass a plain
# sentence instead of a Message. This number only goes down; issue #11 ends with 0.
UNCONVERTED_MAX = 0


def _all_messages() -> list[tuple[str, Message]]:
    found = []
    for info in pkgutil.walk_packages([str(PACKAGE)], "waakvlam_desktop."):
        # ui/ modules import Qt but need no QApplication; the dev tools are not the app.
        skip = ("migrations", "devtools")
        if any(part in info.name for part in skip) or info.name.endswith("__main__"):
            continue
        module = importlib.import_module(info.name)
        for name, value in vars(module).items():
            if isinstance(value, Message) and getattr(module, "__name__", "") == info.name:
                found.append((f"{info.name}.{name}", value))
    return found


def test_core_renders_dutch_without_qt() -> None:
    code = (
        "import sys\n"
        "from waakvlam_desktop.texts import translate\n"
        "assert translate('TodayView', 'Today', 'nl') == 'Vandaag'\n"
        "assert translate('TodayView', 'Today', 'en') == 'Today'\n"
        "assert not any(m.startswith('PySide6') for m in sys.modules)\n"
    )
    subprocess.run([sys.executable, "-c", code], check=True)


def test_an_unknown_string_falls_back_to_its_english_source() -> None:
    assert texts.translate("Errors", "No such sentence {x}", "nl") == "No such sentence {x}"


def test_wrong_passphrase_speaks_the_current_language(vault_dir: Path) -> None:
    Vault.create(vault_dir, "correct horse battery staple", kdf_target_seconds=0).close()
    with pytest.raises(WrongPassphraseError) as caught:
        Vault.open(vault_dir, "wrong horse battery staple")
    exc = caught.value
    assert exc.code == "vault.wrong_passphrase"
    assert str(exc).startswith("Het wachtwoord klopt niet")
    assert exc.render("en").startswith("The passphrase is wrong")
    texts.use_language("en")
    try:
        assert str(exc).startswith("The passphrase is wrong")
    finally:
        texts.use_language("nl")


def test_parameters_fill_the_sentence_in_every_language() -> None:
    msg = Message("test.params", "File {name} exists.")
    exc = WaakvlamError(msg, name="brief.pdf")
    assert str(exc) == "File brief.pdf exists."
    assert exc.params == {"name": "brief.pdf"}


def test_a_parameter_that_renders_itself_follows_the_language_of_the_sentence() -> None:
    exc = ValidationError(REQUIRED, field="street", label=STREET)  # "{label} is required."
    assert str(exc) == "De straat is verplicht."
    assert exc.render("en") == "The street is required."
    texts.use_language("en")
    try:
        assert str(exc) == "The street is required."
    finally:
        texts.use_language("nl")


def test_every_message_has_a_unique_code_and_a_finished_dutch_translation() -> None:
    messages = _all_messages()
    assert messages, "no Message found: the scan is broken"
    codes: dict[str, str] = {}
    problems = []
    for where, msg in messages:
        if msg.code in codes and codes[msg.code] != msg.source:
            problems.append(f"{where}: code {msg.code} also used by {codes[msg.code]!r}")
        codes[msg.code] = msg.source
        dutch = texts.translate(msg.context, msg.source, "nl")
        if dutch == msg.source:
            problems.append(f"{where}: no Dutch translation (run scripts/update-translations.sh)")
        elif sorted(PLACEHOLDER.findall(dutch)) != sorted(PLACEHOLDER.findall(msg.source)):
            problems.append(f"{where}: placeholders differ between English and Dutch")
    assert problems == [], "\n".join(problems)


#: The errors a user can cause: WaakvlamError and every subclass of it in errors.py.
USER_ERRORS = frozenset(
    name
    for name, value in vars(errors).items()
    if isinstance(value, type) and issubclass(value, WaakvlamError)
)


def test_every_label_has_a_finished_dutch_translation() -> None:
    tables = {
        "VISIT_KIND_LABELS": types.VISIT_KIND_LABELS,
        "SEVERITY_LABELS": types.SEVERITY_LABELS,
        "CONCERN_LABELS": types.CONCERN_LABELS,
        "PARTNER_TYPE_LABELS": types.PARTNER_TYPE_LABELS,
        "PROFILE_LABELS": types.PROFILE_LABELS,
        "PROFILE_DESCRIPTIONS": types.PROFILE_DESCRIPTIONS,
        "REFERRAL_STATUS_LABELS": types.REFERRAL_STATUS_LABELS,
        "TOTAL_LABELS": overview.TOTAL_LABELS,
        "EXCLUSION_LABELS": consent.EXCLUSION_LABELS,
        "ACTION_LABELS": audit.ACTION_LABELS,
        "ENTITY_LABELS": audit.ENTITY_LABELS,
        "FIELD_LABELS": audit_labels.FIELD_LABELS,
        "DETAIL_LABELS": audit_labels.DETAIL_LABELS,
        "VIA_LABELS": audit_labels.VIA_LABELS,
        "COUNT_NOUNS (one)": {k: v[0] for k, v in audit_labels.COUNT_NOUNS.items()},
        "COUNT_NOUNS (many)": {k: v[1] for k, v in audit_labels.COUNT_NOUNS.items()},
        "CATEGORY_LABELS": retention.CATEGORY_LABELS,
        "NO_COMPLEX": {"": overview.NO_COMPLEX},
    }
    missing = [
        f"{name}[{key}]: {source!r}"
        for name, table in tables.items()
        for key, source in table.items()
        if not texts.has_translation("Labels", source, "nl")
    ]
    assert missing == [], "\n".join(missing)
    assert types.concern_label(ConcernLevel.GEEN) == "geen zorgen"
    assert types.concern_label(ConcernLevel.GEEN, "en") == "no concerns"
    assert audit.action_label("purge", "nl") == "opgeschoond (bewaartermijn)"
    assert audit.action_label("unknown-action") == "unknown-action"


def _unconverted_raise_sites() -> list[str]:
    """Raise sites of a user error (:data:`USER_ERRORS`) whose first argument is a sentence
    (a literal, an f-string, a concatenation) instead of a :class:`Message`.

    Programmer errors — ``ValueError``, ``RuntimeError``, ``TypeError`` guards that no user
    can cause and the GUI never shows as such (an uncaught one ends in the crash dialog,
    which has its own translated text) — stay in English and are not in the catalog, so
    they are not counted here.
    """
    sites = []
    for path in sorted(PACKAGE.rglob("*.py")):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for node in ast.walk(tree):
            if not (isinstance(node, ast.Raise) and isinstance(node.exc, ast.Call)):
                continue
            func = node.exc.func
            name = func.id if isinstance(func, ast.Name) else getattr(func, "attr", "")
            if name not in USER_ERRORS or not node.exc.args:
                continue
            first = node.exc.args[0]
            if isinstance(first, ast.Constant | ast.JoinedStr | ast.BinOp):
                sites.append(f"{path.relative_to(PACKAGE)}:{node.lineno}")
    return sites


def test_raise_sites_pass_messages_not_sentences() -> None:
    sites = _unconverted_raise_sites()
    assert len(sites) <= UNCONVERTED_MAX, (
        f"{len(sites)} raise sites pass a plain sentence (at most {UNCONVERTED_MAX}); define a"
        " Message instead:\n" + "\n".join(sites)
    )

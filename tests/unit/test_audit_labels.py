"""Every audit code the app can write reads as words (#15 F): the actions found in the code,
every audited table and every field an update can name, in Dutch and in English."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

from waakvlam_desktop import texts
from waakvlam_desktop.storage import audit_labels
from waakvlam_desktop.storage.hooks import _QUIET_FIELDS
from waakvlam_desktop.storage.models import AuditEvent, Base

PACKAGE = Path(__file__).resolve().parents[2] / "src" / "waakvlam_desktop"
# Functions that pass on an action they were given (their callers are scanned instead).
FORWARDERS = {("domain/letters.py", "_letter_event"), ("storage/hooks.py", "_audit")}


def _callee(node: ast.Call) -> str:
    f = node.func
    if isinstance(f, ast.Attribute) and isinstance(f.value, ast.Name) and f.value.id == "audit":
        return f"audit.{f.attr}"
    if isinstance(f, ast.Name):
        return f.id
    return ""


def written_actions() -> tuple[set[str], set[str], list[str]]:
    """(actions, entities, problems): the literal actions and entities passed to
    ``audit.record``, the letter and hook helpers and the handover's batched events; a
    non-literal action outside a known forwarder is a problem (it could be anything)."""
    actions: set[str] = set()
    entities: set[str] = set()
    problems: list[str] = []
    for path in sorted(PACKAGE.rglob("*.py")):
        if "migrations" in path.parts:
            continue
        rel = path.relative_to(PACKAGE).as_posix()
        tree = ast.parse(path.read_text(encoding="utf-8"))
        # module-level NAME = "text": an action passed by such a name is a literal too
        constants = {
            target.id: stmt.value.value
            for stmt in tree.body
            if isinstance(stmt, ast.Assign)
            and isinstance(stmt.value, ast.Constant)
            and isinstance(stmt.value.value, str)
            for target in stmt.targets
            if isinstance(target, ast.Name)
        }
        for func in ast.walk(tree):
            if not isinstance(func, ast.FunctionDef | ast.Module):
                continue
            where = (rel, getattr(func, "name", ""))
            for node in ast.walk(func):
                if isinstance(node, ast.Call) and _callee(node) in (
                    "audit.record",
                    "_letter_event",
                    "_audit",
                ):
                    if len(node.args) < 2:
                        continue
                    action = node.args[1]
                    if isinstance(action, ast.Name) and action.id in constants:
                        actions.add(constants[action.id])
                    elif isinstance(action, ast.Constant) and isinstance(action.value, str):
                        actions.add(action.value)
                    elif where not in FORWARDERS and isinstance(func, ast.FunctionDef):
                        problems.append(f"{rel}:{node.lineno} passes a computed action")
                    if _callee(node) == "audit.record" and len(node.args) > 2:
                        entity = node.args[2]
                        if isinstance(entity, ast.Constant) and isinstance(entity.value, str):
                            entities.add(entity.value)
                # the handover importer batches (action, table, id, household, detail)
                if (
                    isinstance(node, ast.Call)
                    and isinstance(node.func, ast.Attribute)
                    and node.func.attr == "append"
                    and isinstance(node.func.value, ast.Attribute)
                    and node.func.value.attr == "events"
                    and node.args
                    and isinstance(node.args[0], ast.Tuple)
                    and len(node.args[0].elts) == 5
                ):
                    first = node.args[0].elts[0]
                    if isinstance(first, ast.Constant) and isinstance(first.value, str):
                        actions.add(first.value)
                    else:
                        problems.append(f"{rel}:{node.lineno} batches a computed action")
    return actions, entities, problems


def audited_tables() -> dict[str, set[str]]:
    """Table -> the fields an update event can name (storage/hooks.py)."""
    out: dict[str, set[str]] = {}
    for mapper in Base.registry.mappers:
        cls = mapper.class_
        if cls is AuditEvent or not getattr(cls, "__audit__", True):
            continue
        out[cls.__tablename__] = {a.key for a in mapper.column_attrs} - _QUIET_FIELDS
    return out


def _readable(table: dict[str, str], code: str) -> None:
    assert code in table, f"{code!r} has no label"
    english = texts.translate("Labels", table[code], "en")
    dutch = texts.translate("Labels", table[code], "nl")
    assert texts.has_translation("Labels", table[code], "nl"), f"{code!r}: no Dutch"
    # a word may be its own code ("address", "partner"); a snake_case code never reads
    assert "_" not in english and english.strip(), f"{code!r}: English is a code"
    assert "_" not in dutch and dutch.strip(), f"{code!r}: Dutch is a code"


def test_the_scan_finds_the_actions_the_code_writes() -> None:
    actions, entities, problems = written_actions()
    assert problems == [], "\n".join(problems)
    # a sample the scan must see, or it is broken (hooks, letters, importer, witness)
    assert {"create", "update", "delete", "letter_generated", "letter_saved"} <= actions
    assert {"import", "anchor", "export", "purge", "view", "search"} <= actions
    assert {"vault", "bundle", "referral", "partner"} <= entities


def test_every_action_written_has_a_dutch_and_english_label() -> None:
    actions, _entities, _problems = written_actions()
    for action in sorted(actions):
        _readable(audit_labels.ACTION_LABELS, action)


def test_every_subject_and_field_has_a_label() -> None:
    _actions, entities, _problems = written_actions()
    tables = audited_tables()
    assert {"household", "visit", "referral", "partner"} <= set(tables)
    for entity in sorted(entities | set(tables)):
        _readable(audit_labels.ENTITY_LABELS, entity)
    for fields in tables.values():
        for field in sorted(fields):
            _readable(audit_labels.FIELD_LABELS, field)


def test_a_missing_label_is_caught() -> None:
    with pytest.raises(AssertionError, match="no label"):
        _readable(audit_labels.ACTION_LABELS, "letter_faxed")
    with pytest.raises(AssertionError, match="no Dutch"):
        _readable({"letter_faxed": "letter_faxed"}, "letter_faxed")


@pytest.mark.parametrize(
    ("action", "detail", "nl", "en"),
    [
        (
            "update",
            "velden: last_visit_at,next_check_in",
            "gewijzigd: laatste bezoek, volgend bezoek",
            "changed: last visit, next visit",
        ),
        ("view", "gui", "geopend in de app", "opened in the app"),
        (
            "letter_generated",
            "soort: verwijsbrief; taal: nl; bytes: 46948",
            "soort: verwijsbrief; taal: nl",
            "kind: referral letter; language: nl",
        ),
        ("import", "regels: 3; sha256: ab12", "regels: 3", "lines: 3"),
        ("demo", "aantal: 300", "aantal: 300", "how many: 300"),
    ],
)
def test_details_read_as_words(action: str, detail: str, nl: str, en: str) -> None:
    assert audit_labels.detail_text(action, detail, "nl") == nl
    assert audit_labels.detail_text(action, detail, "en") == en


def test_counts_are_phrases() -> None:
    counts = {"households": 11, "residents": 1, "signals": 0, "erasure_requests": 2}
    assert audit_labels.count_phrases(counts, "nl") == (
        "11 huishoudens, 1 bewoner, 2 verzoeken tot wissen"
    )
    assert audit_labels.count_phrases(counts, "en") == (
        "11 households, 1 resident, 2 erasure requests"
    )
    assert audit_labels.count_phrases({}, "nl") == "–"
    # grouped as people read them
    assert audit_labels.count_phrases({"households": 10000}, "nl") == "10.000 huishoudens"
    assert audit_labels.count_phrases({"households": 10000}, "en") == "10,000 households"

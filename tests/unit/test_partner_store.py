"""The partner app's store (#17): its own SQLCipher file and schema, its keys inside it,
trusted corporations, bundles opened into it (never onto disk), erasure requests,
feedback, the reply file the vault reads in, and retention.

Two data folders: the corporation's vault and the partner's store. Real SQLCipher on both
sides, real age and Ed25519; only the clock is fixed.
"""

from __future__ import annotations

import io
import json
import subprocess
from datetime import UTC, date, datetime
from pathlib import Path
from typing import Any

import pytest
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey
from openpyxl import load_workbook
from pypdf import PdfReader
from sqlalchemy import select, text

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
    world_signer,
)
from tests.unit.test_faults import fill_disk, mount_small_disk
from waakvlam_desktop.bundles import format as fmt
from waakvlam_desktop.bundles import reply as rp
from waakvlam_desktop.bundles.feedback import import_feedback
from waakvlam_desktop.bundles.meeting import send_meeting
from waakvlam_desktop.bundles.partner_state import TRUST_OTHER_KEY
from waakvlam_desktop.bundles.reader import KEY_CHANGED, NOT_TRUSTED
from waakvlam_desktop.clock import FixedClock
from waakvlam_desktop.documents.meeting import render_meeting
from waakvlam_desktop.domain import meetings
from waakvlam_desktop.domain.consent import withdraw_consent
from waakvlam_desktop.domain.partners import pin_signing_key
from waakvlam_desktop.domain.referrals import get_referral, referrals_waiting_for_feedback
from waakvlam_desktop.domain.types import FeedbackStatus
from waakvlam_desktop.errors import (
    BundleDamagedError,
    BundleError,
    ExportError,
    NotFoundError,
    ReplayError,
    SenderKeyChangedError,
    SenderNotTrustedError,
    UsageError,
    ValidationError,
    VaultExistsError,
    WeakPassphraseError,
    WrongPassphraseError,
)
from waakvlam_desktop.partnerstore import schema, service
from waakvlam_desktop.partnerstore.store import PartnerStore
from waakvlam_desktop.storage.models import AuditEvent as VaultAudit
from waakvlam_desktop.storage.models import Referral as VaultReferral
from waakvlam_desktop.storage.vault import Vault

TODAY = date(2026, 11, 27)


@pytest.fixture
def world(vault: Vault) -> World:
    world = build_world(vault)
    send_referrals(world)
    return world


@pytest.fixture
def store(tmp_path: Path, clock: FixedClock) -> Any:
    s = PartnerStore.create(
        tmp_path / "partner", STORE_PASSPHRASE, kdf_target_seconds=0, clock=clock
    )
    with s.session() as ps:
        service.first_run(ps)
    yield s
    s.close()


def _trusting(world: World, store: PartnerStore, tmp_path: Path) -> Path:
    address_to(world, store)
    key = corporation_key_file(world, tmp_path / "post")
    with store.session() as ps:
        assert service.trust_key_file(ps, key)
    return key


def _values(ps: Any) -> list[Any]:
    """Every value in every column of every table of the store, as stored."""
    return [
        value
        for table in schema.PartnerBase.metadata.sorted_tables
        for row in ps.execute(table.select())
        for value in row
    ]


def _everything(ps: Any) -> str:
    """Every value in every table of the store, as text: the text columns as they are
    (not repr, which would escape U+202E and control characters), bytes as Latin-1."""
    return "\n".join(v.decode("latin-1") if isinstance(v, bytes) else str(v) for v in _values(ps))


def _open(store: PartnerStore, path: Path) -> service.OpenReport:
    with store.session() as ps:
        return service.open_bundle(ps, path.read_bytes())


def test_store_is_sqlcipher_with_its_own_schema(tmp_path: Path, clock: FixedClock) -> None:
    folder = tmp_path / "partner"
    with pytest.raises(WeakPassphraseError):
        PartnerStore.create(folder, "wachtwoord", kdf_target_seconds=0)
    store = PartnerStore.create(folder, STORE_PASSPHRASE, kdf_target_seconds=0, clock=clock)
    with store.session() as ps:
        keys = service.first_run(ps)
        again = service.first_run(ps)
        tables = set(ps.scalars(text("SELECT name FROM sqlite_master WHERE type='table'")))
        version = ps.scalar(text("PRAGMA user_version"))
    store.close()
    assert again == keys  # made once
    assert keys.age_recipient.startswith("age1")
    assert keys.signing_public.startswith("waakvlam-ed25519:")
    assert len(keys.signing_key_id.split()) == 8 and len(keys.age_key_id.split()) == 8
    # Its own tables, not the vault's, and no Alembic chain.
    assert tables == set(schema.PartnerBase.metadata.tables)
    assert "alembic_version" not in tables and version == schema.VERSION
    assert sorted(p.name for p in folder.iterdir()) == [
        "partner.db",
        "partner.key.json",
        "partner.lock",
    ]
    raw = (folder / "partner.db").read_bytes()
    assert not raw.startswith(b"SQLite format 3")
    assert b"AGE-SECRET-KEY" not in raw and keys.age_recipient.encode() not in raw
    with pytest.raises(VaultExistsError):
        PartnerStore.create(folder, STORE_PASSPHRASE, kdf_target_seconds=0)
    with pytest.raises(WrongPassphraseError):
        PartnerStore.open(folder, "een heel ander wachtwoord hier")
    reopened = PartnerStore.open(folder, STORE_PASSPHRASE, clock=clock)
    with reopened, reopened.session() as ps:
        assert service.own_keys(ps) == keys


def test_trust_refusals_are_the_cli_sentences(
    world: World, store: PartnerStore, tmp_path: Path
) -> None:
    address_to(world, store)
    bundle = export_to(world, tmp_path / "post")
    with pytest.raises(SenderNotTrustedError) as info, store.session() as ps:
        service.open_bundle(ps, bundle.read_bytes())
    assert info.value.message is NOT_TRUSTED
    key = corporation_key_file(world, tmp_path / "post")
    with store.session() as ps:
        preview = service.preview_key_file(ps, key)
        assert preview.organisation == "Woonstichting Voorbeeld"
        assert preview.key_id.replace(" ", "") == world.sender.key_id
        assert preview.pinned_key_id == ""
        assert service.trust_key_file(ps, key)
        assert not service.trust_key_file(ps, key)  # already trusted
    # Another key under the same name: refused until --replace, and a bundle signed with
    # the old key is then refused as "changed".
    other = tmp_path / "other.pub"
    other.write_text(
        "# Waakvlam: publieke ondertekensleutel van Woonstichting Voorbeeld\n"
        "waakvlam-ed25519:" + "A" * 43 + "=\n",
        encoding="utf-8",
    )
    with pytest.raises(UsageError) as refused, store.session() as ps:
        service.trust_key_file(ps, other)
    assert refused.value.message is TRUST_OTHER_KEY
    with store.session() as ps:
        assert service.preview_key_file(ps, other).pinned_key_id == preview.key_id
        service.trust_key_file(ps, other, replace=True)
    with pytest.raises(SenderKeyChangedError) as changed, store.session() as ps:
        service.open_bundle(ps, bundle.read_bytes())
    assert changed.value.message is KEY_CHANGED


def test_open_erase_feedback_reply_closes_the_loop(
    world: World, store: PartnerStore, tmp_path: Path
) -> None:
    _trusting(world, store, tmp_path)
    first = export_to(world, tmp_path / "post" / "1")
    report = _open(store, first)
    assert (report.households, report.referrals, report.erasure_requests) == (2, 2, 0)
    with pytest.raises(ReplayError), store.session() as ps:
        service.open_bundle(ps, first.read_bytes())
    jansen, ozturk = world.referrals[JANSEN], world.referrals[OZTURK]
    with store.session() as ps:
        rows = {r.kenmerk: r for r in service.referrals(ps)}
    assert set(rows) == {jansen, ozturk}
    assert rows[jansen].household == JANSEN
    assert rows[jansen].address == "Lindelaan 1, 3533 AB Utrecht"
    assert rows[jansen].signals[0].label == "Stapels ongeopende post"
    assert rows[jansen].feedback_due == date(2026, 11, 20) and rows[jansen].status is None

    # Jansen withdraws consent: the next bundle carries an erasure request.
    with world.vault.session() as s:
        withdraw_consent(
            s,
            s.scalar(select(VaultReferral.id).where(VaultReferral.reference == jansen)),
            on=date(2026, 11, 25),
        )
    second = export_to(world, tmp_path / "post" / "2")
    assert _open(store, second).erasure_requests == 1
    with store.session() as ps:
        (request,) = service.erasure_requests(ps)
        assert request.references == (jansen,) and request.done_at is None
        assert service.open_erasure_count(ps) == 1
        assert service.confirm_erasure(ps, request.id) == 1
    with store.session() as ps:
        assert service.open_erasure_count(ps) == 0
        assert {r.kenmerk for r in service.referrals(ps)} == {ozturk}
        assert all(
            h.kenmerk != jansen
            for r in service.referrals(ps)
            for h in service.household_history(ps, r.household_key)
        )
        dump = _everything(ps)
    assert JANSEN not in dump and "Lindelaan 1," not in dump

    # Feedback: refused without a reason when declined; recorded; one reply file.
    sender = world.sender.key_id
    with pytest.raises(UsageError), store.session() as ps:
        service.record_feedback(ps, (sender, ozturk), FeedbackStatus.DECLINED, date(2026, 11, 26))
    with pytest.raises(NotFoundError), store.session() as ps:
        service.record_feedback(ps, (sender, jansen), FeedbackStatus.STARTED, date(2026, 11, 26))
    with store.session() as ps:
        key = (sender, ozturk)
        service.record_feedback(ps, key, FeedbackStatus.STARTED, date(2026, 11, 24), "Intake")
        service.record_feedback(ps, key, FeedbackStatus.CLOSED, date(2026, 11, 26), "Klaar")
        (pending,) = service.pending_replies(ps)
        history = service.household_history(ps, service.referrals(ps)[0].household_key)
    assert pending.kenmerken == (ozturk,)
    assert sorted(h.what for h in history) == ["bundle", "bundle", "feedback", "feedback"]
    reply_path = tmp_path / "post" / "terugkoppeling.age"
    with store.session() as ps:
        written = service.write_reply(
            ps, pending.bundle_id, reply_path, now=datetime(2026, 11, 27, 10, tzinfo=UTC)
        )
        assert written.items == 1 and service.pending_replies(ps) == []
    # The corporation pins the partner's signing key and reads the reply in.
    with store.session() as ps:
        keys = service.own_keys(ps)
        public = service.public_of(service.signing_key(ps))
    with world.vault.session() as s:
        pin_signing_key(s, world.partners["Wijkteam"], public.public_key, public.key_id)
    assert public.key_id == keys.signing_key_id.replace(" ", "")
    with world.vault.session() as s:
        imported = import_feedback(s, reply_path.read_bytes())
        assert [c.kenmerk for c in imported.changes] == [ozturk]
        assert imported.changes[0].feedback == "afgesloten"  # the newest status only
        assert get_referral(s, ozturk).status == "afgesloten"
        waiting = {w.reference for w in referrals_waiting_for_feedback(s, TODAY)}
    assert ozturk not in waiting


def test_retention_deletes_a_year_after_closing(
    world: World, store: PartnerStore, tmp_path: Path
) -> None:
    _trusting(world, store, tmp_path)
    _open(store, export_to(world, tmp_path / "post"))
    ozturk = world.referrals[OZTURK]
    with store.session() as ps:
        assert service.retention_days(ps) == 365
        key = (world.sender.key_id, ozturk)
        service.record_feedback(ps, key, FeedbackStatus.CLOSED, date(2026, 11, 20), "Klaar")
        assert service.apply_retention(ps, date(2027, 11, 19)) == 0
        assert service.apply_retention(ps, date(2027, 11, 20)) == 1
        left = service.referrals(ps)
        assert [r.kenmerk for r in left] == [world.referrals[JANSEN]]
        with pytest.raises(ValidationError) as short:
            service.set_retention_days(ps, 5)
        assert short.value.message is service.BAD_RETENTION
        service.set_retention_days(ps, 30)
        assert service.retention_days(ps) == 30


def test_export_only_where_asked(
    world: World, store: PartnerStore, clock: FixedClock, tmp_path: Path
) -> None:
    _trusting(world, store, tmp_path)
    _open(store, export_to(world, tmp_path / "post"))
    target = tmp_path / "keuze" / "lijst.csv"
    target.parent.mkdir()
    with store.session() as ps:
        assert service.write_export(ps, target, "csv") == 2
        assert service.write_export(ps, tmp_path / "keuze" / "lijst.xlsx", "xlsx") == 2
        with pytest.raises(UsageError):
            service.write_export(ps, target, "csv")  # never overwrites
    body = target.read_text(encoding="utf-8-sig")
    assert JANSEN in body and body.splitlines()[0].startswith('"kenmerk"')
    assert json.loads(json.dumps(sorted(p.name for p in target.parent.iterdir()))) == [
        "lijst.csv",
        "lijst.xlsx",
    ]
    # The workbook is dated by the app's clock, not the computer's.
    book = load_workbook(tmp_path / "keuze" / "lijst.xlsx")
    assert book.properties.created == clock.now().astimezone(UTC).replace(tzinfo=None)


def test_two_corporations_with_the_same_kenmerk_stay_apart(
    world: World, store: PartnerStore, tmp_path: Path
) -> None:
    """Kenmerken and pseudonyms are each corporation's own: a second corporation using
    the same ones (by chance, or on purpose) neither overwrites the first one's referral
    and household nor deletes them with an erasure request; feedback goes to each."""
    _trusting(world, store, tmp_path)
    first = export_to(world, tmp_path / "post" / "1")
    _open(store, first)
    jansen = world.referrals[JANSEN]
    other = Ed25519PrivateKey.generate()
    with store.session() as ps:
        assert service.trust_key_file(ps, org_key_file(other, "Woonbron Oost", tmp_path / "b"))
        (a_row,) = [r for r in service.referrals(ps) if r.kenmerk == jansen]

    def same_kenmerk(doc: dict[str, Any]) -> None:
        for hh in doc["households"]:
            hh["label"] = "fam. Anders"
            hh["address"] = {"street": "Andere straat", "number": "9", "city": "Rotterdam"}
            for ref in hh["referrals"]:
                ref["reason"] = "Iets heel anders"

    crafted = recraft(
        first.read_bytes(), store, other, organisation="Woonbron Oost", change_data=same_kenmerk
    )
    with store.session() as ps:
        assert service.open_bundle(ps, crafted).referrals == 2
        rows = [r for r in service.referrals(ps) if r.kenmerk == jansen]
    assert len(rows) == 2  # the same kenmerk twice, once per corporation
    mine = next(r for r in rows if r.organisation == "Woonstichting Voorbeeld")
    theirs = next(r for r in rows if r.organisation == "Woonbron Oost")
    assert mine == a_row  # untouched
    assert (theirs.household, theirs.reason) == ("fam. Anders", "Iets heel anders")
    assert mine.key != theirs.key

    # Feedback on one is not feedback on the other; each corporation gets its own reply.
    with store.session() as ps:
        service.record_feedback(ps, theirs.key, FeedbackStatus.STARTED, date(2026, 11, 26))
        service.record_feedback(ps, mine.key, FeedbackStatus.CLOSED, date(2026, 11, 26), "Klaar")
        pending = service.pending_replies(ps)
        assert sorted(p.organisation for p in pending) == [
            "Woonbron Oost",
            "Woonstichting Voorbeeld",
        ]
        history = service.household_history(ps, mine.household_key)
    assert [h.status for h in history if h.what == "feedback"] == ["afgesloten"]

    # An erasure request of the second corporation deletes its own referral only.
    def erase_jansen(doc: dict[str, Any]) -> None:
        same_kenmerk(doc)
        pseudonym = doc["households"][0]["pseudonym"]
        doc["erasure_requests"] = [
            {
                "pseudonym": pseudonym,
                "references": [jansen],
                "requested_on": "2026-11-26",
                "reason": "Toestemming ingetrokken",
            }
        ]

    erase = recraft(
        first.read_bytes(), store, other, organisation="Woonbron Oost", change_data=erase_jansen
    )
    with store.session() as ps:
        service.open_bundle(ps, erase)
        (request,) = service.erasure_requests(ps)
        assert service.confirm_erasure(ps, request.id) == 1
        left = [r for r in service.referrals(ps) if r.kenmerk == jansen]
    assert [r.organisation for r in left] == ["Woonstichting Voorbeeld"]


BIDI = "\u202e\u2066\u200f"  # right-to-left override, isolate, mark
HOSTILE = f"fam.{BIDI} Jansen\x07\x1b[31m\x00"


def _hostile_household(doc: dict[str, Any]) -> None:
    hh = doc["households"][0]
    hh["label"] = HOSTILE
    hh["address"] = ["Lindelaan", 1]
    hh["residents"] = "Bewoner fam. Jansen"
    ref = hh["referrals"][0]
    ref["reference"] = f"WV-{BIDI}2026-9999\n"
    ref["reason"] = "x" * 3_000_000
    ref["letter_context"] = {"nested": ["a", {"b": 1}]}
    ref["signals"] = [
        {"label_nl": 5, "severity": "hoog", "observed_on": 20261101},
        {"label_nl": "post", "severity": 10**30, "observed_on": "gisteren"},
        "geen dict",
    ]
    ref["status"] = ["verstuurd"]
    ref["final"] = "ja"
    ref["feedback_due"] = 12
    doc["erasure_requests"] = [{"pseudonym": 7, "references": "A,B", "requested_on": None}]


CRAFTED: dict[str, dict[str, Any]] = {
    "data.json not JSON": {"raw_data": b"{niet json"},
    "data.json not UTF-8": {"raw_data": b"\xff\xfe{}"},
    "data.json nested too deep": {"raw_data": b"[" * 200_000 + b"]" * 200_000},
    "a number JSON cannot hold": {"raw_data": b'{"households": [], "n": ' + b"9" * 5000 + b"}"},
    "data.json a list": {"change_data": lambda d: [d]},
    "households not a list": {"change_data": lambda d: {**d, "households": "fam. Jansen"}},
    "a household not an object": {"change_data": lambda d: {**d, "households": [1, 2]}},
    "referrals not a list": {
        "change_data": lambda d: {"households": [{"pseudonym": "p", "referrals": {"a": 1}}]}
    },
    "erasure requests not a list": {"change_data": lambda d: {**d, "erasure_requests": 5}},
    "a letter that is not a PDF": {"members": {"letters/WV-1.pdf": b"MZ\x90\x00 not a pdf"}},
    "a cover sheet that is not a PDF": {"members": {"summary.pdf": b"<html>hallo</html>"}},
    "a member name with a path": {
        "members": {"../../.bashrc": b"echo hi"},
        "unchecked_names": True,
    },
    "a member name with a drive": {
        "members": {"C:/evil.pdf": b"%PDF-1.4"},
        "unchecked_names": True,
    },
}


@pytest.mark.parametrize("case", sorted(CRAFTED))
def test_a_crafted_bundle_from_a_trusted_key_is_refused_in_one_sentence(
    world: World, store: PartnerStore, tmp_path: Path, case: str
) -> None:
    """The corporation's own key (stolen, or its software broken) signs content that is
    not Waakvlam's: refused with one sentence, nothing kept, the store still works."""
    _trusting(world, store, tmp_path)
    real = export_to(world, tmp_path / "post")
    crafted = recraft(real.read_bytes(), store, world_signer(world), **CRAFTED[case])
    with pytest.raises(BundleError) as refused, store.session() as ps:
        service.open_bundle(ps, crafted)
    sentence = refused.value.render("nl")
    assert sentence and "\n" not in sentence and "Traceback" not in sentence
    if case.startswith("a member name"):
        assert isinstance(refused.value, BundleDamagedError)
    else:
        assert refused.value.message is service.BAD_CONTENT
    with store.session() as ps:
        assert service.bundles(ps) == [] and service.referrals(ps) == []
    _open(store, real)  # the real bundle still opens: nothing of the refusal was kept


def test_hostile_fields_from_a_trusted_key_are_kept_clean(
    world: World, store: PartnerStore, tmp_path: Path
) -> None:
    """Wrong types, control and direction characters, huge strings: the bundle opens, and
    what the store keeps and the lists give is clean text of a bounded length."""
    _trusting(world, store, tmp_path)
    real = export_to(world, tmp_path / "post")
    crafted = recraft(real.read_bytes(), store, world_signer(world), change_data=_hostile_household)
    with store.session() as ps:
        report = service.open_bundle(ps, crafted)
        rows = service.referrals(ps)
        requests = service.erasure_requests(ps)
        histories = [service.household_history(ps, r.household_key) for r in rows]
        dump = _everything(ps)
        stored = [v for v in _values(ps) if isinstance(v, str)]
    assert report.referrals == 2 and report.erasure_requests == 1
    hostile = next(r for r in rows if r.kenmerk.startswith("WV-2026-9999"))
    assert hostile.kenmerk == "WV-2026-9999"
    assert hostile.household == "fam. Jansen[31m"
    assert hostile.address == "" and hostile.residents == () and hostile.context == ""
    assert len(hostile.reason) == service.MAX_TEXT
    assert [(s.label, s.severity, s.observed_on) for s in hostile.signals] == [
        ("5", 0, ""),
        ("post", 0, ""),
    ]
    assert hostile.sender_status == "" and not hostile.final and hostile.feedback_due is None
    assert requests[0].references == () and requests[0].pseudonym == "7"
    texts = [
        v
        for r in rows
        for v in (r.kenmerk, r.household, r.address, r.reason, *r.residents, r.sender_status)
    ] + [h.kenmerk for hs in histories for h in hs]
    for value in texts:
        assert not any(ord(c) < 32 or c in BIDI for c in value), repr(value)
    assert all(c not in dump for c in BIDI)
    # Every text column as stored (the data columns too): no control character but a line
    # break, no direction character, nothing longer than the longest field the store keeps.
    for value in stored:
        assert not any(c in BIDI or (ord(c) < 32 and c != "\n") for c in value), value[:80]
        assert len(value) < 2 * service.MAX_TEXT, value[:80]


def test_replays_and_an_erasure_for_an_unknown_household(
    world: World, store: PartnerStore, tmp_path: Path
) -> None:
    _trusting(world, store, tmp_path)
    real = export_to(world, tmp_path / "post")
    _open(store, real)
    for _ in range(2):  # refused every time, the store unchanged
        with pytest.raises(ReplayError), store.session() as ps:
            service.open_bundle(ps, real.read_bytes())

    def unknown(doc: dict[str, Any]) -> None:
        doc["households"] = []
        doc["erasure_requests"] = [
            {"pseudonym": "0" * 64, "references": [], "requested_on": "2026-11-26", "reason": "x"},
            {"pseudonym": "1" * 64, "references": ["WV-9999-0001"], "reason": "y"},
        ]

    crafted = recraft(real.read_bytes(), store, world_signer(world), change_data=unknown)
    with store.session() as ps:
        assert service.open_bundle(ps, crafted).erasure_requests == 2
        for request in service.erasure_requests(ps):
            assert service.confirm_erasure(ps, request.id) == 0
        assert service.open_erasure_count(ps) == 0
        assert len(service.referrals(ps)) == 2  # nothing else was touched
        with pytest.raises(NotFoundError):
            service.confirm_erasure(ps, 999)


def test_a_meeting_agenda_goes_as_a_bundle_and_opens_in_the_partner_app(
    world: World, store: PartnerStore, tmp_path: Path
) -> None:
    """#18 C: the agenda for one participant, signed and encrypted to its recipient; the
    partner app keeps it with the bundles and shows the PDF, which is exactly the agenda
    that participant may see (Smit, without a grondslag for the Wijkteam, under a code)."""
    _trusting(world, store, tmp_path)
    with world.vault.session() as s:
        m = meetings.add_meeting(
            s, date(2026, 12, 3), ["Wijkteam", "GGD"], place="Buurthuis De Linde"
        )
        for label in (JANSEN, "fam. Smit"):
            meetings.add_to_agenda(s, m.id, world.households[label])
        agenda = render_meeting(meetings.participant_view(s, m.id, "Wijkteam"), meetings.AGENDA)
    out = tmp_path / "post" / "overleg.age"
    with world.vault.session() as s:
        sent = send_meeting(s, m.id, "Wijkteam", out)
    assert (sent.households, sent.left_out) == (2, 0)
    with pytest.raises(ExportError), world.vault.session() as s:  # never over a file
        send_meeting(s, m.id, "Wijkteam", out)
    with world.vault.session() as s:
        details = list(
            s.scalars(
                select(VaultAudit.detail).where(
                    VaultAudit.action == "export",
                    VaultAudit.entity_id == world.partners["Wijkteam"],
                )
            )
        )
        printed = s.scalars(
            select(VaultAudit.household_id).where(VaultAudit.action == meetings.AGENDA_ACTION)
        ).all()
    assert len(details) == 1 and f"overleg: {m.id}" in details[0]
    assert sorted(printed) == sorted(world.households[x] for x in (JANSEN, "fam. Smit"))

    report = _open(store, out)
    assert (report.profile, report.period, report.referrals) == ("meeting", "2026-12-03", 0)
    with store.session() as ps:
        (row,) = [b for b in service.bundles(ps) if b.profile == "meeting"]
        pdf = service.summary_pdf(ps, row.bundle_id)
        assert service.referrals(ps) == []  # an agenda, not referrals
    text = "".join(p.extract_text() for p in PdfReader(io.BytesIO(pdf)).pages)
    expected = "".join(p.extract_text() for p in PdfReader(io.BytesIO(agenda)).pages)
    assert text == expected
    assert "fam. Jansen" in text and "Smit" not in text and "Buurthuis De Linde" in text
    with pytest.raises(ReplayError), store.session() as ps:
        service.open_bundle(ps, out.read_bytes())


def _send_agenda(world: World, out: Path, day: date) -> None:
    with world.vault.session() as s:
        m = meetings.add_meeting(s, day, ["Wijkteam"], place="Buurthuis De Linde")
        meetings.add_to_agenda(s, m.id, world.households[JANSEN])
    with world.vault.session() as s:
        send_meeting(s, m.id, "Wijkteam", out)


def _agendas(store: PartnerStore) -> dict[str, bytes]:
    with store.session() as ps:
        return {
            b.bundle_id: service.summary_pdf(ps, b.bundle_id)
            for b in service.bundles(ps)
            if b.profile == "meeting"
        }


def test_retention_drops_a_meeting_agenda_a_term_after_the_meeting(
    world: World, store: PartnerStore, tmp_path: Path
) -> None:
    """The agenda names residents and their signals: it goes the retention term after the
    meeting's day; the bundle's row (no personal data) stays, and replays stay refused."""
    _trusting(world, store, tmp_path)
    out = tmp_path / "post" / "overleg.age"
    _send_agenda(world, out, date(2026, 12, 3))
    _open(store, out)
    (pdf,) = _agendas(store).values()
    assert JANSEN in "".join(p.extract_text() for p in PdfReader(io.BytesIO(pdf)).pages)
    with store.session() as ps:
        assert service.apply_retention(ps, date(2027, 12, 2)) == 0
    assert list(_agendas(store).values()) != [b""]
    with store.session() as ps:
        service.apply_retention(ps, date(2027, 12, 3))
    assert list(_agendas(store).values()) == [b""]
    with store.session() as ps:
        assert JANSEN not in _everything(ps)
    with pytest.raises(ReplayError), store.session() as ps:
        service.open_bundle(ps, out.read_bytes())


def test_an_erasure_request_drops_the_agendas_held_before_it(
    world: World, store: PartnerStore, tmp_path: Path
) -> None:
    """ "Verwijderd" also drops the agenda PDFs of that sender's case conferences held
    before the request (an agenda may name the household, and cannot be cut); an agenda of
    another sender, or one sent after the request, stays."""
    _trusting(world, store, tmp_path)
    before = tmp_path / "post" / "overleg-1.age"
    _send_agenda(world, before, date(2026, 12, 3))
    _open(store, export_to(world, tmp_path / "post" / "1"))
    _open(store, before)
    with world.vault.session() as s:
        withdraw_consent(
            s,
            s.scalar(
                select(VaultReferral.id).where(VaultReferral.reference == world.referrals[JANSEN])
            ),
            on=date(2026, 11, 25),
        )
    _open(store, export_to(world, tmp_path / "post" / "2"))
    after = tmp_path / "post" / "overleg-2.age"
    _send_agenda(world, after, date(2026, 12, 10))
    _open(store, after)
    with store.session() as ps:
        ids = {b.period: b.bundle_id for b in service.bundles(ps) if b.profile == "meeting"}
        (request,) = service.erasure_requests(ps)
        service.confirm_erasure(ps, request.id)
    agendas = _agendas(store)
    assert agendas[ids["2026-12-03"]] == b""
    assert agendas[ids["2026-12-10"]].startswith(b"%PDF-")


DAY, NOTE = date(2026, 11, 26), "Intake gehad"


def _two_statuses(world: World, store: PartnerStore, tmp_path: Path) -> service.PendingReply:
    """Both referrals of the first bundle answered; the pending reply for that bundle."""
    _trusting(world, store, tmp_path)
    _open(store, export_to(world, tmp_path / "post" / "1"))
    sender = world.sender.key_id
    with store.session() as ps:
        for label in (JANSEN, OZTURK):
            key = (sender, world.referrals[label])
            service.record_feedback(ps, key, FeedbackStatus.STARTED, DAY, NOTE)
        (pending,) = service.pending_replies(ps)
    assert len(pending.kenmerken) == 2
    return pending


@pytest.mark.parametrize("limit", ["items", "manifest"])
def test_feedback_larger_than_one_reply_is_made_in_several_files(
    world: World,
    store: PartnerStore,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    limit: str,
) -> None:
    """The vault reads a reply of at most ``MAX_ITEMS`` statuses and a manifest of at most
    ``MAX_REPLY_MANIFEST`` bytes (``bundles/feedback.py``); feedback beyond that goes in
    more files beside the first, each one the vault reads in. Here each limit is lowered
    (for the writer and the reader alike) so that two statuses need two files; the real
    limits are attacked in ``tests/unit/test_feedback.py``."""
    pending = _two_statuses(world, store, tmp_path)
    if limit == "items":
        monkeypatch.setattr(rp, "MAX_ITEMS", 1)
    else:
        with store.session() as ps:
            one = [
                len(fmt.manifest_bytes(m))
                for k in pending.kenmerken
                for _d, m, _i in rp.make_replies(
                    service._opened(ps, pending.bundle_id, pending.kenmerken),
                    service.signing_key(ps),
                    [rp.ReplyItem(k, FeedbackStatus.STARTED, DAY, NOTE)],
                )
            ]
        monkeypatch.setattr(rp, "MAX_REPLY_MANIFEST", max(one))
    folder = tmp_path / "post" / "antwoord"
    folder.mkdir()
    with store.session() as ps:
        written = service.write_reply(
            ps,
            pending.bundle_id,
            folder / "terugkoppeling.age",
            now=datetime(2026, 11, 27, 10, tzinfo=UTC),
        )
        assert service.pending_replies(ps) == []
    assert [Path(p).name for p in written.paths] == [
        "terugkoppeling.age",
        "terugkoppeling-deel-2.age",
    ]
    assert written.items == 2
    with store.session() as ps:
        public = service.public_of(service.signing_key(ps))
    with world.vault.session() as s:
        pin_signing_key(s, world.partners["Wijkteam"], public.public_key, public.key_id)
    read_in = []
    for path in written.paths:
        with world.vault.session() as s:
            read_in += [c.kenmerk for c in import_feedback(s, Path(path).read_bytes()).changes]
    assert sorted(read_in) == sorted(pending.kenmerken)
    with world.vault.session() as s:
        assert {get_referral(s, k).status for k in pending.kenmerken} == {"in_behandeling"}


def test_a_reply_file_that_cannot_be_written_leaves_all_feedback_waiting(
    world: World, store: PartnerStore, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Two files, room for one (a real ENOSPC on a small file system): the first file is
    removed again and both statuses still wait, so nothing is lost or sent twice."""
    pending = _two_statuses(world, store, tmp_path)
    monkeypatch.setattr(rp, "MAX_ITEMS", 1)
    disk = tmp_path / "klein"
    why = mount_small_disk(disk, "1m")
    if why is not None:
        pytest.skip(why)
    try:
        one_page = disk / "een-pagina.bin"
        one_page.write_bytes(b"\0" * 4096)
        fill_disk(disk)
        one_page.unlink()  # room for one small file, not for two
        with pytest.raises(UsageError) as refused, store.session() as ps:
            service.write_reply(ps, pending.bundle_id, disk / "terugkoppeling.age")
        assert refused.value.message is service.REPLY_NOT_WRITTEN
        # The second file failed, so the first had been written: it is removed again.
        assert refused.value.params["path"] == disk / "terugkoppeling-deel-2.age"
        assert sorted(p.name for p in disk.iterdir()) == ["vulling.bin"]
        with store.session() as ps:
            assert service.pending_replies(ps) == [pending]
    finally:
        subprocess.run(["umount", "-l", str(disk)], check=False)

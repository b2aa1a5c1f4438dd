"""Signed feedback that closes the loop (#17): a partner answers a case bundle with a
signed, encrypted reply; the vault reads it in, or refuses it with one sentence and
writes nothing.

Two folders: the corporation's vault (``tmp_path / "vault"``) and the partner's
(``tmp_path / "partner"``: its key files, its trust state, the bundle and the reply).
Real age, real Ed25519, real SQLCipher; only the clock is fixed.
"""

from __future__ import annotations

import io
import json
import zipfile
from dataclasses import dataclass
from datetime import UTC, date, datetime
from pathlib import Path
from typing import Any

import pyrage
import pytest
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey
from sqlalchemy import func, select

from tests.bundle_helpers import World, build_world, trusting_state
from waakvlam_desktop.bundles import format as fmt
from waakvlam_desktop.bundles import reply as rp
from waakvlam_desktop.bundles.export import export_bundle
from waakvlam_desktop.bundles.feedback import DAMAGED, import_feedback
from waakvlam_desktop.bundles.keys import (
    load_signing_key,
    public_of,
    signing_key_path,
    write_identity,
    write_signing_key,
)
from waakvlam_desktop.bundles.reader import OpenedBundle, verify_trusted
from waakvlam_desktop.cli.common import visible
from waakvlam_desktop.domain.exports import Period
from waakvlam_desktop.domain.partners import pin_signing_key, signing_key_id
from waakvlam_desktop.domain.referrals import (
    change_status,
    get_referral,
    referrals_waiting_for_feedback,
)
from waakvlam_desktop.domain.settings import load_settings
from waakvlam_desktop.domain.today import today_overview
from waakvlam_desktop.domain.types import FeedbackStatus, ReferralStatus
from waakvlam_desktop.errors import BundleError, FeedbackRefusedError, UsageError
from waakvlam_desktop.storage.audit import audit_head
from waakvlam_desktop.storage.models import (
    AuditEvent,
    FeedbackReply,
    Referral,
    ReferralStatusEvent,
    ReplyIdentity,
)

NOV = Period.parse("2026-11")
TODAY = date(2026, 11, 27)
#: The moment the partner makes its replies: the vault's fixed clock (tests/conftest.py).
NOW = datetime(2026, 11, 27, 10, 0, tzinfo=UTC)
JANSEN = "fam. Jansen"
OZTURK = "mw. Öztürk"


@dataclass
class Partner:
    """What a partner holds in its own folder."""

    folder: Path
    signing: Ed25519PrivateKey
    bundle: OpenedBundle


def _export(world: World, partner: str, folder: Path) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    with world.vault.session() as s:
        return export_bundle(s, world.partners[partner], NOV, folder).path


def _partner(world: World, tmp_path: Path, name: str, pin: bool = True) -> Partner:
    """The partner's folder: its signing key, a state that trusts the corporation, the
    bundle exported to it; its public key pinned in the vault (``pin``)."""
    folder = tmp_path / "partner" / name
    folder.mkdir(parents=True)
    signing_file = signing_key_path(folder / "key.txt")
    public = write_signing_key(signing_file)
    bundle_path = _export(world, name, folder)
    state = trusting_state(folder / "state.json", world.sender)
    bundle = verify_trusted(bundle_path.read_bytes(), world.identity, state)
    if pin:
        with world.vault.session() as s:
            pin_signing_key(s, world.partners[name], public.public_key, public.key_id)
    return Partner(folder, load_signing_key(signing_file), bundle)


@pytest.fixture
def world(vault: Any) -> World:
    """The bundle world; the Wijkteam's two referrals were sent (letters posted) and their
    feedback is overdue, so Vandaag lists them."""
    world = build_world(vault)
    with vault.session() as s:
        for label in (JANSEN, OZTURK):
            ref = change_status(s, world.referrals[label], ReferralStatus.VERSTUURD)
            ref.feedback_due = date(2026, 11, 20)
    return world


@pytest.fixture
def wijkteam(world: World, tmp_path: Path) -> Partner:
    return _partner(world, tmp_path, "Wijkteam")


def _make_reply(
    bundle: OpenedBundle, signing: Ed25519PrivateKey, items: list[rp.ReplyItem]
) -> tuple[bytes, dict[str, Any]]:
    """:func:`reply.make_reply` at :data:`NOW` (not the computer's clock)."""
    return rp.make_reply(bundle, signing, items, now=NOW)


def _items(*pairs: tuple[str, FeedbackStatus], note: str = "") -> list[rp.ReplyItem]:
    return [rp.ReplyItem(k, s, date(2026, 11, 20), note) for k, s in pairs]


def _state_of(world: World) -> dict[str, Any]:
    """Everything a refused reply must leave as it was."""
    with world.vault.session() as s:
        head = audit_head(s)
        return {
            "head": (head.seq, head.hash),
            "replies": s.scalar(select(func.count(FeedbackReply.id))),
            "events": s.scalar(select(func.count(ReferralStatusEvent.id))),
            "statuses": {
                label: get_referral(s, ref).status for label, ref in world.referrals.items()
            },
        }


def _refused(world: World, data: bytes, code: str) -> str:
    before = _state_of(world)
    with pytest.raises(FeedbackRefusedError) as info, world.vault.session() as s:
        import_feedback(s, data)
    assert info.value.code == code
    sentence = info.value.render("nl")
    assert sentence.endswith(".") and "\n" not in sentence
    assert _state_of(world) == before
    return sentence


def _manifest(partner: Partner, items: list[rp.ReplyItem], **changes: Any) -> dict[str, Any]:
    _data, manifest = _make_reply(partner.bundle, partner.signing, items)
    manifest.update(changes)
    return manifest


def _recipient(partner: Partner) -> str:
    return str(partner.bundle.manifest["reply_recipient"])


# ---- the loop closes ---------------------------------------------------------------------
def test_reply_closes_the_loop(world: World, wijkteam: Partner, tmp_path: Path) -> None:
    jansen, ozturk = world.referrals[JANSEN], world.referrals[OZTURK]
    with world.vault.session() as s:
        waiting = {w.reference for w in referrals_waiting_for_feedback(s, TODAY)}
        settings = load_settings(s)
        late = {i.referral_id for i in today_overview(s, TODAY, settings).first}
    assert waiting == {jansen, ozturk}
    # The bundle carries the vault's reply recipient; its secret stays in the vault.
    recipient = _recipient(wijkteam)
    assert recipient.startswith("age1")
    with world.vault.session() as s:
        assert s.scalars(select(ReplyIdentity)).one().recipient == recipient
    # The partner answers: Jansen closed, Öztürk help started.
    data, manifest = _make_reply(
        wijkteam.bundle,
        wijkteam.signing,
        [
            rp.ReplyItem(jansen, FeedbackStatus.CLOSED, date(2026, 11, 20), "Budgetcoach loopt"),
            rp.ReplyItem(ozturk, FeedbackStatus.STARTED, date(2026, 11, 21)),
        ],
    )
    reply_file = wijkteam.folder / "terugkoppeling.age"
    reply_file.write_bytes(data)
    assert data.startswith(fmt.AGE_MAGIC)
    assert manifest["answers"]["bundle_id"] == wijkteam.bundle.bundle_id
    assert manifest["partner"]["key_id"] == public_of(wijkteam.signing).key_id
    # Nothing of the reply is readable without the vault's reply identity.
    assert b"Budgetcoach" not in data and jansen.encode() not in data

    with world.vault.session() as s:
        events_before = s.scalar(select(func.count(AuditEvent.seq)))
        report = import_feedback(s, reply_file.read_bytes())
    assert report.partner == "Wijkteam" and report.reply_id == manifest["reply_id"]
    by_kenmerk = {c.kenmerk: c for c in report.changes}
    assert by_kenmerk[jansen].from_status == "verstuurd"
    assert by_kenmerk[jansen].to_status == "afgesloten" and by_kenmerk[jansen].changed
    assert by_kenmerk[ozturk].to_status == "in_behandeling"

    with world.vault.session() as s:
        ref = get_referral(s, jansen)
        assert ref.status == ReferralStatus.AFGESLOTEN.value
        history = [(e.from_status, e.to_status) for e in ref.history]
        assert history[-2:] == [
            ("verstuurd", "ontvangen"),
            ("ontvangen", "afgesloten"),
        ]
        assert "Budgetcoach loopt" in ref.history[-1].note
        assert "Wijkteam" in ref.history[-1].note and "20-11-2026" in ref.history[-1].note
        assert get_referral(s, ozturk).status == ReferralStatus.IN_BEHANDELING.value
        # Audit events: the status events, the referral updates and the reply itself.
        added = s.scalars(select(AuditEvent).where(AuditEvent.seq > events_before)).all()
        entities = [e.entity for e in added]
        assert entities.count("referral_status_event") == 4  # 2 steps each
        assert "feedback_reply" in entities and "referral" in entities
        assert all("Budgetcoach" not in e.detail for e in added)
        # No longer waiting for feedback: not in the list, not in Vandaag.
        now_waiting = {w.reference for w in referrals_waiting_for_feedback(s, TODAY)}
        overview = today_overview(s, TODAY, settings)
    assert jansen not in now_waiting
    # "Hulp gestart" is not the end of the loop: the partner reports again when it closes.
    assert ozturk in now_waiting
    closed_id = by_kenmerk[jansen].referral_id
    assert closed_id in late  # Vandaag listed it before: feedback overdue
    assert closed_id not in {w.id for w in overview.waiting}
    assert closed_id not in {i.referral_id for i in overview.first}
    assert waiting - now_waiting == {jansen} and jansen in waiting


def test_same_or_further_status_changes_nothing(world: World, wijkteam: Partner) -> None:
    jansen = world.referrals[JANSEN]
    first, _ = _make_reply(
        wijkteam.bundle, wijkteam.signing, _items((jansen, FeedbackStatus.STARTED))
    )
    later, _ = _make_reply(
        wijkteam.bundle, wijkteam.signing, _items((jansen, FeedbackStatus.CONTACT))
    )
    with world.vault.session() as s:
        import_feedback(s, first)
    with world.vault.session() as s:
        report = import_feedback(s, later)
        assert report.changes[0].from_status == report.changes[0].to_status == "in_behandeling"
        assert not report.changes[0].changed
        assert s.scalar(select(func.count(FeedbackReply.id))) == 2


# ---- refusals: one sentence each, nothing written -----------------------------------------
def test_tampered_reply_is_refused(world: World, wijkteam: Partner) -> None:
    data, _ = _make_reply(
        wijkteam.bundle, wijkteam.signing, _items((world.referrals[JANSEN], FeedbackStatus.CLOSED))
    )
    for position in (len(data) - 20, len(data) - 1, len(data) // 2 + 40):
        flipped = bytearray(data)
        flipped[position] ^= 0x01
        _refused(world, bytes(flipped), "feedback.damaged")
    _refused(world, data[:-10], "feedback.damaged")
    _refused(world, b"PK\x03\x04 not age", "feedback.not_a_reply")
    # The same reply, untouched, is read in.
    with world.vault.session() as s:
        assert import_feedback(s, data).changes


def test_changed_manifest_under_the_old_signature_is_refused(
    world: World, wijkteam: Partner
) -> None:
    items = _items((world.referrals[JANSEN], FeedbackStatus.CONTACT))
    manifest = _manifest(wijkteam, items)
    raw = fmt.manifest_bytes(manifest)
    signature = wijkteam.signing.sign(raw)
    changed = raw.replace(b'"contact"', b'"afgesloten"')
    assert changed != raw
    data = pyrage.encrypt(
        rp.reply_zip(changed, signature),
        [pyrage.x25519.Recipient.from_str(_recipient(wijkteam))],
    )
    sentence = _refused(world, data, "feedback.bad_signature")
    assert "Wijkteam" in sentence


def test_replayed_reply_is_refused(world: World, wijkteam: Partner) -> None:
    data, _ = _make_reply(
        wijkteam.bundle, wijkteam.signing, _items((world.referrals[JANSEN], FeedbackStatus.CLOSED))
    )
    with world.vault.session() as s:
        import_feedback(s, data)
    sentence = _refused(world, data, "feedback.replayed")
    assert "27-11-2026" in sentence


def test_reply_signed_by_another_key_is_refused(world: World, wijkteam: Partner) -> None:
    items = _items((world.referrals[JANSEN], FeedbackStatus.CLOSED))
    stranger = Ed25519PrivateKey.generate()
    # Claims its own key id: "signed with key id X, but Y is pinned".
    own = _manifest(wijkteam, items)
    own["partner"] = {**own["partner"], "key_id": public_of(stranger).key_id}
    sentence = _refused(world, rp.seal(own, stranger, _recipient(wijkteam)), "feedback.other_key")
    assert "Wijkteam" in sentence
    # Claims the pinned key id: the signature does not match.
    claimed = _manifest(wijkteam, items)
    _refused(world, rp.seal(claimed, stranger, _recipient(wijkteam)), "feedback.bad_signature")


def test_partner_without_pinned_key_is_refused(world: World, tmp_path: Path) -> None:
    ggd = _partner(world, tmp_path, "GGD", pin=False)
    data, _ = _make_reply(
        ggd.bundle, ggd.signing, _items((world.referrals["fam. Smit"], FeedbackStatus.CONTACT))
    )
    sentence = _refused(world, data, "feedback.no_pinned_key")
    assert "partner edit" in sentence


def test_partner_b_cannot_answer_for_partner_a(
    world: World, wijkteam: Partner, tmp_path: Path
) -> None:
    ggd = _partner(world, tmp_path, "GGD")
    jansen = world.referrals[JANSEN]  # went to the Wijkteam
    # The GGD's own bundle, with the Wijkteam's kenmerk in it.
    manifest = _manifest(ggd, _items((world.referrals["fam. Smit"], FeedbackStatus.CONTACT)))
    manifest["items"] = [i.as_dict() for i in _items((jansen, FeedbackStatus.CLOSED))]
    sentence = _refused(
        world, rp.seal(manifest, ggd.signing, _recipient(ggd)), "feedback.kenmerk_not_sent"
    )
    assert jansen in sentence and "GGD" in sentence
    # Answering the Wijkteam's bundle as the GGD.
    manifest["answers"] = {**manifest["answers"], "bundle_id": wijkteam.bundle.bundle_id}
    _refused(world, rp.seal(manifest, ggd.signing, _recipient(ggd)), "feedback.bundle_not_sent")
    # Claiming to be the Wijkteam, signed with the GGD's key.
    manifest["partner"] = {**manifest["partner"], "id": world.partners["Wijkteam"]}
    _refused(world, rp.seal(manifest, ggd.signing, _recipient(ggd)), "feedback.other_key")


def test_kenmerk_never_sent_is_refused(world: World, wijkteam: Partner) -> None:
    # The Wijkteam's cancelled referral was left out of the bundle; another never existed.
    with world.vault.session() as s:
        cancelled = s.scalars(
            select(Referral.reference).where(
                Referral.status == "geannuleerd",
                Referral.partner_id == world.partners["Wijkteam"],
            )
        ).one()
    for kenmerk in (cancelled, "2026-9999"):
        manifest = _manifest(wijkteam, _items((world.referrals[JANSEN], FeedbackStatus.CLOSED)))
        manifest["items"].append(
            {"kenmerk": kenmerk, "status": "afgesloten", "date": "2026-11-20", "note": ""}
        )
        sentence = _refused(
            world,
            rp.seal(manifest, wijkteam.signing, _recipient(wijkteam)),
            "feedback.kenmerk_not_sent",
        )
        assert kenmerk in sentence


def test_reply_to_another_vault_is_refused(world: World, wijkteam: Partner, tmp_path: Path) -> None:
    manifest = _manifest(wijkteam, _items((world.referrals[JANSEN], FeedbackStatus.CLOSED)))
    other_vault = pyrage.x25519.Identity.generate()
    data = rp.seal(manifest, wijkteam.signing, str(other_vault.to_public()))
    _refused(world, data, "feedback.not_for_this_vault")


def test_unknown_format_version_is_refused(world: World, wijkteam: Partner) -> None:
    manifest = _manifest(
        wijkteam, _items((world.referrals[JANSEN], FeedbackStatus.CLOSED)), format_version=2
    )
    _refused(
        world, rp.seal(manifest, wijkteam.signing, _recipient(wijkteam)), "feedback.unknown_format"
    )


def test_extra_member_in_the_zip_is_refused(world: World, wijkteam: Partner) -> None:
    manifest = _manifest(wijkteam, _items((world.referrals[JANSEN], FeedbackStatus.CLOSED)))
    raw = fmt.manifest_bytes(manifest)
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as zf:
        zf.writestr(rp.REPLY_MANIFEST, raw)
        zf.writestr(rp.REPLY_SIGNATURE, wijkteam.signing.sign(raw))
        zf.writestr("extra.txt", b"x")
    data = pyrage.encrypt(
        buffer.getvalue(), [pyrage.x25519.Recipient.from_str(_recipient(wijkteam))]
    )
    _refused(world, data, "feedback.damaged")


# ---- item values the partner tool would refuse (reviewer's attack on #17) -----------------
def _signed(world: World, partner: Partner, items: list[dict[str, Any]], **changes: Any) -> bytes:
    """A validly signed reply whose items (and other fields) are set as given."""
    manifest = _manifest(partner, _items((world.referrals[JANSEN], FeedbackStatus.CONTACT)))
    manifest["items"] = items
    manifest.update(changes)
    return rp.seal(manifest, partner.signing, _recipient(partner))


@pytest.mark.parametrize(
    ("field", "value"),
    [
        ("date", "9999-12-31"),
        ("date", "0001-01-01"),
        ("date", "2026-11-29"),  # today + 2 days: beyond the day's tolerance
        ("note", "\x1b]0;pwned\x07\x1b[2J"),
        ("note", "\u202eFAKE\u202c"),
        ("note", "nul\x00byte"),
        ("note", "regel\nnieuwe regel"),
        ("note", "zero\u200bwidth"),
        ("status", "afgewezen"),  # declined without a reason
    ],
)
def test_item_values_outside_the_partner_rules_are_refused(
    world: World, wijkteam: Partner, field: str, value: str
) -> None:
    item = {"kenmerk": world.referrals[JANSEN], "status": "contact", "date": "2026-11-20"}
    item["note"] = " " if field == "status" else ""
    item[field] = value
    sentence = _refused(world, _signed(world, wijkteam, [item]), "feedback.damaged")
    assert sentence == DAMAGED.render("nl")


@pytest.mark.parametrize(
    "created_at",
    [
        "2999-01-01T00:00:00Z",
        "1970-01-01T00:00:00Z",
        "2026-11-29T10:00:01Z",
        "2026-11-20T10:00:00Z",
    ],
)
def test_created_at_outside_the_window_is_refused(
    world: World, wijkteam: Partner, created_at: str
) -> None:
    """Later than tomorrow, or earlier than the day before the bundle was made (the
    bundle went out at the fixed clock, 27-11-2026)."""
    item = {"kenmerk": world.referrals[JANSEN], "status": "contact", "date": "2026-11-20"}
    item["note"] = ""
    _refused(world, _signed(world, wijkteam, [item], created_at=created_at), "feedback.damaged")
    # The same item, made at the vault's moment, is well-formed and read in.
    with world.vault.session() as s:
        assert import_feedback(
            s, _signed(world, wijkteam, [item], created_at="2026-11-27T10:00:00Z")
        )


def test_values_within_the_tolerance_are_read_in(world: World, wijkteam: Partner) -> None:
    """A day's clock difference is no reason to refuse: dated tomorrow, made tomorrow."""
    item = {"kenmerk": world.referrals[JANSEN], "status": "contact", "date": "2026-11-28"}
    item["note"] = "Eerste gesprek gehad; Öztürk-achtige namen mogen"
    data = _signed(world, wijkteam, [item], created_at="2026-11-28T09:00:00Z")
    with world.vault.session() as s:
        report = import_feedback(s, data)
    assert [c.date for c in report.changes] == ["2026-11-28"]


def test_bsn_in_a_note_asks_for_the_reply_again(world: World, wijkteam: Partner) -> None:
    items = [
        {"kenmerk": world.referrals[JANSEN], "status": "afgesloten", "date": "2026-11-20"},
        {"kenmerk": world.referrals[OZTURK], "status": "contact", "date": "2026-11-20"},
    ]
    items[0]["note"] = "ok"
    for number in ("111222333", "1112 22 333"):
        items[1]["note"] = f"bsn {number}"
        sentence = _refused(world, _signed(world, wijkteam, items), "feedback.bsn_in_note")
        assert world.referrals[OZTURK] in sentence and "Wijkteam" in sentence
        assert "zonder het nummer" in sentence
        # Not the sentence for the user's own text ("remove it or confirm ...").
        assert "bevestig" not in sentence.lower()


def test_answers_must_match_the_bundle(world: World, wijkteam: Partner) -> None:
    manifest = _manifest(wijkteam, _items((world.referrals[JANSEN], FeedbackStatus.CONTACT)))
    good = dict(manifest["answers"])
    for changed in ({"sequence": 999}, {"sequence": "1"}, {"sender_key_id": "deadbeef"}):
        manifest["answers"] = {**good, **changed}
        data = rp.seal(manifest, wijkteam.signing, _recipient(wijkteam))
        _refused(world, data, "feedback.damaged")
    # Without sequence and sender key (they are optional), the reply is read in.
    manifest["answers"] = {"bundle_id": good["bundle_id"]}
    with world.vault.session() as s:
        assert import_feedback(s, rp.seal(manifest, wijkteam.signing, _recipient(wijkteam)))


def test_cli_shows_notes_visibly() -> None:
    assert visible("a\x1b[2Jb\u202ec\x00d\ne Öztürk") == "a\\x1b[2Jb\\u202ec\\x00d\\ne Öztürk"


# ---- the partner side refuses before writing ----------------------------------------------
def test_partner_side_checks(world: World, wijkteam: Partner) -> None:
    with pytest.raises(BundleError) as info:
        _make_reply(wijkteam.bundle, wijkteam.signing, _items(("2026-9999", FeedbackStatus.CLOSED)))
    assert info.value.code == "reply.kenmerk_not_in_bundle"
    jansen = world.referrals[JANSEN]
    with pytest.raises(UsageError) as usage:
        rp.parse_status(f"{jansen}=afgewezen:2026-11-20", TODAY)
    assert usage.value.code == "reply.reason_required"
    with pytest.raises(UsageError) as usage:
        rp.parse_status(f"{jansen}=misschien", TODAY)
    assert usage.value.code == "reply.bad_status_argument"
    with pytest.raises(UsageError) as usage:
        rp.parse_status(f"{jansen}=contact:2026-12-25", TODAY)
    assert usage.value.code == "reply.date_in_future"
    for bad, code in (
        ("regel\u202eomgekeerd", "reply.note_not_plain"),
        ("kleur\x1b[31m", "reply.note_not_plain"),
        ("bsn 111222333", "reply.note_bsn_like"),
    ):
        with pytest.raises(UsageError) as usage:
            rp.parse_status(f"{jansen}=contact:2026-11-20:{bad}", TODAY)
        assert usage.value.code == code
    with pytest.raises(UsageError) as usage:
        rp.parse_status(f"{jansen}=afgewezen:2026-11-20:   ", TODAY)
    assert usage.value.code == "reply.reason_required"
    item = rp.parse_status(f"{jansen}=afgewezen:2026-11-20:Geen indicatie: buiten regio", TODAY)
    assert item.note == "Geen indicatie: buiten regio" and item.day == date(2026, 11, 20)
    assert rp.parse_status(f"{jansen}=gestart", TODAY).day == TODAY
    # A bundle from before reply addresses (no reply_recipient) cannot be answered.
    old = OpenedBundle(
        manifest={k: v for k, v in wijkteam.bundle.manifest.items() if k != "reply_recipient"},
        manifest_bytes=b"",
        signature=b"",
        members=wijkteam.bundle.members,
    )
    with pytest.raises(BundleError) as info:
        _make_reply(old, wijkteam.signing, _items((jansen, FeedbackStatus.CLOSED)))
    assert info.value.code == "reply.no_reply_address"


@pytest.mark.parametrize(
    ("notes", "sizes"),
    [
        (["Gebeld"], [rp.MAX_ITEMS, rp.MAX_ITEMS, 400]),  # the item count binds
        (["Ö" * rp.MAX_NOTE, "Ö" * rp.MAX_NOTE, "Gebeld"], None),  # the manifest's size binds
    ],
)
def test_feedback_too_large_for_one_reply_is_split_where_the_reader_draws_its_lines(
    world: World, wijkteam: Partner, notes: list[str], sizes: list[int] | None
) -> None:
    """2,400 statuses in reply to one bundle (a partner with a large caseload). One reply
    is refused at the partner's side with a sentence, not made for the vault to refuse.
    ``make_replies`` splits them: every part passes each of the vault's size checks (it
    is refused only because these references were never sent), every part is as large
    as it may be (one item more and the vault refuses it as damaged), and the parts
    together carry every status in order."""
    references = [f"2026-{n:05d}" for n in range(2400)]
    data = {"households": [{"referrals": [{"reference": k} for k in references]}]}
    bundle = OpenedBundle(
        manifest=wijkteam.bundle.manifest,
        manifest_bytes=b"",
        signature=b"",
        members={fmt.DATA: json.dumps(data).encode()},
    )
    items = [
        rp.ReplyItem(k, FeedbackStatus.CONTACT, date(2026, 11, 20), notes[n % len(notes)])
        for n, k in enumerate(references)
    ]
    with pytest.raises(UsageError) as refused:
        _make_reply(bundle, wijkteam.signing, items)
    assert refused.value.code == "reply.too_large"
    assert len(refused.value.render("nl").splitlines()) == 1

    parts = rp.make_replies(bundle, wijkteam.signing, items, now=NOW)
    assert [i for _d, _m, part in parts for i in part] == items
    if sizes is not None:
        assert [len(part) for _d, _m, part in parts] == sizes
    else:
        assert len(parts) > 2 and all(len(part) < rp.MAX_ITEMS for _d, _m, part in parts)
    for n, (reply, manifest, part) in enumerate(parts):
        assert len(reply) <= rp.MAX_REPLY_BYTES
        assert [i["kenmerk"] for i in manifest["items"]] == [i.kenmerk for i in part]
        _refused(world, reply, "feedback.kenmerk_not_sent")
        if n + 1 < len(parts):
            one_more = parts[n + 1][2][0]
            manifest = {**manifest, "items": [*manifest["items"], one_more.as_dict()]}
            over = rp.seal(manifest, wijkteam.signing, _recipient(wijkteam))
            _refused(world, over, "feedback.damaged")


def test_signing_key_file_beside_an_age_identity(tmp_path: Path) -> None:
    key = tmp_path / "key.txt"
    write_identity(key)
    public = write_signing_key(signing_key_path(key))
    assert signing_key_path(key).name == "key.txt.sign"
    assert public_of(load_signing_key(signing_key_path(key))) == public
    # The age file stays an age file: only comments and the one AGE-SECRET-KEY line.
    lines = [ln for ln in key.read_text().splitlines() if not ln.startswith("#")]
    assert len(lines) == 1 and lines[0].startswith("AGE-SECRET-KEY-1")
    assert (signing_key_path(key).stat().st_mode & 0o777) == 0o600
    with pytest.raises(UsageError):
        write_signing_key(signing_key_path(key))


def test_first_reply_pins_the_key_confirmed_by_phone(world: World, tmp_path: Path) -> None:
    ggd = _partner(world, tmp_path, "GGD", pin=False)
    # The GGD's referral must have gone out in its bundle: Smit's referral.
    data, manifest = _make_reply(
        ggd.bundle, ggd.signing, _items((world.referrals["fam. Smit"], FeedbackStatus.CONTACT))
    )
    key_id = public_of(ggd.signing).key_id
    assert manifest["partner"]["public_key"].startswith("waakvlam-ed25519:")
    # A key id read out wrongly: refused, nothing pinned, nothing written.
    before = _state_of(world)
    with pytest.raises(FeedbackRefusedError) as info, world.vault.session() as s:
        import_feedback(s, data, pin_key_id="0000 " + key_id[4:])
    assert info.value.code == "feedback.pin_mismatch"
    assert _state_of(world) == before
    with world.vault.session() as s:
        assert signing_key_id(s, world.partners["GGD"]) is None
    # A first reply whose key does not sign it pins nothing either.
    stranger = Ed25519PrivateKey.generate()
    forged = _manifest(ggd, _items((world.referrals["fam. Smit"], FeedbackStatus.CLOSED)))
    forged_data = rp.seal(forged, stranger, _recipient(ggd))
    with pytest.raises(FeedbackRefusedError) as info, world.vault.session() as s:
        import_feedback(s, forged_data, pin_key_id=key_id)
    assert info.value.code == "feedback.bad_signature"
    assert _state_of(world) == before
    # The key id as read aloud (grouped per four): pinned, and the reply read in.
    grouped_id = " ".join(key_id[i : i + 4] for i in range(0, 32, 4))
    with world.vault.session() as s:
        report = import_feedback(s, data, pin_key_id=grouped_id)
    assert report.key_id == key_id
    with world.vault.session() as s:
        assert signing_key_id(s, world.partners["GGD"]) == key_id
        assert get_referral(s, world.referrals["fam. Smit"]).status == "ontvangen"

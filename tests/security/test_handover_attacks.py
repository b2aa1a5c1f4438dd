"""The attacker against handover import (issue #12 A).

Each test plays someone who can hand a bundle to a field worker: a stranger with their
own signing key, or a pinned colleague (or whoever stole that colleague's key) who edits
the bundle before signing it. Bundles are real: exported from a real vault, decrypted,
edited, re-signed with Ed25519 and encrypted with age (tests/security/handover_forge.py).
The claims they attack are in docs/bundle-format.md ("Handover import") and
docs/privacy.md ("Erasure sticks").
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from datetime import date, timedelta
from pathlib import Path
from typing import Any

import pyrage
import pytest
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey
from sqlalchemy import func, select, text, update

from tests.bundle_helpers import NOTE_MARKER, World, build_world
from tests.conftest import PASSPHRASE
from tests.security.handover_forge import (
    Doc,
    dashed,
    forge,
    handover_bytes,
    put,
    signer_of,
    table,
)
from waakvlam_desktop.bundles import format as fmt
from waakvlam_desktop.bundles.collect import HANDOVER_TABLES, handover_counts
from waakvlam_desktop.bundles.export import build_bundle, export_bundle, exportable_due
from waakvlam_desktop.bundles.importer import import_handover, pinned_sender
from waakvlam_desktop.bundles.keys import SenderKey
from waakvlam_desktop.bundles.reader import OpenedBundle, decrypt, verify_bytes
from waakvlam_desktop.clock import FixedClock
from waakvlam_desktop.domain import households
from waakvlam_desktop.domain.colleagues import add_colleague, remove_colleague
from waakvlam_desktop.domain.consent import withdraw_consent
from waakvlam_desktop.domain.exports import Period
from waakvlam_desktop.domain.overview import (
    OverviewFilter,
    signals_per_domain_month,
    visits_per_month,
)
from waakvlam_desktop.domain.partners import add_partner, get_partner
from waakvlam_desktop.domain.referrals import ReferralInput, create_referral
from waakvlam_desktop.domain.setup import initialise
from waakvlam_desktop.domain.types import ConsentForm, DataProfile, ExportSchedule, PartnerType
from waakvlam_desktop.errors import (
    BadSignatureError,
    BundleDamagedError,
    BundleNotForYouError,
    HandoverInvalidError,
    UnknownSenderError,
)
from waakvlam_desktop.privacy.backup import create_backup, restore_backup
from waakvlam_desktop.privacy.retention import purge_households, retention_review
from waakvlam_desktop.storage.audit import verify_chain
from waakvlam_desktop.storage.ids import RecordId, stored_id
from waakvlam_desktop.storage.models import (
    Address,
    Complex,
    ConcernLevelEntry,
    FollowUp,
    Household,
    Partner,
    Referral,
    Resident,
    SignalObservation,
    StaffMember,
    Visit,
)
from waakvlam_desktop.storage.vault import Vault

VICTIM_TABLES = (
    "staff_member",
    "organisation",
    "setting",
    "signing_key",
    "complex",
    "address",
    "household",
    "resident",
    "visit",
    "visit_resident",
    "signal_observation",
    "concern_level_entry",
    "follow_up",
    "partner",
    "referral",
    "referral_signal",
    "referral_status_event",
    "tombstone",
)


class Scene:
    """The source (a colleague's vault), the victim's vault that pins it, and keys."""

    def __init__(self, world: World, victim: Vault, victim_dir: Path, tmp: Path) -> None:
        self.world = world
        self.source = world.vault
        self.victim = victim
        self.victim_dir = victim_dir
        self.tmp = tmp
        self.identity = world.identity  # the importing field worker's age identity
        self.signer = signer_of(self.source)
        self.partner_identity = pyrage.x25519.Identity.generate()  # the real wijkteam
        self.attacker = pyrage.x25519.Identity.generate()
        self.counter = 0
        with victim.session() as s:
            self.wijkteam = add_partner(
                s,
                name="Wijkteam",
                type=PartnerType.WIJKTEAM,
                recipients=[str(self.partner_identity.to_public())],
                profile=DataProfile.CASE,
                schedule=ExportSchedule.MONTHLY,
            ).id

    def bundle_bytes(self, period: str = "2026-11") -> bytes:
        self.counter += 1
        return handover_bytes(
            self.source, self.world.partners["Collega"], self.tmp / f"out{self.counter}", period
        )

    def verified(self, data: bytes) -> OpenedBundle:
        with self.victim.session() as s:
            return verify_bytes(data, self.identity, pinned_sender(s))

    def run(self, data: bytes, **kw: Any) -> Any:
        kw.setdefault("confirm_partners", True)
        bundle = self.verified(data)
        with self.victim.session() as s:
            return import_handover(s, bundle, **kw)

    def snapshot(self) -> dict[str, list[str]]:
        with self.victim.session() as s:
            return {
                t: sorted(repr(tuple(r)) for r in s.execute(text(f"SELECT * FROM {t}")))
                for t in VICTIM_TABLES
            }


@pytest.fixture
def scene(vault: Vault, tmp_path: Path, clock: FixedClock) -> Iterator[Scene]:
    world = build_world(vault)
    victim_dir = tmp_path / "victim"
    victim = Vault.create(victim_dir, PASSPHRASE, kdf_target_seconds=0, clock=clock)
    with victim.session() as s:
        victim.actor = initialise(
            s, organisation="Woonstichting Voorbeeld", staff_name="B. Ontvanger"
        ).id
        # The victim named its shipped GGD its own way: the sender's GGD is no match, so a
        # handover has a partner to add.
        s.scalars(select(Partner).where(Partner.name == "GGD")).one().name = "GGD Utrecht"
        add_colleague(s, "A. Bron", world.sender.public_key)
    yield Scene(world, victim, victim_dir, tmp_path)
    victim.close()


# ---- the sender must be a pinned colleague -------------------------------------------------
def test_bundle_signed_by_an_unpinned_key_is_refused_and_nothing_written(scene: Scene) -> None:
    stranger = Ed25519PrivateKey.generate()
    data = forge(scene.bundle_bytes(), scene.identity, stranger)
    before = scene.snapshot()
    with pytest.raises(UnknownSenderError, match="geen collega"):
        scene.verified(data)
    # Defence in depth: even a bundle a caller verified against the stranger's own key
    # (the old `--sender`) is refused by the importer itself.
    bundle = verify_bytes(data, scene.identity, SenderKey(stranger.public_key().public_bytes_raw()))
    with pytest.raises(UnknownSenderError), scene.victim.session() as s:
        import_handover(s, bundle, confirm_partners=True)
    assert scene.snapshot() == before


def test_a_handover_with_many_letters_opens_from_a_pinned_colleague(scene: Scene) -> None:
    """The key the signature must match is chosen by the manifest's unsigned claim. That
    claim was read only up to 64 KiB, and every stored letter adds about 140 bytes to it:
    a handover with about 450 letters or more was refused as damaged by every colleague
    (found by a review of the eighteenth pass of #16). The claim is now read as far as a
    manifest may be, and the signature still decides."""
    world = scene.world
    with world.vault.session() as s:
        for _ in range(500):
            create_referral(
                s,
                ReferralInput(
                    household_id=world.households["fam. Jansen"],
                    partner_id=world.partners["Wijkteam"],
                    reason="Zorgen om de post",
                    consent_form=ConsentForm.VERBAL,
                    consent_date=date(2026, 11, 10),
                ),
            )
        s.execute(update(Referral).values(letter_pdf=b"%PDF-1.4 brief"))
    data = scene.bundle_bytes()
    with fmt.open_zip(decrypt(data, scene.identity)) as zf:
        assert zf.getinfo(fmt.MANIFEST).file_size > 64 * 1024
    bundle = scene.verified(data)
    assert sum(name.startswith("letters/") for name in bundle.members) >= 500
    # Still the signature that decides: the same large manifest signed by a stranger, who
    # claims its own key (not pinned) or the pinned colleague's (the signature fails).
    stranger = Ed25519PrivateKey.generate()
    with pytest.raises(UnknownSenderError):
        scene.verified(forge(data, scene.identity, stranger))
    with fmt.open_zip(decrypt(data, scene.identity)) as zf:
        members = {n: fmt.read_member(zf, n, fmt.MAX_MEMBER) for n in zf.namelist()}
    members[fmt.SIGNATURE] = stranger.sign(members[fmt.MANIFEST])
    plain = fmt.write_zip(members, compress=False)
    resigned = bytes(pyrage.encrypt(plain, [scene.identity.to_public()]))
    with pytest.raises(BadSignatureError):
        scene.verified(resigned)


def test_the_manifest_is_parsed_once_whether_it_opens_or_is_refused(
    scene: Scene, monkeypatch: pytest.MonkeyPatch
) -> None:
    """docs/bundle-format.md: the reader parses the manifest (up to 4 MiB) once; the
    document parsed for the unsigned claim is the manifest once the signature holds. A
    second parse of a large manifest costs up to half a second (a review's measurement):
    count the parses of the manifest's own text, for a handover that opens, for one whose
    claimed key is not pinned, and for one signed by a stranger who claims the pinned
    colleague's key."""
    data = scene.bundle_bytes()
    with fmt.open_zip(decrypt(data, scene.identity)) as zf:
        members = {n: fmt.read_member(zf, n, fmt.MAX_MEMBER) for n in zf.namelist()}
    stranger = Ed25519PrivateKey.generate()
    resigned_members = {**members, fmt.SIGNATURE: stranger.sign(members[fmt.MANIFEST])}
    resigned = bytes(
        pyrage.encrypt(
            fmt.write_zip(resigned_members, compress=False), [scene.identity.to_public()]
        )
    )
    forged = forge(data, scene.identity, stranger)
    with fmt.open_zip(decrypt(forged, scene.identity)) as zf:
        forged_manifest = fmt.read_member(zf, fmt.MANIFEST, fmt.MAX_MANIFEST)
    manifests = {members[fmt.MANIFEST].decode(), forged_manifest.decode()}
    parses: list[str] = []
    real_loads = json.loads

    def counting(text: Any, *args: Any, **kwargs: Any) -> Any:
        if isinstance(text, bytes | bytearray):
            text = bytes(text).decode("utf-8", "replace")
        if text in manifests:
            parses.append(text)
        return real_loads(text, *args, **kwargs)

    monkeypatch.setattr(json, "loads", counting)
    assert scene.verified(data).manifest["sender"]["key_id"]
    assert len(parses) == 1
    parses.clear()
    with pytest.raises(UnknownSenderError):
        scene.verified(forged)
    assert len(parses) == 1
    parses.clear()
    with pytest.raises(BadSignatureError):
        scene.verified(resigned)
    assert len(parses) == 1


def test_pinned_key_id_with_a_strangers_signature_is_refused(scene: Scene) -> None:
    good = scene.verified(scene.bundle_bytes())
    stranger = Ed25519PrivateKey.generate()
    forged = OpenedBundle(
        manifest=good.manifest,
        manifest_bytes=good.manifest_bytes,
        signature=stranger.sign(good.manifest_bytes),
        members=good.members,
    )
    before = scene.snapshot()
    with pytest.raises(BadSignatureError), scene.victim.session() as s:
        import_handover(s, forged, confirm_partners=True)
    assert scene.snapshot() == before


def test_removed_colleague_is_no_longer_heard(scene: Scene) -> None:
    data = scene.bundle_bytes()
    with scene.victim.session() as s:
        remove_colleague(s, "A. Bron")
    with pytest.raises(UnknownSenderError):
        scene.verified(data)


# ---- a pinned colleague cannot redirect exports ----------------------------------------------
def _redirect(scene: Scene, updated_at: str) -> Any:
    attacker = str(scene.attacker.to_public())
    real = str(scene.partner_identity.to_public())

    def change(doc: Doc) -> None:
        partners = table(doc, "partner")
        wijkteam = next(p for p in partners if p["name"] == "Wijkteam")
        old_id = wijkteam["id"]
        wijkteam.update(
            id=scene.wijkteam,  # the victim's real partner id (printed in every manifest)
            updated_at=updated_at,
            age_recipients=json.dumps([real, attacker]),
            profile="handover",
            schedule="monthly",
            pseudonym_secret="00" * 32,
        )
        put(doc, "partner", partners)
        referrals = table(doc, "referral")
        for r in referrals:
            if r["partner_id"] == old_id:
                r["partner_id"] = scene.wijkteam
        put(doc, "referral", referrals)

    return forge(scene.bundle_bytes(), scene.identity, scene.signer, change)


def _partner_row(scene: Scene) -> tuple[Any, ...]:
    with scene.victim.session() as s:
        row = s.execute(select(Partner).where(Partner.id == scene.wijkteam)).scalar_one()
        return (
            row.name,
            row.type,
            row.age_recipients,
            row.profile,
            row.schedule,
            row.pseudonym_secret,
            row.updated_at,
        )


def test_the_issue_attack_updated_at_2099_is_refused_naming_the_field(scene: Scene) -> None:
    before = scene.snapshot()
    with pytest.raises(HandoverInvalidError) as caught:
        scene.run(_redirect(scene, "2099-01-01 00:00:00.000000"))
    message = str(caught.value)
    assert "partner" in message and scene.wijkteam in message and "updated_at" in message
    assert scene.snapshot() == before


def test_partner_routing_never_changes_and_export_due_never_reaches_the_attacker(
    scene: Scene, clock: FixedClock, tmp_path: Path
) -> None:
    before = _partner_row(scene)
    report = scene.run(_redirect(scene, "2026-11-27 09:00:00.000000"))
    assert report.applied and report.added["household"] == 7
    # The bundle's "Wijkteam" is matched by name and type to the local one, never written.
    assert any(p.local_id == scene.wijkteam and not p.new for p in report.partners)
    assert _partner_row(scene) == before
    # The next `export --due`: everything due goes to the real partner only.
    clock.advance(timedelta(days=10))  # into December: November is due
    with scene.victim.session() as s:
        due = exportable_due(s)
        assert [d.partner_id for d in due] == [scene.wijkteam]
        folder = tmp_path / "due"
        folder.mkdir()
        path = export_bundle(s, due[0].partner_id, due[0].period, folder).path
    data = path.read_bytes()
    assert decrypt(data, scene.partner_identity)
    with pytest.raises(BundleNotForYouError):
        decrypt(data, scene.attacker)


def test_bundle_without_confirmation_writes_nothing(scene: Scene) -> None:
    before = scene.snapshot()
    report = scene.run(scene.bundle_bytes(), confirm_partners=False)
    assert not report.applied and report.partners
    assert {p.name for p in report.partners} == {"Wijkteam", "GGD"}
    assert scene.snapshot() == before


def test_unmatched_partner_is_added_without_routing(scene: Scene) -> None:
    report = scene.run(scene.bundle_bytes())
    ggd = next(p for p in report.partners if p.name == "GGD")
    assert ggd.new
    with scene.victim.session() as s:
        row = s.get(Partner, ggd.local_id)
        assert row is not None
        assert (row.age_recipients, row.schedule, row.profile) == ("[]", "none", "case")
        assert ggd.local_id not in scene.world.partners.values()


@pytest.mark.parametrize(
    ("extra", "columns", "row"),
    [
        ("setting", ["key", "value_json", "updated_at"], ["retention_months", "{}", "x"]),
        ("organisation", ["id", "name"], ["00000000-0000-4000-8000-000000000000", "Evil"]),
        ("signing_key", ["id", "key_id"], ["00000000-0000-4000-8000-000000000000", "ab"]),
        ("colleague", ["id", "name"], ["00000000-0000-4000-8000-000000000000", "Evil"]),
        ("tombstone", ["id"], ["00000000-0000-4000-8000-000000000000"]),
    ],
)
def test_settings_organisation_and_keys_are_never_imported(
    scene: Scene, extra: str, columns: list[str], row: list[Any]
) -> None:
    def change(doc: Doc) -> None:
        doc["tables"][extra] = {"columns": columns, "rows": [row]}

    data = forge(scene.bundle_bytes(), scene.identity, scene.signer, change)
    before = scene.snapshot()
    with pytest.raises(BundleDamagedError, match=extra):
        scene.run(data)
    assert scene.snapshot() == before


def test_staff_rows_never_change_local_staff(scene: Scene) -> None:
    with scene.victim.session() as s:
        local = s.execute(select(StaffMember.id, StaffMember.name, StaffMember.active)).one()

    def change(doc: Doc) -> None:
        staff = table(doc, "staff_member")
        staff[0].update(id=local[0], name="Aanvaller", active=0)
        put(doc, "staff_member", staff)

    scene.run(forge(scene.bundle_bytes(), scene.identity, scene.signer, change))
    with scene.victim.session() as s:
        staff = s.execute(select(StaffMember.id, StaffMember.name, StaffMember.active)).all()
        assert staff == [local]


# ---- every value is validated as typed input -------------------------------------------------
def _set(table_name: str, column: str, value: Any, pick: int = 0) -> Any:
    def change(doc: Doc) -> None:
        rows = table(doc, table_name)
        rows[pick][column] = value
        put(doc, table_name, rows)

    return change


INVALID = [
    ("household", "concern_level", "BOGUS", "BOGUS"),
    ("household", "status", "weg", "weg"),
    ("visit", "kind", "inbraak", "inbraak"),
    ("signal_observation", "severity", 7, "7"),
    ("referral", "grondslag", "omdat het kan", "omdat het kan"),
    ("referral", "status", 3, None),
    ("resident", "birth_year", 1800, None),
    ("resident", "birth_date", "2099-01-01", None),
    ("address", "postcode", "0000 AA", None),
    ("address", "number", "12", None),
    ("household", "label", "x" * 201, None),
    ("visit", "notes", "n" * 20_001, "20000"),
    ("referral", "reference", "r" * 31, "30"),
    ("visit", "visited_at", "2026-13-01 10:00:00.000000", None),
    # stored as "999-…" it would sort after every real moment (strftime's year on Linux)
    ("visit", "visited_at", "0999-12-01 00:00:00", None),
    ("visit", "created_at", "2099-01-01 00:00:00.000000", None),
    ("visit", "household_id", "../../etc/passwd", None),
    ("household", "label", None, None),
    ("visit", "notes", "Haar BSN is 123456782, genoteerd.", None),
    ("resident", "name", "Jan 1234.56.782", None),
]


@pytest.mark.parametrize(("tbl", "column", "value", "shown"), INVALID)
def test_one_invalid_value_refuses_the_whole_bundle_naming_table_row_and_field(
    scene: Scene, tbl: str, column: str, value: Any, shown: str | None
) -> None:
    data = forge(scene.bundle_bytes(), scene.identity, scene.signer, _set(tbl, column, value))
    row_id = dashed(table(json.loads(_data_json(scene, data)), tbl)[0]["id"])
    before = scene.snapshot()
    with pytest.raises(HandoverInvalidError) as caught:
        scene.run(data)
    message = str(caught.value)
    assert f"tabel {tbl}," in message and row_id in message and f"veld {column}" in message
    if shown is not None:
        assert shown in message
    # Free text never appears in the message.
    assert "123456782" not in message and "Jan " not in message
    assert scene.snapshot() == before
    # The vault still works as before (`household list` broke for good before #12).
    with scene.victim.session() as s:
        households.list_households(s)


def _data_json(scene: Scene, data: bytes) -> bytes:
    with fmt.open_zip(decrypt(data, scene.identity)) as zf:
        return fmt.read_member(zf, fmt.DATA, fmt.MAX_MEMBER)


def test_long_notes_within_the_typed_limit_are_accepted(scene: Scene) -> None:
    data = forge(
        scene.bundle_bytes(), scene.identity, scene.signer, _set("visit", "notes", "n" * 20_000)
    )
    assert scene.run(data).applied


def test_bsn_like_number_is_accepted_only_when_confirmed(scene: Scene) -> None:
    change = _set("visit", "notes", "Kastnummer 123456782 (geen BSN).")
    data = forge(scene.bundle_bytes(), scene.identity, scene.signer, change)
    with pytest.raises(HandoverInvalidError):
        scene.run(data)
    assert scene.run(data, allow_bsn_like=True).applied


# ---- ids: 32 hex digits in format 2, the dashed text in format 1 ---------------------------
def _ids_stored_as_bytes(scene: Scene) -> int:
    """How many ids the victim holds, asserting each is the UUID's 16 bytes (never text)."""
    total = 0
    with scene.victim.session() as s:
        for t in HANDOVER_TABLES:
            for c in t.columns:
                if isinstance(c.type, RecordId):
                    kinds = dict(
                        s.execute(
                            text(
                                f"SELECT typeof({c.name}), count(*) FROM {t.name}"
                                f" WHERE {c.name} IS NOT NULL GROUP BY 1"
                            )
                        ).all()
                    )
                    assert set(kinds) <= {"blob"}, (t.name, c.name, kinds)
                    total += kinds.get("blob", 0)
    return total


def _every_id(doc: Doc, form: Any) -> None:
    for block in doc["tables"].values():
        at = [i for i, c in enumerate(block["columns"]) if c == "id" or c.endswith(("_id", "_by"))]
        for n, row in enumerate(block["rows"]):
            for i in at:
                if row[i] is not None:
                    row[i] = form(row[i], n)


def test_ids_in_either_form_are_one_id_and_stored_as_bytes(scene: Scene) -> None:
    """Format 2 sends each id as its 32 hex digits. A bundle that mixes in the dashed form
    (every other row) imports as the same records: ids are rewritten in one form before
    anything compares them, and the vault stores bytes only (a text id would never be
    found again). The same bundle sent in one form afterwards changes nothing."""
    plain = scene.bundle_bytes()
    mixed = forge(
        plain,
        scene.identity,
        scene.signer,
        lambda d: _every_id(d, lambda v, n: dashed(v) if n % 2 else v),
    )
    assert re.search(rb"[0-9a-f]{8}-[0-9a-f]{4}-", _data_json(scene, mixed))
    assert scene.run(mixed).applied
    assert _ids_stored_as_bytes(scene) > 100
    before = scene.snapshot()
    assert not scene.run(plain).changed
    assert scene.snapshot() == before


def test_a_handover_of_format_1_still_imports(scene: Scene) -> None:
    """A colleague on the version before sends format 1, with dashed ids."""
    with scene.source.session() as s:
        partner = get_partner(s, scene.world.partners["Collega"])
        built = build_bundle(s, partner, Period.parse("2026-11"), format_version=1)
    assert built.manifest["format_version"] == 1
    assert re.search(rb'"[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-', _data_json(scene, built.data))
    assert scene.run(built.data).applied
    assert _ids_stored_as_bytes(scene) > 100
    before = scene.snapshot()
    assert not scene.run(scene.bundle_bytes()).changed  # the same records in format 2
    assert scene.snapshot() == before


BAD_IDS = [
    ("upper case", lambda v: v.upper(), 2),
    ("31 digits", lambda v: v[:31], 2),
    ("33 digits", lambda v: v + "0", 2),
    ("not hex", lambda v: "g" + v[1:], 2),
    ("dashes misplaced", lambda v: f"{v[:7]}-{v[7:12]}-{v[12:16]}-{v[16:20]}-{v[20:31]}", 2),
    ("hex in format 1", lambda v: v, 1),
]


@pytest.mark.parametrize(("what", "spoil", "version"), BAD_IDS, ids=[b[0] for b in BAD_IDS])
def test_a_malformed_id_or_one_in_the_wrong_format_is_refused(
    scene: Scene, what: str, spoil: Any, version: int
) -> None:
    def change(doc: Doc) -> None:
        rows = table(doc, "visit")
        rows[0]["household_id"] = spoil(rows[0]["household_id"])
        put(doc, "visit", rows)

    data = forge(scene.bundle_bytes(), scene.identity, scene.signer, change, format_version=version)
    before = scene.snapshot()
    with pytest.raises(HandoverInvalidError) as caught:
        scene.run(data)
    message = str(caught.value)
    assert "geen geldige id" in message, what
    # Format 1 knows the dashed form only: its first id (a staff member's) is refused.
    assert ("veld household_id" if version == 2 else "tabel staff_member") in message, what
    assert scene.snapshot() == before


def test_an_id_held_as_text_is_never_read_as_another_id(scene: Scene) -> None:
    """(review) An id the vault holds as text (an old or crafted file) is no canonical
    UUID. Sent as it is, 32 hex digits held as text would pass for the 16-byte id of the
    same digits in format 2, and the record would come back as another. It travels with
    a leading "!" and the import refuses it, as format 1's import refused every text id."""
    text_id = "ab" * 16
    with scene.source.session() as s:
        s.execute(
            text(
                "UPDATE referral_status_event SET id = :new"
                " WHERE rowid = (SELECT min(rowid) FROM referral_status_event)"
            ),
            {"new": text_id},
        )
    data = scene.bundle_bytes()
    sent = json.loads(_data_json(scene, data))
    assert [r["id"] for r in table(sent, "referral_status_event") if text_id in r["id"]] == [
        "!" + text_id
    ]
    before = scene.snapshot()
    with pytest.raises(
        HandoverInvalidError, match=f"tabel referral_status_event, rij !{text_id}, veld id"
    ):
        scene.run(data)
    assert scene.snapshot() == before


def test_a_data_version_that_differs_from_the_manifests_is_refused(scene: Scene) -> None:
    """(review) The manifest's version says which form the ids have; data.json repeats it.
    A bundle whose two differ is refused as a whole."""

    def change(doc: Doc) -> None:
        doc["format_version"] = 1

    data = forge(scene.bundle_bytes(), scene.identity, scene.signer, change)
    before = scene.snapshot()
    with pytest.raises(BundleDamagedError, match="gegevens die niet passen"):
        scene.run(data)
    assert scene.snapshot() == before


def test_one_row_twice_in_two_forms_is_refused(scene: Scene) -> None:
    def change(doc: Doc) -> None:
        rows = table(doc, "visit")
        twin = dict(rows[0], id=dashed(rows[0]["id"]))
        put(doc, "visit", [*rows, twin])

    data = forge(scene.bundle_bytes(), scene.identity, scene.signer, change)
    before = scene.snapshot()
    with pytest.raises(HandoverInvalidError, match="twee keer"):
        scene.run(data)
    assert scene.snapshot() == before


def test_moments_with_fewer_digits_are_stored_in_the_vaults_form_and_counted(
    scene: Scene,
) -> None:
    """The format lets a bundle write a moment with 0 to 6 digits after the seconds. Stored
    as it came, ``2025-12-01 00:00:00`` sorted before the Overzicht's window, which starts
    at ``2025-12-01 00:00:00.000000`` as text: the visit fell out of its month."""

    def change(doc: Doc) -> None:
        rows = table(doc, "visit")
        rows[0]["visited_at"] = "2025-12-01 00:00:00"
        rows[0]["created_at"] = "2026-11-10 10:00:00.5"
        put(doc, "visit", rows)
        events = table(doc, "referral_status_event")
        events[0]["at"] = "2026-11-10 11:00:00"
        put(doc, "referral_status_event", events)

    data = forge(scene.bundle_bytes(), scene.identity, scene.signer, change)
    sent = json.loads(_data_json(scene, data))
    visit_id = dashed(table(sent, "visit")[0]["id"])
    event_id = dashed(table(sent, "referral_status_event")[0]["id"])
    assert scene.run(data).applied
    with scene.victim.session() as s:
        stored = s.execute(
            text("SELECT visited_at, created_at FROM visit WHERE id = :id"),
            {"id": stored_id(visit_id)},
        ).one()
        assert tuple(stored) == ("2025-12-01 00:00:00.000000", "2026-11-10 10:00:00.500000")
        at = s.scalar(
            text("SELECT at FROM referral_status_event WHERE id = :id"), {"id": stored_id(event_id)}
        )
        assert at == "2026-11-10 11:00:00.000000"
        # Every moment the import wrote is in the one form, the partners it added too.
        for name, column in (
            ("visit", "created_at"),
            ("household", "updated_at"),
            ("follow_up", "done_at"),
            ("partner", "created_at"),
            ("partner", "updated_at"),
        ):
            odd = s.scalar(
                text(
                    f"SELECT count(*) FROM {name} WHERE {column} IS NOT NULL"
                    f" AND {column} NOT GLOB '[12][0-9][0-9][0-9]-[01][0-9]-[0-3][0-9]"
                    " [0-2][0-9]:[0-5][0-9]:[0-5][0-9].[0-9][0-9][0-9][0-9][0-9][0-9]'"
                )
            )
            assert odd == 0, (name, column)
        complex_id = s.scalars(select(Complex.id).where(Complex.name == "De Linde")).one()
        today = date(2026, 11, 27)
        for scope in (OverviewFilter(), OverviewFilter(complex_id=complex_id)):
            visits = {row[0]: row[1] for row in visits_per_month(s, scope, today).rows}
            signs = {row[0]: sum(row[1:]) for row in signals_per_domain_month(s, scope, today).rows}
            assert (visits["2025-12"], visits["2026-11"]) == (1, 6), scope
            assert (signs["2025-12"], signs["2026-11"]) == (2, 12), scope
    # Imported again, the same bundle changes nothing: both sides are in one form.
    before = scene.snapshot()
    assert not scene.run(data).changed
    assert scene.snapshot() == before


# ---- erasure sticks ------------------------------------------------------------------------
def _purge(scene: Scene, household_id: str) -> None:
    with scene.victim.session() as s:
        rows = [r for r in retention_review(s, date(2040, 1, 1)) if r.household_id == household_id]
        assert rows and rows[0].anonymise
        purge_households(s, rows)


def _traces(scene: Scene, household_id: str) -> tuple[int, str, int]:
    with scene.victim.session() as s:
        residents = s.scalar(
            select(func.count(Resident.id)).where(Resident.household_id == household_id)
        )
        label = s.get(Household, household_id).label  # type: ignore[union-attr]
        notes = s.scalar(
            select(func.count(Visit.id)).where(
                Visit.household_id == household_id, Visit.notes != ""
            )
        )
        return int(residents or 0), label, int(notes or 0)


def test_an_older_handover_never_resurrects_a_purged_resident(scene: Scene) -> None:
    hid = scene.world.households["fam. Jansen"]
    old = scene.bundle_bytes()
    scene.run(old)
    assert _traces(scene, hid) == (1, "fam. Jansen", 1)
    _purge(scene, hid)
    assert _traces(scene, hid) == (0, "geanonimiseerd", 0)
    report = scene.run(old)
    assert report.applied and sum(report.erased.values()) > 0
    assert _traces(scene, hid) == (0, "geanonimiseerd", 0)
    with scene.victim.session() as s:
        every = " ".join(str(v) for r in s.execute(text("SELECT * FROM visit")) for v in r)
        assert f"{NOTE_MARKER} fam. Jansen" not in every
        assert verify_chain(s).ok


def test_a_handover_into_a_vault_that_purged_first_brings_nothing_back(scene: Scene) -> None:
    """The colleague's bundle arrives for the first time after this vault purged the
    household (no import base: every row of it would otherwise be new or a conflict)."""
    hid = scene.world.households["mw. Öztürk"]
    scene.run(scene.bundle_bytes())
    _purge(scene, hid)
    with scene.victim.session() as s:  # a new colleague, the same old data
        s.execute(text("DELETE FROM import_base"))
    report = scene.run(scene.bundle_bytes(), resolve="theirs")
    assert report.applied
    assert _traces(scene, hid) == (0, "geanonimiseerd", 0)


def test_a_handover_from_a_vault_that_anonymised_leaves_those_households_out(
    scene: Scene,
) -> None:
    """(review of 0023) The sender anonymised a household: its anonymous address (number 0,
    no postcode) made the import refuse the whole bundle, and before 0023 the colleague
    got the household without its tombstone, at a place settled on the sender's homes
    (which could single out one of the colleague's). What is left of it is no case to
    take over: the bundle leaves it out, with its referrals and the anonymous address."""
    hid = scene.world.households["fam. Jansen"]
    with scene.source.session() as s:
        rows = [r for r in retention_review(s, date(2040, 1, 1)) if r.household_id == hid]
        assert rows and rows[0].anonymise
        purge_households(s, rows)
        assert s.scalar(select(func.count(Referral.id)).where(Referral.household_id == hid))
    carried = _data_json(scene, scene.bundle_bytes()).decode()
    assert hid.replace("-", "") not in carried and "(geanonimiseerd)" not in carried
    report = scene.run(scene.bundle_bytes())
    assert report.applied
    with scene.victim.session() as s:
        assert s.get(Household, hid) is None
        assert s.scalar(select(func.count(Referral.id)).where(Referral.household_id == hid)) == 0
        assert s.scalar(select(func.count(Address.id)).where(Address.number == 0)) == 0
        others = scene.world.households["mw. Öztürk"]
        assert s.get(Household, others) is not None  # the rest arrived, every row of it
        arrived = {t: s.scalar(text(f"SELECT count(*) FROM {t}")) for t in _LINKS}
    with scene.source.session() as s:
        own = {t: s.scalar(text(sql), {"h": stored_id(hid)}) for t, sql in _LINKS.items()}
        sent = {t: s.scalar(text(f"SELECT count(*) FROM {t}")) - own[t] for t in _LINKS}
    assert own["referral_status_event"] > 0 and arrived == sent
    with scene.source.session() as s:  # the preview counts what is sent
        preview = handover_counts(s)
    with scene.victim.session() as s:
        for table in ("household", "address", "referral", "referral_status_event"):
            assert preview[table] == s.scalar(text(f"SELECT count(*) FROM {table}")), table


# Rows linked to one household through another table: (table, how many are the household's).
_LINKS = {
    "visit_resident": "SELECT count(*) FROM visit_resident"
    " WHERE visit_id IN (SELECT id FROM visit WHERE household_id = :h)",
    "referral_signal": "SELECT count(*) FROM referral_signal"
    " WHERE referral_id IN (SELECT id FROM referral WHERE household_id = :h)",
    "referral_status_event": "SELECT count(*) FROM referral_status_event"
    " WHERE referral_id IN (SELECT id FROM referral WHERE household_id = :h)",
    "follow_up": "SELECT count(*) FROM follow_up WHERE household_id = :h",
}


def test_a_colleagues_row_pointing_at_a_visit_counted_away_here_does_not_block_the_import(
    scene: Scene,
) -> None:
    """(review, 0022) This vault anonymised fam. Jansen: its visits and signs are counts
    per month and the rows are gone. The colleague still has them, and rows of mw. Öztürk
    that point at them: a concern level and a follow-up set at a Jansen visit, and a sign
    noted at it. The bundle imports (it was refused as a whole: a foreign key to a deleted
    visit); the pointers are cleared and the sign on the deleted visit stays out."""
    jansen = scene.world.households["fam. Jansen"]
    oztuerk = scene.world.households["mw. Öztürk"]
    scene.run(scene.bundle_bytes())
    _purge(scene, jansen)
    with scene.source.session() as s:
        visit = s.scalars(select(Visit).where(Visit.household_id == jansen)).first()
        assert visit is not None
        sign = s.scalars(
            select(SignalObservation).where(SignalObservation.visit_id == visit.id)
        ).first()
        assert sign is not None
        stray = SignalObservation(
            visit_id=visit.id, household_id=oztuerk, item_id=sign.item_id, severity=1
        )
        entry = ConcernLevelEntry(
            household_id=oztuerk,
            visit_id=visit.id,
            level="aandacht",
            set_at=visit.visited_at,
            next_check_in=visit.visited_at.date() + timedelta(days=30),
        )
        action = FollowUp(
            household_id=oztuerk, visit_id=visit.id, signal_id=sign.id, description="Nabellen"
        )
        s.add_all([stray, entry, action])
        s.flush()
        ids = (stray.id, entry.id, action.id)
    report = scene.run(scene.bundle_bytes("2026-12"), resolve="theirs")
    assert report.applied
    with scene.victim.session() as s:
        assert s.get(SignalObservation, ids[0]) is None
        kept_entry, kept_action = s.get(ConcernLevelEntry, ids[1]), s.get(FollowUp, ids[2])
        assert kept_entry is not None and kept_entry.visit_id is None
        assert kept_action is not None
        assert (kept_action.visit_id, kept_action.signal_id) == (None, None)
        assert s.scalars(select(Visit.id).where(Visit.household_id == jansen)).all() == []
        assert verify_chain(s).ok


def test_withdrawn_consent_stays_withdrawn_when_the_colleague_changed_the_referral(
    scene: Scene, clock: FixedClock
) -> None:
    scene.run(scene.bundle_bytes())
    reference = scene.world.referrals["fam. Jansen"]
    with scene.victim.session() as s:
        ref = s.scalars(select(Referral).where(Referral.reference == reference)).one()
        withdraw_consent(s, ref.id, note="Bewoner belde")
        rid = ref.id
    clock.advance(timedelta(hours=1))
    with scene.source.session() as s:
        s.get(Referral, rid).letter_context = "Aangevuld door de collega."  # type: ignore[union-attr]
    report = scene.run(scene.bundle_bytes("2026-12"), resolve="theirs")
    assert report.applied
    with scene.victim.session() as s:
        ref = s.get(Referral, rid)
        assert ref is not None and ref.consent_withdrawn_on is not None


def test_restore_reapplies_erasures_made_after_the_backup(
    scene: Scene, clock: FixedClock, tmp_path: Path
) -> None:
    hid = scene.world.households["fam. Jansen"]
    scene.run(scene.bundle_bytes())
    backup = tmp_path / "kluis.wvbak"
    create_backup(scene.victim, backup)
    clock.advance(timedelta(hours=1))
    _purge(scene, hid)
    scene.victim.close()
    result = restore_backup(backup, scene.victim_dir, PASSPHRASE, replace=True)
    assert not result.tombstones_unreadable
    # "anonymised" alone: it covers every category (one tombstone, not four: #16).
    assert {(t.entity, t.entity_id, t.what) for t in result.reapplied} == {
        ("household", hid, "anonymised")
    }
    scene.victim = Vault.open(scene.victim_dir, PASSPHRASE, clock=clock)
    assert _traces(scene, hid) == (0, "geanonimiseerd", 0)
    # And the resurrected-by-backup tombstones guard the next import too.
    assert scene.run(scene.bundle_bytes()).applied
    assert _traces(scene, hid) == (0, "geanonimiseerd", 0)
    with scene.victim.session() as s:
        assert verify_chain(s).ok


def test_restore_of_a_backup_newer_than_every_erasure_reapplies_nothing(
    scene: Scene, clock: FixedClock, tmp_path: Path
) -> None:
    hid = scene.world.households["fam. Jansen"]
    scene.run(scene.bundle_bytes())
    _purge(scene, hid)
    clock.advance(timedelta(hours=1))
    backup = tmp_path / "kluis.wvbak"
    create_backup(scene.victim, backup)
    scene.victim.close()
    result = restore_backup(backup, scene.victim_dir, PASSPHRASE, replace=True)
    assert result.reapplied == ()
    scene.victim = Vault.open(scene.victim_dir, PASSPHRASE, clock=clock)

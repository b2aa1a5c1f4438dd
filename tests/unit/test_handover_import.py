"""Handover import: merge by UUID, three-way against the last import, conflicts listed,
idempotent. The attacks on it are in tests/security/test_handover_attacks.py."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import select, text, update

from tests.bundle_helpers import World, build_world
from tests.conftest import PASSPHRASE
from waakvlam_desktop.bundles.export import export_bundle
from waakvlam_desktop.bundles.importer import ImportReport
from waakvlam_desktop.bundles.importer import import_handover as _import_handover
from waakvlam_desktop.bundles.reader import verify_bytes
from waakvlam_desktop.clock import FixedClock
from waakvlam_desktop.domain import households
from waakvlam_desktop.domain.colleagues import add_colleague
from waakvlam_desktop.domain.exports import Period
from waakvlam_desktop.domain.partners import add_partner
from waakvlam_desktop.domain.referrals import ReferralInput, create_referral
from waakvlam_desktop.domain.search import search
from waakvlam_desktop.domain.setup import initialise
from waakvlam_desktop.domain.types import ConsentForm, PartnerType
from waakvlam_desktop.errors import BundleError
from waakvlam_desktop.storage import fts
from waakvlam_desktop.storage.audit import verify_chain
from waakvlam_desktop.storage.models import AuditEvent, Household, Referral
from waakvlam_desktop.storage.vault import Vault

DATA_TABLES = (
    "staff_member",
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
)


@pytest.fixture
def world(vault: Vault) -> World:
    return build_world(vault)


@pytest.fixture
def target(tmp_path: Path, clock: FixedClock, world: World) -> Any:
    v = Vault.create(tmp_path / "colleague", PASSPHRASE, kdf_target_seconds=0, clock=clock)
    with v.session() as s:
        v.actor = initialise(
            s, organisation="Woonstichting Voorbeeld", staff_name="B. Colleague"
        ).id
        add_colleague(s, "A. Bron", world.sender.public_key)
    yield v
    v.close()


def import_handover(session: Any, bundle: Any, **kw: Any) -> ImportReport:
    kw.setdefault("confirm_partners", True)
    return _import_handover(session, bundle, **kw)


def _handover(world: World, folder: Path, period: str = "2026-11") -> Any:
    folder.mkdir(exist_ok=True)
    with world.vault.session() as s:
        path = export_bundle(s, world.partners["Collega"], Period.parse(period), folder).path
    return verify_bytes(path.read_bytes(), world.identity, world.sender)


def _snapshot(vault: Vault) -> dict[str, list[str]]:
    with vault.session() as s:
        return {
            t: sorted(repr(tuple(r)) for r in s.execute(text(f"SELECT * FROM {t}")))
            for t in DATA_TABLES
        }


def test_import_adds_everything_and_twice_changes_nothing(
    world: World, target: Vault, tmp_path: Path
) -> None:
    bundle = _handover(world, tmp_path / "b")
    with target.session() as s:
        report = import_handover(s, bundle)
    assert report.added["household"] == 7
    assert report.added["visit"] == 7
    assert report.added["signal_observation"] == 14
    assert report.added["referral_signal"] == 4
    assert report.conflicts == []
    with target.session() as s:
        ids = set(s.scalars(select(Household.id)))
        assert ids == set(world.households.values())
        detail = households.household_detail(s, world.households["fam. Jansen"])
        assert detail.residents[0].name == "Bewoner fam. Jansen"
        assert sorted(o.code for o in detail.visits[0].observations) == [
            "financien.ongeopende_post",
            "sociaal.eenzaamheid",
        ]
        assert verify_chain(s).ok
    before = _snapshot(target)
    with target.session() as s:
        again = import_handover(s, bundle)
    assert not again.changed and again.conflicts == [] and again.notes == []
    assert sum(again.unchanged.values()) > 0
    assert _snapshot(target) == before
    # Full-text search works on imported notes (triggers ran).
    with target.session() as s:
        assert search(s, "buren", limit=50)


# The columns of a sign in a handover bundle since 0016 (the app of 0019 reads exactly
# these): 0020's derived ``visit_month`` is not among them, so bundles still read both ways.
SIGN_COLUMNS_0019 = [
    "visit_id",
    "household_id",
    "severity",
    "remark",
    "acute_response",
    "id",
    "created_at",
    "updated_at",
    "created_by",
    "updated_by",
    "item_code",
]


def test_a_handover_keeps_its_columns_and_the_import_gives_each_sign_its_month(
    world: World, target: Vault, tmp_path: Path
) -> None:
    """What the docs promise for 0020: a bundle carries the signs as before (an app of
    0019 still reads it), and the receiving vault's triggers give each imported sign its
    visit's month."""
    bundle = _handover(world, tmp_path / "b")
    assert bundle.data()["tables"]["signal_observation"]["columns"] == SIGN_COLUMNS_0019
    with target.session() as s:
        import_handover(s, bundle)
        months = s.execute(
            text(
                "SELECT o.visit_month, 100 * strftime('%Y', v.visited_at)"
                " + strftime('%m', v.visited_at) FROM signal_observation o"
                " JOIN visit v ON v.id = o.visit_id"
            )
        ).all()
    assert len(months) == 14
    assert all(stored == expected for stored, expected in months), months


# Since 0016 the index reads its text from the rows (external content) and search_doc no
# longer holds the household: both come from the visit or observation.
_INDEX = text(
    "SELECT d.rowid, d.source, d.ref_id, coalesce(v.household_id, o.household_id)"
    " AS household_id, i.body FROM search_doc d"
    " JOIN search_index i ON i.rowid = d.rowid"
    " LEFT JOIN visit v ON d.source = 'visit' AND v.id = d.ref_id"
    " LEFT JOIN signal_observation o ON d.source = 'signal' AND o.id = d.ref_id"
    " ORDER BY d.rowid"
)
# FTS5's own check that the index holds exactly the terms of the text it reads (rank 1:
# compared with the external content); raises "database disk image is malformed" if not.
_INTEGRITY = text("INSERT INTO search_index (search_index, rank) VALUES ('integrity-check', 1)")
_TRIGGERS = text("SELECT name, sql FROM sqlite_master WHERE type = 'trigger' ORDER BY name")


def test_imported_rows_are_indexed_once_as_the_triggers_would(
    world: World, target: Vault, tmp_path: Path
) -> None:
    bundle = _handover(world, tmp_path / "b")
    with target.session() as s:
        triggers = s.execute(_TRIGGERS).all()
        before = s.execute(_INDEX).all()
        import_handover(s, bundle)
    with target.session() as s:
        assert s.execute(_TRIGGERS).all() == triggers  # the insert triggers are back, unchanged
        index = s.execute(_INDEX).all()
        visits = s.execute(text("SELECT id, household_id, notes FROM visit ORDER BY rowid")).all()
        observations = s.execute(
            text("SELECT id, household_id, remark FROM signal_observation ORDER BY rowid")
        ).all()
    # Every imported visit and observation with a text once, in insertion order (since
    # 0021 none for an empty text, as the triggers do).
    assert index[: len(before)] == before
    added = [(r.source, r.ref_id, r.household_id, r.body) for r in index[len(before) :]]
    texts = [("visit", *v) for v in visits if v.notes]
    texts += [("signal", *o) for o in observations if o.remark]
    assert added == texts
    assert len(texts) < len(visits) + len(observations)  # the bundle has empty ones too
    assert [r.rowid for r in index] == sorted({r.rowid for r in index})
    with target.session() as s:
        s.execute(_INTEGRITY)
    # A visit typed after the import is indexed by the trigger again.
    with target.session() as s:
        columns = [r.name for r in s.execute(text("PRAGMA table_info(visit)"))]
        copied = {"id": "'v-after'", "notes": "'zonnepanelen'"}
        s.execute(
            text(
                f"INSERT INTO visit ({', '.join(columns)})"
                f" SELECT {', '.join(copied.get(c, c) for c in columns)} FROM visit"
                " WHERE id = :v"
            ),
            {"v": visits[0].id},
        )
        assert search(s, "zonnepanelen", limit=5)


def test_index_block_that_fails_leaves_the_trigger_after_rollback(target: Vault) -> None:
    with pytest.raises(RuntimeError), target.session() as s:
        cursor = s.connection().connection.dbapi_connection.cursor()  # type: ignore[union-attr]
        with fts.indexed_once(cursor, "visit"):
            raise RuntimeError("boom")
    with target.session() as s:
        names = {r.name for r in s.execute(_TRIGGERS)}
    assert {"visit_search_ai", "observation_search_ai"} <= names


def test_three_way_merge_takes_theirs_keeps_mine_and_lists_conflicts(
    world: World, target: Vault, tmp_path: Path, clock: FixedClock
) -> None:
    hid_a = world.households["fam. Jansen"]
    hid_b = world.households["mw. Öztürk"]
    hid_c = world.households["dhr. Bakker"]
    with target.session() as s:
        import_handover(s, _handover(world, tmp_path / "one"))
    # A: changed on both sides (the target even later). B: only the colleague changed it.
    # C: only the target changed it.
    clock.advance(timedelta(hours=1))
    with world.vault.session() as s:
        s.get(Household, hid_a).label = "fam. Jansen-de Wit"  # type: ignore[union-attr]
        s.get(Household, hid_b).label = "mw. Öztürk (bron)"  # type: ignore[union-attr]
    clock.advance(timedelta(hours=1))
    with target.session() as s:
        s.get(Household, hid_a).label = "fam. Jansen (hier)"  # type: ignore[union-attr]
        s.get(Household, hid_c).label = "dhr. Bakker (hier)"  # type: ignore[union-attr]
    second = _handover(world, tmp_path / "two", "2026-12")
    with target.session() as s:
        report = import_handover(s, second)
    # An undecided conflict: nothing is written, the conflict is listed per field.
    assert not report.applied
    assert [(c.table, c.id, c.fields, c.winner) for c in report.conflicts] == [
        ("household", hid_a, ("label",), "")
    ]
    with target.session() as s:
        assert s.get(Household, hid_b).label == "mw. Öztürk"  # type: ignore[union-attr]
    with target.session() as s:
        report = import_handover(s, second, resolve="mine")
    assert report.applied and report.conflicts[0].winner == "kluis"
    assert report.updated["household"] == 1
    with target.session() as s:
        assert s.get(Household, hid_a).label == "fam. Jansen (hier)"  # type: ignore[union-attr]
        assert s.get(Household, hid_b).label == "mw. Öztürk (bron)"  # type: ignore[union-attr]
        assert s.get(Household, hid_c).label == "dhr. Bakker (hier)"  # type: ignore[union-attr]
    # Values never appear in the report, only field names.
    assert "Jansen" not in repr(report.conflicts)
    # The same bundle again: the colleague's A is now the base, so mine stays, silently.
    with target.session() as s:
        again = import_handover(s, second)
    assert again.applied and again.conflicts == [] and not again.changed


def test_take_theirs_per_row_choice(
    world: World, target: Vault, tmp_path: Path, clock: FixedClock
) -> None:
    hid = world.households["fam. Jansen"]
    with target.session() as s:
        import_handover(s, _handover(world, tmp_path / "one"))
    clock.advance(timedelta(hours=1))
    with world.vault.session() as s:
        s.get(Household, hid).label = "fam. Jansen-de Wit"  # type: ignore[union-attr]
    with target.session() as s:
        s.get(Household, hid).label = "fam. Jansen (hier)"  # type: ignore[union-attr]
    with target.session() as s:
        report = import_handover(
            s, _handover(world, tmp_path / "two", "2026-12"), choices={hid: "theirs"}
        )
        assert report.applied and report.conflicts[0].winner == "bundel"
    with target.session() as s:
        assert s.get(Household, hid).label == "fam. Jansen-de Wit"  # type: ignore[union-attr]
        events = s.scalars(
            select(AuditEvent.detail).where(
                AuditEvent.action == "import", AuditEvent.entity_id == hid
            )
        ).all()
        assert any("bijgewerkt; velden: label" in e for e in events)


def test_reference_collision_gets_a_suffix_and_letters_travel(
    world: World, target: Vault, tmp_path: Path
) -> None:
    with world.vault.session() as s:
        s.execute(
            update(Referral)
            .where(Referral.reference == world.referrals["fam. Jansen"])
            .values(letter_pdf=b"%PDF-1.4 proefbrief")
        )
    # The colleague already has a referral with the same reference (own counter).
    with target.session() as s:
        addr = households.add_address(
            s, street="Molenweg", number=3, postcode="3511 AB", city="Utrecht"
        )
        hh = households.add_household(s, addr.id, "fam. Eigen")
        pid = add_partner(s, name="Eigen partner", type=PartnerType.GGD).id
        own = create_referral(
            s,
            ReferralInput(
                household_id=hh.id,
                partner_id=pid,
                reason="Eigen",
                consent_form=ConsentForm.VERBAL,
                consent_date=datetime(2026, 11, 1, tzinfo=UTC).date(),
            ),
        )
        assert own.reference == world.referrals["fam. Jansen"]
    bundle = _handover(world, tmp_path / "b")
    with target.session() as s:
        report = import_handover(s, bundle)
        notes = {(n.table, n.note) for n in report.notes}
        assert any(t == "referral" and "achtervoegsel" in n for t, n in notes)
        imported = s.scalars(
            select(Referral).where(Referral.household_id == world.households["fam. Jansen"])
        ).one()
        assert imported.reference.startswith(world.referrals["fam. Jansen"] + "-")
        assert imported.letter_pdf == b"%PDF-1.4 proefbrief"
    before = _snapshot(target)
    with target.session() as s:
        assert not import_handover(s, bundle).changed
    assert _snapshot(target) == before


def test_only_handover_bundles_can_be_imported(world: World, target: Vault, tmp_path: Path) -> None:
    folder = tmp_path / "case"
    folder.mkdir()
    with world.vault.session() as s:
        path = export_bundle(s, world.partners["Wijkteam"], Period.parse("2026-11"), folder).path
    bundle = verify_bytes(path.read_bytes(), world.identity, world.sender)
    before = _snapshot(target)
    with pytest.raises(BundleError, match="overdrachtsbundel"), target.session() as s:
        import_handover(s, bundle)
    assert _snapshot(target) == before

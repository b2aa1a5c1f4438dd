"""Synthetic, realistic Dutch demo data, deterministic per seed.

Used by ``waakvlam demo``, the screenshots and the benchmarks. Rows are inserted in bulk
(SQLAlchemy Core) per batch of households; the audit log gets one event per batch instead
of one per row, since nothing here is about a real person.
"""

from __future__ import annotations

import random
import secrets
import uuid
from collections.abc import Callable, Iterator
from contextlib import AbstractContextManager
from datetime import UTC, date, datetime, timedelta
from typing import Any

from sqlalchemy import insert, select
from sqlalchemy.orm import Session

from waakvlam_desktop.clock import local_today, utc_naive
from waakvlam_desktop.domain import meetings
from waakvlam_desktop.domain.settings import load_settings
from waakvlam_desktop.domain.signals import ChecklistItemView, active_checklist
from waakvlam_desktop.domain.types import (
    ConcernLevel,
    ConsentForm,
    DataProfile,
    ExportSchedule,
    FollowUpStatus,
    GrondslagKind,
    HouseholdStatus,
    PartnerType,
    ReferralStatus,
    VisitKind,
)
from waakvlam_desktop.domain.waakvlam import ObservedSign, next_check_in, suggest_level
from waakvlam_desktop.storage import audit
from waakvlam_desktop.storage.models import (
    Address,
    Complex,
    ConcernLevelEntry,
    ConnectOffer,
    FollowUp,
    Household,
    NeighbourhoodAction,
    NeighbourhoodEvent,
    NeighbourhoodEventPartner,
    NeighbourhoodSignal,
    Partner,
    Referral,
    ReferralResident,
    ReferralSignal,
    ReferralStatusEvent,
    Resident,
    SignalObservation,
    StaffMember,
    Visit,
    VisitResident,
)

SessionFactory = Callable[[], AbstractContextManager[Session]]
Progress = Callable[[int, int], None]

WIJKEN = [
    ("Overvecht", "Utrecht", "35"),
    ("Kanaleneiland", "Utrecht", "35"),
    ("Bijlmer-Oost", "Amsterdam", "11"),
    ("Nieuw-West", "Amsterdam", "10"),
    ("Tarwewijk", "Rotterdam", "30"),
    ("Bloemhof", "Rotterdam", "30"),
    ("Schilderswijk", "Den Haag", "25"),
    ("Selwerd", "Groningen", "97"),
    ("Woensel-West", "Eindhoven", "56"),
    ("Presikhaaf", "Arnhem", "68"),
]
STREETS = [
    "Kerkstraat",
    "Lindelaan",
    "Eikenlaan",
    "Molenweg",
    "Schoolstraat",
    "Beukenhof",
    "Zonnebloemstraat",
    "Vondellaan",
    "Rembrandtplein",
    "Dahliastraat",
    "Populierenlaan",
    "Julianastraat",
    "Anne Frankstraat",
    "Hoefijzerlaan",
    "Kastanjehof",
    "Wilgenstraat",
    "Graaf Florisstraat",
    "Spinozaweg",
    "Van 't Hoffstraat",
    "Tulpstraat",
]
COMPLEX_NAMES = [
    "De Linde",
    "Het Baken",
    "De Eik",
    "Parkzicht",
    "De Horst",
    "Zonnehof",
    "De Meander",
    "Het Anker",
    "De Wieken",
    "Vogelzang",
    "De Kroon",
    "Rozenhof",
]
SURNAMES = [
    "Jansen",
    "de Vries",
    "Bakker",
    "Öztürk",
    "Yılmaz",
    "El Amrani",
    "Visser",
    "Smit",
    "Meijer",
    "de Boer",
    "Mulder",
    "Bouzid",
    "Kowalski",
    "van Dijk",
    "Brouwer",
    "Çelik",
    "Hoekstra",
    "Dekker",
    "Nguyễn",
    "Ramdin",
    "Kaya",
    "van den Berg",
    "Goedhart",
    "Ruiz",
]
FIRST_NAMES = [
    "Anna",
    "Mohamed",
    "Fatma",
    "Johan",
    "Kees",
    "Ingrid",
    "Ayşe",
    "Sanne",
    "Youssef",
    "Marieke",
    "Piotr",
    "Noor",
    "Henk",
    "Zoë",
    "René",
    "Chloë",
    "Ilse",
    "Hüseyin",
    "Joëlle",
]
NOTE_OPENINGS = [
    "Bewoner deed na twee keer aanbellen open.",
    "Kop koffie gedronken in de keuken.",
    "Gesprek bij de voordeur, niet binnen gelaten.",
    "Samen met de buurvrouw gesproken.",
    "Bewoner was blij met het bezoek en vertelde veel.",
    "Kort bezoek, bewoner had weinig tijd.",
]
NOTE_BODIES = [
    "Er ligt een stapel ongeopende post op de gang.",
    "De woning ziet er opgeruimd uit.",
    "Bewoner vertelt dat de kinderen zelden langskomen.",
    "Klaagt over geluid van de bovenburen, slaapt slecht.",
    "Heeft moeite met de formulieren van de gemeente.",
    "Lijkt vergeetachtig: wist niet meer dat we een afspraak hadden.",
    "Vertelt over schulden bij de energieleverancier.",
    "Gaat weer wekelijks naar het buurthuis, gaat beter.",
    "De badkamer is vervuild en er staat afval in de keuken.",
    "Maakt zich zorgen over de huurverhoging.",
    "Zoon komt nu twee keer per week helpen.",
    "Zegt dat het allemaal wel gaat, maar oogt somber.",
]
NOTE_CLOSINGS = [
    "Afgesproken dat ik over een paar weken terugkom.",
    "Telefoonnummer van het wijkteam achtergelaten.",
    "Bewoner wil geen hulp, wel dat ik nog eens langskom.",
    "Samen een briefje geschreven voor de huisarts.",
]
DEMO_ACUTE_RESPONSE = "Hulp ingeschakeld zoals de signalenlijst aangeeft."
FOLLOW_UPS = [
    "Bellen met het wijkteam",
    "Samen geluidsisolatie regelen",
    "Post samen doornemen",
    "Rookmelder laten controleren",
    "Afspraak maken met schuldhulpverlening",
    "Buurthuisactiviteit voorstellen",
]
DEMO_PARTNERS = [
    ("Sociaal Wijkteam Overvecht", PartnerType.WIJKTEAM, DataProfile.CASE, ExportSchedule.MONTHLY),
    ("GGD Meldpunt Zorg en Overlast", PartnerType.GGD, DataProfile.CASE, ExportSchedule.MONTHLY),
    (
        "Schuldhulpverlening Gemeente",
        PartnerType.SCHULDHULP,
        DataProfile.CASE,
        ExportSchedule.MONTHLY,
    ),
    ("Veilig Thuis Regio", PartnerType.VEILIG_THUIS, DataProfile.CASE, ExportSchedule.NONE),
    (
        "Gemeente — Team Leefbaarheid",
        PartnerType.GEMEENTE,
        DataProfile.AGGREGATE,
        ExportSchedule.QUARTERLY,
    ),
    ("Welzijn Buurtwerk", PartnerType.MAATSCHAPPELIJK_WERK, DataProfile.CASE, ExportSchedule.NONE),
]
PARTNER_FOR_DOMAIN = {
    "financien": 2,
    "gezondheid": 1,
    "veiligheid": 3,
    "sociaal": 5,
    "woning": 0,
    "zelfredzaamheid": 0,
}


def _uuid(rng: random.Random) -> str:
    return str(uuid.UUID(int=rng.getrandbits(128), version=4))


def _postcode(rng: random.Random, prefix: str) -> str:
    letters = rng.choice("ABCEGHJKLMNPRTVWXZ") + rng.choice("ABCEGHJKLMNPRTVWXZ")
    return f"{prefix}{rng.randint(10, 99)} {letters}"


def _note(rng: random.Random) -> str:
    body = rng.sample(NOTE_BODIES, k=rng.randint(1, 3))
    return " ".join([rng.choice(NOTE_OPENINGS), *body, rng.choice(NOTE_CLOSINGS)])


def _batches(total: int, size: int) -> Iterator[tuple[int, int]]:
    for start in range(0, total, size):
        yield start, min(total, start + size)


def generate_demo(
    sessions: SessionFactory,
    households: int,
    seed: int = 1,
    progress: Progress | None = None,
    batch_size: int = 500,
) -> dict[str, int]:
    """Add ``households`` synthetic households (with everything around them)."""
    rng = random.Random(seed)
    counts = {
        "complexes": 0,
        "addresses": 0,
        "households": 0,
        "residents": 0,
        "visits": 0,
        "signals": 0,
        "follow_ups": 0,
        "partners": 0,
        "referrals": 0,
    }
    with sessions() as s:
        clock = s.info["clock"]
        # Anchored to the start of today, so the same seed gives the same data all day.
        now = utc_naive(clock.now()).replace(hour=0, minute=0, second=0, microsecond=0)
        today = local_today(clock)
        settings = load_settings(s)
        checklist = active_checklist(s)
        staff_ids = list(s.scalars(select(StaffMember.id)))
        actor = s.info.get("actor")
        partner_ids = _demo_partners(s, rng, counts)
    n_complexes = max(1, households // 40)
    complexes = []
    for i in range(n_complexes):
        wijk, city, prefix = WIJKEN[i % len(WIJKEN)]
        complexes.append((_uuid(rng), f"{rng.choice(COMPLEX_NAMES)} {i + 1}", wijk, city, prefix))
    with sessions() as s:
        s.execute(
            insert(Complex),
            [
                {
                    "id": cid,
                    "name": name,
                    "code": f"C{seed:02d}-{i + 1:04d}",
                    "wijk": wijk,
                    "created_at": now,
                    "updated_at": now,
                    "created_by": actor,
                    "updated_by": actor,
                }
                for i, (cid, name, wijk, _c, _p) in enumerate(complexes)
            ],
        )
        audit.record(s, "demo", "complex", detail=f"aantal: {len(complexes)}")
    counts["complexes"] = len(complexes)

    done = 0
    for start, end in _batches(households, batch_size):
        rows: dict[type, list[dict[str, Any]]] = {
            m: []
            for m in (
                Address,
                Household,
                Resident,
                Visit,
                VisitResident,
                SignalObservation,
                ConcernLevelEntry,
                FollowUp,
                Referral,
                ReferralSignal,
                ReferralResident,
                ReferralStatusEvent,
            )
        }
        for n in range(start, end):
            _one_household(
                rng,
                n,
                seed,
                complexes,
                checklist,
                staff_ids,
                partner_ids,
                settings,
                now,
                today,
                actor,
                rows,
            )
        with sessions() as s:
            for model, data in rows.items():
                if data:
                    s.execute(insert(model), data)
            audit.record(s, "demo", "household", detail=f"aantal: {end - start}")
        counts["addresses"] += len(rows[Address])
        counts["households"] += len(rows[Household])
        counts["residents"] += len(rows[Resident])
        counts["visits"] += len(rows[Visit])
        counts["signals"] += len(rows[SignalObservation])
        counts["follow_ups"] += len(rows[FollowUp])
        counts["referrals"] += len(rows[Referral])
        done = end
        if progress is not None:
            progress(done, households)
    with sessions() as s:
        _demo_neighbourhood(s, rng, complexes, partner_ids, today, counts)
    with sessions() as s:
        _demo_meetings(s, partner_ids, today, counts)
    return counts


# Casusoverleg: agreements as they are made at the table. Invented, no names.
DEMO_AGREEMENTS = (
    "Samen op huisbezoek en de post doornemen",
    "Contact opnemen met de huisarts (met toestemming)",
    "Aanmelden bij de schuldhulpverlening",
    "Buurvrouw vragen of ze een oogje in het zeil houdt",
)


def _demo_meetings(s: Session, partner_ids: list[str], today: date, counts: dict[str, int]) -> None:
    """Two case conferences: one three weeks ago with agreements, a decision and a
    household marked solved, and the next one (the open households carried over)."""
    names = [p.name for p in (s.get(Partner, pid) for pid in partner_ids[:2]) if p is not None]
    staff = s.scalar(select(StaffMember.name).order_by(StaffMember.created_at))
    worried = list(
        s.scalars(
            select(Household.id)
            .join(Address, Address.id == Household.address_id)
            .join(Complex, Complex.id == Address.complex_id)
            .where(
                Household.concern_level.in_((ConcernLevel.ZORG.value, ConcernLevel.ACUUT.value)),
                Household.status == HouseholdStatus.OPEN.value,
            )
            .order_by(Complex.name, Household.label, Household.id)
            .limit(4)
        )
    )
    if not names or not worried or staff is None:
        counts["meetings"] = 0
        return
    held = today - timedelta(days=21)
    first = meetings.add_meeting(s, held, names, place="Wijkhuis De Brug").id
    for n, hid in enumerate(worried):
        meetings.add_to_agenda(s, first, hid)
        owner = names[n % len(names)] if n % 2 == 0 else staff
        meetings.agree(
            s,
            first,
            hid,
            owner,
            DEMO_AGREEMENTS[n % len(DEMO_AGREEMENTS)],
            held + timedelta(days=14),
        )
    meetings.decide(s, first, worried[-1], "Geen zorgen meer na het gesprek met de familie.")
    meetings.mark_solved(s, first, worried[-1])
    meetings.add_meeting(s, today + timedelta(days=7), names, place="Wijkhuis De Brug")
    counts["meetings"] = 2


# Buurt events: (kind, note, complex signals, action or None). Invented, no names.
DEMO_EVENTS: tuple[tuple[str, str, tuple[tuple[str, int], ...], str | None], ...] = (
    (
        "schoonmaakactie",
        "Opruimochtend met bewoners; portiek en bergingen schoongemaakt.",
        (("buurt.vervuiling_portiek", 2),),
        "Grofvuil bij de bergingen laten ophalen",
    ),
    (
        "overlast",
        "Meerdere meldingen van geluidsoverlast 's nachts in het trappenhuis.",
        (("buurt.spanningen", 2),),
        "Gesprek plannen met de betrokken buren",
    ),
    ("bewonersbijeenkomst", "Bewonersavond over de renovatie; twaalf bewoners kwamen.", (), None),
    (
        "incident",
        "Ambulance geweest; buren geschrokken, even nagepraat in de hal.",
        (("buurt.onveilige_situatie", 1),),
        "Buren op de galerij nog even opbellen",
    ),
    (
        "activiteit",
        "Koffieochtend in de recreatieruimte; nieuwe bewoners kwamen kennismaken.",
        (("buurt.eenzaamheid", 1), ("buurt.wisselingen", 1)),
        None,
    ),
    (
        "buurtgesprek",
        "Gesprek met bewoners over de verlichting bij de fietsenstalling.",
        (("buurt.onveilige_situatie", 2),),
        "Verlichting fietsenstalling laten repareren",
    ),
)
DEMO_CONNECT = ("boodschappen", "gezelschap", "klusjes", "taal", "vervoer")


def _demo_neighbourhood(
    s: Session,
    rng: random.Random,
    complexes: list[tuple[str, str, str, str, str]],
    partner_ids: list[str],
    today: date,
    counts: dict[str, int],
) -> None:
    """A few Buurt events in the first complexes, and offers and wishes (with consent) of
    residents in the first complex, so that Verbinden has suggestions to show."""
    actor = s.info.get("actor")
    events = 0
    for cid, *_rest in complexes[:5]:
        for kind, note, signals, action in rng.sample(DEMO_EVENTS, 3):
            event = NeighbourhoodEvent(
                id=_uuid(rng),
                complex_id=cid,
                occurred_on=today - timedelta(days=rng.randint(1, 330)),
                kind=kind,
                note=note,
                staff_id=actor,
            )
            s.add(event)
            s.flush()
            if partner_ids and rng.random() < 0.5:
                s.add(NeighbourhoodEventPartner(event_id=event.id, partner_id=partner_ids[0]))
            for code, severity in signals:
                s.add(
                    NeighbourhoodSignal(
                        id=_uuid(rng),
                        event_id=event.id,
                        complex_id=cid,
                        code=code,
                        severity=severity,
                    )
                )
            if action:
                s.add(
                    NeighbourhoodAction(
                        id=_uuid(rng),
                        complex_id=cid,
                        event_id=event.id,
                        description=action,
                        due_on=event.occurred_on + timedelta(days=14),
                        status="open"
                        if event.occurred_on > today - timedelta(days=30)
                        else "gedaan",
                        assignee_id=actor,
                    )
                )
            events += 1
    residents = s.execute(
        select(Resident.id, Resident.household_id)
        .join(Household, Household.id == Resident.household_id)
        .join(Address, Address.id == Household.address_id)
        .where(Address.complex_id == complexes[0][0])
        .order_by(Address.number, Resident.id)
        .limit(8)
    ).all()
    for i, (rid, hid) in enumerate(residents):
        s.add(
            ConnectOffer(
                id=_uuid(rng),
                resident_id=rid,
                household_id=hid,
                kind=DEMO_CONNECT[(i // 2) % len(DEMO_CONNECT)],
                direction="aanbod" if i % 2 == 0 else "wens",
                approach="",
                consent_form="mondeling",
                consent_date=today - timedelta(days=rng.randint(1, 60)),
            )
        )
    counts["neighbourhood_events"] = events
    counts["connect_offers"] = len(residents)


def _demo_partners(s: Session, rng: random.Random, counts: dict[str, int]) -> list[str]:
    existing = {p.name: p.id for p in s.scalars(select(Partner))}
    ids = []
    for name, ptype, profile, schedule in DEMO_PARTNERS:
        if name in existing:
            ids.append(existing[name])
            continue
        partner = Partner(
            id=_uuid(rng),
            name=name,
            type=ptype.value,
            contact_name=rng.choice(FIRST_NAMES) + " " + rng.choice(SURNAMES),
            address_line=f"Postbus {rng.randint(100, 9999)}",
            postcode=_postcode(rng, "35"),
            city="Utrecht",
            email="",
            phone="",
            age_recipients="[]",
            profile=profile.value,
            schedule=schedule.value,
            pseudonym_secret=secrets.token_bytes(32),
        )
        s.add(partner)
        ids.append(partner.id)
        counts["partners"] += 1
    s.flush()
    return ids


def _one_household(
    rng: random.Random,
    n: int,
    seed: int,
    complexes: list[tuple[str, str, str, str, str]],
    checklist: list[ChecklistItemView],
    staff_ids: list[str],
    partner_ids: list[str],
    settings: Any,
    now: datetime,
    today: date,
    actor: str | None,
    rows: dict[type, list[dict[str, Any]]],
) -> None:
    stamp = {"created_at": now, "updated_at": now, "created_by": actor, "updated_by": actor}
    cid, _cname, wijk, city, prefix = complexes[n % len(complexes)]
    address_id, household_id = _uuid(rng), _uuid(rng)
    rows[Address].append(
        {
            "id": address_id,
            "complex_id": cid,
            "vhe_code": f"VHE-{seed:02d}-{n + 1:06d}",
            "street": rng.choice(STREETS),
            "number": rng.randint(1, 250),
            "addition": rng.choice(["", "", "", "A", "B", "1", "2"]),
            "postcode": _postcode(rng, prefix),
            "city": city,
            "wijk": wijk,
            **stamp,
        }
    )
    surname = rng.choice(SURNAMES)
    size = rng.choice([1, 1, 1, 2, 2, 3, 4])
    label = (
        ("mw. " if rng.random() < 0.5 else "dhr. ") + surname if size == 1 else f"fam. {surname}"
    )
    resident_ids = []
    for _ in range(size):
        rid = _uuid(rng)
        resident_ids.append(rid)
        rows[Resident].append(
            {
                "id": rid,
                "household_id": household_id,
                "name": f"{rng.choice(FIRST_NAMES)} {surname}",
                "birth_year": rng.randint(1935, 2004),
                "birth_date": None,
                "phone": f"06-{rng.randint(10000000, 99999999)}" if rng.random() < 0.6 else "",
                **stamp,
            }
        )
    n_visits = rng.randint(0, 20)
    first = now - timedelta(days=rng.randint(30, 720))
    span = (now - first).total_seconds()
    moments = sorted(first + timedelta(seconds=rng.random() * span) for _ in range(n_visits))
    if moments and rng.random() < 0.8:
        # Most households were seen lately: the pilot light mostly works.
        moments[-1] = now - timedelta(days=rng.randint(1, 45), hours=rng.randint(0, 8))
        moments.sort()
    signs: list[tuple[datetime, ObservedSign, str]] = []
    level = ConcernLevel.GEEN
    last_visit: datetime | None = None
    last_visit_id: str | None = None
    prone = rng.sample(checklist, k=rng.randint(0, 4))  # this household's recurring signs
    for when in moments:
        when = when.replace(hour=rng.randint(9, 16), minute=rng.choice([0, 15, 30, 45]))
        vid = _uuid(rng)
        staff = rng.choice(staff_ids) if staff_ids else None
        rows[Visit].append(
            {
                "id": vid,
                "household_id": household_id,
                "address_id": address_id,
                "staff_id": staff,
                "visited_at": when,
                "kind": rng.choice(list(VisitKind)).value,
                "notes": _note(rng),
                **stamp,
            }
        )
        present = rng.sample(resident_ids, k=rng.randint(1, len(resident_ids)))
        rows[VisitResident].extend({"visit_id": vid, "resident_id": r} for r in present)
        visit_signs = [it for it in prone if rng.random() < 0.5]
        if rng.random() < 0.1:
            visit_signs.append(rng.choice(checklist))
        for item in dict.fromkeys(visit_signs):
            severity = rng.choices([1, 2, 3], weights=[5, 3, 1])[0]
            oid = _uuid(rng)
            remark = rng.choice(
                ["", "", "Bewoner herkent het zelf ook.", "Buren maken zich zorgen."]
            )
            rows[SignalObservation].append(
                {
                    "id": oid,
                    "visit_id": vid,
                    "household_id": household_id,
                    "item_id": item.id,
                    "severity": severity,
                    "remark": remark,
                    # Demo acute signs were followed up (no extra draw: the stream stays).
                    "acute_response": DEMO_ACUTE_RESPONSE if item.acute else None,
                    **stamp,
                }
            )
            signs.append((when, ObservedSign(item.code, item.domain, severity, item.acute), oid))
        lookback = when - timedelta(days=settings.suggestion_lookback_days)
        level = suggest_level(s for t, s, _ in signs if t >= lookback)
        check_in = next_check_in(level, when.date(), settings)
        rows[ConcernLevelEntry].append(
            {
                "id": _uuid(rng),
                "household_id": household_id,
                "visit_id": vid,
                "level": level.value,
                "suggested_level": level.value,
                "set_at": when,
                "next_check_in": check_in,
                "staff_id": staff,
                **stamp,
            }
        )
        last_visit, last_visit_id = when, vid
        if rng.random() < 0.15:
            rows[FollowUp].append(
                {
                    "id": _uuid(rng),
                    "household_id": household_id,
                    "visit_id": vid,
                    "description": rng.choice(FOLLOW_UPS),
                    "due_on": when.date() + timedelta(days=rng.randint(3, 30)),
                    "status": FollowUpStatus.OPEN.value
                    if when > now - timedelta(days=60)
                    else FollowUpStatus.DONE.value,
                    "assignee_id": staff,
                    "done_at": None,
                    **stamp,
                }
            )
    next_day = next_check_in(level, last_visit.date(), settings) if last_visit else None
    rows[Household].append(
        {
            "id": household_id,
            "address_id": address_id,
            "label": label,
            "status": "open",
            "closed_on": None,
            "review_on": None,
            "concern_level": level.value,
            "next_check_in": next_day,
            "last_visit_at": last_visit,
            **stamp,
        }
    )
    if level in (ConcernLevel.ZORG, ConcernLevel.ACUUT) and signs and rng.random() < 0.6:
        _demo_referral(
            rng,
            f"WV-DEMO{seed}-{n + 1:06d}",
            household_id,
            last_visit_id,
            signs,
            partner_ids,
            now,
            stamp,
            rows,
            resident_ids[0],
        )


def _demo_referral(
    rng: random.Random,
    reference: str,
    household_id: str,
    visit_id: str | None,
    signs: list[tuple[datetime, ObservedSign, str]],
    partner_ids: list[str],
    now: datetime,
    stamp: dict[str, Any],
    rows: dict[type, list[dict[str, Any]]],
    contact_resident: str,
) -> None:
    chosen = signs[-3:]
    partner_id = partner_ids[PARTNER_FOR_DOMAIN.get(chosen[-1][1].domain, 0)]
    rid = _uuid(rng)
    created = chosen[-1][0] + timedelta(days=1)
    status = rng.choice(list(ReferralStatus)[1:5])
    rows[Referral].append(
        {
            "id": rid,
            "reference": reference,
            "household_id": household_id,
            "partner_id": partner_id,
            "visit_id": visit_id,
            "reason": "Zorgen over de situatie thuis; bewoner wil graag hulp.",
            "letter_context": "Bewoner staat open voor contact en is overdag meestal thuis.",
            "grondslag": GrondslagKind.CONSENT.value,
            "consent_form": ConsentForm.VERBAL.value,
            "consent_date": created.date(),
            "basis_text": "",
            "contact_staff_id": None,
            "feedback_due": (created + timedelta(days=28)).date(),
            "status": status.value,
            "letter_pdf": None,
            # Half of the residents agreed to be phoned (decided without drawing from rng,
            # so the rest of the demo stays the same).
            "consent_may_call": int(rid[0], 16) % 2 == 0,
            **stamp,
            "created_at": min(created, now),
        }
    )
    # The contact resident (every demo resident is an adult).
    rows[ReferralResident].append({"referral_id": rid, "resident_id": contact_resident})
    for _t, _s, oid in chosen:
        rows[ReferralSignal].append({"referral_id": rid, "observation_id": oid})
    rows[ReferralStatusEvent].append(
        {
            "id": _uuid(rng),
            "referral_id": rid,
            "from_status": None,
            "to_status": status.value,
            "at": min(created, now),
            "note": "",
            **stamp,
        }
    )


def fixed_demo_now() -> datetime:
    """The moment screenshots and benchmarks pretend it is."""
    return datetime(2026, 11, 27, 9, 0, tzinfo=UTC)

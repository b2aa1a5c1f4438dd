"""Enumerations shared by every layer. The values are stored in the vault: never rename one."""

from __future__ import annotations

from enum import IntEnum, StrEnum


class VisitKind(StrEnum):
    REGULIER = "regulier"
    SIGNAAL = "signaal"  # naar aanleiding van een signaal
    INFORMEEL = "informeel"  # kop koffie / informeel
    NAZORG = "nazorg"
    OVERLAST = "overlast"  # na overlastmelding


VISIT_KIND_LABELS: dict[VisitKind, tuple[str, str]] = {
    VisitKind.REGULIER: ("regulier", "regular"),
    VisitKind.SIGNAAL: ("naar aanleiding van signaal", "following a signal"),
    VisitKind.INFORMEEL: ("kop koffie / informeel", "coffee / informal"),
    VisitKind.NAZORG: ("nazorg", "aftercare"),
    VisitKind.OVERLAST: ("na overlastmelding", "after a nuisance report"),
}


class Severity(IntEnum):
    LICHT = 1
    ZORGELIJK = 2
    ERNSTIG = 3


SEVERITY_LABELS: dict[Severity, tuple[str, str]] = {
    Severity.LICHT: ("licht", "mild"),
    Severity.ZORGELIJK: ("zorgelijk", "worrying"),
    Severity.ERNSTIG: ("ernstig", "serious"),
}


class ConcernLevel(StrEnum):
    GEEN = "geen"
    AANDACHT = "aandacht"
    ZORG = "zorg"
    ACUUT = "acuut"

    @property
    def rank(self) -> int:
        return _RANK[self]


_RANK = {level: i for i, level in enumerate(ConcernLevel)}

CONCERN_LABELS: dict[ConcernLevel, tuple[str, str]] = {
    ConcernLevel.GEEN: ("geen zorgen", "no concerns"),
    ConcernLevel.AANDACHT: ("aandacht", "attention"),
    ConcernLevel.ZORG: ("zorg", "concern"),
    ConcernLevel.ACUUT: ("acuut", "acute"),
}

# One colour per level, used everywhere (list, badge, chart, letter preview); always
# shown together with the word, never alone.
CONCERN_COLOURS: dict[ConcernLevel, str] = {
    ConcernLevel.GEEN: "#4a7c59",
    ConcernLevel.AANDACHT: "#c9a227",
    ConcernLevel.ZORG: "#d9822b",
    ConcernLevel.ACUUT: "#c0392b",
}


class FollowUpStatus(StrEnum):
    OPEN = "open"
    DONE = "gedaan"
    CANCELLED = "vervallen"


class PartnerType(StrEnum):
    WIJKTEAM = "wijkteam"
    GGD = "ggd"
    SCHULDHULP = "schuldhulpverlening"
    MAATSCHAPPELIJK_WERK = "maatschappelijk_werk"
    GGZ = "ggz"
    VEILIG_THUIS = "veilig_thuis"
    WIJKAGENT = "wijkagent"
    GEMEENTE = "gemeente"
    COLLEGA = "collega"
    ANDERS = "anders"


PARTNER_TYPE_LABELS: dict[PartnerType, tuple[str, str]] = {
    PartnerType.WIJKTEAM: ("wijkteam", "neighbourhood team"),
    PartnerType.GGD: ("GGD", "public health service"),
    PartnerType.SCHULDHULP: ("schuldhulpverlening", "debt help"),
    PartnerType.MAATSCHAPPELIJK_WERK: ("maatschappelijk werk", "social work"),
    PartnerType.GGZ: ("GGZ", "mental health care"),
    PartnerType.VEILIG_THUIS: ("Veilig Thuis", "Veilig Thuis"),
    PartnerType.WIJKAGENT: ("wijkagent", "community police officer"),
    PartnerType.GEMEENTE: ("gemeente", "municipality"),
    PartnerType.COLLEGA: ("collega (overdracht)", "colleague (handover)"),
    PartnerType.ANDERS: ("anders", "other"),
}


class DataProfile(StrEnum):
    CASE = "case"
    AGGREGATE = "aggregate"
    HANDOVER = "handover"


class ExportSchedule(StrEnum):
    MONTHLY = "monthly"
    QUARTERLY = "quarterly"
    NONE = "none"


class ReferralStatus(StrEnum):
    CONCEPT = "concept"
    VERSTUURD = "verstuurd"
    ONTVANGEN = "ontvangen"
    IN_BEHANDELING = "in_behandeling"
    AFGESLOTEN = "afgesloten"
    GEANNULEERD = "geannuleerd"


REFERRAL_STATUS_LABELS: dict[ReferralStatus, tuple[str, str]] = {
    ReferralStatus.CONCEPT: ("concept", "draft"),
    ReferralStatus.VERSTUURD: ("verstuurd", "sent"),
    ReferralStatus.ONTVANGEN: ("ontvangen", "received"),
    ReferralStatus.IN_BEHANDELING: ("in behandeling", "in progress"),
    ReferralStatus.AFGESLOTEN: ("afgesloten", "closed"),
    ReferralStatus.GEANNULEERD: ("geannuleerd", "cancelled"),
}

REFERRAL_TRANSITIONS: dict[ReferralStatus, frozenset[ReferralStatus]] = {
    ReferralStatus.CONCEPT: frozenset({ReferralStatus.VERSTUURD, ReferralStatus.GEANNULEERD}),
    ReferralStatus.VERSTUURD: frozenset({ReferralStatus.ONTVANGEN, ReferralStatus.GEANNULEERD}),
    ReferralStatus.ONTVANGEN: frozenset(
        {ReferralStatus.IN_BEHANDELING, ReferralStatus.AFGESLOTEN, ReferralStatus.GEANNULEERD}
    ),
    ReferralStatus.IN_BEHANDELING: frozenset(
        {ReferralStatus.AFGESLOTEN, ReferralStatus.GEANNULEERD}
    ),
    ReferralStatus.AFGESLOTEN: frozenset(),
    ReferralStatus.GEANNULEERD: frozenset(),
}


class GrondslagKind(StrEnum):
    CONSENT = "toestemming"
    OTHER = "andere_grondslag"


class ConsentForm(StrEnum):
    VERBAL = "mondeling"
    WRITTEN = "schriftelijk"


class HouseholdStatus(StrEnum):
    OPEN = "open"
    CLOSED = "gesloten"

"""Enumerations shared by every layer. The values are stored in the vault: never rename one."""

from __future__ import annotations

from enum import IntEnum, StrEnum

from waakvlam_desktop.texts import QT_TRANSLATE_NOOP, translate


class VisitKind(StrEnum):
    REGULIER = "regulier"
    SIGNAAL = "signaal"  # naar aanleiding van een signaal
    INFORMEEL = "informeel"  # kop koffie / informeel
    NAZORG = "nazorg"
    OVERLAST = "overlast"  # na overlastmelding


VISIT_KIND_LABELS: dict[VisitKind, str] = {
    VisitKind.REGULIER: QT_TRANSLATE_NOOP("Labels", "regular"),
    VisitKind.SIGNAAL: QT_TRANSLATE_NOOP("Labels", "following a signal"),
    VisitKind.INFORMEEL: QT_TRANSLATE_NOOP("Labels", "coffee / informal"),
    VisitKind.NAZORG: QT_TRANSLATE_NOOP("Labels", "aftercare"),
    VisitKind.OVERLAST: QT_TRANSLATE_NOOP("Labels", "after a nuisance report"),
}


def visit_kind_label(kind: VisitKind, language: str | None = None) -> str:
    """The kind of visit in ``language`` (default: the current one)."""
    return translate("Labels", VISIT_KIND_LABELS[kind], language)


class Severity(IntEnum):
    LICHT = 1
    ZORGELIJK = 2
    ERNSTIG = 3


SEVERITY_LABELS: dict[Severity, str] = {
    Severity.LICHT: QT_TRANSLATE_NOOP("Labels", "mild"),
    Severity.ZORGELIJK: QT_TRANSLATE_NOOP("Labels", "worrying"),
    Severity.ERNSTIG: QT_TRANSLATE_NOOP("Labels", "serious"),
}


def severity_label(severity: Severity, language: str | None = None) -> str:
    """The severity of a signal in ``language`` (default: the current one)."""
    return translate("Labels", SEVERITY_LABELS[severity], language)


class ConcernLevel(StrEnum):
    GEEN = "geen"
    AANDACHT = "aandacht"
    ZORG = "zorg"
    ACUUT = "acuut"

    @property
    def rank(self) -> int:
        return _RANK[self]


_RANK = {level: i for i, level in enumerate(ConcernLevel)}

CONCERN_LABELS: dict[ConcernLevel, str] = {
    ConcernLevel.GEEN: QT_TRANSLATE_NOOP("Labels", "no concerns"),
    ConcernLevel.AANDACHT: QT_TRANSLATE_NOOP("Labels", "attention"),
    ConcernLevel.ZORG: QT_TRANSLATE_NOOP("Labels", "concern"),
    ConcernLevel.ACUUT: QT_TRANSLATE_NOOP("Labels", "acute"),
}


def concern_label(level: ConcernLevel, language: str | None = None) -> str:
    """The concern level in ``language`` (default: the current one)."""
    return translate("Labels", CONCERN_LABELS[level], language)


NOT_VISITED = QT_TRANSLATE_NOOP("Labels", "not visited yet")


def household_level_label(level: ConcernLevel, visited: bool, language: str | None = None) -> str:
    """What a household's badge says: its level, or "nog niet bezocht" before the first
    visit (a new household has no concerns recorded, which is not "geen zorgen")."""
    if not visited:
        return translate("Labels", NOT_VISITED, language)
    return concern_label(level, language)


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


PARTNER_TYPE_LABELS: dict[PartnerType, str] = {
    PartnerType.WIJKTEAM: QT_TRANSLATE_NOOP("Labels", "neighbourhood team"),
    PartnerType.GGD: QT_TRANSLATE_NOOP("Labels", "public health service"),
    PartnerType.SCHULDHULP: QT_TRANSLATE_NOOP("Labels", "debt help"),
    PartnerType.MAATSCHAPPELIJK_WERK: QT_TRANSLATE_NOOP("Labels", "social work"),
    PartnerType.GGZ: QT_TRANSLATE_NOOP("Labels", "mental health care"),
    PartnerType.VEILIG_THUIS: QT_TRANSLATE_NOOP("Labels", "Veilig Thuis"),
    PartnerType.WIJKAGENT: QT_TRANSLATE_NOOP("Labels", "community police officer"),
    PartnerType.GEMEENTE: QT_TRANSLATE_NOOP("Labels", "municipality"),
    PartnerType.COLLEGA: QT_TRANSLATE_NOOP("Labels", "colleague (handover)"),
    PartnerType.ANDERS: QT_TRANSLATE_NOOP("Labels", "other"),
}


def partner_type_label(partner_type: PartnerType, language: str | None = None) -> str:
    """The kind of partner in ``language`` (default: the current one)."""
    return translate("Labels", PARTNER_TYPE_LABELS[partner_type], language)


class Salutation(StrEnum):
    """How a letter addresses a person (aanhef); stored, never rename a value."""

    HEER = "heer"
    MEVROUW = "mevrouw"
    NEUTRAAL = "neutraal"  # no gendered form: "Geachte J. de Groot,"


SALUTATION_LABELS: dict[Salutation, str] = {
    Salutation.HEER: QT_TRANSLATE_NOOP("Labels", "Mr (de heer)"),
    Salutation.MEVROUW: QT_TRANSLATE_NOOP("Labels", "Ms (mevrouw)"),
    Salutation.NEUTRAAL: QT_TRANSLATE_NOOP("Labels", "neutral (name only)"),
}


def salutation_label(salutation: Salutation, language: str | None = None) -> str:
    """The aanhef choice in ``language`` (default: the current one)."""
    return translate("Labels", SALUTATION_LABELS[salutation], language)


class DataProfile(StrEnum):
    CASE = "case"
    AGGREGATE = "aggregate"
    HANDOVER = "handover"


# The kinds of export in words (ui-guide: casus / overzicht / overdracht, never the code).
PROFILE_LABELS: dict[DataProfile, str] = {
    DataProfile.CASE: QT_TRANSLATE_NOOP("Labels", "case"),
    DataProfile.AGGREGATE: QT_TRANSLATE_NOOP("Labels", "overview"),
    DataProfile.HANDOVER: QT_TRANSLATE_NOOP("Labels", "handover"),
}
PROFILE_DESCRIPTIONS: dict[DataProfile, str] = {
    DataProfile.CASE: QT_TRANSLATE_NOOP("Labels", "case: the referred households only"),
    DataProfile.AGGREGATE: QT_TRANSLATE_NOOP("Labels", "overview: counts only, no names"),
    DataProfile.HANDOVER: QT_TRANSLATE_NOOP("Labels", "handover: everything, to a colleague"),
}


def profile_label(profile: DataProfile, language: str | None = None) -> str:
    """The kind of export in one word: casus, overzicht, overdracht."""
    return translate("Labels", PROFILE_LABELS[profile], language)


def profile_description(profile: DataProfile, language: str | None = None) -> str:
    """The kind of export with what it holds, for the Exports preview."""
    return translate("Labels", PROFILE_DESCRIPTIONS[profile], language)


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


REFERRAL_STATUS_LABELS: dict[ReferralStatus, str] = {
    ReferralStatus.CONCEPT: QT_TRANSLATE_NOOP("Labels", "draft"),
    ReferralStatus.VERSTUURD: QT_TRANSLATE_NOOP("Labels", "sent"),
    ReferralStatus.ONTVANGEN: QT_TRANSLATE_NOOP("Labels", "received"),
    ReferralStatus.IN_BEHANDELING: QT_TRANSLATE_NOOP("Labels", "in progress"),
    ReferralStatus.AFGESLOTEN: QT_TRANSLATE_NOOP("Labels", "closed"),
    ReferralStatus.GEANNULEERD: QT_TRANSLATE_NOOP("Labels", "cancelled"),
}


def referral_status_label(status: ReferralStatus, language: str | None = None) -> str:
    """The referral status in ``language`` (default: the current one)."""
    return translate("Labels", REFERRAL_STATUS_LABELS[status], language)


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


class FeedbackStatus(StrEnum):
    """What a partner reports back about a referral (a feedback reply, #17)."""

    CONTACT = "contact"  # contact gehad
    STARTED = "gestart"  # hulp gestart
    NOT_REACHED = "niet_bereikt"
    DECLINED = "afgewezen"  # with a reason
    CLOSED = "afgesloten"


FEEDBACK_STATUS_LABELS: dict[FeedbackStatus, str] = {
    FeedbackStatus.CONTACT: QT_TRANSLATE_NOOP("Labels", "contact made"),
    FeedbackStatus.STARTED: QT_TRANSLATE_NOOP("Labels", "help started"),
    FeedbackStatus.NOT_REACHED: QT_TRANSLATE_NOOP("Labels", "not reached"),
    FeedbackStatus.DECLINED: QT_TRANSLATE_NOOP("Labels", "declined"),
    FeedbackStatus.CLOSED: QT_TRANSLATE_NOOP("Labels", "closed by the partner"),
}

#: The referral status a partner's feedback moves a referral to. "Niet bereikt" and
#: "afgewezen" end the partner's part: the referral is closed, the status history keeps
#: what the partner said (the staff member decides what next).
FEEDBACK_REFERRAL_STATUS: dict[FeedbackStatus, ReferralStatus] = {
    FeedbackStatus.CONTACT: ReferralStatus.ONTVANGEN,
    FeedbackStatus.STARTED: ReferralStatus.IN_BEHANDELING,
    FeedbackStatus.NOT_REACHED: ReferralStatus.AFGESLOTEN,
    FeedbackStatus.DECLINED: ReferralStatus.AFGESLOTEN,
    FeedbackStatus.CLOSED: ReferralStatus.AFGESLOTEN,
}


def feedback_status_label(status: FeedbackStatus, language: str | None = None) -> str:
    return translate("Labels", FEEDBACK_STATUS_LABELS[status], language)


class GrondslagKind(StrEnum):
    CONSENT = "toestemming"
    OTHER = "andere_grondslag"


class ConsentForm(StrEnum):
    VERBAL = "mondeling"
    WRITTEN = "schriftelijk"


class HouseholdStatus(StrEnum):
    OPEN = "open"
    CLOSED = "gesloten"

"""Words for what the logboek (audit log) stores as codes: the action, what it is about
(a table), the fields an update changed, the keys of an event's detail, and what an export
or handover counts. English sources marked for the catalog (context "Labels"); the Dutch is
in ``resources/i18n/waakvlam_nl.ts``. ``tests/unit/test_audit_labels.py`` finds every action
the code can write and every audited table and field, and fails when one has no label.

The stored codes never change (the chain hashes them); only how they read on screen and in
the inzage report."""

from __future__ import annotations

from waakvlam_desktop.texts import QT_TRANSLATE_NOOP, grouped, translate

ACTION_LABELS: dict[str, str] = {
    "create": QT_TRANSLATE_NOOP("Labels", "created"),
    "update": QT_TRANSLATE_NOOP("Labels", "changed"),
    "delete": QT_TRANSLATE_NOOP("Labels", "deleted"),
    "view": QT_TRANSLATE_NOOP("Labels", "viewed"),
    "print": QT_TRANSLATE_NOOP("Labels", "printed"),
    "export": QT_TRANSLATE_NOOP("Labels", "exported"),
    "share": QT_TRANSLATE_NOOP("Labels", "shared"),
    "import": QT_TRANSLATE_NOOP("Labels", "read in"),
    "inzage": QT_TRANSLATE_NOOP("Labels", "subject access report"),
    "consent_withdrawn": QT_TRANSLATE_NOOP("Labels", "consent withdrawn"),
    "purge": QT_TRANSLATE_NOOP("Labels", "purged (retention)"),
    "backup": QT_TRANSLATE_NOOP("Labels", "backup made"),
    "restore": QT_TRANSLATE_NOOP("Labels", "backup restored"),
    "search": QT_TRANSLATE_NOOP("Labels", "searched notes"),
    "anchor": QT_TRANSLATE_NOOP("Labels", "anchor made"),
    "demo": QT_TRANSLATE_NOOP("Labels", "example data added"),
    "letter_generated": QT_TRANSLATE_NOOP("Labels", "letter made"),
    "letter_printed": QT_TRANSLATE_NOOP("Labels", "letter printed"),
    "letter_saved": QT_TRANSLATE_NOOP("Labels", "letter saved as PDF"),
    "recovery": QT_TRANSLATE_NOOP("Labels", "restored with the organisation key"),
    "recovery_key": QT_TRANSLATE_NOOP("Labels", "organisation recovery key set"),
    "recovery_notice": QT_TRANSLATE_NOOP("Labels", "recovery notice seen"),
    "meeting_agenda": QT_TRANSLATE_NOOP("Labels", "case conference agenda made"),
    "meeting_minutes": QT_TRANSLATE_NOOP("Labels", "case conference minutes made"),
    "checkpoint": QT_TRANSLATE_NOOP("Labels", "old events replaced by a checkpoint"),
}

# What an event is about: every audited table plus the few non-table subjects.
ENTITY_LABELS: dict[str, str] = {
    "household": QT_TRANSLATE_NOOP("Labels", "household"),
    "resident": QT_TRANSLATE_NOOP("Labels", "resident"),
    "address": QT_TRANSLATE_NOOP("Labels", "address"),
    "complex": QT_TRANSLATE_NOOP("Labels", "complex"),
    "visit": QT_TRANSLATE_NOOP("Labels", "visit"),
    "visit_resident": QT_TRANSLATE_NOOP("Labels", "resident present"),
    "visit_correction": QT_TRANSLATE_NOOP("Labels", "visit corrected"),
    "staff_complex": QT_TRANSLATE_NOOP("Labels", "complex assigned"),
    "signal_observation": QT_TRANSLATE_NOOP("Labels", "signal"),
    "concern_level_entry": QT_TRANSLATE_NOOP("Labels", "concern level"),
    "follow_up": QT_TRANSLATE_NOOP("Labels", "follow-up"),
    "referral": QT_TRANSLATE_NOOP("Labels", "referral"),
    "referral_signal": QT_TRANSLATE_NOOP("Labels", "signal in referral"),
    "referral_resident": QT_TRANSLATE_NOOP("Labels", "resident in referral"),
    "referral_status_event": QT_TRANSLATE_NOOP("Labels", "referral status"),
    "partner": QT_TRANSLATE_NOOP("Labels", "partner"),
    "setting": QT_TRANSLATE_NOOP("Labels", "setting"),
    "staff_member": QT_TRANSLATE_NOOP("Labels", "staff member"),
    "organisation": QT_TRANSLATE_NOOP("Labels", "organisation"),
    "colleague": QT_TRANSLATE_NOOP("Labels", "colleague"),
    "signing_key": QT_TRANSLATE_NOOP("Labels", "signing key"),
    "export_record": QT_TRANSLATE_NOOP("Labels", "export"),
    "erasure_request": QT_TRANSLATE_NOOP("Labels", "erasure request"),
    "checklist_template": QT_TRANSLATE_NOOP("Labels", "checklist"),
    "checklist_domain": QT_TRANSLATE_NOOP("Labels", "checklist domain"),
    "checklist_item": QT_TRANSLATE_NOOP("Labels", "checklist sign"),
    "tombstone": QT_TRANSLATE_NOOP("Labels", "erasure record"),
    "bundle": QT_TRANSLATE_NOOP("Labels", "bundle"),
    "vault": QT_TRANSLATE_NOOP("Labels", "vault"),
    "neighbourhood_event": QT_TRANSLATE_NOOP("Labels", "neighbourhood event"),
    "neighbourhood_event_partner": QT_TRANSLATE_NOOP("Labels", "partner at neighbourhood event"),
    "neighbourhood_signal": QT_TRANSLATE_NOOP("Labels", "complex signal"),
    "neighbourhood_action": QT_TRANSLATE_NOOP("Labels", "neighbourhood action"),
    "connect_offer": QT_TRANSLATE_NOOP("Labels", "offer or wish of a resident"),
    "connect_introduction": QT_TRANSLATE_NOOP("Labels", "introduction between residents"),
    "meeting": QT_TRANSLATE_NOOP("Labels", "case conference"),
    "meeting_partner": QT_TRANSLATE_NOOP("Labels", "partner at case conference"),
    "meeting_household": QT_TRANSLATE_NOOP("Labels", "household on the case conference agenda"),
    "meeting_action": QT_TRANSLATE_NOOP("Labels", "agreement at case conference"),
    "reply_identity": QT_TRANSLATE_NOOP("Labels", "key for partners' feedback"),
    "partner_signing_key": QT_TRANSLATE_NOOP("Labels", "partner's signature key"),
    "feedback_reply": QT_TRANSLATE_NOOP("Labels", "feedback read in"),
    "audit_event": QT_TRANSLATE_NOOP("Labels", "audit log"),
}

# The fields an update names ("velden: a,b"): every column of an audited table.
FIELD_LABELS: dict[str, str] = {
    "active": QT_TRANSLATE_NOOP("Labels", "active"),
    "approach": QT_TRANSLATE_NOOP("Labels", "how to approach"),
    "direction": QT_TRANSLATE_NOOP("Labels", "offer or wish"),
    "event_id": QT_TRANSLATE_NOOP("Labels", "neighbourhood event"),
    "follow_up_id": QT_TRANSLATE_NOOP("Labels", "follow-up"),
    "identity": QT_TRANSLATE_NOOP("Labels", "secret key"),
    "imported_at": QT_TRANSLATE_NOOP("Labels", "read in on"),
    "items": QT_TRANSLATE_NOOP("Labels", "number of answers"),
    "introduced_on": QT_TRANSLATE_NOOP("Labels", "introduced on"),
    "recipient": QT_TRANSLATE_NOOP("Labels", "public key"),
    "replied_at": QT_TRANSLATE_NOOP("Labels", "answered on"),
    "reply_id": QT_TRANSLATE_NOOP("Labels", "feedback"),
    "occurred_on": QT_TRANSLATE_NOOP("Labels", "date"),
    "other_household_id": QT_TRANSLATE_NOOP("Labels", "other household"),
    "held_on": QT_TRANSLATE_NOOP("Labels", "meeting date"),
    "place": QT_TRANSLATE_NOOP("Labels", "place"),
    "decision": QT_TRANSLATE_NOOP("Labels", "decision"),
    "solved_on": QT_TRANSLATE_NOOP("Labels", "solved on"),
    "owner_staff_id": QT_TRANSLATE_NOOP("Labels", "owner (staff member)"),
    "owner_partner_id": QT_TRANSLATE_NOOP("Labels", "owner (partner)"),
    "meeting_id": QT_TRANSLATE_NOOP("Labels", "case conference"),
    "other_resident_id": QT_TRANSLATE_NOOP("Labels", "other resident"),
    "outcome": QT_TRANSLATE_NOOP("Labels", "how it went"),
    "acute": QT_TRANSLATE_NOOP("Labels", "acute"),
    "acute_response": QT_TRANSLATE_NOOP("Labels", "what was done"),
    "addition": QT_TRANSLATE_NOOP("Labels", "addition"),
    "address_id": QT_TRANSLATE_NOOP("Labels", "address"),
    "address_line": QT_TRANSLATE_NOOP("Labels", "address"),
    "age_recipients": QT_TRANSLATE_NOOP("Labels", "partner's key"),
    "algorithm": QT_TRANSLATE_NOOP("Labels", "key type"),
    "assignee_id": QT_TRANSLATE_NOOP("Labels", "assigned to"),
    "at": QT_TRANSLATE_NOOP("Labels", "time"),
    "basis_text": QT_TRANSLATE_NOOP("Labels", "basis explained"),
    "birth_date": QT_TRANSLATE_NOOP("Labels", "date of birth"),
    "birth_year": QT_TRANSLATE_NOOP("Labels", "year of birth"),
    "bundle_id": QT_TRANSLATE_NOOP("Labels", "bundle"),
    "bundle_sha256": QT_TRANSLATE_NOOP("Labels", "bundle check value"),
    "city": QT_TRANSLATE_NOOP("Labels", "city"),
    "closed_on": QT_TRANSLATE_NOOP("Labels", "closed on"),
    "code": QT_TRANSLATE_NOOP("Labels", "code"),
    "complex_id": QT_TRANSLATE_NOOP("Labels", "complex"),
    "concern_level": QT_TRANSLATE_NOOP("Labels", "concern level"),
    "consent_date": QT_TRANSLATE_NOOP("Labels", "consent date"),
    "consent_form": QT_TRANSLATE_NOOP("Labels", "consent form"),
    "consent_may_call": QT_TRANSLATE_NOOP("Labels", "may be called"),
    "consent_withdrawal_note": QT_TRANSLATE_NOOP("Labels", "note on withdrawal"),
    "consent_withdrawn_on": QT_TRANSLATE_NOOP("Labels", "consent withdrawn on"),
    "contact_initials": QT_TRANSLATE_NOOP("Labels", "contact's initials"),
    "contact_name": QT_TRANSLATE_NOOP("Labels", "contact person"),
    "contact_prefix": QT_TRANSLATE_NOOP("Labels", "contact's prefix"),
    "contact_salutation": QT_TRANSLATE_NOOP("Labels", "contact's form of address"),
    "contact_staff_id": QT_TRANSLATE_NOOP("Labels", "our contact"),
    "contact_surname": QT_TRANSLATE_NOOP("Labels", "contact's surname"),
    "corrected_at": QT_TRANSLATE_NOOP("Labels", "corrected on"),
    "counts_json": QT_TRANSLATE_NOOP("Labels", "counts"),
    "created_at": QT_TRANSLATE_NOOP("Labels", "created on"),
    "created_by": QT_TRANSLATE_NOOP("Labels", "created by"),
    "description": QT_TRANSLATE_NOOP("Labels", "description"),
    "detail": QT_TRANSLATE_NOOP("Labels", "details"),
    "domain": QT_TRANSLATE_NOOP("Labels", "domain"),
    "done_at": QT_TRANSLATE_NOOP("Labels", "ticked off on"),
    "due_on": QT_TRANSLATE_NOOP("Labels", "due"),
    "email": QT_TRANSLATE_NOOP("Labels", "e-mail"),
    "entity": QT_TRANSLATE_NOOP("Labels", "about"),
    "entity_id": QT_TRANSLATE_NOOP("Labels", "record"),
    "erased_at": QT_TRANSLATE_NOOP("Labels", "erased on"),
    "exclusions_json": QT_TRANSLATE_NOOP("Labels", "left out"),
    "export_id": QT_TRANSLATE_NOOP("Labels", "export"),
    "exported_at": QT_TRANSLATE_NOOP("Labels", "exported on"),
    "feedback_due": QT_TRANSLATE_NOOP("Labels", "feedback due"),
    "from_status": QT_TRANSLATE_NOOP("Labels", "previous status"),
    "grondslag": QT_TRANSLATE_NOOP("Labels", "legal basis"),
    "guidance_en": QT_TRANSLATE_NOOP("Labels", "guidance (English)"),
    "guidance_nl": QT_TRANSLATE_NOOP("Labels", "guidance (Dutch)"),
    "household_id": QT_TRANSLATE_NOOP("Labels", "household"),
    "id": QT_TRANSLATE_NOOP("Labels", "number"),
    "initials": QT_TRANSLATE_NOOP("Labels", "initials"),
    "item_id": QT_TRANSLATE_NOOP("Labels", "sign"),
    "kenmerken": QT_TRANSLATE_NOOP("Labels", "references"),
    "key": QT_TRANSLATE_NOOP("Labels", "setting"),
    "key_id": QT_TRANSLATE_NOOP("Labels", "key"),
    "kind": QT_TRANSLATE_NOOP("Labels", "kind of visit"),
    "label": QT_TRANSLATE_NOOP("Labels", "name of the household"),
    "label_en": QT_TRANSLATE_NOOP("Labels", "name (English)"),
    "label_nl": QT_TRANSLATE_NOOP("Labels", "name (Dutch)"),
    "last_import_at": QT_TRANSLATE_NOOP("Labels", "last handover"),
    "last_visit_at": QT_TRANSLATE_NOOP("Labels", "last visit"),
    "letter_context": QT_TRANSLATE_NOOP("Labels", "explanation in the letter"),
    "letter_pdf": QT_TRANSLATE_NOOP("Labels", "referral letter"),
    "level": QT_TRANSLATE_NOOP("Labels", "concern level"),
    "logo_png": QT_TRANSLATE_NOOP("Labels", "logo"),
    "name": QT_TRANSLATE_NOOP("Labels", "name"),
    "next_check_in": QT_TRANSLATE_NOOP("Labels", "next visit"),
    "note": QT_TRANSLATE_NOOP("Labels", "note"),
    "notes": QT_TRANSLATE_NOOP("Labels", "notes"),
    "notes_after": QT_TRANSLATE_NOOP("Labels", "corrected note"),
    "notes_before": QT_TRANSLATE_NOOP("Labels", "original note"),
    "number": QT_TRANSLATE_NOOP("Labels", "house number"),
    "observation_id": QT_TRANSLATE_NOOP("Labels", "signal"),
    "partner_id": QT_TRANSLATE_NOOP("Labels", "partner"),
    "partner_name": QT_TRANSLATE_NOOP("Labels", "partner's name"),
    "period_end": QT_TRANSLATE_NOOP("Labels", "end of period"),
    "period_label": QT_TRANSLATE_NOOP("Labels", "period"),
    "period_start": QT_TRANSLATE_NOOP("Labels", "start of period"),
    "phone": QT_TRANSLATE_NOOP("Labels", "phone"),
    "position": QT_TRANSLATE_NOOP("Labels", "order"),
    "postcode": QT_TRANSLATE_NOOP("Labels", "postcode"),
    "prefix": QT_TRANSLATE_NOOP("Labels", "prefix"),
    "private_key": QT_TRANSLATE_NOOP("Labels", "secret key"),
    "profile": QT_TRANSLATE_NOOP("Labels", "kind of export"),
    "pseudonym": QT_TRANSLATE_NOOP("Labels", "code for the household"),
    "pseudonym_secret": QT_TRANSLATE_NOOP("Labels", "secret for household codes"),
    "public_key": QT_TRANSLATE_NOOP("Labels", "public key"),
    "reason": QT_TRANSLATE_NOOP("Labels", "reason"),
    "reference": QT_TRANSLATE_NOOP("Labels", "our reference"),
    "referral_id": QT_TRANSLATE_NOOP("Labels", "referral"),
    "remark": QT_TRANSLATE_NOOP("Labels", "remark"),
    "requested_on": QT_TRANSLATE_NOOP("Labels", "requested on"),
    "resident_id": QT_TRANSLATE_NOOP("Labels", "resident"),
    "review_on": QT_TRANSLATE_NOOP("Labels", "review on"),
    "role": QT_TRANSLATE_NOOP("Labels", "role"),
    "salutation": QT_TRANSLATE_NOOP("Labels", "form of address"),
    "schedule": QT_TRANSLATE_NOOP("Labels", "export schedule"),
    "sequence": QT_TRANSLATE_NOOP("Labels", "bundle number"),
    "set_at": QT_TRANSLATE_NOOP("Labels", "set on"),
    "severity": QT_TRANSLATE_NOOP("Labels", "severity"),
    "signal_id": QT_TRANSLATE_NOOP("Labels", "signal"),
    "signing_key_id": QT_TRANSLATE_NOOP("Labels", "signing key"),
    "size_bytes": QT_TRANSLATE_NOOP("Labels", "size"),
    "source_sha256": QT_TRANSLATE_NOOP("Labels", "source check value"),
    "staff_id": QT_TRANSLATE_NOOP("Labels", "staff member"),
    "status": QT_TRANSLATE_NOOP("Labels", "status"),
    "street": QT_TRANSLATE_NOOP("Labels", "street"),
    "suggested_level": QT_TRANSLATE_NOOP("Labels", "suggested level"),
    "surname": QT_TRANSLATE_NOOP("Labels", "surname"),
    "template_id": QT_TRANSLATE_NOOP("Labels", "checklist"),
    "to_status": QT_TRANSLATE_NOOP("Labels", "new status"),
    "type": QT_TRANSLATE_NOOP("Labels", "type"),
    "updated_at": QT_TRANSLATE_NOOP("Labels", "changed on"),
    "updated_by": QT_TRANSLATE_NOOP("Labels", "changed by"),
    "value_json": QT_TRANSLATE_NOOP("Labels", "value"),
    "version": QT_TRANSLATE_NOOP("Labels", "version"),
    "vhe_code": QT_TRANSLATE_NOOP("Labels", "unit code (VHE)"),
    "visit_id": QT_TRANSLATE_NOOP("Labels", "visit"),
    "visited_at": QT_TRANSLATE_NOOP("Labels", "visit date"),
    "what": QT_TRANSLATE_NOOP("Labels", "what"),
    "wijk": QT_TRANSLATE_NOOP("Labels", "neighbourhood"),
}

# Values of a detail that are Dutch codes (domain/letters.LetterKind), in words per language.
DETAIL_VALUES: dict[str, str] = {
    "verwijsbrief": QT_TRANSLATE_NOOP("Labels", "referral letter"),
    "toestemmingsformulier": QT_TRANSLATE_NOOP("Labels", "consent form to sign"),
    "bewonersbrief": QT_TRANSLATE_NOOP("Labels", "letter to the resident"),
    "volledig": QT_TRANSLATE_NOOP("Labels", "in full"),
    "pseudoniem": QT_TRANSLATE_NOOP("Labels", "under a pseudonym"),
}

# The keys an event's detail names ("soort: verwijsbrief; taal: nl"). The stored keys are
# Dutch; technical ones (check values, sizes, key ids, bundle ids) are only in the tooltip.
DETAIL_LABELS: dict[str, str] = {
    "soort": QT_TRANSLATE_NOOP("Labels", "kind"),
    "taal": QT_TRANSLATE_NOOP("Labels", "language"),
    "exemplaren": QT_TRANSLATE_NOOP("Labels", "copies"),
    "treffers": QT_TRANSLATE_NOOP("Labels", "hits"),
    "huishoudens": QT_TRANSLATE_NOOP("Labels", "households"),
    "aantal": QT_TRANSLATE_NOOP("Labels", "how many"),
    "periode": QT_TRANSLATE_NOOP("Labels", "period"),
    "volgnummer": QT_TRANSLATE_NOOP("Labels", "bundle number"),
    "uitgesloten": QT_TRANSLATE_NOOP("Labels", "left out"),
    "regels": QT_TRANSLATE_NOOP("Labels", "lines"),
    "toegevoegd": QT_TRANSLATE_NOOP("Labels", "added"),
    "bijgewerkt": QT_TRANSLATE_NOOP("Labels", "updated"),
    "conflicten": QT_TRANSLATE_NOOP("Labels", "conflicts"),
    "opmerkingen": QT_TRANSLATE_NOOP("Labels", "remarks"),
    "categorieen": QT_TRANSLATE_NOOP("Labels", "categories"),
    "weergave": QT_TRANSLATE_NOOP("Labels", "shown"),
    "tot": QT_TRANSLATE_NOOP("Labels", "up to event"),
}
TECHNICAL_DETAIL_KEYS = frozenset(
    {"bytes", "sha256", "sleutel", "bundel", "partner", "backup", "profiel", "aantallen"}
)
VIA_LABELS: dict[str, str] = {
    "gui": QT_TRANSLATE_NOOP("Labels", "in the app"),
    "app": QT_TRANSLATE_NOOP("Labels", "in the app"),
    "cli": QT_TRANSLATE_NOOP("Labels", "on the command line"),
}

# What an export or handover counts (the keys of a bundle's counts), as (one, many).
COUNT_NOUNS: dict[str, tuple[str, str]] = {
    "households": (
        QT_TRANSLATE_NOOP("Labels", "household"),
        QT_TRANSLATE_NOOP("Labels", "households"),
    ),
    "household": (
        QT_TRANSLATE_NOOP("Labels", "household"),
        QT_TRANSLATE_NOOP("Labels", "households"),
    ),
    "residents": (
        QT_TRANSLATE_NOOP("Labels", "resident"),
        QT_TRANSLATE_NOOP("Labels", "residents"),
    ),
    "resident": (
        QT_TRANSLATE_NOOP("Labels", "resident"),
        QT_TRANSLATE_NOOP("Labels", "residents"),
    ),
    "referrals": (
        QT_TRANSLATE_NOOP("Labels", "referral"),
        QT_TRANSLATE_NOOP("Labels", "referrals"),
    ),
    "referral": (
        QT_TRANSLATE_NOOP("Labels", "referral"),
        QT_TRANSLATE_NOOP("Labels", "referrals"),
    ),
    "final_referrals": (
        QT_TRANSLATE_NOOP("Labels", "completed referral"),
        QT_TRANSLATE_NOOP("Labels", "completed referrals"),
    ),
    "signals": (
        QT_TRANSLATE_NOOP("Labels", "signal"),
        QT_TRANSLATE_NOOP("Labels", "signals"),
    ),
    "signal_observation": (
        QT_TRANSLATE_NOOP("Labels", "signal"),
        QT_TRANSLATE_NOOP("Labels", "signals"),
    ),
    "letters": (
        QT_TRANSLATE_NOOP("Labels", "letter"),
        QT_TRANSLATE_NOOP("Labels", "letters"),
    ),
    "erasure_requests": (
        QT_TRANSLATE_NOOP("Labels", "erasure request"),
        QT_TRANSLATE_NOOP("Labels", "erasure requests"),
    ),
    "areas": (
        QT_TRANSLATE_NOOP("Labels", "neighbourhood"),
        QT_TRANSLATE_NOOP("Labels", "neighbourhoods"),
    ),
    "cells": (
        QT_TRANSLATE_NOOP("Labels", "figure"),
        QT_TRANSLATE_NOOP("Labels", "figures"),
    ),
    "suppressed_cells": (
        QT_TRANSLATE_NOOP("Labels", "figure hidden (too small)"),
        QT_TRANSLATE_NOOP("Labels", "figures hidden (too small)"),
    ),
    "staff_member": (
        QT_TRANSLATE_NOOP("Labels", "staff member"),
        QT_TRANSLATE_NOOP("Labels", "staff members"),
    ),
    "complex": (
        QT_TRANSLATE_NOOP("Labels", "complex"),
        QT_TRANSLATE_NOOP("Labels", "complexes"),
    ),
    "address": (
        QT_TRANSLATE_NOOP("Labels", "address"),
        QT_TRANSLATE_NOOP("Labels", "addresses"),
    ),
    "visit": (
        QT_TRANSLATE_NOOP("Labels", "visit"),
        QT_TRANSLATE_NOOP("Labels", "visits"),
    ),
    "visit_resident": (
        QT_TRANSLATE_NOOP("Labels", "resident present"),
        QT_TRANSLATE_NOOP("Labels", "residents present"),
    ),
    "concern_level_entry": (
        QT_TRANSLATE_NOOP("Labels", "concern level"),
        QT_TRANSLATE_NOOP("Labels", "concern levels"),
    ),
    "follow_up": (
        QT_TRANSLATE_NOOP("Labels", "follow-up"),
        QT_TRANSLATE_NOOP("Labels", "follow-ups"),
    ),
    "referral_signal": (
        QT_TRANSLATE_NOOP("Labels", "signal in referral"),
        QT_TRANSLATE_NOOP("Labels", "signals in referrals"),
    ),
    "referral_resident": (
        QT_TRANSLATE_NOOP("Labels", "resident in referral"),
        QT_TRANSLATE_NOOP("Labels", "residents in referrals"),
    ),
    "referral_status_event": (
        QT_TRANSLATE_NOOP("Labels", "referral status"),
        QT_TRANSLATE_NOOP("Labels", "referral statuses"),
    ),
    "partner": (
        QT_TRANSLATE_NOOP("Labels", "partner"),
        QT_TRANSLATE_NOOP("Labels", "partners"),
    ),
    "visit_correction": (
        QT_TRANSLATE_NOOP("Labels", "visit corrected"),
        QT_TRANSLATE_NOOP("Labels", "visits corrected"),
    ),
    "staff_complex": (
        QT_TRANSLATE_NOOP("Labels", "complex assigned"),
        QT_TRANSLATE_NOOP("Labels", "complexes assigned"),
    ),
}

_CHANGED_FIELDS = QT_TRANSLATE_NOOP("Labels", "changed: {fields}")
_VIA = QT_TRANSLATE_NOOP("Labels", "opened {via}")


def _label(table: dict[str, str], code: str, language: str | None) -> str:
    source = table.get(code)
    return code if source is None else translate("Labels", source, language)


def action_label(action: str, language: str | None = None) -> str:
    """An audit action in ``language`` (default: the current one); unknown: as it is."""
    return _label(ACTION_LABELS, action, language)


def entity_label(entity: str, language: str | None = None) -> str:
    """What an audit event is about, in ``language`` (default: the current one)."""
    return _label(ENTITY_LABELS, entity, language)


def field_label(field: str, language: str | None = None) -> str:
    """A column an update changed, in words."""
    return _label(FIELD_LABELS, field, language)


def count_phrase(key: str, n: int, language: str | None = None) -> str:
    """``11 households`` / ``11 huishoudens``: a count with the word for what it counts."""
    nouns = COUNT_NOUNS.get(key)
    number = grouped(n, language)
    if nouns is None:
        return f"{number} {key.replace('_', ' ')}"
    return f"{number} {translate('Labels', nouns[0] if n == 1 else nouns[1], language)}"


def count_phrases(counts: dict[str, int], language: str | None = None) -> str:
    """Non-zero counts as one phrase: ``11 households, 33 signals``; none: ``–``."""
    return ", ".join(count_phrase(k, v, language) for k, v in counts.items() if v) or "–"


def detail_text(action: str, detail: str, language: str | None = None) -> str:
    """An event's detail in words: changed fields named, detail keys translated, technical
    parts (check values, sizes, key and bundle ids) left out (they stay in the stored
    detail, shown to ICT in the tooltip)."""
    if not detail:
        return ""
    if action == "update" and detail.startswith("velden: "):
        names = [f for f in detail.removeprefix("velden: ").split(",") if f]
        fields = ", ".join(field_label(f, language) for f in names)
        return translate("Labels", _CHANGED_FIELDS, language).format(fields=fields)
    if action == "view" and detail in VIA_LABELS:
        via = translate("Labels", VIA_LABELS[detail], language)
        return translate("Labels", _VIA, language).format(via=via)
    parts: list[str] = []
    for raw in detail.split(";"):
        part = raw.strip()
        if not part:
            continue
        key, sep, value = _split(part)
        if sep and key in TECHNICAL_DETAIL_KEYS:
            continue
        if sep and key in DETAIL_LABELS:
            if value in DETAIL_VALUES:
                value = translate("Labels", DETAIL_VALUES[value], language)
            parts.append(f"{translate('Labels', DETAIL_LABELS[key], language)}: {value}")
        else:
            parts.append(part)
    return "; ".join(parts)


def _split(part: str) -> tuple[str, str, str]:
    for sep in (":", "="):
        key, found, value = part.partition(sep)
        if found and key.strip().isidentifier():
            return key.strip(), found, value.strip()
    return part, "", ""

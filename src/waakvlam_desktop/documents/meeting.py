"""The case conference's papers per participant: the agenda and the minutes (verslag).

Each is made from a :class:`~waakvlam_desktop.domain.meetings.ParticipantView`, which holds
only what that participant may see (``domain/meetings.participant_view``: the grondslag
from ``domain/consent.py``, what follows from ``domain/disclosure.py``). This module
prints that and nothing else: a household shown under a pseudonym gets its code and its
signals in words; in the minutes also whether it was solved and the agreements that
participant itself owns — never the name, the address, the decision text or the other
agreements (free text that may identify the household).

Layout as every document: ``documents/layout.py`` (letterhead, "pagina 1 van 2",
"Vertrouwelijk" in the footer). The words are in the catalog (context ``"Meeting"``);
the language is passed (default Dutch).
"""

from __future__ import annotations

from datetime import date

from reportlab.platypus import Flowable, KeepTogether, Spacer

from waakvlam_desktop.documents.layout import DetailRow, DocumentSpec, para, render, styles
from waakvlam_desktop.domain.meetings import (
    AGENDA,
    AgreementRow,
    ParticipantItem,
    ParticipantView,
)
from waakvlam_desktop.domain.types import FollowUpStatus
from waakvlam_desktop.texts import QT_TRANSLATE_NOOP, translate

WORDS: dict[str, str] = {
    "agenda": QT_TRANSLATE_NOOP("Meeting", "Agenda case conference"),
    "minutes": QT_TRANSLATE_NOOP("Meeting", "Minutes case conference"),
    "for": QT_TRANSLATE_NOOP("Meeting", "For {partner}"),
    "date": QT_TRANSLATE_NOOP("Meeting", "Date"),
    "place": QT_TRANSLATE_NOOP("Meeting", "Place"),
    "participants": QT_TRANSLATE_NOOP("Meeting", "Participants"),
    "page": QT_TRANSLATE_NOOP("Meeting", "page {page} of {pages}"),
    "confidential": QT_TRANSLATE_NOOP("Meeting", "Confidential"),
    "pseudonym_note": QT_TRANSLATE_NOOP(
        "Meeting",
        "A household for which {partner} has no legal basis (no consent or other grondslag"
        " in a referral to you) appears under a code, with its signals in words only.",
    ),
    "left_out": QT_TRANSLATE_NOOP(
        "Meeting", "{n} more household(s) on the agenda are not shown to you."
    ),
    "empty": QT_TRANSLATE_NOOP("Meeting", "No households on the agenda."),
    "household_code": QT_TRANSLATE_NOOP("Meeting", "Household {code}"),
    "carried": QT_TRANSLATE_NOOP("Meeting", "again on the agenda: not solved yet"),
    "residents": QT_TRANSLATE_NOOP("Meeting", "Residents"),
    "signals": QT_TRANSLATE_NOOP("Meeting", "Signals (last 12 months)"),
    "no_signals": QT_TRANSLATE_NOOP("Meeting", "No signals recorded in the last 12 months."),
    "decision": QT_TRANSLATE_NOOP("Meeting", "Decision"),
    "agreements": QT_TRANSLATE_NOOP("Meeting", "Agreements"),
    "your_agreements": QT_TRANSLATE_NOOP("Meeting", "Your agreements"),
    "earlier": QT_TRANSLATE_NOOP("Meeting", "Still open from earlier meetings"),
    "your_earlier": QT_TRANSLATE_NOOP("Meeting", "Your agreements still open from earlier"),
    "agreed_on": QT_TRANSLATE_NOOP("Meeting", "agreed on {date}"),
    "unprintable": QT_TRANSLATE_NOOP(
        "Meeting",
        "(the text is not shown: it names the household or holds a number like a BSN;"
        " ask the housing association)",
    ),
    "due": QT_TRANSLATE_NOOP("Meeting", "by {date}"),
    "done": QT_TRANSLATE_NOOP("Meeting", "done"),
    "solved": QT_TRANSLATE_NOOP("Meeting", "Solved on {date}: off the agenda."),
    "open": QT_TRANSLATE_NOOP("Meeting", "Not solved: back on the next agenda."),
}


def _w(key: str, language: str, **values: object) -> str:
    text = translate("Meeting", WORDS[key], language)
    return text.format(**values) if values else text


def _day(value: date) -> str:
    return value.strftime("%d-%m-%Y")


def _heading(item: ParticipantItem, n: int, language: str) -> str:
    if item.view.identified:
        return f"{n}. {item.title}"
    return f"{n}. {_w('household_code', language, code=item.pseudonym)}"


def _agreement_lines(
    agreements: tuple[AgreementRow, ...],
    language: str,
    held: dict[str, date] | None = None,
    unprintable: frozenset[str] = frozenset(),
) -> list[str]:
    """One line per agreement (``participant_view`` chose which); ``held``: the day of the
    meeting each was made at, for those of earlier meetings."""
    lines = []
    for a in agreements:
        due = f" ({_w('due', language, date=_day(a.due_on))})" if a.due_on else ""
        done = f" — {_w('done', language)}" if a.status == FollowUpStatus.DONE.value else ""
        when = ""
        if held is not None and a.meeting_id in held:
            when = f" — {_w('agreed_on', language, date=_day(held[a.meeting_id]))}"
        text = _w("unprintable", language) if a.id in unprintable else a.description
        lines.append(f"{a.owner}: {text}{due}{done}{when}")
    return lines


def _item(
    item: ParticipantItem, n: int, view: ParticipantView, kind: str, language: str
) -> Flowable:
    st = styles()
    parts: list[Flowable] = [para(_heading(item, n, language), st.heading)]
    if item.carried:
        parts.append(para(_w("carried", language), st.small))
    if item.residents:
        parts.append(para(f"{_w('residents', language)}: {', '.join(item.residents)}", st.body))
    parts.append(para(_w("signals", language), st.label))
    if item.signals:
        parts += [para(s.text(language), st.bullet, bullet="•") for s in item.signals]
    else:
        parts.append(para(_w("no_signals", language), st.body))
    earlier = _agreement_lines(
        item.earlier_agreements, language, view.earlier_meetings, item.unprintable
    )
    if earlier:
        title = "earlier" if item.view.identified else "your_earlier"
        parts.append(para(_w(title, language), st.label))
        parts += [para(line, st.bullet, bullet="•") for line in earlier]
    if kind != AGENDA:
        if item.view.identified and item.decision:
            parts.append(para(_w("decision", language), st.label))
            parts.append(para(item.decision, st.body))
        lines = _agreement_lines(item.agreements, language, unprintable=item.unprintable)
        if lines:
            title = "agreements" if item.view.identified else "your_agreements"
            parts.append(para(_w(title, language), st.label))
            parts += [para(line, st.bullet, bullet="•") for line in lines]
        solved = item.solved_on
        parts.append(
            para(
                _w("solved", language, date=_day(solved)) if solved else _w("open", language),
                st.body,
            )
        )
    return KeepTogether(parts)


def render_meeting(view: ParticipantView, kind: str, language: str = "nl") -> bytes:
    """The agenda (``kind`` = ``AGENDA``) or the minutes of a meeting for one participant,
    as PDF bytes."""
    st = styles()
    m = view.meeting
    title = _w("agenda" if kind == AGENDA else "minutes", language)
    details = [DetailRow(_w("date", language), (_day(m.held_on),))]
    if m.place:
        details.append(DetailRow(_w("place", language), (m.place,)))
    spec = DocumentSpec(
        title=title,
        reference=_day(m.held_on),
        language=language,
        organisation=view.organisation,
        page_label=_w("page", language, page="{page}", pages="{pages}"),
        confidential=_w("confidential", language),
        address=None,
        details=tuple(details),
    )
    story: list[Flowable] = [
        para(title, st.title),
        para(_w("for", language, partner=view.partner_name), st.subject),
        para(
            f"{_w('participants', language)}: {', '.join(name for _i, name in m.partners)}",
            st.body,
        ),
    ]
    if any(not i.view.identified for i in view.items):
        story.append(para(_w("pseudonym_note", language, partner=view.partner_name), st.small))
    if view.left_out:
        story.append(para(_w("left_out", language, n=view.left_out), st.small))
    story.append(Spacer(1, 4))
    if not view.items:
        story.append(para(_w("empty", language), st.body))
    for n, item in enumerate(view.items, start=1):
        story.append(_item(item, n, view, kind, language))
    return render(spec, story)

"""Full-text search over visit notes and signal remarks (SQLite FTS5 inside the vault).

Results come most recently recorded first: staff look for what they wrote lately. What is
indexed, the query and why it orders by rowid live in ``storage/fts.py``. A search that
shows note text records a ``search`` audit event (counts only, never the query).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from sqlalchemy.orm import Session

from waakvlam_desktop.storage import audit, fts

HIGHLIGHT_START = "\x02"
HIGHLIGHT_END = "\x03"


@dataclass(frozen=True, slots=True)
class SearchHit:
    source: str  # "visit" or "signal"
    ref_id: str
    household_id: str
    household_label: str
    visit_id: str
    visited_at: datetime
    snippet: str  # highlighted terms between HIGHLIGHT_START and HIGHLIGHT_END


def search(session: Session, user_text: str, limit: int = 50) -> list[SearchHit]:
    query = fts.match_expression(user_text)
    if query is None:
        return []
    rows = fts.matches(session, query, limit=limit, highlight=(HIGHLIGHT_START, HIGHLIGHT_END))
    hits = []
    for source, ref_id, hid, label, visit_id, visited_at, snip in rows:
        when = (
            visited_at if isinstance(visited_at, datetime) else datetime.fromisoformat(visited_at)
        )
        hits.append(SearchHit(source, ref_id, hid, label, visit_id, when, snip))
    if hits:
        # Note text was shown: an audit event, like opening a household. Never the query.
        households = len({h.household_id for h in hits})
        audit.record(
            session, "search", "visit", detail=f"treffers: {len(hits)}; huishoudens: {households}"
        )
    return hits


def plain_snippet(snippet: str, start: str = "[", end: str = "]") -> str:
    return snippet.replace(HIGHLIGHT_START, start).replace(HIGHLIGHT_END, end)

"""Time, injectable. Stored timestamps are naive UTC; dates the user sees are local."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta
from typing import Protocol


class Clock(Protocol):
    def now(self) -> datetime:
        """The current moment as an aware datetime."""
        ...


class SystemClock:
    def now(self) -> datetime:
        return datetime.now(UTC)


class FixedClock:
    """A clock for tests and demo data: stands still until moved."""

    def __init__(self, start: datetime) -> None:
        self._now = start if start.tzinfo else start.replace(tzinfo=UTC)

    def now(self) -> datetime:
        return self._now

    def advance(self, delta: timedelta) -> None:
        self._now += delta

    def set(self, moment: datetime) -> None:
        self._now = moment if moment.tzinfo else moment.replace(tzinfo=UTC)


def utc_naive(moment: datetime) -> datetime:
    """The form stored in the vault."""
    if moment.tzinfo is None:
        return moment
    return moment.astimezone(UTC).replace(tzinfo=None)


def local_today(clock: Clock) -> date:
    return clock.now().astimezone().date()


def to_local(stored: datetime) -> datetime:
    """A stored (naive UTC) timestamp as local time for display."""
    return stored.replace(tzinfo=UTC).astimezone()


def utc_text(moment: datetime) -> str:
    """A moment as UTC text, ``2026-11-27T09:30:00Z`` (a naive one is taken as stored, i.e.
    UTC): the form in bundles, backups, key files and inzage data."""
    return utc_naive(moment).isoformat(timespec="seconds") + "Z"


def from_utc_text(text: str) -> datetime:
    """:func:`utc_text` read back, in the stored form (naive UTC)."""
    return datetime.fromisoformat(text.rstrip("Z"))

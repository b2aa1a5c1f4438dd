"""An attacker's auditor for published aggregate tables: linear programming over everything.

The attacker holds every table a partner received and knows how the tables hang together
(a level row sums to its total, a household with a signal was visited, a quarter's stock
is its last month's, a month's flow is at most its quarter's, a complex lies in its wijk).
For every suppressed cell the auditor asks ``scipy.optimize.linprog`` for the smallest and
the largest value that is consistent with all published numbers and all those relations.
If that interval is narrower than the threshold, subtraction has (partly) undone the
suppression.

Cells are keyed by tuples; relations may name *hidden* keys that were never published
(a wijk's households without a complex, say): those are free non-negative unknowns.
"""

from __future__ import annotations

import math
from collections.abc import Hashable, Iterable, Mapping
from dataclasses import dataclass

import numpy as np
from scipy.optimize import linprog

Key = Hashable


@dataclass(frozen=True, slots=True)
class Relation:
    """``sum(coef * cell) == 0`` (``equal``) or ``<= 0`` over cell keys."""

    terms: tuple[tuple[Key, float], ...]
    equal: bool = True


def equal(left: Iterable[Key], right: Iterable[Key]) -> Relation:
    """sum(left) == sum(right)."""
    return Relation(_terms(left, right), True)


def at_most(left: Iterable[Key], right: Iterable[Key]) -> Relation:
    """sum(left) <= sum(right)."""
    return Relation(_terms(left, right), False)


def _terms(left: Iterable[Key], right: Iterable[Key]) -> tuple[tuple[Key, float], ...]:
    coef: dict[Key, float] = {}
    for k in left:
        coef[k] = coef.get(k, 0.0) + 1.0
    for k in right:
        coef[k] = coef.get(k, 0.0) - 1.0
    return tuple((k, c) for k, c in coef.items() if c)


@dataclass(frozen=True, slots=True)
class Interval:
    key: Key
    low: float
    high: float  # math.inf when nothing bounds the cell from above

    @property
    def width(self) -> float:
        return self.high - self.low


def feasible_intervals(
    published: Mapping[Key, int | None], relations: Iterable[Relation]
) -> dict[Key, Interval]:
    """The feasible interval of every suppressed (``None``) cell.

    Each connected group of cells (linked by relations) is one LP; two solves per suppressed
    cell (minimise, maximise).
    """
    rels = [r for r in relations if r.terms]
    parent: dict[Key, Key] = {}

    def find(k: Key) -> Key:
        parent.setdefault(k, k)
        while parent[k] != k:
            parent[k] = parent[parent[k]]
            k = parent[k]
        return k

    for r in rels:
        first = find(r.terms[0][0])
        for k, _ in r.terms[1:]:
            parent[find(k)] = first
    groups: dict[Key, list[Relation]] = {}
    for r in rels:
        groups.setdefault(find(r.terms[0][0]), []).append(r)

    out: dict[Key, Interval] = {}
    for key, value in published.items():
        if value is None and key not in parent:
            out[key] = Interval(key, 0.0, math.inf)  # in no relation: anything goes
    for group in groups.values():
        keys = sorted({k for r in group for k, _ in r.terms}, key=repr)
        wanted = [k for k in keys if k in published and published[k] is None]
        if not wanted:
            continue
        index = {k: i for i, k in enumerate(keys)}
        bounds = []
        for k in keys:
            v = published.get(k)
            bounds.append((float(v), float(v)) if v is not None else (0.0, None))
        eq = [r for r in group if r.equal]
        ub = [r for r in group if not r.equal]
        a_eq, a_ub = _matrix(eq, index), _matrix(ub, index)
        b_eq = np.zeros(len(eq)) if eq else None
        b_ub = np.zeros(len(ub)) if ub else None
        for k in wanted:
            ends = []
            for sign in (1.0, -1.0):
                c = np.zeros(len(keys))
                c[index[k]] = sign
                res = linprog(
                    c, A_ub=a_ub, b_ub=b_ub, A_eq=a_eq, b_eq=b_eq, bounds=bounds, method="highs"
                )
                if res.status == 3:  # unbounded
                    ends.append(-math.inf if sign > 0 else math.inf)
                elif res.status != 0:
                    raise AssertionError(f"published tables inconsistent around {k}: {res}")
                else:
                    ends.append(sign * res.fun)
            out[k] = Interval(k, max(0.0, ends[0]), ends[1])
    return out


def _matrix(rs: list[Relation], index: dict[Key, int]) -> np.ndarray | None:
    if not rs:
        return None
    m = np.zeros((len(rs), len(index)))
    for i, r in enumerate(rs):
        for k, c in r.terms:
            m[i, index[k]] += c
    return m


def narrowest(intervals: Mapping[Key, Interval]) -> Interval | None:
    return min(intervals.values(), key=lambda i: i.width, default=None)


def too_narrow(intervals: Mapping[Key, Interval], threshold: int) -> list[Interval]:
    return sorted(
        (i for i in intervals.values() if i.width < threshold - 1e-6), key=lambda i: i.width
    )

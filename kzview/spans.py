"""Span sets with logarithmic overlap queries, for texts with tens of thousands of figures."""

from __future__ import annotations

import bisect


class SpanIndex:
    """A fixed set of spans (they may overlap each other): does [s, e) touch any of them?"""

    def __init__(self, spans: list[tuple[int, int]] | None = None) -> None:
        items = sorted(spans or [])
        self._starts = [s for s, _ in items]
        self._max_end: list[int] = []
        top = -1
        for _, e in items:
            top = max(top, e)
            self._max_end.append(top)

    def overlaps(self, s: int, e: int) -> bool:
        i = bisect.bisect_left(self._starts, e)  # spans starting before e
        return i > 0 and self._max_end[i - 1] > s


class DisjointSpans:
    """A growing set of spans that never overlap each other, added in any order."""

    def __init__(self) -> None:
        self._starts: list[int] = []
        self._ends: list[int] = []

    def overlaps(self, s: int, e: int) -> bool:
        # sorted by start and disjoint, so ends are sorted too: only the last span starting before e can reach s
        i = bisect.bisect_left(self._starts, e)
        return i > 0 and self._ends[i - 1] > s

    def add(self, s: int, e: int) -> None:
        i = bisect.bisect_left(self._starts, s)
        self._starts.insert(i, s)
        self._ends.insert(i, e)

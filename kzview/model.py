"""The data kzview passes between its layers.

Pure data: no I/O, no Textual. The JSON field names of `Claim` and `ClaimGroup` are the public contract
(CONTRACT.md): fields may be added, never renamed or dropped.

Every class is a frozen, slotted dataclass, not a pydantic model: a corpus of 10,000 articles holds a quarter of a
million claims, and a pydantic instance (its field dict and its own set of set fields) costs about 3 KB where a
slotted one costs 200 bytes; and defining pydantic models took 80 ms of the app's load before its first rows
(bench/tmux_first_frame.py). msgspec reads and writes them in the cache (kzview.cache) and turns JSON-shaped data
back into them (`from_data`), checking every field's type; pydantic writes claims and groups for the JSON contract
(`to_json`), imported only when asked.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from functools import cache
from typing import Any, TypeVar

import msgspec

from kzview.kinds import STATUS_ORDER as STATUS_ORDER
from kzview.kinds import TOPICS as TOPICS
from kzview.kinds import Kind as Kind
from kzview.kinds import Status as Status
from kzview.kinds import short_label as short_label


@dataclass(frozen=True, slots=True, kw_only=True)
class Region:
    """A stretch of an article that is not the story: site furniture, captions, repeated text."""

    start: int
    end: int
    kind: str  # "furniture", "caption", "duplicate", "bio"
    reason: str


@dataclass(frozen=True, slots=True, kw_only=True)
class LoadProblem:
    """A file (or part of one) that could not be read, with a reason a person can act on."""

    path: str
    reason: str


@dataclass(frozen=True, slots=True, kw_only=True)
class Article:
    id: str
    path: str
    text: str
    title: str
    title_span: tuple[int, int] | None = None
    date: dt.date | None = None
    date_inferred: bool = False
    outlet: str | None = None
    url: str | None = None
    language: str | None = None
    regions: tuple[Region, ...] = ()
    # the story the article is about, in a corpus of many (its folder, or a `story` field); None: the corpus is one
    story: str | None = None

    @property
    def label(self) -> str:
        """The short name a person sees: the outlet, else the id's prefix ("002" of "002_6d31…")."""
        return self.outlet or short_label(self.id)

    def in_region(self, start: int, end: int) -> Region | None:
        for region in self.regions:
            if start < region.end and end > region.start:
                return region
        return None


@dataclass(frozen=True, slots=True, kw_only=True)
class Claim:
    """One checkable figure as the text states it. `text[start:end] == surface` always holds."""

    id: str
    article: str
    kind: Kind
    surface: str
    start: int
    end: int
    sentence: str = ""
    low: float | int | None
    high: float | int | None
    approximate: bool
    unit: str | None = None
    topic: str = "other"
    subject: str | None = None
    scope: str | None = None
    attribution: str | None = None
    as_of: dt.date | None = None
    # Additions beyond the contract's minimum.
    qualifier: str | None = None
    headline: bool = False
    sentence_start: int = 0  # where `sentence` stands in the article text
    sentence_end: int = 0
    finding: str | None = None  # a problem found in the figure itself
    measure: str | None = None  # what a figure outside the casualty topics measures ("magnitude", "boat")
    event: str | None = None  # None = the story; else a label of the other event the sentence places it in
    event_words: str | None = None  # the words that placed it there ("In February", "a similar raid")
    counted: str | None = None  # who a count of people counts, as written ("local residents"); `subject` normalises
    individual: bool = False  # counts singled-out people ("a woman died"): at least that many, not a total
    corrected: bool = False  # a person's correction changed this claim (kzview.corrections)
    machine: dict[str, Any] | None = None  # the machine's reading of the fields a correction changed


@dataclass(frozen=True, slots=True, kw_only=True)
class Entity:
    """A person, organisation or place the articles name, with every spelling they use."""

    id: str
    name: str
    kind: str  # "organization", "media", "person", "place", "name"
    spellings: list[str]
    articles: list[str]
    mentions: int


@dataclass(frozen=True, slots=True, kw_only=True)
class Verdict:
    """A fact-checker's decision on a group or a claim, with a note and when it was set."""

    target_kind: str  # "group" or "claim"
    target_id: str
    verdict: str  # confirmed, disputed, false, misleading, unverified, needs follow-up ("" when cleared)
    note: str = ""
    set_at: str = ""
    fingerprint: str = ""
    label: str = ""  # what was judged, in words, for a verdict whose target is gone
    stale: bool = False  # the text it judged has changed since
    cleared: bool = False
    anchor: str = ""  # where the judged figures stood (JSON: article, start, end, words, sentence), see verdicts
    anchored_from: str = ""  # the id it was set on, when re-anchored to a figure or group of a newer extraction


@dataclass(frozen=True, slots=True, kw_only=True)
class ClaimGroup:
    """One thing measured across sources, with a verdict on how the figures relate."""

    id: str
    topic: str
    subject: str | None
    scope: str | None
    status: Status
    claims: list[str]
    articles: list[str]
    reason: str
    # Additions beyond the contract's minimum.
    rule: str
    unit: str | None = None
    gap: float = 0.0
    same_source: bool = False  # one source gave figures that clash: the sharpest conflict
    sources: int = 0  # independent sources: distinct attributions, or articles where none is given
    agreeing: list[list[str]] = field(default_factory=list)  # in a conflict: claim ids that agree among themselves
    measure: str | None = None  # what the group's figures measure when it is not a casualty topic
    event: str | None = None  # None = the story; else the other event its figures belong to
    clash: list[str] = field(default_factory=list)  # in a conflict: the two claim ids its reason names
    story: str | None = None  # the story its articles are about, in a corpus of many (kzview.model.Article.story)


@cache
def _adapter(kind: str) -> Any:
    from pydantic import TypeAdapter

    return TypeAdapter(Claim if kind == "claim" else ClaimGroup)


def to_json(item: Claim | ClaimGroup) -> dict[str, Any]:
    """A claim or group as the JSON contract spells it (dates as ISO strings, statuses as words)."""
    return _adapter("claim" if isinstance(item, Claim) else "group").dump_python(item, mode="json")  # type: ignore[no-any-return]


def to_data(item: Region | LoadProblem | Article | Entity | Verdict) -> dict[str, Any]:
    """One of the data classes as plain JSON-shaped data: dates as ISO strings, nested classes as dicts (strings
    as they are: a file name that is not UTF-8 keeps its surrogates)."""
    return msgspec.to_builtins(item)  # type: ignore[no-any-return]


T = TypeVar("T")


def from_data(data: Any, kind: type[T]) -> T:
    """JSON-shaped data (`to_data`, a snapshot, a Parquet row) as `kind`, every field checked; else
    msgspec.ValidationError, a ValueError."""
    return msgspec.convert(data, kind)

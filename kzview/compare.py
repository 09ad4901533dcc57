"""Claims -> ClaimGroups: what each group measures, whether its figures agree, and why, in one sentence.

The rules, in the order a fact-checker applies them:

1. Only like is compared with like: a group is one topic, subject and scope ("deaths / security forces / whole
   event"). A part is never pooled with its whole; it is checked against it (a part larger than its whole is a
   conflict, and so is a subset larger than its set: hospitalized above injured).
2. Figures whose intervals can all hold at once are `consistent` ("almost 8,000" with 7,939). A bare round figure
   is read as rounded (see qualifiers.toml, [rounding]).
3. Time explains a difference only when dates say so: for a count that can only grow (a death toll) figures that
   rise with their dates are an `update`; a later figure below an earlier one is a `conflict`, and so are
   different figures for the same day or figures with no date to separate them. Counts that can fall (troops,
   displaced) that change between dates are an `update` that says which way they moved.

Everything here is linear or n log n in the number of claims.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import heapq
import math
import re
import tomllib
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, replace
from functools import cache, lru_cache
from importlib import resources

from kzview.extract.lexicon import Lexicon, load_lexicon
from kzview.extract.measure import QUALIFYING, is_property
from kzview.extract.numbers import WORD_VALUES
from kzview.gcpause import paused_gc
from kzview.model import STATUS_ORDER, Claim, ClaimGroup, Status
from kzview.words import figure_words as figure_words
from kzview.words import independent_sources as independent_sources
from kzview.words import interval_words as interval_words
from kzview.words import number_words, source_words, what
from kzview.words import sources_words as sources_words

INF = math.inf
COMPARED_KINDS = ("count", "money", "other", "duration", "percent")
_TOLL_NAMES = {
    "deaths": "a death toll",
    "injuries": "a count of the injured",
    "arrests": "an arrest count",
    "hospitalized": "a count of people hospitalized",
    "growing damage": "a count of what an event destroyed or of the people taken out of it",
}


@cache
def currency_ranges() -> dict[str, tuple[float, float]]:
    data = tomllib.loads(resources.files("kzview.data").joinpath("currencies.toml").read_text("utf-8"))
    return {k.upper(): (float(v[0]), float(v[1])) for k, v in data.items()}


@dataclass(frozen=True, slots=True)
class Fig:
    """A claim as the comparison sees it: the interval it allows, rounding and currency accounted for."""

    claim: Claim
    lo: float
    hi: float
    label: str = ""  # the article's label for people (its outlet, else a short id)

    @property
    def day(self) -> str:
        return self.claim.as_of.isoformat() if self.claim.as_of else ""


def _round_tolerance(value: float, share: float) -> float:
    """A bare round figure stands for a rounded value: 8,000 for 7,600..8,400 (5 % at most)."""
    if value < 10 or not float(value).is_integer():
        return 0.0
    v, zeros = int(value), 0
    while v % 10 == 0 and v:
        v //= 10
        zeros += 1
    if zeros == 0:
        return 0.0
    return min(0.5 * 10**zeros, share * value)


def _reading_tolerance(value: float) -> float:
    """Half the last written digit of a reading: 38.7 stands for 38.65..38.75, 93 for 92.5..93.5."""
    text = repr(abs(value)).rstrip("0").rstrip(".") if "e" not in repr(value) else ""
    decimals = len(text.split(".")[1]) if "." in text else 0
    return 0.5 * 10.0 ** -min(decimals, 6)


_MAGNITUDE_WORD = re.compile(r"(?:tens\s+of\s+|hundreds\s+of\s+)?(?:thousands|hundreds|millions)", re.IGNORECASE)


def to_fig(c: Claim, lex: Lexicon, labels: dict[str, str] | None = None, either: bool = True) -> Fig:
    lo = -INF if c.low is None else float(c.low)
    hi = INF if c.high is None else float(c.high)
    if c.individual:
        hi = INF  # "a woman was killed" says at least one died: a floor, never a rival total
    if _MAGNITUDE_WORD.fullmatch(c.surface.strip()):
        # "thousands marched", "hundreds fled": news writes these for any count past the word's floor ("thousands
        # march" over 30,000 organisers counted): a floor, never a rival total's ceiling
        hi = INF
    if c.qualifier is None and not c.approximate and lo == hi:
        tol = _round_tolerance(lo, lex.rounding_share)
        if c.kind == "other" and c.unit and lex.measures is not None and c.unit.lower() in lex.measures.units:
            tol = max(tol, _reading_tolerance(lo))  # a reading in a unit: "93F" is 92.5..93.5 before it is °C
        lo, hi = lo - tol, hi + tol
    if c.kind == "money" and c.unit:
        rate = currency_ranges().get(c.unit.upper())
        if rate:
            lo, hi = lo * rate[0], hi * rate[1]
    elif c.unit and lex.measures is not None:
        unit = c.unit.lower()
        size = lex.measures.units.get(unit)
        readings = [u for u in lex.measures.either.get(unit, ()) if u in lex.measures.units] if either else []
        readings = readings or ([unit] if size else [])
        if readings:
            # "4 miles" and "six kilometres" in metres, 93 °F as 33.9 °C; a unit of unsaid scale ("93 degrees") as
            # every reading it may be at once
            ends = [x * lex.measures.units[u] + lex.measures.offsets.get(u, 0.0) for u in readings for x in (lo, hi)]
            lo, hi = min(ends), max(ends)
    return Fig(c, lo, hi, (labels or {}).get(c.article, c.article))


def _money_class(c: Claim, sizes: dict[str, float] | None = None) -> str:
    if c.kind != "money":
        if c.measure is None:
            return c.kind
        if sizes and c.unit and c.unit.lower() in sizes:
            return "sized"  # in a unit of [units], compared in its base unit: never beside a bare number
        return "quantity"  # "a 6.2 quake" and "6.4 magnitude" alike
    return "money" if (c.unit or "").upper() in currency_ranges() else f"money:{c.unit}"


def group_key(
    c: Claim, subjects: frozenset[str] | None = None, sizes: dict[str, float] | None = None
) -> tuple[str, str | None, str | None, str, str | None, str | None]:
    """What a group measures: topic, subject, scope, unit class, and for figures outside the topics the measure;
    and the event (None = the story): figures of different events never share a group. Only a subject the
    vocabulary names (`subjects`; all when None) sets a group apart: "20 women" is said so, but compared by what
    it measures."""
    subject = c.subject if subjects is None or c.subject in subjects else None
    return (c.topic, subject, c.scope, _money_class(c, sizes), c.measure, c.event)


_PART_BEFORE = re.compile(
    r"(?:\b(?:among|including|includes|included)\s+(?:(?:the|those)\s+(?:\w+\s+){0,2}?(?:were|was|are|is)\s+)?"
    r"(?:(?:" + "|".join(sorted(QUALIFYING)) + r")\s+){0,2})$"
    # "Four people - three inmates and a guard - were killed": the whole's breakdown between dashes
    r"|(?:(?<![:.\d])\b\d[\d,]*|\b(?:two|three|four|five|six|seven|eight|nine|ten|eleven|twelve))\s+"
    r"(?:[a-z\-]+\s+){1,2}[-–—]\s*$"
    # inside brackets opened after a count: its breakdown ("Deaths: 6 in total (2 on site, 4 in hospital)", "Arrests:
    # 3 (the caretaker and two others)")
    r"|(?:\b\d[\d,]*|\b(?:two|three|four|five|six|seven|eight|nine|ten))\b[^()\d]{0,30}\([^()]*$",
    re.IGNORECASE,
)
# fronted: "Of the dead, seven were from the village", "Of the 40 injured, 12 are children"
_PART_FRONTED = re.compile(
    r"^\W*of\s+(?:the|those)\s+(?:[\w\-]+\s+){0,3}?(?P<noun>[\w\-]+),\s*(?:(?:"
    + "|".join(sorted(QUALIFYING))
    + r")\s+){0,2}$",
    re.I,
)
_PART_AFTER = re.compile(
    r"^\s*(?:of\s+(?:the|those)\b|of\s+(?:them|whom)(?:\s+[a-z]|\s*[.;]|\s*$)|(?:\w+\s+){0,2}(?:were|was)\s+among\b)",
    re.IGNORECASE,
)  # (not "killing two of them," after "shooting three": the deaths' own count)


_OF_THEM_LABEL = re.compile(
    r"^\s*of\s+(?:them|whom)\s+(?:(?:were|was|are|is|had|have|has|been|being|still|now|also)\s+)*(?P<w>[a-z][a-z\-]+)"
)


_PART_PREPOSITIONS = frozenset("in at on with from to into under by for after before".split())
_OF_TOLL = re.compile(r"^\s*of\s+(?:the|those)\s+(?P<noun>[a-z]+)\b")
_COUNT_BEFORE = re.compile(r"\d|\b(?:" + "|".join(sorted(WORD_VALUES)) + r"|dozens?|scores|hundreds|thousands)\b", re.I)


def part_label(c: Claim, toll_nouns: frozenset[str], people: frozenset[str] = frozenset()) -> str | None:
    """The group a part that names no kind of people stands in, apart from its whole; None where it is no part of
    a count the story gives ("capturing 23 of the raiders", "took 23 of them into custody": the raiders are not
    counted, the 23 is the count). A part of a count told before it in the sentence is named by the word after
    "of them" ("33 were injured, seven of them seriously": seriously), so one outlet's seriously injured meet
    another's; a part of a toll ("12 of the injured", "Of the dead, seven were from the village") is checked
    against its whole alone."""
    if not c.sentence:
        return None
    a, b = c.start - c.sentence_start, c.end - c.sentence_start
    after = c.sentence[b : b + 60]
    m = _OF_THEM_LABEL.match(after)
    if m and _COUNT_BEFORE.search(c.sentence[max(0, a - 200) : a]):
        if m["w"] in _PART_PREPOSITIONS:
            # "62 of them in intensive care": where they are, the part's scope when its words name one
            return None if c.scope else f"a part ({c.id})"
        if m["w"].endswith("ly") or m["w"] in people:
            return m["w"]  # "seven of them seriously", "three of them children"
        return f"a part ({c.id})"  # "seven of them have been discharged": a part of its own
    if re.match(r"\s*of\s+(?:them|those|these)\s*(?:[.;]|$)", after):
        return f"a part ({c.id})"  # "27 people were treated; Mercy General alone took 9 of them."
    toll = _OF_TOLL.match(after)
    fronted = a < 80 and _PART_FRONTED.match(c.sentence[:a])
    included = _PART_BEFORE.search(c.sentence[max(0, a - 60) : a])
    if included or (toll and toll["noun"] in toll_nouns) or (fronted and fronted["noun"].lower() in toll_nouns):
        return f"a part ({c.id})"  # ("the haul included around €1.5 million", "among the dead were 11")
    return None


_WORD = re.compile(r"[A-Za-z][A-Za-z’'\-]*|\S")
_BEFORE_SKIP = frozenset(
    "about some nearly almost around roughly approximately over under more than less fewer at least up to a an the "
    "its their his her all only just an estimated another further additional total of".split()
)
_AFTER_SKIP = frozenset("that which who were was are is have has had been being be still also now then later".split())
_NO_VERB = frozenset(
    "of in on at by from to with for into onto and or but as than per across near around after before during".split()
)
_IRREGULAR = {
    "left": "leave",
    "had": "have",
    "has": "have",
    "held": "hold",
    "sent": "send",
    "took": "take",
    "taken": "take",
    "made": "make",
    "lost": "lose",
    "found": "find",
    "caught": "catch",
    "kept": "keep",
    "brought": "bring",
    "built": "build",
    "won": "win",
}


def _stem(word: str) -> str:
    w = _IRREGULAR.get(word, word)
    for end in ("ing", "ed", "es", "s"):
        if w.endswith(end) and len(w) - len(end) >= 3:
            return w[: -len(end)]
    return w


def predicate(c: Claim) -> str | None:
    """The verb a count of things is told with, stemmed: the one before it ("sending 11 vehicles", "had 12
    coaches") or after its noun phrase ("52 inmates escaped", "the seven coaches that left the rails")."""
    if not c.sentence:
        return None
    a, b = c.start - c.sentence_start, c.end - c.sentence_start
    before = [w.lower() for w in _WORD.findall(c.sentence[max(0, a - 60) : max(0, a)])]
    while before and before[-1] in _BEFORE_SKIP:
        before.pop()
    if before and before[-1].isalpha() and before[-1] not in _NO_VERB and not before[-1][:1].isupper():
        return _stem(before[-1])
    after = _WORD.findall(c.sentence[b : b + 80])
    i = 0
    while i < len(after) and i < 3 and after[i].isalpha() and after[i].islower() and after[i] not in _AFTER_SKIP:
        if i > 0 and after[i].endswith(("ed", "ing")):
            break  # "212 homes destroyed": the verb after the noun
        i += 1  # the counted noun phrase ("polling stations")
    while i < len(after) and after[i].lower() in _AFTER_SKIP:
        i += 1
    if i < len(after) and after[i].isalpha() and after[i].islower() and after[i] not in _NO_VERB:
        return _stem(after[i])
    return None


_STOCK_VERBS = frozenset(
    "have hold cover employ serve supply contain house own number comprise total operate run host count boast".split()
)
_RATE_AFTER = re.compile(r"^(?:\s+[a-z][\w\-]*){0,3}\s+(?:a|per|each|every)\s+(?:day|week|month|year)\b")


# verbs of damage or of people taken out of it, told of a count that grows while the event goes on (stems)
_GROWING = frozenset(
    "destroy damag burn burnt raz flood affect torch gutt rescu recaptur evacuat scorch explod reduc spread grow grew "
    "swell expand".split()
)


def _rises_day_by_day(figs: list[Fig]) -> Judgement | None:
    """A count of people or of what was sent that only rises from one day to the next (firefighters 420 on
    Monday, 760 on Tuesday; 19 crew ill, then 24): more came, or more fell ill, as the days went on, an update;
    never a measure of one thing (a depth, a magnitude), a figure told twice a day that clashes, or an undated one."""
    c0 = figs[0].claim
    if c0.kind != "count" or is_property(c0.measure) or any(not f.claim.as_of for f in figs):
        return None
    by_day: dict[str, list[Fig]] = defaultdict(list)
    for f in figs:
        by_day[f.day].append(f)
    days = sorted(by_day)
    if len(days) < 2:
        return None
    top = -INF
    for d in days:
        same = by_day[d]
        if max(f.lo for f in same) > min(f.hi for f in same):
            return None  # one day's figures clash
        if min(f.hi for f in same) < top:
            return None  # it fell: one thing told two ways
        top = max(top, max(f.lo for f in same))
    steps = [(d, max(by_day[d], key=lambda f: (f.lo, f.claim.id))) for d in days]
    timeline = " → ".join(f"{figure_words(f.claim)} on {d} ({f.label})" for d, f in steps[:6])
    return Judgement(Status.UPDATE, "changes", f"The figure rose over time: {timeline}.")


def _growing_measure(measure: str | None) -> bool:
    """Whether a measure names what an event does more of as it goes on ("people rescued", "homes destroyed")."""
    return bool(measure) and any(_stem(w) in _GROWING for w in (measure or "").split()[1:])


def all_there_are(c: Claim) -> bool:
    """Whether a count of things tells all there are (a stock) or a rate, not the ones an event befell: told with
    a verb of having or holding ("had 12 coaches", "built to hold 800 inmates", "covers 1,420 schools", "has 4.6
    million customers"), or per day ("carried 40,000 vehicles a day"). ("All three operators were affected" is
    what befell them, as "in total, 33 were injured" is; "a ferry carrying 260 people" are the people aboard.)"""
    if not c.sentence:
        return False
    b = c.end - c.sentence_start
    return bool(_RATE_AFTER.match(c.sentence[b : b + 60])) or predicate(c) in _STOCK_VERBS


def told_as_part(c: Claim) -> bool:
    """Whether a figure's words tell it as a part of a count ("among the dead were 11 children", "including three
    children", "three of the dead were children", "11 children were among the dead"): a part is checked against
    its whole, never pooled with it, even where no other outlet names that kind of people."""
    if not c.sentence or c.sentence_end <= c.sentence_start:
        return False
    a, b = c.start - c.sentence_start, c.end - c.sentence_start
    if not 0 <= a <= b <= len(c.sentence):
        return False
    return bool(
        _PART_BEFORE.search(c.sentence[max(0, a - 60) : a])
        or _PART_AFTER.match(c.sentence[b : b + 60])
        or (a < 80 and _PART_FRONTED.match(c.sentence[:a]))
    )


def _subjectless(key: tuple) -> tuple:
    return (key[0], None, *key[2:])


def compared_claim(c: Claim) -> bool:
    return c.kind in COMPARED_KINDS and (c.topic != "other" or c.measure is not None)


def _gid(*parts: object) -> str:
    return "g" + hashlib.sha1("\x1f".join(str(p) for p in parts).encode("utf-8")).hexdigest()[:10]


# ---------------------------------------------------------------------------------------------------------------
# Words for the reasons.


def cite(f: Fig, date: bool = True) -> str:
    return f"{figure_words(f.claim)} ({source_words(f.claim, date, f.label)})"


# ---------------------------------------------------------------------------------------------------------------
# Deciding a group's status.


@dataclass(frozen=True, slots=True)
class Judgement:
    status: Status
    rule: str
    reason: str
    gap: float = 0.0
    same_source: bool = False
    clash: tuple[str, ...] = ()  # the two figures the reason names as clashing


def _apart(f: Fig, figs: list[Fig]) -> list[Fig]:
    """The figures whose intervals cannot hold together with f's."""
    return [d for d in figs if d.hi < f.lo or d.lo > f.hi]


def _placeable(f: Fig, dated: list[Fig], cumulative: bool) -> bool:
    """Whether an undated figure can be one day's figure: it fits every figure of that day, and for a count that
    only grows, no earlier day's floor is above it and no later day's ceiling below it."""
    days = sorted({d.day for d in dated})
    for i, day in enumerate(days):
        same = [d for d in dated if d.day == day]
        if max(f.lo, *(d.lo for d in same)) > min(f.hi, *(d.hi for d in same)):
            continue
        if cumulative:
            before = [d for d in dated if d.day in days[:i]]
            after = [d for d in dated if d.day in days[i + 1 :]]
            if any(d.lo > f.hi for d in before) or any(d.hi < f.lo for d in after):
                continue
        return True
    return False


def _mid(f: Fig) -> float:
    if f.lo == -INF:
        return f.hi
    if f.hi == INF:
        return f.lo
    return (f.lo + f.hi) / 2


def _extreme_pair(figs: list[Fig]) -> tuple[Fig, Fig]:
    """The figure with the highest floor and the one with the lowest ceiling: the widest disagreement."""
    high = max(figs, key=lambda f: (f.lo, f.claim.id))
    low = min(figs, key=lambda f: (f.hi, f.claim.id))
    return high, low


def _across_articles(figs: list[Fig]) -> tuple[Fig, Fig] | None:
    """The widest clash between figures of two different articles (the highest floor against the lowest ceiling
    of another article), or None when the articles' figures all can hold together. Linear: only the two
    articles with the highest floors and the two with the lowest ceilings can give it."""
    best_lo: dict[str, Fig] = {}
    best_hi: dict[str, Fig] = {}
    for f in figs:
        a = f.claim.article
        if a not in best_lo or (f.lo, f.claim.id) > (best_lo[a].lo, best_lo[a].claim.id):
            best_lo[a] = f
        if a not in best_hi or (f.hi, f.claim.id) < (best_hi[a].hi, best_hi[a].claim.id):
            best_hi[a] = f
    highs = sorted(best_lo.values(), key=lambda f: (-f.lo, f.claim.id))[:2]
    lows = sorted(best_hi.values(), key=lambda f: (f.hi, f.claim.id))[:2]
    pairs = [(h, lw) for h in highs for lw in lows if h.claim.article != lw.claim.article and h.lo > lw.hi]
    if not pairs:
        return None
    return max(pairs, key=lambda p: (p[0].lo - p[1].hi, p[0].claim.id, p[1].claim.id))


def _gap(high: Fig, low: Fig) -> float:
    return (high.lo - low.hi) / max(abs(low.hi), 1.0)


def _same_source(a: Fig, b: Fig) -> str:
    if _one_source(a, b):
        return f"; the same source, {a.claim.attribution}, gave both"
    return ""


def _one_source(a: Fig, b: Fig) -> bool:
    """Both figures from one source: the same attribution, and across articles one that names someone ("Sheriff
    Ann Cole", "the Interior Ministry"), not a role any outlet may quote ("an officer", "police", "officials")."""
    src = a.claim.attribution
    if not src or src != b.claim.attribution:
        return False
    return a.claim.article == b.claim.article or any(w[:1].isupper() for w in src.split())


_CLOCK_ENTRY = re.compile(
    r"^\W*(?P<h>[01]?\d|2[0-3])[:.](?P<m>[0-5]\d)\b(?!\s*(?:km|kilomet|mile|%|per))\s*(?P<pm>p\.?m\b\.?)?", re.I
)
# a count told as where it has got to: "the toll has risen to 48", "Death toll rises to 7", "officials now say 31"
_RISEN = re.compile(
    r"\b(?:has|have|had)\s+(?:now\s+)?(?:risen|climbed|jumped|reached|increased|grown)\b|"
    r"\b(?:rose|rises|climbs|climbed|jumps|jumped)\s+to\b|\b(?:now|latest)\b",
    re.I,
)
_NOW_AFTER = re.compile(r"\s+\w+\s+now\b|\s+now\b")
# when a count was told: a live blog's entry, a status time ("as of 18:00", "up to 18:00 hrs"), or the part of the
# day of the saying ("officials told us this afternoon", "the office confirmed early on Thursday morning"); never
# the time of the event itself ("the quake hit at 4:12 a.m.", "a blast on Monday evening killed 14")
_CLOCK_IN = re.compile(
    r"\b(?:as\s+of|up\s+to|until|by)\s+(?P<h>[01]?\d|2[0-3])[:.](?P<m>[0-5]\d)\s*"
    r"(?:(?P<pm>p\.?m\b\.?)|a\.?m\b\.?|hrs|hours|h|GMT|local\s+time)?(?!\s*(?:km|kilomet|mile|%|per))",
    re.I,
)
_DAY_PART = re.compile(
    r"\b(?:said|says|say|told\s+(?:\w+\s+)?|confirmed|reported|announced|added|updated|estimated)\s+"
    r"(?:this|on\s+\w+|early\s+on\s+\w+|late\s+on\s+\w+)\s+(?P<part>morning|afternoon|evening|night)\b",
    re.I,
)
_DAY_PARTS = {"morning": 9 * 60, "afternoon": 15 * 60, "evening": 19 * 60, "night": 22 * 60}


@lru_cache(maxsize=4096)
def _told_at_in(sentence: str) -> tuple[int, str] | None:
    """(the minute of the day, the words for it) a sentence's figures were told at, where it says (one search per
    sentence, however many figures it holds)."""
    m = _CLOCK_ENTRY.match(sentence) or _CLOCK_IN.search(sentence)
    if m:
        h = int(m["h"]) + (12 if m["pm"] and int(m["h"]) < 12 else 0)  # "6:20 p.m." is 18:20
        return h * 60 + int(m["m"]), f"at {h:02d}:{m['m']}"
    part = _DAY_PART.search(sentence)
    if part:
        word = part["part"].lower()
        return _DAY_PARTS[word], f"in the {word}"
    return None


def _told_at(f: Fig) -> tuple[int, str] | None:
    return _told_at_in(f.claim.sentence) if f.claim.sentence else None


def _clock(f: Fig) -> int | None:
    """The minute of the day a figure was told at, where its sentence says: a live blog's entry ("18:30 - At least
    11 have now died"), "as of 18:00", "up to 18:00 hrs", or the part of the day it was said in ("confirmed early on
    Thursday morning", "officials told us this afternoon")."""
    told = _told_at(f)
    return told[0] if told else None


def _at(f: Fig) -> str:
    told = _told_at(f)
    return f" {told[1]}" if told else ""


def _told_risen(f: Fig) -> bool:
    """Whether a figure is told as where a count has got to ("the toll has risen to 48", "11 have now died")."""
    c = f.claim
    if not c.sentence:
        return False
    a, b = c.start - c.sentence_start, c.end - c.sentence_start
    return bool(_RISEN.search(c.sentence, max(0, a - 40), max(0, a)) or _NOW_AFTER.match(c.sentence, b))


def _grew_that_day(same: list[Fig]) -> bool:
    """Whether one day's different figures of a count that only grows read as its growth that day: the figures
    told at a time of day (a live blog's entries, "as of 18:00", "said this afternoon") never fall in clock order
    and differ at no one time, and every figure is at or below where the count got to (the last timed one, or one
    told as "has risen to", "now"). Two plain figures that differ ("14 died", "17 died") still clash."""
    clocks = {f.claim.id: _clock(f) for f in same}
    timed = sorted(
        ((t, f) for f in same if (t := clocks[f.claim.id]) is not None),
        key=lambda tf: (tf[0], tf[1].lo, tf[1].claim.id),
    )
    for (ta, a), (tb, b) in zip(timed, timed[1:], strict=False):
        if b.hi < a.lo or ta == tb and (a.lo > b.hi or b.lo > a.hi):
            return False  # a fall in clock order, or two figures at one time that cannot both hold
    moving = [f for f in same if clocks[f.claim.id] is None and _told_risen(f)]  # "the toll climbs to 48", untimed
    if timed:
        moving.append(timed[-1][1])
    if not moving:
        return False
    final = max(moving, key=lambda f: (f.lo, f.hi))  # where the count got to that day
    moved = {f.claim.id for f in moving}
    plain = [f for f in same if clocks[f.claim.id] is None and f.claim.id not in moved]
    return all(f.lo <= final.hi for f in same) and (not plain or max(f.lo for f in plain) <= min(f.hi for f in plain))


def _told_order(f: Fig) -> tuple:
    """Where a figure stands in a day's growth: plain figures first, then the timed ones by their time, then the
    ones told as where the count got to."""
    t = _clock(f)
    rank = 1 if t is not None else 2 if _told_risen(f) else 0
    return (rank, t or 0, f.lo, f.claim.id)


def judge(figs: list[Fig], topic: str, cumulative: bool) -> Judgement:
    articles = {f.claim.article for f in figs}
    max_lo = max(f.lo for f in figs)
    min_hi = min(f.hi for f in figs)
    if max_lo <= min_hi:
        if len(articles) == 1:
            one = "; ".join(cite(f, date=False) for f in figs[:4])
            return Judgement(Status.SINGLE, "single", f"Only one article gives this figure: {one}.")
        exact = [
            f.claim.low
            for f in figs
            if f.claim.low is not None and f.claim.low == f.claim.high and max_lo <= float(f.claim.low) <= min_hi
        ]
        common = float(exact[0]) if exact else (max_lo if max_lo > -INF else min_hi)
        shown: list[Fig] = []
        shown_articles: set[str] = set()
        for f in sorted(figs, key=lambda f: (f.claim.low is None, f.claim.article, f.claim.start)):
            if f.claim.article not in shown_articles:
                shown.append(f)
                shown_articles.add(f.claim.article)
                if len(shown) > 3:
                    break
        listed = ", ".join(cite(c) for c in shown[:3]) + (" …" if len(shown) > 3 else "")
        n_sources = independent_sources(f.claim for f in figs)
        plural = "s" if n_sources != 1 else ""
        sources = f", {n_sources} independent source{plural}" if n_sources < len(articles) else ""
        return Judgement(
            Status.CONSISTENT,
            "overlap",
            f"All {len(figs)} figures from {len(articles)} articles{sources} can hold at once ({listed}): each "
            f"allows {number_words(common)}.",
        )
    high, low = _extreme_pair(figs)
    gap = _gap(high, low)
    if topic == "other":
        # a thing measured once (boats in an attack, a building's value, a depth): time explains no difference;
        # but a clash only inside one text is most often two things it counts ("four entrances ... three of
        # them locked"), read with one measure: sources clash only between articles
        across = _across_articles(figs)
        if across is None:
            return Judgement(
                Status.CONSISTENT,
                "overlap",
                f"No article contradicts another: only {high.label} gives two figures, {figure_words(high.claim)} "
                f"and {figure_words(low.claim)}, most likely of two things it counts.",
            )
        high, low = across
        gap = _gap(high, low)
        rising = _rises_day_by_day(figs)
        if rising is not None:
            return rising
        return Judgement(
            Status.CONFLICT,
            "differ",
            f"{cite(high)} and {cite(low)} give different figures for one thing{_same_source(high, low)}.",
            gap,
            _one_source(high, low),
            (high.claim.id, low.claim.id),
        )
    undated = [f for f in figs if not f.claim.as_of]
    dated = [f for f in figs if f.claim.as_of]
    if cumulative and not dated and _grew_that_day(figs):
        # no date at all, but the texts tell the count rising ("the number treated has risen to 61" beside 23)
        told = sorted(figs, key=_told_order)
        timeline = " → ".join(f"{figure_words(f.claim)}{_at(f)} ({f.label})" for f in told[:6])
        return Judgement(Status.UPDATE, "grows", f"One count told as growing (no dates): {timeline}.")
    # An undated figure that fits some dated figure may be that day's: it clashes only when it fits none (or when
    # nothing is dated). The dated figures are then judged on their own.
    if undated:
        lost = [f for f in undated if not _placeable(f, dated, cumulative)]
        later = [f for f in lost if cumulative and dated and _told_risen(f) and all(d.lo <= f.hi for d in dated)]
        if later and len(later) == len(lost):
            # an undated report of the count "risen to 21", above every dated one ("17 on 12 May"): a later day's
            # count of a toll that only grows, not a rival of the dated ones
            judged = judge(dated, topic, cumulative) if len(dated) >= 2 else None
            if judged is None or judged.status != Status.CONFLICT:
                latest = sorted(dated, key=lambda g: (g.day, g.lo, g.claim.id))[-3:]
                line = [f"{figure_words(g.claim)} on {g.day} ({g.label})" for g in latest]
                line += [f"{figure_words(g.claim)} (undated, told as risen: {g.label})" for g in later[:3]]
                return Judgement(Status.UPDATE, "grows", f"One count growing over time: {' → '.join(line)}.")
        judged = judge(dated, topic, cumulative) if len(dated) >= 2 else None
        if judged is not None and (not lost or judged.status == Status.CONFLICT and not _apart(lost[0], dated)):
            return judged  # undated figures that may be the dated days', or dated figures that clash themselves
        h, lw = high, low
        if lost and dated:
            rival = lost[0]
            apart = _apart(rival, dated)
            if apart:
                h, lw = _extreme_pair([rival, min(apart, key=lambda d: abs(_mid(d) - _mid(rival)))])
        if h is lw:
            h, lw = high, low
        return Judgement(
            Status.CONFLICT,
            "undated",
            f"{cite(h)} and {cite(lw)} cannot both be true, and no date separates them{_same_source(h, lw)}.",
            _gap(h, lw),
            _one_source(h, lw),
            (h.claim.id, lw.claim.id),
        )
    by_day: dict[str, list[Fig]] = defaultdict(list)
    for f in figs:
        by_day[f.day].append(f)
    days = sorted(by_day)
    for d in days:
        same = by_day[d]
        if max(f.lo for f in same) > min(f.hi for f in same) and not (cumulative and _grew_that_day(same)):
            h, lw = _extreme_pair(same)
            return Judgement(
                Status.CONFLICT,
                "same-day",
                f"{cite(h)} and {cite(lw)} differ for the same day, {d}{_same_source(h, lw)}.",
                _gap(h, lw),
                _one_source(h, lw),
                (h.claim.id, lw.claim.id),
            )
    steps = [(d, max(by_day[d], key=lambda f: (f.lo if f.lo > -INF else f.hi, f.claim.id))) for d in days]
    if cumulative:
        # A count that only grows: no later figure may be certainly below an earlier one.
        floor: Fig | None = None
        for d in days:
            ceiling = min(by_day[d], key=lambda f: (f.hi, f.claim.id))
            if floor is not None and floor.lo > ceiling.hi:
                noun = _TOLL_NAMES.get(topic, "a running total")
                return Judgement(
                    Status.CONFLICT,
                    "falls",
                    f"{figure_words(ceiling.claim)} on {d} ({source_words(ceiling.claim, False, ceiling.label)})"
                    f" is below {figure_words(floor.claim)} on {floor.day} "
                    f"({source_words(floor.claim, False, floor.label)}); "
                    f"{noun} cannot fall.",
                    _gap(floor, ceiling),
                    clash=(floor.claim.id, ceiling.claim.id),
                )
            top = max(by_day[d], key=lambda f: (f.lo, f.claim.id))
            if floor is None or top.lo > floor.lo:
                floor = top
        if len(days) == 1:
            # it grew within the day: the figures in the order they were told ("7 at 12:00 → at least 11 at 18:30")
            told = sorted(figs, key=_told_order)
            timeline = " → ".join(f"{figure_words(f.claim)}{_at(f)} ({f.label})" for f in told[:6])
            return Judgement(Status.UPDATE, "grows", f"One count growing during {days[0]}: {timeline}.")
        timeline = " → ".join(f"{figure_words(f.claim)} on {d} ({f.label})" for d, f in steps[:6])
        return Judgement(Status.UPDATE, "grows", f"One count growing over time: {timeline}.")
    first, last = steps[0][1], steps[-1][1]
    mid = lambda f: f.lo if f.hi == INF else (f.hi if f.lo == -INF else (f.lo + f.hi) / 2)  # noqa: E731
    direction = "rose" if mid(last) > mid(first) else "fell" if mid(last) < mid(first) else "moved"
    timeline = " → ".join(f"{figure_words(f.claim)} on {d} ({f.label})" for d, f in steps[:6])
    return Judgement(Status.UPDATE, "changes", f"The figure {direction} over time: {timeline}.")


# ---------------------------------------------------------------------------------------------------------------


def _claim_order(c: Claim) -> tuple:
    """Groups list their figures by date (undated last), then article, then place in the text."""
    return (c.as_of is None, c.as_of or _NO_DATE, c.article, c.start)


_NO_DATE = dt.date.min


def agreeing_clusters(figs: list[Fig]) -> list[list[str]]:
    """Within a clash, the sets of figures that agree among themselves (each set shares a common value)."""
    clusters: list[list[Fig]] = []
    ceiling = -INF
    for f in sorted(figs, key=lambda f: (f.lo, f.hi, f.claim.id)):
        if clusters and f.lo <= ceiling:
            clusters[-1].append(f)
            ceiling = min(ceiling, f.hi)
        else:
            clusters.append([f])
            ceiling = f.hi
    return [[f.claim.id for f in c] for c in clusters if len({f.claim.article for f in c}) > 1]


def _make_group(gid: str, key: tuple, figs: list[Fig], v: Judgement) -> ClaimGroup:
    topic, subject, scope, unit_class, measure, event = key
    claims = [f.claim for f in figs]  # callers pass figures in _claim_order
    units = sorted({c.unit for c in claims if c.unit})
    agreeing = agreeing_clusters(figs) if v.status == Status.CONFLICT and v.rule != "part-whole" else []
    return ClaimGroup(
        same_source=v.same_source,
        sources=independent_sources(claims),
        agreeing=agreeing,
        id=gid,
        topic=topic,
        subject="a part" if subject is not None and subject.startswith("a part (") else subject,
        scope=scope,
        status=v.status,
        claims=[c.id for c in claims],
        articles=sorted({c.article for c in claims}),
        reason=v.reason,
        rule=v.rule,
        unit="USD" if unit_class == "money" and len(units) > 1 else (units[0] if units else None),
        gap=v.gap,
        measure=measure,
        event=event,
        clash=list(v.clash),
    )


def _within_article(key: tuple, figs: list[Fig], cumulative: bool = False) -> list[ClaimGroup]:
    """One article giving two figures for the same thing on the same day (a headline against its own body)."""
    by_article: dict[str, list[Fig]] = defaultdict(list)
    for f in figs:
        by_article[f.claim.article].append(f)
    out = []
    for article, own in sorted(by_article.items()):
        if len(own) < 2 or len(by_article) == 1:
            continue  # a single-article group already says all this
        by_day: dict[str, list[Fig]] = defaultdict(list)
        for f in own:
            by_day[f.day].append(f)
        for day, same in sorted(by_day.items()):
            if len(same) < 2 or max(f.lo for f in same) <= min(f.hi for f in same):
                continue
            if cumulative and _grew_that_day(same):
                continue  # a live blog's toll told at 12:00 and again at 18:30
            high, low = _extreme_pair(same)
            if high.claim.headline == low.claim.headline:
                continue  # two figures in one text are most often two things (a part, another day): no finding
            where = "its headline against its own body"
            reason = (
                f"{high.label} gives both {figure_words(high.claim)} and {figure_words(low.claim)} for "
                f"{what(key[0], key[1], key[2], key[4], key[5])} ({where}{', ' + day if day else ''})."
            )
            v = Judgement(
                Status.CONFLICT, "within-article", reason, _gap(high, low), clash=(high.claim.id, low.claim.id)
            )
            out.append(_make_group(_gid("within", key, article, day), key, same, v))
    return out


def _part_of(key: tuple) -> list[tuple[tuple, str]]:
    """The wholes a group is a part of, each with the relation's name: only within one event and one measure."""
    topic, subject, scope, unit_class, measure, event = key
    out = []
    if scope is not None:
        out.append(((topic, subject, None, unit_class, measure, event), "a part cannot be larger than its whole"))
    if subject is not None:
        out.append(((topic, None, scope, unit_class, measure, event), "a part cannot be larger than its whole"))
    if topic == "hospitalized":
        whole_scope = None if scope in ("intensive care", "critical condition") else scope
        out.append(
            (
                ("injuries", subject, whole_scope, unit_class, measure, event),
                "the hospitalized are a subset of the injured",
            )
        )
    return out


def _part_whole(
    part_key: tuple,
    part: list[Fig],
    whole_key: tuple,
    whole: list[Fig],
    relation: str,
) -> ClaimGroup | None:
    """A part certainly larger than its whole, at a time when the whole could not have grown past it."""
    best: tuple[float, Fig, Fig] | None = None
    # Sort the wholes by date so each part figure meets the smallest whole that is not earlier than it.
    for p in part:
        for w in whole:
            if p.claim.article == w.claim.article and p.claim.sentence == w.claim.sentence:
                continue
            if p.claim.subject and w.claim.subject and p.claim.subject != w.claim.subject:
                continue  # "no officers were injured" bounds no count of the hostages taken to hospital
            comparable = not p.claim.as_of or not w.claim.as_of or p.claim.as_of <= w.claim.as_of
            if comparable and p.lo > w.hi:
                g = _gap(p, w)
                if (
                    best is None
                    or g > best[0]
                    or (g == best[0] and (p.claim.id, w.claim.id) < (best[1].claim.id, best[2].claim.id))
                ):
                    best = (g, p, w)
    if best is None:
        return None
    g, p, w = best
    topic, subject, scope, _, measure, event = part_key
    reason = (
        f"{cite(p)} for {what(topic, subject, scope, measure, event)} exceeds {cite(w)} for "
        f"{what(whole_key[0], whole_key[1], whole_key[2], whole_key[4], whole_key[5])}: {relation}."
    )
    v = Judgement(Status.CONFLICT, "part-whole", reason, g, clash=(p.claim.id, w.claim.id))
    pair = sorted([p, w], key=lambda f: _claim_order(f.claim))
    return _make_group(_gid("part", part_key, whole_key), part_key, pair, v)


def _bounded(figs: list[Fig], limit: int = 50) -> list[Fig]:
    """The few figures that can break a part/whole check: the highest floors or the lowest ceilings."""
    if len(figs) <= limit:
        return figs
    return heapq.nlargest(limit, figs, key=lambda f: f.lo) + heapq.nsmallest(limit, figs, key=lambda f: f.hi)


def compare(
    claims: Iterable[Claim],
    lex: Lexicon | None = None,
    labels: dict[str, str] | None = None,
    stories: dict[str, str | None] | None = None,
) -> list[ClaimGroup]:
    """All groups, ranked; reasons name each article by its label (`labels`: article id -> outlet or short id;
    the id itself where none is given). A corpus of many stories (`stories`: article id -> its story) is compared
    one story at a time: figures of two stories never share a group, and a story's groups carry its name (their
    ids too, so a group of one story never takes another's verdict). The cyclic garbage collector is paused
    meanwhile (see kzview.gcpause)."""
    with paused_gc():
        if not stories or not any(stories.values()):
            return _compare(claims, lex, labels)
        by_story: dict[str | None, list[Claim]] = defaultdict(list)
        for c in claims:
            by_story[stories.get(c.article)].append(c)
        groups: list[ClaimGroup] = []  # story by story (by name), each ranked as a corpus of its own
        for story, own in sorted(by_story.items(), key=lambda kv: (kv[0] is not None, kv[0] or "")):
            for g in _compare(own, lex, labels):
                groups.append(g if story is None else replace(g, id=_gid("story", story, g.id), story=story))
        return groups


def _compare(
    claims: Iterable[Claim], lex: Lexicon | None = None, labels: dict[str, str] | None = None
) -> list[ClaimGroup]:
    lex = lex or load_lexicon()
    buckets: dict[tuple, list[Fig]] = defaultdict(list)
    findings: list[ClaimGroup] = []
    compared: list[Claim] = []
    for c in claims:
        if c.finding:
            findings.append(
                ClaimGroup(
                    id=_gid("finding", c.id),
                    topic="other",
                    subject=None,
                    scope=None,
                    status=Status.CONFLICT,
                    claims=[c.id],
                    articles=[c.article],
                    reason=c.finding + ".",
                    rule="weekday",
                    sources=1,
                )
            )
        if compared_claim(c):
            compared.append(c)
    # One sort for everything: each bucket then holds its figures in the order groups list them.
    compared.sort(key=_claim_order)
    # A subject sets a group apart only where the texts count more than one kind of people for the same thing
    # ("19 children and two teachers"); where one kind alone is named ("sixty residents", "dozens of people"),
    # it describes the same count.
    named = frozenset(lex.subjects.values())
    sizes = lex.measures.units if lex.measures is not None else None
    toll_nouns = lex.implicit.toll_nouns
    kinds_named: dict[tuple, set[str | None]] = defaultdict(set)
    for c in compared:
        key = group_key(c, named, sizes)
        kinds_named[_subjectless(key)].add(key[1])
    for c in compared:
        key = group_key(c, named, sizes)
        kinds = kinds_named[_subjectless(key)]
        part = c.topic != "other" and told_as_part(c)  # (things "included seven AK-47s": a list, no part)
        zero_of_a_kind = c.low == 0 and c.high == 0 and c.subject is not None  # "no residents were killed"
        if zero_of_a_kind and key[1] is None:
            key = (key[0], c.subject, *key[2:])  # "no casualties among the responders": of them alone
        if key[1] is not None and len(kinds - {None}) == 1 and None in kinds and not part and not zero_of_a_kind:
            key = _subjectless(key)
        elif part and key[1] is None and c.subject:
            # "among the dead were 11 children", "twelve of the dead were women": a part, never pooled with the
            # whole, named as the text names it (a part that does not say of whom is left where it was: "83% of
            # the capacity", "one of the victims" are no kind of people)
            key = (key[0], c.subject, *key[2:])
        elif key[0] == "other" and key[4] is not None and c.kind == "count" and all_there_are(c):
            # "the bridge carried 40,000 vehicles a day", "had 12 coaches", "4.6 million customers in total": all
            # there are, never the ones an event befell ("sent 11 vehicles into the water")
            key = (*key[:4], f"{key[4]}, all there are", key[5])
        elif part and key[1] is None and (label := part_label(c, toll_nouns, lex.people)) is not None:
            # "33 people were injured, seven of them seriously": pooled with the 33, the seven would be a rival
            # total (and the whole of the parts told elsewhere)
            key = (key[0], label, *key[2:])
        buckets[key].append(to_fig(c, lex, labels))
    either = lex.measures.either if lex.measures is not None else {}
    for key, figs in buckets.items():
        if either and figs[0].claim.unit and all((f.claim.unit or "").lower() in either for f in figs):
            # figures all on one unsaid scale ("minus 17 degrees", "minus 20"): told alike, compared as they stand
            buckets[key] = [to_fig(f.claim, lex, labels, either=False) for f in figs]
    groups: list[ClaimGroup] = []
    for key, figs in buckets.items():
        told = [predicate(f.claim) for f in figs]
        growing = key[0] == "other" and (
            (any(p in _GROWING for p in told) and all(p is None or p in _GROWING for p in told))
            or _growing_measure(key[4])  # "people rescued", however each outlet words it ("pulled 76 alive")
        )
        if growing:
            # "had destroyed 212 homes", later "destroyed 486 homes": damage that grows as a fire burns on, judged as
            # a count that only grows
            v = judge(figs, "growing damage", True)
        else:
            v = judge(figs, key[0], lex.cumulative.get(key[0], False))
        groups.append(_make_group(_gid(*key), key, figs, v))
        groups.extend(_within_article(key, figs, growing or lex.cumulative.get(key[0], False)))
    killed = {(k[5], k[2]) for k, figs in buckets.items() if k[0] == "deaths" and any(f.lo > 0 for f in figs)}
    for key, figs in buckets.items():
        if figs[0].claim.kind == "percent":
            continue  # a share of a part is no part of the share of the whole: 90% of one town's homes, 40% of all
        for whole_key, relation in _part_of(key):
            whole = buckets.get(whole_key)
            if whole_key[0] == "injuries" and key[0] == "hospitalized" and (key[5], whole_key[2]) in killed:
                continue  # the dead were taken to hospital too: the hospitalized are not all among the injured
            if whole:
                g = _part_whole(key, _bounded(figs), whole_key, _bounded(whole), relation)
                if g is not None:
                    groups.append(g)
    groups.extend(findings)
    return rank(groups, weak_groups(groups, compared))


def weak_groups(groups: list[ClaimGroup], claims: Iterable[Claim]) -> set[str]:
    """The groups whose clash rests on a word alone ("several"), ranked after clashes between numbers."""
    by_id = {c.id: c for c in claims}
    return {g.id for g in groups if any(_word_only(by_id.get(cid)) for cid in g.clash)}


def _word_only(c: Claim | None) -> bool:
    """A figure given by a word alone ("several", "scores", "dozens"): a clash with it is read from less."""
    return c is not None and c.approximate and c.qualifier is None and not any(ch.isdigit() for ch in c.surface)


def rank(groups: list[ClaimGroup], weak: set[str] | frozenset[str] = frozenset()) -> list[ClaimGroup]:
    """The story's groups, then other events': conflicts first (casualty topics before other measures, then one
    source contradicting itself, the widest gap, the most independent sources), then updates, consistent groups,
    single-source groups."""

    def key(g: ClaimGroup) -> tuple:
        return (
            g.event is not None,  # the story's groups first, then other events'
            STATUS_ORDER[g.status],
            g.id in weak,  # "several" against "two": after clashes between numbers
            g.topic == "other",  # the casualty topics first: a measure is read from fewer words, so less surely
            not g.same_source,
            -g.gap,
            -g.sources,
            -len(g.articles),
            g.topic,
            g.subject or "",
            g.scope or "",
            g.id,
        )

    return sorted(groups, key=key)

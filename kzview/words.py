"""The words and glyphs people read for claims and groups: one place for the CLI, the exports and the app alike.

Headless and light (the standard library, kzview.kinds and kzview.safe): the app's first frame imports it.
Every string made from article text goes through kzview.safe where it is shown in a terminal; these functions
make words, they print nothing.
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Iterable
from typing import TYPE_CHECKING

from kzview.kinds import Status
from kzview.safe import one_line

if TYPE_CHECKING:
    from kzview.model import Claim, ClaimGroup

# A group's status as a glyph and a word (the table's first column, the evidence screen, the report).
STATUS_WORDS = {
    Status.CONFLICT: "✗ conflict",
    Status.UPDATE: "↗ update",
    Status.CONSISTENT: "✓ agree",
    Status.SINGLE: "· single",
}


def count_words(n: int, noun: str, plural: str | None = None) -> str:
    """ "1 article", "2,000 articles": the count with its thousands marked and the noun in the number it takes."""
    return f"{n:,} {noun if n == 1 else plural or noun + 's'}"


def figure_words(c: Claim) -> str:
    """A figure as the article wrote it, on one line, without quotation marks around it."""
    return " ".join(c.surface.split()).strip('“”"‘’«»')


def source_words(c: Claim, date: bool = True, label: str | None = None) -> str:
    """Where a figure comes from: its article's label, its source, its date ("bbc.co.uk, police, 2024-05-02")."""
    parts = [label or c.article]
    if c.attribution:
        parts.append(c.attribution)
    if date:
        parts.append(c.as_of.isoformat() if c.as_of else "undated")
    return ", ".join(parts)


def is_share(topic: str, measure: str | None) -> bool:
    """Whether a group measures a share ("share of traffic"), whose scope is whose share it is or where it was."""
    return topic == "other" and measure is not None and measure.startswith("share")


def what(
    topic: str, subject: str | None, scope: str | None, measure: str | None = None, event: str | None = None
) -> str:
    """What a group measures, in a reason's words: "deaths of civilians in Almaty", "magnitude (March 2024)"."""
    words = measure if topic == "other" and measure else topic
    if subject:
        words += f" of {subject}"
    if scope and is_share(topic, measure):
        words += f", {scope}"  # a share's scope is whose it is or where: "share of capacity, Brightline"
    else:
        words += f" in {scope}" if scope else (" in the whole event" if event is None else "")
    if event is not None:
        words += f" ({event})"
    return words


def interval_words(low: float | int | None, high: float | int | None) -> str:
    """A claim's interval for people: "5,000..∞", "7,200..8,000"."""

    def one(v: float | int | None) -> str:
        if v is None:
            return "∞"
        return f"{v:,.0f}" if float(v).is_integer() else f"{v:,}"

    return f"{one(low)}..{one(high)}"


def number_words(v: float) -> str:
    """A number in a reason: "5,000", "4.6"."""
    return f"{v:,.0f}" if abs(v) >= 10 or float(v).is_integer() else f"{v:g}"


def independent_sources(claims: Iterable[Claim]) -> int:
    """Outlets repeating one official figure are one piece of evidence: count distinct attributions, and each
    article whose figure is unattributed as a source of its own."""
    return len({("by", c.attribution) if c.attribution else ("article", c.article) for c in claims})


def sources_words(claims: Iterable[Claim], labels: dict[str, str] | None = None) -> str:
    """How many articles give a group's figures and how many independent sources that is, in words, saying why
    they differ: "4 articles, 2 independent sources (3 of them repeat the ministry)"."""
    claims = list(claims)
    articles = {c.article for c in claims}
    n = len(articles)
    words = count_words(n, "article")
    independent = independent_sources(claims)
    if independent >= n:
        return words
    by_source: dict[str, set[str]] = defaultdict(set)
    for c in claims:
        if c.attribution:
            by_source[c.attribution].add(c.article)
    repeats = sorted(((len(arts), who) for who, arts in by_source.items() if len(arts) > 1), reverse=True)
    why = "; ".join(f"{k} of them repeat {who}" for k, who in repeats[:3])
    return f"{words}, {count_words(independent, 'independent source')}" + (f" ({why})" if why else "")


def short_id(article_id: str) -> str:
    """`002_6d31b14c13160f05` -> `002`: the part before the first underscore, when there is one. An id is a file
    name, so it is hostile input: the result is display-safe (no terminal control reaches the screen)."""
    head = article_id.split("_", 1)[0]
    return one_line(head if head and len(head) < len(article_id) else article_id[:12])


_DOMAIN_ENDINGS = re.compile(r"(?:\.(?:com|org|net|co|gov|edu|ac|blogspot|go|news|info))*(?:\.[a-z]{2,3})?$")


def short_label(label: str) -> str:
    """An outlet's label without its domain ending, for a narrow pane: "forbes.com" -> "forbes",
    "news.bbc.co.uk" -> "news.bbc"; anything else as it is."""
    name, _, suffix = label.partition(" ")  # "nbcphiladelphia.com 01": one outlet's first article
    if "." not in name or " " in suffix:
        return label
    return (_DOMAIN_ENDINGS.sub("", name) or name) + (f" {suffix}" if suffix else "")


# A narrow pane names the topic in a short word, to leave room for what tells two groups apart (the subject or the
# place: "dead · security forces" beside "dead · in Almaty").
SHORT_TOPICS = {
    "deaths": "dead",
    "injuries": "hurt",
    "arrests": "held",
    "hospitalized": "in hosp.",
    "displaced": "displ.",
    "participants": "crowd",
    "population": "pop.",
}


def what_words(g: ClaimGroup, short: bool = False) -> str:
    """A group's row name in the table: "deaths · civilians · in Almaty · [March 2024]"."""
    if g.rule == "weekday":
        return "date: weekday"
    topic = SHORT_TOPICS.get(g.topic, g.topic) if short and (g.subject or g.scope) else g.topic
    bits = [g.measure if g.topic == "other" and g.measure else topic]
    if g.subject:
        bits.append(g.subject)
    if g.scope:
        bits.append(g.scope if is_share(g.topic, g.measure) else f"in {g.scope}")
    if g.rule == "part-whole":
        bits.append("(part > whole)")
    if g.event:
        bits.append(f"[{g.event}]")
    return " · ".join(bits)


BLOCKS = "▁▂▃▄▅▆▇█"


def timeline(claims: list[Claim]) -> str:
    """A one-line sparkline of a figure over its dates: "2023-02-06 ▁▄█ 2023-02-08  (1,500 → 11,000)"."""
    points: dict[str, float] = {}
    for c in claims:
        if c.as_of is None:
            continue
        v = c.low if c.low is not None else c.high
        if v is None:
            continue
        day = c.as_of.isoformat()
        points[day] = max(points.get(day, float(v)), float(v))
    if len(points) < 2:
        return "timeline: one date only"
    days = sorted(points)
    lo, hi = min(points.values()), max(points.values())
    span = (hi - lo) or 1.0
    bars = "".join(BLOCKS[round((points[d] - lo) / span * (len(BLOCKS) - 1))] for d in days)
    return f"timeline {days[0]} {bars} {days[-1]}  ({points[days[0]]:,.0f} → {points[days[-1]]:,.0f})"

"""Separating the story from the page around it: title, date marker, front matter, furniture regions.

Nothing here removes text: offsets must stay valid. Regions mark what is not the story, so extraction skips it
and the app shows it dimmed.
"""

from __future__ import annotations

import datetime as dt
import re
import tomllib
from dataclasses import dataclass, field
from functools import cache
from importlib import resources

from kzview.dates import find_dates, printed_date, resolve
from kzview.model import Region

_DATE_MARKER = re.compile(r"^[ \t]*date[:\s][ \t]*(\d{4}-\d{2}-\d{2})\b[ \t]*", re.IGNORECASE | re.MULTILINE)
_FRONT_MATTER = re.compile(r"\A---[ \t]*\n(.*?)\n---[ \t]*(\n|\Z)", re.DOTALL)
_BREADCRUMB = re.compile(r"^(home|start)\b(\s*[»>/|›]\s*|\s+)", re.IGNORECASE)
_TERMINAL = tuple('.!?…:;"”’)')
_WORD = re.compile(r"\w+")
MAX_FURNITURE_LINE = 600  # characters: furniture patterns are only tried on lines this short


@dataclass(frozen=True)
class Patterns:
    line: re.Pattern[str]
    tail: re.Pattern[str]
    caption: re.Pattern[str]
    bio: re.Pattern[str]


def _join(patterns: list[str]) -> re.Pattern[str]:
    return re.compile("|".join(f"(?:{p})" for p in patterns), re.IGNORECASE)


@cache
def furniture_patterns() -> Patterns:
    data = tomllib.loads(resources.files("kzview.data").joinpath("furniture.toml").read_text("utf-8"))
    return Patterns(
        line=_join(data["line"]["patterns"]),
        tail=_join(data["tail"]["patterns"]),
        caption=_join(data["caption"]["patterns"]),
        bio=_join(data["bio"]["patterns"]),
    )


@dataclass
class Cleaned:
    title: str
    title_span: tuple[int, int] | None
    date: dt.date | None
    date_inferred: bool
    outlet: str | None
    regions: list[Region] = field(default_factory=list)


def _lines(text: str) -> list[tuple[int, int]]:
    """(start, end) of each line's stripped content, skipping blank lines."""
    out = []
    pos = 0
    for raw in text.split("\n"):
        stripped = raw.strip()
        if stripped:
            lead = len(raw) - len(raw.lstrip())
            out.append((pos + lead, pos + lead + len(stripped)))
        pos += len(raw) + 1
    return out


def _norm(s: str) -> str:
    return " ".join(_WORD.findall(s.lower()))


def _front_matter(text: str) -> tuple[dict[str, str], tuple[int, int] | None]:
    m = _FRONT_MATTER.match(text)
    if not m:
        return {}, None
    meta: dict[str, str] = {}
    for line in m.group(1).split("\n"):
        key, sep, value = line.partition(":")
        if sep and key.strip():
            meta[key.strip().lower()] = value.strip().strip("'\"")
    return meta, (0, m.end())


def _parse_date(value: str) -> dt.date | None:
    try:
        return dt.date.fromisoformat(value.strip()[:10])
    except ValueError:
        return None


def clean(text: str) -> Cleaned:
    pats = furniture_patterns()
    regions: list[Region] = []
    meta, fm_span = _front_matter(text)
    if fm_span:
        regions.append(Region(start=fm_span[0], end=fm_span[1], kind="metadata", reason="front matter"))
    date = _parse_date(meta["date"]) if "date" in meta else None
    marker = _DATE_MARKER.search(text, fm_span[1] if fm_span else 0)
    if marker and marker.start() > 400:
        marker = None
    if marker:
        regions.append(Region(start=marker.start(), end=marker.end(), kind="metadata", reason="date marker"))
        date = date or _parse_date(marker.group(1))

    lines = _lines(text)
    if fm_span:
        lines = [(s, e) for s, e in lines if s >= fm_span[1]]
    # The date the article prints for itself (a dateline or a "Posted ..." stamp): shown as a date, not dimmed.
    stamp = printed_date(text, lines) if date is None else None
    stamp_span = (stamp.line_start, stamp.line_end) if stamp else None
    if stamp and date is None and stamp.year is not None:
        date = stamp.date()
    if stamp_span:
        regions.append(Region(start=stamp_span[0], end=stamp_span[1], kind="dateline", reason="the article's date"))

    def content(span: tuple[int, int]) -> tuple[int, int]:
        s, e = span
        if marker and s <= marker.end() <= e:
            s = marker.end()
        return s, e

    # The title: the first of the opening lines that reads as a headline.
    title_span: tuple[int, int] | None = None
    title = meta.get("title", "")
    for span in lines[:8]:
        s, e = content(span)
        line = text[s:e][:MAX_FURNITURE_LINE]
        words = _WORD.findall(line)
        # a headline has three words or more ("Teenage son held", "Ferry fire kills 12"), or two with a verb in lower
        # case ("Ferry sinks"); shorter lines, and two capitalised words ("Top Stories"), are labels of the page
        short = len(words) < 3 and not (len(words) == 2 and any(w[:1].islower() for w in words))
        if (s, e) == stamp_span or short or pats.line.fullmatch(line) or _BREADCRUMB.match(line):
            continue
        if pats.caption.fullmatch(line) or pats.bio.fullmatch(line):
            continue
        title_span = (s, e)
        break
    if not title and title_span:
        title = text[title_span[0] : title_span[1]]
    if not title and lines:
        s, e = content(lines[0])
        title = text[s:e][:200]

    # Line by line: furniture, bios, captions, repeats, and the tail of related links and comments.
    # Repeats: any exact repeat of an earlier line (a set), and lines contained in, or containing, the title or
    # one of the opening lines, where scraped pages repeat their headline, lead and breadcrumbs. Bounded, so a
    # text of 100,000 lines stays linear.
    kept: list[str] = [_norm(text[title_span[0] : title_span[1]])] if title_span else []
    seen_lines: set[str] = set(kept)
    tail_from: int | None = None
    n = len(lines)
    for i, span in enumerate(lines):
        s, e = content(span)
        if s >= e or (title_span and (s, e) == title_span) or (s, e) == stamp_span:
            continue
        line = text[s:e]
        if len(line) > MAX_FURNITURE_LINE:
            # story text, not a menu, banner or caption; only an exact repeat of it is marked
            norm = _norm(line)
            if norm in seen_lines:
                regions.append(Region(start=s, end=e, kind="duplicate", reason="repeats text shown earlier"))
            seen_lines.add(norm)
            continue
        if tail_from is None and s > len(text) * 0.5 and pats.tail.fullmatch(line):
            tail_from = s
            break
        kind, reason = None, ""
        if pats.bio.fullmatch(line):
            kind, reason = "bio", "author's biography or contact details"
        elif pats.line.fullmatch(line):
            kind, reason = "furniture", "site furniture"
        elif pats.caption.fullmatch(line):
            kind, reason = "caption", "photo or video caption"
        else:
            nxt = text[lines[i + 1][0] : lines[i + 1][1]] if i + 1 < n else ""
            prev = text[lines[i - 1][0] : lines[i - 1][1]] if i > 0 else ""
            no_stop = not line.endswith(_TERMINAL)
            if no_stop and len(nxt) > len(line) and nxt.startswith(line):
                kind, reason = "caption", "caption (repeated with a credit on the next line)"
            elif prev and not prev.endswith(_TERMINAL) and len(line) > len(prev) and line.startswith(prev):
                kind, reason = "caption", "caption with photo credit"
        if kind is None:
            norm = _norm(line)
            if len(norm) >= 20 and (norm in seen_lines or any(norm in k or (len(k) >= 20 and k in norm) for k in kept)):
                kind, reason = "duplicate", "repeats text shown earlier"
            else:
                seen_lines.add(norm)
                if len(kept) < 40:
                    kept.append(norm)
        if kind:
            regions.append(Region(start=s, end=e, kind=kind, reason=reason))
    if tail_from is not None:
        regions.append(Region(start=tail_from, end=len(text), kind="furniture", reason="related links and comments"))
    regions.sort(key=lambda r: r.start)

    date_inferred = False
    if date is None:
        # The latest date the story itself mentions: full dates, then "January 9" read in their year.
        mentions = [
            d
            for d in find_dates(text)
            if d.is_calendar and not any(r.start <= d.start < r.end and r.kind != "caption" for r in regions)
        ]
        full = [resolve(d, None) for d in mentions if d.is_full]
        days = [d for d in full if d is not None]
        if days:
            base = max(days)
            days += [d for d in (resolve(m, base) for m in mentions if not m.is_full) if d is not None]
            date, date_inferred = max(days), True
    return Cleaned(
        title=title,
        title_span=title_span,
        date=date,
        date_inferred=date_inferred,
        outlet=meta.get("outlet") or meta.get("source") or None,
        regions=regions,
    )

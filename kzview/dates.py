"""Finding dates in English news text and resolving them to calendar days.

Pure functions over strings. A mention is resolved against an anchor (the article's date): a partial date such
as "January 9" takes the year that puts it nearest the anchor, a bare weekday ("on Sunday") is the latest such day
on or before the anchor, "yesterday" and "last night" are the day before it.
"""

from __future__ import annotations

import calendar
import datetime as dt
import re
from dataclasses import dataclass

from kzview.spans import DisjointSpans

MONTHS: dict[str, int] = {}
for _i, _name in enumerate(calendar.month_name):
    if _name:
        MONTHS[_name.lower()] = _i
        MONTHS[_name[:3].lower()] = _i
MONTHS["sept"] = 9

WEEKDAYS = {name.lower(): i for i, name in enumerate(calendar.day_name)}
CALENDAR_WORDS = frozenset(n for n in (*calendar.month_name, *calendar.day_name) if n)  # "May", "Sunday", …

_MONTH = (
    r"(?P<month>January|February|March|April|May|June|July|August|September|October|November|December|"
    r"Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sept|Sep|Oct|Nov|Dec)(?![a-z])(?:(?:(?<=\b(?:Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sep|Oct|Nov|Dec))|(?<=Sept))\.)?"
)  # a whole word ("18 separate" is none); a dot only after a short form ("Jan. 9"; "14 July. 2. Deaths" ends there)
_WEEKDAY = r"(?P<weekday>Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)"
_DAY = r"(?P<day>[0-3]?\d)(?:st|nd|rd|th)?"
_YEAR = r"(?P<year>(?:1[89]|20)\d\d)"

# "Sunday, January 9, 2022" / "January 9" / "Jan. 9 2022"
_MDY = re.compile(
    rf"\b(?:{_WEEKDAY},?\s+(?:the\s+)?)?{_MONTH}[ \t\u00a0]+{_DAY}(?![\d:])(?:,?\s+{_YEAR}\b)?", re.IGNORECASE
)  # (the day on the month's line: "... 14 July.\n2. Deaths" is no July 2)
# "Sunday 9 January 2022" / "9 January" / "the 9th of January"
_DMY = re.compile(rf"\b(?:{_WEEKDAY},?\s+(?:the\s+)?)?{_DAY}\s+(?:of\s+)?{_MONTH}(?:,?\s+{_YEAR}\b)?", re.IGNORECASE)
_ISO = re.compile(r"\b(?P<year>(?:19|20)\d\d)-(?P<month>0[1-9]|1[0-2])-(?P<day>[0-3]\d)\b")
_BARE_WEEKDAY = re.compile(
    rf"\b(?P<last>last\s+|this\s+|on\s+|since\s+)?{_WEEKDAY}(?P<night>\s+night)?\b", re.IGNORECASE
)
_RELATIVE = re.compile(
    r"\b(?P<rel>yesterday|last\s+night|overnight|today|tonight|this\s+morning|earlier\s+today)\b", re.IGNORECASE
)


@dataclass(frozen=True, slots=True)
class DateMention:
    start: int
    end: int
    surface: str
    year: int | None
    month: int | None
    day: int | None
    weekday: int | None  # 0 = Monday
    relative: str | None = None  # "yesterday", "last night", "today", "weekday", "last weekday"

    @property
    def is_full(self) -> bool:
        return self.year is not None and self.month is not None and self.day is not None

    @property
    def is_calendar(self) -> bool:
        return self.month is not None and self.day is not None


def _valid(year: int, month: int, day: int) -> bool:
    try:
        dt.date(year, month, day)
    except ValueError:
        return False
    return True


def find_dates(text: str) -> list[DateMention]:
    """Every date mention in `text`, in order, without overlaps (the longest reading wins)."""
    found: list[DateMention] = []
    taken = DisjointSpans()

    def add(m: DateMention) -> None:
        if not taken.overlaps(m.start, m.end):
            found.append(m)
            taken.add(m.start, m.end)

    for m in _ISO.finditer(text):
        y, mo, d = int(m["year"]), int(m["month"]), int(m["day"])
        if _valid(y, mo, d):
            add(DateMention(m.start(), m.end(), m.group(0), y, mo, d, None))
    for rx in (_MDY, _DMY):
        for m in rx.finditer(text):
            month = MONTHS[m["month"].lower().rstrip(".")]
            day = int(m["day"])
            if not 1 <= day <= 31:
                continue
            year = int(m["year"]) if m["year"] else None
            if year is not None and not _valid(year, month, day):
                continue
            if year is None and not _valid(2000, month, day):  # 2000 is a leap year
                continue
            # "May" is also a verb: never in lower case ("30 may have died"), and written alone only with a day
            # right after it or a weekday
            if m["month"] == "may" or (m["month"].lower() == "may" and m.group(0)[0].islower()):
                continue
            wd = WEEKDAYS[m["weekday"].lower()] if m["weekday"] else None
            add(DateMention(m.start(), m.end(), m.group(0), year, month, day, wd))
    for m in _RELATIVE.finditer(text):
        rel = " ".join(m["rel"].lower().split())
        add(DateMention(m.start(), m.end(), m.group(0), None, None, None, None, relative=rel))
    for m in _BARE_WEEKDAY.finditer(text):
        wd = WEEKDAYS[m["weekday"].lower()]
        last = (m["last"] or "").strip().lower()
        rel = "last weekday" if last == "last" else "weekday"
        start = m.start("weekday") if last in ("on", "since", "") else m.start()
        add(DateMention(start, m.end(), text[start : m.end()], None, None, None, wd, relative=rel))
    found.sort(key=lambda d: d.start)
    return found


def resolve(mention: DateMention, anchor: dt.date | None) -> dt.date | None:
    """The calendar day a mention names, or None when the text and anchor do not pin it down."""
    if mention.is_full:
        return dt.date(mention.year, mention.month, mention.day)  # type: ignore[arg-type]
    if mention.is_calendar:
        if anchor is None:
            return None
        best: dt.date | None = None
        for year in (anchor.year - 1, anchor.year, anchor.year + 1):
            if _valid(year, mention.month, mention.day):  # type: ignore[arg-type]
                cand = dt.date(year, mention.month, mention.day)  # type: ignore[arg-type]
                if best is None or abs((cand - anchor).days) < abs((best - anchor).days):
                    best = cand
        return best
    if anchor is None:
        return None
    rel = mention.relative
    if rel in ("yesterday", "last night"):
        return anchor - dt.timedelta(days=1)
    if rel in ("today", "tonight", "this morning", "earlier today", "overnight"):
        return anchor
    if rel in ("weekday", "last weekday") and mention.weekday is not None:
        back = (anchor.weekday() - mention.weekday) % 7
        if rel == "last weekday" and back == 0:
            back = 7
        return anchor - dt.timedelta(days=back)
    return None


def weekday_mismatch(mention: DateMention, anchor: dt.date | None) -> str | None:
    """A sentence a fact-checker can verify when a written weekday does not fall on its date, else None."""
    if mention.weekday is None or not mention.is_calendar:
        return None
    day = resolve(mention, anchor)
    if day is None or day.weekday() == mention.weekday:
        return None
    written = calendar.day_name[mention.weekday]
    actual = calendar.day_name[day.weekday()]
    return f"“{mention.surface}”: {day:%B} {day.day}, {day.year} was a {actual}, not a {written}"


# ---------------------------------------------------------------------------------------------------------------
# The date an article prints for itself: a dateline or a stamp ("Posted 3/14/2006 6:05 PM", "Last updated:
# Tuesday, 14 March 2006, 09:12 GMT", "Published: June 2, 2009", "Jun 3, 2012, 04.10AM IST", "(March 20, 2007) -").

_NUMERIC = re.compile(r"(?<![\d/.])(?P<a>[01]?\d|[23]\d)[/.-](?P<b>[0-3]?\d)[/.-](?P<y>(?:19|20)\d\d|\d\d)(?![\d/])")
_STAMP_WORD = re.compile(
    r"^\W*(?:(?:last|first|originally)\s+)?(?:posted|updated|published|modified|created|written|date[ds]?|"
    r"filed|released|issued)\b(?:\s+(?:on|at))?",
    re.IGNORECASE,
)
_STAMP_NOISE = re.compile(
    r"\b(?:posted|updated|published|modified|on|at|by|hrs|gmt|utc|bst|est|edt|pst|pdt|cst|cdt|mst|mdt|"
    r"ist|cet|cest|hkt|aest|aedt|akdt|akst|hst|nzst|nzdt|sast|msk|wib|pht|sgt|jst|kst|eat|wat|pkt|brt|ict|"
    r"et|pt|am|pm|created|story|a\.m|p\.m|[ap]\.?m\.?)\b|\d{1,2}[:.]\d\d(?::\d\d)?\s*(?:[ap]\.?m\.?)?|"
    r"\b\d{3,4}\s*(?:gmt|utc)\b|[^\w\s]",
    re.IGNORECASE,
)
_STAMP_ANYWHERE = re.compile(r"\b(?:posted|published|updated|filed|issued|released|dated)\b", re.IGNORECASE)
STAMP_LINES = 6  # a printed date stands in the opening lines
STAMP_MAX_CHARS = 200


@dataclass(frozen=True, slots=True)
class PrintedDate:
    """A date the article prints for itself. `year` may be None ("Mumbai, Nov 11 -"): the corpus supplies it.
    `alternative` is the day-first reading of an ambiguous numeric date ("11/09/2010")."""

    line_start: int
    line_end: int
    year: int | None
    month: int
    day: int
    alternative: dt.date | None = None

    def date(self, anchor: dt.date | None = None) -> dt.date | None:
        if self.year is not None:
            first = dt.date(self.year, self.month, self.day)
            if self.alternative is not None and anchor is not None:
                # month first, as most English news prints it, unless only the day-first reading falls within a
                # month of the corpus's other dates ("11/09/2010" on a site that prints the day first)
                near = abs((self.alternative - anchor).days)
                if near <= 31 < abs((first - anchor).days):
                    return self.alternative
            return first
        return resolve(DateMention(0, 0, "", None, self.month, self.day, None), anchor)


_YMD = re.compile(r"(?<![\d/.])(?P<y>(?:19|20)\d\d)[/.](?P<m>[01]?\d)[/.](?P<d>[0-3]?\d)(?![\d/])")


def _numeric_dates(line: str) -> list[tuple[int, int, int, int, dt.date | None]]:
    """(position, year, month, day, the other reading) of each numeric date: month first, as US news prints it,
    unless only the day-first reading is a date or the parts are set apart by dots ("12.05.2025" is 12 May);
    "2012.08.08" year first."""
    out: list[tuple[int, int, int, int, dt.date | None]] = []
    for m in _YMD.finditer(line):
        y, mo, d = int(m["y"]), int(m["m"]), int(m["d"])
        if _valid(y, mo, d):
            out.append((m.start(), y, mo, d, None))
    for m in _NUMERIC.finditer(line):
        a, b, y = int(m["a"]), int(m["b"]), int(m["y"])
        if y < 100:
            y += 2000 if y < 50 else 1900
        mdy = _valid(y, a, b) and 1 <= a <= 12
        dmy = _valid(y, b, a) and 1 <= b <= 12
        if dmy and "." in m.group(0):
            # "12.05.2025": dots are written day first (Europe, Asia, Africa); US news prints slashes
            out.append((m.start(), y, b, a, dt.date(y, a, b) if mdy and a != b else None))
        elif mdy:
            alt = dt.date(y, b, a) if dmy and a != b else None
            out.append((m.start(), y, a, b, alt))
        elif dmy:
            out.append((m.start(), y, b, a, None))
    return out


def _is_stamp(line: str, first_at: int, mention_end: int) -> bool:
    """A line is a stamp when it says so ("Posted ...", "Updated: ..."), or holds little besides its date
    ("April 10, 2007-7:07AM", "TNN Nov 12, 2011, 05.51AM IST MUMBAI:", "Mumbai, Nov 11 -")."""
    if _STAMP_WORD.match(line) and len(line) <= 120:
        return True
    rest = _STAMP_NOISE.sub(" ", line[:first_at] + " " + line[mention_end:])
    if len(rest.split()) <= 2:
        return True
    # "Valley News (English service) | 25.07.2025", "Ministry of Interior | Press release | 28.04.2025": a masthead
    # that ends on its date, set apart by a bar, a dot or a dash
    closes = not _STAMP_NOISE.sub(" ", line[mention_end:]).strip()
    if len(line) <= 120 and _MASTHEAD_BREAK.search(line[:first_at]):
        if closes or _MASTHEAD_NEXT.match(line, mention_end):
            return True  # "The Valley Tribune | 04/03/2025 | Our Correspondent", "Andes Report — 19.3.2025 — By ..."
    parts = _MASTHEAD_SPLIT.split(line[:first_at])
    if len(parts) > 1 and len(line) <= 120 and (closes or _MASTHEAD_NEXT.match(line, mention_end)):
        # "Staff Reporter | The Chronicle | Hyderpur, 15.7.2025", "Roundup — week ending Friday 21/03/2025": a
        # masthead whose last part is a place or a few words of the date's own
        if len(_STAMP_NOISE.sub(" ", parts[-1]).split()) <= 3:
            return True
    # "... posted in Accidents on Friday, September 20, 2013.": a stamp word, and the date closes the line
    return bool(_STAMP_ANYWHERE.search(line)) and (closes or not line[mention_end:].strip(" )|-–—."))


_MASTHEAD_BREAK = re.compile(r"(?:\||·|•|\s[-–—]|[-–—]\s)\s*$")
_MASTHEAD_SPLIT = re.compile(r"\||·|•|\s[-–—]\s")
_MASTHEAD_NEXT = re.compile(r"\s*(?:,?\s*\d{1,2}[:.]\d\d\s*(?:[ap]\.?m\.?)?\s*)?(?:\||·|•|[-–—]\s)")


def printed_date(text: str, lines: list[tuple[int, int]]) -> PrintedDate | None:
    """The first stamp among the opening lines (`lines`: spans of non-blank lines), else None."""
    for s, e in lines[:STAMP_LINES]:
        line = text[s:e]
        if len(line) > STAMP_MAX_CHARS:
            continue
        cands: list[tuple[int, int, int | None, int, int, dt.date | None]] = []
        for d in find_dates(line):
            if d.is_calendar:
                cands.append((d.start, d.end, d.year, d.month, d.day, None))  # type: ignore[arg-type]
        for pos, y, mo, dd, alt in _numeric_dates(line):
            m = _NUMERIC.match(line, pos) or _YMD.match(line, pos)
            if not any(c[0] <= pos < c[1] for c in cands):
                cands.append((pos, m.end() if m else pos, y, mo, dd, alt))
        if not cands:
            continue
        cands.sort()
        start, end, year, month, day, alt = cands[0]
        if year is None and not _STAMP_WORD.match(line) and start > 40:
            continue
        bare = line
        for c in reversed(cands[1:]):
            bare = bare[: c[0]] + " " * (c[1] - c[0]) + bare[c[1] :]  # "on April 30, 2008, updated April 30, 2008"
        if _is_stamp(bare, start, end):
            return PrintedDate(s, e, year, month, day, alt)
    return None

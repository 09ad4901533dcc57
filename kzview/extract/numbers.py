"""Finding figures in text: digits, number words, vague quantities, ranges, money, percentages.

`find_figures` returns every figure with its surface (qualifier included), exact offsets and the interval the
words allow. It knows nothing of topics; it does know what is *not* a figure: years, dates, times of day, phone
numbers and other identifiers, ordinals, ages and clause numbers.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from kzview.dates import CALENDAR_WORDS, find_dates
from kzview.extract.lexicon import Lexicon, Qualifier
from kzview.spans import DisjointSpans, SpanIndex

_UNITS = (
    "zero one two three four five six seven eight nine ten eleven twelve thirteen fourteen fifteen "
    "sixteen seventeen eighteen nineteen"
).split()
_TENS = "twenty thirty forty fifty sixty seventy eighty ninety".split()
WORD_VALUES = {w: i for i, w in enumerate(_UNITS)} | {w: (i + 2) * 10 for i, w in enumerate(_TENS)}
_SCALES = {
    "hundred": 100,
    "thousand": 1_000,
    "million": 1_000_000,
    "billion": 1_000_000_000,
    "trillion": 1_000_000_000_000,
    "lakh": 100_000,  # Indian English: "4.7 lakh people", "two crore"
    "lakhs": 100_000,
    "crore": 10_000_000,
    "crores": 10_000_000,
}
_SHORT_SCALES = {
    "k": 1_000,
    "m": 1_000_000,
    "mn": 1_000_000,
    "mln": 1_000_000,
    "b": 1_000_000_000,
    "bn": 1_000_000_000,
    "tn": 1_000_000_000_000,
}

_NUMWORD = "|".join([*_UNITS, *_TENS, "hundred", "thousand", "million", "billion", "dozen", "lakhs?", "crores?"])
_WORDS_RX = re.compile(
    rf"\b(?:(?:a|an)\s+(?=(?:hundred|thousand|million|billion|dozen)\b))?(?:{_NUMWORD})"
    rf"(?:(?:\s+and\s+|[\s-]+)(?:{_NUMWORD})\b)*\b",
    re.IGNORECASE,
)
_DIGITS_RX = re.compile(
    r"(?P<cur>US\$|\$US|AU\$|A\$|\$A|CA\$|C\$|HK\$|NZ\$|S\$|R\$|\$|€|£|¥|₽|₸|₹|₱|₦|₩|"
    r"(?<![A-Za-z])(?:Rs\.?|KSh\.?|Ksh\.?|Sh\.?|Tk\.?|PHP|BRL|KES|NGN|PKR|INR|ZAR|EUR|GBP|USD)(?=\s?\d))?\s?"
    r"(?P<num>\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d{1,3}(?:[ \u00a0\u202f]\d{3})+(?![\d,.]\d)|\d{1,3}(?:\.\d{3}){2,}"
    r"|\d+(?:\.\d+)?)"
    # the scale: "19 million", "$4.5-million", "3 mn", "5bn"; "m", "k", "b" only glued (and kept for money)
    r"(?P<scale>[\s-]?(?:million|billion|trillion|thousand|lakhs?|crores?)\b|\s?(?:bn|mn|mln|tn)\b|(?:m|k|b)\b)?",
    re.IGNORECASE,
)
_CURRENCY_SYMBOLS = {
    "US$": "USD",
    "$US": "USD",
    "$A": "AUD",
    "$": "USD",
    "A$": "AUD",
    "C$": "CAD",
    "HK$": "HKD",
    "AU$": "AUD",
    "CA$": "CAD",
    "NZ$": "NZD",
    "S$": "SGD",
    "€": "EUR",
    "£": "GBP",
    "¥": "JPY",
    "₽": "RUB",
    "₸": "KZT",
    "₹": "INR",
    "₱": "PHP",
    "R$": "BRL",
    "Ksh": "KES",
    "Ksh.": "KES",
    "Sh": "KES",
    "Sh.": "KES",
    "PHP": "PHP",
    "BRL": "BRL",
    "KES": "KES",
    "NGN": "NGN",
    "PKR": "PKR",
    "INR": "INR",
    "ZAR": "ZAR",
    "EUR": "EUR",
    "GBP": "GBP",
    "USD": "USD",
    "₦": "NGN",
    "₩": "KRW",
    "Rs": "INR",  # as "rupees" is read (Pakistan's and Sri Lanka's rupees are written so too: see currencies.toml)
    "Rs.": "INR",
    "KSh": "KES",
    "KSh.": "KES",
    "Tk": "BDT",
    "Tk.": "BDT",
}
_CURRENCY_WORDS = {
    "dollars": "USD",
    "dollar": "USD",
    "us dollars": "USD",
    "euros": "EUR",
    "euro": "EUR",
    "pounds": "GBP",
    "pounds sterling": "GBP",
    "tenge": "KZT",
    "rubles": "RUB",
    "roubles": "RUB",
    "yuan": "CNY",
    "yen": "JPY",
    "rupees": "INR",
    "soles": "PEN",
    "naira": "NGN",  # (not "won": "12 won seats")
    "francs": "CHF",
    "usd": "USD",
    "eur": "EUR",
    "gbp": "GBP",
    "kzt": "KZT",
    "rub": "RUB",
    "lira": "TRY",
    "hryvnias": "UAH",
}
# "a three-million-pound haul", "a 3 mn-dollar deal": the currency as the last part of a compound adjective, in the
# singular; only after a scale word ("a 10-pound fish" weighs ten pounds)
_COMPOUND_CURRENCY = {
    "dollar": "USD",
    "pound": "GBP",
    "euro": "EUR",
    "rouble": "RUB",
    "ruble": "RUB",
    "rupee": "INR",
    "yen": "JPY",
    "yuan": "CNY",
    "franc": "CHF",
}
_CURRENCY_COMPOUND_RX = re.compile(r"-(?P<cw>" + "|".join(_COMPOUND_CURRENCY) + r")\b", re.IGNORECASE)
_CURRENCY_SUFFIX_RX = re.compile(
    r"\s+(?:of\s+)?(?P<cw>us dollars|pounds sterling|"
    + "|".join(sorted(_CURRENCY_WORDS, key=len, reverse=True))
    + r")\b",
    re.IGNORECASE,
)
_PERCENT_RX = re.compile(r"\s?%|\s+per\s?cent\b|\s+percent\b", re.IGNORECASE)
_DURATION = {
    "year",
    "years",
    "month",
    "months",
    "week",
    "weeks",
    "day",
    "days",
    "hour",
    "hours",
    "minute",
    "minutes",
    "second",
    "seconds",
    "decade",
    "decades",
    "century",
    "centuries",
    "night",
    "nights",
    "hr",
    "hrs",
    "min",
    "mins",
    "sec",
    "secs",
    "yr",
    "yrs",
    "wk",
    "wks",
}
# a duration's unit as one name: "hours", "hrs" and "hr" are "hour"
_DURATION_UNIT = {"hr": "hour", "min": "minute", "sec": "second", "yr": "year", "wk": "week", "centurie": "century"}
_DURATION_PART_RX = re.compile(
    r"[\s,]*(?:and\s+)?(?P<n>\d{1,2})\s?(?P<u>seconds?|secs?|minutes?|mins?|hours?|hrs?|days?)\b", re.IGNORECASE
)
# a unit joined to its number by a hyphen ("a 40-acre site") -> the unit as the plain form spells it
_YEAR_PREPOSITIONS = frozenset("in since by from until during of".split())
# "a 50-strong crowd", "50-odd people", "some 40-something fans": the number still counts the people after it
_CALIBRE_AFTER = re.compile(
    r"[\s-]*(?:[A-Z][a-z]+|(?i:magnum|caliber|calibre|cal\b|handgun|pistol|revolver|rifle|semi-?automatic))"
)
_GROUP_COMPOUNDS = frozenset("strong man woman member person people year old odd something plus".split())
FRACTION_PARTS = {
    "third": 3,
    "thirds": 3,
    "quarter": 4,
    "quarters": 4,
    "fifth": 5,
    "fifths": 5,
    "tenth": 10,
    "tenths": 10,
    "half": 2,
    "halves": 2,
}
_UNIT_COMPOUNDS = {
    "square-foot": "square feet",
    "square-feet": "square feet",
    "square-metre": "square metres",
    "square-meter": "square metres",
    "square-mile": "square miles",
    "square-kilometre": "square kilometres",
    "square-kilometer": "square kilometres",
    "acre": "acres",
    "hectare": "hectares",
    "mile": "miles",
    "kilometre": "kilometres",
    "kilometer": "kilometres",
    "km": "km",
    "foot": "feet",
    "metre": "metres",
    "meter": "metres",
    "yard": "yards",
    "gallon": "gallons",
    "litre": "litres",
    "liter": "litres",
    "ton": "tons",
    "tonne": "tonnes",
}
_SQUARE_OF = {
    "feet": "feet",
    "foot": "feet",
    "ft": "feet",
    "metres": "metres",
    "meters": "metres",
    "m": "metres",
    "miles": "miles",
    "mile": "miles",
    "kilometres": "kilometres",
    "kilometers": "kilometres",
    "km": "kilometres",
}

_MEASURE = {
    "nautical",
    "km",
    "kilometers",
    "kilometres",
    "miles",
    "mile",
    "meters",
    "metres",
    "m",
    "feet",
    "ft",
    "kg",
    "kilograms",
    "tons",
    "tonnes",
    "degrees",
    "magnitude",
    "hectares",
    "hectare",
    "acres",
    "acre",
    "liters",
    "litres",
    "barrels",
    "square",
    "sq",
    "cm",
    "mm",
    "inches",
    "mph",
    "km/h",
    "kph",
    "points",
}
_LABELS = {
    "channel",
    "shaft",
    "pier",
    "ward",
    "sections",
    "articles",
    "article",
    "section",
    "clause",
    "paragraph",
    "chapter",
    "no",
    "number",
    "page",
    "flight",
    "route",
    "highway",
    "room",
    "resolution",
    "decree",
    "item",
    "part",
    "line",
    "gate",
    "platform",
    "bus",
    "level",
    "category",
    "grade",
    "phase",
    "stage",
    "round",
    "episode",
    "season",
    "vol",
    "volume",
    "pp",
    "version",
    "unit",
    "block",
    "apartment",
    "apt",
    "building",
    "floor",
    "lot",
    "case",
    "code",
    "zone",
    "district",
    "sector",
    "battalion",
    "brigade",
    "regiment",
    "division",
    "#",
    "p",
    "exit",
    "terminal",
    "km",
}
_CHANGE_VERBS = {
    "rose",
    "risen",
    "rising",
    "rises",
    "increased",
    "increasing",
    "climbed",
    "jumped",
    "grew",
    "grown",
    "fell",
    "fallen",
    "dropped",
    "decreased",
    "declined",
    "revised",
    "raised",
    "lowered",
    "went",
    "gone",
    "up",
    "down",
    "moved",
}

# What is never a figure: times of day, phone numbers, e-mail and web addresses, codes glued to letters.
_EXCLUDE_RX = [
    # terminal control sequences in hostile text: CSI (7- and 8-bit) and OSC; their digits are no figures
    re.compile(r"(?:\x1b\[|\x9b)[0-?]*[ -/]*[@-~]?"),
    re.compile(r"\x1b\][^\x07\x1b]*(?:\x07|\x1b\\)?"),
    re.compile(r"\b\d{1,2}:\d{2}\s?(?:a\.?m\.?|p\.?m\.?)?(?!\d)", re.IGNORECASE),
    re.compile(r"\b\d{1,2}\.\d{2}\s?(?:a\.?m\.?|p\.?m\.?)", re.IGNORECASE),
    re.compile(r"\b\d{1,2}\s?(?:a\.m\.|p\.m\.|am\b|pm\b)", re.IGNORECASE),
    re.compile(r"(?<![\w,])\+?\(?\d{1,5}\)?(?:[\s.-]\(?\d{2,4}\)?){2,}\d*(?!\w|,\d)"),
    # a street address: "1420 Linden Avenue", "10 Downing Street"
    # (case-sensitive inside the case-blind alternation: "blocked the road" is no address)
    re.compile(
        r"(?-i:\b\d{1,5}[A-Za-z]?\s+(?:[A-Z][a-z]+\s+){1,3}(?:Street|St|Avenue|Ave|Road|Rd|Lane|Ln|Drive|Dr|Boulevard|"
        r"Blvd|Way|Place|Pl|Terrace|Close|Crescent|Court|Ct|Highway|Hwy|Parkway|Pkwy)\b\.?)"
    ),
    re.compile(r"\+\d[\d\s().-]{6,}\d"),
    re.compile(r"(?<![\w-])\d-\d-\d(?![\w-])"),  # "9-1-1"
    # the September 11 attacks, a name ("since 9/11", "the 9-11 attacks"; "9-11 people were hurt" is a range)
    re.compile(
        r"(?<![\w/-])9/11(?![\w/-])|(?<![\w/-])9-11(?=\s+(?:attacks?|anniversary|terror\w*|hijackers?|commission|"
        r"memorial|victims|families)\b)|(?:(?<=\bsince )|(?<=\bafter )|(?<=\bthe )|(?<=\bpost-))9-11(?![\w/-])",
        re.IGNORECASE,
    ),
    # a number called or dialled, or an emergency line's call ("she called 911", "a 999 call"): a phone number
    re.compile(
        r"\b(?:call(?:ed|ing|s)?|dial(?:l?ed|l?ing|s)?|phoned|rang)\s+(?:\w+\s+on\s+)?\d{3,}(?:[\s.-]\d{2,4}(?![\w,]))*\b",
        re.IGNORECASE,
    ),
    re.compile(
        r"\b(?:911|999|112)\b(?=[\s-]+(?:calls?|callers?|dispatch(?:ers?)?|operators?|system|tapes?|cent(?:er|re)s?|line|"
        r"supervisors?|recordings?|transcripts?|services?|responders?))",
        re.IGNORECASE,
    ),
    # a line's number ("the information line is 112", "the hotline number is 800 123 456", "call the health line on
    # 0800 44 12 12"): a phone number
    re.compile(
        r"\b(?:line|hotline|helpline|number|phone|telephone)\s+(?:is\s+|on\s+|at\s+|:\s*)\+?\d{3,}"
        r"(?:[\s.-]\d{2,4}(?![\w,]))*\b",
        re.IGNORECASE,
    ),
    # a date in numbers ("4.3.2025", "19/03/2025", "20-01-2025"): no figures
    re.compile(r"(?<![\d.,/])\d{1,2}[./-]\d{1,2}[./-](?:19|20)\d\d(?!\d)"),
    # a list's numbers at a line's start ("1. Rescue teams have recovered 17 bodies."): no counts
    re.compile(r"(?:(?<=\n)|\A)[ \t]*\d{1,2}[.)](?=[ \t]+[A-Z])"),
    # a day of the month after its weekday ("on Friday 19 and Saturday 20 September")
    re.compile(
        r"\b(?:mon|tues|wednes|thurs|fri|satur|sun)day\s+\d{1,2}(?:st|nd|rd|th)?(?=\s*(?:and\b|or\b|to\b|[,;.)]|"
        r"-|–|jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec|$))",
        re.IGNORECASE,
    ),
    # a day of a story's count of days ("the search enters day two as", "On Day 3 of the search,")
    re.compile(
        r"\bday\s+(?:\d{1,2}|one|two|three|four|five|six|seven|eight|nine|ten)\b"
        r"(?=\s*(?:of\b|as\b|and\b|since\b|after\b|,|\.|;|:|[-–—]|$))",
        re.IGNORECASE,
    ),
    # an hour in words of the day: "until 5 in the morning", "at 11 at night"
    re.compile(
        r"\b(?:at|by|until|till|before|after|around|about|from|since)\s+(?:\d{1,2}|one|two|three|four|five|six|seven|"
        r"eight|nine|ten|eleven|twelve)\s+(?:in\s+the\s+(?:morning|afternoon|evening)|at\s+night)\b",
        re.IGNORECASE,
    ),
    # a clock in 24 hours ("issued at 0400 hours", "1830 hrs")
    re.compile(
        r"\b(?:at|by|until|from|since)\s+[0-2]\d[0-5]\d\s?(?:hours|hrs|h)\b|\b0\d[0-5]\d\s?(?:hours|hrs|h)\b",
        re.IGNORECASE,
    ),
    # a match's score ("won 2-1 against", "a 3-0 defeat")
    re.compile(
        r"\b\d{1,2}\s?[-–]\s?\d{1,2}(?=\s+(?:win|victory|defeat|loss|draw|against|over|home\s+win|away\s+win)\b)"
        r"|\b(?:won|lost|beat|beaten|drew|defeated|trailing|leading|led)\s+(?:\w+\s+){0,2}?\d{1,2}\s?[-–]\s?\d{1,2}\b",
        re.IGNORECASE,
    ),
    re.compile(r"(?<![\w.+-])[\w.+-]+@[\w-]+\.[\w.-]+"),  # anchored at a word start: no quadratic backtracking
    re.compile(r"\bhttps?://\S+|\bwww\.\S+", re.IGNORECASE),
    # a code ("A1", "M25"), but "$US1 million" is money and "a magnitude-6.2 quake" a magnitude
    re.compile(r"(?<!\$)\b(?!magnitude-|minus-|(?:Sh|Ksh|KSh|Rs|Tk)\.?\d)[A-Za-z]+-?\d+[A-Za-z]*\b"),
    re.compile(r"\b\d+(?:st|nd|rd|th)\b", re.IGNORECASE),
    # a code glued to letters ("3abc"), not a scale or a unit glued to its number ("€3million", "60mph")
    re.compile(
        r"\b\d+(?!(?:million|billion|trillion|thousand|lakhs?|crores?|mln|mph|kph|kmph|kmh|kts)\b)[A-Za-z]{3,}\w*\b"
    ),
    # a time of day in words: "half past five", "a quarter to six", "ten o'clock" (not "five to ten people")
    re.compile(
        r"\b(?:(?:half\s+past|(?:a\s+)?quarter\s+(?:past|to)|(?:ten|twenty|twenty-five|five)\s+past)\s+(?:one|two|three|four|five|six|"
        r"seven|eight|nine|ten|eleven|twelve|\d{1,2})|(?:one|two|three|four|five|six|seven|eight|nine|ten|eleven|"
        r"twelve|\d{1,2})\s+o['’]clock)\b",
        re.IGNORECASE,
    ),
]
# All exclusions in one pass: the alternation finds, at each position, the first pattern that matches there.
_EXCLUDE_ONE = re.compile("|".join(f"(?:{rx.pattern})" for rx in _EXCLUDE_RX), re.IGNORECASE)
# The same, faster: a pattern that needs words most texts lack ("9/11", "half past", "in the morning", a weekday,
# "hours", a score, a line's number, a date in numbers) runs only where a quick look finds them; the rest run as one
# alternation. One alternation of all of them, tried at every position, was a tenth of extraction's time.
_GUARDS = (
    ("9/11", re.compile(r"9[/-]11")),
    ("half", re.compile(r"past|quarter|o['’]clock", re.IGNORECASE)),
    ("morning", re.compile(r"morning|afternoon|evening|night", re.IGNORECASE)),
    ("day", re.compile(r"day\s+\w", re.IGNORECASE)),
    ("hours", re.compile(r"\d\d\d\d\s?h", re.IGNORECASE)),
    ("score", re.compile(r"\d\s?[-–]\s?\d")),
    ("line", re.compile(r"line|number|phone", re.IGNORECASE)),
    ("dated", re.compile(r"\d[./-]\d{1,2}[./-](?:19|20)\d\d")),
)


def _guard_of(rx: re.Pattern[str]) -> re.Pattern[str] | None:
    p = rx.pattern
    probes = {
        "9/11": "9/11(?!",
        "half": "half\\s+past",
        "morning": "in\\s+the\\s+(?:morning",
        "day": "day\\s+",
        "hours": "(?:hours|hrs|h)",
        "score": "(?:win|victory|defeat",
        "line": "(?:line|hotline|helpline",
        "dated": "(?:19|20)\\d\\d(?!\\d)",
    }
    for name, guard in _GUARDS:
        if probes[name] in p:
            return guard
    return None


_GUARDED = [(re.compile(rx.pattern, re.IGNORECASE), g) for rx in _EXCLUDE_RX if (g := _guard_of(rx)) is not None]
_ALWAYS = re.compile("|".join(f"(?:{rx.pattern})" for rx in _EXCLUDE_RX if _guard_of(rx) is None), re.IGNORECASE)


def excluded_spans(text: str) -> list[tuple[int, int]]:
    """Where the text holds no figure (times, phone numbers, codes, addresses, control sequences...): the spans
    of `_EXCLUDE_RX`, each pattern where it can match (a test checks them against `_EXCLUDE_ONE`)."""
    out = [m.span() for m in _ALWAYS.finditer(text)]
    for rx, guard in _GUARDED:
        if guard.search(text):
            out.extend(m.span() for m in rx.finditer(text))
    return out


_AGE_AFTER = re.compile(
    r"^(?:\s|-)(?:years?|months?)(?:\s|-)old\b|^-year\b|^-month\b|^\s+years?\s+of\s+age\b", re.IGNORECASE
)
# "aged 15", "aged 15 and 16", "ages 12 to 14", "aged between 18 and 25": every number of the list is an age
_SUPERLATIVE_AGE = re.compile(
    r"\b(?:youngest|oldest)\b(?:\s+[\w’'-]+){0,4}?\s+(?:is|was|are|were)\s+(?:just\s+|only\s+|barely\s+|aged\s+)?$",
    re.IGNORECASE,
)
_AGE_BEFORE = re.compile(
    r"\b(?:aged|age|ages)\s+(?:between\s+|from\s+)?(?:\d{1,3}\s*(?:,|and|or|to|-|–)\s*){0,4}$", re.IGNORECASE
)
# "in their 20s", "in his early 30s", "in her mid-40s": an age by its decade
_DECADE_AGE = re.compile(
    r"\b(?:in|into)\s+(?:his|her|their|the)\s+(?:(?:early|mid|late)[-\s]*)?(?:\d0['’]?s\s*(?:and|or|to|,)\s*)?$",
    re.IGNORECASE,
)  # "in their 60s and 70s"
# An age in apposition: "Raj Chohan, 59, was killed", "Kafoury, 63, of Warren", "the victim, 52,", "Smith (35)".
_APPOSED_NAME = re.compile(r"(?P<name>[\w’'.-]+)\s*(?P<open>,|\()\s*$")
_PLACE_PREPOSITIONS = frozenset("in at from near on across outside inside".split())
_APPOSED_AFTER = re.compile(r"^\s*(?:,|\)|;|\.(?:\s|$)|\s(?:and|of|from|who|was|is|were|had|has)\b)")
# A number that is part of a name in running text: "on Interstate 75", "tuned to Channel 4".
_NAME_NUMBER = re.compile(r"(?<![\w’'])(?P<w0>[a-z][\w’'-]*)\s+(?P<w1>[A-Z][a-z]+)\s+$")
_MODEL_NAME = re.compile(
    r"(?<![\w’'])(?:[A-Z]{2,3}[ -]|[B-HJ-Z]-)$"
)  # "AK 47", "F-16": letters in capitals, then the number
_RANGE_RX = re.compile(r"^\s*(?P<sep>[-–]\s*(?:to|or)|-|–|—|to|and|or)\s*", re.IGNORECASE)  # "a 24- to 30-foot boat"
_WORD_RX = re.compile(r"[A-Za-z]+(?:[-'’][A-Za-z]+)*")
# "one count of murder", "one charge of", "one rifle": "one" counts these (charges, things seized)
_ONE_NOUNS = frozenset(
    "count counts charge conviction rifle gun pistol handgun weapon boat vessel vehicle car truck house home "
    "building shot round bomb".split()
)
_CHARGE_HEADS = frozenset("count charge conviction".split())
_NOT_OFFENCE = frozenset("of the a an and or to in at".split())


def _one_charge(nxt: list[str]) -> bool:
    """ "one attempted murder charge", "one felony count": "one" counts a charge named by the words before it."""
    for k, w in enumerate(nxt[:3]):
        if w in _CHARGE_HEADS:
            return k > 0
        if w in _NOT_OFFENCE:
            return False
    return False


_OPEN_QUOTES = '“"‘«'
_CLOSE_QUOTES = '”"’»'


@dataclass(slots=True)
class Figure:
    start: int
    end: int
    core_start: int  # where the number itself starts (after any qualifier)
    core_end: int
    low: float | None
    high: float | None
    approximate: bool
    qualifier: str | None
    kind: str
    unit: str | None
    vague: bool = False
    spelled: bool = False  # written in words ("three", "a thousand")
    value: float = 0.0
    scale: float = 1.0  # the written scale word's factor ("19 million" -> 1e6)
    topic: str | None = None  # set where the words fix it ("no one was hurt": injuries), see extract.implicit
    individual: bool = False  # singled-out people ("a woman died"): a floor, not a total
    fraction: bool = False  # a share told as a fraction ("half of", "a third of"): a rounded share


def words_to_number(phrase: str) -> int | None:
    """'twenty-six' -> 26, 'a thousand' -> 1000, 'two dozen' -> 24, 'one hundred and twenty' -> 120."""
    total, current, seen = 0, 0, False
    for w in re.split(r"[\s-]+", phrase.lower()):
        if w in ("a", "an", "and", ""):
            if w in ("a", "an"):
                current = max(current, 1)
            continue
        seen = True
        if w in WORD_VALUES:
            if current % 100 and (current % 10 or current % 100 < 20 or WORD_VALUES[w] >= 10):
                return None  # "two two-storey houses", "twelve two": two numbers, not one
            current += WORD_VALUES[w]
        elif w == "dozen":
            current = (current or 1) * 12
        elif w == "hundred":
            current = (current or 1) * 100
        elif w in _SCALES:
            total += (current or 1) * _SCALES[w]
            current = 0
        else:
            return None
    return total + current if seen else None


def _parse_digits(num: str, thousands_dots: bool) -> float:
    s = num.replace(",", "").replace("\u00a0", "").replace("\u202f", "").replace(" ", "")
    if thousands_dots or s.count(".") > 1:
        s = s.replace(".", "")
    return float(s)


_HALF_BEFORE = re.compile(r"\bhalf[\s-]$", re.IGNORECASE)
_PART_OF_BEFORE = re.compile(r"\b(?P<n>a|one|two|three)[\s-](?P<part>thirds?|quarters?)\s+of\s+$", re.IGNORECASE)
# "half a mile", "a mile and a half", "two hours and a half": a number told with a half
_HALF_UNITS = r"miles?|kilomet(?:re|er)s?|km|metres?|meters?|feet|foot|yards?|hours?|days?|weeks?|months?|years?"
_HALF_DURATIONS = frozenset("hour day week month year".split())
_HALF_RX = re.compile(
    rf"\b(?:(?P<whole>a|an|one|two|three|four|five|six|seven|eight|nine|ten|\d{{1,3}})\s+(?P<u1>{_HALF_UNITS})"
    rf"\s+and\s+a\s+half|half\s+(?:a|an)\s+(?P<u2>{_HALF_UNITS}))\b",
    re.IGNORECASE,
)


# "half of the homes", "a third of its capacity", "two-thirds of voters", "three quarters of the district": a share
# told as a fraction (not "the first half of the year", "a quarter of a million", "half an hour")
_FRACTION_RX = re.compile(
    r"(?<![\w’'-])(?:(?P<n>a|an|one|two|three|four|five|six|seven|eight|nine)[ -])?"
    r"(?P<part>half|thirds?|quarters?|fifths?|tenths?)\s+of\s+(?!an?\b)(?=[\w“\"])",
    re.IGNORECASE,
)
_RATIO_RX = re.compile(
    r"(?<![\w-])(?P<a>\d{1,2}|one|two|three|four|five|six|seven|eight|nine)\s+in\s+(?:every\s+)?"
    r"(?P<b>\d{1,3}|two|three|four|five|six|seven|eight|nine|ten)(?![\w-])(?=\s+(?P<noun>[a-z]+))",
    re.IGNORECASE,
)  # "one in five children", "3 in 4 people": a share of people (not "12 in 48 hours", "5 in 10 raids")
_NOT_A_SHARE_BEFORE = re.compile(
    r"\b(?:first|second|third|fourth|last|latter|former|other|final|the|this|that)\s*$", re.I
)


# "around an hour", "more than a year": one unit of time, read only after a qualifier ("once a day", "a day
# after the fire" are no figures)
_AN_UNIT_RX = re.compile(
    r"\b(?:about|around|nearly|almost|roughly|approximately|some|more\s+than|less\s+than|over|under|up\s+to|"
    r"at\s+least)\s+(?P<an>an?)\s+(?P<u>minute|hour|day|week|month|year|decade)\b",
    re.IGNORECASE,
)


def _second_part(text: str, f: Figure, seconds: dict[str, float]) -> None:
    """A duration told in two units is one figure in the smaller: "2 hours 30 minutes" is 150 minutes, "1hr 4
    mins" 64 minutes. `seconds`: each unit's size ([units] in measures.toml); only whole ratios are joined (a
    month is no whole number of days)."""
    m = _DURATION_PART_RX.match(text, f.end)
    if m is None or f.low is None or f.high is None or f.unit not in seconds:
        return
    part = m["u"].lower().rstrip("s")
    part = _DURATION_UNIT.get(part, part)
    if part not in seconds or seconds[part] >= seconds[f.unit] or seconds[f.unit] % seconds[part]:
        return
    ratio = int(seconds[f.unit] // seconds[part])
    n = int(m["n"])
    f.low, f.high = f.low * ratio + n, f.high * ratio + n
    f.unit, f.end = part, m.end()


def _cue_next(words: list[str], lex: Lexicon) -> bool:
    """Whether the words right after a number begin a topic cue ("killed", "in custody")."""
    return bool(words) and bool(lex.match_cues(words, 0))


# a speed's unit, spaced or glued ("120 km/h", "94mph", "18 knots", "15 kilometres per hour", "2 miles an hour")
_SPEED_RX = re.compile(
    r"\s?(?P<u>km/h|km/hr|kmph|kmh|kph|mph|m/s|knots?|kts)(?![\w/])"
    r"|\s+(?P<w>kilomet(?:re|er)s?|miles?|met(?:re|er)s?)\s+(?:per|an|a)\s+(?P<t>hour|second)\b",
    re.IGNORECASE,
)
_SPEED_UNIT = {
    "km/h": "km/h",
    "km/hr": "km/h",
    "kmph": "km/h",
    "kmh": "km/h",
    "kph": "km/h",
    "mph": "mph",
    "m/s": "m/s",
}
# a temperature's scale: "38.7C", "34 °C", "104 degrees Fahrenheit", "93F" (a capital glued to the number, or after
# a degree sign or "degrees")
_TEMPERATURE_RX = re.compile(
    r"\s?[°º]\s?(?P<a>[CF])\b|(?P<b>[CF])(?![\w'’-])|\s?[°º]\s?(?P<c>Celsius|Fahrenheit)\b"
    r"|\s+degrees?\s+(?P<d>(?i:celsius|centigrade|fahrenheit|C|F))\b"
)
_DEGREES_RX = re.compile(r"[\s-]?degrees?\b(?P<below>\s+below\s+zero)?", re.IGNORECASE)
_TEMPERATURE_BEFORE = re.compile(r"\btemperatures?\b[^.;:]{0,30}?\b(?P<minus>minus)\s+$", re.IGNORECASE)
_BELOW_ZERO = re.compile(r"(?:\bminus[\s-]|(?<![\w.])[-−])$", re.IGNORECASE)
# a length, a weight or data glued to its number: "300mm of rain", "a 15km stretch", "3kg of heroin", "700GB"
_GLUED_RX = re.compile(r"(?P<u>mm|cm|km|kg|kb|mb|gb|tb|pb)(?![\w'’-])", re.IGNORECASE)
# an amount of data ("700 GB", "1.2 terabytes"), in one unit's name
_DATA_RX = re.compile(r"\s?(?P<u>[KMGTP]B|(?i:kilo|mega|giga|tera|peta)bytes?)(?![\w'’-])")
_DATA_UNIT = {"kilo": "kb", "mega": "mb", "giga": "gb", "tera": "tb", "peta": "pb"}


def _below_zero(text: str, f: Figure, said_after: bool = False) -> None:
    """A temperature told below zero ("minus 1.8C", "-5C", or "20 degrees below zero" when `said_after`): its
    bounds turn negative, and its words take the sign in."""
    sign = _BELOW_ZERO.search(text, max(0, f.start - 7), f.start)
    if (sign or said_after) and f.low is not None and f.high is not None:
        f.low, f.high, f.value = -f.high, -f.low, -f.value
        if sign:
            f.start -= len(sign.group(0))


def _measured_unit(text: str, f: Figure) -> None:
    """A figure's unit of measure written after it, spaced or glued, where the number is a count so far: a speed
    ("94 mph", "15 kilometres per hour"), a temperature on its scale ("38.7C", "104 degrees Fahrenheit"; "minus
    1.8C" and "-5C" below zero) or a glued length or weight ("300mm")."""
    m = _SPEED_RX.match(text, f.end)
    if m:
        if m["u"]:
            u = m["u"].lower()
            unit = _SPEED_UNIT.get(u, "knots" if u.startswith(("knot", "kt")) else u)
        else:
            w, t = m["w"].lower(), m["t"].lower()
            unit = "m/s" if t == "second" and w.startswith("met") else "mph" if w.startswith("mile") else "km/h"
        f.kind, f.unit, f.end = "other", unit, m.end()
        return
    m = _TEMPERATURE_RX.match(text, f.end)
    if m:
        scale = next(g for g in (m["a"], m["b"], m["c"], m["d"]) if g)
        f.kind, f.unit, f.end = "other", "°F" if scale[0] in "Ff" else "°C", m.end()
        _below_zero(text, f)
        return
    m = _DEGREES_RX.match(text, f.end)
    if m:
        # degrees on no named scale ("minus 17 degrees", "in minus-20 degree temperatures", "20 degrees below zero")
        f.kind, f.unit, f.end = "other", "degrees", m.end()
        _below_zero(text, f, bool(m["below"]))
        return
    m = _DATA_RX.match(text, f.end)
    if m:
        u = m["u"].lower()
        f.kind, f.unit, f.end = "other", _DATA_UNIT.get(u[:4], u), m.end()
        return
    told = _TEMPERATURE_BEFORE.search(text, max(0, f.start - 50), f.start)
    if told and f.low is not None and f.high is not None:
        # "Outside temperatures were minus 20": degrees below zero, the scale unsaid
        f.kind, f.unit = "other", "degrees"
        f.low, f.high, f.value = -f.high, -f.low, -f.value
        f.start = told.start("minus")
        return
    m = _GLUED_RX.match(text, f.end)
    if m and not f.spelled:
        f.kind, f.unit, f.end = "other", m["u"].lower(), m.end()


def _next_words(text: str, pos: int, n: int = 3) -> list[str]:
    return [m.group(0).lower() for m in _WORD_RX.finditer(text, pos, min(len(text), pos + 80))][:n]


def _prev_word(text: str, pos: int) -> str:
    m = re.search(r"([#\w]+)\W{0,2}$", text[max(0, pos - 30) : pos])
    return m.group(1).lower() if m else ""


def _clean(v: float) -> float:
    return float(round(v)) if abs(v) >= 10 else round(v, 2)


def _apply_qualifier(q: Qualifier | None, low: float, high: float) -> tuple[float | None, float | None]:
    if q is None:
        return low, high
    lo = None if q.low is None else _clean(low * q.low)
    hi = None if q.high is None else _clean(high * q.high)
    return lo, hi


def find_figures(text: str, lex: Lexicon, dates: list | None = None) -> list[Figure]:
    spans: list[tuple[int, int]] = [
        (d.start, d.end) for d in (dates if dates is not None else find_dates(text)) if d.is_calendar
    ]
    spans.extend(excluded_spans(text))
    excluded = SpanIndex(spans)

    cores: list[Figure] = []
    # Vague quantities first: "tens of thousands" must not be read as "thousands".
    vague_rx = lex.vague_rx
    taken = DisjointSpans()
    for m in vague_rx.finditer(text):
        phrase = m.group(0).lower()
        nxt = _next_words(text, m.end(), 2)
        if phrase in ("a few", "several", "a couple", "a couple of", "a handful", "scores") and not (
            nxt and (nxt[0] in lex.people or nxt[0] == "of" or _cue_next(nxt, lex) or nxt[0] in _DURATION)
        ):
            continue
        lo, hi = lex.vague[phrase]
        cores.append(
            Figure(
                m.start(), m.end(), m.start(), m.end(), lo, hi, True, None, "count", None, vague=True, value=float(lo)
            )
        )
        taken.add(*m.span())
    for m in _AN_UNIT_RX.finditer(text):
        s, e = m.start("an"), m.end()
        if taken.overlaps(s, e) or excluded.overlaps(s, e):
            continue
        f = Figure(s, e, s, e, 1.0, 1.0, False, None, "duration", m["u"].lower(), value=1.0)
        cores.append(f)
        taken.add(s, e)
    for m in _HALF_RX.finditer(text):
        if taken.overlaps(*m.span()) or excluded.overlaps(*m.span()):
            continue
        unit = (m["u1"] or m["u2"]).lower()
        whole = m["whole"].lower() if m["whole"] else None
        value = 0.5 if whole is None else (float(whole) if whole.isdigit() else WORD_VALUES.get(whole, 1)) + 0.5
        single = unit.rstrip("s") if unit.endswith("s") else unit
        duration = single in _HALF_DURATIONS
        f = Figure(m.start(), m.end(), m.start(), m.end(), value, value, False, None, "other", None, value=value)
        f.kind, f.unit = ("duration", single) if duration else ("other", unit)
        cores.append(f)
        taken.add(*m.span())
    for m in _RATIO_RX.finditer(text):
        if taken.overlaps(*m.span()) or excluded.overlaps(*m.span()) or m["noun"].lower() not in lex.people:
            continue
        a, b = (int(x) if x.isdigit() else WORD_VALUES.get(x.lower(), 0) for x in (m["a"], m["b"]))
        if not 0 < a <= b:
            continue
        value = round(100 * a / b, 2)  # "three in four people", "one in five": a share
        f = Figure(m.start(), m.end(), m.start(), m.end(), value, value, False, None, "percent", "%", value=value)
        f.fraction = True
        cores.append(f)
        taken.add(*m.span())
    for m in _FRACTION_RX.finditer(text):
        part, n = m["part"].lower(), (m["n"] or "").lower()
        if (n == "") != (part == "half") or taken.overlaps(*m.span()) or excluded.overlaps(*m.span()):
            continue  # "third of the" alone is an ordinal's tail; "half" takes no count before it
        if _NOT_A_SHARE_BEFORE.search(text, max(0, m.start() - 12), m.start()):
            continue  # "the second half of the season", "the other half of the town"
        value = round(100 * (WORD_VALUES.get(n, 1) if n not in ("", "a", "an") else 1) / FRACTION_PARTS[part], 2)
        e = m.end("part")
        f = Figure(m.start(), e, m.start(), e, value, value, False, None, "percent", "%", value=value, fraction=True)
        cores.append(f)
        taken.add(m.start(), e)
    for m in _DIGITS_RX.finditer(text):
        s, e = m.start("num"), m.end("num")
        if taken.overlaps(s, e) or excluded.overlaps(s, e):
            continue
        if (not m.group("cur") and s > 0 and (text[s - 1].isalpha() or text[s - 1] in "_/\\#")) or (
            e < len(text) and text[e] in "_/\\"
        ):
            continue
        num = m.group("num")
        nxt = _next_words(text, m.end(), 2)
        if (
            re.fullmatch(r"1[89]\d\d|20\d\d", num)
            and not m.group("cur")
            and not m.group("scale")
            and not (nxt and (nxt[0] in lex.people or _cue_next(nxt, lex)))
            and not _PERCENT_RX.match(text, e)
        ):
            continue  # a year: "in 1989", "from 1989 to 2019"

        thousands_dots = bool(re.fullmatch(r"\d{1,3}\.\d{3}", num)) and bool(nxt) and nxt[0] in lex.people
        value = _parse_digits(num, thousands_dots)
        cur = m.group("cur")
        scale_word = (m.group("scale") or "").strip().lstrip("-").lower()
        start = m.start("cur") if cur else s
        end = m.end("scale") if scale_word else e
        cw = _CURRENCY_SUFFIX_RX.match(text, end)
        if scale_word in ("m", "k", "b") and not (cur or cw) and not (nxt and nxt[0] in lex.people):
            end = e  # "5m" without money is metres, "4k" a distance: keep the number, drop the suffix; "6.9m
            scale_word = ""  # people", "500k residents" count people
        scale = _SCALES.get(scale_word) or _SHORT_SCALES.get(scale_word, 1)
        value *= scale
        cores.append(
            Figure(start, end, start, end, value, value, False, None, "count", None, value=value, scale=float(scale))
        )
        taken.add(start, end)
        if cur:
            cores[-1].kind, cores[-1].unit = "money", _CURRENCY_SYMBOLS.get(cur, "USD")
    for m in _WORDS_RX.finditer(text):
        if taken.overlaps(*m.span()) or excluded.overlaps(*m.span()):
            continue
        first = m.group(0).split()[0].split("-")[0].lower()
        if first in _SCALES or first == "dozen":
            continue  # a bare "million" or "dozen" is part of another figure or not a figure
        spelled_value = words_to_number(m.group(0))
        if spelled_value is None and len(m.group(0).split()) > 1:
            # "Two two-storey houses": the first word alone is the figure
            first_word = m.group(0).split()[0]
            spelled_value = words_to_number(first_word)
            if spelled_value is not None:
                taken.add(m.start(), m.start() + len(first_word))
                cores.append(
                    Figure(
                        m.start(),
                        m.start() + len(first_word),
                        m.start(),
                        m.start() + len(first_word),
                        float(spelled_value),
                        float(spelled_value),
                        False,
                        None,
                        "count",
                        None,
                        spelled=True,
                        value=float(spelled_value),
                    )
                )
            continue
        if spelled_value is None:
            continue
        begin, told = m.start(), float(spelled_value)
        if first in ("a", "an"):
            half = _HALF_BEFORE.search(text, max(0, begin - 6), begin)
            part = _PART_OF_BEFORE.search(text, max(0, begin - 20), begin)
            if half:
                begin, told = half.start(), told / 2  # "half a dozen", "half a million"
            elif part and told >= 1000:
                # "a quarter of a million", "three-quarters of a billion": the fraction of the scale
                n = part["n"].lower()
                begin = part.start()
                told = told * (1 if n in ("a", "one") else WORD_VALUES[n]) / FRACTION_PARTS[part["part"].lower()]
        cores.append(
            Figure(
                begin,
                m.end(),
                begin,
                m.end(),
                told,
                told,
                False,
                None,
                "count",
                None,
                spelled=True,
                value=told,
                scale=float(
                    max((_SCALES[w] for w in re.split(r"[\s-]+", m.group(0).lower()) if w in _SCALES), default=1)
                ),
            )
        )
        taken.add(*m.span())
    cores.sort(key=lambda f: f.start)
    figures = [f for f in (_complete(text, f, lex) for f in _merge_ranges(text, cores)) if f is not None]
    # a figure may have taken in the next one ("2 hours 30 minutes" is one duration): that one is no figure itself
    kept: list[Figure] = []
    for f in figures:
        if kept and f.start < kept[-1].end:
            continue
        if kept and _RESTATED.fullmatch(text, kept[-1].end, f.start) and text[f.end : f.end + 1] == ")":
            if kept[-1].low == f.low and kept[-1].high == f.high:
                kept[-1].end = f.end + 1  # "Seven (7) of the twelve (12) coaches": the same number again, in digits
                continue
        kept.append(f)
    return kept


_RESTATED = re.compile(r"\s?\(")


def _merge_ranges(text: str, cores: list[Figure]) -> list[Figure]:
    """Join "3 to 5", "30-40", "between 160 and 225", "two or three" into one figure."""
    out: list[Figure] = []
    i = 0
    while i < len(cores):
        a = cores[i]
        if i + 1 < len(cores) and not a.vague:
            b = cores[i + 1]
            m = _RANGE_RX.match(text[a.end : b.start])
            if m and a.end + m.end() == b.start and not b.vague:
                sep = m.group("sep").lower().lstrip("-–").strip() or m.group("sep")
                before = text[max(0, a.start - 12) : a.start].lower()
                prev = _prev_word(text, a.start)
                between = before.rstrip().endswith("between")
                change = prev == "from" and _prev_word(text, a.start - 5) in _CHANGE_VERBS
                ok = (sep in ("-", "–", "—", "to", "or") and not change) or (sep == "and" and between)
                if (
                    ok
                    and a.value * max(1.0, b.scale / a.scale) <= b.value
                    and not (a.unit and b.unit and a.unit != b.unit)
                ):
                    lo = a.value
                    if b.scale > 1 and a.scale == 1 and a.value * b.scale <= b.value:
                        lo = a.value * b.scale  # "between 2 and 3 million": the scale applies to both ends
                    start = a.start
                    if between:
                        start = a.start - (len(before) - before.rfind("between"))
                    out.append(
                        Figure(
                            start,
                            b.end,
                            a.core_start,
                            b.core_end,
                            lo,
                            b.value,
                            True,
                            None,
                            b.kind,
                            b.unit,
                            spelled=a.spelled and b.spelled,
                            value=lo,
                        )
                    )
                    i += 2
                    continue
        out.append(a)
        i += 1
    return out


def related_word(word: str, relations: tuple[tuple[str, ...], ...]) -> bool:
    """Whether a hyphenated word names a person by their children ("mother-of-two", "father-of-three")."""
    parts = word.split("-")
    return len(parts) >= 3 and tuple(parts[:-1]) in relations and (parts[-1] in WORD_VALUES or parts[-1].isdigit())


# "He was 41, a taxi driver", "she is 29 and": a person's age said of them
_AGE_AFTER_PRONOUN = re.compile(r"\b(?:[Hh]e|[Ss]he|I)\s+(?:was|is|'s|’s)\s+$")
_AGE_ENDS = re.compile(r"\s*(?:[,.;)]|$|(?:and|when|at\s+the\s+time)\b)")  # not "he was 41 minutes late"


def _is_apposed_age(text: str, f: Figure, after: str, lex: Lexicon) -> bool:
    if f.vague or f.low != f.high or f.low is None or not (1 <= f.low <= 120) or not float(f.low).is_integer():
        return False
    m = _APPOSED_NAME.search(text, max(0, f.start - 40), f.start)
    if m is None or not _APPOSED_AFTER.match(after):
        return False
    name = m.group("name")
    before = re.findall(r"[\w’'-]+", text[max(0, m.start() - 40) : m.start()])
    # "the victim, 52," (not "of the dead, 12 were"); "a mother-of-two, 34,"; "the captain, 54,": one of anything
    # people are (a singular noun after its determiner; a count of things is never told between commas so)
    person = (
        name.lower() in lex.implicit.singular
        or related_word(name.lower(), lex.implicit.relations)
        or (
            name.isalpha()
            and name.islower()
            and not name.endswith(("s", "ed"))
            and name not in ("dead", "missing", "living")
            and bool(before)
            and before[-1].lower() in ("the", "a", "an", "his", "her", "their", "its", "our")
            and not (len(before) > 1 and before[-2].lower() in ("of", "among"))  # "Of the injured, 40 were"
            and not (len(before) > 1 and before[-2].lower() in _PLACE_PREPOSITIONS)  # "in the north, 20, and"
        )
    )
    if not person and not (name[0].isupper() and name not in lex.countries and name not in CALENDAR_WORDS):
        return False
    if not person and before and before[-1].lower() in _PLACE_PREPOSITIONS:
        return False  # "in Paris, 40, in Lyon, 20": counts by place
    return m.group("open") == "," or after.lstrip().startswith(")")


def _complete(text: str, f: Figure, lex: Lexicon) -> Figure | None:
    """Add what stands around the number: qualifier, currency word, percent, kind, unit; or reject it."""
    after = text[f.end : f.end + 40]
    nxt = _next_words(text, f.end, 3)
    prev = _prev_word(text, f.start)
    is_year_like = (
        not f.spelled
        and not f.vague
        and f.low == f.high
        and f.kind == "count"
        and re.fullmatch(r"(1[89]\d\d|20\d\d)", text[f.core_start : f.core_end]) is not None
    )
    if is_year_like and not (nxt and (nxt[0] in lex.people or _cue_next(nxt, lex))):
        return None
    if f.spelled and text[f.end : f.end + 1] == "-" and nxt and nxt[0] in FRACTION_PARTS:
        more = _next_words(text, f.end, 4)
        if more[1:3] in (["of", "a"], ["of", "an"]) and len(more) > 3 and more[3] in _MEASURE | _DURATION:
            # "a depth of two-tenths of a mile": a fraction of one unit
            n = f.low or 0.0
            f.low = f.high = f.value = n / FRACTION_PARTS[nxt[0]]
            f.kind, f.unit = ("duration", more[3]) if more[3] in _DURATION else ("other", more[3])
            f.end += 1 + len(nxt[0])
            f.spelled = False  # a value now, not the word "two"
        else:
            return None  # "two-thirds of the 60 passengers": a share, not a count
    if (
        is_year_like
        and prev in _YEAR_PREPOSITIONS
        and (
            re.match(r"\s*[,;]", after)
            or prev in ("in", "since", "until", "during")
            and not (nxt and nxt[0] in lex.people)
        )
    ):
        return None  # "shot down in 2014, killing all 298", "the worst riots since 1989 killed 30": a year
    if is_year_like and prev in ("the", "a", "an") and not (nxt and nxt[0] in lex.people):
        return None  # "the 2005 murder of", "a 2013 factory collapse": the year of an event
    aged = _AGE_BEFORE.search(text[max(0, f.start - 40) : f.start])
    if aged and re.fullmatch(r"(?:aged|age|ages)\s+(?:between\s+)?", aged.group(0), re.IGNORECASE):
        return None  # "aged 15", "aged between 18 and 25"
    if aged and not (nxt and (nxt[0] in lex.people or nxt[0] in ("others", "other", "more"))):
        return None  # "aged 15 and 16" (but "aged 15 and three men", "aged 80 and 40 others": counts)
    if _AGE_AFTER.match(after):
        return None
    if _SUPERLATIVE_AGE.search(text, max(0, f.start - 60), f.start) and not (nxt and nxt[0] in lex.people):
        return None  # "the youngest victim is just 19 - and the oldest is 58": ages
    if re.match(r"['’]?s\b", after) and _DECADE_AGE.search(text[max(0, f.start - 30) : f.start]):
        return None
    if _is_apposed_age(text, f, after, lex) or (
        _AGE_AFTER_PRONOUN.search(text, max(0, f.start - 12), f.start) and _AGE_ENDS.match(after)
    ):
        return None
    if re.match(r"\s+block\s+of\b", after, re.IGNORECASE):
        return None  # an address: "the 12000 block of East 223rd Street"
    if not f.spelled and not f.vague and f.kind == "count":
        m = _NAME_NUMBER.search(text, max(0, f.start - 40), f.start)
        if m and m.group("w1") not in CALENDAR_WORDS and not (nxt and (nxt[0] in lex.people or _cue_next(nxt, lex))):
            return None
    if prev in _LABELS and not f.vague and not f.spelled and f.kind == "count":
        return None
    if (
        not f.spelled
        and f.kind == "count"
        and re.search(r"(?<![\d.])\.\s?$", text[max(0, f.start - 3) : f.start])
        and _CALIBRE_AFTER.match(text, f.end)
    ):
        return None  # a calibre: "a .357 Magnum", "a .22-caliber rifle" (and "a. 357 Magnum" as pasted)
    if not f.spelled and f.kind == "count" and _MODEL_NAME.search(text, max(0, f.start - 6), f.start):
        return None  # a model's name: "AK 47 rifles", "an F 16 jet"
    # Spelled-out "one", "a hundred" that are not counts ("one of the", "no one").
    if f.spelled and f.low is not None and f.low <= 1:
        if not nxt or (
            nxt[0] not in lex.people
            and not _cue_next(nxt, lex)
            and nxt[0] not in _ONE_NOUNS
            and not _one_charge(nxt)
            and nxt[0] not in _MEASURE
            and nxt[0] not in _DURATION
        ):
            return None
    if f.spelled and prev in ("no", "every", "any", "the") and f.low is not None and f.low <= 1:
        return None

    # Money written after the number: "200 million dollars", "85 euros".
    cw = _CURRENCY_SUFFIX_RX.match(text, f.end)
    if cw and f.kind == "count":
        f.kind, f.unit = "money", _CURRENCY_WORDS[cw.group("cw").lower()]
        f.end = cw.end()
    compound = _CURRENCY_COMPOUND_RX.match(text, f.end)
    if compound and f.kind == "count" and f.scale > 1:
        f.kind, f.unit = "money", _COMPOUND_CURRENCY[compound.group("cw").lower()]
        f.end = compound.end()
    pm = _PERCENT_RX.match(text, f.end)
    if pm and f.kind == "count" and not f.vague:
        f.kind, f.unit = "percent", "%"
        f.end = pm.end()
    if f.kind == "count" and not f.vague:
        _measured_unit(text, f)
    if f.kind == "count" and nxt:
        head = nxt[0]
        if head in _DURATION and (not f.vague or f.low is not None and f.high is not None and f.high < 100):
            unit = head.rstrip("s") if head.endswith("s") else head
            f.kind, f.unit = "duration", _DURATION_UNIT.get(unit, unit)
            m = re.match(r"[\s-]*" + re.escape(head) + r"\b", text[f.end :], re.IGNORECASE)
            if m:
                f.end += m.end()
                _second_part(text, f, lex.measures.units if lex.measures is not None else {})
        elif not f.vague and text[f.end : f.end + 1] == "-" and head in _UNIT_COMPOUNDS:
            # "a 170,000-square-foot building", "a 40-acre site": the unit joined to the number, which then
            # measures the noun after it
            f.kind, f.unit = "other", _UNIT_COMPOUNDS[head]
            f.end += 1 + len(head)
        elif (
            not f.vague
            and text[f.end : f.end + 1] == "-"
            and head.isalpha()
            and not head.endswith("s")
            and head not in lex.people
            and head not in _GROUP_COMPOUNDS
            and len(nxt) > 1
            and nxt[1][:1].isalpha()
        ):
            # "a 3-vehicle crash", "the two-car collision", "a 10-point lead": the number is a part of the word
            # that describes the noun after it, never a count of people (but "a 50-strong crowd" counts them)
            f.kind, f.unit = "other", head
        elif head in _MEASURE and not f.vague:
            f.kind, f.unit = "other", head
            if head in ("square", "sq") and len(nxt) > 1 and nxt[1].strip(".") in _SQUARE_OF:
                f.unit = "square " + _SQUARE_OF[nxt[1].strip(".")]  # "12,000 square feet"

    # Qualifier before: "more than", "nearly", "some" ... (longest phrase first).
    low, high = f.low, f.high
    head_text = text[max(0, f.start - 40) : f.start].lower()
    qual: Qualifier | None = None
    m = lex.prefix_rx.search(head_text)
    if m:
        qual = lex.prefix_by_phrase[m.group("q")]
        if qual.phrase in lex.reach_phrases:
            before = re.findall(r"[\w'’-]+", head_text[: m.start("q")])[-5:]
            if any(w in lex.reach_verbs for w in before):
                qual = None  # "bringing the death toll up to 45": the level reached, exactly
    if qual is not None:
        qs = f.start - (len(head_text) - head_text.rfind(qual.phrase))
        f.start = qs
        f.qualifier = text[qs : qs + len(qual.phrase)]
        f.approximate = f.approximate or qual.approximate or f.vague
        ranged = low is not None and high is not None and low < high and not f.vague
        low, high = _apply_qualifier(qual, low if low is not None else 0, high if high is not None else 0)
        if ranged and qual.low is None:
            low = f.low  # "as many as 35 to 40": the range's own floor stands
        if f.vague and qual.low is not None and qual.high is None:
            low, high = f.low, None  # "more than dozens" = at least the vague low end
    else:
        tail = text[f.end : f.end + 12].lower()
        m = lex.suffix_rx.match(tail)
        q = lex.suffix_by_phrase[m.group("q")] if m else None
        if q is not None and m is not None:
            if not (q.phrase == "+" and not tail.startswith("+")):
                f.end += m.end()
                f.qualifier = q.phrase
                f.approximate = True
                low, high = _apply_qualifier(q, low or 0, high or 0)
    if f.fraction and qual is None and low is not None:
        # "half of the homes" is said of 45% as of 55%: a rounded share, read as "about" reads a number
        low, high = _clean(low * 0.9), _clean(low * 1.1)
        f.approximate = True
    f.low, f.high = low, high
    if f.vague:
        f.approximate = True

    # A figure in quotation marks of its own ("“Dozens” of protesters") keeps its quotes.
    if f.start > 0 and f.end < len(text) and text[f.start - 1] in _OPEN_QUOTES and text[f.end] in _CLOSE_QUOTES:
        f.start -= 1
        f.end += 1
    return f

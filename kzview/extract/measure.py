"""What a figure measures when it is not a casualty count, and which event a sentence places a figure in.

Measure: outlets fight over a quake's magnitude, a depth, a distance from a town, boats, rifles, an amount of bail.
A figure outside the topics is compared with the figures that measure the same thing: the thing counted ("seven
AK-47s", "two boats"), the dimension of its unit and what it is of ("a depth of 1.2 miles", "14 miles north of
Healdsburg" -> distance from Healdsburg), the noun an amount belongs to ("bail of $200,000"), the verb that happened
to the people counted ("shot three people"). A figure whose measure cannot be read is not compared: a wrong pairing
is worse than none.

Event: by default a figure is the story's. A sentence places it elsewhere when it is dated before the story began
("In February, a gunman killed five people"), compares ("a similar raid"), or totals ("so far this year"). The
story's first day comes from the corpus (`story_start`).
"""

from __future__ import annotations

import calendar
import datetime as dt
import itertools
import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from functools import cache

from kzview.dates import MONTHS

_TIME_UNITS = frozenset("second minute hour day week month year".split())
_PLURAL_EXCEPTIONS = {"series", "species", "news", "gas", "bus", "lens", "chassis"}


@dataclass(frozen=True)
class MeasureVocab:
    magnitude_words: frozenset[str] = frozenset()
    quake_nouns: frozenset[str] = frozenset()
    aftershock_nouns: frozenset[str] = frozenset()
    length_units: frozenset[str] = frozenset()
    depth_words: frozenset[str] = frozenset()
    fall_words: frozenset[str] = frozenset()
    directions: frozenset[str] = frozenset()
    area_units: frozenset[str] = frozenset()
    volume_units: frozenset[str] = frozenset()
    temperature_words: frozenset[str] = frozenset()
    speed_units: frozenset[str] = frozenset()
    data_units: frozenset[str] = frozenset()
    wind_words: frozenset[str] = frozenset()
    rain_words: frozenset[str] = frozenset()
    people_verbs: dict[str, str] = field(default_factory=dict)
    not_measures: frozenset[str] = frozenset()
    money_nouns: frozenset[str] = frozenset()
    money_given: frozenset[str] = frozenset()  # paid or promised, never a loss ("a $50,000 reward")
    duration_verbs: frozenset[str] = frozenset()
    duration_nouns: frozenset[str] = frozenset()
    classes: dict[str, str] = field(default_factory=dict)
    units: dict[str, float] = field(default_factory=dict)  # unit -> its size in a base unit ([units])
    offsets: dict[str, float] = field(default_factory=dict)  # unit -> its shift after the size ([unit_offsets])
    either: dict[str, tuple[str, ...]] = field(default_factory=dict)  # unit -> the units it may be ([unit_either])
    partitives: frozenset[str] = frozenset()
    charge_nouns: frozenset[str] = frozenset()
    comparison: tuple[tuple[str, ...], ...] = ()
    cumulative: tuple[tuple[str, ...], ...] = ()
    incident_nouns: frozenset[str] = frozenset()
    # things one story may have several of ("Earlier, a blast hit"), each with its kind (quakes, blasts, fires...)
    moment_nouns: dict[str, int] = field(default_factory=dict)
    forecast_frames: frozenset[str] = frozenset()  # "may", "expected to": what is foreseen, not what happened
    forecast_verbs: frozenset[str] = frozenset()  # "last", "take", "rise": a quantity still to come
    slack_days: int = 2
    relative_openers: re.Pattern[str] | None = None
    relative_inside: re.Pattern[str] | None = None


def measure_vocab(data: dict) -> MeasureVocab:
    m, e = data.get("measures", {}), data.get("events", {})

    def words(key: str) -> frozenset[str]:
        return frozenset(w.lower() for w in m.get(key, []))

    def phrases(key: str) -> tuple[tuple[str, ...], ...]:
        return tuple(sorted((tuple(p.lower().split()) for p in e.get(key, [])), key=len, reverse=True))

    return MeasureVocab(
        magnitude_words=words("magnitude_words"),
        quake_nouns=words("quake_nouns"),
        aftershock_nouns=words("aftershock_nouns"),
        length_units=words("length_units"),
        depth_words=words("depth_words"),
        fall_words=words("fall_words"),
        directions=words("directions"),
        area_units=words("area_units"),
        volume_units=words("volume_units"),
        temperature_words=words("temperature_words"),
        speed_units=words("speed_units"),
        data_units=words("data_units"),
        wind_words=words("wind_words"),
        rain_words=words("rain_words"),
        people_verbs=dict(m.get("people_verbs", {})),
        not_measures=words("not_measures"),
        money_nouns=words("money_nouns"),
        money_given=frozenset(singular(w) for w in m.get("money_given", [])),
        duration_verbs=frozenset(lemma(w) for w in m.get("duration_verbs", [])),
        duration_nouns=words("duration_nouns"),
        classes={singular(w): name for name, ws in sorted(data.get("measure_classes", {}).items()) for w in ws},
        partitives=words("partitives"),
        charge_nouns=words("charge_nouns"),
        units={str(k).lower(): float(x) for k, x in data.get("units", {}).items()},
        offsets={str(k).lower(): float(x) for k, x in data.get("unit_offsets", {}).items()},
        either={str(k).lower(): tuple(str(u).lower() for u in us) for k, us in data.get("unit_either", {}).items()},
        comparison=phrases("comparison"),
        cumulative=phrases("cumulative"),
        incident_nouns=frozenset(w.lower() for w in e.get("incident_nouns", [])),
        moment_nouns={w.lower(): n for n, ws in enumerate(e.get("moment_kinds", [])) for w in ws},
        forecast_frames=frozenset(w.lower() for w in e.get("forecast_frames", [])),
        forecast_verbs=frozenset(w.lower() for w in e.get("forecast_verbs", [])),
        slack_days=int(e.get("slack_days", 2)),
        relative_openers=_openers(e.get("relative_openers", [])),
        relative_inside=_inside(e.get("relative_inside", [])),
    )


def _openers(phrases: list[str]) -> re.Pattern[str] | None:
    """A sentence opening with one of `phrases` ("N" stands for a number: "N years later")."""
    if not phrases:
        return None
    number = r"(?:\d+|a|an|one|two|three|four|five|six|seven|eight|nine|ten|several|a few)"
    alts = []
    for p in sorted(phrases, key=len, reverse=True):
        parts = [number if w == "N" else re.escape(w.lower()) for w in p.split()]
        alts.append(r"\s+".join(parts))
    return re.compile(r"^\W*(?:" + "|".join(alts) + r")\b", re.IGNORECASE)


def _inside(phrases: list[str]) -> re.Pattern[str] | None:
    """A time relative to the sentence before, said inside a sentence ("Mat Maid was then valued at ...")."""
    if not phrases:
        return None
    alts = [r"\s+".join(re.escape(w) for w in p.lower().split()) for p in sorted(phrases, key=len, reverse=True)]
    return re.compile(r"\b(?:" + "|".join(alts) + r")\b", re.IGNORECASE)


def singular(word: str) -> str:
    w = word.lower().strip("’'")
    if w in _PLURAL_EXCEPTIONS or len(w) <= 3:
        return w
    if w.endswith("ies") and len(w) > 4:
        return w[:-3] + "y"
    if w.endswith(("wives", "knives", "lives")):
        return w[:-3] + "fe"  # "wives", "knives": not "wive"
    if w.endswith(("ches", "shes", "sses", "xes")):
        return w[:-2]
    if w.endswith("s") and not w.endswith(("ss", "us", "is")):
        return w[:-1]
    return w


_SKIP_LEFT = frozenset(
    "a an the of for about around some nearly almost roughly approximately only just over more than less at least "
    "up to as many much with by to in was were is are be been being had has have had its their his her estimated "
    "another total".split()
)


# the measures a figure's unit or its words make a property of one thing (kzview makes these names itself, below):
# a quake's magnitude, a depth, a distance, an area, a temperature, a fall is not limited by where it was told
_PROPERTIES = ("magnitude", "depth", "fall", "distance", "area", "temperature")


_SIDES = {"wide": "width", "long": "length", "high": "height", "tall": "height", "deep": "depth"}
# a dimension named before its figure in one clause ("the depth of the river in that place is", "a route of")
_DIMENSION_BEFORE = re.compile(
    r"\b(?P<dim>depth|width|length|height|route|stretch|distance|trail|tunnel|queue|convoy)\b"
    r"(?:\s+of\s+(?:the\s+|a\s+|an\s+)?[a-z\-]+(?:\s+[a-z\-]+){0,5}?\s+(?:is|was|are|were|measured|reached)"
    r"|\s+(?:is|was|measured|reached)|\s+of)(?:\s+(?:about|around|some|nearly|almost|roughly|more than|over))?$"
)
_WARMER = frozenset("warmer cooler colder hotter higher lower above below".split())


def is_property(measure: str | None) -> bool:
    """Whether `measure` is a property of one thing (a quake's magnitude, a distance), never a part of the event."""
    return measure is not None and measure.split()[0] in _PROPERTIES


_CAPACITY_WORDS = frozenset("capacity maximum".split())
_PERMITTING = frozenset("permitted permits allowed allows licensed certified designed".split())
_HOLDING_VERBS = frozenset("carry hold take seat accommodate for".split())


def capacity_before(words: Sequence[str], a: int) -> bool:
    """Whether the words right before the figure at token a tell what a thing may hold: "permitted a maximum of",
    "licensed to carry", "a capacity of", "designed for" (not "she allowed one person to leave")."""
    before = words[max(0, a - 5) : a]
    if any(w in (".", ";") for w in before):
        return False
    if any(w in _CAPACITY_WORDS for w in before):
        return True
    at = next((i for i, w in enumerate(before) if w in _PERMITTING), None)
    return at is not None and any(w in _HOLDING_VERBS for w in before[at + 1 :])


def figure_measure(
    words: Sequence[str],
    a: int,
    b: int,
    kind: str,
    unit: str | None,
    counted_words: Sequence[str],
    people: bool,
    v: MeasureVocab,
    cased: Sequence[str],
    part: bool = False,
    verbs: frozenset[str] = frozenset(),
) -> str | None:
    """The measure of the figure at tokens a..b (its number) for a figure with no casualty topic, or None: one
    name for the words news uses alike ("boats", "vessels" and "ships"; `[measure_classes]`), the thing itself
    for a partitive ("31 pieces of apparatus" is apparatus), the offence for counts of a charge ("two counts of
    murder" and "two murder charges" are one measure, "one count of attempted murder" another). A part of a set
    named before (`part`: "seven of the officers", "two of the skiffs") is measured by what its clause says of
    it ("seven of the officers had training" is not "two other officers" shot at), and not at all when the
    clause says nothing readable; `verbs` are the irregular past verbs that can say it."""
    counted = list(counted_words)
    if kind == "count" and counted and counted[-1] in v.charge_nouns:
        return _charge_measure(words, b, counted, v)
    if kind == "count" and capacity_before(words, a):
        # "its certificate permitted a maximum of 80 passengers", "licensed to carry 60": what it may hold, never
        # how many it held
        return f"capacity ({singular(counted[-1])})" if counted else "capacity"
    if counted and counted[-1] in v.partitives:
        j = next((k + 1 for k in range(b, min(len(words), b + 6)) if words[k] == counted[-1]), len(words))
        if j + 1 < len(words) and words[j] == "of" and words[j + 1][:1].isalpha():
            counted = _of_head(words, j + 1) or counted
    if kind == "count" and counted:
        counted = _and_other(words, b, counted) or counted
    if kind == "count" and counted and counted[0] in v.volume_units | v.area_units | v.length_units:
        kind, unit = "other", counted[0]  # "5,000 gallons of water", read as a number with its unit
    m = _figure_measure(words, a, b, kind, unit, counted, people, v, cased)
    if m is None:
        return None
    m = v.classes.get(m, m)
    bare = bool(counted) and m == v.classes.get(singular(counted[-1]), singular(counted[-1]))
    if kind == "count" and bare and len(counted) >= 2:
        at = next((k for k in range(b, min(len(words), b + 6)) if words[k] == counted[-1]), None)
        if at is not None and at > 0 and words[at - 1] == counted[-2] and _nationality(cased[at - 1]):
            return f"{cased[at - 1]} {m}"  # "11 Yemeni pirates" are a part of "23 pirates", not a rival count
    if kind == "count" and bare and not people:
        j = a - 1
        while j >= 0 and a - j <= 3 and words[j] in QUALIFYING | {"a", "an"}:
            j -= 1
        if j >= 0 and words[j] in _HOLDING:
            return f"{m} held"  # "pirates holding about a dozen ships": ships in captivity, not the boats of an attack
    if part and kind == "count" and bare:
        verb = _part_verb(words, a, b, counted, verbs)
        return f"{m} {verb}" if verb else None
    if kind == "count" and bare:
        at = next((k for k in range(b, min(len(words), b + 6)) if words[k] == counted[-1]), None)
        if at is not None and at + 2 < len(words) and words[at + 1] == "of":
            k = at + 3 if words[at + 2] == "the" else at + 2
            name = list(itertools.takewhile(lambda w: w[:1].isupper() and w[:1].isalpha(), cased[k : k + 4]))
            after = words[k + len(name)] if k + len(name) < len(words) else ""
            if name and not (len(name) == 1 and _nationality(name[0])) and after not in _PLACE_KINDS:
                # (not "two hospitals of the Veldish city of Dunmoor": a nationality, a place)
                # "14 teams of NDRF and 9 teams of SDRF": whose teams they are; never another body's count
                return f"{m} of {' '.join(name)}"
    return m


_OFFENCE_END = frozenset("against over involving under across after".split())
GENTILIC = ("i", "ian", "an", "ese", "ish", "ic")  # "Israeli", "Russian", "Kenyan", "Chinese", "Turkish"
_HOLDING = frozenset("holding held hold holds hijacked hijacking".split())


def _nationality(word: str) -> bool:
    """A capitalised word of a nationality's form: "Somali", "Yemeni", "Indian", "Chinese", "Turkish"."""
    return len(word) > 3 and word[:1].isupper() and word[1:].islower() and word.endswith(GENTILIC)


_CHARGE_FILLERS = frozenset("more other new additional separate further fresh total criminal related".split())


def _charge_measure(words: Sequence[str], b: int, counted: list[str], v: MeasureVocab) -> str:
    """Counts of a charge by the offence: the words between the number and "counts" ("two murder charges",
    "one attempted murder charge"), else the noun phrase after its "of" ("two counts of first-degree murder")."""
    offence = [w for w in counted[:-1] if w not in _CHARGE_FILLERS]
    stops = _NP_END | _OFFENCE_END
    if not offence:
        j = next((k + 1 for k in range(b, min(len(words), b + 6)) if words[k] == counted[-1]), len(words))
        if j < len(words) and words[j] == "of":
            j += 1
            while j < len(words) and len(offence) < 4 and words[j][:1].isalpha() and words[j] not in stops:
                offence.append(words[j])
                j += 1
    return "charges of " + " ".join(offence) if offence else "charges"


_PART_SKIP = frozenset("were was are is have has had been be being also still later then all both each only".split())
_CLAUSE_END = frozenset(", ; . : and but or while whereas because when after before".split())


def _part_verb(words: Sequence[str], a: int, b: int, counted: Sequence[str], verbs: frozenset[str]) -> str | None:
    """What is said of a part of a set: the verb it is the object of ("boarded two of the vessels"), else the verb
    of its clause after it ("two of the skiffs fled", "five of the officers were disciplined", "seven of the
    officers who arrived had training"), as written; None when neither is near."""

    def verb_at(k: int) -> bool:
        w = words[k]
        return _verbish(w) or w in verbs

    j = a - 1
    while j >= 0 and a - j <= 4 and words[j] in QUALIFYING | {"all"}:
        j -= 1
    if j >= 0 and verb_at(j):
        return words[j]
    n = len(words)
    k = b
    while k < n and k - b < 8 and words[k] != "of":
        k += 1  # past the number's own words to the set's "of"
    k += 1
    while k < n and k - b < 10 and words[k] in counted or k < n and words[k] in _OF_DETERMINERS:
        k += 1
    for i in range(k, min(n, k + 10)):
        w = words[i]
        if w in _CLAUSE_END:
            break
        if verb_at(i):
            return w
        if w in ("had", "has", "have") and i + 1 < n and not verb_at(i + 1) and words[i + 1] not in _PART_SKIP:
            return w  # "had training": a possession
    return None


def _and_other(words: Sequence[str], b: int, counted: list[str]) -> list[str] | None:
    """A count of a list that ends in its kind ("31 fire engines, ambulances and other vehicles", "12 rifles,
    pistols and other weapons"): the number counts the kind, not the first item."""
    n = len(words)
    j = b
    while j < n and j - b < 4 and words[j] in counted:
        j += 1
    if j >= n or words[j] != ",":
        return None
    for k in range(j + 1, min(n - 2, j + 8)):
        if words[k] in (".", ";", ":") or words[k] in _NP_END and words[k] != "and":
            return None
        if words[k] == "and" and words[k + 1] == "other":
            head = _of_head(words, k + 2)
            return head or None
    return None


_OF_DETERMINERS = frozenset("the a an their its his her our these those this that".split())
_NP_END = frozenset(
    "of and or but including to were was are is be been with in on at for from by as that which who had has "
    "have will would could into onto during after before while".split()
)


def _of_head(words: Sequence[str], i: int) -> list[str]:
    """The head of the noun phrase after a partitive's "of": the last of up to three words, past a determiner
    ("pieces of rescue apparatus" is apparatus, "units of the fire service's equipment" is equipment)."""
    if i < len(words) and words[i] in _OF_DETERMINERS:
        i += 1
    phrase: list[str] = []
    while i < len(words) and len(phrase) < 3 and words[i][:1].isalpha() and words[i] not in _NP_END:
        if phrase and words[i].endswith("ed"):
            break  # a verb or a participle: "pieces of apparatus responded", "tonnes of aid delivered"
        phrase.append(words[i])
        i += 1
    return phrase[-1:]


_PLACE_KINDS = frozenset(
    "town village community city hamlet settlement suburb resort township borough port district neighbourhood "
    "neighborhood region province state country county capital area".split()
)


_NAME_OPENERS = frozenset("in at near from to outside inside by the".split())


def _located_place(cased: Sequence[str], a: int) -> str | None:
    """The place a distance at token a locates, when the distance closes an apposition describing it ("Marlow, a small
    community along the highway, 4 miles east of ..."; "Paradise, a town of 26,000, 15 miles from ...")."""
    if a < 1 or cased[a - 1] != ",":
        return None
    for k in range(a - 2, max(-1, a - 16), -1):
        if (
            cased[k] == ","
            and k + 2 < a
            and cased[k + 1].lower() in ("a", "an")
            and any(w.lower() in _PLACE_KINDS for w in cased[k + 2 : min(a - 1, k + 5)])
        ):
            name: list[str] = []
            j = k - 1
            while j >= 0 and cased[j][:1].isupper() and len(name) < 3:
                name.insert(0, cased[j])
                j -= 1
            while name and name[0].lower() in _NAME_OPENERS:
                name = name[1:]  # "In Marlow, a town of 2,000, ...": the town, not its preposition
            return " ".join(name) or None
    return None


# where the event itself is: a distance of these ("the epicentre 6 miles north of X") is the event's own
_EVENT_SITES = frozenset("epicenter epicentre centre center scene site blast fire crash explosion attack".split())
_PERSON_ENDINGS = ("ist", "ent", "ian", "man", "woman", "ness", "er", "or", "ee")  # motorist, resident, witness
_QUALIFIED = frozenset("about some nearly roughly around approximately almost just only over".split())


_ACTS = frozenset("said saw spotted called told heard found noticed reported alerted phoned".split())


def _located_thing(words: Sequence[str], a: int, after: int) -> str | None:
    """The one a distance at token a places, when it follows a noun for a person who then does something ("a
    motorist 50 miles north of X spotted the car"; `after`: the token after the place): where that one was, not
    where the event was ("shot a customer 2 miles from the store", "a tanker 50 miles off X was hit" are none)."""
    j = a - 1
    while j >= 0 and words[j] in _QUALIFIED:
        j -= 1
    if j < 1 or words[j - 1] not in ("a", "an", "one", "another"):
        return None
    noun = words[j]
    if not noun.isalpha() or noun in _EVENT_SITES or not noun.endswith(_PERSON_ENDINGS):
        return None
    act = words[after] if after < len(words) else ""
    if act not in _ACTS and not (act.endswith("ed") and len(act) > 4):
        return None
    return noun


def _figure_measure(
    words: Sequence[str],
    a: int,
    b: int,
    kind: str,
    unit: str | None,
    counted_words: Sequence[str],
    people: bool,
    v: MeasureVocab,
    cased: Sequence[str],
) -> str | None:
    """The measure of the figure at tokens a..b (its number) for a figure with no casualty topic, or None."""
    n = len(words)
    nxt = words[b] if b < n else ""
    prev = [w for w in words[max(0, a - 4) : a] if w not in ("a", "an", "the", "of")]
    if kind == "other" or kind == "count" and (nxt in v.magnitude_words or nxt.rstrip("-") in v.magnitude_words):
        u = (unit or nxt).lower()
        noun = _compound_noun(words, b, v)
        if noun is not None and b < n and cased[b][:1].isupper():
            noun = None  # "the 9-acre Hollins Farm complex": a named place's area, as "the nine acre site" is
        after = list(words[b : b + 3])
        near_magnitude = u not in v.length_units and any(
            w in v.magnitude_words or w.startswith("magnitude") for w in prev
        )
        if u in v.magnitude_words or near_magnitude:
            if any(w in v.aftershock_nouns for w in after + prev) or _told_after_aftershocks(words, a, v):
                return None  # aftershocks are many: their magnitudes are no one figure
            return "magnitude"
        if u in v.speed_units:
            if {"limit", "limits"} & set(words[max(0, a - 3) : b + 6]):
                return "speed limit"  # "a 15 km/h speed limit", "limits of 60mph": what was allowed, not done
            return "wind speed" if any(w in v.wind_words for w in words[max(0, a - 5) : b + 2]) else "speed"
        if u in ("°c", "°f") or u in v.either and "°c" in v.either[u]:
            told_after = list(words[b : b + 5])
            if any(w in _WARMER for w in told_after) and not ("below" in told_after and "zero" in told_after):
                return "temperature difference"  # "0.6C warmer than the mean", "1.45C above pre-industrial levels"
            return "temperature"
        if u in v.data_units:
            return "data"  # "700 GB" and "1.2 terabytes" stolen: compared in bytes
        if u in ("storey", "storeys", "story", "floor"):
            return "storeys"  # "a 12-storey building", "the 30-story tower": how tall, in floors
        if u in v.length_units:
            before = list(words[max(0, a - 4) : a])
            for k in range(len(before) - 1, -1, -1):
                if before[k] in ("and", ",", ";", "but"):
                    before = list(before[k + 1 :])  # "10 km deep and centred some 25 miles south": the 25 is no depth
                    break
            window = [*before, *words[b : b + 4]]
            if any(w in v.rain_words for w in words[b : b + 4]) or any(
                w in v.rain_words for w in words[max(0, a - 3) : a]
            ):
                return "rainfall"  # "300mm of rain", "rainfall of 6 inches"
            if any(w in v.depth_words for w in window):
                return "depth"
            if any(w in v.fall_words for w in words[max(0, a - 5) : a]):
                return "fall"
            j = b
            for _ in range(2):
                while j < n and (words[j] in v.length_units or words[j] in v.directions or words[j] in ("-", ",")):
                    j += 1
                close = next((k for k in range(j, min(n, j + 8)) if words[k] == ")"), None)
                if j < n and words[j] == "(" and close is not None:
                    j = close + 1  # "40 nautical miles (74 km) off Falmouth"
                else:
                    break
            # "west of Aden", "from Aden", "off Aden" (the "off" is read with the directions)
            at = j + 1 if j + 1 < n and words[j] in ("of", "from") else j if j > b and words[j - 1] == "off" else -1
            if 0 <= at < n and cased[at][:1].isupper():
                place = [cased[at]]
                k = at + 1
                while k < n and cased[k][:1].isupper() and len(place) < 3:
                    place.append(cased[k])
                    k += 1
                located = _located_place(cased, a) or _located_thing(words, a, k)
                if located:
                    # "Marlow, a small village in the hills, 4 miles east of X": where the town is, not the event
                    return f"distance of {located} from " + " ".join(place)
                return "distance from " + " ".join(place)
            if j > b and words[j - 1] == "away":
                return "distance away"  # "she lived half a mile away"
            if noun:
                return f"length of {noun}"  # "a 30-mile drive"
            side = _SIDES.get(words[j] if j < n else "")
            if side:
                return side  # "Gate 7 is 5 metres wide", "a wall 3 metres high"
            dimension = _DIMENSION_BEFORE.search(" ".join(words[max(0, a - 12) : a]))
            if dimension:
                # "the depth of the river there is 22 metres", "a route of 6 kilometres"
                dim = dimension["dim"]
                return dim if dim in _SIDES.values() else f"length of {singular(dim)}"
            return None
        if u in v.area_units:
            noun = noun or _area_of(words, a, b, v)
            return f"area of {noun}" if noun else "area"  # "a 40-acre site" is the site's area
        if u in v.volume_units:
            j = b
            while j < n and words[j] in v.volume_units:
                j += 1
            rate = ""
            if j + 1 < n and words[j] in ("a", "an", "per", "each", "every") and words[j + 1] in _TIME_UNITS:
                rate = f" per {words[j + 1]}"  # "5,000 gallons a minute": a rate, not an amount
            elif j + 1 < n and words[j] == "of" and words[j + 1][:1].isalpha():
                k = j + 2
                if k + 1 < n and words[k] in ("a", "an", "per", "each", "every") and words[k + 1] in _TIME_UNITS:
                    rate = f" per {words[k + 1]}"  # "5,000 gallons of water per minute"
                if not rate:
                    rate = _rate_later(words, k)  # "5,000 gallons of water were poured on it every minute"
                return f"{singular(u)} of {singular(words[j + 1])}{rate}"  # "gallons of water", not "of oil"
            return singular(u) + rate
        if u in v.temperature_words or any(w in v.temperature_words for w in words[max(0, a - 2) : b + 2]):
            return "temperature"
        return None
    if kind == "count":
        before = [w for w in words[max(0, a - 3) : a] if w not in ("a", "an", "the", "of", "at", "preliminary")]
        if (before and before[-1] in v.magnitude_words) or (
            before
            and before[-1] in ("measuring", "measured")
            and any(w in v.quake_nouns for w in words[max(0, a - 6) : a])
        ):
            if any(w in v.aftershock_nouns for w in words[max(0, a - 6) : b + 3]) or _told_after_aftershocks(
                words, a, v
            ):
                return None  # aftershocks are many: their magnitudes are no one figure
            return "magnitude"  # "a preliminary magnitude of 4.6 was recorded", "an earthquake measuring 4.6"
        if nxt == "in" and b + 1 < n and words[b + 1] in v.magnitude_words:
            return "magnitude"  # "first put the tremor at 5.3 in magnitude"
        if people:
            return _people_measure(words, a, b, counted_words, v)
        if any(w in v.aftershock_nouns for w in counted_words):
            return None  # aftershocks are many: their magnitudes are no one figure
        if nxt in v.quake_nouns or any(w in v.quake_nouns for w in counted_words):
            return "magnitude"  # "a 4.6 quake", "a 4.6 Sonoma earthquake"
        if not counted_words:
            return None
        head = counted_words[-1]
        past = b + len(counted_words)
        if (
            past < n
            and head[:1].isalpha()
            and (
                words[past] == "away"
                or list(words[past : past + 3]) in (["from", "the", "scene"], ["from", "the", "site"])
            )
        ):
            return "distance away"  # "six buildings away", "four houses from the scene": how far, in what units
        if head in v.not_measures or head in v.directions or not head[:1].isalpha():
            return None
        if len(counted_words) == 1 and b + 1 < n and words[b + 1].isdigit() and cased[b][:1].isupper():
            return f"{head}-{words[b + 1]}"  # "six AK 47 rifles" is "ak-47", as "six AK-47s"
        distinct = [w for w in counted_words[:-1] if any(ch.isdigit() for ch in w)]
        if distinct:
            return singular(distinct[0])  # "six AK-47 rifles" and "seven AK-47s" are one measure
        if any(ch.isdigit() for ch in head):
            return singular(head)
        return singular(head)  # "three other rifles" and "three rifles" are one measure
    if kind == "percent":
        # a share of something named after "of": "60% of the lost capacity", "90 percent of the homes"
        k = b
        while k < n and k - b < 2 and words[k] in ("%", "percent", "per", "cent"):
            k += 1
        if k + 1 < n and words[k] == "of":
            of = _of_head(words, k + 1)
            if of and of[0] not in v.not_measures:
                return f"share of {singular(of[0])}"
        return None
    if kind == "money":
        j = b
        while j < n and j - b < 3 and words[j].isalpha() and words[j] not in ("a", "an", "per", "each", "every"):
            j += 1
        if j + 1 < n and words[j] in ("a", "an", "per", "each", "every") and words[j + 1] in _TIME_UNITS:
            # "£90 million a year", "$2,000 per week": a rate, never a sum paid or lost once
            return f"money per {singular(words[j + 1])}"
        for w in counted_words[:2]:
            if w in v.money_nouns:
                return singular(w)  # "$200,000 bail"
        for w in reversed(words[max(0, a - 5) : a]):
            if w in v.money_nouns:
                return singular(w)  # "bail of $200,000", "bail was set at $50,000", "a value of"
            if w in (",", ";", ".", "and", "but"):
                break
        if b < n and words[b] == "in":
            for w in words[b + 1 : b + 5]:
                if w in v.money_nouns:
                    return singular(w)  # "up to $42,000 in federal disaster aid"
                if not w.isalpha():
                    break
        return None
    if kind == "duration":
        # how long something lasted, by the verb it measures ("married for two weeks", "living in Wales for
        # four years"): a duration with no such verb (someone's years at a plant) is not compared
        def named(w: str) -> str:
            return f"time {v.classes.get(w, w)}"  # "to fix" and "repair time" are one measure

        j = a - 1
        while j >= 0 and a - j <= 7:
            w = words[j]
            if (_verbish(w) or w in v.classes) and lemma(w) in v.duration_verbs:
                return named(lemma(w))  # "married for ten days", "was wed a month ago"
            if w in (",", ";", ".", "but", "that", "when", "while", "who", "which"):
                break
            j -= 1
        # "would take 12 days to fix": the verb after the duration
        k = b
        while k < n and k - b < 3 and (words[k] in ("or", "more") or words[k].rstrip("s") in _TIME_UNITS):
            k += 1  # past the unit, when the figure's span ends before it
        if (
            k + 1 < n
            and words[k] == "to"
            and (words[k + 1] in v.duration_verbs or lemma(words[k + 1]) in v.duration_verbs)
        ):
            return named(lemma(words[k + 1]))
        # "the total repair time will be around twelve days", "a downtime of about an hour": the noun it measures
        j = a - 1
        while j >= 0 and a - j <= 14:
            if words[j] in v.duration_nouns:
                return named(singular(words[j]))
            if words[j] in (",", ";", ".", "but", "that", "when", "while", "who", "which"):
                break
            j -= 1
        return None
    return None


def _area_of(words: Sequence[str], a: int, b: int, v: MeasureVocab) -> str | None:
    """What an area belongs to when the text says whose size it is ("the size of the structure at 12,000 square
    feet"; the noun after a unit, "this nine acre city block", is too often the site itself, told without it)."""
    before = list(words[max(0, a - 6) : a])
    for i in range(len(before) - 3):
        if before[i] in ("size", "area", "footprint") and before[i + 1] == "of" and before[-1] in ("at", "as", "was"):
            head = [w for w in before[i + 2 : -1] if w not in ("the", "a", "an", "its", "their")]
            if head and head[-1].isalpha():
                return singular(head[-1])
    return None


def _told_after_aftershocks(words: Sequence[str], a: int, v: MeasureVocab) -> bool:
    """Whether aftershocks are named earlier in the figure's sentence ("more than 40 aftershocks have been recorded
    since Friday, the largest of magnitude 5.1"): the magnitude is one of theirs, not the main shock's."""
    return any(w in v.aftershock_nouns for w in words[:a])


def _compound_noun(words: Sequence[str], b: int, v: MeasureVocab) -> str | None:
    """The noun a number-and-unit compound measures ("a 170,000-square-foot building" -> building), when the
    figure's words end in its unit and a noun follows; None for "12,000 square feet"."""
    if b < 2 or words[b - 2] != "-" and "-" not in words[b - 1]:
        return None
    if b >= len(words) or not words[b].isalpha() or words[b] in v.not_measures:
        return None
    if words[b] in v.length_units or words[b] in v.area_units or words[b] in v.directions:
        return None
    return singular(words[b])


def _rate_later(words: Sequence[str], j: int) -> str:
    """A rate said later in the figure's clause ("... were poured onto the blaze every minute"), or ""."""
    for k in range(j, min(len(words) - 1, j + 12)):
        if words[k] in (",", ";", ".", "and", "but"):
            break
        if words[k] in ("per", "every", "each") and words[k + 1] in _TIME_UNITS:
            return f" per {words[k + 1]}"
    return ""


_NOT_VERBS = frozenset(
    "said says say told tell reported added according including following during regarding concerning involving "
    "believed thought described identified named aged based".split()
)
_AUX_WORDS = frozenset("were was are is have has had been be being also still all both".split())
_LINKS = frozenset("to of with by for from into against".split())
_PEOPLE_DETERMINERS = frozenset("the other another all his her their its these those".split())


def lemma(word: str) -> str:
    """A crude verb lemma, enough to match "marrying", "married" and "marry", "shooting" and "shot"."""
    w = word.lower()
    if w.endswith("ied") or w.endswith("ies"):
        return w[:-3] + "y"
    for suffix in ("ing", "ed"):
        if w.endswith(suffix) and len(w) > len(suffix) + 2:
            stem = w[: -len(suffix)]
            if len(stem) > 2 and stem[-1] == stem[-2] and stem[-1] not in "lsz":
                stem = stem[:-1]  # "shopping" -> "shop"
            if stem.endswith("v"):
                stem += "e"  # no English word ends in v: "moved", "living", "served" -> "move", "live", "serve"
            return stem
    return w


def _verbish(w: str) -> bool:
    return w[:1].isalpha() and w.endswith(("ed", "ing")) and w not in _NOT_VERBS and len(w) > 4


def _people_measure(words: Sequence[str], a: int, b: int, counted_words: Sequence[str], v: MeasureVocab) -> str | None:
    """People counted with no topic of their own: what happened to them, by a verb of `people_verbs` ("shooting
    three people", "three people were shot"), else who they are ("more than 50 firefighters", "20 wives")."""
    known = _people_verb(words, a, b, counted_words, v) or _presence(words, a, b, counted_words, v.classes)
    if known:
        return known
    head = counted_words[-1] if counted_words else ""
    j = a - 2 if a >= 1 and words[a - 1] == "the" else a - 1
    end = b + len(counted_words)
    if (
        j >= 2
        and words[j] == "of"
        and words[j - 1] == "one"
        and words[j - 2] in _PICKED_FROM
        and (end >= len(words) or words[end] in (",", ";", ".", "but", "and"))
    ):
        # "partnered with one of two deputies, but ...": the set one person is picked from, said and left, no
        # count; "one of 200 workers laid off", "he was one of 14 passengers on board" say what the set did
        return None
    if head and head.isalpha() and head not in v.not_measures and head not in ("men", "women", "persons"):
        return singular(head)
    return None


_PICKED_FROM = frozenset("with to by from for beside alongside".split())  # "worked with one of two ..."
_NOT_PRESENT = frozenset(
    "hospital hospitals custody jail prison condition conditions court charge charges all total addition part "
    "turn fact particular danger need shock mourning tears".split()
)  # "in custody", "in critical condition", "in all": no place the people were in


QUALIFYING = frozenset("roughly about some nearly around approximately almost over more than at least up to".split())


_CARRYING = frozenset("carrying carried carries carry ferrying ferried transporting transported".split())


def _presence(
    words: Sequence[str], a: int, b: int, counted_words: Sequence[str], classes: dict[str, str] | None = None
) -> str | None:
    """People counted where they were when it happened: "about 200 people were inside", "50 workers were in the
    plant", "some 300 guests were at the hotel", "the hall where about 300 people were": one measure whatever they
    are called; "120 people on board"."""
    n = len(words)
    j = a - 1
    while j >= 0 and words[j] in QUALIFYING:
        j -= 1
    where = j >= 0 and words[j] == "where"
    generic = not counted_words or counted_words[-1] in ("people", "persons", "men", "women")
    if j >= 0 and words[j] in _CARRYING and counted_words and generic:
        return "people aboard"  # "a ferry carrying about 240 people", "the bus, which carried 50 people"
    k = b
    while k < n and words[k] in counted_words and k - b < 4:
        k += 1
    copula = False
    while k < n and words[k] in ("were", "was", "still", "then", "already"):
        copula = copula or words[k] in ("were", "was")
        k += 1
    if k >= n or not words[k][:1].isalnum():
        # "she walked into the room where roughly 100 people were.": where they were is the clause it ends
        return "people present" if where and copula else None
    w = words[k]
    if w in ("aboard", "onboard") or w == "on" and k + 1 < n and words[k + 1] == "board":
        # who is aboard matters (crew, passengers, the boarders): people named as nothing more are one measure, the
        # others each their own ("over 1,100 passengers were on board", not the passengers seen stranded)
        if generic:
            return "people aboard"
        noun = singular(counted_words[-1])
        return f"{(classes or {}).get(noun, noun)} aboard"
    if w == "inside" or w == "present" and copula:
        return "people present"  # "some 60 staff inside", "about 40 people were present"
    if w == "on" and k + 1 < n and words[k + 1] == "duty":
        return "people on duty"  # "35 guards were on duty": not the 11 who face charges
    if w == "at" and k + 1 < n and words[k + 1] == "work":
        return "people present"  # "about 100 people were at work at the plant"
    # "200 people were in the building"; without the verb ("four people in the break room", "22 fishermen in
    # the gulf") the words say where some of them were, not how many were there
    if copula and w in ("in", "at") and k + 2 < n and words[k + 1] in ("the", "a", "an"):
        noun = words[k + 2]
        if noun.isalpha() and noun not in _NOT_PRESENT and not noun.endswith("ly"):
            return "people present"
    return None


def _people_verb(words: Sequence[str], a: int, b: int, counted_words: Sequence[str], v: MeasureVocab) -> str | None:
    j = a - 1
    while j >= 0 and a - j <= 3 and (words[j] in _LINKS or words[j] in _PEOPLE_DETERMINERS):
        j -= 1  # "shot the other three", "freed all seven of them", "rescued the four"
    if j >= 0 and a - j <= 4:
        w = words[j]
        if w in v.people_verbs:
            return v.people_verbs[w]
    k = b
    n = len(words)
    while k < n and (words[k] in counted_words or words[k] in _AUX_WORDS) and k - b < 6:
        k += 1
    if k < n and k > b:
        w = words[k]
        if w in v.people_verbs:
            return v.people_verbs[w]
    return None


# ---------------------------------------------------------------------------------------------------------------
# Events.

_MONTH_NAMES = (
    "january|february|march|april|may|june|july|august|september|october|november|december|"
    "jan|feb|mar|apr|jun|jul|aug|sept|sep|oct|nov|dec"
)
_PERIOD = re.compile(
    rf"\b(?:(?P<pre>in|during|since|by|early|late|last|mid|until|on|from)\s+)?"
    rf"(?P<month>{_MONTH_NAMES})\.?(?:\s+(?P<day>[0-3]?\d)(?:st|nd|rd|th)?)?(?:,?\s+(?P<year>(?:19|20)\d\d))?\b"
    rf"|\b(?P<pre2>in|during|since|by|early|late|mid|until)\s+(?P<year2>(?:19|20)\d\d)\b"
    rf"|\b(?P<pre3>the|a|an)\s+(?P<year3>(?:19|20)\d\d)\s+(?=[a-z])"  # "the 1999 quake killed 17,000"
    # "the floods of 1998", "the X bridge disaster of 2011"
    rf"|(?<=\bthe\s)(?:[\w\-]+\s+){{1,4}}?of\s+(?P<year4>(?:19|20)\d\d)\b"
    rf"|\blast\s+(?P<last>week|month|year|summer|winter|spring|fall|autumn|decade)\b"
    rf"|\b(?P<n>\d+|a|an|one|two|three|four|five|six|seven|eight|nine|ten|several|a few)\s+"
    rf"(?P<unit>years|year|months|month|weeks|week|decades)\s+(?:ago|earlier|before)\b",
    re.IGNORECASE,
)
_SMALL = {
    "a": 1,
    "an": 1,
    "one": 1,
    "two": 2,
    "three": 3,
    "four": 4,
    "five": 5,
    "six": 6,
    "seven": 7,
    "eight": 8,
    "nine": 9,
    "ten": 10,
    "several": 3,
    "a few": 2,
}


@dataclass(frozen=True, slots=True)
class Period:
    start: int  # offsets in the sentence
    end: int
    words: str
    latest: dt.date  # the latest day the words can mean
    label: str  # the event's name across articles: its month ("February 2007") or its year ("2004")
    after_only: bool = False  # dates only what comes after it ("since the 2008 siege, in which 166 died")


def _month_end(year: int, month: int) -> dt.date:
    return dt.date(year, month, calendar.monthrange(year, month)[1])


# a thing's origin: "built in 1998", "founded in 1902", "first opened in 2005"
_ORIGIN_BEFORE = re.compile(
    r"\b(?:built|founded|established|constructed|erected|opened|launched|commissioned|incorporated|formed|set\s+up)"
    r"\s+(?:back\s+)?(?:in\s+)?$",
    re.IGNORECASE,
)


def find_periods(sentence: str, anchor: dt.date) -> list[Period]:
    """Time expressions in a sentence that date its figures, each with the latest day it can mean."""
    out: list[Period] = []
    for m in _PERIOD.finditer(sentence):
        latest: dt.date | None = None
        if _ORIGIN_BEFORE.search(sentence, max(0, m.start() - 40), m.start()):
            continue  # "the ferry, built in 1998, had 12 crew": when a thing was made, not an event of the sentence
        since = (m["pre"] or m["pre2"] or "").lower() in ("since", "until", "by", "from") or re.search(
            r"\bsince\s+(?:\S+\s+){0,4}$", sentence[max(0, m.start() - 40) : m.start()], re.IGNORECASE
        )
        if since and (m["year3"] or re.match(r",\s+(?:when|in which|which)\b", sentence[m.end() :])):
            # "since a 2013 factory collapse killed 1,100", "since 2015, when gunmen killed 130": what comes after
            # tells of that earlier event, though the words before run up to now
            year_words = m["year3"] or m["year2"] or m["year"]
            if year_words:
                out.append(
                    Period(
                        m.start(),
                        m.end(),
                        " ".join(m.group(0).split()),
                        dt.date(int(year_words), 12, 31),
                        year_words,
                        after_only=True,
                    )
                )
            continue
        if since:
            continue  # "the worst riots since independence in 1989" run up to now: they date nothing earlier
        if m["month"]:
            if m["month"].lower() == "may" and m["month"][0].islower():
                continue  # the verb
            if (
                m["month"][0].islower()
                and not (m["day"] or m["year"])
                and not re.search(r"(?:\b\d{1,2}(?:st|nd|rd|th)?\s+|\bmid-)$", sentence[: m.start("month")])
            ):
                continue  # a noun or a verb ("during the march", "a march on the capital"); but "12 sept", "mid-july"
            month = MONTHS[m["month"].lower()]
            year = int(m["year"]) if m["year"] else None
            if year is None:
                # the most recent such month at or before the anchor
                year = anchor.year if month <= anchor.month else anchor.year - 1
            pre = (m["pre"] or "").lower()
            if m["day"]:
                try:
                    latest = dt.date(year, month, int(m["day"]))
                except ValueError:
                    continue
            elif pre in ("early", "mid"):
                latest = dt.date(year, month, 10 if pre == "early" else 20)  # "early November": its first third
            else:
                latest = _month_end(year, month)
        elif m["year2"] or m["year3"] or m["year4"]:
            written: str = m["year2"] or m["year3"] or m["year4"]
            latest = dt.date(int(written), 12, 31)
            out.append(Period(m.start(), m.end(), " ".join(m.group(0).split()), latest, written))
            continue
        elif m["last"]:
            unit = m["last"].lower()
            if unit == "week":
                latest = anchor - dt.timedelta(days=anchor.weekday() + 1)
            elif unit == "month":
                latest = anchor.replace(day=1) - dt.timedelta(days=1)
            elif unit in ("year", "decade"):
                latest = dt.date(anchor.year - 1, 12, 31)
                if unit == "year":  # "last year" is the year before ("2024", as "in 2024" names it), not its December
                    out.append(Period(m.start(), m.end(), " ".join(m.group(0).split()), latest, str(latest.year)))
                    continue
            else:
                latest = anchor - dt.timedelta(days=90)
        elif m["unit"]:
            n = _SMALL.get(m["n"].lower()) if not m["n"].isdigit() else int(m["n"])
            if not n:
                continue
            days = {"year": 365, "month": 30, "week": 7, "decade": 3650}[m["unit"].lower().rstrip("s")]
            latest = anchor - dt.timedelta(days=n * days - days // 2)
        if latest is not None:
            label = f"{calendar.month_name[latest.month]} {latest.year}"
            out.append(Period(m.start(), m.end(), " ".join(m.group(0).split()), latest, label))
    return out


@cache
def phrases_by_first(phrases: tuple[tuple[str, ...], ...]) -> dict[str, tuple[tuple[str, ...], ...]]:
    """The phrases by their first word, longest first: a word that opens none is passed over at once."""
    out: dict[str, list[tuple[str, ...]]] = {}
    for p in phrases:
        if p:
            out.setdefault(p[0], []).append(p)
    return {w: tuple(sorted(ps, key=len, reverse=True)) for w, ps in out.items()}


def _phrase_in(words: Sequence[str], phrases: tuple[tuple[str, ...], ...]) -> tuple[int, str] | None:
    index = phrases_by_first(phrases)
    for i, w in enumerate(words):
        for p in index.get(w, ()):
            if tuple(words[i : i + len(p)]) == p:
                return i, " ".join(p)
    return None


_WRITTEN_YEAR = re.compile(r"\b(?:19|20)\d\d\b")
_YEARS_AGO = re.compile(r"\b(?:years?|decades?)\s+(?:ago|earlier|before)\b|\blast\s+(?:year|decade)\b", re.I)
_NO_ANCHOR = dt.date(2100, 12, 31)  # resolves no relative words to a real day; years written out keep their own


def sentence_events(
    sentence: str,
    words: Sequence[str],
    anchor: dt.date | None,
    story_start: dt.date | None,
    v: MeasureVocab,
    before: str = "",
) -> tuple[list[tuple[int, str, str | None, bool]], tuple[str, str, int] | None]:
    """(dated places: (offset in sentence, words, event label or None for the story's, whether it dates only what
    comes after it), an other event of the
    clause with the words (label, words, their token index) from a comparison or a running total, if any)."""
    dated: list[tuple[int, str, str | None, bool]] = []
    if anchor is not None and story_start is not None:
        horizon = story_start - dt.timedelta(days=v.slack_days)
        for p in find_periods(sentence, anchor):
            dated.append((p.start, p.words, p.label if p.latest < horizon else None, p.after_only))
    elif anchor is None and (_WRITTEN_YEAR.search(sentence) or _YEARS_AGO.search(sentence)):
        # a corpus that prints no date at all (wire copy dated "Tuesday"): a sentence naming a year tells of that
        # year's event ("In 2017, a leak at the same plant sent 14 workers to hospital"), since news rarely names
        # its own story's year; a month or a weekday alone dates nothing without the story's date
        for p in find_periods(sentence, _NO_ANCHOR):
            if _WRITTEN_YEAR.search(p.words):
                dated.append((p.start, p.words, p.label, p.after_only))
            elif _YEARS_AGO.search(p.words):
                dated.append((p.start, p.words, p.words, p.after_only))  # "seven years ago": named by its words
    whole = None
    total = _phrase_in(words, v.cumulative) or _several_incidents(words, v) or _over_a_span(words)
    other = _phrase_in(words, v.comparison) or _last_incident(words, v)
    if other and total and other[0] <= total[0] < other[0] + len(other[1].split()):
        total = None  # "earlier this year" tells of another event; the "this year" inside it is no running total
    if total:
        whole = ("running total", total[1], total[0])
    elif other:
        whole = ("another event", other[1], other[0])
    else:
        whole = _followed_by(words, v, story_kinds([before], v) if before else frozenset())
    return dated, whole


def _followed_by(
    words: Sequence[str], v: MeasureVocab, told: frozenset[int] = frozenset()
) -> tuple[str, str, int] | None:
    """ "It was followed by a 2.9 aftershock", "preceded by a smaller quake": the figures after these words are of
    another of its kind, a later one or an earlier one (label, words, the token they start at)."""
    for i in range(len(words) - 3):
        if words[i] in ("followed", "preceded") and words[i + 1] == "by" and words[i + 2] in ("a", "an", "another"):
            after = {v.moment_nouns.get(w, v.moment_nouns.get(singular(w))) for w in words[i + 3 : i + 7]} - {None}
            before = {v.moment_nouns.get(w, v.moment_nouns.get(singular(w))) for w in words[:i]} - {None}
            # one more of the same kind ("a 4.6 quake ... followed by a 2.9 aftershock"), or of the thing "it" stands
            # for ("At 9:32 p.m., it was followed by a 2.0 quake")
            # (`told`: the kinds the sentence before names, the one "it" stands for)
            pronoun = not before and any(w in ("it", "which", "this", "that") for w in words[max(0, i - 3) : i])
            if after & before or (pronoun and after & told):
                label = "a later one" if words[i] == "followed" else "an earlier one"
                return label, f"{words[i]} by", i
    return None


def followed_phrase_end(words: Sequence[str], i: int) -> int:
    """Where the phrase "followed by a 2.9 aftershock at 2:12 a.m. and a 2.2 at 2:15" that starts at token i ends:
    at a semicolon, or a comma before a verb ("A 6.4 quake, followed by aftershocks, killed 12")."""
    for k in range(i, len(words)):
        if words[k] == ";":
            return k
        if words[k] == "," and k + 1 < len(words) and (_past(words[k + 1]) or words[k + 1] in ("and", "but")):
            return k
    return len(words)


_LAST_OF_ITS_KIND = re.compile(
    r"^(?:of\s+(?:that|this|its|such|similar|the\s+same)\s+(?:size|kind|scale|magnitude|strength)|measuring|"
    r"to\s+(?:hit|strike|shake|rock)|on\s+record|before\s+(?:this|that|it|the)|in\s+\d{4})\b"
)


def _last_incident(words: Sequence[str], v: MeasureVocab) -> tuple[int, str] | None:
    """ "The last earthquake measuring 3.0 or above", "the most recent fire of that size", "the last quake to hit the
    valley": the one before, another event; only with words that say so ("the last strikes hit at dawn", "the last
    fire crews left", "in the last raid of the operation" are the story's own)."""
    kinds = {singular(w) for w in v.incident_nouns} | v.quake_nouns
    n = len(words)
    for i in range(1, n - 1):
        if words[i - 1] != "the":
            continue
        j = i + 1 if words[i] == "last" else i + 2 if words[i] == "most" and words[i + 1] == "recent" else 0
        if not j or j >= n or not (words[j] in kinds or singular(words[j]) in kinds):
            continue
        if _LAST_OF_ITS_KIND.match(" ".join(words[j + 1 : j + 6])):
            return i - 1, " ".join(words[i - 1 : j + 1])
    return None


_UP_TO = frozenset(
    "about around some roughly nearly almost up to at least as many much more than over for another a an "
    "between".split()
)
# a frame of possibility foresees only a quantity's rise or its reach ("could rise to 300", "may last for days"), not
# what someone was able to do ("firefighters could reach 12 homes") or what something holds ("could take 300")
_POSSIBLE = frozenset("may might could".split())
_POSSIBLE_VERBS = frozenset("rise climb exceed top surpass increase double grow last cost hit reach".split())
# "would" foresees in reported speech ("said the repairs would take 12 days"), not in a narrative's past ("it would
# be ten days before power returned")
_REPORTED = frozenset(
    "said says say told estimate estimates estimated expected indications indicated initial initially predicted "
    "according forecast warned believed feared thought".split()
)


def forecast(
    words: Sequence[str], a: int, v: MeasureVocab, cased: Sequence[str] | None = None, kind: str = "count"
) -> str | None:
    """The words foreseeing the figure at token a ("may last for a few days", "is expected to take twelve days",
    "could rise to 1,000", "will be around twelve days"), or None: a quantity still to come is no rival of one that
    has been measured, and forecasts are compared among themselves. A hedge on what happened ("may have died"), a
    figure said to be "just" or "only" so much, a month ("in May hit 300 homes") and an age ("will be 40") are none."""
    j = a - 1
    while j >= 0 and words[j] in _UP_TO and a - j <= 5:
        j -= 1
    if j < 1:
        return None
    if words[j] == "be" and words[j - 1] in ("will", "would", "'ll") and kind in ("duration", "money", "percent"):
        k, verb = j - 1, "be"  # "the repair time will be around twelve days" (not "could be", not "will be 40")
    elif words[j] in v.forecast_verbs:
        k, verb = j - 1, words[j]
        if k >= 0 and words[k] == "to":
            k -= 1  # "expected to take", "likely to reach"
    else:
        return None
    if k < 0 or words[k] not in v.forecast_frames:
        return None
    frame = words[k]
    if frame in _POSSIBLE and (verb not in _POSSIBLE_VERBS or (cased is not None and cased[k] == "May" and k > 0)):
        return None
    if frame == "would" and not any(w in _REPORTED for w in words[:k]):
        return None
    return " ".join(words[k : j + 1])


def same_clause(words: Sequence[str], i: int, j: int) -> bool:
    """Whether tokens i and j stand in one clause: no ";" and no ", and" / ", but" / ", while" between them ("It
    was the worst storm this year, and 40 volunteers helped": the total is of the first clause only)."""
    lo, hi = sorted((i, j))
    for k in range(lo, hi):
        if words[k] == ";" or words[k] == "," and k + 1 < len(words) and words[k + 1] in ("and", "but", "while"):
            return False
    return True


_SEVERAL = frozenset("two three four five six seven eight nine ten eleven twelve several multiple many".split())
_SPANNING = frozenset("in during over across from throughout".split())


_SUPERLATIVES = frozenset("worst deadliest biggest largest highest heaviest strongest most lowest least first".split())
_SPAN_UNITS = frozenset("years months decades weeks".split())
_BEGAN = frozenset("began started erupted broke begun".split())


def _tells_earlier_event(words: Sequence[str], i: int) -> bool:
    """ "since 2015, when gunmen killed 130": the words after tell of that earlier event, no running total."""
    return i + 3 < len(words) and words[i + 2] == "," and words[i + 3] in ("when", "which", "in", "after")


def _over_a_span(words: Sequence[str]) -> tuple[int, str] | None:
    """A total over a span up to now: "in the last five years", "over the past two decades", "since the rains
    began", "since the unrest broke out" (label words, their first token)."""
    n = len(words)
    for i, w in enumerate(words):
        if any(x in _SUPERLATIVES for x in words[max(0, i - 8) : i]):
            continue  # "the worst floods the region has seen in the last five years": a comparison, not a total
        if w in ("in", "over", "during") and i + 3 < n and words[i + 1] == "the" and words[i + 2] in ("last", "past"):
            j = i + 3
            if j + 1 < n and (words[j] in _SMALL or words[j].isdigit() or words[j] in ("few", "several")):
                j += 1
            if j < n and words[j] in _SPAN_UNITS:
                return i, " ".join(words[i : j + 1])
        if w == "since":
            for j in range(i + 1, min(n, i + 6)):
                if words[j] in _BEGAN:
                    return i, " ".join(words[i : j + 1])
                if not words[j].isalpha():
                    break
            nxt = words[i + 1] if i + 1 < n else ""
            perfect = any(x in ("have", "has") for x in words[max(0, i - 8) : i])
            if (
                perfect
                and (nxt in MONTHS or re.fullmatch(r"(?:19|20)\d\d", nxt))
                and not _tells_earlier_event(words, i)
            ):
                return i, f"since {nxt}"  # "87 miners have died in the province's mines since January"
    return None


def _several_incidents(words: Sequence[str], v: MeasureVocab) -> tuple[int, str] | None:
    """A total over several incidents ("in their five operations", "during the three raids", "across 12 attacks"):
    a sum of many, never the count of the story's one."""
    for i, w in enumerate(words):
        if w not in _SPANNING:
            continue
        j = i + 1
        if j < len(words) and words[j] in ("the", "their", "its", "his", "her", "these", "those", "all"):
            j += 1
        if j < len(words) and words[j] in ("past", "last", "first"):
            j += 1  # "over the past two patrols"
        if j + 1 < len(words) and (words[j] in _SEVERAL or words[j].isdigit() and int(words[j]) > 1):
            k = j + 1
            if k + 1 < len(words) and words[k] in ("previous", "earlier", "separate", "recent", "past"):
                k += 1
            if k < len(words) and words[k] in v.incident_nouns:
                return i, " ".join(words[i : k + 1])
    return None


def narrative_events(
    sentences: Sequence[str],
    anchor: dt.date | None,
    story_start: dt.date | None,
    v: MeasureVocab,
    lede: int = -1,
    headline: int | None = None,
) -> list[tuple[str, str] | None]:
    """For each sentence, the other event it goes on telling, if any: a sentence that opens with a time relative
    to the one before ("Two years later, ...", "That year, ...") stays in the earlier sentence's past ("In 1983,
    the dairy filed for bankruptcy."), however it is itself worded; any other sentence ends that telling."""
    if anchor is None or story_start is None or v.relative_openers is None:
        return _other_moments(sentences, v, [None] * len(sentences), lede, headline)
    inside = v.relative_inside
    openers: list[re.Match[str] | None] = [
        v.relative_openers.match(s) or (inside.search(s) if inside else None) for s in sentences
    ]
    # "In June 2009, a fire gutted a mill. The fire ...": a sentence that opens with a date and brings in a thing
    # with "a" or "an", then sentences that go on about it ("The fire", "That fire", "It was")
    back = [i for i in range(len(sentences) - 1) if _DATED_OPENING.match(sentences[i])]
    anaphora: dict[int, re.Match[str]] = {}
    for i in back:
        j = i + 1
        m = _goes_on(sentences[j], sentences[i], first=True)
        while m is not None:
            anaphora[j] = m
            j += 1
            m = _goes_on(sentences[j], sentences[i], first=False) if j < len(sentences) else None
    for j, m in anaphora.items():
        openers[j] = openers[j] or m
    out: list[tuple[str, str] | None] = [None] * len(sentences)
    if not any(openers):
        # most articles: no sentence opens with "Two years later", and no sentence is read for dates
        return _other_moments(sentences, v, out, lede, headline)
    horizon = story_start - dt.timedelta(days=v.slack_days)
    periods: dict[int, list[Period]] = {}

    def dated(i: int) -> list[Period]:
        if i not in periods:
            # (a period that dates only what follows it in its sentence tells no later sentence of its event)
            periods[i] = [p for p in find_periods(sentences[i], anchor) if not p.after_only]
        return periods[i]

    telling: tuple[str, str] | None = None
    for i, opener in enumerate(openers):
        if opener and telling is not None and not dated(i):
            out[i] = (telling[0], opener.group(0).strip(" ,"))
            continue
        telling = None
        if i + 1 < len(sentences) and openers[i + 1] and dated(i):
            first = min(dated(i), key=lambda p: p.start)
            if first.latest < horizon:
                telling = (first.label, first.words)
    return _other_moments(sentences, v, out, lede, headline)


# a sentence that opens on another moment of the story's days: "Earlier this morning,", "Later that day,", "Hours
# earlier,"; where it brings in one more of a thing told before ("... a quake struck. Earlier this morning, a quake
# of magnitude 2.0 struck"), that one is another event: an earlier one, or a later one
MOMENT_LABELS = frozenset({"an earlier one", "a later one"})
_MOMENT_OPENING = re.compile(
    r"(?P<when>Earlier|Later|(?:Hours|Minutes|Moments|Days|A\s+day|The\s+day)\s+(?:earlier|later|before)|"
    r"Shortly\s+(?:before|after(?:wards)?)(?=\s*,|\s+that\b))\b(?![^,.;]{0,25}\d)[^,.;]{0,25},"
)  # not "Shortly after 2am on Sunday,": a clock time is the story's own hour


def _other_moments(
    sentences: Sequence[str],
    v: MeasureVocab,
    out: list[tuple[str, str] | None],
    lede: int = -1,
    headline: int | None = None,
) -> list[tuple[str, str] | None]:
    """`out` with the sentences that tell of one more of a thing the article told before, at another moment of
    the story ("Earlier this morning, a quake of magnitude 2.0 struck"), and the sentences that go on about it
    ("The quake was 1.4 miles deep"), placed in that other one: "an earlier one" or "a later one"."""
    if not v.moment_nouns:
        return out
    i = 1
    while i < len(sentences):
        m = _MOMENT_OPENING.match(sentences[i]) if i not in (lede, headline) else None
        # what the article told before: a thing brought in that did something ("A car bomb killed 12"), never a
        # word of its kind in passing ("Two held over market bomb", "opened fire")
        noun = _told_again(sentences[i], sentences[:i], v) if m is not None and out[i] is None else None
        if m is None or noun is None:
            i += 1
            continue
        label = "an earlier one" if re.search(r"earlier|before", m.group("when"), re.IGNORECASE) else "a later one"
        words = m.group(0).rstrip(",")
        out[i] = (label, words)
        j = i + 1
        g = _goes_on(sentences[j], sentences[i], first=True) if j < len(sentences) else None
        while g is not None and out[j] is None:
            out[j] = (label, g.group(0).strip(" ,"))
            j += 1
            g = _goes_on(sentences[j], sentences[i], first=False) if j < len(sentences) else None
        i = j
    return out


def story_kinds(texts: Sequence[str], v: MeasureVocab) -> frozenset[int]:
    """The kinds of thing (quakes, blasts, fires, ...) that `texts` name."""
    return frozenset(v.moment_nouns[w] for t in texts for w in re.findall(r"[a-z]+", t.lower()) if w in v.moment_nouns)


def _told_again(sentence: str, before: Sequence[str], v: MeasureVocab) -> str | None:
    """The thing `sentence` brings in with "a"/"an" ("a quake ... struck") that the sentences `before` have
    already told of: one more of it, not the same."""
    for m in re.finditer(r"\b(?:a|an|another)\s+((?:[\w.-]+\s+){0,2}[\w.-]+)", sentence):
        for noun in m.group(1).split():
            kind = v.moment_nouns.get(noun)
            if kind is not None and _introduces(sentence, noun):
                # one of its kind brought in before, that did something ("A car bomb killed 12"), not a word of
                # the kind said in passing ("opened fire", "fire crews")
                told = [w for w, k in v.moment_nouns.items() if k == kind]
                if any(_introduces(b, w) for b in before for w in told if re.search(rf"\b{w}\b", b, re.I)):
                    return noun
    return None


# a sentence whose first words date it ("In June 2009,", "Back in 2004", "On March 3, 2011,")
_DATED_OPENING = re.compile(
    r"(?:(?:Back|Earlier|Later|Then)\s+)?(?:[Ii]n|[Oo]n|[Dd]uring|[Bb]y)\s+(?:(?:early|late|mid-?)\s*)?"
    r"(?:[A-Z][a-z]+\.?\s+(?:\d{1,2},?\s+)?)?(?:19|20)\d\d\b"
)
# a sentence that goes on about a thing the one before brought in: "The fire", "That quake", "The 2009 fire" (the
# noun is checked against the sentence before), not "The fire that hit the depot" (another one, said apart); or
# "It was", "It caused" right after such a sentence
_DEFINITE_OPENING = re.compile(
    r"(?:The|That)\s+(?:(?:19|20)\d\d\s+)?(?P<noun>[a-z]{3,})\b(?!\s+(?:of|who|which|that|in|at|on)\b)(?!-)"
)
_IT_OPENING = re.compile(r"It\s+(?:was|had|left|caused|killed|injured|struck|destroyed|damaged|also\s+\w+ed)\b")
# words by which a sentence tells of now, or of the story's own days, whatever it goes on about
_NOW = re.compile(
    r"\b(?:now|since|latest|currently|today|tonight|yesterday|this\s+(?:week|month|year)|is|are|has|have|"
    r"monday|tuesday|wednesday|thursday|friday|saturday|sunday)\b|'s\s+(?:attack|fire|quake|blast|crash)",
    re.IGNORECASE,
)


def _goes_on(sentence: str, before: str, first: bool) -> re.Match[str] | None:
    """The opening words by which `sentence` goes on about the thing `before` brought in, if it does; never a
    sentence that tells of now or of the story's days ("The fire has now ...", "on Saturday")."""
    if _NOW.search(sentence):
        return None
    m = _DEFINITE_OPENING.match(sentence)
    if m is not None and _introduces(before, m.group("noun")):
        return m
    return None if first else _IT_OPENING.match(sentence)


def _introduces(sentence: str, noun: str) -> bool:
    """Whether `sentence` brings in `noun` as a new thing that does something: "a fire gutted", "an earlier fire
    had", "a 3.0 quake struck", "a quake of magnitude 5.8 hit" (the noun heads its phrase and a verb follows it;
    never "a storm surge flooded" nor "a mill near the river")."""
    m = re.search(rf"\b(?:[Aa]n?)\s+(?:[\w.-]+\s+){{0,2}}{re.escape(noun)}\b", sentence)
    if m is None:
        return False
    after = re.findall(r"[\w.-]+|[^\w\s]", sentence[m.end() :])
    if after[:1] == ["of"] or after[:1] == ["with"]:
        # the verb past its "of" or "with" phrase: a few words, no punctuation between
        phrase = after[1:5] if after[0] == "of" else after[1:7]
        cut = next((i for i, w in enumerate(phrase) if not w[0].isalnum()), len(phrase))
        return any(_past(w) for w in phrase[:cut])
    return bool(after) and _past(after[0])


def _past(word: str) -> bool:
    w = word.lower()
    return w in _PAST_VERBS or (w.endswith("ed") and len(w) > 4 and not w.endswith("eed"))


# verbs of the past that do not end in -ed, and auxiliaries, that may follow the thing a dated sentence brings in
_PAST_VERBS = frozenset(
    "was were had struck hit broke tore swept shook left began ran fell blew burnt burned took drove sank stole "
    "shot slew made went came rose grew spread".split()
)


_BRACKETS = re.compile(r"\([^()]{0,200}\)")


def bracket_spans(sentence: str) -> list[tuple[int, int]]:
    """Where a sentence's brackets stand (offsets), each with what it holds."""
    return [m.span() for m in _BRACKETS.finditer(sentence)]


def in_other_brackets(brackets: list[tuple[int, int]], at: int, pos: int) -> bool:
    """Whether offset `at` (a date's) stands in brackets that do not hold `pos` (a figure's): "28 remain missing
    (down from 40 yesterday)" dates the 40 alone."""
    return any(a <= at < b and not a <= pos < b for a, b in brackets)


_CLAUSE_JOIN = re.compile(r";|,\s+(?:and|but|while|whereas)\b")


def _clause_ends_between(sentence: str, a: int, b: int) -> bool:
    """Whether a comma that ends a clause lies between offsets a and b (not one right after the dating words, as
    in "since 2015, when gunmen killed 130", nor in a number)."""
    if not sentence or b <= a:
        return False
    between = sentence[a:b]
    return any(
        between[:i].strip() != ""
        and not between[i + 1 : i + 2].isdigit()
        and not _GOES_ON.match(between, i + 1)  # "since the 2008 siege, in which 166 died"
        # "since 2019, when the ferry sank off the coast, killing 31": the when-clause goes on in its participle
        and not (_PARTICIPLE_ON.match(between, i + 1) and _GOES_ON.match(between, between.find(",") + 1))
        for i, ch in enumerate(between)
        if ch == ","
    )


_GOES_ON = re.compile(r"\s*(?:when|in\s+which|which|where|during\s+which|after\s+which|that|who)\b")
_PARTICIPLE_ON = re.compile(r"\s*(?:killing|leaving|injuring|wounding|claiming|sending|forcing|displacing)\b")


def figure_event(
    pos: int,
    dated: list[tuple[int, str, str | None, bool]],
    whole: tuple[str, str] | None,
    sentence: str = "",
) -> tuple[str | None, str | None]:
    """The event (label, words) of a figure at `pos` in its sentence: the nearest dating words decide (words that
    date only what follows them, none before them, and only up to the end of their clause: "The blast, the worst
    since a 2011 explosion killed 40, left 12 dead" dates the 40 alone); else a comparison or a total anywhere in
    the sentence; else the story's (None, None)."""
    dated = [d for d in dated if not (d[3] and (d[0] > pos or _clause_ends_between(sentence, d[0] + len(d[1]), pos)))]
    if dated and "(" in sentence:
        # "28 remain missing (down from 40 yesterday)": a date in brackets dates what the brackets hold
        brackets = bracket_spans(sentence)
        dated = [d for d in dated if not in_other_brackets(brackets, d[0], pos)]
    if whole is not None:
        # the figure's own clause tells a total or another event: a date of another clause is not its date ("Last
        # year 212 died, and so far this year 58 have died": the 58 is this year's running total)
        dated = [d for d in dated if not _CLAUSE_JOIN.search(sentence, min(d[0], pos), max(d[0], pos))]
    if dated:
        off, words_, label, _ = min(dated, key=lambda d: abs(d[0] - pos))
        if label is not None:
            return label, words_
        if whole is None or whole[0] == "running total":
            return None, None
        # a day of the story's own says when, not which incident: "In a separate incident on Saturday in Morland,
        # six people were injured" is another event's figure
    if whole is not None:
        return whole
    return None, None

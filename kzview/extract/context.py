"""Reading the words around a figure: what it counts, who it is about, where, and who said it.

Rules are about English news syntax, never about one story: the head noun after a figure says what is counted
("125 investigations" are not people), an event word in the figure's own clause says what happened to them
("18 security forces were killed"), an elided noun is carried over from the figure before ("and another 748 were
injured"), "according to X" / "X said" / "citing X" name the source.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from kzview.extract.lexicon import Cue, Lexicon

STOP = frozenset(
    """were was are is be been being have has had will would could can may might must shall should do did does
    and or but in on at by for from to with within into of as than that which who whom whose while after before
    since during until amid among across over under including this these those the a an its their his her our
    your my still also reportedly allegedly so far there here more less per each between against about around
    according said says reported remain remained remains now again already just only even all both either not no
    yet then when where if had linked due following amongst overnight last today yesterday""".split()
)
_AGENT = re.compile(r"(?:ists|ians|women|(?<![a-z]i)men|folk|people)$")
_PERSON_EVENT = re.compile(
    r"^(?:(?:were|was|are|is|have|has|had|been|remain|still|reportedly)\s+)*(?:killed|dead|died|missing|injured|"
    r"wounded|hurt|arrested|detained|hospitali[sz]ed|rescued|evacuated|drowned|kidnapped|abducted)\b"
)
_ANAPHORA = {"them", "those", "these", "whom", "which", "it"}
_CLAUSE_END = {";", ":", "(", ")", "—", "–", ",", "."}


@dataclass(frozen=True, slots=True)
class CueHit:
    start: int  # token index
    end: int
    cue: Cue


@dataclass(slots=True)
class Counted:
    """What the words right after a figure say it counts."""

    words: list[str]
    end: int  # token index after the noun phrase
    anaphora: bool  # "62 of them", "another 748 were injured": the noun is elided
    people: bool  # counts people (or the noun is elided)


def find_cues(words: list[str], lex: Lexicon) -> list[CueHit]:
    hits: list[CueHit] = []
    i = 0
    while i < len(words):
        cue = lex.match_cue(words, i)
        if cue is not None:
            hits.append(CueHit(i, i + len(cue.words), cue))
            i += len(cue.words)
        else:
            i += 1
    return hits


def read_counted(words: list[str], after: int, lex: Lexicon) -> Counted:
    """The noun phrase after a figure: "people", "security forces", "of them", "separate investigations"."""
    i = after
    while i < len(words) and words[i] in ("”", '"', "’", "»", ")"):
        i += 1  # "“Dozens” of protesters"
    anaphora = False
    if i < len(words) and words[i] == "of":
        if i + 1 < len(words) and words[i + 1] in _ANAPHORA:
            anaphora = True
            i += 2
            if i < len(words) and words[i] not in STOP and words[i].isalpha() and words[i - 1] in ("those", "these"):
                pass  # "of those deaths": the noun follows
            else:
                return Counted([], i, True, True)
        else:
            i += 1
            if i < len(words) and words[i] in ("the", "their", "its"):
                i += 1
    np: list[str] = []
    while i < len(words) and len(np) < 4:
        w = words[i]
        if w in STOP or not w[0].isalpha():
            break
        if np and (w.endswith("ed") or w.endswith("ing")) and w not in lex.people:
            break  # "republics led by", "people fleeing": a participle ends the noun phrase
        np.append(w)
        i += 1
    # "16 members of the security forces": the group named after "of" is what is counted.
    if (
        np
        and np[-1] in ("members", "member", "officers", "personnel", "employees")
        and i < len(words)
        and words[i] == "of"
    ):
        j = i + 1
        if j < len(words) and words[j] in ("the", "its", "their"):
            j += 1
        while j < len(words) and len(np) < 8 and words[j] not in STOP and words[j][0].isalpha():
            np.append(words[j])
            j += 1
        i = j
    if not np:
        return Counted([], i, True, True)
    people = any(w in lex.people for w in np) or lex.match_subject(np) is not None
    if not people:
        # an event noun ("deaths", "arrests") names people; anything else ("investigations", "vehicles") does not
        people = any(lex.match_cue(np, k) is not None for k in range(len(np)))
    if not people and _AGENT.search(np[-1]):
        people = True  # "tourists", "pedestrians", "firemen": nouns for people by their ending
    if not people and _PERSON_EVENT.search(" ".join(words[i : i + 4])):
        people = True  # "17 climbers are missing": only people go missing, die, get hurt or arrested
    return Counted(np, i, anaphora, people)


def choose_topic(
    fig_index: int,
    spans: list[tuple[int, int]],
    counted: Counted,
    hits: list[CueHit],
    kind: str,
    lex: Lexicon,
    words: list[str],
) -> tuple[str, str | None]:
    """The topic of figure `fig_index` (token spans of every figure in the sentence) and a scope its cue implies."""
    start, end = spans[fig_index]
    next_start = spans[fig_index + 1][0] if fig_index + 1 < len(spans) else len(words)
    prev_end = spans[fig_index - 1][1] if fig_index > 0 else 0

    def allowed(cue: Cue) -> bool:
        return kind in lex.topic_kinds.get(cue.topic, ("count",))

    # The figure's own clause: its noun phrase and what follows up to the next figure or clause break.
    clause_end = next_start
    for k in range(counted.end, next_start):
        if words[k] in _CLAUSE_END:
            clause_end = k
            break
    local = [h for h in hits if start <= h.start and h.end <= max(clause_end, counted.end) and allowed(h.cue)]
    events = [h for h in local if h.cue.role == "event"]
    if events:
        best = max(events, key=lambda h: (h.cue.priority, -h.start))
        return best.cue.topic, best.cue.scope
    # Otherwise the nearest event word in the sentence that no other figure stands between.
    best_hit, best_dist = None, 16
    for h in hits:
        if not allowed(h.cue) or h.cue.role != "event":
            continue
        if h.end <= start and h.start >= prev_end:
            dist = start - h.end
        elif h.start >= end and h.end <= next_start:
            dist = h.start - end
        else:
            continue
        if dist < best_dist:
            best_hit, best_dist = h, dist
    if best_hit is not None:
        return best_hit.cue.topic, best_hit.cue.scope
    nouns = [h for h in local if h.cue.role == "noun"]
    if nouns:
        best = max(nouns, key=lambda h: h.cue.priority)
        return best.cue.topic, best.cue.scope
    return "other", None


# ---------------------------------------------------------------------------------------------------------------
# Scope: a place the figure is limited to.

_PLACE = re.compile(
    r"\b(?:in|at|near|around|inside|outside)\s+(?:the\s+)?(?:(?:city|town|village|region|province|district|"
    r"capital|state|county|port|area|streets|suburbs|markets?|centre|center)\s+of\s+)?"
    r"(?P<place>[A-Z][\w’'\-]+(?:\s+[A-Z][\w’'\-]+){0,2})"
)
_WHOLE = re.compile(
    r"\b(?:across|throughout|all over|around)\s+the\s+(?:country|nation|region)\b|\bnationwide\b|\bcountrywide\b",
    re.IGNORECASE,
)
_NOT_PLACES = {
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
    "Monday",
    "Tuesday",
    "Wednesday",
    "Thursday",
    "Friday",
    "Saturday",
    "Sunday",
    "The",
    "This",
    "That",
    "Ministry",
    "Parliament",
    "Total",
    "Addition",
    "Detail",
    "General",
    "Particular",
    "Fact",
    "Recent",
}
_LEAD_PLACE = re.compile(r"^\s*(?:In|At)\s+(?:the\s+)?(?P<place>[A-Z][\w’'\-]+(?:\s+[A-Z][\w’'\-]+){0,2}),")


def find_scope(segment: str, lead: str, event_places: frozenset[str]) -> str | None:
    """A place named in the figure's clause (`segment`, after the figure) or opening the sentence (`lead`)."""
    if _WHOLE.search(segment):
        return None
    for m in _PLACE.finditer(segment):
        place = m.group("place")
        first = place.split()[0]
        if first in _NOT_PLACES:
            continue
        if place in event_places:
            return None
        return place
    m = _LEAD_PLACE.match(lead)
    if m and m.group("place").split()[0] not in _NOT_PLACES and m.group("place") not in event_places:
        return m.group("place")
    return None


# ---------------------------------------------------------------------------------------------------------------
# Attribution: who the text says gave the figure.

_NAME = r"(?P<x>[^,.;:()“”\"\n]{2,90})"
_VERBS = (
    r"(?:said|says|say|reported|reports|report|announced|announces|announce|stated|states|state|confirmed|"
    r"confirms|confirm|told|declared|estimated|estimates|estimate|claimed|claims|indicated|added|put|puts|"
    r"gave|gives)"
)
_ATTR_RULES: list[tuple[re.Pattern[str], int, str]] = [
    (re.compile(r"\b(?:citing|quoting)\s+" + _NAME, re.IGNORECASE), 3, "after"),
    (re.compile(r"\baccording to\s+" + _NAME, re.IGNORECASE), 2, "after"),
    (
        re.compile(r"(?:^|[,“”\"]\s*|\band\s+)" + _VERBS + r"\s+(?P<x>(?:the\s+|a\s+|an\s+)?[^,.;:()“”\"\n]{2,80})"),
        2,
        "after",
    ),
    (
        re.compile(
            r"(?:^|[,;:“”\"(]|\bwhile|\bas|\bbut|\band)\s*" + _NAME + r"\s+(?:has\s+|have\s+|had\s+)?" + _VERBS + r"\b"
        ),
        2,
        "before",
    ),
    (
        re.compile(
            r"\b(?:quoted by|reported by|cited by|announced by|confirmed by|released by)\s+" + _NAME, re.IGNORECASE
        ),
        1,
        "after",
    ),
]
_NEXT_SENTENCE = re.compile(
    r"^\s*(?:This|That|It|These figures|The figures?|The information|The data|The toll)"
    r"\s+(?:was|were|has been|have been)"
    r"\s+(?:announced|reported|confirmed|stated|said|given|released|published)\s+by\s+" + _NAME,
)
_CUT = re.compile(
    r"\s+(?:that|which|who|on|in|after|as|when|while|to|with|at|during|because|but|later|on|without|since|"
    r"for|about|themselves|itself|earlier|this|last|had|has|have|was|were|is|are|would|could|will)\b.*$",
)
_GENERIC = re.compile(
    r"\b(authorities|officials?|police|government|ministry|minister|spokes(?:man|woman|person)|media|television|"
    r"tv|agency|agencies|sources?|witnesses|presidency|president|army|military|organi[sz]ers|rescuers|hospitals?|"
    r"doctors|office|service|department|data|figures|statement|press|news|prosecutors?|mayor|governor|kremlin|"
    r"embassy|committee|commission|council|ngo|group|activists|observers|residents)\b",
    re.IGNORECASE,
)
_MINISTRY_DOMAINS = {
    "interior": "the Interior",
    "internal affairs": "the Interior",
    "home": "the Interior",
    "home affairs": "the Interior",
    "health": "Health",
    "defense": "Defence",
    "defence": "Defence",
    "foreign affairs": "Foreign Affairs",
    "foreign": "Foreign Affairs",
    "emergency situations": "Emergency Situations",
    "emergencies": "Emergency Situations",
    "justice": "Justice",
    "finance": "Finance",
}
_DOMAIN = "|".join(sorted(_MINISTRY_DOMAINS, key=len, reverse=True))
_MINISTRY_A = re.compile(rf"\b({_DOMAIN})\s+(ministry|minister)\b", re.IGNORECASE)
_MINISTRY_B = re.compile(rf"\b(ministry|minister)\s+(?:of|for)\s+(?:the\s+)?({_DOMAIN})\b", re.IGNORECASE)
_LEADING = re.compile(
    r"^(?:the\s+)?(?:latest\s+)?(?:official\s+)?(?:figures|reports|data|statements?|information|a statement|"
    r"numbers|estimates)\s+(?:from|of|by|released by)\s+",
    re.IGNORECASE,
)


_CONJ = re.compile(r"^(?:(?:and|but|while|as|so|then|meanwhile|also|yet|whereas)\s+)+", re.IGNORECASE)
_OFFICIAL = re.compile(
    r"(?:the\s+)?(?:latest\s+)?official\s+(?:data|figures|numbers|statistics|count|tally)", re.IGNORECASE
)


@dataclass(frozen=True, slots=True)
class Attribution:
    start: int  # offset in the sentence
    name: str
    priority: int
    parenthetical: bool


def normalise_source(raw: str) -> str | None:
    x = " ".join(raw.strip(" \t'\"“”‘’").split())
    x = _CONJ.sub("", x)
    x = _CUT.sub("", x)
    x = _LEADING.sub("", x).strip()
    if not x or len(x) < 3:
        return None
    m = _MINISTRY_A.search(x) or _MINISTRY_B.search(x)
    if m:
        groups = [g.lower() for g in m.groups()]
        kind = "Ministry" if "ministry" in groups else "Minister"
        domain = next(g for g in groups if g in _MINISTRY_DOMAINS)
        return f"{kind} of {_MINISTRY_DOMAINS[domain]}"
    x = re.sub(r"’s$|'s$", "", x)
    words = x.split()
    if words and words[0].lower() in ("the", "a", "an") and len(words) > 1 and words[1][:1].isupper():
        x = " ".join(words[1:])
    if _OFFICIAL.fullmatch(x):
        return "official figures"
    return x


_PASSIVE = {"was", "were", "is", "are", "been", "be", "being"}
_PRONOUNS = {
    "this",
    "that",
    "it",
    "he",
    "she",
    "they",
    "we",
    "i",
    "you",
    "which",
    "who",
    "there",
    "these",
    "those",
    "one",
    "some",
    "many",
    "others",
}


def _plausible(name: str) -> bool:
    if name.split()[0].lower() in _PRONOUNS and len(name.split()) == 1:
        return False
    return bool(_GENERIC.search(name)) or any(w[:1].isupper() for w in name.split() if w.lower() != "the")


def find_attributions(sentence: str, next_sentence: str = "") -> list[Attribution]:
    out: list[Attribution] = []
    depth_at = _paren_depths(sentence)
    for rx, prio, _side in _ATTR_RULES:
        for m in rx.finditer(sentence):
            raw = m.group("x")
            raw = re.split(r"\s+(?:and|while|but)\s+(?=[a-z])", raw)[0]
            if rx.pattern.endswith(r"\b") and _VERBS in rx.pattern:
                if raw.split() and raw.split()[-1].lower() in _PASSIVE:
                    continue  # "This was reported": the thing reported, not who reported it
                raw = " ".join(raw.split()[-7:])
            name = normalise_source(raw)
            if name and _plausible(name) and len(name.split()) <= 9:
                out.append(Attribution(m.start("x"), name, prio, depth_at[m.start("x")] > 0))
    if next_sentence:
        m = _NEXT_SENTENCE.match(next_sentence)
        if m:
            name = normalise_source(m.group("x"))
            if name:
                out.append(Attribution(len(sentence), name, 2, False))
    return out


def _paren_depths(s: str) -> list[int]:
    depth, out = 0, []
    for ch in s:
        if ch == "(":
            depth += 1
        out.append(depth)
        if ch == ")":
            depth = max(0, depth - 1)
    out.append(depth)
    return out


def pick_attribution(attrs: list[Attribution], fig_pos: int) -> str | None:
    """The source for a figure at `fig_pos` in the sentence: the strongest marker, then the nearest."""
    usable = [a for a in attrs if not a.parenthetical]
    if not usable:
        return None
    best = max(usable, key=lambda a: (a.priority, -abs(a.start - fig_pos)))
    return best.name

"""Reading the words around a figure: what it counts, who it is about, where, and who said it.

Rules are about English news syntax, never about one story: the head noun after a figure says what is counted
("125 investigations" are not people), an event word in the figure's own clause says what happened to them
("18 security forces were killed"), an elided noun is carried over from the figure before ("and another 748 were
injured"), "according to X" / "X said" / "citing X" name the source.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from functools import lru_cache

from kzview.dates import CALENDAR_WORDS
from kzview.extract.lexicon import Cue, Lexicon
from kzview.extract.measure import GENTILIC, QUALIFYING
from kzview.extract.numbers import FRACTION_PARTS, WORD_VALUES

STOP = frozenset(
    """were was are is be been being have has had will would could can may might must shall should do did does
    and or but in on at by for from to with within into of as than that which who whom whose while after before
    since during until amid among across over under including this these those the a an its their his her our
    your my still also reportedly allegedly so far there here more less per each between against about around
    according said says reported remain remained remains now again already just only even all both either not no
    yet then when where if had linked due following amongst overnight last today yesterday near outside inside
    throughout beyond toward towards via behind beside alongside along together off onto upon without despite early
    late earlier later tonight monday tuesday wednesday thursday friday saturday sunday""".split()
)
# nouns for people by their ending: "tourists", "a technician", "firemen", "a journalist" (never "a list")
_AGENT = re.compile(r"(?:(?<=[a-z]{3})ists?|ians?|women|woman|(?<![a-z]i)m[ae]n|folk|people|person)$")


def is_agent(word: str) -> bool:
    """A noun for a person or people by its ending ("technician", "tourists", "firemen")."""
    return _AGENT.search(word) is not None


_PERSON_EVENT = re.compile(
    r"^(?:(?:were|was|are|is|have|has|had|been|remain|still|reportedly)\s+)*(?:killed|dead|died|missing|injured|"
    r"wounded|hurt|arrested|detained|hospitali[sz]ed|rescued|evacuated|drowned|kidnapped|abducted)\b"
)
_ANAPHORA = {"them", "those", "these", "whom", "which", "it"}
_CLAUSE_END = {";", ":", "(", ")", "—", "–", ",", "."}
# Words that open another clause: an event word beyond one does not say what happened to the figure's people.
_CLAUSE_BREAK = frozenset(
    "; : — – . that which who whom whose while when whereas although though because since after before "
    "until if but where".split()
)
_QUOTE_MARKS = frozenset({"“", "”", '"', "‘", "’", "'"})
FALLBACK_REACH = 10  # tokens: how far an event word of the figure's own clause may stand from it


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
    partitive: bool = False  # "37 of them", "100 of those deaths": a part of what was counted before


def find_cues(words: list[str], lex: Lexicon) -> list[CueHit]:
    hits: list[CueHit] = []
    i = 0
    while i < len(words):
        cues = lex.match_cues(words, i)
        if cues:
            hits.extend(CueHit(i, i + len(c.words), c) for c in cues)
            i += len(cues[0].words)
        else:
            i += 1
    return hits


# Words that may stand between an event word and the figure it governs: "arrested nearly 6,000",
# "the deaths of 26", "killed at least 41".
_BRIDGE = frozenset(
    "more than nearly almost some about around at least up to over another a an the of roughly approximately "
    'estimated as many just under close upwards no fewer less well only all “ " ‘ ('.split()
)


def _verb_cue(cue: Cue) -> bool:
    """A cue that is a verb ("died", "were killed", "hurt"), not a noun ("the toll", "the crowd")."""
    last = cue.words[-1]
    return last.endswith(("ed", "ing")) or last in ("died", "die", "dies", "dead", "hurt", "slain", "shot")


_QUALIFIER_WORDS = QUALIFYING - {"at", "least", "up", "to"}  # ("at least" is passed over as a pair)
_AS_MANY = frozenset("many much high few little low".split())


def forward_targets(hits: list[CueHit], spans: list[tuple[int, int]], words: list[str]) -> dict[int, int]:
    """Hit index -> figure index, for event words that govern the figure right after them ("killing 26")."""
    starts = {s: k for k, (s, _) in enumerate(spans)}
    out: dict[int, int] = {}
    for n, h in enumerate(hits):
        j = h.end
        while j < len(words) and j not in starts and words[j] in _BRIDGE and j - h.end < 4:
            j += 1
        if (
            words[h.end : h.end + 2] == ["as", "as"]
            or words[j - 1 : j] == ["as"]
            and j > h.end
            and words[j - 2] not in _AS_MANY
        ):
            continue  # "three people died as 40,000 runners ran": "as" opens a clause ("as many as 70" bridges)
        if j in starts:
            out[n] = starts[j]
    return out


PLACES_FOR_PEOPLE = frozenset("camps camp shelters shelter units unit beds wards hospitals centres centers".split())


def read_counted(words: list[str], after: int, lex: Lexicon) -> Counted:
    """The noun phrase after a figure: "people", "security forces", "of them", "separate investigations"."""
    i = after
    while i < len(words) and words[i] in ("”", '"', "’", "»", ")", "*", "_"):
        i += 1  # "“Dozens” of protesters"
    anaphora = False
    if i < len(words) and words[i] == "of":
        if i + 1 < len(words) and words[i + 1] in _ANAPHORA:
            anaphora = True
            i += 2
            if i < len(words) and words[i] not in STOP and words[i].isalpha() and words[i - 1] in ("those", "these"):
                pass  # "of those deaths": the noun follows
            else:
                return Counted([], i, True, True, partitive=True)
        else:
            i += 1
            if i < len(words) and words[i] in ("the", "their", "its"):
                i += 1
                anaphora = True  # "five of the victims", "three of the injured": a part of a group named before
    np: list[str] = []
    np_start = i
    while i < len(words) and len(np) < 4:
        w = words[i]
        if w in STOP or not w[0].isalpha() or (np and (w in lex.past_verbs or w in lex.place_adverbs)):
            break
        if (
            not np
            and w.endswith("ed")
            and w not in lex.cues
            and not (i + 1 < len(words) and words[i + 1][:1].isalpha())
        ):
            break  # "Fatalities: 19 confirmed.": a participle that ends the phrase, no noun counted
        if w in _NEAR_MISS or w in _PRED_ADVERBS:
            break  # "three people almost died", "two reportedly fled": an adverb of the verb ends the phrase
        if (
            not np
            and w.endswith("ly")
            and len(w) > 4
            and i + 2 < len(words)
            and words[i + 1].endswith(("ed", "en"))
            and words[i + 2].isalpha()
            and words[i + 2] not in STOP
        ):
            np.append(words[i + 1])  # "13 fully loaded magazines", "three heavily armed men": the adverb is no noun
            i += 2
            continue
        if np and np[-1] in lex.people and w not in lex.people and not w.endswith("s") and w.isalpha():
            break  # "saw 50 firefighters tackle the blaze": a verb in its base form after the people counted
        compound = w in lex.ing_modifiers and i + 1 < len(words) and words[i + 1] not in STOP  # "fishing boats"
        if np and (w.endswith("ed") or w.endswith("ing")) and w not in lex.people and not compound:
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
    if anaphora:
        # "five of the victims", "two of the skiffs": a part of a group named before, people only if they are
        kin = any(w in lex.people for w in np) or lex.match_subject(np) is not None
        return Counted(np, i, True, kin or _AGENT.search(np[-1]) is not None, partitive=True)
    people = any(w in lex.people for w in np) or lex.match_subject(np) is not None
    if not people:
        # an event noun ("deaths", "arrests") names people; anything else ("investigations", "vehicles") does not
        # (read in the sentence where the phrase is its own words: "150 lives" after "claimed" or a number)
        own = list(words[np_start : np_start + len(np)]) == np
        people = (
            np[-1] not in PLACES_FOR_PEOPLE
            and np[0] not in PLACES_FOR_PEOPLE
            and any(
                (lex.match_cue(words, np_start + k) if own else lex.match_cue(np, k)) is not None
                for k in range(len(np))
            )
        )  # (but "91 relief camps", "12 intensive care units" count places)
    if not people and _AGENT.search(np[-1]):
        people = True  # "tourists", "pedestrians", "firemen": nouns for people by their ending
    if not people and _PERSON_EVENT.search(" ".join(words[i : i + 4])):
        people = True  # "17 climbers are missing": only people go missing, die, get hurt or arrested
    if not people:
        pred = subject_predicate(words, i, len(words))
        people = pred is not None and _PERSON_EVENT.search(words[pred]) is not None  # "... have been arrested"
    return Counted(np, i, anaphora, people)


_PP_WORDS = frozenset("of in at from on near with for outside inside across and the a an its their his her".split())
_PRED_AUX = frozenset("were was are is have has had been being be got".split())
_PRED_ADVERBS = frozenset("also later reportedly allegedly then all both initially since subsequently".split())


_CHANGE_WORDS = frozenset(
    "rose risen climbed jumped increased reached hit stood stands topped passed to at revised raised lowered "
    "updated upped adjusted grown grew".split()
)
_CHANGE_ADVERBS = frozenset("upward upwards downward downwards sharply further again later since then".split())


def _after_change(words: list[str], start: int) -> bool:
    """ "The death toll from the ferry that capsized rose to 224": the figure completes a change verb whose
    subject (the toll) stands before any clause inside it."""
    if start < 2 or words[start - 1] not in ("to", "at"):
        return False
    j = start - 2
    k = j
    while k > 0 and (words[k][:1].isdigit() or words[k] in (",", ".") or words[k] in WORD_VALUES):
        k -= 1
    if k < j and words[k] == "from":
        j = k - 1  # "rose from 9 to 16": the change's first figure between
    while j > 0 and words[j] in _CHANGE_ADVERBS:
        j -= 1  # "was revised upward to 16", "rose sharply to 40"
    return words[j] in _CHANGE_WORDS


_RELATIVE = frozenset({"who", "which", "that", "whom", "whose"})
_DEATH_VERBS = frozenset("died dies die killed dead perished".split())


# "claimed" that is a deed, not a saying: "the storm claimed 150 lives", "the group claimed responsibility"
_NOT_SAYING = r"(?!\s+(?:\S+\s+){0,3}?(?:lives|responsibility|credit)\b)"

# words a "that" of what was said or known follows: "said that", "the news that", "told reporters that"
_SAYING = frozenset(
    "said says saying say announced announces announcing confirmed confirms confirming reported reports reporting "
    "stated states stating added adding noted noting claimed claims claiming alleged alleging revealed revealing "
    "showed shows showing indicated indicating learned believe believes believed believing fear fears feared hoped "
    "expected knew know known suggested suggests insisted insists explained explains estimated estimates".split()
)
_SAYING_NOUNS = frozenset("news report statement announcement word confirmation rumours rumors suggestion".split())
_SAYING = _SAYING | _SAYING_NOUNS
_TELLING = frozenset("told tells telling informed informing assured warned warning reminded".split())


def _says_that(words: list[str], j: int) -> bool:
    """Whether the "that" at `j` opens what someone said or knew ("said that two men had been arrested"), not a
    relative clause: its clause is the figure's own."""
    if words[j] != "that":
        return False
    # the verb, then up to three words of its own ("said on Tuesday that", "told reporters on Monday that",
    # "confirmed to the BBC that"), no punctuation between
    for k in range(j - 1, max(-1, j - 5), -1):
        if words[k] in _SAYING and (k == j - 1 or words[k] not in _SAYING_NOUNS):
            return True
        if words[k] in _TELLING:
            return True
        if not words[k][:1].isalnum():
            return False
    return False


def _inside_relative_clause(words: list[str], start: int) -> bool:
    """ "The leader who has admitted having dozens of children was arrested": the figure is inside a relative
    clause, and the verb after it belongs to the clause's head, not to the figure. A "that" of what was said ("the
    sheriff said that two men, both farmers, had been arrested") opens no relative clause."""
    j = start - 1
    while j >= 0 and start - j <= _CLAUSE_REACH and words[j] not in (",", ";", ":", "—", "–", "("):
        if words[j] in _RELATIVE:
            return not _says_that(words, j)
        j -= 1
    return False


_CLAUSE_REACH = 40  # tokens back a clause's opening word is looked for: a relative pronoun further back is not this
# figure's (and a hostile run of numbers stays linear)


def _object_in_relative(words: list[str], start: int) -> bool:
    """Whether the figure is the object of a verb inside a relative clause ("the leader who has admitted having
    dozens of children was arrested"): then the finite verb after its noun phrase is the clause head's. The
    relative clause's own subject ("the attack in which 12 people were killed") is not."""
    j = start - 1
    while j >= 0 and start - j <= _CLAUSE_REACH and words[j] not in (",", ";", ":", "—", "–", "("):
        if words[j] in _RELATIVE:
            between = words[j + 1 : start]
            return any(w in _PRED_AUX or w.endswith(("ed", "ing")) for w in between)
        j -= 1
    return False


def subject_predicate(words: list[str], after: int, limit: int) -> int | None:
    """Where the verb of the figure's noun phrase starts when the phrase runs on through prepositional phrases:
    "Three members of a cycling club from Leeds, West Yorkshire, were injured" -> "injured"."""
    i = after
    if i >= len(words) or not (words[i] in _PP_WORDS or words[i] in _PRED_AUX or words[i] == ","):
        return None  # "two of them managed to escape": the phrase's own verb, not a passive further on
    seen_aux = False
    run = 0
    while i < min(limit, after + 16):
        w = words[i]
        if w in ("“", "”", '"', "‘", "’") or (w == "." and i + 1 < len(words) and words[i + 1] != "."):
            i += 1  # a quote mark, or an abbreviation's full stop inside the sentence ("in Leeds, W. Yorks., were")
            continue
        if w in _PRED_AUX:
            seen_aux = True
        elif seen_aux:
            if w in _PRED_ADVERBS or w.endswith("ly"):
                i += 1
                continue
            return i
        elif w == ",":
            if not (i + 1 < len(words) and (words[i + 1] in _PRED_AUX or words[i + 1][:1].isalpha())):
                return None
        elif w in _CLAUSE_BREAK or w in ("who", "which", "that") or not (w[:1].isalpha() or w in _PP_WORDS):
            return None
        if w in _PP_WORDS:
            run = 0
        elif w not in (",", "the", "a", "an") and w not in _PRED_AUX:
            run += 1  # a comma, an article or the verb's auxiliary is no word of a noun phrase's own
        if run > 3:
            return None
        i += 1
    return None


_COORDINATION = frozenset(", and as well plus another also with while including of them those".split())


def coordinated(words: list[str], prev_end: int, start: int) -> bool:
    """Whether only coordination stands between two figures ("the deaths of 26 protesters, as well as 16 police
    officers"), or the second is a part of the first ("17 people were wounded, including three officers"): then
    the second shares the first's event word. A parenthesis between them is passed over."""
    if prev_end > start:
        return False  # this figure stands inside the one before's noun phrase ("two of the four hikers")
    between: list[str] = []
    depth = 0
    for w in words[prev_end:start]:
        if w == "(":
            depth += 1
        elif w == ")":
            depth = max(0, depth - 1)
        elif depth == 0 and w not in ("“", "”", '"'):
            between.append(w)
    if between and between[-1] == "including" and len(between) <= 8:
        return True
    if not between and start >= 2 and words[start - 2 : start] == ["of", "the"]:
        return False  # "arrested 12 of the 300 protesters": the 300 are the whole the 12 are counted from
    if "as" in between and "well" not in between:
        return False  # "92 hurt as 51,000 fans cram into the stadium": "as" opens a clause ("as well as" joins)
    return len(between) <= 4 and all(w in _COORDINATION for w in between)


_MODALS = frozenset("would could might may should must will shall can cannot wo ca 'd".split())
_PLAIN = ("ed", "en", "ing", "s")  # endings a base-form verb does not have
_NEAR_MISS = frozenset("nearly almost narrowly".split())  # "two nearly killed": they lived


_REPORTED_AS = frozenset("believed thought feared said reported known understood confirmed presumed".split())


def irrealis(words: list[str], at: int) -> bool:
    """Whether the event word at `at` is an infinitive or follows a modal, in its base form ("to kill", "could
    die", "may be arrested", "should die"), or a near miss ("nearly killed"): something threatened, feared, wished
    or escaped, not something that happened.
    The perfect ("believed to have died") reports what happened and is not irrealis."""
    w = words[at] if at < len(words) else ""
    before = words[max(0, at - 2) : at]
    if before[-1:] and before[-1] in _NEAR_MISS:
        return True  # "two nearly killed", "almost died": what nearly happened did not
    if before[-1:] == ["be"] and len(before) == 2 and before[0] in _MODALS:
        return True  # "may be arrested" (but "thought to be dead" reports a toll)
    if before == ["to", "be"] and w.endswith("ed") and (at < 3 or words[at - 3] not in _REPORTED_AS):
        return True  # "is still to be arrested", "are due to be charged" (but "believed to be injured" reports)
    return bool(before) and before[-1] in _MODALS | {"to"} and not w.endswith(_PLAIN) and w not in ("dead", "hurt")


def _participle(word: str) -> bool:
    """A past participle, the form a causative takes ("killed", "shot", "slain"); not "living", "dead"."""
    return word.endswith(("ed", "en")) or word in ("shot", "slain", "hit", "hurt", "held", "kept", "struck")


def _causative_plot(words: list[str], start: int) -> bool:
    """Whether the figure is the object of a causative infinitive ("arranged to have the two witnesses killed",
    "tried to get three rivals shot"): what someone meant to have done, not what was done. "Believed to have had
    12 people killed" tells what was done, and is not one."""
    for j in range(start - 1, max(-1, start - 9), -1):
        if words[j] in (".", ";", ":"):
            return False
        if words[j] in ("have", "get") and j >= 1 and words[j - 1] == "to":
            return j + 1 < len(words) and words[j + 1] not in ("had", "been", "got", "gotten")
    return False


_WOUND_NOUNS = frozenset("wounds wound injuries injury".split())
_BODY_PARTS = frozenset(
    "head face neck throat chest back abdomen stomach torso body leg legs arm arms hand hands shoulder shoulders "
    "hip thigh foot feet skull eye heart side".split()
)
_ONE_SUFFERER = frozenset("he she him her victim boy girl man woman child teenager teen baby officer".split())
_SUFFERED = frozenset("suffered sustained received had inflicted with".split())


def _wounds_of_one(words: list[str], start: int, counted: Counted) -> bool:
    """Whether a figure counts one person's wounds: "he suffered two gunshot wounds to the leg", "the victim had
    37 stab wounds", "inflicted 30 wounds on the victim" (but "the blast caused 70 injuries" counts the hurt)."""
    if not counted.words or counted.words[-1] not in _WOUND_NOUNS:
        return False
    after = words[counted.end : counted.end + 4]
    if after[:1] == ["to"] and any(w in _BODY_PARTS for w in after[1:]):
        return True  # "to the leg", "to her head and neck"
    if after[:1] == ["on"] and any(w in _ONE_SUFFERER for w in after[1:]):
        return True  # "on the victim", "on him"
    before = [w for w in words[max(0, start - 4) : start] if w not in ("had", "has", "have", "been", "more", "than")]
    return len(before) >= 2 and before[-1] in _SUFFERED and before[-2] in _ONE_SUFFERER


def speculative(words: list[str], start: int) -> bool:
    """Whether a modal of guessing governs the figure ("there might have been two people killed", "there could be
    100 dead")."""
    before = words[max(0, start - 4) : start]
    return any(w in ("might", "could", "may") for w in before) and any(w in ("be", "been") for w in before)


# words that open a clause of their own after a figure's predicate: "three people were arrested after a man was
# stabbed", "three people died as 40,000 runners ran": an event word beyond one is another clause's
_SUBORDINATORS = frozenset("after when before because while until once whereas although though".split())
_CLAUSE_SUBJECTS = frozenset("the a an his her their its this that these those he she they it we police".split())


_FRACTIONS = frozenset(
    "half quarter third fifth tenth most many some several majority minority none neither each either any".split()
)


def _a_share(word: str) -> bool:
    """ "half", "most", "none", "two-thirds", "three-quarters": a share of a whole, not a count of its own."""
    return word in _FRACTIONS or "-" in word and word.split("-")[-1] in FRACTION_PARTS


def _partitive_whole(words: list[str], k: int, object_part: bool = False) -> tuple[int | None, int]:
    """The whole of "X of the N ..." whose number ends at token k: (where its own participle stands, if it has
    one: "the 12 people arrested were charged", "the 40 injured were children", "the 20 people who were arrested
    have been released", and where the part is the object of a verb before it, "police identified two of the 12
    people killed"; where the part's verb may start: the auxiliary after that participle, else the first verb
    after the whole's noun)."""
    n = len(words)
    j = k
    while j < n and j - k < 4 and words[j][:1].isalpha() and words[j] not in _PRED_AUX:
        if words[j].endswith("ed") and len(words[j]) > 3:
            break  # "died", "arrested": a verb or a participle ends the whole's noun
        if words[j] in ("who", "that") and j + 1 < n and words[j + 1] in _PRED_AUX:
            j += 1  # "the 20 people who were arrested": the relative clause's auxiliaries, then its participle
            while j < n and words[j] in _PRED_AUX:
                j += 1
            break
        j += 1
    if j < n and words[j].endswith("ed"):
        m = j + 1
        while m < n and m - j < 8 and words[m] not in _CLAUSE_END and words[m] not in _PRED_AUX:
            m += 1
        if m < n and words[m] in _PRED_AUX:
            return j, m  # a participle of the whole's, then the part's own verb
        if object_part:
            return j, m  # the part has its verb before it: the participle is the whole's
    return None, j


def _after_verb(words: list[str], i: int) -> bool:
    """Whether the figure at token i is the object of a verb right before it ("identified two of", "named 3")."""
    w = words[i - 1] if i > 0 else ""
    return len(w) > 3 and w.endswith(("ed", "ing")) or w in ("have", "has", "had", "took", "found", "saw", "met")


_APPOSITION_OPENERS = frozenset("including among mostly mainly chiefly".split())
_DASHES = frozenset("— – - --".split())


def _past_apposition(words: list[str], after: int, later: list[int]) -> int:
    """Where a figure's clause goes on after an apposition counting a part of it ("eight people, including three
    children, were killed", "twelve people -- nine adults and three children -- were killed"): the token after
    the apposition's closing comma or dash, when a verb follows it; else `after`."""
    n = len(words)
    if after + 2 < n and words[after] == "," and words[after + 1] == "aged":
        # "Three men, aged 19, 22 and 24, were arrested": the ages between commas are no part of the count
        k = after + 2
        while k < n and (words[k][:1].isdigit() or words[k] in (",", "and", "to")):
            k += 1
        if k > after + 2 and words[k - 1] == "," and k < n and (words[k] in _PRED_AUX or words[k].endswith("ed")):
            return k
        return after
    if after >= n or not later or words[after] not in {","} | _DASHES:
        return after
    opener = words[after]
    j = after + 1
    while j < n and words[j] in _DASHES:
        j += 1
    of_them = j in later and words[j + 1 : j + 3] in (["of", "them"], ["of", "whom"])
    if opener == "," and (j >= n or words[j] not in _APPOSITION_OPENERS) and not of_them:
        return after  # (but "six victims, two of them children, were killed" is one)
    if later[0] - j > (6 if words[j] in _APPOSITION_OPENERS else 3):
        return after  # the part's figure opens the apposition ("including a woman and her two daughters")
    closers = {","} if opener == "," else _DASHES
    for k in range(later[0], min(n, later[0] + 14)):
        if words[k] in closers:
            m = k + 1
            while m < n and words[m] in _DASHES:
                m += 1
            if m < n and (words[m] in _PRED_AUX or words[m] in _DEATH_VERBS or words[m].endswith("ed")):
                return m
            return after
        if words[k] in (";", ":", "."):
            return after
    return after


def _opens_clause(words: list[str], k: int) -> bool:
    """Whether words[k] opens a clause of its own ("after a man was stabbed"); "as" only before a subject ("as
    the roof fell", "as 40,000 ran"), never "as many as", "listed as missing"."""
    w = words[k]
    if w in _SUBORDINATORS:
        # "after being shot", "after they were arrested": the same people's, their own clause goes on
        return k + 1 < len(words) and words[k + 1] not in ("being", "having", "they", "he", "she")
    if w == "as" and k + 1 < len(words):
        nxt = words[k + 1]
        return (
            nxt in _CLAUSE_SUBJECTS
            or nxt[:1].isdigit()
            or nxt in ("hundreds", "thousands", "dozens", "scores")
            or nxt == "as"
            and words[k + 2 : k + 3] == ["many"]  # "two died as as many as 50 were injured"
        )
    return False


def choose_topic(
    fig_index: int,
    spans: list[tuple[int, int]],
    counted: Counted,
    hits: list[CueHit],
    kind: str,
    lex: Lexicon,
    words: list[str],
    forward: dict[int, int] | None = None,
    blockers: frozenset[int] | None = None,
) -> tuple[str, str | None]:
    """The topic of figure `fig_index` (token spans of every figure in the sentence) and a scope its cue implies.

    An event word right before a figure governs it ("killing 26", "arrested nearly 6,000"); any other event word
    is the predicate of the figure before it ("12 were wounded"). So in "killing 26 and injuring 300" and in
    "1,600 were injured and 33 million affected" each word goes to one figure only.
    """
    forward = forward if forward is not None else forward_targets(hits, spans, words)
    blockers = blockers if blockers is not None else frozenset(range(len(spans)))
    first_counted = not any(j < fig_index for j in blockers)
    start, end = spans[fig_index]
    # the next figure bounds this one's clause, unless it stands inside this figure's own noun phrase ("two of the
    # four hikers died": the four are the whole the two are counted from)
    # (the next few figures are enough to bound this one's clause: a sentence of 25,000 numbers stays linear)
    later = [s for s, _ in spans[fig_index + 1 : fig_index + 17] if s >= counted.end]
    next_start = later[0] if later else len(words)
    # "Eight people, including three children, were killed": the figure's clause goes on past an apposition
    # that counts a part of it (the part shares the verb: kzview.extract.context.coordinated)
    tail = _past_apposition(words, counted.end, later)
    if fig_index + 1 < len(spans) and spans[fig_index + 1][0] == end + 2 and words[end : end + 2] == ["of", "the"]:
        # "two of the 150 passengers died", "three of the 12 people arrested were later charged": the part's verb
        # comes after the whole's noun phrase (and after its own participle)
        tail = max(tail, _partitive_whole(words, spans[fig_index + 1][1], _after_verb(words, start))[1])
        later = [s for s, _ in spans[fig_index + 1 : fig_index + 17] if s >= tail]
        next_start = later[0] if later else len(words)
    if tail > counted.end:
        later = [s for s in later if s >= tail]
        next_start = later[0] if later else len(words)

    def allowed(n: int, cue: Cue) -> bool:
        if forward.get(n, fig_index) != fig_index:
            return False  # it governs another figure
        if irrealis(words, hits[n].start):
            return False  # "threatened to kill 20", "could die": what did not happen is no count
        if hits[n].start >= end and _participle(words[hits[n].end - 1]) and _causative_plot(words, start):
            return False  # "arranged to have the two witnesses killed": a plot, not a toll
        if cue.topic in lex.noun_bound and counted.words and not counted.anaphora and not own_noun(cue.topic):
            return False  # "200 workers were sent home": a deployment verb, but no soldiers counted
        if cue.topic in lex.noun_bound and _counted_before(start) and not own_noun(cue.topic):
            return False  # "a crew of 40 has been sent": the crew is counted, no soldiers
        h = hits[n]
        if cue.topic == "population" and cue.words[-1] in ("of", "to") and forward.get(n) != fig_index:
            return False  # "a sect of 400 members in the town of X": "town of" counts only the figure after it
        if h.start >= end and " ".join(cue.words) in lex.implicit.any_object and _object_after(words, h):
            return False  # "300 customers lost power", "two patrols captured a boat": the verb's object is no count
        return kind in lex.topic_kinds.get(cue.topic, ("count",))

    def _counted_before(i: int) -> bool:
        """A noun right before "of" the figure names what it counts ("a crew of 40", "a team of 12")."""
        return i >= 2 and words[i - 1] == "of" and words[i - 2].isalpha() and words[i - 2] not in STOP

    def own_noun(topic: str) -> bool:
        if lex.match_subject(counted.words) == "security forces":
            return True  # "sent 400 police officers": forces deployed
        return any(
            h.cue.topic == topic and h.cue.role == "noun" and (start <= h.start < counted.end or h.end == start - 1)
            for h in hits
        )  # "sent 300 troops", "a force of 300 soldiers", "a contingent of 300 was sent"

    if speculative(words, start):
        return "other", None  # "there might have been two people killed": a guess, no count
    if _wounds_of_one(words, start, counted):
        return "other", None  # "the victim suffered 37 stab wounds": one person's wounds, not people hurt

    def best_event(cands: list[tuple[int, CueHit]]) -> tuple[str, str | None] | None:
        events = [h for _, h in cands if h.cue.role == "event"]
        if not events:
            return None
        h = max(events, key=lambda h: (h.cue.priority, -h.start))
        return h.cue.topic, h.cue.scope

    if (
        start > 0
        and words[start - 1] == "by"
        or (start > 1 and words[start - 2] == "by" and words[start - 1] in _BRIDGE)
    ):
        # the agent of a passive ("arrested by eight officers"): what is counted, not what happened to them
        nouns = [h for h in hits if h.cue.role == "noun" and start <= h.start <= counted.end]
        return (nouns[0].cue.topic, nouns[0].cue.scope) if nouns else ("other", None)
    governing = [(n, h) for n, h in enumerate(hits) if forward.get(n) == fig_index and allowed(n, h.cue)]
    at = start - 1
    while at > 1 and start - at <= 3 and (words[at] in _QUALIFIER_WORDS or words[at - 1 : at + 1] == ["at", "least"]):
        at -= 2 if words[at] == "least" else 1  # "put the crowd at about 3,000": past the figure's own qualifier
    if at >= 1 and words[at] in ("at", "of", "as"):
        # "estimated the crowd at 45,000", "a death toll of 27": the noun right before names what is counted
        named = [
            h
            for h in hits
            if h.end == at
            and allowed(hits.index(h), h.cue)
            and not (words[at] == "as" and _verb_cue(h.cue))  # "three died as 40,000 ran": a clause
        ]
        if named:
            return named[0].cue.topic, named[0].cue.scope
    # The figure's own clause: its noun phrase and what follows up to the next figure or clause break.
    clause_end = next_start
    for k in range(tail, next_start):
        if words[k] in _CLAUSE_END or _opens_clause(words, k):
            clause_end = k
            break
    pred = None if _inside_relative_clause(words, start) else subject_predicate(words, tail, next_start)
    of_at = next((j for j in range(end, counted.end) if words[j] == "of"), None)
    rel_object = _object_in_relative(words, start)  # "who admitted having dozens of children was arrested"
    local = [
        (n, h)
        for n, h in enumerate(hits)
        if (start <= h.start and h.end <= max(clause_end, counted.end) or h.start == pred)
        and allowed(n, h.cue)
        and not (of_at is not None and of_at < h.start < counted.end)  # "members of the slain lawman's family"
        and not (rel_object and h.start >= counted.end and words[h.start - 1] in _PRED_AUX)
        and not (h.start >= counted.end and _befalls_another(words, h))
        and not (counted.end <= h.start < tail)  # an apposition's, the whole's participle
    ]
    if words[max(0, start - 2) : start] == ["of", "the"] and (
        fig_index > 0 and spans[fig_index - 1][1] == start - 2 or start >= 3 and _a_share(words[start - 3])
    ):
        # "two of the three victims died", "half of the 60 passengers were hurt": the whole the part is counted
        # from, with no event of its own but a participle of its own ("three of the 12 people arrested were
        # charged": 12 arrested)
        part_start = spans[fig_index - 1][0] if fig_index > 0 and spans[fig_index - 1][1] == start - 2 else start - 3
        participle = _partitive_whole(words, end, _after_verb(words, part_start))[0]
        own = [h for _, h in local if h.cue.role == "event" and participle is not None and h.start == participle]
        return (own[0].cue.topic, own[0].cue.scope) if own else ("other", None)
    predicate = [(n, h) for n, h in local if h.start == pred and h.cue.role == "event"]
    if predicate and not governing:
        # "Two organisers of the banned march ... have been arrested": the verb of the figure's own noun phrase,
        # not an event word inside that phrase
        local = [(n, h) for n, h in local if not (pred is not None and counted.end <= h.start < pred)]
    # an event word right before the figure governs it ("arrested 5 people and the death toll rose to 16");
    # else the strongest of its own clause
    found = best_event(governing) or best_event(local)
    if found:
        if found[0] == "hospitalized" and any(
            h.cue.topic == "deaths" and h.cue.words[-1] in _DEATH_VERBS for _, h in local + governing
        ):
            return "deaths", None  # "two more people died in hospital": where they died, not a hospital count
        return found
    # Otherwise the nearest event word that belongs to no other figure: before this figure only when no counted
    # figure stands before it in the sentence (a duration or a date does not count), after it up to the next.
    best_hit, best_dist = None, FALLBACK_REACH
    relative = _inside_relative_clause(words, start)
    for n, h in enumerate(hits):
        if not allowed(n, h.cue) or h.cue.role != "event":
            continue
        if of_at is not None and of_at < h.start and h.end < counted.end:
            continue  # inside the whole the figure is counted from: "several members of the slain man's family"
        if rel_object and h.start >= counted.end and words[h.start - 1] in _PRED_AUX:
            continue  # the finite verb of the relative clause's head
        if h.start >= counted.end and _befalls_another(words, h):
            continue  # "the three suspects are accused of killing a shopkeeper"
        if counted.end <= h.start < tail:
            continue  # an apposition's, the whole's participle: "three of the 12 people arrested were charged"
        if h.end <= start and (first_counted or _after_change(words, start)):
            dist = start - h.end
            between = words[h.end : start]
            if _after_change(words, start) and not any(w in (";", ":") for w in between):
                dist = min(dist, 2)  # "the death toll from the ferry that capsized on the lake rose to 224"
        elif h.start >= end and h.end <= next_start:
            # quote marks are no words: 'two men, believed to be "senior managers," underwent surgery'
            dist = sum(1 for w in words[end : h.start] if w not in _QUOTE_MARKS)
            between = words[counted.end : h.start]
        else:
            continue
        if between[:2] in ([",", "which"], [",", "that"]) or between[:1] == ["which"]:
            between = between[2:]  # "the number of deaths, which television cited as more than 160"
        if any(w in _CLAUSE_BREAK for w in between) and not _after_change(words, start):
            continue  # an event word of another clause: "two of them fled ... killed" is not a toll
        if relative and h.start >= end and "," in between:
            continue  # "The pastor, who has dozens of followers, was arrested": the verb of the clause's head
        if h.start >= end and "," in between and _has_own_object(words, h):
            continue  # "fired on several workers, killing a guard": the verb has an object of its own
        if dist < best_dist:
            best_hit, best_dist = h, dist
    if best_hit is not None:
        return best_hit.cue.topic, best_hit.cue.scope
    nouns = [h for _, h in local if h.cue.role == "noun"]
    if nouns:
        best = max(nouns, key=lambda h: h.cue.priority)
        return best.cue.topic, best.cue.scope
    return "other", None


_NOT_OBJECTS = (
    _PP_WORDS
    | _CLAUSE_END
    | frozenset(
        "and or but while when after before as by to into up down off out over more others another everyone".split()
    )
)


def _object_after(words: list[str], h: CueHit) -> bool:
    """Whether the event word is followed by an object of its own ("lost power", "captured a boat")."""
    if h.end >= len(words):
        return False
    nxt = words[h.end]
    return nxt[:1].isalpha() and nxt not in _NOT_OBJECTS and not nxt.endswith("ly") and nxt not in _PRED_AUX


_OTHER_ONE = frozenset("a an the his her their its this that another".split())


def _befalls_another(words: list[str], h: CueHit) -> bool:
    """Whether an event word after a figure befalls someone it names itself ("the three suspects are accused of
    killing a shopkeeper", "six officers face trial over the death of a man"): the figure is not its count."""
    nxt = words[h.end] if h.end < len(words) else ""
    if h.cue.topic not in ("deaths", "injuries", "arrests"):
        return False  # "3,000 fans were attending the concert": what they did, not whom it befell
    if h.cue.words[-1].endswith("ing") and nxt in _OTHER_ONE:
        return True
    if h.cue.words[-1] == "of":
        return nxt in _OTHER_ONE  # the cue "murder of": "charged with the murder of a teenager"
    return (
        h.cue.words[-1] in ("death", "deaths", "murder", "killing", "killings", "slaying")
        and nxt == "of"
        and (h.end + 1 < len(words) and words[h.end + 1] in _OTHER_ONE)
    )


def _has_own_object(words: list[str], h: CueHit) -> bool:
    """Whether an active event verb in -ing form is followed by its own object ("killing a guard", "wounding
    Bryant"), so it does not count a figure before it."""
    if not h.cue.words[-1].endswith("ing") or h.end >= len(words):
        return False
    nxt = words[h.end]
    return nxt[:1].isalpha() and nxt not in _NOT_OBJECTS and not nxt.endswith("ly")


# ---------------------------------------------------------------------------------------------------------------
# Scope: a place the figure is limited to.

# words that describe a place before its name or its kind ("in the mountainous Kharzan district", "in neighbouring
# Siaya County", "in the mountain village of Lumbo")
_PLACE_ADJECTIVES = (
    r"(?:(?:neighbouring|neighboring|nearby|adjacent|remote|mountainous|rural|coastal|restive|troubled|impoverished|"
    r"landlocked|hilly|flood-hit|quake-hit|storm-hit|war-torn|mountain|fishing|border|farming|mining|small|tiny)\s+)?"
)
_PLACE = re.compile(
    r"\b(?:in|at|near|around|inside|outside)\s+(?:the\s+)?" + _PLACE_ADJECTIVES + r""
    r"(?:(?:(?:north|south|east|west)(?:ern|-?(?:east|west)(?:ern)?)?|central|coastal)\s+"
    r"(?=(?:city|town|village|region|province|district|"
    r"capital|state|county|port|area)\s+of\b))?(?:(?:city|town|village|region|province|district|"
    r"capital|state|county|port|area|streets|suburbs|markets?|centre|center)\s+of\s+)?"
    r"(?:(?P<compass>(?:north|south|east|west)(?:ern|-?(?:east|west)(?:ern)?)?|central|coastal)\s+)?"
    r"(?P<place>(?:(?:St|Mt|Ft|Pt)\.\s+)?[A-Z][\w’'\-]+(?:\s+[A-Z][\w’'\-]+){0,2})(?:,\s+(?P<region>[A-Z][\w’'\-]+))?"
)
_ORG_WORDS = frozenset(
    "Fed Bank Reserve University Hospital Ministry Agency Council Court Police Department Company Inc Corp Ltd "
    "Group Office Service Airport Station Stadium School Church Mosque Museum Plaza Hotel Center Centre "
    "Street St Avenue Ave Road Rd Lane Drive Boulevard Blvd Way Place Terrace Close Crescent Court".split()
)  # a building or an address: where something happened, not a part of the event
_OF_PLACE = re.compile(
    r"\b(?:residents|inhabitants|people|citizens|population)\s+of\s+(?:the\s+)?"
    r"(?P<place>[A-Z][\w’'\-]+(?:\s+[A-Z][\w’'\-]+){0,2})(?:,\s+(?P<region>[A-Z][\w’'\-]+))?"
)
# where the figure's clause ends: a conjunction that opens a clause of its own about another noun phrase
_NEXT_CLAUSE = re.compile(r";|,\s*(?:and|but|while|whereas)\s")
_WHOLE = re.compile(
    r"\b(?:across|throughout|all over|around)\s+the\s+(?:country|nation|region)\b|\bnationwide\b|\bcountrywide\b",
    re.IGNORECASE,
)
_NOT_PLACES = CALENDAR_WORDS | {
    "Km",
    "KM",
    "Kilometre",
    "Kilometer",
    "Mile",
    "Milepost",
    "Exit",
    "Junction",
    "Gate",
    "Platform",
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
    "Government",
    "Govt",
}
_LEAD_PLACE = re.compile(
    r"^\s*(?:In|At)\s+(?:the\s+)?"
    + _PLACE_ADJECTIVES
    + r"(?P<place>[A-Z][\w’'\-]+(?:\s+[A-Z][\w’'\-]+){0,2})(?:\s+[a-z]+){0,3},"
    # the subject, a place beside the story's: "Neighboring Ashford County has reported 3 cases"
    + r"|^\s*(?:Neighbou?ring|Nearby|Adjacent)\s+(?P<near>[A-Z][\w’'\-]+(?:\s+[A-Z][\w’'\-]+){0,2})\s+[a-z]"
)


def _bare(name: str) -> str:
    return re.sub(r"[’']s$", "", name)


_PLACE_NAME = r"[A-Z][\w’'\-]+(?:\s+[A-Z][\w’'\-]+)?"
_PLACE_LIST = re.compile(
    r"\b(?:[Ii]n|[Aa]t|[Ff]rom)\s+(?P<list>"
    + _PLACE_NAME
    + r"(?:\s*,\s*"
    + _PLACE_NAME
    + r")*\s*,?\s+and\s+"
    + _PLACE_NAME
    + r")"
)


def respective_places(sentence: str, figures: list[int]) -> dict[int, str]:
    """The place of each figure (by index of `figures`, their offsets in the sentence) in "in A and B, where 800
    and 300 people gathered respectively": the figures between the list and "respectively", in order."""
    end = sentence.find("respectively")
    if end < 0:
        return {}
    m = _PLACE_LIST.search(sentence, 0, end)
    if m is None:
        return {}
    places = [p.strip() for p in re.split(r"\s*,\s*(?:and\s+)?|\s+and\s+", m["list"]) if p.strip()]
    if any(p.split()[0] in _NOT_PLACES for p in places):
        return {}  # "in May and June, 80 and 30 people were arrested respectively": months, not places
    told = [i for i, pos in enumerate(figures) if m.end() <= pos < end]
    return dict(zip(told, places, strict=True)) if len(told) == len(places) else {}


def is_event_place(place: str, region: str | None, event_places: frozenset[str]) -> bool:
    """Whether a place names the story itself (see find_scope)."""
    words = [_bare(w) for w in place.split()]
    return (
        place in event_places
        or _bare(place) in event_places
        or any(w in event_places for w in words)
        or (region is not None and _bare(region) in event_places)
    )


# where people were taken after the event: "taken to the police station in Dunmore", "flown to a clinic at Orde"
_DESTINATION = re.compile(
    r"(?<!being )(?<!been )\b(?:taken|brought|flown|airlifted|transferred|moved|sent|driven|transported|escorted|"
    r"evacuated|ferried|removed)\s+(?:back\s+)?(?:by\s+[a-z]+\s+)?to\s+(?:the\s+|a\s+|an\s+)?"
    r"(?:(?!(?:and|or|but|as|where|when|while|after|before|then)\b)[\w’'\-.]+\s+){0,4}"
    r"(?:in|at|near|outside)\s+$"
)  # not "driven to a field and shot dead in X", nor "killed after being taken to a farmhouse near X"
_NAME_RELATIVE = re.compile(r"\b[A-Z][a-z]+(?P<cut>,)\s+(?:who|whose)\s")  # a clause about a person named
_SCOPE_REACH = 400  # characters after a figure its place is looked for in: a place further on is not its own


# a source and where it sits: "officials in Tavor said", "a police spokesman in the capital told reporters"
_SPEAKER_IN = re.compile(
    r"\b(?:officials?|police|authorities|sources?|spokes(?:man|woman|person)|correspondents?|reporters?|officers?|"
    r"ministry|government|residents|witnesses|agency|doctors|medics|rescuers|journalists?)\s*$",
    re.IGNORECASE,
)
_SAYS_AFTER_PLACE = re.compile(
    r"^\s+(?:on\s+\w+\s+)?(?:said|say|says|told|tell|reported|report|reports|confirmed|added|announced|estimated|"
    r"quoted)\b"
)


def find_scope(
    segment: str,
    lead: str,
    event_places: frozenset[str],
    partitive: bool = False,
    own_clause: bool = False,
    lede: bool = False,
) -> str | None:
    """A place named in the figure's clause (`segment`, after the figure) or opening the sentence (`lead`).

    A place that names the event itself (a country the corpus is about, a place in the headline or the lead,
    "Uvalde, Texas" when the headline says Texas) is no limit: the figure is about the whole event; except for a
    partitive figure ("100 of those deaths ... in Almaty"), which names a part whatever the place. With
    `own_clause` (a count of things or a share), the segment ends where a clause of its own begins ("three networks
    were hit in Dunmoor, and some users in Hallam ..."); a casualty figure's place may come after a "while" or an
    "and the" ("killed while on patrol in Kerrowan").
    """
    segment = segment[:_SCOPE_REACH]
    named = _NAME_RELATIVE.search(segment)
    if named is not None:
        segment = segment[: named.start("cut")]  # "200 others who follow Jeffs, who is in jail in X": Jeffs's place
    if lede and not partitive:
        told = _EVENT_TOLD.search(segment)
        if told is not None:
            # the lede's "41 were missing after a ferry capsized near Bastova", "64 injured in a crush at the
            # Arena": where the event happened, which the whole count is of, not a part of it
            segment = segment[: told.start()]
    if own_clause:
        cut = _NEXT_CLAUSE.search(segment)
        if cut is not None:
            segment = segment[: cut.start()]
    if _WHOLE.search(segment):
        return None
    for rx in (_OF_PLACE, _PLACE):
        for m in rx.finditer(segment):
            place = m.group("place")
            following = segment[m.end("place") :].split()[:1]
            if place.split()[0] in _NOT_PLACES or place.split()[-1] in _ORG_WORDS:
                continue
            if following and following[0].strip(",.;") in _ORG_WORDS:
                continue  # "at Royal Oak Beaumont Hospital": a building, not a part of the event
            if (
                _SPEAKER_IN.search(segment[: m.start()])
                and not re.search(r"\bby\s+(?:the\s+)?\w+\s*$", segment[: m.start()])  # "arrested by police in X"
                and _SAYS_AFTER_PLACE.match(segment[m.end("place") :])
            ):
                continue  # "officials in Tavor said", "our correspondent in Nairobi says": where the source is
            if place.endswith(GENTILIC) and any(
                w.strip(",.;") in _ATTACK_NOUNS for w in segment[m.end("place") :].split()[:2]
            ):
                continue  # "killed in Israeli strikes", "in Kenyan police operations": whose attack, not where
            if (
                re.search(r"\bhospitals?\s+$", segment[: m.start() + 1])
                or re.search(r"hospitals?\s+(?:in|at|near)\s+$", segment[: m.start("place")])
                or _DESTINATION.search(segment[: m.start("place")])
            ):
                continue  # "taken to hospital in Huancayo": where the hospital is, not a part of the event
            if not partitive and is_event_place(place, m.group("region"), event_places):
                # "in western Veldia" of a story in Veldia is no part either: the story may be all in the west
                return None
            compass = m.groupdict().get("compass")
            return f"{compass} {_bare(place)}" if compass else _bare(place)  # "in northern Castavia"
    lm = _LEAD_PLACE.match(lead)
    lead_place = (lm.group("place") or lm.group("near")) if lm else None
    if lead_place and lead_place.split()[0] not in _NOT_PLACES:
        if not is_event_place(lead_place, None, event_places):
            return _bare(lead_place)
    return None


# the event told after a count, in a clause or a phrase of its own: "after a ferry capsized", "following the
# blast", "when a bus plunged", "in a crush", "in an explosion"
_EVENT_TOLD = re.compile(
    r"\b(?:after|following|when|as)\s+(?:a|an|the|its|their)\s|\b(?:in|during)\s+(?:a|an)\s+(?!(?:hospital|"
    r"clinic|town|city|village|suburb|district|region|province|county|state|neighbou?rhood)\b)[a-z]+\s+(?:at|in|on|near|outside)\s"
)


_ATTACK_NOUNS = frozenset(
    "strike strikes airstrike airstrikes air-strikes shelling shellfire raid raids attack attacks bombardment "
    "bombardments operation operations offensive bombing bombings gunfire fire assault assaults drone drones "
    "missile missiles rocket rockets crackdown clashes ambush".split()
)


_OF_NAME = re.compile(r"\s+of\s+([A-Z][\w\-]+(?:\s+[A-Z][\w\-]+)?)")


_NAMED_PLACE = re.compile(
    r"\b(?:town|city|village|country|nation|region|province|state|county|island|community)\s+of\s+"
    r"(?P<place>[A-Z][\w’'\-]+(?:\s+[A-Z][\w’'\-]+){0,2})"
)


_CITY_STATE = re.compile(
    r"\b(?:a|an|the)\s+(?P<place>[A-Z][\w’'\-]+(?:\s+[A-Z][\w’'\-]+)?),\s+(?P<region>[A-Z][a-z]+\.?(?:\s?[A-Z]\.)?),"
    r"\s+(?!and\b|or\b|but\b|who\b|which\b)[a-z]"
)  # wire style: "a Dayton, Ohio, warehouse", "a Fresno, Calif., bar": the town before its state's abbreviation


# "at an Oregon bank", "in a Dunmore suburb": the place before the thing, for another event's figure
_AT_A_PLACE = re.compile(r"\b(?:at|in|near|outside)\s+(?:an?)\s+(?P<place>[A-Z][a-z]+)\s+[a-z]")


_OPENING_PLACE = re.compile(r"^\W*(?:In|At)\s+(?:the\s+)?(?P<place>[A-Z][\w’'\-]+(?:\s+[A-Z][\w’'\-]+)?)")
_BACK_REFERENCE = re.compile(r"\b(?:[Tt]he\s+(?:town|city|village|county|island)\s+of\s+[\d,]+\b|there\b)")


def antecedent_place(sentence: str, pos: int, before: str) -> str | None:
    """Where a population told as "the town of 14,000", "the community" or "there" lives: the last place named
    before the figure in its sentence, else in the sentence before (`before`); None when it names no place so."""
    if not _BACK_REFERENCE.search(sentence):
        return None
    for text in (sentence[:pos], before):
        found = [
            (m.start(), _bare(m.group("place")))
            for rx in (_PLACE, _NAMED_PLACE, _OPENING_PLACE)
            for m in rx.finditer(text)
            if m.group("place").split()[0] not in _NOT_PLACES and m.group("place").split()[-1] not in _ORG_WORDS
        ]
        if found:
            return max(found)[1]
    return None


def event_place(sentence: str, pos: int) -> str | None:
    """Where another event happened, for a figure at `pos` of a sentence that tells of one ("In March a gunman
    killed five people at a mall in Riverton"), or where a population lives ("the town of Leeton has 12,000
    people"): the place named nearest the figure, on either side; the story's own places count here, since the
    event is not the story."""
    best: tuple[int, str] | None = None
    for m in (*_NAMED_PLACE.finditer(sentence), *_CITY_STATE.finditer(sentence), *_AT_A_PLACE.finditer(sentence)):
        d = abs(m.start("place") - pos)
        if best is None or d < best[0]:
            best = (d, _bare(m.group("place")))
    for m in _PLACE.finditer(sentence):
        place = m.group("place")
        following = sentence[m.end("place") :].split()[:1]
        if place.split()[-1] in _ORG_WORDS:
            of = _OF_NAME.match(sentence, m.end("place"))
            if of is None:
                continue
            place = f"{place} of {of.group(1)}"  # "at the University of Dunmore": a place of its own
        if place.split()[0] in _NOT_PLACES:
            continue
        if following and following[0].strip(",.;") in _ORG_WORDS:
            continue
        d = abs(m.start("place") - pos)
        if best is None or d < best[0]:
            best = (d, _bare(place))
    return best[1] if best else None


_AUX = frozenset("were was are is have has had remain remained remains will would could may might be been".split())


_OWN_VERBS = frozenset("underwent suffered remain remained went took fled escaped survived were was".split())


def has_own_predicate(words: list[str], counted: Counted) -> bool:
    """Whether a verb follows the figure's noun phrase ("33 million have been affected", "two men, believed to be
    managers, underwent surgery"): then the figure does not share the event word of the figure before it."""
    j = counted.end
    if j < len(words) and words[j] == ",":
        k = j + 1
        while k < len(words) and k - j <= 12 and words[k] != ",":
            k += 1
        if k < len(words) and words[k] == ",":
            j = k + 1  # past an apposition
    while j < len(words) and words[j] in ("“", "”", '"', "’", "‘"):
        j += 1
    if j >= len(words):
        return False
    w = words[j]
    return w in _AUX or w in _OWN_VERBS or (w.endswith("ed") and len(w) > 4 and j > counted.end)


_PERSON = re.compile(r"(?<![.!?]\s)(?<!^)\b([A-Z][a-z]+(?:-[A-Z][a-z]+)?)(?:’s|'s)?\b")
_NOT_PERSON = (
    _NOT_PLACES
    | set("We They It This That These Those There He She I You Our Their His Her My".split())
    # a sentence's first word after a quote mark or a line break: "“But then I started to think", no name
    | set("But And Then When After Before If So Yet Or Also Still However Meanwhile Now Here Today Yesterday".split())
    | {
        "Ministry",
        "Minister",
        "Organization",
        "Organisation",
        "Treaty",
        "Council",
        "Police",
        "Department",
        "Agency",
        "News",
        "Press",
        "Party",
        "State",
        "Republic",
        "Union",
        "Kremlin",
        "Government",
        "Army",
        "President",
        "Prime",
        "Secretary",
        "Office",
        "Service",
        "Security",
        "Collective",
        "Health",
        "Interior",
        "Defence",
        "Defense",
    }
)


def last_person(text: str, countries: frozenset[str]) -> str | None:
    """The last capitalised name in `text` that reads as a person (for "he said" in the next sentence)."""
    for m in reversed(list(_PERSON.finditer(text))):
        name = m.group(1)
        if re.search(r"\d\s*$", text[max(0, m.start(1) - 3) : m.start(1)]):
            continue  # "a .357 Magnum", "a Boeing 737 Max": a model after its number, not a person
        if name not in _NOT_PERSON and name not in countries and not name.endswith(("stan", "ia", "land")):
            return name
    return None


_PRONOUN_SAID = re.compile(
    r"(?:^\W*(?:[Hh]e|[Ss]he)|[,”\"]\s*(?:he|she))\s+"
    r"(?:said|added|told|says|stressed|warned|estimated|estimates|put|puts|confirmed|noted|claimed"
    + _NOT_SAYING
    + r"|wrote)\b"
)


_DATELINE = re.compile(r"^\s*(?P<place>[A-Z][A-Z’'\-]{2,}(?:\s+[A-Z][A-Z’'\-]{2,})?)\s*(?:\.-|\.—|—|–|-|,)")


_DATELINE_HEAD = re.compile(r"^\s*[A-Z][A-Z’'\-]{2,}(?:\s+[A-Z][A-Z’'\-]{2,})?\s*(?:\.-|\.—|—|–|\s-\s)\s*")


def lead_places(sentence: str) -> frozenset[str]:
    """Places the first sentence sets the story in (and a dateline such as "ALMATY.-"): the event's own."""
    out = {_bare(m.group("place")) for rx in (_PLACE, _OF_PLACE) for m in rx.finditer(sentence)}
    m = _DATELINE.match(sentence)
    if m:
        out.add(m.group("place").title())
    return frozenset(out)


def headline_names(title: str) -> frozenset[str]:
    """Capitalised words of a headline: the places (and actors) the whole story is about."""
    return frozenset(_bare(w) for w in re.findall(r"[A-Z][\w’'\-]+", title))


# ---------------------------------------------------------------------------------------------------------------
# Attribution: who the text says gave the figure.

_NAME = r"(?P<x>[^,.;:()“”\"\n]{2,90})"
_NAME_FROM = (
    r"(?P<x>(?:the\s+)?[^,.;:()“”\"\n]{2,60}?)"
    r"(?=\s+(?:indicates?|shows?|suggests?|says?|said|puts?|is|are|was|were|has|have)\b|[,.;:]|$)"
)
_NAME_SHORT = r"(?P<x>[^,.;:()“”\"\n]{2,90}?)"  # the subject before a verb: the shortest run that ends at one
_VERBS = (
    r"(?:said|says|say|reported|reports|report|announced|announces|announce|stated|states|state|confirmed|"
    r"confirms|confirm|told|declared|estimated|estimates|estimate|claimed"
    + _NOT_SAYING
    + r"|claims"
    + _NOT_SAYING
    + r"|claim"
    + _NOT_SAYING
    + r"|indicated|added|put|puts|"
    r"gave|gives|counted|counts|valued|values|tallied|recorded|registered|indicates|indicate|noted|notes|"
    r"rates|rated|shows|showed|show|suggests|suggested|warned|warns|wrote|writes|tweeted|posted|tells|tell)"
)
# "..., said the ministry": only forms that cannot be nouns ("and state police chased him" is no source); never
# "told": "..., told reporters" names who listened
_VERBS_INVERTED = (
    r"(?:said|says|reported|announced|stated|confirmed|declared|estimated|claimed"
    + _NOT_SAYING
    + r"|added|indicated|counted|"
    r"tallied|recorded|registered)"
)
_ABBREVIATION_DOT = re.compile(
    r"(?<![\w.])(?:[A-Z]\.){1,3}(?=\s*[A-Z]|[A-Z])|\b(?:St|Mt|Dr|Mr|Mrs|Ms|Sgt|Lt|Col|Gen|Jr|Sr|Capt|Cpl|Const|Det|Insp|Supt|Pte|Maj|Prof|Rev|Gov|Sen|Rep)\."
)
_PROTECTED_DOT = "\u2024"  # one dot leader: same length, not a sentence or name boundary for the rules


def _protect_dots(sentence: str) -> str:
    """ "the U.S. Embassy", "Sheriff Robert J. Pickell": dots inside names do not end a name for the rules."""
    return _ABBREVIATION_DOT.sub(lambda m: m.group(0).replace(".", _PROTECTED_DOT), sentence)


# where a clause opens (a sentence, a quote, a semicolon, a conjunction), and a proper name of up to four words
# a clause opens: a sentence, a quote, a semicolon, a colon, a parenthesis, or a conjunction after a comma (", and
# Reyes, who owns it, said"; never "killed three soldiers and Ahmad Khan, a civilian, said officials")
_CLAUSE_OPEN = r"(?:^|[;:“”\"(]\s*|,\s*(?:and|but|while)\s+)"
_NOT_SPEAKERS = CALENDAR_WORDS | set(
    "The This That These Those There It We They He She I You Our Their His Her My Its "
    "But And Then When After Before If So Yet Or Also Still However Meanwhile Now Here Today Yesterday Tonight "
    "In On At While During Since For By With Without From As Although Though Unlike Despite "
    "Last Next Earlier Later Elsewhere Overall Instead Nearby Initially Officially Finally Separately Already".split()
)  # a capitalised word that opens an adverbial or stands for a name, not a name ("On Monday, the mayor, said")
_PROPER = (
    r"(?!(?:"
    + "|".join(sorted(_NOT_SPEAKERS))
    + r")\b)(?P<x>[A-Z][\w’'\-\u2024]*(?:\s+(?:[A-Z][\w’'\-\u2024]*|de|van|von|al|bin|la|le)){0,3})"
)
# only verbs of saying ("Hurricane Ida, the strongest storm in years, put 300,000 homes without power" names no source)
_VERB_AFTER_APPOSITION = (
    r"(?:has\s+|have\s+|had\s+)?(?:\w+ly\s+)?(?P<v>said|says|told|tells|added|estimated|estimates|confirmed|"
    r"reported|announced|stated|claimed" + _NOT_SAYING + r"|noted|warned|wrote|testified|insisted|explained)\b"
)

_ATTR_RULES: list[tuple[re.Pattern[str], int, str]] = [
    (re.compile(r"\b(?:citing|quoting)\s+" + _NAME, re.IGNORECASE), 3, "after"),
    (re.compile(r"\baccording to\s+" + _NAME, re.IGNORECASE), 2, "after"),
    (re.compile(r"\b(?:feedback|figures|data|estimates|word)\s+from\s+" + _NAME_FROM, re.IGNORECASE), 3, "after"),
    (
        re.compile(
            r"(?:^|[,“”\"]\s*|\band\s+)" + _VERBS_INVERTED + r"\s+(?P<x>(?:the\s+|a\s+|an\s+)?[^,.;:()“”\"\n]{2,80})"
        ),
        2,
        "after",
    ),
    (
        re.compile(
            r"(?:^|[,;:“”\"(]|\bwhile\b|\bas\b|\bbut\b|\band\b|\bthat\b)\s*"
            + _NAME_SHORT
            + r"(?:\s+\([A-Z][A-Za-z.&]{1,11}\))?"  # "the British Antarctic Survey (BAS) said": its short name
            + r"\s+(?:has\s+|have\s+|had\s+|can\s+|could\s+|will\s+|would\s+|may\s+|might\s+)?"
            + r"(?:(?:earlier|initially|later|also|first|previously|now|today|yesterday|again|still|\w+ly)\s+)?"
            + _VERBS
            + r"\b"
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
    # a source and a relative clause about it before its verb: "an official who spoke on condition of anonymity
    # said", "a police officer who asked not to be named told Reuters"
    (
        re.compile(
            r"(?:^|[,;:“”\"(]|\bwhile\b|\bbut\b|\band\b)\s*"
            r"(?P<x>(?:[Tt]he\s+|[Aa]n?\s+)?(?:[\w’'\-]+\s+){0,3}?[\w’'\-]+)\s+who\s+(?:[A-Za-z’'\-]+\s+){1,8}?"
            + _VERB_AFTER_APPOSITION
        ),
        2,
        "before",
    ),
    # a name and its apposition before the verb: "Tom Reyes, the owner, said", "Reyes, 52, told"; and a role
    # and the name it is given: "The chief, Dana Okafor, told", "A spokesman, John Doe, said"
    (
        re.compile(
            _CLAUSE_OPEN
            + r"(?:[Tt]he\s+)?(?:"
            + _PROPER
            + r"|(?P<body>(?:[a-z][\w\-]*\s+){0,2}[a-z][\w\-]*)),\s+(?P<app>[^,;:()“”\"\n]{1,80}?),\s+"
            + _VERB_AFTER_APPOSITION
        ),
        2,
        "apposed",
    ),
    (
        re.compile(
            _CLAUSE_OPEN
            + r"(?P<app>(?:(?:[Tt]he|[Aa]n?|[Hh]is|[Hh]er|[Tt]heir|[Ii]ts)\s+)?"
            + r"(?:[a-z][\w’'\-]*\s+){0,3}[a-z][\w’'\-]*),\s+"
            + _PROPER
            + r",\s+"
            + _VERB_AFTER_APPOSITION
        ),
        2,
        "apposed",
    ),
]
_NEXT_SENTENCE = re.compile(
    r"^\s*(?:This|That|It|These figures|The figures?|The information|The data|The toll)"
    r"\s+(?:was|were|has been|have been)"
    r"\s+(?:announced|reported|confirmed|stated|said|given|released|published)\s+by\s+" + _NAME,
)
_CUT = re.compile(
    r"\s+(?:that|which|who|on|in|after|as|when|while|to|with|at|during|because|but|later|"
    r"on|without|since|for(?!\s+(?:the\s+)?[A-Z])|about|themselves|itself|earlier|this|last|had|has|have|was|were|is|are|would|"
    r"could|will)\b.*$",
)  # but "for" before a capital goes on with a name: "the International Organization for Migration"
_NAME_TO = re.compile(r"\b([A-Z][\w’'\-]*) to ([A-Z])")
_GENERIC = re.compile(
    r"\b(authorities|officials?|police|government|ministry|minister|spokes(?:man|woman|person)|media|television|"
    r"tv|agency|agencies|sources?|witnesses|presidency|president|army|military|organi[sz]ers|rescuers|hospitals?|"
    r"doctors|office|service|department|data|figures|statement|press|news|prosecutors?|mayor|governor|kremlin|"
    r"embassy|committee|commission|council|ngo|group|activists|observers|residents|sheriff|coroner|chief|"
    r"commander|officers?|inspector|director|head|secretary|authority|bureau|cent(?:er|re)|unions?|"
    r"organi[sz]ation|company|firm|operator|airline|clinic|coast ?guard|fire|researchers|scientists|experts|"
    r"analysts|monitors?|observatory|newspapers?|outlets?|channel|broadcaster|radio|network|reporters|"
    r"correspondents|journalists|eyewitnesses|survivors|relatives|lawyers|judge|court|parliament|lawmakers|"
    r"medics?|paramedics?|doctor|witness|nurses?|pathologists?|"
    r"senator|envoy|ambassador|diplomats|investigators|insurers?|museum|union|workers|"
    # documents that say it: "according to the criminal complaint", "the indictment says"
    r"complaints?|charges|indictment|affidavit|reports?|documents?|records|filings?|release|study|survey|census|"
    r"testimony|transcripts?|"
    # sides of a conflict, who give their own tolls: "rebels claim 40 soldiers dead"
    r"rebels|insurgents|militants|protesters|demonstrators|opposition|troops|campaigners|"
    r"families|victims|locals|villagers|passengers)\b",
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


_CONJ = re.compile(
    r"^(?:(?:and|but|while|as|so|then|meanwhile|also|yet|whereas|though|although|however)\s+)+", re.IGNORECASE
)
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
    x = _CLOCK_OPENING.sub("", x)  # a live blog's "10:32 BST — the emergency service says"
    x = _CONJ.sub("", x)
    rep = _SPEAKER_FOR.match(x)
    if rep and _plausible(_CUT.sub("", rep.group("org"))):
        x = rep.group("org")  # "a spokesman for the fire brigade": the brigade says it (not "for the family")
    # "to" between two capitalised words is inside a name ("the Committee to Protect Journalists"), not after it
    x = _NAME_TO.sub(lambda m: f"{m[1]}\x01{m[2]}", x)
    x = _CUT.sub("", x).replace("\x01", " to ")
    x = _LEADING.sub("", x).strip()
    x = re.sub(r"\s+(?:can|could|will|would|may|might|must|should)$", "", x)  # "I can tell you that ...": no name
    if not x or len(x) < 2 or (len(x) == 2 and not x.isupper()):
        return None
    m = _MINISTRY_A.search(x) or _MINISTRY_B.search(x)
    if m:
        groups = [g.lower() for g in m.groups()]
        kind = "Ministry" if "ministry" in groups else "Minister"
        domain = next(g for g in groups if g in _MINISTRY_DOMAINS)
        return f"{kind} of {_MINISTRY_DOMAINS[domain]}"
    x = re.sub(r"’s$|'s$", "", x)
    x = re.sub(r"^(?:the\s+)?[A-Z][\w\-]*(?:’s|'s)\s+(?=[a-z])", "", x)  # "Kazakhstan’s authorities" -> "authorities"
    words = x.split()
    if words and words[0].lower() in ("the", "a", "an") and len(words) > 1:
        x = " ".join(words[1:])  # one name across articles: "the authorities" and "authorities" alike
    if _OFFICIAL.fullmatch(x):
        return "official figures"
    if x.lower() in _NOT_SOURCES:
        return None  # "Initial estimates suggest", "Early reports said": a word about the figure, not who gave it
    return x


_CLOCK_OPENING = re.compile(r"^(?:\d{1,2}[:.])?\d{1,2}\s*(?:[ap]\.?m\.?|[A-Z]{2,4})?\s*[—–-]\s*", re.IGNORECASE)
_SPEAKER_FOR = re.compile(
    r"^(?:an?\s+|the\s+)?(?:\w+\s+)?(?:spokes(?:man|woman|person)|representative)\s+(?:for|of)\s+"
    r"(?P<org>(?:the\s+)?\S.*)$",
    re.IGNORECASE,
)


# words a reporting verb's subject may be cut down to that name no one
_NOT_SOURCES = frozenset(
    "initial early earlier preliminary provisional latest later first new recent final unconfirmed some many most "
    "several other further".split()
)


_PASSIVE = {"was", "were", "is", "are", "been", "be", "being"}
_BREAK = {
    "said",
    "says",
    "say",
    "was",
    "were",
    "is",
    "are",
    "be",
    "been",
    "it",
    "that",
    "which",
    "who",
    "whom",
    "to",
    "had",
    "has",
    "have",
    "not",
    "when",
    "where",
    "while",
    "though",
    "although",
    "because",
    "if",
    "as",
    "but",
    "and",
    "so",
    "than",
    "then",
    "after",
    "before",
    "since",
    "until",
    "with",
    "without",
    "by",
    "what",
    "how",
    "reported",
    "announced",
    "stated",
    "confirmed",
    "told",
    "added",
    "claimed",
    "estimated",
    "also",
    "yet",
}
_OFFICIAL_SOURCE = re.compile(
    r"\b(?:police|cops|sheriff|officials?|authorities|coroner|prosecutors?|fire|army|military|ministry|minister|"
    r"governor|mayor|president|spokes(?:man|woman|person)|witness(?:es)?|survivors?|doctors?|hospital|da|"
    r"agency|report|study|court|judge|jury|coast ?guard|rescuers|officers?)\b",
    re.IGNORECASE,
)
_HEADLINE_QUOTE = re.compile(
    r"(?:^|[,;:.]\s+)(?P<x>[^,;:“”\"\n]{2,60}?):\s*[“\"‘]|^\s*(?P<y>[A-Z][\w’'.-]*(?:\s+[A-Z][\w’'.-]*){0,2}):\s+(?=\S)"
)
_UNSAID = re.compile(r"(?i)^(?:\w+n[’']t|not|never|would|will|could|might|may|refused|declined)$")
_SAID_AFTER = re.compile(r"\b(?:but|and)\s+(?:also\s+|later\s+)?(?P<v>said|says|added|confirmed|told)\b")
_HEADLINE_TAIL = re.compile(r":\s+(?P<z>[A-Za-z][\w’'.&-]*(?:\s+[A-Za-z][\w’'.&-]*){0,2})\s*$")
_ACRONYM = re.compile(r"[A-Z]{2,6}")
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


_LEADING_PREPOSITIONS = frozenset("of in on at from into onto over under near off".split())
_COUNT_WORDS = frozenset(
    "one two three four five six seven eight nine ten eleven twelve dozen dozens several many multiple few".split()
)
_JOINING = frozenset("of for and or to at in on by from with into the a an".split())


def _from_origin(name: str) -> str | None:
    """A name that opens with a preposition is a clause's tail ("of Detroit spotted a vehicle described"), unless
    it names its origin ("In an official statement from the ministry" said …): then the origin."""
    if name.split()[0].lower() not in _LEADING_PREPOSITIONS:
        return name
    m = re.search(r"\b(?:from|by)\s+(?P<o>\S.*)$", name)
    return m.group("o") if m and m.group("o").split()[0].lower() not in _LEADING_PREPOSITIONS else None


def _after_run_on(raw: str) -> str:
    """A noun phrase run into the next one without a link ("the 300 tonnes of grain the agency put at …"): the
    last one, which is the verb's subject."""
    words = raw.split()
    for i in range(len(words) - 2, 0, -1):
        if words[i] == "the" and words[i - 1].islower() and words[i - 1] not in _JOINING:
            return " ".join(words[i:])
    return raw


def _plausible(name: str) -> bool:
    if name.split()[0].lower() in _PRONOUNS and len(name.split()) == 1 and not _ACRONYM.fullmatch(name):
        return False  # but "the WHO" is the World Health Organization
    return bool(_GENERIC.search(name)) or any(w[:1].isupper() for w in name.split() if w.lower() != "the")


def _subject_before_verb(raw: str) -> str:
    """The noun phrase right before a reporting verb: walk back from the verb to the first clause word."""
    words = raw.split()
    keep: list[str] = []
    for i in range(len(words) - 1, -1, -1):
        w = words[i]
        if w in ("to", "for", "of") and keep and keep[-1][:1].isupper() and i > 0 and words[i - 1][:1].isupper():
            keep.append(w)  # "the Committee to Protect Journalists", "Doctors for Peace": one body's name
            continue
        if w.lower().strip("’'") in _BREAK and not _ACRONYM.fullmatch(w):
            if w.lower() == "and" and keep and _source_pair(words[:i]):
                keep.append(w)  # "police and the woman's friend said": both gave it
                continue
            break
        keep.append(w)
    return " ".join(reversed(keep[:8]))


def _source_pair(left: list[str]) -> bool:
    """Whether the words before an "and" are a whole source of their own, one to three words from the clause's
    start ("police and fire officials said", "Smith and the coroner said"), so "and" joins two sources."""
    if not 1 <= len(left) <= 3 or any(w.lower().strip("’'") in _BREAK and not _ACRONYM.fullmatch(w) for w in left):
        return False
    head = left[-1].strip("’'")
    return _GENERIC.fullmatch(head) is not None or (head[:1].isupper() and head.lower() not in _PRONOUNS)


_TRIGGER = re.compile(
    r"\b(?:according|citing|quoting|quoted|reported|cited|announced|confirmed|released|said|says|say|report|"
    r"reports|announce[sd]?|state[sd]?|confirms?|told|declared|estimated?|estimates|claimed"
    + _NOT_SAYING
    + r"|claims"
    + _NOT_SAYING
    + r"|claim"
    + _NOT_SAYING
    + r"|indicated|"
    r"added|put|puts|gave|gives|counted|counts|valued|values|tallied|recorded|registered|indicates|indicate|noted|"
    r"notes|rates|rated|shows|showed|show|suggests|suggested|warned|warns|wrote|writes|tweeted|posted|feedback|"
    r"tells?)\b",
    re.IGNORECASE,
)


_TITLE_RUN = re.compile(r"(?:[A-Z][\w’'\-]*)(?:\s+(?:of|for|and|the|[A-Z][\w’'\-]*))*$")


def _whole_list_name(before: str, raw: str) -> str | None:
    """A body whose name lists words with commas ("the Bureau of Alcohol, Tobacco, Firearms and Explosives
    said"): the rules stop at a comma, so the name is joined back from the capitalised items before it."""
    if not raw[:1].isupper() or not before.rstrip().endswith(","):
        return None
    items = before.rstrip().rstrip(",").split(",")
    kept: list[str] = []
    while items:
        item = items.pop().strip()
        if re.fullmatch(r"[A-Z][\w’'\-]*", item):
            kept.append(item)  # "Tobacco"
            continue
        m = _TITLE_RUN.search(item)
        if m and " of " in m.group(0):
            head = re.sub(r"^(?:of|for|and|the)\s+", "", m.group(0))
            return ", ".join([head, *reversed(kept), raw])
        break
    return None


def find_attributions(sentence: str, next_sentence: str = "", headline: bool = False) -> list[Attribution]:
    out: list[Attribution] = []
    if not _TRIGGER.search(sentence):
        return _next_sentence_source(sentence, next_sentence, headline)
    depth_at = _paren_depths(sentence) if "(" in sentence else [0] * (len(sentence) + 1)
    work = _protect_dots(sentence)
    for rx, prio, side in _ATTR_RULES:
        for m in rx.finditer(work):
            g = _x(m) if side == "apposed" else "x"  # an apposed source is a name or a body in lower case
            raw = m.group(g).replace(_PROTECTED_DOT, ".")
            if side == "before":
                if raw.split() and raw.split()[-1].lower() in _PASSIVE:
                    continue  # "This was reported": the thing reported, not who reported it
                if raw.split() and raw.split()[-1].lower() in ("a", "an", "the"):
                    continue  # "an estimated 1,000": an adjective, not a source
                if raw.split() and _UNSAID.search(raw.split()[-1]):
                    # "what the media won't tell you", "police would not say": nothing was said, unless the same
                    # subject goes on to say it ("Smith couldn't say why, but said no one was hurt")
                    then = _SAID_AFTER.search(work, m.end())
                    if then is None:
                        continue
                    raw = " ".join(raw.split()[:-1])
                    name = normalise_source(_after_run_on(_subject_before_verb(raw))) if raw else None
                    if name and _plausible(name):
                        out.append(Attribution(then.start("v"), name, prio, depth_at[then.start("v")] > 0))
                    continue
                if raw.split() and (raw.split()[-1].lower() in _COUNT_WORDS or raw.split()[-1].isdigit()):
                    continue  # "guilty of two counts", "three reports": a noun after a number, not a verb
                head = _DATELINE_HEAD.match(raw)
                if head is not None and raw[head.end() :].strip():
                    raw = raw[head.end() :]  # "LONDON — Rio Tinto reported": where it was filed, then who
                full = raw
                raw = _after_run_on(_subject_before_verb(raw))
                if re.fullmatch(r"[A-Z][\w’'\-]*(?:\s+and\s+[A-Z][\w’'\-]*)?", full.strip()):
                    raw = _whole_list_name(work[: m.start("x")], full.strip()) or raw
            else:
                if side == "apposed" and not _apposed_source(m, work):
                    continue
                if side == "after" and _TOLD_COUNT.match(raw) and _FINITE_IN.search(_RELATIVE_TAIL.sub("", raw)):
                    continue  # "..., said 14 workers escaped": what was said, not who said it
                raw = re.split(r"\s+(?:and|while|but|though|although|as)\s+(?=[a-z])", raw)[0]
            # a dash ends the name as a comma does ("according to police -- the women were shot ...")
            parts = re.split(r"\s*(?:-\s*-|—|–)\s*|\s+-\s+", raw)
            # (but a live blog's clock before it is no name: "10:32 BST — the emergency service says")
            raw = parts[1] if len(parts) > 1 and _CLOCK_OPENING.fullmatch(parts[0] + " -") else parts[0]
            name = normalise_source(raw)
            name = _from_origin(name) if name else name
            if name and _plausible(name) and len(name.split()) <= 9:
                pos = m.start(g) + max(0, m.group(g).rfind(raw)) if raw else m.start(g)
                if side == "apposed":
                    pos = m.start("v")  # its verb: the apposition between is no distance from the figure
                out.append(Attribution(pos, name, prio, depth_at[m.start(g)] > 0))
    return out + _next_sentence_source(sentence, next_sentence, headline)


_TOLD_COUNT = re.compile(
    r"(?:only|all|some|just|the)?\s*(?:\d|(?:one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|"
    r"dozens?|scores|hundreds|thousands|several|no|none|about|nearly|almost|around|roughly|more|fewer|less|at least|"
    r"at most)\b)",
    re.IGNORECASE,
)
# numbers in an apposition that are no figure: an age ("52", "the 52-year-old owner", "a 14-year veteran") or a
# time of day ("responding to a call at 3 a.m.")
_AGE_OR_CLOCK = re.compile(
    r"^\s*\d{1,3}\s*$|\b\d{1,3}-(?:year|month)s?(?:-old)?\b|\baged\s+\d{1,3}\b|"
    r"\b\d{1,2}(?::\d\d)?\s*(?:[ap]\.?m\b\.?)",
    re.IGNORECASE,
)
_FINITE_IN = re.compile(r"\b(?:was|were|is|are|had|has|have|will|would|died|\w+ed)\b")  # a clause, not a name
_RELATIVE_TAIL = re.compile(r"\b(?:who|that|which)\b.*$")  # "one of the 14 workers who escaped" names a source
_NUMBER_IN = re.compile(
    r"\d|\b(?:one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|dozens?|scores|hundreds|thousands)\b",
    re.IGNORECASE,
)


def _apposed_source(m: re.Match[str], work: str) -> bool:
    """Whether a name and its apposition before a verb of saying ("Tom Reyes, the owner, said") is the source:
    not the last of a list ("Smith, Jones and Brown, the owners, said"); not when the apposition holds a figure
    of its own (a bare age is none: "Reyes, 52, said"; "Smith, whose son was among 12 people killed, said" is the
    reporter's figure); not when the verb has its subject after it ("..., a civilian, said officials"); a body in
    lower case only when it names one ("police, who arrived later, said")."""
    if _x(m) == "body" and (
        not _GENERIC.fullmatch((m.group("body") or "").split()[-1])
        or re.fullmatch(r"[A-Z][\w’'\-]*(?:\s+[A-Z][\w’'\-]*)*", (m.group("app") or "").strip())
    ):
        return False  # "The company, Acme Corp, said": the name the role is given is the source (the next rule)
    if re.search(r"[A-Z][\w’'\-]*,?\s+and\s+$", work[: m.start()] + m.group(0)[: m.start(_x(m)) - m.start()]):
        return False
    app = m.group("app") or ""
    if _TRIGGER.search(app):
        return False  # "The lawyer said his client, John Doe, reported": the role is a clause of its own
    if _NUMBER_IN.search(_AGE_OR_CLOCK.sub(" ", app)):
        return False
    after = re.match(r"\s+(?:the\s+|a\s+)?([\w’'\-]+)", work[m.end() :])
    if after is not None and m.group("v") not in ("told", "tells"):  # "told reporters": who listened
        word = after.group(1)
        if (word[:1].isupper() and word not in CALENDAR_WORDS) or _GENERIC.fullmatch(word):
            return False
    return True


def _x(m: re.Match[str]) -> str:
    """The group an apposed source's name is in: a name, or a body in lower case ("police, who ..., said")."""
    return "x" if m.group("x") is not None or "body" not in m.re.groupindex else "body"


def _next_sentence_source(sentence: str, next_sentence: str, headline: bool) -> list[Attribution]:
    out: list[Attribution] = []
    if headline:
        # Headline convention: "Tokayev: “Over 20,000 armed terrorists”" — the speaker before the colon.
        for m in _HEADLINE_QUOTE.finditer(sentence):
            group = "x" if m.group("x") else "y"
            name = normalise_source(_subject_before_verb(m.group(group)))
            if group == "y" and not (name and _OFFICIAL_SOURCE.search(name)):
                continue  # "US News: ...": a section, not a source; "Sheriff: ...", "Police: ..." are sources
            if name and _plausible(name):
                out.append(Attribution(m.start(group), name, 2, False))  # "Sheriff: shooting kills 1"
        tail = _HEADLINE_TAIL.search(sentence)
        if tail:
            # "Man charged after crash: NYPD", "Quake kills 40: officials": the source after the last colon
            name = normalise_source(tail.group("z"))
            if name and (_OFFICIAL_SOURCE.fullmatch(name.split()[-1]) or _ACRONYM.fullmatch(name)):
                out.append(Attribution(tail.start("z"), name, 2, False))
    if next_sentence:
        nm = _NEXT_SENTENCE.match(next_sentence)
        if nm:
            name = normalise_source(nm.group("x"))
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


# where one clause of a sentence ends and another begins with a source of its own: "Police put the crowd at 3,000
# while organisers claimed 20,000", "Army says 23 militants killed; rebels claim 40"
_SOURCE_CLAUSE = re.compile(
    r";|\s(?:while|whereas)\s|,\s*(?:but|while|whereas)\s|(?<!\s)\s+but\s+(?=[a-z]+\s+(?:say|said|claim))"
)


@lru_cache(maxsize=1024)
def _source_cuts(sentence: str) -> tuple[int, ...]:
    """Where the sentence's clauses with sources of their own begin (once per sentence)."""
    return tuple(m.start() for m in _SOURCE_CLAUSE.finditer(sentence))


def pick_attribution(attrs: list[Attribution], fig_pos: int, sentence: str = "") -> str | None:
    """The source for a figure at `fig_pos` in the sentence: the strongest marker, then the nearest; of the
    sources of the figure's own clause where the sentence has clauses with sources of their own."""
    usable = [a for a in attrs if not a.parenthetical]
    if not usable:
        return None
    if sentence and len(usable) > 1:
        cuts = _source_cuts(sentence)
        if cuts:
            lo = max((c for c in cuts if c <= fig_pos), default=0)
            hi = min((c for c in cuts if c > fig_pos), default=len(sentence) + 1)
            own = [a for a in usable if lo <= a.start < hi]
            usable = own or usable
    best = max(usable, key=lambda a: (a.priority, -abs(a.start - fig_pos)))
    return best.name


# The owner of a share: "Castavia lost 70% of its capacity", "Telvar's 60%", "Brightline has restored 83% of the
# capacity", "99% of their traffic", said by "Teleport CEO Anna Morrow": Castavia, Telvar, Brightline, Teleport.
# One country's 60% is not another's 70%: a figure of one owner is compared with that owner's alone.
_OWNER_NAME = re.compile(
    r"\b(?:[A-Z][\w’'&\-]*[A-Za-z0-9]|[A-Z]{2,6})(?:\s+(?:[A-Z][\w’'&\-]*[A-Za-z0-9]|[A-Z]{2,6})){0,3}"
)
_POSSESSIVE_BEFORE = re.compile(r"(?P<owner>" + _OWNER_NAME.pattern + r")[’']s\s+(?:[a-z\-]+\s+){0,2}$")
_SPEAKER_AFTER = re.compile(
    r"^\s*(?:,[^,]{0,60},\s*)?(?:said|says|say|told|tells|added|estimated|estimates|reported|reports|announced|"
    r"confirmed|claimed" + _NOT_SAYING + r"|stated|believes|thinks|warned|noted)\b"
)
_OWN_PRONOUN_AFTER = re.compile(r"^\s*(?:of|in)\s+(?:its|their|our)\b")
# the owner named after the share: "75% of Castavia's capacity", "half of Telvar's lines"
_POSSESSIVE_AFTER = re.compile(r"^\s*(?:of|in)\s+(?:the\s+)?(?P<owner>" + _OWNER_NAME.pattern + r")[’']s\s")
# a share of a place told again by its kind or a pronoun ("70% of the country's links", "of its traffic"): the
# place that speaks or is the clause's subject
_PLACE_AFTER = re.compile(
    r"^\s*(?:of|in)\s+(?:its\b|the\s+(?:country|nation|state|emirate|kingdom|republic|island|city|province|"
    r"region|territory|town)[’']s\s)"
)
# a clause's subject limited to a place, right before its verb: "Internet services in Veldia were 70% restored"
_SUBJECT_IN_PLACE = re.compile(
    r"^\W*(?:[A-Za-z][\w\-]*\s+){1,4}?in\s+(?P<owner>[A-Z][\w’'\-]+(?:\s+[A-Z][\w’'\-]+)?)\s+"
    r"(?:were|was|is|are|have|has|had|saw|see|sees|fell|dropped|rose|lost|reported)\b[^,;]{0,40}$"
)
# verbs that put a thing at a level ("traffic fell by 30%")
_LEVEL_VERBS = frozenset(
    "dropped fell falls fall rose rises climbed slumped plunged recovered returned stood stands reached jumped "
    "slipped declined increased decreased grew shrank dipped".split()
)


# a clause whose subject is a thing of the owner's, and a verb that puts it at a level: "Castavia's traffic
# dropped to 30%", "Telvar's share of the vote rose by 5%"; or its speaking body: "Castavia's telecoms regulator
# said" (taken only for a share of "the country's" or "its")
_POSSESSIVE_SUBJECT = re.compile(
    r"^\W*(?P<owner>" + _OWNER_NAME.pattern + r")[’']s\s+(?:[a-z\-]+\s+){1,4}?(?:(?:has|had|have)\s+)?"
    r"(?P<verb>" + "|".join(sorted(_LEVEL_VERBS)) + r"|said|says|estimated|reported|announced)\s+"
    r"(?:that\s+)?(?:(?:to|by|at|from)\s+)?(?:[a-z]+\s+){0,2}$"
)
# words a name may open a sentence with that are no owner ("Some 83%", "The company"), capitalised words that open
# an adverbial ("On Tuesday, ...", "Unlike Castavia, Telvar lost ..."), and role words that end the owning body's
# name in an attribution ("Teleport CEO Anna Morrow": Teleport; "Former President ...": no body)
_NOT_OWNERS = frozenset(
    "Some Many Most All Only About Nearly Almost More Less Around Just Over Up Roughly Approximately Summary Update "
    "Updated According Meanwhile However The A An This That These Those It They We He She There But And Then So Yet "
    "Or Also Still Now Here Today Yesterday".split()
)
_OPENERS = frozenset(
    "On By Since Across Why Unlike Like With Without In At For After Before During Despite Although While When Where "
    "As From To Under Through Throughout Amid Among Between Following Until If Once".split()
)
_ROLES = frozenset(
    "CEO CTO CFO COO Chief Managing Director President Spokesman Spokeswoman Spokesperson Head Executive Manager "
    "Chairman Chairwoman Chair Founder Owner Official Officials Minister Secretary Boss Analyst Engineer Former "
    "Acting Deputy Interim Vice Senior Assistant General Mr Mrs Ms Dr".split()
)
# verbs whose subject holds the share that follows ("Castavia lost 45%", "Telvar won 47% of the vote"); the subject
# of any other verb ("Hurricane Milton destroyed 40% of the homes") is a cause, not an owner
_OWNER_VERBS = frozenset(
    "lost loses lose restored restores restore has have had holds held hold owns owned own controls controlled "
    "control won wins win gained gains gain took takes take secured retained got gets received receives kept keeps "
    "carried carries carry handles handled handle accounts accounted recovered recovers regained returned".split()
)


def _owns_what_follows(between: list[str]) -> bool:
    """Whether the words between a possessive and a share keep the share the possessor's: none, a noun ("Telvar's
    vote share of"), a verb of holding or of a level ("Castavia's traffic fell by"); not a verb of doing or saying."""
    return not any(
        (w.endswith("ed") or _SPEAKER_AFTER.match(w)) and w not in _OWNER_VERBS and w not in _LEVEL_VERBS
        for w in between
    )


def _owner_words(name: str) -> str | None:
    words = [re.sub(r"[’']s$", "", w) for w in name.split()]
    while words and words[0] in _NOT_OWNERS:
        words = words[1:]
    if not words or words[0] in _OPENERS or any(w in CALENDAR_WORDS for w in words):
        return None
    return " ".join(words)


def share_owner(
    sentence: str, start: int, end: int, attribution: str | None, is_name: Callable[[str], bool]
) -> str | None:
    """Whose share the figure at sentence[start:end] is: a name owning it ("Castavia's 70%"), the name that is the
    subject of a verb of holding before it ("Brightline has restored 83% of ...", "Telvar won 47%"), or, for "of
    its / their / our ...", the body its source speaks for; None when the sentence names none. A lone capitalised
    word opening the sentence is a name only where `is_name` (the corpus's names, its countries) says so."""
    lead = sentence[max(0, start - 300) : start]  # the owner is named near its share; a hostile run is cut short
    after = sentence[end : end + 200]
    pm = _POSSESSIVE_BEFORE.search(lead[-120:])
    if pm is not None and not _owns_what_follows(lead[pm.end("owner") :].split()[1:]):
        pm = None  # "Hurricane Milo's winds destroyed 40%": a cause; "Ann Ruiz's lawyer said 40%": a speaker
    pm = pm or _POSSESSIVE_AFTER.match(after)
    if pm is not None:
        owner = _owner_words(pm.group("owner"))
        if owner:
            return owner
    sm = _POSSESSIVE_SUBJECT.match(re.split(r"[;:]|,\s*(?:and|but|while)\s", lead)[-1])
    if sm is not None and (sm.group("verb") in _LEVEL_VERBS or _PLACE_AFTER.match(after)):
        owner = _owner_words(sm.group("owner"))
        if owner:
            return owner  # "Castavia's traffic dropped to 30%"; "Castavia's regulator said 70% of its lines"
    clause = re.split(r"[;:]|,\s*(?:and|but|while)\s|\b(?:that|which|who)\s", lead)[-1]
    pm = _SUBJECT_IN_PLACE.match(clause)
    if pm is not None and pm["owner"].split()[0] not in CALENDAR_WORDS | _NOT_OWNERS:
        return pm["owner"]  # "Internet services in Veldia were 70% restored", "users in Dunmoor saw speeds fall by"
    for m in _OWNER_NAME.finditer(clause):
        between = clause[m.end() :].split()
        if _SPEAKER_AFTER.match(clause[m.end() :]) or len(between) > 8:
            continue  # "Anna Morrow said that 99% ...": who said it, not whose it is
        if re.search(r"\b(?:of|to|from|by|with|on|for|in|at|like|unlike)\s+(?:the\s+|an?\s+)?$", clause[: m.start()]):
            continue  # "according to a Brightline update", "by the end of October": not the clause's subject
        if not any(w.strip(",") in _OWNER_VERBS for w in between):
            continue
        owner = _owner_words(m.group(0))
        if owner is None:
            continue
        opening = not clause[: m.start()].strip(' “"‘(')
        if not opening or " " in owner or owner.isupper() or is_name(owner):
            return owner
    if (
        attribution
        and _PLACE_AFTER.match(after)
        and all(w[:1].isupper() and w not in _ROLES for w in attribution.split())
    ):
        return _owner_words(attribution)  # "Castavia said 50% of its traffic": a body by its name alone
    if attribution and _OWN_PRONOUN_AFTER.match(sentence[end:]):
        body = []
        for w in attribution.split():
            w = re.sub(r"[’']s$", "", w)
            if w in _ROLES or not w[:1].isupper():
                break
            body.append(w)
        if body and len(body) < len(attribution.split()):
            return " ".join(body)  # "Teleport CEO Anna Morrow", "a Brightline update": the body, not the person
    return None

"""Counts written without a number: "a woman died", "police arrested the driver", "Deputy Ortiz was shot to death",
"leaving a man wounded", "both women died", "a double murder", "no one was hurt", "no injuries were reported",
"all escaped unharmed".

News states most single deaths and arrests this way, and every zero: a reader counts them, so kzview does. A count
is only read where the person is the one the event happened to: the subject of a passive or of an intransitive
("a woman was killed", "a man died"), or the object of an active verb ("killed a woman"). The agent of an active
verb ("a gunman killed ...") is never counted. All the words come from [implicit] in lexicon.toml.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from kzview.extract.context import CueHit, irrealis
from kzview.extract.lexicon import ImplicitVocab, Lexicon
from kzview.extract.measure import phrases_by_first
from kzview.extract.numbers import WORD_VALUES, Figure, related_word
from kzview.extract.sentences import Token

_AUX = frozenset("was were is are be been being got gets get has have had 's".split())
_FINITE_AUX = frozenset("was were is are got gets has have had".split())  # not "being arrested", "to be arrested"
_SKIP_BEFORE_EVENT = frozenset(
    "was were is are be been being got gets get has have had also later then allegedly reportedly apparently "
    "subsequently eventually immediately eventually still just both reported believed thought said to shot and "
    "found "
    "critically seriously badly fatally slightly mortally not never later quickly finally pronounced declared".split()
)
_BE = frozenset("was were is are be been being got gets get".split())  # a passive's auxiliaries (not "have")
_NEGATION = frozenset({"not", "never"})
_TIME_CLAUSE = frozenset("when after before since until once as while".split())
_PERSON_ENDINGS = ("ioner", "ist", "ian", "ee", "man", "woman", "eer", "ster", "ker", "ver", "der", "ner", "ler")
_NOT_PERSON_ENDINGS = frozenset(
    "whoever however wherever whenever forever together another whether rather either neither further monster "
    "container register corner border powder ladder wonder remainder thunder banner dinner manner answer "
    "christian musician december september november october".split()
)
_PLURAL_AUX = frozenset({"were", "are", "have"})
_VAGUE_STARTS = frozenset("dozens scores hundreds thousands several many some at more nearly about".split())
_PREPOSITIONS = frozenset("of to with by for against in at from near on into onto outside inside".split())
# words a Title Case headline capitalises that are not the object of the verb before them ("Teen Held After Crash")
HEADLINE_LINKS = _PREPOSITIONS | frozenset("after over amid as before following during".split())
_NON_NAMES = frozenset(
    "police the a an he she it they we i you this that there these those officials authorities witnesses "
    "investigators prosecutors detectives when after before since until once as while if but and yet so "
    "yesterday today tonight earlier later meanwhile".split()
)
_BRIDGE_ZERO = frozenset(
    "else other others of the them those was were is are has have had been being be reported believed thought "
    "known to appears appeared seems seemed seriously critically badly immediately yet also in at among".split()
)
_ZERO_MODIFIERS = frozenset(
    "immediate serious other further known reported confirmed additional major reports report word sign signs "
    "indication indications of any damage or and more new".split()
)


def _phrase_at(words: Sequence[str], i: int, phrases: tuple[tuple[str, ...], ...]) -> int:
    """Length of the first (longest) phrase of `phrases` starting at words[i], else 0."""
    if i >= len(words):
        return 0
    for p in phrases_by_first(phrases).get(words[i], ()):
        if tuple(words[i : i + len(p)]) == p:
            return len(p)
    return 0


class _Reader:
    def __init__(self, text: str, tokens: Sequence[Token], lex: Lexicon, headline: bool) -> None:
        self.text = text
        self.tokens = tokens
        self.words = [t.text for t in tokens]
        self.lex = lex
        self.v: ImplicitVocab = lex.implicit
        self.headline = headline

    def cap(self, i: int) -> bool:
        return self.text[self.tokens[i].start].isupper()

    def is_person_head(self, i: int) -> bool:
        w = self.words[i]
        if w in self.v.singular or w.split("-")[-1] in self.v.singular or related_word(w, self.v.relations):
            return True
        if w in _GROUP_NOUNS and not (i + 1 < len(self.words) and self.words[i + 1] == "of"):
            return True  # "police arrested the pair" (not "a couple of men")
        if i > 0 and f"{self.words[i - 1]} {w}" in self.v.singular:
            return True
        # nouns for people by their ending ("pensioner", "cyclist", "pedestrian", "trainee", "fireman"), read only
        # next to an event word, where a thing is rarely what was killed or arrested
        return len(w) >= 6 and w.isalpha() and w.endswith(_PERSON_ENDINGS) and w not in _NOT_PERSON_ENDINGS

    def size(self, i: int) -> int:
        """How many people a person noun stands for: "the pair" two, "a trio" three, any other one."""
        return _GROUP_NOUNS.get(self.words[i], 1)

    def is_name(self, i: int) -> bool:
        w = self.words[i]
        if not self.cap(i) or not w[0].isalpha() or w in _NON_NAMES or w in self.lex.people:
            return False
        return w not in self.v.singular and not self.lex.match_cues(self.words, i)

    def relation_head(self, j: int) -> int | None:
        """The person a "mother of two" ending at token j names ("the mother of two died"): the index of
        "mother"; the number counts her children, not the event's toll."""
        w = self.words
        for n in range(j, max(1, j - 3), -1):  # "a father of three young children": the number, then its nouns
            if not (w[n][:1].isdigit() or w[n] in WORD_VALUES):
                continue
            if not all(x.isalpha() and not self.cap(i) for i, x in enumerate(w[n + 1 : j + 1], n + 1)):
                return None
            for p in self.v.relations:
                if n >= len(p) and tuple(w[n - len(p) : n]) == p and self.is_person_head(n - len(p)):
                    return n - len(p)
            return None
        return None

    def elided_subject(self, j: int) -> tuple[int, int] | None:
        """The subject of the clause before the "and"/"but" at token j, when the clause after it has none of its
        own ("The driver fled the scene but was arrested"): (first token, value). Only a person phrase that opens
        the sentence (or the part after a semicolon) and is followed by its verb."""
        w = self.words
        k = j - 1
        while k >= 0 and w[k] not in (";", ":", "“", '"'):
            if w[k] in ("and", "but", "or") or w[k] in _TIME_CLAUSE or w[k] in ("who", "which", "that"):
                return None  # one clause before, no more: "the man who hit him fled but ..." is not read
            k -= 1
        s = k + 1
        for h in range(s, min(j - 1, s + 6)):
            found = self.np_left(h)
            if found is None or found[0] != s:
                continue
            verb = w[h + 1]
            if verb in _AUX or (
                verb.isalpha()
                and not self.cap(h + 1)
                and verb not in _PREPOSITIONS | self.v.determiners | _NON_NAMES | _TIME_CLAUSE
                and not self.is_person_head(h + 1)
            ):
                return found  # "The man stole a car and was arrested": a verb (irregular ones too) after it
            return None
        return None

    def np_left(self, j: int) -> tuple[int, int] | None:
        """The person noun phrase ending at token j: (first token, value)."""
        w = self.words
        if j < 0:
            return None
        related = self.relation_head(j)
        if related is not None:
            return self.np_left(related)
        k = j + 1
        while k < len(w) and w[k].endswith("ly"):
            k += 1  # "and another seriously wounded"
        if (
            w[j] == "another"
            and j > 0
            and w[j - 1] in ("and", ",")
            and not (k + 1 < len(w) and _names_a_thing(w[k + 1]))
        ):
            return j, 1  # "two people were killed and another wounded": one more (not "another injured player")
        if self.is_person_head(j) or (w[j] in self.v.ordinals and j > 0 and w[j - 1] in self.v.determiners):
            k = j - 1
            while k >= 0 and j - k <= 5:
                if w[k] in self.v.determiners:
                    return k, self.size(j)
                if not (w[k][0].isalpha() or "-" in w[k]) or w[k] in _AUX or w[k] in ("and", "or", "of", "by"):
                    break
                k -= 1
            if self.headline and (k < 0 or not w[k][0].isalpha()):
                return k + 1, 1  # "Woman Killed In Queens": headlines drop the article
            return None
        if self.is_name(j):
            k = j
            while k - 1 >= 0 and (self.is_name(k - 1) or w[k - 1] in self.v.titles):
                k -= 1
            titled = w[k] in self.v.titles or (k > 0 and self.is_person_head(k - 1))
            if k > 0 and self.is_person_head(k - 1):
                k -= 1  # "bishop Tom Hale"
            # "Ann Ruiz and Tom Hale were arrested": one person a name
            names = 1
            m = k - 1
            while not self.headline and m > 0 and w[m] in ("and", ",") and names < 6:
                n = m - 1
                if not self.is_name(n):
                    break
                while n - 1 >= 0 and (self.is_name(n - 1) or w[n - 1] in self.v.titles):
                    n -= 1
                names += 1
                titled = titled or w[n] in self.v.titles  # "Sergeant Ruiz and Corporal Hale": people by role
                k, m = n, n - 1
            if names == 1 and not titled:
                # a bare name ("Orozco was arrested") is a person's fate, told again and again, not a count:
                # counting them raised tuned recall by 0.02 and dropped held-out precision from 0.73 to 0.59; counted
                # once per article (the first telling), it still dropped to 0.55 (measured in the held-out floor
                # test, and so not counted)
                return None
            counted = "both" in w[max(0, k - 1) : k + 1] or "both" in w[j + 1 : j + 3]  # "Ruiz and Hale were both"
            if not titled and not counted:  # (a capital "Both" is read as a name)
                # bare names in a list ("Ruiz and Hale died") are as many fates told by name, not a count, unless
                # the text counts them ("both Ruiz and Hale were arrested"): counted, they were spurious in every
                # gold that has them (tuned precision 0.90 -> 0.92, held out 0.70 -> 0.72)
                return None
            return k, names
        return None

    def _coordinated(self, k: int) -> tuple[int, int]:
        """The last token and count of "his mother, 58, and sister" from its first head at k."""
        w, n, count = self.words, len(self.words), self.size(k)
        while True:
            j = k + 1
            if j + 2 < n and w[j] == "," and w[j + 2] == "," and w[j + 1][:1].isdigit():
                j += 3  # an age between commas
            if j < n and w[j] == "and":
                m = j + 1
                if m < n and w[m] in self.v.determiners:
                    m += 1
                if m < n and self.is_person_head(m):
                    k, count = m, count + 1
                    continue
            return k, count

    def np_right(self, i: int) -> tuple[int, int] | None:
        """The person noun phrase starting at token i: (last token, value)."""
        w = self.words
        n = len(w)
        if i >= n:
            return None
        if w[i] in ("himself", "herself"):
            return i, 1
        if w[i] in self.v.multiples and i + 1 < n and (w[i + 1] in self.lex.people or w[i + 1] == "of"):
            return i + 1, self.v.multiples[w[i]]
        if self.headline and w[i] not in self.v.determiners:
            for k in range(i, min(n, i + 7)):
                if self.is_person_head(k):
                    return self._coordinated(k)  # "Gunman Kills N.J. Guard", "Police Arrest Drunk Driver"
                if w[k] == "." and k > i and re.fullmatch(r"(?:[a-z]\.)*[a-z]", w[k - 1]):
                    continue  # the last dot of an initialism: "L.A.", "U.S."
                if not self.cap(k):
                    return None
            return None
        if w[i] in self.v.determiners:
            if w[i] == "one" and (i + 1 >= n or not w[i + 1][0].isalpha() or w[i + 1] in ("and", "or", "in", "at")):
                return i, 1  # "killing one, at an accounting firm"
            for k in range(i + 1, min(n, i + 6)):
                if self.is_person_head(k):
                    return self._coordinated(k)  # "his mother and sister": two
                if w[k] in self.v.ordinals and (k + 1 >= n or not self.is_person_head(k + 1)):
                    return k, 1  # "critically injuring a third"
                if not (w[k][0].isalpha() or "-" in w[k]) or w[k] in _AUX or w[k] in ("of", "and", "or", "by"):
                    return None
            return None
        return None


def _verb_before(word: str) -> bool:
    """Whether a word before a person phrase is a verb it is the object of ("punched", "chased", "hit")."""
    return word.isalpha() and (word.endswith("ed") or word in _OBJECT_VERBS) and word not in _AUX


_GROUP_NOUNS = {"pair": 2, "duo": 2, "couple": 2, "trio": 3}
_OBJECT_VERBS = frozenset("hit shot struck stabbed beat bit caught fought held met saw took told left".split())


def _names_a_thing(word: str) -> bool:
    """Whether a word after a participle is a noun it describes ("another injured player"), not what goes on the
    clause ("another wounded in the attack", "another wounded, police said", "another critically hurt")."""
    return (
        word.isalpha()
        and word not in _PREPOSITIONS
        and word not in HEADLINE_LINKS
        and word not in _TIME_CLAUSE
        and word not in ("and", "or", "but", "by", "when", "while", "then", "too", "also", "later", "earlier")
        and not word.endswith("ly")
    )


def last_word_is_verb(word: str) -> bool:
    return word.endswith(("ed", "ing", "s", "en")) or word in ("kill", "hurt", "injure", "wound", "arrest", "detain")


def last_word_is_participle(word: str) -> bool:
    return word.endswith(("ed", "en")) or word in (
        "hurt",
        "slain",
        "dead",
        "shot",
        "missing",
        "custody",
        "down",
        "held",
    )


def _skip_apposition_left(words: Sequence[str], j: int) -> int:
    """Step left over up to two ", ... ," appositions ("Raj Chohan, 59, was killed")."""
    for _ in range(3):
        if j >= 0 and words[j] == ",":
            k = j - 1
            while k >= 0 and j - k <= 12 and words[k] != ",":
                k -= 1
            if k >= 0 and words[k] == ",":
                j = k - 1
                continue
        elif j >= 1 and words[j][:1].isdigit() and words[j - 1] == ",":
            j -= 2  # "Deputy Ortiz, 35, with the gang unit, was killed": the age, then the phrase
            continue
        break
    return j


def _figure(tokens: Sequence[Token], a: int, b: int, value: int, topic: str, individual: bool) -> Figure:
    s, e = tokens[a].start, tokens[b].end
    return Figure(
        s,
        e,
        s,
        e,
        float(value),
        float(value),
        False,
        None,
        "count",
        None,
        spelled=True,
        value=float(value),
        topic=topic,
        individual=individual,
    )


def find_implicit(
    text: str,
    tokens: Sequence[Token],
    hits: Sequence[CueHit],
    lex: Lexicon,
    taken: Sequence[tuple[int, int]],
    headline: bool = False,
) -> list[Figure]:
    """The counts without a number in one sentence (`tokens`, `hits` as find_cues gives them), never overlapping
    the spans in `taken` (the figures written with numbers) or each other."""
    v = lex.implicit
    if not v.topics or not tokens:
        return []
    r = _Reader(text, tokens, lex, headline)
    w = r.words
    out: list[Figure] = []
    used: list[tuple[int, int]] = [(s, e) for s, e in taken]

    def free(a: int, b: int) -> bool:
        s, e = tokens[a].start, tokens[b].end
        return all(e <= us or s >= ue for us, ue in used)

    def add(a: int, b: int, value: int, topic: str, individual: bool = False) -> None:
        if a <= b and free(a, b):
            out.append(_figure(tokens, a, b, value, topic, individual))
            used.append((tokens[a].start, tokens[b].end))

    _zeros(r, add)
    for h in hits:
        if h.cue.role != "event" or h.cue.topic not in v.topics or irrealis(w, h.start):
            continue  # "to kill another man", "recommended that he die": what did not happen is no count
        topic = h.cue.topic
        # The one it happened to, before the event word: "a woman has died", "the driver was arrested".
        j = h.start - 1
        skipped: set[str] = set()
        while j >= 0 and (w[j] in _SKIP_BEFORE_EVENT or (w[j] == "the" and j > 0 and w[j - 1] == "among")):
            if w[j] == "the":
                skipped.add("among")  # "a 14-year-old girl was among the dead": one of them, at least one
                j -= 1
            skipped.add(w[j])
            j -= 1
        event_at = j + 1  # where the event's own words start ("was killed"), before any apposition
        j = _skip_apposition_left(w, j)
        participle = last_word_is_participle(h.cue.words[-1])
        # "with a third employee wounded in the attack": a participle with no object after it is passive
        no_object = h.end >= len(w) or not (
            w[h.end] in v.determiners
            or w[h.end][:1].isdigit()
            or w[h.end] in WORD_VALUES
            or w[h.end] in _VAGUE_STARTS
            or (r.cap(h.end) and not (headline and w[h.end] in HEADLINE_LINKS))
            or w[h.end] in ("himself", "herself")
            or w[h.end] in v.multiples
        )
        passive = (
            bool(skipped & _BE)
            or (bool(skipped & _AUX) and no_object)  # "has died", "had fled"; "has shot dead a man" is active
            or "among" in skipped
            or _phrase_at(w, h.start, v.intransitive) > 0
            or (participle and no_object)
        )
        left = r.np_left(j) if passive else None
        if left is not None and skipped & {"and", "but"} and left[0] > 0 and _verb_before(w[left[0] - 1]):
            left = None  # "a man punched a police officer and was arrested": the officer is the object, not him
        span = None  # where the figure's words start, when not at its subject's first word
        if left is not None and (r.relation_head(j) is not None or related_word(w[j], v.relations)):
            span = event_at  # "the mother of two died", "a mother-of-two, 34, died": "died" (the "two" is a figure
            # of its own)
        elif left is None and passive and not headline and skipped & _FINITE_AUX and not skipped & _NEGATION:
            # "The driver fled the scene but was arrested": the subject of the clause before ("was arrested")
            conj = next((i for i in range(h.start - 1, max(j, 0) - 1, -1) if w[i] in ("and", "but")), None)
            if conj is not None and conj > 0 and w[conj + 1] in _FINITE_AUX:
                left = r.elided_subject(conj - 1 if w[conj - 1] == "," else conj)
                span = conj + 1
                if left is not None and any(
                    o.cue.role == "event" and o.cue.topic in v.topics and left[0] <= o.start < conj for o in hits
                ):
                    left = None  # "was detained ... and was later arrested": one person, counted where first told
        if left is not None and not (j + 1 < len(w) and w[j + 1] == "'s"):
            a, value = left
            if value == 1 and h.cue.words in (("die",), ("kill",)) and not headline:
                continue  # "a recommendation that the killer die": one person and a bare "die" is a wish, not news
            if a > 0 and w[a - 1] in _TIME_CLAUSE:
                continue  # "when the driver was arrested, police found ...": takes the arrest as known, a retelling
            if a > 0 and w[a - 1] in _PREPOSITIONS:
                left = None  # "leaders of a community in western Canada have been arrested": not the subject
            elif value == 1 and skipped & _PLURAL_AUX:
                left = None  # "... the sect were arrested": a plural subject this phrase is only part of
            else:
                negated = bool(skipped & _NEGATION)
                add(a if span is None else span, h.end - 1, 0 if negated else value, topic, not negated)
                continue
        # The one it happened to, after an active verb: "killed a woman", "arrested the driver".
        i = h.end
        last = h.cue.words[-1]
        if not last_word_is_verb(last) or (i < len(w) and w[i] == "of"):
            continue  # "the murder of a peace officer": a charge's or a restatement's words, not a count
        if skipped & _BE:
            continue  # passive: what follows is the agent ("was killed by a drunk driver"); "have arrested" is not
        right = r.np_right(i)
        if right is not None:
            b, value = right
            add(h.start, b, value, topic, w[i] not in v.multiples)
    _results_and_multiples(r, add)
    _injured(r, add)
    out.sort(key=lambda f: f.start)
    return out


def _event_after(r: _Reader, j: int, reach: int, bridge: frozenset[str]) -> tuple[int, str] | None:
    """The person event word after token j, past up to `reach` bridge words: (its last token, its topic)."""
    w, n = r.words, len(r.words)
    start = j
    while j < n and j - start < reach and w[j] in bridge:
        j += 1
    cues = r.lex.match_cues(list(w), j) if j < n else []
    cue = next((c for c in cues if c.role == "event" and c.topic in r.v.topics), None)
    return (j + len(cue.words) - 1, cue.topic) if cue is not None else None


def _zeros(r: _Reader, add) -> None:  # noqa: ANN001 - the closure of find_implicit
    w, v = r.words, r.v
    n = len(w)
    for i in range(n):
        k = _phrase_at(w, i, v.zero_words)
        if k:
            found = _event_after(r, i + k, 8 - k, _BRIDGE_ZERO)
            if found is not None:
                # "no one else was hurt" adds none to those told before: a floor, never a rival total of zero
                add(i, found[0], 0, found[1], i + k < n and w[i + k] == "else")
            continue
        if w[i] == "no":
            j = i + 1
            while j < n and j - i < 6 and w[j] in _ZERO_MODIFIERS and w[j] not in v.zero_nouns:
                j += 1
            # "no other injuries", "no further deaths", "no more arrests": none beyond those told
            beyond = any(x in v.increment_after or x == "other" for x in w[i + 1 : j])
            if j < n and w[j] in v.zero_nouns:
                add(i, j, 0, v.zero_nouns[w[j]], beyond)
            elif j < n and (w[j] in v.zero_nouns_needing_a_cue or w[j] in r.lex.people and w[j].endswith("s")):
                # "no suspects have been taken into custody", "No officers were injured", "no firefighters were
                # seriously hurt": none of them (not "no hospitals were damaged": no people)
                found = _event_after(r, j + 1, 5, _BRIDGE_ZERO | {"taken", "placed"})
                if found is not None:
                    add(i, found[0], 0, found[1], beyond)  # "no suspects have been taken into custody"
            continue
        k = _phrase_at(w, i, v.everyone)
        if k:
            for j in range(i + k, min(n, i + k + 8)):
                u = _phrase_at(w, j, v.unharmed)
                if u:
                    # "All 12 workers escaped unharmed": the 12 is a figure of its own; the zero is "unharmed"
                    numbered = any(x[:1].isdigit() or x in WORD_VALUES for x in w[i:j])
                    # "all but the driver escaped unharmed": none of the others, beside the one told apart
                    all_but = i + k < n and w[i + k] == "but"
                    add(j if numbered else i, j + u - 1, 0, "injuries", all_but)
                    break
                if w[j] in (".", ";", ":"):
                    break


def _injury_noun_after(r: _Reader, i: int) -> int | None:
    """The injury noun a few describing words after token i ("serious head injuries", "life-threatening wounds")."""
    w = r.words
    for k in range(i, min(len(w), i + 4)):
        if w[k] in r.v.injury_nouns:
            return k
        if not (w[k].isalpha() or "-" in w[k]) or w[k] in _PREPOSITIONS or w[k] in ("and", "or", "no", "but"):
            return None
    return None


def _hurt(words: Sequence[str], i: int, noun: int) -> str:
    """ "fatal injuries" are a death (UK police wording), any other injuries an injury."""
    return "deaths" if any(w in ("fatal", "mortal", "fatally") for w in words[i:noun]) else "injuries"


def _injured(r: _Reader, add) -> None:  # noqa: ANN001 - the closure of find_implicit
    """ "A woman suffered serious injuries", "the pilot escaped with minor injuries" (the one before the verb), "police
    found a man with stab wounds", "the blast left a woman with burns" (the one after it): one hurt each."""
    w, v = r.words, r.v
    for i in range(len(w)):
        k = _phrase_at(w, i, v.injury_verbs)
        if k:
            noun = _injury_noun_after(r, i + k)
            j = i - 1
            while j >= 0 and w[j] in ("also", "reportedly", "allegedly", "apparently", "had", "has", "have"):
                j -= 1
            j = _skip_apposition_left(w, j)
            left = r.np_left(j) if noun is not None else None
            if left is None and noun is not None and j > 0 and w[j] in ("and", "but"):
                left = r.elided_subject(j)  # "another deputy fell and suffered a minor injury"
            if (
                noun is not None
                and left is not None
                and not (left[0] > 0 and w[left[0] - 1] in _PREPOSITIONS | _TIME_CLAUSE)
            ):
                add(left[0], noun, left[1], _hurt(w, i + k, noun), True)
        elif w[i] in v.finding_verbs and not r.headline:
            right = r.np_right(i + 1)
            if right is not None and right[0] + 1 < len(w) and w[right[0] + 1] == "with":
                noun = _injury_noun_after(r, right[0] + 2)
                if noun is not None:
                    add(i, noun, right[1], _hurt(w, right[0] + 2, noun), True)


def _results_and_multiples(r: _Reader, add) -> None:  # noqa: ANN001
    w, v, lex = r.words, r.v, r.lex
    n = len(w)
    for i in range(n):
        if w[i] == "body" and i + 2 < n and w[i + 1] == "of" and i > 0 and w[i - 1] in ("the", "a"):
            right = r.np_right(i + 2)
            if right is not None and right[1] == 1:
                add(i - 1, right[0], 1, "deaths", True)  # "rescuers found the body of a third climber"
            continue
        if w[i] in v.result_verbs:
            right = r.np_right(i + 1)
            if right is not None:
                b, value = right
                if b + 1 < n and w[b + 1] in v.results:
                    add(i, b + 1, value, v.results[w[b + 1]], True)  # "leaving a man wounded"
        elif "-" in w[i] and w[i].split("-")[0] in v.multiples and w[i].split("-")[1] in v.multiple_nouns:
            first, second = w[i].split("-")[:2]
            add(i, i, v.multiples[first], v.multiple_nouns[second])  # "a double-murder charge"
        elif w[i] in v.multiples and i + 1 < n:
            value = v.multiples[w[i]]
            if w[i + 1] in v.multiple_nouns:
                add(i, i + 1, value, v.multiple_nouns[w[i + 1]])  # "a double murder"
            elif w[i + 1] in lex.people or (w[i + 1] == "of" and i + 2 < n and w[i + 2] in ("them", "whom")):
                j = i + (3 if w[i + 1] == "of" else 2)
                found = _event_after(r, j, 6 - (j - i), _SKIP_BEFORE_EVENT)
                if found is not None:
                    add(i, found[0], value, found[1])  # "both women died"

"""The vocabulary extraction reads: topics, subjects, qualifiers, vague quantities, countries.

All of it lives in data files under `kzview/data/` so a user can extend it without touching code; a user file
given with `--lexicon` / `--qualifiers` is merged over the shipped one.
"""

from __future__ import annotations

import hashlib
import json
import tomllib
from dataclasses import dataclass, field
from functools import cache
from importlib import resources
from pathlib import Path
from typing import Any

Bound = float | None  # a factor of the written figure, or None for unbounded


@dataclass(frozen=True)
class Cue:
    words: tuple[str, ...]
    topic: str
    role: str  # "event" or "noun"
    priority: int
    scope: str | None = None
    not_before: frozenset[str] = frozenset()  # words that, next after the phrase, make it no cue ("were at large")
    not_after: frozenset[str] = frozenset()  # words that, right before the phrase, make it no cue ("escaped death")
    # when given, the phrase is a cue only after one of these words or a number ("150 lives", "lost their lives";
    # not the verb of "a community of 5,000 lives in tents")
    only_after: frozenset[str] = frozenset()


_NUMBER_WORDS = frozenset(
    "one two three four five six seven eight nine ten eleven twelve thirteen fourteen fifteen sixteen seventeen "
    "eighteen nineteen twenty thirty forty fifty sixty seventy eighty ninety hundred hundreds thousand thousands "
    "million millions dozen dozens scores lakh crore".split()
)


def _numeric(word: str) -> bool:
    """A number as a word of the sentence: "150", "1,100", "6.9m", "three", "thousands"."""
    return word[:1].isdigit() or word in _NUMBER_WORDS or word.split("-")[-1] in _NUMBER_WORDS


def _of_a_whole(words: list[str], j: int) -> bool:
    """Whether the number ending at words[j] follows "of" after a noun that is no loss ("a family of six", "a
    population of 20,000"; not "the loss of 300 lives")."""
    k = j
    while k > 0 and (words[k][:1].isdigit() or words[k] in (",", ".") or words[k] in _NUMBER_WORDS):
        k -= 1
    return words[k] == "of" and k > 0 and words[k - 1] not in ("loss", "cost", "toll", "deaths", "number")


@dataclass(frozen=True)
class Qualifier:
    phrase: str
    rule: str
    low: Bound
    high: Bound
    approximate: bool


@dataclass(frozen=True)
class ImplicitVocab:
    """Words for counts written without a number (see [implicit] in lexicon.toml)."""

    topics: frozenset[str] = frozenset()
    singular: frozenset[str] = frozenset()
    determiners: frozenset[str] = frozenset()
    ordinals: frozenset[str] = frozenset()
    titles: frozenset[str] = frozenset()
    intransitive: tuple[tuple[str, ...], ...] = ()
    result_verbs: frozenset[str] = frozenset()
    results: dict[str, str] = field(default_factory=dict)
    multiples: dict[str, int] = field(default_factory=dict)
    multiple_nouns: dict[str, str] = field(default_factory=dict)
    zero_words: tuple[tuple[str, ...], ...] = ()
    zero_nouns: dict[str, str] = field(default_factory=dict)
    zero_nouns_needing_a_cue: frozenset[str] = frozenset()
    unharmed: tuple[tuple[str, ...], ...] = ()
    everyone: tuple[tuple[str, ...], ...] = ()
    relations: tuple[tuple[str, ...], ...] = ()
    any_object: frozenset[str] = frozenset()
    toll_nouns: frozenset[str] = frozenset()
    escaped: tuple[tuple[str, ...], ...] = ()
    increment_after: frozenset[str] = frozenset()
    increment_before: tuple[tuple[str, ...], ...] = ()
    headline_events: dict[str, str] = field(default_factory=dict)  # "Son held after fire": held is arrested
    restated: frozenset[str] = frozenset()  # "police put the figure at 12,000": the count told before, again
    record_before: frozenset[str] = frozenset()  # "14 prior arrests": a person's record, not this event's count
    record_nouns: frozenset[str] = frozenset()
    # "a woman suffered serious injuries", "police found a man with stab wounds": one hurt, no number
    injury_verbs: tuple[tuple[str, ...], ...] = ()
    finding_verbs: frozenset[str] = frozenset()
    injury_nouns: frozenset[str] = frozenset()


def _implicit(data: dict[str, Any]) -> ImplicitVocab:
    def phrases(key: str) -> tuple[tuple[str, ...], ...]:
        return tuple(sorted((tuple(p.lower().split()) for p in data.get(key, [])), key=len, reverse=True))

    return ImplicitVocab(
        topics=frozenset(data.get("topics", [])),
        singular=frozenset(w.lower() for w in data.get("singular", [])),
        determiners=frozenset(data.get("determiners", [])),
        ordinals=frozenset(data.get("ordinals", [])),
        titles=frozenset(w.lower() for w in data.get("titles", [])),
        intransitive=phrases("intransitive"),
        result_verbs=frozenset(data.get("result_verbs", [])),
        results=dict(data.get("results", {})),
        multiples={k: int(v) for k, v in data.get("multiples", {}).items()},
        multiple_nouns=dict(data.get("multiple_nouns", {})),
        zero_words=phrases("zero_words"),
        zero_nouns=dict(data.get("zero_nouns", {})),
        zero_nouns_needing_a_cue=frozenset(data.get("zero_nouns_needing_a_cue", [])),
        unharmed=phrases("unharmed"),
        everyone=phrases("everyone"),
        relations=phrases("relations"),
        any_object=frozenset(data.get("any_object", [])),
        toll_nouns=frozenset(data.get("toll_nouns", [])),
        escaped=phrases("escaped"),
        increment_after=frozenset(data.get("increment_after", [])),
        increment_before=phrases("increment_before"),
        headline_events={k.lower(): v for k, v in data.get("headline_events", {}).items()},
        restated=frozenset(w.lower() for w in data.get("restated", [])),
        record_before=frozenset(w.lower() for w in data.get("record_before", [])),
        record_nouns=frozenset(w.lower() for w in data.get("record_nouns", [])),
        injury_verbs=phrases("injury_verbs"),
        finding_verbs=frozenset(w.lower() for w in data.get("finding_verbs", [])),
        injury_nouns=frozenset(w.lower() for w in data.get("injury_nouns", [])),
    )


@dataclass
class Lexicon:
    cues: dict[str, list[Cue]] = field(default_factory=dict)  # first word -> cues, longest first
    topic_kinds: dict[str, tuple[str, ...]] = field(default_factory=dict)
    cumulative: dict[str, bool] = field(default_factory=dict)
    # topics whose event words count only their own nouns or an elided one ("sent 300 troops", "sent 300", never
    # "sent 40 officers" or "200 workers were sent home")
    noun_bound: set[str] = field(default_factory=set)
    subjects: dict[tuple[str, ...], str] = field(default_factory=dict)
    people: frozenset[str] = frozenset()
    past_verbs: frozenset[str] = frozenset()  # irregular past verbs: they end a noun phrase ("50 firemen fought")
    ing_modifiers: frozenset[str] = frozenset()  # -ing words of compounds ("two fishing boats"), never participles
    place_adverbs: frozenset[str] = frozenset()  # "aboard", "ashore": they end the noun phrase after a figure
    prefixes: list[Qualifier] = field(default_factory=list)  # longest first
    suffixes: list[Qualifier] = field(default_factory=list)
    vague: dict[str, tuple[int, int]] = field(default_factory=dict)
    rounding_share: float = 0.05
    reach_verbs: frozenset[str] = frozenset()  # "bringing the toll up to 45": "up to" is the level reached
    reach_phrases: frozenset[str] = frozenset()
    countries: frozenset[str] = frozenset()
    implicit: ImplicitVocab = field(default_factory=ImplicitVocab)
    measures: Any = None  # kzview.extract.measure.MeasureVocab (measures.toml)
    fingerprint: str = ""  # changes when any vocabulary changes: cached claims are then re-extracted
    files: tuple[Path | None, Path | None] = (None, None)  # user files merged in, to rebuild it in a worker

    def compile(self) -> None:
        """One regex per qualifier side and for vague quantities, longest phrase first."""
        import re

        def alt(phrases: list[str]) -> str:
            return "|".join(re.escape(p) for p in sorted(phrases, key=len, reverse=True))

        self.prefix_by_phrase = {q.phrase: q for q in self.prefixes}
        self.suffix_by_phrase = {q.phrase: q for q in self.suffixes}
        # the leftmost match that ends at the end of the text before the figure is the longest phrase there
        # a qualifier never reaches across a line break ("more than\n5,000" in a list is two lines)
        self.prefix_rx = re.compile(r"(?:^|[^\w])(?P<q>" + alt(list(self.prefix_by_phrase)) + r")[ \t\u00a0]+$")
        self.suffix_rx = re.compile(r"[ \t\u00a0-]*(?P<q>" + alt(list(self.suffix_by_phrase)) + r")(?!\w)")
        self.vague_rx = re.compile(r"\b(?:" + alt(list(self.vague)) + r")\b", re.IGNORECASE)

    def match_cue(self, words: list[str], i: int) -> Cue | None:
        """The longest cue starting at words[i], if any."""
        found = self.match_cues(words, i)
        return found[0] if found else None

    def match_cues(self, words: list[str], i: int) -> list[Cue]:
        """Every cue of the longest phrase starting at words[i] ("lost" is a death for people, a loss for money)."""
        out: list[Cue] = []
        for cue in self.cues.get(words[i], ()):
            n = len(cue.words)
            if out and n < len(out[0].words):
                break
            if tuple(words[i : i + n]) == cue.words:
                if cue.not_before and i + n < len(words) and words[i + n] in cue.not_before:
                    continue  # "were at large", "were at least 40 families": not the phrase the cue means
                if cue.not_after and i > 0 and words[i - 1] in cue.not_after:
                    continue  # "narrowly escaped death", "cheated death": the death did not happen
                if cue.only_after and i > 0 and not (words[i - 1] in cue.only_after or _numeric(words[i - 1])):
                    continue  # (a phrase at the start of what is matched has nothing before it to go by)
                if cue.only_after and i > 0 and _numeric(words[i - 1]) and _of_a_whole(words, i - 1):
                    continue  # "a community of 5,000 lives in tents": the verb of what the number counts
                out.append(cue)
        return out

    def match_subject(self, words: list[str]) -> str | None:
        """The subject named by the longest phrase found anywhere in `words`."""
        if not hasattr(self, "_subject_index"):
            index: dict[str, list[tuple[tuple[str, ...], str]]] = {}
            for phrase, subject in self.subjects.items():
                index.setdefault(phrase[0], []).append((phrase, subject))
            self._subject_index = index
        best: tuple[int, str] | None = None
        for i, w in enumerate(words):
            for phrase, subject in self._subject_index.get(w, ()):
                n = len(phrase)
                if tuple(words[i : i + n]) == phrase and (best is None or n > best[0]):
                    best = (n, subject)
        return best[1] if best else None


def _read(name: str) -> dict[str, Any]:
    return tomllib.loads(resources.files("kzview.data").joinpath(name).read_text("utf-8"))


def _merge(base: dict[str, Any], extra: dict[str, Any]) -> dict[str, Any]:
    out = dict(base)
    for key, value in extra.items():
        if isinstance(value, dict) and isinstance(out.get(key), dict):
            out[key] = _merge(out[key], value)
        elif isinstance(value, list) and isinstance(out.get(key), list):
            out[key] = out[key] + [v for v in value if v not in out[key]]
        else:
            out[key] = value
    return out


def _bound(v: Any) -> Bound:
    return None if v in ("null", None) else float(v)


def build_lexicon(lexicon_data: dict[str, Any], qualifier_data: dict[str, Any], countries: list[str]) -> Lexicon:
    lex = Lexicon()
    for topic, spec in lexicon_data.get("topics", {}).items():
        prio = int(spec.get("priority", 0))
        lex.topic_kinds[topic] = tuple(spec.get("kinds", ["count"]))
        lex.cumulative[topic] = bool(spec.get("cumulative", False))
        if spec.get("noun_bound", False):
            lex.noun_bound.add(topic)
        scoped = spec.get("scoped", {})
        not_before = {k.lower(): frozenset(w.lower() for w in v) for k, v in spec.get("not_before", {}).items()}
        not_after = {k.lower(): frozenset(w.lower() for w in v) for k, v in spec.get("not_after", {}).items()}
        only_after = {k.lower(): frozenset(w.lower() for w in v) for k, v in spec.get("only_after", {}).items()}
        for role in ("event", "noun"):
            for phrase in spec.get(role, []):
                words = tuple(phrase.lower().split())
                cue = Cue(
                    words,
                    topic,
                    role,
                    prio,
                    scoped.get(phrase),
                    not_before.get(phrase.lower(), frozenset()),
                    not_after.get(phrase.lower(), frozenset()),
                    only_after.get(phrase.lower(), frozenset()),
                )
                lex.cues.setdefault(words[0], []).append(cue)
    for cues in lex.cues.values():
        cues.sort(key=lambda c: (-len(c.words), -c.priority))
    for subject, phrases in lexicon_data.get("subjects", {}).items():
        for phrase in phrases:
            lex.subjects[tuple(phrase.lower().split())] = subject
    people = set(lexicon_data.get("people", {}).get("nouns", []))
    for phrase in lex.subjects:
        people.add(phrase[-1])
    for cues in lex.cues.values():
        for cue in cues:
            if cue.role == "noun" and len(cue.words) == 1:
                people.add(cue.words[0])
    lex.people = frozenset(people)
    lex.past_verbs = frozenset(w.lower() for w in lexicon_data.get("people", {}).get("past_verbs", []))
    lex.ing_modifiers = frozenset(w.lower() for w in lexicon_data.get("people", {}).get("ing_modifiers", []))
    lex.place_adverbs = frozenset(w.lower() for w in lexicon_data.get("people", {}).get("place_adverbs", []))
    lex.implicit = _implicit(lexicon_data.get("implicit", {}))

    for side, target in (("prefix", lex.prefixes), ("suffix", lex.suffixes)):
        for rule, spec in qualifier_data.get(side, {}).items():
            for phrase in spec["phrases"]:
                target.append(
                    Qualifier(phrase.lower(), rule, _bound(spec["low"]), _bound(spec["high"]), spec["approximate"])
                )
        target.sort(key=lambda q: -len(q.phrase))
    lex.vague = {k.lower(): (int(v[0]), int(v[1])) for k, v in qualifier_data.get("vague", {}).items()}
    lex.rounding_share = float(qualifier_data.get("rounding", {}).get("max_share", 0.05))
    reach = qualifier_data.get("reach", {})
    lex.reach_verbs = frozenset(w.lower() for w in reach.get("verbs", []))
    lex.reach_phrases = frozenset(w.lower() for w in reach.get("phrases", []))
    lex.countries = frozenset(countries)
    lex.compile()
    return lex


def _countries() -> list[str]:
    text = resources.files("kzview.data").joinpath("countries.txt").read_text("utf-8")
    return [line.strip() for line in text.splitlines() if line.strip() and not line.startswith("#")]


@cache
def load_lexicon(lexicon_file: Path | None = None, qualifier_file: Path | None = None) -> Lexicon:
    from kzview.extract.measure import measure_vocab

    lexicon_data = _merge(_read("lexicon.toml"), _read("measures.toml"))
    qualifier_data = _read("qualifiers.toml")
    if lexicon_file:
        lexicon_data = _merge(lexicon_data, tomllib.loads(lexicon_file.read_text("utf-8")))
    if qualifier_file:
        qualifier_data = _merge(qualifier_data, tomllib.loads(qualifier_file.read_text("utf-8")))
    lex = build_lexicon(lexicon_data, qualifier_data, _countries())
    lex.measures = measure_vocab(lexicon_data)
    lex.files = (lexicon_file, qualifier_file)
    lex.fingerprint = hashlib.sha1(
        json.dumps([lexicon_data, qualifier_data, sorted(lex.countries)], sort_keys=True, default=str).encode()
    ).hexdigest()[:16]
    return lex

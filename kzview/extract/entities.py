"""One entity, many spellings: an index of the names the articles mention.

Names are capitalised word runs ("Kassym-Jomart Tokayev", "Organization of the Collective Security Treaty") and
acronyms ("CSTO"). They join one entity through the alias table (`data/aliases.toml`: CSTO = OTSC = OVKS) or, for
names not listed there, through fuzzy matching of their spellings (rapidfuzz): "Tokayev" / "Tokayevm",
"Kassym-Jomart" / "Kassym-Shomart". Comparisons run only inside blocks of names that share their first letters,
so the index stays near-linear in the number of distinct names.
"""

from __future__ import annotations

import hashlib
import re
import tomllib
from collections import Counter, defaultdict
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from functools import cache
from importlib import resources

from rapidfuzz import fuzz

from kzview.dates import CALENDAR_WORDS
from kzview.extract.numbers import WORD_VALUES
from kzview.ingest import read_limit
from kzview.model import Article, Entity
from kzview.spans import SpanIndex

_WORD = r"(?:[A-Z][\w’'\-]*[A-Za-z]|[A-Z]{2,6})"
# Capitalised words joined on one line by spaces and the small words of names ("Organization of the ...").
_CONTRACTION = re.compile(r"^I(?:['’](?:m|ll|ve|d))$")
_NAME = re.compile(rf"\b{_WORD}(?:[^\S\n]+(?:(?:of|the|for|de|du|la|al)[^\S\n]+)*{_WORD})*")
_TITLES = {
    "President",
    "Prime",
    "Minister",
    "Mr",
    "Mrs",
    "Ms",
    "Dr",
    "General",
    "Gen",
    "Colonel",
    "Governor",
    "Mayor",
    "Senator",
    "King",
    "Queen",
    "Prince",
    "Pope",
    "Sheikh",
    "Chancellor",
    "Secretary",
    "Ambassador",
    "Judge",
    "Former",
    "Foreign",
    "Defence",
    "Defense",
    "Interior",
    "Vice",
    "Deputy",
}
_SKIP = CALENDAR_WORDS | {
    "The",
    "This",
    "That",
    "These",
    "Those",
    "In",
    "On",
    "At",
    "A",
    "An",
    "And",
    "But",
    "Or",
    "It",
    "He",
    "She",
    "They",
    "We",
    "I",
    "You",
    "His",
    "Her",
    "Their",
    "Our",
    "Its",
    "There",
    "Here",
    "When",
    "While",
    "After",
    "Before",
    "Since",
    "During",
    "According",
    "Meanwhile",
    "However",
    "Also",
    "Some",
    "Many",
    "More",
    "Most",
    "Until",
    "Today",
    "Yesterday",
    "Tonight",
    "Always",
    "Only",
    "Refusing",
    "Accordingly",
    "Video",
    "Photo",
    "What",
    "Who",
    "Why",
    "How",
    "Whoever",
    "Kremlin’s",
    "Email",
    "Phone",
    "Leave",
    "Related",
    "See",
    "Source",
    "Back",
    "Later",
    "Earlier",
    "Then",
    "Now",
    "Still",
    "Even",
    "Thus",
    "Hence",
    "Instead",
    "Indeed",
    "Overall",
    "Elsewhere",
    "Nevertheless",
    "Separately",
    "Similarly",
    "Previously",
    "Recently",
    "Currently",
    "Finally",
    "First",
    "Second",
    "Last",
    "Next",
    "Both",
    "Each",
    "Every",
    "Several",
    "Few",
    "Other",
    "Another",
    "Such",
    "Despite",
    "Although",
    "Though",
    "Because",
    "If",
    "As",
    "For",
    "From",
    "By",
    "With",
    "Without",
    "Under",
    "Over",
    "Against",
    "Among",
    "Between",
    "Through",
    "Within",
    "About",
    "Around",
    "Near",
    "Across",
    "Amid",
    "Following",
    "Including",
    "Officials",
    "Police",
    "Witnesses",
    "Rescuers",
    "Residents",
    "Authorities",
}


@dataclass(frozen=True)
class Known:
    name: str
    kind: str
    aliases: tuple[str, ...]


@cache
def _aliases() -> dict:
    return tomllib.loads(resources.files("kzview.data").joinpath("aliases.toml").read_text("utf-8"))


@cache
def known_entities() -> tuple[Known, ...]:
    data = _aliases()
    return tuple(Known(e["name"], e.get("kind", "organization"), tuple(e.get("aliases", []))) for e in data["entity"])


@cache
def _kind_words() -> dict[str, frozenset[str]]:
    kinds = _aliases().get("kinds", {})
    return {k: frozenset(w.lower() for w in v) for k, v in kinds.items()}


def _kind_of(name: str, found: list[tuple[str, int, int, str]], texts: dict[str, str], countries: set[str]) -> str:
    """An unknown name's kind, by its words and by where it is mentioned: a place ("Roosevelt Boulevard",
    "Northeast Philadelphia", a name most mentions of which follow "in", "near", "from"), an organization or a
    thing ("Kraft Foods", "the Kraft shooting"), a person (two to three title-case words and nothing else), or a
    name."""
    words = _norm(name).split()
    kinds = _kind_words()
    if _norm(name) in countries:
        return "place"
    if words[-1] in kinds.get("place_words", ()) or (len(words) > 1 and words[0] in kinds.get("place_openers", ())):
        return "place"
    if any(w in _ORGISH or w in ("ministry", "minister", "organization") for w in words):
        return "organization"
    if any(w in kinds.get("thing_words", ()) for w in words):
        return "name"
    preps = kinds.get("place_prepositions", frozenset())
    located = 0
    for article, s, _, _ in found:
        before = texts.get(article, "")[max(0, s - 12) : s].split()
        if before and before[-1].lower() in preps:
            located += 1
    if found and located * 2 > len(found):
        return "place"  # most mentions say where: "in Ostburg", "near Ostburg"
    if (
        1 < len(words) <= 3
        and not any(w.isupper() and len(w) > 1 for w in name.split())  # "NBC Philadelphia": a network's name
        and _person_like(_norm(name), countries)
    ):
        return "person"
    return "name"


def _norm(s: str) -> str:
    s = re.sub(r"[’']s$", "", s.strip())
    return " ".join(s.lower().replace("-", " ").split())


def norm_name(s: str) -> str:
    """A name as the entity index keys its spellings ("Port-Authority's" -> "port authority")."""
    return _norm(s)


def _strip_titles(surface: str) -> str:
    """ "Kazakh President Kassym-Jomart Tokayev" -> "Kassym-Jomart Tokayev": drop everything up to the last title
    word among the first three (a nationality or office before the title goes with it)."""
    words = surface.split()
    cut = 0
    for i, w in enumerate(words[:3]):
        if w.rstrip(".") in _TITLES and i < len(words) - 1:
            cut = i + 1
    return " ".join(words[cut:])


def _sentence_initial(text: str, pos: int) -> bool:
    before = text[max(0, pos - 4) : pos].rstrip(' “"‘(')
    return not before or before[-1] in ".!?:\n"


def find_names(text: str, skip: list[tuple[int, int]]) -> list[tuple[int, int, str, bool]]:
    """Capitalised names, each flagged when it is a lone word opening a sentence (maybe just a capital)."""
    out = []
    skipped = SpanIndex(skip)  # a long text has many regions: one look-up each, not a scan
    for m in _NAME.finditer(text):
        s, e = m.span()
        if skipped.overlaps(s, e):
            continue
        surface = m.group(0)
        words = surface.split()
        while words and words[0] in _SKIP:
            s += len(words[0]) + 1
            words = words[1:]
        while words and words[-1].lower() in ("of", "the", "for", "de", "du", "la", "al"):
            words = words[:-1]
        if len(words) > 1 and words[0] == "The":
            words = words[1:]
        if not words:
            continue
        surface = " ".join(words)
        if len(surface) < 2 or surface in _SKIP or surface.lower() in WORD_VALUES or _CONTRACTION.search(surface):
            continue  # "Two" opening a headline, "I'm": a capital, not a name
        lone_initial = len(words) == 1 and _sentence_initial(text, s) and not surface.isupper()
        out.append((s, s + len(surface), surface, lone_initial))
    return out


class _Union:
    def __init__(self) -> None:
        self.parent: dict[str, str] = {}

    def find(self, x: str) -> str:
        self.parent.setdefault(x, x)
        while self.parent[x] != x:
            self.parent[x] = self.parent[self.parent[x]]
            x = self.parent[x]
        return x

    def union(self, a: str, b: str) -> None:
        ra, rb = self.find(a), self.find(b)
        if ra != rb:
            self.parent[max(ra, rb)] = min(ra, rb)


_ORGISH = {
    "government",
    "ministry",
    "republic",
    "agency",
    "organization",
    "organisation",
    "council",
    "committee",
    "department",
    "office",
    "service",
    "party",
    "union",
    "news",
    "press",
    "police",
    "army",
    "bank",
    "state",
}


def _person_like(key: str, countries: set[str]) -> bool:
    """Only names that may be people are joined by spelling: never countries ("Russia" is not "Russian")."""
    words = key.split()
    if len(words) > 3 or any(w in ("of", "the", "for") or w in _ORGISH for w in words):
        return False
    return not any(w in countries or any(w.startswith(c) for c in countries if len(c) > 4) for w in words)


def _compatible(a: str, b: str) -> bool:
    """Two spellings of one name: surnames within a letter or two, first names (if both given) close."""
    ta, tb = a.split(), b.split()
    la, lb = ta[-1], tb[-1]
    if len(la) < 4 or len(lb) < 4 or la[0] != lb[0]:
        return False
    if la != lb and (min(len(la), len(lb)) < 5 or fuzz.ratio(la, lb) < 85):
        return False
    if len(ta) > 1 and len(tb) > 1:
        fa, fb = "".join(ta[:-1]), "".join(tb[:-1])
        return fuzz.ratio(fa, fb) >= 75
    return True


def build_entities(
    articles: list[Article],
    countries: frozenset[str],
    read_names: Mapping[str, Sequence[tuple[int, int, str, bool]]] | None = None,
) -> tuple[list[Entity], dict[str, str]]:
    """The entity index, and a map from each spelling (lower case) to its entity's name. `read_names`: each
    article's names (`find_names`), where they were read already."""
    alias_to_known: dict[str, Known] = {}
    for entry in known_entities():
        for a in (entry.name, *entry.aliases):
            alias_to_known[_norm(a)] = entry
    known_long = [(a, kn) for a, kn in alias_to_known.items() if len(a.split()) >= 3]

    texts = {a.id: a.text for a in articles}
    mentions: dict[str, list[tuple[str, int, int, str]]] = defaultdict(list)  # key -> (article, s, e, surface)
    initial: dict[str, list[tuple[str, int, int, str]]] = defaultdict(list)
    for art in articles:
        names = read_names.get(art.id) if read_names is not None else None
        if names is None:
            skip = [(r.start, r.end) for r in art.regions if r.kind != "caption"]
            names = find_names(art.text[: read_limit(art.text)], skip)
        for s, e, surface, lone_initial in names:
            key = _norm(_strip_titles(surface))
            (initial if lone_initial else mentions)[key].append((art.id, s, e, surface))
    # A capitalised word that only ever opens sentences is probably not a name ("Over 30 died"); one that also
    # appears inside a sentence or a longer name is ("Zelenskyy left." after "Volodymyr Zelenskyy").
    name_words = {w for key in mentions for w in key.split()}
    for key, found in initial.items():
        if key in mentions or key in name_words or key in alias_to_known:
            mentions[key].extend(found)

    union = _Union()
    key_known: dict[str, Known] = {}
    for key in mentions:
        k: Known | None = alias_to_known.get(key)
        if k is None and len(key.split()) >= 3:
            best = max(known_long, key=lambda ak: fuzz.token_sort_ratio(key, ak[0]), default=None)
            if best and fuzz.token_sort_ratio(key, best[0]) >= 88:
                k = best[1]
        if k is not None:
            key_known[key] = k
            union.union(key, "known:" + k.name)
    # Fuzzy: block names by the first two letters of their last word; join compatible spellings.
    blocks: dict[str, list[str]] = defaultdict(list)
    lower_countries = {c.lower() for c in countries}
    for key in mentions:
        if key in key_known or not _person_like(key, lower_countries):
            continue
        last = key.split()[-1]
        if len(last) >= 4:
            blocks[last[:2]].append(key)
    lone: dict[str, set[str]] = defaultdict(set)  # a one-word key -> the fuller names it could belong to
    for keys in blocks.values():
        keys.sort()
        for i, a in enumerate(keys):
            for b in keys[i + 1 : i + 60]:
                if _compatible(a, b):
                    single = [k for k in (a, b) if len(k.split()) == 1]
                    if len(single) == 1:
                        lone[single[0]].add(b if single[0] == a else a)
                    else:
                        union.union(a, b)
    for word, fuller in lone.items():
        people = {union.find(k) for k in fuller}
        if len(people) == 1:
            union.union(word, next(iter(fuller)))  # "Brown" is LaTonya Brown only when no other Brown is named

    groups: dict[str, list[str]] = defaultdict(list)
    for key in mentions:
        groups[union.find(key)].append(key)
    entities: list[Entity] = []
    spelling_to_name: dict[str, str] = {}
    for keys in groups.values():
        surfaces: Counter[str] = Counter()
        arts: set[str] = set()
        for key in keys:
            for article, _, _, surface in mentions[key]:
                surfaces[_strip_titles(surface)] += 1
                arts.add(article)
        known = key_known.get(keys[0]) or next((key_known[k] for k in keys if k in key_known), None)
        if known:
            name, kind = known.name, known.kind
        else:
            # Its most common spelling (the fuller of two as common): what the articles call it most.
            name = max(surfaces, key=lambda s: (surfaces[s], len(s.split()), len(s), s))
            found = [m for key in keys for m in mentions[key]]
            full = max(surfaces, key=lambda s: (len(s.split()), surfaces[s], s))
            kind = _kind_of(full, found, texts, lower_countries)
        total = sum(surfaces.values())
        if total < 2 and not known and len(arts) < 2:
            continue  # a name seen once says little about who the sources mention
        eid = "e" + hashlib.sha1(name.encode("utf-8")).hexdigest()[:10]
        entities.append(
            Entity(id=eid, name=name, kind=kind, spellings=sorted(surfaces), articles=sorted(arts), mentions=total)
        )
        if len(surfaces) > 1 or known:
            for spelling in surfaces:
                spelling_to_name[_norm(spelling)] = name
    entities.sort(key=lambda e: (-len(e.articles), -e.mentions, e.name))
    return entities, spelling_to_name


def canonical_source(attribution: str | None, spellings: dict[str, str]) -> str | None:
    """Name the entity an attribution refers to ("OTSC" -> the CSTO's name, "President Tokayev" -> his full name).

    Only when a known spelling is most of the attribution: "UN refugee agency" is not the UN, and "a spokesman
    for the OSCE" stays as written.
    """
    if not attribution or not spellings:
        return attribution
    norm = _norm(_strip_titles(attribution))
    if norm in spellings:
        return spellings[norm]
    words = norm.split()
    for n in range(len(words), 0, -1):
        if n * 3 < len(words) * 2:
            break
        for i in range(len(words) - n + 1):
            span = " ".join(words[i : i + n])
            if span in spellings:
                if any(w in _BODY_WORDS for w in words[:i] + words[i + n :]):
                    return attribution  # "New York Police" is a body of New York's, not New York
                return spellings[span]
    return attribution


# nouns for a body that acts for a place or a group: with one, the name is that body's, not the place's
_BODY_WORDS = frozenset(
    "police ministry department office officials official authorities authority government army military court "
    "council agency service services fire brigade coroner sheriff hospital university embassy spokesman "
    "spokeswoman spokesperson prosecutors prosecutor".split()
)

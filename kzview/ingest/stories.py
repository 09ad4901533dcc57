"""Stories found by the event's own fingerprint, for a corpus whose folders and fields name none.

A monitoring desk's folder can hold the reports of many events. An article's fingerprint is what its opening
names: the capitalised names of its headline and first paragraphs (places, people, bodies, firms), the kinds of
event it tells of (a quake, a fire, a shooting), and its printed date. A name is weighed by how rare it is in the
corpus; a word the corpus also writes in lower case is no name ("the Fire", "the fire"), and the words names of
bodies are made of ("Ministry", "General Hospital") weigh a quarter. Two articles are of one story when their
names weigh alike (a cosine above `LINK`, over two shared names at least), their kinds of event do not differ,
and no date of the story they join lies more than two years from another; linked sets that share their core
(a rare name most of each one's articles give) are one. Nothing is compared across stories, so a wrong split
costs comparisons and a wrong join gives wrong conflicts: a folder is split only when it falls into two stories
of two articles or more each; an article that links to none joins the story whose core it names most, or stands
alone.

The work is linear in the corpus: each article is scored only against its neighbours (by date) in the lists of
its rarest names, never against every other article. Pure: no files, no processes.
"""

from __future__ import annotations

import datetime as dt
import math
import re
from collections import Counter, defaultdict
from collections.abc import Sequence
from dataclasses import dataclass, replace
from functools import cache

from kzview.model import Article

__all__ = ["LINK", "Fingerprint", "assign_stories", "find_stories", "fingerprint"]

LINK = 0.28  # the cosine from which two articles' names make them one story
_PLAIN_READ = 20_000  # characters read for the words an article writes in lower case
OPENING = 1500  # characters of the body read after the headline: a report names its event at the top
_KEYS = 8  # an article's rarest names through which its neighbours are found
_NEIGHBOURS = 3  # neighbours by date taken on each side in each such name's list
_APART = 730  # days: two reports further apart than this are of two events whatever their names

# a capitalised word at a sentence's start is often no name ("The", "Police", "Three"): only names found
# elsewhere count, and words that are capitalised only because they open a line or a headline in capitals are
# skipped (a headline in capitals names nothing by its case)
_WORD = re.compile(r"[A-Z][a-z][\w'’-]*|[A-Z]{2,}(?=[\s,.;:)'’-])")
_PLAIN = re.compile(r"(?<![\w'’-])[a-z][a-z'’-]{2,}")
_UPPER = re.compile(r"[A-Z]")
_LOWER = re.compile(r"[a-z]")
_STARTS = re.compile(r"(?:[.!?:]\s+|[\n“\"(]\s*)$")
_COMMON = frozenset(
    "The A An And But Or In On At Of For To By From With As After Before Since During Monday Tuesday Wednesday "
    "Thursday Friday Saturday Sunday January February March April May June July August September October "
    "November December Mr Mrs Ms Dr He She It They We I You His Her Their This That These Those There Here "
    "Police Officials Updated Published Posted Last Comments Share Photo Video Read More News "
    "GMT UTC IST EST EDT CST CDT PST PDT BST CET CEST AEST AEDT WIB SAST EAT".split()
)

# common nouns that names of bodies and places are built of ("the Interior Ministry", "Disaster Response Force",
# "Bridge Street"): they mark no one story, so they weigh a quarter of a name's weight
_GENERIC = frozenset(
    "ministry minister ministers department interior affairs home foreign defence defense force forces response "
    "service services agency office authority authorities council committee commission directorate board bureau "
    "safety health disaster disasters management emergency emergencies national general regional federal state "
    "provincial municipal county city district province region government court courts university college school "
    "hospital centre center station street road avenue square park bridge river lake mount port airport arena "
    "stadium market church mosque temple fire rescue police army navy air guard coast public security civil "
    "central north south east west northern southern eastern western international daily news times post herald "
    "tribune press radio television channel group company corporation limited inc ltd bank fund party union "
    "association institute society alliance network chief secretary president governor mayor commissioner "
    "inspector superintendent sergeant officer spokesman spokeswoman spokesperson deputy director head".split()
)
_GENERIC_WEIGHT = 0.25


@dataclass(frozen=True)
class Fingerprint:
    """What an article's opening names: its names (with how often), its kinds of event, its date."""

    names: dict[str, int]
    kinds: frozenset[int]
    date: dt.date | None
    spelled: dict[str, str]  # each name as the article first wrote it ("USGS", "McAllen")
    words: frozenset[str]  # the words it writes in lower case: a "name" the corpus writes so is a common noun


@cache
def event_kinds() -> dict[str, int]:
    """The shipped kinds of event (measures.toml, `moment_kinds`): each word to its kind's number."""
    import tomllib  # here: a store read from the cache needs no vocabulary
    from importlib import resources

    data = tomllib.loads(resources.files("kzview.data").joinpath("measures.toml").read_text("utf-8"))
    kinds = data.get("events", data).get("moment_kinds", [])
    return {w.lower(): n for n, words in enumerate(kinds) for w in words}


def _kinds_named(texts: Sequence[str], kinds: dict[str, int]) -> frozenset[int]:
    return frozenset(kinds[w] for t in texts for w in re.findall(r"[a-z]+", t.lower()) if w in kinds)


def assign_stories(articles: list[Article], prints: dict[str, Fingerprint] | None = None) -> list[Article]:
    """The articles with their stories found by fingerprint where no folder, field or column named any (a
    flat folder of many events); as they were otherwise, or when they are one story. `prints`: the articles'
    fingerprints, where they were taken already (by a cluster's workers)."""
    if any(a.story is not None for a in articles):
        return articles
    found = find_stories(articles, event_kinds(), prints)
    if found is None:
        return articles
    return [replace(a, story=found[a.id]) for a in articles]


def fingerprint(article: Article, kinds: dict[str, int]) -> Fingerprint:
    title = article.title or ""
    start = article.title_span[1] if article.title_span else 0
    body = article.text[start : start + OPENING]
    names: Counter[str] = Counter()
    spelled: dict[str, str] = {}
    for text, weight in ((title, 2), (body, 1)):
        shouted = len(_UPPER.findall(text)) * 2 > len(_LOWER.findall(text)) + 1  # in capitals: its case names nothing
        for m in _WORD.finditer(text):
            w = m.group(0).strip("'’-")
            at = m.start()
            opens = at == 0 if text is body else False  # a headline's first word is often its place
            if shouted or w in _COMMON or len(w) < 3 or opens or _STARTS.search(text[max(0, at - 4) : at]):
                continue  # a word that opens a sentence is capitalised whatever it is
            names[w.lower()] += weight
            spelled.setdefault(w.lower(), w)
    date = None if article.date_inferred else article.date  # a date inferred is no evidence of when
    words = frozenset(_PLAIN.findall(article.text, 0, start + _PLAIN_READ))
    for w in re.findall(r"[\w'’-]+", article.outlet or ""):
        names.pop(w.lower(), None)  # the outlet names itself in every story it writes
    return Fingerprint(dict(names), _kinds_named([title, body[:400]], kinds), date, spelled, words)


class _Sets:
    """Union-find over articles (or stories) that keeps each set's span of dates: two sets whose dates lie more
    than `_APART` apart never join, so undated reports cannot chain two years' events into one."""

    def __init__(self, dates: Sequence[dt.date | None]) -> None:
        self.parent = list(range(len(dates)))
        self.span: list[tuple[dt.date, dt.date] | None] = [(d, d) if d else None for d in dates]

    def root(self, i: int) -> int:
        while self.parent[i] != i:
            self.parent[i] = self.parent[self.parent[i]]
            i = self.parent[i]
        return i

    def join(self, i: int, j: int) -> bool:
        ri, rj = self.root(i), self.root(j)
        if ri == rj:
            return True
        a, b = self.span[ri], self.span[rj]
        if a and b and (max(a[0], b[0]) - min(a[1], b[1])).days > _APART:
            return False
        lo, hi = min(ri, rj), max(ri, rj)
        self.parent[hi] = lo
        self.span[lo] = (min(a[0], b[0]), max(a[1], b[1])) if a and b else a or b
        return True


def find_stories(
    articles: Sequence[Article], kinds: dict[str, int], taken: dict[str, Fingerprint] | None = None
) -> dict[str, str] | None:
    """Each article's story, named after the names its articles share most, when the corpus falls into two
    stories or more of two articles each; None when it is one story (or too small to tell)."""
    n = len(articles)
    if n < 4:
        return None
    prints = [(taken or {}).get(a.id) or fingerprint(a, kinds) for a in articles]
    df: Counter[str] = Counter()
    plain: Counter[str] = Counter()
    for p in prints:
        df.update(p.names)
        plain.update(p.words)
    # a name of one article links nothing; a word the corpus writes in lower case as often as it capitalises it
    # is a common noun in a name ("the Ministry of Safety", "the fire"), no mark of one story
    idf = {w: math.log(1 + n / k) for w, k in df.items() if k >= 2 and plain[w] < k}
    vecs: list[dict[str, float]] = []
    for p in prints:
        vec = {
            w: (1 + math.log(k)) * idf[w] * (_GENERIC_WEIGHT if w in _GENERIC else 1.0)
            for w, k in p.names.items()
            if w in idf
        }
        norm = math.sqrt(sum(x * x for x in vec.values())) or 1.0
        vecs.append({w: x / norm for w, x in vec.items()})
    order = sorted(range(n), key=lambda i: (prints[i].date or dt.date.min, articles[i].id))
    rank = {i: r for r, i in enumerate(order)}
    postings: dict[str, list[int]] = defaultdict(list)  # each name's articles, by date
    for i in order:
        for w in vecs[i]:
            postings[w].append(i)
    sets = _Sets([p.date for p in prints])
    linked = [False] * n
    for i in order:
        seen: set[int] = set()
        for w in sorted(vecs[i], key=lambda w: (-vecs[i][w], w))[:_KEYS]:
            post = postings[w]
            at = _position(post, rank, i)
            for j in post[max(0, at - _NEIGHBOURS) : at + _NEIGHBOURS + 1]:
                if j != i and j not in seen:
                    seen.add(j)
                    if _one_story(vecs[i], vecs[j], prints[i], prints[j]) and sets.join(i, j):
                        linked[i] = linked[j] = True
    members: dict[int, list[int]] = defaultdict(list)
    for i in range(n):
        if linked[i]:
            members[sets.root(i)].append(i)
    stories = _merged(sorted(m for m in members.values() if len(m) >= 2), prints, df, idf)
    if len(stories) < 2:
        return None
    cores = [_core(m, prints) for m in stories]
    their_kinds = [_kinds(m, prints) for m in stories]
    at_core: dict[str, list[int]] = defaultdict(list)
    for k, core in enumerate(cores):
        for w in core:
            at_core[w].append(k)
    for i in range(n):  # an article that linked to none: to the story whose core it names most, else alone
        if not linked[i]:
            gain: dict[int, float] = defaultdict(float)
            for w in prints[i].names:
                for k in at_core.get(w, ()):
                    if not _differ(prints[i].kinds, their_kinds[k]):
                        gain[k] += idf.get(w, 0.0)
            best = min(gain, key=lambda k: (-gain[k], k)) if gain else None
            if best is None or gain[best] <= 0:
                stories.append([i])
            else:
                stories[best].append(i)
    stories = [sorted(m) for m in stories]
    names = _story_names(stories, prints, idf)
    return {articles[i].id: name for m, name in zip(stories, names, strict=True) for i in m}


def _core(m: list[int], prints: list[Fingerprint]) -> dict[str, int]:
    """The names most of a story's articles give (with how many give each)."""
    c: Counter[str] = Counter()
    for i in m:
        c.update(prints[i].names.keys())
    return {w: k for w, k in c.items() if k * 2 >= len(m)}


def _kinds(m: list[int], prints: list[Fingerprint]) -> frozenset[int]:
    return frozenset().union(*(prints[i].kinds for i in m))


def _differ(a: frozenset[int], b: frozenset[int]) -> bool:
    return bool(a and b and not a & b)  # a quake's reports and a fire's


def _merged(
    stories: list[list[int]], prints: list[Fingerprint], df: Counter[str], idf: dict[str, float]
) -> list[list[int]]:
    """Stories that share their core are one: a name most of each one's articles give, found in hardly any
    other article of the corpus (or two such names, however common). A story's reports that link among themselves
    in two sets (the first day's and the trial's) still both name its firm or its town."""
    cores = [_core(m, prints) for m in stories]
    kinds = [_kinds(m, prints) for m in stories]
    sets = _Sets([None] * len(stories))
    for s, m in enumerate(stories):
        ds = [d for d in (prints[i].date for i in m) if d is not None]
        sets.span[s] = (min(ds), max(ds)) if ds else None
    by_name: dict[str, list[int]] = defaultdict(list)
    for s, c in enumerate(cores):
        for w in c:
            if w in idf and w not in _GENERIC:  # a story's own names, not the words bodies' names are made of
                by_name[w].append(s)
    pairs: Counter[tuple[int, int]] = Counter()
    own: set[tuple[int, int]] = set()
    for w, ss in by_name.items():
        if len(ss) > 8:
            continue  # a name at the core of many stories is a word of the desk, not of one story
        for x in range(len(ss)):
            for y in range(x + 1, len(ss)):
                a, b = ss[x], ss[y]
                pairs[a, b] += 1
                if df[w] <= cores[a][w] + cores[b][w] + 1:
                    own.add((a, b))  # hardly named outside these two
    for (a, b), k in sorted(pairs.items()):
        if (k >= 2 or (a, b) in own) and not _differ(kinds[a], kinds[b]):
            sets.join(a, b)
    out: dict[int, list[int]] = defaultdict(list)
    for s, m in enumerate(stories):
        out[sets.root(s)].extend(m)
    return [sorted(m) for m in out.values()]


def _position(post: list[int], rank: dict[int, int], i: int) -> int:
    lo, hi = 0, len(post)
    r = rank[i]
    while lo < hi:
        mid = (lo + hi) // 2
        if rank[post[mid]] < r:
            lo = mid + 1
        else:
            hi = mid
    return lo


def _one_story(a: dict[str, float], b: dict[str, float], pa: Fingerprint, pb: Fingerprint) -> bool:
    if _differ(pa.kinds, pb.kinds):
        return False
    if pa.date and pb.date and abs((pa.date - pb.date).days) > _APART:
        return False
    small, big = (a, b) if len(a) <= len(b) else (b, a)
    shared = [x * big[w] for w, x in small.items() if w in big]
    return len(shared) >= 2 and sum(shared) >= LINK  # two names at least: one word in common is chance


def _story_names(stories: list[list[int]], prints: list[Fingerprint], idf: dict[str, float]) -> list[str]:
    """A name for each story: the two names most of its articles give (the rarer first where as many give
    them), as most of them spell it, and its first date; made unique with a number where two would share one."""
    out: list[str] = []
    for m in stories:
        shared: Counter[str] = Counter()
        for i in m:
            shared.update(prints[i].names.keys())
        top = sorted(shared, key=lambda w: (w in _GENERIC, -shared[w], -idf.get(w, 0.0), w))[:2]
        words = []
        for w in top:
            forms = Counter(prints[i].spelled[w] for i in m if w in prints[i].spelled)
            words.append(min(forms, key=lambda f: (-forms[f], f)))
        dates = sorted(d for d in (prints[i].date for i in m) if d is not None)
        name = " ".join(words) or "unnamed"
        out.append(f"{name} {dates[0].isoformat()}" if dates else name)
    count = Counter(out)
    seen: Counter[str] = Counter()
    unique = []
    for name in out:
        seen[name] += 1
        unique.append(name if count[name] == 1 else f"{name} ({seen[name]})")
    return unique

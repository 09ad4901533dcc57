"""The claim store the panes observe: articles, claims, groups, entities and the verdicts on them, with their indexes
and change notification. It imports nothing heavy at module level (models, extraction, comparison and the verdict
database are imported where a method needs them), so the app draws its first frame before any of them is loaded;
`kzview.store` builds and loads stores."""

from __future__ import annotations

import json
import re
from array import array
from collections import defaultdict
from collections.abc import Callable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field, replace
from typing import TYPE_CHECKING, Any

from kzview.columns import ClaimColumns, ClaimsByArticle, ClaimsById, GroupsOfClaim
from kzview.kinds import STATUS_ORDER, Status, short_label
from kzview.words import figure_words, what

if TYPE_CHECKING:
    from kzview.corrections import Applied
    from kzview.model import Article, Claim, ClaimGroup, Entity, LoadProblem, Verdict
    from kzview.verdicts import VerdictStore


@dataclass(frozen=True, slots=True)
class ArticleStats:
    claims: int  # figures (dates excluded)
    conflicting: int  # figures in at least one conflict group
    groups: int


def made_by(lexicon: str) -> dict[str, str]:
    """The program and its version, a vocabulary's fingerprint and the deriving code's digest: what made claims."""
    from kzview import __version__
    from kzview.cache import code_key

    return {"program": f"kzview {__version__}", "lexicon": lexicon[:16], "code": code_key()[:16]}


@dataclass
class ClaimStore:
    articles: list[Article] = field(default_factory=list)
    # given as a list, kept as columns (kzview.columns): a Claim object is made only when one is asked for
    claims: Sequence[Claim] = field(default_factory=list)
    groups: list[ClaimGroup] = field(default_factory=list)
    problems: list[LoadProblem] = field(default_factory=list)
    entities: list[Entity] = field(default_factory=list)
    lexicon: str = ""  # the fingerprint of the vocabulary that read these claims ("" when not known)
    # the indexes over claims and groups as `index_wire` gave them where the store was built (a prefetch child),
    # or the groups of each claim found already (a GroupsOfClaim): taken as they are, not built again
    index: Any = field(default=None, repr=False, compare=False)

    def __post_init__(self) -> None:
        self._listeners: list[Callable[[ClaimStore], None]] = []
        self._verdict_listeners: list[Callable[[Verdict], None]] = []
        self.verdict_store: VerdictStore | None = None
        self.verdicts: dict[tuple[str, str], Verdict] = {}
        self.applied: list[Applied] = []  # the user's corrections, and where each now stands
        # claims parts (name, digest) already written into a claim store by the workers that extracted them
        # (kzview.cluster): kzview.parquet takes them as they are rather than writing the claims again
        self.claim_parts: list[tuple[str, str]] = []
        # the articles alone, shown while their figures are still being read (a first open): no comparison yet
        self.provisional = False
        self.articles_total = len(self.articles)  # the corpus's articles, of which this store may hold a part
        self._index()

    def _index(self) -> None:
        self._story_counts: list[StoryCount] | None = None  # worked out when first asked (story_counts)
        self.article_by_id: dict[str, Article] = {a.id: a for a in self.articles}
        self.labels: dict[str, str] = article_labels(self.articles)
        if not isinstance(self.claims, ClaimColumns):
            self.claims = ClaimColumns.of(self.claims, self.articles)
        cols = self.columns
        self.claim_by_id: Mapping[str, Claim] = ClaimsById(cols)
        self.group_by_id: dict[str, ClaimGroup] = {g.id: g for g in self.groups}
        self.claims_by_article: Mapping[str, list[Claim]] = ClaimsByArticle(cols)
        wired, self.index = self.index, None
        if isinstance(wired, GroupsOfClaim):  # built by the reader of a Parquet store
            groups_of, wired = wired, None
        else:
            groups_of = GroupsOfClaim(cols, self.groups, wire=wired[:3] if wired else None)
        self.groups_of_claim: Mapping[str, list[str]] = groups_of
        # per article: its figures (dates excluded), those in a conflict, and the groups they are in
        n_articles = len(cols.article_ids)
        if wired:
            per = [array("i") for _ in range(3)]
            for column, b in zip(per, wired[3:], strict=True):
                column.frombytes(b)
            if any(len(column) != n_articles for column in per):
                raise ValueError("article counts of another size")
            figures, conflicting, n_groups = per
        else:
            date = cols.code_of("date")
            conflict = STATUS_ORDER[Status.CONFLICT]
            kinds, arts, status = cols.codes["kind"], cols.article, groups_of.status
            figures, conflicting = array("i", bytes(4 * n_articles)), array("i", bytes(4 * n_articles))
            in_groups: list[set[int]] = [set() for _ in range(n_articles)]
            for row in range(len(cols)):
                if kinds[row] == date:
                    continue
                at = arts[row]
                figures[at] += 1
                if status[row] == conflict:
                    conflicting[at] += 1
                if groups_of.offsets[row] != groups_of.offsets[row + 1]:
                    in_groups[at].update(groups_of.rows(row))
            n_groups = array("i", [len(s) for s in in_groups])
        self._per_article = (figures, conflicting, n_groups)
        self.figures = sum(figures)
        self.stats: Mapping[str, ArticleStats] = _Stats(self.article_by_id, cols.article_index, self._per_article)

    def index_wire(self) -> list[bytes]:
        """The indexes over claims and groups as bytes, for a store sent to another process (kzview.prefetch)."""
        per = [a.tobytes() for a in self._per_article]
        return [*self.groups_of_claim.to_wire(), *per]  # type: ignore[attr-defined]

    @property
    def columns(self) -> ClaimColumns:
        """The claims as columns (kzview.columns): `claims` itself, once the store is built."""
        return self.claims  # type: ignore[return-value]

    # -- queries ---------------------------------------------------------------------------------------------
    @property
    def articles_unread(self) -> int:
        """How many of the corpus's articles this store does not hold yet: a large store's first screen holds
        only the articles it shows (kzview.parquet.read_head); the others come with the whole store."""
        return max(0, self.articles_total - len(self.articles)) if self.provisional else 0

    def article_label(self, article_id: str) -> str:
        """The short name people see for an article: its outlet, else a short id (CONTRACT.md `label`)."""
        return self.labels.get(article_id) or short_label(article_id)

    @property
    def made_by(self) -> dict[str, str]:
        """What made these claims: the program and its version, the vocabulary's fingerprint, and the digest of
        the deriving code (kzview uses no trained model). Every report and JSON output carries it."""
        return made_by(self.lexicon)

    def claim_record(self, c: Claim) -> dict:
        """A claim as the JSON contract spells it, with the article's outlet and label."""
        from kzview.model import to_json

        d = to_json(c)
        a = self.article_by_id.get(c.article)
        d["outlet"] = a.outlet if a is not None else None
        d["label"] = self.article_label(c.article)
        d["story"] = a.story if a is not None else None
        d["made_by"] = self.made_by
        return d

    def group_record(self, g: ClaimGroup) -> dict:
        """A group as the JSON contract spells it, with the labels of its articles (in the order of `articles`)."""
        from kzview.model import to_json

        d = to_json(g)
        d["outlets"] = [self.article_label(a) for a in g.articles]
        d["made_by"] = self.made_by
        return d

    def claim_status(self, claim_id: str) -> Status | None:
        """The most serious status of any group the claim is in (conflict > update > consistent > single)."""
        row = self.columns.row_of(claim_id)
        rank = self.groups_of_claim.status[row] if row is not None else -1  # type: ignore[attr-defined]
        return _BY_RANK[rank] if rank >= 0 else None

    def group_claims(self, group_id: str) -> list[Claim]:
        g = self.group_by_id.get(group_id)
        if g is None:
            return []
        return [c for c in (self.claim_by_id.get(cid) for cid in g.claims) if c is not None]

    def story_counts(self) -> list[StoryCount]:
        """The corpus's stories, by name (the articles under no folder first), each with its articles, figures
        and conflicts; empty when the corpus is one story, or was compared as one (`--one-story`). Worked out
        once for each content (the app asks on every key, to show or hide `t`)."""
        if self._story_counts is None:
            self._story_counts = self._count_stories()
        return self._story_counts

    def _count_stories(self) -> list[StoryCount]:
        stories = sorted({a.story for a in self.articles}, key=lambda s: (s is not None, s or ""))
        if len(stories) < 2 or not any(g.story for g in self.groups):
            return []
        story_of = {a.id: a.story for a in self.articles}
        articles: dict[str | None, int] = defaultdict(int)
        figures: dict[str | None, int] = defaultdict(int)
        conflicts: dict[str | None, int] = defaultdict(int)
        for a in self.articles:
            articles[a.story] += 1
        cols = self.columns
        date, kinds = cols.code_of("date"), cols.codes["kind"]
        story_at = [story_of.get(a) for a in cols.article_ids]
        for row, at in enumerate(cols.article):
            if kinds[row] != date:
                figures[story_at[at]] += 1
        for g in self.groups:
            if g.status == Status.CONFLICT:
                conflicts[g.story] += 1
        return [StoryCount(s, s or "", articles[s], figures[s], conflicts[s]) for s in stories]

    def counts(self) -> dict[str, int]:
        out = {s.value: 0 for s in Status}
        for g in self.groups:
            out[g.status.value] += 1
        return out

    # -- verdicts: the user's work, written through to SQLite --------------------------------------------------
    def show_verdicts(self, verdicts: list[Verdict]) -> None:
        """Verdicts read from somewhere no store can be opened on (a damaged database's salvage): shown and
        exported, re-anchored like any, never written."""
        self.verdict_store = None
        self.verdicts = {}
        for v in verdicts:
            v = self._reanchored(v)
            self.verdicts[(v.target_kind, v.target_id)] = v

    def attach_verdicts(self, verdict_store: VerdictStore) -> None:
        self.verdict_store = verdict_store
        self._load_verdicts()

    def _load_verdicts(self) -> None:
        self.verdicts = {}
        if self.verdict_store is None:
            return
        for v in self.verdict_store.all():
            v = self._reanchored(v)
            key = (v.target_kind, v.target_id)
            held = self.verdicts.get(key)
            if held is None or (held.anchored_from and not v.anchored_from) or held.set_at <= v.set_at:
                self.verdicts[key] = v  # two old verdicts on what is now one target: the one set on it, or the latest

    def _reanchored(self, v: Verdict) -> Verdict:
        """A verdict on what today's extraction holds: its own target if that still exists; else the figure (or
        the group of figures) now at the place it judged, found by article, span and words; else itself, orphaned.
        """
        if self._target_claims(v.target_kind, v.target_id) is not None:
            return self._with_staleness(v)
        found = [c for c in (self._claim_at(*spot) for spot in _spots(v)) if c is not None]
        target: str | None = None
        if v.target_kind == "claim" and found:
            target = found[0].id
        elif v.target_kind == "group" and found:
            votes: dict[str, int] = {}
            for c in found:
                for gid in self.groups_of_claim.get(c.id, ()):
                    if self.group_by_id[gid].rule not in ("part-whole", "within-article", "weekday"):
                        votes[gid] = votes.get(gid, 0) + 1
            if votes:
                gid, n = max(sorted(votes.items()), key=lambda kv: kv[1])
                if 2 * n >= len(found):
                    target = gid
        if target is None:
            return self._with_staleness(v)
        moved = replace(v, target_id=target, anchored_from=v.target_id)
        return self._with_staleness(moved)

    def _claim_at(self, article: str, start: int, end: int, surface: str, sentence: str) -> Claim | None:
        """The claim now standing where a judged figure stood: the same span, else the same words in the same
        sentence, else a claim overlapping the span in that sentence."""
        mine = [c for c in self.claims_by_article.get(article, ()) if c.kind != "date"]
        same_sentence = [c for c in mine if not sentence or " ".join(c.sentence.split()).startswith(sentence[:120])]
        for pick in (
            lambda c: c.start == start and c.end == end,
            lambda c: c.surface == surface and c in same_sentence,
            lambda c: c.start < end and c.end > start and c in same_sentence,
        ):
            hit = [c for c in mine if pick(c)]
            if hit:
                return hit[0]
        return None

    def _target_claims(self, kind: str, target_id: str) -> list[Claim] | None:
        if kind == "group":
            return self.group_claims(target_id) if target_id in self.group_by_id else None
        c = self.claim_by_id.get(target_id)
        return [c] if c else None

    def _with_staleness(self, v: Verdict) -> Verdict:
        from kzview.verdicts import fingerprint

        claims = self._target_claims(v.target_kind, v.target_id)
        stale = claims is None or (bool(v.fingerprint) and fingerprint(claims) != v.fingerprint)
        return replace(v, stale=stale) if stale != v.stale else v

    def verdict(self, kind: str, target_id: str) -> Verdict | None:
        return self.verdicts.get((kind, target_id))

    def orphaned_verdicts(self) -> list[Verdict]:
        """Verdicts whose group or claim no longer exists (the text changed): kept, listed, never dropped."""
        return [v for v in self.verdicts.values() if self._target_claims(v.target_kind, v.target_id) is None]

    def label(self, kind: str, target_id: str, figures: int = 4) -> str:
        """What a verdict judges, in the words a person reads (kept with the verdict, shown in the dialog and in
        notifications): a group's measure and its figures with their outlets and dates; a figure with its outlet,
        date and whole sentence. No internal key."""

        def cited(c: Claim) -> str:
            when = c.as_of.isoformat() if c.as_of else "undated"
            return f"{figure_words(c)} ({self.article_label(c.article)}, {when})"

        if kind == "group":
            g = self.group_by_id[target_id]
            claims = self.group_claims(target_id)
            figs = "; ".join(cited(c) for c in claims[:figures])
            more = f"; and {len(claims) - figures} more" if len(claims) > figures else ""
            return f"{what(g.topic, g.subject, g.scope, g.measure, g.event)}: {figs}{more}"
        c = self.claim_by_id[target_id]
        return f"{cited(c)}: {' '.join(c.sentence.split())}"

    def set_verdict(self, kind: str, target_id: str, verdict: str, note: str = "") -> Verdict:
        if self.verdict_store is None:
            raise RuntimeError("no verdict database is open")
        from kzview.verdicts import anchor, fingerprint

        claims = self._target_claims(kind, target_id) or []
        v = self.verdict_store.set(
            kind, target_id, verdict, note, fingerprint(claims), self.label(kind, target_id), anchor(claims)
        )
        self.verdicts[(kind, target_id)] = v
        self._notify_verdict(v)
        return v

    def undo_verdict(self) -> Verdict | None:
        if self.verdict_store is None:
            return None
        v = self.verdict_store.undo()
        if v is None:
            return None
        if v.cleared:
            self.verdicts.pop((v.target_kind, v.target_id), None)
        else:
            self.verdicts[(v.target_kind, v.target_id)] = self._with_staleness(v)
        self._notify_verdict(v)
        return v

    def verdicts_in_article(self, article_id: str) -> int:
        ids = {c.id for c in self.claims_by_article.get(article_id, [])}
        groups = {g for c in ids for g in self.groups_of_claim.get(c, [])}
        return sum(1 for (k, t) in self.verdicts if (k == "claim" and t in ids) or (k == "group" and t in groups))

    def subscribe_verdicts(self, listener: Callable[[Verdict], None]) -> None:
        self._verdict_listeners.append(listener)

    def _notify_verdict(self, v: Verdict) -> None:
        for listener in list(self._verdict_listeners):
            listener(v)

    # -- change notification --------------------------------------------------------------------------------
    def subscribe(self, listener: Callable[[ClaimStore], None]) -> None:
        self._listeners.append(listener)

    def replace(self, other: ClaimStore) -> None:
        """Take another store's content (a reload) and tell every observer once."""
        self.articles, self.claims, self.groups = other.articles, other.claims, other.groups
        self.problems, self.entities = other.problems, other.entities
        # its indexes too: built once, in the worker that built the store, not again on the UI thread
        self.article_by_id, self.claim_by_id, self.group_by_id = (
            other.article_by_id,
            other.claim_by_id,
            other.group_by_id,
        )
        self.claims_by_article, self.groups_of_claim = other.claims_by_article, other.groups_of_claim
        self.labels = other.labels
        self.applied = other.applied
        self.lexicon = other.lexicon
        self.provisional, self.articles_total = other.provisional, other.articles_total
        self._story_counts = other._story_counts
        self.stats, self.figures, self._per_article = other.stats, other.figures, other._per_article
        self._load_verdicts()
        for listener in list(self._listeners):
            listener(self)


_BY_RANK = {rank: status for status, rank in STATUS_ORDER.items()}


@dataclass(frozen=True, slots=True)
class StoryCount:
    """One story of a corpus of many: its name (None: the articles under no folder), the key that names it on
    screen ("" for None), and how many articles, figures and conflicts it has."""

    story: str | None
    key: str
    articles: int
    figures: int
    conflicts: int


class _Stats(Mapping[str, ArticleStats]):
    """Each article's counts (ArticleStats), made when asked for: a store of 40,000 articles opens without making
    40,000 of them."""

    __slots__ = ("_articles", "_index_of", "_per")

    def __init__(self, articles: Mapping[str, Article], index_of: Callable[[str], int | None], per: Any) -> None:
        self._articles, self._index_of, self._per = articles, index_of, per

    def __getitem__(self, article_id: str) -> ArticleStats:
        if article_id not in self._articles:
            raise KeyError(article_id)
        i = self._index_of(article_id)
        if i is None:
            return _NO_STATS
        figures, conflicting, n_groups = self._per
        return ArticleStats(figures[i], conflicting[i], n_groups[i])

    def __iter__(self) -> Iterator[str]:
        return iter(self._articles)

    def __len__(self) -> int:
        return len(self._articles)


_NO_STATS = ArticleStats(0, 0, 0)


def article_stories(articles: list[Article]) -> dict[str, str | None]:
    """Each article's story (None: the corpus's one story), for comparing a corpus of many story by story."""
    return {a.id: a.story for a in articles}


def article_labels(articles: list[Article]) -> dict[str, str]:
    """Each article's label, unique in its story: an outlet with several articles gets their short ids too
    ("nbcphiladelphia.com 01", "nbcphiladelphia.com 10"), so a row never shows two sources under one name."""
    # unique within a story: figures are compared, and named, only within one
    named = [(a.id, a.story, a.label) for a in articles]  # each label worked out once
    count: dict[tuple[str | None, str], int] = {}
    for _, story, label in named:
        count[story, label] = count.get((story, label), 0) + 1
    labels = {aid: label if count[story, label] == 1 else f"{label} {short_label(aid)}" for aid, story, label in named}
    taken: dict[tuple[str | None, str], int] = {}
    for aid, story, _ in named:
        taken[story, labels[aid]] = taken.get((story, labels[aid]), 0) + 1
    # still two of one name in a story (one file name in two of its subfolders): the id itself, which is unique
    return {aid: labels[aid] if taken[story, labels[aid]] == 1 else aid for aid, story, _ in named}


_LEGACY_FIGURE = re.compile(r"(?P<surface>[^,(]+?) \((?P<article>[^()]+)\)(?:, |$)")


def _spots(v: Verdict) -> list[tuple[str, int, int, str, str]]:
    """The judged figures' places from a verdict's anchor, or, for a verdict saved before anchors, from its label
    ("26 (002_x): the sentence" for a figure, "deaths/-/-: 26 (002_x), 26 (003_y)" for a group)."""
    if v.anchor:
        try:
            return [(str(a), int(s), int(e), str(w), str(t)) for a, s, e, w, t in json.loads(v.anchor)]
        except (ValueError, TypeError):
            return []
    label = v.label or ""
    if v.target_kind == "claim":
        m = re.match(r"(?P<surface>.+?) \((?P<article>[^()]+)\): (?P<sentence>.*)$", label, re.DOTALL)
        if m:
            return [(m["article"], -1, -1, m["surface"], " ".join(m["sentence"].split()))]
        return []
    _, _, figures = label.partition(": ")
    return [(m["article"], -1, -1, m["surface"].strip(), "") for m in _LEGACY_FIGURE.finditer(figures)]

"""The one in-memory ClaimStore every pane and command reads. Built once per run; observers hear of changes."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from kzview.compare import compare
from kzview.extract import corpus_context, extract_corpus
from kzview.extract.lexicon import Lexicon, load_lexicon
from kzview.ingest import Corpus, load_corpus
from kzview.model import Article, Claim, ClaimGroup, Entity, LoadProblem, Status


@dataclass(frozen=True, slots=True)
class ArticleStats:
    claims: int  # figures (dates excluded)
    conflicting: int  # figures in at least one conflict group
    groups: int


@dataclass
class ClaimStore:
    articles: list[Article] = field(default_factory=list)
    claims: list[Claim] = field(default_factory=list)
    groups: list[ClaimGroup] = field(default_factory=list)
    problems: list[LoadProblem] = field(default_factory=list)
    entities: list[Entity] = field(default_factory=list)

    def __post_init__(self) -> None:
        self._listeners: list[Callable[[ClaimStore], None]] = []
        self._index()

    def _index(self) -> None:
        self.article_by_id: dict[str, Article] = {a.id: a for a in self.articles}
        self.claim_by_id: dict[str, Claim] = {c.id: c for c in self.claims}
        self.group_by_id: dict[str, ClaimGroup] = {g.id: g for g in self.groups}
        by_article: dict[str, list[Claim]] = defaultdict(list)
        for c in self.claims:
            by_article[c.article].append(c)
        self.claims_by_article: dict[str, list[Claim]] = dict(by_article)
        groups_of: dict[str, list[str]] = defaultdict(list)
        for g in self.groups:
            for cid in g.claims:
                groups_of[cid].append(g.id)
        self.groups_of_claim: dict[str, list[str]] = dict(groups_of)
        stats: dict[str, ArticleStats] = {}
        for a in self.articles:
            cs = [c for c in by_article.get(a.id, []) if c.kind != "date"]
            conflicting = sum(1 for c in cs if self.claim_status(c.id) == Status.CONFLICT)
            n_groups = len({g for c in cs for g in groups_of.get(c.id, [])})
            stats[a.id] = ArticleStats(len(cs), conflicting, n_groups)
        self.stats = stats

    # -- queries ---------------------------------------------------------------------------------------------
    def claim_status(self, claim_id: str) -> Status | None:
        """The most serious status of any group the claim is in (conflict > update > consistent > single)."""
        best: Status | None = None
        order = {Status.CONFLICT: 0, Status.UPDATE: 1, Status.CONSISTENT: 2, Status.SINGLE: 3}
        for gid in self.groups_of_claim.get(claim_id, ()):
            s = self.group_by_id[gid].status
            if best is None or order[s] < order[best]:
                best = s
        return best

    def group_claims(self, group_id: str) -> list[Claim]:
        g = self.group_by_id.get(group_id)
        return [self.claim_by_id[c] for c in g.claims] if g else []

    def counts(self) -> dict[str, int]:
        out = {s.value: 0 for s in Status}
        for g in self.groups:
            out[g.status.value] += 1
        return out

    # -- change notification --------------------------------------------------------------------------------
    def subscribe(self, listener: Callable[[ClaimStore], None]) -> None:
        self._listeners.append(listener)

    def replace(self, other: ClaimStore) -> None:
        """Take another store's content (a reload) and tell every observer once."""
        self.articles, self.claims, self.groups = other.articles, other.claims, other.groups
        self.problems, self.entities = other.problems, other.entities
        self._index()
        for listener in list(self._listeners):
            listener(self)


def build_store(corpus: Corpus, lex: Lexicon | None = None) -> ClaimStore:
    lex = lex or load_lexicon()
    ctx = corpus_context(corpus.articles, lex)
    claims = extract_corpus(corpus.articles, lex, ctx)
    groups = compare(claims, lex)
    return ClaimStore(
        articles=corpus.articles, claims=claims, groups=groups, problems=corpus.problems, entities=list(ctx.entities)
    )


def open_store(paths: list[Path] | None = None, lex: Lexicon | None = None) -> ClaimStore:
    return build_store(load_corpus(paths), lex)

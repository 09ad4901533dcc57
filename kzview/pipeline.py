"""Extraction over a whole corpus: the claim cache it is handed, worker processes for large corpora
(kzview.parallel), and the attribution names the entity index settles. kzview.extract stays pure; this is where
processes and the cache meet."""

from __future__ import annotations

import os
from collections.abc import Callable
from dataclasses import replace

from kzview.cache import ClaimCache, article_key
from kzview.extract import CorpusContext, context_key, corpus_context, extract_article
from kzview.extract.article import names_in
from kzview.extract.entities import canonical_source
from kzview.extract.lexicon import Lexicon, load_lexicon
from kzview.intern import Interner
from kzview.model import Article, Claim
from kzview.parallel import ClusterSpec, extract_parallel

__all__ = ["PARALLEL_MIN", "extract_corpus"]


PARALLEL_MIN = 400  # below this many articles to extract, processes cost more than they save


def extract_corpus(
    articles: list[Article],
    lex: Lexicon | None = None,
    ctx: CorpusContext | None = None,
    cache: ClaimCache | None = None,
    workers: int | ClusterSpec | None = None,
    progress: Callable[[int, int], None] | None = None,
) -> list[Claim]:
    """Claims of every article, in article order: from the cache where the article is unchanged, else extracted
    (in worker processes when there are many), then attributions named by the entity index."""
    lex = lex or load_lexicon()
    ctx = ctx or corpus_context(articles, lex)
    ckeys: dict[str | None, str] = {}  # each story's context key: a change in another story is no change here
    for a in articles:
        if a.story not in ckeys:
            ckeys[a.story] = context_key(ctx.of(a.story))
    keys = [article_key(a, ckeys[a.story], lex.fingerprint, names_in(a, ctx)) for a in articles]
    found = cache.get_many(keys, articles) if cache is not None else {}
    todo = [i for i, k in enumerate(keys) if k not in found]
    if progress:
        progress(len(articles) - len(todo), len(articles))
    fresh: list[list[Claim]] = []
    if isinstance(workers, ClusterSpec):
        if todo:  # on Dask (kzview.cluster, imported only here); its failures are raised, never a quiet fall-back
            from kzview.cluster import extract_on_cluster

            fresh = extract_on_cluster([articles[i] for i in todo], lex, ctx, workers, progress)
        workers = 1
    workers = workers if workers is not None else min(4, os.cpu_count() or 1)
    if workers > 1 and len(todo) >= PARALLEL_MIN:
        try:
            fresh = extract_parallel([articles[i] for i in todo], lex, ctx, workers, progress)
        except Exception:  # noqa: BLE001 - no processes here (sandbox, odd __main__): do it in this one
            fresh = []
    if len(fresh) != len(todo):
        fresh = []
        for n, i in enumerate(todo, 1):
            fresh.append(extract_article(articles[i], ctx, lex))
            if progress and n % 200 == 0:
                progress(len(articles) - len(todo) + n, len(articles))
    for i, claims in zip(todo, fresh, strict=True):
        found[keys[i]] = claims
    if cache is not None and todo:
        cache.put_many((keys[i], articles[i].id, found[keys[i]]) for i in todo)
    out: list[Claim] = []
    renamed = cache.raw_names if cache is not None else {}
    for k in keys:
        for c in found[k]:
            name = canonical_source(c.attribution, ctx.spellings) if c.attribution else None
            if name == c.attribution:
                out.append(c)
            else:
                renamed[c.id] = c.attribution  # type: ignore[assignment]  # kept: the cache holds what extraction gave
                out.append(replace(c, attribution=name))
    Interner({a.id: a.text for a in articles}).claims(out)
    if progress:
        progress(len(articles), len(articles))
    return out

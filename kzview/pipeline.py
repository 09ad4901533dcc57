"""Extraction over a whole corpus: the claim cache it is handed, worker processes for large corpora, and the
attribution names the entity index settles. kzview.extract stays pure; this is where processes and the cache meet.
"""

from __future__ import annotations

import os
import sys
from collections.abc import Callable
from dataclasses import replace

from kzview.cache import ClaimCache, article_key
from kzview.extract import CorpusContext, context_key, corpus_context, extract_article
from kzview.extract.entities import canonical_source
from kzview.extract.lexicon import Lexicon, load_lexicon
from kzview.intern import Interner
from kzview.model import Article, Claim

__all__ = ["PARALLEL_MIN", "extract_corpus"]


PARALLEL_MIN = 400  # below this many articles to extract, processes cost more than they save


def _extract_chunk(args: tuple) -> list[list[Claim]]:
    """Worker process: extract a chunk of articles with the same vocabulary and context as the parent."""
    articles, ctx, files = args
    lex = load_lexicon(*files)
    return [extract_article(a, ctx, lex) for a in articles]


def _start_resource_tracker() -> None:
    """Start multiprocessing's resource tracker with a real stderr to hand it.

    The tracker is started on first use with the process's stderr passed on. Under a terminal UI that has put its
    own object in `sys.stderr` (Textual's reports fileno -1), starting it fails with "bad value(s) in
    fds_to_keep", and the app extracted in one process while the command line used every core. The swap lasts
    the few milliseconds of the start, once per process."""
    from multiprocessing import resource_tracker

    try:
        if sys.stderr is not None and sys.stderr.fileno() >= 0:
            return
    except (AttributeError, OSError, ValueError):
        pass
    saved = sys.stderr
    try:
        sys.stderr = sys.__stderr__
        resource_tracker.ensure_running()
    finally:
        sys.stderr = saved


def _extract_parallel(
    articles: list[Article],
    lex: Lexicon,
    ctx: CorpusContext,
    workers: int,
    progress: Callable[[int, int], None] | None,
) -> list[list[Claim]]:
    import concurrent.futures as cf
    import multiprocessing as mp

    _start_resource_tracker()
    bare = CorpusContext(  # entities stay in the parent
        ctx.event_places, ctx.anchor, story_start=ctx.story_start, shared_places=ctx.shared_places
    )
    size = max(50, min(400, len(articles) // (workers * 8) or 1))
    chunks = [articles[i : i + size] for i in range(0, len(articles), size)]
    results: list[list[list[Claim]] | None] = [None] * len(chunks)
    done = 0
    with cf.ProcessPoolExecutor(max_workers=workers, mp_context=mp.get_context("spawn")) as pool:
        futures = {pool.submit(_extract_chunk, (chunk, bare, lex.files)): i for i, chunk in enumerate(chunks)}
        for fut in cf.as_completed(futures):
            i = futures[fut]
            results[i] = fut.result()
            done += len(chunks[i])
            if progress:
                progress(done, len(articles))
    return [claims for part in results for claims in (part or [])]


def extract_corpus(
    articles: list[Article],
    lex: Lexicon | None = None,
    ctx: CorpusContext | None = None,
    cache: ClaimCache | None = None,
    workers: int | None = None,
    progress: Callable[[int, int], None] | None = None,
) -> list[Claim]:
    """Claims of every article, in article order: from the cache where the article is unchanged, else extracted
    (in worker processes when there are many), then attributions named by the entity index."""
    lex = lex or load_lexicon()
    ctx = ctx or corpus_context(articles, lex)
    ckey = context_key(ctx)
    keys = [article_key(a, ckey, lex.fingerprint) for a in articles]
    found = cache.get_many(keys) if cache is not None else {}
    todo = [i for i, k in enumerate(keys) if k not in found]
    if progress:
        progress(len(articles) - len(todo), len(articles))
    workers = workers if workers is not None else min(4, os.cpu_count() or 1)
    fresh: list[list[Claim]]
    fresh = []
    if workers > 1 and len(todo) >= PARALLEL_MIN:
        try:
            fresh = _extract_parallel([articles[i] for i in todo], lex, ctx, workers, progress)
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
    for k in keys:
        for c in found[k]:
            name = canonical_source(c.attribution, ctx.spellings) if c.attribution else None
            out.append(c if name == c.attribution else replace(c, attribution=name))
    Interner({a.id: a.text for a in articles}).claims(out)
    if progress:
        progress(len(articles), len(articles))
    return out

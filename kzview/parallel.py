"""Extraction in worker processes (spawned, so the same on every platform): chunks of articles, each extracted
with the parent's vocabulary and corpus context, in article order whatever order the chunks finish in."""

from __future__ import annotations

import sys
from collections.abc import Callable
from dataclasses import dataclass

from kzview.extract import CorpusContext, extract_article
from kzview.extract.lexicon import Lexicon, load_lexicon
from kzview.model import Article, Claim


@dataclass(frozen=True)
class ClusterSpec:
    """Extraction on Dask (kzview.cluster) rather than this machine's processes: a running scheduler's address,
    or a local cluster of `workers` processes."""

    scheduler: str | None = None
    workers: int | None = None
    timeout: float = 30.0  # seconds to wait for a scheduler to answer


def chunked(articles: list[Article], workers: int) -> list[list[Article]]:
    """The articles in chunks of 50 to 400, about eight a worker: big enough to pay for a task, small enough to
    spread and to retry."""
    size = max(50, min(400, len(articles) // (workers * 8) or 1))
    return [articles[i : i + size] for i in range(0, len(articles), size)]


def extract_chunk(args: tuple) -> list[list[Claim]]:
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


def extract_parallel(
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
    chunks = chunked(articles, workers)
    results: list[list[list[Claim]] | None] = [None] * len(chunks)
    done = 0
    with cf.ProcessPoolExecutor(max_workers=workers, mp_context=mp.get_context("spawn")) as pool:
        futures = {pool.submit(extract_chunk, (chunk, bare, lex.files)): i for i, chunk in enumerate(chunks)}
        for fut in cf.as_completed(futures):
            i = futures[fut]
            results[i] = fut.result()
            done += len(chunks[i])
            if progress:
                progress(done, len(articles))
    return [claims for part in results for claims in (part or [])]

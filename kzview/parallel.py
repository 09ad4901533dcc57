"""Extraction in worker processes (spawned, so the same on every platform): chunks of articles, each extracted
with the parent's vocabulary and corpus context, in article order whatever order the chunks finish in."""

from __future__ import annotations

import sys
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import TypeVar

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
    # the claim store being written (`extract --out`): the workers read the files themselves and write their
    # partitions' claims parts into it (on a cluster, a folder every worker shares)
    out: Path | None = None


T = TypeVar("T")


def chunked(items: list[T], workers: int) -> list[list[T]]:
    """Articles (or files) in chunks of 50 to 400, about eight a worker: big enough to pay for a task, small
    enough to spread and to retry."""
    size = max(50, min(400, len(items) // (workers * 8) or 1))
    return [items[i : i + size] for i in range(0, len(items), size)]


_LEXICONS: dict[tuple[object, ...], Lexicon] = {}


def worker_lexicon(files: tuple[Path | None, ...]) -> Lexicon:
    """The vocabulary in a worker process, loaded once per process for the files it is given (again when a
    user's file has changed since: a long-lived cluster worker serves many runs)."""
    key = tuple((f, f.stat().st_mtime_ns if f is not None and f.exists() else None) for f in files)
    lex = _LEXICONS.get(key)
    if lex is None:
        lex = _LEXICONS[key] = load_lexicon(*files)
    return lex


def extract_chunk(args: tuple) -> list[list[Claim]]:
    """Worker process: extract a chunk of articles with the same vocabulary and context as the parent."""
    articles, ctx, files = args
    lex = worker_lexicon(tuple(files))
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
    bare = ctx.bare()  # the entity index stays in the parent; its names go with the context
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

"""Extraction on a Dask cluster (`kzview extract … --workers N` or `--scheduler ADDRESS`): the one module that
imports Dask, and only when it is asked for (`pip install 'kzview[cluster]'`).

The articles are cut into the same chunks as the local process pool's (kzview.parallel), each chunk is one task
(retried on another worker when its worker dies), and each worker reads the vocabulary once per chunk from the
files it is given. The claims come back in article order, so ids, groups and order are the same whichever path
made them.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from typing import Any

from kzview.extract import CorpusContext
from kzview.extract.lexicon import Lexicon
from kzview.model import Article, Claim
from kzview.parallel import ClusterSpec, chunked, extract_chunk


class ClusterError(RuntimeError):
    """The cluster cannot be used (Dask missing, a scheduler that does not answer): said, never a traceback."""


def extract_on_cluster(
    articles: list[Article],
    lex: Lexicon,
    ctx: CorpusContext,
    spec: ClusterSpec,
    progress: Callable[[int, int], None] | None = None,
) -> list[list[Claim]]:
    try:
        from distributed import Client, LocalCluster
    except ImportError as exc:  # the optional extra is not installed
        raise ClusterError("extraction on Dask needs the cluster extra: pip install 'kzview[cluster]'") from exc
    bare = CorpusContext(ctx.event_places, ctx.anchor, story_start=ctx.story_start, shared_places=ctx.shared_places)
    chunks = chunked(articles, spec.workers or 2)
    local = None
    try:
        if spec.scheduler:
            client = Client(spec.scheduler, timeout=spec.timeout)
        else:
            local = LocalCluster(
                n_workers=spec.workers or 2,
                threads_per_worker=1,
                processes=True,
                dashboard_address=None,
                silence_logs=logging.CRITICAL,  # its shutdown chatter is no news; a failed task is raised here
            )
            client = Client(local)
    except (OSError, TimeoutError) as exc:
        if local is not None:
            local.close()
        raise ClusterError(f"the Dask cluster cannot be reached: {exc}") from exc
    try:
        payloads = [(c, bare, lex.files) for c in chunks]
        sizes = [len(c) for c in chunks]
        results = run_tasks(client, extract_chunk, payloads, sizes, progress)
    finally:
        client.close()
        if local is not None:
            local.close()
    return [claims for part in results for claims in part]


def run_tasks(
    client: Any,
    task: Callable[[Any], Any],
    payloads: list[Any],
    sizes: list[int],
    progress: Callable[[int, int], None] | None = None,
) -> list[Any]:
    """Each payload as one task on the cluster, retried (twice) on another worker when its worker dies or it
    fails; the results in the payloads' order, whatever order they finish in."""
    from distributed import as_completed

    futures = client.map(task, payloads, retries=2, pure=False)
    position = {f.key: i for i, f in enumerate(futures)}
    results: list[Any] = [None] * len(payloads)
    done, total = 0, sum(sizes)
    for fut in as_completed(futures):
        i = position[fut.key]
        results[i] = fut.result()
        done += sizes[i]
        if progress:
            progress(done, total)
    return results

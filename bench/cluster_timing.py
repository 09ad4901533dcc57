"""Extraction on Dask against the single-process path, in one run (issue 16):

    python bench/cluster_timing.py [N]        # N generated articles (default 4,000)

For one process, then a LocalCluster of 1 and of 2 worker processes, each measured three ways: the cluster's start,
the vocabulary's load in every worker (reported apart), and the throughput of `kzview extract --out` on the
cluster (the workers reading, cleaning and extracting the files and writing their claims parts; this process
merging, verifying and reading the parts). The scaling ratio is the 2-worker throughput over the 1-worker one.
`bench/run.py` adds these rows to its table when the cluster extra is installed.
"""

from __future__ import annotations

import logging
import os
import shutil
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))

from corpus import generate

from kzview.extract import corpus_context
from kzview.extract.lexicon import load_lexicon
from kzview.ingest import load_corpus
from kzview.pipeline import extract_corpus

Row = Callable[[str, str, str, "float | None", str], None]


def _load_vocabulary() -> float:
    from kzview.parallel import worker_lexicon

    t = time.perf_counter()
    worker_lexicon((None, None))
    return time.perf_counter() - t


def _one_process(folder: Path) -> tuple[float, int]:
    lex = load_lexicon()
    t = time.perf_counter()
    corpus = load_corpus([folder])
    claims = extract_corpus(corpus.articles, lex, corpus_context(corpus.articles, lex), workers=1)
    return time.perf_counter() - t, len(claims)


def _on_cluster(folder: Path, workers: int) -> dict[str, float]:
    from distributed import Client, LocalCluster

    from kzview.cluster import load_on_cluster
    from kzview.parallel import ClusterSpec

    t = time.perf_counter()
    cluster = LocalCluster(
        n_workers=workers, threads_per_worker=1, processes=True, dashboard_address=None, silence_logs=logging.CRITICAL
    )
    client = Client(cluster)
    start = time.perf_counter() - t
    try:
        load = max(client.run(_load_vocabulary).values())
        out = Path(tempfile.mkdtemp(prefix="kzview-bench-store-"))
        try:
            spec = ClusterSpec(scheduler=cluster.scheduler_address, out=out)
            t = time.perf_counter()
            read = load_on_cluster([folder], load_lexicon(), 50 * 1024 * 1024, spec)
            run = time.perf_counter() - t
        finally:
            shutil.rmtree(out, ignore_errors=True)
    finally:
        client.close()
        cluster.close()
    return {"start": start, "load": load, "run": run, "articles": len(read.articles), "claims": len(read.claims)}


def cluster_rows(folder: Path, n: int, row: Row) -> None:
    one_t, one_claims = _one_process(folder)
    row(
        f"extraction in one process, {n:,} articles",
        f"{one_t:.2f} s = {n / one_t:,.0f} articles/s ({one_claims:,} claims)",
        "",
        None,
        "",
    )
    runs = {w: _on_cluster(folder, w) for w in (1, 2)}
    for w, r in runs.items():
        assert r["claims"] == one_claims, (w, r["claims"], one_claims)
        row(
            f"extraction on a {w}-worker LocalCluster, {n:,} articles",
            f"{r['run']:.2f} s = {n / r['run']:,.0f} articles/s (cluster start {r['start']:.2f} s, vocabulary "
            f"load {r['load'] * 1000:.0f} ms per worker, apart)",
            f"one process {one_t:.2f} s",
            one_t / r["run"],
            "",
        )
    row(
        f"Dask scaling, 2 workers over 1, {n:,} articles",
        f"{n / runs[2]['run']:,.0f} articles/s",
        f"1 worker {n / runs[1]['run']:,.0f} articles/s",
        runs[1]["run"] / runs[2]["run"],
        "≥ 1.6x",
    )


def main() -> None:
    n = int(sys.argv[1]) if len(sys.argv) > 1 else 4000
    root = Path(os.environ.get("KZVIEW_BENCH_DIR", "/tmp/kzview-bench"))
    folder = generate(root / f"c{n}", n)

    def row(what: str, value: str, baseline: str, ratio: float | None, target: str) -> None:
        print(f"| {what} | {value} | {baseline} | {'' if ratio is None else f'{ratio:.2f}x'} | {target} |", flush=True)

    print(f"{os.cpu_count()} cores\n| measure | kzview | baseline | ratio | target |\n|---|---|---|---|---|")
    cluster_rows(folder, n, row)


if __name__ == "__main__":
    main()

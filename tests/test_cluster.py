"""Extraction on Dask (#16): a 2-worker LocalCluster over loopback gives a claim store whose `claims` and
`conflicts` JSON are byte-identical to the single-process path's; a scheduler that does not answer is said."""

from __future__ import annotations

import os
import subprocess
import sys

import pytest

pytest.importorskip("distributed")

from conftest import write


def kz(*args: str, env: dict) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "kzview.cli", *args], capture_output=True, text=True, timeout=240, env=env
    )


def test_two_dask_workers_give_the_same_claims_and_groups_as_one_process(tmp_path):
    corpus = tmp_path / "c"
    for i in range(300):
        write(
            corpus,
            f"a{i:03}.txt",
            f"date: 2024-05-0{1 + i % 5}\nFerry fire\n\n{10 + i % 7} people were killed in the fire, police said. "
            f"{i % 4 + 2} boats sank off the cape, and {100 + i} passengers were rescued.",
        )
    env = {**os.environ, "XDG_CACHE_HOME": str(tmp_path / "cache")}
    one = kz("extract", str(corpus), "--out", str(tmp_path / "one"), "--no-cache", env=env)
    assert one.returncode == 0, one.stderr
    two = kz("extract", str(corpus), "--out", str(tmp_path / "two"), "--no-cache", "--workers", "2", env=env)
    assert two.returncode == 0, two.stderr
    assert "Traceback" not in two.stderr
    for command in ("claims", "conflicts"):
        a = kz(command, str(tmp_path / "one"), "--format", "json", env=env)
        b = kz(command, str(tmp_path / "two"), "--format", "json", env=env)
        assert a.returncode == 0 and b.returncode == 0
        assert a.stdout == b.stdout and len(a.stdout) > 1000, command


def test_a_scheduler_that_does_not_answer_is_said(tmp_path):
    from kzview.cluster import ClusterError, extract_on_cluster
    from kzview.extract import corpus_context
    from kzview.extract.lexicon import load_lexicon
    from kzview.ingest import load_corpus
    from kzview.parallel import ClusterSpec

    write(tmp_path, "a.txt", "Fire\n\nTwo people died.")
    articles = load_corpus([tmp_path]).articles
    lex = load_lexicon()
    with pytest.raises(ClusterError, match="cannot be reached"):
        extract_on_cluster(articles, lex, corpus_context(articles, lex), ClusterSpec("tcp://127.0.0.1:9", timeout=1))


def test_a_killed_workers_task_is_retried_not_lost(tmp_path):
    """Each task's first run kills its worker process; the nanny starts it again and the task runs again: every
    result comes back, in order."""
    from cluster_helpers import die_once
    from distributed import Client, LocalCluster

    from kzview.cluster import run_tasks

    payloads = [(str(tmp_path / f"died-{i}"), i) for i in range(4)]
    with (
        LocalCluster(n_workers=2, threads_per_worker=1, processes=True, dashboard_address=None) as cluster,
        Client(cluster) as client,
    ):
        assert run_tasks(client, die_once, payloads, [1] * 4) == [0, 2, 4, 6]
    assert all((tmp_path / f"died-{i}").exists() for i in range(4))  # each one did kill its worker once

"""Extraction on Dask (#16): a 2-worker LocalCluster over loopback gives a claim store whose `claims` and
`conflicts` JSON are byte-identical to the single-process path's; a scheduler that does not answer is said."""

from __future__ import annotations

import json
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
    for i in range(5):  # figures with a fraction beside whole ones: one column type in every part
        write(corpus, f"e{i}.txt", f"date: 2024-05-02\nFerry fire\n\nFares rose 1.5 percent; {i + 2} boats sank.")
    for i in range(20):  # no printed date: inferred over the whole corpus, which no one worker sees
        write(
            corpus, f"b{i:02}.txt", f"Ferry fire\n\nOn May {1 + i % 3}, 2024, {i + 3} people were hurt, officials said."
        )
    (corpus / "c-dup.jsonl").write_text('{"id": "a001", "text": "Fire\\n\\nNine people died."}\n', encoding="utf-8")
    (corpus / "d-bad.txt").write_bytes(b"\x00\x01\x02" * 400)  # no text: named, the rest loads
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
    # the same problems, named the same way and in the same order
    problems = [[line for line in run.stderr.splitlines() if "wrote" not in line] for run in (one, two)]
    assert problems[0] == problems[1] and len(problems[0]) == 2
    assert "duplicate article id 'a001'" in problems[1][0] and "d-bad.txt" in problems[1][1]
    # each partition's part, as its worker wrote it, is the store's: several, in order, each verified
    manifest = json.loads((tmp_path / "two" / "manifest.json").read_text())
    parts = sorted(n for n in manifest["parts"] if n.startswith("claims/"))
    assert len(parts) >= 4 and parts[0] == "claims/part-00000.parquet"
    assert sorted(p.name for p in (tmp_path / "two" / "claims").iterdir()) == [p.split("/")[1] for p in parts]


def test_the_workers_read_the_files_this_process_never_does(tmp_path, monkeypatch):
    """File names go to the workers, never texts: this process cannot read a file, and the store still comes."""
    import kzview.ingest as ingest
    from kzview.cluster import load_on_cluster
    from kzview.extract.lexicon import load_lexicon
    from kzview.parallel import ClusterSpec

    corpus = tmp_path / "c"
    for i in range(120):
        write(corpus, f"a{i:03}.txt", f"date: 2024-05-02\nQuake\n\n{i + 1} people were killed, officials said.")

    def refuse(*_a, **_k):
        raise AssertionError("the parent read a file")

    monkeypatch.setattr(ingest, "read_source", refuse)
    read = load_on_cluster([corpus], load_lexicon(), 10**7, ClusterSpec(workers=2, out=tmp_path / "store"))
    assert len(read.articles) == 120 and not read.problems
    assert sorted(c.low for c in read.claims if c.topic == "deaths") == list(range(1, 121))
    assert len(read.parts) >= 2


def test_a_run_that_fails_leaves_no_half_store(tmp_path):
    write(tmp_path / "c", "a.txt", "Fire\n\nTwo people died.")
    env = {**os.environ, "XDG_CACHE_HOME": str(tmp_path / "cache")}
    out = tmp_path / "new"
    run = kz("extract", str(tmp_path / "c"), "--out", str(out), "--scheduler", "tcp://127.0.0.1:9", env=env)
    assert run.returncode == 1 and "cannot be reached" in run.stderr and "Traceback" not in run.stderr
    assert not out.exists()


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


def _export(path, n: int) -> None:
    lines = []
    for i in range(n):
        if i % 97 == 0:
            lines.append("")  # blank lines are skipped, and still counted
        elif i % 211 == 0:
            lines.append('{"text": ')  # a broken record: named with its line number
        else:
            record = {"text": f"Quake\n\n{i % 40 + 1} people were killed in the quake, officials said. " + "x" * 300}
            if i % 3 == 0:
                record["id"] = f"r{i % 300}"  # ids given, and some given twice, in different ranges
            lines.append(json.dumps(record))
    path.write_text("\n".join(lines), encoding="utf-8")  # no line break at the end


def test_a_big_json_lines_export_is_read_in_ranges_by_many_workers(tmp_path):
    from kzview.cluster import partition_sources
    from kzview.ingest.files import discover

    corpus = tmp_path / "c"
    corpus.mkdir()
    _export(corpus / "export.jsonl", 1500)
    (corpus / "blank.jsonl").write_text("\n" * 300_000, encoding="utf-8")  # cut in ranges too: one "empty file"
    parts = partition_sources(discover([corpus])[0], 2, 10**8)
    spans = [s.span for p in parts for s in p if s.path.name == "export.jsonl"]
    assert len(spans) >= 2 and all(spans)  # cut into ranges, each a partition of its own
    env = {**os.environ, "XDG_CACHE_HOME": str(tmp_path / "cache")}
    one = kz("extract", str(corpus), "--out", str(tmp_path / "one"), "--no-cache", env=env)
    two = kz("extract", str(corpus), "--out", str(tmp_path / "two"), "--no-cache", "--workers", "2", env=env)
    assert one.returncode == 0 and two.returncode == 0, two.stderr
    problems = [[line for line in run.stderr.splitlines() if "wrote" not in line] for run in (one, two)]
    assert problems[0] == problems[1] and any("line 212" in p for p in problems[0])
    assert any("duplicate article id" in p for p in problems[0]) and any("empty file" in p for p in problems[0])
    for command in ("claims", "conflicts"):
        a = kz(command, str(tmp_path / "one"), "--format", "json", env=env)
        b = kz(command, str(tmp_path / "two"), "--format", "json", env=env)
        assert a.stdout == b.stdout and len(a.stdout) > 1000, command


def test_a_run_that_reads_no_article_leaves_no_folder_and_a_left_part_is_no_obstacle(tmp_path):
    corpus = tmp_path / "c"
    for i in range(3):
        write(corpus, f"a{i}.txt", "")
    env = {**os.environ, "XDG_CACHE_HOME": str(tmp_path / "cache")}
    out = tmp_path / "new"
    run = kz("extract", str(corpus), "--out", str(out), "--workers", "2", env=env)
    assert run.returncode == 1 and "no article" in run.stderr and not out.exists()
    # a part a killed run's late task wrote: the next extract takes the folder and removes it
    (out / "claims").mkdir(parents=True)
    (out / "claims" / ".part-00009.parquet.tmp").write_bytes(b"late")
    write(corpus, "b.txt", "Fire\n\nTwo people died in the fire.")
    run = kz("extract", str(corpus), "--out", str(out), "--workers", "2", env=env)
    assert run.returncode == 0, run.stderr
    assert sorted(p.name for p in (out / "claims").iterdir()) == ["part-00000.parquet"]


def test_a_file_this_process_cannot_cut_goes_whole(tmp_path, monkeypatch):
    import kzview.cluster as cluster
    from kzview.ingest.files import discover

    _export(tmp_path / "export.jsonl", 1500)

    def refuse(*_a, **_k):
        raise PermissionError("permission denied")

    monkeypatch.setattr(cluster, "jsonl_spans", refuse)
    parts = cluster.partition_sources(discover([tmp_path])[0], 2, 10**8)
    assert [s.span for p in parts for s in p] == [None]  # its worker reads it, and names why it cannot

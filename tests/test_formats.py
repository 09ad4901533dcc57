"""Real-world input: HTML, JSON lines, sidecar metadata, encodings, bad files, hostile text, huge texts."""

from __future__ import annotations

import datetime as dt
import json
import shutil
import subprocess
import sys
from pathlib import Path

from conftest import write
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from kzview.cli import main
from kzview.ingest import load_corpus, read_limit
from kzview.store import build_store

HTML = Path(__file__).parent / "html"


def test_html_pages_give_only_the_article_figures(tmp_path):
    for f in HTML.iterdir():
        shutil.copy(f, tmp_path / f.name)
    store = build_store(load_corpus([tmp_path]))
    by = {a.id: a for a in store.articles}
    quake = by["quake"]
    assert quake.title == "Quake kills 40 in the valley" and quake.outlet == "Daily Planet"
    assert quake.date == dt.date(2023, 2, 7) and not quake.date_inferred
    surfaces = {(c.article, c.surface) for c in store.claims if c.kind != "date"}
    assert {("quake", "At least 40"), ("quake", "200"), ("quake", "12"), ("quake", "About 3,000")} <= surfaces
    junk = {"99", "1000", "5", "7", "3", "555-0100", "Top 10"}
    assert not [s for a, s in surfaces if a == "quake" and s in junk]
    storm = {s for a, s in surfaces if a == "storm"}
    assert {"three", "at least 25", "More than 80,000", "400"} <= storm and "50%" not in storm and "2" not in storm


def test_json_lines_stream_and_name_bad_lines(tmp_path):
    lines = [
        json.dumps(
            {
                "id": "r1",
                "title": "Flood in the north",
                "text": "Nine people died in the flood.",
                "outlet": "Wire",
                "date": "2023-05-01",
                "url": "https://w.example/1",
            }
        ),
        "{not json",
        json.dumps({"id": "r2", "title": "No body here"}),
        json.dumps({"title": "Flood toll rises", "body": "The toll rose to 14, officials said.", "date": "2023-05-03"}),
        "",
    ]
    write(tmp_path, "feed.jsonl", "\n".join(lines))
    corpus = load_corpus([tmp_path])
    ids = [a.id for a in corpus.articles]
    assert ids == ["r1", "feed#4"]  # file order
    r1 = next(a for a in corpus.articles if a.id == "r1")
    assert (r1.outlet, r1.url, r1.date, r1.title) == (
        "Wire",
        "https://w.example/1",
        dt.date(2023, 5, 1),
        "Flood in the north",
    )
    reasons = sorted(p.reason for p in corpus.problems)
    assert reasons[0].startswith("line 2: invalid JSON") and reasons[1] == "line 3: record has no text; skipped"


def test_json_file_with_a_list_of_records(tmp_path):
    write(
        tmp_path,
        "export.json",
        json.dumps(
            {
                "articles": [
                    {"id": "a", "text": "Storm\n\nTwo people died."},
                    {"id": "b", "content": "Quake\n\nFour people died."},
                ]
            }
        ),
    )
    assert [a.id for a in load_corpus([tmp_path]).articles] == ["a", "b"]
    write(tmp_path / "bad", "broken.json", '{"id": ')
    corpus = load_corpus([tmp_path / "bad"])
    assert not corpus.articles and "invalid JSON at line 1" in corpus.problems[0].reason


def test_sidecar_metadata_overrides_what_was_inferred(tmp_path):
    write(tmp_path, "a.txt", "Storm hits the coast\n\nOn March 3, 2021 two people died.")
    write(tmp_path, "b.txt", "Storm hits the coast\n\nFour people died.")
    write(tmp_path, "sources.csv", "id,outlet,url,date\na,Coastal Times,https://ct.example/a,2021-03-04\n,x,y,z\n")
    write(tmp_path, "kzview.toml", '[articles.b]\noutlet = "Wire Service"\nlanguage = "en"\n')
    corpus = load_corpus([tmp_path])
    by = {a.id: a for a in corpus.articles}
    assert (by["a"].outlet, by["a"].date, by["a"].date_inferred) == ("Coastal Times", dt.date(2021, 3, 4), False)
    assert (by["b"].outlet, by["b"].language) == ("Wire Service", "en")
    assert any("line 3: no id" in p.reason for p in corpus.problems)
    assert not any("sources.csv" in p.path and "unsupported" in p.reason for p in corpus.problems)


def test_encodings(tmp_path):
    text = "Storm hits the coast\r\n\r\nAt least 12 people died in Saint-Étienne, “officials” said.\r\n"
    write(tmp_path, "utf8bom.txt", b"\xef\xbb\xbf" + text.encode("utf-8"))
    write(tmp_path, "utf16.txt", text.encode("utf-16"))
    write(tmp_path, "utf16le.txt", text.encode("utf-16-le"))
    write(tmp_path, "cp1252.txt", text.encode("cp1252"))
    write(tmp_path, "latin1.txt", text.replace("“", '"').replace("”", '"').encode("latin-1"))
    corpus = load_corpus([tmp_path])
    assert len(corpus.articles) == 5, corpus.problems
    for a in corpus.articles:
        assert "\r" not in a.text and "Saint-Étienne" in a.text


def test_every_bad_input_is_named_once_and_the_rest_loads(tmp_path, capsys):
    write(tmp_path, "good.txt", "Storm hits the coast\n\nTwo people died.")
    write(tmp_path, "empty.txt", "")
    write(tmp_path, "blob.txt", bytes(range(256)) * 4)
    write(tmp_path, "notes.docx", b"PK")
    write(tmp_path, "big.txt", "x" * 3000)
    write(tmp_path, "feed.jsonl", '{"text": "Flood\\n\\nNine people died."}\n{oops\n')
    (tmp_path / "dangling.txt").symlink_to(tmp_path / "nowhere.txt")
    code = main(["claims", str(tmp_path), "--format", "json", "--max-size", "0.002", "--no-cache"])
    out = capsys.readouterr()
    assert code == 0
    err_lines = out.err.strip().splitlines()
    for name, reason in (
        ("empty.txt", "empty file"),
        ("blob.txt", "binary"),
        ("notes.docx", "unsupported"),
        ("big.txt", "limit"),
        ("feed.jsonl", "line 2"),
        ("dangling.txt", "broken symbolic link"),
    ):
        hits = [e for e in err_lines if name in e]
        assert len(hits) == 1 and reason in hits[0], (name, hits)
    assert {c["article"] for c in json.loads(out.out)} == {"good", "feed#1"}


def test_standard_input(tmp_path):
    r = subprocess.run(
        [sys.executable, "-m", "kzview", "claims", "-", "--format", "json", "--no-cache"],
        input="Flood in the valley\n\nAt least 9 people died, police said.",
        capture_output=True,
        text=True,
        timeout=60,
        cwd=tmp_path,
    )
    assert r.returncode == 0, r.stderr
    claims = json.loads(r.stdout)
    assert claims[0]["article"] == "stdin" and claims[0]["surface"] == "At least 9"


def test_huge_inputs_load(tmp_path):
    write(tmp_path, "lines.txt", "Many lines\n" + "\n".join(f"line {i}: {i % 90} people hurt" for i in range(100_000)))
    write(tmp_path, "long.txt", "Long line\n\n" + ("word " * 200_000) + " " + "x" * 300_000 + " 5 people died.")
    corpus = load_corpus([tmp_path])
    store = build_store(corpus)
    assert len(store.articles) == 2
    lines = next(a for a in store.articles if a.id == "lines")
    within = lines.text[: read_limit(lines.text)].count("people hurt")  # 2.7 MB: read up to the budget, named
    assert within > 70_000 and sum(1 for c in store.claims if c.article == "lines") >= within - 10
    assert any(p.path.endswith("lines.txt") and "read for figures" in p.reason for p in corpus.problems)
    assert any(c.article == "long" and c.surface == "5" for c in store.claims)  # 1.3 MB on one line: read whole


@settings(
    max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture]
)
@given(st.binary(max_size=2000), st.sampled_from([".txt", ".md", ".json", ".jsonl", ".html"]))
def test_any_bytes_in_any_format_never_crash_and_offsets_hold(tmp_path, data, suffix):
    folder = tmp_path / "h"
    shutil.rmtree(folder, ignore_errors=True)
    write(folder, f"x{suffix}", data)
    store = build_store(load_corpus([folder]))
    texts = {a.id: a.text for a in store.articles}
    for c in store.claims:
        assert texts[c.article][c.start : c.end] == c.surface
    assert store.articles or store.problems


async def test_watch_mode_picks_up_new_changed_and_removed_files(tmp_path):
    import asyncio
    import time

    from kzview.tui.app import KzviewApp

    write(tmp_path, "a.txt", "Storm hits the coast\n\nTwo people died in the storm.")
    write(tmp_path, "b.txt", "Storm hits the coast\n\nFour people died, police said.")
    app = KzviewApp(paths=[tmp_path], db=tmp_path / "v.db", watch=True)

    async def until(check, limit: float = 15.0) -> float:  # functional, not a timing test: machines are noisy
        t = time.perf_counter()
        while time.perf_counter() - t < limit:
            await asyncio.sleep(0.05)
            if check():
                return time.perf_counter() - t
        raise AssertionError("the change was not picked up")

    async with app.run_test(size=(120, 40)) as pilot:
        await until(lambda: app.loaded)
        await pilot.pause(0.5)  # the watcher starts after the first load
        write(tmp_path, "c.txt", "Storm hits the coast\n\nNine people died, officials said.")
        await until(lambda: "c" in app.store.article_by_id)
        assert any("added" in str(n.message) and "c.txt" in str(n.message) for n in app._notifications)
        write(tmp_path, "a.txt", "Storm hits the coast\n\nThree people died in the storm.")
        await until(lambda: any(c.surface == "Three" for c in app.store.claims))
        (tmp_path / "b.txt").unlink()
        await until(lambda: "b" not in app.store.article_by_id)
        assert {a.id for a in app.store.articles} == {"a", "c"}
        assert not any(c.surface == "Two" for c in app.store.claims)


async def test_watch_mode_reads_only_what_changed_and_outlives_its_folder(tmp_path):
    """A reload reads only the files that changed (counted, not timed), and a folder that disappears is said and
    read again when it comes back."""
    import asyncio
    import shutil
    import time

    from kzview.tui.app import KzviewApp

    corpus = tmp_path / "corpus"
    for i in range(30):
        write(corpus, f"a{i:02}.txt", f"Storm hits the coast\n\n{i + 2} people died in the storm, police said.")
    app = KzviewApp(paths=[corpus], db=tmp_path / "v.db", watch=True, use_cache=False)

    async def until(check, limit: float = 15.0) -> None:
        t = time.perf_counter()
        while time.perf_counter() - t < limit:
            await asyncio.sleep(0.05)
            if check():
                return
        raise AssertionError("not seen in time")

    async with app.run_test(size=(120, 40)) as pilot:
        await until(lambda: app.loaded)
        assert app._read_memo is not None and app._read_memo.reads == 30
        await pilot.pause(0.5)
        write(corpus, "a05.txt", "Storm hits the coast\n\nNine people died in the storm, police said.")
        await until(lambda: any(c.surface == "Nine" for c in app.store.claims))
        assert app._read_memo.reads == 1  # one file changed: one file read
        backup = tmp_path / "backup"
        shutil.copytree(corpus, backup)
        shutil.rmtree(corpus)  # each file's deletion is reported before the folder's
        await until(lambda: any("is gone" in str(n.message) for n in app._notifications))
        assert len(app.store.articles) == 30  # what was read stays on screen
        shutil.move(str(backup), str(corpus))
        await until(lambda: any("is back" in str(n.message) for n in app._notifications))
        write(corpus, "a06.txt", "Storm hits the coast\n\nEleven people died in the storm, police said.")
        await until(lambda: any(c.surface == "Eleven" for c in app.store.claims))

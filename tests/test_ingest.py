"""Reading files: formats, encodings, bad files, titles, dates, furniture."""

from __future__ import annotations

import datetime as dt
import os

import pytest
from conftest import SEEDS, article, write

from kzview.ingest import bundled_corpus_path, load_corpus
from kzview.ingest.files import decode


def test_bundled_corpus_has_the_five_samples():
    names = sorted(p.name for p in bundled_corpus_path().iterdir())
    assert len(names) == 5 and names[0] == "000_a86a21f8747b61cf.txt"


def test_article_id_is_the_stem_and_dirs_are_read_recursively(tmp_path):
    write(tmp_path, "a/one.txt", "Storm hits coast\n\nTwo people died.")
    write(tmp_path, "b/c/two.md", "Quake hits city\n\nFive people died.")
    corpus = load_corpus([tmp_path])
    assert [a.id for a in corpus.articles] == ["one", "two"]


def test_shared_stems_use_the_relative_path(tmp_path):
    write(tmp_path, "x/story.txt", "Storm hits coast today\n\nTwo people died.")
    write(tmp_path, "y/story.txt", "Quake hits the city\n\nFive people died.")
    assert [a.id for a in load_corpus([tmp_path]).articles] == ["x/story", "y/story"]


@pytest.mark.parametrize(
    ("data", "expected"),
    [
        ("Café crowd of 5,000\r\nline two".encode(), "Café crowd of 5,000\nline two"),
        (b"\xef\xbb\xbfBOM text", "BOM text"),
        ("UTF-16 text".encode("utf-16"), "UTF-16 text"),
        ("Caf\xe9 \u201cquoted\u201d".encode("cp1252"), "Café “quoted”"),
    ],
)
def test_decoding(data, expected):
    assert decode(data) == expected


def test_bad_files_are_named_and_the_rest_loads(tmp_path):
    write(tmp_path, "good.txt", "Storm hits coast today\n\nTwo people died.")
    write(tmp_path, "empty.txt", "")
    write(tmp_path, "binary.txt", b"\x00\x01\x02PNG\x00")
    write(tmp_path, "notes.pdf", b"%PDF")
    locked = write(tmp_path, "locked.txt", "secret")
    locked.chmod(0)
    os.symlink(tmp_path / "missing.txt", tmp_path / "dangling.txt")
    corpus = load_corpus([tmp_path, tmp_path / "nope"])
    assert [a.id for a in corpus.articles] == ["good"] + (["locked"] if os.geteuid() == 0 else [])
    reasons = {os.path.basename(p.path): p.reason for p in corpus.problems}
    assert reasons["empty.txt"] == "empty file"
    assert "binary" in reasons["binary.txt"]
    assert "unsupported" in reasons["notes.pdf"]
    assert "broken symbolic link" in reasons["dangling.txt"]
    assert "no such file" in reasons["nope"]
    if os.geteuid() != 0:
        assert "permission" in reasons["locked.txt"]


def test_directory_loop_is_skipped(tmp_path):
    write(tmp_path, "d/a.txt", "Storm hits coast today\n\nTwo people died.")
    os.symlink(tmp_path / "d", tmp_path / "d" / "loop")
    corpus = load_corpus([tmp_path])
    assert [a.id for a in corpus.articles] == ["a"]
    assert any("loop" in p.reason for p in corpus.problems)


def test_size_limit(tmp_path):
    write(tmp_path, "big.txt", "x" * 2000)
    corpus = load_corpus([tmp_path], max_bytes=1000)
    assert not corpus.articles and "limit" in corpus.problems[0].reason


def test_title_skips_site_furniture_and_breadcrumbs():
    a = article(
        "TOP News\n\nHome World Flood kills 30 in the valley\n\nFlood kills 30 in the valley\n\nby admin\n\nText."
    )
    assert a.title == "Flood kills 30 in the valley"
    kinds = {a.text[r.start : r.end]: r.kind for r in a.regions}
    assert kinds["TOP News"] == "furniture"
    assert kinds["Home World Flood kills 30 in the valley"] == "duplicate"
    assert kinds["by admin"] == "furniture"


def test_date_marker_front_matter_and_inferred_dates():
    a = article(" date 2022-01-06 Storm hits the coast\n\nText.")
    assert (a.date, a.date_inferred, a.title) == (dt.date(2022, 1, 6), False, "Storm hits the coast")
    b = article("---\ntitle: Quake\ndate: 2023-02-07\noutlet: Daily Planet\n---\nQuake hits the city hard\n\nText.")
    assert (b.date, b.outlet, b.title) == (dt.date(2023, 2, 7), "Daily Planet", "Quake")
    c = article("Fire guts market in the old town\n\nOn March 3, 2021 a fire broke out. By March 5 it was out.")
    assert (c.date, c.date_inferred) == (dt.date(2021, 3, 5), True)
    d = article("Fire guts market in the old town\n\nA fire broke out on Tuesday.")
    assert d.date is None


def test_undated_article_takes_its_year_from_the_corpus(tmp_path):
    write(tmp_path, "a.txt", "date: 2022-01-06\nRiots spread to the capital\n\nText.")
    write(tmp_path, "b.txt", "Riots spread across the country\n\nThe first appeal was on January 5.")
    dates = {a.id: (a.date, a.date_inferred) for a in load_corpus([tmp_path]).articles}
    assert dates["b"] == (dt.date(2022, 1, 5), True)


def test_sample_regions():
    corpus = load_corpus([SEEDS])
    by = {a.id[:3]: a for a in corpus.articles}
    assert by["003"].title.startswith("Kazakhstan in chaos")
    assert by["004"].date == dt.date(2022, 1, 6)
    tail = [r for r in by["002"].regions if r.kind == "bio"]
    assert tail and "Phone" in by["002"].text[tail[0].start : tail[0].end]
    adblock = by["002"].text.index("Adblock Detected")
    assert by["002"].in_region(adblock, adblock + 5) is not None
    video = by["000"].text.index("Video: Sudanese")
    assert by["000"].in_region(video, video + 5).kind == "caption"


@pytest.mark.parametrize("ending", ["\n", ""])
@pytest.mark.parametrize("part", [1, 200, 5_000, 10**7])
def test_a_json_lines_file_read_in_ranges_gives_what_it_gives_whole(tmp_path, ending, part):
    """The ranges a cluster's workers read (kzview.ingest.files.jsonl_spans): together, the same records, ids,
    line numbers and problems as the file read whole, whatever the cut."""
    import json as _json

    from kzview.ingest.files import Source, jsonl_spans
    from kzview.ingest.formats import read_source

    lines = []
    for i in range(300):
        if i % 23 == 0:
            lines.append("")
        elif i % 41 == 0:
            lines.append("{broken")
        else:
            lines.append(_json.dumps({"text": f"Fire\n\n{i} people died. " + "x" * (i % 50)}))
    path = tmp_path / "export.jsonl"
    path.write_text("\n".join(lines) + ending, encoding="utf-8")
    size = path.stat().st_size
    whole = read_source(Source(path, "export"))
    spans = jsonl_spans(path, size, part)
    assert spans[0][0] == 0 and spans[-1][1] == size
    assert all(a[1] == b[0] for a, b in zip(spans, spans[1:], strict=False))
    docs, problems = [], []
    for start, end, line in spans:
        d, p = read_source(Source(path, "export", (start, end), line))
        docs += d
        problems += p
    assert [(d.article_id, d.path, d.text) for d in docs] == [(d.article_id, d.path, d.text) for d in whole[0]]
    assert problems == whole[1] and problems

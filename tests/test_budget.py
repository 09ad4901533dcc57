"""A huge text is read for figures up to a per-text budget, named in the problems, and the rest of the corpus loads
(#12: time and memory stay proportional). The budget is lowered here so the test reads kilobytes, not megabytes."""

from __future__ import annotations

from conftest import write

import kzview.ingest as ingest
from kzview.ingest import load_corpus, read_limit
from kzview.store import build_store


def test_a_text_past_the_budget_is_read_up_to_it_and_named(tmp_path, monkeypatch):
    monkeypatch.setattr(ingest, "READ_BUDGET", 4_000)
    line = "Police said 12 people were arrested in the square on Monday.\n"
    write(tmp_path, "huge.txt", "Arrests\n\n" + line * 400 + "In the end 999 people were killed.\n")
    write(tmp_path, "small.txt", "Arrests\n\nPolice said 14 people were arrested in the square on Monday.")
    corpus = load_corpus([tmp_path])
    assert {a.id for a in corpus.articles} == {"huge", "small"}
    notes = [p.reason for p in corpus.problems if p.path.endswith("huge.txt")]
    assert notes and "were read for figures" in notes[0] and "4 KB" in notes[0]
    store = build_store(corpus, workers=1)
    huge = next(a for a in store.articles if a.id == "huge")
    limit = read_limit(huge.text)
    assert limit <= 4_000 and huge.text[limit] == "\n"  # cut at a line break, no sentence halved
    claims = [c for c in store.claims if c.article == "huge" and c.kind != "date"]
    assert claims and all(c.end <= limit for c in claims)
    assert not any(c.surface == "999" for c in claims)
    assert any(c.article == "small" and c.surface == "14" for c in store.claims)
    for c in store.claims:
        art = next(a for a in store.articles if a.id == c.article)
        assert art.text[c.start : c.end] == c.surface


def test_a_text_within_the_budget_is_read_whole():
    text = "a" * 100
    assert read_limit(text) == 100

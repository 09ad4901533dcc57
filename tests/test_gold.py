"""The gold sets: extraction must keep the quality the note reports (not a timing test: a quality floor)."""

from __future__ import annotations

from pathlib import Path

import pytest

from kzview.evaluate import evaluate, load_gold
from kzview.ingest import bundled_corpus_path, load_corpus
from kzview.store import build_store

GOLD = Path(__file__).parent / "gold"


@pytest.mark.parametrize(
    ("gold", "corpus"),
    [("samples.jsonl", None), ("news.jsonl", "news"), ("heldout.jsonl", "heldout")],
)
def test_gold_sets(gold, corpus):
    path = bundled_corpus_path() if corpus is None else GOLD / corpus
    store = build_store(load_corpus([path]))
    report = evaluate(load_gold(GOLD / gold), store.claims, store.articles)
    assert not [e for e in report.errors if "not in the text" in e]
    assert report.detection.recall >= 0.95, report.errors
    assert report.detection.precision >= 0.90, report.errors
    assert report.fields["topic"].precision >= 0.95
    assert report.fields["interval"].precision >= 0.95


def test_gold_locating_respects_number_boundaries():
    from kzview.evaluate import Gold, _locate

    assert _locate(Gold("a", "16", 1, "deaths"), "164 and 2016 and 16") == (17, 19)

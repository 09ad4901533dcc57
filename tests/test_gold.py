"""The gold sets: extraction must keep the quality the note reports (not a timing test: a quality floor)."""

from __future__ import annotations

from pathlib import Path

import pytest

from kzview.evaluate import evaluate, load_gold
from kzview.ingest import bundled_corpus_path, load_corpus
from kzview.store import build_store

GOLD = Path(__file__).parent / "gold"


@pytest.mark.parametrize(
    ("gold", "corpus", "recall", "precision"),
    # floors at what is measured: the samples whole; each of the other two sets misses one figure of its ~40
    [("samples.jsonl", None, 1.0, 1.0), ("news.jsonl", "news", 0.97, 1.0), ("heldout.jsonl", "heldout", 0.96, 1.0)],
)
def test_gold_sets(gold, corpus, recall, precision):
    path = bundled_corpus_path() if corpus is None else GOLD / corpus
    store = build_store(load_corpus([path]))
    report = evaluate(load_gold(GOLD / gold), store.claims, store.articles)
    assert not [e for e in report.errors if "not in the text" in e]
    assert report.detection.recall >= recall, report.errors
    assert report.detection.precision >= precision, report.errors
    assert report.fields["topic"].precision >= 0.95
    assert report.fields["interval"].precision >= 0.95


def test_gold_locating_respects_number_boundaries():
    from kzview.evaluate import Gold, _locate

    assert _locate(Gold("a", "16", 1, "deaths"), "164 and 2016 and 16") == (17, 19)


def test_a_cue_in_a_body_that_repeats_its_headline_is_scored_where_first_told(tmp_path):
    """kzview reads a repeated passage once (the body's copy of the headline is a `duplicate` region): a gold cue
    that points at the copy (with its line break) is scored on the figure read from the first telling."""
    import json

    from kzview.evaluate_cues import load_cluster_gold, score_cluster
    from kzview.store import build_store

    folder = tmp_path / "storm_cluster"
    folder.mkdir()
    lead = (
        "Luckily, nobody was hurt when the roof of the old mill on the river fell in on Sunday night, but the fire"
        " service said the damage to the listed building would take a year and a great deal of money to repair."
    )
    (folder / "01_wire.txt").write_text(f"{lead}\n\n{lead}\n\nThe mill had been empty for years.\n", encoding="utf-8")
    gold = tmp_path / "storm_cluster.json"
    cue = "\nLuckily, nobody was hurt"
    gold.write_text(
        json.dumps({"claims": [{"a": "01", "cue": cue, "topic": "injuries", "low": 0, "high": 0, "req": True}]}),
        encoding="utf-8",
    )
    store = build_store(load_corpus([folder]))
    article = store.articles[0]
    assert any(r.kind == "duplicate" for r in article.regions)
    score = score_cluster(load_cluster_gold(gold), store.articles, store.claims, store.groups)
    assert score.recall.right == 1 and score.precision.right == score.precision.total, score.failures


def test_a_top_row_of_two_other_figures_no_check_pairs_is_unverified_not_right(tmp_path):
    """A conflict of two figures the gold tags only `other` says nothing of what they measure: unless a group check
    pairs them, the row is neither right nor wrong, and is listed for a person to judge."""
    import json

    from kzview.evaluate_cues import format_table, load_cluster_gold, score_cluster
    from kzview.store import build_store

    folder = tmp_path / "raid_cluster"
    folder.mkdir()
    (folder / "01_a.txt").write_text("date: 2024-03-01\nRaid\n\nPolice seized 14 rifles in the raid.\n")
    (folder / "02_b.txt").write_text("date: 2024-03-01\nRaid\n\nPolice seized six rifles in the raid.\n")
    claims = [
        {"a": "01", "cue": "seized 14 rifles", "topic": "other", "low": 14, "high": 14, "req": True},
        {"a": "02", "cue": "seized six rifles", "topic": "other", "low": 6, "high": 6, "req": True},
    ]
    gold = tmp_path / "raid_cluster.json"
    gold.write_text(json.dumps({"claims": claims}), encoding="utf-8")
    store = build_store(load_corpus([folder]))
    assert any(g.status.value == "conflict" for g in store.groups)
    score = score_cluster(load_cluster_gold(gold), store.articles, store.claims, store.groups)
    assert (score.top.right, score.top.total, score.top_unverified) == (0, 0, 1)
    assert any(f.startswith("top conflict unverified") for f in score.failures)
    assert "+1?" in format_table([score])
    # with a check that pairs them, the same row is verified right
    gold.write_text(
        json.dumps(
            {
                "claims": claims,
                "conflicts": [
                    {
                        "name": "rifles",
                        "must_group": [["01", "seized 14 rifles"], ["02", "seized six rifles"]],
                        "status": ["conflict"],
                    }
                ],
            }
        ),
        encoding="utf-8",
    )
    score = score_cluster(load_cluster_gold(gold), store.articles, store.claims, store.groups)
    assert (score.top.right, score.top.total, score.top_unverified) == (1, 1, 0)

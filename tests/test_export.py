"""Reports: Markdown, CSV, JSON, ClaimReview; hostile text stays inert in each."""

from __future__ import annotations

import csv
import io
import json

from conftest import write

from kzview.cli import main
from kzview.export import claimreview, csv_report, json_report, markdown_report
from kzview.ingest import load_corpus
from kzview.store import build_store
from kzview.verdicts import VerdictStore


def judged_store(tmp_path):
    corpus = tmp_path / "corpus"
    write(corpus, "a.txt", "Attack on base\n\nSixteen soldiers were killed, the army said.")
    write(corpus, "b.txt", '=HYPERLINK("http://evil")\n\n**18** soldiers [were](x) killed <b>today</b>, police said.')
    store = build_store(load_corpus([corpus]))
    store.attach_verdicts(VerdictStore(corpus / ".kzview.db"))
    g = next(g for g in store.groups if g.topic == "deaths" and g.rule != "within-article")
    store.set_verdict("group", g.id, "disputed", "=cmd|' /C calc'!A0 call the army")
    return store, g, corpus


def test_markdown_report_carries_verdicts_and_escapes_text(tmp_path):
    store, g, _ = judged_store(tmp_path)
    report = markdown_report(store)
    assert "**Verdict:** disputed" in report and "call the army" in report
    assert "\\*\\*18\\*\\*" in report and "\\[were\\]\\(x\\)" in report and "<b>" not in report


def test_csv_defuses_formulas(tmp_path):
    store, _, _ = judged_store(tmp_path)
    rows = list(csv.reader(io.StringIO(csv_report(store))))
    header, body = rows[0], rows[1:]
    assert "group_verdict" in header and body
    for row in body:
        for cell in row:
            assert not cell.startswith(("=", "+", "-", "@")), cell
    notes = {row[header.index("group_note")] for row in body}
    assert "'=cmd|' /C calc'!A0 call the army" in notes


def test_json_report(tmp_path):
    store, g, _ = judged_store(tmp_path)
    data = json.loads(json_report(store))
    mine = next(d for d in data if d["id"] == g.id)
    assert mine["verdict"]["verdict"] == "disputed" and mine["figures"]


def test_claimreview_is_json_ld_with_the_required_fields(tmp_path):
    store, g, _ = judged_store(tmp_path)
    items = json.loads(claimreview(store, author="Desk"))
    assert len(items) == 1
    review = items[0]
    assert review["@context"] == "https://schema.org" and review["@type"] == "ClaimReview"
    assert review["claimReviewed"] and review["datePublished"]
    assert review["reviewRating"]["@type"] == "Rating" and review["reviewRating"]["alternateName"] == "disputed"
    assert 1 <= review["reviewRating"]["ratingValue"] <= 5
    assert review["itemReviewed"]["@type"] == "Claim" and len(review["itemReviewed"]["appearance"]) == 2
    assert review["author"] == {"@type": "Person", "name": "Desk"}


def test_export_command(tmp_path, capsys):
    _, _, corpus = judged_store(tmp_path)
    out = tmp_path / "report.md"
    assert main(["export", str(corpus), "--format", "md", "-o", str(out)]) == 0
    assert "disputed" in out.read_text(encoding="utf-8")
    assert main(["export", str(corpus), "--format", "claimreview"]) == 0
    assert json.loads(capsys.readouterr().out)[0]["@type"] == "ClaimReview"

"""Reports: Markdown, CSV, JSON, ClaimReview; hostile text stays inert in each."""

from __future__ import annotations

import csv
import io
import json
import re

import pytest
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
    assert "\\*\\*18\\*\\*" in report and "\\[were\\](x)" in report and "<b>" not in report


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


@pytest.mark.parametrize(
    "text",
    [
        "**18** soldiers [were](x) killed <b>today</b> & more",
        "A 5.2 magnitude quake, well-known (to locals); U.S. figures: 1,200-1,500.",
        "# not a heading",
        "1. not a list",
        "- not a list either",
        "> not a quote",
        "a | b | c",
        "&copy; &#169; entities stay text",
        "~~not struck~~ and _not em_ and `not code`",
        "![img](http://x) and <script>alert(1)</script>",
        "back\\slash \\* and a trailing backslash \\",
    ],
)
def test_markdown_renders_untrusted_text_as_itself_and_escapes_only_what_it_must(text):
    """Rendered by a CommonMark renderer (with tables), the escaped text reads exactly as written; and plain
    punctuation that renders as itself (a dot, a hyphen, parentheses) is left unescaped for people reading raw."""
    import html

    from markdown_it import MarkdownIt

    from kzview.export import md

    escaped = md(text)
    rendered = MarkdownIt("commonmark").enable("table").enable("strikethrough").render(escaped)
    assert html.unescape(re.sub(r"</?p>", "", rendered)).strip() == text
    cell = MarkdownIt("commonmark").enable("table").render(f"| a |\n|---|\n| {escaped} |\n")
    assert "<td>" in cell and cell.count("<td>") == 1  # one cell: a | in the text never splits it
    if "5.2" in text:
        assert escaped == text  # nothing needed escaping


def test_claimreview_has_the_fields_google_requires_and_recommends(tmp_path):
    store, g, _ = judged_store(tmp_path)
    items = json.loads(claimreview(store, author="A. Checker", review_url="https://desk.example/reviews"))
    assert items
    for item in items:
        assert item["@type"] == "ClaimReview" and item["url"].startswith("https://desk.example/reviews#")
        assert item["claimReviewed"] and item["author"]["name"] == "A. Checker" and item["datePublished"]
        rating = item["reviewRating"]
        assert rating["worstRating"] == 1 and rating["bestRating"] == 5 and "1 = false" in rating["ratingExplanation"]
        claim = item["itemReviewed"]
        assert claim["@type"] == "Claim" and claim["appearance"] and claim["firstAppearance"] in claim["appearance"]
        assert claim["author"]["name"]  # who made the claim: the source named, else the outlet
        assert item["isBasedOn"]["name"] == "kzview" and item["isBasedOn"]["softwareVersion"]
    plain = json.loads(claimreview(store))
    assert all(i["url"].startswith("urn:kzview:") for i in plain)


def test_every_report_and_json_output_names_what_made_it(tmp_path, capsys):
    store, _, corpus = judged_store(tmp_path)
    assert "Made by kzview" in markdown_report(store)
    rows = list(csv.DictReader(io.StringIO(csv_report(store))))
    assert rows and all(r["made_by"].startswith("kzview ") for r in rows)
    assert all(
        g["made_by"]["program"].startswith("kzview ") and g["made_by"]["lexicon"]
        for g in json.loads(json_report(store))
    )
    assert main(["claims", str(corpus), "--format", "json", "--no-cache"]) == 0
    claims = json.loads(capsys.readouterr().out)
    assert claims and all(c["made_by"]["lexicon"] and c["made_by"]["code"] for c in claims)

"""kzview.words: the words and glyphs people read, on hand-built claims and groups (no extraction)."""

from __future__ import annotations

import datetime as dt

from kzview.kinds import Status
from kzview.model import Claim, ClaimGroup
from kzview.words import (
    figure_words,
    interval_words,
    number_words,
    short_id,
    short_label,
    source_words,
    sources_words,
    timeline,
    what,
    what_words,
)


def claim(surface: str, article: str = "001_x", low: float = 1, attribution: str | None = None, day: int = 0) -> Claim:
    return Claim(
        id=f"c{article}{surface}",
        article=article,
        kind="count",
        surface=surface,
        start=0,
        end=len(surface),
        low=low,
        high=low,
        approximate=False,
        attribution=attribution,
        as_of=dt.date(2024, 5, 1 + day) if day else None,
    )


def group(**kw: object) -> ClaimGroup:
    base = {
        "id": "g",
        "topic": "deaths",
        "subject": None,
        "scope": None,
        "status": Status.CONFLICT,
        "claims": [],
        "articles": [],
        "reason": "",
        "rule": "differ",
    }
    return ClaimGroup(**{**base, **kw})  # type: ignore[arg-type]


def test_figures_and_sources():
    assert figure_words(claim("“more than\n160”")) == "more than 160"
    c = claim("12", attribution="police", day=1)
    assert source_words(c, label="bbc.co.uk") == "bbc.co.uk, police, 2024-05-02"
    assert source_words(claim("12"), date=False) == "001_x"


def test_what_a_group_measures():
    assert what("deaths", "civilians", "Almaty") == "deaths of civilians in Almaty"
    assert what("other", None, None, "magnitude", "March 2024") == "magnitude (March 2024)"
    assert what("injuries", None, None) == "injuries in the whole event"
    assert what_words(group(subject="civilians", scope="Almaty"), short=True) == "dead · civilians · in Almaty"
    assert what_words(group(topic="other", measure="vessel", event="2019")) == "vessel · [2019]"
    assert what_words(group(rule="weekday")) == "date: weekday"


def test_numbers_and_intervals():
    assert interval_words(5000, None) == "5,000..∞"
    assert interval_words(7.5, 8) == "7.5..8"
    assert number_words(4.6) == "4.6" and number_words(12000.0) == "12,000"


def test_independent_sources_say_who_is_repeated():
    cs = [claim("5", f"00{i}_x", attribution="the ministry") for i in range(3)] + [claim("6", "009_y")]
    assert sources_words(cs) == "4 articles, 2 independent sources (3 of them repeat the ministry)"
    assert sources_words([claim("5", "001_x"), claim("5", "002_y")]) == "2 articles"


def test_ids_labels_and_timelines():
    assert short_id("002_6d31b14c13160f05") == "002" and short_id("\x1b]52;c;x\x07evil") != "\x1b]52;c;x\x07evil"
    assert short_label("news.bbc.co.uk") == "news.bbc" and short_label("nbcphiladelphia.com 01") == "nbcphiladelphia 01"
    line = timeline([claim("10", low=10, day=1), claim("30", low=30, day=2), claim("20", low=20, day=3)])
    assert line.startswith("timeline 2024-05-02 ▁█") and "(10 → 20)" in line
    assert timeline([claim("10", low=10, day=1)]) == "timeline: one date only"


def test_a_share_s_scope_is_named_without_in():
    from kzview.words import what

    assert what("other", None, "Brightline", "share of capacity") == "share of capacity, Brightline"
    assert what("other", None, "Kerrowan", "village") == "village in Kerrowan"
    assert what("deaths", None, "Almaty") == "deaths in Almaty"

"""Figures and qualifiers, on sentences in the style of many kinds of news."""

from __future__ import annotations

import pytest

from kzview.extract.numbers import find_figures, words_to_number


def figs(text: str, lex) -> dict[str, tuple]:
    return {text[f.start : f.end]: (f.low, f.high, f.approximate, f.kind, f.unit) for f in find_figures(text, lex)}


@pytest.mark.parametrize(
    ("text", "surface", "low", "high"),
    [
        ("The quake killed 2,314 people in the province.", "2,314", 2314, 2314),
        ("More than 5,000 people were detained.", "More than 5,000", 5000, None),
        ("Rescuers pulled out at least 41 survivors.", "at least 41", 41, None),
        ("Nearly 6,000 homes were damaged.", "Nearly 6,000", 5400, 6000),
        ("Almost 8,000 people were arrested.", "Almost 8,000", 7200, 8000),
        ("Some 2,000 people were hurt.", "Some 2,000", 1800, 2200),
        ("About 200 protesters marched.", "About 200", 180, 220),
        ("Up to 300 people may be trapped.", "Up to 300", None, 300),
        ("Fewer than 50 officers were on duty.", "Fewer than 50", None, 50),
        ("Just over 1,000 ballots were spoiled.", "Just over 1,000", 1000, 1100),
        ("Between 160 and 225 miners are missing.", "Between 160 and 225", 160, 225),
        ("Police said 3 to 5 gunmen took part.", "3 to 5", 3, 5),
        ("Witnesses counted 30-40 bodies.", "30-40", 30, 40),
        ("A crowd of 5 000 gathered in the square.", "5 000", 5000, 5000),
        ("Organisers said 12.000 people attended.", "12.000", 12000, 12000),
        ("The fire left 300 or more families homeless.", "300 or more", 300, None),
        ("A 5,000-plus crowd sang.", "5,000-plus", 5000, None),
    ],
)
def test_qualifiers_give_the_interval_the_words_allow(lex, text, surface, low, high):
    got = figs(text, lex)
    assert surface in got, got
    assert got[surface][0] == low and got[surface][1] == high


@pytest.mark.parametrize(
    ("text", "surface", "low", "high"),
    [
        ("Dozens of people were injured in the stampede.", "Dozens", 24, 99),
        ("Scores of students were detained.", "Scores", 40, 199),
        ("Hundreds of homes were flattened.", "Hundreds", 200, 999),
        ("Thousands of people fled the city.", "Thousands", 2000, 9999),
        ("Tens of thousands of people marched in Paris.", "Tens of thousands", 20000, 99999),
        ("A handful of protesters remained.", "A handful", 2, 9),
        ("Several people were taken to hospital.", "Several", 3, 9),
    ],
)
def test_vague_quantities(lex, text, surface, low, high):
    got = figs(text, lex)
    assert got[surface][:3] == (low, high, True)


@pytest.mark.parametrize(
    ("phrase", "value"),
    [
        ("three", 3),
        ("twenty-six", 26),
        ("a thousand", 1000),
        ("two dozen", 24),
        ("a dozen", 12),
        ("one hundred and twenty", 120),
        ("forty thousand", 40000),
        ("two million", 2_000_000),
    ],
)
def test_number_words(phrase, value):
    assert words_to_number(phrase) == value


def test_spelled_numbers_are_figures(lex):
    got = figs("Twenty-six soldiers and a thousand civilians were evacuated; over a thousand people fled.", lex)
    assert got["Twenty-six"][0] == 26
    assert got["a thousand"][0] == 1000
    assert got["over a thousand"][:2] == (1000, None)


@pytest.mark.parametrize(
    ("text", "surface", "value", "unit"),
    [
        ("Thieves took jewels worth $102M from the vault.", "$102M", 102_000_000, "USD"),
        ("The gems were insured for €85m.", "€85m", 85_000_000, "EUR"),
        ("The haul was valued at £1.7 million.", "£1.7 million", 1_700_000, "GBP"),
        ("Damage was estimated at about 200 million dollars.", "about 200 million dollars", 180_000_000, "USD"),
        ("Losses reached 3 billion tenge.", "3 billion tenge", 3_000_000_000, "KZT"),
    ],
)
def test_money(lex, text, surface, value, unit):
    got = figs(text, lex)
    assert got[surface][0] == value and got[surface][3] == "money" and got[surface][4] == unit


def test_percent_and_duration(lex):
    got = figs("Turnout was 64%, down 3 percent, in a vote held for three days after 30 years of rule.", lex)
    assert got["64%"][3] == "percent"
    assert got["3 percent"][3] == "percent"
    assert got["three days"][3:] == ("duration", "day")
    assert got["30 years"][3:] == ("duration", "year")


@pytest.mark.parametrize(
    "text",
    [
        "The republic gained independence in 1991 and held elections from 1995 to 2019.",
        "Call the newsroom on +1 281-333-2229 or 020 7946 0958.",
        "The blast happened at 10:30 a.m. and again at 4 pm.",
        "It was his third message and the 2nd appeal this week.",
        "The 30-year-old suspect, aged 45 according to other reports, is 52 years old.",
        "Under Article 5 of the treaty and Section 12 of the decree, flight 370 was grounded.",
        "The COVID-19 wave hit G7 states; an F-16 and an A320 were seen.",
        "Write to desk@example.com or see https://example.org/2022/01/09/story-123.",
        "The rally was on January 9, 2022, and on 6 January the first appeal came.",
    ],
)
def test_not_figures(lex, text):
    assert figs(text, lex) == {}, figs(text, lex)


def test_one_needs_a_counted_noun(lex):
    got = figs("One of the leaders said no one was hurt, but one person died.", lex)
    assert list(got) == ["one"]


def test_quoted_figure_keeps_its_quotes(lex):
    text = "“Dozens” of rioters were killed."
    assert "“Dozens”" in figs(text, lex)


def test_change_from_to_is_two_figures(lex):
    got = figs("The toll rose from 100 to 164 overnight.", lex)
    assert set(got) == {"100", "164"}


def test_exclusions_found_in_their_passes_are_the_one_alternation_s():
    # kzview.extract.numbers.excluded_spans runs a pattern only where its words can be; the digits it leaves to
    # figures are the ones the single alternation of every pattern leaves
    import re

    from kzview.extract.numbers import _EXCLUDE_ONE, excluded_spans
    from kzview.ingest import load_corpus
    from kzview.spans import SpanIndex

    texts = [a.text for a in load_corpus(None).articles] + [
        "Call 911 or the hotline number is 800 123 456; since 9/11 the line is 112.",
        "At half past five, and again at 0400 hours, on Friday 19 and Saturday 20 September, until 5 in the morning.",
        "Morland won 2-1 against Real Salvo; notice dated 4.3.2025; 1420 Linden Avenue; the A1 and M25; 3abc.",
        "\x1b[31m12 people\x1b[0m died, and 14 were hurt at 10:30 a.m. on 12.05.2025.",
    ]
    for text in texts:
        one, passes = SpanIndex([m.span() for m in _EXCLUDE_ONE.finditer(text)]), SpanIndex(excluded_spans(text))
        for m in re.finditer(r"\d", text):
            assert one.overlaps(m.start(), m.end()) == passes.overlaps(m.start(), m.end()), text[m.start() - 20 :][:50]

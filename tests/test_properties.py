"""Any text in, no exception out, and every offset valid."""

from __future__ import annotations

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from kzview.compare import compare
from kzview.extract import corpus_context, extract_article
from kzview.extract.lexicon import load_lexicon
from kzview.ingest import article_from_text
from kzview.ingest.files import decode
from kzview.safe import display_text

NEWSY = st.sampled_from(
    [
        "more than",
        "nearly",
        "about",
        "some",
        "at least",
        "dozens of",
        "thousands",
        "5,135",
        "1989",
        "3 to 5",
        "$102M",
        "€85m",
        "killed",
        "injured",
        "arrested",
        "according to the",
        "said",
        "Ministry",
        "in Almaty",
        "\n",
        "January 9",
        "Sunday,",
        "“",
        "”",
        "(",
        ")",
        ".",
        ",",
        "-",
        "a thousand",
        "twenty-six",
        "%",
        " ",
        "of them",
        "another",
        "\x1b[2J",
        "[/b]",
        "[red]x[/red]",
        "\u202e",
        "\r\n",
        # the seventeenth session's forms: clocks, rises, parts, shares, places told again
        "\n19:00 -",
        "\n08:45 -",
        "has risen to",
        "now",
        "this afternoon",
        "said on Tuesday",
        "from",
        "half of",
        "one in five",
        "Of the dead,",
        "seven of them seriously",
        "respectively",
        "there",
        "in Dunmoor and Hallam",
        "aged 19, 22 and 24,",
        "Rs 3 crore",
        "€3million",
        "the pair",
        "including",
        "a maximum of",
        "teams of NDRF",
        "since the rains began in March",
        "in the last five years",
        "the worst since a 2011 blast killed 40,",
        "people",
        "died",
    ]
)
TEXT = st.one_of(st.text(max_size=400), st.lists(NEWSY, max_size=80).map(" ".join))


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(TEXT)
def test_extraction_never_raises_and_offsets_hold(text):
    lex = load_lexicon()
    a = article_from_text("x", text)
    claims = extract_article(a, corpus_context([a], lex), lex)
    for c in claims:
        assert 0 <= c.start < c.end <= len(text)
        assert text[c.start : c.end] == c.surface
        assert c.low is None or c.high is None or c.low <= c.high
    compare(claims, lex)


@settings(max_examples=500, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(st.lists(NEWSY, max_size=60).map(" ".join), min_size=2, max_size=4))
def test_comparison_across_articles_never_raises(texts):
    lex = load_lexicon()
    arts = [article_from_text(f"a{i}", f"date: 2024-06-1{i}\nHeadline\n\n{t}") for i, t in enumerate(texts)]
    ctx = corpus_context(arts, lex)
    claims = [c for a in arts for c in extract_article(a, ctx, lex)]
    groups = compare(claims, lex)
    assert compare(list(reversed(claims)), lex) == groups  # the order claims come in changes nothing


LINE = st.tuples(
    st.sampled_from(["", "08:45 - ", "19:00 - ", "19:00 - ", "this afternoon ", "On Tuesday, "]),
    st.sampled_from(["", "at least ", "about ", "more than ", "the toll has risen to ", "officials now say "]),
    st.sampled_from(["3", "5", "five", "12", "two", "half of the", "one in five"]),
    st.sampled_from([" people died", " were injured", " were arrested", " inmates died", " of them seriously"]),
    st.sampled_from(["", ", police said on Tuesday", " after two more died", " there", ", 3 of them children"]),
).map(lambda t: "".join(t) + ".")


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(st.lists(LINE, min_size=1, max_size=6).map("\n".join), min_size=2, max_size=4))
def test_comparison_of_tolls_told_through_a_day_never_raises(texts):
    lex = load_lexicon()
    arts = [article_from_text(f"a{i}", f"date: 2024-06-1{i % 2}\nToll\n\n{t}") for i, t in enumerate(texts)]
    ctx = corpus_context(arts, lex)
    claims = [c for a in arts for c in extract_article(a, ctx, lex)]
    assert compare(list(reversed(claims)), lex) == compare(claims, lex)


@settings(max_examples=200, deadline=None)
@given(st.binary(max_size=300))
def test_any_bytes_decode_or_fail_cleanly(data):
    from kzview.ingest.files import ReadError

    try:
        text = decode(data)
    except ReadError:
        return
    article_from_text("x", text)


@given(st.text())
def test_display_text_keeps_length_and_drops_controls(text):
    shown = display_text(text)
    assert len(shown) == len(text)
    assert not any(ord(ch) < 0x20 and ch != "\n" for ch in shown)
    assert not any(0x80 <= ord(ch) < 0xA0 for ch in shown)

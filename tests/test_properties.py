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

"""Splitting text into sentences (with offsets) and sentences into word tokens."""

from __future__ import annotations

import re
from dataclasses import dataclass

_ABBREV = {
    "mr",
    "mrs",
    "ms",
    "dr",
    "prof",
    "st",
    "gen",
    "col",
    "lt",
    "sgt",
    "capt",
    "gov",
    "sen",
    "rep",
    "jan",
    "feb",
    "mar",
    "apr",
    "jun",
    "jul",
    "aug",
    "sep",
    "sept",
    "oct",
    "nov",
    "dec",
    "no",
    "vs",
    "inc",
    "ltd",
    "co",
    "corp",
    "e.g",
    "i.e",
    "approx",
    "est",
    "mt",
    "ft",
    "jr",
    "sr",
    "rev",
    "maj",
    "cpl",
    "const",
    "det",
    "insp",
    "supt",
    "pte",
    "adm",
    "cmdr",
    "pres",
    "u.s",
    "u.k",
    "u.n",
    "a.m",
    "p.m",
    "etc",
    "al",
}
_END = re.compile(r"[.!?…]+[\"”’)\]]*(?=\s|$)")
# a word, or a sign; "magnitude-6.2" is the word and its number ("a magnitude-6.2 quake"), as "magnitude 6.2" is
_TOKEN = re.compile(r"(?i:magnitude)(?=-\d)|\w+(?:[-’'.]\w+)*|[^\w\s]")


@dataclass(frozen=True, slots=True)
class Token:
    start: int
    end: int
    text: str  # lower case


def split_sentences(text: str) -> list[tuple[int, int]]:
    """(start, end) of every sentence; a line break always ends one."""
    spans: list[tuple[int, int]] = []
    pos = 0
    for line in text.split("\n"):
        line_start = pos
        pos += len(line) + 1
        if not line.strip():
            continue
        start = line_start + (len(line) - len(line.lstrip()))
        for m in _END.finditer(line):
            cut = line_start + m.end()
            word = re.search(r"([\w.]+)\W*$", text[max(line_start, cut - 12) : line_start + m.start() + 1])
            w = word.group(1).lower().rstrip(".") if word else ""
            if m.group(0).startswith(".") and (w in _ABBREV or (len(w) == 1 and w.isalpha())):
                continue
            rest = line[m.end() :].lstrip()
            if rest and not (rest[0].isupper() or rest[0].isdigit() or rest[0] in "“\"‘'([«"):
                continue
            if cut > start:
                spans.append((start, cut))
            start = cut + (len(line[m.end() :]) - len(rest))
        end = line_start + len(line.rstrip())
        if end > start:
            spans.append((start, end))
    return spans


def tokenize(text: str, start: int, end: int) -> list[Token]:
    return [Token(m.start(), m.end(), m.group(0).lower()) for m in _TOKEN.finditer(text, start, end)]

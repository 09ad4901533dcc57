"""A deterministic generator of realistic synthetic news corpora for the benchmarks.

Same seed, same files: news-style sentences with varied figures, qualifiers, attributions, dates, places and
site furniture, so extraction and comparison do the work they do on real clusters. No sample text is used.
"""

from __future__ import annotations

import random
from pathlib import Path

PLACES = [
    "Northport",
    "Riverton",
    "Eastvale",
    "Kelmora",
    "Sandhaven",
    "Port Aldis",
    "Varenna",
    "Tolvik",
    "Marisco",
    "Brenford",
    "Ostrava Nova",
    "Calder Bay",
]
COUNTRY = "Veridia"
SOURCES = [
    "the Interior Ministry",
    "the Health Ministry",
    "police",
    "officials",
    "state television",
    "the regional governor",
    "organisers",
    "the Red Cross",
    "local media",
    "the army",
]
QUALS = ["", "", "", "more than ", "nearly ", "about ", "some ", "at least ", "almost ", "over "]
EVENTS = [
    ("earthquake", "quake"),
    ("floods", "flooding"),
    ("riots", "unrest"),
    ("storm", "storm"),
    ("protests", "demonstrations"),
]
WEEKDAYS = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"]
MONTHS = ["January", "February", "March", "April", "May", "June", "July", "August", "September", "October"]
FURNITURE = [
    "Leave a Comment",
    "Share this article",
    "Advertisement",
    "Related Articles",
    "Read more",
    "Photo: rescue teams at work in the rain",
    "Subscribe to our newsletter",
]

SENTENCES = [
    "{Q}{n:,} people were killed in {place}, {src} said.",
    "The death toll rose to {n:,} on {weekday}, according to {src}.",
    "{Src} said {n:,} protesters had been detained since the start of the {event}.",
    "{Q}{n:,} soldiers were deployed to {place} on {month} {day}.",
    "Damage was estimated at about ${m} million, {src} said.",
    "{Q}{n:,} people were injured and {k} were taken to hospital.",
    "Dozens of people are missing in {place}, {src} reported.",
    "Another {k} were hospitalized, {k2} of them in intensive care.",
    "The {event} began on {weekday}, {month} {day}, {year}, in the province.",
    "Residents of {place} said the situation remained tense after {k} days of {short}.",
    "Thousands of people marched through {place} on {weekday}.",
    "In {place}, {n:,} homes were damaged and {k} schools closed.",
    "The government said it would send {k} more rescue teams, and {src} called for calm.",
    "The {short} is the worst since {year0}, when {n:,} people died.",
    "Witnesses described scenes of chaos as crowds gathered near the main square.",
    "Aid groups warned that supplies of water and medicine were running low.",
]


def _sentence(rng: random.Random, event: tuple[str, str]) -> str:
    t = rng.choice(SENTENCES)
    src = rng.choice(SOURCES)
    return t.format(
        Q=rng.choice(QUALS).capitalize(),
        n=rng.choice([12, 48, 164, 350, 1200, 5135, 7939, 20000]) + rng.randint(0, 50),
        k=rng.randint(2, 400),
        k2=rng.randint(1, 60),
        m=rng.randint(5, 900),
        place=rng.choice(PLACES),
        src=src,
        Src=src[0].upper() + src[1:],
        weekday=rng.choice(WEEKDAYS),
        month=rng.choice(MONTHS),
        day=rng.randint(1, 28),
        year=2022,
        year0=rng.randint(1950, 2015),
        event=event[0],
        short=event[1],
    )


def article(rng: random.Random, i: int, paragraphs: tuple[int, int] = (4, 8)) -> str:
    event = rng.choice(EVENTS)
    title = f"{COUNTRY} {event[0]}: {rng.choice([12, 48, 164, 350, 5000])} dead as {event[1]} hits {rng.choice(PLACES)}"
    lines = [f"date: 2022-{rng.randint(1, 3):02d}-{rng.randint(1, 28):02d}", title, ""]
    if rng.random() < 0.3:
        lines += ["TOP News", ""]
    for _ in range(rng.randint(*paragraphs)):
        lines.append(" ".join(_sentence(rng, event) for _ in range(rng.randint(2, 5))))
        lines.append("")
    if rng.random() < 0.6:
        lines += [rng.choice(FURNITURE), "", rng.choice(FURNITURE)]
    return "\n".join(lines) + "\n"


def generate(folder: Path, n: int, seed: int = 7) -> Path:
    """Write n articles to folder (once: an existing complete corpus is reused)."""
    folder.mkdir(parents=True, exist_ok=True)
    marker = folder / ".complete"
    if marker.exists() and marker.read_text() == f"{n} {seed}":
        return folder
    rng = random.Random(seed)
    for i in range(n):
        (folder / f"{i:05d}_{rng.getrandbits(32):08x}.txt").write_text(article(rng, i), encoding="utf-8")
    marker.write_text(f"{n} {seed}")
    return folder


def generate_big(path: Path, size_bytes: int = 5_000_000, seed: int = 11) -> Path:
    """One article of about size_bytes."""
    if path.exists() and path.stat().st_size >= size_bytes:
        return path
    rng = random.Random(seed)
    parts = [f"date: 2022-01-09\n{COUNTRY} riots: a long report\n"]
    total = 0
    while total < size_bytes:
        para = " ".join(_sentence(rng, EVENTS[2]) for _ in range(rng.randint(2, 6))) + "\n\n"
        parts.append(para)
        total += len(para)
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text("".join(parts), encoding="utf-8")
    return path

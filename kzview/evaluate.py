"""Scoring extraction against a gold file: precision and recall per field.

Gold format (JSONL, one figure a line)::

    {"article": "quake", "figure": "11,000", "n": 2, "low": 11000, "high": null, "topic": "deaths",
     "subject": null, "scope": null, "attribution": "AFAD"}

`figure` is the number as written and `n` its occurrence in the article (1 = first, counted case-sensitively),
so a gold line never depends on kzview's offsets. A line with `"topic": "other"` records a figure that bears no
topic. Gold files are meant to list every topic-bearing figure a careful reader would mark.

Detection is scored on topic-bearing figures: recall = gold figures found with a topic, precision = predicted
topic-bearing figures that a gold line marks as topic-bearing. Fields are scored on the matched pairs:
for `subject`, `scope`, `attribution`, precision counts the non-null predictions, recall the non-null gold values;
names match when one contains the other's words (case and "the" aside).
"""

from __future__ import annotations

import json
import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path

from kzview.model import Article, Claim

FIELDS = ("interval", "topic", "subject", "scope", "attribution")
_WORDS = re.compile(r"[\w’']+")


@dataclass(frozen=True)
class Gold:
    article: str
    figure: str
    n: int
    topic: str
    low: float | None = None
    high: float | None = None
    subject: str | None = None
    scope: str | None = None
    attribution: str | None = None


@dataclass
class Score:
    tp: int = 0
    fp: int = 0
    fn: int = 0

    @property
    def precision(self) -> float:
        return self.tp / (self.tp + self.fp) if self.tp + self.fp else 1.0

    @property
    def recall(self) -> float:
        return self.tp / (self.tp + self.fn) if self.tp + self.fn else 1.0


@dataclass
class Report:
    detection: Score = field(default_factory=Score)
    fields: dict[str, Score] = field(default_factory=lambda: {f: Score() for f in FIELDS})
    errors: list[str] = field(default_factory=list)
    gold_count: int = 0

    def as_dict(self) -> dict:
        def s(x: Score) -> dict:
            return {
                "precision": round(x.precision, 3),
                "recall": round(x.recall, 3),
                "tp": x.tp,
                "fp": x.fp,
                "fn": x.fn,
            }

        return {
            "gold_figures": self.gold_count,
            "detection": s(self.detection),
            "fields": {k: s(v) for k, v in self.fields.items()},
            "errors": self.errors,
        }


def load_gold(path: Path) -> list[Gold]:
    out = []
    for i, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
        if not line.strip() or line.lstrip().startswith("#"):
            continue
        d = json.loads(line)
        try:
            out.append(
                Gold(
                    article=d["article"],
                    figure=d["figure"],
                    n=int(d.get("n", 1)),
                    topic=d["topic"],
                    low=d.get("low"),
                    high=d.get("high"),
                    subject=d.get("subject"),
                    scope=d.get("scope"),
                    attribution=d.get("attribution"),
                )
            )
        except KeyError as exc:
            raise ValueError(f"{path}:{i}: missing field {exc}") from exc
    return out


def _locate(g: Gold, text: str) -> tuple[int, int] | None:
    """The n-th whole occurrence of the figure: "16" does not occur inside "164" or "2016"."""
    rx = re.compile(r"(?<![\w.,])" + re.escape(g.figure) + r"(?![\w]|[.,]\d)")
    for i, m in enumerate(rx.finditer(text), 1):
        if i == g.n:
            return m.span()
    return None


def _words(s: str | None) -> set[str]:
    return {w for w in _WORDS.findall((s or "").lower()) if w not in ("the", "a", "an", "of", "s")}


def same_name(a: str | None, b: str | None) -> bool:
    wa, wb = _words(a), _words(b)
    return bool(wa and wb) and (wa <= wb or wb <= wa)


def _close(a: float | None, b: float | None) -> bool:
    if a is None or b is None:
        return a is None and b is None
    return abs(a - b) <= max(1.0, 0.005 * abs(b))


def evaluate(gold: list[Gold], claims: Sequence[Claim], articles: list[Article]) -> Report:
    texts = {a.id: a.text for a in articles}
    report = Report(gold_count=sum(1 for g in gold if g.topic != "other"))
    figures = [c for c in claims if c.kind in ("count", "money", "percent", "duration", "other")]
    by_article: dict[str, list[Claim]] = {}
    for c in figures:
        by_article.setdefault(c.article, []).append(c)

    def match(article: str, span: tuple[int, int]) -> Claim | None:
        for c in by_article.get(article, []):
            if c.start < span[1] and c.end > span[0]:
                return c
        return None

    matched_claims: dict[str, Gold] = {}
    for g in gold:
        text = texts.get(g.article)
        span = _locate(g, text) if text is not None else None
        if span is None:
            report.errors.append(f"gold figure not in the text: {g.article} {g.figure!r} #{g.n}")
            continue
        hit_claim = match(g.article, span)
        if hit_claim is not None:
            matched_claims[hit_claim.id] = g
        if g.topic == "other":
            continue
        if hit_claim is None or hit_claim.topic == "other":
            report.detection.fn += 1
            report.errors.append(
                f"missed: {g.article} {g.figure!r} #{g.n} ({g.topic})"
                + (f"; got topic other for {hit_claim.surface!r}" if hit_claim else "")
            )
            continue
        report.detection.tp += 1
        _score_fields(report, g, hit_claim)
    for c in figures:
        if c.topic == "other" or c.article not in {g.article for g in gold}:
            continue
        hit = matched_claims.get(c.id)
        if hit is None or hit.topic == "other":
            report.detection.fp += 1
            report.errors.append(f"spurious: {c.article} {c.surface!r} tagged {c.topic}")
    return report


def _score_fields(report: Report, g: Gold, c: Claim) -> None:
    f = report.fields
    ok = _close(c.low, g.low) and _close(c.high, g.high)
    _tally(f["interval"], ok, True, True)
    if not ok:
        report.errors.append(f"interval: {g.article} {g.figure!r}: got {c.low}..{c.high}, gold {g.low}..{g.high}")
    ok = c.topic == g.topic
    _tally(f["topic"], ok, True, True)
    if not ok:
        report.errors.append(f"topic: {g.article} {g.figure!r}: got {c.topic}, gold {g.topic}")
    for name in ("subject", "scope", "attribution"):
        got, want = getattr(c, name), getattr(g, name)
        ok = same_name(got, want) if got and want else False
        _tally(f[name], ok, got is not None, want is not None)
        if (got or want) and not ok:
            report.errors.append(f"{name}: {g.article} {g.figure!r}: got {got!r}, gold {want!r}")


def _tally(s: Score, correct: bool, predicted: bool, expected: bool) -> None:
    if correct:
        s.tp += 1
        return
    if predicted:
        s.fp += 1
    if expected:
        s.fn += 1

"""Scoring against cue-based gold: the format of real-news clusters (../shared/realnews/README.md, "Gold").

A gold file names each figure by a few words of its article (`cue`, an exact substring) instead of by offsets, so
it never depends on kzview's reading. A claim matches a gold figure when its span overlaps the cue; it is right
when its interval and topic are right too:

- recall: required gold figures (`req`) matched by a claim with the right interval and topic / required figures;
- precision: claims tagged with an event topic (the gold's `event_topics`) that overlap a gold figure allowing
  that topic / claims tagged with an event topic;
- fields: of the gold figures that state a `subject`, `scope` or `attribution` (case-insensitive regexes) and are
  required or were found, the share whose matched claim's field fits; article dates: printed dates read exactly
  (an inferred date does not count);
- group checks: `must_group` figures all in one comparison group with one of the allowed statuses;
  `must_not_group` figures never pooled in one group (a part/whole check that pairs them is not pooling);
- top conflicts: of the five highest-ranked conflict groups, those whose two clashing figures (the pair its reason
  names) a group check of the gold puts together, or, where none does, that the gold gives one casualty topic
  and one event (both required, the story's, or both background); never a must-not-group pair. A row of two
  figures the gold tags only `other` (which says nothing of what they measure) and no check pairs is unverified:
  not counted, shown as "+N?" in the table and listed among the failures for a person to judge.

Everything here is pure: the caller loads the cluster and hands claims, groups and articles in.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from kzview.model import Article, Claim, ClaimGroup, Status

DEFAULT_EVENT_TOPICS = ("deaths", "injuries", "arrests", "hospitalized", "troops", "missing", "displaced")
FIELDS = ("subject", "scope", "attribution")
POOLING_RULES_EXCLUDED = ("part-whole",)
TOP_N = 5


@dataclass(frozen=True)
class GoldFigure:
    a: str
    cue: str
    topics: tuple[str, ...]
    req: bool
    low: float | None = None
    high: float | None = None
    vague: float | None = None
    unit: str | None = None
    fields: tuple[tuple[str, str], ...] = ()

    def allows(self, c: Claim) -> bool:
        return self.topic_ok(c) and self.interval_ok(c)

    def topic_ok(self, c: Claim) -> bool:
        return c.topic in self.topics

    def interval_ok(self, c: Claim) -> bool:
        if self.vague is not None:
            lo_ok = c.low is None or float(c.low) <= self.vague
            hi_ok = c.high is None or float(c.high) >= self.vague
            return lo_ok and hi_ok and not (c.low is None and c.high is None)
        return _close(c.low, self.low) and _close(c.high, self.high)

    def label(self) -> str:
        value = f"~{_num(self.vague)}" if self.vague is not None else f"{_num(self.low)}..{_num(self.high)}"
        return f"{self.a} “{self.cue}” ({'|'.join(self.topics)} {value})"


@dataclass(frozen=True)
class GroupCheck:
    name: str
    refs: tuple[tuple[str, str], ...]
    together: bool
    statuses: tuple[str, ...] = ()


@dataclass
class ClusterGold:
    name: str
    event_topics: tuple[str, ...]
    figures: list[GoldFigure]
    negatives: list[tuple[str, str]]
    checks: list[GroupCheck]
    dates: dict[str, str]


def _num(v: float | None) -> str:
    if v is None:
        return "∞"
    return str(int(v)) if float(v).is_integer() else str(v)


def _close(a: float | int | None, b: float | None) -> bool:
    if a is None or b is None:
        return a is None and b is None
    return abs(float(a) - b) <= max(1e-9, 0.005 * abs(b))


def load_cluster_gold(path: Path) -> ClusterGold:
    d = json.loads(path.read_text(encoding="utf-8"))
    figures = []
    for c in d.get("claims", []):
        figures.append(
            GoldFigure(
                a=c["a"],
                cue=c["cue"],
                topics=tuple(t.strip() for t in c["topic"].split("|")),
                req=bool(c.get("req", False)),
                low=c.get("low"),
                high=c.get("high"),
                vague=c.get("vague"),
                unit=c.get("unit"),
                fields=tuple((k, c[k]) for k in FIELDS if c.get(k)),
            )
        )
    checks = []
    for k in d.get("conflicts", []):
        together = "must_group" in k
        refs = k.get("must_group") if together else k.get("must_not_group")
        checks.append(
            GroupCheck(
                name=k.get("name", ""),
                refs=tuple((a, cue) for a, cue in refs or ()),
                together=together,
                statuses=tuple(k.get("status", ())),
            )
        )
    return ClusterGold(
        name=path.stem,
        event_topics=tuple(d.get("event_topics", DEFAULT_EVENT_TOPICS)),
        figures=figures,
        negatives=[(n["a"], n["cue"]) for n in d.get("negatives", [])],
        checks=checks,
        dates=dict(d.get("dates", {})),
    )


@dataclass
class Ratio:
    right: int = 0
    total: int = 0

    @property
    def value(self) -> float | None:
        return self.right / self.total if self.total else None

    def add(self, ok: bool) -> None:
        self.total += 1
        self.right += int(ok)

    def __iadd__(self, other: Ratio) -> Ratio:
        self.right += other.right
        self.total += other.total
        return self

    def words(self) -> str:
        v = self.value
        return "-" if v is None else f"{v:.2f} ({self.right}/{self.total})"


@dataclass
class ClusterScore:
    name: str
    recall: Ratio = field(default_factory=Ratio)
    precision: Ratio = field(default_factory=Ratio)
    fields: dict[str, Ratio] = field(default_factory=lambda: {k: Ratio() for k in (*FIELDS, "date")})
    groups: Ratio = field(default_factory=Ratio)
    top: Ratio = field(default_factory=Ratio)
    top_unverified: int = 0  # top rows the gold can neither vouch for nor fault (two `other` figures, no check)
    negatives_hit: int = 0
    failures: list[str] = field(default_factory=list)

    def add(self, other: ClusterScore) -> None:
        self.recall += other.recall
        self.precision += other.precision
        for k, r in other.fields.items():
            self.fields[k] += r
        self.groups += other.groups
        self.top += other.top
        self.top_unverified += other.top_unverified
        self.negatives_hit += other.negatives_hit

    def as_dict(self) -> dict[str, Any]:
        def r(x: Ratio) -> dict[str, Any]:
            return {"value": None if x.value is None else round(x.value, 3), "right": x.right, "total": x.total}

        return {
            "cluster": self.name,
            "recall": r(self.recall),
            "precision": r(self.precision),
            "fields": {k: r(v) for k, v in self.fields.items()},
            "groups": r(self.groups),
            "top_conflicts": r(self.top),
            "top_conflicts_unverified": self.top_unverified,
            "negatives_tagged": self.negatives_hit,
            "failures": self.failures,
        }


def _prefix_map(articles: Iterable[Article]) -> dict[str, Article]:
    out: dict[str, Article] = {}
    for a in articles:
        out[a.id] = a  # a gold file may name articles by id (kzview corrections --format gold does)
        stem = Path(a.id).name
        m = re.match(r"(\d+)_", stem)
        if m:
            out.setdefault(m.group(1), a)
    return out


def _cue_span(article: Article, cue: str) -> tuple[int, int] | None:
    i = article.text.find(cue)
    if i < 0:
        # The cue may straddle whitespace the reader normalised: match it with any run of blanks.
        rx = re.compile(r"\s+".join(re.escape(w) for w in cue.split()))
        m = rx.search(article.text)
        if m is None:
            return None
        span = m.span()
    else:
        span = (i, i + len(cue))
    return _first_telling(article, *span)


def _first_telling(article: Article, start: int, end: int) -> tuple[int, int]:
    """A cue in text the reader set aside as repeating what came before (a body that opens with its headline) is
    scored where that text is first told: kzview reads a repeated passage once, there."""
    region = article.in_region(start, end)
    if region is None or region.kind != "duplicate":
        return start, end
    words = article.text[start:end].strip()
    j = article.text.find(words)
    return (j, j + len(words)) if 0 <= j < start else (start, end)


def _short(c: Claim) -> str:
    return f"“{c.surface}” {c.topic} {_num(c.low)}..{_num(c.high)}"


def score_cluster(
    gold: ClusterGold, articles: list[Article], claims: Sequence[Claim], groups: list[ClaimGroup]
) -> ClusterScore:
    s = ClusterScore(gold.name)
    by_prefix = _prefix_map(articles)
    claims_of: dict[str, list[Claim]] = {}
    for c in claims:
        if c.kind != "date":
            claims_of.setdefault(c.article, []).append(c)
    spans: dict[tuple[str, str], tuple[str, int, int] | None] = {}

    def locate(a: str, cue: str) -> tuple[str, int, int] | None:
        if (a, cue) not in spans:
            art = by_prefix.get(a)
            span = _cue_span(art, cue) if art else None
            spans[(a, cue)] = (art.id, *span) if art and span else None
            if spans[(a, cue)] is None:
                s.failures.append(f"gold cue not found: {a} “{cue}”")
        return spans[(a, cue)]

    def overlapping(a: str, cue: str) -> list[Claim]:
        loc = locate(a, cue)
        if loc is None:
            return []
        aid, cs, ce = loc
        return [c for c in claims_of.get(aid, []) if c.start < ce and c.end > cs]

    gold_at: dict[tuple[str, str], GoldFigure] = {(g.a, g.cue): g for g in gold.figures}

    def best(a: str, cue: str) -> Claim | None:
        found = overlapping(a, cue)
        g = gold_at.get((a, cue))
        if g is not None:
            for pred in (g.allows, g.topic_ok, g.interval_ok):
                hit = [c for c in found if pred(c)]
                if hit:
                    return hit[0]
        return found[0] if found else None

    matched: dict[str, list[GoldFigure]] = {}
    for g in gold.figures:
        found = overlapping(g.a, g.cue)
        for c in found:
            matched.setdefault(c.id, []).append(g)
        pick = best(g.a, g.cue)
        if g.req:
            ok = pick is not None and g.allows(pick)
            s.recall.add(ok)
            if not ok:
                s.failures.append(f"missed: {g.label()}" + (f"; got {_short(pick)}" if pick else ""))
        for name, rx in g.fields:
            if not g.req and pick is None:
                continue
            got = getattr(pick, name) if pick is not None else None
            ok = bool(got) and re.search(rx, str(got), re.IGNORECASE) is not None
            if name == "subject" and not ok and pick is not None and pick.counted:
                # the contract normalises a subject ("local residents" -> civilians): the words it was read from
                # are right when the gold's are
                ok = re.search(rx, pick.counted, re.IGNORECASE) is not None
                got = got if ok else f"{got} ({pick.counted})"
            s.fields[name].add(ok)
            if not ok and pick is not None:
                s.failures.append(f"{name}: {g.label()}: got {got!r}, gold /{rx}/")

    negative_claims: set[str] = set()
    for a, cue in gold.negatives:
        for c in overlapping(a, cue):
            if c.topic in gold.event_topics:
                negative_claims.add(c.id)
    s.negatives_hit = len(negative_claims)
    gold_articles = {by_prefix[a].id for a in {g.a for g in gold.figures} | set(gold.dates) if a in by_prefix}
    for c in claims:
        if c.topic not in gold.event_topics or c.article not in gold_articles:
            continue
        ok = any(c.topic in g.topics for g in matched.get(c.id, []))
        s.precision.add(ok)
        if not ok:
            why = " (a gold negative)" if c.id in negative_claims else ""
            s.failures.append(f"spurious: {c.article[:2]} {_short(c)}{why} in “{_clip(c.sentence)}”")

    for a, want in sorted(gold.dates.items()):
        art = by_prefix.get(a)
        got = art.date.isoformat() if art and art.date and not art.date_inferred else None
        s.fields["date"].add(got == want)
        if got != want:
            s.failures.append(f"date: {a}: got {got}, gold {want}")

    member: dict[str, list[ClaimGroup]] = {}
    for grp in groups:
        for cid in grp.claims:
            member.setdefault(cid, []).append(grp)
    for chk in gold.checks:
        ok, why = _check(chk, best, member)
        s.groups.add(ok)
        if not ok:
            s.failures.append(f"group check failed: {chk.name}: {why}")

    _top_conflicts(gold, groups, claims, matched, s)
    return s


def _clip(text: str, n: int = 90) -> str:
    t = " ".join(text.split())
    return t if len(t) <= n else t[: n - 1] + "…"


def _check(chk: GroupCheck, best: Any, member: dict[str, list[ClaimGroup]]) -> tuple[bool, str]:
    picked = [(ref, best(*ref)) for ref in chk.refs]
    if chk.together:
        missing = [f"{a} “{cue}”" for (a, cue), c in picked if c is None]
        if missing:
            return False, "no claim at " + ", ".join(missing)
        first = picked[0][1]
        for grp in member.get(first.id, []):
            if grp.rule in POOLING_RULES_EXCLUDED or grp.rule == "within-article":
                continue
            if all(c.id in grp.claims for _, c in picked):
                if grp.status.value in chk.statuses:
                    return True, ""
                return False, f"one group, but {grp.status.value} (wanted {'/'.join(chk.statuses)}): {grp.reason}"
        homes = []
        for (a, _cue), c in picked:
            main = [g for g in member.get(c.id, []) if g.rule not in ("part-whole", "within-article")]
            key = f"{c.topic}/{c.subject or '-'}/{c.scope or '-'}" if not main else main[0].id
            homes.append(f"{a} {_short(c)} in {key}")
        return False, "split: " + "; ".join(homes)
    found = [c for _, c in picked if c is not None]
    for i, x in enumerate(found):
        for y in found[i + 1 :]:
            for grp in member.get(x.id, []):
                if grp.rule not in POOLING_RULES_EXCLUDED and y.id in grp.claims:
                    return False, f"pooled in one group ({grp.status.value}): {_short(x)} with {_short(y)}"
    return True, ""


def _top_conflicts(
    gold: ClusterGold,
    groups: list[ClaimGroup],
    claims: Sequence[Claim],
    matched: dict[str, list[GoldFigure]],
    s: ClusterScore,
) -> None:
    by_id = {c.id: c for c in claims}
    apart: set[frozenset[tuple[str, str]]] = set()
    for chk in gold.checks:
        if not chk.together:
            for i, x in enumerate(chk.refs):
                for y in chk.refs[i + 1 :]:
                    apart.add(frozenset((x, y)))
    together: list[set[tuple[str, str]]] = [set(chk.refs) for chk in gold.checks if chk.together]
    top = [g for g in groups if g.status == Status.CONFLICT][:TOP_N]
    for grp in top:
        pair = getattr(grp, "clash", None) or grp.claims[:2]
        golds: list[GoldFigure] = []
        problem = ""
        for cid in pair:
            gs = matched.get(cid)
            if not gs:
                c = by_id.get(cid)
                problem = f"{_short(c) if c else cid} is not a gold figure"
                break
            golds.append(gs[0])
        if not problem and len(golds) == 2:
            keys = [(g.a, g.cue) for g in golds]
            if frozenset(keys) in apart:
                problem = "the gold says these two figures must never share a group"
            elif not any(set(keys) <= refs for refs in together):
                # no group check pairs them: they must at least be figures of one topic and one event
                shared = set(golds[0].topics) & set(golds[1].topics)
                if not shared:
                    problem = "its two figures measure different things in the gold"
                elif golds[0].req != golds[1].req:
                    problem = "it pairs a figure of the story with a background figure"
                elif shared == {"other"}:
                    # "other" says nothing of what is measured: only a group check vouches for such a pair, and
                    # the gold has none: not counted either way, but listed for a person to judge
                    s.top_unverified += 1
                    s.failures.append(f"top conflict unverified: {_clip(grp.reason, 140)}")
                    continue
        s.top.add(not problem)
        if problem:
            s.failures.append(f"top conflict wrong: {_clip(grp.reason, 140)}: {problem}")


def format_table(scores: list[ClusterScore], heldout: Iterable[str] = ()) -> str:
    """The per-cluster table, in Markdown, with totals for the tuned and the held-out clusters."""
    held = set(heldout)
    head = "| cluster | recall | precision | subject | scope | attribution | date | group checks | top 5 |"
    rows = [head, "|" + "---|" * 9]

    def row(name: str, x: ClusterScore) -> str:
        f = x.fields
        cells = [x.recall, x.precision, f["subject"], f["scope"], f["attribution"], f["date"], x.groups]
        top = x.top.words() + (f" +{x.top_unverified}?" if x.top_unverified else "")
        return f"| {name} | " + " | ".join(c.words() for c in cells) + f" | {top} |"

    for part, title in ((False, "all tuned"), (True, "all held out")):
        chosen = [x for x in scores if (x.name in held) == part]
        if not chosen:
            continue
        total = ClusterScore(title)
        for x in chosen:
            rows.append(row(x.name + (" (held out)" if part else ""), x))
            total.add(x)
        rows.append(row(f"**{title}**", total))
    return "\n".join(rows)

"""The fact-checker's corrections to the machine's reading, applied on top of extraction before comparison.

A correction is the user's work (kept in the verdict database, kzview.verdicts): not a figure; a different topic,
subject, scope, attribution, unit, measure, interval or event; or a figure kzview missed (a span of the text with its
topic and interval). Each is anchored like a verdict (article, span, words, sentence), so it survives a new
extraction: re-anchored to the claim now at that place, stale where the words changed, listed where they are gone.
Applying is pure: claims and corrections in, corrected claims out (the machine's reading kept in `machine`).
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, replace
from typing import Any

# The event label a figure moved out of its group is given (the evidence screen, or `--event` with it): the figure
# is then compared with nothing it was pooled with, and the table shows why.
from kzview.kinds import SET_APART as SET_APART
from kzview.model import Article, Claim, ClaimGroup

FIELDS = ("topic", "subject", "scope", "attribution", "unit", "measure", "event", "low", "high")
KINDS = ("claim", "missed")


@dataclass(frozen=True)
class Correction:
    kind: str  # "claim": change or remove a claim; "missed": add a figure kzview did not find
    target_id: str  # the claim id it was set on ("" for a missed figure)
    changes: dict[str, Any]  # field -> value; {"not_a_figure": True} removes the claim from comparison
    note: str = ""
    who: str = ""
    set_at: str = ""
    anchor: str = ""  # JSON [[article, start, end, words, sentence]]
    seq: int = 0

    def spot(self) -> tuple[str, int, int, str, str] | None:
        try:
            a, s, e, w, t = json.loads(self.anchor)[0]
            return str(a), int(s), int(e), str(w), str(t)
        except (ValueError, TypeError, IndexError, KeyError):
            return None


@dataclass(frozen=True)
class Applied:
    correction: Correction
    claim_id: str | None  # the claim it now stands on (None: its text is gone; listed, never dropped)
    stale: bool  # the words it corrected have changed since


def _claim_at(claims: list[Claim], spot: tuple[str, int, int, str, str]) -> tuple[Claim | None, bool]:
    article, start, end, words, sentence = spot
    mine = [c for c in claims if c.article == article and c.kind != "date"]
    for c in mine:
        if c.start == start and c.end == end:
            return c, c.surface != words
    same = [c for c in mine if c.surface == words and " ".join(c.sentence.split()).startswith(sentence[:120])]
    if same:
        return same[0], False
    near = [c for c in mine if c.start < end and c.end > start]
    return (near[0], True) if near else (None, True)


def missed_claim(article: Article, start: int, end: int, changes: dict[str, Any]) -> Claim | None:
    """A figure kzview did not find, as the user marked it: the words at start..end of the article."""
    text = article.text
    if not (0 <= start < end <= len(text)):
        return None
    s0 = max(text.rfind("\n", 0, start) + 1, 0)
    s1 = text.find("\n", end)
    s1 = len(text) if s1 < 0 else s1
    surface = text[start:end]
    cid = "m" + hashlib.sha1(f"{article.id}\x1f{start}\x1f{end}\x1f{surface}".encode()).hexdigest()[:12]
    return Claim(
        id=cid,
        article=article.id,
        kind=str(changes.get("kind", "count")),  # type: ignore[arg-type]
        surface=surface,
        start=start,
        end=end,
        sentence=text[s0:s1],
        sentence_start=s0,
        sentence_end=s1,
        low=changes.get("low"),
        high=changes.get("high"),
        approximate=False,
        topic=str(changes.get("topic", "other")),
        subject=changes.get("subject"),
        scope=changes.get("scope"),
        attribution=changes.get("attribution"),
        unit=changes.get("unit"),
        measure=changes.get("measure"),
        event=changes.get("event"),
        as_of=article.date,
        corrected=True,
        machine={"missed": True},
    )


def apply_corrections(
    claims: Sequence[Claim], articles: Iterable[Article], corrections: Iterable[Correction]
) -> tuple[list[Claim], list[Applied]]:
    """Claims with the user's corrections on top (the latest correction of each claim wins), and how each
    correction was applied."""
    articles = list(articles)
    by_article = {a.id: a for a in articles}
    order = {a.id: i for i, a in enumerate(articles)}
    out = list(claims)
    index = {c.id: i for i, c in enumerate(out)}
    applied: list[Applied] = []
    for corr in corrections:  # oldest first, as the verdict store gives them: a later one wins
        spot = corr.spot()
        if corr.kind == "missed":
            art = by_article.get(spot[0]) if spot else None
            new = missed_claim(art, spot[1], spot[2], corr.changes) if art and spot else None
            if new is None or (spot and art and art.text[spot[1] : spot[2]] != spot[3]):
                applied.append(Applied(corr, None, True))
                continue
            if new.id not in index:
                index[new.id] = len(out)
                out.append(new)
            applied.append(Applied(corr, new.id, False))
            continue
        i = index.get(corr.target_id)
        stale = False
        if i is None and spot is not None:
            found, stale = _claim_at(out, spot)
            i = index.get(found.id) if found else None
        if i is None:
            applied.append(Applied(corr, None, True))
            continue
        c = out[i]
        machine = dict(c.machine or {})
        update: dict[str, Any] = {}
        if corr.changes.get("not_a_figure"):
            machine.setdefault("topic", c.topic)
            machine.setdefault("measure", c.measure)
            machine["not_a_figure"] = False
            update = {"topic": "other", "measure": None, "kind": "other" if c.kind == "count" else c.kind}
        for name in FIELDS:
            if name in corr.changes:
                machine.setdefault(name, getattr(c, name))
                update[name] = corr.changes[name]
        out[i] = replace(c, **update, corrected=True, machine=machine)
        applied.append(Applied(corr, c.id, stale))
    if any(a.correction.kind == "missed" and a.claim_id for a in applied):
        out.sort(key=lambda c: (order.get(c.article, len(order)), c.start, c.end))
    return out, applied


MERGE_FIELDS = ("topic", "subject", "scope", "measure", "event")


def merge_changes(into: ClaimGroup, claims: Iterable[Claim]) -> list[tuple[Claim, dict[str, Any]]]:
    """Two groups that measure one thing: the changes that make each figure of the other group (`claims`) read as
    the kept group does (topic, subject, place, measure, event); figures that already do need none. One list, saved
    as one step (undo takes the whole merge back), by the app and by `kzview correct --merge` alike."""
    key = {k: getattr(into, k) for k in MERGE_FIELDS}
    out = []
    for claim in claims:
        changes = {k: v for k, v in key.items() if getattr(claim, k) != v}
        if changes:
            out.append((claim, changes))
    return out


def parse_interval(words: str) -> tuple[float | None, float | None]:
    """ "1800..2200", "5000..", "..300", "12" -> bounds (None = unbounded)."""
    if ".." not in words:
        v = float(words)
        return v, v
    lo, hi = words.split("..", 1)
    return (float(lo) if lo.strip() else None, float(hi) if hi.strip() else None)


def _num(v: float | None) -> float | int | None:
    return int(v) if isinstance(v, float) and v.is_integer() else v


_GROUP_FIELDS = ("topic", "subject", "scope", "measure", "event")
_ANY_STATUS = ["conflict", "update", "consistent", "single"]


def as_gold(
    claims: Sequence[Claim], articles: list[Article], applied: list[Applied], groups: list[ClaimGroup] | None = None
) -> dict[str, Any]:
    """The corrections as a cue-based gold file (../shared/realnews/README.md): corrected figures as claims,
    removed ones as negatives, and, given the groups, each figure a correction moved as a group check: one merged
    into another group must share it with a figure of another article there; one set apart must never again share
    a group with a figure that still reads as it did. So `kzview eval` scores the next version against a desk's
    corrections."""
    texts = {a.id: a.text for a in articles}
    by_id = {c.id: c for c in claims}
    home = {cid: g for g in groups or () if g.rule not in _NOT_POOLS for cid in g.claims}
    checks: list[dict[str, Any]] = []
    gold: dict[str, Any] = {
        "event_topics": ["deaths", "injuries", "arrests", "hospitalized", "troops", "missing", "displaced"],
        "dates": {},
        "claims": [],
        "negatives": [],
        "conflicts": [],
    }
    for a in applied:
        c = by_id.get(a.claim_id or "")
        if c is None:
            continue
        cue = unique_cue(texts[c.article], c.start, c.end)
        if a.correction.changes.get("not_a_figure"):
            gold["negatives"].append({"a": c.article, "cue": cue})
            continue
        entry: dict[str, Any] = {
            "a": c.article,
            "cue": cue,
            "topic": c.topic,
            "low": _num(c.low),
            "high": _num(c.high),
            "req": True,
        }
        gold["claims"].append(entry)
        if groups is not None and any(k in a.correction.changes for k in _GROUP_FIELDS):
            check = _group_check(c, cue, claims, home, texts)
            if check is not None and check not in checks:
                checks.append(check)
    gold["conflicts"] = checks
    return gold


_NOT_POOLS = ("part-whole", "within-article", "weekday")


def _group_check(
    c: Claim, cue: str, claims: Sequence[Claim], home: dict[str, ClaimGroup], texts: dict[str, str]
) -> dict[str, Any] | None:
    def ref(d: Claim) -> list[str]:
        return [d.article, unique_cue(texts[d.article], d.start, d.end)]

    if c.event == SET_APART:
        was = c.machine or {}
        former = [
            d
            for d in claims
            if d.id != c.id
            and d.kind != "date"
            and not d.corrected
            and all(getattr(d, k) == was.get(k, getattr(c, k)) for k in _GROUP_FIELDS)
        ]
        if not former:
            return None
        return {"name": f"set apart by a person: {c.surface}", "must_not_group": [[c.article, cue], ref(former[0])]}
    g = home.get(c.id)
    others = [d for d in (home_claims(g, claims) if g else []) if d.id != c.id and d.article != c.article]
    if not others:
        return None
    return {
        "name": f"merged by a person: {c.surface}",
        "must_group": [[c.article, cue], ref(others[0])],
        "status": _ANY_STATUS,
    }


def home_claims(g: ClaimGroup, claims: Sequence[Claim]) -> list[Claim]:
    ids = set(g.claims)
    return [d for d in claims if d.id in ids]


def unique_cue(text: str, start: int, end: int) -> str:
    """The figure's words, widened a word at a time on either side until they occur once in the text."""
    s, e = start, end
    for _ in range(12):
        cue = text[s:e]
        if text.count(cue) == 1 and "\n" not in cue:
            return cue
        left = text.rfind(" ", 0, max(0, s - 1))
        right = text.find(" ", e + 1)
        s = s if left < 0 or text[left:s].count("\n") else left + 1
        e = e if right < 0 or text[e:right].count("\n") else right
    return text[start:end]

"""Reports to hand on: Markdown, CSV, JSON and schema.org ClaimReview (JSON-LD).

Article text is untrusted in every format: control characters are made visible, Markdown and HTML syntax in it is
escaped, CSV cells that a spreadsheet would run as a formula are defused. No file name is ever built from it.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import re

from kzview.compare import figure_words, interval_words
from kzview.jsonout import dump_json
from kzview.model import Claim, ClaimGroup, Verdict, to_json
from kzview.safe import display_text, one_line
from kzview.store import ClaimStore
from kzview.verdicts import RATINGS

FORMATS = ("md", "csv", "json", "claimreview")
_MD_SPECIAL = re.compile(r"([\\`*_{}\[\]()#+\-.!|<>~])")


def md(text: str | None, limit: int | None = None) -> str:
    """Untrusted text as literal Markdown: one line, controls visible, every Markdown/HTML character escaped."""
    return _MD_SPECIAL.sub(r"\\\1", one_line(text or "", limit))


def csv_cell(value: object) -> str:
    """A CSV cell a spreadsheet shows as text: no formula (=, +, -, @, tab, CR) can run from it."""
    s = display_text("" if value is None else str(value))
    if s and s[0] in "=+-@\t\r|":
        s = "'" + s
    return s


def _verdict_words(v: Verdict | None) -> str:
    if v is None:
        return "none"
    return v.verdict + (" (stale: the text changed since)" if v.stale else "")


def markdown_report(store: ClaimStore, title: str = "kzview triage report") -> str:
    now = dt.datetime.now(dt.UTC).replace(microsecond=0).isoformat()
    counts = store.counts()
    out = [
        f"# {md(title)}",
        "",
        f"Generated {now} from {len(store.articles)} articles: {counts['conflict']} conflicts, "
        f"{counts['update']} updates, {counts['consistent']} consistent, {counts['single']} single-source groups.",
        "",
        "## Articles",
        "",
        "| id | title | date |",
        "|---|---|---|",
    ]
    for a in store.articles:
        date = f"{a.date}{' (inferred)' if a.date_inferred else ''}" if a.date else "undated"
        out.append(f"| {md(a.id)} | {md(a.title, 120)} | {date} |")
    out += ["", "## Groups", ""]
    for g in store.groups:
        v = store.verdict("group", g.id)
        what = " / ".join(x for x in (g.topic, g.subject, g.scope) if x)
        out.append(f"### {g.status.value}: {md(what)}")
        out.append("")
        out.append(f"- **Reason:** {md(g.reason)}")
        out.append(f"- **Rule:** {g.rule}; independent sources: {g.sources}")
        out.append(f"- **Verdict:** {md(_verdict_words(v))}")
        if v and v.note:
            out.append(f"- **Note:** {md(v.note)}")
        if v:
            out.append(f"- **Set at:** {v.set_at}")
        out.append("")
        out.append("| article | figure | interval | date | attribution | claim verdict | sentence |")
        out.append("|---|---|---|---|---|---|---|")
        for c in store.group_claims(g.id):
            cv = store.verdict("claim", c.id)
            interval = interval_words(c.low, c.high)
            out.append(
                f"| {md(c.article)} | {md(figure_words(c))} | {interval} | {c.as_of or 'undated'} | "
                f"{md(c.attribution or '')} | {md(cv.verdict if cv else '')} | {md(c.sentence, 200)} |"
            )
        out.append("")
    orphans = store.orphaned_verdicts()
    if orphans:
        out += ["## Verdicts on figures that are no longer in the articles", ""]
        for v in orphans:
            out.append(f"- {v.verdict} ({v.set_at}) on {md(v.label)}: {md(v.note)}")
        out.append("")
    return "\n".join(out)


def csv_report(store: ClaimStore) -> str:
    buf = io.StringIO()
    w = csv.writer(buf, lineterminator="\n")
    w.writerow(
        [
            "group",
            "status",
            "topic",
            "subject",
            "scope",
            "reason",
            "group_verdict",
            "group_note",
            "claim",
            "article",
            "figure",
            "low",
            "high",
            "as_of",
            "attribution",
            "claim_verdict",
            "claim_note",
            "sentence",
        ]
    )
    for g in store.groups:
        gv = store.verdict("group", g.id)
        for c in store.group_claims(g.id):
            cv = store.verdict("claim", c.id)
            w.writerow(
                [
                    csv_cell(x)
                    for x in (
                        g.id,
                        g.status.value,
                        g.topic,
                        g.subject,
                        g.scope,
                        g.reason,
                        gv.verdict if gv else "",
                        gv.note if gv else "",
                        c.id,
                        c.article,
                        c.surface,
                        c.low,
                        c.high,
                        c.as_of,
                        c.attribution,
                        cv.verdict if cv else "",
                        cv.note if cv else "",
                        c.sentence,
                    )
                ]
            )
    return buf.getvalue()


def json_report(store: ClaimStore) -> str:
    def group(g: ClaimGroup) -> dict:
        v = store.verdict("group", g.id)
        d = to_json(g)
        d["verdict"] = v.model_dump(mode="json") if v else None
        d["figures"] = [_claim(c) for c in store.group_claims(g.id)]
        return d

    def _claim(c: Claim) -> dict:
        d = to_json(c)
        v = store.verdict("claim", c.id)
        d["verdict"] = v.model_dump(mode="json") if v else None
        return d

    return dump_json([group(g) for g in store.groups])


def claimreview(store: ClaimStore, author: str = "kzview user") -> str:
    """schema.org ClaimReview for every group and claim with a verdict."""
    items = []
    for (kind, target), v in sorted(store.verdicts.items()):
        if not v.verdict:
            continue
        claims = (
            store.group_claims(target)
            if kind == "group"
            else ([store.claim_by_id[target]] if target in store.claim_by_id else [])
        )
        if kind == "group" and target in store.group_by_id:
            g = store.group_by_id[target]
            reviewed = f"{g.topic} ({', '.join(x for x in (g.subject, g.scope) if x) or 'whole event'}): " + "; ".join(
                f"{figure_words(c)} ({c.article})" for c in claims[:8]
            )
        elif claims:
            reviewed = one_line(claims[0].sentence)
        else:
            reviewed = one_line(v.label)
        appearances = []
        for c in claims:
            a = store.article_by_id.get(c.article)
            app: dict = {
                "@type": "CreativeWork",
                "headline": one_line(a.title if a else c.article),
                "identifier": c.article,
                "text": one_line(c.sentence),
            }
            if a and a.date:
                app["datePublished"] = a.date.isoformat()
            if a and a.outlet:
                app["publisher"] = {"@type": "Organization", "name": one_line(a.outlet)}
            if c.attribution:
                app["author"] = {"@type": "Organization", "name": one_line(c.attribution)}
            appearances.append(app)
        items.append(
            {
                "@context": "https://schema.org",
                "@type": "ClaimReview",
                "claimReviewed": one_line(reviewed),
                "reviewRating": {
                    "@type": "Rating",
                    "ratingValue": RATINGS.get(v.verdict, 3),
                    "bestRating": 5,
                    "worstRating": 1,
                    "alternateName": v.verdict,
                },
                "itemReviewed": {"@type": "Claim", "appearance": appearances},
                "author": {"@type": "Person", "name": one_line(author)},
                "datePublished": (v.set_at or dt.datetime.now(dt.UTC).isoformat())[:10],
                **({"reviewBody": one_line(v.note)} if v.note else {}),
            }
        )
    return dump_json(items)


def render(store: ClaimStore, fmt: str, author: str = "kzview user") -> str:
    if fmt == "md":
        return markdown_report(store)
    if fmt == "csv":
        return csv_report(store)
    if fmt == "json":
        return json_report(store)
    if fmt == "claimreview":
        return claimreview(store, author)
    raise ValueError(f"unknown export format {fmt!r}; one of {', '.join(FORMATS)}")

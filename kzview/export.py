"""Reports to hand on: Markdown, CSV, JSON and schema.org ClaimReview (JSON-LD).

Article text is untrusted in every format: control characters are made visible, Markdown and HTML syntax in it is
escaped, CSV cells that a spreadsheet would run as a formula are defused. No file name is ever built from it.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import re

from kzview.formats import EXPORT_FORMATS
from kzview.ingest.formats import OWN_REPORT_MARKER
from kzview.jsonout import dump_json
from kzview.model import Claim, ClaimGroup, Verdict, to_data, to_json
from kzview.safe import display_text, one_line
from kzview.store import ClaimStore
from kzview.verdicts import RATINGS
from kzview.words import figure_words, interval_words, sources_words

FORMATS = tuple(EXPORT_FORMATS)
# What would change how Markdown (CommonMark and GitHub's tables) renders inline text: emphasis, code, links and
# images, HTML, table cells, strikethrough, and an entity such as "&copy;". A dot, hyphen or bracket that renders as
# itself is left alone, so a report reads cleanly as plain text too.
_MD_INLINE = re.compile(r"([\\`*_\[\]<>|~])|&(?=#?\w+;)")
# At the start of a line only: a heading, a quote, a list item or a rule.
_MD_LEADING = re.compile(r"^(\s*)(?:([#>+=-])|(\d+)([.)])(?=\s|$))")


def md(text: str | None, limit: int | None = None) -> str:
    """Untrusted text as literal Markdown: one line, controls visible, and escaped only where Markdown would read
    it as syntax (never "5.2" or "well-known")."""
    line = _MD_INLINE.sub(lambda m: "\\" + m.group(1) if m.group(1) else "&amp;", one_line(text or "", limit))
    return _MD_LEADING.sub(
        lambda m: m.group(1) + ("\\" + m.group(2) if m.group(2) else m.group(3) + "\\" + m.group(4)), line
    )


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
        OWN_REPORT_MARKER,  # kzview never reads its own report back as an article (kzview.ingest.formats)
        f"# {md(title)}",
        "",
        f"Generated {now} from {len(store.articles)} articles: {counts['conflict']} conflicts, "
        f"{counts['update']} updates, {counts['consistent']} consistent, {counts['single']} single-source groups.",
        "",
        "Made by " + "; ".join(f"{k} {v}" if k != "program" else v for k, v in store.made_by.items() if v) + ".",
        "",
        "## Articles",
        "",
        "| outlet | id | title | date |",
        "|---|---|---|---|",
    ]
    for a in store.articles:
        date = f"{a.date}{' (inferred)' if a.date_inferred else ''}" if a.date else "undated"
        out.append(f"| {md(store.article_label(a.id))} | {md(a.id)} | {md(a.title, 120)} | {date} |")
    out += ["", "## Groups", ""]
    for g in store.groups:
        v = store.verdict("group", g.id)
        what = " / ".join(x for x in (g.topic, g.subject, g.scope) if x)
        story = f" (story: {md(g.story)})" if g.story else ""
        out.append(f"### {g.status.value}: {md(what)}{story}")
        out.append("")
        out.append(f"- **Reason:** {md(g.reason)}")
        out.append(f"- **Rule:** {g.rule}; {sources_words(store.group_claims(g.id))}")
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
                f"| {md(store.article_label(c.article))} | {md(figure_words(c))} | {md(interval)} | "
                f"{c.as_of or 'undated'} | "
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
            "outlet",
            "made_by",
            "story",
        ]
    )
    made_by = "; ".join(v for v in store.made_by.values() if v)
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
                        store.article_label(c.article),
                        made_by,
                        g.story,
                    )
                ]
            )
    return buf.getvalue()


def json_report(store: ClaimStore) -> str:
    def group(g: ClaimGroup) -> dict:
        v = store.verdict("group", g.id)
        d = to_json(g)
        d["verdict"] = to_data(v) if v else None
        d["figures"] = [_claim(c) for c in store.group_claims(g.id)]
        d["outlets"] = [store.article_label(a) for a in g.articles]
        d["made_by"] = made_by
        return d

    made_by = store.made_by

    def _claim(c: Claim) -> dict:
        d = to_json(c)
        d["label"] = store.article_label(c.article)
        v = store.verdict("claim", c.id)
        d["verdict"] = to_data(v) if v else None
        return d

    return dump_json([group(g) for g in store.groups])


# The rating scale every review uses, written into each review (`reviewRating.ratingExplanation`) and the README.
RATING_SCALE = (
    "1 = false, 2 = misleading or disputed, 3 = unverified or needs follow-up, 5 = confirmed "
    "(kzview's verdicts on schema.org's 1 to 5 scale; 4 is not used)"
)


def claimreview(store: ClaimStore, author: str = "kzview user", review_url: str = "") -> str:
    """schema.org ClaimReview (JSON-LD) for every group and claim with a verdict, with the fields Google's fact-check
    markup requires and recommends: `url` (the review's own address: `review_url` with the target's id as the
    fragment, else a `urn:kzview:` name), `claimReviewed`, `reviewRating` (with its scale), `author`,
    `datePublished`, and `itemReviewed`: the Claim, its `author` (who made it: the source the text names, else the
    outlet), each `appearance` (the article: its URL where known) and the `firstAppearance` (the earliest)."""
    made_by = store.made_by
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
                f"{figure_words(c)} ({store.article_label(c.article)})" for c in claims[:8]
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
            if a and a.url:
                app["url"] = one_line(a.url)
            if a and a.date:
                app["datePublished"] = a.date.isoformat()
            if a and a.outlet:
                app["publisher"] = {"@type": "Organization", "name": one_line(a.outlet)}
            if c.attribution:
                app["author"] = {"@type": "Organization", "name": one_line(c.attribution)}
            appearances.append(app)
        claim: dict = {"@type": "Claim", "appearance": appearances}
        if appearances:
            dated = [x for x in appearances if "datePublished" in x]
            first = min(dated, key=lambda x: x["datePublished"]) if dated else appearances[0]
            claim["firstAppearance"] = first
            if "datePublished" in first:
                claim["datePublished"] = first["datePublished"]
            maker = first.get("author") or first.get("publisher")
            if maker:
                claim["author"] = maker
        fragment = f"{kind}-{target}"
        items.append(
            {
                "@context": "https://schema.org",
                "@type": "ClaimReview",
                "url": f"{review_url}#{fragment}" if review_url else f"urn:kzview:{fragment}",
                "claimReviewed": one_line(reviewed),
                "reviewRating": {
                    "@type": "Rating",
                    "ratingValue": RATINGS.get(v.verdict, 3),
                    "bestRating": 5,
                    "worstRating": 1,
                    "alternateName": v.verdict,
                    "ratingExplanation": RATING_SCALE,
                },
                "itemReviewed": claim,
                "author": {"@type": "Person", "name": one_line(author)},
                "datePublished": (v.set_at or dt.datetime.now(dt.UTC).isoformat())[:10],
                "isBasedOn": {
                    "@type": "SoftwareApplication",
                    "name": "kzview",
                    "softwareVersion": made_by["program"].split()[-1],
                    "description": "; ".join(f"{k} {x}" for k, x in made_by.items() if k != "program" and x),
                },
                **({"reviewBody": one_line(v.note)} if v.note else {}),
            }
        )
    return dump_json(items)


def render(store: ClaimStore, fmt: str, author: str = "kzview user", review_url: str = "") -> str:
    if fmt == "md":
        return markdown_report(store)
    if fmt == "csv":
        return csv_report(store)
    if fmt == "json":
        return json_report(store)
    if fmt == "claimreview":
        return claimreview(store, author, review_url)
    raise ValueError(f"unknown export format {fmt!r}; one of {', '.join(FORMATS)}")

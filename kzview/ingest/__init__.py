"""Reading files into Articles. Never raises for a bad file: it becomes a LoadProblem naming the file."""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field, replace
from pathlib import Path

from kzview.dates import PrintedDate, find_dates, printed_date, resolve
from kzview.ingest.clean import clean
from kzview.ingest.files import DEFAULT_MAX_BYTES, ReadError, Source, discover, size_words
from kzview.ingest.formats import RawDoc, read_sidecar, read_source
from kzview.ingest.stories import assign_stories
from kzview.model import Article, LoadProblem
from kzview.places import bundled_corpus_path as bundled_corpus_path

__all__ = [
    "Corpus",
    "RawCorpus",
    "assign_stories",
    "bundled_corpus_path",
    "clean_corpus",
    "clean_doc",
    "load_corpus",
    "read_corpus",
    "read_one",
    "read_roots",
    "take_docs",
]


@dataclass
class Corpus:
    articles: list[Article] = field(default_factory=list)
    problems: list[LoadProblem] = field(default_factory=list)


def article_from_text(article_id: str, text: str, path: str = "") -> Article:
    c = clean(text[: read_limit(text)])  # headline, date, outlet and furniture within what is read for figures
    return Article(
        id=article_id,
        path=path,
        text=text,
        title=c.title or article_id,
        title_span=c.title_span,
        date=c.date,
        date_inferred=c.date_inferred,
        outlet=c.outlet,
        regions=tuple(c.regions),
    )


# characters of one text read for figures (about a hundred long articles): past it, time and memory stay bounded
# per file, and a huge file cannot hold up the rest of the corpus
READ_BUDGET = 2 * 1024 * 1024


def read_limit(text: str, budget: int | None = None) -> int:
    """Where reading for figures stops in `text`: all of it within the budget, else the last line break (or
    sentence end) before the budget, so no sentence is cut."""
    budget = READ_BUDGET if budget is None else budget
    if len(text) <= budget:
        return len(text)
    cut = max(text.rfind("\n", 0, budget), text.rfind(". ", 0, budget) + 1)
    return cut if cut > budget // 2 else budget


def budget_words(size: int, budget: int | None = None) -> str:
    budget = READ_BUDGET if budget is None else budget
    return (
        f"only its first {size_words(budget)} of {size_words(size)} were read for figures: each text is read up to "
        f"{size_words(budget)}, so that one huge file cannot hold up the rest"
    )


@dataclass
class RawCorpus:
    """Texts as read, before any cleaning: enough to recognise an unchanged corpus."""

    docs: list[RawDoc] = field(default_factory=list)
    problems: list[LoadProblem] = field(default_factory=list)
    sidecar: dict[str, dict[str, str]] = field(default_factory=dict)


@dataclass
class ReadMemo:
    """What each file gave when it was last read, by its path, size and modification time: a watch-mode reload
    reads again only the files that changed (or that the watcher named), however many the folder holds."""

    seen: dict[str, tuple[int, int, list[RawDoc], list[tuple[str, str]]]] = field(default_factory=dict)
    changed: set[str] = field(default_factory=set)  # paths the watcher reported: read again whatever stat says
    reads: int = 0  # files actually read by the last load (for tests and the benchmark)


def _stamp(path: Path) -> tuple[int, int] | None:
    try:
        st = path.stat()
    except OSError:
        return None
    return st.st_mtime_ns, st.st_size


def read_corpus(
    paths: list[Path] | None = None, max_bytes: int = DEFAULT_MAX_BYTES, memo: ReadMemo | None = None
) -> RawCorpus:
    sources, raw = read_roots(paths)
    seen: set[str] = set()
    kept: dict[str, tuple[int, int, list[RawDoc], list[tuple[str, str]]]] = {}
    if memo is not None:
        memo.reads = 0
    for source in sources:
        key = str(source.path)
        stamp = _stamp(source.path) if memo is not None and key != "-" else None
        before = memo.seen.get(key) if memo is not None and stamp is not None else None
        if memo is not None and before is not None and before[:2] == stamp and key not in memo.changed:
            docs, problems = before[2], before[3]
        else:
            if memo is not None:
                memo.reads += 1
            read = read_one(source, max_bytes)
            if isinstance(read, LoadProblem):
                raw.problems.append(read)
                continue
            docs, problems = read
        if stamp is not None:
            kept[key] = (*stamp, docs, problems)
        for doc, keep in zip(
            docs,
            take_docs(raw.problems, seen, problems, [(d.article_id, d.path, len(d.text)) for d in docs]),
            strict=True,
        ):
            if keep:
                raw.docs.append(doc)
    if memo is not None:
        memo.seen, memo.changed = kept, set()
    return raw


def read_roots(paths: list[Path] | None) -> tuple[list[Source], RawCorpus]:
    """The files under `paths` (the sample corpus when None), and a RawCorpus holding what was skipped and the
    metadata sidecars: the first step of reading, on one machine or before a cluster reads the files."""
    roots = paths or [bundled_corpus_path()]
    sources, skipped = discover(roots)
    raw = RawCorpus(problems=[LoadProblem(path=p, reason=r) for p, r in skipped])
    for root in roots:
        if str(root) != "-" and root.is_dir():
            meta, problems = read_sidecar(root)
            raw.sidecar.update(meta)
            raw.problems.extend(LoadProblem(path=p, reason=r) for p, r in problems)
    return sources, raw


def read_one(
    source: Source, max_bytes: int = DEFAULT_MAX_BYTES
) -> tuple[list[RawDoc], list[tuple[str, str]]] | LoadProblem:
    """One file's documents and the parts that could not be read, or why the file cannot be read at all."""
    try:
        docs, problems = read_source(source, max_bytes)
    except ReadError as exc:
        return LoadProblem(path=str(source.path), reason=str(exc))
    except Exception as exc:  # noqa: BLE001 - one bad file must never stop the others
        return LoadProblem(path=str(source.path), reason=f"unexpected error: {exc!r}")
    if source.story is not None:
        for doc in docs:
            doc.meta.setdefault("story", source.story)  # its folder, unless the record names its own story
    return docs, problems


def take_docs(
    out: list[LoadProblem], seen: set[str], problems: list[tuple[str, str]], docs: list[tuple[str, str, int]]
) -> list[bool]:
    """Which of one file's documents (id, path, length) join the corpus, in order: a record whose id came before
    is named and skipped, and a text past the reading budget is named; `out` takes those problems."""
    out.extend(LoadProblem(path=p, reason=r) for p, r in problems)
    keep: list[bool] = []
    for article_id, path, size in docs:
        if article_id in seen:  # two records with one id: the later one is named and skipped
            out.append(LoadProblem(path=path, reason=f"duplicate article id {article_id!r}; skipped"))
            keep.append(False)
            continue
        seen.add(article_id)
        keep.append(True)
        if size > READ_BUDGET:
            out.append(LoadProblem(path=path, reason=budget_words(size)))
    return keep


_TLDS = frozenset(
    "com org net edu gov mil int uk in au nl ca de fr it es pk za nz ie us info biz co io tv news eu ru jp cn sg my "
    "ph ng ke gh lk bd ae qa sa il tr gr pl se no dk fi be ch at pt br mx ar cl pe ve".split()
)


def outlet_from_name(article_id: str) -> str | None:
    """The outlet a file name spells (`03_bbc-co-uk` -> "bbc.co.uk", `07_nytimes-com` -> "nytimes.com"), or None
    when the name is no host name."""
    stem = article_id.rsplit("/", 1)[-1]
    name = re.sub(r"^\d+[_-]", "", stem)
    parts = name.lower().split("-")
    if len(parts) < 2 or parts[-1] not in _TLDS or not all(p.isalnum() for p in parts):
        return None
    if parts[0] == "www":
        parts = parts[1:]
    return ".".join(parts)


def clean_corpus(raw: RawCorpus, known: dict[tuple[str, str], Article] | None = None) -> Corpus:
    """Articles from raw texts. `known` (keyed by id and text) lets a watcher reuse unchanged articles."""
    corpus = Corpus(problems=list(raw.problems))
    for doc in raw.docs:
        cached = known.get((doc.article_id, doc.text)) if known is not None else None
        if cached is not None:
            story = {**doc.meta, **raw.sidecar.get(doc.article_id, {})}.get("story") or None
            if cached.story != story:
                cached = replace(cached, story=story)  # the same text, moved to another story's folder
        article = cached or clean_doc(doc, raw.sidecar)
        if isinstance(article, LoadProblem):
            corpus.problems.append(article)
        else:
            corpus.articles.append(article)
    corpus.articles = infer_missing_dates(assign_stories(corpus.articles))
    return corpus


def clean_doc(doc: RawDoc, sidecar: dict[str, dict[str, str]]) -> Article | LoadProblem:
    """One document as an article (its metadata and the sidecar's over what the text says), or why it cannot be
    one. The dates of articles that print none are inferred afterwards, over the whole corpus."""
    try:
        meta = {**doc.meta, **sidecar.get(doc.article_id, {})}
        article = apply_meta(article_from_text(doc.article_id, doc.text, doc.path), meta)
        if article.outlet is None:
            named = outlet_from_name(doc.article_id)
            if named:
                article = replace(article, outlet=named)
        return article
    except Exception as exc:  # noqa: BLE001
        return LoadProblem(path=doc.path, reason=f"unexpected error: {exc!r}")


def apply_meta(article: Article, meta: dict[str, str]) -> Article:
    """What the format or a sidecar says beats what kzview inferred."""
    update: dict = {}
    if meta.get("title"):
        update["title"] = meta["title"]
    if meta.get("outlet"):
        update["outlet"] = meta["outlet"]
    if meta.get("url"):
        update["url"] = meta["url"]
    if meta.get("language"):
        update["language"] = meta["language"]
    if meta.get("story"):
        update["story"] = meta["story"]
    if meta.get("date"):
        try:
            update["date"] = dt.date.fromisoformat(meta["date"].strip()[:10])
            update["date_inferred"] = False
        except ValueError:
            pass
    return replace(article, **update) if update else article


def load_corpus(paths: list[Path] | None = None, max_bytes: int = DEFAULT_MAX_BYTES) -> Corpus:
    return clean_corpus(read_corpus(paths, max_bytes))


def _partial_stamp(a: Article) -> PrintedDate | None:
    if a.date_inferred or not any(r.kind == "dateline" for r in a.regions):
        return None
    line = next(r for r in a.regions if r.kind == "dateline")
    stamp = printed_date(a.text, [(line.start, line.end)])
    if stamp is None or (stamp.year is not None and stamp.alternative is None):
        return None
    if stamp.year is not None and a.date != dt.date(stamp.year, stamp.month, stamp.day):
        return None  # the date came from metadata
    return stamp


def infer_missing_dates(articles: list[Article]) -> list[Article]:
    """Date an undated article by the latest calendar date it mentions, the year taken from its story.

    Articles of one story report one event, so "January 6" in an article without a year means the January 6
    nearest the other articles' dates. The date is marked as inferred. A corpus of several stories is dated
    story by story: another story's dates say nothing of this one's.
    """
    stories: dict[str | None, list[int]] = {}
    for i, a in enumerate(articles):
        stories.setdefault(a.story, []).append(i)
    if len(stories) < 2:
        return _infer_dates(articles)
    out = list(articles)
    for own in stories.values():
        for i, a in zip(own, _infer_dates([articles[i] for i in own]), strict=True):
            out[i] = a
    return out


def _infer_dates(articles: list[Article]) -> list[Article]:
    dated = sorted(a.date for a in articles if a.date)
    if not dated:
        return articles
    anchor = dated[len(dated) // 2]
    out = []
    for a in articles:
        stamp = _partial_stamp(a)
        if stamp is not None:
            # A dateline without a year ("Mumbai, Nov 11 -") or a numeric one that reads both ways ("11/09/2010"):
            # the reading nearest the other articles' dates. The day is printed, so the date is not inferred.
            day = stamp.date(anchor)
            if day is not None:
                a = replace(a, date=day, date_inferred=False)
        if a.date is None:
            skip = [(r.start, r.end) for r in a.regions if r.kind != "caption"]
            days = [
                resolve(d, anchor)
                for d in find_dates(a.text)
                if d.is_calendar and not any(s <= d.start < e for s, e in skip)
            ]
            found = [d for d in days if d is not None]
            if found:
                a = replace(a, date=max(found), date_inferred=True)
        out.append(a)
    return out

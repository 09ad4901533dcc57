"""Reading files into Articles. Never raises for a bad file: it becomes a LoadProblem naming the file."""

from __future__ import annotations

from dataclasses import dataclass, field
from importlib import resources
from pathlib import Path

from kzview.dates import find_dates, resolve
from kzview.ingest.clean import clean
from kzview.ingest.files import DEFAULT_MAX_BYTES, ReadError, Source, discover, read_text
from kzview.model import Article, LoadProblem

__all__ = ["Corpus", "bundled_corpus_path", "load_article", "load_corpus"]


@dataclass
class Corpus:
    articles: list[Article] = field(default_factory=list)
    problems: list[LoadProblem] = field(default_factory=list)


def bundled_corpus_path() -> Path:
    """The sample articles shipped in the package (or, in a source checkout, the repository's seeds/)."""
    packaged = Path(str(resources.files("kzview"))) / "seeds"
    if packaged.is_dir():
        return packaged
    return Path(__file__).resolve().parents[2] / "seeds"


def article_from_text(article_id: str, text: str, path: str = "") -> Article:
    c = clean(text)
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


def load_article(source: Source, max_bytes: int = DEFAULT_MAX_BYTES) -> Article:
    text = read_text(source.path, max_bytes)
    return article_from_text(source.article_id, text, str(source.path))


@dataclass
class RawCorpus:
    """Texts as read, before any cleaning: enough to recognise an unchanged corpus."""

    texts: list[tuple[Source, str]] = field(default_factory=list)
    problems: list[LoadProblem] = field(default_factory=list)


def read_corpus(paths: list[Path] | None = None, max_bytes: int = DEFAULT_MAX_BYTES) -> RawCorpus:
    roots = paths or [bundled_corpus_path()]
    sources, skipped = discover(roots)
    raw = RawCorpus(problems=[LoadProblem(path=p, reason=r) for p, r in skipped])
    for source in sources:
        try:
            raw.texts.append((source, read_text(source.path, max_bytes)))
        except ReadError as exc:
            raw.problems.append(LoadProblem(path=str(source.path), reason=str(exc)))
        except Exception as exc:  # noqa: BLE001 - one bad file must never stop the others
            raw.problems.append(LoadProblem(path=str(source.path), reason=f"unexpected error: {exc!r}"))
    return raw


def clean_corpus(raw: RawCorpus) -> Corpus:
    corpus = Corpus(problems=list(raw.problems))
    for source, text in raw.texts:
        try:
            corpus.articles.append(article_from_text(source.article_id, text, str(source.path)))
        except Exception as exc:  # noqa: BLE001
            corpus.problems.append(LoadProblem(path=str(source.path), reason=f"unexpected error: {exc!r}"))
    corpus.articles = infer_missing_dates(corpus.articles)
    return corpus


def load_corpus(paths: list[Path] | None = None, max_bytes: int = DEFAULT_MAX_BYTES) -> Corpus:
    return clean_corpus(read_corpus(paths, max_bytes))


def infer_missing_dates(articles: list[Article]) -> list[Article]:
    """Date an undated article by the latest calendar date it mentions, the year taken from the corpus.

    Articles in one corpus report one event, so "January 6" in an article without a year means the January 6
    nearest the other articles' dates. The date is marked as inferred.
    """
    dated = sorted(a.date for a in articles if a.date)
    if not dated:
        return articles
    anchor = dated[len(dated) // 2]
    out = []
    for a in articles:
        if a.date is None:
            skip = [(r.start, r.end) for r in a.regions if r.kind != "caption"]
            days = [
                resolve(d, anchor)
                for d in find_dates(a.text)
                if d.is_calendar and not any(s <= d.start < e for s, e in skip)
            ]
            days = [d for d in days if d is not None]
            if days:
                a = a.model_copy(update={"date": max(days), "date_inferred": True})
        out.append(a)
    return out

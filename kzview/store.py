"""Building and loading the one ClaimStore (kzview.claimstore) every pane and command reads: from the snapshot when
the corpus is unchanged, else through extraction, corrections and comparison."""

from __future__ import annotations

import hashlib
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any

from kzview.cache import SCHEMA_VERSION, ClaimCache, code_key
from kzview.claimstore import ArticleStats as ArticleStats
from kzview.claimstore import ClaimStore as ClaimStore
from kzview.claimstore import article_labels as article_labels
from kzview.claimstore import article_stories as article_stories
from kzview.claimstore import made_by as made_by
from kzview.corrections import Applied, Correction, apply_corrections
from kzview.extract.lexicon import Lexicon, load_lexicon
from kzview.gcpause import paused_gc
from kzview.ingest import Corpus, RawCorpus, ReadMemo, clean_corpus, read_corpus
from kzview.intern import Interner
from kzview.model import Article, Claim, Entity, LoadProblem

if TYPE_CHECKING:
    from kzview.parallel import ClusterSpec


def build_store(
    corpus: Corpus,
    lex: Lexicon | None = None,
    cache: ClaimCache | None = None,
    progress: Callable[[int, int], None] | None = None,
    workers: int | ClusterSpec | None = None,
    corrections: list[Correction] | None = None,
    stories: bool = True,
    on_partial: Callable[[ClaimStore], None] | None = None,
    extracted: list[Claim] | None = None,
) -> ClaimStore:
    """Extract, correct and compare `corpus`: story by story when its articles are about several (`stories`
    False: all of them as one story, whatever their folders say). A large corpus with `on_partial` is extracted in
    parts, the first quarter and the first half each told as a provisional store (the figures read so far,
    compared among themselves) while the rest is read; the claims are the same whichever way they were read.
    `extracted` is given the claims as extraction read them, before the user's corrections."""
    from kzview.extract import corpus_context  # here, not at the top: a snapshot's store needs no extraction
    from kzview.pipeline import extract_corpus

    lex = lex or load_lexicon()
    ctx = corpus_context(corpus.articles, lex)
    articles = corpus.articles
    n = len(articles)
    cuts = [n // 4, n // 2, n] if on_partial is not None and n >= PARTIAL_MIN else [n]
    claims = []
    start = 0
    for cut in cuts:

        def shifted(done: int, total: int, start: int = start) -> None:
            if progress is not None:
                progress(start + done, n)

        claims += extract_corpus(articles[start:cut], lex, ctx, cache=cache, workers=workers, progress=shifted)
        start = cut
        if cut < n and on_partial is not None:
            shown = apply_corrections(claims, articles, corrections)[0] if corrections else list(claims)
            partial = compared(articles, shown, corpus.problems, list(ctx.entities), lex, stories)
            partial.provisional = True
            _tell(on_partial, partial)
            del shown, partial  # held by whoever shows it, and by nothing here while the rest is read
    applied: list[Applied] = []
    if extracted is not None:
        extracted.extend(claims)
    if corrections:
        claims, applied = apply_corrections(claims, articles, corrections)
    store = compared(articles, claims, corpus.problems, list(ctx.entities), lex, stories)
    store.applied = applied
    return store


def compared(
    articles: list[Article],
    claims: list[Claim],
    problems: list[LoadProblem],
    entities: list[Entity],
    lex: Lexicon,
    stories: bool = True,
) -> ClaimStore:
    """The store of these claims, compared (story by story unless `stories` is False)."""
    from kzview.compare import compare

    groups = compare(claims, lex, article_labels(articles), article_stories(articles) if stories else None)
    store = ClaimStore(articles=articles, claims=claims, groups=groups, problems=problems, entities=entities)
    store.lexicon = lex.fingerprint
    return store


def _tell(callback: Callable[..., None], *args: Any) -> None:
    """Show what is read so far (a display's nicety): a failure there never costs the read itself."""
    try:
        callback(*args)
    except OSError:
        raise  # the pipe to the app is gone (kzview.prefetch): nobody is waiting for the rest
    except Exception:  # noqa: BLE001 - the load goes on; the store comes when it is whole
        pass


PARTIAL_MIN = 2000  # articles to extract from which a first open shows its figures as they come, in parts (below,
# the whole read takes a few seconds, and reading in parts would cost a third more)


def corpus_key(raw: RawCorpus, lex: Lexicon, stories: bool = True) -> str:
    h = hashlib.sha1(f"{SCHEMA_VERSION}\x1f{code_key()}\x1f{lex.fingerprint}\x1f{stories}".encode())
    h.update(repr(sorted(raw.sidecar.items())).encode())
    for doc in raw.docs:
        # surrogatepass: a file name that is not UTF-8 keeps its undecodable bytes as surrogates
        h.update(
            f"\x1e{doc.article_id}\x1f{doc.path}\x1f{sorted(doc.meta.items())}\x1f".encode("utf-8", "surrogatepass")
        )
        h.update(hashlib.sha1(doc.text.encode("utf-8", "surrogatepass")).digest())
    return h.hexdigest()


def load_store(
    paths: list[Path] | None = None,
    lex: Lexicon | None = None,
    cache: ClaimCache | None = None,
    max_bytes: int = 50 * 1024 * 1024,
    progress: Callable[[int, int], None] | None = None,
    workers: int | ClusterSpec | None = None,
    known: dict[tuple[str, str], Article] | None = None,
    corrections: list[Correction] | None = None,
    memo: ReadMemo | None = None,
    stories: bool = True,
    on_articles: Callable[[list[Article], list[LoadProblem]], None] | None = None,
    on_partial: Callable[[ClaimStore], None] | None = None,
) -> ClaimStore:
    """Read the corpus and build the store: from the snapshot when nothing changed, else from the per-article
    claim cache and fresh extraction of what changed. `known` articles (by id and text) are not cleaned again.
    The user's `corrections` go on top of extraction before comparison (no snapshot is used then: groups
    depend on them). A `memo` (kzview.ingest.ReadMemo) spares reading files unchanged since the last load. The
    cyclic garbage collector is paused meanwhile (see kzview.gcpause). `stories` False compares every article as
    one story. `on_articles` is told the articles as soon as they are read, when their figures are to be extracted
    (never when the snapshot holds them)."""
    with paused_gc():
        return _load_store(
            paths,
            lex,
            cache,
            max_bytes,
            progress,
            workers,
            known,
            corrections or [],
            memo,
            stories,
            on_articles,
            on_partial,
        )


def _load_store(
    paths: list[Path] | None,
    lex: Lexicon | None,
    cache: ClaimCache | None,
    max_bytes: int,
    progress: Callable[[int, int], None] | None,
    workers: int | ClusterSpec | None,
    known: dict[tuple[str, str], Article] | None,
    corrections: list[Correction],
    memo: ReadMemo | None = None,
    stories: bool = True,
    on_articles: Callable[[list[Article], list[LoadProblem]], None] | None = None,
    on_partial: Callable[[ClaimStore], None] | None = None,
) -> ClaimStore:
    lex = lex or load_lexicon()
    if _on_cluster(workers, paths) and not corrections:
        return _store_on_cluster(paths, lex, max_bytes, workers, progress, stories)  # type: ignore[arg-type]
    raw = read_corpus(paths, max_bytes, memo)
    key = corpus_key(raw, lex, stories) if cache is not None else ""
    if cache is not None and not corrections:
        store = cache.snapshot(key)
        if store is not None and _fits(store, raw):
            store.problems = list(raw.problems)  # what reading the files said this time
            store.lexicon = lex.fingerprint
            if progress:
                progress(len(store.articles), len(store.articles))
            return store
    corpus = clean_corpus(raw, known)
    if on_articles is not None:
        _tell(on_articles, corpus.articles, corpus.problems)
    # the claims as extraction read them, kept only where the user's corrections change what is compared (the
    # cache keeps what was read); else the store's columns are all there is
    extracted: list[Claim] | None = [] if corrections and cache is not None else None
    store = build_store(
        corpus,
        lex,
        cache=cache,
        progress=progress,
        workers=workers,
        corrections=corrections,
        stories=stories,
        on_partial=on_partial,
        extracted=extracted,
    )
    if cache is not None:
        if extracted is not None:
            # the cache keeps what extraction read, never the user's corrections (their groups are of the
            # corrected claims, so this is no snapshot: the claims are taken from it, and compared again)
            kept = ClaimStore(articles=store.articles, claims=extracted, problems=[], entities=store.entities)
            kept.lexicon = store.lexicon
            cache.put_store(None, kept)
        else:
            cache.put_store(key, store)
    return store


def _fits(store: ClaimStore, raw: RawCorpus) -> bool:
    """Whether a snapshot holds the articles just read, with their very texts (the corpus key says so; a
    snapshot is derived data, read again from disk)."""
    texts = {doc.article_id: doc.text for doc in raw.docs}
    return len(store.articles) == len(texts) and all(texts.get(a.id) == a.text for a in store.articles)


def _on_cluster(workers: int | ClusterSpec | None, paths: list[Path] | None) -> bool:
    """Whether the cluster's workers read the files and write the claims parts themselves: a claim store being
    written from files (standard input is read here, and extracted on the cluster the plain way)."""
    if workers is None or isinstance(workers, int):
        return False  # (before the import: kzview.parallel brings extraction in, which a cached open never needs)
    from kzview.parallel import ClusterSpec

    return isinstance(workers, ClusterSpec) and workers.out is not None and "-" not in [str(p) for p in paths or []]


def _store_on_cluster(
    paths: list[Path] | None,
    lex: Lexicon,
    max_bytes: int,
    spec: ClusterSpec,
    progress: Callable[[int, int], None] | None,
    stories: bool = True,
) -> ClaimStore:
    from kzview.cluster import load_on_cluster

    read = load_on_cluster(paths, lex, max_bytes, spec, progress)
    Interner({a.id: a.text for a in read.articles}).claims(read.claims)
    store = compared(read.articles, read.claims, read.problems, read.entities, lex, stories)
    store.claim_parts = read.parts
    return store

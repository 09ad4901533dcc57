"""One way to open a corpus, for every command and for the app.

`open_corpus(options)` reads the articles, opens the claim cache (derived data, under the user's cache directory),
reads the user's corrections from the verdict database (never creating it), extracts what the cache does not
hold, compares, and returns the ClaimStore. Progress goes to a callback. What goes wrong is never swallowed: a
failure to read the articles raises; a cache that cannot be opened or a damaged corrections table does not stop
the corpus, and is named in the store's problems, where the CLI prints it and the app lists it.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from kzview.ingest.files import DEFAULT_MAX_BYTES
from kzview.model import LoadProblem

if TYPE_CHECKING:
    from kzview.cache import ClaimCache
    from kzview.corrections import Correction
    from kzview.extract.lexicon import Lexicon
    from kzview.ingest import ReadMemo
    from kzview.model import Article
    from kzview.parallel import ClusterSpec
    from kzview.store import ClaimStore


@dataclass
class OpenOptions:
    paths: list[Path] | None = None  # None: the sample corpus inside the package
    lexicon: Path | None = None  # the user's vocabulary merged over the shipped one
    qualifiers: Path | None = None
    max_bytes: int = DEFAULT_MAX_BYTES
    use_cache: bool = True
    db: Path | None = None  # the user's verdict database: its corrections go on top (None: no corrections)
    db_also: Sequence[Path] = ()  # other databases of the corpus, read only
    corrections: list[Correction] | None = None  # given: used instead of reading `db`
    workers: int | ClusterSpec | None = None  # processes here, or a Dask cluster (kzview.cluster)
    stories: bool = True  # False: every article of one story, whatever folders or `story` fields say
    # for watch-mode reloads: what the last load read and cleaned, and an in-memory cache when there is no other
    memo: ReadMemo | None = None
    known: dict[tuple[str, str], Article] | None = field(default=None, repr=False)
    fallback_cache: ClaimCache | None = field(default=None, repr=False)
    # told the articles as soon as they are read, when their figures must still be extracted (not from a snapshot)
    on_articles: Callable[[list[Article], list[LoadProblem]], None] | None = field(default=None, repr=False)
    # told the figures read so far, as provisional stores, while a large first open reads the rest
    on_partial: Callable[[ClaimStore], None] | None = field(default=None, repr=False)
    # asked between the parts of a claim store as it is read: True stops the read (the app is closing)
    cancelled: Callable[[], bool] | None = field(default=None, repr=False)


def open_corpus(options: OpenOptions, progress: Callable[[int, int], None] | None = None) -> ClaimStore:
    from kzview.cache import cache_path
    from kzview.extract.lexicon import load_lexicon
    from kzview.ingest import bundled_corpus_path
    from kzview.store import load_store
    from kzview.storecache import StoreCache

    lex = load_lexicon(options.lexicon, options.qualifiers)
    if options.paths and len(options.paths) == 1:
        from kzview.parquet import is_store

        if is_store(options.paths[0]):
            return _open_store(options, lex)
    notes: list[LoadProblem] = []
    cache = None
    stdin = "-" in [str(p) for p in options.paths or []]
    if options.use_cache and not stdin:
        where = cache_path(options.paths, bundled_corpus_path())
        try:
            cache = StoreCache(where)
        except Exception as exc:  # noqa: BLE001 - no cache is slower, never wrong: said, and the corpus loads
            notes.append(LoadProblem(path=str(where), reason=f"the claim cache cannot be used ({exc}); read afresh"))
    corrections = options.corrections
    if corrections is None:
        corrections = _corrections(options, notes)
    try:
        store = load_store(
            options.paths,
            lex,
            cache=cache or options.fallback_cache,
            max_bytes=options.max_bytes,
            progress=progress,
            workers=options.workers,
            known=options.known,
            corrections=corrections,
            memo=options.memo,
            stories=options.stories,
            on_articles=options.on_articles,
            on_partial=options.on_partial,
        )
    finally:
        if cache is not None:
            cache.close()
    store.problems.extend(notes)
    return store


def _corrections(options: OpenOptions, notes: list[LoadProblem]) -> list[Correction]:
    from kzview.verdicts import read_corrections

    if options.db is None:
        return []
    try:
        return read_corrections(options.db, options.db_also)
    except Exception as exc:  # noqa: BLE001 - a damaged table: the articles as the machine reads them, and said
        notes.append(LoadProblem(path=str(options.db), reason=f"corrections cannot be read ({exc}); not applied"))
        return []


def _open_store(options: OpenOptions, lex: Lexicon) -> ClaimStore:
    """A claim store (kzview.parquet): read as it is when whole and current; else rebuilt from its own article
    texts (and written again where it can be), and said."""
    from kzview.ingest import Corpus
    from kzview.parquet import STALE, StoreError, read_head, read_store, rebuild_texts, write_store
    from kzview.store import build_store, made_by

    path = options.paths[0]  # type: ignore[index]
    notes: list[LoadProblem] = []
    corrections = options.corrections if options.corrections is not None else _corrections(options, notes)
    head, maker = None, made_by(lex.fingerprint)
    if options.on_partial is not None and not corrections:
        # a large store's first screen first (never where the user's corrections would change what it shows)
        head = read_head(path, maker)
        if head is not None:
            options.on_partial(head)
    # the first screen's articles are taken as they are when it holds every one (a store written before the first
    # screen had parts of its own); else the whole read reads and checks them
    whole = head.articles if head is not None and not head.articles_unread else None
    store, why = read_store(path, maker, whole, options.cancelled)
    if store is None:
        articles = rebuild_texts(path)
        if articles is None:
            raise StoreError(
                f"{path}: the claim store is damaged ({why}) and its articles cannot be read; extract again"
            )
        store = build_store(Corpus(articles=list(articles)), lex)
        if why == STALE:
            # read with this program and vocabulary, in memory: the store stays as its maker wrote it
            notes.append(
                LoadProblem(path=str(path), reason=f"the claim store was {why}; read afresh from its articles")
            )
        else:
            notes.append(LoadProblem(path=str(path), reason=f"the claim store was rebuilt from its articles ({why})"))
            try:
                write_store(store, path)
            except OSError:
                pass  # a read-only or full disk: the store is left as it was, and rebuilt again next time
    if corrections:
        # the user's corrections go on top of the stored claims, then the comparison runs again (never written)
        from kzview.corrections import apply_corrections
        from kzview.store import compared

        claims, applied = apply_corrections(store.claims, store.articles, corrections)
        # compared as the store was made: story by story when its groups have stories
        stories = any(g.story for g in store.groups)
        corrected = compared(store.articles, claims, store.problems, store.entities, lex, stories)
        corrected.applied, corrected.lexicon = applied, store.lexicon
        store = corrected
    store.problems.extend(notes)
    return store

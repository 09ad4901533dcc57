"""Extraction on a Dask cluster (`kzview extract … --workers N` or `--scheduler ADDRESS`): the one module that
imports Dask, and only when it is asked for (`pip install 'kzview[cluster]'`).

Writing a claim store (`load_on_cluster`), the workers do the reading and the writing themselves, in two rounds
over partitions of the corpus's files:

1. each task is sent file names and byte ranges of JSON-lines files (never texts), reads and cleans its
   partition's files, and keeps the articles in its worker's memory; the articles come back to this process
   once, for what needs the whole corpus (duplicate ids, inferred dates, the event's places and the entity
   index) and for the texts the panes show;
2. each task extracts the articles its partition read (on the worker that holds them: no text is sent back out)
   with the corpus's context, and writes its claims as one Parquet part into the store (kzview.parts), which
   this process verifies and reads for the comparison.

A task whose worker dies is retried on another (and a lost partition read again). Each worker loads the
vocabulary once. Claims, ids, groups and order are the same whichever path made them.

`extract_on_cluster` extracts articles this process has read (standard input): chunks of the local pool's size
(kzview.parallel), one task each.
"""

from __future__ import annotations

import contextlib
import logging
import warnings
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

from kzview.extract import CorpusContext, corpus_context, extract_article
from kzview.extract.article import ContextFeatures, context_features
from kzview.extract.entities import canonical_source
from kzview.extract.lexicon import Lexicon
from kzview.ingest import assign_stories, clean_doc, infer_missing_dates, read_one, read_roots, take_docs
from kzview.ingest.files import JSONL, Source, jsonl_spans
from kzview.ingest.stories import Fingerprint, event_kinds, fingerprint
from kzview.model import Article, Claim, Entity, LoadProblem
from kzview.parallel import ClusterSpec, chunked, extract_chunk, worker_lexicon


class ClusterError(RuntimeError):
    """The cluster cannot be used (Dask missing, a scheduler that does not answer): said, never a traceback."""


def extract_on_cluster(
    articles: list[Article],
    lex: Lexicon,
    ctx: CorpusContext,
    spec: ClusterSpec,
    progress: Callable[[int, int], None] | None = None,
) -> list[list[Claim]]:
    bare = ctx.bare()
    chunks = chunked(articles, spec.workers or 2)
    with _client(spec) as client:
        payloads = [(c, bare, lex.files) for c in chunks]
        sizes = [len(c) for c in chunks]
        results = run_tasks(client, extract_chunk, payloads, sizes, progress)
    return [claims for part in results for claims in part]


@contextlib.contextmanager
def _client(spec: ClusterSpec) -> Iterator[Any]:
    """A client of the running scheduler `spec` names, or of a local cluster of `spec.workers` processes (over
    loopback, no dashboard), closed afterwards."""
    try:
        from distributed import Client, LocalCluster
    except ImportError as exc:  # the optional extra is not installed
        raise ClusterError("extraction on Dask needs the cluster extra: pip install 'kzview[cluster]'") from exc
    local = None
    try:
        if spec.scheduler:
            client = Client(spec.scheduler, timeout=spec.timeout)
        else:
            with warnings.catch_warnings():
                # its health page takes another port when another cluster has 8787: no news for this run
                warnings.filterwarnings("ignore", message="Port .* is already in use", category=UserWarning)
                local = LocalCluster(
                    n_workers=spec.workers or 2,
                    threads_per_worker=1,
                    processes=True,
                    dashboard_address=None,
                    silence_logs=logging.CRITICAL,  # its shutdown chatter is no news; a failed task is raised here
                )
            client = Client(local)
    except (OSError, TimeoutError) as exc:
        if local is not None:
            local.close()
        raise ClusterError(f"the Dask cluster cannot be reached: {exc}") from exc
    try:
        yield client
    finally:
        client.close()
        if local is not None:
            local.close()


# What one file gave a worker: why it cannot be read, or its documents' problems and, per document, its id, path,
# length and the article it makes (or why it makes none).
FileRead = LoadProblem | tuple[list[tuple[str, str]], list[tuple[str, str, int, Article | LoadProblem]]]


PART_FILES = (50, 2000)  # files a partition holds, at least (unless the corpus ends) and at most
PART_BYTES = 8 * 1024 * 1024  # bytes a partition reads, at most (unless one file is bigger)
SPAN_BYTES = 256 * 1024  # a JSON-lines file is cut into ranges of at least this


def partition_sources(sources: list[Source], workers: int, max_bytes: int) -> list[list[Source]]:
    """The corpus's files in partitions, in order: about eight a worker, by bytes (a partition of a few hundred
    to a few thousand articles), a JSON-lines file larger than a partition cut into byte ranges at line starts
    (kzview.ingest.files.jsonl_spans), so one big export is read by many workers."""
    sizes = {s: _size(s) for s in sources}
    total = sum(sizes.values())
    target = min(PART_BYTES, total // (workers * 8) or 1)
    span = max(target, SPAN_BYTES)
    pieces: list[Source] = []
    for s in sources:
        size = sizes[s]
        cuts: list[tuple[int, int, int]] = []
        if s.path.suffix.lower() in JSONL and span < size <= max_bytes:
            try:
                cuts = jsonl_spans(s.path, size, span)
            except OSError:
                cuts = []  # a file this process cannot read goes whole: its worker names why, as one process would
        if len(cuts) > 1:
            pieces += [replace(s, span=(a, b), first_line=line) for a, b, line in cuts]
        else:
            pieces.append(s)
    partitions: list[list[Source]] = []
    current: list[Source] = []
    weight = 0
    for piece in pieces:
        current.append(piece)
        weight += piece.span[1] - piece.span[0] if piece.span else sizes[piece]
        if len(current) >= PART_FILES[1] or (weight >= target and len(current) >= PART_FILES[0]) or piece.span:
            partitions.append(current)
            current, weight = [], 0
    if current:
        partitions.append(current)
    return partitions


def _size(source: Source) -> int:
    try:
        return source.path.stat().st_size
    except OSError:
        return 0  # read (and named) by its worker


def read_partition(sources: list[Source], max_bytes: int, sidecar: dict[str, dict[str, str]]) -> list[FileRead]:
    """Worker: read and clean one partition's files, as `kzview.ingest.load_corpus` would."""
    out: list[FileRead] = []
    for source in sources:
        read = read_one(source, max_bytes)
        if isinstance(read, LoadProblem):
            out.append(read)
            continue
        docs, problems = read
        out.append((problems, [(d.article_id, d.path, len(d.text), clean_doc(d, sidecar)) for d in docs]))
    return out


def _articles_of(read: list[FileRead]) -> list[Article | LoadProblem]:
    return [item[3] for entry in read if not isinstance(entry, LoadProblem) for item in entry[1]]


def partition_features(
    read: list[FileRead], files: tuple[Path | None, ...]
) -> dict[str, tuple[ContextFeatures, Fingerprint]]:
    """Worker: what the corpus context reads of each article of a partition it read (the countries, the opening's
    places, the names) and its story's fingerprint, so this process only adds them up (the first of two articles
    with one id, as the corpus keeps it)."""
    lex = worker_lexicon(files)
    kinds = event_kinds()
    out: dict[str, tuple[ContextFeatures, Fingerprint]] = {}
    for article in _articles_of(read):
        if isinstance(article, Article) and article.id not in out:
            out[article.id] = (context_features(article, lex), fingerprint(article, kinds))
    return out


def extract_partition(
    read: list[FileRead],
    kept: list[int],
    dates: dict[str, tuple[Any, bool]],
    ctx: CorpusContext,
    spellings: dict[str, str],
    files: tuple[Path | None, ...],
    out: str,
    index: int,
) -> tuple[str, str, int]:
    """Worker: extract the articles of a partition it read (those the corpus kept, with the dates inferred over
    the whole corpus), name their sources as the entity index does, and write them as claims part `index` of the
    store at `out`: (name, digest, rows)."""
    from kzview.parts import write_claims_part

    lex = worker_lexicon(files)
    items = _articles_of(read)
    claims: list[Claim] = []
    for i in kept:
        article = items[i]
        assert isinstance(article, Article)
        if article.id in dates:
            day, inferred = dates[article.id]
            article = replace(article, date=day, date_inferred=inferred)
        for c in extract_article(article, ctx, lex):
            name = canonical_source(c.attribution, spellings) if c.attribution else None
            claims.append(c if name == c.attribution else replace(c, attribution=name))
    return write_claims_part(claims, Path(out), index)


@dataclass
class ClusterRead:
    """A corpus read and extracted on a cluster: what kzview.store compares and keeps."""

    articles: list[Article]
    problems: list[LoadProblem]
    claims: list[Claim]
    entities: list[Entity]
    parts: list[tuple[str, str]] = field(default_factory=list)  # the claims parts the workers wrote (name, digest)


def load_on_cluster(
    paths: list[Path] | None,
    lex: Lexicon,
    max_bytes: int,
    spec: ClusterSpec,
    progress: Callable[[int, int], None] | None = None,
) -> ClusterRead:
    """Read, clean and extract the corpus under `paths` on the cluster, its claims written as parts into the
    store at `spec.out` (see the module's docstring)."""
    assert spec.out is not None
    out = spec.out.absolute()  # the workers' working folders are not this process's
    made = not out.exists()
    out.mkdir(parents=True, exist_ok=True)
    try:
        return _load_on_cluster(paths, lex, max_bytes, spec, out, progress)
    except BaseException:
        # the parts of a run that did not finish are no part of any store: the folder is left as it was (a task
        # still running on a remote worker may write one later: the next extract into the folder removes it)
        from kzview.parts import discard_temps

        discard_temps(out, made)
        raise


def _load_on_cluster(
    paths: list[Path] | None,
    lex: Lexicon,
    max_bytes: int,
    spec: ClusterSpec,
    out: Path,
    progress: Callable[[int, int], None] | None,
) -> ClusterRead:
    from pydantic import TypeAdapter

    from kzview.parts import digest, read_rows, temp_path

    sources, raw = read_roots(paths)
    files: tuple[Path | None, ...] = lex.files
    if spec.scheduler:
        # the workers of a running cluster have working folders of their own: they are sent whole paths
        sources = [replace(s, path=s.path.absolute()) for s in sources]
        files = tuple(f.absolute() if f is not None else None for f in files)
    partitions = partition_sources(sources, spec.workers or 2, max_bytes)
    with _client(spec) as client:
        # what every task needs goes with each task, never scattered once: a worker that dies takes no only copy
        reads = client.map(read_partition, partitions, max_bytes=max_bytes, sidecar=raw.sidecar, retries=2, pure=False)
        results = _in_order(reads, [len(p) for p in partitions], progress)
        problems = list(raw.problems)
        articles, plans, owner = _merge(problems, partitions, results)
        # what the context and the stories read of each article is read by the worker that holds it: this
        # process adds it up
        wanted = client.map(partition_features, reads, files=files, retries=2, pure=False)
        features: dict[str, ContextFeatures] = {}
        prints: dict[str, Fingerprint] = {}
        for part in client.gather(wanted):
            for article_id, (found, taken) in part.items():
                features.setdefault(article_id, found)
                prints.setdefault(article_id, taken)
        dated = infer_missing_dates(assign_stories(articles, prints))
        dates: list[dict[str, tuple[Any, bool]]] = [{} for _ in partitions]  # per partition: the dates inferred
        for a, b, p in zip(articles, dated, owner, strict=True):
            if (a.date, a.date_inferred) != (b.date, b.date_inferred):
                dates[p][b.id] = (b.date, b.date_inferred)
        ctx = corpus_context(dated, lex, features)
        bare = ctx.bare()
        parts = [
            client.submit(
                extract_partition,
                read,
                kept,
                dates[i],
                bare,
                ctx.spellings,
                files,
                str(out),
                i,
                retries=2,
                pure=False,
            )
            for i, (read, kept) in enumerate(zip(reads, plans, strict=True))
        ]
        written = _in_order(parts, [len(k) for k in plans], progress)
    claims: list[Claim] = []
    adapter = TypeAdapter(list[Claim])
    for name, dig, rows in written:
        path = temp_path(out, name)
        if digest(path) != dig:
            raise ClusterError(f"the claims part {name} a worker wrote was changed before it could be read")
        part = adapter.validate_python(read_rows(path, "claims"))
        if len(part) != rows:
            raise ClusterError(f"the claims part {name} a worker wrote holds {len(part)} claims, not {rows}")
        claims.extend(part)
    return ClusterRead(dated, problems, claims, list(ctx.entities), [(n, d) for n, d, _ in written])


def _merge(
    problems: list[LoadProblem], partitions: list[list[Source]], results: list[list[FileRead]]
) -> tuple[list[Article], list[list[int]], list[int]]:
    """The partitions' reads joined as `kzview.ingest.read_corpus` and `clean_corpus` join one process's: the
    articles in order (a later record with an id already read is named and skipped), the problems in the order
    one process names them (the ranges of one JSON-lines file as that one file: its problems, then its
    documents'; a file that cannot be read named once), and per partition the documents it read that the corpus
    keeps, with the partition each article came from. `problems` takes the problems."""
    flat: list[tuple[Source, FileRead, int, int]] = []  # a file or range, what it gave, its partition, first item
    for p, (sources, result) in enumerate(zip(partitions, results, strict=True)):
        item = 0
        for source, entry in zip(sources, result, strict=True):
            flat.append((source, entry, p, item))
            item += 0 if isinstance(entry, LoadProblem) else len(entry[1])
    seen: set[str] = set()
    articles: list[Article] = []
    clean_problems: list[LoadProblem] = []
    plans: list[list[int]] = [[] for _ in partitions]
    owner: list[int] = []
    i = 0
    while i < len(flat):
        j = i + 1
        if flat[i][0].span is not None:
            while j < len(flat) and flat[j][0].path == flat[i][0].path and flat[j][0].span is not None:
                j += 1  # the next range of the same file
        pieces = flat[i:j]
        i = j
        failed = [e for _, e, _, _ in pieces if isinstance(e, LoadProblem)]
        if failed:
            problems.append(failed[0])  # as one process reads the file: once, and none of its records
            continue
        file_problems = [x for _, e, _, _ in pieces if not isinstance(e, LoadProblem) for x in e[0]]
        docs = [
            (d, p, first + k) for _, e, p, first in pieces if not isinstance(e, LoadProblem) for k, d in enumerate(e[1])
        ]
        if not docs and not file_problems and pieces[0][0].span is not None:
            problems.append(LoadProblem(path=str(pieces[0][0].path), reason="empty file"))
            continue
        keep = take_docs(problems, seen, file_problems, [(d[0], d[1], d[2]) for d, _, _ in docs])
        for (d, p, item), k in zip(docs, keep, strict=True):
            article = d[3]
            if k and isinstance(article, LoadProblem):
                clean_problems.append(article)
            elif k and isinstance(article, Article):
                articles.append(article)
                owner.append(p)
                plans[p].append(item)
    problems.extend(clean_problems)
    return articles, plans, owner


def _in_order(futures: list[Any], sizes: list[int], progress: Callable[[int, int], None] | None) -> list[Any]:
    """The futures' results in their order, whatever order they finish in; progress by their sizes."""
    from distributed import as_completed

    position = {f.key: i for i, f in enumerate(futures)}
    results: list[Any] = [None] * len(futures)
    done, total = 0, sum(sizes)
    for fut in as_completed(futures):
        i = position[fut.key]
        results[i] = fut.result()
        done += sizes[i]
        if progress:
            progress(done, total)
    return results


def run_tasks(
    client: Any,
    task: Callable[[Any], Any],
    payloads: list[Any],
    sizes: list[int],
    progress: Callable[[int, int], None] | None = None,
) -> list[Any]:
    """Each payload as one task on the cluster, retried (twice) on another worker when its worker dies or it
    fails; the results in the payloads' order, whatever order they finish in."""
    return _in_order(client.map(task, payloads, retries=2, pure=False), sizes, progress)

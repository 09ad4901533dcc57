"""The claim cache: derived data under the user's cache directory, keyed by each article's content.

Derived data never lives with the user's work. A corpus's cache is a claim store (kzview.parquet) of its own,
`$XDG_CACHE_HOME/kzview/corpus-<key>/`, written by kzview.storecache: the same Parquet parts, manifest and BLAKE2
digests as `kzview extract --out` writes, with the key of the corpus it holds and of each article. An unchanged
corpus opens from it whole (a snapshot of the store); a changed one takes the claims of its unchanged articles
from it, and a changed file is re-extracted alone. Every part is verified before it is read: a damaged or doctored
cache is a miss and a rebuild, never a claim shown. Any error reading it is a miss.

An article's key is a digest of its id and text, what the corpus told extraction about it (the event's places and
anchor date), the vocabulary and the deriving code: claims cached under it are that article's claims exactly.

This module holds the keys and the in-memory cache (watch mode without a cache directory); it imports neither
pyarrow nor the store's modules.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterable, Sequence
from functools import cache
from pathlib import Path
from typing import Any

from kzview import __version__
from kzview.model import Article, Claim

SCHEMA_VERSION = "6"  # 6: a claim store (Parquet); 5: articles and groups have a story; 4: sealed MessagePack
# The modules whose code decides what a claim or a group is: a change to any of them is a new program for the
# cache, so a development checkout never shows claims an older rule made.
_DERIVING = ("extract", "ingest", "compare.py", "dates.py", "model.py", "intern.py", "data")


@cache
def code_key() -> str:
    """A digest of the code and data that derive claims and groups (a few milliseconds, once a process)."""
    root = Path(__file__).resolve().parent
    h = hashlib.sha1(__version__.encode())
    for name in _DERIVING:
        p = root / name
        files = sorted(p.rglob("*")) if p.is_dir() else [p]
        for f in files:
            if f.is_file() and f.suffix in (".py", ".toml", ".txt"):
                h.update(f.relative_to(root).as_posix().encode())
                h.update(f.read_bytes())
    return h.hexdigest()[:16]


def article_key(article: Article, context_key: str, lexicon_key: str, names: str = "") -> str:
    """What an article's claims depend on: its id and text, and what extraction reads besides (its date, printed
    or inferred across the corpus; its title and where it stands; its regions; `names`, the corpus's names its
    words are), the corpus context, the vocabulary and the deriving code. A date changed in a sidecar is a changed
    article."""
    h = hashlib.sha1()
    told = repr((article.date, article.date_inferred, article.title, article.title_span, article.regions))
    for part in (SCHEMA_VERSION, code_key(), lexicon_key, context_key, article.id, article.text, told, names):
        h.update(part.encode("utf-8", "surrogatepass"))
        h.update(b"\x1f")
    return h.hexdigest()


def cache_dir() -> Path:
    import os

    base = os.environ.get("XDG_CACHE_HOME") or str(Path.home() / ".cache")
    return Path(base) / "kzview"


def cache_path(corpus_paths: list[Path] | None, bundled: Path) -> Path:
    """The cache of a corpus (a claim store's folder): keyed by its resolved paths, so each corpus keeps its own."""
    roots = sorted(str(p.resolve()) for p in (corpus_paths or [bundled]))
    key = hashlib.sha1("\n".join(roots).encode("utf-8", "surrogatepass")).hexdigest()[:16]
    return cache_dir() / f"corpus-{key}"


class ClaimCache:
    """Claims kept by article key: in memory here (a watch-mode session with no cache directory keeps what it
    extracted for its reloads); kzview.storecache.StoreCache keeps them on disk, with the whole store of a corpus
    as its snapshot."""

    def __init__(self) -> None:
        self._entries: dict[str, list[Claim]] = {}
        self.keys: dict[str, str] = {}  # article id -> its key, for the articles asked for since the last store
        # claim id -> its source's name as the text gave it, where the corpus's entity index renamed it
        self.raw_names: dict[str, str] = {}

    def get_many(self, keys: list[str], articles: Sequence[Article]) -> dict[str, list[Claim]]:
        """The claims kept for these keys (`articles`: the articles they are the keys of, in the same order)."""
        self.keys.update((a.id, k) for a, k in zip(articles, keys, strict=True))
        return {k: self._entries[k] for k in keys if k in self._entries}

    def put_many(self, items: Iterable[tuple[str, str, list[Claim]]]) -> None:
        """Keep each article's claims (key, article id, claims)."""
        for key, _article, claims in items:
            self._entries[key] = claims

    def snapshot(self, key: str) -> Any:
        """The whole store kept for the corpus of `key`, or None (in memory: none; a reload follows a change)."""
        return None

    def put_store(self, key: str | None, store: Any) -> None:
        """Keep `store` whole: its claims by the keys of the articles asked for, and (with `key`) the store as the
        snapshot of that corpus (None: its groups are not of these claims, so it is no snapshot)."""
        self.keys, self.raw_names = {}, {}

    def close(self) -> None:
        """Let go of what the cache holds for this process (kzview.storecache: the old store read)."""

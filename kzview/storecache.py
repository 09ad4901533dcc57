"""A corpus's claim cache on disk: a claim store of its own under the cache directory (kzview.cache).

`$XDG_CACHE_HOME/kzview/corpus-<key>/` is a claim store as `kzview extract --out` writes it (kzview.parquet), with
what a cache needs besides in its manifest (`cache`): the key of the corpus whose whole store it is, when it is one
(its snapshot), and the key of each article (kzview.cache.article_key). The claims of an article whose key is
unchanged are taken from it; a part `raw-attributions.parquet` keeps the names the text itself gave the claims'
sources where the corpus's entity index renamed them, so what is taken is what extraction gave before the names
were settled, and the names are settled again for the corpus as it is now.

Every part is verified before it is read (kzview.parquet): a damaged or doctored part, a manifest that does not
read, a store another program wrote, is a miss; an article's claims are taken only for the very text they were
read from. Writing is atomic part by part, the manifest last: a write killed half-way leaves a store that reads
as damaged (a miss), never as half.
"""

from __future__ import annotations

import os
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING, Any

from kzview.cache import ClaimCache
from kzview.model import Article, Claim

if TYPE_CHECKING:
    from kzview.store import ClaimStore

# claims a part of the cache: written by the process that opens the corpus, beside all it holds, so parts stay
# small (a part's claims are made as objects and rows while it is written)
PART_ROWS = 20_000
RAW_NAMES = "raw-attributions.parquet"  # claim id -> the source's name as the text gave it, where it was renamed


class StoreCache(ClaimCache):
    """The claim cache of one corpus, kept as a claim store in the folder `path`."""

    def __init__(self, path: Path) -> None:
        super().__init__()
        if path.exists() and not path.is_dir():
            raise ValueError(f"{path} is not a folder")
        self.path = path
        self._read = False
        self._old: ClaimStore | None = None  # the store found there, read when first asked
        self._old_keys: dict[str, str] = {}
        self._old_raw: dict[str, str] = {}
        self._manifest: dict[str, Any] | None = None
        self._held: dict[str, tuple[str, str, list[Claim]]] | None = None  # what get_many takes claims from
        self._fresh = False  # whether any article was extracted afresh since the store was read

    # -- reading ----------------------------------------------------------------------------------------------
    def _load(self) -> ClaimStore | None:
        """The store in the folder, read once and verified whole; None when there is none that reads."""
        if self._read:
            return self._old
        self._read = True
        with _locked(self.path, exclusive=False):
            return self._read_locked()

    def _read_locked(self) -> ClaimStore | None:
        from kzview.parquet import read_extra, read_manifest, read_store

        manifest = read_manifest(self.path)
        cache = manifest.get("cache") if manifest is not None else None
        if manifest is None or not isinstance(cache, dict):
            return None
        keys, raw = cache.get("keys"), read_extra(self.path, manifest, RAW_NAMES)
        if not _str_map(keys) or raw is None:
            return None
        try:
            # whoever made it: the article keys say which program and vocabulary read each article
            store, _why = read_store(self.path, manifest["made_by"])
        except Exception:  # noqa: BLE001 - any error reading derived data is a miss
            store = None
        if store is None:
            return None
        pairs = [(r.get("id"), r.get("name")) for r in raw]
        if not all(isinstance(i, str) and isinstance(n, str) for i, n in pairs):
            return None
        self._old, self._old_keys, self._old_raw = store, dict(keys), dict(pairs)  # type: ignore[arg-type]
        self._manifest = manifest
        return store

    def snapshot(self, key: str) -> ClaimStore | None:
        """The whole store of the corpus of `key`, when the folder holds it."""
        store = self._load()
        if store is None or self._manifest is None or self._manifest["cache"].get("corpus") != key:
            return None
        return store

    def get_many(self, keys: list[str], articles: Sequence[Article]) -> dict[str, list[Claim]]:
        """The claims of the articles whose key is the one the store was written with, and whose text is the one
        their claims were read from, as extraction gave them (their sources' names as the text gave them)."""
        self.keys.update((a.id, k) for a, k in zip(articles, keys, strict=True))
        if self._held is None:
            self._held = self._entries_of(self._load())
            self._old = None  # its claims are objects in `_held` now: the columns go
        out: dict[str, list[Claim]] = {}
        for a, k in zip(articles, keys, strict=True):
            held = self._held.get(a.id)
            if held is not None and held[0] == k and held[1] == a.text:
                out[k] = held[2]
        return out

    def _entries_of(self, old: ClaimStore | None) -> dict[str, tuple[str, str, list[Claim]]]:
        """article id -> (its key, its text, its claims as extraction gave them), in one pass over the store."""
        from dataclasses import replace

        if old is None:
            return {}
        raw = self._old_raw
        claims: dict[str, list[Claim]] = {a.id: [] for a in old.articles}
        for c in old.columns:  # fresh objects, made once each
            claims[c.article].append(replace(c, attribution=raw[c.id]) if c.id in raw else c)
        keys = self._old_keys
        return {a.id: (keys[a.id], a.text, claims[a.id]) for a in old.articles if a.id in keys}

    # -- writing ----------------------------------------------------------------------------------------------
    def put_many(self, items: Any) -> None:
        """Nothing kept apart: the whole store is written when the load is done (put_store)."""
        self._fresh = True

    def put_store(self, key: str | None, store: Any) -> None:
        """Write `store` as the folder's store: its claims under the keys of the articles asked for, and (`key`
        given) the store itself as the snapshot of that corpus. A disk that refuses leaves the cache as it was
        (or reads as damaged): the next open reads afresh, never wrongly."""
        from kzview.parquet import write_store

        keys = {a.id: self.keys[a.id] for a in store.articles if a.id in self.keys}
        names = [{"id": cid, "name": name} for cid, name in sorted(self.raw_names.items())]
        held = self._manifest["cache"] if self._manifest is not None else None
        if not self._fresh and held is not None and held.get("corpus") == key and self._old_keys == keys:
            # nothing read afresh, and the store there holds these very claims already (an open with the
            # user's corrections, which never makes a snapshot): not written again
            self.close()
            return
        try:
            extra = {"corpus": key, "keys": keys}
            parts = {RAW_NAMES: names}
            self._held, self._old = None, None  # let go before the write: it makes a part's rows at a time
            with _locked(self.path, exclusive=True):
                write_store(store, self.path, extra=extra, extra_parts=parts, head=False, rows_per_part=PART_ROWS)
        except Exception:  # noqa: BLE001 - a full disk, a read-only cache, a value Parquet cannot hold, pyarrow's
            pass  # own errors: derived data, never worth a failed open; no cache this time
        self.close()  # what was read before is not the store now: read again when next asked

    def close(self) -> None:
        """Let go of the store read and of what this load asked for."""
        self._old, self._read, self._manifest, self._held = None, False, None, None
        self._old_keys, self._old_raw, self._fresh = {}, {}, False
        self.keys, self.raw_names = {}, {}


@contextmanager
def _locked(folder: Path, exclusive: bool) -> Iterator[None]:
    """The cache folder's lock, beside it (`corpus-<key>.lock`): shared while it is read (every part is verified,
    then read by name: another process's write between the two would mix two stores), exclusive while it is
    written. Where there is no `fcntl` (Windows), or the lock file cannot be made, no lock: a write between the
    check and the read is then a damaged part at worst for the parts it replaced, as before."""
    try:
        import fcntl
    except ImportError:
        yield
        return
    try:
        folder.parent.mkdir(parents=True, exist_ok=True)
        fd = os.open(folder.with_name(folder.name + ".lock"), os.O_RDWR | os.O_CREAT, 0o600)
    except OSError:
        yield
        return
    try:
        fcntl.flock(fd, fcntl.LOCK_EX if exclusive else fcntl.LOCK_SH)
        yield
    finally:
        os.close(fd)  # the lock goes with it


def _str_map(value: object) -> bool:
    return isinstance(value, dict) and all(isinstance(k, str) and isinstance(v, str) for k, v in value.items())

"""Claims cached under the user's cache directory, keyed by each article's content.

Derived data never lives with the user's work: the cache is `$XDG_CACHE_HOME/kzview/corpus-<key>.db` (one file a
corpus), never the verdict database, and every entry and snapshot part carries a BLAKE2 digest of its bytes that is
checked before decoding: a damaged or doctored entry is a miss and is rebuilt, never a claim shown.

A cache entry is keyed by the article id, a hash of its text, what the corpus told extraction about it (the
event's places and anchor date) and the lexicon and program version. An unchanged corpus opens from a snapshot
of the whole store; a changed file misses alone and is re-extracted. The cache is a convenience: any error
reading it is a miss.

Entries are MessagePack written and read by msgspec, which decodes straight into the slotted `Claim` and
`ClaimGroup` classes and checks every field's type on the way (a damaged or doctored entry is a miss, never a
malformed claim). It reads a quarter of a million claims in half a second where pydantic's JSON took three and a
half. Snapshots are stored in parts of `PART` items so neither writing nor reading one holds the whole corpus
twice in memory.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import sqlite3
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any

import msgspec

from kzview import __version__
from kzview.db import connect
from kzview.model import Article, Claim, ClaimGroup

SCHEMA_VERSION = "5"  # 5: articles and groups have a story; 4: a digest before every entry and part; 3: MessagePack
DIGEST = 16  # bytes of BLAKE2b before each stored blob
PART = 5_000
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


_ENCODER = msgspec.msgpack.Encoder()
_CLAIMS = msgspec.msgpack.Decoder(list[Claim])
_GROUPS = msgspec.msgpack.Decoder(list[ClaimGroup])
_DICTS = msgspec.msgpack.Decoder(list[dict[str, Any]])
_DECODERS = {"claims": _CLAIMS, "groups": _GROUPS, "articles": _DICTS, "entities": _DICTS}


def article_key(article: Article, context_key: str, lexicon_key: str) -> str:
    h = hashlib.sha1()
    for part in (SCHEMA_VERSION, code_key(), lexicon_key, context_key, article.id, article.text):
        h.update(part.encode("utf-8", "surrogatepass"))
        h.update(b"\x1f")
    return h.hexdigest()


@dataclass(slots=True)
class Snapshot:
    """A whole store as the cache keeps it: article fields but the text (read from the files anyway), claims,
    groups and entities."""

    articles: list[dict[str, Any]]
    claims: Sequence[Claim]
    groups: list[ClaimGroup]
    entities: list[dict[str, Any]]


def cache_dir() -> Path:
    import os

    base = os.environ.get("XDG_CACHE_HOME") or str(Path.home() / ".cache")
    return Path(base) / "kzview"


def cache_path(corpus_paths: list[Path] | None, bundled: Path) -> Path:
    """The cache file of a corpus: keyed by its resolved paths, so each corpus keeps its own snapshot."""
    roots = sorted(str(p.resolve()) for p in (corpus_paths or [bundled]))
    key = hashlib.sha1("\n".join(roots).encode("utf-8", "surrogatepass")).hexdigest()[:16]
    return cache_dir() / f"corpus-{key}.db"


def seal(payload: bytes) -> bytes:
    return hashlib.blake2b(payload, digest_size=DIGEST).digest() + payload


def unseal(blob: bytes) -> bytes | None:
    """The payload of a sealed blob, or None when its digest does not match (a damaged entry: a miss)."""
    if not isinstance(blob, (bytes, memoryview)) or len(blob) < DIGEST:
        return None
    blob = bytes(blob)
    payload = blob[DIGEST:]
    return payload if hashlib.blake2b(payload, digest_size=DIGEST).digest() == blob[:DIGEST] else None


class ClaimCache:
    def __init__(self, path: Path | str) -> None:
        self.path = Path(path)
        self._db = connect(path)
        self._db.execute(
            "CREATE TABLE IF NOT EXISTS claim_cache (key TEXT PRIMARY KEY, article TEXT NOT NULL, "
            "claims BLOB NOT NULL, stored_at TEXT NOT NULL)"
        )
        # put_many deletes an article's old entry by article: without an index each delete scans the table
        self._db.execute("CREATE INDEX IF NOT EXISTS claim_cache_article ON claim_cache (article)")
        self._db.execute(
            "CREATE TABLE IF NOT EXISTS snapshot_part (key TEXT NOT NULL, seq INTEGER NOT NULL, kind TEXT NOT NULL, "
            "data BLOB NOT NULL, stored_at TEXT NOT NULL, PRIMARY KEY (key, seq))"
        )

    def get_many(self, keys: list[str]) -> dict[str, list[Claim]]:
        out: dict[str, list[Claim]] = {}
        try:
            for i in range(0, len(keys), 500):
                chunk = keys[i : i + 500]
                marks = ",".join("?" * len(chunk))
                for key, blob in self._db.execute(f"SELECT key, claims FROM claim_cache WHERE key IN ({marks})", chunk):
                    payload = unseal(blob)
                    if payload is None:
                        continue  # a damaged entry is a miss
                    try:
                        out[key] = _CLAIMS.decode(payload)
                    except (msgspec.DecodeError, TypeError, ValueError):
                        continue
        except sqlite3.Error:
            return out
        return out

    def put_many(self, items: Iterable[tuple[str, str, list[Claim]]]) -> None:
        """Store each article's claims, replacing its old entry, in one transaction. Encoded 500 articles at a
        time: at 10,000 articles, all the encoded entries at once were 80 MB at the peak of a first open."""
        now = dt.datetime.now(dt.UTC).isoformat()
        batch: list[tuple[str, str, bytes, str]] = []
        try:
            self._db.execute("BEGIN IMMEDIATE")
            for key, article, claims in items:
                try:
                    blob = seal(_ENCODER.encode(claims))
                except (UnicodeEncodeError, TypeError, ValueError):
                    continue  # a value MessagePack cannot hold: this article is read afresh next time
                batch.append((key, article, blob, now))
                if len(batch) >= 500:
                    self._put_rows(batch)
                    batch = []
            self._put_rows(batch)
            self._db.execute("COMMIT")
        except (sqlite3.Error, UnicodeEncodeError):  # a key SQLite cannot store: no entries this time
            self._rollback()

    def _put_rows(self, rows: list[tuple[str, str, bytes, str]]) -> None:
        # one entry per article: the old ones for these articles go
        self._db.executemany("DELETE FROM claim_cache WHERE article = ?", [(r[1],) for r in rows])
        self._db.executemany("INSERT OR REPLACE INTO claim_cache VALUES (?, ?, ?, ?)", rows)

    # -- whole-corpus snapshots: an unchanged corpus opens without cleaning, extracting or comparing ----------
    def snapshot_parts(self, key: str) -> Iterator[tuple[str, list[Any]]]:
        """The parts of the snapshot stored under `key`, decoded one at a time so a reader can digest each before
        the next is decoded: ("articles", dicts), ("entities", dicts), ("claims", claims), ("groups", groups).
        Yields nothing when there is none; raises ValueError when a part cannot be read."""
        try:
            rows = self._db.execute("SELECT kind, data FROM snapshot_part WHERE key = ? ORDER BY seq", (key,))
            for kind, blob in rows:
                payload = unseal(blob)
                if payload is None:
                    raise ValueError(f"a damaged {kind} part")
                decoder: Any = _DECODERS[kind]
                yield kind, decoder.decode(payload)
        except (sqlite3.Error, msgspec.DecodeError, KeyError, TypeError) as e:
            raise ValueError(f"unreadable snapshot: {e}") from e

    def put_snapshot(self, key: str, snap: Snapshot) -> None:
        now = dt.datetime.now(dt.UTC).isoformat()
        try:
            self._db.execute("BEGIN IMMEDIATE")
            self._db.execute("DELETE FROM snapshot_part")  # one corpus a database: keep the latest only
            for seq, (kind, blob) in enumerate(_parts(snap)):
                self._db.execute("INSERT INTO snapshot_part VALUES (?, ?, ?, ?, ?)", (key, seq, kind, seal(blob), now))
            self._db.execute("COMMIT")
        except (sqlite3.Error, UnicodeEncodeError, TypeError, ValueError):
            # a disk that refuses, or a value MessagePack cannot hold (a file name that is not UTF-8 keeps its
            # undecodable bytes as surrogates): no snapshot, and the next open reads the cache entry by entry
            self._rollback()

    def _rollback(self) -> None:
        try:
            self._db.execute("ROLLBACK")
        except sqlite3.Error:
            pass

    def close(self) -> None:
        self._db.close()


def _parts(snap: Snapshot) -> Iterator[tuple[str, bytes]]:
    for kind in ("articles", "entities", "claims", "groups"):
        items: list[Any] = getattr(snap, kind)
        for i in range(0, len(items), PART):
            part = items[i : i + PART]
            yield kind, (_encode_without_sentences(part) if kind == "claims" else _ENCODER.encode(part))


def _encode_without_sentences(claims: Sequence[Claim]) -> bytes:
    """Claims without their sentences, which are cut again from the articles on reading (Interner): a third of
    a snapshot's size, and 25 MB of strings decoded only to be dropped at 10,000 articles. The store being
    saved is not yet shown to anyone, so the sentences are blanked in place and put back at once; copying
    245,000 claims to leave them out would cost two seconds."""
    sentences = [c.sentence for c in claims]
    set_ = object.__setattr__
    try:
        for c in claims:
            set_(c, "sentence", "")
        return _ENCODER.encode(claims)
    finally:
        for c, sentence in zip(claims, sentences, strict=True):
            set_(c, "sentence", sentence)

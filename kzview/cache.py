"""Claims cached in the corpus database, keyed by each article's content.

A cache entry is keyed by the article id, a hash of its text, what the corpus told extraction about it (the
event's places and anchor date) and the lexicon and program version. An unchanged corpus opens from the cache;
a changed file misses alone and is re-extracted. The cache is a convenience: any error reading it is a miss.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import sqlite3
from collections.abc import Iterable
from pathlib import Path

from pydantic import TypeAdapter

from kzview import __version__
from kzview.db import connect
from kzview.model import Article, Claim

SCHEMA_VERSION = "2"  # 2: snapshots keep sentence spans, not sentences
_CLAIMS = TypeAdapter(list[Claim])


def article_key(article: Article, context_key: str, lexicon_key: str) -> str:
    h = hashlib.sha1()
    for part in (SCHEMA_VERSION, __version__, lexicon_key, context_key, article.id, article.text):
        h.update(part.encode("utf-8", "surrogatepass"))
        h.update(b"\x1f")
    return h.hexdigest()


class ClaimCache:
    def __init__(self, path: Path | str) -> None:
        self.path = Path(path)
        self._db = connect(path)
        self._db.execute(
            "CREATE TABLE IF NOT EXISTS claim_cache (key TEXT PRIMARY KEY, article TEXT NOT NULL, "
            "claims BLOB NOT NULL, stored_at TEXT NOT NULL)"
        )
        self._db.execute(
            "CREATE TABLE IF NOT EXISTS snapshot (key TEXT PRIMARY KEY, data BLOB NOT NULL, stored_at TEXT NOT NULL)"
        )

    def get_many(self, keys: list[str]) -> dict[str, list[Claim]]:
        out: dict[str, list[Claim]] = {}
        try:
            for i in range(0, len(keys), 500):
                chunk = keys[i : i + 500]
                marks = ",".join("?" * len(chunk))
                for key, blob in self._db.execute(f"SELECT key, claims FROM claim_cache WHERE key IN ({marks})", chunk):
                    try:
                        out[key] = _CLAIMS.validate_json(blob)
                    except ValueError:
                        continue  # a damaged entry is a miss
        except sqlite3.Error:
            return out
        return out

    def put_many(self, items: Iterable[tuple[str, str, list[Claim]]]) -> None:
        now = dt.datetime.now(dt.UTC).isoformat()
        rows = [(key, article, _CLAIMS.dump_json(claims), now) for key, article, claims in items]
        if not rows:
            return
        try:
            self._db.execute("BEGIN IMMEDIATE")
            # one entry per article: the old ones for these articles go
            self._db.executemany("DELETE FROM claim_cache WHERE article = ?", [(r[1],) for r in rows])
            self._db.executemany("INSERT OR REPLACE INTO claim_cache VALUES (?, ?, ?, ?)", rows)
            self._db.execute("COMMIT")
        except sqlite3.Error:
            try:
                self._db.execute("ROLLBACK")
            except sqlite3.Error:
                pass

    # -- whole-corpus snapshots: an unchanged corpus opens without cleaning, extracting or comparing ----------
    def get_snapshot(self, key: str) -> bytes | None:
        try:
            row = self._db.execute("SELECT data FROM snapshot WHERE key = ?", (key,)).fetchone()
        except sqlite3.Error:
            return None
        return row[0] if row else None

    def put_snapshot(self, key: str, data: bytes) -> None:
        try:
            self._db.execute("BEGIN IMMEDIATE")
            self._db.execute("DELETE FROM snapshot")  # one corpus a database: keep the latest only
            self._db.execute("INSERT INTO snapshot VALUES (?, ?, ?)", (key, data, dt.datetime.now(dt.UTC).isoformat()))
            self._db.execute("COMMIT")
        except sqlite3.Error:
            try:
                self._db.execute("ROLLBACK")
            except sqlite3.Error:
                pass

    def close(self) -> None:
        self._db.close()

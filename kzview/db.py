"""Opening the corpus database: one place for the settings every connection needs."""

from __future__ import annotations

import sqlite3
from pathlib import Path


def connect(path: Path | str, busy_timeout: float = 10.0) -> sqlite3.Connection:
    """WAL, a busy timeout (two kzview processes may share the file; the app waits less and retries in the
    background rather than freeze), autocommit: callers open their own transactions."""
    if str(path) != ":memory:":
        Path(path).parent.mkdir(parents=True, exist_ok=True)
    db = sqlite3.connect(str(path), timeout=busy_timeout, isolation_level=None, check_same_thread=False)
    db.execute(f"PRAGMA busy_timeout = {int(busy_timeout * 1000)}")
    db.execute("PRAGMA journal_mode = WAL")
    return db

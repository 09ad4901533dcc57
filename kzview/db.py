"""Opening the corpus database: one place for the settings every connection needs."""

from __future__ import annotations

import sqlite3
import time
from pathlib import Path


def connect(path: Path | str, busy_timeout: float = 10.0) -> sqlite3.Connection:
    """WAL, a busy timeout (two kzview processes may share the file; the app waits less and retries in the
    background rather than freeze), autocommit: callers open their own transactions."""
    if str(path) != ":memory:":
        Path(path).parent.mkdir(parents=True, exist_ok=True)
    db = sqlite3.connect(str(path), timeout=busy_timeout, isolation_level=None, check_same_thread=False)
    db.execute(f"PRAGMA busy_timeout = {int(busy_timeout * 1000)}")
    _wal(db, busy_timeout)
    return db


def _wal(db: sqlite3.Connection, busy_timeout: float) -> None:
    """Put the file in WAL mode. SQLite answers "database is locked" at once, without waiting the busy timeout,
    when another process opens the same file at the same moment (a first connection's mode change needs the file
    alone): wait and ask again, up to the busy timeout, rather than fail a second kzview."""
    deadline = time.monotonic() + max(0.5, busy_timeout)
    pause = 0.01
    while True:
        try:
            if db.execute("PRAGMA journal_mode").fetchone()[0].lower() != "wal":
                db.execute("PRAGMA journal_mode = WAL")
            return
        except sqlite3.OperationalError as exc:
            if "locked" not in str(exc) and "busy" not in str(exc) or time.monotonic() > deadline:
                raise
            time.sleep(pause)
            pause = min(0.2, pause * 2)

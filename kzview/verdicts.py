"""The user's work: verdicts and notes, kept in SQLite.

Every change is one transaction in WAL mode with full sync, so a verdict set and a `kill -9` a second later is
there on the next start, and two kzview processes on one database do not corrupt it (SQLite's own locking, with
a busy timeout). Nothing is ever deleted: a change is a new row, an undo marks a row undone, so the history of
each decision stays readable.

A verdict is keyed by the stable id of a group or a claim, and remembers a fingerprint of the text it judged and an
anchor: the article, span and words of each figure it judged. When extraction changes (a new program, a new
lexicon) ids change; the store re-anchors each verdict by its anchor (kzview.store), shows it as stale where the
figure's words changed, and lists it (never drops it) where its figures are gone. The row itself is never altered.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import sqlite3
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from kzview.db import connect
from kzview.kinds import VERDICTS
from kzview.model import Claim, Verdict
from kzview.places import data_dir as data_dir
from kzview.places import default_db_path as default_db_path
from kzview.places import other_db_paths as other_db_paths

# schema.org ClaimReview ratings (1 = false .. 5 = true) for export
RATINGS = {"false": 1, "misleading": 2, "disputed": 2, "unverified": 3, "needs follow-up": 3, "confirmed": 5}

_SCHEMA = """
CREATE TABLE IF NOT EXISTS verdict (
    seq INTEGER PRIMARY KEY AUTOINCREMENT,
    target_kind TEXT NOT NULL CHECK (target_kind IN ('group', 'claim')),
    target_id TEXT NOT NULL,
    verdict TEXT NOT NULL,
    note TEXT NOT NULL DEFAULT '',
    set_at TEXT NOT NULL,
    fingerprint TEXT NOT NULL DEFAULT '',
    label TEXT NOT NULL DEFAULT '',
    undone INTEGER NOT NULL DEFAULT 0,
    anchor TEXT NOT NULL DEFAULT ''
);
CREATE INDEX IF NOT EXISTS verdict_target ON verdict (target_kind, target_id, seq);
CREATE TABLE IF NOT EXISTS correction (
    seq INTEGER PRIMARY KEY AUTOINCREMENT,
    kind TEXT NOT NULL CHECK (kind IN ('claim', 'missed')),
    target_id TEXT NOT NULL,
    changes TEXT NOT NULL,
    note TEXT NOT NULL DEFAULT '',
    who TEXT NOT NULL DEFAULT '',
    set_at TEXT NOT NULL,
    anchor TEXT NOT NULL DEFAULT '',
    undone INTEGER NOT NULL DEFAULT 0
);
CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
"""


def fingerprint(claims: Iterable[Claim]) -> str:
    """What a verdict judged: the figures and their sentences, in order."""
    h = hashlib.sha1()
    for c in sorted(claims, key=lambda c: c.id):
        h.update(f"{c.article}\x1f{c.surface}\x1f{' '.join(c.sentence.split())}\x1e".encode())
    return h.hexdigest()[:16]


def anchor(claims: Iterable[Claim]) -> str:
    """Where the judged figures stand, to find them again after re-extraction: article, span, words, sentence."""
    import json

    return json.dumps(
        [[c.article, c.start, c.end, c.surface, " ".join(c.sentence.split())[:200]] for c in claims],
        ensure_ascii=False,
    )


def read_corrections(path: Path, also_read: Iterable[Path] = ()) -> list:
    """The corrections in force in a verdict database and the ones beside it, read only: reading never creates,
    converts or alters a database (nor leaves a -wal beside it), and works on a read-only disk. A file that is
    there but is no database kzview can read raises sqlite3.DatabaseError, for the caller to say so."""

    def read(p: Path, own: bool) -> list:
        if not p.exists():
            return []
        db = _open_readonly(p)
        if db is None:
            if own:
                raise sqlite3.DatabaseError(f"{p} is not a verdict database kzview can read")
            return []
        try:
            return _corrections_of(db)
        finally:
            db.close()

    others = sorted((c for p in also_read for c in read(p, False)), key=lambda c: c.set_at)
    return others + read(path, True)  # the user's own last: they win where both corrected one claim


def _open_readonly(path: Path) -> sqlite3.Connection | None:
    """A database opened so that nothing can be written to it (nor its folder: no -wal or -shm is created when
    the folder is read-only); None when it is not a verdict database kzview can read."""
    from urllib.parse import quote

    uri = "file:" + quote(str(path.absolute()))
    # With no write-ahead log beside it the file holds everything (kzview checkpoints on every commit and close):
    # read it as immutable, which creates no -wal or -shm; with a log (its owner is at work), read the log too.
    modes = ["?mode=ro&immutable=1", "?mode=ro"]
    if path.with_name(path.name + "-wal").exists():
        modes.reverse()
    for mode in modes:
        try:
            db = sqlite3.connect(uri + mode, uri=True, check_same_thread=False)
            db.execute("SELECT count(*) FROM verdict").fetchone()
            return db
        except sqlite3.Error:
            continue
    return None


def _corrections_of(db: sqlite3.Connection) -> list:
    import json

    from kzview.corrections import Correction

    try:
        rows = db.execute(
            "SELECT seq, kind, target_id, changes, note, who, set_at, anchor FROM correction WHERE undone = 0 "
            "ORDER BY seq"
        ).fetchall()
    except sqlite3.Error:
        return []  # a database from before corrections
    return [Correction(r[1], r[2], json.loads(r[3]), r[4], r[5], r[6], r[7], r[0]) for r in rows]


def _every_correction(db: sqlite3.Connection) -> list[tuple[Any, bool]]:
    import json

    from kzview.corrections import Correction

    try:
        rows = db.execute(
            "SELECT seq, kind, target_id, changes, note, who, set_at, anchor, undone FROM correction ORDER BY seq"
        ).fetchall()
    except sqlite3.Error:
        return []
    out = []
    for r in rows:
        try:
            out.append((Correction(r[1], r[2], json.loads(r[3]), r[4], r[5], r[6], r[7], r[0]), bool(r[8])))
        except (ValueError, TypeError):
            continue  # a row the history cannot read is not shown; the corrections in force are read apart
    return out


_VERDICT_COLUMNS = "target_kind, target_id, verdict, note, set_at, fingerprint, label, anchor"


def _latest(db: sqlite3.Connection, where: str = "", args: tuple = ()) -> list[tuple]:
    try:
        return db.execute(
            f"SELECT {', '.join('v.' + c.strip() for c in _VERDICT_COLUMNS.split(','))} FROM verdict v "
            "JOIN (SELECT target_kind, target_id, MAX(seq) AS seq FROM verdict WHERE undone = 0 "
            f"{where} GROUP BY target_kind, target_id) last ON v.seq = last.seq",
            args,
        ).fetchall()
    except sqlite3.OperationalError:
        return []  # no verdict table (yet): nothing judged; a damaged file raises, and is salvaged by the caller


_SALVAGE_FAILURES = 4096  # failed range reads before salvage stops halving: it always ends, in well under a second


def salvage(path: Path) -> tuple[list[Verdict], int]:
    """The verdicts that can still be read from a damaged database, read only (the file is never written), and
    how many rows could not be: rows are read in ranges of `seq`, and a range that fails is halved until the
    damaged rows are fenced off. The latest verdict of each target stands, as in `VerdictStore.all`."""
    from urllib.parse import quote

    try:
        db = sqlite3.connect("file:" + quote(str(path.absolute())) + "?mode=ro&immutable=1", uri=True)
        top = db.execute("SELECT max(seq) FROM verdict").fetchone()[0] or 0
    except sqlite3.Error:
        return [], 0
    rows: list[tuple] = []
    lost = 0
    query = (
        "SELECT seq, target_kind, target_id, verdict, note, set_at, fingerprint, label, anchor, undone FROM verdict "
        "WHERE seq BETWEEN ? AND ?"
    )
    todo = [(1, int(top))]
    failures = 0
    while todo:
        lo, hi = todo.pop()
        try:
            rows.extend(db.execute(query, (lo, hi)).fetchall())
        except sqlite3.Error:
            failures += 1
            if lo == hi or failures > _SALVAGE_FAILURES:
                lost += 1  # past the bound, a damaged range is given up as one loss: a damaged max(seq) can
                # span 2**63 numbers that every query over the broken page fails on, and halving never ends
            else:
                mid = (lo + hi) // 2
                todo += [(lo, mid), (mid + 1, hi)]
    db.close()
    # a damaged page may still read, as values of the wrong type: such a row is lost, not trusted
    sound = [r for r in rows if _sound(r)]
    lost += len(rows) - len(sound)
    latest: dict[tuple[str, str], tuple] = {}
    for r in sorted(sound, key=lambda r: r[0]):
        if not r[9]:
            latest[(r[1], r[2])] = r[1:9]
    out = []
    for k in sorted(latest):
        try:
            out.append(_row(latest[k]))
        except ValueError:
            lost += 1
    return out, lost


def _sound(r: tuple) -> bool:
    """A verdict row as the schema writes it: an integer seq and undone flag, text in every other column."""
    return (
        len(r) == 10
        and isinstance(r[0], int)
        and isinstance(r[9], int)
        and all(isinstance(v, str) for v in r[1:9])
        and r[1] in ("claim", "group")
    )


class VerdictStore:
    """The user's database, written; and any `also_read` databases of the same corpus, read only: their verdicts
    and corrections are shown with this one's (this one's win for a target both judged), never changed."""

    def __init__(self, path: Path | str, busy_timeout: float = 10.0, also_read: Iterable[Path] = ()) -> None:
        self.path = Path(path)
        self._readonly: list[tuple[Path, sqlite3.Connection]] = []
        for other in also_read:
            ro = _open_readonly(Path(other))
            if ro is not None:
                self._readonly.append((Path(other), ro))
        self._busy_timeout = busy_timeout
        # rows set by this process, for undo: a verdict's seq, a correction's -seq, or a tuple of -seqs for the
        # corrections of one step (a merge corrects every figure of a group at once, and is undone at once)
        self._session: list[int | tuple[int, ...]] = []
        # The file is created only when there is work to keep: until the first write, an empty database in
        # memory answers (nothing is written to it, so nothing is lost when the file takes over).
        self._on_disk = str(path) == ":memory:" or self.path.exists()
        self._db = self._open() if self._on_disk else self._schema(sqlite3.connect(":memory:", isolation_level=None))

    def _open(self) -> sqlite3.Connection:
        db = connect(self.path, self._busy_timeout)
        db.execute("PRAGMA synchronous = FULL")  # a verdict is the user's work: on disk before we return
        return self._schema(db)

    @staticmethod
    def _schema(db: sqlite3.Connection) -> sqlite3.Connection:
        db.execute("BEGIN IMMEDIATE")
        try:
            for stmt in _SCHEMA.strip().split(";"):
                if stmt.strip():
                    db.execute(stmt)
            columns = {r[1] for r in db.execute("PRAGMA table_info(verdict)")}
            if "anchor" not in columns:  # a database from before anchors: add the column, keep every row
                db.execute("ALTER TABLE verdict ADD COLUMN anchor TEXT NOT NULL DEFAULT ''")
        except BaseException:
            db.execute("ROLLBACK")
            raise
        db.execute("COMMIT")
        return db

    @contextmanager
    def _tx(self) -> Iterator[sqlite3.Connection]:
        """One immediate transaction: committed when the block ends, rolled back if it raises. After the commit
        the write-ahead log is copied into the database file, so the file alone holds every committed verdict
        (a backup or a sync of `.kzview.db` carries the work; a lost `-wal` loses nothing). The first write
        creates the file."""
        if not self._on_disk:
            memory, self._db = self._db, self._open()
            memory.close()
            self._on_disk = True
        self._db.execute("BEGIN IMMEDIATE")
        try:
            yield self._db
        except BaseException:
            self._db.execute("ROLLBACK")
            raise
        self._db.execute("COMMIT")
        self.checkpoint()

    def checkpoint(self) -> None:
        try:
            self._db.execute("PRAGMA wal_checkpoint(FULL)")
        except sqlite3.Error:
            pass  # another process holds a read lock: the next commit or the close copies it

    def close(self) -> None:
        """Copy the log into the file, empty it, and close: after a normal quit `.kzview.db` is complete."""
        try:
            self._db.execute("PRAGMA wal_checkpoint(TRUNCATE)")
        except sqlite3.Error:
            pass
        self._db.close()
        for _, ro in self._readonly:
            ro.close()
        self._readonly = []

    @property
    def read_only_sources(self) -> list[Path]:
        """The other databases whose work is shown here and never written."""
        return [p for p, _ in self._readonly]

    # -- writing --------------------------------------------------------------------------------------------
    def set(
        self,
        target_kind: str,
        target_id: str,
        verdict: str,
        note: str = "",
        fp: str = "",
        label: str = "",
        where: str = "",
    ) -> Verdict:
        if verdict not in VERDICTS:
            raise ValueError(f"unknown verdict {verdict!r}; one of {', '.join(VERDICTS)}")
        now = dt.datetime.now(dt.UTC).replace(microsecond=0).isoformat()
        with self._tx() as db:
            cur = db.execute(
                "INSERT INTO verdict (target_kind, target_id, verdict, note, set_at, fingerprint, label, anchor) "
                "VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
                (target_kind, target_id, verdict, note, now, fp, label, where),
            )
        self._session.append(int(cur.lastrowid or 0))
        return self.get(target_kind, target_id)  # type: ignore[return-value]

    # -- corrections: the user's fixes to the machine's reading (kzview.corrections) -----------------------
    def add_correction(
        self, kind: str, target_id: str, changes: dict, note: str = "", who: str = "", where: str = ""
    ) -> int:
        import json

        now = dt.datetime.now(dt.UTC).replace(microsecond=0).isoformat()
        with self._tx() as db:
            cur = db.execute(
                "INSERT INTO correction (kind, target_id, changes, note, who, set_at, anchor) VALUES (?,?,?,?,?,?,?)",
                (kind, target_id, json.dumps(changes, sort_keys=True), note, who, now, where),
            )
        seq = int(cur.lastrowid or 0)
        self._session.append(-seq)  # corrections are undone like verdicts (negative: the other table)
        return seq

    def corrections(self) -> list:
        """Every correction in force, oldest first (the history stays in the table): the read-only databases'
        first, then this one's, so this one's win where both corrected one claim."""
        out: list = []
        for _, ro in self._readonly:
            out.extend(_corrections_of(ro))
        out.sort(key=lambda c: c.set_at)
        return out + _corrections_of(self._db)

    def add_corrections(self, items: list[tuple[str, str, dict, str, str, str]]) -> list[int]:
        """Several corrections as one step, in one transaction: (kind, target_id, changes, note, who, where) each;
        undo takes them all back."""
        import json

        now = dt.datetime.now(dt.UTC).replace(microsecond=0).isoformat()
        seqs: list[int] = []
        with self._tx() as db:
            for kind, target_id, changes, note, who, where in items:
                cur = db.execute(
                    "INSERT INTO correction (kind, target_id, changes, note, who, set_at, anchor) "
                    "VALUES (?,?,?,?,?,?,?)",
                    (kind, target_id, json.dumps(changes, sort_keys=True), note, who, now, where),
                )
                seqs.append(int(cur.lastrowid or 0))
        if seqs:
            self._session.append(tuple(-s for s in seqs))
        return seqs

    def undo_correction(self, seq: int) -> bool:
        """Take back one correction by its number (`kzview corrections` lists them), from any session: the
        history keeps it, marked undone. False if this database has no such correction in force."""
        with self._tx() as db:
            cur = db.execute("UPDATE correction SET undone = 1 WHERE seq = ? AND undone = 0", (seq,))
        return cur.rowcount > 0

    def correction_history(self) -> list[tuple[Any, bool, bool]]:
        """Every correction ever set, undone ones too, oldest first: (correction, undone, from a read-only
        database)."""
        out = [(c, undone, True) for _, ro in self._readonly for c, undone in _every_correction(ro)]
        return out + [(c, undone, False) for c, undone in _every_correction(self._db)]

    def undo(self) -> Verdict | None:
        """Take back this session's last change; returns the verdict that now stands for that target (if any)."""
        while self._session:
            seq = self._session.pop()
            if isinstance(seq, tuple):
                with self._tx() as db:
                    db.executemany("UPDATE correction SET undone = 1 WHERE seq = ?", [(-s,) for s in seq])
                ids = ",".join(str(-s) for s in seq)
                return Verdict(target_kind="correction", target_id=ids, verdict="", cleared=True)
            if seq < 0:
                with self._tx() as db:
                    db.execute("UPDATE correction SET undone = 1 WHERE seq = ?", (-seq,))
                return Verdict(target_kind="correction", target_id=str(-seq), verdict="", cleared=True)
            with self._tx() as db:
                row = db.execute("SELECT target_kind, target_id, undone FROM verdict WHERE seq = ?", (seq,)).fetchone()
                if row is None or row[2]:
                    continue
                db.execute("UPDATE verdict SET undone = 1 WHERE seq = ?", (seq,))
            return self.get(row[0], row[1]) or Verdict(target_kind=row[0], target_id=row[1], verdict="", cleared=True)
        return None

    # -- reading --------------------------------------------------------------------------------------------
    def get(self, target_kind: str, target_id: str) -> Verdict | None:
        row = self._db.execute(
            "SELECT target_kind, target_id, verdict, note, set_at, fingerprint, label, anchor FROM verdict "
            "WHERE target_kind = ? AND target_id = ? AND undone = 0 ORDER BY seq DESC LIMIT 1",
            (target_kind, target_id),
        ).fetchone()
        if row is None:
            found = [
                r
                for _, ro in self._readonly
                for r in _latest(ro, "AND target_kind = ? AND target_id = ?", (target_kind, target_id))
            ]
            row = max(found, key=lambda r: r[4]) if found else None
        return _row(row) if row else None

    def all(self) -> list[Verdict]:
        latest: dict[tuple[str, str], tuple] = {}
        for _, ro in self._readonly:
            for r in _latest(ro):
                if (r[0], r[1]) not in latest or r[4] > latest[(r[0], r[1])][4]:
                    latest[(r[0], r[1])] = r
        for r in _latest(self._db):
            latest[(r[0], r[1])] = r  # this database's word on a target stands over the read-only ones'
        return [_row(latest[k]) for k in sorted(latest)]

    def history(self, target_kind: str, target_id: str) -> list[Verdict]:
        query = (
            "SELECT target_kind, target_id, verdict, note, set_at, fingerprint, label, anchor FROM verdict "
            "WHERE target_kind = ? AND target_id = ? ORDER BY seq"
        )
        rows: list[tuple] = []
        for _, ro in self._readonly:
            try:
                rows.extend(ro.execute(query, (target_kind, target_id)).fetchall())
            except sqlite3.Error:
                pass
        rows.sort(key=lambda r: r[4])
        rows.extend(self._db.execute(query, (target_kind, target_id)).fetchall())
        return [_row(r) for r in rows]


def _text(v: object) -> str:
    # SQLite keeps whatever a hand-edited database was given: a number or a NULL note is read as text
    return "" if v is None else v if isinstance(v, str) else str(v)


def _row(r: tuple) -> Verdict:
    return Verdict(
        target_kind=_text(r[0]),
        target_id=_text(r[1]),
        verdict=_text(r[2]),
        note=_text(r[3]),
        set_at=_text(r[4]),
        fingerprint=_text(r[5]),
        label=_text(r[6]),
        anchor=_text(r[7]) if len(r) > 7 else "",
    )

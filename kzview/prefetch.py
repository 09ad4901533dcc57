"""The corpus read in a second process while the app imports Textual and draws its first frame.

Most of what stands between starting kzview and its first rows is Python work that does not need the app: importing
reading and extraction, reading the vocabulary, the files and the snapshot (kzview.opening). In one process that
work and Textual's own start share one interpreter lock, so the rows come after both. `start` forks before Textual
is imported; the child opens the corpus exactly as the app's worker would (`open_corpus` with the same options) and
sends the store back through a pipe as MessagePack, with its progress on the way; the app's worker waits for it with
the lock released (`Prefetch.result`). On a machine with a second core the rows are ready about when the first
frame is.

Where there is no `os.fork` (Windows), or the corpus comes from standard input, `start` gives None and the app reads
the corpus in its own worker thread, as before. A child that dies without an answer gives None from `result` too,
and the app reads the corpus itself: a prefetch can make the first rows earlier, never absent. For a large claim
store (kzview.parquet) the child sends its first screen only, and the app reads the whole store itself: columns
on disk read faster than a frame of their size decodes, and without the frame held beside them. An error the child
met opening the corpus is raised in the parent as that error (pickled), so the app says what it would have said.

The fork happens before any thread is started (the CLI calls `start` first thing, before importing the app), the
child never touches the terminal, and it leaves with `os._exit`, running none of the parent's exit handlers.
"""

from __future__ import annotations

import os
import struct
from collections.abc import Callable
from dataclasses import field, make_dataclass
from functools import cache
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from kzview.claimstore import ClaimStore

_HEADER = struct.Struct("!cQ")  # a frame: its kind, the length of what follows
_PROGRESS, _STORE, _ERROR, _ARTICLES, _PARTIAL, _HANDOVER = b"p", b"s", b"e", b"a", b"q", b"h"


class _Handover(Exception):
    """The child's part is done (a claim store's first screen is sent): the app reads the rest itself."""


QUIET = 0.25  # seconds the child works before it says how far it is
# articles from which a second open sends them in a frame of their own first (a large store's frame of both, held
# beside what it decodes to, was the peak); below, one frame, and the panes are filled once
_ARTICLES_APART = 2000


@cache
def _wire() -> Any:
    """A ClaimStore as it crosses the pipe: its data, without listeners, indexes or the verdict store (built when
    first needed, so that `start` imports none of the data classes before the fork)."""
    from kzview.corrections import Applied
    from kzview.model import Article, ClaimGroup, Entity, LoadProblem

    # the claims as columns (kzview.columns.ClaimColumns.to_wire): bytes and a pool of strings, no claim objects
    types = (list[Article], dict[str, Any], list[ClaimGroup], list[LoadProblem], list[Entity], str, list[Applied])
    # the store's indexes, built once; how many articles the corpus has (a large store's first screen holds some)
    # and its articles' labels, as the whole corpus names them (a large store's first screen holds some articles)
    fields: list[tuple[str, Any] | tuple[str, Any, Any]] = [
        *zip(_CARRIED, types, strict=True),
        ("index", list[bytes]),
        ("articles_total", int),
        ("labels", dict[str, str]),
        # the articles are those the articles frame carried already (a first open): not sent again
        ("sent_before", bool, field(default=False)),
    ]
    return make_dataclass("StoreWire", fields)


# the ClaimStore attributes that cross the pipe
_CARRIED = ("articles", "claims", "groups", "problems", "entities", "lexicon", "applied")


def start(options: dict[str, Any]) -> Prefetch | None:
    """Fork a child that opens the corpus with `OpenOptions(**options)` (kzview.opening); None where that cannot
    be done here, and the app reads the corpus itself."""
    if not hasattr(os, "fork") or "-" in [str(p) for p in options.get("paths") or []]:
        return None
    try:
        read_end, write_end = os.pipe()
    except OSError:
        return None
    try:
        pid = os.fork()
    except OSError:
        os.close(read_end)
        os.close(write_end)
        return None
    if pid == 0:  # the child: never returns
        os.close(read_end)
        _detach()
        _child(write_end, options)
    os.close(write_end)
    try:
        os.setpgid(pid, pid)  # as the child does: whichever runs first, the group exists before a kill
    except OSError:
        pass
    return Prefetch(pid, read_end)


def _detach() -> None:
    """The child leads a process group of its own, so that stopping it stops the worker processes its extraction
    may start too (Prefetch.kill signals the whole group), and it never touches the terminal: its standard
    streams go to the null device (a warning or a worker's traceback would land on the app's screen)."""
    try:
        os.setpgid(0, 0)
    except OSError:
        pass
    try:
        null = os.open(os.devnull, os.O_RDWR)
        for fd in (0, 1, 2):
            os.dup2(null, fd)
        os.close(null)
    except OSError:
        pass


def _child(fd: int, options: dict[str, Any]) -> None:
    status = 0
    try:
        import time
        from pathlib import Path

        import msgspec

        from kzview.opening import OpenOptions, open_corpus
        from kzview.parquet import is_store

        began, last = time.monotonic(), 0.0

        def progress(done: int, total: int) -> None:
            # none in the first quarter second (a quick open sends its store alone, which the app can take before
            # its first frame: Prefetch.poll), then at most ten a second
            nonlocal last
            now = time.monotonic()
            if now - began >= QUIET and now - last >= 0.1:
                last = now
                _send(fd, _PROGRESS, struct.pack("!QQ", done, total))

        sent: list[list] = []  # the articles frame's list, once sent: a store of these articles refers to it

        def articles(read: list, problems: list) -> None:
            # a first open: the articles now, to be shown while their figures are extracted
            _send(fd, _ARTICLES, msgspec.msgpack.encode({"articles": read, "problems": problems}))
            sent.append(read)

        paths = [Path(p) for p in options.get("paths") or []]
        store_path = len(paths) == 1 and is_store(paths[0])

        def partial(store: ClaimStore) -> None:
            # a large first open: the figures read so far, compared among themselves, while the rest are read
            _send(fd, _PARTIAL, msgspec.msgpack.encode(_carried(store, sent)))
            if store_path:
                # a claim store's first screen: the app reads the whole store itself, from the columns on disk.
                # Sent through here it was a frame of 240 MB at a million claims, held beside what it decodes to
                # (the app's peak 1.3x its memory allowance) and decoded no faster than the store reads.
                raise _Handover

        try:
            store = open_corpus(OpenOptions(**options, on_articles=articles, on_partial=partial), progress)
        except _Handover:
            _send(fd, _HANDOVER, b"")
        except Exception as exc:  # noqa: BLE001 - the parent raises it, as its own worker would have
            _send(fd, _ERROR, _pickled(exc))
        else:
            if not sent and len(store.articles) >= _ARTICLES_APART:
                # a second open (from the snapshot): the articles first, in a frame of their own, and the store
                # built on them: the app never holds the frame of both beside what it decodes to
                articles(store.articles, store.problems)
            # encoded as a map of the wire's fields: decoded on the other side into _wire(), every type checked
            _send(fd, _STORE, msgspec.msgpack.encode(_carried(store, sent)))
    except BaseException:  # noqa: BLE001 - a parent gone (broken pipe) or anything else: no answer, the parent reads
        status = 1
    finally:
        os._exit(status)


def _carried(store: ClaimStore, sent: list[list] | None = None) -> dict[str, Any]:
    carried = {name: store.columns.to_wire() if name == "claims" else getattr(store, name) for name in _CARRIED}
    # the very list the articles frame carried (a first open's stores are built on it): the app holds those
    # articles already, and a second copy of 10,000 articles' texts and regions was 50 MB at its peak
    before = sent is not None and bool(sent) and store.articles is sent[0]
    if before:
        carried["articles"] = []
    labels = store.labels if store.articles_unread else {}  # else they are worked out again from the articles
    return {
        **carried,
        "index": store.index_wire(),
        "articles_total": store.articles_total,
        "labels": labels,
        "sent_before": before,
    }


def _pickled(exc: BaseException) -> bytes:
    import pickle

    try:
        data = pickle.dumps(exc)
        pickle.loads(data)  # an exception that pickles but does not unpickle is sent as its words
        return data
    except Exception:  # noqa: BLE001
        return pickle.dumps(RuntimeError(f"{exc.__class__.__name__}: {exc}"))


def _send(fd: int, kind: bytes, payload: bytes) -> None:
    data = memoryview(_HEADER.pack(kind, len(payload)) + payload)
    while data:
        data = data[os.write(fd, data) :]


class Prefetch:
    """A child opening the corpus: `result` waits for its store (in one thread); `cancel` stops it from another."""

    def __init__(self, pid: int, fd: int) -> None:
        import threading

        self.pid = pid
        self._fd = fd
        # reentrant: `kill` runs from a signal handler (a hang-up), which may interrupt this same thread in `poll`
        self._lock = threading.RLock()
        self._reaped = False
        self._reading = False
        self.cancelled = False  # stopped by the app (it is closing): its missing answer is not to be read again
        self._held: tuple[bytes, bytes | bytearray] | None = None  # a frame `poll` read that `result` is to act on
        # the articles frame's articles, decoded: the stores sent after it are built on these (`sent_before`)
        self._articles: list[Any] | None = None
        self._read_early: tuple[list[Any], list[Any]] | None = None  # the articles frame as `poll` decoded it

    def poll(self) -> ClaimStore | None:
        """The store if the child has sent it already, without waiting (the app asks as it mounts: a quick open's
        rows are then in its first frame); else None, and `result` waits for it. Progress sent by then is passed
        over: the app has drawn nothing to show it in."""
        import select

        with self._lock:
            if self._reaped or self._reading:
                return None
            # a last frame held already (a second poll): nothing more is read before `result` acts on it
            done = self._held is not None and self._held[0] not in (_ARTICLES, _PARTIAL)
            try:
                while not done and select.select([self._fd], [], [], 0)[0]:
                    kind, payload = self._frame()
                    if not kind:
                        # the pipe ended: a frame held still comes first (the end is read again after it)
                        self._held = self._held or (kind, payload)
                        break
                    if kind == _ARTICLES:
                        # decoded now: a store after it is built on these articles, even when it comes in
                        # this same poll and the articles frame is never shown
                        self._take_articles(payload)
                        self._held = (kind, b"")  # for `result` to show, unless the store is here already
                    elif kind == _PARTIAL:
                        self._held = (kind, payload)  # kept for `result`, unless the store is here already
                    elif kind == _HANDOVER:
                        # no store comes: a first screen held is for `result` to show (the pipe ends after it)
                        self._held = self._held or (kind, payload)
                        break
                    elif kind != _PROGRESS:
                        self._held = (kind, payload)
                        break
            except OSError:
                return None
        if self._held is not None and self._held[0] == _STORE:
            return self.result()
        return None

    def result(
        self,
        progress: Callable[[int, int], None] | None = None,
        articles: Callable[[list[Any], list[Any]], None] | None = None,
        partial: Callable[[ClaimStore], None] | None = None,
        before_store: Callable[[], None] | None = None,
    ) -> ClaimStore | None:
        """The child's store (its progress passed on while it works, and on a first open its articles as soon as
        they are read), or None when it gave no answer; the error it met opening the corpus is raised here.
        `before_store` is called when the whole store starts to come, before it is read: a provisional store
        shown can be let go first (it and the whole one at once were the app's peak of memory)."""
        with self._lock:
            if self._reaped:
                return None
            self._reading = True
        try:
            while True:
                if self._held is not None:
                    (kind, payload), self._held = self._held, None
                else:
                    kind, payload = self._frame(before_store)
                if kind == _PROGRESS:
                    if progress is not None:
                        progress(*struct.unpack("!QQ", payload))
                elif kind == _ARTICLES:
                    read = self._take_articles(payload) if payload else self._read_early
                    self._read_early = None
                    payload = b""
                    if read is not None and articles is not None:
                        articles(*read)
                elif kind == _PARTIAL:
                    if partial is not None:
                        frame, payload = [payload], b""  # let go as soon as it is decoded (_store)
                        try:
                            shown = _store(frame, self._articles)
                        except (ValueError, TypeError, KeyError):
                            continue
                        shown.provisional = True
                        partial(shown)
                        del shown  # the app holds it while it is shown, and no longer
                elif kind == _STORE:
                    frame, payload = [payload], b""
                    try:
                        return _store(frame, self._articles)
                    except (ValueError, TypeError, KeyError):  # msgspec.ValidationError is a ValueError
                        return None  # what the child read does not decode here: the app reads it itself
                elif kind == _HANDOVER:
                    return None  # a claim store's first screen was sent: the app reads the whole store itself
                elif kind == _ERROR:
                    import pickle

                    raise pickle.loads(payload)  # our own child's bytes, over our own pipe
                else:
                    return None  # the pipe ended (or held what no child of ours writes) before a store came
        finally:
            self._reap()

    def _take_articles(self, payload: bytes | bytearray) -> tuple[list[Any], list[Any]] | None:
        """The articles frame decoded and kept (the stores after it are built on its articles), or None when it
        does not decode (shown when the store comes instead; a store built on them is then read afresh)."""
        try:
            read = _articles(payload)
        except (ValueError, TypeError, KeyError):
            return None
        self._articles, self._read_early = read[0], read
        return read

    def _frame(self, before_store: Callable[[], None] | None = None) -> tuple[bytes, bytes | bytearray]:
        """The next whole frame, or (b"", b"") when the pipe ends first; `before_store` is called before a whole
        store's frame is read."""
        head = self._read(_HEADER.size)
        if head is None:
            return b"", b""
        kind, size = _HEADER.unpack(head)
        if kind == _STORE and before_store is not None:
            before_store()
        payload = self._read(size)
        return (kind, payload) if payload is not None else (b"", b"")

    def _read(self, size: int) -> bytearray | None:
        """`size` bytes from the pipe, read into one buffer made for them (a store of a million claims is a frame
        of 240 MB: read in pieces and joined, it was held twice), or None when the pipe ends first."""
        try:
            buf = bytearray(size)
        except (MemoryError, OverflowError):
            return None  # a frame no child of ours sends: as if the pipe ended, and the app reads for itself
        view, got = memoryview(buf), 0
        while got < size:
            n = os.readv(self._fd, [view[got : got + (1 << 20)]])
            if not n:
                return None
            got += n
        view.release()
        return buf

    def kill(self) -> None:
        """Stop the child and the worker processes it started, without waiting (safe from a signal handler or a
        timer); `cancelled` is then set. A reader waiting in `result` sees the pipe end and returns None."""
        import signal

        with self._lock:
            if self._reaped:
                return  # reaped: its pid may be another process's by now
            self.cancelled = True
            for sig in (signal.SIGTERM, signal.SIGCONT):  # SIGCONT: a stopped child takes the SIGTERM too
                try:
                    os.killpg(self.pid, sig)
                except OSError:
                    try:
                        os.kill(self.pid, sig)  # the child had not made its group yet
                    except OSError:
                        pass

    def cancel(self) -> None:
        """Stop the child if it is still working (the app closed before its rows came), and reap it unless a
        reader in `result` is about to."""
        self.kill()
        with self._lock:
            reading = self._reading
        if not reading:
            self._reap()

    def _reap(self) -> None:
        with self._lock:
            if self._reaped:
                return
            self._reaped = True
            os.close(self._fd)
            self._articles = self._read_early = None  # the app holds what it was given, and nothing is held here
        try:
            os.waitpid(self.pid, 0)  # reaped: no zombie left behind (outside the lock: `kill` never waits)
        except ChildProcessError:
            pass


def _any_claim(_claim_id: str) -> object:
    return True  # the child checked its groups' claims; the index built from them is checked on this side


def _articles(payload: bytes | bytearray) -> tuple[list[Any], list[Any]]:
    import msgspec

    from kzview.model import Article, LoadProblem

    wire = msgspec.msgpack.decode(payload, type=dict[str, list[Any]])
    return msgspec.convert(wire["articles"], list[Article]), msgspec.convert(wire["problems"], list[LoadProblem])


def _store(frame: list[bytes | bytearray], sent: list[Any] | None = None) -> ClaimStore:
    """The store a frame carries (taken out of `frame`, and let go once decoded: at 10,000 articles it was 39 MB
    held beside all it decodes to); `sent`: the articles of the articles frame, for a store built on them."""
    import msgspec

    from kzview.claimstore import ClaimStore
    from kzview.columns import ClaimColumns
    from kzview.intern import Interner

    wire = msgspec.msgpack.decode(frame.pop(), type=_wire())
    if wire.sent_before:
        if sent is None or wire.articles:
            raise ValueError("a store built on articles this side never read")
        wire.articles = sent
    claims = ClaimColumns.from_wire(wire.claims, wire.articles)  # checked whole; each claim's fit by the child
    wire.claims = None  # its arrays' bytes, copied into the columns
    # one string for each claim id and article id the groups name (decoded, each mention was a string of its
    # own: 25 MB of 50 at 10,000 articles); the index (checked for size, order and range) says where each
    # claim's groups are, as the child built it from the claims it checked
    Interner({a.id: a.text for a in wire.articles}).groups(wire.groups, known=_any_claim)
    carried = {name: getattr(wire, name) for name in _CARRIED if name != "applied"}
    store = ClaimStore(**{**carried, "claims": claims}, index=wire.index)
    store.applied = wire.applied  # not a field: set after the store's indexes are built
    store.articles_total = max(len(store.articles), wire.articles_total)
    store.labels.update({aid: label for aid, label in wire.labels.items() if aid in store.article_by_id and label})
    return store

"""The corpus read in a second process (kzview.prefetch): the same store as the app's own worker reads, its rows in
the app's first frame when it is quick, the child's error said as the parent would say it, and nothing left over
when it dies or the app closes first."""

from __future__ import annotations

import os
import signal
import sys
import time
from pathlib import Path

import pytest
from conftest import tmux_new

from kzview.model import to_json
from kzview.opening import OpenOptions, open_corpus
from kzview.prefetch import Prefetch, start
from kzview.tui.app import KzviewApp

pytestmark = pytest.mark.skipif(not hasattr(os, "fork"), reason="no fork here: the app reads in its worker thread")

SEEDS = Path(__file__).resolve().parent.parent / "seeds"


def options(**extra):
    return {"paths": [SEEDS], "use_cache": False, **extra}


def same_store(a, b) -> None:
    assert [x.id for x in a.articles] == [x.id for x in b.articles]
    assert a.articles == b.articles
    assert [to_json(c) for c in a.claims] == [to_json(c) for c in b.claims]
    assert [to_json(g) for g in a.groups] == [to_json(g) for g in b.groups]
    assert a.entities == b.entities and a.problems == b.problems and a.lexicon == b.lexicon


async def settled(app, pilot, limit: float = 20.0) -> None:
    """Until the app has its store: it asks the second process on its own thread for a moment after its first
    frame (no worker runs meanwhile), then its worker waits for the rest."""
    deadline = time.monotonic() + limit
    while time.monotonic() < deadline:
        await pilot.pause(0.02)
        await app.workers.wait_for_complete()
        if app.loaded or (app._prefetch is None and not app.workers):
            return


def gone(pid: int) -> bool:
    try:
        os.waitpid(pid, os.WNOHANG)
    except ChildProcessError:
        return True  # reaped already
    return False


def test_the_child_gives_the_store_the_worker_would():
    pending = start(options())
    assert isinstance(pending, Prefetch)
    seen: list[tuple[int, int]] = []
    store = pending.result(lambda done, total: seen.append((done, total)))
    same_store(store, open_corpus(OpenOptions(**options())))
    assert gone(pending.pid)
    assert all(done <= total for done, total in seen)


def test_a_first_open_sends_the_articles_before_the_store():
    pending = start(options())
    early: list[tuple[list, list]] = []
    store = pending.result(None, lambda articles, problems: early.append((articles, problems)))
    assert len(early) == 1 and early[0][0] == store.articles and early[0][1] == store.problems


def test_a_large_second_open_sends_its_articles_apart(monkeypatch):
    """From the snapshot too, a large corpus's articles come in a frame of their own, and the store is built on
    those very articles (the app never holds one frame of both beside what it decodes to); a small one's come in
    the store's frame, and the panes are filled once."""
    import kzview.prefetch as prefetch

    for apart, expected in ((2000, 0), (1, 1)):
        monkeypatch.setattr(prefetch, "_ARTICLES_APART", apart)  # the forked child inherits it
        for _ in range(2):  # the first of the two may have written the snapshot; the second reads it
            again = start(options(use_cache=True))
            cached: list = []
            whole = again.result(None, lambda articles, problems, cached=cached: cached.append(articles))
            assert whole is not None and len(whole.articles) == 5
        assert len(cached) == expected and (not cached or whole.articles is cached[0])


def test_a_store_already_sent_is_taken_without_waiting():
    pending = start(options())
    deadline = time.monotonic() + 30
    store = None
    while store is None and time.monotonic() < deadline:
        store = pending.poll()  # never blocks: None until the whole store is in the pipe
        time.sleep(0.01)
    assert store is not None and len(store.articles) == 5
    assert pending.result() is None  # taken once
    assert gone(pending.pid)


def test_the_childs_error_is_raised_as_itself(tmp_path):
    import tomllib

    bad = tmp_path / "lexicon.toml"
    bad.write_text("[[[ not toml", encoding="utf-8")
    pending = start(options(lexicon=bad))
    with pytest.raises(tomllib.TOMLDecodeError):
        pending.result()
    assert gone(pending.pid)


def test_a_child_that_dies_gives_no_answer():
    pending = start(options(paths=[SEEDS]))
    os.kill(pending.pid, signal.SIGKILL)
    os.waitpid(pending.pid, 0)  # reaped here: the prefetch finds no child to wait for, and goes on
    assert pending.result() is None


async def test_the_app_takes_the_childs_store_and_falls_back_without_it(tmp_path):
    pending = start(options())  # the app asks it as it mounts, and waits in its worker if it is not done
    app = KzviewApp(use_cache=False, prefetch=pending)
    async with app.run_test(size=(120, 40)) as pilot:
        await settled(app, pilot)
        await pilot.pause()
        assert app.loaded and len(app.store.articles) == 5
        assert app.sub_title.startswith("5 articles")
    dead = start(options())
    os.kill(dead.pid, signal.SIGKILL)
    app = KzviewApp(use_cache=False, prefetch=dead)
    async with app.run_test(size=(120, 40)) as pilot:
        await settled(app, pilot)
        await pilot.pause()
        assert app.loaded and len(app.store.articles) == 5  # read by the app itself


def test_cancel_stops_a_child_still_working():
    pending = start(options())
    pending.cancel()
    assert gone(pending.pid)
    assert pending.result() is None


def test_standard_input_is_never_read_by_a_child():
    assert start({"paths": [Path("-")]}) is None


def test_the_installed_app_opens_with_a_prefetch(tmp_path):
    """From the command line, as a user starts it: the rows come from the child (no thread read), in tmux."""
    import shutil
    import subprocess

    if shutil.which("tmux") is None:
        pytest.skip("tmux is not installed")
    session = f"kzpf{os.getpid()}"
    env = f"XDG_CACHE_HOME={tmp_path / 'cache'} XDG_DATA_HOME={tmp_path / 'data'}"
    cmd = f"env {env} {sys.executable} -m kzview --db {tmp_path / 'v.db'} {SEEDS}"
    tmux_new(session, cmd, (120, 40))
    try:
        screen = ""
        deadline = time.monotonic() + 30
        while "5 conflicts" not in screen and time.monotonic() < deadline:  # the articles may come first alone
            time.sleep(0.1)
            screen = subprocess.run(
                ["tmux", "capture-pane", "-p", "-t", session], capture_output=True, text=True
            ).stdout
        assert "5 articles" in screen and "5 conflicts" in screen
        subprocess.run(["tmux", "send-keys", "-t", session, "q"], check=True)
        deadline = time.monotonic() + 10
        while time.monotonic() < deadline:
            alive = subprocess.run(["tmux", "has-session", "-t", session], capture_output=True).returncode == 0
            if not alive:
                break
            time.sleep(0.1)
        assert not alive, "the app did not leave on q"
    finally:
        subprocess.run(["tmux", "kill-session", "-t", session], capture_output=True)


async def test_closing_the_app_stops_the_child_and_reads_nothing_again(tmp_path):
    """Quit while a long first read is still going on in the child: the child (and any worker processes of its
    own) is stopped, and the app does not read the corpus itself on the way out."""
    text = (SEEDS / sorted(p.name for p in SEEDS.iterdir())[0]).read_text(encoding="utf-8")
    folder = tmp_path / "big"
    folder.mkdir()
    for i in range(1500):  # a read of several seconds, so the app closes long before it ends
        (folder / f"{i:05d}.txt").write_text(text.replace("\n", f" Item {i}.\n", 1), encoding="utf-8")
    pending = start({"paths": [folder], "use_cache": False})
    app = KzviewApp(paths=[folder], use_cache=False, prefetch=pending)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        assert app.focused is not None and app.focused.id == "groups"  # keys go to a pane, not a filter line
        await pilot.press("q")
    assert app.return_code == 0 and pending.cancelled and not app.loaded
    deadline = time.monotonic() + 10
    while not gone(pending.pid) and time.monotonic() < deadline:
        time.sleep(0.05)
    assert gone(pending.pid)


def test_a_large_claim_stores_first_screen_comes_from_the_child_and_the_rest_is_read_here(tmp_path, monkeypatch):
    """For a large claim store the child sends the first screen only, then hands over: the app reads the store
    itself (a frame of the whole store was held beside what it decodes to), and shows the first screen once."""
    import kzview.parquet as parquet
    from kzview.cli import main

    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "cache"))
    monkeypatch.setattr(parquet, "HEAD_MIN", 1)  # the forked child inherits it
    monkeypatch.setattr(parquet, "HEAD_GROUPS", 2)
    out = tmp_path / "store"
    assert main(["extract", str(SEEDS), "--out", str(out)]) == 0
    pending = start({"paths": [out], "use_cache": False})
    assert isinstance(pending, Prefetch)
    heads: list = []
    assert pending.result(partial=heads.append) is None  # handed over: no whole store through the pipe
    assert len(heads) == 1 and heads[0].provisional and len(heads[0].groups) == 2
    assert gone(pending.pid)
    whole = open_corpus(OpenOptions(paths=[out], use_cache=False))
    assert [g.id for g in heads[0].groups] == [g.id for g in whole.groups[:2]]


async def test_the_app_shows_a_large_stores_first_screen_once_then_reads_the_rest(tmp_path, monkeypatch):
    import kzview.parquet as parquet
    from kzview.cli import main
    from kzview.tui.messages import PartialStore

    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "cache"))
    monkeypatch.setattr(parquet, "HEAD_MIN", 1)
    monkeypatch.setattr(parquet, "HEAD_GROUPS", 2)
    out = tmp_path / "store"
    assert main(["extract", str(SEEDS), "--out", str(out)]) == 0
    whole = open_corpus(OpenOptions(paths=[out], use_cache=False))
    heads: list = []
    head_read = parquet.read_head

    def counted(*args, **kwargs):
        heads.append(1)  # in this process: the app must not read the first screen again
        return head_read(*args, **kwargs)

    monkeypatch.setattr(parquet, "read_head", counted)
    seen: list = []

    class Watching(KzviewApp):
        def on_partial_store(self, message: PartialStore) -> None:
            seen.append(message.store)
            super().on_partial_store(message)

    app = Watching(
        paths=[out], use_cache=False, db=tmp_path / "v.db", prefetch=start({"paths": [out], "use_cache": False})
    )
    async with app.run_test(size=(120, 40)) as pilot:
        await settled(app, pilot)
        await pilot.pause()
        assert app.loaded and not app.store.provisional
        assert [c.id for c in app.store.claims] == [c.id for c in whole.claims]
    assert len(seen) == 1 and seen[0].provisional and not heads


def test_polling_twice_loses_no_first_screen(tmp_path, monkeypatch):
    """The child has sent its first screen and handed over before the app asks: a second poll finds the pipe at
    its end, and the first screen is still there for `result`."""
    import kzview.parquet as parquet
    from kzview.cli import main

    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "cache"))
    monkeypatch.setattr(parquet, "HEAD_MIN", 1)
    out = tmp_path / "store"
    assert main(["extract", str(SEEDS), "--out", str(out)]) == 0
    pending = start({"paths": [out], "use_cache": False})
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline:
        try:
            done, _ = os.waitpid(pending.pid, os.WNOHANG)
        except ChildProcessError:
            break
        if done:
            break  # the child is gone; its frames are in the pipe
        time.sleep(0.05)
    assert pending.poll() is None and pending.poll() is None
    heads: list = []
    assert pending.result(partial=heads.append) is None
    assert len(heads) == 1 and heads[0].provisional


def test_a_large_first_open_sends_its_articles_once_and_lets_the_provisional_store_go_first(monkeypatch):
    """A first open in parts: the articles frame comes first, every store after it is built on those very articles
    (they are not sent again), and the app is told before the whole store is read, after the provisional ones."""
    import kzview.store as store_module

    monkeypatch.setattr(store_module, "PARTIAL_MIN", 2)  # the forked child inherits it: the samples in parts
    events: list[tuple[str, object]] = []
    pending = start(options())
    store = pending.result(
        None,
        lambda articles, problems: events.append(("articles", articles)),
        lambda shown: events.append(("partial", shown)),
        lambda: events.append(("before", None)),
    )
    kinds = [kind for kind, _ in events]
    assert kinds[0] == "articles" and kinds.count("partial") == 2 and kinds[-1] == "before"
    sent = events[0][1]
    assert all(shown.articles is sent for kind, shown in events if kind == "partial")  # type: ignore[attr-defined]
    assert store is not None and store.articles is sent
    same_store(store, open_corpus(OpenOptions(**options())))


def test_a_store_built_on_articles_never_received_is_refused():
    import msgspec

    from kzview.prefetch import _carried, _store

    whole = open_corpus(OpenOptions(**options()))
    wire = _carried(whole, [whole.articles])
    assert wire["articles"] == [] and wire["sent_before"]
    payload = msgspec.msgpack.encode(wire)
    same_store(_store([payload], whole.articles), whole)
    with pytest.raises(ValueError):
        _store([payload])  # the app reads the corpus itself instead
    assert _carried(whole, [list(whole.articles)])["articles"] == whole.articles  # another list: sent whole


async def test_the_app_lets_the_provisional_store_go_before_the_whole_one_comes(monkeypatch):
    import kzview.store as store_module
    import kzview.tui.app as app_module
    from kzview.tui.messages import LetPartialGo

    monkeypatch.setattr(store_module, "PARTIAL_MIN", 2)
    monkeypatch.setattr(app_module, "_POLLS", 0)  # the worker's way: a small corpus is done within the polls
    shown_then: list[tuple[int, int, bool]] = []

    order: list[str] = []
    import kzview.prefetch as prefetch

    decode = prefetch._store

    def decoded(frame, sent=None):
        store = decode(frame, sent)
        if not store.provisional and len(store.claims) == len(open_corpus(OpenOptions(**options())).claims):
            order.append("whole decoded")
        return store

    monkeypatch.setattr(prefetch, "_store", decoded)

    class Watching(KzviewApp):
        def on_let_partial_go(self, message: LetPartialGo) -> None:
            super().on_let_partial_go(message)
            order.append("let go")
            shown_then.append((len(self.store.articles), len(self.store.claims), self.store.provisional))

    app = Watching(use_cache=False, prefetch=start(options()))
    async with app.run_test(size=(120, 40)) as pilot:
        await settled(app, pilot)
        await pilot.pause()
        assert app.loaded and not app.store.provisional and app.store.claims
        same_store(app.store, open_corpus(OpenOptions(**options())))
    assert shown_then == [(5, 0, True)]  # the articles stay shown; the figures read so far go
    assert order[:2] == ["let go", "whole decoded"]  # and they go before the whole store is decoded

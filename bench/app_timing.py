"""Run one app headless in this process and print its timings as JSON (used by bench/run.py).

    python bench/app_timing.py kzview|bare CORPUS [--keys]

first_frame: process start to the first frame the app draws. loaded: to all claims loaded (kzview) or to the
widgets filled (bare). Key latency: from posting a key to the frame that shows its effect, measured by hooking
App._display (the point where Textual hands a frame to the terminal), so Pilot's own idle wait is not counted.
"""

from __future__ import annotations

import time

T0 = time.perf_counter()

import asyncio  # noqa: E402
import json  # noqa: E402
import resource  # noqa: E402
import statistics  # noqa: E402
import sys  # noqa: E402
from pathlib import Path  # noqa: E402

from textual import events  # noqa: E402

KEY_SAMPLES = 41  # a frame waits for the next screen update (up to 1/60 s): the median of many, not a few
from textual.app import App, ComposeResult  # noqa: E402
from textual.containers import Horizontal, VerticalScroll  # noqa: E402
from textual.widgets import DataTable, Footer, Header, OptionList, Static  # noqa: E402


class FrameClock:
    """Mixin: remember when each frame is drawn."""

    frames: list[float]

    def _display(self, screen, renderable) -> None:
        if renderable is not None:
            self.frames.append(time.perf_counter())
            ev = getattr(self, "frame_event", None)
            if ev is not None:
                ev.set()
        super()._display(screen, renderable)  # type: ignore[misc]


class BareApp(FrameClock, App):
    """The same three widgets, filled with the same number of rows, and nothing else."""

    def __init__(self, folder: Path) -> None:
        super().__init__()
        self.frames = []
        self.folder = folder
        self.loaded_at: float | None = None

    def compose(self) -> ComposeResult:
        yield Header()
        with Horizontal():
            yield OptionList(id="articles")
            with VerticalScroll(id="article"):
                yield Static(id="article-text", markup=False)
            yield DataTable(id="groups", cursor_type="row")
        yield Footer()

    def on_mount(self) -> None:
        files = sorted(p for p in self.folder.rglob("*") if p.suffix in (".txt", ".md"))
        self.query_one(OptionList).add_options([f.stem for f in files])
        # a text long enough to scroll, as kzview's article pane is
        self.query_one("#article-text", Static).update("\n\n".join(f.read_text(encoding="utf-8") for f in files[:6]))
        table = self.query_one(DataTable)
        table.add_columns("status", "what", "figures", "n")
        table.add_rows([("conflict", f"topic {i}", "a: 1  b: 2", "2") for i in range(min(len(files), 4000))])
        self.loaded_at = time.perf_counter()
        self.query_one(OptionList).focus()


async def measure(app: App, keys: bool, loaded) -> dict:
    out: dict = {}
    async with app.run_test(size=(160, 45), headless=True) as pilot:
        deadline = time.perf_counter() + 1200  # a cold open of 10,000 articles takes over 30 s: wait it out
        while not loaded() and time.perf_counter() < deadline:
            await asyncio.sleep(0.05)
        if not loaded():
            raise SystemExit("the app did not finish loading in 20 minutes")
        await pilot.pause()
        out["first_frame_s"] = (app.frames[0] - T0) if app.frames else None
        out["loaded_s"] = (loaded() or time.perf_counter()) - T0
        out["peak_rss_mb"] = peak_mb()
        if keys:
            out["keys"] = {}
            for pane, key in (("articles", "down"), ("article", "down"), ("groups", "down")):
                await focus(app, pane)
                await pilot.pause()
                samples = []
                for i in range(KEY_SAMPLES):
                    # five steps down, five back up: every key moves something, however short the article
                    step = key if (i // 5) % 2 == 0 else "up"
                    app.frame_event = asyncio.Event()  # type: ignore[attr-defined]
                    t = time.perf_counter()
                    app.post_message(events.Key(step, None))
                    try:
                        await asyncio.wait_for(app.frame_event.wait(), 5)  # type: ignore[attr-defined]
                        samples.append((time.perf_counter() - t) * 1000)
                    except TimeoutError:
                        samples.append(5000.0)
                    await pilot.pause()
                out["keys"][f"{pane}:{key}"] = statistics.median(samples)
    return out


def peak_mb() -> float:
    """This process's peak resident memory. VmHWM, not ru_maxrss: the latter keeps the forking parent's peak."""
    try:
        for line in Path("/proc/self/status").read_text().splitlines():
            if line.startswith("VmHWM:"):
                return int(line.split()[1]) / 1024
    except OSError:
        pass
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


async def focus(app: App, pane: str) -> None:
    target = {"articles": "#articles", "article": "#article", "groups": "#groups"}[pane]
    store = getattr(app, "store", None)
    if pane == "article" and store is not None and store.articles:
        app.main.article_id = max(store.articles, key=lambda a: len(a.text)).id  # one long enough to scroll
    app.query_one(target).focus()


def main() -> None:
    kind, corpus = sys.argv[1], Path(sys.argv[2])
    keys = "--keys" in sys.argv
    if kind == "bare":
        app = BareApp(corpus)
        result = asyncio.run(measure(app, keys, lambda: app.loaded_at))
    else:
        from kzview.tui.app import KzviewApp

        class TimedKzview(FrameClock, KzviewApp):
            pass

        db = Path(sys.argv[sys.argv.index("--db") + 1]) if "--db" in sys.argv else None
        prefetch = None
        if "--prefetch" in sys.argv:
            # as `kzview CORPUS` starts: the corpus opened in a second process (kzview.prefetch), the app's worker
            # waiting for its store; this process is the app's
            from kzview.prefetch import start

            prefetch = start({"paths": [corpus], "db": db, "use_cache": True, "stories": True})
        app = TimedKzview(paths=[corpus], db=db, prefetch=prefetch)
        app.frames = []
        state: dict = {}

        def loaded() -> float | None:
            if app.loaded and "t" not in state:
                state["t"] = time.perf_counter()
            return state.get("t")

        result = asyncio.run(measure(app, keys, loaded))
        if prefetch is not None:
            # the child that opened the corpus (and its extraction workers), waited for: the largest of them
            result["child_peak_rss_mb"] = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
    print(json.dumps(result))


if __name__ == "__main__":
    main()

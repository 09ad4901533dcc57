"""The kzview terminal app: it wires the main screen (three panes over one ClaimStore) to the corpus.

Data flows one way: the store is built in a worker thread; the app tells the main screen (kzview.tui.screens.main)
what changed in typed messages (kzview.tui.messages: the store loaded, a verdict changed), and the screen tells
its panes, which redraw what concerns them. The selection (article, group) lives on the main screen. The app
keeps what outlives a screen: loading and watching the corpus, the verdict database, corrections, reports, the
keymap. Nothing here computes claims or groups.
"""

from __future__ import annotations

import datetime as dt
import os
import sys
import threading
import tomllib
from pathlib import Path
from typing import TYPE_CHECKING

from textual import on, work
from textual.app import App
from textual.binding import Binding
from textual.worker import Worker, WorkerState

from kzview.claimstore import ClaimStore
from kzview.safe import one_line
from kzview.tui.commands import KzviewCommands
from kzview.tui.messages import (
    ArticlesRead,
    CorpusChanged,
    CorrectionWanted,
    JumpToClaim,
    LetPartialGo,
    LoadProgress,
    MergeWanted,
    PartialStore,
    StoreLoaded,
    VerdictChanged,
    VerdictWanted,
)
from kzview.tui.screens.help import HelpScreen
from kzview.tui.screens.main import MainScreen
from kzview.words import count_words

if TYPE_CHECKING:
    from rich.console import RenderableType
    from textual.timer import Timer

    from kzview.cache import ClaimCache
    from kzview.ingest import ReadMemo
    from kzview.model import Article, Verdict
    from kzview.prefetch import Prefetch

NARROW = 110  # below this many columns, one pane at a time


def keymap_path() -> Path:
    if os.environ.get("KZVIEW_KEYS"):
        return Path(os.environ["KZVIEW_KEYS"])
    base = os.environ.get("XDG_CONFIG_HOME") or str(Path.home() / ".config")
    return Path(base) / "kzview" / "keys.toml"


_WORKER_FAILURES = {
    "load": "Loading failed",
    "watch": "Watching the folder stopped",
    "search": "Search failed",
}


def own_bindings(cls: type) -> list[Binding]:
    """The keys a kzview class declares, its own and its kzview bases' (a mixin's j/k), never Textual's."""
    out: list[Binding] = []
    for k in reversed(cls.__mro__ if getattr(cls, "_inherit_bindings", True) else (cls,)):
        if k.__module__.startswith("kzview.") and "BINDINGS" in k.__dict__:
            for b in k.__dict__["BINDINGS"]:
                if isinstance(b, Binding) and all(b.key != o.key for o in out):
                    out.append(b)
    return out


_POLL_EVERY, _POLLS = 0.01, 15  # a second process's store asked for on the app's thread: every 10 ms, 150 ms at most


class KzviewApp(App[int]):
    CSS_PATH = Path(__file__).parent / "app.tcss"  # absolute, so subclasses elsewhere find it too
    TITLE = "kzview"
    COMMANDS = App.COMMANDS | {KzviewCommands}
    BINDINGS = [
        Binding("q", "quit", "Quit", id="app.quit", tooltip="Leave kzview (verdicts are already saved)"),
        Binding("question_mark,f1", "help", "Help", id="app.help", tooltip="Show every key"),
        Binding("slash", "search", "Search", id="app.search", tooltip="Search article text and figures"),
        Binding("z,ctrl+z", "undo", "Undo", id="app.undo", tooltip="Take back the last verdict you set"),
        Binding("w", "export('md')", "Report", id="app.export", tooltip="Write the Markdown triage report to a file"),
        Binding(
            "exclamation_mark",
            "toggle_problems",
            "Problems",
            id="app.problems",
            show=False,
            tooltip="The files not read as articles, each with its reason",
        ),
        Binding(
            "C",
            "corrections",
            "Corrections",
            id="app.corrections",
            show=False,
            tooltip="Every correction set on this corpus: who, when, why, and where it stands now",
        ),
        Binding(
            "e",
            "entities",
            "Entities",
            id="app.entities",
            show=False,
            tooltip="Who the articles name, under which spellings, in which articles",
        ),
        Binding(
            "t",
            "stories",
            "Stories",
            id="app.stories",
            tooltip="The corpus's stories (its folders, story fields, or what its reports name): show one, or all",
        ),
    ]
    # Below NARROW columns the screen gets the class -narrow and shows one pane at a time (app.tcss).
    HORIZONTAL_BREAKPOINTS = [(0, "-narrow"), (NARROW, "-wide")]

    def __init__(
        self,
        paths: list[Path] | None = None,
        lexicon: Path | None = None,
        qualifiers: Path | None = None,
        max_bytes: int = 50 * 1024 * 1024,
        store: ClaimStore | None = None,
        db: Path | None = None,
        watch: bool = False,
        use_cache: bool = True,
        db_also: list[Path] | None = None,
        prefetch: Prefetch | None = None,
        stories: bool = True,
    ) -> None:
        super().__init__()
        self.stories = stories  # False: every article of one story (`--one-story`)
        self._stop_reads = False  # set as the app leaves: a read in this process stops at its next part
        self._prefetch = prefetch  # the corpus being read in a second process (kzview.prefetch), for the first load
        self._prefetch_started = prefetch  # kept to stop it when the app closes before it is done
        self.db_also = list(db_also or [])  # other databases of this corpus, shown read-only (kzview.verdicts)
        self.use_cache = use_cache
        self.busy_timeout = 1.0  # the app waits this long for a locked database, then retries in the background
        self.paths = paths
        self.lexicon = lexicon
        self.qualifiers = qualifiers
        self.max_bytes = max_bytes
        self.db = db
        self.watch_files = watch
        self._stop_watching = threading.Event()
        self._known: dict[tuple[str, str], Article] = {}
        self._memory_cache: ClaimCache | None = None  # claims kept for this session when there is no database
        self._read_memo: ReadMemo | None = None  # watch mode: what each file gave, so a reload reads what changed
        self.store = ClaimStore()
        self._prebuilt = store
        self.loaded = False
        self.main = MainScreen(self.store)
        self._retry_timer: Timer | None = None
        self._pending: list[tuple[str, str, str, str]] = []  # verdicts typed while the database was locked
        self._load_keymap()

    def _load_keymap(self) -> None:
        """Remapped keys from ~/.config/kzview/keys.toml: `"app.quit" = "ctrl+q"` (binding id = keys)."""
        path = keymap_path()
        if not path.is_file():
            return
        try:
            data = tomllib.loads(path.read_text(encoding="utf-8"))
            keymap = {str(k): str(v) for k, v in data.get("keys", data).items() if isinstance(v, str)}
            self.set_keymap(keymap)
        except (OSError, ValueError) as exc:
            self.call_later(self.notify, one_line(f"{path}: {exc}"), severity="warning", markup=False)

    # -- wiring ---------------------------------------------------------------------------------------------
    def get_default_screen(self) -> MainScreen:
        return self.main

    def on_mount(self) -> None:
        # the store's two notices become the messages the main screen passes on to its panes
        self.store.subscribe(self._on_store_changed)
        self.store.subscribe_verdicts(self._on_verdict)
        self.sub_title = "reading articles…"
        ready = self._prefetch.poll() if self._prefetch is not None else None
        if ready is not None:  # read in a second process while the app started: its rows are in the first frame
            self._prefetch = None
            self.store.replace(ready)
        elif self._prebuilt is not None:
            self.store.replace(self._prebuilt)
        elif self._prefetch is not None and _POLLS > 0:
            # a second open is often done a moment after the first frame: asked again on this thread for a
            # little while (taken here, its rows are in the next frame; the worker's way took a frame or two
            # more), then the worker waits for the rest
            self._polls = 0
            self.set_timer(_POLL_EVERY, self._poll_again)
        else:
            # the worker imports reading, extraction and comparison while the first frame is drawn: the app's
            # own modules import none of them (kzview.kinds, kzview.claimstore, kzview.places)
            self.load_store()

    def _poll_again(self) -> None:
        pending = self._prefetch
        if pending is None or self.loaded:
            return
        ready = pending.poll()
        if ready is not None:
            self._prefetch = None
            self.store.replace(ready)
            return
        self._polls += 1
        if self._polls < _POLLS and not self._stop_reads:
            self.set_timer(_POLL_EVERY, self._poll_again)
        else:
            self.load_store()

    def exit(self, result: int | None = None, return_code: int = 0, message: RenderableType | None = None) -> None:
        """Leave; a corpus still being read in a second process is stopped first (the worker waiting for it would
        otherwise keep the app from closing until the read is done)."""
        self._stop_reads = True  # a claim store being read in this process stops at its next part
        if self._prefetch_started is not None:
            self._prefetch_started.kill()
        super().exit(result, return_code, message)

    @work(thread=True, exclusive=True, exit_on_error=False, group="load")
    def load_store(self) -> ClaimStore | None:
        def progress(done: int, total: int) -> None:
            self.post_message(LoadProgress(done, total))  # never waits for the screen: loading goes on

        def articles(read: list[Article], problems: list) -> None:
            self.post_message(ArticlesRead(read, problems))  # shown while their figures are extracted

        told = False  # a provisional store was shown (never kept here: the pane holds it while it is shown)

        def partial(shown: ClaimStore) -> None:
            nonlocal told
            told = True
            self.post_message(PartialStore(shown))  # the figures read so far, while the rest are read

        def before_store() -> None:
            # the whole store is about to come: the provisional one shown is let go first (the two at once
            # were the app's peak of memory on a first open), waiting a little for the screen to take it
            if told and not self.loaded:
                gone = threading.Event()
                if not self.post_message(LetPartialGo(gone)):
                    return  # the app is closing: nobody to let it go
                for _ in range(20):  # at most two seconds, and not a moment once the app is closing
                    if gone.wait(0.1) or self._stop_reads:
                        return

        pending, self._prefetch = self._prefetch, None
        if pending is not None:
            store = pending.result(progress, articles, partial, before_store)
            if store is not None:
                return store
            if pending.cancelled:
                return None  # stopped because the app is closing: nothing to read again
            # else the child gave no answer (it died, or what it sent does not decode): read here, as without it
        from kzview.opening import OpenOptions, open_corpus

        if self.watch_files and self._memory_cache is None:
            from kzview.cache import ClaimCache

            self._memory_cache = ClaimCache()  # claims kept for this session when there is no database

        vs = self.store.verdict_store
        try:
            corrections = vs.corrections() if vs is not None else None
        except Exception:  # noqa: BLE001 - a damaged table: open_corpus reads it again and names the problem
            corrections = None
        return open_corpus(
            OpenOptions(
                paths=self.paths,
                lexicon=self.lexicon,
                qualifiers=self.qualifiers,
                max_bytes=self.max_bytes,
                # derived data lives under the cache directory; a store the app was handed (tests) has no db
                use_cache=self.use_cache and self.db is not None,
                db=self.db,
                db_also=self.db_also,
                corrections=corrections,
                memo=self._memo(),
                known=self._known,
                fallback_cache=self._memory_cache,
                stories=self.stories,
                on_articles=None if self.loaded else articles,
                # not twice: a claim store's first screen the second process sent is shown already
                on_partial=None if self.loaded or told else partial,
                cancelled=lambda: self._stop_reads,  # a store's read stops between parts when the app closes
            ),
            progress,
        )

    # -- watch mode ------------------------------------------------------------------------------------------
    @work(thread=True, exclusive=True, exit_on_error=False, group="watch")
    def watch_corpus(self) -> None:
        """Watch the corpus folders; each batch of changes reloads through the caches, so only new and changed
        files are read, cleaned and extracted again. A folder that disappears is said, watched for, and read
        again when it returns."""
        import watchfiles

        from kzview.ingest.files import SIDECARS, SUPPORTED

        roots = [p for p in (self.paths or []) if str(p) != "-" and p.exists()]
        if not roots:
            return

        def relevant(change: watchfiles.Change, path: str) -> bool:
            name = Path(path).name
            if name.startswith((".", "kzview-report-")):
                return False  # hidden files, and the reports this app writes (never articles)
            return Path(path).suffix.lower() in SUPPORTED or name in SIDECARS

        gone: set[Path] = set()
        while not self._stop_watching.is_set():
            missing = {r for r in roots if not r.exists()}
            for r in sorted(missing - gone):
                self.call_from_thread(self._folder_gone, r)
            for r in sorted(gone - missing):
                self.call_from_thread(self._folder_back, r)
            gone = missing
            present = [r for r in roots if r not in missing]
            if not present:
                self._stop_watching.wait(0.5)
                continue
            for changes in watchfiles.watch(
                *present,
                watch_filter=relevant,
                stop_event=self._stop_watching,
                debounce=300,
                step=50,
                rust_timeout=500,
                yield_on_timeout=True,
                raise_interrupt=False,
            ):
                if changes:
                    self.post_message(CorpusChanged(sorted((c.name, p) for c, p in changes)))
                if any(not r.exists() for r in present) or any(r.exists() for r in missing):
                    break  # a folder went or came back: watch the folders that are there now

    def _memo(self) -> ReadMemo | None:
        if self.watch_files and self._read_memo is None:
            from kzview.ingest import ReadMemo

            self._read_memo = ReadMemo()
        return self._read_memo

    def _folder_gone(self, root: Path) -> None:
        self.notify(
            one_line(f"{root} is gone; kzview keeps what it read and reads it again when it comes back"),
            title="Corpus folder missing",
            severity="warning",
            markup=False,
            timeout=15,
        )

    def _folder_back(self, root: Path) -> None:
        self.notify(one_line(f"{root} is back; reading it again"), title="Corpus folder", markup=False, timeout=8)
        memo = self._memo()
        if memo is not None:
            memo.changed.add(str(root))
        self.load_store()

    @on(CorpusChanged)
    def _files_changed(self, event: CorpusChanged) -> None:
        changes = event.changes
        if any(str(p) != "-" and not p.exists() for p in self.paths or []):
            return  # the folder itself went (its files' deletions come first): kept as read, said by _folder_gone
        names: dict[str, list[str]] = {"added": [], "modified": [], "deleted": []}
        for kind, path in changes:
            names.setdefault(kind, []).append(Path(path).name)
        parts = [f"{len(v)} {k}: {', '.join(sorted(v)[:4])}{' …' if len(v) > 4 else ''}" for k, v in names.items() if v]
        self.notify(one_line("; ".join(parts), 300), title="Articles changed", markup=False, timeout=8)
        memo = self._memo()
        if memo is not None:
            memo.changed.update(path for _, path in changes)
        self.load_store()

    def on_unmount(self) -> None:
        self._stop_watching.set()
        self._close_verdicts()

    def _close_verdicts(self) -> None:
        """On every way out (quit, ctrl+c, a signal Textual turns into an exit): the verdict file complete."""
        if self._pending:
            self._retry_pending()
            self._rescue_pending()
            self._pending = []
        vs = self.store.verdict_store
        if vs is not None:
            self.store.verdict_store = None
            try:
                vs.close()
            except Exception:  # noqa: BLE001 - already closed, or the disk went away: nothing left to save
                pass

    def on_load_progress(self, message: LoadProgress) -> None:
        if not self.loaded:
            if self.store.provisional and message.done >= message.total:
                # every figure read: comparison and the cache's snapshot are what is left
                self.sub_title = (
                    f"{count_words(len(self.store.articles), 'article')} · comparing all their figures… "
                    "· the conflict table is provisional until then"
                )
            elif self.store.provisional:
                self.sub_title = (
                    f"{count_words(len(self.store.articles), 'article')} · reading their figures… "
                    f"{message.done:,} of {message.total:,} · the conflict table is provisional until all are read"
                )
            else:
                self.sub_title = f"reading articles… {message.done:,} of {message.total:,} ready"

    def on_partial_store(self, message: PartialStore) -> None:
        """A large first open: the figures read so far and their groups, provisional, while the rest are read."""
        if self.loaded:
            return
        message.store.provisional = True
        self.store.replace(message.store)

    def on_let_partial_go(self, message: LetPartialGo) -> None:
        """The whole store of a large first open is about to be read: the provisional figures shown go (their
        articles stay), so that the two are never held at once."""
        try:
            if not self.loaded and self.store.provisional and self.store.claims:
                shown = ClaimStore(articles=self.store.articles, problems=self.store.problems)
                shown.provisional = True
                self.store.replace(shown)
                self.sub_title = f"{count_words(len(shown.articles), 'article')} · taking in all their figures…"
        finally:
            message.done.set()

    def on_articles_read(self, message: ArticlesRead) -> None:
        """A first open: the articles at once, their figures and the conflict table when extraction is done."""
        if self.loaded or not message.articles:
            return
        partial = ClaimStore(articles=message.articles, problems=message.problems)
        partial.provisional = True
        self.store.replace(partial)

    def _open_verdicts(self) -> None:
        from kzview.verdicts import VerdictStore

        if self.db is None or self.store.verdict_store is not None:
            return
        try:
            vs = VerdictStore(self.db, busy_timeout=self.busy_timeout, also_read=self.db_also)
            self.store.attach_verdicts(vs)
        except Exception as exc:  # noqa: BLE001 - the app works without verdicts, and says why
            self.notify(
                one_line(f"Verdicts cannot be saved: {self.db}: {exc}"), severity="error", markup=False, timeout=30
            )
            return
        if vs.read_only_sources:
            shown = ", ".join(str(p) for p in vs.read_only_sources)
            self.notify(
                one_line(f"Verdicts from {shown} are shown read-only; new ones are saved in {self.db}"),
                title="Verdicts in two places",
                markup=False,
                timeout=12,
            )

    @on(Worker.StateChanged)
    def _worker_changed(self, event: Worker.StateChanged) -> None:
        """The one place a worker's outcome reaches the user: a loaded store replaces the shown one; any worker's
        failure (loading, watching, searching, …) is said, never swallowed."""
        group = event.worker.group
        if event.state == WorkerState.SUCCESS and group == "load" and isinstance(event.worker.result, ClaimStore):
            self.store.replace(event.worker.result)
        elif event.state == WorkerState.ERROR:
            what = _WORKER_FAILURES.get(group, f"{group or 'A task'} failed")
            if group == "load":
                if self.store.provisional:
                    # the articles stay shown; their figures could not be read: no longer "still being read"
                    self.store.provisional = False
                    self.main.post_message(StoreLoaded(False))
                    self.sub_title = "the articles' figures could not be read"
                else:
                    self.sub_title = "could not read the articles"
            self.notify(one_line(f"{what}: {event.worker.error!r}"), severity="error", markup=False, timeout=30)

    def _on_store_changed(self, store: ClaimStore) -> None:
        if store.provisional:
            # the articles (and the figures read so far): the panes show them; the load, its verdicts and its
            # stories come with the rest
            figures = store.figures
            so_far = f" · {count_words(figures, 'figure')} so far, provisional" if store.claims else ""
            if store.articles_unread:
                # a large store's first screen: the articles it shows, of all there are
                # "provisional" first: at 80 columns the title keeps its first 60 characters
                shown = f"{len(store.articles):,} of {count_words(store.articles_total, 'article')} shown, provisional"
                self.sub_title = f"{shown} · {count_words(figures, 'figure')} so far · reading the rest…"
            else:
                self.sub_title = f"{count_words(len(store.articles), 'article')}{so_far} · reading their figures…"
            self.main.post_message(StoreLoaded(False))
            return
        self._open_verdicts()
        first_load = not self.loaded
        self.loaded = True
        if self.watch_files:  # what a reload need not clean again
            self._known = {(a.id, a.text): a for a in store.articles}
            if first_load:
                self.watch_corpus()
        stories = store.story_counts()
        if first_load and stories:
            if len(self.screen_stack) > 1:  # a dialog the user opened meanwhile keeps the keys
                self.notify(f"{count_words(len(stories), 'story', 'stories')}: t lists them.", markup=False)
            else:
                self.call_after_refresh(self.action_stories)  # a corpus of many stories opens on its story list
        elif not stories and self.main.story_key() is not None:
            self.main.show_story(None)  # a reload left one story: every article again
        self._set_title(store)
        # Files that are not articles (a MANIFEST.tsv, a README) are said once in the title, never as toasts
        # over the reason pane; files that should have been articles and failed are shown, a few at most.
        failed = [p for p in store.problems if "unsupported file type" not in p.reason]
        for p in failed[:3]:
            self.notify(
                one_line(f"{p.path}: {p.reason}", 300),
                title="Could not read",
                severity="warning",
                markup=False,
                timeout=8,
            )
        if len(failed) > 3:
            self.notify(f"{len(failed) - 3} more files could not be read", severity="warning", markup=False)
        orphans = store.orphaned_verdicts()
        if orphans:
            self.notify(
                f"{len(orphans)} verdicts judge figures no longer in the articles; they are kept and listed in "
                "the report.",
                severity="warning",
                markup=False,
                timeout=15,
            )
        if not store.articles:
            self.notify("No article could be read.", severity="error", markup=False, timeout=30)
        self.main.post_message(StoreLoaded(first_load))

    def _set_title(self, store: ClaimStore) -> None:
        counts = store.counts()
        figures = store.figures
        parts = [
            count_words(len(store.articles), "article"),
            count_words(figures, "figure"),
            count_words(counts["conflict"], "conflict"),
            count_words(counts["update"], "update"),
            f"{counts['consistent']:,} agree",
        ]
        stories = store.story_counts()
        if stories:
            shown = self.main.story_key()
            row = next((r for r in stories if r.key == shown), None)
            if row is None:
                parts.insert(0, f"{count_words(len(stories), 'story', 'stories')} (t)")
            else:
                name = row.story if row.story is not None else "(not in a folder)"
                parts[:3] = [
                    f"story {one_line(name, 40)} (t)",
                    count_words(row.articles, "article"),
                    count_words(row.figures, "figure"),
                    count_words(row.conflicts, "conflict"),
                ]
                del parts[4:]
        skipped = sum(1 for p in store.problems if "unsupported file type" in p.reason)
        if skipped:
            parts.append(f"{count_words(skipped, 'other file')} skipped (! lists them)")
        self.sub_title = " · ".join(parts)

    def _on_verdict(self, v: Verdict) -> None:
        """A verdict changed: every screen that shows verdicts (the main one, an open evidence screen) is told."""
        for screen in self.screen_stack:
            screen.post_message(VerdictChanged(v.target_kind, v.target_id))

    # -- what screens ask for ----------------------------------------------------------------------------
    @on(JumpToClaim)
    def _jump_wanted(self, event: JumpToClaim) -> None:
        self.main.jump_to_claim(event.claim_id)

    @on(VerdictWanted)
    def _verdict_wanted(self, event: VerdictWanted) -> None:
        self.ask_verdict(event.kind, event.target_id)

    # -- verdicts -------------------------------------------------------------------------------------------
    def ask_verdict(self, kind: str, target_id: str) -> None:
        from kzview.tui.screens.verdict import VerdictScreen

        if self.store.verdict_store is None:
            self.notify("No verdict database is open; verdicts cannot be saved.", severity="error", markup=False)
            return
        label = self.store.label(kind, target_id, figures=8)
        short = self.store.label(kind, target_id, figures=2)

        def save(result: tuple[str, str] | None) -> None:
            if result is None:
                return
            verdict, note = result
            if self._save_verdict(kind, target_id, verdict, note):
                self.notify(one_line(f"{verdict}: {short}", 200), title="Verdict saved", markup=False)

        heading = "A group of figures" if kind == "group" else "A figure"
        self.push_screen(VerdictScreen(heading, label, self.store.verdict(kind, target_id)), save)

    def _save_verdict(self, kind: str, target_id: str, verdict: str, note: str) -> bool:
        """Save now, or keep what was typed and retry in the background: a locked database (another program
        holding it) never discards a verdict or its note."""
        import sqlite3

        try:
            self.store.set_verdict(kind, target_id, verdict, note)
            return True
        except sqlite3.OperationalError as exc:
            if "locked" not in str(exc) and "busy" not in str(exc):
                self.notify(one_line(f"Verdict not saved: {exc}"), severity="error", markup=False, timeout=20)
                return False
            self._pending.append((kind, target_id, verdict, note))
            self.notify(
                "The verdict database is locked by another program: your verdict and note are kept and will be "
                "saved as soon as it is free.",
                severity="warning",
                markup=False,
                timeout=10,
            )
            if self._retry_timer is None:
                self._retry_timer = self.set_interval(2.0, self._retry_pending)
            return False
        except Exception as exc:  # noqa: BLE001 - a full disk or an odd file must not lose the app
            self.notify(one_line(f"Verdict not saved: {exc}"), severity="error", markup=False, timeout=20)
            return False

    def _retry_pending(self) -> None:
        import sqlite3

        while self._pending:
            kind, target_id, verdict, note = self._pending[0]
            try:
                self.store.set_verdict(kind, target_id, verdict, note)
            except sqlite3.OperationalError:
                return  # still locked: next tick
            except Exception as exc:  # noqa: BLE001
                self.notify(one_line(f"Verdict not saved: {exc}"), severity="error", markup=False, timeout=20)
            self._pending.pop(0)
            self.notify(one_line(f"Saved after the lock: {verdict} on {kind}"), markup=False)
        if self._retry_timer is not None:
            self._retry_timer.stop()
            self._retry_timer = None

    def _rescue_pending(self) -> None:
        """Leaving with verdicts the database never took: written beside it, never lost."""
        if not self._pending or self.db is None:
            return
        import json

        rescue = self.db.with_name(self.db.name + ".unsaved.json")
        rows = [{"kind": k, "target": t, "verdict": v, "note": n} for k, t, v, n in self._pending]
        try:
            rescue.write_text(json.dumps(rows, ensure_ascii=False, indent=1), encoding="utf-8")
            print(
                f"kzview: {len(rows)} verdicts could not be saved (database locked); kept in {rescue}", file=sys.stderr
            )
        except OSError:
            print(f"kzview: {len(rows)} verdicts could not be saved: {rows}", file=sys.stderr)

    @on(MergeWanted)
    def _merge(self, event: MergeWanted) -> None:
        """Two groups that measure one thing: each figure of the other group is corrected to read as the kept
        group does (topic, subject, place, measure, event), as the user's work, one correction per figure."""
        import getpass
        import os

        from kzview.corrections import merge_changes
        from kzview.tui.widgets.conflict_table import what_words
        from kzview.verdicts import anchor

        vs = self.store.verdict_store
        into, other = self.store.group_by_id.get(event.into), self.store.group_by_id.get(event.other)
        if vs is None or into is None or other is None:
            self.notify("No verdict database is open; corrections cannot be saved.", severity="error", markup=False)
            return
        if into.story != other.story:
            self.notify("These groups are of two stories: figures are compared within a story.", markup=False)
            return
        who = os.environ.get("KZVIEW_AUTHOR") or getpass.getuser()
        note = f"merged into the group of {what_words(into)}"
        items = [
            ("claim", claim.id, changes, note, who, anchor([claim]))
            for claim, changes in merge_changes(into, self.store.group_claims(other.id))
        ]
        try:
            n = len(vs.add_corrections(items))  # one step: z takes the whole merge back
        except Exception as exc:  # noqa: BLE001 - a locked or full database must not lose the app
            self.notify(one_line(f"Merge not saved: {exc}"), severity="error", markup=False, timeout=20)
            return
        what = f"{what_words(other)} into {what_words(into)}"
        self.notify(one_line(f"Merged {what}: {n} figures corrected — z undoes the merge", 200), markup=False)
        self.load_store()

    @on(CorrectionWanted)
    def _correct(self, event: CorrectionWanted) -> None:
        """A correction is the user's work: saved at once, then the corpus is read again with it on top."""
        import getpass
        import json
        import os

        from kzview.tui.screens.correct import changes_words
        from kzview.verdicts import anchor

        vs = self.store.verdict_store
        claim = self.store.claim_by_id.get(event.claim_id)
        if vs is None or (claim is None and event.missed is None):
            self.notify("No verdict database is open; corrections cannot be saved.", severity="error", markup=False)
            return
        who = os.environ.get("KZVIEW_AUTHOR") or getpass.getuser()
        try:
            if event.missed is not None:
                aid, start, end = event.missed
                text = self.store.article_by_id[aid].text
                where = json.dumps([[aid, start, end, text[start:end], ""]], ensure_ascii=False)
                vs.add_correction("missed", "", event.changes, event.note, who, where)
                said = f"Added: {text[start:end]} ({changes_words(event.changes)})"
            else:
                assert claim is not None
                vs.add_correction("claim", claim.id, event.changes, event.note, who, anchor([claim]))
                said = f"{claim.surface}: {changes_words(event.changes)}"
        except Exception as exc:  # noqa: BLE001 - a locked or full database must not lose the app
            self.notify(one_line(f"Correction not saved: {exc}"), severity="error", markup=False, timeout=20)
            return
        self.notify(one_line(f"{said} — z undoes it", 200), title="Corrected", markup=False)
        self.load_store()

    def action_undo(self) -> None:
        if not self.loaded:
            self.notify("The figures are still being read: nothing has been set to undo.", markup=False)
            return
        v = self.store.undo_verdict()
        if v is None:
            self.notify("Nothing to undo.", markup=False)
            return
        if v.target_kind == "correction":
            n = v.target_id.count(",") + 1
            self.notify("Correction undone." if n == 1 else f"{n} corrections undone (one merge).", markup=False)
            self.load_store()
            return
        what = "cleared" if v.cleared else f"back to {v.verdict}"
        self.notify(one_line(f"Undone: {v.target_kind} verdict {what}"), markup=False)

    # -- search, export, entities ---------------------------------------------------------------------------
    def action_search(self) -> None:
        from kzview.tui.screens.search import SearchScreen

        if self.store.articles_unread:
            # a large store's first screen holds only the articles it shows: a search now would miss the rest
            self.notify("The articles are still being read: search when they are in.", markup=False)
            return

        def go(hit: tuple[str, str, int] | None) -> None:
            if hit is None:
                return
            kind, ident, offset = hit
            if kind == "claim":
                self.main.jump_to_claim(ident)
            else:
                self.main.show_text(ident, offset)

        self.push_screen(SearchScreen(self.store), go)

    def action_export(self, fmt: str = "md") -> None:
        from kzview.export import render
        from kzview.formats import EXPORT_FORMATS

        if not self.loaded:
            self.notify("The figures are still being read: the report can be written when they are.", markup=False)
            return
        suffix = EXPORT_FORMATS[fmt]
        stamp = dt.datetime.now().strftime("%Y%m%d-%H%M%S")
        folder = self.db.parent if self.db else Path.cwd()
        if not os.access(folder, os.W_OK):
            folder = Path.cwd()
        path = folder / f"kzview-report-{stamp}.{suffix}"
        try:
            author = os.environ.get("KZVIEW_AUTHOR") or "kzview user"
            review_url = os.environ.get("KZVIEW_REVIEW_URL") or ""
            path.write_text(render(self.store, fmt, author, review_url), encoding="utf-8")
        except OSError as exc:
            self.notify(one_line(f"Could not write {path}: {exc}"), severity="error", markup=False, timeout=20)
            return
        self.notify(one_line(f"Wrote {path}"), title="Report", markup=False, timeout=10)

    def action_entities(self) -> None:
        from kzview.tui.screens.entities import EntitiesScreen

        self.push_screen(EntitiesScreen(self.store.entities))

    def action_corrections(self) -> None:
        from kzview.tui.screens.history import CorrectionsScreen

        def go(claim_id: str | None) -> None:
            if claim_id:
                self.main.jump_to_claim(claim_id)

        self.push_screen(CorrectionsScreen(self.store), go)

    def action_stories(self) -> None:
        from kzview.tui.screens.stories import StoriesScreen

        if self.store.articles_unread:
            # a large store's first screen holds some of the articles: its stories' counts would be wrong
            self.notify("The articles are still being read: stories are listed when they are in.", markup=False)
            return

        self.push_screen(StoriesScreen(self.store, self.main.story_key()), self._story_chosen)

    def _story_chosen(self, key: str | None) -> None:
        if key is not None:
            self.main.show_story(key)
            self._set_title(self.store)

    def action_toggle_problems(self) -> None:
        from kzview.tui.screens.problems import ProblemsScreen

        self.push_screen(ProblemsScreen(list(self.store.problems)))

    # Keys of the main screen that must not act from behind a dialog: with the verdict dialog open, Tab moves to
    # its note and "w" is a letter of the note, never the report key.
    _MAIN_SCREEN_ACTIONS = frozenset("search undo export entities help toggle_problems corrections stories".split())

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        from textual.screen import ModalScreen

        if action in self._MAIN_SCREEN_ACTIONS and isinstance(self.screen, ModalScreen):
            return False
        if action == "stories":
            # a corpus of one story has no story list, nor a large store's first screen (it holds some of the
            # articles): the key is hidden
            return not self.store.articles_unread and bool(self.store.story_counts())
        return True

    def help_sections(self) -> list[tuple[str, list[Binding]]]:
        """Every key, from the bindings themselves: the app's and the main screen's, then each pane of the main
        screen that has keys (in the order they are on screen), then each dialog and screen of
        kzview.tui.screens (each class says its section's title in HELP_TITLE); nothing here lists them by hand."""
        import importlib
        import pkgutil

        from textual.screen import Screen

        import kzview.tui.screens as screens

        for module in pkgutil.iter_modules(screens.__path__):
            importlib.import_module(f"{screens.__name__}.{module.name}")
        sections: list[tuple[str, list[Binding]]] = [
            ("Everywhere", own_bindings(type(self)) + own_bindings(MainScreen))
        ]
        seen: set[type] = set()
        for widget in self.main.query("*"):
            cls = type(widget)
            if cls not in seen and getattr(cls, "HELP_TITLE", None):
                seen.add(cls)
                sections.append((cls.HELP_TITLE, own_bindings(cls)))  # type: ignore[attr-defined]

        def screen_classes(base: type) -> list[type]:
            subs: list[type] = base.__subclasses__()
            return [c for sub in subs for c in (sub, *screen_classes(sub))]

        for cls in screen_classes(Screen):
            if cls.__module__.startswith(screens.__name__) and getattr(cls, "HELP_TITLE", None):
                keys = [b for part in (cls, *getattr(cls, "HELP_ALSO", ())) for b in own_bindings(part)]
                sections.append((cls.HELP_TITLE, keys))  # type: ignore[attr-defined]
        sections.append(
            ("Command palette", [Binding("ctrl+p", "command_palette", "Every action by name, and the themes")])
        )
        return sections

    def action_help(self) -> None:
        self.push_screen(HelpScreen(self.help_sections()))

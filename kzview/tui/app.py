"""The kzview terminal app: three panes over one ClaimStore.

Data flows one way: the store is built in a worker thread, then every pane reads it. The selection (article,
group) lives on the App; panes are told of it and redraw. Nothing here computes claims or groups.
"""

from __future__ import annotations

from pathlib import Path

from textual import events, on, work
from textual.app import App, ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal
from textual.reactive import reactive
from textual.widgets import Footer, Header
from textual.worker import Worker, WorkerState

from kzview.safe import one_line
from kzview.store import ClaimStore
from kzview.tui.screens.help import HelpScreen
from kzview.tui.widgets.article_list import ArticleList
from kzview.tui.widgets.article_view import ArticleView
from kzview.tui.widgets.conflict_table import GroupsPane, GroupTable, ReasonPanel

NARROW = 110  # below this many columns, one pane at a time
PANES = ("articles", "article", "groups")


class KzviewApp(App[int]):
    CSS_PATH = "app.tcss"
    TITLE = "kzview"
    BINDINGS = [
        Binding("q", "quit", "Quit", id="app.quit", tooltip="Leave kzview"),
        Binding("question_mark,f1", "help", "Help", id="app.help", tooltip="Show every key"),
        Binding(
            "tab",
            "next_pane",
            "Next pane",
            id="app.next_pane",
            priority=True,
            tooltip="Move to the next pane (articles, article, groups)",
        ),
        Binding(
            "shift+tab",
            "prev_pane",
            "Prev pane",
            id="app.prev_pane",
            priority=True,
            show=False,
            tooltip="Move to the previous pane",
        ),
        Binding(
            "1", "pane('articles')", "Articles", id="app.pane_articles", show=False, tooltip="Go to the article list"
        ),
        Binding("2", "pane('article')", "Article", id="app.pane_article", show=False, tooltip="Go to the article text"),
        Binding("3", "pane('groups')", "Groups", id="app.pane_groups", show=False, tooltip="Go to the conflict table"),
        Binding(
            "right_square_bracket",
            "next_group('conflict')",
            "Next conflict",
            id="app.next_conflict",
            show=False,
            tooltip="Jump to the next conflict group and its figures",
        ),
        Binding(
            "e",
            "entities",
            "Entities",
            id="app.entities",
            tooltip="Who the articles name, under which spellings, in which articles",
        ),
    ]

    # Below NARROW columns the screen gets the class -narrow and shows one pane at a time (app.tcss).
    HORIZONTAL_BREAKPOINTS = [(0, "-narrow"), (NARROW, "-wide")]

    article_id: reactive[str | None] = reactive(None, init=False)
    group_id: reactive[str | None] = reactive(None, init=False)

    def __init__(
        self,
        paths: list[Path] | None = None,
        lexicon: Path | None = None,
        qualifiers: Path | None = None,
        max_bytes: int = 50 * 1024 * 1024,
        store: ClaimStore | None = None,
    ) -> None:
        super().__init__()
        self.paths = paths
        self.lexicon = lexicon
        self.qualifiers = qualifiers
        self.max_bytes = max_bytes
        self.store = ClaimStore()
        self._prebuilt = store
        self.loaded = False

    # -- layout ---------------------------------------------------------------------------------------------
    def compose(self) -> ComposeResult:
        yield Header()
        with Horizontal(id="main"):
            yield ArticleList(self.store, id="articles")
            yield ArticleView(self.store, id="article")
            yield GroupsPane(self.store, id="groups-pane")
        yield Footer()

    def on_mount(self) -> None:
        self.store.subscribe(self._on_store_changed)
        self.query_one("#articles", ArticleList).border_title = "Articles"
        self.query_one("#groups-pane", GroupsPane).border_title = "Conflicts"
        self.query_one("#article", ArticleView).loading = True
        self.query_one("#groups-pane", GroupsPane).loading = True
        self.sub_title = "reading articles…"
        self.query_one("#groups-pane").add_class("-active")
        if self._prebuilt is not None:
            self.store.replace(self._prebuilt)
        else:
            self.load_store()

    @work(thread=True, exclusive=True, exit_on_error=False, group="load")
    def load_store(self) -> ClaimStore:
        from kzview.extract.lexicon import load_lexicon
        from kzview.ingest import load_corpus
        from kzview.store import build_store

        lex = load_lexicon(self.lexicon, self.qualifiers)
        corpus = load_corpus(self.paths, max_bytes=self.max_bytes)
        return build_store(corpus, lex)

    @on(Worker.StateChanged)
    def _worker_changed(self, event: Worker.StateChanged) -> None:
        if event.worker.group != "load":
            return
        if event.state == WorkerState.SUCCESS and isinstance(event.worker.result, ClaimStore):
            self.store.replace(event.worker.result)
        elif event.state == WorkerState.ERROR:
            self.sub_title = "could not read the articles"
            self.notify(one_line(f"Loading failed: {event.worker.error!r}"), severity="error", markup=False, timeout=30)
            for pane in ("#article", "#groups-pane"):
                self.query_one(pane).loading = False

    def _on_store_changed(self, store: ClaimStore) -> None:
        self.loaded = True
        counts = store.counts()
        figures = sum(1 for c in store.claims if c.kind != "date")
        self.sub_title = (
            f"{len(store.articles)} articles · {figures} figures · {counts['conflict']} conflicts · "
            f"{counts['update']} updates · {counts['consistent']} agree"
        )
        self.query_one("#article", ArticleView).loading = False
        self.query_one("#groups-pane", GroupsPane).loading = False
        self.query_one("#articles", ArticleList).populate()
        table = self.query_one("#groups", GroupTable)
        table.populate()
        for p in store.problems[:20]:
            self.notify(
                one_line(f"{p.path}: {p.reason}", 300),
                title="Could not read",
                severity="warning",
                markup=False,
                timeout=15,
            )
        if len(store.problems) > 20:
            self.notify(f"{len(store.problems) - 20} more files could not be read", severity="warning")
        if not store.articles:
            self.notify("No article could be read.", severity="error", markup=False, timeout=30)
            return
        first = store.articles[0].id if self.article_id not in store.article_by_id else self.article_id
        self.article_id = first
        self.query_one("#article", ArticleView).show_article(first)
        self.group_id = table.selected_group_id
        self._focus_pane("groups" if store.groups else "articles")

    # -- selection ------------------------------------------------------------------------------------------
    def watch_article_id(self, article_id: str | None) -> None:
        view = self.query_one("#article", ArticleView)
        if view.article is None or view.article.id != article_id:
            view.show_article(article_id)
        self.query_one("#articles", ArticleList).select_article(article_id or "")

    def watch_group_id(self, group_id: str | None) -> None:
        self.query_one("#article", ArticleView).set_group(group_id)
        self.query_one("#reason", ReasonPanel).show_group(group_id)
        g = self.store.group_by_id.get(group_id) if group_id else None
        self.query_one("#articles", ArticleList).mark(set(g.articles) if g else set())

    @on(ArticleList.Selected)
    def _article_selected(self, event: ArticleList.Selected) -> None:
        self.article_id = event.article_id

    @on(GroupTable.GroupHighlighted)
    def _group_highlighted(self, event: GroupTable.GroupHighlighted) -> None:
        self.group_id = event.group_id

    @on(GroupTable.GroupChosen)
    def _group_chosen(self, event: GroupTable.GroupChosen) -> None:
        self.group_id = event.group_id
        self.jump_to_group(event.group_id)

    @on(ArticleView.ClaimChosen)
    def _claim_chosen(self, event: ArticleView.ClaimChosen) -> None:
        groups = self.store.groups_of_claim.get(event.claim.id, [])
        if not groups:
            self.notify(
                "This figure is not compared with any other (no topic, or a kind kzview does not compare).",
                markup=False,
            )
            return
        self.group_id = groups[0]
        self.query_one("#groups", GroupTable).show_group(groups[0])
        self._focus_pane("groups")

    def jump_to_group(self, group_id: str) -> None:
        """Show the group's first figure: in the current article if it has one, else the first article."""
        claims = self.store.group_claims(group_id)
        if not claims:
            return
        here = [c for c in claims if c.article == self.article_id]
        target = (here or claims)[0]
        self.article_id = target.article
        view = self.query_one("#article", ArticleView)
        if self.narrow:
            self._focus_pane("article")
        view.focus_claim(target.id)

    # -- panes ----------------------------------------------------------------------------------------------
    def _pane_widget(self, name: str):  # noqa: ANN202
        return {"articles": "#articles", "article": "#article", "groups": "#groups"}[name]

    def _current_pane(self) -> str:
        focused = self.focused
        if focused is None:
            return "groups"
        if focused.id in ("groups",):
            return "groups"
        return focused.id if focused.id in PANES else "groups"

    @property
    def narrow(self) -> bool:
        return self.screen.has_class("-narrow")

    def _focus_pane(self, name: str) -> None:
        self._mark_active(name)
        self.query_one(self._pane_widget(name)).focus()

    def _mark_active(self, name: str) -> None:
        for pane, sel in (("articles", "#articles"), ("article", "#article"), ("groups", "#groups-pane")):
            self.query_one(sel).set_class(pane == name, "-active")

    def on_descendant_focus(self, event: events.DescendantFocus) -> None:
        """A click or Tab moved focus: the pane holding it is the one a narrow screen shows."""
        if event.widget.id in ("articles", "article", "groups"):
            self._mark_active(self._current_pane())

    def action_pane(self, name: str) -> None:
        self._focus_pane(name)

    def action_next_pane(self) -> None:
        i = PANES.index(self._current_pane())
        self._focus_pane(PANES[(i + 1) % len(PANES)])

    def action_prev_pane(self) -> None:
        i = PANES.index(self._current_pane())
        self._focus_pane(PANES[(i - 1) % len(PANES)])

    def action_next_group(self, status: str) -> None:
        table = self.query_one("#groups", GroupTable)
        groups = [g for g in self.store.groups if g.status.value == status]
        if not groups:
            self.notify(f"No {status} groups.", markup=False)
            return
        ids = [g.id for g in groups]
        nxt = ids[(ids.index(self.group_id) + 1) % len(ids)] if self.group_id in ids else ids[0]
        table.show_group(nxt)
        self.group_id = nxt
        self.jump_to_group(nxt)

    def action_entities(self) -> None:
        from kzview.tui.screens.entities import EntitiesScreen

        self.push_screen(EntitiesScreen(self.store.entities))

    def action_help(self) -> None:
        from kzview.tui.widgets.conflict_table import GroupTable as GT

        sections = [
            ("Everywhere", list(self.BINDINGS)),  # type: ignore[arg-type]
            ("Article list", [*ArticleList.BINDINGS, Binding("up,down", "", "Move; the article opens as you move")]),
            ("Article text", list(ArticleView.BINDINGS)),  # type: ignore[arg-type]
            ("Conflict table", [*GT.BINDINGS, Binding("up,down", "", "Move; the group's figures light up")]),
        ]
        self.push_screen(HelpScreen(sections))  # type: ignore[arg-type]

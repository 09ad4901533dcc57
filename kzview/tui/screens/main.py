"""The main screen: the three panes over one ClaimStore, the selection (article, group) and which pane is active.

The app wires it up: it builds the store, keeps the verdict database and tells this screen what changed, in typed
messages (kzview.tui.messages). The screen passes each on to its panes, which handle what concerns them; the
panes tell the screen what the user did (an article or a group selected, a figure chosen) in their own messages.
Nothing here writes another object's fields.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from textual import events, on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal
from textual.content import Content
from textual.message import Message
from textual.reactive import var
from textual.screen import Screen
from textual.widget import Widget
from textual.widgets import Footer, Header

from kzview.gcpause import settle_heap
from kzview.safe import one_line
from kzview.tui.messages import SelectionChanged, StoreLoaded, VerdictChanged
from kzview.tui.widgets.article_list import ArticleList, ArticlesPane
from kzview.tui.widgets.article_view import ArticleView
from kzview.tui.widgets.conflict_table import GroupsPane, GroupTable, ReasonPanel

if TYPE_CHECKING:
    from textual.timer import Timer

    from kzview.claimstore import ClaimStore

PANES = ("articles", "article", "groups")
PANE_CONTAINERS = {"articles": "#articles-pane", "article": "#article", "groups": "#groups-pane"}
PANE_FOCUS = {"articles": "#articles", "article": "#article", "groups": "#groups"}


class MainScreen(Screen[None]):
    # the conflict table, the pane active at start, has the keys from the first frame; Textual's default would
    # give them to the first focusable widget, the articles' hidden filter line, which took "q" as text while
    # the corpus was still loading
    AUTO_FOCUS = "#groups"
    # binding ids keep the app. prefix they were remapped by (keys.toml) before the screen had its own
    BINDINGS = [
        Binding(
            "tab",
            "next_pane",
            "Next pane",
            id="app.next_pane",
            priority=True,
            tooltip="Move to the next pane (articles, article text, conflicts)",
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
        Binding(
            "3", "pane('groups')", "Conflicts", id="app.pane_groups", show=False, tooltip="Go to the conflict table"
        ),
        Binding(
            "right_square_bracket",
            "next_group('conflict')",
            "Next conflict",
            id="app.next_conflict",
            show=False,
            tooltip="Jump to the next conflict group and its figures",
        ),
    ]

    # `var`, not `reactive`: a reactive repaints the whole screen when it changes, which made every step in the
    # article list or the conflict table a full-screen render; the panes redraw what they change.
    article_id: var[str | None] = var(None, init=False)
    group_id: var[str | None] = var(None, init=False)

    def __init__(self, store: ClaimStore) -> None:
        super().__init__()
        self.store = store
        self._mark_timer: Timer | None = None
        self._panes: list[Widget] = []
        self._story: tuple[str | None] | None = None  # the story the panes show (None: every story)
        self._shown_early = False  # the articles were shown while their figures were still being read

    def compose(self) -> ComposeResult:
        yield Header()
        with Horizontal(id="main"):
            yield ArticlesPane(self.store, id="articles-pane")
            yield ArticleView(self.store, id="article")
            yield GroupsPane(self.store, id="groups-pane")
        yield Footer()

    def on_mount(self) -> None:
        self.query_one("#articles-pane").border_title = "Articles"
        self.query_one("#groups-pane").border_title = "Conflicts"
        self.query_one("#groups-pane").add_class("-active")

    # -- telling the panes ----------------------------------------------------------------------------------
    def _tell(self, make: type[Message], *args: object) -> None:
        """Each pane gets its own copy of the message (a message is delivered once). The panes are found once:
        this runs on every step of a cursor."""
        if not self._panes:
            self._panes = [w for pane in (ArticleList, ArticleView, GroupTable, ReasonPanel) for w in self.query(pane)]
        for widget in self._panes:
            widget.post_message(make(*args))

    # -- the story shown, in a corpus of many ----------------------------------------------------------------
    def story_key(self) -> str | None:
        """The story the panes show, as the stories screen names it ("" for the articles under no folder), or
        None when they show every story."""
        shown = self._story
        return None if shown is None else (shown[0] or "")

    def show_story(self, key: str | None) -> None:
        """Show one story's articles and conflicts in the panes (`key` as the stories screen gives it), or every
        story (None, or the screen's "all" row)."""
        from kzview.tui.screens.stories import ALL

        story: tuple[str | None] | None = None
        if key is not None and key != ALL:
            story = (key or None,)
        if story == self._story:
            return
        self._story = story
        for pane in (*self.query(ArticleList), *self.query(GroupTable)):
            pane.story = story
            pane.populate()
        name = "" if story is None else f": {story[0] or '(not in a folder)'}"
        # a story's name is a folder's or a record's words: plain text, never markup
        self.query_one("#articles-pane").border_title = Content(one_line(f"Articles{name}", 60))
        self.query_one("#groups-pane").border_title = Content(one_line(f"Conflicts{name}", 60))
        shown = self.query_one(ArticleList).shown
        if shown and self.article_id not in shown:
            self.article_id = shown[0]
        table = self.query_one(GroupTable)
        self.group_id = table.selected_group_id  # None for a story with no groups: the reason pane is cleared

    @on(StoreLoaded)
    def _store_loaded(self, event: StoreLoaded) -> None:
        self._tell(StoreLoaded, event.first)
        store = self.store
        if not store.articles:
            return
        if self.article_id not in store.article_by_id:
            shown = self.query_one(ArticleList).shown if self._story is not None else []
            self.article_id = shown[0] if shown else store.articles[0].id
        if self.group_id is not None and self.group_id not in store.group_by_id:
            self.group_id = None  # the table says which group its cursor is on once it has filled again
        if store.provisional:
            if not self._shown_early:
                self._shown_early = True
                self._focus_pane("articles")  # the articles are what there is to see while the figures are read
        elif event.first and (not self._shown_early or self._untouched()):
            self._focus_pane("groups" if store.groups else "articles")
        # (after the articles were shown early and the user moved or typed, the focus stays where they put it)
        self.call_after_refresh(settle_heap)  # the store and the panes that show it, out of the collector's way

    @on(VerdictChanged)
    def _verdict_changed(self, event: VerdictChanged) -> None:
        self._tell(VerdictChanged, event.kind, event.target_id)

    def _selection_changed(self) -> None:
        self._tell(SelectionChanged, self.article_id, self.group_id)

    def watch_article_id(self, article_id: str | None) -> None:
        self._selection_changed()

    def watch_group_id(self, group_id: str | None) -> None:
        self._selection_changed()
        # Marking the touched articles can redraw many rows: do it once the cursor rests, not on every step.
        if self._mark_timer is not None:
            self._mark_timer.stop()
        self._mark_timer = self.set_timer(0.12, self._mark_touched)

    def _mark_touched(self) -> None:
        from textual.css.query import NoMatches

        self._mark_timer = None
        g = self.store.group_by_id.get(self.group_id) if self.group_id else None
        try:
            self.query_one("#articles", ArticleList).mark(set(g.articles) if g else set())
        except NoMatches:
            pass  # the app is closing

    # -- what the panes tell ---------------------------------------------------------------------------------
    @on(ArticleList.Selected)
    def _article_selected(self, event: ArticleList.Selected) -> None:
        self.article_id = event.article_id

    @on(GroupTable.GroupHighlighted)
    def _group_highlighted(self, event: GroupTable.GroupHighlighted) -> None:
        self.group_id = event.group_id

    @on(GroupTable.GroupChosen)
    def _group_chosen(self, event: GroupTable.GroupChosen) -> None:
        from kzview.tui.screens.evidence import EvidenceScreen

        self.group_id = event.group_id
        self.app.push_screen(EvidenceScreen(self.store, event.group_id))

    @on(GroupTable.GroupJump)
    def _group_jump(self, event: GroupTable.GroupJump) -> None:
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

    # -- moving ---------------------------------------------------------------------------------------------
    def jump_to_group(self, group_id: str) -> None:
        """Show the group's first figure: in the current article if it has one, else the first article."""
        claims = self.store.group_claims(group_id)
        if not claims:
            return
        here = [c for c in claims if c.article == self.article_id]
        self.jump_to_claim((here or claims)[0].id)

    def jump_to_claim(self, claim_id: str) -> None:
        c = self.store.claim_by_id.get(claim_id)
        if c is None:
            return
        self.article_id = c.article
        view = self.query_one("#article", ArticleView)
        if self.article_id != (view.article.id if view.article else None):
            view.show_article(c.article)  # now, so the cursor can be put on the figure at once
        if self.narrow:
            self._focus_pane("article")
        view.focus_claim(c.id)

    def show_text(self, article_id: str, offset: int) -> None:
        """Show a place in an article's text (a search hit in its words)."""
        self.article_id = article_id
        view = self.query_one("#article", ArticleView)
        if (view.article.id if view.article else None) != article_id:
            view.show_article(article_id)
        self._focus_pane("article")
        view.show_offset(offset)

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

    # -- panes ----------------------------------------------------------------------------------------------
    @property
    def narrow(self) -> bool:
        return self.has_class("-narrow")

    def current_pane(self) -> str:
        node = self.focused
        while node is not None:
            for name, sel in PANE_CONTAINERS.items():
                if node.id == sel[1:]:
                    return name
            node = node.parent  # type: ignore[assignment]
        return "groups"

    def _untouched(self) -> bool:
        """Whether the articles shown early are as they were shown: the focus on the list, its cursor on the
        first, no filter typed (the user has not begun to work in them)."""
        articles = self.query_one(ArticleList)
        return self.focused is articles and (articles.highlighted or 0) == 0 and not articles.filter_words

    def _focus_pane(self, name: str) -> None:
        self._mark_active(name)
        # Focus now, not later (Widget.focus defers): a key typed right after "3" goes to the new pane.
        self.set_focus(self.query_one(PANE_FOCUS[name]))

    def _mark_active(self, name: str) -> None:
        for pane, sel in PANE_CONTAINERS.items():
            self.query_one(sel).set_class(pane == name, "-active")

    def on_descendant_focus(self, event: events.DescendantFocus) -> None:
        """A click or Tab moved focus: the pane holding it is the one a narrow screen shows."""
        self._mark_active(self.current_pane())

    def action_pane(self, name: str) -> None:
        self._focus_pane(name)

    def action_next_pane(self) -> None:
        i = PANES.index(self.current_pane())
        self._focus_pane(PANES[(i + 1) % len(PANES)])

    def action_prev_pane(self) -> None:
        i = PANES.index(self.current_pane())
        self._focus_pane(PANES[(i - 1) % len(PANES)])

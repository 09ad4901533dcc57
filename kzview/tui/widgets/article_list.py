"""The left pane: the articles, with date, figures and conflicts; those the selected group touches are marked.

Drawn line by line (CursorList), two lines an article: filling it with 10,000 articles costs a list of ids, and
marking the articles a group touches, at any count, costs a set and one redraw of what shows. Titles are cut to
the pane, never wrapped, and never read as markup.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from rich.text import Text
from textual.binding import Binding
from textual.containers import Vertical
from textual.message import Message
from textual.widget import Widget

from kzview.safe import one_line
from kzview.tui.widgets.conflict_table import short_id
from kzview.tui.widgets.cursor_list import StoreList, nav_bindings

if TYPE_CHECKING:
    from kzview.claimstore import ClaimStore
    from kzview.tui.messages import SelectionChanged, VerdictChanged


class ArticleList(StoreList):
    HELP_TITLE = "Article list"  # its section of the help screen
    LINES_PER_ITEM = 2
    STYLE_PREFIX = "articlelist"
    COMPONENT_CLASSES = {"articlelist--cursor", "articlelist--meta", "articlelist--conflict", "articlelist--mark"}
    BINDINGS = [
        *nav_bindings("articles", "The article opens as you move"),
        Binding("enter", "choose", "Open", show=False, id="articles.open"),
        Binding(
            "f", "filter", "Filter", id="articles.filter", tooltip="Show only articles whose title or outlet match"
        ),
    ]

    class FilterWanted(Message):
        pass

    class Selected(Message):
        def __init__(self, article_id: str) -> None:
            super().__init__()
            self.article_id = article_id

    def __init__(self, store: ClaimStore, **kwargs) -> None:
        super().__init__(store, **kwargs)
        self.touched: set[str] = set()

    @property
    def option_count(self) -> int:
        return len(self.shown)

    @property
    def highlighted_id(self) -> str | None:
        return self.shown[self.highlighted] if self.highlighted is not None and self.shown else None

    def prompt(self, article_id: str) -> tuple[str, str, int]:
        """The two lines shown for an article, and how many characters at the end of the second are conflicts."""
        a = self.store.article_by_id[article_id]
        st = self.store.stats.get(article_id)
        mark = "●" if article_id in self.touched else " "
        title = one_line(a.title, 200)
        date = f"{a.date}{'?' if a.date_inferred else ''}" if a.date else "undated"
        reading = self.store.provisional and article_id not in self.store.claims_by_article
        counts = "reading figures" if reading else f"{st.claims} fig" if st else ""
        n_verdicts = self.store.verdicts_in_article(article_id)
        verdicts = f" ☑{n_verdicts}" if n_verdicts else ""
        outlet = f" · {one_line(a.outlet, 30)}" if a.outlet else ""
        conflict = f" ✗{st.conflicting}" if st and st.conflicting else ""
        return f"{mark} {title}", f"  {short_id(a.id)}{outlet} · {date} · {counts}{verdicts}{conflict}", len(conflict)

    def render_item(self, index: int, line: int, width: int, cursor: bool) -> Text:
        styles = self.styles_for()
        first, second, conflict = self.prompt(self.shown[index])
        gutter = "▌" if cursor else " "  # the cursor shows without colour too
        if line == 0:
            text = Text(gutter + first)
            text.stylize(styles["mark"], 1, 2)
        else:
            text = Text(gutter + second, style=styles["meta"])
            if conflict:
                text.stylize(styles["conflict"], len(text) - conflict, len(text))
        if cursor:
            text.truncate(width, overflow="ellipsis", pad=True)
            text.stylize(styles["cursor"])
        return text

    # -- content --------------------------------------------------------------------------------------------
    def populate(self) -> None:
        from kzview.tui.widgets.filter_bar import matches

        keep = self.highlighted_id
        words = self.filter_words
        articles = self.store.articles
        if self.story is not None:
            articles = [a for a in articles if a.story == self.story[0]]
        if words:
            self.shown = [a.id for a in articles if matches(words, a.title, a.outlet, a.id)]
        else:
            self.shown = [a.id for a in articles]
        self._position = {aid: i for i, aid in enumerate(self.shown)}
        self.set_count(len(self.shown), self._position.get(keep, 0) if keep is not None else 0)

    def refresh_article(self, article_id: str) -> None:
        if article_id in self._position:
            self.redraw()

    def mark(self, article_ids: set[str]) -> None:
        """Mark the articles a group touches (●): a set and a redraw of the rows on screen, at any count."""
        if isinstance(self.parent, Widget):
            self.parent.border_subtitle = f"● {len(article_ids):,} touched" if article_ids else None
        if article_ids != self.touched:
            self.touched = set(article_ids)
            self.redraw()

    def on_selection_changed(self, event: SelectionChanged) -> None:
        self.select_article(event.article_id or "")

    def on_verdict_changed(self, event: VerdictChanged) -> None:
        """A verdict's count shows on the rows of the articles it touches."""
        if event.kind == "group":
            g = self.store.group_by_id.get(event.target_id)
            articles = g.articles if g else []
        else:
            c = self.store.claim_by_id.get(event.target_id)
            articles = [c.article] if c else []
        for a in articles:
            self.refresh_article(a)

    def select_article(self, article_id: str) -> None:
        index = self._position.get(article_id)
        if index is not None and index != self.highlighted:
            self.move_cursor(index, announce=False)

    def cursor_moved(self, index: int) -> None:
        self.post_message(self.Selected(self.shown[index]))

    def item_chosen(self, index: int) -> None:
        self.post_message(self.Selected(self.shown[index]))

    def action_filter(self) -> None:
        self.post_message(self.FilterWanted())


class ArticlesPane(Vertical):
    """Filter line (on demand) above the article list."""

    def __init__(self, store: ClaimStore, **kwargs) -> None:
        super().__init__(**kwargs)
        self.store = store

    def compose(self):  # noqa: ANN201
        from kzview.tui.widgets.filter_bar import FilterBar

        yield FilterBar("filter by title or outlet", id="articles-filter")
        yield ArticleList(self.store, id="articles")

    def on_article_list_filter_wanted(self, event: ArticleList.FilterWanted) -> None:
        from kzview.tui.widgets.filter_bar import FilterBar

        event.stop()
        self.query_one(FilterBar).open()

    def on_input_changed(self, event) -> None:  # noqa: ANN001
        event.stop()
        lst = self.query_one(ArticleList)
        lst.filter_words = event.value.lower().split()
        lst.populate()

    def on_input_submitted(self, event) -> None:  # noqa: ANN001
        event.stop()
        self.query_one(ArticleList).focus()

    def on_filter_bar_cleared(self, event) -> None:  # noqa: ANN001
        event.stop()
        lst = self.query_one(ArticleList)
        lst.filter_words = []
        lst.populate()
        lst.focus()

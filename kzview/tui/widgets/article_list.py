"""The left pane: the articles, with date, figures and conflicts; those the selected group touches are marked.

A line-API view, two screen lines an article: only the rows on screen are ever styled, so filling it with
10,000 articles costs a list of ids, and marking the articles a group touches costs one redraw of what shows.
(The stock OptionList measured every option's wrapped height on filling: two seconds at 10,000.) Titles are
cut to the pane, never wrapped, and never read as markup.
"""

from __future__ import annotations

from functools import lru_cache

from rich.segment import Segment
from rich.text import Text
from textual import events
from textual.binding import Binding
from textual.containers import Vertical
from textual.geometry import Size
from textual.message import Message
from textual.scroll_view import ScrollView
from textual.strip import Strip

from kzview.safe import one_line
from kzview.store import ClaimStore
from kzview.tui.widgets.conflict_table import short_id

ROWS = 2  # screen lines an article


class ArticleList(ScrollView, can_focus=True):
    COMPONENT_CLASSES = {"articlelist--cursor", "articlelist--meta", "articlelist--conflict", "articlelist--mark"}
    BINDINGS = [
        Binding(
            "down,j", "cursor_down", "Down", show=False, id="articles.down", tooltip="The article opens as you move"
        ),
        Binding("up,k", "cursor_up", "Up", show=False, id="articles.up", tooltip="The article opens as you move"),
        Binding("pagedown", "page_down", "Page down", show=False, id="articles.page_down"),
        Binding("pageup", "page_up", "Page up", show=False, id="articles.page_up"),
        Binding("home", "first", "First", show=False, id="articles.first"),
        Binding("end", "last", "Last", show=False, id="articles.last"),
        Binding("enter", "select", "Open", show=False, id="articles.open"),
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
        super().__init__(**kwargs)
        self.store = store
        self.touched: set[str] = set()
        self.filter_words: list[str] = []
        self.shown: list[str] = []
        self._position: dict[str, int] = {}
        self.highlighted: int | None = None
        self._version = 0
        self._style_cache: dict | None = None

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
        counts = f"{st.claims} fig" if st else ""
        n_verdicts = self.store.verdicts_in_article(article_id)
        verdicts = f" ☑{n_verdicts}" if n_verdicts else ""
        outlet = f" · {one_line(a.outlet, 30)}" if a.outlet else ""
        conflict = f" ✗{st.conflicting}" if st and st.conflicting else ""
        return f"{mark} {title}", f"  {short_id(a.id)}{outlet} · {date} · {counts}{verdicts}{conflict}", len(conflict)

    # -- content --------------------------------------------------------------------------------------------
    def populate(self) -> None:
        from kzview.tui.widgets.filter_bar import matches

        keep = self.highlighted_id
        words = self.filter_words
        articles = self.store.articles
        self.shown = (
            [a.id for a in articles if matches(words, a.title, a.outlet, a.id)] if words else [a.id for a in articles]
        )
        self._position = {aid: i for i, aid in enumerate(self.shown)}
        self.virtual_size = Size(self.scrollable_content_region.width, ROWS * len(self.shown))
        self._redraw()
        if not self.shown:
            self.highlighted = None
            return
        self._move(self._position.get(keep, 0) if keep is not None else 0)

    def refresh_article(self, article_id: str) -> None:
        if article_id in self._position:
            self._redraw()

    def mark(self, article_ids: set[str]) -> None:
        """Mark the articles a group touches (●): a set and a redraw of the rows on screen, at any count."""
        if self.parent is not None:
            self.parent.border_subtitle = f"● {len(article_ids):,} touched" if article_ids else None
        if article_ids != self.touched:
            self.touched = set(article_ids)
            self._redraw()

    def select_article(self, article_id: str) -> None:
        index = self._position.get(article_id)
        if index is not None and index != self.highlighted:
            self._move(index, announce=False)

    def _redraw(self) -> None:
        self._version += 1
        self._render_row.cache_clear()
        self.refresh()

    # -- the cursor -----------------------------------------------------------------------------------------
    def _move(self, index: int, announce: bool = True) -> None:
        if not self.shown:
            return
        index = max(0, min(len(self.shown) - 1, index))
        previous, self.highlighted = self.highlighted, index
        if index != previous:  # redraw the two rows that changed, not the screen
            if previous is not None:
                self.refresh_lines(ROWS * previous, ROWS)
            self.refresh_lines(ROWS * index, ROWS)
        self._scroll_to_cursor()
        if announce:
            self.post_message(self.Selected(self.shown[index]))

    def _scroll_to_cursor(self) -> None:
        if self.highlighted is None:
            return
        height = max(ROWS, self.scrollable_content_region.height)
        top = ROWS * self.highlighted
        if top < self.scroll_y:
            self.scroll_to(y=top, animate=False, immediate=True)
        elif top + ROWS > self.scroll_y + height:
            self.scroll_to(y=top + ROWS - height, animate=False, immediate=True)

    def _page(self) -> int:
        return max(1, self.scrollable_content_region.height // ROWS - 1)

    def action_cursor_down(self) -> None:
        self._move(0 if self.highlighted is None else self.highlighted + 1)

    def action_cursor_up(self) -> None:
        self._move(0 if self.highlighted is None else self.highlighted - 1)

    def action_page_down(self) -> None:
        self._move((self.highlighted or 0) + self._page())

    def action_page_up(self) -> None:
        self._move((self.highlighted or 0) - self._page())

    def action_first(self) -> None:
        self._move(0)

    def action_last(self) -> None:
        self._move(len(self.shown) - 1)

    def action_select(self) -> None:
        if self.highlighted is not None:
            self._move(self.highlighted)

    def action_filter(self) -> None:
        self.post_message(self.FilterWanted())

    def on_click(self, event: events.Click) -> None:
        offset = event.get_content_offset(self)
        if offset is not None:
            self._move((offset.y + int(self.scroll_y)) // ROWS)

    # -- rendering ------------------------------------------------------------------------------------------
    def on_resize(self) -> None:
        self.virtual_size = Size(self.scrollable_content_region.width, ROWS * len(self.shown))
        self._redraw()
        self._scroll_to_cursor()

    def _on_focus(self, event: events.Focus) -> None:
        super()._on_focus(event)
        self._style_cache = None
        self._redraw()

    def _on_blur(self, event: events.Blur) -> None:
        super()._on_blur(event)
        self._style_cache = None
        self._redraw()

    def notify_style_update(self) -> None:
        super().notify_style_update()
        self._style_cache = None
        self._render_row.cache_clear()

    def _styles(self) -> dict:
        if self._style_cache is None:
            names = ("cursor", "meta", "conflict", "mark")
            self._style_cache = {n: self.get_component_rich_style(f"articlelist--{n}") for n in names}
        return self._style_cache

    def render_line(self, y: int) -> Strip:
        index = y + int(self.scroll_y)
        width = self.scrollable_content_region.width
        if index >= ROWS * len(self.shown):
            return Strip.blank(width, self.rich_style)
        article, row = divmod(index, ROWS)
        return self._render_row(article, row, width, article == self.highlighted, self._version)

    @lru_cache(maxsize=256)  # noqa: B019 - cleared whenever content, marks or styles change
    def _render_row(self, article: int, row: int, width: int, cursor: bool, version: int) -> Strip:
        styles = self._styles()
        first, second, conflict = self.prompt(self.shown[article])
        gutter = "▌" if cursor else " "  # the cursor shows without colour too
        if row == 0:
            text = Text(gutter + first, end="", no_wrap=True)
            text.stylize(styles["mark"], 1, 2)
        else:
            text = Text(gutter + second, style=styles["meta"], end="", no_wrap=True)
            if conflict:
                text.stylize(styles["conflict"], len(text) - conflict, len(text))
        text.truncate(width, overflow="ellipsis", pad=True)
        if cursor:
            text.stylize(styles["cursor"])
        segments = list(text.render(self.app.console))
        return Strip(Segment.simplify(segments), width).apply_style(self.rich_style)


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

"""A list drawn line by line, with a cursor: the base of the article list and the conflict table.

Only the lines on screen are ever styled, and each is cached until its item, the marks or the styles change, so
a list of 10,000 articles or 40,000 groups fills in the time it takes to make a list of ids, and a cursor step
redraws the two items it left and reached. (The stock OptionList measured every option on filling, two seconds
at 10,000; the DataTable added 2,000 rows in a second and could not hold them all.) A subclass says how many
screen lines an item takes, which fixed header lines stand above the items, and how an item's line looks.
"""

from __future__ import annotations

from functools import lru_cache
from typing import TYPE_CHECKING, Any, ClassVar

from rich.segment import Segment
from rich.text import Text
from textual import events
from textual.binding import Binding
from textual.geometry import Size
from textual.scroll_view import ScrollView
from textual.strip import Strip
from textual.widget import Widget

if TYPE_CHECKING:
    from kzview.claimstore import ClaimStore
    from kzview.tui.messages import StoreLoaded


def nav_bindings(prefix: str, what: str = "") -> list[Binding]:
    """Cursor keys, with ids under the list's own prefix so each list's keys can be remapped apart."""
    return [
        Binding("down,j", "cursor_down", "Down", show=False, id=f"{prefix}.down", tooltip=what),
        Binding("up,k", "cursor_up", "Up", show=False, id=f"{prefix}.up", tooltip=what),
        Binding("pagedown", "page_down", "Page down", show=False, id=f"{prefix}.page_down"),
        Binding("pageup", "page_up", "Page up", show=False, id=f"{prefix}.page_up"),
        Binding("home", "first", "First", show=False, id=f"{prefix}.first"),
        Binding("end", "last", "Last", show=False, id=f"{prefix}.last"),
    ]


def jk_bindings(prefix: str) -> list[Binding]:
    """j and k for a screen whose lists are Textual's own (OptionList, DataTable): they move the focused list as
    the arrows do, as in every other list of the app; a focused text field takes them as letters."""
    return [
        Binding("j", "list_cursor('down')", "Down", show=False, id=f"{prefix}.j"),
        Binding("k", "list_cursor('up')", "Up", show=False, id=f"{prefix}.k"),
    ]


class ListKeys:
    """The action behind `jk_bindings`, for a Screen."""

    focused: Widget | None

    def action_list_cursor(self, direction: str) -> None:
        move = getattr(self.focused, f"action_cursor_{direction}", None)
        if callable(move):
            move()


class LineCache:
    """What the line-drawn panes (the lists, the article text) share: rendered lines cached by a version that any
    change of content bumps, and the component styles resolved once per theme, CSS or focus change rather than
    once per line. A subclass names its styles' prefix and caches its `_render_cached` with lru_cache."""

    STYLE_PREFIX = "cursorlist"  # component classes are f"{STYLE_PREFIX}--{name}"
    COMPONENT_CLASSES: ClassVar[set[str]]
    _render_cached: Any

    def __init__(self, **kwargs) -> None:
        super().__init__(**kwargs)
        self._version = 0
        self._style_cache: dict[str, Any] | None = None

    def redraw(self) -> None:
        """Content changed: re-render the lines on screen."""
        self._version += 1
        self._render_cached.cache_clear()
        self.refresh()  # type: ignore[attr-defined]

    def notify_style_update(self) -> None:
        super().notify_style_update()  # type: ignore[misc]
        self._style_cache = None
        self._render_cached.cache_clear()

    def styles_for(self) -> dict:
        """The component styles by name ("cursor" for "articlelist--cursor")."""
        if self._style_cache is None:
            prefix = f"{self.STYLE_PREFIX}--"
            self._style_cache = {
                name[len(prefix) :]: self.get_component_rich_style(name)  # type: ignore[attr-defined]
                for name in self.COMPONENT_CLASSES
                if name.startswith(prefix)
            }
        return self._style_cache


class CursorList(LineCache, ScrollView, can_focus=True):
    LINES_PER_ITEM = 1
    HEADER_LINES = 0

    def __init__(self, **kwargs) -> None:
        super().__init__(**kwargs)
        self.count = 0
        self.highlighted: int | None = None

    # -- for subclasses ------------------------------------------------------------------------------------
    def render_item(self, index: int, line: int, width: int, cursor: bool) -> Text:
        """Line `line` of item `index`, as plain text with styles (never markup)."""
        raise NotImplementedError

    def render_header(self, line: int, width: int) -> Text:
        return Text("")

    def cursor_moved(self, index: int) -> None:
        """The user moved the cursor to `index`."""

    def item_chosen(self, index: int) -> None:
        """Enter, or a click on the item under the cursor."""

    # -- content --------------------------------------------------------------------------------------------
    def set_count(self, count: int, cursor: int | None = 0, announce: bool = True) -> None:
        """Show `count` items with the cursor at `cursor` (kept inside the list)."""
        self.count = count
        self.virtual_size = Size(self.scrollable_content_region.width, self._content_lines())
        self.redraw()
        if not count:
            self.highlighted = None
            return
        self.highlighted = None
        self.move_cursor(cursor or 0, announce=announce)

    def refresh_item(self, index: int) -> None:
        self.refresh_lines(self.HEADER_LINES + self.LINES_PER_ITEM * index, self.LINES_PER_ITEM)

    def _content_lines(self) -> int:
        return self.HEADER_LINES + self.LINES_PER_ITEM * self.count

    # -- the cursor -----------------------------------------------------------------------------------------
    def move_cursor(self, index: int, announce: bool = True) -> None:
        if not self.count:
            return
        index = max(0, min(self.count - 1, index))
        previous, self.highlighted = self.highlighted, index
        if index != previous:  # redraw the items the cursor left and reached, not the screen
            if previous is not None:
                self.refresh_item(previous)
            self.refresh_item(index)
        self.scroll_to_cursor()
        if announce:
            self.cursor_moved(index)

    def scroll_to_cursor(self) -> None:
        if self.highlighted is None:
            return
        height = max(self.LINES_PER_ITEM, self.scrollable_content_region.height - self.HEADER_LINES)
        top = self.LINES_PER_ITEM * self.highlighted
        if top < self.scroll_y:
            self.scroll_to(y=top, animate=False, immediate=True)
        elif top + self.LINES_PER_ITEM > self.scroll_y + height:
            self.scroll_to(y=top + self.LINES_PER_ITEM - height, animate=False, immediate=True)

    def _page(self) -> int:
        return max(1, (self.scrollable_content_region.height - self.HEADER_LINES) // self.LINES_PER_ITEM - 1)

    def action_cursor_down(self) -> None:
        self.move_cursor(0 if self.highlighted is None else self.highlighted + 1)

    def action_cursor_up(self) -> None:
        self.move_cursor(0 if self.highlighted is None else self.highlighted - 1)

    def action_page_down(self) -> None:
        self.move_cursor((self.highlighted or 0) + self._page())

    def action_page_up(self) -> None:
        self.move_cursor((self.highlighted or 0) - self._page())

    def action_first(self) -> None:
        self.move_cursor(0)

    def action_last(self) -> None:
        self.move_cursor(self.count - 1)

    def action_choose(self) -> None:
        if self.highlighted is not None:
            self.item_chosen(self.highlighted)

    def on_click(self, event: events.Click) -> None:
        offset = event.get_content_offset(self)
        if offset is None or offset.y < self.HEADER_LINES:
            return
        index = (offset.y - self.HEADER_LINES + int(self.scroll_y)) // self.LINES_PER_ITEM
        if index >= self.count:
            return
        if index == self.highlighted:
            self.item_chosen(index)
        else:
            self.move_cursor(index)

    # -- rendering ------------------------------------------------------------------------------------------
    def on_resize(self) -> None:
        self.virtual_size = Size(self.scrollable_content_region.width, self._content_lines())
        self.redraw()
        self.scroll_to_cursor()

    def _on_focus(self, event: events.Focus) -> None:
        super()._on_focus(event)
        self._style_cache = None
        self.redraw()

    def _on_blur(self, event: events.Blur) -> None:
        super()._on_blur(event)
        self._style_cache = None
        self.redraw()

    def render_line(self, y: int) -> Strip:
        width = self.scrollable_content_region.width
        if y < self.HEADER_LINES:
            return self._strip(self.render_header(y, width), width)
        index = y - self.HEADER_LINES + int(self.scroll_y)
        if index >= self.LINES_PER_ITEM * self.count:
            return Strip.blank(width, self.rich_style)
        item, line = divmod(index, self.LINES_PER_ITEM)
        return self._render_cached(item, line, width, item == self.highlighted, self._version)

    @lru_cache(maxsize=512)  # noqa: B019 - cleared whenever items, marks or styles change
    def _render_cached(self, item: int, line: int, width: int, cursor: bool, version: int) -> Strip:
        return self._strip(self.render_item(item, line, width, cursor), width)

    def _strip(self, text: Text, width: int) -> Strip:
        text.end = ""
        text.no_wrap = True
        text.truncate(width, overflow="ellipsis", pad=True)
        return Strip(Segment.simplify(text.render(self.app.console)), width).apply_style(self.rich_style)


class StoreList(CursorList):
    """A list pane over the claim store (the articles, the conflict table): it fills itself again whenever it is
    told the store's content was replaced (StoreLoaded: a load, a reload, a correction); the app never fills it."""

    def __init__(self, store: ClaimStore, **kwargs) -> None:
        super().__init__(**kwargs)
        self.store = store
        self.filter_words: list[str] = []
        # the story shown, in a corpus of many (kzview.tui.screens.stories): None shows every story
        self.story: tuple[str | None] | None = None
        self.shown: list[str] = []
        self._position: dict[str, int] = {}

    def on_mount(self) -> None:
        if self.store.articles:
            self.populate()  # a store that was full before this pane was mounted

    def on_store_loaded(self, event: StoreLoaded) -> None:
        self.populate()

    def populate(self) -> None:
        """Show what the store holds now, keeping the cursor on the same item where it is still there."""
        raise NotImplementedError


READING = "The figures are still being read: verdicts and corrections can be set when they are."


def still_reading(widget: Widget, store: ClaimStore) -> bool:
    """Whether the store shows the articles alone, their figures still being read (a first open): then the
    user's work waits, and `widget` says so."""
    if store.provisional:
        widget.app.notify(READING, markup=False)
        return True
    return False

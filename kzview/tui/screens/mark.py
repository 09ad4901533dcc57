"""Select the words of a figure kzview missed, in the article text itself, from the keyboard or the mouse.

The article is shown as in the middle pane (the same wrapping and highlights), with a selection of whole words on
top: the arrows (or h/l, j/k) move it a word or a line, shift with an arrow (or H/L) stretches or shrinks it, and a
click picks a word (shift+click stretches to it). Enter takes the words; the missed-figure dialog then asks for their
topic and interval. The selection is offsets into the article's own text, so the figure is anchored where it is
written (not at the first place the same words occur).
"""

from __future__ import annotations

import bisect
import re
from typing import TYPE_CHECKING

from rich.cells import cell_len
from textual import events
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.content import Content
from textual.message import Message
from textual.screen import ModalScreen
from textual.widgets import Footer, Static

from kzview.safe import display_text, one_line
from kzview.tui.widgets.article_view import GUTTER, ArticleView

if TYPE_CHECKING:
    from kzview.claimstore import ClaimStore

_WORD = re.compile(r"\S+")
# what a selection never begins or ends with: the punctuation around a figure ("(about 40)," is "about 40")
_EDGE = "\"'“”‘’()[]{},.;:!?"


def word_spans(text: str) -> list[tuple[int, int]]:
    """Every word of `text` as (start, end), its surrounding punctuation left out (a word of punctuation only is
    kept whole, so that every place in the text belongs to a word)."""
    out = []
    for m in _WORD.finditer(text):
        s, e = m.start(), m.end()
        while s < e and text[s] in _EDGE:
            s += 1
        while e > s and text[e - 1] in _EDGE:
            e -= 1
        out.append((s, e) if s < e else (m.start(), m.end()))
    return out


class MarkView(ArticleView, inherit_bindings=False):
    """The article with a selection of whole words: `fixed`, the end that stays, to `head`, the end that moves
    (indexes into `words`)."""

    BINDINGS = [
        Binding("right,l", "move(1)", "Next word", id="mark.next_word"),
        Binding("left,h", "move(-1)", "Prev word", id="mark.prev_word"),
        Binding("shift+right,L", "stretch(1)", "Stretch", id="mark.stretch"),
        Binding("shift+left,H", "stretch(-1)", "Shrink", id="mark.shrink"),
        Binding("down,j", "line(1)", "Line down", show=False, id="mark.line_down"),
        Binding("up,k", "line(-1)", "Line up", show=False, id="mark.line_up"),
        Binding("pagedown,space", "page_down", "Page down", show=False, id="mark.page_down"),
        Binding("pageup,b", "page_up", "Page up", show=False, id="mark.page_up"),
    ]

    def __init__(self, store: ClaimStore, article_id: str, around: int, **kwargs) -> None:
        super().__init__(store, **kwargs)
        self._article_id = article_id
        self._around = around
        self.words: list[tuple[int, int]] = []
        self._ends: list[int] = []
        self.fixed = 0
        self.head = 0

    def on_mount(self) -> None:
        self.show_article(self._article_id)
        self.words = word_spans(self.article.text) if self.article else []
        self._ends = [e for _, e in self.words]
        self.fixed = self.head = self.word_at(self._around)
        self._after_move()

    # -- the selection ----------------------------------------------------------------------------------------
    def word_at(self, offset: int) -> int:
        """The index of the word at or after `offset` (the last word past the end)."""
        return min(bisect.bisect_right(self._ends, offset), max(0, len(self.words) - 1))

    @property
    def span(self) -> tuple[int, int] | None:
        if not self.words:
            return None
        lo, hi = sorted((self.fixed, self.head))
        return self.words[lo][0], self.words[hi][1]

    def selected_text(self) -> str:
        span = self.span
        return self.article.text[span[0] : span[1]] if span and self.article else ""

    def _after_move(self) -> None:
        self._restyle()
        span = self.span
        if span:
            self.scroll_to_offset(span[0] if self.head <= self.fixed else span[1])
        self.post_message(self.Moved())

    class Moved(Message):
        """The selection changed (the screen shows its words)."""

    def action_move(self, delta: int) -> None:
        if self.words:
            self.fixed = self.head = max(0, min(len(self.words) - 1, self.head + delta))
            self._after_move()

    def action_stretch(self, delta: int) -> None:
        if self.words:
            self.head = max(0, min(len(self.words) - 1, self.head + delta))
            self._after_move()

    def action_line(self, delta: int) -> None:
        """The word in the same column of the next (or previous) screen line."""
        if not self.words or not self._lines:
            return
        at = self.words[self.head][0]
        y = self.line_of(at)
        target = max(0, min(len(self._lines) - 1, y + delta))
        if target == y:
            return
        column = at - self._lines[y][0]
        start, end = self._lines[target]
        self.fixed = self.head = self.word_at(min(start + column, max(start, end - 1)))
        self._after_move()

    def offset_at(self, x: int, y: int) -> int | None:
        """The text offset under a point of the view (None on the gutter or past the text)."""
        index = y + int(self.scroll_y)
        if index >= len(self._lines) or x < GUTTER:
            return None
        start, end = self._lines[index]
        column, offset = x - GUTTER + int(self.scroll_x), start
        while offset < end and cell_len(self._display[start : offset + 1]) <= column:
            offset += 1
        return min(offset, max(start, end - 1))

    def on_click(self, event: events.Click) -> None:
        offset = self.offset_at(event.x, event.y)
        if offset is None or not self.words:
            return
        self.head = self.word_at(offset)
        if not event.shift:
            self.fixed = self.head
        self._after_move()

    def _restyle(self) -> None:
        super()._restyle()
        span = self.span
        if span is not None:
            self._spans.append((span[0], span[1], "mark"))


class MarkScreen(ModalScreen[tuple[int, int] | None]):
    """Choose the words of a missed figure; dismissed with their (start, end) in the article text, or None."""

    HELP_TITLE = "Selecting a missed figure's words (a)"
    HELP_ALSO = (MarkView,)  # the keys that move the selection are the view's

    BINDINGS = [
        Binding("enter", "take", "Take words", id="mark.take"),
        Binding("escape", "cancel", "Cancel", id="mark.cancel"),
    ]
    DEFAULT_CSS = """
    MarkScreen { align: center middle; }
    MarkScreen > Vertical { width: 100%; height: 100%; border: round $accent; background: $surface; }
    MarkScreen MarkView { height: 1fr; }
    MarkScreen #mark-words { height: 1; padding: 0 1; }
    MarkScreen #mark-help { height: 1; padding: 0 1; color: $text-muted; }
    """

    def __init__(self, store: ClaimStore, article_id: str, around: int, title: str) -> None:
        super().__init__()
        self.store = store
        self.article_id = article_id
        self.around = around
        self.title_words = title

    def compose(self) -> ComposeResult:
        with Vertical() as box:
            box.border_title = Content(one_line(f"Select the missed figure in: {self.title_words}", 200))
            yield Static(Content("Selected: "), id="mark-words")
            yield Static(
                Content("←/→ a word · shift+←/→ stretch · ↑/↓ a line · click, shift+click · Enter take · Esc cancel"),
                id="mark-help",
            )
            yield MarkView(self.store, self.article_id, self.around, id="mark-view")
        yield Footer()

    def on_mount(self) -> None:
        self.query_one(MarkView).focus()

    def on_mark_view_moved(self, event: MarkView.Moved) -> None:
        words = self.query_one(MarkView).selected_text()
        self.query_one("#mark-words", Static).update(Content(one_line(f"Selected: {display_text(words)}", 300)))

    def action_take(self) -> None:
        self.dismiss(self.query_one(MarkView).span)

    def action_cancel(self) -> None:
        self.dismiss(None)

"""The middle pane: one article's text, every figure highlighted by the status of its group.

A line-API view: the text is wrapped here, once per width, into (start, end) offsets, so a claim's offsets map to
a screen line directly and only visible lines are ever styled. Article text is never markup: it is shown through
`display_text` (control characters made visible, one for one) inside a rich `Text`.
"""

from __future__ import annotations

import bisect
from functools import lru_cache
from typing import TYPE_CHECKING

from rich.cells import cell_len
from rich.segment import Segment
from rich.text import Text
from textual.binding import Binding
from textual.geometry import Size
from textual.message import Message
from textual.scroll_view import ScrollView
from textual.strip import Strip

from kzview.kinds import Status
from kzview.safe import display_text
from kzview.tui.messages import CorrectionWanted, VerdictWanted
from kzview.tui.widgets.cursor_list import LineCache, still_reading

if TYPE_CHECKING:
    from kzview.claimstore import ClaimStore
    from kzview.model import Article, Claim
    from kzview.tui.messages import SelectionChanged, StoreLoaded, VerdictChanged

GUTTER = 3
MARKERS = {Status.CONFLICT: "✗", Status.UPDATE: "↗", Status.CONSISTENT: "✓", Status.SINGLE: "·"}
_SEVERITY = {Status.CONFLICT: 0, Status.UPDATE: 1, Status.CONSISTENT: 2, Status.SINGLE: 3, None: 4}


def wrap_offsets(text: str, width: int) -> list[tuple[int, int]]:
    """Greedy word wrap of `text` to `width` cells, as (start, end) offsets into `text`."""
    width = max(8, width)
    out: list[tuple[int, int]] = []
    pos = 0
    for para in text.split("\n"):
        start, end = pos, pos + len(para)
        pos = end + 1
        if start == end:
            out.append((start, start))
            continue
        while start < end:
            chunk_end = min(end, start + width)
            chunk = text[start:chunk_end]
            if not chunk.isascii():
                while chunk_end > start + 1 and cell_len(text[start:chunk_end]) > width:
                    chunk_end -= 1
                chunk = text[start:chunk_end]
            if chunk_end >= end:
                out.append((start, end))
                break
            cut = chunk.rfind(" ")
            if cut <= 0:
                out.append((start, chunk_end))  # a word longer than the line: hard break
                start = chunk_end
            else:
                out.append((start, start + cut))
                start = start + cut + 1
    return out


class ArticleView(LineCache, ScrollView, can_focus=True):
    HELP_TITLE = "Article text"  # its section of the help screen
    STYLE_PREFIX = "articleview"
    COMPONENT_CLASSES = {
        "articleview--conflict",
        "articleview--update",
        "articleview--consistent",
        "articleview--single",
        "articleview--figure",
        "articleview--date",
        "articleview--selected",
        "articleview--current",
        "articleview--furniture",
        "articleview--headline",
        "articleview--gutter",
        "articleview--empty",
        "articleview--mark",
    }
    BINDINGS = [
        Binding("n", "next_claim", "Next figure", id="article.next_claim", tooltip="Move to the next figure"),
        Binding("p,N", "prev_claim", "Prev figure", id="article.prev_claim", tooltip="Move to the previous figure"),
        Binding(
            "v", "verdict", "Verdict", id="article.verdict", tooltip="Set a verdict and note on the current figure"
        ),
        Binding(
            "x",
            "not_a_figure",
            "Not a figure",
            id="article.not_a_figure",
            tooltip="Correct the machine: the figure under the cursor is no figure (kept with your verdicts)",
        ),
        Binding(
            "c",
            "correct",
            "Correct",
            id="article.correct",
            tooltip="Correct the machine's reading of the figure: topic, interval, subject, place, source, event",
        ),
        Binding(
            "a",
            "add_missed",
            "Add missed",
            id="article.add_missed",
            tooltip="Add a figure kzview missed: select its words in the text, then give its topic and interval",
        ),
        Binding(
            "enter",
            "choose_claim",
            "Its group",
            id="article.choose",
            tooltip="Select the figure's group in the conflict table",
        ),
        Binding("j,down", "scroll_down", "Down", show=False, id="article.down"),
        Binding("k,up", "scroll_up", "Up", show=False, id="article.up"),
        Binding("g,home", "scroll_home", "Top", show=False, id="article.top"),
        Binding("G,end", "scroll_end", "Bottom", show=False, id="article.bottom"),
        Binding("pageup,b", "page_up", "Page up", show=False, id="article.page_up"),
        Binding("pagedown,space", "page_down", "Page down", show=False, id="article.page_down"),
    ]

    class ClaimChosen(Message):
        """The user asked to see the group of the figure under the cursor."""

        def __init__(self, claim: Claim) -> None:
            super().__init__()
            self.claim = claim

    def __init__(self, store: ClaimStore, **kwargs) -> None:
        super().__init__(**kwargs)
        self.store = store
        self.article: Article | None = None
        self.figures: list[Claim] = []
        self.current: int | None = None  # index into self.figures
        self.selected_group: str | None = None
        self._lines: list[tuple[int, int]] = []
        self._line_starts: list[int] = []
        self._wrap_width = 0
        self._display = ""
        self._spans: list[tuple[int, int, str]] = []
        self._pending_offset: int | None = None

    # -- content --------------------------------------------------------------------------------------------
    def show_article(self, article_id: str | None, keep_scroll: bool = False) -> None:
        article = self.store.article_by_id.get(article_id) if article_id else None
        changed = article is not self.article
        self.article = article
        self.figures = (
            [c for c in self.store.claims_by_article.get(article_id or "", []) if c.kind != "date"] if article else []
        )
        if changed:
            self.current = None
        self._display = display_text(article.text) if article else ""
        self._rewrap(force=True)
        self._restyle()
        if changed and not keep_scroll:
            self.scroll_to(y=0, animate=False)
        self._update_titles()

    def on_store_loaded(self, event: StoreLoaded) -> None:
        """The store was replaced: the same article from the new store, where the reader was."""
        self.show_article(self.article.id if self.article else None, keep_scroll=True)

    def on_selection_changed(self, event: SelectionChanged) -> None:
        if (self.article.id if self.article else None) != event.article_id:
            self.show_article(event.article_id)
        self.set_group(event.group_id)

    def on_verdict_changed(self, event: VerdictChanged) -> None:
        self.redraw()

    def show_offset(self, offset: int) -> None:
        """Bring a place in the text into view (a search hit), after layout if the pane was just shown."""
        self._pending_offset = offset
        self.call_after_refresh(self._apply_pending_scroll)

    def set_group(self, group_id: str | None) -> None:
        previous, self.selected_group = self.selected_group, group_id
        if self.article is None:
            return
        # redraw only if the old or the new group has figures in this article (rarely, in a large corpus)
        mine = self.store.claims_by_article.get(self.article.id, [])
        if any(g in (previous, group_id) for c in mine for g in self.store.groups_of_claim.get(c.id, ())):
            self._restyle()

    def _update_titles(self) -> None:
        from textual.content import Content

        a = self.article
        if a is None:
            self.border_title = Content("No article")
            self.border_subtitle = None
            return
        st = self.store.stats.get(a.id)
        date = f"{a.date}{' (inferred)' if a.date_inferred else ''}" if a.date else "undated"
        self.border_title = Content(display_text(a.id))
        bits = [date]
        if st:
            bits.append(f"{st.claims} figures, {st.conflicting} in conflict")
        if self.current is not None and self.current < len(self.figures):
            c = self.figures[self.current]
            if c.event:
                # which event the figure was placed in, and the words that placed it there
                bits.append(display_text(f"{c.surface}: {c.event} (“{c.event_words}”)")[:80])
        self.border_subtitle = Content(" · ".join(bits))

    def _rewrap(self, force: bool = False) -> None:
        width = max(8, self.scrollable_content_region.width - GUTTER)
        if not force and width == self._wrap_width:
            return
        self._wrap_width = width
        self._lines = wrap_offsets(self._display, width) if self.article else []
        self._line_starts = [s for s, _ in self._lines]
        size = Size(width + GUTTER, len(self._lines))
        if size != self.virtual_size:
            # Set past the reactive, as Textual's own resize does: through it, every article opened re-laid out
            # the whole screen (70 ms at 1,000 articles) where only this view's scroll range changes. The
            # vertical scrollbar is always shown (app.tcss), so no change of length toggles it into a layout.
            self.set_reactive(ScrollView.virtual_size, size)
            self._scroll_update(size)
        self.redraw()

    def _restyle(self) -> None:
        """Compute the styled spans: regions dim, headline bold, figures by status, selection, cursor."""
        spans: list[tuple[int, int, str]] = []
        a = self.article
        if a is not None:
            for r in a.regions:
                spans.append((r.start, r.end, "date" if r.kind == "dateline" else "furniture"))
            if a.title_span:
                spans.append((a.title_span[0], a.title_span[1], "headline"))
            gid = self.selected_group
            for c in self.store.claims_by_article.get(a.id, []):
                status = self.store.claim_status(c.id)
                if c.kind == "date":
                    name = "conflict" if c.finding else "date"
                else:
                    name = status.value if status else "figure"
                spans.append((c.start, c.end, name))
                if gid is not None and gid in self.store.groups_of_claim.get(c.id, ()):
                    spans.append((c.start, c.end, "selected"))
            if self.current is not None and self.current < len(self.figures):
                c = self.figures[self.current]
                spans.append((c.start, c.end, "current"))
        self._spans = spans
        self.redraw()

    # -- navigation -----------------------------------------------------------------------------------------
    def line_of(self, offset: int) -> int:
        return max(0, bisect.bisect_right(self._line_starts, offset) - 1)

    def scroll_to_offset(self, offset: int) -> None:
        y = self.line_of(offset)
        top = max(0, y - max(1, self.scrollable_content_region.height // 3))
        if not (self.scroll_y <= y < self.scroll_y + self.scrollable_content_region.height - 1):
            self.scroll_to(y=top, animate=False)

    def focus_claim(self, claim_id: str) -> None:
        """Put the cursor on a claim and bring it into view (after layout, if the pane was just shown)."""
        c = self.store.claim_by_id.get(claim_id)
        if c is None or self.article is None or c.article != self.article.id:
            return
        for i, f in enumerate(self.figures):
            if f.id == claim_id:
                self.current = i
                self._restyle()
                self._update_titles()
        self._pending_offset = c.start  # a date finding has no figure cursor, but is scrolled to all the same
        self.call_after_refresh(self._apply_pending_scroll)

    def _apply_pending_scroll(self) -> None:
        if self._pending_offset is not None and self.scrollable_content_region.height > 0:
            self._rewrap()
            self.scroll_to_offset(self._pending_offset)
            self._pending_offset = None

    def _step(self, delta: int) -> None:
        if not self.figures:
            return
        if self.current is None:
            top = self._lines[int(self.scroll_y)][0] if self._lines else 0
            after = [i for i, c in enumerate(self.figures) if c.start >= top]
            self.current = (after[0] if after else 0) if delta > 0 else (after[0] - 1 if after else -1)
            self.current %= len(self.figures)
        else:
            self.current = (self.current + delta) % len(self.figures)
        self._restyle()
        self._update_titles()
        self.scroll_to_offset(self.figures[self.current].start)

    def action_next_claim(self) -> None:
        self._step(1)

    def action_prev_claim(self) -> None:
        self._step(-1)

    def action_not_a_figure(self) -> None:
        if still_reading(self, self.store):
            return
        if self.current is not None and self.current < len(self.figures):
            self.post_message(CorrectionWanted(self.figures[self.current].id, {"not_a_figure": True}))
        else:
            self.app.notify("Move to a figure first (n / p).", markup=False)

    def action_correct(self) -> None:
        from kzview.tui.screens.correct import CorrectScreen

        if still_reading(self, self.store):
            return
        if self.current is None or self.current >= len(self.figures):
            self.app.notify("Move to a figure first (n / p).", markup=False)
            return
        claim = self.figures[self.current]

        def done(result: tuple[dict, str] | None) -> None:
            if result is not None:
                self.post_message(CorrectionWanted(claim.id, result[0], result[1]))

        self.app.push_screen(CorrectScreen(claim, self.store.article_label(claim.article)), done)

    def action_add_missed(self) -> None:
        """Select the missed figure's words in the text (MarkScreen), then give its topic and interval."""
        from kzview.tui.screens.correct import MissedScreen
        from kzview.tui.screens.mark import MarkScreen

        article = self.article
        if article is None or still_reading(self, self.store):
            return
        if self.current is not None and self.current < len(self.figures):
            around = self.figures[self.current].start
        else:  # the first word on screen
            around = self._lines[int(self.scroll_y)][0] if int(self.scroll_y) < len(self._lines) else 0
        label = self.store.article_label(article.id)
        title = f"{label}: {article.title}" if article.title else label

        def done(result: tuple[int, int, dict, str] | None) -> None:
            if result is not None:
                start, end, changes, note = result
                self.post_message(CorrectionWanted("", changes, note, missed=(article.id, start, end)))

        def marked(span: tuple[int, int] | None) -> None:
            if span is not None:
                self.app.push_screen(MissedScreen(article.text, span[0], title, span=span), done)

        self.app.push_screen(MarkScreen(self.store, article.id, around, title), marked)

    def action_verdict(self) -> None:
        if still_reading(self, self.store):
            return
        if self.current is not None and self.current < len(self.figures):
            self.post_message(VerdictWanted("claim", self.figures[self.current].id))
        else:
            self.app.notify("Move to a figure first (n / p).", markup=False)

    def _verdict_mark(self, start: int, end: int) -> str:
        """A claim's own verdict (upper case) or its group's (lower case) for the figures on this line."""
        from kzview.verdicts import VERDICTS

        for c in self.figures:
            if start <= c.start < end or (start == end == c.start):
                v = self.store.verdict("claim", c.id)
                if v:
                    return "!" if v.stale else VERDICTS.get(v.verdict, "?").upper()
                for gid in self.store.groups_of_claim.get(c.id, ()):
                    gv = self.store.verdict("group", gid)
                    if gv:
                        return "!" if gv.stale else VERDICTS.get(gv.verdict, "?")
        return " "

    def action_choose_claim(self) -> None:
        if self.current is not None and self.current < len(self.figures):
            self.post_message(self.ClaimChosen(self.figures[self.current]))

    # -- rendering ------------------------------------------------------------------------------------------
    def on_resize(self) -> None:
        self._rewrap()
        if self._pending_offset is None and self.current is not None and self.current < len(self.figures):
            self._pending_offset = self.figures[self.current].start
        self._apply_pending_scroll()

    def render_line(self, y: int) -> Strip:
        scroll_x, scroll_y = self.scroll_offset
        index = y + scroll_y
        width = self.scrollable_content_region.width
        if index >= len(self._lines):
            return Strip.blank(width, self.rich_style)
        strip = self._render_cached(index, self._version)
        return strip.crop_extend(scroll_x, scroll_x + width, self.rich_style)

    @lru_cache(maxsize=1024)  # noqa: B019 - cleared whenever content or styles change
    def _render_cached(self, index: int, version: int) -> Strip:
        start, end = self._lines[index]
        styles = self.styles_for()
        line = Text(self._display[start:end], end="")
        worst: Status | None = None
        has_figure = False
        is_current = False
        for s, e, name in self._spans:
            if s < end and e > start or (s == e == start):
                line.stylize(styles[name], max(s, start) - start, min(e, end) - start)
                if name in ("conflict", "update", "consistent", "single") and s >= start:
                    st = Status(name)
                    if _SEVERITY[st] < _SEVERITY[worst]:
                        worst = st
                if name in ("figure",) and s >= start:
                    has_figure = True
                if name == "current":
                    is_current = True
        if is_current:
            mark = "▶"
        elif worst is not None:
            mark = MARKERS[worst]
        else:
            mark = "•" if has_figure else " "
        gutter = Text(f"{mark}{self._verdict_mark(start, end)} ", style=styles["gutter"], end="")
        segments = list(gutter.render(self.app.console)) + list(line.render(self.app.console))
        return Strip(Segment.simplify(segments)).apply_style(self.rich_style)

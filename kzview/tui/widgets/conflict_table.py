"""The right pane: every claim group, conflicts first, and the reason for the highlighted one."""

from __future__ import annotations

from typing import TYPE_CHECKING

from rich.text import Text
from textual.binding import Binding
from textual.containers import Vertical
from textual.content import Content
from textual.message import Message
from textual.widget import Widget

from kzview.kinds import Status
from kzview.safe import one_line
from kzview.tui.messages import MergeWanted, VerdictWanted
from kzview.tui.widgets.cursor_list import StoreList, nav_bindings, still_reading
from kzview.words import STATUS_WORDS as STATUS_WORDS
from kzview.words import count_words, short_id
from kzview.words import figure_words as figure_words
from kzview.words import short_label as short_label
from kzview.words import sources_words as sources_words
from kzview.words import timeline as timeline
from kzview.words import what_words as what_words

if TYPE_CHECKING:
    from kzview.claimstore import ClaimStore
    from kzview.model import ClaimGroup
    from kzview.tui.messages import SelectionChanged, StoreLoaded, VerdictChanged


STATUS_CELL = {  # the words (kzview.words) and their styles
    Status.CONFLICT: (STATUS_WORDS[Status.CONFLICT], "bold red"),
    Status.UPDATE: (STATUS_WORDS[Status.UPDATE], "bold yellow"),
    Status.CONSISTENT: (STATUS_WORDS[Status.CONSISTENT], "green"),
    Status.SINGLE: (STATUS_WORDS[Status.SINGLE], "dim"),
}


class GroupTable(StoreList):
    """Every group, one line each under a fixed header, drawn line by line: 40,000 groups fill at once and all
    of them can be scrolled to; the filter reaches every group too."""

    HELP_TITLE = "Conflict table"  # its section of the help screen

    HEADER_LINES = 1
    STYLE_PREFIX = "grouptable"
    COMPONENT_CLASSES = {"grouptable--cursor", "grouptable--header", "grouptable--odd"}
    BINDINGS = [
        Binding(
            "enter",
            "choose",
            "Evidence",
            id="groups.select",
            tooltip="Every source's sentence for this group, side by side",
        ),
        Binding(
            "g",
            "jump",
            "Go to figures",
            id="groups.jump",
            tooltip="Highlight the group's figures and jump the article pane to the first",
        ),
        Binding("v", "verdict", "Verdict", id="groups.verdict", tooltip="Set a verdict and note on this group"),
        Binding(
            "f",
            "filter",
            "Filter",
            id="groups.filter",
            tooltip="Show only groups matching words (status, topic, subject, place, verdict, figures)",
        ),
        Binding(
            "s",
            "toggle_single",
            "Singles",
            id="groups.toggle_single",
            tooltip="Show or hide groups only one article gives",
        ),
        Binding(
            "m",
            "merge",
            "Merge",
            id="groups.merge",
            show=False,  # in the help screen and the palette; the footer keeps room for the keys used most
            tooltip="Mark this group, then press m on the group it is one with: its figures join the marked one",
        ),
        *nav_bindings("groups", "The group's figures light up as you move"),
    ]

    class GroupHighlighted(Message):
        def __init__(self, group_id: str | None) -> None:
            super().__init__()
            self.group_id = group_id

    class GroupChosen(Message):
        """Enter: open the evidence for this group."""

        def __init__(self, group_id: str) -> None:
            super().__init__()
            self.group_id = group_id

    class GroupJump(Message):
        """g: jump the article pane to the group's first figure."""

        def __init__(self, group_id: str) -> None:
            super().__init__()
            self.group_id = group_id

    class FilterWanted(Message):
        pass

    def __init__(self, store: ClaimStore, **kwargs) -> None:
        super().__init__(store, **kwargs)
        self.hide_single = False
        self._figures: dict[str, str] = {}  # group id -> its figures in words, made when first shown or searched
        self._hay: dict[str, str] = {}  # group id -> its words for the filter, lower case, but the verdict
        self._figures_of: list[ClaimGroup] | None = None
        self._what_cache: tuple[int, bool, int] | None = None
        self.merge_from: str | None = None  # a group marked with m, waiting for the group it is one with
        self._clash_cache: tuple[int, int] | None = None  # (rows shown, width of "what") for the columns

    @property
    def row_count(self) -> int:
        return len(self.shown)

    @property
    def selected_group_id(self) -> str | None:
        return self.shown[self.highlighted] if self.highlighted is not None and self.shown else None

    # -- cells ----------------------------------------------------------------------------------------------
    def figures_cell(self, g: ClaimGroup, compact: int = 0) -> str:
        """The group's figures with their outlets; in a conflict the two that clash come first, set apart by
        "≠", so the row shows the clash itself at any width. `compact` (a narrow pane): outlets without their
        domain ending and no dates; at 2 (a very narrow pane) the clash is written "100 ≠ 70 (one / other)"."""
        key = f"{compact}:{g.id}"
        text = self._figures.get(key)
        if text is None:

            def outlet(cid: str, cut: int) -> str:
                return one_line(short_label(self.store.article_label(self.store.claim_by_id[cid].article)), cut)

            def one(cid: str) -> str:
                c = self.store.claim_by_id[cid]
                label = self.store.article_label(c.article)
                if compact:
                    return f"{figure_words(c)} ({outlet(cid, 16)})"
                when = f" {c.as_of:%m-%d}" if c.as_of else ""
                return f"{figure_words(c)} ({label}{when})"

            clash = [cid for cid in g.clash if cid in self.store.claim_by_id][:2]
            rest = [cid for cid in g.claims if cid not in clash]
            if len(clash) == 2 and compact == 2:
                a, b = (figure_words(self.store.claim_by_id[cid]) for cid in clash)
                text = f"{a} ≠ {b} ({outlet(clash[0], 9)} / {outlet(clash[1], 9)})"
                shown: list[str] = []
            elif len(clash) == 2:
                text = f"{one(clash[0])} ≠ {one(clash[1])}"
                shown = rest[:4]
                if shown:
                    text += "  · " + "  ".join(one(cid) for cid in shown)
            else:
                shown = g.claims[:6]
                rest = g.claims
                text = "  ".join(one(cid) for cid in shown)
            more = len(rest) - len(shown)
            if more > 0:
                text += f"  (+{more})"
            text = self._figures[key] = one_line(text, 160)
        return text

    def verdict_cell(self, group_id: str) -> Text:
        v = self.store.verdict("group", group_id)
        if v is None:
            return Text("")
        return Text(("! " if v.stale else "") + v.verdict, style="bold" if not v.stale else "italic")

    def _widths(self, width: int) -> tuple[int, int, int]:
        """Columns status, verdict and what, after the cursor bar; then n, and the figures take the rest (cut at
        the pane's edge). Each column earns its width: below 110 columns the status is its glyph alone; the
        verdict column is as wide as the longest verdict set (none when none is); "what" as wide as its words,
        up to a share of the pane."""
        status = 11 if width >= 110 else 2
        verdict = self._verdict_width()
        rest = max(0, width - 1 - status - verdict - 4)
        cap = 36 if width >= 110 else 24 if width >= 70 else 16
        if width < 70:
            cap = min(cap, rest - self._clash_width())  # the clash before the words: "what" yields first
        what = max(10, min(self._what_width(short=width < 70), cap, rest * 2 // 5))
        return status, verdict, what

    def _verdict_width(self) -> int:
        widths = [len(v.verdict) + (2 if v.stale else 0) for v in self.store.verdicts.values() if v.verdict]
        return min(max(widths), 17) + 1 if widths else 0

    def _clash_width(self) -> int:
        """How wide the narrow pane's clash text is ("100 ≠ 70 (one / other)"), over the first rows shown."""
        if self._clash_cache is None or self._clash_cache[0] != len(self.shown):
            rows = [self.store.group_by_id[g] for g in self.shown[:300]]
            lengths = sorted(len(self.figures_cell(g, 2).split("  (+")[0]) for g in rows if len(g.clash) == 2)
            need = lengths[len(lengths) * 3 // 4] if lengths else 0  # most rows' clash whole, not the longest
            self._clash_cache = (len(self.shown), min(need, 44))
        return self._clash_cache[1]

    def _what_width(self, short: bool = False) -> int:
        if self._what_cache is None or self._what_cache[:2] != (len(self.shown), short):
            n = len(self.shown)
            sample = self.shown if n <= 1000 else self.shown[:300] + self.shown[-100:] + self.shown[:: n // 600]
            longest = max((len(what_words(self.store.group_by_id[g], short)) for g in sample), default=4)
            self._what_cache = (len(self.shown), short, max(4, longest) + 1)
        return self._what_cache[2]

    def _line(self, gutter: str, cells: list[Text], n: str, figures: Text, width: int) -> Text:
        out = Text(gutter)
        for cell, w in zip(cells, self._widths(width), strict=True):
            if w == 0:
                continue
            cell.truncate(w - 1, overflow="ellipsis", pad=True)
            out.append_text(cell)
            out.append(" ")
        out.append(f"{n:>3} ")
        out.append_text(figures)
        out.truncate(width, overflow="ellipsis", pad=True)
        return out

    def render_header(self, line: int, width: int) -> Text:
        narrow = self._widths(width)[0] < 11
        cells = [Text("" if narrow else "status"), Text("verdict"), Text("what")]
        text = self._line(" ", cells, "n", Text("figures (outlet) · the clash first"), width)
        text.stylize(self.styles_for()["header"])
        return text

    def render_item(self, index: int, line: int, width: int, cursor: bool) -> Text:
        styles = self.styles_for()
        g = self.store.group_by_id[self.shown[index]]
        label, style = STATUS_CELL[g.status]
        if self._widths(width)[0] < 11:
            label = label.split()[0]  # the glyph alone: "✗", "↗", "✓", "·"
        cells = [Text(label, style=style), self.verdict_cell(g.id), Text(one_line(what_words(g, width < 70), 40))]
        figures = Text(self.figures_cell(g, compact=0 if width >= 110 else 1 if width >= 70 else 2))
        text = self._line("▌" if cursor else " ", cells, str(len(g.articles)), figures, width)
        if cursor:
            text.stylize(styles["cursor"])
        elif index % 2:
            text.stylize(styles["odd"])
        return text

    # -- content --------------------------------------------------------------------------------------------
    def _row_matches(self, g: ClaimGroup) -> bool:
        """Every filter word is in the group's words: status, topic, subject, place, rule, figures, verdict and
        reason. All but the verdict are joined once per group and kept, so a keystroke is one pass of `in`."""
        hay = self._hay.get(g.id)
        if hay is None:
            event = g.event or "story"
            fields = (
                g.status.value,
                STATUS_CELL[g.status][0],
                g.topic,
                g.subject,
                g.scope,
                g.rule,
                g.reason,
                g.measure,
                event,
            )
            hay = self._hay[g.id] = " ".join([*(f for f in fields if f), self.figures_cell(g)]).lower()
        v = self.store.verdict("group", g.id)
        verdict = v.verdict if v else "no verdict"
        return all(w in hay or w in verdict for w in self.filter_words)

    def populate(self) -> None:
        keep = self.selected_group_id
        groups = self.store.groups
        if groups is not self._figures_of:  # the store was replaced: what was worked out is for old groups
            self._figures, self._hay, self._figures_of = {}, {}, groups
        if self.story is not None:
            groups = [g for g in groups if g.story == self.story[0]]
        if self.hide_single:
            groups = [g for g in groups if g.status != Status.SINGLE]
        if self.filter_words:
            groups = [g for g in groups if self._row_matches(g)]
        self.shown = [g.id for g in groups]
        self._position = {gid: i for i, gid in enumerate(self.shown)}
        if isinstance(self.parent, Widget):
            self.parent.border_subtitle = (
                f"provisional: {count_words(len(self.shown), 'group')} so far, the figures are still being read"
                if self.store.provisional and self.store.groups
                else "provisional: the figures are still being read"
                if self.store.provisional
                else count_words(len(self.shown), "group")
            )
        self.set_count(len(self.shown), self._position.get(keep, 0) if keep is not None else 0)

    def on_store_loaded(self, event: StoreLoaded) -> None:
        self.populate()
        # the screen learns which group the cursor is on now, even where the cursor kept its place
        self.post_message(self.GroupHighlighted(self.selected_group_id))

    def on_verdict_changed(self, event: VerdictChanged) -> None:
        if event.kind == "group":
            self.refresh_verdict(event.target_id)

    def refresh_verdict(self, group_id: str) -> None:
        if group_id in self._position:
            self.redraw()

    def show_group(self, group_id: str) -> None:
        if group_id not in self._position and self.hide_single:
            self.hide_single = False
            self.populate()
        index = self._position.get(group_id)
        if index is not None:
            self.move_cursor(index)

    def cursor_moved(self, index: int) -> None:
        self.post_message(self.GroupHighlighted(self.shown[index]))

    def item_chosen(self, index: int) -> None:
        self.post_message(self.GroupChosen(self.shown[index]))

    def action_jump(self) -> None:
        if self.selected_group_id:
            self.post_message(self.GroupJump(self.selected_group_id))

    def action_verdict(self) -> None:
        if still_reading(self, self.store):
            return
        if self.selected_group_id:
            self.post_message(VerdictWanted("group", self.selected_group_id))

    def action_filter(self) -> None:
        self.post_message(self.FilterWanted())

    def action_merge(self) -> None:
        gid = self.selected_group_id
        if gid is None or still_reading(self, self.store):
            return
        if self.merge_from is None or self.merge_from not in self.store.group_by_id:
            self.merge_from = gid
            what = what_words(self.store.group_by_id[gid])
            self.app.notify(
                one_line(f"Marked: {what}. Press m on the group it is one with, or m here to cancel."), markup=False
            )
        elif self.merge_from == gid:
            self.merge_from = None
            self.app.notify("Merge cancelled.", markup=False)
        else:
            into, self.merge_from = self.merge_from, None
            self.post_message(MergeWanted(into, gid))

    def action_toggle_single(self) -> None:
        self.hide_single = not self.hide_single
        self.populate()
        self.app.notify("Single-source groups hidden" if self.hide_single else "Single-source groups shown")


class ReasonPanel(Widget):
    """The highlighted group's reason, and its first figures with source and date.

    Its height is fixed (app.tcss), so new content only repaints it: `Static.update` would re-lay out the whole
    screen on every cursor step, which at ten thousand articles is most of the cost of a key press.
    """

    def __init__(self, store: ClaimStore, **kwargs) -> None:
        super().__init__(**kwargs)
        self.store = store
        self.group_id: str | None = None
        self._content: Content = Content("")

    def on_selection_changed(self, event: SelectionChanged) -> None:
        self.show_group(event.group_id)

    def on_store_loaded(self, event: StoreLoaded) -> None:
        self.show_group(self.group_id)

    def on_verdict_changed(self, event: VerdictChanged) -> None:
        self.show_group(self.group_id)

    @property
    def content(self) -> Content:
        return self._content

    def update(self, content: Content) -> None:
        self._content = content
        self.refresh()

    def render(self) -> Content:
        return self._content

    def show_group(self, group_id: str | None) -> None:
        self.group_id = group_id
        g = self.store.group_by_id.get(group_id) if group_id else None
        if g is None:
            self.update(Content("Select a row to see why its figures agree or clash."))
            return
        label, _ = STATUS_CELL[g.status]
        sources = " · " + sources_words(self.store.group_claims(g.id)[:2000]) if g.claims else ""
        lines = [f"{label.upper()} — {what_words(g)}{sources}", one_line(g.reason)]
        claims = [self.store.claim_by_id[c] for c in g.claims[:12]]  # never the whole of a huge group
        if g.status == Status.UPDATE:
            lines.append(timeline([self.store.claim_by_id[c] for c in g.claims[:500]]))
        for ids in g.agreeing[:3]:
            agree = ", ".join(
                f"{figure_words(self.store.claim_by_id[c])} ({short_id(self.store.claim_by_id[c].article)})"
                for c in ids[:6]
            ) + (f" and {len(ids) - 6} more" if len(ids) > 6 else "")
            lines.append(one_line(f"agree among themselves: {agree}", 200))
        for c in claims:
            src = f", {c.attribution}" if c.attribution else ""
            date = str(c.as_of) if c.as_of else "undated"
            head = " [headline]" if c.headline else ""
            lines.append(one_line(f"  {short_id(c.article)}: {figure_words(c)} ({date}{src}){head}", 200))
        if len(g.claims) > 12:
            lines.append(f"  … and {len(g.claims) - 12} more (Enter: all the evidence)")
        self.update(Content("\n".join(lines)))


class GroupsPane(Vertical):
    """Filter line (on demand), table, and the reason for the highlighted row."""

    def __init__(self, store: ClaimStore, **kwargs) -> None:
        super().__init__(**kwargs)
        self.store = store

    def compose(self):  # noqa: ANN201
        from kzview.tui.widgets.filter_bar import FilterBar

        yield FilterBar("filter: conflict deaths, disputed, Almaty …", id="groups-filter")
        yield GroupTable(self.store, id="groups")
        yield ReasonPanel(self.store, id="reason")

    def on_group_table_filter_wanted(self, event: GroupTable.FilterWanted) -> None:
        from kzview.tui.widgets.filter_bar import FilterBar

        event.stop()
        self.query_one(FilterBar).open()

    def on_input_changed(self, event) -> None:  # noqa: ANN001
        event.stop()
        table = self.query_one(GroupTable)
        table.filter_words = event.value.lower().split()
        table.populate()

    def on_input_submitted(self, event) -> None:  # noqa: ANN001
        event.stop()
        self.query_one(GroupTable).focus()

    def on_filter_bar_cleared(self, event) -> None:  # noqa: ANN001
        event.stop()
        table = self.query_one(GroupTable)
        table.filter_words = []
        table.populate()
        table.focus()

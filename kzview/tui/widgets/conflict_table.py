"""The right pane: every claim group, conflicts first, and the reason for the highlighted one."""

from __future__ import annotations

from rich.text import Text
from textual.binding import Binding
from textual.containers import Vertical
from textual.content import Content
from textual.message import Message
from textual.widget import Widget

from kzview.compare import figure_words
from kzview.model import Claim, ClaimGroup, Status
from kzview.safe import one_line
from kzview.store import ClaimStore
from kzview.tui.widgets.cursor_list import CursorList, nav_bindings

STATUS_CELL = {
    Status.CONFLICT: ("✗ conflict", "bold red"),
    Status.UPDATE: ("↗ update", "bold yellow"),
    Status.CONSISTENT: ("✓ agree", "green"),
    Status.SINGLE: ("· single", "dim"),
}


def short_id(article_id: str) -> str:
    """`002_6d31b14c13160f05` -> `002`: the part before the first underscore, when there is one. An id is a file
    name, so it is hostile input: the result is display-safe (no terminal control reaches the screen)."""
    head = article_id.split("_", 1)[0]
    return one_line(head if head and len(head) < len(article_id) else article_id[:12])


def what_words(g: ClaimGroup) -> str:
    if g.rule == "weekday":
        return "date: weekday"
    bits = [g.measure if g.topic == "other" and g.measure else g.topic]
    if g.subject:
        bits.append(g.subject)
    if g.scope:
        bits.append(f"in {g.scope}")
    if g.rule == "part-whole":
        bits.append("(part > whole)")
    if g.event:
        bits.append(f"[{g.event}]")
    return " · ".join(bits)


class GroupTable(CursorList):
    """Every group, one line each under a fixed header, drawn line by line: 40,000 groups fill at once and all
    of them can be scrolled to; the filter reaches every group too."""

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

    class VerdictWanted(Message):
        def __init__(self, kind: str, target_id: str) -> None:
            super().__init__()
            self.kind = kind
            self.target_id = target_id

    class FilterWanted(Message):
        pass

    def __init__(self, store: ClaimStore, **kwargs) -> None:
        super().__init__(**kwargs)
        self.store = store
        self.hide_single = False
        self.filter_words: list[str] = []
        self.shown: list[str] = []
        self._position: dict[str, int] = {}
        self._figures: dict[str, str] = {}  # group id -> its figures in words, made when first shown or searched
        self._hay: dict[str, str] = {}  # group id -> its words for the filter, lower case, but the verdict
        self._figures_of: list[ClaimGroup] | None = None

    @property
    def row_count(self) -> int:
        return len(self.shown)

    @property
    def selected_group_id(self) -> str | None:
        return self.shown[self.highlighted] if self.highlighted is not None and self.shown else None

    # -- cells ----------------------------------------------------------------------------------------------
    def figures_cell(self, g: ClaimGroup) -> str:
        text = self._figures.get(g.id)
        if text is None:
            head = [self.store.claim_by_id[c] for c in g.claims[:6]]
            text = "  ".join(
                f"{self.store.article_label(c.article)}: {figure_words(c)}" + (f" ({c.as_of:%m-%d})" if c.as_of else "")
                for c in head
            )
            if len(g.claims) > 6:
                text += f"  (+{len(g.claims) - 6})"
            text = self._figures[g.id] = one_line(text, 90)
        return text

    def verdict_cell(self, group_id: str) -> Text:
        v = self.store.verdict("group", group_id)
        if v is None:
            return Text("")
        return Text(("! " if v.stale else "") + v.verdict, style="bold" if not v.stale else "italic")

    def _widths(self, width: int) -> tuple[int, int, int]:
        """Columns status, verdict and what, after the cursor bar; then n in 5, and the figures take the rest (cut
        at the pane's edge, so a narrow pane loses figures before it loses anything else)."""
        rest = max(0, width - 1 - 11 - 10 - 5)
        return 11, 10, max(12, min(36, rest * 3 // 5))

    def _line(self, gutter: str, cells: list[Text], n: str, figures: Text, width: int) -> Text:
        out = Text(gutter)
        for cell, w in zip(cells, self._widths(width), strict=True):
            cell.truncate(w - 1, overflow="ellipsis", pad=True)
            out.append_text(cell)
            out.append(" ")
        out.append(f"{n:>4} ")
        out.append_text(figures)
        out.truncate(width, overflow="ellipsis", pad=True)
        return out

    def render_header(self, line: int, width: int) -> Text:
        cells = [Text(h) for h in ("status", "verdict", "what")]
        text = self._line(" ", cells, "n", Text("figures (article: figure)"), width)
        text.stylize(self.styles_for()["header"])
        return text

    def render_item(self, index: int, line: int, width: int, cursor: bool) -> Text:
        styles = self.styles_for()
        g = self.store.group_by_id[self.shown[index]]
        label, style = STATUS_CELL[g.status]
        cells = [Text(label, style=style), self.verdict_cell(g.id), Text(one_line(what_words(g), 40))]
        text = self._line("▌" if cursor else " ", cells, str(len(g.articles)), Text(self.figures_cell(g)), width)
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
        if self.hide_single:
            groups = [g for g in groups if g.status != Status.SINGLE]
        if self.filter_words:
            groups = [g for g in groups if self._row_matches(g)]
        self.shown = [g.id for g in groups]
        self._position = {gid: i for i, gid in enumerate(self.shown)}
        if isinstance(self.parent, Widget):
            self.parent.border_subtitle = f"{len(self.shown):,} groups"
        self.set_count(len(self.shown), self._position.get(keep, 0) if keep is not None else 0)

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
        if self.selected_group_id:
            self.post_message(self.VerdictWanted("group", self.selected_group_id))

    def action_filter(self) -> None:
        self.post_message(self.FilterWanted())

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
        self._content: Content = Content("")

    @property
    def content(self) -> Content:
        return self._content

    def update(self, content: Content) -> None:
        self._content = content
        self.refresh()

    def render(self) -> Content:
        return self._content

    def show_group(self, group_id: str | None) -> None:
        g = self.store.group_by_id.get(group_id) if group_id else None
        if g is None:
            self.update(Content("Select a row to see why its figures agree or clash."))
            return
        label, _ = STATUS_CELL[g.status]
        sources = f" · {g.sources} independent source{'s' if g.sources != 1 else ''}" if g.sources else ""
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


BLOCKS = "▁▂▃▄▅▆▇█"


def timeline(claims: list[Claim]) -> str:
    """A one-line sparkline of a figure over its dates: "2023-02-06 ▁▄█ 2023-02-08  (1,500 → 11,000)"."""
    points: dict[str, float] = {}
    for c in claims:
        if c.as_of is None:
            continue
        v = c.low if c.low is not None else c.high
        if v is None:
            continue
        day = c.as_of.isoformat()
        points[day] = max(points.get(day, float(v)), float(v))
    if len(points) < 2:
        return "timeline: one date only"
    days = sorted(points)
    lo, hi = min(points.values()), max(points.values())
    span = (hi - lo) or 1.0
    bars = "".join(BLOCKS[round((points[d] - lo) / span * (len(BLOCKS) - 1))] for d in days)
    return f"timeline {days[0]} {bars} {days[-1]}  ({points[days[0]]:,.0f} → {points[days[-1]]:,.0f})"


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

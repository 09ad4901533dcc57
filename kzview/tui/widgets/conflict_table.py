"""The right pane: every claim group, conflicts first, and the reason for the highlighted one."""

from __future__ import annotations

from rich.text import Text
from textual.binding import Binding
from textual.containers import Vertical
from textual.content import Content
from textual.message import Message
from textual.widget import Widget
from textual.widgets import DataTable

from kzview.compare import figure_words
from kzview.model import Claim, ClaimGroup, Status
from kzview.safe import one_line
from kzview.store import ClaimStore

STATUS_CELL = {
    Status.CONFLICT: ("✗ conflict", "bold red"),
    Status.UPDATE: ("↗ update", "bold yellow"),
    Status.CONSISTENT: ("✓ agree", "green"),
    Status.SINGLE: ("· single", "dim"),
}


def short_id(article_id: str) -> str:
    """`002_6d31b14c13160f05` -> `002`: the part before the first underscore, when there is one."""
    head = article_id.split("_", 1)[0]
    return head if head and len(head) < len(article_id) else article_id[:12]


def what_words(g: ClaimGroup) -> str:
    if g.rule == "weekday":
        return "date: weekday"
    bits = [g.topic]
    if g.subject:
        bits.append(g.subject)
    if g.scope:
        bits.append(f"in {g.scope}")
    if g.rule == "part-whole":
        bits.append("(part > whole)")
    return " · ".join(bits)


class GroupTable(DataTable):
    BINDINGS = [
        Binding(
            "enter",
            "select_cursor",
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
        Binding("j", "cursor_down", "Down", show=False, id="groups.down"),
        Binding("k", "cursor_up", "Up", show=False, id="groups.up"),
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
        super().__init__(cursor_type="row", zebra_stripes=True, **kwargs)
        self.store = store
        self.hide_single = False
        self.filter_words: list[str] = []

    def on_mount(self) -> None:
        self.add_column("status", key="status")
        self.add_column("verdict", key="verdict")
        self.add_column("what", key="what")
        self.add_column("figures (article: figure)", key="figures")
        self.add_column("n", key="n")

    def verdict_cell(self, group_id: str) -> Text:
        v = self.store.verdict("group", group_id)
        if v is None:
            return Text("")
        return Text(("! " if v.stale else "") + v.verdict, style="bold" if not v.stale else "italic")

    def refresh_verdict(self, group_id: str) -> None:
        if group_id in self.rows:
            self.update_cell(group_id, "verdict", self.verdict_cell(group_id), update_width=True)

    def _row_matches(self, g: ClaimGroup, figures: str) -> bool:
        from kzview.tui.widgets.filter_bar import matches

        v = self.store.verdict("group", g.id)
        return matches(
            self.filter_words,
            g.status.value,
            STATUS_CELL[g.status][0],
            g.topic,
            g.subject,
            g.scope,
            g.rule,
            figures,
            v.verdict if v else "no verdict",
            g.reason,
        )

    ROW_LIMIT = 2000  # a table of tens of thousands of rows stalls; the filter reaches every group

    def populate(self) -> None:
        keep = self.selected_group_id
        self.clear()
        shown = 0
        self.hidden_rows = 0
        for g in self.store.groups:
            if self.hide_single and g.status == Status.SINGLE:
                continue
            if shown >= self.ROW_LIMIT and not self.filter_words:
                self.hidden_rows += 1  # counted, never built
                continue
            label, style = STATUS_CELL[g.status]
            head = [self.store.claim_by_id[c] for c in g.claims[:6]]
            figures = "  ".join(
                f"{short_id(c.article)}: {figure_words(c)}" + (f" ({c.as_of:%m-%d})" if c.as_of else "") for c in head
            )
            if len(g.claims) > 6:
                figures += f"  (+{len(g.claims) - 6})"
            if self.filter_words and not self._row_matches(g, figures):
                continue
            if shown >= self.ROW_LIMIT:
                self.hidden_rows += 1
                continue
            shown += 1
            self.add_row(
                Text(label, style=style),
                self.verdict_cell(g.id),
                Text(one_line(what_words(g), 40)),
                Text(one_line(figures, 90)),
                Text(str(len(g.articles)), justify="right"),
                key=g.id,
            )
        if self.parent is not None:
            more = f" · {self.hidden_rows:,} more: f to filter" if self.hidden_rows else ""
            self.parent.border_subtitle = f"{shown:,} groups{more}"
        if keep and keep in self.rows:
            self.move_cursor(row=self.get_row_index(keep), animate=False)

    @property
    def selected_group_id(self) -> str | None:
        if not self.row_count:
            return None
        try:
            return self.coordinate_to_cell_key(self.cursor_coordinate).row_key.value
        except Exception:  # noqa: BLE001 - an empty or shrinking table has no cursor row
            return None

    def show_group(self, group_id: str) -> None:
        if group_id not in self.rows and self.hide_single:
            self.hide_single = False
            self.populate()
        if group_id in self.rows:
            self.move_cursor(row=self.get_row_index(group_id), animate=False)

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

    def on_data_table_row_highlighted(self, event: DataTable.RowHighlighted) -> None:
        event.stop()
        self.post_message(self.GroupHighlighted(event.row_key.value if event.row_key else None))

    def on_data_table_row_selected(self, event: DataTable.RowSelected) -> None:
        event.stop()
        if event.row_key and event.row_key.value:
            self.post_message(self.GroupChosen(event.row_key.value))


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

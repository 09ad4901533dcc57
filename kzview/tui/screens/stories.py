"""The `t` screen: the stories of a corpus of many (its folders, or a `story` field), each with its articles,
figures and conflicts; Enter shows one story's articles and conflicts in the panes, or all of them again."""

from __future__ import annotations

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import DataTable, Footer, Static

from kzview.claimstore import ClaimStore, StoryCount
from kzview.safe import one_line
from kzview.tui.widgets.cursor_list import ListKeys, jk_bindings
from kzview.words import count_words

ALL = "\x00all"  # the row that shows every story (no story name can hold a NUL)


class StoriesScreen(ListKeys, ModalScreen[str | None]):
    """Dismissed with the story chosen (its name, "" for the articles under no folder, ALL for every story), or
    None when closed without a choice."""

    HELP_TITLE = "Stories (t)"  # its section of the help screen
    BINDINGS = [
        Binding("enter", "choose", "Show this story", id="stories.choose"),
        Binding("escape,q,t", "dismiss", "Close", id="stories.close"),
        *jk_bindings("stories"),
    ]
    DEFAULT_CSS = """
    StoriesScreen { align: center middle; }
    StoriesScreen > Vertical {
        width: 95%; height: 90%; border: round $accent; background: $surface;
    }
    StoriesScreen DataTable { height: 1fr; }
    StoriesScreen #stories-note { height: auto; padding: 0 1; color: $text-muted; }
    """

    def __init__(self, store: ClaimStore, current: str | None = ALL) -> None:
        super().__init__()
        self.rows: list[StoryCount] = store.story_counts()
        self.current = current

    def compose(self) -> ComposeResult:
        with Vertical() as box:
            box.border_title = f"{count_words(len(self.rows), 'story', 'stories')}: Enter shows one (Esc to close)"
            yield Static(
                Text(
                    "Figures are compared within a story, never across two. Stories are the folders under the "
                    "path you opened, or the `story` field of the records, else found by what the reports name "
                    "(places, people, the kind of event, dates); --one-story compares all as one."
                ),
                id="stories-note",
            )
            yield DataTable(cursor_type="row", zebra_stripes=True, id="stories-table")
        yield Footer()

    def on_mount(self) -> None:
        tables = self.query(DataTable)
        if not tables:
            return
        table = tables.first()
        width = max(60, self.app.size.width - 8)
        name_w = max(16, width - 3 * 12 - 6)
        table.add_column("story", key="story", width=name_w)
        for label in ("articles", "figures", "conflicts"):
            table.add_column(label, key=label, width=10)
        total = [sum(r.articles for r in self.rows), sum(r.figures for r in self.rows)]
        conflicts = sum(r.conflicts for r in self.rows)
        table.add_row(Text("All stories", style="bold"), *self._numbers(*total, conflicts), key=ALL)
        for r in self.rows:
            name = r.story if r.story is not None else "(not in a folder)"
            table.add_row(Text(one_line(name, name_w)), *self._numbers(r.articles, r.figures, r.conflicts), key=r.key)
        keys = [ALL, *(r.key for r in self.rows)]
        if self.current in keys:
            table.move_cursor(row=keys.index(self.current))
        table.focus()

    @staticmethod
    def _numbers(*values: int) -> list[Text]:
        return [Text(f"{v:,}", justify="right") for v in values]

    def action_choose(self) -> None:
        table = self.query_one(DataTable)
        if table.row_count:
            key = table.coordinate_to_cell_key(table.cursor_coordinate).row_key.value
            self.dismiss(key)

    def on_data_table_row_selected(self, event: DataTable.RowSelected) -> None:
        event.stop()
        self.dismiss(event.row_key.value)

    def action_dismiss(self) -> None:  # type: ignore[override]
        self.dismiss(None)

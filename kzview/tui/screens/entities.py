"""The `e` screen: who and what the articles name, under which spellings, and which articles name them."""

from __future__ import annotations

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import DataTable, Footer, Static

from kzview.model import Entity
from kzview.safe import one_line
from kzview.tui.widgets.conflict_table import short_id
from kzview.tui.widgets.cursor_list import ListKeys, jk_bindings


class EntitiesScreen(ListKeys, ModalScreen[None]):
    HELP_TITLE = "Entities (e)"  # its section of the help screen
    BINDINGS = [Binding("escape,q,e", "dismiss", "Close", id="entities.close"), *jk_bindings("entities")]
    DEFAULT_CSS = """
    EntitiesScreen { align: center middle; }
    EntitiesScreen > Vertical {
        width: 95%; height: 90%; border: round $accent; background: $surface;
    }
    EntitiesScreen DataTable { height: 1fr; }
    EntitiesScreen #entities-note { height: auto; padding: 0 1; color: $text-muted; }
    """

    def __init__(self, entities: list[Entity]) -> None:
        super().__init__()
        self.entities = entities

    def compose(self) -> ComposeResult:
        with Vertical() as box:
            box.border_title = "Entities: one name, every spelling (Esc to close)"
            yield Static(
                Text(
                    "Spellings are joined by the alias table (data/aliases.toml) and by close spelling; "
                    "attributions use the entity's name."
                ),
                id="entities-note",
            )
            yield DataTable(cursor_type="row", zebra_stripes=True, id="entities-table")
        yield Footer()

    def on_mount(self) -> None:
        tables = self.query(DataTable)
        if not tables:
            return  # closed again before it was drawn (e pressed twice): nothing to fill
        table = tables.first()
        # every column on screen at 80 columns: the name and the articles cut to their share, the spellings the rest
        width = max(60, self.app.size.width - 8)
        name_w, arts_w = min(30, max(14, width // 4)), min(24, max(8, width // 7))
        spell_w = max(12, width - name_w - arts_w - 8 - 4 - 10)
        for label, key, w in (
            ("entity", "name", name_w),
            ("kind", "kind", 8),
            ("articles", "articles", arts_w),
            ("n", "n", 4),
            ("spellings", "spellings", spell_w),
        ):
            table.add_column(label, key=key, width=w)
        for e in self.entities:
            table.add_row(
                Text(one_line(e.name, name_w)),
                Text(e.kind),
                Text(one_line(" ".join(short_id(a) for a in e.articles), arts_w)),
                Text(str(e.mentions), justify="right"),
                Text(one_line(" / ".join(e.spellings), spell_w)),
                key=e.id,
            )
        table.focus()

    def action_dismiss(self) -> None:  # type: ignore[override]
        self.dismiss(None)

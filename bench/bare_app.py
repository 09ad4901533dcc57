"""A bare three-widget Textual app, the baseline for the first-frame benchmark (bench/tmux_first_frame.py)."""

from textual.app import App, ComposeResult
from textual.containers import Horizontal, VerticalScroll
from textual.widgets import DataTable, Footer, Header, OptionList, Static


class Bare(App):
    CSS = "OptionList { width: 26%; } #text { width: 1fr; } DataTable { width: 40%; }"

    def compose(self) -> ComposeResult:
        yield Header()
        with Horizontal():
            yield OptionList(*[f"article {i}" for i in range(5)])
            with VerticalScroll(id="text"):
                yield Static("An article's text.", markup=False)
            yield DataTable()
        yield Footer()

    def on_mount(self) -> None:
        table = self.query_one(DataTable)
        table.add_columns("status", "what", "figures")
        table.add_rows([("conflict", f"row {i}", "a: 1  b: 2") for i in range(4)])


if __name__ == "__main__":
    Bare().run()

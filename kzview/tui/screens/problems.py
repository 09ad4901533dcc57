"""The problems view (!): every file, or part of one, that was not read as an article, with its reason."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.content import Content
from textual.screen import ModalScreen
from textual.widgets import Footer, OptionList, Static
from textual.widgets.option_list import Option

from kzview.model import LoadProblem
from kzview.safe import one_line
from kzview.tui.widgets.cursor_list import ListKeys, jk_bindings


class ProblemsScreen(ListKeys, ModalScreen[None]):
    HELP_TITLE = "Files not read as articles (!)"  # its section of the help screen
    BINDINGS = [Binding("escape,q,exclamation_mark", "dismiss", "Close", id="problems.close"), *jk_bindings("problems")]
    DEFAULT_CSS = """
    ProblemsScreen { align: center middle; }
    ProblemsScreen > Vertical {
        width: 96%; height: 80%; border: round $accent; background: $surface; padding: 0 1;
    }
    ProblemsScreen #problems-note { height: auto; color: $text-muted; }
    ProblemsScreen OptionList { height: 1fr; }
    """

    def __init__(self, problems: list[LoadProblem]) -> None:
        super().__init__()
        self.problems = problems

    def compose(self) -> ComposeResult:
        with Vertical() as box:
            n = len(self.problems)
            box.border_title = f"Not read as articles: {n} file{'s' if n != 1 else ''} or parts (Esc to close)"
            yield Static(
                Content("Each with its reason. The rest of the corpus loaded; nothing here stops it."),
                id="problems-note",
            )
            options = [Option(Content(one_line(f"{p.path}: {p.reason}", 400))) for p in self.problems]
            yield OptionList(*(options or [Option(Content("Every file was read."))]), id="problems-list")
        yield Footer()

    def on_mount(self) -> None:
        self.query_one(OptionList).focus()

    def action_dismiss(self) -> None:  # type: ignore[override]
        self.dismiss(None)

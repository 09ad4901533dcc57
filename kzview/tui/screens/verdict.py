"""The verdict dialog: one key per verdict, a note, Enter to save, Esc to cancel."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.content import Content, Span
from textual.screen import ModalScreen
from textual.widgets import Footer, Input, OptionList, Static
from textual.widgets.option_list import Option

from kzview.model import Verdict
from kzview.safe import one_line
from kzview.verdicts import VERDICTS


class VerdictScreen(ModalScreen[tuple[str, str] | None]):
    """Returns (verdict, note), or None when cancelled."""

    HELP_TITLE = "Verdict dialog (v)"  # its section of the help screen

    BINDINGS = [
        Binding("escape", "cancel", "Cancel", id="verdict.cancel"),
        *[
            Binding(key, f"choose('{name}')", name.capitalize(), id=f"verdict.{name.replace(' ', '_')}")
            for name, key in VERDICTS.items()
        ],
    ]
    DEFAULT_CSS = """
    VerdictScreen { align: center middle; }
    VerdictScreen > Vertical {
        width: 80; max-width: 100%; height: auto; max-height: 100%; border: round $accent; background: $surface;
        padding: 0 1;
    }
    VerdictScreen OptionList { height: auto; max-height: 8; }
    VerdictScreen #verdict-target { height: auto; max-height: 10; overflow-y: auto; }
    VerdictScreen #verdict-help { height: 1; color: $text-muted; }
    """

    def __init__(self, heading: str, target: str, current: Verdict | None) -> None:
        super().__init__()
        self.heading = heading
        self.target = target
        self.current = current

    def compose(self) -> ComposeResult:
        with Vertical() as box:
            box.border_title = f"Verdict on {self.heading.lower()}"
            # the whole figure and its whole sentence (wrapped, never cut), the outlet and the date
            yield Static(Content(one_line(self.target, 2000)), id="verdict-target")
            options = []
            for name, key in VERDICTS.items():
                text = f"{key}  {name}"
                options.append(Option(Content(text, spans=[Span(0, 1, "bold $accent")]), id=name))
            yield OptionList(*options, id="verdict-options")
            yield Input(placeholder="note (optional): who to call, what to check", id="verdict-note")
            yield Static(
                Content("letter or ↑↓ to choose · Tab to the note · Enter to save · Esc to cancel"), id="verdict-help"
            )
        yield Footer()

    def on_mount(self) -> None:
        options = self.query_one(OptionList)
        if self.current and self.current.verdict in VERDICTS:
            options.highlighted = list(VERDICTS).index(self.current.verdict)
            self.query_one(Input).value = self.current.note
        else:
            options.highlighted = 0
        options.focus()

    def action_choose(self, name: str) -> None:
        if self.focused is self.query_one(Input):
            return  # letters typed into the note are text, not choices
        self.query_one(OptionList).highlighted = list(VERDICTS).index(name)
        self.query_one(Input).focus()

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        self.query_one(Input).focus()

    def on_input_submitted(self, event: Input.Submitted) -> None:
        event.stop()
        self._save()

    def _save(self) -> None:
        index = self.query_one(OptionList).highlighted
        if index is None:
            return
        self.dismiss((list(VERDICTS)[index], self.query_one(Input).value.strip()))

    def action_cancel(self) -> None:
        self.dismiss(None)

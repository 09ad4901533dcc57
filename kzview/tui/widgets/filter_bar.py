"""A filter line above a list: typed words narrow it, Esc clears and hides it."""

from __future__ import annotations

from textual.binding import Binding
from textual.message import Message
from textual.widgets import Input


class FilterBar(Input):
    HELP_TITLE = "Filter line (f)"  # its section of the help screen
    BINDINGS = [Binding("escape", "clear", "Clear filter", id="filter.clear", tooltip="Clear the filter and hide it")]

    class Cleared(Message):
        def __init__(self, bar: FilterBar) -> None:
            super().__init__()
            self.bar = bar

    def __init__(self, placeholder: str, **kwargs) -> None:
        super().__init__(placeholder=placeholder, **kwargs)
        self.display = False

    def open(self) -> None:
        self.display = True
        self.focus()

    def action_clear(self) -> None:
        self.value = ""
        self.display = False
        self.post_message(self.Cleared(self))


def matches(words: list[str], *fields: object) -> bool:
    """Every filter word appears in one of the fields (case-insensitive)."""
    hay = " ".join(str(f) for f in fields if f).lower()
    return all(w in hay for w in words)

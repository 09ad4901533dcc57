"""The `?` screen: every key, built from the bindings themselves so it can never drift from them."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.content import Content, Span
from textual.screen import ModalScreen
from textual.widgets import Footer, Static

INTRO = (
    "kzview lines up the figures several sources give for one event.\n"
    "Left: articles (● = touched by the selected group, ✗n = figures in conflict, ? after a date = inferred).\n"
    "Middle: the article; figures marked ✗ conflict, ↗ update, ✓ agree, · one source only; ▶ the current figure;\n"
    "dim text is site furniture (ads, captions, bios) that kzview ignores.\n"
    "Right: every group of comparable figures, conflicts first, with the reason below."
)


def _keys(binding: Binding, display=None) -> str:  # noqa: ANN001
    """Each key as the terminal user types it: "?" rather than "question_mark"."""
    keys = [k.strip() for k in binding.key.split(",")]
    if display is None:
        return ", ".join(keys)
    return ", ".join(display(Binding(k, binding.action, binding.description)) for k in keys)


def help_content(sections: list[tuple[str, list[Binding]]], display=None) -> Content:  # noqa: ANN001
    lines: list[str] = [INTRO, ""]
    spans: list[Span] = []
    pos = len(INTRO) + 2
    for title, bindings in sections:
        lines.append(title)
        spans.append(Span(pos, pos + len(title), "bold underline"))
        pos += len(title) + 1
        for b in bindings:
            keys = _keys(b, display)
            row = f"  {keys:<22} {b.description or b.action}"
            if b.tooltip:
                row += f" — {b.tooltip}"
            lines.append(row)
            spans.append(Span(pos + 2, pos + 2 + len(keys), "bold $accent"))
            pos += len(row) + 1
        lines.append("")
        pos += 1
    return Content("\n".join(lines), spans=spans)


class HelpScreen(ModalScreen[None]):
    HELP_TITLE = "This screen (?)"  # its section of the help screen
    BINDINGS = [
        Binding("escape,q,question_mark", "dismiss", "Close", id="help.close"),
    ]
    DEFAULT_CSS = """
    HelpScreen { align: center middle; }
    HelpScreen > VerticalScroll {
        width: 100; max-width: 100%; height: 90%; border: round $accent; background: $surface; padding: 0 1;
    }
    """

    def __init__(self, sections: list[tuple[str, list[Binding]]]) -> None:
        super().__init__()
        self.sections = sections

    def compose(self) -> ComposeResult:
        with VerticalScroll() as scroll:
            scroll.border_title = "Keys (Esc to close)"
            yield Static(help_content(self.sections, self.app.get_key_display), markup=False, id="help-text")
        yield Footer()

    def action_dismiss(self) -> None:  # type: ignore[override]
        self.dismiss(None)

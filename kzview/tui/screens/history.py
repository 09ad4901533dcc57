"""The corrections view (C): every correction ever set on this corpus, newest first, with who set it, when, what it
changed, the note, and where it stands now (in force, stale because the words changed, its text gone, undone, or a
colleague's from a read-only database). Enter on one still standing on a figure goes to it in the article."""

from __future__ import annotations

from typing import TYPE_CHECKING

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.content import Content
from textual.screen import ModalScreen
from textual.widgets import Footer, OptionList, Static
from textual.widgets.option_list import Option

from kzview.safe import one_line
from kzview.tui.widgets.cursor_list import ListKeys, jk_bindings

if TYPE_CHECKING:
    from kzview.claimstore import ClaimStore


def history_rows(store: ClaimStore) -> list[tuple[str, str | None]]:
    """(line, claim id to go to or None) for each correction, newest first."""
    from kzview.tui.screens.correct import changes_words

    vs = store.verdict_store
    if vs is None:
        return []
    standing = {a.correction.seq: a for a in store.applied if a.correction.seq}
    rows: list[tuple[str, str | None]] = []
    for c, undone, theirs in sorted(vs.correction_history(), key=lambda t: (t[0].set_at, t[0].seq), reverse=True):
        spot = c.spot()
        words = f"“{spot[3]}” ({store.article_label(spot[0])})" if spot else "a figure"
        applied = standing.get(c.seq) if not theirs else None
        go: str | None = None
        if undone:
            state = "undone"
        elif theirs:
            state = "a colleague's, read only"
        elif applied is None:
            state = "in force"
        elif applied.claim_id is None:
            state = "its text is gone (kept)"
        else:
            state = "stale: the words changed" if applied.stale else "in force"
            go = applied.claim_id
        what = "added as missed" if c.kind == "missed" else changes_words(c.changes)
        note = f" · “{c.note}”" if c.note else ""
        when = c.set_at.replace("T", " ")[:16] + " UTC"
        rows.append((one_line(f"{when} · {c.who or 'someone'} · {words}: {what}{note} · {state}", 400), go))
    return rows


class CorrectionsScreen(ListKeys, ModalScreen[str | None]):
    """Dismissed with the claim id to go to, or None."""

    HELP_TITLE = "Corrections (C)"  # its section of the help screen

    BINDINGS = [
        Binding("escape,q,C", "dismiss", "Close", id="corrections.close"),
        Binding("enter,g", "jump", "Go to figure", id="corrections.jump"),
        *jk_bindings("corrections"),
    ]
    DEFAULT_CSS = """
    CorrectionsScreen { align: center middle; }
    CorrectionsScreen > Vertical {
        width: 96%; height: 80%; border: round $accent; background: $surface; padding: 0 1;
    }
    CorrectionsScreen #corrections-note { height: auto; color: $text-muted; }
    CorrectionsScreen OptionList { height: 1fr; }
    """

    def __init__(self, store: ClaimStore) -> None:
        super().__init__()
        self.rows = history_rows(store)
        self.has_db = store.verdict_store is not None

    def compose(self) -> ComposeResult:
        with Vertical() as box:
            n = len(self.rows)
            box.border_title = f"Corrections: {n}, newest first (Enter: go to the figure · Esc: close)"
            note = (
                "Every correction kept in the verdict database, with who set it, when and why; z in the main "
                "screen takes back this session's last one."
                if self.has_db
                else "No verdict database is open: corrections cannot be kept."
            )
            yield Static(Content(note), id="corrections-note")
            options = [Option(Content(line)) for line, _ in self.rows]
            yield OptionList(*(options or [Option(Content("No correction yet: c or x on a figure sets one."))]))
        yield Footer()

    def on_mount(self) -> None:
        self.query_one(OptionList).focus()

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        self.action_jump()  # Enter on the list

    def action_jump(self) -> None:
        i = self.query_one(OptionList).highlighted
        go = self.rows[i][1] if i is not None and i < len(self.rows) else None
        if go is None:
            self.notify("That correction stands on no figure now.", markup=False)
            return
        self.dismiss(go)

    def action_dismiss(self) -> None:  # type: ignore[override]
        self.dismiss(None)

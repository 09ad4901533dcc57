"""The correction dialogs: fix the machine's reading of a figure, or add a figure it missed.

Both return what kzview.corrections takes (`changes` and a note); the app saves them as the user's work and reads
the corpus again with them on top. Every field starts as the machine read it; only what the user changes is kept.
"""

from __future__ import annotations

from typing import Any

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.content import Content
from textual.screen import ModalScreen
from textual.widgets import Footer, Input, Label, Select, Static

from kzview.corrections import parse_interval
from kzview.model import TOPICS, Claim
from kzview.safe import one_line
from kzview.words import figure_words, interval_words

_CSS = """
CorrectScreen, MissedScreen { align: center middle; }
CorrectScreen > Vertical, MissedScreen > Vertical {
    width: 90; max-width: 100%; height: auto; max-height: 100%; border: round $accent; background: $surface;
    padding: 0 1;
}
CorrectScreen .row, MissedScreen .row { height: auto; }
CorrectScreen Label, MissedScreen Label { width: 12; padding: 0 1 0 0; }
CorrectScreen Input, MissedScreen Input, CorrectScreen Select, MissedScreen Select { width: 1fr; }
CorrectScreen #correct-target, MissedScreen #missed-target { height: auto; max-height: 6; color: $text-muted; }
CorrectScreen #correct-help, MissedScreen #missed-help { height: 1; color: $text-muted; }
"""

# field -> what the row is called
_TEXT_FIELDS = (
    ("subject", "Subject"),
    ("scope", "Scope"),
    ("attribution", "Source"),
    ("unit", "Unit"),
    ("measure", "Measure"),
)


def _interval(low: float | int | None, high: float | int | None) -> str:
    def one(v: float | int | None) -> str:
        if v is None:
            return ""
        return str(int(v)) if float(v).is_integer() else str(v)

    return f"{one(low)}..{one(high)}"


class CorrectScreen(ModalScreen[tuple[dict[str, Any], str] | None]):
    """Returns (changes, note), or None when cancelled or nothing changed."""

    HELP_TITLE = "Correction dialog (c)"  # its section of the help screen

    BINDINGS = [
        Binding("escape", "cancel", "Cancel", id="correct.cancel"),
        Binding("ctrl+s", "save", "Save", id="correct.save"),
    ]
    DEFAULT_CSS = _CSS

    def __init__(self, claim: Claim, outlet: str) -> None:
        super().__init__()
        self.claim = claim
        self.outlet = outlet

    def compose(self) -> ComposeResult:
        c = self.claim
        with Vertical() as box:
            box.border_title = "Correct the machine's reading"
            when = c.as_of.isoformat() if c.as_of else "undated"
            target = f"{figure_words(c)} ({self.outlet}, {when}): {' '.join(c.sentence.split())}"
            yield Static(Content(one_line(target, 600)), id="correct-target")
            with Horizontal(classes="row"):
                yield Label("Topic")
                yield Select(
                    [(t, t) for t in TOPICS], value=c.topic, allow_blank=False, compact=True, id="correct-topic"
                )
            with Horizontal(classes="row"):
                yield Label("Interval")
                yield Input(
                    _interval(c.low, c.high),
                    placeholder="LO..HI (either may be empty)",
                    compact=True,
                    id="correct-interval",
                )
            for name, label in _TEXT_FIELDS:
                with Horizontal(classes="row"):
                    yield Label(label)
                    yield Input(getattr(c, name) or "", placeholder="(none)", compact=True, id=f"correct-{name}")
            with Horizontal(classes="row"):
                yield Label("Event")
                yield Input(
                    c.event or "",
                    placeholder="empty = this story; else the other event's name",
                    compact=True,
                    id="correct-event",
                )
            with Horizontal(classes="row"):
                yield Label("Note")
                yield Input(placeholder="why (optional)", compact=True, id="correct-note")
            yield Static(Content("Tab between fields · Enter or ctrl+s to save · Esc to cancel"), id="correct-help")
        yield Footer()

    def on_mount(self) -> None:
        self.query_one("#correct-topic", Select).focus()

    def on_input_submitted(self, event: Input.Submitted) -> None:
        event.stop()
        self.action_save()

    def changes(self) -> dict[str, Any] | str:
        """The fields the user changed, or a message saying what is wrong."""
        c = self.claim
        out: dict[str, Any] = {}
        topic = self.query_one("#correct-topic", Select).value
        if isinstance(topic, str) and topic != c.topic:
            out["topic"] = topic
        words = self.query_one("#correct-interval", Input).value.strip()
        if words != _interval(c.low, c.high):
            try:
                low, high = parse_interval(words)
            except ValueError:
                return f"Write the interval as LO..HI, LO.. or ..HI (not {words!r})."
            if low is not None and high is not None and low > high:
                return "The interval's low end is above its high end."
            out["low"], out["high"] = low, high
        for name, _ in (*_TEXT_FIELDS, ("event", "")):
            value = self.query_one(f"#correct-{name}", Input).value.strip() or None
            if value != getattr(c, name):
                out[name] = value
        return out

    def action_save(self) -> None:
        found = self.changes()
        if isinstance(found, str):
            self.app.notify(found, severity="warning", markup=False)
            return
        if not found:
            self.app.notify("Nothing changed.", markup=False)
            self.dismiss(None)
            return
        self.dismiss((found, self.query_one("#correct-note", Input).value.strip()))

    def action_cancel(self) -> None:
        self.dismiss(None)


class MissedScreen(ModalScreen[tuple[int, int, dict[str, Any], str] | None]):
    """A figure kzview missed: the words as the article writes them, its topic and interval. The words come
    selected in the text (`span`, from the mark screen) or typed (found in the article from where the reader is).
    Returns (start, end, changes, note), or None."""

    HELP_TITLE = "A figure kzview missed: its topic and interval (after a)"

    BINDINGS = [
        Binding("escape", "cancel", "Cancel", id="missed.cancel"),
        Binding("ctrl+s", "save", "Save", id="missed.save"),
    ]
    DEFAULT_CSS = _CSS

    def __init__(self, text: str, around: int, title: str, span: tuple[int, int] | None = None) -> None:
        super().__init__()
        self.text = text
        self.around = span[0] if span else around
        self.span = span
        self.title_words = title

    def compose(self) -> ComposeResult:
        with Vertical() as box:
            box.border_title = "A figure kzview missed"
            yield Static(Content(one_line(f"In: {self.title_words}", 300)), id="missed-target")
            with Horizontal(classes="row"):
                yield Label("Words")
                yield Input(
                    self.text[self.span[0] : self.span[1]] if self.span else "",
                    placeholder="the figure as written, e.g. some 2,000",
                    compact=True,
                    id="missed-words",
                )
            with Horizontal(classes="row"):
                yield Label("Topic")
                yield Select(
                    [(t, t) for t in TOPICS], value="other", allow_blank=False, compact=True, id="missed-topic"
                )
            with Horizontal(classes="row"):
                yield Label("Interval")
                yield Input(self._read_words(), placeholder="LO..HI, or one number", compact=True, id="missed-interval")
            with Horizontal(classes="row"):
                yield Label("Note")
                yield Input(placeholder="why (optional)", compact=True, id="missed-note")
            yield Static(Content("Tab between fields · Enter or ctrl+s to save · Esc to cancel"), id="missed-help")
        yield Footer()

    def _read_words(self) -> str:
        """The interval kzview reads in the selected words, as a start the user can change ("" if none)."""
        if not self.span:
            return ""
        try:
            low, high = _read_interval(self.text[self.span[0] : self.span[1]])
        except ValueError:
            return ""
        if low is None and high is None:
            return ""
        return f"{_plain(low)}" if low == high else f"{_plain(low)}..{_plain(high)}"

    def on_mount(self) -> None:
        # words selected in the text: the topic is what is left to say; typed words: start with the words
        self.query_one("#missed-topic" if self.span else "#missed-words").focus()

    def on_input_submitted(self, event: Input.Submitted) -> None:
        event.stop()
        self.action_save()

    def locate(self, words: str) -> tuple[int, int] | None:
        """The words in the article: the first place at or after where the reader is, else the first."""
        if not words:
            return None
        if self.span and self.text[self.span[0] : self.span[1]] == words:
            return self.span
        at = self.text.find(words, self.around)
        if at < 0:
            at = self.text.find(words)
        return (at, at + len(words)) if at >= 0 else None

    def action_save(self) -> None:
        words = self.query_one("#missed-words", Input).value.strip()
        span = self.locate(words)
        if span is None:
            self.app.notify(
                one_line(f"{words!r} is not in this article, as written."), severity="warning", markup=False
            )
            return
        interval = self.query_one("#missed-interval", Input).value.strip()
        try:
            low, high = parse_interval(interval) if interval else _read_interval(words)
        except ValueError:
            self.app.notify("Write the interval as LO..HI or one number.", severity="warning", markup=False)
            return
        topic = self.query_one("#missed-topic", Select).value
        changes: dict[str, Any] = {"topic": topic if isinstance(topic, str) else "other", "low": low, "high": high}
        self.dismiss((span[0], span[1], changes, self.query_one("#missed-note", Input).value.strip()))

    def action_cancel(self) -> None:
        self.dismiss(None)


def _plain(v: float | None) -> str:
    """A bound as parse_interval reads it back: "2000", "4.5", "" for none."""
    if v is None:
        return ""
    return str(int(v)) if float(v).is_integer() else str(v)


def _read_interval(words: str) -> tuple[float | None, float | None]:
    """The interval kzview reads in the words themselves ("some 2,000", "a dozen"), as it reads any figure."""
    from kzview.extract.lexicon import load_lexicon
    from kzview.extract.numbers import find_figures

    found = find_figures(words, load_lexicon())
    if not found:
        raise ValueError(words)
    f = found[0]
    return f.low, f.high


def changes_words(changes: dict[str, Any]) -> str:
    """A correction in words, for a notification: "topic deaths, interval 12..14"."""
    parts = []
    if changes.get("not_a_figure"):
        return "not a figure"
    if "low" in changes or "high" in changes:
        parts.append(f"interval {interval_words(changes.get('low'), changes.get('high'))}")
    for name, value in changes.items():
        if name not in ("low", "high"):
            parts.append(f"{name} {value if value is not None else '(none)'}")
    return ", ".join(parts)

"""The `/` screen: search article text and claims; Enter goes there."""

from __future__ import annotations

from textual import work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.content import Content, Span
from textual.screen import ModalScreen
from textual.widgets import Footer, Input, OptionList
from textual.widgets.option_list import Option

from kzview.safe import one_line
from kzview.store import ClaimStore
from kzview.tui.widgets.conflict_table import short_id
from kzview.tui.widgets.cursor_list import ListKeys, jk_bindings

LIMIT = 300


def search(store: ClaimStore, query: str, limit: int = LIMIT) -> list[tuple[str, str, int, int]]:
    """(kind, id, start, end) hits: claims whose figure, sentence, topic, subject, scope or source match every
    word; then article titles; then text. Case-insensitive; linear in the corpus."""
    words = [w for w in query.lower().split() if w]
    if not words:
        return []
    hits: list[tuple[str, str, int, int]] = []
    for c in store.claims:
        hay = " ".join(x or "" for x in (c.surface, c.sentence, c.topic, c.subject, c.scope, c.attribution)).lower()
        if all(w in hay for w in words):
            hits.append(("claim", c.id, c.start, c.end))
            if len(hits) >= limit:
                return hits
    phrase = " ".join(words)
    for a in store.articles:
        if all(w in a.title.lower() for w in words):
            hits.append(("article", a.id, 0, 0))
        pos = a.text.lower().find(phrase)
        while pos >= 0 and len(hits) < limit:
            hits.append(("text", a.id, pos, pos + len(phrase)))
            pos = a.text.lower().find(phrase, pos + len(phrase))
        if len(hits) >= limit:
            break
    return hits


class SearchScreen(ListKeys, ModalScreen[tuple[str, str, int] | None]):
    """Returns (kind, id, offset) of the chosen hit."""

    HELP_TITLE = "Search (/)"  # its section of the help screen

    BINDINGS = [Binding("escape", "cancel", "Close", id="search.close"), *jk_bindings("search")]
    DEFAULT_CSS = """
    SearchScreen { align: center middle; }
    SearchScreen > Vertical { width: 96%; height: 90%; border: round $accent; background: $surface; }
    SearchScreen OptionList { height: 1fr; }
    """

    def __init__(self, store: ClaimStore) -> None:
        super().__init__()
        self.store = store
        self.hits: list[tuple[str, str, int, int]] = []

    def compose(self) -> ComposeResult:
        with Vertical() as box:
            box.border_title = "Search articles and figures (Enter: go · ↓: results · Esc: close)"
            yield Input(placeholder="words to find, e.g. arrested ministry", id="search-input")
            yield OptionList(id="search-results")
        yield Footer()

    def on_mount(self) -> None:
        self.query_one(Input).focus()

    def on_input_changed(self, event: Input.Changed) -> None:
        self.run_search(event.value)

    @work(exclusive=True, group="search")
    async def run_search(self, query: str) -> None:
        self.hits = search(self.store, query)
        results = self.query_one(OptionList)
        results.clear_options()
        results.add_options([Option(self._prompt(h)) for h in self.hits])
        results.border_title = f"{len(self.hits)}{'+' if len(self.hits) >= LIMIT else ''} results"

    def _prompt(self, hit: tuple[str, str, int, int]) -> Content:
        kind, ident, start, end = hit
        if kind == "claim":
            c = self.store.claim_by_id[ident]
            head = f"figure · {short_id(c.article)} · {c.topic} · "
            text = head + one_line(c.surface, 40) + "  " + one_line(c.sentence, 160)
            return Content(text, spans=[Span(len(head), len(head) + len(one_line(c.surface, 40)), "bold reverse")])
        a = self.store.article_by_id[ident]
        if kind == "article":
            return Content(f"title  · {short_id(a.id)} · " + one_line(a.title, 160))
        lo = max(0, start - 60)
        before = one_line(a.text[lo:start])
        match = one_line(a.text[start:end])
        text = f"text   · {short_id(a.id)} · …{before}{match}{one_line(a.text[end : end + 80])}"
        at = len(f"text   · {short_id(a.id)} · …{before}")
        return Content(text, spans=[Span(at, at + len(match), "bold reverse")])

    def on_input_submitted(self, event: Input.Submitted) -> None:
        event.stop()
        if self.hits:
            self._choose(0)

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        self._choose(event.option_index)

    def _choose(self, index: int) -> None:
        kind, ident, start, _ = self.hits[index]
        self.dismiss((kind, ident, start))

    def action_cancel(self) -> None:
        self.dismiss(None)

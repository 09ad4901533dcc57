"""The evidence view: every source's sentence for one group, the figure highlighted, with who and when."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.content import Content, Span
from textual.screen import ModalScreen
from textual.widgets import Footer, OptionList, Static
from textual.widgets.option_list import Option

from kzview.corrections import SET_APART
from kzview.model import Claim, Status
from kzview.safe import display_text, one_line
from kzview.store import ClaimStore
from kzview.tui.messages import CorrectionWanted, JumpToClaim, VerdictChanged, VerdictWanted
from kzview.tui.widgets.conflict_table import STATUS_CELL, timeline, what_words
from kzview.tui.widgets.cursor_list import ListKeys, jk_bindings
from kzview.words import figure_words, sources_words


def evidence_card(store: ClaimStore, c: Claim) -> Content:
    """Article, date, source and verdict on one line; the sentence below with the figure marked."""
    a = store.article_by_id.get(c.article)
    v = store.verdict("claim", c.id)
    bits = [store.article_label(c.article), str(c.as_of) if c.as_of else "undated", c.attribution or "no source named"]
    if c.headline:
        bits.append("headline")
    if c.counted:
        bits.append(f"counts “{c.counted}”" + (f" ({c.subject})" if c.subject else ""))
    if c.event:
        bits.append(f"event: {c.event} (“{c.event_words}”)" if c.event_words else f"event: {c.event}")
    if v:
        bits.append(f"verdict: {v.verdict}{' (stale)' if v.stale else ''}{' (re-anchored)' if v.anchored_from else ''}")
    head = one_line(" · ".join(bits), 200)
    title = one_line(a.title, 100) if a else ""
    sentence = display_text(c.sentence).replace("\n", " ")
    at = c.sentence.find(c.surface)
    prefix = f"{head}\n  {title}\n  "
    spans = [Span(0, len(head), "bold")]
    if title:
        spans.append(Span(len(head) + 3, len(head) + 3 + len(title), "italic $text-muted"))
    if at >= 0:
        spans.append(Span(len(prefix) + at, len(prefix) + at + len(c.surface), "bold reverse"))
    return Content(prefix + sentence, spans=spans)


class EvidenceScreen(ListKeys, ModalScreen[None]):
    HELP_TITLE = "Evidence (Enter on a group)"  # its section of the help screen
    BINDINGS = [
        Binding("escape,q", "close", "Back", id="evidence.close", tooltip="Back to the three panes"),
        Binding("enter,g", "jump", "Go to text", id="evidence.jump", tooltip="Show this figure in its article"),
        Binding(
            "v",
            "verdict_claim",
            "Verdict on figure",
            id="evidence.verdict_claim",
            tooltip="Set a verdict on the highlighted figure",
        ),
        Binding(
            "o",
            "set_apart",
            "Out of group",
            id="evidence.set_apart",
            tooltip="Correct the machine: the highlighted figure measures something else; move it out of this group",
        ),
        Binding(
            "c",
            "correct",
            "Correct",
            id="evidence.correct",
            tooltip="Correct the machine's reading of the highlighted figure (topic, interval, source, event, …)",
        ),
        Binding(
            "x",
            "not_a_figure",
            "Not a figure",
            id="evidence.not_a_figure",
            tooltip="Correct the machine: the highlighted figure is no figure (an age, a street number, …)",
        ),
        Binding(
            "V",
            "verdict_group",
            "Verdict on group",
            id="evidence.verdict_group",
            tooltip="Set a verdict on the whole group",
        ),
        *jk_bindings("evidence"),
    ]
    DEFAULT_CSS = """
    EvidenceScreen { align: center middle; }
    EvidenceScreen > Vertical {
        width: 96%; height: 94%; border: round $accent; background: $surface; padding: 0 1;
    }
    EvidenceScreen #evidence-head { height: auto; max-height: 10; }
    EvidenceScreen OptionList { height: 1fr; }
    """

    LIMIT = 500  # cards shown; the report and exports carry every figure

    def __init__(self, store: ClaimStore, group_id: str) -> None:
        super().__init__()
        self.store = store
        self.group_id = group_id
        ids = store.group_by_id[group_id].claims
        self.claims = [store.claim_by_id[c] for c in ids[: self.LIMIT]]
        self.more = max(0, len(ids) - self.LIMIT)

    def compose(self) -> ComposeResult:
        g = self.store.group_by_id[self.group_id]
        with Vertical() as box:
            box.border_title = f"Evidence: {one_line(what_words(g), 60)}"
            more = f" · first {self.LIMIT} of {self.LIMIT + self.more:,} figures" if self.more else ""
            box.border_subtitle = f"Enter: go to text · v/V: verdict · c/x/o: correct · Esc: back{more}"
            yield Static(self._head(), id="evidence-head")
            yield OptionList(*[Option(evidence_card(self.store, c), id=c.id) for c in self.claims], id="evidence")
        yield Footer()

    def _head(self) -> Content:
        g = self.store.group_by_id[self.group_id]
        label, _ = STATUS_CELL[g.status]
        v = self.store.verdict("group", g.id)
        lines = [f"{label.upper()} · {sources_words(self.store.group_claims(g.id)[:2000])}", one_line(g.reason)]
        if g.status == Status.UPDATE:
            lines.append(timeline(self.claims))
        for ids in g.agreeing:
            agree = [self.store.claim_by_id[c] for c in ids]
            words = ", ".join(f"{figure_words(c)} ({self.store.article_label(c.article)})" for c in agree)
            lines.append(one_line("agree among themselves: " + words, 200))
        if v:
            note = f" — {v.note}" if v.note else ""
            moved = " (re-anchored from an earlier reading)" if v.anchored_from else ""
            stale = " (stale)" if v.stale else ""
            lines.append(one_line(f"group verdict: {v.verdict}{stale}{moved} · {v.set_at}{note}"))
        return Content("\n".join(lines), spans=[Span(0, len(lines[0]), "bold")])

    def on_verdict_changed(self, event: VerdictChanged) -> None:
        self.refresh_cards()

    def refresh_cards(self) -> None:
        options = self.query_one(OptionList)
        for c in self.claims:
            options.replace_option_prompt(c.id, evidence_card(self.store, c))
        self.query_one("#evidence-head", Static).update(self._head())

    def on_mount(self) -> None:
        self.query_one(OptionList).focus()

    def _current(self) -> Claim | None:
        index = self.query_one(OptionList).highlighted
        return self.claims[index] if index is not None and index < len(self.claims) else None

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        self.action_jump()

    def action_jump(self) -> None:
        c = self._current()
        if c is not None:
            self.dismiss(None)
            self.app.post_message(JumpToClaim(c.id))

    def action_set_apart(self) -> None:
        c = self._current()
        if c is not None:
            self.dismiss(None)
            self.app.post_message(CorrectionWanted(c.id, {"event": SET_APART}, "moved out of its group"))

    def action_correct(self) -> None:
        from kzview.tui.screens.correct import CorrectScreen

        c = self._current()
        if c is None:
            return

        def done(result: tuple[dict, str] | None) -> None:
            if result is not None:
                self.dismiss(None)
                self.app.post_message(CorrectionWanted(c.id, result[0], result[1]))

        self.app.push_screen(CorrectScreen(c, self.store.article_label(c.article)), done)

    def action_not_a_figure(self) -> None:
        c = self._current()
        if c is not None:
            self.dismiss(None)
            self.app.post_message(CorrectionWanted(c.id, {"not_a_figure": True}))

    def action_verdict_claim(self) -> None:
        c = self._current()
        if c is not None:
            self.app.post_message(VerdictWanted("claim", c.id))

    def action_verdict_group(self) -> None:
        self.app.post_message(VerdictWanted("group", self.group_id))

    def action_close(self) -> None:
        self.dismiss(None)

"""The messages panes and screens send the app, in one place: what a user asked for, never how to do it.

Panes post them; the app (which owns the verdict database and the corpus) acts on them. A pane never calls the
app's methods or writes another object's fields to ask for these.
"""

from __future__ import annotations

from textual.message import Message


class VerdictWanted(Message):
    """Open the verdict dialog on a group (`kind` "group") or a figure ("claim")."""

    def __init__(self, kind: str, target_id: str) -> None:
        super().__init__()
        self.kind = kind
        self.target_id = target_id


class CorrectionWanted(Message):
    """The user corrects the machine's reading of a figure (`claim_id`), or adds one it missed (`missed`: the
    article and the span of its words): `changes` as kzview.corrections takes them."""

    def __init__(
        self, claim_id: str, changes: dict, note: str = "", missed: tuple[str, int, int] | None = None
    ) -> None:
        super().__init__()
        self.claim_id = claim_id
        self.changes = changes
        self.note = note
        self.missed = missed


class JumpToClaim(Message):
    """Show this figure in its article (from the evidence screen)."""

    def __init__(self, claim_id: str) -> None:
        super().__init__()
        self.claim_id = claim_id


class MergeWanted(Message):
    """The user says two groups measure one thing: `into` keeps its reading, `other`'s figures join it."""

    def __init__(self, into: str, other: str) -> None:
        super().__init__()
        self.into = into
        self.other = other

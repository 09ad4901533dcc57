"""The messages panes and screens send the app, in one place: what a user asked for, never how to do it.

Panes post them; the app (which owns the verdict database and the corpus) acts on them. A pane never calls the
app's methods or writes another object's fields to ask for these.
"""

from __future__ import annotations

import threading
from typing import TYPE_CHECKING

from textual.message import Message

if TYPE_CHECKING:
    from kzview.claimstore import ClaimStore


class ArticlesRead(Message, bubble=False):
    """The corpus's articles, read and cleaned, while their figures are still being extracted (a first open): the
    app shows them at once (from the loading worker)."""

    def __init__(self, articles: list, problems: list) -> None:
        super().__init__()
        self.articles = articles
        self.problems = problems


class PartialStore(Message, bubble=False):
    """A provisional store: the figures of a large first open read so far, and their groups (from the worker)."""

    def __init__(self, store: ClaimStore) -> None:
        super().__init__()
        self.store = store


class LetPartialGo(Message, bubble=False):
    """The whole store of a large first open is about to come (from the loading worker): the provisional one shown
    is let go first; `done` is set when it is."""

    def __init__(self, done: threading.Event) -> None:
        super().__init__()
        self.done = done


class LoadProgress(Message, bubble=False):
    """How far the first load of the corpus is (from the loading worker, which never waits for it to be shown)."""

    def __init__(self, done: int, total: int) -> None:
        super().__init__()
        self.done = done
        self.total = total


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


# -- what the app tells the main screen, and the screen its panes (each pane handles what concerns it) ----------
class StoreLoaded(Message, bubble=False):  # told down to a pane, never back up
    """The claim store's content was replaced (a load, a reload, a correction): show what it holds now. `first`
    on the first load of the session."""

    def __init__(self, first: bool) -> None:
        super().__init__()
        self.first = first


class SelectionChanged(Message, bubble=False):  # told down to a pane, never back up
    """The article shown and the group selected (either may be None)."""

    def __init__(self, article_id: str | None, group_id: str | None) -> None:
        super().__init__()
        self.article_id = article_id
        self.group_id = group_id


class VerdictChanged(Message, bubble=False):  # told down to a pane, never back up
    """A verdict was set or undone on a group (`kind` "group") or a figure ("claim"): redraw what shows it."""

    def __init__(self, kind: str, target_id: str) -> None:
        super().__init__()
        self.kind = kind
        self.target_id = target_id


class CorpusChanged(Message, bubble=False):  # the watch worker tells the app
    """Files of the corpus changed on disk (watch mode): `changes` as (added|modified|deleted, path)."""

    def __init__(self, changes: list[tuple[str, str]]) -> None:
        super().__init__()
        self.changes = changes

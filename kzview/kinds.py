"""The words kzview's data is made of, with no dependency: figure kinds, topics, group statuses, verdict names.

Kept apart from kzview.model (pydantic) so that the app's first frame, which shows only these, is drawn before
any model, store or extraction module is imported (#13: the first frame within 1.5x a bare Textual app's)."""

from __future__ import annotations

from enum import StrEnum
from typing import Literal

Kind = Literal["count", "money", "date", "duration", "percent", "other"]

TOPICS: tuple[str, ...] = (
    "deaths",
    "injuries",
    "arrests",
    "hospitalized",
    "missing",
    "displaced",
    "troops",
    "participants",
    "damage",
    "population",
    "other",
)


class Status(StrEnum):
    CONFLICT = "conflict"
    UPDATE = "update"
    CONSISTENT = "consistent"
    SINGLE = "single"


STATUS_ORDER = {Status.CONFLICT: 0, Status.UPDATE: 1, Status.CONSISTENT: 2, Status.SINGLE: 3}

# a verdict's name -> its key in the verdict dialog
VERDICTS = {
    "confirmed": "c",
    "disputed": "d",
    "false": "x",
    "misleading": "m",
    "unverified": "u",
    "needs follow-up": "f",
}

SET_APART = "set apart by a person"  # the event of a figure a person set apart from its group (kzview.corrections)


def short_label(article_id: str) -> str:
    """An article id's short form: its file name's prefix ("002" of "002_6d31…", "01" of "quake/01_cnn")."""
    name = article_id.rsplit("/", 1)[-1]
    head = name.split("_", 1)[0]
    return head if head and len(head) < len(name) else name[:12]

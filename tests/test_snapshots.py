"""Layout snapshots (SVG) at the two sizes people use most; cursor blink off, colours as the default theme."""

from __future__ import annotations

import pytest

pytest.importorskip("pytest_textual_snapshot")

from kzview.ingest import bundled_corpus_path, load_corpus  # noqa: E402
from kzview.store import build_store  # noqa: E402
from kzview.tui.app import KzviewApp  # noqa: E402


def app() -> KzviewApp:
    a = KzviewApp(store=build_store(load_corpus([bundled_corpus_path()])))
    return a


@pytest.mark.parametrize("size", [(80, 24), (160, 45)])
def test_first_frame(snap_compare, size):
    assert snap_compare(app(), terminal_size=size)


@pytest.mark.parametrize("size", [(80, 24), (160, 45)])
def test_evidence(snap_compare, size):
    assert snap_compare(app(), press=["enter"], terminal_size=size)


def test_help_80x24(snap_compare):
    assert snap_compare(app(), press=["question_mark"], terminal_size=(80, 24))

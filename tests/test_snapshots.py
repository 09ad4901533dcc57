"""Layout snapshots (SVG) at 80x24, 120x40 and 200x60, on the samples and on a cluster written here in the style of
real news (outlet-named files, datelines); cursor blink off, colours as the default theme."""

from __future__ import annotations

from pathlib import Path

import pytest

pytest.importorskip("pytest_textual_snapshot")

from kzview.ingest import bundled_corpus_path, load_corpus
from kzview.store import build_store
from kzview.tui.app import KzviewApp

CLUSTER = Path(__file__).parent / "clusters" / "ferry_fire"
SIZES = [(80, 24), (120, 40), (200, 60)]


def app(path: Path | None = None) -> KzviewApp:
    a = KzviewApp(store=build_store(load_corpus([path or bundled_corpus_path()])))
    return a


@pytest.mark.parametrize("size", SIZES)
def test_first_frame(snap_compare, size):
    assert snap_compare(app(), terminal_size=size)


@pytest.mark.parametrize("size", SIZES)
def test_first_frame_of_a_news_cluster(snap_compare, size):
    assert snap_compare(app(CLUSTER), terminal_size=size)


@pytest.mark.parametrize("size", [(80, 24), (160, 45)])
def test_evidence(snap_compare, size):
    assert snap_compare(app(), press=["enter"], terminal_size=size)


def test_help_80x24(snap_compare):
    assert snap_compare(app(), press=["question_mark"], terminal_size=(80, 24))

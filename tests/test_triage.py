"""The triage flows by keyboard: evidence, verdicts with notes, undo, restart, filter, search, export."""

from __future__ import annotations

import sqlite3

from test_app import screen_lines, started

from kzview.ingest import bundled_corpus_path
from kzview.tui.app import KzviewApp
from kzview.tui.screens.evidence import EvidenceScreen
from kzview.tui.screens.search import SearchScreen
from kzview.tui.screens.verdict import VerdictScreen
from kzview.tui.widgets.article_list import ArticleList
from kzview.tui.widgets.article_view import ArticleView
from kzview.tui.widgets.conflict_table import GroupTable, what_words


async def test_worst_conflict_to_evidence_to_verdict_and_back_after_restart(tmp_path):
    db = tmp_path / "v.db"
    app = KzviewApp(db=db)
    async with app.run_test(size=(160, 45)) as pilot:
        await started(pilot)
        table = app.query_one("#groups", GroupTable)
        worst = table.selected_group_id
        await pilot.press("enter")
        assert isinstance(app.screen, EvidenceScreen)
        assert len(app.screen.claims) == len(app.store.group_by_id[worst].claims)
        await pilot.press("V")  # verdict on the whole group
        await pilot.pause()
        assert isinstance(app.screen, VerdictScreen)
        await pilot.press("d")  # disputed; focus moves to the note
        await pilot.press(*"call the ministry")
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, EvidenceScreen)
        assert "group verdict: disputed" in str(app.screen.query_one("#evidence-head").content)
        # already on disk before the app ends
        row = sqlite3.connect(db).execute("SELECT verdict, note FROM verdict").fetchone()
        assert row == ("disputed", "call the ministry")
        await pilot.press("escape")
        assert "disputed" in table.render_item(table.shown.index(worst), 0, 120, False).plain
        # the article list counts verdicts
        lst = app.query_one("#articles", ArticleList)
        assert any("☑" in lst.prompt(a)[1] for a in app.store.group_by_id[worst].articles)
    again = KzviewApp(db=db)
    async with again.run_test(size=(160, 45)) as pilot:
        await started(pilot)
        v = again.store.verdict("group", worst)
        assert v.verdict == "disputed" and v.note == "call the ministry" and not v.stale


async def test_claim_verdict_marker_and_undo(tmp_path):
    app = KzviewApp(db=tmp_path / "v.db")
    async with app.run_test(size=(160, 45)) as pilot:
        await started(pilot)
        await pilot.press("2", "n", "v")
        assert isinstance(app.screen, VerdictScreen)
        await pilot.press("x", "enter")  # false, no note
        await pilot.pause()
        view = app.query_one("#article", ArticleView)
        claim = view.figures[view.current]
        assert app.store.verdict("claim", claim.id).verdict == "false"
        assert any(line.startswith("▶X") for line in screen_lines(view))
        await pilot.press("z")
        await pilot.pause()
        assert app.store.verdict("claim", claim.id) is None
        assert not any(line.startswith("▶X") for line in screen_lines(view))


async def test_evidence_enter_jumps_to_the_figure_in_its_article(tmp_path):
    app = KzviewApp(db=tmp_path / "v.db")
    async with app.run_test(size=(160, 45)) as pilot:
        await started(pilot)
        await pilot.press("3", "enter", "down", "enter")
        assert not isinstance(app.screen, EvidenceScreen)
        view = app.query_one("#article", ArticleView)
        group = app.store.group_by_id[app.query_one("#groups", GroupTable).selected_group_id]
        assert view.figures[view.current].id == group.claims[1]


async def test_filter_the_table_and_the_article_list(tmp_path):
    app = KzviewApp(db=tmp_path / "v.db")
    async with app.run_test(size=(160, 45)) as pilot:
        await started(pilot)
        table = app.query_one("#groups", GroupTable)
        everything = table.row_count
        await pilot.press("3", "f", *"security")
        await pilot.pause()
        assert 0 < table.row_count < everything
        groups = [app.store.group_by_id[k] for k in table.shown]
        assert all("security" in (what_words(g) + " " + g.reason).lower() for g in groups)
        assert any(g.subject and "security" in g.subject for g in groups)
        await pilot.press("escape")
        assert table.row_count == everything and app.focused is table
        lst = app.query_one("#articles", ArticleList)
        await pilot.press("1", "f", *"chaos")
        await pilot.pause()
        assert lst.option_count == 1
        await pilot.press("escape")
        assert lst.option_count == 5


async def test_search_goes_to_the_figure(tmp_path):
    app = KzviewApp(db=tmp_path / "v.db")
    async with app.run_test(size=(160, 45)) as pilot:
        await started(pilot)
        await pilot.press("slash")
        assert isinstance(app.screen, SearchScreen)
        await pilot.press(*"7,939")
        await pilot.pause()
        await app.screen.workers.wait_for_complete()
        await pilot.press("enter")
        await pilot.pause()
        view = app.query_one("#article", ArticleView)
        assert view.figures[view.current].surface == "7,939"


async def test_export_from_the_app_writes_a_report_beside_the_database(tmp_path):
    app = KzviewApp(db=tmp_path / "v.db")
    async with app.run_test(size=(160, 45)) as pilot:
        await started(pilot)
        await pilot.press("w")
        await pilot.pause()
        reports = list(tmp_path.glob("kzview-report-*.md"))
        assert len(reports) == 1 and "## Groups" in reports[0].read_text(encoding="utf-8")


async def test_keys_can_be_remapped(tmp_path, monkeypatch):
    keys = tmp_path / "keys.toml"
    keys.write_text('[keys]\n"app.search" = "ctrl+f"\n', encoding="utf-8")
    monkeypatch.setenv("KZVIEW_KEYS", str(keys))
    app = KzviewApp(db=tmp_path / "v.db")
    async with app.run_test(size=(160, 45)) as pilot:
        await started(pilot)
        await pilot.press("ctrl+f")
        assert isinstance(app.screen, SearchScreen)


def test_sample_corpus_database_goes_to_the_user_data_dir(tmp_path, monkeypatch):
    from kzview.verdicts import default_db_path

    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path))
    assert str(default_db_path(None, bundled_corpus_path())).startswith(str(tmp_path))

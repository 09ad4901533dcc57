"""The app as a user drives it: Pilot presses keys, the tests read what the panes show."""

from __future__ import annotations

from pathlib import Path

import pytest
from conftest import write

from kzview.model import Status
from kzview.tui.app import KzviewApp
from kzview.tui.screens.help import HelpScreen
from kzview.tui.widgets.article_list import ArticleList
from kzview.tui.widgets.article_view import ArticleView
from kzview.tui.widgets.conflict_table import GroupTable, ReasonPanel


async def started(pilot) -> KzviewApp:
    app = pilot.app
    await app.workers.wait_for_complete()
    await pilot.pause()
    assert app.loaded
    return app


def screen_lines(view: ArticleView) -> list[str]:
    return [view.render_line(y).text for y in range(view.scrollable_content_region.height)]


async def test_first_frame_has_three_panes_filled():
    app = KzviewApp()
    async with app.run_test(size=(160, 45)) as pilot:
        await started(pilot)
        articles = app.query_one("#articles", ArticleList)
        table = app.query_one("#groups", GroupTable)
        view = app.query_one("#article", ArticleView)
        assert articles.option_count == 5
        assert table.row_count >= 10
        assert view.article is not None and any(line.strip() for line in screen_lines(view))
        assert all(app.query_one(sel).display for sel in ("#articles-pane", "#article", "#groups-pane"))
        first_row = app.store.group_by_id[table.selected_group_id]
        assert first_row.status == Status.CONFLICT
        assert "cannot" in str(app.query_one("#reason", ReasonPanel).content)


async def test_moving_between_articles_shows_each_and_keeps_the_table():
    app = KzviewApp()
    async with app.run_test(size=(160, 45)) as pilot:
        await started(pilot)
        await pilot.press("1")
        seen = []
        for _ in range(4):
            await pilot.press("down")
            seen.append(app.query_one("#article", ArticleView).article.id)
        assert seen == [a.id for a in app.store.articles[1:5]]
        assert app.query_one("#groups-pane").display and app.query_one("#groups", GroupTable).row_count


async def test_enter_on_a_group_highlights_and_jumps_to_its_first_figure():
    app = KzviewApp()
    async with app.run_test(size=(160, 45)) as pilot:
        await started(pilot)
        table = app.query_one("#groups", GroupTable)
        target = next(g for g in app.store.groups if g.subject == "security forces" and g.topic == "deaths")
        await pilot.press("3")
        while table.selected_group_id != target.id:
            await pilot.press("down")
        await pilot.press("g")
        await pilot.pause()
        view = app.query_one("#article", ArticleView)
        assert view.article.id in target.articles
        assert view.figures[view.current].id in target.claims
        assert app.query_one("#articles", ArticleList).touched == set(target.articles)
        lines = screen_lines(view)
        assert any(line.startswith("▶") for line in lines)
        # n moves to the next figure; Enter on it selects its group in the table
        await pilot.press("2", "n", "enter")
        assert app.focused is table


async def test_next_conflict_key_walks_conflicts():
    app = KzviewApp()
    async with app.run_test(size=(160, 45)) as pilot:
        await started(pilot)
        seen = set()
        for _ in range(3):
            await pilot.press("right_square_bracket")
            seen.add(app.main.group_id)
        assert len(seen) == 3 and all(app.store.group_by_id[g].status == Status.CONFLICT for g in seen)


async def test_help_lists_every_key_and_closes():
    app = KzviewApp()
    async with app.run_test(size=(120, 40)) as pilot:
        await started(pilot)
        await pilot.press("question_mark")
        assert isinstance(app.screen, HelpScreen)
        text = str(app.screen.query_one("#help-text").content)
        for _, bindings in app.help_sections():
            for binding in bindings:
                assert binding.description in text
        # nothing is left out: every key any kzview pane, dialog or screen declares is in the help
        import importlib
        import inspect
        import pkgutil

        import kzview.tui.screens
        import kzview.tui.widgets

        listed = {(b.key, b.action) for _, bindings in app.help_sections() for b in bindings}
        for package in (kzview.tui.screens, kzview.tui.widgets):
            for info in pkgutil.iter_modules(package.__path__):
                module = importlib.import_module(f"{package.__name__}.{info.name}")
                for _, cls in inspect.getmembers(module, inspect.isclass):
                    if cls.__module__ == module.__name__ and "BINDINGS" in cls.__dict__:
                        for b in cls.__dict__["BINDINGS"]:
                            assert (b.key, b.action) in listed, (cls.__name__, b.key, b.action)
        await pilot.press("escape")
        assert not isinstance(app.screen, HelpScreen)


async def test_narrow_terminal_shows_one_pane_and_tab_switches():
    app = KzviewApp()
    async with app.run_test(size=(80, 24)) as pilot:
        await started(pilot)
        panes = ("#articles-pane", "#article", "#groups-pane")
        assert [sel for sel in panes if app.query_one(sel).display] == ["#groups-pane"]
        await pilot.press("tab")
        assert [sel for sel in panes if app.query_one(sel).display] == ["#articles-pane"]
        await pilot.press("3", "g")
        assert app.query_one("#article").display and app.focused is app.query_one("#article")
        view = app.query_one("#article", ArticleView)
        assert any(line.startswith("▶") for line in screen_lines(view))


async def test_hostile_text_is_shown_literally_everywhere(tmp_path):
    evil = "[/b] Evil [red]x[/red] title [@click=app.quit]go[/] \x1b[2J\x07"
    write(
        tmp_path,
        "evil.txt",
        f"{evil}\n\nAt least 12 [bold]people[/bold] were killed, \x1b]52;c;AAAA\x07 "
        "police said. [/link]\n\nAnother 14 people were killed, officials said.",
    )
    write(tmp_path, "[red]name[/red].txt", "Second [/] story about it\n\nAt least 30 people were killed.")
    app = KzviewApp(paths=[tmp_path])
    async with app.run_test(size=(160, 45)) as pilot:
        await started(pilot)
        assert len(app.store.articles) == 2
        view = app.query_one("#article", ArticleView)
        await pilot.press("1")
        texts = "\n".join(screen_lines(view))
        for _ in range(2):
            await pilot.press("down")
            texts += "\n".join(screen_lines(view))
        assert "[red]x[/red]" in texts and "[bold]people[/bold]" in texts and "[@click=app.quit]" in texts
        assert "\x1b" not in texts and "\x07" not in texts and "␛[2J" in texts
        await pilot.press("3", "enter")
        assert app.is_running
        await pilot.press("escape")
        reason = str(app.query_one("#reason", ReasonPanel).content)
        assert "\x1b" not in reason
        # the whole screen renders without markup errors
        assert app.export_screenshot()


async def test_unreadable_files_are_reported_and_the_rest_loads(tmp_path):
    write(tmp_path, "good.txt", "Flood in the valley\n\nNine people are missing.")
    write(tmp_path, "empty.txt", "")
    app = KzviewApp(paths=[tmp_path])
    async with app.run_test(size=(120, 40)) as pilot:
        await started(pilot)
        assert [a.id for a in app.store.articles] == ["good"]
        assert any("empty.txt" in str(n.message) for n in app._notifications)


async def test_runs_without_colour(monkeypatch):
    monkeypatch.setenv("NO_COLOR", "1")
    app = KzviewApp()
    async with app.run_test(size=(120, 40)) as pilot:
        await started(pilot)
        assert app.no_color
        await pilot.press("enter", "n", "tab")
        assert app.is_running


async def test_entities_screen_lists_spellings():
    from textual.widgets import DataTable

    from kzview.tui.screens.entities import EntitiesScreen

    app = KzviewApp()
    async with app.run_test(size=(120, 40)) as pilot:
        await started(pilot)
        await pilot.press("e")
        assert isinstance(app.screen, EntitiesScreen)
        table = app.screen.query_one(DataTable)
        assert table.row_count == len(app.store.entities) > 5
        await pilot.press("escape")
        assert not isinstance(app.screen, EntitiesScreen)


async def test_article_list_moves_pages_and_marks_at_any_size(tmp_path):
    """The list is drawn line by line: keys move the cursor and open the article, a page is a screenful,
    and a group touching every article marks them all (no cap), with long titles cut to the pane."""
    for i in range(400):
        write(
            tmp_path,
            f"a{i:03}.txt",
            f"Storm report {i} {'with a very long headline that cannot fit the narrow pane ' * 3}\n\n"
            f"At least {10 + i % 7} people died in the storm, officials said. Some {100 + i} homes were damaged.",
        )
    app = KzviewApp(paths=[tmp_path], db=tmp_path / "v.db")
    async with app.run_test(size=(100, 30)) as pilot:
        await started(pilot)
        lst = app.query_one("#articles", ArticleList)
        assert lst.option_count == 400
        await pilot.press("1", "down", "down")
        await pilot.pause()
        assert lst.highlighted == 2 and app.main.article_id == lst.shown[2]
        await pilot.press("pagedown")
        await pilot.pause()
        assert lst.highlighted > 2 + 5 and app.main.article_id == lst.shown[lst.highlighted]
        await pilot.press("end")
        await pilot.pause()
        assert app.main.article_id == lst.shown[-1]
        lines = [lst.render_line(y).text for y in range(lst.scrollable_content_region.height)]
        assert any(line.startswith("▌") for line in lines)  # the cursor row is on screen
        assert all(len(line) <= lst.scrollable_content_region.width for line in lines)
        await pilot.press("home")
        await pilot.pause()
        assert app.main.article_id == lst.shown[0] and lst.scroll_y == 0
        lst.mark(set(lst.shown))
        await pilot.pause()
        lines = [lst.render_line(y).text for y in range(lst.scrollable_content_region.height)]
        assert sum("●" in line for line in lines) == len(lines) // 2


async def test_conflict_table_reaches_every_group_and_filters_them_all():
    """No row cap: the last of 3,000 groups is one End away, and the filter searches all of them."""
    from kzview.model import Article, Claim, ClaimGroup
    from kzview.store import ClaimStore

    text = "Officials said 12 people died."
    articles = [Article(id=f"a{i:04}", path=f"a{i:04}.txt", text=text, title=f"Report {i}") for i in range(3000)]
    claims = [
        Claim(id=f"c{i:04}", article=f"a{i:04}", kind="count", surface="12", start=15, end=17, low=12, high=12,
              approximate=False, topic="deaths", sentence=text, sentence_end=len(text))
        for i in range(3000)
    ]  # fmt: skip
    groups = [
        ClaimGroup(id=f"g{i:04}", topic="deaths", subject=f"place {i}", scope=None, status=Status.SINGLE,
                   claims=[f"c{i:04}"], articles=[f"a{i:04}"], reason="one source", rule="single")
        for i in range(3000)
    ]  # fmt: skip
    app = KzviewApp(store=ClaimStore(articles=articles, claims=claims, groups=groups))
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        table = app.query_one("#groups", GroupTable)
        assert table.row_count == 3000
        await pilot.press("3", "end")
        await pilot.pause()
        assert table.selected_group_id == "g2999" and app.main.group_id == "g2999"
        lines = [table.render_line(y).text for y in range(table.scrollable_content_region.height)]
        assert lines[0].split()[:2] in (["status", "what"], ["what", "n"])  # the header stays on top
        assert any(line.startswith("▌") and "place 2999" in line for line in lines), lines
        await pilot.press("f", *"place 2998")
        await pilot.pause()
        assert table.shown == ["g2998"]
        await pilot.press("escape", "home")
        await pilot.pause()
        assert table.row_count == 3000 and table.selected_group_id == "g0000"


async def test_verdicts_kept_elsewhere_are_shown_read_only_and_said(tmp_path):
    from kzview.ingest import load_corpus
    from kzview.store import build_store
    from kzview.verdicts import VerdictStore

    corpus = tmp_path / "corpus"
    write(corpus, "a.txt", "Flood\n\nTwelve people died in the flood, police said.")
    write(corpus, "b.txt", "Flood\n\nFifteen people died in the flood, officials said.")
    store = build_store(load_corpus([corpus]))
    group = next(g for g in store.groups if g.topic == "deaths" and len(g.claims) == 2)
    colleague = VerdictStore(corpus / ".kzview.db")
    colleague.set("group", group.id, "disputed", note="the colleague's note")
    colleague.close()
    mine = tmp_path / "data" / "mine.db"
    app = KzviewApp(paths=[corpus], db=mine, db_also=[corpus / ".kzview.db"], use_cache=False)
    async with app.run_test(size=(160, 45)) as pilot:
        await started(pilot)
        assert app.store.verdicts[("group", group.id)].note == "the colleague's note"
        said = " ".join(str(n.message) for n in app._notifications)
        assert "read-only" in said and str(mine) in said
    assert not mine.exists()  # nothing was judged here: no database was made


@pytest.mark.parametrize("size", [(80, 24), (120, 40), (200, 60)])
@pytest.mark.parametrize("corpus", ["clusters/ferry_fire", "realnews"])
async def test_the_top_conflict_row_shows_both_clashing_figures_and_their_outlets(size, corpus):
    """Read as a user sees it: the first frame's top conflict row holds the two figures its reason names and the
    outlets that gave them (cut outlets may end in an ellipsis, but each begins as the outlet's label does). On a
    real cluster when ../shared/realnews is there; its text is never committed."""
    from pathlib import Path

    from kzview.compare import figure_words
    from kzview.tui.widgets.conflict_table import short_label

    if corpus == "realnews":
        path = Path(__file__).resolve().parents[2] / "shared" / "realnews" / "kraft_factory_shooting_2010-09"
        if not path.exists():
            pytest.skip("../shared/realnews is not here")
    else:
        path = Path(__file__).parent / corpus
    app = KzviewApp(paths=[path], use_cache=False)
    async with app.run_test(size=size) as pilot:
        await started(pilot)
        table = app.query_one("#groups", GroupTable)
        g = app.store.group_by_id[table.shown[0]]
        assert g.status == Status.CONFLICT and len(g.clash) == 2
        width = table.scrollable_content_region.width
        row = table.render_item(0, 1, width, cursor=False).plain
        for cid in g.clash:
            c = app.store.claim_by_id[cid]
            assert figure_words(c) in row, row
            outlet = short_label(app.store.article_label(c.article))
            assert outlet[:6] in row, (outlet, row)


async def test_kzview_never_reads_its_own_output(tmp_path, monkeypatch):
    """Every report written from the app lands beside the articles, and opening the folder again gives the same
    articles and figures: each report is known by its own marker and skipped. `kzview claims`, `conflicts` and
    `entities` leave the folder byte for byte as it was."""
    import hashlib
    import shutil

    from kzview.cli import main
    from kzview.ingest import bundled_corpus_path

    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "cache"))
    corpus = tmp_path / "corpus"
    shutil.copytree(bundled_corpus_path(), corpus)

    def tree() -> dict[str, str]:
        return {str(p.relative_to(corpus)): hashlib.sha256(p.read_bytes()).hexdigest() for p in corpus.rglob("*")}

    before = tree()
    for command in ("claims", "conflicts", "entities"):
        assert main([command, str(corpus), "--format", "json"]) == 0
    assert tree() == before

    app = KzviewApp(paths=[corpus], db=corpus / ".kzview.db")
    async with app.run_test(size=(160, 45)) as pilot:
        await started(pilot)
        counts = (len(app.store.articles), len(app.store.claims))
        app.store.set_verdict("group", app.store.groups[0].id, "disputed", "two outlets differ")
        for fmt in ("md", "csv", "json", "claimreview"):
            app.action_export(fmt)
        await pilot.pause()
    reports = sorted(p.name for p in corpus.glob("kzview-report-*"))
    assert len(reports) == 4, reports
    again = KzviewApp(paths=[corpus], db=corpus / ".kzview.db")
    async with again.run_test(size=(160, 45)) as pilot:
        await started(pilot)
        assert (len(again.store.articles), len(again.store.claims)) == counts


async def test_the_verdict_dialog_shows_what_is_judged_in_words_and_keeps_its_keys(tmp_path):
    from textual.widgets import Input, Static

    from kzview.tui.screens.verdict import VerdictScreen

    corpus = tmp_path / "corpus"
    sentence = (
        "At least 12 people died when fire swept through a passenger ferry late on Wednesday, the coastguard said."
    )
    write(corpus, "01_harbourtimes-co-uk.txt", f"Ferry fire\n\n{sentence}")
    write(corpus, "02_coastnews-com.txt", "Ferry fire\n\nSixteen people were killed in the ferry fire, the mayor said.")
    app = KzviewApp(paths=[corpus], db=tmp_path / "v.db", use_cache=False)
    async with app.run_test(size=(80, 24)) as pilot:
        await started(pilot)
        await pilot.press("3", "v")
        await pilot.pause()
        assert isinstance(app.screen, VerdictScreen)
        shown = str(app.screen.query_one("#verdict-target", Static).content)
        assert "harbourtimes.co.uk" in shown and "coastnews.com" in shown and "/-/" not in shown
        await pilot.press("tab")
        assert isinstance(app.focused, Input)  # Tab goes to the note, not to a pane behind the dialog
        await pilot.press(*"wait: two outlets", "enter")  # "w" is a letter of the note, not the report key
        await pilot.pause()
        assert not list(corpus.glob("kzview-report-*")) and not list(tmp_path.glob("kzview-report-*"))
        v = next(iter(app.store.verdicts.values()))
        assert v.note == "wait: two outlets" and "/-/" not in v.label
        said = " ".join(str(n.message) for n in app._notifications)
        assert "Sixteen" in said or "12" in said
        assert "/-/" not in said
        # a figure's verdict shows the whole sentence, the outlet and the date
        app.ask_verdict("claim", next(c.id for c in app.store.claims if c.surface == "At least 12"))
        await pilot.pause()
        shown = str(app.screen.query_one("#verdict-target", Static).content)
        assert sentence in shown and "harbourtimes.co.uk" in shown


async def test_j_and_k_move_in_every_list_and_stay_letters_in_a_text_field():
    from textual.widgets import DataTable, Input, OptionList

    app = KzviewApp()
    async with app.run_test(size=(160, 45)) as pilot:
        await started(pilot)
        await pilot.press("3", "enter")  # the evidence of the top group
        await pilot.pause()
        evidence = app.screen.query_one(OptionList)
        assert evidence.highlighted == 0
        await pilot.press("j")
        assert evidence.highlighted == 1
        await pilot.press("k")
        assert evidence.highlighted == 0
        await pilot.press("escape", "e")
        await pilot.pause()
        table = app.screen.query_one(DataTable)
        table.focus()
        row = table.cursor_row
        await pilot.press("j")
        assert table.cursor_row == row + 1
        await pilot.press("escape", "slash")
        await pilot.pause()
        await pilot.press(*"jk")
        assert app.screen.query_one(Input).value == "jk"


async def test_a_dialog_closed_on_a_narrow_screen_returns_to_the_pane_it_was_opened_from(tmp_path):
    app = KzviewApp(db=tmp_path / "v.db")
    async with app.run_test(size=(80, 24)) as pilot:
        await started(pilot)
        await pilot.press("2", "n", "c")
        await pilot.pause()
        await pilot.press("escape")
        await pilot.pause()
        assert app.query_one("#article").display and isinstance(app.focused, ArticleView)


async def test_files_that_are_not_articles_are_listed_in_a_problems_view(tmp_path):
    from textual.widgets import OptionList

    from kzview.tui.screens.problems import ProblemsScreen

    write(tmp_path, "a.txt", "Flood\n\nTwelve people died in the flood, police said.")
    (tmp_path / "MANIFEST.tsv").write_text("file\tsource\n")
    (tmp_path / "b.txt").write_bytes(b"\x00\x01binary\x00")
    app = KzviewApp(paths=[tmp_path], db=tmp_path / "v.db", use_cache=False)
    async with app.run_test(size=(120, 40)) as pilot:
        await started(pilot)
        assert "! lists them" in app.sub_title
        await pilot.press("exclamation_mark")
        await pilot.pause()
        assert isinstance(app.screen, ProblemsScreen)
        shown = [str(o.prompt) for o in app.screen.query_one(OptionList).options]
        assert any("MANIFEST.tsv" in s for s in shown) and any("b.txt" in s for s in shown)
        await pilot.press("escape")
        await pilot.pause()
        assert not isinstance(app.screen, ProblemsScreen)


async def test_any_workers_failure_is_said_to_the_user():
    """One handler for every worker: a failure in any of them is a notification, never swallowed."""
    from kzview.tui.app import KzviewApp

    app = KzviewApp()
    async with app.run_test(size=(120, 40)) as pilot:
        await started(pilot)

        def broken() -> None:
            raise OSError("the folder went away")

        from textual.worker import WorkerFailed

        app.run_worker(broken, group="watch", thread=True, exit_on_error=False)
        try:
            await app.workers.wait_for_complete()
        except WorkerFailed:
            pass  # the failure is the point: it must reach the user
        await pilot.pause()
        await pilot.pause()
        said = [n.message for n in app._notifications]
        assert any("Watching the folder stopped" in m and "went away" in m for m in said), said


def held_extraction(tmp_path, monkeypatch, n: int):
    """`n` articles whose extraction holds until the event returned is set: a first open caught in the middle."""
    import threading

    import kzview.pipeline as pipeline

    for i in range(n):
        write(tmp_path, f"a{i:02}.txt", f"Fire {i}\n\n{i + 2} people died in the fire, police said.")
    release = threading.Event()
    real = pipeline.extract_corpus

    def held(*args, **kwargs):
        release.wait(20)  # extraction holds until the test has seen the articles
        return real(*args, **kwargs)

    monkeypatch.setattr(pipeline, "extract_corpus", held)
    return release


async def articles_shown(app, pilot) -> ArticleList:
    """The article list, once it shows the articles (before their figures are read)."""
    articles = app.query_one("#articles", ArticleList)
    for _ in range(200):
        await pilot.pause(0.05)
        if articles.option_count:
            break
    return articles


async def test_a_first_open_shows_the_articles_while_their_figures_are_read(tmp_path, monkeypatch):
    """Issue 16, point 5: the articles at once, the conflict table marked provisional until every figure is read."""
    release = held_extraction(tmp_path, monkeypatch, 30)
    app = KzviewApp(paths=[tmp_path], use_cache=False)
    async with app.run_test(size=(160, 45)) as pilot:
        articles = await articles_shown(app, pilot)
        assert app.store.provisional and not app.loaded and not app.store.claims
        assert articles.option_count == 30 and "reading their figures" in app.sub_title
        assert "provisional" in str(app.query_one("#groups-pane").border_subtitle)
        await pilot.press("w")  # no report of a corpus half read
        await pilot.pause()
        assert not list(tmp_path.glob("kzview-report-*")) and not list(Path.cwd().glob("kzview-report-*"))
        assert app.focused is articles  # the articles are what there is to see meanwhile
        await pilot.press("tab", "a")  # no correction typed into a form that cannot save it
        await pilot.pause()
        assert app.screen is app.main and "still being read" in " ".join(str(n.message) for n in app._notifications)
        release.set()
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert app.loaded and not app.store.provisional and app.store.groups
        assert "provisional" not in str(app.query_one("#groups-pane").border_subtitle)
        assert app.focused is app.query_one("#article")  # the focus the user chose meanwhile is kept


async def test_articles_shown_early_and_left_alone_give_way_to_the_conflict_table(tmp_path, monkeypatch):
    release = held_extraction(tmp_path, monkeypatch, 10)
    app = KzviewApp(paths=[tmp_path], use_cache=False)
    async with app.run_test(size=(160, 45)) as pilot:
        articles = await articles_shown(app, pilot)
        assert app.focused is articles
        release.set()
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert app.focused is app.query_one("#groups", GroupTable)  # nothing touched: the conflicts, as ever


async def test_figures_that_cannot_be_read_after_the_articles_leave_nothing_provisional(tmp_path, monkeypatch):
    import kzview.pipeline as pipeline

    write(tmp_path, "a.txt", "Fire\n\nTwo people died in the fire.")

    def broken(*_a, **_k):
        raise RuntimeError("extraction broke")

    monkeypatch.setattr(pipeline, "extract_corpus", broken)
    from textual.worker import WorkerFailed

    app = KzviewApp(paths=[tmp_path], use_cache=False)
    async with app.run_test(size=(160, 45)) as pilot:
        try:
            await app.workers.wait_for_complete()
        except WorkerFailed:
            pass  # raised here, or already said when the worker failed before the wait began
        for _ in range(100):
            await pilot.pause(0.05)
            if "could not be read" in app.sub_title:
                break
        assert not app.store.provisional and "could not be read" in app.sub_title
        assert "provisional" not in str(app.query_one("#groups-pane").border_subtitle)

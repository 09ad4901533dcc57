"""The fact-checker's corrections: kept with the verdicts, applied on top of extraction before comparison,
surviving a re-extraction, and fed back as gold (kzview correct / kzview corrections)."""

from __future__ import annotations

import json
import os
import subprocess
import sys

from conftest import write


def kz(*args: str, env: dict | None = None) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "kzview.cli", *args], capture_output=True, text=True, timeout=120, env=env
    )


async def merge_in_table(app, pilot, into: str, other: str) -> None:
    """m on the group of one measure, m on the group of another: the second is merged into the first."""
    from kzview.tui.widgets.conflict_table import GroupTable

    table = app.query_one("#groups", GroupTable)
    table.focus()
    for measure in (into, other):
        table.highlighted = table.shown.index(next(g for g in app.store.groups if g.measure == measure).id)
        await pilot.press("m")
    await app.workers.wait_for_complete()
    await pilot.pause()


def test_corrections_change_claims_and_groups_and_become_gold(tmp_path):
    corpus = tmp_path / "c"
    write(corpus, "a.txt", "date: 2024-05-02\nFerry fire\n\nTwelve passengers were killed, the port said.")
    write(corpus, "b.txt", "date: 2024-05-02\nFerry fire\n\nThe captain, 58, said 14 passengers were killed.")
    db = str(tmp_path / "v.db")
    env = {**os.environ, "XDG_CACHE_HOME": str(tmp_path / "cache"), "KZVIEW_AUTHOR": "desk"}
    claims = json.loads(kz("claims", str(corpus), "--format", "json", env=env).stdout)
    fourteen = next(c for c in claims if c["surface"] == "14")
    groups = json.loads(kz("conflicts", str(corpus), "--format", "json", env=env).stdout)
    deaths = next(g for g in groups if g["topic"] == "deaths" and len(g["articles"]) == 2)
    assert deaths["status"] == "conflict"

    # the desk reads b again: the 14 were passengers rescued, not killed
    out = kz(
        "correct",
        str(corpus),
        "--claim",
        fourteen["id"],
        "--topic",
        "other",
        "--measure",
        "passenger",
        "--note",
        "rescued, not killed",
        "--db",
        db,
        env=env,
    )
    assert out.returncode == 0, out.stderr
    fixed = json.loads(out.stdout)[0]
    assert fixed["corrected"] and fixed["machine"]["topic"] == "deaths" and fixed["topic"] == "other"
    # and a figure kzview never saw: "the port" gave no number, but the desk marks "Twelve" as confirmed in full
    text = (corpus / "a.txt").read_text()
    start = text.index("Twelve")
    out = kz(
        "correct",
        str(corpus),
        "--missed",
        f"a:{start}:{start + 6}",
        "--topic",
        "deaths",
        "--interval",
        "12..12",
        "--db",
        db,
        env=env,
    )
    assert out.returncode == 0, out.stderr

    claims = json.loads(kz("claims", str(corpus), "--format", "json", "--db", db, env=env).stdout)
    assert next(c for c in claims if c["id"] == fourteen["id"])["topic"] == "other"
    groups = json.loads(kz("conflicts", str(corpus), "--format", "json", "--db", db, env=env).stdout)
    assert not [g for g in groups if g["topic"] == "deaths" and g["status"] == "conflict"]

    # a re-extraction with a changed lexicon keeps the correction (re-anchored by its place in the text)
    more = tmp_path / "more.toml"
    more.write_text('[subjects]\n"passengers" = ["passengers"]\n', encoding="utf-8")
    claims = json.loads(
        kz("claims", str(corpus), "--format", "json", "--db", db, "--lexicon", str(more), env=env).stdout
    )
    assert next(c for c in claims if c["surface"] == "14")["topic"] == "other"

    listed = json.loads(kz("corrections", str(corpus), "--db", db, env=env).stdout)
    assert [c["who"] for c in listed] == ["desk", "desk"] and all(c["claim"] for c in listed)

    gold = tmp_path / "desk.json"
    gold.write_text(kz("corrections", str(corpus), "--format", "gold", "--db", db, env=env).stdout, encoding="utf-8")
    score = json.loads(kz("eval", str(gold), str(corpus), "--format", "json", "--db", db, env=env).stdout)[0]
    assert score["recall"]["value"] == 1.0 and score["recall"]["total"] >= 1


async def test_not_a_figure_from_the_app_and_undo(tmp_path):
    from test_app import started

    from kzview.tui.app import KzviewApp
    from kzview.tui.widgets.article_view import ArticleView
    from kzview.verdicts import read_corrections

    corpus = tmp_path / "c"
    write(corpus, "a.txt", "date: 2024-05-02\nFerry fire\n\nThe captain, who has 30 years at sea, said 12 died.")
    db = tmp_path / "v.db"
    app = KzviewApp(paths=[corpus], db=db)
    async with app.run_test(size=(160, 45)) as pilot:
        await started(pilot)
        thirty = next(c for c in app.store.claims if c.surface.startswith("30"))
        view = app.query_one("#article", ArticleView)
        view.focus_claim(thirty.id)
        await pilot.press("2", "x")  # the article pane, then "not a figure"
        await app.workers.wait_for_complete()
        await pilot.pause()
        fixed = app.store.claim_by_id[thirty.id]
        assert fixed.corrected and fixed.topic == "other" and fixed.machine is not None
        assert len(read_corrections(db)) == 1
        await pilot.press("z")
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert not app.store.claim_by_id[thirty.id].corrected and read_corrections(db) == []


async def test_corrections_of_every_kind_from_the_app_keys(tmp_path):
    """c on a figure changes its topic, interval, source and event; a adds a figure kzview missed; each is saved
    as the user's work, applied at once, kept through a restart, and z takes the last one back."""
    from conftest import write
    from textual.widgets import Input, Select

    from kzview.tui.app import KzviewApp
    from kzview.tui.screens.correct import CorrectScreen, MissedScreen
    from kzview.tui.screens.mark import MarkScreen, MarkView
    from kzview.tui.widgets.article_view import ArticleView

    corpus = tmp_path / "corpus"
    write(corpus, "a.txt", "Ferry fire\n\nSome 40 people were hurt when the ferry burned, and a dozen crew fled.")
    write(corpus, "b.txt", "Ferry fire\n\nForty-two people were injured in the ferry fire, officials said.")
    db = tmp_path / "v.db"

    async def open_app():
        app = KzviewApp(paths=[corpus], db=db, use_cache=False)
        return app

    app = await open_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await app.workers.wait_for_complete()
        await pilot.pause()
        app.main.article_id = "a"
        await pilot.pause()
        view = app.query_one("#article", ArticleView)
        view.focus()
        await pilot.press("n")
        assert view.figures[view.current].surface == "Some 40"
        await pilot.press("c")
        await pilot.pause()
        assert isinstance(app.screen, CorrectScreen)
        app.screen.query_one("#correct-topic", Select).value = "hospitalized"
        app.screen.query_one("#correct-interval", Input).value = "38..42"
        app.screen.query_one("#correct-attribution", Input).value = "the fire service"
        app.screen.query_one("#correct-note", Input).value = "the fire service's own count"
        await pilot.press("ctrl+s")
        await app.workers.wait_for_complete()
        await pilot.pause()
        fixed = next(c for c in app.store.claims if c.surface == "Some 40")
        assert fixed.corrected and (fixed.topic, fixed.low, fixed.high) == ("hospitalized", 38, 42)
        assert fixed.attribution == "the fire service" and fixed.machine["topic"] == "injuries"
        view = app.query_one("#article", ArticleView)
        view.focus()
        await pilot.press("a")  # select the words in the text: move to "a", stretch over "dozen crew"
        await pilot.pause()
        assert isinstance(app.screen, MarkScreen)
        mark = app.screen.query_one(MarkView)
        target = mark.article.text.index("a dozen crew")
        steps = mark.word_at(target) - mark.head
        await pilot.press(*(["right"] * steps if steps > 0 else ["left"] * -steps))
        await pilot.press("shift+right", "shift+right", "shift+right", "shift+left")
        assert mark.selected_text() == "a dozen crew" and mark.span == (target, target + 12)
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, MissedScreen)
        assert app.screen.query_one("#missed-words", Input).value == "a dozen crew"
        assert app.screen.query_one("#missed-interval", Input).value == "12"  # as kzview reads the words
        app.screen.query_one("#missed-topic", Select).value = "other"
        await pilot.press("ctrl+s")
        await app.workers.wait_for_complete()
        await pilot.pause()
        added = [c for c in app.store.claims if c.surface == "a dozen crew"]
        assert added and added[0].corrected and (added[0].low, added[0].high) == (12, 12)
        assert (added[0].start, added[0].end) == (target, target + 12)
        await pilot.press("z")  # take the added figure back
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert not any(c.surface == "a dozen crew" for c in app.store.claims)
    again = await open_app()
    async with again.run_test(size=(120, 40)) as pilot:
        await again.workers.wait_for_complete()
        await pilot.pause()
        assert not any(c.surface == "a dozen crew" for c in again.store.claims)
        fixed = next(c for c in again.store.claims if c.surface == "Some 40")
        assert fixed.topic == "hospitalized" and fixed.attribution == "the fire service"


async def test_merge_two_groups_and_move_a_figure_out_from_the_app(tmp_path):
    from conftest import write

    from kzview.corrections import SET_APART
    from kzview.tui.app import KzviewApp
    from kzview.tui.screens.evidence import EvidenceScreen
    from kzview.tui.widgets.conflict_table import GroupTable

    corpus = tmp_path / "corpus"
    write(corpus, "a.txt", "Raid at sea\n\nThe coastguard seized three boats off the cape on Sunday.")
    write(corpus, "b.txt", "Raid at sea\n\nThe coastguard seized four barges off the cape on Sunday.")
    write(corpus, "c.txt", "Raid at sea\n\nThe coastguard seized three boats and 40 rifles on Sunday.")
    app = KzviewApp(paths=[corpus], db=tmp_path / "v.db", use_cache=False)
    async with app.run_test(size=(160, 45)) as pilot:
        await app.workers.wait_for_complete()
        await pilot.pause()
        await merge_in_table(app, pilot, "vessel", "barge")
        merged = next(g for g in app.store.groups if g.measure == "vessel")
        assert len(merged.articles) == 3 and merged.status.value == "conflict"  # three against four, now compared
        table = app.query_one("#groups", GroupTable)
        table.focus()
        table.highlighted = table.shown.index(merged.id)
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, EvidenceScreen)
        await pilot.press("o")  # the highlighted figure measures something else
        await app.workers.wait_for_complete()
        await pilot.pause()
        apart = [c for c in app.store.claims if c.event == SET_APART]
        assert len(apart) == 1 and apart[0].corrected
        assert all(apart[0].id not in g.claims for g in app.store.groups if g.measure == "vessel" and g.event is None)


def test_merges_and_set_aparts_become_group_checks_in_the_gold(tmp_path):
    """A figure merged into another group and one set apart from its own are written as group checks (must_group,
    must_not_group) that `kzview eval` reads; the corrected corpus passes them, the uncorrected one does not."""
    corpus = tmp_path / "c"
    write(corpus, "a.txt", "date: 2024-05-02\nRaid at sea\n\nThe coastguard seized three boats off the cape.")
    write(corpus, "b.txt", "date: 2024-05-02\nRaid at sea\n\nThe coastguard seized three barges off the cape.")
    write(corpus, "c.txt", "date: 2024-05-02\nRaid at sea\n\nThe coastguard seized four boats off the cape.")
    db = str(tmp_path / "v.db")
    env = {**os.environ, "XDG_CACHE_HOME": str(tmp_path / "cache"), "KZVIEW_AUTHOR": "desk"}
    claims = json.loads(kz("claims", str(corpus), "--format", "json", env=env).stdout)
    barges = next(c for c in claims if c["article"] == "b" and c["surface"] == "three")
    four = next(c for c in claims if c["article"] == "c" and c["surface"] == "four")
    assert barges["measure"] == "barge" and four["measure"] == "vessel"
    # the desk: the barges are the boats (one measure); the four boats were another night's (set apart)
    out = kz("correct", str(corpus), "--claim", barges["id"], "--measure", "vessel", "--db", db, env=env)
    assert out.returncode == 0, out.stderr
    out = kz("correct", str(corpus), "--claim", four["id"], "--event", "set apart by a person", "--db", db, env=env)
    assert out.returncode == 0, out.stderr

    gold = json.loads(kz("corrections", str(corpus), "--format", "gold", "--db", db, env=env).stdout)
    kinds = sorted(k for chk in gold["conflicts"] for k in chk if k.startswith("must"))
    assert kinds == ["must_group", "must_not_group"], gold["conflicts"]
    path = tmp_path / "desk.json"
    path.write_text(json.dumps(gold), encoding="utf-8")
    fixed = json.loads(kz("eval", str(path), str(corpus), "--format", "json", "--db", db, env=env).stdout)[0]
    assert fixed["groups"]["value"] == 1.0 and fixed["groups"]["total"] == 2, fixed["failures"]
    raw = json.loads(kz("eval", str(path), str(corpus), "--format", "json", env=env).stdout)[0]
    assert raw["groups"]["value"] < 1.0  # without the corrections, the machine's reading fails them


async def test_the_corrections_view_lists_every_correction_with_its_state_and_goes_to_it(tmp_path):
    """C lists each correction newest first, with who, when, what, the note and where it stands (in force, undone);
    Enter goes to the corrected figure in its article."""
    from test_app import started

    from kzview.tui.app import KzviewApp
    from kzview.tui.screens.history import CorrectionsScreen
    from kzview.tui.widgets.article_view import ArticleView
    from kzview.verdicts import VerdictStore
    from kzview.verdicts import anchor as where

    corpus = tmp_path / "c"
    write(corpus, "a.txt", "date: 2024-05-02\nFerry fire\n\nThe captain, who has 30 years at sea, said 12 died.")
    write(corpus, "b.txt", "date: 2024-05-02\nFerry fire\n\nOfficials said 14 people died in the fire.")
    db = tmp_path / "v.db"
    app = KzviewApp(paths=[corpus], db=db)
    async with app.run_test(size=(160, 45)) as pilot:
        await started(pilot)
        thirty = next(c for c in app.store.claims if c.surface.startswith("30"))
        fourteen = next(c for c in app.store.claims if c.surface == "14")
        vs = app.store.verdict_store
        assert isinstance(vs, VerdictStore)
        vs.add_correction("claim", thirty.id, {"not_a_figure": True}, "years at sea", "desk", where([thirty]))
        seq = vs.add_correction("claim", fourteen.id, {"topic": "injuries"}, "a misreading", "desk", where([fourteen]))
        vs.add_correction("claim", fourteen.id, {"topic": "deaths"}, "", "desk", where([fourteen]))
        vs.undo()  # the last one taken back: it stays in the history, as undone
        app.load_store()
        await app.workers.wait_for_complete()
        await pilot.pause()
        await pilot.press("C")
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, CorrectionsScreen)
        lines = [line for line, _ in screen.rows]
        assert len(lines) == 3 and "undone" in lines[0] and "desk" in lines[0]
        assert "a misreading" in lines[1] and "in force" in lines[1] and "years at sea" in lines[2]
        assert seq and screen.rows[1][1] == fourteen.id
        await pilot.press("j", "enter")
        await pilot.pause()
        assert not isinstance(app.screen, CorrectionsScreen)
        view = app.query_one("#article", ArticleView)
        assert app.main.article_id == "b" and view.figures[view.current].id == fourteen.id


async def test_undo_takes_a_whole_merge_back_at_once(tmp_path):
    from test_app import started

    from kzview.tui.app import KzviewApp
    from kzview.verdicts import read_corrections

    corpus = tmp_path / "corpus"
    write(corpus, "a.txt", "Raid at sea\n\nThe coastguard seized three boats off the cape on Sunday.")
    write(corpus, "b.txt", "Raid at sea\n\nThe coastguard seized four barges off the cape on Sunday.")
    write(corpus, "c.txt", "Raid at sea\n\nThe coastguard seized four barges and 40 rifles on Sunday.")
    db = tmp_path / "v.db"
    app = KzviewApp(paths=[corpus], db=db, use_cache=False)
    async with app.run_test(size=(160, 45)) as pilot:
        await started(pilot)
        await merge_in_table(app, pilot, "vessel", "barge")
        assert len(read_corrections(db)) == 2  # both barge figures now read as vessels
        assert not [g for g in app.store.groups if g.measure == "barge"]
        await pilot.press("z")
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert read_corrections(db) == []  # one key takes the whole merge back
        assert next(g for g in app.store.groups if g.measure == "barge").articles == ["b", "c"]


async def test_corrections_from_the_evidence_screen(tmp_path):
    """x and c in the evidence screen correct the highlighted figure, as in the article pane."""
    from test_app import started

    from kzview.tui.app import KzviewApp
    from kzview.tui.screens.correct import CorrectScreen
    from kzview.tui.screens.evidence import EvidenceScreen
    from kzview.tui.widgets.conflict_table import GroupTable
    from kzview.verdicts import read_corrections

    corpus = tmp_path / "corpus"
    write(corpus, "a.txt", "date: 2024-05-02\nFerry fire\n\nTwelve passengers were killed, the port said.")
    write(corpus, "b.txt", "date: 2024-05-02\nFerry fire\n\nOfficials said 14 passengers were killed.")
    db = tmp_path / "v.db"
    app = KzviewApp(paths=[corpus], db=db, use_cache=False)
    async with app.run_test(size=(160, 45)) as pilot:
        await started(pilot)
        table = app.query_one("#groups", GroupTable)
        table.focus()
        deaths = next(g for g in app.store.groups if g.topic == "deaths" and len(g.articles) == 2)
        table.highlighted = table.shown.index(deaths.id)
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, EvidenceScreen)
        await pilot.press("c")
        await pilot.pause()
        assert isinstance(app.screen, CorrectScreen)
        await pilot.press("escape")
        await pilot.pause()
        assert isinstance(app.screen, EvidenceScreen)
        await pilot.press("x")
        await app.workers.wait_for_complete()
        await pilot.pause()
        fixed = [c for c in app.store.claims if c.corrected]
        assert len(fixed) == 1 and len(read_corrections(db)) == 1
        assert not any(g.topic == "deaths" and g.status.value == "conflict" for g in app.store.groups)


def test_word_spans_leave_out_the_punctuation_around_a_figure():
    from kzview.tui.screens.mark import word_spans

    text = 'Police said (about 40), "nearly 6,000." -- then'
    words = [text[s:e] for s, e in word_spans(text)]
    assert words == ["Police", "said", "about", "40", "nearly", "6,000", "--", "then"]


async def test_missed_words_by_line_and_by_mouse_and_escape_keeps_nothing(tmp_path):
    """In the mark screen j/k move a line, a click picks a word and shift+click stretches to another; Esc
    leaves without a correction."""
    from conftest import write

    from kzview.tui.app import KzviewApp
    from kzview.tui.screens.mark import GUTTER, MarkScreen, MarkView
    from kzview.tui.widgets.article_view import ArticleView
    from kzview.verdicts import read_corrections

    corpus = tmp_path / "corpus"
    words = " ".join(f"w{i}" for i in range(60))
    write(corpus, "a.txt", f"Storm\n\n{words} and nearly 300 homes lost power.")
    write(corpus, "b.txt", "Storm\n\nAbout 250 homes lost power, the utility said.")
    db = tmp_path / "v.db"
    app = KzviewApp(paths=[corpus], db=db, use_cache=False)
    async with app.run_test(size=(80, 24)) as pilot:
        await app.workers.wait_for_complete()
        await pilot.pause()
        app.main.article_id = "a"
        await pilot.pause()
        app.query_one("#article", ArticleView).focus()
        await pilot.press("a")
        await pilot.pause()
        assert isinstance(app.screen, MarkScreen)
        mark = app.screen.query_one(MarkView)
        assert mark.selected_text() == "Storm"
        await pilot.press("j")  # past the blank line, to the paragraph's first word
        assert mark.selected_text() == "w0"
        first = mark.selected_text()
        line = mark.line_of(mark.span[0])
        await pilot.press("j")
        assert mark.line_of(mark.span[0]) == line + 1 and mark.selected_text() != first
        await pilot.press("k")
        assert mark.line_of(mark.span[0]) == line

        # a click on "nearly", a shift+click on "300"
        def point(offset: int) -> tuple[int, int]:
            line = mark.line_of(offset)
            return GUTTER + offset - mark._lines[line][0], line - int(mark.scroll_y)

        x, y = point(mark.article.text.index("nearly"))
        await pilot.click(MarkView, offset=(x + 1, y))
        assert mark.selected_text() == "nearly"
        await pilot.click(MarkView, offset=point(mark.article.text.index("300")), shift=True)
        assert mark.selected_text() == "nearly 300"
        assert "nearly 300" in str(app.screen.query_one("#mark-words").render())
        await pilot.press("escape")
        await pilot.pause()
        assert not isinstance(app.screen, MarkScreen)
    assert not db.exists() or read_corrections(db) == []


def test_group_corrections_and_undo_from_the_command_line_reach_every_export(tmp_path):
    """kzview correct --merge/--into reads one group as another, --out-of-group moves a figure out, --undo SEQ
    takes one back; `conflicts` and every export format show the corrected reading."""
    corpus = tmp_path / "c"
    write(corpus, "a.txt", "date: 2024-05-02\nRaid at sea\n\nThe coastguard seized three boats off the cape.")
    write(corpus, "b.txt", "date: 2024-05-02\nRaid at sea\n\nThe coastguard seized four barges off the cape.")
    write(corpus, "c.txt", "date: 2024-05-02\nRaid at sea\n\nThe coastguard seized three boats and 40 rifles.")
    db = str(tmp_path / "v.db")
    env = {**os.environ, "XDG_CACHE_HOME": str(tmp_path / "cache"), "KZVIEW_AUTHOR": "desk"}
    claims = json.loads(kz("claims", str(corpus), "--format", "json", env=env).stdout)
    four = next(c["id"] for c in claims if c["unit"] == "barges")
    boats_c = next(c["id"] for c in claims if c["unit"] == "boats" and c["article"] == "c")

    def group_of(claim_id: str) -> dict:
        gs = json.loads(kz("conflicts", str(corpus), "--format", "json", "--db", db, env=env).stdout)
        return next(g for g in gs if claim_id in g["claims"])

    boats, barges = group_of(boats_c), group_of(four)
    assert boats["id"] != barges["id"]
    out = kz("correct", str(corpus), "--merge", barges["id"], "--into", boats["id"], "--db", db, env=env)
    assert out.returncode == 0, out.stderr
    assert out.stdout.startswith("1 figures of"), out.stdout
    merged = group_of(four)
    assert boats_c in merged["claims"] and len(merged["claims"]) == 3
    assert merged["status"] == "conflict"  # three boats against four, now that they are one measure
    for fmt in ("md", "csv", "json", "claimreview"):  # ClaimReview holds reviewed groups only: none here
        report = kz("export", str(corpus), "--format", fmt, "--db", db, env=env)
        assert report.returncode == 0, (fmt, report.stderr)
        assert fmt == "claimreview" or ("four" in report.stdout and "three" in report.stdout), fmt
    assert '"corrected": true' in kz("export", str(corpus), "--format", "json", "--db", db, env=env).stdout

    listed = json.loads(kz("corrections", str(corpus), "--db", db, env=env).stdout)
    assert len(listed) == 1 and listed[0]["who"] == "desk"
    # move the c article's boats out of the merged group
    out = kz("correct", str(corpus), "--claim", boats_c, "--out-of-group", "--db", db, env=env)
    assert out.returncode == 0, out.stderr
    assert boats_c not in group_of(four)["claims"]
    # take the merge back by its number: barges and boats are apart again
    out = kz("correct", str(corpus), "--undo", str(listed[0]["seq"]), "--db", db, env=env)
    assert out.returncode == 0, out.stderr
    assert group_of(four)["claims"] == [four]
    assert kz("correct", str(corpus), "--undo", str(listed[0]["seq"]), "--db", db, env=env).returncode == 2
    assert kz("correct", str(corpus), "--merge", "nope", "--into", boats["id"], "--db", db, env=env).returncode == 2

"""Many stories in one corpus (issue 16, point 4): articles grouped into stories by folder, by a `story` field
or the metadata sidecar; comparison within a story only; the app lists the stories first, then shows one story's
articles and conflicts."""

from __future__ import annotations

import json

from conftest import write

from kzview.cli import main
from kzview.tui.app import KzviewApp
from kzview.tui.screens.stories import StoriesScreen
from kzview.tui.widgets.article_list import ArticleList
from kzview.tui.widgets.conflict_table import GroupTable


def two_stories(root) -> None:
    write(root / "quake", "a1.txt", "date: 2024-05-02\nQuake kills 12\n\nThe quake killed 12 people, officials said.")
    write(root / "quake", "a2.txt", "date: 2024-05-02\nQuake toll 15\n\nThe quake killed 15 people, police said.")
    write(root / "flood", "b1.txt", "date: 2024-05-02\nFlood kills 12\n\nThe flood killed 12 people, officials said.")
    write(root / "flood", "b2.txt", "date: 2024-05-02\nFlood kills 12\n\nThe flood killed 12 people, the army said.")


def run(capsys, *argv: str):
    code = main(list(argv))
    return code, capsys.readouterr().out


def test_figures_of_two_stories_never_share_a_group(tmp_path, capsys):
    two_stories(tmp_path / "c")
    code, out = run(capsys, "conflicts", str(tmp_path / "c"), "--format", "json", "--no-cache")
    assert code == 0
    groups = {(g["story"], g["status"]): set(g["articles"]) for g in json.loads(out) if g["topic"] == "deaths"}
    assert groups == {("quake", "conflict"): {"a1", "a2"}, ("flood", "consistent"): {"b1", "b2"}}
    _, claims = run(capsys, "claims", str(tmp_path / "c"), "--format", "json", "--no-cache")
    assert {c["article"]: c["story"] for c in json.loads(claims)} == {
        "a1": "quake",
        "a2": "quake",
        "b1": "flood",
        "b2": "flood",
    }


def test_one_story_compares_every_article_together(tmp_path, capsys):
    two_stories(tmp_path / "c")
    _, out = run(capsys, "conflicts", str(tmp_path / "c"), "--format", "json", "--no-cache", "--one-story")
    deaths = [g for g in json.loads(out) if g["topic"] == "deaths"]
    assert len(deaths) == 1 and deaths[0]["story"] is None and len(deaths[0]["articles"]) == 4


def test_a_story_field_and_the_sidecar_name_stories(tmp_path, capsys):
    lines = [
        {"id": "r1", "story": "port fire", "text": "Fire\n\nThe fire killed 3 people."},
        {"id": "r2", "story": "port fire", "text": "Fire\n\nThe fire killed 4 people."},
        {"id": "r3", "text": "Crash\n\nThe crash killed 3 people."},
    ]
    (tmp_path / "export.jsonl").write_text("\n".join(json.dumps(x) for x in lines), encoding="utf-8")
    write(tmp_path, "sources.csv", "id,story\nr3,bus crash\n")
    _, claims = run(capsys, "claims", str(tmp_path), "--format", "json", "--no-cache")
    assert {c["article"]: c["story"] for c in json.loads(claims)} == {
        "r1": "port fire",
        "r2": "port fire",
        "r3": "bus crash",
    }


def test_a_flat_folder_is_one_story_as_before(tmp_path, capsys):
    write(tmp_path, "a.txt", "Fire\n\nThe fire killed 3 people.")
    write(tmp_path, "b.txt", "Fire\n\nThe fire killed 4 people.")
    _, out = run(capsys, "conflicts", str(tmp_path), "--format", "json", "--no-cache")
    assert all(g["story"] is None for g in json.loads(out))


async def test_the_app_lists_the_stories_first_then_shows_one(tmp_path):
    two_stories(tmp_path / "c")
    app = KzviewApp(paths=[tmp_path / "c"], use_cache=False)
    async with app.run_test(size=(160, 45)) as pilot:
        await app.workers.wait_for_complete()
        await pilot.pause()
        await pilot.pause()
        assert isinstance(app.screen, StoriesScreen)  # a corpus of many stories opens on its story list
        await pilot.press("j", "j", "enter")  # All stories, flood, quake
        await pilot.pause()
        articles = app.query_one("#articles", ArticleList)
        table = app.query_one("#groups", GroupTable)
        assert articles.shown == ["a1", "a2"]
        assert {app.store.group_by_id[g].story for g in table.shown} == {"quake"}
        assert "story quake" in app.sub_title
        await pilot.press("t")
        await pilot.pause()
        assert isinstance(app.screen, StoriesScreen)
        await pilot.press("k", "k", "enter")  # back to every story
        await pilot.pause()
        assert len(articles.shown) == 4 and "2 stories" in app.sub_title


async def test_one_story_has_no_story_list(tmp_path):
    write(tmp_path, "a.txt", "Fire\n\nThe fire killed 3 people.")
    app = KzviewApp(paths=[tmp_path], use_cache=False)
    async with app.run_test(size=(120, 40)) as pilot:
        await app.workers.wait_for_complete()
        await pilot.pause()
        await pilot.press("t")
        await pilot.pause()
        assert not isinstance(app.screen, StoriesScreen)

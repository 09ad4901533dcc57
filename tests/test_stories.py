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


def test_where_a_file_lies_names_its_story(tmp_path, capsys):
    # nested folders belong to the story right under the folder given
    write(tmp_path / "n" / "quake" / "day1", "a1.txt", "Quake\n\nThe quake killed 12 people.")
    write(tmp_path / "n" / "quake" / "day2", "a2.txt", "Quake\n\nThe quake killed 15 people.")
    _, claims = run(capsys, "claims", str(tmp_path / "n"), "--format", "json", "--no-cache")
    assert {c["story"] for c in json.loads(claims)} == {"quake"}
    # several folders given: each is a story
    two_stories(tmp_path / "c")
    _, out = run(capsys, "conflicts", str(tmp_path / "c" / "quake"), str(tmp_path / "c" / "flood"), "--format", "json")
    assert {g["story"] for g in json.loads(out)} == {"quake", "flood"}


def test_one_story_in_a_folder_keeps_its_name_and_its_groups_ids_when_a_second_comes(tmp_path, capsys):
    write(tmp_path / "f" / "quake", "a1.txt", "date: 2024-05-02\nQuake kills 12\n\nThe quake killed 12 people.")
    write(tmp_path / "f" / "quake", "a2.txt", "date: 2024-05-02\nQuake toll 15\n\nThe quake killed 15 people.")
    _, before = run(capsys, "conflicts", str(tmp_path / "f"), "--format", "json", "--no-cache")
    write(tmp_path / "f", "b1.txt", "date: 2024-05-02\nQuake kills 12\n\nThe quake killed 12 people.")
    write(tmp_path / "f", "b2.txt", "date: 2024-05-02\nQuake toll 15\n\nThe quake killed 15 people.")
    _, after = run(capsys, "conflicts", str(tmp_path / "f"), "--format", "json", "--no-cache")
    quake = {g["id"] for g in json.loads(before) if g["story"] == "quake"}
    assert quake and quake <= {g["id"] for g in json.loads(after) if g["story"] == "quake"}
    # the articles under no folder: groups of their own, never the quake's ids (a verdict stays where it was set)
    assert not quake & {g["id"] for g in json.loads(after) if g["story"] is None}


def test_groups_of_two_stories_are_never_merged(tmp_path, capsys):
    two_stories(tmp_path / "c")
    _, out = run(capsys, "conflicts", str(tmp_path / "c"), "--format", "json", "--no-cache")
    by_story = {g["story"]: g["id"] for g in json.loads(out) if g["topic"] == "deaths"}
    code = main(["correct", str(tmp_path / "c"), "--merge", by_story["flood"], "--into", by_story["quake"],
                 "--db", str(tmp_path / "v.db")])  # fmt: skip
    assert code == 2 and "two stories" in capsys.readouterr().err


def test_a_file_moved_to_another_story_s_folder_is_of_that_story_on_a_reload(tmp_path):
    from kzview.ingest import clean_corpus, read_corpus

    two_stories(tmp_path / "c")
    known = {(a.id, a.text): a for a in clean_corpus(read_corpus([tmp_path / "c"])).articles}
    (tmp_path / "c" / "flood" / "b2.txt").rename(tmp_path / "c" / "quake" / "b2.txt")
    again = {a.id: a.story for a in clean_corpus(read_corpus([tmp_path / "c"]), known).articles}
    assert again["b2"] == "quake"


async def test_a_story_named_with_markup_is_shown_as_written(tmp_path):
    """A story's name is words from a folder or a record: "[/]" once crashed the app as a markup tag."""
    lines = [
        {"id": "r1", "story": "[/]", "text": "Fire\n\nThe fire killed 3 people."},
        {"id": "r2", "story": "[link=y]z", "text": "Fire\n\nThe fire killed 4 people."},
    ]
    (tmp_path / "export.jsonl").write_text("\n".join(json.dumps(x) for x in lines), encoding="utf-8")
    app = KzviewApp(paths=[tmp_path], use_cache=False)
    async with app.run_test(size=(160, 45)) as pilot:
        await app.workers.wait_for_complete()
        await pilot.pause()
        await pilot.pause()
        for row, name in ((1, "[/]"), (2, "[link=y]z")):
            await pilot.press(*["j"] * row, "enter")  # the rows: All stories, then by name
            await pilot.pause()
            assert name in str(app.query_one("#groups-pane").border_title)
            await pilot.press("t", "home")
            await pilot.pause()


async def test_one_story_in_the_app_has_no_story_list_and_an_empty_story_clears_the_reason(tmp_path):
    two_stories(tmp_path / "c")
    write(tmp_path / "c" / "calm", "z.txt", "Calm\n\nNothing happened.")
    app = KzviewApp(paths=[tmp_path / "c"], use_cache=False)
    async with app.run_test(size=(160, 45)) as pilot:
        await app.workers.wait_for_complete()
        await pilot.pause()
        await pilot.pause()
        await pilot.press("j", "j", "j", "enter")  # All, calm, flood, quake: quake
        await pilot.pause()
        assert app.main.group_id is not None
        await pilot.press("t", "k", "k", "enter")  # calm: no groups
        await pilot.pause()
        assert app.main.group_id is None
    pooled = KzviewApp(paths=[tmp_path / "c"], use_cache=False, stories=False)
    async with pooled.run_test(size=(160, 45)) as pilot:
        await pooled.workers.wait_for_complete()
        await pilot.pause()
        await pilot.pause()
        assert not isinstance(pooled.screen, StoriesScreen) and "stories" not in pooled.sub_title


def test_an_article_s_label_is_its_file_name_s_not_its_folder_s(tmp_path, capsys):
    """ "quake_2024/01_wire" was labelled "quake", as every article of its folder was; now "01", unique in its
    story, where its figures are compared and named."""
    for folder in ("quake_2024", "flood_2024"):
        for n in ("01", "02"):
            write(tmp_path / "c" / folder, f"{n}_wire.txt", "Quake\n\nThe quake killed 12 people.")
    _, claims = run(capsys, "claims", str(tmp_path / "c"), "--format", "json", "--no-cache")
    labels = {c["article"]: c["label"] for c in json.loads(claims)}
    assert len(labels) == 4, labels
    for story in ("quake_2024", "flood_2024"):  # unique in each story, and short
        own = {label for article, label in labels.items() if article.startswith(story)}
        assert own == {"01", "02"}, labels


def test_the_conflicts_table_names_each_group_s_story(tmp_path, capsys):
    two_stories(tmp_path / "c")
    code, out = run(capsys, "conflicts", str(tmp_path / "c"), "--format", "table", "--no-cache")
    assert code == 0 and "story" in out and "quake" in out and "flood" in out


def test_a_large_first_open_tells_its_figures_in_parts_and_ends_as_one_read(tmp_path):
    """Issue 16, point 5: the figures read so far come as provisional stores while the rest are read; the final
    store is the one a read in one go gives."""
    from kzview.ingest import load_corpus
    from kzview.model import to_json
    from kzview.store import PARTIAL_MIN, build_store

    for i in range(PARTIAL_MIN):
        write(tmp_path, f"a{i:03}.txt", f"date: 2024-05-0{1 + i % 5}\nFire\n\n{10 + i % 7} people died, police said.")
    corpus = load_corpus([tmp_path])
    parts: list = []
    final = build_store(corpus, workers=1, on_partial=parts.append)
    whole = build_store(corpus, workers=1)
    assert [len(p.claims) for p in parts] == sorted(len(p.claims) for p in parts) and len(parts) == 2
    assert all(p.provisional and p.groups for p in parts) and not final.provisional
    assert all(len(p.claims) < len(final.claims) for p in parts)
    assert [to_json(c) for c in final.claims] == [to_json(c) for c in whole.claims]
    assert [to_json(g) for g in final.groups] == [to_json(g) for g in whole.groups]


def test_a_display_that_fails_never_costs_the_read(tmp_path):
    from kzview.store import load_store

    for i in range(3):
        write(tmp_path, f"a{i}.txt", f"Fire\n\n{i + 2} people died in the fire.")

    def broken(*_args):
        raise ValueError("cannot show this")

    store = load_store([tmp_path], on_articles=broken, on_partial=broken)
    assert len(store.articles) == 3 and store.groups and not store.provisional


def test_two_folders_given_with_a_file_of_one_name_each_are_both_read(tmp_path, capsys):
    write(tmp_path / "quake", "01.txt", "Quake kills 5\n\nThe quake killed 5 people in Arlo, officials said.")
    write(tmp_path / "fire", "01.txt", "Fire kills 2\n\nThe fire killed 2 people in Bexa, officials said.")
    code = main(["claims", str(tmp_path / "quake"), str(tmp_path / "fire"), "--format", "json", "--no-cache"])
    captured = capsys.readouterr()
    assert code == 0 and "duplicate" not in captured.err
    assert {(c["article"], c["story"]) for c in json.loads(captured.out)} == {
        ("quake/01", "quake"),
        ("fire/01", "fire"),
    }


def test_a_story_s_claims_are_the_ones_it_gives_read_alone(tmp_path, capsys):
    # the places and dates of one story never move another's: "on Monday" is read against its own story's days,
    # and a place its own reports' openings name is its event's
    write(tmp_path / "flood", "a.txt", "date: 2024-05-06\nFloods hit Arlo valley\n\nFloods in Arlo killed 12 people.")
    write(tmp_path / "flood", "b.txt", "Arlo flood toll rises\n\nThe flood in Arlo killed 15 people on May 4.")
    write(tmp_path / "fire", "c.txt", "date: 2021-11-02\nFire in Bexa\n\nA fire killed 3 people in Bexa.")
    write(tmp_path / "fire", "d.txt", "date: 2021-11-03\nBexa fire\n\nThe Bexa fire killed 4, police said on Monday.")
    write(tmp_path / "fire", "e.txt", "date: 2021-11-04\nBexa fire toll\n\nFour died in the Bexa fire.")

    def claims(*paths):
        assert main(["claims", *map(str, paths), "--format", "json", "--no-cache"]) == 0
        return {
            (c["article"].split("/")[-1], c["start"]): {k: v for k, v in c.items() if k not in ("story", "article")}
            for c in json.loads(capsys.readouterr().out)
        }

    together = claims(tmp_path)
    alone = {**claims(tmp_path / "flood"), **claims(tmp_path / "fire")}
    assert together == alone
    assert {c["as_of"] for k, c in together.items() if k[0] == "b"} == {"2024-05-04"}  # its story's May, not 2022's

"""Stories found by the event's own fingerprint (issue 16, point 4) where no folder, field or column names them:
a flat folder holding the reports of several events is compared story by story; a folder of one event stays one
story. The texts are written here, in several news styles; the real clusters are in tests/test_realnews.py."""

from __future__ import annotations

import json
from dataclasses import replace

from conftest import write

from kzview.cli import main
from kzview.ingest import load_corpus
from kzview.ingest.stories import assign_stories, event_kinds, find_stories
from kzview.model import Article

# three events, three or four outlets each, in one flat folder
FERRY = [
    (
        "f1",
        "March 3, 2025\nFerry capsizes on the Varnel river near Ostrava Bay, 14 dead\n\nOSTRAVA BAY - A crowded ferry "
        "capsized on the Varnel river on Sunday, killing 14 people, the Ostrava Bay harbour master said. The MV "
        "Kestrel Star was carrying about 120 passengers when it overturned.",
    ),
    (
        "f2",
        "March 3, 2025\nDeath toll in Varnel ferry disaster rises to 17\n\nRescuers pulled three more bodies from the "
        "Varnel on Monday after the MV Kestrel Star went down off Ostrava Bay, officials said. Seventeen people are "
        "now confirmed dead.",
    ),
    (
        "f3",
        "March 4, 2025\nKestrel Star survivors describe panic\n\nSurvivors of the Kestrel Star sinking told of panic "
        "as the vessel listed in the Varnel current. The Ostrava Bay port authority said 17 had died and 31 were "
        "missing.",
    ),
]
MINE = [
    (
        "m1",
        "June 9, 2025\nMiners trapped after collapse at Drevik colliery\n\nTwenty-two miners are trapped after a roof "
        "collapse at the Drevik colliery in the Halvas valley, the operator Karbon Halvas said on Monday.",
    ),
    (
        "m2",
        "June 10, 2025\nRescuers reach 12 of the Drevik miners\n\nHALVAS - Rescue teams reached 12 of the 22 men "
        "trapped in the Drevik pit overnight, Karbon Halvas said. Ten remain underground.",
    ),
    (
        "m3",
        "June 10, 2025\nDrevik: hope fades for ten miners\n\nFamilies waited at the gates of the Drevik colliery as "
        "the Halvas mine rescue service said ten men were still missing.",
    ),
    (
        "m4",
        "June 11, 2025\nAll Drevik miners brought out alive\n\nThe last of the 22 miners trapped at Drevik in the "
        "Halvas valley were brought to the surface on Wednesday, Karbon Halvas said.",
    ),
]
PROTEST = [
    (
        "p1",
        "Sept 20, 2025\nThousands march in Tarnvik over fuel prices\n\nTARNVIK - About 12,000 people marched through "
        "Tarnvik on Saturday against fuel prices, police said; organisers from the Fair Fuel Alliance put the crowd "
        "at 60,000.",
    ),
    (
        "p2",
        "Sept 21, 2025\n37 arrested after Tarnvik fuel march\n\nPolice in Tarnvik arrested 37 people after Saturday's "
        "march by the Fair Fuel Alliance turned violent near Korsholm Square.",
    ),
    (
        "p3",
        "Sept 22, 2025\nTarnvik arrests rise to 81\n\nThe number arrested since the Fair Fuel Alliance march in "
        "Tarnvik has risen to 81, police said, after a second night of clashes around Korsholm Square.",
    ),
]


def flat(root) -> None:
    for name, text in FERRY + MINE + PROTEST:
        write(root, f"{name}.txt", text)


def test_a_flat_folder_of_three_events_is_compared_story_by_story(tmp_path, capsys):
    flat(tmp_path)
    assert main(["claims", str(tmp_path), "--format", "json", "--no-cache"]) == 0
    story = {c["article"]: c["story"] for c in json.loads(capsys.readouterr().out)}
    by_story: dict[str, set[str]] = {}
    for article, s in story.items():
        by_story.setdefault(s, set()).add(article[0])
    assert sorted(by_story.values(), key=sorted) == [{"f"}, {"m"}, {"p"}]  # each event one story, none mixed
    assert main(["conflicts", str(tmp_path), "--format", "json", "--no-cache"]) == 0
    for g in json.loads(capsys.readouterr().out):
        assert len({a[0] for a in g["articles"]}) == 1  # no group pairs two events' figures


def test_the_stories_are_named_by_the_names_their_reports_share():
    found = find_stories([_article(n, t) for n, t in FERRY + MINE + PROTEST], event_kinds())
    assert found is not None
    names = {found[n] for n, _ in MINE}
    assert len(names) == 1 and "Drevik" in names.pop()
    assert all("Tarnvik" in found[n] or "Fuel" in found[n] for n, _ in PROTEST)


def test_one_event_s_folder_stays_one_story(tmp_path):
    for group in (FERRY, MINE, PROTEST):
        arts = [_article(n, t) for n, t in group]
        assert find_stories(arts, event_kinds()) is None
    seeds = load_corpus(None)  # the bundled samples: one story, as before
    assert {a.story for a in seeds.articles} == {None}


def test_unrelated_words_of_bodies_do_not_join_two_events():
    # both name a "Ministry of the Interior", a "General Hospital" and a "Disaster Response Force": the words bodies'
    # names are made of mark no one story
    a = [
        _article(
            f"q{i}",
            f"May {i}, 2025\nQuake shakes Morvale\n\nA quake struck Morvale on Tuesday; the Ministry of the Interior "
            f"and the Disaster Response Force said {i} people died at Morvale General Hospital and in Pellan.",
        )
        for i in range(1, 4)
    ]
    b = [
        _article(
            f"r{i}",
            f"May {i}, 2025\nTrain derails near Quessant\n\nA train derailed near Quessant on Tuesday; the Ministry of "
            f"the Interior and the Disaster Response Force said {i} people were hurt, Quessant General Hospital said.",
        )
        for i in range(1, 4)
    ]
    found = find_stories(a + b, event_kinds())
    assert found is not None
    assert len({found[x.id] for x in a}) == 1 and len({found[x.id] for x in b}) == 1
    assert found["q1"] != found["r1"]


def test_a_folder_s_own_stories_are_kept_and_the_fingerprint_never_overrides_them(tmp_path):
    arts = [replace(_article(n, t), story="desk") for n, t in FERRY + MINE]
    assert assign_stories(arts) == arts


def test_stories_are_the_same_whatever_the_order_of_the_files():
    arts = [_article(n, t) for n, t in FERRY + MINE + PROTEST]
    first = find_stories(arts, event_kinds())
    assert first == find_stories(list(reversed(arts)), event_kinds())


def test_the_same_names_years_apart_are_two_events():
    old = [
        _article(
            f"o{i}",
            f"May {i}, 2015\nPirates seize tanker off Cape Verlan\n\nPirates seized the tanker Marisol Dawn off Cape "
            f"Verlan, the Verlan coastguard said; {10 + i} crew were aboard.",
        )
        for i in range(1, 4)
    ]
    new = [
        _article(
            f"n{i}",
            f"May {i}, 2021\nPirates seize tanker off Cape Verlan\n\nPirates seized the tanker Sea Harrow off Cape "
            f"Verlan, the Verlan coastguard said; {20 + i} crew were aboard.",
        )
        for i in range(1, 4)
    ]
    found = find_stories(old + new, event_kinds())
    assert found is not None and found["o1"] != found["n1"]
    assert len({found[x.id] for x in old}) == 1 and len({found[x.id] for x in new}) == 1


def test_scoring_is_linear_in_the_corpus(monkeypatch):
    # each article is scored against a bounded number of neighbours, never against every other one
    import kzview.ingest.stories as stories

    calls = 0
    real = stories._one_story

    def counted(*args):
        nonlocal calls
        calls += 1
        return real(*args)

    monkeypatch.setattr(stories, "_one_story", counted)
    arts = [
        _article(
            f"x{i:04d}", f"May 1, 2025\nFire at the Orlin depot\n\nA fire hit the Orlin depot in Tessaly; {i} hurt."
        )
        for i in range(600)
    ]
    stories.find_stories(arts, event_kinds())
    assert calls <= 600 * stories._KEYS * (2 * stories._NEIGHBOURS + 1)


def _article(article_id: str, text: str) -> Article:
    """The text as an article, read and cleaned as a file in a folder is."""
    import tempfile
    from pathlib import Path

    with tempfile.TemporaryDirectory() as d:
        write(Path(d), f"{article_id}.txt", text)
        corpus = load_corpus([Path(d) / f"{article_id}.txt"])
    return corpus.articles[0]

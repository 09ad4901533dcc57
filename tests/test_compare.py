"""Each comparison rule, on corpora of other events written for the test; then the samples."""

from __future__ import annotations

from conftest import write

from kzview.ingest import load_corpus
from kzview.model import Status
from kzview.store import build_store


def store_of(tmp_path, files: dict[str, str]):
    for name, text in files.items():
        write(tmp_path, name, text)
    return build_store(load_corpus([tmp_path]))


def group(store, topic, subject=None, scope=None, rule=None):
    found = [
        g
        for g in store.groups
        if (g.topic, g.subject, g.scope) == (topic, subject, scope) and (rule is None or g.rule == rule)
    ]
    assert found, [(g.topic, g.subject, g.scope, g.rule) for g in store.groups]
    return found[0]


def test_earthquake_toll_rising_over_three_days_is_an_update(tmp_path):
    s = store_of(
        tmp_path,
        {
            "a.txt": "date: 2023-02-06\nQuake strikes border region\n\nThe quake killed at least 1,500 people.",
            "b.txt": "date: 2023-02-07\nToll climbs\n\nThe death toll rose to 5,000 on Tuesday.",
            "c.txt": "date: 2023-02-08\nRescuers race the cold\n\nMore than 11,000 people have died, officials said.",
        },
    )
    g = group(s, "deaths")
    assert g.status == Status.UPDATE
    assert "1,500" in g.reason and "More than 11,000" in g.reason and "→" in g.reason


def test_a_death_toll_that_falls_is_a_conflict(tmp_path):
    s = store_of(
        tmp_path,
        {
            "a.txt": "date: 2023-02-07\nToll climbs\n\nThe quake killed 5,000 people, the ministry said.",
            "b.txt": "date: 2023-02-09\nToll revised\n\nThe quake killed 4,200 people, officials said.",
        },
    )
    g = group(s, "deaths")
    assert g.status == Status.CONFLICT and g.rule == "falls"
    assert "4,200 on 2023-02-09" in g.reason and "5,000 on 2023-02-07" in g.reason and "cannot fall" in g.reason


def test_crowd_size_disputed_on_the_same_day_is_a_conflict(tmp_path):
    s = store_of(
        tmp_path,
        {
            "a.txt": "date: 2023-03-07\nMarch in the capital\n\nPolice said 12,000 protesters marched.",
            "b.txt": "date: 2023-03-07\nHuge march\n\nOrganisers said 120,000 protesters marched.",
        },
    )
    g = group(s, "participants", "protesters")
    assert g.status == Status.CONFLICT and g.rule == "same-day"
    assert "12,000" in g.reason and "120,000" in g.reason and "Police" in g.reason


def test_troop_numbers_that_fall_are_an_update_not_a_conflict(tmp_path):
    s = store_of(
        tmp_path,
        {
            "a.txt": "date: 2022-01-08\nTroops arrive\n\nThe alliance deployed 2,500 soldiers.",
            "b.txt": "date: 2022-01-14\nTroops leave\n\nThe alliance now has 900 soldiers deployed.",
        },
    )
    g = group(s, "troops")
    assert g.status == Status.UPDATE and "fell" in g.reason


def test_overlapping_intervals_agree(tmp_path):
    s = store_of(
        tmp_path,
        {
            "a.txt": "Riots in the capital\n\nAlmost 8,000 people were arrested.",
            "b.txt": "Riots in the capital\n\nThe ministry said 7,939 people were detained.",
            "c.txt": "Riots in the capital\n\nPolice have arrested 8,000 people.",  # a round figure
        },
    )
    g = group(s, "arrests")
    assert g.status == Status.CONSISTENT


def test_undated_disagreement_is_a_conflict_naming_both(tmp_path):
    s = store_of(
        tmp_path,
        {
            "a.txt": "Attack on the base\n\nSixteen soldiers were killed in the attack.",
            "b.txt": "Attack on the base\n\nEighteen soldiers were killed in the attack.",
        },
    )
    g = group(s, "deaths", "soldiers")
    assert g.status == Status.CONFLICT and "Sixteen" in g.reason and "Eighteen" in g.reason


def test_city_figure_is_not_pooled_with_the_national_one_but_checked_against_it(tmp_path):
    s = store_of(
        tmp_path,
        {
            "a.txt": "Chile unrest\n\nAcross Chile, dozens of people were killed in the unrest.",
            "b.txt": "Chile unrest\n\nMore than 100 people were killed in Santiago, officials said.",
            "c.txt": "Chile unrest\n\nAt least 30 people were killed in Chile, police said.",
        },
    )
    national = group(s, "deaths", rule="overlap")
    assert "b" not in national.articles
    clash = group(s, "deaths", scope="Santiago", rule="part-whole")
    assert clash.status == Status.CONFLICT and "More than 100" in clash.reason and "dozens" in clash.reason


def test_hospitalized_more_than_injured_is_a_conflict(tmp_path):
    s = store_of(
        tmp_path,
        {
            "a.txt": "date: 2023-01-01\nBlast at plant\n\nFifty workers were injured in the blast.",
            "b.txt": "date: 2023-01-01\nBlast at plant\n\nSome 90 workers were hospitalized after the blast.",
        },
    )
    g = group(s, "hospitalized", "workers", rule="part-whole")
    assert g.status == Status.CONFLICT and "subset" in g.reason


def test_heist_valued_in_three_currencies(tmp_path):
    s = store_of(
        tmp_path,
        {
            "a.txt": "Museum heist\n\nThieves stole jewels worth €85m, police said.",
            "b.txt": "Museum heist\n\nThe stolen jewels were valued at $102M.",
            "c.txt": "Museum heist\n\nThe loot was worth about £75 million.",
        },
    )
    assert group(s, "damage").status == Status.CONSISTENT
    s2 = store_of(
        tmp_path / "x",
        {
            "a.txt": "Museum heist\n\nThieves stole jewels worth €85m, police said.",
            "b.txt": "Museum heist\n\nThe stolen jewels were valued at $300M.",
        },
    )
    assert group(s2, "damage").status == Status.CONFLICT


def test_single_source(tmp_path):
    s = store_of(tmp_path, {"a.txt": "Flood\n\nNine people are missing."})
    assert group(s, "missing").status == Status.SINGLE


def test_ranking_puts_conflicts_first_and_is_deterministic(tmp_path):
    files = {
        "a.txt": "date: 2023-01-01\nClashes\n\n10 police officers were killed and 300 people were detained.",
        "b.txt": "date: 2023-01-01\nClashes\n\n12 police officers were killed and 2,000 people were detained.",
    }
    s = store_of(tmp_path, files)
    order = [g.status for g in s.groups]
    assert order == sorted(order, key=lambda x: ["conflict", "update", "consistent", "single"].index(x.value))
    assert s.groups[0].topic == "arrests"  # the wider gap first
    again = build_store(load_corpus([tmp_path]))
    assert again.groups == s.groups


# ---------------------------------------------------------------------------------------------------------------


def test_samples(sample_store):
    s = sample_store
    sf = group(s, "deaths", "security forces")
    assert sf.status == Status.CONFLICT and "16" in sf.reason and "18" in sf.reason
    arrests = group(s, "arrests")
    assert arrests.status != Status.CONSISTENT and len(arrests.articles) == 4
    assert all(s.claim_by_id[c].scope is None for c in arrests.claims)
    protesters = group(s, "deaths", "protesters")
    assert protesters.status == Status.CONSISTENT
    assert sum(1 for c in protesters.claims if s.claim_by_id[c].surface == "26") == 2
    assert any(g.rule == "weekday" for g in s.groups)
    deaths = group(s, "deaths")
    surfaces = {s.claim_by_id[c].surface for c in deaths.claims}
    assert {"164", "more than 160"} <= surfaces


def test_headline_against_its_own_body_is_a_group(tmp_path):
    s = store_of(
        tmp_path,
        {
            "a.txt": "date: 2023-01-01\nDozens killed in clashes\n\nFive people were killed in the clashes.",
            "b.txt": "date: 2023-01-01\nClashes in the capital\n\nPolice said 30 people were killed.",
        },
    )
    within = [g for g in s.groups if g.rule == "within-article"]
    assert len(within) == 1 and within[0].articles == ["a"]
    assert "headline against its own body" in within[0].reason and "Dozens" in within[0].reason


def test_outlets_repeating_one_source_are_one_piece_of_evidence(tmp_path):
    s = store_of(
        tmp_path,
        {
            "a.txt": "Flood\n\nNine people died, the health ministry said.",
            "b.txt": "Flood\n\nAccording to the Ministry of Health, nine people died.",
            "c.txt": "Flood\n\nNine people died, according to the Health Ministry.",
        },
    )
    g = group(s, "deaths")
    assert g.status == Status.CONSISTENT and g.sources == 1 and "1 independent source" in g.reason


def test_a_conflict_names_the_figures_that_agree_among_themselves(sample_store):
    deaths = group(sample_store, "deaths", rule="undated")
    agreeing = [{sample_store.claim_by_id[c].surface for c in ids} for ids in deaths.agreeing]
    assert {"164", "more than 160"} <= agreeing[0]
    assert "dozens" not in agreeing[0]


async def test_update_group_shows_a_timeline(tmp_path):
    from kzview.tui.app import KzviewApp
    from kzview.tui.widgets.conflict_table import ReasonPanel

    store_of(
        tmp_path,
        {
            "a.txt": "date: 2023-02-06\nQuake\n\nThe quake killed 1,500 people.",
            "b.txt": "date: 2023-02-08\nQuake\n\nThe death toll rose to 11,000.",
        },
    )
    app = KzviewApp(paths=[tmp_path])
    async with app.run_test(size=(160, 45)) as pilot:
        await app.workers.wait_for_complete()
        await pilot.pause()
        g = next(g for g in app.store.groups if g.status == Status.UPDATE)
        app.main.group_id = g.id
        await pilot.pause()
        text = str(app.query_one("#reason", ReasonPanel).content)
        assert "timeline 2023-02-06 ▁█ 2023-02-08" in text


def _claim(cid, article, low, high, day=None, topic="deaths"):
    import datetime as dt

    from kzview.model import Claim

    return Claim(
        id=cid,
        article=article,
        kind="count",
        surface=str(low),
        start=0,
        end=len(str(low)),
        low=low,
        high=high,
        approximate=False,
        topic=topic,
        as_of=dt.date.fromisoformat(day) if day else None,
    )


def test_judge_on_hand_built_claims():
    """The verdict rules on claims built by hand, without extraction."""
    from kzview.compare import judge, to_fig
    from kzview.extract.lexicon import load_lexicon

    lex = load_lexicon()

    def verdict(*claims, cumulative=True):
        return judge([to_fig(c, lex) for c in claims], "deaths", cumulative)

    v = verdict(_claim("a", "x", 12, 12, "2024-01-01"), _claim("b", "y", 12, 12, "2024-01-01"))
    assert v.status == Status.CONSISTENT
    v = verdict(_claim("a", "x", 12, 12, "2024-01-01"), _claim("b", "y", 30, 30, "2024-01-03"))
    assert v.status == Status.UPDATE
    v = verdict(_claim("a", "x", 30, 30, "2024-01-01"), _claim("b", "y", 12, 12, "2024-01-03"))
    assert v.status == Status.CONFLICT and v.rule == "falls"
    v = verdict(_claim("a", "x", 30, 30, "2024-01-01"), _claim("b", "y", 12, 12, "2024-01-03"), cumulative=False)
    assert v.status == Status.UPDATE  # counts that can fall (troops) move
    # an undated figure that fits a dated day is that day's, so the growing toll is still an update
    v = verdict(
        _claim("a", "x", 12, 12, "2024-01-01"), _claim("b", "y", 30, 30, "2024-01-03"), _claim("c", "z", 30, None)
    )
    assert v.status == Status.UPDATE
    # an undated figure that fits no day clashes, and the reason names two different figures
    v = verdict(
        _claim("a", "x", 12, 12, "2024-01-01"), _claim("b", "y", 14, 14, "2024-01-01"), _claim("c", "z", 200, None)
    )
    assert v.status == Status.CONFLICT and len(set(v.clash)) == 2
    v = verdict(_claim("a", "x", 12, 12), _claim("b", "x", 12, 12))
    assert v.status == Status.SINGLE


def test_sources_in_words_say_why_they_are_fewer_than_the_articles():
    from dataclasses import replace

    from kzview.compare import sources_words

    claims = [replace(_claim(f"c{i}", f"a{i}", 12, 12), attribution="the ministry") for i in range(3)]
    claims.append(_claim("c9", "a9", 14, 14))
    assert sources_words(claims) == "4 articles, 2 independent sources (3 of them repeat the ministry)"
    assert sources_words(claims[3:]) == "1 article"
    assert sources_words([_claim("x", "a", 1, 1), _claim("y", "b", 2, 2)]) == "2 articles"

"""What a figure counts, who it is about, where, who said it and when: news of many kinds, then the samples."""

from __future__ import annotations

import datetime as dt

import pytest
from conftest import claims_of, figure

from kzview.ingest import load_corpus
from kzview.pipeline import extract_corpus


@pytest.mark.parametrize(
    ("text", "surface", "topic"),
    [
        ("The earthquake killed at least 2,300 people, officials said.", "at least 2,300", "deaths"),
        ("The death toll rose to 1,420 on Tuesday.", "1,420", "deaths"),
        ("Four people died and 12 were wounded in the shooting.", "12", "injuries"),
        ("Four people died and 12 were wounded in the shooting.", "Four", "deaths"),
        ("Police detained 300 protesters after the march.", "300", "arrests"),
        ("Some 5,800 people were arrested, the presidency said.", "Some 5,800", "arrests"),
        ("Of the injured, 40 were hospitalized.", "40", "hospitalized"),
        ("400 injured were hospitalized, 62 of them in intensive care.", "400", "hospitalized"),
        ("At least 17 hikers are missing after the avalanche.", "At least 17", "missing"),
        ("The floods displaced 20,000 residents.", "20,000", "displaced"),
        ("The alliance deployed 2,500 soldiers to the capital.", "2,500", "troops"),
        ("Tens of thousands of protesters marched through Santiago.", "Tens of thousands", "participants"),
        ("The country of 19 million people held elections.", "19 million", "population"),
        ("The storm caused damage estimated at $4 billion.", "$4 billion", "damage"),
        ("Investigators opened 125 separate investigations into the looting.", "125", "other"),
        ("Rioters torched 400 vehicles and 100 shops.", "400", "other"),
    ],
)
def test_topics(text, surface, topic):
    assert figure(text, surface).topic == topic


def test_specific_topic_wins_in_its_clause():
    c = figure("In detail, 400 injured were hospitalized, 62 of them in intensive care.", "62")
    assert c.topic == "hospitalized" and c.scope == "intensive care"


@pytest.mark.parametrize(
    ("text", "surface", "subject"),
    [
        ("18 security forces were killed in the clashes and another 748 were injured.", "748", "security forces"),
        ("18 security forces were killed in the clashes and another 748 were injured.", "18", "security forces"),
        ("Gunmen killed 12 police officers and three civilians.", "12", "security forces"),
        ("Gunmen killed 12 police officers and three civilians.", "three", "civilians"),
        ("The deaths of 26 demonstrators were confirmed.", "26", "protesters"),
        ("Sixteen members of the security forces died.", "Sixteen", "security forces"),
        ("At least nine children were among the dead.", "At least nine", "children"),
        ("Five foreign nationals were detained.", "Five", "foreigners"),
    ],
)
def test_subjects(text, surface, subject):
    assert figure(text, surface).subject == subject


def test_coordinated_figures_share_the_event_word():
    text = "Officials confirmed the deaths of 26 protesters, as well as 16 members of the security forces."
    c = figure(text, "16")
    assert (c.topic, c.subject) == ("deaths", "security forces")


@pytest.mark.parametrize(
    ("text", "surface", "scope"),
    [
        ("207 people were arrested in two markets in Almaty, the police said.", "207", "Almaty"),
        ("More than 100 of those deaths were registered in Kharkiv.", "More than 100", "Kharkiv"),
        ("In Valparaiso, 40 people were injured by tear gas.", "40", "Valparaiso"),
        ("More than 2,000 people were injured across the country.", "more than 2,000", None),
        # homes are not people (no topic), but a count of things is limited by its place too
        ("Some 300 homes burned in the city of Lahaina.", "Some 300", "Lahaina"),
    ],
)
def test_scope(text, surface, scope):
    found = [c for c in claims_of(text) if c.surface.lower() == surface.lower()]
    assert found and found[0].scope == scope


def test_event_country_is_no_scope():
    text = "Turkey mourns. At least 3,000 people were killed in Turkey, officials said. 500 died in Gaziantep."
    got = {c.surface: c.scope for c in claims_of(text)}
    assert got["At least 3,000"] is None
    assert got["500"] == "Gaziantep"


@pytest.mark.parametrize(
    ("text", "surface", "source"),
    [
        ("At least 41 people died, according to the Health Ministry.", "At least 41", "Ministry of Health"),
        ("The interior ministry said 7,939 people had been detained.", "7,939", "Ministry of the Interior"),
        (
            "A total of 5,135 people were arrested, said the Ministry of Internal Affairs, quoted by the media.",
            "5,135",
            "Ministry of the Interior",
        ),
        ("State television put the toll at 160, citing the Ministry of Health.", "160", "Ministry of Health"),
        ("Police said 12 people were hurt.", "12", "Police"),
        ("Organisers estimated the crowd at 50,000.", "50,000", "Organisers"),
        ("Four people were killed. This was announced by the regional governor.", "Four", "regional governor"),
    ],
)
def test_attribution(text, surface, source):
    assert figure(text, surface).attribution == source


def test_parenthetical_attribution_is_not_the_source():
    text = "Official sources confirmed the deaths of 26 protesters (“rioters”, according to the government’s term)."
    assert figure(text, "26").attribution == "Official sources"


def test_as_of_from_the_sentence_then_the_article():
    text = (
        "date: 2023-02-09\nQuake toll passes 20,000\n\nOn Monday, February 6, the quake killed 1,500 people. "
        "By Thursday the toll had reached 20,000. Yesterday 300 more bodies were found."
    )
    got = {c.surface: c.as_of for c in claims_of(text) if c.kind == "count"}
    assert got["1,500"] == dt.date(2023, 2, 6)
    assert got["300"] == dt.date(2023, 2, 8)


def test_weekday_mismatch_is_a_finding():
    text = "date: 2023-05-10\nThe strike began on Sunday, May 3 and ended on Friday, May 5."
    findings = {c.surface: c.finding for c in claims_of(text) if c.kind == "date"}
    assert findings["Sunday, May 3"] and "Wednesday" in findings["Sunday, May 3"]
    assert findings["Friday, May 5"] is None


def test_headline_claims_are_marked():
    text = "Floods kill 40 in northern province\n\nRescuers said 40 people died in the floods."
    heads = [c.headline for c in claims_of(text) if c.surface == "40"]
    assert heads == [True, False]


def test_no_claims_from_site_furniture():
    text = (
        "Storm kills 12 in coastal towns\n\nThe storm killed 12 people on Sunday.\n\n"
        "Video: 3 dead as bus crashes in another country\n\n"
        "Jane Roe is our senior writer. Email: jane@example.com Phone: +1 555-123-4567\n\n"
        "Related Articles\n\n5 ways to stay safe\n\nLeave a Reply\n\n"
    )
    surfaces = [c.surface for c in claims_of(text)]
    assert surfaces == ["12", "12"]


# ---------------------------------------------------------------------------------------------------------------
# The sample corpus: the figures a careful reader marks.


@pytest.fixture(scope="module")
def sample_claims():
    corpus = load_corpus()
    return corpus, extract_corpus(corpus.articles)


def test_offsets_hold_on_the_samples(sample_claims):
    corpus, claims = sample_claims
    texts = {a.id: a.text for a in corpus.articles}
    assert claims
    for c in claims:
        assert texts[c.article][c.start : c.end] == c.surface


def test_sample_key_figures(sample_claims):
    _, claims = sample_claims
    by = {(c.article[:3], c.surface): c for c in claims}
    assert by[("002", "16")].topic == "deaths" and by[("002", "16")].subject == "security forces"
    assert by[("003", "18")].topic == "deaths" and by[("003", "18")].subject == "security forces"
    assert by[("001", "207")].scope == "Almaty" and by[("001", "207")].topic == "arrests"
    assert by[("001", "7,939")].attribution == "Ministry of the Interior"
    assert by[("000", "5,135")].attribution == "Ministry of the Interior"
    assert by[("004", "“Dozens”")].subject == "protesters"
    assert by[("004", "“Dozens”")].attribution == "Kazakh police"
    assert by[("002", "More than 100")].scope == "Almaty"
    assert (by[("001", "almost 8,000")].low, by[("001", "almost 8,000")].high) == (7200, 8000)


def test_nothing_from_furniture_years_or_phones_on_the_samples(sample_claims):
    _, claims = sample_claims
    surfaces = {c.surface for c in claims}
    assert not any("1989" in s or "2229" in s or "281" in s for s in surfaces)
    assert not any(c.topic != "other" and c.article.startswith("002") and c.start > 4000 for c in claims)


def test_extraction_is_deterministic():
    a = extract_corpus(load_corpus().articles)
    b = extract_corpus(load_corpus().articles)
    assert a == b
    assert len({c.id for c in a}) == len(a)

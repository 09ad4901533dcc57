"""One entity, many spellings: the alias table, fuzzy spellings, and attributions named by entity."""

from __future__ import annotations

from conftest import write

from kzview.extract.entities import build_entities, canonical_source
from kzview.ingest import article_from_text, load_corpus
from kzview.store import build_store

COUNTRIES = frozenset({"Russia", "Ukraine", "France"})


def entities_of(*texts: str):
    arts = [article_from_text(f"a{i}", t) for i, t in enumerate(texts)]
    return build_entities(arts, COUNTRIES)


def test_alias_table_joins_translations_and_acronyms():
    ents, spellings = entities_of(
        "Summit opens today\n\nThe leaders of NATO met in Madrid. The OTAN chief spoke.",
        "Summit opens today\n\nThe North Atlantic Treaty Organization said it would grow.",
    )
    nato = next(e for e in ents if e.name == "North Atlantic Treaty Organization")
    assert {"NATO", "OTAN"} <= set(nato.spellings) and nato.articles == ["a0", "a1"]
    assert canonical_source("OTAN", spellings) == "North Atlantic Treaty Organization"


def test_fuzzy_spellings_of_a_person_join_but_countries_do_not():
    ents, _ = entities_of(
        "War enters second year\n\nPresident Volodymyr Zelensky spoke in Kyiv. Later Zelensky met troops.",
        "War enters second year\n\nUkrainian leader Volodymyr Zelenskyy said Russia would fail. Zelenskyy left.",
        "War enters second year\n\nThe Russian army advanced. Officials in Russia denied it.",
    )
    zel = [e for e in ents if "Zelensk" in e.name]
    assert len(zel) == 1 and {"Zelensky", "Zelenskyy"} <= set(zel[0].spellings) and len(zel[0].articles) == 2
    russia = [e for e in ents if e.name == "Russia"]
    assert russia and "Russian" not in russia[0].spellings


def test_sentence_initial_words_are_not_names():
    ents, _ = entities_of("Storm hits coast\n\nOver 30 people died. With the storm gone, Oxfam helped. Oxfam said so.")
    names = {e.name for e in ents}
    assert "Over" not in names and "With" not in names and "Oxfam" in names


def test_attributions_use_the_entity_name(tmp_path):
    write(tmp_path, "a.txt", "Alliance deploys\n\nThe CSTO said 2,500 soldiers were deployed.")
    write(tmp_path, "b.txt", "Alliance deploys\n\nAccording to the OVKS, 3,000 soldiers were deployed.")
    store = build_store(load_corpus([tmp_path]))
    sources = {c.attribution for c in store.claims if c.topic == "troops"}
    assert sources == {"Collective Security Treaty Organization"}


def test_samples_entity_index(sample_store):
    by = {e.name: e for e in sample_store.entities}
    csto = by["Collective Security Treaty Organization"]
    assert {"CSTO", "OTSC", "OVKS"} <= set(csto.spellings) and len(csto.articles) == 5
    tok = next(e for e in sample_store.entities if "Tokayev" in e.name)
    assert {"Tokayev", "Kassym Jomart Tokayevm", "Kassym-Shomart Tokayev"} <= set(tok.spellings)


def test_places_are_not_people_and_a_name_is_its_most_common_spelling(tmp_path):
    from conftest import write

    from kzview.ingest import load_corpus
    from kzview.store import build_store

    write(tmp_path, "a.txt", "Fire in Ostburg\n\nMaria Lindqvist said the fire began on Harbour Boulevard in Ostburg.")
    write(tmp_path, "b.txt", "Ostburg fire\n\nLindqvist said crews from Northern Ostburg reached Harbour Boulevard.")
    write(
        tmp_path,
        "c.txt",
        "Ostburg fire\n\nLindqvist said a second fire broke out near Ostburg, at Tolvane Foods. "
        "Tolvane Foods staff fled.",
    )
    write(tmp_path, "d.txt", "Ostburg fire\n\nJon Berg and Ada Berg ran the shop. Berg said it was lost.")
    store = build_store(load_corpus([tmp_path]))
    kinds = {e.name: e.kind for e in store.entities}
    assert kinds["Harbour Boulevard"] == "place" and kinds["Ostburg"] == "place"
    assert kinds.get("Northern Ostburg", "place") == "place"
    assert kinds["Tolvane Foods"] != "person"
    lindqvist = next(e for e in store.entities if "Maria Lindqvist" in e.spellings)
    assert lindqvist.name == "Lindqvist" and lindqvist.kind == "person"  # its most common spelling
    # "Berg" alone could be either Berg: it is joined to neither
    assert not any({"Jon Berg", "Ada Berg"} <= set(e.spellings) for e in store.entities)

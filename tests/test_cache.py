"""The claim cache (a claim store of the corpus's own under the cache directory, kzview.storecache): a second open
gives the same store from its snapshot, a changed file is re-extracted alone, and a damaged or doctored cache is a
miss, never a wrong or crashing store."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from conftest import write

import kzview.pipeline as pipeline_mod
from kzview.cache import ClaimCache
from kzview.extract.lexicon import load_lexicon
from kzview.intern import Interner
from kzview.model import Claim, to_data, to_json
from kzview.store import load_store
from kzview.storecache import StoreCache

ARTICLES = {
    "quake-wire.txt": (
        "Quake toll rises to 212\n\nSeptember 4, 2025\n\n"
        "At least 212 people were killed and more than 1,400 injured, the civil defence agency said on Thursday. "
        "Rescuers pulled 38 survivors from the rubble in the port city overnight."
    ),
    "quake-daily.txt": (
        "Hundreds dead after earthquake\n\nSeptember 3, 2025\n\n"
        "The death toll climbed to 180, the health ministry said. Nearly 900 people were hurt, and about 3,000 "
        "were left homeless."
    ),
    "quake-local.txt": (
        "City counts its losses\n\nSeptember 5, 2025\n\n"
        "Officials said 230 people died across the province, including 41 in the capital. Some 15,000 residents "
        "spent the night in tents."
    ),
}


def _corpus(tmp_path: Path) -> Path:
    folder = tmp_path / "corpus"
    folder.mkdir()
    for name, text in ARTICLES.items():
        (folder / name).write_text(text, encoding="utf-8")
    return folder


def _dump(store) -> tuple:
    return (
        [to_json(c) for c in store.claims],
        [to_json(g) for g in store.groups],
        [to_data(a) for a in store.articles],
        [to_data(e) for e in store.entities],
    )


def _count_extractions(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    seen: list[str] = []
    real = pipeline_mod.extract_article

    def counting(article, ctx, lex):
        seen.append(article.path)
        return real(article, ctx, lex)

    monkeypatch.setattr(pipeline_mod, "extract_article", counting)
    return seen


def _count_parallel(monkeypatch: pytest.MonkeyPatch) -> list[int]:
    """How many claims each call of the process pool returned (the work was done in worker processes)."""
    calls: list[int] = []
    real = pipeline_mod.extract_parallel

    def watched(*args, **kwargs):
        out = real(*args, **kwargs)
        calls.append(len(out))
        return out

    monkeypatch.setattr(pipeline_mod, "extract_parallel", watched)
    return calls


def test_second_open_comes_from_the_snapshot_and_equals_the_first(tmp_path, monkeypatch):
    folder = _corpus(tmp_path)
    lex = load_lexicon()
    cache = StoreCache(tmp_path / "c")
    first = load_store([folder], lex, cache=cache, workers=1)
    seen = _count_extractions(monkeypatch)
    second = load_store([folder], lex, cache=cache, workers=1)
    assert seen == []  # nothing extracted again
    assert _dump(second) == _dump(first)
    assert second.claims and second.groups
    # held as columns: no claim keeps a surface or a sentence of its own, both are its article's slices
    assert not any({"surface", "sentence"} & set(odd) for odd in second.claims.odd.values())
    assert all(c.sentence for c in second.claims)


def test_a_changed_file_is_re_extracted_alone(tmp_path, monkeypatch):
    folder = _corpus(tmp_path)
    lex = load_lexicon()
    cache = StoreCache(tmp_path / "c")
    load_store([folder], lex, cache=cache, workers=1)
    changed = folder / "quake-daily.txt"
    changed.write_text(changed.read_text(encoding="utf-8").replace("180", "195"), encoding="utf-8")
    seen = _count_extractions(monkeypatch)
    store = load_store([folder], lex, cache=cache, workers=1)
    assert [Path(p).name for p in seen] == ["quake-daily.txt"]
    assert any(c.surface == "195" for c in store.claims)
    assert not any(c.surface == "180" for c in store.claims)
    fresh = load_store([folder], lex, cache=None, workers=1)
    assert _dump(store) == _dump(fresh)


def _parts(folder: Path) -> list[Path]:
    return sorted(p for p in folder.rglob("*.parquet") if p.is_file())


def test_a_damaged_cache_is_a_miss(tmp_path, monkeypatch):
    folder = _corpus(tmp_path)
    lex = load_lexicon()
    where = tmp_path / "c"
    expected = _dump(load_store([folder], lex, cache=StoreCache(where), workers=1))
    for part in _parts(where):
        part.write_bytes(part.read_bytes()[:-40] + b"\x00" * 40)  # every part damaged
    seen = _count_extractions(monkeypatch)
    assert _dump(load_store([folder], lex, cache=StoreCache(where), workers=1)) == expected
    assert len(seen) == len(ARTICLES)  # read afresh: nothing was taken from a damaged part
    (where / "manifest.json").write_text("{not json", encoding="utf-8")
    assert _dump(load_store([folder], lex, cache=StoreCache(where), workers=1)) == expected


def _doctor_claims_parts(where: Path, columns: dict) -> None:
    """Every claim of the cache's claims parts given `columns` (name -> (value, Arrow type)), with the manifest's
    digests recomputed to match: a doctor who knows the format."""
    import pyarrow as pa
    import pyarrow.parquet as pq

    from kzview.parts import digest

    manifest = json.loads((where / "manifest.json").read_text(encoding="utf-8"))
    for name in [n for n in manifest["parts"] if n.startswith("claims/")]:
        table = pq.read_table(where / name)
        for column, (value, kind) in columns.items():
            values = pa.array([value] * table.num_rows, kind)
            table = table.set_column(table.schema.get_field_index(column), column, values)
        pq.write_table(table, where / name)
        manifest["parts"][name] = digest(where / name)
    (where / "manifest.json").write_text(json.dumps(manifest), encoding="utf-8")


def test_a_cache_whose_claims_do_not_fit_the_text_is_rebuilt(tmp_path):
    """A cache is input too: claims pointing outside their text are never shown, even when the manifest's
    digests were doctored to match."""
    import pyarrow as pa

    folder = _corpus(tmp_path)
    lex = load_lexicon()
    where = tmp_path / "c"
    expected = _dump(load_store([folder], lex, cache=StoreCache(where), workers=1))
    _doctor_claims_parts(where, {"start": (10_000, pa.int64()), "end": (10_004, pa.int64())})
    assert _dump(load_store([folder], lex, cache=StoreCache(where), workers=1)) == expected


def test_a_doctored_key_never_gives_one_article_anothers_claims(tmp_path, monkeypatch):
    folder = _corpus(tmp_path)
    lex = load_lexicon()
    where = tmp_path / "c"
    expected = _dump(load_store([folder], lex, cache=StoreCache(where), workers=1))
    manifest = json.loads((where / "manifest.json").read_text(encoding="utf-8"))
    keys = manifest["cache"]["keys"]
    ids = sorted(keys)
    keys[ids[0]], keys[ids[1]] = keys[ids[1]], keys[ids[0]]  # each article's key said to be the other's
    manifest["cache"]["corpus"] = "another corpus"  # and no snapshot: the claims are taken article by article
    (where / "manifest.json").write_text(json.dumps(manifest), encoding="utf-8")
    seen = _count_extractions(monkeypatch)
    assert _dump(load_store([folder], lex, cache=StoreCache(where), workers=1)) == expected
    assert len(seen) == 2  # the two articles whose keys were swapped are read afresh; the third is taken


def test_a_cache_folder_that_is_a_file_is_said_and_the_corpus_loads(tmp_path):
    from kzview.opening import OpenOptions, open_corpus

    folder = _corpus(tmp_path)
    monkeypatch_home = tmp_path / "home"
    (monkeypatch_home / "kzview").mkdir(parents=True)
    import os

    old = os.environ.get("XDG_CACHE_HOME")
    os.environ["XDG_CACHE_HOME"] = str(monkeypatch_home)
    try:
        from kzview.cache import cache_path
        from kzview.ingest import bundled_corpus_path

        cache_path([folder], bundled_corpus_path()).write_text("not a folder", encoding="utf-8")
        store = open_corpus(OpenOptions(paths=[folder]))
    finally:
        if old is None:
            os.environ.pop("XDG_CACHE_HOME", None)
        else:
            os.environ["XDG_CACHE_HOME"] = old
    assert len(store.articles) == len(ARTICLES)
    assert any("claim cache cannot be used" in p.reason for p in store.problems)


def test_the_cache_keeps_the_sources_names_as_the_text_gave_them(tmp_path):
    """The entity index settles a source's name across the corpus ("Smith" -> "Chief Ann Smith"); the cache keeps
    what the text said, so when the corpus changes the names are settled again as a fresh read settles them."""
    folder = tmp_path / "corpus"
    write(folder, "a.txt", "Fire in the hills\n\nFire chief Ann Smith said 30 homes burned on Monday.")
    write(folder, "b.txt", "Hill fire\n\nThe fire destroyed 31 homes, Smith said on Tuesday.")
    lex = load_lexicon()
    where = tmp_path / "c"
    load_store([folder], lex, cache=StoreCache(where), workers=1)
    (folder / "a.txt").unlink()  # the name that settled "Smith" is gone
    cached = load_store([folder], lex, cache=StoreCache(where), workers=1)
    fresh = load_store([folder], lex, cache=None, workers=1)
    assert _dump(cached) == _dump(fresh)


def test_the_memory_cache_of_a_watch_session_gives_what_a_fresh_read_gives(tmp_path, monkeypatch):
    folder = _corpus(tmp_path)
    lex = load_lexicon()
    memory = ClaimCache()
    load_store([folder], lex, cache=memory, workers=1)
    changed = folder / "quake-local.txt"
    changed.write_text(changed.read_text(encoding="utf-8").replace("230", "240"), encoding="utf-8")
    seen = _count_extractions(monkeypatch)
    again = load_store([folder], lex, cache=memory, workers=1)
    assert [Path(p).name for p in seen] == ["quake-local.txt"]
    assert _dump(again) == _dump(load_store([folder], lex, cache=None, workers=1))


def test_interner_shares_equal_values_and_keeps_types_apart():
    text = "Officials said 212 people died and 212.0 tonnes of aid arrived."
    common = dict(article="a", sentence_start=0, sentence_end=len(text), approximate=False)
    a = Claim(id="1", kind="count", surface="212", start=15, end=18, low=212, high=212, topic="deaths", **common)
    b = Claim(id="2", kind="other", surface="212.0", start=35, end=40, low=212.0, high=212.0, **common)
    c = Claim(id="3", kind="count", surface="212", start=15, end=18, low=212, high=212, topic="deaths", **common)
    Interner({"a": text}).claims([a, b, c])
    assert a.sentence == text and a.sentence is b.sentence
    assert a.topic is c.topic and a.low is c.low
    assert type(a.low) is int and type(b.low) is float  # 212 and 212.0 are equal keys, not the same figure


def test_parallel_extraction_works_under_a_replaced_stderr(tmp_path, monkeypatch):
    """Textual puts an object with fileno -1 in sys.stderr; multiprocessing then failed to start its resource
    tracker, and the app silently extracted in one process. The same claims must come from both paths."""
    import sys

    from kzview.ingest import load_corpus
    from kzview.pipeline import extract_corpus

    class Captured:
        def write(self, text: str) -> int:
            return len(text)

        def flush(self) -> None:
            pass

        def fileno(self) -> int:
            return -1

    folder = tmp_path / "many"
    for i in range(420):
        (folder / f"s{i:03}.txt").parent.mkdir(exist_ok=True)
        (folder / f"s{i:03}.txt").write_text(
            f"Storm {i}\n\nAt least {10 + i % 9} people died and {100 + i} homes were damaged, officials said.",
            encoding="utf-8",
        )
    articles = load_corpus([folder]).articles
    serial = extract_corpus(articles, workers=1)
    monkeypatch.setattr(sys, "stderr", Captured())
    calls = _count_parallel(monkeypatch)
    parallel = extract_corpus(articles, workers=2)
    assert calls == [420]  # the processes did the work: no silent fall-back to one process
    assert parallel == serial


def test_a_byte_flipped_anywhere_in_the_cache_is_a_miss_never_a_wrong_claim(tmp_path):
    """Bytes of every part of a small cache and of its manifest, flipped in turn: the load gives exactly the
    claims a fresh extraction gives, and never fails."""
    folder = tmp_path / "corpus"
    write(folder, "a.txt", "Fire\n\nNo one was hurt, but 30 homes burned, officials said on Monday.")
    lex = load_lexicon()
    where = tmp_path / "c"
    expected = _dump(load_store([folder], lex, cache=None, workers=1))
    assert _dump(load_store([folder], lex, cache=StoreCache(where), workers=1)) == expected
    files = [*_parts(where), where / "manifest.json"]
    tried = 0
    for file in files:
        data = file.read_bytes()
        for pos in range(0, len(data), max(1, len(data) // 25)):  # some 25 places in each file
            flipped = bytearray(data)
            flipped[pos] ^= 0x20
            file.write_bytes(bytes(flipped))
            assert _dump(load_store([folder], lex, cache=StoreCache(where), workers=1)) == expected, (file, pos)
            file.write_bytes(data)  # as it was (the load above may have written the cache again)
            tried += 1
    assert tried > 100


def test_a_date_changed_in_a_sidecar_is_a_changed_article(tmp_path):
    """Extraction reads an article's date ("on Sunday", "yesterday"): a date changed in sources.csv, with the text
    as it was, gives the claims a fresh read gives."""
    folder = tmp_path / "corpus"
    write(folder, "c.txt", "Port blaze\n\nOn Sunday, 5 people were injured in the blaze, police said.\n")
    lex = load_lexicon()
    where = tmp_path / "c"
    for date in ("2024-03-06", "2024-03-13"):
        (folder / "sources.csv").write_text(f"id,date,title\nc,{date},Port blaze\n", encoding="utf-8")
        cached = load_store([folder], lex, cache=StoreCache(where), workers=1)
        assert _dump(cached) == _dump(load_store([folder], lex, cache=None, workers=1)), date


def test_a_cache_being_read_is_never_written_under_the_reader(tmp_path, monkeypatch):
    """Every part is verified, then read by name: a write by another process between the two would mix two
    stores. The reader holds the folder's lock shared, the writer exclusive, so the write waits for the read."""
    import threading
    import time

    import kzview.parquet as parquet

    folder = _corpus(tmp_path)
    lex = load_lexicon()
    where = tmp_path / "c"
    store = load_store([folder], lex, cache=StoreCache(where), workers=1)
    events: list[str] = []
    real = parquet.read_store

    def slow(*args, **kwargs):
        events.append("read begins")
        time.sleep(0.5)  # the other process's write would land here
        out = real(*args, **kwargs)
        events.append("read ends")
        return out

    monkeypatch.setattr(parquet, "read_store", slow)
    reader = threading.Thread(target=lambda: StoreCache(where).snapshot("any"))
    reader.start()
    time.sleep(0.1)
    writer = StoreCache(where)
    writer.put_store("another corpus", store)  # its own lock: waits for the read
    events.append("written")
    reader.join()
    assert events == ["read begins", "read ends", "written"]


ELECTION = {
    "a.txt": "Election results\n\nVoting ended on Sunday.\nTelvar won 47% of the vote, officials said.\n",
    "b.txt": "Count goes on\n\nThe count went on overnight. Telvar leads, and Telvar's rivals conceded 3 seats.\n",
    "c.txt": "Turnout\n\nTurnout was 61% across the country, the commission said.\n",
}


def test_a_name_the_rest_of_the_corpus_stops_using_changes_the_articles_that_use_it(tmp_path):
    """Extraction asks the entity index whether a word is a name of the corpus ("Telvar won 47%": Telvar's share);
    an article's key holds the corpus's names its words are, so when another file stops naming one, the
    articles using it are read again and the claims are a fresh read's."""
    folder = tmp_path / "corpus"
    for name, text in ELECTION.items():
        write(folder, name, text)
    lex = load_lexicon()
    where = tmp_path / "c"
    load_store([folder], lex, cache=StoreCache(where), workers=1)
    (folder / "b.txt").write_text(ELECTION["b.txt"].replace("Telvar", "The party"), encoding="utf-8")
    cached = load_store([folder], lex, cache=StoreCache(where), workers=1)
    assert _dump(cached) == _dump(load_store([folder], lex, cache=None, workers=1))


def test_worker_processes_know_the_corpus_names_as_this_one_does(tmp_path, monkeypatch):
    folder = tmp_path / "corpus"
    for name, text in ELECTION.items():
        write(folder, name, text)
    lex = load_lexicon()
    serial = _dump(load_store([folder], lex, cache=None, workers=1))
    monkeypatch.setattr(pipeline_mod, "PARALLEL_MIN", 2)
    calls = _count_parallel(monkeypatch)
    assert _dump(load_store([folder], lex, cache=None, workers=2)) == serial
    assert calls == [3]  # read in the worker processes


@pytest.mark.parametrize("rows", [10, 6_000])  # a small part read row by row, a large one in vectorised steps
def test_a_doctored_claims_part_of_a_kind_no_claim_has_is_a_miss(tmp_path, monkeypatch, rows):
    """Digests recomputed to match: the part is read, and a claim's kind that is none of the kinds is refused."""
    import pyarrow as pa

    import kzview.columns as columns

    monkeypatch.setattr(columns, "_SMALL_PART", rows)
    folder = _corpus(tmp_path)
    lex = load_lexicon()
    where = tmp_path / "c"
    expected = _dump(load_store([folder], lex, cache=StoreCache(where), workers=1))
    _doctor_claims_parts(where, {"kind": ("nonsense", pa.string())})
    assert _dump(load_store([folder], lex, cache=StoreCache(where), workers=1)) == expected


def test_a_cached_open_never_imports_extraction(tmp_path):
    # the second open of a folder reads its claim store from the cache: extraction's modules (their hundreds of
    # patterns) stay unimported, as they cost the first frame a tenth of its time
    import subprocess
    import sys
    from pathlib import Path

    corpus = tmp_path / "c"
    corpus.mkdir()
    (corpus / "a.txt").write_text("Fire\n\nA fire killed 3 people, officials said.", encoding="utf-8")
    code = (
        "import sys\n"
        "from pathlib import Path\n"
        "from kzview.opening import OpenOptions, open_corpus\n"
        f"store = open_corpus(OpenOptions(paths=[Path({str(corpus)!r})]))\n"
        "print(len(store.claims), 'kzview.extract.article' in sys.modules)\n"
    )
    env = {**__import__("os").environ, "XDG_CACHE_HOME": str(tmp_path / "cache")}
    root = str(Path(__file__).resolve().parents[1])
    first = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, env=env, cwd=root)
    second = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, env=env, cwd=root)
    assert first.stdout.split() == ["1", "True"], first.stderr
    assert second.stdout.split() == ["1", "False"], second.stderr

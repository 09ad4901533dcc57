"""The claim cache and the corpus snapshot: a second open gives the same store, a changed file is re-extracted
alone, and a damaged or doctored cache is a miss, never a wrong or crashing store."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest
from conftest import write

import kzview.pipeline as pipeline_mod
from kzview.cache import ClaimCache, seal, unseal
from kzview.extract.lexicon import load_lexicon
from kzview.intern import Interner
from kzview.model import Claim, to_data, to_json
from kzview.store import load_store

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


def test_second_open_comes_from_the_snapshot_and_equals_the_first(tmp_path, monkeypatch):
    folder = _corpus(tmp_path)
    lex = load_lexicon()
    cache = ClaimCache(tmp_path / "c.db")
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
    cache = ClaimCache(tmp_path / "c.db")
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


def test_a_damaged_cache_is_a_miss(tmp_path):
    folder = _corpus(tmp_path)
    lex = load_lexicon()
    db = tmp_path / "c.db"
    expected = _dump(load_store([folder], lex, cache=ClaimCache(db), workers=1))
    with sqlite3.connect(db) as con:
        con.execute("UPDATE snapshot_part SET data = x'c1ff00'")
        con.execute("UPDATE claim_cache SET claims = x'93a3666f6f'")
    assert _dump(load_store([folder], lex, cache=ClaimCache(db), workers=1)) == expected


def test_a_snapshot_whose_claims_do_not_fit_the_text_is_rebuilt(tmp_path):
    """A database shipped beside a corpus is input too: claims pointing outside their text are never shown."""
    folder = _corpus(tmp_path)
    lex = load_lexicon()
    db = tmp_path / "c.db"
    cache = ClaimCache(db)
    expected = _dump(load_store([folder], lex, cache=cache, workers=1))
    import msgspec

    with sqlite3.connect(db) as con:
        rows = con.execute("SELECT key, seq, data FROM snapshot_part WHERE kind = 'claims'").fetchall()
        for key, seq, data in rows:
            items = msgspec.msgpack.decode(unseal(data))
            for item in items:
                item["start"], item["end"] = 10_000, 10_004
            con.execute(  # doctored with a digest that matches: the check against the text still catches it
                "UPDATE snapshot_part SET data = ? WHERE key = ? AND seq = ?",
                (seal(msgspec.msgpack.encode(items)), key, seq),
            )
    assert _dump(load_store([folder], lex, cache=ClaimCache(db), workers=1)) == expected


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
    calls: list[int] = []
    real = pipeline_mod.extract_parallel

    def watched(*args, **kwargs):
        out = real(*args, **kwargs)
        calls.append(len(out))
        return out

    monkeypatch.setattr(pipeline_mod, "extract_parallel", watched)
    parallel = extract_corpus(articles, workers=2)
    assert calls == [420]  # the processes did the work: no silent fall-back to one process
    assert parallel == serial


def test_a_byte_flipped_anywhere_in_the_cache_is_a_miss_never_a_wrong_claim(tmp_path):
    """Every byte of a small snapshot and of a cache entry, flipped in turn: the load gives exactly the claims a
    fresh extraction gives, and never fails."""
    folder = tmp_path / "corpus"
    write(folder, "a.txt", "Fire\n\nNo one was hurt, but 30 homes burned, officials said on Monday.")
    lex = load_lexicon()
    db = tmp_path / "c.db"
    expected = _dump(load_store([folder], lex, cache=None, workers=1))
    assert _dump(load_store([folder], lex, cache=ClaimCache(db), workers=1)) == expected
    with sqlite3.connect(db) as con:
        blobs = [("snapshot_part", "rowid", r, d) for r, d in con.execute("SELECT rowid, data FROM snapshot_part")]
        blobs += [("claim_cache", "rowid", r, d) for r, d in con.execute("SELECT rowid, claims FROM claim_cache")]
    column = {"snapshot_part": "data", "claim_cache": "claims"}
    tried = 0
    for table, _, rowid, data in blobs:
        for pos in range(len(data)):
            flipped = bytearray(data)
            flipped[pos] ^= 0x20
            with sqlite3.connect(db) as con:
                con.execute(f"UPDATE {table} SET {column[table]} = ? WHERE rowid = ?", (bytes(flipped), rowid))
            assert _dump(load_store([folder], lex, cache=ClaimCache(db), workers=1)) == expected, (table, pos)
            with sqlite3.connect(db) as con:
                con.execute(f"UPDATE {table} SET {column[table]} = ? WHERE rowid = ?", (data, rowid))
            tried += 1
    assert tried > 100

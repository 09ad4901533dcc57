"""The claim store (kzview.parquet): written once by `kzview extract --out`, read by every command with the same
JSON as the articles give, verified, and rebuilt from its own texts when damaged or stale, never shown damaged."""

from __future__ import annotations

import json
import shutil

import pytest

pytest.importorskip("pyarrow")

from kzview.cli import main
from kzview.ingest import bundled_corpus_path


def run(capsys, *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    out = capsys.readouterr()
    return code, out.out, out.err


@pytest.fixture
def store(tmp_path, capsys, monkeypatch):
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "cache"))
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "data"))
    out = tmp_path / "store"
    code, _, err = run(capsys, "extract", str(bundled_corpus_path()), "--out", str(out))
    assert code == 0 and "wrote" in err
    return out


def written_large(tmp_path, capsys, monkeypatch, corpus=None, groups=2, articles=1):
    """A store written as a large one (HEAD_MIN 1: with its first screen apart, `groups` groups on it and the
    claims of the first `articles` articles; None leaves that as it is), from `corpus` (default: the samples)."""
    import kzview.parquet as parquet

    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "cache"))
    monkeypatch.setattr(parquet, "HEAD_MIN", 1)
    monkeypatch.setattr(parquet, "HEAD_GROUPS", groups)
    if articles is not None:
        monkeypatch.setattr(parquet, "HEAD_ARTICLES", articles)
    out = tmp_path / "store"
    assert run(capsys, "extract", str(corpus or bundled_corpus_path()), "--out", str(out))[0] == 0
    return out


@pytest.mark.parametrize("command", ["claims", "conflicts", "entities"])
def test_a_store_gives_the_json_its_articles_give(store, capsys, command):
    _, from_articles, _ = run(capsys, command, str(bundled_corpus_path()), "--format", "json", "--no-cache")
    _, from_store, _ = run(capsys, command, str(store), "--format", "json")
    assert json.loads(from_store) == json.loads(from_articles) and json.loads(from_store)
    assert from_store == from_articles  # byte for byte


def test_a_damaged_part_is_rebuilt_from_the_stores_own_texts(store, capsys):
    _, before, _ = run(capsys, "claims", str(store), "--format", "json")
    part = store / "claims" / "part-00000.parquet"
    data = bytearray(part.read_bytes())
    data[len(data) // 2] ^= 0xFF
    part.write_bytes(bytes(data))
    code, after, err = run(capsys, "claims", str(store), "--format", "json")
    assert code == 0 and "rebuilt" in err and "claims/part-00000.parquet" in err
    assert after == before
    code, again, err = run(capsys, "claims", str(store), "--format", "json")
    assert again == before and "rebuilt" not in err  # written again whole


def test_a_stale_store_is_rebuilt(store, capsys):
    manifest = json.loads((store / "manifest.json").read_text())
    manifest["made_by"]["lexicon"] = "0" * 16
    (store / "manifest.json").write_text(json.dumps(manifest))
    code, _, err = run(capsys, "claims", str(store), "--format", "json")
    assert code == 0 and "another version" in err


def test_a_store_with_no_readable_articles_says_so(store, capsys):
    for part in ("articles.parquet", "claims/part-00000.parquet"):
        (store / part).write_bytes(b"not parquet")
    code, out, err = run(capsys, "claims", str(store), "--format", "json")
    assert code == 1 and "damaged" in err and "extract again" in err and out == ""


def test_corrections_go_on_top_of_a_store_and_never_into_it(store, capsys, tmp_path):
    _, claims, _ = run(capsys, "claims", str(store), "--format", "json")
    target = next(c for c in json.loads(claims) if c["topic"] == "deaths")
    db = tmp_path / "v.db"
    code, _, _ = run(capsys, "correct", str(store), "--claim", target["id"], "--topic", "injuries", "--db", str(db))
    assert code == 0
    _, after, _ = run(capsys, "claims", str(store), "--format", "json", "--db", str(db))
    fixed = next(c for c in json.loads(after) if c["id"] == target["id"])
    assert fixed["topic"] == "injuries" and fixed["corrected"]
    copy = tmp_path / "copy"
    shutil.copytree(store, copy)
    _, plain, _ = run(capsys, "claims", str(copy), "--format", "json", "--db", str(tmp_path / "none.db"))
    assert next(c for c in json.loads(plain) if c["id"] == target["id"])["topic"] == "deaths"


@pytest.mark.parametrize(
    "lie",
    [
        lambda m: m["parts"].pop("claims/part-00000.parquet"),  # a part the manifest no longer lists
        lambda m: m.update(parts=list(m["parts"])),  # the wrong types
        lambda m: m.update(made_by="kzview"),
        lambda m: m.update(version=99),
    ],
)
def test_a_manifest_that_lies_is_damage_never_trust(store, capsys, lie):
    _, truth, _ = run(capsys, "claims", str(store), "--format", "json")
    manifest = json.loads((store / "manifest.json").read_text())
    lie(manifest)
    (store / "manifest.json").write_text(json.dumps(manifest))
    part = store / "claims" / "part-00000.parquet"
    data = bytearray(part.read_bytes())
    data[len(data) // 2] ^= 0xFF  # and a tampered part behind it
    part.write_bytes(bytes(data))
    code, out, err = run(capsys, "claims", str(store), "--format", "json")
    assert "Traceback" not in err
    # either rebuilt from the store's verified articles (the same claims) or refused; never the tampered part
    assert (code == 0 and "rebuilt" in err and out == truth) or (code == 1 and "damaged claim store" in err)


def test_a_store_without_its_manifest_is_named_as_one(store, capsys):
    (store / "manifest.json").unlink()
    code, _, err = run(capsys, "claims", str(store), "--format", "json")
    assert code == 1 and "damaged claim store" in err


def test_extract_never_writes_a_store_among_other_files(tmp_path, capsys):
    folder = tmp_path / "mine"
    folder.mkdir()
    (folder / "notes.txt").write_text("my own notes")
    code, _, err = run(capsys, "extract", str(bundled_corpus_path()), "--out", str(folder))
    assert code == 1 and "empty folder" in err and sorted(p.name for p in folder.iterdir()) == ["notes.txt"]


def test_correct_on_a_store_prints_the_corrected_claim(store, capsys, tmp_path):
    _, claims, _ = run(capsys, "claims", str(store), "--format", "json")
    target = next(c for c in json.loads(claims) if c["topic"] == "deaths")
    db = tmp_path / "c.db"
    code, out, _ = run(capsys, "correct", str(store), "--claim", target["id"], "--topic", "injuries", "--db", str(db))
    assert code == 0 and json.loads(out)[0]["topic"] == "injuries"


def test_a_store_written_before_claims_parts_is_read_as_it_was(store, capsys):
    _, truth, _ = run(capsys, "claims", str(store), "--format", "json")
    manifest = json.loads((store / "manifest.json").read_text())
    (store / "claims" / "part-00000.parquet").rename(store / "claims.parquet")
    (store / "claims").rmdir()
    manifest["parts"]["claims.parquet"] = manifest["parts"].pop("claims/part-00000.parquet")
    (store / "manifest.json").write_text(json.dumps(manifest))
    code, out, err = run(capsys, "claims", str(store), "--format", "json")
    assert code == 0 and out == truth and "rebuilt" not in err


def test_a_store_written_again_keeps_only_its_own_parts(store, capsys):
    (store / "claims" / "part-00007.parquet").write_bytes(b"a part of an earlier, bigger store")
    code, _, _ = run(capsys, "extract", str(bundled_corpus_path()), "--out", str(store))
    assert code == 0
    assert sorted(p.name for p in (store / "claims").iterdir()) == ["part-00000.parquet"]


def test_whole_and_fractional_figures_come_back_as_they_were_read(tmp_path, capsys, monkeypatch):
    """One claims part holding 12 and 1.5 (a column of floats) gives back 12, not 12.0, as the articles do."""
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "cache"))
    corpus = tmp_path / "c"
    corpus.mkdir()
    (corpus / "a.txt").write_text("Fire\n\nThe fire killed 12 people. Fares rose 1.5 percent.", encoding="utf-8")
    (corpus / "b.txt").write_text("Fire\n\nThe fire killed 20000000000000000000 fish.", encoding="utf-8")
    code, _, err = run(capsys, "extract", str(corpus), "--out", str(tmp_path / "s"), "--no-cache")
    assert code == 0, err
    _, from_articles, _ = run(capsys, "claims", str(corpus), "--format", "json", "--no-cache")
    _, from_store, _ = run(capsys, "claims", str(tmp_path / "s"), "--format", "json")
    assert from_store == from_articles and '"low": 12,' in from_store and '"low": 1.5,' in from_store


def test_a_large_stores_first_screen_is_a_part_of_it_shown_before_the_rest(store, monkeypatch):
    """From HEAD_MIN claims, the first screen (every article, the top of the conflict table with its claims, the
    first articles' claims) is read and told first; each of its claims and groups is the whole store's."""
    import kzview.parquet as parquet
    from kzview.extract.lexicon import load_lexicon
    from kzview.opening import OpenOptions, open_corpus
    from kzview.store import made_by

    by = made_by(load_lexicon().fingerprint)
    assert parquet.read_head(store, by) is None  # the samples' store is small: read whole at once
    monkeypatch.setattr(parquet, "HEAD_MIN", 1)
    monkeypatch.setattr(parquet, "HEAD_GROUPS", 3)
    monkeypatch.setattr(parquet, "HEAD_ARTICLES", 1)
    told = []
    whole = open_corpus(OpenOptions(paths=[store], on_partial=told.append))
    assert len(told) == 1
    head = told[0]
    assert head.provisional and not whole.provisional
    assert head.articles == whole.articles and head.groups == whole.groups[:3]
    wanted = {cid for g in head.groups for cid in g.claims}
    first = whole.articles[0].id
    assert {c.id for c in head.claims} == {c.id for c in whole.claims if c.id in wanted or c.article == first}
    assert all(c == whole.claim_by_id[c.id] for c in head.claims)
    # a damaged part: no first screen (the whole read says why and rebuilds)
    part = sorted((store / "claims").glob("part-*.parquet"))[0]
    part.write_bytes(part.read_bytes()[:-9] + b"corrupted")
    assert parquet.read_head(store, by) is None


def test_a_large_stores_first_screen_is_written_apart_and_holds_only_what_it_shows(tmp_path, capsys, monkeypatch):
    """A store of HEAD_MIN claims or more is written with its first screen apart (the claims of the groups at the
    top of the table and of the first articles, and those articles whole): read alone, verified, and each of its
    articles, claims and groups the whole store's; it says how many articles the whole store has."""
    import kzview.parquet as parquet
    from kzview.extract.lexicon import load_lexicon
    from kzview.opening import OpenOptions, open_corpus
    from kzview.prefetch import _carried, _store
    from kzview.store import made_by

    out = written_large(tmp_path, capsys, monkeypatch)
    manifest = json.loads((out / "manifest.json").read_text())
    assert all(name in manifest["parts"] and (out / name).is_file() for name in parquet.HEAD_PARTS)
    by = made_by(load_lexicon().fingerprint)
    told = []
    whole = open_corpus(OpenOptions(paths=[out], on_partial=told.append))
    head = told[0]
    assert head.provisional and head.groups == whole.groups[:2]
    wanted = {cid for g in head.groups for cid in g.claims}
    first = whole.articles[0].id
    assert {c.id for c in head.claims} == {c.id for c in whole.claims if c.id in wanted or c.article == first}
    assert all(c == whole.claim_by_id[c.id] for c in head.claims)
    shown = {first} | {c.article for c in head.claims}
    assert head.articles == [a for a in whole.articles if a.id in shown]
    assert len(head.articles) < len(whole.articles)  # the samples: the top two groups are not in every article
    assert head.articles_total == len(whole.articles) and head.articles_unread == len(whole.articles) - len(shown)
    assert not whole.articles_unread
    # the count crosses the pipe to the app with the first screen
    assert _store([__import__("msgspec").msgpack.encode(_carried(head))]).articles_total == len(whole.articles)
    # a damaged first-screen part: no first screen, and the store is rebuilt from its texts, as for any part
    part = out / parquet.HEAD_PARTS[1]
    part.write_bytes(part.read_bytes()[:-9] + b"corrupted")
    assert parquet.read_head(out, by) is None
    again = open_corpus(OpenOptions(paths=[out]))
    assert [c.id for c in again.claims] == [c.id for c in whole.claims]
    assert any("rebuilt" in p.reason for p in again.problems)
    # written again below HEAD_MIN: its first-screen parts are gone with it
    monkeypatch.setattr(parquet, "HEAD_MIN", 10**9)
    assert run(capsys, "extract", str(bundled_corpus_path()), "--out", str(out))[0] == 0
    assert not any((out / name).exists() for name in parquet.HEAD_PARTS)
    assert parquet.read_head(out, by) is None


async def test_the_app_shows_a_large_stores_first_screen_then_the_whole_store(tmp_path, capsys, monkeypatch):
    """The app shows the first screen (its articles, of how many, provisional; a search waits), then the whole."""
    import asyncio
    import threading

    import kzview.parquet as parquet
    from kzview.tui.app import KzviewApp
    from kzview.tui.widgets.article_list import ArticleList
    from kzview.tui.widgets.conflict_table import GroupTable

    out = written_large(tmp_path, capsys, monkeypatch)
    go_on = threading.Event()
    read_store = parquet.read_store

    def held(*args, **kwargs):
        go_on.wait(30)  # the whole store waits until the test has looked at the first screen
        return read_store(*args, **kwargs)

    monkeypatch.setattr(parquet, "read_store", held)
    app = KzviewApp(paths=[out], db=tmp_path / "v.db")
    async with app.run_test(size=(160, 45)) as pilot:
        for _ in range(300):
            if app.store.provisional and app.store.groups:
                break
            await asyncio.sleep(0.02)
        await pilot.pause()
        store = app.store
        shown, total = len(store.articles), store.articles_total
        assert store.articles_unread and shown < total
        assert str(app.sub_title).startswith(f"{shown:,} of {total:,} articles shown, provisional")
        assert app.query_one("#articles", ArticleList).option_count == shown
        assert app.query_one("#groups", GroupTable).row_count >= 1
        await pilot.press("slash")
        await pilot.pause()
        assert any("search when they are in" in n.message for n in app._notifications)
        depth = len(app.screen_stack)
        await pilot.press("t")  # no story list from the first screen: its counts would be the first screen's
        await pilot.pause()
        assert len(app.screen_stack) == depth and app.check_action("stories", ()) is False
        go_on.set()
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert not app.store.provisional and len(app.store.articles) == total and not app.store.articles_unread
        assert f"{total} articles" in str(app.sub_title)


def test_a_first_screen_is_read_as_it_was_written_and_a_read_stops_when_asked(tmp_path, capsys, monkeypatch):
    """The first screen's shape is the manifest's (a reader tuned otherwise reads what was written, never groups
    without their claims); odd counts are no first screen, never a crash; a read asked to stop stops, and is no
    rebuild."""
    import kzview.parquet as parquet
    from kzview.extract.lexicon import load_lexicon
    from kzview.store import made_by

    out = written_large(tmp_path, capsys, monkeypatch, articles=None)
    by = made_by(load_lexicon().fingerprint)
    monkeypatch.setattr(parquet, "HEAD_GROUPS", 12)
    head = parquet.read_head(out, by)
    assert head is not None and len(head.groups) == 2
    held = {c.id for c in head.claims}
    assert all(cid in held for g in head.groups for cid in g.claims)
    manifest_path = out / "manifest.json"
    manifest = json.loads(manifest_path.read_text())
    for odd in ({"claims": "many"}, [], None):
        manifest_path.write_text(json.dumps({**manifest, "counts": odd}))
        assert parquet.read_head(out, by) is None
    manifest_path.write_text(json.dumps({**manifest, "head": {"groups": "all"}}))
    assert parquet.read_head(out, by) is None
    manifest_path.write_text(json.dumps(manifest))
    with pytest.raises(parquet.ReadCancelled):
        parquet.read_store(out, by, cancelled=lambda: True)
    assert parquet.read_store(out, by, cancelled=lambda: False)[0] is not None


def test_a_first_screen_names_its_articles_as_the_whole_store_does(tmp_path, capsys, monkeypatch):
    """An outlet with several articles is named with their short ids ("same.com 01") on the first screen too,
    where only one of them is there, and across the pipe to the app."""
    from kzview.opening import OpenOptions, open_corpus
    from kzview.prefetch import _carried, _store

    seeds = sorted(bundled_corpus_path().glob("*.txt"))
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    for i, name in enumerate(["01_same-com", "03_other-com", "04_third-com"]):
        (corpus / f"{name}.txt").write_text(seeds[i % len(seeds)].read_text(encoding="utf-8"), encoding="utf-8")
    # the outlet's second article has no figure: in no group, so not on the first screen
    (corpus / "02_same-com.txt").write_text("Weather for the week\n\nIt was a quiet, sunny day.\n", encoding="utf-8")
    out = written_large(tmp_path, capsys, monkeypatch, corpus, groups=1)
    told: list = []
    whole = open_corpus(OpenOptions(paths=[out], on_partial=told.append))
    head = told[0]
    assert {whole.labels[a.id] for a in whole.articles} >= {"same.com 01", "same.com 02"}
    assert "02_same-com" not in {a.id for a in head.articles}
    assert all(head.labels[a.id] == whole.labels[a.id] for a in head.articles)
    carried = _store([__import__("msgspec").msgpack.encode(_carried(head))])
    assert all(carried.labels[a.id] == whole.labels[a.id] for a in carried.articles)

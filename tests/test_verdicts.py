"""The user's work survives: SQLite with WAL, one transaction per change, stale rather than dropped."""

from __future__ import annotations

import os
import signal
import sqlite3
import subprocess
import sys
import textwrap

import pytest
from conftest import write

from kzview.ingest import bundled_corpus_path, load_corpus
from kzview.store import build_store
from kzview.verdicts import VerdictStore, default_db_path


def test_set_get_undo_and_history(tmp_path):
    vs = VerdictStore(tmp_path / "v.db")
    vs.set("group", "g1", "disputed", "call the ministry")
    vs.set("group", "g1", "confirmed", "ministry confirmed 18")
    assert vs.get("group", "g1").verdict == "confirmed"
    back = vs.undo()
    assert back.verdict == "disputed" and back.note == "call the ministry"
    cleared = vs.undo()
    assert cleared.cleared and vs.get("group", "g1") is None
    assert vs.undo() is None
    assert [v.verdict for v in vs.history("group", "g1")] == ["disputed", "confirmed"]  # nothing is deleted
    with pytest.raises(ValueError):
        vs.set("group", "g1", "probably")


def test_wal_mode(tmp_path):
    VerdictStore(tmp_path / "v.db").set("claim", "c1", "confirmed")
    db = sqlite3.connect(tmp_path / "v.db")
    assert db.execute("PRAGMA journal_mode").fetchone()[0] == "wal"


def test_the_database_is_created_only_when_there_is_work_to_keep(tmp_path):
    vs = VerdictStore(tmp_path / "v.db")
    assert vs.all() == [] and vs.corrections() == [] and vs.get("claim", "c1") is None
    vs.close()
    assert not (tmp_path / "v.db").exists()
    vs = VerdictStore(tmp_path / "v.db")
    vs.set("claim", "c1", "disputed", note="two outlets differ")
    vs.close()
    again = VerdictStore(tmp_path / "v.db")
    assert again.get("claim", "c1").verdict == "disputed"


def test_a_verdict_survives_kill_9(tmp_path):
    path = tmp_path / "v.db"
    code = textwrap.dedent(f"""
        import time
        from kzview.verdicts import VerdictStore
        vs = VerdictStore({str(path)!r})
        vs.set("group", "g-kill", "false", "set just before the kill")
        print("set", flush=True)
        time.sleep(60)
    """)
    proc = subprocess.Popen([sys.executable, "-c", code], stdout=subprocess.PIPE, text=True)
    assert proc.stdout.readline().strip() == "set"
    os.kill(proc.pid, signal.SIGKILL)
    proc.wait(timeout=10)
    assert proc.returncode == -signal.SIGKILL
    v = VerdictStore(path).get("group", "g-kill")
    assert v is not None and v.verdict == "false" and v.note == "set just before the kill"


def test_two_processes_on_one_database(tmp_path):
    path = tmp_path / "v.db"
    VerdictStore(path)
    code = textwrap.dedent(f"""
        import sys
        from kzview.verdicts import VerdictStore
        vs = VerdictStore({str(path)!r})
        for i in range(150):
            vs.set("claim", f"c{{sys.argv[1]}}-{{i}}", "unverified", "n" * 50)
    """)
    procs = [subprocess.Popen([sys.executable, "-c", code, str(n)]) for n in range(2)]
    assert [p.wait(timeout=120) for p in procs] == [0, 0]
    db = sqlite3.connect(path)
    assert db.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    assert db.execute("SELECT COUNT(*) FROM verdict").fetchone()[0] == 300


def test_changed_text_makes_a_verdict_stale_never_lost(tmp_path):
    corpus = tmp_path / "c"
    write(corpus, "a.txt", "Attack\n\nSixteen soldiers were killed in the attack.")
    write(corpus, "b.txt", "Attack\n\nEighteen soldiers were killed in the attack.")
    db = tmp_path / "v.db"
    store = build_store(load_corpus([corpus]))
    store.attach_verdicts(VerdictStore(db))
    group = next(g for g in store.groups if g.topic == "deaths")
    claim = store.group_claims(group.id)[0]
    store.set_verdict("group", group.id, "disputed", "ask both outlets")
    store.set_verdict("claim", claim.id, "false")
    # b changes its figure: the group still exists but judged other text; a's claim is unchanged
    write(corpus, "b.txt", "Attack\n\nTwenty soldiers were killed in the attack.")
    again = build_store(load_corpus([corpus]))
    again.attach_verdicts(VerdictStore(db))
    assert again.verdict("group", group.id).stale
    assert again.verdict("claim", claim.id) is not None and not again.verdict("claim", claim.id).stale
    # a's sentence changes: its claim id is gone; the verdict follows the figure at the same place, as stale
    write(corpus, "a.txt", "Attack\n\nSixteen soldiers died in the attack on the base.")
    third = build_store(load_corpus([corpus]))
    third.attach_verdicts(VerdictStore(db))
    moved = next(v for (k, _), v in third.verdicts.items() if k == "claim")
    assert moved.target_id != claim.id and moved.anchored_from == claim.id and moved.stale
    assert third.claim_by_id[moved.target_id].surface == "Sixteen" and not third.orphaned_verdicts()
    # the figure itself is gone: the verdict is kept and listed as orphaned
    write(corpus, "a.txt", "Attack\n\nSoldiers died in the attack on the base.")
    fourth = build_store(load_corpus([corpus]))
    fourth.attach_verdicts(VerdictStore(db))
    orphans = fourth.orphaned_verdicts()
    assert [v.verdict for v in orphans] == ["false"] and "Sixteen" in orphans[0].label


def test_default_database_place(tmp_path, monkeypatch):
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "data"))
    write(tmp_path / "corpus", "a.txt", "x")
    assert default_db_path([tmp_path / "corpus"], bundled_corpus_path()) == tmp_path / "corpus" / ".kzview.db"
    bundled = default_db_path(None, bundled_corpus_path())
    assert bundled.parent == tmp_path / "data" / "kzview" and bundled.name.startswith("corpus-")
    if os.geteuid() != 0:
        (tmp_path / "corpus").chmod(0o555)
        assert default_db_path([tmp_path / "corpus"], bundled_corpus_path()).parent == tmp_path / "data" / "kzview"


def test_verdicts_survive_a_new_extraction(tmp_path):
    """Verdicts set on today's output stay attached when a new extraction changes claim and group ids."""
    corpus = tmp_path / "c"
    write(corpus, "a.txt", "Flood\n\nRescuers said 40 villagers were killed when the dam burst.")
    write(corpus, "b.txt", "Flood\n\nThe dam burst killed 45 villagers, officials said. A good 300 homes were hit.")
    db = tmp_path / "v.db"
    before = build_store(load_corpus([corpus]))
    before.attach_verdicts(VerdictStore(db))
    deaths = next(g for g in before.groups if g.topic == "deaths" and g.rule not in ("within-article", "part-whole"))
    forty = next(c for c in before.claims if c.surface == "40")
    homes = next(c for c in before.claims if "300" in c.surface)
    before.set_verdict("group", deaths.id, "disputed", "call the rescuers")
    before.set_verdict("claim", forty.id, "confirmed")
    before.set_verdict("claim", homes.id, "unverified")
    # a verdict saved by a version without anchors: only its label says what it judged
    legacy = VerdictStore(db)
    legacy.set("claim", "c-obsolete-id", "misleading", "", "", "45 (b): The dam burst killed 45")

    # the new extraction: "villagers" becomes a subject of its own, "a good" a qualifier it did not know
    lexicon = tmp_path / "more.toml"
    lexicon.write_text('[subjects]\n"villagers" = ["villagers"]\n', encoding="utf-8")
    qualifiers = tmp_path / "q.toml"
    qualifiers.write_text(
        '[prefix.lower_bound]\nlow = 1.0\nhigh = "null"\napproximate = true\nphrases = ["a good"]\n', encoding="utf-8"
    )
    from kzview.extract.lexicon import load_lexicon

    after = build_store(load_corpus([corpus]), load_lexicon(lexicon, qualifiers))
    after.attach_verdicts(VerdictStore(db))
    on_group = [v for (k, _), v in after.verdicts.items() if k == "group"]
    assert len(on_group) == 1 and on_group[0].verdict == "disputed" and on_group[0].note == "call the rescuers"
    moved_group = after.group_by_id[on_group[0].target_id]
    assert on_group[0].anchored_from == deaths.id != moved_group.id and moved_group.subject == "villagers"
    assert {after.claim_by_id[c].surface for c in moved_group.claims} == {"40", "45"}

    same = after.verdict("claim", forty.id)
    assert same is not None and same.verdict == "confirmed" and not same.stale and not same.anchored_from

    claims = {v.verdict: v for (k, _), v in after.verdicts.items() if k == "claim"}
    moved = claims["unverified"]
    assert moved.anchored_from == homes.id and moved.stale  # its words changed: "300" -> "A good 300"
    assert after.claim_by_id[moved.target_id].surface == "A good 300"

    old = claims["misleading"]
    assert old.anchored_from == "c-obsolete-id" and after.claim_by_id[old.target_id].surface == "45"
    assert not after.orphaned_verdicts()


def test_the_database_file_alone_holds_every_committed_verdict(tmp_path):
    """A backup of `.kzview.db` without its `-wal`, taken while kzview runs or after it quits, has the work."""
    import shutil
    import sqlite3

    corpus = tmp_path / "c"
    write(corpus, "a.txt", "Attack\n\nSixteen soldiers were killed in the attack.")
    db = tmp_path / "v.db"
    store = build_store(load_corpus([corpus]))
    store.attach_verdicts(VerdictStore(db))
    claim = next(c for c in store.claims if c.kind != "date")
    store.set_verdict("claim", claim.id, "disputed", "while it runs")
    running_copy = tmp_path / "copy.db"
    shutil.copy(db, running_copy)  # the main file only, the store still open
    with sqlite3.connect(running_copy) as con:
        assert con.execute("SELECT verdict, note FROM verdict").fetchall() == [("disputed", "while it runs")]
    store.verdict_store.close()
    wal = tmp_path / "v.db-wal"
    if wal.exists():
        wal.unlink()
    again = VerdictStore(db)
    assert again.get("claim", claim.id).note == "while it runs"


async def test_quitting_the_app_leaves_a_complete_database(tmp_path):
    from test_app import started

    from kzview.tui.app import KzviewApp

    corpus = tmp_path / "c"
    write(corpus, "a.txt", "Attack\n\nSixteen soldiers were killed in the attack.")
    db = tmp_path / "v.db"
    app = KzviewApp(paths=[corpus], db=db)
    async with app.run_test() as pilot:
        await started(pilot)
        claim = next(c for c in app.store.claims if c.kind != "date")
        app.store.set_verdict("claim", claim.id, "confirmed")
        await pilot.press("q")
    wal = tmp_path / "v.db-wal"
    assert not wal.exists() or wal.stat().st_size == 0
    assert VerdictStore(db).get("claim", claim.id).verdict == "confirmed"


async def test_a_locked_database_never_discards_what_was_typed(tmp_path):
    """Another program holds the database: the verdict and its note are kept, saved when the lock goes."""
    import sqlite3

    from test_app import started

    from kzview.tui.app import KzviewApp

    corpus = tmp_path / "c"
    write(corpus, "a.txt", "Attack\n\nSixteen soldiers were killed in the attack.")
    db = tmp_path / "v.db"
    VerdictStore(db).close()
    app = KzviewApp(paths=[corpus], db=db)
    app.busy_timeout = 0.1
    async with app.run_test() as pilot:
        await started(pilot)
        claim = next(c for c in app.store.claims if c.kind != "date")
        other = sqlite3.connect(db, isolation_level=None)
        other.execute("BEGIN EXCLUSIVE")  # the lock
        assert not app._save_verdict("claim", claim.id, "disputed", "a long note typed by hand")
        assert app._pending == [("claim", claim.id, "disputed", "a long note typed by hand")]
        other.execute("ROLLBACK")
        other.close()
        app._retry_pending()
        assert not app._pending
    assert VerdictStore(db).get("claim", claim.id).note == "a long note typed by hand"


def test_a_read_only_folder_shows_its_verdicts_beside_the_users(tmp_path, monkeypatch, capsys):
    """A colleague's `.kzview.db` in a folder this user cannot write: its verdicts and corrections are shown
    (never changed), new work goes to the data directory, and both come out together in every export."""
    from pathlib import Path

    from conftest import write

    from kzview import verdicts as V
    from kzview.cli import main
    from kzview.ingest import bundled_corpus_path, load_corpus
    from kzview.store import build_store

    corpus = tmp_path / "corpus"
    write(corpus, "a.txt", "Flood\n\nTwelve people died in the flood, police said.")
    write(corpus, "b.txt", "Flood\n\nFifteen people died in the flood, officials said.")
    store = build_store(load_corpus([corpus]))
    group = next(g for g in store.groups if g.topic == "deaths" and len(g.claims) == 2)
    claim = store.claims[0]
    colleague = VerdictStore(corpus / ".kzview.db")
    colleague.set("group", group.id, "disputed", note="the colleague's note")
    colleague.close()
    before = (corpus / ".kzview.db").read_bytes()

    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "data"))
    real_access = os.access
    import kzview.places as places

    def access(p: str, mode: int) -> bool:
        return False if Path(p) == corpus.resolve() else real_access(p, mode)

    monkeypatch.setattr(places.os, "access", access)
    mine = V.default_db_path([corpus], bundled_corpus_path())
    assert mine.parent == tmp_path / "data" / "kzview"
    others = V.other_db_paths(mine, [corpus], bundled_corpus_path())
    assert others == [(corpus / ".kzview.db").resolve()] or others == [corpus / ".kzview.db"]

    vs = VerdictStore(mine, also_read=others)
    assert vs.get("group", group.id).note == "the colleague's note"
    vs.set("claim", claim.id, "confirmed", note="mine")
    assert {(v.target_kind, v.verdict) for v in vs.all()} == {("group", "disputed"), ("claim", "confirmed")}
    vs.close()
    assert (corpus / ".kzview.db").read_bytes() == before  # the colleague's file is never touched
    assert not (corpus / ".kzview.db-wal").exists()

    assert main(["export", str(corpus), "--format", "json", "--no-cache"]) == 0
    report = capsys.readouterr().out
    assert "the colleague's note" in report and "mine" in report


def test_a_hand_edited_note_of_another_type_is_read_as_text(tmp_path):
    """SQLite keeps what it is given: a note set to a number or NULL by hand comes back as text, never as a
    value the panes cannot draw."""
    vs = VerdictStore(tmp_path / "v.db")
    vs.set("group", "g1", "disputed", "call the ministry")
    vs.close()
    with sqlite3.connect(tmp_path / "v.db") as db:
        db.execute("UPDATE verdict SET note = 5")
    vs = VerdictStore(tmp_path / "v.db")
    v = vs.get("group", "g1")
    assert v is not None and v.note == "5" and isinstance(v.set_at, str)

"""File names are hostile input: an article id holding OSC 52 (clipboard), a title-setting OSC, CSI or bidi
controls must never reach the terminal, in any pane, screen, notification or CLI table."""

from __future__ import annotations

import os
import subprocess
import sys

import pytest
from conftest import write
from test_app import started

from kzview.tui.app import KzviewApp

OSC52 = "\x1b]52;c;ZWNobyBwd25lZA==\x07"
HOSTILE = [f"{OSC52}clip_01", "\x1b]0;owned\x07title", "\x1b[2J\x9b31mclear_03", "\u202eevil"]
FORBIDDEN = ("\x1b", "\x07", "\x9b", "\u202e", "\u202c", "&#27;", "&#x1b;", "&#7;", "&#155;")


def hostile_corpus(tmp_path):
    folder = tmp_path / "corpus"
    for i, name in enumerate(HOSTILE):
        write(folder, f"{name}.txt", f"Fire at the depot\n\nDate: 2024-03-0{i + 1}\n\n{10 + i} workers were hurt.")
    return folder


def clean(text: str) -> bool:
    return not any(f in text for f in FORBIDDEN)


async def test_hostile_ids_never_reach_the_screen(tmp_path):
    if sys.platform == "win32":
        pytest.skip("control characters are not allowed in Windows file names")
    folder = hostile_corpus(tmp_path)
    app = KzviewApp(paths=[folder], db=tmp_path / "v.db")
    async with app.run_test(size=(160, 45)) as pilot:
        await started(pilot)
        shots = [app.export_screenshot()]
        for keys in (["1", "down", "down"], ["3", "enter"], ["escape", "slash", *"fire", "enter"], ["escape", "?"]):
            await pilot.press(*keys)
            await pilot.pause()
            shots.append(app.export_screenshot())
        await pilot.press("escape")
        app.notify("x")  # the notification layer is drawn too
        await pilot.pause()
        shots.append(app.export_screenshot())
    assert all(clean(s) for s in shots)


def test_hostile_ids_never_reach_the_cli(tmp_path):
    folder = hostile_corpus(tmp_path)
    env = {**os.environ, "COLUMNS": "200", "XDG_CACHE_HOME": str(tmp_path / "c")}
    for command in (["claims"], ["conflicts"], ["entities"]):
        for fmt in ("table", "json"):
            out = subprocess.run(
                [sys.executable, "-m", "kzview.cli", *command, str(folder), "--format", fmt],
                capture_output=True,
                text=True,
                env=env,
                timeout=120,
            )
            assert out.returncode == 0, out.stderr
            if fmt == "table":
                assert clean(out.stdout) and clean(out.stderr), command
            else:
                assert "\x1b" not in out.stdout  # JSON escapes control characters (\\u001b)


async def test_every_screen_dialog_and_notification_shows_hostile_names_inertly(tmp_path):
    """One walk through every screen the keys open (article list, article, figures' correction dialogs, conflict
    table, evidence, verdict dialog with a hostile note, filter bar, entities, problems, search, help, palette, the
    report's notification): no ESC, C1, BEL or bidi control reaches the terminal anywhere."""
    if sys.platform == "win32":
        pytest.skip("control characters are not allowed in Windows file names")
    from kzview.tui.screens.correct import CorrectScreen, MissedScreen
    from kzview.tui.screens.entities import EntitiesScreen
    from kzview.tui.screens.evidence import EvidenceScreen
    from kzview.tui.screens.help import HelpScreen
    from kzview.tui.screens.history import CorrectionsScreen
    from kzview.tui.screens.mark import MarkScreen
    from kzview.tui.screens.problems import ProblemsScreen
    from kzview.tui.screens.search import SearchScreen
    from kzview.tui.screens.verdict import VerdictScreen

    folder = hostile_corpus(tmp_path)
    write(folder, f"{OSC52}empty_05.txt", "")  # a problem file: its name is listed with its reason
    write(folder, "\x1b[31mbinary\u202e.txt", b"\x00\x01\x02" * 40)
    app = KzviewApp(paths=[folder], db=tmp_path / "v.db")
    shots: list[tuple[str, str]] = []
    async with app.run_test(size=(160, 45)) as pilot:
        await started(pilot)

        async def shot(label: str, *keys: str, screen: type | None = None) -> None:
            if keys:
                await pilot.press(*keys)
            await app.workers.wait_for_complete()
            await pilot.pause()
            if screen is not None:
                assert isinstance(app.screen, screen), (label, app.screen)
            shots.append((label, app.export_screenshot()))

        await shot("main")
        await shot("articles", "1", "down", "down")
        await shot("article", "2", "n")
        await shot("correct", "c", screen=CorrectScreen)
        await shot("correct closed", "escape")
        await shot("mark", "a", "shift+right", screen=MarkScreen)
        await shot("missed", "enter", screen=MissedScreen)
        await shot("missed closed", "escape")
        await shot("groups", "3")
        await shot("evidence", "enter", screen=EvidenceScreen)
        await shot("evidence closed", "escape")
        await shot("verdict", "v", screen=VerdictScreen)
        await shot("note typed", *"\x1b]52;c;eA==\x07 check", screen=VerdictScreen)
        await shot("verdict saved", "ctrl+s")
        await shot("filter", "f")
        await shot("filter closed", "escape")
        await shot("entities", "e", screen=EntitiesScreen)
        await shot("entities closed", "escape")
        await shot("problems", "exclamation_mark", screen=ProblemsScreen)
        await shot("problems closed", "escape")
        await shot("corrections", "C", screen=CorrectionsScreen)
        await shot("corrections closed", "escape")
        await shot("search", "slash", *"fire", screen=SearchScreen)
        await shot("search result chosen", "enter")
        await shot("help", "question_mark", screen=HelpScreen)
        await shot("help closed", "escape")
        await shot("palette", "ctrl+p", *"export")
        await shot("palette closed", "escape")
        await shot("report written", "w")
        app.notify(f"{OSC52}note")  # a notification carrying hostile text is drawn inertly too
        await shot("notification")
    dirty = [label for label, s in shots if not clean(s)]
    assert not dirty, dirty
    assert any("empty_05" in s for label, s in shots if label == "problems")  # the hostile file is listed, inertly


def test_hostile_ids_never_reach_the_terminal_through_reports(tmp_path):
    folder = hostile_corpus(tmp_path)
    write(folder, f"{OSC52}empty_05.txt", "")
    env = {**os.environ, "COLUMNS": "200", "XDG_CACHE_HOME": str(tmp_path / "c")}
    for fmt in ("md", "csv", "json", "claimreview"):
        out = subprocess.run(
            [
                sys.executable,
                "-m",
                "kzview.cli",
                "export",
                str(folder),
                "--format",
                fmt,
                "--db",
                str(tmp_path / "v.db"),
            ],
            capture_output=True,
            text=True,
            env=env,
            timeout=120,
        )
        assert out.returncode == 0, out.stderr
        assert clean(out.stdout) and clean(out.stderr), fmt
        assert "empty_05" in out.stderr  # the problem file is named, inertly


def test_a_file_name_that_is_not_utf8_opens_twice_through_the_cache(tmp_path):
    """Its undecodable bytes are kept as surrogates, which a Parquet string cannot hold: the cache carries them as
    bytes beside the escaped name, so it is written, the second open reads it, and both give the same figures."""
    folder = tmp_path / "corpus"
    folder.mkdir()
    (folder / "a.txt").write_text("Fire at the depot\n\nDate: 2024-03-01\n\nTwelve workers were hurt.\n")
    try:
        with open(os.fsencode(folder) + b"/b_\xff\xfe.txt", "wb") as f:
            f.write(b"Depot fire\n\nDate: 2024-03-01\n\nFourteen workers were hurt.\n")
    except OSError:
        pytest.skip("this file system takes no such name")
    env = {**os.environ, "XDG_CACHE_HOME": str(tmp_path / "cache")}
    runs = [
        subprocess.run(
            [sys.executable, "-m", "kzview", "claims", str(folder), "--format", "json"],
            capture_output=True,
            env=env,
            timeout=120,
        )
        for _ in range(2)
    ]
    assert [r.returncode for r in runs] == [0, 0], runs[0].stderr.decode(errors="replace")[-800:]
    assert runs[0].stdout == runs[1].stdout and b"Fourteen" in runs[0].stdout
    stores = list((tmp_path / "cache" / "kzview").glob("corpus-*/manifest.json"))
    assert len(stores) == 1  # the cache was written


def test_a_store_keeps_a_file_name_that_is_not_utf8_as_it_is(tmp_path):
    from kzview.ingest import load_corpus
    from kzview.parquet import read_store, write_store
    from kzview.store import build_store

    folder = tmp_path / "corpus"
    folder.mkdir()
    try:
        with open(os.fsencode(folder) + b"/b_\xff.txt", "wb") as f:
            f.write(b"Depot fire\n\nDate: 2024-03-01\n\nFourteen workers were hurt.\n")
    except OSError:
        pytest.skip("this file system takes no such name")
    store = build_store(load_corpus([folder]))
    write_store(store, tmp_path / "store")
    again, why = read_store(tmp_path / "store", store.made_by)
    assert again is not None, why
    assert [a.path for a in again.articles] == [a.path for a in store.articles]
    assert os.fsencode(again.articles[0].path).endswith(b"/b_\xff.txt")  # the very bytes: the file opens again

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

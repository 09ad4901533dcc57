"""The edges a new user meets, through the installed command as a user runs it, each bounded in time."""

from __future__ import annotations

import os
import subprocess
import sys

from conftest import write


def run(*args: str, cwd=None, timeout: float = 60) -> subprocess.CompletedProcess:
    env = {**os.environ, "XDG_CACHE_HOME": os.environ.get("XDG_CACHE_HOME", "/tmp/kzview-test-cache")}
    return subprocess.run(
        [sys.executable, "-m", "kzview.cli", *args],
        capture_output=True,
        text=True,
        stdin=subprocess.DEVNULL,
        timeout=timeout,
        cwd=cwd,
        env=env,
    )


def test_a_mistyped_command_gets_a_suggestion(tmp_path):
    out = run("conflict", cwd=tmp_path)
    assert out.returncode == 2 and "did you mean conflicts?" in out.stderr


def test_an_existing_path_wins_over_a_command_name(tmp_path):
    write(tmp_path / "conflict", "a.txt", "Fire\n\nTwelve workers were hurt.")
    out = run("conflict", cwd=tmp_path)  # no terminal: it is the app that refuses, not the word
    assert out.returncode == 2 and "needs a terminal" in out.stderr


def test_a_path_that_does_not_exist(tmp_path):
    out = run(str(tmp_path / "nowhere"))
    assert out.returncode == 1 and "no such file or directory" in out.stderr


def test_a_folder_with_no_article(tmp_path):
    (tmp_path / "empty").mkdir()
    write(tmp_path / "empty", "MANIFEST.tsv", "file\turl\n")
    out = run(str(tmp_path / "empty"))
    assert out.returncode == 1 and "no article to read" in out.stderr


def test_no_terminal_no_app(tmp_path):
    write(tmp_path, "a.txt", "Fire\n\nTwelve workers were hurt.")
    out = run(str(tmp_path))
    assert out.returncode == 2 and "needs a terminal" in out.stderr

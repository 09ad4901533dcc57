"""The edges a new user meets, through the installed command as a user runs it, each bounded in time."""

from __future__ import annotations

import os
import subprocess
import sys

from conftest import tmux_new, write


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


def test_a_terminal_closed_while_the_app_starts_never_leaves_it_running(tmp_path):
    """tmux kills a session (a hang-up) at moments through the app's start: every process ends, none is left
    running without a terminal (Textual's shutdown could wait on its writer for ever when the terminal went away
    as the app was mounting; kzview.cli's leave ends the process after a grace period)."""
    import shutil
    import time

    import pytest

    if shutil.which("tmux") is None:
        pytest.skip("tmux is not installed")
    env = f"XDG_CACHE_HOME={tmp_path / 'cache'} XDG_DATA_HOME={tmp_path / 'data'}"
    pids = []
    # a session kept open throughout: killing the last session ends the tmux server, and the next new-session
    # can race its exit ("server exited unexpectedly")
    keeper = f"kzhup{os.getpid()}keep"
    tmux_new(keeper, "sleep 600")
    try:
        _hang_up_through_the_start(env, tmp_path, pids)
    finally:
        subprocess.run(["tmux", "kill-session", "-t", keeper], capture_output=True)

    def alive(pid: int) -> bool:
        try:
            os.kill(pid, 0)
        except ProcessLookupError:
            return False
        return True

    deadline = time.monotonic() + 15
    while any(alive(p) for p in pids) and time.monotonic() < deadline:
        time.sleep(0.2)
    left = [p for p in pids if alive(p)]
    for p in left:
        os.kill(p, 9)
    assert not left, f"{len(left)} of {len(pids)} apps were left running after their terminal closed"


def _hang_up_through_the_start(env: str, tmp_path, pids: list[int]) -> None:
    import time

    for n, delay in enumerate((0.1, 0.15, 0.2, 0.22, 0.25, 0.3, 0.4, 0.8)):
        session = f"kzhup{os.getpid()}x{n}"
        cmd = f"exec env {env} {sys.executable} -m kzview --db {tmp_path / 'v.db'}"
        tmux_new(session, cmd)
        shown = subprocess.run(
            ["tmux", "display-message", "-p", "-t", session, "#{pane_pid}"], capture_output=True, text=True
        )
        pids.append(int(shown.stdout.strip()))
        time.sleep(delay)
        subprocess.run(["tmux", "kill-session", "-t", session], capture_output=True)

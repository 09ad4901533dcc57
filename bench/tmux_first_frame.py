"""The first frame as a user sees it: from starting the process in a real terminal (tmux) to the frame on the
screen, for kzview on the samples and for a bare three-widget Textual app (bench/app_timing.py's BareApp), in one
run. Prints JSON: the median of several starts each, and their ratio.

    python bench/tmux_first_frame.py [--runs 7]

The screen is read with `tmux capture-pane` every few milliseconds. Two frames are timed for kzview: the first
frame (its three panes drawn with their titles, the store still loading) and the first frame with data (the top
conflict's row, "more than 160 ≠ …", on screen); the bare app's frame counts once its last table row is there.
"""

from __future__ import annotations

import argparse
import json
import shutil
import statistics
import subprocess
import sys
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
MARKER = "╭─ Conflicts"  # the first frame: the three panes drawn (filled as the claims arrive)
DATA_MARKER = "5 conflicts"  # the title once the store is in: the table's rows are drawn in that frame
SIZE = ("160", "45")


def first_frame(command: str, marker: str, limit: float = 20.0) -> float:
    session = f"kzff{time.monotonic_ns()}"
    for _ in range(3):  # the last session's tmux server may still be exiting ("server exited unexpectedly")
        t0 = time.perf_counter()
        started = subprocess.run(
            ["tmux", "new-session", "-d", "-s", session, "-x", SIZE[0], "-y", SIZE[1], command], capture_output=True
        )
        if started.returncode == 0:
            break
        time.sleep(0.2)
    else:
        raise SystemExit(f"tmux would not start a session: {started.stderr.decode(errors='replace').strip()}")
    try:
        while time.perf_counter() - t0 < limit:
            screen = subprocess.run(
                ["tmux", "capture-pane", "-p", "-t", session], capture_output=True, text=True, check=False
            ).stdout
            if marker in screen:
                return time.perf_counter() - t0
            time.sleep(0.003)
        raise SystemExit(f"no frame with {marker!r} in {limit} s: {command}")
    finally:
        subprocess.run(["tmux", "kill-session", "-t", session], check=False, capture_output=True)


def store_frames(store: Path, runs: int, tmp: Path) -> dict:
    """The first usable frame of `kzview STORE` (the article list, the first article and the top of the conflict
    table, drawn from the store's first screen, marked provisional) and the frame with the whole store in (its
    title's counts), against the samples' frame with data, in one run, interleaved."""
    import pyarrow.parquet as pq

    py = sys.executable
    import kzview

    subprocess.run([py, "-m", "compileall", "-q", str(Path(kzview.__file__).parent)], check=False, capture_output=True)
    conflicts = pq.read_table(store / "groups.parquet", columns=["status"]).column("status").to_pylist()
    marker = f"{conflicts.count('conflict'):,} conflicts"
    kz = f"{py} -m kzview {store} --db {tmp / 'v.db'}"
    samples = f"{py} -m kzview --db {tmp / 's.db'}"
    first_frame(kz, marker, limit=120)  # warm the file cache
    first_frame(samples, DATA_MARKER)
    big, head, small = [], [], []
    for _ in range(runs):
        head.append(first_frame(kz, "shown, provisional", limit=120))  # the first screen, before the rest
        big.append(first_frame(kz, marker, limit=120))
        small.append(first_frame(samples, DATA_MARKER))
    b, h, s = statistics.median(big), statistics.median(head), statistics.median(small)
    return {
        "head_frame_s": round(h, 3),
        "store_frame_s": round(b, 3),
        "samples_frame_s": round(s, 3),
        "head_ratio": round(h / s, 2),
        "store_ratio": round(b / s, 2),
    }


def main() -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("--runs", type=int, default=7)
    args = ap.parse_args()
    if shutil.which("tmux") is None:
        print(json.dumps({"skipped": "tmux is not installed"}))
        return 0
    py = sys.executable
    # as an installed kzview starts: pip writes the bytecode at install; an editable or source checkout run with
    # PYTHONDONTWRITEBYTECODE would compile every module on every start and time that instead
    import kzview

    subprocess.run([py, "-m", "compileall", "-q", str(Path(kzview.__file__).parent)], check=False, capture_output=True)
    kz = f"{py} -m kzview"
    bare = f"{py} {HERE / 'bare_app.py'}"
    first_frame(kz, "figures (outlet)")  # warm the file cache and the claim cache: a second open, as a user's
    first_frame(bare, "row 3")
    kz_t, data_t, bare_t = [], [], []
    for _ in range(args.runs):  # interleaved, so a noisy moment hits both
        kz_t.append(first_frame(kz, MARKER))
        data_t.append(first_frame(kz, DATA_MARKER))
        bare_t.append(first_frame(bare, "row 3"))
    k, d, b = statistics.median(kz_t), statistics.median(data_t), statistics.median(bare_t)
    out = {"kzview_s": round(k, 3), "data_s": round(d, 3), "bare_s": round(b, 3), "ratio": round(k / b, 2)}
    print(json.dumps({**out, "data_ratio": round(d / b, 2), "runs": args.runs}))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())

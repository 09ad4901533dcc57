"""How long watch mode takes to show a new file: write one, time until the store holds it (median of 5).

python bench/watch_timing.py
"""

from __future__ import annotations

import asyncio
import statistics
import sys
import tempfile
import time
from pathlib import Path

from kzview.tui.app import KzviewApp


async def main() -> None:
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp) / "corpus"
        folder.mkdir()
        for i in range(20):
            (folder / f"a{i}.txt").write_text(f"Storm {i}\n\n{i + 2} people died, police said.", encoding="utf-8")
        app = KzviewApp(paths=[folder], db=Path(tmp) / "v.db", watch=True)
        samples = []
        async with app.run_test(size=(120, 40)):
            while not app.loaded:
                await asyncio.sleep(0.05)
            await asyncio.sleep(1.0)  # the watcher starts after the first load
            for n in range(5):
                t = time.perf_counter()
                (folder / f"new{n}.txt").write_text(f"Flood {n}\n\n{n + 3} people died.", encoding="utf-8")
                while f"new{n}" not in app.store.article_by_id:
                    await asyncio.sleep(0.01)
                    if time.perf_counter() - t > 20:
                        sys.exit("not picked up in 20 s")
                samples.append(time.perf_counter() - t)
                await asyncio.sleep(0.5)
        print(
            f"watch mode: a new file is in the store after {statistics.median(samples):.2f} s "
            f"(median of 5; max {max(samples):.2f} s; target within 2 s)"
        )


if __name__ == "__main__":
    asyncio.run(main())

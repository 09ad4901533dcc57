"""The project's rules, one command for contributors and CI: lint, format, types, layers.

    python tools/check.py          # from the repository, with the test extras installed

Exits non-zero on the first check that fails, after running them all and saying which failed.
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
CHECKS = [
    ("ruff lint", [sys.executable, "-m", "ruff", "check", "kzview", "tests", "bench", "tools"]),
    ("ruff format", [sys.executable, "-m", "ruff", "format", "--check", "kzview", "tests", "bench", "tools"]),
    ("mypy", [sys.executable, "-m", "mypy", "kzview"]),
    ("import contracts", [str(Path(sys.executable).parent / "lint-imports"), "--no-cache"]),
]


def main() -> int:
    failed = []
    for name, cmd in CHECKS:
        print(f"== {name}: {' '.join(Path(c).name if i == 0 else c for i, c in enumerate(cmd))}", flush=True)
        if subprocess.run(cmd, cwd=ROOT).returncode != 0:
            failed.append(name)
    if failed:
        print(f"checks failed: {', '.join(failed)}")
        return 1
    print("all checks passed")
    return 0


if __name__ == "__main__":
    sys.exit(main())

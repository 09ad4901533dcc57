"""Tasks the cluster tests send to Dask workers (a module, so spawned workers can import it by name)."""

from __future__ import annotations

import os
from pathlib import Path


def die_once(payload: tuple[str, int]) -> int:
    """The first run of a payload kills its worker process outright (as a kill -9 would); a rerun returns."""
    marker, value = payload
    mark = Path(marker)
    if not mark.exists():
        mark.write_text("died once", encoding="utf-8")
        os._exit(1)
    return value * 2

"""The cyclic garbage collector and a store of hundreds of thousands of objects.

Such a pass (extraction's merge, comparison, reading a snapshot) allocates many small acyclic objects; each
allocation burst triggers collections, and each full collection walks the whole live heap, so the pass grows
super-linear in the corpus. Reference counting still frees everything; the collector resumes afterwards.
"""

from __future__ import annotations

import gc
from collections.abc import Iterator
from contextlib import contextmanager


@contextmanager
def paused_gc() -> Iterator[None]:
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()


def settle_heap() -> None:
    """Take what is alive now (a freshly loaded store) out of the collector's sight for good.

    A store of a quarter of a million claims stays alive for the session and is acyclic: reference counting
    frees it when it is replaced. Left in view, every full collection walks it, and an interactive app allocates
    fast enough (each drawn line is several small objects) to run one every few keystrokes. Freezing moves the
    survivors to the permanent generation: O(1), no collection on the way.
    """
    gc.freeze()

"""Where things live, with no dependency beyond the standard library (the app resolves them before its first
frame): the sample corpus shipped in the package, the data directory, and the verdict databases of a corpus."""

from __future__ import annotations

import hashlib
import os
from importlib import resources
from pathlib import Path


def bundled_corpus_path() -> Path:
    """The sample articles shipped in the package (or, in a source checkout, the repository's seeds/)."""
    packaged = Path(str(resources.files("kzview"))) / "seeds"
    if packaged.is_dir():
        return packaged
    return Path(__file__).resolve().parents[1] / "seeds"


def data_dir() -> Path:
    base = os.environ.get("XDG_DATA_HOME") or str(Path.home() / ".local" / "share")
    return Path(base) / "kzview"


def default_db_path(corpus_paths: list[Path] | None, bundled: Path) -> Path:
    """`.kzview.db` in the corpus folder; under the user's data directory for the sample corpus, several paths,
    or a folder kzview cannot write to (keyed by the corpus path, so each corpus has its own)."""
    roots = [p.resolve() for p in (corpus_paths or [bundled])]
    if len(roots) == 1:
        folder = roots[0] if roots[0].is_dir() else roots[0].parent
        if folder != bundled.resolve() and os.access(folder, os.W_OK):
            return folder / ".kzview.db"
    key = hashlib.sha1("\n".join(sorted(str(r) for r in roots)).encode()).hexdigest()[:16]
    return data_dir() / f"corpus-{key}.db"


def other_db_paths(write: Path, corpus_paths: list[Path] | None, bundled: Path) -> list[Path]:
    """The other places this corpus's work may be kept, that exist: the corpus folder's `.kzview.db` when the
    folder cannot be written (a colleague's verdicts, shown read-only), and the data directory's database for
    this corpus when the folder's is the one written (work kept there while the folder was read-only). Both are
    read; only `write` is written."""
    roots = [p.resolve() for p in (corpus_paths or [bundled])]
    key = hashlib.sha1("\n".join(sorted(str(r) for r in roots)).encode()).hexdigest()[:16]
    candidates = [data_dir() / f"corpus-{key}.db"]
    if len(roots) == 1:
        folder = roots[0] if roots[0].is_dir() else roots[0].parent
        if folder != bundled.resolve():
            candidates.insert(0, folder / ".kzview.db")
    mine = write.resolve() if write.exists() else write.absolute()
    return [c for c in candidates if c.exists() and c.resolve() != mine]

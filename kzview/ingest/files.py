"""Finding article files and turning their bytes into text, with a clear reason for every file that fails."""

from __future__ import annotations

import codecs
import os
from dataclasses import dataclass
from pathlib import Path

# The formats ingest/formats.py reads, by file suffix (kept here, where discovery needs them).
TEXT = {".txt", ".md", ".markdown", ".text"}
HTML = {".html", ".htm"}
JSON = {".json"}
JSONL = {".jsonl", ".ndjson"}
SUPPORTED = TEXT | HTML | JSON | JSONL
SIDECARS = {"sources.csv", "kzview.toml"}
DEFAULT_MAX_BYTES = 50 * 1024 * 1024


@dataclass(frozen=True, slots=True)
class Source:
    """A file to read and the id the article will carry."""

    path: Path
    article_id: str


class ReadError(Exception):
    """A file that cannot become an article; the message is for people."""


def discover(paths: list[Path]) -> tuple[list[Source], list[tuple[str, str]]]:
    """Expand files and directories (recursively, without following directory loops) into sources.

    Returns the sources in a stable order and a list of (path, reason) for what was skipped.
    """
    found: list[tuple[Path, Path]] = []  # (file, the PATH it was found under)
    skipped: list[tuple[str, str]] = []
    for root in paths:
        if str(root) == "-":
            found.append((root, root))
            continue
        if root.is_symlink() and not root.exists():
            skipped.append((str(root), "broken symbolic link"))
            continue
        if not root.exists():
            skipped.append((str(root), "no such file or directory"))
            continue
        if root.is_file():
            found.append((root, root.parent))
            continue
        seen_dirs: set[tuple[int, int]] = set()
        for dirpath, dirnames, filenames in os.walk(root, followlinks=True):
            st = os.stat(dirpath)
            key = (st.st_dev, st.st_ino)
            if key in seen_dirs:
                skipped.append((dirpath, "directory loop (a link back to a folder already read); skipped"))
                dirnames[:] = []
                continue
            seen_dirs.add(key)
            dirnames[:] = sorted(d for d in dirnames if not d.startswith("."))
            for name in sorted(filenames):
                if name.startswith(".") or name in SIDECARS:
                    continue
                file = Path(dirpath) / name
                if file.suffix.lower() not in SUPPORTED:
                    skipped.append((str(file), f"unsupported file type {file.suffix or '(none)'}; skipped"))
                    continue
                if file.is_symlink() and not file.exists():
                    skipped.append((str(file), "broken symbolic link"))
                    continue
                found.append((file, root))
    # Article id = stem; where two files share a stem, the path relative to the PATH given, without extension.
    stems: dict[str, int] = {}
    for file, _ in found:
        stems[_stem(file)] = stems.get(_stem(file), 0) + 1
    sources: list[Source] = []
    seen_files: set[Path] = set()
    for file, root in found:
        real = file.resolve() if str(file) != "-" else file
        if real in seen_files:
            continue
        seen_files.add(real)
        if stems[_stem(file)] == 1:
            article_id = _stem(file)
        else:
            try:
                rel = file.relative_to(root)
            except ValueError:
                rel = Path(file.name)
            article_id = rel.with_suffix("").as_posix()
        sources.append(Source(file, article_id))
    sources.sort(key=lambda s: s.article_id)
    return sources, skipped


def _stem(file: Path) -> str:
    return "stdin" if str(file) == "-" else file.stem


def decode(data: bytes) -> str:
    """Bytes to text: UTF-8 (with or without BOM), UTF-16 with BOM, else Windows-1252, else Latin-1.

    Line endings are normalised to `\\n`; offsets in claims refer to the text as returned here.
    """
    if data.startswith(codecs.BOM_UTF8):
        text = data[3:].decode("utf-8", errors="replace")
    elif data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        text = data.decode("utf-16", errors="replace")
    else:
        try:
            text = data.decode("utf-8")
            if "\x00" in text[:8192]:
                text = _detect(data)
        except UnicodeDecodeError:
            text = _detect(data)
    return text.replace("\r\n", "\n").replace("\r", "\n")


def _detect(data: bytes) -> str:
    """Not UTF-8: UTF-16 without a BOM, a legacy code page (charset-normalizer decides), or binary."""
    head = data[:8192]
    nuls = head.count(b"\x00")
    if nuls:
        # UTF-16 text has a NUL in nearly every other byte; binary files have them anywhere
        even, odd = head[0::2].count(b"\x00"), head[1::2].count(b"\x00")
        if max(even, odd) > 0.3 * len(head) / 2 and min(even, odd) < 0.05 * len(head) / 2:
            try:
                return data.decode("utf-16-le" if odd > even else "utf-16-be")
            except UnicodeDecodeError:
                pass
        raise ReadError("binary file (contains NUL bytes), not text")
    # Mostly-ASCII text with a few accented letters or curly quotes is Western (Windows-1252, the web's default
    # for pages that claim Latin-1); detectors often call such short texts Central European or Cyrillic.
    ascii_share = sum(b < 0x80 for b in head) / max(1, len(head))
    if ascii_share >= 0.7:
        try:
            return data.decode("cp1252")
        except UnicodeDecodeError:
            pass
    try:
        from charset_normalizer import from_bytes

        best = from_bytes(data[:1_000_000]).best()
        if best is not None and best.encoding:
            return data.decode(best.encoding, errors="replace")
    except ImportError:
        pass
    try:
        return data.decode("cp1252")
    except UnicodeDecodeError:
        return data.decode("latin-1")


def read_bytes(path: Path, max_bytes: int = DEFAULT_MAX_BYTES) -> bytes:
    try:
        size = path.stat().st_size
    except OSError as exc:
        raise ReadError(exc.strerror or str(exc)) from exc
    if size > max_bytes:
        raise ReadError(f"file is {size / 1e6:.1f} MB, over the {max_bytes / 1e6:.0f} MB limit")
    try:
        return path.read_bytes()
    except PermissionError as exc:
        raise ReadError("permission denied") from exc
    except IsADirectoryError as exc:
        raise ReadError("is a directory") from exc
    except OSError as exc:
        raise ReadError(exc.strerror or str(exc)) from exc


def read_text(path: Path, max_bytes: int = DEFAULT_MAX_BYTES) -> str:
    text = decode(read_bytes(path, max_bytes))
    if not text.strip():
        raise ReadError("empty file")
    return text

"""Finding article files and turning their bytes into text, with a clear reason for every file that fails."""

from __future__ import annotations

import codecs
import os
import re
import stat
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
    """A file to read and the id the article will carry; for a part of a JSON-lines file (a cluster's partition),
    the bytes it covers, from the start of a line, and that line's number."""

    path: Path
    article_id: str
    span: tuple[int, int] | None = None
    first_line: int = 1
    story: str | None = None  # the folder under the PATH given that holds it (None: the PATH itself)


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
        if not root.is_dir():
            reason = _not_regular(root)
            if reason:
                skipped.append((str(root), reason))
            else:
                if root.suffix.lower() not in SUPPORTED:  # named on purpose: read, and say how
                    skipped.append((str(root), f"type {root.suffix or '(none)'} is not one kzview knows; read as text"))
                found.append((root, root.parent))
            continue
        seen_dirs: set[tuple[int, int]] = set()

        def unreadable(err: OSError, top: Path = root) -> None:
            why = "permission denied" if isinstance(err, PermissionError) else (err.strerror or str(err))
            skipped.append((str(err.filename or top), f"folder cannot be read ({why}); skipped"))

        for dirpath, dirnames, filenames in os.walk(root, followlinks=True, onerror=unreadable):
            try:
                st = os.stat(dirpath)
            except OSError as exc:
                unreadable(exc)
                dirnames[:] = []
                continue
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
                reason = _not_regular(file)
                if reason:
                    skipped.append((str(file), reason))
                    continue
                found.append((file, root))
    folders = {root for root in paths if str(root) != "-" and root.is_dir()}
    # Article id = stem; where two files share a stem, the path relative to the PATH given, without extension (with
    # several folders given, that folder's name first: "quake/01" and "fire/01", each folder a story of its own)
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
        try:
            rel = file.relative_to(root)
        except ValueError:
            rel = Path(file.name)
        named = Path(root.name or root.resolve().name) / rel if len(folders) > 1 and root in folders else rel
        article_id = _stem(file) if stems[_stem(file)] == 1 else safe_name(named.with_suffix("").as_posix())
        sources.append(Source(file, article_id, story=_story(root if root in folders else None, rel, len(folders))))
    sources.sort(key=lambda s: s.article_id)
    return sources, skipped


def _not_regular(file: Path) -> str | None:
    """Why a path is no file to read (a FIFO would block forever, a device never ends), or None. Never opens it."""
    try:
        mode = file.stat().st_mode
    except PermissionError:
        return None  # read_bytes names it: permission denied
    except OSError as exc:
        return exc.strerror or str(exc)
    if stat.S_ISREG(mode):
        return None
    kind = (
        "a named pipe (FIFO)"
        if stat.S_ISFIFO(mode)
        else "a socket"
        if stat.S_ISSOCK(mode)
        else "a device"
        if stat.S_ISCHR(mode) or stat.S_ISBLK(mode)
        else "not a regular file"
    )
    return f"{kind}, not a file; skipped without opening it"


def _story(root: Path | None, rel: Path, folders: int) -> str | None:
    """The story a file is about, by where it lies (`root`: the folder given it was found under, None for a file
    given by itself): with several folders given, each folder is a story (its name); with one, each folder right
    under it is one, its subfolders included ("desk/quake/day2/a.txt" is "quake"). A file given by itself, or
    lying in the one folder given, has none."""
    if root is None:
        return None
    if folders > 1:
        return safe_name(root.name or root.resolve().name)
    return safe_name(rel.parts[0]) if len(rel.parts) > 1 else None


def safe_name(name: str) -> str:
    """A file name as text that can go anywhere (JSON, SQLite, the screen): bytes that were not UTF-8 (carried by
    Python as lone surrogates) are written as escapes, "caf\\xe9"."""
    try:
        name.encode("utf-8")
        return name
    except UnicodeEncodeError:
        return name.encode("utf-8", "surrogateescape").decode("utf-8", "backslashreplace")


def _stem(file: Path) -> str:
    return "stdin" if str(file) == "-" else safe_name(file.stem)


def _utf8_or_cp1252(err: UnicodeError) -> tuple[str, int]:
    """Error handler for text that is UTF-8 with a few bytes that are not: a character cut off at the very end
    is a replacement character; any other stray byte is read as Windows-1252 (files pasted together from two
    sources), so the UTF-8 parts keep their letters."""
    assert isinstance(err, UnicodeDecodeError)
    chunk = err.object[err.start : err.end]
    if err.end >= len(err.object) and chunk[:1] and chunk[0] >= 0xC0:
        return "\ufffd", len(err.object)
    return bytes(chunk).decode("cp1252", errors="replace"), err.end


codecs.register_error("kzview-utf8-cp1252", _utf8_or_cp1252)
_UTF8_MULTIBYTE = re.compile(rb"[\xc2-\xdf][\x80-\xbf]|[\xe0-\xef][\x80-\xbf]{2}|[\xf0-\xf4][\x80-\xbf]{3}")


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
        except UnicodeDecodeError as exc:
            if b"\x00" not in data[:8192] and (_UTF8_MULTIBYTE.search(data) or exc.start >= len(data) - 3):
                text = data.decode("utf-8", errors="kzview-utf8-cp1252")  # UTF-8, the error confined
            else:
                text = _detect(data)
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    if _looks_binary(text):
        raise ReadError("binary data, not text")
    return text


def _looks_binary(text: str) -> bool:
    """Bytes that decoded but are no text: many control characters or replacement characters."""
    sample = text[:8192]
    if not sample:
        return False
    odd = sum(1 for ch in sample if (ch < " " and ch not in "\n\t\f") or ch in "\ufffd\x7f")
    return odd > 8 and odd > 0.05 * len(sample)


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


def size_words(n: int) -> str:
    return f"{n / 2**20:.0f} MB" if n >= 2**20 else f"{n / 2**10:.0f} KB"


def read_bytes(path: Path, max_bytes: int = DEFAULT_MAX_BYTES) -> bytes:
    """The file's bytes, the limit enforced on what is read (a link to /dev/zero or a growing file stops at the
    limit, whatever `stat` says); never blocks on a FIFO."""
    reason = _not_regular(path)
    if reason:
        raise ReadError(reason)
    try:
        fd = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0))
    except PermissionError as exc:
        raise ReadError("permission denied") from exc
    except IsADirectoryError as exc:
        raise ReadError("is a directory") from exc
    except OSError as exc:
        raise ReadError(exc.strerror or str(exc)) from exc
    with os.fdopen(fd, "rb") as handle:
        if not stat.S_ISREG(os.fstat(handle.fileno()).st_mode):
            raise ReadError("not a regular file; skipped")
        try:
            data = handle.read(max_bytes + 1)
        except OSError as exc:
            raise ReadError(exc.strerror or str(exc)) from exc
    if len(data) > max_bytes:
        raise ReadError(f"file is over the {size_words(max_bytes)} limit; skipped (raise it with --max-size)")
    return data


def read_text(path: Path, max_bytes: int = DEFAULT_MAX_BYTES) -> str:
    text = decode(read_bytes(path, max_bytes))
    if not text.strip():
        raise ReadError("empty file")
    return text


def jsonl_spans(path: Path, size: int, part: int) -> list[tuple[int, int, int]]:
    """A JSON-lines file cut into byte ranges of about `part` bytes, each starting at a line's start:
    (start, end, the number of its first line). Read in blocks, counting line breaks; no record is parsed."""
    spans: list[tuple[int, int, int]] = []
    start, line, seen, pos = 0, 1, 0, 0  # seen: line breaks before `pos`
    cut = part
    with path.open("rb") as f:
        while True:
            block = f.read(1 << 20)
            if not block:
                break
            while cut < pos + len(block):
                i = block.find(b"\n", max(0, cut - pos))
                if i < 0:
                    break
                end = pos + i + 1
                if end >= size:
                    break
                spans.append((start, end, line))
                line = seen + block.count(b"\n", 0, i + 1) + 1
                start, cut = end, end + part
            seen += block.count(b"\n")
            pos += len(block)
    spans.append((start, size, line))
    return spans

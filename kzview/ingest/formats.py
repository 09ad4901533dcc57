"""One reader per input format. Each turns a file into documents (text plus what the format says about it) and
names every problem with the file, and the line where there is one.

- `.txt`, `.md` (front matter read by `clean`), `.text`, `.markdown`: the text as it is.
- `.html`, `.htm`: the main text and metadata, extracted by trafilatura (navigation, cookie banners, comments
  and related links are left out); the headline becomes the first line.
- `.json`: one record, a list of records, or `{"articles": [...]}`; `.jsonl` / `.ndjson`: one record a line,
  streamed. A record has `text` (or `body` / `content`) and may have `title`, `date`, `outlet` (or `source`,
  `site`, `publisher`), `url`, `language`, `id`, `story` (the story it is about, in a corpus of many).
- `-` on the command line: standard input, as text.
"""

from __future__ import annotations

import json
import re
import sys
from dataclasses import dataclass, field
from pathlib import Path

from kzview.ingest.files import DEFAULT_MAX_BYTES, HTML, JSON, JSONL, ReadError, Source, decode, read_bytes, size_words

META_KEYS = ("title", "date", "outlet", "url", "language", "story")


@dataclass
class RawDoc:
    article_id: str
    path: str
    text: str
    meta: dict[str, str] = field(default_factory=dict)


def read_source(source: Source, max_bytes: int = DEFAULT_MAX_BYTES) -> tuple[list[RawDoc], list[tuple[str, str]]]:
    """Documents in one file, and (where, reason) for each part that could not be read."""
    if str(source.path) == "-":
        data = sys.stdin.buffer.read(max_bytes + 1)
        if len(data) > max_bytes:
            raise ReadError(f"standard input is over the {max_bytes / 1e6:.0f} MB limit")
        text = decode(data)
        if not text.strip():
            raise ReadError("standard input is empty")
        return [RawDoc(source.article_id, "-", text)], []
    suffix = source.path.suffix.lower()
    if suffix in JSONL:
        return _read_jsonl(source, max_bytes)
    data = read_bytes(source.path, max_bytes)
    if suffix in HTML:
        note = (
            [(str(source.path), "a very large page: read by its paragraphs, without removing site furniture")]
            if len(data) > HTML_FULL_LIMIT
            else []
        )
        return [_read_html(source, data)], note
    text = decode(data)
    if not text.strip() or text.strip() in ("[]", "{}"):
        raise ReadError("empty file")
    if is_own_output(text):
        raise ReadError("a report kzview wrote (its own output), not an article; skipped")
    if suffix in JSON:
        return _read_json(source, text)
    return [RawDoc(source.article_id, str(source.path), text)], []


# kzview's own output carries these, so it is never read back as articles: the first line of a Markdown report,
# and the `made_by` (or ClaimReview's `isBasedOn`) of every JSON record it writes.
OWN_REPORT_MARKER = "<!-- a report kzview wrote: not an article -->"
_OWN_JSON = re.compile(
    r'"made_by"\s*:\s*\{\s*"program"\s*:\s*"kzview |"isBasedOn"\s*:\s*\{\s*"@type"\s*:\s*"SoftwareApplication"'
    r'\s*,\s*"name"\s*:\s*"kzview"'
)


_OWN_CSV = re.compile(r"group,status,topic,[^\n]*,made_by\r?\n")  # the header of kzview's CSV report


def is_own_output(text: str) -> bool:
    """Whether a text is a report or JSON output kzview wrote (by its marker, in its first few kilobytes)."""
    head = text[:8192].lstrip()
    if head.startswith(OWN_REPORT_MARKER) or _OWN_CSV.match(head):
        return True
    # a JSON output's records end with their made_by: in the first 8 KB, or, behind one long record, the last
    return head[:1] in "[{" and bool(_OWN_JSON.search(head) or _OWN_JSON.search(text[-8192:]))


def _whole(value: str) -> str:
    """JSON may carry lone surrogates ("\\ud800"), which no file, database or terminal can hold: each becomes
    U+FFFD, so one odd field never stops the corpus."""
    try:
        value.encode("utf-8")
        return value
    except UnicodeEncodeError:
        return value.encode("utf-8", "surrogatepass").decode("utf-8", "replace")


def _record_doc(record: object, source: Source, n: int, where: str) -> RawDoc:
    if not isinstance(record, dict):
        raise ReadError(f"{where}: not a JSON object")
    record = {k: _whole(v) if isinstance(v, str) else v for k, v in record.items()}
    text = record.get("text") or record.get("body") or record.get("content")
    if not isinstance(text, str) or not text.strip():
        raise ReadError(f"{where}: record has no text")
    meta: dict[str, str] = {}
    for key, names in (
        ("title", ("title", "headline")),
        ("date", ("date", "published", "datePublished", "published_at")),
        ("outlet", ("outlet", "source", "site", "sitename", "publisher")),
        ("url", ("url", "link")),
        ("language", ("language", "lang")),
        ("story", ("story",)),
    ):
        for name in names:
            value = record.get(name)
            if isinstance(value, str) and value.strip():
                meta[key] = value.strip()
                break
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    title = meta.get("title")
    if title and not text.lstrip().startswith(title):
        text = f"{title}\n\n{text}"  # the headline is part of the article, as in a page
    rid = record.get("id")
    article_id = str(rid) if isinstance(rid, (str, int)) and str(rid).strip() else f"{source.article_id}#{n}"
    return RawDoc(article_id, f"{source.path}:{n}", text, meta)


def _read_json(source: Source, text: str) -> tuple[list[RawDoc], list[tuple[str, str]]]:
    try:
        data = json.loads(text)
    except json.JSONDecodeError as exc:
        raise ReadError(f"invalid JSON at line {exc.lineno}, column {exc.colno}: {exc.msg}") from exc
    records = data.get("articles") if isinstance(data, dict) and isinstance(data.get("articles"), list) else data
    if isinstance(records, dict):
        records = [records]
    if not isinstance(records, list):
        raise ReadError("JSON is neither an article nor a list of articles")
    docs, problems = [], []
    for n, record in enumerate(records, 1):
        try:
            docs.append(_record_doc(record, source, n, f"record {n}"))
        except ReadError as exc:
            problems.append((str(source.path), f"{exc}; skipped"))
    return docs, problems


def _read_jsonl(source: Source, max_bytes: int) -> tuple[list[RawDoc], list[tuple[str, str]]]:
    """Streamed: one line at a time, so a large export never sits in memory twice."""
    docs, problems = [], []
    try:
        size = source.path.stat().st_size
    except OSError as exc:
        raise ReadError(exc.strerror or str(exc)) from exc
    if size > max_bytes:
        raise ReadError(f"file is over the {size_words(max_bytes)} limit; skipped (raise it with --max-size)")
    try:
        handle = source.path.open("rb")
    except OSError as exc:
        reason = "permission denied" if isinstance(exc, PermissionError) else (exc.strerror or str(exc))
        raise ReadError(reason) from exc
    if source.span is not None:
        handle.seek(source.span[0])
    with handle:
        end = source.span[1] if source.span is not None else None
        for n, raw in enumerate(_lines_within(handle, RECORD_LIMIT, end), source.first_line):
            if raw is None:
                limit = size_words(RECORD_LIMIT)
                problems.append((str(source.path), f"line {n}: a record over the {limit} a record may have; skipped"))
                continue
            if not raw.strip():
                continue
            try:
                record = json.loads(decode(raw))
                docs.append(_record_doc(record, source, n, f"line {n}"))
            except (json.JSONDecodeError, ReadError) as exc:
                reason = f"line {n}: invalid JSON ({exc.msg})" if isinstance(exc, json.JSONDecodeError) else str(exc)
                problems.append((str(source.path), f"{reason}; skipped"))
            except (RecursionError, ValueError, TypeError, UnicodeError) as exc:
                # one line nested too deep, or a lone surrogate: that line alone fails, the others load
                problems.append((str(source.path), f"line {n}: unreadable ({type(exc).__name__}); skipped"))
    if not docs and not problems and source.span is None:
        raise ReadError("empty file")
    return docs, problems


RECORD_LIMIT = 16 * 1024 * 1024  # bytes a JSONL record may have: past it the line is skipped unread, in bounded memory


def _lines_within(handle, limit: int, end: int | None = None):  # noqa: ANN001, ANN202 - a binary file, lines or None
    """The file's lines (those that start before `end`), each read whole only when it is at most `limit` bytes; a
    longer one is read past in blocks (never held in memory) and given as None, so one huge record costs neither
    memory nor the others."""
    while True:
        if end is not None and handle.tell() >= end:
            return
        line = handle.readline(limit + 1)
        if not line:
            return
        if len(line) > limit and not line.endswith(b"\n"):
            while True:  # the rest of the oversized line, a block at a time
                rest = handle.readline(1 << 20)
                if not rest or rest.endswith(b"\n"):
                    break
            yield None
            continue
        yield line


HTML_FULL_LIMIT = 2 * 1024 * 1024  # bytes: past this a page is read by the fast path (trafilatura took minutes)


def _read_html_fast(source: Source, html: str) -> RawDoc:
    """A very large page: its paragraphs' text, in linear time, without boilerplate removal (said in the notes)."""
    import lxml.html

    root = lxml.html.document_fromstring(html)
    for bad in root.xpath("//script|//style|//noscript|//nav|//footer|//header|//aside|//form"):
        bad.drop_tree()
    title = (root.findtext(".//title") or "").strip()
    paragraphs = [" ".join(p.text_content().split()) for p in root.iter("p", "h1", "h2", "h3", "li")]
    body = "\n".join(p for p in paragraphs if len(p) > 1)
    if not body.strip():
        raise ReadError("no article text found in the HTML page")
    text = body if not title or body.startswith(title) else f"{title}\n\n{body}"
    return RawDoc(source.article_id, str(source.path), text, {"title": title} if title else {})


def _read_html(source: Source, data: bytes) -> RawDoc:
    html = decode(data)
    if len(data) > HTML_FULL_LIMIT:
        return _read_html_fast(source, html)
    import trafilatura  # heavy: only when there is HTML to read

    doc = trafilatura.bare_extraction(html, with_metadata=True, include_comments=False, include_tables=True)
    if doc is None:
        raise ReadError("no article text found in the HTML page")
    d = doc.as_dict() if hasattr(doc, "as_dict") else dict(doc)
    body = (d.get("text") or "").strip()
    if not body:
        raise ReadError("no article text found in the HTML page")
    title = (d.get("title") or "").strip()
    text = body if not title or body.startswith(title) else f"{title}\n\n{body}"
    meta = {
        k: str(d[src]).strip()
        for k, src in (
            ("title", "title"),
            ("date", "date"),
            ("outlet", "sitename"),
            ("url", "url"),
            ("language", "language"),
        )
        if d.get(src)
    }
    return RawDoc(source.article_id, str(source.path), text.replace("\r\n", "\n"), meta)


def read_sidecar(folder: Path) -> tuple[dict[str, dict[str, str]], list[tuple[str, str]]]:
    """Metadata a user keeps beside the articles: `sources.csv` (id, outlet, url, date, language, title) or
    `kzview.toml` ([articles."id"] outlet = ..., date = ...). It overrides what kzview inferred."""
    import csv
    import tomllib

    meta: dict[str, dict[str, str]] = {}
    problems: list[tuple[str, str]] = []
    csv_path = folder / "sources.csv"
    if csv_path.is_file():
        try:
            with csv_path.open(newline="", encoding="utf-8-sig") as fh:
                for n, row in enumerate(csv.DictReader(fh), 2):
                    rid = (row.get("id") or row.get("article") or "").strip()
                    if not rid:
                        problems.append((str(csv_path), f"line {n}: no id; skipped"))
                        continue
                    meta[rid] = {k: v.strip() for k, v in row.items() if k in META_KEYS and v and v.strip()}
        except (OSError, UnicodeDecodeError, csv.Error) as exc:
            problems.append((str(csv_path), f"cannot read the metadata: {exc}"))
    toml_path = folder / "kzview.toml"
    if toml_path.is_file():
        try:
            data = tomllib.loads(toml_path.read_text(encoding="utf-8"))
            for rid, values in (data.get("articles") or {}).items():
                if isinstance(values, dict):
                    meta.setdefault(str(rid), {}).update(
                        {k: str(v).strip() for k, v in values.items() if k in META_KEYS and str(v).strip()}
                    )
        except (OSError, UnicodeDecodeError, tomllib.TOMLDecodeError) as exc:
            problems.append((str(toml_path), f"cannot read the metadata: {exc}"))
    return meta, problems

"""Claims as columns: what the claim store holds instead of one Python object per claim.

A corpus of 10,000 articles has a quarter of a million claims; as objects (a slotted dataclass, its strings and the
indexes over them) they cost about 1.2 KB each, more than ten times the article text. Here a claim is one row of
compact arrays (the standard library's `array`, four or eight bytes a value):

- offsets (`start`, `end`, `sentence_start`, `sentence_end`) and the article's index: the surface and the sentence
  are slices of the article text, made when a claim is asked for, never stored twice;
- the bounds as float64, with a flag for "an int" and for "none";
- every string field as a code into one pool of the distinct values (a topic, a source or a scope is stored once,
  however many claims give it); the date as a day number;
- the id as the 48-bit number it spells (`c` and twelve hex digits), looked up by binary search in a sorted copy.

A `Claim` object is made only for what a pane, a report or the JSON output asks for (the last few thousand asked
for are kept). What does not fit a column (an id of another shape, a surface that is not its text's slice, a
correction's `machine` record, an int too large for a float) is kept as it is, for that row alone, so a claim comes
back exactly as it went in.

A pure layer: no I/O, no Textual; pyarrow is imported only by the readers of Arrow tables (`from_arrow`), which a
Parquet claim store needs.
"""

from __future__ import annotations

import datetime as dt
import json
import re
import weakref
from array import array
from bisect import bisect_right
from collections.abc import Iterable, Iterator, Mapping, Sequence
from functools import lru_cache
from typing import TYPE_CHECKING, Any, get_args, overload

from kzview.kinds import Kind

if TYPE_CHECKING:
    from kzview.model import Article, Claim, ClaimGroup

STRINGS = (
    "kind",
    "topic",
    "unit",
    "subject",
    "scope",
    "attribution",
    "qualifier",
    "finding",
    "measure",
    "event",
    "event_words",
    "counted",
)
OFFSETS = ("start", "end", "sentence_start", "sentence_end")
FLAGS = ("approximate", "headline", "individual", "corrected")
_LOW_INT, _LOW_NONE, _HIGH_INT, _HIGH_NONE = 16, 32, 64, 128
_MAX_EXACT = 2**53  # an int above this does not survive a float
_NO_KEY = -1
_KINDS = frozenset(get_args(Kind))  # a claims part's kinds, checked on the vectorised read
_SMALL_PART = 5_000  # claims of a part read row by row (kzview.columns.ClaimColumns._extend_rows), not vectorised
_KEPT = 4096  # claims kept as objects once made: a screen's worth many times over


_ID = re.compile(r"c[0-9a-f]{12}")


def id_key(claim_id: str) -> int:
    """The number a claim id spells (`c` + 12 lower-case hex digits, kzview.extract.article), else -1."""
    return int(claim_id[1:], 16) if _ID.fullmatch(claim_id) else _NO_KEY


def key_id(key: int) -> str:
    return f"c{key:012x}"


class ClaimColumns(Sequence["Claim"]):
    """The claims of a store, in order, as columns; indexing gives `Claim` objects."""

    def __init__(self, article_ids: list[str], texts: list[str | None]) -> None:
        self.article_ids = article_ids  # index → article id
        self.texts = texts  # index → the article's text (None: an article the store does not hold)
        self._article_index = {a: i for i, a in enumerate(article_ids)}
        self.article = array("i")
        self.offsets = {name: array("i") for name in OFFSETS}
        self.low = array("d")
        self.high = array("d")
        self.flags = array("B")
        self.as_of = array("i")  # date.toordinal(), 0: none
        self.values: list[str | None] = [None]  # the pool: code 0 is None
        self._codes: dict[str | None, int] = {None: 0}
        self.codes = {name: array("I") for name in STRINGS}
        self.keys = array("q")
        self.odd: dict[int, dict[str, Any]] = {}  # row → the fields kept as they are
        self._index: tuple[array, array] | None = None  # (sorted keys, their rows)
        self._by_article: tuple[array, array] | None = None  # (offsets per article index, rows)
        # through a weak reference: a cache holding the bound method would make a cycle, and columns let go
        # (a provisional store replaced) would stay in memory until the cyclic collector ran
        owner = weakref.ref(self)
        self.make = lru_cache(maxsize=_KEPT)(lambda row: owner()._make(row))  # type: ignore[union-attr]
        self._article_array: Any = None  # the article ids as Arrow, while parts are read (extend_arrow)
        self._sizes: Any = None  # and the lengths of their texts

    # -- building ---------------------------------------------------------------------------------------------
    @classmethod
    def of(cls, claims: Iterable[Claim], articles: Sequence[Article]) -> ClaimColumns:
        cols = cls([a.id for a in articles], [a.text for a in articles])
        cols.extend(claims)
        return cols

    def _code(self, value: str | None) -> int:
        code = self._codes.get(value)
        if code is None:
            code = self._codes[value] = len(self.values)
            self.values.append(value)
        return code

    def _article_of(self, article: str) -> int:
        i = self._article_index.get(article)
        if i is None:
            i = self._article_index[article] = len(self.article_ids)
            self.article_ids.append(article)
            self.texts.append(None)
        return i

    def extend(self, claims: Iterable[Claim], cut_sentences: bool = False) -> None:
        """Append claims (`cut_sentences`: claims saved without their sentences, which are their texts' slices)."""
        self._index = self._by_article = None
        self.make.cache_clear()
        code, codes = self._code, self.codes
        offsets = [self.offsets[name] for name in OFFSETS]
        for c in claims:
            row = len(self.keys)
            odd: dict[str, Any] = {}
            a = self._article_of(c.article)
            self.article.append(a)
            spots = (c.start, c.end, c.sentence_start, c.sentence_end)
            for column, spot in zip(offsets, spots, strict=True):
                column.append(spot)
            text = self.texts[a]
            if text is None or text[c.start : c.end] != c.surface:
                odd["surface"] = c.surface
            if text is None or (not cut_sentences and text[c.sentence_start : c.sentence_end] != c.sentence):
                odd["sentence"] = c.sentence
            flags = 0
            for bit, name in enumerate(FLAGS):
                if getattr(c, name):
                    flags |= 1 << bit
            bound: tuple[float | int | None, array, int, int, str]
            for bound in (
                (c.low, self.low, _LOW_INT, _LOW_NONE, "low"),
                (c.high, self.high, _HIGH_INT, _HIGH_NONE, "high"),
            ):
                v, target, is_int, is_none, name = bound
                if v is None:
                    flags |= is_none
                    target.append(0.0)
                    continue
                if isinstance(v, bool) or (isinstance(v, int) and abs(v) > _MAX_EXACT):
                    odd[name] = v  # as it is: a float would not give it back
                    flags |= is_int
                    target.append(0.0)
                    continue
                if isinstance(v, int):
                    flags |= is_int
                target.append(float(v))
            self.flags.append(flags)
            self.as_of.append(c.as_of.toordinal() if c.as_of is not None else 0)
            for name in STRINGS:
                codes[name].append(code(getattr(c, name)))
            key = id_key(c.id)
            if key == _NO_KEY:
                odd["id"] = c.id
            self.keys.append(key)
            if c.machine is not None:
                odd["machine"] = c.machine
            if odd:
                self.odd[row] = odd

    # -- reading ----------------------------------------------------------------------------------------------
    def __len__(self) -> int:
        return len(self.keys)

    @overload
    def __getitem__(self, i: int) -> Claim: ...
    @overload
    def __getitem__(self, i: slice) -> list[Claim]: ...
    def __getitem__(self, i: int | slice) -> Claim | list[Claim]:
        if isinstance(i, slice):
            return [self._make(r) for r in range(*i.indices(len(self)))]  # fresh objects, for bulk work
        n = len(self)
        if i < 0:
            i += n
        if not 0 <= i < n:
            raise IndexError("claim row out of range")
        return self.make(i)

    def __iter__(self) -> Iterator[Claim]:
        make = self._make  # a pass over every claim does not push the panes' claims out of the kept ones
        for row in range(len(self)):
            yield make(row)

    def __eq__(self, other: object) -> bool:
        if isinstance(other, Sequence) and not isinstance(other, str):
            return len(self) == len(other) and all(a == b for a, b in zip(self, other, strict=True))
        return NotImplemented

    __hash__ = None  # type: ignore[assignment]

    def __repr__(self) -> str:
        return f"<ClaimColumns of {len(self)} claims>"

    def id_of(self, row: int) -> str:
        key = self.keys[row]
        return key_id(key) if key != _NO_KEY else self.odd[row]["id"]

    def code_of(self, value: str | None) -> int:
        """The pool code of a value (-1: no claim has it)."""
        return self._codes.get(value, -1)

    def article_index(self, article: str) -> int | None:
        """The index of an article (one the claims name, or one the columns were made with), or None."""
        return self._article_index.get(article)

    def _make(self, row: int) -> Claim:
        from kzview.model import Claim

        values, codes = self.values, self.codes
        odd = self.odd.get(row, {})
        a = self.article[row]
        text = self.texts[a] or ""
        start, end = self.offsets["start"][row], self.offsets["end"][row]
        s0, s1 = self.offsets["sentence_start"][row], self.offsets["sentence_end"][row]
        flags = self.flags[row]
        low: float | int | None = None if flags & _LOW_NONE else self.low[row]
        if low is not None and flags & _LOW_INT:
            low = odd.get("low", int(low))
        high: float | int | None = None if flags & _HIGH_NONE else self.high[row]
        if high is not None and flags & _HIGH_INT:
            high = odd.get("high", int(high))
        day = self.as_of[row]
        return Claim(
            id=self.id_of(row),
            article=self.article_ids[a],
            kind=values[codes["kind"][row]],  # type: ignore[arg-type]
            surface=odd["surface"] if "surface" in odd else text[start:end],
            start=start,
            end=end,
            sentence=odd["sentence"] if "sentence" in odd else text[s0:s1],
            low=low,
            high=high,
            approximate=bool(flags & 1),
            unit=values[codes["unit"][row]],
            topic=values[codes["topic"][row]],  # type: ignore[arg-type]
            subject=values[codes["subject"][row]],
            scope=values[codes["scope"][row]],
            attribution=values[codes["attribution"][row]],
            as_of=dt.date.fromordinal(day) if day else None,
            qualifier=values[codes["qualifier"][row]],
            headline=bool(flags & 2),
            sentence_start=s0,
            sentence_end=s1,
            finding=values[codes["finding"][row]],
            measure=values[codes["measure"][row]],
            event=values[codes["event"][row]],
            event_words=values[codes["event_words"][row]],
            counted=values[codes["counted"][row]],
            individual=bool(flags & 4),
            corrected=bool(flags & 8),
            machine=odd.get("machine"),
        )

    # -- indexes ----------------------------------------------------------------------------------------------
    def row_of(self, claim_id: str) -> int | None:
        """The row of the claim with this id (binary search in the sorted keys), or None."""
        if self._index is None:
            keys = self.keys
            order = sorted(range(len(keys)), key=keys.__getitem__)
            self._index = (array("q", [keys[r] for r in order]), array("i", order))
        key = id_key(claim_id)
        if key == _NO_KEY:
            found = None
            for row, odd in self.odd.items():
                if odd.get("id") == claim_id:
                    found = row
            return found
        sorted_keys, rows = self._index
        i = bisect_right(sorted_keys, key) - 1  # the last of rows with one id (ids are unique; a dict's choice)
        return rows[i] if i >= 0 and sorted_keys[i] == key else None

    def rows_of(self, claim_ids: Sequence[str]) -> list[int | None]:
        """The rows of many claims at once (None for an id not held): one pass over a dictionary made for the
        call, rather than a binary search for each."""
        if len(claim_ids) < 1000:
            return [self.row_of(cid) for cid in claim_ids]
        where = {key: row for row, key in enumerate(self.keys) if key != _NO_KEY}
        odd = {o["id"]: row for row, o in self.odd.items() if "id" in o}
        out: list[int | None] = []
        for cid in claim_ids:
            key = id_key(cid)
            if key != _NO_KEY:
                out.append(where.get(key))
            else:
                out.append(odd.get(cid))
        return out

    def rows_of_article(self, article: str) -> Sequence[int]:
        """The rows of one article's claims, in order."""
        if self._by_article is None:
            counts: array = array("i", bytes(4 * (len(self.article_ids) + 1)))
            for a in self.article:
                counts[a + 1] += 1
            for i in range(1, len(counts)):
                counts[i] += counts[i - 1]
            fill = array("i", counts)
            rows = array("i", bytes(4 * len(self)))
            for row, a in enumerate(self.article):
                rows[fill[a]] = row
                fill[a] += 1
            self._by_article = (counts, rows)
        at = self._article_index.get(article)
        if at is None:
            return ()
        counts, rows = self._by_article
        return rows[counts[at] : counts[at + 1]]

    # -- from a Parquet claim store ---------------------------------------------------------------------------
    @classmethod
    def from_arrow(cls, tables: Iterable[Any], articles: Sequence[Article]) -> ClaimColumns:
        """Columns from Arrow tables of claims as a claim store's parts hold them (kzview.parts), one part after
        another, in vectorised steps: no claim object is made."""
        cols = cls([a.id for a in articles], [a.text for a in articles])
        for table in tables:
            cols.extend_arrow(table)
        return cols

    def extend_arrow(self, table: Any) -> None:
        """Append the claims of one Arrow table (a claims part). Their surfaces and sentences are their texts'
        slices (a store is written from claims whose surface is `text[start:end]` and whose sentence is
        `text[sentence_start:sentence_end]`, kzview.intern); a claim of an article the columns do not hold, or
        whose offsets do not fit its text, is a ValueError (the caller rebuilds)."""
        n = table.num_rows
        if n == 0:
            return
        if n <= _SMALL_PART:
            self._extend_rows(table)
            return
        import pyarrow as pa
        import pyarrow.compute as pc

        self._index = self._by_article = None
        self.make.cache_clear()
        base = len(self)
        table = _typed(table)

        def append(out: array, arr: Any, typ: Any, fill: Any) -> None:
            arr = pc.fill_null(arr.combine_chunks() if hasattr(arr, "combine_chunks") else arr, fill).cast(typ)
            size = out.itemsize
            out.frombytes(memoryview(arr.buffers()[1])[arr.offset * size : (arr.offset + len(arr)) * size])

        if self._article_array is None or len(self._article_array) != len(self.article_ids):
            self._article_array = pa.array(self.article_ids, pa.string())
        where = pc.index_in(table["article"], value_set=self._article_array)
        if where.null_count:
            raise ValueError("a claim of an article the store does not hold")
        o = {name: table[name] for name in OFFSETS}
        if self._sizes is None or len(self._sizes) != len(self.texts):
            self._sizes = pa.array([len(t) if t is not None else -1 for t in self.texts], pa.int32())
        sizes = pc.take(self._sizes, where)
        fits = pc.and_(
            pc.and_(pc.greater_equal(o["sentence_start"], 0), pc.less_equal(o["sentence_start"], o["start"])),
            pc.and_(
                pc.and_(pc.less_equal(o["start"], o["end"]), pc.less_equal(o["end"], o["sentence_end"])),
                pc.less_equal(o["sentence_end"], sizes),
            ),
        )
        if not pc.all(pc.fill_null(fits, False)).as_py():
            raise ValueError("a claim that does not fit its article")
        append(self.article, where, pa.int32(), 0)
        for name in OFFSETS:
            append(self.offsets[name], o[name], pa.int32(), 0)
        flags = pa.repeat(pa.scalar(0, pa.uint8()), n)
        for bit, name in enumerate(FLAGS):
            flags = pc.bit_wise_or(flags, pc.multiply(pc.fill_null(table[name], False).cast(pa.uint8()), 1 << bit))
        for name, is_int, is_none in (("low", _LOW_INT, _LOW_NONE), ("high", _HIGH_INT, _HIGH_NONE)):
            v = table[name]
            none = pc.is_null(v).cast(pa.uint8())
            whole = pc.fill_null(pc.and_(pc.is_finite(v), pc.equal(pc.floor(v), v)), False).cast(pa.uint8())
            flags = pc.bit_wise_or(flags, pc.add(pc.multiply(none, is_none), pc.multiply(whole, is_int)))
            append(getattr(self, name), v, pa.float64(), 0.0)
        append(self.flags, flags, pa.uint8(), 0)
        days = pc.strptime(pc.fill_null(table["as_of"], "0001-01-01"), format="%Y-%m-%d", unit="s")
        days = pc.cast(pc.cast(days, pa.date32()), pa.int32())
        epoch = dt.date(1970, 1, 1).toordinal()
        append(self.as_of, pc.if_else(pc.is_valid(table["as_of"]), pc.add(days, epoch), 0), pa.int32(), 0)
        for name in STRINGS:
            encoded = pc.dictionary_encode(table[name], null_encoding="encode").combine_chunks()
            if name == "kind" and not set(encoded.dictionary.to_pylist()) <= _KINDS:
                raise ValueError("a claim of a kind no claim has")  # as the row-by-row read checks every field
            pool = pa.array([self._code(v) for v in encoded.dictionary.to_pylist()], pa.int64())
            append(self.codes[name], pc.take(pool, encoded.indices), pa.uint32(), 0)
        if "key" in table.column_names:  # a part written with its ids' numbers
            append(self.keys, table["key"], pa.int64(), _NO_KEY)
            odd_ids = pc.indices_nonzero(pc.equal(table["key"], _NO_KEY))
            for row, cid in zip(odd_ids.to_pylist(), table["id"].take(odd_ids).to_pylist(), strict=True):
                self.odd.setdefault(base + row, {})["id"] = cid
        else:
            for row, cid in enumerate(table["id"].to_pylist()):
                key = id_key(cid)
                if key == _NO_KEY:
                    self.odd.setdefault(base + row, {})["id"] = cid
                self.keys.append(key)
        machine = table["machine"]
        for row in pc.indices_nonzero(pc.fill_null(pc.not_equal(machine, "null"), False)).to_pylist():
            self.odd.setdefault(base + row, {})["machine"] = json.loads(machine[row].as_py())

    def _extend_rows(self, table: Any) -> None:
        """A small claims part (a corpus of a few hundred articles, the samples) row by row: importing Arrow's
        compute functions for it took longer than the whole read, and the corpus's rows came after the app's
        first frame. Each row is checked as a claim (every field's type) and against its text, as the vectorised
        path checks it; a ValueError where one does not fit."""
        from kzview.model import Claim, from_data

        texts = dict(zip(self.article_ids, self.texts, strict=True))
        rows = table.to_pylist()
        for r in rows:
            r.pop("key", None)
            text = texts.get(r.get("article"))  # type: ignore[arg-type]
            a, b, s0, s1 = (r.get(name) for name in ("start", "end", "sentence_start", "sentence_end"))
            if text is None or not all(isinstance(v, int) for v in (a, b, s0, s1)):
                raise ValueError("a claim of an article the store does not hold")
            if not 0 <= s0 <= a <= b <= s1 <= len(text):  # type: ignore[operator]
                raise ValueError("a claim that does not fit its article")
            r["surface"], r["sentence"] = text[a:b], text[s0:s1]
            machine = r.get("machine")
            r["machine"] = json.loads(machine) if isinstance(machine, str) else None
            for name in ("low", "high"):  # written as floats: the int again when whole, as the columns read it
                v = r.get(name)
                if isinstance(v, float) and v.is_integer():
                    r[name] = int(v)
        self.extend(from_data(rows, list[Claim]))

    # -- crossing a pipe --------------------------------------------------------------------------------------
    def to_wire(self) -> dict[str, Any]:
        """The columns as bytes and lists (MessagePack carries them as they are; the texts travel with the
        articles)."""
        arrays: dict[str, array] = {
            "article": self.article,
            "low": self.low,
            "high": self.high,
            "flags": self.flags,
            "as_of": self.as_of,
            "keys": self.keys,
            **{f"o.{n}": a for n, a in self.offsets.items()},
            **{f"s.{n}": a for n, a in self.codes.items()},
        }
        return {
            "articles": self.article_ids,
            "values": self.values,
            "arrays": {name: a.tobytes() for name, a in arrays.items()},
            "odd": [[row, odd] for row, odd in sorted(self.odd.items())],
        }

    @classmethod
    def from_wire(cls, wire: dict[str, Any], articles: Sequence[Article]) -> ClaimColumns:
        """Columns from `to_wire`, checked whole (every column of one length, every code inside its pool, every
        date in the calendar, every value kept as it is of its kind); else ValueError or KeyError."""
        text_of = {a.id: a.text for a in articles}
        ids = list(wire["articles"])
        cols = cls(ids, [text_of.get(a) for a in ids])
        cols.values = list(wire["values"])
        if not cols.values or cols.values[0] is not None:
            raise ValueError("a claims pool without its None")
        cols._codes = {v: i for i, v in enumerate(cols.values)}
        raw = wire["arrays"]

        def load(name: str, typecode: str) -> array:
            a = array(typecode)
            a.frombytes(raw.pop(name))  # its bytes let go as soon as they are copied: never all held twice
            return a

        cols.article, cols.low, cols.high = load("article", "i"), load("low", "d"), load("high", "d")
        cols.flags, cols.as_of, cols.keys = load("flags", "B"), load("as_of", "i"), load("keys", "q")
        cols.offsets = {n: load(f"o.{n}", "i") for n in OFFSETS}
        cols.codes = {n: load(f"s.{n}", "I") for n in STRINGS}
        cols.odd = {int(row): dict(odd) for row, odd in wire["odd"]}
        n = len(cols.keys)
        columns: list[array] = [cols.article, cols.low, cols.high, cols.flags, cols.as_of, *cols.offsets.values()]
        if any(len(c) != n for c in [*columns, *cols.codes.values()]):
            raise ValueError("claims columns of different lengths")
        pool = len(cols.values)
        if any(max(c, default=0) >= pool for c in cols.codes.values()) or not (
            0 <= min(cols.article, default=0) <= max(cols.article, default=0) < max(len(ids), 1)
        ):
            raise ValueError("a claims column points outside its pool")
        if not all(isinstance(v, str) for v in cols.values[1:]):
            raise ValueError("a claims pool value that is not a string")
        if not 0 <= min(cols.as_of, default=0) <= max(cols.as_of, default=0) <= dt.date.max.toordinal():
            raise ValueError("a claim's date out of range")
        kinds = {"id": str, "surface": str, "sentence": str, "low": int, "high": int, "machine": dict}
        for row, odd in cols.odd.items():
            if not 0 <= row < n or any(not isinstance(v, kinds.get(k, type(None))) for k, v in odd.items()):
                raise ValueError("a claim's own values of the wrong kind")
        # An id of -1 is an id kept as it is. Each claim standing inside its text and each bound as its flags
        # say were checked by the process that read the claims (the digest of a store's part and its offsets, a
        # snapshot's fit, kzview.store), which made these columns from them: not checked a second time here, claim
        # by claim, where the app waits for them.
        if cols.keys.count(_NO_KEY) != sum(1 for own in cols.odd.values() if "id" in own):
            raise ValueError("a claim without an id")
        return cols


def _typed(table: Any) -> Any:
    """A claims part with each column of the type the columns read: a column with no value at all in a part
    (every claim undated, every bound open) is written by Arrow as type null."""
    import pyarrow as pa

    types = {
        **{name: pa.string() for name in (*STRINGS, "id", "article", "as_of", "machine")},
        **{name: pa.int64() for name in (*OFFSETS, "key")},
        **{name: pa.bool_() for name in FLAGS},
        "low": pa.float64(),
        "high": pa.float64(),
    }
    for i, field in enumerate(table.schema):
        want = types.get(field.name)
        if want is not None and field.type != want:
            table = table.set_column(i, field.name, table.column(i).cast(want))
    return table


class ClaimsById(Mapping[str, "Claim"]):
    """claim id → Claim, over the columns."""

    def __init__(self, columns: ClaimColumns) -> None:
        self.columns = columns

    def __getitem__(self, claim_id: str) -> Claim:
        row = self.columns.row_of(claim_id)
        if row is None:
            raise KeyError(claim_id)
        return self.columns.make(row)

    def __contains__(self, claim_id: object) -> bool:
        return isinstance(claim_id, str) and self.columns.row_of(claim_id) is not None

    def __iter__(self) -> Iterator[str]:
        return (self.columns.id_of(row) for row in range(len(self.columns)))

    def __len__(self) -> int:
        return len(self.columns)


class ClaimsByArticle(Mapping[str, list["Claim"]]):
    """article id → its claims, in order, over the columns (articles without claims are not keys)."""

    def __init__(self, columns: ClaimColumns) -> None:
        self.columns = columns

    def __getitem__(self, article: str) -> list[Claim]:
        rows = self.columns.rows_of_article(article)
        if not rows:
            raise KeyError(article)
        make = self.columns.make
        return [make(r) for r in rows]

    def __contains__(self, article: object) -> bool:
        return isinstance(article, str) and bool(self.columns.rows_of_article(article))

    def __iter__(self) -> Iterator[str]:
        return (a for a in list(self.columns.article_ids) if self.columns.rows_of_article(a))

    def __len__(self) -> int:
        return sum(1 for _ in self)


class GroupsOfClaim(Mapping[str, list[str]]):
    """claim id → the ids of the groups it is in, in the groups' order; the most serious status of any of them."""

    def __init__(
        self,
        columns: ClaimColumns,
        groups: Sequence[ClaimGroup],
        strict: bool = False,
        wire: Any = None,
        member_rows: Sequence[int] | None = None,
    ) -> None:
        """`strict`: a group naming a claim the columns do not hold is a KeyError (an untrusted store), else it
        is passed over. `wire`: the index as `to_wire` gave it, built already where the store was.
        `member_rows`: the row of each claim the groups name, in order (found already, kzview.parquet)."""
        from kzview.kinds import STATUS_ORDER

        self.columns = columns
        self.group_ids = [g.id for g in groups]
        n = len(columns)
        if wire is not None:
            self.offsets, self.members, self.status = array("i"), array("i"), array("b")
            self.offsets.frombytes(wire[0])
            self.members.frombytes(wire[1])
            self.status.frombytes(wire[2])
            if len(self.offsets) != n + 1 or len(self.status) != n or len(self.members) != self.offsets[n]:
                raise ValueError("a groups-of-claim index of another size")
            offsets = self.offsets
            if offsets[0] != 0 or any(offsets[i] > offsets[i + 1] for i in range(n)):
                raise ValueError("a groups-of-claim index out of order")
            if self.status and not -1 <= min(self.status) <= max(self.status) <= max(STATUS_ORDER.values()):
                raise ValueError("a claim's status out of range")
            if self.members and not 0 <= min(self.members) <= max(self.members) < len(groups):
                raise ValueError("a groups-of-claim index pointing outside the groups")
            return
        members = [cid for g in groups for cid in g.claims]
        rows: Sequence[int | None] = columns.rows_of(members) if member_rows is None else member_rows
        if len(rows) != len(members):
            raise ValueError("member rows of another count")
        # a counting sort by row, in arrays (a million (row, group) pairs as tuples were 120 MB): each claim's
        # groups in group order
        offsets = array("i", bytes(4 * (n + 1)))
        for i, row in enumerate(rows):
            if row is not None:
                offsets[row + 1] += 1
            elif strict:
                raise KeyError(members[i])
        for i in range(1, n + 1):
            offsets[i] += offsets[i - 1]
        fill = array("i", offsets)
        self.members = array("i", bytes(4 * offsets[n]))
        ranks = [STATUS_ORDER[g.status] for g in groups]
        self.status = array("b", b"\xff" * n)  # the best (lowest) rank of the claim's groups, -1: none
        i = 0
        for gi, g in enumerate(groups):
            r = ranks[gi]
            for _ in g.claims:
                row = rows[i]
                i += 1
                if row is None:
                    continue
                self.members[fill[row]] = gi
                fill[row] += 1
                if self.status[row] < 0 or r < self.status[row]:
                    self.status[row] = r
        self.offsets = offsets

    def to_wire(self) -> list[bytes]:
        return [self.offsets.tobytes(), self.members.tobytes(), self.status.tobytes()]

    def rows(self, row: int) -> array:
        return self.members[self.offsets[row] : self.offsets[row + 1]]

    def __getitem__(self, claim_id: str) -> list[str]:
        row = self.columns.row_of(claim_id)
        if row is None or self.offsets[row] == self.offsets[row + 1]:
            raise KeyError(claim_id)
        return [self.group_ids[gi] for gi in self.rows(row)]

    def __contains__(self, claim_id: object) -> bool:
        if not isinstance(claim_id, str):
            return False
        row = self.columns.row_of(claim_id)
        return row is not None and self.offsets[row] != self.offsets[row + 1]

    def __iter__(self) -> Iterator[str]:
        return (self.columns.id_of(r) for r in range(len(self.columns)) if self.offsets[r] != self.offsets[r + 1])

    def __len__(self) -> int:
        return sum(1 for r in range(len(self.columns)) if self.offsets[r] != self.offsets[r + 1])

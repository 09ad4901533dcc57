"""Claims as Parquet parts: one file per partition of the corpus, written by whoever extracted that partition (this
process, or a Dask worker in kzview.cluster) and read back by kzview.parquet, each verified by its BLAKE2 digest
before it is read. A claim store's `claims/` folder holds these parts, in article order.

pyarrow is imported only here and in kzview.parquet, and only when a part is written or read.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterator, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from kzview.model import Claim

CLAIMS_DIR = "claims"
JSON_COLUMNS = {"claims": ("machine",), "groups": ("agreeing",)}  # nested values kept as JSON text
# numbers a claim gives as an int or a float, whichever it is: written as floats in every part (one column type,
# whatever a part's own rows are, and no overflow past 64 bits), read back as the int when whole
NUMBERS = {"claims": ("low", "high")}
ROWS_PER_PART = 200_000  # claims of one part written here: a part is read whole, so it stays a few tens of MB


def part_name(index: int) -> str:
    """The store-relative name of claims part `index` (`claims/part-00003.parquet`): names sort in article order."""
    return f"{CLAIMS_DIR}/part-{index:05}.parquet"


def temp_path(store: Path, name: str) -> Path:
    """Where a part is written before the store takes it (`claims/.part-00003.parquet.tmp`)."""
    folder, _, file = name.rpartition("/")
    return store / folder / f".{file}.tmp"


def is_temp(path: Path) -> bool:
    """A part (or manifest) written under its temporary name: no part of any store until it is renamed."""
    return path.name.startswith(".") and path.name.endswith(".tmp")


def discard_temps(store: Path, remove_empty: bool = False) -> None:
    """Remove the temporary parts in `store` (a run that did not finish, a worker's late write), its claims
    folder when that is left empty, and the store folder itself when `remove_empty` and it is empty."""
    import contextlib

    for folder in (store, store / CLAIMS_DIR):
        if folder.is_dir():
            for tmp in folder.iterdir():
                if tmp.is_file() and is_temp(tmp):
                    tmp.unlink(missing_ok=True)
    with contextlib.suppress(OSError):
        (store / CLAIMS_DIR).rmdir()  # only when empty
    if remove_empty:
        with contextlib.suppress(OSError):
            store.rmdir()


def only_temps(store: Path) -> bool:
    """Whether `store` holds nothing but what a run that did not finish left (temporary parts, an empty claims
    folder): a folder a new store may be written into."""
    for path in store.iterdir():
        if path.is_dir() and path.name == CLAIMS_DIR:
            if not all(p.is_file() and is_temp(p) for p in path.iterdir()):
                return False
        elif not (path.is_file() and is_temp(path)):
            return False
    return True


def digest(path: Path) -> str:
    h = hashlib.blake2b(digest_size=20)
    with path.open("rb") as f:
        for block in iter(lambda: f.read(1 << 20), b""):
            h.update(block)
    return h.hexdigest()


def json_rows(part: str, rows: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """Rows with their nested values as JSON text (Parquet columns of one type, whatever a claim carries)."""
    for row in rows:
        for name in JSON_COLUMNS.get(part, ()):
            row[name] = json.dumps(row.get(name), sort_keys=True)
        for name in NUMBERS.get(part, ()):
            if row.get(name) is not None:
                row[name] = float(row[name])
    return rows


def write_table(rows: list[dict[str, Any]], path: Path, row_group: int | None = None) -> str:
    """Rows written to one Parquet file (zstd, page checksums on; `row_group` rows a row group, else Arrow's
    default); its digest."""
    import pyarrow as pa
    import pyarrow.parquet as pq

    path.parent.mkdir(parents=True, exist_ok=True)
    table = pa.Table.from_pylist(rows) if rows else pa.table({})
    pq.write_table(table, path, compression="zstd", write_page_checksum=True, row_group_size=row_group)
    del table
    pa.default_memory_pool().release_unused()  # Arrow keeps what it freed: given back before the next part
    return digest(path)


def write_claims_part(claims: Sequence[Claim], store: Path, index: int) -> tuple[str, str, int]:
    """Claims written as part `index` of the store at `store`, under its temporary name until the store's manifest
    takes it: (name, digest, rows)."""
    from kzview.columns import id_key
    from kzview.model import to_json

    name = part_name(index)
    # each row with its id's number too (`key`, -1 for an id of another shape): read back without parsing ids
    rows = [{**to_json(c), KEY: id_key(c.id)} for c in claims]
    return name, write_table(json_rows("claims", rows), temp_path(store, name)), len(claims)


KEY = "key"
# what the columns need of a claims part: its surfaces and sentences are slices of the texts (kzview.columns)
SLICES = ("surface", "sentence")


def read_claims(store: Path, names: list[str]) -> Iterator[Any]:
    """The claims parts `names` of a store, one Arrow table after another (verified before: kzview.parquet),
    without the surfaces and sentences the columns cut from the texts. Arrow's memory for each part is given back
    once the next is asked for."""
    import pyarrow as pa
    import pyarrow.parquet as pq

    for name in names:
        f = pq.ParquetFile(store / name)
        yield f.read(columns=[c for c in f.schema_arrow.names if c not in SLICES])
        pa.default_memory_pool().release_unused()


def read_rows(path: Path, part: str) -> list[dict[str, Any]]:
    """A Parquet file's rows, nested values decoded."""
    import pyarrow.parquet as pq

    # a ParquetFile, not read_table: that goes through Arrow's datasets, whose import (with its compute
    # functions) took longer than a small store's whole read
    with pq.ParquetFile(path) as f:
        return table_rows(f.read(), part)


PATH_BYTES = "path_bytes"


def article_row(data: dict[str, Any]) -> dict[str, Any]:
    """An article's row (`to_data` of it). A file name that is not UTF-8 keeps its undecodable bytes as surrogates,
    which no Parquet string can hold: its bytes go beside it (`path_bytes`) and `path` holds it escaped, so the
    store of such a corpus is written, and read back with the very name the file has."""
    path = data["path"]
    raw = None
    try:
        path.encode("utf-8")
    except UnicodeEncodeError:
        raw = path.encode("utf-8", "surrogateescape")  # a name that is not even that stays unwritable (no store)
        data["path"] = raw.decode("utf-8", "backslashreplace")
    data[PATH_BYTES] = raw
    return data


def table_rows(table: Any, part: str) -> list[dict[str, Any]]:
    """An Arrow table's rows, nested values decoded."""
    rows: list[dict[str, Any]] = table.to_pylist()
    for row in rows:
        if part == "articles":
            raw = row.pop(PATH_BYTES, None)
            if raw is not None:
                row["path"] = raw.decode("utf-8", "surrogateescape")
        if part == "claims":
            row.pop(KEY, None)
        for name in JSON_COLUMNS.get(part, ()):
            row[name] = json.loads(row[name]) if row.get(name) is not None else None
        for name in NUMBERS.get(part, ()):
            v = row.get(name)
            if isinstance(v, float) and v.is_integer():
                row[name] = int(v)
    return rows

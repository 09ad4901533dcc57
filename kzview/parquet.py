"""A claim store on disk: a directory of Parquet files that `kzview STORE`, `claims`, `conflicts` and `export` read
as they read articles (`kzview extract PATH ... --out STORE` writes it).

    STORE/manifest.json      what made it (program, vocabulary, code), each article's content hash, and a BLAKE2
                             digest of every part
    STORE/articles.parquet   the articles: metadata and the texts the panes show
    STORE/claims/part-NNNNN.parquet   one row per claim, a column per field (Parquet dictionary-encodes the repeated
                             strings), one part per partition of the corpus, in article order (kzview.parts): written
                             by this process, or by the Dask workers that extracted them
    STORE/groups.parquet     one row per group, its claim and article ids as list columns
    STORE/entities.parquet   the entity index

Derived data is verified before it is shown: a part whose digest does not match is damaged, and the store is then
rebuilt from its own article texts (re-extracted and compared afresh), never shown as it is. A store made by
another program version or vocabulary is stale, and is rebuilt the same way. The JSON that comes out of a store is
the JSON that comes out of the articles it was made from.

pyarrow is imported only here and in kzview.parts, and only when a store is written or read.
"""

from __future__ import annotations

import hashlib
import json
from array import array
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from kzview.store import ClaimStore

MANIFEST = "manifest.json"
FORMAT = "kzview-claim-store"
VERSION = 1
PARTS = ("articles", "claims", "groups", "entities")


class StoreError(Exception):
    """A claim store that cannot be read or written; the message is for people."""


class ReadCancelled(Exception):
    """A read stopped between two parts because its caller asked (the app is closing); nothing is rebuilt."""


def is_store(path: Path) -> bool:
    """Whether `path` is a claim store directory (its manifest names the format)."""
    if not path.is_dir():
        return False
    try:
        if _parsed(path / MANIFEST).get("format") == FORMAT:
            return True
    except (OSError, ValueError, AttributeError):
        pass
    # its parts without a readable manifest: a damaged store, said so (never read as a folder of articles)
    return (path / "articles.parquet").exists() and ((path / "claims").is_dir() or (path / "claims.parquet").exists())


def _rows(store: ClaimStore, part: str) -> list[dict[str, Any]]:
    from kzview.model import to_data, to_json
    from kzview.parts import article_row, json_rows

    if part == "articles":
        return [article_row(to_data(a)) for a in store.articles]
    if part == "groups":
        return json_rows(part, [to_json(g) for g in store.groups])
    return [to_data(e) for e in store.entities]


def write_store(
    store: ClaimStore,
    out: Path,
    extra: dict[str, Any] | None = None,
    extra_parts: dict[str, list[dict[str, Any]]] | None = None,
    head: bool = True,
    rows_per_part: int = 0,
) -> dict[str, Any]:
    """Write `store` to the directory `out` (created; its parts replaced whole, the manifest last, so a store
    killed half-written has no manifest that matches it and is read as damaged, never as half).

    The claims go in parts (`claims/part-NNNNN.parquet`, kzview.parts): those the cluster's workers already wrote
    into `out` are taken as they are (`store.claim_parts`); else this process writes them. `extra` goes in the
    manifest under "cache", `extra_parts` (name -> rows) are written and digested beside the others (a claim
    cache's, kzview.storecache); `head` False writes no first screen apart; `rows_per_part` claims a part (0: the
    usual part size)."""
    from kzview.model import to_data
    from kzview.parts import CLAIMS_DIR, ROWS_PER_PART, discard_temps, temp_path, write_claims_part, write_table

    rows_per_part = rows_per_part or ROWS_PER_PART
    out.mkdir(parents=True, exist_ok=True)
    manifest_path = out / MANIFEST
    # Every part is written under a temporary name first; only when all are whole do they replace the old ones,
    # the manifest last. A write that fails (a full disk) leaves the store as it was.
    # the workers' parts are this write's from the start: a failure below removes them too
    temps: dict[str, Path] = {name: temp_path(out, name) for name, _ in store.claim_parts}
    parts: dict[str, str] = dict(store.claim_parts)
    try:
        for part in PARTS:
            if part == "claims":
                if not store.claim_parts:
                    # a part's claims made as objects while it is written, and no longer (all at once, 245,000
                    # claims were most of a first open's peak)
                    starts = range(0, len(store.claims), rows_per_part) or range(1)
                    for n, i in enumerate(starts):
                        name, dig, _ = write_claims_part(store.claims[i : i + rows_per_part], out, n)
                        parts[name] = dig
                        temps[name] = temp_path(out, name)
                continue
            name = f"{part}.parquet"
            temps[name] = temp_path(out, name)
            # in row groups: read a row group at a time (the groups, the articles), never held twice
            row_group = GROUP_ROWS if part == "groups" else ARTICLE_ROWS if part == "articles" else None
            parts[name] = write_table(_rows(store, part), temps[name], row_group)
        for name, rows in (extra_parts or {}).items():
            temps[name] = temp_path(out, name)
            parts[name] = write_table(rows, temps[name])
        if head and len(store.claims) >= HEAD_MIN:
            # a large store's first screen, apart: read_head reads it without the rest (and the texts it needs)
            for name, rows in zip(HEAD_PARTS, head_rows(store), strict=True):
                temps[name] = temp_path(out, name)
                parts[name] = write_table(rows, temps[name])
        missing = [name for name, tmp in temps.items() if not tmp.is_file()]
        if missing:
            raise OSError(f"the workers' part {missing[0]} is not in the store (is it on a folder they share?)")
    except BaseException:
        for tmp in temps.values():
            tmp.unlink(missing_ok=True)
        raise
    for name, tmp in temps.items():
        tmp.replace(out / name)
    manifest = {
        "format": FORMAT,
        "version": VERSION,
        "made_by": store.made_by,
        "articles": {a.id: hashlib.sha256(a.text.encode("utf-8")).hexdigest() for a in store.articles},
        "parts": parts,
        "counts": {"articles": len(store.articles), "claims": len(store.claims), "groups": len(store.groups)},
        # the first screen's shape, as its parts were written: read_head reads that many groups and articles
        **({"head": {"groups": HEAD_GROUPS, "articles": HEAD_ARTICLES}} if HEAD_PARTS[0] in parts else {}),
        "problems": [to_data(p) for p in store.problems],
        **({"cache": extra} if extra is not None else {}),
    }
    tmp = out / f".{MANIFEST}.tmp"
    tmp.write_text(json.dumps(manifest, indent=1, sort_keys=True), encoding="utf-8")
    tmp.replace(manifest_path)
    # what an earlier store here held and this one does not: its surplus claims parts, a single-file claims part,
    # and temporary parts an unfinished run left
    for old in [out / "claims.parquet", *(out / n for n in HEAD_PARTS), *sorted((out / CLAIMS_DIR).glob("*.parquet"))]:
        if old.relative_to(out).as_posix() not in parts:
            old.unlink(missing_ok=True)
    discard_temps(out)
    return manifest


def head_rows(store: ClaimStore) -> tuple[list[dict[str, Any]], list[dict[str, Any]], list[dict[str, Any]]]:
    """The first screen of `store` as read_head shows it, as the rows of `HEAD_PARTS`: the claims of the groups
    at the top of the conflict table and of the first articles of the list, in the store's order; those articles
    whole (every other article is read with the whole store); and those groups."""
    from kzview.columns import id_key
    from kzview.model import to_data, to_json
    from kzview.parts import KEY, article_row, json_rows

    cols = store.columns
    wanted = {cid for g in store.groups[:HEAD_GROUPS] for cid in g.claims}
    first = [a.id for a in store.articles[:HEAD_ARTICLES]]
    rows = {r for r in cols.rows_of(sorted(wanted)) if r is not None}
    for aid in first:
        rows.update(cols.rows_of_article(aid))
    claims = [cols.make(r) for r in sorted(rows)]
    needed = set(first) | {c.article for c in claims}
    # each with its label as the whole store names it ("x.com 03" where x.com has several articles)
    articles = [article_row({**to_data(a), "label": store.labels.get(a.id)}) for a in store.articles if a.id in needed]
    groups = json_rows("groups", [to_json(g) for g in store.groups[:HEAD_GROUPS]])
    return json_rows("claims", [{**to_json(c), KEY: id_key(c.id)} for c in claims]), articles, groups


def claim_part_names(parts: dict[str, str]) -> list[str]:
    """The manifest's claims parts in article order (a store written before parts had one, `claims.parquet`)."""
    from kzview.parts import CLAIMS_DIR

    names = sorted(n for n in parts if n.startswith(f"{CLAIMS_DIR}/"))
    return names or (["claims.parquet"] if "claims.parquet" in parts else [])


def read_store(
    path: Path,
    made_by: dict[str, str],
    articles: list[Any] | None = None,
    cancelled: Callable[[], bool] | None = None,
) -> tuple[ClaimStore | None, str]:
    """The store in `path` when every part is whole and it was made by this program and vocabulary, else None
    and the reason (then `rebuild_texts` still gives its articles when their part is whole). `articles`: its
    articles as `read_head` read and checked them a moment ago, with every part: taken as they are (their texts
    are not held twice, nor the parts digested twice). `cancelled` is asked between parts: True raises
    ReadCancelled."""
    import pyarrow as pa

    from kzview.columns import ClaimColumns, GroupsOfClaim
    from kzview.intern import Interner
    from kzview.model import Article, ClaimGroup, Entity, LoadProblem, from_data
    from kzview.parts import read_claims, read_rows, table_rows
    from kzview.store import ClaimStore

    manifest = _manifest(path)
    claim_parts = claim_part_names(manifest["parts"])
    given = articles is not None
    why = "" if given else _unfit(path, manifest, made_by)  # read_head verified every part a moment ago
    if why:
        return None, why
    try:
        import pyarrow.parquet as pq

        entities = read_rows(path / "entities.parquet", "entities")
        if articles is None:
            # a few thousand at a time: the whole part as Arrow and as rows at once would hold its texts twice
            articles, shared = [], Interner({})
            for batch in pq.ParquetFile(path / "articles.parquet").iter_batches(batch_size=ARTICLE_ROWS):
                if cancelled is not None and cancelled():
                    raise ReadCancelled
                read = from_data(table_rows(batch, "articles"), list[Article])
                shared.articles(read)  # one string for each story and each kind and reason of a region
                articles.extend(read)
        ids = []  # the claims' ids as Arrow, for finding the groups' claims below

        def parts() -> Iterator[Any]:
            for table in read_claims(path, claim_parts):
                if cancelled is not None and cancelled():
                    raise ReadCancelled
                ids.append(table["id"].combine_chunks())
                yield table

        claims = ClaimColumns.from_arrow(parts(), articles)  # as columns, part by part: no claim objects
        claim_ids = pa.chunked_array(ids, pa.string())
        group_file = pq.ParquetFile(path / "groups.parquet")
        # the groups row group by row group, each made and its values shared (one string for each article and
        # claim id, topic, unit...) before the next: at a million claims the groups' ids, made one object per
        # mention, were more than the claims
        sharer, groups = Interner({a.id: a.text for a in articles}), []
        for i in range(group_file.num_row_groups):
            if cancelled is not None and cancelled():
                raise ReadCancelled
            chunk = from_data(table_rows(group_file.read_row_group(i), "groups"), list[ClaimGroup])
            sharer.groups(chunk, known=_ANY)  # every id is checked below, in one step
            groups.extend(chunk)
        del sharer
        member_rows = array("i")  # as raw int32s: a million Python ints would be 36 MB more
        if len(claims) <= SMALL_STORE:
            # a small store's groups' claims found one by one: Arrow's compute functions cost more to import
            row_of = {cid: row for row, cid in enumerate(claim_ids.to_pylist())}
            try:
                member_rows.extend(row_of[cid] for g in groups for cid in g.claims)
            except KeyError:
                raise KeyError("a group names a claim the store does not hold") from None
        else:
            import pyarrow.compute as pc

            named = group_file.read(columns=["claims"])["claims"] if groups else None
            # the row of every claim the groups name, found in one vectorised step; each must be a claim's
            if named is not None and len(claim_ids):
                where = pc.index_in(pc.list_flatten(named), value_set=claim_ids)
            else:
                where = pa.array([], pa.int32()) if not any(g.claims for g in groups) else None
            if where is None or where.null_count:
                raise KeyError("a group names a claim the store does not hold")
            rows = (where.combine_chunks() if hasattr(where, "combine_chunks") else where).cast(pa.int32())
            if len(rows):
                member_rows.frombytes(rows.buffers()[1][rows.offset * 4 : (rows.offset + len(rows)) * 4])
            del named
        ids.clear()
        del claim_ids
        pa.default_memory_pool().release_unused()
        store = ClaimStore(
            index=GroupsOfClaim(claims, groups, member_rows=member_rows),
            articles=articles,
            claims=claims,
            groups=groups,
            problems=from_data(manifest.get("problems", []), list[LoadProblem]),
            entities=from_data(entities, list[Entity]),
        )
    except ReadCancelled:
        raise
    except Exception as exc:  # noqa: BLE001 - whatever does not decode is a miss and a rebuild, never shown
        return None, f"a part does not decode ({exc.__class__.__name__})"
    if not given and _texts_differ(store.articles, manifest):
        return None, "an article's text does not match its hash"
    store.lexicon = made_by["lexicon"]
    return store, ""


def read_manifest(path: Path) -> dict[str, Any] | None:
    """The manifest of the store at `path`, checked whole, or None when there is none that reads."""
    try:
        return _manifest(path) if is_store(path) else None
    except StoreError:
        return None


def read_extra(path: Path, manifest: dict[str, Any], name: str) -> list[dict[str, Any]] | None:
    """The rows of a part `write_store` was given in `extra_parts`, verified against its digest; None when it is
    missing or damaged."""
    from kzview.parts import read_rows

    digest = manifest["parts"].get(name)
    if not isinstance(digest, str) or not _whole(path / name, digest):
        return None
    try:
        return read_rows(path / name, name)
    except Exception:  # noqa: BLE001 - what does not decode is missing
        return None


def _ANY(_claim_id: str) -> object:
    return True


STALE = "made by another version of kzview or another vocabulary"
# a large store's first screen, written apart: its claims, its articles whole, the groups at the top of the table
HEAD_PARTS = ("head-claims.parquet", "head-articles.parquet", "head-groups.parquet")
SMALL_STORE = 20_000  # claims from which a store's groups' claims are found in one vectorised step
HEAD_MIN = 200_000  # claims from which a store's first screen is read and shown before the rest
HEAD_GROUPS = 120  # the groups at the top of the table that first screen holds (three screens of rows)
GROUP_ROWS = 2048  # groups a row group: read a row group at a time, each made and its values shared
ARTICLE_ROWS = 2048  # articles a row group: read a row group at a time, the texts are never held twice
HEAD_ARTICLES = 20  # and the articles at the top of the list whose claims it holds


def read_head(path: Path, made_by: dict[str, str]) -> ClaimStore | None:
    """The first screen of a large store, to show while the rest is read: every article, the groups at the top of
    the conflict table with their claims, and the claims of the first articles of the list; None when the store
    is small, or not whole and current (then `read_store` says why). Every part is verified as `read_store`
    verifies it; what this gives is a part of what it gives, claim for claim."""
    import pyarrow as pa
    import pyarrow.compute as pc
    import pyarrow.parquet as pq

    from kzview.columns import ClaimColumns
    from kzview.model import Article, ClaimGroup, from_data
    from kzview.parts import read_claims, read_rows, table_rows

    try:
        manifest = _manifest(path)
    except StoreError:
        return None
    counts = manifest.get("counts")
    claims = counts.get("claims") if isinstance(counts, dict) else None
    if not isinstance(claims, int) or claims < HEAD_MIN:
        return None
    if all(name in manifest["parts"] for name in HEAD_PARTS):
        # the parts it reads are verified, and the maker; the whole read verifies every part before it replaces it
        if _head_shape(manifest) is None or _unfit(path, manifest, made_by, HEAD_PARTS):
            return None
        return _read_head_parts(path, manifest, made_by)
    if _unfit(path, manifest, made_by):
        return None
    try:
        articles = from_data(read_rows(path / "articles.parquet", "articles"), list[Article])
        if _texts_differ(articles, manifest):
            return None
        top = _first_rows(pq.ParquetFile(path / "groups.parquet"), HEAD_GROUPS)
        groups = from_data(table_rows(top, "groups"), list[ClaimGroup])
        wanted = pa.array(sorted({cid for g in groups for cid in g.claims}), pa.string())
        first = pa.array([a.id for a in articles[:HEAD_ARTICLES]], pa.string())
        tables = read_claims(path, claim_part_names(manifest["parts"]))
        claims = ClaimColumns.from_arrow(
            (
                t.filter(pc.or_(pc.is_in(t["id"], value_set=wanted), pc.is_in(t["article"], value_set=first)))
                for t in tables
            ),
            articles,
        )
        return _first_screen(articles, claims, groups, manifest, made_by)
    except Exception:  # noqa: BLE001 - a first screen that does not decode is not shown; read_store says why
        return None


def _read_head_parts(path: Path, manifest: dict[str, Any], made_by: dict[str, str]) -> ClaimStore | None:
    """The first screen from the parts written for it (`HEAD_PARTS`): the articles it shows (the first of the
    list and those of the groups at the top of the table, whole), those groups and their claims; the store's
    other articles come with the whole store (`ClaimStore.articles_total` says how many there are). Every part
    was verified a moment ago (`_unfit`); each text read is checked against its hash."""
    from kzview.columns import ClaimColumns
    from kzview.model import Article, ClaimGroup, from_data
    from kzview.parts import read_claims, read_rows

    try:
        rows = read_rows(path / HEAD_PARTS[1], "articles")
        labels = {row["id"]: row.pop("label", None) for row in rows}
        articles = from_data(rows, list[Article])
        if _texts_differ(articles, manifest):
            return None
        groups = from_data(read_rows(path / HEAD_PARTS[2], "groups"), list[ClaimGroup])
        claims = ClaimColumns.from_arrow(read_claims(path, [HEAD_PARTS[0]]), articles)
        store = _first_screen(articles, claims, groups, manifest, made_by)
    except Exception:  # noqa: BLE001 - a first screen that does not decode is not shown; read_store says why
        return None
    store.articles_total = max(len(articles), len(manifest["articles"]))  # every article's hash is listed
    store.labels.update({aid: label for aid, label in labels.items() if isinstance(label, str) and label})
    return store


def _first_screen(
    articles: list[Any], claims: Any, groups: list[Any], manifest: dict[str, Any], made_by: dict[str, str]
) -> ClaimStore:
    """A first screen's store: its articles, claims and groups, the manifest's problems, marked provisional."""
    from kzview.model import LoadProblem, from_data
    from kzview.store import ClaimStore

    store = ClaimStore(
        articles=articles,
        claims=claims,
        groups=groups,
        problems=from_data(manifest.get("problems", []), list[LoadProblem]),
    )
    store.lexicon = made_by["lexicon"]
    store.provisional = True
    return store


def _head_shape(manifest: dict[str, Any]) -> tuple[int, int] | None:
    """How many groups and articles the first screen's parts were written for (None: not said, or not numbers)."""
    head = manifest.get("head")
    if not isinstance(head, dict):
        return None
    groups, articles = head.get("groups"), head.get("articles")
    if isinstance(groups, int) and isinstance(articles, int) and groups >= 0 and articles >= 0:
        return groups, articles
    return None


def _first_rows(file: Any, n: int) -> Any:
    """The first `n` rows of a Parquet file, reading only the row groups that hold them."""
    import pyarrow as pa

    tables, got = [], 0
    for i in range(file.num_row_groups):
        if got >= n:
            break
        tables.append(file.read_row_group(i))
        got += tables[-1].num_rows
    return pa.concat_tables(tables).slice(0, n) if tables else file.schema_arrow.empty_table()


def _unfit(path: Path, manifest: dict[str, Any], made_by: dict[str, str], only: tuple[str, ...] = ()) -> str:
    """Why a store cannot be read as it is: a damaged part, or another maker ("" when it can). `only`: the parts
    to verify (a first screen's), else every part."""
    parts = manifest["parts"]
    if only:
        names = list(only)
    else:
        claim_parts = claim_part_names(parts)
        names = [f"{p}.parquet" for p in PARTS if p != "claims"] + (claim_parts or ["claims/"])
        names += [n for n in HEAD_PARTS if n in parts]
    damaged = [n for n in names if not _whole(path / n, parts.get(n, ""))]
    if damaged:
        return f"damaged part{'s' if len(damaged) > 1 else ''}: {', '.join(sorted(damaged))}"
    made = manifest["made_by"]
    if made.get("lexicon") != made_by["lexicon"] or made.get("code") != made_by["code"]:
        return STALE
    return ""


def _texts_differ(articles: list[Any], manifest: dict[str, Any]) -> bool:
    texts = manifest.get("articles", {})
    return any(hashlib.sha256(a.text.encode("utf-8")).hexdigest() != texts.get(a.id) for a in articles)


def _manifest(path: Path) -> dict[str, Any]:
    """The manifest, checked whole: every field of the right type, this format's version; else StoreError."""
    try:
        manifest = _parsed(path / MANIFEST)
    except (OSError, ValueError) as exc:
        raise StoreError(f"{path}: a damaged claim store: its manifest cannot be read ({exc}); extract again") from exc
    ok = (
        isinstance(manifest, dict)
        and manifest.get("format") == FORMAT
        and manifest.get("version") == VERSION
        and isinstance(manifest.get("parts"), dict)
        and all(isinstance(v, str) for v in manifest["parts"].values())
        and isinstance(manifest.get("made_by"), dict)
        and isinstance(manifest.get("articles"), dict)
        and isinstance(manifest.get("problems", []), list)
    )
    if not ok:
        raise StoreError(f"{path}: a damaged claim store: its manifest is not one this kzview wrote; extract again")
    return manifest


_PARSED: dict[tuple[str, int, int, int], Any] = {}


def _parsed(file: Path) -> Any:
    """A manifest's JSON, parsed once while the file stays as it is (by its inode, size and change time): a store
    of 40,000 articles has a manifest of 4 MB, which opening it read four times."""
    st = file.stat()
    key = (str(file), st.st_ino, st.st_size, st.st_mtime_ns)
    if key not in _PARSED:
        data = json.loads(file.read_text(encoding="utf-8"))
        if file.stat().st_mtime_ns != st.st_mtime_ns:
            return data  # written again while it was read: not kept
        _PARSED.clear()  # one store at a time
        _PARSED[key] = data
    return _PARSED[key]


def rebuild_texts(path: Path) -> list[Any] | None:
    """The store's own articles, when their part is whole: what a damaged or stale store is rebuilt from."""
    from pydantic import TypeAdapter

    from kzview.model import Article

    try:
        manifest = _manifest(path)
        part = path / "articles.parquet"
        if not _whole(part, manifest["parts"].get("articles.parquet", "")):
            return None
        from kzview.parts import read_rows

        articles = TypeAdapter(list[Article]).validate_python(read_rows(part, "articles"))
        texts = manifest["articles"]
        if any(hashlib.sha256(a.text.encode("utf-8")).hexdigest() != texts.get(a.id) for a in articles):
            return None
        return articles
    except Exception:  # noqa: BLE001 - no articles to rebuild from: the caller says so
        return None


def _whole(path: Path, digest: str) -> bool:
    from kzview.parts import digest as digest_of

    try:
        return bool(digest) and path.is_file() and digest_of(path) == digest
    except OSError:
        return False

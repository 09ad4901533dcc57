"""A claim store of a million claims, and how fast kzview opens it.

`make_store` extracts a generated corpus once (bench/corpus.py, through `kzview extract --out`) and tiles its
Parquet store into a large one: each tile is a story of its own (a monitoring desk's corpus of many events), its
articles, claims and groups renamed so every id is unique, the texts and every figure the same as the one extracted.
The store it writes is a real one: its manifest digests every part and hashes every article, as `kzview extract`
writes them, so `kzview STORE` verifies and opens it as any other.

    python bench/store_timing.py [--claims 1000000] [--runs 5]

prints JSON: the store's size, and its first usable frame and the frame with the whole store in, in tmux
(bench/tmux_first_frame.py), against the samples'. `bench/run.py` adds the app's time and memory on it.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import os
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))


def _new_ids(ids: list[str], tile: int, prefix: str) -> list[str]:
    return [prefix + hashlib.blake2b(f"{tile}\x1f{i}".encode(), digest_size=6).hexdigest() if i else i for i in ids]


def make_store(out: Path, claims: int = 1_000_000, base_articles: int = 1000) -> dict:
    """A store of about `claims` claims in `out` (made once; kept while its manifest says the same size)."""
    import pyarrow as pa
    import pyarrow.parquet as pq
    from corpus import generate

    from kzview.columns import id_key
    from kzview.parquet import ARTICLE_ROWS, GROUP_ROWS, HEAD_GROUPS, MANIFEST
    from kzview.parts import KEY, digest, write_table

    manifest_path = out / MANIFEST
    if manifest_path.is_file():
        made = json.loads(manifest_path.read_text())
        if made.get("bench", {}).get("target") == claims:
            return made["counts"]
    root = Path(os.environ.get("KZVIEW_BENCH_DIR", "/tmp/kzview-bench"))
    folder = generate(root / f"c{base_articles}", base_articles)
    base = root / f"store-base-{base_articles}"
    subprocess.run(
        [sys.executable, "-m", "kzview", "extract", str(folder), "--out", str(base), "--one-story"],
        check=True,
        capture_output=True,
    )
    articles = pq.read_table(base / "articles.parquet")
    claim_table = pa.concat_tables(pq.read_table(p) for p in sorted((base / "claims").glob("part-*.parquet")))
    groups = pq.read_table(base / "groups.parquet")
    tiles = max(1, round(claims / claim_table.num_rows))
    out.mkdir(parents=True, exist_ok=True)
    (out / "claims").mkdir(exist_ok=True)
    for old in (out / "claims").glob("*.parquet"):
        old.unlink()
    base_manifest = json.loads((base / MANIFEST).read_text())
    parts: dict[str, str] = {}
    hashes: dict[str, str] = {}
    art_tables, group_tables = [], []
    for tile in range(tiles):
        story = f"story-{tile:03}"
        old_articles = articles.column("id").to_pylist()
        new_articles = [f"{story}/{a}" for a in old_articles]
        article_map = dict(zip(old_articles, new_articles, strict=True))
        for a, new in article_map.items():
            hashes[new] = base_manifest["articles"][a]
        t = articles.set_column(articles.schema.get_field_index("id"), "id", pa.array(new_articles))
        t = t.set_column(t.schema.get_field_index("story"), "story", pa.array([story] * t.num_rows, pa.string()))
        art_tables.append(t)
        old_ids = claim_table.column("id").to_pylist()
        new_ids = _new_ids(old_ids, tile, "c")
        claim_map = dict(zip(old_ids, new_ids, strict=True))
        c = claim_table.set_column(claim_table.schema.get_field_index("id"), "id", pa.array(new_ids))
        if KEY in c.column_names:  # each id's number (kzview.parts)
            keys = pa.array([id_key(i) for i in new_ids], pa.int64())
            c = c.set_column(c.schema.get_field_index(KEY), KEY, keys)
        c = c.set_column(
            c.schema.get_field_index("article"),
            "article",
            pa.array([article_map[a] for a in c.column("article").to_pylist()]),
        )
        name = f"claims/part-{tile:05}.parquet"
        pq.write_table(c, out / name, compression="zstd", write_page_checksum=True)
        parts[name] = digest(out / name)
        g = groups
        for col in ("claims", "clash"):
            g = g.set_column(
                g.schema.get_field_index(col),
                col,
                pa.array([[claim_map[x] for x in row] for row in g.column(col).to_pylist()], pa.list_(pa.string())),
            )
        g = g.set_column(
            g.schema.get_field_index("articles"),
            "articles",
            pa.array([[article_map[x] for x in row] for row in g.column("articles").to_pylist()]),
        )
        agreeing = [
            json.dumps([[claim_map[x] for x in part] for part in json.loads(row) or []], sort_keys=True)
            for row in g["agreeing"].to_pylist()
        ]
        g = g.set_column(g.schema.get_field_index("agreeing"), "agreeing", pa.array(agreeing))
        g = g.set_column(g.schema.get_field_index("id"), "id", pa.array(_new_ids(g["id"].to_pylist(), tile, "g")))
        g = g.set_column(g.schema.get_field_index("story"), "story", pa.array([story] * g.num_rows, pa.string()))
        group_tables.append(g)
    for name, tables in (("articles.parquet", art_tables), ("groups.parquet", group_tables)):
        row_group = GROUP_ROWS if name == "groups.parquet" else ARTICLE_ROWS  # as kzview.parquet writes them
        pq.write_table(
            pa.concat_tables(tables), out / name, compression="zstd", write_page_checksum=True, row_group_size=row_group
        )
        parts[name] = digest(out / name)
    pq.write_table(pq.read_table(base / "entities.parquet"), out / "entities.parquet", compression="zstd")
    parts["entities.parquet"] = digest(out / "entities.parquet")
    counts = {
        "articles": articles.num_rows * tiles,
        "claims": claim_table.num_rows * tiles,
        "groups": groups.num_rows * tiles,
    }
    manifest = {
        **base_manifest,
        "articles": hashes,
        "parts": parts,
        "counts": counts,
        "bench": {"target": claims, "tiles": tiles},
    }
    manifest_path.write_text(json.dumps(manifest, sort_keys=True))
    # the first screen's parts, as `kzview extract --out` writes them for a store this large
    from kzview.parquet import HEAD_ARTICLES, HEAD_PARTS, head_rows, read_store

    store, why = read_store(out, base_manifest["made_by"])
    if store is None:
        raise SystemExit(f"the tiled store does not read back: {why}")
    for name, rows in zip(HEAD_PARTS, head_rows(store), strict=True):
        parts[name] = write_table(rows, out / name)
    head = {"groups": HEAD_GROUPS, "articles": HEAD_ARTICLES}  # the first screen's shape, as kzview writes it
    manifest_path.write_text(json.dumps({**manifest, "parts": parts, "head": head}, sort_keys=True))
    return counts


def app_on_store(store: Path, tmp: Path) -> dict:
    """bench/app_timing.py on the store, in a process of its own: the app's first frame, when every claim is in,
    and its peak memory."""
    cmd = [sys.executable, str(HERE / "app_timing.py"), "kzview", str(store), "--db", str(tmp / "v.db")]
    out = subprocess.run(
        cmd, capture_output=True, text=True, timeout=900, env={**os.environ, "XDG_DATA_HOME": str(tmp)}
    )
    if out.returncode != 0:
        raise SystemExit(f"app timing failed on the store: {out.stderr[-2000:]}")
    return json.loads(out.stdout.strip().splitlines()[-1])


def store_rows(claims: int, bare_peak_mb: float, row) -> None:
    """The store's rows of bench/run.py: the first usable frame in tmux against the samples', the whole store in
    the app, and the app's peak memory against 10x the store's article text plus a bare app."""
    import pyarrow.compute as pc
    import pyarrow.parquet as pq

    root = Path(os.environ.get("KZVIEW_BENCH_DIR", "/tmp/kzview-bench"))
    store = root / f"store-{claims}"
    counts = make_store(store, claims)
    label = f"a {counts['claims']:,}-claim store ({counts['articles']:,} articles)"
    texts = pq.read_table(store / "articles.parquet", columns=["text"])["text"]
    text_mb = pc.sum(pc.binary_length(texts)).as_py() / 1e6
    with tempfile.TemporaryDirectory() as tmp:
        from tmux_first_frame import store_frames

        if shutil.which("tmux"):
            seen = store_frames(store, 5, Path(tmp))
            row(
                f"first usable frame (in tmux, the store's first screen), {label}",
                f"{seen['head_frame_s']:.2f} s",
                f"samples {seen['samples_frame_s']:.2f} s",
                seen["head_ratio"],
                "≤ 2x",
            )
            row(
                f"frame with the whole store in (in tmux), {label}",
                f"{seen['store_frame_s']:.2f} s",
                f"samples {seen['samples_frame_s']:.2f} s",
                None,
                "",
            )
        got = app_on_store(store, Path(tmp))
    row(f"all claims loaded in the app, {label}", f"{got['loaded_s']:.2f} s", "", None, "")
    allowed = 10 * text_mb + bare_peak_mb
    row(
        f"peak memory, {label}",
        f"{got['peak_rss_mb']:.0f} MB",
        f"10 x text ({text_mb:.0f} MB) + bare app ({bare_peak_mb:.0f} MB) = {allowed:.0f} MB",
        got["peak_rss_mb"] / allowed,
        "≤ 1.00x the allowance",
    )


def main() -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("--claims", type=int, default=1_000_000)
    ap.add_argument("--runs", type=int, default=5)
    ap.add_argument("--no-tmux", action="store_true")
    args = ap.parse_args()
    root = Path(os.environ.get("KZVIEW_BENCH_DIR", "/tmp/kzview-bench"))
    store = root / f"store-{args.claims}"
    counts = make_store(store, args.claims)
    size_mb = sum(p.stat().st_size for p in store.rglob("*.parquet")) / 1e6
    out: dict = {"store": str(store), **counts, "store_mb": round(size_mb, 1)}
    if not args.no_tmux:
        from tmux_first_frame import store_frames

        with tempfile.TemporaryDirectory() as tmp:
            out.update(store_frames(store, args.runs, Path(tmp)))
    print(json.dumps(out))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())

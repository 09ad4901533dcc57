"""`kzview eval` over cue-based gold: load each cluster afresh (no cache), score it, print or write the table."""

from __future__ import annotations

import argparse
import sqlite3
import sys
from pathlib import Path

from kzview.evaluate_cues import ClusterScore, format_table, load_cluster_gold, score_cluster

PROJECT_GOLD = Path(__file__).resolve().parent.parent / "tests" / "gold" / "realnews"
MARK_START = "<!-- realnews-table:start -->"
MARK_END = "<!-- realnews-table:end -->"


def heldout_names(gold_dirs: list[Path]) -> list[str]:
    """Clusters kept out of all tuning, one name a line in `heldout.txt` beside the gold files."""
    out: list[str] = []
    for d in gold_dirs:
        f = d / "heldout.txt"
        if f.exists():
            out += [ln.split("#")[0].strip() for ln in f.read_text(encoding="utf-8").splitlines()]
    return [n for n in out if n]


def gold_files(gold_dirs: list[Path]) -> dict[str, Path]:
    found: dict[str, Path] = {}
    for d in gold_dirs:
        for f in sorted(d.glob("*.json")):
            found.setdefault(f.stem, f)
    return found


def score_one(
    gold_path: Path, cluster: Path, lex: object | None = None, corrections: list | None = None
) -> ClusterScore:
    """One cluster scored afresh (no cache), with the user's corrections on top when given (a desk's corrected
    corpus scored against the gold its corrections wrote)."""
    from kzview.extract.lexicon import Lexicon, load_lexicon
    from kzview.store import load_store

    lexicon = lex if isinstance(lex, Lexicon) else load_lexicon()
    store = load_store([cluster], lexicon, cache=None, corrections=corrections)
    return score_cluster(load_cluster_gold(gold_path), store.articles, store.claims, store.groups)


def run_cluster_eval(args: argparse.Namespace) -> int:
    from kzview.extract.lexicon import load_lexicon
    from kzview.jsonout import dump_json
    from kzview.safe import one_line

    lex = load_lexicon(args.lexicon, args.qualifiers)
    if args.realnews:
        root: Path = args.realnews
        if not root.is_dir():
            print(f"kzview: {root}: no such folder of clusters", file=sys.stderr)
            return 2
        dirs = args.gold_dir or [d for d in (root / "gold", PROJECT_GOLD) if d.is_dir()]
        todo = [(name, path, root / name) for name, path in sorted(gold_files(dirs).items()) if (root / name).is_dir()]
        held = heldout_names(dirs)
    else:
        if not args.paths:
            print("kzview: name the cluster folder after the gold file", file=sys.stderr)
            return 2
        todo = [(args.gold.stem, args.gold, args.paths[0])]
        held = []
    from kzview.verdicts import read_corrections

    try:
        corrections = read_corrections(args.db) if args.db is not None else None
    except sqlite3.DatabaseError as exc:
        print(f"kzview: {args.db}: corrections cannot be read ({exc})", file=sys.stderr)
        return 1
    if not todo:
        print("kzview: no cluster has gold", file=sys.stderr)
        return 1
    scores = []
    for _name, gold_path, folder in todo:
        try:
            scores.append(score_one(gold_path, folder, lex, corrections))
        except (OSError, ValueError, KeyError) as exc:
            print(f"kzview: {gold_path}: {exc}", file=sys.stderr)
            return 2
    fmt = args.format or ("table" if sys.stdout.isatty() else "json")
    table = format_table(scores, held)
    if fmt == "json":
        sys.stdout.write(dump_json([s.as_dict() for s in scores]) + "\n")
    else:
        print(table)
        if args.errors:
            for s in scores:
                print(f"\n## {s.name}")
                for line in s.failures:
                    print(one_line(line, 400))
    if args.readme:
        write_readme(args.readme, table)
    return 0


def write_readme(path: Path, table: str) -> None:
    text = path.read_text(encoding="utf-8")
    if MARK_START not in text or MARK_END not in text:
        raise SystemExit(f"kzview: {path} has no {MARK_START} … {MARK_END} markers")
    head, rest = text.split(MARK_START, 1)
    _, tail = rest.split(MARK_END, 1)
    path.write_text(f"{head}{MARK_START}\n{table}\n{MARK_END}{tail}", encoding="utf-8")
    print(f"kzview: wrote the table into {path}", file=sys.stderr)

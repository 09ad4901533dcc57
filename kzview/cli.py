"""Command line: the app, and the non-interactive `claims` and `conflicts` commands (CONTRACT.md).

Exit status: 0 when at least one article was read, 1 when nothing could be read, 2 for bad arguments.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path
from typing import TYPE_CHECKING

from kzview import __version__
from kzview.formats import EXPORT_FORMATS
from kzview.jsonout import dump_json
from kzview.words import count_words

if TYPE_CHECKING:
    from kzview.store import ClaimStore

COMMANDS = {
    "claims": "every extracted claim (one JSON array with --format json)",
    "conflicts": "every claim group, conflicts first (one JSON array with --format json)",
    "eval": "score extraction against gold: a JSONL file, a cluster's cue-based JSON, or every real-news cluster",
    "entities": "who and what the articles name, with every spelling and the articles that use it",
    "export": "the triage report with verdicts: Markdown, CSV, JSON or schema.org ClaimReview",
    "correct": "correct the machine's reading of a figure, or add one it missed (kept with your verdicts)",
    "corrections": "the corrections in force, as JSON, or as a gold file `kzview eval` scores against",
    "extract": "extract and compare once, into a claim store (a directory of Parquet files) every command reads",
}

_DESCRIPTION = """\
kzview lines up the figures several news sources give for one event (deaths, injuries, arrests, troops,
damage, crowd sizes, dates), says which agree, which are one count growing over time and which clash, and why.

  kzview [PATH ...]                       open the terminal app (no PATH: the bundled sample corpus)
  kzview claims [PATH ...] [--format F]    print every extracted claim
  kzview conflicts [PATH ...] [--format F] print every claim group, conflicts first
  kzview entities [PATH ...] [--format F]  the entity index: one entity, every spelling, which articles
  kzview export [PATH ...] --format md|csv|json|claimreview [-o FILE]   the report, with your verdicts
  kzview correct PATH --claim ID (--not-a-figure | --topic T | --interval LO..HI | --event E ...)
  kzview correct PATH --missed ARTICLE:START:END --topic T --interval LO..HI   a figure kzview missed
  kzview correct PATH --claim ID --out-of-group    move a figure out of its group
  kzview correct PATH --merge GROUP --into GROUP   two groups that measure one thing
  kzview correct PATH --undo SEQ                   take a correction back (SEQ from `kzview corrections`)
  kzview corrections PATH [--format json|gold]   the corrections in force; gold: for `kzview eval`
  kzview extract PATH ... --out STORE     a claim store (Parquet) that the app and every command read
  kzview eval GOLD.jsonl [PATH ...]        score extraction against a gold file
  kzview eval GOLD.json CLUSTER            score one cluster against its cue-based gold (realnews format)
  kzview eval --realnews [DIR] [--readme README.md]   score every cluster that has gold, one table

PATH is a file or a directory (read recursively: .txt, .text, .md, .markdown, .html, .htm, .json, .jsonl, .ndjson),
"-" for standard input, or a claim store. --format is json or table; table is the
default on a terminal, json otherwise. Run `kzview claims --help` for a command's options."""


def _common(p: argparse.ArgumentParser) -> None:
    p.add_argument("paths", nargs="*", type=Path, metavar="PATH", help="article files or folders")
    p.add_argument("--lexicon", type=Path, metavar="FILE", help="a TOML file of extra topic cues and subjects")
    p.add_argument("--qualifiers", type=Path, metavar="FILE", help="a TOML file overriding the qualifier table")
    p.add_argument("--max-size", type=float, default=50.0, metavar="MB", help="skip files larger than this")
    p.add_argument(
        "--one-story",
        action="store_true",
        help="compare every article as one story (by default each folder under PATH, or a `story` field, is one)",
    )
    p.add_argument(
        "--no-cache",
        action="store_true",
        help="extract everything afresh, neither reading nor writing the claim cache ($XDG_CACHE_HOME/kzview)",
    )


def _app_parser() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(
        prog="kzview", description=_DESCRIPTION, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    p.add_argument("--version", action="version", version=f"kzview {__version__}")
    _common(p)
    p.add_argument("--db", type=Path, metavar="PATH", help="the verdict database (default: see README)")
    p.add_argument(
        "--watch",
        action="store_true",
        help="pick up new, changed and removed files in the PATH folders while the app runs",
    )
    return p


def _command_parser(name: str) -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(prog=f"kzview {name}", description=COMMANDS[name])
    if name == "export":
        _common(p)
        p.add_argument("--format", choices=tuple(EXPORT_FORMATS), default="md")
        p.add_argument("-o", "--output", type=Path, metavar="FILE", help="write here instead of standard output")
        p.add_argument("--db", type=Path, metavar="PATH", help="the verdict database (default: see README)")
        p.add_argument("--author", default=None, help="the reviewer named in ClaimReview (default: $KZVIEW_AUTHOR)")
        p.add_argument(
            "--review-url",
            default=None,
            metavar="URL",
            help="where the reviews will be published: each ClaimReview's url is URL#its-id "
            "(default: $KZVIEW_REVIEW_URL, else a urn:kzview: name)",
        )
        return p
    if name not in ("export", "extract"):  # a claim store holds the machine's reading: no verdicts, no corrections
        p.add_argument("--db", type=Path, metavar="PATH", help="the verdict database (default: see README)")
    if name == "correct":
        target = p.add_mutually_exclusive_group(required=True)
        target.add_argument("--claim", metavar="ID", help="the claim to correct (an id from `kzview claims`)")
        target.add_argument("--missed", metavar="ARTICLE:START:END", help="a figure kzview missed, by its span")
        target.add_argument(
            "--merge",
            metavar="GROUP",
            help="a group that measures the same thing as --into GROUP: its figures are read as that group's",
        )
        target.add_argument(
            "--undo", type=int, metavar="SEQ", help="take back a correction (its seq from `kzview corrections`)"
        )
        p.add_argument("--into", metavar="GROUP", help="with --merge: the group kept (an id from `kzview conflicts`)")
        p.add_argument("--not-a-figure", action="store_true", help="the words are no figure: out of comparison")
        p.add_argument(
            "--out-of-group",
            action="store_true",
            help="with --claim: move the figure out of its group (compared with nothing it was pooled with)",
        )
        for field in ("topic", "subject", "scope", "attribution", "unit", "measure", "event"):
            p.add_argument(f"--{field}", metavar=field.upper(), help=f"the right {field}")
        p.add_argument("--story", action="store_true", help="the figure is of the story, not another event")
        p.add_argument("--interval", metavar="LO..HI", help='the interval the words allow ("1800..2200", "5000..")')
        p.add_argument("--note", default="", help="why, for whoever reads it next")
        p.add_argument("--who", default=None, help="who corrects (default: $KZVIEW_AUTHOR or your user name)")
    if name == "eval":
        p.add_argument("gold", type=Path, nargs="?", metavar="GOLD", help="the gold file (.jsonl or cue-based .json)")
        p.add_argument("--errors", action="store_true", help="list every miss, spurious figure and wrong field")
        p.add_argument(
            "--realnews",
            type=Path,
            nargs="?",
            const=Path("../shared/realnews"),
            metavar="DIR",
            help="score every cluster folder of DIR that has gold (default DIR: ../shared/realnews)",
        )
        p.add_argument(
            "--gold-dir",
            type=Path,
            action="append",
            metavar="DIR",
            help="where cluster gold files are (default: DIR/gold and tests/gold/realnews)",
        )
        p.add_argument("--readme", type=Path, metavar="FILE", help="write the table into FILE between its markers")
    _common(p)
    if name == "extract":
        p.add_argument("--out", type=Path, required=True, metavar="STORE", help="the claim store directory to write")
        where = p.add_mutually_exclusive_group()
        where.add_argument(
            "--workers",
            type=int,
            metavar="N",
            help="extract on a local Dask cluster of N worker processes (needs: pip install 'kzview[cluster]')",
        )
        where.add_argument(
            "--scheduler",
            metavar="ADDRESS",
            help="extract on a running Dask cluster, e.g. tcp://10.0.0.5:8786 (needs the cluster extra)",
        )
        return p  # it writes the store and prints a line on stderr: no --format
    p.add_argument(
        "--format",
        choices=("json", "table"),
        default=None,
        help="json (CONTRACT.md) or table; default: table on a terminal, json otherwise",
    )
    if name == "conflicts":
        p.add_argument("--hide-single", action="store_true", help="leave out groups that only one article gives")
    if name == "corrections":
        for action in p._actions:
            if action.dest == "format":
                action.choices = ("json", "gold")
                action.default = "json"
    return p


def _load(args: argparse.Namespace) -> ClaimStore:
    from kzview.opening import OpenOptions, open_corpus

    extracting = not hasattr(args, "db")  # `extract`: the store holds the machine's reading, never corrections
    workers = None
    progress = None
    if extracting and (args.workers is not None or args.scheduler):
        from kzview.parallel import ClusterSpec

        if args.workers is not None and args.workers < 1:
            raise SystemExit("kzview: --workers needs at least 1")
        workers = ClusterSpec(scheduler=args.scheduler, workers=args.workers, out=args.out)
        progress = _progress_bar("extracting on Dask")
    return open_corpus(
        OpenOptions(
            paths=args.paths or None,
            lexicon=args.lexicon,
            qualifiers=args.qualifiers,
            max_bytes=int(args.max_size * 1024 * 1024),
            use_cache=not args.no_cache,
            db=None if extracting else db_path(args),
            db_also=() if extracting else other_dbs(args),
            corrections=[] if extracting else None,
            workers=workers,
            stories=not args.one_story,
        ),
        progress,
    )


def _progress_bar(what: str):  # noqa: ANN202 - a progress callback, or None off a terminal
    """A one-line bar on stderr (a terminal only: scripts get the closing line alone)."""
    if not sys.stderr.isatty():
        return None

    ended = False

    def show(done: int, total: int) -> None:
        nonlocal ended
        if ended:
            return
        width = 30
        filled = round(width * done / total) if total else width
        sys.stderr.write(f"\r{what} [{'#' * filled}{'.' * (width - filled)}] {done:,}/{total:,} articles")
        if done >= total:
            sys.stderr.write("\n")
            ended = True
        sys.stderr.flush()

    return show


def _run_correct(args: argparse.Namespace) -> int:
    import getpass
    import os

    from kzview.corrections import parse_interval
    from kzview.kinds import SET_APART
    from kzview.model import to_json
    from kzview.verdicts import VerdictStore, anchor

    if args.undo is not None or args.merge:
        return _run_group_correct(args)
    changes: dict = {}
    if args.not_a_figure:
        changes["not_a_figure"] = True
    if args.out_of_group:
        if not args.claim:
            print("kzview: --out-of-group takes --claim ID", file=sys.stderr)
            return 2
        changes["event"] = SET_APART
    for field in ("topic", "subject", "scope", "attribution", "unit", "measure", "event"):
        if getattr(args, field) is not None:
            changes[field] = getattr(args, field)
    if args.story:
        changes["event"] = None
    if args.interval:
        try:
            changes["low"], changes["high"] = parse_interval(args.interval)
        except ValueError:
            print(f"kzview: --interval {args.interval}: write LO..HI, LO.. or ..HI", file=sys.stderr)
            return 2
    if not changes:
        print("kzview: say what is wrong: --not-a-figure, --topic, --interval, --event, ...", file=sys.stderr)
        return 2
    store = _load(args)
    who = args.who or os.environ.get("KZVIEW_AUTHOR") or getpass.getuser()
    if args.missed:
        try:
            article_id, start, end = args.missed.rsplit(":", 2)
            start_i, end_i = int(start), int(end)
        except ValueError:
            print("kzview: --missed takes ARTICLE:START:END", file=sys.stderr)
            return 2
        article = store.article_by_id.get(article_id)
        if article is None or not (0 <= start_i < end_i <= len(article.text)):
            print(f"kzview: no such span in {article_id}", file=sys.stderr)
            return 2
        text = article.text
        where = json.dumps([[article_id, start_i, end_i, text[start_i:end_i], ""]], ensure_ascii=False)
        kind, target = "missed", ""
    else:
        claim = store.claim_by_id.get(args.claim)
        if claim is None:
            print(f"kzview: no claim {args.claim}; `kzview claims` lists them", file=sys.stderr)
            return 2
        where, kind, target = anchor([claim]), "claim", claim.id
    verdicts = VerdictStore(db_path(args), also_read=other_dbs(args))
    try:
        verdicts.add_correction(kind, target, changes, args.note, who, where)
    finally:
        verdicts.close()

    again = _load(args)  # the corpus or claim store again, the new correction on top
    shown = [c for c in again.claims if c.corrected]
    sys.stdout.write(dump_json([to_json(c) for c in shown[-1:]]) + "\n")
    return 0


def _run_group_correct(args: argparse.Namespace) -> int:
    """`--undo SEQ`: one correction taken back; `--merge GROUP --into GROUP`: one group read as the other, as one
    correction per figure, saved in one step (as the app's merge)."""
    import getpass
    import os

    from kzview.corrections import merge_changes
    from kzview.verdicts import VerdictStore, anchor
    from kzview.words import what_words

    if args.undo is not None:
        verdicts = VerdictStore(db_path(args), also_read=other_dbs(args))
        try:
            done = verdicts.undo_correction(args.undo)
        finally:
            verdicts.close()
        if not done:
            print(f"kzview: no correction {args.undo} in force; `kzview corrections` lists them", file=sys.stderr)
            return 2
        print(f"correction {args.undo} undone")
        return 0
    if not args.into:
        print("kzview: --merge GROUP takes --into GROUP (the group kept)", file=sys.stderr)
        return 2
    store = _load(args)
    into, other = store.group_by_id.get(args.into), store.group_by_id.get(args.merge)
    for gid, g in ((args.into, into), (args.merge, other)):
        if g is None:
            print(f"kzview: no group {gid}; `kzview conflicts` lists them", file=sys.stderr)
            return 2
    assert into is not None and other is not None
    if into.story != other.story:
        print(
            "kzview: the two groups are of two stories; figures are compared within a story, never across two",
            file=sys.stderr,
        )
        return 2
    who = args.who or os.environ.get("KZVIEW_AUTHOR") or getpass.getuser()
    note = args.note or f"merged into the group of {what_words(into)}"
    items = [
        ("claim", claim.id, changes, note, who, anchor([claim]))
        for claim, changes in merge_changes(into, store.group_claims(other.id))
    ]
    verdicts = VerdictStore(db_path(args), also_read=other_dbs(args))
    try:
        seqs = verdicts.add_corrections(items)
    finally:
        verdicts.close()
    print(f"{len(seqs)} figures of {what_words(other)} now read as {what_words(into)} (corrections {_seqs(seqs)})")
    return 0


def _seqs(seqs: list[int]) -> str:
    return ", ".join(str(s) for s in seqs) if seqs else "none needed"


def _run_corrections(args: argparse.Namespace, store: ClaimStore) -> int:
    from kzview.corrections import as_gold

    if args.format == "gold":
        sys.stdout.write(dump_json(as_gold(store.claims, store.articles, store.applied, store.groups)) + "\n")
        return 0
    items = [
        {
            "seq": a.correction.seq,
            "kind": a.correction.kind,
            "target": a.correction.target_id,
            "changes": a.correction.changes,
            "note": a.correction.note,
            "who": a.correction.who,
            "set_at": a.correction.set_at,
            "claim": a.claim_id,
            "stale": a.stale,
            "gone": a.claim_id is None,
        }
        for a in store.applied
    ]
    sys.stdout.write(dump_json(items) + "\n")
    return 0


def _report_problems(store: ClaimStore) -> None:
    from kzview.safe import one_line

    for p in store.problems:
        print(f"kzview: {one_line(p.path)}: {one_line(p.reason)}", file=sys.stderr)


def _claims_table(store: ClaimStore):  # noqa: ANN202 - rich is imported lazily
    from rich.table import Table
    from rich.text import Text

    from kzview.safe import one_line
    from kzview.words import interval_words

    t = Table(title=f"{len(store.claims)} claims in {len(store.articles)} articles", expand=False)
    for col in ("article", "figure", "interval", "topic", "subject", "scope", "source", "as of"):
        t.add_column(col, overflow="fold")
    for c in store.claims:
        interval = interval_words(c.low, c.high) if c.kind != "date" else ""
        t.add_row(
            *(
                Text(one_line(str(v or ""), 60))
                for v in (
                    c.article,
                    c.surface,
                    interval,
                    c.topic if c.kind != "date" else "date",
                    c.subject,
                    c.scope,
                    c.attribution,
                    c.as_of,
                )
            )
        )
    return t


def _groups_table(store: ClaimStore, hide_single: bool):  # noqa: ANN202
    from rich.table import Table
    from rich.text import Text

    from kzview.safe import one_line

    groups = [g for g in store.groups if not (hide_single and g.status.value == "single")]
    t = Table(
        title=f"{len(groups)} groups: " + ", ".join(f"{n} {s}" for s, n in store.counts().items()), show_lines=True
    )
    stories = any(g.story for g in groups)  # a corpus of several stories: which one each group is of
    for col in ("status", *(("story",) if stories else ()), "what", "figures", "reason"):
        t.add_column(col, overflow="fold")
    for g in groups:
        what = " / ".join(x for x in (g.topic, g.subject, g.scope) if x)
        figs = "\n".join(
            one_line(f"{store.article_label(c.article)}: {c.surface}" + (f" ({c.as_of})" if c.as_of else ""), 50)
            for c in store.group_claims(g.id)[:8]
        )
        story = (Text(one_line(g.story or "")),) if stories else ()
        t.add_row(Text(g.status.value), *story, Text(one_line(what)), Text(figs), Text(one_line(g.reason)))
    return t


def _entities_table(store: ClaimStore):  # noqa: ANN202
    from rich.table import Table
    from rich.text import Text

    from kzview.safe import one_line

    t = Table(title=f"{len(store.entities)} entities")
    for col in ("entity", "kind", "articles", "mentions", "spellings"):
        t.add_column(col, overflow="fold")
    for e in store.entities:
        t.add_row(
            Text(one_line(e.name)),
            e.kind,
            Text(one_line(", ".join(a.split("_")[0] for a in e.articles))),
            str(e.mentions),
            Text(one_line(" / ".join(e.spellings), 120)),
        )
    return t


def run_command(name: str, argv: list[str]) -> int:
    parser = _command_parser(name)
    args = parser.parse_args(argv)
    if name == "eval" and (args.realnews or (args.gold and args.gold.suffix == ".json")):
        from kzview.evalrun import run_cluster_eval

        return run_cluster_eval(args)
    if name == "eval" and args.gold is None:
        parser.error("name a gold file, or --realnews")
    if name == "correct":
        import sqlite3

        from kzview.parquet import StoreError

        try:
            return _run_correct(args)
        except (StoreError, sqlite3.DatabaseError) as exc:
            print(f"kzview: {exc}", file=sys.stderr)
            return 1
    from kzview.parquet import StoreError

    if name == "extract" and _bad_out(args.out):
        return 1  # before the workers write into it
    out_existed = name == "extract" and args.out.exists()
    try:
        store = _load(args)
    except StoreError as exc:
        print(f"kzview: {exc}", file=sys.stderr)
        return 1
    except RuntimeError as exc:
        from kzview.cluster import ClusterError

        if not isinstance(exc, ClusterError):
            raise
        print(f"kzview: {exc}", file=sys.stderr)
        return 1
    _report_problems(store)
    if not store.articles:
        print("kzview: no article could be read", file=sys.stderr)
        if name == "extract":
            from kzview.parts import discard_temps

            discard_temps(args.out, remove_empty=not out_existed)  # what the workers wrote is no store
        return 1
    if name == "export":
        return _run_export(args, store)
    if name == "extract":
        return _run_extract(args, store)
    if name == "corrections":
        return _run_corrections(args, store)
    fmt = args.format or ("table" if sys.stdout.isatty() else "json")
    if name == "eval":
        return _run_eval(args, store, fmt)
    if fmt == "json":
        if name == "claims":
            items = [store.claim_record(c) for c in store.claims]
        elif name == "entities":
            from kzview.model import to_data

            items = [{**to_data(e), "made_by": store.made_by} for e in store.entities]
        else:
            items = [
                store.group_record(g) for g in store.groups if not (args.hide_single and g.status.value == "single")
            ]
        sys.stdout.write(dump_json(items) + "\n")
    else:
        from rich.console import Console

        console = Console()
        if name == "claims":
            console.print(_claims_table(store))
        elif name == "entities":
            console.print(_entities_table(store))
        else:
            console.print(_groups_table(store, args.hide_single))
    return 0


def db_path(args: argparse.Namespace) -> Path:
    from kzview.places import bundled_corpus_path, default_db_path

    return getattr(args, "db", None) or default_db_path(args.paths or None, bundled_corpus_path())


def other_dbs(args: argparse.Namespace) -> list[Path]:
    """The other databases of this corpus that are read with the one written (none when `--db` names it)."""
    from kzview.places import bundled_corpus_path, other_db_paths

    if getattr(args, "db", None):
        return []
    return other_db_paths(db_path(args), args.paths or None, bundled_corpus_path())


def _bad_out(out: Path) -> bool:
    """Whether `out` cannot take a claim store (a file, or a folder holding anything but one): said."""
    from kzview.parquet import is_store
    from kzview.parts import only_temps

    if out.exists() and (not out.is_dir() or (any(out.iterdir()) and not is_store(out) and not only_temps(out))):
        print(
            f"kzview: {out} is a file or a folder with other things in it; the claim store needs a new or empty "
            "folder (or an existing store to replace)",
            file=sys.stderr,
        )
        return True
    return False


def _run_extract(args: argparse.Namespace, store: ClaimStore) -> int:
    from kzview.parquet import write_store

    try:  # `main` checked the folder before anything was written into it
        manifest = write_store(store, args.out)
    except OSError as exc:
        print(f"kzview: cannot write the claim store {args.out}: {exc.strerror or exc}", file=sys.stderr)
        return 1
    n = manifest["counts"]
    print(
        f"kzview: wrote {args.out}: {count_words(n['articles'], 'article')}, {count_words(n['claims'], 'claim')}, "
        f"{count_words(n['groups'], 'group')}",
        file=sys.stderr,
    )
    return 0


def _run_export(args: argparse.Namespace, store: ClaimStore) -> int:
    import os
    import sqlite3

    from kzview.export import render
    from kzview.verdicts import VerdictStore

    path, others = db_path(args), other_dbs(args)
    if path.exists() or others:
        # A report only reads the user's work: every database is opened read only, through an empty one in
        # memory, so exporting never writes to (or creates) the verdict database, damaged or not.
        sources = [p for p in (path, *others) if p.exists()]
        problem = ""
        try:
            vs = VerdictStore(":memory:", also_read=sources)
            if path.exists() and path not in vs.read_only_sources:
                problem = "it is not a database kzview can read"
            else:
                store.attach_verdicts(vs)
        except sqlite3.DatabaseError as exc:
            problem = str(exc)
        if problem:
            from kzview.verdicts import salvage

            saved, lost = salvage(path)
            if not saved:
                print(
                    f"kzview: {path}: the verdict database cannot be read ({problem}); no report written. "
                    "Keep the file: `sqlite3 FILE .recover` can often save its rows.",
                    file=sys.stderr,
                )
                return 1
            print(
                f"kzview: {path}: the verdict database is damaged ({problem}); the report carries the "
                f"{len(saved)} verdicts still readable{f' ({lost} rows lost)' if lost else ''}. The file is left "
                "as it was: keep it, and try `sqlite3 FILE .recover` for the rest.",
                file=sys.stderr,
            )
            store.show_verdicts(saved)
    author = args.author or os.environ.get("KZVIEW_AUTHOR") or "kzview user"
    review_url = args.review_url or os.environ.get("KZVIEW_REVIEW_URL") or ""
    text = render(store, args.format, author, review_url)
    if args.output:
        try:
            args.output.write_text(text + ("" if text.endswith("\n") else "\n"), encoding="utf-8")
        except OSError as exc:
            print(f"kzview: cannot write {args.output}: {exc.strerror or exc}", file=sys.stderr)
            return 1
        print(f"kzview: wrote {args.output}", file=sys.stderr)
    else:
        sys.stdout.write(text + ("" if text.endswith("\n") else "\n"))
    return 0


def _run_eval(args: argparse.Namespace, store: ClaimStore, fmt: str) -> int:
    from kzview.evaluate import evaluate, load_gold

    try:
        gold = load_gold(args.gold)
    except (OSError, ValueError) as exc:
        print(f"kzview: {args.gold}: {exc}", file=sys.stderr)
        return 2
    report = evaluate(gold, store.claims, store.articles)
    if fmt == "json":
        sys.stdout.write(dump_json([report.as_dict()]) + "\n")
        return 0
    from rich.console import Console
    from rich.table import Table

    t = Table(title=f"{args.gold.name}: {report.gold_count} topic-bearing gold figures")
    for col in ("field", "precision", "recall", "tp", "fp", "fn"):
        t.add_column(col, justify="left" if col == "field" else "right")
    rows = [("figures (topic-bearing)", report.detection), *report.fields.items()]
    for name, sc in rows:
        t.add_row(name, f"{sc.precision:.3f}", f"{sc.recall:.3f}", str(sc.tp), str(sc.fp), str(sc.fn))
    console = Console()
    console.print(t)
    if args.errors:
        from kzview.safe import one_line

        for e in report.errors:
            console.print(one_line(e), markup=False, highlight=False)
    return 0


def _app_refusal(args: argparse.Namespace) -> tuple[int, str] | None:
    """Why the app must not open, as (exit status, message), or None: a mistyped command, a path that is not
    there, a folder with nothing to read, or no terminal to draw on."""
    import difflib

    for p in args.paths or []:
        if str(p) != "-" and not p.exists():
            close = difflib.get_close_matches(str(p), list(COMMANDS), n=1, cutoff=0.6)
            if close and len(p.parts) == 1:
                return 2, f"kzview: no such command or path: {p}; did you mean {close[0]}?"
            return 1, f"kzview: {p}: no such file or directory"
    if args.paths:
        from kzview.ingest.files import discover

        sources, _ = discover(args.paths)
        if not sources:
            return 1, "kzview: no article to read in " + ", ".join(str(p) for p in args.paths)
    if not sys.stdout.isatty():
        return 2, "kzview: the app needs a terminal; for scripts, use `kzview claims` or `kzview conflicts`"
    return None


LEAVE_GRACE = 3.0  # seconds the app has to leave after a hang-up or a kill before the process ends without it


def run_app(argv: list[str]) -> int:
    args = _app_parser().parse_args(argv)
    refusal = _app_refusal(args)
    if refusal is not None:
        status, message = refusal
        print(message, file=sys.stderr)
        return status
    db, db_also, max_bytes = db_path(args), other_dbs(args), int(args.max_size * 1024 * 1024)
    prefetch = None
    # watch mode without the cache keeps the claims its first load extracted in this process (its reloads take
    # them from there): it reads for itself. With the cache, a reload finds them there, whoever extracted them
    if not (args.watch and args.no_cache):
        from kzview.prefetch import start

        # the corpus is read in a second process while Textual is imported and the first frame drawn, with the
        # options the app's own worker would give open_corpus (KzviewApp.load_store)
        prefetch = start(
            {
                "paths": args.paths or None,
                "lexicon": args.lexicon,
                "qualifiers": args.qualifiers,
                "max_bytes": max_bytes,
                "use_cache": not args.no_cache,
                "db": db,
                "db_also": db_also,
                "stories": not args.one_story,
            }
        )
    from kzview.tui.app import KzviewApp

    app = KzviewApp(
        watch=args.watch,
        db=db,
        db_also=db_also,
        use_cache=not args.no_cache,
        paths=args.paths or None,
        lexicon=args.lexicon,
        qualifiers=args.qualifiers,
        max_bytes=max_bytes,
        prefetch=prefetch,
        stories=not args.one_story,
    )
    import os
    import signal
    import threading

    def leave(signum: int, frame: object) -> None:
        """A terminal closed or a kill: leave as on quit. Textual's shutdown writes to the terminal, and when the
        terminal went away while the app was still starting it can wait on its writer for ever (seen in tmux: a
        session killed a fifth of a second after start left the process running, deaf to further kills); so if
        the app has not left within a few seconds, the process ends here. Nothing is lost: every verdict and
        correction was committed when it was set. The timer starts first: nothing the app does on the way out
        can keep it from running."""

        def last_resort() -> None:
            if prefetch is not None:
                prefetch.kill()  # the child and any worker processes of its own
            if "multiprocessing" in sys.modules:  # this process's own extraction workers, if it started any
                for worker in sys.modules["multiprocessing"].active_children():
                    worker.terminate()
            os._exit(128 + signum)

        timer = threading.Timer(LEAVE_GRACE, last_resort)
        timer.daemon = True  # an app that leaves in time is not kept waiting for it
        timer.start()
        try:
            app.exit(return_code=128 + signum)
        except Exception:  # noqa: BLE001 - an app not yet running cannot be asked to leave: the timer ends it
            pass

    for sig in (signal.SIGTERM, signal.SIGHUP):
        try:
            signal.signal(sig, leave)
        except (ValueError, OSError, AttributeError):
            pass  # not the main thread, or no such signal here
    try:
        app.run()
    finally:
        if prefetch is not None:
            prefetch.cancel()  # quit before the rows came: the child stops, and the worker waiting for it ends
        app._close_verdicts()
    return app.return_code or 0


def main(argv: list[str] | None = None) -> int:
    argv = sys.argv[1:] if argv is None else argv
    try:
        if argv and argv[0] in COMMANDS:
            return run_command(argv[0], argv[1:])
        return run_app(argv)
    except SystemExit as exc:  # argparse: --help exits 0, bad arguments 2
        return int(exc.code) if isinstance(exc.code, int) else 2
    except KeyboardInterrupt:
        return 130
    except BrokenPipeError:
        return 0


if __name__ == "__main__":
    sys.exit(main())

"""The commands and their JSON contract (CONTRACT.md)."""

from __future__ import annotations

import json
import subprocess
import sys

import pytest
from conftest import SEEDS, write

from kzview.cli import main

CLAIM_FIELDS = {
    "id",
    "article",
    "kind",
    "surface",
    "start",
    "end",
    "sentence",
    "low",
    "high",
    "approximate",
    "unit",
    "topic",
    "subject",
    "scope",
    "attribution",
    "as_of",
}
GROUP_FIELDS = {"id", "topic", "subject", "scope", "status", "claims", "articles", "reason"}
TOPICS = {
    "deaths",
    "injuries",
    "arrests",
    "hospitalized",
    "missing",
    "displaced",
    "troops",
    "participants",
    "damage",
    "population",
    "other",
}


def run(capsys, *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    out = capsys.readouterr()
    return code, out.out, out.err


def test_claims_json_follows_the_contract(capsys):
    code, out, _ = run(capsys, "claims", str(SEEDS), "--format", "json")
    assert code == 0
    claims = json.loads(out)
    texts = {p.stem: p.read_text(encoding="utf-8") for p in SEEDS.iterdir()}
    assert claims and len({c["id"] for c in claims}) == len(claims)
    for c in claims:
        assert CLAIM_FIELDS <= set(c)
        assert texts[c["article"]][c["start"] : c["end"]] == c["surface"]
        assert c["kind"] in {"count", "money", "date", "duration", "percent", "other"}
        assert c["topic"] in TOPICS
        assert c["low"] is None or isinstance(c["low"], (int, float))
        assert c["as_of"] is None or len(c["as_of"]) == 10


def test_conflicts_json_follows_the_contract_and_is_deterministic(capsys):
    code, out, _ = run(capsys, "conflicts", str(SEEDS), "--format", "json")
    assert code == 0
    groups = json.loads(out)
    claim_ids = {c["id"] for c in json.loads(run(capsys, "claims", "--format", "json")[1])}
    for g in groups:
        assert GROUP_FIELDS <= set(g)
        assert g["status"] in {"conflict", "update", "consistent", "single"}
        assert set(g["claims"]) <= claim_ids and g["reason"]
    assert groups[0]["status"] == "conflict"
    assert run(capsys, "conflicts", str(SEEDS), "--format", "json")[1] == out


def test_no_path_means_the_sample_corpus(capsys):
    assert run(capsys, "claims", "--format", "json")[1] == run(capsys, "claims", str(SEEDS), "--format", "json")[1]


def test_exit_codes(capsys, tmp_path):
    code, _, err = run(capsys, "claims", str(tmp_path / "missing"), "--format", "json")
    assert code == 1 and "missing" in err
    assert run(capsys, "claims", "--format", "xml")[0] == 2
    write(tmp_path, "empty.txt", "")
    write(tmp_path, "ok.txt", "Flood\n\nNine people are missing.")
    code, out, err = run(capsys, "claims", str(tmp_path), "--format", "json")
    assert code == 0 and "empty.txt: empty file" in err and json.loads(out)


def test_table_format(capsys):
    code, out, _ = run(capsys, "conflicts", "--format", "table")
    assert code == 0 and "conflict" in out and "security" in out


def test_json_escapes_terminal_controls(capsys, tmp_path):
    write(tmp_path, "evil.txt", "Evil \x1b[2J\x9b31m title here\n\nAt least 12 people \u202edied\u202c in \x07 it.")
    code, out, _ = run(capsys, "claims", str(tmp_path), "--format", "json")
    assert code == 0
    assert "\x1b" not in out and "\x9b" not in out and "\u202e" not in out and "\x07" not in out
    assert json.loads(out)[0]["surface"] == "At least 12"


@pytest.mark.parametrize("args", [["--help"], ["--version"], ["claims", "--help"]])
def test_help_and_version(args):
    r = subprocess.run([sys.executable, "-m", "kzview", *args], capture_output=True, text=True, timeout=60)
    assert r.returncode == 0 and "kzview" in r.stdout

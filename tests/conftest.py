from __future__ import annotations

from pathlib import Path

import pytest

from kzview.extract import corpus_context, extract_article
from kzview.extract.lexicon import load_lexicon
from kzview.ingest import article_from_text, bundled_corpus_path, load_corpus
from kzview.model import Article, Claim
from kzview.store import ClaimStore, build_store

SEEDS = bundled_corpus_path()


@pytest.fixture(autouse=True)
def _private_data_dir(tmp_path, monkeypatch):
    """Each test has its own user data and config dirs: no test writes to the real home or sees its keys."""
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "xdg-data"))
    monkeypatch.setenv("XDG_CONFIG_HOME", str(tmp_path / "xdg-config"))
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "xdg-cache"))
    monkeypatch.delenv("KZVIEW_KEYS", raising=False)


@pytest.fixture(scope="session")
def lex():
    return load_lexicon()


@pytest.fixture(scope="session")
def sample_store() -> ClaimStore:
    return build_store(load_corpus([SEEDS]))


def article(text: str, article_id: str = "a1") -> Article:
    return article_from_text(article_id, text)


def claims_of(text: str, article_id: str = "a1") -> list[Claim]:
    """Claims of one article written in a test, in a corpus of its own."""
    lex = load_lexicon()
    a = article(text, article_id)
    return extract_article(a, corpus_context([a], lex), lex)


def figure(text: str, surface: str) -> Claim:
    """The claim whose surface is `surface` (exactly one must exist)."""
    found = [c for c in claims_of(text) if c.surface == surface]
    assert len(found) == 1, f"{surface!r} not found once in {[c.surface for c in claims_of(text)]}"
    return found[0]


def write(tmp: Path, name: str, text: str | bytes) -> Path:
    p = tmp / name
    p.parent.mkdir(parents=True, exist_ok=True)
    if isinstance(text, bytes):
        p.write_bytes(text)
    else:
        p.write_text(text, encoding="utf-8")
    return p


def tmux_new(session: str, command: str, size: tuple[int, int] = (100, 30)) -> None:
    """A detached tmux session running `command`, retried while a tmux server left by the last killed session is
    still exiting ("server exited unexpectedly")."""
    import subprocess
    import time

    for _ in range(5):
        started = subprocess.run(
            ["tmux", "new-session", "-d", "-s", session, "-x", str(size[0]), "-y", str(size[1]), command],
            capture_output=True,
        )
        if started.returncode == 0:
            return
        time.sleep(0.3)
    raise RuntimeError(f"tmux would not start a session: {started.stderr.decode(errors='replace').strip()}")

"""Text -> Claims, one article at a time (`extract_article`), with what the corpus tells about it (`corpus_context`);
the rules live in kzview.extract.article and the modules beside it.

Pure: no cache, no processes, no I/O (kzview.pipeline runs it over a corpus). Deterministic: same input, same
claims and ids. The names are imported on first use: opening a corpus whose claims are already in the snapshot
never compiles the rules' patterns (the vocabulary, kzview.extract.lexicon, is read without them)."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from kzview.extract.article import CorpusContext, context_key, corpus_context, extract_article

__all__ = ["CorpusContext", "context_key", "corpus_context", "extract_article"]


def __getattr__(name: str) -> Any:
    import importlib

    if name.startswith("__"):
        raise AttributeError(name)
    return getattr(importlib.import_module("kzview.extract.article"), name)

"""One copy of each repeated value across all claims and groups.

Claims arrive from worker processes (unpickled) or from the cache (decoded), and either way each carries its own
copy of values that thousands of others share: its article id, topic, unit, source, date, sentence and even its
offsets (an int above 256 is an object of 28 bytes). At 10,000 articles that is more than the claims themselves.
`Interner` replaces each value by one shared object, in place: claims and groups are frozen dataclasses, and
their values are set past the freeze guard here and nowhere else, before any reader sees them.

A pure layer: no I/O, no Textual.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping

from kzview.model import Article, Claim, ClaimGroup

_GROUP_STRINGS = ("topic", "subject", "scope", "rule", "unit", "measure", "event", "story")


class _KnownIds(dict[str, str]):
    """One string for each claim id, given only for claims that exist."""

    def __init__(self, known: Callable[[str], object]) -> None:
        super().__init__()
        self.known = known

    def __missing__(self, cid: str) -> str:
        if self.known(cid) is None:
            raise KeyError(cid)
        self[cid] = cid
        return cid


class Interner:
    """Shares values across the claims and groups given to it; `texts` (article id → text) are the articles."""

    def __init__(self, texts: dict[str, str]) -> None:
        self.texts = texts
        self.values: dict[object, object] = {a: a for a in texts}
        self.numbers: dict[tuple[type, float], float | int] = {}
        self.sentences: dict[tuple[str, int, int], str] = {}

    def claims(self, claims: list[Claim]) -> None:
        """Share the claims' values."""
        set_, texts, sentences = object.__setattr__, self.texts, self.sentences
        share = self.values.setdefault
        number = self.numbers.setdefault
        for c in claims:
            article: str = share(c.article, c.article)  # type: ignore[assignment]
            text = texts[article]  # type: ignore[index]
            s0, s1, start, end = c.sentence_start, c.sentence_end, c.start, c.end
            s0, s1 = share(s0, s0), share(s1, s1)  # type: ignore[assignment]
            start, end = share(start, start), share(end, end)  # type: ignore[assignment]
            sentence = sentences.get((article, s0, s1))
            if sentence is None:
                sentence = sentences[(article, s0, s1)] = text[s0:s1]
            set_(c, "sentence", sentence)
            set_(c, "article", article)
            set_(c, "start", start)
            set_(c, "end", end)
            set_(c, "sentence_start", s0)
            set_(c, "sentence_end", s1)
            # field by field, not in a loop over names: this runs for every claim, and getattr by name costs a third
            set_(c, "kind", share(c.kind, c.kind))
            set_(c, "topic", share(c.topic, c.topic))
            if c.unit is not None:
                set_(c, "unit", share(c.unit, c.unit))
            if c.subject is not None:
                set_(c, "subject", share(c.subject, c.subject))
            if c.scope is not None:
                set_(c, "scope", share(c.scope, c.scope))
            if c.attribution is not None:
                set_(c, "attribution", share(c.attribution, c.attribution))
            if c.qualifier is not None:
                set_(c, "qualifier", share(c.qualifier, c.qualifier))
            if c.finding is not None:
                set_(c, "finding", share(c.finding, c.finding))
            if c.as_of is not None:
                set_(c, "as_of", share(c.as_of, c.as_of))
            low, high = c.low, c.high
            if low is not None:  # 5 and 5.0 are equal keys: the type keeps them apart
                set_(c, "low", number((type(low), low), low))
            if high is not None:
                set_(c, "high", number((type(high), high), high))

    def articles(self, articles: list[Article]) -> None:
        """Share the articles' repeated strings: their story, and the kind and reason of each region (a store's
        articles read from Parquet carry a copy of each for every article)."""
        set_, share = object.__setattr__, self.values.setdefault
        for a in articles:
            if a.story is not None:
                set_(a, "story", share(a.story, a.story))
            for r in a.regions:
                set_(r, "kind", share(r.kind, r.kind))
                set_(r, "reason", share(r.reason, r.reason))

    def groups(self, groups: list[ClaimGroup], known: Callable[[str], object]) -> None:
        """Share the groups' values, one string for each claim id among them (`known`: a claim id → None when
        there is no such claim, a KeyError)."""
        set_, values = object.__setattr__, self.values
        ids: Mapping[str, str] = _KnownIds(known)
        for g in groups:
            g.claims[:] = [ids[cid] for cid in g.claims]
            g.articles[:] = [values[a] for a in g.articles]  # type: ignore[misc]
            for agreeing in g.agreeing:
                agreeing[:] = [ids[cid] for cid in agreeing]
            for name in _GROUP_STRINGS:
                v = getattr(g, name)
                if v is not None:
                    set_(g, name, values.setdefault(v, v))

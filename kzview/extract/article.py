"""Text -> Claims, one article at a time: the stages over each sentence (kzview.extract says what is exported)."""

from __future__ import annotations

import bisect
import datetime as dt
import hashlib
import itertools
import re
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field, replace
from functools import lru_cache

from kzview.dates import CALENDAR_WORDS, find_dates, resolve, weekday_mismatch
from kzview.extract.context import (
    _PRONOUN_SAID,
    PLACES_FOR_PEOPLE,
    STOP,
    Attribution,
    Counted,
    CueHit,
    antecedent_place,
    choose_topic,
    coordinated,
    event_place,
    find_attributions,
    find_cues,
    find_scope,
    forward_targets,
    has_own_predicate,
    headline_names,
    is_agent,
    is_event_place,
    last_person,
    lead_places,
    normalise_source,
    pick_attribution,
    read_counted,
    respective_places,
    share_owner,
)
from kzview.extract.entities import build_entities, find_names, norm_name
from kzview.extract.implicit import HEADLINE_LINKS, find_implicit
from kzview.extract.lexicon import Cue, Lexicon, load_lexicon
from kzview.extract.measure import (
    MOMENT_LABELS,
    QUALIFYING,
    bracket_spans,
    capacity_before,
    figure_event,
    figure_measure,
    followed_phrase_end,
    forecast,
    in_other_brackets,
    is_property,
    narrative_events,
    same_clause,
    sentence_events,
)
from kzview.extract.numbers import Figure, find_figures, related_word
from kzview.extract.sentences import split_sentences, tokenize
from kzview.ingest import read_limit
from kzview.model import Article, Claim, Entity
from kzview.spans import SpanIndex

__all__ = ["ContextFeatures", "CorpusContext", "context_features", "context_key", "corpus_context", "extract_article"]


@dataclass(frozen=True)
class CorpusContext:
    """What the whole corpus tells about each article: the event's own places, a date to anchor partial dates,
    and the entity index (who is named, under which spellings)."""

    event_places: frozenset[str]
    anchor: dt.date | None
    entities: tuple[Entity, ...] = ()
    spellings: dict[str, str] = field(default_factory=dict)
    story_start: dt.date | None = None  # the story's first day: a sentence dated before it tells of another event
    # places the headlines or leads of two articles or more name: a place only one article's lead names ("killed in
    # Santiago" beside "across Chile") is a part of the event, not the event's own place. None: one article.
    shared_places: frozenset[str] | None = None
    # every spelling of the entity index, as norm_name keys it: what extraction asks of the index ("a name of the
    # corpus"), sent to worker processes as it is (the index itself stays in the parent)
    names: frozenset[str] = frozenset()
    # a corpus of several stories: each story's own context (its places, its dates), so that a story's claims are
    # the ones it gives read alone, whatever other stories its folder holds
    by_story: dict[str | None, CorpusContext] = field(default_factory=dict)

    def of(self, story: str | None) -> CorpusContext:
        """The context an article of `story` is read in."""
        return self.by_story.get(story, self)

    def bare(self) -> CorpusContext:
        """The context without the entity index (sent to worker processes; the names go with it)."""
        return CorpusContext(
            self.event_places,
            self.anchor,
            story_start=self.story_start,
            shared_places=self.shared_places,
            names=self.names,
            by_story={k: v.bare() for k, v in self.by_story.items()},
        )


def _country_rx(lex: Lexicon) -> re.Pattern[str]:
    names = sorted(lex.countries, key=len, reverse=True)
    return re.compile(r"(?<![\w.])(?:" + "|".join(re.escape(n) for n in names) + r")(?![\w])")


_TOLLS = frozenset({"deaths", "injuries", "missing"})
# who is charged: "filed murder charges against 14 inmates", "charged 12 people with"
_CHARGED_BEFORE = re.compile(r"\bcharges?\s+(?:\w+\s+){0,2}?against\s+(?:(?:the|all|at\s+least|some)\s+)?$", re.I)
_PEOPLE_TOPICS = frozenset({"deaths", "injuries", "missing", "arrests", "hospitalized", "displaced", "participants"})
# a date the source spoke on: "officials said on Tuesday", "police told reporters early on Friday", "the
# ministry confirmed this morning"
_SAID_ON = re.compile(
    r"\b(?:said|says|told\s+(?:\w+\s+)?|confirmed|announced|reported|added|stated|estimated)\s+"
    r"(?:(?:early|late|later)\s+)?(?:on\s+|in\s+)?$"
)
# a weekday's possessive before an event noun ("Friday's quake"), not before the count ("Tuesday's toll of 12")
_DATES_THE_EVENT = re.compile(r"['’]s\s+(?!(?:death\s+|official\s+|latest\s+)?(?:toll|count|tally|figures?|total)\b)")


@dataclass(frozen=True)
class ContextFeatures:
    """What the corpus context reads of one article: the countries it names, the places its headline and lead name,
    and the names it mentions (start, end, surface, a lone capitalised word opening a sentence). Worked out where
    the article is read (a cluster's worker), so the corpus's own share is only to add them up."""

    countries: frozenset[str]
    opening: frozenset[str]
    names: tuple[tuple[int, int, str, bool], ...]


def context_features(a: Article, lex: Lexicon, rx: re.Pattern[str] | None = None) -> ContextFeatures:
    text = a.text[: read_limit(a.text)]
    skip = [(r.start, r.end) for r in a.regions if r.kind != "caption"]
    return ContextFeatures(
        frozenset((rx or _country_rx(lex)).findall(text)), _opening_places(a), tuple(find_names(text, skip))
    )


def corpus_context(
    articles: list[Article], lex: Lexicon, features: dict[str, ContextFeatures] | None = None
) -> CorpusContext:
    """The corpus's context, and each story's where it holds several: the entity index is the corpus's, the
    places and the dates each story's own. `features`: each article's, where they were worked out already."""
    rx = _country_rx(lex)
    given = features or {}
    feats = {a.id: given.get(a.id) or context_features(a, lex, rx) for a in articles}
    entities, spellings = build_entities(articles, lex.countries, {i: f.names for i, f in feats.items()})
    names = frozenset(norm_name(sp) for e in entities for sp in e.spellings)
    whole = _context_of(articles, feats, entities, spellings, names)
    stories: dict[str | None, list[Article]] = {}
    for a in articles:
        stories.setdefault(a.story, []).append(a)
    if len(stories) < 2:
        return whole
    by_story = {story: _context_of(own, feats, entities, spellings, names) for story, own in stories.items()}
    return replace(whole, by_story=by_story)


def _context_of(
    articles: list[Article],
    feats: dict[str, ContextFeatures],
    entities: list[Entity],
    spellings: dict[str, str],
    names: frozenset[str],
) -> CorpusContext:
    df: Counter[str] = Counter()
    for a in articles:
        df.update(feats[a.id].countries)
    n = len(articles)
    places = frozenset(c for c, k in df.items() if k * 2 >= n and k == df.most_common(1)[0][1]) if df else frozenset()
    dates = sorted(a.date for a in articles if a.date)
    anchor = dates[len(dates) // 2] if dates else None
    named: Counter[str] = Counter()  # how many articles' headline or lead name each place
    if n >= 2:
        for a in articles:
            named.update(feats[a.id].opening)
    # a place the openings of half the articles or more name (two at least) is where the story is, for every
    # article: "21 died in Velmora district" in one report is the whole toll when most headlines are about Velmora
    story_places = frozenset(p for p, k in named.items() if k >= 2 and k * 2 >= n)
    shared = frozenset(p for p, k in named.items() if k >= 2) if n >= 2 else None
    return CorpusContext(places | story_places, anchor, tuple(entities), spellings, story_start(dates), shared, names)


_CAPITALISED = re.compile(r"\b[A-Z][\w’'\-]+")


def names_in(article: Article, ctx: CorpusContext) -> str:
    """The corpus's names an article's capitalised words are (sorted, joined): what of the entity index its claims
    depend on, for its cache key (a name the rest of the corpus stops using changes this article's key alone)."""
    if not ctx.names:
        return ""
    words = {norm_name(w) for w in _CAPITALISED.findall(article.text)}
    return "\x1f".join(sorted(words & ctx.names))


def _opening_places(a: Article) -> frozenset[str]:
    """The places an article's headline and lead (its first sentence after the headline) name."""
    title = a.title_span
    if title is None:
        return frozenset()
    text = a.text[: min(read_limit(a.text), title[1] + 20_000)]  # the lead is near the top
    lead = next((sp for sp in split_sentences(text) if sp[0] >= title[1] and text[sp[0] : sp[1]].strip()), None)
    return headline_names(a.title) | (lead_places(text[lead[0] : lead[1]]) if lead else frozenset())


def story_start(dates: list[dt.date]) -> dt.date | None:
    """The first day of the story's coverage: the earliest article date another article follows within a week
    (a stray old article in the folder does not move it), else the earliest date."""
    for a, b in zip(dates, dates[1:], strict=False):
        if (b - a).days <= 7:
            return a
    return dates[0] if dates else None


def _record(words: list[str], end: int, lex: Lexicon) -> bool:
    """Whether the figure ending at token `end` counts a person's record ("14 prior arrests")."""
    v = lex.implicit
    return end + 1 < len(words) and words[end] in v.record_before and words[end + 1] in v.record_nouns


def _restates(words: list[str], start: int, lex: Lexicon) -> bool:
    """Whether the figure at token `start` gives a number to a noun that restates the count told before: "(put|
    estimated|…) the figure at 12,000", "the total at", "their own estimate at"."""
    if start < 3 or words[start - 1] != "at":
        return False
    noun = words[start - 2]
    return noun in lex.implicit.restated and words[start - 3] in ("the", "their", "its", "his", "her", "that", "own")


def _increment(words: list[str], span: tuple[int, int], lex: Lexicon) -> bool:
    """Whether a figure counts an addition to a total told elsewhere ("two more people died", "another 30 were
    arrested", "a further 12", "bringing the toll to": no): the total is at least that, so it is a floor."""
    a, b = span
    after = words[b] if b < len(words) else ""
    before = tuple(words[max(0, a - 2) : a])
    return after in lex.implicit.increment_after or any(
        before[-len(p) :] == p for p in lex.implicit.increment_before if len(before) >= len(p)
    )


_RISE = frozenset(
    "rose risen rises rise rising climbed climbing jumped increased grew grown up reached reaches".split()
)


def _rise_baseline(words: list[str], spans: list[tuple[int, int]], k: int) -> bool:
    """Whether figure k is where a rising count started ("rose from 9 to 16", "has risen to 43 from 29", "up from
    two") or the step it rose by ("has risen to 14, after two injured persons died in hospital"): the count is at
    least that now; a floor, never a rival of the new figure."""
    a = spans[k][0]
    if a >= 2 and words[a - 1] == "from" and words[a - 2] in _RISE:
        return True
    if k == 0:
        return False
    p, q = spans[k - 1]
    if not (p >= 2 and words[p - 1] == "to" and words[p - 2] in _RISE or p >= 1 and words[p - 1] in ("reached", "hit")):
        return False  # "has risen to 14", "has reached 12"
    between = words[q:a]
    if between == ["from"]:
        return True
    if between[:1] == [","]:
        between = between[1:]
    # "has risen to 14, after two injured persons died", "has reached 12 after divers recovered the last three bodies"
    return bool(between) and between[0] in ("after", "as", "with") and len(between) <= 6 and "," not in between


def _among(words: list[str], at: int, lex: Lexicon) -> str | None:
    """Who a zero is said of, named after it: "no deaths among schoolchildren", "no casualties ... among the
    responders"."""
    for i in range(at, min(len(words) - 1, at + 5)):
        if words[i] == "among":
            j = i + 2 if words[i + 1] in ("the", "its", "their") else i + 1
            if j >= len(words) or not words[j].isalpha():
                return None
            return lex.match_subject(words[j : j + 2]) or words[j]  # (as the text names them: "responders")
        if words[i] in (",", ";", "."):
            return None
    return None


def _team_noun(words: list[str], at: int) -> str | None:
    """The body a "150-member" figure counts the members of: the head of the noun phrase after it ("a 150-member
    rescue team": team)."""
    phrase = list(itertools.takewhile(lambda w: w.isalpha() and w not in STOP, words[at : at + 3]))
    return phrase[-1] if phrase else None  # its head: "rescue team" is a team, "evangelical church" a church


def _labelled(words: list[str], at: int, hits: list, lex: Lexicon) -> str | None:
    """The topic a fact sheet's label gives the figure after its colon ("Injuries: 3 firefighters", "Confirmed
    fatalities: 9", "Evacuated: approximately 14,000 residents"): the label's own event word."""
    colon = next((i for i in range(at - 1, max(-1, at - 4), -1) if words[i] == ":"), None)
    if colon is None or not 0 < colon <= 6 or not all(w.isalpha() for w in words[:colon]):
        return None
    if not all(w in QUALIFYING for w in words[colon + 1 : at]):
        return None
    found = [h for h in hits if h.end <= colon and h.cue.role in ("event", "noun") and h.cue.topic != "other"]
    return found[-1].cue.topic if found and "count" in lex.topic_kinds.get(found[-1].cue.topic, ("count",)) else None


def _apposed_before(words: list[str], i: int, j: int) -> bool:
    """Whether the words at token i stand in an apposition that closes before token j ("The blast, the worst since
    ..., left 12 dead"): a comma within three tokens before i and another between i and j."""
    return i < j and "," in words[max(0, i - 3) : i] and "," in words[i:j]


def _names_its_own(words: list[str], lex: Lexicon) -> bool:
    """Whether a part's words name the whole they are a part of by its fate ("seven of the injured", "two of the
    dead"): then they are not the people the count before stood for ("40 firefighters fought the blaze ... Seven of
    the injured were taken to hospital")."""
    return bool(words) and words[-1] in lex.implicit.toll_nouns


def _got_away(words: list[str], at: int, lex: Lexicon) -> bool:
    """Whether the words at `at` say the ones counted got away ("two of them managed to escape")."""
    return any(tuple(words[at : at + len(p)]) == p for p in lex.implicit.escaped)


def _things_before(words: list[str], start: int, lex: Lexicon) -> bool:
    """Whether a plural noun for things stands before the figure in its sentence ("repeated arguments in recent
    years, a few of them physical"): then "of them" are those things, not the people counted a sentence before."""
    for w in words[:start]:
        if (
            len(w) > 3
            and w.isalpha()
            and w.endswith("s")
            and not w.endswith("ss")
            and w not in STOP
            and w not in lex.people
            and lex.match_subject([w]) is None
            and not is_agent(w)
            and lex.match_cue([w], 0) is None
        ):
            return True
    return False


def _claim_id(article: str, sentence: str, surface: str, occurrence: int) -> str:
    key = "\x1f".join((article, _spaced(sentence), surface, str(occurrence)))
    return "c" + hashlib.sha1(key.encode("utf-8")).hexdigest()[:12]


@lru_cache(maxsize=256)
def _spaced(sentence: str) -> str:
    """The sentence with its whitespace made single spaces (once per sentence, however many figures it holds)."""
    return " ".join(sentence.split())


def _number(v: float | None) -> float | int | None:
    if v is None:
        return None
    return int(v) if float(v).is_integer() else v


_GENERIC_PEOPLE = frozenset("people persons person others ones individuals".split())


_COPULA = frozenset("were was are is".split())
_STILL = frozenset("remain remains remained still".split())


def _named_subject(words: list[str], lex: Lexicon) -> str | None:
    """Who a count is about in the text's own words when the vocabulary has no name for it: a one-word phrase
    ("12 Albanian"), or a phrase ending in a noun for people ("20 women", "three Albanian smugglers")."""
    phrase = words[:3]
    if not phrase or any(lex.match_cues(phrase, i) for i in range(len(phrase))) or phrase[-1] in _GENERIC_PEOPLE:
        return None
    head = phrase[-1]
    if head.endswith(("ed", "ing", "ly")) or not head.isalpha() and "-" not in head:
        return None  # "totally decked": no noun for who is counted
    if len(phrase) > 1 and head not in lex.people and not (head.endswith("s") and len(head) > 3) and not is_agent(head):
        return None  # "inhabitants rich" (but "one bomb squad technician")
    return " ".join(phrase)


_QUOTES = '“”"'


def _open_quotes(s: str) -> bool:
    """Whether a sentence leaves a quotation open (or closes one it did not open)."""
    return (s.count('"') + s.count("“") + s.count("”")) % 2 == 1


_QUOTE_MARK = re.compile('[“”"]')
_QUOTE_REACH = 4000  # a quotation longer than this is a misread mark, not a quotation


def quote_regions(text: str) -> list[tuple[int, int]]:
    """The quotations of a text, as (open, close) offsets: curly quotes pair; a straight quote toggles; a new
    paragraph that opens with a quote mark goes on with a quotation left open (news prints no closing mark at
    the end of a quoted paragraph that the next one continues)."""
    out: list[tuple[int, int]] = []
    start = -1
    for m in _QUOTE_MARK.finditer(text):
        i, ch = m.start(), m.group()
        if start < 0:
            if ch != "”":
                start = i
        elif ch == "“" and "\n" not in text[start:i]:
            start = i  # an open mark never closed: start again here
        elif ch in '”"':
            if i - start <= _QUOTE_REACH:
                out.append((start, i))
            start = -1
    return out


# the subject that opens a sentence introducing a quotation with a colon: a name, or "the" and a capitalised name
_LEAD_NAME = re.compile(
    r"\s*((?:[Tt]he\s+)?[A-Z][\w&.\-]*(?:\s+[A-Z][\w&.\-]*){0,3})\s+(?:has|have|had|was|is|[a-z]+ed)\b"
)


def _region_speaker(
    text: str, sentences: list[tuple[int, int]], si: int, regions: list[tuple[int, int]]
) -> list[Attribution]:
    """The speaker of the quotation sentence `si` stands inside: named before its opening mark ("Ramsey says she
    was escorted out:") or after its closing one ("..., Ramsey said.")."""
    s0, _ = sentences[si]
    k = bisect.bisect_right(regions, (s0, len(text))) - 1
    if k < 0 or not (regions[k][0] <= s0 < regions[k][1]):
        return []
    open_, close = regions[k]
    starts = [a for a, _ in sentences]
    oi = max(0, bisect.bisect_right(starts, open_) - 1)
    ci = max(0, bisect.bisect_right(starts, close) - 1)
    o0, _ = sentences[oi]
    lead = text[o0:open_]
    if not lead.strip() and oi > 0:
        p0, p1 = sentences[oi - 1]
        if text[p0:p1].rstrip().endswith(":"):
            lead = text[p0:p1]  # 'Ramsey says she was escorted out:' and the quotation after it
    before = [a for a in find_attributions(lead) if not a.parenthetical]
    if before:
        return [Attribution(0, before[-1].name, 1, False)]
    named = _LEAD_NAME.match(lead) if lead.rstrip().endswith(":") else None
    name = normalise_source(named.group(1)) if named and named.group(1).split()[0] not in CALENDAR_WORDS else None
    if name:
        return [Attribution(0, name, 1, False)]  # "The Acme board has issued a statement:" and the quote
    c0, c1 = sentences[ci]
    after = [a for a in find_attributions(text[close + 1 : c1]) if not a.parenthetical]
    if after:
        return [Attribution(0, after[0].name, 1, False)]
    return []


def _quote_speaker(text: str, sentences: list[tuple[int, int]], si: int) -> list[Attribution]:
    """The speaker of a quotation that runs over several sentences: a sentence inside one, with no source of its
    own, is the words of whoever the quotation's first or last sentence names ('"We lost two friends. ...," Ms
    Dorsey said.')."""
    s0, s1 = sentences[si]
    here = text[s0:s1].lstrip()
    starts_quoted = here[:1] in _QUOTES
    if si > 0:
        p0, p1 = sentences[si - 1]
        prev = text[p0:p1]
        if _open_quotes(prev) or starts_quoted:
            found = [a for a in find_attributions(prev) if not a.parenthetical]
            if found:
                return [Attribution(0, found[-1].name, 1, False)]
    if (starts_quoted and _open_quotes(here)) and si + 1 < len(sentences):
        n0, n1 = sentences[si + 1]
        found = [a for a in find_attributions(text[n0:n1]) if not a.parenthetical]
        if found:
            return [Attribution(s1 - s0, found[0].name, 1, False)]
    return []


def _after_relation(words: list[str], a: int, lex: Lexicon) -> bool:
    """Whether the figure at token `a` follows "mother of", "father to" (it counts someone's children)."""
    relations = lex.implicit.relations
    return any(a >= len(p) and tuple(words[a - len(p) : a]) == p for p in relations) or (
        # "a mother-of-two": the number inside the word (a figure inside a word starts that word's token or the next)
        any(0 <= i < len(words) and related_word(words[i], relations) for i in (a, a - 1))
    )


# "the 1,000-member church", "a 300-strong crowd": the figure counts the people its word joins ("a 40-man crew" is
# still a crew, counted by the noun after it)
_JOINED_PEOPLE = re.compile(r"-(member|strong)\b")
_JOINED_NOUNS = {"member": "members", "strong": "people"}


def _joined_count(text: str, f: Figure, after: int) -> Counted | None:
    """What a figure counts when a word for people is joined to it by a hyphen: members, people."""
    m = _JOINED_PEOPLE.match(text, f.end)
    if m is None or f.kind != "count":
        return None
    return Counted([_JOINED_NOUNS.get(m.group(1), m.group(1))], after, False, True)


def _token_index(starts: list[int], offset: int) -> int:
    return bisect.bisect_left(starts, offset)


def _headline_hits(words: list[str], hits: list[CueHit], lex: Lexicon) -> list[CueHit]:
    """A headline's own event words ("Son held after fire") as event cues of their topic."""
    taken = {i for h in hits for i in range(h.start, h.end)}
    extra = [
        CueHit(i, i + 1, Cue((w,), topic, "event", 50))
        for i, w in enumerate(words)
        if i not in taken
        and (topic := lex.implicit.headline_events.get(w))
        and words[i + 1 : i + 3] not in (["for", "trial"], ["to", "answer"])  # a court's words, not an arrest
        and not (i + 1 < len(words) and words[i + 1].isalpha() and words[i + 1] not in HEADLINE_LINKS)
    ]  # "Son held after fire", never "Country held elections"
    return sorted(hits + extra, key=lambda h: h.start) if extra else hits


def _one_headline(sentences: list[tuple[int, int]], title: tuple[int, int] | None, text: str) -> list[tuple[int, int]]:
    """A headline is not cut at an initialism's dot ("Gunman Kills N.J. Guard at Mall")."""
    if title is None:
        return sentences
    out: list[tuple[int, int]] = []
    for a, b in sentences:
        if out and title[0] <= out[-1][0] < title[1] and a < title[1] and _INITIALISM_END.search(text[out[-1][0] : a]):
            out[-1] = (out[-1][0], b)
        else:
            out.append((a, b))
    return out


_INITIALISM_END = re.compile(r"\b(?:[A-Z]\.){2,}\s*$")


def _lede(spans: list[tuple[int, int]], title: tuple[int, int] | None, outside: Callable[[int, int], bool]) -> int:
    """The index of the article's lede: its first sentence after the headline that is not site furniture."""
    for si, (s0, s1) in enumerate(spans):
        if (title is None or s0 >= title[1]) and outside(s0, s1):
            return si
    return -1


def extract_article(article: Article, ctx: CorpusContext | None = None, lex: Lexicon | None = None) -> list[Claim]:
    lex = lex or load_lexicon()
    ctx = (ctx or CorpusContext(frozenset(), None)).of(article.story)
    text = article.text[: read_limit(article.text)]  # a huge text is read up to its budget (kzview.ingest)
    anchor = article.date or ctx.anchor
    regions = [(r.start, r.end) for r in article.regions]

    region_spans = SpanIndex(regions)

    def outside(s: int, e: int) -> bool:
        return not region_spans.overlaps(s, e)

    all_dates = find_dates(text)
    figures = [f for f in find_figures(text, lex, all_dates) if outside(f.start, f.end)]
    mentions = [d for d in all_dates if outside(d.start, d.end)]
    sentences = _one_headline(split_sentences(text), article.title_span, text)
    sent_starts = [s for s, _ in sentences]

    def sentence_of(pos: int) -> int:
        return max(0, bisect.bisect_right(sent_starts, pos) - 1)

    by_sentence: dict[int, list[Figure]] = {}
    for f in figures:
        by_sentence.setdefault(sentence_of(f.start), []).append(f)
    dates_by_sentence: dict[int, list[tuple[int, dt.date, int]]] = {}
    for d in mentions:
        # The corpus's date only picks the year of "January 9"; "Sunday" needs the article's own date.
        day = resolve(d, anchor if d.is_calendar else article.date)
        if day is not None:
            dates_by_sentence.setdefault(sentence_of(d.start), []).append((d.start, day, d.end))

    calendar_by_sentence: dict[int, list] = {}
    for d in mentions:
        if d.is_calendar:
            calendar_by_sentence.setdefault(sentence_of(d.start), []).append(d)
    seen: Counter[tuple[str, str]] = Counter()
    claims: list[Claim] = []
    title = article.title_span
    # A headline names the story's own places; a one-line text has no headline apart from its body.
    has_body = title is not None and (title[1] - title[0]) < 0.6 * len(text.strip())
    event_places = ctx.event_places
    if has_body:
        lead = next((sp for sp in sentences if sp[0] >= title[1] and outside(*sp)), None)  # type: ignore[index]
        opening = lead_places(text[lead[0] : lead[1]]) if lead else frozenset()
        if ctx.shared_places is not None:
            opening = opening & (ctx.shared_places | headline_names(article.title))
        event_places = event_places | headline_names(article.title) | opening
    names = ctx.names

    def is_name(word: str) -> bool:
        """A name of the corpus (any spelling of an entity it names twice or more) or a country: the same in a
        worker process as here (the context carries the names)."""
        return word in lex.countries or norm_name(word) in names

    antecedent_subject: str | None = None
    antecedent_subject_topic: str | None = None
    antecedent_subject_sentence = -1
    antecedent_topic: str | None = None
    antecedent_sentence = -2  # the sentence the antecedent topic was told in

    def make(kind: str, s: int, e: int, sentence: str, s0: int, **fields: object) -> Claim:
        surface = text[s:e]
        key = (_spaced(sentence), surface)
        occurrence = seen[key]
        seen[key] += 1
        return Claim(
            id=_claim_id(article.id, sentence, surface, occurrence),
            article=article.id,
            kind=kind,  # type: ignore[arg-type]
            surface=surface,
            start=s,
            end=e,
            sentence=sentence,
            sentence_start=s0,
            sentence_end=s0 + len(sentence),
            headline=bool(title and title[0] <= s < title[1]),
            **fields,  # type: ignore[arg-type]
        )

    spans_of = sentences or [(0, len(text))]
    quoted = quote_regions(text)
    lede = _lede(spans_of, title, outside)
    headline_at = next((i for i, (a, _) in enumerate(spans_of) if title and title[0] <= a < title[1]), None)
    telling = narrative_events(
        [text[a:b] for a, b in spans_of], anchor, ctx.story_start, lex.measures, lede, headline_at
    )
    for si, (s0, s1) in enumerate(spans_of):
        sentence = text[s0:s1]
        explicit = by_sentence.get(si, [])
        sent_dates = dates_by_sentence.get(si, [])
        for d in calendar_by_sentence.get(si, ()):
            claims.append(
                make(
                    "date",
                    d.start,
                    d.end,
                    sentence,
                    s0,
                    low=None,
                    high=None,
                    approximate=False,
                    unit=None,
                    as_of=resolve(d, anchor),
                    finding=weekday_mismatch(d, anchor),
                )
            )
        if not explicit and not outside(s0, s1):
            continue
        tokens = tokenize(text, s0, s1)
        words = [t.text for t in tokens]
        hits = find_cues(words, lex)
        in_headline = bool(title and title[0] <= s0 < title[1])
        if in_headline and lex.implicit.headline_events:
            hits = _headline_hits(words, hits, lex)
        implicit = [
            f
            for f in find_implicit(text, tokens, hits, lex, [(f.start, f.end) for f in explicit], in_headline)
            if outside(f.start, f.end)
        ]
        figs = sorted(explicit + implicit, key=lambda f: f.start) if implicit else explicit
        if not figs:
            continue
        starts = [t.start for t in tokens]
        spans = []
        for f in figs:
            a = _token_index(starts, f.core_start)
            b = max(a + 1, _token_index(starts, f.core_end))
            spans.append((a, b))
        nxt = text[sentences[si + 1][0] : sentences[si + 1][1]] if si + 1 < len(sentences) else ""
        attrs = find_attributions(sentence, nxt, headline=bool(title and s0 <= title[0] < s1))
        forward = forward_targets(hits, spans, words)
        if not attrs and _PRONOUN_SAID.search(sentence):
            person = last_person(text[max(0, s0 - 600) : s0], lex.countries)  # "…,” he said."
            if person:
                attrs = [Attribution(0, person, 1, False)]
        if not attrs:
            attrs = _quote_speaker(text, sentences, si) or _region_speaker(text, sentences, si, quoted)
        counts = [
            _joined_count(text, f, spans[k][1]) or read_counted(words, spans[k][1], lex) for k, f in enumerate(figs)
        ]
        if in_headline and lex.implicit.headline_events:
            # "TWO HELD AFTER ...": the headline's event word is the figure's verb, not what it counts
            counts = [
                Counted([], c.end - len(c.words), True, True)
                if c.words
                and c.words[0] in lex.implicit.headline_events
                and (len(c.words) == 1 or c.words[1] in HEADLINE_LINKS)  # not "Three held captive"
                else c
                for c in counts
            ]
        cased = [text[t.start : t.end] for t in tokens]
        respective = respective_places(sentence, [f.start - s0 for f in figs])
        # the two sentences before, where the thing an "it" stands for is named ("it was followed by a ...")
        followed = "followed" in words or "preceded" in words
        before = text[spans_of[max(0, si - 2)][0] : spans_of[si - 1][1]] if si > 0 and followed else ""
        dated, whole = sentence_events(sentence, words, anchor, ctx.story_start, lex.measures, before)
        if whole is not None and whole[0] == "another event" and (si == lede or in_headline):
            # the headline and the lede tell the article's own story, whatever they compare it with: "In another
            # successful operation, the navy ...", "the deadliest quake since 2005 killed 300"
            whole = None
        moment = telling[si] is not None and telling[si][0] in MOMENT_LABELS  # type: ignore[index]
        if whole is None and telling[si] is not None and (not dated or moment and all(d[2] is None for d in dated)):
            # "Earlier this morning, a quake ... struck": the story's own day, and another quake of it
            dated = [(0, telling[si][1], telling[si][0], False)]  # type: ignore[index]
        for n, k in forward.items():
            cue, counted = hits[n].cue, counts[k]
            if cue.topic in lex.implicit.topics:
                head = counted.words[-1] if counted.words else ""
                a, b = spans[k]
                cased_head = text[tokens[b].start : tokens[b].end] if b < len(tokens) else ""
                any_object = " ".join(cue.words) in lex.implicit.any_object
                people_head = not head or head.endswith(("ers", "ors", "ly", "ed")) or head in lex.people
                if (
                    cased_head[:1].isupper()
                    and cased_head.isalpha()
                    and (not any_object or people_head or len(counted.words) == 1)
                ):
                    # "arrested 14 heavily armed Albanian smugglers", "detained 14 Albanian and Greek smugglers" (not
                    # "seized two Greek fishing boats")
                    counted.people = True
                elif not any_object and people_head:
                    counted.people = True  # "killing two co-workers" (not "captured two boats")
        blockers = frozenset(k for k, f in enumerate(figs) if f.kind in ("count", "money"))
        prev_topic: str | None = None
        first_claim = len(claims)
        for k, f in enumerate(figs):
            counted = counts[k]
            unit = f.unit
            subject = None
            topic, cue_scope = "other", None
            if f.topic is not None:
                topic = f.topic  # the words fixed it: "no one was hurt", "a woman died"
                a, b = spans[k]
                subject = lex.match_subject(words[a:b])
                if subject is None and f.low == 0:
                    subject = _among(words, b, lex)  # "no casualties were reported among the responders"
                unit = "people"
                antecedent_topic = prev_topic = topic
                antecedent_sentence = si
            elif f.kind == "count" and _after_relation(words, spans[k][0], lex):
                topic, subject, unit = "other", "children", "children"  # "a mother of two died"
            elif f.kind == "count" and not counted.people:
                unit = counted.words[-1] if counted.words else None  # "125 separate investigations"
                subject = _named_subject(counted.words, lex) if counted.words else None
            else:
                topic, cue_scope = choose_topic(k, spans, counted, hits, f.kind, lex, words, forward, blockers)
                if topic == "other" and k == 0 and f.kind == "count":
                    topic = _labelled(words, spans[k][0], hits, lex) or topic  # "Injuries: 3 firefighters"
                if f.kind == "count" and topic != "other" and _record(words, spans[k][1], lex):
                    topic, cue_scope = "other", None  # "he had 14 prior arrests": his record, not this event's
                if (
                    f.kind == "count"
                    and topic in _PEOPLE_TOPICS
                    and not counted.people
                    and counted.words
                    and counted.words[0] in PLACES_FOR_PEOPLE
                ):
                    topic, cue_scope = "other", None  # "survivors in the 4 camps": a count of camps, not of people
                if (
                    f.kind == "count"
                    and topic != "other"
                    and _CHARGED_BEFORE.search(text, max(s0, f.start - 40), f.start)
                ):
                    topic, cue_scope = "other", None  # "murder charges against 14 inmates": who is charged
                if f.kind == "count" and topic != "other" and capacity_before(words, spans[k][0]):
                    topic, cue_scope = "other", None  # "the jail, designed to hold 350 detainees": what it may hold
                if f.kind == "count":
                    if (
                        topic == "other"
                        and prev_topic not in (None, "other")
                        and k > 0
                        and coordinated(words, counts[k - 1].end, spans[k][0])
                        and not has_own_predicate(words, counted)
                    ):
                        topic = prev_topic  # "the deaths of 26 protesters, as well as 16 police officers"
                    if topic == "other" and prev_topic not in (None, "other") and _rise_baseline(words, spans, k):
                        topic = prev_topic  # "the toll has risen to 43 from 29", "11 arrested, up from two"
                    if (
                        topic == "other"
                        and antecedent_topic not in (None, "other")
                        and si - antecedent_sentence <= 1
                        and _restates(words, spans[k][0], lex)
                    ):
                        topic = antecedent_topic  # "organisers said 50,000 marched; police put the figure at 12,000"
                    if (
                        topic == "other"
                        and counted.partitive
                        and antecedent_topic not in (None, "other")
                        and (not counted.words or counted.words[-1] in lex.implicit.toll_nouns)
                        and not _got_away(words, counted.end, lex)
                        and not (antecedent_sentence < si and _things_before(words, spans[k][0], lex))
                    ):
                        topic = antecedent_topic  # "... killed 116 inmates. Five of the victims were beheaded."
                    prev_topic = topic
                    if topic != "other":
                        antecedent_topic, antecedent_sentence = topic, si
                    subject = lex.match_subject(counted.words) if counted.words else None
                    if subject is None and counted.words and not counted.anaphora:
                        subject = _named_subject(counted.words, lex)  # "20 women", "12 Albanian": as the text says
                    if counted.anaphora and counted.end + 1 < len(words) and words[counted.end] in _COPULA:
                        # "three of the dead were children", "twelve of the dead were women": who the part is
                        told = [w for w in words[counted.end + 1 : counted.end + 4] if w not in ("all", "mostly")]
                        cut = next((i for i, w in enumerate(told) if not w.isalpha()), len(told))
                        named = lex.match_subject(told[:cut]) or (
                            _named_subject(told[:1], lex) if told[:1] and told[0] in lex.people else None
                        )
                        subject = named or subject
                        part_told = named is not None
                    else:
                        part_told = False
                    if (
                        subject is None
                        and counted.anaphora
                        and (
                            antecedent_subject_topic == topic != "other"
                            or (counted.partitive or antecedent_subject_sentence == si)
                            and not _names_its_own(counted.words, lex)
                        )
                    ):
                        subject = antecedent_subject  # "...; two of them died": of the ones just counted
                    if (counted.words or not counted.anaphora) and not part_told:
                        antecedent_subject = subject  # (who a part is, "were women", stands for no later count)
                        antecedent_subject_topic, antecedent_subject_sentence = topic, si
                    if topic == "troops":
                        subject = None
                    unit = "soldiers" if topic == "troops" else "people"
            people_words = None
            if f.kind == "count" and counted.words:
                # who is counted, as written: the noun phrase up to its last word for people ("local residents",
                # "people" of "people dead"); an event noun ("dozens of deaths") names no one
                last = max(
                    (
                        i
                        for i, w in enumerate(counted.words)
                        if (w in lex.people or lex.match_subject([w])) and lex.match_cue([w], 0) is None
                    ),
                    default=-1,
                )
                a, b = spans[k]
                j = next((i for i in range(b, min(len(words), b + 6)) if words[i] == counted.words[0]), None)
                if j is not None and last >= 0:
                    people_words = " ".join(cased[j : j + last + 1])
            # Scope: from the cue ("in intensive care") or a place named in the figure's own clause, which runs
            # to the next figure that counts people ("207 people were arrested in two markets in Almaty").
            seg_end = s1
            for j in range(k + 1, len(figs)):
                if counts[j].people and figs[j].kind == "count":
                    seg_end = figs[j].start
                    break
            measure = None
            if topic == "damage" and f.kind == "money":
                given = figure_measure(
                    words, *spans[k], f.kind, f.unit or unit, counted.words, False, lex.measures, cased
                )
                if given is not None and lex.measures is not None and given in lex.measures.money_given:
                    topic = "other"  # "residents who lost homes can apply for up to $42,000 in aid": aid, no loss
            if topic == "hospitalized" and _STILL & set(words[max(0, spans[k][0] - 2) : spans[k][1] + 4]):
                measure = "still in hospital"  # "five remain in hospital": who is there now, not all ever admitted
            if topic == "other":
                a, b = spans[k]
                measure = figure_measure(
                    words,
                    a,
                    b,
                    f.kind,
                    f.unit or unit,
                    counted.words,
                    counted.people,
                    lex.measures,
                    cased,
                    counted.partitive,
                    lex.past_verbs,
                )
                if (
                    measure is not None
                    and f.kind == "count"
                    and counted.people
                    and (_STILL & set(words[counted.end : counted.end + 3]) or "remaining" in words[a - 2 : a])
                ):
                    measure = f"{measure}, still"  # "45 children are still under treatment": not all who fell ill
                if measure is not None and f.kind == "count" and _JOINED_PEOPLE.match(text, f.end):
                    team = _team_noun(words, counted.end)
                    if team:
                        measure = f"{measure} of {team}"  # "a 150-member rescue team", "a six-member committee"
            scope = cue_scope
            if scope is None and topic == "other" and f.kind == "percent":
                # whose share it is, before where ("Telvar won 47% of the vote in Dunmoor" is Telvar's); a count of
                # things takes no owner: "a man's 20 wives" and "the 20 wives" are one count, and outlets name the
                # owner of a count of things as often as they leave it out
                scope = share_owner(
                    sentence, f.start - s0, f.end - s0, pick_attribution(attrs, f.start - s0, sentence), is_name
                )
            if scope is None and (topic != "other" or f.kind in ("count", "percent") and not is_property(measure)):
                # a place limits a count or a share ("three villages in the north", "60% of traffic in Castavia");
                # a magnitude, a distance or a length of time is a property of one thing: where it was told is
                # no part of it
                scope = find_scope(
                    text[f.end : seg_end],
                    text[s0 : f.start],
                    event_places,
                    counted.partitive,
                    topic == "other",
                    lede=si == lede,
                )
            # a duration is never placed by its own words ("married ten days ago": the wedding's date, not
            # another event's figure)
            own = [d for d in dated if not f.start - s0 <= d[0] < f.end - s0] if f.kind == "duration" else dated
            clause = whole[:2] if whole is not None and same_clause(words, whole[2], spans[k][0]) else None
            if (
                clause is not None
                and whole is not None
                and whole[0] in MOMENT_LABELS
                and not whole[2] < spans[k][0] < followed_phrase_end(words, whole[2])
            ):
                clause = None  # "A 4.6 quake struck and was followed by a 2.9 aftershock": the 4.6 is the story's
            if (
                clause is not None
                and whole is not None
                and whole[0] == "another event"
                and _apposed_before(words, whole[2], spans[k][0])
            ):
                clause = (
                    None  # "The blast, the worst since a 2011 blast killed 40, left 12 dead": the 12 is the story's
                )
            event, event_words = figure_event(f.start - s0, own, clause, sentence)
            if event is None:
                foreseen = forecast(words, spans[k][0], lex.measures, cased, f.kind)
                if foreseen is not None:
                    event, event_words = "forecast", foreseen
            if scope is None and (topic == "population" or event is not None and event != "running total"):
                # another event's figure: where that event was; a population: the place it lives in
                scope = event_place(sentence, f.start - s0) if topic != "other" else None
            if scope is None and topic == "population":
                # "The town of 14,000", "about 300 Americans there": the place named just before
                scope = antecedent_place(sentence, f.start - s0, text[spans_of[si - 1][0] : s0] if si > 0 else "")
            elif scope is None and topic != "other" and _THERE_AFTER.match(text, f.end, seg_end if seg_end else s1):
                # "In Corlis the night passed peacefully, and no arrests were reported there": the place told before
                there = antecedent_place(sentence, f.start - s0, text[spans_of[si - 1][0] : s0] if si > 0 else "")
                scope = there if there and not is_event_place(there, None, event_places) else None
            if scope is None and k in respective:
                scope = respective[k]  # "in Dunmoor and Hallam, where 800 and 300 people gathered respectively"
            as_of = article.date
            if sent_dates and lex.cumulative.get(topic, False):
                # "45 died in Friday's quake", told on Monday: the weekday dates the quake, the toll is Monday's
                of_count = [d for d in sent_dates if not _DATES_THE_EVENT.match(text, d[2])]
                sent_dates = of_count if of_count or article.date is not None else sent_dates
                # "17 died when the ferry capsized on Monday evening, officials said on Tuesday": a toll is as of
                # when it was said; the day the event happened is not the day it was counted
                # (a toll only, told with one other day: "32 were arrested on Friday night", said on Sunday, are
                # Friday night's arrests; "three died on Friday and two on Saturday" are each day's)
                said = [d for d in sent_dates if _SAID_ON.search(text, max(s0, d[0] - 40), d[0])]
                told_before = any(d[0] < f.start for d in sent_dates if d not in said)
                if said and topic in _TOLLS and len(sent_dates) - len(said) <= 1 and not told_before:
                    sent_dates = said  # (but "On Sunday, 12 people died, officials said on Tuesday" is Sunday's)
            own_dates = sent_dates
            if sent_dates and "(" in sentence:
                # "28 remain missing (down from 40 yesterday)": a date in brackets dates only what they hold
                held = bracket_spans(sentence)
                own_dates = [d for d in sent_dates if not in_other_brackets(held, d[0] - s0, f.start - s0)]
            if own_dates:
                as_of = min(own_dates, key=lambda d: abs(d[0] - f.start))[1]
            elif article.date is None:
                as_of = None
            claims.append(
                make(
                    f.kind,
                    f.start,
                    f.end,
                    sentence,
                    s0,
                    low=_number(f.low),
                    high=_number(f.high),
                    approximate=f.approximate,
                    unit=unit,
                    topic=topic,
                    subject=subject,
                    scope=scope,
                    attribution=pick_attribution(attrs, f.start - s0, sentence),
                    as_of=as_of,
                    qualifier=f.qualifier,
                    measure=measure,
                    event=event,
                    event_words=event_words,
                    counted=people_words,
                    individual=f.individual
                    or (f.kind == "count" and (_increment(words, spans[k], lex) or _rise_baseline(words, spans, k))),
                )
            )
        _share_the_verb(claims, first_claim, text)
    claims.sort(key=lambda c: (c.start, c.end))
    return claims


# a place told again by "there" after a figure, in its clause ("no arrests were reported there"; not "there were")
_THERE_AFTER = re.compile(
    r"[^.;]*?\b(?:reported|recorded|died|killed|injured|hurt|arrested|detained|gathered|missing|found|made)\s+there\b"
    r"(?![’']s\b)"
)  # the figure's verb, then "there" (not "officials fear there's worse to come")
# a count at its clause's start, or after "X said (that)": "Nine men and two women ...", "Police said nine men and"
# (not "Officers searched 50 people and 12 men were later arrested")
_OPENS_ITS_CLAUSE = re.compile(
    r"(?:[.;:,]\s*|\b(?:said|says|say|told\s+\w+|reported|confirmed)\s+(?:that\s+)?)(?:the\s+|some\s+|about\s+)?$"
)
_OPENING_WORDS = re.compile(r"^\W*(?:the\s+|some\s+|about\s+)?$", re.I)


def _opens_its_clause(text: str, sentence_start: int, at: int) -> bool:
    before = text[max(sentence_start, at - 60) : at]
    if at - sentence_start <= 60 and _OPENING_WORDS.match(before):
        return True  # the sentence's first words
    return bool(_OPENS_ITS_CLAUSE.search(before))


# "Nine men and two women have been arrested": two counts of people joined by "and", the verb after the second
_JOINED_BY_AND = re.compile(r"^(?:\s+[a-z][\w\-]*){1,2}\s+and\s+$")


def _share_the_verb(claims: list[Claim], first: int, text: str) -> None:
    """Give a count of people joined by "and" to the next one the topic the next one's verb gave it ("nine men and
    two women have been arrested": both arrests), where the first had no event of its own."""
    for i in range(len(claims) - 2, first - 1, -1):
        a, b = claims[i], claims[i + 1]
        if (
            a.kind == "count"
            and b.kind == "count"
            and a.topic == "other"
            and b.topic in _PEOPLE_TOPICS
            and a.unit == "people"
            and (a.measure is None or a.subject is not None)  # "Three inmates and one guard died": both died
            and _JOINED_BY_AND.match(text[a.end : b.start])
            and _opens_its_clause(text, a.sentence_start, a.start)
        ):
            claims[i] = replace(a, topic=b.topic)


def context_key(ctx: CorpusContext) -> str:
    """What of the corpus context extraction depends on (attribution names are applied after, see below)."""
    raw = "|".join(sorted(ctx.event_places)) + "#" + (ctx.anchor.isoformat() if ctx.anchor else "")
    raw += "#" + ("|".join(sorted(ctx.shared_places)) if ctx.shared_places is not None else "-")
    raw += "#" + (ctx.story_start.isoformat() if ctx.story_start else "")
    return hashlib.sha1(raw.encode("utf-8")).hexdigest()[:16]

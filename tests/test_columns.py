"""Claims as columns (kzview.columns): every claim comes back exactly as it went in, through the store's columns, a
pipe's bytes and a Parquet store; the indexes over them answer as dictionaries of objects did."""

from __future__ import annotations

import datetime as dt
from dataclasses import replace

import pytest

from kzview.claimstore import ClaimStore
from kzview.columns import ClaimColumns, ClaimsByArticle, ClaimsById, GroupsOfClaim
from kzview.kinds import Status
from kzview.model import Article, Claim, ClaimGroup

TEXT = "Officials said 12 people died and about 40 were hurt on Monday. Police arrested 3,000."


def _article(aid: str = "a1", text: str = TEXT) -> Article:
    return Article(id=aid, path=f"{aid}.txt", text=text, title="t")


def _claim(cid: str, surface: str, article: str = "a1", text: str = TEXT, **kw) -> Claim:
    start = text.index(surface)
    s0 = text.rfind(". ", 0, start)
    s0 = 0 if s0 < 0 else s0 + 2
    s1 = text.find(".", start + len(surface))
    s1 = len(text) if s1 < 0 else s1 + 1
    fields = {
        "id": cid,
        "article": article,
        "kind": "count",
        "surface": surface,
        "start": start,
        "end": start + len(surface),
        "sentence": text[s0:s1],
        "sentence_start": s0,
        "sentence_end": s1,
        "low": 12,
        "high": 12,
        "approximate": False,
    }
    return Claim(**{**fields, **kw})


def _group(gid: str, claims: list[str], status: Status) -> ClaimGroup:
    return ClaimGroup(
        id=gid,
        topic="deaths",
        subject=None,
        scope=None,
        status=status,
        claims=claims,
        articles=["a1"],
        reason="",
        rule="",
    )


def _claims() -> list[Claim]:
    return [
        _claim("c00000000000a", "12", topic="deaths", attribution="Officials", as_of=dt.date(2024, 3, 4)),
        _claim("c00000000000b", "about 40", low=36.5, high=44.0, approximate=True, topic="injuries", qualifier="about"),
        _claim("c00000000000c", "Monday", kind="date", low=None, high=None, headline=True),
        # what does not fit a column: another id's shape, an int past a float's precision, a correction's record,
        # a surface that is not its text's slice
        _claim("user-1", "3,000", low=2**60 + 1, high=None, corrected=True, machine={"low": 3000}, individual=True),
        replace(_claim("C00000000000D", "people"), surface="persons", kind="other", low=0.0, high=-1),
    ]


def test_every_claim_comes_back_as_it_went_in():
    claims = _claims()
    cols = ClaimColumns.of(claims, [_article()])
    assert len(cols) == len(claims)
    assert list(cols) == claims
    assert [cols[i] for i in range(len(claims))] == claims and cols[-1] == claims[-1] and cols[1:3] == claims[1:3]
    assert type(cols[4].low) is float and type(cols[4].high) is int and cols[3].low == 2**60 + 1
    assert cols == claims
    # the common case keeps no copy: only the rows that do not fit a column are kept as they are
    assert set(cols.odd) == {3, 4}
    with pytest.raises(IndexError):
        cols[5]


def test_a_claim_of_an_article_the_store_does_not_hold_keeps_its_words():
    c = _claim("c0000000000aa", "12", article="elsewhere")
    cols = ClaimColumns.of([c], [_article()])
    assert list(cols) == [c]


def test_the_indexes_answer_as_dictionaries_did():
    claims = _claims()
    cols = ClaimColumns.of(claims, [_article(), _article("a2", "No figures.")])
    by_id = ClaimsById(cols)
    assert dict(by_id) == {c.id: c for c in claims}
    assert "user-1" in by_id and "c00000000000z" not in by_id and by_id.get("nope") is None
    assert cols.rows_of([c.id for c in claims] * 300 + ["c0000000000ff"])[-1] is None  # the bulk path
    assert cols.rows_of([c.id for c in claims] * 300)[:5] == [0, 1, 2, 3, 4]
    by_article = ClaimsByArticle(cols)
    assert by_article["a1"] == claims and "a2" not in by_article and by_article.get("a2", []) == []
    groups = [
        _group("g1", ["c00000000000a"], Status.CONSISTENT),
        _group("g2", ["c00000000000a", "user-1"], Status.CONFLICT),
    ]
    of = GroupsOfClaim(cols, groups)
    assert dict(of) == {"c00000000000a": ["g1", "g2"], "user-1": ["g2"]}
    wired = GroupsOfClaim(cols, groups, wire=of.to_wire())
    assert dict(wired) == dict(of) and wired.status == of.status
    ghost = replace(groups[0], claims=["c0000000000ff"])
    assert dict(GroupsOfClaim(cols, [ghost])) == {}
    with pytest.raises(KeyError):
        GroupsOfClaim(cols, [ghost], strict=True)


def test_the_store_counts_and_statuses_from_the_columns():
    claims = _claims()
    g = _group("g", ["c00000000000a", "c00000000000b"], Status.CONFLICT)
    store = ClaimStore(articles=[_article(), _article("a2", "None here.")], claims=claims, groups=[g])
    assert store.figures == 4  # the date is no figure
    assert store.stats["a1"].claims == 4 and store.stats["a1"].conflicting == 2 and store.stats["a1"].groups == 1
    assert store.stats["a2"].claims == 0
    assert store.claim_status("c00000000000a") is Status.CONFLICT and store.claim_status("user-1") is None
    again = ClaimStore(articles=store.articles, claims=store.claims, groups=store.groups, index=store.index_wire())
    assert again.stats == store.stats and dict(again.groups_of_claim) == dict(store.groups_of_claim)


def test_columns_cross_a_pipe_and_are_checked():
    claims = _claims()
    articles = [_article()]
    cols = ClaimColumns.of(claims, articles)
    assert list(ClaimColumns.from_wire(cols.to_wire(), articles)) == claims
    wire = cols.to_wire()
    wire["arrays"]["low"] = wire["arrays"]["low"][:8]
    with pytest.raises(ValueError):
        ClaimColumns.from_wire(wire, articles)


def test_a_parquet_store_gives_the_same_claims_as_columns(tmp_path):
    from kzview.parquet import read_store, write_store

    claims = [c for c in _claims() if c.article == "a1" and not c.id.startswith("C")]  # fit the text
    store = ClaimStore(articles=[_article()], claims=claims, groups=[])
    write_store(store, tmp_path / "s")
    back, why = read_store(tmp_path / "s", store.made_by)
    assert why == "" and back is not None
    got = list(back.claims)
    # the store keeps bounds as floats: a whole one comes back as an int, a huge int as its float's value
    assert [c.id for c in got] == [c.id for c in claims]
    assert got[:3] == claims[:3]
    assert got[3].machine == {"low": 3000} and got[3].corrected and got[3].individual and got[3].high is None


def test_a_store_of_extracted_claims_is_read_as_it_is_never_rebuilt(tmp_path):
    """Every id of the usual shape (no row kept aside): the store's parts are read into columns, not re-extracted."""
    from kzview.parquet import read_store, write_store

    claims = [c for c in _claims() if c.id.startswith("c0")]
    store = ClaimStore(articles=[_article()], claims=claims, groups=[])
    write_store(store, tmp_path / "s")
    back, why = read_store(tmp_path / "s", store.made_by)
    assert why == "" and back is not None and list(back.claims) == claims
    assert not back.claims.odd


def test_a_store_whose_claims_are_all_undated_and_open_ended_is_read_not_rebuilt(tmp_path):
    """A column with no value in a part is of Arrow's type null: read as the type it would have had."""
    from kzview.parquet import read_store, write_store

    claims = [replace(c, as_of=None, high=None) for c in _claims() if c.id.startswith("c0")]
    store = ClaimStore(articles=[_article()], claims=claims, groups=[])
    write_store(store, tmp_path / "s")
    back, why = read_store(tmp_path / "s", store.made_by)
    assert why == "" and back is not None and list(back.claims) == claims


def test_an_infinite_bound_in_a_store_stays_a_float(tmp_path):
    import pyarrow as pa
    import pyarrow.parquet as pq

    part = tmp_path / "p.parquet"
    claims = [c for c in _claims() if c.id.startswith("c0")][:1]
    from kzview.model import to_json
    from kzview.parts import json_rows

    rows = json_rows("claims", [to_json(c) for c in claims])
    rows[0]["low"] = float("inf")
    pq.write_table(pa.Table.from_pylist(rows), part)
    cols = ClaimColumns.from_arrow([pq.read_table(part)], [_article()])
    assert cols[0].low == float("inf") and isinstance(cols[0].low, float)


def test_what_a_float_cannot_hold_comes_back_as_it_went_in():
    odd = [
        _claim("c0000000000a1", "12", low=10**400, high=True),
        _claim("c0000000000a2", "12", low=False, topic=""),
    ]
    cols = ClaimColumns.of(odd, [_article()])
    assert list(cols) == odd
    assert cols[0].low == 10**400 and cols[0].high is True and cols[1].low is False and cols[1].topic == ""
    assert list(ClaimColumns.from_wire(cols.to_wire(), [_article()])) == odd


def test_one_id_twice_is_found_as_the_last_claim_either_way():
    a = _claim("c00000000000a", "12")
    b = replace(_claim("c00000000000a", "about 40"), low=40, high=40)
    cols = ClaimColumns.of([a, b], [_article()])
    assert cols.row_of(a.id) == 1 == cols.rows_of([a.id] * 1500)[0]


def _wire_cases():
    def broken(change):
        def make(wire):
            change(wire)
            return wire

        return make

    return {
        "no odd rows": broken(lambda w: w.pop("odd")),
        "no bounds": broken(lambda w: w["arrays"].pop("low")),
        "an id of -1 kept nowhere": broken(
            lambda w: w["arrays"].__setitem__("keys", (-1).to_bytes(8, "little", signed=True) + w["arrays"]["keys"][8:])
        ),
        "a date past the calendar": broken(
            lambda w: w["arrays"].__setitem__("as_of", (10**9).to_bytes(4, "little") + w["arrays"]["as_of"][4:])
        ),
        "a machine record that is a list": broken(lambda w: w["odd"].append([0, {"machine": [1]}])),
        "a pool value that is a number": broken(lambda w: w["values"].append(7)),
    }


@pytest.mark.parametrize("case", sorted(_wire_cases()))
def test_a_damaged_pipe_payload_is_refused(case):
    cols = ClaimColumns.of([c for c in _claims() if c.id.startswith("c0")], [_article()])
    wire = _wire_cases()[case](cols.to_wire())
    with pytest.raises((ValueError, KeyError)):
        ClaimColumns.from_wire(wire, [_article()])


def test_a_damaged_index_on_the_pipe_is_refused():
    claims = _claims()
    g = _group("g", ["c00000000000a"], Status.CONFLICT)
    cols = ClaimColumns.of(claims, [_article()])
    good = GroupsOfClaim(cols, [g]).to_wire()
    bad_status = [good[0], good[1], bytes([9]) + good[2][1:]]
    bad_order = [(5).to_bytes(4, "little") + good[0][4:], good[1], good[2]]
    for wire in (bad_status, bad_order):
        with pytest.raises(ValueError):
            GroupsOfClaim(cols, [g], wire=wire)


def test_a_store_sent_with_a_group_of_a_claim_it_does_not_hold_shows_the_claims_it_has():
    import msgspec

    from kzview.prefetch import _carried, _store

    g = _group("g", ["c00000000000a"], Status.CONFLICT)
    store = ClaimStore(articles=[_article()], claims=_claims(), groups=[g])
    assert list(_store([msgspec.msgpack.encode(_carried(store))]).claims) == _claims()
    wire = _carried(store)
    wire["groups"] = [replace(g, claims=["c0000000000ff", "c00000000000b"])]
    wire["index"] = ClaimStore(articles=store.articles, claims=_claims(), groups=wire["groups"]).index_wire()
    got = _store([msgspec.msgpack.encode(wire)])
    assert got.group_claims("g") == [_claims()[1]]  # never a KeyError in a pane


def test_columns_let_go_are_freed_without_the_cyclic_collector():
    """A provisional store replaced must leave memory at once: its columns are in no reference cycle (a cache
    of their bound method was one, and kept a first open's provisional claims until the collector ran)."""
    import gc
    import weakref

    cols = ClaimColumns.of(_claims(), [_article()])
    assert cols[0] == _claims()[0]  # a claim made, and kept by the columns' cache
    gone = weakref.ref(cols)
    enabled = gc.isenabled()
    gc.disable()
    try:
        del cols
        assert gone() is None
    finally:
        if enabled:
            gc.enable()

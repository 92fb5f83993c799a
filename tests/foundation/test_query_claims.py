"""The claim queries: claims, claim-statements, claim-timeline, contradictions, consequences."""

from __future__ import annotations

import pytest

from kg.errors import KgError
from kg.ingest import ingest
from kg.query import named_queries, run_query
from kg.store import open_store

from ..conftest import CORPUS


def rows(store, name, **params):
    res = run_query(store, name=name, params=params)
    names = [str(v) for v in res.vars]
    return names, [{n: (None if r[i] is None else str(r[i])) for i, n in enumerate(names)} for r in res]


@pytest.fixture(scope="module")
def dated_store(tmp_path_factory, nlp):
    """The corpus with article dates (a week apart), given at ingest."""
    path = tmp_path_factory.mktemp("dated") / "s"
    with open_store(str(path)) as store:
        ingest(store, [str(CORPUS / "000_aeb538c21ffb816a.txt")], date="2016-03-03")
        ingest(store, [str(CORPUS / "002_3cf2572ac96b969a.txt")], date="March 10, 2016")
    return path


def test_listed_with_descriptions():
    qs = named_queries()
    for name in ("claims", "claim-statements", "claim-timeline", "contradictions", "consequences"):
        assert qs[name].description
    assert [(p.name, p.type) for p in qs["claim-timeline"].params] == [("claim", "claim")]


def likes(rs):
    (row,) = [r for r in rs if "buying likes" in r.get("label", r.get("claim_label", "")) or ""]
    return row


def test_claims(dated_store):
    with open_store(str(dated_store), read_only=True) as store:
        names, rs = rows(store, "claims")
    assert names == ["claim", "label", "about", "asserted_by", "denied_by", "first_seen", "last_seen", "articles"]
    row = likes(rs)
    assert row["about"] == "Hun Sen" and row["articles"] == "2"
    assert "Sam Rainsy" in row["asserted_by"] and {"Hun Sen", "Sok Eysan"} <= set(row["denied_by"].split("; "))
    assert (row["first_seen"], row["last_seen"]) == ("2016-03-03", "2016-03-10")


def test_claims_undated(corpus_store):
    with open_store(str(corpus_store), read_only=True) as store:
        row = likes(rows(store, "claims")[1])
    assert row["first_seen"] is None and row["last_seen"] is None  # unknown stays unknown


def test_claim_statements_columns_and_rows(dated_store):
    with open_store(str(dated_store), read_only=True) as store:
        names, rs = rows(store, "claim-statements")
    assert names == [
        "claim",
        "claim_label",
        "stance",
        "speaker",
        "article",
        "article_path",
        "sentence_start",
        "sentence_end",
        "date",
    ]
    mine = [r for r in rs if "buying likes" in r["claim_label"]]
    assert {(r["stance"], r["speaker"]) for r in mine} >= {
        ("asserts", "Sam Rainsy"),
        ("denies", "Hun Sen"),
        ("denies", "Sok Eysan"),
    }
    assert {r["article_path"].rsplit("/", 1)[-1] for r in mine} == {
        "000_aeb538c21ffb816a.txt",
        "002_3cf2572ac96b969a.txt",
    }
    # statements without a time expression of their own take the article's date; Sok Eysan's
    # "Yesterday, ... denied" in the article of March 10 was said on March 9
    assert {r["date"] for r in mine} == {"2016-03-03", "2016-03-09", "2016-03-10"}
    assert "2016-03-09" in {r["date"] for r in mine if r["speaker"] == "Sok Eysan"}
    for r in mine:
        assert int(r["sentence_start"]) < int(r["sentence_end"])


def test_claim_timeline(dated_store):
    with open_store(str(dated_store), read_only=True) as store:
        claim = likes(rows(store, "claims")[1])["claim"]
        names, rs = rows(store, "claim-timeline", claim=claim[:8])
        assert names[:4] == ["date", "stance", "speaker", "kind"]
        assert [r["date"] for r in rs] == sorted(r["date"] for r in rs)
        assert rs[0]["date"] == "2016-03-03" and rs[-1]["date"] == "2016-03-10"
        with pytest.raises(KgError, match="unknown claim 'ffffff'"):
            rows(store, "claim-timeline", claim="ffffff")
        with pytest.raises(KgError, match="needs --param claim=VALUE"):
            rows(store, "claim-timeline")


def test_contradictions(corpus_copy):
    from kg.curation import correct
    from kg.curation.anchors import find_statements

    with open_store(str(corpus_copy)) as store:
        names, rs = rows(store, "contradictions")
        assert names == [
            "claim",
            "claim_label",
            "contradiction",
            "speaker",
            "asserted_by",
            "denied_by",
            "asserted_in",
            "denied_in",
        ]
        disputed = [r for r in rs if r["contradiction"] == "disputed" and "buying likes" in r["claim_label"]]
        assert len(disputed) == 1 and "Sok Eysan" in disputed[0]["denied_by"]
        assert not [r for r in rs if r["contradiction"] == "changed story"]
        # make Rainsy the one who denied in the second article: he changed his story
        (sok,) = [
            r
            for r in find_statements(store, "allegations the premier had paid")
            if r["kind"] == "Denial" and r["content"].startswith("allegations the premier")
        ]
        correct(store, "set-speaker", [sok["statement"], "Sam Rainsy"], who="t")
        changed = [r for r in rows(store, "contradictions")[1] if r["contradiction"] == "changed story"]
        assert [r["speaker"] for r in changed] == ["Sam Rainsy"]
        assert "000_aeb538c21ffb816a" in changed[0]["asserted_in"] and "002_3cf2572ac96b969a" in changed[0]["denied_in"]


def test_consequences(corpus_copy):
    with open_store(str(corpus_copy), read_only=True) as store:
        names, rs = rows(store, "consequences")
    assert names == [
        "person",
        "outcome",
        "charge",
        "penalty",
        "amount",
        "because_of",
        "claim",
        "claim_label",
        "article",
        "sentence",
        "date",
    ]
    (conv,) = [r for r in rs if r["outcome"] == "convicted" and r["charge"] == "defamation"]
    assert conv["person"] == "Sam Rainsy"
    assert "buying likes" in conv["claim_label"] and conv["because_of"].startswith("the premier of buying likes")
    (fine,) = [r for r in rs if r["outcome"] == "fined"]
    assert (fine["person"], fine["amount"]) == ("Sam Rainsy", "6000 USD") and fine["claim"] == conv["claim"]
    # an outcome tied to no statement has no claim (never joined with every claim)
    loose = [r for r in rs if r["because_of"] is None]
    assert loose and all(r["claim"] is None and r["claim_label"] is None for r in loose)
    assert {r["penalty"] for r in rs if r["outcome"] == "sentenced"} == {"five years"}

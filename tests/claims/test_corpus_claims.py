"""The issue's check on the bundled corpus: one claim about the premier's
team buying likes / fake followers, asserted by Rainsy and denied by Hun Sen
and Sok Eysan across the two articles; the leaks' claims stay apart."""

from __future__ import annotations

from kg.store import open_store

from ..conftest import CORPUS
from .helpers import claim_with, groups, partition


def test_one_claim_across_both_articles(corpus_store):
    with open_store(str(corpus_store), read_only=True) as store:
        c = claim_with(store, "buying likes from so-called")
        assert "Sam Rainsy" in c["speakers"]["asserts"]
        assert {"Hun Sen", "Sok Eysan"} <= c["speakers"]["denies"]
        articles = {s.split("/")[-2] for s in c["members"]}
        assert len(articles) == 2
        assert any("paid for fake follower accounts" in t for t in c["contents"].values())


def test_the_leaks_stay_apart(corpus_store):
    with open_store(str(corpus_store), read_only=True) as store:
        likes = claim_with(store, "buying likes from so-called")
        thleay = claim_with(store, "an email from Duong Dara")
        seiha = claim_with(store, "to be from Ueng Chong Leang")
        both = claim_with(store, "his rival Sam Rainsy spending")
        labels = {likes["label"], thleay["label"], seiha["label"], both["label"]}
        assert len(labels) == 4
        # the promotion spending Rainsy alleged is another act than buying likes
        assert claim_with(store, "10,000 USD per day")["label"] not in labels


def test_every_membership_says_why(corpus_store):
    from kg.claims.index import CLAIMS_GRAPH, select
    from kg.claims.rules import load_rules

    with open_store(str(corpus_store), read_only=True) as store:
        rows = select(
            store,
            f"SELECT ?m ?rule ?ev WHERE {{ GRAPH <{CLAIMS_GRAPH}> {{ ?m a kg:ClaimMembership ; kg:rule ?rule ; kg:evidence ?ev }} }}",
        )
    assert rows and {r[1] for r in rows} <= load_rules().rule_ids
    assert all(r[2] for r in rows)


def test_rebuild_gives_the_incremental_grouping(corpus_copy):
    from kg.derived import rebuild_claims

    with open_store(str(corpus_copy)) as store:
        before = partition(store)
        rebuild_claims(store)
        assert partition(store) == before


def test_ingest_order_does_not_change_the_likes_claim(tmp_path, nlp):
    from kg.ingest import ingest

    with open_store(str(tmp_path / "s")) as store:
        for f in sorted(CORPUS.glob("*.txt"), reverse=True):
            ingest(store, [str(f)])
        c = claim_with(store, "buying likes from so-called")
        assert "Sam Rainsy" in c["speakers"]["asserts"] and {"Hun Sen", "Sok Eysan"} <= c["speakers"]["denies"]
        assert claim_with(store, "an email from Duong Dara")["label"] != c["label"]


def test_reingest_keeps_one_membership_per_statement(corpus_copy, nlp):
    from kg.ingest import ingest

    with open_store(str(corpus_copy)) as store:
        before = partition(store)
        rep = ingest(store, [str(CORPUS)], force=True)
        assert (rep.new, rep.replaced) == (0, 2)  # --force re-extracts and replaces
        assert partition(store) == before
        assert len(groups(store)) == len(before)


def test_the_conviction_is_a_consequence_of_the_accusation(corpus_store):
    """Rainsy's defamation conviction (and the fine) follow his accusation, which is a statement
    of the likes claim: read from the graph the extractor and the claim grouping wrote."""
    from kg.claims.index import CLAIMS_GRAPH, select

    with open_store(str(corpus_store), read_only=True) as store:
        likes = claim_with(store, "buying likes from so-called")
        rows = select(
            store,
            f"""SELECT ?outcome ?who ?st ?c WHERE {{
            GRAPH ?g {{ ?x a kg:Consequence ; kg:outcome ?outcome ; kg:affects/schema:name ?who ;
                           kg:consequenceOf ?st }}
            GRAPH <{CLAIMS_GRAPH}> {{ ?st kg:asserts ?c }} }}""",
        )
    got = {(str(r[0]), str(r[1]), str(r[3])) for r in rows}
    claim_iri = next(iter({str(r[3]) for r in rows if str(r[2]) in likes["members"]}), None)
    assert claim_iri is not None
    assert {("convicted", "Sam Rainsy", claim_iri), ("fined", "Sam Rainsy", claim_iri)} <= got

"""Corrections survive re-ingest and claims rebuild; undo restores the extractor's view.

One of each correction is applied to the corpus store, the corpus is
re-extracted (ingest --force) and the claims rebuilt, and every correction
still holds; the store conforms to the shapes; undoing them all gives back
exactly the graphs and claims of a store nobody corrected.
"""

from __future__ import annotations

import pyoxigraph as ox
import pytest

from kg.claims import CLAIMS_GRAPH
from kg.curation import correct, list_corrections, undo
from kg.derived import rebuild_claims
from kg.errors import KgError
from kg.ingest import ingest
from kg.store import open_store
from kg.validate import validate_store

from ..claims.helpers import groups, partition
from ..conftest import CORPUS

ID = "https://w3id.org/kg-claims/id/"


def sid(store, words):
    """The statement whose content contains ``words`` (as HASH/sN)."""
    from kg.curation.anchors import find_statements

    hits = [r for r in find_statements(store, words) if words in r["content"]]
    assert len(hits) == 1, hits
    return hits[0]["statement"]


def claim_of(store, stmt_words):
    for iri, d in groups(store).items():
        if any(stmt_words in c for c in d["contents"].values()):
            return iri.rsplit("/", 1)[-1]
    raise AssertionError(stmt_words)


def ask(store, sparql) -> bool:
    return bool(list(store.query(sparql)))


def apply_one_of_each(store):
    leaks = sid(store, "the leaks fabricated")
    team = sid(store, "that his team bought likes")
    destab = sid(store, "seemed “destabilized”")
    correct(store, "reject-statement", [leaks], why="a group, not a denial of one leak", who="tester")
    correct(store, "reject-entity", ["Post"], who="tester")
    correct(
        store,
        "set-link",
        [sid(store, "My email was fabricated"), sid(store, "his rival Sam Rainsy spending")],
        who="tester",
    )
    correct(store, "remove-link", [team, destab], who="tester")
    correct(store, "set-kind", [destab, "accusation"], who="tester")
    correct(store, "set-speaker", [sid(store, "I saw the outcomes on his"), "Uwe Goepel"], who="tester")
    correct(store, "merge-entities", ["VOA Khmer", "Open Institute"], who="tester")
    correct(
        store,
        "split-entity",
        ["Socialbakers"],
        who="tester",
        articles=["002_3cf2572ac96b969a"],
        name="Socialbakers site",
    )
    correct(
        store,
        "merge-claims",
        [claim_of(store, "10,000 USD per day"), claim_of(store, "buying likes from so-called")],
        who="tester",
    )
    correct(
        store,
        "split-claim",
        [claim_of(store, "buying likes from so-called"), sid(store, "“no truth” to the statistics")],
        who="tester",
    )
    return {"leaks": leaks, "team": team, "destab": destab}


def check_all_hold(store):
    S = f"{ID}statement/"
    # reject-statement: gone from its graph and from every claim
    assert not ask(store, "SELECT ?s WHERE { GRAPH ?g { ?s kg:contentText 'the leaks fabricated' } }")
    assert not ask(
        store,
        f"SELECT ?m WHERE {{ GRAPH <{CLAIMS_GRAPH}> {{ ?m kg:statement ?s }} FILTER(STRENDS(STR(?s), '/s2') && CONTAINS(STR(?s), '8ca8')) }}",
    )
    # reject-entity
    assert not ask(
        store,
        f"SELECT ?p WHERE {{ GRAPH ?g {{ ?g a kg:Article {{ <{ID}org/post> ?p ?o }} UNION {{ ?s ?p <{ID}org/post> }} }} }}",
    )
    # set-link / remove-link
    assert ask(
        store,
        """SELECT ?d WHERE { GRAPH ?g { ?d kg:contentText ?dc ; kg:denies ?a . ?a kg:contentText ?ac
        FILTER(STRSTARTS(?dc, "My email was fabricated") && CONTAINS(?ac, "his rival Sam Rainsy spending")) } }""",
    )
    assert not ask(
        store,
        """SELECT ?d WHERE { GRAPH ?g { ?d kg:contentText "that his team bought likes" ; kg:denies ?a .
        ?a kg:contentText ?ac FILTER(CONTAINS(?ac, "destabilized")) } }""",
    )
    # set-kind
    assert ask(
        store,
        "SELECT ?s WHERE { GRAPH ?g { ?s a kg:Accusation ; kg:contentText ?c FILTER(CONTAINS(?c, 'destabilized')) } }",
    )
    assert not ask(
        store,
        "SELECT ?s WHERE { GRAPH ?g { ?s a kg:Allegation ; kg:contentText ?c FILTER(CONTAINS(?c, 'destabilized')) } }",
    )
    # set-speaker
    assert ask(
        store,
        f"SELECT ?s WHERE {{ GRAPH ?g {{ ?s kg:speaker <{ID}person/uwe-goepel> ; kg:contentText ?c FILTER(CONTAINS(?c, 'I saw the outcomes')) }} }}",
    )
    # merge-entities / split-entity
    assert not ask(store, f"SELECT ?p WHERE {{ GRAPH ?g {{ <{ID}org/voa-khmer> ?p ?o }} }}")
    assert ask(store, f"SELECT ?g WHERE {{ GRAPH ?g {{ <{ID}org/open-institute> kg:alias 'VOA Khmer' }} }}")
    graphs = {
        str(r[0])
        for r in store.query(
            f"SELECT DISTINCT ?g WHERE {{ GRAPH ?g {{ <{ID}org/socialbakers-site> a kg:Organization }} }}"
        )
    }
    assert len(graphs) == 1 and next(iter(graphs)).startswith(f"{ID}article/ce0b")
    assert ask(
        store, f"SELECT ?g WHERE {{ GRAPH ?g {{ <{ID}org/socialbakers> a kg:Organization }} }}"
    )  # the other article's
    # merge-claims / split-claim
    g = groups(store)
    likes = [d for d in g.values() if any("buying likes from so-called" in c for c in d["contents"].values())]
    assert len(likes) == 1 and any("10,000 USD per day" in c for c in likes[0]["contents"].values())
    assert not any("“no truth”" in c for c in likes[0]["contents"].values())
    del S


def test_every_correction_survives_reingest_and_rebuild(corpus_copy, nlp):
    with open_store(str(corpus_copy)) as store:
        apply_one_of_each(store)
        assert len(list_corrections(store)) == 10
        check_all_hold(store)
        rep = ingest(store, [str(CORPUS)], force=True)
        assert rep.ok and (rep.new, rep.replaced) == (0, 2)
        check_all_hold(store)
        rebuild_claims(store)
        check_all_hold(store)
        report = validate_store(store)
        assert report.conforms, report.text


def _article_quads(path) -> set:
    s = ox.Store.read_only(str(path))
    return {q for q in s if str(q.graph_name.value).startswith(f"{ID}article/")}


def test_undo_restores_the_extractor_view(corpus_store, corpus_copy):
    with open_store(str(corpus_copy)) as store:
        before = partition(store)
        apply_one_of_each(store)
        ids = [c.id for c in list_corrections(store)]
        for cid in ids[::2] + ids[1::2]:  # not in the order they were made
            undo(store, cid)
        assert not list_corrections(store)
        assert partition(store) == before
    assert _article_quads(corpus_copy) == _article_quads(corpus_store)


def test_undo_of_an_earlier_correction_keeps_a_later_one(corpus_copy):
    with open_store(str(corpus_copy)) as store:
        destab = sid(store, "seemed “destabilized”")
        first = correct(store, "set-kind", [destab, "accusation"], who="t").split()[1].rstrip(":")
        correct(store, "reject-statement", [destab], who="t")
        undo(store, first)
        assert not ask(
            store, "SELECT ?s WHERE { GRAPH ?g { ?s kg:contentText ?c FILTER(CONTAINS(?c, 'destabilized')) } }"
        )


def test_export_import_roundtrip(corpus_store, corpus_copy, tmp_path):
    import shutil

    from kg.curation.transfer import export_text, import_file

    with open_store(str(corpus_copy)) as store:
        apply_one_of_each(store)
        text = export_text(store)
    f = tmp_path / "corrections.trig"
    f.write_text(text, "utf-8")
    assert "undoLog" not in text and "tester" in text
    fresh = tmp_path / "fresh"
    shutil.copytree(corpus_store, fresh, ignore=shutil.ignore_patterns("LOCK"))
    with open_store(str(fresh)) as store:
        assert import_file(store, str(f)) == (10, 0)
        check_all_hold(store)
        assert import_file(store, str(f)) == (0, 10)


@pytest.mark.parametrize(
    "op,args,message",
    [
        (
            "reject-statement",
            ["nope"],
            "not a statement: 'nope' (give its IRI or HASH/sN, e.g. 8ca8f2c3d4e5/s4; kg curate find TEXT lists them)",
        ),
        ("reject-statement", ["abcdef/s99"], "unknown statement 'abcdef/s99': 0 statements match (give the full IRI)"),
        (
            "set-kind",
            ["8ca80e2cbb22/s19", "gossip"],
            "unknown kind 'gossip': valid kinds: denial, allegation, accusation, claim, confirmation, refusal, statement",
        ),
        (
            "merge-entities",
            ["Hun Sen", "Facebook"],
            "cannot merge entities of different kinds (a person and an organisation, say)",
        ),
        ("merge-entities", ["Hun Sen", "the premier"], "merge-entities needs two different entities"),
        (
            "reject-entity",
            ["Nobody Known"],
            "unknown name 'Nobody Known': no person, organisation or account is called that",
        ),
        ("merge-claims", ["zzzz"], "merge-claims takes 2 arguments, got 1"),
        ("split-claim", ["ffffffffff", "8ca80e2cbb22/s8"], "unknown claim 'ffffffffff': 0 claims match"),
        (
            "frobnicate",
            ["x"],
            "unknown correction 'frobnicate': valid: reject-statement, reject-entity, set-link, remove-link, set-kind, set-speaker, merge-entities, split-entity, merge-claims, split-claim",
        ),
    ],
)
def test_bad_corrections_are_one_line_errors(corpus_copy, op, args, message):
    with open_store(str(corpus_copy)) as store:
        with pytest.raises(KgError) as e:
            correct(store, op, args)
        assert str(e.value) == message
        assert not list_corrections(store)

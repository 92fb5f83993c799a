"""SPARQL safety: read-only unless --update, parameters bound as RDF terms
(never pasted into query text), and --timeout that really stops a query."""

from __future__ import annotations

import time

import pytest
from click.testing import CliRunner
from rdflib import Literal

from kg.cli import cli
from kg.graph import article_graph
from kg.store import open_store

from ..records import records
from .conftest import graph_sets

HOSTILE = '"} ; DROP ALL ; {"'
# 10^10 solutions from VALUES alone: runs for hours on any store, even an empty one.
ENDLESS = (
    "SELECT (COUNT(*) AS ?n) WHERE { " + " ".join(f"VALUES ?v{i} {{ 1 2 3 4 5 6 7 8 9 10 }}" for i in range(10)) + " }"
)


def run(*args):
    return CliRunner().invoke(cli, list(args))


def hostile_graph():
    """The sample article, but the denier's canonical name is the injection string."""
    import json

    from ..records import TEXT

    art, rec = records(TEXT + "A second edition.\n")  # another text: another named graph
    # another person node too, so the hostile name is the only name it has
    rec = json.loads(json.dumps(rec).replace("person:john-doe", "person:hostile"))
    for e in rec["entities"]:
        if e["id"] == "person:hostile":
            e["name"] = HOSTILE
            e["aliases"] = []
    rec["statements"][1]["speaker"]["name"] = HOSTILE
    return article_graph(art, rec, source="hostile.txt")


@pytest.fixture
def store_path(tmp_path):
    path = str(tmp_path / "s")
    with open_store(path) as s:
        art, rec = records()
        s.write([article_graph(art, rec, source="a.txt"), hostile_graph()])
    return path


def snapshot(path):
    with open_store(path, read_only=True) as s:
        return graph_sets(s)


@pytest.mark.parametrize(
    "update",
    [
        "DROP ALL",
        "drop all",
        "CLEAR DEFAULT",
        "# a comment first\nPREFIX ex: <http://example.org/>\nINSERT DATA { ex:a ex:b ex:c }",
        "WITH <http://example.org/g> DELETE { ?s ?p ?o } WHERE { ?s ?p ?o }",
        "DELETE WHERE { GRAPH ?g { ?s ?p ?o } }",
        "LOAD <http://example.org/x>",
    ],
)
def test_query_is_read_only_without_update(store_path, update):
    before = snapshot(store_path)
    out = run("--store", store_path, "query", update)
    assert out.exit_code == 1
    assert out.output.strip() == "Error: this is a SPARQL update; kg query is read-only unless you pass --update"
    assert snapshot(store_path) == before


def test_update_smuggled_after_a_query_is_not_run(store_path):
    """'SELECT ... ; DROP ALL' is not a query: a parse error, and nothing is dropped
    (the store is also opened read-only, so no update could run anyway)."""
    before = snapshot(store_path)
    out = run("--store", store_path, "query", "SELECT * WHERE { ?s ?p ?o } ; DROP ALL")
    assert out.exit_code == 1 and out.output.startswith("Error: query failed: ") and out.output.count("\n") == 1
    assert snapshot(store_path) == before


def test_update_flag_is_what_allows_writes(store_path):
    out = run("--store", store_path, "query", "--update", "DROP ALL")
    assert out.exit_code == 0 and out.output.strip() == "update applied"
    assert snapshot(store_path) == {}


def test_injection_string_as_parameter_is_just_a_name(store_path):
    """The hostile string is a person's name here: bound as a literal it matches
    exactly that person (one row), and nothing is dropped."""
    before = snapshot(store_path)
    out = run("--store", store_path, "query", "denials-by", "--param", f"person={HOSTILE}", "--format", "csv")
    assert out.exit_code == 0, out.output
    lines = out.output.splitlines()
    assert lines[0] == "person,denial,claimant,target,allegation,article,sentence,denial_id,allegation_id"
    assert len(lines) == 2 and lines[1].startswith('"""} ; DROP ALL ; {""",the allegations,')
    assert snapshot(store_path) == before


@pytest.fixture
def plain_store(tmp_path):
    """Only the sample article: no name in it looks like SPARQL."""
    path = str(tmp_path / "plain")
    with open_store(path) as s:
        art, rec = records()
        s.write([article_graph(art, rec, source="a.txt")])
    return path


@pytest.mark.parametrize("value", [HOSTILE, '" . } } DROP ALL #', "x' } ; CLEAR ALL ; SELECT * { '", '\\" \\u0022 } }'])
def test_injection_parameter_matches_nothing(plain_store, value):
    before = snapshot(plain_store)
    out = run("--store", plain_store, "query", "allegations-against", "--param", f"person={value}")
    assert out.exit_code == 1
    assert out.output.startswith(f"Error: unknown name '{value}': no person, organisation or account is called that")
    # bound directly as a literal it matches nothing and changes nothing
    with open_store(plain_store, read_only=True) as s:
        rows = list(s.query("SELECT ?p ?n WHERE { GRAPH ?g { ?p schema:name ?n } }", {"n": Literal(value)}))
    assert rows == []
    assert snapshot(plain_store) == before


@pytest.mark.server
def test_injection_parameter_remote(server):
    """Remote stores bind through a VALUES clause in the query text: the
    literal must be escaped there, not pasted."""
    with open_store(server.url) as s:
        art, rec = records()
        s.write([article_graph(art, rec, source="a.txt"), hostile_graph()])
    n_before = server.select("SELECT (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } }")[0]["n"]["value"]
    out = run("--store", server.url, "query", "denials-by", "--param", f"person={HOSTILE}", "--format", "csv")
    assert out.exit_code == 0, out.output
    assert out.output.splitlines()[1].startswith('"""} ; DROP ALL ; {""",the allegations,')
    with open_store(server.url, read_only=True) as s:
        assert (
            list(s.query("SELECT ?p ?n WHERE { GRAPH ?g { ?p schema:name ?n } }", {"n": Literal(HOSTILE + "x")})) == []
        )
        assert len(list(s.query("SELECT ?p ?n WHERE { GRAPH ?g { ?p schema:name ?n } }", {"n": Literal(HOSTILE)}))) == 1
    assert server.select("SELECT (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } }")[0]["n"]["value"] == n_before


# -- --timeout ---------------------------------------------------------------------


def test_timeout_stops_an_endless_query(store_path):
    t0 = time.monotonic()
    out = run("--store", store_path, "query", "--timeout", "1", ENDLESS)
    elapsed = time.monotonic() - t0
    assert out.exit_code == 1
    assert out.output == "Error: query timed out after 1 s\n"
    assert elapsed < 10


def test_timeout_fraction_in_message(store_path):
    out = run("--store", store_path, "query", "--timeout", "0.5", ENDLESS)
    assert out.output == "Error: query timed out after 0.5 s\n"


def test_timeout_does_not_change_a_normal_answer_or_its_errors(store_path):
    plain = run("--store", store_path, "query", "who-denied-what", "--format", "csv")
    timed = run("--store", store_path, "query", "--timeout", "30", "who-denied-what", "--format", "csv")
    assert plain.exit_code == timed.exit_code == 0
    assert timed.output == plain.output and plain.output.count("\n") == 3
    for args in (["denials-by", "--param", "person=Nobody"], ["SELECT * WHERE { ?s ?p }"], ["DROP ALL"]):
        plain = run("--store", store_path, "query", *args)
        timed = run("--store", store_path, "query", "--timeout", "30", *args)
        assert (timed.exit_code, timed.output) == (plain.exit_code, plain.output)
        assert plain.exit_code == 1 and plain.output.count("\n") == 1
    missing = run("--store", store_path + "-none", "query", "--timeout", "5", "people")
    assert missing.exit_code == 1 and missing.output.startswith("Error: no store at ")


def test_timeout_must_be_positive(store_path):
    out = run("--store", store_path, "query", "--timeout", "0", "people")
    assert out.exit_code == 1 and out.output == "Error: --timeout must be more than 0 seconds, got 0\n"


def test_timed_out_update_is_not_applied_and_frees_the_lock(store_path):
    """An update killed at the deadline leaves nothing behind (one
    transaction) and its process no longer holds the write lock."""
    before = snapshot(store_path)
    values = " ".join(f"VALUES ?v{i} {{ {' '.join(str(k) for k in range(10))} }}" for i in range(9))
    heavy = (
        "INSERT { GRAPH <http://example.org/junk> { ?s <http://example.org/p> ?v0 } } WHERE { "
        + values
        + ' BIND(IRI(CONCAT("http://example.org/s/", STR(?v1), STR(?v2), STR(?v3), STR(?v4), STR(?v5), STR(?v6), STR(?v7), STR(?v8))) AS ?s) }'
    )
    out = run("--store", store_path, "query", "--update", "--timeout", "1", heavy)
    assert out.output == "Error: query timed out after 1 s\n"
    assert snapshot(store_path) == before
    with open_store(store_path) as s:  # would be StoreInUseError if the child were alive
        assert len(s) > 0


@pytest.mark.server
def test_timeout_remote(server):
    t0 = time.monotonic()
    out = run("--store", server.url, "query", "--timeout", "1", ENDLESS)
    assert out.output == "Error: query timed out after 1 s\n"
    assert time.monotonic() - t0 < 10


def test_timeout_passes_large_answers_whole(store_path):
    """Far more than a pipe's 64 KB buffer comes back intact from the child."""
    q = (
        "SELECT ?a ?b WHERE { VALUES ?a { "
        + " ".join(map(str, range(100)))
        + " } VALUES ?b { "
        + " ".join(map(str, range(200)))
        + " } }"
    )
    plain = run("--store", store_path, "query", "--format", "csv", q)
    timed = run("--store", store_path, "query", "--timeout", "60", "--format", "csv", q)
    assert plain.exit_code == timed.exit_code == 0
    assert len(timed.output) > 100_000 and timed.output == plain.output

"""The CLI through click's CliRunner: exit codes and exact error text."""

import json

import pytest
from click.testing import CliRunner

from kg.cli import cli
from kg.graph import article_graph
from kg.store import open_store

from ..records import records


@pytest.fixture
def store_path(tmp_path):
    art, rec = records()
    path = str(tmp_path / "s")
    with open_store(path) as s:
        s.write([article_graph(art, rec, source="a.txt")])
    return path


def run(*args, input=None):
    return CliRunner().invoke(cli, list(args), input=input)


def test_help_has_examples():
    for cmd in ("ingest", "extract", "query", "denials", "validate", "stats", "eval"):
        out = run(cmd, "--help")
        assert out.exit_code == 0 and "Example:" in out.output, cmd


def test_denials_table_and_csv(store_path):
    out = run("--store", store_path, "denials", "--format", "csv")
    assert out.exit_code == 0
    lines = out.output.splitlines()
    assert lines[0] == "denier,denier_role,denied,claimant,target,article,sentence"
    assert lines[1].startswith("John Doe,Prime Minister,the allegations,Jane Roe,John Doe,Ministers deny the claims,")


def test_query_json_is_sparql_results(store_path):
    out = run("--store", store_path, "query", "people", "--format", "json")
    assert out.exit_code == 0
    assert json.loads(out.output)["head"]["vars"] == ["name", "roles", "organisations", "articles"]


def test_query_list():
    out = run("query", "--list")
    assert out.exit_code == 0 and "allegations-against --param person=..." in out.output


def test_query_from_file(store_path, tmp_path):
    q = tmp_path / "q.rq"
    q.write_text("SELECT ?n WHERE { GRAPH ?g { ?p a kg:Person ; schema:name ?n } } ORDER BY ?n")
    out = run("--store", store_path, "query", "--file", str(q), "--format", "tsv")
    assert out.output.splitlines() == ["n", "Jane Roe", "John Doe"]


@pytest.mark.parametrize("args, message, code", [
    (["query", "nope"], "Error: unknown named query 'nope': valid: accounts, allegations-against, claim-statements, claim-timeline, claims, consequences, contradictions, denials-by, people, who-denied-what (kg query --list)", 1),
    (["query", "denials-by", "--param", "who=x"], "Error: unknown parameter 'who' for query 'denials-by': valid parameters: person", 1),
    (["query", "denials-by", "--param", "person"], "Error: --param needs KEY=VALUE, got 'person'", 1),
    (["query", "denials-by", "--param", "person=Nobody At All"], "Error: unknown name 'Nobody At All': no person, organisation or account is called that", 1),
    (["query", "DELETE WHERE { ?s ?p ?o }"], "Error: this is a SPARQL update; kg query is read-only unless you pass --update", 1),
    (["query", "SELEC * WHERE {}"], "Error: not a SPARQL query: expected SELECT, ASK, CONSTRUCT or DESCRIBE (or an update with --update), got 'SELEC * WHERE {}'", 1),
    (["query"], "Error: no query: give SPARQL text, --file F, or a named query (kg query --list)", 1),
])
def test_query_errors(store_path, args, message, code):
    out = run("--store", store_path, *args)
    assert out.exit_code == code
    assert out.output.strip() == message
    # the store is untouched
    assert run("--store", store_path, "query", "people", "--format", "csv").output.count("\n") == 3


def test_malformed_sparql_one_line(store_path):
    out = run("--store", store_path, "query", "SELECT * WHERE { ?s ?p }")
    assert out.exit_code == 1
    assert out.output.startswith("Error: query failed: ") and out.output.count("\n") == 1


def test_missing_store(tmp_path):
    out = run("--store", str(tmp_path / "none"), "denials")
    assert out.exit_code == 1
    assert out.output.strip() == f"Error: no store at {tmp_path / 'none'}: run 'kg ingest' first, or pass --store / set KG_STORE"


def test_missing_query_file(store_path):
    out = run("--store", store_path, "query", "--file", "/no/such.rq")
    assert out.exit_code == 2 and "No such file or directory" in out.output


def test_validate_and_stats(store_path):
    out = run("--store", store_path, "validate")
    assert out.exit_code == 0 and out.output.startswith("conforms")
    out = run("--store", store_path, "stats")
    assert out.exit_code == 0 and "Denial" in out.output and "Ministers deny the claims" in out.output


def test_validate_missing_store_is_exit_2(tmp_path):
    out = run("--store", str(tmp_path / "none"), "validate")
    assert out.exit_code == 2


def test_kg_store_env(store_path):
    out = CliRunner().invoke(cli, ["denials", "--format", "csv"], env={"KG_STORE": store_path})
    assert out.exit_code == 0 and "John Doe" in out.output

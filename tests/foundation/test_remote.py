"""A real `oxigraph serve` (from the PyPI package) on 127.0.0.1: write, query, replace."""

import json
import subprocess
import time
import urllib.parse
import urllib.request

import pytest

from kg.errors import KgError
from kg.graph import article_graph
from kg.query import run_query
from kg.store import RemoteStore, open_store

from ..records import TEXT, records
from ..servers import free_port, oxigraph_exe

pytestmark = pytest.mark.server


@pytest.fixture
def server(tmp_path):
    exe = oxigraph_exe()
    if exe is None:
        pytest.skip("oxigraph server binary not installed (pip install oxigraph)")
    port = free_port()
    proc = subprocess.Popen(
        [exe, "serve", "--location", str(tmp_path / "remote"), "--bind", f"127.0.0.1:{port}"],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    url = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + 20
    while time.monotonic() < deadline:
        try:
            urllib.request.urlopen(url + "/query?query=ASK%7B%7D", timeout=1)
            break
        except OSError:
            time.sleep(0.1)
    else:
        proc.kill()
        pytest.fail("oxigraph server did not start")
    yield url
    proc.terminate()
    proc.wait(10)


def graph(text=TEXT):
    art, rec = records(text)
    return article_graph(art, rec, source="a.txt")


def test_remote_write_query_replace(server):
    store = open_store(server)
    assert isinstance(store, RemoteStore)
    g = graph()
    store.write([g])
    store.write([g])  # idempotent
    assert store.ask_graph(g.identifier)
    rows = list(run_query(store, name="who-denied-what"))
    assert [(str(r.denier), str(r.claimant)) for r in rows] == [("John Doe", "Jane Roe")]
    rows = list(run_query(store, name="allegations-against", params={"person": "doe"}))
    assert len(rows) == 1
    new = graph(TEXT + "Later text.\n")
    store.write([new], drop=store.graphs_for_source("a.txt"))
    assert store.article_graphs() == [new.identifier]
    # what the server holds is exactly one article graph, read back over plain HTTP
    q = urllib.parse.quote("SELECT (COUNT(DISTINCT ?g) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } }")
    req = urllib.request.Request(f"{server}/query?query={q}", headers={"Accept": "application/sparql-results+json"})
    with urllib.request.urlopen(req) as r:
        assert json.load(r)["results"]["bindings"][0]["n"]["value"] == "1"


def test_remote_ingest_cli_with_real_server(server, tmp_path):
    """The CLI path end to end against the server (extractor output only checked for NER-level people)."""
    from click.testing import CliRunner

    from kg.cli import cli

    article = tmp_path / "a.txt"
    article.write_text("Senator Jane Roe said on Monday that Prime Minister John Doe had lied.\n", "utf-8")
    out = CliRunner().invoke(cli, ["--store", server, "ingest", str(article)])
    assert out.exit_code == 0, out.output
    assert out.output.startswith("1 read, 1 new, 0 unchanged, 0 failed")
    out = CliRunner().invoke(cli, ["--store", server, "query", "people", "--format", "csv"])
    assert "John Doe" in out.output and "Jane Roe" in out.output


def test_unreachable_server_is_a_clear_error():
    port = free_port()
    with pytest.raises(KgError, match=rf"cannot reach SPARQL endpoint http://127.0.0.1:{port}/query"):
        open_store(f"http://127.0.0.1:{port}")


def test_query_help_example_answers_on_a_server(server):
    """The --help example used the default graph: four rows on the embedded
    store, none on a server. It must answer the same on both."""
    from click.testing import CliRunner

    from kg.cli import cli

    from ..foundation.test_cli import _query_examples

    store = open_store(server)
    store.write([graph(), graph(TEXT + "Roe repeated the claim on Friday.\n")])
    (example,) = _query_examples(CliRunner().invoke(cli, ["query", "--help"]).output)
    out = CliRunner().invoke(cli, ["--store", server, "query", example, "--format", "tsv"])
    assert out.exit_code == 0, out.output
    assert out.output.splitlines() == ["name", "Jane Roe", "John Doe"]


def test_wrong_endpoint_path_says_what_the_server_answered(server):
    from click.testing import CliRunner

    from kg.cli import cli

    out = CliRunner().invoke(cli, ["--store", server + "/nope", "query", "people"])
    assert out.exit_code == 1
    assert out.output == (
        f"Error: SPARQL endpoint {server}/nope/query answered HTTP 404 Not Found: GET /nope/query is not supported "
        "by this server (kg appends /query and /update to the store URL: give the dataset's base URL)\n"
    )


def test_remote_syntax_error_is_the_parser_message(server):
    from click.testing import CliRunner

    from kg.cli import cli

    out = CliRunner().invoke(cli, ["--store", server, "query", "SELECT ?x WHERE { ?x foo:bar ?y }"])
    assert out.exit_code == 1
    assert out.output.startswith("Error: query failed: the server answered HTTP 400 Bad Request: syntax error at line ")
    assert "prefix not found" in out.output and "\\u{" not in out.output
    upd = CliRunner().invoke(cli, ["--store", server, "query", "--update", 'INSERT DATA { <a:b> <a:c> "x" '])
    assert upd.exit_code == 1
    assert upd.output.startswith(
        "Error: update failed: the server answered HTTP 400 Bad Request: syntax error at line "
    )
    assert "syntax error at line 1, column " in upd.output  # the user's line, not counting kg's prefixes
    out2 = CliRunner().invoke(cli, ["--store", server, "query", "SELECT ?x WHERE {\n ?x foo:bar ?y }"])
    assert "syntax error at line 2, column " in out2.output, out2.output

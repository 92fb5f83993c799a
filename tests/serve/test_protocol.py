"""The SPARQL 1.1 Protocol at /sparql against a really running ``kg serve``:
a plain HTTP client, SPARQLWrapper and rdflib's SPARQLStore as real clients,
content negotiation, refused updates, errors with the parser's message, and
a time limit that stops one query while the server keeps serving others."""

from __future__ import annotations

import csv
import io
import json
import threading
import time
import urllib.parse

import pytest

from .conftest import SERVER_TIMEOUT

pytestmark = pytest.mark.server

DENIALS = "SELECT ?d WHERE { GRAPH ?g { ?d a kg:Denial } } ORDER BY ?d"
ENDLESS = (
    "SELECT (COUNT(*) AS ?n) WHERE { " + " ".join(f"VALUES ?v{i} {{ 1 2 3 4 5 6 7 8 9 10 }}" for i in range(10)) + " }"
)
CONSTRUCT = "CONSTRUCT { ?d a kg:Denial ; kg:contentText ?c } WHERE { GRAPH ?g { ?d a kg:Denial ; kg:contentText ?c } }"


def q(query: str, **extra) -> str:
    return "/sparql?" + urllib.parse.urlencode({"query": query, **extra})


def denial_count(server) -> int:
    status, _h, body = server.get(
        q("SELECT (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?d a kg:Denial } }"),
        {"Accept": "application/sparql-results+json"},
    )
    assert status == 200
    return int(json.loads(body)["results"]["bindings"][0]["n"]["value"])


@pytest.mark.parametrize(
    "accept, media",
    [
        ("application/sparql-results+json", "application/sparql-results+json"),
        ("application/json", "application/sparql-results+json"),
        ("application/sparql-results+xml", "application/sparql-results+xml"),
        ("text/csv", "text/csv"),
        ("text/tab-separated-values", "text/tab-separated-values"),
        ("*/*", "application/sparql-results+json"),
        ("text/csv;q=0.5, application/sparql-results+xml;q=0.9", "application/sparql-results+xml"),
    ],
)
def test_select_by_content_negotiation(server, accept, media):
    status, headers, body = server.get(q(DENIALS), {"Accept": accept})
    assert status == 200, body
    assert headers["Content-Type"].split(";")[0] == media
    n = denial_count(server)
    if media.endswith("json"):
        assert len(json.loads(body)["results"]["bindings"]) == n
    elif media.endswith("xml"):
        assert body.count(b"<result>") == n
    elif media == "text/csv":
        rows = list(csv.reader(io.StringIO(body.decode())))
        assert rows[0] == ["d"] and len(rows) == n + 1
    else:
        lines = body.decode().strip().split("\n")
        assert (
            lines[0] == "?d"
            and len(lines) == n + 1
            and lines[1].startswith("<https://w3id.org/kg-claims/id/statement/")
        )


def test_post_form_and_direct_body_answer_like_get(server):
    _s, _h, by_get = server.get(q(DENIALS), {"Accept": "text/csv"})
    status, _h, by_form = server.post(
        "/sparql",
        urllib.parse.urlencode({"query": DENIALS}).encode(),
        "application/x-www-form-urlencoded",
        {"Accept": "text/csv"},
    )
    assert status == 200 and by_form == by_get
    status, _h, by_body = server.post("/sparql", DENIALS.encode(), "application/sparql-query", {"Accept": "text/csv"})
    assert status == 200 and by_body == by_get


@pytest.mark.parametrize(
    "accept, media, rdflib_format",
    [
        ("text/turtle", "text/turtle", "turtle"),
        ("application/n-triples", "application/n-triples", "nt"),
        ("application/ld+json", "application/ld+json", "json-ld"),
        ("application/rdf+xml", "application/rdf+xml", "xml"),
    ],
)
def test_construct_as_rdf(server, accept, media, rdflib_format):
    from rdflib import Graph

    status, headers, body = server.get(q(CONSTRUCT), {"Accept": accept})
    assert status == 200 and headers["Content-Type"].split(";")[0] == media
    g = Graph().parse(data=body.decode(), format=rdflib_format)
    assert len(g) == 2 * denial_count(server)


def test_ask_and_format_parameter(server):
    status, _h, body = server.get(q("ASK { GRAPH ?g { ?d a kg:Denial } }"))
    assert status == 200 and json.loads(body)["boolean"] is True
    status, headers, body = server.get(q(DENIALS, format="csv"))
    assert status == 200 and headers["Content-Type"].startswith("text/csv") and body.startswith(b"d\r\n")
    status, _h, body = server.get(q(DENIALS, format="yaml"))
    assert status == 400 and b"unknown format 'yaml'" in body


def test_default_graph_uri_narrows_the_default_graph(server):
    one = server.json("/articles.json")["articles"][0]["article"]["iri"]
    status, _h, body = server.get(q("SELECT (COUNT(*) AS ?n) WHERE { ?d a kg:Denial }", **{"default-graph-uri": one}))
    n_one = int(json.loads(body)["results"]["bindings"][0]["n"]["value"])
    assert status == 200 and 0 < n_one < denial_count(server)


def test_parse_error_is_400_with_the_parsers_message(server):
    status, headers, body = server.get(q("SELECT ?x WHERE { ?x ?y }"))
    assert status == 400 and headers["Content-Type"].startswith("text/plain")
    assert body.decode().startswith("query parse error: error at 1:")


@pytest.mark.parametrize("how", ["form update", "sparql-update body", "update as query", "update with prologue"])
def test_updates_are_refused_and_change_nothing(server, how):
    before = denial_count(server)
    drop = "DELETE WHERE { GRAPH ?g { ?d a kg:Denial } }"
    if how == "form update":
        r = server.post(
            "/sparql", urllib.parse.urlencode({"update": drop}).encode(), "application/x-www-form-urlencoded"
        )
    elif how == "sparql-update body":
        r = server.post("/sparql", drop.encode(), "application/sparql-update")
    elif how == "update as query":
        r = server.get(q(drop))
    else:
        r = server.get(q("PREFIX x: <http://x/>\n# comment\nDROP ALL"))
    assert r[0] == 403 and r[2] == b"SPARQL updates are refused: this endpoint is read-only"
    assert denial_count(server) == before > 0


def test_missing_query_unacceptable_type_and_bad_content_type(server):
    assert server.get("/sparql", {"Accept": "application/sparql-results+json"})[0] == 400
    status, _h, body = server.get(q(DENIALS), {"Accept": "image/png"})
    assert status == 406 and b"cannot answer a SELECT query" in body
    assert server.post("/sparql", b"{}", "application/json")[0] == 415


def test_a_browser_is_sent_to_the_query_page(server):
    import urllib.request

    req = urllib.request.Request(
        server.url + q(DENIALS), headers={"Accept": "text/html,application/xhtml+xml,*/*;q=0.8"}
    )
    with urllib.request.urlopen(req, timeout=30) as r:
        assert r.url.startswith(server.url + "/query?query=") and b"<textarea" in r.read()


def test_sparqlwrapper_client(server):
    from SPARQLWrapper import JSON, TURTLE, SPARQLWrapper

    sw = SPARQLWrapper(server.url + "/sparql")
    sw.setQuery("PREFIX kg: <https://w3id.org/kg-claims/ns#>\n" + DENIALS)
    sw.setReturnFormat(JSON)
    rows = sw.query().convert()["results"]["bindings"]
    assert len(rows) == denial_count(server)
    sw.setMethod("POST")
    sw.setQuery(CONSTRUCT)
    sw.setReturnFormat(TURTLE)
    g = sw.queryAndConvert()
    assert b"Denial" in g if isinstance(g, bytes) else len(g) > 0


def test_rdflib_sparqlstore_client(server):
    from rdflib import Graph
    from rdflib.plugins.stores.sparqlstore import SPARQLStore

    g = Graph(store=SPARQLStore(server.url + "/sparql"))
    rows = list(g.query("PREFIX kg: <https://w3id.org/kg-claims/ns#>\n" + DENIALS))
    assert len(rows) == denial_count(server)
    assert all(str(r[0]).startswith("https://w3id.org/kg-claims/id/statement/") for r in rows)


def test_timeout_stops_the_query_and_the_server_keeps_serving(server):
    result = {}

    def slow():
        t0 = time.monotonic()
        result["answer"] = server.get(q(ENDLESS), timeout=120)
        result["took"] = time.monotonic() - t0

    t = threading.Thread(target=slow)
    t.start()
    time.sleep(0.5)
    # while the endless query runs: pages and other queries are answered
    t0 = time.monotonic()
    assert server.get("/")[0] == 200
    assert server.get(q("ASK { ?s ?p ?o }"))[0] == 200
    assert time.monotonic() - t0 < SERVER_TIMEOUT
    t.join(60)
    status, _h, body = result["answer"]
    assert status == 503 and body == f"query timed out after {SERVER_TIMEOUT} s".encode()
    assert SERVER_TIMEOUT <= result["took"] < SERVER_TIMEOUT + 10
    # the killed worker is replaced: queries keep working
    for _ in range(3):
        assert denial_count(server) > 0

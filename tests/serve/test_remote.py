"""`kg serve` over a remote store: a real `oxigraph serve` on 127.0.0.1 holds
the graph; the pages and /sparql read it over HTTP."""

from __future__ import annotations

import json
import subprocess
import time
import urllib.parse
import urllib.request

import pytest

from kg.graph import article_graph
from kg.store import open_store

from ..records import records
from ..servers import free_port, oxigraph_exe
from .conftest import start_server, stop

pytestmark = pytest.mark.server


@pytest.fixture
def oxigraph(tmp_path):
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


def test_pages_and_endpoint_over_a_remote_store(oxigraph):
    art, rec = records()
    with open_store(oxigraph) as s:
        s.write([article_graph(art, rec, source="a.txt")])
    server = start_server(oxigraph)
    try:
        home = server.json("/index.json")
        assert home["counts"]["articles"] == 1 and home["total"] == 1
        assert home["denials"][0]["denier"]["text"] == "John Doe"
        person = server.json("/id/person/john-doe.json")
        assert person["sections"]["denials"]["total"] == 1
        art_iri = server.json("/articles.json")["articles"][0]["article"]["iri"]
        assert server.json("/id/" + art_iri.split("/id/", 1)[1] + ".json")["spans"]
        q = "SELECT ?d WHERE { GRAPH ?g { ?d a kg:Denial } }"  # kg: predeclared, also for the remote server
        status, headers, body = server.get(
            "/sparql?" + urllib.parse.urlencode({"query": q}), {"Accept": "application/sparql-results+json"}
        )
        assert status == 200 and len(json.loads(body)["results"]["bindings"]) == 1
        status, _h, body = server.get("/sparql?" + urllib.parse.urlencode({"query": "SELECT ?x WHERE { ?x }"}))
        assert status == 400 and b"SPARQL server answered 400" in body
        assert server.get("/sparql?" + urllib.parse.urlencode({"query": "DROP ALL"}))[0] == 403
        page = server.get("/query?name=denials-by&person=doe")[2].decode()
        assert "John Doe" in page and "Results" in page
    finally:
        stop(server)

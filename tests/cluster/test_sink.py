"""Bulk writes into a real `oxigraph serve`: N-Quads to /store, replacements
as one SPARQL update, idempotent replays, one-line errors; and a cluster
ingest into the server (through the client, or straight from the workers)
stores exactly what single-process ingest stores."""

from __future__ import annotations

import http.server
import threading

import pytest
from rdflib import URIRef

from kg.cluster import ingest_on_cluster
from kg.cluster.sink import ServerTarget, detect_target, write_graphs
from kg.errors import KgError
from kg.graph import ArticleQuads, article_quads
from kg.store import open_store

from ..records import TEXT, records
from ..robustness.conftest import graph_sets
from .conftest import report_tuple

pytestmark = pytest.mark.server


def quads_of(text: str, source: str) -> ArticleQuads:
    art, rec = records(text)
    return article_quads(art, rec, source=source)


def test_oxigraph_is_recognised_and_takes_n_quads(server):
    with open_store(server.url) as store:
        target = detect_target(store)
    assert target.server.startswith("Oxigraph/")
    assert target.store_url == server.url + "/store"
    assert target.update_url == server.url + "/update"


def test_writes_are_whole_graphs_and_replays_change_nothing(server, tmp_path):
    a, b = quads_of(TEXT, "a.txt"), quads_of(TEXT + "\nAnother line.", "b.txt")
    with open_store(server.url) as store:
        target = detect_target(store)
        write_graphs(target, [a, b], [])
        write_graphs(target, [a, b], [])  # a retried task, a re-run
        remote = graph_sets(store)
    with open_store(str(tmp_path / "emb")) as emb:
        emb.write([a, b])
        assert remote == graph_sets(emb)
    assert {str(a.identifier), str(b.identifier)} <= set(remote)

    # A replacement drops the old graph in the same request that adds the new one.
    c = quads_of(TEXT + "\nA third line.", "a.txt")
    with open_store(server.url) as store:
        write_graphs(target, [c], [str(a.identifier)])
        after = graph_sets(store)
    assert str(a.identifier) not in after
    assert str(c.identifier) in after and str(b.identifier) in after


def test_write_errors_are_one_line(server):
    with open_store(server.url) as store:
        target = detect_target(store)
    bad = ArticleQuads(URIRef("http://example.org/g"), None, '<http://example.org/a b> <http://example.org/p> "x" .\n')
    with pytest.raises(KgError) as err:
        write_graphs(target, [bad], [])
    assert str(err.value).startswith(f"writing to {server.url}/store failed: HTTP 400 Bad Request: ")
    assert "\n" not in str(err.value)
    server.kill()
    with pytest.raises(KgError) as err:
        write_graphs(target, [quads_of(TEXT, "a.txt")], [])
    assert str(err.value) == f"writing to {server.url}/store failed: Connection refused"


class _OtherServer(http.server.BaseHTTPRequestHandler):
    """Not Oxigraph: answers queries with an empty result and records writes."""

    posts: list = []

    def version_string(self):
        return "SomeOtherStore/1.0"

    def do_GET(self):
        body = b'{"head":{},"boolean":false}'
        self.send_response(200)
        self.send_header("Content-Type", "application/sparql-results+json")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def do_POST(self):
        data = self.rfile.read(int(self.headers["Content-Length"]))
        self.posts.append((self.path, self.headers["Content-Type"], data.decode("utf-8")))
        self.send_response(204)
        self.end_headers()

    def log_message(self, *args):
        pass


def test_other_servers_get_sparql_updates():
    httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), _OtherServer)
    threading.Thread(target=httpd.serve_forever, daemon=True).start()
    try:
        url = f"http://127.0.0.1:{httpd.server_address[1]}/ds"
        with open_store(url) as store:
            target = detect_target(store)
        assert target == ServerTarget(url + "/update", None, "SomeOtherStore/1.0")
        g = quads_of(TEXT, "a.txt")
        write_graphs(target, [g], [])
        path, ctype, text = _OtherServer.posts[-1]
        assert (path, ctype) == ("/ds/update", "application/sparql-update")
        assert text.startswith(f"INSERT DATA {{\nGRAPH <{g.identifier}> {{\n")
    finally:
        httpd.shutdown()


@pytest.mark.parametrize(
    "mode",
    [{}, {"write_from_workers": True}, {"write_from_workers": True, "bulk_load": True}],
    ids=["through-client", "from-workers", "bulk-load"],
)
def test_cluster_ingest_into_the_server(server, corpus, reference, scheduler, mode):
    with open_store(server.url) as store:
        rep = ingest_on_cluster(store, [str(corpus)], scheduler=scheduler, **mode)
        assert report_tuple(rep) == reference[0]
        assert graph_sets(store) == reference[2]
        again = ingest_on_cluster(store, [str(corpus)], scheduler=scheduler, **mode)
    assert again.summary().startswith("10 read, 0 new, 8 unchanged, 2 failed")


def test_write_from_workers_needs_a_server(tmp_path, scheduler):
    with open_store(str(tmp_path / "s")) as store, pytest.raises(KgError) as err:
        ingest_on_cluster(store, [str(tmp_path)], scheduler=scheduler, write_from_workers=True)
    assert str(err.value) == "--write-from-workers needs a SPARQL server as the store (--store http://HOST:PORT)"


def test_bulk_load_holds_each_marker_back_until_its_graph_is_in(server):
    """--bulk-load: the graphs through the server's bulk loader, then each
    article's marker (what says "stored") in a transaction of its own. A
    graph left without its marker (a run cut short) is not taken as stored,
    and loading it again completes it with nothing doubled."""
    a, b = quads_of(TEXT, "a.txt"), quads_of(TEXT + "\nAnother line.", "b.txt")
    with open_store(server.url) as store:
        target = detect_target(store, bulk=True)
        cut = a.ntriples().splitlines(keepends=True)
        marker = f"<{a.identifier}> <http://www.w3.org/1999/02/22-rdf-syntax-ns#type> <https://w3id.org/kg-claims/ns#Article> .\n"
        assert marker in cut
        half = [line for line in cut if line != marker][: len(cut) // 2]
        write_graphs(
            ServerTarget(target.update_url, target.store_url), [ArticleQuads(a.identifier, None, "".join(half))], []
        )
        assert not store.ask_graph(a.identifier)  # part of a graph, without its marker
        write_graphs(target, [a, b], [])
        write_graphs(target, [a, b], [])
        assert store.ask_graph(a.identifier) and store.ask_graph(b.identifier)
        remote = graph_sets(store)
    with open_store(str(server.location.parent / "emb")) as emb:
        emb.write([a, b])
        assert remote == graph_sets(emb)


def test_bulk_load_needs_oxigraph():
    httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), _OtherServer)
    threading.Thread(target=httpd.serve_forever, daemon=True).start()
    try:
        url = f"http://127.0.0.1:{httpd.server_address[1]}/ds"
        with open_store(url) as store, pytest.raises(KgError) as err:
            detect_target(store, bulk=True)
        assert str(err.value) == f"--bulk-load needs an Oxigraph server; {url}/query is SomeOtherStore/1.0"
    finally:
        httpd.shutdown()

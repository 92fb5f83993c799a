"""The SPARQL server dies in the middle of an ingest (a real `oxigraph serve`,
killed with SIGKILL): kg fails with one clear line; once the server is back,
the same command finishes the batch with no duplicates."""

from __future__ import annotations

import re
import time

import pytest

from kg.store import open_store

from .conftest import graph_sets, kg_popen, kg_run, write_articles

pytestmark = [pytest.mark.server, pytest.mark.slow]

N = 160
HINT = "(articles written before this are kept; run the same command again to finish)"


def test_server_killed_mid_ingest_then_rerun(server, tmp_path):
    arts = tmp_path / "arts"
    write_articles(arts, N, paragraphs=2)
    ref = kg_run("--store", tmp_path / "ref", "ingest", "-q", arts, timeout=300)  # the uninterrupted result
    assert ref.returncode == 0, ref.stderr
    with open_store(str(tmp_path / "ref"), read_only=True) as s:
        expected = graph_sets(s)

    proc = kg_popen("--store", server.url, "ingest", "-q", arts)
    deadline = time.monotonic() + 120
    while server.article_count() < 16:
        assert proc.poll() is None, proc.communicate()
        assert time.monotonic() < deadline
        time.sleep(0.02)
    server.kill()
    out, err = proc.communicate(timeout=120)
    assert proc.returncode == 1
    assert out == ""
    url = re.escape(server.url)
    assert re.fullmatch(
        rf"Error: (lost connection to SPARQL endpoint {url}/query|writing to {url}/update failed): [^\n]+ {re.escape(HINT)}\n",
        err,
    ), err

    server.start()  # same data directory, same port
    kept = server.article_count()
    assert 16 <= kept < N
    again = kg_run("--store", server.url, "ingest", "-q", arts, timeout=300)
    assert again.returncode == 0, again.stderr
    assert again.stdout.startswith(f"{N} read, {N - kept} new, {kept} unchanged, 0 failed")

    # no duplicates: one graph per file, and exactly what an uninterrupted run stores
    per_source = server.select(
        "SELECT ?src (COUNT(DISTINCT ?g) AS ?n) WHERE { GRAPH ?g { ?g <https://w3id.org/kg-claims/ns#sourcePath> ?src } } GROUP BY ?src"
    )
    assert len(per_source) == N and {b["n"]["value"] for b in per_source} == {"1"}
    with open_store(server.url, read_only=True) as s:
        assert graph_sets(s) == expected


def test_server_gone_for_a_query_is_one_line(server, tmp_path):
    url = server.url
    server.kill()
    out = kg_run("--store", url, "query", "people")
    assert out.returncode == 1
    assert out.stderr == f"Error: cannot reach SPARQL endpoint {url}/query: Connection refused\n"


def test_hung_server_times_out():
    """A server that accepts the connection and never answers: kg gives up
    after its HTTP timeout instead of hanging."""
    import socket

    from kg.errors import KgError
    from kg.store import RemoteStore

    with socket.socket() as listener:
        listener.bind(("127.0.0.1", 0))
        listener.listen(1)  # connections are queued by the kernel and never read
        port = listener.getsockname()[1]
        t0 = time.monotonic()
        try:
            with pytest.raises(KgError) as err:
                RemoteStore(f"http://127.0.0.1:{port}", timeout=1.0)
        finally:
            socket.setdefaulttimeout(None)
        assert str(err.value) == f"cannot reach SPARQL endpoint http://127.0.0.1:{port}/query: timed out"
        assert time.monotonic() - t0 < 10

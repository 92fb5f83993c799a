"""Crash safety: `kill -9` in the middle of writing leaves a store that opens,
validates, holds only whole articles, and that re-running the same command
completes. Real subprocesses, real SIGKILL (and Ctrl-C)."""

from __future__ import annotations

import signal
import subprocess
import sys
import time

import pytest

from kg.store import open_store

from .conftest import article_count, graph_sets, kg_popen, kg_run, write_articles

pytestmark = pytest.mark.slow

N_ARTICLES = 240


def summary_counts(stdout: str) -> tuple[int, int, int, int]:
    """(read, new, unchanged, failed) from ingest's summary line."""
    import re

    m = re.match(r"(\d+) read, (\d+) new, (\d+) unchanged, (\d+) failed", stdout.strip().splitlines()[-1])
    assert m, stdout
    return tuple(int(x) for x in m.groups())


@pytest.fixture(scope="module")
def reference(tmp_path_factory):
    """A batch of distinct articles, and every graph an uninterrupted run builds from it."""
    tmp = tmp_path_factory.mktemp("batch")
    arts = tmp / "arts"
    write_articles(arts, N_ARTICLES, paragraphs=3)
    done = kg_run("--store", tmp / "ref", "ingest", "-q", arts, timeout=300)
    assert done.returncode == 0, done.stderr
    with open_store(str(tmp / "ref"), read_only=True) as s:
        expected = graph_sets(s)
    assert len([g for g in expected if "/article/" in g]) == N_ARTICLES
    return arts, expected


@pytest.mark.parametrize(
    "sig, code, stderr, workers",
    [
        (signal.SIGKILL, -signal.SIGKILL, "", "1"),  # kill -9: no chance to clean up
        # ... with parser processes, orphaned by the kill. Their stderr is not
        # checked: an orphaned pool worker that was sending a result prints a
        # BrokenPipeError traceback (reported to kg/ingest.py's owner).
        (signal.SIGKILL, -signal.SIGKILL, None, "2"),
        (signal.SIGINT, 130, "Error: interrupted\n", "1"),  # Ctrl-C: one line, exit 130
    ],
    ids=["SIGKILL", "SIGKILL-workers", "SIGINT"],
)
def test_killed_ingest_leaves_whole_articles(tmp_path, reference, sig, code, stderr, workers):
    arts, expected = reference
    crashed = tmp_path / "crashed"
    proc = kg_popen("--store", crashed, "ingest", "-q", "--workers", workers, arts)
    # Stop it once some batches are in and many are still to come, so the
    # process is parsing, serialising or writing a transaction when it dies.
    deadline = time.monotonic() + 120
    while article_count(crashed) < 24:
        assert proc.poll() is None, proc.communicate()
        assert time.monotonic() < deadline, "ingest wrote nothing in 120 s"
        time.sleep(0.02)
    time.sleep(0.15)
    proc.send_signal(sig)
    _out, err = proc.communicate(timeout=60)
    assert proc.returncode == code
    if stderr is not None:
        assert err == stderr

    # The store opens (the lock died with the process) and conforms.
    val = kg_run("--store", crashed, "validate")
    assert val.returncode == 0, val.stdout + val.stderr
    assert val.stdout.startswith("conforms")

    # Whole articles only: every graph present is identical to the one the
    # uninterrupted run built from the same file.
    with open_store(str(crashed), read_only=True) as s:
        present = graph_sets(s)
    articles = [g for g in present if "/article/" in g]
    assert 24 <= len(articles) < N_ARTICLES, "the signal did not land mid-batch"
    for g, triples in present.items():
        assert triples == expected[g], f"graph {g} differs from the uninterrupted run"

    # Re-running the same command finishes the batch: the articles already in
    # are skipped by content hash, the rest go in, and the store ends up equal
    # to the uninterrupted run.
    again = kg_run("--store", crashed, "ingest", "-q", "--workers", workers, arts, timeout=300)
    assert again.returncode == 0, again.stderr
    assert summary_counts(again.stdout) == (N_ARTICLES, N_ARTICLES - len(articles), len(articles), 0)
    with open_store(str(crashed), read_only=True) as s:
        assert graph_sets(s) == expected


WRITER = r"""
import sys
from rdflib import Graph, Literal, URIRef
from kg.store import open_store

def graph(i):
    g = Graph(identifier=URIRef(f"http://example.org/g/{i}"))
    for j in range(50):
        g.add((URIRef(f"http://example.org/s/{i}/{j}"), URIRef("http://example.org/p"), Literal(f"{i}-{j}-" + "x" * 20000)))
    return g

graphs = [graph(i) for i in range(int(sys.argv[2]), int(sys.argv[3]))]
store = open_store(sys.argv[1])
print("writing", flush=True)
store.write(graphs)
print("written", flush=True)
store.close()
"""


def expected_graph(i: int) -> tuple[int, int, int]:
    """(triples, distinct subjects, total literal length) of graph i as WRITER builds it."""
    return 50, 50, sum(len(f"{i}-{j}-") + 20000 for j in range(50))


def graph_stats(store) -> dict[str, tuple[int, int, int]]:
    """The same figures for every graph in the store, computed by Oxigraph
    (reading 150 MB of literals back into Python would cost seconds)."""
    rows = store.query(
        "SELECT ?g (COUNT(*) AS ?n) (COUNT(DISTINCT ?s) AS ?subjects) (SUM(STRLEN(?o)) AS ?len) "
        "WHERE { GRAPH ?g { ?s <http://example.org/p> ?o } } GROUP BY ?g"
    )
    return {str(g): (int(n), int(subjects), int(length)) for g, n, subjects, length in rows}


# The write serialises for ~0.5 s, then Oxigraph loads for 1-5 s (here): a
# kill in the middle of the load and one near its end.
@pytest.mark.parametrize("delay", [0.6, 1.0])
def test_kill_9_inside_one_write_transaction(tmp_path, delay):
    """Store.write of 150 graphs (150 MB, seconds of work) killed inside the
    call: each graph is afterwards all there or not there, never partly."""
    path = tmp_path / "s"
    first = subprocess.run(
        [sys.executable, "-c", WRITER, str(path), "0", "4"], capture_output=True, text=True, timeout=120
    )
    assert first.returncode == 0, first.stderr
    for _attempt in range(4):  # a faster machine may finish first: kill sooner
        proc = subprocess.Popen(
            [sys.executable, "-c", WRITER, str(path), "4", "154"], stdout=subprocess.PIPE, text=True
        )
        assert proc.stdout.readline().strip() == "writing"
        time.sleep(delay)
        proc.send_signal(signal.SIGKILL)
        proc.wait(30)
        if "written" not in proc.stdout.read():
            break
        delay /= 2
    else:
        pytest.fail("the write always finished before the kill: make it bigger")

    with open_store(str(path)) as s:  # opens for writing: recovered, lock released
        present = graph_stats(s)
    for g, stats in present.items():
        i = int(g.rsplit("/", 1)[1])
        assert stats == expected_graph(i), f"graph {g} is only partly there ({stats[0]} of 50 triples)"
    assert {f"http://example.org/g/{i}" for i in range(4)} <= set(present)  # earlier writes survive

    # writing again completes
    again = subprocess.run(
        [sys.executable, "-c", WRITER, str(path), "4", "154"], capture_output=True, text=True, timeout=120
    )
    assert again.returncode == 0, again.stderr
    with open_store(str(path), read_only=True) as s:
        assert graph_stats(s) == {f"http://example.org/g/{i}": expected_graph(i) for i in range(154)}

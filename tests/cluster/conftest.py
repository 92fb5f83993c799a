"""Fixtures for the cluster tests: an in-process Dask cluster (one worker
thread, sharing this process's spaCy model, so it starts in a second), a
corpus that exercises every path of ingest, and helpers to compare stores.

The real thing (worker processes, SIGKILL, a scheduler on TCP) is tested in
tests/robustness/test_cluster_faults.py."""

from __future__ import annotations

import shutil

import pyoxigraph as ox
import pytest

from kg.ingest import ingest
from kg.store import open_store

from ..conftest import CORPUS
from ..robustness.conftest import server  # noqa: F401 - the oxigraph server fixture, shared


@pytest.fixture(scope="session")
def scheduler(nlp):
    """The address of an in-process cluster: one worker, one thread (spaCy's
    Language is not shared between threads that parse at once)."""
    from distributed import LocalCluster

    with LocalCluster(
        processes=False, n_workers=1, threads_per_worker=1, protocol="tcp", dashboard_address="127.0.0.1:0"
    ) as lc:
        yield lc.scheduler_address


@pytest.fixture(scope="session")
def corpus(tmp_path_factory):
    """The bundled articles, variants of them (distinct hashes), a duplicate
    under another name, two unreadable files, and an article naming someone
    by surname only after articles that give him that alias (linking must
    rebuild its graph)."""
    d = tmp_path_factory.mktemp("corpus")
    for f in sorted(CORPUS.glob("*")):
        if f.is_file():  # not corpus/gold/
            shutil.copy(f, d / f.name)
    for f in sorted(CORPUS.glob("*.txt")):
        paras = f.read_text("utf-8").split("\n\n")
        for k in range(2):
            text = "\n\n".join(paras[:6] + [f"This is edition {k} of the story, from the Kampot desk."] + paras[6:])
            (d / f"{f.stem}_v{k}.txt").write_text(text, "utf-8")
    first = sorted(CORPUS.glob("*.txt"))[0]
    shutil.copy(first, d / "zy_same_as_first.txt")
    (d / "aa_empty.txt").write_text("", "utf-8")
    (d / "ab_binary.txt").write_bytes(b"\x00\x01\x02binary\x00" * 50)
    (d / "zz_rainsy.txt").write_text("Rainsy said on Monday that the leaked emails were fabricated.\n", "utf-8")
    return d


@pytest.fixture(scope="session")
def reference(corpus, tmp_path_factory):
    """What single-process `kg ingest` reports and stores for ``corpus``:
    (report, quads, {graph: triples})."""
    from ..robustness.conftest import graph_sets

    path = tmp_path_factory.mktemp("ref") / "store"
    rep = single_process(path, [str(corpus)])
    with open_store(str(path), read_only=True) as s:
        graphs = graph_sets(s)
    return report_tuple(rep), quads(path), graphs


def quads(path) -> set:
    s = ox.Store.read_only(str(path))
    try:
        return set(s)
    finally:
        del s


def single_process(path, inputs: list[str], **kw):
    """The reference: plain `kg ingest` of the same inputs into an embedded store."""
    with open_store(str(path)) as store:
        return ingest(store, inputs, **kw)


def report_tuple(rep) -> tuple:
    return (rep.summary(), sorted(rep.failures))

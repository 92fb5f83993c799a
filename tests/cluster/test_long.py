"""A long article on a cluster is handled as single-process ingest handles
it: parsed in the same pieces, extracted in the same windows, and its graph
written in parts, never whole. The limits are lowered so a generated article
of ~30,000 characters crosses every one of them; bench/long_text.py measures
the real sizes."""

from __future__ import annotations

import pytest

import kg.graph as graph_mod
import kg.ingest as ingest_mod
import kg.parse as parse_mod
import kg.windows as windows_mod
from kg.cleaning import clean_text
from kg.cluster import ingest_on_cluster
from kg.cluster import pipeline as P
from kg.cluster import tasks as T
from kg.graph import ArticleQuads
from kg.ids import article_iri, content_hash
from kg.namespace import KG
from kg.store import EmbeddedStore, open_store
from kg.windows import extract_article

from ..conftest import CORPUS
from ..robustness.conftest import graph_sets
from .conftest import quads, report_tuple, single_process

FIRST = CORPUS / "000_aeb538c21ffb816a.txt"


def long_article() -> str:
    """Real news paragraphs in editions, and a surname-only speaker whose
    full name an earlier article gives (linking must rebuild the long graph)."""
    paras = [p for p in FIRST.read_text("utf-8").split("\n\n") if p.strip()]
    editions = []
    for k in range(3):
        editions.append(f"Edition {k}, from the Kampot desk.\n\n" + "\n\n".join(paras[1:]))
        editions.append("Rainsy said on Monday that the leaked emails were fabricated.")
    return "Long report\n\n" + "\n\n".join(editions) + "\n"


@pytest.fixture
def small_limits(monkeypatch):
    # The in-process cluster's worker shares these modules: it sees the same limits.
    monkeypatch.setattr(parse_mod, "PIECE_CHARS", 2_000)
    monkeypatch.setattr(windows_mod, "WINDOW_CHARS", 6_000)
    monkeypatch.setattr(ingest_mod, "LONG_CHARS", 10_000)
    monkeypatch.setattr(graph_mod, "PART_TRIPLES", 400)


@pytest.fixture
def inputs(tmp_path):
    """A short article that introduces Sam Rainsy, the long one, a short one after."""
    d = tmp_path / "in"
    d.mkdir()
    (d / "a_first.txt").write_text(FIRST.read_text("utf-8"), "utf-8")
    (d / "b_long.txt").write_text(long_article(), "utf-8")
    (d / "c_after.txt").write_text(
        "Opposition leader Jane Roe accused Minister John Doe of taking bribes.\n\n"
        "Doe denied the allegation on Tuesday.\n",
        "utf-8",
    )
    return d


@pytest.fixture
def writes(monkeypatch):
    """(graph IRI, triples) of each graph handed to the embedded store, per write."""
    seen: list[list[tuple[str, int]]] = []
    real = EmbeddedStore.write

    def write(self, graphs, drop=()):
        graphs = list(graphs)
        seen.append([(str(g.identifier), len(g)) for g in graphs])
        return real(self, graphs, drop)

    monkeypatch.setattr(EmbeddedStore, "write", write)
    return seen


def cluster_ingest(path, inputs, scheduler, **kw):
    with open_store(str(path)) as store:
        return ingest_on_cluster(store, inputs, scheduler=scheduler, **kw)


def test_the_long_article_is_extracted_in_the_same_windows(small_limits, inputs, nlp):
    text = (inputs / "b_long.txt").read_text("utf-8")
    assert len(text) > 4 * windows_mod.WINDOW_CHARS
    art = clean_text(text)
    read = T.Read(T.Job(0, "b_long.txt", str(inputs / "b_long.txt")), art, content_hash(art.raw))
    (done,) = T.extract_batch([read], [True])
    merged = extract_article(art, nlp)
    assert done.records["entities"] == merged["entities"]
    assert list(done.records["statements"]) == list(merged["statements"])
    # the graph stays on the worker in parts, the article node in the last
    assert isinstance(done.quads, T.LongGraph) and len(done.quads.parts) > 5
    parts = [done.quads.part(k) for k in range(len(done.quads.parts))]
    assert all(isinstance(p, ArticleQuads) for p in parts)
    marker = f"<{KG.Article}>"
    assert [k for k, p in enumerate(parts) if marker in p.ntriples()] == [len(parts) - 1]
    (view,) = T.batch_view([done], True)
    assert view.quads is None and view.parts == len(parts)


def test_cluster_stores_the_long_article_as_single_process_does(
    tmp_path, small_limits, inputs, scheduler, writes, monkeypatch
):
    ref = single_process(tmp_path / "ref", [str(inputs)])
    writes.clear()
    tasks, submit = [], P._Run._submit

    def spy(self, fn, *args, name):
        tasks.append(name)
        return submit(self, fn, *args, name=name)

    monkeypatch.setattr(P._Run, "_submit", spy)
    rep = cluster_ingest(tmp_path / "dask", [str(inputs)], scheduler)
    # "Rainsy" was linked to the first article's Sam Rainsy: the long graph was rebuilt on the worker
    assert tasks.count("rebuild") == tasks.count("parts") == 1
    assert report_tuple(rep) == report_tuple(ref)
    assert (rep.new, rep.failed) == (3, 0)
    assert quads(tmp_path / "dask") == quads(tmp_path / "ref")
    # the long graph went in as parts of ~PART_TRIPLES, one per transaction
    art = clean_text((inputs / "b_long.txt").read_text("utf-8"))
    long_iri = str(article_iri(content_hash(art.raw)))
    parts = [w for w in writes if any(g == long_iri for g, _n in w)]
    assert len(parts) > 5 and all(len(w) == 1 and w[0][1] < 3 * graph_mod.PART_TRIPLES for w in parts)
    # again: nothing to do; --force: replaced, the same quads
    assert cluster_ingest(tmp_path / "dask", [str(inputs)], scheduler).unchanged == 3
    again = cluster_ingest(tmp_path / "dask", [str(inputs)], scheduler, force=True)
    assert (again.new, again.replaced) == (0, 3)
    assert report_tuple(again) == report_tuple(single_process(tmp_path / "ref", [str(inputs)], force=True))
    assert quads(tmp_path / "dask") == quads(tmp_path / "ref")


@pytest.mark.parametrize(
    "mode",
    [{}, {"write_from_workers": True}, {"write_from_workers": True, "bulk_load": True}],
    ids=["through-client", "from-workers", "bulk-load"],
)
def test_long_article_into_a_server(tmp_path, small_limits, inputs, scheduler, server, mode):
    ref = single_process(tmp_path / "ref", [str(inputs)])
    with open_store(str(tmp_path / "ref"), read_only=True) as s:
        expected = graph_sets(s)
    with open_store(server.url) as store:
        store.update("DROP SILENT ALL")
        rep = ingest_on_cluster(store, [str(inputs)], scheduler=scheduler, **mode)
        assert report_tuple(rep) == report_tuple(ref)
        assert graph_sets(store) == expected
        again = ingest_on_cluster(store, [str(inputs)], scheduler=scheduler, **mode)
    assert again.summary().startswith("3 read, 0 new, 3 unchanged, 0 failed")

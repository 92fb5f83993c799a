"""Parallel ingest writes exactly what a single process writes.

Workers parse, extract and serialise graphs speculatively; the main process
links names across articles in input order and rebuilds a graph when linking
chose other IRIs. Whatever the worker count, the store must hold the same
quads, and those must be the quads of ``article_graph`` (the rdflib mapping the
graph tests check)."""

import shutil

import pyoxigraph as ox
import pytest
from oxrdflib._converter import to_ox

from kg.claims import CLAIMS_GRAPH
from kg.extract import extract
from kg.graph import article_graph
from kg.ids import content_hash, entity_iri
from kg.ingest import TASK_ARTICLES, ingest
from kg.reading import Source, read_article
from kg.store import open_store

from ..conftest import CORPUS


@pytest.fixture(scope="module")
def corpus(tmp_path_factory):
    d = tmp_path_factory.mktemp("corpus")
    for f in sorted(p for p in CORPUS.glob("*") if p.is_file()):  # articles and sidecars, not gold/
        shutil.copy(f, d / f.name)
    # Variants with a distinct paragraph each (distinct content hashes), so
    # both workers get tasks.
    for f in sorted(CORPUS.glob("*.txt")):
        paras = f.read_text("utf-8").split("\n\n")
        for k in range(2):
            text = "\n\n".join(paras[:6] + [f"This is edition {k} of the story, from the Kampot desk."] + paras[6:])
            (d / f"{f.stem}_v{k}.txt").write_text(text, "utf-8")
    # Named by surname only, after the articles that give "Sam Rainsy" the
    # alias "Rainsy": cross-article linking replaces the worker's graph.
    (d / "zz_rainsy.txt").write_text("Rainsy said on Monday that the leaked emails were fabricated.\n", "utf-8")
    assert len(list(d.glob("*.txt"))) > TASK_ARTICLES  # two tasks at least
    return d


def quads(path) -> set:
    s = ox.Store.read_only(str(path))
    try:
        return set(s)
    finally:
        del s


def test_two_workers_write_the_same_store_as_one(tmp_path, corpus, nlp):
    reports = {}
    for workers in (1, 2):
        with open_store(str(tmp_path / f"w{workers}")) as store:
            reports[workers] = ingest(store, [str(corpus)], workers=workers)
    assert reports[1].ok and reports[1].new == 7, reports[1].failures
    assert reports[1].summary() == reports[2].summary()
    one, two = quads(tmp_path / "w1"), quads(tmp_path / "w2")
    assert len(one) > 5000
    assert one == two

    # The surname-only article was linked to the person the corpus names in full.
    zz = read_article(Source(str(corpus / "zz_rainsy.txt"), corpus / "zz_rainsy.txt"))
    graph = ox.NamedNode(article_graph(zz, {}, source="x").identifier)
    rainsy = ox.NamedNode(entity_iri("person:sam-rainsy"))
    assert any(q.object == rainsy and q.graph_name == graph for q in one)


def test_ingest_writes_exactly_the_article_graph(tmp_path, nlp):
    src = CORPUS / "000_aeb538c21ffb816a.txt"
    with open_store(str(tmp_path / "s")) as store:
        ingest(store, [str(src)])
    art = read_article(Source(str(src), src))
    g = article_graph(art, extract(art, nlp), source=str(src))
    assert g.identifier.endswith(content_hash(art.raw)[:20])
    stored = quads(tmp_path / "s")
    # besides the article's graph, only the claim index (kg/claims) is written
    claims = ox.NamedNode(str(CLAIMS_GRAPH))
    assert {q.graph_name for q in stored} == {ox.NamedNode(str(g.identifier)), claims}
    assert {q for q in stored if q.graph_name != claims} == {to_ox((s, p, o, g.identifier)) for s, p, o in g}


@pytest.mark.skipif(
    "fork" not in __import__("multiprocessing").get_all_start_methods(),
    reason="the patched extractor reaches workers only when they are forked",
)
def test_a_failing_article_is_reported_alike_with_workers(tmp_path, monkeypatch, nlp):
    import kg.extract

    real = kg.extract.extract_doc

    def flaky(doc, article):
        if "BOOM" in doc.text:
            raise ValueError("extractor bug on purpose")
        return real(doc, article)

    monkeypatch.setattr(kg.extract, "extract_doc", flaky)
    d = tmp_path / "in"
    d.mkdir()
    for i in range(6):
        extra = " BOOM." if i == 3 else ""
        (d / f"a{i}.txt").write_text(f"Minister John Doe{i} denied the report on Monday.{extra}\n", "utf-8")
    reports = {}
    for workers in (1, 2):
        with open_store(str(tmp_path / f"w{workers}")) as store:
            reports[workers] = ingest(store, [str(d)], workers=workers)
    for rep in reports.values():
        assert (rep.read, rep.new, rep.failed) == (6, 5, 1)
        assert rep.failures == [(str(d / "a3.txt"), f"{d / 'a3.txt'}: extraction failed: extractor bug on purpose")]
    assert quads(tmp_path / "w1") == quads(tmp_path / "w2")

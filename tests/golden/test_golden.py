"""Golden graphs: each corpus article's named graph, triple for triple.

A change in extraction shows up here as a readable diff of N-Triples; when the
change is intended, regenerate with `python -m tests.golden.regen` and review.
"""

import difflib

import pytest

from .regen import CORPUS, HERE, golden_ntriples

ARTICLES = sorted(p.name for p in CORPUS.glob("*.txt"))


@pytest.mark.parametrize("name", ARTICLES)
def test_graph_matches_golden(name, nlp):
    golden = (HERE / name.replace(".txt", ".nt")).read_text("utf-8")
    built = golden_ntriples(name)
    if built != golden:
        diff = "".join(
            list(difflib.unified_diff(golden.splitlines(True), built.splitlines(True), "golden", "built"))[:60]
        )
        pytest.fail(f"graph of {name} differs from golden (python -m tests.golden.regen if intended):\n{diff}")


@pytest.mark.parametrize("name", ARTICLES)
def test_golden_graph_conforms(name):
    from rdflib import Graph

    from kg.validate import validate_graph

    g = Graph().parse(data=(HERE / name.replace(".txt", ".nt")).read_text("utf-8"), format="nt")
    report = validate_graph(g)
    assert report.conforms, report.text

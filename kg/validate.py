"""SHACL validation of the store (or one graph) against ontology/shapes.ttl."""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from importlib import resources

from rdflib import Graph

from .store import Store


@lru_cache(maxsize=None)
def _ontology_text(name: str) -> str:
    return resources.files("kg").joinpath("ontology", name).read_text("utf-8")


def ontology_graph() -> Graph:
    return Graph().parse(data=_ontology_text("kg.ttl"), format="turtle")


def shapes_graph() -> Graph:
    return Graph().parse(data=_ontology_text("shapes.ttl"), format="turtle")


@dataclass
class ValidationReport:
    conforms: bool
    violations: int
    text: str


def validate_graph(data: Graph) -> ValidationReport:
    from pyshacl import validate

    # The ontology travels with the data: subclass axioms (an Account is a
    # kg:Agent) and the certainty/polarity individuals live there.
    data = data + ontology_graph()
    conforms, results_graph, text = validate(
        data,
        shacl_graph=shapes_graph(),
        inference="none",
        abort_on_first=False,
        allow_warnings=True,
    )
    from rdflib.namespace import SH

    n = len(set(results_graph.subjects(SH.resultSeverity, SH.Violation)))
    return ValidationReport(bool(conforms), n, text)


def validate_store(store: Store) -> ValidationReport:
    data = Graph()
    for s, p, o, _g in store.query("SELECT ?s ?p ?o ?g WHERE { GRAPH ?g { ?s ?p ?o } }"):
        data.add((s, p, o))
    return validate_graph(data)

"""kg/namespace.py and ontology/kg.ttl must name exactly the same terms."""

from rdflib import Graph, URIRef
from rdflib.namespace import OWL, RDF

from kg.namespace import KG, NS, STATEMENT_CLASS

from ..conftest import ROOT


def ttl_terms() -> set[str]:
    g = Graph().parse(ROOT / "ontology" / "kg.ttl")
    return {str(s)[len(NS) :] for s in g.subjects() if isinstance(s, URIRef) and str(s).startswith(NS)}


def test_python_and_turtle_agree():
    py_terms = set(KG.__annotations__)
    assert py_terms == ttl_terms()


def test_every_term_is_typed_and_labelled():
    g = Graph().parse(ROOT / "ontology" / "kg.ttl")
    for name in KG.__annotations__:
        term = KG[name]
        assert (term, RDF.type, None) in g, name
        assert any(g.objects(term, URIRef("http://www.w3.org/2000/01/rdf-schema#label"))), name


def test_statement_classes_are_statements():
    g = Graph().parse(ROOT / "ontology" / "kg.ttl")
    sub = URIRef("http://www.w3.org/2000/01/rdf-schema#subClassOf")
    for cls in STATEMENT_CLASS.values():
        assert cls == KG.Statement or KG.Statement in set(g.transitive_objects(cls, sub))
        assert (cls, RDF.type, OWL.Class) in g


def test_unknown_term_fails_loudly():
    import pytest

    with pytest.raises(AttributeError):
        KG.NoSuchTerm  # noqa: B018

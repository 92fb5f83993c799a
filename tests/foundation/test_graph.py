from rdflib import BNode, Literal
from rdflib.namespace import RDF

from kg.graph import article_graph
from kg.ids import article_iri, content_hash, entity_iri
from kg.namespace import KG, OA, SCHEMA
from kg.validate import validate_graph

from ..records import TEXT, records


def build():
    art, rec = records()
    return article_graph(art, rec, source="test.txt")


def test_graph_is_named_after_the_content_hash():
    g = build()
    assert g.identifier == article_iri(content_hash(TEXT))
    assert (g.identifier, RDF.type, KG.Article) in g


def test_no_blank_nodes_and_deterministic():
    g1, g2 = build(), build()
    assert not any(isinstance(t, BNode) for triple in g1 for t in triple)
    assert sorted(g1) == sorted(g2)


def test_denial_links_speaker_and_denied_allegation():
    g = build()
    denial = next(g.subjects(RDF.type, KG.Denial))
    assert (denial, KG.speaker, entity_iri("person:john-doe")) in g
    accusation = next(g.objects(denial, KG.denies))
    assert (accusation, RDF.type, KG.Accusation) in g
    assert (accusation, KG.target, entity_iri("person:john-doe")) in g
    sentence = next(g.objects(denial, KG.sentence))
    start, end = int(next(g.objects(sentence, OA.start))), int(next(g.objects(sentence, OA.end)))
    assert TEXT[start:end] == str(next(g.objects(sentence, OA.exact)))


def test_roles_accounts_metrics():
    g = build()
    doe = entity_iri("person:john-doe")
    assert (doe, SCHEMA.jobTitle, Literal("Prime Minister")) in g
    assert (doe, SCHEMA.affiliation, entity_iri("org:cabinet")) in g
    acc = entity_iri("account:facebook:john-doe:page")
    assert (acc, KG.holder, doe) in g and (doe, KG.holdsAccount, acc) in g
    metric = next(g.objects(acc, KG.metric))
    assert int(next(g.objects(metric, KG.value))) == 7400000


def test_graph_conforms_to_shapes():
    report = validate_graph(build())
    assert report.conforms, report.text


def test_shapes_catch_a_broken_statement():
    g = build()
    denial = next(g.subjects(RDF.type, KG.Denial))
    g.remove((denial, KG.sentence, None))
    report = validate_graph(g)
    assert not report.conforms and report.violations >= 1


def test_revised_statement_keeps_its_rule_and_records_each_revision():
    """A pass that revised a statement is recorded beside the rule that made it (kg:revisedBy), and conforms."""
    art, rec = records()
    rec["statements"][1]["revised_by"] = ["cataphoric", "negated-rebuttal"]
    g = article_graph(art, rec, source="test.txt")
    denial = next(g.subjects(RDF.type, KG.Denial))
    assert set(g.objects(denial, KG.rule)) == {Literal("cue-deny")}
    assert set(g.objects(denial, KG.revisedBy)) == {Literal("cataphoric"), Literal("negated-rebuttal")}
    accusation = next(g.subjects(RDF.type, KG.Accusation))
    assert not list(g.objects(accusation, KG.revisedBy))
    assert validate_graph(g).conforms

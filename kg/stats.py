"""Counts per class and per article."""

from __future__ import annotations

from .store import Store

CLASS_COUNTS = """
SELECT ?class (COUNT(DISTINCT ?x) AS ?n) WHERE {
  GRAPH ?g { ?x a ?class . FILTER(STRSTARTS(STR(?class), STR(kg:))) }
} GROUP BY ?class ORDER BY ?class
"""

ARTICLE_COUNTS = """
SELECT ?article ?people ?statements ?allegations ?denials ?triples WHERE {
  { SELECT ?g (COUNT(*) AS ?triples) WHERE { GRAPH ?g { ?s ?p ?o } } GROUP BY ?g }
  GRAPH ?g { ?g a kg:Article . OPTIONAL { ?g schema:headline ?h } OPTIONAL { ?g kg:sourcePath ?src } }
  BIND(COALESCE(?h, ?src) AS ?article)
  OPTIONAL { SELECT ?g (COUNT(DISTINCT ?p1) AS ?people) WHERE { GRAPH ?g { ?p1 a kg:Person } } GROUP BY ?g }
  OPTIONAL { SELECT ?g (COUNT(DISTINCT ?s1) AS ?statements) WHERE { GRAPH ?g { ?s1 kg:reportedIn ?g ; kg:content ?c } } GROUP BY ?g }
  OPTIONAL { SELECT ?g (COUNT(DISTINCT ?a1) AS ?allegations) WHERE { GRAPH ?g { VALUES ?ac { kg:Allegation kg:Accusation } ?a1 a ?ac } } GROUP BY ?g }
  OPTIONAL { SELECT ?g (COUNT(DISTINCT ?d1) AS ?denials) WHERE { GRAPH ?g { ?d1 a kg:Denial } } GROUP BY ?g }
} ORDER BY ?article
"""


def class_counts(store: Store) -> list[tuple[str, int]]:
    out = []
    for cls, n in store.query(CLASS_COUNTS):
        out.append((str(cls).rsplit("#", 1)[-1], int(n)))
    return out


def article_counts(store: Store) -> tuple[list[str], list[list[str]]]:
    res = store.query(ARTICLE_COUNTS)
    names = ["article", "people", "statements", "allegations", "denials", "triples"]
    rows = [[str(r[0])] + [str(int(v)) if v is not None else "0" for v in r[1:]] for r in res]
    return names, rows

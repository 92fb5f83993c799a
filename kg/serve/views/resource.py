"""Any other kg IRI (a membership, role, metric, publisher ...): the triples
about it and pointing at it, per article graph."""

from __future__ import annotations

from ..catalogue import Catalogue
from ..page import NotFound, Page, Table, link, term
from ..source import Iri, Source

ROWS = 500
OUT = f"SELECT ?x ?g ?p ?o WHERE {{ GRAPH ?g {{ ?x ?p ?o }} }} LIMIT {ROWS}"
IN = f"SELECT ?x ?g ?s ?p WHERE {{ GRAPH ?g {{ ?s ?p ?x }} }} LIMIT {ROWS}"
SPARQL = "SELECT ?g ?p ?o WHERE { BIND(%s AS ?x) GRAPH ?g { ?x ?p ?o } } ORDER BY ?p ?o"


def _short(iri: str) -> str:
    from ...namespace import PREFIXES

    for p, ns in sorted(PREFIXES.items(), key=lambda kv: -len(kv[1])):
        if iri.startswith(ns) and p != "kgid":
            return f"{p}:{iri[len(ns) :]}"
    return iri


def _value(cat: Catalogue, v: str | None):
    if v is None:
        return ""
    if v.startswith(("http://", "https://")):
        return link(cat.name(v, _short(v)), v)
    return v


def resource(src: Source, cat: Catalogue, iri: str) -> Page:
    out_rows = src.rows(OUT, {"x": Iri(iri)})
    in_rows = src.rows(IN, {"x": Iri(iri)})
    if not out_rows and not in_rows:
        raise NotFound(f"nothing in the store is about {iri}")
    rows = []
    for _x, g, p, o in sorted(out_rows, key=lambda r: (r[2], r[3] or "", r[1])):
        art = cat.articles.get(g)
        rows.append(["out", _short(p), _value(cat, o), link(art.headline if art else g, g)])
    for _x, g, s, p in sorted(in_rows, key=lambda r: (r[3], r[2], r[1])):
        art = cat.articles.get(g)
        rows.append(["in", _short(p), _value(cat, s), link(art.headline if art else g, g)])
    name = next((o for _x, _g, p, o in out_rows if p.endswith(("#label", "/name", "#metricName"))), "")
    title = f"{name} ({_short(iri)})" if name else _short(iri)
    return Page(
        title,
        "resource.html",
        context={"iri": iri, "truncated": len(out_rows) >= ROWS or len(in_rows) >= ROWS},
        table=Table(["direction", "property", "value", "article"], rows, total=len(rows), name="triples"),
        data={"iri": iri},
        sparql=SPARQL % term(_uri(iri)),
        kind="",
    )


def _uri(iri: str):
    from rdflib import URIRef

    return URIRef(iri)

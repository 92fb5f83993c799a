"""Corrections in the store: one named graph each, read and written whole."""

from __future__ import annotations

from collections import defaultdict

from ..graph import ntriples
from ..store import Store
from .anchors import q
from .model import GRAPH_PREFIX, Correction, from_rows, to_triples

_ROWS = "SELECT ?g ?p ?o WHERE { GRAPH ?g { ?g a kg:Correction ; ?p ?o } }"
_WHO = "SELECT ?g ?who WHERE { GRAPH ?g { ?g a kg:Correction ; prov:wasAssociatedWith/schema:name ?who } }"
_ANCHORS = "SELECT ?g ?a ?p ?o WHERE { GRAPH ?g { ?g a kg:Correction ; kg:anchor ?a . ?a ?p ?o } }"


def load_all(store: Store) -> list[Correction]:
    """Every correction, oldest first (the order they are replayed in)."""
    rows: dict[str, list] = defaultdict(list)
    for g, p, o in q(store, _ROWS):
        if str(g).startswith(GRAPH_PREFIX):
            rows[str(g)].append((str(p), o))
    for g, who in q(store, _WHO):
        rows[str(g)].append(("who", who))
    anchors: dict[str, dict] = defaultdict(lambda: defaultdict(dict))
    for g, a, p, o in q(store, _ANCHORS):
        anchors[str(g)][str(a)][str(p)] = o
    out = [from_rows(g, r, anchors[g]) for g, r in rows.items()]
    return sorted(out, key=lambda c: (c.when, c.id))


def save(store: Store, c: Correction) -> None:
    """Write (or rewrite) the correction's graph in one update."""
    store.update(
        f"DROP SILENT GRAPH <{c.graph}> ;\nINSERT DATA {{ GRAPH <{c.graph}> {{\n{ntriples(to_triples(c))}}} }}"
    )


def delete(store: Store, c: Correction) -> None:
    store.update(f"DROP SILENT GRAPH <{c.graph}>")

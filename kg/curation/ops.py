"""Each correction as changes to article graphs: quads to remove and to add.

``changes(store, c, graphs)`` reads what the correction touches (only in
``graphs`` when given: the articles just ingested) and returns
{graph: (removed, added)}; ``apply`` writes them in one update and returns
the undo log. Claim corrections (merge-claims, split-claim) change no article
graph: they are constraints on claim grouping (see ``claim_constraints``).
"""

from __future__ import annotations

from rdflib import Literal, URIRef
from rdflib.namespace import RDF

from ..errors import KgError
from ..graph import ntriples
from ..namespace import KG, ORG, SCHEMA, STATEMENT_CLASS
from ..store import Store
from .anchors import q, resolve_anchor
from .model import Correction

Changes = dict  # graph IRI -> (removed: list[triple], added: list[triple])
ENTITY_CLASSES = (KG.Person, KG.Organization, KG.Account)


def changes(store: Store, c: Correction, graphs: list[str] | None = None) -> Changes:
    fn = _OPS.get(c.op)
    return fn(store, c, graphs) if fn else {}


def _stmt(store: Store, c: Correction, role: str, graphs) -> tuple[str, URIRef] | None:
    a = c.anchor(role)
    if a is None:
        return None
    found = resolve_anchor(store, a, graphs)
    return (found[0], URIRef(found[1])) if found else None


def _triples_about(store: Store, g: str, node: URIRef) -> list[tuple]:
    rows = q(store, f"SELECT ?p ?o WHERE {{ GRAPH <{g}> {{ <{node}> ?p ?o }} }}")
    rows_in = q(store, f"SELECT ?s ?p WHERE {{ GRAPH <{g}> {{ ?s ?p <{node}> }} }}")
    return [(node, p, o) for p, o in rows] + [(s, p, node) for s, p in rows_in]


def _reject_statement(store, c, graphs):
    found = _stmt(store, c, "subject", graphs)
    if not found:
        return {}
    g, s = found
    return {g: (_triples_about(store, g, s), [])}


def _graphs_with(store: Store, node: str, graphs) -> list[str]:
    rows = q(
        store,
        f"SELECT DISTINCT ?g WHERE {{ {{ GRAPH ?g {{ <{node}> ?p ?o }} }} UNION {{ GRAPH ?g {{ ?s ?p2 <{node}> }} }} }}",
    )
    from ..claims import CLAIMS_GRAPH
    from .model import GRAPH_PREFIX

    out = sorted(str(r[0]) for r in rows if str(r[0]) != str(CLAIMS_GRAPH) and not str(r[0]).startswith(GRAPH_PREFIX))
    return [g for g in out if graphs is None or g in set(graphs)]


def _reject_entity(store, c, graphs):
    (e,) = c.entities
    node = URIRef(e)
    out = {}
    for g in _graphs_with(store, e, graphs):
        removed = _triples_about(store, g, node)
        # what exists only for this entity: its memberships and metrics
        for (dep,) in q(
            store,
            f"SELECT DISTINCT ?m WHERE {{ GRAPH <{g}> {{ {{ ?m <{ORG.member}> <{e}> }} UNION {{ <{e}> <{KG.metric}> ?m }} }} }}",
        ):
            removed += _triples_about(store, g, dep)
        out[g] = (list(dict.fromkeys(removed)), [])
    return out


def _link(store, c, graphs, add: bool):
    d = _stmt(store, c, "subject", None)
    a = _stmt(store, c, "object", None)
    if not d or not a or (graphs is not None and d[0] not in graphs and a[0] not in graphs):
        return {}
    g = d[0]
    present = bool(q(store, f"SELECT ?x WHERE {{ GRAPH <{g}> {{ <{d[1]}> <{KG.denies}> <{a[1]}> . BIND(1 AS ?x) }} }}"))
    t = (d[1], KG.denies, a[1])
    if add:
        return {} if present else {g: ([], [t])}
    return {g: ([t], [])} if present else {}


def _set_kind(store, c, graphs):
    found = _stmt(store, c, "subject", graphs)
    if not found:
        return {}
    g, s = found
    new = STATEMENT_CLASS[c.new_value]
    old = [
        (s, RDF.type, URIRef(str(o)))
        for (o,) in q(store, f"SELECT ?o WHERE {{ GRAPH <{g}> {{ <{s}> a ?o }} }}")
        if URIRef(str(o)) in set(STATEMENT_CLASS.values()) and URIRef(str(o)) != new
    ]
    add = (
        []
        if q(store, f"SELECT ?x WHERE {{ GRAPH <{g}> {{ <{s}> a <{new}> BIND(1 AS ?x) }} }}")
        else [(s, RDF.type, new)]
    )
    return {g: (old, add)} if old or add else {}


def _set_speaker(store, c, graphs):
    found = _stmt(store, c, "subject", graphs)
    if not found:
        return {}
    g, s = found
    e = URIRef(c.new_entity)
    old = [
        (s, KG.speaker, o)
        for (o,) in q(store, f"SELECT ?o WHERE {{ GRAPH <{g}> {{ <{s}> <{KG.speaker}> ?o }} }}")
        if o != e
    ]
    add = (
        []
        if any(
            True for _ in q(store, f"SELECT ?x WHERE {{ GRAPH <{g}> {{ <{s}> <{KG.speaker}> <{e}> BIND(1 AS ?x) }} }}")
        )
        else [(s, KG.speaker, e)]
    )
    add += _introduce(store, g, e)
    return {g: (old, add)} if old or add else {}


def _introduce(store: Store, g: str, e: URIRef) -> list[tuple]:
    """Triples that make entity ``e`` known in graph ``g`` (type, name, mention by the article)."""
    if q(store, f"SELECT ?x WHERE {{ GRAPH <{g}> {{ <{e}> <{SCHEMA.name}> ?x }} }} LIMIT 1"):
        return []
    rows = q(store, f"SELECT ?c ?n WHERE {{ GRAPH ?h {{ <{e}> a ?c ; <{SCHEMA.name}> ?n }} }} ORDER BY ?h LIMIT 1")
    if not rows:
        raise KgError(f"entity {e} has no name and type in the store")
    cls, name = rows[0]
    return [(e, RDF.type, cls), (e, SCHEMA.name, name), (URIRef(g), SCHEMA.mentions, e)]


def _rewrite(store: Store, g: str, old: URIRef, new: URIRef, new_name: Literal | None) -> tuple[list, list]:
    """Every triple of ``g`` that uses ``old``, with ``new`` instead; ``old``'s
    name becomes an alias of ``new``, which keeps (or gets) its own name."""
    removed = _triples_about(store, g, old)
    added = []
    for s, p, o in removed:
        s2, o2 = (new if s == old else s), (new if o == old else o)
        if s == old and p == SCHEMA.name:
            added.append((new, KG.alias, o))
            continue
        if s == old and p == KG.alias and new_name is not None and o == new_name:
            continue
        added.append((s2, p, o2))
    if new_name is not None:
        added.append((new, SCHEMA.name, new_name))
    return removed, list(dict.fromkeys(added))


def _entity_name(store: Store, e: str) -> Literal | None:
    rows = q(store, f"SELECT ?n WHERE {{ GRAPH ?g {{ <{e}> <{SCHEMA.name}> ?n }} }} ORDER BY ?g LIMIT 1")
    return rows[0][0] if rows else None


def _merge_entities(store, c, graphs):
    (gone,) = c.entities
    keep = URIRef(c.new_entity)
    name = _entity_name(store, str(keep))
    return {g: _rewrite(store, g, URIRef(gone), keep, name) for g in _graphs_with(store, gone, graphs)}


def _split_entity(store, c, graphs):
    (e,) = c.entities
    scope = set(c.articles)
    sources = {a.source for a in c.anchors if a.source}
    targets = [g for g in _graphs_with(store, e, graphs) if g in scope or _source(store, g) in sources]
    return {g: _rewrite(store, g, URIRef(e), URIRef(c.new_entity), Literal(c.new_value)) for g in targets}


def _source(store: Store, g: str) -> str:
    rows = q(store, f"SELECT ?s WHERE {{ GRAPH <{g}> {{ <{g}> <{KG.sourcePath}> ?s }} }} LIMIT 1")
    return str(rows[0][0]) if rows else ""


_OPS = {
    "reject-statement": _reject_statement,
    "reject-entity": _reject_entity,
    "set-link": lambda s, c, g: _link(s, c, g, True),
    "remove-link": lambda s, c, g: _link(s, c, g, False),
    "set-kind": _set_kind,
    "set-speaker": _set_speaker,
    "merge-entities": _merge_entities,
    "split-entity": _split_entity,
}


def apply(store: Store, ch: Changes) -> dict:
    """Write ``ch`` in one update; the undo log: {graph: {"removed": nt, "added": nt}}."""
    parts, logs = [], {}
    for g in sorted(ch):
        removed, added = ch[g]
        both = set(removed) & set(added)  # a triple removed and added again is no change
        # the log must be the change itself: what was there and goes, what was not and comes
        there = _present(store, g, list(dict.fromkeys(removed + added)))
        removed = [t for t in dict.fromkeys(removed) if t not in both and t in there]
        added = [t for t in dict.fromkeys(added) if t not in both and t not in there]
        if not removed and not added:
            continue
        if removed:
            parts.append(f"DELETE DATA {{ GRAPH <{g}> {{\n{ntriples(removed)}}} }}")
        if added:
            parts.append(f"INSERT DATA {{ GRAPH <{g}> {{\n{ntriples(added)}}} }}")
        logs[g] = {"removed": ntriples(removed), "added": ntriples(added)}
    if parts:
        store.update(" ;\n".join(parts))
    return logs


def _present(store: Store, g: str, triples: list[tuple]) -> set[tuple]:
    """Which of ``triples`` graph ``g`` holds (one query per 200 triples)."""
    from ..graph import nt_term

    out = set()
    for i in range(0, len(triples), 200):
        chunk = triples[i : i + 200]
        rows = " ".join(f"({nt_term(s)} {nt_term(p)} {nt_term(o)})" for s, p, o in chunk)
        found = q(store, f"SELECT ?s ?p ?o WHERE {{ VALUES (?s ?p ?o) {{ {rows} }} GRAPH <{g}> {{ ?s ?p ?o }} }}")
        out |= {(s, p, o) for s, p, o in found}
    return out


def revert(store: Store, logs: dict) -> None:
    """Undo what ``apply`` did, graph by graph (skipping graphs no longer stored)."""
    parts = []
    for g in sorted(logs):
        if not store.ask_graph(URIRef(g)):
            continue
        if logs[g].get("added"):
            parts.append(f"DELETE DATA {{ GRAPH <{g}> {{\n{logs[g]['added']}}} }}")
        if logs[g].get("removed"):
            parts.append(f"INSERT DATA {{ GRAPH <{g}> {{\n{logs[g]['removed']}}} }}")
    if parts:
        store.update(" ;\n".join(parts))

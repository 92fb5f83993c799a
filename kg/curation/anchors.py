"""Finding statements, entities and claims: from what a researcher types,
and again from a stored anchor after the article was re-extracted."""

from __future__ import annotations

import re

from ..claims import claim_iri  # noqa: F401  (re-exported: curation names claims the same way)
from ..errors import KgError
from ..namespace import ID
from ..store import Store
from .model import Anchor

STATEMENT_BASE = str(ID["statement/"])


def q(store: Store, text: str, bindings: dict | None = None) -> list[tuple]:
    return [tuple(row) for row in store.query(text, bindings)]


def statement_anchor(store: Store, ident: str, role: str) -> Anchor:
    """A statement given as IRI or as HASH/sN (the end of its IRI) -> its anchor now."""
    iri = statement_iri(store, ident)
    rows = q(
        store,
        f"""SELECT ?g ?cs ?ce ?exact ?src WHERE {{ GRAPH ?g {{ <{iri}> kg:content ?c ; kg:reportedIn ?g .
        ?c oa:start ?cs ; oa:end ?ce ; oa:exact ?exact . OPTIONAL {{ ?g kg:sourcePath ?src }} }} }} LIMIT 1""",
    )
    if not rows:
        raise KgError(f"unknown statement '{ident}': no statement with that IRI in the store")
    g, cs, ce, exact, src = rows[0]
    return Anchor(role, str(g), int(cs), int(ce), str(exact), str(src or ""))


def statement_iri(store: Store, ident: str) -> str:
    ident = ident.strip()
    if ident.startswith(STATEMENT_BASE):
        return ident
    m = re.fullmatch(r"([0-9a-f]{6,20})/(s\d+)", ident)
    if not m:
        raise KgError(
            f"not a statement: '{ident}' (give its IRI or HASH/sN, e.g. 8ca8f2c3d4e5/s4; kg curate find TEXT lists them)"
        )
    rows = q(
        store,
        f"""SELECT DISTINCT ?s WHERE {{ GRAPH ?g {{ ?s kg:reportedIn ?g ; kg:content ?c }}
        FILTER(STRSTARTS(STR(?s), "{STATEMENT_BASE}{m.group(1)}") && STRENDS(STR(?s), "/{m.group(2)}")) }}""",
    )
    if len(rows) != 1:
        raise KgError(
            f"{'ambiguous' if rows else 'unknown'} statement '{ident}': {len(rows)} statements match (give the full IRI)"
        )
    return str(rows[0][0])


def statement_kind(store: Store, iri: str) -> str:
    """The extractor's kind name of a statement ("denial", "allegation", ...)."""
    from ..namespace import STATEMENT_CLASS

    names = {str(v): k for k, v in STATEMENT_CLASS.items()}
    kinds = {
        names[str(r[0])]
        for r in q(store, f"SELECT DISTINCT ?c WHERE {{ GRAPH ?g {{ <{iri}> a ?c }} }}")
        if str(r[0]) in names
    }
    # an accusation is typed Accusation (and may also be typed Allegation): the most specific wins
    for k in ("accusation", *STATEMENT_CLASS):
        if k in kinds:
            return k
    return "statement"


def find_statements(store: Store, text: str, limit: int = 50) -> list[dict]:
    """Statements whose content or sentence contains ``text`` (any case)."""
    from rdflib import Literal

    if not text.strip():
        raise KgError("give some words to find (kg curate find 'bought likes')")
    rows = q(
        store,
        """SELECT ?s ?k ?content ?sentence ?src ?t WHERE { GRAPH ?g {
        ?s kg:reportedIn ?g ; a ?k ; kg:contentText ?content ; kg:sentence/oa:exact ?sentence .
        FILTER(CONTAINS(LCASE(?content), LCASE(?t)) || CONTAINS(LCASE(?sentence), LCASE(?t)))
        OPTIONAL { ?g kg:sourcePath ?src } } } ORDER BY ?src ?s""",
        {"t": Literal(text)},
    )
    out = [
        {
            "statement": short_statement(str(s)),
            "iri": str(s),
            "kind": str(k).rsplit("#", 1)[-1],
            "content": str(content),
            "article": str(src or ""),
        }
        for s, k, content, _sentence, src, _t in rows
    ]
    return out[:limit]


def short_statement(iri: str) -> str:
    return iri[len(STATEMENT_BASE) :] if iri.startswith(STATEMENT_BASE) else iri


def resolve_anchor(store: Store, a: Anchor, graphs: list[str] | None = None) -> tuple[str, str] | None:
    """(graph, statement IRI) the anchor points at now, or None.

    The article it was made in, else (a changed file) the article now read
    from the same source path; within it the statement with the same content
    offsets, else the one with the same content text nearest the old place.
    """
    cands = _anchor_graphs(store, a)
    if graphs is not None:
        cands = [g for g in cands if g in set(graphs)]
    for g in cands:
        rows = q(
            store,
            f"""SELECT ?s ?cs ?ce ?exact WHERE {{ GRAPH <{g}> {{ ?s kg:reportedIn <{g}> ; kg:content ?c .
            ?c oa:start ?cs ; oa:end ?ce ; oa:exact ?exact }} }}""",
        )
        exact = [str(s) for s, cs, ce, _x in rows if (int(cs), int(ce)) == (a.start, a.end)]
        if exact:
            return g, sorted(exact)[0]
        same = sorted(
            (abs(int(cs) - a.start), str(s))
            for s, cs, ce, x in rows
            if " ".join(str(x).split()) == " ".join(a.exact.split())
        )
        if same:
            return g, same[0][1]
    return None


def _anchor_graphs(store: Store, a: Anchor) -> list[str]:
    from rdflib import URIRef

    if store.ask_graph(URIRef(a.article)):
        return [a.article]
    if a.source and a.source != "-":
        return [str(g) for g in store.graphs_for_source(a.source)]
    return []


def article_graph(store: Store, ident: str) -> str:
    """An article given as IRI, content hash (6+ leading characters), source path or file name (with or
    without extension) -> its graph IRI: the forms `kg export --article` takes."""
    key = ident.strip()
    rows = q(
        store,
        "SELECT ?g ?h ?src WHERE { GRAPH ?g { ?g a kg:Article ; kg:contentHash ?h . OPTIONAL { ?g kg:sourcePath ?src } } }",
    )
    stems = []
    for g, h, src in rows:
        src = str(src or "").replace("\\", "/")
        name = src.rsplit("/", 1)[-1]
        stems.append(name.rsplit(".", 1)[0])
        if key in (str(g), src, name, stems[-1]) or (len(key) >= 6 and str(h).startswith(key)):
            return str(g)
    known = sorted(stems)
    shown = ", ".join(known[:8]) + (", ..." if len(known) > 8 else "")
    raise KgError(
        f"unknown article '{ident}': give a file name, source path, content hash or IRI; stored: {shown or 'none'}"
    )


def entity_iri(store: Store, ident: str) -> str:
    """An entity given as IRI, or name/alias (any case, unique) -> IRI."""
    from rdflib import Literal

    ident = ident.strip()
    if ident.startswith(str(ID)):
        if not q(store, f"SELECT ?c WHERE {{ GRAPH ?g {{ <{ident}> a ?c }} }} LIMIT 1"):
            raise KgError(f"unknown entity '{ident}': no node with that IRI in the store")
        return ident
    from ..query import resolve_name

    name = resolve_name(store, ident)
    rows = q(
        store,
        """SELECT DISTINCT ?x ?n WHERE { GRAPH ?g { ?x schema:name ?n ; a ?c .
        VALUES ?c { kg:Person kg:Organization kg:Account } } }""",
        {"n": Literal(name)},
    )
    if len(rows) != 1:
        raise KgError(f"ambiguous name '{ident}': {len(rows)} entities are called {name}; give the IRI")
    return str(rows[0][0])


def claim_members(store: Store, claim: str) -> list[str]:
    from ..claims import CLAIMS_GRAPH

    rows = q(
        store,
        f"""SELECT ?s WHERE {{ GRAPH <{CLAIMS_GRAPH}> {{ <{claim}> kg:membership ?m . ?m kg:statement ?s }} }}
        ORDER BY ?s""",
    )
    return [str(r[0]) for r in rows]

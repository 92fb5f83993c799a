"""Corrections that survive re-ingest: `kg curate`.

Design (docs/curation.md): corrections are *materialised*. Each one is
applied to the article graphs it concerns (a rejected statement's triples are
deleted, a merged entity's IRI rewritten, a kind's rdf:type replaced), so
every query sees the corrected graph: the named queries, exports and maps,
and a researcher's own SPARQL, with nothing to filter. The correction itself
is kept in its own named graph with who, when and why (PROV) and the exact
quads it removed and added (its undo log). After every ingest batch the
corrections are replayed onto the article graphs just written
(kg.derived.after_write), so re-ingesting an article, even re-extracting it
with another extractor, gives back the corrected graph; statements are found
again by their anchor (article, content offsets, exact text). Claim
corrections (merge-claims, split-claim) are constraints that every claim
update and `kg claims rebuild` applies. Undo reverts the correction (and,
on top of it, any later correction of the same articles, which is then
applied again), so the graph is what the extractor gave plus the remaining
corrections.
"""

from __future__ import annotations

import getpass
import os
from datetime import datetime, timezone

from ..errors import KgError, UsageError
from ..namespace import STATEMENT_CLASS
from ..store import Store
from . import anchors as A
from . import ledger, ops
from .model import OPERATIONS, Anchor, Correction

CLAIM_OPS = ("merge-claims", "split-claim")


def curator(name: str | None = None) -> str:
    who = (name or os.environ.get("KG_CURATOR") or "").strip()
    if not who:
        try:
            who = getpass.getuser()
        except (OSError, KeyError):  # no login name (containers)
            who = "unknown"
    return who


def _now() -> str:
    # microseconds: corrections are replayed in the order they were made, and a
    # script makes several within one second
    return datetime.now(timezone.utc).isoformat(timespec="microseconds").replace("+00:00", "Z")


def make(
    store: Store,
    op: str,
    args: list[str],
    *,
    who: str | None = None,
    why: str = "",
    articles: list[str] = (),
    name: str | None = None,
) -> Correction:
    """A correction from what a researcher typed (statement/entity/claim ids, names)."""
    if op not in OPERATIONS:
        raise KgError(f"unknown correction '{op}': valid: {', '.join(OPERATIONS)}")
    base = {"op": op, "who": curator(who), "when": _now(), "why": why.strip()}
    need = {
        "reject-statement": 1,
        "reject-entity": 1,
        "set-link": 2,
        "remove-link": 2,
        "set-kind": 2,
        "set-speaker": 2,
        "merge-entities": 2,
        "split-entity": 1,
        "merge-claims": 2,
        "split-claim": 2,
    }[op]
    if len(args) != need:
        raise UsageError(f"{op} takes {need} argument{'s' if need > 1 else ''}, got {len(args)}")
    return Correction(**base, **_parts(store, op, args, articles, name))


def _parts(store: Store, op: str, args: list[str], articles, name) -> dict:
    if op in ("reject-statement", "set-kind", "set-speaker"):
        out = {"anchors": (A.statement_anchor(store, args[0], "subject"),)}
        if op == "set-kind":
            if args[1] not in STATEMENT_CLASS:
                raise UsageError(f"unknown kind '{args[1]}': valid kinds: {', '.join(STATEMENT_CLASS)}")
            out["new_value"] = args[1]
        if op == "set-speaker":
            out["new_entity"] = A.entity_iri(store, args[1])
        return out
    if op in ("set-link", "remove-link"):
        return {"anchors": _link_anchors(store, op, args)}
    if op == "reject-entity":
        return {"entities": (A.entity_iri(store, args[0]),)}
    if op == "merge-entities":
        gone, keep = A.entity_iri(store, args[0]), A.entity_iri(store, args[1])
        if gone == keep:
            raise KgError("merge-entities needs two different entities")
        _same_class(store, gone, keep)
        return {"entities": (gone,), "new_entity": keep}
    if op == "split-entity":
        return _split_entity(store, args[0], articles, name)
    return _claim_parts(store, op, args)


def _link_anchors(store: Store, op: str, args: list[str]) -> tuple:
    """Only a denial links to what it denies; removing a link needs one to be there now."""
    d, a = A.statement_iri(store, args[0]), A.statement_iri(store, args[1])
    if d == a:
        raise KgError(f"{op} needs two different statements")
    linked = A.q(store, f"SELECT ?g WHERE {{ GRAPH ?g {{ <{d}> kg:denies <{a}> }} }} LIMIT 1")
    if op == "set-link":
        kind = A.statement_kind(store, d)
        if kind != "denial":
            raise KgError(
                f"statement {args[0]} is {'an' if kind[0] in 'aeiou' else 'a'} {kind}, not a denial: "
                f"only a denial links to what it denies (kg curate set-kind {args[0]} denial first?)"
            )
        if linked:
            raise KgError(f"denial {args[0]} is already linked to {args[1]}")
    elif not linked:
        raise KgError(f"statement {args[0]} has no link to {args[1]} to remove")
    return A.statement_anchor(store, d, "subject"), A.statement_anchor(store, a, "object")


def _same_class(store: Store, a: str, b: str) -> None:
    ca = {str(r[0]) for r in A.q(store, f"SELECT DISTINCT ?c WHERE {{ GRAPH ?g {{ <{a}> a ?c }} }}")}
    cb = {str(r[0]) for r in A.q(store, f"SELECT DISTINCT ?c WHERE {{ GRAPH ?g {{ <{b}> a ?c }} }}")}
    if not ca & cb:
        raise KgError("cannot merge entities of different kinds (a person and an organisation, say)")


def _split_entity(store: Store, ident: str, articles, name) -> dict:
    from ..ids import entity_iri as iri_for, slug

    if not articles:
        raise KgError("split-entity needs --article for each article where the entity is someone else")
    if not name or not name.strip():
        raise KgError("split-entity needs --as NAME: the name of the other identity")
    e = A.entity_iri(store, ident)
    graphs = tuple(sorted({A.article_graph(store, a) for a in articles}))
    kind = e[len(str(A.ID)) :].split("/", 1)[0]
    new = str(iri_for(f"{kind}:{slug(name)}"))
    if new == e:
        raise KgError(f"--as {name} gives the same identity ({e}); choose a distinguishing name")
    src = {g: ops._source(store, g) for g in graphs}
    anchors = tuple(Anchor(f"article{i}", g, 0, 0, "", src[g]) for i, g in enumerate(graphs))
    return {"entities": (e,), "new_entity": new, "new_value": name.strip(), "articles": graphs, "anchors": anchors}


def _claim_parts(store: Store, op: str, args: list[str]) -> dict:
    claim = A.claim_iri(store, args[0])
    members = A.claim_members(store, claim)
    if op == "merge-claims":
        other = A.claim_iri(store, args[1])
        if other == claim:
            raise KgError("merge-claims needs two different claims")
        return {
            "anchors": (
                A.statement_anchor(store, members[0], "subject"),
                A.statement_anchor(store, A.claim_members(store, other)[0], "object"),
            )
        }
    stmt = A.statement_iri(store, args[1])
    if stmt not in members:
        raise KgError(f"statement {A.short_statement(stmt)} is not in claim {claim.rsplit('/', 1)[-1]}")
    others = [m for m in members if m != stmt]
    if not others:
        raise KgError("the statement is the claim's only member: nothing to split it from")
    return {"anchors": (A.statement_anchor(store, stmt, "subject"), A.statement_anchor(store, others[0], "object"))}


def record(store: Store, c: Correction, *, refresh: bool = True) -> tuple[Correction, int]:
    """Apply and store a correction; returns it (with its undo log) and the number of triples changed."""
    if any(x.id == c.id for x in ledger.load_all(store)):
        raise KgError(f"correction {c.id} is already in the store")
    logs = ops.apply(store, ops.changes(store, c, None))
    c = c.with_logs(logs)
    ledger.save(store, c)
    if refresh:
        _refresh_claims(store, set(logs) | _anchor_graphs(store, c))
    return c, sum(l["removed"].count("\n") + l["added"].count("\n") for l in logs.values())


def _anchor_graphs(store: Store, c: Correction) -> set[str]:
    out = set()
    for a in c.anchors:
        found = A.resolve_anchor(store, a) if a.exact else None
        if found:
            out.add(found[0])
    return out


def _refresh_claims(store: Store, graphs: set[str]) -> None:
    from .. import claims

    graphs = {g for g in graphs if store.ask_graph(_uri(g))}
    if graphs:
        claims.refresh(store, graphs, constraints=claim_constraints(store))


def _uri(g: str):
    from rdflib import URIRef

    return URIRef(g)


def correct(
    store: Store,
    op: str,
    args: list[str],
    *,
    who: str | None = None,
    why: str = "",
    articles: list[str] = (),
    name: str | None = None,
) -> str:
    """What `kg curate OP ARGS` does: make, apply and store one correction; a one-line summary."""
    c, n = record(store, make(store, op, args, who=who, why=why, articles=articles, name=name))
    if op in CLAIM_OPS:
        return f"correction {c.id}: {op} recorded (claims regrouped)"
    if not c.logs:
        return f"correction {c.id}: {op} recorded; nothing to change now (kept: it applies after re-ingest)"
    return f"correction {c.id}: {op} applied to {len(c.logs)} article{'s' if len(c.logs) != 1 else ''} ({n} triple{'s' if n != 1 else ''} changed)"


def describe(store: Store) -> tuple[list[str], list[list[str]]]:
    """`kg curate list`: one row per correction."""
    names = ["id", "when", "who", "operation", "about", "value", "why", "status"]
    rows = []
    for c in ledger.load_all(store):
        about = "; ".join(" ".join(a.exact.split())[:60] for a in c.anchors if a.exact) or "; ".join(
            e.rsplit("/", 1)[-1] for e in c.entities
        )
        value = c.new_value or (c.new_entity.rsplit("/", 1)[-1] if c.new_entity else "")
        if c.op in CLAIM_OPS:
            status = "claim constraint"
        else:
            status = (
                f"applied in {len(c.logs)} article{'s' if len(c.logs) != 1 else ''}"
                if c.logs
                else "waiting (nothing to change)"
            )
        rows.append([c.id, c.when[:19] + "Z", c.who, c.op, about, value, c.why, status])
    return names, rows


def list_corrections(store: Store) -> list[Correction]:
    return ledger.load_all(store)


def find(store: Store, ident: str) -> Correction:
    allc = ledger.load_all(store)
    hits = [c for c in allc if c.id.startswith(ident.strip())] if ident.strip() else []
    if len(hits) != 1:
        raise KgError(f"{'ambiguous' if hits else 'unknown'} correction '{ident}' (kg curate list shows the ids)")
    return hits[0]


def undo(store: Store, ident: str) -> Correction:
    """Remove a correction and restore what it changed (see the module doc)."""
    target = find(store, ident)
    allc = ledger.load_all(store)
    later = allc[allc.index(next(c for c in allc if c.id == target.id)) + 1 :]
    touched = set(target.logs)
    redo = []
    for c in later:
        if set(c.logs) & touched:
            redo.append(c)
            touched |= set(c.logs)
    for c in reversed(redo):
        ops.revert(store, c.logs)
    ops.revert(store, target.logs)
    ledger.delete(store, target)
    for c in redo:
        ledger.save(store, c.with_logs(ops.apply(store, ops.changes(store, c, None))))
    _refresh_claims(store, touched | _anchor_graphs(store, target))
    return target


def replay(store: Store, added: list[str], dropped: list[str] = ()) -> set[str]:
    """Apply every correction to freshly written article graphs (after ingest).

    Their logs for those graphs (and for graphs that are gone) are replaced:
    the graphs were rewritten from extractor output. Returns the graphs it
    changed.
    """
    allc = ledger.load_all(store)
    if not allc or not added:
        return set()
    fresh = set(added) | set(dropped)
    sources = _sources(store, added)
    present = _entities_in(store, added, {e for c in allc for e in c.entities})
    changed: set[str] = set()
    for c in allc:
        stale = [g for g in c.logs if g in fresh]
        logs = {}
        if c.op not in CLAIM_OPS and _may_apply(c, set(added), sources, present):
            logs = ops.apply(store, ops.changes(store, c, added))
        if stale or logs:
            kept = {g: l for g, l in c.logs.items() if g not in fresh}
            ledger.save(store, c.with_logs({**kept, **logs}))
            changed |= set(logs)
    return changed


def _may_apply(c: Correction, added: set, sources: set, present: set) -> bool:
    if c.entities and c.op in ("reject-entity", "merge-entities"):
        return bool(set(c.entities) & present)
    return any(a.article in added or (a.source and a.source in sources) for a in c.anchors)


def _sources(store: Store, graphs: list[str]) -> set[str]:
    from ..claims.index import per_graph

    return {s for _g, s in per_graph(store, "SELECT ?s WHERE { GRAPH {g} { {g} kg:sourcePath ?s } }", graphs)}


def _entities_in(store: Store, graphs: list[str], entities: set[str]) -> set[str]:
    from ..claims.index import per_graph, values

    if not entities:
        return set()
    rows = per_graph(
        store,
        "SELECT DISTINCT ?x WHERE { "
        + values("x", sorted(entities))
        + " { GRAPH {g} { ?x ?p ?o } } UNION { GRAPH {g} { ?s ?p2 ?x } } }",
        graphs,
    )
    return {r[1] for r in rows}


def claim_constraints(store: Store):
    """The claim corrections as statement pairs for kg.claims (must / cannot share a claim)."""
    from ..claims import Constraints

    out = Constraints()
    for c in ledger.load_all(store):
        if c.op not in CLAIM_OPS:
            continue
        a, b = (A.resolve_anchor(store, c.anchor(r)) for r in ("subject", "object"))
        if a and b:
            (out.must if c.op == "merge-claims" else out.cannot).append((a[1], b[1]))
    return out


__all__ = [
    "correct",
    "describe",
    "make",
    "record",
    "undo",
    "replay",
    "list_corrections",
    "claim_constraints",
    "find",
    "OPERATIONS",
    "Correction",
]

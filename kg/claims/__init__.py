"""Claims across articles: statements that assert or deny the same
proposition, in any article of the store, meet at one kg:Claim.

* ``update(store, added, dropped)`` runs after ingest writes article graphs:
  the new articles' statements join existing claims (found by key in the
  claim index, never by reading the whole store) or open new ones; statements
  of replaced articles leave theirs.
* ``rebuild(store)`` regroups every statement from scratch (articles by date,
  then IRI) and replaces the index: `kg claims rebuild`.
* ``refresh(store, graphs)`` places the statements of some articles again
  (after a correction changed them).

Researchers' claim corrections (kg/curation: merge-claims, split-claim) come
in as ``constraints`` and are applied after every grouping, so they survive
re-ingest and rebuild.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Callable, Iterable

from ..errors import KgError
from ..namespace import ID
from ..store import Store
from . import index
from .assign import ClaimSet, enforce, place_article
from .index import CLAIMS_GRAPH
from .rules import Rules, load_rules

REBUILD_BATCH = 32  # article graphs read per query during a rebuild
CLAIM_BASE = str(ID["claim/"])
# A claim id as given: the end of its IRI, or 6+ leading characters of it.
CLAIM_ID = re.compile(r"[0-9a-f]{6,16}")


@dataclass
class Constraints:
    """Statement pairs from corrections: ``must`` share a claim; ``cannot``: (s, t), s is not in t's claim."""

    must: list[tuple[str, str]] = field(default_factory=list)
    cannot: list[tuple[str, str]] = field(default_factory=list)

    def statements(self) -> set[str]:
        return {x for pair in self.must + self.cannot for x in pair}


ConstraintSource = Callable[[Store], Constraints]


def _no_constraints(store: Store) -> Constraints:
    return Constraints()


@dataclass
class ClaimReport:
    articles: int = 0
    statements: int = 0
    claims: int = 0
    joined: int = 0  # statements that joined an existing claim

    def summary(self) -> str:
        return f"{self.articles} articles, {self.statements} statements in {self.claims} claims ({self.joined} joined an existing claim)"


def update(
    store: Store,
    added: Iterable[str],
    dropped: Iterable[str] = (),
    *,
    rules: Rules | None = None,
    constraints: Constraints | None = None,
    texts: dict | None = None,
) -> ClaimReport:
    """Place the statements of ``added`` article graphs; forget those of ``dropped``.

    ``texts`` (graph -> N-Triples) are graphs the caller has in memory exactly
    as stored (ingest's batch): they are parsed instead of read back."""
    rules = rules or load_rules()
    added, dropped = list(dict.fromkeys(str(g) for g in added)), [str(g) for g in dropped]
    cs = ClaimSet()
    gone = set(dropped) | set(added)  # re-placed from scratch
    index.load_by_articles(store, cs, gone)
    for c in list(cs.claims.values()):
        for stmt in [s for s, m in c.members.items() if m.article in gone]:
            cs.remove_statement(stmt)
    report = ClaimReport()
    stmts = index.read_statements(store, added, texts)
    for g in sorted(stmts, key=lambda g: stmts[g][0].order):
        report.articles += 1
        _place(store, cs, stmts[g], rules, report)
    _enforce(store, cs, constraints)
    report.claims = len(cs.changed)
    index.write(store, cs)
    return report


def _place(store: Store, cs: ClaimSet, stmts: list, rules: Rules, report: ClaimReport, lookup: bool = True) -> None:
    from .features import statement_features
    from .model import index_key

    if lookup:
        keys: set[str] = set()
        for s in stmts:
            f = statement_features(s, rules)
            keys |= {index_key(a, k) for a in set(f.about) | {""} for k in f.keys}
        index.load_by_keys(store, cs, keys, rules.max_candidates * max(1, len(stmts)), rules.key_candidates)
        linked = {a for s in stmts for a in s.denies} - {s.iri for s in stmts}
        index.load_by_statements(store, cs, linked)
    for _s, p in place_article(stmts, cs, rules):
        report.statements += 1
        report.joined += p.rule != "claim-new"


def _enforce(store: Store, cs: ClaimSet, constraints: Constraints | None) -> None:
    if constraints is None or not (constraints.must or constraints.cannot):
        return
    index.load_by_statements(store, cs, constraints.statements())
    enforce(cs, constraints.must, constraints.cannot)


def rebuild(
    store: Store,
    *,
    rules: Rules | None = None,
    constraints: Constraints | None = None,
    progress: Callable[[int, int], None] | None = None,
) -> ClaimReport:
    """Regroup every statement in the store and replace the claim index."""
    rules = rules or load_rules()
    order = index.article_order(store)
    cs = ClaimSet()
    report = ClaimReport()
    for i in range(0, len(order), REBUILD_BATCH):
        chunk = order[i : i + REBUILD_BATCH]
        stmts = index.read_statements(store, chunk)
        for g in chunk:
            if g in stmts:
                report.articles += 1
                _place(store, cs, stmts[g], rules, report, lookup=False)
        progress and progress(min(i + REBUILD_BATCH, len(order)), len(order))
    if constraints is not None:
        enforce(cs, constraints.must, constraints.cannot)
    for c in cs.claims.values():
        c.restructured = True
    cs.deleted.clear()
    report.claims = len(cs.claims)
    index.write(store, cs, replace=True)  # one transaction: the old index never half-replaced
    return report


def refresh(store: Store, graphs: Iterable[str], *, constraints: Constraints | None = None) -> ClaimReport:
    """Place the statements of these articles again (after a correction),
    with those of every article they share a claim with: the group is
    regrouped as a rebuild would, whatever corrections came and went before."""
    graphs = set(graphs)
    cs = ClaimSet()
    index.load_by_articles(store, cs, graphs)
    graphs |= {m.article for c in cs.claims.values() for m in c.members.values()}
    return update(store, sorted(graphs), (), constraints=constraints)


def claim_iri(store: Store, ident: str) -> str:
    """A claim given as IRI or as its id (the end of the IRI, or 6+ leading characters of it)."""
    ident = ident.strip()
    iri = ident if ident.startswith(CLAIM_BASE) else None
    rows = (
        _rows(store, f"SELECT ?c WHERE {{ GRAPH <{CLAIMS_GRAPH}> {{ ?c a kg:Claim }} }}") if iri is None else [(iri,)]
    )
    if iri is None:
        if not CLAIM_ID.fullmatch(ident):
            raise KgError(f"not a claim: '{ident}' (give its IRI or id; kg query claims lists them)")
        iri = one_claim(ident, [str(r[0]) for r in rows if str(r[0])[len(CLAIM_BASE) :].startswith(ident)])
    elif not _rows(store, f"SELECT ?c WHERE {{ GRAPH <{CLAIMS_GRAPH}> {{ <{iri}> a ?c }} }} LIMIT 1"):
        raise KgError(f"unknown claim '{ident}': no such claim in the store (kg claims rebuild?)")
    return iri


def one_claim(ident: str, found: list[str]) -> str:
    """The one claim IRI that ``ident`` matched, or why not."""
    if len(found) != 1:
        raise KgError(f"{'ambiguous' if found else 'unknown'} claim '{ident}': {len(found)} claims match")
    return found[0]


def _rows(store: Store, text: str) -> list[tuple]:
    return [tuple(r) for r in store.query(text)]


__all__ = ["update", "rebuild", "refresh", "claim_iri", "Constraints", "ClaimReport", "CLAIMS_GRAPH"]

"""Statements -> claims: the grouping decision, pure and incremental.

An article's asserting statements are placed first (text order), then its
denials, so a denial can follow its in-article link to the allegation's
claim. Each statement joins the best-scoring candidate claim (rules in
kg/patterns/claims.toml) or opens a new one; candidates come from the
ClaimSet's key index (who the claim is about x content key), never from a scan
of all claims, so placing a statement costs the same in a small store and a
large one.
"""

from __future__ import annotations

from dataclasses import dataclass

from .features import Features, label_text, statement_features
from .model import Claim, Member, Stmt, index_key
from .rules import Rules


class ClaimSet:
    """Claims in memory, indexed by key and by member statement."""

    def __init__(self):
        self.claims: dict[str, Claim] = {}
        self.by_key: dict[str, set[str]] = {}
        self.by_stmt: dict[str, set[str]] = {}
        self.changed: set[str] = set()  # claim IRIs to write
        self.deleted: set[str] = set()  # claim IRIs to remove from the store

    def put(self, c: Claim, changed: bool = True) -> Claim:
        if c.iri in self.deleted or (c.iri in self.claims and self.claims[c.iri] is not c):
            # a claim made again under a stored claim's IRI: rewrite all of it
            c.restructured = True
        self.claims[c.iri] = c
        self.deleted.discard(c.iri)
        for k in c.index_keys():
            self.by_key.setdefault(k, set()).add(c.iri)
        for s in c.members:
            self.by_stmt.setdefault(s, set()).add(c.iri)
        if changed:
            self.changed.add(c.iri)
        return c

    def candidates(self, f: Features, limit: int) -> list[Claim]:
        hits: dict[str, int] = {}
        for a in set(f.about) | {""}:
            for k in f.keys:
                for iri in self.by_key.get(index_key(a, k), ()):
                    if iri in self.claims:  # the key index keeps dropped claims' keys
                        hits[iri] = hits.get(iri, 0) + 1
        ranked = sorted(hits, key=lambda i: (-hits[i], i))[:limit]
        return [self.claims[i] for i in ranked]

    def claims_of(self, stmt: str) -> list[Claim]:
        return [self.claims[i] for i in sorted(self.by_stmt.get(stmt, ())) if i in self.claims]

    def join(self, c: Claim, m: Member) -> None:
        c.add(m)
        self.put(c)

    def remove_statement(self, stmt: str) -> None:
        for iri in list(self.by_stmt.pop(stmt, ())):
            c = self.claims.get(iri)
            if c is None:
                continue
            c.remove(stmt)
            if c.members:
                self.changed.add(iri)
            else:
                self.drop(iri)

    def drop(self, iri: str) -> None:
        self.claims.pop(iri, None)
        self.changed.discard(iri)
        self.deleted.add(iri)


@dataclass(frozen=True)
class Placement:
    claim: Claim
    score: float
    rule: str
    evidence: str


def place_article(
    stmts: list[Stmt], cs: ClaimSet, rules: Rules, names: dict | None = None
) -> list[tuple[Stmt, Placement]]:
    """Place one article's statements into ``cs`` (asserting ones, then denials)."""
    names = names or {}
    feats = {s.iri: statement_features(s, rules) for s in stmts}
    ordered = sorted((s for s in stmts if feats[s.iri].stance == "asserts"), key=lambda s: s.start)
    ordered += sorted((s for s in stmts if feats[s.iri].stance == "denies"), key=lambda s: s.start)
    out = []
    for s in ordered:
        f = feats[s.iri]
        cs.remove_statement(s.iri)  # placed again (re-ingest, refresh): from scratch
        for p in _placements(s, f, cs, rules):
            about_name = next(
                (names.get(a) or s.names.get(a) for a in sorted(f.about) if names.get(a) or s.names.get(a)), None
            )
            m = Member(
                s.iri,
                s.article,
                s.kind,
                f.stance,
                tuple(sorted(f.keys)),
                tuple(sorted(f.persons)),
                tuple(sorted(f.about)),
                p.rule,
                p.evidence,
                p.score,
                label_text(s, rules, about_name),
            )
            if about_name:
                p.claim.names.update(
                    {a: names.get(a) or s.names.get(a) for a in f.about if names.get(a) or s.names.get(a)}
                )
            cs.join(p.claim, m)
            out.append((s, p))
    return out


def _placements(s: Stmt, f: Features, cs: ClaimSet, rules: Rules) -> list[Placement]:
    linked = {c.iri: c for d in s.denies for c in cs.claims_of(d)} if f.stance == "denies" else {}
    informative = len(f.keys) >= rules.informative_keys
    if f.stance == "denies" and linked and not informative:
        return [
            Placement(c, rules.link_bonus, "claim-denial-link", _evidence(s, f, c, set(), linked=True))
            for _, c in sorted(linked.items())
        ]
    if not f.keys and not linked:
        return []  # nothing to match on and nothing it answers: no claim
    best: tuple[float, str, Claim, set] | None = None
    cands = {c.iri: c for c in cs.candidates(f, rules.max_candidates)}
    cands.update(linked)
    for iri in sorted(cands):
        c = cands[iri]
        sc, shared = score(f, c, rules, linked=iri in linked)
        if best is None or sc > best[0]:
            best = (sc, iri, c, shared)
    if best is not None and best[0] >= rules.join:
        sc, iri, c, shared = best
        rule = "claim-denial-content" if f.stance == "denies" and iri in linked else "claim-same-content"
        return [Placement(c, sc, rule, _evidence(s, f, c, shared, linked=iri in linked))]
    new = cs.put(Claim(s.iri))
    return [Placement(new, 1.0, "claim-new", "first statement of this claim")]


def score(f: Features, c: Claim, rules: Rules, linked: bool = False) -> tuple[float, set]:
    """How well a statement's features fit a claim (see claims.toml)."""
    about = {a for m in c.members.values() for a in m.about}
    if not linked and f.about and about and not same_about(f.about, about):
        return 0.0, set()
    best, shared = 0.0, set()
    for m in list(c.members.values())[: rules.max_scored_members]:
        mk = set(m.keys)
        if not mk or not f.keys:
            continue
        common = f.keys & mk
        if len(common) < rules.min_shared and not linked:
            continue
        d = 2 * len(common) / (len(f.keys) + len(mk))
        if d > best:
            best, shared = d, common
    sc = best
    if linked:
        sc += rules.link_bonus
    if any(k.startswith("q:") for k in shared):
        sc += rules.quote_bonus
    # people the statement names that the claim's statements, naming people
    # of their own, do not: another act (a claim that names no one says
    # nothing against them)
    named = c.persons()
    strangers = f.persons - named if named else set()
    sc -= rules.person_penalty * len(strangers)
    return sc, shared


def same_about(a: set[str], b: set[str]) -> bool:
    """Whether two statements are about the same agent: the same IRI, or IRIs
    whose names share a name word ("hillary-clinton-won", a name the extractor
    clipped from a headline, and "hillary-rodham-clinton"); a shared word of
    four letters or more, so "u-s" and "de" never count."""
    if a & b:
        return True
    words = lambda xs: {w for x in xs for w in x.rsplit("/", 1)[-1].split("-") if len(w) > 3}  # noqa: E731
    return bool(words(a) & words(b))


def _evidence(s: Stmt, f: Features, c: Claim, shared: set, linked: bool) -> str:
    parts = []
    about = sorted(f.about & {a for m in c.members.values() for a in m.about})
    if about:
        parts.append("about " + ", ".join(s.names.get(a) or c.names.get(a) or a.rsplit("/", 1)[-1] for a in about))
    if shared:
        parts.append("shared " + ", ".join(sorted(shared)))
    if linked:
        parts.append("denies a statement of this claim in its article")
    return "; ".join(parts) or "linked"


def enforce(cs: ClaimSet, must: list[tuple[str, str]], cannot: list[tuple[str, str]]) -> None:
    """Researchers' claim corrections: ``must`` pairs of statements share a
    claim (their claims merge), ``cannot`` pairs (s, t): s leaves t's claim."""
    for a, b in must:
        for ca in cs.claims_of(a):
            for cb in cs.claims_of(b):
                if ca.iri != cb.iri and ca.iri in cs.claims and cb.iri in cs.claims:
                    merge(cs, ca, cb)
    for s, t in cannot:
        for c in cs.claims_of(t):
            if s in c.members and s != t:
                m = c.members[s]
                c.remove(s)
                cs.by_stmt.get(s, set()).discard(c.iri)
                cs.changed.add(c.iri)
                own = Claim(s)
                if own.iri in cs.claims:
                    own = Claim(s, salt="split")
                own.names.update(c.names)
                m.rule, m.evidence, m.score = (
                    "claim-curated",
                    "split from the claim of another statement by a correction",
                    None,
                )
                own.add(m)
                cs.put(own)


def merge(cs: ClaimSet, a: Claim, b: Claim) -> Claim:
    """Merge two claims; the one with the smaller IRI stays (deterministic)."""
    keep, gone = (a, b) if a.iri < b.iri else (b, a)
    for stmt, m in gone.members.items():
        if stmt not in keep.members:
            m.rule, m.evidence = "claim-curated", f"claims merged by a correction (was {gone.iri.rsplit('/', 1)[-1]})"
            keep.members[stmt] = m
        cs.by_stmt.setdefault(stmt, set()).discard(gone.iri)
        cs.by_stmt[stmt].add(keep.iri)
    keep.names.update(gone.names)
    keep.restructured = True
    cs.drop(gone.iri)
    cs.put(keep)
    return keep

"""Allegations read off a denial ("denied allegations that ...")."""

from __future__ import annotations
from ..lexicon import cues
from .candidate import Cand
from .syntax import WH, proposition_clause


def allegation_from_denial(d, doc, ctx) -> Cand | None:
    """The allegation a denial names: 'denied allegations the premier had paid ...'.

    Gold-standard annotators record such allegations even with no claimant
    (speaker None), so the graph can say what was denied."""
    lex = cues().allegation
    if d.denied_noun is None:
        return None
    n = doc[d.denied_noun]
    if n.lemma_.lower() not in lex.nouns:
        return hedged_relative(d, n, doc)
    clause = proposition_clause(n)
    if clause is None:
        return None
    first, last = clause.left_edge.i, min(clause.right_edge.i, d.content[1])
    for w in clause.subtree:
        if w.dep_ == "prep" and w.lower_ == "as" and w.right_edge.i >= last and w.i > first:
            last = w.i - 1  # '... bought access as "complete nonsense"': the verdict is not alleged
            break
    if first <= n.i:
        first = n.i + 1
    while first < last and doc[first].dep_ == "mark":
        first += 1
    if last < first:
        return None
    sp = next((c for c in n.children if c.dep_ == "poss"), None)
    c = Cand("deny-object-allegation", n.i, sp.i if sp is not None else None, (first, last), d.sent, kind="allegation")
    c.content_chars = (doc[first].idx, doc[last].idx + len(doc[last].text))
    return c


def hedged_relative(d, n, doc) -> Cand | None:
    """'denied any involvement in a scheme in which consular staff allegedly
    sold visas': a hedged relative clause inside what is denied is the
    allegation (claimant unknown)."""
    hedges = cues().modality.possible | cues().modality.probable
    a, b = d.content
    for t in doc[a : b + 1]:
        if t.dep_ == "advmod" and t.lower_ in hedges and t.head.dep_ in ("relcl", "acl") and a <= t.head.i <= b:
            v = t.head
            first = next((c.right_edge.i + 1 for c in v.children if c.dep_ == "prep" and c.i < v.i and any(g.lower_ in WH for g in c.subtree)), v.left_edge.i)
            while first < v.i and doc[first].lower_ in WH:
                first += 1
            last = min(v.right_edge.i, b)
            c = Cand("deny-object-allegation", n.i, None, (first, last), d.sent, kind="allegation")
            c.content_chars = (doc[first].idx, doc[last].idx + len(doc[last].text))
            return c
    return None

"""Statements carried by a noun or a preposition.

"according to X", "denials by X that", "his accusations that", "a finding X rejected".
"""

from __future__ import annotations

from .candidate import Cand
from .context import Ctx
from .sources import own_subject
from .syntax import WH, negated, proposition_clause


def according_cand(t, ctx: Ctx) -> Cand | None:
    to = ctx.doc[t.i + 1]
    src = next((c for c in to.children if c.dep_ == "pobj"), None)
    if src is None:
        return None
    host = t.head
    sent = ctx.sents[ctx.sent_of[t.i]]
    if host.i == t.i or ctx.sent_of[host.i] != ctx.sent_of[t.i]:
        host = sent.root
    if host.i != t.i and ctx.is_cue(host) and own_subject(host, ctx) is not None and not negated(host):
        # "Benning has pleaded guilty to one count, according to court records":
        # the host clause is its subject's own statement (the cue makes it);
        # the records are only where the writer found it.
        return None
    first, last = host.left_edge.i, host.right_edge.i
    if t.i > host.i:  # trailing "..., according to X."
        last = t.i - 1
    else:  # leading "According to X, ..."
        first = to.right_edge.i + 1
    if last < first:
        return None
    ctx.used.add(t.i)
    return Cand("according-to", t.i, src.i, (first, last), (sent.start_char, sent.end_char))


def noun_denial(n, ctx: Ctx) -> Cand | None:
    """'public denials by Hun Sen that his team bought likes', 'X's denial that ...'."""
    doc = ctx.doc
    sp = next((c for c in n.children if c.dep_ == "poss"), None)
    by = next((c for c in n.children if c.dep_ == "prep" and c.lower_ == "by"), None)
    if by is None and n.i + 1 < len(doc) and doc[n.i + 1].lower_ == "by":
        by = doc[n.i + 1]  # sm often hangs "by X" on the verb governing the noun
    if by is not None:
        sp = next((c for c in by.children if c.dep_ == "pobj"), sp)
    content = next((c for c in n.children if c.dep_ in ("acl", "ccomp", "relcl")), None)
    if content is None:
        # "... denials by X that ..." with the clause attached to the governing verb.
        content = next(
            (
                c
                for c in n.head.children
                if c.dep_ == "ccomp" and c.i > n.i and any(m.dep_ == "mark" for m in c.children)
            ),
            None,
        )
    if sp is None or content is None:
        return None
    sent = ctx.sents[ctx.sent_of[n.i]]
    return Cand(
        "noun-denial",
        n.i,
        sp.i,
        (content.left_edge.i, content.right_edge.i),
        (sent.start_char, sent.end_char),
        kind="denial",
    )


def noun_allegation(n, ctx: Ctx) -> Cand | None:
    """'his accusations that ...', 'allegations by X that ...', 'X's claim that ...'
    with a named claimant. (Unattributed ones are only taken from denials.)"""
    doc = ctx.doc
    sp = next((c for c in n.children if c.dep_ == "poss"), None)
    by = next((c for c in n.children if c.dep_ == "prep" and c.lower_ in ("by", "from")), None)
    if by is not None:
        sp = next((c for c in by.children if c.dep_ == "pobj"), sp)
    if sp is None and n.dep_ == "dobj" and n.head.lemma_.lower() in ctx.lex.allegation.light_verbs:
        sp = own_subject(n.head, ctx)  # "X made/levelled allegations that ..."
    clause = proposition_clause(n)
    concessive = n.dep_ == "pobj" and n.head.lower_ in ctx.lex.allegation.concessive_preps
    received = (
        sp is None
        and n.dep_ == "dobj"
        and n.head.lemma_.lower() in ctx.lex.allegation.reception_verbs
        and not negated(n.head)
    )
    if (sp is None and not concessive and not received) or clause is None:
        return None
    first = clause.left_edge.i
    while first < clause.right_edge.i and doc[first].dep_ == "mark":
        first += 1
    sent = ctx.sents[ctx.sent_of[n.i]]
    kind = "allegation" if n.lemma_.lower() not in ctx.lex.allegation.neutral_nouns or concessive or received else None
    # ("says hackers did not steal any files, despite claims by a ransomware
    # group that it had copied 600 gigabytes": what is said *despite* the
    # claims contradicts them, so the claims are an allegation.)
    return Cand(
        "noun-allegation",
        n.i,
        sp.i if sp is not None else None,
        (first, clause.right_edge.i),
        (sent.start_char, sent.end_char),
        kind=kind,
    )


def relative_denial(t, ctx: Ctx, sent) -> Cand | None:
    """'..., a finding the company's chief executive rejected': the denial verb
    sits in a relative clause on the claim it rejects."""
    lex = ctx.lex
    n = t.head
    nouns = lex.speech.claim_nouns | lex.allegation.nouns
    if any(c.dep_ == "dobj" for c in t.children) or (n.lemma_.lower() not in nouns and n.lower_ not in nouns):
        return None
    if t.lemma_.lower() in lex.deny.naming_verbs and t.lemma_.lower() not in lex.deny.claim_object_verbs:
        # 'an allegation his lawyers called "entirely false"': only a falsity verdict denies.
        words = lex.falsity.words
        pred = [c for c in t.children if c.dep_ in ("oprd", "xcomp", "ccomp", "acomp")]
        if not any(w.lemma_.lower() in words or w.lower_ in words for c in pred for w in c.subtree):
            return None
    sp = own_subject(t, ctx)
    if sp is None or sp.lower_ in WH:
        return None
    ctx.used.add(t.i)
    first = n.left_edge.i
    return Cand(
        f"cue-{t.lemma_.lower()}-relcl",
        t.i,
        sp.i,
        (first, n.i),
        (sent.start_char, sent.end_char),
        kind="denial",
        denied_noun=n.i,
    )

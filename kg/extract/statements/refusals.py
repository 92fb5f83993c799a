"""Refusals: "declined to comment", "would not comment", "did not respond to a request for comment"."""

from __future__ import annotations

from .candidate import Cand
from .context import Ctx
from .sources import find_speaker
from .syntax import WH, negated


def refusal_cand(t, ctx: Ctx, speakers) -> Cand | None:
    lex = ctx.lex
    x = next((c for c in t.children if c.dep_ == "xcomp"), None)
    if x is None or x.lemma_.lower() not in lex.refusal.speech_complements:
        return None
    ctx.used.add(x.i)
    for c in x.children:
        if c.dep_ == "conj":
            ctx.used.add(c.i)  # "confirm or deny"
    sp = find_speaker(t, ctx, speakers)
    if sp is None:
        return None
    speakers[t.i] = sp.i
    sent = ctx.sents[ctx.sent_of[t.i]]
    ctx.used.add(t.i)
    return Cand(
        "refusal-" + t.lemma_.lower(),
        t.i,
        sp.i,
        (x.left_edge.i, x.right_edge.i),
        (sent.start_char, sent.end_char),
        kind="refusal",
    )


def negated_refusal(t, ctx: Ctx, speakers) -> Cand | None:
    """'would not comment on the case', 'did not want to comment', 'was unable
    to comment', 'would not say whether ...': the speaker withholds a statement
    (a refusal, never a denial). Plain "did not deny" / "did not say" report no
    statement at all and stay out."""
    lex = ctx.lex.refusal
    lemma = t.lemma_.lower()
    if lemma not in lex.speech_complements:
        return None
    h = t.head
    src = None
    if negated(t):
        modal = any(c.dep_ == "aux" and c.lower_ in lex.unwilling_modals for c in t.children)
        if modal or lemma in lex.comment_verbs:
            src = t
    elif (
        t.dep_ == "xcomp"
        and h.lemma_.lower() in lex.negated_governors
        and (negated(h) or h.pos_ == "ADJ" and h.head.i != h.i and negated(h.head))
    ):
        src = h  # "did not want to comment", "was not able to comment"
        if h.pos_ == "ADJ" and h.dep_ in ("acomp", "amod") and h.head.i != h.i:
            src = h.head
    elif t.dep_ == "xcomp" and h.lemma_.lower() in lex.unable_words:
        src = h  # "was unable to comment", "was unwilling to discuss"
        if h.pos_ == "ADJ" and h.dep_ in ("acomp", "amod") and h.head.i != h.i:
            src = h.head
    if src is None:
        return None
    h, depth = src, 0
    while h.head.i != h.i and depth < 3:
        if h.dep_ == "ccomp" and ctx.is_cue(h.head):
            return None  # "Police said they could not comment": the report of it is the statement
        h, depth = h.head, depth + 1
    sp = find_speaker(src, ctx, speakers)
    if sp is None or sp.lower_ in WH:
        return None
    speakers[t.i] = sp.i
    kids = [c for c in t.children if c.dep_ in ("prep", "dobj", "ccomp", "xcomp")]
    first = min([c.left_edge.i for c in kids] + [t.i])
    last = max([c.right_edge.i for c in kids] + [t.i])
    sent = ctx.sents[ctx.sent_of[t.i]]
    ctx.used.add(t.i)
    return Cand("refusal-negated", t.i, sp.i, (first, last), (sent.start_char, sent.end_char), kind="refusal")


def no_response(t, ctx: Ctx, speakers) -> Cand | None:
    lex = ctx.lex
    words = {d.lemma_.lower() for c in t.children for d in c.subtree}
    if not words & lex.refusal.no_response_objects:
        return None
    sp = find_speaker(t, ctx, speakers)
    if sp is None:
        return None
    sent = ctx.sents[ctx.sent_of[t.i]]
    kids = [c for c in t.children if c.dep_ in ("prep", "dobj")]
    first = min([c.left_edge.i for c in kids] + [t.i])
    last = max([c.right_edge.i for c in kids] + [t.i])
    ctx.used.add(t.i)
    return Cand("refusal-no-response", t.i, sp.i, (first, last), (sent.start_char, sent.end_char), kind="refusal")

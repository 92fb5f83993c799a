"""Direct quotes and their reporting verbs (rules quote-said-*, quote-mixed*, quote-continued)."""

from __future__ import annotations

import bisect

from .candidate import Cand
from .content import cue_content
from .context import Ctx
from .sources import find_speaker, own_subject
from .syntax import SUBJ, naming_predicate, negated


def quote_cands(ctx: Ctx) -> list[Cand]:
    """Direct quotes and their reporting verbs."""
    out: list[Cand] = []
    for q in ctx.quotes:
        c = _quote_cand(q, ctx)
        if c is not None:
            out.append(c)
    return out


def _quote_cand(q, ctx: Ctx) -> Cand | None:
    doc = ctx.doc
    a = bisect.bisect_left(ctx.starts, q.start)
    b = bisect.bisect_left(ctx.starts, q.end) - 1
    if a >= len(doc) or b < a:
        return None
    if _quoted_name(doc, a, b, ctx):
        return None
    s1, s2 = ctx.sent_of[a], ctx.sent_of[b]
    p_lo, p_hi = ctx.para(q.outer_start), ctx.para(max(q.start, q.end - 1))
    found = _reporting_verb(q, a, b, p_lo, p_hi, ctx)
    if found is None:
        return None
    cue, rule = found
    # Clamp to the quote's paragraphs: sm may run a sentence over a paragraph break.
    p_end = ctx.para_starts[p_hi + 1] - 2 if p_hi + 1 < len(ctx.para_starts) else len(ctx.text)
    sent = (max(ctx.sents[s1].start_char, ctx.para_starts[p_lo]), max(min(ctx.sents[s2].end_char, p_end), q.outer_end))
    if cue is None and any(
        t.lower_ == "according" and t.i + 1 < len(doc) and doc[t.i + 1].lower_ == "to" and not ctx.in_quote(t)
        for k in sorted({s1, s2})
        for t in ctx.sents[k]
    ):
        return None  # “...,” according to X: the according-to statement covers it
    if cue is None:
        return Cand("quote-continued", None, None, (a, b), sent, (q.start, q.end), quote=True, inherit=True)
    ctx.used.add(cue)
    t = doc[cue]
    sp = find_speaker(t, ctx, {})
    sent = (min(sent[0], ctx.sents[ctx.sent_of[cue]].start_char), max(sent[1], ctx.sents[ctx.sent_of[cue]].end_char))
    sent = (sent[0], max(min(sent[1], p_end), q.outer_end, t.idx + len(t.text)))
    mixed = _mixed_quote(t, a, b, p_lo, ctx)
    if mixed is not None:
        # the candidate reports the cue's own clause or verdict, which the quote only ends
        return Cand(sent=sent, cue=cue, speaker=sp.i if sp is not None else None, **mixed)
    return Cand(rule, cue, sp.i if sp is not None else None, (a, b), sent, (q.start, q.end), quote=True)


def _reporting_verb(q, a: int, b: int, p_lo: int, p_hi: int, ctx: Ctx):
    """(cue token or None, rule) of the quote at tokens a..b, or None when the
    quote belongs to another statement (a cue's argument)."""
    doc = ctx.doc
    s1, s2 = ctx.sent_of[a], ctx.sent_of[b]
    cue, rule = None, None
    cands = []
    # "The ministry said:\n\n“We reject ...”": a colon right before the
    # quote introduces it, even across a paragraph break.
    j = a - 1
    while j >= 0 and (doc[j].is_space or doc[j].text in '“"‘'):
        j -= 1
    if j >= 0 and doc[j].text == ":":
        for t in ctx.cue_like_tokens(ctx.sents[ctx.sent_of[j]]):
            if t.i < j and ctx.is_cue(t) and not ctx.in_quote(t) and t.i not in ctx.used and not negated(t):
                cue, rule = t.i, "quote-said-before-colon"
    for k in sorted({s1, s2}):
        for t in ctx.cue_like_tokens(ctx.sents[k]):
            # The reporting verb sits in the quote's paragraph (sm may run a
            # sentence across a paragraph break after a closing quote).
            if not (p_lo <= ctx.para(t.idx) <= p_hi):
                continue
            if ctx.is_cue(t) and not ctx.in_quote(t) and not negated(t) and t.i not in ctx.used:
                d = a - t.i if t.i < a else t.i - b
                cands.append((d, 0 if t.i > b else 1, t.i))
    if cue is None and _embedded_in_cue_argument(doc, a, b, s1, ctx):
        # 'He accuses the mayor of “looking the other way ...” and says the
        # council should ...': the quote is part of the accusation's own
        # argument; the accuse-of cue reports it (cue_cands), and the later
        # "says" keeps its own clause.
        return None
    if cue is None and cands:
        cands = [x for x in cands if not _has_own_clause_away_from(doc[x[2]], a, b, ctx)] or cands
        cands.sort()
        cue, rule = cands[0][2], "quote-said-" + ("after" if cands[0][2] > b else "before")
    elif cue is None and s2 + 1 < len(ctx.sents) and not q.runs_on:
        nxt = ctx.sents[s2 + 1]
        for t in list(nxt)[:5]:
            if ctx.para(t.idx) != p_hi:
                break
            # Only a bare reporting clause ("he said.", "said Smith on Monday.")
            # can belong to the preceding quote; "Prices continued to rise" cannot.
            bare = not any(c.dep_ in ("ccomp", "xcomp", "dobj", "advcl") for c in t.children)
            if ctx.is_cue(t) and bare and not ctx.in_quote(t) and own_subject(t, ctx) is not None and len(nxt) <= 12:
                cue, rule = t.i, "quote-said-next"
                break
    if cue is None and s1 > 0:
        prv = ctx.sents[s1 - 1]
        last = prv[-1] if len(prv) else None
        if last is not None and last.text == ":":
            for t in ctx.cue_like_tokens(prv):
                if ctx.is_cue(t) and not ctx.in_quote(t):
                    cue, rule = t.i, "quote-said-before-colon"
    return cue, rule


def _mixed_quote(t, a: int, b: int, p_lo: int, ctx: Ctx) -> dict | None:
    """A quote that only ends the cue's own clause or verdict is a mixed quote:
    the candidate reports the clause (quote-mixed) or the naming verb's object
    and verdict (quote-mixed-naming) instead of the quote. Returns those
    candidate fields, or None for a plain quote."""
    doc = ctx.doc
    # Mixed quote: "Cruz said the ruling was “an outrage.”" -- the cue
    # reports its own clause, of which the quote is only the end.
    cc = next((k for k in t.children if k.dep_ == "ccomp"), None)
    last_word = max((i for i in range(a, b + 1) if not doc[i].is_punct), default=b)
    pred = naming_predicate(t) if t.lemma_.lower() in ctx.lex.deny.naming_verbs else None
    if pred is not None and pred.left_edge.i <= a and pred.right_edge.i >= last_word and t.i < a:
        # 'described the suggestion that he had bought access as “complete
        # nonsense.”': the quote is only the verdict of the naming verb.
        cont = cue_content(t, ctx)
        if cont is not None and cont[1] == "naming":
            (f, l), _, obj, noun = cont
            return {
                "rule": "quote-mixed-naming",
                "content": (f, l),
                "obj": obj.i if obj is not None else None,
                "denied_noun": noun.i if noun is not None else None,
            }
    if (
        cc is not None
        and cc.left_edge.i < a - 1
        and cc.right_edge.i >= last_word
        and not ctx.in_quote(cc.left_edge)
        and ctx.para(cc.left_edge.idx) == p_lo
        # the clause starts outside the quote: its head, or its subject
        # ('wrote that the government had “abandoned the countryside.”')
        and (cc.i < a or any(g.dep_ in ("nsubj", "nsubjpass") and g.i < a - 1 for g in cc.children))
    ):
        return {"rule": "quote-mixed", "content": (cc.left_edge.i, cc.right_edge.i)}
    return None


def _embedded_in_cue_argument(doc, a: int, b: int, s1: int, ctx: Ctx) -> bool:
    """Is the quote (tokens a..b) inside a non-clausal argument of a cue that
    precedes it in the same sentence ('accuses the mayor of “looking the other
    way ...”', 'blamed the delay on “a culture of secrecy in the ministry”')?
    Such a mixed quote is part of that cue's indirect statement. Clausal
    complements (ccomp) are left to the quote-mixed rule."""
    last_word = max((i for i in range(a, b + 1) if not doc[i].is_punct), default=b)
    for t in ctx.sents[s1]:
        if t.i >= a:
            break
        if ctx.in_quote(t) or not ctx.is_cue(t) or negated(t) or t.i in ctx.used:
            continue
        if t.lemma_.lower() not in ctx.lex.speech.argument_cues:
            continue
        for c in t.children:
            if c.dep_ in SUBJ + ("punct", "ccomp", "conj", "cc", "advcl", "parataxis") or c.i >= a:
                continue
            if c.right_edge.i >= last_word and c.left_edge.i < a:
                return True
    return False


def _has_own_clause_away_from(t, a: int, b: int, ctx: Ctx) -> bool:
    """A cue after the quote whose own clausal complement follows it ("... and
    says the council should freeze all payments") reports that clause, not the quote."""
    if t.i <= b:
        return False
    return any(c.dep_ == "ccomp" and c.left_edge.i > t.i and not ctx.in_quote(c) for c in t.children)


def _quoted_name(doc, a: int, b: int, ctx: Ctx) -> bool:
    """A short quote that is a *name* in the writer's sentence, not an utterance:
    'an account calling itself "PeachLeaks,"', 'a page called "Cedar Falls Truth,"'.
    Its words hang as an object/predicate/apposition off a word outside the quote."""
    words = [t for t in doc[a : b + 1] if not t.is_punct]
    if not words or len(words) >= ctx.lex.quotes.min_words:
        return False
    roots = [t for t in words if not (a <= t.head.i <= b) or t.head.i == t.i]
    return bool(roots) and all(
        r.dep_ in ("oprd", "dobj", "pobj", "appos", "attr", "compound", "npadvmod")
        and r.head.i != r.i
        and r.pos_ == "PROPN"
        for r in roots
    )

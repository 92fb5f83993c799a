"""Who is the source of a cue: its own subject, or one found along control/conjunction/participle paths."""

from __future__ import annotations

from ..lexicon import grammar
from .context import Ctx
from .syntax import QUANTIFIERS, SUBJ, WH


def own_subject(v, ctx: "Ctx | None" = None):
    """v's own subject token (skipping relative pronouns when a real one exists).

    A reporting verb outside a quote never takes its subject from inside the
    quote (sm reads “... Every single one,” said X as 'one said')."""
    subs = [c for c in v.children if c.dep_ in SUBJ]
    if ctx is not None and not ctx.in_quote(v):
        subs = [c for c in subs if not ctx.in_quote(c)]
    if ctx is not None and subs:
        # A subject on another line is a parse across a line break ("Key
        # points:\n- Cloudline says ..."): the noun phrase opening the verb's
        # own line is the subject.
        same = [c for c in subs if ctx.sent_of[c.i] == ctx.sent_of[v.i]]
        if not same:
            return _line_subject(v, ctx) or _line_subject_np(v, ctx)
        subs = same
    if not subs and v.pos_ == "NOUN" and v.dep_ == "ROOT":
        # ("trustees allege that ...": the misread compound is the subject)
        subs = [c for c in v.children if c.dep_ == "compound" and c.i < v.i][-1:]
    real = [c for c in subs if c.lower_ not in WH]
    # "two rival leakers each released": the floating quantifier is not the subject.
    named = [c for c in real if c.lower_ not in QUANTIFIERS]
    real = named or real
    if real:
        # Two subjects (a dateline "LONDON (AP) — X rejected"): the one nearest
        # before the verb; an inverted "said X" has it after.
        before = [c for c in real if c.i < v.i]
        return before[-1] if before else real[0]
    if subs and v.dep_ == "relcl":
        return v.head  # "a staffer who said ..." -> the staffer
    for c in v.children:
        if c.dep_ == "agent":  # passive: "was denied by X"
            for g in c.children:
                if g.dep_ == "pobj":
                    return g
    if any(c.dep_ == "nsubjpass" for c in v.children):
        return None
    return None


def _line_subject(v, ctx: Ctx):
    """The last noun/proper noun before v on v's own line, or None."""
    doc = ctx.doc
    first = ctx.sents[ctx.sent_of[v.i]].start
    for j in range(v.i - 1, first - 1, -1):
        t = doc[j]
        if t.pos_ in ("NOUN", "PROPN") and not ctx.in_quote(t):
            return t
        if t.pos_ in ("VERB",) or t.text in (",", ";"):
            return None
    return None


def _line_subject_np(v, ctx: Ctx):
    """The first noun phrase head on v's line (after a dateline dash): "AUSTIN,
    Texas — The chief executive of Cloudline, ..., says" -> executive."""
    doc = ctx.doc
    line = ctx.sents[ctx.sent_of[v.i]]
    start = line.start
    for t in doc[line.start : min(v.i, line.start + 10)]:
        if t.text in ("—", "–", "--"):
            start = t.i + 1  # skip a dateline
    for t in doc[start : v.i]:
        if t.pos_ in ("NOUN", "PROPN") and not ctx.in_quote(t):
            while t.dep_ in ("compound", "amod", "nmod") and v.i > t.head.i > t.i:
                t = t.head
            return t
    return None


def find_speaker(v, ctx: Ctx, prev_speakers: dict[int, int], depth: int = 0):
    """The token naming v's source, following control/conjunction/participle paths."""
    s = own_subject(v, ctx)
    if s is not None:
        if (
            s.dep_ == "expl"
            or s.lower_ in grammar("pronouns", "expletives")
            and s.pos_ == "PRON"
            and v.lemma_ in ctx.lex.source.impersonal_report_verbs
        ):
            return None
        return s
    if any(c.dep_ == "nsubjpass" for c in v.children):
        return None
    if depth > 4:
        return None
    h = v.head
    if v.dep_ == "xcomp":
        gov = h.head if h.pos_ == "ADJ" and h.dep_ in ("acomp", "amod") else h
        objs = [c for c in gov.children if c.dep_ in ("dobj",) and c.i < v.i]
        if (
            objs and gov.lemma_ not in ctx.lex.source.subject_control_verbs
        ):  # object control: "prompted Rainsy to accuse"
            return objs[0]
        return find_speaker(gov, ctx, prev_speakers, depth + 1)
    if v.dep_ == "conj":
        # A conjoined cue with no subject shares its head's subject only if the
        # head is itself a cue; otherwise (sm misattachment) take the nearest
        # preceding cue's subject in the sentence.
        if ctx.is_cue(h):
            return find_speaker(h, ctx, prev_speakers, depth + 1)
        near = _nearest_prev(v, prev_speakers, ctx)
        if near is not None:
            return near
        return find_speaker(h, ctx, prev_speakers, depth + 1)
    if v.dep_ == "pcomp" and h.lower_ == "as" and h.head.lemma_.lower() in ctx.lex.source.quoted_verbs:
        # "He is quoted as saying ...": the passive subject of "quoted" speaks.
        sp = next((c for c in h.head.children if c.dep_ == "nsubjpass"), None)
        if sp is not None:
            return sp
    if v.dep_ == "advcl" and v.tag_ == "VBG":  # "..., saying ..."
        sp = next((c for c in h.children if c.dep_ == "nsubjpass"), None)
        if sp is not None and h.lemma_.lower() in ctx.lex.source.quoted_verbs:
            return sp  # "He is quoted as saying ..."
        return find_speaker(h, ctx, prev_speakers, depth + 1)
    if v.dep_ == "acl" and v.tag_ in ("VBG", "VBN"):  # "an image purporting to show"
        n = h
        while n.dep_ in ("pobj", "prep", "conj", "appos") and n.head.i != n.i:
            n = n.head
        if n.dep_ in ("dobj",) and n.head.pos_ in ("VERB", "AUX"):
            return find_speaker(n.head, ctx, prev_speakers, depth + 1)
        return None
    near = _nearest_prev(v, prev_speakers, ctx)
    if near is not None:
        return near
    return _stranded_subject(v)


def _stranded_subject(v):
    """A subject sm attached elsewhere: in "..., an anonymous blogger yesterday
    published documents" the blogger hangs off the preceding noun as an
    apposition and the verb has no subject. Take the noun right before the verb
    (skipping adverbs like "yesterday") when the verb is a clause head."""
    if v.dep_ not in ("ROOT", "conj") or v.i == 0:
        return None
    doc = v.doc
    j = v.i - 1
    while j >= v.sent.start and (doc[j].dep_ in ("npadvmod", "advmod", "aux", "neg") and doc[j].head.i == v.i):
        j -= 1
    if j < v.sent.start:
        return None
    t = doc[j]
    if t.pos_ in ("NOUN", "PROPN") and t.head.i < t.i and t.dep_ in ("appos", "pobj", "conj", "dobj"):
        return t
    return None


def _nearest_prev(v, prev_speakers, ctx):
    best = None
    for ci, sp in prev_speakers.items():
        if ci < v.i and ctx.sent_of[ci] == ctx.sent_of[v.i] and (best is None or ci > best[0]):
            best = (ci, sp)
    return ctx.doc[best[1]] if best else None


def publisher(tok, ctx: Ctx):
    """Who released a document: 'The memo, which was posted online by an anonymous
    account ...' -> the account; 'messages obtained by the Guardian' -> the Guardian.
    None when tok is not a document noun or names no publisher."""
    lex = ctx.lex.allegation
    if tok is None or tok.lemma_.lower() not in lex.document_nouns:
        return None
    for c in tok.children:
        if c.dep_ in ("relcl", "acl") and c.lemma_.lower() in lex.release_verbs:
            for g in c.children:
                if g.dep_ == "agent":
                    for o in g.children:
                        if o.dep_ == "pobj":
                            return o
    return None

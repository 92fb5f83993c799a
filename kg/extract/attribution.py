"""Who said what: attributed-statement candidates from a parsed article.

Pure functions over a spaCy ``Doc`` yielding ``Cand`` records (token-level);
``kg.extract.__init__`` resolves speakers to entities and turns them into the
contract's statement dicts. Mechanisms, each named by the ``rule`` it stamps:

* ``quote-said-after|before``  a direct quote and the reporting verb next to it
  in the same paragraph; ``quote-said-next`` a bare "he said." sentence right
  after it; ``quote-said-before-colon`` "The ministry said:" before it (even
  across a paragraph break); ``quote-mixed`` the quote ends the cue's own
  clause ("said the ruling was “an outrage.”").
* ``quote-continued``   a quote with no reporting verb continuing the previous
  speaker (multi-paragraph / multi-sentence quotes); the assembly turns it into
  ``quote-prev-subject`` when the sentence just before names someone else.
* ``cue-<lemma>-<how>`` indirect speech: a cue verb (lexicon) with a clause
  (ccomp, "in a statement that ..."), a claim-like object, a naming predicate
  ("called the leaks fabricated"), "accuse X of", an echo, a plea, a passive
  ("were denied by X") or a parenthetical host clause (parataxis).
* ``according-to``      "..., according to X".
* ``noun-denial``       "denials by X that ...", "X's denial that ...".
* ``noun-allegation``   "his accusations that ...", "X made allegations that ...".
* ``refusal-*``         "declined to comment", "did not respond to a request for comment".

The spaCy sm parser misattaches verbs, so a cue's speaker is searched along
several paths (own subject, controller of an xcomp, head of a participle,
conjunct head) and finally inherited from the nearest preceding cue.
"""

from __future__ import annotations

import bisect
from dataclasses import dataclass

from .quotes import QuoteMask, find_quotes, long_quotes
from .stmt_lexicon import cues

SUBJ = ("nsubj", "csubj")
WH = {"who", "that", "which", "whom", "what"}
QUANTIFIERS = {"each", "both", "all", "none", "either", "neither"}


@dataclass
class Cand:
    rule: str
    cue: int | None  # cue token index
    speaker: int | None  # speaker head token index
    content: tuple[int, int]  # token range, inclusive
    sent: tuple[int, int]  # char range of the sentence(s)
    content_chars: tuple[int, int] | None = None  # exact char range (quotes)
    quote: bool = False
    kind: str | None = None  # forced by the mechanism (denial, refusal, allegation)
    inherit: bool = False  # speaker comes from the previous statement
    obj: int | None = None  # accused / echoed / named object token
    denied_noun: int | None = None  # claim noun a denial takes as object


# --------------------------------------------------------------------- helpers


class Ctx:
    """Per-document lookups built once (linear in the document)."""

    def __init__(self, doc, lo: int = 0, hi: int | None = None):
        self.doc = doc
        self.lex = cues()
        self.text = text = doc.text  # doc.text is rebuilt on each access: keep it
        self.quotes = long_quotes(find_quotes(text, lo, hi))
        self.mask = QuoteMask(self.quotes)
        self.sents = list(doc.sents)
        self.sent_of = [0] * len(doc)
        for k, s in enumerate(self.sents):
            for i in range(s.start, s.end):
                self.sent_of[i] = k
        self.para_starts = [0] + [i + 2 for i in range(len(text) - 1) if text[i] == "\n" and text[i + 1] == "\n"]
        self.used: set[int] = set()  # cue tokens consumed by a mechanism
        self._phrasal_heads = {p.split()[0] for p in self.lex.speech.phrasal}

    def in_quote(self, tok) -> bool:
        return self.mask.find(tok.idx) is not None

    def para(self, char: int) -> int:
        return bisect.bisect_right(self.para_starts, char) - 1

    def is_cue(self, tok) -> bool:
        if tok.pos_ not in ("VERB", "AUX"):
            return False
        lemma = tok.lemma_.lower()
        if lemma in self.lex.speech.verbs:
            return True
        if lemma in self._phrasal_heads:
            # "pointed out that ...": the verb counts with its particle only.
            return any(
                c.dep_ == "prt" and f"{lemma} {c.lower_}" in self.lex.speech.phrasal for c in tok.children
            ) or (lemma == "make" and any(c.lower_ == "clear" for c in tok.children))


def negated(tok) -> bool:
    return any(c.dep_ == "neg" for c in tok.children)


def own_subject(v, ctx: "Ctx | None" = None):
    """v's own subject token (skipping relative pronouns when a real one exists).

    A reporting verb outside a quote never takes its subject from inside the
    quote (sm reads “... Every single one,” said X as 'one said')."""
    subs = [c for c in v.children if c.dep_ in SUBJ]
    if ctx is not None and not ctx.in_quote(v):
        subs = [c for c in subs if not ctx.in_quote(c)]
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


def find_speaker(v, ctx: Ctx, prev_speakers: dict[int, int], depth: int = 0):
    """The token naming v's source, following control/conjunction/participle paths."""
    s = own_subject(v, ctx)
    if s is not None:
        if s.dep_ == "expl" or s.lower_ in ("there", "it") and s.pos_ == "PRON" and v.lemma_ in ("allege", "report"):
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
        if objs and gov.lemma_ not in ("promise",):  # object control: "prompted Rainsy to accuse"
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


def speaker_span(tok) -> tuple[int, int]:
    """Token range of the noun phrase headed by tok, without comma-set appositions/relatives."""
    doc = tok.doc
    first, last = tok.left_edge.i, tok.i
    # Left side: drop leading punctuation and quote marks.
    appos_name = name_appos(tok)
    for c in tok.rights:
        prev = doc[c.left_edge.i - 1] if c.left_edge.i > 0 else None
        comma_set = prev is not None and prev.text in {",", "–", "—", "-", "("}
        if appos_name is not None and c.i == appos_name.i:
            last = c.right_edge.i
            continue
        if c.dep_ == "punct" and c.text in {",", "–", "—", "(", ":"}:
            if appos_name is not None and appos_name.i > c.i:
                continue  # the comma opening "..., Karine Jean-Pierre, said"
            break
        if comma_set and c.dep_ in ("appos", "relcl", "acl", "amod", "prep"):
            break
        last = c.right_edge.i
    # Never reach back over a line break, a dateline dash or a bracket
    # ("WASHINGTON (Reuters) - Senate leader X said").
    for j in range(tok.i - 1, first - 1, -1):
        w = doc[j]
        if w.is_space or "\n" in w.text or w.text in {"-", "–", "—", ")", ":", ";", "“", "\""}:
            first = j + 1
            break
    while first < last and (doc[first].is_punct or doc[first].is_space):
        first += 1
    while last > first and doc[last].is_punct and doc[last].text not in "”\"’":
        last -= 1
    return first, last


def name_appos(tok):
    """A proper-name apposition of a common-noun speaker: "A spokeswoman for the
    White House, Karine Jean-Pierre, said" -> the Karine Jean-Pierre token."""
    if tok.pos_ != "NOUN":
        return None
    for c in tok.rights:
        if c.dep_ == "appos" and c.pos_ == "PROPN":
            return c
    return None


def name_span(tok) -> tuple[int, int]:
    """The head token with its compound/flat name parts ("Sok Eysan", "Facebook user")."""
    first = tok.i
    for c in tok.lefts:
        if c.dep_ in ("compound", "flat") and c.i == first - 1:
            first = c.i
    return first, tok.i


def clause_range(tok, ctx: Ctx) -> tuple[int, int]:
    """Token range of a content clause: tok's subtree (cue_content extends it
    over conjoined subjectless verbs that continue it)."""
    return tok.left_edge.i, tok.right_edge.i


def clause_sentence(ctx: Ctx, sent, keep: list[int]) -> tuple[int, int]:
    """The statement's sentence, without coordinated independent clauses that hold
    none of its parts: in "Spokesmen ... called the leaks fabricated, and The Post
    was not able to verify ..." the second clause is not part of the denial."""
    root = sent.root
    start, end = sent.start, sent.end - 1
    lo, hi = min(keep), max(keep)
    for c in root.children:
        if c.dep_ == "conj" and any(g.dep_ in SUBJ + ("nsubjpass", "expl") for g in c.children):
            a, b = c.left_edge.i, c.right_edge.i
            if a > hi and b >= end - 1:
                j = a - 1
                while j > hi and (ctx.doc[j].dep_ in ("cc", "punct")):
                    j -= 1
                end = j
    if end < hi:
        end = sent.end - 1
    return ctx.doc[start].idx, ctx.doc[end].idx + len(ctx.doc[end].text)


def sent_chars(ctx: Ctx, first_tok: int, last_tok: int) -> tuple[int, int]:
    a = ctx.sents[ctx.sent_of[first_tok]]
    b = ctx.sents[ctx.sent_of[last_tok]]
    return a.start_char, b.end_char


# ------------------------------------------------------------------- content


def naming_predicate(v):
    """What a naming verb predicates of its object: oprd ("called X fabricated"),
    a subjectless ccomp/xcomp (sm's reading of the same), or "as ..." ("dismissed X as baseless")."""
    dobj = next((c for c in v.children if c.dep_ == "dobj"), None)
    if dobj is None:
        return None
    for c in v.children:
        if c.i <= dobj.i:
            continue
        if c.dep_ == "oprd":
            return c
        if c.dep_ in ("ccomp", "xcomp") and not any(g.dep_ in SUBJ + ("nsubjpass",) for g in c.children):
            return c
        if c.dep_ == "prep" and c.lower_ == "as":
            return c
        if c.dep_ == "advcl" and any(g.lower_ == "as" for g in c.children if g.dep_ == "mark"):
            return c
    return None


def _finite(v) -> bool:
    """A clause with a tense/modal or a 'that' complementiser."""
    return v.tag_ in ("VBD", "VBZ", "VBP", "MD") or any(
        c.dep_ in ("aux", "auxpass", "mark") for c in v.children
    )


def cue_content(v, ctx: Ctx):
    """(token range, rule suffix, obj token, denied noun) of what cue v reports, or None."""
    lex = ctx.lex
    lemma = v.lemma_.lower()
    kids = list(v.children)
    dobj = next((c for c in kids if c.dep_ == "dobj"), None)
    pred = naming_predicate(v) if lemma in lex.deny.naming_verbs else None
    if dobj is not None and pred is not None:
        # "called the leaks fabricated", "dismissed the claims as baseless"
        end = max(dobj.right_edge.i, pred.right_edge.i)
        return (dobj.left_edge.i, end), "naming", dobj, None
    if lemma in lex.deny.plea_verbs:
        right = [c for c in kids if c.i > v.i and c.dep_ not in ("punct", "cc", "conj")]
        if right:  # "pleaded not guilty to charges of fraud"
            return (right[0].left_edge.i, max(c.right_edge.i for c in right)), "plea", None, None
        return None
    for c in kids:
        if c.dep_ == "ccomp" and lemma in lex.speech.evidence_verbs and not _finite(c):
            continue  # "found the car abandoned": a perception, not a report
        if c.dep_ == "ccomp" and c.i > v.i or c.dep_ == "ccomp" and not ctx.in_quote(c):
            first, last = clause_range(c, ctx)
            # Extend over a subjectless conjunct of the cue that carries on the
            # reported clause ("said X, but relied on Y").
            for d in kids:
                if d.dep_ == "conj" and d.i > last and not ctx.is_cue(d) and own_subject(d) is None:
                    last = d.right_edge.i
            return (first, last), "ccomp", None, None
    if lemma == "call":
        # "called for an inquiry" / "called on the government to resign"
        for c in kids:
            if c.dep_ == "prep" and c.lower_ == "for" and c.i == v.i + 1:
                return (c.i + 1, c.right_edge.i), "call-for", None, None
            if c.dep_ == "prep" and c.lower_ == "on" and c.i == v.i + 1:
                x = next((g for g in kids if g.dep_ in ("xcomp", "advcl") and g.i > c.i), None)
                if x is not None:
                    return (c.i + 1, x.right_edge.i), "call-on", None, None
    if lemma in lex.speech.xcomp_content:
        # "vowed to fight on", "urged voters to stay home"
        x = next((c for c in kids if c.dep_ == "xcomp" and c.i > v.i and any(a.lower_ == "to" for a in c.children)), None)
        if x is not None:
            first = dobj.left_edge.i if dobj is not None and dobj.i < x.i else x.left_edge.i
            return (first, x.right_edge.i), "xcomp", None, None
    if lemma in lex.speech.expression_verbs and dobj is not None:
        cl = next((c for c in dobj.children if c.dep_ in ("acl", "ccomp", "relcl") and any(m.dep_ == "mark" for m in c.children)), None)
        if cl is not None:  # "expressed concern that ..."
            return (dobj.left_edge.i, cl.right_edge.i), "expressed", None, None
    if lemma in lex.deny.naming_verbs and lemma not in lex.deny.claim_object_verbs:
        return None  # "described the scene": not a statement
    if lemma in lex.allegation.accusation_verbs and dobj is not None:
        of = next((c for c in kids if c.dep_ == "prep" and c.lower_ in ("of", "for")), None)
        if of is None:
            of = next((c for c in dobj.children if c.dep_ == "prep" and c.lower_ in ("of", "for")), None)
        if of is not None or lemma != "charge":
            end = max(dobj.right_edge.i, of.right_edge.i if of is not None else dobj.right_edge.i)
            return (dobj.left_edge.i, end), "accuse-of", dobj, None
    subjpass0 = next((c for c in kids if c.dep_ == "nsubjpass"), None)
    if lemma in lex.allegation.accusation_verbs and dobj is None and subjpass0 is not None and lemma != "charge":
        # "Smith was accused of embezzlement (by rivals)": the accused is the subject.
        of = next((c for c in kids if c.dep_ == "prep" and c.lower_ in ("of", "for")), None)
        if of is not None:
            return (subjpass0.left_edge.i, of.right_edge.i), "accuse-passive", subjpass0, None
    # "claimed to have", "purporting to show" (sm often parses the infinitive as advcl).
    xcomp = next((c for c in kids if c.dep_ == "xcomp" and c.i > v.i), None)
    if xcomp is None and lemma in lex.allegation.verbs:
        xcomp = next((c for c in kids if c.dep_ == "advcl" and c.i > v.i and any(a.lower_ == "to" for a in c.children)), None)
    if xcomp is not None and lemma in lex.allegation.verbs | lex.claim.verbs:
        last = xcomp.right_edge.i
        if v.dep_ == "acl":
            # "an email purporting to be from X ..., to Y discussing Z": sm cuts the
            # infinitive short; the purported content runs to the end of the clause
            # that governs the document noun.
            gov = v.head
            while gov.dep_ in ("pobj", "prep", "dobj", "conj", "appos") and gov.head.i != gov.i:
                gov = gov.head
            last = max(last, min(gov.right_edge.i, v.sent.end - 1))
        return (xcomp.left_edge.i, last), "xcomp", None, None
    if dobj is not None and not ctx.in_quote(dobj):
        claimish = dobj.lemma_.lower() in lex.speech.claim_nouns
        if lemma in lex.deny.echo_verbs:
            return (dobj.left_edge.i, dobj.right_edge.i), "echo", dobj, None
        if (claimish and lemma in lex.speech.claim_object_ok) or lemma not in lex.speech.clause_only:
            if lemma in lex.deny.naming_verbs and not (claimish and lemma in lex.deny.claim_object_verbs):
                return None
            return (dobj.left_edge.i, dobj.right_edge.i), "dobj", None, dobj if claimish else None
    for c in kids:
        # "said in a statement that ...": sm hangs the clause on the noun.
        if c.dep_ == "prep" and c.i > v.i:
            for n in c.children:
                if n.dep_ == "pobj":
                    for cl in n.children:
                        if cl.dep_ in ("acl", "relcl", "ccomp") and any(
                            m.dep_ == "mark" and m.lower_ == "that" for m in cl.children
                        ):
                            return (cl.left_edge.i, cl.right_edge.i), "ccomp-via-noun", None, None
    subjpass = next((c for c in kids if c.dep_ == "nsubjpass"), None)
    if subjpass is not None and lemma in lex.deny.default_verbs | lex.deny.claim_object_verbs and dobj is None:
        # "The allegations were denied by the senator's office."
        return (subjpass.left_edge.i, subjpass.right_edge.i), "passive", None, subjpass
    if v.dep_ == "parataxis" and not ctx.in_quote(v.head):
        # "Among the topics ..., Goepel said, was how ...": the host clause is the content.
        h = v.head
        return (h.left_edge.i, h.right_edge.i), "parataxis", None, None
    if lemma in lex.deny.default_verbs and dobj is None and not any(c.dep_ == "nsubjpass" for c in kids):
        # "The senator denied." / "He denied it" with pronoun obj parsed oddly.
        return (v.i, v.i), "bare", None, None
    return None


# ----------------------------------------------------------------- mechanisms


def quote_cands(ctx: Ctx) -> list[Cand]:
    """Direct quotes and their reporting verbs."""
    doc = ctx.doc
    out: list[Cand] = []
    starts = [t.idx for t in doc]
    for q in ctx.quotes:
        a = bisect.bisect_left(starts, q.start)
        b = bisect.bisect_left(starts, q.end) - 1
        if a >= len(doc) or b < a:
            continue
        s1, s2 = ctx.sent_of[a], ctx.sent_of[b]
        cue, rule = None, None
        cands = []
        # "The ministry said:\n\n“We reject ...”": a colon right before the
        # quote introduces it, even across a paragraph break.
        j = a - 1
        while j >= 0 and (doc[j].is_space or doc[j].text in "“\"‘"):
            j -= 1
        if j >= 0 and doc[j].text == ":":
            for t in ctx.sents[ctx.sent_of[j]]:
                if t.i < j and ctx.is_cue(t) and not ctx.in_quote(t) and t.i not in ctx.used and not negated(t):
                    cue, rule = t.i, "quote-said-before-colon"
        p_lo, p_hi = ctx.para(q.outer_start), ctx.para(max(q.start, q.end - 1))
        for k in sorted({s1, s2}):
            for t in ctx.sents[k]:
                # The reporting verb sits in the quote's paragraph (sm may run a
                # sentence across a paragraph break after a closing quote).
                if not (p_lo <= ctx.para(t.idx) <= p_hi):
                    continue
                if ctx.is_cue(t) and not ctx.in_quote(t) and not negated(t) and t.i not in ctx.used:
                    d = a - t.i if t.i < a else t.i - b
                    cands.append((d, 0 if t.i > b else 1, t.i))
        if cue is None and cands:
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
                for t in prv:
                    if ctx.is_cue(t) and not ctx.in_quote(t):
                        cue, rule = t.i, "quote-said-before-colon"
        sent = (max(ctx.sents[s1].start_char, ctx.para_starts[p_lo]), ctx.sents[s2].end_char)
        if cue is None and any(
            t.lower_ == "according" and t.i + 1 < len(doc) and doc[t.i + 1].lower_ == "to" and not ctx.in_quote(t)
            for k in sorted({s1, s2})
            for t in ctx.sents[k]
        ):
            continue  # “...,” according to X: the according-to statement covers it
        if cue is not None:
            ctx.used.add(cue)
            t = doc[cue]
            sp = find_speaker(t, ctx, {})
            sent = (min(sent[0], ctx.sents[ctx.sent_of[cue]].start_char), max(sent[1], ctx.sents[ctx.sent_of[cue]].end_char))
            c = Cand(rule, cue, sp.i if sp is not None else None, (a, b), sent, (q.start, q.end), quote=True)
            # Mixed quote: "Cruz said the ruling was “an outrage.”" -- the cue
            # reports its own clause, of which the quote is only the end.
            cc = next((k for k in t.children if k.dep_ == "ccomp"), None)
            last_word = max((i for i in range(a, b + 1) if not doc[i].is_punct), default=b)
            if (
                cc is not None
                and cc.left_edge.i < a - 1
                and cc.right_edge.i >= last_word
                and not ctx.in_quote(cc.left_edge)
                and ctx.para(cc.left_edge.idx) == p_lo
                and cc.i < a
            ):
                c.content = (cc.left_edge.i, cc.right_edge.i)
                c.content_chars = None
                c.quote = False
                c.rule = "quote-mixed"
            out.append(c)
        else:
            out.append(Cand("quote-continued", None, None, (a, b), sent, (q.start, q.end), quote=True, inherit=True))
    return out


def cue_cands(ctx: Ctx) -> list[Cand]:
    """Indirect speech from cue verbs, 'according to', denial nouns and refusals."""
    doc = ctx.doc
    lex = ctx.lex
    out: list[Cand] = []
    for sent in ctx.sents:
        # cue token -> its speaker token, for conjoined cues in this sentence only
        # (kept per sentence so the look-back stays linear in the document).
        speakers: dict[int, int] = {}
        for t in sent:
            if ctx.in_quote(t) or t.i in ctx.used:
                continue
            lemma = t.lemma_.lower()
            low = t.lower_
            if low == "according" and t.i + 1 < len(doc) and doc[t.i + 1].lower_ == "to":
                c = _according(t, ctx)
                if c:
                    out.append(c)
                continue
            if t.pos_ == "NOUN" and lemma in lex.deny.nouns:
                c = _noun_denial(t, ctx)
                if c:
                    out.append(c)
                continue
            if t.pos_ == "NOUN" and lemma in lex.allegation.nouns and not (t.dep_ == "dobj" and ctx.is_cue(t.head)):
                c = _noun_allegation(t, ctx)
                if c:
                    out.append(c)
                continue
            if not ctx.is_cue(t):
                continue
            if lemma in lex.refusal.governors:
                c = _refusal(t, ctx, speakers)
                if c:
                    out.append(c)
                continue
            if lemma in lex.refusal.no_response_verbs and negated(t):
                c = _no_response(t, ctx, speakers)
                if c:
                    out.append(c)
                continue
            if negated(t):
                continue  # "did not deny", "did not say": no statement made
            if t.dep_ in ("xcomp", "advcl") and ctx.is_cue(t.head) and any(a.lower_ == "to" for a in t.children):
                continue  # "purporting to show", "claimed to reveal": content of the governing cue
            if t.dep_ == "xcomp" and t.head.lemma_.lower() in lex.negation.cancelling_governors:
                continue  # "failed to deny" (refuse/decline handled as refusals)
            cont = cue_content(t, ctx)
            if cont is None:
                # "X echoed Y, saying ...": the participle carries the content.
                continue
            (first, last), how, obj, noun = cont
            if how == "echo":
                saying = next((c for c in t.children if c.dep_ == "advcl" and ctx.is_cue(c)), None)
                if saying is not None:
                    sc = cue_content(saying, ctx)
                    if sc is not None:
                        (first, last) = sc[0]
                        ctx.used.add(saying.i)
            if how == "bare" and own_subject(t) is None:
                continue
            sp = find_speaker(t, ctx, speakers)
            if sp is not None:
                speakers[t.i] = sp.i
            if sp is None and lemma not in lex.allegation.verbs:
                continue
            if sp is not None and sp.i >= first and sp.i <= last and how != "parataxis":
                continue  # subject inside its own content: a parse knot, skip
            ctx.used.add(t.i)
            out.append(
                Cand(
                    f"cue-{lemma}-{how}",
                    t.i,
                    sp.i if sp is not None else None,
                    (first, last),
                    clause_sentence(ctx, sent, [t.i, first, last] + ([sp.i] if sp is not None else [])),
                    obj=obj.i if obj is not None else None,
                    denied_noun=noun.i if noun is not None else None,
                )
            )
    return out


def _according(t, ctx: Ctx) -> Cand | None:
    to = ctx.doc[t.i + 1]
    src = next((c for c in to.children if c.dep_ == "pobj"), None)
    if src is None:
        return None
    host = t.head
    sent = ctx.sents[ctx.sent_of[t.i]]
    if host.i == t.i or ctx.sent_of[host.i] != ctx.sent_of[t.i]:
        host = sent.root
    first, last = host.left_edge.i, host.right_edge.i
    if t.i > host.i:  # trailing "..., according to X."
        last = t.i - 1
    else:  # leading "According to X, ..."
        first = to.right_edge.i + 1
    if last < first:
        return None
    ctx.used.add(t.i)
    return Cand("according-to", t.i, src.i, (first, last), (sent.start_char, sent.end_char))


def _noun_denial(n, ctx: Ctx) -> Cand | None:
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
            (c for c in n.head.children if c.dep_ == "ccomp" and c.i > n.i and any(m.dep_ == "mark" for m in c.children)),
            None,
        )
    if sp is None or content is None:
        return None
    sent = ctx.sents[ctx.sent_of[n.i]]
    return Cand("noun-denial", n.i, sp.i, (content.left_edge.i, content.right_edge.i), (sent.start_char, sent.end_char), kind="denial")


def proposition_clause(n):
    """The clause a claim noun introduces: "allegations (that) the premier had
    paid ...", "his accusations Hun Sen's team had bolstered ..."; a participle
    describing the noun ("allegations first reported by X") is not one."""
    for c in n.children:
        if c.dep_ in ("relcl", "acl", "ccomp") and c.i > n.i:
            if any(g.dep_ == "mark" for g in c.children):
                return c
            subj = [g for g in c.children if g.dep_ in ("nsubj", "nsubjpass")]
            if subj and subj[0].lower_ not in WH:
                return c
    return None


def _noun_allegation(n, ctx: Ctx) -> Cand | None:
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
    if sp is None or clause is None:
        return None
    first = clause.left_edge.i
    while first < clause.right_edge.i and doc[first].dep_ == "mark":
        first += 1
    sent = ctx.sents[ctx.sent_of[n.i]]
    kind = "allegation" if n.lemma_.lower() not in ("claim", "assertion", "suggestion") else None
    return Cand("noun-allegation", n.i, sp.i, (first, clause.right_edge.i), (sent.start_char, sent.end_char), kind=kind)


def _refusal(t, ctx: Ctx, speakers) -> Cand | None:
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
    return Cand("refusal-" + t.lemma_.lower(), t.i, sp.i, (x.left_edge.i, x.right_edge.i), (sent.start_char, sent.end_char), kind="refusal")


def _no_response(t, ctx: Ctx, speakers) -> Cand | None:
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


def candidates(doc, lo: int = 0, hi: int | None = None) -> tuple[list[Cand], Ctx]:
    """All statement candidates of a document, in text order."""
    ctx = Ctx(doc, lo, hi)
    qs = quote_cands(ctx)
    cs = cue_cands(ctx)
    allc = qs + cs
    for c in allc:
        if c.content_chars is None:
            a, b = c.content
            c.content_chars = (doc[a].idx, doc[b].idx + len(doc[b].text))
    allc.sort(key=lambda c: (c.sent[0], c.content_chars[0], c.cue or -1))
    return allc, ctx

"""What a cue reports: the token range of its content (clause, object, naming predicate, ...)."""

from __future__ import annotations

from .context import Ctx
from .sources import own_subject
from .syntax import SUBJ, finite_clause, naming_predicate


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
    hi = max(keep)
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


class _Cue:
    """A cue token and what the content finders ask of it."""

    def __init__(self, v, ctx: Ctx):
        self.v = v
        self.ctx = ctx
        self.lex = ctx.lex
        self.lemma = v.lemma_.lower()
        self.kids = list(v.children)
        self.dobj = next((c for c in self.kids if c.dep_ == "dobj"), None)


_STOP = ()  # a finder's answer: no content, and no later finder may find one


def cue_content(v, ctx: Ctx):
    """(token range, how, obj token, denied noun) of what cue v reports, or None.

    The finders below are tried in order and the first that answers wins;
    ``how`` names the finder and becomes the end of the rule id
    (``cue-<lemma>-<how>``). A new way a cue carries its content is a new
    finder in ``_FINDERS``, placed before the ones it must beat."""
    cue = _Cue(v, ctx)
    for finder in _FINDERS:
        found = finder(cue)
        if found is not None:
            return found or None
    return None


def _naming(cue: _Cue):
    """ "called the leaks fabricated", "dismissed the claims as baseless"."""
    if cue.lemma not in cue.lex.deny.naming_verbs or cue.dobj is None:
        return None
    pred = naming_predicate(cue.v)
    if pred is None:
        return None
    dobj = cue.dobj
    end = max(dobj.right_edge.i, pred.right_edge.i)
    noun = dobj if dobj.lemma_.lower() in cue.lex.allegation.nouns else None
    return (dobj.left_edge.i, end), "naming", dobj, noun


def _plea(cue: _Cue):
    """ "pleaded not guilty to charges of fraud" (a plea with nothing after it: no content)."""
    if cue.lemma not in cue.lex.deny.plea_verbs:
        return None
    right = [c for c in cue.kids if c.i > cue.v.i and c.dep_ not in ("punct", "cc", "conj")]
    if not right:
        return _STOP
    # "... to charges that he took $18,000": the charges are what the plea denies.
    noun = next(
        (
            o
            for c in right
            if c.dep_ == "prep" and c.lower_ == "to"
            for o in c.children
            if o.dep_ == "pobj" and o.lemma_.lower() in cue.lex.allegation.nouns
        ),
        None,
    )
    return (right[0].left_edge.i, max(c.right_edge.i for c in right)), "plea", None, noun


def _ccomp(cue: _Cue):
    """A clausal complement: "said (that) ..."."""
    ctx = cue.ctx
    for c in cue.kids:
        if c.dep_ == "ccomp" and cue.lemma in cue.lex.speech.evidence_verbs and not finite_clause(c):
            continue  # "found the car abandoned": a perception, not a report
        if c.dep_ == "ccomp" and c.i > cue.v.i or c.dep_ == "ccomp" and not ctx.in_quote(c):
            first, last = clause_range(c, ctx)
            # Extend over a subjectless conjunct of the cue that carries on the
            # reported clause ("said X, but relied on Y").
            for d in cue.kids:
                if d.dep_ == "conj" and d.i > last and not ctx.is_cue(d) and own_subject(d) is None:
                    last = d.right_edge.i
            return (first, last), "ccomp", None, None
    return None


def _call(cue: _Cue):
    """ "called for an inquiry" / "called on the government to resign"."""
    if cue.lemma not in cue.lex.speech.call_verbs:
        return None
    v, kids = cue.v, cue.kids
    for c in kids:
        if c.dep_ == "prep" and c.lower_ == "for" and c.i == v.i + 1:
            return (c.i + 1, c.right_edge.i), "call-for", None, None
        if c.dep_ == "prep" and c.lower_ == "on" and c.i == v.i + 1:
            x = next((g for g in kids if g.dep_ in ("xcomp", "advcl") and g.i > c.i), None)
            if x is not None:
                return (c.i + 1, x.right_edge.i), "call-on", None, None
    return None


def _speech_xcomp(cue: _Cue):
    """ "vowed to fight on", "urged voters to stay home"."""
    if cue.lemma not in cue.lex.speech.xcomp_content:
        return None
    dobj = cue.dobj
    x = next(
        (c for c in cue.kids if c.dep_ == "xcomp" and c.i > cue.v.i and any(a.lower_ == "to" for a in c.children)), None
    )
    if x is None:
        return None
    first = dobj.left_edge.i if dobj is not None and dobj.i < x.i else x.left_edge.i
    return (first, x.right_edge.i), "xcomp", None, None


def _expressed(cue: _Cue):
    """ "expressed concern that ..."."""
    dobj = cue.dobj
    if cue.lemma not in cue.lex.speech.expression_verbs or dobj is None:
        return None
    cl = next(
        (c for c in dobj.children if c.dep_ in ("acl", "ccomp", "relcl") and any(m.dep_ == "mark" for m in c.children)),
        None,
    )
    if cl is None:
        return None
    return (dobj.left_edge.i, cl.right_edge.i), "expressed", None, None


def _naming_without_verdict(cue: _Cue):
    """ "described the scene": a naming verb with no verdict makes no statement."""
    if cue.lemma in cue.lex.deny.naming_verbs and cue.lemma not in cue.lex.deny.claim_object_verbs:
        return _STOP
    return None


def _accuse_of(cue: _Cue):
    """ "accused rivals of spreading fake stories" ("charged" only with of/for)."""
    dobj, kids, lemma = cue.dobj, cue.kids, cue.lemma
    if lemma not in cue.lex.allegation.accusation_verbs or dobj is None:
        return None
    of = next((c for c in kids if c.dep_ == "prep" and c.lower_ in ("of", "for")), None)
    if of is None:
        of = next((c for c in dobj.children if c.dep_ == "prep" and c.lower_ in ("of", "for")), None)
    if of is None and lemma in cue.lex.allegation.charge_verbs:
        return None
    end = max(dobj.right_edge.i, of.right_edge.i if of is not None else dobj.right_edge.i)
    return (dobj.left_edge.i, end), "accuse-of", dobj, None


def _accuse_passive(cue: _Cue):
    """ "Smith was accused of embezzlement (by rivals)": the accused is the subject."""
    kids, lemma = cue.kids, cue.lemma
    subjpass = next((c for c in kids if c.dep_ == "nsubjpass"), None)
    if (
        lemma not in cue.lex.allegation.accusation_verbs
        or cue.dobj is not None
        or subjpass is None
        or lemma in cue.lex.allegation.charge_verbs
    ):
        return None
    of = next((c for c in kids if c.dep_ == "prep" and c.lower_ in ("of", "for")), None)
    if of is None:
        return None
    return (subjpass.left_edge.i, of.right_edge.i), "accuse-passive", subjpass, None


def _claimed_to(cue: _Cue):
    """ "claimed to have", "purporting to show" (sm often parses the infinitive as advcl)."""
    v, kids, lemma, lex = cue.v, cue.kids, cue.lemma, cue.lex
    xcomp = next((c for c in kids if c.dep_ == "xcomp" and c.i > v.i), None)
    if xcomp is None and lemma in lex.allegation.verbs:
        xcomp = next(
            (c for c in kids if c.dep_ == "advcl" and c.i > v.i and any(a.lower_ == "to" for a in c.children)), None
        )
    if xcomp is None or lemma not in lex.allegation.verbs | lex.claim.verbs:
        return None
    last = xcomp.right_edge.i
    if v.dep_ == "acl":
        # "an email purporting to be from X ..., to Y discussing Z": sm cuts the
        # infinitive short; the purported content runs to the end of the clause
        # that governs the document noun.
        gov = v.head
        while gov.dep_ in ("pobj", "prep", "dobj", "conj", "appos") and gov.head.i != gov.i:
            gov = gov.head
        last = max(last, min(gov.right_edge.i, v.sent.end - 1))
    elif lemma in lex.allegation.purport_verbs:
        # "purports to show X, instructing officials to ...": sm hangs the
        # rest of what is shown on the cue; it runs to the cue's clause end.
        last = max(last, v.right_edge.i)
        while last > xcomp.i and v.doc[last].is_punct:
            last -= 1
    obj = None
    if lemma in lex.allegation.purport_verbs:
        obj = next((c for c in xcomp.children if c.dep_ == "dobj"), None)
    return (xcomp.left_edge.i, last), "xcomp", obj, None


def _object(cue: _Cue):
    """An echoed or claim-like object: "echoed Chong Leang's denial", "confirmed the report"."""
    dobj, lemma, lex = cue.dobj, cue.lemma, cue.lex
    if dobj is None or cue.ctx.in_quote(dobj):
        return None
    claimish = dobj.lemma_.lower() in lex.speech.claim_nouns
    if lemma in lex.deny.echo_verbs:
        return (dobj.left_edge.i, dobj.right_edge.i), "echo", dobj, None
    if (claimish and lemma in lex.speech.claim_object_ok) or lemma not in lex.speech.clause_only:
        if lemma in lex.deny.naming_verbs and not (claimish and lemma in lex.deny.claim_object_verbs):
            return _STOP
        return (dobj.left_edge.i, dobj.right_edge.i), "dobj", None, dobj if claimish else None
    return None


def _via_noun(cue: _Cue):
    """ "said in a statement that ...": sm hangs the clause on the noun."""
    for c in cue.kids:
        if c.dep_ == "prep" and c.i > cue.v.i:
            for n in c.children:
                if n.dep_ == "pobj":
                    for cl in n.children:
                        if cl.dep_ in ("acl", "relcl", "ccomp") and any(
                            m.dep_ == "mark" and m.lower_ == "that" for m in cl.children
                        ):
                            return (cl.left_edge.i, cl.right_edge.i), "ccomp-via-noun", None, None
    return None


def _innocence(cue: _Cue):
    """ "insisted on his innocence": the claim sits in an on/in phrase."""
    lex = cue.lex
    if cue.lemma not in lex.falsity.innocence_verbs:
        return None
    for c in cue.kids:
        if (
            c.dep_ == "prep"
            and c.lower_ in ("on", "in")
            and c.i > cue.v.i
            and any(o.dep_ == "pobj" and o.lemma_.lower() in lex.falsity.innocence_nouns for o in c.children)
        ):
            return (c.i + 1, c.right_edge.i), "innocence", None, None
    return None


def _passive(cue: _Cue):
    """ "The allegations were denied by the senator's office."."""
    subjpass = next((c for c in cue.kids if c.dep_ == "nsubjpass"), None)
    if (
        subjpass is not None
        and cue.lemma in cue.lex.deny.default_verbs | cue.lex.deny.claim_object_verbs
        and cue.dobj is None
    ):
        return (subjpass.left_edge.i, subjpass.right_edge.i), "passive", None, subjpass
    return None


def _parataxis(cue: _Cue):
    """ "Among the topics ..., Goepel said, was how ...": the host clause is the content."""
    v = cue.v
    if v.dep_ == "parataxis" and not cue.ctx.in_quote(v.head):
        h = v.head
        return (h.left_edge.i, h.right_edge.i), "parataxis", None, None
    return None


def _gerund(cue: _Cue):
    """ "denied using city vehicles for campaign events", "denied writing it"."""
    if cue.lemma not in cue.lex.deny.default_verbs or cue.dobj is not None:
        return None
    g = next((c for c in cue.kids if c.dep_ in ("xcomp", "advcl", "ccomp") and c.tag_ == "VBG" and c.i > cue.v.i), None)
    if g is None:
        return None
    return (g.left_edge.i, g.right_edge.i), "gerund", None, None


def _bare(cue: _Cue):
    """ "The senator denied." / "He denied it" with pronoun obj parsed oddly."""
    if (
        cue.lemma in cue.lex.deny.default_verbs
        and cue.dobj is None
        and not any(c.dep_ == "nsubjpass" for c in cue.kids)
    ):
        return (cue.v.i, cue.v.i), "bare", None, None
    return None


_FINDERS = (
    _naming,
    _plea,
    _ccomp,
    _call,
    _speech_xcomp,
    _expressed,
    _naming_without_verdict,
    _accuse_of,
    _accuse_passive,
    _claimed_to,
    _object,
    _via_noun,
    _innocence,
    _passive,
    _parataxis,
    _gerund,
    _bare,
)

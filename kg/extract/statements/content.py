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
        noun = dobj if dobj.lemma_.lower() in lex.allegation.nouns else None
        return (dobj.left_edge.i, end), "naming", dobj, noun
    if lemma in lex.deny.plea_verbs:
        right = [c for c in kids if c.i > v.i and c.dep_ not in ("punct", "cc", "conj")]
        if right:  # "pleaded not guilty to charges of fraud"
            # "... to charges that he took $18,000": the charges are what the plea denies.
            noun = next(
                (o for c in right if c.dep_ == "prep" and c.lower_ == "to" for o in c.children
                 if o.dep_ == "pobj" and o.lemma_.lower() in lex.allegation.nouns),
                None,
            )
            return (right[0].left_edge.i, max(c.right_edge.i for c in right)), "plea", None, noun
        return None
    for c in kids:
        if c.dep_ == "ccomp" and lemma in lex.speech.evidence_verbs and not finite_clause(c):
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
        elif lemma == "purport":
            # "purports to show X, instructing officials to ...": sm hangs the
            # rest of what is shown on the cue; it runs to the cue's clause end.
            last = max(last, v.right_edge.i)
            while last > xcomp.i and v.doc[last].is_punct:
                last -= 1
        obj = None
        if lemma == "purport":
            shown = xcomp
            obj = next((c for c in shown.children if c.dep_ == "dobj"), None)
        return (xcomp.left_edge.i, last), "xcomp", obj, None
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
    if lemma in lex.falsity.innocence_verbs:
        # "insisted on his innocence": the claim sits in an on/in phrase.
        for c in kids:
            if c.dep_ == "prep" and c.lower_ in ("on", "in") and c.i > v.i and any(
                o.dep_ == "pobj" and o.lemma_.lower() in lex.falsity.innocence_nouns for o in c.children
            ):
                return (c.i + 1, c.right_edge.i), "innocence", None, None
    subjpass = next((c for c in kids if c.dep_ == "nsubjpass"), None)
    if subjpass is not None and lemma in lex.deny.default_verbs | lex.deny.claim_object_verbs and dobj is None:
        # "The allegations were denied by the senator's office."
        return (subjpass.left_edge.i, subjpass.right_edge.i), "passive", None, subjpass
    if v.dep_ == "parataxis" and not ctx.in_quote(v.head):
        # "Among the topics ..., Goepel said, was how ...": the host clause is the content.
        h = v.head
        return (h.left_edge.i, h.right_edge.i), "parataxis", None, None
    if lemma in lex.deny.default_verbs and dobj is None:
        # "denied using city vehicles for campaign events", "denied writing it"
        g = next((c for c in kids if c.dep_ in ("xcomp", "advcl", "ccomp") and c.tag_ == "VBG" and c.i > v.i), None)
        if g is not None:
            return (g.left_edge.i, g.right_edge.i), "gerund", None, None
    if lemma in lex.deny.default_verbs and dobj is None and not any(c.dep_ == "nsubjpass" for c in kids):
        # "The senator denied." / "He denied it" with pronoun obj parsed oddly.
        return (v.i, v.i), "bare", None, None
    return None

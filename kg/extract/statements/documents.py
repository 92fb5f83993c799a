"""Documents that allege: "a memo that appeared to show ...", "purports to show", "published a report linking"."""

from __future__ import annotations

from .candidate import Cand
from .context import Ctx
from .sources import own_subject, publisher
from .syntax import WH


def under_seeming(t, ctx: Ctx) -> bool:
    """Is cue t inside what a document purports/appears to show ("purports to
    show X instructing officials to ...")? Then it is the document's content,
    not a statement of its own."""
    gov = ctx.lex.allegation.seeming_governors
    h, depth = t, 0
    while h.head.i != h.i and depth < 6:
        h = h.head
        depth += 1
        if h.lemma_.lower() in gov:
            return True
    return False


def seeming_cand(t, ctx: Ctx, sent) -> Cand | None:
    """'a memo that appeared to show his office pressuring officials', 'a voice
    ... appeared to say that she wanted ...': a hedged allegation by the document
    (or whoever released it), never a statement by the person it shows."""
    gov = t.head
    subj = next((c for c in gov.children if c.dep_ in ("nsubj", "nsubjpass")), None)
    if gov.dep_ == "relcl" and (subj is None or subj.lower_ in WH):
        subj = gov.head  # "a memo that appeared to show ..."
    first = t.i + 1
    last = t.right_edge.i
    while last > first and ctx.doc[last].is_punct:
        last -= 1
    if last < first:
        return None
    sp = publisher(subj, ctx) if subj is not None else None
    obj = next((c for c in t.children if c.dep_ in ("dobj", "nsubj")), None)
    if obj is None:
        cc = next((c for c in t.children if c.dep_ == "ccomp"), None)
        obj = next((c for c in cc.children if c.dep_ in ("nsubj", "nsubjpass")), None) if cc is not None else None
    ctx.used.add(t.i)
    return Cand(
        f"seeming-{gov.lemma_.lower()}-{t.lemma_.lower()}",
        t.i,
        sp.i if sp is not None else None,
        (first, last),
        (sent.start_char, sent.end_char),
        kind="allegation",
        obj=obj.i if obj is not None else None,
    )


def purport_fallback(t, ctx: Ctx, sent) -> Cand | None:
    """'The messages, obtained by the Guardian, purport to show X telling Y ...'
    when sm reads "purport" as a noun: the surface pattern purport + to + verb.
    The document (the noun it hangs on, or the subject) is the source, its
    publisher the claimant; what is shown runs to the sentence end."""
    doc = ctx.doc
    if t.i + 2 >= len(doc) or doc[t.i + 1].lower_ != "to" or doc[t.i + 2].pos_ not in ("VERB", "AUX"):
        return None
    v = doc[t.i + 2]
    src = (
        t.head if t.dep_ in ("appos", "conj", "compound") else next((c for c in t.children if c.dep_ == "nsubj"), None)
    )
    sp = publisher(src, ctx) if src is not None else None
    first, last = t.i + 1, sent.end - 1
    while last > first and doc[last].is_punct:
        last -= 1
    obj = next((c for c in v.children if c.dep_ == "dobj"), None)
    ctx.used.add(t.i)
    ctx.used.add(v.i)
    return Cand(
        "purport-surface",
        t.i,
        sp.i if sp is not None else (src.i if src is not None else None),
        (first, last),
        (sent.start_char, sent.end_char),
        kind="allegation",
        obj=obj.i if obj is not None else None,
    )


def document_cand(t, ctx: Ctx, sent) -> Cand | None:
    """'researchers ... published a report linking the accounts to a consultancy
    hired by his re-election team': the publisher alleges what the document shows."""
    lex = ctx.lex.allegation
    for d in t.children:
        if d.dep_ != "dobj" or d.lemma_.lower() not in lex.document_nouns:
            continue
        acl = next(
            (
                c
                for c in d.children
                if c.dep_ in ("acl", "relcl")
                and c.lemma_.lower() in lex.document_acl_verbs
                and c.tag_ in ("VBG", "VBZ", "VBD")
            ),
            None,
        )
        if acl is None:
            continue
        sp = own_subject(t, ctx)
        if sp is None:
            return None
        ctx.used.add(t.i)
        ctx.used.add(acl.i)
        obj = next((c for c in acl.children if c.dep_ == "dobj"), None)
        return Cand(
            f"document-{acl.lemma_.lower()}",
            t.i,
            sp.i,
            (acl.i, acl.right_edge.i),
            (sent.start_char, sent.end_char),
            kind="allegation",
            obj=obj.i if obj is not None else None,
        )
    return None

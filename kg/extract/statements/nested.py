"""One statement for a stance reported inside a report ("said in an email that it rejects")."""

from __future__ import annotations

from ..lexicon import grammar
from ..rules import tagged
from .candidate import Cand
from .context import Ctx

NESTED_PRONOUNS = grammar("pronouns", "third_person_subjects")


def merge_nested(cands: list[Cand], doc, ctx: Ctx) -> list[Cand]:
    """'Redline said in an email that it "categorically rejects" the report's
    conclusions': the embedded stance cue (reject/deny/confirm/allege ...) whose
    subject is a pronoun is the outer speaker's own act. One statement results:
    the inner one (it knows what is rejected) with the outer speaker
    (revision ``nested``); the outer report of it is dropped."""
    lex = ctx.lex
    stance = (
        lex.deny.default_verbs
        | lex.deny.claim_object_verbs
        | lex.confirm.verbs
        | lex.allegation.verbs
        | lex.deny.naming_verbs
    )
    by_cue = {c.cue: c for c in cands if c.cue is not None and c.speaker is not None}
    drop: set[int] = set()
    for c in cands:
        if c.cue is None or c.speaker is None or not tagged(c.rule, "cue"):
            continue
        subj = doc[c.speaker]
        client = subj.lemma_.lower() in lex.source.client_nouns and any(
            g.dep_ == "poss" and g.pos_ == "PRON" for g in subj.children
        )  # "Grant's lawyers said ... that their client denied any wrongdoing"
        if (subj.lower_ not in NESTED_PRONOUNS and not client) or doc[c.cue].lemma_.lower() not in stance:
            continue
        if (
            doc[c.cue].lemma_.lower() in lex.deny.naming_verbs
            and not tagged(c.rule, "naming")
            and doc[c.cue].lemma_.lower() not in lex.deny.claim_object_verbs
        ):
            continue  # "called for peaceful protests": a call, not a verdict
        h, depth = doc[c.cue], 0
        while h.head.i != h.i and depth < 4:
            h = h.head
            depth += 1
            o = by_cue.get(h.i)
            if o is None or o is c or id(o) in drop:
                continue
            if not (o.content[0] <= c.cue <= o.content[1]) or doc[o.speaker].lower_ in NESTED_PRONOUNS:
                break
            c.speaker = o.speaker
            c.revise("nested")
            c.sent = (min(c.sent[0], o.sent[0]), max(c.sent[1], o.sent[1]))
            drop.add(id(o))
            break
    return [c for c in cands if id(c) not in drop]

"""Negated rebuttals as a form: "We have never bought a single follower", "Nobody in this office wrote that memo"."""

from __future__ import annotations

from ..lexicon import cues, grammar
from .falsity import hypothetical
from .syntax import lemma_of, negated, subject_of


def past_act(t) -> bool:
    """Is clause head t a past or perfect act ("never sent", "have never taken")?"""
    auxes = [c for c in t.children if c.dep_ in ("aux", "auxpass")]
    return t.tag_ in ("VBD", "VBN") or any(
        lemma_of(a) in ("do", "have") and a.tag_ in ("VBD", "VBZ", "VBP") and (lemma_of(a) == "have" or a.tag_ == "VBD")
        for a in auxes
    )


_rebuttal_memo: list = [(None, {})]  # (doc, {(first, last, org_speaker, quote): heads}) for the last document


def negated_rebuttal_form(cand, doc, org_speaker: bool = False):
    """Memoised per document (the assembly asks several times per statement);
    see _negated_rebuttal_form."""
    known, memo = _rebuttal_memo[0]
    if known is not doc:
        memo = {}
        _rebuttal_memo[0] = (doc, memo)
    key = (cand.content[0], cand.content[1], bool(org_speaker), bool(cand.quote))
    heads = memo.get(key)
    if heads is None:
        heads = memo[key] = _negated_rebuttal_form(cand, doc, org_speaker)
    return list(heads)


def _negated_rebuttal_form(cand, doc, org_speaker: bool = False):
    """Does the content deny an act of the speaker's side in the negative?

    "We have never bought a single follower", "Nobody in this office wrote that
    memo", "the party had never hired a single influencer", "That's not me",
    "the voice is not hers". The negated clause must be about a person or
    their side (first person, he/she/they, a negative subject like "nobody",
    or an agent noun such as party/office/client/campaign) -- "the memo's
    formatting did not match" argues about a thing -- and must be asserted
    (not a plan "would not resign", not an if-clause or a question).
    Returns the negated clause heads (empty: no rebuttal form). In reported speech by an
    organisation, "it" is the organisation ("Harcourt said it had never sought
    improper access"); "our network", "my email" are the speaker's side."""
    lex = cues()
    reb = lex.rebuttal
    first, last = cand.content
    heads = []
    for t in doc[first : last + 1]:
        inside_head = first <= t.head.i <= last and t.head.i != t.i
        if inside_head and not (t.dep_ in ("conj", "ccomp", "csubj") and t.pos_ in ("VERB", "AUX")):
            continue  # clause heads only: content roots, conjoined clauses, reported clauses
        neg = (
            negated(t)
            or any(c.lower_ in reb.negators and c.dep_ in ("neg", "advmod", "det") for c in t.children)
            or any(c.dep_ == "advmod" and negated(c) for c in t.children)
        )  # "Not once did he tell anyone ..."
        subj = subject_of(t)
        if subj is not None and (
            subj.lower_ in reb.negative_subjects or any(c.dep_ == "det" and c.lower_ == "no" for c in subj.children)
        ):
            neg = True  # "Nobody in this office wrote that memo"
        if (
            subj is not None
            and lemma_of(subj) in reb.money_units
            and any(c.dep_ == "det" and c.lower_ in reb.universal_dets for c in subj.children)
            and any(c.dep_ == "auxpass" for c in t.children)
            and not negated(t)
        ):
            neg = True  # "every penny was approved", "Every rupee was released through the collectors"
        objs = [c for c in t.children if c.dep_ in ("dobj", "attr")]
        if any(
            (o.lower_ in reb.negative_subjects or any(d.dep_ == "det" and d.lower_ == "no" for d in o.children))
            and not any(g.dep_ in ("relcl", "acl") and any(x.lower_ == "to" for x in g.children) for g in o.children)
            for o in objs
        ):
            neg = True  # "we paid nobody", "I took no money" (not "we have nothing to fear": an attitude)
        if not neg or hypothetical(t):
            continue
        auxes = [c for c in t.children if c.dep_ in ("aux", "auxpass")]
        if any(a.tag_ == "MD" for a in auxes) and not any(c.lower_ == "never" for c in t.children):
            continue  # "would not resign": a plan, not an answer about the past
        own = any(o.lower_ in reb.own_words for o in objs)
        if subj is None:
            if own:
                heads.append(t)
            continue
        mine = any(c.dep_ == "poss" and c.lower_ in grammar("pronouns", "first_person") for c in subj.children)
        money = lemma_of(subj) in reb.money_units and any(
            c.dep_ == "det" and c.lower_ in reb.universal_dets for c in subj.children
        )
        if money:
            heads.append(t)  # "every penny was approved": the speaker accounts for the money
            continue
        it_org = (
            org_speaker
            and not cand.quote
            and (subj.lower_ == "it" or any(c.dep_ == "poss" and c.lower_ == "its" for c in subj.children))
        )  # "Cloudline says its systems were not breached"
        if (
            own
            or mine
            or it_org
            or subj.pos_ == "PRON"
            and subj.lower_ not in grammar("pronouns", "impersonal")
            or subj.lower_ in reb.negative_subjects
            or lemma_of(subj) in reb.agent_nouns
            or subj.ent_type_ in ("PERSON", "ORG", "NORP")
        ):
            heads.append(t)
    return heads

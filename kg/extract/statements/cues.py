"""Indirect speech from cue words: the dispatch over the cue tokens of each sentence."""

from __future__ import annotations

from ..lexicon import grammar
from .candidate import Cand
from .content import clause_sentence, cue_content
from .context import Ctx
from .documents import document_cand, purport_fallback, seeming_cand, under_seeming
from .nouns import according_cand, noun_allegation, noun_denial, relative_denial
from .refusals import negated_refusal, no_response, refusal_cand
from .sources import find_speaker, own_subject, publisher
from .syntax import negated, relative_antecedent


def anonymity_request(t, ctx: Ctx) -> bool:
    """'who asked not to be named', 'declined to be identified', 'spoke on
    condition of anonymity': a request for anonymity, not a statement."""
    lex = ctx.lex.anonymity
    for c in t.children:
        if (
            c.dep_ in ("xcomp", "ccomp")
            and c.lemma_.lower() in lex.passive_complements
            and any(g.dep_ == "auxpass" for g in c.children)
        ):
            return True
    # (the six tokens after t that are in its subtree; walking the whole subtree is the slow way)
    return any(w.lemma_.lower() in lex.nouns and t.is_ancestor(w) for w in t.doc[t.i + 1 : t.i + 7])


_NEXT = object()  # a mechanism's answer: "not mine, try the next one"


def cue_cands(ctx: Ctx) -> list[Cand]:
    """Indirect speech from cue verbs, 'according to', denial nouns and refusals.

    For each token a mechanism keys on (``Ctx.cue_positions``), the mechanisms
    are tried in order: phrases and nouns (``_phrase_cand``), cues that are
    something other than a plain report (``_special_cue``), then a plain
    report (``_reported``). A new mechanism goes where it must win."""
    doc = ctx.doc
    out: list[Cand] = []
    pos = ctx.cue_positions()
    k = 0
    for sent in ctx.sents:
        # cue token -> its speaker token, for conjoined cues in this sentence only
        # (kept per sentence so the look-back stays linear in the document).
        speakers: dict[int, int] = {}
        while k < len(pos) and pos[k] < sent.start:
            k += 1
        mine = []
        while k < len(pos) and pos[k] < sent.end:
            mine.append(pos[k])
            k += 1
        for i in mine:
            t = doc[i]
            if ctx.in_quote(t) or t.i in ctx.used:
                continue
            for mechanism in (_phrase_cand, _special_cue, _reported):
                c = mechanism(t, ctx, sent, speakers)
                if c is not _NEXT:
                    if c is not None:
                        out.append(c)
                    break
    return out


def _phrase_cand(t, ctx: Ctx, sent, speakers):
    """ "according to X", "denials by X that", "his accusations that", a
    misparsed "purport", "published a report linking"."""
    doc, lex = ctx.doc, ctx.lex
    lemma = t.lemma_.lower()
    if t.lower_ == "according" and t.i + 1 < len(doc) and doc[t.i + 1].lower_ == "to":
        return according_cand(t, ctx)
    if t.pos_ == "NOUN" and lemma in lex.deny.nouns:
        return noun_denial(t, ctx)
    if t.pos_ == "NOUN" and lemma in lex.allegation.nouns and not (t.dep_ == "dobj" and ctx.is_cue(t.head)):
        return noun_allegation(t, ctx)
    if lemma in lex.allegation.purport_verbs and t.pos_ != "VERB" and not ctx.is_cue(t):
        return purport_fallback(t, ctx, sent)
    if lemma in lex.allegation.release_verbs and t.pos_ == "VERB":
        c = document_cand(t, ctx, sent)
        if c:
            return c
    return _NEXT


def _special_cue(t, ctx: Ctx, sent, speakers):
    """Cues that are no plain report: requests for anonymity, what a document
    seems to show, self-naming, relative-clause denials, refusals, negated
    and governed cues."""
    lex = ctx.lex
    lemma = t.lemma_.lower()
    if not ctx.is_cue(t):
        return None
    if anonymity_request(t, ctx):
        return None  # "who asked not to be named", "declined to be identified"
    if (
        t.dep_ == "xcomp"
        and t.head.lemma_.lower() in lex.allegation.seeming_governors
        and t.head.lemma_.lower() not in lex.allegation.purport_verbs
    ):
        return seeming_cand(t, ctx, sent)
    if lemma not in lex.allegation.seeming_governors and under_seeming(t, ctx):
        return None  # "purports to show X instructing officials": the document's content
    if lemma in lex.deny.naming_verbs and any(
        c.dep_ == "dobj" and c.lower_ in grammar("pronouns", "self_naming") for c in t.children
    ):
        return None  # "an account calling itself X": a name, not a verdict
    if (
        t.dep_ == "relcl"
        and (lemma in lex.deny.default_verbs or lemma in lex.deny.claim_object_verbs or lemma in lex.deny.naming_verbs)
        and not negated(t)
    ):
        c = relative_denial(t, ctx, sent)
        if c:
            return c
    if lemma in lex.refusal.governors:
        return refusal_cand(t, ctx, speakers)
    if lemma in lex.refusal.no_response_verbs and negated(t):
        return no_response(t, ctx, speakers)
    if lemma in lex.refusal.speech_complements or t.dep_ == "xcomp":
        c = negated_refusal(t, ctx, speakers)
        if c:
            return c
    if negated(t):
        return None  # "did not deny", "did not say": no statement made
    if t.dep_ in ("xcomp", "advcl") and ctx.is_cue(t.head) and any(a.lower_ == "to" for a in t.children):
        return None  # "purporting to show", "claimed to reveal": content of the governing cue
    if t.dep_ == "xcomp" and t.head.lemma_.lower() in lex.negation.cancelling_governors:
        return None  # "failed to deny" (refuse/decline handled as refusals)
    return _NEXT


def _reported(t, ctx: Ctx, sent, speakers):
    """A plain report: the cue's content (``content.cue_content``) and its
    speaker; rule ``cue-<lemma>-<how>``."""
    lex = ctx.lex
    lemma = t.lemma_.lower()
    cont = cue_content(t, ctx)
    if cont is None:
        # "X echoed Y, saying ...": the participle carries the content.
        return None
    (first, last), how, obj, noun = cont
    if (
        lemma in lex.allegation.accusation_verbs
        or lemma in lex.allegation.verbs
        or lemma in lex.allegation.suspicion_verbs
    ):
        obj = relative_antecedent(t, obj)
    if how == "echo":
        saying = next((c for c in t.children if c.dep_ == "advcl" and ctx.is_cue(c)), None)
        if saying is not None:
            sc = cue_content(saying, ctx)
            if sc is not None:
                (first, last) = sc[0]
                ctx.used.add(saying.i)
    if how == "bare" and own_subject(t) is None:
        return None
    sp = find_speaker(t, ctx, speakers)
    pub = publisher(sp, ctx) if lemma in lex.allegation.verbs else None
    if pub is not None:
        sp = pub  # "The memo, which was posted by X, purports to show ...": X alleges
    if sp is not None:
        speakers[t.i] = sp.i
    if sp is None and lemma not in lex.allegation.verbs and how != "accuse-passive":
        return None  # (an unattributed "X is suspected of Y" is an allegation all the same)
    if sp is not None and sp.i >= first and sp.i <= last and how != "parataxis":
        return None  # subject inside its own content: a parse knot, skip
    ctx.used.add(t.i)
    return Cand(
        f"cue-{lemma}-{how}",
        t.i,
        sp.i if sp is not None else None,
        (first, last),
        clause_sentence(ctx, sent, [t.i, first, last] + ([sp.i] if sp is not None else [])),
        obj=obj.i if obj is not None else None,
        denied_noun=noun.i if noun is not None else None,
    )

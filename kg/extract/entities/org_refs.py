""" "it", "its" and "they" for organisations (speakers and document owners)."""

from __future__ import annotations

from .. import doc as D
from .. import lexicon as LX
from ..lexicon import speech_verbs
from .pronouns import SUBJ_DEPS, CorefContext


def it_speakers(ctx: CorefContext) -> None:
    """ "The ministry rejected the report. It said ..." : "it" as the subject of a
    speech verb is the organisation that was the last subject (or, failing
    that, the last one named) in this or the previous sentence. Other uses of
    "it" are left alone: most are not organisations."""
    doc, index = ctx.doc, ctx.index
    for i in [i for i, w in enumerate(D.token_lows(doc)) if w in ("it", "they")]:
        t = doc[i]
        if ctx.mask[i] or t.dep_ not in SUBJ_DEPS or t.head.lemma_.lower() not in speech_verbs():
            continue
        lo = ctx.sents[max(0, ctx.sent_of[i] - 1)].start_char
        if t.lower_ == "they":
            # "The Liberal Democrats ... They said ...": only when the last
            # referent named was that organisation (no person, no account since)
            last = [sp for sp in index.spans_between(lo, t.idx) if sp[3] != "pronoun"]
            if (
                last
                and index.get(last[-1][2])["type"] == "Organization"
                and _span_root(doc, last[-1]).dep_ in SUBJ_DEPS
                and not ctx.mask[tok_at(doc, last[-1][0])]
            ):
                index.add_mention(last[-1][2], t.idx, t.idx + len(t.text), "pronoun")
            continue
        # the nearest preceding compatible subject inside the same sentence beats
        # earlier sentences: "The ministry denied ..., a day after an online news
        # site published documents it said showed ..." -- "it" is the site (no
        # entity: None), not the ministry
        near = _nearest_org_subject(ctx, t)
        if near is not None:
            if near:
                index.add_mention(near, t.idx, t.idx + len(t.text), "pronoun")
            continue
        orgs = [
            sp
            for sp in index.spans_between(lo, t.idx)
            if index.get(sp[2])["type"] == "Organization" and not ctx.mask[tok_at(doc, sp[0])]
        ]
        if not orgs:
            continue
        subj = [sp for sp in orgs if _span_root(doc, sp).dep_ in SUBJ_DEPS]
        pick = (subj or orgs)[-1][2]
        index.add_mention(pick, t.idx, t.idx + len(t.text), "pronoun")


def its_documents(ctx: CorefContext) -> None:
    """ "The Communications Authority of Kenya said its investigation found":
    "its" before a document or investigation noun (entities.toml
    ``document_nouns``) is the organisation that is the nearest subject before
    it in the same sentence -- only an organisation, and only when that
    subject is one (a person or an unnamed noun in between: nothing)."""
    doc, index = ctx.doc, ctx.index
    docs = LX.lexicon_set("entities", "lexicon", "document_nouns")
    lows = D.token_lows(doc)
    for i in [i for i, w in enumerate(lows) if w == "its"]:
        t = doc[i]
        if ctx.mask[i] or t.dep_ != "poss" or t.head.lower_ not in docs:
            continue
        near = _nearest_org_subject(ctx, t)
        if near:
            index.add_mention(near, t.idx, t.idx + len(t.text), "pronoun")
    # The document that is a subject is then a mention of its organisation, so
    # the speaker phrase and its head word both resolve to it ("documents
    # obtained by the party showed", "A report by the Mozilla Foundation said")
    for i in [i for i, w in enumerate(lows) if w in docs]:
        t = doc[i]
        if ctx.mask[i] or t.pos_ != "NOUN" or t.dep_ not in SUBJ_DEPS:
            continue
        a = t.left_edge.i
        b = t.right_edge.i
        while b > t.i and (doc[b].is_punct or doc[b].is_space):
            b -= 1
        start, end = doc[a].idx, doc[b].idx + len(doc[b].text)
        if "\n" in index.text[start:end] or any(h[0] <= t.idx < h[1] for h in index.overlapping(start, end)):
            continue
        eid = index.document_owner(t, start, end)
        if eid is None:
            poss = next((c for c in t.children if c.dep_ == "poss"), None)
            pe = index.resolve(poss.idx, poss.idx + len(poss.text)) if poss is not None else None
            eid = pe if pe and index.get(pe)["type"] == "Organization" and poss.lower_ in ("its", "their") else None
        if eid:
            index.add_mention(eid, start, end, "document")


def _nearest_org_subject(ctx: CorefContext, t) -> str | None:
    """The subject nearest before "it" in its own sentence, when it can be an
    organisation: its entity id, "" for an unnamed one ("an online news site"),
    None when the nearest subject is something else (a person, "the documents")
    or there is none."""
    doc, index = ctx.doc, ctx.index
    sent = ctx.sents[ctx.sent_of[t.i]]
    org_classes = LX.lexicon_set("entities", "lexicon", "org_class_nouns")
    for i in range(t.i - 1, sent.start - 1, -1):
        x = doc[i]
        # (or a noun right before a finite verb: the parser makes "after an
        # online news site published" a prepositional object)
        subj_like = x.dep_ in SUBJ_DEPS or (
            x.pos_ in ("NOUN", "PROPN") and i + 1 < t.i and doc[i + 1].tag_ in ("VBD", "VBZ", "VBP")
        )
        if not subj_like or ctx.mask[i]:
            continue
        if x.pos_ == "PRON" and x.lower_ not in ("it",):
            return None
        e = index.entity_at_token(x)
        if e:
            return e if index.get(e)["type"] == "Organization" else None
        if x.pos_ == "NOUN" and x.lower_ in org_classes:
            return ""
        return None
    return None


def _span_root(doc, sp):
    span = doc.char_span(sp[0], sp[1], alignment_mode="expand")
    return span.root if span is not None else doc[tok_at(doc, sp[0])]


def tok_at(doc, char: int) -> int:
    span = doc.char_span(char, char + 1, alignment_mode="expand")
    return span.start if span is not None else 0

"""Whom a statement is about: the accused, or the allegation's subject."""

from __future__ import annotations

from ..lexicon import cues, grammar
from ..spans import tok_record
from .classify import suspected_of
from .linking import ALLEGATION_KINDS
from .resolve import resolve_tok
from .syntax import name_span, relative_passive, speaker_span


def accused_span(tok) -> tuple[int, int]:
    """The accused noun phrase only: "accused *conservative parties* of
    blocking ...", "suspected “*a third country*” of trying ..." -- the
    "of/for" charge and the quote marks are not part of the target."""
    doc = tok.doc
    f, l = speaker_span(tok)
    cut = next((c for c in tok.rights if c.dep_ == "prep" and c.lower_ in ("of", "for") and c.i <= l), None)
    if cut is None:
        # "accused a senior minister in the state government *of diverting*
        # funds": sm may hang the charge on a noun inside the phrase; an
        # "of/for" + gerund is the charge, never part of the accused.
        cut = next(
            (
                c
                for c in doc[tok.i + 1 : l + 1]
                if c.dep_ == "prep"
                and c.lower_ in ("of", "for")
                and any(g.dep_ == "pcomp" and g.tag_ == "VBG" for g in c.children)
            ),
            None,
        )
    if cut is not None:
        l = cut.i - 1
    rel = next((c for c in tok.rights if relative_passive(c) is not None and c.left_edge.i <= l), None)
    if rel is not None:
        # "a former council officer *who is suspected of* taking bribes": the
        # relative clause is the charge, not part of the accused.
        l = min(l, rel.left_edge.i - 1)
    while l > f and (doc[l].is_punct or doc[l].is_space):
        l -= 1
    while f < l and (doc[f].is_punct or doc[f].is_space):
        f += 1
    return f, l


def target_of(cand, doc, index, mentions, speaker_ent, kind, ctx) -> dict | None:
    """Whom the statement is about: the accused, or the allegation's subject."""
    if kind == "accusation" and cand.obj is not None:
        f, l = accused_span(doc[cand.obj])
        rec = tok_record(doc, f, l, ctx.text)
        ent = index.resolve(rec["start"], rec["end"])
        if ent is not None and ent == speaker_ent:
            ent = None  # "Whitfield accused her Democratic challenger of ...": never the accuser
        return {"entity": ent, "name": index.name(ent) if ent else rec["text"]}
    if kind not in ("allegation", "accusation", "denial"):
        return None
    if kind in ALLEGATION_KINDS and cand.accused is not None:
        return {"entity": cand.accused, "name": index.name(cand.accused)}
    if kind == "allegation" and cand.cue is not None:
        sus = suspected_of(doc[cand.content[0] : cand.content[1] + 1])
        if sus is not None:
            # "they suspected “a third country” of trying to ...": the suspected party.
            f, l = accused_span(sus)
            rec = tok_record(doc, f, l, ctx.text)
            ent = index.resolve(rec["start"], rec["end"])
            return {"entity": ent, "name": index.name(ent) if ent else rec["text"]}
    if (
        kind == "denial"
        and cand.denied_noun is not None
        and doc[cand.denied_noun].lemma_.lower() in cues().allegation.nouns
    ):
        return None  # "rejected accusations that it had paid ...": the linked allegation's target (linking fills it)
    if kind in ALLEGATION_KINDS:
        ent = clause_subject_entity(cand, doc, index, ctx)
        if ent is not None and ent != speaker_ent:
            return {"entity": ent, "name": index.name(ent)}
        subj = clause_subject(cand, doc)
        if ent is None and subj is not None and proper_name(subj):
            # "Prosecutors allege that *Themba Nkosi* accepted ... from Medisure
            # Holdings": the accused is the alleged clause's named subject even
            # when the entity side missed the name -- never another entity in
            # the clause.
            f, l = name_span(subj)
            return {"entity": None, "name": tok_record(doc, f, l, ctx.text)["text"]}
        if ent is None and subj is not None and subj.lower_ in grammar("pronouns", "personal") and cand.speaker is None:
            # "accusations that *it* had paid ... attacks on Raila Odinga": the
            # accused is the unresolved subject, never a bystander named later.
            # (With a speaker, "it"/"they" is usually the speaker itself:
            # "a watchdog group said it had photographed his car".)
            f, l = speaker_span(subj)
            return {"entity": None, "name": tok_record(doc, f, l, ctx.text)["text"]}
    lo, hi = cand.content_chars
    counts: dict[str, int] = {}
    order: list[str] = []
    for s, e, eid, etype in mentions.within(lo, hi):
        if eid == speaker_ent or etype == "Account" or (kind == "denial" and etype != "Person"):
            continue
        if eid not in counts:
            order.append(eid)
        counts[eid] = counts.get(eid, 0) + (2 if etype == "Person" else 1)
    if not counts:
        return None
    best = max(order, key=lambda e: (counts[e], -order.index(e)))
    return {"entity": best, "name": index.name(best)}


def proper_name(tok) -> bool:
    """A capitalised proper-name head ("Themba Nkosi", "Nkosi, 61,"), not a
    pronoun, a common noun or a sentence-initial capital."""
    if tok.lower_ in grammar("pronouns", "personal") or not tok.text[:1].isupper():
        return False
    if any(c.dep_ == "det" for c in tok.children):
        return False  # "The defence", "The company"
    if tok.pos_ == "PROPN" or tok.ent_type_ in ("PERSON", "ORG"):
        return True
    # sm tags a sentence-initial surname as a NOUN; an age apposition ("Nkosi,
    # 61,") or a proper-name compound marks it as a name.
    return any(c.dep_ == "appos" and c.like_num for c in tok.children) or any(
        c.dep_ == "compound" and c.pos_ == "PROPN" for c in tok.children
    )


def full_name(doc, f: int, l: int) -> str:
    """The longest capitalised name in the document ending with the tokens f..l
    ("Nkosi" -> "Themba Nkosi" when the article introduced him so)."""
    short = [t.text for t in doc[f : l + 1]]
    best = short
    n = len(short)
    for t in doc:
        if t.text != short[-1] or t.i == l or t.i - n + 1 < 0:
            continue
        if [w.text for w in doc[t.i - n + 1 : t.i + 1]] != short:
            continue
        j = t.i - n
        while (
            j >= 0 and doc[j].pos_ == "PROPN" and doc[j].text[:1].isupper() and doc[j].head.i in range(j + 1, t.i + 1)
        ):
            j -= 1
        words = [w.text for w in doc[j + 1 : t.i + 1]]
        if len(words) > len(best):
            best = words
    return " ".join(best)


def clause_subject(cand, doc):
    """The subject token of the content's main clause (inside the content), or None."""
    a, b = cand.content
    for t in doc[a : b + 1]:
        if a <= t.head.i <= b and t.head.i != t.i:
            continue
        subj = next((c for c in t.children if c.dep_ in ("nsubj", "nsubjpass")), None)
        return subj if subj is not None and a <= subj.i <= b else None
    return None


def clause_subject_entity(cand, doc, index, ctx):
    """The accused: the subject of the allegation's clause ("accusations that
    *it* had paid ...", "allegations *the premier* had paid ...", "reported that
    *Zielak's office* had pressed ..." -> Zielak), or what a document purports
    to show ("purports to show *Kemp's chief of staff, Tim Fleming*, instructing ...")."""
    if cand.obj is not None and (
        cand.kind == "allegation"
        or (cand.cue is not None and doc[cand.cue].lemma_.lower() in cues().allegation.purport_verbs)
    ):
        ent = resolve_tok(doc, index, doc[cand.obj], ctx)
        if ent is not None:
            return ent
    a, b = cand.content
    for t in doc[a : b + 1]:
        if a <= t.head.i <= b and t.head.i != t.i:
            continue
        subj = next((c for c in t.children if c.dep_ in ("nsubj", "nsubjpass")), None)
        if subj is None or not (a <= subj.i <= b):
            return None
        ent = resolve_tok(doc, index, subj, ctx)
        if ent is None and subj.pos_ == "NOUN":
            poss = next((c for c in subj.children if c.dep_ == "poss"), None)
            if poss is not None:  # "Zielak's office", "his campaign"
                ent = resolve_tok(doc, index, poss, ctx)
        return ent
    return None

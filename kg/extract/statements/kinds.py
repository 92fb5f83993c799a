"""Allegations read off a denial ("denied allegations that ...")."""

from __future__ import annotations

from ..lexicon import cues
from ..rules import tagged
from ..spans import tok_record
from .candidate import Cand, Row
from .classify import kind_of
from .linking import ALLEGATION_KINDS
from .speakers import resolve_speaker
from .syntax import WH, proposition_clause, speaker_span
from .targets import target_of


def allegation_from_denial(d, doc, ctx) -> Cand | None:
    """The allegation a denial names: 'denied allegations the premier had paid ...'.

    Gold-standard annotators record such allegations even with no claimant
    (speaker None), so the graph can say what was denied."""
    lex = cues().allegation
    if d.denied_noun is None:
        return None
    n = doc[d.denied_noun]
    if n.lemma_.lower() not in lex.nouns:
        return hedged_relative(d, n, doc)
    clause = proposition_clause(n)
    if clause is None:
        return None
    first, last = clause.left_edge.i, min(clause.right_edge.i, d.content[1])
    for w in clause.subtree:
        if w.dep_ == "prep" and w.lower_ == "as" and w.right_edge.i >= last and w.i > first:
            last = w.i - 1  # '... bought access as "complete nonsense"': the verdict is not alleged
            break
    if first <= n.i:
        first = n.i + 1
    while first < last and doc[first].dep_ == "mark":
        first += 1
    if last < first:
        return None
    sp = next((c for c in n.children if c.dep_ == "poss"), None)
    c = Cand("deny-object-allegation", n.i, sp.i if sp is not None else None, (first, last), d.sent, kind="allegation")
    c.content_chars = (doc[first].idx, doc[last].idx + len(doc[last].text))
    return c


def hedged_relative(d, n, doc) -> Cand | None:
    """'denied any involvement in a scheme in which consular staff allegedly
    sold visas': a hedged relative clause inside what is denied is the
    allegation (claimant unknown)."""
    hedges = cues().modality.possible | cues().modality.probable
    a, b = d.content
    for t in doc[a : b + 1]:
        if t.dep_ == "advmod" and t.lower_ in hedges and t.head.dep_ in ("relcl", "acl") and a <= t.head.i <= b:
            v = t.head
            first = next(
                (
                    c.right_edge.i + 1
                    for c in v.children
                    if c.dep_ == "prep" and c.i < v.i and any(g.lower_ in WH for g in c.subtree)
                ),
                v.left_edge.i,
            )
            while first < v.i and doc[first].lower_ in WH:
                first += 1
            last = min(v.right_edge.i, b)
            c = Cand("deny-object-allegation", n.i, None, (first, last), d.sent, kind="allegation")
            c.content_chars = (doc[first].idx, doc[last].idx + len(doc[last].text))
            return c
    return None


def classify_rows(rows, doc, index, mentions, ctx) -> list[Row]:
    """The kind pass, in text order: each candidate's kind (an echo inherits
    the echoed speaker's last kind), dropping non-statements and statements
    nobody makes, adding the allegation a denial names."""
    last_kind: dict[str, str] = {}
    built: list[Row] = []
    alleged: list[tuple] = []  # (claimant entity, target entity, paragraph) of allegations so far
    for c, sp in rows:
        me = sp["entity"] if sp else None
        kind = kind_of(
            c,
            doc,
            prior_kind_by_entity=last_kind,
            obj_entity=_object_entity(c, doc, index, ctx),
            third_party=_about_third_party(c, me, doc, mentions),
        )
        if kind is None:
            continue
        if sp is None and kind not in ("allegation", "accusation"):
            continue
        tgt = target_of(c, doc, index, mentions, me, kind, ctx) if kind in ALLEGATION_KINDS else None
        tid = tgt["entity"] if tgt else None
        if tagged(c.rule, "claimant-noun") and kind in ALLEGATION_KINDS:
            # "over his accusations that ...": a later mention of an allegation
            # the same claimant already made about the same target is the same fact.
            if me and any(a_sp == me and a_tid == tid for a_sp, a_tid, _ in alleged):
                continue
        if kind in ALLEGATION_KINDS:
            alleged.append((me, tid, ctx.para(c.content_chars[0])))
        if me:
            last_kind[me] = kind
        built.append(Row(c, sp, kind))
        if kind == "denial":
            na = allegation_from_denial(c, doc, ctx)
            if na is not None:
                na_sp = None
                if na.speaker is not None:
                    na_sp = resolve_speaker(doc, index, doc[na.speaker], None, ctx)
                built.append(Row(na, na_sp, "allegation"))
                nt = target_of(na, doc, index, mentions, None, "allegation", ctx)
                alleged.append(
                    (na_sp["entity"] if na_sp else None, nt["entity"] if nt else None, ctx.para(na.content_chars[0]))
                )
    return built


def _about_third_party(c, me, doc, mentions) -> bool:
    """Does the content name a person other than the speaker? ("NightHarbor
    claims to hold 600 GB of Cloudline data": a *claim* about an organisation
    is as contested as one about a person.)"""
    lo_c, hi_c = c.content_chars
    contested = c.cue is not None and doc[c.cue].lemma_.lower() in cues().claim.contested_verbs
    third_types = ("Person", "Organization") if contested else ("Person",)
    return any(eid != me and etype in third_types for _, _, eid, etype in mentions.within(lo_c, hi_c))


def _object_entity(c, doc, index, ctx):
    """The entity the cue's object names ("echoed Chong Leang"), or None."""
    if c.obj is None:
        return None
    f, l = speaker_span(doc[c.obj])
    r = tok_record(doc, f, l, ctx.text)
    return index.resolve(r["start"], r["end"])

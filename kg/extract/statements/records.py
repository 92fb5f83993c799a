"""The statement stage's output: contract statement records, and what the linking pass needs to know of each."""

from __future__ import annotations

from ..lexicon import cues, grammar
from ..rules import slot, tagged
from ..spans import trimmed_record
from .classify import certainty_of, polarity_of
from .linking import GENERIC, topic_stems
from .revisions import denial_key
from .sides import org_heads, roles_orgs, speaker_principal
from .targets import target_of


def statement_records(built, doc, index, mentions, ctx) -> tuple[list[dict], dict[str, dict]]:
    """Contract statement dicts, ids s1..sN in the rows' (text) order, and per
    id the analysis ``linking.link`` reads (see its docstring)."""
    out: list[dict] = []
    info: dict[str, dict] = {}
    cand_of: dict = {}
    origin_of: dict[int, str] = {}  # denied noun token -> the denial's id
    denial_by_cue: dict[int, str] = {}
    for k, (c, sp, kind) in enumerate(built, 1):
        sid = f"s{k}"
        me = sp["entity"] if sp else None
        bounds = _content_bounds(c, ctx)
        st = _record(sid, c, sp, kind, bounds, doc, index, mentions, ctx)
        out.append(st)
        info[sid] = _link_info(st, c, me, kind, bounds, doc, index, mentions, ctx)
        cand_of[sid] = c
        if kind == "denial" and st["target"] is None and me and own_act_denied(c, doc):
            # "denied accepting cash and gifts from Qatar": the denier is the
            # subject of the denied act, so the denial is about the denier.
            st["target"] = {"entity": me, "name": sp["name"]}
            info[sid]["target"] = me
        if kind == "denial" and c.denied_noun is not None:
            origin_of[c.denied_noun] = sid
        if kind == "denial":
            denial_by_cue[denial_key(c)] = sid
    _denier_pronoun_targets(out, info, cand_of, origin_of, index)
    for sid, i in info.items():
        c = cand_of[sid]
        if tagged(c.rule, "read-off-denial"):
            i["origin"] = origin_of.get(c.cue)
        elif c.answered_by is not None:
            i["origin"] = denial_by_cue.get(c.answered_by)
    return out, info


def _content_bounds(c, ctx) -> tuple[int, int]:
    """The content's characters, closing a quotation the content opens ('the
    mayor of “looking the other way while friends got rich”': sm hangs the
    closing mark elsewhere)."""
    s0, s1 = c.content_chars
    if not c.quote and s1 < len(ctx.text) and ctx.text[s1] in '”"’':
        seg = ctx.text[s0:s1]
        if seg.count("“") > seg.count("”") or seg.count('"') % 2 == 1:
            s1 += 1
    return s0, s1


def _record(sid, c, sp, kind, bounds, doc, index, mentions, ctx) -> dict:
    me = sp["entity"] if sp else None
    s0, s1 = bounds
    return {
        "id": sid,
        "kind": kind,
        "speaker": sp,
        "cue": _cue_record(c, doc, ctx),
        "content": trimmed_record(ctx.text, s0, s1, strip=" \n\t,;:–—-"),
        "sentence": trimmed_record(ctx.text, c.sent[0], c.sent[1]),
        "target": target_of(c, doc, index, mentions, me, kind, ctx)
        if c.owner is None
        else (dict(c.owner) if c.owner["name"] else None),
        "denies": [],
        "certainty": certainty_of(c, doc, kind),
        "polarity": polarity_of(c, doc, kind),
        "rule": c.rule,
        "revised_by": list(c.revised_by),
    }


def _cue_record(c, doc, ctx) -> dict | None:
    if c.cue is None:
        return None
    if c.cue_chars is not None:
        return trimmed_record(ctx.text, *c.cue_chars)
    t = doc[c.cue]
    end_tok = t
    # Multi-word cues: "according to", "pointed out", "made clear".
    if t.lower_ == "according" and t.i + 1 < len(doc) and doc[t.i + 1].lower_ == "to":
        end_tok = doc[t.i + 1]
    else:
        for ch in t.rights:
            if ch.i <= t.i + 2 and (ch.dep_ == "prt" or f"{t.lemma_} {ch.lower_}" in cues().speech.phrasal_open):
                end_tok = ch
    return trimmed_record(ctx.text, t.idx, end_tok.idx + len(end_tok.text))


def _link_info(st, c, me, kind, bounds, doc, index, mentions, ctx) -> dict:
    s0, s1 = bounds
    a, b = c.content
    sent_toks = doc.char_span(c.sent[0], c.sent[1], alignment_mode="expand") or doc[a : b + 1]
    principal = speaker_principal(doc, index, c, ctx)
    return {
        "speaker": me,
        "target": st["target"]["entity"] if st["target"] else None,
        "mentioned": {eid for _, _, eid, _ in mentions.within(s0, s1)},
        "topics": topic_stems(doc[a : b + 1]),
        "sent_topics": topic_stems(sent_toks),
        "origin": None,
        "sent": c.sent[0],
        "para": ctx.para(c.content_chars[0]),
        "side": ({me} | roles_orgs(index, me) | org_heads(index, me) | principal) - {None},
        "principal": (principal | {me}) - {None},
        "plural_generic": any(
            t.tag_ == "NNS"
            and t.lemma_.lower() in GENERIC
            and not any(ch.lower_ in grammar("determiners", "anaphoric") for ch in t.children)
            for t in doc[a : b + 1]
        ),
        "plea": c.cue is not None and doc[c.cue].lemma_.lower() in cues().deny.plea_verbs,
        "anaphoric": kind == "denial"
        and (
            (
                c.cue is not None
                and st["content"]["text"].lower().strip(" .,\"“”'") in cues().allegation.anaphoric_objects
            )
            or (doc[a].lower_ in ("that", "this") and doc[a].dep_ in ("nsubj", "nsubjpass"))  # "That is simply untrue"
        ),
    }


def _denier_pronoun_targets(out, info, cand_of, origin_of, index) -> None:
    """ "X rejected allegations that *he* had accepted hospitality": an
    unresolved pronoun subject of the denied allegation is the denier."""
    by_id = {st["id"]: st for st in out}
    for sid, i in info.items():
        c = cand_of[sid]
        st = by_id[sid]
        t = st["target"]
        if tagged(c.rule, "read-off-denial") and t and t["entity"] is None and origin_of.get(c.cue):
            den = by_id[origin_of[c.cue]]["speaker"]
            person = t["name"].lower() in grammar("pronouns", "gendered_persons")
            if den and (den["entity"] is None or (index.get(den["entity"]).get("type") == "Person") == person):
                st["target"] = {"entity": den["entity"], "name": den["name"] or den["text"]}
                i["target"] = den["entity"]


def own_act_denied(c, doc) -> bool:
    """ "denied accepting cash", "denies having met him": the gerund object of a
    denial verb with no subject of its own (the denier did the denied act)."""
    if c.cue is not None and own_act_rule(c.rule, "clause"):
        # "Arena denied that she had accepted gifts": the clause's subject is a
        # personal pronoun standing for the denier (the speaker's own act).
        root = next((t for t in doc[c.content[0] : c.content[1] + 1] if t.head.i == c.cue and t.dep_ == "ccomp"), None)
        subj = (
            next((ch for ch in root.children if ch.dep_ in ("nsubj", "nsubjpass")), None) if root is not None else None
        )
        return subj is not None and subj.lower_ in grammar("pronouns", "he_she")
    if c.cue is None or not own_act_rule(c.rule, "gerund"):
        return False
    g = doc[c.content[0]]
    while g.dep_ in ("aux", "auxpass") and g.head.i != g.i:
        g = g.head
    return g.tag_ == "VBG" and not any(ch.dep_ in ("nsubj", "nsubjpass", "poss") for ch in g.children)


def own_act_rule(rule: str, *forms: str) -> bool:
    """Was the statement made by a denial verb whose clause or gerund object
    can be the denier's own act ("denied that she had ...", "denied accepting
    ...")? ``forms``: the registry tags of the content (clause, gerund)."""
    if not forms:
        forms = ("clause", "gerund")
    return any(tagged(rule, f) for f in forms) and slot(rule, "cue") in cues().deny.own_act_verbs

"""Context passes that revise statements after their kinds are known (part 2).

Reports about someone who denies, and negated rebuttals.
"""

from __future__ import annotations

from ..lexicon import cues, grammar
from .classify import polarity_of
from .linking import ALLEGATION_KINDS, GENERIC, stem
from .rebuttal_form import negated_rebuttal_form, past_act
from .resolve import resolve_tok
from .revisions import deniers_of
from .sides import roles_orgs, sp_entity, speaker_principal
from .targets import clause_subject_entity


def reported_then_denied(built, doc, index, mentions, ctx) -> None:
    """'The Sunday Times reported that Mark Harper had attended two football
    matches as a guest of Northline Rail' + Harper denies: a reported claim
    about someone who denies in the same article is an allegation."""
    lex = cues().allegation
    deniers = deniers_of(built)
    for eid in list(deniers):  # a company's chief executive denies for the company
        deniers |= {r.get("org") for r in (index.get(eid) or {}).get("roles", []) if r.get("org")}
    denial_cues = {c.cue for c, sp, kind in built if kind == "denial" and c.cue is not None}
    denial_paras: dict[str, list[int]] = {}
    for c, sp, kind in built:
        if kind == "denial" and sp_entity(sp):
            denial_paras.setdefault(sp_entity(sp), []).append(ctx.para(c.content_chars[0]))
    rebutters = self_rebutters(built, doc, index)

    def denies_it(eid, c) -> bool:
        """eid denied something, or says they never did what c's content reports."""
        if eid in deniers:
            return True
        a, b = c.content
        return bool(rebutters.get(eid, set()) & (topics(doc[a : b + 1]) - GENERIC))

    for row in built:
        c, sp, kind = row
        if kind not in ("statement", "claim") or c.cue is None or c.quote:
            continue
        cue = doc[c.cue]
        if (
            cue.dep_ == "advcl"
            and cue.head.i in denial_cues
            and any(m.dep_ == "mark" and m.lower_ in lex.prompting_marks for m in cue.children)
            and polarity_of(c, doc, kind) == "positive"
        ):
            # "Carey denied using city vehicles, after a watchdog group said it
            # had photographed his car outside three fundraisers": what
            # prompted the denial is the allegation.
            row.kind = "allegation"
            c.revise("prompted-denial")
            continue
        lemma = cue.lemma_.lower()
        if lemma not in lex.report_verbs:
            # Plain say/tell only with an asserted (not negated, not modal)
            # clause: "Chiloba told a news conference that the company had
            # failed to encrypt its records"; never "said Zielak was not a suspect".
            if lemma not in lex.weak_report_verbs or polarity_of(c, doc, kind) == "negative" or modal_clause(c, doc):
                continue
        me = sp_entity(sp)
        tgt = clause_subject_entity(c, doc, index, ctx)
        seen = perceived(c, doc, index, ctx)
        if seen is not None and (tgt is None or tgt == me or tgt not in deniers):
            # "he had seen Petrov carry sample bottles out of the lab": a
            # witness's account is about the person seen.
            tgt = seen
        if tgt is not None and tgt != me and denies_it(tgt, c) and tgt not in roles_orgs(index, me):
            row.kind = "allegation"
            c.revise("denied-by-target")
            c.accused = tgt
            continue
        if lemma not in lex.report_verbs:
            continue
        # "An investigation by Diário Norte found that Verdimar's sole director
        # is the brother-in-law of the mayor's deputy, Paulo Santos. / Santos
        # ... denies any wrongdoing.": a finding that names a person who denies
        # in the same or the next paragraph is an allegation about them.
        para = ctx.para(c.content_chars[0])
        named = sorted({eid for _, _, eid, et in mentions.within(*c.content_chars) if et == "Person" and eid != me})
        hit = [eid for eid in named if any(0 <= p - para <= 1 for p in denial_paras.get(eid, []))]
        if len(hit) == 1:
            row.kind = "allegation"
            c.revise("denied-by-named")
            c.accused = hit[0]


def self_rebutters(built, doc, index) -> dict:
    """Speakers who say they never did something ("I have never discussed a
    contract with him", "he had never touched a sample in his life") -> the
    topic stems of what they deny doing. Such a speaker answers reports about
    that act even before the negated-rebuttal pass has named it a denial."""
    out: dict[str, set] = {}
    self_words = cues().rebuttal.self_subjects
    for c, sp, kind in built:
        me = sp_entity(sp)
        if kind not in ("statement", "claim") or not me or index.get(me).get("type") not in ("Person", "Organization"):
            continue
        org = index.get(me).get("type") == "Organization"
        own = {"my", "our"} | ({"its"} if org else {"his", "her"})
        for h in negated_rebuttal_form(c, doc, org_speaker=org):
            subj = next((x for x in h.children if x.dep_ in ("nsubj", "nsubjpass")), None)
            if subj is None or not past_act(h):
                continue
            # in a quote only "I"/"we"/"our ..." is the speaker; in reported
            # speech also he/she ("it" and "its ..." for an organisation)
            poss = {x.lower_ for x in subj.children if x.dep_ == "poss"}
            if (
                subj.lower_ in ("i", "we")
                or poss & {"my", "our"}
                or (not c.quote and (subj.lower_ in self_words or (org and subj.lower_ == "it") or poss & own))
            ):
                a, b = h.left_edge.i, h.right_edge.i
                out.setdefault(me, set()).update(topics(doc[a : b + 1]) - GENERIC)
    return out


def perceived(c, doc, index, ctx):
    """The person a witness says they saw/heard do something ("he had seen
    Petrov carry sample bottles ...", "she watched the minister take the
    envelope"), or None."""
    verbs = cues().allegation.perception_verbs
    a, b = c.content
    for t in doc[a : b + 1]:
        if a <= t.head.i <= b and t.head.i != t.i:
            continue
        if t.lemma_.lower() not in verbs:
            return None
        for x in t.children:
            o = (
                x
                if x.dep_ == "dobj"
                else next((g for g in x.children if g.dep_ in ("nsubj", "nsubjpass")), None)
                if x.dep_ in ("ccomp", "xcomp")
                else None
            )
            if o is not None and o.lower_ not in grammar("pronouns", "personal"):
                ent = resolve_tok(doc, index, o, ctx)
                if ent is not None and index.get(ent).get("type") == "Person":
                    return ent
        return None
    return None


def modal_clause(c, doc) -> bool:
    a, b = c.content
    for t in doc[a : b + 1]:
        if not (a <= t.head.i <= b) or t.head.i == t.i:
            return any(x.dep_ == "aux" and x.tag_ == "MD" for x in t.children)
    return False


def topics(tokens) -> set[str]:
    lex = cues().rebuttal
    return {
        stem(t.lemma_)
        for t in tokens
        if t.pos_ in ("NOUN", "PROPN", "VERB")
        and not t.is_stop
        and len(t.text) > 2
        and t.lemma_.lower() not in lex.light_lemmas
    }


def negated_rebuttals(built, doc, index, mentions, ctx) -> None:
    """'We have never bought a single follower', 'Nobody in this office wrote
    that memo': a negated statement by the side an allegation is about (the
    target, the target's organisation) or by someone who already denied it,
    sharing a topic with that allegation (or near an allegation about the
    speaker) is a denial of it (revision ``negated-rebuttal``)."""
    near = cues().rebuttal.near_paragraphs
    allegs = []
    for c, sp, kind in built:
        if kind in ALLEGATION_KINDS:
            sent_toks = doc.char_span(c.sent[0], c.sent[1], alignment_mode="expand")
            tgt = clause_subject_entity(c, doc, index, ctx)
            persons = {eid for _, _, eid, et in mentions.within(*c.content_chars) if et != "Account"}
            allegs.append(
                (
                    sp_entity(sp),
                    tgt,
                    persons,
                    topics(sent_toks) - GENERIC if sent_toks is not None else set(),
                    ctx.para(c.content_chars[0]),
                )
            )
    deniers = deniers_of(built)
    denial_paras: dict[str, list[int]] = {}
    for c, sp, kind in built:
        if kind == "denial" and sp_entity(sp):
            denial_paras.setdefault(sp_entity(sp), []).append(ctx.para(c.content_chars[0]))
    order = sorted(range(len(built)), key=lambda k: built[k].cand.content_chars[0])
    for k in order:
        c, sp, kind = built[k]
        me = sp_entity(sp)
        if kind not in ("statement", "claim") or not me:
            continue
        neg = negated_rebuttal_form(c, doc, org_speaker=index.get(me).get("type") == "Organization")
        if not neg:
            continue
        side = {me} | roles_orgs(index, me) | speaker_principal(doc, index, c, ctx)
        a, b = c.content
        mine = topics(doc[a : b + 1])
        para = ctx.para(c.content_chars[0])
        ok = False
        # Whom the negated acts are about: "Not once did *he* tell anyone to use
        # force," Besigye's lawyer said -- a defence of the accused.
        actors = set()
        for h in neg:
            subj = next((x for x in h.children if x.dep_ in ("nsubj", "nsubjpass")), None)
            if subj is not None and h.lemma_.lower() != "be":
                ent = resolve_tok(doc, index, subj, ctx)
                if ent is not None:
                    actors.add(ent)
        for a_sp, a_tgt, a_persons, a_topics, a_para in allegs:
            if a_sp == me:
                continue
            if a_tgt is not None and a_tgt in actors and a_tgt not in side and mine & a_topics:
                ok = True
                break
            about_me = a_tgt in side or me in a_persons
            if not (about_me or side & deniers):
                continue
            # Without a shared topic word only a negated *past* act by the
            # accused, near the allegation, answers it ("I have never taken a
            # decision ..."); "I don't need tricks to win" does not.
            if mine & a_topics or (about_me and abs(para - a_para) <= near and any(past_act(h) for h in neg)):
                ok = True
                break
        if (
            not ok
            and any(past_act(h) for h in neg)
            and any(0 <= para - p <= 1 for e in side for p in denial_paras.get(e, []))
        ):
            # 'Kamau denied that the firm's systems had been breached. “Our
            # network was never compromised,” she said.': the negated past act
            # right after the speaker's own denial carries it on.
            ok = True
        if ok:
            built[k].kind = "denial"
            c.revise("negated-rebuttal")
            denial_paras.setdefault(me, []).append(para)
            deniers.add(me)

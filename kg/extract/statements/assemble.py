"""The extractor: one article in, the contract dict out (docs/extractor-contract.md).

``extract_doc(doc, article)`` assembles the two halves:

* the entity side (``entities.find_entities``) gives people/orgs/accounts and
  ``EntityIndex.resolve`` from a character span to an entity id;
* the statement side (``attribution`` -> ``classify`` -> ``linking``) gives
  attributed statements, their kind, certainty, polarity, target and the
  allegations each denial answers.

Everything is deterministic and linear in the document (one pass per
mechanism, bisect look-ups), with no extra ``nlp()`` calls.
"""

from __future__ import annotations
from ..doc import doc_text
from ..lexicon import cues
from ..spans import tok_record
from .candidates import candidates
from .classify import certainty_of, kind_of, polarity_of
from .implied import implied_allegations
from .kinds import allegation_from_denial
from .linking import ALLEGATION_KINDS, GENERIC, link, topic_stems
from .mention_table import MentionTable
from .rebuttals import negated_rebuttals, reported_then_denied
from .resolve import gender_ok
from .revisions import cataphoric_speakers, concessive_denials, denial_key, denied_back_reference, employer_claimants
from .sides import org_heads, roles_orgs, speaker_principal
from .speakers import human_subject_between, is_question, named_subject, resolve_speaker
from .syntax import speaker_span
from .targets import target_of


def trim_before_other_cues(cand, cue_tokens: set[int], doc) -> None:
    """'denied allegations X and claimed Y': the first cue's content stops before the second."""
    if cand.quote or cand.content_chars is None:
        return
    a, b = cand.content
    for i in range(a, b + 1):
        if i in cue_tokens and i != cand.cue and doc[i].dep_ == "conj":
            j = i - 1
            while j > a and (doc[j].dep_ in ("cc", "punct") or doc[j].pos_ in ("ADV",) and doc[j].head.i == i):
                j -= 1
            cand.content = (a, j)
            cand.content_chars = (doc[a].idx, doc[j].idx + len(doc[j].text))
            return


def trim_at_line_break(cand, doc, ctx) -> None:
    """Indirect speech never runs over a line break ("- Cloudline says its
    systems were not breached\n- Regulators ..."): sm parses a bullet list as
    one sentence. Quotes keep their own extent."""
    if cand.quote or cand.content_chars is None or cand.cue is None:
        return
    a, b = cand.content
    if doc[cand.cue].idx > doc[a].idx:
        return  # content before the cue (parataxis): leave it
    nl = ctx.text.find("\n", cand.content_chars[0], cand.content_chars[1])
    if nl == -1:
        return
    j = b
    while j > a and (doc[j].idx >= nl or doc[j].is_space or doc[j].is_punct):
        j -= 1
    if j < b:
        cand.content = (a, j)
        cand.content_chars = (cand.content_chars[0], doc[j].idx + len(doc[j].text))


def own_act_denied(c, doc) -> bool:
    """"denied accepting cash", "denies having met him": the gerund object of a
    denial verb with no subject of its own (the denier did the denied act)."""
    if c.cue is not None and c.rule.startswith("cue-deny-ccomp"):
        # "Arena denied that she had accepted gifts": the clause's subject is a
        # personal pronoun standing for the denier (the speaker's own act).
        root = next((t for t in doc[c.content[0] : c.content[1] + 1] if t.head.i == c.cue and t.dep_ == "ccomp"), None)
        subj = next((ch for ch in root.children if ch.dep_ in ("nsubj", "nsubjpass")), None) if root is not None else None
        return subj is not None and subj.lower_ in ("he", "she")
    if c.cue is None or not c.rule.startswith("cue-deny-gerund"):
        return False
    g = doc[c.content[0]]
    while g.dep_ in ("aux", "auxpass") and g.head.i != g.i:
        g = g.head
    return g.tag_ == "VBG" and not any(ch.dep_ in ("nsubj", "nsubjpass", "poss") for ch in g.children)


def build_statements(doc, index, body=(0, None)) -> list[dict]:
    """Contract statement dicts, ids s1..sN in text order."""
    lo, hi = body[0], body[1] if body[1] is not None else len(doc_text(doc))
    cands, ctx = candidates(doc, lo, hi)
    cands = [c for c in cands if lo <= c.content_chars[0] < hi]
    cue_tokens = {c.cue for c in cands if c.cue is not None}
    for c in cands:
        trim_before_other_cues(c, cue_tokens, doc)
        trim_at_line_break(c, doc, ctx)
    mentions = MentionTable(index)

    # Pass 1: speakers (in text order, so "he said" can continue the last speaker).
    rows = []  # (cand, speaker dict | None)
    last_speaker: dict | None = None
    last_para = -10
    last_sent = -10
    last_humanlike = False
    last_end = 0
    lex = cues().source
    for c in cands:
        para = ctx.para(c.content_chars[0])
        sent_k = ctx.sent_of[c.content[0]]
        if c.cue is not None:
            sent_k = min(sent_k, ctx.sent_of[c.cue])
        between = human_subject_between(ctx, last_sent, sent_k, index)
        if c.inherit:
            prev_subj = between if between is not None and ctx.sent_of[between.i] == sent_k - 1 else None
            if prev_subj is None and sent_k >= 2 and is_question(ctx.sents[sent_k - 1]):
                # "Asked whether ..., Feld was blunt. / Q: Will you pay? / A:
                # “No. ...”": an interview question sits between the person and the answer.
                prev_subj = named_subject(ctx, sent_k - 2)
            if prev_subj is not None:
                # "The prime minister addressed the issue. “I do not need ...”":
                # the quote belongs to the person the previous sentence is about.
                sp = resolve_speaker(doc, index, prev_subj, None, ctx)
                c.rule = "quote-prev-subject"
                c.speaker = prev_subj.i
            elif last_speaker is None or para - last_para > 1:
                continue
            else:
                sp = dict(last_speaker)
        elif c.speaker is not None:
            tok = doc[c.speaker]
            fallback = None
            if last_speaker is not None and sent_k - last_sent <= 2 and para - last_para <= 1:
                fallback = last_speaker["entity"]
            sp = resolve_speaker(doc, index, tok, fallback, ctx)
            if (
                tok.lower_ == "it" and sp["entity"] is None and last_speaker is not None and last_speaker["entity"]
                and not last_humanlike and sent_k - last_sent <= 2 and para - last_para <= 1
                and index.get(last_speaker["entity"]).get("type") == "Organization"
            ):
                # "The Foreign Ministry said ... It dismissed the report as ...":
                # "it" right after an organisation spoke continues that organisation.
                sp["entity"], sp["name"] = last_speaker["entity"], last_speaker["name"]
            # "he said" right after someone spoke (previous two sentences, same
            # or previous paragraph) continues that speaker: news style names a
            # speaker once, then uses the pronoun. This beats nearest-mention
            # coreference when the sentence in between names someone else
            # ("Rainsy echoed Chong Leang ... “...,” he said").
            if (
                tok.lower_ in ("he", "she")
                and last_speaker is not None
                and last_humanlike
                and sent_k - last_sent <= 2
                and para - last_para <= 1
                and last_speaker["entity"] != sp["entity"]
                and gender_ok(index, last_speaker["entity"], tok.lower_)
                and between is None
                and not (sp["entity"] and mentions.mentioned(sp["entity"], last_end, tok.idx))
            ):
                sp["entity"] = last_speaker["entity"]
                sp["name"] = last_speaker["name"]
            elif tok.lower_ in ("he", "she") and between is not None and ctx.sent_of[between.i] == sent_k - 1:
                # The sentence right before names the likely referent
                # ("The prime minister addressed the issue. “...,” he told ...").
                bsp = resolve_speaker(doc, index, between, None, ctx)
                if bsp["entity"] != sp["entity"] and gender_ok(index, bsp["entity"], tok.lower_):
                    sp["entity"], sp["name"] = bsp["entity"], bsp["name"]
        else:
            sp = None
        rows.append((c, sp))
        if sp is not None and c.kind != "refusal":
            # (Someone who declined to comment is not the "he" of the next quote.)
            last_speaker, last_para = sp, para
            last_end = max(c.content_chars[1], doc[c.cue].idx if c.cue is not None else 0)
            last_sent = max(ctx.sent_of[c.content[1]], ctx.sent_of[c.cue] if c.cue is not None else 0)
            head = doc[c.speaker] if c.speaker is not None else None
            if sp["entity"]:
                last_humanlike = index.get(sp["entity"])["type"] == "Person"
            elif head is not None:
                last_humanlike = head.lower_ in ("he", "she") or (
                    head.lemma_.lower() not in lex.non_person_sources and head.ent_type_ not in ("ORG", "GPE", "NORP")
                )

    # Pass 2: kinds, in order (an echo inherits the echoed speaker's last kind).
    last_kind: dict[str, str] = {}
    built = []  # (cand, speaker, kind)
    alleged: list[tuple] = []  # (claimant entity, target entity, paragraph) of allegations so far
    for c, sp in rows:
        me = sp["entity"] if sp else None
        lo_c, hi_c = c.content_chars
        # "NightHarbor claims to hold 600 GB of Cloudline data": a *claim*
        # about an organisation is as contested as one about a person.
        third_types = ("Person", "Organization") if c.cue is not None and doc[c.cue].lemma_.lower() in cues().claim.contested_verbs else ("Person",)
        third = any(
            eid != me and etype in third_types for _, _, eid, etype in mentions.within(lo_c, hi_c)
        )
        obj_ent = None
        if c.obj is not None:
            f, l = speaker_span(doc[c.obj])
            r = tok_record(doc, f, l, ctx.text)
            obj_ent = index.resolve(r["start"], r["end"])
        kind = kind_of(c, doc, prior_kind_by_entity=last_kind, obj_entity=obj_ent, third_party=third)
        if kind is None:
            continue
        if sp is None and kind not in ("allegation", "accusation"):
            continue
        tgt = target_of(c, doc, index, mentions, me, kind, ctx) if kind in ALLEGATION_KINDS else None
        tid = tgt["entity"] if tgt else None
        if c.rule == "noun-allegation" and kind in ALLEGATION_KINDS:
            # "over his accusations that ...": a later mention of an allegation
            # the same claimant already made about the same target is the same fact.
            if me and any(a_sp == me and a_tid == tid for a_sp, a_tid, _ in alleged):
                continue
        if kind in ALLEGATION_KINDS:
            alleged.append((me, tid, ctx.para(c.content_chars[0])))
        if me:
            last_kind[me] = kind
        built.append((c, sp, kind))
        if kind == "denial":
            na = allegation_from_denial(c, doc, ctx)
            if na is not None:
                na_sp = None
                if na.speaker is not None:
                    na_sp = resolve_speaker(doc, index, doc[na.speaker], None, ctx)
                built.append((na, na_sp, "allegation"))
                nt = target_of(na, doc, index, mentions, None, "allegation", ctx)
                alleged.append((na_sp["entity"] if na_sp else None, nt["entity"] if nt else None, ctx.para(na.content_chars[0])))

    built = [list(x) for x in built]
    concessive_denials(built, doc, ctx)
    denied_back_reference(built, doc, index, ctx)
    cataphoric_speakers(built, doc, index, ctx)
    employer_claimants(built, doc, index, ctx)
    reported_then_denied(built, doc, index, mentions, ctx)
    negated_rebuttals(built, doc, index, mentions, ctx)
    built = [tuple(x) for x in built]
    built.sort(key=lambda x: (x[0].sent[0], x[0].content_chars[0], x[0].cue if x[0].cue is not None else -1))
    out: list[dict] = []
    info: dict[str, dict] = {}
    origin_of: dict[int, str] = {}
    denial_by_cue: dict[int, str] = {}
    for k, (c, sp, kind) in enumerate(built, 1):
        sid = f"s{k}"
        me = sp["entity"] if sp else None
        cue = None
        if c.cue is not None:
            t = doc[c.cue]
            end_tok = t
            # Multi-word cues: "according to", "pointed out", "made clear".
            if t.lower_ == "according" and t.i + 1 < len(doc) and doc[t.i + 1].lower_ == "to":
                end_tok = doc[t.i + 1]
            else:
                for ch in t.rights:
                    if ch.i <= t.i + 2 and (ch.dep_ == "prt" or (t.lemma_ == "make" and ch.lower_ == "clear")):
                        end_tok = ch
            cue = trimmed(ctx.text, t.idx, end_tok.idx + len(end_tok.text))
        s0, s1 = c.content_chars
        if not c.quote and s1 < len(ctx.text) and ctx.text[s1] in "”\"’":
            # 'the mayor of “looking the other way while friends got rich”':
            # close a quotation the content opens (sm hangs the mark elsewhere).
            seg = ctx.text[s0:s1]
            if seg.count("“") > seg.count("”") or seg.count('"') % 2 == 1:
                s1 += 1
        st = {
            "id": sid,
            "kind": kind,
            "speaker": sp,
            "cue": cue,
            "content": trimmed(ctx.text, s0, s1, strip=" \n\t,;:–—-"),
            "sentence": trimmed(ctx.text, c.sent[0], c.sent[1]),
            "target": target_of(c, doc, index, mentions, me, kind, ctx) if c.owner is None else (
                dict(c.owner) if c.owner["name"] else None
            ),
            "denies": [],
            "certainty": certainty_of(c, doc, kind),
            "polarity": polarity_of(c, doc, kind),
            "rule": c.rule,
        }
        out.append(st)
        a, b = c.content
        sent_toks = doc.char_span(c.sent[0], c.sent[1], alignment_mode="expand") or doc[a : b + 1]
        info[sid] = {
            "speaker": me,
            "target": st["target"]["entity"] if st["target"] else None,
            "mentioned": {eid for _, _, eid, _ in mentions.within(s0, s1)},
            "topics": topic_stems(doc[a : b + 1]),
            "sent_topics": topic_stems(sent_toks),
            "origin": None,
            "sent": c.sent[0],
            "para": ctx.para(c.content_chars[0]),
            "side": ({me} | roles_orgs(index, me) | org_heads(index, me) | speaker_principal(doc, index, c, ctx)) - {None},
            "principal": (speaker_principal(doc, index, c, ctx) | {me}) - {None},
            "plural_generic": any(
                t.tag_ == "NNS" and t.lemma_.lower() in GENERIC and not any(ch.lower_ in ("these", "those", "such") for ch in t.children)
                for t in doc[a : b + 1]
            ),
            "plea": c.cue is not None and doc[c.cue].lemma_.lower() in cues().deny.plea_verbs,
            "anaphoric": kind == "denial" and (
                (c.cue is not None and st["content"]["text"].lower().strip(" .,\"“”'") in cues().allegation.anaphoric_objects)
                or (doc[a].lower_ in ("that", "this") and doc[a].dep_ in ("nsubj", "nsubjpass"))  # "That is simply untrue"
            ),
            "_cand": c,
        }
        if kind == "denial" and st["target"] is None and me and own_act_denied(c, doc):
            # "denied accepting cash and gifts from Qatar": the denier is the
            # subject of the denied act, so the denial is about the denier.
            st["target"] = {"entity": me, "name": sp["name"]}
            info[sid]["target"] = me
        if kind == "denial" and c.denied_noun is not None:
            origin_of[c.denied_noun] = sid
        if kind == "denial":
            denial_by_cue[denial_key(c)] = sid
    by_id = {st["id"]: st for st in out}
    for sid, i in info.items():
        c = i["_cand"]
        st = by_id[sid]
        t = st["target"]
        if c.rule == "deny-object-allegation" and t and t["entity"] is None and origin_of.get(c.cue):
            # "X rejected allegations that *he* had accepted hospitality": an
            # unresolved pronoun subject of the denied allegation is the denier.
            den = by_id[origin_of[c.cue]]["speaker"]
            person = t["name"].lower() in ("he", "she", "him", "her")
            if den and (den["entity"] is None or (index.get(den["entity"]).get("type") == "Person") == person):
                st["target"] = {"entity": den["entity"], "name": den["name"] or den["text"]}
                i["target"] = den["entity"]
    for sid, i in info.items():
        c = i.pop("_cand")
        if c.rule == "deny-object-allegation":
            i["origin"] = origin_of.get(c.cue)
        elif c.answered_by is not None:
            i["origin"] = denial_by_cue.get(c.answered_by)
    link(out, info)
    return implied_allegations(out, info)


def trimmed(text: str, start: int, end: int, strip: str = " \n\t") -> dict:
    while start < end and text[start] in strip:
        start += 1
    while end > start and text[end - 1] in strip:
        end -= 1
    return {"start": start, "end": end, "text": text[start:end]}

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

import bisect

from . import attribution as A
from . import classify as C
from . import linking as L
from .spans import tok_record
from .stmt_lexicon import cues

__all__ = ["extract", "extract_doc", "build_statements"]


def extract(article, nlp=None) -> dict:
    """Run the spaCy pipeline on ``article.text`` and extract (see extract_doc)."""
    if nlp is None:
        from ..nlp import load_nlp

        nlp = load_nlp()
    return extract_doc(nlp(article.text), article)


def extract_doc(doc, article) -> dict:
    """The contract dict for one parsed article."""
    from .entities import find_entities

    index = find_entities(doc)
    body = getattr(article, "body", None) or (0, len(doc.text))
    statements = build_statements(doc, index, body)
    return {
        "article": {"title": getattr(article, "title", None), "body": {"start": body[0], "end": body[1]}},
        "entities": index.entities,
        "statements": statements,
    }


# ----------------------------------------------------------------- assembly


class _Mentions:
    """Entity mentions sorted by start, for 'which entities are in this span?'."""

    def __init__(self, index):
        rows = []
        for e in index.entities:
            for m in e.get("mentions", []):
                rows.append((m["start"], m["end"], e["id"], e["type"]))
        rows.sort()
        self.rows = rows
        self.starts = [r[0] for r in rows]

    def within(self, start: int, end: int) -> list[tuple[int, int, str, str]]:
        i = bisect.bisect_left(self.starts, start)
        out = []
        while i < len(self.rows) and self.rows[i][0] < end:
            if self.rows[i][1] <= end:
                out.append(self.rows[i])
            i += 1
        return out


def _resolve_speaker(doc, index, tok, prev_person: str | None, ctx) -> dict:
    lex = cues().source
    first, last = A.speaker_span(tok)
    rec = tok_record(doc, first, last, ctx.text)
    ent = None
    appos = A.name_appos(tok)
    if appos is not None:
        af, al = A.name_span(appos)
        ent = index.resolve(doc[af].idx, doc[al].idx + len(doc[al].text))
        if ent is not None:
            tok = appos  # the named person is the speaker
    if ent is None:
        ent = index.resolve(rec["start"], rec["end"])
    if ent is None:
        nf, nl = A.name_span(tok)
        r2 = tok_record(doc, nf, nl, ctx.text)
        ent = index.resolve(r2["start"], r2["end"])
    low = tok.lower_
    if ent is not None and tok.pos_ == "NOUN" and index.resolve(tok.idx, tok.idx + len(tok.text)) != ent:
        # "a KAS staffer", "Spokesmen for the ministry": the name inside the
        # phrase is the employer, not the speaker; an unnamed source has no entity.
        ent = None
    if low in lex.first_person:
        ent = None  # "I"/"we" outside a quote is the writer, never a named source
    elif ent is None and prev_person and low in ("he", "she") and _gender_ok(index, prev_person, low):
        # The entity side resolves pronouns by coreference; when it has no
        # answer, the caller may offer the person who just spoke.
        ent = prev_person
    return {
        "start": rec["start"],
        "end": rec["end"],
        "text": rec["text"],
        "entity": ent,
        "name": index.name(ent) if ent else None,
    }


def _human_subject_between(ctx, after_sent: int, before_sent: int):
    """The subject of a sentence strictly between two sentences that names a
    person-like source (a name or a human noun, not 'it'/'the report'), or None.
    Such a sentence breaks the chain from the last speaker to a following "he"."""
    lex = cues().source
    found = None
    for k in range(max(after_sent + 1, before_sent - 3, 0), before_sent):
        root = ctx.sents[k].root
        for c in root.children:
            if c.dep_ not in ("nsubj", "nsubjpass") or ctx.in_quote(c):
                continue
            low = c.lower_
            if low in lex.pronouns or c.pos_ == "PRON":
                continue
            if c.lemma_.lower() in lex.non_person_sources or c.ent_type_ in ("ORG", "GPE", "NORP", "DATE", "MONEY", "PERCENT"):
                continue
            if c.pos_ == "PROPN" or c.ent_type_ == "PERSON" or c.lemma_.lower() in lex.person_nouns:
                found = c
    return found


def _gender_ok(index, eid: str | None, pronoun: str) -> bool:
    """Does a he/she fit the entity's known gender (unknown fits)?"""
    if eid is None:
        return True
    g = getattr(index, "gender", {}).get(eid)
    return g is None or g == ("male" if pronoun == "he" else "female")


def _trim_before_other_cues(cand, cue_tokens: set[int], doc) -> None:
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


def _allegation_from_denial(d, doc, ctx) -> A.Cand | None:
    """The allegation a denial names: 'denied allegations the premier had paid ...'.

    Gold-standard annotators record such allegations even with no claimant
    (speaker None), so the graph can say what was denied."""
    lex = cues().allegation
    if d.denied_noun is None:
        return None
    n = doc[d.denied_noun]
    if n.lemma_.lower() not in lex.nouns:
        return None
    clause = A.proposition_clause(n)
    if clause is None:
        return None
    first, last = clause.left_edge.i, min(clause.right_edge.i, d.content[1])
    if first <= n.i:
        first = n.i + 1
    while first < last and doc[first].dep_ == "mark":
        first += 1
    if last < first:
        return None
    sp = next((c for c in n.children if c.dep_ == "poss"), None)
    c = A.Cand("deny-object-allegation", n.i, sp.i if sp is not None else None, (first, last), d.sent, kind="allegation")
    c.content_chars = (doc[first].idx, doc[last].idx + len(doc[last].text))
    return c


def _target(cand, doc, index, mentions, speaker_ent, kind, ctx) -> dict | None:
    """Whom the statement is about: the accused, or the allegation's subject."""
    if kind == "accusation" and cand.obj is not None:
        f, l = A.speaker_span(doc[cand.obj])
        rec = tok_record(doc, f, l, ctx.text)
        ent = index.resolve(rec["start"], rec["end"])
        return {"entity": ent, "name": index.name(ent) if ent else rec["text"]}
    if kind not in ("allegation", "accusation", "denial"):
        return None
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


def build_statements(doc, index, body=(0, None)) -> list[dict]:
    """Contract statement dicts, ids s1..sN in text order."""
    lo, hi = body[0], body[1] if body[1] is not None else len(doc.text)
    cands, ctx = A.candidates(doc, lo, hi)
    cands = [c for c in cands if lo <= c.content_chars[0] < hi]
    cue_tokens = {c.cue for c in cands if c.cue is not None}
    for c in cands:
        _trim_before_other_cues(c, cue_tokens, doc)
    mentions = _Mentions(index)

    # Pass 1: speakers (in text order, so "he said" can continue the last speaker).
    rows = []  # (cand, speaker dict | None)
    last_speaker: dict | None = None
    last_para = -10
    last_sent = -10
    last_humanlike = False
    lex = cues().source
    for c in cands:
        para = ctx.para(c.content_chars[0])
        sent_k = ctx.sent_of[c.content[0]]
        if c.cue is not None:
            sent_k = min(sent_k, ctx.sent_of[c.cue])
        between = _human_subject_between(ctx, last_sent, sent_k)
        if c.inherit:
            prev_subj = between if between is not None and ctx.sent_of[between.i] == sent_k - 1 else None
            if prev_subj is not None:
                # "The prime minister addressed the issue. “I do not need ...”":
                # the quote belongs to the person the previous sentence is about.
                sp = _resolve_speaker(doc, index, prev_subj, None, ctx)
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
            sp = _resolve_speaker(doc, index, tok, fallback, ctx)
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
                and _gender_ok(index, last_speaker["entity"], tok.lower_)
                and between is None
            ):
                sp["entity"] = last_speaker["entity"]
                sp["name"] = last_speaker["name"]
            elif tok.lower_ in ("he", "she") and between is not None and ctx.sent_of[between.i] == sent_k - 1:
                # The sentence right before names the likely referent
                # ("The prime minister addressed the issue. “...,” he told ...").
                bsp = _resolve_speaker(doc, index, between, None, ctx)
                if bsp["entity"] != sp["entity"] and _gender_ok(index, bsp["entity"], tok.lower_):
                    sp["entity"], sp["name"] = bsp["entity"], bsp["name"]
        else:
            sp = None
        rows.append((c, sp))
        if sp is not None and c.kind != "refusal":
            # (Someone who declined to comment is not the "he" of the next quote.)
            last_speaker, last_para = sp, para
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
        third = any(
            eid != me and etype == "Person" for _, _, eid, etype in mentions.within(lo_c, hi_c)
        )
        obj_ent = None
        if c.obj is not None:
            f, l = A.speaker_span(doc[c.obj])
            r = tok_record(doc, f, l, ctx.text)
            obj_ent = index.resolve(r["start"], r["end"])
        kind = C.kind_of(c, doc, prior_kind_by_entity=last_kind, obj_entity=obj_ent, third_party=third)
        if kind is None:
            continue
        if sp is None and kind not in ("allegation", "accusation"):
            continue
        tgt = _target(c, doc, index, mentions, me, kind, ctx) if kind in L.ALLEGATION_KINDS else None
        tid = tgt["entity"] if tgt else None
        if c.rule == "noun-allegation" and kind in L.ALLEGATION_KINDS:
            # "over his accusations that ...": a later mention of an allegation
            # the same claimant already made about the same target is the same fact.
            if me and any(a_sp == me and a_tid == tid for a_sp, a_tid, _ in alleged):
                continue
        if kind == "statement" and me and C.negates_past_act(c, doc):
            # The person an allegation is about answering in the negative soon
            # after ("Fox said he had never taken any money") is denying it.
            para = ctx.para(c.content_chars[0])
            if any(a_tid == me and para - a_para <= 3 for _, a_tid, a_para in alleged):
                kind = "denial"
                c.rule += "+answers-allegation"
        if kind in L.ALLEGATION_KINDS:
            alleged.append((me, tid, ctx.para(c.content_chars[0])))
        if me:
            last_kind[me] = kind
        built.append((c, sp, kind))
        if kind == "denial":
            na = _allegation_from_denial(c, doc, ctx)
            if na is not None:
                na_sp = None
                if na.speaker is not None:
                    na_sp = _resolve_speaker(doc, index, doc[na.speaker], None, ctx)
                built.append((na, na_sp, "allegation"))
                nt = _target(na, doc, index, mentions, None, "allegation", ctx)
                alleged.append((na_sp["entity"] if na_sp else None, nt["entity"] if nt else None, ctx.para(na.content_chars[0])))

    built.sort(key=lambda x: (x[0].sent[0], x[0].content_chars[0], x[0].cue if x[0].cue is not None else -1))
    out: list[dict] = []
    info: dict[str, dict] = {}
    origin_of: dict[int, str] = {}
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
            cue = _chars(ctx.text, t.idx, end_tok.idx + len(end_tok.text))
        s0, s1 = c.content_chars
        st = {
            "id": sid,
            "kind": kind,
            "speaker": sp,
            "cue": cue,
            "content": _chars(ctx.text, s0, s1, strip=" \n\t,;:–—-"),
            "sentence": _chars(ctx.text, c.sent[0], c.sent[1]),
            "target": _target(c, doc, index, mentions, me, kind, ctx),
            "denies": [],
            "certainty": C.certainty_of(c, doc, kind),
            "polarity": C.polarity_of(c, doc, kind),
            "rule": c.rule,
        }
        out.append(st)
        a, b = c.content
        sent_toks = doc.char_span(c.sent[0], c.sent[1], alignment_mode="expand") or doc[a : b + 1]
        info[sid] = {
            "speaker": me,
            "target": st["target"]["entity"] if st["target"] else None,
            "mentioned": {eid for _, _, eid, _ in mentions.within(s0, s1)},
            "topics": L.topic_stems(doc[a : b + 1]),
            "sent_topics": L.topic_stems(sent_toks),
            "origin": None,
            "sent": c.sent[0],
            "para": ctx.para(c.sent[0]),
            "_cand": c,
        }
        if kind == "denial" and c.denied_noun is not None:
            origin_of[c.denied_noun] = sid
    for sid, i in info.items():
        c = i.pop("_cand")
        if c.rule == "deny-object-allegation":
            i["origin"] = origin_of.get(c.cue)
    L.link(out, info)
    return out


def _chars(text: str, start: int, end: int, strip: str = " \n\t") -> dict:
    while start < end and text[start] in strip:
        start += 1
    while end > start and text[end - 1] in strip:
        end -= 1
    return {"start": start, "end": end, "text": text[start:end]}

"""Speakers: the entity a speaker phrase names, and continuing the last speaker."""

from __future__ import annotations

from dataclasses import dataclass

from ..lexicon import cues, grammar
from ..spans import tok_record
from .resolve import gender_ok, resolve_phrase
from .syntax import name_appos, name_span, speaker_span


def resolve_speaker(doc, index, tok, prev_person: str | None, ctx) -> dict:
    """The speaker record {start, end, text, entity, name} of the speaker phrase
    headed by tok; ``prev_person`` is whom a bare "he"/"she" may continue."""
    lex = cues().source
    first, last = speaker_span(tok)
    rec = tok_record(doc, first, last, ctx.text)
    tok, ent = _named_entity(doc, index, tok, ctx)
    low = tok.lower_
    proxy = proxy_org(doc, index, tok, ctx)
    if proxy is not None:
        # "A report by the Mozilla Foundation said", "Researchers at the DFRLab
        # said", "according to a statement from the prosecutor's office": the
        # document or unnamed group speaks for its organisation.
        ent = proxy
    elif (
        ent is not None
        and tok.lemma_.lower() in lex.org_head_nouns
        and (index.get(ent) or {}).get("type") == "Organization"
        and any(c.dep_ in ("compound", "poss") for c in tok.children)
    ):
        pass  # "The Greens group accused ...": the organisation itself, named by its modifier
    elif ent is not None and tok.pos_ == "NOUN" and index.resolve(tok.idx, tok.idx + len(tok.text)) != ent:
        # "a KAS staffer", "Spokesmen for the ministry": the name inside the
        # phrase is the employer, not the speaker; an unnamed source has no entity.
        ent = None
    if ent is None and tok.lemma_.lower() in lex.representative_nouns:
        ent = _represented(doc, index, tok)
    if low in grammar("pronouns", "first_person"):
        ent = None  # "I"/"we" outside a quote is the writer, never a named source
    elif ent is None and prev_person and low in grammar("pronouns", "he_she") and gender_ok(index, prev_person, low):
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


def _named_entity(doc, index, tok, ctx):
    """(the speaker's head token, the entity the phrase names or None): a
    proper-name apposition first, then the phrase, then an organisation named
    by the head's modifier ("The Greens group")."""
    lex = cues().source
    ent = None
    appos = name_appos(tok)
    if appos is not None:
        af, al = name_span(appos)
        ent = index.resolve(doc[af].idx, doc[al].idx + len(doc[al].text))
        if ent is not None:
            tok = appos  # the named person is the speaker
    if ent is None:
        ent = resolve_phrase(doc, index, tok, ctx)
    if ent is None and tok.lemma_.lower() in lex.org_head_nouns:
        mods = [c for c in tok.children if c.dep_ in ("compound", "poss") and c.i < tok.i]
        if mods:
            m0, m1 = mods[0].left_edge.i, mods[-1].i
            while m0 < m1 and doc[m0].dep_ == "det":
                m0 += 1
            e2 = index.resolve(doc[m0].idx, doc[m1].idx + len(doc[m1].text))
            if e2 is not None and (index.get(e2) or {}).get("type") == "Organization":
                ent = e2  # "The Greens group accused ...": the organisation its modifier names
    return tok, ent


def _represented(doc, index, tok):
    """Unnamed representatives speak for whom they represent: "Grant's lawyers
    said", "A spokesman for the European People's Party rejected that"."""
    ent = None
    poss = next((c for c in tok.children if c.dep_ == "poss"), None)
    if poss is not None and poss.lower_ not in grammar("pronouns", "first_person"):
        pf, pl = name_span(poss)
        ent = index.resolve(doc[pf].idx, doc[pl].idx + len(doc[pl].text))
    if ent is None and tok.tag_ in ("NN", "NNP") and name_appos(tok) is None:
        # (a singular representative *for* X; "Spokesmen for both parties" stays
        # a group without an entity)
        p = next((c for c in tok.children if c.dep_ == "prep" and c.lower_ == "for"), None)
        o = next((g for g in p.children if g.dep_ == "pobj"), None) if p is not None else None
        if o is not None and not any(
            c.dep_ in ("det", "predet") and c.lower_ in grammar("determiners", "group") for c in o.children
        ):
            of, ol = name_span(o)
            cand_ent = index.resolve(doc[of].idx, doc[ol].idx + len(doc[ol].text))
            if cand_ent is None:
                f2, l2 = speaker_span(o)
                cand_ent = index.resolve(doc[f2].idx, doc[l2].idx + len(doc[l2].text))
            if cand_ent is not None and (index.get(cand_ent) or {}).get("type") in ("Organization", "Person"):
                ent = cand_ent
    return ent


def proxy_org(doc, index, tok, ctx):
    """The organisation a document/group noun stands for ("a report by X",
    "researchers at X", "a statement from X"), or None."""
    if tok.lemma_.lower() not in cues().source.proxy_nouns and tok.lower_ not in cues().source.proxy_nouns:
        return None
    for p in tok.children:
        if p.dep_ == "prep" and p.lower_ in ("by", "from", "at", "of"):
            o = next((g for g in p.children if g.dep_ == "pobj"), None)
            if o is None:
                continue
            ent = resolve_phrase(doc, index, o, ctx)
            if ent is not None and (index.get(ent) or {}).get("type") == "Organization":
                return ent
    return None


def human_subject_between(ctx, after_sent: int, before_sent: int, index=None):
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
            if low in grammar("pronouns", "personal") or c.pos_ == "PRON":
                continue
            if low in lex.interview_labels and c.i + 1 < len(ctx.doc) and ctx.doc[c.i + 1].text == ":":
                continue  # "Q: Will you pay?"
            if c.lemma_.lower() in lex.non_person_sources or c.ent_type_ in (
                "ORG",
                "GPE",
                "NORP",
                "DATE",
                "MONEY",
                "PERCENT",
            ):
                # (sm's NER tag loses to the entity side's Person: "Feld was blunt")
                ent = index.resolve(c.idx, c.idx + len(c.text)) if index is not None and c.pos_ == "PROPN" else None
                if ent is None or (index.get(ent) or {}).get("type") != "Person":
                    continue
            if c.pos_ == "PROPN" or c.ent_type_ == "PERSON" or c.lemma_.lower() in lex.person_nouns:
                found = c
    return found


def named_subject(ctx, k: int):
    """The proper-name or human-noun subject of sentence k's root, or None."""
    root = ctx.sents[k].root
    for c in root.children:
        if c.dep_ in ("nsubj", "nsubjpass") and not ctx.in_quote(c) and c.lower_ not in cues().source.interview_labels:
            if c.pos_ == "PROPN" or c.lemma_.lower() in cues().source.person_nouns:
                return c
    return None


def is_question(sent) -> bool:
    words = [t for t in sent if not t.is_space]
    return bool(words) and words[-1].text == "?"


@dataclass
class LastSpeaker:
    """Who spoke last, for "he said" continuing them (state of the speaker pass)."""

    speaker: dict | None = None
    para: int = -10
    sent: int = -10
    humanlike: bool = False  # a person (or a person-like phrase), who can be the next "he"/"she"
    end: int = 0

    def near(self, sent_k: int, para: int) -> bool:
        """Did they speak in the previous two sentences, same or previous paragraph?"""
        return self.speaker is not None and sent_k - self.sent <= 2 and para - self.para <= 1

    def update(self, c, sp: dict, para: int, doc, index, ctx) -> None:
        self.speaker, self.para = sp, para
        self.end = max(c.content_chars[1], doc[c.cue].idx if c.cue is not None else 0)
        self.sent = max(ctx.sent_of[c.content[1]], ctx.sent_of[c.cue] if c.cue is not None else 0)
        head = doc[c.speaker] if c.speaker is not None else None
        if sp["entity"]:
            self.humanlike = index.get(sp["entity"])["type"] == "Person"
        elif head is not None:
            self.humanlike = head.lower_ in grammar("pronouns", "he_she") or (
                head.lemma_.lower() not in cues().source.non_person_sources
                and head.ent_type_ not in ("ORG", "GPE", "NORP")
            )


def assign_speakers(cands, doc, index, mentions, ctx) -> list[tuple]:
    """The speaker pass: (candidate, speaker record or None) in text order, so
    "he said" can continue the last speaker. A quote that continues a speaker
    with nobody to continue is dropped."""
    rows = []
    last = LastSpeaker()
    for c in cands:
        para = ctx.para(c.content_chars[0])
        sent_k = ctx.sent_of[c.content[0]]
        if c.cue is not None:
            sent_k = min(sent_k, ctx.sent_of[c.cue])
        between = human_subject_between(ctx, last.sent, sent_k, index)
        if c.inherit:
            sp = _inherited_speaker(c, doc, index, ctx, last, between, sent_k, para)
            if sp is None:
                continue
        elif c.speaker is not None:
            sp = _named_speaker(c, doc, index, mentions, ctx, last, between, sent_k, para)
        else:
            sp = None
        rows.append((c, sp))
        if sp is not None and c.kind != "refusal":
            # (Someone who declined to comment is not the "he" of the next quote.)
            last.update(c, sp, para, doc, index, ctx)
    return rows


def _inherited_speaker(c, doc, index, ctx, last: LastSpeaker, between, sent_k: int, para: int) -> dict | None:
    """The speaker of a quote with no reporting verb of its own (quote-continued)."""
    prev_subj = between if between is not None and ctx.sent_of[between.i] == sent_k - 1 else None
    if prev_subj is None and sent_k >= 2 and is_question(ctx.sents[sent_k - 1]):
        # "Asked whether ..., Feld was blunt. / Q: Will you pay? / A:
        # “No. ...”": an interview question sits between the person and the answer.
        prev_subj = named_subject(ctx, sent_k - 2)
    if prev_subj is not None:
        # "The prime minister addressed the issue. “I do not need ...”":
        # the quote belongs to the person the previous sentence is about.
        sp = resolve_speaker(doc, index, prev_subj, None, ctx)
        c.revise("quote-prev-subject")
        c.speaker = prev_subj.i
        return sp
    if last.speaker is None or para - last.para > 1:
        return None
    return dict(last.speaker)


def _named_speaker(c, doc, index, mentions, ctx, last: LastSpeaker, between, sent_k: int, para: int) -> dict:
    """The speaker of a candidate with a speaker phrase, continuing the last
    speaker for "it"/"he"/"she" where news style does."""
    tok = doc[c.speaker]
    fallback = last.speaker["entity"] if last.near(sent_k, para) else None
    sp = resolve_speaker(doc, index, tok, fallback, ctx)
    if (
        tok.lower_ == "it"
        and sp["entity"] is None
        and last.speaker is not None
        and last.speaker["entity"]
        and not last.humanlike
        and sent_k - last.sent <= 2
        and para - last.para <= 1
        and index.get(last.speaker["entity"]).get("type") == "Organization"
    ):
        # "The Foreign Ministry said ... It dismissed the report as ...":
        # "it" right after an organisation spoke continues that organisation.
        sp["entity"], sp["name"] = last.speaker["entity"], last.speaker["name"]
    # "he said" right after someone spoke (previous two sentences, same
    # or previous paragraph) continues that speaker: news style names a
    # speaker once, then uses the pronoun. This beats nearest-mention
    # coreference when the sentence in between names someone else
    # ("Rainsy echoed Chong Leang ... “...,” he said").
    if (
        tok.lower_ in grammar("pronouns", "he_she")
        and last.speaker is not None
        and last.humanlike
        and sent_k - last.sent <= 2
        and para - last.para <= 1
        and last.speaker["entity"] != sp["entity"]
        and gender_ok(index, last.speaker["entity"], tok.lower_)
        and between is None
        and not (sp["entity"] and mentions.mentioned(sp["entity"], last.end, tok.idx))
    ):
        sp["entity"] = last.speaker["entity"]
        sp["name"] = last.speaker["name"]
    elif tok.lower_ in grammar("pronouns", "he_she") and between is not None and ctx.sent_of[between.i] == sent_k - 1:
        # The sentence right before names the likely referent
        # ("The prime minister addressed the issue. “...,” he told ...").
        bsp = resolve_speaker(doc, index, between, None, ctx)
        if bsp["entity"] != sp["entity"] and gender_ok(index, bsp["entity"], tok.lower_):
            sp["entity"], sp["name"] = bsp["entity"], bsp["name"]
    return sp

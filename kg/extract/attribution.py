"""Who said what: attributed-statement candidates from a parsed article.

Pure functions over a spaCy ``Doc`` yielding ``Cand`` records (token-level);
``kg.extract.__init__`` resolves speakers to entities and turns them into the
contract's statement dicts. Mechanisms, each named by the ``rule`` it stamps:

* ``quote-said-after|before``  a direct quote and the reporting verb next to it
  in the same paragraph; ``quote-said-next`` a bare "he said." sentence right
  after it; ``quote-said-before-colon`` "The ministry said:" before it (even
  across a paragraph break); ``quote-mixed`` the quote ends the cue's own
  clause ("said the ruling was “an outrage.”").
* ``quote-continued``   a quote with no reporting verb continuing the previous
  speaker (multi-paragraph / multi-sentence quotes); the assembly turns it into
  ``quote-prev-subject`` when the sentence just before names someone else.
* ``cue-<lemma>-<how>`` indirect speech: a cue verb (lexicon) with a clause
  (ccomp, "in a statement that ..."), a claim-like object, a naming predicate
  ("called the leaks fabricated"), "accuse X of", an echo, a plea, a passive
  ("were denied by X") or a parenthetical host clause (parataxis).
* ``according-to``      "..., according to X".
* ``noun-denial``       "denials by X that ...", "X's denial that ...".
* ``noun-allegation``   "his accusations that ...", "X made allegations that ...".
* ``refusal-*``         "declined to comment", "did not respond to a request for comment";
  ``refusal-negated`` "would not comment on the case", "did not want to
  comment", "was unable to comment" (plain "did not deny/say" stays out).
* ``cue-<lemma>-innocence`` "insisted on his innocence".

Lines: ``Ctx.sents`` never runs over a line break (bullets, captions, "Q:"
lines), a subject on another line is replaced by the verb's own line subject,
and a mixed quote inside a cue's argument ("accuses the mayor of “...” and
says ...") is left to that cue.
* ``seeming-<gov>-<verb>`` "a memo that appeared to show X doing Y": a hedged
  allegation by the document's publisher ("posted by X") or by nobody.
* ``purport-surface``   "The messages, obtained by X, purport to show ..." when sm
  reads "purport" as a noun; ``document-<verb>`` "X published a report linking ...".
* ``cue-<lemma>-relcl`` "a finding the chief executive rejected", "an allegation
  his lawyers called false"; ``cue-deny-gerund`` "denied using city cars".
* ``quote-mixed-naming`` 'described the suggestion ... as “complete nonsense.”'.
* ``+nested``           "X said in an email that it “categorically rejects” ...":
  one statement, the embedded stance with the outer speaker (merge_nested).

Not statements: requests for anonymity ("asked not to be named"), short quoted
names ('an account calling itself “PeachLeaks,”'), cues inside what a
document purports to show.

The spaCy sm parser misattaches verbs, so a cue's speaker is searched along
several paths (own subject, controller of an xcomp, head of a participle,
conjunct head) and finally inherited from the nearest preceding cue.
"""

from __future__ import annotations

import bisect
from dataclasses import dataclass

import re

from spacy.attrs import IDX, LEMMA, LOWER, SENT_START

from .quotes import QuoteMask, find_quotes, long_quotes
from .doc import doc_text
from .lexicon import cues

SUBJ = ("nsubj", "csubj")
WH = {"who", "that", "which", "whom", "what"}
QUANTIFIERS = {"each", "both", "all", "none", "either", "neither"}
_PARA_BREAK = re.compile(r"(?=\n\n)")


@dataclass
class Cand:
    rule: str
    cue: int | None  # cue token index
    speaker: int | None  # speaker head token index
    content: tuple[int, int]  # token range, inclusive
    sent: tuple[int, int]  # char range of the sentence(s)
    content_chars: tuple[int, int] | None = None  # exact char range (quotes)
    quote: bool = False
    kind: str | None = None  # forced by the mechanism (denial, refusal, allegation)
    inherit: bool = False  # speaker comes from the previous statement
    obj: int | None = None  # accused / echoed / named object token
    denied_noun: int | None = None  # claim noun a denial takes as object
    answered_by: int | None = None  # cue token of the denial that points back to this statement
    accused: str | None = None  # entity id an allegation is known to be about (set by the assembly)
    owner: dict | None = None  # a denied account's owner ("her account"): the denial's target


# --------------------------------------------------------------------- helpers


class Ctx:
    """Per-document lookups built once (linear in the document)."""

    def __init__(self, doc, lo: int = 0, hi: int | None = None):
        self.doc = doc
        self.lex = cues()
        self.text = text = doc_text(doc)
        self.quotes = long_quotes(find_quotes(text, lo, hi))
        self.mask = QuoteMask(self.quotes)
        # Per-document token table (plain lists: spaCy's doc[i] / token
        # iteration is the hot cost): start offsets and lemma/lower hashes.
        n = len(doc)
        if n:
            arr = doc.to_array([IDX, LEMMA, LOWER, SENT_START]).tolist()
        else:
            arr = []
        self.starts = [r[0] for r in arr]
        self.lemma_ids = [r[1] for r in arr]
        self.lower_ids = [r[2] for r in arr]
        # Sentences never run over a line break: sm joins a bullet list, a
        # caption or a "Q:" line with the next line ("Key points: - X claims
        # ... - Cloudline says ..."); news text is never hard-wrapped, so each
        # line is at least one sentence.
        bounds = [i for i in range(1, n) if arr[i][3] == 1]
        nl_toks = []
        p = text.find("\n")
        while p != -1:
            j = bisect.bisect_right(self.starts, p) - 1
            if j >= 0 and (not nl_toks or nl_toks[-1] != j) and "\n" in doc[j].text:
                nl_toks.append(j)
            p = text.find("\n", p + 1)
        self.sents = []
        k = 0
        for s_start, s_end in zip([0] + bounds, bounds + [n]) if n else []:
            start = s_start
            while k < len(nl_toks) and nl_toks[k] < s_start:
                k += 1
            while k < len(nl_toks) and nl_toks[k] < s_end:
                i = nl_toks[k]
                if i + 1 < s_end and i + 1 > start:
                    self.sents.append(doc[start : i + 1])
                    start = i + 1
                k += 1
            if start < s_end:
                self.sents.append(doc[start:s_end])
        self.sent_of = [0] * n
        for k, s in enumerate(self.sents):
            self.sent_of[s.start : s.end] = [k] * (s.end - s.start)
        self.para_starts = [0] + [m.start() + 2 for m in _PARA_BREAK.finditer(text)]
        self.used: set[int] = set()  # cue tokens consumed by a mechanism
        self._phrasal_heads = {p.split()[0] for p in self.lex.speech.phrasal}
        self._cue_like_idx: list[int] | None = None

    def _cue_like(self) -> list[int]:
        """Sorted token indices whose lemma can make is_cue true (speech,
        suspicion and phrasal-head lemmas), built once."""
        if self._cue_like_idx is None:
            lex = self.lex
            keys = set(lex.speech.verbs) | set(lex.allegation.suspicion_verbs) | self._phrasal_heads
            strings = self.doc.vocab.strings
            hit = {h for h in set(self.lemma_ids) if strings[h].lower() in keys}
            self._cue_like_idx = [i for i, h in enumerate(self.lemma_ids) if h in hit]
        return self._cue_like_idx

    def cue_like_tokens(self, span):
        """The tokens of span (in order) that may be cues: the rest never pass is_cue."""
        idx = self._cue_like()
        doc = self.doc
        k = bisect.bisect_left(idx, span.start)
        out = []
        while k < len(idx) and idx[k] < span.end:
            out.append(doc[idx[k]])
            k += 1
        return out

    def cue_positions(self) -> list[int]:
        """Token indices cue_cands must look at: every lemma a mechanism keys
        on, and "according"; the rest of the document is skipped unbuilt."""
        lex = self.lex
        keys = set()
        for ws in (lex.deny.nouns, lex.allegation.nouns, lex.allegation.release_verbs, lex.speech.verbs,
                   lex.allegation.suspicion_verbs, self._phrasal_heads, ("purport",)):
            keys.update(ws)
        strings = self.doc.vocab.strings
        hit = {h for h in set(self.lemma_ids) if strings[h].lower() in keys}
        according = strings["according"] if "according" in strings else None
        return [i for i, (h, lw) in enumerate(zip(self.lemma_ids, self.lower_ids)) if h in hit or lw == according]

    def in_quote(self, tok) -> bool:
        return self.mask.find(tok.idx) is not None

    def para(self, char: int) -> int:
        return bisect.bisect_right(self.para_starts, char) - 1

    def _suspects_of(self, tok) -> bool:
        """"Police suspect X of Y": a suspicion verb with an object (or passive
        subject: "X is suspected of Y") and an "of" charge, not itself reported
        by an outer cue."""
        kids = list(tok.children)
        obj = next((c for c in kids if c.dep_ in ("dobj", "nsubjpass")), None)
        if obj is None or tok.dep_ in ("amod", "acl") or (tok.dep_ == "relcl" and not _relative_passive(tok)):
            return False  # ("a man who is suspected of fraud": the relative clause's own subject is the suspect)
        of = next((c for c in kids if c.dep_ == "prep" and c.lower_ == "of"), None)
        if of is None and obj.dep_ == "dobj":
            of = next((c for c in obj.children if c.dep_ == "prep" and c.lower_ == "of"), None)
        if of is None:
            return False
        h = tok
        relative = tok.dep_ == "relcl"
        clausal = False  # has the walk left the relative clause's noun phrase through a clause edge?
        while h.head.i != h.i:
            if h.dep_ in ("ccomp", "xcomp", "advcl", "parataxis", "conj"):
                clausal = True
            h = h.head
            if h.lemma_.lower() in self.lex.speech.verbs and (not relative or clausal):
                # "said they suspected X of ...": the outer cue reports it
                # ("questioned Lopes, who is suspected of ...": the writer's own
                # description of a cue's object is not what the cue reports)
                return False
        return True

    def is_cue(self, tok) -> bool:
        if tok.pos_ == "NOUN" and tok.dep_ == "ROOT" and tok.lemma_.lower() in self.lex.speech.verbs and any(
            c.dep_ == "ccomp" and c.i > tok.i and any(m.dep_ == "mark" for m in c.children) for c in tok.children
        ) and any(c.dep_ == "compound" and c.i < tok.i for c in tok.children):
            # sm reads "The charity's trustees allege that ..." as a noun
            # compound "trustees allege"; a root with a that-clause is the verb.
            return True
        if tok.pos_ not in ("VERB", "AUX"):
            # sm tags "purports" as a plural noun ("The messages ... purport to
            # show X"); a clause head with a to-infinitive is still the verb.
            return tok.lemma_.lower() in self.lex.allegation.seeming_governors and tok.dep_ in ("ROOT", "relcl", "conj", "ccomp") and any(
                c.dep_ in ("xcomp", "advcl") and any(a.lower_ == "to" for a in c.children) for c in tok.children
            ) and tok.lemma_.lower() in self.lex.speech.verbs
        lemma = tok.lemma_.lower()
        if lemma in self.lex.speech.verbs:
            return True
        if lemma in self.lex.allegation.suspicion_verbs:
            return self._suspects_of(tok)
        if lemma in self._phrasal_heads:
            # "pointed out that ...": the verb counts with its particle only.
            return any(
                c.dep_ == "prt" and f"{lemma} {c.lower_}" in self.lex.speech.phrasal for c in tok.children
            ) or (lemma == "make" and any(c.lower_ == "clear" for c in tok.children))


def negated(tok) -> bool:
    return any(c.dep_ == "neg" for c in tok.children)


def _relative_passive(v):
    """The relative pronoun passive subject of relative clause v ("a former
    officer *who* is suspected of ...", "Hale, *who* was accused of ..."), or None."""
    if v.dep_ != "relcl":
        return None
    return next((c for c in v.children if c.dep_ == "nsubjpass" and c.lower_ in WH), None)


def _relative_antecedent(v, obj):
    """An allegation cue in a relative clause whose passive subject is the
    relative pronoun is about the clause's antecedent: 'Tom Hale, who is
    accused of taking bribes' is about Tom Hale, not "who"."""
    rel = _relative_passive(v)
    if rel is None or v.head.pos_ not in ("NOUN", "PROPN"):
        return obj
    if obj is None or obj.i == rel.i:
        head = v.head
        if head.dep_ == "appos" and head.head.pos_ == "PROPN":
            head = head.head  # "Tom Hale, a former officer who is suspected of ...": Tom Hale
        return head
    return obj


def own_subject(v, ctx: "Ctx | None" = None):
    """v's own subject token (skipping relative pronouns when a real one exists).

    A reporting verb outside a quote never takes its subject from inside the
    quote (sm reads “... Every single one,” said X as 'one said')."""
    subs = [c for c in v.children if c.dep_ in SUBJ]
    if ctx is not None and not ctx.in_quote(v):
        subs = [c for c in subs if not ctx.in_quote(c)]
    if ctx is not None and subs:
        # A subject on another line is a parse across a line break ("Key
        # points:\n- Cloudline says ..."): the noun phrase opening the verb's
        # own line is the subject.
        same = [c for c in subs if ctx.sent_of[c.i] == ctx.sent_of[v.i]]
        if not same:
            return _line_subject(v, ctx) or _line_subject_np(v, ctx)
        subs = same
    if not subs and v.pos_ == "NOUN" and v.dep_ == "ROOT":
        # ("trustees allege that ...": the misread compound is the subject)
        subs = [c for c in v.children if c.dep_ == "compound" and c.i < v.i][-1:]
    real = [c for c in subs if c.lower_ not in WH]
    # "two rival leakers each released": the floating quantifier is not the subject.
    named = [c for c in real if c.lower_ not in QUANTIFIERS]
    real = named or real
    if real:
        # Two subjects (a dateline "LONDON (AP) — X rejected"): the one nearest
        # before the verb; an inverted "said X" has it after.
        before = [c for c in real if c.i < v.i]
        return before[-1] if before else real[0]
    if subs and v.dep_ == "relcl":
        return v.head  # "a staffer who said ..." -> the staffer
    for c in v.children:
        if c.dep_ == "agent":  # passive: "was denied by X"
            for g in c.children:
                if g.dep_ == "pobj":
                    return g
    if any(c.dep_ == "nsubjpass" for c in v.children):
        return None
    return None


def _line_subject(v, ctx: Ctx):
    """The last noun/proper noun before v on v's own line, or None."""
    doc = ctx.doc
    first = ctx.sents[ctx.sent_of[v.i]].start
    for j in range(v.i - 1, first - 1, -1):
        t = doc[j]
        if t.pos_ in ("NOUN", "PROPN") and not ctx.in_quote(t):
            return t
        if t.pos_ in ("VERB",) or t.text in (",", ";"):
            return None
    return None


def _line_subject_np(v, ctx: Ctx):
    """The first noun phrase head on v's line (after a dateline dash): "AUSTIN,
    Texas — The chief executive of Cloudline, ..., says" -> executive."""
    doc = ctx.doc
    line = ctx.sents[ctx.sent_of[v.i]]
    start = line.start
    for t in doc[line.start : min(v.i, line.start + 10)]:
        if t.text in ("—", "–", "--"):
            start = t.i + 1  # skip a dateline
    for t in doc[start : v.i]:
        if t.pos_ in ("NOUN", "PROPN") and not ctx.in_quote(t):
            while t.dep_ in ("compound", "amod", "nmod") and v.i > t.head.i > t.i:
                t = t.head
            return t
    return None


def find_speaker(v, ctx: Ctx, prev_speakers: dict[int, int], depth: int = 0):
    """The token naming v's source, following control/conjunction/participle paths."""
    s = own_subject(v, ctx)
    if s is not None:
        if s.dep_ == "expl" or s.lower_ in ("there", "it") and s.pos_ == "PRON" and v.lemma_ in ("allege", "report"):
            return None
        return s
    if any(c.dep_ == "nsubjpass" for c in v.children):
        return None
    if depth > 4:
        return None
    h = v.head
    if v.dep_ == "xcomp":
        gov = h.head if h.pos_ == "ADJ" and h.dep_ in ("acomp", "amod") else h
        objs = [c for c in gov.children if c.dep_ in ("dobj",) and c.i < v.i]
        if objs and gov.lemma_ not in ("promise",):  # object control: "prompted Rainsy to accuse"
            return objs[0]
        return find_speaker(gov, ctx, prev_speakers, depth + 1)
    if v.dep_ == "conj":
        # A conjoined cue with no subject shares its head's subject only if the
        # head is itself a cue; otherwise (sm misattachment) take the nearest
        # preceding cue's subject in the sentence.
        if ctx.is_cue(h):
            return find_speaker(h, ctx, prev_speakers, depth + 1)
        near = _nearest_prev(v, prev_speakers, ctx)
        if near is not None:
            return near
        return find_speaker(h, ctx, prev_speakers, depth + 1)
    if v.dep_ == "pcomp" and h.lower_ == "as" and h.head.lemma_.lower() in ctx.lex.source.quoted_verbs:
        # "He is quoted as saying ...": the passive subject of "quoted" speaks.
        sp = next((c for c in h.head.children if c.dep_ == "nsubjpass"), None)
        if sp is not None:
            return sp
    if v.dep_ == "advcl" and v.tag_ == "VBG":  # "..., saying ..."
        sp = next((c for c in h.children if c.dep_ == "nsubjpass"), None)
        if sp is not None and h.lemma_.lower() in ctx.lex.source.quoted_verbs:
            return sp  # "He is quoted as saying ..."
        return find_speaker(h, ctx, prev_speakers, depth + 1)
    if v.dep_ == "acl" and v.tag_ in ("VBG", "VBN"):  # "an image purporting to show"
        n = h
        while n.dep_ in ("pobj", "prep", "conj", "appos") and n.head.i != n.i:
            n = n.head
        if n.dep_ in ("dobj",) and n.head.pos_ in ("VERB", "AUX"):
            return find_speaker(n.head, ctx, prev_speakers, depth + 1)
        return None
    near = _nearest_prev(v, prev_speakers, ctx)
    if near is not None:
        return near
    return _stranded_subject(v)


def _stranded_subject(v):
    """A subject sm attached elsewhere: in "..., an anonymous blogger yesterday
    published documents" the blogger hangs off the preceding noun as an
    apposition and the verb has no subject. Take the noun right before the verb
    (skipping adverbs like "yesterday") when the verb is a clause head."""
    if v.dep_ not in ("ROOT", "conj") or v.i == 0:
        return None
    doc = v.doc
    j = v.i - 1
    while j >= v.sent.start and (doc[j].dep_ in ("npadvmod", "advmod", "aux", "neg") and doc[j].head.i == v.i):
        j -= 1
    if j < v.sent.start:
        return None
    t = doc[j]
    if t.pos_ in ("NOUN", "PROPN") and t.head.i < t.i and t.dep_ in ("appos", "pobj", "conj", "dobj"):
        return t
    return None


def _nearest_prev(v, prev_speakers, ctx):
    best = None
    for ci, sp in prev_speakers.items():
        if ci < v.i and ctx.sent_of[ci] == ctx.sent_of[v.i] and (best is None or ci > best[0]):
            best = (ci, sp)
    return ctx.doc[best[1]] if best else None


def speaker_span(tok) -> tuple[int, int]:
    """Token range of the noun phrase headed by tok, without comma-set appositions/relatives."""
    doc = tok.doc
    first, last = tok.left_edge.i, tok.i
    # Left side: drop leading punctuation and quote marks.
    appos_name = name_appos(tok)
    for c in tok.rights:
        prev = doc[c.left_edge.i - 1] if c.left_edge.i > 0 else None
        comma_set = prev is not None and prev.text in {",", "–", "—", "-", "("}
        if appos_name is not None and c.i == appos_name.i:
            last = c.right_edge.i
            continue
        if c.dep_ == "punct" and c.text in {",", "–", "—", "(", ":"}:
            if appos_name is not None and appos_name.i > c.i:
                continue  # the comma opening "..., Karine Jean-Pierre, said"
            break
        if comma_set and c.dep_ in ("appos", "relcl", "acl", "amod", "prep"):
            break
        if c.dep_ == "prep" and any(g.ent_type_ in ("DATE", "TIME") for g in c.children if g.dep_ == "pobj"):
            break  # "Kenya's ruling party on Monday rejected ...": the date is not the speaker
        last = c.right_edge.i
        if c.dep_ == "prep":
            # "The chief executive of Cloudline, a cloud storage company with
            # 40 million users, says": the comma-set apposition inside the
            # phrase describes the organisation, it is not part of the speaker.
            comma = next((j for j in range(c.i + 1, last + 1) if doc[j].text == ","), None)
            if comma is not None:
                last = comma - 1
                break
    # Never reach back over a line break, a dateline dash or a bracket
    # ("WASHINGTON (Reuters) - Senate leader X said").
    for j in range(tok.i - 1, first - 1, -1):
        w = doc[j]
        if w.is_space or "\n" in w.text or w.text in {"-", "–", "—", ")", ":", ";", "“", "\""}:
            first = j + 1
            break
    while first < last and (doc[first].is_punct or doc[first].is_space):
        first += 1
    while last > first and doc[last].is_punct and doc[last].text not in "”\"’":
        last -= 1
    return first, last


def name_appos(tok):
    """A proper-name apposition of a common-noun speaker: "A spokeswoman for the
    White House, Karine Jean-Pierre, said" -> the Karine Jean-Pierre token."""
    if tok.pos_ != "NOUN" and not (tok.pos_ in ("NUM", "PRON") and tok.lower_ == "one"):
        return None  # ("One of the three players, midfielder Artem Belov, wrote")
    for c in tok.rights:
        if c.dep_ == "appos" and c.pos_ == "PROPN":
            return c
    return None


def name_span(tok) -> tuple[int, int]:
    """The head token with its compound/flat name parts ("Sok Eysan", "Facebook user")."""
    first = tok.i
    for c in tok.lefts:
        if c.dep_ in ("compound", "flat") and c.i == first - 1:
            first = c.i
    return first, tok.i


def clause_range(tok, ctx: Ctx) -> tuple[int, int]:
    """Token range of a content clause: tok's subtree (cue_content extends it
    over conjoined subjectless verbs that continue it)."""
    return tok.left_edge.i, tok.right_edge.i


def clause_sentence(ctx: Ctx, sent, keep: list[int]) -> tuple[int, int]:
    """The statement's sentence, without coordinated independent clauses that hold
    none of its parts: in "Spokesmen ... called the leaks fabricated, and The Post
    was not able to verify ..." the second clause is not part of the denial."""
    root = sent.root
    start, end = sent.start, sent.end - 1
    hi = max(keep)
    for c in root.children:
        if c.dep_ == "conj" and any(g.dep_ in SUBJ + ("nsubjpass", "expl") for g in c.children):
            a, b = c.left_edge.i, c.right_edge.i
            if a > hi and b >= end - 1:
                j = a - 1
                while j > hi and (ctx.doc[j].dep_ in ("cc", "punct")):
                    j -= 1
                end = j
    if end < hi:
        end = sent.end - 1
    return ctx.doc[start].idx, ctx.doc[end].idx + len(ctx.doc[end].text)


# ------------------------------------------------------------------- content


def naming_predicate(v):
    """What a naming verb predicates of its object: oprd ("called X fabricated"),
    a subjectless ccomp/xcomp (sm's reading of the same), or "as ..." ("dismissed X as baseless")."""
    dobj = next((c for c in v.children if c.dep_ == "dobj"), None)
    if dobj is None:
        return None
    for c in v.children:
        if c.i <= dobj.i:
            continue
        if c.dep_ == "oprd":
            return c
        if c.dep_ in ("ccomp", "xcomp") and not any(g.dep_ in SUBJ + ("nsubjpass",) for g in c.children):
            return c
        if c.dep_ == "prep" and c.lower_ == "as":
            return c
        if c.dep_ == "advcl" and any(g.lower_ == "as" for g in c.children if g.dep_ == "mark"):
            return c
    # sm misattachment: 'described the suggestion that he had bought access as
    # "complete nonsense"' hangs "as ..." on the last word of the object clause.
    for w in dobj.subtree:
        if w.dep_ == "prep" and w.lower_ == "as" and w.i > dobj.i and w.right_edge.i == dobj.right_edge.i and w.head.i != dobj.i:
            return w
    return None


def _finite(v) -> bool:
    """A clause with a tense/modal or a 'that' complementiser."""
    return v.tag_ in ("VBD", "VBZ", "VBP", "MD") or any(
        c.dep_ in ("aux", "auxpass", "mark") for c in v.children
    )


def cue_content(v, ctx: Ctx):
    """(token range, rule suffix, obj token, denied noun) of what cue v reports, or None."""
    lex = ctx.lex
    lemma = v.lemma_.lower()
    kids = list(v.children)
    dobj = next((c for c in kids if c.dep_ == "dobj"), None)
    pred = naming_predicate(v) if lemma in lex.deny.naming_verbs else None
    if dobj is not None and pred is not None:
        # "called the leaks fabricated", "dismissed the claims as baseless"
        end = max(dobj.right_edge.i, pred.right_edge.i)
        noun = dobj if dobj.lemma_.lower() in lex.allegation.nouns else None
        return (dobj.left_edge.i, end), "naming", dobj, noun
    if lemma in lex.deny.plea_verbs:
        right = [c for c in kids if c.i > v.i and c.dep_ not in ("punct", "cc", "conj")]
        if right:  # "pleaded not guilty to charges of fraud"
            # "... to charges that he took $18,000": the charges are what the plea denies.
            noun = next(
                (o for c in right if c.dep_ == "prep" and c.lower_ == "to" for o in c.children
                 if o.dep_ == "pobj" and o.lemma_.lower() in lex.allegation.nouns),
                None,
            )
            return (right[0].left_edge.i, max(c.right_edge.i for c in right)), "plea", None, noun
        return None
    for c in kids:
        if c.dep_ == "ccomp" and lemma in lex.speech.evidence_verbs and not _finite(c):
            continue  # "found the car abandoned": a perception, not a report
        if c.dep_ == "ccomp" and c.i > v.i or c.dep_ == "ccomp" and not ctx.in_quote(c):
            first, last = clause_range(c, ctx)
            # Extend over a subjectless conjunct of the cue that carries on the
            # reported clause ("said X, but relied on Y").
            for d in kids:
                if d.dep_ == "conj" and d.i > last and not ctx.is_cue(d) and own_subject(d) is None:
                    last = d.right_edge.i
            return (first, last), "ccomp", None, None
    if lemma == "call":
        # "called for an inquiry" / "called on the government to resign"
        for c in kids:
            if c.dep_ == "prep" and c.lower_ == "for" and c.i == v.i + 1:
                return (c.i + 1, c.right_edge.i), "call-for", None, None
            if c.dep_ == "prep" and c.lower_ == "on" and c.i == v.i + 1:
                x = next((g for g in kids if g.dep_ in ("xcomp", "advcl") and g.i > c.i), None)
                if x is not None:
                    return (c.i + 1, x.right_edge.i), "call-on", None, None
    if lemma in lex.speech.xcomp_content:
        # "vowed to fight on", "urged voters to stay home"
        x = next((c for c in kids if c.dep_ == "xcomp" and c.i > v.i and any(a.lower_ == "to" for a in c.children)), None)
        if x is not None:
            first = dobj.left_edge.i if dobj is not None and dobj.i < x.i else x.left_edge.i
            return (first, x.right_edge.i), "xcomp", None, None
    if lemma in lex.speech.expression_verbs and dobj is not None:
        cl = next((c for c in dobj.children if c.dep_ in ("acl", "ccomp", "relcl") and any(m.dep_ == "mark" for m in c.children)), None)
        if cl is not None:  # "expressed concern that ..."
            return (dobj.left_edge.i, cl.right_edge.i), "expressed", None, None
    if lemma in lex.deny.naming_verbs and lemma not in lex.deny.claim_object_verbs:
        return None  # "described the scene": not a statement
    if lemma in lex.allegation.accusation_verbs and dobj is not None:
        of = next((c for c in kids if c.dep_ == "prep" and c.lower_ in ("of", "for")), None)
        if of is None:
            of = next((c for c in dobj.children if c.dep_ == "prep" and c.lower_ in ("of", "for")), None)
        if of is not None or lemma != "charge":
            end = max(dobj.right_edge.i, of.right_edge.i if of is not None else dobj.right_edge.i)
            return (dobj.left_edge.i, end), "accuse-of", dobj, None
    subjpass0 = next((c for c in kids if c.dep_ == "nsubjpass"), None)
    if lemma in lex.allegation.accusation_verbs and dobj is None and subjpass0 is not None and lemma != "charge":
        # "Smith was accused of embezzlement (by rivals)": the accused is the subject.
        of = next((c for c in kids if c.dep_ == "prep" and c.lower_ in ("of", "for")), None)
        if of is not None:
            return (subjpass0.left_edge.i, of.right_edge.i), "accuse-passive", subjpass0, None
    # "claimed to have", "purporting to show" (sm often parses the infinitive as advcl).
    xcomp = next((c for c in kids if c.dep_ == "xcomp" and c.i > v.i), None)
    if xcomp is None and lemma in lex.allegation.verbs:
        xcomp = next((c for c in kids if c.dep_ == "advcl" and c.i > v.i and any(a.lower_ == "to" for a in c.children)), None)
    if xcomp is not None and lemma in lex.allegation.verbs | lex.claim.verbs:
        last = xcomp.right_edge.i
        if v.dep_ == "acl":
            # "an email purporting to be from X ..., to Y discussing Z": sm cuts the
            # infinitive short; the purported content runs to the end of the clause
            # that governs the document noun.
            gov = v.head
            while gov.dep_ in ("pobj", "prep", "dobj", "conj", "appos") and gov.head.i != gov.i:
                gov = gov.head
            last = max(last, min(gov.right_edge.i, v.sent.end - 1))
        elif lemma == "purport":
            # "purports to show X, instructing officials to ...": sm hangs the
            # rest of what is shown on the cue; it runs to the cue's clause end.
            last = max(last, v.right_edge.i)
            while last > xcomp.i and v.doc[last].is_punct:
                last -= 1
        obj = None
        if lemma == "purport":
            shown = xcomp
            obj = next((c for c in shown.children if c.dep_ == "dobj"), None)
        return (xcomp.left_edge.i, last), "xcomp", obj, None
    if dobj is not None and not ctx.in_quote(dobj):
        claimish = dobj.lemma_.lower() in lex.speech.claim_nouns
        if lemma in lex.deny.echo_verbs:
            return (dobj.left_edge.i, dobj.right_edge.i), "echo", dobj, None
        if (claimish and lemma in lex.speech.claim_object_ok) or lemma not in lex.speech.clause_only:
            if lemma in lex.deny.naming_verbs and not (claimish and lemma in lex.deny.claim_object_verbs):
                return None
            return (dobj.left_edge.i, dobj.right_edge.i), "dobj", None, dobj if claimish else None
    for c in kids:
        # "said in a statement that ...": sm hangs the clause on the noun.
        if c.dep_ == "prep" and c.i > v.i:
            for n in c.children:
                if n.dep_ == "pobj":
                    for cl in n.children:
                        if cl.dep_ in ("acl", "relcl", "ccomp") and any(
                            m.dep_ == "mark" and m.lower_ == "that" for m in cl.children
                        ):
                            return (cl.left_edge.i, cl.right_edge.i), "ccomp-via-noun", None, None
    if lemma in lex.falsity.innocence_verbs:
        # "insisted on his innocence": the claim sits in an on/in phrase.
        for c in kids:
            if c.dep_ == "prep" and c.lower_ in ("on", "in") and c.i > v.i and any(
                o.dep_ == "pobj" and o.lemma_.lower() in lex.falsity.innocence_nouns for o in c.children
            ):
                return (c.i + 1, c.right_edge.i), "innocence", None, None
    subjpass = next((c for c in kids if c.dep_ == "nsubjpass"), None)
    if subjpass is not None and lemma in lex.deny.default_verbs | lex.deny.claim_object_verbs and dobj is None:
        # "The allegations were denied by the senator's office."
        return (subjpass.left_edge.i, subjpass.right_edge.i), "passive", None, subjpass
    if v.dep_ == "parataxis" and not ctx.in_quote(v.head):
        # "Among the topics ..., Goepel said, was how ...": the host clause is the content.
        h = v.head
        return (h.left_edge.i, h.right_edge.i), "parataxis", None, None
    if lemma in lex.deny.default_verbs and dobj is None:
        # "denied using city vehicles for campaign events", "denied writing it"
        g = next((c for c in kids if c.dep_ in ("xcomp", "advcl", "ccomp") and c.tag_ == "VBG" and c.i > v.i), None)
        if g is not None:
            return (g.left_edge.i, g.right_edge.i), "gerund", None, None
    if lemma in lex.deny.default_verbs and dobj is None and not any(c.dep_ == "nsubjpass" for c in kids):
        # "The senator denied." / "He denied it" with pronoun obj parsed oddly.
        return (v.i, v.i), "bare", None, None
    return None


# ----------------------------------------------------------------- mechanisms


def quote_cands(ctx: Ctx) -> list[Cand]:
    """Direct quotes and their reporting verbs."""
    doc = ctx.doc
    out: list[Cand] = []
    starts = ctx.starts
    for q in ctx.quotes:
        a = bisect.bisect_left(starts, q.start)
        b = bisect.bisect_left(starts, q.end) - 1
        if a >= len(doc) or b < a:
            continue
        if _quoted_name(doc, a, b, ctx):
            continue
        s1, s2 = ctx.sent_of[a], ctx.sent_of[b]
        cue, rule = None, None
        cands = []
        # "The ministry said:\n\n“We reject ...”": a colon right before the
        # quote introduces it, even across a paragraph break.
        j = a - 1
        while j >= 0 and (doc[j].is_space or doc[j].text in "“\"‘"):
            j -= 1
        if j >= 0 and doc[j].text == ":":
            for t in ctx.cue_like_tokens(ctx.sents[ctx.sent_of[j]]):
                if t.i < j and ctx.is_cue(t) and not ctx.in_quote(t) and t.i not in ctx.used and not negated(t):
                    cue, rule = t.i, "quote-said-before-colon"
        p_lo, p_hi = ctx.para(q.outer_start), ctx.para(max(q.start, q.end - 1))
        for k in sorted({s1, s2}):
            for t in ctx.cue_like_tokens(ctx.sents[k]):
                # The reporting verb sits in the quote's paragraph (sm may run a
                # sentence across a paragraph break after a closing quote).
                if not (p_lo <= ctx.para(t.idx) <= p_hi):
                    continue
                if ctx.is_cue(t) and not ctx.in_quote(t) and not negated(t) and t.i not in ctx.used:
                    d = a - t.i if t.i < a else t.i - b
                    cands.append((d, 0 if t.i > b else 1, t.i))
        if cue is None and _embedded_in_cue_argument(doc, a, b, s1, ctx):
            # 'He accuses the mayor of “looking the other way ...” and says the
            # council should ...': the quote is part of the accusation's own
            # argument; the accuse-of cue reports it (cue_cands), and the later
            # "says" keeps its own clause.
            continue
        if cue is None and cands:
            cands = [x for x in cands if not _has_own_clause_away_from(doc[x[2]], a, b, ctx)] or cands
            cands.sort()
            cue, rule = cands[0][2], "quote-said-" + ("after" if cands[0][2] > b else "before")
        elif cue is None and s2 + 1 < len(ctx.sents) and not q.runs_on:
            nxt = ctx.sents[s2 + 1]
            for t in list(nxt)[:5]:
                if ctx.para(t.idx) != p_hi:
                    break
                # Only a bare reporting clause ("he said.", "said Smith on Monday.")
                # can belong to the preceding quote; "Prices continued to rise" cannot.
                bare = not any(c.dep_ in ("ccomp", "xcomp", "dobj", "advcl") for c in t.children)
                if ctx.is_cue(t) and bare and not ctx.in_quote(t) and own_subject(t, ctx) is not None and len(nxt) <= 12:
                    cue, rule = t.i, "quote-said-next"
                    break
        if cue is None and s1 > 0:
            prv = ctx.sents[s1 - 1]
            last = prv[-1] if len(prv) else None
            if last is not None and last.text == ":":
                for t in ctx.cue_like_tokens(prv):
                    if ctx.is_cue(t) and not ctx.in_quote(t):
                        cue, rule = t.i, "quote-said-before-colon"
        # Clamp to the quote's paragraphs: sm may run a sentence over a paragraph break.
        p_end = ctx.para_starts[p_hi + 1] - 2 if p_hi + 1 < len(ctx.para_starts) else len(ctx.text)
        sent = (max(ctx.sents[s1].start_char, ctx.para_starts[p_lo]), max(min(ctx.sents[s2].end_char, p_end), q.outer_end))
        if cue is None and any(
            t.lower_ == "according" and t.i + 1 < len(doc) and doc[t.i + 1].lower_ == "to" and not ctx.in_quote(t)
            for k in sorted({s1, s2})
            for t in ctx.sents[k]
        ):
            continue  # “...,” according to X: the according-to statement covers it
        if cue is not None:
            ctx.used.add(cue)
            t = doc[cue]
            sp = find_speaker(t, ctx, {})
            sent = (min(sent[0], ctx.sents[ctx.sent_of[cue]].start_char), max(sent[1], ctx.sents[ctx.sent_of[cue]].end_char))
            sent = (sent[0], max(min(sent[1], p_end), q.outer_end, t.idx + len(t.text)))
            c = Cand(rule, cue, sp.i if sp is not None else None, (a, b), sent, (q.start, q.end), quote=True)
            # Mixed quote: "Cruz said the ruling was “an outrage.”" -- the cue
            # reports its own clause, of which the quote is only the end.
            cc = next((k for k in t.children if k.dep_ == "ccomp"), None)
            last_word = max((i for i in range(a, b + 1) if not doc[i].is_punct), default=b)
            pred = naming_predicate(t) if t.lemma_.lower() in ctx.lex.deny.naming_verbs else None
            if pred is not None and pred.left_edge.i <= a and pred.right_edge.i >= last_word and t.i < a:
                # 'described the suggestion that he had bought access as “complete
                # nonsense.”': the quote is only the verdict of the naming verb.
                cont = cue_content(t, ctx)
                if cont is not None and cont[1] == "naming":
                    (f, l), _, obj, noun = cont
                    c.content, c.content_chars, c.quote, c.rule = (f, l), None, False, "quote-mixed-naming"
                    c.obj = obj.i if obj is not None else None
                    c.denied_noun = noun.i if noun is not None else None
                    out.append(c)
                    continue
            if (
                cc is not None
                and cc.left_edge.i < a - 1
                and cc.right_edge.i >= last_word
                and not ctx.in_quote(cc.left_edge)
                and ctx.para(cc.left_edge.idx) == p_lo
                # the clause starts outside the quote: its head, or its subject
                # ('wrote that the government had “abandoned the countryside.”')
                and (cc.i < a or any(g.dep_ in ("nsubj", "nsubjpass") and g.i < a - 1 for g in cc.children))
            ):
                c.content = (cc.left_edge.i, cc.right_edge.i)
                c.content_chars = None
                c.quote = False
                c.rule = "quote-mixed"
            out.append(c)
        else:
            out.append(Cand("quote-continued", None, None, (a, b), sent, (q.start, q.end), quote=True, inherit=True))
    return out


def _embedded_in_cue_argument(doc, a: int, b: int, s1: int, ctx: Ctx) -> bool:
    """Is the quote (tokens a..b) inside a non-clausal argument of a cue that
    precedes it in the same sentence ('accuses the mayor of “looking the other
    way ...”', 'blamed the delay on “a culture of secrecy in the ministry”')?
    Such a mixed quote is part of that cue's indirect statement. Clausal
    complements (ccomp) are left to the quote-mixed rule."""
    last_word = max((i for i in range(a, b + 1) if not doc[i].is_punct), default=b)
    for t in ctx.sents[s1]:
        if t.i >= a:
            break
        if ctx.in_quote(t) or not ctx.is_cue(t) or negated(t) or t.i in ctx.used:
            continue
        if t.lemma_.lower() not in ctx.lex.speech.argument_cues:
            continue
        for c in t.children:
            if c.dep_ in SUBJ + ("punct", "ccomp", "conj", "cc", "advcl", "parataxis") or c.i >= a:
                continue
            if c.right_edge.i >= last_word and c.left_edge.i < a:
                return True
    return False


def _has_own_clause_away_from(t, a: int, b: int, ctx: Ctx) -> bool:
    """A cue after the quote whose own clausal complement follows it ("... and
    says the council should freeze all payments") reports that clause, not the quote."""
    if t.i <= b:
        return False
    return any(c.dep_ == "ccomp" and c.left_edge.i > t.i and not ctx.in_quote(c) for c in t.children)


def _quoted_name(doc, a: int, b: int, ctx: Ctx) -> bool:
    """A short quote that is a *name* in the writer's sentence, not an utterance:
    'an account calling itself "PeachLeaks,"', 'a page called "Cedar Falls Truth,"'.
    Its words hang as an object/predicate/apposition off a word outside the quote."""
    words = [t for t in doc[a : b + 1] if not t.is_punct]
    if not words or len(words) >= ctx.lex.quotes.min_words:
        return False
    roots = [t for t in words if not (a <= t.head.i <= b) or t.head.i == t.i]
    return bool(roots) and all(
        r.dep_ in ("oprd", "dobj", "pobj", "appos", "attr", "compound", "npadvmod") and r.head.i != r.i
        and r.pos_ == "PROPN"
        for r in roots
    )


def _anonymity_request(t, ctx: Ctx) -> bool:
    """'who asked not to be named', 'declined to be identified', 'spoke on
    condition of anonymity': a request for anonymity, not a statement."""
    lex = ctx.lex.anonymity
    for c in t.children:
        if c.dep_ in ("xcomp", "ccomp") and c.lemma_.lower() in lex.passive_complements and any(
            g.dep_ == "auxpass" for g in c.children
        ):
            return True
    # (the six tokens after t that are in its subtree; walking the whole subtree is the slow way)
    return any(w.lemma_.lower() in lex.nouns and t.is_ancestor(w) for w in t.doc[t.i + 1 : t.i + 7])


def _under_seeming(t, ctx: Ctx) -> bool:
    """Is cue t inside what a document purports/appears to show ("purports to
    show X instructing officials to ...")? Then it is the document's content,
    not a statement of its own."""
    gov = ctx.lex.allegation.seeming_governors
    h, depth = t, 0
    while h.head.i != h.i and depth < 6:
        h = h.head
        depth += 1
        if h.lemma_.lower() in gov:
            return True
    return False


def publisher(tok, ctx: Ctx):
    """Who released a document: 'The memo, which was posted online by an anonymous
    account ...' -> the account; 'messages obtained by the Guardian' -> the Guardian.
    None when tok is not a document noun or names no publisher."""
    lex = ctx.lex.allegation
    if tok is None or tok.lemma_.lower() not in lex.document_nouns:
        return None
    for c in tok.children:
        if c.dep_ in ("relcl", "acl") and c.lemma_.lower() in lex.release_verbs:
            for g in c.children:
                if g.dep_ == "agent":
                    for o in g.children:
                        if o.dep_ == "pobj":
                            return o
    return None


def _seeming_cand(t, ctx: Ctx, sent) -> Cand | None:
    """'a memo that appeared to show his office pressuring officials', 'a voice
    ... appeared to say that she wanted ...': a hedged allegation by the document
    (or whoever released it), never a statement by the person it shows."""
    gov = t.head
    subj = next((c for c in gov.children if c.dep_ in ("nsubj", "nsubjpass")), None)
    if gov.dep_ == "relcl" and (subj is None or subj.lower_ in WH):
        subj = gov.head  # "a memo that appeared to show ..."
    first = t.i + 1
    last = t.right_edge.i
    while last > first and ctx.doc[last].is_punct:
        last -= 1
    if last < first:
        return None
    sp = publisher(subj, ctx) if subj is not None else None
    obj = next((c for c in t.children if c.dep_ in ("dobj", "nsubj")), None)
    if obj is None:
        cc = next((c for c in t.children if c.dep_ == "ccomp"), None)
        obj = next((c for c in cc.children if c.dep_ in ("nsubj", "nsubjpass")), None) if cc is not None else None
    ctx.used.add(t.i)
    return Cand(
        f"seeming-{gov.lemma_.lower()}-{t.lemma_.lower()}", t.i, sp.i if sp is not None else None, (first, last),
        (sent.start_char, sent.end_char), kind="allegation", obj=obj.i if obj is not None else None,
    )


def _relative_denial(t, ctx: Ctx, sent) -> Cand | None:
    """'..., a finding the company's chief executive rejected': the denial verb
    sits in a relative clause on the claim it rejects."""
    lex = ctx.lex
    n = t.head
    nouns = lex.speech.claim_nouns | lex.allegation.nouns
    if any(c.dep_ == "dobj" for c in t.children) or (n.lemma_.lower() not in nouns and n.lower_ not in nouns):
        return None
    if t.lemma_.lower() in lex.deny.naming_verbs and t.lemma_.lower() not in lex.deny.claim_object_verbs:
        # 'an allegation his lawyers called "entirely false"': only a falsity verdict denies.
        words = lex.falsity.words
        pred = [c for c in t.children if c.dep_ in ("oprd", "xcomp", "ccomp", "acomp")]
        if not any(w.lemma_.lower() in words or w.lower_ in words for c in pred for w in c.subtree):
            return None
    sp = own_subject(t, ctx)
    if sp is None or sp.lower_ in WH:
        return None
    ctx.used.add(t.i)
    first = n.left_edge.i
    return Cand(f"cue-{t.lemma_.lower()}-relcl", t.i, sp.i, (first, n.i), (sent.start_char, sent.end_char), kind="denial", denied_noun=n.i)


def _purport_fallback(t, ctx: Ctx, sent) -> Cand | None:
    """'The messages, obtained by the Guardian, purport to show X telling Y ...'
    when sm reads "purport" as a noun: the surface pattern purport + to + verb.
    The document (the noun it hangs on, or the subject) is the source, its
    publisher the claimant; what is shown runs to the sentence end."""
    doc = ctx.doc
    if t.i + 2 >= len(doc) or doc[t.i + 1].lower_ != "to" or doc[t.i + 2].pos_ not in ("VERB", "AUX"):
        return None
    v = doc[t.i + 2]
    src = t.head if t.dep_ in ("appos", "conj", "compound") else next((c for c in t.children if c.dep_ == "nsubj"), None)
    sp = publisher(src, ctx) if src is not None else None
    first, last = t.i + 1, sent.end - 1
    while last > first and doc[last].is_punct:
        last -= 1
    obj = next((c for c in v.children if c.dep_ == "dobj"), None)
    ctx.used.add(t.i)
    ctx.used.add(v.i)
    return Cand(
        "purport-surface", t.i, sp.i if sp is not None else (src.i if src is not None else None), (first, last),
        (sent.start_char, sent.end_char), kind="allegation", obj=obj.i if obj is not None else None,
    )


def _document_cand(t, ctx: Ctx, sent) -> Cand | None:
    """'researchers ... published a report linking the accounts to a consultancy
    hired by his re-election team': the publisher alleges what the document shows."""
    lex = ctx.lex.allegation
    for d in t.children:
        if d.dep_ != "dobj" or d.lemma_.lower() not in lex.document_nouns:
            continue
        acl = next(
            (c for c in d.children if c.dep_ in ("acl", "relcl") and c.lemma_.lower() in lex.document_acl_verbs and c.tag_ in ("VBG", "VBZ", "VBD")),
            None,
        )
        if acl is None:
            continue
        sp = own_subject(t, ctx)
        if sp is None:
            return None
        ctx.used.add(t.i)
        ctx.used.add(acl.i)
        obj = next((c for c in acl.children if c.dep_ == "dobj"), None)
        return Cand(
            f"document-{acl.lemma_.lower()}", t.i, sp.i, (acl.i, acl.right_edge.i), (sent.start_char, sent.end_char),
            kind="allegation", obj=obj.i if obj is not None else None,
        )
    return None


def cue_cands(ctx: Ctx) -> list[Cand]:
    """Indirect speech from cue verbs, 'according to', denial nouns and refusals."""
    doc = ctx.doc
    lex = ctx.lex
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
            lemma = t.lemma_.lower()
            low = t.lower_
            if low == "according" and t.i + 1 < len(doc) and doc[t.i + 1].lower_ == "to":
                c = _according(t, ctx)
                if c:
                    out.append(c)
                continue
            if t.pos_ == "NOUN" and lemma in lex.deny.nouns:
                c = _noun_denial(t, ctx)
                if c:
                    out.append(c)
                continue
            if t.pos_ == "NOUN" and lemma in lex.allegation.nouns and not (t.dep_ == "dobj" and ctx.is_cue(t.head)):
                c = _noun_allegation(t, ctx)
                if c:
                    out.append(c)
                continue
            if lemma == "purport" and t.pos_ != "VERB" and not ctx.is_cue(t):
                c = _purport_fallback(t, ctx, sent)
                if c:
                    out.append(c)
                continue
            if lemma in lex.allegation.release_verbs and t.pos_ == "VERB":
                c = _document_cand(t, ctx, sent)
                if c:
                    out.append(c)
                    continue
            if not ctx.is_cue(t):
                continue
            if _anonymity_request(t, ctx):
                continue  # "who asked not to be named", "declined to be identified"
            if t.dep_ == "xcomp" and t.head.lemma_.lower() in lex.allegation.seeming_governors and t.head.lemma_.lower() != "purport":
                c = _seeming_cand(t, ctx, sent)
                if c:
                    out.append(c)
                continue
            if lemma not in lex.allegation.seeming_governors and _under_seeming(t, ctx):
                continue  # "purports to show X instructing officials": the document's content
            if lemma in lex.deny.naming_verbs and any(
                c.dep_ == "dobj" and c.lower_ in ("itself", "himself", "herself", "themselves") for c in t.children
            ):
                continue  # "an account calling itself X": a name, not a verdict
            if t.dep_ == "relcl" and (lemma in lex.deny.default_verbs or lemma in lex.deny.claim_object_verbs or lemma in lex.deny.naming_verbs) and not negated(t):
                c = _relative_denial(t, ctx, sent)
                if c:
                    out.append(c)
                    continue
            if lemma in lex.refusal.governors:
                c = _refusal(t, ctx, speakers)
                if c:
                    out.append(c)
                continue
            if lemma in lex.refusal.no_response_verbs and negated(t):
                c = _no_response(t, ctx, speakers)
                if c:
                    out.append(c)
                continue
            if lemma in lex.refusal.speech_complements or t.dep_ == "xcomp":
                c = _negated_refusal(t, ctx, speakers)
                if c:
                    out.append(c)
                    continue
            if negated(t):
                continue  # "did not deny", "did not say": no statement made
            if t.dep_ in ("xcomp", "advcl") and ctx.is_cue(t.head) and any(a.lower_ == "to" for a in t.children):
                continue  # "purporting to show", "claimed to reveal": content of the governing cue
            if t.dep_ == "xcomp" and t.head.lemma_.lower() in lex.negation.cancelling_governors:
                continue  # "failed to deny" (refuse/decline handled as refusals)
            cont = cue_content(t, ctx)
            if cont is None:
                # "X echoed Y, saying ...": the participle carries the content.
                continue
            (first, last), how, obj, noun = cont
            if lemma in lex.allegation.accusation_verbs or lemma in lex.allegation.verbs or lemma in lex.allegation.suspicion_verbs:
                obj = _relative_antecedent(t, obj)
            if how == "echo":
                saying = next((c for c in t.children if c.dep_ == "advcl" and ctx.is_cue(c)), None)
                if saying is not None:
                    sc = cue_content(saying, ctx)
                    if sc is not None:
                        (first, last) = sc[0]
                        ctx.used.add(saying.i)
            if how == "bare" and own_subject(t) is None:
                continue
            sp = find_speaker(t, ctx, speakers)
            pub = publisher(sp, ctx) if lemma in lex.allegation.verbs else None
            if pub is not None:
                sp = pub  # "The memo, which was posted by X, purports to show ...": X alleges
            if sp is not None:
                speakers[t.i] = sp.i
            if sp is None and lemma not in lex.allegation.verbs and how != "accuse-passive":
                continue  # (an unattributed "X is suspected of Y" is an allegation all the same)
            if sp is not None and sp.i >= first and sp.i <= last and how != "parataxis":
                continue  # subject inside its own content: a parse knot, skip
            ctx.used.add(t.i)
            out.append(
                Cand(
                    f"cue-{lemma}-{how}",
                    t.i,
                    sp.i if sp is not None else None,
                    (first, last),
                    clause_sentence(ctx, sent, [t.i, first, last] + ([sp.i] if sp is not None else [])),
                    obj=obj.i if obj is not None else None,
                    denied_noun=noun.i if noun is not None else None,
                )
            )
    return out


def _according(t, ctx: Ctx) -> Cand | None:
    to = ctx.doc[t.i + 1]
    src = next((c for c in to.children if c.dep_ == "pobj"), None)
    if src is None:
        return None
    host = t.head
    sent = ctx.sents[ctx.sent_of[t.i]]
    if host.i == t.i or ctx.sent_of[host.i] != ctx.sent_of[t.i]:
        host = sent.root
    if host.i != t.i and ctx.is_cue(host) and own_subject(host, ctx) is not None and not negated(host):
        # "Benning has pleaded guilty to one count, according to court records":
        # the host clause is its subject's own statement (the cue makes it);
        # the records are only where the writer found it.
        return None
    first, last = host.left_edge.i, host.right_edge.i
    if t.i > host.i:  # trailing "..., according to X."
        last = t.i - 1
    else:  # leading "According to X, ..."
        first = to.right_edge.i + 1
    if last < first:
        return None
    ctx.used.add(t.i)
    return Cand("according-to", t.i, src.i, (first, last), (sent.start_char, sent.end_char))


def _noun_denial(n, ctx: Ctx) -> Cand | None:
    """'public denials by Hun Sen that his team bought likes', 'X's denial that ...'."""
    doc = ctx.doc
    sp = next((c for c in n.children if c.dep_ == "poss"), None)
    by = next((c for c in n.children if c.dep_ == "prep" and c.lower_ == "by"), None)
    if by is None and n.i + 1 < len(doc) and doc[n.i + 1].lower_ == "by":
        by = doc[n.i + 1]  # sm often hangs "by X" on the verb governing the noun
    if by is not None:
        sp = next((c for c in by.children if c.dep_ == "pobj"), sp)
    content = next((c for c in n.children if c.dep_ in ("acl", "ccomp", "relcl")), None)
    if content is None:
        # "... denials by X that ..." with the clause attached to the governing verb.
        content = next(
            (c for c in n.head.children if c.dep_ == "ccomp" and c.i > n.i and any(m.dep_ == "mark" for m in c.children)),
            None,
        )
    if sp is None or content is None:
        return None
    sent = ctx.sents[ctx.sent_of[n.i]]
    return Cand("noun-denial", n.i, sp.i, (content.left_edge.i, content.right_edge.i), (sent.start_char, sent.end_char), kind="denial")


def proposition_clause(n):
    """The clause a claim noun introduces: "allegations (that) the premier had
    paid ...", "his accusations Hun Sen's team had bolstered ..."; a participle
    describing the noun ("allegations first reported by X") is not one."""
    for c in n.children:
        if c.dep_ in ("relcl", "acl", "ccomp") and c.i > n.i:
            if any(g.dep_ == "mark" for g in c.children):
                return c
            subj = [g for g in c.children if g.dep_ in ("nsubj", "nsubjpass")]
            if subj and subj[0].lower_ not in WH:
                return c
    return None


def _noun_allegation(n, ctx: Ctx) -> Cand | None:
    """'his accusations that ...', 'allegations by X that ...', 'X's claim that ...'
    with a named claimant. (Unattributed ones are only taken from denials.)"""
    doc = ctx.doc
    sp = next((c for c in n.children if c.dep_ == "poss"), None)
    by = next((c for c in n.children if c.dep_ == "prep" and c.lower_ in ("by", "from")), None)
    if by is not None:
        sp = next((c for c in by.children if c.dep_ == "pobj"), sp)
    if sp is None and n.dep_ == "dobj" and n.head.lemma_.lower() in ctx.lex.allegation.light_verbs:
        sp = own_subject(n.head, ctx)  # "X made/levelled allegations that ..."
    clause = proposition_clause(n)
    concessive = n.dep_ == "pobj" and n.head.lower_ in ctx.lex.allegation.concessive_preps
    received = sp is None and n.dep_ == "dobj" and n.head.lemma_.lower() in ctx.lex.allegation.reception_verbs and not negated(n.head)
    if (sp is None and not concessive and not received) or clause is None:
        return None
    first = clause.left_edge.i
    while first < clause.right_edge.i and doc[first].dep_ == "mark":
        first += 1
    sent = ctx.sents[ctx.sent_of[n.i]]
    kind = "allegation" if n.lemma_.lower() not in ("claim", "assertion", "suggestion") or concessive or received else None
    # ("says hackers did not steal any files, despite claims by a ransomware
    # group that it had copied 600 gigabytes": what is said *despite* the
    # claims contradicts them, so the claims are an allegation.)
    return Cand("noun-allegation", n.i, sp.i if sp is not None else None, (first, clause.right_edge.i), (sent.start_char, sent.end_char), kind=kind)


def _refusal(t, ctx: Ctx, speakers) -> Cand | None:
    lex = ctx.lex
    x = next((c for c in t.children if c.dep_ == "xcomp"), None)
    if x is None or x.lemma_.lower() not in lex.refusal.speech_complements:
        return None
    ctx.used.add(x.i)
    for c in x.children:
        if c.dep_ == "conj":
            ctx.used.add(c.i)  # "confirm or deny"
    sp = find_speaker(t, ctx, speakers)
    if sp is None:
        return None
    speakers[t.i] = sp.i
    sent = ctx.sents[ctx.sent_of[t.i]]
    ctx.used.add(t.i)
    return Cand("refusal-" + t.lemma_.lower(), t.i, sp.i, (x.left_edge.i, x.right_edge.i), (sent.start_char, sent.end_char), kind="refusal")


def _negated_refusal(t, ctx: Ctx, speakers) -> Cand | None:
    """'would not comment on the case', 'did not want to comment', 'was unable
    to comment', 'would not say whether ...': the speaker withholds a statement
    (a refusal, never a denial). Plain "did not deny" / "did not say" report no
    statement at all and stay out."""
    lex = ctx.lex.refusal
    lemma = t.lemma_.lower()
    if lemma not in lex.speech_complements:
        return None
    h = t.head
    src = None
    if negated(t):
        modal = any(c.dep_ == "aux" and c.lower_ in lex.unwilling_modals for c in t.children)
        if modal or lemma in lex.comment_verbs:
            src = t
    elif t.dep_ == "xcomp" and h.lemma_.lower() in lex.negated_governors and (
        negated(h) or h.pos_ == "ADJ" and h.head.i != h.i and negated(h.head)
    ):
        src = h  # "did not want to comment", "was not able to comment"
        if h.pos_ == "ADJ" and h.dep_ in ("acomp", "amod") and h.head.i != h.i:
            src = h.head
    elif t.dep_ == "xcomp" and h.lemma_.lower() in lex.unable_words:
        src = h  # "was unable to comment", "was unwilling to discuss"
        if h.pos_ == "ADJ" and h.dep_ in ("acomp", "amod") and h.head.i != h.i:
            src = h.head
    if src is None:
        return None
    h, depth = src, 0
    while h.head.i != h.i and depth < 3:
        if h.dep_ == "ccomp" and ctx.is_cue(h.head):
            return None  # "Police said they could not comment": the report of it is the statement
        h, depth = h.head, depth + 1
    sp = find_speaker(src, ctx, speakers)
    if sp is None or sp.lower_ in WH:
        return None
    speakers[t.i] = sp.i
    kids = [c for c in t.children if c.dep_ in ("prep", "dobj", "ccomp", "xcomp")]
    first = min([c.left_edge.i for c in kids] + [t.i])
    last = max([c.right_edge.i for c in kids] + [t.i])
    sent = ctx.sents[ctx.sent_of[t.i]]
    ctx.used.add(t.i)
    return Cand("refusal-negated", t.i, sp.i, (first, last), (sent.start_char, sent.end_char), kind="refusal")


def _no_response(t, ctx: Ctx, speakers) -> Cand | None:
    lex = ctx.lex
    words = {d.lemma_.lower() for c in t.children for d in c.subtree}
    if not words & lex.refusal.no_response_objects:
        return None
    sp = find_speaker(t, ctx, speakers)
    if sp is None:
        return None
    sent = ctx.sents[ctx.sent_of[t.i]]
    kids = [c for c in t.children if c.dep_ in ("prep", "dobj")]
    first = min([c.left_edge.i for c in kids] + [t.i])
    last = max([c.right_edge.i for c in kids] + [t.i])
    ctx.used.add(t.i)
    return Cand("refusal-no-response", t.i, sp.i, (first, last), (sent.start_char, sent.end_char), kind="refusal")


NESTED_PRONOUNS = {"he", "she", "it", "they"}


def merge_nested(cands: list[Cand], doc, ctx: Ctx) -> list[Cand]:
    """'Redline said in an email that it "categorically rejects" the report's
    conclusions': the embedded stance cue (reject/deny/confirm/allege ...) whose
    subject is a pronoun is the outer speaker's own act. One statement results:
    the inner one (it knows what is rejected) with the outer speaker
    (rule suffix ``+nested``); the outer report of it is dropped."""
    lex = ctx.lex
    stance = lex.deny.default_verbs | lex.deny.claim_object_verbs | lex.confirm.verbs | lex.allegation.verbs | lex.deny.naming_verbs
    by_cue = {c.cue: c for c in cands if c.cue is not None and c.speaker is not None}
    drop: set[int] = set()
    for c in cands:
        if c.cue is None or c.speaker is None or not c.rule.startswith("cue-"):
            continue
        subj = doc[c.speaker]
        client = subj.lemma_.lower() in lex.source.client_nouns and any(
            g.dep_ == "poss" and g.pos_ == "PRON" for g in subj.children
        )  # "Grant's lawyers said ... that their client denied any wrongdoing"
        if (subj.lower_ not in NESTED_PRONOUNS and not client) or doc[c.cue].lemma_.lower() not in stance:
            continue
        if doc[c.cue].lemma_.lower() in lex.deny.naming_verbs and "naming" not in c.rule and doc[c.cue].lemma_.lower() not in lex.deny.claim_object_verbs:
            continue  # "called for peaceful protests": a call, not a verdict
        h, depth = doc[c.cue], 0
        while h.head.i != h.i and depth < 4:
            h = h.head
            depth += 1
            o = by_cue.get(h.i)
            if o is None or o is c or id(o) in drop:
                continue
            if not (o.content[0] <= c.cue <= o.content[1]) or doc[o.speaker].lower_ in NESTED_PRONOUNS:
                break
            c.speaker = o.speaker
            c.rule += "+nested"
            c.sent = (min(c.sent[0], o.sent[0]), max(c.sent[1], o.sent[1]))
            drop.add(id(o))
            break
    return [c for c in cands if id(c) not in drop]


def candidates(doc, lo: int = 0, hi: int | None = None) -> tuple[list[Cand], Ctx]:
    """All statement candidates of a document, in text order."""
    ctx = Ctx(doc, lo, hi)
    qs = quote_cands(ctx)
    cs = cue_cands(ctx)
    allc = merge_nested(qs + cs, doc, ctx)
    for c in allc:
        if c.content_chars is None:
            a, b = c.content
            c.content_chars = (doc[a].idx, doc[b].idx + len(doc[b].text))
    allc.sort(key=lambda c: (c.sent[0], c.content_chars[0], c.cue or -1))
    return allc, ctx

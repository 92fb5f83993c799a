"""Per-document lookups of the statement stage: lines, sentences, paragraphs, quotes, cue tokens."""

from __future__ import annotations

import bisect
import re

from spacy.attrs import IDX, LEMMA, LOWER, SENT_START

from ..doc import doc_text
from ..lexicon import cues
from ..quotes import QuoteMask, find_quotes, long_quotes
from .syntax import relative_passive

_PARA_BREAK = re.compile(r"(?=\n\n)")


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
        for ws in (
            lex.deny.nouns,
            lex.allegation.nouns,
            lex.allegation.release_verbs,
            lex.speech.verbs,
            lex.allegation.suspicion_verbs,
            self._phrasal_heads,
            lex.allegation.purport_verbs,
        ):
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
        """ "Police suspect X of Y": a suspicion verb with an object (or passive
        subject: "X is suspected of Y") and an "of" charge, not itself reported
        by an outer cue."""
        kids = list(tok.children)
        obj = next((c for c in kids if c.dep_ in ("dobj", "nsubjpass")), None)
        if obj is None or tok.dep_ in ("amod", "acl") or (tok.dep_ == "relcl" and not relative_passive(tok)):
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
        if (
            tok.pos_ == "NOUN"
            and tok.dep_ == "ROOT"
            and tok.lemma_.lower() in self.lex.speech.verbs
            and any(
                c.dep_ == "ccomp" and c.i > tok.i and any(m.dep_ == "mark" for m in c.children) for c in tok.children
            )
            and any(c.dep_ == "compound" and c.i < tok.i for c in tok.children)
        ):
            # sm reads "The charity's trustees allege that ..." as a noun
            # compound "trustees allege"; a root with a that-clause is the verb.
            return True
        if tok.pos_ not in ("VERB", "AUX"):
            # sm tags "purports" as a plural noun ("The messages ... purport to
            # show X"); a clause head with a to-infinitive is still the verb.
            return (
                tok.lemma_.lower() in self.lex.allegation.seeming_governors
                and tok.dep_ in ("ROOT", "relcl", "conj", "ccomp")
                and any(
                    c.dep_ in ("xcomp", "advcl") and any(a.lower_ == "to" for a in c.children) for c in tok.children
                )
                and tok.lemma_.lower() in self.lex.speech.verbs
            )
        lemma = tok.lemma_.lower()
        if lemma in self.lex.speech.verbs:
            return True
        if lemma in self.lex.allegation.suspicion_verbs:
            return self._suspects_of(tok)
        if lemma in self._phrasal_heads:
            # "pointed out that ...": the verb counts with its particle only.
            return any(
                c.dep_ == "prt" and f"{lemma} {c.lower_}" in self.lex.speech.phrasal for c in tok.children
            ) or any(f"{lemma} {c.lower_}" in self.lex.speech.phrasal_open for c in tok.children)

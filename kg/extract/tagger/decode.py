"""BIO tags -> attributions: each content and source span is joined to a cue.

A span goes to the cue its parse attaches it to (the span's root has a cue token among its
nearest ancestors), else to the nearest cue, where crossing a sentence or a paragraph costs
more than any distance inside one (so "'A,' he said, 'B.'" joins both halves to "said", and a
quote paragraph without a cue joins the cue just before it). A cue left without content is
dropped: an attribution needs something attributed. Content fragments on one cue are joined
(discontiguous content), as are its source fragments.

PolNeAR gives each token one label, so a source shared by two cues ("Trump said X, adding Y")
is tagged once. A cue left without a source therefore borrows one from the parse (see
:func:`_borrowed_source`): the source of the cue it hangs from, else its clause's subject (or
the agent of a passive cue).
"""

from __future__ import annotations

from dataclasses import dataclass

from .bio import tag_spans

SENTENCE_COST = 40  # tokens: a cue in the same sentence always wins over one across a boundary
PARAGRAPH_COST = 400
MAX_COST = 2 * PARAGRAPH_COST  # never join across more than one paragraph boundary
DEP_STEPS = 4  # ancestors of a span's root checked for a cue token
SUBJECT_DEPS = ("nsubj", "csubj")  # not nsubjpass: "X was criticized by Y" has Y as source


@dataclass(frozen=True)
class Decoded:
    cue: tuple[tuple[int, int], ...]
    content: tuple[tuple[int, int], ...]
    source: tuple[tuple[int, int], ...] = ()
    confidence: float = 1.0  # the lowest marginal probability of the cue tokens' tags (1.0 when not computed)

    def spans(self, role: str):
        return getattr(self, role)


def _chars(doc, a: int, b: int) -> tuple[int, int]:
    return doc[a].idx, doc[b - 1].idx + len(doc[b - 1].text)


def _paragraph_index(doc) -> list[int]:
    out, p = [], 0
    for tok in doc:
        if tok.is_space and "\n" in tok.text:
            p += 1
        out.append(p)
    return out


def _sentence_index(doc) -> list[int]:
    out = [0] * len(doc)
    for k, s in enumerate(doc.sents):
        for i in range(s.start, s.end):
            out[i] = k
    return out


def _cost(span, cue, sent, para) -> int:
    (_, a, b), (_, c, d) = span, cue
    gap = c - b if b <= c else a - d if d <= a else 0
    i, j = (b - 1, c) if b <= c else (d - 1, a)
    return max(gap, 0) + SENTENCE_COST * abs(sent[i] - sent[j]) + PARAGRAPH_COST * abs(para[i] - para[j])


def _by_parse(doc, span, cue_of_token: dict[int, int]) -> int | None:
    root = doc[span[1] : span[2]].root
    tok = root
    for _ in range(DEP_STEPS):
        if tok.head is tok:
            return None
        tok = tok.head
        if tok.i in cue_of_token:
            return cue_of_token[tok.i]
    return None


def decode(doc, tags: list[str], probs: list | None = None) -> list[Decoded]:
    """Attributions (character spans) from one tag per token of ``doc``; ``probs`` (the model's
    marginal per cue token) gives each its ``confidence``."""
    spans = tag_spans(doc, tags)
    cues = [s for s in spans if s[0] == "cue"]
    if not cues:
        return []
    cue_of_token = {i: k for k, (_, a, b) in enumerate(cues) for i in range(a, b)}
    sent, para = _sentence_index(doc), _paragraph_index(doc)
    parts: dict[int, dict[str, list]] = {k: {"content": [], "source": []} for k in range(len(cues))}
    for span in spans:
        if span[0] == "cue":
            continue
        k = _by_parse(doc, span, cue_of_token)
        if k is None:
            costs = [(_cost(span, c, sent, para), n) for n, c in enumerate(cues)]
            best, k = min(costs)
            if best > MAX_COST or (span[0] == "source" and best >= PARAGRAPH_COST):
                continue
        parts[k][span[0]].append(span)
    sources = {k: [(a, b) for _, a, b in parts[k]["source"]] for k in parts}
    taken = {i for k in parts for _, a, b in parts[k]["content"] for i in range(a, b)}
    for k, cue in enumerate(cues):
        if parts[k]["content"] and not sources[k]:
            sources[k] = _borrowed_source(doc, cue, cue_of_token, sources, taken)
    out = []
    for k, cue in enumerate(cues):
        if not parts[k]["content"]:
            continue
        out.append(
            Decoded(
                cue=(_chars(doc, cue[1], cue[2]),),
                content=tuple(sorted(_chars(doc, a, b) for _, a, b in parts[k]["content"])),
                source=tuple(sorted(_chars(doc, a, b) for a, b in sources[k])),
                confidence=min((probs[i] for i in range(cue[1], cue[2]) if probs[i] is not None), default=1.0)
                if probs
                else 1.0,
            )
        )
    return out


def _borrowed_source(doc, cue, cue_of_token, sources, taken) -> list[tuple[int, int]]:
    """A source for a cue the tagger gave none: from the cue it depends on, else the clause's subject."""
    root = doc[cue[1] : cue[2]].root
    tok = root
    for _ in range(DEP_STEPS):  # "..., adding": the governing cue's source
        if tok.head is tok:
            break
        tok = tok.head
        k = cue_of_token.get(tok.i)
        if k is not None and sources.get(k):
            return list(sources[k])
    tok = root
    for _ in range(DEP_STEPS):  # "X seemed to blame", "X, saying": the subject up the verb chain
        for child in tok.children:
            if child.dep_ == "agent":  # "was first reported by MSNBC"
                objs = [c for c in child.children if c.dep_ == "pobj"]
                if objs and objs[0].i not in taken:
                    return [(objs[0].left_edge.i, objs[0].right_edge.i + 1)]
        for child in tok.children:
            if child.dep_ in SUBJECT_DEPS and child.i not in taken and child.pos_ != "DET":
                return [(child.left_edge.i, child.right_edge.i + 1)]
        if tok.head is tok or tok.dep_ not in ("xcomp", "advcl", "conj", "ccomp", "aux", "acl"):
            break
        if (
            tok.tag_ == "VBN"
            and tok.dep_ in ("advcl", "acl")
            and not any(c.dep_.startswith("aux") for c in tok.children)
        ):
            break  # "Asked about the report, X said": the subject of the clause above was asked, it did not ask
        tok = tok.head
    return []

"""Character spans <-> token BIO tags, and the token ranges tagged as one sequence.

Tags are ``B-``/``I-`` plus ``SRC`` (source), ``CUE`` or ``CON`` (content), and ``O``. Every
fragment of a discontiguous span starts with ``B-``. PolNeAR is univocal (a token belongs to at
most one attribution), so one tag per token loses nothing; on a conflict the first span wins.
"""

from __future__ import annotations

from typing import Iterable

ROLE_TAG = {"source": "SRC", "cue": "CUE", "content": "CON"}
TAG_ROLE = {v: k for k, v in ROLE_TAG.items()}
UNITS = ("paragraph", "sentence")


def _is_break(tok) -> bool:
    return tok.is_space and "\n" in tok.text


def sequences(doc, unit: str = "paragraph") -> list[tuple[int, int]]:
    """Token ranges [start, end) tagged as one sequence: paragraphs (split at line breaks) or sentences.

    Whitespace-only tokens at either end are left out; ranges are never empty.
    """
    if unit not in UNITS:
        raise ValueError(f"unit must be one of {UNITS}")
    cuts: set[int] = {0, len(doc)}
    for tok in doc:
        if _is_break(tok):
            cuts.update((tok.i, tok.i + 1))
    if unit == "sentence":
        cuts.update(s.start for s in doc.sents)
    out = []
    edges = sorted(cuts)
    for a, b in zip(edges, edges[1:]):
        while a < b and doc[a].is_space:
            a += 1
        while b > a and doc[b - 1].is_space:
            b -= 1
        if a < b:
            out.append((a, b))
    return out


def token_tags(doc, attributions: Iterable) -> list[str]:
    """One tag per token of ``doc`` for the attributions' source/cue/content spans."""
    tags = ["O"] * len(doc)
    starts = [t.idx for t in doc]
    for a in attributions:
        for role, tag in ROLE_TAG.items():
            for s, e in a.spans(role):
                prev_in = False
                for i in _tokens_in(doc, starts, s, e):
                    if tags[i] != "O" and not (tags[i].endswith(tag) and prev_in):
                        prev_in = False
                        continue
                    tags[i] = ("I-" if prev_in else "B-") + tag
                    prev_in = True
    return tags


def _tokens_in(doc, starts: list[int], s: int, e: int) -> Iterable[int]:
    """Indices of non-space tokens whose characters lie mostly inside [s, e)."""
    import bisect

    i = max(bisect.bisect_right(starts, s) - 1, 0)
    while i < len(doc) and doc[i].idx < e:
        t = doc[i]
        a, b = t.idx, t.idx + len(t.text)
        if not t.is_space and min(b, e) - max(a, s) > (b - a) / 2:
            yield i
        i += 1


def tag_spans(doc, tags: list[str], offset: int = 0) -> list[tuple[str, int, int]]:
    """(role, first token, last token + 1) of each tagged span; an ``I-`` after another role starts a span."""
    out: list[list] = []
    for k, tag in enumerate(tags):
        i = k + offset
        if tag == "O":
            continue
        bio, kind = tag.split("-", 1)
        role = TAG_ROLE[kind]
        if bio == "I" and out and out[-1][0] == role and out[-1][2] == i:
            out[-1][2] = i + 1
        elif bio == "I" and out and out[-1][0] == role and all(doc[j].is_space for j in range(out[-1][2], i)):
            out[-1][2] = i + 1
        else:
            out.append([role, i, i + 1])
    return [tuple(x) for x in out]

"""Plain {start, end, text} records over a spaCy Doc.

Offsets are character offsets into the article's ``raw`` text; because
``ArticleText.text`` has the same length as ``raw`` and the Doc is built from
``text``, token offsets are already raw offsets. ``text`` is taken from the
Doc (identical to raw for body text).
"""

from __future__ import annotations

from typing import Iterable

_TRIM = set(" \t\n\r,;:–—-")

# spaCy rebuilds ``doc.text`` (O(n)) on every access: keep the last document's
# text (a strong reference, so an ``is`` check cannot match a recycled id).
_last: list = [(None, "")]  # one (doc, text) slot, swapped whole (thread-safe)


def prime_text(doc, text) -> None:
    """Remember ``text`` as doc.text when the Doc was parsed from it (the
    article's own text: spaCy keeps every character, so the last token ends
    the string); anything else is left to ``doc_text``."""
    if isinstance(text, str) and len(doc) and text.endswith(doc[-1].text_with_ws) and len(text) == doc[-1].idx + len(doc[-1].text_with_ws):
        _last[0] = (doc, text)


def doc_text(doc) -> str:
    """``doc.text``, built once per document."""
    known, text = _last[0]
    if known is not doc:
        text = doc.text
        _last[0] = (doc, text)
    return text


def char_record(doc, start: int, end: int) -> dict:
    """A record for doc.text[start:end], whitespace/punctuation-trimmed."""
    text = doc_text(doc)
    while start < end and text[start] in _TRIM:
        start += 1
    while end > start and text[end - 1] in _TRIM:
        end -= 1
    return {"start": start, "end": end, "text": text[start:end]}


def tok_record(doc, first: int, last: int, text: str | None = None) -> dict:
    """A record covering tokens first..last inclusive (trimmed of edge punctuation).

    Pass ``text`` (doc.text) when calling in a loop: spaCy rebuilds doc.text on
    every access."""
    while first < last and doc[first].is_punct and doc[first].text not in "“\"‘[(":
        first += 1
    while last > first and doc[last].is_punct and doc[last].text not in "”\"’])!?":
        last -= 1
    start = doc[first].idx
    end = doc[last].idx + len(doc[last].text)
    text = doc_text(doc) if text is None else text
    return {"start": start, "end": end, "text": text[start:end]}


def span_record(span) -> dict:
    """A record for a spaCy Span (or Token)."""
    if hasattr(span, "start_char"):
        start, end = span.start_char, span.end_char
        return {"start": start, "end": end, "text": doc_text(span.doc)[start:end]}
    return {"start": span.idx, "end": span.idx + len(span.text), "text": span.text}


def subtree_bounds(tok, exclude: Iterable = ()) -> tuple[int, int]:
    """(first, last) token indices of tok's subtree, dropping excluded child subtrees.

    Excluded children are only removed from the edges (a dependency subtree is
    contiguous, so interior exclusions would make a gap; we keep it simple and
    only trim an excluded subtree when it sits at the start or the end).
    """
    first, last = tok.left_edge.i, tok.right_edge.i
    ex = [c for c in exclude]
    for c in sorted(ex, key=lambda c: -c.right_edge.i):
        if c.right_edge.i == last and c.left_edge.i > tok.i:
            last = c.left_edge.i - 1
    for c in sorted(ex, key=lambda c: c.left_edge.i):
        if c.left_edge.i == first and c.right_edge.i < tok.i:
            first = c.right_edge.i + 1
    return first, max(first, last)


def overlaps(a: dict, b: dict) -> bool:
    return a["start"] < b["end"] and b["start"] < a["end"]

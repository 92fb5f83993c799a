"""Parsing texts of any length with bounded memory.

One spaCy call holds working arrays for the whole text: measured here, about
3 GB of RSS per MB of text (the parser's and NER's states and the tok2vec
output, which the Doc also keeps as ``doc.tensor``, ~1 KB per token). So a
text is parsed in *pieces* of at most ``PIECE_CHARS`` characters, cut where
paragraphs meet, streamed through ``nlp.pipe`` in batches bounded by count
and by characters, and the pieces' Docs are joined again with
``Doc.from_docs``. The pieces cover the text exactly, so every token keeps
its character offset and the joined Doc's text is the text given.

A text that fits in one piece (every ordinary news article) is parsed
exactly as ``nlp(text)`` would parse it: same Doc, same extraction.
"""

from __future__ import annotations

import re
from typing import Callable, Iterable, Iterator

# Largest text handed to one nlp() call: a long feature (~7,000 words) stays
# one piece, and one piece costs ~130 MB of working memory at most.
PIECE_CHARS = 40_000
# Largest batch handed to nlp.pipe: PIPE_BATCH pieces, and no more than
# BATCH_CHARS characters between them (8 ordinary articles fit; 3 full pieces).
PIPE_BATCH = 8
BATCH_CHARS = 120_000

# Where a piece may end, best first: after a blank line (a paragraph ends),
# after a line break, after a sentence's final punctuation, after any space.
# Cutting inside a paragraph costs the parser context; cutting inside a word
# (a 40,000-character "word") is the last resort and still keeps offsets.
_CUTS = (
    re.compile(r"\n[ \t\r\f\v]*\n\s*"),
    re.compile(r"\n\s*"),
    re.compile(r"[.!?][\"'”’)\]]*\s+"),
    re.compile(r"\s+"),
)


def split_pieces(text: str, limit: int | None = None) -> list[tuple[int, int]]:
    """``[start, end)`` pieces that cover ``text`` exactly, in order, each at
    most ``limit`` characters, cut at the best boundary available (see _CUTS):
    the last one in the piece's span, so pieces are as long as allowed."""
    limit = PIECE_CHARS if limit is None else limit
    if limit < 1:
        raise ValueError("limit must be positive")
    out: list[tuple[int, int]] = []
    pos, n = 0, len(text)
    while n - pos > limit:
        cut = _cut(text, pos, pos + limit)
        out.append((pos, cut))
        pos = cut
    out.append((pos, n))
    return out


def _cut(text: str, start: int, stop: int) -> int:
    """The end of the last best boundary in text[start:stop] (> start)."""
    # Only the second half is searched for a boundary: a piece is never cut
    # shorter than half the limit while a worse boundary exists further on.
    lo = start + (stop - start) // 2
    for pattern in _CUTS:
        end = None
        for m in pattern.finditer(text, lo, stop):
            end = m.end()
        if end is not None and end > start:
            return end
    return stop


def _batches(pieces: Iterable[tuple]) -> Iterator[list]:
    size, chars = PIPE_BATCH, BATCH_CHARS
    batch: list = []
    total = 0
    for p in pieces:
        n = len(p[1])
        if batch and (len(batch) >= size or total + n > chars):
            yield batch
            batch, total = [], 0
        batch.append(p)
        total += n
    if batch:
        yield batch


def parse_texts(nlp, texts: Iterable[str], *, on_piece: Callable[[int, int, int], None] | None = None) -> Iterator:
    """One spaCy Doc per text, in order, parsed piece by piece (module doc).

    An item of ``texts`` is a string, or ``(string, breaks)`` where breaks
    are offsets at which a sentence must start (kg.cleaning: HTML blocks).

    ``on_piece(i, done, total)`` is called after each piece of text ``i``
    is parsed, with the characters of it parsed so far: a progress bar can
    move inside a long text. Texts are consumed lazily; at most one batch of
    pieces and the pieces of the text being joined are held at a time.
    """
    import numpy
    from spacy.tokens import Doc

    def pieces():
        for i, item in enumerate(texts):
            text, breaks = (item, ()) if isinstance(item, str) else item
            spans = split_pieces(text)
            for k, (s, e) in enumerate(spans):
                inner = [b - s for b in breaks if s < b < e]
                yield i, text[s:e], k == len(spans) - 1, len(spans), len(text), inner

    parts: list = []
    done = 0
    for batch in _batches(pieces()):
        docs = nlp.pipe([_with_breaks(nlp, p[1], p[5]) for p in batch], batch_size=len(batch))
        for (i, piece, last, count, total, _breaks), doc in zip(batch, docs):
            done += len(piece)
            if on_piece is not None:
                on_piece(i, done, total)
            if count == 1:  # the common case: exactly what nlp(text) gives
                done = 0
                yield doc
                continue
            # The tensor (tok2vec output, ~1 KB per token) is not read by the
            # extractor; kept on every piece it would be most of the memory.
            doc.tensor = numpy.zeros((0,), dtype="float32")  # a fresh array: a slice would keep the old one alive
            parts.append(doc)
            if last:
                joined = Doc.from_docs(parts, ensure_whitespace=False, exclude=["tensor", "user_data"])
                parts, done = [], 0
                yield joined


def _with_breaks(nlp, text: str, breaks: list[int]):
    """The text itself, or, when some offsets must start sentences, a
    tokenised Doc with those sentence starts set: the parser keeps preset
    boundaries and attaches nothing across them."""
    if not breaks:
        return text
    doc = nlp.make_doc(text)
    at = set(breaks)
    for tok in doc:
        if tok.idx in at and not tok.is_space:
            tok.is_sent_start = True
    return doc


def parse_text(nlp, text: str):
    """``parse_texts`` for one text."""
    return next(parse_texts(nlp, [text]))

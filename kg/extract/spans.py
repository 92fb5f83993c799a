"""Plain {start, end, text} records over a spaCy Doc.

Offsets are character offsets into the article's ``raw`` text; because
``ArticleText.text`` has the same length as ``raw`` and the Doc is built from
``text``, token offsets are already raw offsets. ``text`` is taken from the
Doc (identical to raw for body text).
"""

from __future__ import annotations

from .doc import doc_text


def tok_record(doc, first: int, last: int, text: str | None = None) -> dict:
    """A record covering tokens first..last inclusive (trimmed of edge punctuation).

    Pass ``text`` (doc.text) when calling in a loop: spaCy rebuilds doc.text on
    every access."""
    while first < last and doc[first].is_punct and doc[first].text not in '“"‘[(':
        first += 1
    while last > first and doc[last].is_punct and doc[last].text not in '”"’])!?':
        last -= 1
    start = doc[first].idx
    end = doc[last].idx + len(doc[last].text)
    text = doc_text(doc) if text is None else text
    return {"start": start, "end": end, "text": text[start:end]}


def trimmed_record(text: str, start: int, end: int, strip: str = " \n\t") -> dict:
    """A record for text[start:end] with the ``strip`` characters trimmed off both ends."""
    while start < end and text[start] in strip:
        start += 1
    while end > start and text[end - 1] in strip:
        end -= 1
    return {"start": start, "end": end, "text": text[start:end]}

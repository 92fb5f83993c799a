"""The per-Doc caches (kg.extract.doc): the token table and the character -> token lookup."""

import pytest

from kg.extract import doc as D


@pytest.mark.parametrize(
    "text",
    [
        "Kenya's ruling party on Monday rejected accusations.\n\n“We deny it,” said "
        "UDA secretary general Cleophas Malala.",
        "",
        "  Leading spaces, 1,200 followers and 3.5m views on X. ",
    ],
)
def test_token_table_matches_spacy(nlp, text):
    """The per-document token table is a faithful copy of the Doc."""
    doc = nlp(text)
    tab = D.token_table(doc)
    assert tab.text == doc.text and D.doc_text(doc) == doc.text
    assert tab.texts == [t.text for t in doc] and tab.lows == [t.lower_ for t in doc]
    assert tab.idx == [t.idx for t in doc] and tab.head == [t.head.i for t in doc]
    assert tab.pos == [t.pos_ for t in doc] and tab.tag == [t.tag_ for t in doc] and tab.dep == [t.dep_ for t in doc]
    assert tab.ent_type == [t.ent_type_ for t in doc] and tab.like_num == [t.like_num for t in doc]
    for s in range(len(text) + 1):
        for e in range(s + 1, min(len(text), s + 12) + 1):
            span = doc.char_span(s, e, alignment_mode="expand")
            a, b = D.tok_range(doc, s, e)
            if span is not None:
                assert (a, b) == (span.start, span.end)

import pytest

from kg.extract.tagger.bio import sequences, tag_spans, token_tags
from kg.corpora.brat import Attribution


def _a(text, source, cue, content):
    def span(x):
        if x is None:
            return ()
        i = text.index(x)
        return ((i, i + len(x)),)

    return Attribution(cue=span(cue), content=span(content), source=span(source))


@pytest.mark.parametrize(
    "text, attr, expected",
    [
        ("Alice said it rained.", ("Alice", "said", "it rained"), ["B-SRC", "B-CUE", "B-CON", "I-CON", "O"]),
        (
            "According to police, two died.",
            (None, "According to", "two died"),
            ["B-CUE", "I-CUE", "O", "O", "B-CON", "I-CON", "O"],
        ),
        ("Nothing was said here.", None, ["O"] * 5),
    ],
)
def test_token_tags(nlp, text, attr, expected):
    doc = nlp(text)
    tags = token_tags(doc, [_a(text, *attr)] if attr else [])
    assert tags == expected


def test_discontiguous_content_starts_each_fragment(nlp):
    text = "\u201cWe won,\u201d she said, \u201cand we will win again.\u201d"
    doc = nlp(text)
    a = Attribution(
        cue=((text.index("said"), text.index("said") + 4),),
        content=((1, 8), (text.index("and"), len(text) - 1)),
        source=((text.index("she"), text.index("she") + 3),),
    )
    tags = token_tags(doc, [a])
    roles = [(r, doc[i:j].text) for r, i, j in tag_spans(doc, tags)]
    assert roles == [("content", "We won,"), ("source", "she"), ("cue", "said"), ("content", "and we will win again.")]


def test_sequences_by_paragraph_and_sentence(nlp):
    doc = nlp("One. Two.\n\nThree four.\n")
    paras = [doc[a:b].text for a, b in sequences(doc, "paragraph")]
    sents = [doc[a:b].text for a, b in sequences(doc, "sentence")]
    assert paras == ["One. Two.", "Three four."]
    assert sents == ["One.", "Two.", "Three four."]
    with pytest.raises(ValueError):
        sequences(doc, "page")

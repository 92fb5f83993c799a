import pytest

from kg.extract.tagger.bio import token_tags
from kg.extract.tagger.decode import decode
from kg.corpora.brat import Attribution


def _span(text, x, start=0):
    i = text.index(x, start)
    return (i, i + len(x))


@pytest.mark.parametrize(
    "text, attrs",
    [
        (
            "Alice said it rained. Bob said the roof leaked.",
            [("Alice", "said", "it rained"), ("Bob", "said", "the roof leaked")],
        ),
        ("\u201cIt rained,\u201d Alice said. The weather was bad.", [("Alice", "said", "It rained,")]),
        ("According to the police, two people died.", [("the police", "According to", "two people died")]),
    ],
)
def test_gold_tags_decode_back_to_the_attributions(nlp, text, attrs):
    doc = nlp(text)
    gold, pos = [], 0
    for src, cue, con in attrs:
        c = _span(text, cue, pos)
        gold.append(Attribution(cue=(c,), content=(_span(text, con, pos),), source=(_span(text, src, pos),)))
        pos = max(c[1], pos)
    got = decode(doc, token_tags(doc, gold))
    assert [(d.source, d.cue, d.content) for d in got] == [(g.source, g.cue, g.content) for g in gold]


def test_two_content_fragments_join_on_one_cue(nlp):
    text = "\u201cWe won,\u201d she said, \u201cand we will win again.\u201d"
    doc = nlp(text)
    a = Attribution(
        cue=(_span(text, "said"),),
        content=(_span(text, "We won,"), _span(text, "and we will win again.")),
        source=(_span(text, "she"),),
    )
    (d,) = decode(doc, token_tags(doc, [a]))
    assert d.content == a.content and d.source == a.source


def test_cue_without_content_and_content_without_cue_make_nothing(nlp):
    doc = nlp("She said nothing.\n\nIt was late.")
    tags = ["O"] * len(doc)
    tags[1] = "B-CUE"
    assert decode(doc, tags) == []
    tags = ["O"] * len(doc)
    tags[4] = "B-CON"
    assert decode(doc, tags) == []


@pytest.mark.parametrize(
    "text, tagged, cue, source",
    [
        # a source shared by two cues is tagged once (PolNeAR is univocal): the second cue borrows it
        (
            "Smith said taxes rose, adding that prices fell.",
            [("Smith", "SRC"), ("said", "CUE"), ("taxes rose", "CON"), ("adding", "CUE"), ("that prices fell", "CON")],
            "adding",
            "Smith",
        ),
        # no source tagged: the subject up the verb chain
        (
            "The senator seemed to blame the banks.",
            [("seemed to blame", "CUE"), ("the banks", "CON")],
            "seemed to blame",
            "The senator",
        ),
        # passive cue: the agent, not the passive subject
        (
            "The plan was criticized by the union.",
            [("The plan", "CON"), ("was criticized by", "CUE")],
            "was criticized by",
            "the union",
        ),
    ],
)
def test_cue_without_a_tagged_source_borrows_one_from_the_parse(nlp, text, tagged, cue, source):
    doc = nlp(text)
    tags = ["O"] * len(doc)
    for piece, tag in tagged:
        span = doc.char_span(text.index(piece), text.index(piece) + len(piece))
        for k, i in enumerate(range(span.start, span.end)):
            tags[i] = ("B-" if k == 0 else "I-") + tag
    got = {text[slice(*d.cue[0])]: " ".join(text[s:e] for s, e in d.source) for d in decode(doc, tags)}
    assert got[cue] == source

import pytest

from kg.scoring.attribution import cue_lemma, score_article, summary
from kg.corpora.brat import Attribution

TEXT = "Alice said it rained. Bob told reporters that \u201cthe roof leaked\u201d in May."


def _find(x, start=0):
    i = TEXT.index(x, start)
    return ((i, i + len(x)),)


GOLD = [
    Attribution(cue=_find("said"), content=_find("it rained"), source=_find("Alice")),
    Attribution(
        cue=_find("told reporters"), content=_find("that \u201cthe roof leaked\u201d in May"), source=_find("Bob")
    ),
]


@pytest.mark.parametrize(
    "pred, matched, exact, src",
    [
        ([], 0, 0, None),
        # same spans but quotation marks / whitespace at the edges: still exact
        ([Attribution(cue=_find(" said "), content=_find("it rained."), source=_find("Alice"))], 1, 1, 1.0),
        # overlapping cue and content, wrong source
        ([Attribution(cue=_find("told"), content=_find("the roof"), source=_find("Alice"))], 1, 0, 0.0),
        # content overlaps but cue does not: no match
        ([Attribution(cue=_find("rained"), content=_find("the roof"), source=())], 0, 0, None),
        # one prediction cannot match two gold attributions
        (
            [Attribution(cue=_find("said") + _find("told"), content=_find("it rained") + _find("roof"), source=())],
            1,
            0,
            0.0,
        ),
    ],
)
def test_overlap_exact_and_source(pred, matched, exact, src):
    t, missed = score_article(TEXT, GOLD, pred)
    assert (t.matched, t.exact) == (matched, exact)
    assert len(missed) == 2 - matched
    s = summary(t)
    if src is not None:
        assert s["source_accuracy"] == src
    assert s["overlap"]["p"] == (matched / len(pred) if pred else 0.0)
    assert s["overlap"]["r"] == matched / 2


def test_token_overlap_counts_characters_without_punctuation():
    pred = [Attribution(cue=_find("said"), content=_find("it"), source=())]
    t, _ = score_article(TEXT, GOLD, pred)
    overlap, predicted, gold = t.chars["content"]
    assert (overlap, predicted) == (2, 2) and gold == len("itrained") + len(
        "thatthe roof leakedin May".replace(" ", "")
    )


def test_cue_lemma_is_the_root_of_the_cue(nlp):
    doc = nlp(TEXT)
    assert cue_lemma(doc, GOLD[0].cue) == "say"
    assert cue_lemma(doc, GOLD[1].cue) == "tell"
    assert cue_lemma(doc, ((0, 0),)) == "?"

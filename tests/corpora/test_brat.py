import pytest

from kg.corpora.brat import Attribution, parse_ann, write_ann
from kg.errors import KgError

ANN = (
    "T1\tSource 0 5\tAlice\n"
    "T2\tCue 6 10\tsaid\n"
    "T3\tContent 11 20;25 30\tit rained and again\n"
    "continuation of a shown text with a newline\n"
    "T4\tAttribution 6 10\tsaid\n"
    "E1\tAttribution:T4 Cue:T2 Source:T1 Content:T3\n"
    "T5\tCue 40 44\tsaid\n"
    "T6\tContent 45 50\tthing\n"
    "T7\tContent 52 55\tmore\n"
    "T8\tAttribution-no-source 40 44\tsaid\n"
    "E2\tAttribution-no-source:T8 Content:T6 Cue:T5 Content2:T7\n"
    "T9\tDiscuss 0 5\tAlice\n"
    "#1\tAnnotatorNotes T2\tunsure\n"
    "E3\tAttribution-no-source:T8 \n"
)


def test_parse_ann_reads_discontiguous_spans_suffixed_roles_and_skips_flags():
    ann = parse_ann(ANN)
    assert ann.attributions == [
        Attribution(cue=((6, 10),), content=((11, 20), (25, 30)), source=((0, 5),), id="E1"),
        Attribution(cue=((40, 44),), content=((45, 50), (52, 55)), source=(), id="E2"),
    ]
    assert ann.incomplete == 1  # E3 has neither cue nor content


@pytest.mark.parametrize(
    "text, message",
    [
        ("T1\tCue 5 x\tsaid\n", "a.ann:1: bad span '5 x'"),
        ("T1\tCue 9 5\tsaid\n", "a.ann:1: span end before start '9 5'"),
        ("T1\tCue\n", "a.ann:1: bad text-bound annotation line"),
        (
            "T1\tCue 0 4\tsaid\nE1\tAttribution:T9 Cue:T1 Content:T7\n",
            "a.ann:2: event refers to unknown annotation 'T7'",
        ),
    ],
)
def test_parse_ann_rejects_malformed_lines_with_their_place(text, message):
    with pytest.raises(KgError) as exc:
        parse_ann(text, "a.ann")
    assert str(exc.value) == message


def test_write_then_parse_round_trips():
    text = "Alice said it rained. Reports say prices rose."
    attrs = [
        Attribution(cue=((6, 10),), content=((11, 20),), source=((0, 5),)),
        Attribution(cue=((30, 33),), content=((34, 45),), source=()),
    ]
    back = parse_ann(write_ann(attrs, text)).attributions
    assert [(a.cue, a.content, a.source) for a in back] == [(a.cue, a.content, a.source) for a in attrs]


def test_empty_annotation_file_has_no_attributions():
    assert parse_ann("").attributions == [] and write_ann([], "text") == ""

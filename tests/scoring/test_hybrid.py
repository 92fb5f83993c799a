"""The span-level hybrid of kg eval-attribution (model attributions merged with rule statements)."""

from kg.extract.tagger.decode import Decoded
from kg.scoring.hybrid import merge


def test_hybrid_takes_rule_speakers_where_cues_overlap_and_keeps_rule_only_statements():
    model = [Decoded(cue=((10, 14),), content=((15, 30),), source=())]
    rules = [
        Decoded(cue=((10, 14),), content=((15, 25),), source=((0, 9),)),
        Decoded(cue=((50, 54),), content=((55, 70),), source=((40, 49),)),
    ]
    got = merge(model, rules)
    assert [(m.origin, m.spans("source"), m.spans("content")) for m in got] == [
        ("model+rule-speaker", ((0, 9),), ((15, 30),)),
        ("rule", ((40, 49),), ((55, 70),)),
    ]
    assert [m.origin for m in merge(model, rules, rule_speakers=False, keep_rule_only=False)] == ["model"]
    # a source the model found is kept
    with_source = [Decoded(cue=((10, 14),), content=((15, 30),), source=((0, 3),))]
    assert merge(with_source, rules)[0].spans("source") == ((0, 3),)
    # a rule statement whose content the model already covers (other cue) is not added twice
    assert len(merge(model, [Decoded(cue=((31, 33),), content=((20, 28),))])) == 1

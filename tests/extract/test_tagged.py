"""The trained tagger as a statement source (kg/extract/statements/tagged.py, rule ``crf-cue``):
invented sentences -> (rule, speaker, cue, content); cases that must yield nothing included."""

import pytest

from kg.extract import extract


def run(nlp, text, tagger=True):
    art = type("A", (), {"text": text, "title": None})()
    return [
        (s["rule"], (s["speaker"] or {}).get("text"), s["cue"]["text"] if s["cue"] else None, s["content"]["text"])
        for s in extract(art, nlp, tagger)["statements"]
    ]


@pytest.mark.parametrize(
    "text, expected",
    [
        # cues no rule lists: the tagger finds them
        (
            "The mayor is confident that the bridge will reopen in May.",
            [("crf-cue", "The mayor", "is confident", "that the bridge will reopen in May")],
        ),
        (
            "Her campaign released a statement that the senator had broken no rules.",
            [("crf-cue", "Her campaign", "released a statement", "that the senator had broken no rules")],
        ),
        # a rule already holds it: the rule's statement, once
        (
            "The chairman responded that the audit was complete.",
            [("cue-respond-ccomp", "The chairman", "responded", "that the audit was complete")],
        ),
        # no statement: a one-word or person content, an act on a thing, a negated cue
        ("He also posts selfies.", []),
        ("Detectives questioned the suspect for six hours.", []),
        ("The governor signed the bill on Tuesday.", []),
        ("The mayor did not say whether the bridge would reopen.", []),
    ],
)
def test_tagged_statements(nlp, text, expected):
    assert run(nlp, text) == expected


def test_rules_alone_miss_what_the_tagger_adds(nlp):
    assert run(nlp, "The mayor is confident that the bridge will reopen in May.", tagger=False) == []

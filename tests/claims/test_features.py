"""kg/claims/features.py: content -> comparable keys."""

from __future__ import annotations

import pytest

from kg.claims.features import label_text, statement_features
from kg.claims.model import Mention, Stmt
from kg.claims.rules import load_rules

HUN = "https://w3id.org/kg-claims/id/person/hun-sen"
RAINSY = "https://w3id.org/kg-claims/id/person/sam-rainsy"
FB = "https://w3id.org/kg-claims/id/org/facebook"


def stmt(content, kind="allegation", mentions=(), targets=(HUN,), speaker=None):
    ms = []
    for name, iri, cls in mentions:
        i = content.index(name)
        ms.append(Mention(i, i + len(name), iri, cls))
    return Stmt("s", "g", kind, content, 0, len(content), targets=tuple(targets), speaker=speaker, mentions=tuple(ms))


CASES = [
    # content, kind, mentions, expected keys
    ("that his team bought likes", "denial", (), {"team", "~acquire", "~audience"}),
    (
        "the premier had paid for fake follower accounts",
        "allegation",
        (),
        {"premier", "~acquire", "~fake", "~audience", "account"},
    ),
    (
        "buying likes from so-called “click farms” – an accusation that later saw him convicted of defamation",
        "accusation",
        (),
        {"~acquire", "~audience", "~audience", "farm", "q:click farm"},
    ),
    # a country *like* Cambodia is no Facebook like
    (
        "the huge amount of money spent in a poor country like Cambodia",
        "claim",
        (),
        {"huge", "~money", "~acquire", "poor", "country", "cambodia"},
    ),
    # in a denial, the judgement is not the proposition
    ("the leaks were fabricated and not genuine", "denial", (), {"~disclose"}),
    ("fabricated", "allegation", (), {"fabricate"}),
    # names count as entities, not words
    (
        "Hun Sen bought Facebook likes",
        "allegation",
        (("Hun Sen", HUN, "Person"), ("Facebook", FB, "Organization")),
        {"~acquire", "~audience", "@facebook"},
    ),
    (
        "up to 10,000 USD per day and $6,000 in fines and 58 per cent in 2016",
        "allegation",
        (),
        {"~money", "day", "#10000", "#6000", "fine", "#58%"},
    ),
    # nothing to match on
    ("he said it was so", "allegation", (), set()),
    ("", "denial", (), set()),
]


@pytest.mark.parametrize("content,kind,mentions,expected", CASES, ids=[c[0][:30] or "empty" for c in CASES])
def test_keys(content, kind, mentions, expected):
    assert set(statement_features(stmt(content, kind, mentions), load_rules()).keys) == expected


def test_people_named_are_kept_apart_from_keys():
    f = statement_features(
        stmt(
            "Hun Sen and his rival Sam Rainsy bought likes",
            "allegation",
            (("Hun Sen", HUN, "Person"), ("Sam Rainsy", RAINSY, "Person")),
        ),
        load_rules(),
    )
    assert f.persons == {HUN, RAINSY} and f.about == {HUN} and f.stance == "asserts"
    assert not {k for k in f.keys if "rainsy" in k}


def test_the_speaker_is_not_an_argument():
    f = statement_features(
        stmt(
            "Sam Rainsy never bought likes", "denial", (("Sam Rainsy", RAINSY, "Person"),), targets=(), speaker=RAINSY
        ),
        load_rules(),
    )
    assert f.persons == set() and f.about == set() and f.stance == "denies"


def test_plain_statements_take_no_stance():
    assert statement_features(stmt("it rained", "statement"), load_rules()).stance is None


@pytest.mark.parametrize(
    "content,about,expected",
    [
        (
            "the premier of buying likes from so-called “click farms” – an accusation that later saw him convicted",
            "Hun Sen",
            "Hun Sen: buying likes from so-called “click farms”",
        ),
        ("to show Hun Sen spending money", "Hun Sen", "Hun Sen spending money"),
        ("that the email was fake", None, "the email was fake"),
    ],
)
def test_labels(content, about, expected):
    mentions = (("the premier", HUN, "Person"),) if content.startswith("the premier") else ()
    assert label_text(stmt(content, "accusation", mentions), load_rules(), about) == expected

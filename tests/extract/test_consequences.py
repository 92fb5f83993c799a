"""The consequences stage and statement dates: invented sentences -> expected records,
including sentences that must yield nothing (negated, modal, intended, denied, no one affected)."""

from __future__ import annotations

from types import SimpleNamespace

import pytest

from kg.extract.pipeline import extract_doc


def run(nlp, text, date=None):
    art = SimpleNamespace(title=None, body=(0, len(text)), meta={"date": date} if date else {})
    return extract_doc(nlp(text), art)


def brief(c):
    return (c["outcome"], [a["text"] for a in c["affected"]])


@pytest.mark.parametrize(
    "text, expected",
    [
        ("Maria Lopez was convicted of fraud in a Madrid court.", [("convicted", ["Maria Lopez"])]),
        ("Prosecutors sued Acme Holdings over the leak.", [("sued", ["Acme Holdings"])]),
        ("John Okafor was found guilty of bribery.", [("convicted", ["John Okafor"])]),
        ("The senator was charged with corruption last week.", [("charged", ["The senator"])]),
        ("Peter Brandt was ordered to pay $5,000 in fines.", [("fined", ["Peter Brandt"])]),
        ("Anna Weiss was acquitted of all charges.", [("acquitted", ["Anna Weiss"])]),
        # must yield nothing
        ("Maria Lopez was not convicted of fraud.", []),
        ("Maria Lopez could be fined for the post.", []),
        ("The minister threatened to sue the newspaper.", []),
        ("Critics called for an investigation.", []),
        ("Tom Reyes denied that he was charged with fraud.", []),
        ("The fee was charged to the account.", []),
    ],
)
def test_outcomes(nlp, text, expected):
    assert [brief(c) for c in run(nlp, text)["consequences"]] == expected


def test_amount_charge_and_penalty(nlp):
    (c,) = run(nlp, "Leila Haddad was sentenced to three years late last year.", "2016-05-02")["consequences"]
    assert c["penalty"]["text"] == "three years"
    assert (c["date"]["text"], c["date"]["value"], c["date"]["rule"]) == ("late last year", "2015", "date-attached")
    (c,) = run(nlp, "Peter Brandt was ordered to pay around $6,000 in fines.")["consequences"]
    assert (c["amount"]["value"], c["amount"]["currency"], c["amount"]["text"]) == (6000, "USD", "around $6,000")
    (c,) = run(nlp, "Maria Lopez was convicted of defamation.")["consequences"]
    assert c["charge"]["text"] == "defamation" and c["because_of"] == []


def test_tied_to_the_accusation_it_followed(nlp):
    text = (
        "Opposition leader Karl Mendes accused the mayor of buying votes, an accusation that later saw him "
        "convicted of defamation."
    )
    r = run(nlp, text)
    (c,) = r["consequences"]
    (s,) = [s for s in r["statements"] if s["id"] in c["because_of"]]
    assert s["kind"] == "accusation" and "buying votes" in s["content"]["text"]
    assert c["link_rule"] in ("cause-statement", "cause-speaker") and c["affected"][0]["name"] == "Karl Mendes"
    assert text[c["trigger"]["start"] : c["trigger"]["end"]] == "convicted"


@pytest.mark.parametrize(
    "text, date, expected",
    [
        ("Jane Doe denied the allegations on Tuesday.", "2016-03-10", ("on Tuesday", "2016-03-08")),
        ("Jane Doe yesterday denied the allegations.", "2016-03-10", ("yesterday", "2016-03-09")),
        ("Last week, Jane Doe denied the allegations.", "2016-03-10", ("Last week", "2016-W09")),
        ("Jane Doe denied the allegations on Tuesday.", None, ("on Tuesday", None)),  # unknown stays unknown
        # must yield nothing: the time belongs to the content, or to another clause
        ("Jane Doe denied that she met the envoy in February 2016.", "2016-03-10", None),
        ("Jane Doe, who was elected in 2012, denied the allegations.", "2016-03-10", None),
        ("Jane Doe denied the allegations.", "2016-03-10", None),
    ],
)
def test_statement_dates(nlp, text, date, expected):
    (s,) = [s for s in run(nlp, text, date)["statements"] if s["kind"] == "denial"]
    got = (s["date"]["text"], s["date"]["value"]) if s["date"] else None
    if expected is not None:
        assert got[1] == expected[1] and expected[0].endswith(got[0])
    else:
        assert got is None

"""Account figures carry when they held: invented sentences -> (date text, value) or None."""

from __future__ import annotations

from types import SimpleNamespace

import pytest

from kg.extract.pipeline import extract_doc


def metrics(nlp, text, date):
    art = SimpleNamespace(title=None, body=(0, len(text)), meta={"date": date} if date else {})
    out = extract_doc(nlp(text), art, tagger=False)
    return [m for e in out["entities"] for m in e.get("metrics") or []]


@pytest.mark.parametrize(
    "text, date, expected",
    [
        ("Hun Sen's Facebook page had 3 million followers in March 2016.", "2017-05-04", ("March 2016", "2016-03")),
        ("Hun Sen's Facebook page had 2 million followers last year.", "2017-05-04", ("last year", "2016")),
        # relative and no article date: the words stay, the value is unknown
        ("Hun Sen's Facebook page had 2 million followers last year.", None, ("last year", None)),
        # no time expression: as of the article, nothing on the figure
        ("Kem Sokha's Facebook page has 600,000 followers.", "2017-05-04", None),
        # the expression dates another clause's verb, not the figure
        ("Hun Sen, who took office in 1985, has 3 million Facebook followers.", "2017-05-04", None),
    ],
)
def test_metric_dates(nlp, text, date, expected):
    (m,) = metrics(nlp, text, date)
    got = (m["date"]["text"], m["date"]["value"]) if m["date"] else None
    assert got == expected

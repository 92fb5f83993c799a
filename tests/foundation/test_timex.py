"""kg/timex.py: time expressions resolved against the article date."""

from datetime import date

import pytest

from kg.timex import PartialDate, find_timexes, normalise_date, parse_date

MONDAY = "2016-03-14"  # a Monday

# sentence, article date, expected [(text, value, rule)]
CASES = [
    ("Leakers released images yesterday.", MONDAY, [("yesterday", "2016-03-13", "deictic-day")]),
    ("He said today that it was false.", MONDAY, [("today", "2016-03-14", "deictic-day")]),
    ("The vote is tomorrow.", MONDAY, [("tomorrow", "2016-03-15", "deictic-day")]),
    ("They met last night.", MONDAY, [("last night", "2016-03-13", "deictic-day")]),
    ("A Post analysis in February of 2016 found it.", MONDAY, [("February of 2016", "2016-02", "date-month-year")]),
    ("in February 2016", None, [("February 2016", "2016-02", "date-month-year")]),
    ("They were in France last September.", MONDAY, [("last September", "2015-09", "month-relative")]),
    ("Last July, the agency held workshops.", MONDAY, [("Last July", "2015-07", "month-relative")]),
    ("It happened last March.", MONDAY, [("last March", "2015-03", "month-relative")]),
    ("Likes bought in March last year.", MONDAY, [("March last year", "2015-03", "month-of-relative-year")]),
    ("They were sentenced late last year.", MONDAY, [("late last year", "2015", "unit-relative")]),
    ("In September, he took ownership.", MONDAY, [("September", "2015-09", "month-bare")]),
    ("In January he was named.", MONDAY, [("January", "2016-01", "month-bare")]),
    ("It is scheduled for April.", MONDAY, [("April", "2016-04", "month-bare")]),
    ("It hit 3 million last weekend.", MONDAY, [("last weekend", "2016-W10-WE", "unit-relative")]),
    ("earlier this week", MONDAY, [("earlier this week", "2016-W11", "unit-relative")]),
    ("last month", MONDAY, [("last month", "2016-02", "unit-relative")]),
    ("next year", MONDAY, [("next year", "2017", "unit-relative")]),
    ("workshops held eight months ago", MONDAY, [("eight months ago", "2015-07", "unit-ago")]),
    ("three days ago", MONDAY, [("three days ago", "2016-03-11", "unit-ago")]),
    ("a year ago", MONDAY, [("a year ago", "2015", "unit-ago")]),
    ("On Monday he said", MONDAY, [("Monday", "2016-03-14", "weekday")]),
    ("He spoke on Friday.", MONDAY, [("Friday", "2016-03-11", "weekday")]),
    ("He will meet them on Friday.", MONDAY, [("Friday", "2016-03-18", "weekday")]),
    ("last Monday", MONDAY, [("last Monday", "2016-03-07", "weekday")]),
    ("next Monday", MONDAY, [("next Monday", "2016-03-21", "weekday")]),
    ("on March 3", MONDAY, [("March 3", "2016-03-03", "date-month-day")]),
    ("on December 3", MONDAY, [("December 3", "2015-12-03", "date-month-day")]),
    ("on 24 July", MONDAY, [("24 July", "2015-07-24", "date-day-month")]),
    ("March 14, 2016", None, [("March 14, 2016", "2016-03-14", "date-month-day-year")]),
    ("14 March 2016", None, [("14 March 2016", "2016-03-14", "date-day-month-year")]),
    ("Sept. 5, 2015", None, [("Sept. 5, 2015", "2015-09-05", "date-month-day-year")]),
    ("2016-03-01", None, [("2016-03-01", "2016-03-01", "date-iso")]),
    ("In 2015 alone, there was growth.", None, [("2015", "2015", "year")]),
    ("since the 2013 national elections", None, [("2013", "2013", "year")]),
    ("mid-2014", None, [("mid-2014", "2014", "year")]),
    ("as they did in the 1970s", None, [("1970s", "197X", "decade")]),
    # relative without an article date: found, value unknown
    ("yesterday", None, [("yesterday", None, "deictic-day")]),
    ("last September", None, [("last September", None, "month-relative")]),
    ("a few weeks ago", MONDAY, [("a few weeks ago", None, "unit-ago")]),
    # a date known only to the month is too coarse for "yesterday", fine for "last year"
    (
        "yesterday and last year",
        "2016-03",
        [("yesterday", None, "deictic-day"), ("last year", "2015", "unit-relative")],
    ),
    # must yield nothing
    ("We may march on the capital.", MONDAY, []),
    ("The Sun reported 2015 people hurt.", MONDAY, []),
    ("He won 58 per cent, 2015 votes.", MONDAY, []),
    ("May I say something?", MONDAY, []),
    ("He paid $2016 in fines.", MONDAY, []),
    ("this day", MONDAY, []),
]


@pytest.mark.parametrize("text,anchor,expected", CASES, ids=[c[0][:40] for c in CASES])
def test_expressions(text, anchor, expected):
    got = [(t.text, t.value, t.rule) for t in find_timexes(text, anchor)]
    assert got == expected


def test_offsets_index_the_text():
    text = "Rainsy was convicted late last year, and in February 2016 he was fined."
    for t in find_timexes(text, MONDAY):
        assert text[t.start : t.end] == t.text


def test_ranges_cover_the_value():
    (t,) = find_timexes("last weekend", MONDAY)
    assert (t.first, t.last) == (date(2016, 3, 12), date(2016, 3, 13))
    (t,) = find_timexes("in February 2016", None)
    assert (t.first, t.last, t.grain, t.relative) == (date(2016, 2, 1), date(2016, 2, 29), "month", False)


def test_never_reads_the_clock():
    assert find_timexes("yesterday", None)[0].value is None
    assert find_timexes("yesterday", date(2001, 1, 1))[0].value == "2000-12-31"


def test_record_is_plain_json():
    import json

    rec = find_timexes("yesterday", MONDAY)[0].record()
    assert json.loads(json.dumps(rec)) == rec and rec["first"] == "2016-03-13"


@pytest.mark.parametrize(
    "raw,expected",
    [
        ("2016-03-14", "2016-03-14"),
        ("2016-03-14T09:30:00+07:00", "2016-03-14"),
        ("2016-3-4", "2016-03-04"),
        ("2016-03", "2016-03"),
        ("2016", "2016"),
        ("2016/03/14", "2016-03-14"),
        ("March 14, 2016", "2016-03-14"),
        ("14 March 2016", "2016-03-14"),
        ("Feb. 2016", "2016-02"),
        (date(2016, 3, 14), "2016-03-14"),
        ("03/04/2016", None),
        ("2016-02-30", None),
        ("yesterday", None),
        ("", None),
        ("soon", None),
        (None, None),
        ("published 2016-13-01", None),
    ],
)
def test_article_dates(raw, expected):
    assert normalise_date(raw) == expected


def test_partial_date_grain():
    assert parse_date("2016-03").grain == "month" and PartialDate(2016).grain == "year"

"""Time expressions in news text, resolved against the article date.

Pure: ``find_timexes(text, anchor)`` returns one record per expression
("yesterday", "last September", "in February 2016", "eight months ago") with
character offsets into ``text``, a TIMEX3/EDTF value ("2016-03-13",
"2015-09", "2016-W10", "2016", "197X") and the first and last day it covers.
An expression that needs the article date gets ``value=None`` when the date
is unknown (or too coarse: "yesterday" against a date known only to the
month): unknown stays unknown, never today's date.

Why our own rules and not dateparser: dateparser parses one string it is
given and its ``search_dates`` reads "may", "march" and "sun" as dates and
costs milliseconds per sentence; news needs a few dozen shapes found with
offsets, past-leaning resolution ("on Monday" in a report is the Monday
before) and no dependence on the machine's clock. Words are data
(kg/patterns/timex.toml); each shape below is a rule with an id.

Conventions (TimeML news practice): a bare weekday or month points back from
the article date unless a future cue ("will", "is scheduled") comes shortly
before it in the same sentence; "last Monday" is the most recent Monday
before the article date, "last September" the most recent September before
its month; weeks are ISO weeks (Monday to Sunday).
"""

from __future__ import annotations

import calendar
import re
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from functools import lru_cache

from .patterns import load

GRAINS = ("day", "weekend", "week", "month", "year", "decade")


@dataclass(frozen=True)
class Timex:
    start: int
    end: int
    text: str
    value: str | None  # None: needs an article date we do not have
    grain: str
    first: date | None
    last: date | None
    relative: bool  # resolved against the article date
    rule: str

    def record(self) -> dict:
        return {
            "start": self.start,
            "end": self.end,
            "text": self.text,
            "value": self.value,
            "grain": self.grain,
            "first": self.first.isoformat() if self.first else None,
            "last": self.last.isoformat() if self.last else None,
            "relative": self.relative,
            "rule": self.rule,
        }


@dataclass(frozen=True)
class PartialDate:
    """A date known to the year, the month or the day."""

    year: int
    month: int | None = None
    day: int | None = None

    @property
    def grain(self) -> str:
        return "day" if self.day else "month" if self.month else "year"

    def iso(self) -> str:
        if self.day:
            return f"{self.year:04d}-{self.month:02d}-{self.day:02d}"
        if self.month:
            return f"{self.year:04d}-{self.month:02d}"
        return f"{self.year:04d}"

    def as_date(self) -> date:
        return date(self.year, self.month or 1, self.day or 1)


# -- article dates ---------------------------------------------------------------

_ISO = re.compile(r"^\s*(\d{4})(?:-(\d{1,2})(?:-(\d{1,2}))?)?(?:[T ][0-9:.]+(?:Z|[+-]\d{2}:?\d{2})?)?\s*$")
_SLASH_YMD = re.compile(r"^\s*(\d{4})/(\d{1,2})/(\d{1,2})\s*$")


def parse_date(value: object) -> PartialDate | None:
    """An article date as metadata gives it -> PartialDate, or None when it is
    not a date we can read unambiguously ("03/04/2016" is not: month or day first?).

    Accepts ISO dates and date-times ("2016-03-14", "2016-03-14T09:30:00+07:00",
    "2016-03", "2016"), "2016/03/14", and written dates ("March 14, 2016",
    "14 March 2016", "Mar. 2016").
    """
    if isinstance(value, datetime):
        value = value.date()
    if isinstance(value, date):
        return PartialDate(value.year, value.month, value.day)
    if not isinstance(value, str) or not value.strip():
        return None
    m = _ISO.match(value) or _SLASH_YMD.match(value)
    if m:
        y, mo, d = (int(g) if g else None for g in m.groups())
        return _checked(y, mo, d)
    found = [t for t in find_timexes(value, None) if t.value and not t.relative]
    if (
        len(found) == 1
        and found[0].grain in ("day", "month", "year")
        and value.strip(" ,.").endswith(found[0].text.strip(" ,."))
    ):
        parts = found[0].value.split("-")
        return _checked(*(int(p) for p in parts), *([None] * (3 - len(parts))))
    return None


def _checked(y: int, mo: int | None, d: int | None) -> PartialDate | None:
    if not 1000 <= y <= 9999 or (mo is not None and not 1 <= mo <= 12):
        return None
    if d is not None:
        if mo is None or not 1 <= d <= calendar.monthrange(y, mo)[1]:
            return None
    return PartialDate(y, mo, d)


def normalise_date(value: object) -> str | None:
    """ISO form of an article date ("2016-03-14", "2016-03", "2016") or None."""
    p = parse_date(value)
    return p.iso() if p else None


# -- lexicon and rules -------------------------------------------------------------


@dataclass(frozen=True)
class _Lex:
    months: dict
    ambiguous: frozenset
    lead: frozenset
    weekdays: dict
    numbers: dict
    future: re.Pattern
    rules: tuple  # (rule id, compiled pattern, handler)


@lru_cache(maxsize=1)
def _lex() -> _Lex:
    raw = load("timex")
    months = {k.lower(): v for k, v in raw["months"].items()}
    lex = _Lex(
        months=months,
        ambiguous=frozenset(raw["ambiguous_months"]),
        lead=frozenset(raw["month_lead_words"]),
        weekdays={k.lower(): v for k, v in raw["weekdays"].items()},
        numbers=dict(raw["numbers"]),
        future=re.compile(r"(?<!\w)(?:" + _alt(raw["future_cues"]) + r")(?!\w)"),
        rules=(),
    )
    object.__setattr__(lex, "rules", _compile(lex))
    return lex


def _alt(words) -> str:
    return "|".join(re.escape(w) for w in sorted(words, key=len, reverse=True))


def _compile(lex: _Lex) -> tuple:
    # Month names are capitalised in news copy: that alone keeps "march",
    # "may" and "sun" (the verbs and the noun) out.
    mon = "(?P<mon>" + "|".join(w.capitalize() for w in sorted(lex.months, key=len, reverse=True)) + r")\.?"
    full = (
        "(?P<mon>"
        + "|".join(w.capitalize() for w in sorted(lex.months, key=len, reverse=True) if len(w) > 3 and w != "sept")
        + ")"
    )
    wd = "(?P<wd>" + "|".join(w.capitalize() for w in lex.weekdays) + ")"
    num = r"(?P<n>\d{1,3}|" + _alt(lex.numbers) + ")"
    day = r"(?P<day>[0-3]?\d)(?:st|nd|rd|th)?"
    year = r"(?P<year>(?:1[89]|20)\d{2})"
    unit = r"(?P<unit>day|week|weekend|month|year|decade)s?"
    specs = [
        ("date-iso", r"(?P<year>\d{4})-(?P<mon>\d{2})-(?P<day>\d{2})(?![\d-])", _abs_iso),
        ("date-month-day-year", rf"{mon}\s+{day},?\s+{year}", _abs_day),
        ("date-day-month-year", rf"{day}\s+(?:of\s+)?{mon},?\s+{year}", _abs_day),
        ("date-month-year", rf"{mon},?\s+(?:of\s+)?{year}", _abs_month),
        ("date-month-day", rf"{mon}\s+{day}(?![\d,.]*\d)", _rel_month_day),
        ("date-day-month", rf"{day}\s+(?:of\s+)?{full}", _rel_month_day),
        (
            "month-of-relative-year",
            rf"{full},?\s+(?:of\s+)?(?P<rel>(?i:last|this|next))\s+(?i:year)",
            _month_of_rel_year,
        ),
        ("month-relative", rf"(?P<rel>(?i:last|this|next|coming))\s+{full}", _rel_month),
        ("month-bare", rf"(?:(?P<lead>[A-Za-z]+)[\s-]+)?{full}", _bare_month),
        (
            "deictic-day",
            r"(?P<deictic>the day before yesterday|the day after tomorrow|today|tonight|yesterday|tomorrow|last night|this (?:morning|afternoon|evening))",
            _deictic,
        ),
        ("weekday", rf"(?:(?P<rel>(?i:last|this|next|coming|on))\s+)?{wd}", _weekday),
        (
            "unit-relative",
            rf"(?:(?P<mod>earlier|later|early|late|mid)[\s-]+)?(?P<rel>last|this|next|coming)\s+{unit}",
            _rel_unit,
        ),
        ("unit-ago", rf"{num}\s+{unit}\s+ago", _ago),
        ("decade", r"(?P<dec>(?:1[89]|20)\d)0s", _decade),
        ("year", rf"(?:(?P<lead>[A-Za-z]+)[\s-]+){year}(?![\d,.]*\d|\s*(?:%|per\s*cent|percent))", _year),
    ]
    return tuple(
        (
            rid,
            re.compile(
                r"(?<![\w$€£])" + pat + r"(?!\w)", 0 if rid.startswith(("date", "month", "weekday", "year")) else re.I
            ),
            fn,
        )
        for rid, pat, fn in specs
    )


# -- finding -------------------------------------------------------------------------


def find_timexes(text: str, anchor: object = None) -> list[Timex]:
    """Every time expression in ``text``, resolved against ``anchor`` (the
    article date: a date, a PartialDate, an ISO string or None), in text order.

    Overlapping matches: the longest wins ("March 14, 2016" over "March 14"),
    then the earlier rule.
    """
    lex = _lex()
    if not isinstance(anchor, PartialDate):
        anchor = parse_date(anchor) if anchor is not None else None
    cands = []
    for order, (rid, rx, fn) in enumerate(lex.rules):
        for m in rx.finditer(text):
            core = _core_start(m)  # ranked by the expression, not its preposition
            cands.append((core, -(m.end() - core), order, rid, m, fn))
    cands.sort(key=lambda c: (c[1], c[0], c[2]))
    taken: list[tuple[int, int]] = []
    out = []
    for start, neg_len, _order, rid, m, fn in cands:
        end = start - neg_len
        if any(start < e and s < end for s, e in taken):
            continue
        res = fn(m, anchor, _future(text, start, lex), lex)
        if res is None:
            continue
        taken.append((start, end))
        value, grain, first, last, relative = res
        s, e = _trim(text, start, end)
        out.append(Timex(s, e, text[s:e], value, grain, first, last, relative, rid))
    return sorted(out, key=lambda t: t.start)


def _core_start(m: re.Match) -> int:
    """Where the expression starts: a leading preposition ("in 2013", "on
    Monday") is context, not part of it; "late", "early", "mid" are."""
    for lead in ("lead", "rel"):
        if (
            lead in m.re.groupindex
            and m.group(lead)
            and m.group(lead).lower() not in ("early", "late", "mid", "last", "this", "next", "coming")
        ):
            core = next(g for g in ("year", "mon", "wd") if g in m.re.groupindex and m.group(g))
            return m.start(core)
    return m.start()


def _trim(text: str, start: int, end: int) -> tuple[int, int]:
    while end > start and text[end - 1] in " ,.":
        end -= 1
    return start, end


def _future(text: str, start: int, lex: _Lex) -> bool:
    """A future cue in the 40 characters before, not across a sentence end."""
    window = text[max(0, start - 40) : start]
    window = re.split(r"[.!?;]\s", window)[-1].lower()
    return lex.future.search(window) is not None


# -- resolution helpers ------------------------------------------------------------------


def _month_bounds(y: int, m: int) -> tuple[date, date]:
    return date(y, m, 1), date(y, m, calendar.monthrange(y, m)[1])


def _add_months(y: int, m: int, n: int) -> tuple[int, int]:
    k = y * 12 + (m - 1) + n
    return k // 12, k % 12 + 1


def _day(d: date, relative: bool, grain: str = "day"):
    return d.isoformat(), grain, d, d, relative


def _month(y: int, m: int, relative: bool):
    first, last = _month_bounds(y, m)
    return f"{y:04d}-{m:02d}", "month", first, last, relative


def _yearv(y: int, relative: bool):
    return f"{y:04d}", "year", date(y, 1, 1), date(y, 12, 31), relative


def _week(d: date, relative: bool):
    iy, iw, _ = d.isocalendar()
    monday = d - timedelta(days=d.weekday())
    return f"{iy:04d}-W{iw:02d}", "week", monday, monday + timedelta(days=6), relative


def _unknown(grain: str):
    return None, grain, None, None, True


def _needs(anchor: PartialDate | None, grain: str) -> bool:
    """Whether ``anchor`` is precise enough for a ``grain``-relative expression."""
    if anchor is None:
        return False
    order = {"day": 0, "month": 1, "year": 2}
    return order[anchor.grain] <= order[grain]


def _month_no(m: re.Match, lex: _Lex) -> int:
    return lex.months[m.group("mon").lower()]


# -- handlers: (match, anchor, future?, lexicon) -> (value, grain, first, last, relative) | None


def _abs_iso(m, anchor, future, lex):
    p = _checked(int(m.group("year")), int(m.group("mon")), int(m.group("day")))
    return _day(p.as_date(), False) if p else None


def _abs_day(m, anchor, future, lex):
    p = _checked(int(m.group("year")), _month_no(m, lex), int(m.group("day")))
    return _day(p.as_date(), False) if p else None


def _abs_month(m, anchor, future, lex):
    return _month(int(m.group("year")), _month_no(m, lex), False)


def _rel_month_day(m, anchor, future, lex):
    mon, dd = _month_no(m, lex), int(m.group("day"))
    if not 1 <= dd <= 31:
        return None
    if not _needs(anchor, "day"):
        return _unknown("day")
    a = anchor.as_date()
    for y in (a.year, a.year + 1) if future else (a.year, a.year - 1):
        p = _checked(y, mon, dd)
        if p and ((p.as_date() >= a) if future else (p.as_date() <= a)):
            return _day(p.as_date(), True)
    return None


def _rel_month(m, anchor, future, lex):
    rel, mon = m.group("rel").lower(), _month_no(m, lex)
    if not _needs(anchor, "month"):
        return _unknown("month")
    y = anchor.year
    if rel == "this":
        return _month(y, mon, True)
    if rel == "last":
        return _month(y if mon < anchor.month else y - 1, mon, True)
    return _month(y if mon > anchor.month else y + 1, mon, True)  # next, coming


def _month_of_rel_year(m, anchor, future, lex):
    if not _needs(anchor, "year"):
        return _unknown("month")
    shift = {"last": -1, "this": 0, "next": 1}[m.group("rel").lower()]
    return _month(anchor.year + shift, _month_no(m, lex), True)


def _bare_month(m, anchor, future, lex):
    name, lead = m.group("mon").lower(), (m.group("lead") or "").lower()
    if lead and lead not in lex.lead:
        lead = ""
    if name in lex.ambiguous and not lead:
        return None
    if lead in ("last", "this", "next"):
        return None  # month-relative handles these; a bare match here would be shorter anyway
    if not _needs(anchor, "month"):
        return _unknown("month")
    mon = lex.months[name]
    if future:
        return _month(anchor.year if mon >= anchor.month else anchor.year + 1, mon, True)
    return _month(anchor.year if mon <= anchor.month else anchor.year - 1, mon, True)


_DEICTIC = {
    "today": 0,
    "tonight": 0,
    "this morning": 0,
    "this afternoon": 0,
    "this evening": 0,
    "yesterday": -1,
    "last night": -1,
    "tomorrow": 1,
    "the day before yesterday": -2,
    "the day after tomorrow": 2,
}


def _deictic(m, anchor, future, lex):
    if not _needs(anchor, "day"):
        return _unknown("day")
    return _day(anchor.as_date() + timedelta(days=_DEICTIC[m.group("deictic").lower()]), True)


def _weekday(m, anchor, future, lex):
    rel = (m.group("rel") or "").lower()
    target = lex.weekdays[m.group("wd").lower()]
    if not _needs(anchor, "day"):
        return _unknown("day")
    a = anchor.as_date()
    back = (a.weekday() - target) % 7
    fwd = (target - a.weekday()) % 7
    if rel == "this":
        return _day(a - timedelta(days=a.weekday()) + timedelta(days=target), True)
    if rel == "last":
        return _day(a - timedelta(days=back or 7), True)
    if rel in ("next", "coming"):
        return _day(a + timedelta(days=fwd or 7), True)
    return _day(a + timedelta(days=fwd) if future else a - timedelta(days=back), True)


def _rel_unit(m, anchor, future, lex):
    rel, unit = m.group("rel").lower(), m.group("unit").lower()
    if unit == "decade":
        return None
    shift = {"last": -1, "this": 0, "next": 1, "coming": 1}[rel]
    need = "day" if unit in ("day", "week", "weekend") else unit
    if unit == "day":
        return None  # "this day", "last day": not a date
    if not _needs(anchor, need):
        return _unknown(unit)
    return _shifted(anchor, unit, shift)


def _shifted(anchor: PartialDate, unit: str, n: int):
    if unit == "year":
        return _yearv(anchor.year + n, True)
    if unit == "month":
        return _month(*_add_months(anchor.year, anchor.month, n), True)
    a = anchor.as_date()
    if unit == "day":
        return _day(a + timedelta(days=n), True)
    if unit == "week":
        return _week(a + timedelta(weeks=n), True)
    # weekend: the Saturday-Sunday of the ISO week n weeks away (on a Monday,
    # "last weekend" is the two days before; on a Sunday, the week before's).
    sat = a - timedelta(days=a.weekday()) + timedelta(days=5) + timedelta(weeks=n)
    iy, iw, _ = sat.isocalendar()
    return f"{iy:04d}-W{iw:02d}-WE", "weekend", sat, sat + timedelta(days=1), True


def _ago(m, anchor, future, lex):
    raw, unit = m.group("n").lower(), m.group("unit").lower()
    n = int(raw) if raw.isdigit() else lex.numbers.get(raw, -1)
    if unit in ("weekend", "decade"):
        return None
    if n < 0:
        return _unknown(unit)  # "a few weeks ago": past, but no date
    if not _needs(anchor, "day" if unit in ("day", "week") else unit):
        return _unknown(unit)
    return _shifted(anchor, unit, -n)


def _decade(m, anchor, future, lex):
    d = int(m.group("dec")) * 10
    return f"{d // 10}X", "decade", date(d, 1, 1), date(d + 9, 12, 31), False


def _year(m, anchor, future, lex):
    lead = (m.group("lead") or "").lower()
    if lead not in lex.lead and lead not in ("fiscal", "year", "around", "circa", "in"):
        return None
    return _yearv(int(m.group("year")), False)


__all__ = ["Timex", "PartialDate", "find_timexes", "parse_date", "normalise_date", "GRAINS"]

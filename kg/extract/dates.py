"""When a statement was made or an outcome happened: the time expression that belongs to it, resolved.

``find_dates(doc, body, article_date)`` finds the article's time expressions
once (kg/timex.py: "yesterday", "on Tuesday", "last week", "in February
2016"), resolved against the article date; ``attach(doc, timexes, anchor,
exclude)`` picks the one that dates an anchor (a statement's cue, an
outcome's word) and returns it as a record::

    {"start", "end", "text", "value", "grain", "first", "last", "timex_rule", "rule"}

``value`` is the TIMEX3 value ("2016-03-15", "2016-W10", "2015-09") or None
when the article date is unknown or too coarse (unknown stays unknown).

Which expression belongs to the anchor (rule ids in rules.toml [date]):

* ``date-attached``: the expression hangs on the anchor word through
  prepositions and nouns only ("denied the claims *on Tuesday*", "Hun Sen
  *yesterday* denied", "were sentenced to five years *late last year*");
* ``date-clause``: the parser hung it elsewhere (a second verb attached to the
  wrong head is common), but it is the only expression of the sentence
  outside the excluded spans and outside any subordinate clause.

Never a date: an expression inside the content ("said *in 2016* the team
bought likes" dates the buying, not the saying), inside the speaker or the
cause phrase, or in a clause of another verb ("Rainsy, who was convicted *in
2016*, said").
"""

from __future__ import annotations

from ..timex import Timex, find_timexes
from .doc import doc_text, tok_range

# Dependency labels of a subordinate clause: an expression under one dates that clause's verb.
_SUBCLAUSE = ("relcl", "acl", "advcl", "ccomp", "xcomp", "csubj", "parataxis")
_MAX_UP = 8


def find_dates(doc, body: tuple, article_date) -> list[Timex]:
    """The time expressions of the body, offsets into the article text, resolved against ``article_date``."""
    text = doc_text(doc)
    lo, hi = body[0], body[1] if body[1] is not None else len(text)
    out = []
    for t in find_timexes(text[lo:hi], article_date):
        out.append(Timex(t.start + lo, t.end + lo, t.text, t.value, t.grain, t.first, t.last, t.relative, t.rule))
    return out


def attach(doc, timexes: list[Timex], anchor: set[int], exclude: list[tuple[int, int]]) -> dict | None:
    """The date record of the expression that dates the anchor tokens, or None."""
    if not anchor or not timexes:
        return None
    sent = doc[min(anchor)].sent
    own = [
        t
        for t in timexes
        if sent.start_char <= t.start < sent.end_char and not any(t.start < e and s < t.end for s, e in exclude)
    ]
    if not own:
        return None
    heads = {t: _head(doc, t) for t in own}
    hung = [t for t in own if heads[t] is not None and _reaches(heads[t], anchor)]
    if hung:
        best = min(hung, key=lambda t: min(abs(doc[a].idx - t.start) for a in anchor))
        return _record(best, "date-attached")
    main = [t for t in own if heads[t] is not None and not _in_subclause(heads[t], anchor)]
    if len(own) == 1 and main:
        return _record(main[0], "date-clause")
    return None


def _head(doc, t: Timex):
    """The token of the expression whose head lies outside it (its syntactic head)."""
    a, b = tok_range(doc, t.start, t.end)
    return _span_head(doc, a, b) if a < b else None


def _span_head(doc, a: int, b: int):
    """The token of tokens [a, b) whose head lies outside them (their syntactic head)."""
    for k in range(a, b):
        h = doc[k].head.i
        if h < a or h >= b or h == k:
            return doc[k]
    return doc[a]


def _reaches(tok, anchor: set[int]) -> bool:
    """Does the head chain from ``tok`` reach the anchor before any other verb?"""
    node = tok
    for _ in range(_MAX_UP):
        if node.i in anchor:
            return True
        if node.head is node:
            return False
        if node is not tok and node.pos_ in ("VERB", "AUX"):
            return False
        node = node.head
    return node.i in anchor


def _in_subclause(tok, anchor: set[int]) -> bool:
    """Is ``tok`` inside a subordinate clause that does not contain the anchor?"""
    node = tok
    for _ in range(3 * _MAX_UP):
        if node.i in anchor:
            return False
        if node.dep_ in _SUBCLAUSE:
            return not any(a in range(node.left_edge.i, node.right_edge.i + 1) for a in anchor)
        if node.head is node:
            return False
        node = node.head
    return True


def _record(t: Timex, rule: str) -> dict:
    r = t.record()
    return {
        "start": r["start"],
        "end": r["end"],
        "text": r["text"],
        "value": r["value"],
        "grain": r["grain"],
        "first": r["first"],
        "last": r["last"],
        "timex_rule": r["rule"],
        "rule": rule,
    }


def statement_dates(doc, statements: list[dict], timexes: list[Timex]) -> None:
    """Set each statement's ``date``: when it was said (the expression on its cue), or None."""
    for s in statements:
        s["date"] = None
        if not s.get("cue"):
            continue
        a, b = tok_range(doc, s["cue"]["start"], s["cue"]["end"])
        exclude = [(s["content"]["start"], s["content"]["end"])]
        if s.get("speaker"):
            exclude.append((s["speaker"]["start"], s["speaker"]["end"]))
        s["date"] = attach(doc, timexes, set(range(a, b)), exclude)


def metric_dates(doc, entities: list[dict], timexes: list[Timex]) -> None:
    """Set each account metric's ``date``: when the figure held ("had 3 million
    followers *in 2016*"), or None. A figure without one is as of the article's
    date, which the graph keeps on the article; a reader must not take a 2016
    count for a current one."""
    for e in entities:
        for m in e.get("metrics") or []:
            m["date"] = None
            if m.get("start") is None or not timexes:
                continue
            a, b = tok_range(doc, m["start"], m["end"])
            if a >= b:
                continue
            m["date"] = attach(doc, timexes, _with_verb(doc, a, b), [])


def _with_verb(doc, a: int, b: int) -> set[int]:
    """The figure's tokens and the verb that governs them: a date hangs on the
    verb ("had ... followers in 2016", "rose to 3 million last year") more often
    than on the count itself."""
    anchor = set(range(a, b))
    node = _span_head(doc, a, b)
    for _ in range(_MAX_UP):
        if node.pos_ in ("VERB", "AUX"):
            anchor.add(node.i)
            break
        if node.head is node:
            break
        node = node.head
    return anchor

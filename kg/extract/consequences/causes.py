"""Which statement of the article an outcome followed (``because_of``), and by which rule.

The cause is a noun for something said ("accusation", "remarks", "post"):
the object of "fined over ...", or the subject of a verb of result ("an
accusation that later saw him convicted"). It names a statement when

* ``cause-statement``: the noun lies in a statement's cue or content (the
  article reported the accusation right there: "accused the premier of
  buying likes -- an accusation that later saw him convicted"); or
* ``cause-speaker``: the noun's possessor ("his accusations"), else the
  affected person, made allegations, accusations or claims elsewhere in the
  article: the one whose content shares the most words with the cause phrase
  (names at half weight; one more when the noun names the statement's kind;
  a score of one at least; a bare "his accusations" takes the speaker's only
  such statement).

A cause noun with no complement of its own, followed by the rest of the
clause ("over his accusations Hun Sen's team had bolstered the likes", which
the parser reads as a second verb of the sentence), takes those words as its
complement: the that-less complement clause of news style.
"""

from __future__ import annotations

from ..doc import tok_range

ASSERTING = ("allegation", "accusation", "claim")
_CONTENT_POS = ("NOUN", "PROPN", "VERB", "ADJ", "NUM")


def cause_tokens(doc, noun: int) -> tuple[int, int]:
    """The cause phrase: the noun's subtree, or to the end of the clause for a bare noun (module doc)."""
    n = doc[noun]
    lo, hi = n.left_edge.i, n.right_edge.i
    if any(c.dep_ in ("acl", "relcl", "ccomp", "prep") and c.i > n.i for c in n.children):
        return lo, hi
    k = hi + 1
    end = n.sent.end
    while k < end and not doc[k].is_punct and doc[k].dep_ not in ("cc",):
        k += 1
    return lo, max(hi, k - 1)


def link(doc, cause: int | None, affected: list[dict], statements: list[dict], index) -> tuple[list[str], str | None]:
    """(statement ids, rule) for the cause noun, or ([], None)."""
    if cause is None:
        return [], None
    n = doc[cause]
    start, end = n.idx, n.idx + len(n.text)
    hits = [s["id"] for s in statements if s["kind"] != "denial" and _overlaps(s, start, end)]
    if hits:
        return hits[:1], "cause-statement"
    owner = _owner(doc, n, affected, index)
    if owner is None:
        return [], None
    mine = [
        s
        for s in statements
        if s["kind"] in ASSERTING
        and (s.get("speaker") or {}).get("entity") == owner
        and s["content"]["end"] <= doc[cause].sent.end_char + 1
    ]
    if not mine:
        return [], None
    lo, hi = cause_tokens(doc, cause)
    words = _words(doc, lo, hi, exclude=cause)
    if not words:
        return ([mine[0]["id"]], "cause-speaker") if len(mine) == 1 else ([], None)
    noun = n.lemma_.lower()
    scored = sorted(
        (
            (_score(words, _words(doc, *_tokens(doc, s["content"]))) + (s["kind"] == noun), -i, s["id"])
            for i, s in enumerate(mine)
        ),
        reverse=True,
    )
    return ([scored[0][2]], "cause-speaker") if scored[0][0] >= 1 else ([], None)


def _score(cause: dict, content: dict) -> float:
    """Shared words, names at half weight: a speaker's allegations in one article mostly
    concern the same person, so the act ("bought", "likes") tells them apart, not the name.
    The caller adds one when the cause noun names the statement's kind ("his accusations"
    and an accusation)."""
    return sum(w for lemma, w in cause.items() if lemma in content)


def _overlaps(s: dict, start: int, end: int) -> bool:
    spans = [s["content"]] + ([s["cue"]] if s.get("cue") else [])
    return any(sp["start"] < end and start < sp["end"] for sp in spans)


def _owner(doc, noun, affected: list[dict], index) -> str | None:
    poss = next((c for c in noun.children if c.dep_ == "poss"), None)
    if poss is not None:
        return index.resolve(poss.idx, poss.idx + len(poss.text))
    people = [a["entity"] for a in affected if a["entity"]]
    return people[0] if len(people) == 1 else None


def _tokens(doc, span: dict) -> tuple[int, int]:
    a, b = tok_range(doc, span["start"], span["end"])
    return a, b - 1


def _words(doc, lo: int, hi: int, exclude: int | None = None) -> dict[str, float]:
    """Content lemmas of tokens lo..hi with their weight (names 0.5, other words 1)."""
    out: dict[str, float] = {}
    for k in range(lo, hi + 1):
        t = doc[k]
        if k != exclude and t.pos_ in _CONTENT_POS and not t.is_stop and len(t.text) > 2:
            out[t.lemma_.lower()] = max(out.get(t.lemma_.lower(), 0), 0.5 if t.pos_ == "PROPN" else 1.0)
    return out

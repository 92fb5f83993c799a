"""Per-Doc caches: the document text and a plain token table, built once per Doc.

spaCy rebuilds ``doc.text`` on every access and creating a ``Token`` per
``doc[i]`` dominates whole-document scans, so both sides of the extractor read
these instead. The cache lives in ``doc.user_data`` ("kg.table"), so it goes
away with the Doc (no module-level slot to go stale).
"""

from __future__ import annotations

import bisect

from spacy.attrs import DEP, ENT_TYPE, HEAD, IDX, LIKE_NUM, ORTH, POS, SPACY, TAG


class TokenTable:
    """Plain per-token lists of one Doc, built in one pass and cached in
    ``doc.user_data`` ("kg.table"): scans read these instead of creating a spaCy
    Token per ``doc[i]`` (the dominant cost of the entity side)."""

    __slots__ = ("text", "texts", "lows", "ws", "idx", "tag", "pos", "dep", "head", "ent_type", "like_num", "n")

    def __init__(self, doc):
        n = len(doc)
        # one C-level export, then hash -> string through a per-call memo
        arr = doc.to_array([ORTH, SPACY, IDX, TAG, POS, DEP, HEAD, ENT_TYPE, LIKE_NUM]) if n else None
        cols = [arr[:, k].tolist() for k in range(9)] if n else [[] for _ in range(9)]
        strings = doc.vocab.strings

        def strs(col):  # each distinct hash looked up once
            m = {h: strings[h] for h in set(col)}
            return [m[h] for h in col]

        self.texts = strs(cols[0])
        self.ws = [" " if x else "" for x in cols[1]]
        self.idx = cols[2]
        self.tag = strs(cols[3])
        self.pos = strs(cols[4])
        self.dep = strs(cols[5])
        # HEAD is a relative offset, exported as an unsigned 64-bit value
        self.head = [i + (h if h < 2**63 else h - 2**64) for i, h in enumerate(cols[6])]
        self.ent_type = strs(cols[7])
        self.like_num = [bool(x) for x in cols[8]]
        self.lows = [w.lower() for w in self.texts]
        self.text = "".join([w + s for w, s in zip(self.texts, self.ws)])  # == doc.text
        self.n = n


def token_table(doc) -> TokenTable:
    """The Doc's TokenTable, built once."""
    tab = doc.user_data.get("kg.table")
    if tab is None or tab.n != len(doc):
        tab = TokenTable(doc)
        doc.user_data["kg.table"] = tab
    return tab


def token_texts(doc) -> list[str]:
    """Every token's text, built once per Doc.

    Creating spaCy Token objects dominates the cost of whole-document scans, so
    scans filter on these strings first and touch ``doc[i]`` only for candidates.
    """
    return token_table(doc).texts


def token_lows(doc) -> list[str]:
    """Every token's lowercased text, built once per Doc."""
    return token_table(doc).lows


def tok_range(doc, start: int, end: int) -> tuple[int, int]:
    """Token range [a, b) of the tokens overlapping chars [start, end) -- what
    ``doc.char_span(start, end, alignment_mode="expand")`` covers -- by two
    binary searches over cached token offsets (a >= b: no token)."""
    tab = token_table(doc)
    ends = doc.user_data.get("kg.tok_ends")
    if ends is None or len(ends) != tab.n:
        ends = [s + len(w) for s, w in zip(tab.idx, tab.texts)]
        doc.user_data["kg.tok_ends"] = ends
    return bisect.bisect_right(ends, start), bisect.bisect_left(tab.idx, end)


def doc_text(doc) -> str:
    """``doc.text`` computed once per Doc (spaCy rebuilds it on every access).

    Offsets everywhere are character offsets into this string, which is the
    article's ``raw`` text (``ArticleText.text`` has the same length)."""
    return token_table(doc).text

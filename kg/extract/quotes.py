"""Finding quotations in an article's text (character level, one linear pass).

A *quote* is the text between matching quotation marks. Quotes do not cross
paragraph breaks in news copy: a quote that runs on into the next paragraph
leaves its opening mark unclosed and re-opens the next paragraph, so a segment
cut at a paragraph break is marked ``runs_on`` and the next paragraph's quote
continues the same speaker.

Single curly quotes (‘…’) are ambiguous with apostrophes and scare quotes
(‘likes’); they open only after a space/line start and close only before a
non-letter.

Both stages ask this module, and nothing else, what is quoted, and get the
same answer: the statement stage reads ``find_quotes`` (character spans, with
run-on and utterance information) through ``QuoteMask``; the entity stage's
coreference and email holders read ``token_quote_mask``, the same quotes seen
token by token.
"""

from __future__ import annotations

import bisect
from dataclasses import dataclass

from . import doc as D
from .lexicon import cues


@dataclass(frozen=True)
class Quote:
    start: int  # first char inside the marks
    end: int  # char after the last inside the marks
    outer_start: int  # the opening mark
    outer_end: int  # after the closing mark (or the paragraph end)
    words: int
    runs_on: bool  # unclosed at a paragraph break
    continues: bool  # this quote re-opens a quote that ran on
    utterance: bool = False  # ends in sentence punctuation inside the marks ("No," / "Ridiculous!")


def find_quotes(text: str, lo: int = 0, hi: int | None = None) -> list[Quote]:
    """All quotes in text[lo:hi], in order; nested quotes are part of their outer quote."""
    hi = len(text) if hi is None else hi
    lex = cues().quotes
    closers = {}
    for pair in lex.pairs:
        closers.setdefault(pair[0], []).append(pair[1])
    singles = lex.single
    out: list[Quote] = []
    i = lo
    open_at = -1
    want: list[str] = []
    pending_continue = False
    while i < hi:
        ch = text[i]
        if open_at < 0:
            if ch in closers:
                prev = text[i - 1] if i > 0 else " "
                nxt = text[i + 1] if i + 1 < len(text) else " "
                if ch in singles and (prev.isalnum() or not (nxt.isalnum() or nxt in "[(")):
                    i += 1
                    continue
                if ch == '"' and prev.isalnum():
                    i += 1
                    continue
                # A paragraph opening with a quote mark right after a run-on quote.
                open_at, want = i, closers[ch]
            i += 1
            continue
        if ch == "\n" and (i + 1 < hi and text[i + 1] == "\n" or _para_break(text, i, hi)):
            out.append(_mk(text, open_at, i, i, runs_on=True, continues=pending_continue))
            pending_continue = True
            open_at = -1
            # Skip to the next paragraph; it continues only if it opens with a mark.
            j = i
            while j < hi and text[j] in "\n \t":
                j += 1
            if j >= hi or text[j] not in closers:
                pending_continue = False
            i = j
            continue
        if ch in want:
            nxt = text[i + 1] if i + 1 < len(text) else " "
            if ch == "’" and nxt.isalpha():  # apostrophe inside a single-quoted span
                i += 1
                continue
            out.append(_mk(text, open_at, i, i + 1, runs_on=False, continues=pending_continue))
            pending_continue = False
            open_at = -1
        i += 1
    if open_at >= 0:
        out.append(_mk(text, open_at, hi, hi, runs_on=True, continues=pending_continue))
    # Single-quoted spans only count when long (speech, not scare quotes).
    return [
        q
        for q in out
        if text[q.outer_start] not in singles or q.words >= lex.min_words or (q.utterance and not q.runs_on)
    ]


def _para_break(text: str, i: int, hi: int) -> bool:
    """A newline followed by blank-ish space and another newline (blank line)."""
    j = i + 1
    while j < hi and text[j] in " \t":
        j += 1
    return j < hi and text[j] == "\n"


def _mk(text, open_at, end, outer_end, *, runs_on, continues) -> Quote:
    inner = text[open_at + 1 : end]
    utterance = inner.rstrip()[-1:] in {",", ".", "!", "?", "…"} or runs_on
    return Quote(open_at + 1, end, open_at, outer_end, len(inner.split()), runs_on, continues, utterance)


def long_quotes(quotes: list[Quote]) -> list[Quote]:
    """Quotes long enough to be statements (not scare or mixed quotes)."""
    # A quote without closing punctuation inside its marks is a mixed quote
    # embedded in the writer's sentence (“illegitimate and really shameful”);
    # it belongs to that sentence's content unless it is long.
    n = cues().quotes.min_words
    return [q for q in quotes if _is_sentence(q) or q.words >= 2 * n]


def _is_sentence(q: Quote) -> bool:
    # Short but complete utterances ("No," she said. / “Ridiculous!”) end in
    # sentence punctuation or a comma before the closing mark; scare quotes
    # (“no truth”, ‘likes’) do not.
    return q.utterance and q.words >= 1


class QuoteMask:
    """Answer 'is this character inside a quote?' in O(log n)."""

    def __init__(self, quotes: list[Quote]):
        self.quotes = quotes
        self.starts = [q.start for q in quotes]

    def find(self, pos: int) -> Quote | None:
        k = bisect.bisect_right(self.starts, pos) - 1
        if k >= 0 and self.quotes[k].start <= pos < self.quotes[k].end:
            return self.quotes[k]
        return None


def token_quote_mask(doc) -> list[bool]:
    """True for tokens inside quotations: ``find_quotes`` seen token by token.

    Scare quotes are not quotations: a quoted stretch of at most three tokens
    with no verb (“likes”, “Thleay”, “e-premier”) stays unmasked, so a
    pseudonym in quotes is still a mention outside any quote.
    """
    mask = [False] * len(doc)
    starts = [t.idx for t in doc]
    for q in find_quotes(D.doc_text(doc)):
        a, b = bisect.bisect_left(starts, q.start), bisect.bisect_left(starts, q.end)
        toks = doc[a:b]
        if b - a <= 3 and not any(x.pos_ in ("VERB", "AUX") for x in toks):
            continue
        mask[a:b] = [True] * (b - a)
    return mask

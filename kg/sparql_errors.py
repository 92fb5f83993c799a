"""SPARQL syntax errors a reader can act on.

Oxigraph reports a syntax error as ``error at LINE:COLUMN: expected one of``
followed by every token and character class its grammar would accept there
(a screenful of ``'\\u{00C0}'..='\\u{00D6}'``), with the useful part ("Prefix
not found") somewhere in the list. This keeps the position, the parser's own
message when it has one (else the first few tokens it expected), and the text
around the position.
"""

from __future__ import annotations

import re

_AT = re.compile(r"error at (\d+):(\d+): expected (.*)", re.S)
# One alternative of the list: a quoted token, a character class, or words.
_ALTERNATIVE = re.compile(r'"(?:[^"\\]|\\.)*"|\[(?:[^\]\\]|\\.)*\]|[^,\[\]"]+')
SHOWN_TOKENS = 8


def _alternatives(text: str) -> list[str]:
    return [a.strip() for a in _ALTERNATIVE.findall(text) if a.strip()]


def _message(expected: str) -> str:
    """The parser's first message: a phrase among the alternatives ("Prefix not
    found"), else the first tokens it would have accepted."""
    if not expected.startswith("one of "):
        return expected.strip().split("\n")[0]
    alts = _alternatives(expected[len("one of ") :])
    for a in alts:
        if " " in a and re.fullmatch(r"[A-Za-z][A-Za-z ]+", a):
            return a[0].lower() + a[1:]
    tokens = [a for a in alts if not a.startswith("[")]
    if not tokens:
        return "unexpected character"
    more = ", …" if len(tokens) > SHOWN_TOKENS else ""
    return "expected one of " + ", ".join(tokens[:SHOWN_TOKENS]) + more


def _before(query: str, line: int, column: int) -> str | None:
    """The words of the line up to the reported position (the parser reports
    the furthest point it reached, so the mistake is just before it)."""
    lines = query.split("\n")
    if not 1 <= line <= len(lines):
        return None
    words = lines[line - 1][: max(column - 1, 0)].split()
    excerpt = " ".join(words)
    while len(excerpt) > 30 and len(words) > 1:
        words = words[1:]
        excerpt = " ".join(words)
    return excerpt or None


def explain(message: str, query: str | None = None, *, lines_before: int = 0) -> str:
    """One line for a query error ``message`` (Oxigraph's text) about ``query``;
    ``lines_before``: lines kg put before the query (prefix declarations)."""
    flat = " ".join(message.split())
    m = _AT.search(message)
    if not m:
        return flat[:300]
    line, column = int(m.group(1)) - lines_before, int(m.group(2))
    out = f"syntax error at line {line}, column {column}: {_message(m.group(3))}"
    if query is None:
        return out
    before = _before(query, line, column)
    lines = query.split("\n")
    at_end = line > len(lines) or (line == len(lines) and column > len(lines[-1].rstrip()))
    if before:
        out += f" (after “{before}”" + (", at the end of the query)" if at_end else ")")
    elif at_end:
        out += " (at the end of the query)"
    return out

"""Separating an article body from page chrome, keeping offsets intact.

Captured pages carry a logo line, the headline repeated, photo captions,
section subheads, credits and "related stories" teasers. They must not feed
the extractor, yet every offset we report must index the file as it was read.
So chrome is *blanked* (replaced by spaces, newlines kept) rather than cut:
``ArticleText.text`` has the same length as ``raw`` and spaCy never sees the
chrome.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import lru_cache

from .errors import KgError
from .patterns import load as load_patterns


@dataclass(frozen=True)
class ArticleText:
    raw: str  # the decoded file text; all offsets index this
    text: str  # same length as raw, chrome blanked
    body: tuple[int, int]  # [start, end) of the article body in raw
    title: str | None = None
    meta: dict = field(default_factory=dict)  # publisher, date, author, url when known
    chrome: tuple[tuple[int, int], ...] = ()
    # Offsets where a sentence must start whatever the parser thinks: the
    # starts of an HTML page's blocks (headline, standfirst, paragraphs).
    breaks: tuple[int, ...] = ()


@lru_cache(maxsize=None)
def _patterns() -> dict:
    data = dict(load_patterns("chrome"))  # (a copy: the compiled patterns are added below)
    data["line_res"] = [re.compile(p, re.I) for p in data["line_patterns"]]
    data["bullet_re"] = re.compile(data["bullet_pattern"])
    data["indented_re"] = re.compile(data["indented_pattern"])
    data["dateline_re"] = re.compile(data["dateline_pattern"])
    data["caption_re"] = re.compile(data["caption_pattern"], re.I)
    data["byline_re"] = re.compile(data["byline_pattern"])
    return data


_LOGO_PUBLISHER = re.compile(r"^logo of (?P<pub>.+?) (?:newspaper|magazine|website|news)\b", re.I)
_LOGO_TITLE = re.compile(r"\s[-–|]\s(?P<title>[^-–|]+)$")
_SENTENCE_END = re.compile(r"[.!:;\"”’]$")
_HEADLINE_NOT = re.compile(r"[.!:;,][\"”’')\]]*$")
_QUOTES = re.compile(r"[\"“”‘’']")


def _lines(raw: str) -> list[tuple[int, int, str]]:
    """(start, end, text) of every line, end excluding the newline."""
    out, pos = [], 0
    for line in raw.split("\n"):
        out.append((pos, pos + len(line), line))
        pos += len(line) + 1
    return out


def _norm(s: str) -> str:
    return " ".join(s.split()).casefold()


def _header(lines, pats) -> tuple[int, str | None, dict]:
    """Index of the first body line, the headline, and metadata from the logo line."""
    nonempty = [i for i, (_, _, t) in enumerate(lines) if t.strip()][: pats["header_max_lines"]]
    texts = {i: _norm(lines[i][2]) for i in nonempty}
    meta: dict = {}
    title = None
    last_chrome = -1
    for i in nonempty:
        t = texts[i]
        if pats["line_res"][0].search(t):  # logo line
            last_chrome = i
            if m := _LOGO_PUBLISHER.search(lines[i][2].strip()):
                meta["publisher"] = m.group("pub").strip()
            if m := _LOGO_TITLE.search(lines[i][2].strip()):
                title = m.group("title").strip()
    # A line that recurs in the header (headline, caption) or that another
    # header line extends (caption + photographer credit) is chrome; the body
    # starts after the last of them.
    for i in nonempty:
        t = texts[i]
        others = [texts[j] for j in nonempty if j != i]
        if (
            t in others
            or any(o.startswith(t) and len(o) > len(t) for o in others)
            or any(t.startswith(o) and len(t) - len(o) < 40 and len(o) > 30 for o in others)
        ):
            last_chrome = max(last_chrome, i)
            if title is None and len(t.split()) <= 25 and sum(texts[j] == t for j in nonempty) >= 2:
                title = " ".join(lines[i][2].split())
    if last_chrome < 0 and nonempty:
        # No captured chrome: a short first line without final punctuation is
        # the headline of a plain article.
        first = lines[nonempty[0]][2].strip()
        # A headline may end in a quoted word ('... calls report "misleading"');
        # a sentence ends in punctuation, possibly inside the closing quote.
        if len(nonempty) > 1 and len(first.split()) <= 20 and not _HEADLINE_NOT.search(first):
            title, last_chrome = first, nonempty[0]
    return last_chrome + 1, title, meta


def _footer(lines, start, pats) -> int:
    """Index one past the last body line: trailing teaser blocks are cut."""
    end = len(lines)
    i = end - 1
    saw_bullet = False
    cut = end
    while i >= start:
        t = lines[i][2]
        if not t.strip():
            i -= 1
            continue
        if pats["bullet_re"].match(t):
            saw_bullet = True
            cut = i
        elif not pats["indented_re"].match(t):
            break
        i -= 1
    return cut if saw_bullet else end


def _is_subhead(lines, i, pats) -> bool:
    t = lines[i][2].strip()
    words = t.split()
    if not words or _QUOTES.search(t) or not t[0].isupper():
        return False
    alone = (i == 0 or not lines[i - 1][2].strip()) and (i + 1 >= len(lines) or not lines[i + 1][2].strip())
    if not alone:
        return False
    if t.endswith("?"):
        return len(words) <= pats["subhead_question_max_words"]
    return len(words) <= pats["subhead_max_words"] and not _SENTENCE_END.search(t)


def _is_caption_or_byline(line: str, pats) -> bool:
    m = pats["caption_re"].search(line)
    if m and not _QUOTES.search(m.group(0)):
        return True
    return len(line.split()) <= pats["byline_max_words"] and bool(pats["byline_re"].match(line))


def clean_text(raw: str, *, title: str | None = None, meta: dict | None = None) -> ArticleText:
    """Find the body of a plain-text article or page capture."""
    if not raw.strip():
        raise KgError("empty article: no text to extract from")
    pats = _patterns()
    lines = _lines(raw)
    first, found_title, found_meta = _header(lines, pats)
    last = _footer(lines, first, pats)
    chrome: list[tuple[int, int]] = []
    if first > 0:
        chrome.append((0, lines[first - 1][1]))
    for i in range(first, last):
        s, e, t = lines[i]
        st = t.strip()
        if st and (
            any(r.search(st) for r in pats["line_res"])
            or _is_subhead(lines, i, pats)
            or _is_caption_or_byline(st, pats)
        ):
            chrome.append((s, e))
    if last < len(lines):
        chrome.append((lines[last][0], len(raw)))
    body_lines = [
        (s, e) for s, e, t in lines[first:last] if t.strip() and not any(cs <= s and e <= ce for cs, ce in chrome)
    ]
    if not body_lines:
        raise KgError("no article body found: the text is only page furniture or headings")
    body = (
        body_lines[0][0] + (len(raw[body_lines[0][0] :]) - len(raw[body_lines[0][0] :].lstrip())),
        body_lines[-1][1],
    )
    found_meta = dict(found_meta)
    if dl := pats["dateline_re"].match(raw, body[0], body_lines[0][1]):
        chrome.append((dl.start(), dl.end()))
        body = (dl.end(), body[1])
        found_meta["dateline"] = dl.group("place").strip()
        if dl.group("agency"):
            found_meta["agency"] = dl.group("agency").strip()
    chars = list(raw)
    for s, e in chrome:
        for k in range(s, e):
            if chars[k] != "\n":
                chars[k] = " "
    text = "".join(chars)
    m = dict(found_meta)
    m.update(meta or {})
    return ArticleText(raw=raw, text=text, body=body, title=title or found_title, meta=m, chrome=tuple(chrome))


def clean_html(html: str, *, url: str | None = None, meta: dict | None = None) -> ArticleText:
    """Extract the main text and metadata of an HTML page with trafilatura.

    Offsets index the extracted text (which the graph stores), since markup
    has no meaningful character offsets for a reader. Each block of the page
    (headline, standfirst, paragraph, list item, quote) becomes a paragraph of
    its own, separated by a blank line, and starts a sentence (``breaks``):
    joined by a single newline, spaCy read a headline and the first paragraph
    as one sentence ("Minister denies graft claims Opposition says ..."). The
    headline and subheads are chrome, as in a plain-text capture: kept in
    ``raw``, blanked in ``text``.
    """
    import trafilatura

    doc = trafilatura.bare_extraction(html, url=url, with_metadata=True, include_comments=False, favor_precision=True)
    if doc is None or not (doc.text or "").strip():
        raise KgError("no article text found in the HTML page")
    found = {
        k: v
        for k, v in {
            "date": doc.date,
            "author": doc.author,
            "url": doc.url or url,
            "publisher": doc.sitename,
        }.items()
        if v
    }
    found.update(meta or {})
    blocks = _html_blocks(doc)
    if not blocks:  # trafilatura gave text but no block structure
        blocks = [(doc.text.strip(), False)]
    raw = "\n\n".join(text for text, _ in blocks)
    breaks, chrome, pos = [], [], 0
    title_key = _norm(doc.title or "")
    for k, (text, heading) in enumerate(blocks):
        breaks.append(pos)
        if heading or (k == 0 and title_key and _norm(text) == title_key):
            chrome.append((pos, pos + len(text)))
        pos += len(text) + 2
    chars = list(raw)
    for s, e in chrome:
        for k in range(s, e):
            if chars[k] != "\n":
                chars[k] = " "
    body_blocks = [b for b in breaks if not any(s == b for s, _ in chrome)] or [0]
    return ArticleText(
        raw=raw,
        text="".join(chars),
        body=(body_blocks[0], len(raw)),
        title=doc.title,
        meta=found,
        chrome=tuple(chrome),
        breaks=tuple(breaks),
    )


def _html_blocks(doc) -> list[tuple[str, bool]]:
    """(text, is a heading) for each block of trafilatura's extracted body, as
    trafilatura renders it to text (list items as "- item")."""
    from copy import deepcopy

    from lxml import etree
    from trafilatura.xml import xmltotxt

    body = getattr(doc, "body", None)
    if body is None:
        return []
    out = []
    for child in body:
        if not isinstance(child.tag, str):
            continue
        wrapper = etree.Element(body.tag)
        wrapper.append(deepcopy(child))
        wrapper[0].tail = None
        text = (xmltotxt(wrapper, include_formatting=False) or "").strip()
        if text:
            out.append((text, child.tag == "head"))
    return out

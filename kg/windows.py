"""Extracting from articles of any length: parse in pieces, extract per window,
merge the records.

``kg.parse`` bounds spaCy's memory, but the extractor's own per-document
tables (token tables, mention indexes, candidate lists) grow with the Doc:
~500 bytes per token measured here, plus ~170 bytes per token for the Doc,
so a 10 MB text would need ~1.3 GB for them alone. A text longer than
``WINDOW_CHARS`` is therefore extracted window by window (paragraph-aligned,
like the pieces), and the windows' records are merged into one record for
the article: offsets shifted to index the whole text, an entity found in
several windows merged by its id (ids derive from canonical names), and
statements renumbered ``s1, s2, ...`` in text order with their ``denies``
lists following, and consequences renumbered ``c1, c2, ...`` with their
``because_of`` lists following. What crosses a window boundary is lost -- a pronoun whose
antecedent is in the previous window, a denial answering an allegation made
there -- which is why windows are large: a window holds a long report, and
an ordinary article is one window, extracted exactly as before.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from typing import Callable, Iterable, Iterator

from .cleaning import ArticleText
from .parse import parse_texts, split_pieces

# Characters per extraction window: ~100,000 tokens, ~70 MB of Doc and
# extractor tables (docs/performance.md).
WINDOW_CHARS = 500_000


def _call(fn, *args):
    return fn(*args)


def _window_article(article: ArticleText, start: int, end: int) -> ArticleText:
    """The article as the extractor sees one window of it (offsets from ``start``)."""
    b0, b1 = article.body
    body = (min(max(b0 - start, 0), end - start), max(min(b1 - start, end - start), 0))
    breaks = tuple(b - start for b in article.breaks if start <= b < end)
    return ArticleText(
        article.raw[start:end], article.text[start:end], body, article.title, article.meta, breaks=breaks
    )


def extract_articles(
    articles: Iterable[ArticleText],
    nlp,
    *,
    guard: Callable = _call,
    on_progress: Callable[[int, float], None] | None = None,
) -> Iterator:
    """Extractor records for each article, in order (docs/extractor-contract.md).

    ``guard(fn, *args)`` runs each window's extraction (ingest passes one
    that turns an exception into a per-article failure object); a failed
    window makes the article's result that failure. ``on_progress(i, f)``
    reports the fraction ``f`` of article ``i`` parsed so far.
    """
    from .extract import extract_doc

    articles = list(articles) if not isinstance(articles, list) else articles
    units = [(i, s, e) for i, art in enumerate(articles) for s, e in split_pieces(art.text, WINDOW_CHARS)]
    per_article: dict[int, int] = {}
    for i, _s, _e in units:
        per_article[i] = per_article.get(i, 0) + 1

    progress = None
    if on_progress is not None:

        def progress(u: int, done: int, _total: int) -> None:
            i, s, _e = units[u]
            on_progress(i, (s + done) / max(len(articles[i].text), 1))

    def text(i: int, s: int, e: int):
        breaks = [b - s for b in articles[i].breaks if s <= b < e]
        return (articles[i].text[s:e], breaks) if breaks else articles[i].text[s:e]

    texts = (text(i, s, e) for i, s, e in units)
    merger, failed, seen = None, None, 0
    for u, doc in enumerate(parse_texts(nlp, texts, on_piece=progress)):
        i, s, e = units[u]
        if per_article[i] == 1:
            yield guard(extract_doc, doc, articles[i])
            continue
        if merger is None:
            merger, failed, seen = _Merger(articles[i]), None, 0
        rec = guard(extract_doc, doc, _window_article(articles[i], s, e)) if failed is None else None
        del doc
        if failed is None and not isinstance(rec, dict):
            failed = rec
        elif failed is None:
            merger.add(s, rec)
        del rec
        seen += 1
        if seen == per_article[i]:
            yield failed if failed is not None else merger.record()
            merger = None


def extract_article(article: ArticleText, nlp=None) -> dict:
    """Extractor records for one article of any length."""
    if nlp is None:
        from .nlp import load_nlp

        nlp = load_nlp()
    return next(extract_articles([article], nlp))


# -- merging the windows' records ------------------------------------------------


def _shift(obj, by: int):
    """Every {start, end} record inside ``obj`` moved ``by`` characters (in place)."""
    if isinstance(obj, dict):
        if isinstance(obj.get("start"), int) and isinstance(obj.get("end"), int):
            obj["start"] += by
            obj["end"] += by
        for v in obj.values():
            if isinstance(v, (dict, list)):
                _shift(v, by)
    elif isinstance(obj, list):
        for v in obj:
            _shift(v, by)
    return obj


def _merge_entity(into: dict, other: dict) -> None:
    """Fold a later window's record of the same entity into the first one."""
    for key, value in other.items():
        have = into.get(key)
        if isinstance(have, list) and isinstance(value, list):
            seen = {repr(x) for x in have}
            have.extend(x for x in value if repr(x) not in seen)
        elif isinstance(have, bool) and isinstance(value, bool):
            into[key] = have or value
        elif have is None and value is not None:
            into[key] = value


class StatementList(Sequence):
    """The statements of a long article, each kept as its JSON text.

    A statement record costs ~7 KB as Python objects and ~700 bytes as JSON;
    a 10 MB text has ~75,000 of them. Items decode on access, so consumers
    iterate as over a list; ``kg.api.record_json`` writes them out one by one.
    """

    def __init__(self):
        self._items: list[str] = []

    def append(self, record: dict) -> None:
        self._items.append(json.dumps(record, ensure_ascii=False))

    def json_items(self) -> Iterator[str]:
        return iter(self._items)

    def __len__(self) -> int:
        return len(self._items)

    def __getitem__(self, i):
        if isinstance(i, slice):
            return [json.loads(x) for x in self._items[i]]
        return json.loads(self._items[i])

    def __iter__(self) -> Iterator[dict]:
        return (json.loads(x) for x in self._items)


class _Merger:
    """Folds the windows' records into one, window by window (module doc)."""

    def __init__(self, article: ArticleText):
        self.article = article
        self.entities: dict[str, dict] = {}
        self.statements = StatementList()
        self.consequences: list[dict] = []

    def add(self, start: int, rec: dict) -> None:
        _shift(rec["entities"], start)
        _shift(rec["statements"], start)
        for ent in rec["entities"]:
            if ent["id"] in self.entities:
                _merge_entity(self.entities[ent["id"]], ent)
            else:
                self.entities[ent["id"]] = ent
        base = len(self.statements)
        renumber = {s["id"]: f"s{base + k + 1}" for k, s in enumerate(rec["statements"])}
        for s in rec["statements"]:
            s["id"] = renumber[s["id"]]
            s["denies"] = [renumber.get(d, d) for d in s.get("denies", [])]
            self.statements.append(s)
        _shift(rec.get("consequences") or [], start)
        for c in rec.get("consequences") or []:
            c["id"] = f"c{len(self.consequences) + 1}"
            c["because_of"] = [renumber.get(d, d) for d in c.get("because_of") or []]
            self.consequences.append(c)

    def record(self) -> dict:
        body = self.article.body
        return {
            "article": {"title": self.article.title, "body": {"start": body[0], "end": body[1]}},
            "entities": list(self.entities.values()),
            "statements": self.statements,
            "consequences": self.consequences,
        }


def merge_windows(article: ArticleText, windows: Iterable[tuple[int, dict]]) -> dict:
    """One article record from the records of its windows ((start, record), in text order)."""
    merger = _Merger(article)
    for start, rec in windows:
        merger.add(start, rec)
    return merger.record()

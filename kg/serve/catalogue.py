"""What the listing pages need about the whole store, read once per store
version: agents and their names, articles with date and publisher, counts,
and an index of every denial (who, what, whose allegation, against whom).

Sorting or filtering thousands of rows inside Oxigraph decodes every string
it compares (ORDER BY over 3,500 denials takes ~400 ms on a 1M-triple store,
docs/performance.md), so listing pages sort, filter and page these plain rows
in Python and ask the store only for the details of the rows they show.
Built in a background thread when the store changes; pages keep the previous
catalogue until the new one is ready, so a running ingest never blocks them.
"""

from __future__ import annotations

import re
import threading
import time
from collections import Counter, defaultdict
from typing import Callable
from dataclasses import dataclass, field

from .lru import Lru
from .source import Source

KG_NS = "https://w3id.org/kg-claims/ns#"
AGENT_CLASSES = {"Person": "person", "Organization": "organization", "Account": "account"}
STATEMENT_CLASSES = ("Allegation", "Accusation", "Denial", "Assertion", "Confirmation", "Refusal", "Statement")

AGENTS = """
SELECT DISTINCT ?x ?c ?n WHERE { GRAPH ?g { ?x a ?c ; schema:name ?n .
  VALUES ?c { kg:Person kg:Organization kg:Account } } }
"""
ALIASES = "SELECT DISTINCT ?x ?a WHERE { GRAPH ?g { ?x kg:alias ?a } }"
MENTIONS = "SELECT ?x (COUNT(?g) AS ?n) WHERE { GRAPH ?g { ?g schema:mentions ?x } } GROUP BY ?x"
SPEAKS = "SELECT ?x (COUNT(?s) AS ?n) WHERE { GRAPH ?g { ?s kg:speaker ?x } } GROUP BY ?x"
ARTICLES = """
SELECT ?g ?headline ?date ?publisher ?src WHERE { GRAPH ?g { ?g a kg:Article ; kg:sourcePath ?src .
  OPTIONAL { ?g schema:headline ?headline } OPTIONAL { ?g schema:datePublished ?date }
  OPTIONAL { ?g schema:publisher/schema:name ?publisher } } }
"""
CLASS_COUNTS = """
SELECT ?c (COUNT(?x) AS ?n) WHERE { GRAPH ?g { ?x a ?c .
  VALUES ?c { kg:Article kg:Statement kg:Denial kg:Allegation kg:Accusation kg:Assertion kg:Confirmation kg:Refusal } } }
GROUP BY ?c
"""
# One row per (denial, denied statement); OPTIONALs because any part may be missing.
DENIALS = """
SELECT ?d ?g ?content ?sentence ?speaker ?speakerText ?target ?targetText ?a ?claimant ?claimantText ?aTarget ?aTargetText
WHERE { GRAPH ?g {
  ?d a kg:Denial ; kg:contentText ?content ; kg:sentence/oa:exact ?sentence .
  OPTIONAL { ?d kg:speaker ?speaker } OPTIONAL { ?d kg:speakerText ?speakerText }
  OPTIONAL { ?d kg:target ?target } OPTIONAL { ?d kg:targetText ?targetText }
  OPTIONAL { ?d kg:denies ?a .
    OPTIONAL { ?a kg:speaker ?claimant } OPTIONAL { ?a kg:speakerText ?claimantText }
    OPTIONAL { ?a kg:target ?aTarget } OPTIONAL { ?a kg:targetText ?aTargetText } } } }
"""
# Roles as each article reports them (a denier's role is the one in the denial's article).
ROLES = "SELECT DISTINCT ?x ?g ?title WHERE { GRAPH ?g { ?x schema:jobTitle ?title } }"


@dataclass
class Agent:
    iri: str
    kind: str
    name: str
    aliases: list[str] = field(default_factory=list)
    articles: int = 0
    statements: int = 0


@dataclass
class Article:
    iri: str
    headline: str
    date: str
    publisher: str
    source: str

    @property
    def month(self) -> str:
        return self.date[:7] if re.match(r"\d{4}-\d\d", self.date) else ""


@dataclass
class DenialRow:
    """One denial and one statement it denies (or none): a row of who-denied-what."""

    denial: str
    article: str
    number: int  # the statement's number in its article (kgid:statement/H/sN): reading order
    content: str
    sentence: str
    speaker: str | None  # agent IRI
    speaker_text: str
    allegation: str | None
    claimant: str | None
    claimant_text: str
    target: str | None  # the allegation's target, else the denial's
    target_text: str


def key(text: str) -> str:
    """Names compare like kg query's parameters: any case, curly quotes straightened, spaces collapsed."""
    return " ".join(text.replace("’", "'").replace("‘", "'").split()).casefold()


def statement_number(iri: str) -> int:
    tail = iri.rpartition("/")[2]
    return int(tail[1:]) if tail[:1] == "s" and tail[1:].isdigit() else 0


@dataclass
class Catalogue:
    version: int
    agents: dict[str, Agent]
    articles: dict[str, Article]
    denials: list[DenialRow]  # in reading order: newest article first, then by position
    roles: dict[tuple[str, str], list[str]]  # (agent IRI, article IRI) -> job titles
    counts: dict[str, int]
    built_s: float = 0.0
    by_label: dict[str, set[str]] = field(default_factory=dict)  # key(name or alias) -> agent IRIs
    # Per-agent lists a page reads whole but shows a page of (a frequent
    # person's 1,200 statement IRIs: ~60 ms to read at 1M triples), kept for
    # the pages that follow (the next page of a section, the .csv); they die
    # with this catalogue, so with this store version.
    _memo: Lru = field(default_factory=lambda: Lru(64), repr=False)

    def remember(self, key: tuple, compute: Callable[[], object], limit: int = 64):
        """``compute()``, or what it gave for ``key`` before (the ``limit`` most recent keys are kept)."""
        return self._memo.get(key, compute, limit)

    def name(self, iri: str | None, fallback: str = "") -> str:
        a = self.agents.get(iri) if iri else None
        return a.name if a else fallback

    def article_order(self) -> list[Article]:
        # Newest first; undated articles after the dated ones, by headline.
        cached = self.__dict__.get("_order")
        if cached is None:
            arts = sorted(self.articles.values(), key=lambda a: (a.headline.casefold(), a.iri))
            dated = sorted((a for a in arts if a.date), key=lambda a: a.date, reverse=True)
            cached = self.__dict__["_order"] = dated + [a for a in arts if not a.date]
        return cached

    def article_rank(self) -> dict[str, int]:
        cached = self.__dict__.get("_rank")
        if cached is None:
            cached = self.__dict__["_rank"] = {a.iri: i for i, a in enumerate(self.article_order())}
        return cached

    def by_publisher(self) -> list[tuple[str, int]]:
        c = Counter(a.publisher or "(unknown)" for a in self.articles.values())
        return sorted(c.items(), key=lambda kv: (-kv[1], kv[0]))

    def by_month(self) -> list[tuple[str, int]]:
        c = Counter(a.month or "undated" for a in self.articles.values())
        return sorted(c.items(), key=lambda kv: (kv[0] == "undated", kv[0]))


def build(source: Source, version: int) -> Catalogue:
    t0 = time.perf_counter()
    agents: dict[str, Agent] = {}
    for x, c, n in source.rows(AGENTS):
        kind = AGENT_CLASSES.get(c.rsplit("#", 1)[-1], "agent")
        a = agents.get(x)
        # One IRI, one name across articles; if articles disagree, keep the first in sort order.
        if a is None or n < a.name:
            agents[x] = Agent(x, kind, n, a.aliases if a else [])
    for x, alias in source.rows(ALIASES):
        if x in agents and alias != agents[x].name and alias not in agents[x].aliases:
            agents[x].aliases.append(alias)
    for x, n in source.rows(MENTIONS):
        if x in agents:
            agents[x].articles = int(n)
    for x, n in source.rows(SPEAKS):
        if x in agents:
            agents[x].statements = int(n)
    by_label: dict[str, set[str]] = defaultdict(set)
    for a in agents.values():
        a.aliases.sort()
        for label in [a.name, *a.aliases]:
            by_label[key(label)].add(a.iri)
    articles = {g: Article(g, h or src, d or "", p or "", src) for g, h, d, p, src in source.rows(ARTICLES)}
    counts = {c.rsplit("#", 1)[-1]: int(n) for c, n in source.rows(CLASS_COUNTS)}
    for kind in ("person", "organization", "account"):
        counts[kind] = sum(1 for a in agents.values() if a.kind == kind)
    roles: dict[tuple[str, str], list[str]] = defaultdict(list)
    for x, g, title in source.rows(ROLES):
        roles[(x, g)].append(title)
    cat = Catalogue(version, agents, articles, _denials(source, articles), dict(roles), counts, by_label=dict(by_label))
    cat.built_s = time.perf_counter() - t0
    return cat


def _denials(source: Source, articles: dict[str, Article]) -> list[DenialRow]:
    out: dict[tuple, DenialRow] = {}
    for d, g, content, sentence, sp, spt, tg, tgt, a, cl, clt, atg, atgt in source.rows(DENIALS):
        k = (d, a)
        if k in out:  # a second sentence path or name: the first row stands
            continue
        # Against whom: the denied allegation's target, else the denial's own.
        target, target_text = (atg, atgt or "") if (atg or atgt) else (tg, tgt or "")
        out[k] = DenialRow(
            d, g, statement_number(d), content, sentence, sp, spt or "", a, cl, clt or "", target, target_text
        )
    order = {a.iri: i for i, a in enumerate(Catalogue(0, {}, articles, [], {}, {}).article_order())}
    return sorted(
        out.values(), key=lambda r: (order.get(r.article, len(order)), r.number, r.denial, r.allegation or "")
    )


class Catalogues:
    """The current catalogue of a source, rebuilt in the background when the store changes."""

    def __init__(self, source: Source):
        self.source = source
        self._current: Catalogue | None = None
        self._lock = threading.Lock()
        self._building = False

    def get(self) -> Catalogue:
        version = self.source.version
        cur = self._current
        if cur is not None and cur.version == version:
            return cur
        if cur is None:
            with self._lock:  # nothing to show yet: build now
                if self._current is None or self._current.version != self.source.version:
                    self._current = build(self.source, self.source.version)
                return self._current
        self._rebuild_async(version)
        return cur

    def _rebuild_async(self, version: int) -> None:
        with self._lock:
            if self._building:
                return
            self._building = True

        def run():
            try:
                cat = build(self.source, version)
                if self._current is None or cat.version >= self._current.version:
                    self._current = cat
            except Exception:  # noqa: BLE001 - the old catalogue stays; the next request tries again
                pass
            finally:
                self._building = False

        threading.Thread(target=run, daemon=True, name="kg-serve-catalogue").start()

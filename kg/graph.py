"""Extractor records -> RDF triples of one article's named graph.

Pure: a record dict in, an rdflib Graph out (the named graph's content). The
mapping follows ``ontology/kg.ttl``; every node has a deterministic IRI.

Ingest does not go through an rdflib Graph: adding a triple to rdflib's
in-memory store costs ~40 us (event objects, three indexes), which for ~1,800
triples per article was a third of spaCy's parse time. ``article_quads`` gives
the same triples (built by the same code) as a plain set with an N-Triples
serializer, which Oxigraph parses in Rust.
"""

from __future__ import annotations

from decimal import Decimal
from functools import lru_cache
from typing import Iterable, Iterator

from rdflib import BNode, Graph, Literal, URIRef
from rdflib.namespace import RDF, RDFS, XSD

from . import __version__
from .cleaning import ArticleText
from .ids import article_iri, content_hash, entity_iri, global_iri, local_iri, slug
from .namespace import ENTITY_CLASS, KG, OA, ORG, SCHEMA, STATEMENT_CLASS, FOAF

CERTAINTY = {"certain": KG.certain, "probable": KG.probable, "possible": KG.possible}
POLARITY = {"positive": KG.positive, "negative": KG.negative}


# Offsets and counts repeat across spans and articles; rdflib's Literal()
# constructor (type inference, normalisation) is the costly part of a triple.
_int_literal = lru_cache(maxsize=1 << 16, typed=True)(Literal)


class _Builder:
    def __init__(self, article: ArticleText, source: str, chash: str):
        self.art = article_iri(chash)
        self.triples: dict[tuple, None] = {}  # an ordered set: the graph's content
        self.spans: dict[tuple[int, int], URIRef] = {}
        self.chash = chash
        self.article = article
        self.source = source

    def add(self, s, p, o):
        self.triples[(s, p, o)] = None

    def span(self, rec: dict | None) -> URIRef | None:
        if not rec:
            return None
        start, end = int(rec["start"]), int(rec["end"])
        node = self.spans.get((start, end))
        if node is not None:  # the same span (a name, a sentence) is cited many times
            return node
        node = self.spans[(start, end)] = local_iri("span", self.chash, f"{start}-{end}")
        self.add(node, RDF.type, KG.TextSpan)
        self.add(node, OA.start, _int_literal(start))
        self.add(node, OA.end, _int_literal(end))
        self.add(node, OA.exact, Literal(self.article.raw[start:end]))
        self.add(node, KG.inArticle, self.art)
        return node


class ArticleQuads:
    """One article's named graph as a set of triples: what ``Store.write`` takes
    besides rdflib Graphs, without rdflib's per-triple store cost. Iterates
    (s, p, o) like a Graph.

    Pickles as its N-Triples text only (ingest workers send graphs to the
    writing process this way: rdflib terms pickle ~10x slower than the text).
    """

    __slots__ = ("identifier", "triples", "_nt")

    def __init__(self, identifier: URIRef, triples: Iterable[tuple] | None, nt: str | None = None):
        self.identifier = identifier
        self.triples = triples
        self._nt = nt

    def __iter__(self) -> Iterator[tuple]:
        if self.triples is None:
            g = Graph()
            g.parse(data=self._nt, format="nt")
            self.triples = list(g)
        return iter(self.triples)

    def __len__(self) -> int:
        return len(self.triples) if self.triples is not None else self._nt.count("\n")

    def __getstate__(self):
        return (self.identifier, self.ntriples())

    def __setstate__(self, state):
        self.identifier, self._nt = state
        self.triples = None

    def ntriples(self) -> str:
        """The triples as N-Triples text (cached)."""
        if self._nt is None:
            self._nt = ntriples(self.triples)
        return self._nt

    def serialised(self) -> "ArticleQuads":
        """Self, with the N-Triples text computed now (before pickling, say)."""
        self.ntriples()
        return self

    def graph(self) -> Graph:
        g = Graph(identifier=self.identifier)
        for t in self:
            g.add(t)
        return g


def nt_term(term) -> str:
    """An rdflib term in N-Triples (also valid SPARQL) syntax.

    Same lexical form, datatype and language as oxrdflib's conversion
    (``ox.Literal(str(term), ...)``), so a store gets identical terms either way.
    """
    if isinstance(term, URIRef):
        return f"<{term}>"
    if isinstance(term, Literal):
        lex = str(term)
        if "\\" in lex or '"' in lex or "\n" in lex or "\r" in lex:
            lex = lex.replace("\\", "\\\\").replace('"', '\\"').replace("\n", "\\n").replace("\r", "\\r")
        if term.language:
            return f'"{lex}"@{term.language}'
        dt = term.datatype
        if dt is None or dt == XSD.string:
            return f'"{lex}"'
        return f'"{lex}"^^<{dt}>'
    if isinstance(term, BNode):
        return f"_:{term}"
    raise TypeError(f"not an RDF term: {term!r}")


def ntriples(triples: Iterable[tuple], graph: URIRef | None = None) -> str:
    """N-Triples text (N-Quads when ``graph`` is given), one line per triple."""
    memo: dict = {}  # predicates, classes and the article IRI recur on most lines

    def t(x):
        s = memo.get(x)
        if s is None:
            s = memo[x] = nt_term(x)
        return s

    tail = f" <{graph}> .\n" if graph is not None else " .\n"
    return "".join(f"{t(s)} {t(p)} {t(o)}{tail}" for s, p, o in triples)


_DATE_TYPES = {"day": XSD.date, "month": XSD.gYearMonth, "year": XSD.gYear}


def date_literal(value) -> Literal | None:
    """An article date from metadata as a typed literal, or None when unreadable."""
    from .timex import parse_date

    p = parse_date(value)
    return Literal(p.iso(), datatype=_DATE_TYPES[p.grain]) if p else None


def _num(value) -> Literal:
    d = Decimal(str(value))
    return Literal(d.normalize() if d != d.to_integral() else d.quantize(Decimal(1)), datatype=XSD.decimal)


def article_graph(
    article: ArticleText, records: dict, *, source: str, chash: str | None = None, iris: dict | None = None
) -> Graph:
    """Build the named graph for one article from extractor records.

    ``iris`` maps entity ids to IRIs chosen by cross-article linking
    (kg.linking); by default each entity's IRI derives from its canonical name.
    """
    return article_quads(article, records, source=source, chash=chash, iris=iris).graph()


def article_quads(
    article: ArticleText, records: dict, *, source: str, chash: str | None = None, iris: dict | None = None
) -> ArticleQuads:
    """The triples of ``article_graph`` without building an rdflib Graph (for ingest)."""
    chash = chash or content_hash(article.raw)
    b = _Builder(article, source, chash)
    _article(b, article, records, source, chash)
    iris = iris or {e["id"]: entity_iri(e["id"]) for e in records.get("entities", [])}
    for e in records.get("entities", []):
        _entity(b, e, iris)
    sids = {s["id"]: local_iri("statement", chash, s["id"]) for s in records.get("statements", [])}
    for s in records.get("statements", []):
        _statement(b, s, iris, sids)
    for c in records.get("consequences") or []:
        _consequence(b, c, iris, sids)
    return ArticleQuads(b.art, b.triples.keys())


# Triples per part when a long article is written in several transactions:
# ~8 MB of N-Quads, ~100 MB of Oxigraph transaction memory.
PART_TRIPLES = 50_000


def article_parts(
    article: ArticleText,
    records: dict,
    *,
    source: str,
    chash: str | None = None,
    iris: dict | None = None,
    part_triples: int | None = None,
) -> Iterator[ArticleQuads]:
    """``article_quads`` in parts of about ``part_triples`` triples, for an
    article too long to write in one transaction (kg.ingest). Together the
    parts hold exactly the triples of ``article_quads``; the article's own
    triples (``a kg:Article``, its hash, source and text) come in the last
    part, so a reader (and ingest's "already stored?" check) sees the article
    as stored only once every other part is in. Statement nodes are built
    lazily, one part's worth at a time."""
    chash = chash or content_hash(article.raw)
    part_triples = part_triples or PART_TRIPLES
    iris = iris or {e["id"]: entity_iri(e["id"]) for e in records.get("entities", [])}
    sids = _StatementIris(chash)
    b = _Builder(article, source, chash)
    for e in records.get("entities", []):
        _entity(b, e, iris)
        if len(b.triples) >= part_triples:
            yield ArticleQuads(b.art, b.triples.keys())
            b = _Builder(article, source, chash)
    for s in records.get("statements", []):
        _statement(b, s, iris, sids)
        if len(b.triples) >= part_triples:
            yield ArticleQuads(b.art, b.triples.keys())
            b = _Builder(article, source, chash)
    for c in records.get("consequences") or []:
        _consequence(b, c, iris, sids)
        if len(b.triples) >= part_triples:
            yield ArticleQuads(b.art, b.triples.keys())
            b = _Builder(article, source, chash)
    _article(b, article, records, source, chash)
    yield ArticleQuads(b.art, b.triples.keys())


class _StatementIris(dict):
    """Statement id -> IRI, computed on demand (the ids of a long article are
    not all in memory at once; ``s<N>`` ids are the extractor's)."""

    def __init__(self, chash: str):
        super().__init__()
        self.chash = chash

    def __contains__(self, sid) -> bool:
        return isinstance(sid, str) and sid[:1] == "s" and sid[1:].isdigit()

    def __missing__(self, sid):
        return local_iri("statement", self.chash, sid)


def _article(b: _Builder, article: ArticleText, records: dict, source: str, chash: str) -> None:
    """The article node: what it is, where it came from, its text and metadata."""
    art = b.art
    b.add(art, RDF.type, KG.Article)
    b.add(art, KG.contentHash, Literal(chash))
    b.add(art, KG.sourcePath, Literal(source))
    b.add(art, KG.bodyStart, Literal(article.body[0]))
    b.add(art, KG.bodyEnd, Literal(article.body[1]))
    b.add(art, KG.extractorVersion, Literal(__version__))
    b.add(art, SCHEMA.text, Literal(article.raw))
    title = records.get("article", {}).get("title") or article.title
    if title:
        b.add(art, SCHEMA.headline, Literal(title))
    meta = article.meta or {}
    if meta.get("publisher"):
        pub = global_iri("publisher", slug(meta["publisher"]))
        b.add(art, SCHEMA.publisher, pub)
        b.add(pub, RDF.type, SCHEMA.Organization)
        b.add(pub, SCHEMA.name, Literal(meta["publisher"]))
    if meta.get("date") and (published := date_literal(meta["date"])) is not None:
        # typed (xsd:date, gYearMonth or gYear) so SPARQL orders and compares
        # it; a date nobody can read stays unknown rather than stored as text
        b.add(art, SCHEMA.datePublished, published)
    if meta.get("author"):
        b.add(art, SCHEMA.author, Literal(str(meta["author"])))
    if meta.get("dateline"):
        b.add(art, SCHEMA.dateline, Literal(str(meta["dateline"])))
    if meta.get("url"):
        b.add(art, SCHEMA.url, Literal(str(meta["url"]), datatype=XSD.anyURI))


def _entity(b: _Builder, e: dict, iris: dict) -> None:
    node = iris[e["id"]]
    b.add(node, RDF.type, ENTITY_CLASS.get(e["type"], KG.Agent))
    b.add(node, SCHEMA.name, Literal(e["name"]))
    b.add(b.art, SCHEMA.mentions, node)
    if e.get("rule"):
        b.add(node, KG.rule, Literal(e["rule"]))
    for alias in e.get("aliases") or []:
        if alias != e["name"]:
            b.add(node, KG.alias, Literal(alias))
    for m in e.get("mentions") or []:
        b.add(node, KG.mention, b.span(m))
    for role in e.get("roles") or []:
        title = role["title"]
        org = iris.get(role.get("org")) if role.get("org") else None
        mem = global_iri("membership", str(node), title.casefold(), str(org or ""))
        role_node = global_iri("role", title.casefold())
        b.add(node, SCHEMA.jobTitle, Literal(title))
        b.add(node, KG.holdsMembership, mem)
        b.add(mem, RDF.type, KG.Membership)
        b.add(mem, ORG.member, node)
        b.add(mem, ORG.role, role_node)
        b.add(role_node, RDF.type, KG.Role)
        b.add(role_node, RDFS.label, Literal(title))
        b.add(mem, KG.reportedIn, b.art)
        if org is not None:
            b.add(mem, ORG.organization, org)
            b.add(node, SCHEMA.affiliation, org)
        if role.get("rule"):
            b.add(mem, KG.rule, Literal(role["rule"]))
        if role.get("start") is not None:
            b.add(mem, KG.mention, b.span(role))
    if e["type"] == "Account":
        # A pseudonymous account nobody is said to run is its own holder in
        # the records; in the graph that is no fact, so no self-loop.
        if e.get("holder") and e["holder"] in iris and e["holder"] != e["id"]:
            b.add(node, KG.holder, iris[e["holder"]])
            b.add(iris[e["holder"]], KG.holdsAccount, node)
        if e.get("platform"):
            b.add(node, KG.platform, Literal(e["platform"]))
        if e.get("handle"):
            b.add(node, FOAF.accountName, Literal(e["handle"]))
        if e.get("kind"):
            b.add(node, KG.accountKind, Literal(e["kind"]))
        if e.get("redacted"):
            b.add(node, KG.redacted, Literal(True))
        for i, m in enumerate(e.get("metrics") or []):
            mn = local_iri("metric", b.chash, slug(e["id"]), i)
            b.add(node, KG.metric, mn)
            b.add(mn, RDF.type, KG.Metric)
            b.add(mn, KG.metricName, Literal(m["what"]))
            b.add(mn, KG.value, _num(m["value"]))
            if float(m["value"]).is_integer():
                b.add(mn, SCHEMA.userInteractionCount, Literal(int(m["value"])))
            b.add(mn, KG.reportedIn, b.art)
            if m.get("reported_by") in iris:
                b.add(mn, KG.reportedBy, iris[m["reported_by"]])
            if m.get("rule"):
                b.add(mn, KG.rule, Literal(m["rule"]))
            if m.get("start") is not None:
                b.add(mn, KG.mention, b.span(m))
            _date(b, mn, m.get("date"))


def _statement(b: _Builder, s: dict, iris: dict, sids: dict) -> None:
    node = sids[s["id"]]
    b.add(node, RDF.type, STATEMENT_CLASS.get(s["kind"], KG.Statement))
    b.add(node, KG.reportedIn, b.art)
    b.add(node, KG.rule, Literal(s["rule"]))
    for r in s.get("revised_by") or []:
        b.add(node, KG.revisedBy, Literal(r))
    b.add(node, KG.certainty, CERTAINTY[s.get("certainty") or "certain"])
    b.add(node, KG.polarity, POLARITY[s.get("polarity") or "positive"])
    sp = s.get("speaker")
    if sp:
        b.add(node, KG.speakerText, Literal(sp["text"]))
        b.add(node, KG.speakerSpan, b.span(sp))
        if sp.get("entity") in iris:
            b.add(node, KG.speaker, iris[sp["entity"]])
    if s.get("cue"):
        b.add(node, KG.cue, b.span(s["cue"]))
    b.add(node, KG.content, b.span(s["content"]))
    b.add(node, KG.contentText, Literal(s["content"]["text"]))
    b.add(node, KG.sentence, b.span(s["sentence"]))
    tgt = s.get("target")
    if tgt:
        if tgt.get("name"):
            b.add(node, KG.targetText, Literal(tgt["name"]))
        if tgt.get("entity") in iris:
            b.add(node, KG.target, iris[tgt["entity"]])
    for d in s.get("denies") or []:
        if d in sids:
            b.add(node, KG.denies, sids[d])
    _date(b, node, s.get("date"))


def _date(b: _Builder, node, rec: dict | None) -> None:
    """kg:date typed by its grain (a week or a decade as its TIMEX3 value), kg:dateText as written.
    A relative expression without an article date has no value: only its words are kept."""
    if not rec:
        return
    b.add(node, KG.dateText, Literal(rec["text"]))
    if rec.get("value"):
        b.add(node, KG.date, date_literal(rec["value"]) if rec["grain"] in _DATE_TYPES else Literal(rec["value"]))


def _consequence(b: _Builder, c: dict, iris: dict, sids: dict) -> None:
    node = local_iri("consequence", b.chash, c["id"])
    b.add(node, RDF.type, KG.Consequence)
    b.add(node, KG.outcome, Literal(c["outcome"]))
    b.add(node, KG.reportedIn, b.art)
    b.add(node, KG.rule, Literal(c["rule"]))
    if c.get("link_rule"):
        b.add(node, KG.rule, Literal(c["link_rule"]))
    b.add(node, KG.trigger, b.span(c["trigger"]))
    b.add(node, KG.sentence, b.span(c["sentence"]))
    for a in c["affected"]:
        if a.get("entity") in iris:
            b.add(node, KG.affects, iris[a["entity"]])
        else:
            b.add(node, KG.affectsText, Literal(a["text"]))
    by = c.get("by")
    if by:
        if by.get("entity") in iris:
            b.add(node, KG.broughtBy, iris[by["entity"]])
        else:
            b.add(node, KG.broughtByText, Literal(by["text"]))
    for key, prop in (("charge", KG.charge), ("penalty", KG.penalty)):
        if c.get(key):
            b.add(node, prop, Literal(c[key]["text"]))
    if c.get("amount"):
        b.add(node, KG.amount, _num(c["amount"]["value"]))
        if c["amount"].get("currency"):
            b.add(node, KG.currency, Literal(c["amount"]["currency"]))
    for sid in c.get("because_of") or []:
        if sid in sids:
            b.add(node, KG.consequenceOf, sids[sid])
    _date(b, node, c.get("date"))

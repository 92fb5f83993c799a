"""The claim index in the store: named graph <kgid:claims>.

It holds the kg:Claim nodes, their memberships (statement, stance, rule,
evidence, score), the kg:asserts / kg:denies links from statements, and for
each claim its index keys (kg:claimKey "person/hun-sen|~acquire") and profile
(kg:claimProfile, compact JSON of its members' features). A new article's
statements find candidate claims by key (an index lookup in Oxigraph, or a
VALUES join on a SPARQL server), so adding an article never reads the whole
index. Also here: reading an article's statements back from its graph.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from typing import Iterable

from rdflib import Literal, URIRef
from rdflib.namespace import RDF, RDFS, XSD

from ..graph import nt_term
from ..ids import global_iri
from ..namespace import ID, KG, OA, SCHEMA, sparql_prefixes
from ..store import Store
from .assign import ClaimSet
from .model import Claim, Mention, Stmt

CLAIMS_GRAPH = ID["claims"]
KINDS = {
    "Allegation": "allegation",
    "Accusation": "accusation",
    "Assertion": "claim",
    "Confirmation": "confirmation",
    "Denial": "denial",
}


def select(store: Store, query: str) -> list[tuple]:
    """Rows of a SELECT as tuples of str/int (None when unbound); on the
    embedded store straight from Oxigraph (rdflib terms cost ~20 us each)."""
    ox = getattr(store, "ox", None)
    text = sparql_prefixes() + query
    if ox is not None:
        out = []
        for sol in ox.query(text):
            out.append(tuple(None if t is None else _py(t) for t in sol))
        return out
    return [tuple(None if t is None else _py_rdflib(t) for t in row) for row in store.query(query)]


def _py(term):
    dt = getattr(term, "datatype", None)
    if dt is not None and dt.value == str(XSD.integer):
        return int(term.value)
    return term.value


def _py_rdflib(term):
    if isinstance(term, Literal) and term.datatype == XSD.integer:
        return int(term)
    return str(term)


def values(var: str, iris: Iterable[str]) -> str:
    return f"VALUES ?{var} {{ " + " ".join(f"<{i}>" for i in iris) + " }"


def literal_values(var: str, items: Iterable[str]) -> str:
    return f"VALUES ?{var} {{ " + " ".join(nt_term(Literal(i)) for i in items) + " }"


# -- statements ----------------------------------------------------------------


def per_graph(store: Store, template: str, graphs: Iterable[str]) -> list[tuple]:
    """Rows (graph, ...) of ``template`` run once per graph, the graph's IRI
    written into the query: Oxigraph then reads that graph only, where a
    VALUES or BIND of ?g before GRAPH ?g makes it scan every graph of the
    store (measured: 0.01 s against 5 s per article at 700 articles)."""
    out = []
    for g in graphs:
        out += [(g, *row) for row in select(store, template.replace("{g}", f"<{g}>"))]
    return out


_RDF_TYPE = str(RDF.type)
_WANTED = {
    str(t)
    for t in (
        KG.contentText,
        KG.content,
        KG.sentence,
        KG.speaker,
        KG.target,
        KG.denies,
        KG.mention,
        KG.reportedIn,
        SCHEMA.name,
        SCHEMA.datePublished,
        OA.start,
        OA.end,
    )
}
_KIND_OF = {str(KG[c]): k for c, k in KINDS.items()}
_AGENTS = {str(KG.Person): "Person", str(KG.Organization): "Organization", str(KG.Account): "Account"}


_NT_LINE = None


def _nt_wanted(text: str) -> list[tuple]:
    """The triples of N-Triples ``text`` whose predicate we use, as plain
    values, without parsing the rest (the article text literal above all)."""
    import re

    global _NT_LINE
    if _NT_LINE is None:
        preds = "|".join(re.escape(p) for p in sorted(_WANTED | {_RDF_TYPE}))
        _NT_LINE = re.compile(
            r"<([^>]*)> <(" + preds + r")> (?:<([^>]*)>|\"((?:[^\"\\]|\\.)*)\"(?:\^\^<([^>]*)>)?) \.$"
        )
    out = []
    match = _NT_LINE.match
    for line in text.split("\n"):
        m = match(line)
        if m is None:
            continue
        s, p, iri, lex, dt = m.groups()
        if iri is not None:
            out.append((s, p, iri))
            continue
        if "\\" in lex:
            lex = re.sub(r"\\(.)", lambda x: {"n": "\n", "r": "\r", "t": "\t"}.get(x.group(1), x.group(1)), lex)
        out.append((s, p, int(lex) if dt == str(XSD.integer) else lex))
    return out


def graph_triples(store: Store, g: str, text: str | None = None) -> list[tuple]:
    """An article graph's triples as plain values (IRIs and literals as str,
    integers as int): parsed from ``text`` (its N-Triples, as ingest has it in
    memory) or read from the store in one pass."""
    import pyoxigraph as ox

    if text is not None:
        return _nt_wanted(text)
    if getattr(store, "ox", None) is not None:
        return [
            (q.subject.value, q.predicate.value, _py(q.object))
            for q in store.ox.quads_for_pattern(None, None, None, ox.NamedNode(g))
        ]
    return select(store, f"SELECT ?s ?p ?o WHERE {{ GRAPH <{g}> {{ ?s ?p ?o }} }}")


def read_statements(store: Store, graphs: list[str], texts: dict | None = None) -> dict[str, list[Stmt]]:
    """The claim-bearing statements of these article graphs, with the entity
    mentions inside their content, in content order. ``texts``: graph ->
    N-Triples of graphs just written (nothing is read back for those)."""
    texts = texts or {}
    out = {}
    for g in graphs:
        lst = statements_from_triples(g, graph_triples(store, g, texts.get(g)))
        if lst:
            out[g] = lst
    return out


def statements_from_triples(g: str, triples: Iterable[tuple]) -> list[Stmt]:
    """Pure: one article graph's triples -> its claim-bearing statements."""
    types: dict[str, set] = defaultdict(set)
    props: dict[str, dict] = defaultdict(lambda: defaultdict(list))
    for s, p, o in triples:
        if p == _RDF_TYPE:
            types[s].add(o)
        elif p in _WANTED:
            props[s][p].append(o)
    first = lambda node, prop: (props[node].get(str(prop)) or [None])[0]  # noqa: E731
    span = lambda node: (first(node, OA.start), first(node, OA.end))  # noqa: E731
    date = first(g, SCHEMA.datePublished)
    mentions = []
    for x, ts in types.items():
        cls = next((_AGENTS[t] for t in ts if t in _AGENTS), None)
        if cls:
            name = first(x, SCHEMA.name)
            mentions += [(*span(m), x, cls, name) for m in props[x].get(str(KG.mention), [])]
    words = _name_words(mentions)
    out = []
    for s, ts in types.items():
        kind = next((_KIND_OF[t] for t in ts if t in _KIND_OF), None)
        c = first(s, KG.content)
        if kind is None or c is None or first(s, KG.reportedIn) != g:
            continue
        cs, ce = span(c)
        targets = tuple(sorted(props[s].get(str(KG.target), [])))
        st = Stmt(
            s,
            g,
            kind,
            first(s, KG.contentText) or "",
            cs,
            ce,
            span(first(s, KG.sentence)),
            targets=targets,
            speaker=first(s, KG.speaker),
            denies=tuple(sorted(props[s].get(str(KG.denies), []))),
            order=(str(date or ""), g, cs),
            name_words=words,
        )
        inside = sorted({(a, b, x, cl) for a, b, x, cl, _n in mentions if a is not None and cs <= a and b <= ce})
        st.mentions = tuple(Mention(*t) for t in inside)
        named = set(targets) | {m.entity for m in st.mentions}
        st.names = {x: first(x, SCHEMA.name) for x in named if first(x, SCHEMA.name)}
        out.append(st)
    return sorted(out, key=lambda s: (s.start, s.iri))


def _name_words(mentions: list[tuple]) -> dict[str, tuple[str, str]]:
    """Words that name exactly one agent of the article: a person's surname
    or first name, an organisation's one-word name or acronym (lower case)."""
    seen: dict[str, set] = defaultdict(set)
    for _a, _b, x, cls, name in mentions:
        if not name:
            continue
        parts = name.split()
        tokens = {parts[0], parts[-1]} if cls == "Person" else ({name} if len(parts) == 1 else set())
        for t in tokens:
            if len(t) > 2 and t[0].isupper():
                seen[t.lower()].add((x, cls))
    return {t: next(iter(xs)) for t, xs in seen.items() if len(xs) == 1}


def article_order(store: Store, graphs: list[str] | None = None) -> list[str]:
    """Article graphs by publication date (unknown dates first), then IRI."""
    if graphs is None:
        rows = select(
            store, "SELECT ?g ?date WHERE { GRAPH ?g { ?g a kg:Article OPTIONAL { ?g schema:datePublished ?date } } }"
        )
    else:
        rows = per_graph(
            store,
            "SELECT ?date WHERE { GRAPH {g} { {g} a kg:Article OPTIONAL { {g} schema:datePublished ?date } } }",
            graphs,
        )
    return [g for g, d in sorted(rows, key=lambda r: (r[1] or "", r[0]))]


# -- loading claims ----------------------------------------------------------------


def _load(store: Store, cs: ClaimSet, query: str) -> None:
    for c, profile in select(store, query):
        if c not in cs.claims and c not in cs.deleted:
            cs.put(Claim.from_profile(c, profile), changed=False)


# Characters of terms per query: a remote store gets queries as GET URLs, and
# servers cap a request line (Oxigraph: 8 KB, after URL-encoding).
QUERY_TERMS_CHARS = 2500


def _chunks(parts: list[str], limit: int = QUERY_TERMS_CHARS) -> Iterable[list[str]]:
    """``parts`` in consecutive groups of at most ``limit`` characters (one part at least)."""
    group: list[str] = []
    size = 0
    for p in parts:
        if group and size + len(p) > limit:
            yield group
            group, size = [], 0
        group.append(p)
        size += len(p) + 1
    if group:
        yield group


def load_by_keys(store: Store, cs: ClaimSet, keys: set[str], limit: int, per_key: int) -> None:
    """Claims sharing any of ``keys``: at most ``per_key`` of the claims holding
    each key (claims.toml, key_candidates), then the ``limit`` of those sharing
    the most keys. One bounded read per key, where counting every claim of
    every key grew with the store (bench/claims.py)."""
    blocks = [
        f"{{ SELECT ?c WHERE {{ GRAPH <{CLAIMS_GRAPH}> {{ ?c kg:claimKey {nt_term(Literal(k))} }} }} LIMIT {int(per_key)} }}"
        for k in sorted(keys)
    ]
    shared: Counter = Counter()
    for group in _chunks(blocks):
        shared.update(str(row[0]) for row in select(store, f"SELECT ?c WHERE {{ {' UNION '.join(group)} }}"))
    top = [c for c in sorted(shared, key=lambda c: (-shared[c], c))[:limit] if c not in cs.claims]
    for group in _chunks(top):
        _load(
            store,
            cs,
            f"SELECT ?c ?profile WHERE {{ {values('c', group)} GRAPH <{CLAIMS_GRAPH}> {{ ?c kg:claimProfile ?profile }} }}",
        )


def load_by_articles(store: Store, cs: ClaimSet, graphs: Iterable[str]) -> None:
    graphs = list(graphs)
    if graphs:
        _load(
            store,
            cs,
            f"""SELECT DISTINCT ?c ?profile WHERE {{ {values("g", graphs)}
          GRAPH <{CLAIMS_GRAPH}> {{ ?m kg:reportedIn ?g . ?c kg:membership ?m ; kg:claimProfile ?profile }} }}""",
        )


def load_by_statements(store: Store, cs: ClaimSet, stmts: Iterable[str]) -> None:
    stmts = list(stmts)
    if stmts:
        _load(
            store,
            cs,
            f"""SELECT DISTINCT ?c ?profile WHERE {{ {values("s", stmts)}
          GRAPH <{CLAIMS_GRAPH}> {{ ?m kg:statement ?s . ?c kg:membership ?m ; kg:claimProfile ?profile }} }}""",
        )


# -- writing -------------------------------------------------------------------------


def membership_iri(stmt: str, claim: str) -> URIRef:
    return global_iri("claim-membership", stmt, claim)


def claim_triples(c: Claim, with_members: Iterable[str]) -> list[tuple]:
    """The claim node's triples, and those of the listed members' memberships."""
    node = URIRef(c.iri)
    out = [
        (node, RDF.type, KG.Claim),
        (node, RDFS.label, Literal(c.label or "(unlabelled claim)")),
        (node, KG.seed, URIRef(c.seed)),
        (node, KG.claimProfile, Literal(c.profile())),
    ]
    out += [(node, SCHEMA.about, URIRef(a)) for a in c.about()]
    out += [(node, KG.claimKey, Literal(k)) for k in sorted(c.index_keys())]
    wanted = set(with_members)
    for stmt, m in c.members.items():
        mem = membership_iri(stmt, c.iri)
        out.append((node, KG.membership, mem))
        if stmt not in wanted:
            continue
        out += [
            (mem, RDF.type, KG.ClaimMembership),
            (mem, KG.statement, URIRef(stmt)),
            (mem, KG.stance, Literal(m.stance)),
            (mem, KG.rule, Literal(m.rule)),
            (mem, KG.evidence, Literal(m.evidence)),
            (mem, KG.reportedIn, URIRef(m.article)),
            (URIRef(stmt), KG.asserts if m.stance == "asserts" else KG.denies, node),
        ]
        if m.score is not None:
            out.append((mem, KG.score, Literal(f"{m.score:.4f}", datatype=XSD.decimal)))
    return out


def _delete(claims: Iterable[str], members_too: bool) -> str:
    vals = values("c", claims)
    g = f"<{CLAIMS_GRAPH}>"
    if members_too:
        return (
            f"DELETE {{ GRAPH {g} {{ ?c ?p ?o . ?m ?mp ?mo . ?s ?sp ?c }} }} WHERE {{ {vals} GRAPH {g} {{ "
            "{ ?c ?p ?o } UNION { ?c kg:membership ?m . ?m ?mp ?mo } UNION { ?s ?sp ?c } } }"
        )
    return f"DELETE {{ GRAPH {g} {{ ?c ?p ?o }} }} WHERE {{ {vals} GRAPH {g} {{ ?c ?p ?o }} }}"


def update_text(cs: ClaimSet) -> str:
    """One SPARQL update that brings the stored index in line with ``cs``."""
    from ..graph import ntriples

    parts = []
    full = sorted(i for i in cs.changed if cs.claims[i].restructured) + sorted(cs.deleted)
    light = sorted(i for i in cs.changed if not cs.claims[i].restructured)
    if full:
        parts.append(_delete(full, True))
    if light:
        parts.append(_delete(light, False))
    triples = []
    for iri in sorted(cs.changed):
        c = cs.claims[iri]
        triples += claim_triples(c, c.members if c.restructured else c.new_members)
    if triples:
        parts.append(f"INSERT DATA {{ GRAPH <{CLAIMS_GRAPH}> {{\n{ntriples(triples)}}} }}")
    return " ;\n".join(parts)


def write(store: Store, cs: ClaimSet, replace: bool = False) -> None:
    """Store the changes (``replace``: the whole index, in the same update)."""
    text = update_text(cs)
    if replace:
        text = f"DROP SILENT GRAPH <{CLAIMS_GRAPH}>" + (" ;\n" + text if text else "")
    if text:
        store.update(text)
    for c in cs.claims.values():
        c.new_members.clear()
        c.restructured = False
    cs.changed.clear()
    cs.deleted.clear()

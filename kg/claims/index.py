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

from collections import defaultdict
from typing import Iterable

from rdflib import Literal, URIRef
from rdflib.namespace import RDF, RDFS, XSD

from ..graph import nt_term
from ..ids import global_iri
from ..namespace import ID, KG, SCHEMA, sparql_prefixes
from ..store import Store
from .assign import ClaimSet
from .model import Claim, Mention, Stmt, index_key

CLAIMS_GRAPH = ID["claims"]
KINDS = {
    "Allegation": "allegation", "Accusation": "accusation", "Assertion": "claim", "Confirmation": "confirmation",
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

_STATEMENTS = """
SELECT ?g ?s ?class ?content ?cs ?ce ?ss ?se ?speaker ?target ?tname ?date WHERE {
  %s
  GRAPH ?g {
    ?s a ?class ; kg:reportedIn ?g ; kg:contentText ?content ; kg:content ?c ; kg:sentence ?sn .
    VALUES ?class { kg:Allegation kg:Accusation kg:Assertion kg:Confirmation kg:Denial }
    ?c oa:start ?cs ; oa:end ?ce . ?sn oa:start ?ss ; oa:end ?se .
    OPTIONAL { ?s kg:speaker ?speaker }
    OPTIONAL { ?s kg:target ?target OPTIONAL { ?target schema:name ?tname } }
    OPTIONAL { ?g schema:datePublished ?date }
  }
}"""
_LINKS = "SELECT ?g ?d ?a WHERE { %s GRAPH ?g { ?d a kg:Denial ; kg:denies ?a } }"
_MENTIONS = """
SELECT ?g ?x ?class ?ms ?me ?name WHERE { %s GRAPH ?g {
  ?x a ?class ; kg:mention ?sp . VALUES ?class { kg:Person kg:Organization kg:Account }
  ?sp oa:start ?ms ; oa:end ?me . OPTIONAL { ?x schema:name ?name } } }"""


def read_statements(store: Store, graphs: list[str]) -> dict[str, list[Stmt]]:
    """The claim-bearing statements of these article graphs, with the entity
    mentions inside their content, in content order."""
    if not graphs:
        return {}
    vals = values("g", graphs)
    stmts: dict[str, Stmt] = {}
    for g, s, cls, content, cs, ce, ss, se, speaker, target, tname, date in select(store, _STATEMENTS % vals):
        st = stmts.get(s)
        if st is None:
            kind = KINDS[cls.rsplit("#", 1)[-1]]
            st = stmts[s] = Stmt(s, g, kind, content, cs, ce, (ss, se), speaker=speaker, order=(date or "", g, cs))
        if target and target not in st.targets:
            st.targets += (target,)
            if tname:
                st.names[target] = tname
    links = defaultdict(list)
    for g, d, a in select(store, _LINKS % vals):
        links[d].append(a)
    mentions = defaultdict(list)
    for g, x, cls, ms, me, name in select(store, _MENTIONS % vals):
        mentions[g].append((ms, me, x, cls.rsplit("#", 1)[-1], name))
    out: dict[str, list[Stmt]] = defaultdict(list)
    for st in stmts.values():
        st.denies = tuple(sorted(links.get(st.iri, ())))
        inside = sorted({(a, b, x, c) for a, b, x, c, _n in mentions[st.article] if st.start <= a and b <= st.end})
        st.mentions = tuple(Mention(*t) for t in inside)
        st.names.update({x: n for a, b, x, c, n in mentions[st.article] if n and (x in st.targets or any(m.entity == x for m in st.mentions))})
        out[st.article].append(st)
    for lst in out.values():
        lst.sort(key=lambda s: (s.start, s.iri))
    return dict(out)


def article_order(store: Store, graphs: list[str] | None = None) -> list[str]:
    """Article graphs by publication date (unknown dates first), then IRI."""
    vals = values("g", graphs) if graphs is not None else ""
    rows = select(store, "SELECT ?g ?date WHERE { %s GRAPH ?g { ?g a kg:Article OPTIONAL { ?g schema:datePublished ?date } } }" % vals)
    return [g for g, d in sorted(rows, key=lambda r: (r[1] or "", r[0]))]


# -- loading claims ----------------------------------------------------------------

def _load(store: Store, cs: ClaimSet, query: str) -> None:
    for c, profile in select(store, query):
        if c not in cs.claims and c not in cs.deleted:
            cs.put(Claim.from_profile(c, profile), changed=False)


def load_by_keys(store: Store, cs: ClaimSet, keys: set[str], limit: int) -> None:
    """Claims sharing any of ``keys`` (the ``limit`` sharing the most)."""
    if not keys:
        return
    q = f"""SELECT ?c ?profile WHERE {{
      {{ SELECT ?c (COUNT(?k) AS ?n) WHERE {{ {literal_values("k", sorted(keys))} GRAPH <{CLAIMS_GRAPH}> {{ ?c kg:claimKey ?k }} }}
        GROUP BY ?c ORDER BY DESC(?n) ?c LIMIT {int(limit)} }}
      GRAPH <{CLAIMS_GRAPH}> {{ ?c kg:claimProfile ?profile }} }}"""
    _load(store, cs, q)


def load_by_articles(store: Store, cs: ClaimSet, graphs: Iterable[str]) -> None:
    graphs = list(graphs)
    if graphs:
        _load(store, cs, f"""SELECT DISTINCT ?c ?profile WHERE {{ {values("g", graphs)}
          GRAPH <{CLAIMS_GRAPH}> {{ ?m kg:reportedIn ?g . ?c kg:membership ?m ; kg:claimProfile ?profile }} }}""")


def load_by_statements(store: Store, cs: ClaimSet, stmts: Iterable[str]) -> None:
    stmts = list(stmts)
    if stmts:
        _load(store, cs, f"""SELECT DISTINCT ?c ?profile WHERE {{ {values("s", stmts)}
          GRAPH <{CLAIMS_GRAPH}> {{ ?m kg:statement ?s . ?c kg:membership ?m ; kg:claimProfile ?profile }} }}""")


# -- writing -------------------------------------------------------------------------

def membership_iri(stmt: str, claim: str) -> URIRef:
    return global_iri("claim-membership", stmt, claim)


def claim_triples(c: Claim, with_members: Iterable[str]) -> list[tuple]:
    """The claim node's triples, and those of the listed members' memberships."""
    node = URIRef(c.iri)
    out = [(node, RDF.type, KG.Claim), (node, RDFS.label, Literal(c.label or "(unlabelled claim)")),
           (node, KG.seed, URIRef(c.seed)), (node, KG.claimProfile, Literal(c.profile()))]
    out += [(node, SCHEMA.about, URIRef(a)) for a in c.about()]
    out += [(node, KG.claimKey, Literal(k)) for k in sorted(c.index_keys())]
    wanted = set(with_members)
    for stmt, m in c.members.items():
        mem = membership_iri(stmt, c.iri)
        out.append((node, KG.membership, mem))
        if stmt not in wanted:
            continue
        out += [(mem, RDF.type, KG.ClaimMembership), (mem, KG.statement, URIRef(stmt)), (mem, KG.stance, Literal(m.stance)),
                (mem, KG.rule, Literal(m.rule)), (mem, KG.evidence, Literal(m.evidence)), (mem, KG.reportedIn, URIRef(m.article)),
                (URIRef(stmt), KG.asserts if m.stance == "asserts" else KG.denies, node)]
        if m.score is not None:
            out.append((mem, KG.score, Literal(f"{m.score:.4f}", datatype=XSD.decimal)))
    return out


def _delete(claims: Iterable[str], members_too: bool) -> str:
    vals = values("c", claims)
    g = f"<{CLAIMS_GRAPH}>"
    if members_too:
        return (f"DELETE {{ GRAPH {g} {{ ?c ?p ?o . ?m ?mp ?mo . ?s ?sp ?c }} }} WHERE {{ {vals} GRAPH {g} {{ "
                "{ ?c ?p ?o } UNION { ?c kg:membership ?m . ?m ?mp ?mo } UNION { ?s ?sp ?c } } }")
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

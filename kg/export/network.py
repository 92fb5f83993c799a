"""The store as a who-accuses-and-who-denies-whom network (networkx).

Pure: a store in, a ``networkx.MultiDiGraph`` out, read with a handful of
SELECTs (no per-node queries, so it stays linear in the size of the store).

Nodes (attribute ``kind``):
  person, organization, account   agents extracted from the articles;
  unresolved                      a speaker or target the text names that the
                                  extractor did not resolve to an agent
                                  ("Spokesmen for both sides");
  allegation, accusation, claim, statement, confirmation, refusal
                                  one node per reported statement;
  denied                          what a denial rejects, when the extractor did
                                  not link the denial to a statement it found.
Edges (attribute ``kind``):
  alleges/accuses/claims/says/confirms/declines   speaker -> statement
  against/about                   statement -> target
  denies                          denier -> the statement (or ``denied`` node)
  holds-role-in                   person -> organisation
  holds-account                   holder -> account

Every attribute is a str/int/float so GraphML and GEXF can carry it; lists
are joined with "; ". Nodes and edges are inserted sorted, so every export
of the same store is byte-identical.
"""

from __future__ import annotations

import math
from collections import defaultdict
from dataclasses import dataclass, field

import networkx as nx

from ..errors import KgError
from ..namespace import sparql_prefixes
from ..store import Store

AGENT_KINDS = ("person", "organization", "account", "unresolved")
STATEMENT_KINDS = ("allegation", "accusation", "claim", "statement", "confirmation", "refusal")
# What --kinds accepts: statement kinds plus the two agent relations.
KINDS = ("allegation", "accusation", "denial", "claim", "statement", "confirmation", "refusal", "role", "account")
# Plain "X said Y" statements are most of what an extractor finds and would
# bury the allegations and denials the map is for; ask for them with --kinds.
DEFAULT_KINDS = tuple(k for k in KINDS if k != "statement")

SPEAKER_EDGE = {
    "allegation": "alleges",
    "accusation": "accuses",
    "claim": "claims",
    "statement": "says",
    "confirmation": "confirms",
    "refusal": "declines",
}
TARGET_EDGE = {"allegation": "against", "accusation": "against"}  # other kinds: "about"

_CLASS_KIND = {
    "Allegation": "allegation",
    "Accusation": "accusation",
    "Assertion": "claim",
    "Statement": "statement",
    "Confirmation": "confirmation",
    "Refusal": "refusal",
    "Denial": "denial",
    "Person": "person",
    "Organization": "organization",
    "Account": "account",
}
LABEL_CHARS = 48

ARTICLES = """
SELECT ?g ?hash ?title ?src WHERE { GRAPH ?g {
  ?g a kg:Article ; kg:contentHash ?hash .
  OPTIONAL { ?g schema:headline ?title } OPTIONAL { ?g kg:sourcePath ?src } } }
"""
AGENTS = """
SELECT ?g ?x ?class ?name WHERE { GRAPH ?g {
  ?x a ?class ; schema:name ?name . VALUES ?class { kg:Person kg:Organization kg:Account } } }
"""
ALIASES = "SELECT ?g ?x ?alias WHERE { GRAPH ?g { ?x kg:alias ?alias } }"
ACCOUNTS = """
SELECT ?g ?x ?platform ?handle ?akind WHERE { GRAPH ?g { ?x a kg:Account .
  OPTIONAL { ?x kg:platform ?platform } OPTIONAL { ?x foaf:accountName ?handle }
  OPTIONAL { ?x kg:accountKind ?akind } } }
"""
ROLES = """
SELECT ?g ?p ?title ?org ?exact WHERE { GRAPH ?g {
  ?m a kg:Membership ; org:member ?p ; org:role/rdfs:label ?title ; kg:reportedIn ?g .
  OPTIONAL { ?m org:organization ?org } OPTIONAL { ?m kg:mention/oa:exact ?exact } } }
"""
HOLDS = "SELECT ?g ?p ?a WHERE { GRAPH ?g { ?p kg:holdsAccount ?a } }"
STATEMENTS = """
SELECT ?g ?s ?class ?content ?sentence ?start ?speaker ?speakerText ?target ?targetText ?certainty ?polarity
WHERE { GRAPH ?g {
  ?s a ?class ; kg:reportedIn ?g ; kg:contentText ?content .
  VALUES ?class { kg:Allegation kg:Accusation kg:Assertion kg:Statement kg:Confirmation kg:Refusal kg:Denial }
  OPTIONAL { ?s kg:sentence ?sp . ?sp oa:exact ?sentence ; oa:start ?start }
  OPTIONAL { ?s kg:speaker ?speaker } OPTIONAL { ?s kg:speakerText ?speakerText }
  OPTIONAL { ?s kg:target ?target } OPTIONAL { ?s kg:targetText ?targetText }
  OPTIONAL { ?s kg:certainty ?certainty } OPTIONAL { ?s kg:polarity ?polarity } } }
"""
DENIES = "SELECT ?g ?d ?a WHERE { GRAPH ?g { ?d kg:denies ?a } }"


def parse_kinds(kinds) -> tuple[str, ...]:
    """'denial,allegation' or an iterable -> validated tuple (None -> defaults)."""
    if kinds is None:
        return DEFAULT_KINDS
    if isinstance(kinds, str):
        kinds = kinds.split(",")
    out = []
    for k in kinds:
        k = k.strip().lower()
        if not k:
            continue
        if k == "all":
            return KINDS
        if k not in KINDS:
            raise KgError(f"unknown kind '{k}': valid kinds: {', '.join(KINDS)} (or all)")
        if k not in out:
            out.append(k)
    if not out:
        raise KgError(f"no kinds given: valid kinds: {', '.join(KINDS)} (or all)")
    return tuple(out)


@dataclass
class _Article:
    iri: str
    hash: str
    title: str
    source: str


@dataclass
class _Agent:
    kind: str
    name: str
    aliases: set = field(default_factory=set)
    roles: set = field(default_factory=set)
    articles: set = field(default_factory=set)
    extra: dict = field(default_factory=dict)


def _s(term) -> str | None:
    return None if term is None else str(term)


def select(store: Store, query: str):
    """Rows of a SELECT as tuples of plain strings (None when unbound).

    On the embedded store the query goes to Oxigraph directly: turning each
    result term into an rdflib object costs ~20 us, twenty times the query
    itself, and the network needs only the strings.
    """
    ox = getattr(store, "ox", None)
    if ox is not None:
        try:
            solutions = ox.query(sparql_prefixes() + query)
        except (OSError, SyntaxError, ValueError) as exc:
            raise KgError(f"query failed: {' '.join(str(exc).split())[:300]}") from None
        for sol in solutions:
            yield tuple(None if t is None else t.value for t in sol)
        return
    for row in store.query(query):
        yield tuple(None if t is None else str(t) for t in row)


def _short(text: str, n: int = LABEL_CHARS) -> str:
    text = " ".join(text.split())
    return text if len(text) <= n else text[: n - 1].rstrip() + "…"


def _unresolved_id(text: str) -> str:
    return "unresolved:" + " ".join(text.split()).casefold()


def resolve_article(articles: list[_Article], ident: str) -> str:
    """An article given as IRI, content hash (prefix of 6+), source path or file stem -> graph IRI."""
    key = ident.strip()
    for a in articles:
        src = a.source.replace("\\", "/")
        stem = src.rsplit("/", 1)[-1].rsplit(".", 1)[0]
        if key in (a.iri, src, src.rsplit("/", 1)[-1], stem) or (len(key) >= 6 and a.hash.startswith(key)):
            return a.iri
    known = sorted(a.source.replace("\\", "/").rsplit("/", 1)[-1].rsplit(".", 1)[0] for a in articles)
    shown = ", ".join(known[:8]) + (", ..." if len(known) > 8 else "")
    raise KgError(f"unknown article '{ident}': give a file name, source path, content hash or IRI; stored: {shown or 'none'}")


def _articles(store: Store) -> dict[str, _Article]:
    out = {}
    for g, h, title, src in select(store, ARTICLES):
        out[str(g)] = _Article(str(g), str(h), _s(title) or _s(src) or str(g), _s(src) or "")
    return out


def build_network(store: Store, *, focus: str | None = None, depth: int = 2, kinds=None, article: str | None = None) -> nx.MultiDiGraph:
    # size: one pass over the store's rows that builds nodes and edges together;
    # kg/export is being reworked under issue 11 (split there).
    """The network of agents and statements in ``store`` (see module doc).

    ``kinds`` limits which statements and relations are drawn (see KINDS);
    ``article`` keeps the facts of one article; ``focus`` (a name or alias)
    keeps the ego network of that agent within ``depth`` hops, ignoring
    edge direction (person -> allegation -> target is two hops).
    """
    kinds = parse_kinds(kinds)
    if depth < 1:
        raise KgError(f"--depth must be at least 1, got {depth}")
    articles = _articles(store)
    keep = None
    if article is not None:
        keep = resolve_article(list(articles.values()), article)
    focus_name = None
    if focus is not None:
        from ..query import resolve_name

        focus_name = resolve_name(store, focus)

    def rows(q):
        for row in select(store, q):
            if keep is None or row[0] == keep:
                yield row

    agents: dict[str, _Agent] = {}
    for g, x, cls, name in rows(AGENTS):
        a = agents.setdefault(str(x), _Agent(_CLASS_KIND[str(cls).rsplit("#", 1)[-1]], str(name)))
        a.articles.add(articles[str(g)].title if str(g) in articles else str(g))
    for _g, x, alias in rows(ALIASES):
        if str(x) in agents:
            agents[str(x)].aliases.add(str(alias))
    for _g, x, platform, handle, akind in rows(ACCOUNTS):
        if str(x) in agents:
            ex = agents[str(x)].extra
            for k, v in (("platform", platform), ("handle", handle), ("account_kind", akind)):
                if v is not None:
                    ex[k] = str(v)

    nodes: dict[str, dict] = {}
    edges: dict[tuple, dict] = {}  # (u, v, key) -> attrs; keys are unique over the graph (GEXF edge ids)

    def agent_node(iri: str) -> str:
        if iri not in nodes:
            a = agents.get(iri)
            if a is None:  # referenced but untyped: keep it visible rather than drop the edge
                a = agents[iri] = _Agent("unresolved", iri.rsplit("/", 1)[-1])
            nodes[iri] = {"kind": a.kind, "label": a.name, "name": a.name}
        return iri

    def text_node(text: str) -> str:
        nid = _unresolved_id(text)
        if nid not in nodes:
            nodes[nid] = {"kind": "unresolved", "label": " ".join(text.split()), "name": " ".join(text.split())}
        return nid

    def add_edge(u, v, key, **attrs):
        attrs["label"] = attrs["kind"]
        edges[(u, v, key)] = attrs

    # -- roles and accounts ---------------------------------------------------
    role_edges: dict[tuple, dict] = defaultdict(lambda: {"roles": set(), "articles": set(), "worded": set()})
    for g, p, title, org, exact in rows(ROLES):
        if str(p) in agents:
            agents[str(p)].roles.add(str(title))
        if org is not None and "role" in kinds:
            e = role_edges[(str(p), str(org))]
            e["roles"].add(str(title))
            e["articles"].add(articles[str(g)].title if str(g) in articles else str(g))
            if exact is not None:
                e["worded"].add(" ".join(str(exact).split()))
    for (p, o), e in role_edges.items():
        add_edge(
            agent_node(p), agent_node(o), f"holds-role-in:{p}:{o}", kind="holds-role-in",
            role="; ".join(sorted(e["roles"])), sentence="; ".join(sorted(e["worded"])),
            article="; ".join(sorted(e["articles"])),
        )
    if "account" in kinds:
        held: dict[tuple, set] = defaultdict(set)
        for g, p, a in rows(HOLDS):
            held[(str(p), str(a))].add(articles[str(g)].title if str(g) in articles else str(g))
        for (p, a), arts in held.items():
            add_edge(agent_node(p), agent_node(a), f"holds-account:{p}:{a}", kind="holds-account", article="; ".join(sorted(arts)))

    # -- statements -------------------------------------------------------------
    stmts: dict[str, dict] = {}
    for g, s, cls, content, sentence, start, sp, spt, tg, tgt, cert, pol in rows(STATEMENTS):
        if str(s) in stmts:
            continue
        stmts[str(s)] = {
            "kind": _CLASS_KIND[str(cls).rsplit("#", 1)[-1]],
            "content": " ".join(str(content).split()),
            "sentence": " ".join(str(sentence).split()) if sentence is not None else "",
            "start": int(start) if start is not None else -1,
            "speaker": _s(sp), "speaker_text": _s(spt), "target": _s(tg), "target_text": _s(tgt),
            "certainty": str(cert).rsplit("#", 1)[-1] if cert is not None else "",
            "polarity": str(pol).rsplit("#", 1)[-1] if pol is not None else "",
            "article": articles[str(g)].title if str(g) in articles else str(g),
        }
    denied_by: dict[str, list[str]] = defaultdict(list)
    for _g, d, a in rows(DENIES):
        if str(d) in stmts and str(a) in stmts:
            denied_by[str(d)].append(str(a))

    def speaker_of(st) -> str | None:
        if st["speaker"]:
            return agent_node(st["speaker"])
        if st["speaker_text"]:
            return text_node(st["speaker_text"])
        return None

    def target_of(st) -> str | None:
        if st["target"]:
            return agent_node(st["target"])
        if st["target_text"]:
            return text_node(st["target_text"])
        return None

    def speaker_name(st) -> str:
        if st["speaker"] and st["speaker"] in agents:
            return agents[st["speaker"]].name
        return st["speaker_text"] or "(unattributed)"

    def statement_node(iri: str, st: dict, with_edges: bool) -> str:
        if iri not in nodes:
            nodes[iri] = {
                "kind": st["kind"], "label": _short(st["content"]), "text": st["content"],
                "sentence": st["sentence"], "article": st["article"], "speaker": speaker_name(st),
                "certainty": st["certainty"], "polarity": st["polarity"],
            }
        if with_edges:
            evidence = {"sentence": st["sentence"], "article": st["article"], "statement": iri}
            sp = speaker_of(st)
            if sp is not None:
                add_edge(sp, iri, f"{SPEAKER_EDGE[st['kind']]}:{iri}", kind=SPEAKER_EDGE[st["kind"]], **evidence)
            tg = target_of(st)
            if tg is not None:
                k = TARGET_EDGE.get(st["kind"], "about")
                add_edge(iri, tg, f"{k}:{iri}", kind=k, **evidence)
        return iri

    for iri, st in stmts.items():
        if st["kind"] != "denial" and st["kind"] in kinds:
            statement_node(iri, st, True)
    if "denial" in kinds:
        for iri, st in stmts.items():
            if st["kind"] != "denial":
                continue
            denier = speaker_of(st)
            evidence = {"sentence": st["sentence"], "article": st["article"], "statement": iri}
            denied = denied_by.get(iri) or []
            for a in denied:
                # The denied statement is drawn even when its kind is filtered
                # out: the denial points at it.
                statement_node(a, stmts[a], stmts[a]["kind"] in kinds)
            if not denied:
                # What is denied, as the denial words it; tied to the target if known.
                nodes[iri] = {
                    "kind": "denied", "label": _short(st["content"]), "text": st["content"],
                    "sentence": st["sentence"], "article": st["article"], "speaker": speaker_name(st),
                    "certainty": st["certainty"], "polarity": st["polarity"],
                }
                denied = [iri]
                tg = target_of(st)
                if tg is not None:
                    add_edge(iri, tg, f"about:{iri}", kind="about", **evidence)
            if denier is not None:
                for a in denied:
                    add_edge(denier, a, f"denies:{iri}:{a}", kind="denies", **evidence)

    G = nx.MultiDiGraph()
    for nid in sorted(nodes):
        G.add_node(nid, **_finish_node(nid, nodes[nid], agents))
    for (u, v, key) in sorted(edges):
        G.add_edge(u, v, key=key, **{k: val for k, val in edges[(u, v, key)].items() if val not in (None, "")})
    _involvement(G)

    if focus_name is not None:
        G = _ego(G, focus_name, depth, focus)
    G.graph.update({"kinds": ",".join(kinds), "article": keep or "", "focus": focus_name or "", "depth": depth if focus_name else 0})
    return G


def _finish_node(nid: str, attrs: dict, agents: dict[str, _Agent]) -> dict:
    out = {"iri": nid if not nid.startswith("unresolved:") else ""}
    a = agents.get(nid)
    if a is not None:
        out["aliases"] = "; ".join(sorted(a.aliases - {a.name}))
        out["roles"] = "; ".join(sorted(a.roles))
        out["articles"] = "; ".join(sorted(a.articles))
        out.update(a.extra)
    out.update(attrs)
    return {k: v for k, v in out.items() if v not in (None, "")}


def _involvement(G: nx.MultiDiGraph) -> None:
    """How many statements each agent takes part in (speaks, denies, is targeted)."""
    for n, data in G.nodes(data=True):
        if data["kind"] in AGENT_KINDS:
            stmts = {v for _, v, k in G.out_edges(n, data="kind") if k not in ("holds-role-in", "holds-account")}
            stmts |= {u for u, _, k in G.in_edges(n, data="kind") if k not in ("holds-role-in", "holds-account")}
            data["involvement"] = len(stmts)
        data["degree"] = G.degree(n)


def _ego(G: nx.MultiDiGraph, name: str, depth: int, asked: str) -> nx.MultiDiGraph:
    centres = sorted(n for n, d in G.nodes(data=True) if d["kind"] in AGENT_KINDS and d.get("name") == name)
    if not centres:
        raise KgError(f"'{asked}' ({name}) has no allegations, denials, roles or accounts in the network with these filters")
    und = G.to_undirected(as_view=True)
    keep: set = set()
    for c in centres:
        keep |= set(nx.single_source_shortest_path_length(und, c, cutoff=depth))
    H = nx.MultiDiGraph(G.subgraph(sorted(keep)))
    H.graph.update(G.graph)
    return H


def involvement_size(data: dict) -> float:
    """Node size on the map: agents by involvement, statements by degree."""
    if data["kind"] in AGENT_KINDS:
        return min(12.0 + 6.0 * math.sqrt(data.get("involvement", 0)), 48.0)
    return min(10.0 + 2.0 * math.sqrt(data.get("degree", 0)), 24.0)

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
                                  not link the denial to a statement it found;
  consequence                     a legal or institutional outcome (outcomes.py).
Edges (attribute ``kind``):
  alleges/accuses/claims/says/confirms/declines   speaker -> statement
  against/about                   statement -> target
  denies                          denier -> the statement (or ``denied`` node)
  holds-role-in                   person -> organisation
  holds-account                   holder -> account
  outcome-for/brought/led-to      consequence -> who it befell, who brought it
                                  -> consequence, statement -> what it led to

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
from .labels import summary_label
from .outcomes import add_consequences

AGENT_KINDS = ("person", "organization", "account", "unresolved")
STATEMENT_KINDS = ("allegation", "accusation", "claim", "statement", "confirmation", "refusal")
# What --kinds accepts: statement kinds plus the two agent relations.
KINDS = (
    "allegation",
    "accusation",
    "denial",
    "claim",
    "statement",
    "confirmation",
    "refusal",
    "role",
    "account",
    "consequence",
)
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
    raise KgError(
        f"unknown article '{ident}': give a file name, source path, content hash or IRI; stored: {shown or 'none'}"
    )


def _articles(store: Store) -> dict[str, _Article]:
    out = {}
    for g, h, title, src in select(store, ARTICLES):
        out[str(g)] = _Article(str(g), str(h), _s(title) or _s(src) or str(g), _s(src) or "")
    return out


def build_network(
    store: Store, *, focus: str | None = None, depth: int = 2, kinds=None, article: str | None = None
) -> nx.MultiDiGraph:
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
    keep = resolve_article(list(articles.values()), article) if article is not None else None
    focus_name = None
    if focus is not None:
        from ..query import resolve_name

        focus_name = resolve_name(store, focus)
    rows = _Rows(store, keep, articles)
    b = _Builder(_read_agents(rows))
    _add_roles(b, rows, "role" in kinds)
    if "account" in kinds:
        _add_accounts(b, rows)
    stmts, denied_by = _read_statements(rows)
    for iri, st in stmts.items():
        if st["kind"] != "denial" and st["kind"] in kinds:
            b.statement_node(iri, st, True)
    if "denial" in kinds:
        _add_denials(b, stmts, denied_by, kinds)
    if "consequence" in kinds:
        add_consequences(b, rows, stmts, kinds)
    G = b.graph()
    G.graph.update({"kinds": ",".join(kinds), "article": keep or "", "focus": "", "depth": 0})
    return ego_network(G, focus_name, depth, focus) if focus_name is not None else G


class _Rows:
    """The rows of a SELECT, only those of one article's graph when ``keep`` is
    set; ``title(g)`` names an article graph as the map shows it."""

    def __init__(self, store: Store, keep: str | None, articles: dict[str, _Article]):
        self.store, self.keep, self.articles = store, keep, articles

    def __call__(self, query: str):
        for row in select(self.store, query):
            if self.keep is None or row[0] == self.keep:
                yield row

    def title(self, g) -> str:
        return self.articles[str(g)].title if str(g) in self.articles else str(g)


def _read_agents(rows: _Rows) -> dict[str, _Agent]:
    """People, organisations and accounts with their names, aliases, articles and account details."""
    agents: dict[str, _Agent] = {}
    for g, x, cls, name in rows(AGENTS):
        a = agents.setdefault(str(x), _Agent(_CLASS_KIND[str(cls).rsplit("#", 1)[-1]], str(name)))
        a.articles.add(rows.title(g))
    for _g, x, alias in rows(ALIASES):
        if str(x) in agents:
            agents[str(x)].aliases.add(str(alias))
    for _g, x, platform, handle, akind in rows(ACCOUNTS):
        if str(x) in agents:
            ex = agents[str(x)].extra
            for k, v in (("platform", platform), ("handle", handle), ("account_kind", akind)):
                if v is not None:
                    ex[k] = str(v)
    return agents


def _read_statements(rows: _Rows) -> tuple[dict[str, dict], dict[str, list[str]]]:
    """Every statement as a plain record, and denial -> the statements it denies."""
    stmts: dict[str, dict] = {}
    for g, s, cls, content, sentence, start, sp, spt, tg, tgt, cert, pol in rows(STATEMENTS):
        if str(s) in stmts:
            continue
        stmts[str(s)] = {
            "kind": _CLASS_KIND[str(cls).rsplit("#", 1)[-1]],
            "content": " ".join(str(content).split()),
            "sentence": " ".join(str(sentence).split()) if sentence is not None else "",
            "start": int(start) if start is not None else -1,
            "speaker": _s(sp),
            "speaker_text": _s(spt),
            "target": _s(tg),
            "target_text": _s(tgt),
            "certainty": str(cert).rsplit("#", 1)[-1] if cert is not None else "",
            "polarity": str(pol).rsplit("#", 1)[-1] if pol is not None else "",
            "article": rows.title(g),
        }
    denied_by: dict[str, list[str]] = defaultdict(list)
    for _g, d, a in rows(DENIES):
        if str(d) in stmts and str(a) in stmts:
            denied_by[str(d)].append(str(a))
    return stmts, denied_by


def _add_roles(b: "_Builder", rows: _Rows, with_edges: bool) -> None:
    """Every agent's role titles; with ``with_edges``, one holds-role-in edge per person and organisation."""
    role_edges: dict[tuple, dict] = defaultdict(lambda: {"roles": set(), "articles": set(), "worded": set()})
    for g, p, title, org, exact in rows(ROLES):
        if str(p) in b.agents:
            b.agents[str(p)].roles.add(str(title))
        if org is not None and with_edges:
            e = role_edges[(str(p), str(org))]
            e["roles"].add(str(title))
            e["articles"].add(rows.title(g))
            if exact is not None:
                e["worded"].add(" ".join(str(exact).split()))
    for (p, o), e in role_edges.items():
        b.add_edge(
            b.agent_node(p),
            b.agent_node(o),
            f"holds-role-in:{p}:{o}",
            kind="holds-role-in",
            role="; ".join(sorted(e["roles"])),
            sentence="; ".join(sorted(e["worded"])),
            article="; ".join(sorted(e["articles"])),
        )


def _add_accounts(b: "_Builder", rows: _Rows) -> None:
    held: dict[tuple, set] = defaultdict(set)
    for g, p, a in rows(HOLDS):
        held[(str(p), str(a))].add(rows.title(g))
    for (p, a), arts in held.items():
        b.add_edge(
            b.agent_node(p),
            b.agent_node(a),
            f"holds-account:{p}:{a}",
            kind="holds-account",
            article="; ".join(sorted(arts)),
        )


def _add_denials(b: "_Builder", stmts: dict[str, dict], denied_by: dict[str, list[str]], kinds) -> None:
    """Denier -denies-> each statement a denial answers; a denial linked to
    none gets a ``denied`` node of its own, worded as the denial words it."""
    for iri, st in stmts.items():
        if st["kind"] != "denial":
            continue
        denier = b.speaker_of(st)
        evidence = {"sentence": st["sentence"], "article": st["article"], "statement": iri}
        denied = denied_by.get(iri) or []
        for a in denied:
            # The denied statement is drawn even when its kind is filtered
            # out: the denial points at it.
            b.statement_node(a, stmts[a], stmts[a]["kind"] in kinds)
        if not denied:
            b.nodes[iri] = {**b.statement_attrs(st), "kind": "denied", "label": b.label_of(st, "denies")}
            denied = [iri]
            tg = b.target_of(st)
            if tg is not None:
                b.add_edge(iri, tg, f"about:{iri}", kind="about", **evidence)
        if denier is not None:
            for a in denied:
                b.add_edge(denier, a, f"denies:{iri}:{a}", kind="denies", **evidence)


class _Builder:
    """The nodes and edges of the network as they are found, then the graph."""

    def __init__(self, agents: dict[str, _Agent]):
        self.agents = agents
        self.nodes: dict[str, dict] = {}
        self.edges: dict[tuple, dict] = {}  # (u, v, key) -> attrs; keys are unique over the graph (GEXF edge ids)

    def agent_node(self, iri: str) -> str:
        if iri not in self.nodes:
            a = self.agents.get(iri)
            if a is None:  # referenced but untyped: keep it visible rather than drop the edge
                a = self.agents[iri] = _Agent("unresolved", iri.rsplit("/", 1)[-1])
            self.nodes[iri] = {"kind": a.kind, "label": a.name, "name": a.name}
        return iri

    def text_node(self, text: str) -> str:
        """A speaker or target the text names but the extractor did not resolve."""
        nid = _unresolved_id(text)
        if nid not in self.nodes:
            self.nodes[nid] = {"kind": "unresolved", "label": " ".join(text.split()), "name": " ".join(text.split())}
        return nid

    def add_edge(self, u, v, key, **attrs) -> None:
        attrs["label"] = attrs["kind"]
        self.edges[(u, v, key)] = attrs

    def speaker_of(self, st) -> str | None:
        if st["speaker"]:
            return self.agent_node(st["speaker"])
        return self.text_node(st["speaker_text"]) if st["speaker_text"] else None

    def target_of(self, st) -> str | None:
        if st["target"]:
            return self.agent_node(st["target"])
        return self.text_node(st["target_text"]) if st["target_text"] else None

    def speaker_name(self, st) -> str:
        if st["speaker"] and st["speaker"] in self.agents:
            return self.agents[st["speaker"]].name
        return st["speaker_text"] or "(unattributed)"

    def label_of(self, st, verb=None) -> str:
        """'claimant → target: gist' (kg.export.labels); the full text is kept apart."""
        speaker = self.speaker_name(st) if (st["speaker"] or st["speaker_text"]) else None
        names: list = []
        target = None
        if st["target"] and st["target"] in self.agents:
            target = self.agents[st["target"]].name
            names = sorted(self.agents[st["target"]].aliases)
        elif st["target_text"]:
            target = st["target_text"]
        return summary_label(
            speaker,
            None if verb else target,
            st["content"],
            target_names=[target, *names] if target else names,
            verb=verb,
        )

    def statement_attrs(self, st: dict) -> dict:
        return {
            "kind": st["kind"],
            "label": self.label_of(st),
            "text": st["content"],
            "sentence": st["sentence"],
            "article": st["article"],
            "speaker": self.speaker_name(st),
            "certainty": st["certainty"],
            "polarity": st["polarity"],
        }

    def statement_node(self, iri: str, st: dict, with_edges: bool) -> str:
        """A statement's node; with ``with_edges``, speaker -> it -> target."""
        if iri not in self.nodes:
            self.nodes[iri] = self.statement_attrs(st)
        if with_edges:
            evidence = {"sentence": st["sentence"], "article": st["article"], "statement": iri}
            sp = self.speaker_of(st)
            if sp is not None:
                self.add_edge(sp, iri, f"{SPEAKER_EDGE[st['kind']]}:{iri}", kind=SPEAKER_EDGE[st["kind"]], **evidence)
            tg = self.target_of(st)
            if tg is not None:
                k = TARGET_EDGE.get(st["kind"], "about")
                self.add_edge(iri, tg, f"{k}:{iri}", kind=k, **evidence)
        return iri

    def graph(self) -> nx.MultiDiGraph:
        """Nodes and edges inserted sorted (byte-identical exports), what each agent did counted."""
        G = nx.MultiDiGraph()
        for nid in sorted(self.nodes):
            G.add_node(nid, **_finish_node(nid, self.nodes[nid], self.agents))
        for u, v, key in sorted(self.edges):
            G.add_edge(u, v, key=key, **{k: val for k, val in self.edges[(u, v, key)].items() if val not in (None, "")})
        _involvement(G)
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


# Edge kind -> the node attribute counting, per agent, the statements behind
# such edges (a denial of two allegations is one denial made).
DID = {
    "denies": "denials",
    "alleges": "allegations",
    "accuses": "accusations",
    "claims": "claims",
    "says": "statements",
    "confirms": "confirmations",
    "declines": "refusals",
    "brought": "cases_brought",
}
DONE_TO = {"against": "accused", "about": "mentioned", "outcome-for": "outcomes"}


def _involvement(G: nx.MultiDiGraph) -> None:
    """What each agent did, counted in statements: denials made, allegations
    made, times accused ... (``DID``, ``DONE_TO``), and ``involvement``, the
    statements it takes part in at all. Counting statements rather than
    neighbours, three denials of one allegation count three."""
    for n, data in G.nodes(data=True):
        if data["kind"] in AGENT_KINDS:
            seen: dict[str, set] = defaultdict(set)
            for _, v, k, st in G.out_edges(n, keys=True, data="statement"):
                kind = G.edges[n, v, k]["kind"]
                if kind in DID:
                    seen[DID[kind]].add(st or k)
            for u, _, k, st in G.in_edges(n, keys=True, data="statement"):
                kind = G.edges[u, n, k]["kind"]
                if kind in DONE_TO:
                    seen[DONE_TO[kind]].add(st or k)
            for attr, stmts in seen.items():
                data[attr] = len(stmts)
            data["involvement"] = len(set().union(*seen.values())) if seen else 0
        data["degree"] = G.degree(n)


def ego_network(G: nx.MultiDiGraph, name: str, depth: int, asked: str) -> nx.MultiDiGraph:
    """The agents called ``name`` and everything within ``depth`` hops of them,
    ignoring edge direction (``asked`` is what the user typed, for the error)."""
    centres = sorted(n for n, d in G.nodes(data=True) if d["kind"] in AGENT_KINDS and d.get("name") == name)
    if not centres:
        raise KgError(
            f"'{asked}' ({name}) has no allegations, denials, roles or accounts in the network with these filters"
        )
    und = G.to_undirected(as_view=True)
    keep: set = set()
    for c in centres:
        keep |= set(nx.single_source_shortest_path_length(und, c, cutoff=depth))
    # Copied in G's order: a subgraph view iterates a set (its order changes
    # with the process's hash seed), and exports must not.
    H = nx.MultiDiGraph()
    H.graph.update(G.graph)
    H.graph.update({"focus": name, "depth": depth})
    H.add_nodes_from((n, d) for n, d in G.nodes(data=True) if n in keep)
    H.add_edges_from((u, v, k, d) for u, v, k, d in G.edges(keys=True, data=True) if u in keep and v in keep)
    return H


def involvement_size(data: dict) -> float:
    """Node size on the map: agents by involvement, statements by degree."""
    if data["kind"] in AGENT_KINDS:
        return min(12.0 + 6.0 * math.sqrt(data.get("involvement", 0)), 48.0)
    return min(10.0 + 2.0 * math.sqrt(data.get("degree", 0)), 24.0)

"""``kg stats --network``: who denies most, who is accused most, who sits at
the centre, and which groups hang together.

Centrality and communities are computed on the *agent projection* of the
network: two agents are linked when one speaks against the other, when one
denies what the other said or what was said about them, and through roles
and accounts. Statement nodes would otherwise dominate the scores (every
allegation is a hub of its speaker, target and deniers).
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass

import networkx as nx

from ..errors import KgError
from ..store import Store
from .network import AGENT_KINDS, SPEAKER_EDGE, build_network

SPEAKS = set(SPEAKER_EDGE.values())
ACCUSING = {"allegation", "accusation"}
EXACT_BETWEENNESS_MAX = 1000  # above: sampled betweenness (exact is O(n*e))


@dataclass
class NetworkStats:
    names: list[str]
    rows: list[list[str]]
    communities: list[list[str]]  # member names, biggest community first


def agent_projection(G: nx.MultiDiGraph) -> nx.Graph:
    """Agents linked through the statements and relations between them (weighted)."""
    P = nx.Graph()
    P.add_nodes_from(n for n, d in G.nodes(data=True) if d["kind"] in AGENT_KINDS)

    def link(a, b):
        if a != b:
            w = P.get_edge_data(a, b, {"weight": 0})["weight"]
            P.add_edge(a, b, weight=w + 1)

    for s, d in G.nodes(data=True):
        if d["kind"] in AGENT_KINDS:
            continue
        # whoever sued or fined is linked to whom it befell, as a speaker to a target
        speakers = [u for u, _, k in G.in_edges(s, data="kind") if k in SPEAKS or k == "brought"]
        deniers = [u for u, _, k in G.in_edges(s, data="kind") if k == "denies"]
        targets = [v for _, v, k in G.out_edges(s, data="kind") if k in ("against", "about", "outcome-for")]
        for a in speakers + deniers:
            for t in targets:
                link(a, t)
        for den in deniers:
            for sp in speakers:
                link(den, sp)
    for u, v, k in G.edges(data="kind"):
        if k in ("holds-role-in", "holds-account"):
            link(u, v)
    return P


def network_stats(G: nx.MultiDiGraph) -> NetworkStats:
    if not any(d["kind"] in AGENT_KINDS for _, d in G.nodes(data=True)):
        raise KgError("nothing to analyse: the store has no people, organisations or accounts (run 'kg ingest' first)")
    denials: Counter = Counter()
    accused: Counter = Counter()
    accuses: Counter = Counter()
    for u, v, k in G.edges(data="kind"):
        if k == "denies":
            denials[u] += 1
        elif k == "against" and G.nodes[u]["kind"] in ACCUSING:
            accused[v] += 1
        elif k in ("alleges", "accuses"):
            accuses[u] += 1
    P = agent_projection(G)
    degree = nx.degree_centrality(P) if len(P) > 1 else {n: 0.0 for n in P}
    if len(P) <= EXACT_BETWEENNESS_MAX:
        between = nx.betweenness_centrality(P)
    else:
        between = nx.betweenness_centrality(P, k=300, seed=1)
    comms = nx.community.louvain_communities(P, weight="weight", seed=1) if P.number_of_edges() else [{n} for n in P]
    name = {n: G.nodes[n].get("name", G.nodes[n].get("label", n)) for n in P}
    comms = sorted((sorted(c, key=lambda n: name[n]) for c in comms), key=lambda c: (-len(c), name[c[0]]))
    community_of = {n: i + 1 for i, c in enumerate(comms) for n in c}

    def order(n):
        return (-accused[n], -denials[n], -accuses[n], -degree[n], name[n])

    names = ["name", "kind", "accused", "denies", "accuses", "degree centrality", "betweenness", "community"]
    rows = [
        [
            name[n],
            G.nodes[n]["kind"],
            str(accused[n]),
            str(denials[n]),
            str(accuses[n]),
            f"{degree[n]:.3f}",
            f"{between[n]:.3f}",
            str(community_of[n]),
        ]
        for n in sorted(P, key=order)
    ]
    return NetworkStats(names, rows, [[name[n] for n in c] for c in comms])


STORE_AGENTS = """
SELECT DISTINCT ?x WHERE { GRAPH ?g { ?x a ?c . VALUES ?c { kg:Person kg:Organization kg:Account } } }
"""


def agent_counts(store: Store, G: nx.MultiDiGraph) -> tuple[int, int, int]:
    """(agents in the store, of them with a link in the network, agents named
    in the text only): the network holds only agents that take part in
    something, so its size alone says nothing about who was left out."""
    from .network import select

    in_store = {row[0] for row in select(store, STORE_AGENTS)}
    linked = sum(1 for n in in_store if n in G)
    text_only = sum(1 for _, d in G.nodes(data=True) if d["kind"] == "unresolved")
    return len(in_store), linked, text_only


def network_report(store: Store, *, top: int = 30) -> str:
    """The tables ``kg stats --network`` prints."""
    from ..query import render_table

    G = build_network(store)
    st = network_stats(G)
    in_store, linked, text_only = agent_counts(store, G)
    counts = (
        f"Agents: {in_store} people, organisations and accounts in the store; {linked} with links in the network "
        f"are ranked below, {in_store - linked} without any are not"
        + (
            f"; {text_only} more named in the text only (not resolved to an agent) "
            f"{'is' if text_only == 1 else 'are'} ranked too."
            if text_only
            else "."
        )
    )
    shown = min(top, len(st.rows))
    title = (
        f"Network: the {shown} most accused and most denying of {len(st.rows)} ranked agents"
        if shown < len(st.rows)
        else f"Network: all {len(st.rows)} ranked agents, most accused and most denying first"
    )
    parts = [counts, render_table(st.names, st.rows[:top], title=title)]
    comm_rows = [
        [str(i + 1), str(len(c)), ", ".join(c[:10]) + (", ..." if len(c) > 10 else "")]
        for i, c in enumerate(st.communities)
        if len(c) > 1
    ]
    if comm_rows:
        parts.append(
            render_table(
                ["community", "size", "members"],
                comm_rows,
                title="Communities (Louvain, agents linked by allegations, denials, roles, accounts)",
            )
        )
    return "\n".join(parts)

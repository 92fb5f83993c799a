"""GraphML, GEXF, node-link JSON and the RDF formats; and the network statistics."""

from __future__ import annotations

import json

import networkx as nx
import pytest
from rdflib import Dataset, Graph

from kg.errors import KgError
from kg.export import build_network, export, network_report, network_stats, write_format
from kg.export.analysis import agent_projection
from kg.namespace import NS

from .conftest import PWN_SCRIPT

HUN_SEN = "https://w3id.org/kg-claims/id/person/hun-sen"


def store_quads(store) -> set:
    return {(s, p, o, g) for s, p, o, g in store.query("SELECT ?s ?p ?o ?g WHERE { GRAPH ?g { ?s ?p ?o } }")}


def test_graphml_round_trips_with_attributes(network, tmp_path):
    path = write_format(network, "graphml", tmp_path / "n.graphml")
    G = nx.read_graphml(path, force_multigraph=True)
    assert G.number_of_nodes() == network.number_of_nodes() and G.number_of_edges() == network.number_of_edges()
    assert G.nodes[HUN_SEN]["kind"] == "person" and G.nodes[HUN_SEN]["roles"] == "Prime Minister"
    assert G.nodes[HUN_SEN]["involvement"] == 5 and G.nodes[HUN_SEN]["denials"] == 2
    sentences = {d.get("sentence") for *_, d in G.edges(data=True)}
    assert any(PWN_SCRIPT in (s or "") for s in sentences)  # text kept verbatim (escaped as XML)
    assert 'attr.name="kind"' in path.read_text("utf-8")


def test_gexf_has_attributes_colours_and_no_date(network, tmp_path):
    path = write_format(network, "gexf", tmp_path / "n.gexf")
    text = path.read_text("utf-8")
    assert "lastmodifieddate" not in text  # diffable from day to day
    assert "viz:color" in text and "viz:size" in text
    G = nx.read_gexf(path)
    assert G.number_of_nodes() == network.number_of_nodes() and G.number_of_edges() == network.number_of_edges()
    assert G.nodes[HUN_SEN]["kind"] == "person" and G.nodes[HUN_SEN]["label"] == "Hun Sen"


def test_node_link_json(network, tmp_path):
    path = write_format(network, "json", tmp_path / "n.json")
    data = json.loads(path.read_text("utf-8"))
    assert data["directed"] is True and data["multigraph"] is True
    G = nx.node_link_graph(data, edges="edges")
    assert sorted(G.edges(keys=True)) == sorted(network.edges(keys=True))
    assert G.nodes[HUN_SEN]["aliases"] == network.nodes[HUN_SEN]["aliases"]


def test_nquads_keep_one_named_graph_per_article(store, tmp_path):
    path = write_format(store, "nquads", tmp_path / "kg.nq")
    lines = path.read_text("utf-8").splitlines()
    assert lines == sorted(lines)
    ds = Dataset()
    ds.parse(path, format="nquads")
    graphs = {str(g.identifier) for g in ds.graphs() if len(g)}
    assert len(graphs) == 2 and all("/article/" in g for g in graphs)
    assert sum(len(g) for g in ds.graphs()) == len(store_quads(store))


def test_turtle_merges_the_articles(store, tmp_path):
    path = write_format(store, "turtle", tmp_path / "kg.ttl")
    text = path.read_text("utf-8")
    assert f"@prefix kg: <{NS}>" in text
    g = Graph().parse(path, format="turtle")
    assert len(g) == len({(s, p, o) for s, p, o, _ in store_quads(store)})


def test_jsonld_has_a_context_and_the_named_graphs(store, tmp_path):
    path = write_format(store, "jsonld", tmp_path / "kg.jsonld")
    data = json.loads(path.read_text("utf-8"))
    assert data["@context"]["kg"] == NS and data["@context"]["schema"] == "https://schema.org/"
    ds = Dataset()
    ds.parse(path, format="json-ld")
    assert {str(g.identifier) for g in ds.graphs() if len(g)} == {str(g) for *_, g in store_quads(store)}
    assert sum(len(g) for g in ds.graphs()) == len(store_quads(store))


@pytest.mark.parametrize("fmt", ["graphml", "gexf", "json", "jsonld", "turtle", "nquads", "html"])
def test_exports_are_byte_identical_when_repeated(store, tmp_path, fmt):
    a = export(store, fmt, tmp_path / f"a.{fmt}").path.read_bytes()
    b = export(store, fmt, tmp_path / f"b.{fmt}").path.read_bytes()
    assert a == b and len(a) > 1000


def test_export_summary_and_default_paths(store, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    res = export(store, "graphml")
    assert res.summary() == f"wrote exports/network.graphml ({res.nodes} nodes, {res.edges} edges)"
    assert (tmp_path / "exports" / "network.graphml").is_file()
    assert export(store, "nquads").summary() == "wrote exports/kg.nq"
    res = export(store, "json", focus="Rainsy", depth=1)
    assert (res.nodes, res.edges) == (2, 1)  # Sam Rainsy -accuses-> his accusation (plain statements are off)
    assert export(store, "html").path.name == "network.html"


def test_export_errors(store, network, tmp_path):
    with pytest.raises(KgError, match="unknown export format 'pdf': valid: html, graphml"):
        write_format(store, "pdf", tmp_path / "x")
    with pytest.raises(KgError, match="RDF format"):
        write_format(network, "turtle", tmp_path / "x.ttl")
    with pytest.raises(KgError, match="--depth needs --focus"):
        export(store, "html", tmp_path / "x.html", depth=3)
    with pytest.raises(KgError, match="nothing to export"):
        write_format(nx.MultiDiGraph(), "graphml", tmp_path / "x.graphml")


def test_empty_store_exports_are_clear_errors(tmp_path):
    from kg.store import open_store

    s = open_store(str(tmp_path / "empty"))
    s.close()
    with open_store(str(tmp_path / "empty"), read_only=True) as s:
        with pytest.raises(KgError, match="store is empty"):
            write_format(s, "nquads", tmp_path / "x.nq")
        with pytest.raises(KgError, match="nothing to export"):
            write_format(s, "gexf", tmp_path / "x.gexf")
        with pytest.raises(KgError, match="nothing to analyse"):
            network_report(s)


# -- network statistics -----------------------------------------------------------


def test_agent_projection_links_accusers_deniers_and_targets(network):
    P = agent_projection(network)
    name = {n: network.nodes[n].get("name") for n in P}
    links = {frozenset((name[u], name[v])) for u, v in P.edges()}
    assert frozenset(("Thleay", "Hun Sen")) in links  # alleges against
    assert frozenset(("Duong Dara", "Thleay")) in links  # denies what Thleay alleged
    assert frozenset(("Duong Dara", "Hun Sen")) in links  # ... which was about Hun Sen
    assert frozenset(("Duong Dara", "Council of Ministers")) in links
    assert all(network.nodes[n]["kind"] in ("person", "organization", "account", "unresolved") for n in P)


def test_network_stats_rank_the_accused_and_the_deniers(network):
    st = network_stats(network)
    rows = {r[0]: dict(zip(st.names, r)) for r in st.rows}
    assert st.rows[0][0] == "Hun Sen"  # most accused first
    assert rows["Hun Sen"]["accused"] == "3" and rows["Hun Sen"]["denies"] == "2"
    assert rows["Duong Dara"]["denies"] == "1" and rows["Spokesmen for both sides"]["denies"] == "1"
    assert rows["Sam Rainsy"]["accuses"] == "1" and rows["Thleay"]["accuses"] == "1"
    assert float(rows["Hun Sen"]["degree centrality"]) == max(float(r["degree centrality"]) for r in rows.values())
    assert float(rows["Hun Sen"]["betweenness"]) > 0
    members = [set(c) for c in st.communities]
    assert sorted(n for c in members for n in c) == sorted(rows)  # a partition of the agents
    assert rows["Duong Dara"]["community"] == rows["Council of Ministers"]["community"]


def test_network_report_is_tables(store):
    text = network_report(store)
    assert "Hun Sen" in text and "betweenness" in text and "Communities" in text


def test_network_report_counts_agents_with_and_without_links(tmp_path):
    """ "30 of 30 agents" left out everyone without a link: the report says how
    many agents the store has, how many have links, and how many do not."""
    from kg.graph import article_graph
    from kg.store import open_store

    from .conftest import RAW1, TITLE1, _article, _entity, records1

    rec = records1()
    rec["entities"] += [
        _entity(RAW1, "person:lonely-one", "Person", "Lonely One"),
        _entity(RAW1, "org:quiet-org", "Organization", "Quiet Org"),
    ]
    with open_store(str(tmp_path / "s")) as s:
        s.write([article_graph(_article(RAW1, TITLE1), rec, source="a.txt")])
        text = network_report(s, top=3)
    lines = [" ".join(line.split()) for line in text.splitlines()]
    assert (
        "Agents: 8 people, organisations and accounts in the store; 6 with links in the network are ranked below, "
        "2 without any are not; 1 more named in the text only (not resolved to an agent) is ranked too."
    ) in lines
    assert any(line.startswith("Network: the 3 most accused and most denying of 7 ranked agents") for line in lines)
    assert "Lonely One" not in text


def test_html_summary_counts_the_lines_repeated_denials_share(tmp_path):
    """Duong Dara denies the same allegation twice: two edges, one line on the map."""
    from kg.graph import article_graph
    from kg.store import open_store

    from .conftest import RAW1, SENTS1, TITLE1, _article, _stmt, records1

    recs = records1()
    recs["statements"].append(
        _stmt(
            RAW1,
            "s7",
            "denial",
            SENTS1[3],
            "the email was fabricated",
            speaker="Duong Dara",
            speaker_entity="person:duong-dara",
            denies=["s1"],
        )
    )
    store = open_store(str(tmp_path / "store"))
    try:
        store.write([article_graph(_article(RAW1, TITLE1), recs, source="corpus/001_leakers.txt")])
        G = build_network(store)
        res = export(store, "html", tmp_path / "map.html")
        graphml = export(store, "graphml", tmp_path / "map.graphml")
    finally:
        store.close()
    m = G.number_of_edges()
    assert res.summary() == f"wrote {tmp_path / 'map.html'} ({G.number_of_nodes()} nodes, {m} edges on {m - 1} lines)"
    assert graphml.summary() == f"wrote {tmp_path / 'map.graphml'} ({G.number_of_nodes()} nodes, {m} edges)"
    assert f"{m} edges on {m - 1} lines" in res.path.read_text("utf-8")
    dara = G.nodes["https://w3id.org/kg-claims/id/person/duong-dara"]
    assert dara["denials"] == 2

"""store -> networkx: which nodes and edges the map is built from."""

from __future__ import annotations

import pytest

from kg.errors import KgError
from kg.export import build_network
from kg.store import open_store

from .conftest import EVIL_NAME, TITLE1, build_store

HUN_SEN = "https://w3id.org/kg-claims/id/person/hun-sen"
RAINSY = "https://w3id.org/kg-claims/id/person/sam-rainsy"
DARA = "https://w3id.org/kg-claims/id/person/duong-dara"
COUNCIL = "https://w3id.org/kg-claims/id/org/council-of-ministers"
THLEAY = "https://w3id.org/kg-claims/id/account/thleay"
FB_PAGE = "https://w3id.org/kg-claims/id/account/facebook/hun-sen"
MALLORY = "https://w3id.org/kg-claims/id/person/mallory"
SPOKESMEN = "unresolved:spokesmen for both sides"


def by_label(G, label):
    """An agent by its label, a statement by its full text."""
    found = [n for n, d in G.nodes(data=True) if d.get("text", d.get("label")) == label]
    assert len(found) == 1, (label, found)
    return found[0]


def kinds_between(G, u, v):
    return sorted(d["kind"] for d in (G.get_edge_data(u, v) or {}).values())


def test_agents_and_statements_become_typed_nodes(network):
    G = network
    kinds = {n: d["kind"] for n, d in G.nodes(data=True)}
    assert kinds[HUN_SEN] == kinds[RAINSY] == kinds[DARA] == kinds[MALLORY] == "person"
    assert kinds[COUNCIL] == "organization"
    assert kinds[THLEAY] == kinds[FB_PAGE] == "account"
    assert kinds[SPOKESMEN] == "unresolved"
    assert kinds[by_label(G, "Prime Minister Hun Sen bought Facebook likes")] == "allegation"
    assert kinds[by_label(G, "buying likes from click farms")] == "accusation"
    # A denial not linked to any statement keeps what it rejects as its own node.
    assert kinds[by_label(G, "the leaks fabricated")] == "denied"


def test_edges_speaker_to_allegation_to_target_and_denials(network):
    G = network
    s1 = by_label(G, "Prime Minister Hun Sen bought Facebook likes")
    s3 = by_label(G, "buying likes from click farms")
    assert kinds_between(G, THLEAY, s1) == ["alleges"]
    assert kinds_between(G, s1, HUN_SEN) == ["against"]
    assert kinds_between(G, RAINSY, s3) == ["accuses"]
    assert kinds_between(G, s3, HUN_SEN) == ["against"]
    assert kinds_between(G, HUN_SEN, s1) == ["denies"]
    assert kinds_between(G, DARA, s1) == ["denies"]
    assert kinds_between(G, SPOKESMEN, by_label(G, "the leaks fabricated")) == ["denies"]
    assert kinds_between(G, DARA, COUNCIL) == ["holds-role-in"]
    assert kinds_between(G, HUN_SEN, FB_PAGE) == ["holds-account"]


def test_edges_carry_the_evidence(network):
    G = network
    s1 = by_label(G, "Prime Minister Hun Sen bought Facebook likes")
    (deny,) = G.get_edge_data(DARA, s1).values()
    assert (
        deny["sentence"] == "Duong Dara, an undersecretary at the Council of Ministers, said the email was fabricated."
    )
    assert deny["article"] == TITLE1
    (role,) = G.get_edge_data(DARA, COUNCIL).values()
    assert role["role"] == "undersecretary"
    assert role["sentence"] == "an undersecretary at the Council of Ministers"
    assert G.nodes[HUN_SEN]["roles"] == "Prime Minister"
    assert "the premier" in G.nodes[HUN_SEN]["aliases"]
    assert G.nodes[s1]["certainty"] == "probable"


def test_same_name_is_one_node_across_articles_and_involvement_counts_statements(network):
    G = network
    assert len([n for n, d in G.nodes(data=True) if d.get("name") == "Hun Sen"]) == 1
    # accused in two allegations of article 1 and one of article 2, and two denials of his own
    assert G.nodes[HUN_SEN]["involvement"] == 5
    assert (G.nodes[HUN_SEN]["accused"], G.nodes[HUN_SEN]["denials"]) == (3, 2)
    assert G.nodes[RAINSY]["involvement"] == 1
    assert G.nodes[COUNCIL]["involvement"] == 0


def test_plain_statements_only_on_request(store):
    assert not any(d.get("text") == "the weather was fine" for _, d in build_network(store).nodes(data=True))
    for kinds in ("statement", "all", ["statement", "role"]):
        G = build_network(store, kinds=kinds)
        s6 = by_label(G, "the weather was fine")
        assert G.nodes[s6]["kind"] == "statement"
        assert kinds_between(G, RAINSY, s6) == ["says"]


def test_kinds_filter(store):
    G = build_network(store, kinds="denial")
    edge_kinds = {k for _, _, k in G.edges(data="kind")}
    assert edge_kinds == {"denies"}
    # the denied allegation is still drawn, as the end of the denial edges
    s1 = by_label(G, "Prime Minister Hun Sen bought Facebook likes")
    assert kinds_between(G, HUN_SEN, s1) == ["denies"]
    assert THLEAY not in G and COUNCIL not in G
    G = build_network(store, kinds="role, account")
    assert {k for _, _, k in G.edges(data="kind")} == {"holds-role-in", "holds-account"}
    assert G.graph["kinds"] == "role,account"


@pytest.mark.parametrize("bad", ["bogus", "denial,bogus", ",", ""])
def test_bad_kinds_are_one_line_errors(store, bad):
    with pytest.raises(KgError) as exc:
        build_network(store, kinds=bad)
    msg = str(exc.value)
    assert "\n" not in msg and "valid kinds: allegation" in msg


def test_focus_resolves_aliases_and_limits_depth(store):
    G1 = build_network(store, focus="the premier", depth=1)
    assert HUN_SEN in G1 and FB_PAGE in G1
    assert by_label(G1, "buying likes from click farms")
    assert THLEAY not in G1 and RAINSY not in G1  # two hops away
    assert G1.graph["focus"] == "Hun Sen"
    G2 = build_network(store, focus="hun sen", depth=2)
    assert {THLEAY, RAINSY, DARA, MALLORY, SPOKESMEN} - {SPOKESMEN} <= set(G2)
    assert COUNCIL not in G2  # Hun Sen - allegation - Duong Dara - Council: three hops
    assert COUNCIL in build_network(store, focus="Hun Sen", depth=3)
    assert set(G1) < set(G2)


def test_unknown_focus_lists_close_matches(store):
    with pytest.raises(KgError, match=r"unknown name 'Hun Senn'.*close matches: Hun Sen"):
        build_network(store, focus="Hun Senn")


def test_focus_outside_the_filtered_network(store):
    with pytest.raises(KgError, match="Council of Ministers.*with these filters"):
        build_network(store, focus="Council of Ministers", kinds="denial")


def test_depth_must_be_positive(store):
    with pytest.raises(KgError, match="--depth"):
        build_network(store, focus="Hun Sen", depth=0)


@pytest.mark.parametrize("ident", ["002_evil", "002_evil.txt", "corpus/002_evil.txt"])
def test_article_filter(store, ident):
    G = build_network(store, article=ident)
    names = {d.get("name") for _, d in G.nodes(data=True) if d.get("name")}
    assert names == {"Hun Sen", EVIL_NAME}
    assert G.graph["article"].startswith("https://w3id.org/kg-claims/id/article/")


def test_article_by_hash_prefix_and_unknown_article(store):
    iri = build_network(store, article="001_leakers").graph["article"]
    assert build_network(store, article=iri.rsplit("/", 1)[-1][:8]).graph["article"] == iri
    with pytest.raises(KgError, match=r"unknown article 'nope'.*stored: 001_leakers, 002_evil"):
        build_network(store, article="nope")


def test_output_is_sorted_and_repeatable(store):
    G, H = build_network(store), build_network(store)
    assert list(G.nodes) == sorted(G.nodes) == list(H.nodes)
    edges = [(u, v, k) for u, v, k in G.edges(keys=True)]
    assert edges == sorted(edges) == [(u, v, k) for u, v, k in H.edges(keys=True)]
    assert [d for *_, d in G.edges(data=True)] == [d for *_, d in H.edges(data=True)]
    # edge keys are unique over the whole graph (GEXF uses them as edge ids)
    assert len({k for _, _, k in G.edges(keys=True)}) == G.number_of_edges()


def test_focus_network_keeps_the_sorted_order():
    """An ego network is copied in the whole network's (sorted) order: a
    subgraph view would iterate a set, whose order changes with the process's
    hash seed, and exports of the same store must be byte-identical."""
    import networkx as nx

    from kg.export.network import ego_network

    from .conftest import synthetic

    raw = synthetic(60, 120, 300)
    G = nx.MultiDiGraph()  # sorted, as build_network inserts them
    G.add_nodes_from(sorted(raw.nodes(data=True), key=lambda n: n[0]))
    G.add_edges_from(sorted(raw.edges(keys=True, data=True), key=lambda e: e[:3]))
    H = ego_network(G, "Person p00007", 2, "p7")
    assert 10 < len(H) < len(G) / 2
    assert list(H.nodes) == [n for n in G if n in H]
    assert list(H.edges(keys=True)) == [(u, v, k) for u, v, k in G.edges(keys=True) if u in H and v in H]
    assert H.graph["focus"] == "Person p00007" and H.graph["depth"] == 2


def test_attributes_are_scalars_for_graphml(network):
    for _, d in network.nodes(data=True):
        assert all(isinstance(v, (str, int, float)) and v != "" for v in d.values()), d
    for *_, d in network.edges(data=True):
        assert all(isinstance(v, (str, int, float)) and v != "" for v in d.values()), d


def test_empty_store_gives_empty_network(tmp_path):
    path = tmp_path / "empty"
    s = open_store(str(path))
    s.close()
    with open_store(str(path), read_only=True) as s:
        assert build_network(s).number_of_nodes() == 0


def test_store_without_hostile_article(tmp_path):
    path = build_store(tmp_path / "s", hostile=False)
    with open_store(path, read_only=True) as s:
        G = build_network(s)
    assert MALLORY not in G and HUN_SEN in G


# -- what the map shows of each node --------------------------------------------------


def test_statement_labels_are_short_summaries_full_text_kept(network):
    G = network
    label = lambda text: G.nodes[by_label(G, text)]["label"]  # noqa: E731
    assert label("Prime Minister Hun Sen bought Facebook likes") == "Thleay → Hun Sen: bought Facebook likes"
    assert label("buying likes from click farms") == "Sam Rainsy → Hun Sen: buying likes from click farms"
    assert label("the leaks fabricated") == "Spokesmen for both sides denies: the leaks fabricated"
    assert G.nodes[by_label(G, "buying likes from click farms")]["text"] == "buying likes from click farms"


@pytest.mark.parametrize(
    "speaker, target, content, label",
    [
        (
            "Thleay",
            "Hun Sen",
            "to be an email from Duong Dara, an undersecretary at the Council of Ministers, to Hun Sen",
            "Thleay → Hun Sen: be an email from Duong Dara",
        ),
        (
            None,
            "Jane Roe",
            "that she took bribes from three contractors over several years in office",
            "unattributed → Jane Roe: she took bribes from three contractors over…",
        ),
        ("Ann Lee", None, "of lying", "Ann Lee: lying"),
        ("Ann Lee", "Bob Smith", "Bob Smith", "Ann Lee → Bob Smith"),
    ],
)
def test_summary_label(speaker, target, content, label):
    from kg.export.labels import summary_label

    assert summary_label(speaker, target, content, target_names=[target] if target else []) == label


def test_parallel_denials_are_counted_on_the_node(tmp_path):
    """Three denials of one allegation by one person are three edges, and the
    person's node says 3 denials (not "involved in 1")."""
    from kg.graph import article_graph

    from .conftest import _article, _entity, _stmt

    sents = [
        "Jane Roe alleged that Mayor Bob Smith took bribes.",
        "Smith denied it.",
        "Smith denied it again.",
        "Later Smith denied it once more.",
    ]
    raw = "Mayor denies bribes\n\n" + " ".join(sents) + "\n"
    rec = {
        "article": {"title": "Mayor denies bribes", "body": {"start": 0, "end": len(raw)}},
        "entities": [
            _entity(raw, "person:jane-roe", "Person", "Jane Roe"),
            _entity(raw, "person:bob-smith", "Person", "Bob Smith", aliases=["Smith"]),
        ],
        "statements": [
            _stmt(
                raw,
                "s1",
                "allegation",
                sents[0],
                "Mayor Bob Smith took bribes",
                speaker="Jane Roe",
                speaker_entity="person:jane-roe",
                target="Bob Smith",
                target_entity="person:bob-smith",
            )
        ]
        + [
            _stmt(
                raw,
                f"s{k + 2}",
                "denial",
                sents[k + 1],
                "it",
                speaker="Smith",
                speaker_entity="person:bob-smith",
                denies=["s1"],
            )
            for k in range(3)
        ],
    }
    with open_store(str(tmp_path / "s")) as s:
        s.write([article_graph(_article(raw, "Mayor denies bribes"), rec, source="a.txt")])
        G = build_network(s)
    smith = "https://w3id.org/kg-claims/id/person/bob-smith"
    s1 = by_label(G, "Mayor Bob Smith took bribes")
    assert kinds_between(G, smith, s1) == ["denies"] * 3
    node = G.nodes[smith]
    assert (node["denials"], node["accused"], node["involvement"]) == (3, 1, 4)
    from kg.export.html import node_tooltip

    assert "Denials made: 3" in node_tooltip(node) and "Targeted by: 1 allegation" in node_tooltip(node)
    assert G.nodes["https://w3id.org/kg-claims/id/person/jane-roe"]["allegations"] == 1

"""Consequences on the network: outcome nodes, who they befell, what they followed (the bundled corpus)."""

from __future__ import annotations

import pytest

from kg.export import build_network
from kg.export.html import node_tooltip
from kg.store import open_store

RAINSY = "https://w3id.org/kg-claims/id/person/sam-rainsy"


@pytest.fixture(scope="module")
def corpus_network(corpus_store):
    with open_store(str(corpus_store), read_only=True) as store:
        return build_network(store)


def outcomes(G) -> dict[str, dict]:
    return {n: d for n, d in G.nodes(data=True) if d["kind"] == "consequence"}


def test_rainsy_conviction_follows_his_accusation(corpus_network):
    G = corpus_network
    convicted = [n for n, d in outcomes(G).items() if d["label"] == "convicted: defamation"]
    assert len(convicted) == 1
    (c,) = convicted
    assert [d["kind"] for d in G.get_edge_data(c, RAINSY).values()] == ["outcome-for"]
    (led,) = [(u, d) for u, _, d in G.in_edges(c, data=True) if d["kind"] == "led-to"]
    assert G.nodes[led[0]]["kind"] == "accusation" and "click farms" in G.nodes[led[0]]["text"]
    assert "click farms" in G.nodes[led[0]]["text"]


def test_fine_shows_its_amount_and_counts_on_the_person(corpus_network):
    G = corpus_network
    fined = [d for d in outcomes(G).values() if d["outcome"] == "fined"]
    assert [d["label"] for d in fined] == ["fined 6,000 USD"]
    assert "Amount: 6,000 USD" in node_tooltip(fined[0])
    assert G.nodes[RAINSY]["outcomes"] >= 2
    assert "Outcomes (convicted, fined, sued ...)" in node_tooltip(G.nodes[RAINSY])


def test_outcomes_only_when_asked_for(corpus_store):
    with open_store(str(corpus_store), read_only=True) as store:
        G = build_network(store, kinds="denial,allegation")
    assert not outcomes(G)
    assert not any(k in ("outcome-for", "led-to", "brought") for _, _, k in G.edges(data="kind"))

"""The pieces without a server: highlighting segments, content negotiation,
SPARQL terms for "SPARQL for this page", the store's change fingerprint."""

from __future__ import annotations

import pytest
from rdflib import Literal, URIRef

from kg.serve.highlight import Span, segments
from kg.serve.page import BadRequest, iri_for, pager, path_for, term, values_clause
from kg.serve.protocol import GRAPH_TYPES, SOLUTION_TYPES, keyword, negotiate, parse_accept, wants_html


def marks(segs):
    return [(s.text, s.kinds, s.facts, s.chrome) for s in segs]


@pytest.mark.parametrize(
    "text, spans, body, expected",
    [
        # nothing marked: one plain segment
        ("plain text", [], None, [("plain text", (), (), False)]),
        # a cue inside its sentence
        (
            "Dara denied it.",
            [Span(0, 15, "sentence", 0), Span(5, 11, "cue", 0)],
            None,
            [
                ("Dara ", ("sentence",), (0,), False),
                ("denied", ("cue", "sentence"), (0,), False),
                (" it.", ("sentence",), (0,), False),
            ],
        ),
        # overlapping spans of two facts: the narrowest fact first
        (
            "Hun Sen denied",
            [Span(0, 7, "mention", 1), Span(0, 14, "content", 0)],
            None,
            [("Hun Sen", ("content", "mention"), (1, 0), False), (" denied", ("content",), (0,), False)],
        ),
        # chrome outside the body is marked, and plain neighbours merge
        ("HEAD\n\nbody text", [], (6, 15), [("HEAD\n\n", (), (), True), ("body text", (), (), False)]),
        # spans outside the text or empty are dropped
        ("abc", [Span(1, 9, "cue", 0), Span(2, 2, "cue", 1), Span(-1, 2, "cue", 2)], None, [("abc", (), (), False)]),
    ],
)
def test_segments(text, spans, body, expected):
    segs = segments(text, spans, body)
    assert marks(segs) == expected
    assert "".join(s.text for s in segs) == text


def test_segments_keep_markup_as_text():
    text = '<script>alert(1)</script> "quoted"'
    segs = segments(text, [Span(0, 8, "cue", 0)])
    assert segs[0].text == "<script>" and "".join(s.text for s in segs) == text


@pytest.mark.parametrize(
    "accept, offers, expected",
    [
        (None, SOLUTION_TYPES, "json"),
        ("text/csv", SOLUTION_TYPES, "csv"),
        ("text/*", SOLUTION_TYPES, "csv"),
        ("application/sparql-results+xml;q=0.2, text/tab-separated-values", SOLUTION_TYPES, "tsv"),
        ("image/png", SOLUTION_TYPES, None),
        ("text/csv;q=0", SOLUTION_TYPES, None),
        ("application/json", GRAPH_TYPES, "jsonld"),
        ("*/*", GRAPH_TYPES, "turtle"),
    ],
)
def test_negotiate(accept, offers, expected):
    assert negotiate(accept, offers) == expected


def test_parse_accept_orders_by_quality_then_specificity():
    assert [m for m, _q in parse_accept("*/*;q=0.1, text/csv, text/*;q=0.5")] == ["text/csv", "text/*", "*/*"]
    assert wants_html("text/html,application/xhtml+xml,*/*;q=0.8")
    assert not wants_html("application/sparql-results+json, */*")


@pytest.mark.parametrize(
    "query, word",
    [
        ("SELECT * {}", "SELECT"),
        ("  # c\nPREFIX a: <x>\nBASE <y>\n drop all", "DROP"),
        ("ask{}", "ASK"),
        ("", ""),
    ],
)
def test_keyword(query, word):
    assert keyword(query) == word


def test_terms_are_escaped():
    assert term('"} ; DROP ALL ; {"') == '"\\"} ; DROP ALL ; {\\""'
    assert term(URIRef("https://w3id.org/kg-claims/id/person/x")) == "<https://w3id.org/kg-claims/id/person/x>"
    assert term(Literal("a\nb")) == '"a\\nb"'
    with pytest.raises(BadRequest):
        term(URIRef("http://x> } DROP ALL {"))
    with pytest.raises(BadRequest):
        values_clause("s", ["http://ok", "bad iri"])
    assert values_clause("s", ["http://a", "http://b"]) == "VALUES ?s { <http://a> <http://b> }"


def test_paths_and_pager():
    iri = "https://w3id.org/kg-claims/id/statement/abc/s7"
    assert path_for(iri) == "/id/statement/abc/s7" and iri_for("statement/abc/s7") == iri
    assert path_for("http://example.org/x") is None
    p = pager({"q": "x", "size": None}, 120, 50, 50, "/")
    assert (p["page"], p["last"], p["first_row"], p["last_row"]) == (2, 3, 51, 100)
    assert p["next"] == "/?q=x&page=3" and p["prev"] == "/?q=x"


def test_fingerprint_changes_when_the_store_is_written(tmp_path):
    from kg.graph import article_graph
    from kg.serve.source import fingerprint
    from kg.store import open_store

    from ..records import TEXT, records

    with open_store(str(tmp_path / "s")) as s:
        art, rec = records()
        s.write([article_graph(art, rec, source="a.txt")])
    before = fingerprint(tmp_path / "s")
    with open_store(str(tmp_path / "s")) as s:
        art, rec = records(TEXT + "More.\n")
        s.write([article_graph(art, rec, source="b.txt")])
    assert fingerprint(tmp_path / "s") != before


def test_catalogue_remembers_a_bounded_number_of_lists():
    from kg.serve.catalogue import Catalogue

    cat = Catalogue(1, {}, {}, [], {}, {})
    calls = []

    def compute(k):
        calls.append(k)
        return [k]

    assert cat.remember(("e", 1), lambda: compute(1), limit=2) == [1]
    assert cat.remember(("e", 1), lambda: compute(1), limit=2) == [1]
    cat.remember(("e", 2), lambda: compute(2), limit=2)
    cat.remember(("e", 3), lambda: compute(3), limit=2)  # drops the least recent, 1
    cat.remember(("e", 1), lambda: compute(1), limit=2)
    assert calls == [1, 2, 3, 1]

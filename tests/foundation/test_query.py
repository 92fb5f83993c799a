import json

import pytest

from kg.errors import KgError
from kg.graph import article_graph
from rdflib import Literal, URIRef

from kg.query import (
    format_result,
    named_queries,
    parse_named,
    place_params,
    query_kind,
    resolve_name,
    run_query,
)
from kg.store import open_store

from ..records import records


@pytest.fixture
def store(tmp_path):
    art, rec = records()
    with open_store(str(tmp_path / "s")) as s:
        s.write([article_graph(art, rec, source="a.txt")])
        yield s


def test_shipped_named_queries():
    assert {"who-denied-what", "allegations-against", "denials-by", "accounts", "people"} <= set(named_queries())
    assert [p.name for p in named_queries()["allegations-against"].params] == ["person"]


WHO_DENIED_WHAT = [
    "denier",
    "denier_role",
    "denial",
    "claimant",
    "target",
    "allegation",
    "article",
    "sentence",
    "denial_id",
    "allegation_id",
]


def test_who_denied_what_columns(store):
    res = run_query(store, name="who-denied-what")
    assert [str(v) for v in res.vars] == WHO_DENIED_WHAT
    (row,) = list(res)
    # the denier's words and the allegation's words, each in its own column
    assert (str(row.denier), str(row.denial), str(row.claimant), str(row.target), str(row.allegation)) == (
        "John Doe",
        "the allegations",
        "Jane Roe",
        "John Doe",
        "of buying likes on Facebook",
    )
    assert str(row.denial_id).endswith("/s2") and str(row.allegation_id).endswith("/s1")


def test_rows_that_look_alike_have_their_own_ids(tmp_path):
    """One denial answering two allegations is two rows: the allegation and
    its id tell them apart; two denials in one sentence differ by denial_id."""
    from ..records import span

    art, rec = records()
    text = art.raw
    extra = {**rec["statements"][0], "id": "s3", "content": span(text, "buying likes"), "kind": "allegation"}
    rec["statements"].append(extra)
    rec["statements"][1]["denies"] = ["s1", "s3"]
    rec["statements"].append({**rec["statements"][1], "id": "s4", "denies": []})
    with open_store(str(tmp_path / "s")) as s:
        s.write([article_graph(art, rec, source="a.txt")])
        rows = list(run_query(s, name="who-denied-what"))
    keys = [(str(r.denial_id), str(r.allegation_id or "")) for r in rows]
    assert len(rows) == 3 and len(set(keys)) == 3
    assert sorted(str(r.allegation or "") for r in rows) == ["", "buying likes", "of buying likes on Facebook"]


def test_readme_lists_every_named_query_with_its_columns(store):
    import re

    from ..conftest import ROOT

    readme = (ROOT / "README.md").read_text("utf-8")
    table = dict(re.findall(r"^\| `([a-z-]+)` \| ([^|]+) \|", readme, re.M))
    assert set(table) == set(named_queries())
    from kg.claims import rebuild

    rebuild(store)  # so that claim parameters have a claim to name
    claims = [str(r.claim) for r in run_query(store, name="claims")]
    assert claims, "the test store has no claim to pass to claim parameters"
    for name, nq in named_queries().items():
        params = {p.name: (claims[0] if p.type == "claim" else "John Doe") for p in nq.params}
        res = run_query(store, name=name, params=params)
        assert [c.strip() for c in table[name].split(",")] == [str(v) for v in res.vars], name


@pytest.mark.parametrize("given", ["John Doe", "john doe", "Doe", "Prime Minister John Doe"])
def test_params_resolve_through_aliases(store, given):
    rows = list(run_query(store, name="allegations-against", params={"person": given}))
    assert len(rows) == 1
    assert str(rows[0].person) == "John Doe" and str(rows[0].claimant) == "Jane Roe"
    assert str(rows[0].denied_by) == "John Doe"


def test_denials_by(store):
    rows = list(run_query(store, name="denials-by", params={"person": "doe"}))
    assert [(str(r.denial), str(r.allegation)) for r in rows] == [("the allegations", "of buying likes on Facebook")]


def test_people_and_accounts(store):
    people = {str(r.name): r for r in run_query(store, name="people")}
    assert set(people) == {"Jane Roe", "John Doe"}
    assert str(people["John Doe"].organisations) == "Cabinet"
    acc = list(run_query(store, name="accounts"))
    assert [(str(r.holder), str(r.platform), str(r.metrics)) for r in acc] == [
        ("John Doe", "Facebook", "followers=7400000")
    ]


def test_a_parameter_needs_its_anchor():
    text = "# param: person name  Who\nSELECT ?person WHERE { GRAPH ?g { ?p schema:name ?person } }\n"
    with pytest.raises(KgError) as e:
        parse_named("x", text)
    assert str(e.value) == "named query 'x': parameter person needs one 'VALUES ?person { UNDEF }'"
    anchored = text.replace("GRAPH ?g {", "GRAPH ?g { VALUES ?person { UNDEF }")
    assert [p.name for p in parse_named("x", anchored).params] == ["person"]


def test_parameters_are_placed_as_escaped_terms():
    nq = named_queries()["denials-by"]
    text = place_params(nq, {"person": Literal('x" } } DROP ALL ; { {"')})
    assert 'VALUES ?person { "x\\" } } DROP ALL ; { {\\"" }' in text
    assert "UNDEF" not in text
    with pytest.raises(KgError, match="not a valid IRI"):
        place_params(named_queries()["claim-timeline"], {"claim": URIRef("http://x/> } DROP ALL { <y")})


def test_a_named_query_without_its_parameter_means_anyone(store):
    """The anchor left as it is (``UNDEF``), a named query runs for every
    value: the text the query page shows works on its own."""
    everyone = list(store.query(named_queries()["denials-by"].text))
    assert [str(r.person) for r in everyone] == ["John Doe"]
    assert everyone == list(run_query(store, name="denials-by", params={"person": "doe"}))


def test_parameter_is_a_term_not_query_text(store):
    with pytest.raises(KgError, match="unknown name"):
        run_query(store, name="denials-by", params={"person": '"} ; DROP ALL ; {"'})
    assert len(store.article_graphs()) == 1


def test_unknown_name_lists_close_matches(store):
    with pytest.raises(KgError) as e:
        resolve_name(store, "Jon Doe")
    assert (
        str(e.value)
        == "unknown name 'Jon Doe': no person, organisation or account is called that; close matches: John Doe, Jane Roe"
    )


def test_unknown_named_query_and_parameter(store):
    with pytest.raises(KgError) as e:
        run_query(store, name="who-denied")
    assert str(e.value).startswith("unknown named query 'who-denied': did you mean who-denied-what?")
    with pytest.raises(KgError, match="unknown parameter 'who' for query 'denials-by': valid parameters: person"):
        run_query(store, name="denials-by", params={"who": "x"})
    with pytest.raises(KgError, match=r"query 'denials-by' needs --param person=VALUE"):
        run_query(store, name="denials-by")


def test_updates_need_permission(store):
    with pytest.raises(KgError, match="read-only unless you pass --update"):
        run_query(store, "DELETE WHERE { ?s ?p ?o }")
    assert len(store.article_graphs()) == 1
    run_query(store, "PREFIX x: <urn:x:> INSERT DATA { x:a x:b x:c }", allow_update=True)


def test_malformed_sparql_is_one_line(store):
    with pytest.raises(KgError) as e:
        run_query(store, "SELECT * WHERE {")
    assert str(e.value).startswith("query failed:") and "\n" not in str(e.value)


@pytest.mark.parametrize(
    "q, kind",
    [
        ("SELECT * {}", "query"),
        ("# c\nPREFIX a: <urn:a>\nask {}", "query"),
        ("INSERT DATA {}", "update"),
        ("prefix a: <urn:a> DROP ALL", "update"),
    ],
)
def test_query_kind(q, kind):
    assert query_kind(q) == kind


def test_formats(store):
    res = lambda: run_query(store, name="people")  # noqa: E731
    j = json.loads(format_result(res(), "json"))
    assert j["head"]["vars"] == ["name", "roles", "organisations", "articles"]
    assert {b["name"]["value"] for b in j["results"]["bindings"]} == {"Jane Roe", "John Doe"}
    csv = format_result(res(), "csv").splitlines()
    assert csv[0] == "name,roles,organisations,articles" and len(csv) == 3
    assert format_result(res(), "tsv").splitlines()[0] == "name\troles\torganisations\tarticles"
    assert "John Doe" in format_result(res(), "table")
    assert format_result(run_query(store, "ASK { GRAPH ?g { ?s a kg:Denial } }"), "table") == "true"


@pytest.mark.parametrize("columns", [60, 100, 240])
def test_tables_fit_the_terminal_width(store, monkeypatch, columns):
    monkeypatch.setenv("COLUMNS", str(columns))
    text = format_result(run_query(store, name="who-denied-what"), "table")
    lines = text.splitlines()[:-1]  # the "(N rows)" line
    assert max(len(line) for line in lines) <= columns
    if columns < 200:  # long sentences use the whole width, never a fixed 200
        assert max(len(line) for line in lines) > columns - 10


def test_select_star_keeps_the_query_order_of_columns(store):
    q = "SELECT * WHERE { GRAPH ?g { ?zed a kg:Person ; schema:name ?alpha } } ORDER BY ?alpha"
    lines = format_result(run_query(store, q), "csv").splitlines()
    assert lines[0] == "g,zed,alpha"
    assert [line.rsplit(",", 1)[1] for line in lines[1:]] == ["Jane Roe", "John Doe"]
    j = json.loads(format_result(run_query(store, q), "json"))
    assert j["head"]["vars"] == ["g", "zed", "alpha"]


CONSTRUCT = "CONSTRUCT { ?p schema:name ?n } WHERE { GRAPH ?g { ?p a kg:Person ; schema:name ?n } }"


def test_construct_as_json_ld_and_n_triples(store):
    doc = json.loads(format_result(run_query(store, CONSTRUCT), "json"))
    names = sorted(
        n["schema:name"] if isinstance(n["schema:name"], str) else n["schema:name"]["@value"] for n in doc["@graph"]
    )
    assert names == ["Jane Roe", "John Doe"] and doc["@context"]["schema"] == "https://schema.org/"
    nt = format_result(run_query(store, CONSTRUCT), "nt").splitlines()
    assert sorted(nt) == [
        '<https://w3id.org/kg-claims/id/person/jane-roe> <https://schema.org/name> "Jane Roe" .',
        '<https://w3id.org/kg-claims/id/person/john-doe> <https://schema.org/name> "John Doe" .',
    ]
    assert "@prefix schema:" in format_result(run_query(store, CONSTRUCT), "turtle")


@pytest.mark.parametrize(
    "query, fmt, message",
    [
        (
            CONSTRUCT,
            "csv",
            "--format csv does not fit a CONSTRUCT result (a graph): use table or turtle (Turtle), nt (N-Triples) or json (JSON-LD)",
        ),
        (
            CONSTRUCT,
            "tsv",
            "--format tsv does not fit a CONSTRUCT result (a graph): use table or turtle (Turtle), nt (N-Triples) or json (JSON-LD)",
        ),
        (
            "SELECT ?s WHERE { ?s ?p ?o } LIMIT 1",
            "nt",
            "--format nt does not fit a SELECT result (a table): use table, csv, tsv or json",
        ),
        ("ASK { ?s ?p ?o }", "turtle", "--format turtle does not fit an ASK result (true or false): use table or json"),
    ],
)
def test_formats_that_do_not_fit_are_refused(store, query, fmt, message):
    with pytest.raises(KgError) as e:
        format_result(run_query(store, query), fmt)
    assert str(e.value) == message

"""Every page type over HTTP on the ingested corpus: HTML, .json and .csv,
the same facts as the store holds, filters and pagination, errors, escaping
of hostile text, security headers, and "SPARQL for this page"."""

from __future__ import annotations

import csv
import io
import json
import re
import urllib.parse

import pytest

from kg.query import named_queries, rows, run_query
from kg.store import open_store
from kg.namespace import ID

pytestmark = pytest.mark.server

PWN = re.compile(r"<script>window\.__pwned|<img src=x onerror|<b>false</b>|<i>Daily</i>", re.I)


def text(cell) -> str:
    return cell["text"] if isinstance(cell, dict) else (cell or "")


def html(server, path) -> str:
    status, headers, body = server.get(path)
    assert status == 200, (path, status, body[:300])
    assert headers["Content-Type"].startswith("text/html")
    return body.decode()


def iri_path(iri: str) -> str:
    return "/id/" + iri.split("/id/", 1)[1]


@pytest.fixture(scope="module")
def who_denied_what(serve_store):
    with open_store(serve_store, read_only=True) as s:
        return rows(run_query(s, name="who-denied-what"))


def test_home_table_has_every_denial_of_the_named_query(server, who_denied_what):
    data = server.json("/index.json?size=1000")
    names, table = who_denied_what
    assert data["total"] == len(table)
    got = sorted((d["denied"], d["sentence"]) for d in data["denials"])
    # the page's "denied" is the denial's words: the named query's "denial" column
    want = sorted((r[names.index("denial")], r[names.index("sentence")]) for r in table)
    assert got == want
    assert data["counts"]["articles"] == 4 and data["counts"]["denials"] > 0


def test_home_filters_and_pages(server):
    all_rows = server.json("/index.json?size=1000")["denials"]
    by_dara = server.json("/index.json?denier=duong%20dara")["denials"]
    assert by_dara and all(text(d["denier"]) == "Duong Dara" for d in by_dara)
    assert len(by_dara) == sum(1 for d in all_rows if text(d["denier"]) == "Duong Dara")
    by_iri = server.json("/index.json?denier=" + urllib.parse.quote(by_dara[0]["denier"]["iri"]))["denials"]
    assert by_iri == by_dara
    found = server.json("/index.json?q=FABRICATED")["denials"]
    assert found and all("fabricated" in (d["denied"] + d["sentence"]).lower() for d in found)
    assert server.json("/index.json?target=nobody-at-all")["denials"] == []
    p1, p2 = server.json("/index.json?size=3"), server.json("/index.json?size=3&page=2")
    assert p1["denials"] == all_rows[:3] and p2["denials"] == all_rows[3:6] and p1["total"] == len(all_rows)
    page = html(server, "/?size=3&page=2")
    assert 'rel="next"' in page and 'rel="prev"' in page and "4–6 of" in page
    assert server.get("/?page=abc")[0] == 400


def test_home_csv_is_the_table(server):
    status, headers, body = server.get("/index.csv?size=1000")
    assert status == 200 and headers["Content-Type"].startswith("text/csv")
    assert 'attachment; filename="index.csv"' == headers["Content-Disposition"]
    table = list(csv.reader(io.StringIO(body.decode())))
    assert table[0] == [
        "denial",
        "denier",
        "denier_role",
        "denied",
        "allegation",
        "claimant",
        "target",
        "article",
        "date",
        "sentence",
    ]
    assert len(table) - 1 == server.json("/index.json?size=1000")["total"]


def test_sparql_for_the_home_page_gives_the_same_rows(server):
    data = server.json("/index.json?denier=dara")
    status, _h, body = server.get(
        "/sparql?" + urllib.parse.urlencode({"query": data["sparql"]}), {"Accept": "application/sparql-results+json"}
    )
    assert status == 200
    got = sorted(b["denied"]["value"] for b in json.loads(body)["results"]["bindings"])
    assert got == sorted(d["denied"] for d in data["denials"])
    assert 'href="/query?query=' in html(server, "/?denier=dara")


def test_person_page(server):
    page = html(server, "/id/person/hun-sen")
    assert "<h1>Hun Sen" in page and "Also called" in page and "Prime Minister" in page
    data = server.json("/id/person/hun-sen.json")
    assert data["kind"] == "person" and data["name"] == "Hun Sen" and data["aliases"]
    assert data["sections"]["against"]["total"] > 0 and data["sections"]["articles"]["total"] >= 2
    assert any(a["platform"] == "Facebook" and a["metrics"] for a in data["accounts"])
    against = server.json("/id/person/hun-sen.json?section=against&size=100")
    assert len(against["against"]) == data["sections"]["against"]["total"]
    assert {r["kind"] for r in against["against"]} <= {"allegation", "accusation"}
    status, _h, body = server.get("/id/person/hun-sen.csv?section=denials")
    assert status == 200 and body.startswith(b"statement,kind,speaker,content")

    # the articles section pages like the others: one row a page, then the next
    total = data["sections"]["articles"]["total"]
    first = server.json("/id/person/hun-sen.json?section=articles&size=1")
    second = server.json("/id/person/hun-sen.json?section=articles&size=1&page=2")
    assert len(first["articles"]) == len(second["articles"]) == 1
    assert first["articles"] != second["articles"]
    whole = server.json(f"/id/person/hun-sen.json?section=articles&size={total}")
    assert whole["articles"] == first["articles"] + second["articles"] + whole["articles"][2:]
    assert "section=articles&amp;size=1&amp;page=2" in html(server, "/id/person/hun-sen?section=articles&size=1")


def test_person_page_lists_outcomes(server):
    data = server.json("/id/person/sam-rainsy.json")
    convicted = [o for o in data["outcomes"] if (o["outcome"], o["charge"]) == ("convicted", "defamation")]
    assert len(convicted) == 1 and convicted[0]["followed"]["iri"].startswith(ID + "statement/")
    assert "click farms" in convicted[0]["sentence"]
    assert [o["penalty"] for o in data["outcomes"] if o["outcome"] == "fined"] == ["6,000 USD"]
    page = html(server, "/id/person/sam-rainsy")
    assert '<section id="outcomes"><h2>Outcomes' in page and "6,000 USD" in page
    assert not server.json("/id/person/hun-sen.json")["outcomes"]


def test_organisation_and_account_pages(server):
    orgs = server.json("/entities.json?kind=organization&size=100")["entities"]
    accounts = server.json("/entities.json?kind=account&size=100")["entities"]
    assert orgs and accounts
    for e in orgs[:3] + accounts[:3]:
        assert "<h1>" in html(server, iri_path(e["name"]["iri"]))


def test_article_page_marks_every_span(server, serve_store):
    arts = server.json("/articles.json")["articles"]
    corpus = [a for a in arts if a["source"].endswith("000_aeb538c21ffb816a.txt")][0]
    data = server.json(iri_path(corpus["article"]["iri"]) + ".json")
    kinds = {s["kind"] for s in data["spans"]}
    assert {"speaker", "cue", "content", "sentence", "mention"} <= kinds
    from rdflib import URIRef

    with open_store(serve_store, read_only=True) as s:
        n = len(
            list(
                s.query(
                    "SELECT ?s ?g WHERE { GRAPH ?g { ?s kg:reportedIn ?g ; kg:content ?c } }",
                    {"g": URIRef(corpus["article"]["iri"])},
                )
            )
        )
    page = html(server, iri_path(corpus["article"]["iri"]))
    assert page.count('class="fact" id="fact-') == n > 10  # every statement has a fact card
    assert 'class="outside"' in page  # page chrome, dimmed
    assert page.count('class="hl') > 50


def test_statement_page(server):
    denial = next(d for d in server.json("/index.json?size=100")["denials"] if d["allegation"])
    data = server.json(iri_path(denial["denial"]["iri"]) + ".json")
    assert data["kind"] == "denial" and denial["allegation"]["iri"] in data["denies"]
    page = html(server, iri_path(denial["denial"]["iri"]))
    assert "Denies" in page and "In context" in page and "Show in the article" in page
    back = server.json(iri_path(denial["allegation"]["iri"]) + ".json")
    assert denial["denial"]["iri"] in back["denied_by"]


def test_lists_resources_and_not_found(server):
    arts = server.json("/articles.json")
    assert arts["total"] == 4 and {a["publisher"] for a in arts["articles"]} >= {"Phnom Penh Post"}
    ents = server.json("/entities.json?q=hun")["entities"]
    assert ents[0]["name"]["text"] == "Hun Sen"
    assert server.get("/id/person/nobody-here")[0] == 404
    assert server.get("/id/article/0000")[0] == 404
    status, _h, body = server.get("/id/person/nobody-here.json")
    assert status == 404 and json.loads(body)["error"].startswith("nothing in the store is about")
    role = server.json("/id/person/hun-sen.json")["roles"][0]
    assert role["title"] == "Prime Minister"


def test_map_page_embeds_the_export(server):
    page = html(server, "/map?focus=" + urllib.parse.quote("https://w3id.org/kg-claims/id/person/hun-sen") + "&depth=1")
    assert '<iframe class="map-frame"' in page and "Network around Hun Sen" in page
    status, headers, body = server.get("/map/embed?depth=1&focus=the%20premier")
    assert status == 200 and b"vis.Network" in body and b"within 1 hop of Hun Sen" in body
    assert "script-src 'sha256-" in headers["Content-Security-Policy"]
    assert b"unknown name" in server.get("/map/embed?focus=Nobody%20Atall")[2]


def test_query_page_runs_named_queries_with_bound_parameters(server):
    page = html(server, "/query")
    for name in named_queries():
        assert f'data-name="{name}"' in page
    page = html(server, "/query?name=denials-by&person=dara")
    assert "?person = &#34;Duong Dara&#34;" in page or '?person = "Duong Dara"' in page
    assert "Results" in page and "both the email" in page
    status, headers, body = server.get("/query?name=denials-by&person=dara&format=csv")
    assert (
        status == 200
        and body.startswith(b"person,denial,claimant,target,allegation,")
        and "attachment" in headers["Content-Disposition"]
    )
    hostile = '"} ; DROP ALL ; {"'
    page = html(server, "/query?" + urllib.parse.urlencode({"name": "denials-by", "person": hostile}))
    assert "unknown name" in page and "Results" not in page


def test_query_page_takes_a_claim_by_its_id(server, serve_store):
    with open_store(serve_store, read_only=True) as s:
        claim = str(next(iter(run_query(s, name="claims"))).claim)
        want = list(run_query(s, name="claim-timeline", params={"claim": claim}))
    got = server.json("/query.json?" + urllib.parse.urlencode({"name": "claim-timeline", "claim": claim[:8]}))
    assert got["error"] == "" and got["bindings"] == {"claim": str(ID[f"claim/{claim}"])}
    assert len(got["rows"]) == len(want) > 0
    for bad, error in [("zz", "not a claim: 'zz'"), ("000000", "unknown claim '000000'")]:
        page = server.json("/query.json?" + urllib.parse.urlencode({"name": "claim-timeline", "claim": bad}))
        assert page["error"].startswith(error)


def test_query_page_timeout_and_errors(server):
    page = html(server, "/query?" + urllib.parse.urlencode({"query": "SELECT ?x WHERE { ?x }"}))
    assert "query parse error" in page
    page = html(server, "/query?" + urllib.parse.urlencode({"query": "DROP ALL"}))
    assert "SPARQL updates are refused" in page


def test_hostile_text_is_escaped_everywhere(server):
    arts = server.json("/articles.json")["articles"]
    evil = [a for a in arts if "evil" in a["source"]]
    assert len(evil) == 2
    pages = ["/", "/articles", "/entities", "/query?name=people"]
    pages += [iri_path(a["article"]["iri"]) for a in evil]
    for e in server.json("/entities.json?q=mallory")["entities"] + server.json("/entities.json?q=brien")["entities"]:
        pages.append(iri_path(e["name"]["iri"]))
    for d in server.json("/index.json?article=evil")["denials"]:
        pages.append(iri_path(d["denial"]["iri"]))
    assert len(pages) > 7
    for p in pages:
        body = html(server, p)
        assert not PWN.search(body), p
        assert 'href="javascript:' not in body.lower(), p
    page = html(server, iri_path(evil[0]["article"]["iri"]))
    assert "&lt;script&gt;" in page or "&lt;img" in page


def test_csv_cells_cannot_be_formulas(server):
    from kg.serve.page import Page, Table, to_csv

    out = to_csv(Page("t", "x", table=Table(["a"], [['=HYPERLINK("http://x")'], ["@SUM(1)"], ["plain"]])))
    assert [r[0] for r in csv.reader(io.StringIO(out))][1:] == ['\'=HYPERLINK("http://x")', "'@SUM(1)", "plain"]


def test_security_headers_and_host_check(server):
    status, headers, _b = server.get("/")
    csp = headers["Content-Security-Policy"]
    assert "script-src 'self'" in csp and "unsafe-inline" not in csp.split("style-src")[0]
    assert headers["X-Content-Type-Options"] == "nosniff" and headers["Server-Timing"].startswith("app;dur=")
    # DNS rebinding: a page served under another host name must not reach the store
    assert server.get("/", {"Host": "evil.example"})[0] == 400
    assert server.get("/", {"Host": "localhost"})[0] == 200

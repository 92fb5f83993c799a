"""`kg extract` and the graph `kg ingest` stores hold the same facts."""

import json

import pytest
from click.testing import CliRunner

from kg.cli import cli
from kg.namespace import STATEMENT_CLASS
from kg.store import open_store

from .conftest import CORPUS

ARTICLES = sorted(p.name for p in CORPUS.glob("*.txt"))


@pytest.mark.parametrize("name", ARTICLES)
def test_extract_and_store_agree(tmp_path, name, nlp):
    path = str(CORPUS / name)
    out = CliRunner().invoke(cli, ["extract", path])
    assert out.exit_code == 0, out.output
    rec = json.loads(out.output)
    assert rec["source"] == path
    store_path = str(tmp_path / "s")
    assert CliRunner().invoke(cli, ["--store", store_path, "ingest", path]).exit_code == 0
    with open_store(store_path, read_only=True) as store:
        stored = {
            (str(cls), int(s), int(e), str(sp) if sp is not None else None)
            for cls, s, e, sp in store.query(
                """SELECT ?cls ?s ?e ?sp WHERE { GRAPH ?g {
                     ?st kg:reportedIn ?g ; a ?cls ; kg:content [ oa:start ?s ; oa:end ?e ] .
                     OPTIONAL { ?st kg:speaker/schema:name ?sp } } }"""
            )
        }
        names = {
            (str(t).rsplit("#", 1)[1], str(n))
            for t, n in store.query(
                "SELECT ?t ?n WHERE { GRAPH ?g { ?g schema:mentions ?x . ?x a ?t ; schema:name ?n } }"
            )
        }
        denies = {
            (int(a), int(b))
            for a, b in store.query(
                """SELECT ?ds ?as WHERE { GRAPH ?g { ?d kg:denies ?a . ?d kg:content/oa:start ?ds . ?a kg:content/oa:start ?as } }"""
            )
        }
    by_id = {s["id"]: s for s in rec["statements"]}
    expected = {
        (
            str(STATEMENT_CLASS[s["kind"]]),
            s["content"]["start"],
            s["content"]["end"],
            (s["speaker"] or {}).get("name") if (s["speaker"] or {}).get("entity") else None,
        )
        for s in rec["statements"]
    }
    assert expected == stored
    assert {(e["type"], e["name"]) for e in rec["entities"]} == names
    assert denies == {
        (s["content"]["start"], by_id[d]["content"]["start"]) for s in rec["statements"] for d in s["denies"]
    }

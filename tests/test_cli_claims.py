"""`kg claims`, `kg curate` and `kg ingest --date` through click's CliRunner: exit codes and exact text."""

from __future__ import annotations

import pytest
from click.testing import CliRunner

from kg.cli import cli

from .conftest import CORPUS


def run(*args, input=None, env=None):
    return CliRunner().invoke(cli, list(args), input=input, env=env or {"KG_CURATOR": "cli tester"})


def test_help_has_examples():
    for cmd in (["claims"], ["claims", "rebuild"], ["curate"], ["curate", "reject-statement"], ["curate", "split-entity"],
                ["curate", "list"], ["curate", "undo"], ["curate", "export"], ["curate", "import"], ["curate", "find"],
                ["curate", "merge-claims"]):
        out = run(*cmd, "--help")
        assert out.exit_code == 0 and "Example:" in out.output, cmd


def test_rebuild_and_curate_round(corpus_copy, tmp_path):
    s = str(corpus_copy)
    out = run("--store", s, "claims", "rebuild")
    assert out.exit_code == 0 and out.output.startswith("2 articles, 22 statements in 7 claims")
    found = run("--store", s, "curate", "find", "the leaks fabricated", "--format", "tsv")
    assert found.exit_code == 0
    stmt = found.output.splitlines()[1].split("\t")[0]
    out = run("--store", s, "curate", "reject-statement", stmt, "--why", "a group")
    assert out.exit_code == 0 and out.output.endswith("reject-statement applied to 1 article (17 triples changed)\n")
    cid = out.output.split()[1].rstrip(":")
    listed = run("--store", s, "curate", "list", "--format", "tsv")
    assert listed.output.splitlines()[1].split("\t")[2:4] == ["cli tester", "reject-statement"]
    f = tmp_path / "c.trig"
    assert run("--store", s, "curate", "export", "--out", str(f)).output == f"wrote {f}\n"
    assert run("--store", s, "curate", "import", str(f)).output == "0 corrections applied, 1 already in the store\n"
    assert run("--store", s, "curate", "undo", cid).output == f"undid {cid} (reject-statement)\n"
    assert run("--store", s, "validate").exit_code == 0


@pytest.mark.parametrize("args,message,code", [
    (["curate", "undo", "abc"], "Error: unknown correction 'abc' (kg curate list shows the ids)", 1),
    (["curate", "set-kind", "8ca80e2cbb22/s19"], "Error: set-kind takes 2 arguments, got 1", 1),
    (["curate", "export"], "Error: no corrections in the store to export", 1),
    (["curate", "import", "/nonexistent.trig"], "Error: no such file: /nonexistent.trig", 1),
    (["curate", "split-entity", "Socialbakers", "--article", "nope", "--as", "X"],
     "Error: unknown article 'nope': give a file name, source path, content hash or IRI; stored: 000_aeb538c21ffb816a, 002_3cf2572ac96b969a", 1),
    (["curate", "reject-entity", "nobody"], "Error: unknown name 'nobody': no person, organisation or account is called that", 1),
])
def test_curate_errors(corpus_copy, args, message, code):
    out = run("--store", str(corpus_copy), *args)
    assert out.exit_code == code
    assert out.output.strip() == message


def test_ingest_date(tmp_path):
    s = str(tmp_path / "s")
    out = run("--store", s, "ingest", "--date", "soon", str(CORPUS))
    assert out.exit_code == 2 and out.output.strip() == "Error: --date must be a date (YYYY-MM-DD, YYYY-MM or YYYY), got 'soon'"


def test_ingest_date_is_stored_typed(tmp_path, nlp):
    s = str(tmp_path / "s")
    text = (CORPUS / "000_aeb538c21ffb816a.txt").read_text("utf-8")
    out = run("--store", s, "ingest", "--date", "2016-03-03", "-", input=text)
    assert out.exit_code == 0, out.output
    q = run("--store", s, "query", "SELECT ?d (DATATYPE(?d) AS ?t) WHERE { GRAPH ?g { ?g schema:datePublished ?d } }", "--format", "tsv")
    assert q.output.splitlines()[1] == "2016-03-03\thttp://www.w3.org/2001/XMLSchema#date"


def test_no_claims_then_rebuild(tmp_path, nlp):
    s = str(tmp_path / "s")
    assert run("--store", s, "ingest", "--no-claims", str(CORPUS)).exit_code == 0
    assert run("--store", s, "query", "claims", "--format", "tsv").output.count("\n") == 1  # header only
    assert run("--store", s, "claims", "rebuild").exit_code == 0
    assert "buying likes" in run("--store", s, "query", "claims", "--format", "tsv").output

"""`kg claims`, `kg curate` and `kg ingest --date` through click's CliRunner: exit codes and exact text."""

from __future__ import annotations

import re

import pytest
from click.testing import CliRunner

from kg.cli import cli

from .conftest import CORPUS


def run(*args, input=None, env=None):
    return CliRunner().invoke(cli, list(args), input=input, env=env or {"KG_CURATOR": "cli tester"})


def test_help_has_examples():
    for cmd in (
        ["claims"],
        ["claims", "rebuild"],
        ["curate"],
        ["curate", "reject-statement"],
        ["curate", "split-entity"],
        ["curate", "list"],
        ["curate", "undo"],
        ["curate", "export"],
        ["curate", "import"],
        ["curate", "find"],
        ["curate", "merge-claims"],
    ):
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


def sid(store: str, words: str) -> str:
    """The HASH/sN of the one statement whose content contains ``words``, as a user finds it."""
    out = run("--store", store, "curate", "find", words, "--format", "tsv")
    hits = [line.split("\t") for line in out.output.splitlines()[1:] if words in line.split("\t")[3]]
    assert out.exit_code == 0 and len(hits) == 1, out.output
    return hits[0][0]


def claim_id(store: str, words: str) -> str:
    out = run("--store", store, "query", "claims", "--format", "tsv")
    hits = [line.split("\t")[0] for line in out.output.splitlines()[1:] if words in line]
    assert len(hits) == 1, out.output
    return hits[0]


APPLIED = r"correction [0-9a-f]{10}: OP applied to 1 article \((\d+) triples? changed\)"


def test_every_correction_command(corpus_copy):
    """One of each `kg curate` command as a user types it: exit 0 and the one-line summary."""
    s = str(corpus_copy)
    destab, team = sid(s, "seemed “destabilized”"), sid(s, "that his team bought likes")
    email, rival = sid(s, "My email was fabricated"), sid(s, "his rival Sam Rainsy spending")
    cmds = [
        ("set-kind", [destab, "accusation"]),
        ("remove-link", [team, destab]),
        ("set-link", [email, rival]),
        ("set-speaker", [sid(s, "I saw the outcomes on his"), "Uwe Goepel"]),
        ("merge-entities", ["VOA Khmer", "Open Institute"]),
        ("reject-entity", ["Post"]),
    ]
    for op, args in cmds:
        out = run("--store", s, "curate", op, *args, "--why", "test")
        assert out.exit_code == 0, (op, out.output)
        assert re.fullmatch(APPLIED.replace("OP", op), out.output.strip()), out.output
    out = run(
        "--store",
        s,
        "curate",
        "split-entity",
        "Socialbakers",
        "--article",
        "002_3cf2572ac96b969a",
        "--as",
        "Socialbakers site",
    )
    assert out.exit_code == 0 and re.fullmatch(APPLIED.replace("OP", "split-entity"), out.output.strip()), out.output
    likes = claim_id(s, "buying likes")
    out = run("--store", s, "curate", "split-claim", likes[:8], sid(s, "“no truth” to the statistics"))
    assert out.exit_code == 0, out.output
    assert re.fullmatch(r"correction [0-9a-f]{10}: split-claim recorded \(claims regrouped\)", out.output.strip()), (
        out.output
    )
    listed = run("--store", s, "curate", "list", "--format", "tsv").output.splitlines()
    assert listed[0] == "id\twhen\twho\toperation\tabout\tvalue\twhy\tstatus"
    assert [line.split("\t")[3] for line in listed[1:]] == [op for op, _ in cmds] + ["split-entity", "split-claim"]
    # the named queries see the corrections
    assert "Uwe Goepel" in run("--store", s, "query", "people", "--format", "tsv").output
    assert run("--store", s, "validate").exit_code == 0


def test_errors_go_to_stderr_only(corpus_copy):
    out = CliRunner().invoke(cli, ["--store", str(corpus_copy), "curate", "undo", "abc"])
    assert out.exit_code == 1 and out.stdout == "" and out.stderr.count("\n") == 1


def test_missing_store(tmp_path):
    for cmd in (["claims", "rebuild"], ["curate", "list"], ["curate", "find", "likes"]):
        out = run("--store", str(tmp_path / "none"), *cmd)
        assert out.exit_code == 1, cmd
        assert (
            out.output.strip()
            == f"Error: no store at {tmp_path / 'none'}: run 'kg ingest' first, or pass --store / set KG_STORE"
        )


@pytest.mark.parametrize(
    "args,message,code",
    [
        # usage: the wrong number or form of arguments (exit 2, as click's own usage errors)
        (["curate", "set-kind", "8ca80e2cbb22/s19"], "Error: set-kind takes 2 arguments, got 1", 2),
        (["curate", "set-link", "a/s1", "b/s2", "c/s3"], "Error: set-link takes 2 arguments, got 3", 2),
        (
            ["curate", "set-kind", "{destab}", "rumour"],
            "Error: unknown kind 'rumour': valid kinds: denial, allegation, accusation, claim, confirmation, refusal, statement",
            2,
        ),
        # failures: what was named is not there or does not fit (exit 1)
        (["curate", "undo", "abc"], "Error: unknown correction 'abc' (kg curate list shows the ids)", 1),
        (["curate", "export"], "Error: no corrections in the store to export", 1),
        (["curate", "import", "/nonexistent.trig"], "Error: no such file: /nonexistent.trig", 1),
        (
            ["curate", "split-entity", "Socialbakers", "--article", "nope", "--as", "X"],
            "Error: unknown article 'nope': give a file name, source path, content hash or IRI; stored: 000_aeb538c21ffb816a, 002_3cf2572ac96b969a",
            1,
        ),
        (
            ["curate", "split-entity", "Hun Sen", "--article", "000_aeb538c21ffb816a", "--as", " "],
            "Error: split-entity needs --as NAME: the name of the other identity",
            1,
        ),
        (
            ["curate", "reject-entity", "nobody"],
            "Error: unknown name 'nobody': no person, organisation or account is called that",
            1,
        ),
        (
            ["curate", "reject-statement", "zzz/s1"],
            "Error: not a statement: 'zzz/s1' (give its IRI or HASH/sN, e.g. 8ca8f2c3d4e5/s4; kg curate find TEXT lists them)",
            1,
        ),
        (
            ["curate", "reject-statement", "8ca80e2cbb2254cd8b82/s999"],
            "Error: unknown statement '8ca80e2cbb2254cd8b82/s999': 0 statements match (give the full IRI)",
            1,
        ),
        (
            ["curate", "set-link", "{rival}", "{team}"],
            "Error: statement {rival} is an allegation, not a denial: only a denial links to what it denies "
            "(kg curate set-kind {rival} denial first?)",
            1,
        ),
        (["curate", "set-link", "{team}", "{team}"], "Error: set-link needs two different statements", 1),
        (
            ["curate", "remove-link", "{email}", "{destab}"],
            "Error: statement {email} has no link to {destab} to remove",
            1,
        ),
        (
            ["curate", "set-speaker", "{team}", "Nobody"],
            "Error: unknown name 'Nobody': no person, organisation or account is called that",
            1,
        ),
        (
            ["curate", "merge-entities", "Hun Sen", "CNRP"],
            "Error: cannot merge entities of different kinds (a person and an organisation, say)",
            1,
        ),
        (
            ["curate", "merge-entities", "Hun Sen", "the premier"],
            "Error: merge-entities needs two different entities",
            1,
        ),
        (["curate", "merge-claims", "{likes}", "{likes}"], "Error: merge-claims needs two different claims", 1),
        (
            ["curate", "merge-claims", "e5e", "{likes}"],
            "Error: not a claim: 'e5e' (give its IRI or id; kg query claims lists them)",
            1,
        ),
        (["curate", "merge-claims", "ffffff", "{likes}"], "Error: unknown claim 'ffffff': 0 claims match", 1),
        (["curate", "split-claim", "{likes}", "{rival}"], "Error: statement {rival} is not in claim {likes}", 1),
        (["curate", "find", " "], "Error: give some words to find (kg curate find 'bought likes')", 1),
    ],
)
def test_curate_errors(corpus_copy, args, message, code):
    s = str(corpus_copy)
    names = {
        "destab": sid(s, "seemed “destabilized”"),
        "team": sid(s, "that his team bought likes"),
        "rival": sid(s, "his rival Sam Rainsy spending"),
        "likes": claim_id(s, "buying likes"),
        "email": sid(s, "My email was fabricated"),
    }
    before = run("--store", s, "query", "claim-statements", "--format", "tsv").output
    out = run("--store", s, *[a.format(**names) for a in args])
    assert out.exit_code == code
    assert out.output.strip() == message.format(**names)
    # nothing changed
    assert run("--store", s, "curate", "list", "--format", "tsv").output.count("\n") == 1
    assert run("--store", s, "query", "claim-statements", "--format", "tsv").output == before


@pytest.mark.parametrize(
    "args,last_line",
    [
        (["curate", "reject-statement"], "Error: Missing argument 'STATEMENT'."),
        (["curate", "undo"], "Error: Missing argument 'ID'."),
        (["curate", "split-entity", "Hun Sen", "--as", "X"], "Error: Missing option '--article'."),
        (["curate", "nope"], "Error: No such command 'nope'."),
        (["claims", "rebuild", "extra"], "Error: Got unexpected extra argument (extra)"),
        (
            ["curate", "list", "--format", "xml"],
            "Error: Invalid value for '--format': 'xml' is not one of 'table', 'csv', 'tsv', 'json'.",
        ),
    ],
)
def test_usage_errors_exit_2(corpus_copy, args, last_line):
    out = run("--store", str(corpus_copy), *args)
    assert out.exit_code == 2
    assert out.output.strip().splitlines()[-1] == last_line


def test_import_bad_files(corpus_copy, tmp_path):
    s = str(corpus_copy)
    junk = tmp_path / "junk.trig"
    junk.write_text("root:x:0:0:root:/root:/bin/bash\n")
    out = run("--store", s, "curate", "import", str(junk))
    assert out.exit_code == 1
    assert (
        out.output.strip()
        == f'Error: {junk}: not a corrections file (trig): at line 1 of <>: Bad syntax (Prefix "root:" not bound)'
    )
    empty = tmp_path / "empty.trig"
    empty.write_text("<http://example.org/a> <http://example.org/b> <http://example.org/c> .\n")
    out = run("--store", s, "curate", "import", str(empty))
    assert out.exit_code == 1 and out.output.strip() == f"Error: {empty}: no corrections in the file"
    assert run("--store", s, "curate", "list", "--format", "tsv").output.count("\n") == 1


def test_ingest_date(tmp_path):
    s = str(tmp_path / "s")
    out = run("--store", s, "ingest", "--date", "soon", str(CORPUS))
    assert (
        out.exit_code == 2
        and out.output.strip() == "Error: --date must be a date (YYYY-MM-DD, YYYY-MM or YYYY), got 'soon'"
    )


def test_ingest_date_is_stored_typed(tmp_path, nlp):
    s = str(tmp_path / "s")
    text = (CORPUS / "000_aeb538c21ffb816a.txt").read_text("utf-8")
    out = run("--store", s, "ingest", "--date", "2016-03-03", "-", input=text)
    assert out.exit_code == 0, out.output
    q = run(
        "--store",
        s,
        "query",
        "SELECT ?d (DATATYPE(?d) AS ?t) WHERE { GRAPH ?g { ?g schema:datePublished ?d } }",
        "--format",
        "tsv",
    )
    assert q.output.splitlines()[1] == "2016-03-03\thttp://www.w3.org/2001/XMLSchema#date"


def test_no_claims_then_rebuild(tmp_path, nlp):
    s = str(tmp_path / "s")
    assert run("--store", s, "ingest", "--no-claims", str(CORPUS)).exit_code == 0
    assert run("--store", s, "query", "claims", "--format", "tsv").output.count("\n") == 1  # header only
    assert run("--store", s, "claims", "rebuild").exit_code == 0
    assert "buying likes" in run("--store", s, "query", "claims", "--format", "tsv").output

"""The CLI through click's CliRunner: exit codes and exact error text."""

import json

import pytest
from click.testing import CliRunner

from kg.cli import cli
from kg.graph import article_graph
from kg.store import open_store

from ..records import records


@pytest.fixture
def store_path(tmp_path):
    art, rec = records()
    path = str(tmp_path / "s")
    with open_store(path) as s:
        s.write([article_graph(art, rec, source="a.txt")])
    return path


def run(*args, input=None):
    return CliRunner().invoke(cli, list(args), input=input)


def test_help_has_examples():
    for cmd in ("ingest", "extract", "query", "denials", "validate", "stats", "eval"):
        out = run(cmd, "--help")
        assert out.exit_code == 0 and "Example:" in out.output, cmd


def test_denials_table_and_csv(store_path):
    out = run("--store", store_path, "denials", "--format", "csv")
    assert out.exit_code == 0
    lines = out.output.splitlines()
    assert lines[0] == "denier,denier_role,denial,claimant,target,allegation,article,sentence,denial_id,allegation_id"
    assert lines[1].startswith(
        "John Doe,Prime Minister,the allegations,Jane Roe,John Doe,of buying likes on Facebook,Ministers deny the claims,"
    )


def test_query_json_is_sparql_results(store_path):
    out = run("--store", store_path, "query", "people", "--format", "json")
    assert out.exit_code == 0
    assert json.loads(out.output)["head"]["vars"] == ["name", "roles", "organisations", "articles"]


def test_query_list():
    out = run("query", "--list")
    assert out.exit_code == 0 and "allegations-against --param person=..." in out.output


def test_query_from_file(store_path, tmp_path):
    q = tmp_path / "q.rq"
    q.write_text("SELECT ?n WHERE { GRAPH ?g { ?p a kg:Person ; schema:name ?n } } ORDER BY ?n")
    out = run("--store", store_path, "query", "--file", str(q), "--format", "tsv")
    assert out.output.splitlines() == ["n", "Jane Roe", "John Doe"]


@pytest.mark.parametrize(
    "args, message, code",
    [
        (
            ["query", "nope"],
            "Error: unknown named query 'nope': valid: accounts, allegations-against, claim-statements, claim-timeline, claims, consequences, contradictions, denials-by, people, who-denied-what (kg query --list)",
            1,
        ),
        (
            ["query", "denials-by", "--param", "who=x"],
            "Error: unknown parameter 'who' for query 'denials-by': valid parameters: person",
            1,
        ),
        (["query", "denials-by", "--param", "person"], "Error: --param needs KEY=VALUE, got 'person'", 1),
        (
            ["query", "denials-by", "--param", "person=Nobody At All"],
            "Error: unknown name 'Nobody At All': no person, organisation or account is called that",
            1,
        ),
        (
            ["query", "DELETE WHERE { ?s ?p ?o }"],
            "Error: this is a SPARQL update; kg query is read-only unless you pass --update",
            1,
        ),
        (
            ["query", "SELEC * WHERE {}"],
            "Error: not a SPARQL query: expected SELECT, ASK, CONSTRUCT or DESCRIBE (or an update with --update), got 'SELEC * WHERE {}'",
            1,
        ),
        (["query"], "Error: no query: give SPARQL text, --file F, or a named query (kg query --list)", 1),
    ],
)
def test_query_errors(store_path, args, message, code):
    out = run("--store", store_path, *args)
    assert out.exit_code == code
    assert out.output.strip() == message
    # the store is untouched
    assert run("--store", store_path, "query", "people", "--format", "csv").output.count("\n") == 3


def test_malformed_sparql_one_line(store_path):
    out = run("--store", store_path, "query", "SELECT * WHERE { ?s ?p }")
    assert out.exit_code == 1
    assert out.output.startswith("Error: query failed: ") and out.output.count("\n") == 1


def test_missing_store(tmp_path):
    out = run("--store", str(tmp_path / "none"), "denials")
    assert out.exit_code == 1
    assert (
        out.output.strip()
        == f"Error: no store at {tmp_path / 'none'}: run 'kg ingest' first, or pass --store / set KG_STORE"
    )


def test_missing_query_file(store_path):
    out = run("--store", store_path, "query", "--file", "/no/such.rq")
    assert out.exit_code == 2 and "No such file or directory" in out.output


def test_validate_and_stats(store_path):
    out = run("--store", store_path, "validate")
    assert out.exit_code == 0 and out.output.startswith("conforms")
    out = run("--store", store_path, "stats")
    assert out.exit_code == 0 and "Denial" in out.output and "Ministers deny the claims" in out.output


def test_validate_missing_store_is_exit_2(tmp_path):
    out = run("--store", str(tmp_path / "none"), "validate")
    assert out.exit_code == 2


def test_kg_store_env(store_path):
    out = CliRunner().invoke(cli, ["denials", "--format", "csv"], env={"KG_STORE": store_path})
    assert out.exit_code == 0 and "John Doe" in out.output


def test_extract_bad_files_among_good_ones_exit_1_after_the_good_ones(tmp_path, nlp):
    good = tmp_path / "good.txt"
    good.write_text("Minister John Doe denied the report on Monday.\n", "utf-8")
    (tmp_path / "bin.txt").write_bytes(b"\x00\x01binary\x00")
    out = CliRunner().invoke(cli, ["extract", str(tmp_path / "missing.txt"), str(good), str(tmp_path / "bin.txt")])
    assert out.exit_code == 1
    assert [json.loads(line)["source"] for line in out.stdout.splitlines()] == [str(good)]
    assert out.stderr.splitlines() == [
        f"failed: no such file or directory: {tmp_path / 'missing.txt'}",
        f"failed: {tmp_path / 'bin.txt'}: binary file, not text",
    ]


def test_extract_reads_directories_like_ingest(tmp_path, nlp):
    (tmp_path / "a.txt").write_text("Minister John Doe denied the report on Monday.\n", "utf-8")
    (tmp_path / "b.md").write_text("Senator Jane Roe said the budget was late.\n", "utf-8")
    out = CliRunner().invoke(cli, ["extract", str(tmp_path)])
    assert out.exit_code == 0, out.output
    assert [json.loads(line)["source"] for line in out.stdout.splitlines()] == [
        str(tmp_path / "a.txt"),
        str(tmp_path / "b.md"),
    ]


def test_extract_has_the_max_size_its_message_suggests(tmp_path):
    big = tmp_path / "big.txt"
    big.write_bytes(b"Jane Roe said the minister lied.\n" * 70_000)  # 2.2 MB
    out = CliRunner().invoke(cli, ["extract", "--max-size", "2", str(big)])
    assert out.exit_code == 1
    assert out.stderr.strip() == f"failed: {big}: file too large (2.2 MB > 2 MB limit; raise it with --max-size)"


def _query_examples(text):
    import re

    return re.findall(r"kg query '((?:SELECT|ASK|CONSTRUCT|DESCRIBE)[^']*)'", text)


@pytest.fixture
def two_article_store(tmp_path):
    """Two articles that both name John Doe and Jane Roe."""
    from ..records import TEXT

    path = str(tmp_path / "two")
    with open_store(path) as s:
        for text in (TEXT, TEXT + "Roe repeated the claim on Friday.\n"):
            art, rec = records(text)
            s.write([article_graph(art, rec, source=f"{len(text)}.txt")])
    return path


def test_query_help_and_readme_examples_give_each_answer_once(two_article_store):
    from ..conftest import ROOT

    examples = _query_examples(run("query", "--help").output) + _query_examples((ROOT / "README.md").read_text("utf-8"))
    assert len(examples) >= 2
    for q in examples:
        out = run("--store", two_article_store, "query", q, "--format", "tsv")
        assert out.exit_code == 0, (q, out.output)
        lines = out.output.splitlines()[1:]
        assert lines and len(lines) == len(set(lines)), (q, lines)


def test_query_help_lists_the_predeclared_prefixes_like_the_readme():
    import re

    from kg.namespace import PREFIXES

    from ..conftest import ROOT

    helptext = " ".join(run("query", "--help").output.split())
    listed = re.search(r"prefixes ((?:\w+: )+)are predeclared", helptext).group(1).split()
    assert listed == [f"{p}:" for p in PREFIXES]
    readme = (
        re.search(r"The prefixes `([^`]+)` are\s+predeclared", (ROOT / "README.md").read_text("utf-8")).group(1).split()
    )
    assert readme == listed


def test_query_file_that_is_not_text(store_path, tmp_path):
    q = tmp_path / "q.rq"
    q.write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\xff\xfe binary")
    out = run("--store", store_path, "query", "--file", str(q))
    assert out.exit_code == 2
    assert out.output == f"Error: --file {q}: not UTF-8 text (a binary file?)\n"


def test_query_file_with_a_byte_order_mark(store_path, tmp_path):
    q = tmp_path / "q.rq"
    q.write_bytes("\ufeffSELECT ?n WHERE { GRAPH ?g { ?p a kg:Person ; schema:name ?n } } ORDER BY ?n".encode("utf-8"))
    out = run("--store", store_path, "query", "--file", str(q), "--format", "tsv")
    assert out.output.splitlines() == ["n", "Jane Roe", "John Doe"]


def test_repeated_param_is_refused(store_path):
    out = run("--store", store_path, "query", "denials-by", "--param", "person=John Doe", "--param", "person=Jane Roe")
    assert out.exit_code == 2
    assert out.output == "Error: --param person given twice ('John Doe', then 'Jane Roe'): give each parameter once\n"

"""The pipeline end to end into the embedded store. Assertions stay at the
level of people and organisations spaCy's NER finds: extraction quality is
tested in tests/extract."""

import shutil

import pytest
from click.testing import CliRunner

from kg.cli import cli
from kg.ingest import ingest
from kg.query import run_query
from kg.store import open_store

from ..conftest import CORPUS


@pytest.fixture
def corpus_copy(tmp_path):
    d = tmp_path / "corpus"
    shutil.copytree(CORPUS, d)
    return d


def people(store):
    return {str(r.name) for r in run_query(store, name="people")}


def test_ingest_corpus_then_again_is_unchanged(tmp_path, corpus_copy, nlp):
    with open_store(str(tmp_path / "s")) as store:
        first = ingest(store, [str(corpus_copy)])
        assert (first.read, first.new, first.unchanged, first.failed) == (2, 2, 0, 0)
        assert first.people >= 10
        n = len(store)
        again = ingest(store, [str(corpus_copy)])
        assert (again.read, again.new, again.unchanged, again.failed) == (2, 0, 2, 0)
        assert len(store) == n
        assert {"Hun Sen", "Sam Rainsy", "Sok Eysan"} <= people(store)
        titles = {str(r[0]) for r in store.query("SELECT ?t WHERE { GRAPH ?g { ?g schema:headline ?t } }")}
        assert titles == {
            "Leakers take on politicians’ Facebook ‘likes’",
            "CPP's engagement party: the social media strategy of Cambodia's 'e-premier'",
        }
        publishers = {
            str(r[0]) for r in store.query("SELECT ?n WHERE { GRAPH ?g { ?g schema:publisher/schema:name ?n } }")
        }
        assert publishers == {"Phnom Penh Post"}
        # unknown dates stay unknown
        assert not list(store.query("SELECT ?d WHERE { GRAPH ?g { ?g schema:datePublished ?d } }"))


def test_changed_article_replaces_its_graph(tmp_path, nlp):
    f = tmp_path / "a.txt"
    f.write_text("Senator Jane Roe said the budget was late.\n", "utf-8")
    with open_store(str(tmp_path / "s")) as store:
        ingest(store, [str(f)])
        f.write_text("Senator Jane Roe said the budget was late. Minister John Doe disagreed.\n", "utf-8")
        rep = ingest(store, [str(f)])
        assert (rep.new, rep.replaced) == (0, 1)
        assert len(store.article_graphs()) == 1
        assert "John Doe" in people(store)


def test_offsets_index_the_original_file(tmp_path, nlp):
    raw = (CORPUS / "000_aeb538c21ffb816a.txt").read_text("utf-8")
    with open_store(str(tmp_path / "s")) as store:
        ingest(store, [str(CORPUS / "000_aeb538c21ffb816a.txt")])
        spans = list(store.query("SELECT ?s ?e ?x WHERE { GRAPH ?g { ?sp oa:start ?s ; oa:end ?e ; oa:exact ?x } }"))
        assert spans
        for s, e, x in spans:
            assert raw[int(s) : int(e)] == str(x)
        # nothing comes from page chrome: no span starts in the related-stories teasers
        teaser = raw.index("Hungarian exposes 90")
        assert all(int(s) < teaser for s, _, _ in spans)


def test_bad_file_is_reported_and_the_rest_go_in(tmp_path, nlp):
    good = tmp_path / "good.txt"
    good.write_text("Minister John Doe denied the report on Monday.\n", "utf-8")
    (tmp_path / "empty.txt").write_bytes(b"")
    (tmp_path / "bin.txt").write_bytes(b"\x00\x01\x02binary\x00")
    out = CliRunner().invoke(
        cli,
        [
            "--store",
            str(tmp_path / "s"),
            "ingest",
            str(tmp_path / "bin.txt"),
            str(tmp_path / "empty.txt"),
            str(good),
            str(tmp_path / "missing.txt"),
        ],
    )
    assert out.exit_code == 1
    lines = out.output.strip().splitlines()
    assert f"failed: no such file or directory: {tmp_path / 'missing.txt'}" in lines
    assert f"failed: {tmp_path / 'bin.txt'}: binary file, not text" in lines
    assert f"failed: {tmp_path / 'empty.txt'}: empty file" in lines
    assert lines[-1].startswith("3 read, 1 new, 0 unchanged, 3 failed;")
    with open_store(str(tmp_path / "s"), read_only=True) as store:
        assert len(store.article_graphs()) == 1


def test_stdin(tmp_path, nlp):
    out = CliRunner().invoke(
        cli,
        ["--store", str(tmp_path / "s"), "ingest", "-"],
        input="Prime Minister John Doe denied the allegations on Tuesday.\n",
    )
    assert out.exit_code == 0, out.output
    assert out.output.startswith("1 read, 1 new, 0 unchanged, 0 failed;")


def test_html_through_trafilatura(tmp_path, nlp):
    page = tmp_path / "page.html"
    page.write_text(
        "<html><head><title>Minister denies report</title>"
        '<meta name="author" content="A. Reporter"><meta property="article:published_time" content="2024-03-05">'
        "</head><body><nav>Home | World | Politics</nav><article><h1>Minister denies report</h1>"
        "<p>Prime Minister John Doe on Tuesday denied a report that his office had paid for online followers.</p>"
        "<p>“The report is completely false,” Doe told reporters in the capital, adding that he would sue.</p>"
        "<p>Opposition leader Jane Roe said the government should publish its advertising accounts.</p>"
        "</article><footer>Copyright 2024</footer></body></html>",
        "utf-8",
    )
    with open_store(str(tmp_path / "s")) as store:
        rep = ingest(store, [str(page)])
        assert rep.new == 1, rep.failures
        assert {"John Doe", "Jane Roe"} <= people(store)
        ((title, date),) = [
            (str(t), str(d))
            for t, d in store.query(
                "SELECT ?t ?d WHERE { GRAPH ?g { ?g schema:headline ?t ; schema:datePublished ?d } }"
            )
        ]
        assert title == "Minister denies report" and date == "2024-03-05"
        text = str(next(iter(store.query("SELECT ?x WHERE { GRAPH ?g { ?g schema:text ?x } }")))[0])
        assert "Home | World" not in text and "paid for online followers" in text


def test_html_headline_is_never_part_of_a_statement(tmp_path, nlp):
    """The <h1> glued to the first paragraph made "Minister" deny "graft" and
    lost Doe as the speaker: blocks are sentences of their own."""
    from kg.api import extract_file

    from .test_cleaning import PAGE

    page = tmp_path / "page.html"
    page.write_text(PAGE, "utf-8")
    rec = extract_file(str(page))
    raw_headline_end = len("Minister denies graft claims")
    for s in rec["statements"]:
        assert s["sentence"]["start"] > raw_headline_end, s
    denial = [s for s in rec["statements"] if s["kind"] == "denial"]
    assert denial and {s["speaker"]["name"] for s in denial} == {"John Doe"}


def test_force_replaces_and_says_so_and_people_are_counted_once(tmp_path, corpus_copy, nlp):
    store_path = str(tmp_path / "s")
    first = CliRunner().invoke(cli, ["--store", store_path, "ingest", str(corpus_copy)])
    assert first.exit_code == 0, first.output
    with open_store(store_path, read_only=True) as store:
        n, listed = len(store), len(people(store))
    # the summary counts each person once, as `kg query people` lists them
    assert first.output.strip().endswith("distinct people found") and f" {listed} distinct people" in first.output
    again = CliRunner().invoke(cli, ["--store", store_path, "ingest", "--force", str(corpus_copy)])
    assert again.output.startswith("2 read, 0 new, 0 unchanged, 0 failed (2 replaced);"), again.output
    with open_store(store_path, read_only=True) as store:
        assert len(store) == n and len(store.article_graphs()) == 2

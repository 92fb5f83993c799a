"""SPARQL syntax errors: line, column and the parser's first message, not a
dump of character classes."""

import pytest

from kg.errors import KgError
from kg.graph import article_graph
from kg.query import run_query
from kg.sparql_errors import explain
from kg.store import open_store

from ..records import records


@pytest.fixture(scope="module")
def store(tmp_path_factory):
    art, rec = records()
    with open_store(str(tmp_path_factory.mktemp("s") / "s")) as s:
        s.write([article_graph(art, rec, source="a.txt")])
        yield s


@pytest.mark.parametrize(
    "query, message",
    [
        (
            "SELECT ?x WHERE { ?x foo:bar ?y }",
            "syntax error at line 1, column 29: prefix not found (after “SELECT ?x WHERE { ?x foo:bar”)",
        ),
        (
            "SELECT ?x WHERE {\n  ?x ?p ?y .\n  FILTER(?y = ) }",
            "syntax error at line 3, column 18: expected one of ABS, AVG, DAY, IRI, MAX, MD5, MIN, NOT, … "
            "(after “FILTER(?y = ) }”, at the end of the query)",
        ),
        (
            "SELECT ?x WHERE { ?x <no spaces allowed> ?y }",
            "syntax error at line 1, column 41: IRI parsing failed (after “WHERE { ?x <no spaces allowed>”)",
        ),
        (
            "SELECT ?x WHERE { ?x ?p ?y } LIMIT x",
            "syntax error at line 1, column 36: expected one of HAVING, OFFSET, OPTIONAL, VALUES (after “?x WHERE { ?x ?p ?y } LIMIT”)",
        ),
    ],
)
def test_syntax_errors_name_line_column_and_first_message(store, query, message):
    with pytest.raises(KgError) as e:
        run_query(store, query)
    assert str(e.value) == f"query failed: {message}"


def test_no_character_class_dump(store):
    with pytest.raises(KgError) as e:
        run_query(store, "SELECT * WHERE { GRAPH ?g { ?s ?p ?n } ")
    assert "\\u{" not in str(e.value) and "['" not in str(e.value)
    assert str(e.value).startswith("query failed: syntax error at line 1, column 40: expected one of ")


def test_other_messages_pass_through_on_one_line():
    assert explain("Some evaluation problem\nover two lines", "SELECT * {}") == "Some evaluation problem over two lines"

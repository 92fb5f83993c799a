"""The interface between the stages (kg.extract.lookup.EntityLookup)."""

import ast
import pathlib

from kg.extract.entities import find_entities
from kg.extract.lookup import EntityLookup
from kg.extract.statements import build_statements

from .stub_index import StubIndex

TEXT = "Opposition leader Sam Rainsy accused Hun Sen of buying likes. Hun Sen denied the accusation."
STATEMENTS = pathlib.Path(__file__).resolve().parents[2] / "kg" / "extract" / "statements"


def test_the_entity_index_and_the_test_stub_both_offer_the_interface(nlp):
    doc = nlp(TEXT)
    for index in (find_entities(doc), StubIndex(doc)):
        assert isinstance(index, EntityLookup)
        stmts = build_statements(doc, index, (0, len(TEXT)))
        assert [s["kind"] for s in stmts] == ["accusation", "denial"]


def test_the_statement_stage_asks_the_index_only_what_the_interface_offers():
    """Every attribute the statement stage reads off an `index` is part of EntityLookup."""
    offered = {n for n in dir(EntityLookup) if not n.startswith("_")} | set(EntityLookup.__annotations__)
    used = set()
    for path in STATEMENTS.glob("*.py"):
        for node in ast.walk(ast.parse(path.read_text("utf-8"))):
            if isinstance(node, ast.Attribute) and isinstance(node.value, ast.Name) and node.value.id == "index":
                used.add(node.attr)
    assert used and used <= offered, used - offered

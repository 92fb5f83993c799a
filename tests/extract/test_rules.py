"""The rule registry (kg/patterns/rules.toml): every rule id the extractor emits is registered."""

import ast
import os
import pathlib

import pytest

from kg.extract import extract, rules
from kg.extract.lexicon import patterns
from kg.reading import Source, read_article

ROOT = pathlib.Path(__file__).resolve().parents[2]
ARTICLES = sorted((ROOT / "corpus").glob("*.txt")) + sorted((ROOT / "eval" / "dev" / "articles").glob("*.txt"))


def _polnear_articles(n: int = 20) -> list[pathlib.Path]:
    """The first n articles of the validation fold in a PolNeAR folder ($KG_POLNEAR), or []."""
    base = os.environ.get("KG_POLNEAR")
    if not base:
        return []
    lines = (ROOT / "eval" / "polnear" / "validation.txt").read_text("utf-8").splitlines()
    ids = [x.strip() for x in lines if x.strip() and not x.startswith("#")][:n]
    paths = [pathlib.Path(base) / "data" / "train" / "text" / f"{i}.txt" for i in ids]
    return [p for p in paths if p.is_file()]


def _assert_registered(path, nlp):
    rec = extract(read_article(Source(str(path), path)), nlp)
    assert rules.emitted(rec), path.name
    assert rules.unregistered(rec) == [], f"{path.name}: rule ids missing from kg/patterns/rules.toml"


@pytest.mark.parametrize("path", ARTICLES, ids=lambda p: p.name)
def test_every_emitted_rule_is_registered(path, nlp):
    _assert_registered(path, nlp)


@pytest.mark.parametrize("path", _polnear_articles() or [None], ids=lambda p: p.name if p else "no-polnear")
def test_every_rule_emitted_on_real_news_is_registered(path, nlp):
    if path is None:
        pytest.skip("PolNeAR not available (set KG_POLNEAR to a PolNeAR checkout folder)")
    _assert_registered(path, nlp)


def _record(statement_rule="quote-said-after", revised_by=(), entity_rule="ner+title", role_rule="appos-role"):
    return {
        "entities": [{"rule": entity_rule, "roles": [{"rule": role_rule}], "metrics": [{"rule": "metric-poss"}]}],
        "statements": [{"rule": statement_rule, "revised_by": list(revised_by)}],
    }


@pytest.mark.parametrize(
    "record,bad",
    [
        (_record(), []),
        (_record(revised_by=["negated-rebuttal", "cataphoric"]), []),
        (_record(statement_rule="cue-deny-gerund"), []),
        (_record(statement_rule="seeming-appear-show"), []),
        (_record(statement_rule="made-up-rule"), [("statement", "made-up-rule")]),
        (_record(statement_rule="cue-xyzzy-ccomp"), [("statement", "cue-xyzzy-ccomp")]),  # not a cue lemma
        (_record(statement_rule="cue-say-ccomp+nested"), [("statement", "cue-say-ccomp+nested")]),  # no composites
        (_record(revised_by=["quote-said-after"]), [("revision", "quote-said-after")]),  # a rule is no revision
        (_record(entity_rule="appos-role"), [("entity", "appos-role")]),  # a role rule is no entity rule
        (_record(role_rule="ner"), [("role", "ner")]),
    ],
)
def test_unregistered_ids_are_reported(record, bad):
    assert rules.unregistered(record) == bad


def test_templates_fill_slots_from_the_lexicons():
    r = rules.lookup("cue-deny-gerund")
    assert r.section == "statement" and r.template == "cue-{cue}-gerund" and "gerund" in r.tags
    assert rules.slot("cue-deny-gerund", "cue") == "deny"
    assert rules.slot("handle-after-leaker", "handle_noun") == "leaker"
    assert rules.lookup("cue-point-ccomp") is not None  # the head of a phrasal cue ("point out")
    assert rules.lookup("refusal-negated").template == "refusal-negated"  # exact ids beat templates


def test_every_entry_has_a_one_line_reason_and_a_known_section():
    data = patterns("rules")
    assert set(data) - {"slots"} == set(rules.SECTIONS)
    for section in rules.SECTIONS:
        for rule_id, entry in data[section].items():
            assert set(entry) <= {"reason", "tags"}, rule_id
            assert entry["reason"].strip() and "\n" not in entry["reason"], rule_id


def test_every_tag_the_code_asks_about_is_given_to_some_rule():
    """A typo in a tag would silently make a branch never fire."""
    given = {t for s in rules.SECTIONS for e in patterns("rules")[s].values() for t in e.get("tags", ())}
    asked = set()
    for path in (ROOT / "kg" / "extract").rglob("*.py"):
        for node in ast.walk(ast.parse(path.read_text("utf-8"))):
            if isinstance(node, ast.Call) and getattr(node.func, "id", None) in ("tagged", "own_act_rule"):
                asked |= {a.value for a in node.args[1:] if isinstance(a, ast.Constant)}
    assert asked and asked <= given, asked - given

"""Floor scores on the dev set (eval/dev): catches regressions of the general
mechanisms that the two seed articles cannot (they score ~1.0 by construction).

The floors sit a little below what the extractor reaches (see the lead's
report); raise them when the extractor improves, never lower them silently.
"""

import pathlib

import pytest

from kg.evaluate import evaluate
from kg.extract import extract

DEV = pathlib.Path(__file__).resolve().parents[2] / "eval" / "dev"

FLOORS = {
    # category: (precision floor, recall floor)
    # reached (11 dev articles, round 2): denials 1.00/0.97, allegations
    # 0.92/0.85, statements 0.95/0.95, not_denials 1.00
    # reached (18 dev articles, round 3, incl. the unseen dev9-dev16 stories):
    # denials 0.99/0.92, allegations 0.91/0.82, statements 0.98/1.00,
    # not_denials 1.00
    # reached (19 dev articles, round 4, incl. the unseen dev17): denials
    # 0.97/0.90, allegations 0.91/0.83, links 0.76/0.75, statements 0.97/1.00
    "denials": (0.94, 0.87),
    "allegations": (0.87, 0.79),
    "links": (0.72, 0.71),
    "statements": (0.94, 0.95),
    "not_denials": (None, 0.97),
}


@pytest.fixture(scope="module")
def report(nlp):
    golds = sorted((DEV / "gold").glob("*.json"))
    return evaluate(golds, DEV / "articles", extract_fn=lambda a: extract(a, nlp))


@pytest.mark.parametrize("cat", sorted(FLOORS))
def test_dev_floor(report, cat):
    sc = report["totals"][cat]
    p_floor, r_floor = FLOORS[cat]
    if p_floor is not None:
        assert sc["precision"] >= p_floor, (sc["precision"], sc["false"])
    assert sc["recall"] >= r_floor, (sc["recall"], sc["misses"])


def test_dev_gold_anchors_occur_once():
    import json

    for g in sorted((DEV / "gold").glob("dev*.json")):  # (ent_* golds belong to the entity side)
        gold = json.loads(g.read_text("utf-8"))
        raw = (DEV / "articles" / gold["article"]).read_text("utf-8")
        for key in ("allegations", "denials", "not_denials", "statements"):
            for item in gold.get(key, []):
                assert raw.count(item["sentence_contains"]) == 1, (g.name, key, item["sentence_contains"])

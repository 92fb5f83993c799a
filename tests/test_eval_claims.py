"""eval/claims/evaluate.py: pairwise same-claim scoring across articles (pure)."""

from __future__ import annotations

import sys

from .conftest import ROOT

sys.path.insert(0, str(ROOT / "eval" / "claims"))

from evaluate import score  # noqa: E402

GOLD = {"a": [(0, 10, "g1"), (20, 30, "g2")], "b": [(5, 15, "g1")], "c": [(0, 9, "g2")]}


def row(claim, article, start, end):
    return {"claim": claim, "article": article, "start": start, "end": end, "stance": "asserts"}


def test_pairs_in_different_articles_only():
    rows = [row("x", "a", 0, 10), row("x", "b", 5, 15), row("x", "a", 20, 30), row("y", "c", 0, 9)]
    res = score(rows, GOLD, lambda a, b: True)
    # predicted same across articles: a0~b5 (gold same), a20~b5 (gold different); missed: a20~c0
    assert (res["true_positive"], res["false_positive"], res["false_negative"]) == (1, 1, 1)
    assert res["precision"] == 0.5 and res["recall"] == 0.5


def test_unlabelled_rows_are_their_own_claims_and_missing_items_count_end_to_end():
    rows = [row("x", "a", 0, 10), row("x", "b", 50, 60)]
    res = score(rows, GOLD, lambda a, b: True)
    assert res["false_positive"] == 1 and res["true_positive"] == 0
    assert res["gold_pairs_missed_by_extraction"] == 2  # a-b (g1), a-c (g2): b and c never matched their items


def test_part_filter():
    rows = [row("x", "a", 0, 10), row("x", "b", 5, 15)]
    assert score(rows, GOLD, lambda a, b: "c" in (a, b))["pairs_predicted"] == 0

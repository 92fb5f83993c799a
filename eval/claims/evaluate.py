"""Pairwise precision and recall of "same claim" across articles, read from
`kg query claim-statements`, against hand labels (eval/claims/polnear_gold.json).

Labels are ids and offsets only: each gold item is an article id, the
character span of a sentence that states or denies a claim, and a gold claim
id. A claim-statements row is matched to the gold items of its article whose
span overlaps its sentence. Pairs are rows in *different* articles:

* predicted same: the two rows share a kg:Claim;
* gold same: their gold claim ids intersect; a row that matches no gold item
  is its own claim (the labels cover every recurring claim of the stories).

precision = predicted-same pairs that are gold-same / predicted-same pairs
recall    = predicted-same pairs that are gold-same / gold-same pairs among the rows
end-to-end recall also counts gold pairs whose statements the extractor missed.

`--part test` keeps pairs with at least one article of the validation fold
(eval/polnear/validation.txt); `--part tune` only pairs of training-fold
articles. Thresholds are tuned on `tune` only.

    python eval/claims/evaluate.py --store /tmp/pn-store --part test
"""

from __future__ import annotations

import argparse
import itertools
import json
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent.parent


def fold(name: str) -> set[str]:
    path = ROOT / "eval" / "polnear" / f"{name}.txt"
    return {line.strip() for line in path.read_text("utf-8").splitlines() if line.strip() and not line.startswith("#")}


def load_gold(path: Path) -> dict[str, list[tuple[int, int, str]]]:
    data = json.loads(path.read_text("utf-8"))
    out: dict[str, list] = {}
    for it in data["items"]:
        out.setdefault(it["article"], []).append((int(it["start"]), int(it["end"]), it["claim"]))
    return out


def rows_from_store(store_path: str) -> list[dict]:
    from kg.query import run_query
    from kg.store import open_store

    with open_store(store_path, read_only=True) as store:
        res = run_query(store, name="claim-statements")
        return [{"claim": str(r.claim), "article": Path(str(r.article_path)).stem, "start": int(r.sentence_start),
                 "end": int(r.sentence_end), "stance": str(r.stance)} for r in res]


def score(rows: list[dict], gold: dict, keep_pair) -> dict:
    for r in rows:
        r["gold"] = {c for s, e, c in gold.get(r["article"], []) if s < r["end"] and r["start"] < e} or {f"_{id(r)}"}
    # one row per (article, sentence, claim): two statements of one sentence are one place
    uniq = {(r["article"], r["start"], r["claim"]): r for r in rows}
    rows = list(uniq.values())
    tp = fp = fn = 0
    for a, b in itertools.combinations(rows, 2):
        if a["article"] == b["article"] or not keep_pair(a["article"], b["article"]):
            continue
        pred = a["claim"] == b["claim"]
        same = bool(a["gold"] & b["gold"])
        tp += pred and same
        fp += pred and not same
        fn += same and not pred
    # end to end: gold item pairs (different articles) never predicted together
    found = {(r["article"], c) for r in rows for c in r["gold"]}
    items = [(art, c) for art, its in gold.items() for _s, _e, c in its]
    gold_pairs = {(min(x, y), max(x, y)) for x, y in itertools.combinations(sorted(set(items)), 2)
                  if x[1] == y[1] and x[0] != y[0] and keep_pair(x[0], y[0])}
    missed = sum(1 for x, y in gold_pairs if x not in found or y not in found)
    p = tp / (tp + fp) if tp + fp else None
    r_ = tp / (tp + fn) if tp + fn else None
    e2e = tp / (tp + fn + missed) if tp + fn + missed else None
    return {"pairs_predicted": tp + fp, "true_positive": tp, "false_positive": fp, "false_negative": fn,
            "gold_pairs_missed_by_extraction": missed, "precision": p, "recall": r_, "end_to_end_recall": e2e}


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--store", required=True, help="a kg store holding the dev articles (claims grouped)")
    ap.add_argument("--gold", default=str(HERE / "polnear_gold.json"))
    ap.add_argument("--part", choices=["tune", "test", "all"], default="all")
    args = ap.parse_args(argv)
    val = fold("validation")
    keep = {
        "tune": lambda a, b: a not in val and b not in val,
        "test": lambda a, b: a in val or b in val,
        "all": lambda a, b: True,
    }[args.part]
    res = score(rows_from_store(args.store), load_gold(Path(args.gold)), keep)
    json.dump(res, sys.stdout, indent=1)
    print()
    return 0


if __name__ == "__main__":
    raise SystemExit(main())

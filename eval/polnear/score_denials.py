"""Score kg's denial classifier on the denial development set (denials.jsonl, see DENIALS.md).

For every labelled sentence of the chosen part, runs ``kg extract`` (the statement stage as shipped:
rules + the attribution tagger) on the whole article and looks at the denials it reports there:

* a gold denial is **found** when a predicted denial's cue lies in the sentence, and **found with
  the right denier** when, besides, that denial's speaker span overlaps the gold denier span or its
  resolved name shares a word with the annotator's ``denier_name``;
* a not-denial sentence holding a predicted denial's cue is a **false denial** (its class is listed);
* precision = labelled denial sentences with a predicted denial / all labelled sentences with one.

Figures are given with and without the records marked ``ambiguous``, on the whole test part and on
its ``fold == "validation"`` subset (the other 70 test articles are in the shipped tagger's training
fold: see DENIALS.md, although the shipped model was trained without them).

    .venv/bin/python eval/polnear/score_denials.py --polnear /path/to/PolNeAR [--part test] [--no-tagger] [--cache DIR]

Prints figures only (no corpus text), so its output may be quoted in docs.
"""

from __future__ import annotations

import argparse
import json
import re
import sys
from collections import Counter, defaultdict
from pathlib import Path

HERE = Path(__file__).resolve().parent


def _words(s: str | None) -> set[str]:
    return {w for w in re.findall(r"[a-z]+", (s or "").lower()) if len(w) > 2}


def _denier_ok(pred: dict, gold: dict) -> bool:
    sp = pred.get("speaker") or {}
    g = gold["denier"]
    if sp.get("end", 0) > sp.get("start", 0) and sp["start"] < g["end"] and g["start"] < sp["end"]:
        return True
    return bool(_words(sp.get("name")) & _words(gold.get("denier_name")))


def _predictions(arts, docs, tagger: bool = True) -> dict[str, list[dict]]:
    from kg.corpora.parsed import clean
    from kg.extract.pipeline import extract_doc

    return {a.id: [s for s in extract_doc(d, clean(a.text), tagger)["statements"] if s["kind"] == "denial" and s.get("cue")]
            for a, d in zip(arts, docs)}


def score(records: list[dict], preds: dict[str, list[dict]]) -> dict:
    t = Counter()
    false_classes: Counter = Counter()
    for r in records:
        hits = [p for p in preds.get(r["article"], []) if r["start"] <= p["cue"]["start"] < r["end"]]
        if r["label"] == "denial":
            t["gold"] += 1
            t["found"] += bool(hits)
            t["found_denier"] += any(_denier_ok(p, r) for p in hits)
            t["pred_true"] += bool(hits)
        else:
            t["not_denials"] += 1
            if hits:
                t["false"] += 1
                false_classes[r["class"]] += 1
    pred = t["pred_true"] + t["false"]
    return {"denials": t["gold"], "not_denials": t["not_denials"],
            "recall_found": t["found"] / t["gold"] if t["gold"] else None,
            "recall_right_denier": t["found_denier"] / t["gold"] if t["gold"] else None,
            "precision": t["pred_true"] / pred if pred else None,
            "false_denials": t["false"], "false_by_class": dict(false_classes.most_common())}


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--polnear", required=True)
    ap.add_argument("--part", choices=["test", "tune"], default="test")
    ap.add_argument("--no-tagger", action="store_true", help="the rules alone (kg extract without the trained tagger)")
    ap.add_argument("--cache", help="spaCy parse cache folder (outside the repository)")
    args = ap.parse_args(argv)
    from kg.corpora.parsed import cache_dir, clean, parse_texts
    from kg.corpora.polnear import Polnear
    from kg.nlp import load_nlp

    records = [json.loads(x) for x in (HERE / "denials.jsonl").read_text("utf-8").splitlines() if x.strip()]
    records = [r for r in records if r["part"] == args.part]
    corpus = Polnear(args.polnear)
    ids = sorted({r["article"] for r in records})
    arts = corpus.articles(ids)
    docs = parse_texts(load_nlp(), [clean(a.text).text for a in arts], cache=cache_dir(args.cache))
    preds = _predictions(arts, docs, not args.no_tagger)
    subsets = defaultdict(list)
    for r in records:
        for name in ("all", "validation fold") if r["fold"] == "validation" else ("all",):
            subsets[name].append(r)
            if not r["ambiguous"]:
                subsets[name + ", unambiguous"].append(r)
    out = {name: score(rs, preds) for name, rs in subsets.items()}
    json.dump({"part": args.part, "tagger": not args.no_tagger, "articles": len(ids), "scores": out}, sys.stdout, indent=2)
    print()
    return 0


if __name__ == "__main__":
    sys.exit(main())

"""Grid over the claim-grouping thresholds on the *tune* part of the dev set.

Reads the statements of a store once (a store of training-fold articles only:
validation articles are never tuning material), regroups them in memory with
each setting, and scores pairs of training-fold articles exactly as
evaluate.py does. Prints one line per setting, best F1 last.

    python eval/claims/tune.py --store /tmp/pn-train-store
"""

from __future__ import annotations

import argparse
import dataclasses
import itertools
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

from evaluate import fold, load_gold, score  # noqa: E402


def load(store_path: str):
    from kg.claims import index
    from kg.store import open_store

    with open_store(store_path, read_only=True) as store:
        order = index.article_order(store)
        stmts = index.read_statements(store, order)
        src = dict(index.select(store, "SELECT ?g ?s WHERE { GRAPH ?g { ?g kg:sourcePath ?s } }"))
    return [g for g in order if g in stmts], stmts, {g: Path(s).stem for g, s in src.items()}


def group(order, stmts, rules):
    from kg.claims.assign import ClaimSet, place_article

    cs = ClaimSet()
    for g in order:
        place_article(stmts[g], cs, rules)
    return cs


def rows_of(cs, stmts, ids):
    sentence = {s.iri: s.sentence for lst in stmts.values() for s in lst}
    out = []
    for c in cs.claims.values():
        for m in c.members.values():
            a, b = sentence[m.stmt]
            out.append({"claim": c.iri, "article": ids[m.article], "start": a, "end": b, "stance": m.stance})
    return out


def main(argv=None) -> int:
    from kg.claims.rules import load_rules

    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--store", required=True)
    ap.add_argument("--gold", default=str(HERE / "polnear_gold.json"))
    args = ap.parse_args(argv)
    val = fold("validation")
    order, stmts, ids = load(args.store)
    order = [g for g in order if ids[g] not in val]
    gold = load_gold(Path(args.gold))
    base = load_rules()
    results = []
    for join, penalty, min_shared in itertools.product((0.4, 0.45, 0.5, 0.55, 0.6), (0.3, 0.6), (1, 2)):
        rules = dataclasses.replace(base, join=join, person_penalty=penalty, min_shared=min_shared)
        res = score(rows_of(group(order, stmts, rules), stmts, ids), gold, lambda a, b: a not in val and b not in val)
        p, r = res["precision"] or 0, res["recall"] or 0
        f = 2 * p * r / (p + r) if p + r else 0
        results.append((f, join, penalty, min_shared, p, r, res["pairs_predicted"]))
        print(f"join={join} person_penalty={penalty} min_shared={min_shared}: P={p:.2f} R={r:.2f} F1={f:.2f} ({res['pairs_predicted']} pairs)")
    best = max(results)
    print(f"best: join={best[1]} person_penalty={best[2]} min_shared={best[3]} P={best[4]:.2f} R={best[5]:.2f} F1={best[0]:.2f}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())

"""Claim grouping: what it adds to ingest, and how its cost grows with the store.

    python bench/claims.py [--articles 1000] [--copies 25]

* scaling: 1,000 synthetic articles (bench/_synth.py: the ontology's real
  shape, people and recurring allegations skewed as in news) are written in
  ingest's batches of 8, and after each batch the claims are updated exactly
  as ingest does (kg.claims.update). Per-article claim time is compared
  between the first and the last 100 articles: the store is 10x larger at the
  end, so linear growth would make it ~10x; the target is under 2x.
* overhead: `kg ingest` of variants of corpus/ (bench/_corpus.py; every
  variant repeats the same allegations, so claims grow large: a hard case)
  with and without `--no-claims`, each a separate process into a fresh store.
  Target: claims add at most 10% to the ingest wall time.
* rebuild: `kg claims rebuild` of the synthetic store.
"""

from __future__ import annotations

import argparse
import shutil
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from _common import finish, kg_command, run_measured  # noqa: E402
from _corpus import make_corpus  # noqa: E402
from _synth import Synth  # noqa: E402

BATCH = 8


def scaling(workdir: Path, n: int) -> dict:
    from kg import claims
    from kg.graph import ArticleQuads, article_quads
    from kg.store import open_store

    synth = Synth()
    per_batch = []
    with open_store(str(workdir / "synth")) as store:
        for start in range(0, n, BATCH):
            graphs = []
            for i in range(start, min(start + BATCH, n)):
                art, rec = synth.article(i)
                q = article_quads(art, rec, source=f"synth/{i}.txt")
                graphs.append(ArticleQuads(q.identifier, list(q)))
            store.write(graphs)
            t0 = time.perf_counter()
            # as ingest does: the batch's graphs are parsed from the text just written
            claims.update(
                store, [str(g.identifier) for g in graphs], texts={str(g.identifier): g.ntriples() for g in graphs}
            )
            per_batch.append((start + len(graphs), (time.perf_counter() - t0) / len(graphs)))
        t0 = time.perf_counter()
        rep = claims.rebuild(store)
        rebuild_s = time.perf_counter() - t0
    first = [t for k, t in per_batch if k <= 100]
    last = [t for k, t in per_batch if k > n - 100]
    mean = lambda xs: sum(xs) / len(xs)  # noqa: E731
    return {
        "articles": n,
        "claims": rep.claims,
        "statements_grouped": rep.statements,
        "claim_ms_per_article_first_100": round(1000 * mean(first), 2),
        "claim_ms_per_article_last_100": round(1000 * mean(last), 2),
        "growth_last_over_first": round(mean(last) / mean(first), 2),
        "claim_ms_per_article_by_store_size": {k: round(1000 * t, 2) for k, t in per_batch[9::25]},
        "rebuild_s": round(rebuild_s, 2),
    }


def overhead(workdir: Path, copies: int) -> dict:
    corpus = make_corpus(workdir / "corpus", copies)
    kg = kg_command()
    out = {}
    for label, extra in (("without_claims", ["--no-claims"]), ("with_claims", [])):
        store = workdir / f"store-{label}"
        shutil.rmtree(store, ignore_errors=True)
        out[label] = run_measured([*kg, "--store", str(store), "ingest", "-q", *extra, str(corpus)])["wall_s"]
    out["articles"] = 2 * copies
    out["overhead"] = round(out["with_claims"] / out["without_claims"] - 1, 4)
    return out


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--articles", type=int, default=1000)
    ap.add_argument("--copies", type=int, default=25, help="variants of each corpus article for the overhead run")
    args = ap.parse_args()
    with tempfile.TemporaryDirectory(prefix="kg-bench-claims-") as tmp:
        work = Path(tmp)
        sc = scaling(work, args.articles)
        ov = overhead(work, args.copies)
    targets = {
        "sublinear_in_store_size": sc["growth_last_over_first"] < 2.0,
        "overhead_at_most_10_percent": ov["overhead"] <= 0.10,
    }
    finish(
        "claims",
        {"scaling": sc, "overhead": ov},
        targets,
        f"claims {sc['claim_ms_per_article_first_100']} -> {sc['claim_ms_per_article_last_100']} ms/article over "
        f"{args.articles} articles (x{sc['growth_last_over_first']}); ingest +{100 * ov['overhead']:.1f}%",
    )


if __name__ == "__main__":
    main()

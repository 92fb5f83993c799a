"""Named queries on a store of >= 1,000,000 triples: Oxigraph (kg's embedded
store) against rdflib's in-memory engine on the same data.

    python bench/query.py [--triples 1000000]

The data: synthetic articles (bench/_synth.py) built into graphs by kg.graph,
written once as N-Quads; Oxigraph bulk-loads the file, rdflib parses the same
file into a ``Dataset(default_union=True)``. Both run the query text of
kg/queries/*.rq with the same prefixes and bindings; Oxigraph through
``Store.query`` (what ``kg query`` uses: rdflib result objects included).

Target: who-denied-what and allegations-against at least 10x faster on
Oxigraph; both engines must return the same rows. rdflib's engine is stopped
after --rdflib-limit seconds per query; its time (and the speed-up) is then a
lower bound, reported as such.
"""

from __future__ import annotations

import argparse
import collections
import contextlib
import shutil
import signal
import statistics
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from _common import finish  # noqa: E402
from _synth import Synth  # noqa: E402

QUERIES = ("who-denied-what", "allegations-against")


class _TimeUp(Exception):
    pass


@contextlib.contextmanager
def time_limit(seconds: float):
    """Stop a pure-Python computation (rdflib's engine) after ``seconds``."""
    if not seconds:
        yield
        return

    def up(signum, frame):
        raise _TimeUp()

    old = signal.signal(signal.SIGALRM, up)
    signal.setitimer(signal.ITIMER_REAL, seconds)
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, old)


def rows_of(result) -> list[tuple]:
    return [tuple(None if v is None else str(v) for v in row) for row in result]


def canonical(rows: list[tuple]) -> list[tuple]:
    """Rows comparable across engines: GROUP_CONCAT's order is unspecified in
    SPARQL (the engines list the deniers of one allegation in different orders)."""
    return sorted((tuple(v if v is None else "; ".join(sorted(v.split("; "))) for v in r) for r in rows), key=repr)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--triples", type=int, default=1_000_000)
    ap.add_argument("--repeat", type=int, default=3, help="Oxigraph runs per query (median reported)")
    # rdflib needs ~4 minutes per query at 1M triples here: a limit keeps the
    # bench to a few minutes and still proves (or disproves) the 10x target.
    ap.add_argument(
        "--rdflib-limit",
        type=float,
        default=60.0,
        metavar="S",
        help="stop rdflib's query after S seconds, its time is then a lower bound (0: no limit)",
    )
    args = ap.parse_args()

    import pyoxigraph as ox
    from rdflib import Dataset, Literal

    from kg.namespace import PREFIXES
    from kg.query import named_queries, place_params
    from kg.store import open_store

    tmp = Path(tempfile.mkdtemp(prefix="kg-bench-query-"))
    try:
        synth = Synth()
        nq_path = tmp / "data.nq"
        t0 = time.perf_counter()
        quads = articles = 0
        targeted: collections.Counter = collections.Counter()
        with nq_path.open("w", encoding="utf-8") as f:
            while quads < args.triples:
                art, rec = synth.article(articles)
                for st in rec["statements"]:
                    if st["kind"] in ("allegation", "accusation"):
                        targeted[st["target"]["name"]] += 1
                text = synth.nquads(articles)
                f.write(text)
                quads += text.count("\n")
                articles += 1
        gen_s = time.perf_counter() - t0
        person, person_n = targeted.most_common(1)[0]
        nq = named_queries()
        bindings = {"who-denied-what": {}, "allegations-against": {"person": Literal(person)}}
        # The text each engine runs: parameters written where the query anchors them, as kg query does.
        texts = {name: place_params(nq[name], bindings[name]) for name in QUERIES}

        store_path = tmp / "store"
        t0 = time.perf_counter()
        raw = ox.Store(str(store_path))
        raw.bulk_load(path=str(nq_path), format=ox.RdfFormat.N_QUADS)
        raw.flush()
        n_ox = len(raw)
        del raw
        ox_load_s = time.perf_counter() - t0

        t0 = time.perf_counter()
        ds = Dataset(default_union=True)
        ds.parse(str(nq_path), format="nquads")
        n_rdflib = sum(1 for _ in ds.quads((None, None, None, None)))  # len(ds) counts the union's triples
        rdflib_load_s = time.perf_counter() - t0

        results = {}
        with open_store(str(store_path), read_only=True) as store:
            for name in QUERIES:
                times, ox_rows = [], None
                for _ in range(args.repeat):
                    t0 = time.perf_counter()
                    ox_rows = rows_of(store.query(texts[name]))
                    times.append(time.perf_counter() - t0)
                # The engine alone (pyoxigraph, no rdflib result objects): how
                # much of Store.query's time is Oxigraph's own.
                t0 = time.perf_counter()
                n_engine = sum(
                    1 for _ in store.ox.query(texts[name], prefixes=PREFIXES, use_default_graph_as_union=True)
                )
                engine_s = time.perf_counter() - t0
                assert n_engine == len(ox_rows), (n_engine, len(ox_rows))
                t0 = time.perf_counter()
                try:
                    with time_limit(args.rdflib_limit):
                        rd_rows = rows_of(ds.query(texts[name], initNs=PREFIXES))
                except _TimeUp:
                    rd_rows = None
                rd_s = time.perf_counter() - t0
                ox_s = statistics.median(times)
                results[name] = {
                    "rows": len(ox_rows),
                    # rows cannot be compared when rdflib did not finish: then
                    # its time is a lower bound and so is the speed-up.
                    "same_rows_both_engines": None if rd_rows is None else canonical(ox_rows) == canonical(rd_rows),
                    "oxigraph_s": round(ox_s, 4),
                    "oxigraph_first_run_s": round(times[0], 4),
                    "oxigraph_engine_only_s": round(engine_s, 4),
                    "rdflib_memory_s": round(rd_s, 3),
                    "rdflib_finished": rd_rows is not None,
                    "speedup": round(rd_s / ox_s, 1),
                }
    finally:
        shutil.rmtree(tmp, ignore_errors=True)

    figures = {
        "data": {
            "articles": articles,
            "quads": quads,
            "quads_in_oxigraph": n_ox,
            "quads_in_rdflib": n_rdflib,
            "people": len(synth.people),
            "organisations": len(synth.orgs),
            "allegations_against_person": person,
            "allegations_against_that_person": person_n,
        },
        "generate_s": round(gen_s, 1),
        "oxigraph_bulk_load_s": round(ox_load_s, 1),
        "rdflib_parse_s": round(rdflib_load_s, 1),
        "queries": results,
    }
    targets = {f"{name} >= 10x rdflib": results[name]["speedup"] >= 10 for name in QUERIES}
    # Same rows, where rdflib finished (if it did not, the speed-up is a lower bound).
    targets.update({f"{name} same rows": results[name]["same_rows_both_engines"] is not False for name in QUERIES})
    targets["store >= requested triples"] = n_ox >= args.triples and n_ox == n_rdflib
    summary = f"{n_ox} quads, {articles} articles: " + "; ".join(
        f"{name} {r['oxigraph_s'] * 1000:.0f} ms vs rdflib {'' if r['rdflib_finished'] else '> '}{r['rdflib_memory_s']:.1f} s "
        f"({'' if r['rdflib_finished'] else '>= '}{r['speedup']:.0f}x, {r['rows']} rows)"
        for name, r in results.items()
    )
    finish("query", figures, targets, summary)


if __name__ == "__main__":
    main()

"""Ingest on a Dask cluster against single-process ingest, the stores compared
graph by graph, and bulk loading into an Oxigraph server.

    python bench/cluster.py [--articles 200] [--repeat 1] [--texts DIR] [--no-server]

Each ingest is a separate process, timed from start to exit (interpreter
start, cluster start and model loads included):

* single:   ``kg ingest`` into a fresh embedded store;
* local:2:  ``kg ingest --scheduler local:2`` (a LocalCluster of 2 worker
            processes) into another; both stores must hold the same graphs,
            triple for triple;
* startup:  the same two commands on one small article: the fixed cost a
            run pays before its first article, so the speed-up past start-up
            can be told apart from it;
* server:   ``kg --store URL ingest --scheduler local:2`` into a real
            ``oxigraph serve``, through the client and ``--write-from-workers``
            (figures only, no target), and the same graphs again;
* bulk:     the single run's graphs POSTed as N-Quads to the server's /store
            by kg's own sink (kg.cluster.sink.write_graphs): in transactions
            of 8, 32 and all articles per request (the default, atomic path),
            and through the server's bulk loader (``--bulk-load``: 32 and all
            articles per request, markers after).

The corpus: variants of corpus/ and eval/dev/ (bench/_corpus.py), or with
``--texts DIR`` the first N .txt files of a folder of real articles, e.g.
PolNeAR's data/train/text (for local runs only: never commit its texts or
figures that quote them).

Targets: local:2 >= 1.6x single-process throughput (whole runs, wall clock;
needs two idle cores: with other jobs on the machine the figure says more
about them); stores equal graph by graph; bulk loading (``--bulk-load``, 32
articles per request) >= 50,000 triples/s.
"""

from __future__ import annotations

import argparse
import shutil
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from _common import finish, kg_command, run_measured  # noqa: E402
from _corpus import copy_articles, make_articles, words  # noqa: E402


def graph_texts(path: Path) -> dict[str, str]:
    """Every named graph of an embedded store as sorted N-Triples lines."""
    import pyoxigraph as ox

    store = ox.Store.read_only(str(path))
    graphs: dict[str, list[str]] = {}
    for q in store:
        graphs.setdefault(q.graph_name.value, []).append(f"{q.subject} {q.predicate} {q.object} .\n")
    del store
    return {g: "".join(sorted(lines)) for g, lines in graphs.items()}


def server_graph_texts(url: str) -> dict[str, str]:
    req = urllib.request.Request(url + "/store", headers={"Accept": "application/n-quads"})
    with urllib.request.urlopen(req, timeout=600) as r:
        data = r.read().decode("utf-8")
    import pyoxigraph as ox

    graphs: dict[str, list[str]] = {}
    for q in ox.parse(data.encode("utf-8"), format=ox.RdfFormat.N_QUADS):
        graphs.setdefault(q.graph_name.value, []).append(f"{q.subject} {q.predicate} {q.object} .\n")
    return {g: "".join(sorted(lines)) for g, lines in graphs.items()}


class OxigraphServer:
    def __init__(self, location: Path):
        from servers import free_port, oxigraph_exe  # tests/servers.py

        exe = oxigraph_exe()
        if exe is None:
            raise SystemExit("the oxigraph server is not installed (pip install oxigraph)")
        self.url = f"http://127.0.0.1:{free_port()}"
        self.proc = subprocess.Popen(
            [exe, "serve", "--location", str(location), "--bind", self.url[7:]],
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        for _ in range(300):
            try:
                urllib.request.urlopen(self.url + "/query?query=ASK%7B%7D", timeout=1)
                return
            except OSError:
                time.sleep(0.1)
        raise SystemExit("oxigraph server did not start")

    def stop(self):
        self.proc.terminate()
        self.proc.wait(30)


def bulk_load(graphs: dict[str, str], tmp: Path) -> dict:
    """kg's sink POSTing the graphs to a fresh server, in groups of k articles."""
    from rdflib import URIRef

    from kg.cluster.sink import detect_target, write_graphs
    from kg.graph import ArticleQuads
    from kg.store import RemoteStore

    items = [ArticleQuads(URIRef(g), None, nt) for g, nt in sorted(graphs.items())]
    triples = sum(len(x) for x in items)
    out = {"graphs": len(items), "triples": triples}
    for bulk, k in ((False, 8), (False, 32), (False, len(items)), (True, 32), (True, len(items))):
        srv = OxigraphServer(tmp / f"bulk-{bulk}-{k}")
        try:
            target = detect_target(RemoteStore(srv.url), bulk=bulk)
            t0 = time.perf_counter()
            for i in range(0, len(items), k):
                write_graphs(target, items[i : i + k], [])
            dt = time.perf_counter() - t0
            if server_graph_texts(srv.url) != graphs:
                raise SystemExit(f"bulk load of {k} articles per request stored other graphs")
        finally:
            srv.stop()
        name = f"{'bulk_loader' if bulk else 'transaction'}_{k if k < len(items) else 'all'}_per_request"
        out[name] = {"s": round(dt, 3), "triples_per_s": round(triples / dt)}
    return out


def server_ingest(kg: list[str], corpus: Path, tmp: Path, expected: dict[str, str], nwords: int) -> dict:
    out = {}
    for name, flags in (("through_client", []), ("from_workers", ["--write-from-workers"])):
        srv = OxigraphServer(tmp / f"srv-{name}")
        try:
            run = run_measured(kg + ["--store", srv.url, "ingest", "-q", "--scheduler", "local:2", *flags, str(corpus)])
            same = server_graph_texts(srv.url) == expected
        finally:
            srv.stop()
        out[name] = {**run, "words_per_s": round(nwords / run["wall_s"]), "graphs_equal_single_process": same}
    return out


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--articles", type=int, default=200, help="corpus size")
    ap.add_argument("--repeat", type=int, default=1, help="runs of single and local:2; the fastest of each counts")
    ap.add_argument("--texts", type=Path, help="a folder of real .txt articles to use instead (local runs only)")
    ap.add_argument("--workers", type=int, default=2, help="N of --scheduler local:N")
    ap.add_argument("--no-server", action="store_true", help="skip the Oxigraph server runs")
    args = ap.parse_args()
    sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "tests"))
    kg = kg_command()
    tmp = Path(tempfile.mkdtemp(prefix="kg-bench-cluster-"))
    try:
        corpus = (
            copy_articles(args.texts, tmp / "corpus", args.articles)
            if args.texts
            else make_articles(tmp / "corpus", args.articles)
        )
        nwords = words([corpus])
        one_file = sorted(corpus.glob("*.txt"))[0]
        local = f"local:{args.workers}"
        singles, clusters = [], []
        for r in range(args.repeat):
            singles.append(run_measured(kg + ["--store", str(tmp / f"single-{r}"), "ingest", "-q", str(corpus)]))
            clusters.append(
                run_measured(
                    kg + ["--store", str(tmp / f"cluster-{r}"), "ingest", "-q", "--scheduler", local, str(corpus)]
                )
            )
        single, cluster = min(singles, key=lambda x: x["wall_s"]), min(clusters, key=lambda x: x["wall_s"])
        expected = graph_texts(tmp / f"single-{singles.index(single)}")
        got = graph_texts(tmp / f"cluster-{clusters.index(cluster)}")
        equal = expected == got
        start_single = run_measured(kg + ["--store", str(tmp / "start-1"), "ingest", "-q", str(one_file)])
        start_cluster = run_measured(
            kg + ["--store", str(tmp / "start-2"), "ingest", "-q", "--scheduler", local, str(one_file)]
        )
        speedup = single["wall_s"] / cluster["wall_s"]
        past_start = (single["wall_s"] - start_single["wall_s"]) / (cluster["wall_s"] - start_cluster["wall_s"])
        figures = {
            "corpus": {
                "articles": args.articles,
                "words": nwords,
                "source": str(args.texts) if args.texts else "corpus/ + eval/dev/ variants",
            },
            "single": {**single, "words_per_s": round(nwords / single["wall_s"])},
            "cluster": {**cluster, "scheduler": local, "words_per_s": round(nwords / cluster["wall_s"])},
            "speedup": round(speedup, 3),
            "startup_s": {"single": start_single["wall_s"], "cluster": start_cluster["wall_s"]},
            "speedup_past_startup": round(past_start, 3),
            "graphs": len(expected),
            "graphs_equal": equal,
            "runs": {"single": [x["wall_s"] for x in singles], "cluster": [x["wall_s"] for x in clusters]},
        }
        targets = {f"--scheduler {local} >= 1.6 x single process": speedup >= 1.6, "stores equal graph by graph": equal}
        summary = (
            f"{args.articles} articles, {nwords} words: single {single['wall_s']:.1f} s, {local} {cluster['wall_s']:.1f} s "
            f"({speedup:.2f}x; {past_start:.2f}x past start-up), graphs equal: {equal}"
        )
        if not args.no_server:
            figures["server_ingest"] = server_ingest(kg, corpus, tmp, expected, nwords)
            figures["bulk_load"] = bulk_load(expected, tmp)
            rate = figures["bulk_load"]["bulk_loader_32_per_request"]["triples_per_s"]
            targets["bulk load into Oxigraph server >= 50,000 triples/s"] = rate >= 50_000
            targets["server stores equal graph by graph"] = all(
                v["graphs_equal_single_process"] for v in figures["server_ingest"].values()
            )
            atomic = figures["bulk_load"]["transaction_8_per_request"]["triples_per_s"]
            summary += f"; --bulk-load {rate:,} triples/s (32 articles per request), atomic {atomic:,} triples/s"
    finally:
        shutil.rmtree(tmp, ignore_errors=True)
    finish("cluster", figures, targets, summary)


if __name__ == "__main__":
    main()

"""``kg serve`` page times on a store of >= 1,000,000 triples.

    python bench/serve.py [--triples 1000000] [--store PATH] [--requests 20]

The data: synthetic articles (bench/_synth.py, built into graphs by kg.graph
like ingest does), with publication dates spread over two years, bulk-loaded
into Oxigraph. A real ``kg serve`` runs in its own process; every page type
is requested ``--requests`` times over different entities, articles,
statements, filters and page numbers, and the server's own time for each
response is read from its ``Server-Timing`` header (wall time on the client
is recorded too).

Target: every page type renders in under 300 ms of server time (median and
95th percentile reported). The network map of the whole store is reported
separately: it is built once per store version and then served from memory.
"""

from __future__ import annotations

import argparse
import json
import random
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.parse
import urllib.request
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from _common import finish, kg_command  # noqa: E402
from _synth import Synth  # noqa: E402

TARGET_MS = 300.0


def build_store(path: Path, triples: int) -> dict:
    """Synthetic articles with dates, bulk-loaded; returns what was built."""
    import pyoxigraph as ox

    from kg.graph import article_quads

    synth = Synth()
    nq = path.with_suffix(".nq")
    quads = articles = 0
    t0 = time.perf_counter()
    with nq.open("w", encoding="utf-8") as f:
        while quads < triples:
            art, rec = synth.article(articles)
            day = articles * 7 % 730
            art.meta["date"] = f"{2023 + day // 365}-{(day % 365) // 31 % 12 + 1:02d}-{day % 28 + 1:02d}"
            q = article_quads(art, rec, source=f"synthetic/{articles:06d}.txt")
            text = q.ntriples().replace(" .\n", f" <{q.identifier}> .\n")
            f.write(text)
            quads += text.count("\n")
            articles += 1
    store = ox.Store(str(path))
    store.bulk_load(path=str(nq), format=ox.RdfFormat.N_QUADS)
    store.flush()
    store.optimize()
    n = len(store)
    del store
    nq.unlink()
    return {"articles": articles, "quads": n, "build_s": round(time.perf_counter() - t0, 1)}


def get(url: str, timeout: float = 120.0) -> tuple[float, float, int, int]:
    """(server ms, client ms, status, bytes) of one GET."""
    t0 = time.perf_counter()
    try:
        with urllib.request.urlopen(url, timeout=timeout) as r:
            body = r.read()
            status, timing = r.status, r.headers.get("Server-Timing", "")
    except urllib.error.HTTPError as exc:
        body, status, timing = exc.read(), exc.code, exc.headers.get("Server-Timing", "")
    client = (time.perf_counter() - t0) * 1000
    server = float(timing.split("dur=")[1]) if "dur=" in timing else float("nan")
    return server, client, status, len(body)


def start_server(store: Path, port: int) -> subprocess.Popen:
    proc = subprocess.Popen(
        kg_command() + ["--store", str(store), "serve", "--port", str(port)],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    line = proc.stdout.readline()
    if "http://" not in line:
        proc.kill()
        raise SystemExit(f"kg serve did not start: {line}{proc.stderr.read()}")
    return proc


def sample_urls(base: str, n: int, rng: random.Random) -> dict[str, list[str]]:
    """URLs per page type, drawn from what the server lists."""

    def j(path):
        with urllib.request.urlopen(base + path, timeout=300) as r:
            return json.load(r)

    home = j("/index.json?size=200")
    ents = j("/entities.json?size=200")["entities"]
    arts = j("/articles.json?size=200")["articles"]
    people = [e["name"]["iri"] for e in ents if e["kind"] == "person"]
    top, rest = people[:5], people[5:]
    path = lambda iri: "/id/" + iri.split("/id/", 1)[1]  # noqa: E731
    stmts = [d["denial"]["iri"] for d in home["denials"]] + [
        d["allegation"]["iri"] for d in home["denials"] if d["allegation"]
    ]
    names = [e["name"]["text"] for e in ents[:50]]
    total_pages = max(home["total"] // 50, 1)
    return {
        "home": [base + "/"] + [f"{base}/?page={rng.randint(2, total_pages)}" for _ in range(n - 1)],
        "home filtered": [
            f"{base}/?" + urllib.parse.urlencode({rng.choice(["denier", "claimant", "target"]): rng.choice(names)})
            for _ in range(n)
        ],
        "home text search": [
            f"{base}/?q=" + urllib.parse.quote(w)
            for w in rng.choices(["fabricated", "bribes", "leaked", "budget", "likes"], k=n)
        ],
        "articles": [f"{base}/articles?page={rng.randint(1, 20)}" for _ in range(n)],
        "entities": [f"{base}/entities?page={rng.randint(1, 20)}" for _ in range(n)],
        # A person page reads its lists whole once, then pages through them
        # from memory (kg.serve.catalogue.Catalogue.remember): the first visit
        # of each frequent person is measured on its own.
        "entity (most frequent 5, first visit)": [base + path(iri) for iri in top],
        "entity (most frequent 5)": [base + path(rng.choice(top)) for _ in range(n)],
        "entity (others)": [base + path(rng.choice(rest)) for _ in range(n)],
        "article": [base + path(a["article"]["iri"]) for a in rng.sample(arts, min(n, len(arts)))],
        "statement": [base + path(s) for s in rng.sample(stmts, min(n, len(stmts)))],
        "entity .json": [base + path(rng.choice(rest)) + ".json" for _ in range(n)],
        "home .csv": [f"{base}/index.csv?page={rng.randint(1, total_pages)}" for _ in range(n)],
        "map page": [f"{base}/map?focus=" + urllib.parse.quote(rng.choice(rest)) for _ in range(n)],
        "map embed (around an entity)": [
            f"{base}/map/embed?depth=1&focus=" + urllib.parse.quote(rng.choice(rest)) for _ in range(n)
        ],
        "query page (named query, bound parameter)": [
            f"{base}/query?name=denials-by&person=" + urllib.parse.quote(rng.choice(names)) for _ in range(n)
        ],
        "query page (allegations-against)": [
            f"{base}/query?name=allegations-against&person=" + urllib.parse.quote(rng.choice(names)) for _ in range(n)
        ],
        "sparql endpoint (count)": [
            f"{base}/sparql?query="
            + urllib.parse.quote("SELECT (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?d a kg:Denial } }")
        ]
        * n,
    }


def measure(urls: list[str]) -> dict:
    server, client, statuses = [], [], []
    for u in urls:
        s, c, st, _n = get(u)
        server.append(s)
        client.append(c)
        statuses.append(st)
    server.sort()
    return {
        "requests": len(urls),
        "server_median_ms": round(statistics.median(server), 1),
        "server_p95_ms": round(server[max(0, int(round(0.95 * len(server))) - 1)], 1),
        "server_max_ms": round(server[-1], 1),
        "client_median_ms": round(statistics.median(client), 1),
        "statuses": sorted(set(statuses)),
    }


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--triples", type=int, default=1_000_000)
    ap.add_argument("--store", help="use (or build, if missing) the store here instead of a temporary one")
    ap.add_argument("--requests", type=int, default=20, help="requests per page type")
    ap.add_argument("--port", type=int, default=0)
    args = ap.parse_args()
    from kg.serve import is_loopback  # noqa: F401  (the package must import)

    tmp = None
    if args.store:
        store = Path(args.store)
    else:
        tmp = Path(tempfile.mkdtemp(prefix="kg-bench-serve-"))
        store = tmp / "store"
    built = {}
    if not (store / "CURRENT").exists():
        built = build_store(store, args.triples)
    port = args.port or _free_port()
    base = f"http://127.0.0.1:{port}"
    t0 = time.perf_counter()
    proc = start_server(store, port)
    startup_s = time.perf_counter() - t0
    try:
        rng = random.Random(7)
        urls = sample_urls(base, args.requests, rng)
        whole_first = get(base + "/map/embed")
        whole_again = get(base + "/map/embed")
        results = {name: measure(u) for name, u in urls.items()}
    finally:
        proc.terminate()
        proc.wait(30)
        if tmp:
            shutil.rmtree(tmp, ignore_errors=True)
    figures = {
        "data": built or {"store": str(store)},
        "server_start_s_with_catalogue": round(startup_s, 2),
        "pages": results,
        "whole_store_map": {
            "first_ms": round(whole_first[0], 1),
            "cached_ms": round(whole_again[0], 1),
            "status": whole_first[2],
            "bytes": whole_first[3],
        },
    }
    targets = {
        f"{name} p95 < {TARGET_MS:.0f} ms": r["server_p95_ms"] < TARGET_MS and r["statuses"] == [200]
        for name, r in results.items()
    }
    summary = "; ".join(f"{k} {r['server_median_ms']:.0f}/{r['server_p95_ms']:.0f} ms" for k, r in results.items())
    finish("serve", figures, targets, "median/p95 server time: " + summary)


def _free_port() -> int:
    import socket

    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


if __name__ == "__main__":
    main()

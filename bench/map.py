"""The HTML map at 5,000 nodes / 15,000 edges: Python time to write it, and
time until the page is interactive in headless Chromium.

    python bench/map.py [--nodes 5000 --edges 15000]

The graph is generated with the node and edge attributes kg.export.network
gives (kinds, labels, evidence sentences, articles, involvement), then
written with ``kg.export.write_html`` (layout precomputed, physics off above
its threshold). Chromium opens the file from disk; the page sets
``window.kgMapReady`` after its first full drawing. A map that is
interactive also holds still (physics off) and redraws quickly: both checked.

Targets: write_html < 2 s of Python time; interactive < 5 s after navigation.
"""

from __future__ import annotations

import argparse
import random
import shutil
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from _common import finish  # noqa: E402
from _synth import FIRST, LAST, ORG_WORDS, PHRASES, TITLES  # noqa: E402

SPEAKER_EDGE = {
    "allegation": "alleges",
    "accusation": "accuses",
    "claim": "claims",
    "statement": "says",
    "confirmation": "confirms",
    "refusal": "declines",
}


def network(n_nodes: int, n_edges: int, seed: int = 7):
    import networkx as nx

    rng = random.Random(seed)
    G = nx.MultiDiGraph()
    n_agents = n_nodes * 36 // 100
    kinds = ["person"] * 24 + ["organization"] * 5 + ["account"] * 2 + ["unresolved"] * 5
    agents = []
    for i in range(n_agents):
        kind = kinds[i % len(kinds)]
        if kind == "organization":
            name = f"{rng.choice(ORG_WORDS)} {rng.choice(ORG_WORDS)} {i}"
        elif kind == "account":
            name = f"{rng.choice(FIRST)} {rng.choice(LAST)} (Facebook page) {i}"
        else:
            name = f"{rng.choice(FIRST)} {rng.choice(LAST)} {i}"
        nid = f"unresolved:{i}" if kind == "unresolved" else f"https://kg.example.org/id/{kind}/{i}"
        attrs = {
            "kind": kind,
            "label": name,
            "name": name,
            "iri": "" if kind == "unresolved" else nid,
            "articles": f"Story {rng.randint(1, 900)}; Story {rng.randint(1, 900)}",
        }
        if kind == "person":
            attrs["aliases"] = name.split()[1]
            if rng.random() < 0.4:
                attrs["roles"] = rng.choice(TITLES)
        if kind == "account":
            attrs.update(platform="Facebook", account_kind="page")
        G.add_node(nid, **{k: v for k, v in attrs.items() if v})
        agents.append(nid)
    people = [a for a in agents if "/person/" in a]
    orgs = [a for a in agents if "/organization/" in a]
    statements = []
    skinds = ["allegation"] * 3 + ["accusation"] * 2 + ["claim", "statement", "confirmation", "refusal", "denied"]
    for j in range(n_nodes - n_agents):
        kind = rng.choice(skinds)
        sid = f"https://kg.example.org/id/statement/{j:06d}/s1"
        speaker = rng.choice(agents[: len(agents) // 3]) if rng.random() < 0.5 else rng.choice(agents)
        target = rng.choice(people)
        text = f"{G.nodes[target]['name']} had {rng.choice(PHRASES)}"
        sentence = f"{G.nodes[speaker]['name']} said on Monday that {text}, according to the report."
        G.add_node(
            sid,
            kind=kind,
            label=text[:47] + "…" if len(text) > 48 else text,
            text=text,
            sentence=sentence,
            article=f"Story {j % 900}",
            speaker=G.nodes[speaker]["name"],
            certainty="certain",
            polarity="negative" if kind == "denied" else "positive",
        )
        ev = {"sentence": sentence, "article": f"Story {j % 900}", "statement": sid}
        if kind != "denied":
            G.add_edge(
                speaker, sid, key=f"{SPEAKER_EDGE[kind]}:{sid}", kind=SPEAKER_EDGE[kind], label=SPEAKER_EDGE[kind], **ev
            )
        k = "against" if kind in ("allegation", "accusation") else "about"
        G.add_edge(sid, target, key=f"{k}:{sid}", kind=k, label=k, **ev)
        statements.append((sid, kind))
    for p in people:
        if len(orgs) and rng.random() < 0.3 and G.number_of_edges() < n_edges:
            o = rng.choice(orgs)
            G.add_edge(
                p,
                o,
                key=f"holds-role-in:{p}:{o}",
                kind="holds-role-in",
                label="holds-role-in",
                role=rng.choice(TITLES),
                article="Story 1",
            )
    deniable = [s for s, k in statements if k in ("allegation", "accusation", "denied")]
    i = 0
    while G.number_of_edges() < n_edges:
        d, a = rng.choice(people), rng.choice(deniable)
        G.add_edge(
            d,
            a,
            key=f"denies:{a}:{d}:{i}",
            kind="denies",
            label="denies",
            sentence=f"{G.nodes[d]['name']} denied it.",
            article="Story 2",
            statement=a,
        )
        i += 1
    # involvement, as kg.export.network computes it: statements an agent takes part in
    for n, data in G.nodes(data=True):
        if data["kind"] in ("person", "organization", "account", "unresolved"):
            rel = ("holds-role-in", "holds-account")
            s = {v for _, v, k in G.out_edges(n, data="kind") if k not in rel} | {
                u for u, _, k in G.in_edges(n, data="kind") if k not in rel
            }
            data["involvement"] = len(s)
    return G


def chromium_driver(profile: Path):
    from selenium import webdriver
    from selenium.webdriver.chrome.options import Options
    from selenium.webdriver.chrome.service import Service

    chromium = shutil.which("chromium") or "/usr/bin/chromium"
    chromedriver = shutil.which("chromedriver") or "/usr/bin/chromedriver"
    if not (Path(chromium).exists() and Path(chromedriver).exists()):
        raise SystemExit("bench/map.py needs chromium and chromedriver: apt-get install -y chromium chromium-driver")
    opts = Options()
    opts.binary_location = chromium
    for arg in (
        "--headless",
        "--no-sandbox",
        "--disable-gpu",
        "--disable-quic",
        "--no-first-run",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
        "--window-size=1400,900",
        f"--user-data-dir={profile}",
    ):
        opts.add_argument(arg)
    drv = webdriver.Chrome(service=Service(chromedriver), options=opts)
    drv.set_page_load_timeout(120)
    return drv


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--nodes", type=int, default=5000)
    ap.add_argument("--edges", type=int, default=15000)
    args = ap.parse_args()
    from kg.export import write_html
    from kg.export.html import edge_groups

    tmp = Path(tempfile.mkdtemp(prefix="kg-bench-map-"))
    try:
        G = network(args.nodes, args.edges)
        path = tmp / "map.html"
        write_html(G, tmp / "warm.html", title="warm-up")  # imports and vis assets off the clock
        c0, t0 = time.process_time(), time.perf_counter()
        write_html(G, path, title=f"bench map: {args.nodes} nodes")
        py_cpu, py_wall = time.process_time() - c0, time.perf_counter() - t0
        size = path.stat().st_size

        drv = chromium_driver(tmp / "profile")
        try:
            t0 = time.perf_counter()
            drv.get(path.resolve().as_uri())
            loaded = time.perf_counter() - t0
            while not drv.execute_script("return window.kgMapReady === true"):
                if time.perf_counter() - t0 > 60:
                    raise SystemExit("map not ready after 60 s")
                time.sleep(0.02)
            ready = time.perf_counter() - t0
            page = drv.execute_script("""
                var net = window.kgNetwork, ids = net.body.data.nodes.getIds().slice(0, 50);
                var before = net.getPositions(ids);
                var t = performance.now(); net.redraw(); var redraw = performance.now() - t;
                return {nodes: net.body.data.nodes.length, edges: net.body.data.edges.length,
                        physics: net.physics.physicsEnabled, redraw_ms: redraw,
                        ready_ms_since_navigation: performance.now(), ids: ids, before: before};
            """)
            time.sleep(0.5)
            after = drv.execute_script("return window.kgNetwork.getPositions(arguments[0]);", page["ids"])
            still = all(
                abs(after[i]["x"] - page["before"][i]["x"]) < 1e-6
                and abs(after[i]["y"] - page["before"][i]["y"]) < 1e-6
                for i in page["ids"]
            )
        finally:
            drv.quit()
    finally:
        shutil.rmtree(tmp, ignore_errors=True)

    figures = {
        "graph": {"nodes": G.number_of_nodes(), "edges": G.number_of_edges()},
        "write_html_s": round(py_wall, 3),
        "write_html_cpu_s": round(py_cpu, 3),
        "html_mib": round(size / 2**20, 2),
        "browser": {
            "page_load_s": round(loaded, 3),
            "interactive_s": round(ready, 3),
            "nodes_drawn": page["nodes"],
            "edges_drawn": page["edges"],
            "physics_enabled": page["physics"],
            "holds_still": still,
            "redraw_ms": round(page["redraw_ms"], 1),
        },
    }
    targets = {
        "write_html < 2 s": py_wall < 2.0,
        "interactive in Chromium < 5 s": ready < 5.0,
        # parallel edges of one kind are drawn as one edge (kg.export.html.edge_groups)
        "all nodes and edges drawn": page["nodes"] == G.number_of_nodes() and page["edges"] == len(edge_groups(G)),
        "physics off (map holds still)": (not page["physics"]) and still,
    }
    summary = (
        f"{G.number_of_nodes()} nodes / {G.number_of_edges()} edges: write_html {py_wall:.2f} s, "
        f"{size / 2**20:.1f} MiB, interactive in Chromium after {ready:.2f} s (redraw {page['redraw_ms']:.0f} ms)"
    )
    finish("map", figures, targets, summary)


if __name__ == "__main__":
    main()

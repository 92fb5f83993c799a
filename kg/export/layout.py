"""Node positions computed in Python, for maps too big for in-browser physics.

vis-network's physics never settles on a few thousand nodes, so above the
threshold the map is drawn with physics off at these positions. networkx's
spring_layout is O(n^2) per iteration (seconds at 5,000 nodes), so large
components use a Fruchterman-Reingold variant whose repulsion is estimated
from a fixed-size random sample of nodes: O(n + e) per iteration, in numpy.
Components are laid out separately and packed in rows, biggest first, so
small islands do not fly off to the edges. Seeded: same graph, same picture.
"""

from __future__ import annotations

import math

import networkx as nx
import numpy as np

SPACING = 90.0  # pixels per unit of ideal edge length on the vis canvas
DENSE_MAX = 400  # components up to this size use networkx's exact spring_layout
SMALL_MAX = 12  # up to this size a hub-and-ring placement is good enough and instant


def layout(G: nx.Graph, *, seed: int = 7) -> dict:
    """{node: (x, y)} in vis canvas pixels."""
    und = nx.Graph()
    und.add_nodes_from(G.nodes)
    und.add_edges_from((u, v) for u, v in G.edges() if u != v)
    comps = sorted((sorted(c) for c in nx.connected_components(und)), key=lambda c: (-len(c), c[0]))
    boxes = []
    for comp in comps:
        pos = _component(und, comp, seed)
        boxes.append(pos)
    return _pack(boxes)


def _component(und: nx.Graph, nodes: list, seed: int) -> dict:
    n = len(nodes)
    if n == 1:
        return {nodes[0]: np.zeros(2)}
    if n <= SMALL_MAX:
        hub = max(nodes, key=lambda x: (und.degree(x), x))  # ties broken by id: deterministic
        ring = [x for x in nodes if x != hub]
        r = SPACING * (1.0 if len(ring) <= 6 else 1.5)
        out = {hub: np.zeros(2)}
        for i, x in enumerate(ring):
            a = 2 * math.pi * i / len(ring)
            out[x] = np.array([r * math.cos(a), r * math.sin(a)])
        return out
    if n <= DENSE_MAX:
        pos = nx.spring_layout(und.subgraph(nodes), seed=seed, iterations=80)
        arr = np.array([pos[x] for x in nodes])
    else:
        index = {x: i for i, x in enumerate(nodes)}
        edges = np.array([(index[u], index[v]) for u, v in und.subgraph(nodes).edges()], dtype=np.int64).reshape(-1, 2)
        arr = _sampled_fr(n, edges, seed)
    # Scale so that the component covers about n * SPACING^2 of canvas.
    arr = arr - arr.mean(axis=0)
    extent = np.abs(arr).max() or 1.0
    arr = arr / extent * SPACING * math.sqrt(n) * 0.9
    return {x: arr[i] for i, x in enumerate(nodes)}


def _sampled_fr(n: int, edges: np.ndarray, seed: int, iterations: int = 80, sample: int = 24) -> np.ndarray:
    rng = np.random.default_rng(seed)
    side = math.sqrt(n)
    pos = rng.uniform(-side, side, size=(n, 2))
    k = 1.0
    temp = side / 4
    u, v = edges[:, 0], edges[:, 1]
    for it in range(iterations):
        others = rng.integers(0, n, size=(n, sample))
        delta = pos[:, None, :] - pos[others]
        d2 = np.einsum("ijk,ijk->ij", delta, delta) + 1e-6
        disp = (delta * (k * k / d2)[..., None]).sum(axis=1) * ((n - 1) / sample)
        if len(u):
            dv = pos[u] - pos[v]
            d = np.sqrt(np.einsum("ij,ij->i", dv, dv)) + 1e-9
            f = dv * (d / k)[:, None]
            for dim in (0, 1):
                disp[:, dim] -= np.bincount(u, weights=f[:, dim], minlength=n)
                disp[:, dim] += np.bincount(v, weights=f[:, dim], minlength=n)
        disp -= pos * (0.05 * math.sqrt(n) / side)  # gravity: keeps loosely tied nodes near the rest
        length = np.sqrt(np.einsum("ij,ij->i", disp, disp)) + 1e-9
        pos += disp * (np.minimum(length, temp) / length)[:, None]
        temp = max(temp * 0.95, 0.05)
    return pos


def _pack(components: list[dict]) -> dict:
    """Shelf packing: rows of components, left to right, biggest first."""
    margin = SPACING
    sized = []
    for pos in components:
        arr = np.array(list(pos.values()))
        lo, hi = arr.min(axis=0), arr.max(axis=0)
        sized.append((pos, lo, hi - lo + margin))
    total = sum(float(wh[0] * wh[1]) for _, _, wh in sized)
    row_width = max(math.sqrt(total) * 1.4, max(float(wh[0]) for _, _, wh in sized))
    out = {}
    x = y = row_h = 0.0
    for pos, lo, wh in sized:
        if x > 0 and x + wh[0] > row_width:
            x, y, row_h = 0.0, y + row_h, 0.0
        for node, p in pos.items():
            out[node] = (round(float(p[0] - lo[0] + x), 1), round(float(p[1] - lo[1] + y), 1))
        x += float(wh[0])
        row_h = max(row_h, float(wh[1]))
    return out

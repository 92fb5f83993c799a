"""The network as a self-contained interactive map: networkx -> pyvis -> HTML.

The page must work opened from disk with no network, so vis-network's script
and style (vendored by pyvis, its ``cdn_resources="in_line"`` assets) are
inlined, and the page is rendered from our own template: pyvis's stock
template always links Bootstrap from a CDN and pastes the heading unescaped.

Untrusted text (article titles, sentences, names) reaches the page only as
JSON inside a <script> block, with ``<``, ``>``, ``&`` and the JS line
separators escaped, so ``</script>`` in an article cannot close the block;
and tooltips are plain strings, which vis-network 9 shows with ``innerText``
(never parsed as HTML). Everything else on the page is our own markup,
escaped with ``html.escape``.

Above ``PHYSICS_MAX_NODES`` the positions are computed here (see
``layout``) and physics is off; below it vis-network's physics lays the map
out once and is then switched off so the map stops moving.
"""

from __future__ import annotations

import html
import json
import math
from functools import lru_cache
from pathlib import Path

import networkx as nx
import numpy as np

from .files import write_text
from ..errors import KgError
from .network import AGENT_KINDS, involvement_size
from .page import PAGE, TOOLS, filter_options, filter_spec, legend

PHYSICS_MAX_NODES = 300
MAX_NODES = 20000  # beyond this a browser cannot draw the map usefully
EDGE_LABELS_MAX = 1500  # edge labels cost draw time and are unreadable at that density

# kind -> (legend label, vis shape, colour, legend glyph)
NODE_STYLE = {
    "person": ("Person", "dot", "#1f77b4", "●"),
    "organization": ("Organisation", "square", "#2ca02c", "■"),
    "account": ("Online account", "diamond", "#9467bd", "◆"),
    "unresolved": ("Named in text only", "dot", "#9e9e9e", "●"),
    "allegation": ("Allegation", "triangle", "#ff7f0e", "▲"),
    "accusation": ("Accusation", "triangle", "#d62728", "▲"),
    "denied": ("Denied (as the denial words it)", "triangleDown", "#e377c2", "▼"),
    "claim": ("Claim", "hexagon", "#bcbd22", "⬢"),
    "statement": ("Statement", "hexagon", "#8c8c8c", "⬢"),
    "confirmation": ("Confirmation", "star", "#17becf", "★"),
    "refusal": ("Refusal to comment", "triangleDown", "#8c564b", "▼"),
    "consequence": ("Legal or institutional outcome", "star", "#7b4173", "★"),
}
# kind -> (legend label, colour, dashed)
EDGE_STYLE = {
    "alleges": ("alleges", "#ff7f0e", False),
    "accuses": ("accuses", "#d62728", False),
    "against": ("against (target)", "#a50f15", False),
    "denies": ("denies", "#c2185b", True),
    "claims": ("claims", "#bcbd22", False),
    "says": ("says", "#8c8c8c", False),
    "confirms": ("confirms", "#17becf", False),
    "declines": ("declines to comment", "#8c564b", False),
    "about": ("about", "#7f7f7f", True),
    "holds-role-in": ("holds role in", "#2ca02c", False),
    "holds-account": ("holds account", "#9467bd", True),
    "outcome-for": ("outcome for", "#7b4173", False),
    "brought": ("brought (case, fine)", "#637939", False),
    "led-to": ("led to (outcome)", "#7b4173", True),
}
KIND_TITLE = {k: v[0] for k, v in NODE_STYLE.items()}


def _pyvis_dir() -> Path:
    import pyvis

    return Path(pyvis.__file__).parent / "templates" / "lib" / "vis-9.1.2"


@lru_cache(maxsize=1)
def _vis_assets() -> tuple[str, str]:
    d = _pyvis_dir()
    js = (d / "vis-network.min.js").read_text("utf-8")
    css = (d / "vis-network.css").read_text("utf-8")
    # Inlined verbatim: neither file may contain a closing tag of its block.
    if "</script" in js.lower() or "</style" in css.lower():
        raise KgError("the vendored vis-network assets cannot be inlined safely (pyvis changed?)")
    return js, css


def script_json(obj) -> str:
    """JSON safe to place inside <script>: nothing in it can end the block or the statement."""
    text = json.dumps(obj, ensure_ascii=False, separators=(",", ":"))
    return (
        text.replace("&", "\\u0026")
        .replace("<", "\\u003c")
        .replace(">", "\\u003e")
        .replace("\u2028", "\\u2028")
        .replace("\u2029", "\\u2029")
    )


# -- tooltips (plain text; vis-network shows them with innerText) -------------


def _q(text: str, n: int = 600) -> str:
    text = " ".join(str(text).split())
    return "“" + (text if len(text) <= n else text[: n - 1] + "…") + "”"


def node_tooltip(data: dict) -> str:
    kind = data["kind"]
    lines = []
    if kind in AGENT_KINDS:
        lines.append(f"{data.get('name', data.get('label', ''))} — {KIND_TITLE.get(kind, kind)}")
        if data.get("roles"):
            lines.append(f"Role: {data['roles']}")
        if data.get("aliases"):
            lines.append(f"Also called: {data['aliases']}")
        for key, label in (("platform", "Platform"), ("account_kind", "Kind"), ("handle", "Handle")):
            if data.get(key):
                lines.append(f"{label}: {data[key]}")
        lines.extend(_did(data))
        lines.append(f"Involved in {data.get('involvement', 0)} statement(s) on this map's data")
        if data.get("articles"):
            lines.append(f"Articles: {data['articles']}")
    else:
        head = KIND_TITLE.get(kind, kind)
        if data.get("certainty") and data["certainty"] != "certain":
            head += f" ({data['certainty']})"
        lines.append(head)
        lines.append(_q(data.get("text", data.get("label", ""))))
        for key, label in (("charge", "Charge"), ("penalty", "Penalty"), ("amount", "Amount"), ("date", "When")):
            if kind == "consequence" and data.get(key):
                lines.append(f"{label}: {data[key]}")
        if data.get("speaker"):
            lines.append(f"Said by: {data['speaker']}")
        if data.get("sentence"):
            lines.append(f"Sentence: {_q(data['sentence'])}")
        if data.get("article"):
            lines.append(f"Article: {data['article']}")
    return "\n".join(lines)


# What an agent did, as its node counts it (kg.export.network.DID, DONE_TO).
_DID_LINES = (
    ("denials", "Denials made"),
    ("allegations", "Allegations made"),
    ("accusations", "Accusations made"),
    ("claims", "Claims made"),
    ("confirmations", "Confirmations"),
    ("refusals", "Refused to comment"),
    ("statements", "Other statements"),
    ("cases_brought", "Cases or fines brought"),
)


def _did(data: dict) -> list[str]:
    lines = [f"{label}: {data[key]}" for key, label in _DID_LINES if data.get(key)]
    if data.get("accused"):
        n = data["accused"]
        lines.append(f"Targeted by: {n} allegation{'' if n == 1 else 's'} or accusation{'' if n == 1 else 's'}")
    if data.get("mentioned"):
        lines.append(f"Subject of: {data['mentioned']} other statement(s)")
    if data.get("outcomes"):
        lines.append(f"Outcomes (convicted, fined, sued ...): {data['outcomes']}")
    return lines


def edge_tooltip(G: nx.MultiDiGraph, u, v, data: dict) -> str:
    src, dst = G.nodes[u], G.nodes[v]
    lines = [f"{src.get('label', u)} — {EDGE_STYLE.get(data['kind'], (data['kind'],))[0]} → {dst.get('label', v)}"]
    if data.get("role"):
        lines.append(f"Role: {data['role']}")
    elif src.get("roles"):
        lines.append(f"{src.get('name', 'Speaker')}'s role: {src['roles']}")
    if data.get("sentence"):
        label = "As worded" if data["kind"] == "holds-role-in" else "Sentence"
        lines.append(f"{label}: {_q(data['sentence'])}")
    if data.get("article"):
        lines.append(f"Article: {data['article']}")
    return "\n".join(lines)


MERGED_SHOWN = 12  # evidence lines in a merged edge's tooltip


def merged_tooltip(G: nx.MultiDiGraph, u, v, items: list[dict]) -> str:
    """One tooltip for several statements between the same two nodes: each one's evidence."""
    src, dst = G.nodes[u], G.nodes[v]
    kind = items[0]["kind"]
    lines = [f"{src.get('label', u)} — {EDGE_STYLE.get(kind, (kind,))[0]} → {dst.get('label', v)} ({len(items)} times)"]
    for k, data in enumerate(items[:MERGED_SHOWN]):
        lines.append(
            f"{k + 1}. {_q(data.get('sentence') or data.get('role') or '')}"
            + (f" — {data['article']}" if data.get("article") else "")
        )
    if len(items) > MERGED_SHOWN:
        lines.append(f"… and {len(items) - MERGED_SHOWN} more")
    return "\n".join(lines)


def edge_groups(G: nx.MultiDiGraph) -> dict[tuple, list[tuple]]:
    """(from, to, kind) -> [(key, attributes)]: the edges drawn as one."""
    groups: dict[tuple, list[tuple]] = {}
    for u, v, key, data in G.edges(keys=True, data=True):
        groups.setdefault((u, v, data["kind"]), []).append((key, data))
    return groups


# -- networkx -> pyvis ------------------------------------------------------------


def _search_keys(data: dict) -> list[str]:
    """What the search box matches a node by: label, name, aliases (lower case)."""
    keys = [data.get("label", ""), data.get("name", ""), *(data.get("aliases") or "").split("; ")]
    return list(dict.fromkeys(" ".join(k.split()).lower() for k in keys if k and k.strip()))


def to_pyvis(G: nx.MultiDiGraph, *, title: str = "kg network"):
    """A pyvis Network carrying the map: styled nodes and edges, tooltips, options.

    Nodes and edges are appended to pyvis's lists directly: ``add_node`` and
    ``add_edge`` scan lists on every call (quadratic; minutes at 15,000 edges).
    """
    from pyvis.network import Network

    n = G.number_of_nodes()
    if n == 0:
        raise KgError(
            "nothing to draw: no people, organisations, accounts or statements match (run 'kg ingest' first, or loosen --kinds/--article/--focus)"
        )
    if n > MAX_NODES:
        raise KgError(
            f"the network has {n} nodes, more than a map can show ({MAX_NODES}); "
            "draw part of it with --focus NAME --depth N, --article ID or --kinds"
        )
    big = n > PHYSICS_MAX_NODES
    pos = layout(G) if big else {}
    net = Network(height="100%", width="100%", directed=True, cdn_resources="in_line", heading=title)
    for nid, data in G.nodes(data=True):
        label, shape, colour, _glyph = NODE_STYLE.get(data["kind"], NODE_STYLE["unresolved"])
        opts = {
            "id": nid,
            "label": data.get("label", nid),
            "shape": shape,
            "kind": data["kind"],
            "color": colour,
            "size": round(involvement_size(data), 1),
            "title": node_tooltip(data),
            "search": _search_keys(data),
        }
        if data["kind"] not in AGENT_KINDS:
            opts["font"] = {"size": 11, "color": "#444444"}
        if nid in pos:
            opts["x"], opts["y"] = pos[nid]
        net.nodes.append(opts)
        net.node_ids.append(nid)
        net.node_map[nid] = opts
    groups = edge_groups(G)
    labels = len(groups) <= EDGE_LABELS_MAX
    # Several kinds between the same two nodes (Smith denies and claims the
    # same thing) are bent apart; several statements of one kind are one edge.
    bend: dict[frozenset, int] = {}
    for (u, v, kind), items in groups.items():
        _label, colour, dashed = EDGE_STYLE.get(kind, (kind, "#7f7f7f", False))
        n = len(items)
        key, data = items[0]
        title = edge_tooltip(G, u, v, data) if n == 1 else merged_tooltip(G, u, v, [d for _, d in items])
        opts = {"id": key, "from": u, "to": v, "kind": kind, "color": colour, "title": title, "arrows": "to"}
        if n > 1:
            opts["count"] = n
            opts["width"] = round(1.5 + 0.75 * min(n - 1, 6), 2)
        if labels:
            opts["label"] = kind if n == 1 else f"{kind} ×{n}"
        if dashed:
            opts["dashes"] = True
        pair = frozenset((u, v))
        k = bend.get(pair, 0)
        bend[pair] = k + 1
        if k:  # also on big maps, whose other edges are straight: the few pairs cost nothing
            opts["smooth"] = {"enabled": True, "type": "curvedCW", "roundness": round(0.12 + 0.22 * k, 2)}
        net.edges.append(opts)
    net.options = _options(big)
    net.heading = title
    return net


def _options(big: bool) -> dict:
    physics = (
        {"enabled": False}
        if big
        else {
            "enabled": True,
            "solver": "forceAtlas2Based",
            "forceAtlas2Based": {
                "gravitationalConstant": -90,
                "springLength": 130,
                "springConstant": 0.05,
                "avoidOverlap": 0.5,
            },
            "stabilization": {"enabled": True, "iterations": 600, "fit": True},
        }
    )
    return {
        "nodes": {
            "font": {"size": 15, "face": "Helvetica, Arial, sans-serif", "strokeWidth": 4, "strokeColor": "#ffffff"},
            "borderWidth": 1,
        },
        "edges": {
            "arrows": {"to": {"enabled": True, "scaleFactor": 0.6}},
            "font": {"size": 11, "align": "middle", "strokeWidth": 3, "strokeColor": "#ffffff", "color": "#555555"},
            # curvedCW bends the two edges of a pair that point both ways (denies + against) apart.
            "smooth": False if big else {"enabled": True, "type": "curvedCW", "roundness": 0.12},
            "width": 1.5,
        },
        "physics": physics,
        "interaction": {"hover": True, "tooltipDelay": 120, "hideEdgesOnDrag": big, "hideEdgesOnZoom": big},
        # vis's "improvedLayout" clusters with Kamada-Kawai: slow on big maps, unneeded with our positions.
        "layout": {"improvedLayout": not big, "randomSeed": 7},
    }


# -- the page -----------------------------------------------------------------------


def render_html(G: nx.MultiDiGraph, *, title: str = "kg network") -> str:
    net = to_pyvis(G, title=title)
    js, css = _vis_assets()
    n, m, drawn = len(net.nodes), G.number_of_edges(), len(net.edges)
    focus = G.graph.get("focus")
    summary = f"{n} nodes, {m} edges"
    if drawn != m:
        summary += f" on {drawn} lines (repeats between the same two nodes drawn once, marked ×N)"
    if focus:
        depth = G.graph.get("depth")
        summary += f" · within {depth} hop{'' if depth == 1 else 's'} of {focus}"
    summary += (
        " · hover a node or edge for the evidence · find a name, or show one kind, below · scroll to zoom, drag to move"
    )
    if not net.options["physics"]["enabled"]:
        summary += " · large map: layout precomputed, narrow it with --focus"
    return PAGE.substitute(
        title=html.escape(title),
        summary=html.escape(summary),
        legend=legend(G, NODE_STYLE, EDGE_STYLE),
        filters=filter_options(G),
        vis_css=css,
        vis_js=js,
        tools=TOOLS,
        nodes=script_json(net.nodes),
        edges=script_json(net.edges),
        options=script_json(net.options),
        filter_spec=script_json(filter_spec()),
    )


def write_html(G: nx.MultiDiGraph, path, *, title: str = "kg network") -> Path:
    """Write the self-contained map of ``G`` to ``path`` (directories created)."""
    path = Path(path)
    return write_text(path, render_html(G, title=title))


# -- layout for big maps --------------------------------------------------------------
# vis-network's physics never settles on a few thousand nodes, so above the
# threshold the map is drawn with physics off at positions computed here.
# networkx's spring_layout costs O(n^2) per iteration (0.6 s for 400 nodes,
# minutes for 5,000), so components use a Fruchterman-Reingold in numpy whose
# repulsion, above a few dozen nodes, is estimated from a fixed-size random
# sample of nodes: O(n + e) per iteration. Components (networkx) are laid out
# separately and packed in rows, biggest first, so small islands do not fly
# off to the edges. Seeded: same graph, same picture.

SPACING = 90.0  # pixels per unit of ideal edge length on the vis canvas
EXACT_MAX = 64  # up to this size repulsion is summed over all pairs
SMALL_MAX = 12  # up to this size a hub-and-ring placement is good enough and instant


def layout(G: nx.Graph, *, seed: int = 7) -> dict:
    """{node: (x, y)} in vis canvas pixels."""
    und = nx.Graph()
    und.add_nodes_from(G.nodes)
    und.add_edges_from((u, v) for u, v in G.edges() if u != v)
    comps = sorted((sorted(c) for c in nx.connected_components(und)), key=lambda c: (-len(c), c[0]))
    # One pass over the edges, grouped by component (subgraph views are slow).
    where = {x: (ci, i) for ci, comp in enumerate(comps) for i, x in enumerate(comp)}
    comp_edges: list[list] = [[] for _ in comps]
    for u, v in und.edges():
        ci, i = where[u]
        comp_edges[ci].append((i, where[v][1]))
    return _pack([_component(und, comp, comp_edges[ci], seed) for ci, comp in enumerate(comps)])


def _component(und: nx.Graph, nodes: list, edge_list: list, seed: int) -> dict:
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
    arr = _fr(n, np.array(edge_list, dtype=np.int64).reshape(-1, 2), seed)
    # Scale so that the component covers about n * SPACING^2 of canvas.
    arr = arr - arr.mean(axis=0)
    extent = np.abs(arr).max() or 1.0
    arr = arr / extent * SPACING * math.sqrt(n) * 0.9
    return {x: arr[i] for i, x in enumerate(nodes)}


def _fr(n: int, edges: np.ndarray, seed: int, iterations: int = 50, sample: int = 12) -> np.ndarray:
    """Fruchterman-Reingold; repulsion exact for small n, sampled above EXACT_MAX."""
    rng = np.random.default_rng(seed)
    exact = n <= EXACT_MAX
    side = math.sqrt(n)
    pos = rng.uniform(-side, side, size=(n, 2))
    k = 1.0
    temp = side / 4
    u, v = edges[:, 0], edges[:, 1]
    for it in range(iterations):
        if exact:
            delta = pos[:, None, :] - pos[None, :, :]
            scale = 1.0
        else:
            delta = pos[:, None, :] - pos[rng.integers(0, n, size=(n, sample))]
            scale = (n - 1) / sample
        d2 = np.einsum("ijk,ijk->ij", delta, delta) + 1e-6
        disp = (delta * (k * k / d2)[..., None]).sum(axis=1) * scale
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

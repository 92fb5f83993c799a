"""The network and the RDF behind it, in the formats other tools read.

Network formats (built by ``build_network``): GraphML and GEXF for Gephi and
Cytoscape (every node/edge attribute carried; GEXF also gets colours and
sizes), node-link JSON (networkx / d3). RDF formats (the store itself):
JSON-LD with a context, Turtle (all articles merged) and N-Quads (one named
graph per article). Output is deterministic so exports can be diffed.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from pathlib import Path

import networkx as nx
from rdflib import Dataset, Graph

from ..errors import KgError
from ..namespace import PREFIXES
from ..store import Store
from .files import atomic_path, write_text
from .html import NODE_STYLE, edge_groups, write_html
from .network import build_network, involvement_size

NETWORK_FORMATS = {"html": "network.html", "graphml": "network.graphml", "gexf": "network.gexf", "json": "network.json"}
RDF_FORMATS = {"jsonld": "kg.jsonld", "turtle": "kg.ttl", "nquads": "kg.nq"}
FORMATS = tuple(NETWORK_FORMATS) + tuple(RDF_FORMATS)
EXPORT_DIR = Path("exports")


def default_path(fmt: str) -> Path:
    _check(fmt)
    return EXPORT_DIR / {**NETWORK_FORMATS, **RDF_FORMATS}[fmt]


def _check(fmt: str) -> None:
    if fmt not in FORMATS:
        raise KgError(f"unknown export format '{fmt}': valid: {', '.join(FORMATS)}")


def write_format(source: Store | nx.MultiDiGraph, fmt: str, path=None, *, title: str | None = None) -> Path:
    """Write ``source`` (a store, or a graph from ``build_network``) as ``fmt`` to ``path``."""
    _check(fmt)
    path = Path(path) if path is not None else default_path(fmt)
    if fmt in RDF_FORMATS:
        if isinstance(source, nx.Graph):
            raise KgError(f"{fmt} is an RDF format: export it from the store, not from a network graph")
        text = rdf_text(source, fmt)
        return write_text(path, text)
    G = source if isinstance(source, nx.Graph) else build_network(source)
    if G.number_of_nodes() == 0:
        raise KgError(
            "nothing to export: no people, organisations, accounts or statements match (run 'kg ingest' first, or loosen the filters)"
        )
    if fmt == "html":
        return write_html(G, path, title=title or page_title(G))
    with atomic_path(path) as tmp:
        if fmt == "graphml":
            nx.write_graphml(_xml_safe(G), tmp, named_key_ids=True)
        elif fmt == "gexf":
            _write_gexf(_xml_safe(G), tmp)
        else:
            data = nx.node_link_data(G, edges="edges")
            tmp.write_text(json.dumps(data, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
    return path


# XML 1.0 forbids most C0 control characters (and lone surrogates); text from
# a store filled by other tools may hold them. They are dropped from GraphML
# and GEXF so the files stay well-formed.
_XML_FORBIDDEN = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")


def _xml_clean(value):
    return _XML_FORBIDDEN.sub("", value) if isinstance(value, str) else value


def _xml_safe(G: nx.MultiDiGraph) -> nx.MultiDiGraph:
    H = nx.relabel_nodes(G, {n: _xml_clean(n) for n in G if isinstance(n, str)}, copy=True)
    H.graph.update({k: _xml_clean(v) for k, v in H.graph.items()})
    for _, data in H.nodes(data=True):
        data.update({k: _xml_clean(v) for k, v in data.items()})
    for _, _, data in H.edges(data=True):
        data.update({k: _xml_clean(v) for k, v in data.items()})
    return H


def page_title(G: nx.MultiDiGraph) -> str:
    title = "Who accuses and who denies whom"
    if G.graph.get("focus"):
        title += f": around {G.graph['focus']}"
    return title


def _write_gexf(G: nx.MultiDiGraph, path: Path) -> None:
    from networkx.readwrite.gexf import GEXFWriter

    H = G.copy()
    for _, data in H.nodes(data=True):
        colour = NODE_STYLE.get(data["kind"], NODE_STYLE["unresolved"])[2]
        r, g, b = (int(colour[i : i + 2], 16) for i in (1, 3, 5))
        data["viz"] = {"color": {"r": r, "g": g, "b": b, "a": 1.0}, "size": involvement_size(data)}
    writer = GEXFWriter(encoding="utf-8", prettyprint=True, version="1.2draft")
    # networkx stamps today's date into <meta>; drop it so exports diff cleanly.
    writer.xml.find("meta").attrib.pop("lastmodifieddate", None)
    writer.add_graph(H)
    writer.write(path)


def _sorted_dataset(store: Store) -> Dataset:
    ds = store.export_dataset()
    quads = sorted(
        ds.quads((None, None, None, None)),
        key=lambda q: (str(q[3].identifier if hasattr(q[3], "identifier") else q[3]), q[0].n3(), q[1].n3(), q[2].n3()),
    )
    if not quads:
        raise KgError("the store is empty: nothing to export (run 'kg ingest' first)")
    out = Dataset()
    for p, ns in PREFIXES.items():
        out.bind(p, ns, override=True)
    for s, p, o, g in quads:
        out.graph(g.identifier if hasattr(g, "identifier") else g).add((s, p, o))
    return out


def rdf_text(store: Store, fmt: str) -> str:
    ds = _sorted_dataset(store)
    if fmt == "nquads":
        lines = ds.serialize(format="nquads").splitlines()
        return "\n".join(sorted(line for line in lines if line.strip())) + "\n"
    if fmt == "turtle":
        # Turtle has no named graphs: the articles' facts merged into one graph
        # (use nquads or jsonld to keep which article said what).
        g = Graph()
        for p, ns in PREFIXES.items():
            g.bind(p, ns, override=True)
        for s, p, o, _c in ds.quads((None, None, None, None)):
            g.add((s, p, o))
        return g.serialize(format="turtle")
    context = {p: ns for p, ns in PREFIXES.items()}
    return ds.serialize(format="json-ld", context=context, indent=1, sort_keys=True)


@dataclass(frozen=True)
class Export:
    path: Path
    nodes: int | None = None
    edges: int | None = None
    lines: int | None = None  # the map's drawn edges, when repeats share one

    def summary(self) -> str:
        counts = ""
        if self.nodes is not None:
            drawn = f" on {self.lines} lines" if self.lines not in (None, self.edges) else ""
            counts = f" ({self.nodes} nodes, {self.edges} edges{drawn})"
        return f"wrote {self.path}{counts}"


def export(
    store: Store, fmt: str, out=None, *, focus=None, depth: int | None = None, kinds=None, article=None
) -> Export:
    """What ``kg export FORMAT`` does: build (and filter) the network or dump the RDF, write it."""
    _check(fmt)
    if fmt in RDF_FORMATS:
        return Export(write_format(store, fmt, out))
    if depth is not None and focus is None:
        raise KgError("--depth needs --focus NAME (the depth counts hops from that person)")
    G = build_network(store, focus=focus, depth=2 if depth is None else depth, kinds=kinds, article=article)
    lines = len(edge_groups(G)) if fmt == "html" else None
    return Export(write_format(G, fmt, out), G.number_of_nodes(), G.number_of_edges(), lines)

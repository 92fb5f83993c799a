"""Network maps and exports: the store as a who-accuses-and-who-denies-whom
network (networkx), drawn as a self-contained interactive map (pyvis), or
written for Gephi/Cytoscape and as RDF. See docs/export.md."""

from .analysis import network_report, network_stats
from .formats import FORMATS, Export, export, write_format
from .html import render_html, to_pyvis, write_html
from .network import DEFAULT_KINDS, KINDS, build_network

__all__ = [
    "build_network",
    "write_html",
    "render_html",
    "to_pyvis",
    "write_format",
    "export",
    "Export",
    "FORMATS",
    "KINDS",
    "DEFAULT_KINDS",
    "network_report",
    "network_stats",
]

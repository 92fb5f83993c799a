"""Bulk writes of article graphs into a SPARQL server, from the client or
straight from a worker.

* New graphs go in as N-Quads in one POST to the server's Graph Store
  endpoint where kg knows it (Oxigraph's ``/store``): the server parses them
  in Rust and applies the request as one transaction, so every article graph
  in it is there whole or not at all. A graph's IRI is its article's content
  hash, so sending the same batch again changes nothing (RDF graphs are sets).
* Graphs that replace others (a changed file, or ``--force``) go in as one
  SPARQL update, ``DROP SILENT GRAPH ...; INSERT DATA { GRAPH ... }``, which
  SPARQL 1.1 servers apply atomically. Oxigraph's ``PUT /store?graph=``
  clears and loads in two transactions, so it is not used.
* With ``bulk`` (``--bulk-load``), new graphs go through Oxigraph's bulk
  loader (``/store?no_transaction``), about twice as fast, but not atomic: a
  request cut short can leave part of its graphs. So each graph's marker
  triple, ``<g> a kg:Article`` (what kg asks to know an article is stored),
  is held back and sent after, in a small transactional request: a graph
  without it is not "stored", and the next run sends it again whole (RDF
  graphs are sets, so what was there stays once).
* Servers kg does not recognise get SPARQL updates for everything (what
  ``kg ingest --store URL`` sends without a cluster).

Only ``urllib`` is used, so a target pickles to a worker as three strings.
"""

from __future__ import annotations

import urllib.error
import urllib.request
from dataclasses import dataclass
from typing import Iterable

from ..errors import KgError
from ..store import HTTP_TIMEOUT, RemoteStore

NQUADS = "application/n-quads"


@dataclass(frozen=True)
class ServerTarget:
    update_url: str
    store_url: str | None  # a Graph Store endpoint that takes N-Quads, or None
    server: str = ""  # the server's own name for itself (its Server header)
    timeout: float = HTTP_TIMEOUT
    bulk: bool = False  # new graphs through the server's (non-atomic) bulk loader, markers after


def detect_target(store: RemoteStore, *, bulk: bool = False) -> ServerTarget:
    """Ask the server what it is: Oxigraph names itself in its Server header
    and takes N-Quads at ``/store``."""
    req = urllib.request.Request(
        store.query_endpoint + "?query=ASK%7B%7D", headers={"Accept": "application/sparql-results+json"}
    )
    server = ""
    try:
        with urllib.request.urlopen(req, timeout=30) as resp:
            server = resp.headers.get("Server", "")
    except urllib.error.HTTPError as exc:
        server = exc.headers.get("Server", "") if exc.headers else ""
    except OSError as exc:
        raise KgError(f"cannot reach SPARQL endpoint {store.query_endpoint}: {_reason(exc)}") from None
    store_url = None
    if server.lower().startswith("oxigraph") and store.query_endpoint.endswith("/query"):
        store_url = store.query_endpoint[: -len("/query")] + "/store"
    if bulk and store_url is None:
        raise KgError(
            f"--bulk-load needs an Oxigraph server; {store.query_endpoint} is {server or 'an unknown server'}"
        )
    return ServerTarget(store.update_endpoint, store_url, server, bulk=bulk)


def nquads(graph) -> str:
    """An ArticleQuads (or anything with ``identifier`` and ``ntriples()``) as N-Quads."""
    return graph.ntriples().replace(" .\n", f" <{graph.identifier}> .\n")


def _marker(graph) -> str:
    from ..namespace import KG

    return f"<{graph}> <http://www.w3.org/1999/02/22-rdf-syntax-ns#type> <{KG.Article}> <{graph}> .\n"


def update_text(graphs: Iterable, drops: Iterable[str]) -> str:
    parts = [f"DROP SILENT GRAPH <{g}>" for g in drops]
    body = "".join(f"GRAPH <{g.identifier}> {{\n{g.ntriples()}}}\n" for g in graphs)
    if body:
        parts.append(f"INSERT DATA {{\n{body}}}")
    return " ;\n".join(parts)


def write_graphs(target: ServerTarget, graphs: list, drops: list[str]) -> None:
    """Whole article graphs (and drops of replaced ones) in one request."""
    if not graphs and not drops:
        return
    if target.store_url and not drops and target.bulk:
        texts, markers = [], []
        for g in graphs:
            t, m = nquads(g), _marker(g.identifier)
            # Only a graph that holds its marker sends it after (a long
            # article's parts before the last do not: it is not stored yet).
            if t.startswith(m) or "\n" + m in t:
                t = t[len(m) :] if t.startswith(m) else t.replace("\n" + m, "\n")
                markers.append(m)
            texts.append(t)
        text = "".join(texts)
        _post(target.store_url + "?no_transaction", text, NQUADS, target.timeout)
        if markers:
            _post(target.store_url, "".join(markers), NQUADS, target.timeout)
    elif target.store_url and not drops:
        _post(target.store_url, "".join(nquads(g) for g in graphs), NQUADS, target.timeout)
    else:
        _post(target.update_url, update_text(graphs, drops), "application/sparql-update", target.timeout)


def _post(url: str, text: str, content_type: str, timeout: float) -> None:
    req = urllib.request.Request(url, data=text.encode("utf-8"), method="POST", headers={"Content-Type": content_type})
    try:
        with urllib.request.urlopen(req, timeout=timeout) as resp:
            resp.read()
    except urllib.error.HTTPError as exc:
        detail = " ".join(exc.read(300).decode("utf-8", "replace").split())
        raise KgError(
            f"writing to {url} failed: HTTP {exc.code} {exc.reason}{': ' + detail if detail else ''}"
        ) from None
    except OSError as exc:
        raise KgError(f"writing to {url} failed: {_reason(exc)}") from None


def _reason(exc: BaseException) -> str:
    if isinstance(exc, urllib.error.URLError) and isinstance(exc.reason, BaseException):
        exc = exc.reason
    if isinstance(exc, TimeoutError):
        return "timed out"
    return getattr(exc, "strerror", None) or " ".join(str(exc).split()) or type(exc).__name__


class ServerSink:
    """``Store.write``'s interface over a ServerTarget, for ingest's writer thread."""

    def __init__(self, target: ServerTarget):
        self.target = target

    def write(self, graphs, drops=()) -> None:
        write_graphs(self.target, list(graphs), list(drops))

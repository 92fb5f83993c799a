"""Where graphs live: an embedded Oxigraph store on disk, or any SPARQL 1.1
server over HTTP. Both are used through rdflib ``Dataset`` for reads; writes
of whole article graphs go through one atomic operation per batch.
"""

from __future__ import annotations

import os
import re
import time
from pathlib import Path
from typing import Iterable

from rdflib import Dataset, Graph, URIRef, Variable
from rdflib.query import Result

from .errors import KgError, StoreInUseError
from .namespace import KG, PREFIXES, sparql_prefixes
from .sparql_errors import explain

DEFAULT_STORE = "./kg-store"
# Longest wait for one request to a SPARQL server: no request of kg should
# take this long, and a hung server is noticed (kg query --timeout raises it).
HTTP_TIMEOUT = 300.0


def default_location() -> str:
    return os.environ.get("KG_STORE") or DEFAULT_STORE


def _ntriples(graph) -> str:
    """An rdflib Graph or a kg.graph.ArticleQuads as N-Triples text.

    Our own serializer: rdflib's costs ~10x more per triple, and the text is
    what both write paths send (Oxigraph parses it in Rust).
    """
    from .graph import ntriples

    cached = getattr(graph, "ntriples", None)
    return cached() if callable(cached) else ntriples(graph)


class Store:
    """Common interface of the embedded and remote stores."""

    location: str
    dataset: Dataset

    # -- reading -----------------------------------------------------------
    def query(self, sparql: str, bindings: dict | None = None) -> Result:
        try:
            return self.dataset.query(sparql, initNs=PREFIXES, initBindings=bindings or {})
        except KgError:
            raise
        except Exception as exc:  # parser / evaluation errors from either backend
            raise KgError(f"query failed: {explain(str(exc), sparql)}") from None

    # Bound variables are projected: Oxigraph substitutes only projected
    # variables, and remote stores bind through a VALUES clause.
    def ask_graph(self, graph: URIRef) -> bool:
        return bool(list(self.query("SELECT ?g WHERE { GRAPH ?g { ?g a kg:Article } } LIMIT 1", {"g": graph})))

    def graphs_for_source(self, source: str) -> list[URIRef]:
        res = self.query(
            "SELECT DISTINCT ?g ?src WHERE { GRAPH ?g { ?g kg:sourcePath ?src } }",
            {"src": _lit(source)},
        )
        return [row[0] for row in res]

    def article_graphs(self) -> list[URIRef]:
        res = self.query("SELECT DISTINCT ?g WHERE { GRAPH ?g { ?g a kg:Article } } ORDER BY ?g")
        return [row[0] for row in res]

    def export_dataset(self) -> Dataset:
        """A copy of every named graph, in memory (for exports and validation)."""
        ds = Dataset()
        res = self.query("SELECT ?s ?p ?o ?g WHERE { GRAPH ?g { ?s ?p ?o } }")
        for s, p, o, g in res:
            ds.graph(g).add((s, p, o))
        return ds

    # -- writing -----------------------------------------------------------
    def write(self, graphs: Iterable[Graph], drop: Iterable[URIRef] = ()) -> None:
        """Add whole article graphs (and drop replaced ones) in one transaction."""
        raise NotImplementedError

    def update(self, sparql: str) -> None:
        raise NotImplementedError

    def close(self) -> None:
        pass

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        self.close()


def _lit(s: str):
    from rdflib import Literal

    return Literal(s)


def _one_line(exc: BaseException) -> str:
    msg = " ".join(str(exc).split()) or type(exc).__name__
    # Oxigraph's parser lists every acceptable token; the position and the
    # first few alternatives are what a reader can use.
    head, sep, rest = msg.partition("expected one of ")
    if sep:
        alts = rest.split(", ")
        msg = head + sep + ", ".join(alts[:8]) + (", ..." if len(alts) > 8 else "")
    return msg[:300]


def _nquads(graph) -> str:
    tail = f" <{graph.identifier}> .\n"
    return _ntriples(graph).replace(" .\n", tail)


def _update_text(graphs: Iterable[Graph], drop: Iterable[URIRef]) -> str:
    parts = [f"DROP SILENT GRAPH <{g}>" for g in drop]
    body = "".join(f"GRAPH <{g.identifier}> {{\n{_ntriples(g)}}}\n" for g in graphs)
    if body:
        parts.append(f"INSERT DATA {{\n{body}}}")
    return " ;\n".join(parts)


_ROCKSDB_FILE = re.compile(
    r"^(CURRENT|IDENTITY|LOCK|LOG(\.old\.\d+)?|(MANIFEST|OPTIONS)-\d+(\.dbtmp)?|\d+\.(log|sst|blob|dbtmp))$"
)


class EmbeddedStore(Store):
    """Oxigraph on disk (RocksDB), wrapped as an rdflib Dataset via oxrdflib.

    One process may write at a time (Oxigraph's lock); readers open a
    read-only view and work while a writer runs.
    """

    def __init__(self, path: str | os.PathLike, *, read_only: bool = False, wait: float = 0.0, create: bool = True):
        import pyoxigraph as ox
        from oxrdflib import OxigraphStore

        self.location = str(path)
        p = Path(path)
        if p.exists() and not p.is_dir():
            raise KgError(f"store path {path} is a file, not a store directory")
        if (read_only or not create) and not (p / "CURRENT").exists():
            raise KgError(f"no store at {path}: run 'kg ingest' first, or pass --store / set KG_STORE")
        if (
            not read_only
            and p.is_dir()
            and not (p / "CURRENT").exists()
            and any(not _ROCKSDB_FILE.match(f.name) for f in p.iterdir())
        ):
            # RocksDB would happily create its files among someone's articles.
            # (Its own files without CURRENT: another kg is creating the store.)
            raise KgError(f"{path} is a non-empty directory but not a kg store: give a new or an existing store path")
        start = time.monotonic()
        deadline = start + max(wait, 0.0)
        while True:
            try:
                self.ox = ox.Store.read_only(str(p)) if read_only else ox.Store(str(p))
                break
            except (OSError, RuntimeError) as exc:  # pyoxigraph raises both for RocksDB errors
                msg = str(exc)
                if "lock" in msg.lower() and isinstance(exc, OSError):
                    if time.monotonic() < deadline:
                        time.sleep(0.2)
                        continue
                    raise StoreInUseError(
                        f"store is in use by another kg process: {path} (wait for it to finish, or pass --wait SECONDS)"
                    ) from None
                if (
                    read_only
                    and "column family not found" in msg.lower()
                    and time.monotonic() < max(deadline, start + 10)
                ):
                    # A writer is creating the store right now (CURRENT is
                    # written before the column families): it is moments away.
                    time.sleep(0.1)
                    continue
                raise KgError(f"cannot open store {path}: {_one_line(exc)}") from None
        self.read_only = read_only
        self.dataset = Dataset(store=OxigraphStore(store=self.ox), default_union=True)

    # RocksDB keeps written data in memtables until they fill: ~1 MB of RSS
    # per 1,000 quads, up to ~800 MB, so ingest's memory would grow with the
    # corpus. Flushing every FLUSH_QUADS (~25 articles) bounds that at ~50 MB
    # for ~10% more write CPU, spent on the writer thread with the GIL released.
    FLUSH_QUADS = 50_000
    _unflushed = 0

    def write(self, graphs, drop=()) -> None:
        if self.read_only:
            raise KgError("store was opened read-only")
        graphs, drop = list(graphs), list(drop)
        if not graphs and not drop:
            return
        try:
            if drop:
                # DROP + INSERT in one SPARQL update: Oxigraph applies an update
                # in one transaction, so a replaced article is never half there.
                text = _update_text(graphs, drop)
                self.ox.update(text)
            else:
                import pyoxigraph as ox

                # One N-Quads text, one load: a single transaction, parsed in
                # Rust with the GIL released (ingest writes on a background
                # thread while it parses); far cheaper than converting every
                # rdflib term to a pyoxigraph Quad (docs/performance.md).
                text = "".join(_nquads(g) for g in graphs)
                self.ox.load(text.encode("utf-8"), format=ox.RdfFormat.N_QUADS)
            self._unflushed += text.count("\n")
            if self._unflushed >= self.FLUSH_QUADS:
                self._unflushed = 0
                self.ox.flush()
        except (SyntaxError, ValueError) as exc:  # a term N-Quads cannot carry (e.g. an IRI with a space)
            raise KgError(f"writing to store {self.location} failed: {_one_line(exc)}") from None
        except OSError as exc:
            raise KgError(f"writing to store {self.location} failed: {_one_line(exc)}") from None

    def update(self, sparql: str) -> None:
        if self.read_only:
            raise KgError("store was opened read-only")
        try:
            self.ox.update(sparql, prefixes=PREFIXES)
        except (SyntaxError, ValueError, OSError) as exc:
            raise KgError(f"update failed: {explain(str(exc), sparql)}") from None

    def __len__(self) -> int:
        return len(self.ox)

    def close(self) -> None:
        ox_store = getattr(self, "ox", None)
        if ox_store is not None and not self.read_only:
            ox_store.flush()
        self.ox = None
        self.dataset = None


def _connection_error(exc: BaseException) -> str | None:
    """'Connection refused', 'timed out' ... when ``exc`` (or what it was
    raised from) is a network failure rather than an answer from the server."""
    import urllib.error

    seen: set[int] = set()
    e: BaseException | None = exc
    while e is not None and id(e) not in seen:
        seen.add(id(e))
        if isinstance(e, urllib.error.HTTPError):
            return None  # the server answered
        if isinstance(e, urllib.error.URLError):
            reason = e.reason
            return (
                getattr(reason, "strerror", None) or _one_line(reason)
                if isinstance(reason, BaseException)
                else str(reason)
            )
        if isinstance(e, TimeoutError):
            return "timed out"
        if isinstance(e, (ConnectionError, *_http_client_errors())):
            return getattr(e, "strerror", None) or _one_line(e)
        e = e.__cause__ or e.__context__
    return None


def _http_answer(exc: BaseException, sparql: str | None = None, lines_before: int = 0) -> str | None:
    """'the server answered HTTP 404 Not Found: <its message>' when ``exc``
    (or what it was raised from) is an HTTP error response; rdflib replaces
    it with "You did something wrong formulating ..." but keeps it chained."""
    import urllib.error

    seen: set[int] = set()
    e: BaseException | None = exc
    while e is not None and id(e) not in seen:
        seen.add(id(e))
        if isinstance(e, urllib.error.HTTPError):
            try:
                body = (e.read() or b"").decode("utf-8", "replace")
            except Exception:  # noqa: BLE001 - the body is a courtesy
                body = ""
            said = explain(body, sparql, lines_before=lines_before) if body.strip() else ""
            return f"HTTP {e.code} {e.reason}" + (f": {said[:300]}" if said else "")
        e = e.__cause__ or e.__context__
    return None


def _http_client_errors() -> tuple:
    import http.client

    return (http.client.RemoteDisconnected, http.client.IncompleteRead, http.client.BadStatusLine)


class RemoteStore(Store):
    """Any SPARQL 1.1 server: Query and Update protocols (and the Graph Store
    Protocol for dumps where the server offers it).

    ``url`` is the dataset's base: ``/query`` and ``/update`` are appended
    (Oxigraph: ``http://HOST:7878``; Fuseki: ``http://HOST:3030/DATASET``). A
    URL that already ends in ``/query`` or ``/sparql`` is used as is, with
    ``/update`` beside it.
    """

    def __init__(self, url: str, *, read_only: bool = False, timeout: float = HTTP_TIMEOUT):
        from rdflib.plugins.stores.sparqlstore import SPARQLUpdateStore

        self.location = url
        self.read_only = read_only
        base = url.rstrip("/")
        if base.endswith(("/query", "/sparql")):
            q, u = base, base.rsplit("/", 1)[0] + "/update"
        else:
            q, u = base + "/query", base + "/update"
        self.query_endpoint, self.update_endpoint = q, u
        # rdflib accepts a timeout but never hands it to urlopen: without a
        # socket default, a server that hangs would hang kg for ever. (A
        # process-wide setting; kg talks to one store per process.)
        import socket

        socket.setdefaulttimeout(timeout)
        store = SPARQLUpdateStore(q, u, timeout=timeout)
        self.dataset = Dataset(store=store, default_union=True)
        self._check()

    def _check(self) -> None:
        try:
            self.dataset.query("ASK { ?s ?p ?o }")
        except Exception as exc:
            answer = _http_answer(exc)
            if answer:
                raise KgError(
                    f"SPARQL endpoint {self.query_endpoint} answered {answer} (kg appends /query and /update to the "
                    "store URL: give the dataset's base URL)"
                ) from None
            reason = _connection_error(exc)
            raise KgError(f"cannot reach SPARQL endpoint {self.query_endpoint}: {reason or _one_line(exc)}") from None

    def query(self, sparql: str, bindings: dict | None = None) -> Result:
        try:
            return self.dataset.query(sparql, initNs=PREFIXES, initBindings=bindings or {})
        except KgError:
            raise
        except Exception as exc:
            # rdflib replaces a refused or dropped connection with "You did
            # something wrong formulating either the URI or your SPARQL
            # query"; the real cause is still chained to it.
            reason = _connection_error(exc)
            if reason:
                raise KgError(f"lost connection to SPARQL endpoint {self.query_endpoint}: {reason}") from None
            answer = _http_answer(exc, sparql, self._lines_before(PREFIXES))
            raise KgError(
                f"query failed: {'the server answered ' + answer if answer else explain(str(exc), sparql)}"
            ) from None

    def _lines_before(self, extra: dict | None = None) -> int:
        """Lines rdflib puts before a query it sends: a PREFIX line per
        namespace binding and a blank line (so error positions can be given
        in the user's own lines)."""
        bindings = set(self.dataset.store.nsBindings.items()) | set((extra or {}).items())
        return len(bindings) + 1 if bindings else 0

    def write(self, graphs, drop=()) -> None:
        if self.read_only:
            raise KgError("store was opened read-only")
        text = _update_text(list(graphs), list(drop))
        if text:
            try:
                # One update request: SPARQL 1.1 servers apply it atomically.
                self.dataset.store.update(text)
            except Exception as exc:
                raise KgError(f"writing to {self.update_endpoint} failed: {_one_line(exc)}") from None

    def update(self, sparql: str) -> None:
        if self.read_only:
            raise KgError("store was opened read-only")
        text = sparql_prefixes() + sparql
        try:
            self.dataset.store.update(text)
        except Exception as exc:
            answer = _http_answer(exc, sparql, self._lines_before() + sparql_prefixes().count("\n"))
            raise KgError(f"update failed: {'the server answered ' + answer if answer else _one_line(exc)}") from None


def is_remote(location: str) -> bool:
    return location.startswith(("http://", "https://"))


def open_store(
    location: str | None = None,
    *,
    read_only: bool = False,
    wait: float = 0.0,
    timeout: float | None = None,
    create: bool = True,
) -> Store:
    """``timeout``: seconds a SPARQL server may take per request (default
    HTTP_TIMEOUT); embedded stores ignore it. ``create=False``: a writer that
    only changes what is there (claims, corrections) never makes a new, empty
    store at a mistyped path."""
    location = location or default_location()
    if is_remote(location):
        return RemoteStore(location, read_only=read_only, timeout=timeout or HTTP_TIMEOUT)
    return EmbeddedStore(location, read_only=read_only, wait=wait, create=create)


__all__ = ["Store", "EmbeddedStore", "RemoteStore", "open_store", "default_location", "KG", "Variable"]

"""The store as the web pages read it: read-only, fresh, fast.

Embedded stores are opened with ``pyoxigraph.Store.read_only``: a read-only
view is a snapshot of the database as it was when opened, and ingest may be
writing beside it. So the view is reopened when the files on disk change
(checked at most every ``RECHECK_S``); the old view stays valid for requests
that hold it. Each reopen bumps ``version``, which keys every cache.

Pages query pyoxigraph directly (turning results into rdflib terms costs
twenty times the query itself, see kg.export.network.select); a remote store
is read through kg.store.RemoteStore (rdflib over HTTP), one request at a
time, its caches expiring after ``REMOTE_TTL_S``.

Parameters reach SPARQL only as bound terms: ``substitutions`` on Oxigraph,
a VALUES clause added by rdflib on a remote store.
"""

from __future__ import annotations

import os
import threading
import time
from dataclasses import dataclass
from pathlib import Path

from rdflib import Literal as RdfLiteral
from rdflib import URIRef

from ..errors import KgError
from ..namespace import PREFIXES
from ..store import _one_line, is_remote, open_store

RECHECK_S = 1.0
REMOTE_TTL_S = 30.0


@dataclass(frozen=True)
class Iri:
    """A term bound into a query as an IRI (a plain ``str`` binds as a literal)."""

    value: str


def fingerprint(path: Path) -> tuple:
    """Changes whenever RocksDB writes: new or grown log and table files, a new MANIFEST."""
    out = []
    try:
        with os.scandir(path) as it:
            for e in it:
                if e.name.endswith((".log", ".sst")) or e.name.startswith(("MANIFEST", "CURRENT")):
                    st = e.stat()
                    out.append((e.name, st.st_size, st.st_mtime_ns))
    except OSError:
        return ()
    return tuple(sorted(out))


class Source:
    """Read access for the pages. ``rows`` returns tuples of plain strings (None when unbound)."""

    location: str
    remote: bool

    def rows(self, query: str, bindings: dict | None = None) -> list[tuple]:
        raise NotImplementedError

    @property
    def version(self) -> int:
        raise NotImplementedError

    def close(self) -> None:
        pass


class EmbeddedSource(Source):
    remote = False

    def __init__(self, path: str):
        import pyoxigraph as ox

        self._ox = ox
        self.location = str(path)
        self.path = Path(path)
        if not (self.path / "CURRENT").exists():
            raise KgError(f"no store at {path}: run 'kg ingest' first, or pass --store / set KG_STORE")
        self._lock = threading.Lock()
        self._version = 0
        self._checked = 0.0
        self._print = fingerprint(self.path)
        self._store = self._open()

    def _open(self):
        try:
            return self._ox.Store.read_only(str(self.path))
        except (OSError, RuntimeError) as exc:
            raise KgError(f"cannot open store {self.location}: {_one_line(exc)}") from None

    def store(self):
        """The current read-only view, reopened if the store changed on disk."""
        now = time.monotonic()
        if now - self._checked < RECHECK_S:
            return self._store
        with self._lock:
            if now - self._checked >= RECHECK_S:
                fp = fingerprint(self.path)
                if fp != self._print:
                    try:
                        self._store = self._open()
                    except KgError:
                        pass  # a writer mid-way through creating files: keep the last good view
                    else:
                        self._print = fp
                        self._version += 1
                self._checked = time.monotonic()
        return self._store

    @property
    def version(self) -> int:
        self.store()
        return self._version

    def rows(self, query: str, bindings: dict | None = None) -> list[tuple]:
        ox = self._ox
        subs = {ox.Variable(k): _ox_term(ox, v) for k, v in (bindings or {}).items()}
        try:
            res = self.store().query(query, prefixes=PREFIXES, use_default_graph_as_union=True, substitutions=subs)
            return [tuple(None if t is None else t.value for t in sol) for sol in res]
        except (OSError, SyntaxError, ValueError) as exc:
            raise KgError(f"query failed: {_one_line(exc)}") from None

    def kg_store(self):
        """The current view as a kg.store.EmbeddedStore, for library code that takes one (kg.export)."""
        from oxrdflib import OxigraphStore
        from rdflib import Dataset

        from ..store import EmbeddedStore

        st = EmbeddedStore.__new__(EmbeddedStore)  # wraps the open view; opens nothing
        st.location, st.read_only, st.ox = self.location, True, self.store()
        st.dataset = Dataset(store=OxigraphStore(store=st.ox), default_union=True)
        return st

    def close(self) -> None:
        self._store = None


def _ox_term(ox, value):
    if isinstance(value, Iri):
        return ox.NamedNode(value.value)
    if isinstance(value, bool):
        return ox.Literal(str(value).lower(), datatype=ox.NamedNode("http://www.w3.org/2001/XMLSchema#boolean"))
    if isinstance(value, int):
        return ox.Literal(str(value), datatype=ox.NamedNode("http://www.w3.org/2001/XMLSchema#integer"))
    return ox.Literal(str(value))


class RemoteSource(Source):
    remote = True

    def __init__(self, url: str, timeout: float):
        self.location = url
        self.store = open_store(url, read_only=True, timeout=timeout)
        self._lock = threading.Lock()  # rdflib's SPARQL client is not documented as thread-safe
        self._born = time.monotonic()

    @property
    def version(self) -> int:
        # No cheap way to see a remote change: caches expire instead.
        return int((time.monotonic() - self._born) // REMOTE_TTL_S)

    def rows(self, query: str, bindings: dict | None = None) -> list[tuple]:
        b = {k: URIRef(v.value) if isinstance(v, Iri) else RdfLiteral(v) for k, v in (bindings or {}).items()}
        with self._lock:
            res = self.store.query(query, b)
            return [tuple(None if t is None else str(t) for t in row) for row in res]

    def close(self) -> None:
        self.store.close()


def open_source(location: str, *, timeout: float = 30.0) -> Source:
    if is_remote(location):
        return RemoteSource(location, timeout)
    return EmbeddedSource(location)

"""What a query worker process does: open the store read-only, run one
SPARQL query at a time, and answer with the serialised result.

Runs in a child process (kg.serve.pool) so that a query past its time limit
can be stopped by killing the process: neither pyoxigraph nor rdflib can stop
a running query, and a thread cannot be killed. The child is started with
``spawn``: no RocksDB handle or server thread crosses into it.
"""

from __future__ import annotations

import io
import resource
import urllib.error
import urllib.parse
import urllib.request
from dataclasses import dataclass, field

from ..errors import KgError
from ..namespace import PREFIXES, sparql_prefixes
from ..store import _one_line, is_remote

# result format name -> (media type, kind of result it serialises)
RESULT_TYPES = {
    "json": ("application/sparql-results+json", "solutions"),
    "xml": ("application/sparql-results+xml", "solutions"),
    "csv": ("text/csv", "solutions"),
    "tsv": ("text/tab-separated-values", "solutions"),
    "turtle": ("text/turtle", "graph"),
    "ntriples": ("application/n-triples", "graph"),
    "jsonld": ("application/ld+json", "graph"),
    "rdfxml": ("application/rdf+xml", "graph"),
}
# A query whose answer is bigger than this is stopped with a message: the
# server holds the answer in memory twice (worker and server) before sending.
MAX_ANSWER_BYTES = 256 * 1024 * 1024
# Address space of a worker: a runaway CONSTRUCT fails alone instead of
# taking the machine's memory.
MEMORY_LIMIT = 4 * 1024**3


@dataclass
class Job:
    query: str
    solutions_format: str = "json"
    graph_format: str = "turtle"
    default_graphs: list[str] = field(default_factory=list)
    named_graphs: list[str] = field(default_factory=list)


@dataclass
class Answer:
    status: int  # 200, or an HTTP error status
    media_type: str
    body: bytes
    form: str = ""  # solutions | boolean | graph (200 only)


def _error(status: int, message: str) -> Answer:
    return Answer(status, "text/plain; charset=utf-8", message.encode("utf-8"))


class Runner:
    """Runs jobs against one store location (a path, or a SPARQL server URL)."""

    def __init__(self, location: str, timeout: float):
        self.location = location
        self.timeout = timeout
        self.source = None
        if not is_remote(location):
            from .source import EmbeddedSource

            self.source = EmbeddedSource(location)

    def run(self, job: Job) -> Answer:
        try:
            if self.source is None:
                return self._remote(job)
            return self._embedded(job)
        except KgError as exc:
            return _error(500, str(exc))
        except MemoryError:
            return _error(500, "query needs more memory than a query may use: narrow it or add LIMIT")

    def _embedded(self, job: Job) -> Answer:
        import pyoxigraph as ox

        kwargs = {}
        if job.default_graphs:
            kwargs["default_graph"] = [ox.NamedNode(g) for g in job.default_graphs]
        else:
            kwargs["use_default_graph_as_union"] = True
        if job.named_graphs:
            kwargs["named_graphs"] = [ox.NamedNode(g) for g in job.named_graphs]
        try:
            result = self.source.store().query(job.query, prefixes=PREFIXES, **kwargs)
        except SyntaxError as exc:
            return _error(400, f"query parse error: {_one_line(exc)}")
        except ValueError as exc:  # e.g. an invalid IRI in default-graph-uri
            return _error(400, _one_line(exc))
        except OSError as exc:
            return _error(500, f"query failed: {_one_line(exc)}")
        buf = io.BytesIO()
        try:
            if isinstance(result, ox.QueryBoolean):
                form, fmt = "boolean", job.solutions_format
                result.serialize(buf, format=_results_format(ox, fmt))
            elif isinstance(result, ox.QuerySolutions):
                form, fmt = "solutions", job.solutions_format
                result.serialize(buf, format=_results_format(ox, fmt))
            else:
                form, fmt = "graph", job.graph_format
                # ox.serialize takes prefixes (QueryTriples.serialize does not): Turtle reads better with ours
                ox.serialize(result, buf, _rdf_format(ox, fmt), prefixes=_graph_prefixes(fmt))
        except OSError as exc:
            return _error(500, f"query failed: {_one_line(exc)}")
        body = buf.getvalue()
        if len(body) > MAX_ANSWER_BYTES:
            return _error(413, f"the answer is over {MAX_ANSWER_BYTES // 2**20} MB: add LIMIT or narrow the query")
        return Answer(200, _media(fmt), body, form)

    def _remote(self, job: Job) -> Answer:
        """Forward to the SPARQL server: its own serialisers, its own parser messages."""
        base = self.location.rstrip("/")
        url = base if base.endswith(("/query", "/sparql")) else base + "/query"
        # the server does not know kg's predeclared prefixes: declare them (a query may redeclare them)
        params = [("query", sparql_prefixes() + job.query)] + [("default-graph-uri", g) for g in job.default_graphs]
        params += [("named-graph-uri", g) for g in job.named_graphs]
        accept = ", ".join(_media(f) for f in (job.solutions_format, job.graph_format))
        req = urllib.request.Request(
            url,
            data=urllib.parse.urlencode(params).encode(),
            method="POST",
            headers={"Accept": accept, "Content-Type": "application/x-www-form-urlencoded"},
        )
        try:
            with urllib.request.urlopen(req, timeout=self.timeout + 5) as r:
                body = r.read(MAX_ANSWER_BYTES + 1)
                ctype = r.headers.get("Content-Type", "application/octet-stream")
        except urllib.error.HTTPError as exc:
            text = exc.read(4000).decode("utf-8", "replace").strip()
            return _error(
                400 if exc.code == 400 else 502,
                f"SPARQL server answered {exc.code}: {_one_line(text) if text else exc.reason}",
            )
        except (urllib.error.URLError, OSError) as exc:
            return _error(502, f"cannot reach SPARQL server {url}: {_one_line(exc)}")
        if len(body) > MAX_ANSWER_BYTES:
            return _error(413, f"the answer is over {MAX_ANSWER_BYTES // 2**20} MB: add LIMIT or narrow the query")
        kind = ctype.split(";")[0].strip()
        form = "solutions" if kind in {_media(f) for f in ("json", "xml", "csv", "tsv")} else "graph"
        if form == "solutions" and b'"boolean"' in body[:200]:
            form = "boolean"
        return Answer(200, ctype, body, form)


def _media(fmt: str) -> str:
    return RESULT_TYPES[fmt][0]


def _results_format(ox, fmt: str):
    return {
        "json": ox.QueryResultsFormat.JSON,
        "xml": ox.QueryResultsFormat.XML,
        "csv": ox.QueryResultsFormat.CSV,
        "tsv": ox.QueryResultsFormat.TSV,
    }[fmt]


def _rdf_format(ox, fmt: str):
    return {
        "turtle": ox.RdfFormat.TURTLE,
        "ntriples": ox.RdfFormat.N_TRIPLES,
        "jsonld": ox.RdfFormat.JSON_LD,
        "rdfxml": ox.RdfFormat.RDF_XML,
    }[fmt]


def _graph_prefixes(fmt: str) -> dict | None:
    # Turtle and RDF/XML read better with the project's prefixes; N-Triples has none.
    return dict(PREFIXES) if fmt in ("turtle", "rdfxml") else None


def main(conn, location: str, timeout: float) -> None:
    """Worker process entry point: answer jobs from ``conn`` until it closes."""
    try:
        resource.setrlimit(resource.RLIMIT_AS, (MEMORY_LIMIT, MEMORY_LIMIT))
    except (ValueError, OSError):
        pass
    try:
        runner = Runner(location, timeout)
    except KgError as exc:
        conn.send(("failed", str(exc)))
        return
    conn.send(("ready", ""))
    while True:
        try:
            job = conn.recv()
        except (EOFError, OSError):
            return
        try:
            answer = runner.run(job)
        except Exception as exc:  # noqa: BLE001 - a bug must not kill the worker: report it as a 500
            answer = _error(500, f"internal error: {type(exc).__name__}: {_one_line(exc)}")
        conn.send(answer)

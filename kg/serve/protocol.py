"""The SPARQL 1.1 Protocol at /sparql: query via GET, POST form or POST
``application/sparql-query``; results by content negotiation; updates refused.

https://www.w3.org/TR/sparql11-protocol/ -- what a client may send:
  GET  /sparql?query=...[&default-graph-uri=...][&named-graph-uri=...]
  POST /sparql  (application/x-www-form-urlencoded: query=...)
  POST /sparql  (application/sparql-query: the query as the body)
``format=json|xml|csv|tsv|turtle|ntriples|jsonld|rdfxml`` overrides the
Accept header (for links and downloads).
"""

from __future__ import annotations

from dataclasses import dataclass

from starlette.requests import Request
from starlette.responses import PlainTextResponse, RedirectResponse, Response

from ..errors import KgError
from ..query import _PROLOGUE, _QUERY_WORDS, _UPDATE_WORDS
from .pool import PoolBusy, QueryTimeout
from .worker import RESULT_TYPES, Job

MAX_QUERY_BYTES = 1024 * 1024

# media type -> format name, for each kind of result
SOLUTION_TYPES = {  # the first is the default; text/* picks CSV
    "application/sparql-results+json": "json",
    "application/json": "json",
    "text/csv": "csv",
    "text/tab-separated-values": "tsv",
    "application/sparql-results+xml": "xml",
    "application/xml": "xml",
    "text/xml": "xml",
}
GRAPH_TYPES = {
    "text/turtle": "turtle",
    "application/x-turtle": "turtle",
    "application/n-triples": "ntriples",
    "text/plain": "ntriples",
    "application/ld+json": "jsonld",
    "application/json": "jsonld",
    "application/rdf+xml": "rdfxml",
    "application/xml": "rdfxml",
}
FORMAT_ALIASES = {"nt": "ntriples", "n-triples": "ntriples", "ttl": "turtle", "json-ld": "jsonld", "rdf": "rdfxml"}


class ProtocolError(Exception):
    def __init__(self, status: int, message: str):
        super().__init__(message)
        self.status = status


def parse_accept(header: str | None) -> list[tuple[str, float]]:
    """Media ranges by preference (q, then specificity), e.g. [("text/csv", 1.0), ("*/*", 0.1)]."""
    out = []
    for i, part in enumerate((header or "*/*").split(",")):
        fields = [f.strip() for f in part.split(";")]
        if not fields[0]:
            continue
        q = 1.0
        for f in fields[1:]:
            k, _, v = f.partition("=")
            if k.strip().lower() == "q":
                try:
                    q = float(v)
                except ValueError:
                    q = 0.0
        out.append((fields[0].lower(), q, -fields[0].count("*"), -i))
    out.sort(key=lambda t: (t[1], t[2], t[3]), reverse=True)
    return [(m, q) for m, q, _, _ in out if q > 0]


def negotiate(accept: str | None, offers: dict[str, str]) -> str | None:
    """The format name of the best offer for ``accept``; the first offer for */*; None if nothing fits."""
    default = next(iter(offers.values()))
    for media, _q in parse_accept(accept):
        if media in offers:
            return offers[media]
        if media == "*/*":
            return default
        if media.endswith("/*"):
            prefix = media[:-1]
            for m, f in offers.items():
                if m.startswith(prefix):
                    return f
    return None


def wants_html(accept: str | None) -> bool:
    """A browser's Accept (text/html first) rather than a SPARQL client's."""
    for media, _q in parse_accept(accept):
        if media in ("text/html", "application/xhtml+xml"):
            return True
        if media in SOLUTION_TYPES or media in GRAPH_TYPES or media == "*/*":
            return False
    return False


def keyword(query: str) -> str:
    rest = query[_PROLOGUE.match(query).end() :]
    word = ""
    for ch in rest:
        if not ch.isalpha():
            break
        word += ch
    return word.upper()


@dataclass
class Params:
    query: str | None
    update: str | None
    default_graphs: list[str]
    named_graphs: list[str]
    fmt: str | None


async def read_params(request: Request) -> Params:
    q = request.query_params
    query, update = q.get("query"), q.get("update")
    dg, ng = q.getlist("default-graph-uri"), q.getlist("named-graph-uri")
    fmt = q.get("format")
    if request.method == "POST":
        ctype = request.headers.get("content-type", "").split(";")[0].strip().lower()
        if ctype == "application/sparql-query":
            body = await _body(request)
            query = body.decode("utf-8", "replace")
        elif ctype == "application/sparql-update":
            update = (await _body(request)).decode("utf-8", "replace") or "(update)"
        elif ctype in ("application/x-www-form-urlencoded", "multipart/form-data"):
            form = await request.form(max_part_size=MAX_QUERY_BYTES)
            query = form.get("query", query)
            update = form.get("update", update)
            dg += form.getlist("default-graph-uri")
            ng += form.getlist("named-graph-uri")
            fmt = form.get("format", fmt)
        else:
            raise ProtocolError(
                415, "POST needs Content-Type application/x-www-form-urlencoded or application/sparql-query"
            )
    return Params(query, update, dg, ng, fmt)


async def _body(request: Request) -> bytes:
    body = b""
    async for chunk in request.stream():
        body += chunk
        if len(body) > MAX_QUERY_BYTES:
            raise ProtocolError(413, f"query text over {MAX_QUERY_BYTES // 1024} KB")
    return body


def make_job(p: Params, accept: str | None) -> Job:
    if p.update is not None:
        raise ProtocolError(403, "SPARQL updates are refused: this endpoint is read-only")
    if p.query is None or not p.query.strip():
        raise ProtocolError(
            400, "missing query: send query=... (GET or POST form) or a POST body of type application/sparql-query"
        )
    if len(p.query.encode("utf-8")) > MAX_QUERY_BYTES:
        raise ProtocolError(413, f"query text over {MAX_QUERY_BYTES // 1024} KB")
    word = keyword(p.query)
    if word in _UPDATE_WORDS:
        raise ProtocolError(403, "SPARQL updates are refused: this endpoint is read-only")
    job = Job(p.query, default_graphs=list(p.default_graphs), named_graphs=list(p.named_graphs))
    if p.fmt:
        fmt = FORMAT_ALIASES.get(p.fmt.lower(), p.fmt.lower())
        if fmt not in RESULT_TYPES:
            raise ProtocolError(400, f"unknown format '{p.fmt}': valid: {', '.join(RESULT_TYPES)}")
        if RESULT_TYPES[fmt][1] == "solutions":
            job.solutions_format = fmt
        else:
            job.graph_format = fmt
        return job
    sol = negotiate(accept, SOLUTION_TYPES)
    graph = negotiate(accept, GRAPH_TYPES)
    if word in _QUERY_WORDS:
        needed = graph if word in ("CONSTRUCT", "DESCRIBE") else sol
        if needed is None:
            raise ProtocolError(406, f"cannot answer a {word} query in any type the Accept header allows: {accept}")
    job.solutions_format = sol or "json"
    job.graph_format = graph or "turtle"
    return job


async def sparql_endpoint(request: Request) -> Response:
    from starlette.concurrency import run_in_threadpool

    app = request.app.state.kg
    accept = request.headers.get("accept")
    try:
        params = await read_params(request)
        if request.method == "GET" and params.query is None and params.update is None and wants_html(accept):
            return RedirectResponse("/query", status_code=303)
        if request.method == "GET" and params.query is not None and params.fmt is None and wants_html(accept):
            # a browser following a link: show the query and its results as a page
            from urllib.parse import urlencode

            return RedirectResponse("/query?" + urlencode({"query": params.query}), status_code=303)
        job = make_job(params, accept)
    except ProtocolError as exc:
        return PlainTextResponse(str(exc), status_code=exc.status)
    try:
        answer = await run_in_threadpool(app.pool.run, job)
    except QueryTimeout as exc:
        return PlainTextResponse(str(exc), status_code=503)
    except PoolBusy as exc:
        return PlainTextResponse(str(exc), status_code=503, headers={"Retry-After": "5"})
    except KgError as exc:
        return PlainTextResponse(str(exc), status_code=500)
    headers = {"Vary": "Accept"}
    if params.fmt:
        ext = {"json": "srj", "xml": "srx", "ntriples": "nt", "turtle": "ttl", "rdfxml": "rdf"}.get(
            params.fmt, params.fmt
        )
        headers["Content-Disposition"] = f'inline; filename="query.{ext}"'
    return Response(answer.body, status_code=answer.status, media_type=answer.media_type, headers=headers)

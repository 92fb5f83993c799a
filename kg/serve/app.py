"""The web application (Starlette): routes, the page renderer (HTML, .json,
.csv), security headers and server timing.

Pages are plain synchronous functions run in Starlette's thread pool (they
read the store; pyoxigraph reads are thread-safe). Every response carries a
Content-Security-Policy that allows only the site's own scripts and styles
(no inline script: text from an article can never become code), and a
``Server-Timing`` header with the time spent (what bench/serve.py reads).
"""

from __future__ import annotations

import json
import time
from dataclasses import dataclass
from importlib import resources
from urllib.parse import urlencode

from starlette.applications import Starlette
from starlette.concurrency import run_in_threadpool
from starlette.middleware import Middleware
from starlette.middleware.trustedhost import TrustedHostMiddleware
from starlette.requests import Request
from starlette.responses import HTMLResponse, PlainTextResponse, RedirectResponse, Response
from starlette.routing import Mount, Route
from starlette.staticfiles import StaticFiles

from .. import __version__
from ..errors import KgError
from .catalogue import Catalogues
from .page import ID_BASE, BadRequest, NotFound, Page, cell_text, iri_for, path_for, to_csv, to_json, with_format
from .pool import QueryPool
from .protocol import sparql_endpoint
from .source import Source
from .views import article, entity, home, listing, netmap, query, resource, statement

CSP = (
    "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; connect-src 'self'; "
    "font-src 'self' data:; frame-src 'self'; frame-ancestors 'self'; form-action 'self'; base-uri 'none'"
)
NAV = [
    ("home", "/", "Who denied what"),
    ("articles", "/articles", "Articles"),
    ("entities", "/entities", "People & organisations"),
    ("map", "/map", "Network map"),
    ("query", "/query", "SPARQL query"),
    ("yasgui", "/yasgui", "YASGUI"),
]


@dataclass
class State:
    source: Source
    catalogues: Catalogues
    pool: QueryPool
    maps: netmap.MapCache
    templates: object
    location: str


def _templates():
    from jinja2 import Environment, PackageLoader, select_autoescape

    env = Environment(
        loader=PackageLoader("kg.serve", "templates"),
        autoescape=select_autoescape(["html"]),
        trim_blocks=True,
        lstrip_blocks=True,
    )
    env.filters["cell"] = cell_text
    env.filters["path"] = path_for
    env.globals["version"] = __version__
    env.globals["nav"] = NAV
    return env


def render(request: Request, page: Page, fmt: str | None, status: int = 200) -> Response:
    st: State = request.app.state.kg
    if fmt == "json":
        return Response(to_json(page), status, media_type="application/json; charset=utf-8")
    if fmt == "csv":
        name = (request.url.path.rstrip("/").rsplit("/", 1)[-1] or "index").rsplit(".", 1)[0]
        return Response(
            to_csv(page),
            status,
            media_type="text/csv; charset=utf-8",
            headers={"Content-Disposition": f'attachment; filename="{name}.csv"'},
        )
    path = request.url.path.rsplit(".", 1)[0] if fmt else request.url.path
    qs = request.url.query
    ctx = {
        "page": page,
        "request_path": path,
        "store": st.location,
        "json_url": with_format(path, "json", qs),
        "csv_url": with_format(path, "csv", qs) if page.table else None,
        "sparql_url": "/query?" + urlencode({"query": page.sparql}) if page.sparql else None,
        **page.context,
    }
    html = st.templates.get_template(page.template).render(**ctx)
    return HTMLResponse(html, status)


def _split_format(path: str) -> tuple[str, str | None]:
    for ext in ("json", "csv"):
        if path.endswith("." + ext):
            return path[: -len(ext) - 1], ext
    return path, None


def _params(request: Request) -> dict[str, str]:
    return {k: v for k, v in request.query_params.items()}


def _error_page(request: Request, status: int, message: str, fmt: str | None) -> Response:
    if fmt == "json":
        return Response(json.dumps({"error": message}), status, media_type="application/json")
    if fmt == "csv":
        return PlainTextResponse(message, status)
    page = Page("Not found" if status == 404 else "Error", "error.html", context={"message": message, "status": status})
    return render(request, page, None, status)


def page_route(view):
    """A route whose view returns a Page; ``.json``/``.csv`` suffixes select the format."""

    async def endpoint(request: Request) -> Response:
        _path, fmt = _split_format(request.url.path)
        try:
            page = await run_in_threadpool(view, request.app.state.kg, request)
            if isinstance(page, Response):
                return page
            return render(request, page, fmt)
        except NotFound as exc:
            return _error_page(request, 404, str(exc), fmt)
        except (BadRequest, KgError) as exc:
            return _error_page(request, 400, str(exc), fmt)

    return endpoint


def v_home(st: State, request: Request):
    return home.home(st.catalogues.get(), _params(request))


def v_articles(st: State, request: Request):
    return listing.articles(st.catalogues.get(), _params(request))


def v_entities(st: State, request: Request):
    return listing.entities(st.catalogues.get(), _params(request))


def v_id(st: State, request: Request):
    path, _fmt = _split_format(request.path_params["rest"])
    iri = iri_for(path)
    cat = st.catalogues.get()
    first = path.split("/", 1)[0]
    if iri in cat.agents:
        return entity.entity(st.source, cat, iri, "/id/" + path, _params(request))
    if first == "article":
        return article.article(st.source, cat, iri)
    if first == "statement":
        return statement.statement(st.source, cat, iri)
    if first == "span":
        parts = path.split("/")
        if len(parts) == 3:
            return RedirectResponse(f"/id/article/{parts[1]}#chars-{parts[2]}", 303)
    return resource.resource(st.source, cat, iri)


def v_map(st: State, request: Request):
    return netmap.map_page(st.source, st.catalogues.get(), st.maps, _params(request))


async def map_embed(request: Request) -> Response:
    st: State = request.app.state.kg
    try:
        opts = netmap.options(st.catalogues.get(), _params(request))
        html, hashes = await run_in_threadpool(netmap.render_map, st.source, st.catalogues.get(), st.maps, opts)
    except (KgError, BadRequest) as exc:
        return _error_page(request, 400, str(exc), None)
    # The export inlines vis-network and its data: allow exactly those scripts (by hash), nothing else.
    csp = (
        f"default-src 'none'; script-src {hashes}; style-src 'unsafe-inline'; img-src data:; "
        "frame-ancestors 'self'; base-uri 'none'; form-action 'none'"
    )
    return HTMLResponse(html, headers={"Content-Security-Policy": csp})


def v_query(st: State, request: Request, form: dict | None = None):
    params = {**_params(request), **(form or {})}
    fmt = params.pop("format", "")
    if fmt:
        answer = query.download(st.catalogues.get(), st.pool, params, fmt)
        headers = {}
        if answer.status == 200:
            ext = {"json": "srj", "xml": "srx", "ntriples": "nt", "turtle": "ttl", "jsonld": "jsonld"}.get(fmt, fmt)
            headers["Content-Disposition"] = f'attachment; filename="{params.get("name") or "query"}.{ext}"'
        return Response(answer.body, answer.status, media_type=answer.media_type, headers=headers)
    return query.query_page(st.catalogues.get(), st.pool, params)


async def query_route(request: Request) -> Response:
    form = None
    if request.method == "POST":
        form = {k: v for k, v in (await request.form()).items() if isinstance(v, str)}
    _path, fmt = _split_format(request.url.path)
    try:
        page = await run_in_threadpool(v_query, request.app.state.kg, request, form)
    except (BadRequest, KgError) as exc:
        return _error_page(request, 400, str(exc), fmt or None)
    if isinstance(page, Response):
        return page
    return render(request, page, fmt)


async def yasgui(request: Request) -> Response:
    st: State = request.app.state.kg
    html = st.templates.get_template("yasgui.html").render(
        page=Page("YASGUI", "yasgui.html", kind="yasgui"), store=st.location, request_path="/yasgui"
    )
    return HTMLResponse(html)


async def favicon(request: Request) -> Response:
    return RedirectResponse("/static/favicon.svg", 301)


def security_headers(app):
    """Content-Security-Policy and friends on every response; Server-Timing with the time taken."""

    async def wrapped(scope, receive, send):
        if scope["type"] != "http":
            return await app(scope, receive, send)
        start = time.perf_counter()

        async def send_with_headers(message):
            if message["type"] == "http.response.start":
                headers = message.setdefault("headers", [])
                names = {k.lower() for k, _ in headers}
                extra = [
                    (b"x-content-type-options", b"nosniff"),
                    (b"referrer-policy", b"no-referrer"),
                    (b"x-frame-options", b"SAMEORIGIN"),
                    (b"cross-origin-opener-policy", b"same-origin"),
                    (b"server-timing", f"app;dur={(time.perf_counter() - start) * 1000:.1f}".encode()),
                ]
                if b"content-security-policy" not in names:
                    extra.append((b"content-security-policy", CSP.encode()))
                headers.extend(extra)
            await send(message)

        return await app(scope, receive, send_with_headers)

    return wrapped


def create_app(state: State, *, allowed_hosts: list[str] | None = None) -> Starlette:
    static = str(resources.files("kg.serve") / "static")
    routes = [
        Route("/", page_route(v_home)),
        Route("/index.json", page_route(v_home)),
        Route("/index.csv", page_route(v_home)),
        *[Route(f"/articles{ext}", page_route(v_articles)) for ext in ("", ".json", ".csv")],
        *[Route(f"/entities{ext}", page_route(v_entities)) for ext in ("", ".json", ".csv")],
        Route("/id/{rest:path}", page_route(v_id)),
        Route("/map", page_route(v_map)),
        Route("/map.json", page_route(v_map)),
        Route("/map/embed", map_embed),
        Route("/query", query_route, methods=["GET", "POST"]),
        Route("/query.json", query_route, methods=["GET", "POST"]),
        Route("/query.csv", query_route, methods=["GET", "POST"]),
        Route("/sparql", sparql_endpoint, methods=["GET", "POST"]),
        Route("/yasgui", yasgui),
        Route("/favicon.ico", favicon),
        Mount("/static", StaticFiles(directory=static), name="static"),
    ]
    middleware = [Middleware(TrustedHostMiddleware, allowed_hosts=allowed_hosts or ["*"])]
    app = Starlette(routes=routes, middleware=middleware)
    app.state.kg = state
    return security_headers(app)


__all__ = ["create_app", "State", "ID_BASE"]

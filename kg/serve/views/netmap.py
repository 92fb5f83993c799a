"""The network map: ``kg export html`` (kg.export) for the whole store, one
article, or the ego network around one agent, embedded in a page with the
site's navigation. The map document itself is the export, unchanged; it is
rendered once per store version and set of options, then served from memory.
"""

from __future__ import annotations

import hashlib
import re
from ..catalogue import Catalogue, key as _key
from ..lru import Lru
from ..page import BadRequest, Page
from ..source import EmbeddedSource, Source

CACHE_MAPS = 16
_SCRIPT = re.compile(r"<script>(.*?)</script>", re.S)


class MapCache(Lru):
    """Rendered maps by (store version, options)."""

    def __init__(self):
        super().__init__(CACHE_MAPS)


def options(cat: Catalogue, params: dict) -> dict:
    """focus (agent IRI or name), depth, article (IRI), kinds -> validated options for build_network."""
    out = {"focus": None, "depth": 2, "article": None, "kinds": None, "focus_iri": ""}
    focus = (params.get("focus") or "").strip()
    if focus:
        agent = cat.agents.get(focus)
        if agent is not None:
            out["focus"], out["focus_iri"] = agent.name, agent.iri
        else:
            out["focus"] = focus  # a name or alias: the export resolves it (and names close matches)
    try:
        out["depth"] = int(params.get("depth") or 2)
    except ValueError:
        raise BadRequest("depth must be a whole number") from None
    if not 1 <= out["depth"] <= 6:
        raise BadRequest("depth must be between 1 and 6")
    article = (params.get("article") or "").strip()
    if article:
        out["article"] = article
    kinds = (params.get("kinds") or "").strip()
    if kinds:
        out["kinds"] = kinds
    return out


def _kg_store(src: Source):
    if isinstance(src, EmbeddedSource):
        return src.kg_store()
    return src.store


def _network(src: Source, cat: Catalogue, cache: MapCache, opts: dict):
    """The network for ``opts``: ego networks are cut from the whole store's network, built once per version."""
    from ...export import build_network

    store = _kg_store(src)
    lock = getattr(src, "_lock", None) if src.remote else None

    def build(**kw):
        if lock:
            with lock:
                return build_network(store, **kw)
        return build_network(store, **kw)

    if opts["article"] or not opts["focus"]:
        return build(kinds=opts["kinds"], article=opts["article"], focus=opts["focus"], depth=opts["depth"])
    from ...query import resolve_name

    name = cat.agents[opts["focus_iri"]].name if opts["focus_iri"] else resolve_name(store, opts["focus"])
    full = cache.get((cat.version, "network", opts["kinds"]), lambda: build(kinds=opts["kinds"]))
    from ...export.network import ego_network

    return ego_network(full, name, opts["depth"], opts["focus"])


def render_map(src: Source, cat: Catalogue, cache: MapCache, opts: dict) -> tuple[str, str]:
    """(HTML of the export, CSP script-src hashes of its inline scripts)."""
    from ...export import render_html
    from ...export.formats import page_title

    key = (cat.version, opts["focus"], opts["depth"], opts["article"], opts["kinds"])

    def make():
        G = _network(src, cat, cache, opts)
        html = render_html(G, title=page_title(G))
        hashes = " ".join(
            "'sha256-" + _b64(hashlib.sha256(m.group(1).encode("utf-8")).digest()) + "'" for m in _SCRIPT.finditer(html)
        )
        return html, hashes

    return cache.get(key, make)


def _b64(b: bytes) -> str:
    import base64

    return base64.b64encode(b).decode("ascii")


def map_page(src: Source, cat: Catalogue, cache: MapCache, params: dict) -> Page:
    opts = options(cat, params)
    # The frame page only checks the options; the map itself is drawn by /map/embed (cached per store version).
    error = ""
    if opts["focus"] and not opts["focus_iri"]:
        from .query import resolve

        try:
            name = resolve(cat, opts["focus"])
            opts["focus_iri"] = next(i for i in sorted(cat.by_label.get(_key(name), ())) if cat.agents[i].name == name)
        except (BadRequest, StopIteration) as exc:
            error = str(exc) or f"unknown name '{opts['focus']}'"
    if opts["article"] and opts["article"] not in cat.articles:
        error = f"unknown article '{opts['article']}': give an article IRI (see /articles)"
    size = 0
    from urllib.parse import urlencode

    q = {k: params.get(k) for k in ("focus", "depth", "article", "kinds") if params.get(k)}
    art = cat.articles.get(opts["article"] or "")
    focus_agent = cat.agents.get(opts["focus_iri"]) if opts["focus_iri"] else None
    if opts["focus"]:
        title = f"Network around {focus_agent.name if focus_agent else opts['focus']}"
    elif art:
        title = f"Network of “{art.headline}”"
    else:
        title = "Network map"
    return Page(
        title,
        "map.html",
        context={
            "embed": "/map/embed" + ("?" + urlencode(q) if q else ""),
            "opts": opts,
            "error": error,
            "focus_agent": focus_agent,
            "article": art,
            "size": size,
            "depths": range(1, 7),
            "params": q,
        },
        data={
            "options": {k: v for k, v in opts.items() if v},
            "error": error,
            "embed": "/map/embed" + ("?" + urlencode(q) if q else ""),
        },
        kind="map",
    )

"""The lists: articles (by date and publisher) and people, organisations and
accounts (by how often they appear), filtered and paged."""

from __future__ import annotations

from ..catalogue import Catalogue, key
from ..page import Page, Table, link, page_window, pager, term

ARTICLES_SPARQL = """SELECT ?article ?headline ?date ?publisher ?source WHERE {
  GRAPH ?article { ?article a kg:Article ; kg:sourcePath ?source .
    OPTIONAL { ?article schema:headline ?headline } OPTIONAL { ?article schema:datePublished ?date }
    OPTIONAL { ?article schema:publisher/schema:name ?publisher } }%s
}
ORDER BY DESC(?date) ?headline
"""
ENTITIES_SPARQL = """SELECT ?agent ?kind ?name (COUNT(DISTINCT ?g) AS ?articles) WHERE {
  GRAPH ?g { ?agent a ?class ; schema:name ?name . ?g schema:mentions ?agent .
    VALUES (?class ?kind) { (kg:Person "person") (kg:Organization "organization") (kg:Account "account") } }%s
}
GROUP BY ?agent ?kind ?name
ORDER BY DESC(?articles) ?name
"""
KINDS = ("person", "organization", "account")


def articles(cat: Catalogue, params: dict) -> Page:
    q, pub, month = (params.get(k, "").strip() for k in ("q", "publisher", "month"))
    rows = cat.article_order()
    if pub:
        rows = [a for a in rows if (a.publisher or "(unknown)") == pub]
    if month:
        rows = [a for a in rows if (a.month or "undated") == month]
    if q:
        k = key(q)
        rows = [a for a in rows if k in key(a.headline) or k in key(a.source)]
    offset, size = page_window(params, len(rows))
    shown = rows[offset : offset + size]
    table = Table(
        ["article", "date", "publisher", "source"],
        [[link(a.headline, a.iri), a.date, a.publisher, a.source] for a in shown],
        total=len(rows),
        name="articles",
    )
    conds = []
    if pub:
        conds.append(f"  FILTER(STR(?publisher) = {term(pub)})")
    if month:
        conds.append(f"  FILTER(STRSTARTS(STR(?date), {term(month)}))")
    if q:
        conds.append(f'  FILTER(CONTAINS(LCASE(CONCAT(STR(?headline), " ", ?source)), LCASE({term(q)})))')
    active = {k: v for k, v in (("q", q), ("publisher", pub), ("month", month)) if v}
    return Page(
        "Articles",
        "articles.html",
        context={
            "filters": {"q": q, "publisher": pub, "month": month},
            "active": active,
            "publishers": cat.by_publisher(),
            "months": cat.by_month(),
            "pager": pager({**active, "size": params.get("size")}, len(rows), offset, size, "/articles"),
        },
        table=table,
        data={"filters": active, "offset": offset, "size": size},
        sparql=ARTICLES_SPARQL % ("\n" + "\n".join(conds) if conds else ""),
        kind="articles",
    )


def entities(cat: Catalogue, params: dict) -> Page:
    q, kind = params.get("q", "").strip(), params.get("kind", "").strip()
    rows = list(cat.agents.values())
    if kind in KINDS:
        rows = [a for a in rows if a.kind == kind]
    else:
        kind = ""
    if q:
        k = key(q)
        rows = [a for a in rows if any(k in key(n) for n in [a.name, *a.aliases])]
    rows.sort(key=lambda a: (-a.articles, -a.statements, a.name.casefold(), a.iri))
    offset, size = page_window(params, len(rows))
    shown = rows[offset : offset + size]
    table = Table(
        ["name", "kind", "aliases", "articles", "statements"],
        [[link(a.name, a.iri), a.kind, "; ".join(a.aliases), a.articles, a.statements] for a in shown],
        total=len(rows),
        name="entities",
    )
    conds = []
    if kind:
        conds.append(f"  FILTER(?kind = {term(kind)})")
    if q:
        conds.append(f"  FILTER(CONTAINS(LCASE(?name), LCASE({term(q)})))")
    active = {k: v for k, v in (("q", q), ("kind", kind)) if v}
    counts = {k: sum(1 for a in cat.agents.values() if a.kind == k) for k in KINDS}
    return Page(
        "People, organisations and accounts",
        "entities.html",
        context={
            "filters": {"q": q, "kind": kind},
            "active": active,
            "counts": counts,
            "pager": pager({**active, "size": params.get("size")}, len(rows), offset, size, "/entities"),
        },
        table=table,
        data={"filters": active, "offset": offset, "size": size},
        sparql=ENTITIES_SPARQL % ("\n" + "\n".join(conds) if conds else ""),
        kind="entities",
    )

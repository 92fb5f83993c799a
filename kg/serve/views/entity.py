"""A person, organisation or account: names and aliases, roles over time,
accounts with metrics, statements made (by kind), allegations against them,
denials by them and what each denies, and the articles that mention them."""

from __future__ import annotations

from collections import Counter

from ..catalogue import Catalogue
from ..page import NotFound, Page, Table, link, page_window, pager, term
from ..source import Iri, Source
from .facts import FACT_COLUMNS, KIND_ORDER, fact_row, facts, kind_of, reading_order

SECTION_ROWS = 20
SECTIONS = ("statements", "against", "denials", "articles")

STATEMENTS_BY = "SELECT ?x ?s ?class ?g WHERE { GRAPH ?g { ?s kg:speaker ?x ; a ?class ; kg:reportedIn ?g } }"
STATEMENTS_AGAINST = "SELECT ?x ?s ?class ?g WHERE { GRAPH ?g { ?s kg:target ?x ; a ?class ; kg:reportedIn ?g } }"
ROLES = """
SELECT ?x ?g ?title ?org ?member ?exact WHERE { GRAPH ?g {
  { ?m org:member ?x } UNION { ?m org:organization ?x }
  ?m a kg:Membership ; org:member ?member ; org:role/rdfs:label ?title ; kg:reportedIn ?g .
  OPTIONAL { ?m org:organization ?org } OPTIONAL { ?m kg:mention/oa:exact ?exact } } }
"""
ACCOUNTS = """
SELECT ?x ?acc ?g ?holder ?platform ?kind ?handle ?metric ?value WHERE { GRAPH ?g {
  { ?x kg:holdsAccount ?acc } UNION { ?acc kg:holder ?x } UNION { ?x a kg:Account . BIND(?x AS ?acc) }
  OPTIONAL { ?acc kg:holder ?holder } OPTIONAL { ?acc kg:platform ?platform }
  OPTIONAL { ?acc kg:accountKind ?kind } OPTIONAL { ?acc foaf:accountName ?handle }
  OPTIONAL { ?acc kg:metric ?m . ?m kg:metricName ?metric ; kg:value ?value } } }
"""
MENTIONED_IN = "SELECT ?x ?g WHERE { GRAPH ?g { ?g schema:mentions ?x } }"

# "SPARQL for this page": every statement the agent takes part in, with its role in it.
SPARQL = """SELECT ?statement ?kind ?role ?content ?article WHERE {
  VALUES ?x { %s }
  GRAPH ?g {
    { ?statement kg:speaker ?x . BIND("speaker" AS ?role) }
    UNION { ?statement kg:target ?x . BIND("target" AS ?role) }
    ?statement a ?class ; kg:contentText ?content .
    BIND(STRAFTER(STR(?class), "#") AS ?kind)
    OPTIONAL { ?g schema:headline ?article }
  }
}
ORDER BY ?article ?statement
"""


def _section_page(section: str, params: dict) -> dict:
    return params if params.get("section", "statements") == section else {}


def _roles(src: Source, cat: Catalogue, iri: str) -> list[dict]:
    seen, out = set(), []
    for _x, g, title, org, member, exact in src.rows(ROLES, {"x": Iri(iri)}):
        k = (g, title, org, member)
        if k in seen:
            continue
        seen.add(k)
        art = cat.articles.get(g)
        out.append({"title": title, "org": link(cat.name(org, org or ""), org) if org else None,
                    "member": link(cat.name(member, member), member), "as_worded": exact or "",
                    "article": link(art.headline if art else g, g), "date": art.date if art else ""})
    out.sort(key=lambda r: (r["date"] or "9999", r["title"].casefold()))
    return out


def _accounts(src: Source, cat: Catalogue, iri: str) -> list[dict]:
    accs: dict[str, dict] = {}
    for _x, acc, g, holder, platform, kind, handle, metric, value in src.rows(ACCOUNTS, {"x": Iri(iri)}):
        a = accs.setdefault(acc, {"account": link(cat.name(acc, acc.rsplit("/", 1)[-1]), acc), "holder": None,
                                  "platform": "", "kind": "", "handle": "", "metrics": []})
        if holder:
            a["holder"] = link(cat.name(holder, holder), holder)
        a["platform"] = a["platform"] or platform or ""
        a["kind"] = a["kind"] or kind or ""
        a["handle"] = a["handle"] or handle or ""
        if metric:
            art = cat.articles.get(g)
            m = {"name": metric, "value": value, "article": link(art.headline if art else g, g), "date": art.date if art else ""}
            if m not in a["metrics"]:
                a["metrics"].append(m)
    return sorted(accs.values(), key=lambda a: (a["platform"], a["kind"], str(a["account"])))


def _statement_ids(src: Source, query: str, iri: str, kinds=None) -> list[tuple[str, str, str]]:
    rows = {}
    for _x, s, cls, g in src.rows(query, {"x": Iri(iri)}):
        k = kind_of(cls)
        if kinds is None or k in kinds:
            rows[s] = (s, g, k)
    return list(rows.values())


def _fact_table(src, cat, ids, params, section, path) -> dict:
    ids = reading_order(cat, ids)
    sp = _section_page(section, params)
    offset, size = page_window({"page": sp.get("page", 1), "size": sp.get("size", SECTION_ROWS)}, len(ids))
    window = [s for s, _g, _k in ids[offset:offset + size]]
    details = facts(src, window)
    rows = [fact_row(cat, details[s]) for s in window if s in details]
    by_kind = Counter(k for _s, _g, k in ids)
    return {"table": Table(FACT_COLUMNS, rows, total=len(ids), name=section),
            "by_kind": [(k, by_kind[k]) for k in KIND_ORDER if by_kind.get(k)],
            "pager": pager({"section": section, "size": sp.get("size")}, len(ids), offset, size, path)}


def entity(src: Source, cat: Catalogue, iri: str, path: str, params: dict) -> Page:
    agent = cat.agents.get(iri)
    if agent is None:
        raise NotFound(f"no person, organisation or account {iri} in the store")
    made = _fact_table(src, cat, _statement_ids(src, STATEMENTS_BY, iri), params, "statements", path)
    against = _fact_table(src, cat, _statement_ids(src, STATEMENTS_AGAINST, iri, {"allegation", "accusation"}),
                          params, "against", path)
    denials = _fact_table(src, cat, _statement_ids(src, STATEMENTS_BY, iri, {"denial"}), params, "denials", path)
    arts = sorted({g for _x, g in src.rows(MENTIONED_IN, {"x": Iri(iri)})})
    order = {a.iri: i for i, a in enumerate(cat.article_order())}
    arts.sort(key=lambda g: order.get(g, len(order)))
    art_rows = [[link(cat.articles[g].headline, g) if g in cat.articles else link(g, g),
                 cat.articles[g].date if g in cat.articles else "", cat.articles[g].publisher if g in cat.articles else ""]
                for g in arts]
    sections = {"statements": made, "against": against, "denials": denials,
                "articles": {"table": Table(["article", "date", "publisher"], art_rows, total=len(art_rows), name="articles")}}
    section = params.get("section", "statements")
    if section not in SECTIONS:
        section = "statements"
    roles, accounts = _roles(src, cat, iri), _accounts(src, cat, iri)
    return Page(
        agent.name, "entity.html",
        context={"agent": agent, "iri": iri, "roles": roles, "accounts": accounts, "sections": sections,
                 "map_url": f"/map?focus={iri}"},
        table=sections[section]["table"],
        data={"iri": iri, "kind": agent.kind, "name": agent.name, "aliases": agent.aliases, "roles": roles,
              "accounts": accounts, "section": section,
              "sections": {k: {"total": v["table"].total} for k, v in sections.items()}},
        sparql=SPARQL % term(_uri(iri)), kind="entities",
    )


def _uri(iri: str):
    from rdflib import URIRef

    return URIRef(iri)

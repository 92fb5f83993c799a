"""A person, organisation or account: names and aliases, roles over time,
accounts with metrics, legal and institutional outcomes, statements made (by kind), allegations against them,
denials by them and what each denies, and the articles that mention them."""

from __future__ import annotations

from collections import Counter

from ..catalogue import STATEMENT_CLASSES, Catalogue
from ..page import NotFound, Page, Table, link, page_window, pager, term
from ..source import Iri, Source
from .outcomes import outcomes
from .facts import (
    FACT_COLUMNS,
    KIND_ORDER,
    TABLE_FIELDS,
    article_of,
    fact_row,
    facts,
    kind_of,
    properties,
    reading_order,
)

SECTION_ROWS = 15
# Articles are one short row each, so a page shows more of them; a frequent
# person is mentioned in hundreds (767 at 1M triples: 200 KB and ~110 ms of
# rendering when all were listed).
ARTICLE_ROWS = 50
SECTIONS = ("statements", "against", "denials", "articles")

# Only the statement IRIs are read for whole lists (the article is in the IRI:
# kgid:statement/H/sN is reported in kgid:article/H); decoding more terms
# per row is what costs on a big store (~0.1 ms each, docs/performance.md).
STATEMENTS_BY = "SELECT ?x ?s WHERE { GRAPH ?g { ?s kg:speaker ?x } }"
KINDS_BY = (
    "SELECT ?x ?class (COUNT(DISTINCT ?s) AS ?n) WHERE { GRAPH ?g { ?s kg:speaker ?x ; a ?class } } GROUP BY ?x ?class"
)
STATEMENTS_AGAINST = """
SELECT ?x ?s ?class WHERE { GRAPH ?g { ?s kg:target ?x ; a ?class FILTER(?class = kg:Allegation || ?class = kg:Accusation) } }
"""
# Memberships and accounts in two steps (their IRIs, then a query per property):
# one query with a UNION and OPTIONALs took ~0.7 s on a 1M-triple store.
MEMBERSHIPS = "SELECT ?x ?m ?g WHERE { GRAPH ?g { ?m %s ?x ; kg:reportedIn ?g } }"
MEMBERSHIP_PROPS = {
    "title": "org:role/rdfs:label",
    "org": "org:organization",
    "member": "org:member",
    "exact": "kg:mention/oa:exact",
}
ACCOUNT_IDS = "SELECT ?x ?acc WHERE { GRAPH ?g { %s } }"
ACCOUNT_PROPS = {
    "holder": "kg:holder",
    "platform": "kg:platform",
    "kind": "kg:accountKind",
    "handle": "foaf:accountName",
    "metric": "kg:metric",
}
METRIC_PROPS = {
    "name": "kg:metricName",
    "value": "kg:value",
    "article": "kg:reportedIn",
    "date": "kg:date",
    "date_text": "kg:dateText",
}
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
    found = {}
    for pred in ("org:member", "org:organization"):
        for _x, m, g in src.rows(MEMBERSHIPS % pred, {"x": Iri(iri)}):
            found[m] = g
    props = properties(src, list(found), MEMBERSHIP_PROPS)
    seen, out = set(), []
    for m, g in found.items():
        p = props.get(m, {})
        title, org, member = (p.get(k, [None])[0] for k in ("title", "org", "member"))
        if title is None or (g, title, org, member) in seen:
            continue
        seen.add((g, title, org, member))
        art = cat.articles.get(g)
        out.append(
            {
                "title": title,
                "org": link(cat.name(org, org or ""), org) if org else None,
                "member": link(cat.name(member, member or ""), member),
                "as_worded": p.get("exact", [""])[0],
                "article": link(art.headline if art else g, g),
                "date": art.date if art else "",
            }
        )
    out.sort(key=lambda r: (r["date"] or "9999", r["title"].casefold()))
    return out


def _accounts(src: Source, cat: Catalogue, iri: str) -> list[dict]:
    ids = [iri] if cat.agents[iri].kind == "account" else []
    for pattern in ("?x kg:holdsAccount ?acc", "?acc kg:holder ?x"):
        ids += [acc for _x, acc in src.rows(ACCOUNT_IDS % pattern, {"x": Iri(iri)})]
    ids = list(dict.fromkeys(ids))
    props = properties(src, ids, ACCOUNT_PROPS)
    metrics = properties(src, [m for p in props.values() for m in p.get("metric", [])], METRIC_PROPS)
    out = []
    for acc in ids:
        p = props.get(acc, {})
        first = lambda k: p.get(k, [""])[0]  # noqa: E731
        holder = first("holder")
        ms = []
        for m in p.get("metric", []):
            mp = metrics.get(m, {})
            g = mp.get("article", [""])[0]
            art = cat.articles.get(g)
            ms.append(
                {
                    "name": mp.get("name", [""])[0],
                    "value": mp.get("value", [""])[0],
                    "article": link(art.headline if art else g, g),
                    # when the figure held if the sentence says so, else the article's date
                    "date": mp.get("date", mp.get("date_text", [art.date if art else ""]))[0] or "",
                }
            )
        ms.sort(key=lambda m: (m["date"], m["name"], str(m["value"])))
        out.append(
            {
                "account": link(cat.name(acc, acc.rsplit("/", 1)[-1]), acc),
                "holder": link(cat.name(holder, holder), holder) if holder else None,
                "platform": first("platform"),
                "kind": first("kind"),
                "handle": first("handle"),
                "metrics": ms,
            }
        )
    return sorted(out, key=lambda a: (a["platform"], a["kind"], str(a["account"])))


def _statement_ids(src: Source, cat: Catalogue, iri: str) -> dict[str, list[tuple[str, str, str]]]:
    """(statement, article, kind) lists: made by, against (allegations) and denials by the agent."""
    made = [(s, article_of(s), "") for _x, s in src.rows(STATEMENTS_BY, {"x": Iri(iri)})]
    against = {s: (s, article_of(s), kind_of(c)) for _x, s, c in src.rows(STATEMENTS_AGAINST, {"x": Iri(iri)})}
    denials = {r.denial: (r.denial, r.article, "denial") for r in cat.denials if r.speaker == iri}
    return {
        "statements": list(dict.fromkeys(made)),
        "against": list(against.values()),
        "denials": list(denials.values()),
    }


def _lists(src: Source, cat: Catalogue, iri: str) -> tuple[dict, Counter, list[str]]:
    """What the page reads whole: its sections' statements in reading order,
    statements made by kind, and the articles mentioning the agent, newest first."""
    ids = {section: reading_order(cat, rows) for section, rows in _statement_ids(src, cat, iri).items()}
    kinds = Counter(
        {
            kind_of(c): int(n)
            for _x, c, n in src.rows(KINDS_BY, {"x": Iri(iri)})
            if c.endswith(tuple("#" + k for k in STATEMENT_CLASSES))
        }
    )
    order = cat.article_rank()
    arts = sorted({g for _x, g in src.rows(MENTIONED_IN, {"x": Iri(iri)})}, key=lambda g: (order.get(g, len(order)), g))
    return ids, kinds, arts


def _windows(cat, ids: dict, params: dict) -> dict:
    """Each section's statements in reading order and the page of them to show."""
    out = {}
    for section, rows in ids.items():
        sp = _section_page(section, params)
        offset, size = page_window({"page": sp.get("page", 1), "size": sp.get("size", SECTION_ROWS)}, len(rows))
        out[section] = (rows, offset, size, sp)
    return out


def _fact_table(cat, details, window, section, path, kinds: Counter | None = None) -> dict:
    rows, offset, size, sp = window
    shown = [s for s, _g, _k in rows[offset : offset + size]]
    by_kind = kinds if kinds is not None else Counter(k for _s, _g, k in rows)
    return {
        "table": Table(
            FACT_COLUMNS, [fact_row(cat, details[s]) for s in shown if s in details], total=len(rows), name=section
        ),
        "by_kind": [(k, by_kind[k]) for k in KIND_ORDER if by_kind.get(k)],
        "pager": pager({"section": section, "size": sp.get("size")}, len(rows), offset, size, path),
    }


def entity(src: Source, cat: Catalogue, iri: str, path: str, params: dict) -> Page:
    agent = cat.agents.get(iri)
    if agent is None:
        raise NotFound(f"no person, organisation or account {iri} in the store")
    ids, kinds, arts = cat.remember(("entity", iri), lambda: _lists(src, cat, iri))
    windows = _windows(cat, ids, params)
    # one lookup for the rows all sections show
    details = facts(
        src,
        list(dict.fromkeys(s for rows, o, n, _sp in windows.values() for s, _g, _k in rows[o : o + n])),
        fields=TABLE_FIELDS,
    )
    made = _fact_table(cat, details, windows["statements"], "statements", path, kinds)
    against = _fact_table(cat, details, windows["against"], "against", path)
    denials = _fact_table(cat, details, windows["denials"], "denials", path)
    sp = _section_page("articles", params)
    offset, size = page_window({"page": sp.get("page", 1), "size": sp.get("size", ARTICLE_ROWS)}, len(arts))
    art_rows = [
        [
            link(cat.articles[g].headline, g) if g in cat.articles else link(g, g),
            cat.articles[g].date if g in cat.articles else "",
            cat.articles[g].publisher if g in cat.articles else "",
        ]
        for g in arts[offset : offset + size]
    ]
    sections = {
        "statements": made,
        "against": against,
        "denials": denials,
        "articles": {
            "table": Table(["article", "date", "publisher"], art_rows, total=len(arts), name="articles"),
            "pager": pager({"section": "articles", "size": sp.get("size")}, len(arts), offset, size, path),
        },
    }
    section = params.get("section", "statements")
    if section not in SECTIONS:
        section = "statements"
    roles, accounts, befell = _roles(src, cat, iri), _accounts(src, cat, iri), outcomes(src, cat, iri)
    return Page(
        agent.name,
        "entity.html",
        context={
            "agent": agent,
            "iri": iri,
            "roles": roles,
            "accounts": accounts,
            "outcomes": befell,
            "sections": sections,
            "map_url": f"/map?focus={iri}",
        },
        table=sections[section]["table"],
        data={
            "iri": iri,
            "kind": agent.kind,
            "name": agent.name,
            "aliases": agent.aliases,
            "roles": roles,
            "accounts": accounts,
            "outcomes": befell,
            "section": section,
            "sections": {k: {"total": v["table"].total} for k, v in sections.items()},
        },
        sparql=SPARQL % term(_uri(iri)),
        kind="entities",
    )


def _uri(iri: str):
    from rdflib import URIRef

    return URIRef(iri)

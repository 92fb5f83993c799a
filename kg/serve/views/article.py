"""An article: its text with every extracted span highlighted by kind, the
facts beside it (hover or click a span to find its fact, a fact to find its
spans), page chrome dimmed; the statements as the page's table."""

from __future__ import annotations

from ..catalogue import Catalogue, statement_number
from ..highlight import Span, segments
from ..page import NotFound, Page, Table, link, term
from ..source import Iri, Source
from .facts import FACT_COLUMNS, fact_row, facts

META = """
SELECT ?g ?text ?bodyStart ?bodyEnd ?src ?hash ?url ?author WHERE { GRAPH ?g {
  ?g a kg:Article ; schema:text ?text ; kg:sourcePath ?src ; kg:contentHash ?hash .
  OPTIONAL { ?g kg:bodyStart ?bodyStart } OPTIONAL { ?g kg:bodyEnd ?bodyEnd }
  OPTIONAL { ?g schema:url ?url } OPTIONAL { ?g schema:author ?author } } }
"""
STATEMENT_SPANS = """
SELECT ?g ?s ?part ?start ?end WHERE { GRAPH ?g {
  ?s kg:reportedIn ?g ; ?p ?span . VALUES (?p ?part) { (kg:speakerSpan "speaker") (kg:cue "cue")
    (kg:content "content") (kg:sentence "sentence") }
  ?span oa:start ?start ; oa:end ?end } }
"""
MENTIONS = """
SELECT ?g ?x ?class ?label ?start ?end WHERE { GRAPH ?g {
  ?x kg:mention ?span ; a ?class . ?span oa:start ?start ; oa:end ?end .
  OPTIONAL { ?x schema:name ?name } OPTIONAL { ?x org:role/rdfs:label ?role }
  OPTIONAL { ?x kg:metricName ?mname ; kg:value ?mvalue }
  BIND(COALESCE(?name, ?role, CONCAT(?mname, " = ", STR(?mvalue))) AS ?label) } }
"""
MEMBERS = "SELECT ?g ?m ?member ?org WHERE { GRAPH ?g { ?m a kg:Membership ; org:member ?member . OPTIONAL { ?m org:organization ?org } } }"

SPARQL = """SELECT ?kind ?start ?end ?exact ?fact WHERE {
  BIND(%s AS ?g)
  GRAPH ?g {
    { ?fact ?p ?span . VALUES (?p ?kind) { (kg:speakerSpan "speaker") (kg:cue "cue") (kg:content "content") (kg:sentence "sentence") } }
    UNION { ?fact kg:mention ?span . BIND("mention" AS ?kind) }
    ?span oa:start ?start ; oa:end ?end ; oa:exact ?exact .
  }
}
ORDER BY ?start ?end
"""
CLASS_KIND = {
    "Person": "person",
    "Organization": "organization",
    "Account": "account",
    "Membership": "role",
    "Metric": "metric",
}


def article(src: Source, cat: Catalogue, iri: str) -> Page:
    meta = src.rows(META, {"g": Iri(iri)})
    if not meta:
        raise NotFound(f"no article {iri} in the store")
    _g, text, bs, be, source, chash, url, author = meta[0]
    info = cat.articles.get(iri)
    body = (int(bs) if bs is not None else 0, int(be) if be is not None else len(text))
    stmt_spans: dict[str, list[tuple[str, int, int]]] = {}
    for _g, s, part, start, end in src.rows(STATEMENT_SPANS, {"g": Iri(iri)}):
        stmt_spans.setdefault(s, []).append((part, int(start), int(end)))
    ordered = sorted(stmt_spans, key=lambda s: (statement_number(s), s))
    details = facts(src, ordered)
    fact_list: list[dict] = []
    spans: list[Span] = []
    for s in ordered:
        f = details.get(s)
        if f is None:
            continue
        n = len(fact_list)
        fact_list.append(
            {
                "n": n,
                "type": "statement",
                "kind": f.kind,
                "iri": s,
                "anchor": f"s{f.number}",
                "fact": f,
                "speaker_name": cat.name(f.speaker, f.speaker_text) or f.speaker_text or "(unattributed)",
                "target_name": cat.name(f.target, f.target_text) or f.target_text,
                "denies": [f"s{statement_number(a)}" for a in f.denies],
            }
        )
        spans.extend(Span(a, b, part, n) for part, a, b in stmt_spans[s])
    _entity_facts(src, cat, iri, fact_list, spans)
    segs = segments(text, spans, body)
    rows = [fact_row(cat, details[s]) for s in ordered if s in details]
    span_rows = sorted({(sp.start, sp.end, sp.kind, fact_list[sp.fact]["iri"]) for sp in spans})
    title = info.headline if info else source
    return Page(
        title,
        "article.html",
        context={
            "iri": iri,
            "info": info,
            "segments": segs,
            "facts": fact_list,
            "body": body,
            "source": source,
            "hash": chash,
            "url": url or "",
            "author": author or "",
            "map_url": f"/map?article={iri}",
            "chars": len(text),
        },
        table=Table(FACT_COLUMNS, rows, total=len(rows), name="statements"),
        data={
            "iri": iri,
            "headline": title,
            "date": info.date if info else "",
            "publisher": info.publisher if info else "",
            "source": source,
            "content_hash": chash,
            "url": url or "",
            "body": list(body),
            "text": text,
            "spans": [{"start": a, "end": b, "kind": k, "fact": f} for a, b, k, f in span_rows],
        },
        sparql=SPARQL % term(_uri(iri)),
        kind="articles",
    )


def _entity_facts(src: Source, cat: Catalogue, iri: str, fact_list: list[dict], spans: list[Span]) -> None:
    """One fact per entity (person, organisation, account, role, metric) mentioned in
    the article, and a highlighted span per mention (appended to both lists)."""
    members = {m: (member, org) for _g, m, member, org in src.rows(MEMBERS, {"g": Iri(iri)})}
    by_entity: dict[str, int] = {}
    for _g, x, cls, label, start, end in sorted(src.rows(MENTIONS, {"g": Iri(iri)}), key=lambda r: (int(r[4]), r[1])):
        kind = CLASS_KIND.get(cls.rsplit("#", 1)[-1])
        if kind is None:
            continue
        if x not in by_entity:
            by_entity[x] = len(fact_list)
            entry = {
                "n": len(fact_list),
                "type": "entity",
                "kind": kind,
                "iri": x,
                "label": label or x.rsplit("/", 1)[-1],
                "anchor": "",
            }
            if kind == "role" and x in members:
                member, org = members[x]
                entry["member"] = link(cat.name(member, member), member)
                entry["org"] = link(cat.name(org, org), org) if org else None
            fact_list.append(entry)
        span_kind = "mention" if kind in ("person", "organization", "account") else kind
        spans.append(Span(int(start), int(end), span_kind, by_entity[x]))


def _uri(iri: str):
    from rdflib import URIRef

    return URIRef(iri)

"""Home: what the store holds (counts, articles by date and publisher) and
the who-denied-what table with filters and pagination."""

from __future__ import annotations

from ..catalogue import Catalogue, DenialRow, key
from ..page import Page, Table, link, page_window, pager, term

FILTERS = ("denier", "claimant", "target", "article", "q")
COLUMNS = [
    "denial",
    "denier",
    "denier_role",
    "denied",
    "allegation",
    "claimant",
    "target",
    "article",
    "date",
    "sentence",
]

# The table as one query (what "SPARQL for this page" shows; the page itself
# reads the same facts from the catalogue, see kg.serve.catalogue).
SPARQL = """SELECT ?denial ?denier ?denier_role ?denied ?allegation ?claimant ?target ?article ?date ?sentence
WHERE {
  GRAPH ?g {
    ?denial a kg:Denial ; kg:contentText ?denied ; kg:sentence/oa:exact ?sentence .
    OPTIONAL { ?denial kg:speaker/schema:name ?dn } OPTIONAL { ?denial kg:speakerText ?dt }
    BIND(COALESCE(?dn, ?dt, "(unattributed)") AS ?denier)
    OPTIONAL { SELECT ?denial (GROUP_CONCAT(DISTINCT ?title; separator="; ") AS ?denier_role)
               WHERE { ?denial kg:speaker/schema:jobTitle ?title } GROUP BY ?denial }
    OPTIONAL { ?denial kg:denies ?allegation .
      OPTIONAL { ?allegation kg:speaker/schema:name ?cn } OPTIONAL { ?allegation kg:speakerText ?ct }
      OPTIONAL { ?allegation kg:target/schema:name ?tn } OPTIONAL { ?allegation kg:targetText ?tt } }
    OPTIONAL { ?denial kg:target/schema:name ?dtn } OPTIONAL { ?denial kg:targetText ?dtt }
    BIND(COALESCE(?cn, ?ct) AS ?claimant)
    BIND(COALESCE(?tn, ?tt, ?dtn, ?dtt) AS ?target)
    ?g a kg:Article .
    OPTIONAL { ?g schema:headline ?headline } OPTIONAL { ?g kg:sourcePath ?src }
    OPTIONAL { ?g schema:datePublished ?date }
    BIND(COALESCE(?headline, ?src) AS ?article)
  }%s
}
ORDER BY DESC(?date) ?article ?denial
"""


def _names(cat: Catalogue, iri: str | None, text: str) -> list[str]:
    a = cat.agents.get(iri) if iri else None
    out = [a.name, *a.aliases] if a else []
    return out + ([text] if text else [])


def _matches(value: str, iri: str | None, names: list[str]) -> bool:
    if value.startswith(("http://", "https://")):
        return iri == value
    k = key(value)
    return any(k in key(n) for n in names)


def matching(cat: Catalogue, filters: dict[str, str]) -> list[DenialRow]:
    """Rows whose denier, claimant, target, article and text match every given filter (any case, substring)."""
    rows = cat.denials
    f = {k: v.strip() for k, v in filters.items() if k in FILTERS and v and v.strip()}
    if not f:
        return rows
    out = []
    for r in rows:
        if "denier" in f and not _matches(f["denier"], r.speaker, _names(cat, r.speaker, r.speaker_text)):
            continue
        if "claimant" in f and not _matches(f["claimant"], r.claimant, _names(cat, r.claimant, r.claimant_text)):
            continue
        if "target" in f and not _matches(f["target"], r.target, _names(cat, r.target, r.target_text)):
            continue
        if "article" in f:
            art = cat.articles.get(r.article)
            labels = [art.headline, art.source, art.iri.rsplit("/", 1)[-1]] if art else [r.article]
            if not _matches(f["article"], r.article, labels):
                continue
        if "q" in f:
            k = key(f["q"])
            hay = " ".join(
                [
                    r.content,
                    r.sentence,
                    *_names(cat, r.speaker, r.speaker_text),
                    *_names(cat, r.claimant, r.claimant_text),
                    *_names(cat, r.target, r.target_text),
                ]
            )
            if k not in key(hay):
                continue
        out.append(r)
    return out


def row_cells(cat: Catalogue, r: DenialRow) -> list:
    art = cat.articles.get(r.article)
    role = "; ".join(sorted(set(cat.roles.get((r.speaker, r.article), [])))) if r.speaker else ""
    return [
        link(f"#{r.number}", r.denial),
        link(cat.name(r.speaker, r.speaker_text or "(unattributed)"), r.speaker),
        role,
        r.content,
        link("#" + r.allegation.rsplit("/s", 1)[-1], r.allegation) if r.allegation else None,
        link(cat.name(r.claimant, r.claimant_text), r.claimant) if (r.claimant or r.claimant_text) else None,
        link(cat.name(r.target, r.target_text), r.target) if (r.target or r.target_text) else None,
        link(art.headline if art else r.article, r.article),
        art.date if art else "",
        r.sentence,
    ]


def sparql_for(filters: dict[str, str]) -> str:
    conds = []
    for col, var in (("denier", "?denier"), ("claimant", "?claimant"), ("target", "?target"), ("article", "?article")):
        v = (filters.get(col) or "").strip()
        if v:
            conds.append(f"  FILTER(CONTAINS(LCASE(STR({var})), LCASE({term(v)})))")
    v = (filters.get("q") or "").strip()
    if v:
        conds.append(f'  FILTER(CONTAINS(LCASE(CONCAT(?denied, " ", ?sentence)), LCASE({term(v)})))')
    return SPARQL % ("\n" + "\n".join(conds) if conds else "")


def home(cat: Catalogue, params: dict[str, str]) -> Page:
    filters = {k: params.get(k, "") for k in FILTERS}
    rows = matching(cat, filters)
    offset, size = page_window(params, len(rows))
    shown = rows[offset : offset + size]
    table = Table(COLUMNS, [row_cells(cat, r) for r in shown], total=len(rows), name="denials")
    counts = cat.counts
    statements = sum(
        counts.get(k, 0)
        for k in ("Statement", "Denial", "Allegation", "Accusation", "Assertion", "Confirmation", "Refusal")
    )
    summary = {
        "articles": counts.get("Article", 0),
        "people": counts.get("person", 0),
        "organisations": counts.get("organization", 0),
        "accounts": counts.get("account", 0),
        "statements": statements,
        "allegations": counts.get("Allegation", 0) + counts.get("Accusation", 0),
        "denials": counts.get("Denial", 0),
    }
    kinds = [
        (k, counts.get(c, 0))
        for k, c in (
            ("allegation", "Allegation"),
            ("accusation", "Accusation"),
            ("denial", "Denial"),
            ("claim", "Assertion"),
            ("confirmation", "Confirmation"),
            ("refusal", "Refusal"),
            ("statement", "Statement"),
        )
    ]
    months, publishers = cat.by_month(), cat.by_publisher()
    active = {k: v for k, v in filters.items() if v}
    return Page(
        "Who denied what",
        "home.html",
        context={
            "summary": summary,
            "kinds": kinds,
            "months": months,
            "publishers": publishers,
            "filters": filters,
            "active": active,
            "pager": pager({**active, "size": params.get("size")}, len(rows), offset, size, "/"),
            "max_month": max((n for _, n in months), default=1),
            "max_publisher": max((n for _, n in publishers), default=1),
        },
        table=table,
        data={
            "counts": summary,
            "statement_kinds": dict(kinds),
            "articles_by_month": dict(months),
            "articles_by_publisher": dict(publishers),
            "filters": active,
            "offset": offset,
            "size": size,
        },
        sparql=sparql_for(filters),
        kind="home",
    )

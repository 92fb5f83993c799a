"""Statements as the pages show them: fetched in one query for the rows on
screen (VALUES over their IRIs), sorted in reading order, as table rows."""

from __future__ import annotations

from dataclasses import dataclass, field

from ..catalogue import Catalogue, statement_number
from ..page import link, values_clause
from ..source import Source

KIND_OF_CLASS = {
    "Allegation": "allegation",
    "Accusation": "accusation",
    "Denial": "denial",
    "Assertion": "claim",
    "Confirmation": "confirmation",
    "Refusal": "refusal",
    "Statement": "statement",
}
KIND_ORDER = ("allegation", "accusation", "denial", "claim", "confirmation", "refusal", "statement")

# One small query per property, VALUES over the subjects first: Oxigraph plans
# these as index lookups (~1 ms for a page of rows on a 1M-triple store),
# while one query with OPTIONALs, or VALUES over subjects and predicates
# together, took seconds (docs/performance.md).
PROPERTY = "SELECT ?s ?o WHERE { %s GRAPH ?g { ?s %s ?o } }"
PROPERTIES = {
    "class": "a",
    "article": "kg:reportedIn",
    "content": "kg:contentText",
    "speaker": "kg:speaker",
    "speaker_text": "kg:speakerText",
    "target": "kg:target",
    "target_text": "kg:targetText",
    "certainty": "kg:certainty",
    "polarity": "kg:polarity",
    "rule": "kg:rule",
    "start": "kg:sentence/oa:start",
}
# What a table row shows (fact_row): fewer lookups for long lists.
TABLE_FIELDS = ("class", "content", "speaker", "speaker_text", "target", "target_text", "certainty")


def article_of(fact: str) -> str:
    """kgid:statement/H/sN (or kgid:consequence/H/cN ...) is reported in kgid:article/H."""
    head, _, _n = fact.rpartition("/")
    base, _, chash = head.rpartition("/")
    return f"{base.rpartition('/')[0]}/article/{chash}"


DENIED_BY = """
SELECT ?a ?d ?speaker ?speakerText WHERE { %s GRAPH ?g { ?d kg:denies ?a .
  OPTIONAL { ?d kg:speaker ?speaker } OPTIONAL { ?d kg:speakerText ?speakerText } } }
"""
DENIES = "SELECT ?d ?a WHERE { %s GRAPH ?g { ?d kg:denies ?a } }"


def kind_of(class_iri: str) -> str:
    return KIND_OF_CLASS.get(class_iri.rsplit("#", 1)[-1], "statement")


@dataclass
class Fact:
    iri: str
    article: str
    kind: str
    content: str = ""
    speaker: str | None = None
    speaker_text: str = ""
    target: str | None = None
    target_text: str = ""
    certainty: str = ""
    polarity: str = ""
    rule: str = ""
    start: int = -1
    denied_by: list[tuple[str, str | None, str]] = field(default_factory=list)  # (denial, speaker IRI, text)
    denies: list[str] = field(default_factory=list)

    @property
    def number(self) -> int:
        return statement_number(self.iri)


def reading_order(cat: Catalogue, items, article=lambda x: x[1], iri=lambda x: x[0]):
    order = cat.article_rank()
    return sorted(items, key=lambda x: (order.get(article(x), len(order)), statement_number(iri(x)), iri(x)))


def properties(src: Source, iris: list[str], paths: dict[str, str]) -> dict[str, dict[str, list[str]]]:
    """{iri: {name: [values]}} for the property paths ``paths`` ({name: path}) of ``iris``."""
    out: dict[str, dict[str, list[str]]] = {}
    if not iris:
        return out
    values = values_clause("s", iris)
    for name, path in paths.items():
        for s, o in src.rows(PROPERTY % (values, path)):
            vals = out.setdefault(s, {}).setdefault(name, [])
            if o not in vals:
                vals.append(o)
    return out


def facts(src: Source, iris: list[str], *, with_denials: bool = True, fields=None) -> dict[str, Fact]:
    """Details of the statements ``iris`` (at most a page of them); ``fields``: which of PROPERTIES to read (all)."""
    if not iris:
        return {}
    props: dict[str, dict[str, str]] = {}
    paths = {k: v for k, v in PROPERTIES.items() if fields is None or k in fields}
    for s, named in properties(src, iris, paths).items():
        classes = [c for c in named.get("class", []) if c.rsplit("#", 1)[-1] in KIND_OF_CLASS]
        props[s] = {k: v[0] for k, v in named.items() if v}
        if classes:
            props[s]["class"] = classes[0]
        else:
            props[s].pop("class", None)
    out: dict[str, Fact] = {}
    for s in iris:
        p = props.get(s, {})
        if "class" not in p or "content" not in p:
            continue
        out[s] = Fact(
            s,
            p.get("article") or article_of(s),
            kind_of(p["class"]),
            p["content"],
            p.get("speaker"),
            p.get("speaker_text", ""),
            p.get("target"),
            p.get("target_text", ""),
            p.get("certainty", "").rsplit("#", 1)[-1],
            p.get("polarity", "").rsplit("#", 1)[-1],
            p.get("rule", ""),
            int(p["start"]) if "start" in p else -1,
        )
    if with_denials:
        for a, d, sp, spt in src.rows(DENIED_BY % values_clause("a", iris)):
            if a in out and all(d != x[0] for x in out[a].denied_by):
                out[a].denied_by.append((d, sp, spt or ""))
        for d, a in src.rows(DENIES % values_clause("d", iris)):
            if d in out and a not in out[d].denies:
                out[d].denies.append(a)
    return out


def agent_link(cat: Catalogue, iri: str | None, text: str, empty=None):
    if not iri and not text:
        return empty
    return link(cat.name(iri, text) or text, iri)


def fact_row(cat: Catalogue, f: Fact) -> list:
    """statement, kind, speaker, content, target, certainty, denied_by / denies, article, date."""
    art = cat.articles.get(f.article)
    if f.kind == "denial":
        rel = "; ".join(f"#{statement_number(a)}" for a in f.denies)
    else:
        rel = "; ".join(cat.name(sp, spt) or spt or "(unattributed)" for _d, sp, spt in f.denied_by)
    return [
        link(f"#{f.number}", f.iri),
        f.kind,
        agent_link(cat, f.speaker, f.speaker_text, "(unattributed)"),
        f.content,
        agent_link(cat, f.target, f.target_text),
        f.certainty,
        rel,
        link(art.headline if art else f.article, f.article),
        art.date if art else "",
    ]


FACT_COLUMNS = [
    "statement",
    "kind",
    "speaker",
    "content",
    "target",
    "certainty",
    "denied_by_or_denies",
    "article",
    "date",
]

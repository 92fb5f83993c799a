"""Statements as the pages show them: fetched in one query for the rows on
screen (VALUES over their IRIs), sorted in reading order, as table rows."""

from __future__ import annotations

from dataclasses import dataclass, field

from ..catalogue import Catalogue, statement_number
from ..page import link, values_clause
from ..source import Source

KIND_OF_CLASS = {
    "Allegation": "allegation", "Accusation": "accusation", "Denial": "denial", "Claim": "claim",
    "Confirmation": "confirmation", "Refusal": "refusal", "Statement": "statement",
}
KIND_ORDER = ("allegation", "accusation", "denial", "claim", "confirmation", "refusal", "statement")
STATEMENT_CLASS_VALUES = "VALUES ?class { " + " ".join(f"kg:{c}" for c in KIND_OF_CLASS) + " }"

DETAILS = """
SELECT ?s ?g ?class ?content ?speaker ?speakerText ?target ?targetText ?certainty ?polarity ?rule ?start
WHERE { %s GRAPH ?g {
  ?s a ?class ; kg:contentText ?content . """ + STATEMENT_CLASS_VALUES + """
  OPTIONAL { ?s kg:speaker ?speaker } OPTIONAL { ?s kg:speakerText ?speakerText }
  OPTIONAL { ?s kg:target ?target } OPTIONAL { ?s kg:targetText ?targetText }
  OPTIONAL { ?s kg:certainty ?certainty } OPTIONAL { ?s kg:polarity ?polarity } OPTIONAL { ?s kg:rule ?rule }
  OPTIONAL { ?s kg:sentence/oa:start ?start } } }
"""
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
    order = {a.iri: i for i, a in enumerate(cat.article_order())}
    return sorted(items, key=lambda x: (order.get(article(x), len(order)), statement_number(iri(x)), iri(x)))


def facts(src: Source, iris: list[str], *, with_denials: bool = True) -> dict[str, Fact]:
    """Details of the statements ``iris`` (at most a page of them)."""
    if not iris:
        return {}
    values = values_clause("s", iris)
    out: dict[str, Fact] = {}
    for s, g, cls, content, sp, spt, tg, tgt, cert, pol, rule, start in src.rows(DETAILS % values):
        if s in out:
            continue
        out[s] = Fact(s, g, kind_of(cls), content, sp, spt or "", tg, tgt or "",
                      (cert or "").rsplit("#", 1)[-1], (pol or "").rsplit("#", 1)[-1], rule or "",
                      int(start) if start is not None else -1)
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
        link(f"#{f.number}", f.iri), f.kind, agent_link(cat, f.speaker, f.speaker_text, "(unattributed)"),
        f.content, agent_link(cat, f.target, f.target_text), f.certainty, rel,
        link(art.headline if art else f.article, f.article), art.date if art else "",
    ]


FACT_COLUMNS = ["statement", "kind", "speaker", "content", "target", "certainty", "denied_by_or_denies", "article", "date"]

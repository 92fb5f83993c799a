"""One statement (allegation, denial, claim ...): speaker, content,
certainty, polarity, target, what it denies or who denies it, the rule that
produced it, and its sentence in context with the spans marked."""

from __future__ import annotations

from ..catalogue import Catalogue
from ..highlight import Span, segments
from ..page import NotFound, Page, Table, link, term
from ..source import Iri, Source
from .facts import agent_link, facts

SPANS = """
SELECT ?s ?part ?start ?end ?exact WHERE { GRAPH ?g {
  ?s ?p ?span . VALUES (?p ?part) { (kg:speakerSpan "speaker") (kg:cue "cue") (kg:content "content") (kg:sentence "sentence") }
  ?span oa:start ?start ; oa:end ?end ; oa:exact ?exact } }
"""
TEXT = "SELECT ?g ?text WHERE { GRAPH ?g { ?g schema:text ?text } }"
CONTEXT_CHARS = 320

SPARQL = """SELECT ?kind ?speaker ?content ?target ?certainty ?polarity ?rule ?denies ?denied_by ?sentence ?article WHERE {
  BIND(%s AS ?s)
  GRAPH ?g {
    ?s a ?class ; kg:contentText ?content ; kg:sentence/oa:exact ?sentence .
    BIND(STRAFTER(STR(?class), "#") AS ?kind)
    OPTIONAL { ?s kg:speaker/schema:name ?sn } OPTIONAL { ?s kg:speakerText ?st } BIND(COALESCE(?sn, ?st) AS ?speaker)
    OPTIONAL { ?s kg:target/schema:name ?tn } OPTIONAL { ?s kg:targetText ?tt } BIND(COALESCE(?tn, ?tt) AS ?target)
    OPTIONAL { ?s kg:certainty ?certainty } OPTIONAL { ?s kg:polarity ?polarity } OPTIONAL { ?s kg:rule ?rule }
    OPTIONAL { ?s kg:denies ?denies } OPTIONAL { ?denied_by kg:denies ?s }
    OPTIONAL { ?g schema:headline ?article }
  }
}
"""


def _context(src: Source, f, spans: list[tuple[str, int, int, str]]) -> tuple[list, str]:
    """Segments of the sentence with some text around it, and the sentence itself."""
    sentence = next(((a, b, ex) for part, a, b, ex in spans if part == "sentence"), None)
    if sentence is None:
        return [], ""
    rows = src.rows(TEXT, {"g": Iri(f.article)})
    if not rows:
        return [], sentence[2]
    text = rows[0][1]
    lo = max(0, sentence[0] - CONTEXT_CHARS)
    hi = min(len(text), sentence[1] + CONTEXT_CHARS)
    # cut the context at word boundaries so it does not start mid-word
    while lo > 0 and not text[lo - 1].isspace() and sentence[0] - lo < CONTEXT_CHARS + 40:
        lo -= 1
    while hi < len(text) and not text[hi].isspace() and hi - sentence[1] < CONTEXT_CHARS + 40:
        hi += 1
    marks = [Span(a - lo, b - lo, part, 0) for part, a, b, _ex in spans]
    segs = segments(text[lo:hi], marks, (sentence[0] - lo, sentence[1] - lo))
    return [{"lead": lo > 0, "tail": hi < len(text), "segments": segs}], sentence[2]


def statement(src: Source, cat: Catalogue, iri: str) -> Page:
    found = facts(src, [iri])
    f = found.get(iri)
    if f is None:
        raise NotFound(f"no statement {iri} in the store")
    spans = [(part, int(a), int(b), ex) for _s, part, a, b, ex in src.rows(SPANS, {"s": Iri(iri)})]
    context, sentence = _context(src, f, spans)
    related = facts(src, f.denies + [d for d, _sp, _t in f.denied_by], with_denials=False)
    art = cat.articles.get(f.article)

    def stmt_link(s):
        r = related.get(s)
        return {
            "link": link(f"#{s.rsplit('/s', 1)[-1]}", s),
            "kind": r.kind if r else "",
            "speaker": agent_link(cat, r.speaker, r.speaker_text, "(unattributed)") if r else "",
            "content": r.content if r else "",
        }

    fields = [
        ("kind", f.kind),
        ("speaker", agent_link(cat, f.speaker, f.speaker_text, "(unattributed)")),
        ("speaker as worded", f.speaker_text),
        ("content", f.content),
        ("target", agent_link(cat, f.target, f.target_text, "")),
        ("certainty", f.certainty),
        ("polarity", f.polarity),
        ("rule", f.rule),
        ("article", link(art.headline if art else f.article, f.article)),
        ("date", art.date if art else ""),
        ("sentence", sentence),
    ]
    table = Table(["field", "value"], [[k, v] for k, v in fields], name="fields")
    return Page(
        f"{f.kind.capitalize()} #{f.number}: {_short(f.content)}",
        "statement.html",
        context={
            "f": f,
            "iri": iri,
            "fields": fields,
            "context": context,
            "art": art,
            "denies": [stmt_link(a) for a in f.denies],
            "denied_by": [stmt_link(d) for d, _sp, _t in f.denied_by],
            "article_url": f"/id/{f.article.split('/id/', 1)[1]}#s{f.number}",
            "spans": sorted(spans, key=lambda s: (s[1], s[2])),
        },
        table=table,
        data={
            "iri": iri,
            "kind": f.kind,
            "number": f.number,
            "article": f.article,
            "speaker": f.speaker,
            "speaker_text": f.speaker_text,
            "content": f.content,
            "target": f.target,
            "target_text": f.target_text,
            "certainty": f.certainty,
            "polarity": f.polarity,
            "rule": f.rule,
            "denies": f.denies,
            "denied_by": [d for d, _sp, _t in f.denied_by],
            "sentence": sentence,
            "spans": [{"part": p, "start": a, "end": b, "exact": ex} for p, a, b, ex in spans],
        },
        sparql=SPARQL % term(_uri(iri)),
        kind="articles",
    )


def _short(text: str, n: int = 70) -> str:
    text = " ".join(text.split())
    return text if len(text) <= n else text[: n - 1].rstrip() + "…"


def _uri(iri: str):
    from rdflib import URIRef

    return URIRef(iri)

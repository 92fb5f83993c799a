"""The extractor's pipeline: one parsed article in, the contract dict out (docs/extractor-contract.md).

``extract_doc(doc, article)`` runs the stages in order:

1. the entity stage (``entities.find_entities``) gives people, organisations
   and accounts, and an ``EntityIndex`` that resolves a character span to an
   entity id;
2. the statement stage (``statements.build_statements``) gives attributed
   statements, their kind, certainty, polarity, target and the allegations
   each denial answers; it sees the entity index only through the small
   interface in ``lookup.EntityLookup``;
3. the date stage (``dates``) finds the article's time expressions once,
   resolved against the article date, and dates each statement by the one on
   its cue ("denied the claims on Tuesday") and each account figure by the
   one on its verb ("had 3 million followers in 2016");
4. the consequences stage (``consequences.find_consequences``) gives legal
   and institutional outcomes (convicted, fined, sued, charged ...), who they
   happened to, what for, when, and the statement of the article they
   followed;

then assembles the contract dict. Everything is deterministic and linear in
the document (one pass per mechanism, bisect look-ups), with no extra
``nlp()`` calls. docs/architecture.md shows where a new stage plugs in.
"""

from __future__ import annotations

from ..nlp import load_nlp
from .consequences import find_consequences
from .dates import find_dates, metric_dates, statement_dates
from .doc import doc_text
from .entities import find_entities
from .statements import build_statements


def extract(article, nlp=None, tagger=True) -> dict:
    """Run the spaCy pipeline on ``article.text`` and extract (see extract_doc)."""
    if nlp is None:
        nlp = load_nlp()
    return extract_doc(nlp(article.text), article, tagger)


def extract_doc(doc, article, tagger=True) -> dict:
    """The contract dict for one parsed article. ``tagger``: True (default) runs the shipped
    attribution tagger beside the rules, False the rules alone, or pass a loaded model."""
    index = find_entities(doc)
    body = getattr(article, "body", None) or (0, len(doc_text(doc)))
    statements = build_statements(doc, index, body, tagger)
    timexes = find_dates(doc, body, (getattr(article, "meta", None) or {}).get("date"))
    statement_dates(doc, statements, timexes)
    metric_dates(doc, index.entities, timexes)
    consequences = find_consequences(doc, index, statements, body, timexes)
    return {
        "article": {"title": getattr(article, "title", None), "body": {"start": body[0], "end": body[1]}},
        "entities": index.entities,
        "statements": statements,
        "consequences": consequences,
    }

"""The extractor's pipeline: one parsed article in, the contract dict out (docs/extractor-contract.md).

``extract_doc(doc, article)`` runs the two stages in order:

1. the entity stage (``entities.find_entities``) gives people, organisations
   and accounts, and an ``EntityIndex`` that resolves a character span to an
   entity id;
2. the statement stage (``statements.build_statements``) gives attributed
   statements, their kind, certainty, polarity, target and the allegations
   each denial answers; it sees the entity index only through the small
   interface in ``lookup.EntityLookup``;

then assembles the contract dict. Everything is deterministic and linear in
the document (one pass per mechanism, bisect look-ups), with no extra
``nlp()`` calls. docs/architecture.md shows where a new stage plugs in.
"""

from __future__ import annotations

from ..nlp import load_nlp
from .doc import doc_text
from .entities import find_entities
from .statements import build_statements


def extract(article, nlp=None) -> dict:
    """Run the spaCy pipeline on ``article.text`` and extract (see extract_doc)."""
    if nlp is None:
        nlp = load_nlp()
    return extract_doc(nlp(article.text), article)


def extract_doc(doc, article) -> dict:
    """The contract dict for one parsed article."""
    index = find_entities(doc)
    body = getattr(article, "body", None) or (0, len(doc_text(doc)))
    statements = build_statements(doc, index, body)
    return {
        "article": {"title": getattr(article, "title", None), "body": {"start": body[0], "end": body[1]}},
        "entities": index.entities,
        "statements": statements,
    }

"""Shared by the statement-side test tables: run the statement side of the
extractor on one invented text with the real entity index, and pick records."""

from kg.extract.statements import build_statements


def statements(nlp, text, index=None):
    from kg.extract.entities import find_entities

    doc = nlp(text)
    return build_statements(doc, index or find_entities(doc), (0, len(text)))


def of_kind(stmts, *kinds):
    return [s for s in stmts if s["kind"] in kinds]


def speaker_name(s):
    sp = s["speaker"] or {}
    return sp.get("name") or sp.get("text") or ""

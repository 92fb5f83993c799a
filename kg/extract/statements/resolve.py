"""From a noun phrase to an entity, through the entity stage's lookup."""

from __future__ import annotations

from ..spans import tok_record
from .syntax import name_appos, name_span, speaker_span


def resolve_tok(doc, index, tok, ctx):
    """Entity of the noun phrase headed by tok (its proper-name apposition first:
    "Kemp's chief of staff, Tim Fleming" -> Tim Fleming), or None."""
    appos = name_appos(tok)
    if appos is not None:
        af, al = name_span(appos)
        ent = index.resolve(doc[af].idx, doc[al].idx + len(doc[al].text))
        if ent is not None:
            return ent
    return resolve_phrase(doc, index, tok, ctx)


def resolve_phrase(doc, index, tok, ctx):
    """Entity of the noun phrase headed by tok: the whole phrase first
    ("CPP spokesman Sok Eysan"), then its proper-name core ("the club's
    president Oleg Markin" -> "Oleg Markin")."""
    f, l = speaker_span(tok)
    rec = tok_record(doc, f, l, ctx.text)
    ent = index.resolve(rec["start"], rec["end"])
    if ent is None:
        nf, nl = name_span(tok)
        core = tok_record(doc, nf, nl, ctx.text)
        ent = index.resolve(core["start"], core["end"])
    return ent


def gender_ok(index, eid: str | None, pronoun: str) -> bool:
    """Does a he/she fit the entity's known gender (unknown fits)?"""
    if eid is None:
        return True
    g = index.gender.get(eid)
    return g is None or g == ("male" if pronoun == "he" else "female")

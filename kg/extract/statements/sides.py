"""Whose side a speaker is on: representatives, principals, organisations they hold roles in."""

from __future__ import annotations

from ..lexicon import cues, grammar
from .resolve import resolve_tok


def sp_entity(sp):
    return sp["entity"] if sp else None


def representative(doc, c) -> bool:
    """Does the speaker phrase name a representative ("his lawyer, Johan de
    Villiers", "a spokeswoman for the firm")?"""
    if c.speaker is None:
        return False
    head = doc[c.speaker]
    if head.dep_ == "appos" and head.head.pos_ == "NOUN":
        head = head.head
    return head.lemma_.lower() in cues().source.representative_nouns


def roles_orgs(index, eid) -> set:
    return {r.get("org") for r in (index.get(eid) or {}).get("roles", []) if r.get("org")} if eid else set()


def org_heads(index, eid) -> set:
    """People who hold a role in organisation eid: "The health ministry denied
    ..." answers an allegation against "Health Secretary Teodoro Herbosa" when
    the entity side ties him to the ministry."""
    if not eid or (index.get(eid) or {}).get("type") != "Organization":
        return set()
    return {p["id"] for p in index.people() if any(r.get("org") == eid for r in p.get("roles", []))}


def speaker_principal(doc, index, c, ctx) -> set:
    """Whom a speaker works for, read off the speaker phrase: "Carey's campaign
    manager, Luis Ortega" -> Carey; "a spokesman for the ministry" -> the ministry."""
    if c.speaker is None:
        return set()
    head = doc[c.speaker]
    if head.dep_ == "appos" and head.head.pos_ == "NOUN":
        head = head.head  # the role noun the name is apposed to
    out = set()
    for ch in head.children:
        o = (
            ch
            if ch.dep_ == "poss"
            else (
                next((g for g in ch.children if g.dep_ == "pobj"), None)
                if ch.dep_ == "prep" and ch.lower_ in ("for", "of", "at")
                else None
            )
        )
        if o is not None and o.lower_ not in grammar("pronouns", "first_person"):
            ent = resolve_tok(doc, index, o, ctx)
            if ent is not None:
                out.add(ent)
    return out

"""Exact re-occurrences of known names that NER did not tag."""

from __future__ import annotations

from .. import doc as D
from .. import names as N
from ..lexicon import entity_words
from .shapes import Mention, make_mention
from .titles import titleish


def string_match_mentions(doc, index, mentions: list[Mention]) -> list[Mention]:
    """Exact re-occurrences of known person names/aliases that NER did not tag.

    Only capitalised, case-exact matches of an alias that resolves to exactly
    one person (a full name, or a part of a full name no other person shares).
    """
    covered = set()
    for m in mentions:
        covered.update(range(m.start, m.end))
    for s, e, _eid, _k in index.spans:
        a, b = D.tok_range(doc, s, e)
        covered.update(range(a, b))
    # alias token tuple -> entity ids
    alias_map: dict[tuple, set[str]] = {}
    for rec in index.people():
        words = tuple(rec["name"].split())
        for i in range(len(words)):
            for j in range(i + 1, len(words) + 1):
                alias_map.setdefault(words[i:j], set()).add(rec["id"])
    for rec in index.accounts():
        if rec.get("handle"):
            alias_map.setdefault(tuple(rec["handle"].split()), set()).add(rec["id"])
    # organisations: their multi-word names as written ("Jamii Mobile Chief
    # Executive ..." after NER tagged "Jamii Mobile" once)
    lower = {w for w in D.token_texts(doc) if w.islower()}
    for rec in index.orgs():
        for m in rec["mentions"]:
            words = tuple(N.strip_possessive(m["text"]).split())
            if len(words) >= 2 and words[0].lower() != "the":
                alias_map.setdefault(words, set()).add(rec["id"])
            elif (
                len(words) == 1
                and N.is_name_word(words[0])
                and words[0].lower() not in lower
                and not N.is_acronym(words[0])
                and len(words[0]) > 3
            ):
                # a one-word name NER tagged once ("NightHarbor"): its bare repeats
                alias_map.setdefault(words, set()).add(rec["id"])
    first: dict[str, list[tuple]] = {}
    for k, ids in alias_map.items():
        if len(ids) == 1 and all(N.is_name_word(w) for w in k):
            first.setdefault(k[0], []).append(k)
    for lst in first.values():
        lst.sort(key=len, reverse=True)
    calendar = entity_words("calendar")
    out = []
    i = 0
    n = len(doc)
    texts = D.token_texts(doc)
    while i < n:
        cands = first.get(texts[i])
        if not cands or i in covered:
            i += 1
            continue
        t = doc[i]
        if t.lower_ in calendar:
            i += 1
            continue
        hit = None
        for k in cands:
            if tuple(texts[i : i + len(k)]) == k and not any(j in covered for j in range(i, i + len(k))):
                # not part of a longer capitalised name ("Sam" in "Sam Sary")
                nxt = doc[i + len(k)] if i + len(k) < n else None
                prv = doc[i - 1] if i > 0 else None
                if nxt is not None and nxt.pos_ == "PROPN" and N.is_name_word(nxt.text) and not titleish(nxt):
                    continue
                if prv is not None and prv.pos_ == "PROPN" and N.is_name_word(prv.text) and prv.i not in covered:
                    continue
                hit = k
                break
        if hit is None:
            i += 1
            continue
        eid = next(iter(alias_map[hit]))
        m = make_mention(doc, i, i + len(hit), "PERSON" if eid.startswith("person:") else "ORG", "string-match")
        m.entity = eid
        out.append(m)
        i += len(hit)
    return out

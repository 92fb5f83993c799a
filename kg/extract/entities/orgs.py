"""Organisations named by a common noun: "the party", "its chief executive", "Ministry spokesman"."""

from __future__ import annotations

from .. import names as N
from ..lexicon import entity_words


def org_at(index, tok) -> str | None:
    e = index.entity_at_token(tok)
    if e and index.get(e)["type"] == "Organization":
        return e
    return None


def its_org(doc, index, tok) -> str | None:
    """ "Harcourt Advisory ... said ... Its chief executive, Dr. Naomi
    Fairweather": "its" before a role is the organisation last named as a
    subject in this or the previous sentence; "their" only when no person was
    named after that organisation."""
    if tok.lower_ not in ("its", "their"):
        return None
    sent = tok.sent
    prev = doc[sent.start - 1].sent if sent.start > 0 else sent
    subs = []
    for sp in index.spans_between(prev.start_char, tok.idx):
        typ = index.get(sp[2])["type"]
        if typ == "Person":
            subs.append(None)  # "their" after a person could be theirs: no guess
            continue
        if typ != "Organization":
            continue
        root = index.root(sp[0], sp[1])
        if root is not None and root.dep_ in ("nsubj", "nsubjpass"):
            subs.append(sp[2])
    if tok.lower_ == "their":
        # "The Liberal Democrats called for an inquiry. Their home affairs
        # spokesperson, ...": only when the organisation is the last one named
        return subs[-1] if subs and subs[-1] else None
    subs = [x for x in subs if x]
    return subs[-1] if subs else None


def org_fits(index, eid: str, head: str) -> bool:
    rec = index.get(eid)
    return rec["type"] == "Organization" and (
        head in entity_words("generic_org_heads") or head in index.org_classes(eid) or head in name_heads(rec["name"])
    )


def name_heads(name: str) -> set[str]:
    """Head nouns of an organisation's name: its last word, and a word before
    "of"/"for" ("Ministry of Health", "Department for Transport"). "Charity
    Commission" is a commission, not "the charity"."""
    words = N.norm(name).split()
    out = set(words[-1:])
    for k in range(1, len(words)):
        if words[k] in ("of", "for", "on"):
            out.add(words[k - 1])
    return out


def org_nominal(index, head: str, pos: int, quals: list[str] = ()) -> str | None:
    """Most recent organisation of class `head` before pos.

    A distinguishing qualifier ("the ruling party", "the opposition party")
    must be borne out by the organisation's name or descriptors; without that
    evidence we would be guessing between rivals, so we return None.
    """
    if not any(org_fits(index, o["id"], head) for o in index.orgs()):
        return None  # no organisation of that kind at all: nothing to scan for
    # "the group" fits every organisation; one already called so is meant
    # ("The group, which calls itself NightHarbor" ... "posted by the group")
    called = {
        sp[2]
        for sp in index.spans_between(max(0, pos - 3000), pos)
        if sp[3] == "nominal"
        and index.text[sp[0] : sp[1]].lower().split()[-1:] == [head]
        and index.get(sp[2])["type"] == "Organization"
    }
    if called:
        last = index.last_before(pos, lambda sp: sp[2] in called)
        return last[2] if last else None
    last = index.last_before(pos, lambda sp: org_fits(index, sp[2], head))
    if last is None:
        return None
    if quals:
        rec = index.get(last[2])
        known = set(N.norm(rec["name"]).split()) | set(index.org_classes(last[2])) | set(index.org_descriptors(last[2]))
        if not set(quals) <= known:
            return None
    return last[2]

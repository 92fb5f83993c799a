"""Who an outcome happens to (``affected``) and who brought it (``by``: the court, prosecutor or plaintiff).

The grammatical role depends on the trigger's shape (triggers.py): the
passive or small-clause subject, the noun a reduced participle modifies, the
active object, a noun's possessor or "against/of/into" object. Conjoined
names and "along with X" add more people ("Chong Leang and Sambath Satya,
along with Rainsy, were convicted"); a relative pronoun stands for the noun
its clause hangs on. Each party is resolved to an entity of the article; an
unresolved one is kept (as text) only when it is a name, a personal pronoun
or a noun for people or bodies ("three activists"), never "the leaks".
"""

from __future__ import annotations

from ..lexicon import grammar
from ..lookup import EntityLookup
from .lexicon import Lex, lex
from .triggers import Trigger

SUBJECTS = ("nsubjpass", "nsubj")
RELATIVE = grammar("pronouns", "relative_openers")
PERSONAL = grammar("pronouns", "people")


def parties(doc, trig: Trigger, index: EntityLookup, text: str) -> tuple[list[dict], dict | None]:
    """(affected records, by record or None)."""
    heads, by = _roles(doc, trig)
    affected, seen = [], set()
    for h in _expand(doc, heads, lex()):
        rec = _party(doc, h, index, text)
        if rec is not None and (rec["entity"] or rec["text"]) not in seen:
            seen.add(rec["entity"] or rec["text"])
            affected.append(rec)
    return affected, _bringer(doc, by, index, text)


def _bringer(doc, h, index: EntityLookup, text: str) -> dict | None:
    """Who brought the outcome: an entity, else any noun phrase ("a court in Paris", "police")."""
    if h is None or h.pos_ not in ("NOUN", "PROPN", "PRON") or h.lower_ in RELATIVE:
        return None
    lo, hi = _name_span(h)
    start, end = doc[lo].idx, doc[hi].idx + len(doc[hi].text)
    ent = index.resolve(start, end)
    if ent is not None:
        return {"entity": ent, "name": index.name(ent), "start": start, "end": end, "text": text[start:end]}
    lo, hi = _phrase_span(h)
    start, end = doc[lo].idx, doc[hi].idx + len(doc[hi].text)
    return {"entity": None, "name": None, "start": start, "end": end, "text": text[start:end]}


def _roles(doc, trig: Trigger):
    """(head tokens of the affected, head token of who brought it or None)."""
    clause, word = doc[trig.clause], doc[trig.token]
    if trig.form == "noun":
        return _noun_roles(word)
    if trig.form == "reduced":
        return [clause.head], _agent(clause)
    if trig.form == "verdict":
        # "was found guilty" (subject), "found him guilty" (object, or the adjective's subject)
        subj = _child(clause, "nsubjpass") or _child(word, "nsubj")
        if subj is not None:
            return [subj], _agent(clause) or _child(clause, "nsubj")
        obj = _object(clause)
        return ([obj] if obj is not None else []), _child(clause, "nsubj")
    if trig.form in ("passive", "small-clause") or (trig.form == "order" and _child(clause, "nsubjpass") is not None):
        subj = _subject(clause)
        return ([subj] if subj is not None else []), _agent(clause)
    obj = _object(clause)
    return ([obj] if obj is not None else []), _child(clause, "nsubj")


def _object(verb):
    """The object an outcome happens to: "fined the company €2 million" (dative), "sued John Smith" (object)."""
    dative = _child(verb, "dative")
    if dative is not None:
        return dative
    obj = _child(verb, "dobj")
    return obj if obj is not None and obj.ent_type_ != "MONEY" else None


def _noun_roles(word):
    lx = lex()
    heads = [c for c in word.children if c.dep_ == "poss"]
    for p in word.children:
        if p.dep_ == "prep" and p.lower_ in lx.noun_affected_preps:
            heads += [c for c in p.children if c.dep_ == "pobj" and c.lemma_.lower() not in lx.cause_nouns]
    by = None
    if word.dep_ == "dobj":  # "X filed a lawsuit against Y": X brought it
        by = _child(word.head, "nsubj")
    return heads, by


def _subject(clause):
    """The subject, or the first conjunct's ("were convicted and sentenced"), or what a relative clause hangs on."""
    node = clause
    for _ in range(3):
        subj = next((c for c in node.children if c.dep_ in SUBJECTS), None)
        if subj is not None:
            if subj.lower_ in RELATIVE and node.dep_ == "relcl":
                return node.head
            return subj
        if node.dep_ != "conj" or node.head is node:
            return None
        node = node.head
    return None


def _agent(verb):
    for c in verb.children:
        if c.dep_ == "agent":
            return next((p for p in c.children if p.dep_ == "pobj"), None)
    return None


def _child(tok, dep: str):
    return next((c for c in tok.children if c.dep_ == dep), None)


def _expand(doc, heads: list, lx: Lex) -> list:
    """The heads, their conjuncts and the people after "along with" in their phrases."""
    out = []
    stack = list(heads)
    while stack:
        h = stack.pop(0)
        if h is None or h in out:
            continue
        out.append(h)
        stack += [c for c in h.children if c.dep_ == "conj"]
        for c in h.subtree:
            if c.dep_ == "pobj" and _after_along_with(doc, c, lx):
                stack.append(c)
    return sorted(out, key=lambda t: t.i)


def _after_along_with(doc, pobj, lx: Lex) -> bool:
    prep = pobj.head
    for phrase in lx.along_with:
        n = len(phrase)
        first = prep.i - n + 1
        if first >= 0 and tuple(doc[k].lower_ for k in range(first, prep.i + 1)) == phrase:
            return True
    return False


def _party(doc, h, index: EntityLookup, text: str) -> dict | None:
    """One party as a record: its entity when the article names one, else its words when they can be a party."""
    lo, hi = _name_span(h)
    start, end = doc[lo].idx, doc[hi].idx + len(doc[hi].text)
    ent = index.resolve(start, end)
    if ent is not None and index.get(ent)["type"] == "Account":
        ent = None
    if ent is not None:
        return {"entity": ent, "name": index.name(ent), "start": start, "end": end, "text": text[start:end]}
    pronoun = h.pos_ == "PRON" and h.lower_ in PERSONAL
    if not (pronoun or h.ent_type_ in ("PERSON", "ORG", "NORP") or h.lemma_.lower() in lex().affected_nouns):
        return None
    lo, hi = _phrase_span(h)
    start, end = doc[lo].idx, doc[hi].idx + len(doc[hi].text)
    return {"entity": None, "name": None, "start": start, "end": end, "text": text[start:end]}


def _name_span(h) -> tuple[int, int]:
    """The head and the compound/flat words before it ("Sok Eysan", "Chong Leang")."""
    lo = h.i
    for c in sorted(h.children, key=lambda c: -c.i):
        if c.i == lo - 1 and c.dep_ in ("compound", "flat", "nmod") and c.pos_ == "PROPN":
            lo = c.i
    return lo, h.i


def _phrase_span(h) -> tuple[int, int]:
    """The noun phrase without clauses, appositions or conjuncts after the head ("three activists")."""
    lo = min((c.left_edge.i for c in h.children if c.i < h.i and c.dep_ not in ("punct", "cc")), default=h.i)
    return lo, h.i

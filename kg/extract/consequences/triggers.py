"""Outcome words: where a sentence says someone was convicted, fined, sued, charged, acquitted or investigated.

``find_triggers(doc, lo, hi)`` returns one ``Trigger`` per outcome word in
the body, in text order, with the shape that found it:

* ``passive``: "Rainsy was convicted of defamation" (the subject is affected);
* ``small-clause``: "an accusation that saw him convicted" (a participle with
  a subject and no auxiliary);
* ``reduced``: "Rainsy, convicted in 2016, ..." (the noun it modifies);
* ``active``: "a court fined the company" (the object is affected);
* ``verdict``: "was found guilty of", "found him not guilty";
* ``order``: "was ordered to pay $6,000 in fines";
* ``noun``: "his conviction", "a lawsuit against X", "an investigation into X".

What never counts: a negated outcome ("was not charged"), one under a modal
("could be fined") or under a verb of intent or avoidance ("threatened to
sue", "called for an investigation", "denied being investigated"). Parties,
charges and causes are read by the other modules of this stage.
"""

from __future__ import annotations

from dataclasses import dataclass

from ..doc import token_table
from .lexicon import Lex, lex


@dataclass
class Trigger:
    token: int  # the outcome word (verb, noun, verdict adjective or paying verb)
    clause: int  # the token whose subject and object are the parties (the governor of a verdict or order)
    outcome: str
    form: str  # passive | small-clause | reduced | active | verdict | order | noun
    words: tuple[int, int]  # first, last token of the trigger text ("found guilty", "ordered to pay")

    @property
    def rule(self) -> str:
        return f"outcome-{self.form}"


def find_triggers(doc, lo: int, hi: int) -> list[Trigger]:
    tab, L = token_table(doc), lex()
    out = []
    for i, low in enumerate(tab.lows):
        if low not in L.surface or not lo <= tab.idx[i] < hi:
            continue
        t = doc[i]
        trig = _order(t, L) or _verdict(t, L) or _verb(t, L) or _noun(t, L)
        if trig is not None and not _hypothetical(doc, trig, L):
            out.append(trig)
    return out


def _order(t, L: Lex) -> Trigger | None:
    """ "ordered to pay $6,000 in fines": what is paid names the outcome."""
    if t.lemma_.lower() not in L.pay_verbs or t.dep_ != "xcomp" or t.head.lemma_.lower() not in L.order_governors:
        return None
    outcome = L.order_default
    for c in t.subtree:
        if c.lemma_.lower() in L.order_what and c.dep_ in ("pobj", "dobj"):
            outcome = L.order_what[c.lemma_.lower()]
            break
    return Trigger(t.i, t.head.i, outcome, "order", (t.head.i, t.i))


def _verdict(t, L: Lex) -> Trigger | None:
    """ "found guilty of", "found him not guilty": the adjective and its governor."""
    gov = t.head
    table = L.verdicts.get(gov.lemma_.lower())
    if t.pos_ != "ADJ" or table is None or t.dep_ not in ("acomp", "oprd", "xcomp", "ccomp", "advcl", "dobj"):
        return None
    negated = any(c.dep_ == "neg" for c in t.children) or any(c.dep_ == "neg" for c in gov.children)
    phrase = ("not " if negated else "") + t.lower_
    outcome = table.get(phrase)
    if outcome is None:
        return None
    return Trigger(t.i, gov.i, outcome, "verdict", (min(gov.i, t.i), max(gov.i, t.i)))


def _verb(t, L: Lex) -> Trigger | None:
    lemma = t.lemma_.lower()
    if t.pos_ != "VERB" or lemma not in L.verbs:
        return None
    need = L.need_prep.get(lemma)
    if need and not any(c.dep_ in ("prep", "agent") and c.lower_ in need for c in t.children):
        return None
    deps = {c.dep_ for c in t.children}
    if "nsubjpass" in deps or "auxpass" in deps:
        form = "passive"
    elif t.tag_ == "VBN" and "aux" not in deps and "nsubj" in deps:
        form = "small-clause"
    elif t.tag_ == "VBN" and t.dep_ in ("acl", "amod") and "aux" not in deps:
        form = "reduced"
    elif t.tag_ == "VBN" and t.dep_ == "conj" and "aux" not in deps and "dobj" not in deps:
        form = "passive"  # "were convicted and sentenced": shares the first verb's subject
    elif "dobj" in deps:
        form = "active"
    else:
        return None
    return Trigger(t.i, t.i, L.verbs[lemma], form, (t.i, t.i))


def _noun(t, L: Lex) -> Trigger | None:
    lemma = t.lemma_.lower()
    if t.pos_ != "NOUN" or lemma not in L.nouns:
        return None
    return Trigger(t.i, t.i, L.nouns[lemma], "noun", (t.i, t.i))


def _hypothetical(doc, trig: Trigger, L: Lex) -> bool:
    """Negated, under a modal, or the complement of a verb of intent or avoidance."""
    clause = doc[trig.clause]
    heads = {clause, doc[trig.token]}
    if trig.form != "verdict" and any(c.dep_ == "neg" for h in heads for c in h.children):
        return True
    if any(c.dep_ == "aux" and c.lower_ in L.modals for h in heads for c in h.children):
        return True
    node = clause
    for _ in range(4):  # "threatened to sue", "called for an investigation into", "could face prosecution"
        if node.dep_ not in ("xcomp", "ccomp", "pcomp", "pobj", "prep", "dobj", "conj") or node.head is node:
            break
        node = node.head
        if node.lemma_.lower() in L.intent_governors:
            return True
        if any(c.dep_ == "aux" and c.lower_ in L.modals for c in node.children) and node.pos_ in ("VERB", "AUX"):
            return True
    return False

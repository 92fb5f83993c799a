"""What an outcome was for, and how much: ``charge``, ``cause``, ``penalty`` and ``amount``.

* charge: "convicted *of defamation*", "charged *with fraud*", "on charges
  *of sedition*", "a *defamation* conviction";
* cause: a "for/over/after" phrase headed by a noun for something said or
  published ("fined *over his accusations*"), or the subject of a verb of
  result ("*an accusation* that later saw him convicted") -- the statement
  the outcome followed, which causes.py looks up among the article's
  statements;
* penalty: "sentenced *to five years*", "jailed *for two years*";
* amount: the money in the outcome's clause ("$6,000", "5 million riel"),
  as a number and an ISO currency code.
"""

from __future__ import annotations

import re

from ...timex import find_timexes
from .lexicon import Lex, lex
from .triggers import Trigger

_NUMBER = re.compile(r"\d[\d,]*(?:\.\d+)?")


def details(doc, trig: Trigger) -> dict:
    """{"charge": tokens|None, "cause": token|None, "penalty": tokens|None,
    "amount": (tokens, value, currency)|None}."""
    lx = lex()
    clause, word = doc[trig.clause], doc[trig.token]
    out = {"charge": None, "cause": _result_cause(doc, trig, lx), "penalty": None, "amount": None}
    # "fined the company €2 million for ...": the phrase may hang on the amount
    holders = {clause, word} | {c for c in clause.children if c.dep_ == "dobj" and c.ent_type_ == "MONEY"}
    preps = [c for h in holders for c in h.children if c.dep_ in ("prep", "agent")]
    for p in sorted(preps, key=lambda t: t.i):
        obj = next((c for c in p.children if c.dep_ in ("pobj", "pcomp")), None)
        if obj is None:
            continue
        if p.lower_ in lx.penalty_preps and obj.ent_type_ in ("DATE", "TIME") and out["penalty"] is None:
            ent = next((e for e in doc.ents if e.start <= obj.i < e.end), None)
            out["penalty"] = _duration(ent) if ent is not None else (p.i + 1, obj.i)
        elif obj.lemma_.lower() in lx.cause_nouns and p.lower_ in lx.cause_preps | lx.charge_preps:
            out["cause"] = out["cause"] or obj.i
        elif p.lower_ == "on" and obj.lemma_.lower() in lx.charge_nouns and out["charge"] is None:
            out["charge"] = _charge_of(obj)
        elif (
            p.lower_ in lx.charge_preps
            and p.lower_ != "on"
            and out["charge"] is None
            and obj.ent_type_ not in ("MONEY", "DATE")
        ):
            out["charge"] = (obj.left_edge.i, obj.right_edge.i)
    if trig.form == "noun" and out["charge"] is None:
        comp = [c for c in word.children if c.dep_ == "compound" and c.i < word.i]
        if comp:
            out["charge"] = (comp[0].left_edge.i, comp[-1].i)
    out["amount"] = _amount(doc, trig, out["cause"], lx)
    return out


def _duration(ent) -> tuple[int, int]:
    """The penalty part of a DATE entity: NER runs "five years late last year" together; the
    time expression after the duration says when, not how long (it is the outcome's date)."""
    found = [t for t in find_timexes(ent.text) if t.start > 0]
    if not found:
        return ent.start, ent.end - 1
    cut = ent.start_char + found[0].start
    last = max((k for k in range(ent.start, ent.end) if ent.doc[k].idx < cut), default=ent.start)
    return ent.start, last


def _charge_of(noun) -> tuple[int, int]:
    """ "charges of sedition" -> "sedition"; "charges stemming from a video" -> "stemming from a video"."""
    for c in noun.children:
        if c.dep_ == "prep" and c.lower_ == "of":
            obj = next((o for o in c.children if o.dep_ == "pobj"), None)
            if obj is not None:
                return obj.left_edge.i, obj.right_edge.i
    after = [c for c in noun.children if c.i > noun.i and c.dep_ in ("acl", "prep", "relcl")]
    if after:
        return after[0].left_edge.i, after[-1].right_edge.i
    return noun.left_edge.i, noun.right_edge.i


def _result_cause(doc, trig: Trigger, lx: Lex) -> int | None:
    """ "an accusation that later saw him convicted", "remarks that led to his arrest": the noun the
    result verb's subject (or its relative clause) stands for."""
    node = doc[trig.clause]
    for _ in range(4):
        if node.head is node:
            return None
        node = node.head
        if node.lemma_.lower() in lx.result_governors:
            subj = next((c for c in node.children if c.dep_ in ("nsubj", "nsubjpass")), None)
            if subj is not None and subj.lower_ in ("that", "which") and node.dep_ == "relcl":
                subj = node.head
            if subj is not None and subj.lemma_.lower() in lx.cause_nouns:
                return subj.i
            return None
        if node.pos_ == "VERB" and node.dep_ not in ("xcomp", "ccomp", "prep", "pcomp"):
            return None
    return None


def _amount(doc, trig: Trigger, cause: int | None, lx: Lex):
    """The first MONEY entity inside the outcome's clause (not inside the cause phrase)."""
    clause = doc[trig.clause]
    lo, hi = clause.left_edge.i, clause.right_edge.i
    skip = range(doc[cause].left_edge.i, doc[cause].right_edge.i + 1) if cause is not None else range(0)
    for ent in doc.ents:
        if ent.label_ != "MONEY" or ent.start < lo or ent.end - 1 > hi or ent.start in skip:
            continue
        parsed = parse_money(ent.text, lx)
        if parsed is not None:
            return (ent.start, ent.end - 1), parsed[0], parsed[1]
    return None


def parse_money(text: str, lx: Lex | None = None) -> tuple[float, str | None] | None:
    """ "around $6,000" -> (6000, "USD"); "5 million riel" -> (5000000, "KHR"); no number -> None."""
    lx = lx or lex()
    m = _NUMBER.search(text)
    if m is None:
        return None
    value = float(m.group().replace(",", ""))
    rest = text[m.end() :].lower().split()
    if rest and rest[0].strip(".") in lx.multipliers:
        value *= lx.multipliers[rest[0].strip(".")]
    before = text[: m.start()].replace(" ", "")
    currency = None
    for sym in sorted(lx.symbols, key=len, reverse=True):  # "HK$" before "$"
        if before.endswith(sym):
            currency = lx.symbols[sym]
            break
    if currency is None:
        for w in rest:
            w = w.strip(".,")
            base = w[:-1] if w.endswith("s") and w[:-1] in lx.currency_words else w
            if base in lx.currency_words:
                currency = lx.currency_words[base]
                break
    return (int(value) if value.is_integer() else value), currency

"""The consequences stage: legal and institutional outcomes, tied to the statement they followed.

``find_consequences(doc, index, statements, body)`` runs after the statement
stage and returns one record per outcome, ids c1..cN in text order:

1. triggers (``triggers``): outcome words and the shape that found each
   ("was convicted", "saw him convicted", "ordered to pay", "found guilty",
   "his conviction"), never negated, modal or intended;
2. parties (``parties``): who it happened to (``affected``, entities of the
   article where it names them) and who brought it (``by``);
3. details (``details``): the charge, the cause phrase, the penalty and the
   amount of money;
4. causes (``causes``): the statement of the article the cause names
   (``because_of``, with ``link_rule``);
5. date (``..dates``): the time expression on the outcome word ("were
   sentenced ... late last year"), resolved against the article date.

An outcome with nobody it happens to is no record; an outcome stated inside
a denial's content ("denied that he was charged") neither. The stage reads
statements as plain records and entities through ``EntityLookup``; it never
changes them. Record shape: docs/extractor-contract.md.
"""

from __future__ import annotations

from ..dates import attach
from ..doc import doc_text
from ..lookup import EntityLookup
from ..spans import tok_record
from .causes import cause_tokens, link
from .details import details
from .parties import parties
from .triggers import find_triggers


def find_consequences(doc, index: EntityLookup, statements: list[dict], body=(0, None), timexes=()) -> list[dict]:
    text = doc_text(doc)
    lo, hi = body[0], body[1] if body[1] is not None else len(text)
    denials = [s["content"] for s in statements if s["kind"] == "denial"]
    out, made = [], {}
    for trig in find_triggers(doc, lo, hi):
        at = doc[trig.token].idx
        if any(d["start"] <= at < d["end"] for d in denials):
            continue
        affected, by = parties(doc, trig, index, text)
        if not affected:
            continue
        d = details(doc, trig)
        because, link_rule = link(doc, d["cause"], affected, statements, index)
        sent = doc[trig.token].sent
        cause = tok_record(doc, *cause_tokens(doc, d["cause"]), text) if d["cause"] is not None else None
        out.append(
            {
                "id": f"c{len(out) + 1}",
                "outcome": trig.outcome,
                "trigger": tok_record(doc, *trig.words, text),
                "affected": affected,
                "by": by,
                "charge": tok_record(doc, *d["charge"], text) if d["charge"] else None,
                "penalty": tok_record(doc, *d["penalty"], text) if d["penalty"] else None,
                "amount": _amount(doc, d["amount"], text),
                "cause": cause,
                "because_of": because,
                "sentence": tok_record(doc, sent.start, _last_word(doc, sent), text),
                "date": attach(
                    doc, list(timexes), _anchor(doc, trig), [(cause["start"], cause["end"])] if cause else []
                ),
                "rule": trig.rule,
                "link_rule": link_rule,
            }
        )
        made[trig.token] = out[-1]
    _share_conjoined(doc, made)
    return out


def _share_conjoined(doc, made: dict) -> None:
    """ "were convicted and sentenced ... on charges of X": conjoined outcomes share the
    charge and the statement they followed, whichever of them the phrase hangs on."""
    for tok, rec in made.items():
        t = doc[tok]
        other = made.get(t.head.i) if t.dep_ == "conj" else None
        if other is None:
            continue
        for a, b in ((rec, other), (other, rec)):
            for key in ("charge", "cause", "date"):
                a[key] = a[key] or b[key]
            if not a["because_of"] and b["because_of"]:
                a["because_of"], a["link_rule"] = list(b["because_of"]), b["link_rule"]


def _last_word(doc, sent) -> int:
    """The sentence's last token that is not white space (spaCy keeps a paragraph break in the sentence)."""
    k = sent.end - 1
    while k > sent.start and doc[k].is_space:
        k -= 1
    return k


def _anchor(doc, trig) -> set[int]:
    """The outcome's words and the outcome verbs conjoined with it ("were convicted and sentenced")."""
    words = set(range(trig.words[0], trig.words[1] + 1)) | {trig.clause}
    t = doc[trig.token]
    if t.dep_ == "conj":
        words.add(t.head.i)
    words |= {c.i for c in t.children if c.dep_ == "conj" and c.pos_ == "VERB"}
    return words


def _amount(doc, amount, text: str) -> dict | None:
    if amount is None:
        return None
    (a, b), value, currency = amount
    return {**tok_record(doc, a, b, text), "value": value, "currency": currency}

"""The consequences lexicon (kg/patterns/consequences.toml) as sets and maps, built once."""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache

from ..lexicon import patterns


@dataclass(frozen=True)
class Lex:
    verbs: dict  # lemma -> outcome
    need_prep: dict  # lemma -> frozenset of prepositions
    verdicts: dict  # governor lemma -> {adjective phrase -> outcome}
    order_governors: frozenset
    pay_verbs: frozenset
    order_default: str
    order_what: dict  # noun lemma -> outcome
    nouns: dict  # lemma -> outcome
    noun_affected_preps: frozenset
    intent_governors: frozenset
    modals: frozenset
    charge_preps: frozenset
    cause_preps: frozenset
    charge_nouns: frozenset
    cause_nouns: frozenset
    penalty_preps: frozenset
    result_governors: frozenset
    affected_nouns: frozenset
    along_with: tuple  # of word tuples ("along", "with")
    symbols: dict
    currency_words: dict
    multipliers: dict
    surface: frozenset  # lowercase word forms that may be an outcome word (a prefilter)


def _forms(lemma: str) -> set[str]:
    """Regular English inflections of a verb or noun, for the prefilter only
    (the lemma is checked on the token itself)."""
    out = {lemma, lemma + "s", lemma + "es", lemma + "ed", lemma + "d", lemma + "ing"}
    if lemma.endswith("e"):
        out |= {lemma[:-1] + "ing"}
    if lemma.endswith("y"):
        out |= {lemma[:-1] + "ies", lemma[:-1] + "ied"}
    out |= {lemma + lemma[-1] + "ed", lemma + lemma[-1] + "ing"}  # "banned", "jailing"
    return out


def _low(words) -> frozenset:
    return frozenset(str(w).lower() for w in words)


@lru_cache(maxsize=1)
def lex() -> Lex:
    d = patterns("consequences")
    verdicts = {gov: {k.lower(): v for k, v in table.items()} for gov, table in d["verdicts"].items()}
    surface: set[str] = set()
    for lemma in list(d["verbs"]) + list(d["nouns"]) + list(d["orders"]["pay_verbs"]):
        surface |= _forms(lemma)
    for table in verdicts.values():
        surface |= {phrase.split()[-1] for phrase in table}
    return Lex(
        verbs=dict(d["verbs"]),
        need_prep={k: _low(v) for k, v in d["verbs_need_preposition"].items()},
        verdicts=verdicts,
        order_governors=_low(d["orders"]["governors"]),
        pay_verbs=_low(d["orders"]["pay_verbs"]),
        order_default=d["orders"]["default"],
        order_what=dict(d["orders"]["what"]),
        nouns=dict(d["nouns"]),
        noun_affected_preps=_low(d["parties"]["noun_affected_preps"]),
        intent_governors=_low(d["hypothetical"]["intent_governors"]),
        modals=_low(d["hypothetical"]["modals"]),
        charge_preps=_low(d["phrases"]["charge_preps"]),
        cause_preps=_low(d["phrases"]["cause_preps"]),
        charge_nouns=_low(d["phrases"]["charge_nouns"]),
        cause_nouns=_low(d["phrases"]["cause_nouns"]),
        penalty_preps=_low(d["phrases"]["penalty_preps"]),
        result_governors=_low(d["phrases"]["result_governors"]),
        affected_nouns=_low(d["parties"]["affected_nouns"]),
        along_with=tuple(tuple(p.lower().split()) for p in d["parties"]["along_with"]),
        symbols=dict(d["currency"]["symbols"]),
        currency_words=dict(d["currency"]["words"]),
        multipliers={k.lower(): v for k, v in d["currency"]["multipliers"].items()},
        surface=frozenset(surface),
    )

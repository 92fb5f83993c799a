"""The claim-grouping rules as data (kg/patterns/claims.toml), loaded once."""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache

from .. import patterns


@dataclass(frozen=True)
class Rules:
    asserting: frozenset
    denying: frozenset
    join: float
    link_bonus: float
    quote_bonus: float
    person_penalty: float
    min_shared: int
    informative_keys: int
    max_candidates: int
    key_candidates: int
    max_scored_members: int
    label_chars: int
    rule_ids: frozenset
    concept_of: dict  # lemma -> concept
    stop: frozenset
    judgement: frozenset
    function_forms: frozenset
    aside_heads: frozenset

    def stance(self, kind: str) -> str | None:
        """'asserts', 'denies' or None (the kind takes no stance on a claim)."""
        if kind in self.asserting:
            return "asserts"
        if kind in self.denying:
            return "denies"
        return None


@lru_cache(maxsize=1)
def load_rules() -> Rules:
    return rules_from(patterns.load("claims"))


def rules_from(raw: dict) -> Rules:
    t, w = raw["thresholds"], raw["words"]
    concept_of: dict[str, str] = {}
    for concept, lemmas in raw["concepts"].items():
        for lemma in lemmas:
            if lemma in concept_of and concept_of[lemma] != concept:
                raise ValueError(f"claims.toml: '{lemma}' is in two concepts ({concept_of[lemma]}, {concept})")
            concept_of[lemma] = concept
    return Rules(
        asserting=frozenset(raw["asserting_kinds"]),
        denying=frozenset(raw["denying_kinds"]),
        join=float(t["join"]),
        link_bonus=float(t["link_bonus"]),
        quote_bonus=float(t["quote_bonus"]),
        person_penalty=float(t["person_penalty"]),
        min_shared=int(t["min_shared"]),
        informative_keys=int(t["informative_keys"]),
        max_candidates=int(t["max_candidates"]),
        key_candidates=int(t["key_candidates"]),
        max_scored_members=int(t["max_scored_members"]),
        label_chars=int(t["label_chars"]),
        rule_ids=frozenset(raw["rules"]),
        concept_of=concept_of,
        stop=frozenset(w["stop"]),
        judgement=frozenset(w["denial_judgement"]),
        function_forms=frozenset(w["function_forms"]),
        aside_heads=frozenset(w["aside_heads"]),
    )

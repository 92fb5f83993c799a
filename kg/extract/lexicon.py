"""Lexicon views over the pattern data (``kg/patterns/*.toml``, read by ``kg.patterns.load``).

* ``patterns(name)``: a parsed file as a dict (shared: never mutate it);
* ``lexicon_set(name, *keys)``: one list of a file as a lowercase frozenset;
* ``cues()``: the statement-side lexicon (cues.toml) as nested namespaces of
  lowercase frozensets (``cues().speech.verbs``, ``cues().deny.default_verbs``).

The code never names a word a lexicon could hold; widening coverage means
editing the TOML files.
"""

from __future__ import annotations

from functools import lru_cache
from types import SimpleNamespace

from ..patterns import load


def patterns(name: str) -> dict:
    """The parsed ``kg/patterns/<name>.toml`` (cached; do not mutate)."""
    return load(name)


@lru_cache(maxsize=None)
def lexicon_set(name: str, *keys: str) -> frozenset[str]:
    """A lowercase set from a list in a pattern file (nested keys allowed)."""
    data = load(name)
    for k in keys:
        data = data[k]
    return frozenset(str(x).lower() for x in data)


def _freeze(value):
    if isinstance(value, dict):
        return SimpleNamespace(**{k: _freeze(v) for k, v in value.items()})
    if isinstance(value, list) and all(isinstance(v, str) for v in value):
        return frozenset(v.lower() for v in value)
    return value


@lru_cache(maxsize=None)
def cues() -> SimpleNamespace:
    """cues().speech.verbs, cues().deny.default_verbs, ... (strings as frozensets)."""
    ns = _freeze(load("cues"))
    ns.speech.verbs = ns.speech.verbs | ns.speech.person_verbs  # (each verb is listed once in the file)
    return ns


def speech_verbs() -> frozenset[str]:
    """Verbs of saying whose subject the entity stage takes as a speaker (cues.toml speech.person_verbs)."""
    return cues().speech.person_verbs


def entity_words(key: str) -> frozenset[str]:
    """A word list of the entity side (entities.toml ``[lexicon]``)."""
    return lexicon_set("entities", "lexicon", key)


def account_words(key: str) -> frozenset[str]:
    """A word list of online accounts (accounts.toml ``[lexicon]``)."""
    return lexicon_set("accounts", "lexicon", key)


def grammar(group: str, key: str) -> frozenset[str]:
    """A closed-class word set from grammar.toml (``grammar("pronouns", "male")``)."""
    return lexicon_set("grammar", group, key)

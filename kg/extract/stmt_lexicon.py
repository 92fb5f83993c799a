"""The statement-side lexicons (kg/patterns/cues.toml), loaded once as frozensets."""

from __future__ import annotations

import tomllib
from functools import lru_cache
from importlib import resources
from types import SimpleNamespace


def _freeze(value):
    if isinstance(value, dict):
        return SimpleNamespace(**{k: _freeze(v) for k, v in value.items()})
    if isinstance(value, list) and all(isinstance(v, str) for v in value):
        return frozenset(v.lower() for v in value)
    return value


@lru_cache(maxsize=None)
def cues() -> SimpleNamespace:
    """cues().speech.verbs, cues().deny.default_verbs, ... (strings as frozensets)."""
    raw = tomllib.loads(resources.files("kg.patterns").joinpath("cues.toml").read_text("utf-8"))
    return _freeze(raw)

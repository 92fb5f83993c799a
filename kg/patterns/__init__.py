"""Pattern data: the lexicons and lists kg reads (``kg/patterns/*.toml``).

``load(name)`` is the one TOML loader of the project: the extractor's lexicon
views (``kg.extract.lexicon``), the page-chrome rules (``kg.cleaning``) and
the claim-grouping rules (``kg.claims.rules``) all read through it. Files are parsed once per process; callers must not
mutate the returned dict (copy it first).
"""

from __future__ import annotations

import tomllib
from functools import lru_cache
from importlib import resources


@lru_cache(maxsize=None)
def load(name: str) -> dict:
    """The parsed ``kg/patterns/<name>.toml`` (cached)."""
    return tomllib.loads(resources.files(__name__).joinpath(f"{name}.toml").read_text("utf-8"))

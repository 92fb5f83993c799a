"""Everything a process loads once before it extracts, behind one function.

``load_resources()`` is what every kind of parser process calls first: the
``kg ingest --workers N`` pool initialiser and the Dask worker plugin
(``kg.cluster.tasks.KgResources``). A new resource the extractor needs (a
trained tagger, say) is added here, and every process type loads it the same
way, once, before its first article.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from typing import Any

# Parsed and extracted once at load time: the extractor reads its lexicons
# (kg/patterns/*.toml) lazily, so without this the first article of every
# worker would pay for them and a broken lexicon would only show mid-run.
_WARM_UP = (
    "Opposition leader Jane Roe accused Minister John Doe of taking bribes.\n\n"
    '"This is a lie," Doe told reporters on Monday, denying the allegations.\n'
)


@dataclass(frozen=True)
class Resources:
    nlp: Any  # the spaCy Language


@lru_cache(maxsize=None)
def load_resources() -> Resources:
    """The spaCy pipeline and the extractor's lexicons, loaded (and exercised) once per process."""
    from .cleaning import clean_text
    from .extract import extract
    from .nlp import load_nlp

    nlp = load_nlp()
    extract(clean_text(_WARM_UP), nlp)
    return Resources(nlp=nlp)

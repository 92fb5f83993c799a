"""How extraction time grows with sentence length (our code only, not the parse).

A quadratic step once made a 290 KB one-sentence file take ~3 minutes
(ent_metrics rescanned the sentence for every number). Target: 4x the clauses
costs under 8x the extraction time (linear would be 4x).

    python bench/extract_scaling.py
"""

from __future__ import annotations

import time

from _common import finish

from kg.cleaning import clean_text
from kg.extract import extract_doc
from kg.nlp import load_nlp


def sentence(n: int) -> str:
    """One sentence with n clauses, ~48 characters each."""
    return (
        "Opposition leader Jane Roe said that "
        + " and ".join(f"minister number {i} lied about the contract" for i in range(n))
        + ".\n"
    )


def extract_seconds(nlp, n: int, repeat: int) -> float:
    art = clean_text(sentence(n))
    doc = nlp(art.text)
    best = float("inf")
    for _ in range(repeat):
        t0 = time.perf_counter()
        extract_doc(doc, art)
        best = min(best, time.perf_counter() - t0)
    return best


def main() -> None:
    nlp = load_nlp()
    extract_seconds(nlp, 50, 1)  # warm-up
    small = extract_seconds(nlp, 250, 3)
    large = extract_seconds(nlp, 1000, 2)
    ratio = large / small
    finish(
        "extract_scaling",
        {
            "clauses_small": 250,
            "clauses_large": 1000,
            "seconds_small": round(small, 4),
            "seconds_large": round(large, 4),
            "ratio": round(ratio, 2),
        },
        {"4x clauses under 8x time": ratio < 8},
        f"250 clauses {small:.3f} s, 1000 clauses {large:.3f} s, ratio {ratio:.1f} (linear = 4)",
    )


if __name__ == "__main__":
    main()

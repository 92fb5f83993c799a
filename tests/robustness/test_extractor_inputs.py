"""Extractor on hostile shapes of text. Failures found here are reported to
the extractor's owners; the tests stay as the reproducer."""

from __future__ import annotations

import time

import pytest

from kg.cleaning import clean_text
from kg.extract import extract_doc


def sentence(n: int) -> str:
    """One sentence with n clauses, each with a number: ~48 chars per clause."""
    return "Opposition leader Jane Roe said that " + " and ".join(
        f"minister number {i} lied about the contract" for i in range(n)
    ) + ".\n"


def extract_seconds(nlp, text: str) -> float:
    art = clean_text(text)
    doc = nlp(art.text)
    t0 = time.perf_counter()
    rec = extract_doc(doc, art)
    elapsed = time.perf_counter() - t0
    assert rec["entities"]  # it did run
    return elapsed


# Regression guard: attach_metrics (kg/extract/ent_metrics.py) once rescanned
# the sentence for every number in it, so a 290 KB one-sentence file took ~3
# minutes to extract; a quadratic step anywhere in the extractor fails this.
@pytest.mark.slow
def test_extraction_time_is_linear_in_sentence_length(nlp):
    """4x the sentence should cost about 4x the time, not 16x. The ratio, not
    a wall-clock budget, so the test means the same on any machine."""
    extract_seconds(nlp, sentence(50))  # warm-up
    small = min(extract_seconds(nlp, sentence(250)) for _ in range(3))
    large = min(extract_seconds(nlp, sentence(1000)) for _ in range(2))
    assert large / small < 8, f"250 clauses {small:.2f} s, 1000 clauses {large:.2f} s"


@pytest.mark.parametrize("text", [
    '"""" “”“” ‘’‘’ \'\'\'\n"\n“\n”\n',
    '“' * 500 + "\n",
    'Jane Roe said "' * 200 + "\n",
    "Minister John Doe denied it: “" + "no " * 3000 + "\n",
    "🙂" * 2000 + "\n",
    "رئيس الوزراء نفى الاتهامات، وقال إنها \"ملفقة\". " * 50 + "\n",
    "\u202e" * 100 + "Jane Roe accused John Doe.\u202c\n",
    "a" * 200_000 + "\n",
    "said. " * 5000 + "\n",
])
def test_odd_text_extracts_without_raising(nlp, text):
    art = clean_text(text)
    rec = extract_doc(nlp(art.text), art)
    for s in rec["statements"]:
        for key in ("sentence", "content"):
            sp = s[key]
            assert 0 <= sp["start"] <= sp["end"] <= len(text) and text[sp["start"]:sp["end"]] == sp["text"]

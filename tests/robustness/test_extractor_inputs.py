"""Extractor on hostile shapes of text. Failures found here are reported to
the extractor's owners; the tests stay as the reproducer. (How extraction time
grows with sentence length is a benchmark: bench/extract_scaling.py.)"""

from __future__ import annotations

import pytest

from kg.cleaning import clean_text
from kg.extract import extract_doc


@pytest.mark.parametrize(
    "text",
    [
        '"""" “”“” ‘’‘’ \'\'\'\n"\n“\n”\n',
        "“" * 500 + "\n",
        'Jane Roe said "' * 200 + "\n",
        "Minister John Doe denied it: “" + "no " * 3000 + "\n",
        "🙂" * 2000 + "\n",
        'رئيس الوزراء نفى الاتهامات، وقال إنها "ملفقة". ' * 50 + "\n",
        "\u202e" * 100 + "Jane Roe accused John Doe.\u202c\n",
        "a" * 200_000 + "\n",
        "said. " * 5000 + "\n",
    ],
)
def test_odd_text_extracts_without_raising(nlp, text):
    art = clean_text(text)
    rec = extract_doc(nlp(art.text), art)
    for s in rec["statements"]:
        for key in ("sentence", "content"):
            sp = s[key]
            assert 0 <= sp["start"] <= sp["end"] <= len(text) and text[sp["start"] : sp["end"]] == sp["text"]

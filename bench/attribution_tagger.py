"""What the attribution tagger costs next to spaCy's own parse.

Raw ``nlp.pipe`` over the texts (same spaCy model as extraction) is the baseline; the tagger's
cost is features + CRF + decoding on the parsed docs; the rule extractor's cost (``extract_doc``)
is measured too: ``extract_doc(..., tagger=False)`` (the rules alone) and ``extract_doc`` as
``kg extract`` runs it (rules + tagger in the statement stage). CPU time of this process, best of three interleaved
runs, so other processes on a shared machine skew the figures less (they are still noisy there).

Texts: corpus/ and eval/dev/articles/ (committed), plus PolNeAR's validation fold when
$KG_POLNEAR names a copy (its text is read at run time and never written out).

Target (issue 10): the tagger adds at most 20% to the parse: checked as what extraction with
the tagger costs over extraction without it, as a share of the parse (and the tagger alone).

    python bench/attribution_tagger.py
"""

from __future__ import annotations

import os
import time

from _common import ROOT, finish

from kg.extract.tagger.model import load_tagger
from kg.cleaning import clean_text
from kg.extract import extract_doc
from kg.nlp import load_nlp


def texts() -> list[str]:
    out = [p.read_text("utf-8") for d in ("corpus", "eval/dev/articles") for p in sorted((ROOT / d).glob("*.txt"))]
    if os.environ.get("KG_POLNEAR"):
        from kg.corpora.polnear import Polnear

        corpus = Polnear(None)
        out += [a.text for a in corpus.articles(corpus.fold("validation"))]
    return out


def cpu(fn) -> float:
    t0 = time.process_time()
    fn()
    return time.process_time() - t0


def main() -> None:
    nlp, tagger = load_nlp(), load_tagger()
    arts = [clean_text(t) for t in texts()]
    bodies = [a.text for a in arts]
    docs = list(nlp.pipe(bodies))  # warm-up, and the docs the later stages read
    tagger.attributions(docs[0])
    words = sum(len(t.split()) for t in bodies)
    parse, tag, rules, full = [], [], [], []
    for _ in range(3):
        parse.append(cpu(lambda: list(nlp.pipe(bodies))))
        tag.append(cpu(lambda: [tagger.attributions(d) for d in docs]))
        rules.append(cpu(lambda: [extract_doc(d, a, False) for d, a in zip(docs, arts)]))
        full.append(cpu(lambda: [extract_doc(d, a) for d, a in zip(docs, arts)]))
    p, t, r, f = min(parse), min(tag), min(rules), min(full)
    added = max(f - r, 0.0)
    finish(
        "attribution_tagger",
        {
            "articles": len(bodies),
            "words": words,
            "parse_cpu_s": round(p, 3),
            "tagger_cpu_s": round(t, 3),
            "rules_cpu_s": round(r, 3),
            "extract_with_tagger_cpu_s": round(f, 3),
            "parse_words_per_s": round(words / p),
            "tagger_words_per_s": round(words / t),
            "tagger_share_of_parse": round(t / p, 3),
            "rules_share_of_parse": round(r / p, 3),
            "tagger_added_share_of_parse": round(added / p, 3),
            "extract_with_tagger_share_of_parse": round(f / p, 3),
        },
        {"tagger adds at most 20% to the parse": added / p <= 0.20 and t / p <= 0.20},
        f"{words} words: parse {p:.2f} s, tagger alone {t:.2f} s ({t / p:.0%} of parse, {words / t:,.0f} words/s), "
        f"extraction {r:.2f} s without the tagger, {f:.2f} s with it (+{added / p:.0%} of parse)",
    )


if __name__ == "__main__":
    main()

"""Running a predictor over gold articles and collecting the scores of kg.scoring.attribution."""

from __future__ import annotations

from collections import Counter
from typing import Callable, Iterable

from .attribution import Tally, cue_lemma, score_article, summary

Predictor = Callable[[object, object], list]  # (article, doc) -> attributions (with .spans(role))


def evaluate(
    pairs: Iterable[tuple[object, object]], predict: Predictor, *, progress=None, total: int | None = None
) -> dict:
    """Scores of ``predict`` over (article, doc) pairs; an article has ``id``, ``text``, ``attributions``."""
    tally, per_article, misses = Tally(), [], []
    for n, (art, doc) in enumerate(pairs, 1):
        pred = predict(art, doc)
        t, missed = score_article(art.text, list(art.attributions), pred, doc)
        tally.add(t)
        per_article.append({"id": art.id, "gold": t.gold, "predicted": t.pred, "matched": t.matched})
        for gi in missed:
            a = art.attributions[gi]
            misses.append(
                {
                    "id": art.id,
                    "cue": [list(s) for s in a.cue],
                    "lemma": cue_lemma(doc, a.cue),
                    "cue_text": " ".join(art.text[s:e] for s, e in a.cue),
                    "source_text": " ".join(art.text[s:e] for s, e in a.source),
                    "content_text": " ".join(art.text[s:e] for s, e in a.content),
                }
            )
        if progress:
            progress(n, total)
    report = summary(tally)
    report["articles"] = len(per_article)
    report["cue_lemmas"] = [
        {"lemma": lem, "gold": n, "found": tally.lemma_found[lem], "recall": tally.lemma_found[lem] / n}
        for lem, n in sorted(tally.lemma_gold.items(), key=lambda x: (-x[1], x[0]))
    ]
    report["per_article"] = per_article
    report["misses"] = _worst(misses, tally)
    return report


def _worst(misses: list[dict], tally: Tally) -> list[dict]:
    """Misses ordered worst first: cues the system usually finds (so a miss is a surprise), then by lemma frequency."""
    freq = Counter(m["lemma"] for m in misses)

    def key(m):
        lem = m["lemma"]
        rec = tally.lemma_found[lem] / tally.lemma_gold[lem] if tally.lemma_gold[lem] else 0.0
        return (-freq[lem], -rec, m["id"], m["cue"])

    return sorted(misses, key=key)

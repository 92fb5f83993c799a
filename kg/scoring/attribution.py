"""Scoring predicted attributions against gold ones (PolNeAR / PARC style).

Definitions (docs/extraction.md states them for readers of the figures):

* Characters that count: a span's characters minus whitespace and punctuation, so a quotation
  mark or comma at a span's edge never decides a match.
* **Overlap match** (the measure citron and the PARC literature call partial or overlap matching,
  taken at the level of whole attributions): a prediction matches a gold attribution when their
  cues share a character *and* their contents share a character. Pairs are made one-to-one,
  largest content overlap first, so one prediction never counts for two gold attributions.
  Precision = matched / predicted, recall = matched / gold.
* **Exact match**: the cue characters are equal and the content characters are equal.
* **Source accuracy**: over overlap-matched pairs whose gold attribution has a source, the share
  whose predicted source shares a character with the gold source.
* **Token overlap** per role (citron's "overlap metric"): characters of that role predicted inside
  the same role of a gold attribution over all predicted characters (precision) / all gold ones (recall).
* **Cue lemma**: the lemma of the gold cue's syntactic root (``say``, ``accord`` for
  "according to", ``:`` for a colon); recall is reported per lemma.
"""

from __future__ import annotations

import unicodedata
from collections import Counter
from dataclasses import dataclass, field

ROLES = ("source", "cue", "content")


def _counts(text: str, spans) -> frozenset[int]:
    out = set()
    for s, e in spans:
        for i in range(max(s, 0), min(e, len(text))):
            c = text[i]
            if not c.isspace() and not unicodedata.category(c).startswith("P"):
                out.add(i)
    return frozenset(out)


@dataclass
class Tally:
    gold: int = 0
    pred: int = 0
    matched: int = 0
    exact: int = 0
    src_gold: int = 0  # matched pairs whose gold has a source
    src_right: int = 0
    chars: dict = field(default_factory=lambda: {r: [0, 0, 0] for r in ROLES})  # overlap, pred, gold
    lemma_gold: Counter = field(default_factory=Counter)
    lemma_found: Counter = field(default_factory=Counter)

    def add(self, other: "Tally") -> None:
        for k in ("gold", "pred", "matched", "exact", "src_gold", "src_right"):
            setattr(self, k, getattr(self, k) + getattr(other, k))
        for r in ROLES:
            self.chars[r] = [a + b for a, b in zip(self.chars[r], other.chars[r])]
        self.lemma_gold.update(other.lemma_gold)
        self.lemma_found.update(other.lemma_found)


def prf(matched: int, pred: int, gold: int) -> dict:
    p = matched / pred if pred else 0.0
    r = matched / gold if gold else 0.0
    return {"p": p, "r": r, "f1": 2 * p * r / (p + r) if p + r else 0.0}


def match(text: str, gold: list, pred: list) -> tuple[list[tuple[int, int]], dict]:
    """One-to-one overlap matches (gold index, pred index), and per-pair character sets."""
    g_sets = [{r: _counts(text, a.spans(r)) for r in ROLES} for a in gold]
    p_sets = [{r: _counts(text, a.spans(r)) for r in ROLES} for a in pred]
    cands = []
    for gi, g in enumerate(g_sets):
        for pi, p in enumerate(p_sets):
            if g["cue"] & p["cue"] and g["content"] & p["content"]:
                cands.append((-len(g["content"] & p["content"]), gi, pi))
    used_g, used_p, pairs = set(), set(), []
    for _, gi, pi in sorted(cands):
        if gi not in used_g and pi not in used_p:
            used_g.add(gi)
            used_p.add(pi)
            pairs.append((gi, pi))
    return sorted(pairs), {"gold": g_sets, "pred": p_sets}


def cue_lemma(doc, spans) -> str:
    """Lemma of the syntactic root of the cue's tokens (lower case), '?' when no token is inside."""
    toks = [t for t in doc if not t.is_space and any(s <= t.idx < e for s, e in spans)]
    if not toks:
        return "?"
    inside = {t.i for t in toks}
    root = next((t for t in toks if t.head.i not in inside or t.head is t), toks[0])
    return root.lemma_.lower()


def score_article(text: str, gold: list, pred: list, doc=None) -> tuple[Tally, list[int]]:
    """Tally for one article and the indices of gold attributions left unmatched."""
    pairs, sets = match(text, gold, pred)
    t = Tally(gold=len(gold), pred=len(pred), matched=len(pairs))
    for gi, pi in pairs:
        g, p = sets["gold"][gi], sets["pred"][pi]
        t.exact += g["cue"] == p["cue"] and g["content"] == p["content"]
        if g["source"]:
            t.src_gold += 1
            t.src_right += bool(g["source"] & p["source"])
    for r in ROLES:
        gold_r = frozenset().union(*(s[r] for s in sets["gold"]))
        pred_r = frozenset().union(*(s[r] for s in sets["pred"]))
        t.chars[r] = [len(gold_r & pred_r), len(pred_r), len(gold_r)]
    if doc is not None:
        found = {gi for gi, _ in pairs}
        for gi, a in enumerate(gold):
            lem = cue_lemma(doc, a.cue)
            t.lemma_gold[lem] += 1
            t.lemma_found[lem] += gi in found
    missed = [gi for gi in range(len(gold)) if gi not in {g for g, _ in pairs}]
    return t, missed


def summary(t: Tally) -> dict:
    out = {
        "gold": t.gold,
        "predicted": t.pred,
        "matched": t.matched,
        "overlap": prf(t.matched, t.pred, t.gold),
        "exact": prf(t.exact, t.pred, t.gold),
        "source_accuracy": t.src_right / t.src_gold if t.src_gold else 0.0,
        "source_pairs": t.src_gold,
        "token_overlap": {r: prf(*t.chars[r]) for r in ROLES},
    }
    return out

"""Merging the tagger's attributions with the rule extractor's statements.

The CRF finds the long tail of cues the rules never listed; the rules know speakers better (they
resolve pronouns, appositions and speakers carried across paragraphs). So, per the measurements in
docs/extraction.md:

* where a rule statement's cue overlaps a model attribution's cue, the model's spans are kept and,
  when the model has no source but the rules found a speaker, the rule's speaker is the source
  (replacing a source the model found measured no better: the decoder borrows sources from
  the parse too);
* a rule statement whose cue and content overlap no model attribution is one the model missed: it
  is kept as it is.

Both sides are plain records with ``.spans(role)`` (``Decoded``); nothing here parses text.
"""

from __future__ import annotations

from dataclasses import dataclass

from ..extract.tagger.decode import Decoded


@dataclass(frozen=True)
class Merged:
    attribution: Decoded
    origin: str  # "model", "model+rule-speaker" or "rule"

    def spans(self, role: str):
        return self.attribution.spans(role)


def _overlap(a, b) -> bool:
    return any(s < y and x < e for s, e in a for x, y in b)


def merge(model: list, rules: list, *, rule_speakers: bool = True, keep_rule_only: bool = True) -> list[Merged]:
    """Model attributions (rule speakers filling missing sources where cues overlap), plus the rules' attributions the model missed."""
    out = []
    used = set()
    for m in model:
        partner = next((k for k, r in enumerate(rules) if _overlap(m.cue, r.cue)), None)
        if partner is None:
            out.append(Merged(m, "model"))
            continue
        used.add(partner)
        r = rules[partner]
        if rule_speakers and r.source and not m.source:
            out.append(Merged(Decoded(cue=m.cue, content=m.content, source=r.source), "model+rule-speaker"))
        else:
            out.append(Merged(m, "model"))
    if keep_rule_only:
        for k, r in enumerate(rules):
            if k in used or any(_overlap(r.cue, m.cue) or _overlap(r.content, m.content) for m in model):
                continue
            out.append(Merged(r, "rule"))
    out.sort(key=lambda x: x.attribution.cue)
    return out

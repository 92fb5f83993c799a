"""The statement stage: attributed statements of one article, in the order of its passes.

``build_statements(doc, index, body)`` runs, in this order:

1. candidates (``candidates``): direct quotes with their reporting verbs,
   indirect speech from cue words, statements carried by nouns, refusals --
   token-level ``Cand`` records, each stamped with the rule that found it;
   their contents trimmed at other cues and line breaks (below);
2. speakers (``speakers.assign_speakers``): the entity each speaker phrase
   names, continuing the last speaker for "he said" and run-on quotes;
3. kinds (``kinds.classify_rows``): denial, allegation, accusation, claim,
   confirmation, refusal or statement (``classify``), dropping what is no
   statement; a denial that names its allegation adds it;
4. context passes (``revisions``, ``rebuttals``), each named, each revising
   kinds or speakers from what the rest of the article says;
5. records (``records``): the contract dicts, ids s1..sN in text order, and
   the analysis linking needs;
6. linking (``linking.link``): which allegations each denial answers, and
   denial targets; then allegations implied by denials (``implied``).

The stage sees the entities only through ``kg.extract.lookup.EntityLookup``.
A new mechanism that finds statements is a candidate mechanism (step 1); a
new pass that changes statements in the light of others goes into step 4.
"""

from __future__ import annotations

from ..doc import doc_text
from ..lookup import EntityLookup
from .candidates import candidates
from .implied import implied_allegations
from .kinds import classify_rows
from .linking import link
from .mention_table import MentionTable
from .rebuttals import negated_rebuttals, reported_then_denied
from .records import statement_records
from .revisions import cataphoric_speakers, concessive_denials, denied_back_reference, employer_claimants
from .speakers import assign_speakers


def build_statements(doc, index: EntityLookup, body=(0, None)) -> list[dict]:
    """Contract statement dicts, ids s1..sN in text order (see the module doc)."""
    lo, hi = body[0], body[1] if body[1] is not None else len(doc_text(doc))
    cands, ctx = candidates(doc, lo, hi)
    cands = [c for c in cands if lo <= c.content_chars[0] < hi]
    cue_tokens = {c.cue for c in cands if c.cue is not None}
    for c in cands:
        trim_before_other_cues(c, cue_tokens, doc)
        trim_at_line_break(c, doc, ctx)
    mentions = MentionTable(index)
    rows = assign_speakers(cands, doc, index, mentions, ctx)
    built = classify_rows(rows, doc, index, mentions, ctx)
    # the context passes, in order (each sees the revisions of the ones before)
    concessive_denials(built, doc, ctx)
    denied_back_reference(built, doc, index, ctx)
    cataphoric_speakers(built, doc, index, ctx)
    employer_claimants(built, doc, index, ctx)
    reported_then_denied(built, doc, index, mentions, ctx)
    negated_rebuttals(built, doc, index, mentions, ctx)
    built.sort(key=lambda r: (r.cand.sent[0], r.cand.content_chars[0], r.cand.cue if r.cand.cue is not None else -1))
    out, info = statement_records(built, doc, index, mentions, ctx)
    link(out, info)
    return implied_allegations(out, info)


def trim_before_other_cues(cand, cue_tokens: set[int], doc) -> None:
    """'denied allegations X and claimed Y': the first cue's content stops before the second."""
    if cand.quote or cand.content_chars is None:
        return
    a, b = cand.content
    for i in range(a, b + 1):
        if i in cue_tokens and i != cand.cue and doc[i].dep_ == "conj":
            j = i - 1
            while j > a and (doc[j].dep_ in ("cc", "punct") or doc[j].pos_ in ("ADV",) and doc[j].head.i == i):
                j -= 1
            cand.content = (a, j)
            cand.content_chars = (doc[a].idx, doc[j].idx + len(doc[j].text))
            return


def trim_at_line_break(cand, doc, ctx) -> None:
    """Indirect speech never runs over a line break ("- Cloudline says its
    systems were not breached\n- Regulators ..."): sm parses a bullet list as
    one sentence. Quotes keep their own extent."""
    if cand.quote or cand.content_chars is None or cand.cue is None:
        return
    a, b = cand.content
    if doc[cand.cue].idx > doc[a].idx:
        return  # content before the cue (parataxis): leave it
    nl = ctx.text.find("\n", cand.content_chars[0], cand.content_chars[1])
    if nl == -1:
        return
    j = b
    while j > a and (doc[j].idx >= nl or doc[j].is_space or doc[j].is_punct):
        j -= 1
    if j < b:
        cand.content = (a, j)
        cand.content_chars = (cand.content_chars[0], doc[j].idx + len(doc[j].text))

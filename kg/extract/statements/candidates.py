"""Who said what: attributed-statement candidates from a parsed article.

Pure functions over a spaCy ``Doc`` yielding ``Cand`` records (token-level);
the later passes of ``assemble`` resolve speakers to entities and turn them
into the contract's statement dicts. Mechanisms, each named by the ``rule`` it
stamps (every rule id is registered in kg/patterns/rules.toml):

* ``quote-said-after|before``  a direct quote and the reporting verb next to it
  in the same paragraph; ``quote-said-next`` a bare "he said." sentence right
  after it; ``quote-said-before-colon`` "The ministry said:" before it (even
  across a paragraph break); ``quote-mixed`` the quote ends the cue's own
  clause ("said the ruling was “an outrage.”").
* ``quote-continued``   a quote with no reporting verb continuing the previous
  speaker (multi-paragraph / multi-sentence quotes); the assembly turns it into
  ``quote-prev-subject`` when the sentence just before names someone else.
* ``cue-<lemma>-<how>`` indirect speech: a cue verb (lexicon) with a clause
  (ccomp, "in a statement that ..."), a claim-like object, a naming predicate
  ("called the leaks fabricated"), "accuse X of", an echo, a plea, a passive
  ("were denied by X") or a parenthetical host clause (parataxis).
* ``according-to``      "..., according to X".
* ``noun-denial``       "denials by X that ...", "X's denial that ...".
* ``noun-allegation``   "his accusations that ...", "X made allegations that ...".
* ``refusal-*``         "declined to comment", "did not respond to a request for comment";
  ``refusal-negated`` "would not comment on the case", "did not want to
  comment", "was unable to comment" (plain "did not deny/say" stays out).
* ``cue-<lemma>-innocence`` "insisted on his innocence".

Lines: ``Ctx.sents`` never runs over a line break (bullets, captions, "Q:"
lines), a subject on another line is replaced by the verb's own line subject,
and a mixed quote inside a cue's argument ("accuses the mayor of “...” and
says ...") is left to that cue.
* ``seeming-<gov>-<verb>`` "a memo that appeared to show X doing Y": a hedged
  allegation by the document's publisher ("posted by X") or by nobody.
* ``purport-surface``   "The messages, obtained by X, purport to show ..." when sm
  reads "purport" as a noun; ``document-<verb>`` "X published a report linking ...".
* ``cue-<lemma>-relcl`` "a finding the chief executive rejected", "an allegation
  his lawyers called false"; ``cue-deny-gerund`` "denied using city cars".
* ``quote-mixed-naming`` 'described the suggestion ... as “complete nonsense.”'.
* revision ``nested``   "X said in an email that it “categorically rejects” ...":
  one statement, the embedded stance with the outer speaker (merge_nested).

Not statements: requests for anonymity ("asked not to be named"), short quoted
names ('an account calling itself “PeachLeaks,”'), cues inside what a
document purports to show.

The spaCy sm parser misattaches verbs, so a cue's speaker is searched along
several paths (own subject, controller of an xcomp, head of a participle,
conjunct head) and finally inherited from the nearest preceding cue.
"""

from __future__ import annotations

from .candidate import Cand
from .context import Ctx
from .cues import cue_cands
from .nested import merge_nested
from .quoted import quote_cands


def candidates(doc, lo: int = 0, hi: int | None = None) -> tuple[list[Cand], Ctx]:
    """All statement candidates of a document, in text order."""
    ctx = Ctx(doc, lo, hi)
    qs = quote_cands(ctx)
    cs = cue_cands(ctx)
    allc = merge_nested(qs + cs, doc, ctx)
    for c in allc:
        if c.content_chars is None:
            a, b = c.content
            c.content_chars = (doc[a].idx, doc[b].idx + len(doc[b].text))
    allc.sort(key=lambda c: (c.sent[0], c.content_chars[0], c.cue or -1))
    return allc, ctx

"""Pronoun and nominal coreference, written for news prose (no coref package).

Nominals first, then pronouns, so a pronoun can lean on "the premier":

- A definite description whose head is a role title ("the premier", "the prime
  minister’s", "the self-proclaimed “e-premier”") resolves to the person the
  article titled with a synonym (roles.toml ``synonyms``); failing that, a
  described role ("the former opposition leader’s page") goes to the most
  recent untitled person of the last two sentences and becomes their role.
- "the party" / "the agency" resolves to the most recent organisation of that
  class (a class noun in its name or before it: "analytics firm Socialbakers").
- Third-person singular pronouns take the most salient compatible person:
  main-clause subject of the current sentence, then of the previous one, then
  other subjects, then recency; speakers count as subjects. Quotes matter: a
  pronoun outside quotes ignores names inside them, one inside a quote never
  refers to the quote's own speaker. Unnamed people ("the KAS staffer said")
  take a salience slot with no entity, so "he" after them resolves to None
  rather than to someone wrong. Gender comes from honorifics, gendered titles
  and earlier pronouns, never from a name model.
"""

from __future__ import annotations

from .. import doc as D
from .. import lexicon as LX
from .. import names as N
from .cataphora import appositive_subjects, as_roles, lede_cataphora
from .nominals import nominals, possessive_orgs, ruling_party
from .org_refs import it_speakers, its_documents
from .pronouns import CorefContext, main_verbs, resolve_pronouns


def resolve_references(doc, index, mask: list[bool], ambiguous: list[tuple[int, int]]) -> None:
    """Nominal and pronoun mentions (and the roles they reveal), in the order
    the module doc gives. ``mask``: tokens inside quotations
    (``quotes.token_quote_mask``); ``ambiguous``: person-name spans clustering
    could not name (they still take a salience slot)."""
    sents = list(doc.sents)
    sent_of = [0] * len(doc)
    for k, s in enumerate(sents):
        for i in range(s.start, s.end):
            sent_of[i] = k
    # Discourse sentence number: a sentence wholly inside a quotation continues
    # the utterance of the one before, so it does not push referents away.
    disc = []
    d = -1
    texts = D.token_texts(doc)
    for s in sents:
        words = [i for i in range(s.start, s.end) if texts[i].isalpha()]
        if d < 0 or not words or not all(mask[i] for i in words):
            d += 1
        disc.append(d)
    ctx = CorefContext(doc, index, mask, sents, sent_of, disc, [main_verbs(s) for s in sents], ambiguous=ambiguous)
    # gendered titles ("spokeswoman") say which pronouns can refer to a person
    fem = LX.lexicon_set("roles", "female_titles")
    male = LX.lexicon_set("roles", "male_titles")
    for rec in index.people():
        for r in rec["roles"]:
            words = set(N.norm(r["title"]).split())
            if words & fem:
                index.gender.setdefault(rec["id"], "female")
            elif words & male:
                index.gender.setdefault(rec["id"], "male")
    nominals(doc, index, sent_of, sents)
    ruling_party(doc, index)
    lede_refs = lede_cataphora(doc, index, sents, mask)
    appositive_subjects(doc, index)
    resolve_pronouns(ctx, lede_refs)
    it_speakers(ctx)
    its_documents(ctx)
    possessive_orgs(doc, index)
    as_roles(doc, index)

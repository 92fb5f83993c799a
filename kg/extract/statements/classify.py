"""What kind of statement a candidate is, how certain, and its polarity.

Pure functions over a candidate's cue and content tokens; every word list
lives in kg/patterns/cues.toml. The decision order matters and says why:

1. mechanisms that already know the kind (refusals, "denials by X") keep it;
2. cancellations: "was denied entry", "the court denied bail" are not speech;
3. denial verbs (deny/refute), pleas ("pleaded not guilty"), claim-object
   verbs (reject/dismiss ... a claim), naming a thing false ("called the leaks
   fabricated"), echoing a denial;
4. accusations ("accuse X of ...") -- the act wins over words in its content;
5. content that asserts falsity ("the email ... was not genuine", "This is
   fake information", "Ridiculous!", "spreading lies"), reports its own denial
   (“We reject these claims”) or dismisses a proceeding ("a witch hunt");
6. confirmations; allegations (allege, purport, "claimed that <someone else>
   ...", accusatory content about a third party);
7. claims; everything else is a plain statement.

Supposed content is never a denial: falsity words inside an if/unless/whether
clause or a question ("If the memo is fake, prove it", "Is it real?"), except
a rhetorical why/how question naming the matter a lie ("Why would I resign
over a lie?"). Verdicts on things that cannot be false ("the breathing is
wrong") and on someone's *denial* ("the denial was laughable") are not denials.

(The context passes of ``revisions`` and ``rebuttals`` revise kinds later,
each adding its id to the statement's ``revised_by``: ``negated-rebuttal`` --
a negated act by the accused's side, by someone who already denied, or in
defence of the accused, sharing a topic with the allegation; reported claims
about someone who denies become allegations, ``denied-by-target``; a denial
pointing back at "that suggestion" makes the statement it points to an
allegation, ``denied-later``; cataphoric role speakers, ``cataphoric``; a
finding naming someone who denies next, ``denied-by-named``; a negated
statement made "despite claims that ...", ``concessive``. Round 3 added
asserted innocence -- "maintains his innocence", "I am not guilty", "Our
players are clean" -- as denials, see ``asserts_innocence``.)
"""

from __future__ import annotations

from ..lexicon import cues, grammar
from ..rules import tagged
from .falsity import asserts_falsity, asserts_innocence, dismisses, exclamation_denial, exculpates, hypothetical
from .syntax import lemma_of, naming_predicate, negated

PRON_OBJECTS = grammar("pronouns", "claim_pronouns")


def is_admin_denial(cue) -> bool:
    """'was denied entry', 'the court denied bail': a refusal of a thing, not a denial of a claim."""
    lex = cues().deny
    kids = list(cue.children)
    objs = [c for c in kids if c.dep_ in ("dobj", "dative")]
    subjpass = next((c for c in kids if c.dep_ == "nsubjpass"), None)
    if subjpass is not None:
        # "he was denied a visa" / "was denied entry": the subject is the one refused.
        # "The allegations were denied by X": the subject is the thing denied.
        claimish = lemma_of(subjpass) in cues().speech.claim_nouns or subjpass.lower_ in PRON_OBJECTS - {"them"}
        return bool(objs) or not claimish
    return any(lemma_of(o) in lex.administrative_objects for o in objs)


def claim_object(cue) -> bool:
    """Does a reject/dismiss-type cue take a claim as its object?"""
    lex = cues()
    for c in cue.children:
        if c.dep_ == "ccomp":
            return True
        if c.dep_ == "dobj" and (lemma_of(c) in lex.speech.claim_nouns or c.lower_ in PRON_OBJECTS):
            return True
        if c.dep_ == "prep" and c.lower_ == "as" and asserts_falsity([w for w in c.subtree] + [c]):
            return True
    return False


def naming_falsity(cue) -> bool:
    """'called the leaks fabricated', 'dismissed the report as a smear'."""
    pred = naming_predicate(cue)
    if pred is None:
        return False
    lex = cues().falsity.words
    return any((lemma_of(t) in lex or t.lower_ in lex) and not negated(t) for t in pred.subtree)


def reported_denial(tokens) -> bool:
    """Quoted/indirect content whose own main verb denies: “We reject these claims”."""
    lex = cues().deny
    for t in tokens:
        if t.dep_ not in ("ROOT", "ccomp") or t.pos_ != "VERB" or negated(t) or hypothetical(t):
            continue
        lem = lemma_of(t)
        if lem in lex.default_verbs and not is_admin_denial(t):
            return True
        if lem in lex.claim_object_verbs and claim_object(t):
            return True
    return False


def _under_negation(t) -> bool:
    """'I never saw anything that made me think he was dishonest': a word
    under a negated clause is not asserted."""
    h, depth = t, 0
    while depth < 8:
        if negated(h) or any(c.lower_ in ("never", "no") and c.dep_ in ("neg", "advmod", "det") for c in h.children):
            return True
        if h.head.i == h.i:
            return False
        h = h.head
        depth += 1
    return False


def suspected_of(tokens):
    """The suspected party of an asserted "suspect X of Y" in tokens, or None."""
    lex = cues().allegation
    for t in tokens:
        if lemma_of(t) in lex.suspicion_verbs and t.pos_ == "VERB" and not negated(t) and not hypothetical(t):
            dobj = next((c for c in t.children if c.dep_ == "dobj"), None)
            of = next((c for c in t.children if c.dep_ == "prep" and c.lower_ == "of"), None)
            if of is None and dobj is not None:
                of = next((c for c in dobj.children if c.dep_ == "prep" and c.lower_ == "of"), None)
            if dobj is not None and of is not None and any(g.dep_ in ("pcomp", "pobj") for g in of.children):
                return dobj
    return None


def accusatory(tokens) -> bool:
    """Evaluative/criminal words about a third party, asserted (not negated, not supposed)."""
    lex = cues().allegation.accusatory
    return any(
        (lemma_of(t) in lex or t.lower_ in lex) and not _under_negation(t) and not hypothetical(t) for t in tokens
    )


def kind_of(cand, doc, *, prior_kind_by_entity=None, obj_entity=None, third_party=False) -> str | None:
    """The statement kind, or None when the candidate is not a statement at all."""
    lex = cues()
    if cand.kind:
        return cand.kind
    cue = doc[cand.cue] if cand.cue is not None else None
    lemma = lemma_of(cue) if cue is not None else ""
    first, last = cand.content
    toks = doc[first : last + 1]
    if cue is not None and lemma in lex.deny.default_verbs:
        return None if is_admin_denial(cue) else "denial"
    if cue is not None and lemma in lex.deny.plea_verbs:
        # "pleaded not guilty" denies the charges; "pleaded guilty" admits them.
        guilty = [t for t in cue.subtree if t.lower_ in lex.deny.plea_guilty_words]
        if not guilty:
            return None
        neg = any(t.lower_ in lex.deny.plea_not_guilty_words for t in cue.subtree if t.i < guilty[0].i) or negated(
            guilty[0]
        )
        return "denial" if neg else "confirmation"
    if cue is not None and lemma in lex.deny.claim_object_verbs and not cand.quote:
        if claim_object(cue):
            return "denial"
        if any(c.dep_ == "dobj" and lemma_of(c) in lex.deny.administrative_objects for c in cue.children):
            return None  # "rejected the bill"
        if lemma in lex.deny.act_verbs:
            return None  # acts on things, not speech
    if cue is not None and lemma in lex.deny.naming_verbs and not cand.quote:
        return "denial" if naming_falsity(cue) or asserts_falsity(toks) or dismisses(toks) else "statement"
    if cue is not None and lemma in lex.deny.echo_verbs:
        obj = doc[cand.obj] if cand.obj is not None else None
        if obj is not None and lemma_of(obj) in lex.deny.nouns:
            return "denial"  # "echoed Chong Leang's denial"
        if obj_entity and prior_kind_by_entity and prior_kind_by_entity.get(obj_entity) == "denial":
            return "denial"  # "echoed Chong Leang" right after Chong Leang denied
    if lemma in lex.allegation.accusation_verbs and cand.obj is not None:
        return "accusation"  # "accused rivals of spreading fake stories": the accusation is the act
    if asserts_falsity(toks) or (cand.quote and exclamation_denial(doc, first, last)):
        return "denial"
    if reported_denial(toks) or dismisses(toks) or exculpates(toks):
        return "denial"
    if asserts_innocence(list(toks) + ([cue] if cue is not None else [])):
        return "denial"
    if lemma in lex.confirm.verbs:
        return "confirmation"
    if lemma in lex.allegation.always_verbs:
        return "allegation"
    if lemma in lex.allegation.purport_verbs:
        # "a 1979 treaty that purported to dissolve the border": a document's
        # purported effect about nobody is description, not an attribution.
        return "allegation" if third_party else None
    if lemma in lex.claim.verbs:
        if third_party and lemma == "claim":
            return "allegation"
        return "claim"
    if third_party and accusatory(toks):
        return "allegation"
    if cue is not None and suspected_of(toks) is not None:
        return "allegation"  # "said they suspected “a third country” of trying to influence ..."
    if third_party and cand.speaker is not None and lemma_of(doc[cand.speaker]) in lex.allegation.accuser_nouns:
        return "allegation"  # "Prosecutors say Anna Berg leaked the memo"
    return "statement"


def certainty_of(cand, doc, kind: str) -> str:
    """possible/probable when hedged (allegedly, purporting, reportedly ...)."""
    lex = cues().modality
    words = set()
    first, last = cand.content
    for t in doc[first : last + 1]:
        # Hedges are adverbs, modals, verbs and adjectives ("allegedly", "may",
        # "purporting", "alleged"); nouns ("the suspect") are not hedges.
        if t.pos_ in ("ADV", "AUX", "VERB", "ADJ", "PART"):
            words.add(t.lower_)
            words.add(lemma_of(t))
    if cand.cue is not None:
        cue = doc[cand.cue]
        words.add(lemma_of(cue))
        words.update(c.lower_ for c in cue.children if c.dep_ in ("advmod", "aux"))
    if words & lex.possible:
        return "possible"
    if kind in ("allegation", "accusation") and cand.speaker is None:
        # unattributed ("was accused of", "is suspected of", "allegations"):
        # nobody stands behind them, whatever the hedge
        return "possible"
    if words & lex.probable:
        return "probable"
    if kind == "allegation" and tagged(cand.rule, "named-allegation"):
        return "probable"  # named as "allegations": reported, not established
    return "certain"


_polarity_memo: list = [(None, {})]  # (doc, {(first, last): polarity}) for the last document


def polarity_of(cand, doc, kind: str) -> str:
    """negative when the content is negated (or the statement denies)."""
    if kind in ("denial", "refusal"):
        return "negative"  # a denial asserts not-p; a refusal withholds any assertion
    known, memo = _polarity_memo[0]
    if known is not doc:
        memo = {}
        _polarity_memo[0] = (doc, memo)
    key = cand.content
    pol = memo.get(key)
    if pol is None:
        pol = memo[key] = _content_polarity(cand, doc)
    return pol


def _content_polarity(cand, doc) -> str:
    first, last = cand.content
    toks = doc[first : last + 1]
    root = next((t for t in toks if t.head.i < first or t.head.i > last or t.head == t), None)
    for r in [root] if root is not None else []:
        if negated(r) or any(c.dep_ == "det" and c.lower_ == "no" for c in r.children):
            return "negative"
        for c in r.children:
            if c.dep_ in ("attr", "acomp", "dobj") and any(d.dep_ == "det" and d.lower_ == "no" for d in c.children):
                return "negative"
    return "positive"

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

(The assembly adds one contextual rule: a negated past act stated by the
person an earlier allegation targets is a denial, rule suffix
``+answers-allegation``.)
"""

from __future__ import annotations

from .stmt_lexicon import cues

PRON_OBJECTS = {"it", "them", "this", "that", "these", "those"}


def negated(tok) -> bool:
    return any(c.dep_ == "neg" for c in tok.children)


def _lem(t) -> str:
    return t.lemma_.lower()


def asserts_falsity(tokens) -> bool:
    """Does this content say that something is false/fabricated/not genuine?

    Counted: a predicate ("the email was fabricated", "That is simply not
    true", "called the leaks fabricated"), a passive participle ("had been
    doctored"), a falsity modifier of a claim-like noun in subject/attribute
    position ("This is fake information", "a fake email did not warrant").
    Not counted: active verbs ("the government had lied" is an accusation),
    modifiers of other nouns ("the false alarm", "fake follower accounts"),
    extraposed evaluations ("It is wrong to punish families").
    """
    lex = cues().falsity
    claimish = cues().speech.claim_nouns
    for t in tokens:
        lem, low = _lem(t), t.lower_
        if lem in lex.words or low in lex.words:
            head = t.head if t.dep_ in ("acomp", "attr", "oprd") else t
            if negated(t) or negated(head):
                continue  # "was not fabricated" affirms
            pred = t
            while pred.dep_ == "conj" and pred.head.i != pred.i:
                pred = pred.head  # "real or fake" takes its first conjunct's role
            if t.pos_ == "VERB":
                if t.tag_ == "VBN" and any(c.dep_ == "auxpass" for c in t.children):
                    return True  # "the email was fabricated", "had been doctored"
                if pred.dep_ == "oprd":
                    return True
                continue  # "they fabricate stories", "had lied": acts, not verdicts
            if pred.dep_ in ("acomp", "attr", "oprd", "ROOT", "ccomp", "xcomp") or t.dep_ == "appos":
                if _extraposed(head):
                    continue
                return True
            if t.pos_ == "NOUN" and t.dep_ == "dobj" and _lem(t.head) in lex.spreading_verbs and not negated(t.head):
                return True  # "She is spreading lies"
            if t.dep_ == "amod" and t.head.dep_ == "dobj" and _lem(t.head.head) in lex.spreading_verbs and _lem(t.head) in ("news", "story", "stories", "information"):
                return True  # "peddling fake news"
            if t.dep_ == "amod" and t.head.dep_ in ("nsubj", "nsubjpass", "attr", "ROOT") and (
                _lem(t.head) in claimish or t.head.dep_ == "attr"
            ):
                return True  # "This is fake information", "a fake email did not warrant"
        if lem in lex.negated_truth or low in lex.negated_truth:
            if t.dep_ in ("acomp", "attr") and negated(t.head):
                return True  # "was not genuine", "is not true"
            if any(c.dep_ == "det" and c.lower_ == "no" for c in t.children):
                return True  # "there was no truth", "no basis"
            if t.dep_ in ("acomp", "attr") and negated(t):
                return True
    return False


def dismisses(tokens) -> bool:
    """'the charges are politically motivated', 'This is a witch hunt'."""
    lex = cues().falsity
    toks = list(tokens)
    if not toks:
        return False
    text = " ".join(t.lower_ for t in toks)
    if not any(p in text for p in lex.dismissive_phrases):
        return False
    return any(
        t.dep_ in ("nsubj", "nsubjpass", "dobj") and (_lem(t) in lex.dismissed_subjects or t.lower_ in lex.dismissed_subjects)
        for t in toks
    )


def _extraposed(head) -> bool:
    """'It is wrong to punish ...': an evaluation of an act, not of a claim."""
    has_it = any(c.dep_ in ("nsubj", "expl") and c.lower_ == "it" for c in head.children)
    has_clause = any(c.dep_ in ("xcomp", "ccomp", "csubj", "advcl") for c in head.children)
    return has_it and has_clause


def exclamation_denial(doc, first: int, last: int) -> bool:
    """A quoted sentence that is only a dismissive word: “Ridiculous!”, “Nonsense.”"""
    lex = cues().falsity.exclamations
    seen = set()
    for t in doc[first : last + 1]:
        s = t.sent
        if s.start in seen:
            continue
        seen.add(s.start)
        words = [w for w in s if not w.is_punct and first <= w.i <= last]
        if 1 <= len(words) <= 2 and any(w.lower_ in lex or _lem(w) in lex for w in words):
            return True
    return False


def is_admin_denial(cue) -> bool:
    """'was denied entry', 'the court denied bail': a refusal of a thing, not a denial of a claim."""
    lex = cues().deny
    kids = list(cue.children)
    objs = [c for c in kids if c.dep_ in ("dobj", "dative")]
    subjpass = next((c for c in kids if c.dep_ == "nsubjpass"), None)
    if subjpass is not None:
        # "he was denied a visa" / "was denied entry": the subject is the one refused.
        # "The allegations were denied by X": the subject is the thing denied.
        claimish = _lem(subjpass) in cues().speech.claim_nouns or subjpass.lower_ in PRON_OBJECTS - {"them"}
        return bool(objs) or not claimish
    return any(_lem(o) in lex.administrative_objects for o in objs)


def claim_object(cue) -> bool:
    """Does a reject/dismiss-type cue take a claim as its object?"""
    lex = cues()
    for c in cue.children:
        if c.dep_ == "ccomp":
            return True
        if c.dep_ == "dobj" and (_lem(c) in lex.speech.claim_nouns or c.lower_ in PRON_OBJECTS):
            return True
        if c.dep_ == "prep" and c.lower_ == "as" and asserts_falsity([w for w in c.subtree] + [c]):
            return True
    return False


def naming_falsity(cue) -> bool:
    """'called the leaks fabricated', 'dismissed the report as a smear'."""
    from .attribution import naming_predicate

    pred = naming_predicate(cue)
    if pred is None:
        return False
    lex = cues().falsity.words
    return any((_lem(t) in lex or t.lower_ in lex) and not negated(t) for t in pred.subtree)


def reported_denial(tokens) -> bool:
    """Quoted/indirect content whose own main verb denies: “We reject these claims”."""
    lex = cues().deny
    for t in tokens:
        if t.dep_ not in ("ROOT", "ccomp") or t.pos_ != "VERB" or negated(t):
            continue
        lem = _lem(t)
        if lem in lex.default_verbs and not is_admin_denial(t):
            return True
        if lem in lex.claim_object_verbs and claim_object(t):
            return True
    return False


def accusatory(tokens) -> bool:
    lex = cues().allegation.accusatory
    return any(_lem(t) in lex or t.lower_ in lex for t in tokens)


def kind_of(cand, doc, *, prior_kind_by_entity=None, obj_entity=None, third_party=False) -> str | None:
    """The statement kind, or None when the candidate is not a statement at all."""
    lex = cues()
    if cand.kind:
        return cand.kind
    cue = doc[cand.cue] if cand.cue is not None else None
    lemma = _lem(cue) if cue is not None else ""
    first, last = cand.content
    toks = doc[first : last + 1]
    if cue is not None and lemma in lex.deny.default_verbs:
        return None if is_admin_denial(cue) else "denial"
    if cue is not None and lemma in lex.deny.plea_verbs:
        # "pleaded not guilty" denies the charges; "pleaded guilty" admits them.
        guilty = [t for t in cue.subtree if t.lower_ == "guilty"]
        if not guilty:
            return None
        neg = any(t.lower_ in ("not", "innocent") for t in cue.subtree if t.i < guilty[0].i) or negated(guilty[0])
        return "denial" if neg else "confirmation"
    if cue is not None and lemma in lex.deny.claim_object_verbs and not cand.quote:
        if claim_object(cue):
            return "denial"
        if any(c.dep_ == "dobj" and _lem(c) in lex.deny.administrative_objects for c in cue.children):
            return None  # "rejected the bill"
        if lemma in ("reject", "dismiss", "contradict", "brush"):
            return None  # acts on things, not speech
    if cue is not None and lemma in lex.deny.naming_verbs and not cand.quote:
        return "denial" if naming_falsity(cue) or asserts_falsity(toks) or dismisses(toks) else "statement"
    if cue is not None and lemma in lex.deny.echo_verbs:
        obj = doc[cand.obj] if cand.obj is not None else None
        if obj is not None and _lem(obj) in lex.deny.nouns:
            return "denial"  # "echoed Chong Leang's denial"
        if obj_entity and prior_kind_by_entity and prior_kind_by_entity.get(obj_entity) == "denial":
            return "denial"  # "echoed Chong Leang" right after Chong Leang denied
    if lemma in lex.allegation.accusation_verbs and cand.obj is not None:
        return "accusation"  # "accused rivals of spreading fake stories": the accusation is the act
    if asserts_falsity(toks) or (cand.quote and exclamation_denial(doc, first, last)):
        return "denial"
    if reported_denial(toks) or dismisses(toks):
        return "denial"
    if lemma in lex.confirm.verbs:
        return "confirmation"
    if lemma in ("allege",):
        return "allegation"
    if lemma == "purport":
        return "allegation" if third_party else "statement"
    if lemma in lex.claim.verbs:
        if third_party and lemma == "claim":
            return "allegation"
        return "claim"
    if third_party and accusatory(toks):
        return "allegation"
    if third_party and cand.speaker is not None and _lem(doc[cand.speaker]) in lex.allegation.accuser_nouns:
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
            words.add(_lem(t))
    if cand.cue is not None:
        cue = doc[cand.cue]
        words.add(_lem(cue))
        words.update(c.lower_ for c in cue.children if c.dep_ in ("advmod", "aux"))
    if words & lex.possible:
        return "possible"
    if words & lex.probable:
        return "probable"
    if kind in ("allegation", "accusation") and cand.speaker is None:
        return "possible"  # unattributed ("was accused of", "allegations"): nobody stands behind them
    if kind == "allegation" and cand.rule in ("noun-allegation", "deny-object-allegation"):
        return "probable"  # named as "allegations": reported, not established
    return "certain"


def polarity_of(cand, doc, kind: str) -> str:
    """negative when the content is negated (or the statement denies)."""
    if kind in ("denial", "refusal"):
        return "negative"  # a denial asserts not-p; a refusal withholds any assertion
    first, last = cand.content
    toks = doc[first : last + 1]
    roots = [t for t in toks if t.head.i < first or t.head.i > last or t.head == t]
    for r in roots[:1]:
        if negated(r) or any(c.dep_ == "det" and c.lower_ == "no" for c in r.children):
            return "negative"
        for c in r.children:
            if c.dep_ in ("attr", "acomp", "dobj") and any(d.dep_ == "det" and d.lower_ == "no" for d in c.children):
                return "negative"
    return "positive"


def negates_past_act(cand, doc) -> bool:
    """Is the content a negated past act or state ("he had never taken any
    money", "did not know", "was not involved")? Negated plans ("would not
    resign") are not answers to an allegation."""
    first, last = cand.content
    for t in doc[first : last + 1]:
        if not (t.head.i < first or t.head.i > last or t.head.i == t.i):
            continue  # only the content's root(s)
        if not (negated(t) or any(c.lower_ in ("never", "no") and c.dep_ in ("neg", "advmod", "det") for c in t.children)):
            continue
        auxes = [c for c in t.children if c.dep_ in ("aux", "auxpass")]
        if any(a.tag_ == "MD" for a in auxes):
            return False
        if t.tag_ in ("VBD", "VBN") or any(_lem(a) in ("do", "have") and a.tag_ in ("VBD", "VBZ", "VBP") for a in auxes):
            return True
    return False

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

(The assembly adds contextual rules in kg.extract: ``negated-rebuttal`` -- a
negated act by the accused's side, by someone who already denied, or in
defence of the accused, sharing a topic with the allegation; reported claims
about someone who denies become allegations, ``+denied-by-target``; a denial
pointing back at "that suggestion" makes the statement it points to an
allegation, ``+denied-later``; cataphoric role speakers, ``+cataphoric``;
a finding naming someone who denies next, ``+denied-by-named``; a negated
statement made "despite claims that ...", ``+concessive``. Round 3 added
asserted innocence -- "maintains his innocence", "I am not guilty", "Our
players are clean" -- as denials, see ``asserts_innocence``.)
"""

from __future__ import annotations

from .lexicon import cues

PRON_OBJECTS = {"it", "them", "this", "that", "these", "those"}


def negated(tok) -> bool:
    return any(c.dep_ == "neg" for c in tok.children)


def _lem(t) -> str:
    return t.lemma_.lower()


def hypothetical(t) -> bool:
    """Is t only supposed, not asserted? Inside an if/unless/whether clause
    ("If the memo is fake, prove it") or in a question ("Is the audio real?")."""
    marks = cues().falsity.conditional_marks
    s = t.sent
    nxt = next((w for w in t.doc[t.i + 1 : s.end] if w.text in (".", "!", "?")), None)
    if nxt is not None and nxt.text == "?":
        return True  # (the mark closing t's own clause: sm may run a sentence on past it)
    h, depth = t, 0
    while depth < 8:
        if any(c.dep_ == "mark" and c.lower_ in marks for c in h.children):
            return True
        if h.head.i == h.i:
            break
        h = h.head
        depth += 1
    return False


def rhetorical_denial(t) -> bool:
    """A why/how question that names the matter a lie/hoax/smear: "Why would I
    resign over a lie?" (the brief's exception: rhetorical, with a denial cue).
    Plain questions ("Is the audio real?") and if-clauses stay hypothetical."""
    lex = cues().falsity
    if t.pos_ != "NOUN":
        return False
    s = t.sent
    words = [w for w in s if not w.is_punct]
    while words and (words[0].pos_ == "INTJ" or words[0].lower_ in ("no", "yes", "well", "but", "so", "and")):
        words = words[1:]  # "No. Why would I ...?" read as one sentence
    if not words or words[0].lower_ not in lex.rhetorical_openers:
        return False
    # The question mark closing t's clause (sm may run the sentence on past it).
    nxt = next((w for w in t.doc[t.i + 1 : s.end] if w.text in (".", "!", "?")), None)
    ends_q = nxt is not None and nxt.text == "?"
    h, depth = t, 0
    while depth < 8 and h.head.i != h.i:
        if any(c.dep_ == "mark" and c.lower_ in lex.conditional_marks for c in h.children):
            return False
        h = h.head
        depth += 1
    return ends_q


def _subject(head):
    return next((c for c in head.children if c.dep_ in ("nsubj", "nsubjpass")), None)


def _can_be_false(subj) -> bool:
    """Can this subject be true/false? Claims, documents, demonstratives and
    pronouns can; "the breathing", "the timing" (findings about things) cannot,
    and a *denial* called laughable is an evaluation of the denial."""
    lex = cues()
    if subj is None:
        return True
    lem = _lem(subj)
    if lem in lex.deny.nouns or subj.lower_ in lex.deny.nouns:
        return False
    if subj.pos_ == "PRON" or subj.lower_ in lex.falsity.falsity_subject_pronouns:
        return True
    return (
        lem in lex.speech.claim_nouns or lem in lex.falsity.dismissed_subjects or subj.lower_ in lex.speech.claim_nouns
        or lem in lex.falsity.claimlike_subjects or subj.lower_ in lex.falsity.claimlike_subjects
    )


def _claimlike_noun(n) -> bool:
    """Can this noun be true/false ("a false accusation", "fake information",
    "a fabricated story")? Not "a false start", "a fake smile"."""
    lex = cues()
    lem = _lem(n)
    return any(
        w in vocab for w in (lem, n.lower_)
        for vocab in (lex.speech.claim_nouns, lex.falsity.claimlike_subjects, lex.falsity.dismissed_subjects, lex.falsity.words)
    )


def _claim_only(t, pred, lex) -> bool:
    """A claim-only falsity verdict ("is baseless", "is baseless and gravely
    misinformed"): it judges a claim whatever the subject noun is."""
    return _lem(t) in lex.claim_only_words or t.lower_ in lex.claim_only_words or (
        _lem(pred) in lex.claim_only_words or pred.lower_ in lex.claim_only_words
    )


def asserts_falsity(tokens) -> bool:
    """Does this content say that something is false/fabricated/not genuine?

    Counted: a predicate ("the email was fabricated", "That is simply not
    true", "called the leaks fabricated"), a passive participle ("had been
    doctored"), a falsity modifier of a claim-like noun in subject/attribute
    position ("This is fake information", "a fake email did not warrant").
    Not counted: active verbs ("the government had lied" is an accusation),
    modifiers of other nouns ("the false alarm", "fake follower accounts"),
    extraposed evaluations ("It is wrong to punish families"), supposed
    content ("If the memo is fake, prove it", "Is it real?"), verdicts on
    things that cannot be false ("The breathing is wrong") and verdicts on a
    denial ("the denial was laughable").
    """
    lex = cues().falsity
    claimish = cues().speech.claim_nouns
    words = lex.words | lex.exculpatory
    for t in tokens:
        lem, low = _lem(t), t.lower_
        if lem in words or low in words:
            head = t.head if t.dep_ in ("acomp", "attr", "oprd") else t
            if negated(t) or negated(head):
                continue  # "was not fabricated" affirms
            if rhetorical_denial(t):
                return True  # "Why would I resign over a lie?"
            if hypothetical(t):
                continue
            pred = t
            while pred.dep_ == "conj" and pred.head.i != pred.i:
                pred = pred.head  # "real or fake" takes its first conjunct's role
            if t.pos_ == "VERB" and t.dep_ != "amod" and not (t.tag_ == "VBG" and t.dep_ in ("acomp", "attr", "oprd")):
                # ("was “misleading”": sm tags the participle adjective as a verb)
                if t.tag_ == "VBN" and any(c.dep_ == "auxpass" for c in t.children):
                    if not _can_be_false(_subject(t)):
                        continue
                    return True  # "the email was fabricated", "had been doctored"
                if pred.dep_ == "oprd":
                    return True
                continue  # "they fabricate stories", "had lied": acts, not verdicts
            if pred.dep_ in ("acomp", "attr", "oprd", "ROOT", "ccomp", "xcomp") or t.dep_ == "appos":
                if _extraposed(head):
                    continue
                if pred.dep_ in ("acomp", "attr") and not _can_be_false(_subject(pred.head)):
                    if lem not in lex.exculpatory and not _claim_only(t, pred, lex):
                        continue
                if lem in lex.exculpatory and pred.dep_ not in ("acomp", "attr", "oprd"):
                    continue
                return True
            if lem in lex.exculpatory:
                continue
            if t.pos_ == "NOUN" and t.dep_ == "dobj" and _lem(t.head) in lex.spreading_verbs and not negated(t.head):
                return True  # "She is spreading lies"
            if t.dep_ == "amod" and t.head.dep_ == "dobj" and _lem(t.head.head) in lex.spreading_verbs and _lem(t.head) in ("news", "story", "stories", "information"):
                return True  # "peddling fake news"
            if t.dep_ == "amod" and t.head.dep_ in ("nsubj", "nsubjpass", "attr", "ROOT") and (
                _lem(t.head) in claimish or t.head.dep_ == "attr"
            ):
                if t.head.dep_ == "attr" and not _can_be_false(_subject(t.head.head)):
                    continue
                if t.head.dep_ == "attr" and not _claimlike_noun(t.head):
                    continue  # "That was a false start": a verdict on a thing, not a claim
                return True  # "This is fake information", "a fake email did not warrant"
        if (
            lem in lex.without_nouns and t.dep_ == "pobj" and t.head.lower_ == "without"
            and t.head.head.lemma_ == "be" and _subject(t.head.head) is not None
            and not negated(t.head.head) and not hypothetical(t) and not _extraposed(t.head.head)
        ):
            return True  # "The lawsuit is without merit"
        if lem in lex.negated_truth or low in lex.negated_truth:
            if hypothetical(t):
                continue
            if t.dep_ in ("acomp", "attr") and negated(t.head):
                if _can_be_false(_subject(t.head)):
                    return True  # "was not genuine", "is not true"
                continue
            if any(c.dep_ == "det" and c.lower_ == "no" for c in t.children):
                return True  # "there was no truth", "no basis"
            if t.dep_ in ("acomp", "attr") and negated(t):
                return True
    return False


def exculpates(tokens) -> bool:
    """Disclaimed wrongdoing or involvement: "he had done nothing wrong", "had
    nothing whatsoever to do with the application", "had no role in"."""
    lex = cues().falsity
    toks = list(tokens)
    tails = [tuple(x) for x in lex.involvement_tails]
    for k, t in enumerate(toks):
        if t.lower_ not in ("nothing", "no") or hypothetical(t):
            continue
        if t.lower_ == "nothing" and any(_lem(c) in lex.wrongdoing_adjs or c.lower_ in lex.wrongdoing_adjs for c in t.children):
            return True
        nxt = [w.lower_ for w in toks[k + 1 : k + 8] if not w.is_punct and w.lower_ not in ("whatsoever", "at", "all")]
        for tail in tails:
            if tuple(nxt[: len(tail)]) == tail:
                return True
    return False


def asserts_innocence(tokens) -> bool:
    """'maintains his innocence', 'protested her innocence', 'insisted on his
    innocence', 'I am not guilty': the speaker clears themselves (or a client)."""
    lex = cues().falsity
    for t in tokens:
        lem = _lem(t)
        if lem in lex.innocence_nouns:
            h = t.head
            if t.dep_ == "pobj" and h.lower_ in ("on", "in") and h.head.i != h.i:
                h = h.head  # "insisted on his innocence"
            if t.dep_ in ("dobj", "pobj") and _lem(h) in lex.innocence_verbs and not negated(h) and not hypothetical(t):
                return True
        if lem in lex.exculpatory_person and t.dep_ == "acomp" and not negated(t.head) and not negated(t) and not hypothetical(t):
            subj = _subject(t.head)
            if subj is not None and (
                subj.pos_ == "PRON" and subj.lower_ not in ("it", "this", "that", "there", "what", "which")
                or subj.pos_ == "PROPN" or subj.ent_type_ == "PERSON"
                or any(c.dep_ == "poss" for c in subj.children)
                or _lem(subj) in cues().rebuttal.agent_nouns or _lem(subj) in cues().source.person_nouns
            ):
                return True  # "Our players are clean", "I am clean"
        if lem in lex.guilt_words and t.dep_ in ("acomp", "attr") and negated(t.head) and not hypothetical(t):
            subj = _subject(t.head)
            if subj is not None and (subj.pos_ in ("PRON", "PROPN") or _lem(subj) in cues().rebuttal.agent_nouns or subj.ent_type_ == "PERSON"):
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
    i = first
    while i <= last:
        s = doc[i].sent  # (one sentence at a time: t.sent scans the sentence)
        words = [w for w in doc[max(s.start, first) : min(s.end, last + 1)] if not w.is_punct]
        if 1 <= len(words) <= 2 and any(w.lower_ in lex or _lem(w) in lex for w in words):
            return True
        i = max(s.end, i + 1)
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
        if t.dep_ not in ("ROOT", "ccomp") or t.pos_ != "VERB" or negated(t) or hypothetical(t):
            continue
        lem = _lem(t)
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
        if _lem(t) in lex.suspicion_verbs and t.pos_ == "VERB" and not negated(t) and not hypothetical(t):
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
    return any((_lem(t) in lex or t.lower_ in lex) and not _under_negation(t) and not hypothetical(t) for t in tokens)


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
    if reported_denial(toks) or dismisses(toks) or exculpates(toks):
        return "denial"
    if asserts_innocence(list(toks) + ([cue] if cue is not None else [])):
        return "denial"
    if lemma in lex.confirm.verbs:
        return "confirmation"
    if lemma in ("allege",):
        return "allegation"
    if lemma == "purport":
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
    if kind in ("allegation", "accusation") and cand.speaker is None:
        # unattributed ("was accused of", "is suspected of", "allegations"):
        # nobody stands behind them, whatever the hedge
        return "possible"
    if words & lex.probable:
        return "probable"
    if kind == "allegation" and cand.rule in ("noun-allegation", "deny-object-allegation"):
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
    for r in ([root] if root is not None else []):
        if negated(r) or any(c.dep_ == "det" and c.lower_ == "no" for c in r.children):
            return "negative"
        for c in r.children:
            if c.dep_ in ("attr", "acomp", "dobj") and any(d.dep_ == "det" and d.lower_ == "no" for d in c.children):
                return "negative"
    return "positive"


def past_act(t) -> bool:
    """Is clause head t a past or perfect act ("never sent", "have never taken")?"""
    auxes = [c for c in t.children if c.dep_ in ("aux", "auxpass")]
    return t.tag_ in ("VBD", "VBN") or any(_lem(a) in ("do", "have") and a.tag_ in ("VBD", "VBZ", "VBP") and (_lem(a) == "have" or a.tag_ == "VBD") for a in auxes)


_rebuttal_memo: list = [(None, {})]  # (doc, {(first, last, org_speaker, quote): heads}) for the last document


def negated_rebuttal_form(cand, doc, org_speaker: bool = False):
    """Memoised per document (the assembly asks several times per statement);
    see _negated_rebuttal_form."""
    known, memo = _rebuttal_memo[0]
    if known is not doc:
        memo = {}
        _rebuttal_memo[0] = (doc, memo)
    key = (cand.content[0], cand.content[1], bool(org_speaker), bool(cand.quote))
    heads = memo.get(key)
    if heads is None:
        heads = memo[key] = _negated_rebuttal_form(cand, doc, org_speaker)
    return list(heads)


def _negated_rebuttal_form(cand, doc, org_speaker: bool = False):
    """Does the content deny an act of the speaker's side in the negative?

    "We have never bought a single follower", "Nobody in this office wrote that
    memo", "the party had never hired a single influencer", "That's not me",
    "the voice is not hers". The negated clause must be about a person or
    their side (first person, he/she/they, a negative subject like "nobody",
    or an agent noun such as party/office/client/campaign) -- "the memo's
    formatting did not match" argues about a thing -- and must be asserted
    (not a plan "would not resign", not an if-clause or a question).
    Returns the negated clause heads (empty: no rebuttal form). In reported speech by an
    organisation, "it" is the organisation ("Harcourt said it had never sought
    improper access"); "our network", "my email" are the speaker's side."""
    lex = cues()
    reb = lex.rebuttal
    first, last = cand.content
    heads = []
    for t in doc[first : last + 1]:
        inside_head = first <= t.head.i <= last and t.head.i != t.i
        if inside_head and not (t.dep_ in ("conj", "ccomp", "csubj") and t.pos_ in ("VERB", "AUX")):
            continue  # clause heads only: content roots, conjoined clauses, reported clauses
        neg = negated(t) or any(c.lower_ in reb.negators and c.dep_ in ("neg", "advmod", "det") for c in t.children) or any(
            c.dep_ == "advmod" and negated(c) for c in t.children
        )  # "Not once did he tell anyone ..."
        subj = _subject(t)
        if subj is not None and (subj.lower_ in reb.negative_subjects or any(
            c.dep_ == "det" and c.lower_ == "no" for c in subj.children
        )):
            neg = True  # "Nobody in this office wrote that memo"
        if subj is not None and _lem(subj) in reb.money_units and any(
            c.dep_ == "det" and c.lower_ in reb.universal_dets for c in subj.children
        ) and any(c.dep_ == "auxpass" for c in t.children) and not negated(t):
            neg = True  # "every penny was approved", "Every rupee was released through the collectors"
        objs = [c for c in t.children if c.dep_ in ("dobj", "attr")]
        if any(
            (o.lower_ in reb.negative_subjects or any(d.dep_ == "det" and d.lower_ == "no" for d in o.children))
            and not any(g.dep_ in ("relcl", "acl") and any(x.lower_ == "to" for x in g.children) for g in o.children)
            for o in objs
        ):
            neg = True  # "we paid nobody", "I took no money" (not "we have nothing to fear": an attitude)
        if not neg or hypothetical(t):
            continue
        auxes = [c for c in t.children if c.dep_ in ("aux", "auxpass")]
        if any(a.tag_ == "MD" for a in auxes) and not any(c.lower_ == "never" for c in t.children):
            continue  # "would not resign": a plan, not an answer about the past
        own = any(o.lower_ in reb.own_words for o in objs)
        if subj is None:
            if own:
                heads.append(t)
            continue
        mine = any(c.dep_ == "poss" and c.lower_ in cues().source.first_person for c in subj.children)
        money = _lem(subj) in reb.money_units and any(c.dep_ == "det" and c.lower_ in reb.universal_dets for c in subj.children)
        if money:
            heads.append(t)  # "every penny was approved": the speaker accounts for the money
            continue
        it_org = org_speaker and not cand.quote and (
            subj.lower_ == "it" or any(c.dep_ == "poss" and c.lower_ == "its" for c in subj.children)
        )  # "Cloudline says its systems were not breached"
        if own or mine or it_org or subj.pos_ == "PRON" and subj.lower_ not in ("it", "this", "that", "there", "what", "which") \
                or subj.lower_ in reb.negative_subjects or _lem(subj) in reb.agent_nouns or subj.ent_type_ in ("PERSON", "ORG", "NORP"):
            heads.append(t)
    return heads

"""Does content say something is false, disclaim wrongdoing or assert innocence?"""

from __future__ import annotations

from ..lexicon import cues, grammar
from .syntax import lemma_of, negated, subject_of


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
    while words and (words[0].pos_ == "INTJ" or words[0].lower_ in grammar("discourse", "openers")):
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


def _can_be_false(subj) -> bool:
    """Can this subject be true/false? Claims, documents, demonstratives and
    pronouns can; "the breathing", "the timing" (findings about things) cannot,
    and a *denial* called laughable is an evaluation of the denial."""
    lex = cues()
    if subj is None:
        return True
    lem = lemma_of(subj)
    if lem in lex.deny.nouns or subj.lower_ in lex.deny.nouns:
        return False
    if subj.pos_ == "PRON" or subj.lower_ in lex.falsity.falsity_subject_pronouns:
        return True
    return (
        lem in lex.speech.claim_nouns
        or lem in lex.falsity.dismissed_subjects
        or subj.lower_ in lex.speech.claim_nouns
        or lem in lex.falsity.claimlike_subjects
        or subj.lower_ in lex.falsity.claimlike_subjects
    )


def _claimlike_noun(n) -> bool:
    """Can this noun be true/false ("a false accusation", "fake information",
    "a fabricated story")? Not "a false start", "a fake smile"."""
    lex = cues()
    lem = lemma_of(n)
    return any(
        w in vocab
        for w in (lem, n.lower_)
        for vocab in (
            lex.speech.claim_nouns,
            lex.falsity.claimlike_subjects,
            lex.falsity.dismissed_subjects,
            lex.falsity.words,
        )
    )


def _claim_only(t, pred, lex) -> bool:
    """A claim-only falsity verdict ("is baseless", "is baseless and gravely
    misinformed"): it judges a claim whatever the subject noun is."""
    return (
        lemma_of(t) in lex.claim_only_words
        or t.lower_ in lex.claim_only_words
        or (lemma_of(pred) in lex.claim_only_words or pred.lower_ in lex.claim_only_words)
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
    words = lex.words | lex.exculpatory
    for t in tokens:
        lem, low = lemma_of(t), t.lower_
        if lem in words or low in words:
            verdict = _falsity_word(t, lem, lex)
            if verdict is True:
                return True
            if verdict is _NEXT_TOKEN:
                continue
        if _without_merit(t, lem, lex) or _negated_truth(t, lem, low, lex):
            return True
    return False


_NEXT_TOKEN = "next token"  # a falsity word that settles nothing: go on with the next token


def _falsity_word(t, lem: str, lex):
    """A falsity word: True when it asserts falsity here, _NEXT_TOKEN when it
    does not, None when other tests of the token may still apply."""
    head = t.head if t.dep_ in ("acomp", "attr", "oprd") else t
    if negated(t) or negated(head):
        return _NEXT_TOKEN  # "was not fabricated" affirms
    if rhetorical_denial(t):
        return True  # "Why would I resign over a lie?"
    if hypothetical(t):
        return _NEXT_TOKEN
    pred = t
    while pred.dep_ == "conj" and pred.head.i != pred.i:
        pred = pred.head  # "real or fake" takes its first conjunct's role
    if t.pos_ == "VERB" and t.dep_ != "amod" and not (t.tag_ == "VBG" and t.dep_ in ("acomp", "attr", "oprd")):
        # ("was “misleading”": sm tags the participle adjective as a verb)
        if t.tag_ == "VBN" and any(c.dep_ == "auxpass" for c in t.children):
            if not _can_be_false(subject_of(t)):
                return _NEXT_TOKEN
            return True  # "the email was fabricated", "had been doctored"
        if pred.dep_ == "oprd":
            return True
        return _NEXT_TOKEN  # "they fabricate stories", "had lied": acts, not verdicts
    if pred.dep_ in ("acomp", "attr", "oprd", "ROOT", "ccomp", "xcomp") or t.dep_ == "appos":
        if _extraposed(head):
            return _NEXT_TOKEN
        if pred.dep_ in ("acomp", "attr") and not _can_be_false(subject_of(pred.head)):
            if lem not in lex.exculpatory and not _claim_only(t, pred, lex):
                return _NEXT_TOKEN
        if lem in lex.exculpatory and pred.dep_ not in ("acomp", "attr", "oprd"):
            return _NEXT_TOKEN
        return True
    if lem in lex.exculpatory:
        return _NEXT_TOKEN
    return _falsity_modifier(t, lex)


def _falsity_modifier(t, lex):
    """A falsity noun or adjective as an object or modifier ("spreading lies", "This is fake information")."""
    if t.pos_ == "NOUN" and t.dep_ == "dobj" and lemma_of(t.head) in lex.spreading_verbs and not negated(t.head):
        return True  # "She is spreading lies"
    if (
        t.dep_ == "amod"
        and t.head.dep_ == "dobj"
        and lemma_of(t.head.head) in lex.spreading_verbs
        and lemma_of(t.head) in lex.spread_objects
    ):
        return True  # "peddling fake news"
    if (
        t.dep_ == "amod"
        and t.head.dep_ in ("nsubj", "nsubjpass", "attr", "ROOT")
        and (lemma_of(t.head) in cues().speech.claim_nouns or t.head.dep_ == "attr")
    ):
        if t.head.dep_ == "attr" and not _can_be_false(subject_of(t.head.head)):
            return _NEXT_TOKEN
        if t.head.dep_ == "attr" and not _claimlike_noun(t.head):
            return _NEXT_TOKEN  # "That was a false start": a verdict on a thing, not a claim
        return True  # "This is fake information", "a fake email did not warrant"
    return None


def _without_merit(t, lem: str, lex) -> bool:
    """ "The lawsuit is without merit"."""
    return (
        lem in lex.without_nouns
        and t.dep_ == "pobj"
        and t.head.lower_ == "without"
        and t.head.head.lemma_ == "be"
        and subject_of(t.head.head) is not None
        and not negated(t.head.head)
        and not hypothetical(t)
        and not _extraposed(t.head.head)
    )


def _negated_truth(t, lem: str, low: str, lex) -> bool:
    """ "was not genuine", "is not true", "there was no truth", "no basis"."""
    if not (lem in lex.negated_truth or low in lex.negated_truth) or hypothetical(t):
        return False
    if t.dep_ in ("acomp", "attr") and negated(t.head):
        return _can_be_false(subject_of(t.head))
    if any(c.dep_ == "det" and c.lower_ == "no" for c in t.children):
        return True
    return t.dep_ in ("acomp", "attr") and negated(t)


def exculpates(tokens) -> bool:
    """Disclaimed wrongdoing or involvement: "he had done nothing wrong", "had
    nothing whatsoever to do with the application", "had no role in"."""
    lex = cues().falsity
    toks = list(tokens)
    tails = [tuple(x) for x in lex.involvement_tails]
    for k, t in enumerate(toks):
        if t.lower_ not in ("nothing", "no") or hypothetical(t):
            continue
        if t.lower_ == "nothing" and any(
            lemma_of(c) in lex.wrongdoing_adjs or c.lower_ in lex.wrongdoing_adjs for c in t.children
        ):
            return True
        nxt = [
            w.lower_
            for w in toks[k + 1 : k + 8]
            if not w.is_punct and w.lower_ not in grammar("discourse", "negation_intensifiers")
        ]
        for tail in tails:
            if tuple(nxt[: len(tail)]) == tail:
                return True
    return False


def asserts_innocence(tokens) -> bool:
    """'maintains his innocence', 'protested her innocence', 'insisted on his
    innocence', 'I am not guilty': the speaker clears themselves (or a client)."""
    lex = cues().falsity
    for t in tokens:
        lem = lemma_of(t)
        if lem in lex.innocence_nouns:
            h = t.head
            if t.dep_ == "pobj" and h.lower_ in ("on", "in") and h.head.i != h.i:
                h = h.head  # "insisted on his innocence"
            if (
                t.dep_ in ("dobj", "pobj")
                and lemma_of(h) in lex.innocence_verbs
                and not negated(h)
                and not hypothetical(t)
            ):
                return True
        if (
            lem in lex.exculpatory_person
            and t.dep_ == "acomp"
            and not negated(t.head)
            and not negated(t)
            and not hypothetical(t)
        ):
            subj = subject_of(t.head)
            if subj is not None and (
                subj.pos_ == "PRON"
                and subj.lower_ not in grammar("pronouns", "impersonal")
                or subj.pos_ == "PROPN"
                or subj.ent_type_ == "PERSON"
                or any(c.dep_ == "poss" for c in subj.children)
                or lemma_of(subj) in cues().rebuttal.agent_nouns
                or lemma_of(subj) in cues().source.person_nouns
            ):
                return True  # "Our players are clean", "I am clean"
        if lem in lex.guilt_words and t.dep_ in ("acomp", "attr") and negated(t.head) and not hypothetical(t):
            subj = subject_of(t.head)
            if subj is not None and (
                subj.pos_ in ("PRON", "PROPN")
                or lemma_of(subj) in cues().rebuttal.agent_nouns
                or subj.ent_type_ == "PERSON"
            ):
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
        t.dep_ in ("nsubj", "nsubjpass", "dobj")
        and (lemma_of(t) in lex.dismissed_subjects or t.lower_ in lex.dismissed_subjects)
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
        if 1 <= len(words) <= 2 and any(w.lower_ in lex or lemma_of(w) in lex for w in words):
            return True
        i = max(s.end, i + 1)
    return False

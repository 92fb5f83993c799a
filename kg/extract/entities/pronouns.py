"""Third-person pronouns: he/she/him/her/his take the most salient compatible person.

Main-clause subject of the current sentence, then of the previous one, then
other subjects, then recency; speakers count as subjects. Quotes matter: a
pronoun outside quotes ignores names inside them, one inside a quote never
refers to the quote's own speaker. Unnamed people ("the KAS staffer said")
take a salience slot with no entity, so "he" after them resolves to None
rather than to someone wrong. Gender comes from honorifics, gendered titles
and earlier pronouns, never from a name model. (Part of ``coref``.)
"""

from __future__ import annotations

from dataclasses import dataclass, field

from .. import doc as D
from .. import lexicon as LX
from ..lexicon import entity_words, grammar, speech_verbs
from .titles import title_heads

MALE = grammar("pronouns", "male")


FEMALE = grammar("pronouns", "female")


REFLEXIVE = grammar("pronouns", "reflexive")


OBJECT_DEPS = frozenset({"dobj", "pobj", "dative", "iobj", "obj"})


SUBJ_DEPS = frozenset({"nsubj", "nsubjpass"})


@dataclass
class _Entry:
    entity: str | None
    tok: int  # head token index
    sent: int  # sentence number
    subj: bool
    main: bool  # subject of the sentence's main verb
    speaker: bool
    quoted: bool


def main_verbs(sent) -> set[int]:
    root = sent.root
    out = {root.i}
    for c in root.children:
        if c.dep_ == "conj" and c.pos_ in ("VERB", "AUX"):
            out.add(c.i)
    return out


# People nouns that are not titles but still name an (unnamed) person who speaks.
PERSON_NOUNS = entity_words("unnamed_person_nouns")


def _is_person_noun(t) -> bool:
    return t.pos_ == "NOUN" and (bool(title_heads(t.lower_)) or t.lower_ in PERSON_NOUNS)


@dataclass
class CorefContext:
    doc: object
    index: object
    mask: list
    sents: list
    sent_of: list
    disc: list
    mains: list
    ambiguous: list = field(default_factory=list)  # person-name spans clustering could not name
    attributions: dict = field(default_factory=dict)  # sentence -> its attribution subject
    root_subjects: dict = field(default_factory=dict)  # sentence -> (root, its subjects)

    def dsent(self, i: int) -> int:
        return self.disc[self.sent_of[i]]

    def is_main(self, verb_i: int, tok_i: int) -> bool:
        return verb_i in self.mains[self.sent_of[tok_i]]


def _subject_like(t) -> bool:
    """Subjects, and objects that control an infinitive ("prompted Rainsy to
    accuse ...": Rainsy is the one accusing)."""
    if t.dep_ in SUBJ_DEPS:
        return True
    if t.dep_ in ("dobj",) and any(c.dep_ == "xcomp" for c in t.head.children):
        return True
    return False


def _postposed(doc, i: int) -> bool:
    """ "..., said Vin Monney" / "“...,” says Smith": a speech verb right after a
    comma or closing quote and right before the name (not "accuse the premier")."""
    return (
        i >= 2
        and doc[i - 1].lemma_.lower() in speech_verbs()
        and doc[i - 1].pos_ == "VERB"
        and (doc[i - 2].is_punct or doc[i - 2].is_quote)
    )


def _entry_for(ctx: CorefContext, eid, s_char, e_char) -> _Entry | None:
    doc = ctx.doc
    span = doc.char_span(s_char, e_char, alignment_mode="expand")
    if span is None:
        return None
    root = span.root
    # "Hale's campaign manager, Luis Ortega, wrote ...": a name in apposition to
    # the subject is the subject
    role = root.head if root.dep_ == "appos" and root.head.dep_ in SUBJ_DEPS else root
    subj = _subject_like(role)
    main = role.dep_ in SUBJ_DEPS and ctx.is_main(role.head.i, role.i)
    speaker = role.dep_ in SUBJ_DEPS and role.head.lemma_.lower() in speech_verbs()
    # post-posed: "..., said Vin Monney"
    if not subj and _postposed(doc, span.start):
        subj = speaker = True
        main = ctx.is_main(span.start - 1, root.i)
    return _Entry(eid, root.i, ctx.dsent(root.i), subj, main, speaker, ctx.mask[root.i])


def _blockers(ctx: CorefContext) -> list[_Entry]:
    """Unnamed human subjects of speech verbs ("the KAS staffer said")."""
    out = []
    verbs = speech_verbs()
    titles = LX.lexicon_set("roles", "titles")
    for i, w in enumerate(D.token_lows(ctx.doc)):
        if ctx.mask[i] or not (w in titles or w in PERSON_NOUNS):
            continue
        t = ctx.doc[i]
        if t.pos_ != "NOUN" or not _is_person_noun(t):
            continue
        if not (t.dep_ in SUBJ_DEPS and t.head.lemma_.lower() in verbs):
            continue
        if ctx.index.entity_at_token(t) or any(c.dep_ == "appos" and ctx.index.entity_at_token(c) for c in t.children):
            continue  # named, or named in apposition ("campaign manager, Luis Ortega,")
        out.append(_Entry(None, t.i, ctx.dsent(t.i), True, ctx.is_main(t.head.i, t.i), True, False))
    # ambiguous names ("Mr Smith" among two Smiths) are people we cannot name
    for s_char, e_char in ctx.ambiguous:
        en = _entry_for(ctx, None, s_char, e_char)
        if en:
            out.append(en)
    return out


def _pron_entry(ctx: CorefContext, t, eid) -> _Entry:
    subj = t.dep_ in SUBJ_DEPS
    return _Entry(
        eid,
        t.i,
        ctx.dsent(t.i),
        subj,
        subj and ctx.is_main(t.head.i, t.i),
        subj and t.head.lemma_.lower() in speech_verbs(),
        ctx.mask[t.i],
    )


def is_target_pronoun(t) -> bool:
    low = t.lower_
    return (low in MALE or low in FEMALE) and (t.pos_ == "PRON" or low == "her")


def resolve_pronouns(ctx: CorefContext, lede_refs: dict[int, str]) -> None:
    """He/she/him/her/his: a mention of the most salient compatible person (module doc);
    ``lede_refs`` are the lede's pronouns cataphora already resolved (token -> person)."""
    doc, index = ctx.doc, ctx.index
    entries: list[_Entry] = []
    for s, e, eid, kind in index.spans:
        rec = index.get(eid)
        if rec["type"] == "Person" or (rec["type"] == "Account" and kind == "handle"):
            en = _entry_for(ctx, eid, s, e)
            if en:
                entries.append(en)
    entries.extend(_blockers(ctx))
    entries.sort(key=lambda x: x.tok)
    history: list[_Entry] = []
    done: dict[int, str | None] = {}
    ei = 0
    targets = MALE | FEMALE
    for i in [i for i, w in enumerate(D.token_lows(doc)) if w in targets]:
        t = doc[i]
        while ei < len(entries) and entries[ei].tok < t.i:
            history.append(entries[ei])
            ei += 1
        if not is_target_pronoun(t):
            continue
        if t.i in done:
            eid = done[t.i]
        elif t.i in lede_refs:
            eid = lede_refs[t.i]
        else:
            eid = _resolve_pronoun(ctx, t, history, entries, done)
        history.append(_pron_entry(ctx, t, eid))
        if eid is None:
            continue
        g = "male" if t.lower_ in MALE else "female"
        if index.get(eid)["type"] == "Person":
            index.gender.setdefault(eid, g)
        index.add_mention(eid, t.idx, t.idx + len(t.text), "pronoun")


def _attribution(ctx: CorefContext, t):
    """The unquoted subject of a speech verb in t's sentence ("..., he said")."""
    k = ctx.sent_of[t.i]
    if k not in ctx.attributions:
        ctx.attributions[k] = next(
            (
                x
                for x in ctx.sents[k]
                if not ctx.mask[x.i] and x.dep_ in SUBJ_DEPS and x.head.lemma_.lower() in speech_verbs()
            ),
            None,
        )
    return ctx.attributions[k]


def _resolve_pronoun(ctx: CorefContext, t, history, entries, done) -> str | None:
    """The person a he/she/him/her/his token refers to: a referent the syntax
    names directly, else the most salient compatible entry of the history."""
    g = "male" if t.lower_ in MALE else "female"
    e = _direct_referent(ctx, t, entries, g)
    if e:
        return e
    excluded_tok, excluded_ent = _excluded(ctx, t, history, entries, done)
    return _most_salient(ctx, t, history, excluded_tok, excluded_ent, g)


def _fits(index, eid, g: str) -> bool:
    """Can a pronoun of gender g refer to this entity (None: an unnamed person fits)?"""
    if eid is None:
        return True
    rec = index.get(eid)
    if rec["type"] == "Account" and rec["kind"] not in ("pseudonym", "profile"):
        return False
    gg = index.gender.get(eid)
    return not (gg and gg != g)


def _direct_referent(ctx: CorefContext, t, entries, g: str) -> str | None:
    doc, index = ctx.doc, ctx.index
    # "his [Hun Sen’s] page": the editor's bracket names the referent
    if t.i + 2 < len(doc) and doc[t.i + 1].text == "[":
        e = index.entity_at_token(doc[t.i + 2])
        if e:
            return e
    # emphatic right after a name: "to Hun Sen himself"
    if t.lower_ in REFLEXIVE and t.i > 0:
        e = index.entity_at_token(doc[t.i - 1])
        if e:
            return e
    # "Hun Sen and his Facebook team": a possessive inside a conjunct of a person
    if t.dep_ == "poss" and t.head.dep_ == "conj":
        e = index.entity_at_token(t.head.head)
        if e and index.get(e)["type"] == "Person" and _fits(index, e, g):
            return e
    # cataphora: a pronoun in a fronted adverbial before the main subject
    # ("Despite ... his followers ..., the premier remains"; "In his own posts, the PM ...")
    if not ctx.mask[t.i]:
        e = _cataphora(ctx, t, entries)
        if e and _fits(index, e, g):
            return e
    return None


def _excluded(ctx: CorefContext, t, history, entries, done) -> tuple[set[int], set[str]]:
    """Tokens and entities the pronoun cannot refer to: a quote's own speaker,
    the subject of the pronoun's own clause ("him")."""
    index = ctx.index
    si = ctx.dsent(t.i)
    excluded_tok: set[int] = set()
    excluded_ent: set[str] = set()
    if ctx.mask[t.i]:
        # a quote never talks about its own speaker in the third person
        a = _attribution(ctx, t)
        if a is not None:
            if is_target_pronoun(a):
                if a.i not in done:
                    done[a.i] = _resolve_pronoun(ctx, a, [h for h in history if not h.quoted], entries, done)
                if done[a.i]:
                    excluded_ent.add(done[a.i])
            else:
                e = index.entity_at_token(a)
                if e:
                    excluded_ent.add(e)
                excluded_tok.add(a.i)
        else:
            for n_seen, h in enumerate(reversed(history)):
                if h.sent < si - 2 or n_seen >= 60:
                    break
                if h.speaker and not h.quoted:
                    excluded_tok.add(h.tok)
                    if h.entity:
                        excluded_ent.add(h.entity)
                    break
    # binding: "him" is not the subject of its own clause
    if t.dep_ in OBJECT_DEPS and t.lower_ not in ("his", "hers"):
        clause = t.head if t.dep_ != "pobj" else t.head.head
        for c in clause.children:
            if c.dep_ in SUBJ_DEPS:
                excluded_tok.add(c.i)
    return excluded_tok, excluded_ent


def _most_salient(ctx: CorefContext, t, history, excluded_tok, excluded_ent, g: str) -> str | None:
    """The best-ranked compatible entry of the last three sentences (see the module doc)."""
    si = ctx.dsent(t.i)
    quoted = ctx.mask[t.i]
    # A possessive, or a pronoun in an embedded clause, looks first to its own
    # sentence ("denials by Hun Sen that his team ..."); a main-clause subject
    # pronoun ("He said ...") continues the previous sentence's subject.
    embedded = t.dep_ == "poss" or any(a.dep_ in EMBEDDING_DEPS for a in [t] + list(t.ancestors))
    # a possessive's own clause subject comes first ("... said Starmer stood by his remarks")
    own_subj = None
    if t.dep_ == "poss":
        v = t.head
        while v.pos_ not in ("VERB", "AUX") and v.head.i != v.i:
            v = v.head
        own_subj = next((c.i for c in v.children if c.dep_ in SUBJ_DEPS and c.i < t.i), None)
    best, best_key = None, None
    for n_seen, h in enumerate(reversed(history)):
        d = si - h.sent
        # three sentences back, and never more than 60 candidates (one endless
        # sentence must not make this quadratic)
        if d > 3 or n_seen >= 60:
            break
        if h.tok in excluded_tok or (h.entity is not None and h.entity in excluded_ent):
            continue
        if not quoted and h.quoted:
            continue
        if not _fits(ctx.index, h.entity, g):
            continue
        if embedded:
            cat = (
                (0 if h.main else 1 if h.subj else 2) + 3 * min(d, 2)
                if d <= 1
                else 6 + (0 if h.subj else 1) + 2 * (d - 2)
            )
        elif d == 0:
            # any subject earlier in the same sentence beats the last sentence's
            # ("Rep. Nancy Pelosi also criticised the crackdown; she said ...")
            cat = 0 if h.main else 1 if h.subj else 4
        elif d == 1:
            cat = 2 if (h.main or h.speaker) else 3 if h.subj else 5
        else:
            cat = 6 + (0 if h.subj else 1) + 2 * (d - 2)
        if own_subj is not None and h.tok == own_subj:
            cat = -1
        # inside a quote, people talked about beat people who spoke earlier
        if quoted and h.speaker and not h.quoted:
            cat += 4
        key = (cat, -h.tok)
        if best_key is None or key < best_key:
            best, best_key = h, key
    return best.entity if best is not None else None


EMBEDDING_DEPS = frozenset({"ccomp", "acl", "relcl", "advcl", "xcomp", "pcomp", "csubj"})


def _cataphora(ctx: CorefContext, t, entries) -> str | None:
    index = ctx.index
    k = ctx.sent_of[t.i]
    if k not in ctx.root_subjects:
        root = ctx.sents[k].root
        ctx.root_subjects[k] = (root, [c for c in root.children if c.dep_ in SUBJ_DEPS])
    root, subjects = ctx.root_subjects[k]
    subj = [c for c in subjects if c.i > t.i]
    if not subj or t.dep_ in SUBJ_DEPS and t.head.i == root.i:
        return None
    s0 = subj[0]
    # the pronoun must hang off the root through a fronted adverbial, before the subject
    x = t
    top = None
    while x.head.i != x.i:
        if x.head.i == root.i:
            top = x
            break
        x = x.head
    if top is None or top.i > s0.i or top.dep_ not in ("prep", "advcl", "npadvmod", "advmod"):
        return None
    for en in entries:
        if en.tok == s0.i and en.entity and index.get(en.entity)["type"] == "Person":
            return en.entity
    e = index.entity_at_token(s0)
    if e and index.get(e)["type"] == "Person":
        return e
    return None

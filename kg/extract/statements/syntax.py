"""Small dependency-tree helpers shared by the statement stage."""

from __future__ import annotations

from ..lexicon import grammar

SUBJ = ("nsubj", "csubj")


WH = grammar("pronouns", "relative")


QUANTIFIERS = grammar("determiners", "floating_quantifiers")


def negated(tok) -> bool:
    return any(c.dep_ == "neg" for c in tok.children)


def relative_passive(v):
    """The relative pronoun passive subject of relative clause v ("a former
    officer *who* is suspected of ...", "Hale, *who* was accused of ..."), or None."""
    if v.dep_ != "relcl":
        return None
    return next((c for c in v.children if c.dep_ == "nsubjpass" and c.lower_ in WH), None)


def relative_antecedent(v, obj):
    """An allegation cue in a relative clause whose passive subject is the
    relative pronoun is about the clause's antecedent: 'Tom Hale, who is
    accused of taking bribes' is about Tom Hale, not "who"."""
    rel = relative_passive(v)
    if rel is None or v.head.pos_ not in ("NOUN", "PROPN"):
        return obj
    if obj is None or obj.i == rel.i:
        head = v.head
        if head.dep_ == "appos" and head.head.pos_ == "PROPN":
            head = head.head  # "Tom Hale, a former officer who is suspected of ...": Tom Hale
        return head
    return obj


def name_appos(tok):
    """A proper-name apposition of a common-noun speaker: "A spokeswoman for the
    White House, Karine Jean-Pierre, said" -> the Karine Jean-Pierre token."""
    if tok.pos_ != "NOUN" and not (tok.pos_ in ("NUM", "PRON") and tok.lower_ == "one"):
        return None  # ("One of the three players, midfielder Artem Belov, wrote")
    for c in tok.rights:
        if c.dep_ == "appos" and c.pos_ == "PROPN":
            return c
    return None


def name_span(tok) -> tuple[int, int]:
    """The head token with its compound/flat name parts ("Sok Eysan", "Facebook user")."""
    first = tok.i
    for c in tok.lefts:
        if c.dep_ in ("compound", "flat") and c.i == first - 1:
            first = c.i
    return first, tok.i


def speaker_span(tok) -> tuple[int, int]:
    """Token range of the noun phrase headed by tok, without comma-set appositions/relatives."""
    doc = tok.doc
    first, last = tok.left_edge.i, tok.i
    # Left side: drop leading punctuation and quote marks.
    appos_name = name_appos(tok)
    for c in tok.rights:
        prev = doc[c.left_edge.i - 1] if c.left_edge.i > 0 else None
        comma_set = prev is not None and prev.text in {",", "–", "—", "-", "("}
        if appos_name is not None and c.i == appos_name.i:
            last = c.right_edge.i
            continue
        if c.dep_ == "punct" and c.text in {",", "–", "—", "(", ":"}:
            if appos_name is not None and appos_name.i > c.i:
                continue  # the comma opening "..., Karine Jean-Pierre, said"
            break
        if comma_set and c.dep_ in ("appos", "relcl", "acl", "amod", "prep"):
            break
        if c.dep_ == "prep" and any(g.ent_type_ in ("DATE", "TIME") for g in c.children if g.dep_ == "pobj"):
            break  # "Kenya's ruling party on Monday rejected ...": the date is not the speaker
        last = c.right_edge.i
        if c.dep_ == "prep":
            # "The chief executive of Cloudline, a cloud storage company with
            # 40 million users, says": the comma-set apposition inside the
            # phrase describes the organisation, it is not part of the speaker.
            comma = next((j for j in range(c.i + 1, last + 1) if doc[j].text == ","), None)
            if comma is not None:
                last = comma - 1
                break
    # Never reach back over a line break, a dateline dash or a bracket
    # ("WASHINGTON (Reuters) - Senate leader X said").
    for j in range(tok.i - 1, first - 1, -1):
        w = doc[j]
        if w.is_space or "\n" in w.text or w.text in {"-", "–", "—", ")", ":", ";", "“", '"'}:
            first = j + 1
            break
    while first < last and (doc[first].is_punct or doc[first].is_space):
        first += 1
    while last > first and doc[last].is_punct and doc[last].text not in '”"’':
        last -= 1
    return first, last


def proposition_clause(n):
    """The clause a claim noun introduces: "allegations (that) the premier had
    paid ...", "his accusations Hun Sen's team had bolstered ..."; a participle
    describing the noun ("allegations first reported by X") is not one."""
    for c in n.children:
        if c.dep_ in ("relcl", "acl", "ccomp") and c.i > n.i:
            if any(g.dep_ == "mark" for g in c.children):
                return c
            subj = [g for g in c.children if g.dep_ in ("nsubj", "nsubjpass")]
            if subj and subj[0].lower_ not in WH:
                return c
    return None


def naming_predicate(v):
    """What a naming verb predicates of its object: oprd ("called X fabricated"),
    a subjectless ccomp/xcomp (sm's reading of the same), or "as ..." ("dismissed X as baseless")."""
    dobj = next((c for c in v.children if c.dep_ == "dobj"), None)
    if dobj is None:
        return None
    for c in v.children:
        if c.i <= dobj.i:
            continue
        if c.dep_ == "oprd":
            return c
        if c.dep_ in ("ccomp", "xcomp") and not any(g.dep_ in SUBJ + ("nsubjpass",) for g in c.children):
            return c
        if c.dep_ == "prep" and c.lower_ == "as":
            return c
        if c.dep_ == "advcl" and any(g.lower_ == "as" for g in c.children if g.dep_ == "mark"):
            return c
    # sm misattachment: 'described the suggestion that he had bought access as
    # "complete nonsense"' hangs "as ..." on the last word of the object clause.
    for w in dobj.subtree:
        if (
            w.dep_ == "prep"
            and w.lower_ == "as"
            and w.i > dobj.i
            and w.right_edge.i == dobj.right_edge.i
            and w.head.i != dobj.i
        ):
            return w
    return None


def finite_clause(v) -> bool:
    """A clause with a tense/modal or a 'that' complementiser."""
    return v.tag_ in ("VBD", "VBZ", "VBP", "MD") or any(c.dep_ in ("aux", "auxpass", "mark") for c in v.children)


def lemma_of(t) -> str:
    return t.lemma_.lower()


def subject_of(head):
    return next((c for c in head.children if c.dep_ in ("nsubj", "nsubjpass")), None)

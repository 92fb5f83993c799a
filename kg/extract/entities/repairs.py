"""Mention repairs over the whole article: labels fixed by what other mentions say."""

from __future__ import annotations

from .. import doc as D
from .. import names as N
from ..lexicon import entity_words
from ..rules import tagged
from .shapes import Mention, is_platform, org_evidence


def repair_by_name(mentions: list[Mention]) -> None:
    """ORG/OTHER mentions that repeat part of a person's name are that person.

    "Goepel" (ORG) after "Uwe Goepel", "Satya" (GPE) after "Sambath Satya",
    "Strangio" (ORG) after "Sebastian Strangio". Only single capitalised words
    or runs of name words, never acronyms or org-word names.
    """
    # word -> {full name: its first position}: "Grant" before Sarah Grant is
    # introduced can only be the Oliver Grant named earlier
    first_at: dict[tuple, int] = {}
    for m in mentions:
        k = N.name_tokens(m.name)
        if m.label == "PERSON" and len(k) >= 2:
            first_at[k] = min(first_at.get(k, m.start_char), m.start_char)
    by_word: dict[str, list[tuple]] = {}
    for k in first_at:
        for w in set(k):
            by_word.setdefault(w, []).append(k)
    fullset = set(first_at)
    # single names a title or honorific made a person ("Ms. Monovithya")
    # (or an age appositive: "Nkosi, 61," after "Themba Nkosi" tagged WORK_OF_ART)
    singles = {
        N.name_tokens(m.name)[0]
        for m in mentions
        if m.label == "PERSON" and len(N.name_tokens(m.name)) == 1 and (m.titles or m.gender or tagged(m.rule, "age"))
    }
    for m in mentions:
        if m.label not in ("ORG", "OTHER") or org_evidence(m):
            continue
        k = N.name_tokens(m.name)
        if N.is_acronym(m.name) or not k or is_platform(m.name):
            continue
        if any(w in entity_words("org_words") for w in k) or k[-1] in entity_words("org_heads"):
            continue
        named_before = [f for f in by_word.get(k[0], []) if first_at[f] < m.start_char] if len(k) == 1 else []
        ends = [f for f in by_word.get(k[-1], []) if len(f) > len(k) >= 2 and f[-len(k) :] == k]
        if len(ends) == 1:
            # "Von der Leyen" (ORG) after "Ursula von der Leyen": the end of that name
            m.label, m.rule = "PERSON", "ner+name-repair"
        elif k in fullset or (len(k) == 1 and (len(by_word.get(k[0], [])) == 1 or len(named_before) == 1)):
            m.label, m.rule = "PERSON", "ner+name-repair"
        elif 2 <= len(k) <= 3 and k[-1] in singles:
            # "Kem Monovithya" (ORG) and later "Ms. Monovithya": the full name of that person
            m.label, m.rule = "PERSON", "ner+name-repair"


def org_prefix_repair(mentions: list[Mention]) -> None:
    """A lone word typed PERSON that starts exactly one organisation's name (or
    is one typed ORG elsewhere) is that organisation ("Verdimar did not reply"
    after "Verdimar Services"),
    unless a title, honorific, appositive or age made it a person, or a
    person's full name holds the word."""
    starts: dict[str, set[str]] = {}
    if not any(m.label == "ORG" for m in mentions):
        return
    for m in mentions:
        k = N.name_tokens(m.name)
        if (
            m.label == "ORG"
            and not N.is_acronym(m.name)
            and (len(k) >= 2 or (len(k) == 1 and not tagged(m.rule, "name-repair")))
        ):
            # (a one-word organisation typed ORG elsewhere is that word: "Cloudline")
            starts.setdefault(k[0], set()).add(" ".join(k))
    # whole names an organisation's shape or context proved ("Helping Hands
    # founder Grace Mwangi") are that organisation wherever NER says PERSON
    proven = {N.name_tokens(m.name) for m in mentions if m.label == "ORG" and org_evidence(m)}
    person_words = {
        w
        for m in mentions
        if m.label == "PERSON" and len(N.name_tokens(m.name)) >= 2 and N.name_tokens(m.name) not in proven
        for w in N.name_tokens(m.name)
    }
    for m in mentions:
        k = N.name_tokens(m.name)
        if m.label != "PERSON" or m.titles or m.gender or tagged(m.rule, "strong-person"):
            continue
        if len(k) >= 2 and k in proven:
            m.label, m.rule = "ORG", "org-name"
        elif len(k) == 1 and len(starts.get(k[0], ())) == 1 and k[0] not in person_words:
            m.label, m.rule = "ORG", "org-prefix"


def place_objects(doc, mentions: list[Mention]) -> None:
    """A lone word typed PERSON as the object of a locative "in" ("a news
    conference in Chandigarh") is a place -- unless a title, honorific or a
    person's full name says otherwise, or it is a possessor ("in Smith's view")."""
    preps = entity_words("place_preps")
    full = {
        w for m in mentions if m.label == "PERSON" and len(N.name_tokens(m.name)) >= 2 for w in N.name_tokens(m.name)
    }
    for m in mentions:
        if m.label != "PERSON" or m.end - m.start != 1 or m.titles or m.gender:
            continue
        t = doc[m.start]
        if t.dep_ != "pobj" or t.head.lower_ not in preps or N.norm(m.name) in full:
            continue
        if m.end < len(doc) and doc[m.end].text in ("'s", "’s", "'", "’"):
            continue
        if t.head.head.lower_ in entity_words("not_place_heads"):
            continue  # "confidence in Harper", "faith in Smith"
        m.label, m.rule = "OTHER", "ner-place"


def common_word_names(doc, mentions: list[Mention]) -> None:
    """A lone capitalised word tagged PERSON that the article also writes in
    lowercase ("Sue who?" after "going to sue someone") is that word, not a
    name -- unless a title or honorific introduces it or it is part of a full
    name in the article."""
    parts = {
        w for m in mentions if m.label == "PERSON" for w in N.name_tokens(m.name) if len(N.name_tokens(m.name)) > 1
    }
    lower = {w for w in D.token_texts(doc) if w.islower()}
    for m in mentions:
        if m.label != "PERSON" or m.titles or m.gender or m.end - m.start != 1:
            continue
        w = N.norm(m.name)
        if w in lower and w not in parts:
            m.label, m.rule = "OTHER", "ner-common-word"


def kin_gender(doc, mentions: list[Mention]) -> None:
    """ "His wife, Nadine Menendez,": a gendered kin noun in apposition before a
    name says the person's gender (used to keep "Mr. Menendez" apart)."""
    fem, male = entity_words("female_nouns"), entity_words("male_nouns")
    for m in mentions:
        if m.label != "PERSON" or m.gender or m.start < 2 or doc[m.start - 1].text != ",":
            continue
        w = doc[m.start - 2].lower_
        m.gender = "female" if w in fem else "male" if w in male else None

"""What a name span looks like: the shape and context tests mention repair relies on."""

from __future__ import annotations

from dataclasses import dataclass, field

from .. import doc as D
from .. import lexicon as LX
from .. import names as N
from ..lexicon import entity_words, speech_verbs
from ..rules import tagged
from .titles import abbrev_token, honorific_gender, postnominal_words, title_words, titleish


@dataclass
class Mention:
    start: int  # token index
    end: int  # token index, exclusive
    start_char: int
    end_char: int
    name: str  # the name as written, trimmed of titles and possessive
    label: str  # PERSON | ORG | OTHER | HANDLE
    rule: str
    titles: list[str] = field(default_factory=list)  # titles seen in/before the span
    gender: str | None = None
    classes: list[str] = field(default_factory=list)  # org class nouns ("agency", "party")
    descriptors: list[str] = field(default_factory=list)  # "ruling", "opposition" before the name
    paren_of: "Mention | None" = None  # "(CDU)" right after this org
    entity: str | None = None


def not_person_words() -> frozenset[str]:
    plat = LX.patterns("accounts")
    extra = set(plat["platforms"]) | set(plat["email_providers"])
    return entity_words("not_person") | frozenset(extra)


def is_platform(text: str) -> bool:
    plat = LX.patterns("accounts")
    t = N.norm(text)
    return t in plat["platforms"] or t in plat["email_providers"]


def has_org_word(tokens) -> bool:
    ow = entity_words("org_words")
    return any(t.lower_ in ow for t in tokens)


def name_like(tokens) -> bool:
    """Every word capitalised (or a small particle like 'de', 'bin', 'al-')."""
    skip = entity_words("acronym_skip") | entity_words("name_particles")
    ok = False
    for t in tokens:
        if t.is_punct and t.text in "-.'’":
            continue
        if t.lower_ in skip:
            continue
        if not N.is_name_word(t.text):
            return False
        ok = True
    return ok


def org_shaped(doc, s: int, e: int) -> bool:
    """A PERSON span that is an organisation: introduced by a class noun
    ("German agency Konrad Adenauer Stiftung") or three-plus words ending in an
    org word ("Christian Democratic Union")."""
    k = s - 1
    if k >= 0 and doc[k].is_lower and doc[k].lower_ in entity_words("org_class_nouns"):
        return True
    return e - s >= 3 and doc[e - 1].lower_ in entity_words("org_words")


def title_before(doc, i: int) -> tuple[str | None, int]:
    """A role title or honorific ending right before token i: (title, its first token)."""
    titles = title_words()
    # "Gov. Brian Kemp", "Lt. Gov. Dana Whitfield", "Sgt. Carla Diaz" (the
    # tokenizer may split the full stop off: "Lt", ".")
    k = i - 1
    if k >= 1 and doc[k].text == ".":
        k -= 1
    if k >= 0 and "\n" not in doc[k].text and abbrev_token(doc[k]):
        return abbrev_token(doc[k]).lower(), k
    texts, lows = D.token_texts(doc), D.token_lows(doc)
    for n in (3, 2, 1):
        s = i - n
        if s < 0:
            continue
        words = " ".join(lows[s:i])
        # (is_space: the text is all whitespace)
        if any(w.isspace() or "\n" in w for w in texts[s:i]):
            continue
        if words in titles or honorific_gender(words) is not None:
            return words, s
    return None, i


def appos_role_after(doc, e: int) -> bool:
    """', [a|an|the] [modifiers] TITLE' right after the span: a person's appositive."""
    if e >= len(doc) or doc[e].text != ",":
        return False
    titles = title_words() | entity_words("person_nouns")
    mods = LX.lexicon_set("roles", "title_modifiers")
    j = e + 1
    if j < len(doc) and doc[j].lower_ in ("a", "an", "the"):
        j += 1
    for k in range(j, min(j + 4, len(doc))):
        t = doc[k]
        if t.lower_ in titles:
            return True
        if not (t.lower_ in mods or t.pos_ in ("ADJ", "NOUN") and t.is_lower):
            return False
    return False


def appos_role_before(doc, s: int) -> bool:
    """'TITLE-or-kin noun, NAME,': "A Meta spokesman, Andy Stone,", "Sokha's daughter, Kem Monovithya,"."""
    if s < 2 or doc[s - 1].text != ",":
        return False
    t = doc[s - 2]
    return t.is_lower and (t.lower_ in title_words() or t.lower_ in entity_words("person_nouns"))


def speech_subject(span) -> bool:
    """The span is the (pre- or post-posed) subject of a verb of saying."""
    verbs = speech_verbs()
    root = span.root
    if root.dep_ in ("nsubj", "nsubjpass") and root.head.lemma_.lower() in verbs:
        return True
    doc = span.doc
    # "..., said Vin Monney" / "Vin Monney said"
    if (
        span.start > 1
        and doc[span.start - 1].lemma_.lower() in verbs
        and doc[span.start - 1].pos_ == "VERB"
        and doc[span.start - 2].is_punct
    ):
        return True
    if span.end < len(doc) and doc[span.end].lemma_.lower() in verbs and doc[span.end].pos_ == "VERB":
        return True
    return False


def name_at(doc, k: int) -> bool:
    """A capitalised name word starts at token k (after a split-off full stop)."""
    if k < len(doc) and doc[k].text == ".":
        k += 1
    return k < len(doc) and doc[k].pos_ == "PROPN" and N.is_name_word(doc[k].text)


def org_head(tok) -> bool:
    return tok.lower_ in entity_words("org_heads")


def all_titles(span) -> bool:
    """Nothing but title words ("Sgt", "Conservative MP" minus the party)."""
    return all(titleish(t) or t.is_punct for t in span)


def appos_class_noun(doc, e: int) -> str | None:
    """The class noun of an appositive right after a name (', a firm bidding ...'), or None."""
    if e >= len(doc) or doc[e].text != ",":
        return None
    classes = entity_words("org_class_nouns")
    j = e + 1
    if j < len(doc) and doc[j].lower_ in ("a", "an", "the"):
        j += 1
    for k in range(j, min(j + 3, len(doc))):
        t = doc[k]
        if t.lower_ in classes and t.pos_ == "NOUN" and t.is_lower:
            nxt = doc[k + 1] if k + 1 < len(doc) else None
            # ("a firm bidding for ...": the tagger may make the participle a noun)
            if (
                nxt is None
                or (nxt.pos_ not in ("NOUN", "PROPN", "PART") and nxt.text not in ("'s", "’s"))
                or (nxt.is_lower and nxt.lower_.endswith("ing") and k + 2 < len(doc) and doc[k + 2].pos_ == "ADP")
            ):
                return t.lower_
            return None
        if not (t.is_lower and t.pos_ in ("ADJ", "NOUN", "ADV")):
            return None
    return None


def title_then_name(doc, e: int) -> bool:
    """A lowercase role title and then a capitalised name right after the span:
    the span is the organisation the title belongs to ("Helping Hands founder
    Grace Mwangi", "CPP spokesman Sok Eysan")."""
    titles = title_words()
    for n in (2, 1):
        if (
            e + n < len(doc)
            and all(t.is_lower for t in doc[e : e + n])
            and " ".join(t.lower_ for t in doc[e : e + n]) in titles
        ):
            k = e + n
            return k + 1 < len(doc) and name_at(doc, k) and name_at(doc, k + 1)
    return False


def appos_class_after(doc, e: int) -> bool:
    """', a consultancy that ...' / ', the company said': an org class noun in
    apposition right after the span makes it an organisation."""
    if e >= len(doc) or doc[e].text != ",":
        return False
    classes = entity_words("org_class_nouns")
    j = e + 1
    if j < len(doc) and doc[j].lower_ in ("a", "an", "the", "its"):
        j += 1
    for k in range(j, min(j + 3, len(doc))):
        t = doc[k]
        if t.lower_ in classes and t.pos_ == "NOUN" and t.is_lower:
            # the class noun heads the appositive: not "the party's deputy leader"
            return k + 1 >= len(doc) or (
                doc[k + 1].pos_ not in ("NOUN", "PROPN", "PART") and doc[k + 1].text not in ("'s", "’s")
            )
        if not (t.is_lower and t.pos_ in ("ADJ", "NOUN", "ADV")):
            return False
    return False


def person_shape(doc, s: int, e: int, span, titled: bool = False) -> tuple[str, str] | None:
    """Relabel a PERSON span whose shape or context says it is no person.

    Returns (label, rule) or None to keep it a person. Driven by data:
    org_heads ("Redline Strategies", "Liberal Democrats"), seat_heads
    ("Downing Street said"), not_in_person ("Housing and Communities"),
    platform-led names ("Facebook Messenger"), a class-noun appositive
    ("Harcourt Advisory, a consultancy"), and determiners ("the Herald";
    people take no article).
    """
    low = [t.lower_ for t in span]
    det = doc[s - 1].lower_ if s > 0 else ""
    has_org = org_head(doc[e - 1]) or has_org_word(span)
    if any(w in entity_words("not_in_person") for w in low):
        return ("ORG", "ner+org-shape") if has_org else ("OTHER", "ner-rejected")
    if doc[e - 1].lower_ in entity_words("seat_heads") and e - s >= 2:
        return ("ORG", "ner+seat") if speech_subject(span) else ("OTHER", "ner-rejected")
    if e - s >= 2 and is_platform(doc[s].text):
        return "OTHER", "ner-platform-product"  # "Facebook Messenger": a product
    # ("Margaret Court", "Bill Press": a title, an honorific or a person's
    # appositive keeps a name whose surname is an org word a person)
    if org_head(doc[e - 1]) and (e - s >= 2 or det == "the") and not titled and not appos_role_after(doc, e):
        return "ORG", "ner+org-head"
    if appos_class_after(doc, e) and not titled:
        # (", the party said": a titled name before a new clause stays a person)
        return "ORG", "ner+org-appos"
    if title_then_name(doc, e):
        return "ORG", "ner+org-before-title"  # "Helping Hands founder Grace Mwangi"
    if (
        span.root.dep_ == "dobj"
        and span.root.head.lemma_.lower() in entity_words("org_object_verbs")
        and not titled
        and e - s >= 2
    ):
        return "ORG", "ner+org-object"  # "Grace Mwangi built Helping Hands from a church kitchen"
    if self_named_by_group(doc, s):
        return "ORG", "ner+org-itself"  # "The group, which calls itself Patriots United"
    if det in ("a", "an", "the") and span.root.dep_ not in ("compound", "poss"):
        return ("ORG", "ner+org-det") if has_org else ("OTHER", "ner-rejected")
    return None


def make_mention(doc, s: int, e: int, label: str, rule: str, titles=None, gender=None) -> Mention:
    span = doc[s:e]
    name = N.strip_possessive(" ".join(span.text.split()))
    end_char = span.end_char
    if name != " ".join(span.text.split()) and span.text.startswith(name):
        end_char = span.start_char + len(name)  # keep the mention off the possessive
    return Mention(s, e, span.start_char, end_char, name, label, rule, list(titles or []), gender)


def is_credit(doc, s: int) -> bool:
    """A name after "Reporting by" / "Editing by" on the same line is a byline credit."""
    credit = entity_words("credit_words")
    texts = D.token_lows(doc)
    for k in range(s - 1, max(-1, s - 14), -1):
        w = texts[k]
        if "\n" in w or w in (".", "!", "?", ":"):
            return False
        if w == "by" and k > 0 and texts[k - 1] in credit:
            # only as a credit line ("Reporting by", "(Editing by", "additional
            # reporting by"), not prose ("the letter was written by Senator X")
            cue = doc[k - 1]
            before = texts[k - 2] if k > 1 else "\n"
            return cue.text[:1].isupper() or before in entity_words("credit_openers") or "\n" in before
    return False


def extendable(doc, k: int, ent_of) -> bool:
    """A bare capitalised PROPN that can be part of a person's name."""
    if k < 0 or k >= len(doc) or k in ent_of:
        return False
    t = doc[k]
    low = t.lower_
    return (
        t.pos_ == "PROPN"
        and N.is_name_word(t.text)
        and "\n" not in t.text
        and not N.is_acronym(t.text)
        and low not in title_words()
        and honorific_gender(low) is None
        and low not in entity_words("org_words")
        and abbrev_token(t) is None
        and low not in postnominal_words()
        and low not in not_person_words()
        and low not in entity_words("calendar")
    )


def age_appos(doc, e: int) -> bool:
    """', 61,' (or ', 61.' / ', 61 and') right after a span: an age, said of people only."""
    if e + 1 >= len(doc) or doc[e].text != "," or not doc[e + 1].text.isdigit():
        return False
    lex = LX.patterns("entities")["lexicon"]
    if not lex["age_min"] <= int(doc[e + 1].text) <= lex["age_max"]:
        return False
    nxt = doc[e + 2] if e + 2 < len(doc) else None
    return nxt is not None and (nxt.text in (",", ".", ";") or nxt.lower_ == "and")


def hyphen_end(doc, j: int) -> int:
    """Extend a capitalised run over hyphen-joined capitalised words: spaCy
    splits "Anti-Doping" into "Anti", "-", "Doping" (and may tag "Doping" ADJ)."""
    n = len(doc)
    while (
        j + 1 < n
        and doc[j].text in ("-", "‐", "–")
        and not doc[j - 1].whitespace_
        and not doc[j].whitespace_
        and N.is_name_word(doc[j + 1].text)
        and "\n" not in doc[j + 1].text
    ):
        j += 2
        while (
            j < n
            and doc[j].pos_ in ("PROPN", "ADJ", "NOUN")
            and N.is_name_word(doc[j].text)
            and "\n" not in doc[j].text
        ):
            j += 1
    return j


def org_evidence(m: Mention) -> bool:
    """The mention is an organisation by its shape or context, not by NER alone."""
    return m.label == "ORG" and tagged(m.rule, "org-evidence")


def self_named_by_group(doc, s: int) -> bool:
    """'(which) calls itself "X"', 'calling themselves X': an organisation naming itself."""
    k = s - 1
    while k >= 0 and doc[k].is_punct and doc[k].text in "\"“”‘’'":
        k -= 1
    return k >= 0 and doc[k].lower_ in ("itself", "themselves")


def tells_people(t) -> bool:
    """The token is the subject of "tell" addressed to people only ("Lula told
    reporters in Brasilia that ..."): a person speaking, not an organisation."""
    v = t.head
    if t.dep_ != "nsubj" or v.lemma_.lower() not in entity_words("tell_verbs") or v.pos_ != "VERB":
        return False
    return any(c.dep_ == "dobj" and c.lower_ in entity_words("person_tell_objects") for c in v.children)

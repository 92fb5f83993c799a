"""Name mentions: spaCy NER spans, repaired, plus the names the small model misses.

The sm model's typical mistakes, each with a repair driven by pattern data:
- a title or possessive inside the span ("Premier Hun Sen", "Hun Sen’s",
  "’s Facebook") -> trimmed (the title is kept as evidence for roles);
- people tagged ORG/GPE ("government spokesman Phay Siphan" ORG, "Satya" GPE)
  -> PERSON when a role title precedes, a role appositive follows, they are
  the subject of a speech verb, or they repeat part of a known person's name;
- companies tagged PERSON ("Facebook", "Gmail") -> ORG from the lexicon;
- unlabelled title-case PROPN runs after a role title or next to "said" -> PERSON.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from . import names as N
from . import doc as D
from . import lexicon as LX


@dataclass
class Mention:
    start: int            # token index
    end: int              # token index, exclusive
    start_char: int
    end_char: int
    name: str             # the name as written, trimmed of titles and possessive
    label: str            # PERSON | ORG | OTHER | HANDLE
    rule: str
    titles: list[str] = field(default_factory=list)   # titles seen in/before the span
    gender: str | None = None
    classes: list[str] = field(default_factory=list)  # org class nouns ("agency", "party")
    descriptors: list[str] = field(default_factory=list)  # "ruling", "opposition" before the name
    paren_of: "Mention | None" = None                 # "(CDU)" right after this org
    entity: str | None = None


def _lex(key: str) -> frozenset[str]:
    return LX.lexicon_set("entities", "lexicon", key)


def _titles() -> frozenset[str]:
    return LX.lexicon_set("roles", "titles")


def _honorific_gender(word: str) -> str | None | bool:
    """'male'/'female' for a gendered honorific, True for a neutral one, None if not one."""
    h = LX.patterns("entities")["honorifics"]
    w = word.lower()
    if w in h["male"]:
        return "male"
    if w in h["female"]:
        return "female"
    if w in h["neutral"]:
        return True
    return None


def _not_person() -> frozenset[str]:
    plat = LX.patterns("accounts")
    extra = set(plat["platforms"]) | set(plat["email_providers"])
    return _lex("not_person") | frozenset(extra)


def _is_platform(text: str) -> bool:
    plat = LX.patterns("accounts")
    t = N.norm(text)
    return t in plat["platforms"] or t in plat["email_providers"]


def _has_org_word(tokens) -> bool:
    ow = _lex("org_words")
    return any(t.lower_ in ow for t in tokens)


def _name_like(tokens) -> bool:
    """Every word capitalised (or a small particle like 'de', 'bin', 'al-')."""
    skip = _lex("acronym_skip") | _lex("name_particles")
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


def _org_shaped(doc, s: int, e: int) -> bool:
    """A PERSON span that is an organisation: introduced by a class noun
    ("German agency Konrad Adenauer Stiftung") or three-plus words ending in an
    org word ("Christian Democratic Union")."""
    k = s - 1
    if k >= 0 and doc[k].is_lower and doc[k].lower_ in _lex("org_class_nouns"):
        return True
    return e - s >= 3 and doc[e - 1].lower_ in _lex("org_words")


def _title_before(doc, i: int) -> tuple[str | None, int]:
    """A role title or honorific ending right before token i: (title, its first token)."""
    titles = _titles()
    # "Gov. Brian Kemp", "Lt. Gov. Dana Whitfield", "Sgt. Carla Diaz" (the
    # tokenizer may split the full stop off: "Lt", ".")
    k = i - 1
    if k >= 1 and doc[k].text == ".":
        k -= 1
    if k >= 0 and "\n" not in doc[k].text and N.abbrev_token(doc[k]):
        return N.abbrev_token(doc[k]).lower(), k
    texts, lows = D.token_texts(doc), D.token_lows(doc)
    for n in (3, 2, 1):
        s = i - n
        if s < 0:
            continue
        words = " ".join(lows[s:i])
        # (is_space: the text is all whitespace)
        if any(w.isspace() or "\n" in w for w in texts[s:i]):
            continue
        if words in titles or _honorific_gender(words) is not None:
            return words, s
    return None, i


def _appos_role_after(doc, e: int) -> bool:
    """', [a|an|the] [modifiers] TITLE' right after the span: a person's appositive."""
    if e >= len(doc) or doc[e].text != ",":
        return False
    titles = _titles() | _lex("person_nouns")
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


def _appos_role_before(doc, s: int) -> bool:
    """'TITLE-or-kin noun, NAME,': "A Meta spokesman, Andy Stone,", "Sokha's daughter, Kem Monovithya,"."""
    if s < 2 or doc[s - 1].text != ",":
        return False
    t = doc[s - 2]
    return t.is_lower and (t.lower_ in _titles() or t.lower_ in _lex("person_nouns"))


def _speech_subject(span) -> bool:
    """The span is the (pre- or post-posed) subject of a verb of saying."""
    verbs = _lex("speech_verbs")
    root = span.root
    if root.dep_ in ("nsubj", "nsubjpass") and root.head.lemma_.lower() in verbs:
        return True
    doc = span.doc
    # "..., said Vin Monney" / "Vin Monney said"
    if (span.start > 1 and doc[span.start - 1].lemma_.lower() in verbs and doc[span.start - 1].pos_ == "VERB"
            and doc[span.start - 2].is_punct):
        return True
    if span.end < len(doc) and doc[span.end].lemma_.lower() in verbs and doc[span.end].pos_ == "VERB":
        return True
    return False


def _postnominals() -> frozenset[str]:
    return LX.lexicon_set("roles", "postnominal_titles")


def _title_parts() -> frozenset[str]:
    from .roles import _title_parts as tp

    return tp()


def _titleish(t) -> bool:
    """A token that is a title, part of one, an abbreviated title or an honorific."""
    low = t.lower_
    return (low in _titles() or low in _title_parts() or N.abbrev_token(t) is not None
            or _honorific_gender(low) is not None or low in _postnominals())


def _name_at(doc, k: int) -> bool:
    """A capitalised name word starts at token k (after a split-off full stop)."""
    if k < len(doc) and doc[k].text == ".":
        k += 1
    return k < len(doc) and doc[k].pos_ == "PROPN" and N.is_name_word(doc[k].text)


def _org_head(tok) -> bool:
    return tok.lower_ in _lex("org_heads")


def _all_titles(span) -> bool:
    """Nothing but title words ("Sgt", "Conservative MP" minus the party)."""
    return all(_titleish(t) or t.is_punct for t in span)


def _appos_class_noun(doc, e: int) -> str | None:
    """The class noun of an appositive right after a name (', a firm bidding ...'), or None."""
    if e >= len(doc) or doc[e].text != ",":
        return None
    classes = _lex("org_class_nouns")
    j = e + 1
    if j < len(doc) and doc[j].lower_ in ("a", "an", "the"):
        j += 1
    for k in range(j, min(j + 3, len(doc))):
        t = doc[k]
        if t.lower_ in classes and t.pos_ == "NOUN" and t.is_lower:
            nxt = doc[k + 1] if k + 1 < len(doc) else None
            # ("a firm bidding for ...": the tagger may make the participle a noun)
            if nxt is None or (nxt.pos_ not in ("NOUN", "PROPN", "PART") and nxt.text not in ("'s", "’s")) \
                    or (nxt.is_lower and nxt.lower_.endswith("ing") and k + 2 < len(doc) and doc[k + 2].pos_ == "ADP"):
                return t.lower_
            return None
        if not (t.is_lower and t.pos_ in ("ADJ", "NOUN", "ADV")):
            return None
    return None


def _title_then_name(doc, e: int) -> bool:
    """A lowercase role title and then a capitalised name right after the span:
    the span is the organisation the title belongs to ("Helping Hands founder
    Grace Mwangi", "CPP spokesman Sok Eysan")."""
    titles = _titles()
    for n in (2, 1):
        if e + n < len(doc) and all(t.is_lower for t in doc[e:e + n]) \
                and " ".join(t.lower_ for t in doc[e:e + n]) in titles:
            k = e + n
            return k + 1 < len(doc) and _name_at(doc, k) and _name_at(doc, k + 1)
    return False


def _appos_class_after(doc, e: int) -> bool:
    """', a consultancy that ...' / ', the company said': an org class noun in
    apposition right after the span makes it an organisation."""
    if e >= len(doc) or doc[e].text != ",":
        return False
    classes = _lex("org_class_nouns")
    j = e + 1
    if j < len(doc) and doc[j].lower_ in ("a", "an", "the", "its"):
        j += 1
    for k in range(j, min(j + 3, len(doc))):
        t = doc[k]
        if t.lower_ in classes and t.pos_ == "NOUN" and t.is_lower:
            # the class noun heads the appositive: not "the party's deputy leader"
            return k + 1 >= len(doc) or (doc[k + 1].pos_ not in ("NOUN", "PROPN", "PART")
                                         and doc[k + 1].text not in ("'s", "’s"))
        if not (t.is_lower and t.pos_ in ("ADJ", "NOUN", "ADV")):
            return False
    return False


def _person_shape(doc, s: int, e: int, span, titled: bool = False) -> tuple[str, str] | None:
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
    has_org = _org_head(doc[e - 1]) or _has_org_word(span)
    if any(w in _lex("not_in_person") for w in low):
        return ("ORG", "ner+org-shape") if has_org else ("OTHER", "ner-rejected")
    if doc[e - 1].lower_ in _lex("seat_heads") and e - s >= 2:
        return ("ORG", "ner+seat") if _speech_subject(span) else ("OTHER", "ner-rejected")
    if e - s >= 2 and _is_platform(doc[s].text):
        return "OTHER", "ner-platform-product"  # "Facebook Messenger": a product
    # ("Margaret Court", "Bill Press": a title, an honorific or a person's
    # appositive keeps a name whose surname is an org word a person)
    if _org_head(doc[e - 1]) and (e - s >= 2 or det == "the") and not titled and not _appos_role_after(doc, e):
        return "ORG", "ner+org-head"
    if _appos_class_after(doc, e) and not titled:
        # (", the party said": a titled name before a new clause stays a person)
        return "ORG", "ner+org-appos"
    if _title_then_name(doc, e):
        return "ORG", "ner+org-before-title"  # "Helping Hands founder Grace Mwangi"
    if (span.root.dep_ == "dobj" and span.root.head.lemma_.lower() in _lex("org_object_verbs") and not titled
            and e - s >= 2):
        return "ORG", "ner+org-object"  # "Grace Mwangi built Helping Hands from a church kitchen"
    if _self_named_by_group(doc, s):
        return "ORG", "ner+org-itself"  # "The group, which calls itself Patriots United"
    if det in ("a", "an", "the") and span.root.dep_ not in ("compound", "poss"):
        return ("ORG", "ner+org-det") if has_org else ("OTHER", "ner-rejected")
    return None


def _trim(doc, s: int, e: int, person: bool = True) -> tuple[int, int, list[str], str | None]:
    """Trim determiners, bullets, titles, honorifics and possessives off a span."""
    lead = _lex("strip_leading")
    titles: list[str] = []
    gender = None
    # cut at a line break: NER runs across blanked chrome ("Vanntey\n\n • Angkor")
    texts = D.token_texts(doc)
    for k in range(s, e):
        if "\n" in texts[k] or texts[k].isspace():
            if k == s:
                s += 1
                continue
            e = k
            break
    # cut at an inner bracket: "Office of the Data Protection Commissioner (ODPC"
    for k in range(s + 1, e):
        if texts[k] in ("(", "["):
            e = k
            break
    # cut at an inner possessive: "Hun Sen’s Cambodia" is a book, "Hun Sen" the person
    for k in range(s + 1, e if person else s):
        if texts[k] in ("'s", "’s", "'", "’"):
            e = k
            break
    changed = True
    while changed and s < e:
        changed = False
        t = doc[s]
        if t.lower_ in lead or t.text in ("'s", "’s") or t.is_punct:
            s += 1
            changed = True
            continue
        ab = N.abbrev_token(t) if person else None
        if ab and e - s > 1:
            # "Gov. Brian Kemp": the abbreviated title is a title, not a name
            titles.append(ab.lower())
            s += 1
            if s < e and doc[s].text == ".":
                s += 1
            changed = True
            continue
        if person and e - s > 2 and t.lower_ in _title_parts() and _titleish(doc[s + 1]):
            # "[Chief] Executive Mrs Wanjiru Kamau": NER started inside a title
            s += 1
            changed = True
            continue
        g = _honorific_gender(t.lower_)
        if g is not None and e - s > 1:
            if isinstance(g, str):
                gender = g
            s += 1
            changed = True
            continue
        lows = D.token_lows(doc)
        for n in (3, 2, 1):
            words = " ".join(lows[s:s + n])
            # an organisation's name may start with a title word ("Justice
            # Department", "President's Office"): only a name-like rest is a person
            if not person and (_org_head(doc[e - 1]) or _has_org_word(doc[s + n:e])):
                continue
            if e - s > n and words in _titles():
                titles.append(words)
                s += n
                changed = True
                break
    while e > s and (doc[e - 1].is_punct or doc[e - 1].text in ("'s", "’s") or doc[e - 1].is_space):
        e -= 1
    # "Lisa Smart MP": a title written after the name
    while person and e - s > 1 and doc[e - 1].lower_ in _postnominals():
        titles.append(doc[e - 1].lower_)
        e -= 1
    # "Sam Rainsy Facebook" (PERSON): a platform or product glued to a name
    while person and e - s > 1 and doc[e - 1].lower_ in _not_person():
        e -= 1
    return s, e, titles, gender


def _mk(doc, s: int, e: int, label: str, rule: str, titles=None, gender=None) -> Mention:
    span = doc[s:e]
    name = N.strip_possessive(" ".join(span.text.split()))
    end_char = span.end_char
    if name != " ".join(span.text.split()) and span.text.startswith(name):
        end_char = span.start_char + len(name)  # keep the mention off the possessive
    return Mention(s, e, span.start_char, end_char, name, label, rule, list(titles or []), gender)


def find_name_mentions(doc, handles: list[dict]) -> list[Mention]:
    """Repaired NER mentions plus pattern-found person names, in text order."""
    P = LX.patterns("entities")
    person_labels = set(P["person_labels"])
    org_labels = set(P["org_labels"])
    other_labels = set(P["repairable_labels"])
    not_person = _not_person()
    calendar = _lex("calendar")
    handle_spans = [(h["start"], h["end"]) for h in handles]

    out: list[Mention] = []
    taken = [False] * len(doc)
    ent_of = {}
    for ent in doc.ents:
        for k in range(ent.start, ent.end):
            ent_of[k] = ent
    for ent in _merged_person_ents(doc, ent_of):
        if ent.label_ not in person_labels | org_labels | other_labels:
            continue
        s, e, titles, gender = _trim(doc, ent.start, ent.end, ent.label_ in person_labels)
        # "ICT Cabinet" + "Secretary": the org span swallowed the first word of a title
        if (ent.label_ in org_labels and e - s > 1 and e < len(doc)
                and f"{doc[e - 1].lower_} {doc[e].lower_}" in _titles()):
            e -= 1
        if s >= e:
            continue
        # "Transparency International UK" with "UK" tagged GPE: a national chapter's country code
        if (ent.label_ in org_labels and _org_head(doc[e - 1]) and e == ent.end and e < len(doc)
                and doc[e].ent_type_ == "GPE" and N.is_acronym(doc[e].text) and len(doc[e].text) <= 3
                and doc[e - 1].whitespace_ and (e + 1 >= len(doc) or not _name_at(doc, e + 1))):
            e += 1
        span = doc[s:e]
        text = " ".join(span.text.split())
        key = N.norm(N.strip_possessive(text))
        if key in calendar:
            continue
        # lowercase common nouns ("the secretary of state's office" -> "state") are no names
        if not any(c.isupper() or c.isdigit() for c in text) and not N.domain_stem(text):
            continue
        if ent.label_ in org_labels and not N.domain_stem(text):
            # "Pro-Kremlin Telegram channel": an org name ends before a lowercase
            # common noun; what is left must not be a bare platform descriptor
            skip = _lex("org_name_small_words")
            cut = next((k for k in range(s + 1, e) if doc[k].is_lower and doc[k].is_alpha and doc[k].lower_ not in skip), None)
            if cut is not None:
                e = cut
                span = doc[s:e]
                text = " ".join(span.text.split())
                key = N.norm(N.strip_possessive(text))
                if any(_is_platform(t.text) for t in span) and not _is_platform(key):
                    continue
        label = "PERSON" if ent.label_ in person_labels else "ORG" if ent.label_ in org_labels else "OTHER"
        rule = "ner"
        if label == "PERSON" and _all_titles(span) and (any(N.abbrev_token(t) for t in span) or _name_at(doc, e)):
            continue  # "Sgt" of "Sgt. Carla Diaz" tagged on its own (but "Major said" is John Major)
        t_before, _ = _title_before(doc, s)
        if t_before:
            titles.append(t_before)
            g = _honorific_gender(t_before)
            if isinstance(g, str):
                gender = g
        if label == "PERSON" and _org_shaped(doc, s, e):
            label, rule = "ORG", "ner+org-shape"
        if label == "PERSON":
            relabel = _person_shape(doc, s, e, span, titled=bool(titles or gender or t_before))
            if relabel:
                label, rule = relabel
        elif (label == "OTHER" and e - s >= 2 and _org_head(doc[e - 1]) and _name_like(span)
              and doc[e - 1].lower_ not in _lex("seat_heads")):
            # "researchers at the Stanford Internet Observatory" (tagged FAC)
            label, rule = "ORG", "ner+org-head"
        elif label == "OTHER" and _self_named_by_group(doc, s) and _name_like(span):
            label, rule = "ORG", "ner+org-itself"  # 'calls itself "NightHarbor"' (tagged WORK_OF_ART)
        elif label == "OTHER" and doc[e - 1].lower_ in _lex("party_plurals") and doc[e - 1].text[:1].isupper():
            # "The Liberal Democrats" with only "Democrats" tagged NORP: the party,
            # with the capitalised words before it
            while s > 0 and doc[s - 1].pos_ in ("PROPN", "ADJ") and N.is_name_word(doc[s - 1].text) \
                    and doc[s - 1].i not in ent_of and (doc[s - 1].pos_ == "PROPN" or not doc[s - 1].is_sent_start):
                s -= 1
            span = doc[s:e]
            label, rule = "ORG", "ner+party"
        if label == "PERSON":
            if key in not_person or _is_platform(key):
                label, rule = ("ORG", "ner+lexicon") if _is_platform(key) or key in not_person else ("OTHER", "")
                if key in ("covid", "covid-19", "coronavirus", "ebola", "brexit", "content"):
                    continue
            elif not _name_like(span) or N.domain_stem(text):
                label, rule = "OTHER", "ner-rejected"
        elif label in ("ORG", "OTHER"):
            if _is_platform(key):
                label, rule = "ORG", "ner+lexicon"
            elif (_name_like(span) and not _has_org_word(span) and not N.is_acronym(text)
                  and e - s <= 4 and key not in not_person
                  and _person_shape(doc, s, e, span, titled=bool(titles or gender or t_before)) is None):
                if t_before:
                    label, rule = "PERSON", "ner+title"
                elif _appos_role_after(doc, e):
                    label, rule = "PERSON", "ner+appos"
                elif _appos_role_before(doc, s):
                    label, rule = "PERSON", "ner+appos-before"
                elif e - s >= 2 and _speech_subject(span):
                    label, rule = "PERSON", "ner+said"
                elif _age_appos(doc, e):
                    label, rule = "PERSON", "ner+age"  # "Nkosi, 61, denied ..."
                elif e - s == 1 and _tells_people(doc[s]):
                    label, rule = "PERSON", "ner+told"  # "Lula told reporters"
                elif e + 1 < len(doc) and doc[e].text == "," and doc[e + 1].lower_ in ("who", "whom", "whose"):
                    label, rule = "PERSON", "ner+who"  # "Smith, who founded Acme Strategies," (ORG)
            if label != "PERSON" and e - s == 1 and _extendable(doc, s - 1, ent_of) \
                    and not _has_org_word(doc[s - 1:e]) and not N.is_acronym(text) and key not in not_person:
                # NER tagged only the surname: "Through his lawyer, Ana Costa, he
                # said" (Costa GPE) -- a role appositive makes the two words a person
                s2 = s - 1
                if (_appos_role_before(doc, s2) or _title_before(doc, s2)[0]) and _person_shape(
                        doc, s2, e, doc[s2:e], titled=True) is None:
                    s, span = s2, doc[s2:e]
                    label, rule = "PERSON", "ner+appos-ext"
        if label == "PERSON" and t_before:
            rule = "ner+title" if rule == "ner" else rule
        # "Interior Minister Jane Roe": NER's one-word "org" is the title's modifier
        if label == "ORG" and e - s == 1 and key in LX.lexicon_set("roles", "title_modifiers") \
                and e < len(doc) and doc[e].lower_ in _titles():
            continue
        m = _mk(doc, s, e, label, rule, titles, gender)
        if any(hs <= m.start_char < he for hs, he in handle_spans):
            m.label = "HANDLE"
        out.append(m)
        for k in range(ent.start, ent.end):
            taken[k] = True

    out = _merge_listed_org_names(doc, out)
    out.extend(_propn_people(doc, taken))
    out.extend(_untagged_orgs(doc, taken, out))
    _org_details(doc, out)
    out.extend(_acronyms(doc, out))
    out.extend(_platform_orgs(doc, out))
    # credits are not article content: drop whatever they name
    out = [m for m in out if not _is_credit(doc, m.start)]
    out.sort(key=lambda m: m.start_char)
    _repair_by_name(out)
    _repair_by_name(out)  # a full name repaired by its surname ("Themba Nkosi" by "Nkosi, 61,") repairs the rest
    _org_prefix_repair(out)
    _place_objects(doc, out)
    _common_word_names(doc, out)
    _kin_gender(doc, out)
    return out


def _kin_gender(doc, mentions: list[Mention]) -> None:
    """"His wife, Nadine Menendez,": a gendered kin noun in apposition before a
    name says the person's gender (used to keep "Mr. Menendez" apart)."""
    fem, male = _lex("female_nouns"), _lex("male_nouns")
    for m in mentions:
        if m.label != "PERSON" or m.gender or m.start < 2 or doc[m.start - 1].text != ",":
            continue
        w = doc[m.start - 2].lower_
        m.gender = "female" if w in fem else "male" if w in male else None


def _common_word_names(doc, mentions: list[Mention]) -> None:
    """A lone capitalised word tagged PERSON that the article also writes in
    lowercase ("Sue who?" after "going to sue someone") is that word, not a
    name -- unless a title or honorific introduces it or it is part of a full
    name in the article."""
    parts = {w for m in mentions if m.label == "PERSON" for w in N.name_tokens(m.name) if len(N.name_tokens(m.name)) > 1}
    lower = {w for w in D.token_texts(doc) if w.islower()}
    for m in mentions:
        if m.label != "PERSON" or m.titles or m.gender or m.end - m.start != 1:
            continue
        w = N.norm(m.name)
        if w in lower and w not in parts:
            m.label, m.rule = "OTHER", "ner-common-word"


def _is_credit(doc, s: int) -> bool:
    """A name after "Reporting by" / "Editing by" on the same line is a byline credit."""
    credit = _lex("credit_words")
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
            return cue.text[:1].isupper() or before in ("(", "additional", "[") or "\n" in before
    return False


def _extendable(doc, k: int, ent_of) -> bool:
    """A bare capitalised PROPN that can be part of a person's name."""
    if k < 0 or k >= len(doc) or k in ent_of:
        return False
    t = doc[k]
    low = t.lower_
    return (t.pos_ == "PROPN" and N.is_name_word(t.text) and "\n" not in t.text and not N.is_acronym(t.text)
            and low not in _titles() and _honorific_gender(low) is None and low not in _lex("org_words")
            and N.abbrev_token(t) is None and low not in _postnominals()
            and low not in _not_person() and low not in _lex("calendar"))


def _merged_person_ents(doc, ent_of) -> list:
    """NER spans with cut person names repaired: adjacent PERSON spans merged
    ("Kem" + "Sokha") and a PERSON span extended over bare capitalised PROPN
    neighbours ("Ueng" + PERSON "Chong Leang"), never over titles or org words."""
    from spacy.tokens import Span

    out = []
    for ent in doc.ents:
        if ent.label_ != "PERSON":
            out.append(ent)
            continue
        s, e = ent.start, ent.end
        if out and out[-1].label_ == "PERSON" and out[-1].end == s:
            s = out.pop().start
        k = 0
        while k < 2 and _extendable(doc, s - 1, ent_of):
            s -= 1
            k += 1
        k = 0
        while k < 2 and _extendable(doc, e, ent_of):
            e += 1
            k += 1
        # "Ursula von der" + "Leyen" (GPE): a name never ends with a particle
        if (e < len(doc) and doc[e - 1].lower_ in _lex("name_particles") and N.is_name_word(doc[e].text)
                and "\n" not in doc[e].text and not N.is_acronym(doc[e].text)):
            e += 1
        out.append(ent if (s, e) == (ent.start, ent.end) else Span(doc, s, e, label="PERSON"))
    return out


def _propn_people(doc, taken: list[bool]) -> list[Mention]:
    """Title-case PROPN runs spaCy left unlabelled, after a title or next to 'said'."""
    out = []
    i = 0
    n = len(doc)
    pos = D.token_table(doc).pos
    while i < n:
        if taken[i] or pos[i] != "PROPN":
            i += 1
            continue
        t = doc[i]
        if not N.is_name_word(t.text):
            i += 1
            continue
        j = i
        while j < n and not taken[j] and doc[j].pos_ == "PROPN" and N.is_name_word(doc[j].text) and "\n" not in doc[j].text:
            j += 1
        j2 = _hyphen_end(doc, j)  # "World Anti-Doping Agency"
        if j2 > j and not any(taken[x] for x in range(j, j2)):
            j = j2
        # "A Conservative MP has been accused": a title ends no name
        e = j
        while e > i and _titleish(doc[e - 1]):
            e -= 1
        # "Baroness Smith said": a leading honorific or title is no part of the name
        b = i
        gender = None
        while b < e - 1 and _titleish(doc[b]):
            g = _honorific_gender(doc[b].lower_)
            gender = g if isinstance(g, str) else gender
            b += 1
        span = doc[b:e]
        det = doc[i - 1].lower_ if i > 0 else ""
        if (2 <= e - i <= 4 and not _has_org_word(span) and not N.is_acronym(span[0].text)
                and det not in ("a", "an") and _person_shape(doc, b, e, span) is None):
            title, _ = _title_before(doc, b)
            if title:
                out.append(_mk(doc, b, e, "PERSON", "propn+title", [title], gender))
            elif _speech_subject(doc[i:e]):
                out.append(_mk(doc, b, e, "PERSON", "propn+said", gender=gender))
            elif _appos_role_before(doc, i) and e < n and doc[e].text == ",":
                # "His campaign spokeswoman, Ana Ruiz, said" (NER missed the name)
                out.append(_mk(doc, b, e, "PERSON", "propn+appos"))
        elif 2 <= e - i <= 6 and _org_head(doc[e - 1]) and doc[e - 1].lower_ not in _lex("seat_heads"):
            # an organisation NER missed: "the Stanford Internet Observatory",
            # "Jamii Mobile [Chief Executive ...]"; a national chapter's country
            # code goes with it ("Transparency International UK", UK tagged GPE)
            if (e == j and e < n and doc[e].ent_type_ == "GPE" and N.is_acronym(doc[e].text) and len(doc[e].text) <= 3
                    and doc[e - 1].whitespace_ and (e + 1 >= n or not _name_at(doc, e + 1))):
                e += 1
            out.append(_mk(doc, i, e, "ORG", "propn+org-head"))
        elif 2 <= j - i <= 4 and doc[j - 1].lower_ in _lex("seat_heads") and _speech_subject(doc[i:j]):
            out.append(_mk(doc, i, j, "ORG", "propn+seat"))  # "Downing Street said"
        i = max(j, i + 1)
    return out


def _org_details(doc, mentions: list[Mention]) -> None:
    """Org class nouns ('agency' before KAS; 'Party' in a name) and '(ACR)' pairs."""
    classes = _lex("org_class_nouns")
    by_start = {m.start: m for m in mentions}
    corporate = _lex("corporate_heads")
    business = sorted(_lex("business_classes"))
    for m in mentions:
        if m.label != "ORG":
            continue
        for t in doc[m.start:m.end]:
            # only the name's head nouns: "Charity Commission" is a commission, not a charity
            if t.lower_ in classes and (t.i == m.end - 1 or doc[t.i + 1].lower_ in ("of", "for", "on")):
                m.classes.append(t.lower_)
        if m.end - m.start >= 2 and doc[m.end - 1].lower_ in corporate:
            m.classes.extend(business)  # "Medisure Holdings": "the company"
        # "Northline Rail, a firm bidding for ...": the appositive's class noun
        cls = _appos_class_noun(doc, m.end)
        if cls:
            m.classes.append(cls)
        if set(m.classes) & set(business):
            m.classes.extend(c for c in business if c not in m.classes)  # a firm is a company
        # "the ruling CPP", "the opposition Cambodia National Rescue Party": descriptors
        k = m.start - 1
        while k >= 0 and k >= m.start - 3 and doc[k].is_lower and doc[k].pos_ in ("ADJ", "NOUN", "VERB"):
            m.descriptors.append(doc[k].lower_)
            k -= 1
        # "analytics firm Socialbakers", "political development agency KAS"
        k = m.start - 1
        if k >= 0 and doc[k].lower_ in classes and doc[k].is_lower:
            m.classes.append(doc[k].lower_)
        # "Christian Democratic Union (CDU)"
        if m.end + 2 < len(doc) and doc[m.end].text == "(" and doc[m.end + 2].text == ")":
            acr = doc[m.end + 1]
            if N.is_short_form(acr.text):  # "(CDU)", "(DFRLab)"
                other = by_start.get(m.end + 1)
                if other is None:
                    other = _mk(doc, m.end + 1, m.end + 2, "ORG", "paren-acronym")
                    mentions.append(other)
                    by_start[m.end + 1] = other
                other.label = "ORG"
                other.paren_of = m
    # domains after a site noun or "according to": "social analytics site socialbakers.com"
    for i in [i for i, w in enumerate(D.token_texts(doc)) if "." in w and "@" not in w]:
        t = doc[i]
        if t.like_url and N.domain_stem(t.text) and t.i not in by_start:
            prev = doc[t.i - 1].lower_ if t.i > 0 else ""
            if prev in classes or prev == "to" or prev == "from" or prev == "by":
                m = _mk(doc, t.i, t.i + 1, "ORG", "domain")
                m.classes.append(prev) if prev in classes else None
                mentions.append(m)


def _platform_orgs(doc, mentions: list[Mention]) -> list[Mention]:
    """Capitalised platform and provider names NER left untagged ("Facebook’s
    chief executive"): the companies are organisations in every article."""
    plats = LX.patterns("accounts")
    names = (set(plats["platforms"]) | set(plats["email_providers"])) - set(plats["lexicon"]["ambiguous_platform_names"])
    covered = set()
    for m in mentions:
        covered.update(range(m.start, m.end))
    out = []
    for i, w in enumerate(D.token_texts(doc)):
        if i in covered or not w[:1].isupper() or w.lower() not in names:
            continue
        out.append(_mk(doc, i, i + 1, "ORG", "lexicon-platform"))
    return out


def _acronyms(doc, mentions: list[Mention]) -> list[Mention]:
    """All-caps words NER left untagged that abbreviate a known organisation
    ("The National Rifle Association ... The NRA said")."""
    known = {N.initials(m.name): m for m in mentions if m.label == "ORG" and len(m.name.split()) >= 2}
    known.pop("", None)
    covered = set()
    for m in mentions:
        if m.label == "OTHER" and N.is_acronym(m.name) and m.name.replace(".", "") in known:
            m.label, m.rule = "ORG", "ner+acronym"  # "NRA" tagged GPE
        covered.update(range(m.start, m.end))
    out = []
    if not known:
        return out
    for i in [i for i, w in enumerate(D.token_texts(doc)) if w.isupper() and N.is_acronym(w)]:
        t = doc[i]
        if t.i in covered:
            continue
        if t.text.replace(".", "") in known:
            out.append(_mk(doc, t.i, t.i + 1, "ORG", "acronym"))
    return out


def _repair_by_name(mentions: list[Mention]) -> None:
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
    singles = {N.name_tokens(m.name)[0] for m in mentions
               if m.label == "PERSON" and len(N.name_tokens(m.name)) == 1
               and (m.titles or m.gender or m.rule in ("ner+age", "propn+age"))}
    for m in mentions:
        if m.label not in ("ORG", "OTHER") or _org_evidence(m):
            continue
        k = N.name_tokens(m.name)
        if N.is_acronym(m.name) or not k or _is_platform(m.name):
            continue
        if any(w in _lex("org_words") for w in k) or k[-1] in _lex("org_heads"):
            continue
        named_before = [f for f in by_word.get(k[0], []) if first_at[f] < m.start_char] if len(k) == 1 else []
        ends = [f for f in by_word.get(k[-1], []) if len(f) > len(k) >= 2 and f[-len(k):] == k]
        if len(ends) == 1:
            # "Von der Leyen" (ORG) after "Ursula von der Leyen": the end of that name
            m.label, m.rule = "PERSON", "ner+name-repair"
        elif k in fullset or (len(k) == 1 and (len(by_word.get(k[0], [])) == 1 or len(named_before) == 1)):
            m.label, m.rule = "PERSON", "ner+name-repair"
        elif 2 <= len(k) <= 3 and k[-1] in singles:
            # "Kem Monovithya" (ORG) and later "Ms. Monovithya": the full name of that person
            m.label, m.rule = "PERSON", "ner+name-repair"


def string_match_mentions(doc, index, mentions: list[Mention]) -> list[Mention]:
    """Exact re-occurrences of known person names/aliases that NER did not tag.

    Only capitalised, case-exact matches of an alias that resolves to exactly
    one person (a full name, or a part of a full name no other person shares).
    """
    covered = set()
    for m in mentions:
        covered.update(range(m.start, m.end))
    for (s, e, _eid, _k) in index._spans:
        a, b = D.tok_range(doc, s, e)
        covered.update(range(a, b))
    # alias token tuple -> entity ids
    alias_map: dict[tuple, set[str]] = {}
    for rec in index.people():
        words = tuple(rec["name"].split())
        for i in range(len(words)):
            for j in range(i + 1, len(words) + 1):
                alias_map.setdefault(words[i:j], set()).add(rec["id"])
    for rec in index.accounts():
        if rec.get("handle"):
            alias_map.setdefault(tuple(rec["handle"].split()), set()).add(rec["id"])
    # organisations: their multi-word names as written ("Jamii Mobile Chief
    # Executive ..." after NER tagged "Jamii Mobile" once)
    lower = {w for w in D.token_texts(doc) if w.islower()}
    for rec in index.orgs():
        for m in rec["mentions"]:
            words = tuple(N.strip_possessive(m["text"]).split())
            if len(words) >= 2 and words[0].lower() != "the":
                alias_map.setdefault(words, set()).add(rec["id"])
            elif (len(words) == 1 and N.is_name_word(words[0]) and words[0].lower() not in lower
                  and not N.is_acronym(words[0]) and len(words[0]) > 3):
                # a one-word name NER tagged once ("NightHarbor"): its bare repeats
                alias_map.setdefault(words, set()).add(rec["id"])
    first: dict[str, list[tuple]] = {}
    for k, ids in alias_map.items():
        if len(ids) == 1 and all(N.is_name_word(w) for w in k):
            first.setdefault(k[0], []).append(k)
    for lst in first.values():
        lst.sort(key=len, reverse=True)
    calendar = _lex("calendar")
    out = []
    i = 0
    n = len(doc)
    texts = D.token_texts(doc)
    while i < n:
        cands = first.get(texts[i])
        if not cands or i in covered:
            i += 1
            continue
        t = doc[i]
        if t.lower_ in calendar:
            i += 1
            continue
        hit = None
        for k in cands:
            if tuple(texts[i:i + len(k)]) == k and not any(j in covered for j in range(i, i + len(k))):
                # not part of a longer capitalised name ("Sam" in "Sam Sary")
                nxt = doc[i + len(k)] if i + len(k) < n else None
                prv = doc[i - 1] if i > 0 else None
                if nxt is not None and nxt.pos_ == "PROPN" and N.is_name_word(nxt.text) and not _titleish(nxt):
                    continue
                if prv is not None and prv.pos_ == "PROPN" and N.is_name_word(prv.text) and prv.i not in covered:
                    continue
                hit = k
                break
        if hit is None:
            i += 1
            continue
        eid = next(iter(alias_map[hit]))
        m = _mk(doc, i, i + len(hit), "PERSON" if eid.startswith("person:") else "ORG", "string-match")
        m.entity = eid
        out.append(m)
        i += len(hit)
    return out


def _age_appos(doc, e: int) -> bool:
    """', 61,' (or ', 61.' / ', 61 and') right after a span: an age, said of people only."""
    if e + 1 >= len(doc) or doc[e].text != "," or not doc[e + 1].text.isdigit():
        return False
    lex = LX.patterns("entities")["lexicon"]
    if not lex["age_min"] <= int(doc[e + 1].text) <= lex["age_max"]:
        return False
    nxt = doc[e + 2] if e + 2 < len(doc) else None
    return nxt is not None and (nxt.text in (",", ".", ";") or nxt.lower_ == "and")


def _hyphen_end(doc, j: int) -> int:
    """Extend a capitalised run over hyphen-joined capitalised words: spaCy
    splits "Anti-Doping" into "Anti", "-", "Doping" (and may tag "Doping" ADJ)."""
    n = len(doc)
    while (j + 1 < n and doc[j].text in ("-", "‐", "–") and not doc[j - 1].whitespace_ and not doc[j].whitespace_
           and N.is_name_word(doc[j + 1].text) and "\n" not in doc[j + 1].text):
        j += 2
        while j < n and doc[j].pos_ in ("PROPN", "ADJ", "NOUN") and N.is_name_word(doc[j].text) \
                and "\n" not in doc[j].text:
            j += 1
    return j


def _untagged_orgs(doc, taken: list[bool], mentions: list[Mention]) -> list[Mention]:
    """Organisations NER left untagged, found by their syntax:

    - a lone capitalised word that is the subject of a reporting verb ("Rappler
      reported on Saturday that ..."); a word the article also writes in
      lowercase, a title, a month or a part of a person's name is none;
    - a capitalised run after "contract with" / "deal with" or right after a
      lowercase org class noun ("a contract with Pharmalink Asia", "the firm
      Acme Fuels").
    """
    verbs = _lex("reporting_verbs")
    classes = _lex("org_class_nouns")
    intro = {tuple(p.split()) for p in _lex("org_intro_phrases")}
    lower = {w for w in D.token_texts(doc) if w.islower()}
    person_words = {w for m in mentions if m.label == "PERSON" for w in N.name_tokens(m.name)}
    calendar = _lex("calendar")
    n = len(doc)
    out = []

    def ok_word(t) -> bool:
        return (not taken[t.i] and t.pos_ == "PROPN" and N.is_name_word(t.text) and "\n" not in t.text
                and not _titleish(t) and t.lower_ not in calendar and t.lower_ not in lower)

    i = 0
    pos = D.token_table(doc).pos
    while i < n:
        if taken[i] or pos[i] not in ("PROPN", "NOUN"):
            i += 1
            continue
        t = doc[i]
        if not N.is_name_word(t.text) or "\n" in t.text:
            i += 1
            continue
        if t.pos_ == "NOUN":
            # the sm tagger makes a lone unknown surname a NOUN ("Nkosi, 61,"): only an age says person
            if (_age_appos(doc, i + 1) and t.lower_ not in lower and not _titleish(t) and t.lower_ not in calendar
                    and t.lower_ not in _lex("org_words") and not N.is_acronym(t.text) and t.is_alpha):
                out.append(_mk(doc, i, i + 1, "PERSON", "propn+age"))
            i += 1
            continue
        j = i
        while j < n and not taken[j] and doc[j].pos_ == "PROPN" and N.is_name_word(doc[j].text) and "\n" not in doc[j].text:
            j += 1
        j = _hyphen_end(doc, j)
        run = doc[i:j]
        words = N.name_tokens(run.text)
        if any(w in person_words for w in words) or any(taken[k] for k in range(i, j)):
            i = max(j, i + 1)
            continue
        if 1 <= j - i <= 3 and _age_appos(doc, j) and _name_like(run) and not _has_org_word(run) \
                and not N.is_acronym(t.text) and all(x.lower_ not in lower for x in run):
            # "Nkosi, 61, denied all 14 counts": an age is said of people only
            out.append(_mk(doc, i, j, "PERSON", "propn+age"))
        elif j - i == 1 and ok_word(t) and _tells_people(t):
            out.append(_mk(doc, i, j, "PERSON", "propn+told"))  # "Lula told reporters ..."
        elif j - i == 1 and ok_word(t) and t.dep_ in ("nsubj", "nsubjpass") and t.head.lemma_.lower() in verbs \
                and t.head.i > t.i and not any(c.dep_ in ("compound", "det", "amod", "poss") for c in t.children):
            out.append(_mk(doc, i, j, "ORG", "propn+reporting"))
        elif 1 <= j - i <= 4 and all(ok_word(x) or x.text in "-‐–" or x.pos_ != "PROPN" for x in run) \
                and not _titleish(doc[j - 1]) and not N.is_acronym(run[0].text) and (j - i >= 2 or ok_word(t)):
            lows = D.token_lows(doc)
            before2 = tuple(lows[max(0, i - 2):i])
            before3 = tuple(lows[max(0, i - 3):i])
            cls = i > 0 and doc[i - 1].is_lower and lows[i - 1] in classes and doc[i - 1].pos_ == "NOUN"
            if cls or before2 in intro or before3 in intro:
                m = _mk(doc, i, j, "ORG", "propn+org-intro")
                if cls:
                    m.classes.append(lows[i - 1])
                else:  # a party to a contract or deal is a business
                    m.classes.extend(sorted(_lex("business_classes")))
                out.append(m)
        i = max(j, i + 1)
    return out


def _org_prefix_repair(mentions: list[Mention]) -> None:
    """A lone word typed PERSON that starts exactly one organisation's name (or
    is one typed ORG elsewhere) is that organisation ("Verdimar did not reply"
    after "Verdimar Services"),
    unless a title, honorific, appositive or age made it a person, or a
    person's full name holds the word."""
    strong = _lex("strong_person_rules")
    starts: dict[str, set[str]] = {}
    if not any(m.label == "ORG" for m in mentions):
        return
    for m in mentions:
        k = N.name_tokens(m.name)
        if m.label == "ORG" and not N.is_acronym(m.name) and (len(k) >= 2 or (len(k) == 1 and m.rule != "ner+name-repair")):
            # (a one-word organisation typed ORG elsewhere is that word: "Cloudline")
            starts.setdefault(k[0], set()).add(" ".join(k))
    # whole names an organisation's shape or context proved ("Helping Hands
    # founder Grace Mwangi") are that organisation wherever NER says PERSON
    proven = {N.name_tokens(m.name) for m in mentions if m.label == "ORG" and _org_evidence(m)}
    person_words = {w for m in mentions if m.label == "PERSON" and len(N.name_tokens(m.name)) >= 2
                    and N.name_tokens(m.name) not in proven for w in N.name_tokens(m.name)}
    for m in mentions:
        k = N.name_tokens(m.name)
        if m.label != "PERSON" or m.titles or m.gender or m.rule in strong:
            continue
        if len(k) >= 2 and k in proven:
            m.label, m.rule = "ORG", "org-name"
        elif len(k) == 1 and len(starts.get(k[0], ())) == 1 and k[0] not in person_words:
            m.label, m.rule = "ORG", "org-prefix"


def _merge_listed_org_names(doc, mentions: list[Mention]) -> list[Mention]:
    """"The Department for Levelling Up, Housing and Communities": NER cuts a
    portfolio name at its comma. An organisation name with "for"/"of" followed
    by ", " and a capitalised run holding "and"/"&" (the rest of the list) is
    one name."""
    small = _lex("org_name_small_words")
    by_start = {m.start: m for m in mentions}
    drop = set()
    for m in mentions:
        if m.label != "ORG" or id(m) in drop:
            continue
        if not any(t.lower_ in ("for", "of") for t in doc[m.start:m.end]):
            continue
        if m.end >= len(doc) or doc[m.end].text != ",":
            continue
        nxt = by_start.get(m.end + 1)
        if nxt is None:
            continue
        run = doc[nxt.start:nxt.end]
        if not any(t.lower_ in ("and", "&") for t in run):
            continue
        if not all(N.is_name_word(t.text) or t.lower_ in small or t.text == "," for t in run):
            continue
        merged = _mk(doc, m.start, nxt.end, "ORG", m.rule + "+list")
        merged.titles = m.titles
        m.__dict__.update(merged.__dict__)
        drop.add(id(nxt))
    return [m for m in mentions if id(m) not in drop]


def _place_objects(doc, mentions: list[Mention]) -> None:
    """A lone word typed PERSON as the object of a locative "in" ("a news
    conference in Chandigarh") is a place -- unless a title, honorific or a
    person's full name says otherwise, or it is a possessor ("in Smith's view")."""
    preps = _lex("place_preps")
    full = {w for m in mentions if m.label == "PERSON" and len(N.name_tokens(m.name)) >= 2 for w in N.name_tokens(m.name)}
    for m in mentions:
        if m.label != "PERSON" or m.end - m.start != 1 or m.titles or m.gender:
            continue
        t = doc[m.start]
        if t.dep_ != "pobj" or t.head.lower_ not in preps or N.norm(m.name) in full:
            continue
        if m.end < len(doc) and doc[m.end].text in ("'s", "’s", "'", "’"):
            continue
        if t.head.head.lower_ in _lex("not_place_heads"):
            continue  # "confidence in Harper", "faith in Smith"
        m.label, m.rule = "OTHER", "ner-place"


def _org_evidence(m: Mention) -> bool:
    """The mention is an organisation by its shape or context, not by NER alone."""
    return m.label == "ORG" and (m.rule.startswith(("ner+org", "propn+org", "ner+party", "ner+lexicon")))


def _self_named_by_group(doc, s: int) -> bool:
    """'(which) calls itself "X"', 'calling themselves X': an organisation naming itself."""
    k = s - 1
    while k >= 0 and doc[k].is_punct and doc[k].text in "\"“”‘’'":
        k -= 1
    return k >= 0 and doc[k].lower_ in ("itself", "themselves")


def _tells_people(t) -> bool:
    """The token is the subject of "tell" addressed to people only ("Lula told
    reporters in Brasilia that ..."): a person speaking, not an organisation."""
    v = t.head
    if t.dep_ != "nsubj" or v.lemma_.lower() != "tell" or v.pos_ != "VERB":
        return False
    return any(c.dep_ == "dobj" and c.lower_ in _lex("person_tell_objects") for c in v.children)

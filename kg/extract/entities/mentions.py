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

from spacy.tokens import Span

from .. import doc as D
from .. import lexicon as LX
from .. import names as N
from ..lexicon import entity_words
from .repairs import common_word_names, kin_gender, org_prefix_repair, place_objects, repair_by_name
from .shapes import (
    Mention,
    age_appos,
    all_titles,
    appos_role_after,
    appos_role_before,
    extendable,
    has_org_word,
    is_credit,
    is_platform,
    make_mention,
    name_at,
    name_like,
    not_person_words,
    org_head,
    org_shaped,
    person_shape,
    self_named_by_group,
    speech_subject,
    tells_people,
    title_before,
)
from .titles import abbrev_token, honorific_gender, postnominal_words, title_part_words, title_words, titleish
from .untagged import acronym_orgs, merge_listed_org_names, org_details, platform_orgs, propn_people, untagged_orgs


def find_name_mentions(doc, handles: list[dict]) -> list[Mention]:
    """Repaired NER mentions plus pattern-found names, in text order: spaCy's
    spans repaired one by one, names it left untagged (``untagged``), then
    repairs that look at all mentions at once (``repairs``)."""
    ent_of = {}
    for ent in doc.ents:
        for k in range(ent.start, ent.end):
            ent_of[k] = ent
    handle_spans = [(h["start"], h["end"]) for h in handles]
    out: list[Mention] = []
    taken = [False] * len(doc)
    for ent in _merged_person_ents(doc, ent_of):
        m = _ner_mention(doc, ent, ent_of)
        if m is None:
            continue
        if any(hs <= m.start_char < he for hs, he in handle_spans):
            m.label = "HANDLE"
        out.append(m)
        for k in range(ent.start, ent.end):
            taken[k] = True

    out = merge_listed_org_names(doc, out)
    out.extend(propn_people(doc, taken))
    out.extend(untagged_orgs(doc, taken, out))
    org_details(doc, out)
    out.extend(acronym_orgs(doc, out))
    out.extend(platform_orgs(doc, out))
    # credits are not article content: drop whatever they name
    out = [m for m in out if not is_credit(doc, m.start)]
    out.sort(key=lambda m: m.start_char)
    repair_by_name(out)
    repair_by_name(out)  # a full name repaired by its surname ("Themba Nkosi" by "Nkosi, 61,") repairs the rest
    org_prefix_repair(out)
    place_objects(doc, out)
    common_word_names(doc, out)
    kin_gender(doc, out)
    return out


def _ner_mention(doc, ent, ent_of) -> Mention | None:
    """One NER span, trimmed and relabelled (or None: no name at all)."""
    P = LX.patterns("entities")
    person_labels, org_labels = set(P["person_labels"]), set(P["org_labels"])
    if ent.label_ not in person_labels | org_labels | set(P["repairable_labels"]):
        return None
    cut = _ner_span(doc, ent, person_labels, org_labels)
    if cut is None:
        return None
    s, e, titles, gender, span, text, key = cut
    label = "PERSON" if ent.label_ in person_labels else "ORG" if ent.label_ in org_labels else "OTHER"
    rule = None  # set when the span's shape or context relabels it
    if label == "PERSON" and all_titles(span) and (any(abbrev_token(t) for t in span) or name_at(doc, e)):
        return None  # "Sgt" of "Sgt. Carla Diaz" tagged on its own (but "Major said" is John Major)
    t_before, _ = title_before(doc, s)
    if t_before:
        titles.append(t_before)
        g = honorific_gender(t_before)
        if isinstance(g, str):
            gender = g
    titled = bool(titles or gender or t_before)
    s, span, label, rule = _shape_relabel(doc, s, e, span, label, rule, titled, ent_of)
    relabelled = _word_relabel(doc, s, e, span, label, rule, titled, t_before, key, text, ent_of)
    if relabelled is None:
        return None
    s, span, label, rule = relabelled
    if rule is None:  # NER's label stands ("ner+title": a person with a title before the name)
        rule = "ner+title" if label == "PERSON" and t_before else "ner"
    # "Interior Minister Jane Roe": NER's one-word "org" is the title's modifier
    if (
        label == "ORG"
        and e - s == 1
        and key in LX.lexicon_set("roles", "title_modifiers")
        and e < len(doc)
        and doc[e].lower_ in title_words()
    ):
        return None
    return make_mention(doc, s, e, label, rule, titles, gender)


def _ner_span(doc, ent, person_labels, org_labels):
    """(s, e, titles, gender, span, text, key) of an NER span trimmed to its
    name, or None when what is left is no name."""
    s, e, titles, gender = _trim(doc, ent.start, ent.end, ent.label_ in person_labels)
    # "ICT Cabinet" + "Secretary": the org span swallowed the first word of a title
    if (
        ent.label_ in org_labels
        and e - s > 1
        and e < len(doc)
        and f"{doc[e - 1].lower_} {doc[e].lower_}" in title_words()
    ):
        e -= 1
    if s >= e:
        return None
    # "Transparency International UK" with "UK" tagged GPE: a national chapter's country code
    if (
        ent.label_ in org_labels
        and org_head(doc[e - 1])
        and e == ent.end
        and e < len(doc)
        and doc[e].ent_type_ == "GPE"
        and N.is_acronym(doc[e].text)
        and len(doc[e].text) <= 3
        and doc[e - 1].whitespace_
        and (e + 1 >= len(doc) or not name_at(doc, e + 1))
    ):
        e += 1
    span = doc[s:e]
    text = " ".join(span.text.split())
    key = N.norm(N.strip_possessive(text))
    if key in entity_words("calendar"):
        return None
    # lowercase common nouns ("the secretary of state's office" -> "state") are no names
    if not any(c.isupper() or c.isdigit() for c in text) and not N.domain_stem(text):
        return None
    if ent.label_ in org_labels and not N.domain_stem(text):
        # "Pro-Kremlin Telegram channel": an org name ends before a lowercase
        # common noun; what is left must not be a bare platform descriptor
        skip = entity_words("org_name_small_words")
        cut = next(
            (k for k in range(s + 1, e) if doc[k].is_lower and doc[k].is_alpha and doc[k].lower_ not in skip), None
        )
        if cut is not None:
            e = cut
            span = doc[s:e]
            text = " ".join(span.text.split())
            key = N.norm(N.strip_possessive(text))
            if any(is_platform(t.text) for t in span) and not is_platform(key):
                return None
    return s, e, titles, gender, span, text, key


def _shape_relabel(doc, s, e, span, label, rule, titled, ent_of):
    """Relabel by the span's shape: people that look like organisations,
    organisations NER tagged as something else. Returns (s, span, label, rule)."""
    if label == "PERSON" and org_shaped(doc, s, e):
        label, rule = "ORG", "ner+org-shape"
    if label == "PERSON":
        relabel = person_shape(doc, s, e, span, titled=titled)
        if relabel:
            label, rule = relabel
    elif (
        label == "OTHER"
        and e - s >= 2
        and org_head(doc[e - 1])
        and name_like(span)
        and doc[e - 1].lower_ not in entity_words("seat_heads")
    ):
        # "researchers at the Stanford Internet Observatory" (tagged FAC)
        label, rule = "ORG", "ner+org-head"
    elif label == "OTHER" and self_named_by_group(doc, s) and name_like(span):
        label, rule = "ORG", "ner+org-itself"  # 'calls itself "NightHarbor"' (tagged WORK_OF_ART)
    elif label == "OTHER" and doc[e - 1].lower_ in entity_words("party_plurals") and doc[e - 1].text[:1].isupper():
        # "The Liberal Democrats" with only "Democrats" tagged NORP: the party,
        # with the capitalised words before it
        while (
            s > 0
            and doc[s - 1].pos_ in ("PROPN", "ADJ")
            and N.is_name_word(doc[s - 1].text)
            and doc[s - 1].i not in ent_of
            and (doc[s - 1].pos_ == "PROPN" or not doc[s - 1].is_sent_start)
        ):
            s -= 1
        span = doc[s:e]
        label, rule = "ORG", "ner+party"
    return s, span, label, rule


def _word_relabel(doc, s, e, span, label, rule, titled, t_before, key, text, ent_of):
    """Relabel by the words: platforms and lexicon non-persons are no people,
    organisations with a person's context are people. Returns (s, span,
    label, rule), or None when the span names no entity at all."""
    not_person = not_person_words()
    if label == "PERSON":
        if key in not_person or is_platform(key):
            label, rule = ("ORG", "ner+lexicon") if is_platform(key) or key in not_person else ("OTHER", "")
            if key in entity_words("not_entity_names"):
                return None
        elif not name_like(span) or N.domain_stem(text):
            label, rule = "OTHER", "ner-rejected"
        return s, span, label, rule
    if label not in ("ORG", "OTHER"):
        return s, span, label, rule
    if is_platform(key):
        label, rule = "ORG", "ner+lexicon"
    elif (
        name_like(span)
        and not has_org_word(span)
        and not N.is_acronym(text)
        and e - s <= 4
        and key not in not_person
        and person_shape(doc, s, e, span, titled=titled) is None
    ):
        label, rule = _person_by_context(doc, s, e, span, t_before, label, rule)
    if (
        label != "PERSON"
        and e - s == 1
        and extendable(doc, s - 1, ent_of)
        and not has_org_word(doc[s - 1 : e])
        and not N.is_acronym(text)
        and key not in not_person
    ):
        # NER tagged only the surname: "Through his lawyer, Ana Costa, he
        # said" (Costa GPE) -- a role appositive makes the two words a person
        s2 = s - 1
        if (appos_role_before(doc, s2) or title_before(doc, s2)[0]) and person_shape(
            doc, s2, e, doc[s2:e], titled=True
        ) is None:
            s, span = s2, doc[s2:e]
            label, rule = "PERSON", "ner+appos-ext"
    return s, span, label, rule


def _person_by_context(doc, s, e, span, t_before, label, rule):
    """A name-like ORG/OTHER span that the context makes a person: (label, rule)."""
    if t_before:
        return "PERSON", "ner+title"
    if appos_role_after(doc, e):
        return "PERSON", "ner+appos"
    if appos_role_before(doc, s):
        return "PERSON", "ner+appos-before"
    if e - s >= 2 and speech_subject(span):
        return "PERSON", "ner+said"
    if age_appos(doc, e):
        return "PERSON", "ner+age"  # "Nkosi, 61, denied ..."
    if e - s == 1 and tells_people(doc[s]):
        return "PERSON", "ner+told"  # "Lula told reporters"
    if e + 1 < len(doc) and doc[e].text == "," and doc[e + 1].lower_ in LX.grammar("pronouns", "person_relatives"):
        return "PERSON", "ner+who"  # "Smith, who founded Acme Strategies," (ORG)
    return label, rule


def _trim(doc, s: int, e: int, person: bool = True) -> tuple[int, int, list[str], str | None]:
    """Trim determiners, bullets, titles, honorifics and possessives off a span."""
    lead = entity_words("strip_leading")
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
        ab = abbrev_token(t) if person else None
        if ab and e - s > 1:
            # "Gov. Brian Kemp": the abbreviated title is a title, not a name
            titles.append(ab.lower())
            s += 1
            if s < e and doc[s].text == ".":
                s += 1
            changed = True
            continue
        if person and e - s > 2 and t.lower_ in title_part_words() and titleish(doc[s + 1]):
            # "[Chief] Executive Mrs Wanjiru Kamau": NER started inside a title
            s += 1
            changed = True
            continue
        g = honorific_gender(t.lower_)
        if g is not None and e - s > 1:
            if isinstance(g, str):
                gender = g
            s += 1
            changed = True
            continue
        lows = D.token_lows(doc)
        for n in (3, 2, 1):
            words = " ".join(lows[s : s + n])
            # an organisation's name may start with a title word ("Justice
            # Department", "President's Office"): only a name-like rest is a person
            if not person and (org_head(doc[e - 1]) or has_org_word(doc[s + n : e])):
                continue
            if e - s > n and words in title_words():
                titles.append(words)
                s += n
                changed = True
                break
    while e > s and (doc[e - 1].is_punct or doc[e - 1].text in ("'s", "’s") or doc[e - 1].is_space):
        e -= 1
    # "Lisa Smart MP": a title written after the name
    while person and e - s > 1 and doc[e - 1].lower_ in postnominal_words():
        titles.append(doc[e - 1].lower_)
        e -= 1
    # "Sam Rainsy Facebook" (PERSON): a platform or product glued to a name
    while person and e - s > 1 and doc[e - 1].lower_ in not_person_words():
        e -= 1
    return s, e, titles, gender


def _merged_person_ents(doc, ent_of) -> list:
    """NER spans with cut person names repaired: adjacent PERSON spans merged
    ("Kem" + "Sokha") and a PERSON span extended over bare capitalised PROPN
    neighbours ("Ueng" + PERSON "Chong Leang"), never over titles or org words."""

    out = []
    for ent in doc.ents:
        if ent.label_ != "PERSON":
            out.append(ent)
            continue
        s, e = ent.start, ent.end
        if out and out[-1].label_ == "PERSON" and out[-1].end == s:
            s = out.pop().start
        k = 0
        while k < 2 and extendable(doc, s - 1, ent_of):
            s -= 1
            k += 1
        k = 0
        while k < 2 and extendable(doc, e, ent_of):
            e += 1
            k += 1
        # "Ursula von der" + "Leyen" (GPE): a name never ends with a particle
        if (
            e < len(doc)
            and doc[e - 1].lower_ in entity_words("name_particles")
            and N.is_name_word(doc[e].text)
            and "\n" not in doc[e].text
            and not N.is_acronym(doc[e].text)
        ):
            e += 1
        out.append(ent if (s, e) == (ent.start, ent.end) else Span(doc, s, e, label="PERSON"))
    return out

"""Names spaCy left untagged: title-case runs, organisations by syntax, acronyms, platforms."""

from __future__ import annotations

from .. import doc as D
from .. import lexicon as LX
from .. import names as N
from ..lexicon import entity_words
from .shapes import (
    Mention,
    age_appos,
    appos_class_noun,
    appos_role_before,
    has_org_word,
    hyphen_end,
    make_mention,
    name_at,
    name_like,
    org_head,
    person_shape,
    speech_subject,
    tells_people,
    title_before,
)
from .titles import honorific_gender, titleish


def propn_people(doc, taken: list[bool]) -> list[Mention]:
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
        while (
            j < n
            and not taken[j]
            and doc[j].pos_ == "PROPN"
            and N.is_name_word(doc[j].text)
            and "\n" not in doc[j].text
        ):
            j += 1
        j2 = hyphen_end(doc, j)  # "World Anti-Doping Agency"
        if j2 > j and not any(taken[x] for x in range(j, j2)):
            j = j2
        # "A Conservative MP has been accused": a title ends no name
        e = j
        while e > i and titleish(doc[e - 1]):
            e -= 1
        # "Baroness Smith said": a leading honorific or title is no part of the name
        b = i
        gender = None
        while b < e - 1 and titleish(doc[b]):
            g = honorific_gender(doc[b].lower_)
            gender = g if isinstance(g, str) else gender
            b += 1
        span = doc[b:e]
        det = doc[i - 1].lower_ if i > 0 else ""
        if (
            2 <= e - i <= 4
            and not has_org_word(span)
            and not N.is_acronym(span[0].text)
            and det not in ("a", "an")
            and person_shape(doc, b, e, span) is None
        ):
            title, _ = title_before(doc, b)
            if title:
                out.append(make_mention(doc, b, e, "PERSON", "propn+title", [title], gender))
            elif speech_subject(doc[i:e]):
                out.append(make_mention(doc, b, e, "PERSON", "propn+said", gender=gender))
            elif appos_role_before(doc, i) and e < n and doc[e].text == ",":
                # "His campaign spokeswoman, Ana Ruiz, said" (NER missed the name)
                out.append(make_mention(doc, b, e, "PERSON", "propn+appos"))
        elif 2 <= e - i <= 6 and org_head(doc[e - 1]) and doc[e - 1].lower_ not in entity_words("seat_heads"):
            # an organisation NER missed: "the Stanford Internet Observatory",
            # "Jamii Mobile [Chief Executive ...]"; a national chapter's country
            # code goes with it ("Transparency International UK", UK tagged GPE)
            if (
                e == j
                and e < n
                and doc[e].ent_type_ == "GPE"
                and N.is_acronym(doc[e].text)
                and len(doc[e].text) <= 3
                and doc[e - 1].whitespace_
                and (e + 1 >= n or not name_at(doc, e + 1))
            ):
                e += 1
            out.append(make_mention(doc, i, e, "ORG", "propn+org-head"))
        elif 2 <= j - i <= 4 and doc[j - 1].lower_ in entity_words("seat_heads") and speech_subject(doc[i:j]):
            out.append(make_mention(doc, i, j, "ORG", "propn+seat"))  # "Downing Street said"
        i = max(j, i + 1)
    return out


def untagged_orgs(doc, taken: list[bool], mentions: list[Mention]) -> list[Mention]:
    """Organisations NER left untagged, found by their syntax:

    - a lone capitalised word that is the subject of a reporting verb ("Rappler
      reported on Saturday that ..."); a word the article also writes in
      lowercase, a title, a month or a part of a person's name is none;
    - a capitalised run after "contract with" / "deal with" or right after a
      lowercase org class noun ("a contract with Pharmalink Asia", "the firm
      Acme Fuels").

    (Untagged people with an age appositive or "told reporters" come out of the
    same scan.)
    """
    lower = {w for w in D.token_texts(doc) if w.islower()}
    person_words = {w for m in mentions if m.label == "PERSON" for w in N.name_tokens(m.name)}
    n = len(doc)
    out = []
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
            m = _aged_noun(doc, t, lower)
            if m is not None:
                out.append(m)
            i += 1
            continue
        j = i
        while (
            j < n
            and not taken[j]
            and doc[j].pos_ == "PROPN"
            and N.is_name_word(doc[j].text)
            and "\n" not in doc[j].text
        ):
            j += 1
        j = hyphen_end(doc, j)
        run = doc[i:j]
        words = N.name_tokens(run.text)
        if not (any(w in person_words for w in words) or any(taken[k] for k in range(i, j))):
            m = _run_mention(doc, i, j, taken, lower)
            if m is not None:
                out.append(m)
        i = max(j, i + 1)
    return out


def _ok_word(t, taken: list[bool], lower: set[str]) -> bool:
    """An untaken capitalised proper noun that is no title, month or lowercase word of the article."""
    return (
        not taken[t.i]
        and t.pos_ == "PROPN"
        and N.is_name_word(t.text)
        and "\n" not in t.text
        and not titleish(t)
        and t.lower_ not in entity_words("calendar")
        and t.lower_ not in lower
    )


def _aged_noun(doc, t, lower: set[str]) -> Mention | None:
    """The sm tagger makes a lone unknown surname a NOUN ("Nkosi, 61,"): only an age says person."""
    if (
        age_appos(doc, t.i + 1)
        and t.lower_ not in lower
        and not titleish(t)
        and t.lower_ not in entity_words("calendar")
        and t.lower_ not in entity_words("org_words")
        and not N.is_acronym(t.text)
        and t.is_alpha
    ):
        return make_mention(doc, t.i, t.i + 1, "PERSON", "propn+age")
    return None


def _run_mention(doc, i: int, j: int, taken: list[bool], lower: set[str]) -> Mention | None:
    """The mention a capitalised run [i, j) NER left untagged makes, if its context says what it is."""
    t, run = doc[i], doc[i:j]
    if (
        1 <= j - i <= 3
        and age_appos(doc, j)
        and name_like(run)
        and not has_org_word(run)
        and not N.is_acronym(t.text)
        and all(x.lower_ not in lower for x in run)
    ):
        # "Nkosi, 61, denied all 14 counts": an age is said of people only
        return make_mention(doc, i, j, "PERSON", "propn+age")
    if j - i == 1 and _ok_word(t, taken, lower) and tells_people(t):
        return make_mention(doc, i, j, "PERSON", "propn+told")  # "Lula told reporters ..."
    if (
        j - i == 1
        and _ok_word(t, taken, lower)
        and t.dep_ in ("nsubj", "nsubjpass")
        and t.head.lemma_.lower() in entity_words("reporting_verbs")
        and t.head.i > t.i
        and not any(c.dep_ in ("compound", "det", "amod", "poss") for c in t.children)
    ):
        return make_mention(doc, i, j, "ORG", "propn+reporting")
    if (
        1 <= j - i <= 4
        and all(_ok_word(x, taken, lower) or x.text in "-‐–" or x.pos_ != "PROPN" for x in run)
        and not titleish(doc[j - 1])
        and not N.is_acronym(run[0].text)
        and (j - i >= 2 or _ok_word(t, taken, lower))
    ):
        return _introduced_org(doc, i, j)
    return None


def _introduced_org(doc, i: int, j: int) -> Mention | None:
    """ "a contract with Pharmalink Asia", "the firm Acme Fuels": an organisation by its introduction."""
    lows = D.token_lows(doc)
    intro = {tuple(p.split()) for p in entity_words("org_intro_phrases")}
    before2 = tuple(lows[max(0, i - 2) : i])
    before3 = tuple(lows[max(0, i - 3) : i])
    cls = i > 0 and doc[i - 1].is_lower and lows[i - 1] in entity_words("org_class_nouns") and doc[i - 1].pos_ == "NOUN"
    if not (cls or before2 in intro or before3 in intro):
        return None
    m = make_mention(doc, i, j, "ORG", "propn+org-intro")
    if cls:
        m.classes.append(lows[i - 1])
    else:  # a party to a contract or deal is a business
        m.classes.extend(sorted(entity_words("business_classes")))
    return m


def org_details(doc, mentions: list[Mention]) -> None:
    """Org class nouns ('agency' before KAS; 'Party' in a name) and '(ACR)' pairs."""
    classes = entity_words("org_class_nouns")
    by_start = {m.start: m for m in mentions}
    corporate = entity_words("corporate_heads")
    business = sorted(entity_words("business_classes"))
    for m in mentions:
        if m.label != "ORG":
            continue
        for t in doc[m.start : m.end]:
            # only the name's head nouns: "Charity Commission" is a commission, not a charity
            if t.lower_ in classes and (t.i == m.end - 1 or doc[t.i + 1].lower_ in ("of", "for", "on")):
                m.classes.append(t.lower_)
        if m.end - m.start >= 2 and doc[m.end - 1].lower_ in corporate:
            m.classes.extend(business)  # "Medisure Holdings": "the company"
        # "Northline Rail, a firm bidding for ...": the appositive's class noun
        cls = appos_class_noun(doc, m.end)
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
                    other = make_mention(doc, m.end + 1, m.end + 2, "ORG", "paren-acronym")
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
                m = make_mention(doc, t.i, t.i + 1, "ORG", "domain")
                m.classes.append(prev) if prev in classes else None
                mentions.append(m)


def platform_orgs(doc, mentions: list[Mention]) -> list[Mention]:
    """Capitalised platform and provider names NER left untagged ("Facebook’s
    chief executive"): the companies are organisations in every article."""
    plats = LX.patterns("accounts")
    names = (set(plats["platforms"]) | set(plats["email_providers"])) - set(
        plats["lexicon"]["ambiguous_platform_names"]
    )
    covered = set()
    for m in mentions:
        covered.update(range(m.start, m.end))
    out = []
    for i, w in enumerate(D.token_texts(doc)):
        if i in covered or not w[:1].isupper() or w.lower() not in names:
            continue
        out.append(make_mention(doc, i, i + 1, "ORG", "lexicon-platform"))
    return out


def acronym_orgs(doc, mentions: list[Mention]) -> list[Mention]:
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
            out.append(make_mention(doc, t.i, t.i + 1, "ORG", "acronym"))
    return out


def merge_listed_org_names(doc, mentions: list[Mention]) -> list[Mention]:
    """ "The Department for Levelling Up, Housing and Communities": NER cuts a
    portfolio name at its comma. An organisation name with "for"/"of" followed
    by ", " and a capitalised run holding "and"/"&" (the rest of the list) is
    one name."""
    small = entity_words("org_name_small_words")
    by_start = {m.start: m for m in mentions}
    drop = set()
    for m in mentions:
        if m.label != "ORG" or id(m) in drop:
            continue
        if not any(t.lower_ in ("for", "of") for t in doc[m.start : m.end]):
            continue
        if m.end >= len(doc) or doc[m.end].text != ",":
            continue
        nxt = by_start.get(m.end + 1)
        if nxt is None:
            continue
        run = doc[nxt.start : nxt.end]
        if not any(t.lower_ in ("and", "&") for t in run):
            continue
        if not all(N.is_name_word(t.text) or t.lower_ in small or t.text == "," for t in run):
            continue
        merged = make_mention(doc, m.start, nxt.end, "ORG", "ner+list")
        merged.titles = m.titles
        m.__dict__.update(merged.__dict__)
        drop.add(id(nxt))
    return [m for m in mentions if id(m) not in drop]

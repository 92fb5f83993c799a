"""Pronoun and nominal coreference, written for news prose (no coref package).

Nominals first, then pronouns, so a pronoun can lean on "the premier":

- A definite description whose head is a role title ("the premier", "the prime
  minister’s", "the self-proclaimed “e-premier”") resolves to the person the
  article titled with a synonym (roles.toml ``synonyms``); failing that, a
  described role ("the former opposition leader’s page") goes to the most
  recent untitled person of the last two sentences and becomes their role.
- "the party" / "the agency" resolves to the most recent organisation of that
  class (a class noun in its name or before it: "analytics firm Socialbakers").
- Third-person singular pronouns take the most salient compatible person:
  main-clause subject of the current sentence, then of the previous one, then
  other subjects, then recency; speakers count as subjects. Quotes matter: a
  pronoun outside quotes ignores names inside them, one inside a quote never
  refers to the quote's own speaker. Unnamed people ("the KAS staffer said")
  take a salience slot with no entity, so "he" after them resolves to None
  rather than to someone wrong. Gender comes from honorifics, gendered titles
  and earlier pronouns, never from a name model.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import lru_cache

from . import names as N
from . import doc as D
from . import lexicon as LX
from .roles import add_role, synonyms_of, title_heads

MALE = frozenset({"he", "him", "his", "himself"})
FEMALE = frozenset({"she", "her", "hers", "herself"})
REFLEXIVE = frozenset({"himself", "herself"})
OBJECT_DEPS = frozenset({"dobj", "pobj", "dative", "iobj", "obj"})
SUBJ_DEPS = frozenset({"nsubj", "nsubjpass"})


@lru_cache(maxsize=None)
def SPEECH_HEADS() -> frozenset[str]:
    return LX.lexicon_set("entities", "lexicon", "speech_verbs")


def quote_mask(doc) -> list[bool]:
    """True for tokens inside quotations (curly or straight double quotes).

    Scare quotes are not quotations: a quoted stretch of at most three tokens
    with no verb (“likes”, “Thleay”, “e-premier”) stays unmasked, so a
    pseudonym in quotes is still a mention outside any quote.
    """
    mask = [False] * len(doc)
    inside = False
    opened = -1
    regions = []
    for i, w in enumerate(D.token_texts(doc)):
        if w == "“" or (w == '"' and not inside):
            inside, opened = True, i
            continue
        if w == "”" or (w == '"' and inside):
            if inside:
                regions.append((opened + 1, i))
            inside = False
            continue
        if inside and "\n\n" in w:
            regions.append((opened + 1, i))  # quotes do not run across paragraphs unclosed
            inside = False
    if inside:
        regions.append((opened + 1, len(doc)))
    for a, b in regions:
        toks = doc[a:b]
        if b - a <= 3 and not any(x.pos_ in ("VERB", "AUX") for x in toks):
            continue
        for i in range(a, b):
            mask[i] = True
    return mask


@dataclass
class _Entry:
    entity: str | None
    tok: int          # head token index
    sent: int         # sentence number
    subj: bool
    main: bool        # subject of the sentence's main verb
    speaker: bool
    quoted: bool


def _main_verbs(sent) -> set[int]:
    root = sent.root
    out = {root.i}
    for c in root.children:
        if c.dep_ == "conj" and c.pos_ in ("VERB", "AUX"):
            out.add(c.i)
    return out


# People nouns that are not titles but still name an (unnamed) person who speaks.
PERSON_NOUNS = frozenset({"staffer", "student", "man", "woman", "source", "official", "resident"})


def _is_person_noun(t) -> bool:
    return t.pos_ == "NOUN" and (bool(title_heads(t.lower_)) or t.lower_ in PERSON_NOUNS)


def resolve_references(doc, index) -> None:
    mask = quote_mask(doc)
    index.quote_mask = mask
    sents = list(doc.sents)
    sent_of = [0] * len(doc)
    for k, s in enumerate(sents):
        for i in range(s.start, s.end):
            sent_of[i] = k
    # Discourse sentence number: a sentence wholly inside a quotation continues
    # the utterance of the one before, so it does not push referents away.
    disc = []
    d = -1
    texts = D.token_texts(doc)
    for s in sents:
        words = [i for i in range(s.start, s.end) if texts[i].isalpha()]
        if d < 0 or not words or not all(mask[i] for i in words):
            d += 1
        disc.append(d)
    ctx = _Ctx(doc, index, mask, sents, sent_of, disc, [_main_verbs(s) for s in sents])
    # gendered titles ("spokeswoman") say which pronouns can refer to a person
    fem = LX.lexicon_set("roles", "female_titles")
    male = LX.lexicon_set("roles", "male_titles")
    for rec in index.people():
        for r in rec["roles"]:
            words = set(N.norm(r["title"]).split())
            if words & fem:
                index.gender.setdefault(rec["id"], "female")
            elif words & male:
                index.gender.setdefault(rec["id"], "male")
    _nominals(doc, index, sent_of, sents)
    _ruling_party(doc, index)
    _lede_cataphora(doc, index, sents)
    _appositive_subjects(doc, index)
    _pronouns(ctx)
    _it_speakers(ctx)
    _its_documents(ctx)
    _possessive_orgs(doc, index)
    _as_roles(doc, index)


def _as_roles(doc, index) -> None:
    """"step down from her post as chair of the parliament's human rights
    subcommittee", "Smith, who served as finance minister": the "as" phrase is a
    role of the possessor / subject (resolved after pronouns)."""
    R = LX.patterns("roles")
    nouns, verbs = set(R["as_role_nouns"]), set(R["as_role_verbs"])
    for i in [i for i, w in enumerate(D.token_lows(doc)) if w == "as"]:
        t = doc[i]
        h = t.head
        who = None
        if h.pos_ == "NOUN" and h.lower_ in nouns:
            who = next((c for c in h.children if c.dep_ == "poss"), None)
        elif h.pos_ == "VERB" and h.lemma_.lower() in verbs:
            who = next((c for c in h.children if c.dep_ in ("nsubj", "nsubjpass")), None)
            if who is not None and who.lower_ in ("who", "that") and h.dep_ == "relcl":
                who = h.head
        if who is None:
            continue
        pobj = next((c for c in t.children if c.dep_ == "pobj"), None)
        if pobj is None or pobj.pos_ != "NOUN":
            continue
        eid = index.resolve(who.idx, who.idx + len(who.text))
        if not eid or index.get(eid)["type"] != "Person":
            continue
        a = pobj.left_edge.i
        while a < pobj.i and doc[a].dep_ == "det":
            a += 1
        if not title_heads(" ".join(x.text for x in doc[a:pobj.i + 1])):
            continue
        b = pobj.i
        for c in pobj.children:  # "chair of the parliament's human rights subcommittee"
            if c.dep_ == "prep" and c.lower_ in ("of", "at", "for") and c.i == b + 1:
                b = c.right_edge.i
        while b > pobj.i and (doc[b].is_punct or "\n" in doc[b].text):
            b -= 1
        start, end = doc[a].idx, doc[b].idx + len(doc[b].text)
        add_role(index.get(eid), {"title": index.text[start:end], "org": None, "start": start, "end": end,
                                  "text": index.text[start:end], "rule": "as-role"})


@lru_cache(maxsize=None)
def _lede_mods() -> frozenset[str]:
    return LX.lexicon_set("roles", "lede_proper_modifiers")


def _lede_cataphora(doc, index, sents) -> None:
    """"A former deputy health minister pleaded not guilty ... Prosecutors allege
    that Themba Nkosi accepted ...": the wire lede describes its subject by role
    and names them in the next sentence or two. The role and the description go
    to the first person named there -- unless that person already holds a
    different title (then nobody: no guess)."""
    body = [sn for sn in sents if any(t.is_alpha for t in sn)]
    if len(body) < 2:
        return
    for k, sent in enumerate(body[:2]):
        # "A former deputy health minister", "A Conservative MP" (an upper-case title word)
        # (the main verb may be a conjunct of the root when the parser ran the
        # headline into the lede: "Tory MP accused ...\n\nA Conservative MP has been accused")
        mains = _main_verbs(sent)
        subj = next((t for t in sent if t.dep_ in ("nsubj", "nsubjpass") and t.head.i in mains
                     and t.pos_ in ("NOUN", "PROPN") and (t.is_lower or (t.is_upper and title_heads(t.lower_)))
                     and any(c.dep_ in ("det", "poss") and c.i < t.i for c in t.children)), None)
        if subj is None:
            continue
        left = [c for c in subj.children if c.i < subj.i]
        # "A Belgian member of the European Parliament", "The chief executive of
        # Cloudline": an "of" phrase naming an organisation belongs to the title
        of = next((c for c in subj.children if c.dep_ == "prep" and c.lower_ == "of" and c.i == subj.i + 1), None)
        pobj = next((c for c in of.children if c.dep_ == "pobj"), None) if of is not None else None
        end_i = pobj.i if pobj is not None else subj.i  # (not its appositive: ", a cloud storage company ...")
        if of is not None and not any(index.entity_at_token(t) and index.get(index.entity_at_token(t))["type"]
                                      == "Organization" for t in of.subtree):
            end_i = subj.i
        if any(t.pos_ == "PROPN" and t.ent_type_ not in ("GPE", "NORP") and not index.entity_at_token(t)
               and t.lower_ not in _lede_mods() and t.i != subj.i for t in doc[subj.left_edge.i:end_i + 1]):
            continue
        if any(index.entity_at_token(t) and index.get(index.entity_at_token(t))["type"] == "Person"
               for t in doc[subj.left_edge.i:end_i + 1]):
            continue
        mods = [c for c in left if c.dep_ in ("amod", "compound")]
        a = min((c.left_edge.i for c in mods), default=subj.i)
        title = " ".join(t.text for t in doc[a:end_i + 1])
        if not title_heads(" ".join(t.text for t in doc[a:subj.i + 1])):
            continue
        s_i = subj.left_edge.i  # (after any blank caption/headline run-in: "\n\n")
        for x in range(subj.left_edge.i, subj.i):
            if doc[x].is_space or "\n" in doc[x].text:
                s_i = x + 1
        start = doc[s_i].idx
        end = doc[end_i].idx + len(doc[end_i].text)
        # the next two paragraphs name the person
        paras = 0
        nxt = []
        for sn in body[k + 1:]:
            if "\n\n" in index.text[body[k].end_char if not nxt else nxt[-1].end_char:sn.start_char + 1]:
                paras += 1
            if paras > 2:
                break
            nxt.append(sn)
        if not nxt:
            return
        lo, hi = nxt[0].start_char, nxt[-1].end_char
        first = None
        by_title = False
        heads = title_heads(title)
        for sp in index.spans_between(lo, hi):
            rec = index.get(sp[2])
            if rec["type"] == "Person" and sp[3] == "name":
                first = rec
                # the paragraph that names them must name nobody else ("Mark
                # Harper said ... said Tom Jones": two candidates, no guess) --
                # unless exactly one of them holds the lede's title ("Daniel
                # Ashcombe, the MP for North Wessex, ... chief executive, Graham Pike")
                p_lo = index.text.rfind("\n\n", 0, sp[0])
                p_hi = index.text.find("\n\n", sp[1])
                p_hi = len(index.text) if p_hi < 0 else p_hi
                named = [x[2] for x in index.spans_between(max(p_lo, 0), p_hi)
                         if x[3] == "name" and index.get(x[2])["type"] == "Person"]
                if set(named) - {sp[2]}:
                    # (by synonym: "An aide to ..." is the one "special adviser")
                    syn = set().union(*(synonyms_of(h) for h in heads)) if heads else set()
                    titled = {e for e in named if any(title_heads(r["title"]) & syn for r in index.get(e)["roles"])}
                    if len(titled) != 1:
                        return
                    first = index.get(titled.pop())
                    by_title = True  # (they already hold the title: no second role)
                break
        if first is None:
            return
        syn = set().union(*(synonyms_of(h) for h in heads)) if heads else set()
        if any(not (title_heads(r["title"]) & syn) for r in first["roles"]):
            return  # "Judge Mary Smith" is not the minister of the lede
        if any(m["start"] < start for m in first["mentions"]):
            return  # named before the description: not cataphora
        org = index.entity_at_token(pobj) if pobj is not None and end_i == pobj.i else None
        org = org if org and index.get(org)["type"] == "Organization" else None
        if not by_title:
            add_role(first, {"title": title, "org": org, "start": doc[a].idx, "end": end,
                             "text": index.text[doc[a].idx:end], "rule": "lede-cataphora"})
        # The description itself is a mention of them when they are named only
        # after another sentence ("The chief executive of Cloudline ... The group,
        # which calls itself ... Marcus Feld responded"); a name in the very next
        # sentence is left to the statement side's cataphoric speaker step.
        named_at = next(sp[0] for sp in index.spans_between(lo, hi) if sp[2] == first["id"])
        if named_at >= nxt[0].end_char and \
                not any(index.get(h[2])["type"] == "Person" for h in index._overlapping(start, end)):
            index.add_mention(first["id"], start, end, "nominal")
        # Either way, "his"/"him" later in the lede sentence is them ("A
        # Conservative MP has been accused ... appeared to show him promising")
        lede_refs = {}
        for x in range(subj.i + 1, sent.end):
            tx = doc[x]
            if _is_target_pronoun(tx) and not index.quote_mask[x] and not index.spans_between(end, tx.idx):
                g = "male" if tx.lower_ in MALE else "female"
                if index.gender.get(first["id"], g) == g:
                    lede_refs[x] = first["id"]
        index.lede_refs = lede_refs
        return


def _appositive_subjects(doc, index) -> None:
    """"One of the three players, midfielder Artem Belov, wrote on Instagram":
    a subject phrase with a person's name in apposition after it (between
    commas) refers to that person. Only when the phrase names no entity itself."""
    T = D.token_table(doc)
    for i in range(T.n):
        if T.dep[i] not in ("nsubj", "nsubjpass") or T.pos[i] not in ("NOUN", "NUM", "PRON"):
            continue
        t = doc[i]
        if t.is_upper:
            continue
        app = [c for c in t.children if c.dep_ == "appos" and c.i > t.i]
        if len(app) != 1:
            continue
        comma = t.i + 1
        while comma < len(doc) and doc[comma].text != "," and comma < app[0].left_edge.i:
            comma += 1
        if comma >= len(doc) or doc[comma].text != "," or comma > app[0].left_edge.i:
            continue
        a = app[0]
        eid = index.entity_at_token(a)
        if not eid or index.get(eid)["type"] != "Person":
            continue
        end_tok = doc[comma - 1]
        start, end = t.left_edge.idx, end_tok.idx + len(end_tok.text)
        if start >= end or "\n" in index.text[start:end] or index.spans_between(start, end) \
                or index._overlapping(start, end):
            continue
        index.add_mention(eid, start, end, "nominal")


def _possessive_orgs(doc, index) -> None:
    """"His company said": a possessive pronoun before an org class noun names
    the organisation of that kind the possessor has a role in ("the company's
    owner, Vicente Lim" ... "His company"); failing that, the organisation of
    that kind named last before it."""
    org_classes = LX.lexicon_set("entities", "lexicon", "org_class_nouns")
    lows = D.token_lows(doc)
    n = len(doc)
    for i in [i for i, w in enumerate(lows) if w in ("his", "her", "their")]:
        if i + 1 >= n or lows[i + 1] not in org_classes or doc[i + 1].pos_ != "NOUN":
            continue
        if i + 2 < n and doc[i + 2].pos_ in ("NOUN", "PROPN"):
            continue  # "his company car": the class word is a modifier
        head = lows[i + 1]
        start, end = doc[i].idx, doc[i + 1].idx + len(doc[i + 1].text)
        if index.covered(start, end):
            continue
        owner = index.resolve(doc[i].idx, doc[i].idx + len(doc[i].text))
        eid = None
        if owner and index.get(owner)["type"] == "Person":
            fits = {r["org"] for r in index.get(owner)["roles"]
                    if r.get("org") and index.has(r["org"]) and _org_fits(index, r["org"], head)}
            eid = fits.pop() if len(fits) == 1 else None
        if eid is None:
            # else the organisation of that kind named last before ("the nearest company")
            last = index.last_before(start, lambda sp: sp[3] in ("name", "nominal") and _org_fits(index, sp[2], head))
            eid = last[2] if last else None
        if eid:
            index.add_mention(eid, start, end, "nominal")


# ---------------------------------------------------------------------------
# nominals


def _person_titles(index, before: int | None = None) -> dict[str, set[str]]:
    """Title synonyms per person, from roles given before char `before`."""
    out: dict[str, set[str]] = {}
    for rec in index.people():
        heads: set[str] = set()
        for r in rec["roles"]:
            if before is not None and r["start"] >= before:
                continue
            for h in title_heads(r["title"]):
                heads |= synonyms_of(h)
        out[rec["id"]] = heads
    return out


def _is_person_ref(index, sp, cands=None) -> bool:
    return (index.get(sp[2])["type"] == "Person" and sp[3] in ("name", "nominal", "pronoun")
            and (cands is None or sp[2] in cands))


def _nominals(doc, index, sent_of, sents) -> None:
    mods = LX.lexicon_set("roles", "title_modifiers")
    titles = LX.lexicon_set("roles", "titles")
    org_classes = LX.lexicon_set("entities", "lexicon", "org_class_nouns")
    n = len(doc)
    lows = D.token_lows(doc)
    T = D.token_table(doc)
    for i in [i for i, w in enumerate(lows) if w in ("the", "this", "that")]:
        t = doc[i]
        # walk modifiers: "the former opposition leader", "the self-proclaimed “e-premier”"
        j = t.i + 1
        while j < n and j < t.i + 7 and (lows[j] in mods or T.texts[j] in "“”\"‘’-" or T.pos[j] == "ADJ"
                                         or T.texts[j] in ("self", "proclaimed") or _org_token(index, doc[j])):
            j += 1
        # the head: the title/class word that ends the phrase furthest right, the
        # longest such ("the prime minister" not "minister"; "the party spokesman"
        # not "party"); title words may be split by the tokenizer ("e", "-", "premier")
        head_end = None
        head = None
        best = None
        for k0 in range(t.i + 1, min(n, j + 1)):
            for k in range(min(n, k0 + 4), k0, -1):
                if k < j:
                    break
                w = " ".join(lows[k0:k]).replace(" - ", "-")
                if w in titles or w in org_classes or w.replace(" ", "") in titles:
                    if best is None or (k, -k0) > (best[0], -best[1]):
                        best = (k, k0, w)
                    break
        if best is not None:
            head_end, _, head = best
            # "the party members": the phrase goes on, the class word was a modifier
            if head_end == j and j < n and doc[j].pos_ in ("NOUN", "PROPN") and not doc[j].is_punct:
                head = None
        if head is None:
            continue
        # "the Prime Minister Hun Sen": a title before a name is not a nominal
        nxt = doc[head_end] if head_end < n else None
        if nxt is not None and nxt.pos_ == "PROPN" and N.is_name_word(nxt.text):
            continue
        if nxt is not None and nxt.text in ("”", "\"") and head_end + 1 < n and doc[head_end + 1].pos_ == "PROPN":
            continue
        start = t.idx
        end_tok = doc[head_end - 1]
        end = end_tok.idx + len(end_tok.text)
        # the head inside a name ("the Council of Ministers") is the name, not a nominal
        if index.covered(start, end) or index.entity_at_token(end_tok):
            continue
        full = index.text[start:end]
        if head in org_classes and head not in titles:
            quals = [x.lower_ for x in doc[t.i + 1:j] if x.is_alpha and x.lower_ != head]
            eid = (_self_named(doc, index, head_end) or _speaker_org(doc, index, t, sents[sent_of[t.i]], head)
                   or _org_nominal(index, head, start, quals))
            if eid:
                index.add_mention(eid, start, end, "nominal")
            continue
        # "Uwe Goepel, the former head of social media": the appositive is its name's
        head_tok = end_tok
        if head_tok.dep_ == "appos":
            e = index.entity_at_token(head_tok.head)
            if e and index.get(e)["type"] == "Person":
                index.add_mention(e, start, end, "nominal")
                continue
        syn = synonyms_of(head)
        # only titles the article gave before this point ("the leader" is not the
        # person called a leader three paragraphs later)
        cands = [pid for pid, heads in _person_titles(index, start).items() if heads & syn]
        eid = None
        if cands:
            last = index.last_before(start, lambda sp: _is_person_ref(index, sp, cands))
            eid = last[2] if last else cands[0]
        elif t.lower_ == "the" and any(doc[x].lower_ in mods for x in range(t.i + 1, j)):
            # a described role nobody holds yet: the recent untitled person
            lo_sent = max(0, sent_of[t.i] - 2)
            lo = sents[lo_sent].start_char
            recent = [sp for sp in index.spans_between(lo, start)
                      if _is_person_ref(index, sp) and not index.get(sp[2])["roles"]]
            if recent:
                eid = recent[-1][2]
                title = index.text[doc[t.i + 1].idx:end]
                add_role(index.get(eid), {"title": title, "org": None, "start": start, "end": end,
                                          "text": full, "rule": "nominal-role"})
        if eid:
            index.add_mention(eid, start, end, "nominal")


def _party_like(index, rec) -> bool:
    words = N.norm(rec["name"]).split()
    return rec["type"] == "Organization" and (
        _org_fits(index, rec["id"], "party") or bool(words and words[-1] in LX.lexicon_set("roles", "party_name_heads")))


def _ruling_party(doc, index) -> None:
    """"Kenya's ruling party on Monday rejected accusations ..." and later
    "the United Democratic Alliance ... UDA secretary general Cleophas Malala":
    a ruling/governing party description, not yet resolved, is the one party
    of the article that is not marked as the opposition (an "opposition"
    descriptor, a role "opposition ..." of its leader or possessor, "the
    opposition X") and has officials who speak for it (a person's role names
    it). Two such parties, or none: no guess."""
    stance = LX.lexicon_set("roles", "ruling_stance")
    lows = D.token_lows(doc)
    hits = [i for i, w in enumerate(lows) if w == "party" and i > 0 and lows[i - 1] in stance
            and doc[i].pos_ == "NOUN"]
    if not hits:
        return
    people = index.people()
    officials = {r["org"] for p in people for r in p["roles"] if r.get("org")}
    opposition = set()
    for p in people:
        opp_person = any("opposition" in N.norm(r["title"]).split() for r in p["roles"])
        for r in p["roles"]:
            if r.get("org") and "opposition" in N.norm(r["title"]).split():
                opposition.add(r["org"])
        if opp_person:
            # "Odinga's Orange Democratic Movement": the opposition leader's party
            for m in p["mentions"]:
                e = m["end"]
                if index.text[e:e + 2] in ("'s", "’s"):
                    nxt = [sp for sp in index.spans_between(e + 2, e + 4) if sp[3] == "name"]
                    opposition.update(sp[2] for sp in nxt)
    for o in index.orgs():
        if "opposition" in o.get("_descriptors", []):
            opposition.add(o["id"])
        for m in o["mentions"]:
            if index.text[max(0, m["start"] - 12):m["start"]].lower().rstrip().endswith("opposition"):
                opposition.add(o["id"])
    cands = [o["id"] for o in index.orgs() if _party_like(index, o) and o["id"] not in opposition
             and o["id"] in officials]
    if len(cands) != 1:
        return
    for i in hits:
        t = doc[i]
        a = t.left_edge.i
        for x in range(t.left_edge.i, t.i):  # (after a blanked headline or caption)
            if doc[x].is_space or "\n" in doc[x].text:
                a = x + 1
        start, end = doc[a].idx, t.idx + len(t.text)
        if index._overlapping(t.idx, end):
            continue
        index.add_mention(cands[0], start, end, "nominal")


def _self_named(doc, index, k: int) -> str | None:
    """"The group, which calls itself "NightHarbor"," / "a group called X": the
    entity named right after the description, within a few tokens."""
    bridges = LX.lexicon_set("entities", "lexicon", "self_naming")
    lows = D.token_lows(doc)
    j = k
    if j < len(doc) and lows[j] == ",":
        j += 1
    if j < len(doc) and lows[j] in ("which", "that", "who"):
        j += 1
    for n in (3, 2, 1):
        if " ".join(lows[j:j + n]) in bridges:
            m = j + n
            while m < len(doc) and m <= j + n + 1 and doc[m].is_punct:
                m += 1
            if m < len(doc):
                e = index.entity_at_token(doc[m])
                if e and index.get(e)["type"] in ("Organization", "Account"):
                    return e
            return None
    return None


def _org_token(index, tok) -> bool:
    """A capitalised token of an organisation mention ("the Labour leader", "the KAS staffer")."""
    if not tok.text[:1].isupper():
        return False
    e = index.entity_at_token(tok)
    return e is not None and index.get(e)["type"] == "Organization"


def _tok_at(doc, char: int) -> int:
    span = doc.char_span(char, char + 1, alignment_mode="expand")
    return span.start if span is not None else 0


def _org_fits(index, eid: str, head: str) -> bool:
    rec = index.get(eid)
    return rec["type"] == "Organization" and (
        head in ("organisation", "organization", "group") or head in rec.get("_classes", [])
        or head in _name_heads(rec["name"]))


def _name_heads(name: str) -> set[str]:
    """Head nouns of an organisation's name: its last word, and a word before
    "of"/"for" ("Ministry of Health", "Department for Transport"). "Charity
    Commission" is a commission, not "the charity"."""
    words = N.norm(name).split()
    out = set(words[-1:])
    for k in range(1, len(words)):
        if words[k] in ("of", "for", "on"):
            out.add(words[k - 1])
    return out


def _speaker_org(doc, index, t, sent, head: str) -> str | None:
    """"CNRP spokesman Yim Sovann said the party didn't invest": a person of the
    sentence with a role in an organisation says which party "the party" is."""
    # the same sentence, but only the last few hundred characters of it
    for sp in index.spans_between(max(sent.start_char, t.idx - 400), t.idx):
        rec = index.get(sp[2])
        if rec["type"] != "Person":
            continue
        for r in rec["roles"]:
            # the organisation must be of the described kind: "the government" is
            # not the opposition party a deputy leader speaks for, "the company"
            # not the regulator whose director spoke
            if not (r["org"] and index.has(r["org"])):
                continue
            # (a founder's or owner's organisation, from "who founded Wessex
            # Homes", is a business: never "the party" without evidence)
            if _org_fits(index, r["org"], head) or (
                    not index.get(r["org"]).get("_classes") and not r["rule"].startswith("role-verb")
                    and head in LX.lexicon_set("entities", "lexicon", "unclassed_org_heads")):
                return r["org"]
    return None


def _org_nominal(index, head: str, pos: int, quals: list[str] = ()) -> str | None:
    """Most recent organisation of class `head` before pos.

    A distinguishing qualifier ("the ruling party", "the opposition party")
    must be borne out by the organisation's name or descriptors; without that
    evidence we would be guessing between rivals, so we return None.
    """
    if not any(_org_fits(index, o["id"], head) for o in index.orgs()):
        return None  # no organisation of that kind at all: nothing to scan for
    # "the group" fits every organisation; one already called so is meant
    # ("The group, which calls itself NightHarbor" ... "posted by the group")
    called = {sp[2] for sp in index.spans_between(max(0, pos - 3000), pos) if sp[3] == "nominal"
              and index.text[sp[0]:sp[1]].lower().split()[-1:] == [head] and index.get(sp[2])["type"] == "Organization"}
    if called:
        last = index.last_before(pos, lambda sp: sp[2] in called)
        return last[2] if last else None
    last = index.last_before(pos, lambda sp: _org_fits(index, sp[2], head))
    if last is None:
        return None
    if quals:
        rec = index.get(last[2])
        known = set(N.norm(rec["name"]).split()) | set(rec.get("_classes", [])) | set(rec.get("_descriptors", []))
        if not set(quals) <= known:
            return None
    return last[2]


# ---------------------------------------------------------------------------
# pronouns


@dataclass
class _Ctx:
    doc: object
    index: object
    mask: list
    sents: list
    sent_of: list
    disc: list
    mains: list
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
    """"..., said Vin Monney" / "“...,” says Smith": a speech verb right after a
    comma or closing quote and right before the name (not "accuse the premier")."""
    return (i >= 2 and doc[i - 1].lemma_.lower() in SPEECH_HEADS() and doc[i - 1].pos_ == "VERB"
            and (doc[i - 2].is_punct or doc[i - 2].is_quote))


def _entry_for(ctx: _Ctx, eid, s_char, e_char) -> _Entry | None:
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
    speaker = role.dep_ in SUBJ_DEPS and role.head.lemma_.lower() in SPEECH_HEADS()
    # post-posed: "..., said Vin Monney"
    if not subj and _postposed(doc, span.start):
        subj = speaker = True
        main = ctx.is_main(span.start - 1, root.i)
    return _Entry(eid, root.i, ctx.dsent(root.i), subj, main, speaker, ctx.mask[root.i])


def _blockers(ctx: _Ctx) -> list[_Entry]:
    """Unnamed human subjects of speech verbs ("the KAS staffer said")."""
    out = []
    verbs = SPEECH_HEADS()
    titles = LX.lexicon_set("roles", "titles")
    for i, w in enumerate(D.token_lows(ctx.doc)):
        if ctx.mask[i] or not (w in titles or w in PERSON_NOUNS):
            continue
        t = ctx.doc[i]
        if t.pos_ != "NOUN" or not _is_person_noun(t):
            continue
        if not (t.dep_ in SUBJ_DEPS and t.head.lemma_.lower() in verbs):
            continue
        if ctx.index.entity_at_token(t) or any(
                c.dep_ == "appos" and ctx.index.entity_at_token(c) for c in t.children):
            continue  # named, or named in apposition ("campaign manager, Luis Ortega,")
        out.append(_Entry(None, t.i, ctx.dsent(t.i), True, ctx.is_main(t.head.i, t.i), True, False))
    # ambiguous names ("Mr Smith" among two Smiths) are people we cannot name
    for s_char, e_char in getattr(ctx.index, "ambiguous", []):
        en = _entry_for(ctx, None, s_char, e_char)
        if en:
            out.append(en)
    return out


def _pron_entry(ctx: _Ctx, t, eid) -> _Entry:
    subj = t.dep_ in SUBJ_DEPS
    return _Entry(eid, t.i, ctx.dsent(t.i), subj, subj and ctx.is_main(t.head.i, t.i),
                  subj and t.head.lemma_.lower() in SPEECH_HEADS(), ctx.mask[t.i])


def _is_target_pronoun(t) -> bool:
    low = t.lower_
    return (low in MALE or low in FEMALE) and (t.pos_ == "PRON" or low == "her")


def _pronouns(ctx: _Ctx) -> None:
    doc, index = ctx.doc, ctx.index
    entries: list[_Entry] = []
    for s, e, eid, kind in index._spans:
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
        if not _is_target_pronoun(t):
            continue
        if t.i in done:
            eid = done[t.i]
        elif t.i in index.lede_refs:
            eid = index.lede_refs[t.i]
        else:
            eid = _resolve_pronoun(ctx, t, history, entries, done)
        history.append(_pron_entry(ctx, t, eid))
        if eid is None:
            continue
        g = "male" if t.lower_ in MALE else "female"
        if index.get(eid)["type"] == "Person":
            index.gender.setdefault(eid, g)
        index.add_mention(eid, t.idx, t.idx + len(t.text), "pronoun")


def _it_speakers(ctx: _Ctx) -> None:
    """"The ministry rejected the report. It said ..." : "it" as the subject of a
    speech verb is the organisation that was the last subject (or, failing
    that, the last one named) in this or the previous sentence. Other uses of
    "it" are left alone: most are not organisations."""
    doc, index = ctx.doc, ctx.index
    for i in [i for i, w in enumerate(D.token_lows(doc)) if w in ("it", "they")]:
        t = doc[i]
        if ctx.mask[i] or t.dep_ not in SUBJ_DEPS or t.head.lemma_.lower() not in SPEECH_HEADS():
            continue
        lo = ctx.sents[max(0, ctx.sent_of[i] - 1)].start_char
        if t.lower_ == "they":
            # "The Liberal Democrats ... They said ...": only when the last
            # referent named was that organisation (no person, no account since)
            last = [sp for sp in index.spans_between(lo, t.idx) if sp[3] != "pronoun"]
            if last and index.get(last[-1][2])["type"] == "Organization" and \
                    _span_root(doc, last[-1]).dep_ in SUBJ_DEPS and not ctx.mask[_tok_at(doc, last[-1][0])]:
                index.add_mention(last[-1][2], t.idx, t.idx + len(t.text), "pronoun")
            continue
        # the nearest preceding compatible subject inside the same sentence beats
        # earlier sentences: "The ministry denied ..., a day after an online news
        # site published documents it said showed ..." -- "it" is the site (no
        # entity: None), not the ministry
        near = _nearest_org_subject(ctx, t)
        if near is not None:
            if near:
                index.add_mention(near, t.idx, t.idx + len(t.text), "pronoun")
            continue
        orgs = [sp for sp in index.spans_between(lo, t.idx)
                if index.get(sp[2])["type"] == "Organization" and not ctx.mask[_tok_at(doc, sp[0])]]
        if not orgs:
            continue
        subj = [sp for sp in orgs if _span_root(doc, sp).dep_ in SUBJ_DEPS]
        pick = (subj or orgs)[-1][2]
        index.add_mention(pick, t.idx, t.idx + len(t.text), "pronoun")


def _its_documents(ctx: _Ctx) -> None:
    """"The Communications Authority of Kenya said its investigation found":
    "its" before a document or investigation noun (entities.toml
    ``document_nouns``) is the organisation that is the nearest subject before
    it in the same sentence -- only an organisation, and only when that
    subject is one (a person or an unnamed noun in between: nothing)."""
    doc, index = ctx.doc, ctx.index
    docs = LX.lexicon_set("entities", "lexicon", "document_nouns")
    lows = D.token_lows(doc)
    for i in [i for i, w in enumerate(lows) if w == "its"]:
        t = doc[i]
        if ctx.mask[i] or t.dep_ != "poss" or t.head.lower_ not in docs:
            continue
        near = _nearest_org_subject(ctx, t)
        if near:
            index.add_mention(near, t.idx, t.idx + len(t.text), "pronoun")
    # The document that is a subject is then a mention of its organisation, so
    # the speaker phrase and its head word both resolve to it ("documents
    # obtained by the party showed", "A report by the Mozilla Foundation said")
    for i in [i for i, w in enumerate(lows) if w in docs]:
        t = doc[i]
        if ctx.mask[i] or t.pos_ != "NOUN" or t.dep_ not in SUBJ_DEPS:
            continue
        a = t.left_edge.i
        b = t.right_edge.i
        while b > t.i and (doc[b].is_punct or doc[b].is_space):
            b -= 1
        start, end = doc[a].idx, doc[b].idx + len(doc[b].text)
        if "\n" in index.text[start:end] or any(h[0] <= t.idx < h[1] for h in index._overlapping(start, end)):
            continue
        eid = index._document_owner(t, start, end)
        if eid is None:
            poss = next((c for c in t.children if c.dep_ == "poss"), None)
            pe = index.resolve(poss.idx, poss.idx + len(poss.text)) if poss is not None else None
            eid = pe if pe and index.get(pe)["type"] == "Organization" and poss.lower_ in ("its", "their") else None
        if eid:
            index.add_mention(eid, start, end, "document")


def _nearest_org_subject(ctx: _Ctx, t) -> str | None:
    """The subject nearest before "it" in its own sentence, when it can be an
    organisation: its entity id, "" for an unnamed one ("an online news site"),
    None when the nearest subject is something else (a person, "the documents")
    or there is none."""
    doc, index = ctx.doc, ctx.index
    sent = ctx.sents[ctx.sent_of[t.i]]
    org_classes = LX.lexicon_set("entities", "lexicon", "org_class_nouns")
    for i in range(t.i - 1, sent.start - 1, -1):
        x = doc[i]
        # (or a noun right before a finite verb: the parser makes "after an
        # online news site published" a prepositional object)
        subj_like = x.dep_ in SUBJ_DEPS or (x.pos_ in ("NOUN", "PROPN") and i + 1 < t.i
                                            and doc[i + 1].tag_ in ("VBD", "VBZ", "VBP"))
        if not subj_like or ctx.mask[i]:
            continue
        if x.pos_ == "PRON" and x.lower_ not in ("it",):
            return None
        e = index.entity_at_token(x)
        if e:
            return e if index.get(e)["type"] == "Organization" else None
        if x.pos_ == "NOUN" and x.lower_ in org_classes:
            return ""
        return None
    return None


def _span_root(doc, sp):
    span = doc.char_span(sp[0], sp[1], alignment_mode="expand")
    return span.root if span is not None else doc[_tok_at(doc, sp[0])]


def _attribution(ctx: _Ctx, t):
    """The unquoted subject of a speech verb in t's sentence ("..., he said")."""
    k = ctx.sent_of[t.i]
    if k not in ctx.attributions:
        ctx.attributions[k] = next(
            (x for x in ctx.sents[k]
             if not ctx.mask[x.i] and x.dep_ in SUBJ_DEPS and x.head.lemma_.lower() in SPEECH_HEADS()), None)
    return ctx.attributions[k]


def _resolve_pronoun(ctx: _Ctx, t, history, entries, done) -> str | None:
    doc, index = ctx.doc, ctx.index
    si = ctx.dsent(t.i)
    quoted = ctx.mask[t.i]
    g = "male" if t.lower_ in MALE else "female"
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

    def ok_entity(eid) -> bool:
        if eid is None:
            return True
        rec = index.get(eid)
        if rec["type"] == "Account" and rec["kind"] not in ("pseudonym", "profile"):
            return False
        gg = index.gender.get(eid)
        return not (gg and gg != g)

    # "Hun Sen and his Facebook team": a possessive inside a conjunct of a person
    if t.dep_ == "poss" and t.head.dep_ == "conj":
        e = index.entity_at_token(t.head.head)
        if e and index.get(e)["type"] == "Person" and ok_entity(e):
            return e
    # cataphora: a pronoun in a fronted adverbial before the main subject
    # ("Despite ... his followers ..., the premier remains"; "In his own posts, the PM ...")
    if not quoted:
        e = _cataphora(ctx, t, entries)
        if e and ok_entity(e):
            return e
    excluded_tok: set[int] = set()
    excluded_ent: set[str] = set()
    if quoted:
        # a quote never talks about its own speaker in the third person
        a = _attribution(ctx, t)
        if a is not None:
            if _is_target_pronoun(a):
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
        if not ok_entity(h.entity):
            continue
        if embedded:
            cat = (0 if h.main else 1 if h.subj else 2) + 3 * min(d, 2) if d <= 1 else 6 + (0 if h.subj else 1) + 2 * (d - 2)
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


def _cataphora(ctx: _Ctx, t, entries) -> str | None:
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

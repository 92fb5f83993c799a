"""Nominal coreference: "the premier", "the party", "his company", "the ruling party"."""

from __future__ import annotations

from .. import doc as D
from .. import lexicon as LX
from .. import names as N
from ..rules import tagged
from .orgs import org_fits, org_nominal
from .roles import add_role
from .titles import synonyms_of, title_heads


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
    return (
        index.get(sp[2])["type"] == "Person"
        and sp[3] in ("name", "nominal", "pronoun")
        and (cands is None or sp[2] in cands)
    )


def nominals(doc, index, sent_of, sents) -> None:
    """Definite descriptions as mentions: "the premier" -> the person titled so,
    "the party" -> the organisation of that kind (module doc of ``coref``)."""
    titles = LX.lexicon_set("roles", "titles")
    org_classes = LX.lexicon_set("entities", "lexicon", "org_class_nouns")
    lows = D.token_lows(doc)
    for i in [i for i, w in enumerate(lows) if w in LX.grammar("determiners", "definite")]:
        t = doc[i]
        found = _description_head(doc, index, t)
        if found is None:
            continue
        j, head_end, head = found
        start = t.idx
        end_tok = doc[head_end - 1]
        end = end_tok.idx + len(end_tok.text)
        # the head inside a name ("the Council of Ministers") is the name, not a nominal
        if index.covered(start, end) or index.entity_at_token(end_tok):
            continue
        if head in org_classes and head not in titles:
            quals = [x.lower_ for x in doc[t.i + 1 : j] if x.is_alpha and x.lower_ != head]
            eid = (
                _self_named(doc, index, head_end)
                or _speaker_org(doc, index, t, sents[sent_of[t.i]], head)
                or org_nominal(index, head, start, quals)
            )
            if eid:
                index.add_mention(eid, start, end, "nominal")
            continue
        # "Uwe Goepel, the former head of social media": the appositive is its name's
        if end_tok.dep_ == "appos":
            e = index.entity_at_token(end_tok.head)
            if e and index.get(e)["type"] == "Person":
                index.add_mention(e, start, end, "nominal")
                continue
        eid = _titled_person(doc, index, t, j, head, start, end, sent_of, sents)
        if eid:
            index.add_mention(eid, start, end, "nominal")


def _description_head(doc, index, t):
    """(end of the modifiers, end of the head, head) of the description
    opened by determiner t, or None when it has no title or class head."""
    mods = LX.lexicon_set("roles", "title_modifiers")
    titles = LX.lexicon_set("roles", "titles")
    org_classes = LX.lexicon_set("entities", "lexicon", "org_class_nouns")
    extra = LX.lexicon_set("roles", "description_words")
    n = len(doc)
    lows = D.token_lows(doc)
    T = D.token_table(doc)
    # walk modifiers: "the former opposition leader", "the self-proclaimed “e-premier”"
    j = t.i + 1
    while (
        j < n
        and j < t.i + 7
        and (
            lows[j] in mods
            or T.texts[j] in '“”"‘’-'
            or T.pos[j] == "ADJ"
            or T.texts[j] in extra
            or _org_token(index, doc[j])
        )
    ):
        j += 1
    # the head: the title/class word that ends the phrase furthest right, the
    # longest such ("the prime minister" not "minister"; "the party spokesman"
    # not "party"); title words may be split by the tokenizer ("e", "-", "premier")
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
    if best is None:
        return None
    head_end, _, head = best
    # "the party members": the phrase goes on, the class word was a modifier
    if head_end == j and j < n and doc[j].pos_ in ("NOUN", "PROPN") and not doc[j].is_punct:
        return None
    # "the Prime Minister Hun Sen": a title before a name is not a nominal
    nxt = doc[head_end] if head_end < n else None
    if nxt is not None and nxt.pos_ == "PROPN" and N.is_name_word(nxt.text):
        return None
    if nxt is not None and nxt.text in ("”", '"') and head_end + 1 < n and doc[head_end + 1].pos_ == "PROPN":
        return None
    return j, head_end, head


def _titled_person(doc, index, t, j: int, head: str, start: int, end: int, sent_of, sents) -> str | None:
    """The person a title description refers to: the one the article titled so
    (a synonym counts), or, for a described role nobody holds yet, the recent
    untitled person (who then gets the role)."""
    mods = LX.lexicon_set("roles", "title_modifiers")
    syn = synonyms_of(head)
    # only titles the article gave before this point ("the leader" is not the
    # person called a leader three paragraphs later)
    cands = [pid for pid, heads in _person_titles(index, start).items() if heads & syn]
    if cands:
        last = index.last_before(start, lambda sp: _is_person_ref(index, sp, cands))
        return last[2] if last else cands[0]
    if t.lower_ == "the" and any(doc[x].lower_ in mods for x in range(t.i + 1, j)):
        # a described role nobody holds yet: the recent untitled person
        lo_sent = max(0, sent_of[t.i] - 2)
        lo = sents[lo_sent].start_char
        recent = [
            sp for sp in index.spans_between(lo, start) if _is_person_ref(index, sp) and not index.get(sp[2])["roles"]
        ]
        if recent:
            eid = recent[-1][2]
            title = index.text[doc[t.i + 1].idx : end]
            add_role(
                index.get(eid),
                {
                    "title": title,
                    "org": None,
                    "start": start,
                    "end": end,
                    "text": index.text[start:end],
                    "rule": "nominal-role",
                },
            )
            return eid
    return None


def _party_like(index, rec) -> bool:
    words = N.norm(rec["name"]).split()
    return rec["type"] == "Organization" and (
        org_fits(index, rec["id"], "party") or bool(words and words[-1] in LX.lexicon_set("roles", "party_name_heads"))
    )


def ruling_party(doc, index) -> None:
    """ "Kenya's ruling party on Monday rejected accusations ..." and later
    "the United Democratic Alliance ... UDA secretary general Cleophas Malala":
    a ruling/governing party description, not yet resolved, is the one party
    of the article that is not marked as the opposition (an "opposition"
    descriptor, a role "opposition ..." of its leader or possessor, "the
    opposition X") and has officials who speak for it (a person's role names
    it). Two such parties, or none: no guess."""
    stance = LX.lexicon_set("roles", "ruling_stance")
    party_nouns = LX.lexicon_set("roles", "party_nouns")
    opp_words = LX.lexicon_set("roles", "opposition_words")
    lows = D.token_lows(doc)
    hits = [
        i for i, w in enumerate(lows) if w in party_nouns and i > 0 and lows[i - 1] in stance and doc[i].pos_ == "NOUN"
    ]
    if not hits:
        return
    people = index.people()
    officials = {r["org"] for p in people for r in p["roles"] if r.get("org")}
    opposition = set()
    for p in people:
        opp_person = any(opp_words & set(N.norm(r["title"]).split()) for r in p["roles"])
        for r in p["roles"]:
            if r.get("org") and opp_words & set(N.norm(r["title"]).split()):
                opposition.add(r["org"])
        if opp_person:
            # "Odinga's Orange Democratic Movement": the opposition leader's party
            for m in p["mentions"]:
                e = m["end"]
                if index.text[e : e + 2] in ("'s", "’s"):
                    nxt = [sp for sp in index.spans_between(e + 2, e + 4) if sp[3] == "name"]
                    opposition.update(sp[2] for sp in nxt)
    for o in index.orgs():
        if opp_words & set(index.org_descriptors(o["id"])):
            opposition.add(o["id"])
        for m in o["mentions"]:
            before = index.text[max(0, m["start"] - 12) : m["start"]].lower().rstrip()
            if any(before.endswith(w) for w in opp_words):
                opposition.add(o["id"])
    cands = [
        o["id"] for o in index.orgs() if _party_like(index, o) and o["id"] not in opposition and o["id"] in officials
    ]
    if len(cands) != 1:
        return
    for i in hits:
        t = doc[i]
        a = t.left_edge.i
        for x in range(t.left_edge.i, t.i):  # (after a blanked headline or caption)
            if doc[x].is_space or "\n" in doc[x].text:
                a = x + 1
        start, end = doc[a].idx, t.idx + len(t.text)
        if index.overlapping(t.idx, end):
            continue
        index.add_mention(cands[0], start, end, "nominal")


def _self_named(doc, index, k: int) -> str | None:
    """ "The group, which calls itself "NightHarbor"," / "a group called X": the
    entity named right after the description, within a few tokens."""
    bridges = LX.lexicon_set("entities", "lexicon", "self_naming")
    lows = D.token_lows(doc)
    j = k
    if j < len(doc) and lows[j] == ",":
        j += 1
    if j < len(doc) and lows[j] in LX.grammar("pronouns", "relative_openers"):
        j += 1
    for n in (3, 2, 1):
        if " ".join(lows[j : j + n]) in bridges:
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


def _speaker_org(doc, index, t, sent, head: str) -> str | None:
    """ "CNRP spokesman Yim Sovann said the party didn't invest": a person of the
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
            if org_fits(index, r["org"], head) or (
                not index.org_classes(r["org"])
                and not tagged(r["rule"], "role-from-verb")
                and head in LX.lexicon_set("entities", "lexicon", "unclassed_org_heads")
            ):
                return r["org"]
    return None


def possessive_orgs(doc, index) -> None:
    """ "His company said": a possessive pronoun before an org class noun names
    the organisation of that kind the possessor has a role in ("the company's
    owner, Vicente Lim" ... "His company"); failing that, the organisation of
    that kind named last before it."""
    org_classes = LX.lexicon_set("entities", "lexicon", "org_class_nouns")
    lows = D.token_lows(doc)
    n = len(doc)
    for i in [i for i, w in enumerate(lows) if w in LX.grammar("pronouns", "possessive_person")]:
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
            fits = {
                r["org"]
                for r in index.get(owner)["roles"]
                if r.get("org") and index.has(r["org"]) and org_fits(index, r["org"], head)
            }
            eid = fits.pop() if len(fits) == 1 else None
        if eid is None:
            # else the organisation of that kind named last before ("the nearest company")
            last = index.last_before(start, lambda sp: sp[3] in ("name", "nominal") and org_fits(index, sp[2], head))
            eid = last[2] if last else None
        if eid:
            index.add_mention(eid, start, end, "nominal")

"""Roles and affiliations of people: titles before names and role appositives.

- Before the name: a run of title words, their modifiers and an organisation
  ("CPP spokesman Sok Eysan" -> spokesman of CPP; "CNRP president leader Sam
  Rainsy" -> president and leader of CNRP; "opposition Senator Hong Sok Hour").
- After the name: an appositive whose head is a role noun, with the
  organisation from a preposition ("Duong Dara, an undersecretary at the
  Council of Ministers"; "Cham Bunteth, political commentator and an adviser
  to the Grassroots Democratic Party" -> two roles, the org on the second;
  "Uwe Goepel, the former head of social media for the CDU").

The role nouns, modifiers and org prepositions are data (roles.toml). Each
role: {"title", "org", "start", "end", "text", "rule"}.
"""

from __future__ import annotations

from .. import lexicon as LX
from .. import names as N
from ..lexicon import entity_words
from .orgs import its_org, org_at, org_nominal
from .titles import (
    abbrev_token,
    honorific_gender,
    postnominal_words,
    title_heads,
    title_modifier_words,
    title_part_words,
    title_words,
)


def _honorific(tok) -> bool:
    return honorific_gender(tok.lower_) is not None


def _split_titles(words: list[str]) -> list[tuple[int, int]]:
    """Split a run of title words into (start, end) roles at each title head.

    ['vice', 'president'] -> one role; ['president', 'leader'] -> two;
    ['social', 'media', 'colleague'] -> one; ['prime', 'minister'] -> one.
    """
    titles = title_words()
    low = [w.lower() for w in words]
    heads: list[tuple[int, int]] = []
    i = 0
    while i < len(low):
        hit = 0
        for n in (3, 2, 1):
            if " ".join(low[i : i + n]) in titles and i + n <= len(low):
                hit = n
                break
        if hit:
            heads.append((i, i + hit))
            i += hit
        else:
            i += 1
    roles = []
    start = 0
    for k, (hs, he) in enumerate(heads):
        # "vice president": a title used as a modifier of the next head stays with it
        nxt = heads[k + 1] if k + 1 < len(heads) else None
        if nxt is not None and nxt[0] == he and low[hs] in title_modifier_words():
            continue
        roles.append((start, he))
        start = he
    return roles


def _left_roles(doc, index, s: int) -> list[dict]:
    """Title run ending right before token s."""
    run = _title_run(doc, index, s)
    if not run:
        return []
    org, words = _title_words_and_org(doc, index, run)
    if not words:
        return []
    # "Lt. Gov." -> "Lieutenant Governor" before splitting, so the spelled-out
    # multi-word title is found
    texts = [abbrev_token(t) or t.text for t in words]
    # "Secretary", "-", "General" -> "Secretary-General"
    merged: list[str] = []
    for x in texts:
        if merged and (x == "-" or merged[-1].endswith("-")):
            merged[-1] += x
        else:
            merged.append(x)
    texts = merged
    spans = _split_titles(texts)
    out = []
    end_char = run[-1].idx + len(run[-1].text)  # not over a skipped honorific
    for a, b in spans:
        title = " ".join(texts[a:b])
        if not title_heads(title):
            continue
        start_char = run[0].idx
        out.append(
            {
                "title": title,
                "org": org,
                "start": start_char,
                "end": end_char,
                "text": index.text[start_char:end_char],
                "rule": "title-before-name",
            }
        )
    return out


def _title_run(doc, index, s: int) -> list:
    """The tokens of the title run ending right before token s (ending in a title word), in order."""
    titles = title_words()
    mods = title_modifier_words()
    k = s - 1
    run = []
    while k >= 0:
        t = doc[k]
        if "\n" in t.text or t.is_space:
            break
        low = t.lower_
        if not run and _honorific(t):
            k -= 1  # "Chief Executive Mrs Wanjiru Kamau": the honorific is no title
            continue
        if t.text == "." and k > 0 and abbrev_token(doc[k - 1]):
            k -= 1  # "Lt" "." split by the tokenizer
            continue
        if (
            t.text == "-"
            and run
            and k > 0
            and not t.whitespace_
            and not doc[k - 1].whitespace_
            and (doc[k - 1].lower_ in titles or doc[k - 1].lower_ in title_part_words())
        ):
            run.append(t)  # "Secretary-General", tokenised "Secretary", "-", "General"
            k -= 1
            continue
        if (
            low in titles
            or low in mods
            or low in title_part_words()
            or low in entity_words("org_class_nouns")
            or abbrev_token(t)
        ):
            run.append(t)
        elif org_at(index, t) and t.text[:1].isupper():
            run.append(t)
        elif t.ent_type_ in ("GPE", "NORP") and (t.text[:1].isupper() or t.text == "."):
            # "Former U.S. President", "Ukrainian President": the country is no part
            # of the title but the run goes on past it
            run.append(t)
        else:
            break
        k -= 1
    run.reverse()
    # a run must end in a title word: "the Ministry" before a name is no role
    while run and not (run[-1].lower_ in titles or run[-1].lower_ in title_part_words() or abbrev_token(run[-1])):
        run.pop()
    return run


def _title_words_and_org(doc, index, run) -> tuple[str | None, list]:
    """(the organisation the run names, the run's title tokens)."""
    titles = title_words()
    org = None
    # "Facebook’s chief executive Mark Zuckerberg": an organisation's possessive before the run
    k0 = run[0].i
    if k0 >= 2 and doc[k0 - 1].text in ("’s", "'s"):
        org = org_at(index, doc[k0 - 2])
    words = []
    for t in run:
        o = org_at(index, t)
        if o and t.text[:1].isupper() and t.lower_ not in titles:
            org = org or o
            continue
        if t.ent_type_ in ("GPE", "NORP") and t.lower_ not in titles and t.lower_ not in title_modifier_words():
            continue
        if t.lower_ in entity_words("org_class_nouns") and t.lower_ not in titles:
            # "Ministry spokesman", "party spokesman": the organisation of that
            # kind the article last named (if any)
            o = org_nominal(index, t.lower_, t.idx)
            if o:
                org = org or o
                if t.lower_ not in title_modifier_words():
                    continue
            # no such organisation named: the word stays in the title
            # ("Chinese foreign ministry spokesperson Mao Ning")
        words.append(t)
    return org, words


def _role_phrase(doc, index, h) -> tuple[str, str | None, int, int] | None:
    """Title text, org, start and end char of a role noun phrase headed by h."""
    left = [c for c in h.lefts if c.dep_ in ("amod", "compound", "nmod", "advmod") and not c.is_punct]
    # the head may be the last word of a multi-word title: "chief executive", "prime minister"
    near = " ".join(x.lower_ for x in doc[max(h.i - 2, h.left_edge.i) : h.i + 1])
    if h.lower_ not in title_words() and not any(near.endswith(x) for x in title_heads(near)):
        return None
    if any(c.dep_ == "poss" and c.lower_ in LX.grammar("pronouns", "possessive_speaker") for c in h.children):
        return None
    # a ranking is not a position: "the second most-engaged leader in the world"
    if any(x.tag_ in ("JJS", "RBS") or x.ent_type_ == "ORDINAL" for x in doc[h.left_edge.i : h.i]):
        return None
    start_tok = min([c.left_edge for c in left] + [h], key=lambda t: t.i)
    org = None
    for c in left:
        o = org_at(index, c)
        if o:
            org = org or o
    # "Pheaktra's spokesperson", "Facebook's chief executive": the possessor is
    # whom the role serves
    # whom the role serves must be an organisation: "Kemp's chief of staff"
    # keeps its title with org None (a person is no organisation)
    for c in list(h.children) + [t for t in doc[start_tok.i : h.i] if t.dep_ == "poss"]:
        if c.dep_ == "poss" and c.i < h.i:
            org = org or org_at(index, c) or its_org(doc, index, c)
    # "The CA's director general": determiner, possessor and 's are no part of the title
    title_toks = [
        t
        for t in doc[start_tok.i : h.i + 1]
        if not (org_at(index, t) and t.pos_ == "PROPN")
        and t.dep_ not in ("det", "case", "poss")
        and t.text not in ("'s", "’s")
    ]
    end_tok = h
    for c in h.rights:
        if c.dep_ != "prep" or c.lower_ not in LX.patterns("roles")["org_prepositions"]:
            continue
        pobj = next((p for p in c.children if p.dep_ == "pobj"), None)
        if pobj is None:
            continue
        o = org_at(index, pobj)
        if o:
            org = org or o
            end_tok = max(end_tok, pobj.right_edge, key=lambda t: t.i)
            continue
        if c.lower_ == "of" and pobj.pos_ != "PROPN" and not index.entity_at_token(pobj):
            # "head of social media", "member of Rainsy’s social media team"
            title_toks.extend(doc[c.i : pobj.right_edge.i + 1])
            end_tok = max(end_tok, pobj.right_edge, key=lambda t: t.i)
            # "head of social media for the CDU": the org hangs off the pobj
            for cc in pobj.rights:
                if cc.dep_ == "prep" and cc.lower_ in ("for", "at", "to", "with"):
                    p2 = next((p for p in cc.children if p.dep_ == "pobj"), None)
                    if p2 is not None and org_at(index, p2):
                        org = org or org_at(index, p2)
                        end_tok = max(end_tok, p2.right_edge, key=lambda t: t.i)
                        title_toks = [t for t in title_toks if t.i < cc.i]
    title_toks = [t for t in title_toks if not (t.is_punct and t.text not in "-’'")]
    if title_toks and title_toks[-1].i - title_toks[0].i + 1 == len(title_toks):
        title = index.text[title_toks[0].idx : title_toks[-1].idx + len(title_toks[-1].text)]
    else:
        title = " ".join(t.text for t in title_toks).replace(" ’s", "’s").replace(" 's", "'s")
    s_char = start_tok.idx
    e_char = end_tok.idx + len(end_tok.text)
    return title, org, s_char, e_char


def _appos_roles(doc, index, s: int, e: int) -> list[dict]:
    """Role appositives after the name span [s, e)."""
    span = doc[s:e]
    root = span.root
    # "Lisa Smart MP": the parser makes the postnominal the head of the name
    if e < len(doc) and doc[e].lower_ in postnominal_words() and root.head.i == e:
        root = doc[e]
        e += 1
    heads = [c for c in root.children if c.dep_ == "appos" and c.i >= e]
    if not heads and e + 1 < len(doc) and doc[e].text == ",":
        # parse fallback: ", (a|an|the)? modifiers ROLE" right after the name
        j = e + 1
        if doc[j].lower_ in ("a", "an", "the"):
            j += 1
        while j < len(doc) and j < e + 6 and doc[j].is_lower and doc[j].pos_ in ("ADJ", "NOUN", "PROPN", "ADV"):
            if doc[j].lower_ in title_words() and (j + 1 >= len(doc) or doc[j + 1].lower_ not in title_words()):
                heads = [doc[j]]
                break
            j += 1
    # "A spokeswoman for the White House, Karine Jean-Pierre, said": the name is
    # the appositive of a role noun before it
    pre = []
    if root.dep_ == "appos" and root.head.i < s and root.head.pos_ == "NOUN":
        pre.append(root.head)
    elif (
        s >= 2
        and doc[s - 1].text == ","
        and doc[s - 2].is_lower
        and doc[s - 2].pos_ == "NOUN"
        and doc[s - 2].lower_ in title_words()
        and e < len(doc)
        and doc[e].text in (",", ")")
    ):
        # parse fallback: "Through his lawyer, Ana Costa, he said" (the parser
        # misses the apposition; the commas on both sides make it one)
        pre.append(doc[s - 2])
    # "Smith, who is the mayor of Paris," / "Smith is the mayor of Paris"
    verb = root.head if root.dep_ == "nsubj" else None
    if root.dep_ == "relcl" or (
        e < len(doc) and doc[e].text == "," and e + 1 < len(doc) and doc[e + 1].lower_ == "who"
    ):
        verb = next((c for c in root.children if c.dep_ == "relcl"), None)
        if verb is not None and not any(c.dep_ == "nsubj" and c.lower_ == "who" for c in verb.children):
            verb = None
    if verb is not None and verb.lemma_ == "be":
        pre.extend(c for c in verb.children if c.dep_ == "attr" and c.pos_ == "NOUN")
    out = []
    for h in pre + heads:
        for x in [h] + [c for c in h.conjuncts if c.i > h.i]:
            if x.pos_ != "NOUN" and not (x.pos_ == "PROPN" and x.lower_ in title_words()):
                continue
            r = _role_phrase(doc, index, x)
            if r is None:
                continue
            title, org, a, b = r
            out.append(
                {
                    "title": title,
                    "org": org,
                    "start": a,
                    "end": b,
                    "text": index.text[a:b],
                    "rule": ("role-before-appos" if h.i < s else "appos-role") if x is h else "appos-role-conj",
                }
            )
    return out


def _verb_roles(doc, index, s: int, e: int) -> list[dict]:
    """ "X, who leads the Candlelight Party" / "X leads the Candlelight Party"."""
    verbs = LX.patterns("roles")["role_verbs"]
    root = doc[s:e].root
    cands = [c for c in root.children if c.dep_ == "relcl"]
    if root.dep_ == "nsubj":
        cands.append(root.head)
    out = []
    for v in cands:
        title = verbs.get(v.lemma_.lower())
        if not title:
            continue
        if v in root.children and not any(c.dep_ == "nsubj" and c.lower_ in ("who", "that") for c in v.children):
            continue
        for o in v.children:
            if o.dep_ != "dobj":
                continue
            org = org_at(index, o)
            body = o.lower_ in entity_words("org_class_nouns") or o.lower_ in LX.lexicon_set(
                "entities", "lexicon", "org_words"
            )
            if org or body:
                if not org:
                    # "chairs the National Assembly's communications committee"
                    org = next((org_at(index, c) for c in o.children if c.dep_ == "poss" and org_at(index, c)), None)
                a, b = v.idx, o.right_edge.idx + len(o.right_edge.text)
                out.append(
                    {
                        "title": title,
                        "org": org,
                        "start": a,
                        "end": b,
                        "text": index.text[a:b],
                        "rule": "role-verb" if org_at(index, o) else "role-verb-body",
                    }
                )
    return out


def _postnominal_roles(doc, index, e: int) -> list[dict]:
    """ "Lisa Smart MP": a title written right after the name (roles.toml postnominal_titles)."""
    if e >= len(doc) or doc[e].lower_ not in postnominal_words() or not doc[e].text.isupper():
        return []
    t = doc[e]
    return [
        {
            "title": t.text,
            "org": None,
            "start": t.idx,
            "end": t.idx + len(t.text),
            "text": t.text,
            "rule": "postnominal",
        }
    ]


def attach_roles(doc, index) -> None:
    """Add roles to every person record in the index (deduplicated by title+org)."""
    seen: dict[str, set] = {}
    for s_char, e_char, eid, kind in list(index.spans):
        rec = index.get(eid)
        if rec["type"] != "Person" or kind != "name":
            continue
        span = doc.char_span(s_char, e_char, alignment_mode="expand")
        if span is None:
            continue
        for role in (
            _left_roles(doc, index, span.start)
            + _appos_roles(doc, index, span.start, span.end)
            + _verb_roles(doc, index, span.start, span.end)
            + _postnominal_roles(doc, index, span.end)
        ):
            add_role(rec, role, seen)
    _ministry_orgs(index)


def _ministry_orgs(index) -> None:
    """ "Health Secretary Teodoro Herbosa" with "the Philippine health ministry"
    in the story: a minister's role carries the ministry of their portfolio as
    its org, so the ministry's denial can link to allegations against the
    minister. Only when exactly one ministry of the article names the
    portfolio (two health ministries, or none: no org)."""
    minister = LX.lexicon_set("roles", "ministerial_titles")
    heads = LX.lexicon_set("roles", "ministry_heads")
    skip = LX.lexicon_set("roles", "title_modifiers") - LX.lexicon_set("roles", "portfolio_words")
    ministries = []
    for o in index.orgs():
        words = N.norm(o["name"]).split()
        if words and (
            words[-1] in heads
            or set(index.org_classes(o["id"])) & heads
            or (len(words) > 2 and words[0] in heads and words[1] in ("of", "for"))
        ):
            ministries.append((o["id"], set(words)))
    if not ministries:
        return
    for rec in index.people():
        for r in rec["roles"]:
            if r["org"] is not None:
                continue
            words = N.norm(r["title"]).split()
            if len(words) < 2 or words[-1] not in minister:
                continue
            portfolio = {w for w in words[:-1] if w not in skip}
            if not portfolio:
                continue
            fits = [oid for oid, ow in ministries if portfolio <= ow]
            if len(fits) == 1:
                r["org"] = fits[0]


def add_role(rec: dict, role: dict, seen: dict | None = None) -> bool:
    key = (N.norm(role["title"]), role["org"])
    have = {(N.norm(r["title"]), r["org"]) for r in rec["roles"]}
    if key in have:
        return False
    # the same title without an org adds nothing once it has one (and vice versa keep the org'd one)
    if role["org"] is None and any(N.norm(r["title"]) == key[0] for r in rec["roles"]):
        return False
    rec["roles"].append(role)
    return True

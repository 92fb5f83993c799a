"""People described before they are named: lede cataphora, subject appositives, "as" roles."""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache

from .. import doc as D
from .. import lexicon as LX
from .pronouns import MALE, is_target_pronoun, main_verbs
from .roles import add_role
from .titles import synonyms_of, title_heads


@lru_cache(maxsize=None)
def _lede_mods() -> frozenset[str]:
    return LX.lexicon_set("roles", "lede_proper_modifiers")


@dataclass
class _Description:
    """The lede's role description of its subject ("A former deputy health minister")."""

    subj: object  # its head token
    a: int  # first token of the title
    end_i: int  # last token of the title (the organisation of an "of" phrase)
    pobj: object  # the "of" phrase's object, or None
    title: str
    start: int  # chars of the description (the mention it becomes)
    end: int


def lede_cataphora(doc, index, sents, mask: list[bool]) -> dict[int, str]:
    """ "A former deputy health minister pleaded not guilty ... Prosecutors allege
    that Themba Nkosi accepted ...": the wire lede describes its subject by role
    and names them in the next sentence or two. The role and the description go
    to the first person named there -- unless that person already holds a
    different title (then nobody: no guess). Returns the lede sentence's
    pronouns that refer to them (token -> person id), for pronoun resolution."""
    body = [sn for sn in sents if any(t.is_alpha for t in sn)]
    if len(body) < 2:
        return {}
    for k, sent in enumerate(body[:2]):
        desc = _lede_description(doc, index, sent)
        if desc is None:
            continue
        nxt = _next_two_paragraphs(body, k, index)
        if not nxt:
            return {}
        lo, hi = nxt[0].start_char, nxt[-1].end_char
        heads = title_heads(desc.title)
        named = _lede_person(index, lo, hi, heads)
        if named is None:
            return {}
        first, by_title = named
        syn = set().union(*(synonyms_of(h) for h in heads)) if heads else set()
        if any(not (title_heads(r["title"]) & syn) for r in first["roles"]):
            return {}  # "Judge Mary Smith" is not the minister of the lede
        if any(m["start"] < desc.start for m in first["mentions"]):
            return {}  # named before the description: not cataphora
        org = index.entity_at_token(desc.pobj) if desc.pobj is not None and desc.end_i == desc.pobj.i else None
        org = org if org and index.get(org)["type"] == "Organization" else None
        if not by_title:
            add_role(
                first,
                {
                    "title": desc.title,
                    "org": org,
                    "start": doc[desc.a].idx,
                    "end": desc.end,
                    "text": index.text[doc[desc.a].idx : desc.end],
                    "rule": "lede-cataphora",
                },
            )
        # The description itself is a mention of them when they are named only
        # after another sentence ("The chief executive of Cloudline ... The group,
        # which calls itself ... Marcus Feld responded"); a name in the very next
        # sentence is left to the statement side's cataphoric speaker step.
        named_at = next(sp[0] for sp in index.spans_between(lo, hi) if sp[2] == first["id"])
        if named_at >= nxt[0].end_char and not any(
            index.get(h[2])["type"] == "Person" for h in index.overlapping(desc.start, desc.end)
        ):
            index.add_mention(first["id"], desc.start, desc.end, "nominal")
        # Either way, "his"/"him" later in the lede sentence is them ("A
        # Conservative MP has been accused ... appeared to show him promising")
        lede_refs = {}
        for x in range(desc.subj.i + 1, sent.end):
            tx = doc[x]
            if is_target_pronoun(tx) and not mask[x] and not index.spans_between(desc.end, tx.idx):
                g = "male" if tx.lower_ in MALE else "female"
                if index.gender.get(first["id"], g) == g:
                    lede_refs[x] = first["id"]
        return lede_refs
    return {}


def _lede_description(doc, index, sent) -> _Description | None:
    """The role description that is the subject of a lede sentence, or None."""
    # "A former deputy health minister", "A Conservative MP" (an upper-case title word)
    # (the main verb may be a conjunct of the root when the parser ran the
    # headline into the lede: "Tory MP accused ...\n\nA Conservative MP has been accused")
    mains = main_verbs(sent)
    subj = next(
        (
            t
            for t in sent
            if t.dep_ in ("nsubj", "nsubjpass")
            and t.head.i in mains
            and t.pos_ in ("NOUN", "PROPN")
            and (t.is_lower or (t.is_upper and title_heads(t.lower_)))
            and any(c.dep_ in ("det", "poss") and c.i < t.i for c in t.children)
        ),
        None,
    )
    if subj is None:
        return None
    left = [c for c in subj.children if c.i < subj.i]
    # "A Belgian member of the European Parliament", "The chief executive of
    # Cloudline": an "of" phrase naming an organisation belongs to the title
    of = next((c for c in subj.children if c.dep_ == "prep" and c.lower_ == "of" and c.i == subj.i + 1), None)
    pobj = next((c for c in of.children if c.dep_ == "pobj"), None) if of is not None else None
    end_i = pobj.i if pobj is not None else subj.i  # (not its appositive: ", a cloud storage company ...")
    if of is not None and not any(
        index.entity_at_token(t) and index.get(index.entity_at_token(t))["type"] == "Organization" for t in of.subtree
    ):
        end_i = subj.i
    if any(
        t.pos_ == "PROPN"
        and t.ent_type_ not in ("GPE", "NORP")
        and not index.entity_at_token(t)
        and t.lower_ not in _lede_mods()
        and t.i != subj.i
        for t in doc[subj.left_edge.i : end_i + 1]
    ):
        return None
    if any(
        index.entity_at_token(t) and index.get(index.entity_at_token(t))["type"] == "Person"
        for t in doc[subj.left_edge.i : end_i + 1]
    ):
        return None
    mods = [c for c in left if c.dep_ in ("amod", "compound")]
    a = min((c.left_edge.i for c in mods), default=subj.i)
    title = " ".join(t.text for t in doc[a : end_i + 1])
    if not title_heads(" ".join(t.text for t in doc[a : subj.i + 1])):
        return None
    s_i = subj.left_edge.i  # (after any blank caption/headline run-in: "\n\n")
    for x in range(subj.left_edge.i, subj.i):
        if doc[x].is_space or "\n" in doc[x].text:
            s_i = x + 1
    return _Description(subj, a, end_i, pobj, title, doc[s_i].idx, doc[end_i].idx + len(doc[end_i].text))


def _next_two_paragraphs(body, k: int, index) -> list:
    """The sentences after body[k] in the next two paragraphs."""
    paras = 0
    nxt = []
    for sn in body[k + 1 :]:
        if "\n\n" in index.text[body[k].end_char if not nxt else nxt[-1].end_char : sn.start_char + 1]:
            paras += 1
        if paras > 2:
            break
        nxt.append(sn)
    return nxt


def _lede_person(index, lo: int, hi: int, heads) -> tuple[dict, bool] | None:
    """(the person first named in chars lo..hi, whether they hold the lede's
    title already), or None when nobody (or no single person) fits."""
    for sp in index.spans_between(lo, hi):
        rec = index.get(sp[2])
        if rec["type"] != "Person" or sp[3] != "name":
            continue
        # the paragraph that names them must name nobody else ("Mark
        # Harper said ... said Tom Jones": two candidates, no guess) --
        # unless exactly one of them holds the lede's title ("Daniel
        # Ashcombe, the MP for North Wessex, ... chief executive, Graham Pike")
        p_lo = index.text.rfind("\n\n", 0, sp[0])
        p_hi = index.text.find("\n\n", sp[1])
        p_hi = len(index.text) if p_hi < 0 else p_hi
        named = [
            x[2]
            for x in index.spans_between(max(p_lo, 0), p_hi)
            if x[3] == "name" and index.get(x[2])["type"] == "Person"
        ]
        if not set(named) - {sp[2]}:
            return rec, False
        # (by synonym: "An aide to ..." is the one "special adviser")
        syn = set().union(*(synonyms_of(h) for h in heads)) if heads else set()
        titled = {e for e in named if any(title_heads(r["title"]) & syn for r in index.get(e)["roles"])}
        if len(titled) != 1:
            return None
        return index.get(titled.pop()), True  # (they already hold the title: no second role)
    return None


def appositive_subjects(doc, index) -> None:
    """ "One of the three players, midfielder Artem Belov, wrote on Instagram":
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
        if (
            start >= end
            or "\n" in index.text[start:end]
            or index.spans_between(start, end)
            or index.overlapping(start, end)
        ):
            continue
        index.add_mention(eid, start, end, "nominal")


def as_roles(doc, index) -> None:
    """ "step down from her post as chair of the parliament's human rights
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
        if not title_heads(" ".join(x.text for x in doc[a : pobj.i + 1])):
            continue
        b = pobj.i
        for c in pobj.children:  # "chair of the parliament's human rights subcommittee"
            if c.dep_ == "prep" and c.lower_ in ("of", "at", "for") and c.i == b + 1:
                b = c.right_edge.i
        while b > pobj.i and (doc[b].is_punct or "\n" in doc[b].text):
            b -= 1
        start, end = doc[a].idx, doc[b].idx + len(doc[b].text)
        add_role(
            index.get(eid),
            {
                "title": index.text[start:end],
                "org": None,
                "start": start,
                "end": end,
                "text": index.text[start:end],
                "rule": "as-role",
            },
        )

"""Unnamed organisations named by a definite description.

"The Philippine health ministry on Sunday denied ...", later "the ministry
said": news often never names the organisation that speaks. When a definite
description with an organisation head noun ("ministry", "federation",
"club", "prosecutor's office") carries a distinguishing modifier and is a
speaker or recurs, it becomes an Organization entity named by the description
("Philippine health ministry"); coreference then resolves "the ministry" /
"it" to it. Conservative by construction:

- only "the" descriptions, only with a content modifier ("the ministry" alone
  names nothing; "the same company" neither);
- never when a named organisation of that kind is in the article and shares a
  modifier or nothing distinguishes them ("the health ministry" with "Health
  Ministry" named is that one: it gets the mention instead);
- two descriptions with different modifiers ("the health ministry", "the
  finance ministry") are two organisations, never merged.
"""

from __future__ import annotations

from .. import doc as D
from .. import names as N
from ..lexicon import entity_words, speech_verbs
from .index import new_record


def _heads() -> dict[tuple, str]:
    """head token tuple -> head string ("prosecutor", "'s", "office")."""
    out = {}
    for h in entity_words("description_org_heads"):
        words = tuple(h.replace("'s", " 's").replace("s' ", "s ' ").split())
        out[words] = h
    return out


def find_descriptions(doc, index) -> None:
    """Add description organisations (and their mentions) to the index."""
    found, bare = _description_phrases(doc, index)
    if not found:
        return
    groups: dict[tuple, list] = {}
    for f in found:
        groups.setdefault((f[2], f[3]), []).append(f)
    for (head, content), fs in sorted(groups.items(), key=lambda kv: kv[1][0][0]):
        if not (any(f[4] for f in fs) or len(fs) > 1 or bare.get(head)):
            continue
        _register(index, head, content, fs)


def _description_phrases(doc, index) -> tuple[list[tuple], dict[str, int]]:
    """Definite descriptions with an organisation head: ([(start_char, end_char,
    head, content modifiers, is a speaker, start of the modifiers)], {head:
    count of "the HEAD" with no modifier})."""
    lows = D.token_lows(doc)
    skip = entity_words("description_skip_mods")
    verbs = speech_verbs() | entity_words("description_speaker_verbs")
    found = []
    bare: dict[str, int] = {}
    # "the Philippine health ministry", and without an article a national
    # collective: "Belgian federal prosecutors said", "Kenyan police said"
    starts = [i for i, w in enumerate(lows) if w == "the"]
    ents = D.token_table(doc).ent_type
    starts += [
        i - 1
        for i, t in ((i, doc[i]) for i, e in enumerate(ents) if e in ("NORP", "GPE"))
        if t.text[:1].isupper()
        and t.i == t.left_edge.i
        and i > 0
        and lows[i - 1] not in ("the", "a", "an")
        and t.head.lower_ in entity_words("description_bare_heads")
    ]
    for i in sorted(set(starts)):
        hit = _head_after(doc, i)
        if hit is None:
            continue
        he, head, mods = hit
        if lows[i] != "the" and head not in entity_words("description_bare_heads"):
            continue
        start = doc[i].idx if lows[i] == "the" else doc[i + 1].idx
        end = doc[he - 1].idx + len(doc[he - 1].text)
        if any(index.covered(doc[k].idx, doc[k].idx + len(doc[k].text)) for k in range(i + 1, he)) or i + 1 >= he:
            continue  # part of a named organisation ("the Health Ministry" tagged ORG)
        content = tuple(m.lower_ for m in mods if m.lower_ not in skip)
        if mods and not content:
            continue
        if not content:
            bare[head] = bare.get(head, 0) + 1
            continue
        h = doc[he - 1]
        speaker = h.dep_ in ("nsubj", "nsubjpass") and h.head.lemma_.lower() in verbs
        found.append((start, end, head, content, speaker, doc[i + 1].idx))
    return found, bare


def _head_after(doc, i: int):
    """(end token of the head, head string, modifier tokens) of the
    organisation head noun within five tokens after token i, or None."""
    lows = D.token_lows(doc)
    n = len(doc)
    heads = _heads()
    max_h = max(len(k) for k in heads)
    j = i + 1
    mods = []
    while j < n and j <= i + 5:
        for L in range(max_h, 0, -1):
            key = tuple(lows[j : j + L])
            if key in heads:
                e = j + L
                # the phrase ends at the head ("the ministry memos" has another head)
                nxt = doc[e] if e < n else None
                if nxt is not None and nxt.pos_ in ("NOUN", "PROPN") and nxt.is_alpha:
                    continue
                return e, heads[key], mods
        t = doc[j]
        ok_mod = (t.is_lower and t.is_alpha and t.pos_ in ("ADJ", "NOUN", "PROPN")) or (
            t.ent_type_ in ("NORP", "GPE") and t.text[:1].isupper() and t.is_alpha
        )
        if not ok_mod or "\n" in t.text:
            return None
        mods.append(t)
        j += 1
    return None


def _register(index, head: str, content: tuple, fs: list[tuple]) -> None:
    """One description organisation (or the named one it is) with its mentions."""
    head_word = head.split()[-1]
    # (another description is another organisation: "the Indonesian health
    # ministry" is not "the Philippine health ministry" made an entity above)
    named = [
        o
        for o in index.orgs()
        if not index.is_described(o["id"])
        and (head_word in index.org_classes(o["id"]) or head_word in N.norm(o["name"]).split())
    ]
    same = [o for o in named if set(content) & set(N.norm(o["name"]).split())]
    if same:
        # "the health ministry" with "Health Ministry" named: that one
        for f in fs:
            index.add_mention(same[0]["id"], f[5], f[1], "name")
        return
    if named and (not any(f[4] for f in fs) or set(content) <= entity_words("description_stance_mods")):
        # a named one of that kind exists: "the ministry", "the ruling party"
        # (a stance, not an identity) are left to coreference
        return
    first = fs[0]
    name = " ".join(index.text[first[5] : first[1]].split())
    eid = f"org:{N.slug(name)}"
    k = 2
    while index.has(eid):
        eid = f"org:{N.slug(name)}-{k}"
        k += 1
    index.add_entity(new_record(eid, "Organization", name, "description"))
    index.set_org_kind(eid, [head_word], list(content), described=True)
    for f in fs:
        index.add_mention(eid, f[5], f[1], "name")

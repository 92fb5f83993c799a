"""Role titles as words: title lexicon, heads, synonyms, honorifics and abbreviations."""

from __future__ import annotations

from functools import lru_cache

from .. import lexicon as LX
from .. import names as N
from ..lexicon import lexicon_set, patterns


def title_words() -> frozenset[str]:
    return LX.lexicon_set("roles", "titles")


@lru_cache(maxsize=None)
def title_part_words() -> frozenset[str]:
    """Words of multi-word titles ('prime' of 'prime minister'), minus small words."""
    skip = LX.lexicon_set("entities", "lexicon", "acronym_skip")
    return frozenset(w for x in title_words() if " " in x for w in x.split() if w not in skip)


def title_modifier_words() -> frozenset[str]:
    return LX.lexicon_set("roles", "title_modifiers")


@lru_cache(maxsize=4096)
def title_heads(title: str) -> frozenset[str]:
    """Lexicon titles a title phrase ends with ('former CPP spokesman' -> {'spokesman'})."""
    words = N.norm(title).split()
    out = set()
    titles = title_words()
    for n in (3, 2, 1):
        for i in range(len(words) - n + 1):
            w = " ".join(words[i : i + n])
            if w in titles:
                out.add(w)
    return frozenset(out)


@lru_cache(maxsize=None)
def _synonyms(w: str) -> frozenset[str]:
    out = {w}
    for group in LX.patterns("roles")["synonyms"]:
        g = {N.norm(x) for x in group}
        if w in g:
            out |= g
    return frozenset(out)


def synonyms_of(word: str) -> set[str]:
    """All titles interchangeable with a title ('premier' -> {'prime minister', 'pm', ...})."""
    return set(_synonyms(N.norm(word)))


def postnominal_words() -> frozenset[str]:
    return LX.lexicon_set("roles", "postnominal_titles")


def honorific_gender(word: str) -> str | None | bool:
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


def titleish(t) -> bool:
    """A token that is a title, part of one, an abbreviated title or an honorific."""
    low = t.lower_
    return (
        low in title_words()
        or low in title_part_words()
        or abbrev_token(t) is not None
        or honorific_gender(low) is not None
        or low in postnominal_words()
    )


@lru_cache(maxsize=None)
def title_abbreviations() -> dict[str, str]:
    """Abbreviated titles without their full stop ('gov' -> 'Governor', 'lt' ->
    'Lieutenant'), from roles.toml ``abbreviations``."""
    return {k.lower().rstrip("."): v for k, v in patterns("roles")["abbreviations"].items()}


def abbrev_title(text: str) -> str | None:
    """Spelled-out title for an abbreviated title token ('Gov.', 'Lt', 'Sgt.').

    Only a capitalised, not all-caps form counts: 'Gen.' is General, 'GEN' is
    not; 'Rep.' is Representative, 'rep' (a sales rep) is not.
    """
    if not text[:1].isupper() or (len(text.rstrip(".")) > 1 and text.rstrip(".").isupper()):
        return None
    return title_abbreviations().get(text.lower().rstrip("."))


def abbrev_token(tok) -> str | None:
    """Spelled-out title for an abbreviated-title token, which must carry its
    full stop ("Gov.", or "Lt" + "." split by the tokenizer) unless British
    style writes it bare (roles.toml ``bare_abbreviations``: "Sgt Carla Diaz",
    "Lt Col"). So "Sen" of "Hun Sen" or "Rep" of a name is never a title."""
    title = abbrev_title(tok.text)
    if title is None:
        return None
    if tok.text.endswith("."):
        return title
    doc = tok.doc
    if tok.i + 1 < len(doc) and doc[tok.i + 1].text == "." and not tok.whitespace_:
        return title
    if tok.lower_ in lexicon_set("roles", "bare_abbreviations"):
        return title
    return None

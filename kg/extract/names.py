"""Name strings: normalising, initials and acronyms (and kg.ids.slug for the ids).

Pure string functions shared by the entity side (and the records' ids). Word
lists they need (small words skipped in acronyms, title abbreviations) come
from the lexicons (``kg.extract.lexicon``).
"""

from __future__ import annotations

import re
from functools import lru_cache

from ..ids import slug  # noqa: F401  (the one slug of the project; entity ids here use it)
from .lexicon import lexicon_set, patterns

# Curly quotes and apostrophes are normalised for matching only; mention text
# keeps the original characters.
_APOS = str.maketrans({"’": "'", "‘": "'", "`": "'", "“": '"', "”": '"'})


@lru_cache(maxsize=1 << 16)  # pure and called ~500 times per article on few strings
def norm(text: str) -> str:
    """Matching form: apostrophes straightened, whitespace collapsed, lowercased."""
    return " ".join(text.translate(_APOS).split()).lower()


def strip_possessive(text: str) -> str:
    """'Hun Sen’s' -> 'Hun Sen'; 'Rainsy's' -> 'Rainsy'; 'Jones'' -> 'Jones'."""
    t = text.rstrip()
    for suf in ("'s", "’s", "'S", "’S"):
        if t.endswith(suf):
            return t[: -len(suf)].rstrip()
    if len(t) > 2 and t[-1] in "'’" and t[-2] in "sS":
        return t[:-1]
    return t


@lru_cache(maxsize=1 << 16)
def name_tokens(text: str) -> tuple[str, ...]:
    """Lowercased word tokens of a name, apostrophes straightened."""
    return tuple(w for w in re.split(r"[\s]+", norm(text)) if w)


def initials(name: str) -> str:
    """Acronym from the capitalised words of a name, skipping small words.

    'Cambodian People's Party' -> 'CPP'; 'Council of Ministers' -> 'CM';
    'Konrad Adenauer Stiftung' -> 'KAS'. Hyphenated parts count separately
    only when each is capitalised ('Christian-Democratic' -> 'CD').
    """
    skip = lexicon_set("entities", "lexicon", "acronym_skip")
    out = []
    for word in name.translate(_APOS).split():
        word = word.strip("()[],.")
        if not word or word.lower() in skip:
            continue
        for part in word.split("-"):
            if part[:1].isupper():
                out.append(part[0])
    return "".join(out)


def is_acronym(text: str) -> bool:
    """All-caps token of 2-6 letters (CPP, CNRP, KAS, CDU, UN, ASEAN)."""
    t = text.replace(".", "")
    return 2 <= len(t) <= 7 and t.isalpha() and t.isupper()


def is_short_form(text: str) -> bool:
    """An acronym or a mixed-case short form ('DFRLab', 'ACOBA', 'OfCom'):
    one word, capitalised, with at least two capitals, at most ten letters."""
    t = text.replace(".", "")
    return is_acronym(text) or (
        2 <= len(t) <= 10 and t.isalpha() and t[0].isupper() and sum(c.isupper() for c in t) >= 2
    )


def domain_stem(text: str) -> str | None:
    """'socialbakers.com' -> 'socialbakers'; 'www.bbc.co.uk' -> 'bbc'; else None."""
    t = text.lower().strip()
    t = re.sub(r"^https?://", "", t)
    t = re.sub(r"^www\.", "", t)
    m = re.fullmatch(r"([a-z0-9-]+)\.(com|org|net|gov|edu|io|co|info|news|tv|[a-z]{2})(\.[a-z]{2})?/?", t)
    return m.group(1) if m else None


def is_name_word(word: str) -> bool:
    """A capitalised word that can be part of a proper name."""
    w = word.translate(_APOS)
    return bool(w) and (w[0].isupper() or (w[0] in "'" and len(w) > 1)) and any(c.isalpha() for c in w)


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

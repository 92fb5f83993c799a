"""Name strings: normalising, slugs, acronyms, and the pattern data loader.

Pure string functions shared by the entity side (entities, roles, coref,
accounts). The lexicons live in ``kg/patterns/*.toml``; this module reads them
once per process.
"""

from __future__ import annotations

import bisect

import re
import tomllib
import unicodedata
from functools import lru_cache
from pathlib import Path

PATTERNS_DIR = Path(__file__).resolve().parent.parent / "patterns"

# Curly quotes and apostrophes are normalised for matching only; mention text
# keeps the original characters.
_APOS = str.maketrans({"’": "'", "‘": "'", "`": "'", "“": '"', "”": '"'})


@lru_cache(maxsize=None)
def load_patterns(name: str) -> dict:
    """The parsed ``kg/patterns/<name>.toml`` (cached)."""
    with open(PATTERNS_DIR / f"{name}.toml", "rb") as fh:
        return tomllib.load(fh)


@lru_cache(maxsize=None)
def lexicon_set(name: str, *keys: str) -> frozenset[str]:
    """A lowercase set from a list in a pattern file (nested keys allowed)."""
    data = load_patterns(name)
    for k in keys:
        data = data[k]
    return frozenset(str(x).lower() for x in data)


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


def slug(text: str) -> str:
    """Deterministic id part: ascii, lowercase, hyphenated ('Hun Sen' -> 'hun-sen')."""
    t = unicodedata.normalize("NFKD", text.translate(_APOS))
    t = t.encode("ascii", "ignore").decode("ascii").lower()
    t = t.replace("'", "")
    t = re.sub(r"[^a-z0-9]+", "-", t).strip("-")
    return t or "x"


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
    return is_acronym(text) or (2 <= len(t) <= 10 and t.isalpha() and t[0].isupper()
                                and sum(c.isupper() for c in t) >= 2)


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


def token_texts(doc) -> list[str]:
    """Every token's text, built once per Doc.

    Creating spaCy Token objects dominates the cost of whole-document scans, so
    scans filter on these strings first and touch ``doc[i]`` only for candidates.
    """
    return token_table(doc).texts


class TokenTable:
    """Plain per-token lists of one Doc, built in one pass and cached in
    ``doc.user_data`` ("kg.table"): scans read these instead of creating a spaCy
    Token per ``doc[i]`` (the dominant cost of the entity side)."""

    __slots__ = ("text", "texts", "lows", "ws", "idx", "tag", "pos", "dep", "head", "ent_type", "like_num", "n")

    def __init__(self, doc):
        from spacy.attrs import DEP, ENT_TYPE, HEAD, IDX, LIKE_NUM, ORTH, POS, SPACY, TAG

        n = len(doc)
        # one C-level export, then hash -> string through a per-call memo
        arr = doc.to_array([ORTH, SPACY, IDX, TAG, POS, DEP, HEAD, ENT_TYPE, LIKE_NUM]) if n else None
        cols = [arr[:, k].tolist() for k in range(9)] if n else [[] for _ in range(9)]
        strings = doc.vocab.strings

        def strs(col):  # each distinct hash looked up once
            m = {h: strings[h] for h in set(col)}
            return [m[h] for h in col]

        self.texts = strs(cols[0])
        self.ws = [" " if x else "" for x in cols[1]]
        self.idx = cols[2]
        self.tag = strs(cols[3])
        self.pos = strs(cols[4])
        self.dep = strs(cols[5])
        # HEAD is a relative offset, exported as an unsigned 64-bit value
        self.head = [i + (h if h < 2 ** 63 else h - 2 ** 64) for i, h in enumerate(cols[6])]
        self.ent_type = strs(cols[7])
        self.like_num = [bool(x) for x in cols[8]]
        self.lows = [w.lower() for w in self.texts]
        self.text = "".join([w + s for w, s in zip(self.texts, self.ws)])  # == doc.text
        self.n = n


def token_table(doc) -> TokenTable:
    """The Doc's TokenTable, built once."""
    tab = doc.user_data.get("kg.table")
    if tab is None or tab.n != len(doc):
        tab = TokenTable(doc)
        doc.user_data["kg.table"] = tab
    return tab


def tok_range(doc, start: int, end: int) -> tuple[int, int]:
    """Token range [a, b) of the tokens overlapping chars [start, end) -- what
    ``doc.char_span(start, end, alignment_mode="expand")`` covers -- by two
    binary searches over cached token offsets (a >= b: no token)."""
    tab = token_table(doc)
    ends = doc.user_data.get("kg.tok_ends")
    if ends is None or len(ends) != tab.n:
        ends = [s + len(w) for s, w in zip(tab.idx, tab.texts)]
        doc.user_data["kg.tok_ends"] = ends
    return bisect.bisect_right(ends, start), bisect.bisect_left(tab.idx, end)


def doc_text(doc) -> str:
    """``doc.text`` computed once per Doc (spaCy rebuilds it on every access)."""
    return token_table(doc).text


def token_lows(doc) -> list[str]:
    """Every token's lowercased text, built once per Doc."""
    return token_table(doc).lows


@lru_cache(maxsize=None)
def title_abbreviations() -> dict[str, str]:
    """Abbreviated titles without their full stop ('gov' -> 'Governor', 'lt' ->
    'Lieutenant'), from roles.toml ``abbreviations``."""
    return {k.lower().rstrip("."): v for k, v in load_patterns("roles")["abbreviations"].items()}


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

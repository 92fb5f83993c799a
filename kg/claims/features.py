"""What a statement's content says, as comparable keys.

Pure: a Stmt (content text, its offsets, the entity mentions inside it) in,
Features out. Keys are content lemmas (simplemma, a dictionary lemmatiser:
no model, deterministic), mapped to a concept where the lexicon has one
("bought" and "paid for" -> ~acquire), organisations named in the content
(@slug), amounts (#6000) and quoted phrases (q:click farm). People named in
the content are kept apart: they decide who the claim is about, and a person
one statement names and the other does not is evidence of a different act.

Computed from what the graph stores (content text and offsets, mentions), so
an ingest and a `kg claims rebuild` see the same features. (From the
extractor we would rather have the parse: the content's predicate and its
arguments, and lemmas by part of speech.)
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation
from functools import lru_cache

from .model import Mention, Stmt
from .rules import Rules

_WORD = re.compile(r"[A-Za-z][A-Za-z'’-]*[A-Za-z]|[A-Za-z]")
_QUOTE = re.compile(r"“([^”]{2,120})”|\"([^\"]{2,120})\"|‘([^’]{2,120})’")
_DASH = re.compile(r"\s+[–—]\s+|\s+--\s+|\s+-\s+")
_NUMBER = re.compile(
    r"(?<![\w.])\$?(\d{1,3}(?:,\d{3})+|\d+)(?:\.(\d+))?\s*(%|per\s?cent|million|billion|thousand|bn|m)?(?![\w])", re.I
)
_MULT = {"thousand": 1_000, "million": 1_000_000, "m": 1_000_000, "billion": 1_000_000_000, "bn": 1_000_000_000}


@dataclass(frozen=True)
class Features:
    keys: frozenset  # content keys
    persons: frozenset  # person IRIs named in the content
    about: frozenset  # targets, else the persons named: who the claim is about
    quotes: frozenset  # quoted phrases of two words or more (also among keys)
    stance: str | None


@lru_cache(maxsize=1 << 16)
def lemma(word: str) -> str:
    import simplemma

    w = word.lower().replace("’", "'")
    if w.endswith("'s"):
        w = w[:-2]
    lem = simplemma.lemmatize(w, lang="en").lower()
    if lem.endswith("ing") and len(lem) > 6:
        # a gerund the dictionary keeps as a noun ("marking", "building"):
        # the verb it comes from, so "marked" and "markings" meet
        base = lem[:-3]
        lem = base[:-1] if len(base) > 2 and base[-1] == base[-2] else base
    return lem


def statement_features(s: Stmt, rules: Rules) -> Features:
    stance = rules.stance(s.kind)
    lo, hi = s.start, s.start + len(_without_asides(s.content, rules))
    mentions = list(s.mentions) + _named_in_words(s, lo, hi)
    taken = [(m.start, m.end) for m in mentions]
    persons = frozenset(
        m.entity for m in mentions if m.cls == "Person" and lo <= m.start < hi and m.entity != s.speaker
    )
    keys = {"@" + m.entity.rsplit("/", 1)[-1] for m in mentions if m.cls != "Person" and lo <= m.start < hi}
    keys |= _word_keys(s, lo, hi, taken, rules, judge=stance == "denies")
    keys |= _number_keys(s.content[: hi - lo])
    quotes = frozenset(q for q in _quotes(s.content[: hi - lo], rules) if stance != "denies")
    keys |= {f"q:{q}" for q in quotes}
    about = frozenset(s.targets) or persons
    return Features(frozenset(keys), persons, about, quotes, stance)


def _without_asides(content: str, rules: Rules) -> str:
    """Content up to a dash that opens a comment on the statement itself."""
    for m in _DASH.finditer(content):
        words = [w.lower() for w in _WORD.findall(content[m.end() :])[:3]]
        while words and words[0] in ("a", "an", "the"):
            words.pop(0)
        if words and words[0] in rules.aside_heads:
            return content[: m.start()]
    return content


def _named_in_words(s: Stmt, lo: int, hi: int) -> list[Mention]:
    """Capitalised words of the content that name one agent of the article
    ("Mr. Khan", "ISIS") where the extractor recorded no mention."""
    if not s.name_words:
        return []
    covered = [(m.start, m.end) for m in s.mentions]
    out = []
    for m in _WORD.finditer(s.content[: hi - lo]):
        w = m.group(0)
        hit = s.name_words.get(w.lower().replace("’s", "").replace("'s", "")) if w[0].isupper() else None
        a, b = lo + m.start(), lo + m.end()
        if hit and not _inside(a, b, covered):
            out.append(Mention(a, b, hit[0], hit[1]))
    return out


def _inside(start: int, end: int, spans) -> bool:
    return any(s <= start and end <= e for s, e in spans)


def _word_keys(s: Stmt, lo: int, hi: int, taken, rules: Rules, judge: bool) -> set[str]:
    out = set()
    text = s.content[: hi - lo]
    for m in _WORD.finditer(text):
        a, b = lo + m.start(), lo + m.end()
        if _inside(a, b, taken):
            continue  # a name: the entity counts, not its words
        word = m.group(0)
        low = word.lower()
        if low in rules.function_forms and not _quoted(text, m.start(), m.end()):
            continue
        lem = lemma(word)
        if lem in rules.stop or low in rules.stop or len(lem) < 2:
            continue
        if judge and (lem in rules.judgement or low in rules.judgement):
            continue
        concept = rules.concept_of.get(lem) or rules.concept_of.get(low)
        out.add(f"~{concept}" if concept else lem)
    return out


def _quoted(text: str, start: int, end: int) -> bool:
    before, after = text[max(0, start - 1) : start], text[end : end + 1]
    return before in "“\"‘'" and after in "”\"’'" and before != "" and after != ""


def _number_keys(text: str) -> set[str]:
    out = set()
    for m in _NUMBER.finditer(text):
        whole, frac, unit = m.group(1).replace(",", ""), m.group(2), (m.group(3) or "").lower().replace(" ", "")
        if not unit and not frac and len(whole) == 4 and 1900 <= int(whole) <= 2100 and "," not in m.group(1):
            continue  # a year: time, not an amount
        try:
            value = Decimal(whole + ("." + frac if frac else ""))
        except InvalidOperation:
            continue
        if unit in ("%", "percent"):
            out.add(f"#{value.normalize()}%")
            continue
        value *= _MULT.get(unit, 1)
        out.add(f"#{value.normalize():f}")
    return out


def _quotes(text: str, rules: Rules) -> set[str]:
    out = set()
    for m in _QUOTE.finditer(text):
        inner = next(g for g in m.groups() if g)
        words = [lemma(w) for w in _WORD.findall(inner)]
        content = [w for w in words if w not in rules.stop]
        if len(content) >= 2:
            out.add(" ".join(words))
    return out


def label_text(s: Stmt, rules: Rules, about_name: str | None) -> str:
    """A short label: who it is about, and the content without its frame
    words ("to show", "that", "the premier of")."""
    text = " ".join(_without_asides(s.content, rules).split())
    for m in s.mentions:
        if m.start == s.start and m.entity in s.targets:
            # "the premier of buying likes" (accuse X of Y): the name is the label's head
            rest = text[m.end - m.start :].lstrip()
            text = rest[3:] if rest.lower().startswith("of ") else text
            break
    text = re.sub(r"^(?:to (?:show|be|reveal|prove)\s+|that\s+|to\s+)", "", text, flags=re.I)
    text = text.rstrip(" .,;:")
    head = f"{about_name}: " if about_name and about_name.lower() not in text.lower()[: len(about_name) + 20] else ""
    label = head + text
    if len(label) > rules.label_chars:
        label = label[: rules.label_chars - 1].rsplit(" ", 1)[0].rstrip(" ,;:–—-") + "…"
    return label or "(no content)"

"""Number expressions: parsing and number spans ("nearly 7.4 million", "Fifty-eight per cent")."""

from __future__ import annotations

import re
from functools import lru_cache

from .. import doc as D
from .platforms import account_patterns

_SUFFIXED = re.compile(r"^(\d+(?:[.,]\d+)*)(k|m|mn|bn|b|tn)$", re.I)


@lru_cache(maxsize=None)
def _num_words() -> dict[str, float]:
    nums = account_patterns()["numbers"]
    out: dict[str, float] = {}
    for k in ("units", "tens", "scales", "groups"):
        out.update({w.lower(): v for w, v in nums[k].items()})
    return out


def parse_number(words: list[str]) -> float | None:
    """Value of a number expression given as words/tokens.

    ['nearly'?] not included: pass only number tokens. Examples:
    ['7.4', 'million'] -> 7400000; ['three', 'million'] -> 3000000;
    ['600,000'] -> 600000; ['Fifty', '-', 'eight'] -> 58; ['two', 'dozen'] -> 24;
    ['1.2m'] -> 1200000.
    """
    nums = account_patterns()["numbers"]
    units = {k.lower(): v for k, v in nums["units"].items()}
    tens = {k.lower(): v for k, v in nums["tens"].items()}
    scales = {k.lower(): v for k, v in nums["scales"].items()}
    groups = {k.lower(): v for k, v in nums["groups"].items()}
    low = [w.lower() for w in words]
    if len(low) >= 3 and low[0] == "half" and low[1] in ("a", "an") and low[2] in scales:
        return int(0.5 * scales[low[2]])  # "half a million"
    total = 0.0
    current = 0.0
    seen = False
    for raw in words:
        for w in re.split(r"-", raw):
            w = w.strip().lower()
            if not w or w == "and":
                continue
            m = _SUFFIXED.match(w)
            if m:
                current += float(m.group(1).replace(",", ""))
                total += current * scales[m.group(2).lower()]
                current = 0.0
                seen = True
                continue
            if re.fullmatch(r"\d+(?:,\d{3})*(?:\.\d+)?", w):
                current += float(w.replace(",", ""))
                seen = True
            elif w in units:
                current += units[w]
                seen = True
            elif w in tens:
                current += tens[w]
                seen = True
            elif w == "hundred":
                current = (current or 1) * 100
                seen = True
            elif w in scales:
                total += (current or 1) * scales[w]
                current = 0.0
                seen = True
            elif w in groups:
                current = (current or 1) * groups[w]
                seen = True
            else:
                return None
    if not seen:
        return None
    v = total + current
    return int(v) if float(v).is_integer() else v


def _is_num_token(t) -> bool:
    w = t.lower_
    if w in ("a", "an", "single", "half"):
        return False
    return bool(t.like_num or w in _num_words() or _SUFFIXED.match(w))


def number_spans(sent) -> list[tuple[int, int, float, bool]]:
    """(start_token, end_token, value, is_percent) for number expressions in a span."""
    doc = sent.doc
    out = []
    i = sent.start
    percent_words = [p.split() for p in account_patterns()["numbers"]["percent"]]
    T = D.token_table(doc)
    nums = _num_words()
    while i < sent.end:
        w = T.lows[i]
        if w not in ("a", "an", "half") and not (T.like_num[i] or w in nums or _SUFFIXED.match(w)):
            i += 1  # (cannot start a number: no Token object)
            continue
        t = doc[i]
        start = i
        # "a dozen", "a million": the article counts as one only before a scale/group
        if (
            t.lower_ in ("a", "an")
            and i + 1 < sent.end
            and doc[i + 1].lower_
            in account_patterns()["numbers"]["groups"] | account_patterns()["numbers"]["scales"].keys()
        ):
            i += 1
        # "half a million", "half a billion": a fraction of the scale
        if (
            t.lower_ == "half"
            and i + 2 < sent.end
            and doc[i + 1].lower_ in ("a", "an")
            and doc[i + 2].lower_ in account_patterns()["numbers"]["scales"]
        ):
            out.append((i, i + 3, int(0.5 * account_patterns()["numbers"]["scales"][doc[i + 2].lower_]), False))
            i += 3
            continue
        if not _is_num_token(doc[i]) or doc[i].pos_ == "PROPN" and not doc[i].like_num:
            i = start + 1
            continue
        j = i
        while j < sent.end and (
            _is_num_token(doc[j]) or (doc[j].text == "-" and j + 1 < sent.end and _is_num_token(doc[j + 1]))
        ):
            j += 1
        words = [x.text for x in doc[start:j] if x.text != "-"]
        # a hyphenated word number split by the tokenizer: "Fifty", "-", "eight"
        value = parse_number(words)
        if value is None or (len(words) == 1 and re.fullmatch(r"(19|20)\d\d", words[0])):
            i = j if j > start else start + 1
            continue
        pct = False
        for pw in percent_words:
            if [x.lower_ for x in doc[j : j + len(pw)]] == pw:
                pct = True
                j += len(pw)
                break
        if not pct and j < sent.end and doc[j].text == "%":
            pct, j = True, j + 1
        out.append((start, j, value / 100 if pct else value, pct))
        i = j
    return out


@lru_cache(maxsize=None)
def _approximators() -> tuple[tuple[str, ...], ...]:
    return tuple(
        sorted((tuple(a.split()) for a in account_patterns()["metrics"]["approximators"]), key=len, reverse=True)
    )


def approx_start(doc, s: int, lo: int) -> int:
    """Start of "nearly"/"more than"/"close to" before a number, if there is one."""
    lows = D.token_lows(doc)
    for a in _approximators():
        n = len(a)
        if s - n >= lo and tuple(lows[s - n : s]) == a:
            return s - n
    return s

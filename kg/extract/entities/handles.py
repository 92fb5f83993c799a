"""Pseudonymous handles and @handles, found before name clustering.

``find_handles`` runs first (``find``) so a pseudonymous source ("Facebook
user “Seiha”", "anonymous leaker “Thleay”", "@jdoe") becomes an Account entity
that later mentions ("Seiha said") resolve to. Handles may be introduced
through a bridge ("an anonymous account calling itself “PeachLeaks”", "a
Telegram channel called “JamiiDump”", "an X account called @TexasTruthNow", "a
Telegram channel, “Texas Patriot Wire”, which ...").
"""

from __future__ import annotations

import re

from .. import doc as D
from .. import names as N
from ..lexicon import account_words, entity_words
from .platforms import QUOTES_CLOSE, QUOTES_OPEN, account_patterns, platform_at


def find_handles(doc) -> list[dict]:
    """Pseudonymous/online names introduced by a handle noun, and @handles.

    "Facebook user “Seiha”" -> profile on Facebook; "anonymous leaker “Thleay”"
    -> pseudonym, platform unknown. The name must be quoted or capitalised and
    come right after the noun, so "a Facebook user said" yields nothing.
    """
    handle_nouns = account_words("handle_nouns")
    out: list[dict] = []
    seen: set[int] = set()
    for i in [i for i, w in enumerate(D.token_lows(doc)) if w in handle_nouns]:
        h = _handle_after_noun(doc, doc[i])
        if h is None or h["start"] in seen:
            continue
        seen.add(h["start"])
        out.append(h)
    bare = _at_handles(doc, seen)
    out += bare
    out.sort(key=lambda h: h["start"])
    # one account per handle: later mentions ("X suspended @TexasTruthNow") take
    # the platform and kind of the first that named them
    first: dict[str, dict] = {}
    for h in out:
        f = first.setdefault(N.norm(h["handle"]), h)
        if f is not h:
            h["platform"], h["kind"] = f["platform"] or h["platform"], f["kind"]
            f["platform"] = f["platform"] or h["platform"]
    for h in bare:
        if h["platform"] is None:
            h["platform"] = account_patterns()["lexicon"]["at_handle_platform"]  # an @handle with no platform named
    return out


def _handle_after_noun(doc, t) -> dict | None:
    """The handle a handle noun introduces ("user “Seiha”", "an account calling itself “PeachLeaks”"), or None."""
    handle_rx = re.compile(account_patterns()["regex"]["handle"])
    pseud = account_words("pseudonym_nouns")
    j, bridged = _after_bridge(doc, t.i + 1)
    quoted = j < len(doc) and doc[j].text in QUOTES_OPEN
    if quoted:
        j += 1
    elif bridged == ",":
        # a comma leads only to a quoted name or an @handle
        if not (j < len(doc) and handle_rx.fullmatch(doc[j].text)):
            return None
    k = _name_end(doc, j, quoted, bridged, handle_rx)
    if k is None:
        return None
    name = doc[j:k].text
    if N.norm(name) in entity_words("calendar"):
        return None
    # platform and pseudonymity from the words just before the noun
    platform = None
    hidden = t.lower_ in pseud
    for b in doc[max(0, t.i - 3) : t.i]:
        platform = platform or platform_at(b)
        hidden = hidden or b.lower_ in pseud
    kind = "pseudonym" if hidden else "page" if t.lower_ in account_words("page_handle_nouns") else "profile"
    # a profile needs its platform unless the noun itself says it is a handle
    # or a bridge names it ("an anonymous account calling itself ...")
    if kind != "pseudonym" and platform is None and t.lower_ not in account_words("bare_handle_nouns") and not bridged:
        return None
    return {
        "handle": name,
        "platform": platform,
        "kind": kind,
        "start": doc[j].idx,
        "end": doc[k - 1].idx + len(doc[k - 1].text),
        "rule": f"handle-after-{t.lower_}",
    }


def _name_end(doc, j: int, quoted: bool, bridged: str | None, handle_rx) -> int | None:
    """The end (exclusive) of the handle name starting at token j, or None when there is none."""
    n = len(doc)
    k = j
    if j < n and handle_rx.fullmatch(doc[j].text):
        k = j + 1  # "an X account called @TexasTruthNow"
    elif quoted and bridged:
        # "calling itself “PeachLeaks,”", "named “lonestarwatch”": a quoted name
        # after a bridge may be lowercase and may end in a comma
        while k < n and k - j < 6 and doc[k].text not in QUOTES_CLOSE and "\n" not in doc[k].text:
            k += 1
        if not (k < n and doc[k].text in QUOTES_CLOSE):
            return None
        while k > j and doc[k - 1].is_punct:
            k -= 1
        if bridged == "," and (
            any(x.pos_ in ("VERB", "AUX") for x in doc[j:k])
            or not (k - j == 1 or all(N.is_name_word(x.text) for x in doc[j:k]))
        ):
            return None  # 'the blogger, “They lied.”' is a quotation, not a name
    else:
        while k < n and k - j < 4 and N.is_name_word(doc[k].text) and not doc[k].is_punct:
            k += 1
    if k == j:
        return None
    if quoted:
        if not (
            k < n and (doc[k].text in QUOTES_CLOSE or doc[k].is_punct and k + 1 < n and doc[k + 1].text in QUOTES_CLOSE)
        ):
            return None
    elif not handle_rx.fullmatch(doc[j].text):
        # unquoted: only a capitalised PROPN run not followed by more name words
        if doc[j].pos_ != "PROPN":
            return None
    return k


def _at_handles(doc, seen: set[int]) -> list[dict]:
    """@handles the handle nouns did not introduce; the platform named nearest
    ("@handle on X/Twitter", "Twitter handle @jdoe")."""
    out = []
    for m in re.finditer(account_patterns()["regex"]["handle"], D.doc_text(doc)):
        if m.start() in seen:
            continue
        span = doc.char_span(m.start(), m.end(), alignment_mode="expand")
        platform = None
        if span is not None:
            # the platform named nearest the handle (a window, not the whole sentence)
            near = [
                (abs(b.i - span.start), b.i, platform_at(b))
                for b in doc[max(0, span.start - 12) : min(len(doc), span.end + 12)]
            ]
            near = sorted(x for x in near if x[2])
            platform = near[0][2] if near else None
        out.append(
            {
                "handle": "@" + m.group(1),
                "platform": platform,
                "kind": "profile",
                "start": m.start(),
                "end": m.end(),
                "rule": "at-handle",
            }
        )
    return out


def _after_bridge(doc, j: int) -> tuple[int, str | None]:
    """Skip a bridge ("called", "calling itself", ",") after a handle noun."""
    lows = D.token_lows(doc)
    for b in sorted((x.split() for x in account_words("handle_bridges")), key=len, reverse=True):
        if [w for w in lows[j : j + len(b)]] == b:
            return j + len(b), " ".join(b)
    if j < len(doc) and doc[j].text == ",":
        return j + 1, ","
    return j, None

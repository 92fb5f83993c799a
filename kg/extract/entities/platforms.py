"""Platforms, account kinds and ids, and the account record factory."""

from __future__ import annotations

from collections import Counter

from .. import doc as D
from .. import lexicon as LX
from .. import names as N
from ..lexicon import account_words
from .index import new_record

QUOTES_OPEN = "“\"‘'"


QUOTES_CLOSE = "”\"’'"


def account_patterns() -> dict:
    return LX.patterns("accounts")


def platform_of(text: str) -> str | None:
    """Canonical platform name for a surface form ('facebook' -> 'Facebook')."""
    p = account_patterns()["platforms"]
    return p.get(text.lower()) or (p.get(N.norm(text)) if " " in text else None)


def platform_at(tok) -> str | None:
    """Platform named by a token; "X" counts only as "on X", "X (formerly
    Twitter)" or "X/Twitter", since X is also a letter."""
    p = platform_of(tok.text)
    if p and not tok.text[:1].isupper() and tok.lower_ in account_words("ambiguous_platform_names"):
        return None  # "a signal", "threads of evidence"
    # "followers on X." keeps the full stop on the letter (an abbreviation to the tokenizer)
    if p or tok.text not in ("X", "X."):
        return p
    doc = tok.doc
    prev = doc[tok.i - 1].lower_ if tok.i > 0 else ""
    nxt = doc[tok.i + 1].text if tok.i + 1 < len(doc) else ""
    if prev in ("on", "via") or nxt in ("/", "(") or prev == "/":
        return "X"
    # "an X account", "X users": the letter does not take these nouns
    if nxt.lower() in account_words("x_nouns") and prev in (
        "a",
        "an",
        "the",
        "his",
        "her",
        "its",
        "their",
        "on",
        ",",
        "and",
    ):
        return "X"
    return None


def provider_of(text: str) -> str | None:
    return account_patterns()["email_providers"].get(text.lower())


def default_kind(platform: str | None) -> str:
    """Kind of an account the text does not call a page or profile (data: default_kind)."""
    dk = account_patterns()["default_kind"]
    return dk.get(platform or "", dk["*"])


def account_id(platform: str | None, who: str, kind: str | None) -> str:
    return f"account:{N.slug(platform) if platform else 'web'}:{N.slug(who)}:{kind or 'page'}"


def handle_record(h: dict) -> dict:
    rec = new_record(account_id(h["platform"], h["handle"], h["kind"]), "Account", h["handle"], h["rule"])
    rec.update(platform=h["platform"], handle=h["handle"], kind=h["kind"])
    return rec


def dominant_platform(doc) -> str | None:
    plats = account_patterns()["platforms"]
    c = Counter(
        p for p in (platform_at(doc[i]) for i, w in enumerate(D.token_lows(doc)) if w in plats or w == "x") if p
    )
    return c.most_common(1)[0][0] if c else None


def ensure_account(
    index,
    holder: str | None,
    platform: str | None,
    kind: str,
    handle: str | None,
    rule: str,
    start: int,
    end: int,
    redacted: bool = False,
) -> dict:
    who = holder.split(":", 1)[1] if holder else (handle or "unknown")
    if holder and index.get(holder)["type"] == "Account":
        who = index.get(holder)["handle"] or who  # the account "PeachLeaks" holds this address
    aid = account_id(platform, who, kind)
    if index.has(aid):
        rec = index.get(aid)
    else:
        name_owner = index.name(holder) if holder else (handle or "unknown")
        label = {"page": "page", "profile": "profile", "email": "email"}.get(kind, kind)
        name = f"{name_owner} {platform} {label}" if platform else f"{name_owner} {label}"
        rec = index.add_entity(new_record(aid, "Account", handle or name, rule))
        rec.update(holder=holder, platform=platform, handle=handle, kind=kind, redacted=redacted)
    if redacted:
        rec["redacted"] = True
    index.add_mention(aid, start, end, "account")
    return rec


def holder_of_token(index, tok) -> str | None:
    """Entity of a possessor/compound token (person, org or resolved pronoun)."""
    eid = index.entity_at_token(tok)
    if eid and index.get(eid)["type"] in ("Person", "Organization"):
        return eid
    return None

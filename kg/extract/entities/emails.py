"""Email accounts: plain, Cloudflare-redacted or named by provider, and their holders."""

from __future__ import annotations

import re

from .. import doc as D
from .. import names as N
from ..lexicon import account_words, speech_verbs
from .platforms import account_patterns, ensure_account, holder_of_token, provider_of


def _near_children(h, tok, window: int = 40):
    """Children of h within `window` tokens of tok: a sentence root can have
    thousands of children, and holders sit close to what they hold."""
    doc = tok.doc
    return [c for c in doc[max(0, tok.i - window) : min(len(doc), tok.i + window)] if c.head.i == h.i and c.i != h.i]


def _quote_speaker(doc, index, tok, mask: list[bool]) -> str | None:
    """Entity the quote around a token is attributed to ("..., he said")."""
    lo, hi = max(0, tok.i - 40), min(len(doc), tok.i + 40)
    # stay inside tok's sentence (sentence starts bound the window)
    for k in range(tok.i, lo, -1):
        if doc[k].is_sent_start:
            lo = k
            break
    for k in range(tok.i + 1, hi):
        if doc[k].is_sent_start:
            hi = k
            break
    for t in doc[lo:hi]:
        if mask[t.i] or t.dep_ != "nsubj" or t.head.lemma_.lower() not in speech_verbs():
            continue
        e = index.entity_at_token(t)
        if e:
            return e
    return None


def _email_holder(doc, index, tok) -> str | None:
    """Holder of an email account: subject of the governing verb or a possessor."""
    h = tok
    for _ in range(6):
        for c in _near_children(h, tok):
            if c.dep_ == "poss":
                e = holder_of_token(index, c)
                if e:
                    return e
        if h.pos_ in ("VERB", "AUX"):
            for c in _near_children(h, tok):
                if c.dep_ in ("nsubj", "nsubjpass"):
                    e = holder_of_token(index, c)
                    if e:
                        return e
                    # "The account's operators can be contacted at ...": the
                    # possessor of the people reached is the holder
                    for p in c.children:
                        if p.dep_ == "poss":
                            e = index.entity_at_token(p)
                            if e and (
                                index.get(e)["type"] in ("Person", "Organization")
                                or index.get(e)["kind"] in ("page", "profile", "pseudonym")
                            ):
                                return e
            break
        if h.head is h:
            break
        h = h.head
    for t in doc[max(0, tok.i - 30) : min(len(doc), tok.i + 30)]:
        if t.dep_ == "poss" and t.head.lower_ in account_words("email_nouns"):
            e = holder_of_token(index, t)
            if e:
                return e
    return None


def _domain_org(index, domain: str) -> str | None:
    """The organisation an address's domain names ("press@labour.org.uk" ->
    Labour; "tips@dfrlab.org" -> the lab also written "DFRLab")."""
    label = domain.split(".")[0]
    if label in account_words("mail_labels"):
        return None
    for org in index.orgs():
        forms = {N.slug(org["name"]).replace("-", ""), N.initials(org["name"]).lower()}
        forms |= {N.slug(N.strip_possessive(m["text"])).replace("-", "") for m in org["mentions"]}
        if label in forms:
            return org["id"]
    return None


def _local_part_account(index, addr: str) -> str | None:
    """ "peachleaks@protonmail.com" after the account “PeachLeaks”: an address
    whose local part spells a known handle belongs to that account."""
    local = N.slug(addr.split("@", 1)[0]).replace("-", "")
    if len(local) < 4:
        return None
    for rec in index.accounts():
        if rec["kind"] != "email" and rec["handle"] and N.slug(rec["handle"]).replace("-", "") == local:
            return rec["id"]
    return None


def attach_emails(doc, index, mask: list[bool]) -> None:
    """Email accounts and their holders; ``mask``: tokens inside quotations."""
    rx = account_patterns()["regex"]
    text = index.text
    for m in re.finditer(rx["redacted_email"], text):
        span = doc.char_span(m.start(), m.end(), alignment_mode="expand")
        holder = None
        if span is not None:
            holder = _quote_speaker(doc, index, span[0], mask) or _email_holder(doc, index, span.root)
        ensure_account(
            index,
            holder,
            None,
            "email",
            None if holder else "[email protected]",
            "cloudflare-redacted-email",
            m.start(),
            m.end(),
            redacted=True,
        )
    domains = account_patterns()["email_domains"]
    for m in re.finditer(rx["email"], text):
        addr = m.group(0).rstrip(".")
        dom = addr.split("@", 1)[1].lower()
        platform = domains.get(dom, dom)
        span = doc.char_span(m.start(), m.start() + len(addr), alignment_mode="expand")
        holder = _email_holder(doc, index, span.root) if span is not None else None
        if holder is None:
            holder = _local_part_account(index, addr)
        if holder is None:
            holder = _domain_org(index, dom)
        rec = ensure_account(index, holder, platform, "email", addr, "email-regex", m.start(), m.start() + len(addr))
        rec["handle"] = rec["handle"] or addr
    email_nouns = account_words("email_nouns")
    providers = account_patterns()["email_providers"]
    for i in [i for i, w in enumerate(D.token_lows(doc)) if w in providers]:
        t = doc[i]
        prov = provider_of(t.text)
        if not prov or t.pos_ not in ("PROPN", "NOUN"):
            continue
        # a provider named with an email noun in its phrase or sentence
        near = [x for x in doc[max(0, t.i - 6) : min(len(doc), t.i + 8)] if x.lower_ in email_nouns]
        if not near:
            continue
        holder = _email_holder(doc, index, t)
        ensure_account(index, holder, prov, "email", None, "email-provider", t.idx, t.idx + len(t.text))

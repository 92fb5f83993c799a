"""Pages and profiles named by a page noun, with their holders; accounts settled at the end.

Runs after coreference (``find``), so "his Facebook page" and "the premier’s
page" can name their holder. "the account" / "the TikTok account" later name
the account last introduced; "Her Twitter account, @SuellaBraverman" gives a
handle a holder. An account nobody is said to hold is held by itself (the
identity it presents), so consumers can name the holder of a pseudonymous
source; a page whose platform the text never names takes the article's
dominant platform.

One account per (holder, platform, kind) per article, however often mentioned.
"""

from __future__ import annotations

import bisect

from .. import doc as D
from ..lexicon import account_words, grammar
from ..rules import tagged
from .orgs import its_org
from .platforms import (
    QUOTES_CLOSE,
    QUOTES_OPEN,
    default_kind,
    ensure_account,
    holder_of_token,
    platform_at,
    platform_of,
)


def _page_holders(doc, index, noun) -> list[tuple[str, object]]:
    """Holders of a page noun: possessor, compound owner, or "pages of X and Y"."""
    out = []
    for c in noun.children:
        if c.dep_ == "poss":
            # "his [Hun Sen’s] page": the bracketed name is the holder
            h = holder_of_token(index, c)
            if h is None:
                for cc in c.subtree:
                    h = h or holder_of_token(index, cc)
            if h:
                out.append((h, c))
        elif c.dep_ in ("compound", "nmod") and not platform_of(c.text):
            h = holder_of_token(index, c)
            if h:
                out.append((h, c))
        elif c.dep_ == "prep" and c.lower_ == "of":
            for p in c.children:
                if p.dep_ == "pobj":
                    for x in [p] + list(p.conjuncts) + [c for c in p.children if c.dep_ == "appos"]:
                        # "pop star Meas Soksophea": the name may be a child of the conjunct
                        for y in [x] + [c for c in x.children if c.dep_ in ("appos", "compound", "conj") and c.i > x.i]:
                            h = holder_of_token(index, y)
                            if h and all(h != o[0] for o in out):
                                out.append((h, y))
                                break
    if not out:
        # Parse fallback: "X’s page" with the possessive mis-attached.
        k = noun.i - 1
        while k >= 0 and (
            platform_of(doc[k].text)
            or doc[k].text in QUOTES_OPEN + QUOTES_CLOSE
            or doc[k].pos_ == "ADJ"
            or doc[k].lower_ in account_words("page_adjectives")
        ):
            k -= 1
        if k >= 1 and doc[k].text in ("’s", "'s"):
            h = holder_of_token(index, doc[k - 1])
            if h:
                out.append((h, doc[k - 1]))
        elif k >= 0 and doc[k].lower_ in grammar("pronouns", "possessive_holder"):
            h = holder_of_token(index, doc[k])
            if h:
                out.append((h, doc[k]))
    if not out:
        # "The Interior Ministry said in a post on its official Facebook page":
        # "its" is the organisation that is the subject just before
        for c in noun.children:
            if c.dep_ == "poss" and c.lower_ == "its":
                h = its_org(doc, index, c)
                if h:
                    out.append((h, c))
    return out


def _page_platform(doc, noun, default: str | None) -> tuple[str | None, bool]:
    """Platform named in the noun phrase or 'on <platform>' after it."""
    for k in range(max(0, noun.i - 4), noun.i):
        p = platform_at(doc[k])
        if p and (doc[k].head.i == noun.i or doc[k].head.head.i == noun.i or k >= noun.i - 2):
            return p, True
    for c in noun.children:
        if c.dep_ == "prep" and c.lower_ in ("on", "at"):
            for p in c.children:
                if platform_at(p):
                    return platform_at(p), True
    return default, False


def attach_pages(doc, index, default: str | None) -> None:
    """Pages and profiles named by a page noun ("his Facebook page", "the pages
    of X and Y", "Kem Sokha’s has fewer"), with their holders; ``default`` is
    the article's dominant platform (``platforms.dominant_platform``)."""
    page_nouns = account_words("page_nouns")
    profile_nouns = account_words("profile_nouns")
    last_page_sent: dict[int, tuple[str | None, int]] = {}
    starts = [sn.start for sn in doc.sents]
    for i in [i for i, w in enumerate(D.token_lows(doc)) if w in page_nouns]:
        t = doc[i]
        if t.pos_ != "NOUN":
            continue
        platform, explicit = _page_platform(doc, t, default)
        if platform is None:
            continue
        # "account(s)" alone is too ambiguous (bank accounts, fake follower accounts)
        if t.lower_ in account_words("account_nouns") and not explicit:
            continue
        kind = "profile" if t.lower_ in profile_nouns else "page"
        if t.lower_ in account_words("account_nouns"):
            kind = default_kind(platform)
        for holder, htok in _page_holders(doc, index, t):
            lo = min(htok.idx, t.idx)
            hi = max(htok.idx + len(htok.text), t.idx + len(t.text))
            ensure_account(
                index, holder, platform, kind, None, "poss-page" if htok.dep_ == "poss" else "page-of", lo, hi
            )
            last_page_sent[starts[bisect.bisect_right(starts, t.i) - 1]] = (platform, t.i)
    _elliptical_pages(doc, index, last_page_sent)


def settle_handles(index, default: str | None) -> None:
    """Accounts known only by their handle.

    - A page or profile whose platform the text never named takes the
      article's dominant platform ("a page called “Cedar Falls Truth”" in a
      story about Facebook); a pseudonym keeps None (a leaker has no platform).
    - An account that nobody is said to hold is held by the identity it
      presents: "PeachLeaks" holds the PeachLeaks account, and the address
      "peachleaks@protonmail.com" is held by that account. (The holder then names
      the pseudonymous source; no person is invented.)
    """
    for rec in index.accounts():
        if rec["kind"] == "email" or not rec["handle"] or rec["holder"]:
            continue
        if rec["platform"] is None and rec["kind"] in ("page", "profile"):
            rec["platform"] = default
        rec["holder"] = rec["id"]


def _elliptical_pages(doc, index, last_page_sent) -> None:
    """ "..., while CNRP vice president Kem Sokha’s has fewer than 600,000": a
    possessive with no noun after it, in a sentence that already named a page,
    is another page of the same platform."""
    for sstart, (platform, pi) in last_page_sent.items():
        sent = doc[sstart].sent
        for t in doc[pi + 1 : sent.end]:
            if t.text not in ("’s", "'s") or t.i + 1 >= len(doc):
                continue
            nxt = doc[t.i + 1]
            if nxt.pos_ in ("VERB", "AUX", "PUNCT", "ADV") and t.i > 0:
                h = holder_of_token(index, doc[t.i - 1])
                if h:
                    ensure_account(
                        index, h, platform, "page", None, "elliptical-page", doc[t.i - 1].idx, t.idx + len(t.text)
                    )


def account_nominals(doc, index) -> None:
    """ "The account has over two million likes", "The channel did not respond":
    a bare definite page noun is the account named last, within two sentences."""
    page_nouns = account_words("page_nouns")
    lows = D.token_lows(doc)
    sents = list(doc.sents)
    starts = [s.start for s in sents]
    # first mention of each account that "the account" may name, in text order
    # (counting the candidates before a position is then a binary search)
    firsts = sorted(
        (min(m["start"] for m in a["mentions"]), a["id"])
        for a in index.accounts()
        if a["kind"] in ("page", "profile", "pseudonym") and a["mentions"]
    )
    first_pos = [f for f, _ in firsts]
    for i in [i for i, w in enumerate(lows) if w in page_nouns and i > 0]:
        t = doc[i]
        # "the TikTok account", "the Telegram channel": the platform narrows the search
        plat = platform_at(doc[i - 1]) if i > 1 else None
        det = i - 2 if plat else i - 1
        if det < 0 or lows[det] not in grammar("determiners", "definite"):
            continue
        # only a plain singular "the account": "the pages of VOA Khmer" names its own holders
        if (
            t.pos_ != "NOUN"
            or t.tag_ == "NNS"
            or any(
                c.dep_ in ("poss", "compound", "prep", "amod", "acl") and not (plat and c.i == i - 1)
                for c in t.children
            )
        ):
            continue
        start, end = doc[det].idx, t.idx + len(t.text)
        if index.covered(start, end):
            continue
        k = bisect.bisect_right(starts, i) - 1
        lo = sents[max(0, k - 2)].start_char

        def fits(sp, plat=plat):
            rec = index.get(sp[2])
            return (
                rec["type"] == "Account"
                and rec["kind"] in ("page", "profile", "pseudonym")
                and (plat is None or rec["platform"] == plat)
            )

        last = index.last_before(start, fits)
        if last is None:
            continue
        # within two sentences; further back only when the article has named no
        # other account of that kind ("The channel, which had nearly half a
        # million subscribers" paragraphs after the channel was introduced)
        if last[0] >= lo or plat or bisect.bisect_left(first_pos, start) == 1:
            index.add_mention(last[2], start, end, "nominal")


def handle_holders(doc, index) -> None:
    """ "Her Twitter account, @SuellaBraverman, ..." / "Ted Cruz (@tedcruz)": an
    @handle in apposition to an account or a name belongs to that holder."""
    for rec in list(index.accounts()):
        if rec["holder"] or not (rec["handle"] or "").startswith("@") or not rec["mentions"]:
            continue
        m0 = rec["mentions"][0]
        span = doc.char_span(m0["start"], m0["end"], alignment_mode="expand")
        if span is None or span.start < 2:
            continue
        k = span.start - 1
        if doc[k].text not in (",", "("):
            continue
        prev = doc[k - 1]
        eid = index.entity_at_token(prev)
        if eid is None:
            continue
        target = index.get(eid)
        if target["type"] == "Account" and target["kind"] in ("page", "profile") and target["holder"]:
            if target["platform"] in (rec["platform"], None) or tagged(rec["rule"], "at-handle"):
                target["handle"] = target["handle"] or rec["handle"]
                index.merge_into(rec["id"], target["id"])
        elif target["type"] in ("Person", "Organization"):
            rec["holder"] = eid

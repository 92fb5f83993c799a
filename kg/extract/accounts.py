"""Online accounts: pages and profiles with holders, pseudonymous handles, email.

Two passes, both over the already-parsed Doc:
- ``find_handles`` runs before name clustering so a pseudonymous source
  ("Facebook user “Seiha”", "anonymous leaker “Thleay”", "@jdoe") becomes an
  Account entity that later mentions ("Seiha said") resolve to.
- ``attach_accounts`` runs after coreference, so "his Facebook page" and "the
  premier’s page" can name their holder; it also adds email accounts (plain,
  Cloudflare-redacted, or named by provider) and the metrics (ent_metrics).

Handles may be introduced through a bridge ("an anonymous account calling
itself “PeachLeaks”", "a Telegram channel called “JamiiDump”", "an X account
called @TexasTruthNow", "a Telegram channel, “Texas Patriot Wire”, which ...");
"the account" / "the TikTok account" later name them, a metric sentence naming
a platform gives them one, and an address whose local part spells the handle
is theirs. An account nobody is said to hold is held by itself (the identity it
presents), so consumers can name the holder of a pseudonymous source.

One account per (holder, platform, kind) per article, however often mentioned.
"""

from __future__ import annotations

import bisect
import re
from collections import Counter

from . import names as N
from . import doc as D
from . import lexicon as LX

QUOTES_OPEN = "“\"‘'"
QUOTES_CLOSE = "”\"’'"


def _acc() -> dict:
    return LX.patterns("accounts")


def _lex(key: str) -> frozenset[str]:
    return LX.lexicon_set("accounts", "lexicon", key)


def platform_of(text: str) -> str | None:
    """Canonical platform name for a surface form ('facebook' -> 'Facebook')."""
    p = _acc()["platforms"]
    return p.get(text.lower()) or (p.get(N.norm(text)) if " " in text else None)


def platform_at(tok) -> str | None:
    """Platform named by a token; "X" counts only as "on X", "X (formerly
    Twitter)" or "X/Twitter", since X is also a letter."""
    p = platform_of(tok.text)
    if p and not tok.text[:1].isupper() and tok.lower_ in _lex("ambiguous_platform_names"):
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
    if nxt.lower() in _lex("x_nouns") and prev in ("a", "an", "the", "his", "her", "its", "their", "on", ",", "and"):
        return "X"
    return None


def provider_of(text: str) -> str | None:
    return _acc()["email_providers"].get(text.lower())


def default_kind(platform: str | None) -> str:
    """Kind of an account the text does not call a page or profile (data: default_kind)."""
    dk = _acc()["default_kind"]
    return dk.get(platform or "", dk["*"])


def account_id(platform: str | None, who: str, kind: str | None) -> str:
    return f"account:{N.slug(platform) if platform else 'web'}:{N.slug(who)}:{kind or 'page'}"


def handle_record(h: dict) -> dict:
    from .entities import new_record

    rec = new_record(account_id(h["platform"], h["handle"], h["kind"]), "Account", h["handle"], h["rule"])
    rec.update(platform=h["platform"], handle=h["handle"], kind=h["kind"])
    return rec


# ---------------------------------------------------------------------------
# handles


def find_handles(doc) -> list[dict]:
    """Pseudonymous/online names introduced by a handle noun, and @handles.

    "Facebook user “Seiha”" -> profile on Facebook; "anonymous leaker “Thleay”"
    -> pseudonym, platform unknown. The name must be quoted or capitalised and
    come right after the noun, so "a Facebook user said" yields nothing.
    """
    handle_nouns = _lex("handle_nouns")
    pseud = _lex("pseudonym_nouns")
    handle_rx = re.compile(_acc()["regex"]["handle"])
    out: list[dict] = []
    seen: set[int] = set()
    n = len(doc)
    for i in [i for i, w in enumerate(D.token_lows(doc)) if w in handle_nouns]:
        t = doc[i]
        j, bridged = _after_bridge(doc, t.i + 1)
        quoted = False
        if j < n and doc[j].text in QUOTES_OPEN:
            quoted = True
            j += 1
        elif bridged == ",":
            # a comma leads only to a quoted name or an @handle
            if not (j < n and handle_rx.fullmatch(doc[j].text)):
                continue
        k = j
        if j < n and handle_rx.fullmatch(doc[j].text):
            k = j + 1  # "an X account called @TexasTruthNow"
        elif quoted and bridged:
            # "calling itself “PeachLeaks,”", "named “lonestarwatch”": a quoted name
            # after a bridge may be lowercase and may end in a comma
            while k < n and k - j < 6 and doc[k].text not in QUOTES_CLOSE and "\n" not in doc[k].text:
                k += 1
            if not (k < n and doc[k].text in QUOTES_CLOSE):
                continue
            while k > j and doc[k - 1].is_punct:
                k -= 1
            if bridged == "," and (any(x.pos_ in ("VERB", "AUX") for x in doc[j:k])
                                   or not (k - j == 1 or all(N.is_name_word(x.text) for x in doc[j:k]))):
                continue  # 'the blogger, “They lied.”' is a quotation, not a name
        else:
            while k < n and k - j < 4 and N.is_name_word(doc[k].text) and not doc[k].is_punct:
                k += 1
        if k == j:
            continue
        if quoted:
            if not (k < n and (doc[k].text in QUOTES_CLOSE or doc[k].is_punct and k + 1 < n and doc[k + 1].text in QUOTES_CLOSE)):
                continue
        elif not handle_rx.fullmatch(doc[j].text):
            # unquoted: only a capitalised PROPN run not followed by more name words
            if doc[j].pos_ != "PROPN":
                continue
        name = doc[j:k].text
        if N.norm(name) in LX.lexicon_set("entities", "lexicon", "calendar"):
            continue
        # platform and pseudonymity from the words just before the noun
        platform = None
        hidden = t.lower_ in pseud
        for b in doc[max(0, t.i - 3):t.i]:
            platform = platform or platform_at(b)
            hidden = hidden or b.lower_ in pseud
        kind = "pseudonym" if hidden else "page" if t.lower_ in ("page", "channel") else "profile"
        # a profile needs its platform unless the noun itself says it is a handle
        # or a bridge names it ("an anonymous account calling itself ...")
        if kind != "pseudonym" and platform is None and t.lower_ not in ("user", "username", "handle") and not bridged:
            continue
        if doc[j].idx in seen:
            continue
        seen.add(doc[j].idx)
        out.append({"handle": name, "platform": platform, "kind": kind,
                    "start": doc[j].idx, "end": doc[k - 1].idx + len(doc[k - 1].text),
                    "rule": f"handle-after-{t.lower_}"})
    for m in re.finditer(_acc()["regex"]["handle"], D.doc_text(doc)):
        if m.start() in seen:
            continue
        # "@handle on X/Twitter" or "Twitter handle @jdoe": platform from the sentence
        span = doc.char_span(m.start(), m.end(), alignment_mode="expand")
        platform = None
        if span is not None:
            # the platform named nearest the handle (a window, not the whole sentence)
            near = [(abs(b.i - span.start), b.i, platform_at(b))
                    for b in doc[max(0, span.start - 12):min(len(doc), span.end + 12)]]
            near = sorted(x for x in near if x[2])
            platform = near[0][2] if near else None
        out.append({"handle": "@" + m.group(1), "platform": platform, "kind": "profile",
                    "start": m.start(), "end": m.end(), "rule": "at-handle"})
    out.sort(key=lambda h: h["start"])
    # one account per handle: later mentions ("X suspended @TexasTruthNow") take
    # the platform and kind of the first that named them
    first: dict[str, dict] = {}
    for h in out:
        f = first.setdefault(N.norm(h["handle"]), h)
        if f is not h:
            h["platform"], h["kind"] = f["platform"] or h["platform"], f["kind"]
            f["platform"] = f["platform"] or h["platform"]
    for h in out:
        if h["rule"] == "at-handle" and h["platform"] is None:
            h["platform"] = "Twitter"  # an @handle with no platform named (pre-2023 usage)
    return out


def _after_bridge(doc, j: int) -> tuple[int, str | None]:
    """Skip a bridge ("called", "calling itself", ",") after a handle noun."""
    lows = D.token_lows(doc)
    for b in sorted((x.split() for x in _lex("handle_bridges")), key=len, reverse=True):
        if [w for w in lows[j:j + len(b)]] == b:
            return j + len(b), " ".join(b)
    if j < len(doc) and doc[j].text == ",":
        return j + 1, ","
    return j, None


# ---------------------------------------------------------------------------
# pages, profiles, email


def _dominant_platform(doc) -> str | None:
    plats = _acc()["platforms"]
    c = Counter(p for p in (platform_at(doc[i]) for i, w in enumerate(D.token_lows(doc)) if w in plats or w == "x") if p)
    return c.most_common(1)[0][0] if c else None


def _ensure(index, holder: str | None, platform: str | None, kind: str, handle: str | None,
            rule: str, start: int, end: int, redacted: bool = False) -> dict:
    from .entities import new_record

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


def _holder_of_token(index, tok) -> str | None:
    """Entity of a possessor/compound token (person, org or resolved pronoun)."""
    eid = index.entity_at_token(tok)
    if eid and index.get(eid)["type"] in ("Person", "Organization"):
        return eid
    return None


def _page_holders(doc, index, noun) -> list[tuple[str, object]]:
    """Holders of a page noun: possessor, compound owner, or "pages of X and Y"."""
    out = []
    for c in noun.children:
        if c.dep_ == "poss":
            # "his [Hun Sen’s] page": the bracketed name is the holder
            h = _holder_of_token(index, c)
            if h is None:
                for cc in c.subtree:
                    h = h or _holder_of_token(index, cc)
            if h:
                out.append((h, c))
        elif c.dep_ in ("compound", "nmod") and not platform_of(c.text):
            h = _holder_of_token(index, c)
            if h:
                out.append((h, c))
        elif c.dep_ == "prep" and c.lower_ == "of":
            for p in c.children:
                if p.dep_ == "pobj":
                    for x in [p] + list(p.conjuncts) + [c for c in p.children if c.dep_ == "appos"]:
                        # "pop star Meas Soksophea": the name may be a child of the conjunct
                        for y in [x] + [c for c in x.children if c.dep_ in ("appos", "compound", "conj") and c.i > x.i]:
                            h = _holder_of_token(index, y)
                            if h and all(h != o[0] for o in out):
                                out.append((h, y))
                                break
    if not out:
        # Parse fallback: "X’s page" with the possessive mis-attached.
        k = noun.i - 1
        while k >= 0 and (platform_of(doc[k].text) or doc[k].text in QUOTES_OPEN + QUOTES_CLOSE
                          or doc[k].pos_ == "ADJ" or doc[k].lower_ in ("official", "personal")):
            k -= 1
        if k >= 1 and doc[k].text in ("’s", "'s"):
            h = _holder_of_token(index, doc[k - 1])
            if h:
                out.append((h, doc[k - 1]))
        elif k >= 0 and doc[k].lower_ in ("his", "her", "its"):
            h = _holder_of_token(index, doc[k])
            if h:
                out.append((h, doc[k]))
    if not out:
        # "The Interior Ministry said in a post on its official Facebook page":
        # "its" is the organisation that is the subject just before
        from .roles import _its_org

        for c in noun.children:
            if c.dep_ == "poss" and c.lower_ == "its":
                h = _its_org(doc, index, c)
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


def attach_accounts(doc, index, handles: list[dict]) -> None:
    """Pages/profiles, email accounts and metrics (see module doc)."""
    from . import ent_metrics

    default = _dominant_platform(doc)
    page_nouns = _lex("page_nouns")
    profile_nouns = _lex("profile_nouns")
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
        if t.lower_ in ("account", "accounts") and not explicit:
            continue
        kind = "profile" if t.lower_ in profile_nouns else "page"
        if t.lower_ in ("account", "accounts"):
            kind = default_kind(platform)
        for holder, htok in _page_holders(doc, index, t):
            lo = min(htok.idx, t.idx)
            hi = max(htok.idx + len(htok.text), t.idx + len(t.text))
            _ensure(index, holder, platform, kind, None, "poss-page" if htok.dep_ == "poss" else "page-of", lo, hi)
            last_page_sent[starts[bisect.bisect_right(starts, t.i) - 1]] = (platform, t.i)
    _elliptical_pages(doc, index, last_page_sent)
    _handle_holders(doc, index)
    _account_nominals(doc, index)
    ent_metrics.attach_metrics(doc, index, default)
    _post_accounts(doc, index)
    _followed_by(doc, index)
    _emails(doc, index)
    _settle_handles(index, default)


def _settle_handles(index, default: str | None) -> None:
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
    """"..., while CNRP vice president Kem Sokha’s has fewer than 600,000": a
    possessive with no noun after it, in a sentence that already named a page,
    is another page of the same platform."""
    for sstart, (platform, pi) in last_page_sent.items():
        sent = doc[sstart].sent
        for t in doc[pi + 1:sent.end]:
            if t.text not in ("’s", "'s") or t.i + 1 >= len(doc):
                continue
            nxt = doc[t.i + 1]
            if nxt.pos_ in ("VERB", "AUX", "PUNCT", "ADV") and t.i > 0:
                h = _holder_of_token(index, doc[t.i - 1])
                if h:
                    _ensure(index, h, platform, "page", None, "elliptical-page",
                            doc[t.i - 1].idx, t.idx + len(t.text))


def _account_nominals(doc, index) -> None:
    """"The account has over two million likes", "The channel did not respond":
    a bare definite page noun is the account named last, within two sentences."""
    page_nouns = _lex("page_nouns")
    lows = D.token_lows(doc)
    sents = list(doc.sents)
    starts = [s.start for s in sents]
    # first mention of each account that "the account" may name, in text order
    # (counting the candidates before a position is then a binary search)
    firsts = sorted((min(m["start"] for m in a["mentions"]), a["id"]) for a in index.accounts()
                    if a["kind"] in ("page", "profile", "pseudonym") and a["mentions"])
    first_pos = [f for f, _ in firsts]
    for i in [i for i, w in enumerate(lows) if w in page_nouns and i > 0]:
        t = doc[i]
        # "the TikTok account", "the Telegram channel": the platform narrows the search
        plat = platform_at(doc[i - 1]) if i > 1 else None
        det = i - 2 if plat else i - 1
        if det < 0 or lows[det] not in ("the", "this", "that"):
            continue
        # only a plain singular "the account": "the pages of VOA Khmer" names its own holders
        if t.pos_ != "NOUN" or t.tag_ == "NNS" or any(
                c.dep_ in ("poss", "compound", "prep", "amod", "acl") and not (plat and c.i == i - 1)
                for c in t.children):
            continue
        start, end = doc[det].idx, t.idx + len(t.text)
        if index.covered(start, end):
            continue
        k = bisect.bisect_right(starts, i) - 1
        lo = sents[max(0, k - 2)].start_char

        def fits(sp, plat=plat):
            rec = index.get(sp[2])
            return (rec["type"] == "Account" and rec["kind"] in ("page", "profile", "pseudonym")
                    and (plat is None or rec["platform"] == plat))

        last = index.last_before(start, fits)
        if last is None:
            continue
        # within two sentences; further back only when the article has named no
        # other account of that kind ("The channel, which had nearly half a
        # million subscribers" paragraphs after the channel was introduced)
        if last[0] >= lo or plat or bisect.bisect_left(first_pos, start) == 1:
            index.add_mention(last[2], start, end, "nominal")


def _handle_holders(doc, index) -> None:
    """"Her Twitter account, @SuellaBraverman, ..." / "Ted Cruz (@tedcruz)": an
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
            if target["platform"] in (rec["platform"], None) or rec["rule"] == "at-handle":
                target["handle"] = target["handle"] or rec["handle"]
                index.merge_into(rec["id"], target["id"])
        elif target["type"] in ("Person", "Organization"):
            rec["holder"] = eid


def _near_children(h, tok, window: int = 40):
    """Children of h within `window` tokens of tok: a sentence root can have
    thousands of children, and holders sit close to what they hold."""
    doc = tok.doc
    return [c for c in doc[max(0, tok.i - window):min(len(doc), tok.i + window)] if c.head.i == h.i and c.i != h.i]


def _quote_speaker(doc, index, tok) -> str | None:
    """Entity the quote around a token is attributed to ("..., he said")."""
    from .coref import quote_mask, SPEECH_HEADS

    mask = getattr(index, "quote_mask", None) or quote_mask(doc)
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
        if mask[t.i] or t.dep_ != "nsubj" or t.head.lemma_.lower() not in SPEECH_HEADS():
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
                e = _holder_of_token(index, c)
                if e:
                    return e
        if h.pos_ in ("VERB", "AUX"):
            for c in _near_children(h, tok):
                if c.dep_ in ("nsubj", "nsubjpass"):
                    e = _holder_of_token(index, c)
                    if e:
                        return e
                    # "The account's operators can be contacted at ...": the
                    # possessor of the people reached is the holder
                    for p in c.children:
                        if p.dep_ == "poss":
                            e = index.entity_at_token(p)
                            if e and (index.get(e)["type"] in ("Person", "Organization")
                                      or index.get(e)["kind"] in ("page", "profile", "pseudonym")):
                                return e
            break
        if h.head is h:
            break
        h = h.head
    for t in doc[max(0, tok.i - 30):min(len(doc), tok.i + 30)]:
        if t.dep_ == "poss" and t.head.lower_ in _lex("email_nouns"):
            e = _holder_of_token(index, t)
            if e:
                return e
    return None


def _domain_org(index, domain: str) -> str | None:
    """The organisation an address's domain names ("press@labour.org.uk" ->
    Labour; "tips@dfrlab.org" -> the lab also written "DFRLab")."""
    label = domain.split(".")[0]
    if label in ("www", "mail", "gmail", "yahoo", "hotmail", "outlook"):
        return None
    for org in index.orgs():
        forms = {N.slug(org["name"]).replace("-", ""), N.initials(org["name"]).lower()}
        forms |= {N.slug(N.strip_possessive(m["text"])).replace("-", "") for m in org["mentions"]}
        if label in forms:
            return org["id"]
    return None


def _local_part_account(index, addr: str) -> str | None:
    """"peachleaks@protonmail.com" after the account “PeachLeaks”: an address
    whose local part spells a known handle belongs to that account."""
    local = N.slug(addr.split("@", 1)[0]).replace("-", "")
    if len(local) < 4:
        return None
    for rec in index.accounts():
        if rec["kind"] != "email" and rec["handle"] and N.slug(rec["handle"]).replace("-", "") == local:
            return rec["id"]
    return None


def _emails(doc, index) -> None:
    rx = _acc()["regex"]
    text = index.text
    for m in re.finditer(rx["redacted_email"], text):
        span = doc.char_span(m.start(), m.end(), alignment_mode="expand")
        holder = None
        if span is not None:
            holder = _quote_speaker(doc, index, span[0]) or _email_holder(doc, index, span.root)
        _ensure(index, holder, None, "email", None if holder else "[email protected]",
                "cloudflare-redacted-email", m.start(), m.end(), redacted=True)
    domains = _acc()["email_domains"]
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
        rec = _ensure(index, holder, platform, "email", addr, "email-regex", m.start(), m.start() + len(addr))
        rec["handle"] = rec["handle"] or addr
    email_nouns = _lex("email_nouns")
    providers = _acc()["email_providers"]
    for i in [i for i, w in enumerate(D.token_lows(doc)) if w in providers]:
        t = doc[i]
        prov = provider_of(t.text)
        if not prov or t.pos_ not in ("PROPN", "NOUN"):
            continue
        # a provider named with an email noun in its phrase or sentence
        near = [x for x in doc[max(0, t.i - 6):min(len(doc), t.i + 8)] if x.lower_ in email_nouns]
        if not near:
            continue
        holder = _email_holder(doc, index, t)
        _ensure(index, holder, prov, "email", None, "email-provider", t.idx, t.idx + len(t.text))


# ---------------------------------------------------------------------------
# posts


def _post_accounts(doc, index) -> None:
    """Accounts named by a speaker's post, and "N times" counts of that post.

    "His company said in a Facebook post that ... The post had been shared
    more than 12,000 times": the company's Facebook page, with shares 12000.
    The count goes to the account of the post last named in this or the two
    sentences before; with no such post, nothing.
    """
    from . import ent_metrics

    P = _acc()["posts"]
    post_nouns, preps = set(P["post_nouns"]), set(P["post_preps"])
    times_verbs, times_nouns, subjects = P["times_verbs"], set(P["times_nouns"]), set(P["post_subjects"])
    speech = LX.lexicon_set("entities", "lexicon", "speech_verbs")
    on_verbs = set(P["on_platform_verbs"])
    lows = D.token_lows(doc)
    T = D.token_table(doc)
    sents = list(doc.sents)
    last_post: tuple[int, tuple] | None = None  # (sentence number, (holder, platform, kind, start, end))
    for k, sent in enumerate(sents):
        for i in range(sent.start, sent.end):
            if lows[i] not in post_nouns and lows[i] not in times_nouns and not (
                    T.dep[i] == "pobj" and lows[T.head[i]] == "on"):
                continue  # (no branch below can match: no Token object)
            t = doc[i]
            poss = next((c for c in t.children if c.dep_ == "poss"), None) if lows[i] in post_nouns else None
            if poss is not None and t.pos_ == "NOUN":
                # "Kakran's post about the documents on X ... was viewed 2.3 million times"
                holder = index.resolve(poss.idx, poss.idx + len(poss.text))
                platform = None
                for j in range(max(sent.start, i - 3), min(t.right_edge.i + 1, sent.end)):
                    if j < i or (j > sent.start and lows[j - 1] == "on"):
                        platform = platform or platform_at(doc[j])
                if holder and platform and index.get(holder)["type"] in ("Person", "Organization"):
                    kind = "page" if index.get(holder)["type"] == "Organization" else default_kind(platform)
                    last_post = (k, (holder, platform, kind, poss.idx, t.idx + len(t.text)))
                continue
            if lows[i] in post_nouns and t.pos_ == "NOUN" and t.dep_ == "pobj" and t.head.lower_ in preps:
                platform = None
                for j in range(max(sent.start, i - 3), i):
                    platform = platform or platform_at(doc[j])
                if platform is None:
                    for c in t.children:
                        if c.dep_ == "prep" and c.lower_ == "on":
                            for g in c.children:
                                platform = platform or platform_at(g)
                verb = t.head.head
                if platform is None or verb.pos_ != "VERB" or verb.lemma_.lower() not in speech:
                    continue
                made = _speaker_account(index, verb, platform, "post-of-speaker", t)
                if made:
                    last_post = (k, made)
            elif t.dep_ == "pobj" and t.head.lower_ == "on" and platform_at(t) and t.head.head.pos_ == "VERB" \
                    and t.head.head.lemma_.lower() in on_verbs:
                # "Marcus Feld responded on X", "On LinkedIn, ..., Dana Okoro, said"
                _speaker_account(index, t.head.head, platform_at(t), "speaker-on-platform", t)
            elif lows[i] in times_nouns and last_post is not None and k - last_post[0] <= 2:
                verb = t.head
                while verb.dep_ in ("npadvmod", "advmod", "dobj", "nummod") and verb.head is not verb and verb.pos_ != "VERB":
                    verb = verb.head
                what = times_verbs.get(verb.lemma_.lower())
                if what is None or verb.pos_ != "VERB":
                    continue
                subj = next((c for c in verb.children if c.dep_ in ("nsubj", "nsubjpass")), None)
                if subj is None or subj.lower_ not in subjects:
                    continue
                nums = [sp for sp in ent_metrics.number_spans(sent) if sp[1] == i and not sp[3]]
                if not nums:
                    continue
                s0, e0, value, _ = nums[-1]
                st = ent_metrics._approx_start(doc, s0, sent.start)
                holder, platform, kind, a, b = last_post[1]
                rec = _ensure(index, holder, platform, kind, None, "post-counted", a, b)
                if any(m["what"] == what and m["value"] == value for m in rec["metrics"]):
                    continue
                rec["metrics"].append({"what": what, "value": value, "text": doc[st:i + 1].text,
                                       "start": doc[st].idx, "end": t.idx + len(t.text),
                                       "reported_by": None, "rule": "post-times"})


def _speaker_account(index, verb, platform: str, rule: str, t):
    """The account on ``platform`` of whoever is the subject of ``verb`` ("X
    said in a Facebook post", "X responded on X"): a page for an organisation,
    the platform's usual kind for a person. Returns (holder, platform, kind,
    start, end) or None when the subject names nobody."""
    subj = next((c for c in verb.children if c.dep_ in ("nsubj", "nsubjpass")), None)
    holder = _subject_holder(index, subj) if subj is not None else None
    if not holder:
        return None
    kind = "page" if index.get(holder)["type"] == "Organization" else default_kind(platform)
    _ensure(index, holder, platform, kind, None, rule, t.idx, t.idx + len(t.text))
    return holder, platform, kind, t.idx, t.idx + len(t.text)


def _subject_holder(index, subj) -> str | None:
    """Person or organisation a speech verb's subject names: the person in
    apposition first ("Chauhan's son, Arjun Chauhan," is Arjun, not his
    father; "Cloudline's chief security officer, Dana Okoro," is Okoro)."""
    for c in subj.children:
        if c.dep_ == "appos":
            e = index.resolve(c.left_edge.idx, c.right_edge.idx + len(c.right_edge.text))
            if e is None:
                e = index.entity_at_token(c)
            if e and index.get(e)["type"] == "Person":
                return e
    a, b = subj.left_edge.idx, subj.right_edge.idx + len(subj.right_edge.text)
    e = index.resolve(a, b)
    return e if e and index.get(e)["type"] in ("Person", "Organization") else None


def _followed_by(doc, index) -> None:
    """"her Facebook page, which is followed by about 48,000 people": followers
    of the account that the page noun (the relative clause's head) names."""
    from . import ent_metrics

    nouns = set(_acc()["posts"]["followed_by_nouns"])
    for i in [i for i, w in enumerate(D.token_lows(doc)) if w in ("followed",)]:
        v = doc[i]
        if v.pos_ not in ("VERB", "AUX") or not any(c.dep_ == "auxpass" for c in v.children):
            continue
        agent = next((c for c in v.children if c.dep_ == "agent"), None)
        pobj = next((c for c in agent.children if c.dep_ == "pobj"), None) if agent is not None else None
        if pobj is None or pobj.lower_ not in nouns:
            continue
        page = v.head if v.dep_ == "relcl" else next((c for c in v.children if c.dep_ == "nsubjpass"), None)
        if page is None:
            continue
        accs = [sp for sp in index._overlapping(page.idx, page.idx + len(page.text))
                if index.get(sp[2])["type"] == "Account"]
        if len(accs) != 1:
            continue
        rec = index.get(accs[0][2])
        sent = v.sent
        nums = [sp for sp in ent_metrics.number_spans(sent) if agent.i < sp[0] and sp[1] <= pobj.i and not sp[3]]
        if not nums:
            continue
        s0, e0, value, _ = nums[-1]
        st = ent_metrics._approx_start(doc, s0, sent.start)
        if any(m["what"] == "followers" and m["value"] == value for m in rec["metrics"]):
            continue
        rec["metrics"].append({"what": "followers", "value": value, "text": doc[st:pobj.i + 1].text,
                               "start": doc[st].idx, "end": pobj.idx + len(pobj.text),
                               "reported_by": None, "rule": "followed-by"})

"""Audience metrics of online accounts: followers, likes, fans, shares by country.

A metric is a number expression ("nearly 7.4 million", "Fifty-eight per
cent", "255,000 from India") tied to a metric noun (followers, likes, fans,
...) and to an account: the possessor of the noun ("his 3.8 million fans"),
the nearest account named before it in the sentence ("Sam Rainsy’s page now
has just over 2 million followers"), or the subject of the clause ("Hun Sen
has nearly 7.4 million followers on Facebook" -> his Facebook page, created if
needed). "82 per cent and 92 per cent, respectively" is spread over the
accounts of the previous sentence, in order. Numbers with no metric noun
("$6,000", "15 million citizens") are not metrics.
"""

from __future__ import annotations

import bisect
from dataclasses import dataclass

from .. import doc as D
from .. import lexicon as LX
from .numbers import approx_start, number_spans
from .platforms import account_patterns, default_kind, ensure_account, platform_at, platform_of


def _metric_noun(tok) -> str | None:
    return account_patterns()["metrics"]["nouns"].get(tok.lower_)  # the pattern dict is cached


def _reported_by(doc, sent, index) -> str | None:
    rb = LX.patterns("accounts")["reported_by"]
    low = [t.lower_ for t in sent]
    for cue in sorted((c.split() for c in rb["before"]), key=len, reverse=True):
        n = len(cue)
        for k in range(len(low) - n):
            if low[k : k + n] == cue:
                # the first entity after the cue (skipping "social analytics site")
                for t in sent[k + n : k + n + 6]:
                    e = index.entity_at_token(t)
                    if e and index.get(e)["type"] in ("Organization", "Person"):
                        return e
    for t in sent:
        if t.lower_ in rb["noun_after"]:
            for c in t.children:
                if c.dep_ in ("compound", "nmod", "poss"):
                    e = index.entity_at_token(c)
                    if e and index.get(e)["type"] == "Organization":
                        return e
    return None


def _account_mentions(index, sent) -> list[tuple[int, str]]:
    """(start_char, account id) for account mentions inside a sentence, in order."""
    out = []
    for s, _e, eid, _kind in index.spans_between(sent.start_char, sent.end_char):
        if index.get(eid)["type"] == "Account" and index.get(eid)["kind"] in ("page", "profile", "pseudonym"):
            out.append((s, eid))
    out.sort()
    return out


def _holder_account(doc, index, holder: str, platform: str | None, start: int, end: int) -> dict | None:
    if platform is None:
        return None
    for rec in index.accounts():
        if rec["holder"] == holder and rec["platform"] == platform and rec["kind"] in ("page", "profile"):
            return rec
    return ensure_account(index, holder, platform, default_kind(platform), None, "metric-holder", start, end)


def _person_or_org(index, tok) -> str | None:
    e = index.entity_at_token(tok)
    if e and index.get(e)["type"] in ("Person", "Organization"):
        return e
    return None


@dataclass
class _SentenceFacts:
    """Per-sentence facts, computed once (a sentence may hold thousands of numbers)."""

    sent: object
    spans: list  # number_spans(sent)
    accounts: list[tuple[int, str]]  # (start char, account id) named in the sentence
    explicit: str | None  # the platform the sentence names
    platform: str | None  # explicit, else the article's dominant platform
    respectively: bool
    pct_order: dict[int, int]  # first token of a percentage -> its rank among them
    metric_idx: list[int]  # tokens that are metric nouns
    noun_idx: list[int]  # ... tagged NOUN
    count_what: str | None  # what a bare number counts when the sentence says ("follower count" -> followers)
    acc_starts: list[int]  # start chars of `accounts`
    _reporter: list | None = None

    def reporter(self, doc, index) -> str | None:
        if self._reporter is None:
            self._reporter = [_reported_by(doc, self.sent, index)]
        return self._reporter[0]


def _sentence_facts(doc, index, sent, spans, accs_here, default_platform) -> _SentenceFacts:
    metric_nouns = account_patterns()["metrics"]["nouns"]
    count_words = account_patterns()["metrics"]["count_words"]
    explicit = None
    texts = D.token_texts(doc)
    for i in range(sent.start, sent.end):
        # (only a platform name or the letter X can name one: no Token otherwise)
        if platform_of(texts[i]) or texts[i] in ("X", "X."):
            explicit = platform_at(doc[i])
            if explicit:
                break
    lows = D.token_lows(doc)
    metric_idx = [i for i in range(sent.start, sent.end) if lows[i] in metric_nouns]
    sent_words = " ".join(lows[sent.start : sent.end])
    return _SentenceFacts(
        sent,
        spans,
        accs_here,
        explicit,
        explicit or default_platform,
        any(w in account_patterns()["metrics"]["respectively_words"] for w in lows[sent.start : sent.end]),
        {sp[0]: k for k, sp in enumerate(sp for sp in spans if sp[3])},
        metric_idx,
        [i for i in metric_idx if doc[i].pos_ == "NOUN"],
        next((v for k, v in count_words.items() if k in sent_words), None),
        [c for c, _ in accs_here],
    )


def attach_metrics(doc, index, default_platform: str | None) -> None:
    """Metrics of the accounts, sentence by sentence (see the module doc)."""
    prev_accounts: list[str] = []
    seen: dict[str, dict] = {}  # account id -> {(what, value): metric}
    for sent in doc.sents:
        spans = number_spans(sent)
        accs_here = _account_mentions(index, sent)
        if not spans:
            prev_accounts = [a for _, a in accs_here] or prev_accounts
            continue
        sf = _sentence_facts(doc, index, sent, spans, accs_here, default_platform)
        for s, e, value, pct in spans:
            found = _metric_what(doc, sf, s, e, pct)
            if found is None:
                continue
            what, base, text_end = found
            start_tok = approx_start(doc, s, sent.start)
            rec = {
                "what": what,
                "value": value,
                "text": doc[start_tok:text_end].text,
                "start": doc[start_tok].idx,
                "end": doc[text_end - 1].idx + len(doc[text_end - 1].text),
                "reported_by": sf.reporter(doc, index),
                "rule": "metric",
            }
            account = _metric_account(doc, index, sf, s, e, pct, base, rec, prev_accounts)
            if account is not None:
                _add_metric(account, rec, seen, sf.explicit)
        prev_accounts = [a for _, a in accs_here] or prev_accounts


def _metric_what(doc, sf: _SentenceFacts, s: int, e: int, pct: bool):
    """(what the number counts, its metric noun or None, the end token of the
    metric's text) for the number at tokens [s, e), or None when it is no metric."""
    metric_nouns = account_patterns()["metrics"]["nouns"]
    sent = sf.sent
    noun = None
    what = None
    # the noun right after the number or the one it modifies
    if e < sent.end and _metric_noun(doc[e]):
        noun = doc[e]
    elif doc[e - 1].head.i != doc[e - 1].i and _metric_noun(doc[e - 1].head) and doc[e - 1].dep_ == "nummod":
        noun = doc[e - 1].head
    of_noun = None
    if pct or noun is None:
        # "58 per cent of Hun Sen’s fans", "80 percent of his 3.8 million fans"
        for t in doc[e : min(sent.end, e + 8)]:
            if _metric_noun(t) and t.i > e and doc[e].lower_ == "of":
                of_noun = t
                break
    text_end = e
    if noun is not None and noun.i == e:
        text_end = e + 1
    from_place = None
    if noun is None and of_noun is None:
        # "255,000 from India": a count of the sentence's metric noun by origin
        if e + 1 < sent.end and doc[e].lower_ == "from" and doc[e + 1].ent_type_ in ("GPE", "LOC", "NORP"):
            from_place = doc[e + 1]
            text_end = e + 2
        # bare number after a carrier: the metric noun earlier in the sentence
        k = bisect.bisect_left(sf.noun_idx, s)
        if k > 0:
            noun = doc[sf.noun_idx[k - 1]]
        else:
            what = sf.count_what
    if pct:
        base = of_noun or noun
        if base is None and sf.respectively and sf.metric_idx:
            base = doc[sf.metric_idx[0]]
        if base is None and not (sf.respectively and len(sf.pct_order) > 1):
            return None
        what = f"share of {metric_nouns[base.lower_]}" if base is not None else "share"
        place = _place_after(doc, (of_noun or base or doc[sent.start]).i, sent)
        if place:
            what += f" {place}"
    elif noun is not None:
        what = metric_nouns[noun.lower_]
        if from_place is not None:
            what = f"{what} from {from_place.text}"
    if what is None:
        return None
    return what, of_noun or noun, text_end


def _metric_account(doc, index, sf: _SentenceFacts, s, e, pct, base, rec, prev_accounts) -> dict | None:
    """The account a metric belongs to, tried in order; sets rec["rule"] to the way found."""
    account = _possessor_account(doc, index, sf, s, base, rec) if base is not None else None
    # 2. respectively: the n-th account of the previous sentence
    if account is None and sf.respectively and pct and len(sf.pct_order) > 1:
        k = sf.pct_order[s]
        pool = [a for _, a in sf.accounts] or prev_accounts
        if k < len(pool):
            account = index.get(pool[k])
            rec["rule"] = "metric-respectively"
    # 3. nearest account named before the number in the sentence
    if account is None:
        k = bisect.bisect_left(sf.acc_starts, doc[s].idx)
        if k > 0:
            account = index.get(sf.accounts[k - 1][1])
            rec["rule"] = "metric-nearest-account"
    # 4. the subject of the clause or of the sentence, when the sentence
    #    names the platform ("Hun Sen has nearly 7.4 million followers on Facebook")
    if account is None and sf.explicit:
        h = None
        v = doc[s].head
        for _ in range(6):
            subj = [c for c in v.children if c.dep_ in ("nsubj", "nsubjpass")]
            if subj:
                h = _person_or_org(index, subj[0])
                if h:
                    break
            if v.head is v:
                break
            v = v.head
        if h:
            account = _holder_account(doc, index, h, sf.platform, doc[s].idx, doc[e - 1].idx + len(doc[e - 1].text))
            rec["rule"] = "metric-subject"
    return account


def _possessor_account(doc, index, sf: _SentenceFacts, s, base, rec) -> dict | None:
    """1. The account of the metric noun's possessor: "his followers", "Hun Sen’s fans"."""
    account = None
    platform = sf.platform
    for c in base.children:
        if c.dep_ == "poss" or (c.dep_ == "compound" and c.text in ("’s", "'s")):
            h = _person_or_org(index, c)
            if h:
                account = _holder_account(doc, index, h, platform, c.idx, base.idx + len(base.text))
                rec["rule"] = "metric-poss"
    if account is None and base.i >= 2 and doc[base.i - 1].text in ("’s", "'s"):
        h = _person_or_org(index, doc[base.i - 2])
        if h:
            account = _holder_account(doc, index, h, platform, doc[base.i - 2].idx, base.idx + len(base.text))
            rec["rule"] = "metric-poss"
    if account is None:
        # possessive pronoun between the number and its noun: "of his 3.8 million fans"
        for t in doc[max(sf.sent.start, s - 2) : base.i]:
            if t.dep_ == "poss":
                h = _person_or_org(index, t)
                if h:
                    account = _holder_account(doc, index, h, platform, t.idx, base.idx + len(base.text))
                    rec["rule"] = "metric-poss"
    return account


def _add_metric(account: dict, rec: dict, seen: dict, explicit: str | None) -> None:
    # "The account, which has about 45,000 followers on Telegram": the
    # sentence names the platform of an account that had none
    if account["platform"] is None and explicit:
        account["platform"] = explicit
    # the same figure repeated ("his more than 3 million followers" ... "hitting
    # more than 3 million") is one metric; keep the first, fill in its source
    if account["id"] not in seen:
        seen[account["id"]] = {(m["what"], m["value"]): m for m in account["metrics"]}
    have = seen[account["id"]]
    same = have.get((rec["what"], rec["value"]))
    if same is not None:
        if same["reported_by"] is None:
            same["reported_by"] = rec["reported_by"]
    else:
        account["metrics"].append(rec)
        have[(rec["what"], rec["value"])] = rec


def _place_after(doc, i: int, sent) -> str | None:
    """'based in Cambodia' / 'from the Kingdom' / 'in-country' after a token."""
    toks = doc[i + 1 : min(sent.end, i + 8)]
    for k, t in enumerate(toks):
        if t.lower_ in ("in", "from", "within") and k + 1 < len(toks):
            nxt = toks[k + 1]
            if nxt.text == "-" and k + 2 < len(toks):
                return f"{t.text}-{toks[k + 2].text}"
            if nxt.lower_ == "the" and k + 2 < len(toks):
                nxt = toks[k + 2]
            if nxt.ent_type_ in ("GPE", "LOC") or nxt.pos_ == "PROPN":
                return f"{t.lower_} {nxt.text}"
    return None

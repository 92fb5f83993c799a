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
import re
from functools import lru_cache

from . import doc as D
from . import lexicon as LX

_SUFFIXED = re.compile(r"^(\d+(?:[.,]\d+)*)(k|m|mn|bn|b|tn)$", re.I)


def _m() -> dict:
    return LX.patterns("accounts")


@lru_cache(maxsize=None)
def _num_words() -> dict[str, float]:
    nums = _m()["numbers"]
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
    nums = _m()["numbers"]
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
    percent_words = [p.split() for p in _m()["numbers"]["percent"]]
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
        if t.lower_ in ("a", "an") and i + 1 < sent.end and doc[i + 1].lower_ in _m()["numbers"]["groups"] | _m()["numbers"]["scales"].keys():
            i += 1
        # "half a million", "half a billion": a fraction of the scale
        if (t.lower_ == "half" and i + 2 < sent.end and doc[i + 1].lower_ in ("a", "an")
                and doc[i + 2].lower_ in _m()["numbers"]["scales"]):
            out.append((i, i + 3, int(0.5 * _m()["numbers"]["scales"][doc[i + 2].lower_]), False))
            i += 3
            continue
        if not _is_num_token(doc[i]) or doc[i].pos_ == "PROPN" and not doc[i].like_num:
            i = start + 1
            continue
        j = i
        while j < sent.end and (_is_num_token(doc[j]) or (doc[j].text == "-" and j + 1 < sent.end and _is_num_token(doc[j + 1]))):
            j += 1
        words = [x.text for x in doc[start:j] if x.text != "-"]
        # a hyphenated word number split by the tokenizer: "Fifty", "-", "eight"
        value = parse_number(words)
        if value is None or (len(words) == 1 and re.fullmatch(r"(19|20)\d\d", words[0])):
            i = j if j > start else start + 1
            continue
        pct = False
        for pw in percent_words:
            if [x.lower_ for x in doc[j:j + len(pw)]] == pw:
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
    return tuple(sorted((tuple(a.split()) for a in _m()["metrics"]["approximators"]), key=len, reverse=True))


def _approx_start(doc, s: int, lo: int) -> int:
    """Start of "nearly"/"more than"/"close to" before a number, if there is one."""
    lows = D.token_lows(doc)
    for a in _approximators():
        n = len(a)
        if s - n >= lo and tuple(lows[s - n:s]) == a:
            return s - n
    return s


def _metric_noun(tok) -> str | None:
    return _m()["metrics"]["nouns"].get(tok.lower_)  # the pattern dict is cached


def _reported_by(doc, sent, index) -> str | None:
    rb = LX.patterns("accounts")["reported_by"]
    low = [t.lower_ for t in sent]
    for cue in sorted((c.split() for c in rb["before"]), key=len, reverse=True):
        n = len(cue)
        for k in range(len(low) - n):
            if low[k:k + n] == cue:
                # the first entity after the cue (skipping "social analytics site")
                for t in sent[k + n:k + n + 6]:
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
    from .accounts import _ensure, default_kind

    if platform is None:
        return None
    for rec in index.accounts():
        if rec["holder"] == holder and rec["platform"] == platform and rec["kind"] in ("page", "profile"):
            return rec
    return _ensure(index, holder, platform, default_kind(platform), None, "metric-holder", start, end)


def _person_or_org(index, tok) -> str | None:
    e = index.entity_at_token(tok)
    if e and index.get(e)["type"] in ("Person", "Organization"):
        return e
    return None


def attach_metrics(doc, index, default_platform: str | None) -> None:
    metric_nouns = _m()["metrics"]["nouns"]
    count_words = _m()["metrics"]["count_words"]
    prev_accounts: list[str] = []
    seen: dict[str, dict] = {}
    for sent in doc.sents:
        spans = number_spans(sent)
        accs_here = _account_mentions(index, sent)
        if not spans:
            prev_accounts = [a for _, a in accs_here] or prev_accounts
            continue
        from .accounts import platform_at, platform_of

        explicit = None
        texts = D.token_texts(doc)
        for i in range(sent.start, sent.end):
            # (only a platform name or the letter X can name one: no Token otherwise)
            if platform_of(texts[i]) or texts[i] in ("X", "X."):
                explicit = platform_at(doc[i])
                if explicit:
                    break
        platform = explicit or default_platform
        reporter = None
        reporter_done = False
        # per-sentence facts, computed once (a sentence may hold thousands of numbers)
        lows = D.token_lows(doc)
        respectively = "respectively" in lows[sent.start:sent.end]
        pct_order = {sp[0]: k for k, sp in enumerate(sp for sp in spans if sp[3])}
        metric_idx = [i for i in range(sent.start, sent.end) if lows[i] in metric_nouns]
        noun_idx = [i for i in metric_idx if doc[i].pos_ == "NOUN"]
        sent_words = " ".join(lows[sent.start:sent.end])
        count_what = next((v for k, v in count_words.items() if k in sent_words), None)
        acc_starts = [c for c, _ in accs_here]
        for s, e, value, pct in spans:
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
                for t in doc[e:min(sent.end, e + 8)]:
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
                k = bisect.bisect_left(noun_idx, s)
                if k > 0:
                    noun = doc[noun_idx[k - 1]]
                else:
                    what = count_what
            if pct:
                base = of_noun or noun
                if base is None and respectively and metric_idx:
                    base = doc[metric_idx[0]]
                if base is None and not (respectively and len(pct_order) > 1):
                    continue
                what = f"share of {metric_nouns[base.lower_]}" if base is not None else "share"
                place = _place_after(doc, (of_noun or base or doc[sent.start]).i, sent)
                if place:
                    what += f" {place}"
            elif noun is not None:
                what = metric_nouns[noun.lower_]
                if from_place is not None:
                    what = f"{what} from {from_place.text}"
            if what is None:
                continue
            if not reporter_done:
                reporter = _reported_by(doc, sent, index)
                reporter_done = True
            start_tok = _approx_start(doc, s, sent.start)
            rec = {"what": what, "value": value, "text": doc[start_tok:text_end].text,
                   "start": doc[start_tok].idx, "end": doc[text_end - 1].idx + len(doc[text_end - 1].text),
                   "reported_by": reporter, "rule": "metric"}
            account = None
            base = of_noun or noun
            # 1. possessor of the metric noun: "his followers", "Hun Sen’s fans"
            if base is not None:
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
                    for t in doc[max(sent.start, s - 2):base.i]:
                        if t.dep_ == "poss":
                            h = _person_or_org(index, t)
                            if h:
                                account = _holder_account(doc, index, h, platform, t.idx, base.idx + len(base.text))
                                rec["rule"] = "metric-poss"
            # 2. respectively: the n-th account of the previous sentence
            if account is None and respectively and pct and len(pct_order) > 1:
                k = pct_order[s]
                pool = [a for _, a in accs_here] or prev_accounts
                if k < len(pool):
                    account = index.get(pool[k])
                    rec["rule"] = "metric-respectively"
            # 3. nearest account named before the number in the sentence
            if account is None:
                k = bisect.bisect_left(acc_starts, doc[s].idx)
                if k > 0:
                    account = index.get(accs_here[k - 1][1])
                    rec["rule"] = "metric-nearest-account"
            # 4. the subject of the clause or of the sentence, when the sentence
            #    names the platform ("Hun Sen has nearly 7.4 million followers on Facebook")
            if account is None and explicit:
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
                    account = _holder_account(doc, index, h, platform, doc[s].idx, doc[e - 1].idx + len(doc[e - 1].text))
                    rec["rule"] = "metric-subject"
            if account is None:
                continue
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
        prev_accounts = [a for _, a in accs_here] or prev_accounts


def _place_after(doc, i: int, sent) -> str | None:
    """'based in Cambodia' / 'from the Kingdom' / 'in-country' after a token."""
    toks = doc[i + 1:min(sent.end, i + 8)]
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

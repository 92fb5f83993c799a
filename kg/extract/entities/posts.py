"""Accounts named by a speaker's post or platform, and counts of a post."""

from __future__ import annotations

from .. import doc as D
from ..lexicon import speech_verbs
from .numbers import approx_start, number_spans
from .platforms import account_patterns, default_kind, ensure_account, platform_at


def post_accounts(doc, index) -> None:
    """Accounts named by a speaker's post, and "N times" counts of that post.

    "His company said in a Facebook post that ... The post had been shared
    more than 12,000 times": the company's Facebook page, with shares 12000.
    The count goes to the account of the post last named in this or the two
    sentences before; with no such post, nothing.
    """
    P = account_patterns()["posts"]
    post_nouns, preps, times_nouns = set(P["post_nouns"]), set(P["post_preps"]), set(P["times_nouns"])
    on_verbs = set(P["on_platform_verbs"])
    lows = D.token_lows(doc)
    T = D.token_table(doc)
    last_post: tuple[int, tuple] | None = None  # (sentence number, (holder, platform, kind, start, end))
    for k, sent in enumerate(doc.sents):
        for i in range(sent.start, sent.end):
            if (
                lows[i] not in post_nouns
                and lows[i] not in times_nouns
                and not (T.dep[i] == "pobj" and lows[T.head[i]] == "on")
            ):
                continue  # (no branch below can match: no Token object)
            t = doc[i]
            poss = next((c for c in t.children if c.dep_ == "poss"), None) if lows[i] in post_nouns else None
            if poss is not None and t.pos_ == "NOUN":
                post = _possessed_post(doc, index, t, poss, sent)
                if post is not None:
                    last_post = (k, post)
                continue
            if lows[i] in post_nouns and t.pos_ == "NOUN" and t.dep_ == "pobj" and t.head.lower_ in preps:
                made = _post_of_speaker(doc, index, t, sent)
                if made:
                    last_post = (k, made)
            elif (
                t.dep_ == "pobj"
                and t.head.lower_ == "on"
                and platform_at(t)
                and t.head.head.pos_ == "VERB"
                and t.head.head.lemma_.lower() in on_verbs
            ):
                # "Marcus Feld responded on X", "On LinkedIn, ..., Dana Okoro, said"
                _speaker_account(index, t.head.head, platform_at(t), "speaker-on-platform", t)
            elif lows[i] in times_nouns and last_post is not None and k - last_post[0] <= 2:
                _count_post(doc, index, t, sent, last_post[1])


def _possessed_post(doc, index, t, poss, sent) -> tuple | None:
    """ "Kakran's post about the documents on X ... was viewed 2.3 million
    times": (holder, platform, kind, start, end) of the post's account, or None."""
    lows = D.token_lows(doc)
    i = t.i
    holder = index.resolve(poss.idx, poss.idx + len(poss.text))
    platform = None
    for j in range(max(sent.start, i - 3), min(t.right_edge.i + 1, sent.end)):
        if j < i or (j > sent.start and lows[j - 1] == "on"):
            platform = platform or platform_at(doc[j])
    if holder and platform and index.get(holder)["type"] in ("Person", "Organization"):
        kind = "page" if index.get(holder)["type"] == "Organization" else default_kind(platform)
        return holder, platform, kind, poss.idx, t.idx + len(t.text)
    return None


def _post_of_speaker(doc, index, t, sent) -> tuple | None:
    """ "X said in a Facebook post that ...": the speaker's account on that platform."""
    i = t.i
    platform = None
    for j in range(max(sent.start, i - 3), i):
        platform = platform or platform_at(doc[j])
    if platform is None:
        for c in t.children:
            if c.dep_ == "prep" and c.lower_ == "on":
                for g in c.children:
                    platform = platform or platform_at(g)
    verb = t.head.head
    if platform is None or verb.pos_ != "VERB" or verb.lemma_.lower() not in speech_verbs():
        return None
    return _speaker_account(index, verb, platform, "post-of-speaker", t)


def _count_post(doc, index, t, sent, post: tuple) -> None:
    """ "The post had been shared more than 12,000 times": a metric of the post's account."""
    P = account_patterns()["posts"]
    verb = t.head
    while verb.dep_ in ("npadvmod", "advmod", "dobj", "nummod") and verb.head is not verb and verb.pos_ != "VERB":
        verb = verb.head
    what = P["times_verbs"].get(verb.lemma_.lower())
    if what is None or verb.pos_ != "VERB":
        return
    subj = next((c for c in verb.children if c.dep_ in ("nsubj", "nsubjpass")), None)
    if subj is None or subj.lower_ not in set(P["post_subjects"]):
        return
    nums = [sp for sp in number_spans(sent) if sp[1] == t.i and not sp[3]]
    if not nums:
        return
    s0, e0, value, _ = nums[-1]
    st = approx_start(doc, s0, sent.start)
    holder, platform, kind, a, b = post
    rec = ensure_account(index, holder, platform, kind, None, "post-counted", a, b)
    if any(m["what"] == what and m["value"] == value for m in rec["metrics"]):
        return
    rec["metrics"].append(
        {
            "what": what,
            "value": value,
            "text": doc[st : t.i + 1].text,
            "start": doc[st].idx,
            "end": t.idx + len(t.text),
            "reported_by": None,
            "rule": "post-times",
        }
    )


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
    ensure_account(index, holder, platform, kind, None, rule, t.idx, t.idx + len(t.text))
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


def followed_by(doc, index) -> None:
    """ "her Facebook page, which is followed by about 48,000 people": followers
    of the account that the page noun (the relative clause's head) names."""
    nouns = set(account_patterns()["posts"]["followed_by_nouns"])
    for i in [i for i, w in enumerate(D.token_lows(doc)) if w in account_patterns()["posts"]["followed_forms"]]:
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
        accs = [
            sp for sp in index.overlapping(page.idx, page.idx + len(page.text)) if index.get(sp[2])["type"] == "Account"
        ]
        if len(accs) != 1:
            continue
        rec = index.get(accs[0][2])
        sent = v.sent
        nums = [sp for sp in number_spans(sent) if agent.i < sp[0] and sp[1] <= pobj.i and not sp[3]]
        if not nums:
            continue
        s0, e0, value, _ = nums[-1]
        st = approx_start(doc, s0, sent.start)
        if any(m["what"] == "followers" and m["value"] == value for m in rec["metrics"]):
            continue
        rec["metrics"].append(
            {
                "what": "followers",
                "value": value,
                "text": doc[st : pobj.i + 1].text,
                "start": doc[st].idx,
                "end": pobj.idx + len(pobj.text),
                "reported_by": None,
                "rule": "followed-by",
            }
        )

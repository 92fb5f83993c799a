"""Denials linked to the allegations they answer, and statement targets.

A denial answers an allegation when the text supports it, tried in order:

1. the allegation was read off the denial itself ("denied allegations the
   premier had paid ...") or sits in the same sentence;
2. the allegation is *about the denier* (its target or a person it names is
   the denier): people deny what is said about them;
3. the denial's content shares a topic word with the allegation's sentence
   ("called the leaks fabricated" ~ "the leaker released an image");
   generic nouns (allegation, claim, report) alone link to allegations about
   the same target.

Then, in order: a denial that names its allegation also answers the other
allegations about the denier's side (a lede's "rejected allegations that ..."
and the report that details them); an anaphoric object ("rejected that")
answers the nearest preceding allegation; a denial with nothing of its own
continues the same person's (or their representative's) last linked denial;
a plural "the allegations" covers the recent allegations about the same
target; a summary denial ("denied any wrongdoing") takes the links of the
denial that elaborates it right after. An accuser named in a rebuttal is
never its target.

A speaker never denies their own allegation.
"""

from __future__ import annotations

from collections import Counter

from spacy.attrs import IS_STOP, LEMMA, LENGTH, POS
from spacy.symbols import NOUN, PROPN

from ..lexicon import cues, patterns

ALLEGATION_KINDS = ("allegation", "accusation")


# (stem endings, longest first as listed in cues.toml: the first that fits is cut)
SUFFIXES = tuple(patterns("cues")["linking"]["stem_suffixes"])


def stem(lemma: str) -> str:
    """Crude stem so 'leaker' ~ 'leak', 'emails' ~ 'email'."""
    w = lemma.lower()
    for suf in SUFFIXES:
        if w.endswith(suf) and len(w) - len(suf) >= 4:
            return w[: -len(suf)]
    return w


# Topic sets hold stems ("allegation" -> "alleg"): compare them stemmed too.
GENERIC = frozenset(cues().linking.generic_nouns | {stem(w) for w in cues().linking.generic_nouns})


def topic_stems(tokens) -> set[str]:
    """Content words that name what a statement is about (nouns and proper nouns)."""
    doc = getattr(tokens, "doc", None)
    if doc is not None and hasattr(tokens, "start") and hasattr(tokens, "end"):
        table = _topic_table(doc)
        return {s for s in table[tokens.start : tokens.end] if s is not None}
    return {stem(t.lemma_) for t in tokens if t.pos_ in ("NOUN", "PROPN") and not t.is_stop and len(t.text) > 2}


_table_cache: list = [(None, None)]  # one (doc, per-token topic stem or None) slot: the last document's


def _topic_table(doc) -> list:
    """Per token of doc: its topic stem (see topic_stems) or None, built once."""
    known, table = _table_cache[0]
    if known is not doc:
        strings = doc.vocab.strings
        rows = doc.to_array([POS, IS_STOP, LENGTH, LEMMA]).tolist() if len(doc) else []
        memo: dict[int, str] = {}
        table = []
        for pos, stop, length, lemma in rows:
            if (pos == NOUN or pos == PROPN) and not stop and length > 2:
                s = memo.get(lemma)
                if s is None:
                    s = memo[lemma] = stem(strings[lemma])
                table.append(s)
            else:
                table.append(None)
        _table_cache[0] = (doc, table)
    return table


def link(stmts: list[dict], info: dict[str, dict]) -> None:
    """Fill ``denies`` and denial ``target`` in place.

    ``info[id]`` carries per-statement analysis: ``speaker`` (entity id|None),
    ``target`` (entity id|None), ``mentioned`` (entity ids in the content),
    ``topics`` (content stems), ``sent_topics`` (sentence stems), ``origin``
    (the denial id an allegation was read from / that points back to it),
    ``sent`` (sentence start), ``para``, ``side`` (the speaker, their
    organisations and whom they speak for).
    """
    allegations = [s for s in stmts if s["kind"] in ALLEGATION_KINDS]
    pos = {s["id"]: k for k, s in enumerate(stmts)}
    done: list[dict] = []  # linked denials so far, in text order
    for d in stmts:
        if d["kind"] != "denial" or not allegations:
            continue
        di = info[d["id"]]
        me = di["speaker"]
        pool = [a for a in allegations if not (me and info[a["id"]]["speaker"] == me)]
        chosen = _answered(d, di, pool, info, done)
        if chosen and di.get("plural_generic"):
            # "The club said the allegations were false" after ARD's report and
            # the physiotherapist's account, both about Petrov: a plural
            # "allegations/claims" covers the recent allegations about the same
            # target (preceding, within two paragraphs).
            tg = {info[a["id"]]["target"] for a in chosen} - {None}
            chosen += [
                a
                for a in pool
                if a not in chosen
                and info[a["id"]]["target"] in tg
                and info[a["id"]]["sent"] < di["sent"]
                and 0 <= di["para"] - info[a["id"]]["para"] <= 2
            ]
            chosen.sort(key=lambda a: pos[a["id"]])
        d["denies"] = [a["id"] for a in chosen]
        if chosen:
            done.append(d)
        if (
            chosen
            and d["target"] is not None
            and d["target"]["entity"]
            and any(info[a["id"]]["speaker"] == d["target"]["entity"] for a in chosen)
        ):
            # "I have never paid anyone to post anything about Dana Whitfield"
            # answering Whitfield's accusation: the accuser named in the
            # rebuttal is not its target; the accused is.
            d["target"] = None
        if d["target"] is None and chosen:
            _target_from(d, chosen)
    _summary_before_elaboration(stmts, info)


def _answered(d: dict, di: dict, pool: list[dict], info: dict, done: list[dict]) -> list[dict]:
    """The allegations denial d answers, by the first test (module doc) that finds any."""
    me = di["speaker"]
    chosen = [
        a
        for a in pool
        if info[a["id"]]["origin"] == d["id"]
        or (
            info[a["id"]]["sent"] == di["sent"] and info[a["id"]]["para"] == di["para"]
        )  # (sm runs sentences over paragraph breaks)
    ]
    side = di.get("side") or ({me} if me else set())
    if (
        side
        and any(info[a["id"]]["origin"] == d["id"] for a in chosen)
        and not di.get("plea")
        and not di.get("anaphoric")
    ):
        # "X rejected allegations that he had accepted hospitality ..." then
        # "The Sunday Times reported that X ...": the (detailed) restatement
        # of the allegation the denial names -- any allegation about the
        # denier's side -- is answered too. (A plea answers the charges it names only; "That
        # is untrue", "rejects that" answer the one allegation they point to.)
        chosen += [a for a in pool if a not in chosen and info[a["id"]]["target"] in side]
    if not chosen and di.get("anaphoric"):
        # "The Greens accused conservative parties of ... A spokesman for
        # the EPP rejected that": the nearest preceding allegation (same or
        # previous paragraph), one about the speaker's side first.
        before = [a for a in pool if info[a["id"]]["sent"] < di["sent"] and di["para"] - info[a["id"]]["para"] <= 1]
        mine = [a for a in before if info[a["id"]]["target"] in side]
        chosen = (mine or before)[-1:]
    if not chosen and side:
        # About the denier or whom they speak for ("his attorney, Susan Okafor").
        chosen = [a for a in pool if info[a["id"]]["target"] in side or side & info[a["id"]]["mentioned"]]
        if len(chosen) > 1:
            narrowed = [a for a in chosen if di["topics"] & (info[a["id"]]["sent_topics"] - GENERIC)]
            chosen = narrowed or chosen
    if not chosen:
        chosen = _by_topic(di, pool, info)
    if not chosen:
        chosen = _continued(d, di, pool, info, done)
    return chosen


def _by_topic(di: dict, pool: list[dict], info: dict) -> list[dict]:
    specific = di["topics"] - GENERIC
    chosen = [a for a in pool if specific & info[a["id"]]["sent_topics"]]
    if not chosen and di["topics"] & GENERIC and di["target"]:
        chosen = [a for a in pool if info[a["id"]]["target"] == di["target"]]
    if not chosen and di["topics"] & GENERIC:
        # "The company has denied the allegations" right after "The
        # lawsuit alleges ...": the nearest preceding allegation.
        before = [a for a in pool if info[a["id"]]["sent"] <= di["sent"] and di["para"] - info[a["id"]]["para"] <= 1]
        chosen = before[-1:]
    return chosen


def _continued(d: dict, di: dict, pool: list[dict], info: dict, done: list[dict]) -> list[dict]:
    """ "“I have never received a single euro ...,” Arena said" after "Arena
    has denied accepting cash ...", "Her lawyer said she categorically denies
    the allegations": a later denial by the same person (anywhere later) or by
    someone speaking for them (within two paragraphs) with nothing of its own
    continues their last linked denial (and takes its target if it has none)."""
    me = di["speaker"]
    who = di.get("principal") or set()
    for prev in reversed(done):
        pi = info[prev["id"]]
        if pi["sent"] >= di["sent"]:
            continue
        same = me is not None and pi["speaker"] == me
        if (same or (di["para"] - pi["para"] <= 2 and who & (pi.get("principal") or set()))) and prev["denies"]:
            if d["target"] is None and prev["target"] is not None:
                d["target"] = dict(prev["target"])
            return [a for a in pool if a["id"] in prev["denies"]]
    return []


def _summary_before_elaboration(stmts: list[dict], info: dict[str, dict]) -> None:
    """ "Qatar's government has denied any wrongdoing. “Any association ... is
    baseless,” a Qatari official said.": a denial with nothing of its own
    followed, in the same paragraph and with no statement in between, by a
    linked denial is the summary of that elaboration: same allegations."""
    by_id = {s["id"]: s for s in stmts}
    for k, d in enumerate(stmts):
        if d["kind"] != "denial" or d["denies"]:
            continue
        nxt = stmts[k + 1] if k + 1 < len(stmts) else None
        if nxt is None or nxt["kind"] != "denial" or not nxt["denies"]:
            continue
        di, ni = info[d["id"]], info[nxt["id"]]
        if ni["para"] != di["para"] or ni["sent"] <= di["sent"]:
            continue
        me = di["speaker"]
        ok = [a for a in nxt["denies"] if not (me and info[a]["speaker"] == me)]
        d["denies"] = ok
        if d["target"] is None and ok:
            _target_from(d, [by_id[a] for a in ok])


def _target_from(d: dict, chosen: list[dict]) -> None:
    """A denial without a target of its own takes its allegations' most common target."""
    targets = Counter(a["target"]["entity"] or a["target"]["name"] for a in chosen if a["target"])
    if targets:
        best = targets.most_common(1)[0][0]
        for a in chosen:
            t = a["target"]
            if t and (t["entity"] or t["name"]) == best:
                d["target"] = dict(t)
                break

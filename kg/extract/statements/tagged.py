"""Statement candidates from the trained attribution tagger (rule ``crf-cue``), merged with the rules' own.

The tagger (``kg.extract.tagger``, a CRF trained on PolNeAR) finds the long tail of cues hand-written
rules never list ("described", "questioned", "according to", a colon after a name, "is confident",
"was criticized by"); the rules know kg's own distinctions better (denials, refusals, documents,
nested stances, speakers carried across paragraphs). So the hybrid is:

* a rule candidate is kept as it is;
* a decoded attribution whose cue holds a rule candidate's cue token, or whose content is mostly
  inside a rule candidate's content (the same statement, found twice), adds nothing;
* so does one whose cue lies inside what a rule candidate reports (a nested report the rule's
  statement already carries), one whose content swallows a rule candidate's cue ("appeared in
  court with his lawyer, who told reporters that ..."), one whose cue is negated ("did not deny
  that ..."), a request for anonymity, or a passive cue with no agent ("Asked about the report,
  she ...");
* every other decoded attribution becomes a ``crf-cue`` candidate: its cue token is the root of
  the tagged cue (the whole tagged cue span is kept for the record), its speaker the root of the
  tagged source, else the rules' speaker search (``sources.find_speaker``); with none, the
  speaker pass drops it, as it drops every speakerless statement that alleges nothing, its content the tagged content.
  A content split by the cue ("“A,” he said, “B.”") gives one candidate per piece, both with the
  same cue and speaker.

Speakers, kinds, context passes and linking then treat ``crf-cue`` candidates like any other.
"""

from __future__ import annotations

import bisect

from ..tagger.model import load_tagger
from .candidate import Cand
from .cues import anonymity_request
from .sources import find_speaker
from .syntax import negated

RULE = "crf-cue"
MOSTLY = 0.5  # share of a decoded content inside a rule candidate's content that makes it the same statement
CONFIDENCE = 0.0  # the least marginal probability of the cue's tags for a statement the rules did not find


def _tokens(ctx, start: int, end: int) -> tuple[int, int] | None:
    """First and last non-space token whose characters start inside [start, end)."""
    a = max(bisect.bisect_right(ctx.starts, start) - 1, 0)
    doc = ctx.doc
    while a < len(doc) and (doc[a].idx + len(doc[a].text) <= start or doc[a].is_space):
        a += 1
    b = bisect.bisect_left(ctx.starts, end) - 1
    while b >= a and doc[b].is_space:
        b -= 1
    return (a, b) if a < len(doc) and b >= a else None


def _root(doc, first: int, last: int) -> int:
    """The token of first..last whose head lies outside the range (the phrase's head)."""
    for i in range(first, last + 1):
        h = doc[i].head.i
        if h == i or h < first or h > last:
            if not doc[i].is_punct:
                return i
    return first


def _pieces(content: tuple[tuple[int, int], ...], text: str) -> list[tuple[int, int]]:
    """Content fragments joined where only spaces and punctuation separate them."""
    out: list[list[int]] = []
    for s, e in sorted(content):
        if out and not any(ch.isalnum() for ch in text[out[-1][1] : s]):
            out[-1][1] = max(out[-1][1], e)
        else:
            out.append([s, e])
    return [(s, e) for s, e in out]


def _share_inside(pieces, lo: int, hi: int) -> float:
    total = sum(e - s for s, e in pieces)
    return sum(max(0, min(e, hi) - max(s, lo)) for s, e in pieces) / total if total else 0.0


def _covered(rule_cands: list[Cand], cue_toks: set[int], pieces) -> bool:
    """Does a rule candidate with a cue already hold this attribution (its cue token, or most of its content)?"""
    for c in rule_cands:
        if c.cue is None:
            continue
        if c.cue in cue_toks or _share_inside(pieces, *c.content_chars) >= MOSTLY:
            return True
    return False


def _sentence_chars(ctx, first: int, last: int) -> tuple[int, int]:
    s1, s2 = ctx.sents[ctx.sent_of[first]], ctx.sents[ctx.sent_of[last]]
    return s1.start_char, s2.end_char


def tagged_cands(doc, ctx, rule_cands: list[Cand], model=None) -> tuple[list[Cand], list[Cand]]:
    """(``crf-cue`` candidates for what the tagger found and no rule candidate holds, the rule
    candidates they supersede). A rule quote with no reporting verb of its own (``quote-continued``)
    whose text the tagger gives a cue and a source is superseded: the tagger read who said it."""
    tagger = model or load_tagger()
    out: list[Cand] = []
    superseded: list[Cand] = []
    for d in tagger.attributions(doc):
        cue = _tokens(ctx, *d.cue[0])
        if cue is None:
            continue
        pieces = _pieces(d.content, ctx.text)
        if _covered(rule_cands, set(range(cue[0], cue[1] + 1)), pieces):
            continue
        cue_tok = _root(doc, *cue)
        if d.confidence < CONFIDENCE or _no_statement(doc[cue_tok], ctx):
            continue
        if _inside_rule_content(rule_cands, doc[cue_tok].idx) or _holds_rule_cue(rule_cands, doc, pieces):
            continue
        src = _tokens(ctx, d.source[0][0], d.source[-1][1]) if d.source else None
        speaker = _root(doc, *src) if src is not None else None
        if speaker is None:
            # the tagger and the decoder's parse paths found no source: the rules' speaker search
            # (controllers, participle heads, conjuncts) may ("..., saying that ...")
            found = find_speaker(doc[cue_tok], ctx, {})
            speaker = found.i if found is not None else None
        if speaker is not None:
            superseded += [c for c in rule_cands if c.cue is None and c.inherit and _overlaps(pieces, c.content_chars)]
        for s, e in pieces:
            toks = _tokens(ctx, s, e)
            if toks is None or _act_on_a_thing(doc, ctx, toks) or _no_proposition(doc, ctx, toks, s, e):
                continue
            lo = min(toks[0], cue[0], src[0] if src else toks[0])
            hi = max(toks[1], cue[1], src[1] if src else toks[1])
            c = Cand(RULE, cue_tok, speaker, toks, _sentence_chars(ctx, lo, hi), content_chars=(s, e))
            c.cue_chars = (d.cue[0][0], d.cue[-1][1])
            c.quote = ctx.mask.find(s) is not None and ctx.mask.find(max(s, e - 1)) is not None
            out.append(c)
    return out, superseded


def _act_on_a_thing(doc, ctx, toks: tuple[int, int]) -> bool:
    """A content that is an administrative object ("approved the budget", "signed the bill", "denied
    bail"): an act on a thing, not a statement (the lexicon the rules' denial test uses)."""
    head = doc[_root(doc, *toks)]
    return head.pos_ == "NOUN" and head.lemma_.lower() in ctx.lex.deny.administrative_objects


def _no_proposition(doc, ctx, toks: tuple[int, int], s: int, e: int) -> bool:
    """A content that names no proposition: one bare word outside quotation marks ("posts selfies",
    "announces policy") or a person ("questioned the suspect"). PolNeAR also tags noun phrases
    ("criticized the plan to cut taxes", "announced his candidacy"), which stay: on the validation
    fold, dropping every verbless content cost 3.9 F1 points (recall 0.620 -> 0.558) for no precision."""
    if ctx.mask.find(s) is not None and ctx.mask.find(max(s, e - 1)) is not None:
        return False
    span = [doc[i] for i in range(toks[0], toks[1] + 1) if not doc[i].is_punct]
    if any(t.pos_ in ("VERB", "AUX") for t in span):
        return False
    head = doc[_root(doc, *toks)]
    person = head.pos_ == "PRON" or head.ent_type_ == "PERSON" or head.lemma_.lower() in ctx.lex.tagger.person_nouns
    return len(span) <= 1 or person


def _holds_rule_cue(rule_cands: list[Cand], doc, pieces) -> bool:
    """Does the tagged content swallow a rule statement's cue ("X appeared in court with his lawyer,
    who told reporters that ...")? The rule's statement is the one the sentence makes."""
    return any(c.cue is not None and any(s <= doc[c.cue].idx < e for s, e in pieces) for c in rule_cands)


def _no_statement(cue, ctx) -> bool:
    """What the rules never count as a statement either: a negated cue ("did not deny that ...",
    "the report did not name him": nothing was said), a request for anonymity ("who asked not to be
    named"), an act the tagger's training corpus counts as attribution but kg does not ("ordered",
    "signed", "charged": ``cues.toml`` [tagger] act_verbs), a passive cue with no agent ("Asked about
    the report, she ...", "was ordered to pay": its subject was asked or ordered, it said nothing)."""
    if negated(cue) or anonymity_request(cue, ctx) or cue.lemma_.lower() in ctx.lex.tagger.act_verbs:
        return True
    kids = [c.dep_ for c in cue.children]
    if "agent" in kids:
        return False
    bare_participle = cue.tag_ == "VBN" and cue.dep_ in ("advcl", "acl") and not any(k.startswith("aux") for k in kids)
    return "auxpass" in kids or bare_participle


def _inside_rule_content(rule_cands: list[Cand], char: int) -> bool:
    """Is the cue inside what a rule statement reports ("released an image purporting to be an email
    ... allegedly discussing ...")? The rule's statement already carries it, with kg's reading."""
    return any(c.cue is not None and c.content_chars[0] <= char < c.content_chars[1] for c in rule_cands)


def _overlaps(pieces, span: tuple[int, int]) -> bool:
    return any(s < span[1] and span[0] < e for s, e in pieces)

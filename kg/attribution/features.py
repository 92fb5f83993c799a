"""Token features for the attribution CRF, computed from a spaCy Doc.

Feature groups (a model records which it was trained with, so tagging uses the same):

* ``word``: lower-cased form, lemma, shape, 3-letter prefix/suffix;
* ``syntax``: POS, fine tag, dependency, head lemma/POS, dependency+head lemma, children's relations;
* ``ent``: entity type and IOB;
* ``window``: forms, lemmas and POS of the neighbours (two each side);
* ``quote``: inside/opening/closing quotation marks (tracked per paragraph), sentence has quotes;
* ``cue``: how often the lemma (and the head's lemma) is a cue in the training data, bucketed;
  nearest cue-like word before/after in the sentence;
* ``path``: the nearest cue-like ancestor in the parse: its lemma, the dependency path to it, the
  relation under it (nsubj ~ source, ccomp ~ content) and the side of it the token is on.

"Cue-like" is data, learned from the training fold (:class:`CueLexicon`), never a word list here:
the long tail of cues (call, describe, according to, a colon after a name) is why rules fall short.
"""

from __future__ import annotations

from dataclasses import dataclass, field

GROUPS = ("word", "syntax", "ent", "window", "quote", "cue", "path")
OPEN_Q, CLOSE_Q, BOTH_Q = {"“", "‘‘", "``"}, {"”", "''"}, {'"'}
MAX_UP = 8  # ancestors searched for a cue-like word (parse depth rarely exceeds this in a clause chain)


@dataclass
class CueLexicon:
    """Per lemma: how many times it was seen and how many of those inside a cue span (training fold)."""

    seen: dict[str, int] = field(default_factory=dict)
    as_cue: dict[str, int] = field(default_factory=dict)
    min_seen: int = 3
    threshold: float = 0.15

    def rate(self, lemma: str) -> float | None:
        n = self.seen.get(lemma, 0)
        return self.as_cue.get(lemma, 0) / n if n >= self.min_seen else None

    def bucket(self, lemma: str) -> str:
        r = self.rate(lemma)
        if r is None:
            return "u"
        return "0" if r < 0.02 else "1" if r < 0.1 else "2" if r < 0.3 else "3" if r < 0.6 else "4"

    def cue_like(self, lemma: str) -> bool:
        r = self.rate(lemma)
        return r is not None and r >= self.threshold

    def add(self, doc, tags: list[str]) -> None:
        for tok, tag in zip(doc, tags):
            if tok.is_space:
                continue
            lem = tok.lemma_.lower()
            self.seen[lem] = self.seen.get(lem, 0) + 1
            if tag.endswith("CUE"):
                self.as_cue[lem] = self.as_cue.get(lem, 0) + 1

    def to_json(self) -> dict:
        keep = {k: v for k, v in self.seen.items() if v >= self.min_seen and self.as_cue.get(k)}
        return {"min_seen": self.min_seen, "threshold": self.threshold,
                "lemmas": {k: [keep[k], self.as_cue[k]] for k in sorted(keep)}}

    @classmethod
    def from_json(cls, data: dict) -> "CueLexicon":
        lex = cls(min_seen=data["min_seen"], threshold=data["threshold"])
        for k, (n, c) in data["lemmas"].items():
            lex.seen[k], lex.as_cue[k] = n, c
        return lex

    def rate_or_zero(self, lemma: str) -> float:
        # lemmas never seen as a cue are not stored; they count as "seen, never a cue"
        return self.rate(lemma) or 0.0


def _quote_states(doc, start: int, end: int) -> list[str]:
    """'in' / 'open' / 'close' / '' per token of [start, end) (one paragraph or sentence)."""
    out, inside = [], False
    for i in range(start, end):
        t = doc[i].text
        if t in OPEN_Q or (t in BOTH_Q and not inside):
            out.append("open")
            inside = True
        elif t in CLOSE_Q or (t in BOTH_Q and inside):
            out.append("close")
            inside = False
        else:
            out.append("in" if inside else "")
    return out


class Featurizer:
    def __init__(self, lexicon: CueLexicon, groups: tuple[str, ...] = GROUPS):
        unknown = set(groups) - set(GROUPS)
        if unknown:
            raise ValueError(f"unknown feature groups: {sorted(unknown)}")
        self.lex = lexicon
        self.groups = set(groups)

    def _cue_anc(self, tok):
        """(ancestor, dependency path, relation under it) of the nearest cue-like ancestor, or None."""
        path, cur = [], tok
        for _ in range(MAX_UP):
            if cur.head is cur:
                return None
            path.append(cur.dep_)
            cur = cur.head
            if self.lex.cue_like(cur.lemma_.lower()):
                return cur, ">".join(path[:3]), path[-1]
        return None

    def _base(self, doc, i: int, q: str, sent_q: bool) -> list[str]:
        tok, g, f = doc[i], self.groups, ["b"]
        lem = tok.lemma_.lower()
        if "word" in g:
            low = tok.lower_
            f += [f"w={low}", f"l={lem}", f"sh={tok.shape_[:4]}", f"p3={low[:3]}", f"s3={low[-3:]}"]
        if "syntax" in g:
            h = tok.head
            f += [f"p={tok.pos_}", f"t={tok.tag_}", f"d={tok.dep_}", f"hl={h.lemma_.lower()}", f"hp={h.pos_}",
                  f"dhl={tok.dep_}|{h.lemma_.lower()}", f"dhp={tok.dep_}|{h.pos_}"]
            f += sorted({f"ch={c.dep_}" for c in tok.children})
        if "ent" in g and tok.ent_type_:
            f += [f"e={tok.ent_type_}", f"ei={tok.ent_iob_}{tok.ent_type_}"]
        if "quote" in g:
            f += [f"q={q}", f"sq={int(sent_q)}"]
        if "cue" in g:
            f += [f"cr={self.lex.bucket(lem)}", f"hcr={self.lex.bucket(tok.head.lemma_.lower())}"]
        if "path" in g:
            anc = self._cue_anc(tok)
            if anc is None:
                f.append("anc=none")
            else:
                a, path, rel = anc
                side = "L" if tok.i < a.i else "R"
                f += [f"al={a.lemma_.lower()}", f"ap={path}", f"ar={rel}", f"ars={rel}|{side}",
                      f"ad={min(len(path.split('>')), 3)}"]
        return f

    def sequence(self, doc, start: int, end: int) -> list[list[str]]:
        """Feature lists for tokens [start, end) of ``doc``."""
        qs = _quote_states(doc, start, end) if "quote" in self.groups else [""] * (end - start)
        sent_q: dict[int, bool] = {}
        base, lems = [], []
        for k, i in enumerate(range(start, end)):
            tok = doc[i]
            s = tok.sent.start if "quote" in self.groups else 0
            if s not in sent_q:
                sent_q[s] = any(t.text in OPEN_Q | CLOSE_Q | BOTH_Q for t in tok.sent) if "quote" in self.groups else False
            base.append(self._base(doc, i, qs[k], sent_q[s]))
            lems.append(tok.lemma_.lower())
        if "window" in self.groups:
            self._window(doc, start, end, base)
        if "cue" in self.groups:
            self._nearest_cues(doc, start, end, base, lems)
        n = end - start
        if n:
            base[0].append("BOS")
            base[-1].append("EOS")
        return base

    def _window(self, doc, start, end, base) -> None:
        words = [doc[i].lower_ for i in range(start, end)]
        pos = [doc[i].pos_ for i in range(start, end)]
        lem = [doc[i].lemma_.lower() for i in range(start, end)]
        n = len(words)
        for k in range(n):
            f = base[k]
            for o in (-2, -1, 1, 2):
                j = k + o
                if 0 <= j < n:
                    f.append(f"{o}w={words[j]}")
                    f.append(f"{o}p={pos[j]}")
                    if abs(o) == 1:
                        f.append(f"{o}l={lem[j]}")
                        f.append(f"{o}pp={pos[j]}|{pos[k]}")

    def _nearest_cues(self, doc, start, end, base, lems) -> None:
        """Distance bucket to the nearest cue-like word before and after, within the sentence."""
        cue = [self.lex.cue_like(x) for x in lems]
        sent = [doc[i].sent.start for i in range(start, end)]
        n = len(lems)
        last = None
        for k in range(n):
            if last is not None and sent[last] != sent[k]:
                last = None
            if last is not None:
                base[k].append(f"cb={min(k - last, 4)}")
            if cue[k]:
                last = k
        nxt = None
        for k in range(n - 1, -1, -1):
            if nxt is not None and sent[nxt] != sent[k]:
                nxt = None
            if nxt is not None:
                base[k].append(f"ca={min(nxt - k, 4)}")
            if cue[k]:
                nxt = k

"""Token features for the attribution CRF, computed from a spaCy Doc.

Feature groups (a model records which it was trained with, so tagging uses the same):

* ``word``: lower-cased form, lemma, shape, 3-letter prefix/suffix;
* ``syntax``: POS, fine tag, dependency, head lemma/POS, dependency+head lemma, children's relations,
  the subject's entity type for a verb;
* ``ent``: entity type and IOB;
* ``window``: forms and POS of the neighbours (two each side), lemmas one each side;
* ``quote``: inside/opening/closing quotation marks (tracked per sequence), sentence has quotes;
* ``cue``: how often the lemma (and the head's lemma) is a cue in the training data, bucketed;
  distance to the nearest cue-like word before/after in the sentence;
* ``path``: the nearest cue-like ancestor in the parse: its lemma, the dependency path to it, the
  relation under it (nsubj ~ source, ccomp ~ content) and the side of it the token is on;
* ``tensor``: the spaCy pipeline's own contextual token vectors (``doc.tensor``, already computed
  by its tok2vec for the tagger and parser, so free at tagging time) as real-valued features.

"Cue-like" is data, learned from the training fold (:class:`CueLexicon`), never a word list here:
the long tail of cues (call, describe, according to, a colon after a name) is why rules fall short.

Everything is read through ``Doc.to_array`` once per document, because creating spaCy ``Token``
objects per feature costs more than the CRF itself.
"""

from __future__ import annotations

from dataclasses import dataclass, field

# Bumped whenever a feature's definition changes: a model trained on other features would tag
# garbage without an error, so the model records the version and loading refuses a mismatch.
FEATURE_VERSION = 1
GROUPS = ("word", "syntax", "ent", "window", "quote", "cue", "path", "tensor")
DEFAULT_GROUPS = ("word", "syntax", "ent", "window", "quote", "cue", "path")
OPEN_Q, CLOSE_Q, BOTH_Q = frozenset({"“", "‘‘", "``"}), frozenset({"”", "''"}), frozenset({'"'})
QUOTES = OPEN_Q | CLOSE_Q | BOTH_Q
MAX_UP = 8  # ancestors searched for a cue-like word (clause chains are rarely deeper)
SUBJECTS = frozenset({"nsubj", "nsubjpass"})


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
        # Lemmas never seen inside a cue are left out: rate() then reads "unknown", which the
        # model learned as such for rare words; frequent non-cue words only need "not cue-like".
        keep = {k: v for k, v in self.seen.items() if v >= self.min_seen}
        return {
            "min_seen": self.min_seen,
            "threshold": self.threshold,
            "lemmas": {k: [keep[k], self.as_cue.get(k, 0)] for k in sorted(keep)},
        }

    @classmethod
    def from_json(cls, data: dict) -> "CueLexicon":
        lex = cls(min_seen=data["min_seen"], threshold=data["threshold"])
        for k, (n, c) in data["lemmas"].items():
            lex.seen[k] = n
            if c:
                lex.as_cue[k] = c
        return lex


class _DocView:
    """Plain lists of a Doc's token attributes (one ``to_array`` call) plus cached strings."""

    def __init__(self, doc):
        from spacy.attrs import DEP, ENT_IOB, ENT_TYPE, HEAD, LEMMA, LOWER, POS, SENT_START, SHAPE, TAG

        arr = doc.to_array([LOWER, LEMMA, POS, TAG, DEP, HEAD, ENT_TYPE, ENT_IOB, SHAPE, SENT_START])
        cols = arr.tolist()
        signed = arr[:, [5, 9]].astype("int64").tolist()  # HEAD and SENT_START are signed; to_array gives uint64
        s = doc.vocab.strings
        n = len(doc)
        self.n = n
        self.text = [t.text for t in doc]
        self.lower = [s[c[0]] for c in cols]
        self.lemma = [s[c[1]].lower() for c in cols]
        self.pos = [s[c[2]] for c in cols]
        self.tag = [s[c[3]] for c in cols]
        self.dep = [s[c[4]] for c in cols]
        self.head = [i + c[0] for i, c in enumerate(signed)]
        self.ent = [s[c[6]] if c[6] else "" for c in cols]
        self.iob = [["", "I", "O", "B"][c[7]] for c in cols]
        self.shape = [s[c[8]][:4] for c in cols]
        sent, k = [], -1
        for i, c in enumerate(signed):
            if i == 0 or c[1] == 1:
                k += 1
            sent.append(k)
        self.sent = sent
        self.children: list[list[int]] = [[] for _ in range(n)]
        for i, h in enumerate(self.head):
            if h != i:
                self.children[h].append(i)
        self.tensor = doc.tensor if getattr(doc, "tensor", None) is not None and len(doc.tensor) == n else None


def _quote_states(v: _DocView, start: int, end: int) -> list[str]:
    """'in' / 'open' / 'close' / '' per token of [start, end) (one paragraph or sentence)."""
    out, inside = [], False
    for i in range(start, end):
        t = v.text[i]
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
    def __init__(self, lexicon: CueLexicon, groups: tuple[str, ...] = DEFAULT_GROUPS):
        unknown = set(groups) - set(GROUPS)
        if unknown:
            raise ValueError(f"unknown feature groups: {sorted(unknown)}")
        self.lex = lexicon
        self.groups = frozenset(groups)
        self._bucket: dict[str, str] = {}
        self._cue_like: dict[str, bool] = {}

    def bucket(self, lemma: str) -> str:
        b = self._bucket.get(lemma)
        if b is None:
            b = self._bucket[lemma] = self.lex.bucket(lemma)
        return b

    def cue_like(self, lemma: str) -> bool:
        c = self._cue_like.get(lemma)
        if c is None:
            c = self._cue_like[lemma] = self.lex.cue_like(lemma)
        return c

    def _cue_anc(self, v: _DocView, i: int):
        """(ancestor index, dependency path, relation under it) of the nearest cue-like ancestor, or None."""
        path, cur = [], i
        for _ in range(MAX_UP):
            h = v.head[cur]
            if h == cur:
                return None
            path.append(v.dep[cur])
            cur = h
            if self.cue_like(v.lemma[cur]):
                return cur, ">".join(path[:3]), path[-1]
        return None

    def _token(self, v: _DocView, i: int, q: str, sent_q: bool) -> list[str]:
        g, lem, f = self.groups, v.lemma[i], ["b"]
        if "word" in g:
            low = v.lower[i]
            f += ["w=" + low, "l=" + lem, "sh=" + v.shape[i], "p3=" + low[:3], "s3=" + low[-3:]]
        if "syntax" in g:
            h, d = v.head[i], v.dep[i]
            f += [
                "p=" + v.pos[i],
                "t=" + v.tag[i],
                "d=" + d,
                "hl=" + v.lemma[h],
                "hp=" + v.pos[h],
                f"dhl={d}|{v.lemma[h]}",
                f"dhp={d}|{v.pos[h]}",
            ]
            kids = v.children[i]
            f += sorted({"ch=" + v.dep[c] for c in kids})
            for c in kids:
                if v.dep[c] in SUBJECTS:
                    f.append("subj=" + (v.ent[c] or v.pos[c]))
        if "ent" in g and v.ent[i]:
            f += ["e=" + v.ent[i], "ei=" + v.iob[i] + v.ent[i]]
        if "quote" in g:
            f += ["q=" + q, "sq=1" if sent_q else "sq=0"]
        if "cue" in g:
            f += ["cr=" + self.bucket(lem), "hcr=" + self.bucket(v.lemma[v.head[i]])]
        if "path" in g:
            anc = self._cue_anc(v, i)
            if anc is None:
                f.append("anc=none")
            else:
                a, path, rel = anc
                side = "L" if i < a else "R"
                f += [
                    "al=" + v.lemma[a],
                    "ap=" + path,
                    "ar=" + rel,
                    f"ars={rel}|{side}",
                    f"ad={min(path.count('>') + 1, 3)}",
                ]
        return f

    def sequence(self, doc, start: int, end: int, view: _DocView | None = None) -> list:
        """Features of tokens [start, end): lists of strings, or dicts when ``tensor`` is used."""
        v = view or _DocView(doc)
        qs = _quote_states(v, start, end) if "quote" in self.groups else None
        sent_q = {}
        if "quote" in self.groups:
            for i in range(start, end):
                if v.text[i] in QUOTES:
                    sent_q[v.sent[i]] = True
        base = [
            self._token(v, i, qs[k] if qs else "", sent_q.get(v.sent[i], False))
            for k, i in enumerate(range(start, end))
        ]
        if "window" in self.groups:
            self._window(v, start, end, base)
        if "cue" in self.groups:
            self._nearest_cues(v, start, end, base)
        if base:
            base[0].append("BOS")
            base[-1].append("EOS")
        if "tensor" in self.groups and v.tensor is not None:
            return [self._with_tensor(f, v.tensor[i]) for f, i in zip(base, range(start, end))]
        return base

    @staticmethod
    def _with_tensor(f: list[str], row) -> dict:
        d = dict.fromkeys(f, 1.0)
        d.update(zip(_VEC_NAMES, row.tolist()))
        return d

    def sequences(self, doc, ranges: list[tuple[int, int]]) -> list:
        v = _DocView(doc)
        return [self.sequence(doc, a, b, v) for a, b in ranges]

    def _window(self, v: _DocView, start: int, end: int, base) -> None:
        for k, i in enumerate(range(start, end)):
            f = base[k]
            for o in (-2, -1, 1, 2):
                j = i + o
                if start <= j < end:
                    f.append(f"{o}w={v.lower[j]}")
                    f.append(f"{o}p={v.pos[j]}")
                    if o in (-1, 1):
                        f.append(f"{o}l={v.lemma[j]}")
                        f.append(f"{o}pp={v.pos[j]}|{v.pos[i]}")

    def _nearest_cues(self, v: _DocView, start: int, end: int, base) -> None:
        """Distance bucket to the nearest cue-like word before and after, within the sentence."""
        cue = [self.cue_like(v.lemma[i]) for i in range(start, end)]
        n, last, nxt = end - start, None, None
        for k in range(n):
            if last is not None and v.sent[start + last] != v.sent[start + k]:
                last = None
            if last is not None:
                base[k].append(f"cb={min(k - last, 4)}")
            if cue[k]:
                last = k
        for k in range(n - 1, -1, -1):
            if nxt is not None and v.sent[start + nxt] != v.sent[start + k]:
                nxt = None
            if nxt is not None:
                base[k].append(f"ca={min(nxt - k, 4)}")
            if cue[k]:
                nxt = k


_VEC_NAMES = tuple(f"v{k}" for k in range(512))

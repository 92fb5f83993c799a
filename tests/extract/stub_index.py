"""A tiny stand-in for ``kg.extract.entities.EntityIndex``, for tests of the statement stage.

It implements the interface the statement side relies on
(``kg.extract.lookup.EntityLookup``: ``entities``, ``gender``, ``resolve``,
``get``, ``name``, ``people``) from spaCy NER alone: PERSON and
ORG spans grouped by their last word, third-person pronouns resolved to the
nearest preceding person. It is NOT the real entity side; only tests of the
statement mechanisms use it, so they do not depend on entity heuristics.
"""

from __future__ import annotations

import bisect

from kg.extract.doc import doc_text
from kg.extract.lexicon import grammar
from kg.extract.names import slug

PRONOUNS = grammar("pronouns", "male") | grammar("pronouns", "female")
FIRST = grammar("pronouns", "first_person")


class StubIndex:
    def __init__(self, doc):
        self.doc = doc
        self.entities: list[dict] = []
        self.gender: dict[str, str] = {}  # (the stub knows no genders)
        self._by_id: dict[str, dict] = {}
        self._spans: list[tuple[int, int, str]] = []
        by_last: dict[tuple[str, str], str] = {}
        ents = [e for e in doc.ents if e.label_ in ("PERSON", "ORG")]
        # Longest names first so "Rainsy" joins "Sam Rainsy".
        for e in sorted(ents, key=lambda e: (-len(e), e.start)):
            toks = [t for t in e if not (t.is_punct or t.lower_ in ("the",)) and t.tag_ != "POS"]
            if not toks:
                continue
            name = " ".join(t.text for t in toks)
            etype = "Person" if e.label_ == "PERSON" else "Organization"
            key = (etype, toks[-1].text.lower())
            eid = by_last.get(key)
            if eid is None:
                eid = ("person:" if etype == "Person" else "org:") + slug(name)
                by_last[key] = eid
                rec = {
                    "id": eid,
                    "type": etype,
                    "name": name,
                    "aliases": [],
                    "mentions": [],
                    "roles": [],
                    "holder": None,
                    "platform": None,
                    "handle": None,
                    "kind": None,
                    "redacted": False,
                    "metrics": [],
                    "rule": "stub-ner",
                }
                self.entities.append(rec)
                self._by_id[eid] = rec
            rec = self._by_id[eid]
            if name != rec["name"] and name not in rec["aliases"]:
                rec["aliases"].append(name)
            s, t_end = toks[0].idx, toks[-1].idx + len(toks[-1].text)
            rec["mentions"].append({"start": s, "end": t_end, "text": doc_text(doc)[s:t_end]})
            self._spans.append((s, t_end, eid))
        self._spans.sort()
        self._starts = [s[0] for s in self._spans]
        for rec in self.entities:
            rec["mentions"].sort(key=lambda m: m["start"])

    def resolve(self, start: int, end: int):
        text = doc_text(self.doc)[start:end].strip().lower()
        if text in FIRST:
            return None
        if text in PRONOUNS:
            i = bisect.bisect_left(self._starts, start) - 1
            while i >= 0:
                if self._by_id[self._spans[i][2]]["type"] == "Person":
                    return self._spans[i][2]
                i -= 1
            return None
        hits = {eid for s, e, eid in self._spans if s < end and e > start}
        people = {h for h in hits if self._by_id[h]["type"] == "Person"}
        if len(hits) == 1:
            return hits.pop()
        if len(people) == 1:
            return people.pop()
        return None

    def get(self, eid):
        return self._by_id[eid]

    def name(self, eid):
        return self._by_id[eid]["name"]

    def people(self):
        return [e for e in self.entities if e["type"] == "Person"]

"""The entity index: the entities of one article and a span -> entity lookup."""

from __future__ import annotations

import bisect
from dataclasses import dataclass, field

from .. import doc as D
from ..lexicon import entity_words, grammar

FIRST_PERSON = grammar("pronouns", "first_person_all")


def new_record(entity_id: str, etype: str, name: str, rule: str) -> dict:
    """An entity record with every contract key present."""
    return {
        "id": entity_id,
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
        "rule": rule,
    }


@dataclass
class EntityIndex:
    """The entities of one article and a span -> entity lookup."""

    entities: list[dict] = field(default_factory=list)
    doc: object = None
    text: str = ""  # doc.text, cached: spaCy rebuilds the string on every access
    # (start_char, end_char, entity_id, kind) sorted by start; kind: name|nominal|pronoun|handle|document
    _spans: list[tuple[int, int, str, str]] = field(default_factory=list)
    _starts: list[int] = field(default_factory=list)
    _by_id: dict[str, dict] = field(default_factory=dict)
    _mention_keys: set = field(default_factory=set)
    gender: dict[str, str] = field(default_factory=dict)  # person id -> "male"|"female", when the text says
    # organisations: the class nouns that name their kind ("party", "agency") and
    # the descriptors written before them ("ruling", "opposition"); those named
    # only by a definite description ("Philippine health ministry")
    _org_classes: dict[str, list[str]] = field(default_factory=dict)
    _org_descriptors: dict[str, list[str]] = field(default_factory=dict)
    _described: set[str] = field(default_factory=set)

    # -- the interface ---------------------------------------------------
    def resolve(self, start: int, end: int) -> str | None:
        """Entity id for the mention at character span [start, end), or None.

        A span inside a mention resolves to it ("Rainsy" of "Rainsy’s page" to
        Rainsy, the smallest). A longer span resolves by its syntactic head: to
        the mention holding the head ("CPP spokesman Sok Eysan" -> Sok Eysan);
        when the head is a common noun, to its possessor ("Hun Sen’s team") or
        to nothing ("the KAS staffer", "a Facebook post"); otherwise to the one
        entity (or the one person) it contains. First person gives None.
        """
        if start >= end:
            return None
        text = self._text(start, end)
        if text is not None and text.strip().lower() in FIRST_PERSON:
            return None
        hits = self.overlapping(start, end)
        if not hits:
            return None
        # The span sits inside one mention ("Rainsy" of "Rainsy's", "Hun" of "Hun Sen").
        inside = [h for h in hits if h[0] <= start and end <= h[1]]
        if inside:
            return min(inside, key=lambda h: h[1] - h[0])[2]
        contained = [h for h in hits if start <= h[0] and h[1] <= end]
        if not contained:
            # Partial overlap ("Sen’s page" with mention "Hun Sen"): accept one entity.
            ids = {h[2] for h in hits}
            return ids.pop() if len(ids) == 1 else None
        root = self.root(start, end)
        if root is not None:
            for h in sorted(contained, key=lambda h: h[1] - h[0]):
                if h[0] <= root.idx < h[1]:
                    return h[2]  # the head of the span is a mention
            if root.pos_ == "NOUN":
                # "Hun Sen’s team" is about Hun Sen; "the KAS staffer" and "a
                # Facebook post" are not about KAS or Facebook
                for c in root.children:
                    if c.dep_ == "poss":
                        return self.resolve(c.idx, c.idx + len(c.text))
                return self.document_owner(root, start, end)
        ids = {h[2] for h in contained}
        if len(ids) == 1:
            return ids.pop()
        people = {h[2] for h in contained if self._by_id[h[2]]["type"] == "Person"}
        return people.pop() if len(people) == 1 else None

    def document_owner(self, root, start: int, end: int) -> str | None:
        """ "A report by the Mozilla Foundation", "documents obtained by the
        party": a document or investigation speaks for the organisation that
        wrote or obtained it (entities.toml ``document_nouns``); anything else
        headed by a common noun resolves to nothing."""
        if root.lower_ not in entity_words("document_nouns"):
            return None
        by = [c for c in root.children if c.dep_ in ("prep", "agent") and c.lower_ == "by"]
        for v in root.children:  # "documents obtained by", "a report commissioned by"
            if v.dep_ == "acl" and v.tag_ == "VBN":
                by += [c for c in v.children if c.dep_ == "agent" and c.lower_ == "by"]
        for b in by:
            for p in b.children:
                if p.dep_ == "pobj" and start <= p.idx < end:
                    eid = self.resolve(p.idx, p.idx + len(p.text))
                    if eid and self._by_id[eid]["type"] == "Organization":
                        return eid
        return None

    def get(self, entity_id: str) -> dict:
        return self._by_id[entity_id]

    def name(self, entity_id: str) -> str:
        return self._by_id[entity_id]["name"]

    def people(self) -> list[dict]:
        return [e for e in self.entities if e["type"] == "Person"]

    # -- helpers used by the entity side -----------------------------------
    @property
    def spans(self) -> list[tuple[int, int, str, str]]:
        """Every mention as (start, end, entity id, kind), in text order
        (kind: name|nominal|pronoun|handle|account|document). Read-only."""
        return self._spans

    def set_org_kind(self, entity_id: str, classes: list[str], descriptors: list[str], described: bool = False) -> None:
        """Record what kind of organisation an entity is (see the fields above)."""
        self._org_classes[entity_id] = list(classes)
        self._org_descriptors[entity_id] = list(descriptors)
        if described:
            self._described.add(entity_id)

    def org_classes(self, entity_id: str) -> list[str]:
        """Class nouns of an organisation ("party", "company"), [] if none known."""
        return self._org_classes.get(entity_id, [])

    def org_descriptors(self, entity_id: str) -> list[str]:
        """Descriptors of an organisation ("ruling", "opposition"), [] if none known."""
        return self._org_descriptors.get(entity_id, [])

    def is_described(self, entity_id: str) -> bool:
        """Is the organisation named only by a description ("the Philippine health ministry")?"""
        return entity_id in self._described

    def ids(self) -> set[str]:
        """The ids of the entities registered so far."""
        return set(self._by_id)

    def orgs(self) -> list[dict]:
        return [e for e in self.entities if e["type"] == "Organization"]

    def accounts(self) -> list[dict]:
        return [e for e in self.entities if e["type"] == "Account"]

    def has(self, entity_id: str | None) -> bool:
        return entity_id in self._by_id

    def add_entity(self, record: dict) -> dict:
        if record["id"] in self._by_id:
            return self._by_id[record["id"]]
        self.entities.append(record)
        self._by_id[record["id"]] = record
        return record

    def add_mention(self, entity_id: str, start: int, end: int, kind: str = "name") -> None:
        """Record a mention (char offsets) of an entity; duplicates are ignored."""
        rec = self._by_id[entity_id]
        key = (entity_id, start, end)
        if key in self._mention_keys:
            return
        self._mention_keys.add(key)
        text = self.text[start:end]
        rec["mentions"].append({"start": start, "end": end, "text": text})
        i = bisect.bisect_left(self._starts, start)
        self._starts.insert(i, start)
        self._spans.insert(i, (start, end, entity_id, kind))

    def spans_between(self, lo: int, hi: int) -> list[tuple[int, int, str, str]]:
        """Mentions starting in [lo, hi), in text order."""
        return self._spans[bisect.bisect_left(self._starts, lo) : bisect.bisect_left(self._starts, hi)]

    def last_before(self, pos: int, pred, limit: int = 2000) -> tuple[int, int, str, str] | None:
        """The latest mention starting before pos that satisfies pred (looking
        back at most `limit` mentions, so the scan stays linear overall)."""
        hi = bisect.bisect_left(self._starts, pos)
        for j in range(hi - 1, max(-1, hi - 1 - limit), -1):
            if pred(self._spans[j]):
                return self._spans[j]
        return None

    def covered(self, start: int, end: int) -> bool:
        """A mention already spans all of [start, end)."""
        return any(h[0] <= start and end <= h[1] for h in self.overlapping(start, end))

    def merge_into(self, src: str, dst: str) -> None:
        """Fold entity src into dst (mentions, metrics); src disappears."""
        a, b = self._by_id[src], self._by_id[dst]
        for m in a["mentions"]:
            if not any(x["start"] == m["start"] and x["end"] == m["end"] for x in b["mentions"]):
                b["mentions"].append(m)
        for met in a["metrics"]:
            if not any(x["what"] == met["what"] and x["value"] == met["value"] for x in b["metrics"]):
                b["metrics"].append(met)
        self._spans = [(s, e, dst if eid == src else eid, k) for s, e, eid, k in self._spans]
        self._mention_keys = {(dst if eid == src else eid, s, e) for eid, s, e in self._mention_keys}
        self.entities.remove(a)
        del self._by_id[src]

    def entity_at_token(self, token) -> str | None:
        """Entity of the mention covering a token, if any."""
        s = token.idx
        return self.resolve(s, s + len(token.text))

    def overlapping(self, start: int, end: int) -> list[tuple[int, int, str, str]]:
        # Mentions are short; look back a bounded distance for ones starting earlier.
        i = bisect.bisect_left(self._starts, end)
        out = []
        j = i - 1
        while j >= 0 and self._spans[j][0] > start - 200:
            s, e, _, _ = self._spans[j]
            if s < end and e > start:
                out.append(self._spans[j])
            j -= 1
        return out

    def _text(self, start: int, end: int) -> str | None:
        return self.text[start:end] if self.text else None

    def root(self, start: int, end: int):
        """The syntactic head token of a character span (None without a Doc)."""
        if self.doc is None:
            return None
        a, b = D.tok_range(self.doc, start, end)  # the tokens overlapping the span
        if a >= b:
            return None
        return self.doc[a:b].root

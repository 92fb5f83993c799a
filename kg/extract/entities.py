"""People, organisations and accounts of one article, each once, with every mention.

``find_entities(doc)`` is the entry point of the entity side. It

1. takes spaCy's NER spans and repairs them (strip titles/possessives, relabel
   people tagged ORG/GPE, platforms tagged PERSON) -- ``ent_mentions``;
2. clusters name mentions into entities (full names, surname/first-name
   aliases only into a unique compatible full name, acronyms into the name they
   abbreviate) -- ``_cluster``;
3. finds roles (``roles``), pronoun and nominal coreference (``coref``) and
   online accounts with their metrics (``accounts``);

and returns an ``EntityIndex``: the contract ``entities`` records plus
``resolve(start, end)`` from a character span to an entity id, which the
statement side uses for speakers and targets.
"""

from __future__ import annotations

import bisect
from dataclasses import dataclass, field

from . import names as N
from . import doc as D
from . import lexicon as LX
from .ent_descriptions import find_descriptions
from .ent_mentions import Mention, find_name_mentions, string_match_mentions

FIRST_PERSON = frozenset({"i", "me", "my", "mine", "myself", "we", "us", "our", "ours", "ourselves"})


def new_record(entity_id: str, etype: str, name: str, rule: str) -> dict:
    """An entity record with every contract key present."""
    return {
        "id": entity_id, "type": etype, "name": name, "aliases": [], "mentions": [],
        "roles": [], "holder": None, "platform": None, "handle": None, "kind": None,
        "redacted": False, "metrics": [], "rule": rule,
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
    gender: dict[str, str] = field(default_factory=dict)
    ambiguous: list[tuple[int, int]] = field(default_factory=list)
    quote_mask: list[bool] = field(default_factory=list)  # set by coref
    lede_refs: dict = field(default_factory=dict)  # token -> person, for lede pronouns (coref)
    _tok_starts: list[int] = field(default_factory=list)  # token start/end chars, built once
    _tok_ends: list[int] = field(default_factory=list)

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
        hits = self._overlapping(start, end)
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
        root = self._root(start, end)
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
                return self._document_owner(root, start, end)
        ids = {h[2] for h in contained}
        if len(ids) == 1:
            return ids.pop()
        people = {h[2] for h in contained if self._by_id[h[2]]["type"] == "Person"}
        return people.pop() if len(people) == 1 else None

    def _document_owner(self, root, start: int, end: int) -> str | None:
        """"A report by the Mozilla Foundation", "documents obtained by the
        party": a document or investigation speaks for the organisation that
        wrote or obtained it (entities.toml ``document_nouns``); anything else
        headed by a common noun resolves to nothing."""
        if root.lower_ not in LX.lexicon_set("entities", "lexicon", "document_nouns"):
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
        return self._spans[bisect.bisect_left(self._starts, lo):bisect.bisect_left(self._starts, hi)]

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
        return any(h[0] <= start and end <= h[1] for h in self._overlapping(start, end))

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

    def _overlapping(self, start: int, end: int) -> list[tuple[int, int, str, str]]:
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

    def _root(self, start: int, end: int):
        """The syntactic head token of a character span (None without a Doc).

        Token offsets are computed once per index, so finding the tokens of a
        span is two binary searches (no ``doc.text`` rebuild, no ``char_span``).
        """
        if self.doc is None:
            return None
        if len(self._tok_starts) != len(self.doc):
            self._tok_starts = list(D.token_table(self.doc).idx)
            texts = D.token_texts(self.doc)
            self._tok_ends = [s + len(w) for s, w in zip(self._tok_starts, texts)]
        # first token ending after start, last token starting before end ("expand")
        a = bisect.bisect_right(self._tok_ends, start)
        b = bisect.bisect_left(self._tok_starts, end)
        if a >= b:
            return None
        return self.doc[a:b].root


def find_entities(doc) -> EntityIndex:
    """All people, organisations and accounts of an article (see module doc)."""
    from . import accounts, coref, roles

    index = EntityIndex(doc=doc, text=D.doc_text(doc))
    handles = accounts.find_handles(doc)
    mentions = find_name_mentions(doc, handles)
    _cluster(doc, mentions, index, handles)
    # Names spaCy missed the second time ("Sokha" untagged): exact string matches.
    for m in string_match_mentions(doc, index, mentions):
        index.add_mention(m.entity, m.start_char, m.end_char, "name")
    # Unnamed organisations that speak ("The Philippine health ministry denied")
    find_descriptions(doc, index)
    roles.attach_roles(doc, index)
    coref.resolve_references(doc, index)
    accounts.attach_accounts(doc, index, handles)
    _finish(index)
    return index


# ---------------------------------------------------------------------------
# clustering


def _cluster(doc, mentions: list[Mention], index: EntityIndex, handles) -> None:
    """Group name mentions into entities and register them in the index."""
    from .accounts import handle_record

    # Handles first: a pseudonymous source named "Seiha" is the account, not a person.
    handle_ids: dict[str, str] = {}
    for h in handles:
        rec = index.add_entity(handle_record(h))
        handle_ids[N.norm(h["handle"])] = rec["id"]
        index.add_mention(rec["id"], h["start"], h["end"], "handle")

    people = [m for m in mentions if m.label == "PERSON"]
    orgs = [m for m in mentions if m.label == "ORG"]

    for m in mentions:
        if m.label in ("PERSON", "ORG") and N.norm(m.name) in handle_ids:
            m.entity = handle_ids[N.norm(m.name)]
            m.label = "HANDLE"

    groups, ambiguous = _cluster_people([m for m in people if m.label == "PERSON"])
    # "Mr Smith" with both John and Jane Smith in the story: no entity, but a
    # person all the same (coref lets them hold a salience slot)
    index.ambiguous = [(m.start_char, m.end_char) for m in ambiguous]
    org_groups = _cluster_orgs([m for m in orgs if m.label == "ORG"])

    # Register in order of first mention so output order is deterministic.
    allg = [("Person", g) for g in groups] + [("Organization", g) for g in org_groups]
    allg.sort(key=lambda tg: min(m.start_char for m in tg[1]))
    used_ids: set[str] = set(index._by_id)
    for etype, g in allg:
        canonical, rule = _canonical(g, etype)
        prefix = "person" if etype == "Person" else "org"
        eid = f"{prefix}:{N.slug(canonical)}"
        k = 2
        while eid in used_ids:
            eid = f"{prefix}:{N.slug(canonical)}-{k}"
            k += 1
        used_ids.add(eid)
        rec = index.add_entity(new_record(eid, etype, canonical, rule))
        for m in sorted(g, key=lambda m: m.start_char):
            m.entity = eid
            index.add_mention(eid, m.start_char, m.end_char, "name")
            if m.gender and etype == "Person":
                index.gender.setdefault(eid, m.gender)
        if etype == "Organization":
            rec["_classes"] = sorted({c for m in g for c in m.classes})
            rec["_descriptors"] = sorted({c for m in g for c in m.descriptors})
    for m in mentions:
        if m.label == "HANDLE" and m.entity:
            index.add_mention(m.entity, m.start_char, m.end_char, "handle")


def _is_subseq(short: tuple, long: tuple) -> bool:
    n = len(short)
    return n < len(long) and any(long[i:i + n] == short for i in range(len(long) - n + 1))


def _cluster_people(people: list[Mention]) -> tuple[list[list[Mention]], list[Mention]]:
    """Full names group by identity; shorter names join a unique compatible longer one.

    "Dara" joins "Duong Dara" and "Chong Leang" joins "Ueng Chong Leang" only
    when no other full name in the article contains them; "Sam" with both "Sam
    Rainsy" and "Sam Sary" present stays unresolved (dropped) rather than
    guessed. "Warren Buffett" and "Elizabeth Warren" never merge.
    """
    by_key: dict[tuple, list[Mention]] = {}
    for m in people:
        by_key.setdefault(N.name_tokens(m.name), []).append(m)
    keys = sorted(by_key, key=lambda k: (-len(k), min(m.start_char for m in by_key[k])))
    parent: dict[tuple, tuple] = {}
    roots: list[tuple] = []
    ambiguous: list[Mention] = []
    by_word: dict[str, list[tuple]] = {}  # word -> full names holding it (no all-pairs scan)
    late: dict[tuple, list[Mention]] = {}  # ambiguous short names settled by position
    for k in keys:
        longer = [r for r in by_word.get(k[0], []) if _is_subseq(k, r)] if k else []
        # "Mr. Menendez" is not "His wife, Nadine Menendez": a gender clash keeps them apart
        g_short = {m.gender for m in by_key[k] if m.gender}
        longer = [r for r in longer if not (g_short and {m.gender for m in by_key[r] if m.gender} - g_short)]
        if len(longer) == 1:
            parent[k] = longer[0]
            continue
        if len(longer) > 1:
            pick = _disambiguate(by_key[k], longer, by_key)
            if pick is not None:
                parent[k] = pick
            else:
                parent[k] = None  # ambiguous: no entity for these mentions...
                for m in by_key[k]:
                    # ...unless only one of the candidates had been named yet:
                    # "Grant" before "Sarah Grant" appears is the Oliver Grant
                    # named earlier (news introduces the second one in full)
                    before = [c for c in longer if min(x.start_char for x in by_key[c]) < m.start_char]
                    if len(before) == 1:
                        late.setdefault(before[0], []).append(m)
                    else:
                        ambiguous.append(m)
            continue
        parent[k] = k
        roots.append(k)
        for w in set(k):
            by_word.setdefault(w, []).append(k)
    groups: dict[tuple, list[Mention]] = {}
    for k, ms in by_key.items():
        root = parent.get(k)
        if root is None:
            continue
        groups.setdefault(root, []).extend(ms)
    for k, ms in late.items():
        root = k
        while parent.get(root, root) != root:
            root = parent[root]
        if root in groups:
            groups[root].extend(ms)
    return [groups[r] for r in roots if r in groups], ambiguous


def _disambiguate(short_ms: list[Mention], candidates: list[tuple], by_key) -> tuple | None:
    """Pick among several full names by a shared title or honorific gender."""
    titles = {t for m in short_ms for t in m.titles}
    if titles:
        fit = [c for c in candidates if titles & {t for m in by_key[c] for t in m.titles}]
        if len(fit) == 1:
            return fit[0]
    genders = {m.gender for m in short_ms if m.gender}
    if len(genders) == 1:
        g = genders.pop()
        fit = [c for c in candidates if {m.gender for m in by_key[c] if m.gender} == {g}]
        if len(fit) == 1:
            return fit[0]
    # A lone name that ends exactly one candidate is that candidate's surname or
    # given name as news prose uses it ("Warren" with Elizabeth Warren and Warren
    # Buffett; "Dara" of Duong Dara); if it ends several ("Smith") or none ("Sam"
    # of Sam Rainsy and Sam Sary) we do not guess.
    short = N.name_tokens(short_ms[0].name)
    fit = [c for c in candidates if c[-len(short):] == short]
    if len(fit) == 1:
        return fit[0]
    return None


def _org_key(m: Mention) -> str:
    stem = N.domain_stem(m.name)
    if stem:
        return stem
    t = N.norm(N.strip_possessive(m.name))
    if t.startswith("the "):
        t = t[4:]
    return t


def _cluster_orgs(orgs: list[Mention]) -> list[list[Mention]]:
    """Organisations by normalised name, domain stem and acronym."""
    by_key: dict[str, list[Mention]] = {}
    for m in orgs:
        by_key.setdefault(_org_key(m), []).append(m)
    def short(k):  # "CDU", or "DFRLab" given in brackets after its full name
        return N.is_acronym(by_key[k][0].name) or any(m.paren_of for m in by_key[k])

    full = [k for k in by_key if not short(k)]
    acr = [k for k in by_key if short(k)]
    # Explicit "Christian Democratic Union (CDU)" pairs beat initials.
    explicit: dict[str, str] = {}
    for k in acr:
        for m in by_key[k]:
            if m.paren_of:
                explicit[k] = _org_key(m.paren_of)
    parent: dict[str, str] = {k: k for k in by_key}
    # "Meta" after "Meta Platforms Inc", "Labour" with "Labour Party": a short
    # name that starts exactly one longer organisation name is that organisation
    by_prefix: dict[tuple, list[str]] = {}  # proper prefixes of each name -> names
    by_initials: dict[str, list[str]] = {}
    for f in full:
        ft = tuple(f.split())
        for n in range(1, len(ft)):
            by_prefix.setdefault(ft[:n], []).append(f)
        by_initials.setdefault(N.initials(by_key[f][0].name), []).append(f)
    for k in full:
        longer = by_prefix.get(tuple(k.split()), [])
        if len(longer) == 1:
            parent[k] = longer[0]
    for k in acr:
        a = by_key[k][0].name.replace(".", "")
        if k in explicit and explicit[k] in by_key:
            parent[k] = explicit[k]
            continue
        fits = by_initials.get(a, [])
        if len(fits) == 1:
            parent[k] = fits[0]
    groups: dict[str, list[Mention]] = {}
    for k, ms in by_key.items():
        groups.setdefault(parent[k], []).extend(ms)
    return sorted(groups.values(), key=lambda g: min(m.start_char for m in g))


def _canonical(group: list[Mention], etype: str) -> tuple[str, str]:
    """Fullest proper name of a group and the rule that found its first mention."""
    first = min(group, key=lambda m: m.start_char)
    if etype == "Person":
        best = max(group, key=lambda m: (len(N.name_tokens(m.name)), -m.start_char))
        return best.name, first.rule
    non_acr = [m for m in group if not N.is_acronym(m.name) and not N.domain_stem(m.name)]
    pool = non_acr or group
    best = max(pool, key=lambda m: (len(N.name_tokens(m.name)), m.name[:1].isupper(), -m.start_char))
    name = N.strip_possessive(best.name)
    if name.lower().startswith("the "):
        name = name[4:]
    return name, first.rule


def _finish(index: EntityIndex) -> None:
    """Aliases, mention order, private keys removed, entity order by first mention."""
    by_entity: dict[str, list[tuple[int, int]]] = {}
    for start, end, eid, kind in index._spans:
        if kind not in ("pronoun", "account", "document"):
            by_entity.setdefault(eid, []).append((start, end))
    for rec in index.entities:
        rec["mentions"].sort(key=lambda m: (m["start"], m["end"]))
        seen = {N.norm(rec["name"])}
        aliases = []
        for start, end in by_entity.get(rec["id"], []):
            t = N.strip_possessive(" ".join(index.text[start:end].split()))
            t = " ".join(t.replace("“", "").replace("”", "").replace('"', "").split()).strip("'‘’")
            if t and N.norm(t) not in seen:
                seen.add(N.norm(t))
                aliases.append(t)
        rec["aliases"] = aliases
        for k in [k for k in rec if k.startswith("_")]:
            del rec[k]
    index.entities.sort(key=lambda r: (r["mentions"][0]["start"] if r["mentions"] else 10**12, r["id"]))

"""Cross-article identity of people and organisations, conservatively.

Within an article the extractor already resolves "Rainsy" to "Sam Rainsy". Across
articles, agents share an IRI when their canonical names are equal, and also:

* a person an article names by one word ("Rainsy said...") is the one person
  in the store for whom some article used that word as an alias (the earlier
  alias is the evidence);
* a person named with a middle name or initial ("Donald J. Trump") is the one
  known person with the same first and last names ("Donald Trump"), and the
  other way round;
* an organisation named by an acronym ("CNRP") is the one known organisation
  that some article gave that acronym as an alias, or whose full name has
  those initials ("Cambodia National Rescue Party"); and a full name whose
  initials are the name of exactly one known acronym-named organisation is it.

Two people who merely share a surname, a word or initials that several known
agents answer to, or a name already known as itself, stay apart. (A wrong
merge or a missed one is fixed with `kg curate merge-entities/split-entity`.)
"""

from __future__ import annotations

import re
import unicodedata

from rdflib import URIRef

from .ids import entity_iri
from .store import Store

_LABELS = """
SELECT DISTINCT ?x ?class ?name ?label WHERE { GRAPH ?g {
  ?x a ?class ; schema:name ?name . VALUES ?class { kg:Person kg:Organization }
  OPTIONAL { ?x kg:alias ?label } } }
"""
# Words an acronym may skip ("Department of Justice" is DOJ, "Federal Bureau of
# Investigation" is FBI: both readings are tried).
_FUNCTION_WORDS = {"of", "the", "and", "for", "in", "on", "to", "de", "du", "des", "la", "le", "&"}
_ACRONYM = re.compile(r"^[A-Z][A-Z0-9&]{1,7}$")
_INITIAL = re.compile(r"^[A-Z]\.?$")


def _fold(s: str) -> str:
    return unicodedata.normalize("NFKD", s).encode("ascii", "ignore").decode("ascii").casefold().strip()


def initials(name: str) -> set[str]:
    """Acronyms a full name may go by: with and without its function words."""
    words = [w for w in re.split(r"[\s\-–/]+", name.replace("’", "'")) if w]
    if len(words) < 2:
        return set()
    full = "".join(w[0] for w in words if w[0].isalnum()).upper()
    content = "".join(w[0] for w in words if w.lower() not in _FUNCTION_WORDS and w[0].isalnum()).upper()
    return {a for a in (full, content) if len(a) >= 2}


def is_acronym(name: str) -> bool:
    return bool(_ACRONYM.match(name.replace(".", "")))


def _first_last(name: str) -> tuple[str, str, int] | None:
    parts = name.split()
    if len(parts) < 2:
        return None
    middle = parts[1:-1]
    return _fold(parts[0]), _fold(parts[-1]), len(middle)


class AliasIndex:
    def __init__(self, store: Store | None = None):
        self._by_alias: dict[tuple[str, str], set[URIRef]] = {}  # (type, label) -> agents
        self._name: dict[URIRef, str] = {}
        self._known: set[URIRef] = set()
        self._by_initials: dict[str, set[URIRef]] = {}  # full-named organisations
        self._acronym_named: dict[str, set[URIRef]] = {}  # organisations named by an acronym
        self._by_first_last: dict[tuple[str, str], set[URIRef]] = {}
        if store is not None:
            seen: set[tuple] = set()
            for x, cls, name, label in store.query(_LABELS):
                kind = "Person" if str(cls).endswith("Person") else "Organization"
                if (x, str(name)) not in seen:
                    seen.add((x, str(name)))
                    self._remember(kind, x, str(name))
                if label is not None:
                    self._by_alias.setdefault((kind, str(label)), set()).add(x)

    def _remember(self, kind: str, iri: URIRef, name: str) -> None:
        self._known.add(iri)
        if kind == "Person":
            if len(name.split()) > 1:
                self._name.setdefault(iri, name)
                fl = _first_last(name)
                self._by_first_last.setdefault(fl[:2], set()).add(iri)
            return
        if is_acronym(name):
            self._acronym_named.setdefault(name.replace(".", "").upper(), set()).add(iri)
        else:
            self._name.setdefault(iri, name)
            for a in initials(name):
                self._by_initials.setdefault(a, set()).add(iri)

    def link(self, records: dict) -> dict[str, URIRef]:
        """Entity id -> IRI for one article's records.

        A linked agent takes the known full name as its name in these records
        (in place) and keeps the name the article used as an alias, so every
        graph names the node the same way.
        """
        out = {}
        for e in records.get("entities", []):
            iri = entity_iri(e["id"])
            # a one-word person name always looks for its alias evidence (the
            # word alone may be a node of its own from an earlier article);
            # other names only when the store does not know them as they are
            single = e["type"] == "Person" and len(e["name"].split()) == 1
            known = self._match(e, iri) if single or iri not in self._known else None
            if known is not None:
                iri = known
                full = self._name.get(iri)
                if full and full != e["name"] and (e["type"] == "Person" or is_acronym(e["name"])):
                    e["aliases"] = sorted(set(e.get("aliases") or []) | {e["name"]})
                    e["name"] = full
                elif e["type"] == "Organization" and not is_acronym(e["name"]):
                    # the full name arrives after the acronym: keep it, the acronym is an alias
                    e["aliases"] = sorted(set(e.get("aliases") or []) | self._acronyms_of(iri))
            out[e["id"]] = iri
        return out

    def _acronyms_of(self, iri: URIRef) -> set[str]:
        return {a for a, xs in self._acronym_named.items() if iri in xs}

    def _match(self, e: dict, own: URIRef) -> URIRef | None:
        name = e["name"]
        if e["type"] == "Person":
            if len(name.split()) == 1:
                return _one(self._by_alias.get(("Person", name), set()) - {own})
            fl = _first_last(name)
            cands = {
                x
                for x in self._by_first_last.get(fl[:2], set()) - {own}
                if _middles_compatible(name, self._name.get(x, ""))
            }
            return _one(cands)
        if e["type"] != "Organization":
            return None
        if is_acronym(name):
            key = name.replace(".", "").upper()
            by_alias = self._by_alias.get(("Organization", name), set()) - {own}
            return _one(by_alias) or (None if by_alias else _one(self._by_initials.get(key, set()) - {own}))
        return _one(set().union(*(self._acronym_named.get(a, set()) for a in initials(name))) - {own})

    def add(self, records: dict, iris: dict[str, URIRef]) -> None:
        """Remember this article's names and aliases for the articles after it."""
        for e in records.get("entities", []):
            if e["type"] not in ("Person", "Organization"):
                continue
            iri = iris[e["id"]]
            self._remember(e["type"], iri, e["name"])
            for alias in e.get("aliases") or []:
                self._by_alias.setdefault((e["type"], alias), set()).add(iri)


def _one(xs: set) -> URIRef | None:
    return next(iter(xs)) if len(xs) == 1 else None


def _middles_compatible(a: str, b: str) -> bool:
    """'Donald J. Trump' and 'Donald John Trump' and 'Donald Trump' agree; 'John A.
    Smith' and 'John B. Smith' do not (same first and last names assumed)."""
    ma, mb = a.split()[1:-1], b.split()[1:-1]
    if not ma or not mb:
        return True
    if len(ma) != len(mb):
        return False
    for x, y in zip(ma, mb):
        if _INITIAL.match(x) or _INITIAL.match(y):
            if _fold(x)[0] != _fold(y)[0]:
                return False
        elif _fold(x) != _fold(y):
            return False
    return True

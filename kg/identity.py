"""Cross-article identity of people, conservatively.

Within an article the extractor already resolves "Rainsy" to "Sam Rainsy". Across
articles, agents share an IRI when their canonical names are equal. An article
that names someone only by one word ("Rainsy said...") gets linked to a known
person only when the store has exactly one person for whom some article used that
word as an alias: that earlier alias is the evidence. Two people who merely share
a surname, or a single word that several known people answer to, stay apart.
"""

from __future__ import annotations

from rdflib import URIRef

from .ids import entity_iri
from .store import Store

_LABELS = """
SELECT DISTINCT ?x ?name ?label WHERE { GRAPH ?g { ?x a kg:Person ; schema:name ?name ; kg:alias ?label } }
"""


class AliasIndex:
    def __init__(self, store: Store | None = None):
        self._by_alias: dict[str, set[URIRef]] = {}
        self._name: dict[URIRef, str] = {}
        if store is not None:
            for x, name, label in store.query(_LABELS):
                self._by_alias.setdefault(str(label), set()).add(x)
                if len(str(name).split()) > 1:
                    self._name[x] = str(name)

    def link(self, records: dict) -> dict[str, URIRef]:
        """Entity id -> IRI for one article's records.

        A linked person takes the known full name as its name in these
        records (in place) and keeps the word the article used as an alias, so
        every graph names the node the same way.
        """
        out = {}
        for e in records.get("entities", []):
            iri = entity_iri(e["id"])
            if e["type"] == "Person" and len(e["name"].split()) == 1:
                known = self._by_alias.get(e["name"], set()) - {iri}
                if len(known) == 1:
                    iri = next(iter(known))
                    if iri in self._name:
                        e["aliases"] = sorted(set(e.get("aliases") or []) | {e["name"]})
                        e["name"] = self._name[iri]
            out[e["id"]] = iri
        return out

    def add(self, records: dict, iris: dict[str, URIRef]) -> None:
        """Remember this article's aliases for the articles after it."""
        for e in records.get("entities", []):
            if e["type"] == "Person":
                if len(e["name"].split()) > 1:
                    self._name.setdefault(iris[e["id"]], e["name"])
                for alias in e.get("aliases") or []:
                    self._by_alias.setdefault(alias, set()).add(iris[e["id"]])

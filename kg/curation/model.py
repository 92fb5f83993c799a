"""A correction as data, and as the named graph that stores it.

Each correction lives in its own graph <kgid:curation/ID> (ID: 10 hex digits),
which holds one kg:Correction (a prov:Activity): the operation, what it is
about (statement anchors: article, content offsets and exact text; entity
IRIs), the new value, who (prov:wasAssociatedWith a kg:Curator), when
(prov:endedAtTime) and why (kg:reason), and its undo log: the exact quads it
removed from and added to each article graph (kg:undoLog, JSON text).
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass, field, replace

from rdflib import Literal, URIRef
from rdflib.namespace import PROV, RDF, XSD

from ..ids import slug
from ..namespace import ID, KG, OA, SCHEMA

OPERATIONS = (
    "reject-statement",
    "reject-entity",
    "set-link",
    "remove-link",
    "set-kind",
    "set-speaker",
    "merge-entities",
    "split-entity",
    "merge-claims",
    "split-claim",
)
GRAPH_PREFIX = str(ID["curation/"])


@dataclass(frozen=True)
class Anchor:
    """Where a statement is: robust to re-extraction (offsets, then exact text)."""

    role: str  # subject | object
    article: str  # article graph IRI when made
    start: int  # content offsets
    end: int
    exact: str  # content text
    source: str = ""  # the article's kg:sourcePath


@dataclass(frozen=True)
class Correction:
    op: str
    who: str
    when: str  # ISO date-time, UTC
    why: str = ""
    anchors: tuple[Anchor, ...] = ()
    entities: tuple[str, ...] = ()
    new_entity: str | None = None
    new_value: str | None = None
    articles: tuple[str, ...] = ()  # scope (split-entity)
    id: str = ""
    logs: dict = field(default_factory=dict, compare=False)  # graph -> {"removed": nquads, "added": nquads}

    def __post_init__(self):
        if not self.id:
            key = json.dumps(
                [
                    self.op,
                    self.who,
                    self.when,
                    self.why,
                    [a.__dict__ for a in self.anchors],
                    list(self.entities),
                    self.new_entity,
                    self.new_value,
                    list(self.articles),
                ],
                sort_keys=True,
            )
            object.__setattr__(self, "id", hashlib.sha1(key.encode("utf-8")).hexdigest()[:10])

    @property
    def graph(self) -> URIRef:
        return URIRef(GRAPH_PREFIX + self.id)

    def anchor(self, role: str) -> Anchor | None:
        return next((a for a in self.anchors if a.role == role), None)

    def with_logs(self, logs: dict) -> "Correction":
        return replace(self, logs=logs)


def to_triples(c: Correction, with_logs: bool = True) -> list[tuple]:
    node = c.graph
    who = ID[f"curator/{slug(c.who)}"]
    out = [
        (node, RDF.type, KG.Correction),
        (node, RDF.type, PROV.Activity),
        (node, KG.operation, Literal(c.op)),
        (node, PROV.wasAssociatedWith, who),
        (node, PROV.endedAtTime, Literal(c.when, datatype=XSD.dateTime)),
        (who, RDF.type, KG.Curator),
        (who, RDF.type, PROV.Agent),
        (who, SCHEMA.name, Literal(c.who)),
    ]
    if c.why:
        out.append((node, KG.reason, Literal(c.why)))
    for a in c.anchors:
        an = URIRef(f"{node}/anchor/{a.role}")
        out += [
            (node, KG.anchor, an),
            (an, RDF.type, KG.Anchor),
            (an, KG.anchorRole, Literal(a.role)),
            (an, KG.anchorArticle, URIRef(a.article)),
            (an, OA.start, Literal(a.start)),
            (an, OA.end, Literal(a.end)),
            (an, OA.exact, Literal(a.exact)),
        ]
        if a.source:
            out.append((an, KG.anchorSource, Literal(a.source)))
    out += [(node, KG.entity, URIRef(e)) for e in c.entities]
    out += [(node, KG.inArticles, URIRef(g)) for g in c.articles]
    if c.new_entity:
        out.append((node, KG.newEntity, URIRef(c.new_entity)))
    if c.new_value is not None:
        out.append((node, KG.newValue, Literal(c.new_value)))
    if with_logs:
        for g in sorted(c.logs):
            out.append(
                (node, KG.undoLog, Literal(json.dumps({"graph": g, **c.logs[g]}, ensure_ascii=False, sort_keys=True)))
            )
    return out


def from_rows(node: str, rows: list[tuple[str, object]], anchors: dict[str, dict]) -> Correction:
    """A correction from its graph's (predicate, object) rows and its anchors' properties."""
    get = {}
    multi: dict[str, list] = {}
    for p, o in rows:
        get[p] = o
        multi.setdefault(p, []).append(o)
    logs = {}
    for text in multi.get(str(KG.undoLog), []):
        d = json.loads(str(text))
        logs[d.pop("graph")] = d
    anch = tuple(
        sorted(
            (
                Anchor(
                    str(a[str(KG.anchorRole)]),
                    str(a[str(KG.anchorArticle)]),
                    int(a[str(OA.start)]),
                    int(a[str(OA.end)]),
                    str(a[str(OA.exact)]),
                    str(a.get(str(KG.anchorSource), "")),
                )
                for a in anchors.values()
            ),
            key=lambda a: a.role,
        )
    )
    who = str(get.get("who", ""))
    return Correction(
        op=str(get[str(KG.operation)]),
        who=who,
        when=str(get[str(PROV.endedAtTime)]),
        why=str(get.get(str(KG.reason), "")),
        anchors=anch,
        entities=tuple(sorted(str(e) for e in multi.get(str(KG.entity), []))),
        new_entity=str(get[str(KG.newEntity)]) if str(KG.newEntity) in get else None,
        new_value=str(get[str(KG.newValue)]) if str(KG.newValue) in get else None,
        articles=tuple(sorted(str(g) for g in multi.get(str(KG.inArticles), []))),
        id=node[len(GRAPH_PREFIX) :],
        logs=logs,
    )

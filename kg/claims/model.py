"""What claim grouping works on: statements read from the store, and claims
with their members' compact features (the claim profile kept in the index)."""

from __future__ import annotations

import json
from collections import Counter
from dataclasses import dataclass, field

from ..ids import global_iri
from ..namespace import ID


def short(iri: str) -> str:
    """An IRI under kgid: without the base (person/hun-sen), others as they are."""
    base = str(ID)
    return iri[len(base) :] if iri.startswith(base) else iri


def index_key(about: str, key: str) -> str:
    """(who a claim is about, content key) -> the key it is indexed by."""
    return f"{short(about)}|{key}"


@dataclass(frozen=True)
class Mention:
    start: int
    end: int
    entity: str  # IRI
    cls: str  # "Person" | "Organization" | "Account"


@dataclass
class Stmt:
    """One statement as the store holds it (after corrections)."""

    iri: str
    article: str  # the article graph IRI
    kind: str  # extractor kind: allegation, accusation, claim, confirmation, denial ...
    content: str
    start: int  # content offsets into the article text
    end: int
    sentence: tuple[int, int] = (0, 0)
    targets: tuple[str, ...] = ()
    speaker: str | None = None
    denies: tuple[str, ...] = ()
    mentions: tuple[Mention, ...] = ()  # entity mentions inside the content
    names: dict = field(default_factory=dict)  # entity IRI -> name
    order: tuple = ()  # processing order: (article date or "", article, content start)
    # words that name one agent of the article ("khan", "isis"), for names the
    # extractor did not record as mentions inside this content: word -> (IRI, class)
    name_words: dict = field(default_factory=dict)


@dataclass
class Member:
    """A statement's place in a claim, with the features it was matched on."""

    stmt: str
    article: str
    kind: str
    stance: str  # asserts | denies
    keys: tuple[str, ...]
    persons: tuple[str, ...]
    about: tuple[str, ...]
    rule: str
    evidence: str
    score: float | None = None
    label: str = ""  # a label this member would give the claim

    def packed(self) -> dict:
        out = {
            "s": self.stmt,
            "g": self.article,
            "kd": self.kind,
            "st": self.stance,
            "k": list(self.keys),
            "p": list(self.persons),
            "a": list(self.about),
            "r": self.rule,
            "e": self.evidence,
            "l": self.label,
        }
        if self.score is not None:
            out["sc"] = round(self.score, 4)
        return out

    @classmethod
    def unpacked(cls, d: dict) -> "Member":
        return cls(
            d["s"],
            d["g"],
            d["kd"],
            d["st"],
            tuple(d["k"]),
            tuple(d["p"]),
            tuple(d["a"]),
            d["r"],
            d["e"],
            d.get("sc"),
            d.get("l", ""),
        )


class Claim:
    """A proposition and the statements that assert or deny it."""

    def __init__(
        self, seed: str, label: str = "", members: dict | None = None, names: dict | None = None, salt: str = ""
    ):
        self.seed = seed
        # the IRI derives from the statement that opened the claim (and a salt
        # when that statement is split out of a claim that already bears it)
        self.iri = str(global_iri("claim", seed, salt) if salt else global_iri("claim", seed))
        self.label = label
        self.members: dict[str, Member] = dict(members or {})
        self.names: dict[str, str] = dict(names or {})  # entity IRI -> name, for the label
        self.new_members: set[str] = set()  # written since loaded
        self.restructured = False  # members left or moved: rewrite all memberships

    # -- derived -------------------------------------------------------------
    def about_counts(self) -> Counter:
        return Counter(a for m in self.members.values() for a in m.about)

    def about(self) -> list[str]:
        """Who the claim is about: the entities most of its members are about."""
        counts = self.about_counts()
        if not counts:
            return []
        top = max(counts.values())
        return sorted(a for a, n in counts.items() if n * 2 >= top)

    def persons(self) -> set[str]:
        return {p for m in self.members.values() for p in m.persons} | {
            a for m in self.members.values() for a in m.about
        }

    def index_keys(self) -> set[str]:
        """Keys a new statement finds this claim by: (who it is about, content key)."""
        # also under no one (""): a statement whose target the extractor
        # missed or got wrong still finds the claim by content
        abouts = {a for m in self.members.values() for a in m.about} | {""}
        keys = {k for m in self.members.values() for k in m.keys}
        return {index_key(a, k) for a in abouts for k in keys}

    def stances(self) -> set[str]:
        return {m.stance for m in self.members.values()}

    # -- changes ---------------------------------------------------------------
    def add(self, m: Member) -> None:
        self.members[m.stmt] = m
        self.new_members.add(m.stmt)
        if m.label and (not self.label or (m.stance == "asserts" and self._label_from_denial())):
            self.label = m.label

    def _label_from_denial(self) -> bool:
        return all(mm.stance == "denies" for mm in self.members.values() if mm.label == self.label)

    def remove(self, stmt: str) -> None:
        if self.members.pop(stmt, None) is not None:
            self.restructured = True
            self.new_members.discard(stmt)
            if self.seed == stmt and self.members:
                # the IRI stays (it is the claim's identity); the seed link moves
                self.seed = next(iter(self.members))
            self._relabel()

    def _relabel(self) -> None:
        if not self.members:
            return
        asserting = [m for m in self.members.values() if m.stance == "asserts" and m.label]
        pool = asserting or [m for m in self.members.values() if m.label]
        if pool and self.label not in {m.label for m in pool}:
            self.label = pool[0].label

    # -- profile ---------------------------------------------------------------
    def profile(self) -> str:
        return json.dumps(
            {
                "seed": self.seed,
                "label": self.label,
                "names": self.names,
                "members": [m.packed() for m in self.members.values()],
            },
            ensure_ascii=False,
            separators=(",", ":"),
            sort_keys=True,
        )

    @classmethod
    def from_profile(cls, iri: str, text: str) -> "Claim":
        d = json.loads(text)
        members = {mm["s"]: Member.unpacked(mm) for mm in d["members"]}
        c = cls(d["seed"], d.get("label", ""), members, d.get("names"))
        c.iri = iri  # the stored IRI (a claim keeps its IRI when its seed leaves)
        return c

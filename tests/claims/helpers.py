"""Claims of a store as plain data for assertions."""

from __future__ import annotations

from kg.claims.index import CLAIMS_GRAPH, select


def groups(store) -> dict[str, dict]:
    """claim IRI -> {"label", "members": {statement IRI: stance}, "speakers": {stance: set(names)}}."""
    rows = select(
        store,
        f"""SELECT ?c ?label ?s ?stance ?who ?content WHERE {{
        GRAPH <{CLAIMS_GRAPH}> {{ ?c rdfs:label ?label ; kg:membership ?m . ?m kg:statement ?s ; kg:stance ?stance }}
        GRAPH ?g {{ ?s kg:contentText ?content OPTIONAL {{ ?s kg:speaker/schema:name ?who }} }} }}""",
    )
    out: dict[str, dict] = {}
    for c, label, s, stance, who, content in rows:
        d = out.setdefault(
            c, {"label": label, "members": {}, "speakers": {"asserts": set(), "denies": set()}, "contents": {}}
        )
        d["members"][s] = stance
        d["contents"][s] = content
        if who:
            d["speakers"][stance].add(who)
    return out


def claim_with(store, words: str) -> dict:
    """The one claim that has a member whose content contains ``words``."""
    hits = [d for d in groups(store).values() if any(words in c for c in d["contents"].values())]
    assert len(hits) == 1, f"{len(hits)} claims contain {words!r}"
    return hits[0]


def partition(store) -> set[frozenset]:
    """The grouping as a set of member sets (independent of claim IRIs)."""
    return {frozenset(d["members"].items()) for d in groups(store).values()}

"""A small store built from hand-written extractor records (the extractor is
developed separately; docs/extractor-contract.md is the contract).

Article 1 mirrors the bundled corpus: a leaker alleges, Sam Rainsy accuses,
Hun Sen and Duong Dara deny, an unresolved group ("Spokesmen for both
sides") denies without a linked allegation, roles in organisations and a
Facebook page. Article 2 is hostile: markup and script in its title,
sentences and a person's name, to prove the map never runs it.
"""

from __future__ import annotations

import random
from pathlib import Path

import networkx as nx

import pytest

from kg.cleaning import ArticleText
from kg.graph import article_graph
from kg.store import open_store

PWN_SCRIPT = "</script><script>window.__pwned=1</script>"
PWN_IMG = '<img src=x onerror="window.__pwned=1">'


def _span(raw: str, text: str) -> dict:
    start = raw.index(text)
    return {"start": start, "end": start + len(text), "text": text}


def _entity(raw, eid, etype, name, *, aliases=(), roles=(), holder=None, platform=None, kind=None):
    return {
        "id": eid,
        "type": etype,
        "name": name,
        "aliases": list(aliases),
        "mentions": [_span(raw, name)] if name in raw else [],
        "roles": list(roles),
        "holder": holder,
        "platform": platform,
        "handle": None,
        "kind": kind,
        "redacted": False,
        "metrics": [],
        "rule": "test",
    }


def _stmt(
    raw,
    sid,
    kind,
    sentence,
    content,
    *,
    speaker=None,
    speaker_entity=None,
    target=None,
    target_entity=None,
    denies=(),
    certainty="certain",
):
    return {
        "id": sid,
        "kind": kind,
        "speaker": ({**_span(raw, speaker), "entity": speaker_entity, "name": None} if speaker else None),
        "cue": None,
        "content": _span(raw, content),
        "sentence": _span(raw, sentence),
        "target": ({"entity": target_entity, "name": target} if target else None),
        "denies": list(denies),
        "certainty": certainty,
        "polarity": "positive",
        "rule": "test",
    }


TITLE1 = "Leakers take on politicians' Facebook likes"
SENTS1 = [
    "Anonymous leaker Thleay released an email allegedly showing that Prime Minister Hun Sen bought Facebook likes.",
    "Hun Sen denied that his team bought likes.",
    "Sam Rainsy accused Hun Sen of buying likes from click farms.",
    "Duong Dara, an undersecretary at the Council of Ministers, said the email was fabricated.",
    "Spokesmen for both sides called the leaks fabricated.",
    "Sam Rainsy said the weather was fine.",
    "Hun Sen has a Facebook page.",
]
RAW1 = TITLE1 + "\n\n" + " ".join(SENTS1) + "\n"


def records1(raw: str = RAW1) -> dict:
    s = SENTS1
    ents = [
        _entity(
            raw,
            "person:hun-sen",
            "Person",
            "Hun Sen",
            aliases=["Prime Minister Hun Sen", "the premier"],
            roles=[{**_span(raw, "Prime Minister"), "title": "Prime Minister", "org": None, "rule": "test"}],
        ),
        _entity(raw, "person:sam-rainsy", "Person", "Sam Rainsy", aliases=["Rainsy"]),
        _entity(
            raw,
            "person:duong-dara",
            "Person",
            "Duong Dara",
            roles=[
                {
                    **_span(raw, "an undersecretary at the Council of Ministers"),
                    "title": "undersecretary",
                    "org": "org:council-of-ministers",
                    "rule": "test",
                }
            ],
        ),
        _entity(raw, "org:council-of-ministers", "Organization", "Council of Ministers"),
        _entity(raw, "account:thleay", "Account", "Thleay", kind="pseudonym"),
        _entity(
            raw,
            "account:facebook:hun-sen",
            "Account",
            "Hun Sen's Facebook page",
            holder="person:hun-sen",
            platform="Facebook",
            kind="page",
        ),
    ]
    sts = [
        _stmt(
            raw,
            "s1",
            "allegation",
            s[0],
            "Prime Minister Hun Sen bought Facebook likes",
            speaker="Thleay",
            speaker_entity="account:thleay",
            target="Hun Sen",
            target_entity="person:hun-sen",
            certainty="probable",
        ),
        _stmt(
            raw,
            "s2",
            "denial",
            s[1],
            "his team bought likes",
            speaker="Hun Sen",
            speaker_entity="person:hun-sen",
            denies=["s1"],
        ),
        _stmt(
            raw,
            "s3",
            "accusation",
            s[2],
            "buying likes from click farms",
            speaker="Sam Rainsy",
            speaker_entity="person:sam-rainsy",
            target="Hun Sen",
            target_entity="person:hun-sen",
        ),
        _stmt(
            raw,
            "s4",
            "denial",
            s[3],
            "the email was fabricated",
            speaker="Duong Dara",
            speaker_entity="person:duong-dara",
            denies=["s1"],
        ),
        _stmt(raw, "s5", "denial", s[4], "the leaks fabricated", speaker="Spokesmen for both sides"),
        _stmt(
            raw,
            "s6",
            "statement",
            s[5],
            "the weather was fine",
            speaker="Sam Rainsy",
            speaker_entity="person:sam-rainsy",
        ),
    ]
    return {"article": {"title": TITLE1, "body": {"start": 0, "end": len(raw)}}, "entities": ents, "statements": sts}


EVIL_NAME = f"Mallory {PWN_IMG}"
TITLE2 = f"Evil {PWN_SCRIPT} {PWN_IMG} & co"
RAW2 = f"{TITLE2}\n\n{EVIL_NAME} accused Hun Sen of {PWN_SCRIPT} fraud. Hun Sen denied the {PWN_IMG} fraud.\n"


def records2() -> dict:
    raw = RAW2
    s1 = f"{EVIL_NAME} accused Hun Sen of {PWN_SCRIPT} fraud."
    s2 = f"Hun Sen denied the {PWN_IMG} fraud."
    ents = [
        _entity(raw, "person:mallory", "Person", EVIL_NAME, aliases=[PWN_SCRIPT]),
        _entity(raw, "person:hun-sen", "Person", "Hun Sen"),
    ]
    sts = [
        _stmt(
            raw,
            "s1",
            "accusation",
            s1,
            f"{PWN_SCRIPT} fraud",
            speaker=EVIL_NAME,
            speaker_entity="person:mallory",
            target="Hun Sen",
            target_entity="person:hun-sen",
        ),
        _stmt(
            raw,
            "s2",
            "denial",
            s2,
            f"the {PWN_IMG} fraud",
            speaker="Hun Sen",
            speaker_entity="person:hun-sen",
            denies=["s1"],
        ),
    ]
    return {"article": {"title": TITLE2, "body": {"start": 0, "end": len(raw)}}, "entities": ents, "statements": sts}


def synthetic(n_people: int, n_stmts: int, n_edges: int, seed: int = 3) -> nx.MultiDiGraph:
    """A graph shaped like build_network's output, of any size."""
    rnd = random.Random(seed)
    G = nx.MultiDiGraph()
    people = [f"p{i:05d}" for i in range(n_people)]
    stmts = [f"s{i:05d}" for i in range(n_stmts)]
    for p in people:
        G.add_node(p, kind="person", label=f"Person {p}", name=f"Person {p}", involvement=rnd.randint(0, 9))
    for s in stmts:
        G.add_node(
            s,
            kind=rnd.choice(["allegation", "accusation"]),
            label=f"claim {s}",
            text=f"claim {s}",
            sentence="A sentence " * 10,
            article="A title",
            degree=3,
        )
    for i in range(n_edges):
        p, s, k = rnd.choice(people), rnd.choice(stmts), ("alleges", "against", "denies")[i % 3]
        u, v = (s, p) if k == "against" else (p, s)
        G.add_edge(u, v, key=f"{k}:{i}", kind=k, sentence="Evidence sentence " * 8, article="A title")
    return G


def parallel_graph() -> nx.MultiDiGraph:
    """Bob Smith denies one allegation three times (three parallel edges), Jane Roe made it."""
    G = nx.MultiDiGraph()
    G.add_node("p", kind="person", label="Bob Smith", name="Bob Smith", involvement=3, denials=3)
    G.add_node("a", kind="allegation", label="Jane Roe → Bob Smith: took bribes", text="Mayor Bob Smith took bribes")
    G.add_node("j", kind="person", label="Jane Roe", name="Jane Roe", involvement=1)
    for k, sent in enumerate(["Smith denied it.", "Smith denied it again.", "Later Smith denied it once more."]):
        G.add_edge(
            "p",
            "a",
            key=f"denies:d{k}:a",
            kind="denies",
            sentence=sent,
            article="Mayor denies bribes",
            statement=f"d{k}",
        )
    G.add_edge(
        "j", "a", key="alleges:a", kind="alleges", sentence="Jane Roe alleged it.", article="Mayor denies bribes"
    )
    G.add_edge(
        "a", "p", key="against:a", kind="against", sentence="Jane Roe alleged it.", article="Mayor denies bribes"
    )
    return G


def _article(raw: str, title: str) -> ArticleText:
    return ArticleText(raw=raw, text=raw, body=(0, len(raw)), title=title, meta={"publisher": "Test Post"})


def build_store(path, *, hostile: bool = True) -> str:
    graphs = [article_graph(_article(RAW1, TITLE1), records1(), source="corpus/001_leakers.txt")]
    if hostile:
        graphs.append(article_graph(_article(RAW2, TITLE2), records2(), source="corpus/002_evil.txt"))
    Path(path).parent.mkdir(parents=True, exist_ok=True)
    store = open_store(str(path))
    try:
        store.write(graphs)
    finally:
        store.close()
    return str(path)


@pytest.fixture(scope="session")
def store_path(tmp_path_factory) -> str:
    return build_store(tmp_path_factory.mktemp("kgstore") / "store")


@pytest.fixture()
def store(store_path):
    s = open_store(store_path, read_only=True)
    yield s
    s.close()


@pytest.fixture(scope="session")
def network(store_path):
    from kg.export import build_network

    s = open_store(store_path, read_only=True)
    try:
        return build_network(s)
    finally:
        s.close()

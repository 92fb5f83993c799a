"""kg/claims/assign.py: placing statements into claims, without a store."""

from __future__ import annotations

from kg.claims.assign import ClaimSet, enforce, place_article
from kg.claims.model import Mention, Stmt
from kg.claims.rules import load_rules

ID = "https://w3id.org/kg-claims/id/"
DOE, ROE, ROE2 = ID + "person/john-doe", ID + "person/jane-roe", ID + "person/max-roe"


def s(article, sid, content, kind="allegation", target=DOE, denies=(), people=()):
    ms = []
    for name, iri in people:
        i = content.index(name)
        ms.append(Mention(i, i + len(name), iri, "Person"))
    return Stmt(
        f"{ID}statement/{article}/{sid}",
        f"{ID}article/{article}",
        kind,
        content,
        0,
        len(content),
        targets=(target,) if target else (),
        denies=tuple(f"{ID}statement/{article}/{d}" for d in denies),
        mentions=tuple(ms),
    )


def place(cs, *articles):
    for stmts in articles:
        place_article(stmts, cs, load_rules())
    return cs


def together(cs, a, b) -> bool:
    return bool({c.iri for c in cs.claims_of(a)} & {c.iri for c in cs.claims_of(b)})


def iri(article, sid):
    return f"{ID}statement/{article}/{sid}"


def test_paraphrases_about_the_same_person_meet_across_articles():
    cs = place(
        ClaimSet(),
        [s("a", "s1", "that Doe bought thousands of Facebook likes")],
        [s("b", "s1", "the minister had paid for fake followers")],
        [s("c", "s1", "that his office purchased likes", kind="denial")],
    )
    assert together(cs, iri("a", "s1"), iri("b", "s1")) and together(cs, iri("a", "s1"), iri("c", "s1"))
    assert len(cs.claims) == 1


def test_same_person_other_act_stays_apart():
    cs = place(
        ClaimSet(),
        [s("a", "s1", "that Doe bought Facebook likes")],
        [s("b", "s1", "that Doe took bribes from a construction company")],
        [s("c", "s1", "Doe harassed a junior colleague")],
    )
    assert len(cs.claims) == 3


def test_same_act_other_person_stays_apart():
    cs = place(
        ClaimSet(),
        [s("a", "s1", "that Doe bought Facebook likes")],
        [s("b", "s1", "that Roe bought Facebook likes", target=ROE)],
    )
    assert not together(cs, iri("a", "s1"), iri("b", "s1"))


def test_a_second_person_in_the_content_is_a_different_act():
    cs = place(
        ClaimSet(),
        [s("a", "s1", "that Doe bought Facebook likes")],
        [s("b", "s1", "Doe and Max Roe bought Facebook likes", people=[("Max Roe", ROE2)])],
    )
    assert not together(cs, iri("a", "s1"), iri("b", "s1"))


def test_a_denial_saying_little_follows_its_link():
    art = [
        s("a", "s1", "that Doe bought Facebook likes"),
        s("a", "s2", "the report was fabricated", kind="denial", denies=["s1"]),
    ]
    cs = place(ClaimSet(), art)
    assert together(cs, iri("a", "s1"), iri("a", "s2"))
    (c,) = cs.claims_of(iri("a", "s2"))
    assert c.members[iri("a", "s2")].rule == "claim-denial-link"


def test_a_denial_linked_to_two_leaks_denies_both():
    art = [
        s("a", "s1", "emails showing Doe paid a lobbyist"),
        s("a", "s2", "a memo showing Roe hired hackers", target=ROE),
        s("a", "s3", "both were fabricated", kind="denial", denies=["s1", "s2"]),
    ]
    cs = place(ClaimSet(), art)
    assert len(cs.claims_of(iri("a", "s3"))) == 2


def test_a_denial_with_content_picks_the_claim_it_matches():
    art = [
        s("a", "s1", "Doe bought Facebook likes from click farms"),
        s("a", "s2", "Doe hired hackers to break into emails"),
        s("a", "s3", "that his team bought likes", kind="denial", denies=["s1", "s2"]),
    ]
    cs = place(ClaimSet(), art)
    (c,) = cs.claims_of(iri("a", "s3"))
    assert iri("a", "s1") in c.members and iri("a", "s2") not in c.members
    assert c.members[iri("a", "s3")].rule == "claim-denial-content"


def test_statements_without_content_or_link_join_nothing():
    cs = place(ClaimSet(), [s("a", "s1", "he denied it", kind="denial")])
    assert not cs.claims


def test_plain_statements_are_left_out():
    cs = place(ClaimSet(), [s("a", "s1", "that Doe bought likes", kind="statement")])
    assert not cs.claims


def test_corrections_merge_and_split():
    cs = place(ClaimSet(), [s("a", "s1", "that Doe bought Facebook likes")], [s("b", "s1", "that Doe took bribes")])
    a, b = iri("a", "s1"), iri("b", "s1")
    enforce(cs, [(a, b)], [])
    assert together(cs, a, b) and len(cs.claims) == 1
    enforce(cs, [], [(b, a)])
    assert not together(cs, a, b) and len(cs.claims) == 2
    (c,) = cs.claims_of(b)
    assert c.members[b].rule == "claim-curated"


def test_candidates_come_from_the_key_index_only():
    cs = ClaimSet()
    place(cs, *[[s(f"x{i}", "s1", f"that he visited city{i} museum{i}")] for i in range(50)])
    from kg.claims.features import statement_features

    f = statement_features(s("z", "s1", "that he bought Facebook likes"), load_rules())
    assert cs.candidates(f, 64) == []

"""Roles and affiliations: titles before names and role appositives."""

from __future__ import annotations

import pytest

from kg.extract.entities import find_entities
from kg.extract.roles import _split_titles, synonyms_of, title_heads


def roles_of(nlp, text, person):
    idx = find_entities(nlp(text))
    rec = next(p for p in idx.people() if p["name"] == person)
    return [(r["title"], idx.name(r["org"]) if r["org"] else None) for r in rec["roles"]], rec, idx


ROLE_CASES = [
    # (text, person, expected [(title, org name or None)])
    ("Yesterday, CPP spokesman Sok Eysan denied the allegations. The CPP said nothing.",
     "Sok Eysan", [("spokesman", "CPP")]),
    ("The email came from Duong Dara, an undersecretary at the Council of Ministers, to the premier.",
     "Duong Dara", [("undersecretary", "Council of Ministers")]),
    ("Cham Bunteth, political commentator and an adviser to the Grassroots Democratic Party, said the leaks hurt.",
     "Cham Bunteth", [("political commentator", None), ("adviser", "Grassroots Democratic Party")]),
    ("The video showed opposition Senator Hong Sok Hour holding a fake treaty.",
     "Hong Sok Hour", [("opposition Senator", None)]),
    ("The teams are staffed by Cambodians, according to government spokesman Phay Siphan.",
     "Phay Siphan", [("government spokesman", None)]),
    ("CNRP president leader Sam Rainsy’s page now has two million followers.",
     "Sam Rainsy", [("president", "CNRP"), ("leader", "CNRP")]),
    ("CNRP vice president Kem Sokha’s page has fewer followers.", "Kem Sokha", [("vice president", "CNRP")]),
    ("The workshops were led by Uwe Goepel, the former head of social media for the Christian Democratic Union (CDU).",
     "Uwe Goepel", [("former head of social media", "Christian Democratic Union")]),
    ("In Germany, the team worked to boost Chancellor Angela Merkel’s popularity.",
     "Angela Merkel", [("Chancellor", None)]),
    ("Rainsy’s posts keep him relevant, said Sebastian Strangio, author of Hun Sen’s Cambodia.",
     "Sebastian Strangio", [("author", None)]),
    ("“He might win,” said Vin Monney, a recent university graduate.", "Vin Monney",
     [("recent university graduate", None)]),
    ("The email came from Ueng Chong Leang, a member of Rainsy’s social media team.",
     "Ueng Chong Leang", [("member of Rainsy’s social media team", None)]),
    ("The page surpassed those of VOA Khmer and pop star Meas Soksophea.", "Meas Soksophea", [("pop star", None)]),
    # invented, not from the seeds
    ("Labour leader Keir Starmer attacked the government on Sunday.", "Keir Starmer", [("leader", "Labour")]),
    ("Apple chief executive Tim Cook met reporters in Cupertino.", "Tim Cook", [("chief executive", "Apple")]),
    ("Tom Lee, the chief executive of Acme Corp, said profits fell.", "Tom Lee", [("chief executive", "Acme Corp")]),
    ("Jane Doe, a professor of politics at Harvard University, said the vote was close.",
     "Jane Doe", [("professor of politics", "Harvard University")]),
    ("“The deal is dead,” said Maria Lopez, a spokeswoman for the ministry.", "Maria Lopez", [("spokeswoman", None)]),
    ("Senator Elizabeth Warren criticised the bill on Tuesday.", "Elizabeth Warren", [("Senator", None)]),
    ("A spokeswoman for the White House, Karine Jean-Pierre, said the president supported the bill.",
     "Karine Jean-Pierre", [("spokeswoman", "White House")]),
    ("Anne Hidalgo, who is the mayor of Paris, opposed the plan.", "Anne Hidalgo", [("mayor", None)]),
    ("Keir Starmer is the leader of the Labour Party.", "Keir Starmer", [("leader", "Labour Party")]),
    # abbreviated titles are spelled out
    ("Sen. Marco Rubio urged the State Department to act.", "Marco Rubio", [("Senator", None)]),
    # "Ministry spokesman": the ministry the article named
    ("The Interior Ministry rejected the claims. Ministry spokesman Khieu Sopheak said officers acted lawfully.",
     "Khieu Sopheak", [("spokesman", "Interior Ministry")]),
    # a possessor is whom the role serves
    ("Facebook’s chief executive Mark Zuckerberg declined to testify.", "Mark Zuckerberg",
     [("chief executive", "Facebook")]),
    ("Information Minister Neth Pheaktra spoke. Pheaktra's spokesperson, Sok Dara, added that the ban was lawful.",
     "Sok Dara", [("spokesperson", "Neth Pheaktra")]),
    # a verb that states a position
    ("Kem Sokha, who leads the Candlelight Party, said the ministry was lying.",
     "Kem Sokha", [("leader", "Candlelight Party")]),
]


@pytest.mark.parametrize("text,person,expected", ROLE_CASES)
def test_roles(nlp, text, person, expected):
    got, rec, _ = roles_of(nlp, text, person)
    assert got == expected
    for r in rec["roles"]:
        assert r["rule"] and r["text"] and text[r["start"]:r["end"]] == r["text"]


NO_ROLE = [
    # an honorific is not a role; a rival is not a title; an appositive that is not a role noun
    ("Mr Smith said the plan would fail.", "Smith"),
    ("Prime Minister Hun Sen and his rival Sam Rainsy spent money.", "Sam Rainsy"),
    ("Dara, supposedly the source of the email, was quick to deny it.", "Dara"),
    ("A study proclaimed Hun Sen the second most-engaged leader in the world on Facebook.", "Hun Sen"),
]


@pytest.mark.parametrize("text,person", NO_ROLE)
def test_no_role(nlp, text, person):
    got, _, _ = roles_of(nlp, text, person)
    assert got == []


def test_title_lexicon_helpers():
    assert "prime minister" in synonyms_of("premier")
    assert "premier" in synonyms_of("PM")
    assert "spokesperson" in synonyms_of("spokesman")
    assert title_heads("former CPP spokesman") == {"spokesman"}
    assert _split_titles(["vice", "president"]) == [(0, 2)]
    assert _split_titles(["president", "leader"]) == [(0, 1), (1, 2)]
    assert _split_titles(["Prime", "Minister"]) == [(0, 2)]

"""Roles and affiliations: titles before names and role appositives."""

from __future__ import annotations

import pytest

from kg.extract.entities import find_entities
from kg.extract.entities.roles import _split_titles
from kg.extract.entities.titles import synonyms_of, title_heads


def roles_of(nlp, text, person):
    idx = find_entities(nlp(text))
    rec = next(p for p in idx.people() if p["name"] == person)
    return [(r["title"], idx.name(r["org"]) if r["org"] else None) for r in rec["roles"]], rec, idx


ROLE_CASES = [
    # (text, person, expected [(title, org name or None)])
    (
        "Yesterday, CPP spokesman Sok Eysan denied the allegations. The CPP said nothing.",
        "Sok Eysan",
        [("spokesman", "CPP")],
    ),
    (
        "The email came from Duong Dara, an undersecretary at the Council of Ministers, to the premier.",
        "Duong Dara",
        [("undersecretary", "Council of Ministers")],
    ),
    (
        "Cham Bunteth, political commentator and an adviser to the Grassroots Democratic Party, said the leaks hurt.",
        "Cham Bunteth",
        [("political commentator", None), ("adviser", "Grassroots Democratic Party")],
    ),
    (
        "The video showed opposition Senator Hong Sok Hour holding a fake treaty.",
        "Hong Sok Hour",
        [("opposition Senator", None)],
    ),
    (
        "The teams are staffed by Cambodians, according to government spokesman Phay Siphan.",
        "Phay Siphan",
        [("government spokesman", None)],
    ),
    (
        "CNRP president leader Sam Rainsy’s page now has two million followers.",
        "Sam Rainsy",
        [("president", "CNRP"), ("leader", "CNRP")],
    ),
    ("CNRP vice president Kem Sokha’s page has fewer followers.", "Kem Sokha", [("vice president", "CNRP")]),
    (
        "The workshops were led by Uwe Goepel, the former head of social media for "
        "the Christian Democratic Union (CDU).",
        "Uwe Goepel",
        [("former head of social media", "Christian Democratic Union")],
    ),
    (
        "In Germany, the team worked to boost Chancellor Angela Merkel’s popularity.",
        "Angela Merkel",
        [("Chancellor", None)],
    ),
    (
        "Rainsy’s posts keep him relevant, said Sebastian Strangio, author of Hun Sen’s Cambodia.",
        "Sebastian Strangio",
        [("author", None)],
    ),
    (
        "“He might win,” said Vin Monney, a recent university graduate.",
        "Vin Monney",
        [("recent university graduate", None)],
    ),
    (
        "The email came from Ueng Chong Leang, a member of Rainsy’s social media team.",
        "Ueng Chong Leang",
        [("member of Rainsy’s social media team", None)],
    ),
    ("The page surpassed those of VOA Khmer and pop star Meas Soksophea.", "Meas Soksophea", [("pop star", None)]),
    # invented, not from the seeds
    ("Labour leader Keir Starmer attacked the government on Sunday.", "Keir Starmer", [("leader", "Labour")]),
    ("Apple chief executive Tim Cook met reporters in Cupertino.", "Tim Cook", [("chief executive", "Apple")]),
    ("Tom Lee, the chief executive of Acme Corp, said profits fell.", "Tom Lee", [("chief executive", "Acme Corp")]),
    (
        "Jane Doe, a professor of politics at Harvard University, said the vote was close.",
        "Jane Doe",
        [("professor of politics", "Harvard University")],
    ),
    ("“The deal is dead,” said Maria Lopez, a spokeswoman for the ministry.", "Maria Lopez", [("spokeswoman", None)]),
    ("Senator Elizabeth Warren criticised the bill on Tuesday.", "Elizabeth Warren", [("Senator", None)]),
    (
        "A spokeswoman for the White House, Karine Jean-Pierre, said the president supported the bill.",
        "Karine Jean-Pierre",
        [("spokeswoman", "White House")],
    ),
    ("Anne Hidalgo, who is the mayor of Paris, opposed the plan.", "Anne Hidalgo", [("mayor", None)]),
    ("Keir Starmer is the leader of the Labour Party.", "Keir Starmer", [("leader", "Labour Party")]),
    # abbreviated titles are spelled out
    ("Sen. Marco Rubio urged the State Department to act.", "Marco Rubio", [("Senator", None)]),
    # "Ministry spokesman": the ministry the article named
    (
        "The Interior Ministry rejected the claims. Ministry spokesman Khieu Sopheak said officers acted lawfully.",
        "Khieu Sopheak",
        [("spokesman", "Interior Ministry")],
    ),
    # a possessor is whom the role serves
    (
        "Facebook’s chief executive Mark Zuckerberg declined to testify.",
        "Mark Zuckerberg",
        [("chief executive", "Facebook")],
    ),
    (
        "Information Minister Neth Pheaktra spoke. Pheaktra's spokesperson, Sok Dara, added that the ban was lawful.",
        "Sok Dara",
        [("spokesperson", None)],
    ),  # a person is no organisation: org None
    # a verb that states a position
    (
        "Kem Sokha, who leads the Candlelight Party, said the ministry was lying.",
        "Kem Sokha",
        [("leader", "Candlelight Party")],
    ),
    # abbreviated titles, split by the tokenizer or not, are spelled out
    ("Georgia Gov. Brian Kemp on Wednesday dismissed a leaked memo.", "Brian Kemp", [("Governor", None)]),
    ("Texas Lt. Gov. Dana Whitfield accused her rival.", "Dana Whitfield", [("Lieutenant Governor", None)]),
    ("State Sen. Jen Jordan accused the governor's office.", "Jen Jordan", [("State Senator", None)]),
    # an honorific between title and name is skipped, the org before the title kept
    (
        "Jamii Mobile Chief Executive Mrs Wanjiru Kamau denied that the firm had been breached.",
        "Wanjiru Kamau",
        [("Chief Executive", "Jamii Mobile")],
    ),
    # titles written after the name, and MEP/MP before it
    (
        "Their home affairs spokesperson, Lisa Smart MP, said the plan was flawed.",
        "Lisa Smart",
        [("home affairs spokesperson", None), ("MP", None)],
    ),
    ("Irish MEP Barry Andrews said the rules were far stricter.", "Barry Andrews", [("MEP", None)]),
    ("Opposition MP Eva Horvath said the vote had been rigged.", "Eva Horvath", [("Opposition MP", None)]),
    # a person's possessive keeps the title but is never the org
    (
        "Maria Lopez spoke. Lopez's campaign manager, David Kim, accused Bradley of lying.",
        "David Kim",
        [("campaign manager", None)],
    ),
    (
        "Governor Brian Kemp spoke. Kemp's chief of staff, Tim Fleming, denied writing it.",
        "Tim Fleming",
        [("chief of staff", None)],
    ),
    # an organisation's possessive: no determiner or 's in the title
    (
        "The Communications Authority of Kenya (CA) fined the firm. The CA's director general, Ezra Chiloba, "
        "told reporters the records were not encrypted.",
        "Ezra Chiloba",
        [("director general", "Communications Authority of Kenya")],
    ),
    # "its" before a role: the organisation that was the subject just before
    (
        "Harcourt Advisory said it had never sought access. Its chief executive, Dr. Naomi Fairweather, said "
        "the firm would cooperate.",
        "Naomi Fairweather",
        [("chief executive", "Harcourt Advisory")],
    ),
    (
        "The Liberal Democrats called for an inquiry. Their home affairs spokesperson, Lisa Smart, said it was "
        "cash for access.",
        "Lisa Smart",
        [("home affairs spokesperson", "Liberal Democrats")],
    ),
    # a role verb whose object is a body named by a common noun
    (
        "Hon. Gladys Wanga, who chairs the National Assembly's communications committee, said MPs would act.",
        "Gladys Wanga",
        [("chair", "National Assembly")],
    ),
    # wire-copy titles: congressional leadership, hyphenated and police titles,
    # an org class word with no such org named stays in the title
    (
        "Senate Majority Leader Chuck Schumer said Republicans were stalling.",
        "Chuck Schumer",
        [("Majority Leader", "Senate")],
    ),
    (
        "U.N. Secretary-General Antonio Guterres said the ceasefire must hold.",
        "Antonio Guterres",
        [("Secretary-General", "U.N.")],
    ),
    (
        "Chinese foreign ministry spokesperson Mao Ning said Beijing opposed sanctions.",
        "Mao Ning",
        [("foreign ministry spokesperson", None)],
    ),
    (
        "Det. Supt. Ian Fox of the Metropolitan Police said two men were arrested.",
        "Ian Fox",
        [("Detective Superintendent", None)],
    ),
    # the MP of a constituency (a PROPN title in apposition)
    (
        "The messages appear to show Daniel Ashcombe, the MP for North Wessex, telling a developer he would help.",
        "Daniel Ashcombe",
        [("MP", None)],
    ),
]


@pytest.mark.parametrize("text,person,expected", ROLE_CASES)
def test_roles(nlp, text, person, expected):
    got, rec, _ = roles_of(nlp, text, person)
    assert got == expected
    for r in rec["roles"]:
        assert r["rule"] and r["text"] and text[r["start"] : r["end"]] == r["text"]


NO_ROLE = [
    # an honorific is not a role; a rival is not a title; an appositive that is not a role noun
    ("Mr Smith said the plan would fail.", "Smith"),
    ("Prime Minister Hun Sen and his rival Sam Rainsy spent money.", "Sam Rainsy"),
    ("Dara, supposedly the source of the email, was quick to deny it.", "Dara"),
    ("A study proclaimed Hun Sen the second most-engaged leader in the world on Facebook.", "Hun Sen"),
    # honorifics (Dr., Mrs, Hon.) are no roles
    ("Dr. Karen Whitfield said such networks were increasingly common.", "Karen Whitfield"),
    ("Mrs Wanjiru Kamau said the firm would appeal.", "Wanjiru Kamau"),
    # "who founded ... in 2009" is a role verb only with an organisation or a body as object
    ("Graham Pike, who chairs meetings every week, said the donation was lawful.", "Graham Pike"),
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


ROUND3_ROLES = [
    # a role noun in apposition before a name the parser did not attach
    (
        "Santos denies any wrongdoing. Through his lawyer, Ana Costa, he said the connection was declared.",
        "Ana Costa",
        "lawyer",
    ),
    # sports positions and charity roles are titles
    (
        "One of the three players, midfielder Artem Belov, wrote on Instagram that he was clean.",
        "Artem Belov",
        "midfielder",
    ),
    (
        '"People donate because they trust us," says volunteer Amina Yusuf, who has worked there for years.',
        "Amina Yusuf",
        "volunteer",
    ),
    # cabinet portfolios
    (
        "The money went to contractors linked to Revenue Minister Vikram Singh Chauhan, the party said.",
        "Vikram Singh Chauhan",
        "Revenue Minister",
    ),
]


@pytest.mark.parametrize("text,person,title", ROUND3_ROLES)
def test_round3_roles(nlp, text, person, title):
    got, _rec, _idx = roles_of(nlp, text, person)
    assert title in [t for t, _ in got], got


AS_ROLES = [
    (
        "Asked whether she would step down from her post as chair of the parliament's human rights subcommittee, "
        "Marie Arena said no.",
        "Marie Arena",
        "chair of the parliament's human rights subcommittee",
    ),
    ("John Smith, who served as finance minister until 2019, denied the claims.", "John Smith", "finance minister"),
    ("Jane Doe said she would not resign from her role as party treasurer.", "Jane Doe", "party treasurer"),
]


@pytest.mark.parametrize("text,person,title", AS_ROLES)
def test_as_roles(nlp, text, person, title):
    got, _rec, _idx = roles_of(nlp, text, person)
    assert title in [t for t, _ in got], got


@pytest.mark.parametrize(
    "text,person",
    [
        ("Maria Lopez said she acted as a go-between.", "Maria Lopez"),  # not a title
        ("Ana Silva's win came as a surprise to voters.", "Ana Silva"),  # not an office noun or verb
    ],
)
def test_as_phrase_without_a_title_is_no_role(nlp, text, person):
    got, _rec, _idx = roles_of(nlp, text, person)
    assert got == []


MINISTRY_ORGS = [
    # the one ministry named with the portfolio becomes the minister's org
    (
        "The Philippine health ministry denied the report. Health Secretary Teodoro Herbosa said he met Lim once.",
        "Teodoro Herbosa",
        "Philippine health ministry",
    ),
    # two health ministries: no guess
    (
        "The Philippine health ministry denied the report. The Indonesian health ministry said it was false. "
        "Health Secretary Teodoro Herbosa said he met Lim once.",
        "Teodoro Herbosa",
        None,
    ),
    # a ministry of another portfolio: nothing
    (
        "The Philippine finance ministry denied the report. Health Secretary Teodoro Herbosa said he met Lim once.",
        "Teodoro Herbosa",
        None,
    ),
]


@pytest.mark.parametrize("text,person,org", MINISTRY_ORGS)
def test_minister_role_carries_the_portfolio_ministry(nlp, text, person, org):
    from kg.extract.entities import find_entities

    idx = find_entities(nlp(text))
    rec = next(e for e in idx.people() if e["name"] == person)
    orgs = {idx.name(r["org"]) for r in rec["roles"] if r["org"] and idx.has(r["org"])}
    assert orgs == ({org} if org else set())

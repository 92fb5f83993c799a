"""Statement kinds, certainty and polarity: sentence -> expected kind tables.

Invented news sentences. The NO_DENIAL table holds the traps: negated or
cancelled denials, administrative "denied", and non-speech.
"""

import pytest

from kg.extract.statements import build_statements

from .stub_index import StubIndex


def run(nlp, text):
    doc = nlp(text)
    return build_statements(doc, StubIndex(doc), (0, len(text)))


def kinds(stmts):
    return [s["kind"] for s in stmts]


# (text, speaker substring that must be the denier)
DENIALS = [
    ("“We reject these claims,” the ministry said in a statement.", "ministry"),
    ("The senator denied wrongdoing.", "senator"),
    ("He said the report was 'baseless'.", "He"),
    ("Health Minister Lisa Park dismissed the allegations as politically motivated.", "Lisa Park"),
    ("The company rejected the accusations, saying it had followed the law.", "company"),
    ("Spokesmen for both campaigns called the recordings fabricated.", "Spokesmen for both campaigns"),
    ("The general's office said the letter circulating online was not genuine.", "office"),
    ("“This is fake news,” Governor Ray Dalton told reporters.", "Ray Dalton"),
    ("Mayor Joan Pike said there was “no truth” to the claims.", "Joan Pike"),
    ("Pike also denied any knowledge of the payments.", "Pike"),
    ("The minister disputed the report, calling it a smear.", "minister"),
    ("“Ridiculous! I have never met the man,” said Tom Baker.", "Tom Baker"),
    ("Defence lawyer Amy Cho said the documents had been forged.", "Amy Cho"),
    ("The embassy refuted claims that it had funded the protests.", "embassy"),
    ("The party said in an email that the video was doctored.", "party"),
    ("Former aide Mark Ruiz flatly denied that he had leaked the memo.", "Mark Ruiz"),
    (
        "“That is simply not true,” said Defence Secretary Lloyd Austin when asked about troop withdrawals.",
        "Lloyd Austin",
    ),
    ("The spokesman said the claims had “no basis in fact.”", "spokesman"),
    ("Kremlin spokesman Dmitry Peskov dismissed the report as “absolute nonsense.”", "Dmitry Peskov"),
    ("He said the photos had been doctored to embarrass him.", "He"),
    ("The ambassador denied that his country had supplied weapons to the rebels.", "ambassador"),
    ("The allegations were denied by the senator's office.", "senator's office"),
    ("The former minister pleaded not guilty to charges of fraud and money laundering.", "former minister"),
    ("Trump said the indictment was politically motivated.", "Trump"),
    ("“This is a witch hunt,” the governor said.", "governor"),
    ("Her lawyer said the case against her was a sham.", "lawyer"),
    ("“She is spreading lies to damage the government,” the spokesman said.", "spokesman"),
]


@pytest.mark.parametrize("text,speaker", DENIALS)
def test_denials(nlp, text, speaker):
    stmts = run(nlp, text)
    d = [s for s in stmts if s["kind"] == "denial"]
    assert d, stmts
    assert speaker.lower() in d[0]["speaker"]["text"].lower()
    assert d[0]["polarity"] == "negative"


NO_DENIAL = [
    "The senator did not deny the report.",
    "The minister refused to deny the allegations.",
    "The ministry declined to confirm or deny the report.",
    "The court denied bail.",
    "He was denied entry to the country.",
    "The embassy denied her a visa.",
    "A spokeswoman for the company did not respond to a request for comment.",
    "He could not be reached for comment.",
    "The Post was not able to independently verify the claims.",
    "The judge rejected the appeal on Friday.",
    "Parliament rejected the bill by 120 votes to 80.",
    "She said she was not aware of the size of the team.",
    "He said the party did not invest in advertising.",
    "“It doesn’t mean that I like what he posts,” said a student.",
    "The board dismissed the chief executive last year.",
    "Officials said the email was not fabricated.",
    "He accused rivals of spreading fake stories about him.",
    "The opposition leader said the government had lied to voters about the cost of the war.",
    "“It is wrong to punish families for the crimes of their relatives,” the judge said.",
    "Experts said the false alarm had caused panic in the city.",
    "He said he did not know whether the documents were genuine.",
    "Officials said the video was real.",
    "“I would neither confirm nor deny that,” the general said.",
    "Officials said the email was not fake.",
    "He said a smear campaign had been waged against the opposition.",
    "Three aides pleaded guilty to lying to investigators.",
    "The only way to counter them is by creating fake leaks, he said.",
]


@pytest.mark.parametrize("text", NO_DENIAL)
def test_no_denial(nlp, text):
    assert "denial" not in kinds(run(nlp, text))


REFUSALS = [
    ("The ministry declined to confirm or deny the report.", "ministry"),
    ("A spokeswoman for the company did not respond to a request for comment.", "spokeswoman"),
    ("Senator Hal Price declined to comment.", "Hal Price"),
    ("The White House refused to discuss the matter.", "White House"),
]


@pytest.mark.parametrize("text,speaker", REFUSALS)
def test_refusals(nlp, text, speaker):
    stmts = run(nlp, text)
    assert kinds(stmts) == ["refusal"], stmts
    assert speaker.lower() in stmts[0]["speaker"]["text"].lower()


def test_declined_to_be_named_is_not_a_refusal(nlp):
    text = "The staffer, who declined to be named, explained that the sessions were popular."
    stmts = run(nlp, text)
    assert kinds(stmts) == ["statement"]


ALLEGATIONS = [
    ("Opposition leaders accused the government of rigging the vote.", "accusation", "government"),
    ("Prosecutors allege that Mayor Dan Fox took bribes from developers.", "allegation", "Dan Fox"),
    (
        "A leaked memo purporting to show Governor Kay Lin ordering the raids was released on Monday by activists.",
        "allegation",
        "Kay Lin",
    ),
    ("Activist Ned Shaw claimed that Minister Ola Berg had hidden the funds abroad.", "allegation", "Ola Berg"),
    ("“What is shocking is that Minister Ola Berg stole from the poor,” said Ned Shaw.", "allegation", "Ola Berg"),
    (
        "The opposition leader said Prime Minister Jan Novak had lied to voters about the cost of the war.",
        "allegation",
        "Jan Novak",
    ),
]


@pytest.mark.parametrize("text,kind,target", ALLEGATIONS)
def test_allegations(nlp, text, kind, target):
    stmts = run(nlp, text)
    a = [s for s in stmts if s["kind"] == kind]
    assert a, stmts
    assert a[0]["target"] and target.lower() in a[0]["target"]["name"].lower()


def test_allegation_read_off_a_denial(nlp):
    text = "Party spokesman Sok Eysan denied allegations that Minister Ola Berg had paid for fake accounts."
    stmts = run(nlp, text)
    d = [s for s in stmts if s["kind"] == "denial"]
    a = [s for s in stmts if s["kind"] == "allegation"]
    assert d and a
    assert a[0]["speaker"] is None
    assert a[0]["certainty"] != "certain"
    assert a[0]["id"] in d[0]["denies"]
    assert "Ola Berg" in a[0]["content"]["text"]


def test_confirmation(nlp):
    stmts = run(nlp, "The ministry confirmed that two officials had been suspended.")
    assert kinds(stmts) == ["confirmation"]


def test_plain_statement_and_claim(nlp):
    assert kinds(run(nlp, "The mayor said the bridge would reopen in May.")) == ["statement"]
    assert kinds(run(nlp, "The mayor insisted the bridge was safe.")) == ["claim"]


CERTAINTY = [
    ("Police said the suspect had allegedly fled to Spain.", "possible"),
    ("The report said the minister reportedly met the donor twice.", "probable"),
    ("The report said the minister met the donor twice.", "certain"),
    ("Activists released a video purporting to show Governor Kay Lin at the scene.", "possible"),
]


@pytest.mark.parametrize("text,certainty", CERTAINTY)
def test_certainty(nlp, text, certainty):
    stmts = run(nlp, text)
    assert stmts and stmts[0]["certainty"] == certainty


def test_polarity(nlp):
    neg = run(nlp, "The spokesman said the party did not receive the money.")
    pos = run(nlp, "The spokesman said the party received the money.")
    assert neg[0]["polarity"] == "negative"
    assert pos[0]["polarity"] == "positive"


def test_echo_of_a_denial_is_a_denial(nlp):
    text = (
        "Party treasurer Ann Moss denied the allegations. "
        "Party leader Tim Cole echoed Moss, saying the campaign had nothing to hide."
    )
    stmts = run(nlp, text)
    echo = [s for s in stmts if s["cue"] and s["cue"]["text"] == "echoed"]
    assert echo and echo[0]["kind"] == "denial"


def test_noun_allegation_with_claimant_and_restatement_merged(nlp):
    text = (
        "Activist Ned Shaw made allegations that Mayor Dan Fox had taken bribes. "
        "Shaw's accusations that Fox took bribes were repeated on television."
    )
    from kg.extract.entities import find_entities

    doc = nlp(text)
    stmts = build_statements(doc, find_entities(doc), (0, len(text)))
    al = [s for s in stmts if s["kind"] == "allegation"]
    assert len(al) == 1
    assert al[0]["speaker"]["name"] == "Ned Shaw"
    assert al[0]["target"]["name"] == "Dan Fox"
    assert al[0]["certainty"] == "probable"


def test_participle_after_allegations_is_not_an_allegation(nlp):
    text = "The allegations, first reported by The Washington Post, were denied by the senator's office."
    assert [s["kind"] for s in run(nlp, text)] == ["denial"]


def test_echoing_a_denial_noun(nlp):
    stmts = run(nlp, "Party leader Tim Cole echoed the treasurer's denial.")
    assert [s["kind"] for s in stmts] == ["denial"]


def test_echoing_a_non_denial_is_not_a_denial(nlp):
    text = (
        "Party treasurer Ann Moss said the campaign had raised record sums. "
        "Party leader Tim Cole echoed Moss, saying donors were enthusiastic."
    )
    assert "denial" not in [s["kind"] for s in run(nlp, text)]

"""General statement mechanisms (round 2): sentence/paragraph -> expected record.

Each table holds invented news text. The NO_DENIAL tables are the traps the
mechanisms must not fall into: conditionals, questions, findings about things,
evaluations of someone else's denial, negated statements by bystanders.
"""

import pytest

from .stmt_helpers import of_kind
from .stmt_helpers import statements as run


def denials(stmts):
    return of_kind(stmts, "denial")


# --- negated rebuttals: (text, denier substring, content substring)
REBUTTALS = [
    (
        "Activist Ned Shaw accused Mayor Dan Petrov of taking bribes from developers.\n\n"
        "“I have never taken a single bribe,” Petrov said.",
        "Petrov",
        "never taken",
    ),
    (
        "Researchers at the Acme Lab published a report linking Senator Ann Cole to thousands of fake followers.\n\n"
        "Cole denied that her campaign had bought followers. “We have never bought a single follower,” Cole said.",
        "Cole",
        "never bought",
    ),
    (
        "A leaked memo appeared to show Governor Bill Ames pressuring election officials.\n\n"
        "Ames dismissed the memo as a forgery. “Nobody in this office wrote that memo,” Ames told reporters.",
        "Ames",
        "Nobody in this office",
    ),
    (
        "Critics accused Finance Minister Jo Rees of hiding the loan.\n\n"
        "Rees said the ministry had never hidden any loan.",
        "Rees",
        "never hidden",
    ),
]


@pytest.mark.parametrize("text,speaker,content", REBUTTALS)
def test_negated_rebuttal(nlp, text, speaker, content):
    d = [s for s in denials(run(nlp, text)) if content in s["content"]["text"]]
    assert d, run(nlp, text)
    assert speaker in (d[0]["speaker"]["name"] or d[0]["speaker"]["text"])
    assert "negated-rebuttal" in d[0]["revised_by"]
    assert d[0]["denies"]


# Negated statements that are NOT rebuttals (the speaker is no target and has denied nothing).
NOT_REBUTTALS = [
    "Activist Ned Shaw accused Mayor Dan Petrov of taking bribes.\n\n"
    "Police spokesman Carl Dunn said Petrov was not a suspect.",
    "Activist Ned Shaw accused Mayor Dan Petrov of taking bribes.\n\n"
    "“I never saw anything that made me think he was dishonest,” said councillor Amy Roth.",
    "Activist Ned Shaw accused Mayor Dan Petrov of taking bribes.\n\nPetrov said he would not resign.",
    "Researchers accused the Acme firm of faking data.\n\n"
    "“We don't police the internet,” said county auditor Grant Veen.",
]


@pytest.mark.parametrize("text", NOT_REBUTTALS)
def test_not_a_rebuttal(nlp, text):
    assert denials(run(nlp, text)) == []


# --- denial vocabulary, exculpation, naming with a denial noun: (text, denier substring)
VOCAB = [
    ("Governor Bill Ames dismissed a leaked memo, calling it “a crude forgery.”", "Bill Ames"),
    ("The minister dismissed the leaked memo as a hoax.", "minister"),
    ("“These accusations are a political hit job,” Tom Zielak said.", "Tom Zielak"),
    ("“This is a fabricated story,” Senator Tom Bradley said.", "Tom Bradley"),
    ("Ashcombe said he had done nothing wrong.", "Ashcombe"),
    ("Pike said the donation had “nothing whatsoever” to do with the application.", "Pike"),
    ("Her lawyer told reporters that her client “is innocent.”", "lawyer"),
    ("“The figures are simply false,” the ministry said.", "ministry"),
    ("Campaign manager Joe Platt said the photos had been doctored.", "Joe Platt"),
]


@pytest.mark.parametrize("text,speaker", VOCAB)
def test_denial_vocabulary(nlp, text, speaker):
    d = denials(run(nlp, text))
    assert d, run(nlp, text)
    assert speaker.lower() in d[0]["speaker"]["text"].lower()


NO_DENIAL = [
    "“If the memo is fake, prove it,” Senator Jen Jordan said.",
    "“Is the audio real?” asked Maria Delgado.",
    "Party official Edwin Sifuna said the denial was “laughable.”",
    "“The breathing is wrong, the room tone is wrong,” said forensics professor Leah Brandt.",
    "Residents asked whether the documents were genuine.",
    "One influencer, who asked not to be named for fear of reprisals, told Reuters she was paid.",
    "An official, who spoke on condition of anonymity, said the talks had stalled.",
    "“If he did it, he should go to jail,” said Tammy Reece.",
]


@pytest.mark.parametrize("text", NO_DENIAL)
def test_no_denial(nlp, text):
    assert denials(run(nlp, text)) == []


@pytest.mark.parametrize(
    "text",
    [
        "One influencer, who asked not to be named for fear of reprisals, told Reuters she was paid.",
        "A senior official, who declined to be identified, said the plan was dead.",
    ],
)
def test_anonymity_request_is_no_statement(nlp, text):
    stmts = run(nlp, text)
    assert not any("named" in s["content"]["text"] or "identified" in s["content"]["text"] for s in stmts)
    assert len(stmts) == 1


def test_nested_stance_cue_is_one_denial_by_the_outer_speaker(nlp):
    text = "Redline Strategies said in an email that it “categorically rejects” the report's conclusions."
    stmts = run(nlp, text)
    assert len(stmts) == 1
    s = stmts[0]
    assert s["kind"] == "denial" and "Redline" in s["speaker"]["text"] and "nested" in s["revised_by"]


# --- allegations: (text, claimant substring or None, target name substring)
ALLEGATIONS = [
    (
        'The two-page memo, which was posted online by an anonymous account calling itself "PeachLeaks," purports to '
        "show Kemp's chief of staff, Tim Fleming, instructing county officials to "
        "slow the counting of mail-in ballots.",
        "PeachLeaks",
        "Tim Fleming",
    ),
    (
        "Governor Brian Kemp dismissed a leaked memo that appeared to show his office pressuring officials.",
        None,
        None,
    ),
    (
        "Senator Tom Bradley denied the claims after researchers at the Stanford Internet Observatory published "
        "a report linking the accounts to his campaign.",
        "researchers",
        None,
    ),
    (
        "Kenya's ruling party rejected accusations that it had paid young people to "
        "attack opposition leader Raila Odinga.",
        None,
        None,
    ),
]


@pytest.mark.parametrize("text,claimant,target", ALLEGATIONS)
def test_allegations(nlp, text, claimant, target):
    al = [s for s in run(nlp, text) if s["kind"] == "allegation"]
    assert al, run(nlp, text)
    a = al[0]
    if claimant:
        assert claimant in a["speaker"]["text"]
    if target:
        assert a["target"] and target in a["target"]["name"]
    assert "Odinga" not in ((a["target"] or {}).get("name") or "")


def test_seeming_document_is_hedged_and_not_a_statement_by_the_person_shown(nlp):
    text = "In it, a voice that sounded like candidate Maria Delgado appeared to say that she wanted to fire teachers."
    stmts = run(nlp, text)
    assert [s["kind"] for s in stmts] == ["allegation"]
    assert stmts[0]["certainty"] == "possible"
    assert stmts[0]["speaker"] is None


def test_reported_claim_denied_by_its_target_is_an_allegation(nlp):
    text = (
        "The Sunday Times reported that Mark Harper had attended two football matches as a guest of Northline Rail.\n\n"
        "Harper denied the report. “These claims are false,” Harper said."
    )
    stmts = run(nlp, text)
    al = [s for s in stmts if s["kind"] == "allegation" and s["speaker"]]
    assert al and "Sunday Times" in al[0]["speaker"]["text"]
    assert "denied-by-target" in al[0]["revised_by"]


def test_cataphoric_role_speaker_links_to_the_one_later_denier(nlp):
    text = (
        "Britain's transport minister on Tuesday rejected allegations that he had "
        "accepted hospitality from a contractor.\n\n"
        "“These claims are false,” Mark Harper said."
    )
    d = denials(run(nlp, text))
    assert d[0]["speaker"]["name"] == "Mark Harper" and "cataphoric" in d[0]["revised_by"]


def test_cataphoric_role_speaker_never_guesses_between_two(nlp):
    text = (
        "The minister on Tuesday rejected allegations that he had accepted gifts.\n\n"
        "“These claims are false,” Mark Harper said. “That is simply untrue,” said Tom Jones."
    )
    d = denials(run(nlp, text))
    assert d[0]["speaker"]["entity"] is None


# --- more general mechanisms: (text, kind, speaker substring or entity name, rule prefix)
MORE = [
    # a denial verb in a relative clause on the claim it rejects
    (
        "Regulators fined Jamii Mobile over a data leak, a finding the company's chief "
        "executive Ann Kamau rejected as unfounded.",
        "denial",
        "Ann Kamau",
        "cue-reject-relcl",
    ),
    # a naming verb in a relative clause, with a falsity verdict
    (
        "LONDON (Reuters) - An aide to Britain's Home Secretary was suspended on Friday after leaked messages appeared "
        'to show him offering a lobbying firm access to ministers, an allegation his lawyers called "entirely false".',
        "denial",
        "his lawyers",
        "cue-call-relcl",
    ),
    # a gerund complement of deny is what is denied
    (
        "Boston Mayor Jim Carey denied using city vehicles for campaign events.",
        "denial",
        "Jim Carey",
        "cue-deny-gerund",
    ),
    # a rhetorical why-question that names the matter a lie
    ("Asked whether he would resign, Carey said: “No. Why would I resign over a lie?”", "denial", "Carey", "quote"),
    # the quote is only the verdict of a naming verb
    (
        "He described the suggestion that he had bought access as “complete nonsense.”",
        "denial",
        "He",
        "quote-mixed-naming",
    ),
    # a document speaks for the organisation named in its by-phrase
    (
        "A report by the Mozilla Foundation said that paid influencers drove 11 hashtags.",
        "statement",
        "Mozilla Foundation",
        "cue-say",
    ),
]


@pytest.mark.parametrize("text,kind,who,rule", MORE)
def test_more_mechanisms(nlp, text, kind, who, rule):
    stmts = [s for s in run(nlp, text) if s["kind"] == kind]
    assert stmts, run(nlp, text)
    s = stmts[0]
    assert who in (s["speaker"]["text"] + " " + (s["speaker"]["name"] or "")), s["speaker"]
    assert s["rule"].startswith(rule), s["rule"]


def test_continuation_of_own_denial(nlp):
    text = (
        "Jamii Mobile chief executive Ann Kamau denied that the firm's systems had been breached. "
        "“Our network was never compromised,” she said."
    )
    d = denials(run(nlp, text))
    assert len(d) == 2 and "negated-rebuttal" in d[1]["revised_by"]


def test_defence_of_the_accused_by_their_lawyer(nlp):
    text = (
        "Prosecutors told the court that Kizza Besigye had urged supporters to take the streets by force. "
        "“Not once did he tell anyone to use force,” his lawyer Erias Lukwago told reporters."
    )
    d = denials(run(nlp, text))
    assert d and "negated-rebuttal" in d[0]["revised_by"] and d[0]["denies"]


def test_it_continues_an_organisation_speaker(nlp):
    text = (
        "The Foreign Ministry said in a statement that it had suspended an official. "
        "It dismissed the newspaper's report as “riddled with errors.”"
    )
    d = denials(run(nlp, text))
    assert d and d[0]["speaker"]["name"] == "Foreign Ministry"


def test_pointing_back_makes_the_earlier_statement_an_allegation(nlp):
    text = "“Somebody on his team knew it was coming,” Jenna Ortiz said.\n\nRick Sommers rejected that suggestion."
    st = run(nlp, text)
    al = [s for s in st if s["kind"] == "allegation"]
    assert al and "denied-later" in al[0]["revised_by"] and "Ortiz" in al[0]["speaker"]["text"]
    assert denials(st)[0]["denies"] == [al[0]["id"]]


def test_lawyers_speak_for_their_client(nlp):
    text = (
        "Oliver Grant was suspended on Friday. Grant's lawyers said in a statement that their client "
        "denied any wrongdoing."
    )
    d = denials(run(nlp, text))
    assert len(d) == 1 and d[0]["speaker"]["name"] == "Oliver Grant" and "nested" in d[0]["revised_by"]


def test_purport_misread_as_noun_still_alleges(nlp):
    text = (
        "The messages, obtained by the Guardian, purport to show Daniel Ashcombe, the MP for North Wessex, "
        "telling a developer that he would have a word with the housing minister."
    )
    al = [s for s in run(nlp, text) if s["kind"] == "allegation"]
    assert al and al[0]["certainty"] == "possible"
    assert "Guardian" in al[0]["speaker"]["text"] and al[0]["target"]["name"] == "Daniel Ashcombe"


def test_report_that_prompted_a_denial_is_an_allegation(nlp):
    text = (
        "Boston Mayor Jim Carey on Thursday denied using city vehicles for campaign events, after a watchdog "
        "group said it had photographed his official car outside three fundraisers."
    )
    st = run(nlp, text)
    al = [s for s in st if s["kind"] == "allegation"]
    assert al and "prompted-denial" in al[0]["revised_by"] and "watchdog" in al[0]["speaker"]["text"]
    assert denials(st)[0]["denies"] == [al[0]["id"]]


def test_date_is_not_part_of_the_speaker(nlp):
    text = "Kenya's ruling party on Monday rejected accusations that it had paid young people to attack rivals."
    d = denials(run(nlp, text))
    assert d[0]["speaker"]["text"] == "Kenya's ruling party"

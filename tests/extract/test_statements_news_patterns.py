"""Statement mechanisms found on wire, court and feature stories (accused
subjects, innocence claims, refusals, account owners, lede speakers, precision), each with the traps it
must not fall into (cases that must yield nothing / no denial / no guess).

Every text is invented news prose; nothing here is copied from the dev set.
"""

import pytest

from kg.extract.statements import build_statements
from kg.extract.statements.targets import proper_name as _proper_name

from .stmt_helpers import of_kind as kinds
from .stmt_helpers import speaker_name as who
from .stmt_helpers import statements as run


# --- (a) the accused is the alleged clause's named subject, even unresolved
def test_allegation_target_is_the_named_subject_not_another_entity(nlp):
    st = run(
        nlp, "Prosecutors allege that Themba Nkosi accepted more than 2 million rand in cash from Medisure Holdings."
    )
    al = kinds(st, "allegation")
    assert al and "Nkosi" in al[0]["target"]["name"] and "Medisure" not in al[0]["target"]["name"]


@pytest.mark.parametrize(
    "text,word,expected",
    [
        ("Prosecutors allege that Themba Nkosi took cash.", "Nkosi", True),
        ("Nkosi, 61, denied all 14 counts.", "Nkosi", True),
        ("The defence called it fiction.", "defence", False),
        ("Prosecutors allege that he took cash.", "Prosecutors", False),
        ("Prosecutors allege that he took cash.", "he", False),
    ],
)
def test_proper_name_heads(nlp, text, word, expected):
    tok = next(t for t in nlp(text) if t.text == word)
    assert _proper_name(tok) is expected


# --- (b) a mixed quote inside an accusation's argument is the accusation's
ARGUMENT_QUOTES = [
    (
        "Opposition councillor Rui Matos is not persuaded. He accuses the mayor of "
        "“looking the other way while friends got rich” and says the council should freeze all payments.",
        "accusation",
        "looking the other way",
        "the council should freeze all payments",
    ),
    (
        "Senator Ann Cole blamed the delay on “a culture of secrecy inside the ministry” and said the "
        "inquiry would report in May.",
        None,
        "culture of secrecy",
        "the inquiry would report in May",
    ),
]


@pytest.mark.parametrize("text,kind,quoted,said", ARGUMENT_QUOTES)
def test_quote_in_a_cue_argument_is_not_taken_by_a_later_says(nlp, text, kind, quoted, said):
    st = run(nlp, text)
    says = [s for s in st if s["cue"] and s["cue"]["text"] in ("says", "said")]
    assert says and says[0]["content"]["text"] == said, st
    assert not any(quoted in s["content"]["text"] for s in says)
    if kind:
        acc = kinds(st, kind)
        assert acc and quoted in acc[0]["content"]["text"]


def test_plain_quote_keeps_its_reporting_verb(nlp):
    st = run(nlp, "“I did nothing wrong and I will prove it,” Dale Ritter said on Tuesday.")
    assert len(st) == 1 and st[0]["cue"]["text"] == "said" and st[0]["rule"] == "quote-said-after"


# --- (c) asserting innocence (own or a client's) is a denial
INNOCENCE = [
    (
        "“My client maintains his innocence and looks forward to clearing his name,” his "
        "lawyer, Johan de Villiers, told reporters.",
        "Villiers",
    ),
    ("Nkosi has always protested his innocence.", "Nkosi"),
    ("Ritter insisted on his innocence.", "Ritter"),
    ("“I am not guilty,” Ritter told the court.", "Ritter"),
    ("“Our players are clean, and we will prove it,” club president Oleg Markin said.", "Markin"),
    (
        "His company said in a Facebook post that it had “nothing to hide” and would cooperate with any inquiry.",
        "company",
    ),
]


@pytest.mark.parametrize("text,speaker", INNOCENCE)
def test_innocence_is_a_denial(nlp, text, speaker):
    d = kinds(run(nlp, text), "denial")
    assert d and speaker in (d[0]["speaker"]["name"] or d[0]["speaker"]["text"])


NOT_INNOCENCE = [
    "“If he is not guilty, let him prove it,” said Ann Lee.",
    "Lee said she could not maintain her innocence forever.",
    "Critics said the verdict did nothing to establish his innocence.",
    "Ritter insisted on a jury trial.",
    "“The streets are clean again,” the mayor said.",
    "“We have nothing to fear from any inquiry,” club president Oleg Markin said.",
]


@pytest.mark.parametrize("text", NOT_INNOCENCE)
def test_not_an_innocence_denial(nlp, text):
    assert not kinds(run(nlp, text), "denial")


# --- (d) withheld comment is a refusal
REFUSALS = [
    ("A ministry spokesperson, Nomsa Dlamini, would not comment on the case.", "Dlamini"),
    ("The company did not want to comment on the report.", "company"),
    ("Her lawyer was unable to comment.", "lawyer"),
    ("The mayor was not able to comment on the contract.", "mayor"),
    ("He would not say whether he had met the contractor.", "He"),
]


@pytest.mark.parametrize("text,speaker", REFUSALS)
def test_negated_comment_is_a_refusal(nlp, text, speaker):
    st = run(nlp, text)
    assert len(st) == 1 and st[0]["kind"] == "refusal" and speaker in who(st[0])


@pytest.mark.parametrize(
    "text",
    [
        "He did not deny the report.",
        "She did not say when the payments stopped.",
        "The minister was able to comment freely on the bill.",
    ],
)
def test_no_statement_is_no_refusal(nlp, text):
    assert not kinds(run(nlp, text), "refusal")


def test_reported_inability_stays_one_statement(nlp):
    st = run(nlp, "Police said they could not comment on an ongoing investigation.")
    assert len(st) == 1 and st[0]["kind"] != "refusal"


# --- (e) the target of a denial of someone's account is that account's owner
def test_denied_account_targets_its_owner_and_answers_her_testimony(nlp):
    text = (
        "“My client maintains his innocence,” his lawyer, Johan de Villiers, told reporters.\n\n"
        "The state's first witness, a former Medisure accountant, testified that she had personally "
        "delivered envelopes of cash to Themba Nkosi's home. The defence called her account “a work of fiction”."
    )
    st = run(nlp, text)
    d = [s for s in kinds(st, "denial") if "fiction" in s["content"]["text"]]
    assert d and d[0]["target"]["entity"] is None and "witness" in d[0]["target"]["name"]
    wit = [s for s in st if s["cue"] and s["cue"]["text"] == "testified"]
    assert wit and wit[0]["kind"] == "allegation" and wit[0]["id"] in d[0]["denies"]


def test_denied_account_with_no_owner_in_sight_has_no_target(nlp):
    d = kinds(run(nlp, "The defence called her account “a work of fiction”."), "denial")
    assert d and d[0]["target"] is None


# --- (f) a lede role speaker goes to the one later (named) denier, even unresolved
class _Hiding:
    """An entity index that misses every entity whose name contains `hide`
    (the entity side failing on a name)."""

    def __init__(self, index, hide):
        self._i, self._hide = index, hide
        self.entities = [e for e in index.entities if hide not in e["name"]]
        self.gender = getattr(index, "gender", {})

    def resolve(self, start, end):
        eid = self._i.resolve(start, end)
        return None if eid and self._hide in (self._i.name(eid) or "") else eid

    def __getattr__(self, name):
        return getattr(self._i, name)


LEDE = (
    "A former deputy health minister pleaded not guilty on Monday to charges that he took bribes.\n\n"
    "Prosecutors allege that Themba Nkosi accepted cash from Medisure Holdings. Nkosi, 61, denied all 14 counts.\n\n"
    "“My client maintains his innocence,” his lawyer, Johan de Villiers, told reporters."
)


def test_cataphoric_lede_speaker_falls_back_to_the_later_deniers_name(nlp):
    from kg.extract.entities import find_entities

    doc = nlp(LEDE)
    st = build_statements(doc, _Hiding(find_entities(doc), "Nkosi"), (0, len(LEDE)))
    plea = [s for s in st if s["rule"].startswith("cue-plead")]
    assert plea and "cataphoric" in plea[0]["revised_by"]
    assert plea[0]["speaker"]["entity"] is None and "Nkosi" in plea[0]["speaker"]["name"]


def test_cataphoric_lede_speaker_resolves_when_the_entity_side_knows_him(nlp):
    plea = [s for s in run(nlp, LEDE) if s["rule"].startswith("cue-plead")]
    assert plea and "Nkosi" in (plea[0]["speaker"]["name"] or "")


def test_cataphoric_never_picks_a_lawyer_as_the_accused(nlp):
    text = (
        "A former deputy health minister pleaded not guilty on Monday to charges that he took bribes.\n\n"
        "“My client maintains his innocence,” his lawyer, Johan de Villiers, told reporters."
    )
    plea = [s for s in run(nlp, text) if s["rule"].startswith("cue-plead")]
    assert plea and plea[0]["speaker"]["entity"] is None and "cataphoric" not in plea[0]["revised_by"]


# --- orders are acts, not reported speech; documents' purported effects are description
@pytest.mark.parametrize(
    "text",
    [
        "The court rejected a defence application, and Judge Sarah Mokoena ordered "
        "proceedings to continue on Wednesday.",
        "The judge ordered the release of the documents.",
        "Officials cited a 1979 treaty that purported to dissolve the border.",
    ],
)
def test_no_statement(nlp, text):
    assert run(nlp, text) == []


def test_according_to_records_does_not_replace_the_subjects_own_plea(nlp):
    st = run(nlp, "Lyle Benning has pleaded guilty to one count of bribery, according to court records.")
    assert len(st) == 1 and st[0]["kind"] == "confirmation" and "Benning" in who(st[0])


# --- "despite claims that ...": the claim is an allegation, a negated statement denies it
def test_negated_statement_despite_claims_denies_them(nlp):
    st = run(
        nlp,
        "Marcus Feld says hackers did not steal any customer files, despite claims by a "
        "ransomware group that it had copied 600 gigabytes of data.",
    )
    d, a = kinds(st, "denial"), kinds(st, "allegation")
    assert d and a and d[0]["denies"] == [a[0]["id"]]
    assert d[0]["content"]["text"] == "hackers did not steal any customer files"


def test_positive_statement_despite_claims_is_no_denial(nlp):
    st = run(nlp, "Marcus Feld says revenue grew last year, despite claims by analysts that the market had slowed.")
    assert not kinds(st, "denial")


# --- lines: bullets, Q&A labels, captions are not one sentence with the next line
def test_bullet_line_has_its_own_speaker_and_content(nlp):
    text = (
        "Key points:\n- NightHarbor claims to hold 600 GB of Cloudline data\n- Cloudline says its systems "
        "were not breached\n- Regulators have asked for information"
    )
    st = run(nlp, text)
    says = [s for s in st if s["cue"] and s["cue"]["text"] == "says"]
    assert says and says[0]["speaker"]["text"] == "Cloudline"
    assert "\n" not in says[0]["content"]["text"] and "Key points" not in who(says[0])


def test_interview_answer_belongs_to_the_person_asked(nlp):
    text = (
        "Asked whether the company would pay the ransom, Marcus Feld was blunt.\n\n"
        "Q: Will you pay?\nA: “No. We do not negotiate with extortionists.”"
    )
    st = run(nlp, text)
    assert st and all(who(s) != "Q" for s in st)
    assert any("negotiate" in s["content"]["text"] and "Feld" in who(s) for s in st)


# --- pointing back: "That is simply untrue" answers what was just reported
def test_falsity_verdict_on_that_points_back(nlp):
    text = (
        "According to the letter, the payments were split into smaller sums to avoid the approval limit.\n\n"
        "Asked about this, Grace Mwangi laughs. “That is simply untrue. Ask the bank.”"
    )
    st = run(nlp, text)
    a, d = kinds(st, "allegation"), kinds(st, "denial")
    assert a and d and a[0]["id"] in d[0]["denies"]


def test_that_is_me_points_nowhere(nlp):
    text = "Jenna Ortiz said the mayor had been at the party.\n\n“That's not me in the photo,” Maria Delgado said."
    assert not kinds(run(nlp, text), "allegation")


# --- reports about someone who answers them are allegations
ANSWERED_REPORTS = [
    (
        "An investigation by the newspaper Diário Norte found that Verdimar's sole director is the "
        "brother-in-law of the mayor's deputy, Paulo Santos.\n\nSantos, who has since "
        "stepped aside, denies any wrongdoing.",
        "Santos",
    ),
    (
        "German broadcaster ARD said that the club's former medical director, Dr Ivan Petrov, had arranged "
        "for urine samples to be swapped.\n\nPetrov told the newspaper Sport Express that "
        "he had never touched a sample in his life.",
        "Petrov",
    ),
    (
        "A former physiotherapist said he had seen Ivan Petrov carry sample bottles out of the lab.\n\n"
        "Petrov told reporters that he had never touched a sample bottle.",
        "Petrov",
    ),
]


@pytest.mark.parametrize("text,accused", ANSWERED_REPORTS)
def test_report_answered_by_the_person_named_is_an_allegation(nlp, text, accused):
    st = run(nlp, text)
    a, d = kinds(st, "allegation"), kinds(st, "denial")
    assert a and accused in a[0]["target"]["name"], st
    assert d and a[0]["id"] in d[0]["denies"]


@pytest.mark.parametrize(
    "text",
    [
        # named, but nobody answers
        "An investigation by the newspaper Diário Norte found that Verdimar's sole director is the "
        "brother-in-law of the mayor's deputy, Paulo Santos.\n\nSantos has since stepped aside.",
        # a negated past act on another topic answers nothing
        "German broadcaster ARD said that the club's former medical director, Dr Ivan Petrov, had arranged "
        "for urine samples to be swapped.\n\nPetrov told the newspaper that he had never visited Spain.",
    ],
)
def test_unanswered_report_stays_a_statement(nlp, text):
    assert not kinds(run(nlp, text), "allegation")


def test_participle_adjective_falsity_verdict(nlp):
    st = run(nlp, "In a statement, the ministry said the report was “misleading and based on incomplete documents”.")
    assert kinds(st, "denial")


# --- the accused's side accounting for the money / disowning "its systems"
SIDE_REBUTTALS = [
    (
        "Now the charity's trustees allege that Grace Mwangi used donations to pay for a van.\n\n"
        "Mwangi, 58, says every penny was approved.",
        "Mwangi",
    ),
    (
        "A report said Cloudline had been hacked and its systems were breached.\n\n"
        "Cloudline says its systems were not breached.",
        "Cloudline",
    ),
    (
        "NightHarbor claims to hold 600 GB of Cloudline data.\n\nCloudline says its systems were not breached.",
        "Cloudline",
    ),
]


@pytest.mark.parametrize("text,denier", SIDE_REBUTTALS)
def test_side_rebuttal_is_a_denial(nlp, text, denier):
    st = run(nlp, text)
    d, a = kinds(st, "denial"), kinds(st, "allegation")
    assert a and d and denier in who(d[0]) and a[0]["id"] in d[0]["denies"], st


@pytest.mark.parametrize(
    "text",
    [
        # nobody alleged anything about the speaker
        "Grace Mwangi says every penny was approved by the board.",
        # a universal quantifier over something other than money
        "Now the charity's trustees allege that Grace Mwangi used donations to pay for a van.\n\n"
        "Mwangi says every volunteer was thanked.",
        # an unrelated negated statement by the organisation
        "A report said Cloudline had been hacked.\n\nCloudline says the weather was not good.",
    ],
)
def test_side_statement_that_answers_nothing(nlp, text):
    assert not kinds(run(nlp, text), "denial")


def test_speech_verb_misread_as_a_compound_noun_is_still_a_cue(nlp):
    st = run(nlp, "The charity's trustees allege that Grace Mwangi used donations to pay for a van.")
    a = kinds(st, "allegation")
    assert a and "trustees" in who(a[0]) and "Mwangi" in a[0]["target"]["name"]


@pytest.mark.parametrize("text", ["The company's shares rose sharply.", "The trustees' report was published in May."])
def test_noun_compounds_are_not_cues(nlp, text):
    assert run(nlp, text) == []

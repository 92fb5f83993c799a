"""Who said what: sentence -> expected attribution tables, one per mechanism.

Sentences are invented news copy (Reuters/AP style), not the seed articles.
Speakers resolve through a stand-in EntityIndex (tests/extract/stub_index.py) so these
tests exercise the statement side only.
"""

import pytest

from kg.extract.statements import build_statements

from .stub_index import StubIndex


def run(nlp, text):
    doc = nlp(text)
    return build_statements(doc, StubIndex(doc), (0, len(text)))


def find(stmts, speaker=None, content=None):
    out = []
    for s in stmts:
        if speaker is not None:
            sp = s["speaker"]
            if sp is None or speaker.lower() not in (sp["text"] + " " + (sp["name"] or "")).lower():
                continue
        if content is not None and content.lower() not in s["content"]["text"].lower():
            continue
        out.append(s)
    return out


# (text, speaker substring, content substring, cue text)
DIRECT_QUOTES = [
    ("“We reject these claims,” the ministry said in a statement.", "ministry", "We reject these claims", "said"),
    ("“No,” she said.", "she", "No", "said"),
    (
        "“The economy is recovering faster than anyone expected,” said Jane Doe, a lawyer for the family.",
        "Jane Doe",
        "economy is recovering",
        "said",
    ),
    ("“This is a witch hunt,” Senator Mark Kelly told reporters on Tuesday.", "Mark Kelly", "witch hunt", "told"),
    ("The minister said: “We will not bow to pressure from anyone.”", "minister", "We will not bow", "said"),
    ("“We have done nothing wrong,” he wrote on his Facebook page.", "he", "done nothing wrong", "wrote"),
    (
        "“The vote was free and fair,” election commission chairman Peter Obi said via email.",
        "Peter Obi",
        "free and fair",
        "said",
    ),
    ("“I will fight these charges in court,” added Maria Lopez.", "Maria Lopez", "fight these charges", "added"),
    ("‘We will fight,’ the party leader said.", "party leader", "We will fight", "said"),
    (
        "‘We’re not going anywhere. The people’s mandate is clear,’ said Prime Minister Anna Holm.",
        "Anna Holm",
        "mandate is clear",
        "said",
    ),
]


@pytest.mark.parametrize("text,speaker,content,cue", DIRECT_QUOTES)
def test_direct_quotes(nlp, text, speaker, content, cue):
    stmts = run(nlp, text)
    hits = find(stmts, speaker, content)
    assert hits, stmts
    assert hits[0]["cue"]["text"] == cue
    assert hits[0]["rule"].startswith("quote-")


INDIRECT = [
    ("The senator denied wrongdoing.", "senator", "wrongdoing", "denied"),
    (
        "Opposition leader Anna Berg said the election had been stolen.",
        "Anna Berg",
        "the election had been stolen",
        "said",
    ),
    (
        "The company said in a statement that it had complied with all regulations.",
        "company",
        "it had complied",
        "said",
    ),
    (
        "Police spokesman John Carter told Reuters that three people had been arrested.",
        "John Carter",
        "three people had been arrested",
        "told",
    ),
    (
        "In 2019 turnout fell to 40 percent, according to the electoral commission.",
        "electoral commission",
        "turnout fell",
        "according to",
    ),
    (
        "According to government spokesman Li Wei, the talks will resume next week.",
        "Li Wei",
        "the talks will resume",
        "According to",
    ),
    (
        "Prime Minister Tom Harris was quick to say the report was inaccurate.",
        "Tom Harris",
        "the report was inaccurate",
        "say",
    ),
    ("The governor insisted that the budget was balanced.", "governor", "the budget was balanced", "insisted"),
    ("Among the reforms she proposed, Smith said, was a cap on donations.", "Smith", "a cap on donations", "said"),
    ("The funds were never misused, the treasurer added.", "treasurer", "The funds were never misused", "added"),
]


@pytest.mark.parametrize("text,speaker,content,cue", INDIRECT)
def test_indirect_speech(nlp, text, speaker, content, cue):
    stmts = run(nlp, text)
    hits = find(stmts, speaker, content)
    assert hits, stmts
    assert hits[0]["cue"]["text"] == cue


def test_quote_speaker_in_next_sentence_pronoun_resolves_to_named_person(nlp):
    text = (
        "Finance Minister Sara Ndlovu dismissed the report as baseless. "
        "“These numbers were invented by our opponents,” she said on Monday."
    )
    stmts = run(nlp, text)
    q = find(stmts, None, "These numbers were invented")
    assert q and q[0]["speaker"]["text"] == "she"
    assert q[0]["speaker"]["name"] == "Sara Ndlovu"


def test_quote_paragraph_continues_previous_speaker(nlp):
    text = (
        "“We are confident in the outcome,” said Carlos Mendes, the party's campaign chief.\n\n"
        "“Our voters turned out in record numbers and the count will show it.”"
    )
    stmts = run(nlp, text)
    cont = find(stmts, None, "Our voters turned out")
    assert cont and cont[0]["rule"] == "quote-continued"
    assert cont[0]["speaker"]["name"] == "Carlos Mendes"


def test_multi_sentence_quote_is_one_statement(nlp):
    text = "“This is absurd. We paid every tax we owed. Every single one,” said Karen Holt."
    stmts = run(nlp, text)
    q = find(stmts, "Karen Holt", "We paid every tax")
    assert len(q) == 1
    assert "This is absurd" in q[0]["content"]["text"]


def test_multi_paragraph_quote_runs_on(nlp):
    text = (
        "Mayor Ben Okafor said: “The contract was awarded fairly. Every bid was reviewed by the board.\n\n"
        "“Nobody on my staff received any payment from the contractor.”"
    )
    stmts = run(nlp, text)
    second = find(stmts, None, "Nobody on my staff")
    assert second and second[0]["speaker"]["name"] == "Ben Okafor"


def test_conjoined_cue_inherits_nearest_cue_subject(nlp):
    # sm parses "claimed" under "paid"; the claim still belongs to the spokesman.
    text = (
        "Party spokesman Sok Eysan denied allegations the premier had paid for fake follower "
        "accounts and claimed there was “no truth” to the statistics."
    )
    stmts = run(nlp, text)
    claimed = [s for s in stmts if s["cue"] and s["cue"]["text"] == "claimed"]
    assert claimed and "Sok Eysan" in claimed[0]["speaker"]["text"]


def test_participle_saying_keeps_subject(nlp):
    text = "Interior Minister Paul Reyes echoed the president, saying the protest had been organised abroad."
    stmts = run(nlp, text)
    hit = find(stmts, "Paul Reyes", "organised abroad")
    assert hit


def test_group_speaker_has_no_entity(nlp):
    text = "Spokesmen for both parties called the recordings fabricated."
    stmts = run(nlp, text)
    assert stmts and stmts[0]["speaker"]["text"] == "Spokesmen for both parties"
    assert stmts[0]["speaker"]["entity"] is None


def test_anonymous_speaker_keeps_span(nlp):
    text = "“It was chaos,” said a police officer who asked not to be named."
    stmts = run(nlp, text)
    assert stmts and stmts[0]["speaker"]["text"].startswith("a police officer")
    assert stmts[0]["speaker"]["entity"] is None


def test_staffer_of_named_org_is_not_the_org(nlp):
    text = "“The training changed how they post,” said a Reuters Institute researcher who attended the sessions."
    stmts = run(nlp, text)
    assert stmts and stmts[0]["speaker"]["entity"] is None


def test_first_person_speaker_never_resolves(nlp):
    text = "“I said the deal was dead,” I told him."
    for s in run(nlp, text):
        if s["speaker"] and s["speaker"]["text"].lower() == "i":
            assert s["speaker"]["entity"] is None


def test_scare_quotes_are_not_statements(nlp):
    text = "The premier’s page gained thousands of ‘likes’ from so-called “click farms” last year."
    assert run(nlp, text) == []


def test_non_speech_verbs_make_no_statement(nlp):
    for text in (
        "The council approved the budget on Monday.",
        "Police found the car abandoned near the border.",
        "The court denied bail.",
        "He could not be reached for comment.",
    ):
        assert [s for s in run(nlp, text) if s["kind"] != "refusal"] == [], text


def test_ids_in_text_order_and_deterministic(nlp):
    text = (
        "“We reject these claims,” the ministry said. The senator denied wrongdoing. "
        "Opposition leaders accused the government of rigging the vote."
    )
    a, b = run(nlp, text), run(nlp, text)
    assert a == b
    assert [s["id"] for s in a] == [f"s{i}" for i in range(1, len(a) + 1)]
    starts = [s["sentence"]["start"] for s in a]
    assert starts == sorted(starts)


def test_record_offsets_index_the_text(nlp):
    text = "Opposition leader Anna Berg said the election had been stolen."
    for s in run(nlp, text):
        for key in ("speaker", "cue", "content", "sentence"):
            r = s[key]
            if r:
                assert text[r["start"] : r["end"]] == r["text"]


MORE = [
    # (text, speaker substring, content substring, rule prefix)
    (
        "The ministry said:\n\n“We categorically reject the report. It is based on fabricated evidence.”",
        "ministry",
        "We categorically reject",
        "quote-said-before-colon",
    ),
    ("In a tweet, Senator Ted Cruz said the ruling was “an outrage.”", "Ted Cruz", "the ruling was", "quote-mixed"),
    (
        "LONDON (AP) — Britain's Conservative Party on Sunday rejected claims that it had accepted illegal donations.",
        "Conservative Party",
        "claims that it had accepted",
        "cue-reject",
    ),
    (
        "A spokeswoman for the White House, Karine Jean-Pierre, said in a statement "
        "that President Joe Biden supported the bill.",
        "Karine Jean-Pierre",
        "President Joe Biden supported the bill",
        "cue-say",
    ),
    ("The allegations were denied by the senator's office.", "senator's office", "The allegations", "cue-deny-passive"),
    ("“Yes,” said Smith. “But not now.”", "Smith", "But not now", "quote-"),
    ("“We didn’t do anything wrong.” he said.", "he", "We didn’t do anything wrong", "quote-said-next"),
    ("Asked whether she would resign, Patel replied: “No. Absolutely not.”", "Patel", "Absolutely not", "quote-said"),
    (
        "Sources familiar with the talks said the two sides were close to a deal.",
        "Sources familiar with the talks",
        "close to a deal",
        "cue-say",
    ),
    (
        "The report, released on Monday by the inspector general, found that officials had ignored warnings.",
        "The report",
        "officials had ignored warnings",
        "cue-find",
    ),
    ('He is quoted as saying that the deal was "dead on arrival."', "He", "the deal was", "quote-mixed"),
    (
        "“The numbers do not add up,” according to a senior Treasury official.",
        "Treasury official",
        "numbers do not add up",
        "according-to",
    ),
    (
        "Smith, who spoke on condition of anonymity because he was not authorized to "
        "discuss the matter, said the talks had stalled.",
        "Smith",
        "the talks had stalled",
        "cue-say",
    ),
    (
        "“We are heartbroken,” the family said in a statement, adding: “He was the kindest man we knew.”",
        "family",
        "kindest man",
        "quote-said",
    ),
    (
        "“Nobody wants a war,” says Ahmed Rashid, a professor at Cairo University.",
        "Ahmed Rashid",
        "Nobody wants a war",
        "quote-said-after",
    ),
    (
        "The minister pointed out that the budget had been approved by parliament.",
        "minister",
        "budget had been approved",
        "cue-point",
    ),
    (
        "The statement read: “The party stands united.” Prices continued to rise.",
        "statement",
        "party stands united",
        "quote-said-before-colon",
    ),
    (
        "Labour leader Keir Starmer called for an independent inquiry.",
        "Keir Starmer",
        "an independent inquiry",
        "cue-call-call-for",
    ),
    ("The UN called on both sides to exercise restraint.", "UN", "exercise restraint", "cue-call-call-on"),
    ("The president vowed to fight the ruling in the Supreme Court.", "president", "fight the ruling", "cue-vow-xcomp"),
    (
        "The senator expressed concern that the bill would raise taxes.",
        "senator",
        "the bill would raise taxes",
        "cue-express",
    ),
]


@pytest.mark.parametrize("text,speaker,content,rule", MORE)
def test_more_mechanisms(nlp, text, speaker, content, rule):
    stmts = run(nlp, text)
    hits = find(stmts, speaker, content)
    assert hits, stmts
    assert hits[0]["rule"].startswith(rule), hits[0]["rule"]


def test_stranded_subject_of_a_purporting_release(nlp):
    text = (
        "In the latest twist in a long-running feud, an anonymous blogger yesterday published documents "
        "purporting to show Interior Minister Lena Varga approving payments to a troll farm."
    )
    stmts = run(nlp, text)
    assert stmts and stmts[0]["kind"] == "allegation"
    assert stmts[0]["speaker"]["text"] == "an anonymous blogger"
    assert stmts[0]["target"]["name"] == "Lena Varga"


def test_dateline_is_not_the_speaker(nlp):
    text = "WASHINGTON (Reuters) - Senate leader Chuck Schumer said on Tuesday that the bill would pass."
    stmts = run(nlp, text)
    assert stmts[0]["speaker"]["text"] == "Senate leader Chuck Schumer"


def test_quote_does_not_take_a_verb_from_the_next_paragraph(nlp):
    text = (
        "“It's a bad bill,” said Senator John Thune. “It spends too much.”\n\n"
        "Thune's spokesman, Ryan Wrasse, later said the senator would vote against it."
    )
    stmts = run(nlp, text)
    second = find(stmts, None, "It spends too much")
    assert second and "Thune" in second[0]["speaker"]["text"] and "spokesman" not in second[0]["speaker"]["text"]
    assert find(stmts, "Ryan Wrasse", "would vote against it")


def test_unrelated_next_sentence_does_not_claim_a_quote(nlp):
    stmts = run(nlp, "“We will win.” Prices continued to rise.")
    assert stmts == []


def test_non_speech_uses_of_cue_verbs(nlp):
    for text in ("The army called up reservists.", "He continued to work.", "He read the report twice."):
        assert run(nlp, text) == [], text


def test_perception_is_not_a_report(nlp):
    assert run(nlp, "Police found the car abandoned near the border.") == []
    assert run(nlp, "Prosecutors charged him with murder.") == []
    assert run(nlp, "Detectives questioned the suspect for six hours.") == []

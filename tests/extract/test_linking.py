"""Denials linked to the allegations they answer; targets of allegations."""

from kg.extract.statements import build_statements
from kg.extract.statements.linking import stem, topic_stems

from .stub_index import StubIndex


def run(nlp, text):
    doc = nlp(text)
    return build_statements(doc, StubIndex(doc), (0, len(text)))


def by_kind(stmts, kind):
    return [s for s in stmts if s["kind"] == kind]


def test_stem_merges_agent_nouns_and_plurals():
    assert stem("leaker") == stem("leak") == stem("leaks")
    assert stem("emails") == "email"


def test_topic_stems_are_content_nouns(nlp):
    doc = nlp("The leaked emails were fabricated by the campaign.")
    assert {"email", "campaign"} <= topic_stems(doc)


def test_denial_links_to_allegation_about_the_denier(nlp):
    text = (
        "Activist Ned Shaw accused Mayor Dan Fox of taking bribes from developers. "
        "Fox denied the accusation on Tuesday."
    )
    stmts = run(nlp, text)
    acc, den = by_kind(stmts, "accusation"), by_kind(stmts, "denial")
    assert acc and den
    assert acc[0]["target"]["name"] == "Dan Fox"
    assert den[0]["denies"] == [acc[0]["id"]]
    assert den[0]["target"]["name"] == "Dan Fox"


def test_group_denial_links_by_shared_topic(nlp):
    text = (
        "An anonymous leaker released emails purporting to show Governor Kay Lin buying votes. "
        "The weather in the capital was mild. "
        "Spokesmen for the governor called the leaks fabricated."
    )
    stmts = run(nlp, text)
    al, den = by_kind(stmts, "allegation"), by_kind(stmts, "denial")
    assert al and den
    assert den[0]["denies"] == [al[0]["id"]]


def test_denial_never_links_to_own_allegation(nlp):
    text = (
        "Senator Ray Holt claimed that Governor Kay Lin had rigged the ballot. "
        "Holt later denied the report that he had been paid by rivals."
    )
    stmts = run(nlp, text)
    holt_alleg = [s for s in by_kind(stmts, "allegation") if s["speaker"] and "Holt" in s["speaker"]["text"]]
    den = by_kind(stmts, "denial")
    assert holt_alleg and den
    assert holt_alleg[0]["id"] not in den[0]["denies"]


def test_same_sentence_noun_allegation_is_linked(nlp):
    text = "Spokesman Sok Eysan denied allegations the minister had paid for fake follower accounts."
    stmts = run(nlp, text)
    den, al = by_kind(stmts, "denial"), by_kind(stmts, "allegation")
    assert al and den[0]["denies"] == [al[0]["id"]]


def test_no_allegations_no_links(nlp):
    stmts = run(nlp, "The senator denied wrongdoing.")
    assert stmts[0]["denies"] == []


def run_real(nlp, text):
    from kg.extract.entities import find_entities

    doc = nlp(text)
    return build_statements(doc, find_entities(doc), (0, len(text)))


def test_accused_answering_in_the_negative_is_a_denial(nlp):
    text = (
        "Activist Ned Shaw accused Mayor Dan Petrov of taking bribes from developers. "
        "Petrov said he had never taken any money from anyone.\n\n"
        "Petrov said he would not resign."
    )
    stmts = run_real(nlp, text)
    acc = by_kind(stmts, "accusation")
    den = by_kind(stmts, "denial")
    assert len(den) == 1 and "never taken" in den[0]["content"]["text"]
    assert den[0]["denies"] == [acc[0]["id"]]
    assert "negated-rebuttal" in den[0]["revised_by"]


def test_negative_statement_by_someone_else_is_not_a_denial(nlp):
    text = (
        "Activist Ned Shaw accused Mayor Dan Petrov of taking bribes from developers. "
        "Police spokesman Tim Ford said officers had not opened an investigation."
    )
    assert by_kind(run_real(nlp, text), "denial") == []


def test_prosecutors_allegation_answered_by_the_accused(nlp):
    text = (
        "Prosecutors say Anna Berg, a former aide to the governor, leaked the memo to reporters. "
        "Berg has denied the charge. “I never saw that memo,” she told the court on Monday."
    )
    stmts = run_real(nlp, text)
    al = by_kind(stmts, "allegation")
    den = by_kind(stmts, "denial")
    assert al and al[0]["target"]["name"] == "Anna Berg"
    assert len(den) == 2 and all(d["denies"] == [al[0]["id"]] for d in den)
    assert all(d["speaker"]["name"] == "Anna Berg" for d in den)


def test_pronoun_denier_named_from_previous_sentence(nlp):
    text = "Mark Smith, the party treasurer, was accused of embezzlement last year. “These claims are false,” he said."
    stmts = run_real(nlp, text)
    acc, den = by_kind(stmts, "accusation"), by_kind(stmts, "denial")
    assert den and den[0]["speaker"]["text"] == "he" and den[0]["speaker"]["name"] == "Mark Smith"
    # the passive accusation has no accuser but a target, and the denial answers it
    assert acc and acc[0]["speaker"] is None and acc[0]["target"]["name"] == "Mark Smith"
    assert acc[0]["certainty"] == "possible"
    assert den[0]["denies"] == [acc[0]["id"]]

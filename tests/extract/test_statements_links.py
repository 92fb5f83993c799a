"""Denial links, suspicions and implied allegations (claim-only falsity words,
"suspect X of", anaphoric rejections, spokesman-for speakers, link inheritance), each with
the traps it must not fall into (cases that must yield nothing / no denial /
no link / no implicit allegation).

Every text is invented news prose; nothing here is copied from the dev set.
"""

import pytest

from .stmt_helpers import of_kind as kinds
from .stmt_helpers import statements as run


def allegations(stmts):
    return kinds(stmts, "allegation", "accusation")


# --- (a) claim-only falsity predicates deny whatever their subject noun is

CLAIM_ONLY = [
    '"Any association of the Danish government with the reported payments is baseless and '
    'gravely misinformed," a Danish official said on Sunday.',
    '"Any link between the minister and the payments is groundless," a ministry spokeswoman said.',
    '"The lawsuit is without merit," the company said in a statement.',
    '"Every suggestion of a secret deal is unfounded," the mayor said.',
    '"The idea that our office took money is untrue," Senator Paula Grey said.',
]


@pytest.mark.parametrize("text", CLAIM_ONLY)
def test_claim_only_falsity_is_a_denial(nlp, text):
    assert kinds(run(nlp, text), "denial")


NOT_CLAIM_ONLY = [
    '"The timing is wrong," the coach said.',
    '"That was a false start," the referee said after the race.',
    '"The claims are not baseless," opposition leader Tom Reyes said.',
    '"If the reports are baseless, they should be withdrawn," the editor said.',
    '"The new stadium is without a roof," the architect said.',
]


@pytest.mark.parametrize("text", NOT_CLAIM_ONLY)
def test_other_verdicts_are_no_denial(nlp, text):
    assert not kinds(run(nlp, text), "denial")


# --- (b) "suspect X of Y" in reported content is an allegation against X

SUSPECTS = [
    (
        'Federal prosecutors said in a statement that they suspected "a foreign state" '
        "of trying to buy votes in the assembly.",
        "a foreign state",
    ),
    ("Police said they suspected the deputy mayor of taking bribes from a builder.", "the deputy mayor"),
]


@pytest.mark.parametrize("text,target", SUSPECTS)
def test_suspected_of_is_an_allegation(nlp, text, target):
    al = kinds(run(nlp, text), "allegation")
    assert al and al[0]["target"]["name"] == target
    assert al[0]["certainty"] == "probable"


def test_standalone_suspect_of_is_an_accusation(nlp):
    stmts = run(nlp, "Police suspect Mayor Dan Fox of taking bribes from a builder.")
    acc = allegations(stmts)
    assert len(acc) == 1 and acc[0]["target"]["name"] == "Dan Fox" and acc[0]["certainty"] == "probable"


def test_unattributed_passive_suspicion_is_an_accusation(nlp):
    acc = allegations(run(nlp, "Mayor Dan Fox is suspected of taking bribes from a builder."))
    assert len(acc) == 1 and acc[0]["speaker"] is None and acc[0]["target"]["name"] == "Dan Fox"


def test_reported_suspicion_is_one_statement(nlp):
    text = "Federal prosecutors said in a statement that they suspected a foreign state of trying to buy votes."
    assert len(run(nlp, text)) == 1


NOT_SUSPECTS = [
    "Police do not suspect Mayor Dan Fox of anything.",
    "Police arrested the suspected killer on Monday.",
    "Police said they suspected nothing unusual.",
    "The coach said he suspected the weather would turn.",
    "Police said they did not suspect the deputy mayor of anything.",
]


@pytest.mark.parametrize("text", NOT_SUSPECTS)
def test_no_suspicion_no_allegation(nlp, text):
    assert not allegations(run(nlp, text))


# --- (c) an accusation's target is the accused noun phrase only

ACCUSED = [
    (
        "The Greens group accused conservative parties of blocking earlier attempts to tighten lobbying rules.",
        "conservative parties",
    ),
    (
        "The opposition accused a senior minister in the state government of diverting flood relief money.",
        "a senior minister in the state government",
    ),
    ("The union blamed the rail operator for the cancellations.", "the rail operator"),
]


@pytest.mark.parametrize("text,target", ACCUSED)
def test_accusation_target_is_the_object_only(nlp, text, target):
    acc = kinds(run(nlp, text), "accusation")
    # (sm may hang "in the state government" on the verb: then the target is
    # shorter, but the charge is never part of it)
    assert acc and target.startswith(acc[0]["target"]["name"])
    assert (
        " of " not in acc[0]["target"]["name"][len("a senior minister") :] and " for " not in acc[0]["target"]["name"]
    )


def test_accusation_target_is_never_the_accuser(nlp):
    text = "Governor Dana Moss accused her Republican challenger of secretly funding fake accounts."
    acc = kinds(run(nlp, text), "accusation")
    assert acc and acc[0]["target"]["entity"] != acc[0]["speaker"]["entity"]


# --- (d) "rejected that": the nearest preceding allegation; a spokesman for X speaks for X


def test_anaphoric_rejection_answers_the_accusation_before(nlp):
    text = (
        "The Greens group accused conservative parties of blocking earlier attempts to tighten lobbying rules. "
        "A spokesman for the European People's Party rejected that, saying the group had always supported transparency."
    )
    stmts = run(nlp, text)
    acc, den = kinds(stmts, "accusation"), kinds(stmts, "denial")
    assert acc and den
    assert den[0]["denies"] == [acc[0]["id"]]
    assert den[0]["speaker"]["name"] == "European People's Party"


def test_anaphoric_rejection_with_nothing_before_links_nothing(nlp):
    text = (
        "A spokesman for the European People's Party rejected that, saying the group had always supported transparency."
    )
    den = kinds(run(nlp, text), "denial")
    assert den and den[0]["denies"] == []


def test_group_of_spokesmen_for_both_parties_has_no_entity(nlp):
    text = "Spokesmen for both parties rejected the claims as false."
    stmts = run(nlp, text)
    assert stmts and stmts[0]["speaker"]["entity"] is None


# --- (e) "denied accepting ...": an implied allegation when none is stated


def test_denied_own_act_implies_an_allegation(nlp):
    text = (
        "A Belgian lawmaker, Marie Arena, has denied accepting cash and gifts from a foreign government.\n\n"
        "\u201cI have never received a single euro from anyone,\u201d Arena said."
    )
    stmts = run(nlp, text)
    imp = [s for s in stmts if s["rule"] == "implied-by-denial"]
    assert len(imp) == 1
    a = imp[0]
    assert a["kind"] == "allegation" and a["speaker"] is None and a["certainty"] == "possible"
    assert a["target"]["name"] == "Marie Arena"
    dens = kinds(stmts, "denial")
    assert dens and all(a["id"] in d["denies"] for d in dens)
    assert [s["id"] for s in stmts] == [f"s{k}" for k in range(1, len(stmts) + 1)]


NO_IMPLIED = [
    # the allegation is stated: link to it instead
    "Activist Ned Shaw accused Mayor Dan Fox of taking bribes from developers. Fox denied taking any bribes.",
    # the denied act is someone else's
    "The ministry denied that the mayor had accepted gifts.",
    # the act is named as an allegation already ("denied allegations that ...")
    "Mayor Dan Fox denied allegations that he had accepted gifts.",
    # no denial at all
    "Mayor Dan Fox admitted accepting gifts from a developer.",
]


@pytest.mark.parametrize("text", NO_IMPLIED)
def test_no_implied_allegation(nlp, text):
    assert not [s for s in run(nlp, text) if s["rule"] == "implied-by-denial"]


def test_denial_links_to_the_content_matching_suspicion(nlp):
    text = (
        "A Belgian lawmaker, Marie Arena, has denied accepting gifts from a foreign government.\n\n"
        "Federal prosecutors said they suspected a foreign state of offering gifts to lawmakers."
    )
    stmts = run(nlp, text)
    sus = [s for s in kinds(stmts, "allegation") if s["rule"] != "implied-by-denial"]
    den = kinds(stmts, "denial")
    assert sus and den and sus[0]["id"] in den[0]["denies"]


# --- (f) links: restatements and continued denials


def test_later_restatement_of_the_named_allegation_is_answered(nlp):
    text = (
        "Mayor Dan Fox on Tuesday rejected allegations that he had accepted hospitality from a builder.\n\n"
        "The Daily Star reported on Sunday that Fox had stayed at the builder's villa three times."
    )
    stmts = run(nlp, text)
    den = kinds(stmts, "denial")
    star = [s for s in allegations(stmts) if s["speaker"] and "Daily Star" in s["speaker"]["text"]]
    assert den and star and star[0]["id"] in den[0]["denies"]


def test_plea_answers_only_the_charges_it_names(nlp):
    text = (
        "Mayor Dan Fox pleaded not guilty on Monday to charges that he took bribes.\n\n"
        "The indictment alleges that Fox met the builder at a hotel in March."
    )
    stmts = run(nlp, text)
    den = kinds(stmts, "denial")
    ind = [s for s in allegations(stmts) if "hotel" in s["content"]["text"]]
    assert den and ind and ind[0]["id"] not in den[0]["denies"]


def test_later_quote_continues_the_speakers_denial(nlp):
    text = (
        "Critics accused Mayor Dan Fox of taking bribes from developers. Fox denied the accusation.\n\n"
        "\u201cI have never taken a cent from anyone,\u201d Fox said."
    )
    stmts = run(nlp, text)
    acc, den = kinds(stmts, "accusation"), kinds(stmts, "denial")
    assert acc and len(den) == 2
    assert all(d["denies"] == [acc[0]["id"]] for d in den)


def test_unrelated_speakers_later_denial_does_not_inherit(nlp):
    text = (
        "Critics accused Mayor Dan Fox of taking bribes from developers. Fox denied the accusation.\n\n"
        "\u201cThe stadium was never over budget,\u201d said Anna Berg, the city treasurer."
    )
    stmts = run(nlp, text)
    berg = [s for s in stmts if s["speaker"] and "Berg" in s["speaker"]["text"]]
    assert all(not s["denies"] for s in berg)


def test_summary_denial_takes_the_links_of_its_elaboration(nlp):
    text = (
        "Prosecutors said they suspected a foreign state of making payments to lawmakers to influence votes.\n\n"
        "The foreign ministry has denied any wrongdoing. \u201cAny association of our government with the reported "
        "payments is baseless,\u201d a ministry official said on Sunday."
    )
    stmts = run(nlp, text)
    al, den = kinds(stmts, "allegation"), kinds(stmts, "denial")
    assert al and len(den) == 2
    assert den[1]["denies"] == [al[0]["id"]]
    assert den[0]["denies"] == [al[0]["id"]]


def test_summary_denial_with_a_statement_in_between_stays_unlinked(nlp):
    text = (
        "Prosecutors said they suspected a foreign state of paying lawmakers to influence votes.\n\n"
        "The foreign ministry has denied any wrongdoing. Its embassy said it would hold a press conference on Monday. "
        "\u201cAny association of our government with the reported payments is "
        "baseless,\u201d a ministry official said."
    )
    stmts = run(nlp, text)
    den = kinds(stmts, "denial")
    wrong = [d for d in den if "any wrongdoing" in d["content"]["text"]]
    assert wrong and wrong[0]["denies"] == []


def test_plural_allegations_cover_the_recent_ones_about_the_same_target(nlp):
    text = (
        "Broadcaster NTV said that the team doctor, Dr Ivan Petrov, had hidden positive drug tests.\n\n"
        "A former nurse said she had seen Petrov destroy sample bottles in the laboratory.\n\n"
        "Petrov has denied wrongdoing. The club said in a statement that the allegations were false and defamatory."
    )
    stmts = run(nlp, text)
    al, den = kinds(stmts, "allegation"), kinds(stmts, "denial")
    assert len(al) == 2 and den
    assert set(den[-1]["denies"]) == {a["id"] for a in al}


def test_singular_allegation_does_not_widen(nlp):
    text = (
        "Broadcaster NTV said that the team doctor, Dr Ivan Petrov, had hidden positive drug tests.\n\n"
        "A former nurse said she had seen Petrov destroy sample bottles in the laboratory.\n\n"
        "Petrov told reporters the nurse's claim was false."
    )
    stmts = run(nlp, text)
    den = kinds(stmts, "denial")
    assert den and len(den[-1]["denies"]) <= 1


def test_accuser_named_in_a_rebuttal_is_not_its_target(nlp):
    text = (
        "Governor Dana Moss accused Senator Paul Hale of secretly funding a network of fake accounts.\n\n"
        "Hale denied the accusation. \u201cI have never paid anyone to post anything about Dana Moss,\u201d Hale said."
    )
    stmts = run(nlp, text)
    acc = kinds(stmts, "accusation")
    assert acc
    for d in kinds(stmts, "denial"):
        assert d["denies"] == [acc[0]["id"]]
        assert d["target"]["name"] != "Dana Moss"


@pytest.mark.parametrize(
    "text,who",
    [
        ("Senator Paula Grey denied that she had accepted gifts from a lobbyist.", "Paula Grey"),
        ("Mayor Dan Fox has denied taking money from developers.", "Dan Fox"),
    ],
)
def test_own_act_denials_imply_an_allegation_against_the_denier(nlp, text, who):
    stmts = run(nlp, text)
    imp = [s for s in stmts if s["rule"] == "implied-by-denial"]
    assert len(imp) == 1 and imp[0]["target"]["name"] == who
    assert kinds(stmts, "denial")[0]["denies"] == [imp[0]["id"]]


@pytest.mark.parametrize(
    "text",
    [
        "Senator Paula Grey denied that her aide had accepted gifts from a lobbyist.",
        "Senator Paula Grey denied that it had rained on the day of the vote.",
    ],
)
def test_someone_elses_act_implies_nothing_against_the_denier(nlp, text):
    assert not [s for s in run(nlp, text) if s["rule"] == "implied-by-denial"]


# --- (r5) "who is suspected/accused of ..." in a relative clause: an unattributed
# allegation about the clause's antecedent; certainty as for any unattributed one

RELATIVE_SUSPECTS = [
    (
        "Police arrested Tom Hale, a former council officer who is suspected of taking bribes from a developer.",
        "Tom Hale",
    ),
    ("Investigators questioned Maria Lopes, who is suspected of leaking the tender documents.", "Maria Lopes"),
    ("Tom Hale, who is accused of taking bribes from a developer, resigned on Monday.", "Tom Hale"),
]


@pytest.mark.parametrize("text,who", RELATIVE_SUSPECTS)
def test_relative_clause_suspicion_is_an_allegation_about_the_antecedent(nlp, text, who):
    al = allegations(run(nlp, text))
    assert len(al) == 1, al
    assert al[0]["speaker"] is None
    assert al[0]["certainty"] == "possible"
    assert al[0]["target"] and who in al[0]["target"]["name"]


@pytest.mark.parametrize(
    "text",
    [
        "The council hired a lawyer who is known for his work on public contracts.",
        "She thanked the nurse who was praised for her work during the pandemic.",
        "Police said they suspect nobody yet.",
    ],
)
def test_relative_clause_without_a_charge_yields_no_allegation(nlp, text):
    assert allegations(run(nlp, text)) == []


@pytest.mark.parametrize(
    "text",
    [
        "Tom Hale is suspected of taking bribes from a developer.",
        "Tom Hale was accused of taking bribes from a developer.",
    ],
)
def test_unattributed_suspicion_and_accusation_share_certainty(nlp, text):
    al = allegations(run(nlp, text))
    assert len(al) == 1 and al[0]["certainty"] == "possible", al


def test_attributed_suspicion_keeps_its_hedge(nlp):
    al = allegations(run(nlp, "Police suspect Tom Hale of taking bribes from a developer."))
    assert len(al) == 1 and al[0]["speaker"] is not None and al[0]["certainty"] == "probable", al


# --- (r5) "heard/is investigating claims that ...": a received allegation is
# unattributed (speaker null, certainty possible) and answers a denial


@pytest.mark.parametrize(
    "text,who",
    [
        ("A parliamentary committee heard claims that Rui Falcão steered the contract to a friend's firm.", "Falcão"),
        ("Police are investigating allegations that Mayor Ana Ruiz took bribes from a developer.", "Ruiz"),
    ],
)
def test_received_allegation_is_unattributed(nlp, text, who):
    al = allegations(run(nlp, text))
    assert len(al) == 1, al
    assert al[0]["speaker"] is None and al[0]["certainty"] == "possible"
    assert al[0]["target"] and who in al[0]["target"]["name"]


def test_received_allegation_is_what_the_denial_answers(nlp):
    st = run(
        nlp,
        "Rui Falcão has denied taking kickbacks, after a parliamentary committee heard claims "
        "that he steered the contract to a friend's firm.",
    )
    al = allegations(st)
    assert [a["rule"] for a in al] == ["noun-allegation"], al
    (d,) = kinds(st, "denial")
    assert d["denies"] == [al[0]["id"]]


@pytest.mark.parametrize(
    "text",
    [
        "The committee heard evidence that the contract was signed in March.",
        "The committee did not hear claims that the mayor took bribes.",
        "The court heard the case on Monday.",
    ],
)
def test_received_non_allegations_yield_nothing(nlp, text):
    assert allegations(run(nlp, text)) == []

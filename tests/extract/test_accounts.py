"""Online accounts, pseudonymous handles, email and audience metrics."""

from __future__ import annotations

import re

import pytest

from kg.extract.entities import find_entities
from kg.extract.entities.numbers import parse_number


def accounts(nlp, text):
    idx = find_entities(nlp(text))
    out = {}
    for a in idx.accounts():
        holder = idx.name(a["holder"]) if a["holder"] else None
        out[(holder, a["platform"], a["kind"], a["handle"])] = a
    return out, idx


def span_of(text, sub, nth=0):
    m = list(re.finditer(r"(?<!\w)" + re.escape(sub) + r"(?!\w)", text))[nth]
    return m.start(), m.end()


ACCOUNT_CASES = [
    # (text, expected {(holder, platform, kind, handle)}); an account nobody is
    # said to hold is held by the identity it presents (its holder is itself)
    (
        "Prime Minister Hun Sen spoke. The email discussed the promotion of the premier’s Facebook page.",
        {("Hun Sen", "Facebook", "page", None)},
    ),
    (
        "Ueng Chong Leang denied it. “This is fake information,” he wrote on his Facebook page.",
        {("Ueng Chong Leang", "Facebook", "page", None)},
    ),
    ("Later yesterday, Facebook user “Seiha” released a similar image.", {("Seiha", "Facebook", "profile", "Seiha")}),
    ("Anonymous leaker “Thleay” released an image of an email.", {("Thleay", None, "pseudonym", "Thleay")}),
    (
        "The page surpassed the pages of VOA Khmer and pop star Meas Soksophea on Facebook.",
        {("VOA Khmer", "Facebook", "page", None), ("Meas Soksophea", "Facebook", "page", None)},
    ),
    (
        "Sam Rainsy’s Facebook page now has just over 2 million followers, while Kem Sokha’s has fewer than 600,000.",
        {("Sam Rainsy", "Facebook", "page", None), ("Kem Sokha", "Facebook", "page", None)},
    ),
    (
        "Senator Jane Doe has 1.2m followers on Twitter, according to data from Social Blade.",
        {("Jane Doe", "Twitter", "profile", None)},
    ),
    ("Critics on X, including @jdoe, celebrated the ruling.", {("@jdoe", "X", "profile", "@jdoe")}),
    (
        "Duong Dara said he used a Yahoo account as his official email address and not a Gmail, as seen in the leak.",
        {("Duong Dara", "Yahoo", "email", None), ("Duong Dara", "Gmail", "email", None)},
    ),
    ("Reporters can write to John Doe at john.doe@gov.uk for details.", {(None, "gov.uk", "email", "john.doe@gov.uk")}),
    # the handle in apposition to the holder's account is that account
    (
        "Home Secretary Suella Braverman spoke. Her Twitter account, @SuellaBraverman, has 200,000 followers.",
        {("Suella Braverman", "Twitter", "profile", "@SuellaBraverman")},
    ),
    # "on X" is the platform X; a bare "X" elsewhere is not
    (
        "Republican Senator Ted Cruz said on X, where he has 5.8 million followers, that it was a stunt.",
        {("Ted Cruz", "X", "profile", None)},
    ),
    ("Plan X was announced by the Labour Party on Monday.", set()),
    # a channel named after its noun is a page; "the channel" later is that account
    (
        "Pro-government YouTube channel “Khmer Truth” accused Sochua of treason. The channel did not respond.",
        {("Khmer Truth", "YouTube", "page", "Khmer Truth")},
    ),
    (
        "On TikTok, user @khmerpatriot99 posted clips. The account has over two million likes.",
        {("@khmerpatriot99", "TikTok", "profile", "@khmerpatriot99")},
    ),
    # "its" page: the organisation that is the subject just before
    (
        "The Interior Ministry said in a post on its official Facebook page that the report was false.",
        {("Interior Ministry", "Facebook", "page", None)},
    ),
    # an address at an organisation's domain is the organisation's
    (
        "The Labour Party can be reached at press.office@labour.org.uk.",
        {("Labour Party", "labour.org.uk", "email", "press.office@labour.org.uk")},
    ),
]


@pytest.mark.parametrize("text,expected", ACCOUNT_CASES)
def test_accounts(nlp, text, expected):
    got, _ = accounts(nlp, text)
    assert set(got) == expected
    for a in got.values():
        assert a["type"] == "Account" and a["rule"] and a["mentions"]


def test_one_account_however_often_mentioned(nlp):
    text = (
        "Prime Minister Hun Sen’s Facebook page grew. The premier’s page and his Facebook page are the same. "
        "Hun Sen’s page is popular."
    )
    got, _ = accounts(nlp, text)
    assert list(got) == [("Hun Sen", "Facebook", "page", None)]
    assert len(list(got.values())[0]["mentions"]) >= 3


def test_pseudonym_is_resolvable_speaker(nlp):
    text = "Facebook user “Seiha” released an image. “Sam Rainsy says he is happy,” Seiha said in a post."
    got, idx = accounts(nlp, text)
    acc = got[("Seiha", "Facebook", "profile", "Seiha")]
    assert idx.resolve(*span_of(text, "Seiha", 1)) == acc["id"]
    assert not any(p["name"] == "Seiha" for p in idx.people())


def test_redacted_email(nlp):
    text = (
        "Dara said the email was fabricated. “My email was fabricated and I have never used the email "
        "[email\u00a0protected],” he said yesterday."
    )
    got, idx = accounts(nlp, text)
    red = [a for a in got.values() if a["redacted"]]
    assert len(red) == 1 and red[0]["kind"] == "email"
    assert red[0]["holder"] is not None and idx.name(red[0]["holder"]) == "Dara"


METRIC_CASES = [
    # (text, holder, [(what, value)])
    (
        "Facebook dominates. Recent data from social media analytics firm Socialbakers "
        "show Hun Sen’s page at close to 7.4 million "
        "followers, nearly half of whom are from within Cambodia.",
        "Hun Sen",
        [("followers", 7400000)],
    ),
    (
        "Sam Rainsy is on Facebook. Rainsy, however, has close to 80 percent of his 3.8 million fans from the Kingdom.",
        "Sam Rainsy",
        [("share of fans from Kingdom", 0.8), ("fans", 3800000)],
    ),
    (
        "Hun Sen uses Facebook. Data from Socialbakers revealed that a significant amount of "
        "Hun Sen’s recent likes have originated abroad, "
        "including 255,000 from India. Fifty-eight per cent of Hun Sen’s fans are based in Cambodia.",
        "Hun Sen",
        [("likes from India", 255000), ("share of fans in Cambodia", 0.58)],
    ),
    ("Senator Jane Doe has 1.2m followers on Twitter.", "Jane Doe", [("followers", 1200000)]),
    (
        "Premier Hun Sen has nearly 7.4 million followers on Facebook, nearly half from within Cambodia.",
        "Hun Sen",
        [("followers", 7400000)],
    ),
    ("Mayor Tom Ford’s Instagram page has more than two dozen thousand followers.", "Tom Ford", [("followers", 24000)]),
    # "on X." at the end of a sentence: the tokenizer keeps the full stop on the letter
    (
        "Elon Musk spoke on Monday. Musk has more than 190 million followers on X.",
        "Elon Musk",
        [("followers", 190000000)],
    ),
]


@pytest.mark.parametrize("text,holder,expected", METRIC_CASES)
def test_metrics(nlp, text, holder, expected):
    got, idx = accounts(nlp, text)
    acc = next(a for k, a in got.items() if k[0] == holder)
    assert [(m["what"], m["value"]) for m in acc["metrics"]] == expected
    for m in acc["metrics"]:
        assert text[m["start"] : m["end"]] == m["text"] and m["rule"]


def test_metric_on_nominal_account(nlp):
    text = "On TikTok, user @khmerpatriot99 posted clips. The account has over two million likes."
    got, idx = accounts(nlp, text)
    acc = got[("@khmerpatriot99", "TikTok", "profile", "@khmerpatriot99")]
    assert [(m["what"], m["value"]) for m in acc["metrics"]] == [("likes", 2000000)]
    assert idx.resolve(*span_of(text, "The account")) == acc["id"]


def test_metric_reported_by(nlp):
    text = "Senator Jane Doe has 1.2m followers on Twitter, according to data from Social Blade."
    got, idx = accounts(nlp, text)
    m = got[("Jane Doe", "Twitter", "profile", None)]["metrics"][0]
    assert idx.name(m["reported_by"]) == "Social Blade"


def test_metrics_respectively(nlp):
    text = (
        "CNRP president Sam Rainsy’s page now has just over 2 million followers, while CNRP vice president "
        "Kem Sokha’s has fewer than 600,000. But most of those likes are based in-country: 82 per cent and "
        "92 per cent, respectively."
    )
    got, _ = accounts(nlp, text)
    rainsy = got[("Sam Rainsy", "Facebook", "page", None)] if ("Sam Rainsy", "Facebook", "page", None) in got else None
    # the platform is implied only by "page": without any platform word there is no account
    assert rainsy is None
    text = text.replace("Sam Rainsy’s page", "Sam Rainsy’s Facebook page")
    got, _ = accounts(nlp, text)
    r = got[("Sam Rainsy", "Facebook", "page", None)]["metrics"]
    k = got[("Kem Sokha", "Facebook", "page", None)]["metrics"]
    assert [(m["what"], m["value"]) for m in r] == [("followers", 2000000), ("share of likes in-country", 0.82)]
    assert [(m["what"], m["value"]) for m in k] == [("followers", 600000), ("share of likes in-country", 0.92)]


NOT_METRICS = [
    "Rainsy was ordered to pay around $6,000 in fines last year.",
    "Nearly a third of the 15 million citizens are active social media users.",
    "Two dozen protesters gathered outside parliament on Facebook’s invitation.",
    "Facebook is popular. The party has 5,000 members and its leader Sam Rainsy owns 1 million shares.",
    "Forty members of the CPP attended the Facebook workshop.",
]


@pytest.mark.parametrize("text", NOT_METRICS)
def test_no_metrics(nlp, text):
    got, _ = accounts(nlp, text)
    assert all(not a["metrics"] for a in got.values())


NUMBERS = [
    (["7.4", "million"], 7400000),
    (["three", "million"], 3000000),
    (["600,000"], 600000),
    (["Fifty", "-", "eight"], 58),
    (["Fifty-eight"], 58),
    (["two", "dozen"], 24),
    (["a", "dozen"], 12),
    (["1.2m"], 1200000),
    (["3bn"], 3000000000),
    (["255,000"], 255000),
    (["one", "hundred", "and", "twenty"], 120),
    (["ninety-two"], 92),
    (["banana"], None),
]


@pytest.mark.parametrize("words,value", NUMBERS)
def test_parse_number(words, value):
    assert parse_number(words) == value


# -- accounts described indirectly (dev set) -------------------------------------

PEACH = (
    'The memo was posted online by an anonymous account calling itself "PeachLeaks." The account, which has '
    "about 45,000 followers on Telegram, did not say how it obtained the document. PeachLeaks could not be "
    "reached. The account's operators can be contacted at peachleaks@protonmail.com, according to its profile."
)


def test_pseudonymous_account_named_by_a_bridge(nlp):
    got, idx = accounts(nlp, PEACH)
    acc = got[("PeachLeaks", "Telegram", "pseudonym", "PeachLeaks")]
    assert [(m["what"], m["value"]) for m in acc["metrics"]] == [("followers", 45000)]
    assert idx.resolve(*span_of(PEACH, "The account")) == acc["id"]
    assert not idx.people() and not idx.orgs()[1:]  # no person, at most the Telegram company
    mail = got[("PeachLeaks", "ProtonMail", "email", "peachleaks@protonmail.com")]
    assert mail["holder"] == acc["id"]


HANDLE_CASES = [
    # (text, {(handle, platform): [(what, value)]})
    (
        "Whitfield said the accounts, including an X account called @TexasTruthNow and a TikTok account named "
        '"lonestarwatch", had pushed doctored videos. @TexasTruthNow has 1.2m followers on X, while the TikTok '
        "account has more than 300,000 followers.",
        {("@TexasTruthNow", "X"): [("followers", 1200000)], ("lonestarwatch", "TikTok"): [("followers", 300000)]},
    ),
    (
        'The two accounts shared an administrator with a Telegram channel, "Texas Patriot Wire", which has '
        "nearly half a million subscribers.",
        {("Texas Patriot Wire", "Telegram"): [("subscribers", 500000)]},
    ),
    (
        'The data was posted on a Telegram channel called "JamiiDump". The regulator fined the firm. The firm '
        "appealed. The minister spoke. The channel, which had nearly half a million subscribers before it was taken "
        "down, shared screenshots.",
        {("JamiiDump", "Telegram"): [("subscribers", 500000)]},
    ),
    # a page of unnamed platform in a story about Facebook takes Facebook
    (
        'Facebook removed the video. The clip was first posted by a page called "Cedar Falls Truth," which has '
        "about 3,200 followers.",
        {("Cedar Falls Truth", "Facebook"): [("followers", 3200)]},
    ),
]


@pytest.mark.parametrize("text,expected", HANDLE_CASES)
def test_handles_and_their_metrics(nlp, text, expected):
    got, idx = accounts(nlp, text)
    have = {
        (a["handle"], a["platform"]): [(m["what"], m["value"]) for m in a["metrics"]]
        for a in got.values()
        if a["kind"] != "email"
    }
    assert have == expected
    assert not any(p["name"] in {h for h, _ in expected} for p in idx.people())


EMAIL_HOLDERS = [
    # (text, address, holder name)
    (
        'The files appeared on a Telegram channel called "JamiiDump". Its '
        "administrators did not answer a message sent to "
        "jamiidump@proton.me.",
        "jamiidump@proton.me",
        "JamiiDump",
    ),
    (
        "Researchers at the Digital Forensic Research Lab (DFRLab) published a report. Readers can write to "
        "tips@dfrlab.org.",
        "tips@dfrlab.org",
        "Digital Forensic Research Lab",
    ),
]


@pytest.mark.parametrize("text,addr,holder", EMAIL_HOLDERS)
def test_email_holder_from_handle_or_domain(nlp, text, addr, holder):
    got, idx = accounts(nlp, text)
    mail = next(a for a in got.values() if a["handle"] == addr)
    assert mail["holder"] and idx.name(mail["holder"]) == holder


NO_ACCOUNT = [
    # a quotation after a handle noun and a comma is no name
    '"We were lied to," said the blogger, "They lied."',
    # a company's customer count is no account metric
    "Jamii Mobile has about 9 million subscribers, according to regulator figures.",
    # details of customers posted somewhere are no metric of that place
    "Personal details of about 2.1 million subscribers were posted online, the regulator said.",
]


@pytest.mark.parametrize("text", NO_ACCOUNT)
def test_no_account(nlp, text):
    got, _ = accounts(nlp, text)
    assert got == {}


def test_half_a_million():
    assert parse_number(["half", "a", "million"]) == 500000


# -- posts: speakers' accounts and "N times" counts -----------------------------------

POST_CASES = [
    # (text, holder, platform, expected metrics {what: value})
    (
        "Herbosa approved a contract with Pharmalink Asia after a meeting with the company's owner, Vicente Lim. "
        "His company said in a Facebook post that it had nothing to hide. "
        "The post had been shared more than 12,000 times by Sunday evening.",
        "Pharmalink Asia",
        "Facebook",
        {"shares": 12000},
    ),
    (
        "AAP spokesperson Ritu Kakran spoke on Tuesday. Kakran's post about the documents on X, where she has "
        "more than 640,000 followers, was viewed 2.3 million times by Wednesday morning.",
        "Ritu Kakran",
        "X",
        {"followers": 640000, "views": 2300000},
    ),
    ("Chief executive Marcus Feld responded on X within hours, saying no data had been taken.", "Marcus Feld", "X", {}),
    (
        "On LinkedIn, Cloudline's chief security officer, Dana Okoro, said the company had found no evidence.",
        "Dana Okoro",
        "LinkedIn",
        {},
    ),
]


@pytest.mark.parametrize("text,holder,platform,metrics", POST_CASES)
def test_post_accounts_and_counts(nlp, text, holder, platform, metrics):
    accs, idx = accounts(nlp, text)
    found = [a for (h, p, _k, _h), a in accs.items() if h == holder and p == platform]
    assert len(found) == 1, list(accs)
    assert {m["what"]: m["value"] for m in found[0]["metrics"]} == metrics


NO_POST_METRIC = [
    # "N times" with no post named before, or a verb that counts nothing online
    "The minister was asked more than 20 times whether he had met the owner.",
    "Officials said the road had been shared by cyclists and cars 30 times a day.",
    # a post counted three sentences later is too far
    (
        "Maria Lopez said in a Facebook post that she was innocent. She went to court. The judge sat. "
        "It was a long day. The post had been shared 500 times."
    ),
]


@pytest.mark.parametrize("text", NO_POST_METRIC)
def test_no_post_metric(nlp, text):
    accs, _ = accounts(nlp, text)
    assert all(not a["metrics"] for a in accs.values()), accs


def test_page_followed_by_people(nlp):
    text = (
        "“I have never received a single euro,” Marie Arena said in a video posted on her Facebook page, "
        "which is followed by about 48,000 people."
    )
    accs, _ = accounts(nlp, text)
    page = accs[("Marie Arena", "Facebook", "page", None)]
    assert [(m["what"], m["value"]) for m in page["metrics"]] == [("followers", 48000)]


def test_followed_by_without_a_page_is_nothing(nlp):
    text = "The minister was followed by about 200 people as he left the court."
    accs, _ = accounts(nlp, text)
    assert all(not a["metrics"] for a in accs.values())

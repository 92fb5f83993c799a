import pytest

from kg.cleaning import clean_text
from kg.errors import KgError

from ..conftest import CORPUS


@pytest.mark.parametrize(
    "name, first_words, last_words, title",
    [
        (
            "000_aeb538c21ffb816a.txt",
            "In the latest tit-for-tat",
            "more problems for them.”",
            "Leakers take on politicians’ Facebook ‘likes’",
        ),
        (
            "002_3cf2572ac96b969a.txt",
            "For Prime Minister Hun Sen, Facebook",
            "I like what he posts.”",
            "CPP's engagement party: the social media strategy of Cambodia's 'e-premier'",
        ),
    ],
)
def test_seed_body_and_title(name, first_words, last_words, title):
    raw = (CORPUS / name).read_text("utf-8")
    art = clean_text(raw)
    assert len(art.text) == len(raw)  # chrome is blanked, never cut
    assert raw[art.body[0] :].startswith(first_words)
    assert raw[: art.body[1]].endswith(last_words)
    assert art.title == title
    assert art.meta["publisher"] == "Phnom Penh Post"
    # nothing of the teasers or the logo line survives in the text spaCy sees
    assert "Logo of" not in art.text and "•" not in art.text
    # offsets into text are offsets into raw
    i = art.text.index("Hun Sen")
    assert raw[i : i + 7] == "Hun Sen"


def test_subheads_captions_and_credits_are_blanked():
    raw = (CORPUS / "002_3cf2572ac96b969a.txt").read_text("utf-8")
    art = clean_text(raw)
    for chrome in (
        "Doing it like the Germans",
        "Content image - Phnom Penh Post",
        "A momentum shift?",
        "Additional reporting by Bun Sengkong",
    ):
        assert chrome in raw and chrome not in art.text


def test_plain_article_keeps_everything_but_the_headline():
    raw = "Senator denies report\n\nThe senator denied the report on Monday. She said it was false.\n"
    art = clean_text(raw)
    assert art.title == "Senator denies report"
    assert raw[art.body[0] : art.body[1]] == "The senator denied the report on Monday. She said it was false."
    assert "The senator denied" in art.text


def test_article_without_headline():
    raw = "The senator denied the report on Monday. She said it was false."
    art = clean_text(raw)
    assert art.title is None and art.body == (0, len(raw))


def test_quoted_one_line_paragraph_is_not_a_subhead():
    raw = "Title here\n\nThe minister spoke at length on Monday about the budget.\n\n“No comment.”\n\nThe end of the story came later that week.\n"
    art = clean_text(raw)
    assert "“No comment.”" in art.text


@pytest.mark.parametrize("raw", ["", "   \n\n  "])
def test_empty_text_is_an_error(raw):
    with pytest.raises(KgError, match="empty article"):
        clean_text(raw)


@pytest.mark.parametrize(
    "first_line, place, agency, rest",
    [
        ("ATLANTA (AP) — Georgia Gov. Brian Kemp on Wednesday dismissed a memo.", "ATLANTA", "AP", "Georgia Gov."),
        ("LONDON (Reuters) - Britain's transport minister rejected the allegations.", "LONDON", "Reuters", "Britain's"),
        ("NAIROBI, Kenya — Kenya's ruling party rejected accusations.", "NAIROBI, Kenya", None, "Kenya's ruling"),
        ("WASHINGTON -- The senator denied the report.", "WASHINGTON", None, "The senator"),
    ],
)
def test_wire_datelines_are_not_text(first_line, place, agency, rest):
    raw = f"Headline of the story\n\n{first_line}\n\nSecond paragraph of the story.\n"
    art = clean_text(raw)
    assert raw[art.body[0] :].startswith(rest)
    assert art.meta["dateline"] == place and art.meta.get("agency") == agency
    assert place.split(",")[0] not in art.text


@pytest.mark.parametrize(
    "first_line",
    [
        "The EU - and its allies - rejected the plan.",
        "Mr Smith — a former minister — denied it.",
        "US officials - speaking anonymously - said so.",
    ],
)
def test_ordinary_dashes_are_not_datelines(first_line):
    raw = f"Headline of the story\n\n{first_line}\n"
    art = clean_text(raw)
    assert raw[art.body[0] :].startswith(first_line)


@pytest.mark.parametrize(
    "headline",
    [
        'Health minister under fire; ministry calls report "misleading"',
        "Senator says claims are ‘nonsense’",
    ],
)
def test_headline_ending_in_a_quoted_word(headline):
    raw = f"{headline}\n\nMANILA, Philippines (AP) — The ministry denied the report.\n"
    art = clean_text(raw)
    assert art.title == headline and art.meta["dateline"] == "MANILA, Philippines"
    assert raw[art.body[0] :].startswith("The ministry denied")


def test_first_line_that_is_a_sentence_is_body():
    raw = "The minister said he was “shocked.”\n\nHe later resigned.\n"
    assert clean_text(raw).title is None


@pytest.mark.parametrize(
    "line",
    [
        "By Priya Raman, Technology Correspondent",
        "By Jane Doe and John Roe",
        "Cloudline chief executive Marcus Feld at the company's headquarters in Austin, Texas, in March. (Photo: Cloudline)",
        'Helping Hands founder Grace Mwangi says she has "nothing to apologise for". Photo: Daily Ledger',
        "Protesters outside parliament on Monday. Photograph: AFP/Getty Images",
    ],
)
def test_bylines_and_captions_are_chrome(line):
    raw = f"Headline of the story\n\n{line}\n\nThe minister denied the report on Monday, officials said.\n"
    art = clean_text(raw)
    assert line not in art.text and "The minister denied" in art.text


@pytest.mark.parametrize(
    "line",
    [
        "By the end of the day, the minister had denied the report twice.",
        "The minister showed reporters a photo: it was taken in March, she said.",
    ],
)
def test_body_lines_that_look_a_little_like_chrome_stay(line):
    raw = f"Headline of the story\n\n{line}\n\nThe minister denied the report on Monday.\n"
    assert line in clean_text(raw).text


# -- HTML: blocks stay apart ---------------------------------------------------------

PAGE = (
    "<html><head><title>Minister denies graft claims | The Daily</title></head><body>"
    "<nav>Home | World</nav><article><h1>Minister denies graft claims</h1>"
    '<p class="standfirst">Opposition says contracts were rigged</p>'
    "<p>Health Minister John Doe on Monday rejected claims by opposition leader Jane Roe that he took bribes.</p>"
    "<p>“These allegations are false,” Doe said.</p><h2>Contracts</h2>"
    "<p>Roe said the tender was rigged.</p></article></body></html>"
)


def test_html_headline_standfirst_and_body_are_separate_paragraphs():
    from kg.cleaning import clean_html

    art = clean_html(PAGE)
    assert art.title == "Minister denies graft claims"
    blocks = [
        "Minister denies graft claims",
        "Opposition says contracts were rigged",
        "Health Minister John Doe on Monday rejected claims by opposition leader Jane Roe that he took bribes.",
        "“These allegations are false,” Doe said.",
        "Contracts",
        "Roe said the tender was rigged.",
    ]
    assert art.raw == "\n\n".join(blocks)
    # every block starts a sentence; headline and subhead are chrome, as in plain text
    assert list(art.breaks) == [art.raw.index(b) for b in blocks]
    assert [art.raw[s:e] for s, e in art.chrome] == ["Minister denies graft claims", "Contracts"]
    assert art.text.startswith(" " * len(blocks[0]) + "\n\n" + blocks[1])
    assert len(art.text) == len(art.raw) and art.raw[art.body[0] :].startswith(blocks[1])


def test_html_without_blocks_still_reads():
    from kg.cleaning import clean_html

    art = clean_html("<html><body><p>Jane Roe said the minister lied about the contract.</p></body></html>")
    assert art.raw == "Jane Roe said the minister lied about the contract." and art.breaks == (0,)

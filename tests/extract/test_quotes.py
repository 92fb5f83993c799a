"""The one quote finder: character spans (``find_quotes``) and the same quotes
token by token (``token_quote_mask``), which coreference and email holders read."""

import pytest

from kg.extract.quotes import find_quotes, token_quote_mask

QUOTES = [
    # (text, the quoted texts, in order)
    ("“We will win,” she said.", ["We will win,"]),
    ('"We will win," she said.', ["We will win,"]),
    # scraped copy mixes the marks; either double mark closes the other's quote
    ('“I am a woman," she said. "I will run.”', ["I am a woman,", "I will run."]),
    ("He said “no” to the plan.", ["no"]),
    # a straight mark after a letter is an inch mark or a typo, not an opening
    ('a 5" screen and "a real quote," he said', ["a real quote,"]),
    # apostrophes inside a single-quoted span do not close it
    ("‘It’s not true, we never paid anyone for likes,’ he said.", ["It’s not true, we never paid anyone for likes,"]),
    # a short single-quoted phrase is a scare quote, not a quotation
    ("They bought ‘likes’ online.", []),
    # a quote left open at a paragraph break runs on into the next paragraph
    ("“First part.\n\n“Second part,” he said.", ["First part.", "Second part,"]),
    ("No quotes here.", []),
]


@pytest.mark.parametrize("text,quoted", QUOTES)
def test_find_quotes(text, quoted):
    assert [text[q.start : q.end] for q in find_quotes(text)] == quoted


def test_a_run_on_quote_continues_in_the_next_paragraph():
    text = "“First part.\n\n“Second part,” he said."
    first, second = find_quotes(text)
    assert first.runs_on and not first.continues
    assert second.continues and not second.runs_on


MASKED = [
    # (text, tokens inside quotations): the token view of the same finder
    ("“We will win the election,” she said.", ["We", "will", "win", "the", "election", ","]),
    ('“I am a woman," she said. "I will run.”', ["I", "am", "a", "woman", ",", "I", "will", "run", "."]),
    # scare quotes (three tokens or fewer, no verb) are not quotations
    ("He bought “likes” and “fake accounts” online.", []),
]


@pytest.mark.parametrize("text,tokens", MASKED)
def test_token_mask_is_find_quotes_by_token(nlp, text, tokens):
    doc = nlp(text)
    mask = token_quote_mask(doc)
    assert [t.text for t in doc if mask[t.i]] == tokens

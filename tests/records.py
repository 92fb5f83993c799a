"""Hand-made extractor records for tests that must not depend on extraction quality."""

from kg.cleaning import clean_text

TEXT = (
    "Ministers deny the claims\n\n"
    "Opposition leader Jane Roe accused Prime Minister John Doe of buying likes on Facebook.\n"
    "Doe denied the allegations, calling them fabricated.\n"
)


def span(text, needle):
    i = text.index(needle)
    return {"start": i, "end": i + len(needle), "text": needle}


def records(text=TEXT):
    art = clean_text(text)
    roe, doe = span(text, "Jane Roe"), span(text, "John Doe")
    s1 = span(text, "Opposition leader Jane Roe accused Prime Minister John Doe of buying likes on Facebook.")
    s2 = span(text, "Doe denied the allegations, calling them fabricated.")
    ents = [
        {
            "id": "person:jane-roe",
            "type": "Person",
            "name": "Jane Roe",
            "aliases": ["Roe"],
            "mentions": [roe],
            "roles": [{"title": "opposition leader", "org": None, **span(text, "Opposition leader"), "rule": "title"}],
            "holder": None,
            "platform": None,
            "handle": None,
            "kind": None,
            "redacted": False,
            "metrics": [],
            "rule": "ner",
        },
        {
            "id": "person:john-doe",
            "type": "Person",
            "name": "John Doe",
            "aliases": ["Doe", "Prime Minister John Doe"],
            "mentions": [doe, span(text, "Doe denied")],
            "roles": [
                {"title": "Prime Minister", "org": "org:cabinet", **span(text, "Prime Minister"), "rule": "title"}
            ],
            "holder": None,
            "platform": None,
            "handle": None,
            "kind": None,
            "redacted": False,
            "metrics": [],
            "rule": "ner",
        },
        {
            "id": "org:cabinet",
            "type": "Organization",
            "name": "Cabinet",
            "aliases": [],
            "mentions": [],
            "roles": [],
            "holder": None,
            "platform": None,
            "handle": None,
            "kind": None,
            "redacted": False,
            "metrics": [],
            "rule": "ner",
        },
        {
            "id": "account:facebook:john-doe:page",
            "type": "Account",
            "name": "John Doe (Facebook page)",
            "aliases": [],
            "mentions": [span(text, "Facebook")],
            "roles": [],
            "holder": "person:john-doe",
            "platform": "Facebook",
            "handle": None,
            "kind": "page",
            "redacted": False,
            "metrics": [
                {
                    "what": "followers",
                    "value": 7400000,
                    "text": "7.4 million",
                    "start": 0,
                    "end": 9,
                    "reported_by": None,
                    "rule": "metric",
                }
            ],
            "rule": "account",
        },
    ]
    sts = [
        {
            "id": "s1",
            "kind": "accusation",
            "speaker": {**roe, "entity": "person:jane-roe", "name": "Jane Roe"},
            "cue": span(text, "accused"),
            "content": span(text, "of buying likes on Facebook"),
            "sentence": s1,
            "target": {"entity": "person:john-doe", "name": "John Doe"},
            "denies": [],
            "certainty": "certain",
            "polarity": "positive",
            "rule": "cue-accuse",
        },
        {
            "id": "s2",
            "kind": "denial",
            "speaker": {
                "start": s2["start"],
                "end": s2["start"] + 3,
                "text": "Doe",
                "entity": "person:john-doe",
                "name": "John Doe",
            },
            "cue": span(text, "denied"),
            "content": span(text, "the allegations"),
            "sentence": s2,
            "target": None,
            "denies": ["s1"],
            "certainty": "certain",
            "polarity": "negative",
            "rule": "cue-deny",
        },
    ]
    return art, {
        "article": {"title": art.title, "body": {"start": art.body[0], "end": art.body[1]}},
        "entities": ents,
        "statements": sts,
    }

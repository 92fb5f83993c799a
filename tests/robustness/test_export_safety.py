"""Export safety at the level of the produced files: hostile names, titles,
quotes and sentences from articles end up as text in the HTML map, never as
markup or script, and the XML exports stay well-formed. No browser: the page
is parsed with lxml and its embedded data with json."""

from __future__ import annotations

import json
import re

import pytest
from click.testing import CliRunner

from kg.cleaning import clean_text
from kg.cli import cli
from kg.graph import article_graph
from kg.store import open_store

pytest.importorskip("kg.export")
lxml_html = pytest.importorskip("lxml.html")

TITLE = 'Minister </script><script>window.__pwned=1</script> "quoted" \\ back\\slash \u2028 line'
NAME_A = 'Jane <img src=x onerror="window.__pwned=1"> Roe'
NAME_B = "John </title><!--<script> Doe \u2029"
ALIAS = "javascript:alert(document.cookie)"
ROLE = "<a href=\"javascript:alert(1)\">Prime</a> Minister' onmouseover='x"
CONTENT = 'buying likes </script><svg onload=alert(1)> ]]> {nodes} %s \\"'
PUBLISHER = "<iframe src=javascript:alert(1)></iframe>"
HOSTILE = [TITLE, NAME_A, NAME_B, ALIAS, ROLE, CONTENT]


def span(raw, needle):
    i = raw.index(needle)
    return {"start": i, "end": i + len(needle), "text": needle}


def hostile_article():
    s1 = f"Opposition leader {NAME_A} accused {NAME_B} of {CONTENT}."
    s2 = f"{NAME_B} denied the allegations, calling them fabricated."
    raw = f"{TITLE}\n\n{s1}\n{s2}\n"
    art = clean_text(raw, title=TITLE, meta={"publisher": PUBLISHER, "url": "javascript:alert(1)"})
    person = lambda eid, name, aliases, roles: {  # noqa: E731
        "id": eid,
        "type": "Person",
        "name": name,
        "aliases": aliases,
        "mentions": [span(raw, name)],
        "roles": roles,
        "holder": None,
        "platform": None,
        "handle": None,
        "kind": None,
        "redacted": False,
        "metrics": [],
        "rule": "test",
    }
    rec = {
        "article": {"title": TITLE, "body": {"start": art.body[0], "end": art.body[1]}},
        "entities": [
            person("person:a", NAME_A, [ALIAS], [{"title": ROLE, "org": None, "rule": "title"}]),
            person("person:b", NAME_B, [], []),
        ],
        "statements": [
            {
                "id": "s1",
                "kind": "accusation",
                "speaker": {**span(raw, NAME_A), "entity": "person:a", "name": NAME_A},
                "cue": span(raw, "accused"),
                "content": span(raw, CONTENT),
                "sentence": span(raw, s1),
                "target": {"entity": "person:b", "name": NAME_B},
                "denies": [],
                "certainty": "certain",
                "polarity": "positive",
                "rule": "test",
            },
            {
                "id": "s2",
                "kind": "denial",
                "speaker": {**span(raw, NAME_B), "entity": "person:b", "name": NAME_B},
                "cue": span(raw, "denied"),
                "content": span(raw, "the allegations"),
                "sentence": span(raw, s2),
                "target": None,
                "denies": ["s1"],
                "certainty": "certain",
                "polarity": "negative",
                "rule": "test",
            },
        ],
    }
    return article_graph(art, rec, source='evil"<script>.txt')


@pytest.fixture
def hostile_store(tmp_path):
    path = str(tmp_path / "s")
    with open_store(path) as s:
        s.write([hostile_article()])
    return path


def export(store, fmt, out):
    res = CliRunner().invoke(cli, ["--store", store, "export", fmt, "--out", str(out)])
    assert res.exit_code == 0, res.output
    return out


def all_strings(obj):
    if isinstance(obj, str):
        yield obj
    elif isinstance(obj, dict):
        for v in obj.values():
            yield from all_strings(v)
    elif isinstance(obj, list):
        for v in obj:
            yield from all_strings(v)


ALLOWED_TAGS = {
    "html",
    "head",
    "meta",
    "title",
    "style",
    "script",
    "body",
    "div",
    "h1",
    "h2",
    "p",
    "span",
    # the search and filter tools (kg.export.page)
    "label",
    "input",
    "datalist",
    "select",
    "option",
    "button",
}


def test_html_map_has_no_injected_markup(hostile_store, tmp_path):
    page = export(hostile_store, "html", tmp_path / "map.html").read_text("utf-8")
    doc = lxml_html.document_fromstring(page)

    # Only the template's own elements exist: nothing from the article became markup.
    tags = {el.tag for el in doc.iter() if isinstance(el.tag, str)}
    assert tags <= ALLOWED_TAGS, tags - ALLOWED_TAGS
    for el in doc.iter():
        if not isinstance(el.tag, str):
            continue
        for attr, value in el.attrib.items():
            assert not attr.lower().startswith("on"), (el.tag, attr)
            assert "javascript:" not in value.lower(), (el.tag, attr, value)
            assert attr.lower() not in ("src", "href", "srcdoc", "action", "formaction"), (el.tag, attr)
    scripts = doc.findall(".//script")
    assert len(scripts) == 2  # the vendored library and the data block, nothing injected
    assert not any(s.get("src") for s in scripts)

    # The data block is intact: the hostile text neither ended the <script>
    # (no "</", no "<!--" that would switch the tokenizer's script states)
    # nor the JS statement (no raw U+2028/U+2029), and parses back as JSON.
    data = scripts[-1].text
    assert "</" not in data and "<!--" not in data and "\u2028" not in data and "\u2029" not in data
    nodes = json.loads(re.search(r"var nodes = new vis\.DataSet\((.*?)\);\n", data).group(1))
    edges = json.loads(re.search(r"var edges = new vis\.DataSet\((.*?)\);\n", data).group(1))
    text = "\n".join(all_strings([nodes, edges]))
    # ... and every hostile string is there, as plain text, character for character
    # (tooltips fold runs of whitespace, so compare with whitespace folded).
    folded = " ".join(text.split())
    for s in (NAME_A, NAME_B, ALIAS, CONTENT, TITLE):
        assert " ".join(s.split()) in folded, s
    assert ROLE in text

    # Nothing readable outside the data block carries the hostile text either
    # (the page's own heading, title and legend are kg's words).
    visible = " ".join(
        el.text_content() for el in doc.iter("h1", "h2", "p", "title", "div") if el.getparent() is not None
    )
    assert "pwned" not in visible and "onerror" not in visible


@pytest.mark.parametrize("fmt", ["graphml", "gexf"])
def test_xml_exports_stay_well_formed_with_hostile_text(hostile_store, tmp_path, fmt):
    from lxml import etree

    out = export(hostile_store, fmt, tmp_path / f"net.{fmt}")
    root = etree.parse(str(out)).getroot()  # raises if the hostile text broke the XML
    values = " ".join(" ".join(v for v in el.attrib.values()) + " " + (el.text or "") for el in root.iter())
    assert " ".join(NAME_A.split()) in " ".join(values.split())
    assert not [
        el for el in root.iter() if isinstance(el.tag, str) and etree.QName(el).localname in ("script", "img", "svg")
    ]


def test_json_export_round_trips_hostile_text(hostile_store, tmp_path):
    out = export(hostile_store, "json", tmp_path / "net.json")
    strings = set(all_strings(json.loads(out.read_text("utf-8"))))
    assert NAME_A in strings and NAME_B in strings


# Text with control characters already in a store (written before kg.reading
# turned them into spaces, by another tool, or over SPARQL) still reaches the
# exporters. XML 1.0 cannot carry C0 controls other than tab/newline/CR.
CONTROL_NAME = "Jane \x0c\x0b\x1b Roe"


@pytest.fixture
def control_store(tmp_path, monkeypatch):
    monkeypatch.setattr(__import__(__name__, fromlist=["x"]), "NAME_A", CONTROL_NAME)
    path = str(tmp_path / "c")
    with open_store(path) as s:
        s.write([hostile_article()])
    return path


def test_graphml_with_control_characters_in_names(control_store, tmp_path):
    from lxml import etree

    out = export(control_store, "graphml", tmp_path / "c.graphml")
    etree.parse(str(out))


def test_gexf_with_control_characters_in_names(control_store, tmp_path):
    from lxml import etree

    out = export(control_store, "gexf", tmp_path / "c.gexf")
    etree.parse(str(out))


def test_html_with_control_characters_in_names(control_store, tmp_path):
    page = export(control_store, "html", tmp_path / "c.html").read_text("utf-8")
    data = lxml_html.document_fromstring(page).findall(".//script")[-1].text
    nodes = json.loads(re.search(r"var nodes = new vis\.DataSet\((.*?)\);\n", data).group(1))
    assert any("Jane" in s and "Roe" in s for s in all_strings(nodes))

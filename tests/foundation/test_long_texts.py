"""Long texts: parsed in paragraph-aligned pieces (kg.parse), extracted in
windows whose records are merged (kg.windows), written in parts (kg.graph,
kg.ingest). The limits are lowered here so that small texts exercise every
path; the memory figures themselves are measured by bench/long_text.py."""

import json

import pytest
from click.testing import CliRunner

import kg.ingest as ingest_mod
import kg.parse as parse_mod
import kg.windows as windows_mod
from kg.api import record_json
from kg.cleaning import clean_text
from kg.cli import cli
from kg.extract import extract
from kg.graph import article_parts, article_quads
from kg.ingest import ingest
from kg.parse import parse_texts, split_pieces
from kg.store import open_store
from kg.windows import StatementList, extract_article

from ..conftest import CORPUS

PARAS = [
    "Opposition leader Jane Roe accused Prime Minister John Doe of buying likes on Facebook.",
    "Doe denied the allegation on Tuesday. “It is a lie,” Doe told reporters.",
    "Finance Minister Ann Lee said the budget would be published in May.",
    "Roe said she had seen the invoices herself.",
    "A court later convicted Roe of defamation over the accusation.",
]


def long_text(copies: int) -> str:
    return (
        "Minister denies buying likes\n\n"
        + "\n\n".join(f"Edition {k}.\n\n" + "\n\n".join(PARAS) for k in range(copies))
        + "\n"
    )


# -- pieces ----------------------------------------------------------------------


@pytest.mark.parametrize(
    "text, limit",
    [
        ("a" * 10, 100),  # fits: one piece
        ("para one.\n\npara two.\n\npara three.\n", 14),  # paragraphs
        ("line one\nline two\nline three\n", 12),  # no blank line: line breaks
        ("One sentence. Another one. A third one here.", 16),  # one paragraph: sentence ends
        ("x" * 95, 10),  # one long word: hard cuts
        ("\n\n\n\n" + "word " * 40, 17),  # leading blank lines, then words
        ("", 5),
    ],
)
def test_pieces_cover_the_text_exactly_and_stay_bounded(text, limit):
    pieces = split_pieces(text, limit)
    assert "".join(text[s:e] for s, e in pieces) == text
    assert all(0 < e - s <= limit for s, e in pieces) or text == ""
    assert all(a[1] == b[0] for a, b in zip(pieces, pieces[1:]))


def test_pieces_end_where_paragraphs_end():
    text = long_text(30)
    pieces = split_pieces(text, 2_000)
    assert len(pieces) > 3
    for s, e in pieces[:-1]:
        assert text[s:e].endswith("\n\n") and not text[e].isspace()


def test_a_piece_is_cut_in_its_second_half():
    # a blank line early in the span does not make a tiny piece when a line
    # break lies further on
    text = "ab\n\n" + "word " * 20 + "\n" + "word " * 20
    (s, e), *_ = split_pieces(text, 150)
    assert e > 75


# -- parsing -----------------------------------------------------------------------


def test_pieces_join_into_one_doc_with_exact_offsets(nlp, monkeypatch):
    monkeypatch.setattr(parse_mod, "PIECE_CHARS", 600)
    monkeypatch.setattr(parse_mod, "BATCH_CHARS", 1_300)
    text = long_text(8)
    seen = []
    (doc,) = parse_texts(nlp, [text], on_piece=lambda i, done, total: seen.append((i, done, total)))
    assert doc.text == text
    whole = nlp(text)
    assert [(t.idx, t.text) for t in doc] == [(t.idx, t.text) for t in whole]
    # entities keep their offsets; the parse differs from one over the whole
    # text only by context lost at a cut (here every ~600 characters)
    assert all(text[e.start_char : e.end_char] == e.text for e in doc.ents)
    ours, theirs = (
        {(e.start_char, e.end_char, e.label_) for e in doc.ents},
        {(e.start_char, e.end_char, e.label_) for e in whole.ents},
    )
    assert len(ours & theirs) >= 0.8 * len(theirs)
    assert len(seen) == len(split_pieces(text, 600)) > 1
    assert [d for _, d, _ in seen] == sorted(d for _, d, _ in seen) and seen[-1][1:] == (len(text), len(text))


def test_a_short_text_is_parsed_exactly_as_nlp_does(nlp):
    text = (CORPUS / "000_aeb538c21ffb816a.txt").read_text("utf-8")
    (doc,) = parse_texts(nlp, [text])
    whole = nlp(text)
    assert doc.to_bytes(exclude=["user_data"]) == whole.to_bytes(exclude=["user_data"])


# -- extraction in windows -------------------------------------------------------------


def test_short_article_extraction_is_unchanged(nlp):
    for f in sorted(CORPUS.glob("*.txt")):
        art = clean_text(f.read_text("utf-8"))
        assert json.dumps(extract_article(art, nlp)) == json.dumps(extract(art, nlp))


@pytest.fixture
def small_windows(monkeypatch):
    monkeypatch.setattr(parse_mod, "PIECE_CHARS", 700)
    monkeypatch.setattr(windows_mod, "WINDOW_CHARS", 1_500)


def test_windows_merge_into_one_article_record(nlp, small_windows):
    art = clean_text(long_text(12))
    rec = extract_article(art, nlp)
    assert isinstance(rec["statements"], StatementList)
    stmts = list(rec["statements"])
    assert [s["id"] for s in stmts] == [f"s{k + 1}" for k in range(len(stmts))]
    assert [s["sentence"]["start"] for s in stmts] == sorted(s["sentence"]["start"] for s in stmts)
    # every offset indexes the whole text
    for s in stmts:
        for key in ("content", "sentence", "speaker", "cue"):
            if s[key]:
                assert art.raw[s[key]["start"] : s[key]["end"]] == s[key]["text"], (key, s)
    ids = [e["id"] for e in rec["entities"]]
    assert len(ids) == len(set(ids))  # one record per entity, across windows
    doe = next(e for e in rec["entities"] if e["name"] == "John Doe")
    starts = [m["start"] for m in doe["mentions"]]
    assert starts == sorted(starts) and starts[-1] > windows_mod.WINDOW_CHARS  # found in later windows too
    for m in doe["mentions"]:
        assert art.raw[m["start"] : m["end"]] == m["text"]
    # denials point at statements of the merged numbering
    known = {s["id"] for s in stmts}
    denials = [s for s in stmts if s["kind"] == "denial"]
    assert len(denials) >= 12 and all(set(d["denies"]) <= known for d in denials)
    assert any(d["denies"] for d in denials[6:])
    # consequences too: one per edition (what a window cuts may be lost),
    # renumbered, offsets and causes following
    cons = rec["consequences"]
    assert len(cons) >= 10 and [c["id"] for c in cons] == [f"c{k + 1}" for k in range(len(cons))]
    for c in cons:
        assert art.raw[c["trigger"]["start"] : c["trigger"]["end"]] == c["trigger"]["text"] == "convicted"
        assert set(c["because_of"]) <= known
        for sid in c["because_of"]:
            cause = next(s for s in stmts if s["id"] == sid)
            assert cause["kind"] == "accusation" and 0 < c["trigger"]["start"] - cause["sentence"]["start"] < 600
    assert any(c["because_of"] for c in cons[1:])  # a cause found in a later window
    assert rec["article"]["body"] == {"start": art.body[0], "end": art.body[1]}


def test_long_record_json_is_json_dumps(nlp, small_windows):
    rec = extract_article(clean_text(long_text(6)), nlp)
    plain = {**rec, "statements": list(rec["statements"])}
    for indent in (None, 2):
        assert "".join(record_json(rec, indent=indent)) == json.dumps(plain, ensure_ascii=False, indent=indent)


def test_kg_extract_on_a_long_file(tmp_path, nlp, small_windows):
    f = tmp_path / "long.txt"
    f.write_text(long_text(6), "utf-8")
    out = CliRunner().invoke(cli, ["extract", str(f)])
    assert out.exit_code == 0, out.output
    rec = json.loads(out.output)
    assert len(rec["statements"]) > 12 and rec["source"] == str(f)


# -- graph in parts, ingest ----------------------------------------------------------


def test_parts_hold_exactly_the_article_graph_with_the_article_node_last(nlp):
    art = clean_text((CORPUS / "000_aeb538c21ffb816a.txt").read_text("utf-8"))
    rec = extract(art, nlp)
    whole = set(article_quads(art, rec, source="a.txt"))
    parts = list(article_parts(art, rec, source="a.txt", part_triples=200))
    assert len(parts) > 3
    assert set().union(*(set(p) for p in parts)) == whole
    from kg.namespace import KG
    from rdflib.namespace import RDF

    marker = [k for k, p in enumerate(parts) if any(t[1] == RDF.type and t[2] == KG.Article for t in p)]
    assert marker == [len(parts) - 1]


def test_long_article_ingest_is_the_same_graph_and_the_bar_moves(tmp_path, nlp, small_windows, monkeypatch):
    monkeypatch.setattr(ingest_mod, "LONG_CHARS", 1_000)
    import kg.graph as graph_mod

    monkeypatch.setattr(graph_mod, "PART_TRIPLES", 300)
    f = tmp_path / "long.txt"
    f.write_text(long_text(6), "utf-8")
    calls = []
    with open_store(str(tmp_path / "s")) as store:
        rep = ingest(store, [str(f)], progress=lambda done, total: calls.append(done))
        assert (rep.new, rep.failed) == (1, 0)
        n = len(store)
        from kg.ids import article_iri, content_hash

        art = clean_text(f.read_text("utf-8"))
        chash = content_hash(art.raw)
        expected = set(article_quads(art, extract_article(art, nlp), source=str(f), chash=chash))
        assert _count(store, f"GRAPH <{article_iri(chash)}> {{ ?s ?p ?o }}") == len(expected)
        # claims were placed once the whole graph was in: every part's
        # statements, exactly as a rebuild from the store places them
        linked = _claimed(store)
        assert any(s.endswith("/s1") for s in linked) and len(linked) >= 12
        from kg.derived import rebuild_claims

        rebuild_claims(store)
        assert _claimed(store) == linked
        # the bar moved inside the one file, never backwards
        inside = [c for c in calls if 0 < c < 1]
        assert len(inside) >= 3 and calls == sorted(calls) and calls[-1] == 1
        # again: unchanged; --force: replaced, same triples
        assert ingest(store, [str(f)]).unchanged == 1
        again = ingest(store, [str(f)], force=True)
        assert (again.new, again.replaced) == (0, 1) and len(store) == n


def _count(store, pattern: str) -> int:
    return int(next(iter(store.query(f"SELECT (COUNT(*) AS ?n) WHERE {{ {pattern} }}")))[0])


def _claimed(store) -> set[str]:
    """Statements linked to a claim (kg:asserts or kg:denies)."""
    from kg.claims import CLAIMS_GRAPH

    rows = store.query(f"SELECT ?s WHERE {{ GRAPH <{CLAIMS_GRAPH}> {{ ?s kg:asserts|kg:denies ?c }} }}")
    return {str(r[0]) for r in rows}


def test_interrupted_long_write_is_redone(tmp_path, nlp, small_windows, monkeypatch):
    """A crash between parts leaves no article node: the next run redoes it."""
    monkeypatch.setattr(ingest_mod, "LONG_CHARS", 1_000)
    import kg.graph as graph_mod

    monkeypatch.setattr(graph_mod, "PART_TRIPLES", 300)
    f = tmp_path / "long.txt"
    f.write_text(long_text(4), "utf-8")
    real = ingest_mod._Writer.put
    count = {"n": 0}

    def dying_put(self, graphs, drops, derive=True):
        count["n"] += 1
        if count["n"] == 3:
            raise OSError("disk on fire")
        return real(self, graphs, drops, derive)

    with open_store(str(tmp_path / "s")) as store:
        monkeypatch.setattr(ingest_mod._Writer, "put", dying_put)
        with pytest.raises(OSError):
            ingest(store, [str(f)])
        monkeypatch.setattr(ingest_mod._Writer, "put", real)
        assert store.article_graphs() == []  # parts, but no article
        rep = ingest(store, [str(f)])
        assert (rep.new, rep.unchanged) == (1, 0)
        n = len(store)
        assert ingest(store, [str(f)], force=True).replaced == 1 and len(store) == n

"""Bad input: every file gets correct output or a one-line error, the rest of
the batch still goes in, and no traceback ever reaches the user.

Small odd files are committed in fixtures/; big and binary ones are made at
test time under tmp_path."""

from __future__ import annotations

import json
import shutil
import time
import tracemalloc
from pathlib import Path

import pytest
from click.testing import CliRunner
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from kg.cleaning import clean_text
from kg.cli import cli
from kg.errors import KgError
from kg.graph import article_quads
from kg.reading import _CONTROLS, Source, decode, read_article
from kg.store import open_store

from .conftest import FIXTURES

MB = 1024 * 1024
LONG_SENTENCE = (
    "Opposition leader Jane Roe said that "
    + " and ".join(f"minister number {i} lied about the contract" for i in range(300))
    + ".\n"
)


def make_batch(folder: Path) -> Path:
    """The committed fixtures plus the generated ones, in one folder."""
    shutil.copytree(FIXTURES, folder)
    (folder / "binary.txt").write_bytes(bytes(range(256)) * 40)
    (folder / "empty.txt").write_bytes(b"")
    (folder / "blank.md").write_bytes(b"  \n\t\n")
    (folder / "nul_inside.txt").write_bytes(b"Jane Roe said \x00 the minister lied.\n")
    (folder / "long_sentence.txt").write_text(LONG_SENTENCE, "utf-8")
    with open(folder / "huge.txt", "wb") as f:  # 50 MB of real text, not a sparse file
        line = b"Opposition leader Jane Roe accused Minister John Doe of lying again.\n"
        f.write(line * (50 * MB // len(line) + 1))
    return folder


FAILURES = {
    "binary.txt": "binary file, not text",
    "blank.md": "empty file",
    "empty.txt": "empty file",
    "furniture_only.txt": "no article body found: the text is only page furniture or headings",
    "huge.txt": "file too large (50.0 MB > 10 MB limit; raise it with --max-size)",
    "nul_inside.txt": "binary file, not text",
}


def texts(store_path) -> dict[str, str]:
    with open_store(str(store_path), read_only=True) as s:
        rows = s.query("SELECT ?src ?t WHERE { GRAPH ?g { ?g kg:sourcePath ?src ; schema:text ?t } }")
        return {Path(str(src)).name: str(t) for src, t in rows}


@pytest.mark.slow
def test_bad_batch_goes_in_around_the_bad_files(tmp_path, nlp):
    batch = make_batch(tmp_path / "batch")
    store = tmp_path / "s"
    t0 = time.monotonic()
    out = CliRunner().invoke(cli, ["--store", str(store), "ingest", "-q", str(batch)])
    assert time.monotonic() - t0 < 120
    assert out.exit_code == 1  # some files failed
    assert "Traceback" not in out.output
    assert sorted(out.stderr.splitlines()) == [
        f"failed: {batch / name}: {msg}" for name, msg in sorted(FAILURES.items())
    ]
    # utf16_bom.txt and utf16le_no_bom.txt decode to the same text: one is a duplicate
    assert out.stdout.startswith("17 read, 10 new, 1 unchanged, 6 failed;")

    got = texts(store)
    assert set(got) == {
        "broken.html",
        "cp1252.txt",
        "emoji_rtl.txt",
        "latin1.txt",
        "long_sentence.txt",
        "only_quotes.txt",
        "script.html",
        "unbalanced_quotes.txt",
        "utf8_stray_byte.txt",
    } | ({"utf16_bom.txt"} if "utf16_bom.txt" in got else {"utf16le_no_bom.txt"})
    # non-UTF-8 encodings are decoded, not mangled
    assert (
        got["latin1.txt"] == "Le ministre José Pérez a nié les accusations, dit-il à la presse à Genève. Ça suffit.\n"
    )
    assert (
        got["cp1252.txt"]
        == "Opposition leader Jane Roe said “the minister lied” – and Minister John Doe denied it… over €100.\n"
    )
    assert got.get("utf16_bom.txt", got.get("utf16le_no_bom.txt")).startswith("Opposition leader Jane Roe accused")
    assert (
        got["utf8_stray_byte.txt"].endswith("He called it \ufffdfabricated\ufffd.\n")
        and "Genève, the café" in got["utf8_stray_byte.txt"]
    )
    # text files are stored exactly as read: emoji, RTL, bidi overrides, U+2028, quotes
    for name in ("emoji_rtl.txt", "only_quotes.txt", "unbalanced_quotes.txt", "long_sentence.txt"):
        assert got[name] == (batch / name).read_text("utf-8"), name
    # scripts, styles and event handlers of HTML never become article text
    for name in ("script.html", "broken.html"):
        for bad in ("alert", "injected", "document.write", "onerror", "onclick", "color:red"):
            assert bad not in got[name], (name, bad)
    assert "Doe denied the allegations on Monday" in got["script.html"]
    assert "The ministry said the claims were fabricated." in got["broken.html"]

    val = CliRunner().invoke(cli, ["--store", str(store), "validate"])
    assert val.exit_code == 0 and val.output.startswith("conforms"), val.output

    # the same command again: nothing new, the same failures, no duplicates
    again = CliRunner().invoke(cli, ["--store", str(store), "ingest", "-q", str(batch)])
    assert again.stdout.startswith("17 read, 0 new, 11 unchanged, 6 failed;")
    assert texts(store) == got


@pytest.mark.slow
def test_extract_prints_one_line_per_bad_file(tmp_path, nlp):
    batch = make_batch(tmp_path / "batch")
    files = sorted(str(p) for p in batch.iterdir())
    out = CliRunner().invoke(cli, ["extract", "--format", "jsonl", *files])
    assert out.exit_code == 1 and "Traceback" not in out.output
    assert sorted(out.stderr.splitlines()) == [
        f"failed: {batch / name}: {msg}" for name, msg in sorted(FAILURES.items())
    ]
    records = [json.loads(line) for line in out.stdout.splitlines()]
    assert len(records) == len(files) - len(FAILURES)
    assert all(r["source"] in files for r in records)


def test_huge_file_is_refused_fast_without_reading_it(tmp_path):
    big = tmp_path / "big.txt"
    with open(big, "wb") as f:
        f.write(b"Jane Roe said the minister lied.\n" * (50 * MB // 33 + 1))
    tracemalloc.start()
    t0 = time.monotonic()
    with pytest.raises(KgError) as err:
        read_article(Source(str(big), big))
    elapsed = time.monotonic() - t0
    _, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    assert str(err.value) == f"{big}: file too large (50.0 MB > 10 MB limit; raise it with --max-size)"
    assert elapsed < 1.0
    assert peak < 1 * MB  # it was never read


def test_huge_stdin_reads_only_up_to_the_limit(tmp_path):
    out = CliRunner().invoke(
        cli,
        ["--store", str(tmp_path / "s"), "ingest", "--max-size", "1", "-q", "-"],
        input="Jane Roe lied.\n" * (2 * MB // 15),
    )
    assert out.exit_code == 1
    assert out.stderr == "failed: -: input too large (> 1 MB limit; raise it with --max-size)\n"
    assert out.stdout.startswith("1 read, 0 new, 0 unchanged, 1 failed")


def test_max_size_is_honoured_both_ways(tmp_path):
    f = tmp_path / "a.txt"
    f.write_text("Jane Roe said the minister lied.\n" * (MB // 33 * 2), "utf-8")  # ~2 MB
    with pytest.raises(KgError, match=r"file too large \(2\.0 MB > 1 MB limit"):
        read_article(Source(str(f), f), max_bytes=1 * MB)
    assert read_article(Source(str(f), f), max_bytes=3 * MB).raw.startswith("Jane Roe said")


# -- property tests ------------------------------------------------------------------

ONE_LINE = settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])


def assert_one_line(exc: KgError, label: str):
    msg = str(exc)
    assert msg.startswith(f"{label}: ")
    assert "\n" not in msg and "\r" not in msg and len(msg) < 400


@ONE_LINE
@given(st.binary(max_size=3000))
def test_decode_any_bytes(data):
    try:
        text = decode(data, "x.txt")
    except KgError as exc:
        assert_one_line(exc, "x.txt")
    else:
        assert isinstance(text, str) and text.strip()


@ONE_LINE
@given(st.text(max_size=400), st.sampled_from(["utf-8", "utf-16", "utf-8-sig", "cp1252", "latin-1"]))
def test_decode_round_trips_real_encodings(text, enc):
    """Text saved in a common encoding comes back as the same text (or, when
    the bytes cannot tell, a one-line error); never an exception."""
    try:
        data = text.encode(enc)
    except UnicodeEncodeError:
        return
    try:
        got = decode(data, "x.txt")
    except KgError as exc:
        assert_one_line(exc, "x.txt")
        return
    expected = text.translate(_CONTROLS)  # control characters come back as spaces
    if enc in ("utf-8", "utf-16", "utf-8-sig"):
        assert got == expected
    elif all(ord(c) < 0x80 for c in text):
        assert got == expected


@ONE_LINE
@given(
    st.binary(max_size=3000) | st.text(max_size=1500).map(lambda t: t.encode("utf-8")),
    st.sampled_from([".txt", ".md", ".html"]),
)
def test_read_article_any_file(tmp_path_factory, data, suffix):
    path = tmp_path_factory.mktemp("f") / f"a{suffix}"
    path.write_bytes(data)
    try:
        art = read_article(Source(str(path), path))
    except KgError as exc:
        assert_one_line(exc, str(path))
        return
    assert len(art.text) == len(art.raw)
    assert 0 <= art.body[0] <= art.body[1] <= len(art.raw)
    assert all(0 <= s <= e <= len(art.raw) for s, e in art.chrome)
    assert art.raw.strip()


@ONE_LINE
@given(st.text(alphabet=st.characters(blacklist_categories=["Cs"]), max_size=2000))
def test_clean_text_any_text(text):
    try:
        art = clean_text(text)
    except KgError as exc:
        assert "\n" not in str(exc)
        return
    assert len(art.text) == len(art.raw) == len(text)
    # chrome is blanked, never cut or moved: every non-blank char of text is raw's
    assert all(t == r or t == " " for t, r in zip(art.text, art.raw))
    assert 0 <= art.body[0] <= art.body[1] <= len(text)


HOSTILE_TEXT = st.text(
    alphabet=st.characters(blacklist_categories=["Cs"])
    | st.sampled_from(list("\"\\'<>&{};\n\r\t\x00\x0b\u2028\u2029\u202e\ufeff🙂")),
    min_size=1,
    max_size=300,
).filter(lambda t: t.strip())


@pytest.fixture(scope="module")
def prop_store(tmp_path_factory):
    with open_store(str(tmp_path_factory.mktemp("prop") / "s")) as s:
        yield s


@settings(
    max_examples=120, deadline=None, suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture]
)
@given(raw=HOSTILE_TEXT, name=HOSTILE_TEXT, title=HOSTILE_TEXT, replace=st.booleans())
def test_any_text_round_trips_through_the_store(prop_store, raw, name, title, replace):
    """Article text, a person's name and a headline of any characters are
    stored and read back exactly, on both write paths (plain insert, and the
    drop-and-insert update used when an article is replaced)."""
    from kg.cleaning import ArticleText
    from kg.ids import content_hash

    art = ArticleText(raw=raw, text=raw, body=(0, len(raw)), title=title)
    rec = {
        "article": {"title": title, "body": {"start": 0, "end": len(raw)}},
        "entities": [
            {
                "id": "person:x",
                "type": "Person",
                "name": name,
                "aliases": [name + "'s"],
                "mentions": [{"start": 0, "end": len(raw), "text": raw}],
                "roles": [],
                "rule": "ner",
            }
        ],
        "statements": [],
    }
    g = article_quads(art, rec, source=name)
    prop_store.update("DROP ALL")  # the same raw text is the same graph: start clean each time
    drop = []
    if replace:
        # an older version read from the same source, replaced in one update
        old_raw = raw + " (older)"
        old = article_quads(ArticleText(raw=old_raw, text=old_raw, body=(0, len(old_raw))), rec, source=name)
        prop_store.write([old])
        drop = prop_store.graphs_for_source(name)  # the hostile name bound as a literal
        assert drop == [old.identifier]
    prop_store.write([g], drop)
    assert prop_store.article_graphs() == [g.identifier]
    rows = list(
        prop_store.query(
            "SELECT ?t ?h ?n ?g WHERE { GRAPH ?g { ?g schema:text ?t ; schema:headline ?h ; schema:mentions ?p . ?p schema:name ?n } }",
            {"g": g.identifier},
        )
    )
    assert {(str(t), str(h)) for t, h, _n, _g in rows} == {(raw, title)}
    assert name in {str(n) for _t, _h, n, _g in rows}
    assert content_hash(raw)[:20] in str(g.identifier)


# -- the store directory itself ------------------------------------------------------


def test_corrupt_store_is_a_one_line_error(tmp_path):
    bad = tmp_path / "s"
    bad.mkdir()
    (bad / "CURRENT").write_text("garbage\n")
    out = CliRunner().invoke(cli, ["--store", str(bad), "denials"])
    assert out.exit_code == 1
    assert out.output == f"Error: cannot open store {bad}: Corruption: CURRENT file corrupted\n"


def test_a_folder_of_articles_is_not_made_a_store(tmp_path):
    """`--store corpus` by mistake must not fill the corpus with RocksDB files."""
    folder = tmp_path / "articles"
    folder.mkdir()
    (folder / "a.txt").write_text("Jane Roe said the minister lied.\n")
    out = CliRunner().invoke(cli, ["--store", str(folder), "ingest", str(folder / "a.txt")])
    assert out.exit_code == 1
    assert (
        out.output
        == f"Error: {folder} is a non-empty directory but not a kg store: give a new or an existing store path\n"
    )
    assert [p.name for p in folder.iterdir()] == ["a.txt"]


def test_control_characters_become_spaces_offsets_kept(tmp_path):
    """Form feeds (PDF-to-text), escape sequences and other C0 controls are
    not text: one space each, so the text keeps its length and offsets."""
    f = tmp_path / "a.txt"
    f.write_bytes(b"Opposition leader Jane\x0cRoe said\x1b[1m the minister lied.\x0b\r\nDoe denied it.\n")
    art = read_article(Source(str(f), f))
    assert art.raw == "Opposition leader Jane Roe said [1m the minister lied. \r\nDoe denied it.\n"
    assert len(art.raw) == len(f.read_bytes())


def test_html_entities_are_never_resolved(tmp_path):
    """An HTML page with a DTD declaring an external entity (XXE) and nested
    entities (billion laughs): nothing is read from disk and nothing expands."""
    secret = tmp_path / "secret.txt"
    secret.write_text("TOP-SECRET-CONTENT\n")
    page = tmp_path / "xxe.html"
    page.write_text(
        '<?xml version="1.0"?>\n'
        f'<!DOCTYPE html [<!ENTITY xxe SYSTEM "file://{secret}">'
        '<!ENTITY lol "lollollollollol"><!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">'
        '<!ENTITY lol3 "&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;">]>\n'
        "<html><body><article><p>Opposition leader Jane Roe accused Minister John Doe of corruption in the contract, "
        "reporters were told on Monday.</p><p>Secret: &xxe; and &lol3; end.</p>"
        "<p>Doe denied the allegations on Monday, calling them fabricated.</p></article></body></html>\n",
        "utf-8",
    )
    art = read_article(Source(str(page), page))
    assert "TOP-SECRET" not in art.raw
    assert "lollol" not in art.raw
    assert "Doe denied the allegations on Monday" in art.raw


@pytest.mark.parametrize(
    "sidecar, message",
    [
        ('{"title": ["x", 1]}', "metadata field 'title' must be text, got list"),
        ('{"publisher": {"name": "x"}}', "metadata field 'publisher' must be text, got dict"),
        ('{"date": true}', "metadata field 'date' must be text, got bool"),
        ("[1, 2]", "metadata sidecar must be a JSON object"),
    ],
)
def test_bad_sidecar_is_one_line_about_the_sidecar(tmp_path, sidecar, message):
    f = tmp_path / "a.txt"
    f.write_text("Opposition leader Jane Roe accused Minister John Doe of lying.\n", "utf-8")
    (tmp_path / "a.meta.json").write_text(sidecar, "utf-8")
    with pytest.raises(KgError) as err:
        read_article(Source(str(f), f))
    assert str(err.value) == f"{tmp_path / 'a.meta.json'}: {message}"


def test_sidecar_numbers_and_nulls(tmp_path):
    f = tmp_path / "a.txt"
    f.write_text("Opposition leader Jane Roe accused Minister John Doe of lying.\n", "utf-8")
    (tmp_path / "a.meta.json").write_text('{"title": "T <b>", "date": 2016, "author": null}', "utf-8")
    art = read_article(Source(str(f), f))
    assert art.title == "T <b>" and art.meta == {"date": "2016"}


def test_an_unexpected_bug_is_still_one_line(tmp_path, monkeypatch):
    """Whatever slips through (a bug) is one line and exit 70, not a traceback."""
    import kg.query

    def boom(*a, **k):
        raise RuntimeError("boom\nsecond line")

    monkeypatch.setattr(kg.query, "run_query", boom)
    monkeypatch.delenv("KG_DEBUG", raising=False)
    art_store = tmp_path / "s"
    with open_store(str(art_store)):
        pass
    out = CliRunner().invoke(cli, ["--store", str(art_store), "query", "people"])
    assert out.exit_code == 70
    assert out.output == "Error: internal error: RuntimeError: boom second line (set KG_DEBUG=1 for details)\n"

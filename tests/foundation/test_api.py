import sys

import kg


def test_every_api_name_resolves():
    for name in kg.__all__:
        assert getattr(kg, name) is not None, name


def test_import_is_light():
    # importing kg must not pull in spaCy (the CLI's --help stays fast)
    import subprocess

    out = subprocess.run(
        [sys.executable, "-c", "import kg, sys; print('spacy' in sys.modules)"],
        capture_output=True,
        text=True,
        check=True,
    )
    assert out.stdout.strip() == "False"


def test_ingest_query_through_the_api(tmp_path, nlp):
    f = tmp_path / "a.txt"
    f.write_text(
        "Opposition leader Jane Roe accused Prime Minister John Doe of corruption. Doe denied the allegations.\n",
        "utf-8",
    )
    from kg.ingest import ingest

    with kg.open_store(str(tmp_path / "s")) as store:
        report = ingest(store, [str(f)])
        assert report.new == 1
        names = {str(r.name) for r in kg.run_query(store, name="people")}
        assert {"Jane Roe", "John Doe"} <= names

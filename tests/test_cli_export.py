"""`kg export ...` and `kg stats --network`: arguments in, files and one-line errors out."""

from __future__ import annotations

import json
import pytest
from click.testing import CliRunner

from kg.cli import cli

from .export.conftest import build_store


@pytest.fixture(scope="module")
def store_dir(tmp_path_factory) -> str:
    return build_store(tmp_path_factory.mktemp("cli-export") / "store")


def run(store_dir, *args):
    return CliRunner().invoke(cli, ["--store", store_dir, *args])


def test_export_html_default_path(store_dir, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    res = run(store_dir, "export", "html")
    assert res.exit_code == 0, res.output
    assert res.output.strip() == "wrote exports/network.html (12 nodes, 12 edges)"
    page = (tmp_path / "exports" / "network.html").read_text("utf-8")
    assert "vis.Network" in page and "Who accuses and who denies whom" in page


def test_export_html_focus_depth_kinds_article(store_dir, tmp_path):
    out = tmp_path / "sub" / "hun.html"
    res = run(store_dir, "export", "html", "--out", str(out), "--focus", "the premier", "--depth", "1")
    assert res.exit_code == 0, res.output
    assert res.output.strip() == f"wrote {out} (5 nodes, 6 edges)"
    assert "Who accuses and who denies whom: around Hun Sen" in out.read_text("utf-8")
    res = run(store_dir, "export", "html", "--out", str(out), "--kinds", "denial", "--article", "001_leakers")
    assert res.exit_code == 0, res.output
    assert "(5 nodes, 3 edges)" in res.output  # Hun Sen, Duong Dara, Spokesmen deny s1 / what they reject


@pytest.mark.parametrize(
    "args, message",
    [
        (
            ["--focus", "Hun Senn"],
            "Error: unknown name 'Hun Senn': no person, organisation or account is called that; close matches: Hun Sen",
        ),
        (
            ["--kinds", "denial,bribes"],
            "Error: unknown kind 'bribes': valid kinds: allegation, accusation, denial, claim, statement, confirmation, refusal, role, account, consequence (or all)",
        ),
        (["--depth", "2"], "Error: --depth needs --focus NAME"),
        (["--article", "nope"], "Error: unknown article 'nope'"),
        (
            ["--focus", "Council of Ministers", "--kinds", "denial"],
            "Error: 'Council of Ministers' (Council of Ministers) has no allegations",
        ),
    ],
)
def test_export_errors_are_one_line(store_dir, tmp_path, args, message):
    res = run(store_dir, "export", "html", "--out", str(tmp_path / "x.html"), *args)
    assert res.exit_code == 1
    assert res.output.startswith(message) and res.output.count("\n") == 1, res.output
    assert not (tmp_path / "x.html").exists()


def test_export_needs_a_store(tmp_path):
    res = CliRunner().invoke(cli, ["--store", str(tmp_path / "none"), "export", "gexf"])
    assert res.exit_code == 1
    assert res.output.startswith("Error: no store at")


def test_export_empty_store(tmp_path):
    from kg.store import open_store

    open_store(str(tmp_path / "empty")).close()
    res = CliRunner().invoke(
        cli, ["--store", str(tmp_path / "empty"), "export", "html", "--out", str(tmp_path / "m.html")]
    )
    assert res.exit_code == 1 and res.output.startswith("Error: nothing to export")


@pytest.mark.parametrize(
    "fmt, check",
    [
        ("graphml", lambda t: "<graphml" in t),
        ("gexf", lambda t: "<gexf" in t),
        ("json", lambda t: len(json.loads(t)["nodes"]) == 12),
        ("jsonld", lambda t: "@context" in json.loads(t)),
        ("turtle", lambda t: "@prefix kg:" in t),
        ("nquads", lambda t: t.count("<https://w3id.org/kg-claims/id/article/") > 10),
    ],
)
def test_export_formats(store_dir, tmp_path, fmt, check):
    out = tmp_path / f"out.{fmt}"
    res = run(store_dir, "export", fmt, "--out", str(out))
    assert res.exit_code == 0, res.output
    assert res.output.startswith(f"wrote {out}")
    assert check(out.read_text("utf-8"))


def test_rdf_exports_take_no_filters(store_dir, tmp_path):
    res = run(store_dir, "export", "turtle", "--focus", "Hun Sen")
    assert res.exit_code == 2 and "No such option '--focus'" in res.output


def test_export_help_has_examples():
    res = CliRunner().invoke(cli, ["export", "--help"])
    assert res.exit_code == 0 and "kg export html --focus" in res.output
    for fmt in ("html", "graphml", "gexf", "json", "jsonld", "turtle", "nquads"):
        assert fmt in res.output
        sub = CliRunner().invoke(cli, ["export", fmt, "--help"])
        assert sub.exit_code == 0 and "Example:" in sub.output


def test_stats_network(store_dir):
    res = run(store_dir, "stats", "--network")
    assert res.exit_code == 0, res.output
    lines = res.output.splitlines()
    header = next(line for line in lines if "betweenness" in line)
    assert "accused" in header and "denies" in header and "community" in header
    first_row = lines[lines.index(header) + 2]
    assert first_row.split("│")[1].strip() == "Hun Sen"
    assert "Communities" in res.output


def test_plain_stats_unchanged(store_dir):
    res = run(store_dir, "stats")
    assert res.exit_code == 0 and "Classes" in res.output and "betweenness" not in res.output

"""`kg serve` on the command line: help with an example, one-line errors,
the warning when listening beyond loopback, and a store written beside the
running server (ingest while serving) showing up in its pages."""

from __future__ import annotations

import socket

import pytest
from click.testing import CliRunner

from kg.cli import cli
from kg.graph import article_graph
from kg.store import open_store

from ..records import TEXT, records
from .conftest import start_server, stop, wait_for


def run(*args):
    return CliRunner().invoke(cli, list(args))


def test_help_has_an_example():
    r = run("serve", "--help")
    assert r.exit_code == 0 and "Example:" in r.output and "kg serve" in r.output and "--timeout" in r.output


def test_no_store(tmp_path):
    r = run("--store", str(tmp_path / "none"), "serve", "--port", "1")
    assert r.exit_code == 1
    assert (
        r.output == f"Error: no store at {tmp_path / 'none'}: run 'kg ingest' first, or pass --store / set KG_STORE\n"
    )


@pytest.mark.parametrize(
    "args, message",
    [
        (["--port", "0"], "Error: --port must be between 1 and 65535, got 0\n"),
        (["--port", "70000"], "Error: --port must be between 1 and 65535, got 70000\n"),
        (["--timeout", "0"], "Error: --timeout must be more than 0 seconds, got 0\n"),
    ],
)
def test_bad_options(tmp_path, args, message):
    r = run("--store", str(tmp_path), "serve", *args)
    assert r.exit_code == 1 and r.output == message


def test_port_in_use(tmp_path):
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        s.listen(1)
        port = s.getsockname()[1]
        r = run("--store", str(tmp_path), "serve", "--port", str(port))
    assert r.exit_code == 1
    assert r.output == f"Error: port {port} on 127.0.0.1 is in use: stop the other server or pass --port\n"


def test_listening_beyond_loopback_warns(monkeypatch, tmp_path):
    """The warning comes before anything listens (uvicorn and the port check are stubbed here)."""
    import kg.serve as serve_mod

    said = []
    monkeypatch.setattr(serve_mod, "_check_port", lambda host, port: None)
    monkeypatch.setattr(serve_mod, "make_state", lambda *a, **k: (_ for _ in ()).throw(SystemExit(0)))
    with pytest.raises(SystemExit):
        serve_mod.serve(str(tmp_path), host="0.0.0.0", port=8000, echo=lambda *a, **k: said.append(a[0]))
    assert said and said[0].startswith("warning: listening on 0.0.0.0, not 127.0.0.1")
    said.clear()
    with pytest.raises(SystemExit):
        serve_mod.serve(str(tmp_path), host="127.0.0.1", port=8000, echo=lambda *a, **k: said.append(a[0]))
    assert said == []


def test_pages_follow_a_store_written_beside_the_server(tmp_path):
    """The server holds a read-only view; an ingest afterwards shows up within seconds."""
    path = str(tmp_path / "s")
    art, rec = records()
    with open_store(path) as s:
        s.write([article_graph(art, rec, source="a.txt")])
    server = start_server(path)
    try:
        assert server.json("/index.json")["counts"]["articles"] == 1
        with open_store(path) as s:  # a writer while the server runs
            art2, rec2 = records(TEXT + "A second edition.\n")
            s.write([article_graph(art2, rec2, source="b.txt")])
        assert wait_for(lambda: server.json("/index.json")["counts"]["articles"] == 2, timeout=20)
        status, _h, body = server.get(
            "/sparql?query=SELECT%20(COUNT(*)%20AS%20%3Fn)%20WHERE%20%7B%20GRAPH%20%3Fg%20%7B%20%3Fg%20a%20kg%3AArticle%20%7D%20%7D",
            {"Accept": "text/csv"},
        )
        assert status == 200 and body.split(b"\r\n")[1] == b"2"
    finally:
        stop(server)

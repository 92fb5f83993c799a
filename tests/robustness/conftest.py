"""Helpers for the robustness tests: the real `kg` command in a subprocess,
a restartable real oxigraph server, and generators of many distinct articles."""

from __future__ import annotations

import os
import random
import signal
import subprocess
import sys
import time
import urllib.parse
import urllib.request
from pathlib import Path

import pytest

from ..servers import free_port, oxigraph_exe

KG = [sys.executable, "-m", "kg.cli"]
FIXTURES = Path(__file__).resolve().parent / "fixtures"

FIRST = ["Jane", "John", "Maria", "Ahmed", "Li", "Sokha", "Peter", "Anna", "Omar", "Chen", "Dara", "Vanna"]
LAST = ["Roe", "Doe", "Smith", "Khan", "Wei", "Chan", "Novak", "Silva", "Haddad", "Lopez", "Sok", "Kim"]


def write_articles(folder: Path, n: int, *, start: int = 0, paragraphs: int = 1) -> list[Path]:
    """``n`` distinct small articles (content hashes differ, so none is skipped
    as a duplicate), each with an accusation and a denial the extractor finds."""
    folder.mkdir(parents=True, exist_ok=True)
    out = []
    for i in range(start, start + n):
        r = random.Random(i)
        a = f"{r.choice(FIRST)} {r.choice(LAST)}"
        b = f"{r.choice(FIRST)} {r.choice(LAST)}"
        while b == a:
            b = f"{r.choice(FIRST)} {r.choice(LAST)}"
        body = "".join(
            f"Opposition leader {a} accused Minister {b} of taking {i * 1000 + k * 7 + 3} dollars from a contractor in {2000 + (i + k) % 20}.\n"
            f"{b.split()[1]} denied the allegations on Monday, calling them fabricated.\n"
            f'"This is a lie," {b} told reporters in the capital on day {k + 1}.\n'
            for k in range(paragraphs)
        )
        p = folder / f"a{i:05d}.txt"
        p.write_text(f"Report number {i} on the dispute\n\n{body}", "utf-8")
        out.append(p)
    return out


def kg_env() -> dict:
    env = dict(os.environ)
    env.pop("KG_STORE", None)
    env.pop("KG_DEBUG", None)
    env["PYTHONUNBUFFERED"] = "1"
    return env


def kg_run(*args, timeout: float = 120, input: str | None = None, cwd=None) -> subprocess.CompletedProcess:
    return subprocess.run(
        [*KG, *map(str, args)], capture_output=True, text=True, timeout=timeout, input=input, env=kg_env(), cwd=cwd
    )


def _sigint_as_at_a_terminal() -> None:
    # A suite started in the background (`make test &`) inherits SIGINT
    # ignored, and Python then never raises KeyboardInterrupt: the child gets
    # Ctrl-C's default back, as a user at a terminal has it.
    signal.signal(signal.SIGINT, signal.default_int_handler)


def kg_popen(*args, **kw) -> subprocess.Popen:
    kw.setdefault("stdout", subprocess.PIPE)
    kw.setdefault("stderr", subprocess.PIPE)
    kw.setdefault("preexec_fn", _sigint_as_at_a_terminal)
    return subprocess.Popen([*KG, *map(str, args)], text=True, env=kg_env(), **kw)


def article_count(store_path: Path) -> int:
    """Articles visible to a fresh read-only view of the embedded store (0 if
    it does not exist yet), without taking the writer's lock."""
    if not (store_path / "CURRENT").exists():
        return 0
    from kg.store import open_store

    try:
        with open_store(str(store_path), read_only=True) as s:
            return len(s.article_graphs())
    except Exception:  # noqa: BLE001 - a store being created may not open yet; try again later
        return 0


def graph_sets(store) -> dict[str, set[tuple]]:
    """Every named graph of a store as a set of N-Triples-like term tuples."""
    from rdflib import XSD, Literal

    out: dict[str, set[tuple]] = {}
    for s, p, o, g in store.query("SELECT ?s ?p ?o ?g WHERE { GRAPH ?g { ?s ?p ?o } }"):
        if isinstance(o, Literal) and o.datatype == XSD.string:  # remote and embedded spell plain strings differently
            o = Literal(str(o))
        out.setdefault(str(g), set()).add((s.n3(), p.n3(), o.n3()))
    return out


# -- a real oxigraph server that a test may kill and start again -------------------


class Server:
    def __init__(self, exe: str, location: Path):
        self.exe, self.location, self.port = exe, location, free_port()
        self.url = f"http://127.0.0.1:{self.port}"
        self.proc: subprocess.Popen | None = None

    def start(self) -> None:
        self.proc = subprocess.Popen(
            [self.exe, "serve", "--location", str(self.location), "--bind", f"127.0.0.1:{self.port}"],
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        deadline = time.monotonic() + 30
        while time.monotonic() < deadline:
            try:
                urllib.request.urlopen(self.url + "/query?query=ASK%7B%7D", timeout=1)
                return
            except OSError:
                if self.proc.poll() is not None:
                    break
                time.sleep(0.1)
        self.kill()
        pytest.fail("oxigraph server did not start")

    def kill(self) -> None:
        """SIGKILL: the server gets no chance to finish anything."""
        if self.proc and self.proc.poll() is None:
            self.proc.send_signal(signal.SIGKILL)
            self.proc.wait(10)

    def article_count(self) -> int:
        from kg.namespace import KG

        q = f"SELECT (COUNT(DISTINCT ?g) AS ?n) WHERE {{ GRAPH ?g {{ ?g a <{KG.Article}> }} }}"
        return int(self.select(q)[0]["n"]["value"])

    def select(self, sparql: str) -> list[dict]:
        import json

        q = urllib.parse.quote(sparql)
        req = urllib.request.Request(
            f"{self.url}/query?query={q}", headers={"Accept": "application/sparql-results+json"}
        )
        with urllib.request.urlopen(req, timeout=30) as r:
            return json.load(r)["results"]["bindings"]


@pytest.fixture
def server(tmp_path):
    exe = oxigraph_exe()
    if exe is None:
        pytest.skip("oxigraph server binary not installed (pip install oxigraph)")
    srv = Server(exe, tmp_path / "remote")
    srv.start()
    yield srv
    srv.kill()

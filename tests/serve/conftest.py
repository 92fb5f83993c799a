"""A store for the server tests: the bundled corpus ingested for real, a
hostile article ingested the same way (markup in its title, text and URL
metadata), and a hand-made hostile graph whose names and statements carry
script tags and quotes (tests/export/conftest.py); and a real ``kg serve``
on a free loopback port."""

from __future__ import annotations

import json
import subprocess
import sys
import time
import urllib.error
import urllib.request
from pathlib import Path

import pytest

from ..export.conftest import RAW2, TITLE2, _article, records2
from ..servers import free_port

HOSTILE_TEXT = (
    "Secret <script>window.__pwned=1</script> memo leaked\n\n"
    'Opposition leader Maria "Mimi" O\'Brien accused Minister John Smith of taking bribes '
    '<img src=x onerror="window.__pwned=1"> from a company. '
    'Smith denied that he had taken bribes. "This is <b>false</b>", he said, '
    "linking to javascript:window.__pwned=1 in a post.\n"
)
HOSTILE_META = {
    "title": "Secret <script>window.__pwned=1</script> memo",
    "publisher": 'Evil "Post" <i>Daily</i>',
    "date": "2024-03-05",
    "url": "javascript:window.__pwned=1",
}
SERVER_TIMEOUT = 3


def kg_cmd() -> list[str]:
    exe = Path(sys.executable).parent / "kg"
    return [str(exe)] if exe.exists() else [sys.executable, "-c", "from kg.cli import main; main()"]


@pytest.fixture(scope="session")
def serve_store(tmp_path_factory, corpus_dir) -> str:
    from kg.graph import article_graph
    from kg.ingest import ingest
    from kg.store import open_store

    root = tmp_path_factory.mktemp("serve")
    hostile = root / "hostile"
    hostile.mkdir()
    (hostile / "evil.txt").write_text(HOSTILE_TEXT, "utf-8")
    (hostile / "evil.meta.json").write_text(json.dumps(HOSTILE_META), "utf-8")
    path = str(root / "store")
    with open_store(path) as store:
        report = ingest(store, [str(corpus_dir), str(hostile)])
        assert report.ok, report.failures
        store.write([article_graph(_article(RAW2, TITLE2), records2(), source="corpus/002_evil.txt")])
    return path


class Server:
    def __init__(self, proc: subprocess.Popen, url: str, store: str):
        self.proc, self.url, self.store = proc, url, store

    def get(self, path: str, headers: dict | None = None, timeout: float = 60):
        """(status, headers, body bytes) of a GET."""
        req = urllib.request.Request(self.url + path, headers=headers or {})
        try:
            with urllib.request.urlopen(req, timeout=timeout) as r:
                return r.status, r.headers, r.read()
        except urllib.error.HTTPError as exc:
            return exc.code, exc.headers, exc.read()

    def post(self, path: str, data: bytes, content_type: str, headers: dict | None = None, timeout: float = 60):
        req = urllib.request.Request(
            self.url + path, data=data, method="POST", headers={"Content-Type": content_type, **(headers or {})}
        )
        try:
            with urllib.request.urlopen(req, timeout=timeout) as r:
                return r.status, r.headers, r.read()
        except urllib.error.HTTPError as exc:
            return exc.code, exc.headers, exc.read()

    def json(self, path: str):
        status, _h, body = self.get(path)
        assert status == 200, (path, status, body[:300])
        return json.loads(body)


def start_server(store: str, *args: str) -> Server:
    port = free_port()
    proc = subprocess.Popen(
        kg_cmd() + ["--store", store, "serve", "--port", str(port), *args],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    line = proc.stdout.readline()
    if f"http://127.0.0.1:{port}/" not in line:
        proc.kill()
        pytest.fail(f"kg serve did not start: {line!r} {proc.stderr.read()}")
    return Server(proc, f"http://127.0.0.1:{port}", store)


def stop(server: Server) -> None:
    server.proc.terminate()
    try:
        server.proc.wait(20)
    except subprocess.TimeoutExpired:
        server.proc.kill()
        server.proc.wait(10)


@pytest.fixture(scope="session")
def server(serve_store):
    s = start_server(serve_store, "--timeout", str(SERVER_TIMEOUT))
    yield s
    stop(s)


def wait_for(predicate, timeout: float = 10.0, step: float = 0.05):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if predicate():
            return True
        time.sleep(step)
    return False

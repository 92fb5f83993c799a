"""Faults during `kg ingest --scheduler`, for real: worker processes and the
client killed with SIGKILL, a scheduler and workers started as their own
processes (`dask scheduler`, `dask worker`), a SPARQL server killed mid-run,
an article whose parsing kills every worker that tries it. Each time the
final store equals the uninterrupted single-process ingest, graph for graph,
with every article once."""

from __future__ import annotations

import os
import re
import signal
import subprocess
import sys
import time
from pathlib import Path

import psutil
import pytest

from kg.store import open_store

from ..servers import free_port
from .conftest import article_count, graph_sets, kg_env, kg_popen, kg_run, write_articles

pytestmark = pytest.mark.slow

N = 160
HINT = "(articles written before this are kept; run the same command again to finish)"
DASHBOARD = r"dashboard: (http://127\.0\.0\.1:\d+/status|unavailable \([^\n]+\))\n"
POISON_PRELOAD = Path(__file__).resolve().parent / "poison_preload.py"


@pytest.fixture(scope="module")
def reference(tmp_path_factory):
    """N distinct articles, and every graph an uninterrupted single-process run stores."""
    tmp = tmp_path_factory.mktemp("cluster-batch")
    arts = tmp / "arts"
    write_articles(arts, N, paragraphs=2)
    done = kg_run("--store", tmp / "ref", "ingest", "-q", arts, timeout=300)
    assert done.returncode == 0, done.stderr
    with open_store(str(tmp / "ref"), read_only=True) as s:
        expected = graph_sets(s)
    return arts, expected


def summary(stdout: str) -> tuple[int, ...]:
    m = re.match(r"(\d+) read, (\d+) new, (\d+) unchanged, (\d+) failed", stdout.strip().splitlines()[-1])
    assert m, stdout
    return tuple(int(x) for x in m.groups())


def wait_until(cond, proc, what: str, limit: float = 180) -> None:
    deadline = time.monotonic() + limit
    while not cond():
        assert proc.poll() is None, proc.communicate()
        assert time.monotonic() < deadline, f"{what} did not happen in {limit} s"
        time.sleep(0.05)


def workers_of(pid: int) -> list[psutil.Process]:
    """The Dask worker processes a LocalCluster spawned under ``pid``."""
    out = []
    for p in psutil.Process(pid).children(recursive=True):
        try:
            if "spawn_main" in " ".join(p.cmdline()):
                out.append(p)
        except psutil.Error:
            pass
    return out


def test_worker_killed_mid_run(tmp_path, reference):
    arts, expected = reference
    store = tmp_path / "s"
    proc = kg_popen("--store", store, "ingest", "-q", "--scheduler", "local:2", arts)
    wait_until(lambda: article_count(store) >= 16, proc, "16 articles stored")
    victims = workers_of(proc.pid)
    assert len(victims) == 2
    victims[0].send_signal(signal.SIGKILL)
    killed_at = article_count(store)
    out, err = proc.communicate(timeout=300)
    assert proc.returncode == 0, err
    assert killed_at < N, "the kill came after the end"
    assert re.fullmatch(DASHBOARD, err), err
    assert summary(out) == (N, N, 0, 0)
    with open_store(str(store), read_only=True) as s:
        assert graph_sets(s) == expected


def test_client_killed_mid_run_then_rerun(tmp_path, reference):
    arts, expected = reference
    store = tmp_path / "s"
    proc = kg_popen("--store", store, "ingest", "-q", "--scheduler", "local:2", arts)
    wait_until(lambda: article_count(store) >= 16, proc, "16 articles stored")
    children = psutil.Process(proc.pid).children(recursive=True)
    proc.send_signal(signal.SIGKILL)
    proc.communicate(timeout=60)
    # the workers go with it: nothing is left running
    _gone, alive = psutil.wait_procs(children, timeout=60)
    assert not alive, [p.cmdline() for p in alive]

    with open_store(str(store), read_only=True) as s:
        present = graph_sets(s)
    kept = len([g for g in present if "/article/" in g])
    assert 16 <= kept < N
    for g, triples in present.items():
        assert triples == expected[g], f"graph {g} differs from the uninterrupted run"

    again = kg_run("--store", store, "ingest", "-q", "--scheduler", "local:2", arts, timeout=300)
    assert again.returncode == 0, again.stderr
    assert summary(again.stdout) == (N, N - kept, kept, 0)
    with open_store(str(store), read_only=True) as s:
        assert graph_sets(s) == expected


@pytest.mark.server
@pytest.mark.parametrize("flags", [[], ["--write-from-workers"]], ids=["through-client", "from-workers"])
def test_server_killed_mid_run_then_rerun(server, reference, flags):
    arts, expected = reference
    proc = kg_popen("--store", server.url, "ingest", "-q", "--scheduler", "local:2", *flags, arts)
    wait_until(lambda: server.article_count() >= 16, proc, "16 articles on the server")
    server.kill()
    out, err = proc.communicate(timeout=120)
    assert proc.returncode == 1
    assert out == ""
    url = re.escape(server.url)
    assert re.fullmatch(
        DASHBOARD
        + rf"Error: (lost connection to SPARQL endpoint {url}/query|writing to {url}/(store|update) failed): [^\n]+ {re.escape(HINT)}\n",
        err,
    ), err

    server.start()  # same data, same port
    kept = server.article_count()
    assert 16 <= kept < N
    again = kg_run("--store", server.url, "ingest", "-q", "--scheduler", "local:2", *flags, arts, timeout=300)
    assert again.returncode == 0, again.stderr
    assert summary(again.stdout) == (N, N - kept, kept, 0)
    per_source = server.select(
        "SELECT ?src (COUNT(DISTINCT ?g) AS ?n) WHERE { GRAPH ?g { ?g <https://w3id.org/kg-claims/ns#sourcePath> ?src } } GROUP BY ?src"
    )
    assert len(per_source) == N and {b["n"]["value"] for b in per_source} == {"1"}
    with open_store(server.url, read_only=True) as s:
        assert graph_sets(s) == expected


# -- a scheduler and workers as their own processes ---------------------------------


class DaskProcesses:
    """`dask scheduler` and `dask worker` on 127.0.0.1, as a user starts them."""

    def __init__(self, tmp: Path, env: dict):
        self.exe = str(Path(sys.executable).parent / "dask")
        self.port = free_port()
        self.address = f"tcp://127.0.0.1:{self.port}"
        self.env, self.tmp, self.procs = env, tmp, []

    def start(self, *args, log: str) -> subprocess.Popen:
        fh = open(self.tmp / log, "w")
        p = subprocess.Popen(
            [self.exe, *args], stdout=fh, stderr=subprocess.STDOUT, env=self.env, cwd=self.tmp, start_new_session=True
        )
        self.procs.append(p)
        return p

    def scheduler(self) -> None:
        self.start("scheduler", "--host", "127.0.0.1", "--port", str(self.port), "--no-dashboard", log="scheduler.log")

    def worker(self, *extra, log: str) -> subprocess.Popen:
        return self.start(
            "worker", self.address, "--nthreads", "1", "--host", "127.0.0.1", "--no-dashboard", *extra, log=log
        )

    def stop(self) -> None:
        for p in reversed(self.procs):
            if p.poll() is None:
                os.killpg(p.pid, signal.SIGKILL)
                p.wait(30)


@pytest.fixture
def dask_processes(tmp_path):
    if not (Path(sys.executable).parent / "dask").exists():
        pytest.skip("the dask command is not installed")
    env = kg_env()
    # A task whose worker dies twice is given up (default: 3 times), so the
    # poison test takes seconds, not minutes.
    env["DASK_DISTRIBUTED__SCHEDULER__ALLOWED_FAILURES"] = "1"
    procs = DaskProcesses(tmp_path, env)
    procs.scheduler()
    yield procs
    procs.stop()


def test_tcp_scheduler_worker_killed_mid_run(tmp_path, reference, dask_processes):
    """Two workers without a nanny: one is killed for good; the other finishes
    the run, with the dead one's tasks redone."""
    arts, expected = reference
    victim = dask_processes.worker("--no-nanny", log="w1.log")
    dask_processes.worker("--no-nanny", log="w2.log")
    store = tmp_path / "s"
    proc = kg_popen("--store", store, "ingest", "-q", "--scheduler", dask_processes.address, arts)
    wait_until(lambda: article_count(store) >= 16, proc, "16 articles stored")
    os.killpg(victim.pid, signal.SIGKILL)
    killed_at = article_count(store)
    out, err = proc.communicate(timeout=300)
    assert proc.returncode == 0, err
    assert killed_at < N, "the kill came after the end"
    assert err == "dashboard: unavailable (the scheduler serves none: it needs bokeh, and no --no-dashboard)\n"
    assert summary(out) == (N, N, 0, 0)
    with open_store(str(store), read_only=True) as s:
        assert graph_sets(s) == expected


def test_article_that_kills_its_worker_is_reported(tmp_path, dask_processes):
    """Parsing one article kills the worker process each time (here: a preload
    that makes the extractor exit on it). Dask gives the task up; kg retries
    its batch article by article and reports only that one."""
    for name in ("w1", "w2"):
        dask_processes.worker("--preload", str(POISON_PRELOAD), log=f"{name}.log")  # with a nanny: restarted
    arts = tmp_path / "arts"
    write_articles(arts, 12)
    poison = arts / "a00005.txt"
    poison.write_text(poison.read_text("utf-8") + "POISON PILL.\n", "utf-8")
    out = kg_run("--store", tmp_path / "s", "ingest", "-q", "--scheduler", dask_processes.address, arts, timeout=600)
    assert out.returncode == 1
    assert summary(out.stdout) == (12, 11, 0, 1)
    assert out.stderr.splitlines()[1:] == [
        f"failed: {poison}: extraction failed: the Dask workers running it died (KilledWorker)"
    ]
    with open_store(str(tmp_path / "s"), read_only=True) as s:
        assert len(s.article_graphs()) == 11

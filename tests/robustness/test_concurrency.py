"""Two real `kg` processes on one embedded store: a second writer fails with a
clear message (exit 3) or waits with --wait; readers work while a writer runs."""

from __future__ import annotations

import time

import pytest

from kg.errors import StoreInUseError
from kg.graph import article_graph
from kg.store import EmbeddedStore, open_store

from ..records import records
from .conftest import kg_popen, kg_run, write_articles

pytestmark = pytest.mark.slow

IN_USE = "Error: store is in use by another kg process: {} (wait for it to finish, or pass --wait SECONDS)\n"
STDIN_ARTICLE = "Senator Maria Silva said on Tuesday that Minister Omar Haddad had lied about the contract.\n"


@pytest.fixture
def store(tmp_path):
    path = tmp_path / "s"
    art, rec = records()
    with open_store(str(path)) as s:
        s.write([article_graph(art, rec, source="a.txt")])
    return path


def wait_until_locked(path, proc, timeout=60.0):
    """Until `proc` holds the write lock. The probe itself takes the lock for
    an instant, so `proc` must run with --wait."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        assert proc.poll() is None, proc.communicate()
        try:
            EmbeddedStore(str(path)).close()
        except StoreInUseError:
            return
        time.sleep(0.05)
    pytest.fail("the writer never took the lock")


@pytest.fixture
def holder(store):
    """A real `kg ingest -` that holds the write lock until its stdin closes:
    the open comes before reading stdin, so the test decides when it ends."""
    proc = kg_popen("--store", store, "--wait", "60", "ingest", "-q", "-", stdin=__import__("subprocess").PIPE)
    wait_until_locked(store, proc)
    yield proc
    if proc.poll() is None:
        proc.kill()
        proc.wait(10)


def finish(proc, text=STDIN_ARTICLE, timeout=120):
    out, err = proc.communicate(text, timeout=timeout)
    return proc.returncode, out, err


def test_second_writer_fails_clearly_without_wait(store, holder, tmp_path):
    other = write_articles(tmp_path / "other", 1)[0]
    t0 = time.monotonic()
    out = kg_run("--store", store, "ingest", other)
    assert out.returncode == 3
    assert out.stderr == IN_USE.format(store)
    assert out.stdout == ""
    assert time.monotonic() - t0 < 30  # no hidden waiting (most of this is Python start-up)
    # the holder is unaffected and finishes its own work
    code, stdout, err = finish(holder)
    assert code == 0, err
    assert stdout.startswith("1 read, 1 new, 0 unchanged, 0 failed")


def test_second_writer_times_out_after_wait(store, holder, tmp_path):
    other = write_articles(tmp_path / "other", 1)[0]
    t0 = time.monotonic()
    out = kg_run("--store", store, "--wait", "1.5", "ingest", other)
    assert out.returncode == 3
    assert out.stderr == IN_USE.format(store)
    assert time.monotonic() - t0 >= 1.5


def test_readers_work_while_a_writer_holds_the_store(store, holder):
    out = kg_run("--store", store, "query", "people", "--format", "csv")
    assert out.returncode == 0, out.stderr
    assert out.stdout.splitlines()[1:] == [
        "Jane Roe,opposition leader,,1",
        "John Doe,Prime Minister,Cabinet,1",
    ]
    den = kg_run("--store", store, "denials", "--format", "csv")
    assert den.returncode == 0 and den.stdout.splitlines()[1].startswith(
        "John Doe,Prime Minister,the allegations,Jane Roe,"
    )
    val = kg_run("--store", store, "validate")
    assert val.returncode == 0 and val.stdout.startswith("conforms")
    assert holder.poll() is None  # still writing all along


def test_waiting_writer_goes_in_after_the_first(store, holder, tmp_path):
    other = write_articles(tmp_path / "other", 3)
    waiting = kg_popen("--store", store, "--wait", "120", "ingest", "-q", tmp_path / "other")
    time.sleep(1.0)
    assert waiting.poll() is None  # it waits rather than failing
    code, stdout, err = finish(holder)
    assert code == 0, err
    out, err = waiting.communicate(timeout=120)
    assert waiting.returncode == 0, err
    assert out.startswith(f"{len(other)} read, {len(other)} new, 0 unchanged, 0 failed")
    with open_store(str(store), read_only=True) as s:
        assert len(s.article_graphs()) == 1 + 1 + len(other)


def test_two_batches_at_once_both_complete(tmp_path):
    """The everyday case: two ingests started together with --wait; one goes
    first, the other follows, every article of both ends up in the store."""
    write_articles(tmp_path / "one", 20, start=0)
    write_articles(tmp_path / "two", 20, start=1000)
    path = tmp_path / "s"
    procs = [kg_popen("--store", path, "--wait", "300", "ingest", "-q", tmp_path / d) for d in ("one", "two")]
    for p in procs:
        out, err = p.communicate(timeout=300)
        assert p.returncode == 0, err
        assert out.startswith("20 read, 20 new, 0 unchanged, 0 failed")
    with open_store(str(path), read_only=True) as s:
        assert len(s.article_graphs()) == 40


def test_readers_during_active_writes(tmp_path):
    """While an ingest is writing batch after batch, read-only opens succeed
    every time and see the article count only grow."""
    write_articles(tmp_path / "arts", 160, paragraphs=2)
    path = tmp_path / "s"
    writer = kg_popen("--store", path, "ingest", "-q", tmp_path / "arts")
    seen = []
    deadline = time.monotonic() + 300
    while writer.poll() is None and time.monotonic() < deadline:
        if (path / "CURRENT").exists():
            with open_store(str(path), read_only=True) as s:  # must not raise while the writer works
                seen.append(len(s.article_graphs()))
        time.sleep(0.05)
    out, err = writer.communicate(timeout=60)
    assert writer.returncode == 0, err
    assert seen == sorted(seen)
    assert len(set(seen)) >= 3, f"too few reads overlapped the writes: {seen}"
    with open_store(str(path), read_only=True) as s:
        assert len(s.article_graphs()) == 160

import subprocess
import sys

import pytest

from kg.errors import KgError, StoreInUseError
from kg.graph import article_graph
from kg.query import run_query
from kg.store import EmbeddedStore, open_store

from ..records import TEXT, records


def graph(text=TEXT, source="a.txt"):
    art, rec = records(text)
    return article_graph(art, rec, source=source)


def test_write_and_query_back(tmp_path):
    with open_store(str(tmp_path / "s")) as store:
        g = graph()
        store.write([g])
        assert store.ask_graph(g.identifier)
        assert store.graphs_for_source("a.txt") == [g.identifier]
        rows = list(run_query(store, name="who-denied-what"))
        assert [(str(r.denier), str(r.claimant), str(r.target)) for r in rows] == [("John Doe", "Jane Roe", "John Doe")]


def test_writing_the_same_graph_twice_is_idempotent(tmp_path):
    with open_store(str(tmp_path / "s")) as store:
        store.write([graph()])
        n = len(store)
        store.write([graph()])
        assert len(store) == n


def test_replacing_a_graph_drops_the_old_one(tmp_path):
    with open_store(str(tmp_path / "s")) as store:
        old = graph()
        store.write([old])
        new = graph(TEXT + "More text came later.\n")
        store.write([new], drop=[old.identifier])
        assert store.article_graphs() == [new.identifier]


def test_persists_across_opens(tmp_path):
    with open_store(str(tmp_path / "s")) as store:
        store.write([graph()])
    with open_store(str(tmp_path / "s"), read_only=True) as store:
        assert len(store.article_graphs()) == 1


def test_second_writer_gets_a_clear_error(tmp_path):
    path = tmp_path / "s"
    with open_store(str(path)) as store:
        store.write([graph()])
        code = (
            "import sys\nfrom kg.store import open_store\nfrom kg.errors import StoreInUseError\n"
            f"try:\n    open_store({str(path)!r})\nexcept StoreInUseError as e:\n    print(e); sys.exit(3)\n"
        )
        out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=60)
        assert out.returncode == 3, out.stderr
        assert (
            out.stdout.strip()
            == f"store is in use by another kg process: {path} (wait for it to finish, or pass --wait SECONDS)"
        )
        # readers still work while the writer holds the lock
        reader = subprocess.run(
            [
                sys.executable,
                "-c",
                f"from kg.store import open_store\nprint(len(open_store({str(path)!r}, read_only=True).article_graphs()))",
            ],
            capture_output=True,
            text=True,
            timeout=60,
        )
        assert reader.stdout.strip() == "1", reader.stderr


def test_same_process_second_open_is_in_use(tmp_path):
    path = str(tmp_path / "s")
    with open_store(path):
        with pytest.raises(StoreInUseError):
            EmbeddedStore(path)


def test_missing_store_for_reading(tmp_path):
    with pytest.raises(KgError, match="no store at"):
        open_store(str(tmp_path / "nope"), read_only=True)


def test_store_path_that_is_a_file(tmp_path):
    f = tmp_path / "file"
    f.write_text("x")
    with pytest.raises(KgError, match="is a file, not a store directory"):
        open_store(str(f))


def test_read_only_store_refuses_writes(tmp_path):
    with open_store(str(tmp_path / "s")) as store:
        store.write([graph()])
    with open_store(str(tmp_path / "s"), read_only=True) as store:
        with pytest.raises(KgError, match="read-only"):
            store.write([graph()])

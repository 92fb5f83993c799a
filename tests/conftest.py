import pathlib
import shutil

import pytest

ROOT = pathlib.Path(__file__).resolve().parent.parent
CORPUS = ROOT / "corpus"
GOLD = CORPUS / "gold"  # hand annotations of the bundled articles


@pytest.fixture(scope="session")
def nlp():
    from kg.nlp import load_nlp

    return load_nlp()


@pytest.fixture(scope="session")
def corpus_dir():
    return CORPUS


@pytest.fixture(scope="session")
def corpus_store(tmp_path_factory, nlp):
    """Path of a store holding the bundled corpus (claims grouped at ingest);
    tests that change it use corpus_copy."""
    from kg.ingest import ingest
    from kg.store import open_store

    path = tmp_path_factory.mktemp("corpus") / "store"
    with open_store(str(path)) as store:
        rep = ingest(store, [str(CORPUS)])
    assert rep.ok and rep.new == 2
    return path


@pytest.fixture
def corpus_copy(corpus_store, tmp_path):
    dest = tmp_path / "store"
    shutil.copytree(corpus_store, dest, ignore=shutil.ignore_patterns("LOCK"))
    return dest

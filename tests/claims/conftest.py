"""The bundled corpus ingested once per session (claims grouped at ingest)."""

from __future__ import annotations

import shutil

import pytest

from ..conftest import CORPUS


@pytest.fixture(scope="session")
def corpus_store(tmp_path_factory, nlp):
    """Path of a store holding the corpus; tests that change it copy it first."""
    from kg.ingest import ingest
    from kg.store import open_store

    path = tmp_path_factory.mktemp("claims") / "store"
    with open_store(str(path)) as store:
        rep = ingest(store, [str(CORPUS)])
    assert rep.ok and rep.new == 2
    return path


@pytest.fixture
def corpus_copy(corpus_store, tmp_path):
    dest = tmp_path / "store"
    shutil.copytree(corpus_store, dest, ignore=shutil.ignore_patterns("LOCK"))
    return dest

"""Corrections as a file a team can share: `kg curate export` / `import`.

The file is TriG: one named graph per correction, as in the store, without
the undo logs (they describe one store's graphs). Importing applies each
correction the store does not have yet, oldest first, keeping its id, who,
when and why; a correction whose article is not (yet) in the store waits and
is applied when the article is ingested.
"""

from __future__ import annotations

from pathlib import Path

from rdflib import Dataset

from ..errors import KgError
from ..namespace import PREFIXES
from ..store import Store
from . import ledger, record
from .model import to_triples


class _DatasetReader:
    """Enough of a Store for ledger.load_all: SPARQL over an in-memory Dataset."""

    def __init__(self, ds: Dataset):
        self.ds = ds

    def query(self, text: str, bindings: dict | None = None):
        return self.ds.query(text, initNs=PREFIXES, initBindings=bindings or {})


def export_text(store: Store) -> str:
    allc = ledger.load_all(store)
    if not allc:
        raise KgError("no corrections in the store to export")
    ds = Dataset()
    for p, ns in PREFIXES.items():
        ds.bind(p, ns, override=True)
    for c in allc:
        g = ds.graph(c.graph)
        for t in to_triples(c, with_logs=False):
            g.add(t)
    return ds.serialize(format="trig")


def import_file(store: Store, path: str) -> tuple[int, int]:
    """Apply the file's corrections the store lacks; (applied, already there)."""
    p = Path(path)
    if not p.is_file():
        raise KgError(f"no such file: {path}")
    ds = Dataset()
    fmt = "nquads" if p.suffix.lower() in (".nq", ".nquads") else "trig"
    try:
        ds.parse(p, format=fmt)
    except Exception as exc:  # noqa: BLE001 - any parser error is the file's fault
        # rdflib's message ends with a dump of the bytes it choked on: keep the line and the reason
        why = " ".join(str(exc).split()).split(" at ^ in:")[0]
        raise KgError(f"{path}: not a corrections file ({fmt}): {why[:160]}") from None
    incoming = ledger.load_all(_DatasetReader(ds))
    if not incoming:
        raise KgError(f"{path}: no corrections in the file")
    have = {c.id for c in ledger.load_all(store)}
    applied = 0
    for c in incoming:
        if c.id in have:
            continue
        record(store, c.with_logs({}))
        applied += 1
    return applied, len(incoming) - applied

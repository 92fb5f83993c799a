"""What runs on the Dask workers: read, parse, extract, build and serialise
article graphs, and (with --write-from-workers) write them to a SPARQL server.

A batch goes through small tasks whose results stay in the workers' memory
until the client is done with them:

* ``read_batch``: files -> ArticleText and content hash (paths mode; with
  texts sent by the client this step ran on the client);
* ``batch_keys``: the hashes and read errors only, so the client can skip
  articles already stored before anything is parsed;
* ``extract_batch``: spaCy + extractor + the article's graph, built with the
  entity IRIs the records give (what cross-article linking almost always
  keeps);
* ``batch_view``: what the client needs, small: the names linking looks at,
  summary counts, words, and the graph as N-Triples text (``ArticleQuads``
  pickles as its text). A spaCy ``Doc`` never leaves the worker;
* ``rebuild``: the graph again with the IRIs cross-article linking chose on
  the client (rare);
* ``write_batch``: graphs to a SPARQL server straight from the worker.
"""

from __future__ import annotations

import copy
from dataclasses import dataclass
from pathlib import Path

from distributed.diagnostics.plugin import WorkerPlugin
from rdflib import URIRef

from ..cleaning import ArticleText
from ..errors import KgError
from ..graph import ArticleQuads, article_quads
from ..ids import content_hash, entity_iri
from ..ingest import with_date
from ..reading import Source, read_article


class KgResources(WorkerPlugin):
    """Loads the spaCy model and the extractor's resources once per worker
    process (also on workers that join or are restarted later)."""

    name = "kg-resources"
    idempotent = True

    def setup(self, worker=None):
        from ..resources import load_resources

        load_resources()


def worker_info() -> dict:
    """Checked by the client before a run: the graphs must be built by the same kg."""
    from .. import __version__
    from ..resources import load_resources

    return {"kg": __version__, "model": load_resources().nlp.meta.get("name", "?")}


@dataclass(frozen=True)
class Job:
    """One input article, ``seq`` its place in input order. ``path`` is read on
    the worker (a shared filesystem), unless ``article`` and ``chash`` (or the
    read ``error``) come from the client."""

    seq: int
    label: str
    path: str | None = None  # absolute, so a worker in another directory finds it
    article: ArticleText | None = None
    chash: str | None = None
    error: str | None = None  # the client could not read it
    date: str | None = None  # kg ingest --date: the publication date, over the article's metadata

    def source(self) -> Source:
        return Source(self.label, Path(self.path) if self.path else None)


@dataclass
class Read:
    job: Job
    article: ArticleText | None = None
    chash: str | None = None
    error: str | None = None


@dataclass
class Extracted:
    read: Read
    records: dict | None = None
    quads: ArticleQuads | None = None
    error: str | None = None


@dataclass
class View:
    """What the client gets back per parsed article."""

    seq: int
    error: str | None = None
    entities: list | None = None  # id, type, name, aliases: all that linking reads
    counts: tuple[int, int, int] = (0, 0, 0)  # statements, people, denials
    words: int = 0
    quads: ArticleQuads | None = None


def read_batch(jobs: list[Job], max_bytes: int) -> list[Read]:
    out = []
    for job in jobs:
        if job.article is not None or job.error is not None:
            out.append(Read(job, job.article, job.chash, job.error))
            continue
        try:
            art = with_date(read_article(job.source(), max_bytes=max_bytes), job.date)
        except KgError as exc:  # an unreadable file is reported, not fatal
            out.append(Read(job, error=str(exc)))
            continue
        out.append(Read(job, art, content_hash(art.raw)))
    return out


def batch_keys(reads: list[Read]) -> list[tuple[str | None, str | None]]:
    return [(r.chash, r.error) for r in reads]


def extract_batch(reads: list[Read], wanted: list[bool]) -> list[Extracted | None]:
    """Parse and extract the wanted articles (None for the others)."""
    # The same extraction path as single-process ingest, so a cluster stores
    # exactly what `kg ingest` stores.
    from ..ingest import ExtractionFailed, _extract_items, _guard, _Item
    from ..resources import load_resources

    todo = [r for r, w in zip(reads, wanted) if w and r.error is None]
    items = [_Item(r.job.source(), r.article, r.chash) for r in todo]
    done: dict[int, Extracted] = {}
    for r, it, rec in zip(todo, items, _extract_items(items, load_resources().nlp) if items else []):
        if isinstance(rec, ExtractionFailed):
            done[r.job.seq] = Extracted(r, error=str(rec))
            continue
        quads = _guard(lambda: article_quads(it.article, rec, source=it.source.label, chash=it.chash).serialised())
        if isinstance(quads, ExtractionFailed):
            done[r.job.seq] = Extracted(r, error=str(quads))
        else:
            done[r.job.seq] = Extracted(r, rec, quads)
    return [done.get(r.job.seq) for r in reads]


def _light(entity: dict) -> dict:
    return {k: entity[k] for k in ("id", "type", "name", "aliases") if k in entity}


def batch_view(extracted: list[Extracted | None], with_quads: bool) -> list[View | None]:
    out: list[View | None] = []
    for x in extracted:
        if x is None:
            out.append(None)
            continue
        seq = x.read.job.seq
        words = len(x.read.article.text.split())
        if x.error is not None:
            out.append(View(seq, error=x.error, words=words))
            continue
        rec = x.records
        counts = (
            len(rec["statements"]),
            sum(1 for e in rec["entities"] if e["type"] == "Person"),
            sum(1 for s in rec["statements"] if s["kind"] == "denial"),
        )
        out.append(View(seq, None, [_light(e) for e in rec["entities"]], counts, words, x.quads if with_quads else None))
    return out


def apply_links(records: dict, links: dict[str, tuple[str, str, list]]) -> tuple[dict, dict]:
    """A copy of ``records`` with what cross-article linking decided on the
    client (entity id -> IRI, name, aliases), and the IRI map for the graph."""
    records = {**records, "entities": copy.deepcopy(records["entities"])}
    iris = {}
    for e in records["entities"]:
        iris[e["id"]] = entity_iri(e["id"])
        if e["id"] in links:
            iri, name, aliases = links[e["id"]]
            iris[e["id"]] = URIRef(iri)
            e["name"] = name
            if aliases is not None:
                e["aliases"] = aliases
    return records, iris


def rebuild(extracted: list[Extracted | None], links: dict[int, dict]) -> dict[int, ArticleQuads | str]:
    """The graphs of the articles whose entities linking tied to other
    articles' IRIs (seq -> graph, or the error message)."""
    out: dict[int, ArticleQuads | str] = {}
    for x in extracted:
        if x is None or x.error is not None or x.read.job.seq not in links:
            continue
        rec, iris = apply_links(x.records, links[x.read.job.seq])
        try:
            out[x.read.job.seq] = article_quads(
                x.read.article, rec, source=x.read.job.label, chash=x.read.chash, iris=iris
            ).serialised()
        except Exception as exc:  # noqa: BLE001 - reported per article, like extraction
            out[x.read.job.seq] = str(exc) or type(exc).__name__
    return out


def write_batch(extracted_batches: list[list[Extracted | None]], plan: dict, target) -> int:
    """On a worker: write the planned graphs to the server in one request.

    ``plan``: ``keep`` (the seqs to write, in input order), ``given`` (seq ->
    a graph the client rebuilt after linking), ``drops`` (graphs the same
    request removes). Returns the number of triples written.
    """
    from .sink import write_graphs

    by_seq = {x.read.job.seq: x for batch in extracted_batches for x in batch if x is not None}
    graphs = [plan["given"].get(seq) or by_seq[seq].quads for seq in plan["keep"]]
    write_graphs(target, graphs, plan["drops"])
    return sum(len(g) for g in graphs)

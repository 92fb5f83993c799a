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

A long article (``kg.ingest.is_long``) is extracted in windows like
everywhere else, but its graph never travels or gets written whole: the
worker builds it in parts (``kg.graph.article_parts``, the article node
last) and keeps them compressed (``LongGraph``, ~1/10 of the N-Triples
text); the client takes them one at a time (``graph_part``) and writes each
in its own transaction, as single-process ingest does.
"""

from __future__ import annotations

import copy
import zlib
from dataclasses import dataclass, field
from pathlib import Path

from distributed.diagnostics.plugin import WorkerPlugin
from rdflib import URIRef

from ..cleaning import ArticleText
from ..errors import KgError
from ..graph import ArticleQuads, article_parts, article_quads
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
class LongGraph:
    """A long article's graph in parts, each zlib-compressed N-Triples; the
    part holding the article node (``a kg:Article``) is the last."""

    identifier: str
    parts: list[bytes] = field(default_factory=list)

    def part(self, k: int) -> ArticleQuads:
        return ArticleQuads(URIRef(self.identifier), None, zlib.decompress(self.parts[k]).decode("utf-8"))


def long_graph(article: ArticleText, records: dict, *, source: str, chash: str, iris: dict | None = None) -> LongGraph:
    out = None
    for part in article_parts(article, records, source=source, chash=chash, iris=iris):
        out = out or LongGraph(str(part.identifier))
        out.parts.append(zlib.compress(part.ntriples().encode("utf-8"), 1))
    return out


@dataclass
class Extracted:
    read: Read
    records: dict | None = None
    quads: ArticleQuads | LongGraph | None = None
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
    parts: int = 0  # a long article: its graph stays on the worker, in this many parts


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
    from ..ingest import ExtractionFailed, _extract_items, _guard, _Item, is_long
    from ..resources import load_resources

    todo = [r for r, w in zip(reads, wanted) if w and r.error is None]
    items = [_Item(r.job.source(), r.article, r.chash) for r in todo]
    done: dict[int, Extracted] = {}
    for r, it, rec in zip(todo, items, _extract_items(items, load_resources().nlp) if items else []):
        if isinstance(rec, ExtractionFailed):
            done[r.job.seq] = Extracted(r, error=str(rec))
            continue
        build = long_graph if is_long(it.article) else (lambda *a, **kw: article_quads(*a, **kw).serialised())
        quads = _guard(lambda: build(it.article, rec, source=it.source.label, chash=it.chash))
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
        entities = [_light(e) for e in rec["entities"]]
        if isinstance(x.quads, LongGraph):
            out.append(View(seq, None, entities, counts, words, parts=len(x.quads.parts)))
        else:
            out.append(View(seq, None, entities, counts, words, x.quads if with_quads else None))
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


def rebuild(extracted: list[Extracted | None], links: dict[int, dict]) -> dict[int, ArticleQuads | LongGraph | str]:
    """The graphs of the articles whose entities linking tied to other
    articles' IRIs (seq -> graph, or the error message)."""
    out: dict[int, ArticleQuads | LongGraph | str] = {}
    for x in extracted:
        if x is None or x.error is not None or x.read.job.seq not in links:
            continue
        rec, iris = apply_links(x.records, links[x.read.job.seq])
        art, kw = x.read.article, {"source": x.read.job.label, "chash": x.read.chash, "iris": iris}
        try:
            out[x.read.job.seq] = (
                long_graph(art, rec, **kw)
                if isinstance(x.quads, LongGraph)
                else article_quads(art, rec, **kw).serialised()
            )
        except Exception as exc:  # noqa: BLE001 - reported per article, like extraction
            out[x.read.job.seq] = str(exc) or type(exc).__name__
    return out


def _long_of(held, seq: int) -> LongGraph | str:
    """A long article's graph as ``extract_batch`` (a list) or ``rebuild`` (a dict) left it."""
    if isinstance(held, dict):
        return held[seq]
    return next(x.quads for x in held if x is not None and x.read.job.seq == seq)


def rebuilt_parts(held: dict, seq: int) -> int | str:
    """How many parts a rebuilt long graph has, or why it failed (the graph stays on the worker)."""
    g = held[seq]
    return g if isinstance(g, str) else len(g.parts)


def graph_part(held, seq: int, k: int) -> ArticleQuads:
    """Part ``k`` of a long article's graph, as N-Triples (one part travels at a time)."""
    return _long_of(held, seq).part(k)


def write_batch(extracted_batches: list[list[Extracted | None]], plan: dict, target) -> int:
    """On a worker: write the planned graphs to the server in one request.

    ``plan``: ``keep`` (the seqs to write, in input order), ``given`` (seq ->
    a graph the client rebuilt after linking), ``drops`` (graphs the same
    request removes). Returns the number of triples written.
    """
    from .sink import write_graphs

    if "long" in plan:
        return _write_long(extracted_batches[0], plan, target)
    by_seq = {x.read.job.seq: x for batch in extracted_batches for x in batch if x is not None}
    graphs = [plan["given"].get(seq) or by_seq[seq].quads for seq in plan["keep"]]
    write_graphs(target, graphs, plan["drops"])
    return sum(len(g) for g in graphs)


def _write_long(held, plan: dict, target) -> int:
    """On a worker: a long article's graph, one request per part, in order
    (``plan``: ``long`` its seq, ``parts``, ``first`` and ``last``: the drops
    sent with the first and the last part, as kg.ingest._write_parts does)."""
    from .sink import write_graphs

    n, written = plan["parts"], 0
    for k in range(n):
        part = graph_part(held, plan["long"], k)
        drops = (plan["first"] if k == 0 else []) + (plan["last"] if k == n - 1 else [])
        write_graphs(target, [part], drops)
        written += len(part)
    return written

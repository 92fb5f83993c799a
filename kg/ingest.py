"""The pipeline: files -> ArticleText -> spaCy -> extractor records -> named
graph -> store, in batches (one store transaction per batch).

Where the time goes (docs/performance.md): spaCy's parse is the floor; the
rest must stay small beside it. So

* an article whose content hash is already stored is skipped before parsing;
* files are read lazily and only a bounded number of articles is in flight
  (parsing, waiting for the store), so memory stays flat however large the
  corpus;
* store writes run on a background thread: Oxigraph releases the GIL while it
  writes a transaction, so a write overlaps with parsing the next articles
  instead of adding to it;
* with ``workers > 1``, worker processes parse, extract and serialise the
  graph; the main process only links names across articles (which depends on
  the articles before, so it is done here, in input order) and writes. The
  store content does not depend on the worker count.
"""

from __future__ import annotations

import os
import queue
import threading
from collections import deque
from dataclasses import dataclass, field, replace
from typing import Callable, Iterable, Iterator

from .cleaning import ArticleText
from .errors import KgError, UsageError
from .graph import ArticleQuads, article_parts, article_quads
from .ids import article_iri, content_hash, entity_iri
from .identity import AliasIndex
from .reading import MAX_BYTES, Source, expand, read_article
from .store import EmbeddedStore, Store

# Articles per store transaction. Oxigraph's cost per quad grows with the size
# of a transaction (its write batch is indexed as it grows): ~1,800 quads per
# article, and 8 articles per transaction was the cheapest per article measured
# (bench/ingest.py), while still one transaction per batch, never per triple.
BATCH_ARTICLES = 8
# Articles per worker task: small, so every worker stays busy until the end of
# the corpus; large enough that pickling and IPC are noise beside the parse.
TASK_ARTICLES = 4
# spaCy's own batching inside nlp.pipe.
PIPE_BATCH = 8
# Above this many characters an article's graph is written in parts of
# ~50,000 triples, one transaction each (a 0.5 MB text makes ~180,000 triples
# and Oxigraph's transaction needs ~13x its N-Quads text: docs/performance.md).
LONG_CHARS = 200_000


@dataclass
class IngestReport:
    read: int = 0
    new: int = 0
    replaced: int = 0
    unchanged: int = 0
    failed: int = 0
    statements: int = 0
    people: int = 0  # distinct people (after linking names across articles), not one per article
    denials: int = 0
    failures: list[tuple[str, str]] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return self.failed == 0

    def summary(self) -> str:
        return (
            f"{self.read} read, {self.new} new, {self.unchanged} unchanged, {self.failed} failed"
            + (f" ({self.replaced} replaced)" if self.replaced else "")
            + f"; {self.statements} statements, {self.denials} denials, {self.people} distinct people found"
        )


@dataclass
class _Item:
    source: Source
    article: ArticleText
    chash: str


class ExtractionFailed(Exception):
    """One article's extraction raised; carries the message only, so it pickles
    back from a worker whatever the original exception was."""


def _guard(fn, *args):
    try:
        return fn(*args)
    except KgError:
        raise
    except Exception as exc:  # noqa: BLE001 - reported per article, never a traceback
        return ExtractionFailed(str(exc) or type(exc).__name__)


def _extract_items(items: list[_Item], nlp, on_progress=None) -> list[dict | ExtractionFailed]:
    """Extractor records (or the failure) for each item, in order. Long
    articles are parsed in pieces and extracted in windows (kg.windows), so
    memory stays bounded; ``on_progress(i, fraction)`` follows the parse."""
    from .windows import extract_articles

    out: list = []
    try:
        for rec in extract_articles([it.article for it in items], nlp, guard=_guard, on_progress=on_progress):
            out.append(rec)
    except KgError:
        raise
    except Exception:  # noqa: BLE001
        # spaCy failed inside a batch: parse the rest one by one, so only the
        # article that fails is reported.
        for it in items[len(out) :]:
            out.append(_guard(lambda it=it: next(extract_articles([it.article], nlp, guard=_guard))))
    return out


def _default_iris(rec: dict) -> dict:
    return {e["id"]: entity_iri(e["id"]) for e in rec.get("entities", [])}


def _worker_init() -> None:
    _die_with_parent()
    from .resources import load_resources

    load_resources()


def _die_with_parent() -> None:
    """A parser process ends when `kg ingest` does (even on kill -9), instead
    of living on to print BrokenPipeError tracebacks into the user's terminal.
    Ctrl-C is the parent's to handle. Linux only (prctl); elsewhere a no-op."""
    import signal

    signal.signal(signal.SIGINT, signal.SIG_IGN)
    try:
        import ctypes

        libc = ctypes.CDLL("libc.so.6", use_errno=True)
        PR_SET_PDEATHSIG = 1
        libc.prctl(PR_SET_PDEATHSIG, signal.SIGKILL)
    except (OSError, AttributeError):
        pass


def _worker_task(items: list[_Item]) -> list[tuple]:
    """In a worker: parse, extract, and build the graph with the entity IRIs
    the records give (the common case). The main process rebuilds the graph
    only when cross-article linking chose other IRIs."""
    from .nlp import load_nlp

    out = []
    for it, rec in zip(items, _extract_items(items, load_nlp())):
        quads = None
        if not isinstance(rec, ExtractionFailed) and not is_long(it.article):
            quads = _guard(lambda: article_quads(it.article, rec, source=it.source.label, chash=it.chash).serialised())
        out.append((rec, quads))
    return out


def _build(it: _Item, rec: dict, iris: dict):
    return _guard(lambda: article_quads(it.article, rec, source=it.source.label, chash=it.chash, iris=iris))


def _batches(it: Iterable, n: int) -> Iterator[list]:
    batch = []
    for x in it:
        batch.append(x)
        if len(batch) >= n:
            yield batch
            batch = []
    if batch:
        yield batch


class _Writer:
    """Store writes on one background thread, in order.

    Oxigraph releases the GIL while it applies a transaction (measured: the
    parsing thread is never blocked for more than ~10 ms by a 16-article
    write), so on a multi-core machine writing costs the pipeline almost no
    wall time. The queue holds at most two batches: memory stays bounded and
    parsing waits when the store cannot keep up.
    """

    def __init__(self, store: Store, background: bool = True, after: Callable | None = None):
        self.store = store
        self.after = after  # derived data (corrections, claims), after each batch is stored
        self.error: BaseException | None = None
        self.thread = None
        if background:
            self.q: queue.Queue = queue.Queue(maxsize=2)
            self.thread = threading.Thread(target=self._run, name="kg-store-writer", daemon=True)
            self.thread.start()

    def _run(self) -> None:
        while True:
            job = self.q.get()
            if job is None:
                return
            if self.error is None:  # after a failure, drain without writing
                try:
                    self._write(*job)
                except BaseException as exc:  # noqa: BLE001 - re-raised in the caller's thread
                    self.error = exc

    def _write(self, graphs: list, drops: list, derive) -> None:
        self.store.write(graphs, drops)
        if self.after is not None and derive:
            self.after(*((graphs, drops) if derive is True else derive))

    def put(self, graphs: list, drops: list, derive: bool | tuple = True) -> None:
        """Write ``graphs`` and drop ``drops``; then derive data for them, or
        for ``derive`` = (graphs, drops) when it says otherwise (a long
        article's parts: nothing until the last, then the whole graph), or
        not at all (False)."""
        self.check()
        if self.thread is None:
            self._write(graphs, drops, derive)
        else:
            self.q.put((graphs, drops, derive))

    def check(self) -> None:
        if self.error is not None:
            raise self.error

    def close(self) -> None:
        if self.thread is not None:
            self.q.put(None)
            self.thread.join()


def check_date(date: str | None) -> str | None:
    """``--date`` as an ISO date, or a usage error."""
    if date is None:
        return None
    from .timex import normalise_date

    if normalise_date(date) is None:
        raise UsageError(f"--date must be a date (YYYY-MM-DD, YYYY-MM or YYYY), got '{date}'")
    return normalise_date(date)


def with_date(art: ArticleText, date: str | None) -> ArticleText:
    """The article with ``date`` (from --date) over what its metadata says."""
    return art if date is None else replace(art, meta={**art.meta, "date": date})


def ingest(
    store: Store,
    paths: list[str],
    *,
    workers: int = 1,
    force: bool = False,
    max_bytes: int = MAX_BYTES,
    batch_size: int = BATCH_ARTICLES,
    progress: Callable[[int, int], None] | None = None,
    date: str | None = None,
    claims: bool = True,
) -> IngestReport:
    """Ingest files, directories (recursively) or '-' (stdin) into ``store``.

    A file that cannot be read or extracted is reported and skipped; the
    rest go in. Articles already stored (same content hash) are not parsed
    again. A changed article replaces the graph previously read from the
    same path, in the same transaction that adds the new one.

    ``date`` (ISO) is the publication date of every article read, over what
    their metadata says. After each batch is stored, corrections are replayed
    and the statements join the store's claims (kg.derived; ``claims=False``
    leaves claims to a later `kg claims rebuild`).
    """
    run = _Run(store, force=force, max_bytes=max_bytes, date=check_date(date), progress=progress)
    sources, bad = expand(paths)
    for label, msg in bad:
        run.fail(label, msg)
    run.total = len(sources)
    # Only the embedded store writes in the background: a remote store's
    # rdflib SPARQL client is not documented as safe to share between threads.
    from .derived import after_write

    writer = _Writer(
        store,
        background=isinstance(store, EmbeddedStore),
        after=lambda graphs, drops: after_write(store, graphs, drops, claims=claims),
    )
    try:
        for batch in _batches(run.results(sources, workers), batch_size):
            graphs, drops = [], []
            for it, rec, quads in batch:
                run.place(writer, it, rec, quads, graphs, drops)
            writer.put(graphs, drops)
            run.tick(len(batch))
    finally:
        writer.close()
    writer.check()
    return run.report


class _Run:
    """One ``ingest`` call's state: the report, the progress count, the
    content hashes seen, the names linked so far; one method per step
    (read -> extract -> link and place in a batch)."""

    def __init__(self, store: Store, *, force: bool, max_bytes: int, date: str | None, progress) -> None:
        self.store, self.force, self.max_bytes, self.date, self.progress = store, force, max_bytes, date, progress
        self.report = IngestReport()
        self.total = self.done = 0
        self.seen: set[str] = set()
        self.people: set = set()
        self.aliases = AliasIndex(store)

    def fail(self, label: str, msg: str) -> None:
        self.report.failed += 1
        self.report.failures.append((label, msg))

    def tick(self, n: int = 1) -> None:
        self.done += n
        self.progress and self.progress(self.done, self.total)

    def pending(self, sources: list[Source]) -> Iterator[_Item]:
        """The articles to extract, read lazily; unreadable and unchanged ones counted and skipped."""
        for src in sources:
            self.report.read += 1  # attempted: "read" counts every file we tried
            try:
                art = read_article(src, max_bytes=self.max_bytes)
            except KgError as exc:
                self.fail(src.label, str(exc))
                self.tick()
                continue
            art = with_date(art, self.date)
            chash = content_hash(art.raw)
            # The content hash decides before any parsing: re-ingesting an
            # unchanged corpus costs a file read and one lookup per article.
            if chash in self.seen or (not self.force and self.store.ask_graph(article_iri(chash))):
                self.report.unchanged += 1
                self.tick()
                continue
            self.seen.add(chash)
            yield _Item(src, art, chash)

    def results(self, sources: list[Source], workers: int) -> Iterator[tuple]:
        """(item, records or failure, speculative graph) in input order."""
        if workers <= 1:
            from .nlp import load_nlp

            nlp = None
            for chunk in _batches(self.pending(sources), PIPE_BATCH):
                nlp = nlp or load_nlp()
                # Inside a long article the bar moves with the parse.
                base, total, progress = self.done, self.total, self.progress
                moved = lambda i, f: progress and progress(base + i + f, total)  # noqa: E731
                for it, rec in zip(chunk, _extract_items(chunk, nlp, moved)):
                    yield it, rec, None
            return
        with _mp_context().Pool(workers, initializer=_worker_init) as pool:
            # A bounded window of tasks in flight, collected in submission
            # order: output (and the store) is deterministic whatever the
            # worker count, and at most ~3 tasks per worker are in memory.
            window: deque = deque()
            for chunk in _batches(self.pending(sources), TASK_ARTICLES):
                window.append((chunk, pool.apply_async(_worker_task, (chunk,))))
                if len(window) > workers * 3:
                    yield from _collect(*window.popleft())
            while window:
                yield from _collect(*window.popleft())

    def place(self, writer: "_Writer", it: _Item, rec, quads, graphs: list, drops: list) -> None:
        """Link one extracted article's names and add its graph (and what it
        replaces) to the batch being built; a long article is written in parts."""
        if isinstance(rec, ExtractionFailed):
            self.fail(it.source.label, f"{it.source.label}: extraction failed: {rec}")
            return
        iris = self.aliases.link(rec)
        own = article_iri(it.chash)
        # What this article replaces: an older version read from the same
        # file, and (with --force) its own earlier graph.
        old = (
            [g for g in self.store.graphs_for_source(it.source.label) if g != own] if it.source.path is not None else []
        )
        if self.force and self.store.ask_graph(own):
            old.append(own)
        if is_long(it.article):
            # Too big for one transaction: written in parts, in order, after
            # what the batch holds so far.
            writer.put(list(graphs), list(drops))
            graphs.clear()
            drops.clear()
            failure = _write_parts(writer, it, rec, iris, old)
        else:
            if not isinstance(quads, ArticleQuads) or iris != _default_iris(rec):
                # single process, or linking chose other IRIs than the worker assumed
                quads = _build(it, rec, iris)
            failure = quads if isinstance(quads, ExtractionFailed) else None
            if failure is None:
                graphs.append(quads)
                drops.extend(old)
        if failure is not None:
            self.fail(it.source.label, f"{it.source.label}: extraction failed: {failure}")
            return
        self.aliases.add(rec, iris)
        if old:
            self.report.replaced += 1
        else:
            self.report.new += 1
        self.report.statements += len(rec["statements"])
        self.people.update(iris[e["id"]] for e in rec["entities"] if e["type"] == "Person")
        self.report.people = len(self.people)
        self.report.denials += sum(1 for s in rec["statements"] if s["kind"] == "denial")


def is_long(article: ArticleText) -> bool:
    """Whether an article's graph is written in parts (kg.graph.article_parts)."""
    return len(article.text) > LONG_CHARS


def _write_parts(writer: "_Writer", it: _Item, rec: dict, iris: dict, old: list) -> ExtractionFailed | None:
    """A long article's graph, part by part, each part one transaction.

    The first part also drops what an interrupted run may have left of this
    same graph; the last part holds the article's own triples (``a
    kg:Article``, hash, source), so until it is in, the article does not
    count as stored and the next run redoes it; it also drops the versions
    it replaces, so they stay readable until the new one is complete.
    """
    own = article_iri(it.chash)
    parts = article_parts(it.article, rec, source=it.source.label, chash=it.chash, iris=iris)
    prev, first = None, True
    try:
        for part in parts:
            if prev is not None:
                writer.put([prev], [own] if first else [], derive=False)
                first = False
            prev = part
    except KgError:
        raise
    except Exception as exc:  # noqa: BLE001 - the parts already written lack the article node: redone next run
        return ExtractionFailed(str(exc) or type(exc).__name__)
    replaced = [g for g in old if g != own]
    # Corrections and claims see the whole graph once it is complete (read
    # back from the store: no part holds all of it).
    writer.put([prev], ([own] if first else []) + replaced, derive=([own], replaced))
    return None


def _collect(chunk: list[_Item], fut) -> Iterator[tuple]:
    try:
        res = fut.get()
    except KgError:
        raise
    except Exception:  # noqa: BLE001
        # The task died as a whole (a worker crashed or the result did not
        # pickle): redo its articles here, one by one, so only a culprit is
        # reported.
        from .nlp import load_nlp

        res = [(r, None) for it in chunk for r in _extract_items([it], load_nlp())]
    for it, (rec, quads) in zip(chunk, res):
        yield it, rec, quads


def _mp_context():
    """Worker processes: forked where the platform can (model-free parent,
    sub-second start), else the platform default (spawn on macOS/Windows)."""
    import multiprocessing as mp

    if hasattr(os, "fork") and "fork" in mp.get_all_start_methods():
        return mp.get_context("fork")
    return mp.get_context()

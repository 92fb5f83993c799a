"""The client side of a cluster ingest: hand batches to the Dask workers,
take their results back in input order, link names across articles, write.

The store ends up holding what a single-process ``kg ingest`` of the same
inputs stores, graph for graph:

* cross-article name linking (``kg.identity.AliasIndex``) depends on every
  article before, so it runs here, on the client, in input order, on the
  small entity lists the workers send; a graph is rebuilt on its worker only
  when linking chose other IRIs than the worker assumed (rare);
* writes happen in input order, one batch after the other, so the store
  always holds a prefix of the run (plus what was there before): a client
  killed mid-run and run again sees the same store a clean run would have
  seen at that article, and links the same way.

Exactly once: a graph's IRI is its article's content hash and every write is
one atomic request of whole graphs, so replaying a batch (a retried task, a
re-run) changes nothing; articles already stored are skipped before parsing.
Dask reruns the tasks of a worker that dies; a batch whose tasks fail anyway
is retried article by article, so only the culprit is reported.

Memory: at most ``window`` batches are in flight (submitted and not yet
written), whatever the corpus size.
"""

from __future__ import annotations

import os
import queue
import uuid
from collections import deque
from dataclasses import dataclass, field
from typing import Callable

from rdflib import Literal, URIRef

from ..errors import KgError
from ..graph import nt_term
from ..identity import AliasIndex
from ..ids import article_iri, content_hash, entity_iri
from ..derived import after_write
from ..ingest import BATCH_ARTICLES, TASK_ARTICLES, IngestReport, _batches, _Writer, check_date, with_date
from ..reading import MAX_BYTES, expand, read_article
from ..store import RemoteStore, Store
from . import tasks as T
from .connect import open_cluster
from .sink import ServerSink, detect_target

# Articles per request with --bulk-load (measured: 32 loaded faster than 8 or 200).
BULK_ARTICLES = 32
Progress = Callable[[int, int, int], None]  # (articles done, articles in all, words parsed)


@dataclass
class _Batch:
    index: int
    jobs: list[T.Job]
    read_f: object = None
    keys: list | None = None
    stored: set = field(default_factory=set)  # seqs skipped: stored already
    present: set = field(default_factory=set)  # content hashes stored already
    views: dict = field(default_factory=dict)  # seq -> View
    ext_of: dict = field(default_factory=dict)  # seq -> future of its extract_batch
    ready: bool = False
    failed: BaseException | None = None


def ingest_on_cluster(
    store: Store,
    paths: list[str],
    *,
    scheduler: str,
    force: bool = False,
    max_bytes: int = MAX_BYTES,
    send_texts: bool = False,
    write_from_workers: bool = False,
    bulk_load: bool = False,
    progress: Progress | None = None,
    announce: Callable[[str], None] | None = None,
    task_articles: int = TASK_ARTICLES,
    date: str | None = None,
    claims: bool = True,
) -> IngestReport:
    """Ingest on a Dask cluster (``scheduler``: ``tcp://HOST:PORT`` or ``local:N``).

    Same inputs, report and store content as ``kg.ingest.ingest``. Workers
    read the files themselves (a filesystem they share with this machine)
    unless ``send_texts``; stdin is always read here and sent.
    ``write_from_workers`` (a SPARQL server store only): workers send the
    graphs to the server themselves instead of through this process.
    ``bulk_load`` (an Oxigraph server only): new graphs through the server's
    bulk loader, faster but not atomic (kg.cluster.sink). ``date`` and
    ``claims`` as for ``kg.ingest.ingest``: corrections are replayed and claims
    updated here, on the client, after each batch is stored.
    """
    date = check_date(date)
    if write_from_workers and not isinstance(store, RemoteStore):
        raise KgError("--write-from-workers needs a SPARQL server as the store (--store http://HOST:PORT)")
    if bulk_load and not isinstance(store, RemoteStore):
        raise KgError("--bulk-load needs an Oxigraph server as the store (--store http://HOST:PORT)")
    announce = announce or (lambda _msg: None)
    report = IngestReport()
    sources, bad = expand(paths)
    for label, msg in bad:
        report.failed += 1
        report.failures.append((label, msg))
    target = detect_target(store, bulk=bulk_load) if isinstance(store, RemoteStore) else None
    with open_cluster(scheduler, announce) as cluster:
        run = _Run(
            store,
            cluster,
            report,
            target=target,
            force=force,
            direct=write_from_workers,
            progress=progress,
            announce=announce,
            after=lambda graphs, drops: after_write(store, graphs, drops, claims=claims),
        )
        run.go(_jobs(sources, send_texts, max_bytes, date), len(sources), max_bytes, task_articles)
    return report


def _jobs(sources, send_texts: bool, max_bytes: int, date: str | None = None):
    """Jobs in input order: paths for the workers to read, or texts read here."""
    for seq, src in enumerate(sources):
        path = os.path.abspath(src.path) if src.path is not None else None
        if path is not None and not send_texts:
            yield T.Job(seq, src.label, path, date=date)
            continue
        try:
            art = with_date(read_article(src, max_bytes=max_bytes), date)
        except KgError as exc:
            yield T.Job(seq, src.label, path, error=str(exc))
            continue
        yield T.Job(seq, src.label, path, article=art, chash=content_hash(art.raw))


class _Run:
    def __init__(self, store, cluster, report, *, target, force, direct, progress, announce, after):
        self.store, self.cluster, self.client, self.report = store, cluster, cluster.client, report
        self.after = after  # (graphs, drops): corrections and claims, once a batch is stored
        self.writing: tuple | None = None  # direct mode: (graph IRIs, drops) of the write in flight
        self.stored_q: queue.SimpleQueue = queue.SimpleQueue()  # (graphs, drops) the writer thread stored
        self.target, self.force, self.direct = target, force, direct
        self.progress, self.announce = progress, announce
        self.aliases = AliasIndex(store)
        self.seen: set[str] = set()
        self.people: set = set()  # distinct people, after linking (the report counts them once)
        self.pending: deque[_Batch] = deque()  # submitted, consumed in input order
        self.futs: dict = {}  # future key -> (batch, stage)
        self.group: list[tuple] = []  # (seq, graph, drops, ext future, graph IRI) waiting to be written
        self.write_q: deque = deque()  # direct mode: (ext futures, plan) in order
        self.write_f = None
        self.done = self.words = 0
        self.warned_unshared = False
        if direct:
            self.writer = None
        else:
            sink = ServerSink(target) if target is not None else store
            # Embedded store: writes overlap with the next results (the
            # store releases the GIL); a server: the HTTP request does.
            # The writer thread only says which batches are stored; derived data
            # (kg.derived) is computed on this thread, the only one that uses
            # the store's client (rdflib's SPARQL client is not thread-safe).
            self.writer = _Writer(sink, background=True, after=lambda graphs, drops: self.stored_q.put((graphs, drops)))

    # -- the loop ------------------------------------------------------------
    def go(self, jobs, total: int, max_bytes: int, task_articles: int) -> None:
        from distributed import as_completed

        self.total, self.max_bytes = total, max_bytes
        self.chunks = iter(_batches(jobs, task_articles))
        self.next_index = 0
        ac = as_completed()
        try:
            self._advance(ac)
            for fut in ac:
                self._on_done(fut, ac)
                self._advance(ac)
            self._flush(final=True)
            self._drain_writes()
        finally:
            if self.writer is not None:
                self.writer.close()
        if self.writer is not None:
            self.writer.check()
        self._derive()

    def _derive(self) -> None:
        """Corrections and claims for the batches the writer thread has stored."""
        while not self.stored_q.empty():
            self.after(*self.stored_q.get())

    def _window(self) -> int:
        # Two tasks queued per worker thread keep every worker busy while the
        # client works through results in order.
        return max(4, 2 * self.cluster.threads() + 2)

    def _advance(self, ac) -> None:
        self._derive()
        while self.pending and self.pending[0].ready:
            self._consume(self.pending.popleft())
        self._pump_writes(ac)
        while len(self.pending) + len(self.write_q) < self._window():
            jobs = next(self.chunks, None)
            if jobs is None:
                break
            batch = _Batch(self.next_index, jobs)
            self.next_index += 1
            self._submit_read(batch)
            self._track(self._submit_keys(batch), batch, "keys", ac)
            self.pending.append(batch)

    def _track(self, fut, batch, stage, ac) -> None:
        self.futs[fut.key] = (batch, stage)
        ac.add(fut)

    def _submit(self, fn, *args, name: str):
        return self.client.submit(fn, *args, key=f"kg-{name}-{uuid.uuid4().hex[:12]}", pure=False)

    def _submit_read(self, batch: _Batch) -> None:
        batch.read_f = self._submit(T.read_batch, batch.jobs, self.max_bytes, name=f"read-{batch.index}")

    def _submit_keys(self, batch: _Batch):
        return self._submit(T.batch_keys, batch.read_f, name=f"keys-{batch.index}")

    def _on_done(self, fut, ac) -> None:
        batch, stage = self.futs.pop(fut.key)
        if stage == "write":
            self.write_f = None
            _result(fut)  # a failed write stops the run (KgError)
            self._written()
            return
        if fut.status not in ("finished", "error", "cancelled"):
            # Finished, then its worker died with the result: Dask is computing
            # it again, so wait for that rather than taking it as a failure.
            self._track(fut, batch, stage, ac)
            return
        if fut.status != "finished":
            batch.failed, batch.ready = _task_error(fut), True
            return
        if stage == "keys":
            view_f = self._decide(batch, fut.result())
            if view_f is not None:
                self._track(view_f, batch, "view", ac)
        else:
            batch.views = {v.seq: v for v in fut.result() if v is not None}
            batch.ready = True

    def _decide(self, batch: _Batch, keys: list):
        """Skip what is stored already; have the rest parsed. Returns the view future, if any."""
        batch.keys = keys
        # With --force nothing is skipped, but what is stored already is
        # counted as replaced and dropped first.
        batch.present = self._stored([c for c, err in keys if err is None])
        stored = set() if self.force else batch.present
        wanted = [err is None and c not in stored for c, err in keys]
        batch.stored = {j.seq for j, (c, err) in zip(batch.jobs, keys) if err is None and c in stored}
        if not any(wanted):
            batch.ready = True
            return None
        ext = self._submit(T.extract_batch, batch.read_f, wanted, name=f"extract-{batch.index}")
        for job, w in zip(batch.jobs, wanted):
            if w:
                batch.ext_of[job.seq] = ext
        return self._submit(T.batch_view, ext, not self.direct, name=f"view-{batch.index}")

    # -- in input order --------------------------------------------------------
    def _consume(self, batch: _Batch) -> None:
        if batch.failed is not None:
            self._retry_singly(batch)
        self._hint_unshared(batch)
        labels = [
            j.label for j, (c, err) in zip(batch.jobs, batch.keys) if err is None and j.path and j.seq in batch.views
        ]
        old = self._old_graphs(labels)
        rep = self.report
        for job, (chash, err) in zip(batch.jobs, batch.keys):
            rep.read += 1
            if err is not None:
                rep.failed += 1
                rep.failures.append((job.label, err))
            elif job.seq in batch.stored or chash in self.seen:
                rep.unchanged += 1
            else:
                self.seen.add(chash)
                view = batch.views[job.seq]
                self.words += view.words
                if view.error is not None:
                    rep.failed += 1
                    rep.failures.append((job.label, f"{job.label}: extraction failed: {view.error}"))
                else:
                    self._accept(batch, job, chash, view, old.get(job.label, []))
        self.done += len(batch.jobs)
        batch.read_f = None
        self._flush()
        if self.progress:
            self.progress(self.done, self.total, self.words)

    def _accept(self, batch: _Batch, job: T.Job, chash: str, view: T.View, old: list) -> None:
        """Link one article's names to the articles before it, and queue its graph."""
        light = {"entities": view.entities}
        iris = self.aliases.link(light)
        links = {
            e["id"]: (str(iris[e["id"]]), e["name"], e.get("aliases"))
            for e in light["entities"]
            if iris[e["id"]] != entity_iri(e["id"])
        }
        held = batch.ext_of[job.seq]  # the future whose result holds the graph, on a worker
        graph = view.parts or view.quads
        if links:
            rebuilt = self._submit(T.rebuild, held, {job.seq: links}, name="rebuild")
            if view.parts:  # a long graph stays on the worker: only its part count comes back
                held, graph = rebuilt, _result(self._submit(T.rebuilt_parts, rebuilt, job.seq, name="parts"))
            else:
                graph = _result(rebuilt)[job.seq]
            if isinstance(graph, str):
                self.report.failed += 1
                self.report.failures.append((job.label, f"{job.label}: extraction failed: {graph}"))
                return
        self.aliases.add(light, iris)
        own = article_iri(chash)
        # What this article replaces: an older version read from the same
        # file, and (with --force) its own earlier graph (as kg.ingest does).
        replacing = [g for g in old if g != own]
        forced = self.force and chash in batch.present
        rep = self.report
        if replacing or forced:
            rep.replaced += 1
        else:
            rep.new += 1
        rep.statements += view.counts[0]
        rep.denials += view.counts[2]
        self.people.update(iris[e["id"]] for e in light["entities"] if e["type"] == "Person")
        rep.people = len(self.people)
        if view.parts:
            self._write_long(job.seq, held, graph, own, replacing)
        else:
            drops = replacing + ([own] if forced else [])
            self.group.append((job.seq, graph if links or not self.direct else None, drops, held, str(own)))

    def _write_long(self, seq: int, held, parts: int, own: URIRef, replacing: list) -> None:
        """A long article's graph, part by part, after what came before it
        (kg.ingest._write_parts): the first part drops what an interrupted
        run left of this graph, the last (with the article node) drops the
        versions it replaces. One part is on the wire at a time."""
        self._flush(final=True)
        if self.writer is None:  # the workers write
            self.write_q.append(([held], {"long": seq, "parts": parts, "first": [own], "last": replacing}, [str(own)]))
            return
        for k in range(parts):
            part = _result(self._submit(T.graph_part, held, seq, k, name="part"))
            last = k == parts - 1
            # corrections and claims once the whole graph is in (read back from the store)
            self.writer.put(
                [part],
                ([own] if k == 0 else []) + (replacing if last else []),
                derive=([own], replacing) if last else False,
            )

    def _retry_singly(self, batch: _Batch) -> None:
        """The batch failed as a whole (its worker died too often, or a task
        raised): run each article alone, so only a culprit is reported."""
        keys, batch.views, batch.ext_of, batch.stored = [], {}, {}, set()
        for job in batch.jobs:
            one = _Batch(batch.index, [job])
            try:
                self._submit_read(one)
                view_f = self._decide(one, _result(self._submit_keys(one)))
                views = _result(view_f) if view_f is not None else []
            except KgError:
                raise
            except Exception as exc:  # noqa: BLE001 - this article is the culprit
                keys.append((None, f"{job.label}: extraction failed: {_describe(exc)}"))
                continue
            keys.extend(one.keys)
            batch.stored |= one.stored
            batch.present |= one.present
            batch.ext_of.update(one.ext_of)
            batch.views.update({v.seq: v for v in views if v is not None})
        batch.keys, batch.failed = keys, None

    def _hint_unshared(self, batch: _Batch) -> None:
        errs = [err for _c, err in batch.keys]
        if not self.warned_unshared and errs and all(e and "No such file or directory" in e for e in errs):
            self.warned_unshared = True
            self.announce(
                "note: the Dask workers cannot read these files: give paths on a filesystem they share "
                "with this machine, or pass --send-texts"
            )

    # -- store look-ups (one query per batch) ------------------------------------
    def _stored(self, chashes: list[str]) -> set[str]:
        if not chashes:
            return set()
        iris = {str(article_iri(c)): c for c in chashes}
        values = " ".join(f"<{i}>" for i in iris)
        rows = self.store.query(f"SELECT ?g WHERE {{ VALUES ?g {{ {values} }} GRAPH ?g {{ ?g a kg:Article }} }}")
        return {iris[str(row[0])] for row in rows}

    def _old_graphs(self, labels: list[str]) -> dict[str, list[URIRef]]:
        """Graphs read before from these source paths (a changed file replaces its graph)."""
        if not labels:
            return {}
        values = " ".join(nt_term(Literal(label)) for label in labels)
        rows = self.store.query(
            f"SELECT DISTINCT ?g ?src WHERE {{ VALUES ?src {{ {values} }} GRAPH ?g {{ ?g kg:sourcePath ?src }} }}"
        )
        out: dict[str, list[URIRef]] = {}
        for g, src in rows:
            out.setdefault(str(src), []).append(URIRef(str(g)))
        return out

    # -- writing, in input order -----------------------------------------------------
    def _flush(self, final: bool = False) -> None:
        # The bulk loader writes files per request: fewer, larger requests.
        size = BULK_ARTICLES if self.target is not None and self.target.bulk else BATCH_ARTICLES
        if not self.group or (len(self.group) < size and not final):
            return
        group, self.group = self.group, []
        drops = [d for _seq, _g, ds, _ext, _iri in group for d in ds]
        if self.writer is not None:
            self.writer.put([g for _seq, g, _ds, _ext, _iri in group], drops)
            return
        exts = list({id(ext): ext for _seq, _g, _ds, ext, _iri in group}.values())
        plan = {
            "keep": [seq for seq, *_ in group],
            "given": {seq: g for seq, g, *_ in group if g is not None},
            "drops": drops,
        }
        self.write_q.append((exts, plan, [iri for *_rest, iri in group]))

    def _pump_writes(self, ac) -> None:
        """Direct mode: one write task at a time, in input order."""
        if self.write_f is None and self.write_q:
            self.write_f = self._submit_write()
            self.futs[self.write_f.key] = (None, "write")
            ac.add(self.write_f)

    def _submit_write(self):
        exts, plan, iris = self.write_q.popleft()
        self.writing = (iris, plan["drops"] if "drops" in plan else plan["last"])
        return self._submit(T.write_batch, exts, plan, self.target, name="write")

    def _written(self) -> None:
        """Direct mode: a worker stored a batch; derived data follows from the store."""
        if self.writing is not None:
            (iris, drops), self.writing = self.writing, None
            self.after(iris, drops)

    def _drain_writes(self) -> None:
        while self.write_q or self.write_f is not None:
            if self.write_f is not None:
                _result(self.write_f)
                self.futs.pop(self.write_f.key, None)
                self.write_f = None
                self._written()
            if self.write_q:
                self.write_f = self._submit_write()


def _result(fut):
    """A task's result; a KgError raised in the task is raised here as is."""
    try:
        return fut.result()
    except KgError:
        raise
    except Exception as exc:
        if fut.status == "cancelled":
            raise KgError(f"lost the Dask scheduler: {_describe(exc)}") from None
        raise


def _task_error(fut) -> BaseException:
    if fut.status == "cancelled":
        raise KgError("lost the Dask scheduler: a task was cancelled (is the scheduler still running?)")
    exc = fut.exception()
    if isinstance(exc, KgError):
        raise exc
    return exc


def _describe(exc: BaseException) -> str:
    if type(exc).__name__ == "KilledWorker":
        return "the Dask workers running it died (KilledWorker)"
    return (f"{type(exc).__name__}: " + " ".join(str(exc).split()))[:300]

"""The pipeline: files -> ArticleText -> spaCy -> extractor records -> named
graph -> store, in batches (one store transaction per batch)."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Callable, Iterator

from .cleaning import ArticleText
from .errors import KgError
from .graph import article_graph
from .linking import AliasIndex
from .ids import article_iri, content_hash
from .reading import MAX_BYTES, Source, expand, read_article
from .store import Store

BATCH_ARTICLES = 32


@dataclass
class IngestReport:
    read: int = 0
    new: int = 0
    replaced: int = 0
    unchanged: int = 0
    failed: int = 0
    statements: int = 0
    people: int = 0
    denials: int = 0
    failures: list[tuple[str, str]] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return self.failed == 0

    def summary(self) -> str:
        return (
            f"{self.read} read, {self.new} new, {self.unchanged} unchanged, {self.failed} failed"
            + (f" ({self.replaced} replaced)" if self.replaced else "")
            + f"; {self.statements} statements, {self.people} people, {self.denials} denials found"
        )


@dataclass
class _Item:
    source: Source
    article: ArticleText
    chash: str


def _extract_batch(items: list[_Item], nlp) -> list[dict]:
    from .extract import extract_doc

    docs = nlp.pipe((it.article.text for it in items), batch_size=8)
    return [extract_doc(doc, it.article) for doc, it in zip(docs, items)]


def _worker_init() -> None:
    from .nlp import load_nlp

    load_nlp()


def _worker_extract(items: list[_Item]) -> list[dict]:
    from .nlp import load_nlp

    return _extract_batch(items, load_nlp())


def _batches(it: Iterator, n: int) -> Iterator[list]:
    batch = []
    for x in it:
        batch.append(x)
        if len(batch) >= n:
            yield batch
            batch = []
    if batch:
        yield batch


def ingest(
    store: Store,
    paths: list[str],
    *,
    workers: int = 1,
    force: bool = False,
    max_bytes: int = MAX_BYTES,
    batch_size: int = BATCH_ARTICLES,
    progress: Callable[[int, int], None] | None = None,
) -> IngestReport:
    """Ingest files, directories (recursively) or '-' (stdin) into ``store``.

    A file that cannot be read or extracted is reported and skipped; the
    rest go in. Articles already stored (same content hash) are not parsed
    again. A changed article replaces the graph previously read from the
    same path, in the same transaction that adds the new one.
    """
    report = IngestReport()
    sources, bad = expand(paths)
    for label, msg in bad:
        report.failed += 1
        report.failures.append((label, msg))
    total = len(sources)
    done = 0
    seen: set[str] = set()

    def pending() -> Iterator[_Item]:
        nonlocal done
        for src in sources:
            try:
                art = read_article(src, max_bytes=max_bytes)
            except KgError as exc:
                report.read += 1  # attempted: "read" counts every file we tried
                report.failed += 1
                report.failures.append((src.label, str(exc)))
                done += 1
                progress and progress(done, total)
                continue
            report.read += 1
            chash = content_hash(art.raw)
            if chash in seen or (not force and store.ask_graph(article_iri(chash))):
                report.unchanged += 1
                done += 1
                progress and progress(done, total)
                continue
            seen.add(chash)
            yield _Item(src, art, chash)

    def results() -> Iterator[tuple[list[_Item], list[dict] | Exception]]:
        batches = _batches(pending(), batch_size)
        if workers <= 1:
            from .nlp import load_nlp

            nlp = None
            for batch in batches:
                nlp = nlp or load_nlp()
                yield batch, _safe(lambda b=batch: _extract_batch(b, nlp))
        else:
            import multiprocessing as mp

            ctx = mp.get_context("fork") if hasattr(__import__("os"), "fork") else mp.get_context()
            with ctx.Pool(workers, initializer=_worker_init) as pool:
                # imap keeps input order, so output (and the store) is
                # deterministic whatever the worker count.
                chunks = ((b, pool.apply_async(_worker_extract, (b,))) for b in batches)
                window: list = []
                for b, fut in chunks:
                    window.append((b, fut))
                    if len(window) > workers * 2:
                        ob, of = window.pop(0)
                        yield ob, _safe(of.get)
                for ob, of in window:
                    yield ob, _safe(of.get)

    aliases = AliasIndex(store)
    for batch, recs in results():
        if isinstance(recs, Exception):
            # A batch failed as a whole (extractor bug on one article):
            # retry one by one so only the culprit is reported.
            recs = [_safe(lambda it=it: _single(it)) for it in batch]
        graphs, drops, counted = [], [], []
        for it, rec in zip(batch, recs):
            if isinstance(rec, Exception):
                report.failed += 1
                report.failures.append((it.source.label, f"{it.source.label}: extraction failed: {rec}"))
                continue
            iris = aliases.link(rec)
            aliases.add(rec, iris)
            graphs.append(article_graph(it.article, rec, source=it.source.label, chash=it.chash, iris=iris))
            if it.source.path is not None:
                old = [g for g in store.graphs_for_source(it.source.label) if g != article_iri(it.chash)]
                drops.extend(old)
                if old:
                    report.replaced += 1
            counted.append(rec)
        store.write(graphs, drops)
        for rec in counted:
            report.new += 1
            report.statements += len(rec["statements"])
            report.people += sum(1 for e in rec["entities"] if e["type"] == "Person")
            report.denials += sum(1 for s in rec["statements"] if s["kind"] == "denial")
        done += len(batch)
        progress and progress(done, total)
    return report


def _single(item: _Item) -> dict:
    from .nlp import load_nlp

    return _extract_batch([item], load_nlp())[0]


def _safe(fn):
    try:
        return fn()
    except KgError:
        raise
    except Exception as exc:  # noqa: BLE001 - reported per article, never a traceback
        return exc

"""A cluster ingest stores exactly what single-process ingest stores, and
reports the same: new, unchanged, replaced, failed, linked across articles."""

from __future__ import annotations

import re
import urllib.request


from kg.cluster import ingest_on_cluster
from kg.cluster import pipeline as P
from kg.cluster import tasks as T
from kg.store import open_store

from ..robustness.conftest import write_articles
from .conftest import quads, report_tuple, single_process


def cluster_ingest(path, inputs, scheduler, **kw):
    with open_store(str(path)) as store:
        return ingest_on_cluster(store, inputs, scheduler=scheduler, **kw)


def test_cluster_stores_what_single_process_stores(tmp_path, corpus, reference, scheduler):
    calls = []
    rep = cluster_ingest(
        tmp_path / "dask", [str(corpus)], scheduler, task_articles=4, progress=lambda *a: calls.append(a)
    )
    assert (rep.read, rep.new, rep.unchanged, rep.failed) == (10, 7, 1, 2)
    assert report_tuple(rep) == reference[0]
    assert len(reference[1]) > 5000
    assert quads(tmp_path / "dask") == reference[1]
    # progress: articles done of all, and the words spaCy saw (the parsed
    # articles only: not the duplicate, not the unreadable files)
    assert calls[-1][:2] == (10, 10)
    assert [c[0] for c in calls] == sorted(c[0] for c in calls)
    assert 6000 < calls[-1][2] < 9000


def test_texts_sent_from_the_client_store_the_same(tmp_path, corpus, reference, scheduler):
    rep = cluster_ingest(tmp_path / "dask", [str(corpus)], scheduler, send_texts=True, task_articles=1)
    assert report_tuple(rep) == reference[0]
    assert quads(tmp_path / "dask") == reference[1]


def test_rerun_skips_everything_and_a_changed_file_replaces_its_graph(tmp_path, scheduler):
    work = tmp_path / "in"
    write_articles(work, 4)
    single_process(tmp_path / "ref", [str(work)])
    cluster_ingest(tmp_path / "dask", [str(work)], scheduler)
    again = cluster_ingest(tmp_path / "dask", [str(work)], scheduler)
    assert again.summary() == "4 read, 0 new, 4 unchanged, 0 failed; 0 statements, 0 denials, 0 distinct people found"

    changed = sorted(work.glob("*.txt"))[1]
    changed.write_text(changed.read_text("utf-8").replace("Report number", "Revised report number"), "utf-8")
    ref = single_process(tmp_path / "ref", [str(work)])
    rep = cluster_ingest(tmp_path / "dask", [str(work)], scheduler)
    assert rep.summary().startswith("4 read, 0 new, 3 unchanged, 0 failed (1 replaced)")
    assert report_tuple(rep) == report_tuple(ref)
    assert quads(tmp_path / "ref") == quads(tmp_path / "dask")


def test_a_failing_article_is_reported_not_fatal(tmp_path, monkeypatch, scheduler):
    import kg.extract

    real = kg.extract.extract_doc

    def flaky(doc, article):
        if "BOOM" in doc.text:
            raise ValueError("extractor bug on purpose")
        return real(doc, article)

    monkeypatch.setattr(kg.extract, "extract_doc", flaky)  # the worker thread shares this process
    d = tmp_path / "in"
    d.mkdir()
    for i in range(6):
        extra = " BOOM." if i == 3 else ""
        (d / f"a{i}.txt").write_text(f"Minister John Doe{i} denied the report on Monday.{extra}\n", "utf-8")
    ref = single_process(tmp_path / "ref", [str(d)])
    rep = cluster_ingest(tmp_path / "dask", [str(d)], scheduler)
    assert (rep.read, rep.new, rep.failed) == (6, 5, 1)
    assert rep.failures == [(str(d / "a3.txt"), f"{d / 'a3.txt'}: extraction failed: extractor bug on purpose")]
    assert report_tuple(rep) == report_tuple(ref)
    assert quads(tmp_path / "ref") == quads(tmp_path / "dask")


def test_a_failing_task_is_retried_article_by_article(tmp_path, monkeypatch, scheduler):
    """A whole task fails (here: a bug in a task, as a worker that keeps dying
    would): its articles are run one by one, and only the culprit fails."""
    real = T.batch_view

    def buggy(extracted, with_quads):
        if any(x is not None and "BOOM" in x.read.article.text for x in extracted):
            raise RuntimeError("view bug on purpose")
        return real(extracted, with_quads)

    monkeypatch.setattr(T, "batch_view", buggy)
    d = tmp_path / "in"
    d.mkdir()
    for i in range(8):
        extra = " BOOM." if i == 2 else ""
        (d / f"a{i}.txt").write_text(f"Senator Jane Roe{i} denied the claims on Friday.{extra}\n", "utf-8")
    rep = cluster_ingest(tmp_path / "dask", [str(d)], scheduler, task_articles=4)
    assert (rep.read, rep.new, rep.failed) == (8, 7, 1)
    assert rep.failures == [
        (str(d / "a2.txt"), f"{d / 'a2.txt'}: extraction failed: RuntimeError: view bug on purpose")
    ]
    with open_store(str(tmp_path / "dask"), read_only=True) as s:
        assert len(s.article_graphs()) == 7


def test_results_in_flight_stay_within_the_window(tmp_path, scheduler, monkeypatch):
    seen = []
    real_advance = P._Run._advance

    def advance(self, ac):
        real_advance(self, ac)
        seen.append(len(self.pending) + len(self.write_q))

    monkeypatch.setattr(P._Run, "_window", lambda self: 2)
    monkeypatch.setattr(P._Run, "_advance", advance)
    write_articles(tmp_path / "in", 12)
    ref = single_process(tmp_path / "ref", [str(tmp_path / "in")])
    rep = cluster_ingest(tmp_path / "dask", [str(tmp_path / "in")], scheduler, task_articles=1)
    assert max(seen) == 2 and len(seen) > 10
    assert report_tuple(rep) == report_tuple(ref)
    assert quads(tmp_path / "ref") == quads(tmp_path / "dask")


def test_dashboard_is_announced(tmp_path, corpus, scheduler):
    said = []
    cluster_ingest(tmp_path / "dask", [str(corpus / "zz_rainsy.txt")], scheduler, announce=said.append)
    assert len(said) == 1 and re.fullmatch(r"dashboard: http://127\.0\.0\.1:\d+/status", said[0]), said
    with urllib.request.urlopen(said[0].split(" ", 1)[1], timeout=30) as page:
        assert page.status == 200

"""A pool of query worker processes with a per-query time limit.

Every query sent to /sparql (and run from the query page) goes to an idle
worker (kg.serve.worker). If the answer has not come back by the deadline,
the worker is killed, which stops the query, and a fresh one is started in
the background; the other workers, and the pages, go on serving. This is the
same reasoning as ``kg query --timeout`` (kg.query.run_with_timeout), with
long-lived processes instead of one fork per query: forking a server that
runs threads is unsafe, and a query should not pay for opening the store.
"""

from __future__ import annotations

import multiprocessing
import queue
import threading
import time
from dataclasses import dataclass

from ..errors import KgError
from .worker import Answer, Job

START_TIMEOUT_S = 60.0


class QueryTimeout(KgError):
    pass


class PoolBusy(KgError):
    pass


@dataclass(eq=False)
class _Worker:
    process: multiprocessing.Process
    conn: object


class QueryPool:
    def __init__(self, location: str, *, size: int = 2, timeout: float = 30.0):
        if timeout <= 0:
            raise KgError(f"--timeout must be more than 0 seconds, got {timeout:g}")
        self.location = location
        self.size = size
        self.timeout = timeout
        self._ctx = multiprocessing.get_context("spawn")
        self._idle: queue.Queue[_Worker] = queue.Queue()
        self._all: set[_Worker] = set()
        self._lock = threading.Lock()
        self._closed = False
        first = [self._spawn() for _ in range(size)]
        for w in first:
            self._wait_ready(w)
            self._idle.put(w)

    # -- workers --------------------------------------------------------------
    def _spawn(self) -> _Worker:
        from . import worker

        parent, child = self._ctx.Pipe()
        proc = self._ctx.Process(
            target=worker.main, args=(child, self.location, self.timeout), daemon=True, name="kg-serve-query"
        )
        proc.start()
        child.close()
        w = _Worker(proc, parent)
        with self._lock:
            self._all.add(w)
        return w

    def _wait_ready(self, w: _Worker) -> None:
        if not w.conn.poll(START_TIMEOUT_S):
            self._kill(w)
            raise KgError("a query worker did not start within a minute")
        try:
            status, msg = w.conn.recv()
        except (EOFError, OSError):
            self._kill(w)
            raise KgError("a query worker died while starting") from None
        if status != "ready":
            self._kill(w)
            raise KgError(msg)

    def _kill(self, w: _Worker) -> None:
        with self._lock:
            self._all.discard(w)
        try:
            w.process.kill()
        except (OSError, ValueError):
            pass
        w.process.join(5)
        w.conn.close()

    def _replace(self) -> None:
        """Start a worker in the background to take a killed one's place."""

        def start():
            if self._closed:
                return
            try:
                w = self._spawn()
                self._wait_ready(w)
            except KgError:
                time.sleep(1.0)  # the store is unreadable for now: try again
                if not self._closed:
                    threading.Thread(target=start, daemon=True).start()
                return
            if self._closed:
                self._kill(w)
            else:
                self._idle.put(w)

        threading.Thread(target=start, daemon=True, name="kg-serve-respawn").start()

    # -- running ----------------------------------------------------------------
    def run(self, job: Job) -> Answer:
        """Run ``job`` on a free worker (blocking). Raises QueryTimeout or PoolBusy."""
        if self._closed:
            raise PoolBusy("the server is shutting down")
        try:
            w = self._idle.get(timeout=self.timeout)
        except queue.Empty:
            raise PoolBusy(
                f"all {self.size} query workers stayed busy for {self.timeout:g} s: try again later"
            ) from None
        try:
            w.conn.send(job)
            ready = w.conn.poll(self.timeout)
            answer = w.conn.recv() if ready else None
        except (EOFError, OSError, BrokenPipeError):
            self._kill(w)
            self._replace()
            raise KgError("the query process died before answering (out of memory?)") from None
        if answer is None:
            self._kill(w)
            self._replace()
            raise QueryTimeout(f"query timed out after {self.timeout:g} s")
        self._idle.put(w)
        return answer

    def close(self) -> None:
        self._closed = True
        with self._lock:
            workers = list(self._all)
        for w in workers:
            self._kill(w)

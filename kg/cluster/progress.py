"""The progress bar of a cluster ingest: articles done, and articles/s and
words/s across all workers over the last half minute (a rate since the start
would hide a worker that joined or died). Messages (the dashboard address)
print above the bar without breaking it."""

from __future__ import annotations

import sys
import time
from collections import deque

RATE_WINDOW_S = 30.0


class ClusterProgress:
    def __init__(self, quiet: bool):
        self.quiet = quiet
        self.bar = None
        self.samples: deque = deque()

    def __enter__(self) -> "ClusterProgress":
        from rich.console import Console

        console = Console(stderr=True)
        if self.quiet or not console.is_terminal:
            return self
        from rich.progress import (
            BarColumn,
            MofNCompleteColumn,
            Progress,
            TextColumn,
            TimeElapsedColumn,
            TimeRemainingColumn,
        )

        self.bar = Progress(
            TextColumn("ingesting"),
            BarColumn(),
            MofNCompleteColumn(),
            TextColumn("{task.fields[rates]}"),
            TimeElapsedColumn(),
            TimeRemainingColumn(),
            console=console,
        )
        self.bar.start()
        self.task = self.bar.add_task("ingest", total=None, rates="starting the cluster")
        return self

    def __call__(self, done: int, total: int, words: int) -> None:
        if self.bar is None:
            return
        now = time.monotonic()
        self.samples.append((now, done, words))
        while len(self.samples) > 2 and now - self.samples[0][0] > RATE_WINDOW_S:
            self.samples.popleft()
        self.bar.update(self.task, completed=done, total=total, rates=rates(self.samples))

    def say(self, message: str) -> None:
        """A line on stderr, above the bar when there is one."""
        if self.bar is not None:
            self.bar.console.print(message, markup=False, highlight=False, soft_wrap=True)
        else:
            print(message, file=sys.stderr, flush=True)

    def __exit__(self, *exc) -> None:
        if self.bar is not None:
            self.bar.stop()


def rates(samples) -> str:
    """'12.3 articles/s, 9,870 words/s' between the first and last sample."""
    if len(samples) < 2:
        return ""
    (t0, a0, w0), (t1, a1, w1) = samples[0], samples[-1]
    dt = max(t1 - t0, 1e-9)
    return f"{(a1 - a0) / dt:.1f} articles/s, {(w1 - w0) / dt:,.0f} words/s"

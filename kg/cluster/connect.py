"""Getting a Dask cluster ready for ingest: a LocalCluster here (``local:N``)
or a running scheduler (``tcp://HOST:8786``), with every worker checked to run
this kg and holding its resources loaded before the first article."""

from __future__ import annotations

import logging
import os
import re
import warnings
from contextlib import contextmanager
from dataclasses import dataclass
from typing import Callable, Iterator

from ..errors import KgError

_LOCAL = re.compile(r"local:(\d+)")
_REMOTE = re.compile(r"(tcp|tls|ws|wss|ucx)://[^\s/]+:\d+/?")
MAX_LOCAL_WORKERS = 64
# How long a run waits for a remote scheduler to answer, and for its first worker.
CONNECT_TIMEOUT_S = 15.0
WORKER_WAIT_S = 60.0
USAGE = "--scheduler takes tcp://HOST:PORT (a running 'dask scheduler') or local:N (N worker processes on this machine)"


def parse_scheduler(spec: str) -> tuple[str, int | str]:
    """('local', N) or ('remote', address); a clear KgError otherwise."""
    spec = (spec or "").strip()
    m = _LOCAL.fullmatch(spec)
    if m:
        n = int(m.group(1))
        if not 1 <= n <= MAX_LOCAL_WORKERS:
            raise KgError(f"{USAGE}: N must be 1 to {MAX_LOCAL_WORKERS}, got {spec!r}")
        return "local", n
    if _REMOTE.fullmatch(spec):
        return "remote", spec.rstrip("/")
    raise KgError(f"{USAGE}, got {spec!r}")


@dataclass
class Cluster:
    client: object  # distributed.Client
    address: str
    dashboard: str | None

    def threads(self) -> int:
        """Worker threads now (workers may come and go during a run)."""
        return max(1, sum(self.client.nthreads().values()))


def _quiet_logs() -> int:
    """Dask logs every worker start, restart and closed connection to stderr;
    kg's own lines say what matters. KG_DEBUG=1 shows them.

    Importing distributed applies its logging config, which sets levels on
    child loggers such as ``distributed.client`` itself: so import first, then
    set every logger of those families (a parent's level would not win)."""
    import distributed  # noqa: F401 - configures its loggers on import

    level = logging.INFO if os.environ.get("KG_DEBUG") else logging.CRITICAL
    families = ("distributed", "bokeh", "tornado")
    names = [n for n in logging.root.manager.loggerDict if n.split(".")[0] in families]
    for name in (*families, *names):
        logging.getLogger(name).setLevel(level)
    return level


@contextmanager
def open_cluster(spec: str, announce: Callable[[str], None]) -> Iterator[Cluster]:
    kind, arg = parse_scheduler(spec)
    level = _quiet_logs()
    from distributed import Client, LocalCluster

    local = None
    try:
        with warnings.catch_warnings():
            # "Port 8787 is already in use ... Hosting the HTTP server on port N
            # instead": the address printed below is the one that counts.
            warnings.simplefilter("ignore")
            if kind == "local":
                # One thread per process: spaCy holds the GIL while it parses.
                local = LocalCluster(
                    n_workers=arg, threads_per_worker=1, processes=True, dashboard_address=":8787", silence_logs=level
                )
                client = Client(local)
            else:
                client = _connect(arg)
        try:
            cluster = _prepare(client, arg if kind == "remote" else client.scheduler.address, announce)
            yield cluster
        finally:
            client.close()
    finally:
        if local is not None:
            local.close()


def _connect(address: str):
    from distributed import Client

    try:
        return Client(address, timeout=CONNECT_TIMEOUT_S)
    except (OSError, TimeoutError) as exc:
        raise KgError(
            f"cannot reach Dask scheduler at {address}: {_one_line(exc)} (start one with 'dask scheduler')"
        ) from None


def _prepare(client, address: str, announce) -> Cluster:
    from .. import __version__
    from .tasks import KgResources, worker_info

    try:
        client.wait_for_workers(1, timeout=WORKER_WAIT_S)
    except (TimeoutError, OSError):
        raise KgError(
            f"no Dask worker joined {address} within {WORKER_WAIT_S:g} s: start some with 'dask worker {address} --nthreads 1'"
        ) from None
    try:
        client.register_plugin(KgResources(), name=KgResources.name)
        infos = client.run(worker_info)
    except KgError:
        raise
    except Exception as exc:  # noqa: BLE001 - e.g. kg not installed on a worker
        raise KgError(
            f"setting up the Dask workers failed: {_one_line(exc)} (install the same kg on every worker)"
        ) from None
    for worker, info in sorted(infos.items()):
        if info["kg"] != __version__:
            raise KgError(
                f"Dask worker {worker} runs kg {info['kg']}, this client kg {__version__}: install the same version everywhere"
            )
    dashboard = _dashboard(client, announce)
    multi = [w for w, n in client.nthreads().items() if n > 1]
    if multi:
        announce(
            f"note: {len(multi)} worker(s) run several threads; spaCy holds the GIL, so start workers with --nthreads 1 --nworkers N"
        )
    return Cluster(client, address, dashboard)


def _dashboard(client, announce) -> str | None:
    """The dashboard's address, printed. The scheduler's HTTP server runs even
    without a dashboard (it also serves health checks), so ask it for the page."""
    import urllib.error
    import urllib.request

    unavailable = "dashboard: unavailable (the scheduler serves none: it needs bokeh, and no --no-dashboard)"
    if "dashboard" not in client.scheduler_info().get("services", {}):
        announce(unavailable)
        return None
    link = client.dashboard_link
    try:
        with urllib.request.urlopen(link, timeout=5) as page:
            page.read(1)
    except urllib.error.HTTPError:
        announce(unavailable)
        return None
    except OSError:
        announce(f"dashboard: {link} (not reachable from this machine)")
        return link
    announce(f"dashboard: {link}")
    return link


def _one_line(exc: BaseException) -> str:
    return (" ".join(str(exc).split()) or type(exc).__name__)[:300]

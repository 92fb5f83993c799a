"""``kg serve``: a SPARQL 1.1 endpoint and pages for browsing the graph.

    kg serve [--host 127.0.0.1] [--port 8000] [--timeout 30]

Starlette + uvicorn + Jinja2; the store opened read-only (ingest may run
beside it) or a remote SPARQL server. See README ("kg serve") and
docs/performance.md for the page timings.
"""

from __future__ import annotations

import ipaddress
import socket
import sys

from ..errors import KgError

LOOPBACK_HOSTS = ["127.0.0.1", "localhost", "::1", "[::1]"]


def is_loopback(host: str) -> bool:
    if host == "localhost":
        return True
    try:
        return ipaddress.ip_address(host.strip("[]")).is_loopback
    except ValueError:
        return False


def make_state(location: str, *, timeout: float = 30.0, workers: int = 2):
    """Open the store read-only, read its catalogue and start the query workers."""
    from .app import State, _templates
    from .catalogue import Catalogues
    from .pool import QueryPool
    from .source import open_source
    from .views.netmap import MapCache

    source = open_source(location, timeout=timeout)
    catalogues = Catalogues(source)
    catalogues.get()  # read once now: the first page is then as fast as the others
    pool = QueryPool(location, size=workers, timeout=timeout)
    return State(source, catalogues, pool, MapCache(), _templates(), location)


def _check_port(host: str, port: int) -> None:
    family = socket.AF_INET6 if ":" in host.strip("[]") else socket.AF_INET
    with socket.socket(family, socket.SOCK_STREAM) as s:
        s.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        try:
            s.bind((host.strip("[]"), port))
        except OSError as exc:
            if exc.errno in (98, 48):  # EADDRINUSE (Linux, macOS)
                raise KgError(f"port {port} on {host} is in use: stop the other server or pass --port") from None
            raise KgError(f"cannot listen on {host}:{port}: {exc.strerror or exc}") from None


class _Server:
    """uvicorn's Server, announcing the address only once it is listening."""

    def __new__(cls, config, on_ready):
        import uvicorn

        class Server(uvicorn.Server):
            async def startup(self, sockets=None):
                await super().startup(sockets=sockets)
                if self.started:
                    on_ready()

        return Server(config)


def serve(
    location: str, *, host: str = "127.0.0.1", port: int = 8000, timeout: float = 30.0, workers: int = 2, echo=None
) -> None:
    """Run the server until interrupted."""
    import uvicorn

    from .app import create_app

    echo = echo or (lambda *a, **k: print(*a, **k, flush=True))
    if not 0 < port < 65536:
        raise KgError(f"--port must be between 1 and 65535, got {port}")
    if timeout <= 0:
        raise KgError(f"--timeout must be more than 0 seconds, got {timeout:g}")
    _check_port(host, port)
    loopback = is_loopback(host)
    if not loopback:
        echo(
            f"warning: listening on {host}, not 127.0.0.1: anyone who can reach this machine can read the store "
            "(kg serve has no login)",
            file=sys.stderr,
        )
    state = make_state(location, timeout=timeout, workers=workers)
    try:
        app = create_app(state, allowed_hosts=LOOPBACK_HOSTS if loopback else None)
        shown = f"[{host}]" if ":" in host else host
        cat = state.catalogues.get()
        ready = (
            f"kg serve: {location} ({cat.counts.get('Article', 0)} articles) at http://{shown}:{port}/ "
            f"(SPARQL endpoint http://{shown}:{port}/sparql; Ctrl-C to stop)"
        )
        config = uvicorn.Config(
            app,
            host=host.strip("[]"),
            port=port,
            log_level="warning",
            access_log=False,
            server_header=False,
            lifespan="off",
        )
        _Server(config, lambda: echo(ready)).run()
    finally:
        state.pool.close()
        state.source.close()


__all__ = ["serve", "make_state", "is_loopback"]

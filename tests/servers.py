"""Finding the oxigraph server binary and a free loopback port, for tests that
start a real SPARQL server on 127.0.0.1."""

from __future__ import annotations

import shutil
import socket
import sys
from pathlib import Path


def oxigraph_exe() -> str | None:
    """The `oxigraph` CLI from the PyPI package, on PATH or beside this Python."""
    beside = Path(sys.executable).parent / "oxigraph"
    return shutil.which("oxigraph") or (str(beside) if beside.exists() else None)


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]

"""Writing export files: directories created, written beside the target and
renamed, so a failed export never leaves a truncated file where a good one was."""

from __future__ import annotations

from contextlib import contextmanager, suppress
from pathlib import Path

from ..errors import KgError


@contextmanager
def atomic_path(path: Path):
    """Yield a temporary path beside ``path``; on success it replaces ``path``."""
    tmp = path.with_name(f".{path.name}.tmp")
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        yield tmp
        tmp.replace(path)
    except OSError as exc:
        with suppress(OSError):
            tmp.unlink(missing_ok=True)
        raise KgError(f"cannot write {path}: {exc.strerror or exc}") from None


def write_text(path: Path, text: str) -> Path:
    with atomic_path(path) as tmp:
        tmp.write_text(text, encoding="utf-8")
    return path

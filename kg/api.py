"""Python API: what each CLI command calls."""

from __future__ import annotations

from typing import Iterator

from .errors import KgError
from .reading import Source, read_article
from pathlib import Path


def extract_file(path: str) -> dict:
    """Extractor output for one file (see docs/extractor-contract.md), plus 'source'."""
    from .extract import extract_doc
    from .nlp import load_nlp

    src = Source("-", None) if path == "-" else Source(path, Path(path))
    if src.path is not None and not src.path.is_file():
        raise KgError(f"no such file: {path}")
    article = read_article(src)
    try:
        rec = extract_doc(load_nlp()(article.text), article)
    except Exception as exc:  # noqa: BLE001 - one bad article is reported, not a traceback
        raise KgError(f"{path}: extraction failed: {type(exc).__name__}: {exc}") from None
    return {"source": path, **rec}


def extract_files(paths: list[str]) -> Iterator[dict]:
    for p in paths:
        try:
            yield extract_file(p)
        except KgError as exc:
            yield {"source": p, "error": str(exc)}

"""Python API: what each CLI command calls."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Iterator

from .errors import KgError
from .reading import MAX_BYTES, Source, expand, read_article


def extract_file(path: str, *, max_bytes: int = MAX_BYTES) -> dict:
    """Extractor output for one file (see docs/extractor-contract.md), plus 'source'."""
    from .nlp import load_nlp
    from .windows import extract_article

    src = Source("-", None) if path == "-" else Source(path, Path(path))
    if src.path is not None and not src.path.is_file():
        raise KgError(f"no such file: {path}")
    article = read_article(src, max_bytes=max_bytes)
    try:
        rec = extract_article(article, load_nlp())
    except Exception as exc:  # noqa: BLE001 - one bad article is reported, not a traceback
        raise KgError(f"{path}: extraction failed: {type(exc).__name__}: {exc}") from None
    return {"source": path, **rec}


def extract_files(paths: list[str], *, max_bytes: int = MAX_BYTES) -> Iterator[dict]:
    """Extractor output for files, directories (their articles, recursively) or
    '-'; a path that cannot be read or extracted gives {"source", "error"}."""
    sources, bad = expand(paths)
    for label, msg in bad:
        yield {"source": label, "error": msg}
    for src in sources:
        try:
            yield extract_file(src.label, max_bytes=max_bytes)
        except KgError as exc:
            yield {"source": src.label, "error": str(exc)}


def record_json(rec: dict, *, indent: int | None = None) -> Iterator[str]:
    """``json.dumps(rec, ensure_ascii=False, indent=indent)`` in pieces.

    A long article's statements (kg.windows.StatementList) are written one by
    one as they decode, never all in memory; for everything else this is
    exactly json.dumps.
    """
    stmts = rec.get("statements")
    if isinstance(stmts, list) or stmts is None or not len(stmts):
        yield json.dumps(
            {**rec, "statements": list(stmts or [])} if stmts is not None else rec, ensure_ascii=False, indent=indent
        )
        return
    marker = "\u0000kg-statements\u0000"
    head, tail = json.dumps({**rec, "statements": [marker]}, ensure_ascii=False, indent=indent).split(
        json.dumps(marker), 1
    )
    if indent is None:
        sep, pad = ", ", ""
    else:
        # head ends with the list's opening and the first item's indentation
        pad = head[len(head.rstrip(" ")) :]
        sep = ",\n" + pad
    yield head
    for k, item in enumerate(stmts.json_items()):
        text = (
            item
            if indent is None
            else json.dumps(json.loads(item), ensure_ascii=False, indent=indent).replace("\n", "\n" + pad)
        )
        yield (sep if k else "") + text
    yield tail

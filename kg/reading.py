"""Turning a file (or stdin) into an ArticleText, with clear errors for input
that is not an article: binary, empty, too large, undecodable."""

from __future__ import annotations

import json
import re
import sys
from dataclasses import dataclass
from pathlib import Path

from .cleaning import ArticleText, clean_html, clean_text
from .errors import KgError

SUFFIXES = {".txt": "text", ".md": "text", ".markdown": "text", ".html": "html", ".htm": "html"}
MAX_BYTES = 10 * 1024 * 1024  # ~1.6M words: 8+ minutes of parsing; larger is almost surely not one article


# Documentation files that live beside articles in a folder are not articles.
_NOT_ARTICLES = re.compile(r"^(readme|license|licence|changelog|contributing)\b", re.I)


@dataclass(frozen=True)
class Source:
    label: str  # the path as given (or '-' for stdin)
    path: Path | None


def expand(paths: list[str]) -> tuple[list[Source], list[tuple[str, str]]]:
    """Files to read, in a stable order, and (path, error) for bad arguments."""
    out: list[Source] = []
    errors: list[tuple[str, str]] = []
    for given in paths:
        if given == "-":
            out.append(Source("-", None))
            continue
        p = Path(given)
        if p.is_dir():
            found = sorted(
                f for f in p.rglob("*") if f.is_file() and f.suffix.lower() in SUFFIXES and not f.name.startswith(".") and not _NOT_ARTICLES.match(f.name)
            )
            if not found:
                errors.append((given, f"no .txt, .md or .html files in directory {given}"))
            out.extend(Source(str(f), f) for f in found)
        elif p.is_file():
            out.append(Source(given, p))
        elif p.exists():
            errors.append((given, f"not a regular file: {given}"))
        else:
            errors.append((given, f"no such file or directory: {given}"))
    return out, errors


def decode(data: bytes, label: str) -> str:
    if not data.strip():
        raise KgError(f"{label}: empty file")
    head = data[:8192]
    if b"\x00" in head and not (head.startswith((b"\xff\xfe", b"\xfe\xff"))):
        raise KgError(f"{label}: binary file, not text")
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError:
        pass
    from charset_normalizer import from_bytes

    best = from_bytes(data).best()
    if best is None or best.chaos > 0.2:
        raise KgError(f"{label}: not UTF-8 and its encoding could not be detected; convert it to UTF-8")
    return str(best)


def _sidecar(path: Path) -> dict:
    meta_path = path.with_name(path.stem + ".meta.json")
    if not meta_path.is_file():
        return {}
    try:
        meta = json.loads(meta_path.read_text("utf-8"))
    except (OSError, ValueError) as exc:
        raise KgError(f"{meta_path}: unreadable metadata sidecar ({exc})") from None
    if not isinstance(meta, dict):
        raise KgError(f"{meta_path}: metadata sidecar must be a JSON object")
    return meta


def read_article(src: Source, *, max_bytes: int = MAX_BYTES) -> ArticleText:
    if src.path is None:
        data = sys.stdin.buffer.read(max_bytes + 1)
        kind, meta = "text", {}
    else:
        try:
            size = src.path.stat().st_size
            if size > max_bytes:
                raise KgError(
                    f"{src.label}: file too large ({size / 1e6:.1f} MB > {max_bytes / 1e6:.1f} MB limit; raise it with --max-size)"
                )
            data = src.path.read_bytes()
        except OSError as exc:
            raise KgError(f"{src.label}: cannot read ({exc.strerror or exc})") from None
        kind = SUFFIXES.get(src.path.suffix.lower(), "text")
        meta = _sidecar(src.path)
    if len(data) > max_bytes:
        raise KgError(f"{src.label}: input too large (> {max_bytes / 1e6:.1f} MB limit; raise it with --max-size)")
    text = decode(data, src.label)
    if kind == "text" and text.lstrip()[:200].lower().startswith(("<!doctype html", "<html")):
        kind = "html"
    title = meta.pop("title", None)
    try:
        if kind == "html":
            art = clean_html(text, url=meta.get("url"), meta=meta)
            return art if not title else ArticleText(art.raw, art.text, art.body, title, art.meta, art.chrome)
        return clean_text(text, title=title, meta=meta)
    except KgError as exc:
        raise KgError(f"{src.label}: {exc}") from None

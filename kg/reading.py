"""Turning a file (or stdin) into an ArticleText, with clear errors for input
that is not an article: binary, empty, too large, undecodable."""

from __future__ import annotations

import json
import re
import sys
from dataclasses import dataclass, replace
from pathlib import Path

from .cleaning import ArticleText, clean_html, clean_text
from .errors import KgError

SUFFIXES = {".txt": "text", ".md": "text", ".markdown": "text", ".html": "html", ".htm": "html"}
_MB = 1024 * 1024  # --max-size counts in these units, so messages do too
MAX_BYTES = 10 * _MB  # ~1.6M words: 8+ minutes of parsing; larger is almost surely not one article


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
                f
                for f in p.rglob("*")
                if f.is_file()
                and f.suffix.lower() in SUFFIXES
                and not f.name.startswith(".")
                and not _NOT_ARTICLES.match(f.name)
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


_BOMS = (
    (b"\xef\xbb\xbf", "utf-8-sig"),
    (b"\xff\xfe\x00\x00", "utf-32"),
    (b"\x00\x00\xfe\xff", "utf-32"),
    (b"\xff\xfe", "utf-16"),
    (b"\xfe\xff", "utf-16"),
)

# Single-byte encodings of Latin-script text. charset-normalizer cannot tell
# them apart on a short article (cp1250, cp775, cp850 ... all score alike and
# it picks one at random: "à" became "ŕ"); for English-language news the
# Windows Western code page is by far the likeliest, so it wins when the text
# is Latin script at all. Non-Latin detections (cp1251, Shift-JIS, GB18030 ...)
# are kept.
_LATIN_SINGLE_BYTE = {
    "ascii",
    "latin_1",
    "cp1250",
    "cp1252",
    "cp1254",
    "cp1257",
    "cp437",
    "cp775",
    "cp850",
    "cp852",
    "cp858",
    "cp860",
    "cp861",
    "cp863",
    "cp865",
    "iso8859_2",
    "iso8859_3",
    "iso8859_4",
    "iso8859_9",
    "iso8859_10",
    "iso8859_13",
    "iso8859_14",
    "iso8859_15",
    "iso8859_16",
    "mac_iceland",
    "mac_latin2",
    "mac_roman",
    "mac_turkish",
    "hp_roman8",
    "kz1048",
    "ptcp154",
}


# C0 controls but tab, newline and carriage return; and the two non-characters XML forbids.
_CONTROLS = {c: " " for c in [*range(0, 9), 11, 12, *range(14, 32), 0xFFFE, 0xFFFF]}


def _utf16_without_bom(head: bytes) -> str | None:
    """'utf-16-le'/'utf-16-be' when NULs sit on every other byte (ASCII-range
    text saved as UTF-16 with no byte-order mark), else None."""
    even, odd = head[0:-1:2], head[1::2]
    if len(odd) < 8:
        return None
    zeros_even, zeros_odd = even.count(0) / len(even), odd.count(0) / len(odd)
    if zeros_odd > 0.6 and zeros_even < 0.05:
        return "utf-16-le"
    if zeros_even > 0.6 and zeros_odd < 0.05:
        return "utf-16-be"
    return None


def _mostly_utf8(data: bytes) -> str | None:
    """UTF-8 with a few stray bad bytes (a pasted cp1252 quote, a truncated
    last character) is still UTF-8: keep it, bad bytes become U+FFFD. Text
    with no valid multi-byte sequence at all is some other encoding."""
    text = data.decode("utf-8", "replace")
    bad = text.count("\ufffd") - data.count(b"\xef\xbf\xbd")
    good = len(text) - len(text.encode("ascii", "ignore")) - text.count("\ufffd")  # non-ASCII, at C speed
    if 0 < bad <= good and bad * 50 <= len(text):  # at most 2% bad, fewer than the good ones
        return text
    return None


def decode(data: bytes, label: str) -> str:
    """Bytes -> text: UTF-8 (or a BOM-marked UTF-16/32), else a detected
    encoding; binary or undetectable input is a one-line KgError."""
    # Control characters (form feeds from PDF-to-text, escape sequences) are
    # not text and XML cannot carry them (a GraphML/GEXF export would break):
    # each becomes one space, so offsets into the text stay what they were.
    text = _decode(data, label).translate(_CONTROLS)
    if not text.strip():  # e.g. only a byte-order mark, or UTF-16 spaces
        raise KgError(f"{label}: empty file")
    return text


def _decode(data: bytes, label: str) -> str:
    if not data.strip():
        raise KgError(f"{label}: empty file")
    for bom, enc in _BOMS:
        if data.startswith(bom):
            try:
                return data.decode(enc)
            except UnicodeDecodeError:
                text = _mostly_utf8(data[len(bom) :]) if enc == "utf-8-sig" else None
                if text is not None:
                    return text
                raise KgError(
                    f"{label}: invalid {enc.upper()} text (byte-order mark present, content undecodable)"
                ) from None
    head = data[:8192]
    if b"\x00" in head:
        enc = _utf16_without_bom(head)
        if enc is not None:
            try:
                return data.decode(enc)
            except UnicodeDecodeError:
                pass
        raise KgError(f"{label}: binary file, not text")
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        pass
    text = _mostly_utf8(data)
    if text is not None:
        return text
    from charset_normalizer import from_bytes

    best = from_bytes(data).best()
    if best is None or best.chaos > 0.2:
        raise KgError(f"{label}: not UTF-8 and its encoding could not be detected; convert it to UTF-8")
    if best.encoding in _LATIN_SINGLE_BYTE:
        try:
            return data.decode("cp1252")
        except UnicodeDecodeError:  # one of cp1252's 5 unassigned bytes: keep the detection
            pass
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
    # Every value ends up as an RDF literal (and on export pages): text or a
    # number; null means absent. A list or object is a mistake, said as one.
    out = {}
    for key, value in meta.items():
        if value is None:
            continue
        if isinstance(value, bool) or not isinstance(value, (str, int, float)):
            raise KgError(f"{meta_path}: metadata field '{key}' must be text, got {type(value).__name__}")
        out[key] = value if isinstance(value, str) else str(value)
    return out


def read_article(src: Source, *, max_bytes: int = MAX_BYTES) -> ArticleText:
    if src.path is None:
        data = sys.stdin.buffer.read(max_bytes + 1)
        kind, meta = "text", {}
    else:
        try:
            size = src.path.stat().st_size
            if size > max_bytes:
                raise KgError(
                    f"{src.label}: file too large ({size / _MB:.1f} MB > {max_bytes / _MB:g} MB limit; raise it with --max-size)"
                )
            # Never read more than the limit (+1 byte to notice a file that
            # grew after stat): a huge file costs no memory.
            with src.path.open("rb") as fh:
                data = fh.read(max_bytes + 1)
        except OSError as exc:
            raise KgError(f"{src.label}: cannot read ({exc.strerror or exc})") from None
        kind = SUFFIXES.get(src.path.suffix.lower(), "text")
        meta = _sidecar(src.path)
    if len(data) > max_bytes:
        raise KgError(f"{src.label}: input too large (> {max_bytes / _MB:g} MB limit; raise it with --max-size)")
    text = decode(data, src.label)
    if kind == "text" and text.lstrip()[:200].lower().startswith(("<!doctype html", "<html")):
        kind = "html"
    title = meta.pop("title", None)
    try:
        if kind == "html":
            art = clean_html(text, url=meta.get("url"), meta=meta)
            return art if not title else replace(art, title=title)
        return clean_text(text, title=title, meta=meta)
    except KgError as exc:
        raise KgError(f"{src.label}: {exc}") from None

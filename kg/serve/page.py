"""What every page is made of, and the same page as HTML, JSON or CSV.

A view returns a ``Page``: a title, the template and its context, the page's
table (columns and rows, for ``.json`` and ``.csv``) and the SPARQL that
gives that table ("SPARQL for this page"). Parameters appear in that SPARQL
as escaped RDF terms (kg.query.sparql_term), never as raw text.
"""

from __future__ import annotations

import csv
import io
import json
from dataclasses import dataclass, field
from urllib.parse import quote, urlencode

from ..errors import KgError
from ..namespace import ID
from ..query import SAFE_IRI, sparql_term

ID_BASE = str(ID)
PAGE_SIZE = 50
MAX_PAGE_SIZE = 1000


class NotFound(Exception):
    pass


class BadRequest(Exception):
    pass


@dataclass
class Table:
    columns: list[str]
    rows: list[list]  # cells: str, int, None, or a dict {"text", "href"} rendered as a link
    total: int | None = None  # rows before paging
    name: str = "rows"


@dataclass
class Page:
    title: str
    template: str
    context: dict = field(default_factory=dict)
    table: Table | None = None
    data: dict = field(default_factory=dict)  # extra fields for .json
    sparql: str | None = None
    kind: str = ""  # navigation section


def path_for(iri: str | None) -> str | None:
    """The page of a kg IRI (``kgid:person/hun-sen`` -> ``/id/person/hun-sen``), None for others."""
    if not iri or not iri.startswith(ID_BASE):
        return None
    return "/id/" + quote(iri[len(ID_BASE) :], safe="/-._~")


def iri_for(path: str) -> str:
    return ID_BASE + path


def link(text, iri: str | None) -> dict | str:
    href = path_for(iri)
    return {"text": text or "", "href": href, "iri": iri} if href else (text or "")


def cell_text(cell) -> str:
    if cell is None:
        return ""
    if isinstance(cell, dict):
        return str(cell.get("text", ""))
    return str(cell)


def table_json(page: Page) -> dict:
    out = {"title": page.title, **page.data}
    if page.table is not None:
        t = page.table
        out["columns"] = t.columns
        out[t.name] = [
            {
                c: (cell if not isinstance(cell, dict) else {"text": cell.get("text"), "iri": cell.get("iri")})
                for c, cell in zip(t.columns, row)
            }
            for row in t.rows
        ]
        if t.total is not None:
            out["total"] = t.total
    if page.sparql:
        out["sparql"] = page.sparql
    return out


def to_json(page: Page) -> str:
    return json.dumps(table_json(page), ensure_ascii=False, indent=1)


def to_csv(page: Page) -> str:
    if page.table is None:
        raise NotFound("this page has no table: ask for .json")
    buf = io.StringIO()
    w = csv.writer(buf, lineterminator="\n")
    w.writerow(page.table.columns)
    for row in page.table.rows:
        w.writerow([_csv_cell(c) for c in row])
    return buf.getvalue()


def _csv_cell(cell) -> str:
    text = cell_text(cell)
    # Spreadsheets run a cell that starts with = + - @ as a formula: article
    # text must stay text (CSV injection).
    if text[:1] in ("=", "+", "-", "@", "\t", "\r"):
        return "'" + text
    return text


def term(value) -> str:
    """A parameter as SPARQL text (for "SPARQL for this page" only): an escaped RDF term."""
    try:
        return sparql_term(value)
    except KgError as exc:
        raise BadRequest(str(exc)) from None


def values_clause(var: str, iris) -> str:
    """VALUES ?var { <iri> ... } for IRIs read from the store (checked, never user text)."""
    parts = []
    for iri in iris:
        if not SAFE_IRI.match(iri):
            raise BadRequest(f"not a valid IRI: {iri!r}")
        parts.append(f"<{iri}>")
    return f"VALUES ?{var} {{ {' '.join(parts)} }}"


def page_window(params, total: int) -> tuple[int, int]:
    """(offset, size) from ?page=N&size=M (1-based page)."""
    try:
        size = min(max(int(params.get("size", PAGE_SIZE)), 1), MAX_PAGE_SIZE)
        page = max(int(params.get("page", 1)), 1)
    except ValueError:
        raise BadRequest("page and size must be whole numbers") from None
    return (page - 1) * size, size


def pager(params: dict, total: int, offset: int, size: int, path: str) -> dict:
    """Links for a paged table: first/prev/next/last with the other parameters kept."""
    page = offset // size + 1
    last = max((total + size - 1) // size, 1)

    def url(p):
        q = {k: v for k, v in params.items() if v not in (None, "") and k != "page"}
        if p > 1:
            q["page"] = p
        return path + ("?" + urlencode(q) if q else "")

    return {
        "page": page,
        "last": last,
        "total": total,
        "size": size,
        "first_row": offset + 1 if total else 0,
        "last_row": min(offset + size, total),
        "prev": url(page - 1) if page > 1 else None,
        "next": url(page + 1) if page < last else None,
        "first": url(1) if page > 1 else None,
        "last_url": url(last) if page < last else None,
    }


def with_format(path: str, ext: str, query: str = "") -> str:
    """``/id/person/x`` -> ``/id/person/x.json`` (``/`` -> ``/index.json``), query string kept."""
    base = "/index" if path in ("", "/") else path.rstrip("/")
    return f"{base}.{ext}" + (f"?{query}" if query else "")

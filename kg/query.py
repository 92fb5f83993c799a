"""SPARQL over the store: ad-hoc and named queries, parameters bound as RDF
terms (never pasted into query text), results as table, CSV, TSV or the
standard SPARQL 1.1 JSON results format."""

from __future__ import annotations

import csv
import difflib
import io
import json
import re
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources

from rdflib import Literal, URIRef
from rdflib.query import Result

from .errors import KgError
from .namespace import sparql_prefixes
from .store import Store

FORMATS = ("table", "csv", "tsv", "json")
_UPDATE_WORDS = {"INSERT", "DELETE", "LOAD", "CLEAR", "DROP", "CREATE", "ADD", "MOVE", "COPY", "WITH"}
_QUERY_WORDS = {"SELECT", "ASK", "CONSTRUCT", "DESCRIBE"}
_PROLOGUE = re.compile(r"^\s*(?:(?:#[^\n]*\n)|(?:PREFIX\s+[\w.-]*:\s*<[^>]*>)|(?:BASE\s*<[^>]*>)|\s+)*", re.I)


@dataclass(frozen=True)
class Param:
    name: str
    type: str  # literal | iri | integer
    help: str


@dataclass(frozen=True)
class NamedQuery:
    name: str
    description: str
    params: tuple[Param, ...]
    text: str


@lru_cache(maxsize=None)
def named_queries() -> dict[str, NamedQuery]:
    out = {}
    for f in sorted(resources.files("kg.queries").iterdir(), key=lambda f: f.name):
        if not f.name.endswith(".rq"):
            continue
        text = f.read_text("utf-8")
        name, desc, params = f.name[:-3], "", []
        for line in text.splitlines():
            if not line.startswith("#"):
                break
            key, _, val = line[1:].strip().partition(":")
            if key == "name":
                name = val.strip()
            elif key == "description":
                desc = val.strip()
            elif key == "param":
                pname, ptype, *rest = val.split(None, 2)
                params.append(Param(pname, ptype, rest[0] if rest else ""))
        out[name] = NamedQuery(name, desc, tuple(params), text)
    return out


def get_named(name: str) -> NamedQuery:
    queries = named_queries()
    if name not in queries:
        close = difflib.get_close_matches(name, queries, n=3)
        hint = f"did you mean {', '.join(close)}? " if close else ""
        raise KgError(f"unknown named query '{name}': {hint}valid: {', '.join(queries)} (kg query --list)")
    return queries[name]


def query_kind(sparql: str) -> str:
    """'query' or 'update', from the first keyword after the prologue."""
    rest = sparql[_PROLOGUE.match(sparql).end():]
    word = re.match(r"[A-Za-z]*", rest).group(0).upper()
    if word in _QUERY_WORDS:
        return "query"
    if word in _UPDATE_WORDS:
        return "update"
    raise KgError(
        f"not a SPARQL query: expected SELECT, ASK, CONSTRUCT or DESCRIBE (or an update with --update), got '{rest[:30].strip()}'"
    )


NAMES = """
SELECT DISTINCT ?name ?label WHERE {
  GRAPH ?g { ?x a ?c ; schema:name ?name . ?x schema:name|kg:alias ?label .
             VALUES ?c { kg:Person kg:Organization kg:Account } }
}
"""


def resolve_name(store: Store, text: str) -> str:
    """A person/organisation/account name or alias, any case -> canonical name.

    Unknown names get the closest known ones in the error; an alias shared by
    two different agents is ambiguous and says so.
    """
    def key_of(s: str) -> str:
        return " ".join(s.replace("’", "'").replace("‘", "'").split()).casefold()

    labels: dict[str, set[str]] = {}
    for name, label in store.query(NAMES):
        labels.setdefault(key_of(str(label)), set()).add(str(name))
    key = key_of(text)
    found = labels.get(key)
    if not found:
        close = difflib.get_close_matches(key, labels, n=5, cutoff=0.6)
        names = list(dict.fromkeys(n for c in close for n in sorted(labels[c])))  # best match first
        hint = f"; close matches: {', '.join(names)}" if names else ""
        raise KgError(f"unknown name '{text}': no person, organisation or account is called that{hint}")
    if len(found) > 1:
        raise KgError(f"ambiguous name '{text}': it may mean {', '.join(sorted(found))}; give the full name")
    return next(iter(found))


def bind_params(nq: NamedQuery | None, raw: dict[str, str], store: Store | None = None) -> dict:
    if nq is None:
        if raw:
            raise KgError("--param only applies to named queries (kg query --list)")
        return {}
    known = {p.name: p for p in nq.params}
    for key in raw:
        if key not in known:
            valid = ", ".join(known) or "none"
            raise KgError(f"unknown parameter '{key}' for query '{nq.name}': valid parameters: {valid}")
    missing = [p.name for p in nq.params if p.name not in raw]
    if missing:
        raise KgError(f"query '{nq.name}' needs --param {missing[0]}=VALUE ({known[missing[0]].help})")
    out = {}
    for key, value in raw.items():
        ptype = known[key].type
        if ptype == "name":
            out[key] = Literal(resolve_name(store, value))
        elif ptype == "iri":
            out[key] = URIRef(value)
        elif ptype == "integer":
            try:
                out[key] = Literal(int(value))
            except ValueError:
                raise KgError(f"parameter '{key}' must be an integer, got '{value}'") from None
        else:
            out[key] = Literal(value)
    return out


def run_query(
    store: Store,
    sparql: str | None = None,
    *,
    name: str | None = None,
    params: dict[str, str] | None = None,
    allow_update: bool = False,
) -> Result | None:
    """Run a SELECT/ASK/CONSTRUCT/DESCRIBE (or, with allow_update, an update)."""
    nq = get_named(name) if name else None
    text = nq.text if nq else (sparql or "")
    if not text.strip():
        raise KgError("empty query")
    bindings = bind_params(nq, params or {}, store)
    kind = query_kind(text)
    if kind == "update":
        if not allow_update:
            raise KgError("this is a SPARQL update; kg query is read-only unless you pass --update")
        store.update(text)
        return None
    return store.query(text, bindings)


# -- formatting ----------------------------------------------------------------

def _cell(v) -> str:
    return "" if v is None else str(v)


def rows(result: Result) -> tuple[list[str], list[list[str]]]:
    names = [str(v) for v in result.vars]
    return names, [[_cell(row[i]) for i in range(len(names))] for row in result]


def format_result(result: Result, fmt: str = "table") -> str:
    if fmt not in FORMATS:
        raise KgError(f"unknown format '{fmt}': valid: {', '.join(FORMATS)}")
    if result.type == "CONSTRUCT" or result.type == "DESCRIBE":
        return result.graph.serialize(format="turtle")
    if result.type == "ASK":
        if fmt == "json":
            return json.dumps({"head": {}, "boolean": bool(result.askAnswer)})
        return "true" if result.askAnswer else "false"
    if fmt == "json":
        return result.serialize(format="json").decode("utf-8")
    names, data = rows(result)
    if fmt in ("csv", "tsv"):
        buf = io.StringIO()
        w = csv.writer(buf, delimiter="," if fmt == "csv" else "\t", lineterminator="\n")
        w.writerow(names)
        w.writerows(data)
        return buf.getvalue().rstrip("\n")
    return render_table(names, data)


def render_table(names: list[str], data: list[list[str]], title: str | None = None) -> str:
    from rich.console import Console
    from rich.table import Table

    table = Table(title=title, show_lines=True)
    for n in names:
        table.add_column(n, overflow="fold")
    for r in data:
        table.add_row(*r)
    console = Console(file=io.StringIO(), width=200, force_terminal=False, color_system=None)
    console.print(table)
    return console.file.getvalue().rstrip("\n") + f"\n({len(data)} row{'s' if len(data) != 1 else ''})"


def prefixes_help() -> str:
    return sparql_prefixes()

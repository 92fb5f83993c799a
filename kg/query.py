"""SPARQL over the store: ad-hoc and named queries, parameters bound as
escaped RDF terms where the query marks them (never raw text), results as
table, CSV, TSV or the standard SPARQL 1.1 JSON results format."""

from __future__ import annotations

import csv
import difflib
import io
import json
import os
import pickle
import re
import select
import signal
import time
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from typing import Callable

from rdflib import Literal, URIRef
from rdflib.query import Result

from .errors import KgError
from .graph import nt_term
from .namespace import sparql_prefixes
from .store import Store

FORMATS = ("table", "csv", "tsv", "json", "turtle", "nt")
# Which formats fit which kind of answer (table: Turtle for a graph, true/false for ASK).
FITTING = {
    "SELECT": ("table", "csv", "tsv", "json"),
    "ASK": ("table", "json"),
    "CONSTRUCT": ("table", "turtle", "nt", "json"),
}
_WHAT = {
    "SELECT": "a SELECT result (a table)",
    "ASK": "an ASK result (true or false)",
    "CONSTRUCT": "a CONSTRUCT result (a graph)",
    "DESCRIBE": "a DESCRIBE result (a graph)",
}
_USE = {
    "SELECT": "table, csv, tsv or json",
    "ASK": "table or json",
    "CONSTRUCT": "table or turtle (Turtle), nt (N-Triples) or json (JSON-LD)",
}
_SELECT_STAR = re.compile(r"^\s*SELECT\s+(?:DISTINCT\s+|REDUCED\s+)?\*", re.I)
_UPDATE_WORDS = {"INSERT", "DELETE", "LOAD", "CLEAR", "DROP", "CREATE", "ADD", "MOVE", "COPY", "WITH"}
_QUERY_WORDS = {"SELECT", "ASK", "CONSTRUCT", "DESCRIBE"}
_PROLOGUE = re.compile(r"^\s*(?:(?:#[^\n]*\n)|(?:PREFIX\s+[\w.-]*:\s*<[^>]*>)|(?:BASE\s*<[^>]*>)|\s+)*", re.I)
# An IRI that can stand between < and > in SPARQL text (no quoting can break out of it).
SAFE_IRI = re.compile(r"^[^\s<>\"{}|\\^`\x00-\x20]+$")


# Where a named query binds a parameter: ``VALUES ?person { UNDEF }`` (valid
# SPARQL on its own, meaning "any value"). Binding writes the value's escaped
# term there, inside the group that uses it. Oxigraph joins ``substitutions``
# and a trailing VALUES only after evaluating the group over the whole store:
# denials-by took 850 ms that way at 1M triples, 20 ms bound in place.
def _anchor(name: str) -> re.Pattern:
    return re.compile(r"VALUES\s+\?" + re.escape(name) + r"\s*\{\s*UNDEF\s*\}")


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
        if f.name.endswith(".rq"):
            nq = parse_named(f.name[:-3], f.read_text("utf-8"))
            out[nq.name] = nq
    return out


def parse_named(name: str, text: str) -> NamedQuery:
    """A named query from its ``.rq`` text: ``# name:``, ``# description:``
    and ``# param: NAME TYPE HELP`` comment lines, then the query, which
    anchors every parameter with one ``VALUES ?NAME { UNDEF }``."""
    desc, params = "", []
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
    for p in params:
        if len(_anchor(p.name).findall(text)) != 1:
            raise KgError(f"named query '{name}': parameter {p.name} needs one 'VALUES ?{p.name} {{ UNDEF }}'")
    return NamedQuery(name, desc, tuple(params), text)


def sparql_term(node) -> str:
    """An rdflib term as SPARQL text: an escaped literal or a checked IRI."""
    if isinstance(node, URIRef):
        if not SAFE_IRI.match(str(node)):
            raise KgError(f"not a valid IRI: {str(node)!r}")
        return f"<{node}>"
    return nt_term(node if isinstance(node, Literal) else Literal(str(node)))


def place_params(nq: NamedQuery, terms: dict) -> str:
    """The named query's text with each parameter's term written where the
    query anchors it (``VALUES ?name { UNDEF }``)."""
    text = nq.text
    for p in nq.params:
        value = f"VALUES ?{p.name} {{ {sparql_term(terms[p.name])} }}"
        text = _anchor(p.name).sub(lambda _m, v=value: v, text)
    return text


def get_named(name: str) -> NamedQuery:
    queries = named_queries()
    if name not in queries:
        close = difflib.get_close_matches(name, queries, n=3)
        hint = f"did you mean {', '.join(close)}? " if close else ""
        raise KgError(f"unknown named query '{name}': {hint}valid: {', '.join(queries)} (kg query --list)")
    return queries[name]


def query_kind(sparql: str) -> str:
    """'query' or 'update', from the first keyword after the prologue."""
    rest = sparql[_PROLOGUE.match(sparql).end() :]
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
    from .claims import claim_iri

    return {
        key: param_term(known[key], value, name=lambda v: resolve_name(store, v), claim=lambda v: claim_iri(store, v))
        for key, value in raw.items()
    }


def param_term(p: Param, value: str, *, name: Callable[[str], str], claim: Callable[[str], str]):
    """One parameter's value as an RDF term, by its declared type; ``name``
    and ``claim`` resolve a name or alias and a claim id (from the store, or
    from a server's catalogue)."""
    if p.type == "name":
        return Literal(name(value))
    if p.type == "claim":
        return URIRef(claim(value))
    if p.type == "iri":
        if not SAFE_IRI.match(value):
            raise KgError(f"parameter '{p.name}' must be an IRI, got '{value}'")
        return URIRef(value)
    if p.type == "integer":
        try:
            return Literal(int(value))
        except ValueError:
            raise KgError(f"parameter '{p.name}' must be an integer, got '{value}'") from None
    return Literal(value)


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
    if nq is not None:
        text = place_params(nq, bindings)
    kind = query_kind(text)
    if kind == "update":
        if not allow_update:
            raise KgError("this is a SPARQL update; kg query is read-only unless you pass --update")
        store.update(text)
        return None
    result = store.query(text)
    if result.type == "SELECT" and _SELECT_STAR.match(text[_PROLOGUE.match(text).end() :]):
        # Bindings first: oxrdflib pairs values with ``result.vars`` lazily.
        result.bindings = list(result.bindings)
        result.vars = in_query_order(result.vars, text)
    return result


def in_query_order(variables, text: str) -> list:
    """``SELECT *`` columns in the order the variables first appear in the
    query (the engines sort them by name)."""
    first: dict[str, int] = {}
    for m in re.finditer(r"[?$]([A-Za-z0-9_\u00B7\u00C0-\uFFFF]+)", text):
        first.setdefault(m.group(1), m.start())
    return sorted(variables, key=lambda v: first.get(str(v), len(text)))


# -- time limit ----------------------------------------------------------------


def run_with_timeout(fn: Callable[[], str], timeout: float | None) -> str:
    """``fn()`` (open the store, run the query, format the answer) under a
    wall-clock limit.

    Neither pyoxigraph nor rdflib can stop a running query, and a Python
    thread cannot be killed; a process can. So the work runs in a forked
    child that sends back its output (or its KgError) through a pipe, and is
    killed with SIGKILL at the deadline. The child opens the store itself, so
    no RocksDB handle or thread crosses the fork. Without a limit nothing is
    forked: a normal query costs nothing extra. An update killed this way is
    not applied (Oxigraph runs it as one transaction).
    """
    if timeout is None:
        return fn()
    if timeout <= 0:
        raise KgError(f"--timeout must be more than 0 seconds, got {timeout:g}")
    if not hasattr(os, "fork"):
        raise KgError("--timeout needs os.fork (Linux, macOS); run the query without it")
    r, w = os.pipe()
    pid = os.fork()
    if pid == 0:  # the child: never returns into the caller's code
        status = 0
        try:
            os.close(r)
            try:
                payload = ("ok", fn(), 0)
            except KgError as exc:
                payload = ("error", str(exc), exc.exit_code)
            except BaseException as exc:  # noqa: BLE001 - reported by the parent as one line
                payload = ("crash", f"{type(exc).__name__}: {' '.join(str(exc).split())[:200]}", 70)
            data = pickle.dumps(payload)
            view = memoryview(data)
            while view:
                view = view[os.write(w, view) :]
        except BaseException:  # noqa: BLE001 - the parent sees no payload and says so
            status = 1
        finally:
            os._exit(status)  # no atexit handlers, no flushing of the parent's buffers
    os.close(w)
    deadline = time.monotonic() + timeout
    chunks: list[bytes] = []
    finished = False
    try:
        while True:
            left = deadline - time.monotonic()
            if left <= 0:
                break
            ready, _, _ = select.select([r], [], [], left)
            if ready:
                chunk = os.read(r, 1 << 16)
                if not chunk:
                    finished = True
                    break
                chunks.append(chunk)
    finally:
        os.close(r)
        if not finished:  # deadline, Ctrl-C or any error here: the child must not outlive us
            try:
                os.kill(pid, signal.SIGKILL)
            except ProcessLookupError:
                pass
        _, wstatus = os.waitpid(pid, 0)
    if not finished:
        raise KgError(f"query timed out after {timeout:g} s")
    try:
        kind, text, code = pickle.loads(b"".join(chunks))
    except Exception:  # noqa: BLE001 - killed from outside (OOM killer) or crashed in native code
        sig = os.WTERMSIG(wstatus) if os.WIFSIGNALED(wstatus) else None
        raise KgError(f"query process died{f' (signal {sig})' if sig else ''} before answering") from None
    if kind == "ok":
        return text
    err = KgError(
        f"internal error: {text} (run without --timeout and with KG_DEBUG=1 for details)" if kind == "crash" else text
    )
    err.exit_code = code
    raise err


# -- formatting ----------------------------------------------------------------


def _cell(v) -> str:
    return "" if v is None else str(v)


def rows(result: Result) -> tuple[list[str], list[list[str]]]:
    names = [str(v) for v in result.vars]
    return names, [[_cell(row[i]) for i in range(len(names))] for row in result]


def format_result(result: Result, fmt: str = "table") -> str:
    if fmt not in FORMATS:
        raise KgError(f"unknown format '{fmt}': valid: {', '.join(FORMATS)}")
    kind = "CONSTRUCT" if result.type == "DESCRIBE" else result.type
    if fmt not in FITTING[kind]:
        raise KgError(f"--format {fmt} does not fit {_WHAT[result.type]}: use {_USE[kind]}")
    if kind == "CONSTRUCT":
        return _graph_text(result.graph, fmt)
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


def terminal_width() -> int:
    """Columns to draw tables in: $COLUMNS, else the terminal's width; output
    that goes to a file or a pipe (no terminal) gets 200 so rows stay whole."""
    import shutil

    return max(shutil.get_terminal_size(fallback=(200, 24)).columns, 40)


def _graph_text(graph, fmt: str) -> str:
    """A CONSTRUCT/DESCRIBE graph as Turtle, N-Triples or JSON-LD (with the project prefixes)."""
    from rdflib import Graph
    from rdflib.namespace import XSD

    from .namespace import PREFIXES

    # Plain literals come back from the engine typed xsd:string; in RDF 1.1
    # they are the same term, written without the type.
    g = Graph()
    for p, ns in PREFIXES.items():
        g.bind(p, ns)
    for s_, p_, o in graph:
        if isinstance(o, Literal) and o.datatype == XSD.string:
            o = Literal(str(o))
        g.add((s_, p_, o))
    if fmt == "nt":
        return "".join(sorted(g.serialize(format="nt").splitlines(keepends=True))).rstrip("\n")
    if fmt == "json":
        return g.serialize(format="json-ld", context=dict(PREFIXES), indent=1, sort_keys=True)
    return g.serialize(format="turtle").rstrip("\n")


def render_table(names: list[str], data: list[list[str]], title: str | None = None) -> str:
    from rich.console import Console
    from rich.table import Table

    table = Table(title=title, show_lines=True)
    for n in names:
        table.add_column(n, overflow="fold")
    for r in data:
        table.add_row(*r)
    console = Console(file=io.StringIO(), width=terminal_width(), force_terminal=False, color_system=None)
    console.print(table)
    return console.file.getvalue().rstrip("\n") + f"\n({len(data)} row{'s' if len(data) != 1 else ''})"


def prefixes_help() -> str:
    return sparql_prefixes()

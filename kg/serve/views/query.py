"""The query page: an editor, the named queries (kg/queries/*.rq) as
examples with their parameters as form fields, the results as a table with
links into the other pages, and downloads. Queries run in the worker pool,
under the same time limit as /sparql."""

from __future__ import annotations

import difflib
import json
from urllib.parse import urlencode


from ...claims import CLAIM_BASE, CLAIM_ID, CLAIMS_GRAPH, one_claim
from ...errors import KgError
from ...query import SAFE_IRI, NamedQuery, named_queries, param_term, place_params
from ..catalogue import Catalogue, key
from ..page import BadRequest, Page, Table, link
from ..pool import QueryPool
from ..protocol import ProtocolError, keyword
from ..worker import RESULT_TYPES, Job

SHOW_ROWS = 1000
SHOW_GRAPH_CHARS = 200_000
DOWNLOADS = ("csv", "tsv", "json", "xml")
EXAMPLE = """# Who denied what, newest first (the prefixes kg:, schema:, oa: ... are predeclared)
SELECT ?denier ?denied ?article WHERE {
  GRAPH ?g {
    ?d a kg:Denial ; kg:contentText ?denied .
    OPTIONAL { ?d kg:speaker/schema:name ?denier }
    ?g schema:headline ?article .
  }
}
LIMIT 100
"""


def resolve(cat: Catalogue, value: str) -> str:
    """A name or alias (any case) -> the canonical name, as ``kg query`` resolves parameters."""
    found = cat.by_label.get(key(value))
    if not found:
        close = difflib.get_close_matches(key(value), list(cat.by_label), n=5, cutoff=0.6)
        names = list(dict.fromkeys(cat.agents[i].name for c in close for i in sorted(cat.by_label[c])))
        hint = f"; close matches: {', '.join(names)}" if names else ""
        raise BadRequest(f"unknown name '{value}': no person, organisation or account is called that{hint}")
    names = sorted({cat.agents[i].name for i in found})
    if len(names) > 1:
        raise BadRequest(f"ambiguous name '{value}': it may mean {', '.join(names)}; give the full name")
    return names[0]


def claim(pool: QueryPool, value: str) -> str:
    """A claim given as its IRI or id (6+ leading characters of it), as ``kg query`` takes it."""
    if value.startswith(CLAIM_BASE) and SAFE_IRI.match(value):
        prefix = value
    elif CLAIM_ID.fullmatch(value):
        prefix = CLAIM_BASE + value
    else:
        raise BadRequest(f"not a claim: '{value}' (give its IRI or id; the claims query lists them)")
    answer = pool.run(
        Job(f'SELECT ?c WHERE {{ GRAPH <{CLAIMS_GRAPH}> {{ ?c a kg:Claim FILTER(STRSTARTS(STR(?c), "{prefix}")) }} }}')
    )
    if answer.status != 200:
        raise BadRequest(answer.body.decode("utf-8", "replace"))
    return one_claim(value, [b["c"]["value"] for b in json.loads(answer.body)["results"]["bindings"]])


def bindings(cat: Catalogue, pool: QueryPool, nq: NamedQuery, params: dict) -> dict:
    """The named query's parameters as RDF terms (names resolved through the catalogue)."""
    out = {}
    for p in nq.params:
        value = (params.get(p.name) or "").strip()
        if not value:
            raise BadRequest(f"query '{nq.name}' needs the parameter {p.name} ({p.help})")
        try:
            out[p.name] = param_term(p, value, name=lambda v: resolve(cat, v), claim=lambda v: claim(pool, v))
        except KgError as exc:
            raise BadRequest(str(exc)) from None
    return out


def make_job(
    cat: Catalogue, pool: QueryPool, params: dict, fmt: str = "json"
) -> tuple[Job | None, NamedQuery | None, dict]:
    """The query to run (None: no query given), the named query it is, and its bound parameters."""
    name = (params.get("name") or "").strip()
    nq, bound = None, {}
    if name:
        nq = named_queries().get(name)
        if nq is None:
            raise BadRequest(f"unknown named query '{name}': valid: {', '.join(named_queries())}")
        bound = bindings(cat, pool, nq, params)
        text = place_params(nq, bound)
    else:
        text = params.get("query") or ""
    shown = {k: str(v) for k, v in bound.items()}
    if not text.strip():
        return None, nq, shown
    word = keyword(text)
    if word in ("INSERT", "DELETE", "LOAD", "CLEAR", "DROP", "CREATE", "ADD", "MOVE", "COPY", "WITH"):
        raise BadRequest("SPARQL updates are refused: the server is read-only")
    job = Job(text)
    if RESULT_TYPES.get(fmt, ("", ""))[1] == "graph":
        job.graph_format = fmt
    else:
        job.solutions_format = fmt if fmt in RESULT_TYPES else "json"
    return job, nq, shown


def _cell(b: dict | None):
    if b is None:
        return None
    if b.get("type") == "uri":
        return link(b["value"], b["value"]) if b["value"] else b["value"]
    return b.get("value", "")


def result_view(answer) -> dict:
    """What the page shows of an answer: a table (SELECT), true/false (ASK) or RDF text (CONSTRUCT)."""
    if answer.form == "graph":
        text = answer.body.decode("utf-8", "replace")
        return {"form": "graph", "text": text[:SHOW_GRAPH_CHARS], "truncated": len(text) > SHOW_GRAPH_CHARS}
    data = json.loads(answer.body)
    if "boolean" in data:
        return {"form": "boolean", "value": bool(data["boolean"])}
    names = data["head"].get("vars", [])
    bindings_ = data["results"]["bindings"]
    rows = [[_cell(b.get(v)) for v in names] for b in bindings_[:SHOW_ROWS]]
    return {
        "form": "solutions",
        "table": Table(names, rows, total=len(bindings_)),
        "truncated": len(bindings_) > SHOW_ROWS,
    }


def query_page(cat: Catalogue, pool: QueryPool, params: dict) -> Page:
    catalogue = [
        {
            "name": nq.name,
            "description": nq.description,
            "text": nq.text,
            "params": [
                {
                    "name": p.name,
                    "type": p.type,
                    "help": p.help,
                    "value": params.get(p.name, "") if params.get("name") == nq.name else "",
                }
                for p in nq.params
            ],
        }
        for nq in named_queries().values()
    ]
    error, result, job, nq, bound = "", None, None, None, {}
    try:
        job, nq, bound = make_job(cat, pool, params)
        if job is not None:
            answer = pool.run(job)
            if answer.status != 200:
                error = answer.body.decode("utf-8", "replace")
            else:
                result = result_view(answer)
    except (BadRequest, ProtocolError, KgError) as exc:
        error = str(exc)
    text = nq.text if nq else (params.get("query") or "")
    base = {"name": nq.name, **{p.name: params.get(p.name, "") for p in nq.params}} if nq else {"query": text}
    downloads = [(f, "/query?" + urlencode({**base, "format": f})) for f in DOWNLOADS] if job and not error else []
    if result and result["form"] == "graph":
        downloads = [(f, "/query?" + urlencode({**base, "format": f})) for f in ("turtle", "ntriples", "jsonld")]
    return Page(
        "Query",
        "query.html",
        context={
            "text": text or EXAMPLE,
            "named": catalogue,
            "selected": nq.name if nq else "",
            "error": error,
            "result": result,
            "downloads": downloads,
            "bound": bound,
            "timeout": pool.timeout,
        },
        table=result["table"] if result and result["form"] == "solutions" else None,
        data={
            "query": text,
            "error": error,
            "bindings": bound,
        },
        kind="query",
    )


def download(cat: Catalogue, pool: QueryPool, params: dict, fmt: str):
    """The raw answer of the query page's query in ``fmt`` (csv, tsv, json, xml, turtle ...)."""
    job, _nq, _bound = make_job(cat, pool, params, fmt)
    if job is None:
        raise BadRequest("no query: give query=... or name=...")
    return pool.run(job)

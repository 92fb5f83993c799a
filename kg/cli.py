"""Command line: parses arguments, calls one library function per command,
and turns KgError into a one-line message with a non-zero exit."""

from __future__ import annotations

import json
import sys

import click

from . import __version__
from .cli_claims import claims_group, curate_group
from .cli_train import eval_attribution, train_group
from .cli_errors import fail as _fail
from .cli_errors import handle_errors
from .errors import KgError, UsageError

EPILOG_STORE = "The store is ./kg-store unless --store or KG_STORE says otherwise (a path, or http://HOST:PORT for a SPARQL server)."


class Ctx:
    def __init__(self, store: str | None, wait: float):
        self.location = store
        self.wait = wait

    def open(self, *, read_only: bool, timeout: float | None = None, create: bool = True):
        from .store import open_store

        return open_store(self.location, read_only=read_only, wait=self.wait, timeout=timeout, create=create)


@click.group(context_settings={"help_option_names": ["-h", "--help"]}, epilog=EPILOG_STORE)
@click.option(
    "--store", envvar="KG_STORE", metavar="PATH|URL", help="Store location (default ./kg-store; env KG_STORE)."
)
@click.option("--wait", type=float, default=0.0, metavar="SECONDS", help="Wait this long for another writer to finish.")
@click.version_option(__version__, prog_name="kg")
@click.pass_context
def cli(ctx, store, wait):
    """kg: a claims-and-denials knowledge graph from news articles.

    \b
    Example:
      kg ingest corpus/ && kg denials
    """
    ctx.obj = Ctx(store, wait)


def _scheduler(ctx, param, value):
    if value is None:
        return None
    from .cluster import parse_scheduler

    try:
        parse_scheduler(value)
    except KgError as exc:
        raise click.BadParameter(str(exc).removeprefix("--scheduler ")) from None
    return value


@cli.command()
@click.argument("paths", nargs=-1, required=True)
@click.option("--workers", type=click.IntRange(1, 64), default=1, show_default=True, help="Parser processes.")
@click.option(
    "--scheduler",
    callback=_scheduler,
    metavar="tcp://HOST:PORT|local:N",
    help="Parse on a Dask cluster: a running scheduler, or N local worker processes (docs/scaling.md).",
)
@click.option(
    "--send-texts",
    is_flag=True,
    help="With --scheduler: read files here and send their text (workers that do not share this filesystem).",
)
@click.option(
    "--write-from-workers",
    is_flag=True,
    help="With --scheduler and a SPARQL server store: workers write the graphs themselves.",
)
@click.option(
    "--bulk-load",
    is_flag=True,
    help="With --scheduler and an Oxigraph server: its bulk loader, faster but not atomic (docs/scaling.md).",
)
@click.option("--force", is_flag=True, help="Re-extract articles already in the store.")
@click.option(
    "--max-size", type=click.IntRange(1), default=10, show_default=True, metavar="MB", help="Largest file accepted."
)
@click.option("--quiet", "-q", is_flag=True, help="No progress bar.")
@click.option("--date", metavar="YYYY-MM-DD", help="Publication date of the articles read (over their metadata).")
@click.option(
    "--no-claims", is_flag=True, help="Do not group statements into claims now (run 'kg claims rebuild' later)."
)
@click.pass_obj
@handle_errors
def ingest(
    obj, paths, workers, scheduler, send_texts, write_from_workers, bulk_load, force, max_size, quiet, date, no_claims
):
    """Read articles (.txt, .md, .html files, directories, or - for stdin) into the store.

    \b
    Example:
      kg ingest corpus/
      cat article.txt | kg ingest --date 2016-03-14 -
      kg ingest --scheduler local:2 ~/articles/
      kg --store http://127.0.0.1:7878 ingest --scheduler tcp://10.0.0.5:8786 /shared/news/
    """
    from .ingest import ingest as run

    if scheduler and workers > 1:
        raise click.UsageError("give --workers (processes here) or --scheduler (a Dask cluster), not both")
    if (send_texts or write_from_workers or bulk_load) and not scheduler:
        raise click.UsageError("--send-texts, --write-from-workers and --bulk-load need --scheduler")
    if scheduler:
        from .cluster.progress import ClusterProgress

        bar = ClusterProgress(quiet)
    else:
        bar = _progress(quiet)
    with obj.open(read_only=False) as store, bar as progress:
        try:
            if scheduler:
                from .cluster import ingest_on_cluster

                report = ingest_on_cluster(
                    store,
                    list(paths),
                    scheduler=scheduler,
                    force=force,
                    max_bytes=max_size * 1024 * 1024,
                    send_texts=send_texts,
                    write_from_workers=write_from_workers,
                    bulk_load=bulk_load,
                    progress=progress,
                    announce=progress.say,
                    date=date,
                    claims=not no_claims,
                )
            else:
                report = run(
                    store,
                    list(paths),
                    workers=workers,
                    force=force,
                    max_bytes=max_size * 1024 * 1024,
                    progress=progress,
                    date=date,
                    claims=not no_claims,
                )
        except KgError as exc:
            # The store failed mid-batch (server gone, disk full): whole
            # articles already written stay, and they are skipped next time.
            # (Other errors, e.g. no spaCy model, happen before any write.)
            if str(exc).startswith(("lost connection to SPARQL endpoint", "writing to ")):
                exc.args = (f"{exc} (articles written before this are kept; run the same command again to finish)",)
            raise
    for _label, msg in report.failures:
        click.echo(f"failed: {msg}", err=True)
    click.echo(report.summary())
    if not report.ok:
        sys.exit(1)


class _progress:
    def __init__(self, quiet: bool):
        self.quiet = quiet
        self.bar = None

    def __enter__(self):
        from rich.console import Console

        console = Console(stderr=True)
        if self.quiet or not console.is_terminal:
            return None
        from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeRemainingColumn

        self.bar = Progress(
            TextColumn("ingesting"), BarColumn(), MofNCompleteColumn(), TimeRemainingColumn(), console=console
        )
        self.bar.start()
        self.task = self.bar.add_task("ingest", total=None)

        def update(done, total):
            self.bar.update(self.task, completed=done, total=total)

        return update

    def __exit__(self, *exc):
        if self.bar:
            self.bar.stop()


@cli.command()
@click.argument("files", nargs=-1, required=True)
@click.option(
    "--format",
    "fmt",
    type=click.Choice(["json", "jsonl"]),
    default=None,
    help="json for one file, jsonl for many (default: by count).",
)
@click.option(
    "--max-size", type=click.IntRange(1), default=10, show_default=True, metavar="MB", help="Largest file accepted."
)
@handle_errors
def extract(files, fmt, max_size):
    """Print what the extractor finds in FILES (files, directories, or - for
    stdin) as JSON (no store needed). Files that cannot be read are reported
    on stderr after the others are printed; the exit status is then 1.

    \b
    Example:
      kg extract corpus/000_aeb538c21ffb816a.txt
      kg extract --format jsonl corpus/ > extractions.jsonl
    """
    from pathlib import Path

    from .api import extract_files, record_json

    many = len(files) > 1 or any(Path(f).is_dir() for f in files)
    fmt = fmt or ("jsonl" if many else "json")
    if fmt == "json" and many:
        raise KgError("--format json takes one file; use --format jsonl for several")
    failures = []
    for rec in extract_files(list(files), max_bytes=max_size * 1024 * 1024):
        if "error" in rec:
            failures.append(rec["error"])
            continue
        for chunk in record_json(rec, indent=2 if fmt == "json" else None):
            click.echo(chunk, nl=False)
        click.echo()
    for msg in failures:
        click.echo(f"failed: {msg}", err=True)
    if failures:
        sys.exit(1)


@cli.command()
@click.argument("query", required=False)
@click.option("--file", "-f", "qfile", type=click.File("rb"), help="Read the query from a file (UTF-8).")
@click.option(
    "--param",
    "-p",
    "params",
    multiple=True,
    metavar="KEY=VALUE",
    help="Parameter of a named query (bound as an RDF term).",
)
@click.option(
    "--format",
    "fmt",
    type=click.Choice(["table", "csv", "tsv", "json", "turtle", "nt"]),
    default="table",
    show_default=True,
    help="SELECT: table, csv, tsv or json (SPARQL results); CONSTRUCT/DESCRIBE: table or turtle, nt, json (JSON-LD).",
)
@click.option("--update", "allow_update", is_flag=True, help="Allow SPARQL updates (the store is read-only otherwise).")
@click.option("--list", "list_", is_flag=True, help="List the named queries and their parameters.")
@click.option(
    "--timeout", type=float, default=None, metavar="SECONDS", help="Stop the query after this long (default: no limit)."
)
@click.pass_obj
@handle_errors
def query(obj, query, qfile, params, fmt, allow_update, list_, timeout):
    """Run SPARQL (text, --file, or a named query) against the store.

    QUERY is SPARQL text or the name of a shipped query (see --list). The
    prefixes kg: kgid: schema: prov: org: foaf: sioc: oa: rdfs: rdf: xsd: skos:
    are predeclared. Each article is a named graph: match inside GRAPH ?g { }
    (on the embedded store and on any server alike), and use DISTINCT to see a
    person named in several articles once.

    \b
    Example:
      kg query who-denied-what
      kg query allegations-against --param person="Hun Sen" --format csv
      kg query 'SELECT DISTINCT ?name WHERE { GRAPH ?g { ?p a kg:Person ; schema:name ?name } } ORDER BY ?name'
      kg query --timeout 30 --file heavy.rq
    """
    from .query import format_result, get_named, named_queries, run_query, run_with_timeout

    if list_:
        for nq in named_queries().values():
            ps = " ".join(f"--param {p.name}=..." for p in nq.params)
            click.echo(f"{nq.name}{' ' + ps if ps else ''}\n    {nq.description}")
        return
    if qfile and query:
        raise KgError("give either QUERY or --file, not both")
    text, name = None, None
    if qfile:
        try:
            text = qfile.read().decode("utf-8-sig")
        except UnicodeDecodeError:
            raise UsageError(f"--file {qfile.name}: not UTF-8 text (a binary file?)") from None
    elif query is None:
        raise KgError("no query: give SPARQL text, --file F, or a named query (kg query --list)")
    elif query.strip() and " " not in query.strip() and "{" not in query:
        name = query.strip()
        get_named(name)
    else:
        text = query
    kv = {}
    for p in params:
        if "=" not in p:
            raise KgError(f"--param needs KEY=VALUE, got '{p}'")
        k, v = p.split("=", 1)
        if k.strip() in kv:
            raise UsageError(
                f"--param {k.strip()} given twice ('{kv[k.strip()]}', then '{v}'): give each parameter once"
            )
        kv[k.strip()] = v

    def answer() -> str:
        # a server must be given at least as long as --timeout allows
        with obj.open(read_only=not allow_update, timeout=timeout + 5 if timeout else None) as store:
            result = run_query(store, text, name=name, params=kv, allow_update=allow_update)
            return "update applied" if result is None else format_result(result, fmt)

    # With --timeout the work runs in a child process killed at the deadline.
    click.echo(run_with_timeout(answer, timeout))


@cli.command()
@click.option("--format", "fmt", type=click.Choice(["table", "csv", "tsv", "json"]), default="table", show_default=True)
@click.pass_obj
@handle_errors
def denials(obj, fmt):
    """Who denied what: every denial with denier, role, the denial's words, and
    the allegation it answers (claimant, target, the allegation's words).

    \b
    Example:
      kg denials
      kg denials --format csv > denials.csv
    """
    from .query import format_result, run_query

    with obj.open(read_only=True) as store:
        click.echo(format_result(run_query(store, name="who-denied-what"), fmt))


@cli.command()
@click.pass_obj
@handle_errors
def validate(obj):
    """Check the store against the SHACL shapes (exit 0 conforms, 1 violations, 2 error).

    \b
    Example:
      kg validate
    """
    from .validate import validate_store

    try:
        with obj.open(read_only=True) as store:
            report = validate_store(store)
    except KgError as exc:
        _fail(str(exc), 2)
    if report.conforms:
        click.echo("conforms: the store matches ontology/shapes.ttl")
        return
    click.echo(report.text)
    click.echo(f"{report.violations} violation(s)")
    sys.exit(1)


@cli.command()
@click.option("--network", is_flag=True, help="Who denies most, who is accused most, centrality and communities.")
@click.pass_obj
@handle_errors
def stats(obj, network):
    """Counts per class and per article (or, with --network, the network's key people).

    \b
    Example:
      kg stats
      kg stats --network
    """
    from .query import render_table
    from .stats import article_counts, class_counts

    if network:
        from .export import network_report

        with obj.open(read_only=True) as store:
            click.echo(network_report(store))
        return
    with obj.open(read_only=True) as store:
        counts = class_counts(store)
        names, rows = article_counts(store)
    click.echo(render_table(["class", "count"], [[c, str(n)] for c, n in counts], title="Classes"))
    click.echo(render_table(names, rows, title="Articles"))


@cli.command()
@click.option(
    "--host",
    default="127.0.0.1",
    show_default=True,
    help="Address to listen on (anything but loopback prints a warning).",
)
@click.option("--port", type=int, default=8000, show_default=True, help="Port to listen on.")
@click.option(
    "--timeout",
    type=float,
    default=30.0,
    show_default=True,
    metavar="SECONDS",
    help="Stop a SPARQL query after this long.",
)
@click.pass_obj
@handle_errors
def serve(obj, host, port, timeout):
    """Browse the graph and query it over HTTP: pages, a SPARQL 1.1 endpoint at /sparql.

    The store is opened read-only (ingest may run beside it). Open the
    printed address in a browser; stop with Ctrl-C.

    \b
    Example:
      kg serve
      kg --store http://127.0.0.1:7878 serve --port 8080
      curl -H 'Accept: text/csv' --data-urlencode 'query=SELECT * { GRAPH ?g { ?s a kg:Denial } }' http://127.0.0.1:8000/sparql
    """
    from .serve import serve as run
    from .store import default_location

    run(obj.location or default_location(), host=host, port=port, timeout=timeout)


@cli.command(name="eval")
@click.argument("gold", nargs=-1, required=True, type=click.Path(exists=True))
@click.option(
    "--articles",
    type=click.Path(exists=True, file_okay=False),
    default="corpus",
    show_default=True,
    help="Where the annotated articles are.",
)
@click.option("--json", "as_json", is_flag=True, help="Print the scores as JSON.")
@handle_errors
def eval_(gold, articles, as_json):
    """Score the extractor against gold annotation files (precision/recall per category).

    \b
    Example:
      kg eval corpus/gold/ --articles corpus/
      kg eval eval/dev/gold/ --articles eval/dev/articles/
    """
    from .evaluate import evaluate, format_report

    from pathlib import Path

    files = [str(f) for g in gold for f in (sorted(Path(g).glob("*.json")) if Path(g).is_dir() else [Path(g)])]
    if not files:
        raise KgError(f"no gold .json files in {', '.join(gold)}")
    report = evaluate(files, articles)
    click.echo(json.dumps(report, indent=2, ensure_ascii=False) if as_json else format_report(report))


@cli.group()
def export():
    """Write the network as an interactive map, for Gephi/Cytoscape, or as RDF (into exports/ by default).

    \b
    Example:
      kg export html
      kg export html --focus "Hun Sen" --depth 2 --out exports/hun-sen.html
      kg export gexf && kg export nquads
    """


def _network_export_command(fmt: str, helptext: str, example: str):
    @export.command(name=fmt, help=f"{helptext}\n\n\b\nExample:\n  {example}")
    @click.option("--out", "out", type=click.Path(dir_okay=False), help="Output file (default exports/network.<ext>).")
    @click.option(
        "--focus", metavar="NAME", help="Only the ego network of this person, organisation or account (name or alias)."
    )
    @click.option("--depth", type=click.IntRange(1), metavar="N", help="Hops from --focus to include (default 2).")
    @click.option(
        "--kinds",
        metavar="K1,K2",
        help="Statements/relations to draw: allegation, accusation, denial, claim, statement, confirmation, refusal, role, account, consequence, or all (default: all but statement).",
    )
    @click.option("--article", metavar="ID", help="Only this article (file name, source path, content hash or IRI).")
    @click.pass_obj
    @handle_errors
    def command(obj, out, focus, depth, kinds, article):
        from .export import export as run

        with obj.open(read_only=True) as store:
            click.echo(run(store, fmt, out, focus=focus, depth=depth, kinds=kinds, article=article).summary())

    return command


def _rdf_export_command(fmt: str, helptext: str, example: str):
    @export.command(name=fmt, help=f"{helptext}\n\n\b\nExample:\n  {example}")
    @click.option("--out", "out", type=click.Path(dir_okay=False), help="Output file (default exports/kg.<ext>).")
    @click.pass_obj
    @handle_errors
    def command(obj, out):
        from .export import export as run

        with obj.open(read_only=True) as store:
            click.echo(run(store, fmt, out).summary())

    return command


_network_export_command(
    "html",
    "A self-contained interactive map (works offline): who alleges, accuses and denies whom.",
    'kg export html --focus "Hun Sen" --depth 2',
)
_network_export_command(
    "graphml", "The network as GraphML (Gephi, Cytoscape, yEd).", "kg export graphml --out network.graphml"
)
_network_export_command("gexf", "The network as GEXF with attributes, colours and sizes (Gephi).", "kg export gexf")
_network_export_command(
    "json", "The network as node-link JSON (networkx, d3).", "kg export json --kinds denial,allegation"
)
_rdf_export_command("jsonld", "All the RDF as JSON-LD with a context, one named graph per article.", "kg export jsonld")
_rdf_export_command(
    "turtle", "All the RDF as Turtle (articles merged into one graph).", "kg export turtle --out kg.ttl"
)
_rdf_export_command("nquads", "All the RDF as N-Quads, one named graph per article.", "kg export nquads")


cli.add_command(claims_group)
cli.add_command(curate_group)
cli.add_command(train_group)
cli.add_command(eval_attribution)


def main():
    cli(prog_name="kg")


if __name__ == "__main__":
    main()

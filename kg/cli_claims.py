"""`kg claims` and `kg curate`: thin commands over kg.derived and kg.curation."""

from __future__ import annotations

import click

from .cli_errors import handle_errors
from .errors import KgError

WHO_WHY = [
    click.option(
        "--by", "who", metavar="NAME", help="Who makes the correction (default $KG_CURATOR, else your login name)."
    ),
    click.option(
        "--why",
        default="",
        metavar="TEXT",
        help="Why: kept with the correction (prov).",
    ),
]


def _who_why(fn):
    for opt in reversed(WHO_WHY):
        fn = opt(fn)
    return fn


@click.group(name="claims")
def claims_group():
    """Claims across articles: statements that assert or deny the same proposition.

    \b
    Example:
      kg claims rebuild
      kg query claims
      kg query claim-timeline --param claim=3f2a9c
    """


@claims_group.command(name="rebuild")
@click.pass_obj
@handle_errors
def claims_rebuild(obj):
    """Regroup every statement of the store into claims (keeps every correction).

    \b
    Example:
      kg claims rebuild
    """
    from .derived import rebuild_claims

    with obj.open(read_only=False, create=False) as store:
        click.echo(rebuild_claims(store).summary())


@click.group(name="curate")
def curate_group():
    """Correct what the extractor got wrong; corrections survive re-ingest and claims rebuild.

    Statements are named by IRI or HASH/sN (see 'kg curate find'), entities by
    name, alias or IRI, claims by id (see 'kg query claims').

    \b
    Example:
      kg curate find "bought likes"
      kg curate reject-statement ce0bf6b45e22/s16 --why "a question, not a claim"
      kg curate set-kind 8ca8f2/s19 allegation
      kg curate list
      kg curate undo 4be1c0a9d2
    """


def _correction_command(op: str, args: list[str], helptext: str, example: str):
    @curate_group.command(name=op, help=f"{helptext}\n\n\b\nExample:\n  {example}")
    @click.argument("args", nargs=-1, required=True, metavar=" ".join(args))
    @_who_why
    @click.pass_obj
    @handle_errors
    def command(obj, args, who, why, **kw):
        from .curation import correct

        with obj.open(read_only=False, create=False) as store:
            click.echo(correct(store, op, list(args), who=who, why=why, **kw))

    return command


_correction_command(
    "reject-statement",
    ["STATEMENT"],
    "Reject a statement: it leaves every graph, query, map and claim.",
    "kg curate reject-statement 8ca8f2/s2 --why 'spokesmen, not a denial'",
)
_correction_command(
    "reject-entity",
    ["ENTITY"],
    "Reject an entity (a person, organisation or account that is not one).",
    'kg curate reject-entity "Post"',
)
_correction_command(
    "set-link",
    ["DENIAL", "STATEMENT"],
    "Link a denial to the statement it denies.",
    "kg curate set-link 8ca8f2/s4 8ca8f2/s8",
)
_correction_command(
    "remove-link",
    ["DENIAL", "STATEMENT"],
    "Remove a denial's link to a statement.",
    "kg curate remove-link 8ca8f2/s4 8ca8f2/s19",
)
_correction_command(
    "set-kind",
    ["STATEMENT", "KIND"],
    "Change a statement's kind (allegation, accusation, denial, claim, statement, confirmation, refusal).",
    "kg curate set-kind 8ca8f2/s19 allegation",
)
_correction_command(
    "set-speaker",
    ["STATEMENT", "NAME"],
    "Change who made a statement (a known name or alias).",
    'kg curate set-speaker ce0bf6/s4 "Uwe Goepel"',
)
_correction_command(
    "merge-entities",
    ["ENTITY", "INTO"],
    "Merge an entity into another (the first one's name becomes an alias).",
    'kg curate merge-entities CNRP "Cambodia National Rescue Party"',
)
_correction_command(
    "merge-claims", ["CLAIM", "OTHER"], "Merge two claims into one.", "kg curate merge-claims 3f2a9c 81be07"
)
_correction_command(
    "split-claim", ["CLAIM", "STATEMENT"], "Take a statement out of a claim.", "kg curate split-claim 3f2a9c 8ca8f2/s21"
)


@curate_group.command(name="split-entity")
@click.argument("entity")
@click.option(
    "--article",
    "articles",
    multiple=True,
    required=True,
    metavar="ID",
    help="An article where the name means someone else (file name, path, hash or IRI); repeatable.",
)
@click.option("--as", "name", required=True, metavar="NAME", help="The name of that other identity.")
@_who_why
@click.pass_obj
@handle_errors
def curate_split_entity(obj, entity, articles, name, who, why):
    """Split an entity: in these articles the name is someone else.

    \b
    Example:
      kg curate split-entity "John Smith" --article 0042_story --as "John Smith (footballer)"
    """
    from .curation import correct

    with obj.open(read_only=False, create=False) as store:
        click.echo(correct(store, "split-entity", [entity], who=who, why=why, articles=list(articles), name=name))


@curate_group.command(name="list")
@click.option("--format", "fmt", type=click.Choice(["table", "csv", "tsv", "json"]), default="table", show_default=True)
@click.pass_obj
@handle_errors
def curate_list(obj, fmt):
    """Every correction: id, when, who, what, why and where it applies.

    \b
    Example:
      kg curate list --format csv
    """
    from .curation import describe

    with obj.open(read_only=True) as store:
        click.echo(_table(*describe(store), fmt))


@curate_group.command(name="undo")
@click.argument("correction_id", metavar="ID")
@click.pass_obj
@handle_errors
def curate_undo(obj, correction_id):
    """Undo a correction: what it changed comes back as the extractor gave it.

    \b
    Example:
      kg curate undo 4be1c0a9d2
    """
    from .curation import undo

    with obj.open(read_only=False, create=False) as store:
        c = undo(store, correction_id)
    click.echo(f"undid {c.id} ({c.op})")


@curate_group.command(name="export")
@click.option("--out", type=click.Path(dir_okay=False), help="File to write (TriG; default standard output).")
@click.pass_obj
@handle_errors
def curate_export(obj, out):
    """Write every correction to a file a team can share (TriG).

    \b
    Example:
      kg curate export --out corrections.trig
    """
    from pathlib import Path

    from .curation.transfer import export_text
    from .export.files import write_text

    with obj.open(read_only=True) as store:
        text = export_text(store)
    if out:
        click.echo(f"wrote {write_text(Path(out), text)}")
    else:
        click.echo(text, nl=False)


@curate_group.command(name="import")
@click.argument("file", type=click.Path(dir_okay=False))
@click.pass_obj
@handle_errors
def curate_import(obj, file):
    """Apply the corrections in FILE that the store does not have yet.

    \b
    Example:
      kg curate import corrections.trig
    """
    from .curation.transfer import import_file

    with obj.open(read_only=False, create=False) as store:
        applied, known = import_file(store, file)
    click.echo(f"{applied} correction{'s' if applied != 1 else ''} applied, {known} already in the store")


@curate_group.command(name="find")
@click.argument("text")
@click.option("--format", "fmt", type=click.Choice(["table", "csv", "tsv", "json"]), default="table", show_default=True)
@click.pass_obj
@handle_errors
def curate_find(obj, text, fmt):
    """Statements whose content or sentence contains TEXT, with the ids corrections take.

    \b
    Example:
      kg curate find "bought likes"
    """
    from .curation.anchors import find_statements

    with obj.open(read_only=True) as store:
        rows = find_statements(store, text)
    names = ["statement", "kind", "article", "content"]
    click.echo(_table(names, [[r[n] for n in names] for r in rows], fmt))


def _table(names: list[str], rows: list[list[str]], fmt: str) -> str:
    import csv
    import io
    import json

    from .query import render_table

    if fmt == "json":
        return json.dumps([dict(zip(names, r)) for r in rows], ensure_ascii=False, indent=1)
    if fmt in ("csv", "tsv"):
        buf = io.StringIO()
        w = csv.writer(buf, delimiter="," if fmt == "csv" else "\t", lineterminator="\n")
        w.writerow(names)
        w.writerows(rows)
        return buf.getvalue().rstrip("\n")
    return render_table(names, rows)


__all__ = ["claims_group", "curate_group", "KgError"]

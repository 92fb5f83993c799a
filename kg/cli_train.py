"""`kg train` and `kg eval-attribution`: thin commands over kg.train and kg.scoring
(the attribution tagger, trained and scored on PolNeAR)."""

from __future__ import annotations

import json

import click

from .cli_errors import handle_errors


class _stages:
    """A progress bar per stage ('parsing', 'training', ...) on stderr, only on a terminal."""

    def __init__(self, quiet: bool):
        self.quiet, self.bar, self.tasks = quiet, None, {}

    def __enter__(self):
        from rich.console import Console

        console = Console(stderr=True)
        if self.quiet or not console.is_terminal:
            return None
        from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn

        self.bar = Progress(
            TextColumn("{task.description:<18}"),
            BarColumn(),
            MofNCompleteColumn(),
            TimeElapsedColumn(),
            console=console,
        )
        self.bar.start()

        def update(stage, done, total):
            if stage not in self.tasks:
                self.tasks[stage] = self.bar.add_task(stage, total=total)
            self.bar.update(self.tasks[stage], completed=done, total=total)

        return update

    def __exit__(self, *exc):
        if self.bar:
            self.bar.stop()


_POLNEAR_HELP = "PolNeAR copy: a checkout folder or the bare git copy (env KG_POLNEAR)."
_CACHE_HELP = (
    "Keep spaCy parses of the corpus here to reuse them (env KG_CACHE; never commit it: it holds corpus text)."
)


@click.group(name="train")
def train_group():
    """Train kg's models from an annotated corpus.

    \b
    Example:
      kg train attribution --polnear ~/PolNeAR --exclude eval/polnear/holdout.txt --out kg/models/attribution
    """


@train_group.command(name="attribution")
@click.option("--polnear", metavar="DIR", envvar="KG_POLNEAR", help=_POLNEAR_HELP)
@click.option(
    "--exclude",
    multiple=True,
    type=click.Path(dir_okay=False),
    metavar="FILE",
    help="Ids (one a line) never to train on; repeatable. kg's hold-out list is always excluded.",
)
@click.option("--out", required=True, type=click.Path(file_okay=False), metavar="DIR", help="Model folder to write.")
@click.option(
    "--validation",
    type=click.Path(dir_okay=False),
    metavar="FILE",
    help="Validation ids (default: eval/polnear/validation.txt, shipped with kg).",
)
@click.option("--seed", type=int, default=None, help="Order of the training sequences (default: the shipped model's).")
@click.option("--c1", type=click.FloatRange(0), default=None, help="L1 regularisation (default: the shipped model's).")
@click.option("--c2", type=click.FloatRange(0), default=None, help="L2 regularisation (default: the shipped model's).")
@click.option(
    "--iterations", type=click.IntRange(1), default=None, help="L-BFGS iterations (default: the shipped model's)."
)
@click.option("--cache", metavar="DIR", envvar="KG_CACHE", help=_CACHE_HELP)
@click.option("--quiet", "-q", is_flag=True, help="No progress bar.")
@handle_errors
def train_attribution(polnear, exclude, out, validation, seed, c1, c2, iterations, cache, quiet):
    """Train the attribution tagger (CRF) on PolNeAR's training fold and score it on the validation fold.

    Writes model.crfsuite, cues.json, model.json (parameters, provenance, validation figures) and
    training_ids.txt into --out.

    \b
    Example:
      kg train attribution --polnear ~/PolNeAR --exclude eval/polnear/holdout.txt --out /tmp/attribution
    """
    from .train import config_with, train_attribution as run

    with _stages(quiet) as progress:
        info = run(
            polnear,
            out,
            exclude=list(exclude),
            cfg=config_with(seed=seed, c1=c1, c2=c2, max_iterations=iterations),
            cache=cache,
            progress=progress,
            validation_file=validation,
        )
    click.echo(info["summary"])


@click.command(name="eval-attribution")
@click.option("--polnear", metavar="DIR", envvar="KG_POLNEAR", help=_POLNEAR_HELP)
@click.option(
    "--system",
    default="pipeline",
    show_default=True,
    metavar="NAME|DIR",
    help="pipeline (kg extract: rules + tagger), rules, tagger, hybrid (span-level merge), or a folder of BRAT .ann predictions.",
)
@click.option("--fold", type=click.Choice(["validation", "training"]), default="validation", show_default=True)
@click.option(
    "--ids",
    "ids_file",
    type=click.Path(dir_okay=False),
    metavar="FILE",
    help="Score these train-split ids instead of a fold.",
)
@click.option(
    "--model",
    type=click.Path(file_okay=False),
    metavar="DIR",
    help="Attribution model folder (default: the shipped one).",
)
@click.option(
    "--misses", type=click.IntRange(0), default=15, show_default=True, help="How many of the worst misses to list."
)
@click.option("--json", "as_json", is_flag=True, help="Print the full report as JSON.")
@click.option("--cache", metavar="DIR", envvar="KG_CACHE", help=_CACHE_HELP)
@click.option("--quiet", "-q", is_flag=True, help="No progress bar.")
@handle_errors
def eval_attribution(polnear, system, fold, ids_file, model, misses, as_json, cache, quiet):
    """Score attribution extraction on PolNeAR (overlap and exact P/R/F1, source accuracy, recall per cue).

    \b
    Example:
      kg eval-attribution --polnear ~/PolNeAR --system rules
      kg eval-attribution --polnear ~/PolNeAR --system tagger --json > scores.json
    """
    from .scoring.polnear import evaluate_polnear, format_polnear_report

    with _stages(quiet) as progress:
        report = evaluate_polnear(
            polnear, system=system, fold=fold, ids_file=ids_file, model=model, cache=cache, progress=progress
        )
    click.echo(
        json.dumps(report, indent=2, ensure_ascii=False) if as_json else format_polnear_report(report, misses=misses)
    )

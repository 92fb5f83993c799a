"""kg train attribution / kg eval-attribution through click's CliRunner, on generated BRAT articles."""

import json
import shutil

import pytest
from click.testing import CliRunner

from kg.cli import cli
from tests.corpora.synth import write_corpus
from tests.conftest import ROOT

pytestmark = pytest.mark.slow


def run(*args):
    return CliRunner().invoke(cli, list(args))


@pytest.fixture(scope="module")
def tiny(tmp_path_factory):
    root = tmp_path_factory.mktemp("polnear")
    ids = write_corpus(root, n=12, seed=7)
    val = root / "validation.txt"
    val.write_text("\n".join(ids[:3]) + "\n")
    model = root / "model"
    r = run(
        "train",
        "attribution",
        "--polnear",
        str(root),
        "--validation",
        str(val),
        "--out",
        str(model),
        "--iterations",
        "25",
        "--quiet",
    )
    assert r.exit_code == 0, r.output
    return root, ids, val, model, r.output


def test_train_prints_a_summary_and_writes_the_model(tiny):
    root, ids, val, model, output = tiny
    assert output.startswith("trained on 9 articles (")
    assert "validation fold (3 articles): attribution overlap P " in output
    assert json.loads((model / "model.json").read_text())["crf"]["max_iterations"] == 25


def test_eval_with_a_trained_model_and_with_brat_predictions(tiny):
    root, ids, val, model, _ = tiny
    r = run(
        "eval-attribution", "--polnear", str(root), "--ids", str(val), "--model", str(model), "--system", "tagger", "-q"
    )
    assert r.exit_code == 0, r.output
    assert r.output.startswith("system tagger on validation.txt (3 articles, ")
    # the gold annotations given back as predictions score 1.0
    r = run(
        "eval-attribution",
        "--polnear",
        str(root),
        "--ids",
        str(val),
        "--system",
        str(root / "data" / "train" / "attributions"),
        "--json",
        "-q",
    )
    rep = json.loads(r.output)
    assert rep["overlap"]["f1"] == 1.0 and rep["exact"]["f1"] == 1.0 and rep["source_accuracy"] == 1.0
    assert rep["misses"] == []


def test_eval_of_the_rules_runs_on_any_copy(tiny):
    root, _, val, _, _ = tiny
    r = run("eval-attribution", "--polnear", str(root), "--ids", str(val), "--system", "rules", "-q")
    assert r.exit_code == 0, r.output
    assert "recall per cue lemma" in r.output


@pytest.mark.parametrize(
    "args, message",
    [
        (["train", "attribution", "--out", "x"], "Error: no PolNeAR copy given: use --polnear DIR or set KG_POLNEAR\n"),
        (
            ["eval-attribution", "--system", "/nonexistent-preds", "--polnear", "{root}", "--ids", "{val}"],
            "Error: predictions folder not found: /nonexistent-preds\n",
        ),
        (
            ["eval-attribution", "--polnear", "{root}", "--ids", str(ROOT / "eval" / "polnear" / "holdout.txt")],
            f"Error: {ROOT / 'eval' / 'polnear' / 'holdout.txt'} lists 64 hold-out ids: they are kept for judging, not for development\n",
        ),
        (
            ["eval-attribution", "--polnear", "{root}", "--fold", "validation", "--system", "rules"],
            "Error: 105 validation ids are not in {train} (first: breitbart_2015-12-16_newspaper-defense-secretary-used)\n",
        ),
        (
            ["eval-attribution", "--polnear", "{root}", "--ids", "{val}", "--system", "tagger", "--model", "{root}"],
            "Error: no attribution model in {root} (missing model.crfsuite, cues.json, model.json): train one with 'kg train attribution'\n",
        ),
    ],
)
def test_errors_are_one_line(tiny, monkeypatch, args, message):
    root, _, val, _, _ = tiny
    monkeypatch.delenv("KG_POLNEAR", raising=False)
    fill = {"root": str(root), "val": str(val), "train": str(root / "data" / "train")}
    r = run(*[a.format(**fill) for a in args])
    assert r.exit_code == 1
    assert r.output == message.format(**fill)


def test_dev_split_is_refused(tiny, tmp_path):
    root = tiny[0]
    dev = tmp_path / "data" / "dev"
    shutil.copytree(root / "data" / "train", dev)
    r = run("eval-attribution", "--polnear", str(dev), "--system", "rules")
    assert r.exit_code == 1
    assert (
        r.output
        == f"Error: {dev} is in PolNeAR's dev split: kg reads only the train split (dev and test stay unopened)\n"
    )

"""The PolNeAR denial development set (eval/polnear/denials.jsonl, see eval/polnear/DENIALS.md).

Runs without the corpus: schema, class names, counts, the split and the absence of corpus text. With
$KG_POLNEAR set it also re-reads the corpus through verify_denials.py. The candidate net is tested on
invented sentences.
"""

import collections
import importlib.util
import json
import os
import pathlib

import pytest

from tests.conftest import ROOT

POLNEAR = ROOT / "eval" / "polnear"


def _load(name):
    spec = importlib.util.spec_from_file_location(name, POLNEAR / f"{name}.py")
    module = importlib.util.module_from_spec(spec)
    import sys

    sys.path.insert(0, str(POLNEAR))
    try:
        spec.loader.exec_module(module)
    finally:
        sys.path.remove(str(POLNEAR))
    return module


verify = _load("verify_denials")
candidates_mod = _load("denial_candidates")
polnear_text = _load("polnear_text")

RECORDS = [json.loads(line) for line in (POLNEAR / "denials.jsonl").read_text(encoding="utf-8").splitlines()]
BASE_KEYS = {"article", "start", "end", "label", "class", "fold", "part", "ambiguous"}
DENIAL_KEYS = {"cue", "denier", "denier_in_sentence", "denier_name", "claimant", "target"}
OPTIONAL_KEYS = {"note", "review"}


def test_records_have_the_documented_fields_and_no_corpus_text():
    for rec in RECORDS:
        allowed = BASE_KEYS | OPTIONAL_KEYS | (DENIAL_KEYS if rec["label"] == "denial" else set())
        assert BASE_KEYS <= rec.keys() <= allowed, rec
        assert rec["label"] in ("denial", "not_denial")
        assert 0 <= rec["start"] < rec["end"]
        assert len(rec.get("note", "")) <= 120  # notes are the annotator's words, never quoted sentences
        if rec["label"] == "denial":
            assert rec["class"] in verify.DENIAL_CLASSES
            assert rec["denier"]["start"] < rec["denier"]["end"] and rec["denier_name"]
        else:
            assert rec["class"] in verify.LOOKALIKE_CLASSES


def test_one_record_per_sentence():
    keys = [(r["article"], r["start"], r["end"]) for r in RECORDS]
    assert len(keys) == len(set(keys))


def test_counts_meet_the_brief():
    count = collections.Counter()
    for rec in RECORDS:
        lookalike = rec["label"] == "not_denial" and rec["class"] not in ("negated-statement", "unrelated")
        kind = "denial" if rec["label"] == "denial" else "lookalike" if lookalike else "plain"
        count[kind] += 1
        count[(rec["part"], kind)] += 1
    assert count["denial"] >= 170 and count["lookalike"] >= 170
    assert count[("test", "denial")] >= 50 and count[("test", "lookalike")] >= 50
    mechanisms = {r["class"] for r in RECORDS if r["label"] == "denial"}
    assert len(mechanisms) >= 8


def test_split_follows_the_documented_lists():
    validation = polnear_text.read_ids(POLNEAR / "validation.txt")
    holdout = polnear_text.read_ids(POLNEAR / "holdout.txt")
    extra = polnear_text.read_ids(POLNEAR / "denials_test_articles.txt")
    assert len(extra) == 70 and not extra & validation and not extra & holdout
    per_publisher = collections.Counter(a.split("_", 1)[0] for a in extra)
    assert set(per_publisher.values()) == {verify.PER_PUBLISHER}
    for rec in RECORDS:
        assert rec["article"] not in holdout
        assert rec["fold"] == ("validation" if rec["article"] in validation else "training")
        assert rec["part"] == ("test" if rec["article"] in validation | extra else "tune")


def test_verify_passes_on_the_corpus(capsys):
    path = os.environ.get("KG_POLNEAR")
    if not path or not pathlib.Path(path).is_dir():
        pytest.skip("KG_POLNEAR not set: PolNeAR is not bundled")
    assert verify.main(["--polnear", path]) == 0


def test_scripts_reject_a_missing_corpus_with_exit_2(tmp_path, capsys):
    with pytest.raises(SystemExit) as err:
        verify.main(["--polnear", str(tmp_path / "nowhere")])
    assert err.value.code == 2
    assert "PolNeAR folder not found" in capsys.readouterr().err


def test_candidate_output_may_not_land_in_the_repository(capsys):
    code = candidates_mod.main(["--polnear", "/nonexistent", "--out", str(POLNEAR / "x.jsonl")])
    assert code == 2
    assert "inside the repository" in capsys.readouterr().err
    assert not (POLNEAR / "x.jsonl").exists()


# Invented sentences -> triggers the net must report (None: the sentence must not be a candidate).
NET = [
    ("The ministry denied the report on Monday.", "deny"),
    ("Aides brushed off the accusation.", "phrasal"),
    ("She called the story baseless.", "baseless"),
    ("The mayor said the city had never paid the contractor.", "neg-after-say"),
    ('"We did nothing wrong," the spokeswoman said.', "neg-after-say"),
    ("The court rejected the appeal.", "reject"),  # a look-alike: the net must bring it in too
    ("The mayor said the city paid the contractor.", None),
    ("Voters went to the polls on Tuesday.", None),
]


@pytest.mark.parametrize("sentence,trigger", NET)
def test_candidate_net(nlp, sentence, trigger):
    found = list(candidates_mod.candidates(nlp, "a1", sentence, set(), set()))
    if trigger is None:
        assert found == []
    else:
        assert len(found) == 1 and trigger in found[0]["triggers"]
        assert (found[0]["start"], found[0]["end"]) == (0, len(sentence))


def test_denial_scorer_counts_deniers_and_false_denials():
    scorer = _load("score_denials")
    gold = {
        "article": "a",
        "start": 0,
        "end": 50,
        "label": "denial",
        "class": "verb-deny",
        "ambiguous": False,
        "denier": {"start": 0, "end": 8},
        "denier_name": "Jane Roe",
    }
    wrong = {**gold, "start": 60, "end": 120, "denier": {"start": 60, "end": 63}, "denier_name": "Ann Lee"}
    missed = {**gold, "start": 130, "end": 160}
    look = {"article": "a", "start": 200, "end": 250, "label": "not_denial", "class": "withholding", "ambiguous": False}
    preds = {
        "a": [
            {"cue": {"start": 20}, "speaker": {"start": 40, "end": 43, "name": "Jane Roe"}},  # right by name
            {"cue": {"start": 70}, "speaker": {"start": 90, "end": 95, "name": "John Doe"}},  # wrong denier
            {"cue": {"start": 210}, "speaker": None},  # a look-alike read as a denial
        ]
    }
    s = scorer.score([gold, wrong, missed, look], preds)
    assert (s["denials"], s["not_denials"], s["false_denials"]) == (3, 1, 1)
    assert s["recall_found"] == 2 / 3 and s["recall_right_denier"] == 1 / 3
    assert s["precision"] == 2 / 3 and s["false_by_class"] == {"withholding": 1}
    assert scorer.score([], {})["precision"] is None

"""The training path end to end on generated BRAT articles (no PolNeAR needed)."""

import json

import pytest

from kg.extract.tagger.features import FEATURE_VERSION
from kg.extract.tagger.model import AttributionTagger, load_tagger
from kg.train import TrainConfig, train_attribution
from kg.errors import KgError
from tests.corpora.synth import write_corpus

pytestmark = pytest.mark.slow


@pytest.fixture(scope="module")
def tiny(tmp_path_factory):
    root = tmp_path_factory.mktemp("polnear")
    ids = write_corpus(root, n=14, seed=3)
    val = root / "validation.txt"
    val.write_text("\n".join(ids[:3]) + "\n")
    excl = root / "exclude.txt"
    excl.write_text(ids[3] + "\n")
    return root, ids, val, excl


def _train(tiny, out, **kw):
    root, ids, val, excl = tiny
    cfg = TrainConfig(max_iterations=30, min_seen=2, **kw)
    return train_attribution(str(root), out, exclude=[str(excl)], cfg=cfg, validation_file=str(val))


def test_tiny_model_trains_scores_and_records_provenance(tiny, tmp_path):
    root, ids, _, _ = tiny
    stages = []
    info = train_attribution(
        str(root),
        tmp_path / "m",
        exclude=[str(tiny[3])],
        validation_file=str(tiny[2]),
        cfg=TrainConfig(max_iterations=30, min_seen=2),
        progress=lambda stage, done, total: stages.append(stage),
    )
    m = tmp_path / "m"
    assert sorted(p.name for p in m.iterdir()) == ["cues.json", "model.crfsuite", "model.json", "training_ids.txt"]
    assert (m / "training_ids.txt").read_text().split() == sorted(ids[4:])
    saved = json.loads((m / "model.json").read_text())
    assert saved["corpus"]["training_articles"] == 10 and saved["corpus"]["excluded_ids"] == 1
    assert saved["corpus"]["validation_articles"] == 3 and saved["corpus"]["copy"]["kind"] == "folder"
    assert saved["feature_version"] == FEATURE_VERSION and saved["date"]
    assert saved["command"].startswith("kg train attribution --polnear $KG_POLNEAR --exclude ")
    assert "--seed 13 --c1 " in saved["command"]
    # generated articles follow a handful of templates: a working CRF must learn them
    assert saved["validation"]["overlap"]["f1"] > 0.8, saved["validation"]
    assert {"parsing", "features", "training", "validating"} <= set(stages)
    assert "validation fold (3 articles)" in info["summary"]


def test_training_is_deterministic_for_a_seed(tiny, tmp_path):
    _train(tiny, tmp_path / "a", seed=5)
    _train(tiny, tmp_path / "b", seed=5)
    assert (tmp_path / "a" / "model.crfsuite").read_bytes() == (tmp_path / "b" / "model.crfsuite").read_bytes()
    assert (tmp_path / "a" / "cues.json").read_text() == (tmp_path / "b" / "cues.json").read_text()


def test_trained_model_tags_new_text(tiny, tmp_path, nlp):
    _train(tiny, tmp_path / "m")
    tagger = load_tagger(tmp_path / "m")
    assert load_tagger(tmp_path / "m") is tagger  # loaded once per process
    text = "The weather was fine. Maria Lopez said that the report contained several errors."
    (a,) = tagger.attributions(nlp(text))
    assert text[slice(*a.cue[0])] == "said" and text[slice(*a.source[0])] == "Maria Lopez"
    assert text[slice(*a.content[0])].startswith("the report contained several errors")


def test_missing_or_damaged_model_is_a_clear_error(tmp_path):
    with pytest.raises(
        KgError, match="no attribution model in .* \\(missing model.crfsuite, cues.json, model.json\\): train one"
    ):
        AttributionTagger(tmp_path)
    for f in ("model.crfsuite", "cues.json"):
        (tmp_path / f).write_text("x")
    (tmp_path / "model.json").write_text("{")
    with pytest.raises(KgError, match="is damaged"):
        AttributionTagger(tmp_path)


def test_model_of_another_feature_version_is_refused(tiny, tmp_path):
    m = tmp_path / "m"
    _train(tiny, m)
    info = json.loads((m / "model.json").read_text())
    (m / "model.json").write_text(json.dumps({**info, "feature_version": FEATURE_VERSION + 1}))
    with pytest.raises(KgError, match=f"trained on feature version {FEATURE_VERSION + 1}, this kg computes"):
        AttributionTagger(m)


def test_out_that_is_a_file_is_refused(tiny, tmp_path):
    f = tmp_path / "file"
    f.write_text("")
    with pytest.raises(KgError, match="exists and is not a folder"):
        _train(tiny, f)

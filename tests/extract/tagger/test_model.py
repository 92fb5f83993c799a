"""The model shipped in the package: present, small, documented, and working."""

import json
import os

import pytest

from kg.extract.tagger.features import FEATURE_VERSION
from kg.extract.tagger.model import MODEL_FILES, load_tagger, shipped_model_dir


def test_shipped_model_is_complete_small_and_has_provenance():
    d = shipped_model_dir()
    assert all((d / f).is_file() for f in MODEL_FILES)
    assert sum(p.stat().st_size for p in d.iterdir()) <= 20 * 2**20
    info = json.loads((d / "model.json").read_text())
    c = info["corpus"]
    assert c["training_articles"] == len((d / "training_ids.txt").read_text().split())
    assert {"training_ids_sha256", "excluded_ids_sha256", "validation_ids_sha256", "copy"} <= set(c)
    assert info["date"] and info["validation"]["overlap"]["f1"] > 0.6
    assert info["feature_version"] == FEATURE_VERSION and info["command"].startswith("kg train attribution ")
    # never trained on the validation fold or the hold-out ids
    from kg.corpora.polnear import shipped_fold

    trained = set((d / "training_ids.txt").read_text().split())
    assert not trained & set(shipped_fold("validation")) and not trained & set(shipped_fold("holdout"))


@pytest.mark.parametrize(
    "text, expected",
    [
        (
            "The minister said on Monday that the bridge would be rebuilt.",
            [("The minister", "said", "that the bridge would be rebuilt")],
        ),
        (
            "\u201cWe will not resign,\u201d the party leader told reporters.",
            [("the party leader", "told", "We will not resign,")],
        ),
        ("The bridge was rebuilt in 2004.", []),
    ],
)
def test_shipped_model_tags_invented_sentences(nlp, text, expected):
    got = [
        (
            " ".join(text[s:e] for s, e in a.source),
            " ".join(text[s:e] for s, e in a.cue),
            " ".join(text[s:e] for s, e in a.content),
        )
        for a in load_tagger().attributions(nlp(text))
    ]
    assert [(s, c) for s, c, _ in got] == [(s, c) for s, c, _ in expected]
    for (_, _, con), (_, _, want) in zip(got, expected):
        assert want in con


@pytest.mark.slow
@pytest.mark.skipif(not os.environ.get("KG_POLNEAR"), reason="needs a PolNeAR copy in $KG_POLNEAR")
def test_on_real_polnear_validation_articles():
    from kg.scoring.polnear import evaluate_polnear

    from kg.corpora.polnear import Polnear

    corpus = Polnear(None)
    arts = corpus.articles(corpus.fold("validation"))
    assert len(arts) == 105 and sum(len(a.attributions) for a in arts) > 2000
    rep = evaluate_polnear(None, system="hybrid")
    assert rep["overlap"]["f1"] > 0.68 and rep["source_accuracy"] > 0.9


def test_process_resources_load_the_shipped_tagger_the_extractor_uses():
    # every parser process (ingest --workers pool, Dask worker plugin) loads through load_resources
    from kg.resources import load_resources

    res = load_resources()
    assert res.tagger is load_tagger() and res.tagger.path == shipped_model_dir()

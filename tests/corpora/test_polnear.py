import shutil

import pytest

from kg.corpora.polnear import Polnear, read_id_file, shipped_fold
from kg.errors import KgError
from tests.corpora.synth import make_bare_git, write_corpus
from tests.conftest import ROOT


@pytest.fixture
def corpus(tmp_path):
    root = tmp_path / "PolNeAR"
    ids = write_corpus(root, n=6)
    return root, ids


def test_folder_and_bare_git_copies_read_the_same(corpus, tmp_path):
    root, ids = corpus
    git = make_bare_git(root, tmp_path / "repo.git")
    a, b = Polnear(str(root)), Polnear(str(git))
    assert a.ids() == b.ids() == sorted(ids)
    assert a.articles(ids) == b.articles(ids)
    assert b.describe()["kind"] == "git" and len(b.describe()["commit"]) == 40
    assert a.describe() == {"kind": "folder", "train_articles": 6}


@pytest.mark.parametrize("sub", ["", "data", "data/train"])
def test_any_level_of_the_layout_is_accepted(corpus, sub):
    root, ids = corpus
    assert Polnear(str(root / sub) if sub else str(root)).ids() == sorted(ids)


def test_location_from_environment(corpus, monkeypatch):
    root, ids = corpus
    monkeypatch.setenv("KG_POLNEAR", str(root))
    assert Polnear(None).ids() == sorted(ids)


@pytest.mark.parametrize("split", ["dev", "test"])
def test_dev_and_test_splits_are_refused(corpus, split):
    root, _ = corpus
    shutil.copytree(root / "data" / "train", root / "data" / split)
    with pytest.raises(KgError, match=f"in PolNeAR's {split} split: kg reads only the train split"):
        Polnear(str(root / "data" / split))


def test_missing_and_wrong_locations(tmp_path, monkeypatch):
    monkeypatch.delenv("KG_POLNEAR", raising=False)
    with pytest.raises(KgError, match="^no PolNeAR copy given: use --polnear DIR or set KG_POLNEAR$"):
        Polnear(None)
    with pytest.raises(KgError, match="is not a folder$"):
        Polnear(str(tmp_path / "nowhere"))
    with pytest.raises(KgError, match="is not a PolNeAR copy"):
        Polnear(str(tmp_path))


def test_several_annotators_choose_the_fullest_then_smallest_id(corpus):
    root, ids = corpus
    ann_dir = root / "data" / "train" / "attributions"
    full = (ann_dir / f"{ids[0]}_a1b2.ann").read_text()
    (ann_dir / f"{ids[0]}_0000.ann").write_text("")  # an annotator who found nothing
    (ann_dir / f"{ids[0]}_ffff.ann").write_text(full)  # same count as a1b2: the smaller id wins
    art = Polnear(str(root)).articles([ids[0]])[0]
    assert art.annotator == "a1b2" and art.attributions


def test_folds_exclude_holdout_and_validation(corpus):
    root, ids = corpus
    p = Polnear(str(root))
    assert p.fold("training", exclude=[ids[0]], validation=[ids[1]]) == sorted(set(ids) - {ids[0], ids[1]})
    assert p.fold("validation", validation=[ids[1]]) == [ids[1]]
    with pytest.raises(KgError, match="^105 validation ids are not in "):
        p.fold("validation")  # the shipped fold is not in a generated corpus
    with pytest.raises(KgError, match="hold-out ids: those are kept for judging only"):
        p.fold("validation", validation=[shipped_fold("holdout")[0]])
    with pytest.raises(KgError, match="^unknown fold 'test'"):
        p.fold("test")


def test_unknown_ids_are_refused(corpus):
    root, _ = corpus
    with pytest.raises(KgError, match="not in the PolNeAR train split .*: nyt_2016-11-01_x"):
        Polnear(str(root)).articles(["nyt_2016-11-01_x"])


def test_id_files(tmp_path):
    f = tmp_path / "ids.txt"
    f.write_text("# comment\nnyt_2016-01-02_some-slug\n\n  wash-post_2016-03-04_other  # note\n")
    assert read_id_file(f) == ["nyt_2016-01-02_some-slug", "wash-post_2016-03-04_other"]
    f.write_text("not an id\n")
    with pytest.raises(KgError, match=r"ids.txt:1: not a PolNeAR article id: 'not an id'"):
        read_id_file(f)
    with pytest.raises(KgError, match="^no such id file: "):
        read_id_file(tmp_path / "missing.txt")


def test_shipped_folds_agree_with_the_repository_copies():
    for name in ("validation", "holdout"):
        assert shipped_fold(name) == read_id_file(ROOT / "eval" / "polnear" / f"{name}.txt")
    assert len(shipped_fold("validation")) == 105 and not set(shipped_fold("validation")) & set(shipped_fold("holdout"))

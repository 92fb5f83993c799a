"""kg.evaluate: matching rules of eval/README.md on small hand-made cases."""

import json

from kg.evaluate import evaluate, format_report, norm, score_article

RAW = (
    "Rival X accused Ann Lee of fraud. Lee denied it. "
    "Spokesmen for both sides called it fake. The paper could not verify it."
)


def ent(eid, name, aliases=(), etype="Person"):
    return {
        "id": eid,
        "type": etype,
        "name": name,
        "aliases": list(aliases),
        "mentions": [],
        "roles": [],
        "holder": None,
        "platform": None,
        "handle": None,
        "kind": None,
        "redacted": False,
        "metrics": [],
        "rule": "t",
    }


def span(sub, raw=RAW):
    i = raw.index(sub)
    return {"start": i, "end": i + len(sub), "text": sub}


def stmt(sid, kind, sent, speaker_text, entity=None, name=None):
    sp = None
    if speaker_text is not None:
        sp = {**span(speaker_text), "entity": entity, "name": name}
    return {
        "id": sid,
        "kind": kind,
        "speaker": sp,
        "cue": None,
        "content": span(sent),
        "sentence": span(sent),
        "target": None,
        "denies": [],
        "certainty": "certain",
        "polarity": "positive",
        "rule": "t",
    }


GOLD = {
    "article": "a.txt",
    "people": [{"name": "Ann Lee", "aliases": ["Lee"], "roles": ["mayor"], "orgs": []}],
    "allegations": [{"id": "A1", "claimant": None, "target": "Ann Lee", "sentence_contains": "accused Ann Lee"}],
    "denials": [
        {"id": "D1", "denier": "Ann Lee", "denies": ["A1"], "sentence_contains": "Lee denied it"},
        {
            "id": "D2",
            "denier": "Spokesmen for both sides",
            "denier_is_group": True,
            "denies": ["A1"],
            "sentence_contains": "called it fake",
        },
    ],
    "not_denials": [{"sentence_contains": "could not verify", "why": "x"}],
    "statements": [{"speaker": "Ann Lee", "sentence_contains": "Lee denied it"}],
}


def test_norm():
    assert norm("The Premier’s") == "premier"
    assert norm("  Hun   Sen ") == "hun sen"


def test_perfect_prediction():
    res = {
        "entities": [ent("person:ann-lee", "Ann Lee", ["Lee"])],
        "statements": [
            stmt("s1", "accusation", "Rival X accused Ann Lee of fraud.", "Rival X"),
            stmt("s2", "denial", "Lee denied it.", "Lee", "person:ann-lee", "Ann Lee"),
            stmt("s3", "denial", "Spokesmen for both sides called it fake.", "Spokesmen for both sides"),
        ],
    }
    sc = score_article(RAW, GOLD, res)
    for cat in ("allegations", "denials", "statements", "people"):
        assert sc[cat]["precision"] == 1.0 and sc[cat]["recall"] == 1.0, (cat, sc[cat])
    assert sc["not_denials"]["recall"] == 1.0


def test_unresolved_he_never_matches_a_named_denier():
    raw = RAW.replace("Lee denied it", "He denied it")
    gold = json.loads(json.dumps(GOLD).replace("Lee denied it", "He denied it"))
    s = {
        "id": "s1",
        "kind": "denial",
        "speaker": {**span("He", raw), "entity": None, "name": None},
        "cue": None,
        "content": span("He denied it.", raw),
        "sentence": span("He denied it.", raw),
        "target": None,
        "denies": [],
        "certainty": "certain",
        "polarity": "negative",
        "rule": "t",
    }
    res = {"entities": [ent("person:ann-lee", "Ann Lee", ["Lee"])], "statements": [s]}
    sc = score_article(raw, gold, res)
    assert sc["denials"]["tp_gold"] == 0
    assert sc["denials"]["precision"] == 0.0


def test_wrong_denier_and_false_denial_counted():
    res = {
        "entities": [ent("person:ann-lee", "Ann Lee", ["Lee"]), ent("person:bo", "Bo Chan")],
        "statements": [
            stmt("s1", "denial", "Lee denied it.", "Lee", "person:bo", "Bo Chan"),
            stmt("s2", "denial", "The paper could not verify it.", "The paper"),
        ],
    }
    sc = score_article(RAW, GOLD, res)
    assert sc["denials"]["tp_pred"] == 0 and sc["denials"]["n_pred"] == 2
    assert sc["not_denials"]["recall"] == 0.0
    assert sc["people"]["false"] == ["Bo Chan"]


def test_evaluate_and_report(tmp_path):
    (tmp_path / "a.txt").write_text(RAW, encoding="utf-8")
    g = tmp_path / "a.json"
    g.write_text(json.dumps(GOLD), encoding="utf-8")

    def fake_extract(article):
        return {
            "entities": [ent("person:ann-lee", "Ann Lee", ["Lee"])],
            "statements": [stmt("s1", "denial", "Lee denied it.", "Lee", "person:ann-lee", "Ann Lee")],
        }

    rep = evaluate([g], tmp_path, extract_fn=fake_extract)
    t = rep["totals"]
    assert t["denials"]["recall"] == 0.5 and t["denials"]["precision"] == 1.0
    text = format_report(rep)
    for cat in ("people", "roles", "accounts", "allegations", "denials", "not_denials", "statements"):
        assert cat in text
    assert "D2" in text and "A1" in text  # misses are listed


def test_seed_scores(corpus_dir):
    gold = sorted((corpus_dir / "gold").glob("*.json"))
    assert len(gold) == 2
    rep = evaluate(gold, corpus_dir)
    t = rep["totals"]
    assert t["denials"]["recall"] == 1.0
    assert t["denials"]["precision"] >= 0.9
    assert t["allegations"]["recall"] >= 0.8 and t["allegations"]["precision"] >= 0.8


def test_missing_article_is_a_one_line_error(tmp_path):
    import pytest

    from kg.errors import KgError

    g = tmp_path / "a.json"
    g.write_text(json.dumps(GOLD), encoding="utf-8")
    with pytest.raises(KgError, match="not found"):
        evaluate([g], tmp_path / "nowhere")
    bad = tmp_path / "b.json"
    bad.write_text("{not json", encoding="utf-8")
    with pytest.raises(KgError, match="unreadable gold"):
        evaluate([bad], tmp_path)


def test_anchor_missing_from_article_counts_as_a_miss():
    gold = json.loads(json.dumps(GOLD))
    gold["denials"].append({"id": "D9", "denier": "Ann Lee", "denies": [], "sentence_contains": "not in the text"})
    sc = score_article(RAW, gold, {"entities": [], "statements": []})
    assert any("D9" in m for m in sc["denials"]["misses"])


def _check_every_item_listed(report):
    for cat, sc in report["totals"].items():
        assert len(sc["false"]) == sc["n_pred"] - sc["tp_pred"], (cat, sc["false"])
        assert len(sc["misses"]) == sc["n_gold"] - sc["tp_gold"], (cat, sc["misses"])


def test_wrong_links_are_each_listed_and_name_the_allegation():
    gold = {
        **GOLD,
        "allegations": GOLD["allegations"]
        + [
            {
                "id": "A2",
                "claimant": "Rival X",
                "target": "Ann Lee",
                "summary": "Lee is a fake",
                "sentence_contains": "called it fake",
            }
        ],
    }
    res = {
        "entities": [ent("person:ann-lee", "Ann Lee", ["Lee"]), ent("person:rival-x", "Rival X")],
        "statements": [
            stmt("s1", "accusation", "Rival X accused Ann Lee of fraud.", "Rival X"),
            {**stmt("s2", "denial", "Lee denied it.", "Lee", "person:ann-lee", "Ann Lee"), "denies": ["s3", "s4"]},
            stmt("s3", "claim", "The paper could not verify it.", "The paper"),
            stmt(
                "s4", "allegation", "Spokesmen for both sides called it fake.", "Rival X", "person:rival-x", "Rival X"
            ),
        ],
    }
    rep = {"articles": {"a.txt": score_article(RAW, gold, res)}}
    links = rep["articles"]["a.txt"]["links"]
    assert links["n_pred"] - links["tp_pred"] == len(links["false"]) == 2
    assert links["false"] == [
        "D1 (Ann Lee) -> A2 (Rival X against Ann Lee: Lee is a fake): not a gold link",
        "D1 (Ann Lee) -> s3 “The paper could not verify it.”: not an allegation in gold",
    ]
    assert links["misses"] == ["D1 (Ann Lee) should deny A1 (unattributed against Ann Lee: “accused Ann Lee”)"]


def test_report_lists_every_miss_and_false_item_without_python_none(corpus_dir):
    rep = evaluate(sorted((corpus_dir / "gold").glob("*.json")), corpus_dir)
    _check_every_item_listed(rep)
    text = format_report(rep)
    assert "None" not in text and "[]" not in text and "'" not in text.split("\n\n", 1)[1].replace("’", "")


def test_dev_report_lists_every_item(corpus_dir):
    dev = corpus_dir.parent / "eval" / "dev"
    rep = evaluate(sorted((dev / "gold").glob("*.json")), dev / "articles")
    _check_every_item_listed(rep)
    assert "None" not in format_report(rep)

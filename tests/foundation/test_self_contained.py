"""A fresh clone needs nothing beside it: the bundled corpus carries its own
hand annotations (corpus/gold/), and no test, target or document reaches
outside the repository for them."""

import json
import re
import subprocess

from ..conftest import CORPUS, ROOT

OUTSIDE = re.compile(r"\.\./shared|parents?\b[^\n]*/ *\"shared\"|\.parent\.parent / \"shared\"")


def tracked_files():
    out = subprocess.run(["git", "ls-files"], cwd=ROOT, capture_output=True, text=True)
    if out.returncode != 0:  # not a git checkout (an sdist): look at the usual places
        return [p for d in ("kg", "tests", "docs", "eval", "bench") for p in (ROOT / d).rglob("*") if p.is_file()] + [
            ROOT / "README.md",
            ROOT / "Makefile",
        ]
    return [ROOT / f for f in out.stdout.splitlines()]


def test_every_corpus_article_has_its_annotations_beside_it():
    articles = sorted(p.name for p in CORPUS.glob("*.txt"))
    gold = sorted(json.loads(p.read_text("utf-8"))["article"] for p in (CORPUS / "gold").glob("*.json"))
    assert articles and gold == articles
    for p in (CORPUS / "gold").glob("*.json"):
        g = json.loads(p.read_text("utf-8"))
        raw = (CORPUS / g["article"]).read_text("utf-8")
        for kind in ("allegations", "denials", "not_denials", "statements"):
            for item in g.get(kind, []):
                if item.get("sentence_contains"):
                    assert raw.count(item["sentence_contains"]) == 1, (p.name, item)


def test_nothing_reads_outside_the_repository():
    offenders = []
    for f in tracked_files():
        if (
            f.suffix not in (".py", ".md", ".toml", ".cfg", ".txt", ".rq", "")
            or not f.is_file()
            or f == ROOT / __file__
        ):
            continue
        text = f.read_text("utf-8", errors="replace")
        for m in OUTSIDE.finditer(text):
            offenders.append(f"{f.relative_to(ROOT)}: {m.group(0)}")
    assert offenders == []

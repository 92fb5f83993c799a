"""Bench corpora made from corpus/ by variation, not duplication.

Every copy of an article gets its own marker paragraph after the first body
paragraph, so each file has a distinct content hash (a duplicate would be
skipped by ingest's hash check and measure nothing) while the text spaCy and
the extractor see stays the real article.
"""

from __future__ import annotations

import json
import shutil
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
CORPUS = ROOT / "corpus"
DESKS = ["Phnom Penh", "Siem Reap", "Battambang", "Kampot", "Kep", "Takeo", "Kratie", "Pursat"]


def originals() -> list[tuple[str, str, dict]]:
    out = []
    for f in sorted(CORPUS.glob("*.txt")):
        meta_path = f.with_name(f.stem + ".meta.json")
        meta = json.loads(meta_path.read_text("utf-8")) if meta_path.exists() else {}
        out.append((f.stem, f.read_text("utf-8"), meta))
    return out


def _marker(k: int) -> str:
    desk = DESKS[k % len(DESKS)]
    return (
        f"This is edition {k} of the story, updated by the {desk} desk on day {k % 28 + 1}. "
        f"Archive reference {k:05d} records {k % 7 + 2} revisions."
    )


def vary(text: str, k: int) -> str:
    """Insert marker paragraph k after the first paragraph of 30+ words."""
    paras = text.split("\n\n")
    at = next((i for i, p in enumerate(paras) if len(p.split()) >= 30), len(paras) - 1)
    return "\n\n".join(paras[: at + 1] + [_marker(k)] + paras[at + 1 :])


def make_corpus(dest: Path, copies: int) -> Path:
    """``copies`` variants of every article in corpus/ under ``dest`` (emptied first)."""
    if dest.exists():
        shutil.rmtree(dest)
    dest.mkdir(parents=True)
    for stem, text, meta in originals():
        for k in range(copies):
            name = f"{stem}_v{k:04d}"
            (dest / f"{name}.txt").write_text(vary(text, k), "utf-8")
            if meta:
                (dest / f"{name}.meta.json").write_text(json.dumps(meta), "utf-8")
    return dest


def words(paths) -> int:
    """Words spaCy sees: the cleaned text (chrome blanked), whitespace-split."""
    from kg.reading import expand, read_article

    sources, _ = expand([str(p) for p in paths])
    return sum(len(read_article(s).text.split()) for s in sources)


DEV = ROOT / "eval" / "dev" / "articles"


def make_articles(dest: Path, n: int) -> Path:
    """``n`` distinct articles under ``dest`` (emptied first): variants of the
    bundled articles and of the development stories in eval/dev/ in turn, so
    lengths and styles vary (wire, feature, court and social-media stories)."""
    if dest.exists():
        shutil.rmtree(dest)
    dest.mkdir(parents=True)
    sources = originals() + [(f.stem, f.read_text("utf-8"), {}) for f in sorted(DEV.glob("*.txt"))]
    for i in range(n):
        stem, text, meta = sources[i % len(sources)]
        name = f"{stem}_v{i // len(sources):04d}"
        (dest / f"{name}.txt").write_text(vary(text, i), "utf-8")
        if meta:
            (dest / f"{name}.meta.json").write_text(json.dumps(meta), "utf-8")
    return dest


def copy_articles(src: Path, dest: Path, n: int) -> Path:
    """The first ``n`` .txt files of a folder of real articles (for local runs
    on a corpus that must not be committed, e.g. PolNeAR's text/ folder)."""
    if dest.exists():
        shutil.rmtree(dest)
    dest.mkdir(parents=True)
    files = sorted(src.glob("*.txt"))[:n]
    if len(files) < n:
        raise SystemExit(f"{src} has only {len(files)} .txt files, {n} needed")
    for f in files:
        shutil.copy(f, dest / f.name)
    return dest

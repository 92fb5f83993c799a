"""Generated BRAT articles in PolNeAR's layout (invented sentences, no corpus text), for tests."""

from __future__ import annotations

import random
import subprocess
from pathlib import Path

from kg.corpora.brat import Attribution, write_ann

SOURCES = [
    "Maria Lopez",
    "The ministry",
    "A spokesman for the council",
    "Senator Paul Adeyemi",
    "She",
    "He",
    "The company",
    "Officials",
    "Dr. Ana Varga",
    "The union leader",
]
CONTENTS = [
    "the budget would be cut by half next year",
    "the report contained several errors",
    "no decision had been made about the bridge",
    "the inquiry should be reopened",
    "the figures were accurate",
    "the deal was signed in March",
    "talks would resume on Monday",
    "the school will stay open",
    "the allegations were false",
    "prices had risen sharply",
]
CUES = ["said", "told reporters", "claimed", "argued", "insisted", "warned", "stated", "added"]
FILLER = [
    "The river rose after three days of rain.",
    "Traffic was heavy on the ring road.",
    "The museum opens at nine.",
    "A new bakery sold out by noon.",
    "The match ended in a draw.",
]


class _Builder:
    def __init__(self):
        self.text, self.attrs = "", []

    def add(self, *parts):
        """parts: (text, role or None); returns nothing, records an attribution when roles are given."""
        spans = {"source": [], "cue": [], "content": []}
        for chunk, role in parts:
            if role:
                spans[role].append((len(self.text), len(self.text) + len(chunk)))
            self.text += chunk
        if spans["cue"]:
            self.attrs.append(
                Attribution(cue=tuple(spans["cue"]), content=tuple(spans["content"]), source=tuple(spans["source"]))
            )


def article(rng: random.Random, sentences: int = 8) -> tuple[str, list[Attribution]]:
    b = _Builder()
    b.add(("Invented headline for a test\n\n", None))
    for k in range(sentences):
        s, c, q = rng.choice(SOURCES), rng.choice(CONTENTS), rng.choice(CUES)
        form = rng.randrange(5)
        if form == 0:
            b.add((s, "source"), (" ", None), (q, "cue"), (" that ", None), (c, "content"), (". ", None))
        elif form == 1:
            b.add(
                ("\u201c", None),
                (c[0].upper() + c[1:] + ",", "content"),
                ("\u201d ", None),
                (s, "source"),
                (" ", None),
                ("said", "cue"),
                (". ", None),
            )
        elif form == 2:
            b.add(
                ("According to ", "cue"),
                (s if s not in ("She", "He") else "the mayor", "source"),
                (", ", None),
                (c, "content"),
                (". ", None),
            )
        else:
            b.add((rng.choice(FILLER) + " ", None))
        if k % 3 == 2:
            b.text = b.text.rstrip(" ") + "\n\n"
    return b.text.rstrip() + "\n", b.attrs


def write_corpus(root: Path, n: int = 12, seed: int = 0, publisher: str = "testpub") -> list[str]:
    """A PolNeAR-layout folder under ``root`` with ``n`` generated articles; returns their ids."""
    rng = random.Random(seed)
    text_dir, ann_dir = root / "data" / "train" / "text", root / "data" / "train" / "attributions"
    text_dir.mkdir(parents=True, exist_ok=True)
    ann_dir.mkdir(parents=True, exist_ok=True)
    ids = []
    for k in range(n):
        aid = f"{publisher}_2016-01-{k + 1:02d}_generated-article-{k}"
        text, attrs = article(rng)
        (text_dir / f"{aid}.txt").write_text(text, "utf-8")
        (ann_dir / f"{aid}_a1b2.ann").write_text(write_ann(attrs, text), "utf-8")
        ids.append(aid)
    return ids


def make_bare_git(src: Path, dest: Path) -> Path:
    """A bare git repository whose HEAD holds the files under ``src`` (as PolNeAR's own repository does)."""
    work = dest.parent / (dest.name + "-work")
    env = {
        "GIT_AUTHOR_NAME": "t",
        "GIT_AUTHOR_EMAIL": "t@example.org",
        "GIT_COMMITTER_NAME": "t",
        "GIT_COMMITTER_EMAIL": "t@example.org",
        "HOME": str(dest.parent),
        "PATH": "/usr/bin:/bin",
    }
    subprocess.run(["git", "init", "-q", str(work)], check=True, env=env)
    subprocess.run(["cp", "-r", f"{src}/.", str(work)], check=True)
    subprocess.run(["git", "-C", str(work), "add", "-A"], check=True, env=env)
    subprocess.run(["git", "-C", str(work), "commit", "-qm", "data"], check=True, env=env)
    subprocess.run(["git", "clone", "-q", "--bare", str(work), str(dest)], check=True, env=env)
    return dest

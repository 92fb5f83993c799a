"""Read PolNeAR train-split article texts at run time (no PolNeAR text lives in this repository).

The corpus location comes from ``--polnear DIR`` or ``$KG_POLNEAR``. Two layouts are accepted:

- a checkout folder in PolNeAR's own layout (``DIR/data/train/text/<id>.txt``), such as a plain copy;
- PolNeAR's bare git repository (``DIR`` holds ``HEAD`` and ``objects/``, or ``DIR/repo`` does).

Only ``data/train/text/`` is ever read: the dev and test splits are never opened. Ids listed in
``eval/polnear/holdout.txt`` are skipped unless the caller passes another exclusion list.
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path
from typing import Iterator

HERE = Path(__file__).resolve().parent
TRAIN_TEXT = "data/train/text/"


def read_ids(path: Path) -> set[str]:
    """Article ids from a list file: one per line, '#' comments and blank lines ignored."""
    ids = set()
    for line in path.read_text(encoding="utf-8").splitlines():
        line = line.split("#", 1)[0].strip()
        if line:
            ids.add(line)
    return ids


def corpus_dir(option: str | None) -> Path:
    """The corpus folder from the option or $KG_POLNEAR; exits 2 with one line when neither works."""
    raw = option or os.environ.get("KG_POLNEAR")
    if not raw:
        print("error: no PolNeAR copy given: pass --polnear DIR or set KG_POLNEAR", file=sys.stderr)
        sys.exit(2)
    path = Path(raw).expanduser()
    if not path.is_dir():
        print(f"error: PolNeAR folder not found: {path}", file=sys.stderr)
        sys.exit(2)
    return path


def _bare_git(path: Path) -> Path | None:
    for cand in (path, path / "repo"):
        if (cand / "HEAD").is_file() and (cand / "objects").is_dir():
            return cand
    return None


def _git(git_dir: Path, *args: str, data: bytes | None = None) -> bytes:
    return subprocess.run(
        ["git", f"--git-dir={git_dir}", *args], input=data, check=True, capture_output=True
    ).stdout


def _git_texts(git_dir: Path) -> Iterator[tuple[str, str]]:
    listing = _git(git_dir, "ls-tree", "HEAD", TRAIN_TEXT).decode("utf-8").splitlines()
    entries = []
    for line in listing:
        meta, name = line.split("\t", 1)
        if name.endswith(".txt"):
            entries.append((Path(name).stem, meta.split()[2]))
    entries.sort()
    blob = _git(git_dir, "cat-file", "--batch", data="".join(f"{sha}\n" for _, sha in entries).encode())
    pos = 0
    for art_id, _sha in entries:
        header_end = blob.index(b"\n", pos)
        size = int(blob[pos:header_end].split()[2])
        body = blob[header_end + 1 : header_end + 1 + size]
        pos = header_end + 1 + size + 1
        yield art_id, body.decode("utf-8")


def train_texts(path: Path, exclude: set[str]) -> Iterator[tuple[str, str]]:
    """(article id, text) for every train article not in ``exclude``, sorted by id.

    Text is decoded as UTF-8 with newlines untouched, so offsets agree with PolNeAR's BRAT files.
    """
    git_dir = _bare_git(path)
    if git_dir is not None:
        source = _git_texts(git_dir)
    else:
        text_dir = path / TRAIN_TEXT
        if not text_dir.is_dir():
            print(f"error: no {TRAIN_TEXT} under {path} (and not a bare git copy)", file=sys.stderr)
            sys.exit(2)
        source = (
            (f.stem, f.read_bytes().decode("utf-8")) for f in sorted(text_dir.glob("*.txt"))
        )
    for art_id, text in source:
        if art_id not in exclude:
            yield art_id, text

"""Access to a PolNeAR copy (Newell, Margolin and Ruths 2018), train split only.

The corpus is never shipped with kg (it has no licence): its location comes from ``--polnear DIR``
or ``$KG_POLNEAR`` and may be either

* a checkout or plain copy in PolNeAR's own layout (``DIR/data/train/{text,attributions}``;
  ``DIR/data`` or ``DIR/data/train`` are accepted too), or
* the bare git repository (read with one ``git cat-file --batch`` process, so it is fast).

Only ``data/train/`` is ever listed or read: a location inside the dev or test split is refused, and
so is any id that is not in the train split. The project's hold-out ids (``folds/holdout.txt``, a
copy of ``eval/polnear/holdout.txt``) are always left out; ``folds/validation.txt`` is the validation
fold (never trained on); the rest of the train split is the training fold.

Several annotators annotated a few articles (agreement checks). kg then uses the annotation with the
most complete attributions, ties going to the smallest annotator id, so the choice is deterministic
and favours the most complete reading (PolNeAR's own loader picks one at random).
"""

from __future__ import annotations

import os
import re
import subprocess
from dataclasses import dataclass
from importlib import resources
from pathlib import Path

from ..errors import KgError
from .brat import Attribution, parse_ann

SPLIT = "train"
_ID_RE = re.compile(r"^[a-z0-9-]+_\d{4}-\d{2}-\d{2}_[^\s/]+$")
_ANN_RE = re.compile(r"^(?P<id>.+)_(?P<annotator>[0-9a-f]{4})\.ann$")
FOLDS = ("training", "validation")


@dataclass(frozen=True)
class Article:
    id: str
    text: str
    attributions: tuple[Attribution, ...]
    annotator: str
    incomplete: int = 0  # events without cue or content in the chosen annotation

    @property
    def publisher(self) -> str:
        return self.id.split("_", 1)[0]


def read_id_file(path: str | Path) -> list[str]:
    """Article ids, one a line; blank lines and ``#`` comments ignored."""
    p = Path(path)
    try:
        lines = p.read_text("utf-8").splitlines()
    except FileNotFoundError:
        raise KgError(f"no such id file: {path}") from None
    except (OSError, UnicodeDecodeError) as exc:
        raise KgError(f"cannot read id file {path}: {exc}") from None
    ids = []
    for n, line in enumerate(lines, 1):
        line = line.split("#", 1)[0].strip()
        if not line:
            continue
        if not _ID_RE.match(line):
            raise KgError(f"{path}:{n}: not a PolNeAR article id: '{line[:60]}'")
        ids.append(line)
    return ids


def shipped_fold(name: str) -> list[str]:
    """The fold lists kg ships (``validation`` or ``holdout``)."""
    text = resources.files("kg.corpora").joinpath("folds", f"{name}.txt").read_text("utf-8")
    return [x.split("#", 1)[0].strip() for x in text.splitlines() if x.split("#", 1)[0].strip()]


class _Folder:
    """A PolNeAR copy in its own folder layout; ``root`` is the train split folder."""

    def __init__(self, root: Path):
        self.root = root
        self.label = str(root)

    def listing(self) -> tuple[set[str], dict[str, list[str]]]:
        texts = {p.stem for p in (self.root / "text").glob("*.txt")}
        anns: dict[str, list[str]] = {}
        for p in (self.root / "attributions").glob("*.ann"):
            m = _ANN_RE.match(p.name)
            if m:
                anns.setdefault(m["id"], []).append(m["annotator"])
        return texts, anns

    def describe(self) -> dict:
        return {"kind": "folder"}

    def read(self, paths: list[str]) -> list[str]:
        out = []
        for rel in paths:
            try:
                out.append((self.root / rel).read_text("utf-8"))
            except (OSError, UnicodeDecodeError) as exc:
                raise KgError(f"cannot read {self.root / rel}: {exc}") from None
        return out


class _Git:
    """A bare git copy of the PolNeAR repository (HEAD), read through ``git cat-file --batch``."""

    PREFIX = "data/train/"

    def __init__(self, git_dir: Path):
        self.git_dir = git_dir
        self.label = f"{git_dir} (git)"
        self._blobs: dict[str, str] = {}

    def _git(self, *args: str, stdin: bytes | None = None) -> bytes:
        try:
            proc = subprocess.run(
                ["git", f"--git-dir={self.git_dir}", *args], input=stdin, capture_output=True, check=False
            )
        except FileNotFoundError:
            raise KgError("reading a bare PolNeAR git copy needs the 'git' program on PATH") from None
        if proc.returncode != 0:
            raise KgError(f"git failed on {self.git_dir}: {proc.stderr.decode('utf-8', 'replace').strip()[:200]}")
        return proc.stdout

    def listing(self) -> tuple[set[str], dict[str, list[str]]]:
        out = self._git("ls-tree", "-r", "HEAD", self.PREFIX + "text", self.PREFIX + "attributions")
        texts: set[str] = set()
        anns: dict[str, list[str]] = {}
        for line in out.decode("utf-8").splitlines():
            meta, path = line.split("\t", 1)
            rel = path[len(self.PREFIX) :]
            self._blobs[rel] = meta.split()[2]
            folder, _, name = rel.partition("/")
            if folder == "text" and name.endswith(".txt"):
                texts.add(name[:-4])
            elif folder == "attributions" and (m := _ANN_RE.match(name)):
                anns.setdefault(m["id"], []).append(m["annotator"])
        return texts, anns

    def describe(self) -> dict:
        return {"kind": "git", "commit": self._git("rev-parse", "HEAD").decode().strip()}

    def read(self, paths: list[str]) -> list[str]:
        if not self._blobs:
            self.listing()
        shas = [self._blobs[p] for p in paths]
        data = self._git("cat-file", "--batch", stdin="".join(s + "\n" for s in shas).encode())
        out, pos = [], 0
        for sha in shas:
            nl = data.index(b"\n", pos)
            header = data[pos:nl].split()
            if len(header) != 3 or header[0].decode() != sha:
                raise KgError(f"git cat-file gave an unexpected answer for {sha}")
            size = int(header[2])
            out.append(data[nl + 1 : nl + 1 + size].decode("utf-8"))
            pos = nl + 1 + size + 1
        return out


def _refuse_split(p: Path) -> None:
    parts = [x.lower() for x in p.resolve().parts]
    for split in ("dev", "test"):
        if split in parts[-3:] and (
            "data" in parts[-4:-1] or (p / "attributions").is_dir() or p.name == "attributions"
        ):
            raise KgError(
                f"{p} is in PolNeAR's {split} split: kg reads only the train split (dev and test stay unopened)"
            )


def _locate(location: str | None):
    loc = location or os.environ.get("KG_POLNEAR")
    if not loc:
        raise KgError("no PolNeAR copy given: use --polnear DIR or set KG_POLNEAR")
    p = Path(loc).expanduser()
    if not p.is_dir():
        raise KgError(f"PolNeAR copy not found: {loc} is not a folder")
    _refuse_split(p)
    if (p / "HEAD").is_file() and (p / "objects").is_dir():
        return _Git(p)
    for cand in (p / "data" / SPLIT, p / SPLIT, p):
        if (cand / "text").is_dir() and (cand / "attributions").is_dir():
            if cand.name != SPLIT:
                raise KgError(f"{cand} is not PolNeAR's train split folder: kg reads only data/train")
            return _Folder(cand)
    raise KgError(
        f"{loc} is not a PolNeAR copy: expected data/train/text and data/train/attributions, or a bare git copy"
    )


class Polnear:
    """The train split of one PolNeAR copy."""

    def __init__(self, location: str | None = None):
        self._store = _locate(location)
        texts, anns = self._store.listing()
        self.annotators = {i: sorted(a) for i, a in anns.items() if i in texts}
        if not self.annotators:
            raise KgError(f"no annotated articles in the train split of {self._store.label}")

    @property
    def label(self) -> str:
        return self._store.label

    def ids(self) -> list[str]:
        return sorted(self.annotators)

    def describe(self) -> dict:
        """How the copy was read (folder, or git and its commit): provenance without local paths."""
        return {**self._store.describe(), "train_articles": len(self.annotators)}

    def fold(self, name: str, exclude: list[str] = (), validation: list[str] | None = None) -> list[str]:
        """Ids of ``training`` (train minus hold-out, exclusions and validation) or ``validation``.

        ``validation`` replaces the shipped validation fold (e.g. for a small generated corpus).
        """
        if name not in FOLDS:
            raise KgError(f"unknown fold '{name}': choose one of {', '.join(FOLDS)}")
        validation = shipped_fold("validation") if validation is None else list(validation)
        held = set(shipped_fold("holdout")) & set(validation)
        if held:
            raise KgError(f"the validation ids include {len(held)} hold-out ids: those are kept for judging only")
        if name == "validation":
            missing = [i for i in validation if i not in self.annotators]
            if missing:
                raise KgError(f"{len(missing)} validation ids are not in {self.label} (first: {missing[0]})")
            return validation
        skip = set(shipped_fold("holdout")) | set(exclude) | set(validation)
        return [i for i in self.ids() if i not in skip]

    def articles(self, ids: list[str]) -> list[Article]:
        """Text and chosen annotation of each id (order kept)."""
        unknown = [i for i in ids if i not in self.annotators]
        if unknown:
            raise KgError(
                f"not in the PolNeAR train split of {self.label}: {unknown[0]}"
                + (f" (and {len(unknown) - 1} more)" if len(unknown) > 1 else "")
            )
        paths = []
        for i in ids:
            paths.append(f"text/{i}.txt")
            paths.extend(f"attributions/{i}_{a}.ann" for a in self.annotators[i])
        blobs = iter(self._store.read(paths))
        out = []
        for i in ids:
            text = next(blobs)
            parsed = [(a, parse_ann(next(blobs), f"{i}_{a}.ann")) for a in self.annotators[i]]
            annotator, ann = max(parsed, key=lambda x: (len(x[1].attributions), [-ord(c) for c in x[0]]))
            out.append(Article(i, text, tuple(ann.attributions), annotator, ann.incomplete))
        return out

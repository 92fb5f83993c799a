"""Reading PolNeAR articles at run time (nothing of its text is committed).

The corpus location comes from --polnear or $KG_POLNEAR: a PolNeAR checkout
(data/<split>/text/<id>.txt, data/metadata.tsv) or the bare git copy (read
with `git show HEAD:...`). Only the TRAIN split is ever read.
"""

from __future__ import annotations

import csv
import io
import json
import os
import subprocess
from pathlib import Path

SPLIT = "train"


class PolNeAR:
    def __init__(self, root: str | None = None):
        root = root or os.environ.get("KG_POLNEAR")
        if not root:
            raise SystemExit("PolNeAR not found: pass --polnear PATH or set KG_POLNEAR")
        self.root = Path(root)
        self.bare = not (self.root / "data").is_dir() and (self.root / "HEAD").is_file()
        if not self.bare and not (self.root / "data").is_dir():
            raise SystemExit(f"{root}: neither a PolNeAR checkout (data/) nor its bare git copy")

    def _read(self, rel: str) -> str:
        if self.bare:
            out = subprocess.run(["git", f"--git-dir={self.root}", "show", f"HEAD:{rel}"], capture_output=True, check=True)
            return out.stdout.decode("utf-8")
        return (self.root / rel).read_text("utf-8")

    def text(self, article_id: str) -> str:
        return self._read(f"data/{SPLIT}/text/{article_id}.txt")

    def metadata(self) -> dict[str, dict]:
        out = {}
        for row in csv.reader(io.StringIO(self._read("data/metadata.tsv")), delimiter="\t"):
            if len(row) > 7 and row[0] == SPLIT:
                out[row[1]] = {"publisher": row[4], "date": row[5], "title": row[7]}
        return out

    def write_corpus(self, ids: list[str], out: Path) -> list[Path]:
        """Articles as .txt with .meta.json sidecars (title, publisher, date) in ``out``."""
        meta = self.metadata()
        out.mkdir(parents=True, exist_ok=True)
        paths = []
        for i in ids:
            p = out / f"{i}.txt"
            p.write_text(self.text(i), "utf-8")
            m = meta.get(i, {})
            (out / f"{i}.meta.json").write_text(json.dumps({k: v for k, v in m.items() if v and v != "None"}), "utf-8")
            paths.append(p)
        return paths

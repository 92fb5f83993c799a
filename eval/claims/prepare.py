"""Write the PolNeAR train split (minus the hold-out) as articles kg can ingest:
<out>/train/ (training fold) and <out>/validation/ (eval/polnear/validation.txt),
each article with a .meta.json sidecar (title, publisher, date).

    python eval/claims/prepare.py --polnear PATH --out /tmp/pn
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

from evaluate import fold  # noqa: E402
from polnear import PolNeAR  # noqa: E402


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--polnear", help="PolNeAR checkout or bare git copy (default $KG_POLNEAR)")
    ap.add_argument("--out", required=True)
    args = ap.parse_args(argv)
    corpus = PolNeAR(args.polnear)
    hold, val = fold("holdout"), fold("validation")
    ids = sorted(i for i in corpus.metadata() if i not in hold)
    out = Path(args.out)
    corpus.write_corpus([i for i in ids if i not in val], out / "train")
    corpus.write_corpus([i for i in ids if i in val], out / "validation")
    print(f"{len(ids)} articles written under {out}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())

"""Peak memory of `kg extract` and `kg ingest` on one long text, by size.

One spaCy call over a whole text needs ~3 GB of RSS per MB (measured before
kg.parse existed: 1 MB took 3.2 GB, 2 MB 6.3 GB), so the default
`--max-size 10` would have admitted files needing ~30 GB. Texts are now parsed
in pieces, extracted in windows and written in parts (kg.parse, kg.windows,
kg.ingest). Target: peak RSS under 1 GiB for every size up to the 10 MB limit.

The texts are the bundled and development articles (corpus/, eval/dev/articles/)
one after another, again and again, each round headed "Edition N": news-dense
text, about 7,500 statements per MB. Every command runs as its own process
under an 8 GB address-space limit, so a regression fails instead of taking
the machine down.

    python bench/long_text.py                      # 0.1 0.5 1 2 5 10 MB, extract and ingest (~2-3 h here)
    python bench/long_text.py --sizes 0.1,1 --commands ingest
"""

from __future__ import annotations

import argparse
import resource
import shutil
import tempfile
from pathlib import Path

from _common import ROOT, finish, kg_command, run_measured

LIMIT_MIB = 1024
ADDRESS_SPACE = 8 * 10**9


def make_text(megabytes: float) -> str:
    """News-dense text of at least ``megabytes`` MB (UTF-8)."""
    files = sorted((ROOT / "corpus").glob("*.txt")) + sorted((ROOT / "eval" / "dev" / "articles").glob("*.txt"))
    body = "\n\n".join(f.read_text("utf-8").strip() for f in files)
    target = int(megabytes * 1024 * 1024)
    parts, size, k = [], 0, 0
    while size < target:
        part = f"Edition {k}.\n\n{body}\n\n"
        parts.append(part)
        size += len(part.encode("utf-8"))
        k += 1
    return "".join(parts)


def _limit():
    resource.setrlimit(resource.RLIMIT_AS, (ADDRESS_SPACE, ADDRESS_SPACE))


def measure(command: str, path: Path, work: Path) -> dict:
    if command == "extract":
        cmd = kg_command() + ["extract", "--format", "jsonl", str(path)]
    else:
        store = work / "store"
        shutil.rmtree(store, ignore_errors=True)
        cmd = kg_command() + ["--store", str(store), "ingest", "-q", str(path)]
    fig = run_measured(cmd, preexec_fn=_limit)
    if command == "extract":
        fig.pop("stdout", None)  # the JSON itself
    return fig


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--sizes", default="0.1,0.5,1,2,5,10", help="MB, comma-separated")
    ap.add_argument("--commands", default="extract,ingest")
    args = ap.parse_args()
    sizes = [float(x) for x in args.sizes.split(",")]
    commands = args.commands.split(",")
    rows = []
    with tempfile.TemporaryDirectory(prefix="kg-long-") as tmp:
        work = Path(tmp)
        for mb in sizes:
            path = work / f"long-{mb:g}mb.txt"
            text = make_text(mb)
            path.write_text(text, "utf-8")
            words = len(text.split())
            for command in commands:
                fig = measure(command, path, work)
                row = {"command": command, "mb": mb, "bytes": path.stat().st_size, "words": words,
                       "words_per_s": round(words / fig["wall_s"]), **fig}
                rows.append(row)
                print(f"{command} {mb:g} MB: peak {row['peak_rss_one_process_mib']:.0f} MiB, "
                      f"{fig['wall_s']:.0f} s ({row['words_per_s']} words/s)", flush=True)
    worst = {c: max(r["peak_rss_one_process_mib"] for r in rows if r["command"] == c) for c in commands}
    finish(
        "long_text",
        {"limit_mib": LIMIT_MIB, "rows": rows},
        {f"{c}: peak RSS < {LIMIT_MIB} MiB up to {max(sizes):g} MB": worst[c] < LIMIT_MIB for c in commands},
        ", ".join(f"{c} peak {worst[c]:.0f} MiB" for c in commands) + f" (sizes {args.sizes} MB)",
    )


if __name__ == "__main__":
    main()

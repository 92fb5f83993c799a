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
    python bench/long_text.py --resume             # after an interruption: keep what was measured
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import shutil
import tempfile
from pathlib import Path

from _common import RESULTS, ROOT, finish, kg_command, run_measured

LIMIT_MIB = 1024
ADDRESS_SPACE = 8 * 10**9


def make_text(megabytes: float) -> str:
    """News-dense text of ``megabytes`` MB (UTF-8), just under it: the
    largest text ``--max-size`` of that many MB admits."""
    files = sorted((ROOT / "corpus").glob("*.txt")) + sorted((ROOT / "eval" / "dev" / "articles").glob("*.txt"))
    body = "\n\n".join(f.read_text("utf-8").strip() for f in files)
    target = int(megabytes * 1024 * 1024)
    parts, size, k = [], 0, 0
    while size < target:
        part = f"Edition {k}.\n\n{body}\n\n"
        parts.append(part)
        size += len(part.encode("utf-8"))
        k += 1
    text = "".join(parts).encode("utf-8")[: target - 1].decode("utf-8", "ignore")
    return text[: text.rfind("\n\n") + 2]


def _limit():
    resource.setrlimit(resource.RLIMIT_AS, (ADDRESS_SPACE, ADDRESS_SPACE))


def measure(command: str, path: Path, work: Path) -> dict:
    if command == "extract":
        cmd = kg_command() + ["extract", "--format", "jsonl", str(path)]
    else:
        store = work / "store"
        shutil.rmtree(store, ignore_errors=True)
        cmd = kg_command() + ["--store", str(store), "ingest", "-q", str(path)]
    fig = run_measured(cmd, preexec_fn=_limit, check=False)
    if command == "extract":
        fig.pop("stdout", None)  # the JSON itself
    return fig


def _save_partial(rows: list[dict]) -> None:
    """The rows so far (a 10 MB run takes long: an interruption keeps what was measured)."""
    RESULTS.mkdir(exist_ok=True)
    (RESULTS / "long_text.partial.json").write_text(json.dumps(rows, indent=2) + "\n", "utf-8")


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--sizes", default="0.1,0.5,1,2,5,10", help="MB, comma-separated")
    ap.add_argument("--commands", default="extract,ingest")
    ap.add_argument(
        "--resume",
        action="store_true",
        help="keep the rows an interrupted run saved (results/long_text.partial.json), measure the rest",
    )
    args = ap.parse_args()
    sizes = [float(x) for x in args.sizes.split(",")]
    commands = args.commands.split(",")
    partial = RESULTS / "long_text.partial.json"
    rows = json.loads(partial.read_text("utf-8")) if args.resume and partial.exists() else []
    rows = [r for r in rows if r["command"] in commands and r["mb"] in sizes and "returncode" not in r]
    done = {(r["command"], r["mb"]) for r in rows}
    with tempfile.TemporaryDirectory(prefix="kg-long-") as tmp:
        work = Path(tmp)
        for mb in sizes:
            if all((c, mb) in done for c in commands):
                continue
            path = work / f"long-{mb:g}mb.txt"
            text = make_text(mb)
            path.write_text(text, "utf-8")
            words = len(text.split())
            for command in (c for c in commands if (c, mb) not in done):
                fig = measure(command, path, work)
                row = {
                    "command": command,
                    "mb": mb,
                    "bytes": path.stat().st_size,
                    "words": words,
                    "words_per_s": round(words / fig["wall_s"]),
                    "loadavg": round(os.getloadavg()[0], 2),
                    **fig,
                }
                rows.append(row)
                _save_partial(rows)
                failed = f" FAILED (exit {fig['returncode']}: {fig['stderr'][-200:]})" if "returncode" in fig else ""
                print(
                    f"{command} {mb:g} MB: peak {row['peak_rss_one_process_mib']:.0f} MiB, "
                    f"{fig['wall_s']:.0f} s ({row['words_per_s']} words/s){failed}",
                    flush=True,
                )
    worst = {c: max(r["peak_rss_one_process_mib"] for r in rows if r["command"] == c) for c in commands}
    ok = {c: all("returncode" not in r for r in rows if r["command"] == c) for c in commands}
    rows.sort(key=lambda r: (r["mb"], commands.index(r["command"])))
    partial.unlink(missing_ok=True)
    finish(
        "long_text",
        {"limit_mib": LIMIT_MIB, "rows": rows},
        {f"{c}: peak RSS < {LIMIT_MIB} MiB up to {max(sizes):g} MB": worst[c] < LIMIT_MIB and ok[c] for c in commands},
        ", ".join(f"{c} peak {worst[c]:.0f} MiB" for c in commands) + f" (sizes {args.sizes} MB)",
    )


if __name__ == "__main__":
    main()

"""Shared by the benchmarks: machine description, process-tree sampling, and
the result protocol (JSON figures on stdout and in bench/results/<name>.json,
a one-line summary, exit status 1 when a target is missed)."""

from __future__ import annotations

import json
import os
import platform
import subprocess
import sys
import threading
import time
from pathlib import Path

BENCH = Path(__file__).resolve().parent
ROOT = BENCH.parent
RESULTS = BENCH / "results"
_LOAD_AT_START = os.getloadavg()


def machine() -> dict:
    import psutil

    cpu = ""
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    return {
        "cpus": os.cpu_count(),
        "cpu_model": cpu or platform.processor(),
        "ram_gib": round(psutil.virtual_memory().total / 2**30, 1),
        "python": platform.python_version(),
        "platform": platform.platform(),
        # Other processes on the machine skew wall-clock figures: recorded so
        # a reader can tell a noisy run.
        "loadavg_at_start": [round(x, 2) for x in _LOAD_AT_START],
    }


def kg_command() -> list[str]:
    script = Path(sys.executable).parent / "kg"
    return [str(script)] if script.exists() else [sys.executable, "-c", "from kg.cli import main; main()"]


class TreeSampler:
    """Peak resident memory of a process and all its descendants (summed),
    sampled every 50 ms; fork-shared pages count once per process, so the
    sum is an upper bound."""

    def __init__(self, pid: int):
        import psutil

        self.root = psutil.Process(pid)
        self.peak_sum = 0
        self.peak_one = 0
        self.max_procs = 0
        self._stop = threading.Event()
        self._t = threading.Thread(target=self._run, daemon=True)
        self._t.start()

    def _run(self):
        import psutil

        while not self._stop.is_set():
            try:
                procs = [self.root] + self.root.children(recursive=True)
                rss = []
                for p in procs:
                    try:
                        rss.append(p.memory_info().rss)
                    except psutil.Error:
                        pass
                if rss:
                    self.peak_sum = max(self.peak_sum, sum(rss))
                    self.peak_one = max(self.peak_one, max(rss))
                    self.max_procs = max(self.max_procs, len(rss))
            except psutil.Error:
                pass
            self._stop.wait(0.05)

    def stop(self):
        self._stop.set()
        self._t.join()


def run_measured(
    cmd: list[str], *, env: dict | None = None, cwd: str | None = None, preexec_fn=None, check: bool = True
) -> dict:
    """Run a command to completion: wall time, CPU time of it and its
    descendants, peak RSS (sampled tree sum and the kernel's per-process max).
    ``preexec_fn`` runs in the child before the command (e.g. a memory limit).
    With ``check=False`` a failing command is returned (``returncode``,
    ``stderr``) instead of ending the benchmark."""
    import tempfile

    t0 = time.perf_counter()
    with tempfile.TemporaryFile("w+") as out_f, tempfile.TemporaryFile("w+") as err_f:
        proc = subprocess.Popen(cmd, stdout=out_f, stderr=err_f, text=True, env=env, cwd=cwd, preexec_fn=preexec_fn)
        sampler = TreeSampler(proc.pid)
        # wait4: the CPU time and peak RSS of this command alone (its own
        # children included), where RUSAGE_CHILDREN's ru_maxrss is the
        # largest of every command this benchmark has run so far.
        _pid, status, usage = os.wait4(proc.pid, 0)
        proc.returncode = os.waitstatus_to_exitcode(status)
        wall = time.perf_counter() - t0
        sampler.stop()
        out_f.seek(0)
        err_f.seek(0)
        out, err = out_f.read(), err_f.read()
    if proc.returncode != 0 and check:
        raise SystemExit(f"command failed ({proc.returncode}): {' '.join(cmd)}\n{out}\n{err}")
    fig = {
        "wall_s": round(wall, 3),
        "cpu_s": round(usage.ru_utime + usage.ru_stime, 3),
        "peak_rss_mib": round(sampler.peak_sum / 2**20, 1),
        "peak_rss_one_process_mib": round(max(sampler.peak_one, usage.ru_maxrss * 1024) / 2**20, 1),
        "processes": sampler.max_procs,
        "stdout": out.strip()[-500:],
    }
    if proc.returncode != 0:
        fig.update(returncode=proc.returncode, stderr=err.strip()[-500:])
    return fig


def finish(name: str, figures: dict, targets: dict[str, bool], summary: str) -> None:
    """Print and save the figures; exit 1 if any target was missed."""
    figures = {"bench": name, "machine": machine(), **figures, "targets": targets}
    figures["machine"]["loadavg_at_end"] = [round(x, 2) for x in os.getloadavg()]
    text = json.dumps(figures, indent=2, ensure_ascii=False)
    RESULTS.mkdir(exist_ok=True)
    (RESULTS / f"{name}.json").write_text(text + "\n", "utf-8")
    print(text)
    missed = [k for k, ok in targets.items() if not ok]
    print(f"{name}: {summary} -- " + ("all targets met" if not missed else "MISSED: " + ", ".join(missed)))
    sys.exit(1 if missed else 0)

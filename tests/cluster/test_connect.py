"""Choosing and checking a cluster: --scheduler values, option conflicts, an
unreachable scheduler, a scheduler without workers, a worker running another
kg; each a one-line error (usage errors exit 2)."""

from __future__ import annotations

import pytest
from click.testing import CliRunner

import kg.cluster.connect as C
import kg.cluster.tasks as T
from kg.cli import cli
from kg.cluster import parse_scheduler
from kg.errors import KgError

from ..servers import free_port

USAGE = "--scheduler takes tcp://HOST:PORT (a running 'dask scheduler') or local:N (N worker processes on this machine)"


@pytest.mark.parametrize(
    "spec, parsed",
    [
        ("local:2", ("local", 2)),
        ("local:64", ("local", 64)),
        ("tcp://10.0.0.5:8786", ("remote", "tcp://10.0.0.5:8786")),
        ("tcp://scheduler.example.org:8786/", ("remote", "tcp://scheduler.example.org:8786")),
        ("tls://[::1]:8786", ("remote", "tls://[::1]:8786")),
    ],
)
def test_scheduler_values(spec, parsed):
    assert parse_scheduler(spec) == parsed


@pytest.mark.parametrize(
    "spec, message",
    [
        ("local:0", f"{USAGE}: N must be 1 to 64, got 'local:0'"),
        ("local:65", f"{USAGE}: N must be 1 to 64, got 'local:65'"),
        ("local", f"{USAGE}, got 'local'"),
        ("10.0.0.5:8786", f"{USAGE}, got '10.0.0.5:8786'"),
        ("tcp://10.0.0.5", f"{USAGE}, got 'tcp://10.0.0.5'"),
        ("http://10.0.0.5:8786", f"{USAGE}, got 'http://10.0.0.5:8786'"),
        ("", f"{USAGE}, got ''"),
    ],
)
def test_bad_scheduler_values(spec, message):
    with pytest.raises(KgError) as err:
        parse_scheduler(spec)
    assert str(err.value) == message


def run(*args):
    return CliRunner().invoke(cli, list(map(str, args)))


@pytest.mark.parametrize(
    "args, last_line",
    [
        (
            ["--scheduler", "local:0"],
            "Error: Invalid value for '--scheduler': takes tcp://HOST:PORT (a running 'dask scheduler') or local:N (N worker processes on this machine): N must be 1 to 64, got 'local:0'",
        ),
        (
            ["--scheduler", "local:2", "--workers", "2"],
            "Error: give --workers (processes here) or --scheduler (a Dask cluster), not both",
        ),
        (["--send-texts"], "Error: --send-texts, --write-from-workers and --bulk-load need --scheduler"),
        (["--bulk-load"], "Error: --send-texts, --write-from-workers and --bulk-load need --scheduler"),
        (["--write-from-workers"], "Error: --send-texts, --write-from-workers and --bulk-load need --scheduler"),
    ],
)
def test_usage_errors_exit_2(tmp_path, args, last_line):
    out = run("--store", tmp_path / "s", "ingest", *args, tmp_path)
    assert out.exit_code == 2
    assert out.output.strip().splitlines()[-1] == last_line
    assert not (tmp_path / "s").exists()


def test_unreachable_scheduler(tmp_path, monkeypatch):
    monkeypatch.setattr(C, "CONNECT_TIMEOUT_S", 2.0)
    addr = f"tcp://127.0.0.1:{free_port()}"
    (tmp_path / "a.txt").write_text("Jane Roe denied it.\n", "utf-8")
    out = run("--store", tmp_path / "s", "ingest", "--scheduler", addr, tmp_path / "a.txt")
    assert out.exit_code == 1
    assert out.output.startswith(f"Error: cannot reach Dask scheduler at {addr}: ")
    assert out.output.endswith(" (start one with 'dask scheduler')\n") and out.output.count("\n") == 1


def test_scheduler_without_workers(tmp_path, monkeypatch):
    from distributed import LocalCluster

    monkeypatch.setattr(C, "WORKER_WAIT_S", 1.0)
    (tmp_path / "a.txt").write_text("Jane Roe denied it.\n", "utf-8")
    with LocalCluster(processes=False, n_workers=0, protocol="tcp", dashboard_address=None) as lc:
        addr = lc.scheduler_address
        out = run("--store", tmp_path / "s", "ingest", "-q", "--scheduler", addr, tmp_path / "a.txt")
    assert out.exit_code == 1
    assert (
        out.output
        == f"Error: no Dask worker joined {addr} within 1 s: start some with 'dask worker {addr} --nthreads 1'\n"
    )


def test_worker_running_another_kg(tmp_path, monkeypatch, scheduler):
    monkeypatch.setattr(T, "worker_info", lambda: {"kg": "0.0.1", "model": "x"})
    (tmp_path / "a.txt").write_text("Jane Roe denied it.\n", "utf-8")
    out = run("--store", tmp_path / "s", "ingest", "-q", "--scheduler", scheduler, tmp_path / "a.txt")
    assert out.exit_code == 1
    worker = out.output.split()[3]
    assert out.output == (
        f"Error: Dask worker {worker} runs kg 0.0.1, this client kg {__import__('kg').__version__}: "
        "install the same version everywhere\n"
    )


def test_cli_ingest_on_a_cluster(tmp_path, scheduler):
    (tmp_path / "a.txt").write_text(
        "Opposition leader Jane Roe accused Minister John Doe of fraud.\nDoe denied the allegations.\n", "utf-8"
    )
    out = CliRunner().invoke(
        cli,
        ["--store", str(tmp_path / "s"), "ingest", "-q", "--scheduler", scheduler, "-"],
        input=(tmp_path / "a.txt").read_text("utf-8"),
    )
    assert out.exit_code == 0, out.output
    lines = out.output.splitlines()
    assert lines[0].startswith("dashboard: http://")
    assert lines[1].startswith("1 read, 1 new, 0 unchanged, 0 failed; ")

"""Print the batch command's time and peak memory at 100 000 and 1 000 000 rows (nothing is
asserted).

Each size runs ``python -m core batch IN.csv OUT.csv`` in its own process on
``bench/core_bench.py``'s realistic file (about 1% bad cells); the peak is that process's
peak resident set size (VmHWM, read from /proc while it runs), the times its wall and CPU
time. Goals: 1 000 000
rows within 400 MB peak and within 11x the 100 000-row time (linear).

Usage: ``python bench/batch_cli_bench.py [--rows 100000 1000000]``. Other processes loading the
CPU move the times: run it twice.
"""

from __future__ import annotations

import argparse
import os
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from core_bench import batch_file  # bench/ is on sys.path when run  # noqa: E402


def high_water_mb(pid: int) -> float:
    """The process's peak resident set so far (VmHWM in /proc), in MB; 0 once it is gone."""
    try:
        status = Path(f"/proc/{pid}/status").read_text()
    except OSError:
        return 0.0
    for line in status.splitlines():
        if line.startswith("VmHWM:"):
            return int(line.split()[1]) / 1024
    return 0.0


def run_command(source: Path, target: Path) -> tuple[float, float, float]:
    """Wall seconds, CPU seconds and peak RSS (MB) of one ``python -m core batch`` process.

    The peak is read from /proc while the process runs (every 20 ms; it only grows): the
    ``ru_maxrss`` of a child also counts the parent's memory it was forked from.
    """
    started = time.perf_counter()
    process = subprocess.Popen(
        [sys.executable, "-m", "core", "batch", str(source), str(target)],
        cwd=ROOT,
        stdout=subprocess.DEVNULL,
    )
    peak = 0.0
    while process.poll() is None:
        peak = max(peak, high_water_mb(process.pid))
        time.sleep(0.02)
    seconds = time.perf_counter() - started
    if process.returncode:
        raise SystemExit(f"python -m core batch exited with {process.returncode}")
    return seconds, cpu_seconds_of_children(), peak


def cpu_seconds_of_children() -> float:
    """User + system CPU seconds of all waited-for children so far."""
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def main() -> None:
    """Run each size, print time, peak and the ratios to the first size."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--rows", type=int, nargs="+", default=[100_000, 1_000_000])
    arguments = parser.parse_args()
    figures: list[tuple[int, float, float, float, int]] = []
    with tempfile.TemporaryDirectory() as folder:
        for rows in arguments.rows:
            source, target = Path(folder, f"in-{rows}.csv"), Path(folder, f"out-{rows}.csv")
            source.write_bytes(batch_file(rows))
            cpu_before = cpu_seconds_of_children()
            seconds, cpu_after, peak = run_command(source, target)
            figures.append((rows, seconds, cpu_after - cpu_before, peak, source.stat().st_size))
            source.unlink()
            target.unlink()
    first_rows, first_seconds, first_cpu, _, _ = figures[0]
    print(f"load average {os.getloadavg()[0]:.1f} on {os.cpu_count()} cores")
    print(
        f"{'rows':>10} {'file MB':>8} {'wall s':>7} {'CPU s':>6} {'peak MB':>8} "
        f"{'wall ratio':>10} {'CPU ratio':>9}"
    )
    for rows, seconds, cpu, peak, size in figures:
        print(
            f"{rows:>10,} {size / 1e6:>8.1f} {seconds:>7.2f} {cpu:>6.2f} {peak:>8.0f} "
            f"{seconds / first_seconds:>9.2f}x {cpu / first_cpu:>8.2f}x"
            f"  (rows x{rows / first_rows:g})"
        )


if __name__ == "__main__":
    main()

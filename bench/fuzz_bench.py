"""The larger fuzz run: the same generators and contract checks as ``tests/fuzz``, on many more
inputs and a fresh seed, printing throughput and outcome counts per door (nothing is timed in
the tests; this script only prints).

Doors: ``model`` (parse_scenario, Scenario.model_validate, parse_scenario_keeping_valid),
``assess`` (``python -m core assess`` in process), ``batch`` (one file of N rows through
``python -m core batch``, then N/10 junk files through it).

Usage: ``python bench/fuzz_bench.py [--count N] [--seed S] [--door model|assess|batch ...]``.
A failure prints the seed and input index and exits 1; replay it with ``--seed``. Known core
bugs (tests/fuzz/test_known_bugs.py) are left out of the generators, as in the tests.
"""

from __future__ import annotations

import argparse
import functools
import random
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path[:0] = [str(ROOT), str(ROOT / "tests" / "fuzz")]

from test_batch_fuzz import run_files, run_table  # noqa: E402
from test_cli_fuzz import run_assess_door  # noqa: E402
from test_model_fuzz import run_model_door  # noqa: E402

import core.__main__ as cli  # noqa: E402

DOORS = ("model", "assess", "batch")


def _batch(seed: int, count: int) -> dict[str, int]:
    with tempfile.TemporaryDirectory() as folder:
        tally = run_table(Path(folder), seed, count)
    files = run_files(seed, max(1, count // 10))
    return {**tally, **{f"files_{key}": value for key, value in files.items()}}


def run(door: str, seed: int, count: int) -> bool:
    """One door: print its figures; False when a check failed."""
    runners: dict[str, Callable[[int, int], dict[str, int]]] = {
        "model": run_model_door,
        "assess": run_assess_door,
        "batch": _batch,
    }
    start = time.perf_counter()
    try:
        tally = runners[door](seed, count)
    except AssertionError as failure:
        print(f"{door:<7} FAILED (seed {seed}): {str(failure)[:2000]}")
        return False
    seconds = time.perf_counter() - start
    shown = ", ".join(f"{key} {value}" for key, value in tally.items())
    print(f"{door:<7} {count:>9} inputs  {seconds:7.1f} s  {count / seconds:9.0f}/s  {shown}")
    return True


def main() -> int:
    """Parse the options and fuzz each chosen door."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--count", type=int, default=100_000, help="inputs (rows) per door")
    parser.add_argument("--seed", type=int, default=None, help="replay a seed")
    parser.add_argument("--door", choices=DOORS, action="append", help="default: all three")
    options = parser.parse_args()
    seed = options.seed if options.seed is not None else random.SystemRandom().randrange(2**32)
    # The argparse parser is built once, as in the tests; main() still parses every argv.
    cli.build_parser = functools.cache(cli.build_parser)
    print(f"fuzz seed {seed}")
    results = [run(door, seed, options.count) for door in options.door or DOORS]
    return 0 if all(results) else 1


if __name__ == "__main__":
    sys.exit(main())

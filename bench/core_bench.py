"""Print the rules core's speed figures (medians of repeated runs; nothing is asserted).

1. ``assess`` latency for a few typical scenarios (goal <= 50 µs each).
2. The dose-map grid, age 18-100 x CrCl 0-250 step 1, for one set of other inputs (goal <= 100 ms).
3. ``batch`` on 100 000 rows against a plain pandas ``read_csv`` + ``to_csv`` of the same file
   (goal <= 5x that floor).

Usage: ``python bench/core_bench.py [--rows N] [--repeat R]``. Other processes loading the CPU
move the figures: run it twice and read the medians.
"""

from __future__ import annotations

import argparse
import io
import os
import random
import statistics
import sys
import time
from collections.abc import Callable
from functools import partial
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

import pandas as pd

from core import Scenario, assess
from core.batch import assess_csv
from core.grid import DEFAULT_AGES, DEFAULT_CRCLS, dose_grid

TYPICAL: dict[str, Scenario] = {
    "default": Scenario(),
    "72 y, CrCl 45": Scenario(age_years=72, crcl_ml_min=45),
    "68 y, female, creatinine 1.2": Scenario(age_years=68, creatinine_mg_dl=1.2),
    "several risks": Scenario(
        age_years=80,
        creatinine_umol_l=150,
        hbsag_positive=True,
        antiviral_prophylaxis=True,
        oat3_inhibitor=True,
        glucocorticoid=True,
    ),
}


def timings(action: Callable[[], object], number: int, repeat: int) -> tuple[float, float, float]:
    """Over ``repeat`` runs of the mean time of ``number`` calls: the median and best wall time,
    and the median CPU time of this process (the figure least moved by other processes)."""
    walls, cpus = [], []
    for _ in range(repeat):
        wall, cpu = time.perf_counter(), time.process_time()
        for _ in range(number):
            action()
        cpus.append((time.process_time() - cpu) / number)
        walls.append((time.perf_counter() - wall) / number)
    return statistics.median(walls), min(walls), statistics.median(cpus)


def batch_file(rows: int, seed: int = 1) -> bytes:
    """A realistic batch input: ids, demographics, creatinine or CrCl, a few flags, a note,
    and about 1% bad cells."""
    rng = random.Random(seed)
    lines = [
        "case_id,age_years,sex,weight_kg,creatinine_mg_dl,crcl_ml_min,failed_csdmard,"
        "recurrent_infections,hbsag_positive,antiviral_prophylaxis,oat3_inhibitor,pregnant,note"
    ]
    for index in range(rows):
        creatinine = f"{rng.uniform(0.5, 3.0):.2f}" if rng.random() < 0.6 else ""
        crcl = "" if creatinine or rng.random() < 0.3 else f"{rng.uniform(10, 140):.1f}"
        age = str(rng.randint(18, 95)) if rng.random() > 0.01 else "abc"
        lines.append(
            ",".join(
                (
                    f"P{index:06d}",
                    age,
                    rng.choice(("female", "male", "")),
                    f"{rng.uniform(40, 130):.1f}",
                    creatinine,
                    crcl,
                    rng.choice(("yes", "no", "")),
                    rng.choice(("no", "no", "no", "yes")),
                    rng.choice(("no",) * 9 + ("yes",)),
                    rng.choice(("no", "yes", "")),
                    rng.choice(("0",) * 9 + ("1",)),
                    rng.choice(("false",) * 19 + ("true",)),
                    rng.choice(("", "", "follow-up", "from clinic B")),
                )
            )
        )
    return ("\n".join(lines) + "\n").encode("utf-8")


def pandas_floor(data: bytes) -> bytes:
    """A plain pandas round trip of the same file (the floor the batch is measured against)."""
    frame = pd.read_csv(io.BytesIO(data))
    return frame.to_csv(index=False).encode("utf-8")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rows", type=int, default=100_000)
    parser.add_argument("--repeat", type=int, default=7)
    options = parser.parse_args()

    load = os.getloadavg()[0]
    print(
        f"load average {load:.1f} on {os.cpu_count()} CPUs; median wall time, best wall time and "
        f"median CPU time of {options.repeat} runs"
    )
    print("assess() latency (goal: <= 50 µs)")
    for label, scenario in TYPICAL.items():
        median, best, cpu = timings(partial(assess, scenario), 2000, options.repeat)
        print(f"  {label:<30} {median * 1e6:6.1f} µs  (best {best * 1e6:.1f}, CPU {cpu * 1e6:.1f})")

    cells = len(DEFAULT_AGES) * len(DEFAULT_CRCLS)
    base = Scenario(oat3_inhibitor=True, recurrent_infections=True)
    median, best, cpu = timings(lambda: dose_grid(base), 5, options.repeat)
    print(
        f"dose grid age 18-100 x CrCl 0-250 ({cells} cells): {median * 1e3:.1f} ms "
        f"(best {best * 1e3:.1f}, CPU {cpu * 1e3:.1f}; goal <= 100 ms)"
    )

    data = batch_file(options.rows)
    floors, batches = [], []
    for _ in range(options.repeat):  # interleaved, so both see the same machine load
        floors.append(timings(lambda: pandas_floor(data), 1, 1))
        batches.append(timings(lambda: assess_csv(data), 1, 1))
    floor, batch = (statistics.median(t[0] for t in runs) for runs in (floors, batches))
    floor_cpu, batch_cpu = (statistics.median(t[2] for t in runs) for runs in (floors, batches))
    print(
        f"batch {options.rows} rows ({len(data) / 1e6:.1f} MB): {batch:.3f} s; pandas read_csv + "
        f"to_csv floor {floor:.3f} s; ratio {batch / floor:.2f}x "
        f"(CPU {batch_cpu:.3f} s / {floor_cpu:.3f} s = {batch_cpu / floor_cpu:.2f}x; goal <= 5x)"
    )


if __name__ == "__main__":
    main()

"""Median Explorer script run after a widget change (AppTest), beside a bare page with the same
widgets and no logic. Goal: <= 100 ms and <= 2x the bare page.

Usage: ``python bench/page_bench.py [RUNS]``. Prints figures; asserts nothing.
"""

from __future__ import annotations

import statistics
import sys
import time
from pathlib import Path

from streamlit.testing.v1 import AppTest

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))  # the project, when run as a script
from bare_sidebar_page import bare_sidebar_page  # noqa: E402  (bench/ is on sys.path when run)

from ui.page_registry import EXPLORER as EXPLORER_PAGE  # noqa: E402

EXPLORER = ROOT / EXPLORER_PAGE.script


def _app(script: Path | None) -> AppTest:
    if script is None:
        return bare_sidebar_page()
    return AppTest.from_file(str(script), default_timeout=60)


def _started(script: Path | None) -> tuple[AppTest, float]:
    at = _app(script)
    at.query_params["crcl_ml_min"] = "45"
    started = time.perf_counter()
    at.run()
    first = (time.perf_counter() - started) * 1000
    if at.exception:
        raise RuntimeError(f"{script}: {at.exception[0].message}")
    return at, first


def _rerun_ms(at: AppTest, age: int) -> float:
    slider = at.slider(key="age_years").set_value(age)
    started = time.perf_counter()
    slider.run()
    return (time.perf_counter() - started) * 1000


def main(runs: int = 40) -> None:
    """Print the medians and the ratio. The two pages run alternately, so a busy machine
    slows both alike."""
    sys.path.insert(0, str(ROOT))
    bare_at, bare_first = _started(None)
    explorer_at, explorer_first = _started(EXPLORER)
    bare_times: list[float] = []
    explorer_times: list[float] = []
    for step in range(runs + 3):
        age = 60 + step % 25  # crosses 65 and 70: the verdict and dose change on the way
        bare_ms, explorer_ms = _rerun_ms(bare_at, age), _rerun_ms(explorer_at, age)
        if step >= 3:  # warm-up: first figure builds, caches
            bare_times.append(bare_ms)
            explorer_times.append(explorer_ms)
    bare, explorer = statistics.median(bare_times), statistics.median(explorer_times)
    print(f"runs per page: {runs} (age slider moved 60..84, CrCl 45)")
    for name, median, first in (
        ("bare page (same widgets, no logic)", bare, bare_first),
        ("explorer", explorer, explorer_first),
    ):
        print(f"{name:<36} median {median:6.1f} ms  (first run {first:.0f} ms)")
    print(f"ratio explorer / bare: {explorer / bare:.2f}  (goal <= 2.00; explorer goal <= 100 ms)")


if __name__ == "__main__":
    main(int(sys.argv[1]) if len(sys.argv) > 1 else 40)

"""Dose map page: median whole-page run after a change (AppTest), beside a bare page with the same
sidebar and no logic, plus the map's own pieces (grid, regions, figure, JSON) timed alone.
Goal: whole page run <= 150 ms. The page caches the grid per set of held inputs and the figure
per marker, so the "caches cleared" line is the cost of a scenario seen for the first time.

Usage: ``python bench/dose_map_bench.py [RUNS]``. Prints figures; asserts nothing. The two
pages run alternately, so a busy machine slows both alike; compare the difference too.
"""

from __future__ import annotations

import statistics
import sys
import time
from collections.abc import Callable
from pathlib import Path

import streamlit as st
from streamlit.testing.v1 import AppTest

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))  # the project, when run as a script
from bare_sidebar_page import bare_sidebar_page  # noqa: E402  (bench/ is on sys.path when run)

from ui.page_registry import DOSE_MAP as DOSE_MAP_PAGE  # noqa: E402

DOSE_MAP = ROOT / DOSE_MAP_PAGE.script


def _started(script: Path | None) -> AppTest:
    at = (
        bare_sidebar_page()
        if script is None
        else AppTest.from_file(str(script), default_timeout=60)
    )
    at.query_params["crcl_ml_min"] = "45"
    at.run()
    if at.exception:
        raise RuntimeError(f"{script}: {at.exception[0].message}")
    return at


def _timed(action: Callable[[], object]) -> float:
    started = time.perf_counter()
    action()
    return (time.perf_counter() - started) * 1000


def _change(at: AppTest, step: int) -> Callable[[], object]:
    """Alternate the two kinds of change a lecturer makes: the age slider, a factor."""
    if step % 2:
        return at.slider(key="age_years").set_value(60 + step % 25).run
    return at.checkbox(key="oat3_inhibitor").set_value(step % 4 == 0).run


def pieces_ms(runs: int) -> dict[str, float]:
    """Median ms of each piece of the map alone (no streamlit)."""
    from core import Scenario
    from core.dose_regions import map_summary
    from core.grid import dose_grid
    from ui.dose_map_figure import MapMarker, dose_map

    scenario = Scenario(age_years=72, crcl_ml_min=45, oat3_inhibitor=True)
    grid = dose_grid(scenario)
    figure = dose_map(grid, MapMarker(72, 45, "2 mg"))
    steps: dict[str, Callable[[], object]] = {
        "dose_grid (83 x 251 cells)": lambda: dose_grid(scenario),
        "map_summary": lambda: map_summary(grid),
        "dose_map figure": lambda: dose_map(grid, MapMarker(72, 45, "2 mg")),
        "figure to_json (what st.plotly_chart sends)": figure.to_json,
    }
    return {name: statistics.median(_timed(f) for _ in range(runs)) for name, f in steps.items()}


def main(runs: int = 30) -> None:
    """Print the page medians, their difference and the pieces."""
    sys.path.insert(0, str(ROOT))
    bare, page = _started(None), _started(DOSE_MAP)
    bare_times: list[float] = []
    page_times: list[float] = []
    for step in range(runs + 3):
        bare_ms, page_ms = _timed(_change(bare, step)), _timed(_change(page, step))
        if step >= 3:  # warm-up
            bare_times.append(bare_ms)
            page_times.append(page_ms)
    cold_times: list[float] = []
    for step in range(runs):
        st.cache_resource.clear()  # a scenario never seen: grid and figure built afresh
        cold_times.append(_timed(_change(page, step)))
    bare_median, page_median = statistics.median(bare_times), statistics.median(page_times)
    print(f"runs per page: {runs} (age slider and OAT3 checkbox alternately, CrCl 45)")
    print(f"{'bare page (same sidebar, no logic)':<44} median {bare_median:6.1f} ms")
    print(f"{'dose map page (whole run)':<44} median {page_median:6.1f} ms  (goal <= 150 ms)")
    print(f"{'dose map page minus bare page':<44} median {page_median - bare_median:6.1f} ms")
    cold = statistics.median(cold_times)
    print(f"{'dose map page, caches cleared (new inputs)':<44} median {cold:6.1f} ms")
    for name, ms in pieces_ms(runs).items():
        print(f"  {name:<42} median {ms:6.1f} ms")


if __name__ == "__main__":
    main(int(sys.argv[1]) if len(sys.argv) > 1 else 30)

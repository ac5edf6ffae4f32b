"""Print the batch page's speed on a big upload (nothing is asserted).

1. ``run_batch`` alone (what ``python -m core batch`` runs) and ``load_batch`` (the page's
   loading: ``run_batch`` plus the results table and the counts).
2. The page itself through AppTest and app.py: the script run that receives the uploaded bytes
   (assess, table, chart, everything drawn), then reruns that reuse the loaded file (a filter,
   another row for the exports). AppTest reruns the whole script each time; in the browser a
   new row number reruns only the row-exports fragment.
3. The result CSV, built when the download button is clicked.
4. Why error rows are not coloured with pandas Styler in the big table: its cost per cell.

The input is ``bench/core_bench.py``'s realistic file (about 1% bad cells).
Usage: ``python bench/batch_page_bench.py [--rows N]``. Other processes loading the CPU move
the figures: run it twice.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import time
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from core_bench import batch_file  # bench/ is on sys.path when run  # noqa: E402
from streamlit.testing.v1 import AppTest  # noqa: E402

from core.batch import run_batch  # noqa: E402
from ui.batch_results import ERROR_MARK, load_batch, result_csv  # noqa: E402
from ui.page_registry import BATCH  # noqa: E402


def seconds(action: Callable[[], object]) -> float:
    """Wall time of one call, in seconds."""
    started = time.perf_counter()
    action()
    return time.perf_counter() - started


def page_figures(data: bytes) -> None:
    """Time the page's script runs in AppTest (through app.py, as a user reaches it)."""
    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=600).run()
    at.switch_page(BATCH.script).run()
    at.file_uploader(key="batch.file").set_value(("big.csv", data, "text/csv"))
    upload_s = seconds(at.run)
    if at.exception or at.error:
        raise RuntimeError(f"the page failed: {at.exception or at.error[0].value}")
    rows = at.metric[0].value
    print(f"page run with the upload (assess + table + chart): {upload_s:6.2f} s ({rows} rows)")
    filter_s = seconds(at.multiselect(key="batch.f.verdict").set_value([ERROR_MARK]).run)
    shown = len(at.dataframe(key="batch.table").value)
    print(f"rerun: filter to the error rows ({shown:,} shown):   {filter_s:6.2f} s")
    clear_s = seconds(at.multiselect(key="batch.f.verdict").set_value([]).run)
    print(f"rerun: clear the filter (all rows shown):         {clear_s:6.2f} s")
    rows_s = [seconds(at.number_input(key="batch.row").set_value(n).run) for n in (2, 3, 4)]
    print(f"rerun: another row for the exports (median):      {statistics.median(rows_s):6.2f} s")


def styler_cost_ms_per_cell(cells_rows: int = 1_000) -> float:
    """pandas Styler + Streamlit's marshalling, per cell, on a slice of a result table."""
    from streamlit.elements.lib.pandas_styler_utils import marshall_styler
    from streamlit.proto.ArrowData_pb2 import ArrowData

    frame = load_batch("s.csv", batch_file(cells_rows)).frame.iloc[:, :8]
    styler = frame.style.apply(lambda row: ["background-color: #FDE2E1"] * len(row), axis=1)
    took = seconds(lambda: marshall_styler(ArrowData(), styler, "bench"))
    return 1000 * took / frame.size


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rows", type=int, default=100_000)
    rows = parser.parse_args().rows
    data = batch_file(rows)
    print(f"input: {rows:,} rows, {len(data) / 1e6:.1f} MB")
    core_s = seconds(lambda: run_batch(data))
    print(f"run_batch (the CLI's function):                   {core_s:6.2f} s")
    loaded = load_batch("big.csv", data)
    load_s = seconds(lambda: load_batch("big.csv", data))
    print(f"load_batch (run_batch + table + counts):          {load_s:6.2f} s")
    page_figures(data)
    csv_s = seconds(lambda: result_csv(loaded.result))
    size = len(result_csv(loaded.result))
    print(f"result CSV on click ({size / 1e6:.1f} MB):                  {csv_s:6.2f} s")
    per_cell = styler_cost_ms_per_cell()
    print(
        f"pandas Styler: {per_cell:.3f} ms a cell -> {rows:,} rows x 8 columns would take "
        f"~{per_cell * rows * 8 / 1000:.0f} s (so the big table marks errors with a column)"
    )


if __name__ == "__main__":
    main()

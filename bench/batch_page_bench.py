"""Print the batch page's memory and time on uploads at its limits (nothing is asserted).

1. In process: ``load_batch`` (the page's loading: ``review_batch``, the batch command's path,
   plus the results table), the result CSV put together when the download is clicked, and
   what a session keeps.
2. On a real server (``streamlit run app.py``) driven by Chromium: one upload of a file at the
   page's limits (just under ``server.maxUploadSize``, 50 MB, and ``MAX_ROWS`` rows), then two
   such uploads at once from two sessions. Each case starts a fresh server; its memory is read
   from ``/proc/<pid>/status``: idle = VmRSS with the /batch page(s) open before the upload,
   peak = VmHWM (the kernel's own high-water mark, so no sampling gap) after the results are on
   screen, retained = VmRSS then, and after leaving = VmRSS once every session has gone to
   another page (the results are dropped then; CPython keeps some freed memory for reuse).
   Goal: peak at most 500 MB above idle, for one upload and for two at once.

The file is every template column, realistic values (about 1% bad cells), and a note long enough
to reach the size limit at the row limit. Usage: ``python bench/batch_page_bench.py [--rows N]
[--megabytes M] [--skip-server]``. Debian's chromium at /usr/bin/chromium; loopback only.
"""

from __future__ import annotations

import argparse
import random
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from load import LAUNCH_ARGS, server_pid  # bench/ is on sys.path when run  # noqa: E402
from playwright.sync_api import Page, sync_playwright  # noqa: E402

from core.batch_review import MAX_ROWS, result_csv  # noqa: E402
from core.batch_template import TEMPLATE_COLUMNS  # noqa: E402
from core.scenario import FIELD_NAMES, allowed_values  # noqa: E402
from tools.app_server import IDLE_SELECTOR, running_app  # noqa: E402
from tools.browser import CHROMIUM, MISSING_CHROMIUM, open_page  # noqa: E402
from ui.batch_results import load_batch  # noqa: E402
from ui.page_registry import BATCH, EXPLORER  # noqa: E402

UPLOAD_MB = 50
RESULT_TIMEOUT_MS = 15 * 60_000


def seconds(action: Callable[[], object]) -> float:
    """Wall time of one call, in seconds."""
    started = time.perf_counter()
    action()
    return time.perf_counter() - started


_FLAGS = ("true", "false", "yes", "no", "", "", "0", "1")


def _cell(rng: random.Random, name: str) -> str:
    if rng.random() < 0.002:
        return "??"  # a bad cell now and then
    if name == "age_years":
        return str(rng.randint(18, 95))
    if name == "sex":
        return rng.choice(("female", "male", ""))
    if name == "weight_kg":
        return f"{rng.uniform(40, 130):.1f}"
    if name == "creatinine_mg_dl":
        return f"{rng.uniform(0.5, 3):.2f}" if rng.random() < 0.5 else ""
    if name in ("creatinine_umol_l", "crcl_ml_min"):
        return ""
    if name == "child_pugh":
        return rng.choice(("none", "", "", "A"))
    if name == "indication":
        return rng.choice(("rheumatoid_arthritis", "", "atopic_dermatitis"))
    if "true/false" in allowed_values(name):
        return rng.choice(_FLAGS) if rng.random() < 0.3 else "false"
    return ""


def limit_file(rows: int, size: int, seed: int = 7) -> bytes:
    """``rows`` rows of every template column, notes padded so the file is about ``size``
    bytes."""
    rng = random.Random(seed)
    header = ",".join(TEMPLATE_COLUMNS)
    lines = []
    for index in range(rows):
        cells = [_cell(rng, name) for name in FIELD_NAMES]
        lines.append(f"P{index:06d},NOTE," + ",".join(cells))
    body_size = sum(len(line) for line in lines) + rows + len(header) + 1
    pad = max(0, (size - body_size) // rows - 4)  # "NOTE" is replaced
    words = "follow-up at clinic B, seen by the renal team; bloods in 3 months. " * (pad // 60 + 1)
    text = "\n".join([header, *(line.replace("NOTE", words[:pad].strip(), 1) for line in lines)])
    return (text + "\n").encode("utf-8")


def in_process_figures(data: bytes) -> None:
    """The page's loading and the download, timed in this process."""
    started = time.perf_counter()
    upload = load_batch("big.csv", data)
    print(f"load_batch (check, assess, table):        {time.perf_counter() - started:6.2f} s")
    csv_s = seconds(lambda: result_csv(upload.review))
    size = len(result_csv(upload.review))
    print(f"result CSV on click ({size / 2**20:.1f} MiB):        {csv_s:6.2f} s")
    kept = sum(len(block.compressed) for block in upload.review.blocks)
    table = upload.review.table.memory_usage(deep=True).sum()
    print(f"kept per upload: table {table / 2**20:.1f} MiB, result lines {kept / 2**20:.1f} MiB")


def status_mb(pid: int, field: str) -> float:
    """One memory line of /proc/<pid>/status, in MB (MiB)."""
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith(field + ":"):
            return int(line.split()[1]) / 1024
    raise RuntimeError(f"{field} missing from /proc/{pid}/status")


def open_batch(page: Page, url: str) -> None:
    """The batch page through the navigation (a first deep link may land on "/")."""
    page.goto(url + "/")
    page.wait_for_selector(IDLE_SELECTOR, timeout=60_000)
    open_page(page, BATCH.title)
    page.get_by_role("heading", name=BATCH.title).wait_for(timeout=60_000)
    page.wait_for_selector(IDLE_SELECTOR, timeout=60_000)


def server_case(source: Path, sessions: int) -> dict[str, float]:
    """Upload ``source`` from ``sessions`` sessions at once to a fresh server; its memory."""
    with running_app() as url, sync_playwright() as playwright:
        pid = server_pid(int(url.rsplit(":", 1)[1]))
        if pid is None:
            raise RuntimeError("the streamlit server process was not found")
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=LAUNCH_ARGS)
        try:
            pages = [
                browser.new_page(viewport={"width": 1280, "height": 720}) for _ in range(sessions)
            ]
            for page in pages:
                open_batch(page, url)
            time.sleep(2)
            idle = status_mb(pid, "VmRSS")
            started = time.perf_counter()
            for page in pages:  # every upload starts before any result is awaited
                page.locator("input[type=file]").set_input_files(str(source))
            for page in pages:
                page.locator(
                    '[data-testid="stMetric"], [data-testid="stAlertContentError"]'
                ).first.wait_for(timeout=RESULT_TIMEOUT_MS)
                if not page.get_by_test_id("stMetric").count():  # refused before the server
                    raise RuntimeError("the upload was refused: " + page.inner_text("body")[:300])
                page.wait_for_selector(IDLE_SELECTOR, timeout=RESULT_TIMEOUT_MS)
            took = time.perf_counter() - started
            peak, retained = status_mb(pid, "VmHWM"), status_mb(pid, "VmRSS")
            for page in pages:
                open_page(page, EXPLORER.title)
                page.wait_for_selector(IDLE_SELECTOR, timeout=60_000)
            time.sleep(2)
            left = status_mb(pid, "VmRSS")
        finally:
            browser.close()
    return {"idle": idle, "peak": peak, "retained": retained, "left": left, "seconds": took}


def main() -> None:
    """Make the file, print the in-process figures, then the server's memory per case."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rows", type=int, default=MAX_ROWS)
    # the uploader counts decimal megabytes: 50 MB = 50 000 000 bytes
    parser.add_argument("--megabytes", type=float, default=UPLOAD_MB * 0.995)
    parser.add_argument("--skip-server", action="store_true")
    parser.add_argument("--skip-in-process", action="store_true")
    arguments = parser.parse_args()
    data = limit_file(arguments.rows, int(arguments.megabytes * 1_000_000))
    print(f"input: {arguments.rows:,} rows, {len(data) / 1e6:.1f} MB")
    if not arguments.skip_in_process:
        in_process_figures(data)
    if arguments.skip_server:
        return
    if not Path(CHROMIUM).exists():
        sys.exit(MISSING_CHROMIUM)
    with tempfile.TemporaryDirectory() as folder:
        source = Path(folder, "limit.csv")
        source.write_bytes(data)
        print("server memory (MiB, from /proc/<pid>/status)")
        print(
            f"{'uploads':>8} {'idle':>6} {'peak':>6} {'above idle':>10} {'kept':>6} "
            f"{'left':>6} {'s':>6}"
        )
        for sessions in (1, 2):
            m = server_case(source, sessions)
            print(
                f"{sessions:>8} {m['idle']:>6.0f} {m['peak']:>6.0f} {m['peak'] - m['idle']:>10.0f} "
                f"{m['retained']:>6.0f} {m['left']:>6.0f} {m['seconds']:>6.1f}"
            )
    print("kept = with the results on screen; left = after every session went to the Explorer")


if __name__ == "__main__":
    main()

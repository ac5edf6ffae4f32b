"""What one more element costs the browser on every rerun, by kind, in headless Chromium.

``python bench/element_cost.py [--count 20] [--presses 10]``

Serves ``bench/element_page.py`` (one slider, one dose text, plus ``--count`` elements of one
kind) and, for each kind, moves the slider ``--presses`` times and prints the CPU time of the
Chromium processes per press (from /proc: far less inflated by a busy machine than wall time),
the extra per element against the page with none, and the median key -> dose text time.

Why it matters: Streamlit sends every element again on every rerun and the browser re-renders
each one (several times per rerun: when the run starts, as the elements arrive and when it
ends), so a page's input latency grows with its element count whatever the elements are. The
lever is fewer elements (one Markdown block instead of twenty), not lighter ones. Prints
figures, asserts nothing; all traffic on 127.0.0.1; every wait bounded.
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import time
from pathlib import Path

from playwright.sync_api import sync_playwright

sys.path.insert(0, str(Path(__file__).resolve().parent))  # bench/, when run as a script
sys.path.insert(0, str(Path(__file__).resolve().parent.parent))  # the project
from browser_bench import METRIC, METRIC_IS, TIMEOUT_MS, VIEWPORT, browser_cpu_ms
from load import LAUNCH_ARGS

from tools.app_server import IDLE_SELECTOR, running_app
from tools.browser import CHROMIUM

PAGE = "bench/element_page.py"
KINDS = ("none", "markdown", "one_markdown", "html", "number_input", "checkbox", "expander")
"""What ``bench/element_page.py`` draws ``--count`` of ("one_markdown": one block of as many
paragraphs)."""


def per_press(page, presses: int) -> tuple[float, float]:  # type: ignore[no-untyped-def]
    """(browser CPU ms per press, median key -> dose text ms) over ``presses`` slider moves."""
    slider = page.get_by_test_id("stSidebar").get_by_role("slider").first
    times = []
    cpu = browser_cpu_ms()
    for step in range(presses):
        age = 71 if step % 2 == 0 else 70
        slider.focus()
        started = time.perf_counter()
        page.keyboard.press("ArrowRight" if age == 71 else "ArrowLeft")
        expected = "2 mg" if age > 70 else "4 mg"
        page.wait_for_function(METRIC_IS, arg=[METRIC, expected], timeout=TIMEOUT_MS)
        times.append((time.perf_counter() - started) * 1000)
        page.wait_for_selector(IDLE_SELECTOR, timeout=TIMEOUT_MS)
    return (browser_cpu_ms() - cpu) / presses, statistics.median(times)


def main() -> None:
    """Measure and print."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--count", type=int, default=20, help="elements of each kind (20)")
    parser.add_argument("--presses", type=int, default=10, help="slider moves per kind (10)")
    args = parser.parse_args()
    if not Path(CHROMIUM).exists():
        sys.exit(f"no Chromium at {CHROMIUM}")
    load = os.getloadavg()[0]
    rows = []
    with sync_playwright() as playwright, running_app(60.0, PAGE) as url:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=LAUNCH_ARGS)
        for kind in KINDS:
            context = browser.new_context(viewport=VIEWPORT)  # type: ignore[arg-type]
            page = context.new_page()
            page.goto(f"{url}/?kind={kind}&count={args.count}", timeout=TIMEOUT_MS)
            page.wait_for_selector(IDLE_SELECTOR, timeout=TIMEOUT_MS)
            per_press(page, 2)  # warm up
            rows.append((kind, *per_press(page, args.presses)))
            context.close()
        browser.close()
    when = time.strftime("%Y-%m-%d %H:%M %Z")
    print(f"date      {when}, {os.cpu_count()} cores, load {load:.1f}")
    base = rows[0][1]
    for kind, cpu, text in rows:
        extra = "" if kind == "none" else f"{(cpu - base) / args.count:+.1f} ms per element"
        print(
            f"{kind:<14} browser CPU {cpu:6.0f} ms per press {extra:<22} key -> dose {text:.0f} ms"
        )


if __name__ == "__main__":
    main()

"""Input to screen in real Chromium: this app beside a bare page, measured in the same run.

``python bench/browser_bench.py [--presses 15] [--cold 3] [--rounds 2]``

The bare page (``bench/bare_page.py``: one slider, one text, one plotly chart) is the floor any
Streamlit page pays on this machine at this moment; the goals are ratios to it, so a busy
machine slows both alike (the two are measured alternately). Figures, each with its goal:

- age slider arrow key -> dose text changed (median of ``--presses``, 70 <-> 71, where the
  article's dose changes), also -> script finished; goal <= 1.5x the bare page. Beside it the
  app's own frame with no results (``bench/inputs_page.py``: header, navigation, sidebar inputs,
  one dose metric), which splits the app's ratio into what its inputs cost and what its results
  add;
- cold deep link -> plotly chart drawn, each on a freshly started server (median of ``--cold``):
  the dose map ``/dose-map?...`` against the bare page; goal <= 1.2x. Also the Explorer's cold
  deep link -> dose shown (no goal);
- every page switch from the sidebar -> the new page's script finished (``--rounds`` rounds,
  the worst round per page); goal < 600 ms each. Beside it (no goal) what the switch cost
  the browser: KiB received over the WebSocket and the CPU time of the Chromium processes
  (median; CPU time is far less inflated by a busy machine than wall time, so it shows a
  page's own cost when other jobs share the cores);
- dose map: a quick factor toggle -> chart redrawn (median of 6); goal < 250 ms; also its
  KiB received and browser CPU time;
- server CPU per slider input (the streamlit process's utime + stime from /proc over the presses,
  both pages); goal <= 40 ms.

Prints figures, asserts nothing. Headless Debian chromium at /usr/bin/chromium (never
``playwright install``); all traffic on 127.0.0.1; every wait is bounded.
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import time
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlsplit

from load import LAUNCH_ARGS, sample_one, server_pid  # bench/ is on sys.path when run
from playwright.sync_api import Browser, Page, sync_playwright

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))  # the project, when run as a script
from core.scenario import field_info
from tools.app_server import IDLE_SELECTOR, running_app
from tools.browser import CHROMIUM, MISSING_CHROMIUM, open_page, wait_idle
from ui.page_registry import DOSE_MAP, PAGES

APP = "app.py"
BARE = "bench/bare_page.py"
INPUTS = "bench/inputs_page.py"  # the app's frame and inputs, one metric for the results
APP_LINK = "/?age_years=70&crcl_ml_min=80"  # 70 -> 71 crosses the article's age rule
BARE_LINK = "/?age_years=70"
COLD_MAP_LINK = f"/{DOSE_MAP.url_path}?age_years=72&crcl_ml_min=45"
COLD_EXPLORER_LINK = "/?age_years=72&crcl_ml_min=45"
TOGGLE_FIELD = "oat3_inhibitor"  # a quick factor of the dose map that changes the map
TIMEOUT_MS = 60_000
VIEWPORT = {"width": 1280, "height": 720}
METRIC = '[data-testid="stMain"] [data-testid="stMetricValue"]'
CHART = '[data-testid="stMain"] .js-plotly-plot .main-svg'
GOALS = {
    "input": "<= 1.5x bare",
    "cold": "<= 1.2x bare",
    "switch": "< 600 ms",
    "toggle": "< 250 ms",
    "cpu": "<= 40 ms",
}

METRIC_IS = """([selector, text]) => {
    const metric = document.querySelector(selector);
    return !!metric && metric.innerText.trim() === text;
}"""
# The new page: its address, a new title, and its script finished.
SWITCHED = """([path, oldTitle, idle]) => {
    if (location.pathname.replace(/\\/+$/, '') !== path.replace(/\\/+$/, '')) return false;
    const title = document.querySelector('[data-testid="stMain"] h1');
    return !!title && title.innerText !== oldTitle && !!document.querySelector(idle);
}"""
MARK_CHART = """() => {
    const plot = document.querySelector('[data-testid="stMain"] .js-plotly-plot');
    window.__chartBefore = plot ? plot.innerHTML : '';
}"""
CHART_CHANGED = """() => {
    const plot = document.querySelector('[data-testid="stMain"] .js-plotly-plot');
    return !!plot && !!plot.querySelector('.main-svg') && plot.innerHTML !== window.__chartBefore;
}"""


def _parent(pid: int) -> int:
    try:
        return int(Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[1])
    except (OSError, ValueError, IndexError):
        return 0


def browser_cpu_ms() -> float:
    """CPU time (utime + stime, ms) so far of every Chromium process this benchmark started
    (the descendants of this process whose command line names chrom*)."""
    ticks = os.sysconf("SC_CLK_TCK")
    total = 0
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        pid = int(entry.name)
        try:
            if b"chrom" not in (entry / "cmdline").read_bytes():
                continue
            stat = (entry / "stat").read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue
        ancestor = pid
        for _ in range(8):  # browser -> zygote -> renderer: a few levels at most
            ancestor = _parent(ancestor)
            if ancestor in (0, 1) or ancestor == os.getpid():
                break
        if ancestor == os.getpid():
            total += int(stat[11]) + int(stat[12])
    return total * 1000 / ticks


@dataclass
class Cost:
    """What one step cost: wall ms, KiB and messages received over the WebSocket, browser CPU
    ms."""

    ms: list[float] = field(default_factory=list)
    kib: list[float] = field(default_factory=list)
    messages: list[int] = field(default_factory=list)
    browser_ms: list[float] = field(default_factory=list)


@contextmanager
def costing(target: Served, cost: Cost) -> Iterator[None]:
    """Record the KiB and messages received and the browser CPU time of the step run inside."""
    received, frames, cpu = target.received[0], target.frames[0], browser_cpu_ms()
    yield
    cost.kib.append((target.received[0] - received) / 1024)
    cost.messages.append(target.frames[0] - frames)
    cost.browser_ms.append(browser_cpu_ms() - cpu)


def elapsed_ms(started: float) -> float:
    """Milliseconds since ``started`` (a ``time.perf_counter()``)."""
    return (time.perf_counter() - started) * 1000


@dataclass
class Served:
    """A running page: its URL, its server process, a browser page open on it."""

    name: str
    url: str
    pid: int
    page: Page
    to_text: list[float] = field(default_factory=list)
    to_idle: list[float] = field(default_factory=list)
    received: list[int] = field(default_factory=lambda: [0])  # WebSocket bytes from the server
    frames: list[int] = field(default_factory=lambda: [0])  # WebSocket messages from the server

    def count_frame(self, payload: str | bytes) -> None:
        """Add one received WebSocket frame to ``received`` and ``frames``."""
        self.received[0] += len(payload)
        self.frames[0] += 1


@contextmanager
def served(browser: Browser, name: str, script: str, link: str) -> Iterator[Served]:
    """Start ``script`` on a fresh server and open ``link`` on it in a new browser context."""
    with running_app(60.0, script) as url:
        pid = server_pid(urlsplit(url).port or 0)
        if pid is None:
            sys.exit(f"no streamlit process for {url}")
        context = browser.new_context(viewport=VIEWPORT)  # type: ignore[arg-type]
        try:
            page = context.new_page()
            target = Served(name, url, pid, page)
            page.on("websocket", lambda ws: ws.on("framereceived", target.count_frame))
            page.goto(url + link, timeout=TIMEOUT_MS)
            page.wait_for_selector(CHART if script == BARE else METRIC, timeout=TIMEOUT_MS)
            wait_idle(page, TIMEOUT_MS)
            yield target
        finally:
            context.close()


def press(target: Served, age: int) -> None:
    """Move the sidebar age slider one step to ``age``; time the dose text and the script."""
    page = target.page
    expected = "2 mg" if age > 70 else "4 mg"
    slider = page.get_by_test_id("stSidebar").get_by_role("slider").first
    slider.focus()
    started = time.perf_counter()
    page.keyboard.press("ArrowRight" if age == 71 else "ArrowLeft")
    page.wait_for_function(METRIC_IS, arg=[METRIC, expected], timeout=TIMEOUT_MS, polling="raf")
    target.to_text.append(elapsed_ms(started))
    page.wait_for_function(
        f"() => !!document.querySelector('{IDLE_SELECTOR}')", timeout=TIMEOUT_MS, polling="raf"
    )
    target.to_idle.append(elapsed_ms(started))
    wait_idle(page, TIMEOUT_MS)


def slider_inputs(targets: Sequence[Served], presses: int) -> dict[str, float]:
    """Alternate presses on the pages; return per page and input: server CPU ms (name), KiB
    received over the WebSocket (name + " KiB") and messages received (name + " messages": one
    per element or block the rerun sends, plus a few of the session's own)."""
    for warm_up in (71, 70):  # first reruns fill caches on every server
        for target in targets:
            press(target, warm_up)
    for target in targets:
        target.to_text.clear()
        target.to_idle.clear()
    cpu_before = {t.name: sample_one(t.pid).cpu_s for t in targets}
    bytes_before = {t.name: t.received[0] for t in targets}
    frames_before = {t.name: t.frames[0] for t in targets}
    for step in range(presses):
        for target in targets:
            press(target, 71 if step % 2 == 0 else 70)
    figures = {}
    for t in targets:
        figures[t.name] = (sample_one(t.pid).cpu_s - cpu_before[t.name]) * 1000 / presses
        figures[t.name + " KiB"] = (t.received[0] - bytes_before[t.name]) / 1024 / presses
        figures[t.name + " messages"] = (t.frames[0] - frames_before[t.name]) / presses
    return figures


def cold_link(browser: Browser, script: str, link: str, ready: str) -> float:
    """A freshly started server, a new visitor on ``link``: ms until ``ready`` is visible."""
    with running_app(60.0, script) as url:
        context = browser.new_context(viewport=VIEWPORT)  # type: ignore[arg-type]
        try:
            page = context.new_page()
            started = time.perf_counter()
            page.goto(url + link, timeout=TIMEOUT_MS)
            page.wait_for_selector(ready, state="visible", timeout=TIMEOUT_MS)
            return elapsed_ms(started)
        finally:
            context.close()


def page_switches(app: Served, rounds: int) -> dict[str, Cost]:
    """Click every page in the sidebar in turn (``rounds`` times): title -> its costs."""
    page = app.page
    entries = [*PAGES[1:], PAGES[0]]
    costs: dict[str, Cost] = {e.title: Cost() for e in entries}
    for _ in range(rounds):
        for entry in entries:
            old_title = page.locator('[data-testid="stMain"] h1').first.inner_text()
            with costing(app, costs[entry.title]):
                started = time.perf_counter()
                open_page(page, entry.title)
                page.wait_for_function(
                    SWITCHED,
                    arg=["/" + entry.url_path, old_title, IDLE_SELECTOR],
                    timeout=TIMEOUT_MS,
                    polling="raf",
                )
                costs[entry.title].ms.append(elapsed_ms(started))
                wait_idle(page, TIMEOUT_MS)
    return costs


def dose_map_toggles(app: Served, count: int) -> Cost:
    """On the dose map: flip the quick factor ``count`` times; ms until the chart changed."""
    page = app.page
    open_page(page, DOSE_MAP.title)
    page.wait_for_selector(CHART, state="visible", timeout=TIMEOUT_MS)
    wait_idle(page, TIMEOUT_MS)
    label = str(field_info(TOGGLE_FIELD)["label"])
    toggle = page.get_by_test_id("stMain").get_by_text(label, exact=True)
    cost = Cost()
    for _ in range(count):
        page.evaluate(MARK_CHART)
        with costing(app, cost):
            started = time.perf_counter()
            toggle.click()
            page.wait_for_function(CHART_CHANGED, timeout=TIMEOUT_MS, polling="raf")
            cost.ms.append(elapsed_ms(started))
            wait_idle(page, TIMEOUT_MS)
    return cost


def line(what: str, figure: str, goal: str, met: bool | None) -> None:
    """One printed row: the figure, its goal and whether it is met."""
    mark = "" if met is None else ("  met" if met else "  NOT met")
    print(f"{what:<46} {figure:<40} goal {goal}{mark}")


def main() -> None:
    """Measure and print."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--presses", type=int, default=15, help="slider presses per page (15)")
    parser.add_argument("--cold", type=int, default=3, help="cold starts per page (3)")
    parser.add_argument("--rounds", type=int, default=2, help="rounds of page switches (2)")
    parser.add_argument(
        "--skip-cold", action="store_true", help="leave out the cold starts (the slowest part)"
    )
    args = parser.parse_args()
    if not Path(CHROMIUM).exists():
        sys.exit(MISSING_CHROMIUM)
    load_before = os.getloadavg()
    median: Callable[[list[float]], float] = statistics.median
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=LAUNCH_ARGS)
        cold: dict[str, list[float]] = {"map": [], "bare": [], "explorer": []}
        for _ in range(0 if args.skip_cold else args.cold):
            cold["map"].append(cold_link(browser, APP, COLD_MAP_LINK, CHART))
            cold["bare"].append(cold_link(browser, BARE, "/?age_years=72", CHART))
            cold["explorer"].append(cold_link(browser, APP, COLD_EXPLORER_LINK, METRIC))
        with (
            served(browser, "app", APP, APP_LINK) as app,
            served(browser, "bare", BARE, BARE_LINK) as bare,
            served(browser, "inputs", INPUTS, APP_LINK) as inputs,
        ):
            cpu = slider_inputs((app, bare, inputs), args.presses)
            switches = page_switches(app, args.rounds)
            toggles = dose_map_toggles(app, 6)
        browser.close()
    print(f"date      {time.strftime('%Y-%m-%d %H:%M %Z')}, {os.cpu_count()} cores")
    print(
        f"load      {load_before[0]:.1f} before, {os.getloadavg()[0]:.1f} after "
        "(1-min load average; other jobs share the cores)"
    )
    text_ratio = median(app.to_text) / median(bare.to_text)
    line(
        f"slider key -> dose text (median of {args.presses})",
        f"{median(app.to_text):.0f} ms vs bare {median(bare.to_text):.0f} ms = {text_ratio:.2f}x",
        GOALS["input"],
        text_ratio <= 1.5,
    )
    inputs_ratio = median(inputs.to_text) / median(bare.to_text)
    line(
        "  the same, the app's frame and inputs alone",
        f"{median(inputs.to_text):.0f} ms = {inputs_ratio:.2f}x bare; the results add "
        f"{median(app.to_text) - median(inputs.to_text):.0f} ms",
        "-",
        None,
    )
    line(
        "slider key -> script finished (median)",
        f"{median(app.to_idle):.0f} ms vs bare {median(bare.to_idle):.0f} ms = "
        f"{median(app.to_idle) / median(bare.to_idle):.2f}x",
        "-",
        None,
    )
    line(
        "WebSocket bytes received per slider input",
        f"{cpu['app KiB']:.1f} KiB (bare {cpu['bare KiB']:.1f} KiB)",
        "-",
        None,
    )
    line(
        "WebSocket messages received per slider input",
        f"{cpu['app messages']:.0f} (bare {cpu['bare messages']:.0f}, "
        f"inputs alone {cpu['inputs messages']:.0f})",
        "-",
        None,
    )
    if not args.skip_cold:
        print_cold(cold, args.cold)
    print_rest(switches, toggles, cpu)


def print_cold(cold: dict[str, list[float]], count: int) -> None:
    """The cold deep link rows."""
    median = statistics.median
    cold_ratio = median(cold["map"]) / median(cold["bare"])
    line(
        f"cold deep link -> chart (dose map, median of {count})",
        f"{median(cold['map']):.0f} ms vs bare {median(cold['bare']):.0f} ms = {cold_ratio:.2f}x",
        GOALS["cold"],
        cold_ratio <= 1.2,
    )
    line(
        "cold deep link -> dose shown (Explorer)",
        f"{median(cold['explorer']):.0f} ms = "
        f"{median(cold['explorer']) / median(cold['bare']):.2f}x bare's chart",
        "-",
        None,
    )


def print_rest(switches: dict[str, Cost], toggles: Cost, cpu: dict[str, float]) -> None:
    """Page switches, the dose map toggle, server CPU per input."""
    median = statistics.median
    for title, cost in switches.items():
        line(
            f"page switch -> {title} (worst of {len(cost.ms)})",
            f"{max(cost.ms):.0f} ms (median {median(cost.ms):.0f})",
            GOALS["switch"],
            max(cost.ms) < 600,
        )
        print(
            f"{'':<10}{median(cost.messages):.0f} messages, {median(cost.kib):.1f} KiB received, "
            f"browser CPU {median(cost.browser_ms):.0f} ms (medians)"
        )
    line(
        "dose map factor toggle -> chart redrawn (median)",
        f"{median(toggles.ms):.0f} ms (all: {', '.join(f'{t:.0f}' for t in toggles.ms)})",
        GOALS["toggle"],
        median(toggles.ms) < 250,
    )
    print(
        f"{'':<10}{median(toggles.messages):.0f} messages, {median(toggles.kib):.1f} KiB "
        f"received, browser CPU {median(toggles.browser_ms):.0f} ms (medians)"
    )
    line(
        "server CPU per slider input",
        f"{cpu['app']:.0f} ms (bare {cpu['bare']:.0f} ms, inputs alone {cpu['inputs']:.0f} ms)",
        GOALS["cpu"],
        cpu["app"] <= 40,
    )
    print(f"          -> {5000 / max(cpu['app'], 1):.0f} sessions per core at one input per 5 s")


if __name__ == "__main__":
    main()

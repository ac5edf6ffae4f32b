"""Load figures: N concurrent headless Chromium sessions move sliders against local servers.

``python bench/load.py [--sessions 10] [--seconds 60] [--replicas 0]``

Starts the app on a free 127.0.0.1 port (``tools.app_server.running_app``) -- or, with
``--replicas N``, N replicas behind HAProxy (``deploy.replicas``; the sessions go through the
balancer, and the figures are summed over the replicas) -- opens N browser contexts
(N independent visitors: own cookies, own WebSocket, own Streamlit session), each on the
Explorer with a different shared link near the dose thresholds, and for ``--seconds`` moves each
one's age slider with the keyboard (four steps up, four down, repeat). After every key press it
waits until the address carries the new age, the script has finished and the dose shown is the
one the core computes for that scenario; that wait is the "input to updated dose" time.

Prints: inputs made, errors (timeouts, wrong doses, exceptions shown, console/page errors;
goal 0), the median and 95th percentile of input-to-dose time, the server's memory (RSS and PSS
of the streamlit process from /proc: before the sessions, peak, at the end), its CPU time per
wall second, and the machine's load average. All traffic stays on 127.0.0.1. Debian's chromium
at /usr/bin/chromium (never ``playwright install``). A page costs ~0.8 GB: 10 sessions ~8 GB.
"""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import os
import platform
import statistics
import sys
import time
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlsplit

from playwright.async_api import Browser, ConsoleMessage, Page, Request, async_playwright

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))  # the project, when run as a script
from core import Scenario, assess
from core.dose_words import dose_words
from deploy.replicas import running_replicas
from tools.app_server import IDLE_SELECTOR, running_app
from tools.browser import CHROMIUM, CHROMIUM_ARGS, IGNORED_CONSOLE_URLS, MISSING_CHROMIUM

LAUNCH_ARGS = [
    *CHROMIUM_ARGS,
    "--disable-renderer-backgrounding",  # N pages, one visible at most: keep them all running
    "--disable-background-timer-throttling",
    "--disable-backgrounding-occluded-windows",
]
STEPS = 4  # key presses one way before turning back
INPUT_TIMEOUT_MS = 30_000


def session_link(index: int) -> dict[str, str]:
    """A different shared link per session, near the dose thresholds (age 70/71, CrCl 60)."""
    link = {"age_years": str(64 + (index * 3) % 12), "crcl_ml_min": ("45", "80", "61")[index % 3]}
    if index % 4 == 3:
        link["oat3_inhibitor"] = "true"
    if index % 5 == 4:
        link["sex"] = "male"
    return link


def expected_dose(link: dict[str, str], age: int) -> str:
    """The dose text the Explorer must show (ui.results.render_dose's metric)."""
    return dose_words(assess(Scenario.model_validate({**link, "age_years": age}))).value


@dataclass
class SessionResult:
    """What one session measured."""

    timings_ms: list[float] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)


def watch_page(page: Page, result: SessionResult) -> None:
    """Record console errors, page errors and any request off the loopback as errors."""

    def on_console(message: ConsoleMessage) -> None:
        where = message.location.get("url") or ""
        if message.type == "error" and not any(s in where for s in IGNORED_CONSOLE_URLS):
            result.errors.append(f"console: {message.text[:120]}")

    def on_request(request: Request) -> None:
        host = urlsplit(request.url).hostname
        if urlsplit(request.url).scheme not in ("data", "blob") and host != "127.0.0.1":
            result.errors.append(f"request off loopback: {request.url[:120]}")

    page.on("console", on_console)
    page.on("pageerror", lambda exc: result.errors.append(f"pageerror: {str(exc)[:120]}"))
    page.on("request", on_request)


WAIT_JS = """([age, dose, idle]) => {
    if (!new URLSearchParams(location.search).getAll('age_years').includes(String(age)))
        return false;
    if (!document.querySelector(idle)) return false;
    const metric = document.querySelector('[data-testid="stMain"] [data-testid="stMetricValue"]');
    return !!metric && metric.innerText.trim() === dose;
}"""


async def run_session(
    browser: Browser,
    url: str,
    index: int,
    start: asyncio.Barrier,
    seconds: float,
    result: SessionResult,
) -> None:
    """One visitor: open its link, wait for every other one to be loaded too (``start``), then
    move the age slider for ``seconds``."""
    link = session_link(index)
    context = await browser.new_context(viewport={"width": 1280, "height": 720})
    try:
        page = await context.new_page()
        watch_page(page, result)
        query = "&".join(f"{k}={v}" for k, v in link.items())
        await page.goto(f"{url}/?{query}", timeout=120_000)
        age = int(link["age_years"])
        await page.wait_for_function(
            WAIT_JS, arg=[age, expected_dose(link, age), IDLE_SELECTOR], timeout=120_000
        )
        slider = page.get_by_test_id("stSidebar").get_by_role("slider").first
        step = 0
        await start.wait()
        deadline = time.monotonic() + seconds
        while time.monotonic() < deadline:
            key, delta = ("ArrowRight", 1) if (step // STEPS) % 2 == 0 else ("ArrowLeft", -1)
            step += 1
            age += delta
            await slider.focus()
            started = time.perf_counter()
            await page.keyboard.press(key)
            try:
                await page.wait_for_function(
                    WAIT_JS,
                    arg=[age, expected_dose(link, age), IDLE_SELECTOR],
                    timeout=INPUT_TIMEOUT_MS,
                    polling=20,
                )
            except Exception as error:  # a timeout (or a closed page) is an error, not a crash
                shown = await page.get_by_test_id("stMetricValue").first.inner_text()
                result.errors.append(f"age {age}: {type(error).__name__}, shown {shown!r}")
                age = int(await slider.input_value())  # continue from what the app shows
                continue
            result.timings_ms.append((time.perf_counter() - started) * 1000)
            if await page.get_by_test_id("stException").count():
                result.errors.append(f"age {age}: exception shown")
    except Exception as error:
        result.errors.append(f"session {index}: {type(error).__name__}: {str(error)[:200]}")
        if not start.broken:
            await start.abort()  # the others must not wait for this one forever
    finally:
        await context.close()


def server_pid(port: int) -> int | None:
    """The streamlit process serving ``port`` (matched by its command line: ``streamlit run`` or
    the app's ``deploy.serve``)."""
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            args = (entry / "cmdline").read_bytes().split(b"\0")
        except OSError:
            continue
        command = b" ".join(args)
        if (b"streamlit" in command or b"deploy.serve" in command) and str(port).encode() in args:
            return int(entry.name)
    return None


@dataclass(frozen=True)
class ProcessSample:
    """Memory (MiB) and CPU seconds of one process at one moment."""

    rss_mib: float
    pss_mib: float
    cpu_s: float


def sample(pids: list[int]) -> ProcessSample:
    """The sum over ``pids`` of ``sample_one``."""
    samples = [sample_one(pid) for pid in pids]
    return ProcessSample(
        sum(s.rss_mib for s in samples),
        sum(s.pss_mib for s in samples),
        sum(s.cpu_s for s in samples),
    )


def sample_one(pid: int) -> ProcessSample:
    """RSS and PSS from /proc/<pid>/smaps_rollup, CPU time from /proc/<pid>/stat."""
    values: dict[str, float] = {}
    for line in Path(f"/proc/{pid}/smaps_rollup").read_text().splitlines()[1:]:
        name, _, rest = line.partition(":")
        parts = rest.split()
        if parts and parts[0].isdigit():
            values[name] = int(parts[0]) / 1024
    stat = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    ticks = os.sysconf("SC_CLK_TCK")
    cpu = (int(stat[11]) + int(stat[12])) / ticks  # utime + stime
    return ProcessSample(values.get("Rss", 0.0), values.get("Pss", 0.0), cpu)


async def sample_memory(pids: list[int], samples: list[ProcessSample], stop: asyncio.Event) -> None:
    """One sample a second until ``stop``."""
    while not stop.is_set():
        samples.append(sample(pids))
        with contextlib.suppress(TimeoutError):
            await asyncio.wait_for(stop.wait(), timeout=1.0)


def percentile(values: list[float], share: float) -> float:
    """The nearest-rank percentile (share in 0..1)."""
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, max(0, round(share * len(ordered)) - 1))]


@contextlib.contextmanager
def serving(replicas: int) -> Iterator[tuple[str, list[int]]]:
    """The URL to load and the streamlit processes behind it: one server, or ``replicas``
    replicas behind HAProxy."""
    if replicas:
        with running_replicas(replicas) as hall:
            yield hall.url, [r.process.pid for r in hall.replicas.values()]
        return
    with running_app() as url:
        port = urlsplit(url).port or 0
        pid = server_pid(port)
        if pid is None:
            sys.exit(f"no streamlit process found for port {port}")
        yield url, [pid]


async def run(sessions: int, seconds: float, replicas: int) -> None:
    """Start the server(s), run the sessions, print the figures."""
    if not Path(CHROMIUM).exists():
        sys.exit(MISSING_CHROMIUM)
    with serving(replicas) as (url, pids):
        idle = sample(pids)
        samples: list[ProcessSample] = []
        stop = asyncio.Event()
        async with async_playwright() as playwright:
            browser = await playwright.chromium.launch(executable_path=CHROMIUM, args=LAUNCH_ARGS)
            results = [SessionResult() for _ in range(sessions)]
            start = asyncio.Barrier(sessions + 1)
            tasks = [
                asyncio.create_task(run_session(browser, url, i, start, seconds, results[i]))
                for i in range(sessions)
            ]
            with contextlib.suppress(asyncio.BrokenBarrierError):
                await start.wait()  # every session has loaded its link
            baseline = sample(pids)  # the loaded sessions, before any input
            sampler = asyncio.create_task(sample_memory(pids, samples, stop))
            started = time.monotonic()
            await asyncio.gather(*tasks)
            wall = time.monotonic() - started
            stop.set()
            await sampler
            end = sample(pids)
            await browser.close()
    report(sessions, seconds, wall, idle, baseline, samples, end, results, replicas)


def report(
    sessions: int,
    seconds: float,
    wall: float,
    idle: ProcessSample,
    baseline: ProcessSample,
    samples: list[ProcessSample],
    end: ProcessSample,
    results: list[SessionResult],
    replicas: int,
) -> None:
    """Print the figures (server figures summed over the replicas)."""
    timings = [t for r in results for t in r.timings_ms]
    errors = [e for r in results for e in r.errors]
    peak_rss = max([s.rss_mib for s in samples] + [end.rss_mib])
    peak_pss = max([s.pss_mib for s in samples] + [end.pss_mib])
    cores_used = (end.cpu_s - baseline.cpu_s) / wall
    print(f"date            {time.strftime('%Y-%m-%d %H:%M %Z')}")
    print(
        f"machine         {platform.machine()}, {os.cpu_count()} cores, Python "
        f"{platform.python_version()}, load average {os.getloadavg()[0]:.1f} at the end"
    )
    print(f"sessions        {sessions} concurrent headless Chromium contexts, {seconds:.0f} s")
    served = f"{replicas} replicas behind HAProxy" if replicas else "one streamlit server"
    print(f"served by       {served}")
    print(f"inputs          {len(timings)} completed ({len(timings) / wall:.1f} per second)")
    print(f"errors          {len(errors)}")
    for error in errors[:10]:
        print(f"                - {error}")
    if timings:
        print(
            f"input -> dose   median {statistics.median(timings):.0f} ms, "
            f"p95 {percentile(timings, 0.95):.0f} ms, max {max(timings):.0f} ms"
        )
    print(
        f"server memory   RSS {idle.rss_mib:.0f} MiB idle, {baseline.rss_mib:.0f} with the "
        f"sessions loaded, {peak_rss:.0f} peak, {end.rss_mib:.0f} at the end"
    )
    print(
        f"                PSS {idle.pss_mib:.0f} / {baseline.pss_mib:.0f} / {peak_pss:.0f} / "
        f"{end.pss_mib:.0f} MiB"
    )
    per_session = (peak_rss - idle.rss_mib) / max(sessions, 1)
    print(f"                ~{per_session:.1f} MiB RSS per session above the idle server")
    print(f"server CPU      {cores_used:.2f} cores busy on average (streamlit processes)")
    if timings:
        per_input = (end.cpu_s - baseline.cpu_s) / len(timings)
        print(
            f"                {per_input * 1000:.0f} ms of server CPU per input: "
            f"{5 / per_input:.0f} sessions per core at one input every 5 s"
        )


def main() -> None:
    """Parse the arguments and run."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sessions", type=int, default=10, help="concurrent sessions (10)")
    parser.add_argument("--seconds", type=float, default=60.0, help="duration in seconds (60)")
    parser.add_argument(
        "--replicas", type=int, default=0, help="replicas behind HAProxy (0: one server, direct)"
    )
    args = parser.parse_args()
    if args.replicas < 0:
        parser.error(f"--replicas: {args.replicas} is not allowed; give 0 or more")
    asyncio.run(run(args.sessions, args.seconds, args.replicas))


if __name__ == "__main__":
    main()

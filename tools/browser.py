"""Debian's Chromium for the browser tests, screenshots and the load test (never
``playwright install``: it cannot download here)."""

from __future__ import annotations

CHROMIUM = "/usr/bin/chromium"
MISSING_CHROMIUM = f"{CHROMIUM} is missing: install it with `sudo apt-get install chromium`"
# Headless in a container, and nothing that phones home (only loopback traffic is allowed).
CHROMIUM_ARGS: tuple[str, ...] = (
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
)
# Streamlit probes <path>/_stcore/health and host-config before the root: on a deep link these
# two 404 in the console, harmlessly. Every other console error counts.
IGNORED_CONSOLE_URLS = ("/_stcore/health", "/_stcore/host-config")

"""Debian's Chromium for the browser tests, screenshots and the load test (never
``playwright install``: it cannot download here), the page navigation as a visitor uses it
(``open_page``) and the wait for a settled page (``wait_idle``); shared by the browser tests,
the screenshots and the benchmarks."""

from __future__ import annotations

import re

from playwright.sync_api import Locator, Page, expect

from tools.app_server import IDLE_SELECTOR

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


# The stand-in Streamlit draws while an element's code is still loading.
LOADING_ELEMENT = '[data-testid="stSkeleton"]'


def wait_idle(page: Page, timeout: int = 20_000, gap_ms: int = 150) -> None:
    """Wait until the script finished and the socket is connected (twice, ``gap_ms`` apart: a
    rerun request and the script start leave a gap), then until no element stands as a loading
    placeholder. ``timeout`` in ms for each wait."""
    page.wait_for_selector(IDLE_SELECTOR, timeout=timeout)
    page.wait_for_timeout(gap_ms)
    page.wait_for_selector(IDLE_SELECTOR, timeout=timeout)
    # Widgets whose code loads on first use stand as placeholders for a while after the script
    # finished (on a busy machine, long enough for an audit to see a scrolling sidebar with
    # nothing to focus in it, or a screenshot to show grey boxes).
    expect(page.locator(LOADING_ELEMENT)).to_have_count(0, timeout=timeout)


# The page navigation: along the top on a wide screen (pages that do not fit sit behind its
# "N more" menu), at the top of the sidebar on a phone.
_NAV_LINKS = (
    '[data-testid="stTopNavLink"], [data-testid="stTopNavDropdownLink"], '
    '[data-testid="stSidebarNavLink"]'
)


def nav_link(page: Page, title: str) -> Locator:
    """Every navigation link to the page titled ``title`` (shown or folded into "more")."""
    return page.locator(_NAV_LINKS).filter(has_text=re.compile(rf"{re.escape(title)}$"))


def open_page(page: Page, title: str) -> None:
    """Switch to the page titled ``title`` through the navigation, as a visitor does (a wide
    screen's top bar, or a phone's sidebar once it is open)."""
    page.locator('[data-testid="stTopNav"], [data-testid="stSidebarNav"]').first.wait_for()
    shown = page.get_by_role("navigation").get_by_role("link", name=title, exact=True)
    if shown.count() == 0:  # folded into the top navigation's "N more" menu
        page.get_by_test_id("stTopNavSection").click()
        shown = page.get_by_role("menuitem", name=title, exact=True)
    shown.first.click()

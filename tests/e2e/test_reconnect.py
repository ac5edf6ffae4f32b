"""A server restart under an open page (as when a replica dies): the page reconnects to a NEW
session that has never run. Its first action must not silently lose the tab's case.

One server of its own, restarted on the same port (the page's retry loop finds it again):
- a page switch from the sidebar (which drops the query string) as the first action reopens the
  tab's case on the new page, with a visible notice;
- an input as the first action is not silently undone: the page says it was not applied;
- a genuinely new visitor still gets the default scenario and no notice.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from contextlib import contextmanager

from playwright.sync_api import Browser, Page, expect

from deploy.replicas import free_port, running_server, start_streamlit
from tests.e2e.conftest import open_page, wait_idle

RECONNECT_MS = 45_000  # the page's own retry loop and a cold server on a busy machine
RESTORED = "Reconnected: your case was restored"
NOT_APPLIED = "was not applied"


@contextmanager
def server_on(port: int) -> Iterator[str]:
    """A fresh ``streamlit run`` of the app on ``port`` (stopped at the end)."""
    with running_server(start_streamlit(port), f"http://127.0.0.1:{port}", 60.0) as url:
        yield url


def reconnected(page: Page) -> None:
    """Wait until the page has found the restarted server."""
    expect(page.locator('[data-test-connection-state="CONNECTED"]')).to_have_count(
        1, timeout=RECONNECT_MS
    )
    wait_idle(page, timeout=RECONNECT_MS)


def test_first_page_switch_and_first_input_after_a_restart_keep_the_case(
    browser: Browser, browser_type_launch_args: object
) -> None:
    context = browser.new_context(viewport={"width": 1280, "height": 720})
    port = free_port()
    try:
        with server_on(port) as url:
            page = context.new_page()
            page.goto(f"{url}/?age_years=72&crcl_ml_min=45")
            wait_idle(page, timeout=60_000)
            second = context.new_page()
            second.goto(f"{url}/?age_years=30")
            wait_idle(second, timeout=60_000)
        with server_on(port) as url:
            # A page switch as the first action: the tab's case, said in a notice.
            reconnected(page)
            open_page(page, "Dose map")
            expect(page).to_have_url(re.compile(r"/dose-map\?.*age_years=72"), timeout=30_000)
            wait_idle(page, timeout=RECONNECT_MS)
            expect(page.get_by_text(RESTORED)).to_be_visible()
            assert re.search(r"crcl_ml_min=45", page.url), page.url
            expect(page.get_by_test_id("stSidebar").get_by_role("slider").first).to_have_value("72")
            # The notice is shown once: the next input runs as usual, without it.
            slider = page.get_by_test_id("stSidebar").get_by_role("slider").first
            slider.focus()
            page.keyboard.press("ArrowRight")
            expect(page).to_have_url(re.compile(r"age_years=73"), timeout=30_000)
            wait_idle(page)
            expect(page.get_by_text(RESTORED)).to_have_count(0)

            # An input as the first action: not applied, and said so (never silently undone).
            reconnected(second)
            slider = second.get_by_test_id("stSidebar").get_by_role("slider").first
            slider.focus()
            second.keyboard.press("ArrowRight")
            expect(second.get_by_text(NOT_APPLIED)).to_be_visible(timeout=RECONNECT_MS)
            wait_idle(second, timeout=RECONNECT_MS)
            slider = second.get_by_test_id("stSidebar").get_by_role("slider").first
            expect(slider).to_have_value("30")
            assert re.search(r"age_years=30", second.url), second.url

            # A new visitor (a new tab, nothing stored for it): the default case, no notice.
            fresh = context.new_page()
            fresh.goto(url)
            wait_idle(fresh, timeout=60_000)
            expect(fresh.get_by_test_id("stSidebar").get_by_role("slider").first).to_have_value(
                "50"
            )
            expect(fresh.get_by_text("Reconnected")).to_have_count(0)
            assert "age_years" not in fresh.url
    finally:
        context.close()

"""After a server (re)start, the first request may be a deep link, and it must open that page.

Seen on a prototype: with page scripts in a folder named ``pages/``, the first request after a
start that was a deep link (``/dose-map?age_years=72``) got "The page that you have requested
does not seem to exist" and the main page. The scripts live in ``views/`` now; this test starts
its OWN fresh server (not the shared one, which has already served other requests) and makes a
deep link its very first page request.
"""

from __future__ import annotations

import re

from playwright.sync_api import Browser, expect

from tests.e2e.conftest import nav_link, wait_idle
from tools.app_server import running_app
from ui.page_registry import DOSE_MAP


def test_first_request_after_a_start_is_a_deep_link(
    browser: Browser, browser_type_launch_args: object
) -> None:
    entry = DOSE_MAP
    context = browser.new_context(viewport={"width": 1280, "height": 720})
    try:
        with running_app() as url:  # a fresh server: nothing has been served yet
            page = context.new_page()
            page.goto(f"{url}/{entry.url_path}?age_years=72")
            wait_idle(page)
            page.wait_for_timeout(500)  # the popup came a moment after the first render
            expect(page.get_by_text("does not seem to exist")).to_have_count(0)
            expect(page.get_by_role("dialog")).to_have_count(0)
            assert re.search(rf"/{re.escape(entry.url_path)}\?(.*&)?age_years=72", page.url), (
                page.url
            )
            nav = nav_link(page, entry.title).first
            expect(nav).to_have_attribute("aria-current", "page")
            slider = page.get_by_test_id("stSidebar").get_by_role("slider")
            if slider.count():  # a page with the scenario inputs shows the link's scenario
                expect(slider.first).to_have_value("72")
    finally:
        context.close()

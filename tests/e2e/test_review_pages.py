"""The three reviewer pages in real Chromium: each loads from a shared link with no console
errors; the dose map and the flowchart are visible; a source link lands on its passage."""

from __future__ import annotations

import re

from playwright.sync_api import Page, expect

from tests.e2e.conftest import wait_idle
from ui.page_registry import DOSE_MAP, RULE_BOOK, SOURCE


def open_link(page: Page, app_url: str, link: str) -> None:
    # The first request after a server start may be a deep link that falls back to the main
    # page (testing-notes): open the root once, then the link.
    page.goto(app_url + "/")
    wait_idle(page)
    page.goto(app_url + link)
    wait_idle(page)


def test_dose_map_from_a_shared_link_and_a_toggle(
    page: Page, app_url: str, console_errors: list[str]
) -> None:
    open_link(page, app_url, f"/{DOSE_MAP.url_path}?age_years=72&crcl_ml_min=45")
    chart = page.locator(".js-plotly-plot").first
    expect(chart).to_be_visible()
    expect(chart.locator(".main-svg").first).to_be_visible()
    expect(chart).to_contain_text("This scenario")
    expect(chart).to_contain_text("CrCl 30")
    page.get_by_test_id("stMain").get_by_text("Pregnant", exact=True).click()  # the toggle
    expect(page).to_have_url(re.compile(r"pregnant=true"))
    wait_idle(page)
    expect(page.get_by_text("everywhere on the map").first).to_be_visible()
    assert "age_years=72" in page.url
    assert console_errors == []


def test_rule_book_flowchart_from_a_shared_link(
    page: Page, app_url: str, console_errors: list[str]
) -> None:
    open_link(page, app_url, f"/{RULE_BOOK.url_path}?sustained_remission=true&crcl_ml_min=80")
    flowchart = page.get_by_test_id("stGraphVizChart").first
    flowchart.scroll_into_view_if_needed()
    expect(flowchart.locator("svg").first).to_be_visible()
    expect(flowchart).to_contain_text("BRANCH TAKEN")
    expect(page.locator(".st-key-rule_table table").first).to_be_visible()
    assert console_errors == []


def test_source_link_highlights_the_passage(
    page: Page, app_url: str, console_errors: list[str]
) -> None:
    open_link(page, app_url, f"/{SOURCE.url_path}?passage=dosing.oat3&age_years=72")
    passage = page.locator("#passage-dosing\\.oat3")
    expect(passage).to_contain_text("You followed a link to this passage")
    expect(passage).to_be_in_viewport()
    assert console_errors == []

"""/labels in real Chromium: a shared link opens the issue's example with the three doses, the
dose maps drawn and the comparison table, and no console errors."""

from __future__ import annotations

from playwright.sync_api import Page, expect

from tests.e2e.conftest import wait_idle
from ui.page_registry import LABELS


def test_shared_link_shows_three_doses_maps_and_table(
    page: Page, app_url: str, console_errors: list[str]
) -> None:
    page.goto(f"{app_url}/{LABELS.url_path}?age_years=68&weight_kg=70&creatinine_mg_dl=1.2")
    wait_idle(page, timeout=40_000)
    doses = page.get_by_test_id("stMetricValue")
    expect(doses).to_have_count(3)
    expect(doses.nth(0)).to_have_text("2 mg once daily")
    expect(doses.nth(1)).to_have_text("2 mg once daily")
    expect(doses.nth(2)).to_have_text("1 mg once daily")
    expect(page.get_by_text("Check the current label", exact=False).first).to_be_visible()

    chart = page.locator(".js-plotly-plot").first
    chart.scroll_into_view_if_needed()
    expect(chart.locator(".main-svg").first).to_be_visible()
    expect(chart.locator(".heatmaplayer .hm")).to_have_count(3)
    expect(chart.locator(".annotation-text").filter(has_text="1 mg")).to_have_count(1)
    expect(chart.locator(".ytitle")).to_have_text("CrCl (mL/min)")
    expect(chart.locator(".y3title")).to_have_text("eGFR (mL/min/1.73 m²)")

    table = page.get_by_test_id("stTable")
    table.scroll_into_view_if_needed()
    expect(table).to_contain_text("eGFR 30 to < 60 → 1 mg [U5, U15]")
    assert "age_years=68" in page.url and "creatinine_mg_dl=1.2" in page.url
    assert console_errors == []

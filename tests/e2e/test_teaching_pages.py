"""Teaching pages in real Chromium: lecture mode's dose size, and the cases and compare pages
opened from shared links without console errors."""

from __future__ import annotations

from playwright.sync_api import Page, expect

from tests.e2e.conftest import wait_idle
from ui.page_registry import CASES, COMPARE

# The dose box: its key ends in _number or _words (what it shows).
DOSE_BOX = '[class*="st-key-dose_block_"]'
DOSE = DOSE_BOX + ' [data-testid="stMetricValue"]'


def dose_font_px(page: Page) -> float:
    size = page.locator(DOSE).first.evaluate("e => getComputedStyle(e).fontSize")
    return float(str(size).removesuffix("px"))


def test_lecture_mode_makes_the_explorer_dose_at_least_half_again_larger(
    page: Page, app_url: str, console_errors: list[str]
) -> None:
    page.goto(app_url + "/?age_years=72&crcl_ml_min=45")
    wait_idle(page)
    expect(page.locator(DOSE).first).to_have_text("2 mg")
    normal = dose_font_px(page)
    page.goto(app_url + "/?age_years=72&crcl_ml_min=45&lecture=1")
    wait_idle(page)
    expect(page.locator(DOSE).first).to_have_text("2 mg")
    lecture = dose_font_px(page)
    assert lecture >= 1.5 * normal, (normal, lecture)
    assert "lecture=1" in page.url
    assert console_errors == []


def test_cases_and_compare_open_from_shared_links(
    page: Page, app_url: str, console_errors: list[str]
) -> None:
    page.goto(f"{app_url}/{CASES.url_path}?case=crcl_29_9")
    wait_idle(page)
    expect(page.get_by_role("heading", name="Creatinine clearance 29.9 mL/min")).to_be_visible()
    page.get_by_text("Contraindicated", exact=True).click()
    page.get_by_text("No dose", exact=True).click()
    page.get_by_text("CrCl below 30 mL/min", exact=True).click()
    page.get_by_role("button", name="Check my answer").click()
    wait_idle(page)
    expect(page.get_by_test_id("stAlertContentSuccess").first).to_contain_text("Right")
    assert "case=crcl_29_9" in page.url

    page.goto(f"{app_url}/{COMPARE.url_path}?crcl_ml_min=72&b.crcl_ml_min=48")
    wait_idle(page)
    expect(page.get_by_text("CrCl fell from 72 to 48 mL/min")).to_be_visible()
    metrics = page.get_by_test_id("stMetricValue")
    expect(metrics.nth(0)).to_have_text("4 mg once daily")
    expect(metrics.nth(1)).to_have_text("2 mg once daily")
    assert "b.crcl_ml_min=48" in page.url
    assert console_errors == []

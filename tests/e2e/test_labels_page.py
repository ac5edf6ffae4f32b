"""/labels in real Chromium: a shared link opens the issue's example with the three doses, the
differences with their sources, the dose maps drawn once opened (and kept open on coming back)
and the comparison table with its folded sources, and no console errors."""

from __future__ import annotations

from playwright.sync_api import Page, expect

from tests.e2e.conftest import wait_idle
from tests.e2e.test_accessibility import blocking_violations, charts_without_summary
from tools.browser import open_page
from ui.label_differences import CITED_SUMMARY, COMPARISON_CLASS, WORDING_SUMMARY
from ui.page_registry import EXPLORER, LABELS

MAPS = "Show the dose maps"
QUERY = "age_years=68&weight_kg=70&creatinine_mg_dl=1.2"


def test_shared_link_shows_three_doses_maps_and_table(
    page: Page, app_url: str, console_errors: list[str]
) -> None:
    page.goto(f"{app_url}/{LABELS.url_path}?{QUERY}")
    wait_idle(page, timeout=40_000)
    doses = page.get_by_test_id("stMetricValue")
    expect(doses).to_have_count(3)
    expect(doses.nth(0)).to_have_text("2 mg once daily")
    expect(doses.nth(1)).to_have_text("2 mg once daily")
    expect(doses.nth(2)).to_have_text("1 mg once daily")
    expect(page.get_by_text("Check the current label", exact=False).first).to_be_visible()

    # The differences: the article's passage quoted, its id a link to the source page; the
    # wording-only topics folded until asked (in the browser, no rerun).
    age = page.locator('section[data-topic="age"]')
    expect(age).to_contain_text("Patients over 70 years: reduce to 2 mg daily")
    passage = age.get_by_role("link", name="dosing.age_over_70", exact=True)
    link = "source?age_years=68&creatinine_mg_dl=1.2&passage=dosing.age_over_70"  # 70 kg: default
    expect(passage).to_have_attribute("href", link)
    lipids = page.locator('section[data-topic="monitoring_lipids"]')
    expect(lipids).to_be_hidden()
    page.get_by_text(WORDING_SUMMARY).click()
    expect(lipids).to_be_visible()

    # The dose maps: drawn once opened.
    expect(page.locator(".js-plotly-plot")).to_have_count(0)
    page.get_by_text(MAPS).click()
    wait_idle(page)
    chart = page.locator(".js-plotly-plot").first
    chart.scroll_into_view_if_needed()
    expect(chart.locator(".main-svg").first).to_be_visible()
    expect(chart.locator(".heatmaplayer .hm")).to_have_count(3)
    # The US label's 1 mg band, drawn and worded as the article's dose map draws a dose.
    expect(chart.locator(".annotation-text").filter(has_text="1 mg").first).to_be_visible()
    # One legend for the three maps: each entry once.
    entries = chart.locator(".legend .traces .legendtext").evaluate_all(
        "texts => texts.map(text => text.textContent)"  # SVG text has no innerText
    )
    assert entries and len(entries) == len(set(entries)), entries
    assert "1 mg once daily" in entries
    expect(chart.locator(".ytitle")).to_have_text("CrCl (mL/min)")
    expect(chart.locator(".y3title")).to_have_text("eGFR (mL/min/1.73 m²)")

    table = page.locator(f".{COMPARISON_CLASS}")
    table.scroll_into_view_if_needed()
    expect(table).to_contain_text("eGFR 30 to < 60 → 1 mg [U5, U15]")
    cited = page.locator("details").filter(has_text=CITED_SUMMARY)
    expect(cited.get_by_text("US label highlights 2018 (copy)")).to_be_hidden()
    cited.get_by_text(CITED_SUMMARY).click()
    expect(cited.get_by_text("US label highlights 2018 (copy)")).to_be_visible()
    assert "age_years=68" in page.url and "creatinine_mg_dl=1.2" in page.url
    found = blocking_violations(page)  # everything unfolded: the maps, both folded groups
    assert not found, "\n".join(found)
    assert charts_without_summary(page) == []

    # Opened, the maps stay open for this session: away and back, they are drawn again.
    open_page(page, EXPLORER.title)
    wait_idle(page)
    open_page(page, LABELS.title)
    wait_idle(page)
    expect(page.locator(".js-plotly-plot .heatmaplayer .hm")).to_have_count(3)
    assert console_errors == []


def test_severe_infection_on_a_biologic_shows_label_bans_and_gaps(
    page: Page, app_url: str, console_errors: list[str]
) -> None:
    page.goto(
        app_url + "/labels?creatinine_mg_dl=0.8&active_serious_infection=true"
        "&biologic_dmard=true&hiv_positive=true"
    )
    wait_idle(page, timeout=40_000)
    doses = page.get_by_test_id("stMetricValue")
    expect(doses).to_have_count(3)
    words = ("No dose: contraindicated", "No dose: not recommended", "No dose: not recommended")
    for index, text in enumerate(words):
        expect(doses.nth(index)).to_have_text(text)
    alerts = page.get_by_test_id("stAlert")
    expect(alerts.filter(has_text="Contraindicated")).to_have_count(1)
    expect(alerts.filter(has_text="Not recommended")).to_have_count(2)
    expect(alerts.filter(has_text="Recommended").filter(has_not_text="Not")).to_have_count(0)
    gap = page.get_by_text("The label facts do not cover this").first
    gap.scroll_into_view_if_needed()
    expect(gap).to_be_visible()
    expect(
        page.get_by_text("HIV positive: the compiled US label facts do not cover this")
    ).to_be_visible()
    found = blocking_violations(page)  # the gap badge and the source links pass axe too
    assert not found, "\n".join(found)
    assert console_errors == []

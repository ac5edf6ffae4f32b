"""The reviewer's audit in real Chromium, from shared links: an entry with its difference map,
the whole app switched to the other reading (kept across pages in one session), "what would
change this answer?" leading to the compare page, the decision table downloaded, and the
overview table read whole at 1280, in lecture mode at 1920 and on a phone."""

from __future__ import annotations

import csv
import io
import json
import re
from pathlib import Path

from playwright.sync_api import Page, expect

from core.audit import audit_entries
from tests.e2e.conftest import open_page, wait_idle
from tests.e2e.test_accessibility import blocking_violations
from tests.e2e.test_screen_layout import HALL, PHONE, box, font_px
from ui.audit_overview import OVERVIEW_CLASS
from ui.page_registry import AUDIT, RULE_BOOK

SLOW = 90_000  # the property check runs once per server (cached afterwards)


def open_link(page: Page, app_url: str, link: str) -> None:
    # The first request after a server start may be a deep link that falls back to the main
    # page (testing-notes): open the root once, then the link.
    page.goto(app_url + "/")
    wait_idle(page)
    page.goto(app_url + link)
    wait_idle(page, timeout=SLOW)


def test_audit_entry_switches_the_whole_app_to_the_other_reading(
    page: Page, app_url: str, console_errors: list[str]
) -> None:
    open_link(
        page,
        app_url,
        f"/{AUDIT.url_path}?entry=hbsag_with_prophylaxis&hbsag_positive=true&antiviral_prophylaxis=true"
        "&crcl_ml_min=90",
    )
    main = page.get_by_test_id("stMain")
    expect(main.get_by_text("avoid baricitinib or use with antiviral prophylaxis")).to_be_visible()
    chart = page.locator(".js-plotly-plot").first
    chart.scroll_into_view_if_needed()
    expect(chart.locator(".main-svg").first).to_be_visible()
    expect(main.get_by_text("holds").first).to_be_visible(timeout=SLOW)
    main.get_by_role("button", name="Switch the whole app to the other reading").click()
    expect(page).to_have_url(re.compile(r"reading=hbsag_with_prophylaxis"))
    wait_idle(page)
    expect(main.get_by_text("Not the app's default reading").first).to_be_visible()

    # Same session, through the navigation: the Explorer answers under the reading, marked.
    open_page(page, "Explorer")
    page.wait_for_url(re.compile(r"reading=hbsag_with_prophylaxis"))
    wait_idle(page)
    expect(main.get_by_text("Not the app's default reading").first).to_be_visible()
    expect(main.get_by_text("Not recommended").first).to_be_visible()
    main.get_by_role("button", name="Back to the app's reading").click()
    wait_idle(page)
    expect(main.get_by_text("Not the app's default reading")).to_have_count(0)
    assert "reading=" not in page.url
    expect(main.get_by_text("Use with caution").first).to_be_visible()
    assert console_errors == []


def test_what_would_change_links_to_compare_with_the_change_as_b(
    page: Page, app_url: str, console_errors: list[str]
) -> None:
    open_link(page, app_url, "/?age_years=72&crcl_ml_min=45")
    panel = page.locator(".st-key-what_would_change")
    panel.scroll_into_view_if_needed()
    expect(panel).to_contain_text("15 above the 30 limit, 15 below the 60 limit")
    link = panel.get_by_role("link", name=re.compile(r"^CrCl 29\.9 mL"))
    href = link.get_attribute("href")
    assert href is not None and "b.crcl_ml_min=29.9" in href
    page.goto(app_url + "/" + href.removeprefix(app_url).lstrip("/"))
    wait_idle(page)
    expect(page.get_by_test_id("stMain").get_by_text("Contraindicated").first).to_be_visible()
    assert "b.crcl_ml_min=29.9" in page.url
    assert console_errors == []


def test_decision_table_downloads_parse_back(
    page: Page, app_url: str, console_errors: list[str]
) -> None:
    open_link(page, app_url, f"/{RULE_BOOK.url_path}")
    main = page.get_by_test_id("stMain")
    with page.expect_download() as csv_download:
        main.get_by_role("button", name="Decision table (CSV)").click()
    rows = list(
        csv.DictReader(io.StringIO(Path(csv_download.value.path()).read_text(encoding="utf-8")))
    )
    assert rows[0]["id"] == "ci.active_serious_infection"
    with page.expect_download() as json_download:
        main.get_by_role("button", name="Decision table (JSON)").click()
    data = json.loads(Path(json_download.value.path()).read_text(encoding="utf-8"))
    assert [row["id"] for row in data["rules"]] == [row["id"] for row in rows]
    assert console_errors == []


# Cells whose text does not fit them, and elements that scroll sideways (the table's own box
# excepted when ``box_may_scroll``).
TABLE_FIT = """(t, boxMayScroll) => ({
  cut: [...t.querySelectorAll('td, th')]
    .filter(c => c.scrollWidth > c.clientWidth + 1 || c.scrollHeight > c.clientHeight + 1)
    .map(c => c.innerText.slice(0, 40)),
  sideways: [t, ...t.querySelectorAll('*')]
    .filter(e => e.scrollWidth > e.clientWidth + 1 && getComputedStyle(e).overflowX !== 'visible')
    .filter(e => !(boxMayScroll && e === t))
    .map(e => e.tagName),
  boxScrolls: t.scrollWidth > t.clientWidth + 1,
  page: document.querySelector('[data-testid=stMain]').scrollWidth
        - document.querySelector('[data-testid=stMain]').clientWidth,
})"""


def test_overview_table_reads_whole_at_1280_and_in_lecture_mode(page: Page, app_url: str) -> None:
    # Seen before (screenshots at 1280 with the sidebar open): a canvas data grid that showed
    # two and a half of its six columns (the rest behind its own sideways scroll) and ten of the
    # twelve rows. Now every row and every cell's whole text, as text, within the page.
    open_link(page, app_url, f"/{AUDIT.url_path}")
    table = page.locator(f".{OVERVIEW_CLASS}")
    rows = table.locator("tbody tr")
    expect(rows).to_have_count(len(audit_entries()))
    titles = [text.strip() for text in rows.locator("th").all_inner_texts()]
    assert titles == [entry.title for entry in audit_entries()]
    fit = table.evaluate(TABLE_FIT, False)
    assert fit == {"cut": [], "sideways": [], "boxScrolls": False, "page": 0}, fit
    assert box(table)["x"] + box(table)["width"] <= 1280
    page.set_viewport_size(HALL)  # type: ignore[arg-type]
    open_link(page, app_url, f"/{AUDIT.url_path}?lecture=1")
    cell = page.locator(f".{OVERVIEW_CLASS} td").first
    assert font_px(cell) >= 20, font_px(cell)
    fit = table.evaluate(TABLE_FIT, False)
    assert fit == {"cut": [], "sideways": [], "boxScrolls": False, "page": 0}, fit


def test_overview_table_on_a_phone_scrolls_inside_its_own_box(page: Page, app_url: str) -> None:
    page.set_viewport_size(PHONE)  # type: ignore[arg-type]
    open_link(page, app_url, f"/{AUDIT.url_path}")
    table = page.locator(f".{OVERVIEW_CLASS}")
    fit = table.evaluate(TABLE_FIT, True)
    # The page never scrolls sideways, the table does (in its box), no cell is cut.
    assert fit == {"cut": [], "sideways": [], "boxScrolls": True, "page": 0}, fit
    # A box that scrolls is reachable by keyboard and named (axe: scrollable-region-focusable).
    found = blocking_violations(page)
    assert not found, "\n".join(found)

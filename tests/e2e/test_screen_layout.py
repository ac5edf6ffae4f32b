"""What a student, a lecturer and a reviewer see on screen, measured in real Chromium.

Every check reads bounding boxes, computed styles or scroll sizes of the rendered page: a dose
box whose words are cut, a passage below the fold or a switch under Streamlit's header fails
here even when AppTest shows the right text. Viewports: 1280x720 (projector), 1920x1080
(lecture hall) and 390x844 (a phone).
"""

from __future__ import annotations

import re
from typing import Any
from urllib.parse import parse_qsl, urlsplit

import pytest
from playwright.sync_api import Locator, Page, expect

from core import Scenario, assess
from core.batch_template import sample_csv
from core.rules import RULES
from tests.e2e.conftest import open_page, wait_idle
from tests.e2e.test_batch_upload import upload
from ui.page_registry import BATCH, CASES, COMPARE, DOSE_MAP, PAGES, RULE_BOOK, SOURCE
from ui.rule_sections import SECTION_CLASS
from ui.rule_table import quote_line, template_words
from ui.source_panel import PANEL_CLASS

# The dose box: its key ends in _number or _words (what it shows).
DOSE_BOX = '[class*="st-key-dose_block_"]'
DOSE = DOSE_BOX + ' [data-testid="stMetricValue"]'
VERDICT = '[data-testid="stAlert"]'
PHONE = {"width": 390, "height": 844}
HALL = {"width": 1920, "height": 1080}


def open_at(page: Page, url: str, viewport: dict[str, int] | None = None) -> None:
    if viewport:
        page.set_viewport_size(viewport)  # type: ignore[arg-type]
    page.goto(url)
    wait_idle(page, timeout=60_000)
    page.wait_for_timeout(400)
    wait_idle(page, timeout=60_000)


def box(locator: Locator) -> dict[str, float]:
    found = locator.bounding_box()
    assert found is not None, f"{locator} is not rendered"
    return {key: float(value) for key, value in found.items()}


def in_viewport(page: Page, rect: dict[str, float]) -> bool:
    size = page.viewport_size
    assert size is not None
    return (
        rect["y"] >= 0
        and rect["y"] + rect["height"] <= size["height"] + 0.5
        and rect["x"] >= 0
        and rect["x"] + rect["width"] <= size["width"] + 0.5
    )


def not_clipped(locator: Locator) -> bool:
    """The element's text fits it: nothing cut, no ellipsis (scroll size within client size)."""
    sizes: list[int] = locator.evaluate(
        "e => [e.scrollWidth, e.clientWidth, e.scrollHeight, e.clientHeight]"
    )
    return sizes[0] <= sizes[1] + 1 and sizes[2] <= sizes[3] + 1


def font_px(locator: Locator) -> float:
    return float(str(locator.evaluate("e => getComputedStyle(e).fontSize")).removesuffix("px"))


def scroll_y(page: Page) -> float:
    return float(page.evaluate("document.querySelector('[data-testid=stMain]').scrollTop"))


# ---------------------------------------------------------------- students


@pytest.mark.parametrize(
    ("query", "words", "lecture"),
    [
        ("", "Enter renal function", False),
        ("lecture=1", "Enter renal function", True),
        ("pregnant=true", "No dose: contraindicated", False),
        ("pregnant=true&lecture=1", "No dose: contraindicated", True),
    ],
    ids=["default", "default-lecture", "contraindicated", "contraindicated-lecture"],
)
def test_first_screen_dose_box_says_why_and_fits(
    page: Page, app_url: str, query: str, words: str, lecture: bool
) -> None:
    open_at(page, f"{app_url}/?{query}")
    dose = page.locator(DOSE).first
    expect(dose).to_have_text(words)
    assert not_clipped(dose), "the dose words are cut"
    block = box(page.locator(DOSE_BOX).first)
    text = box(dose)
    assert text["x"] + text["width"] <= block["x"] + block["width"]
    assert in_viewport(page, text), text  # the first screen, no scrolling
    # Never a green verdict beside a missing dose.
    expect(page.get_by_test_id("stAlertContentSuccess")).to_have_count(0)
    verdict = box(page.locator(VERDICT).first)
    assert in_viewport(page, verdict)


def test_cited_passages_in_view_and_a_source_link_keeps_the_verdict(
    page: Page, app_url: str
) -> None:
    open_at(page, f"{app_url}/?age_years=72&crcl_ml_min=45")
    panel = box(page.locator(f".{PANEL_CLASS}").first)
    assert in_viewport(page, panel), panel  # the whole box, bottom included
    # The passages behind the verdict (over 65: caution) and the dose (over 70, CrCl 30-60)
    # are on the first screen, without scrolling the page or the box.
    for pid in ("cautions.age_over_65", "dosing.age_over_70"):
        passage = page.locator("#passage-" + pid.replace(".", "\\."))
        expect(passage).to_contain_text("Cited by")
        assert in_viewport(page, box(passage)), pid
    renal = box(page.locator("#passage-dosing\\.renal_30_60"))
    assert renal["y"] < 720, renal  # the CrCl passage starts on the first screen (top only)
    expect(page.get_by_text(re.compile(r"^Whole article \(\d+ passages"))).to_be_visible()
    # A finding's source link (far down the findings) scrolls the box to the passage and
    # brings the box back into view with the verdict beside it, never the verdict away.
    link = page.get_by_role("link", name="screening.labs", exact=True).first
    link.scroll_into_view_if_needed()
    assert scroll_y(page) > 0 and not in_viewport(page, box(page.locator(VERDICT).first))
    link.click()
    page.wait_for_timeout(600)
    target = page.locator(".src-flash")
    expect(target).to_have_count(1)
    expect(target).to_have_id("passage-screening.labs")
    assert in_viewport(page, box(target))
    assert in_viewport(page, box(page.locator(VERDICT).first))


def test_no_code_words_in_the_explorer_or_compare(page: Page, app_url: str) -> None:
    open_at(page, f"{app_url}/?age_years=72&crcl_ml_min=45")
    dose_box = page.locator(DOSE_BOX).first.inner_text()
    assert "dose.age_over_70" not in dose_box and "_" not in dose_box
    findings = page.locator('[data-testid="stTabPanel"]').first.inner_text()
    because = [line for line in findings.splitlines() if line.startswith("Because")]
    assert because and max(line.count(": no") for line in because) <= 2, because
    open_at(page, f"{app_url}/{COMPARE.url_path}?crcl_ml_min=45&b.crcl_ml_min=90")
    main = page.get_by_test_id("stMain").inner_text()
    assert "Gone in B" not in main or "dose.crcl_30_60," not in main
    explanation = main.split("What differs, in words")[1].split("Inputs that differ")[0]
    assert not re.search(r"\b(dose|ci|nr|silent|advice|monitoring)\.[a-z_0-9]+", explanation)


# ---------------------------------------------------------------- lecturers


def test_present_mode_reveals_the_answer_in_view_with_the_explorer_dose_size(
    page: Page, app_url: str
) -> None:
    open_at(page, f"{app_url}/?age_years=72&crcl_ml_min=45&lecture=1")
    explorer_size = font_px(page.locator(DOSE).first)
    open_at(page, f"{app_url}/{CASES.url_path}?mode=present&lecture=1")
    page.get_by_role("button", name="Reveal the answer").click()
    wait_idle(page, timeout=60_000)
    dose = page.locator(DOSE).first
    expect(dose).to_be_visible()
    page.wait_for_timeout(1500)  # the scroll runs once the answer exists
    assert in_viewport(page, box(page.locator(VERDICT).first))
    assert in_viewport(page, box(dose))
    assert font_px(dose) == explorer_size


def test_lecture_switch_is_reachable_with_the_sidebar_collapsed(page: Page, app_url: str) -> None:
    open_at(page, f"{app_url}/?lecture=1&age_years=72&crcl_ml_min=45")
    expect(page.get_by_test_id("stSidebar")).to_have_attribute("data-collapsed", "true")
    switch = page.locator('.st-key-lecture_bar [data-testid="stCheckbox"]')
    rect = box(switch)
    assert in_viewport(page, rect)
    # Nothing lies on top of it (Streamlit's header used to).
    x, y = rect["x"] + rect["width"] / 2, rect["y"] + rect["height"] / 2
    on_top = page.evaluate(
        "([x, y]) => !!document.elementFromPoint(x, y).closest('.st-key-lecture_bar')", [x, y]
    )
    assert on_top
    # Still there after scrolling down.
    page.get_by_test_id("stMain").evaluate("e => e.scrollBy(0, 600)")
    assert in_viewport(page, box(switch))
    switch.click(force=True)
    expect(page).not_to_have_url(re.compile(r"lecture=1"))


@pytest.mark.parametrize("lecture", [False, True], ids=["normal", "lecture"])
def test_open_sidebar_at_1280_does_not_clip_the_result(
    page: Page, app_url: str, lecture: bool
) -> None:
    open_at(page, f"{app_url}/?age_years=72&crcl_ml_min=45{'&lecture=1' if lecture else ''}")
    sidebar = page.get_by_test_id("stSidebar")
    if sidebar.get_attribute("data-collapsed") == "true":
        page.get_by_test_id("stExpandSidebarButton").click()
        expect(sidebar).to_have_attribute("data-collapsed", "false")
        page.wait_for_timeout(500)
    for selector in (DOSE, DOSE_BOX + ' [data-testid="stMetricLabel"]'):
        element = page.locator(selector).first
        assert not_clipped(element), selector
    dose = box(page.locator(DOSE).first)
    assert dose["x"] >= box(sidebar)["x"] + box(sidebar)["width"] - 1  # beside, not under
    expect(page.locator(DOSE).first).to_have_text("2 mg")


def _svg_font_sizes(page: Page, scope: str) -> list[float]:
    sizes: list[float] = page.evaluate(
        """scope => [...document.querySelectorAll(scope + ' svg text')]
            .filter(t => t.textContent.trim() && t.getBoundingClientRect().width > 0)
            .map(t => parseFloat(getComputedStyle(t).fontSize))""",
        scope,
    )
    return sizes


def test_chart_text_scales_in_lecture_mode_at_1920(page: Page, app_url: str) -> None:
    open_at(page, f"{app_url}/{DOSE_MAP.url_path}?age_years=72&crcl_ml_min=45&lecture=1", HALL)
    page.locator(".js-plotly-plot .main-svg").first.wait_for()
    sizes = _svg_font_sizes(page, ".js-plotly-plot")
    assert sizes and min(sizes) >= 20, sorted(sizes)[:5]
    open_at(page, f"{app_url}/?age_years=72&crcl_ml_min=45&lecture=1", HALL)
    page.get_by_role("tab", name="Monitoring timeline").click()
    page.locator(".js-plotly-plot .main-svg").first.wait_for()
    sizes = _svg_font_sizes(page, ".js-plotly-plot")
    assert sizes and min(sizes) >= 20, sorted(sizes)[:5]


def test_batch_chart_text_scales_in_lecture_mode_at_1920(page: Page, app_url: str) -> None:
    # Measured before: the batch page's bar chart kept 12-13 px text in lecture mode.
    open_at(page, f"{app_url}/?lecture=1", HALL)
    open_page(page, BATCH.title)
    wait_idle(page, timeout=60_000)
    upload(page, "sample.csv", sample_csv())
    page.locator(".st-key-batch_counts_chart .main-svg").first.wait_for()
    sizes = _svg_font_sizes(page, ".st-key-batch_counts_chart")
    assert sizes and min(sizes) >= 20, sorted(sizes)[:5]


def _overlap(a: dict[str, float], b: dict[str, float]) -> bool:
    return not (
        a["x"] + a["width"] <= b["x"]
        or b["x"] + b["width"] <= a["x"]
        or a["y"] + a["height"] <= b["y"]
        or b["y"] + b["height"] <= a["y"]
    )


@pytest.mark.parametrize("lecture", [False, True], ids=["normal", "lecture"])
def test_dose_map_labels_do_not_collide(page: Page, app_url: str, lecture: bool) -> None:
    suffix = "&lecture=1" if lecture else ""
    open_at(page, f"{app_url}/{DOSE_MAP.url_path}?age_years=72&crcl_ml_min=45{suffix}", HALL)
    chart = page.locator(".js-plotly-plot").first
    chart.locator(".main-svg").first.wait_for()
    title = box(chart.locator(".xtitle"))
    legend = box(chart.locator(".legend"))
    assert not _overlap(title, legend), (title, legend)
    # The star's label sits on an opaque box, so the CrCl 60 line passes behind, not through.
    label = chart.locator(".annotation").filter(has_text="This scenario")
    expect(label).to_have_count(1)
    background = label.locator("rect.bg")
    assert float(background.evaluate("e => parseFloat(e.style.fillOpacity || 1)")) >= 0.9
    assert "255, 255, 255" in str(background.evaluate("e => e.style.fill"))
    words, plate = box(label.locator("text")), box(background)
    assert plate["y"] <= words["y"] and words["y"] + words["height"] <= plate["y"] + plate["height"]


def test_timeline_markers_keep_clear_of_the_edges(page: Page, app_url: str) -> None:
    open_at(page, f"{app_url}/?age_years=72&crcl_ml_min=45")
    page.get_by_role("tab", name="Monitoring timeline").click()
    chart = page.locator(".js-plotly-plot").first
    chart.locator(".main-svg").first.wait_for()
    plot = box(chart.locator(".nsewdrag").first)
    points = chart.locator(".scatterlayer .point")
    assert points.count() > 5
    for index in range(points.count()):
        point = box(points.nth(index))
        assert point["x"] >= plot["x"] + 2, (index, point, plot)
        assert point["x"] + point["width"] <= plot["x"] + plot["width"] - 2, (index, point, plot)


def test_compare_in_lecture_mode_has_both_doses_above_the_fold(page: Page, app_url: str) -> None:
    query = "lecture=1&age_years=72&crcl_ml_min=45&b.pregnant=true"
    open_at(page, f"{app_url}/{COMPARE.url_path}?{query}")
    values = page.get_by_test_id("stMetricValue")
    expect(values).to_have_count(2)
    for index in range(2):
        value = values.nth(index)
        assert in_viewport(page, box(value)), index
        assert not_clipped(value)
    expect(values.nth(1)).to_have_text("No dose: contraindicated")
    main = page.get_by_test_id("stMain")
    notice = main.get_by_test_id("stCaptionContainer").filter(has_text="not for clinical decisions")
    line = float(
        str(notice.first.evaluate("e => getComputedStyle(e).lineHeight")).removesuffix("px")
    )
    assert box(notice.first.locator("p").first)["height"] < 1.6 * line  # one line


def test_qr_code_of_the_current_link_fills_the_projected_screen(page: Page, app_url: str) -> None:
    open_at(page, f"{app_url}/?lecture=1&age_years=72&crcl_ml_min=45")
    page.get_by_role("button", name="QR code").click()
    dialog = page.get_by_role("dialog")
    code = dialog.locator(".st-key-share_qr img")
    expect(code).to_be_visible()
    rect = box(code)
    assert rect["height"] >= 360 and in_viewport(page, rect), rect  # half the screen or more
    modules = float(code.evaluate("e => e.naturalWidth")) / 12  # qr_png draws 12 px a module
    assert rect["width"] / modules >= 7  # px per module: a phone reads it across a room
    shown = dialog.get_by_test_id("stCaptionContainer").filter(has_text="The link:").inner_text()
    link = urlsplit(shown.split("The link:")[1].strip())
    here = urlsplit(page.url)
    assert (link.netloc, link.path) == (here.netloc, here.path)
    # The current link: the scenario and lecture mode included.
    assert sorted(parse_qsl(link.query)) == sorted(parse_qsl(here.query))
    assert {"age_years": "72", "crcl_ml_min": "45", "lecture": "1"}.items() <= dict(
        parse_qsl(link.query)
    ).items()


# ---------------------------------------------------------------- phones


def test_phone_explorer_first_screen_and_inputs(page: Page, app_url: str) -> None:
    open_at(page, f"{app_url}/?age_years=72&crcl_ml_min=45", PHONE)
    sidebar = page.get_by_test_id("stSidebar")
    expect(sidebar).to_have_attribute("data-collapsed", "true")  # not covering the page
    assert in_viewport(page, box(page.locator(VERDICT).first))
    assert in_viewport(page, box(page.locator(DOSE).first))
    expect(page.locator(DOSE).first).to_have_text("2 mg")
    page.get_by_test_id("stExpandSidebarButton").click()
    expect(sidebar).to_have_attribute("data-collapsed", "false")
    page.wait_for_timeout(600)  # the sidebar slides in
    slider = sidebar.get_by_role("slider").first
    slider.scroll_into_view_if_needed()
    expect(slider).to_be_visible()
    slider.focus()
    page.keyboard.press("ArrowRight")
    expect(page).to_have_url(re.compile(r"age_years=73"))


@pytest.mark.parametrize("entry", PAGES, ids=lambda e: e.url_path or "explorer")
def test_phone_page_has_no_sideways_scrolling(page: Page, app_url: str, entry: Any) -> None:
    open_at(page, f"{app_url}/{entry.url_path}?age_years=72&crcl_ml_min=45", PHONE)
    widths: list[int] = page.evaluate(
        """() => { const m = document.querySelector('[data-testid=stMain]');
                   return [m.scrollWidth, m.clientWidth,
                           document.documentElement.scrollWidth, window.innerWidth]; }"""
    )
    assert widths[0] <= widths[1] + 1 and widths[2] <= widths[3] + 1, widths
    title = box(page.locator("h1").first)
    assert title["y"] >= 0 and in_viewport(page, title)  # not under the header


# ---------------------------------------------------------------- reviewers


def test_rule_book_table_fits_expand_all_and_flowchart_text(page: Page, app_url: str) -> None:
    open_at(page, f"{app_url}/{RULE_BOOK.url_path}?age_years=72&crcl_ml_min=45")
    # Measured before: a data grid whose cells cut the rule text and quote to one line, and
    # which scrolled sideways at 1280. Now every cell shows its whole text, nothing scrolls
    # sideways, and the table ends inside the page.
    table = page.locator(".st-key-rule_table")
    overflow: dict[str, list[str]] = table.evaluate(
        """t => ({
          sideways: [t, ...t.querySelectorAll('*')]
            .filter(e => e.scrollWidth > e.clientWidth + 1
                    && getComputedStyle(e).overflowX !== 'visible')
            .map(e => e.tagName),
          cut: [...t.querySelectorAll('td, th')]
            .filter(c => c.scrollWidth > c.clientWidth + 1 || c.scrollHeight > c.clientHeight + 1)
            .map(c => c.innerText.slice(0, 40)),
        })"""
    )
    assert overflow == {"sideways": [], "cut": []}, overflow
    assert box(table)["x"] + box(table)["width"] <= 1280
    longest = max(RULES, key=lambda rule: len(rule.text))
    row = table.locator("tr").filter(has_text=longest.id)
    expect(row).to_have_count(1)
    cells = row.locator("td").all_inner_texts()
    assert template_words(longest.text) in cells, cells  # the whole text, not "A severe..."
    assert "\n".join(quote_line(pid) for pid in longest.passages) in cells, cells
    assert "{" not in page.get_by_test_id("stMain").inner_text()  # no raw placeholders
    # The rules firing for 72 years and CrCl 45 are shaded, the others not.
    shades: list[str] = table.evaluate(
        "t => [...t.querySelectorAll('tbody tr')].map(r => r.cells[1].innerText + ' '"
        " + getComputedStyle(r.cells[0]).backgroundColor)"
    )
    fired = {f.id for f in assess(Scenario(age_years=72, crcl_ml_min=45)).findings}
    assert {s.split(" ")[0] for s in shades if s.endswith("rgb(255, 243, 196)")} == fired, shades
    closed = page.get_by_test_id("stMain").locator(f"details.{SECTION_CLASS}:not([open])")
    assert closed.count() > 10
    page.get_by_text("Expand all", exact=True).click()
    wait_idle(page, timeout=60_000)
    expect(closed).to_have_count(0)
    chart = page.locator(".st-key-algorithm_chart")
    chart.scroll_into_view_if_needed()
    chart.locator("svg text").first.wait_for()
    heights: list[float] = chart.evaluate(
        "e => [...e.querySelectorAll('svg text')].map(t => t.getBoundingClientRect().height)"
    )
    assert heights and min(heights) >= 12, min(heights)


def test_rule_book_table_on_a_phone_scrolls_inside_its_own_box(page: Page, app_url: str) -> None:
    open_at(page, f"{app_url}/{RULE_BOOK.url_path}?age_years=72&crcl_ml_min=45", PHONE)
    table = page.locator(".st-key-rule_table")
    sizes: dict[str, Any] = table.evaluate(
        """t => ({
          page: document.querySelector('[data-testid=stMain]').scrollWidth,
          box: [...t.querySelectorAll('*')].some(e => e.scrollWidth > e.clientWidth + 1
               && ['auto', 'scroll'].includes(getComputedStyle(e).overflowX)),
          cut: [...t.querySelectorAll('td')].filter(c => c.scrollWidth > c.clientWidth + 1)
               .map(c => c.innerText.slice(0, 30)),
        })"""
    )
    # Measured before: the six columns squeezed into 390 px, long words running into the next
    # cell. Now the page never scrolls sideways, the table does (in its box), no cell is cut.
    assert sizes == {"page": PHONE["width"], "box": True, "cut": []}, sizes


def test_source_page_highlights_and_filters_the_scenario_passages(page: Page, app_url: str) -> None:
    open_at(page, f"{app_url}/{SOURCE.url_path}?age_years=72&crcl_ml_min=45")
    current = page.locator(".as-row.current")
    count = current.count()
    assert count > 0
    first = current.first
    expect(first).to_contain_text("Behind this scenario")
    colour = first.evaluate("e => getComputedStyle(e).backgroundColor")
    assert colour not in ("rgba(0, 0, 0, 0)", "transparent")
    page.get_by_test_id("stSelectbox").filter(has_text="Show").click()
    page.get_by_role("option", name="Only passages behind this scenario").click()
    wait_idle(page, timeout=60_000)
    expect(page.locator(".as-row")).to_have_count(count)

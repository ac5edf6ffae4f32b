"""What only the browser shows: what Streamlit's widgets and its link reading do behind the
script's back. A typed number outside a box's range never reaches the script (the box only shows
a red icon); a link over Streamlit's limits reaches it as no link at all; a converted value
outside a box's range is replaced by the box's default. Each must be said on the page, and the
results must never be the default case posing as the link's or the user's.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

import pytest
from playwright.sync_api import Page, expect

from core import Scenario, assess
from core.dose_words import dose_words
from core.rules import VERDICT_LABELS
from tests.e2e.conftest import wait_idle
from ui.url_params import STREAMLIT_MAX_PARAMETERS


@pytest.fixture(autouse=True)
def patient_expectations() -> Iterator[None]:
    """Widgets load lazily after the script ran; on a busy 2-core machine that can take
    seconds, so this module's expectations wait longer than Playwright's 5 s."""
    expect.set_options(timeout=20_000)
    yield
    expect.set_options(timeout=5_000)


def metric_dose(scenario: Scenario) -> str:
    """The Explorer's dose box value for ``scenario`` (core.dose_words)."""
    return dose_words(assess(scenario)).value


def test_a_link_over_streamlits_parameter_limit_is_reported_not_replaced(
    page: Page, app_url: str, console_errors: list[str]
) -> None:
    junk = "&".join(f"x{i}=1" for i in range(STREAMLIT_MAX_PARAMETERS))
    page.goto(f"{app_url}/?age_years=72&crcl_ml_min=20&{junk}")
    wait_idle(page)
    notice = page.get_by_test_id("stAlertContentError").filter(has_text="This link was not read")
    expect(notice).to_be_visible()
    expect(notice).to_contain_text(f"{STREAMLIT_MAX_PARAMETERS + 2:,} parameters")
    # No result poses as the link's case (the default scenario would read "Recommended").
    expect(page.get_by_test_id("stMetricValue")).to_have_count(0)
    expect(page.get_by_text(VERDICT_LABELS[assess(Scenario()).verdict], exact=True)).to_have_count(
        0
    )
    page.get_by_role("button", name="Start from the default scenario").click()
    wait_idle(page)
    expect(page.get_by_test_id("stMetricValue").first).to_have_text(metric_dose(Scenario()))
    assert "link_not_read" not in page.url
    assert console_errors == []


def test_a_typed_crcl_out_of_range_gets_a_visible_message(
    page: Page, app_url: str, console_errors: list[str]
) -> None:
    page.goto(f"{app_url}/?age_years=72&crcl_ml_min=45")
    wait_idle(page)
    box = page.get_by_test_id("stSidebar").get_by_label(
        "Creatinine clearance (known) (mL/min)", exact=True
    )
    box.fill("999")
    box.press("Enter")
    wait_idle(page)
    message = page.get_by_test_id("stSidebar").get_by_test_id("stAlertContentError")
    expect(message).to_contain_text("999 is not allowed")
    expect(message).to_contain_text("0 to 250")
    expect(message).to_be_visible()  # below the box (the box itself only turns red)
    # ... and above the results, in the first screen, saying what the results use instead.
    main = page.get_by_test_id("stMain").get_by_test_id("stAlertContentWarning")
    said = main.filter(has_text="999 is not allowed")
    expect(said).to_contain_text("45 mL/min")
    expect(said).to_be_in_viewport()
    expect(page.get_by_test_id("stMetricValue").first).to_have_text(
        metric_dose(Scenario(age_years=72, crcl_ml_min=45))
    )
    assert "crcl_ml_min=45" in page.url
    assert console_errors == []


def test_the_crcl_box_shows_the_digits_the_rules_use(page: Page, app_url: str) -> None:
    page.goto(f"{app_url}/?crcl_ml_min=29.6")
    wait_idle(page)
    box = page.get_by_test_id("stSidebar").get_by_label(
        "Creatinine clearance (known) (mL/min)", exact=True
    )
    expect(box).to_have_value("29.6")


def test_switching_the_unit_never_changes_the_patient(
    page: Page, app_url: str, console_errors: list[str]
) -> None:
    patient = Scenario(age_years=60, creatinine_umol_l=1800)
    page.goto(f"{app_url}/?age_years=60&creatinine_umol_l=1800")
    wait_idle(page)
    sidebar = page.get_by_test_id("stSidebar")
    expect(page.get_by_test_id("stMetricValue").first).to_have_text(metric_dose(patient))
    sidebar.get_by_text("mg/dL", exact=True).click()
    wait_idle(page)
    expect(sidebar.get_by_label("Serum creatinine (mg/dL)", exact=True)).to_have_value("20.36")
    expect(page.get_by_test_id("stMetricValue").first).to_have_text(metric_dose(patient))
    expect(page.get_by_text(VERDICT_LABELS[assess(patient).verdict]).first).to_be_visible()
    expect(page).to_have_url(re.compile(r"creatinine_umol_l=1800"))
    assert console_errors == []


def test_clearing_the_crcl_box_means_not_known(page: Page, app_url: str) -> None:
    page.goto(f"{app_url}/?age_years=72&crcl_ml_min=45")
    wait_idle(page)
    box = page.get_by_test_id("stSidebar").get_by_label(
        "Creatinine clearance (known) (mL/min)", exact=True
    )
    box.fill("")
    box.press("Enter")
    wait_idle(page)
    expect(page.get_by_test_id("stMetricValue").first).to_have_text(
        metric_dose(Scenario(age_years=72))
    )
    expect(page).not_to_have_url(re.compile(r"crcl_ml_min"))


def test_the_dose_inputs_come_first_within_the_first_screen(page: Page, app_url: str) -> None:
    page.goto(f"{app_url}/")
    wait_idle(page)
    sidebar = page.get_by_test_id("stSidebar")
    page.wait_for_timeout(1000)  # the sidebar's late parts (help icons, scripts) settle first
    size = page.viewport_size
    assert size == {"width": 1280, "height": 720}

    def rect(label: str) -> dict[str, float]:
        box = sidebar.get_by_label(label, exact=True).first.bounding_box()
        assert box is not None, label
        return box

    dose_inputs = {
        label: rect(label)
        for label in (
            "Age (years)",
            "Female",
            "Weight (kg)",
            "Serum creatinine (mg/dL)",
            "Creatinine clearance (known) (mL/min)",
            "Strong OAT3 inhibitor (e.g. probenecid)",
        )
    }
    # Measured at 1280x720 with the page list down the sidebar: the CrCl box 909 px down and the
    # OAT3 box at 972 px, below the fold. Now every input the dose rules read is on the first
    # screen, without scrolling the sidebar...
    for label, box in dose_inputs.items():
        assert box["y"] >= 0 and box["y"] + box["height"] <= size["height"], (label, box)
    # ... and before every other input.
    child_pugh = rect("Child-Pugh class")["y"]
    assert all(box["y"] < child_pugh for box in dose_inputs.values())

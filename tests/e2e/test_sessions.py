"""Two visitors at once never see each other's scenario (no module-level mutable state).

Two browser contexts (two independent visitors, each with its own cookies and socket) open
different shared links. Visitor A moves the age slider and ticks a box on the Explorer; visitor
B's inputs, verdict, dose and address stay exactly as its link said -- before and after a
reload -- and B's session keeps them on every other registered page it switches to.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from urllib.parse import parse_qsl, urlsplit

from playwright.sync_api import Browser, Page, expect

from tests.e2e.conftest import open_page, wait_idle
from ui.page_registry import PAGES

LINK_A = "age_years=30&crcl_ml_min=90"
LINK_B = "age_years=80&pregnant=true&crcl_ml_min=45"
VIEWPORT = {"width": 1280, "height": 720}


@dataclass(frozen=True)
class Shown:
    """What a visitor sees on the Explorer: age slider, pregnant box, verdict, dose, address."""

    age: str
    pregnant: bool
    verdict: str
    dose: str
    address: tuple[str, tuple[tuple[str, str], ...]]  # path and sorted query pairs


def shown(page: Page) -> Shown:
    sidebar = page.get_by_test_id("stSidebar")
    main = page.get_by_test_id("stMain")
    return Shown(
        age=sidebar.get_by_role("slider").first.input_value(),
        pregnant=sidebar.get_by_role(
            "checkbox", name="Pregnant", exact=True, include_hidden=True
        ).is_checked(),
        verdict=main.get_by_test_id("stAlert").first.inner_text().split("\n")[0],
        dose=main.get_by_test_id("stMetricValue").first.inner_text().strip(),
        address=(urlsplit(page.url).path, tuple(sorted(parse_qsl(urlsplit(page.url).query)))),
    )


def test_one_visitors_changes_never_reach_another(browser: Browser, app_url: str) -> None:
    context_a = browser.new_context(viewport=VIEWPORT)  # type: ignore[arg-type]
    context_b = browser.new_context(viewport=VIEWPORT)  # type: ignore[arg-type]
    try:
        a, b = context_a.new_page(), context_b.new_page()
        b.goto(f"{app_url}/?{LINK_B}")
        wait_idle(b)
        a.goto(f"{app_url}/?{LINK_A}")
        wait_idle(a)
        before_b = shown(b)
        assert (
            before_b.age == "80"
            and before_b.pregnant
            and before_b.dose == "No dose: contraindicated"
        )
        assert shown(a).dose == "4 mg"

        # A: three steps up the age slider, then ticks "Pregnant".
        slider = a.get_by_test_id("stSidebar").get_by_role("slider").first
        slider.focus()
        for age in (31, 32, 33):
            a.keyboard.press("ArrowRight")
            expect(a).to_have_url(re.compile(rf"age_years={age}"), timeout=15_000)
            wait_idle(a)
        wait_idle(a)
        sidebar = a.get_by_test_id("stSidebar")
        sidebar.get_by_text("Pregnancy and fertility", exact=True).click()
        sidebar.get_by_text("Pregnant", exact=True).click()
        expect(a).to_have_url(re.compile(r"pregnant=true"))
        wait_idle(a)
        after_a = shown(a)
        assert (
            after_a.age == "33" and after_a.pregnant and after_a.dose == "No dose: contraindicated"
        )

        # B never changed: neither live nor after a reload.
        b.wait_for_timeout(500)
        assert shown(b) == before_b
        b.reload()
        wait_idle(b)
        assert shown(b) == before_b

        # ... and B's own session keeps B's scenario on every other page (switched through the
        # navigation, as a visitor does: same session, the app restores it into the address).
        for entry in PAGES[1:]:
            open_page(b, entry.title)
            b.wait_for_url(re.compile(rf"/{re.escape(entry.url_path)}\?"))
            wait_idle(b)
            assert "age_years=80" in b.url and "pregnant=true" in b.url, (entry.url_path, b.url)
            age_slider = b.get_by_test_id("stSidebar").get_by_role("slider")
            if age_slider.count():
                expect(age_slider.first).to_have_value("80")
        open_page(b, PAGES[0].title)
        b.wait_for_url(re.compile(r"age_years=80"))
        wait_idle(b)
        assert shown(b) == before_b
        a.reload()
        wait_idle(a)
        assert shown(a) == after_a
    finally:
        context_a.close()
        context_b.close()

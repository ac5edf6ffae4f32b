"""Lecture mode through app.py: every registered page renders in it (a page added to the registry
later is picked up automatically), the toggle and the ``lecture`` link parameter agree."""

from __future__ import annotations

from pathlib import Path

import pytest
from app_pages import open_app_page
from streamlit.testing.v1 import AppTest

from ui.lecture import LECTURE_CSS
from ui.page_registry import EXPLORER, PAGES

APP_FILE = Path(__file__).resolve().parents[2] / "app.py"
TOGGLE = "_lecture.toggle"


def lecture_css_injected(at: AppTest) -> bool:
    return any("font-size: 24px" in str(e.proto) for e in at.get("html"))


def test_the_registry_lists_each_page_once_with_one_default() -> None:
    root = APP_FILE.parent
    assert [page for page in PAGES if page.is_default] == [EXPLORER]
    for attribute in ("script", "title", "url_path"):
        values = [getattr(page, attribute) for page in PAGES]
        assert len(set(values)) == len(values), attribute
    for page in PAGES:
        assert (root / page.script).is_file(), page.script
    assert sorted(p.name for p in (root / "views").glob("*.py")) == sorted(
        page.script.removeprefix("views/") for page in PAGES
    ), "a script in views/ is not registered (or the other way round)"
    assert "24px" in LECTURE_CSS


@pytest.mark.parametrize("script", [page.script for page in PAGES])
def test_every_page_renders_in_lecture_mode(script: str) -> None:
    at = open_app_page(script, lecture="1")
    assert at.toggle(key=TOGGLE).value is True
    assert lecture_css_injected(at)
    assert at.query_params["lecture"] == "1"
    assert not [w for w in at.warning if "lecture" in str(w.value)]


def test_normal_mode_has_no_lecture_style_and_no_parameter() -> None:
    at = open_app_page(EXPLORER.script)
    assert at.toggle(key=TOGGLE).value is False
    assert not lecture_css_injected(at)
    assert "lecture" not in at.query_params


def test_toggle_switches_mode_and_link() -> None:
    at = open_app_page(EXPLORER.script, age_years="72")
    at.toggle(key=TOGGLE).set_value(True).run()
    assert lecture_css_injected(at) and at.query_params["lecture"] == "1"
    assert at.query_params["age_years"] == "72"  # the scenario stays in the link
    at.toggle(key=TOGGLE).set_value(False).run()
    assert not lecture_css_injected(at) and "lecture" not in at.query_params


def test_lecture_zero_is_off_and_a_bad_value_warns() -> None:
    assert not lecture_css_injected(open_app_page(EXPLORER.script, lecture="0"))
    at = open_app_page(EXPLORER.script, lecture="loud")
    warning = " ".join(str(w.value) for w in at.warning)
    assert "lecture" in warning and "loud" in warning and "1 or 0" in warning
    assert not lecture_css_injected(at)


def test_lecture_mode_styles_the_page_with_one_style_element() -> None:
    # Each element is one more message per run: the page's sheet and the lecture sheet share it.
    at = open_app_page(EXPLORER.script, lecture="1")
    sheets = [str(e.proto.body) for e in at.get("html") if "<style>" in e.proto.body]
    page_sheets = [body for body in sheets if "stMainBlockContainer" in body]
    assert len(page_sheets) == 1
    assert "font-size: 24px" in page_sheets[0] and "stMetricValue" in page_sheets[0]

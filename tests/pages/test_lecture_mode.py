"""Lecture mode through app.py: every registered page renders in it (pages added to app.py later
are picked up automatically), the toggle and the ``lecture`` link parameter agree."""

from __future__ import annotations

from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

from bench import page_registry
from ui.lecture import LECTURE_CSS

APP = "../../app.py"
APP_FILE = Path(__file__).resolve().parents[2] / "app.py"
TOGGLE = "_lecture.toggle"


def registered_pages() -> list[str]:
    """The script of every page registered in app.py (read from its source)."""
    return [page.script for page in page_registry.registered_pages()]


def lecture_css_injected(at: AppTest) -> bool:
    return any("font-size: 24px" in str(e.proto) for e in at.get("html"))


def open_page(script: str, **params: str) -> AppTest:
    at = AppTest.from_file(APP, default_timeout=30)
    at.run()
    for name, value in params.items():
        at.query_params[name] = value
    at.switch_page(script).run()
    assert not at.exception, f"{script}: {at.exception}"
    return at


def test_the_page_list_is_read_from_app_py() -> None:
    pages = registered_pages()
    assert "views/explorer.py" in pages and "views/cases.py" in pages
    assert "views/compare.py" in pages
    assert "24px" in LECTURE_CSS


@pytest.mark.parametrize("script", registered_pages())
def test_every_page_renders_in_lecture_mode(script: str) -> None:
    at = open_page(script, lecture="1")
    assert at.toggle(key=TOGGLE).value is True
    assert lecture_css_injected(at)
    assert at.query_params["lecture"] == "1"
    assert not [w for w in at.warning if "lecture" in str(w.value)]


def test_normal_mode_has_no_lecture_style_and_no_parameter() -> None:
    at = open_page("views/explorer.py")
    assert at.toggle(key=TOGGLE).value is False
    assert not lecture_css_injected(at)
    assert "lecture" not in at.query_params


def test_toggle_switches_mode_and_link() -> None:
    at = open_page("views/explorer.py", age_years="72")
    at.toggle(key=TOGGLE).set_value(True).run()
    assert lecture_css_injected(at) and at.query_params["lecture"] == "1"
    assert at.query_params["age_years"] == "72"  # the scenario stays in the link
    at.toggle(key=TOGGLE).set_value(False).run()
    assert not lecture_css_injected(at) and "lecture" not in at.query_params


def test_lecture_zero_is_off_and_a_bad_value_warns() -> None:
    assert not lecture_css_injected(open_page("views/explorer.py", lecture="0"))
    at = open_page("views/explorer.py", lecture="loud")
    warning = " ".join(str(w.value) for w in at.warning)
    assert "lecture" in warning and "loud" in warning and "1 or 0" in warning
    assert not lecture_css_injected(at)

"""AppTest of the page reopened after a reconnection (``ui.reconnection``): the browser's reload
carries ``reconnected=<what>``; the page says what happened once, keeps the case, and drops the
marker from the address. The reload itself runs in the browser: tests/e2e/test_reconnect.py."""

from __future__ import annotations

from urllib.parse import urlencode

import pytest
from app_pages import open_app, open_app_page
from streamlit.testing.v1 import AppTest

from core.audit import audit_entries
from ui.page_registry import DOSE_MAP
from ui.reconnection import INPUT_NOT_APPLIED, RECONNECTED_PARAM, RESTORED_CASE


def infos(at: AppTest) -> list[str]:
    return [str(i.value) for i in at.info]


@pytest.mark.parametrize(
    ("what", "words"),
    [(RESTORED_CASE, "your case was restored"), (INPUT_NOT_APPLIED, "was not applied")],
)
def test_the_reopened_page_says_so_once_and_keeps_the_case(what: str, words: str) -> None:
    at = open_app_page(DOSE_MAP.script, age_years="72", **{RECONNECTED_PARAM: what})
    assert [text for text in infos(at) if text.startswith("Reconnected:") and words in text]
    assert not [str(w.value) for w in at.warning if RECONNECTED_PARAM in str(w.value)]
    assert RECONNECTED_PARAM not in at.query_params
    assert at.query_params["age_years"] == "72"
    assert at.slider(key="age_years").value == 72
    at.run()
    assert not [text for text in infos(at) if text.startswith("Reconnected:")]


def test_a_visitor_without_the_marker_sees_no_notice() -> None:
    at = open_app()
    assert not [text for text in infos(at) if text.startswith("Reconnected:")]


def test_the_tab_keeps_the_case_with_the_parameters_that_change_every_page() -> None:
    reading = audit_entries()[0].id
    at = open_app_page(DOSE_MAP.script, age_years="72", lecture="1", reading=reading)
    scripts = [str(e.proto.body) for e in at.get("html") if "__explorerTabCase" in e.proto.body]
    assert len(scripts) == 1
    query = urlencode({"age_years": "72", "lecture": "1", "reading": reading})
    assert f'query = "{query}"' in scripts[0]


def test_the_tab_memory_and_the_link_check_are_one_element_of_the_sidebar() -> None:
    # Each element is one more message the browser renders on every input: both per-run scripts
    # (the tab's case, the check of a link Streamlit did not read) share one.
    at = open_app()
    scripts = [str(e.proto.body) for e in at.sidebar.get("html")]
    assert len(scripts) == 1
    assert "__explorerTabCase" in scripts[0]
    assert "link_not_read=" in scripts[0]

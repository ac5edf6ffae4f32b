"""The benchmark's pages run without error and show the dose the bench waits for.

``bench/browser_bench.py`` times the slider on three pages: the app, ``bench/bare_page.py`` and
``bench/inputs_page.py`` (the app's frame and inputs, one metric for the results). A page that
raised after drawing its metric would be timed while showing an error box.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

from core import assess
from core.dose_words import dose_words
from core.scenario import Scenario

BENCH = Path(__file__).resolve().parents[2] / "bench"


@pytest.mark.parametrize("age", ["70", "71"])
def test_the_inputs_page_shows_the_cores_dose_with_the_apps_inputs(age: str) -> None:
    at = AppTest.from_file(str(BENCH / "inputs_page.py"), default_timeout=30)
    at.query_params["age_years"] = age
    at.query_params["crcl_ml_min"] = "80"
    at.run()
    assert not at.exception, at.exception
    expected = dose_words(assess(Scenario(age_years=int(age), crcl_ml_min=80))).value
    assert [m.value for m in at.main.metric] == [expected]
    # the app's sidebar: its slider, its other inputs and the footer's source link
    assert at.sidebar.slider(key="age_years").value == int(age)
    assert len(at.sidebar.number_input) >= 2
    assert any("Educational software" in c.value for c in at.sidebar.caption)


def test_the_bare_page_shows_the_age_rule() -> None:
    at = AppTest.from_file(str(BENCH / "bare_page.py"), default_timeout=30)
    at.query_params["age_years"] = "71"
    at.run()
    assert not at.exception, at.exception
    assert [m.value for m in at.main.metric] == ["2 mg"]

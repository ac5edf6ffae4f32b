"""URL encoding of a scenario (ui.scenario_state's pure helpers)."""

from __future__ import annotations

from core import Scenario
from ui.scenario_state import encode_value, scenario_link, scenario_query


def test_url_encoding_and_links() -> None:
    assert encode_value(True) == "true" and encode_value(72.0) == "72"
    assert encode_value(72.5) == "72.5"
    scenario = Scenario(age_years=72, weight_kg=80.0, pregnant=True)
    assert scenario_query(scenario) == {"age_years": "72", "weight_kg": "80", "pregnant": "true"}
    link = scenario_link("source", scenario, passage="dosing.standard")
    assert link == "source?age_years=72&weight_kg=80&pregnant=true&passage=dosing.standard"
    assert scenario_link("", Scenario()) == "./"

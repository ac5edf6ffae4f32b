"""URL encoding of a scenario (ui.scenario_state's pure helpers)."""

from __future__ import annotations

from core import Scenario
from ui.scenario_state import (
    MG_DL,
    UMOL_L,
    creatinine_in_unit,
    encode_value,
    scenario_from_inputs,
    scenario_link,
    scenario_query,
)


def test_url_encoding_and_links() -> None:
    assert encode_value(True) == "true" and encode_value(72.0) == "72"
    assert encode_value(72.5) == "72.5"
    scenario = Scenario(age_years=72, weight_kg=80.0, pregnant=True)
    assert scenario_query(scenario) == {"age_years": "72", "weight_kg": "80", "pregnant": "true"}
    link = scenario_link("source", scenario, passage="dosing.standard")
    assert link == "source?age_years=72&weight_kg=80&pregnant=true&passage=dosing.standard"
    assert scenario_link("", Scenario()) == "./"


def test_a_bad_input_keeps_the_last_valid_value_never_the_default() -> None:
    last = Scenario(age_years=72, weight_kg=82.0, crcl_ml_min=45.0)
    typed = {"age_years": 72, "weight_kg": 82.0, "crcl_ml_min": 999.0}
    scenario, problems = scenario_from_inputs(typed, last)
    assert scenario.crcl_ml_min == 45.0  # not the default (blank) and not 999
    assert [(p.field, p.value) for p in problems] == [("crcl_ml_min", 999.0)]


def test_an_emptied_required_input_keeps_its_value() -> None:
    last = Scenario(weight_kg=82.0)
    scenario, problems = scenario_from_inputs({"weight_kg": None}, last)
    assert scenario.weight_kg == 82.0 and problems == ()


def test_an_emptied_optional_input_is_not_known() -> None:
    scenario, problems = scenario_from_inputs({"crcl_ml_min": None}, Scenario(crcl_ml_min=45.0))
    assert scenario.crcl_ml_min is None and problems == ()


def test_a_bad_creatinine_keeps_the_creatinine_as_given() -> None:
    last = Scenario(creatinine_umol_l=1800.0)
    scenario, problems = scenario_from_inputs({"creatinine_mg_dl": 20.5}, last)
    assert (scenario.creatinine_umol_l, scenario.creatinine_mg_dl) == (1800.0, None)
    assert [p.field for p in problems] == ["creatinine_mg_dl"]


def test_the_box_shows_the_given_creatinine_rounded_only_for_the_other_unit() -> None:
    assert creatinine_in_unit("creatinine_umol_l", 1800.0, UMOL_L) == 1800.0
    assert creatinine_in_unit("creatinine_umol_l", 1800.0, MG_DL) == 20.36
    assert creatinine_in_unit("creatinine_mg_dl", 1.2, UMOL_L) == 106.1

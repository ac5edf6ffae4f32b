"""The scenario model's helpers for links and files: the changed fields, and a link's bad values
dropped one by one while the good ones are kept."""

from __future__ import annotations

import pytest

from core.errors import FieldProblem, ScenarioError
from core.scenario import DEFAULTS, Scenario, parse_scenario, parse_scenario_keeping_valid


def test_changed_fields_are_exactly_the_non_defaults_as_json_values() -> None:
    assert Scenario().changed_fields() == {}
    scenario = Scenario(age_years=72, sex="male", crcl_ml_min=45.5, pregnant=False, child_pugh="B")
    assert scenario.changed_fields() == {
        "age_years": 72,
        "sex": "male",
        "crcl_ml_min": 45.5,
        "child_pugh": "B",
    }
    assert set(DEFAULTS) == set(Scenario.model_fields)


def test_keeping_valid_drops_only_the_bad_fields_and_names_each() -> None:
    scenario, problems = parse_scenario_keeping_valid(
        {"age_years": "72", "sex": "robot", "crcl_ml_min": "abc", "pregnant": "yes"}
    )
    assert scenario == Scenario(age_years=72, pregnant=True)
    assert [problem.field for problem in problems] == ["sex", "crcl_ml_min"]
    assert all(isinstance(problem, FieldProblem) for problem in problems)
    assert [problem.value for problem in problems] == ["robot", "abc"]


def test_keeping_valid_with_nothing_wrong_reports_nothing() -> None:
    assert parse_scenario_keeping_valid({"age_years": 80}) == (Scenario(age_years=80), ())
    assert parse_scenario_keeping_valid({}) == (Scenario(), ())


def test_keeping_valid_reports_an_unknown_name_and_keeps_the_rest() -> None:
    scenario, problems = parse_scenario_keeping_valid({"age_yrs": "50", 7: "x", "age_years": 60})
    assert scenario == Scenario(age_years=60)
    assert sorted(problem.field for problem in problems) == ["7", "age_yrs"]


@pytest.mark.parametrize(
    ("data", "message"),
    [
        ([1, 2], "scenario: [1, 2] is not allowed; allowed: an object of field: value pairs"),
        ("x", "scenario: 'x' is not allowed; allowed: an object of field: value pairs"),
        (
            {"weight_kg": "heavy"},
            "weight_kg: 'heavy' is not allowed; allowed: a number from 20 to 400 kg",
        ),
        (
            {"crcl_ml_min": -5},
            "crcl_ml_min: -5 is not allowed; allowed: a number from 0 to 250 mL/min or blank",
        ),
    ],
)
def test_the_message_names_the_field_the_value_and_what_is_allowed_with_its_unit(
    data: object, message: str
) -> None:
    with pytest.raises(ScenarioError) as refused:
        parse_scenario(data)  # type: ignore[arg-type]
    assert str(refused.value) == message

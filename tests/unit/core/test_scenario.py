"""The scenario model's helpers for links and files: the changed fields, and a link's bad values
dropped one by one while the good ones are kept."""

from __future__ import annotations

import json

import pytest
from pydantic import ValidationError

from core.errors import FieldProblem, ScenarioError
from core.scenario import (
    DEFAULTS,
    FEMALE_ONLY_ALLOWED,
    FIELD_NAMES,
    FLAG_ALLOWED,
    GROUPS,
    ChildPugh,
    Indication,
    Scenario,
    Sex,
    allowed_values,
    field_info,
    parse_scenario,
    parse_scenario_keeping_valid,
)

BOOL_OR_CHOICE = (bool, Sex, ChildPugh, Indication)


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


@pytest.mark.parametrize(
    ("given", "read"),
    [(0, False), (1, True), ("No", False), (" FALSE ", False), ("0", False), ("Yes", True)],
)
def test_a_flag_reads_every_contract_spelling_of_yes_and_no(given: object, read: bool) -> None:
    # failed_csdmard defaults to true, so a "no" read as anything else would show.
    assert parse_scenario({"failed_csdmard": given}).failed_csdmard is read
    assert parse_scenario({"pregnant": given}).pregnant is read


def test_a_flag_refuses_other_numbers_and_words_naming_the_spellings() -> None:
    for given in (2, -1, "maybe", "y"):
        with pytest.raises(ScenarioError) as refused:
            parse_scenario({"pregnant": given})
        assert list(refused.value.problems) == [FieldProblem("pregnant", given, FLAG_ALLOWED)]
    # Code that validates the model directly gets the same words in pydantic's error.
    with pytest.raises(ValidationError) as direct:
        Scenario.model_validate({"pregnant": "maybe"})
    (error,) = direct.value.errors()
    assert (error["type"], error["msg"]) == ("flag", "Input should be true/false, yes/no or 1/0")


def test_choices_are_read_in_any_case_and_anything_else_is_refused() -> None:
    scenario = parse_scenario({"sex": " Male ", "child_pugh": "c", "indication": "Other"})
    assert (scenario.sex, scenario.child_pugh, scenario.indication) == (
        Sex.male,
        ChildPugh.C,
        Indication.other,
    )
    with pytest.raises(ScenarioError) as refused:
        parse_scenario({"sex": "mal", "child_pugh": "D"})
    assert list(refused.value.problems) == [
        FieldProblem("sex", "mal", "one of female, male"),
        FieldProblem("child_pugh", "D", "one of none, A, B, C"),
    ]


def test_changed_fields_are_plain_json_text_not_enum_members() -> None:
    changed = Scenario(sex="male", child_pugh="B").changed_fields()
    assert [type(value) for value in changed.values()] == [str, str]
    assert json.loads(json.dumps(changed)) == {"sex": "male", "child_pugh": "B"}


def test_pregnancy_for_a_male_patient_names_each_impossible_field_with_its_value() -> None:
    with pytest.raises(ScenarioError) as refused:
        parse_scenario({"sex": "male", "pregnant": "yes", "breastfeeding": "1"})
    assert list(refused.value.problems) == [
        FieldProblem("pregnant", "yes", FEMALE_ONLY_ALLOWED),
        FieldProblem("breastfeeding", "1", FEMALE_ONLY_ALLOWED),
    ]


def test_an_unknown_name_does_not_hide_a_bad_value_of_a_known_field() -> None:
    with pytest.raises(ScenarioError) as refused:
        parse_scenario({"age_yrs": "50", "weight_kg": "heavy", "age_years": "60"})
    problems = refused.value.problems
    assert [(problem.field, problem.unknown) for problem in problems] == [
        ("age_yrs", True),
        ("weight_kg", False),
    ]
    assert problems[1] == FieldProblem("weight_kg", "heavy", "a number from 20 to 400 kg")


def test_every_number_field_has_a_range_and_a_unit() -> None:
    numbers = [
        name for name in FIELD_NAMES if Scenario.model_fields[name].annotation not in BOOL_OR_CHOICE
    ]
    assert len(numbers) == 8
    for name in numbers:
        unit = field_info(name)["unit"]
        assert unit and f" {unit}" in allowed_values(name), name
    assert allowed_values("age_years") == "a whole number from 18 to 120 years"
    assert allowed_values("haemoglobin_g_dl") == "a number from 1 to 25 g/dL or blank"


def test_field_metadata_gives_each_field_a_label_and_a_known_group() -> None:
    groups = {key for key, _ in GROUPS}
    for name in FIELD_NAMES:
        info = field_info(name)
        assert set(info) == {"label", "group", "help", "unit"}, name
        assert info["label"] and info["help"] and info["group"] in groups, name
    assert field_info("failed_csdmard")["label"] == "Failed a conventional synthetic DMARD"
    assert Scenario.model_fields["failed_csdmard"].default is True
    assert Scenario.model_fields["pregnant"].default is False


def test_a_refused_value_is_quoted_as_given_spaces_and_all() -> None:
    with pytest.raises(ScenarioError) as refused:
        parse_scenario({"weight_kg": " heavy "})
    assert list(refused.value.problems) == [
        FieldProblem("weight_kg", " heavy ", "a number from 20 to 400 kg")
    ]

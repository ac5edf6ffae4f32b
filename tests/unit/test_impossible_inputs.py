"""A male patient cannot be pregnant or breastfeeding: every door refuses it through the model,
naming the field, the value and what is allowed; planning a conception stays valid for men."""

from __future__ import annotations

import csv
import io

import pytest
from pydantic import ValidationError

from core import Scenario, ScenarioError, assess, parse_scenario, parse_scenario_keeping_valid
from core.__main__ import EXIT_INPUT, main
from core.batch import assess_csv
from core.scenario import FEMALE_ONLY_FIELDS


@pytest.mark.parametrize("name", FEMALE_ONLY_FIELDS)
def test_the_model_refuses_it(name: str) -> None:
    with pytest.raises(ValidationError):
        Scenario.model_validate({"sex": "male", name: True})


@pytest.mark.parametrize("name", FEMALE_ONLY_FIELDS)
@pytest.mark.parametrize("sex", ["male", "Male", " MALE "])
def test_the_error_names_field_value_and_what_is_allowed(name: str, sex: str) -> None:
    with pytest.raises(ScenarioError) as caught:
        parse_scenario({"sex": sex, name: "yes", "age_years": "40"})
    (problem,) = caught.value.problems
    assert (problem.field, problem.value) == (name, "yes")
    assert "when sex is male" in problem.allowed
    assert "planning_conception is valid for both sexes" in problem.allowed
    assert str(caught.value).startswith(f"{name}: 'yes' is not allowed; allowed: false when")


def test_both_at_once_are_both_named() -> None:
    with pytest.raises(ScenarioError) as caught:
        parse_scenario({"sex": "male", "pregnant": True, "breastfeeding": "1"})
    assert [(p.field, p.value) for p in caught.value.problems] == [
        ("pregnant", True),
        ("breastfeeding", "1"),
    ]


def test_what_stays_valid() -> None:
    man = parse_scenario({"sex": "male", "planning_conception": "yes"})
    assert man.planning_conception and "advice.male_fertility" in assess(man).finding_ids
    assert parse_scenario({"sex": "female", "pregnant": "yes", "breastfeeding": "yes"}).pregnant
    assert not parse_scenario({"sex": "male", "pregnant": "no"}).pregnant


def test_a_link_keeps_the_rest_and_reports_the_field() -> None:
    scenario, problems = parse_scenario_keeping_valid(
        {"sex": "male", "pregnant": "true", "age_years": "72"}
    )
    assert (scenario.sex.value, scenario.age_years, scenario.pregnant) == ("male", 72, False)
    assert [(p.field, p.value) for p in problems] == [("pregnant", "true")]


def test_cli_assess_refuses_it(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["assess", '{"sex": "male", "pregnant": true}']) == EXIT_INPUT
    captured = capsys.readouterr()
    assert captured.out == ""
    assert captured.err.splitlines() == [
        "error: pregnant: True is not allowed; allowed: false when sex is male (only a female "
        "patient can be pregnant or breastfeeding; planning_conception is valid for both sexes)"
    ]


def test_a_batch_row_refuses_it_and_the_others_go_on() -> None:
    data = (
        "case_id,sex,pregnant,breastfeeding,planning_conception\n"
        "man_pregnant,male,yes,,\n"
        "man_both,MALE,true,1,\n"
        "man_planning,male,,,yes\n"
        "woman_pregnant,female,yes,,\n"
    )
    rows = {
        row["case_id"]: row
        for row in csv.DictReader(io.StringIO(assess_csv(data.encode()).decode()))
    }
    for case_id, fields in (("man_pregnant", ("pregnant",)), ("man_both", FEMALE_ONLY_FIELDS)):
        row = rows[case_id]
        assert row["verdict"] == row["dose_mg"] == row["finding_ids"] == ""
        assert row["error"].count("is not allowed") == len(fields)
        assert row["error"].startswith(f"{fields[0]}: ")
        assert all(f"{name}: " in row["error"] for name in fields)
        assert "when sex is male" in row["error"]
    assert rows["man_planning"]["error"] == "" and rows["man_planning"]["verdict"]
    assert rows["woman_pregnant"]["verdict"] == "contraindicated"


def test_a_batch_row_gives_the_models_message() -> None:
    cells = {"sex": "male", "pregnant": " Yes ", "breastfeeding": "1"}
    data = ",".join(cells) + "\n" + ",".join(cells.values()) + "\n"
    (row,) = csv.DictReader(io.StringIO(assess_csv(data.encode()).decode()))
    with pytest.raises(ScenarioError) as caught:
        parse_scenario(cells)
    assert row["error"] == str(caught.value)

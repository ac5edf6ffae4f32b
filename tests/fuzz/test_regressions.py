"""Regression tests: one per core bug the fuzz runs found (all fixed; the generators now produce
these inputs again, so the bulk runs guard them too)."""

from __future__ import annotations

from typing import Any

from core_cli import run_cli
from fuzz_checks import check_cli_run, check_keeping_valid, outcome

import core.__main__ as cli
from core.batch import assess_csv
from core.errors import ScenarioError
from core.scenario import parse_scenario, parse_scenario_keeping_valid


def test_huge_int_is_a_scenario_error() -> None:
    result = outcome(parse_scenario, {"age_years": 10**5000}, allowed=(ScenarioError,))
    assert "age_years" in str(result.error)


def test_assess_huge_int_literal_is_one_error_line() -> None:
    argv = ["assess", '{"age_years": ' + "9" * 5000 + "}"]
    check_cli_run(run_cli(cli.main, argv), argv)


def test_assess_deep_nesting_is_one_error_line() -> None:
    argv = ["assess", "[" * 100_000]
    check_cli_run(run_cli(cli.main, argv), argv)


def test_bool_for_a_number_is_an_error() -> None:
    # {"crcl_ml_min": true} would be assessed as CrCl 1 mL/min: contraindicated.
    result = outcome(parse_scenario, {"crcl_ml_min": True}, allowed=(ScenarioError,))
    assert result.error is not None, f"read as {result.value.crcl_ml_min!r}"


def test_link_reading_with_a_non_text_key_keeps_the_valid_fields() -> None:
    data: dict[Any, str] = {1: "x", "age_years": "80", "pregnant": "yes"}
    scenario, problems = parse_scenario_keeping_valid(data)
    check_keeping_valid(data, scenario, problems)


def test_negative_zero_crcl_is_shown_as_zero() -> None:
    alone = assess_csv(b"crcl_ml_min\n-0\n").decode().splitlines()[1].split(",")
    assert alone[1] == "0", alone


def test_unterminated_quote_is_a_file_error() -> None:
    data = b'case_id,note,age_years\na,"unterminated,50\nb,,60\nc,,70\n'
    run = run_cli(cli.main, ["batch", "-", "-"], stdin=data)
    assert run.code == cli.EXIT_INPUT, run.stdout.decode()

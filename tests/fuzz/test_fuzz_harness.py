"""The fuzz checks can fail: each is fed a deliberately broken door and must catch it."""

from __future__ import annotations

import sys
import traceback

import pytest
from core_cli import run_cli
from fuzz_checks import (
    check_batch_output,
    check_cli_run,
    check_model_accepted,
    check_model_rejected,
    check_spreadsheet_safe,
    outcome,
)

from core.batch import OUTPUT_COLUMNS
from core.errors import FieldProblem, ScenarioError
from core.scenario import Scenario


def _raises(_: object) -> None:
    raise KeyError("boom")


def test_an_escaping_exception_fails_with_its_traceback() -> None:
    with pytest.raises(AssertionError, match=r"(?s)KeyError escaped.*Traceback.*boom"):
        outcome(_raises, {"age_years": 1}, allowed=(ScenarioError,))


def _prints_a_traceback(argv: list[str]) -> int:
    try:
        _raises(argv)
    except KeyError:
        traceback.print_exc(file=sys.stderr)
    return 2


def _main_raises(argv: list[str]) -> int:
    raise KeyError(argv[0])


def _exits(argv: list[str]) -> int:
    raise SystemExit(3)


def test_a_cli_traceback_or_escape_fails() -> None:
    run = run_cli(_prints_a_traceback, ["assess", "{}"])
    with pytest.raises(AssertionError, match="Traceback"):
        check_cli_run(run, ["assess", "{}"])
    with pytest.raises(AssertionError, match="KeyError escaped"):
        run_cli(_main_raises, ["assess", "{}"])
    two_lines = run_cli(_exits, ["assess", "{}"])
    with pytest.raises(AssertionError):
        check_cli_run(two_lines, ["assess", "{}"])  # exit 3 without its error line


def test_a_silent_default_fails() -> None:
    with pytest.raises(AssertionError, match="accepted"):
        check_model_accepted({"age_years": "abc"}, Scenario())
    with pytest.raises(AssertionError, match="read as"):
        check_model_accepted({"pregnant": "yes"}, Scenario())


def test_an_unnamed_bad_field_fails() -> None:
    error = ScenarioError([FieldProblem("sex", "x", "one of female, male")])
    with pytest.raises(AssertionError, match="not named"):
        check_model_rejected({"sex": "x", "age_years": "abc"}, error)


def _output(header: list[str], cells: list[str], answer: list[str]) -> bytes:
    return (",".join([*header, *OUTPUT_COLUMNS]) + "\n" + ",".join(cells + answer) + "\n").encode()


def test_batch_output_faults_fail() -> None:
    header = ["note", "age_years"]
    good = ["", "recommended", "", "x", ""]
    with pytest.raises(AssertionError, match="echoed as"):  # echoed without its quote
        check_batch_output(header, [["=1+1", "50"]], _output(header, ["=1+1", "50"], good))
    with pytest.raises(AssertionError, match="formula-like"):
        check_spreadsheet_safe(["ok", "@SUM(1)"], "error column")
    with pytest.raises(AssertionError, match="accepted silently"):  # junk age, no error
        check_batch_output(header, [["", "abc"]], _output(header, ["", "abc"], good))
    unnamed = ["", "", "", "", "row is bad"]
    with pytest.raises(AssertionError, match="not named"):
        check_batch_output(header, [["", "abc"]], _output(header, ["", "abc"], unnamed))

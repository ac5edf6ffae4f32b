"""Door (b), ``python -m core assess '<text>'``, with arbitrary text: the in-process entry point
``core.__main__.main`` for 10 000 inputs, and real processes for a few.

Each ends in exit 0 and the assessment JSON, or exit 2 and one ``error:`` line -- the very
message the model gives for the same object -- and never a traceback or an escaped exception.
"""

from __future__ import annotations

import functools
import json
import random
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
from fuzz_checks import check_cli_run, check_model_accepted, outcome, run_cli, short
from fuzz_inputs import DEFAULT_COUNT, SLOW_COUNT, assess_text
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import core.__main__ as cli
from core.errors import ScenarioError
from core.scenario import Scenario, parse_scenario

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture(autouse=True)
def _one_parser(monkeypatch: pytest.MonkeyPatch) -> None:
    # Building the argparse parser costs about a millisecond and is not what is fuzzed; main()
    # still parses every argv with it.
    monkeypatch.setattr(cli, "build_parser", functools.cache(cli.build_parser))


def first_duplicate_key(text: str) -> str | None:
    """The first key given twice in any object of ``text`` (None if none, or not JSON)."""
    found: list[str] = []

    def pairs(items: list[tuple[str, Any]]) -> dict[str, Any]:
        keys = [key for key, _ in items]
        found.extend(key for index, key in enumerate(keys) if key in keys[:index])
        return dict(items)

    reader = functools.partial(json.loads, object_pairs_hook=pairs)
    outcome(reader, text, allowed=(ValueError, RecursionError))
    return found[0] if found else None


def check_assess(text: str) -> str:
    """One ``assess`` run on ``text``; returns "accepted" or "rejected"."""
    argv = ["assess", text]
    run = run_cli(cli.main, argv)
    check_cli_run(run, argv)
    duplicate = first_duplicate_key(text)
    if duplicate is not None:  # never "the last one wins" silently
        assert run.code == cli.EXIT_INPUT, (run.code, short(text))
        assert repr(duplicate) in run.stderr, run.stderr
        return "rejected"
    data: Any = outcome(json.loads, text, allowed=(ValueError, RecursionError)).value
    if run.code == 0:
        answer = json.loads(run.stdout)
        assert isinstance(data, dict), short(text)
        assert answer["verdict"] and isinstance(answer["findings"], list)
        shown = Scenario.model_validate(answer["scenario"])
        check_model_accepted(data, shown)  # every given value read as the contract says
        return "accepted"
    assert run.code == cli.EXIT_INPUT, (run.code, short(text))
    if isinstance(data, dict):
        error = outcome(parse_scenario, data, allowed=(ScenarioError,)).error
        assert error is not None, f"CLI refused what the model accepts: {short(text)}"
        assert run.stderr == f"error: {error}\n"
    return "rejected"


def run_assess_door(seed: int, count: int) -> dict[str, int]:
    """``count`` generated arguments from ``seed``; the tally of outcomes."""
    rng = random.Random(seed)
    tally = {"accepted": 0, "rejected": 0}
    for index in range(count):
        text = assess_text(rng)
        try:
            tally[check_assess(text)] += 1
        except AssertionError as failure:
            raise AssertionError(f"seed {seed}, input {index} {short(text)}: {failure}") from None
    return tally


def test_assess_door_10000_inputs(fuzz_seed: int) -> None:
    tally = run_assess_door(fuzz_seed, DEFAULT_COUNT)
    assert tally["accepted"] > DEFAULT_COUNT // 20, tally
    assert tally["rejected"] > DEFAULT_COUNT // 2, tally


@settings(max_examples=100, deadline=None, suppress_health_check=list(HealthCheck))
@given(st.randoms(use_true_random=False))
def test_assess_door_shrinking(rng: random.Random) -> None:
    check_assess(assess_text(rng))


@pytest.mark.slow
def test_assess_door_slow(fuzz_seed: int) -> None:
    tally = run_assess_door(fuzz_seed, SLOW_COUNT // 4)
    assert sum(tally.values()) == SLOW_COUNT // 4


def run_core(*arguments: str, stdin: bytes | None = None) -> subprocess.CompletedProcess[bytes]:
    """A real ``python -m core`` process."""
    return subprocess.run(
        [sys.executable, "-m", "core", *arguments],
        cwd=ROOT,
        input=stdin,
        capture_output=True,
        timeout=60,
        check=False,
    )


@pytest.mark.parametrize(
    ("text", "code"),
    [
        ('{"weight_kg": NaN, "age_years": "٣", "sex": "\u202emale", "zz": 1e999}', 2),
        ("[" * 400 + "]" * 399, 2),
        ('{"age_years": " 72 ", "crcl_ml_min": "4_5", "pregnant": "No", "sex": "MALE"}', 0),
    ],
    ids=["junk-object", "broken-nesting", "odd-but-valid"],
)
def test_assess_real_process(text: str, code: int) -> None:
    result = run_core("assess", text)
    stderr = result.stderr.decode()
    assert "Traceback" not in stderr
    assert result.returncode == code, stderr
    if code:
        assert stderr.startswith("error: ") and stderr.count("\n") == 1, stderr
    else:
        assert json.loads(result.stdout)["scenario"]["crcl_ml_min"] == 45.0

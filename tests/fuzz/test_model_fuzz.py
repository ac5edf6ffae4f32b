"""Door (a), the model: ``parse_scenario``, ``Scenario.model_validate`` and the shared-link
reading ``parse_scenario_keeping_valid`` with mappings of mixed junk.

Each input ends in a Scenario whose every given value is what the contract allows (never the
default unless the value was blank), or in a ScenarioError / ValidationError naming every bad
field -- nothing else escapes.
"""

from __future__ import annotations

import random
from collections.abc import Mapping
from typing import Any

import pytest
from fuzz_checks import (
    check_keeping_valid,
    check_model_accepted,
    check_model_rejected,
    outcome,
    short,
)
from fuzz_inputs import DEFAULT_COUNT, SLOW_COUNT, model_input
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from pydantic import ValidationError

from core.errors import ScenarioError
from core.scenario import Scenario, parse_scenario, parse_scenario_keeping_valid


def check_model_door(data: Any) -> str:
    """Every model entry point on one input; returns "accepted" or "rejected"."""
    parsed = outcome(parse_scenario, data, allowed=(ScenarioError,))
    validated = outcome(Scenario.model_validate, data, allowed=(ValidationError,))
    if parsed.error is None:
        check_model_accepted(data, parsed.value)
        assert validated.value == parsed.value, short(data)
    else:
        assert isinstance(parsed.error, ScenarioError)
        check_model_rejected(data, parsed.error)
        assert validated.error is not None, f"model_validate accepted {short(data)}"
    # Non-text keys are a known bug of the link reading (test_known_bugs.py); links have none.
    if isinstance(data, Mapping) and all(isinstance(key, str) for key in data):
        kept = outcome(parse_scenario_keeping_valid, data)  # must never raise
        scenario, problems = kept.value
        check_keeping_valid(data, scenario, problems)
        if parsed.error is None:
            assert scenario == parsed.value and not problems
    return "accepted" if parsed.error is None else "rejected"


def run_model_door(seed: int, count: int) -> dict[str, int]:
    """``count`` generated inputs from ``seed``; the tally of outcomes."""
    rng = random.Random(seed)
    tally = {"accepted": 0, "rejected": 0}
    for index in range(count):
        data = model_input(rng)
        try:
            tally[check_model_door(data)] += 1
        except AssertionError as failure:
            raise AssertionError(f"seed {seed}, input {index}: {failure}") from None
    return tally


def test_model_door_10000_inputs(fuzz_seed: int) -> None:
    tally = run_model_door(fuzz_seed, DEFAULT_COUNT)
    # Both outcomes must be well represented, or the generator has drifted.
    assert tally["accepted"] > DEFAULT_COUNT // 20, tally
    assert tally["rejected"] > DEFAULT_COUNT // 2, tally


@settings(max_examples=100, deadline=None, suppress_health_check=list(HealthCheck))
@given(st.randoms(use_true_random=False))
def test_model_door_shrinking(rng: random.Random) -> None:
    check_model_door(model_input(rng))


@pytest.mark.slow
def test_model_door_slow(fuzz_seed: int) -> None:
    tally = run_model_door(fuzz_seed, SLOW_COUNT)
    assert sum(tally.values()) == SLOW_COUNT

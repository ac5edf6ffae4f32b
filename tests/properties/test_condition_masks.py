"""Each rule's condition reads the same two ways: ``test`` on one scenario (what ``assess``
uses) and ``mask`` on columns (the dose map and batch)."""

from __future__ import annotations

import math
from typing import Any

import numpy as np
from core_strategies import scenarios
from hypothesis import given, settings
from hypothesis import strategies as st

from core.assess import rule_env
from core.conditions import (
    AllOf,
    Always,
    AnyOf,
    AtLeast,
    Compare,
    Condition,
    Equals,
    IsTrue,
    Known,
    Not,
)
from core.renal import renal_function
from core.rules import RULES
from core.scenario import Scenario


@settings(max_examples=100, deadline=None)
@given(scenarios(flag_probability=0.3))
def test_masks_equal_test(scenario: Scenario) -> None:
    env = rule_env(scenario, renal_function(scenario))
    columns = one_row_columns(env)
    for rule in RULES:
        assert bool(rule.when.mask(columns, 1)[0]) is rule.when.test(env), rule.id


def one_row_columns(env: dict[str, Any]) -> dict[str, Any]:
    """One scenario's values as columns of length 1 (unknown = NaN, as the grid has them)."""
    columns: dict[str, Any] = {}
    for name, value in env.items():
        if value is None:
            columns[name] = np.array([math.nan])
        elif isinstance(value, str):
            columns[name] = np.array([str(value)], dtype=object)
        else:
            columns[name] = np.array([value])
    return columns


@settings(max_examples=200, deadline=None)
@given(
    st.one_of(st.none(), st.just(math.nan), st.floats(-10, 300, allow_nan=False)),
    st.booleans(),
    st.sampled_from(("a", "b", "c")),
)
def test_every_node_kind_masks_like_test(number: float | None, flag: bool, word: str) -> None:
    env = {"x": number, "f": flag, "w": word}
    nodes: list[Condition] = [Compare("x", op, 30.0) for op in (">", ">=", "<", "<=", "==")]
    nodes += [IsTrue("f", "f"), Known("x", "x known"), Equals("w", ("a", "b"))]
    nodes += [Equals("w", ("a",), negate=True)]
    nodes += [AllOf((nodes[0], nodes[5])), AnyOf((nodes[2], ~nodes[5])), Not(nodes[6])]
    nodes += [AtLeast(2, (nodes[1], nodes[5], nodes[7])), AtLeast(1, ())]
    columns = one_row_columns(env)
    nodes.append(Always())
    for node in nodes:
        mask = node.mask(columns, 1)
        assert mask.dtype == np.bool_, node.describe()  # a mask indexes rows: booleans only
        assert bool(mask[0]) is node.test(env), node.describe()

"""Each rule's condition reads the same three ways: ``test`` (reference), the compiled check
``assess`` uses, and ``mask`` on columns."""

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
    AnyOf,
    AtLeast,
    Compare,
    Condition,
    Equals,
    IsTrue,
    Known,
    Not,
    compile_selector,
)
from core.renal import renal_function
from core.rules import RULES
from core.scenario import Scenario


@settings(max_examples=100, deadline=None)
@given(scenarios(flag_probability=0.3))
def test_compiled_checks_and_masks_equal_test(scenario: Scenario) -> None:
    env = rule_env(scenario, renal_function(scenario))
    columns: dict[str, Any] = {}
    for name, value in env.items():
        if value is None:
            columns[name] = np.array([math.nan])
        elif isinstance(value, str):
            columns[name] = np.array([str(value)], dtype=object)
        else:
            columns[name] = np.array([value])
    for rule in RULES:
        expected = rule.when.test(env)
        assert rule.check(env) is expected, rule.id
        assert bool(rule.when.mask(columns, 1)[0]) is expected, rule.id


@settings(max_examples=200, deadline=None)
@given(
    st.one_of(st.none(), st.just(math.nan), st.floats(-10, 300, allow_nan=False)),
    st.booleans(),
    st.sampled_from(("a", "b", "c")),
)
def test_every_node_kind_compiles_like_test(number: float | None, flag: bool, word: str) -> None:
    env = {"x": number, "f": flag, "w": word}
    nodes: list[Condition] = [Compare("x", op, 30.0) for op in (">", ">=", "<", "<=", "==")]
    nodes += [IsTrue("f", "f"), Known("x", "x known"), Equals("w", ("a", "b"))]
    nodes += [Equals("w", ("a",), negate=True)]
    nodes += [AllOf((nodes[0], nodes[5])), AnyOf((nodes[2], ~nodes[5])), Not(nodes[6])]
    nodes += [AtLeast(2, (nodes[1], nodes[5], nodes[7])), AtLeast(1, ())]
    for node in nodes:
        assert node.compile()(env) is node.test(env), node.describe()


@settings(max_examples=100, deadline=None)
@given(scenarios(flag_probability=0.3), st.one_of(st.none(), st.floats(0, 150)))
def test_selector_equals_each_rules_test(scenario: Scenario, egfr: float | None) -> None:
    from core.assess import _selector
    from core.profiles import PROFILES

    env = rule_env(scenario, renal_function(scenario))
    env["egfr"] = egfr
    profiles = PROFILES.values() if isinstance(PROFILES, dict) else PROFILES
    for profile in profiles:
        expected = [rule for rule in profile.rules if rule.when.test(env)]
        assert _selector(profile.rules)(env) == expected
        assert compile_selector(profile.rules, [r.when for r in profile.rules])(env) == expected

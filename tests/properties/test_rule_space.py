"""The reviewer's properties over the whole rule space (core.properties): they hold for the
article's table, and each check fails -- with a counterexample -- on a table that breaks it."""

from __future__ import annotations

import dataclasses

import numpy as np
import pytest

from core import assess
from core.audit import audit_entry
from core.conditions import Compare, Equals
from core.grid import DEFAULT_AGES
from core.profiles import ARTICLE
from core.properties import (
    PROPERTY_CRCLS,
    PropertyReport,
    check_properties,
    duplicate_rules,
    risk_combinations,
    risk_inputs,
    uncited_passages,
)
from core.rules import Category, Rule


@pytest.fixture(scope="module")
def report() -> PropertyReport:
    return check_properties(ARTICLE)


def test_every_property_holds_for_the_article(report: PropertyReport) -> None:
    failing = [(r.statement, r.problem) for r in report.results if not r.holds]
    assert not failing
    assert len(report.results) == 9


def test_the_space_is_every_pair_of_risk_inputs_over_the_full_grid(report: PropertyReport) -> None:
    inputs = risk_inputs()
    assert {"oat3_inhibitor", "hbsag_positive", "indication", "child_pugh", "sex"} <= set(inputs)
    assert "age_years" not in inputs and "crcl" not in inputs
    changes = sum(len(values) - 1 for values in inputs.values())
    same_field = sum((len(v) - 1) * (len(v) - 2) // 2 for v in inputs.values())
    assert report.combinations == 1 + changes + changes * (changes - 1) // 2 - same_field
    assert report.grid_cells == len(DEFAULT_AGES) * len(PROPERTY_CRCLS)
    assert report.scenarios == report.combinations * report.grid_cells > 10_000_000
    assert len(list(risk_combinations())) == report.combinations


def test_stacking_reading_breaks_two_properties_with_a_real_counterexample() -> None:
    profile = audit_entry("dose_below_2mg").profile
    results = {r.key: r for r in check_properties(profile, max_changes=0).results}
    for key in ("dose_values", "no_stacking"):
        example = results[key].counterexample
        assert example is not None
        assert assess(example, profile).dose_mg == 1  # the counterexample really is one
        assert assess(example, ARTICLE).dose_mg == 2
    assert results["older"].holds


def test_a_rule_raising_the_dose_with_age_is_caught() -> None:
    """A (wrong) table where only ages 30-40 get the reduced dose: older patients get more."""
    wrong = tuple(
        dataclasses.replace(
            rule, when=Compare("age_years", "<", 40) & Compare("age_years", ">", 30)
        )
        if rule.id == "dose.age_over_70"
        else rule
        for rule in ARTICLE.rules
    )
    results = {
        r.key: r for r in check_properties(dataclasses.replace(ARTICLE, rules=wrong), 0).results
    }
    example = results["older"].counterexample
    assert example is not None and example.age_years == 40


def test_a_rule_written_twice_and_an_uncited_passage_are_caught() -> None:
    copy = dataclasses.replace(ARTICLE.rules[0], id="ci.copy")
    assert not duplicate_rules(dataclasses.replace(ARTICLE, rules=(*ARTICLE.rules, copy))).holds
    without_vte = tuple(r for r in ARTICLE.rules if "cautions.vte" not in r.passages)
    result = uncited_passages(dataclasses.replace(ARTICLE, rules=without_vte))
    assert "cautions.vte" in result.problem


def test_a_rule_that_never_fires_is_caught() -> None:
    never = Rule(
        id="caution.never",
        category=Category.caution,
        when=Compare("age_years", ">", 500),
        text="x",
        outcome="x",
        passages=(),
    )
    results = check_properties(dataclasses.replace(ARTICLE, rules=(*ARTICLE.rules, never)), 1)
    fires = {r.key: r for r in results.results}["every_rule_fires"]
    assert "caution.never" in fires.problem


@pytest.mark.parametrize("negate", [False, True])
@pytest.mark.parametrize("value", ["psoriatic_arthritis", "other", "rheumatoid_arthritis"])
def test_choice_mask_of_a_broadcast_constant_equals_the_full_column(
    value: str, negate: bool
) -> None:
    """The constant shortcut of the choice condition gives the same mask as a real column."""
    condition = Equals("indication", ("psoriatic_arthritis", "other"), negate=negate)
    broadcast = {"indication": np.broadcast_to(np.asarray(value), (5,))}
    full = {"indication": np.asarray([value] * 5)}
    assert condition.mask(broadcast, 5).tolist() == condition.mask(full, 5).tolist()
    assert condition.mask(broadcast, 5)[0] == condition.test({"indication": value})

"""The condition language read in words (the rule book) and for its inputs (a finding's
"because"), and the rule table's building blocks run at test time, not only at import."""

from __future__ import annotations

import numpy as np
import pytest

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
from core.rules import CONTRAINDICATIONS, RULES, Category, Rule, can_start, flag

OLD = Compare("age_years", ">", 70)
LOW = Compare("crcl", "<", 30, "CrCl below 30 mL/min")
PREGNANT = IsTrue("pregnant", "pregnant")


@pytest.mark.parametrize(
    ("condition", "words"),
    [
        (OLD, "age_years over 70"),
        (Compare("crcl", ">=", 30.5), "crcl at least 30.5"),
        (Compare("crcl", "<=", 60), "crcl at most 60"),
        (Compare("egfr", "==", 15), "egfr is 15"),
        (LOW, "CrCl below 30 mL/min"),
        (Equals("child_pugh", ("A", "B")), "child_pugh is A or B"),
        (Equals("sex", ("male",), negate=True), "sex is not male"),
        (Equals("child_pugh", ("C",), "Child-Pugh C"), "Child-Pugh C"),
        (Known("crcl", "renal function known"), "renal function known"),
        (Always(), "always"),
        (Not(PREGNANT), "not (pregnant)"),
        (AllOf((OLD, PREGNANT)), "age_years over 70 and pregnant"),
        (AnyOf((OLD, PREGNANT)), "age_years over 70 or pregnant"),
        # A group inside a group keeps its parentheses, so "and" and "or" never mix unread.
        (
            AllOf((AnyOf((OLD, LOW)), PREGNANT)),
            "(age_years over 70 or CrCl below 30 mL/min) and pregnant",
        ),
        (
            AnyOf((AllOf((OLD, LOW)), PREGNANT)),
            "(age_years over 70 and CrCl below 30 mL/min) or pregnant",
        ),
        (
            AtLeast(2, (OLD, LOW, PREGNANT)),
            "at least 2 of: age_years over 70; CrCl below 30 mL/min; pregnant",
        ),
        (AtLeast(2, (OLD, PREGNANT), "two risks"), "two risks"),
    ],
)
def test_describe_says_the_condition_in_words(condition: Condition, words: str) -> None:
    assert condition.describe() == words


def test_fields_are_in_order_without_repeats() -> None:
    both = AllOf((OLD, AnyOf((LOW, OLD, PREGNANT))))
    assert both.fields() == ("age_years", "crcl", "pregnant")
    assert AtLeast(1, (LOW, LOW, OLD)).fields() == ("crcl", "age_years")
    assert Not(AnyOf((PREGNANT, LOW))).fields() == ("pregnant", "crcl")
    assert Always().fields() == ()
    assert Equals("sex", ("male",)).fields() == ("sex",)
    assert Known("egfr", "eGFR known").fields() == ("egfr",)


def test_operators_build_the_same_nodes() -> None:
    assert AllOf((OLD, PREGNANT)) == (OLD & PREGNANT)
    assert AnyOf((OLD, PREGNANT)) == (OLD | PREGNANT)
    assert Not(PREGNANT) == ~PREGNANT


def test_flag_is_a_yes_no_condition() -> None:
    assert flag("vte_history", "VTE history") == IsTrue("vte_history", "VTE history")


def test_a_rule_knows_the_inputs_of_its_condition() -> None:
    rule = Rule(
        id="test.rule",
        category=Category.caution,
        when=OLD & ~PREGNANT,
        text="Over 70 and not pregnant.",
        outcome="use with caution",
        passages=("dosing.age",),
    )
    assert rule.inputs == ("age_years", "pregnant")
    for table_rule in RULES:
        assert table_rule.inputs == table_rule.when.fields(), table_rule.id


def test_can_start_is_none_of_the_blocking_rules() -> None:
    caution = next(rule for rule in RULES if rule.category is Category.caution)
    blocking = CONTRAINDICATIONS[:2]
    condition = can_start((*blocking, caution))
    assert condition == Not(AnyOf(tuple(rule.when for rule in blocking)))
    assert condition.test({"active_serious_infection": False, "active_tb": False})
    assert not condition.test({"active_serious_infection": False, "active_tb": True})


def test_a_yes_no_column_of_0_and_1_is_read_as_no_and_yes_even_negated() -> None:
    # "~" on whole numbers would give -1 and -2 (both "true"): the mask must be yes/no first.
    columns = {"pregnant": np.array([0, 1])}
    assert IsTrue("pregnant", "pregnant").mask(columns, 2).tolist() == [False, True]
    assert (~IsTrue("pregnant", "pregnant")).mask(columns, 2).tolist() == [True, False]

"""The rule book's table and filters (pure: no streamlit)."""

from __future__ import annotations

from core.rules import RULES, RULES_BY_ID, Category
from ui.rule_table import filter_rules, rule_table


def test_filters_and_table_are_pure() -> None:
    assert len(filter_rules()) == len(RULES)
    # "probenecid" is only in the passage dosing.oat3: the search reads the passages' words.
    assert {r.id for r in filter_rules(query="probenecid")} == {
        r.id for r in RULES if "dosing.oat3" in r.passages
    }
    assert {r.category for r in filter_rules(categories={Category.dose})} == {Category.dose}
    frame = rule_table(RULES, {})
    assert list(frame["Rule id"]) == [r.id for r in RULES]
    assert (frame["Fires now"] == "").all()
    described = dict(zip(frame["Rule id"], frame["Condition (plain words)"], strict=True))
    assert described["ci.crcl_below_30"] == RULES_BY_ID["ci.crcl_below_30"].when.describe()

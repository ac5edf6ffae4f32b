"""The decision table download: both files parse back and match the rule table exactly."""

from __future__ import annotations

import csv
import io
import json

import pytest

from core.audit import audit_entry
from core.decision_table import (
    COLUMNS,
    condition_data,
    condition_from_data,
    decision_table_csv,
    decision_table_json,
)
from core.profiles import ARTICLE
from core.rules import RULES, RULES_BY_ID
from core.sources import article


def _check_row(row: dict[str, object], passages: list[str], quotes: list[str]) -> None:
    rule = RULES_BY_ID[str(row["id"])]
    assert row["category"] == rule.category.value
    assert row["condition"] == rule.when.describe()
    assert row["outcome"] == rule.outcome
    assert row["text"] == rule.text
    assert passages == list(rule.passages)
    assert quotes == [article().passage(pid).text.strip() for pid in rule.passages]


def test_json_parses_back_to_the_rule_table() -> None:
    data = json.loads(decision_table_json())
    assert data["profile"] == "article"
    assert data["columns"] == list(COLUMNS)
    assert [row["id"] for row in data["rules"]] == [rule.id for rule in RULES]
    for row in data["rules"]:
        _check_row(row, row["passages"], row["quotes"])
        assert condition_from_data(row["condition_json"]) == RULES_BY_ID[row["id"]].when


def test_csv_parses_back_to_the_rule_table() -> None:
    rows = list(csv.DictReader(io.StringIO(decision_table_csv().decode("utf-8"))))
    assert list(rows[0]) == list(COLUMNS)
    assert [row["id"] for row in rows] == [rule.id for rule in RULES]
    for row in rows:
        _check_row(row, row["passages"].split(" | "), row["quotes"].split(" | "))
        condition = condition_from_data(json.loads(row["condition_json"]))
        assert condition == RULES_BY_ID[row["id"]].when


def test_reading_column_names_the_audit_entries_reading() -> None:
    rows = {row["id"]: row for row in json.loads(decision_table_json())["rules"]}
    assert "The app's reading: An absolute contraindication" in rows["ci.crcl_below_30"]["reading"]
    assert rows["ci.pregnancy"]["reading"] == ""
    entry = audit_entry("crcl_below_30")
    other = json.loads(decision_table_json(entry.profile, entry))
    row = next(r for r in other["rules"] if r["id"] == "ci.crcl_below_30")
    assert row["category"] == "not_recommended"
    assert "Other reading (not the app's default)" in row["reading"]
    assert other["profile"] == "reading.crcl_below_30"


def test_unknown_condition_type_is_refused() -> None:
    with pytest.raises(ValueError, match="Nope"):
        condition_from_data({"type": "Nope"})
    assert condition_data(ARTICLE.rules[0].when)["type"] == "IsTrue"

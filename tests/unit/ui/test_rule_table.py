"""The rule book's table and filters (pure: no streamlit)."""

from __future__ import annotations

import html
import re

from core.rules import RULES, RULES_BY_ID, Category
from ui.rule_table import (
    COLUMNS,
    FIRING_ROW_CLASS,
    SHOWN_COLUMNS,
    filter_rules,
    passage_text,
    quote_line,
    rule_rows,
    rule_table_html,
)


def test_filters_and_rows_are_pure() -> None:
    assert len(filter_rules()) == len(RULES)
    # "probenecid" is only in the passage dosing.oat3: the search reads the passages' words.
    assert {r.id for r in filter_rules(query="probenecid")} == {
        r.id for r in RULES if "dosing.oat3" in r.passages
    }
    assert {r.category for r in filter_rules(categories={Category.dose})} == {Category.dose}
    rows = rule_rows(RULES, {})
    assert [row["Rule id"] for row in rows] == [r.id for r in RULES]
    assert all(list(row) == list(COLUMNS) and row["Fires now"] == "" for row in rows)
    described = {row["Rule id"]: row["Condition (plain words)"] for row in rows}
    assert described["ci.crcl_below_30"] == RULES_BY_ID["ci.crcl_below_30"].when.describe()


def test_table_html_has_the_shown_columns_a_row_per_rule_and_the_firing_rows_shaded() -> None:
    fired = {"dose.age_over_70": "● fires — Age: 72 years"}
    page = rule_table_html(RULES, fired)
    assert re.findall(r'<th scope="col">([^<]*)</th>', page) == list(SHOWN_COLUMNS)
    assert page.count("<tr") == len(RULES) + 1  # the header row and one row per rule
    assert page.count(f'<tr class="{FIRING_ROW_CLASS}">') == 1
    shaded = page[page.index(f'<tr class="{FIRING_ROW_CLASS}">') :]
    shaded = shaded[: shaded.index("</tr>")]
    assert "<td>dose.age_over_70</td>" in shaded and "Age: 72 years" in shaded
    assert f"tr.{FIRING_ROW_CLASS} td" in page  # the style that shades it


def test_table_html_escapes_our_words_and_keeps_each_quote_whole() -> None:
    page = rule_table_html(RULES, {})
    assert "<30" in passage_text("dosing.renal_below_30")
    assert "&lt;30" in page  # the article's "CrCl <30" stays text
    tags = set(re.findall(r"</?([a-z]+)", page))
    assert tags <= {"style", "div", "table", "thead", "tbody", "tr", "th", "td"}
    for rule in RULES:
        cell = "\n".join(quote_line(pid) for pid in rule.passages)
        assert f"<td>{html.escape(cell, quote=False)}</td>" in page, rule.id

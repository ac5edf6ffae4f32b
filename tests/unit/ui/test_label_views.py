"""The labels page's comparison table, as the HTML block it is drawn from (no streamlit)."""

from __future__ import annotations

import pytest
from html_blocks import html_tree, table_records

from core.profiles import TOPICS, comparison_table
from core.profiles.differences import UNVERIFIED
from ui.label_differences import COMPARISON_CLASS, comparison_html

COLUMNS = [
    "Topic",
    "Article (last updated 2025-09-21)",
    "EU SmPC (compiled 2026-12)",
    "US label (compiled 2026-12)",
]


def shown_rows() -> list[dict[str, str]]:
    return table_records(html_tree(comparison_html(comparison_table())), COMPARISON_CLASS)


def test_comparison_table_has_every_topic_with_its_sources() -> None:
    rows = comparison_table()
    shown = shown_rows()
    assert [row["Topic"] for row in shown] == [label for _, label in TOPICS]
    assert all(list(row) == COLUMNS for row in shown)
    for row, record in zip(rows, shown, strict=True):
        for column, comparison_cell in zip(COLUMNS[1:], row.cells, strict=True):
            cell = record[column]
            assert comparison_cell.text in cell
            for source in comparison_cell.sources:
                assert source in cell, (row.topic, column)
            assert (UNVERIFIED in cell) is comparison_cell.unverified


def test_each_topic_is_its_rows_header_for_a_screen_reader() -> None:
    tree = html_tree(comparison_html(comparison_table()))
    headers = [
        "".join(th.itertext()) for th in tree.iterfind(".//tbody/tr/th") if th.get("scope") == "row"
    ]
    assert headers == [label for _, label in TOPICS]


@pytest.mark.parametrize("topic", ["contraception", "breastfeeding"])
def test_unverified_cell_is_shown_as_unverified(topic: str) -> None:
    row = next(r for r in shown_rows() if r["Topic"] == dict(TOPICS)[topic])
    assert row["US label (compiled 2026-12)"].startswith("unverified: ")

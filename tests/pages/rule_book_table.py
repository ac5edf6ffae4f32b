"""The rule book's decision table read back from the page's HTML (shared by the page tests)."""

from __future__ import annotations

from dataclasses import dataclass

from html_blocks import html_tree, table_records, with_class
from streamlit.testing.v1 import AppTest

from ui.rule_table import FIRING_ROW_CLASS, TABLE_BOX_CLASS


@dataclass
class Row:
    """One table row: its cells by column name, and whether it is shaded as firing."""

    cells: dict[str, str]
    firing: bool


def table_html(at: AppTest) -> str:
    """The decision table's HTML block on the page."""
    return next(str(e.proto.body) for e in at.get("html") if TABLE_BOX_CLASS in str(e.proto.body))


def table_rows(at: AppTest) -> list[Row]:
    """The decision table's rows as the page shows them, in order."""
    tree = html_tree(table_html(at))
    (box,) = with_class(tree, TABLE_BOX_CLASS)
    shaded = [tr.get("class") == FIRING_ROW_CLASS for tr in box.iterfind("./table/tbody/tr")]
    records = table_records(tree, TABLE_BOX_CLASS)
    return [Row(cells, firing) for cells, firing in zip(records, shaded, strict=True)]


def shown_ids(at: AppTest) -> list[str]:
    """The rule ids in the table, in order."""
    return [row.cells["Rule id"] for row in table_rows(at)]

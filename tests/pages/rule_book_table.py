"""The rule book's decision table read back from the page's HTML (shared by the page tests)."""

from __future__ import annotations

from dataclasses import dataclass
from html.parser import HTMLParser

from streamlit.testing.v1 import AppTest

from ui.rule_table import FIRING_ROW_CLASS, TABLE_BOX_CLASS


@dataclass
class Row:
    """One table row: its cells by column name, and whether it is shaded as firing."""

    cells: dict[str, str]
    firing: bool


class _TableReader(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.header: list[str] = []
        self.rows: list[tuple[list[str], bool]] = []
        self._cell: list[str] | None = None
        self._in_head = False

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag == "thead":
            self._in_head = True
        elif tag == "tr" and not self._in_head:
            self.rows.append(([], dict(attrs).get("class") == FIRING_ROW_CLASS))
        elif tag in ("th", "td"):
            self._cell = []

    def handle_endtag(self, tag: str) -> None:
        if tag == "thead":
            self._in_head = False
        elif tag in ("th", "td") and self._cell is not None:
            text = "".join(self._cell)
            (self.header if tag == "th" else self.rows[-1][0]).append(text)
            self._cell = None

    def handle_data(self, data: str) -> None:
        if self._cell is not None:
            self._cell.append(data)


def table_html(at: AppTest) -> str:
    """The decision table's HTML block on the page."""
    return next(str(e.proto.body) for e in at.get("html") if TABLE_BOX_CLASS in str(e.proto.body))


def table_rows(at: AppTest) -> list[Row]:
    """The decision table's rows as the page shows them, in order."""
    reader = _TableReader()
    reader.feed(table_html(at))
    return [
        Row(dict(zip(reader.header, cells, strict=True)), firing) for cells, firing in reader.rows
    ]


def shown_ids(at: AppTest) -> list[str]:
    """The rule ids in the table, in order."""
    return [row.cells["Rule id"] for row in table_rows(at)]

"""The plain HTML tables (ui.html_table): escaped cells, headers for a screen reader, row
classes, and a style sheet that fixes the column shares."""

from __future__ import annotations

from html_blocks import html_tree, table_records, with_class

from ui.html_table import cell_text, table_css, table_html

HOSTILE = '<script>alert("x")</script> & <b>bold</b>'


def build(**options: object) -> str:
    return table_html(
        "demo-box",
        'Demo "table" & <co>',
        ["Name", "Value <unit>"],
        [["age", "72"], [HOSTILE, "1 < 2"]],
        css="<style>.demo-box { }</style>",
        **options,  # type: ignore[arg-type]
    )


def test_every_header_and_cell_is_escaped_text() -> None:
    block = build()
    assert "<script>" not in block and "<b>" not in block
    records = table_records(html_tree(block), "demo-box")
    assert records == [
        {"Name": "age", "Value <unit>": "72"},
        {"Name": HOSTILE, "Value <unit>": "1 < 2"},
    ]
    assert cell_text('a "b" <c>') == 'a "b" &lt;c&gt;'


def test_the_box_is_named_and_takes_the_keyboard_focus() -> None:
    tree = html_tree(build())
    (box,) = with_class(tree, "demo-box")
    assert box.get("role") == "region"
    assert box.get("tabindex") == "0"
    assert box.get("aria-label") == 'Demo "table" & <co>'
    assert build().startswith("<style>.demo-box { }</style>")


def test_column_headers_and_optional_row_headers() -> None:
    plain = html_tree(build())
    assert [th.get("scope") for th in plain.iter("th")] == ["col", "col"]
    headed = html_tree(build(row_headers=True))
    rows = list(headed.iterfind(".//tbody/tr"))
    assert [row[0].tag for row in rows] == ["th", "th"]
    assert [row[0].get("scope") for row in rows] == ["row", "row"]
    assert [row[1].tag for row in rows] == ["td", "td"]


def test_row_classes_mark_only_the_rows_given_one() -> None:
    tree = html_tree(build(row_classes=["", "shaded"]))
    assert [row.get("class") for row in tree.iterfind(".//tbody/tr")] == [None, "shaded"]


def test_style_sheet_fixes_each_columns_share_and_the_phone_width() -> None:
    css = table_css(
        "demo-box",
        ("30%", "70%"),
        box="overflow: auto;",
        cells="padding: 1px;",
        phone_min_width="40rem",
        extra=".demo-box th { color: red; }",
    )
    assert ".demo-box th:nth-child(1) { width: 30%; }" in css
    assert ".demo-box th:nth-child(2) { width: 70%; }" in css
    assert ".demo-box { overflow: auto; }" in css
    assert "padding: 1px;" in css and ".demo-box th { color: red; }" in css
    assert "@media (max-width: 640px) { .demo-box table { min-width: 40rem; } }" in css
    assert "table-layout: fixed" in css

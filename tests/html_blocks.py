"""Read the HTML blocks the pages draw with ``st.html`` (shared by the unit and page tests).

The blocks are built tag by tag from escaped text, so they parse as XML inside one root: a
block that does not is itself a failure worth seeing.
"""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET

_STYLE = re.compile(r"<style>.*?</style>", re.DOTALL)


def html_tree(body: str) -> ET.Element:
    """The block as an element tree (its style sheet left out), under one ``<root>``."""
    return ET.fromstring(f"<root>{_STYLE.sub('', body)}</root>")


def text_of(element: ET.Element) -> str:
    """The words a reader sees in ``element``, one line per paragraph, item or heading."""
    lines: list[str] = []

    def walk(node: ET.Element) -> None:
        if node.tag in ("p", "li", "h4", "summary"):
            lines.append("".join(node.itertext()))
            return
        for child in node:
            walk(child)

    walk(element)
    return "\n".join(lines)


def with_class(element: ET.Element, name: str) -> list[ET.Element]:
    """The elements under ``element`` whose class list holds ``name``, in document order."""
    return [e for e in element.iter() if name in e.get("class", "").split()]


def reviewer_links(element: ET.Element) -> list[ET.Element]:
    """The links whose whole text is one id in code type (small reviewer links)."""
    return [a for a in element.iter("a") if len(a) == 1 and a[0].tag == "code"]


def without_reviewer_links(element: ET.Element) -> str:
    """``text_of`` the block with every reviewer link's id left out (where ids are allowed);
    changes the tree."""
    for link in reviewer_links(element):
        link[0].text = ""
    return text_of(element)


def table_records(element: ET.Element, box_class: str) -> list[dict[str, str]]:
    """The table in the box of class ``box_class`` under ``element``: one record per body row,
    column header -> the cell's words (a row header is a cell like any other)."""
    box = with_class(element, box_class)[0]
    columns = ["".join(th.itertext()) for th in box.iterfind("./table/thead/tr/th")]
    return [
        dict(zip(columns, ("".join(cell.itertext()) for cell in row), strict=True))
        for row in box.iterfind("./table/tbody/tr")
    ]

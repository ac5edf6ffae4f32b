"""Tables of words as one block of plain HTML (pure: no streamlit), for ``st.html``.

The rule book's decision table, the audit's overview and the labels page's comparison are built
here. Why not ``st.table`` or ``st.dataframe``: a data grid cuts long cells off and costs the
browser a large script and a canvas; an Arrow table with per-cell styles took about half a second
of the browser's CPU on every visit; a plain ``<table>`` wraps every cell, scales with lecture
mode's type (rem units), has column (and row) headers for a screen reader, and is one element:
each element is one more message and component for the browser on every run.

The table sits in a box with a name that takes the keyboard focus, because the box may scroll
(down, or sideways on a phone, where the table keeps readable columns). Safety: every header
and cell goes through ``html.escape``; the style sheets are the modules' own constants.
"""

from __future__ import annotations

import html
from collections.abc import Iterable, Sequence


def cell_text(text: str) -> str:
    """A cell's words as HTML text (escaped; quotes may stay, as no attribute holds them)."""
    return html.escape(text, quote=False)


def table_html(
    box_class: str,
    label: str,
    columns: Sequence[str],
    rows: Iterable[Sequence[str]],
    *,
    css: str,
    row_headers: bool = False,
    row_classes: Iterable[str] | None = None,
) -> str:
    """``css``, then a box of class ``box_class`` named ``label`` holding the table.

    ``rows`` give one text per column. With ``row_headers`` each row's first cell is its header
    (``<th scope="row">``); ``row_classes`` gives each row a class ("" for none).
    """
    head = "".join(f'<th scope="col">{cell_text(name)}</th>' for name in columns)
    classes = iter(row_classes) if row_classes is not None else None
    body = "".join(_row(cells, row_headers, next(classes) if classes else "") for cells in rows)
    box = f'<div class="{box_class}" tabindex="0" role="region" aria-label="{html.escape(label)}">'
    return f"{css}{box}<table><thead><tr>{head}</tr></thead><tbody>{body}</tbody></table></div>"


def _row(cells: Sequence[str], row_headers: bool, row_class: str) -> str:
    opening = f'<tr class="{row_class}">' if row_class else "<tr>"
    first, *rest = cells
    lead = f'<th scope="row">{cell_text(first)}</th>' if row_headers else _data(first)
    return opening + lead + "".join(_data(cell) for cell in rest) + "</tr>"


def _data(text: str) -> str:
    return f"<td>{cell_text(text)}</td>"


def table_css(
    box_class: str,
    widths: Sequence[str],
    *,
    box: str,
    cells: str,
    phone_min_width: str,
    extra: str = "",
) -> str:
    """The style sheet of a table in ``box_class``: fixed column shares (``widths``, in column
    order), so a long cell wraps inside its column instead of widening the table past the page;
    cells at the top left in 0.85 rem type; ``box`` and ``cells`` add declarations to the box
    and to every cell; ``extra`` adds whole rules. Below 640 px the table keeps ``phone_min_width``
    and scrolls sideways inside its box."""
    shares = "\n".join(
        f".{box_class} th:nth-child({number}) {{ width: {width}; }}"
        for number, width in enumerate(widths, start=1)
    )
    return f"""
<style>
.{box_class} {{ {box} }}
.{box_class} table {{ table-layout: fixed; width: 100%; border-collapse: collapse; margin: 0; }}
.{box_class} th, .{box_class} td {{ text-align: left; vertical-align: top;
  overflow-wrap: break-word; font-size: 0.85rem; line-height: 1.35; {cells} }}
.{box_class} th {{ font-weight: 600; }}
{shares}
{extra}
/* A phone: the table keeps readable columns and scrolls sideways inside its own box. */
@media (max-width: 640px) {{ .{box_class} table {{ min-width: {phone_min_width}; }} }}
</style>
"""

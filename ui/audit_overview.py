"""The audit's overview: one row per entry (where the article is unclear, the kind, the example
under both readings, how many dose-map cells and teaching cases change), as ONE block of HTML.

Why not ``st.dataframe``: a canvas data grid showed two and a half of the six columns at
1280 px with the sidebar open (the rest behind its own sideways scroll) and ten of the twelve
rows, and cost the browser a large script on first use and a canvas grid to draw on every
visit, for twelve rows of words. A plain ``<table>`` wraps every cell, scales with lecture
mode's type, has row and column headers for a screen reader, and on a phone scrolls sideways
inside its own box. One element (style sheet and table): every
element is one more message and component for the browser on every run.

Safety: built from our own audit entries and the rules core's answers, every cell through
``html.escape``; the style sheet is our own constant.
"""

from __future__ import annotations

import html

import streamlit as st

from core.assess import Assessment, assess
from core.audit import KIND_LABELS, audit_entries, audit_entry, case_differences, grid_difference
from core.dose_words import answer_words
from core.profiles import ARTICLE

OVERVIEW_CLASS = "audit-overview"
COLUMNS: tuple[str, ...] = (
    "Where",
    "Kind",
    "Example: the app's answer",
    "Example: the other reading",
    "Dose-map cells that change (example)",
    "Teaching cases that change",
)

# Fixed column shares, so a long title wraps inside its column instead of widening the table;
# rem units, so lecture mode's larger type scales the table too.
_CSS = f"""
<style>
.{OVERVIEW_CLASS} {{ overflow-x: auto; margin: 0 0 0.5rem 0; }}
.{OVERVIEW_CLASS} table {{ table-layout: fixed; width: 100%; border-collapse: collapse;
  font-size: 0.85rem; line-height: 1.35; }}
.{OVERVIEW_CLASS} th, .{OVERVIEW_CLASS} td {{ border: 1px solid #D5DAE0; padding: 0.3rem 0.5rem;
  text-align: left; vertical-align: top; overflow-wrap: break-word; }}
.{OVERVIEW_CLASS} thead th {{ background: #F0F2F6; }}
.{OVERVIEW_CLASS} th {{ font-weight: 600; }}
.{OVERVIEW_CLASS} th:nth-child(1) {{ width: 25%; }}
.{OVERVIEW_CLASS} th:nth-child(2) {{ width: 15%; }}
.{OVERVIEW_CLASS} th:nth-child(3), .{OVERVIEW_CLASS} th:nth-child(4) {{ width: 17%; }}
.{OVERVIEW_CLASS} th:nth-child(5), .{OVERVIEW_CLASS} th:nth-child(6) {{ width: 13%; }}
/* A phone: the table keeps readable columns and scrolls sideways inside its own box. */
@media (max-width: 640px) {{ .{OVERVIEW_CLASS} table {{ min-width: 44rem; }} }}
</style>
"""


def answer_of(assessment: Assessment) -> str:
    """'Use with caution, 2 mg once daily' or 'Not recommended, no dose'."""
    return answer_words(assessment.verdict, assessment.dose_mg)


@st.cache_resource(show_spinner=False, max_entries=16)
def entry_summary(entry_id: str) -> dict[str, str]:
    """One row of the overview, ``COLUMNS`` to words (pure in the id; the entries are
    immutable)."""
    entry = audit_entry(entry_id)
    example = grid_difference(entry, entry.example_scenario)
    app = assess(entry.example_scenario, ARTICLE)
    other = assess(entry.example_scenario, entry.profile)
    values = (
        entry.title,
        KIND_LABELS[entry.kind],
        answer_of(app),
        answer_of(other),
        f"{example.changed_count:,} of {example.size:,}",
        str(len(case_differences(entry))),
    )
    return dict(zip(COLUMNS, values, strict=True))


def overview_rows() -> list[dict[str, str]]:
    """Every entry's row, in the entries' order."""
    return [entry_summary(entry.id) for entry in audit_entries()]


def _cell(tag: str, text: str) -> str:
    scope = ' scope="col"' if tag == "th" else ' scope="row"' if tag == "th-row" else ""
    name = "th" if tag.startswith("th") else tag
    return f"<{name}{scope}>{html.escape(text, quote=False)}</{name}>"


@st.cache_resource(show_spinner=False, max_entries=1)
def overview_html() -> str:
    """The overview table with its style sheet (the same for every visitor and reading: the
    rows compare the app's reading with each entry's other one)."""
    head = "".join(_cell("th", column) for column in COLUMNS)
    body = "".join(
        "<tr>"
        + _cell("th-row", row[COLUMNS[0]])
        + "".join(_cell("td", row[column]) for column in COLUMNS[1:])
        + "</tr>"
        for row in overview_rows()
    )
    # The box may scroll (sideways on a phone), so it takes the keyboard focus (arrow keys
    # scroll it) and has a name.
    box = (
        f'<div class="{OVERVIEW_CLASS}" tabindex="0" role="region" '
        'aria-label="Overview of the places where the article is unclear">'
    )
    return f"{_CSS}{box}<table><thead><tr>{head}</tr></thead><tbody>{body}</tbody></table></div>"

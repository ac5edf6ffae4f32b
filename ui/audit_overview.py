"""The audit's overview: one row per entry (where the article is unclear, the kind, the example
under both readings, how many dose-map cells and teaching cases change), as ONE block of HTML.

Why not ``st.dataframe``: a canvas data grid showed two and a half of the six columns at
1280 px with the sidebar open (the rest behind its own sideways scroll) and ten of the twelve
rows (``ui.html_table`` builds the plain table instead; each row's header is the entry's title).
Built from our own audit entries and the rules core's answers.
"""

from __future__ import annotations

import streamlit as st

from core.assess import Assessment, assess
from core.audit import KIND_LABELS, audit_entries, audit_entry, case_differences, grid_difference
from core.dose_words import answer_words
from core.profiles import ARTICLE
from ui.html_table import table_css, table_html

OVERVIEW_CLASS = "audit-overview"
COLUMNS: tuple[str, ...] = (
    "Where",
    "Kind",
    "Example: the app's answer",
    "Example: the other reading",
    "Dose-map cells that change (example)",
    "Teaching cases that change",
)

# Every cell boxed, like a printed table; the box scrolls only sideways, on a phone.
_CSS = table_css(
    OVERVIEW_CLASS,
    ("25%", "15%", "17%", "17%", "13%", "13%"),
    box="overflow-x: auto; margin: 0 0 0.5rem 0;",
    cells="border: 1px solid #D5DAE0; padding: 0.3rem 0.5rem;",
    phone_min_width="44rem",
    extra=f".{OVERVIEW_CLASS} thead th {{ background: #F0F2F6; }}",
)


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


@st.cache_resource(show_spinner=False, max_entries=1)
def overview_html() -> str:
    """The overview table with its style sheet (the same for every visitor and reading: the
    rows compare the app's reading with each entry's other one)."""
    return table_html(
        OVERVIEW_CLASS,
        "Overview of the places where the article is unclear",
        COLUMNS,
        ([row[column] for column in COLUMNS] for row in overview_rows()),
        css=_CSS,
        row_headers=True,
    )

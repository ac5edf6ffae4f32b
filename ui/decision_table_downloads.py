"""Download buttons for the rule table as a decision table (CSV and JSON), under the active
reading (the file then says which reading it carries)."""

from __future__ import annotations

import streamlit as st

from core.audit import audit_entry
from core.decision_table import decision_table_csv, decision_table_json
from ui.reading import active_reading, profile_of


@st.cache_data(show_spinner=False, max_entries=32)
def _files(reading: str) -> tuple[bytes, bytes]:
    """(CSV, JSON) for one reading ("" = the app's); pure in the reading id."""
    entry = audit_entry(reading) if reading else None
    profile = profile_of(reading)
    return decision_table_csv(profile, entry), decision_table_json(profile, entry)


def render_decision_table_downloads(key: str) -> None:
    """Two buttons: the rule table as CSV and as JSON (``key`` keeps pages' widgets apart).

    The files are made when a button is clicked (a callable as data), not on every run: with
    the bytes given, the browser fetched both files (85 KB) on every visit of the page."""
    entry = active_reading()
    reading = entry.id if entry else ""
    name = "baricitinib-decision-table" + (f"-{entry.id}" if entry else "")
    left, right = st.columns(2)
    with left:
        st.download_button(
            "Decision table (CSV)",
            lambda: _files(reading)[0],
            file_name=f"{name}.csv",
            mime="text/csv",
            key=f"{key}.decision_csv",
            on_click="ignore",
            icon=":material/download:",
            help="Every rule: id, category, condition in words and as JSON, outcome, passage ids "
            "and quotes, and the reading chosen where the audit has an entry.",
        )
    with right:
        st.download_button(
            "Decision table (JSON)",
            lambda: _files(reading)[1],
            file_name=f"{name}.json",
            mime="application/json",
            key=f"{key}.decision_json",
            on_click="ignore",
            icon=":material/download:",
        )

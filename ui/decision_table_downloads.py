"""Download buttons for the rule table as a decision table (CSV and JSON), under the active
reading (the file then says which reading it carries)."""

from __future__ import annotations

from functools import partial

import streamlit as st

from core.decision_table import decision_table_csv, decision_table_json
from ui.reading import active_reading, profile_of


def render_decision_table_downloads(key: str) -> None:
    """Two buttons: the rule table as CSV and as JSON (``key`` keeps pages' widgets apart).

    Each button gets a callable, so a file is built only when it is clicked (a few
    milliseconds), not copied to the server's file store on every run; a click reruns nothing.
    """
    entry = active_reading()
    profile = profile_of(entry.id if entry else "")
    name = "baricitinib-decision-table" + (f"-{entry.id}" if entry else "")
    left, right = st.columns(2)
    with left:
        st.download_button(
            "Decision table (CSV)",
            partial(decision_table_csv, profile, entry),
            file_name=f"{name}.csv",
            mime="text/csv",
            on_click="ignore",
            key=f"{key}.decision_csv",
            icon=":material/download:",
            help="Every rule: id, category, condition in words and as JSON, outcome, passage ids "
            "and quotes, and the reading chosen where the audit has an entry.",
        )
    with right:
        st.download_button(
            "Decision table (JSON)",
            partial(decision_table_json, profile, entry),
            file_name=f"{name}.json",
            mime="application/json",
            on_click="ignore",
            key=f"{key}.decision_json",
            icon=":material/download:",
        )

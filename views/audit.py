"""The reviewer's audit at "/audit": every place where the article is ambiguous or contradicts
itself, the reading the app takes, and what the other reading would change -- computed by the
core (core.audit), never written down. ``?entry=<id>`` opens one entry; ``?reading=<id>`` (every
page) switches the whole app to that entry's other reading.
"""

import streamlit as st

from core.audit import audit_entries, audit_entry
from ui.audit_overview import overview_html
from ui.audit_views import render_entry
from ui.decision_table_downloads import render_decision_table_downloads
from ui.property_panel import render_properties
from ui.scenario_state import scenario_sidebar
from ui.shell import page_header
from ui.url_params import choice_param

ENTRY_PARAM = "entry"
ENTRY_KEY = "_audit.entry"

page_header(
    "The reviewer's audit",
    "Where the article is ambiguous or contradicts itself, the reading the app takes and why, "
    "and what the other reading would change: dose-map cells, teaching cases and batch rows, "
    "all computed by the same rules core.",
)
scenario = scenario_sidebar("audit", extra_params=(ENTRY_PARAM,))
ids = [entry.id for entry in audit_entries()]

ENTRY = choice_param(
    ENTRY_PARAM,
    ids,
    ids[0],
    shown=lambda entry_id: f"the entry {entry_id!r}",
    allowed="an audit entry id:",
    always_in_link=True,
)
# The selectbox shows the parameter's value; choosing another entry sets the parameter.
st.session_state[ENTRY_KEY] = ENTRY.value()

st.subheader(f"{len(ids)} places where the article is unclear", anchor=False)
st.html(overview_html())
st.markdown("Take the logic away: the whole rule table with the reading chosen for each rule.")
render_decision_table_downloads("audit")

st.divider()
chosen = st.selectbox(
    "Audit entry",
    ids,
    format_func=lambda entry_id: audit_entry(entry_id).title,
    key=ENTRY_KEY,
    on_change=lambda: ENTRY.set(st.session_state[ENTRY_KEY]),
)
render_entry(audit_entry(chosen), scenario)

st.divider()
render_properties()

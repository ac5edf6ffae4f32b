"""Scenario Explorer, the default page at "/": inputs -> core -> ui.

Change an input and the verdict, the dose with its reasoning, the findings, the screening
checklist, the monitoring timeline and the highlighted source passages follow at once.
"""

import streamlit as st

from core import assess, monitoring_plan, screening_checklist
from core.exports import scenario_slug
from ui.reading import reading_profile
from ui.results import (
    citations,
    render_checklist,
    render_dose,
    render_downloads,
    render_findings,
    render_monitoring,
    render_verdict_banner,
)
from ui.scenario_state import scenario_sidebar
from ui.shell import page_header
from ui.source_panel import render_source_panel
from ui.what_if_panel import render_what_would_change

page_header("Scenario Explorer")
scenario = scenario_sidebar("explorer")
assessment = assess(scenario, reading_profile())
plan = monitoring_plan(assessment)
checklist = screening_checklist(scenario)

_TABS_KEY = "_explorer.tab"
_CHOSEN_KEY = "_explorer.tab_chosen"  # the index of the tab the user chose (not a widget key)


def _tab_chosen(labels: list[str]) -> None:
    # The findings tab's label holds a count, which changes the tabs' identity: the choice is
    # kept by position, so an input never sends the user back to the first tab.
    chosen = st.session_state[_TABS_KEY]
    st.session_state[_CHOSEN_KEY] = labels.index(chosen) if chosen in labels else 0


results, source = st.columns([3, 2], gap="medium")
with results:
    render_verdict_banner(assessment)
    render_dose(assessment)
    labels = [
        f"Findings ({len(assessment.findings)})",
        "Monitoring timeline",
        "Screening checklist",
        "Downloads",
    ]
    # Only the chosen tab is drawn: the hidden ones (the monitoring chart above all) were
    # re-sent and re-drawn by the browser on every input. Choosing a tab reruns the page.
    findings_tab, monitoring_tab, checklist_tab, downloads_tab = st.tabs(
        labels,
        default=labels[st.session_state.get(_CHOSEN_KEY, 0)],
        key=_TABS_KEY,
        on_change=_tab_chosen,
        args=(labels,),
    )
    if findings_tab.open:
        with findings_tab:
            render_findings(assessment)
    if monitoring_tab.open:
        with monitoring_tab:
            render_monitoring(plan, f"baricitinib-monitoring-{scenario_slug(assessment)}")
    if checklist_tab.open:
        with checklist_tab:
            render_checklist(checklist)
    if downloads_tab.open:
        with downloads_tab:
            render_downloads(assessment, plan, checklist)
    render_what_would_change(scenario)
with source:
    render_source_panel(citations(assessment))

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

results, source = st.columns([3, 2], gap="medium")
with results:
    render_verdict_banner(assessment)
    render_dose(assessment)
    findings_tab, monitoring_tab, checklist_tab, downloads_tab = st.tabs(
        [
            f"Findings ({len(assessment.findings)})",
            "Monitoring timeline",
            "Screening checklist",
            "Downloads",
        ]
    )
    with findings_tab:
        render_findings(assessment)
    with monitoring_tab:
        render_monitoring(plan, f"baricitinib-monitoring-{scenario_slug(assessment)}")
    with checklist_tab:
        render_checklist(checklist)
    with downloads_tab:
        render_downloads(assessment, plan, checklist)
    render_what_would_change(assessment)
with source:
    render_source_panel(citations(assessment))

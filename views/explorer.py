"""Scenario Explorer: inputs -> core -> ui. The default page, at "/"."""

import streamlit as st

from core import assess
from ui.scenario_state import scenario_sidebar
from ui.shell import page_header

page_header("Scenario Explorer")
scenario = scenario_sidebar("explorer")
assessment = assess(scenario)
st.metric("Verdict", assessment.verdict.value.replace("_", " "))
st.metric("Starting dose", f"{assessment.dose_mg} mg" if assessment.dose_mg else "not given")
for line in assessment.dose_reasoning:
    st.text(line)

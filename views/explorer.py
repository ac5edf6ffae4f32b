"""Explorer: the default scenario assessed by the core (the full page lands with the UI issue)."""

import streamlit as st

from core import Scenario, assess
from core.sources import notice

assessment = assess(Scenario())
st.title("Baricitinib prescribing explorer")
st.caption(notice())
st.metric("Verdict", assessment.verdict.value.replace("_", " "))
st.metric("Starting dose", f"{assessment.dose_mg} mg" if assessment.dose_mg else "not given")
for line in assessment.dose_reasoning:
    st.text(line)
for finding in assessment.findings:
    st.text(f"{finding.category.value}: {finding.text} [{', '.join(finding.passages)}]")
